"""What a repository's own excuses do in an org audit, as docs/org-audit.md
says: its baseline is not read (a recorded key is reported), a pragma on
the key's line still excuses it, as in every scan. The page said only
that "an audit reports every key in every history"."""
from __future__ import annotations

import os

from tests.cli_run import run
from tests.org.scan_org_test import commit
from tests.org.scan_org_test import hashed
from tests.org.scan_org_test import new_repo
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import write_lines

DOCS = os.path.join(os.path.dirname(__file__), '..', '..', 'docs', 'org-audit.md')


def test_a_baselined_key_is_reported_and_a_pragma_excuses_as_the_page_says(tmp_path, keys):
    recorded, behind = keys(), keys()
    repo = new_repo(tmp_path / 'app')
    commit(repo, {
        'conf.py': f'TOGETHER_API_KEY = "{recorded}"\n',
        'app.py': f'TOGETHER_API_KEY = "{behind}"  # pragma: allowlist secret\n',
    })
    assert run('together-hooks', 'baseline', 'create', cwd=repo).rc == 0
    commit(repo, {})  # the baseline, committed
    assert run('together-hooks', 'scan', '--history', cwd=repo).rc == 0
    result = scan_org('--repos', write_lines(tmp_path / 'repos.txt', repo),
                      '--store', str(tmp_path / 'audit.sqlite'), '--format', 'json')
    shown = {f['hashed_secret'] for f in result.json()['findings']}
    assert result.rc == 1 and shown == {hashed(recorded)}, result.err
    with open(DOCS, encoding='utf-8') as f:
        page = ' '.join(f.read().split())
    assert 'its `.secrets.baseline` is not read either' in page
    assert 'a `# pragma: allowlist secret` on the key\'s line excuses it' in page
