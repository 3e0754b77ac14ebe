"""``together-hooks scan --sarif-out FILE``: the findings as SARIF in FILE,
from the same scan as the ``--format`` report (a CI job's log and its
code-scanning upload from one scan).  Real processes in a real
repository: the file must be what ``--format sarif`` prints, the report
on stdout what it is without the option, and no key shown whole."""
from __future__ import annotations

import json
import os
import random

import pytest

from tests.cli_run import assert_error_line
from tests.cli_run import leaked
from tests.cli_run import scan
from tests.conftest import git
from tests.keys import make_hex
from tests.keys import make_key


@pytest.fixture
def history(git_repo):
    """Two commits holding keys (one in a folder named by a key: a path
    the scrub must cut), and the keys."""
    rng = random.Random(1313)
    k1, k2, k3 = make_key(rng), make_key(rng), make_key(rng)
    h1 = make_hex(rng)
    (git_repo / 'app.py').write_text(f'client = Together(api_key="{k1}")\n')
    (git_repo / '.env').write_text(f'TOGETHER_API_KEY={h1}\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'one')
    (git_repo / k3).mkdir()
    (git_repo / k3 / 'conf.yaml').write_text(f'together_api_key: {k2}\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'two')
    return git_repo, [k1, k2, k3, h1]


@pytest.mark.parametrize('fmt', ('json', 'text'))
def test_sarif_out_is_the_sarif_report_beside_the_format(history, tmp_path, fmt):
    repo, keys = history
    out = tmp_path / 'keys.sarif'
    out.write_text('old report\n')
    both = scan('--history', '--format', fmt, '--sarif-out', str(out), cwd=repo)
    alone = scan('--history', '--format', fmt, cwd=repo)
    sarif = scan('--history', '--format', 'sarif', cwd=repo)
    assert both.rc == alone.rc == sarif.rc == 1, both.err
    assert both.out == alone.out
    written = out.read_text(encoding='utf-8')
    assert written == sarif.out
    assert len(json.loads(written)['runs'][0]['results']) == 4  # the folder's name too
    assert both.err == alone.err + f'together-hooks: SARIF report written to {out}\n'
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith('keys')] == ['keys.sarif']
    assert leaked(keys, both.out, both.err, written) == []


def test_sarif_out_of_a_clean_scan(git_repo, tmp_path):
    (git_repo / 'a.py').write_text('KEY = os.environ["TOGETHER_API_KEY"]\n')
    git(git_repo, 'add', '-A')
    out = tmp_path / 'clean.sarif'
    r = scan('--staged', '--sarif-out', str(out), cwd=git_repo)
    assert r.rc == 0, r.err
    assert r.out == ''
    assert json.loads(out.read_text())['runs'][0]['results'] == []


def test_sarif_out_through_a_link_out_of_the_repository(history, tmp_path):
    """A link in the repository leading out is refused as ``--output``'s
    is (one line, exit 2), and the findings are shown all the same."""
    repo, keys = history
    victim = tmp_path / 'victim.txt'
    victim.write_text('mine\n')
    os.symlink(victim, repo / 'report.sarif')
    r = scan('--history', '--sarif-out', 'report.sarif', cwd=repo)
    assert_error_line(r, 'report.sarif')
    assert victim.read_text() == 'mine\n'
    assert 'app.py:1: together-api-key' in r.out
    assert leaked(keys, r.out, r.err) == []


@pytest.mark.parametrize(('args', 'words'), (
    (('--sarif-out', ''), ('--sarif-out', 'names no file')),
    (('--env-reuse', '--sarif-out', 'x.sarif'), ('--env-reuse', '--sarif-out')),
))
def test_sarif_out_refused(git_repo, args, words):
    """A blank name, and ``--env-reuse`` (which writes no findings): one
    line and exit 2, never a report silently not written."""
    r = scan(*args, cwd=git_repo)
    assert_error_line(r, *words)
    assert 'unrecognized' not in r.err
    assert not (git_repo / 'x.sarif').exists()
