"""A hostile tester's round against the server-side gate (session 32).

One real bare repository per module runs ``together-hooks pre-receive``
as its ``hooks/pre-receive``, and a real ``git push`` reaches it; each
test sets the hook's arguments it needs.  The pushes a test expects to
be refused leave the server as it was; those accepted go to a branch of
their own, so the tests share the server in any order.

What the server keeps of a push is held here: the report it writes
(``--output``), the audit log (``--audit-log``): one of each per push,
saying how the push ended.
"""
from __future__ import annotations

import json
import os
import stat

import pytest

from tests.conftest import git
from tests.conftest import write
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import run
from together_hooks.findings import hash_secret


@pytest.fixture(scope='module')
def served(tmp_path_factory):
    """(clone, server): a clone whose ``main`` the server has, one commit."""
    root = tmp_path_factory.mktemp('server32')
    server = bare(root / 'server.git')
    git(server, 'config', 'receive.advertisePushOptions', 'true')
    clone = root / 'clone'
    clone.mkdir()
    git(clone, 'init', '-q', '-b', 'main')
    git(clone, 'config', 'user.name', 'Dev')
    git(clone, 'config', 'user.email', 'dev@example.com')
    git(clone, 'remote', 'add', 'origin', server)
    write(clone, 'a.py', 'x = 1\n')
    commit(clone, 'first')
    rc, out = run(clone, clean_env(), 'git', 'push', '-q', 'origin', 'main')
    assert rc == 0, out
    return clone, server


@pytest.fixture
def gate(served, tmp_path):
    """``gate(*args)``: the server's hook runs ``together-hooks pre-receive
    args``; the clone starts each test at the server's ``main``."""
    clone, server = served
    git(clone, 'checkout', '-q', '-f', 'main')
    git(clone, 'reset', '-q', '--hard', 'origin/main')
    git(clone, 'clean', '-qfdx')

    def install(*args: str) -> tuple[str, str]:
        hook = os.path.join(server, 'hooks', 'pre-receive')
        with open(hook, 'w') as f:
            f.write('#!/bin/sh\nexec together-hooks pre-receive {}\n'.format(' '.join(args)))
        os.chmod(hook, os.stat(hook).st_mode | stat.S_IXUSR)
        return str(clone), server
    return install


def _lines(log) -> list[dict]:
    if not os.path.exists(log):
        return []
    with open(log, encoding='utf-8') as f:
        return [json.loads(line) for line in f]


def _main(server: str) -> str:
    return git(server, 'rev-parse', 'refs/heads/main').strip()


def test_a_refused_push_leaves_one_report_and_one_audit_line_with_every_finding(
        gate, tmp_path, keys):
    """Each check of the gate (the pushed commits, objects beside them,
    push options, a signed push's certificate) was a run of its own:
    ``--output`` was written again by each, so a push refused for a key in
    a commit left a report of the last check's, with no finding in it, and
    the audit log got a line per check, the last one ``success`` (exit 0)
    for a push the gate refused."""
    report, log = tmp_path / 'report.json', tmp_path / 'audit.jsonl'
    clone, server = gate('--format', 'json', '--output', str(report), '--audit-log', str(log))
    before = _main(server)
    key, other = keys(), keys()
    write(clone, 'cfg.py', f'TOGETHER_API_KEY = "{key}"\n')
    commit(clone, 'config')
    rc, out = run(clone, clean_env(), 'git', 'push', 'origin', 'main')
    assert rc != 0 and 'pre-receive hook declined' in out, out
    assert 'push refused, nothing was stored' in out, out
    assert _main(server) == before
    with open(report, encoding='utf-8') as f:
        found = json.load(f)['findings']
    assert [f['hashed_secret'] for f in found] == [hash_secret(key)], found
    lines = _lines(log)
    assert len(lines) == 1, lines
    assert lines[0]['result'] == 'failure' and lines[0]['metadata']['exit_code'] == 1
    assert lines[0]['metadata']['hashed_secrets'] == [hash_secret(key)]

    # A key in a push option beside it: both in the one report and line.
    rc, out = run(clone, clean_env(), 'git', 'push', '-o', f'ci.variable=TOKEN={other}',
                  'origin', 'main')
    assert rc != 0, out
    with open(report, encoding='utf-8') as f:
        found = json.load(f)['findings']
    assert sorted(f['hashed_secret'] for f in found) == sorted(map(hash_secret, (key, other)))
    assert out.count('report written to') == 1, out
    lines = _lines(log)
    assert len(lines) == 2 and lines[1]['metadata']['findings'] == 2, lines


