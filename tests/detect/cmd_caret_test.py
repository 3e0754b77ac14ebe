"""A ``cmd`` line continued by a caret (``^`` at a line's end, as a
``.cmd`` or ``.bat`` file or Chrome's "Copy as cURL (cmd)" writes long
lines) inside a key: the pieces are joined as a wrapped key's are
(``codec._WRAP``), and must make exactly one key.  One folder, one real
scan in process."""
from __future__ import annotations

from tests.cli_run import scan_in_process as scan
from together_hooks.findings import hash_secret


def test_a_key_cut_by_a_caret_continuation_is_joined(tmp_path, keys):
    one, indented, short = keys(), keys(), keys()
    files = {
        'run.cmd': (f'@echo off\r\nset TOGETHER_API_KEY={one[:25]}^\r\n{one[25:]}\r\npython chat.py\r\n', {one}),
        # the continued line indented, as a script's author lines it up
        'deploy.bat': (f'curl https://api.together.xyz/v1/models ^\r\n  -H "Authorization: Bearer {indented[:30]}^\r\n'
                       f'    {indented[30:]}"\r\n', {indented}),
        # pieces that make more than a key are not one
        'long.cmd': (f'set A={short[:40]}^\r\n{short[40:]}XYZ\r\n', set()),
    }
    for rel, (text, _want) in files.items():
        (tmp_path / rel).write_bytes(text.encode())
    result = scan('--format', 'json', '.', cwd=tmp_path)
    assert result.rc == 1, result.err
    found: dict[str, set[str]] = {rel: set() for rel in files}
    for f in result.json()['findings']:
        found[f['path']].add(f['hashed_secret'])
    for rel, (_text, want) in files.items():
        assert found[rel] == {hash_secret(k) for k in want}, rel
