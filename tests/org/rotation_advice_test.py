"""What a store's reader is told to do about the keys it lists: the
rotation steps every other report gives (a new key, the environment
updated, the new key verified, then the old one revoked), and the command
that walks through one key by the ``hashed_secret`` each row shows."""
from __future__ import annotations

import json

from tests.cli_run import run
from tests.org.scan_org_test import hashed
from tests.org.scan_org_test import key_repo
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import write_lines
from together_hooks.rules import ROTATE_URL

STEPS = 'create a new key, update your environment, verify it, then revoke the old one'


def test_every_report_of_a_store_gives_every_rotation_step(tmp_path, keys):
    """The run's text and ``report --format text|markdown|sarif`` said
    "Rotate every key found at URL, then revoke the old one": revoking
    before the new key is in the environment and verified takes down
    whatever still uses the old one."""
    key = keys()
    repo, _added = key_repo(tmp_path / 'app', key)
    store = str(tmp_path / 'audit.sqlite')
    first = scan_org('--repos', write_lines(tmp_path / 'repos.txt', repo), '--store', store,
                     '--cache-dir', str(tmp_path / 'cache'))
    assert first.rc == 1, first.err
    reports = {'run': first.out}
    for fmt in ('text', 'markdown', 'sarif'):
        r = run('together-hooks', 'scan-org', 'report', '--store', store, '--format', fmt,
                cwd=tmp_path)
        assert r.rc == 1, r.err
        reports[fmt] = r.out
    for fmt, text in reports.items():
        assert f'{ROTATE_URL} ({STEPS})' in text, fmt
        assert key not in text, fmt
    results = json.loads(reports['sarif'])['runs'][0]['results']
    assert all(STEPS in r['message']['text'] for r in results) and results
    for fmt in ('run', 'text', 'markdown'):
        assert '`together-hooks rotate-help --hashed-secret HASHED_SECRET` walks through one' \
            in reports[fmt], fmt
    # The command, as it says, with the hashed_secret the row shows.
    assert hashed(key) in reports['text']
    walk = run('together-hooks', 'rotate-help', '--hashed-secret', hashed(key), cwd=repo)
    assert walk.rc == 0 and 'Create a new key' in walk.out and 'Verify' in walk.out, walk.err