def test_a_clean_push_leaves_one_clean_report_and_one_success_line(gate, tmp_path, keys):
    """The decoy: a push holding no key (a key id and an environment
    read, not keys) is accepted, reported clean, logged once as success."""
    report, log = tmp_path / 'report.json', tmp_path / 'audit.jsonl'
    clone, server = gate('--format', 'json', '--output', str(report), '--audit-log', str(log))
    keys()  # nothing made is shown
    write(clone, 'app.py', 'import os\nKEY = os.environ["TOGETHER_API_KEY"]\nKEY_ID = "key_12345"\n')
    commit(clone, 'clean')
    rc, out = run(clone, clean_env(), 'git', 'push', '-o', 'ci.skip', 'origin', 'main:refs/heads/clean32')
    assert rc == 0, out
    with open(report, encoding='utf-8') as f:
        assert json.load(f)['findings'] == []
    lines = _lines(log)
    assert len(lines) == 1 and lines[0]['result'] == 'success', lines


def test_an_env_file_refused_by_name_is_logged_as_refused(gate, tmp_path, keys):
    """``--forbid-env-files``: a push refused for an env file holding no
    key was logged ``success``, exit 0, while the hook exited 1."""
    log = tmp_path / 'audit.jsonl'
    clone, server = gate('--forbid-env-files', '--audit-log', str(log))
    before = _main(server)
    keys()
    write(clone, '.env', 'DEBUG=1\n')
    commit(clone, 'env')
    rc, out = run(clone, clean_env(), 'git', 'push', 'origin', 'main')
    assert rc != 0 and 'push refused (--forbid-env-files)' in out, out
    assert _main(server) == before
    lines = _lines(log)
    assert len(lines) == 1, lines
    assert lines[0]['result'] == 'failure' and lines[0]['metadata']['exit_code'] == 1, lines

    # The decoy: a template passes by name, and is logged as accepted.
    git(clone, 'reset', '-q', '--hard', 'origin/main')
    write(clone, '.env.example', 'DEBUG=1\n')
    commit(clone, 'template')
    rc, out = run(clone, clean_env(), 'git', 'push', 'origin', 'main:refs/heads/template32')
    assert rc == 0, out
    lines = _lines(log)
    assert len(lines) == 2 and lines[1]['result'] == 'success', lines


@pytest.mark.parametrize('on_timeout, result, code, field', [
    ('refuse', 'failure', 2, 'error'),
    ('accept', 'success', 0, 'warning'),
])
def test_a_push_the_time_bound_stops_is_on_the_audit_log(
        gate, tmp_path, keys, on_timeout, result, code, field):
    """A push the time bound stopped left no line on the audit log: one
    refused (fail closed) and, worse, one accepted UNSCANNED with
    ``--on-timeout accept`` were both missing from it."""
    log = tmp_path / 'audit.jsonl'
    clone, server = gate('--timeout', '0.000001', '--on-timeout', on_timeout,
                         '--audit-log', str(log))
    keys()
    write(clone, 'b.py', 'y = 2\n')
    commit(clone, 'more')
    rc, out = run(clone, clean_env(), 'git', 'push', 'origin', f'main:refs/heads/late32-{on_timeout}')
    assert (rc == 0) == (on_timeout == 'accept'), out
    lines = _lines(log)
    assert len(lines) == 1, lines
    line = lines[0]
    assert line['result'] == result and line['metadata']['exit_code'] == code, line
    assert '--timeout' in line['metadata'][field], line
