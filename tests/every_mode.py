"""Files committed and pushed through every mode that reads them, in one
real repository: the tree scan, ``--staged``, the pre-commit hook on the
files, ``--history``, ``--diff``, the pre-push hook (``gate_range_test``'s
``pushing``: a real ``git push`` to a bare repository) and a server's
pre-receive gate (a second bare remote, pushed with ``--no-verify``).
One repository and one push each for many files: cheaper than a repository
a case."""
from __future__ import annotations

import re

from tests.cli.pre_receive_test import install_gate
from tests.cli_run import leaked
from tests.cli_run import run as run_script
from tests.cli_run import scan
from tests.conftest import git
from tests.gitplay import bare
from tests.gitplay import commit
from tests.gitplay import run

_JSON_MODES = ('tree', 'staged', 'history', 'diff')


def every_mode(root, pushing, server, files: dict[str, bytes]) -> dict[str, object]:
    """``files`` written into ``root`` (the ``pushing`` fixture's repo,
    ``server`` a path for the gate's bare repository) and read by every
    mode: each mode's result (``scan``'s, or (exit code, output) of a push)."""
    run(root, pushing, 'git', 'commit', '-q', '--allow-empty', '-m', 'root')
    rc, out = run(root, pushing, 'git', 'push', '-q', 'origin', 'main')
    assert rc == 0, out
    gate = bare(server)
    install_gate(gate)
    git(root, 'remote', 'add', 'gate', gate)
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    modes: dict[str, object] = {'tree': scan('--format', 'json', '.', cwd=root)}
    git(root, 'add', '-A')
    modes['staged'] = scan('--staged', '--format', 'json', cwd=root)
    modes['hook'] = run_script('detect-together-keys', *sorted(files), cwd=root)
    commit(root, 'files')
    modes['history'] = scan('--history', '--format', 'json', cwd=root)
    modes['diff'] = scan('--diff', 'origin/main...HEAD', '--format', 'json', cwd=root)
    modes['pre-push'] = run(root, pushing, 'git', 'push', 'origin', 'main')
    modes['pre-receive'] = run(root, pushing, 'git', 'push', '--no-verify', 'gate', 'main')
    return modes


def assert_found_everywhere(modes: dict[str, object], keys: list[str], expected: set[tuple[str, str]]) -> None:
    """Every mode finds ``expected`` ((path, hashed secret) pairs) and
    nothing else, and no output shows any of ``keys``."""
    texts = []
    for name, result in modes.items():
        texts += [result.out, result.err] if name not in ('pre-push', 'pre-receive') else [result[1]]  # type: ignore[attr-defined,index]
    assert leaked(keys, *texts) == []
    for name in _JSON_MODES:
        result = modes[name]
        assert result.rc == 1, (name, result.err)  # type: ignore[attr-defined]
        found = {(f['path'], f['hashed_secret']) for f in result.json()['findings']}  # type: ignore[attr-defined]
        assert found == expected, name
    hook = modes['hook']
    assert hook.rc == 1, hook.err  # type: ignore[attr-defined]
    assert set(re.findall(r'^(.+?):\d+: ', hook.out, re.M)) == {p for p, _h in expected}  # type: ignore[attr-defined]
    for name in ('pre-push', 'pre-receive'):
        rc, out = modes[name]  # type: ignore[misc]
        assert rc != 0, (name, out)
        assert set(re.findall(r'hashed_secret ([0-9a-f]{40})', out)) == {h for _p, h in expected}, (name, out)
    for path, hashed in expected:
        assert re.search(re.escape(path) + r':\d+: .*' + hashed, modes['pre-receive'][1]), modes['pre-receive']  # type: ignore[index]
