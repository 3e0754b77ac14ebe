"""``scan-org report --format markdown``: a section per repository, for an
issue or a pull request comment; no key, and nothing a path or an author
holds can break out of its table cell."""
from __future__ import annotations

import re

from tests.conftest import git
from tests.org.scan_org_test import commit
from tests.org.scan_org_test import new_repo
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import write_lines


def _cells(row: str) -> list[str]:
    """A GFM table row's cells: split at each ``|`` not escaped."""
    return [c.strip() for c in re.split(r'(?<!\\)\|', row.strip())[1:-1]]


def test_markdown_report_per_repository(tmp_path, keys):
    key, other = keys(), keys()
    repo = new_repo(tmp_path / 'app')
    git(repo, 'config', 'user.name', 'Eve ``](https://evil.example) | <img src=x>')
    added = commit(repo, {'cfg/a|b`c`.py': f'TOGETHER_API_KEY = "{key}"\n'})
    second = new_repo(tmp_path / 'lib')
    commit(second, {'settings.py': f'together_api_key = "{other}"\n'})
    listing = write_lines(tmp_path / 'r.txt', repo, second, str(tmp_path / 'gone'))
    (tmp_path / 'gone').mkdir()  # a folder that is no repository: not scanned
    store = str(tmp_path / 's.sqlite')
    ran = scan_org('--repos', listing, '--store', store, '--cache-dir', str(tmp_path / 'c'),
                   '--format', 'markdown')
    assert ran.rc == 2, ran.err
    report = scan_org('report', '--store', store, '--format', 'markdown')
    assert report.rc == 2 and report.out == ran.out
    md = report.out
    assert key not in md and key[7:] not in md and other[7:] not in md
    assert md.count('\n## ') == 3  # app, lib, not scanned
    assert '2 finding(s) in 2 repositories; 1 repositories not scanned.' in md
    rows = [line for line in md.splitlines() if line.startswith('| `')]
    app_row = next(r for r in rows if added[:12] in r)
    cells = _cells(app_row)
    assert len(cells) == 9, cells
    path, line, rule, shown, hashed, sha, author = cells[:7]
    assert path == r'`` cfg/a\|b`c`.py ``' and line == '` 1 `'
    assert re.fullmatch(r'` tgp_v1_\S\S…\S\S `', shown)
    assert sha == f'` {added[:12]} `'
    # The author is one code span: its backticks and pipe cannot end it.
    assert author.startswith('``` Eve ``](https://evil.example) \\| img src=x')
    assert author.endswith(' ```')
    gone = next(line for line in md.splitlines() if 'gone' in line)
    assert len(_cells(gone)) == 2
