"""The not-a-key advice records only the findings it was given (base38).

`together-hooks baseline create` recorded every key in the work tree,
untracked files included: a user who allowed one JSON fixture as the
blocked commit advised also excused a real key in an untracked scratch
file, and its later `git add` + commit passed.  Now the advice names each
finding (`fixture.json:1`) and the command records only those."""
from __future__ import annotations

import json
import os
import re
import shlex

from tests.cli_run import BIN
from tests.cli_run import run_in_process as run
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write
from tests.precommit_test import _run
from tests.precommit_test import env  # noqa: F401 (fixture)
from tests.precommit_test import pre_commit_home  # noqa: F401 (fixture)
from tests.precommit_test import snapshot  # noqa: F401 (fixture)
from tests.readme_precommit_test import installed
from tests.readme_precommit_test import rev  # noqa: F401 (fixture)
from together_hooks.findings import hash_secret


def _recorded(repo) -> set[tuple[str, str]]:
    doc = json.loads((repo / '.secrets.baseline').read_text())
    return {(name, e['hashed_secret']) for name, entries in doc['results'].items() for e in entries}


def _baseline_command(out: str) -> list[str]:
    (command,) = re.findall(r'`(together-hooks baseline [^`]*)`', out)
    return shlex.split(command)


def test_the_advice_followed_through_pre_commit_excuses_only_the_fixture(git_repo, env, rev, repo_templates, keys):
    """Word by word through the real pre-commit: the fixture passes the
    first time, and the real key in an untracked scratch file (and one in
    an ignored file, forced in) still blocks its later commit."""
    installed(git_repo, env, rev, templates=repo_templates)
    fixture, scratch, ignored = keys(), keys(), keys()
    write(git_repo, 'fixture.json', '{"api_key": "%s"}\n' % fixture)
    write(git_repo, 'scratch.py', f'KEY = "{scratch}"\n')
    write(git_repo, 'local.env.bak', f'TOGETHER_API_KEY={ignored}\n')
    with open(git_repo / '.git' / 'info' / 'exclude', 'a') as f:
        f.write('*.bak\n')
    git(git_repo, 'add', 'fixture.json')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'fixture')
    assert rc == 1 and 'fixture.json:1:' in out, out
    command = _baseline_command(out)
    rc, said = _run(git_repo, env, os.path.join(BIN, command[0]), *command[1:])
    assert rc == 0, said
    git(git_repo, 'add', '.secrets.baseline')  # "then stage it"
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'fixture')
    assert rc == 0, out
    for name in ('scratch.py', 'local.env.bak'):
        git(git_repo, 'add', '-f', name)
        rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'later')
        assert rc == 1 and f'{name}:1:' in out, out  # before: rc 0, the key committed
        git(git_repo, 'reset', '-q', name)
    assert command[3:] == ['fixture.json:1'], command
    assert _recorded(git_repo) == {('fixture.json', hash_secret(fixture))}


def test_a_line_named_records_that_line_only(git_repo, keys):
    fake, real = keys(), keys()
    write(git_repo, 'fixture.json', '{"a": "%s",\n "b": "%s"}\n' % (fake, real))
    git(git_repo, 'add', '.')
    assert run('together-hooks', 'baseline', 'create', 'fixture.json:1', cwd=git_repo).rc == 0
    assert _recorded(git_repo) == {('fixture.json', hash_secret(fake))}
    blocked = scan('.')
    assert blocked.rc == 1 and 'fixture.json:2:' in blocked.out and 'fixture.json:1:' not in blocked.out
    # update names the other line: added, the first entry kept.
    assert run('together-hooks', 'baseline', 'update', 'fixture.json:2', cwd=git_repo).rc == 0
    assert _recorded(git_repo) == {('fixture.json', hash_secret(fake)), ('fixture.json', hash_secret(real))}
    assert scan('.').rc == 0


def test_a_file_named_is_recorded_and_no_other(git_repo, keys):
    """A file named (untracked or ignored too) is recorded whole; the
    files not named, tracked or not, are left as they are."""
    tracked, untracked, ignored = keys(), keys(), keys()
    write(git_repo, 'a.py', f'K = "{tracked}"\n')
    write(git_repo, 'b.py', f'K = "{untracked}"\n')
    write(git_repo, 'c.log', f'K = "{ignored}"\n')
    write(git_repo, '.gitignore', '*.log\n')
    git(git_repo, 'add', 'a.py', '.gitignore')
    assert run('together-hooks', 'baseline', 'create', 'a.py', cwd=git_repo).rc == 0
    assert _recorded(git_repo) == {('a.py', hash_secret(tracked))}
    assert run('together-hooks', 'baseline', 'update', 'c.log', cwd=git_repo).rc == 0
    assert _recorded(git_repo) == {('a.py', hash_secret(tracked)), ('c.log', hash_secret(ignored))}
    blocked = scan('.')
    assert blocked.rc == 1 and 'b.py:1:' in blocked.out, blocked.out


def test_a_named_line_of_a_file_that_differs_from_the_index_is_refused(git_repo, keys):
    """The hook's line numbers are the staged content's: an unstaged edit
    can put another (real) key on the named line."""
    fake, real = keys(), keys()
    write(git_repo, 'fixture.json', '{"a": "%s"}\n' % fake)
    git(git_repo, 'add', '.')
    write(git_repo, 'fixture.json', '{"b": "%s",\n "a": "%s"}\n' % (real, fake))
    result = run('together-hooks', 'baseline', 'create', 'fixture.json:1', cwd=git_repo)
    assert result.rc == 2 and 'differs from what is staged' in result.err, result.err
    assert len(result.err.strip().splitlines()) == 1 and 'Traceback' not in result.err
    assert not (git_repo / '.secrets.baseline').exists()
    # The file named whole is no line number: its keys are recorded.
    assert run('together-hooks', 'baseline', 'create', 'fixture.json', cwd=git_repo).rc == 0
    assert _recorded(git_repo) == {('fixture.json', hash_secret(fake)), ('fixture.json', hash_secret(real))}


def test_a_name_that_selects_nothing_writes_nothing(git_repo, keys):
    write(git_repo, 'app.py', f'K = "{keys()}"\n')
    git(git_repo, 'add', '.')
    for names in (['app.py:2'], ['nothere.py'], ['.'], ['app.py:1', 'app.py:7']):
        result = run('together-hooks', 'baseline', 'create', *names, cwd=git_repo)
        assert result.rc == 2 and len(result.err.strip().splitlines()) == 1, (names, result.err)
        assert not (git_repo / '.secrets.baseline').exists()


def test_a_key_you_hold_is_not_recorded_when_named(git_repo, keys, monkeypatch):
    held = keys()
    monkeypatch.setenv('TOGETHER_API_KEY', held)
    write(git_repo, 'app.py', f'K = "{held}"\n')
    git(git_repo, 'add', '.')
    result = run('together-hooks', 'baseline', 'create', 'app.py:1', cwd=git_repo)
    assert result.rc == 1 and 'not recorded app.py:1' in result.err, result.err
    assert _recorded(git_repo) == set()


def test_the_advice_names_each_finding_from_where_the_command_runs(git_repo, keys, tmp_path):
    write(git_repo, 'sub/a.json', '{"k": "%s"}\n' % keys())
    write(git_repo, 'sub/b.py', 'K = "%s"\n' % keys())
    git(git_repo, 'add', '.')
    here = scan('.', cwd=git_repo / 'sub')
    assert '`together-hooks baseline create a.json:1 b.py:1`' in here.out, here.out
    away = scan(str(git_repo / 'sub'), cwd=tmp_path)
    rel = os.path.relpath(git_repo, tmp_path)
    assert f'`cd {rel} && together-hooks baseline create sub/a.json:1 sub/b.py:1`' in away.out, away.out


def test_a_key_in_a_symlink_target_is_recorded_as_advised(git_repo, keys):
    """The advice names a link whose target holds the key (`link:1`): a
    link is a name, not a file to open, and the command takes it."""
    key = keys()
    os.symlink(key, git_repo / 'link')
    git(git_repo, 'add', '.')
    command = _baseline_command(scan('.').out)
    assert command[3:] == ['link:1'], command
    assert run(*command, cwd=git_repo).rc == 0
    assert _recorded(git_repo) == {('link', hash_secret(key))}
    assert scan('.').rc == 0
