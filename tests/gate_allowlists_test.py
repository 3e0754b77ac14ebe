"""Allowlists a reviewer cannot see do not count at the gate.

- An inline pragma counts where a reviewer sees it beside the key: not
  pushed past column 120 of its line by filler or other code (a diff view
  does not wrap), nor concealed by a terminal escape sequence.
- A baseline or config file is the one the repository holds: a link out
  of the work tree (at its name, or a folder on the way) is refused, one
  line, exit 2, never read.

Real repositories, the real pre-commit running the hook as users install
it, the documented CI command.
"""
from __future__ import annotations

import os

import pytest

from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import install
from tests.gitplay import local_hooks_config
from tests.gitplay import manifest
from tests.gitplay import run
from together_hooks.findings import hash_secret


@pytest.fixture
def committing(git_repo, repo_templates):
    """The hook installed for the pre-commit stage by the real pre-commit
    (once a session: tests/gitplay.Templates)."""
    def build(repo):
        write(repo, '.pre-commit-config.yaml', local_hooks_config(
            ('detect-together-keys', manifest('detect-together-keys')), stages='pre-commit'))
        install(repo, repo_templates.env)
        git(repo, 'add', '.pre-commit-config.yaml')
        rc, out = run(repo, repo_templates.env, 'git', 'commit', '-q', '-m', 'hooks')
        assert rc == 0, out
    return repo_templates.into(git_repo, 'allowlists-committing', build)


def _commit(repo, env) -> tuple[int, str]:
    git(repo, 'add', '-A')
    return run(repo, env, 'git', 'commit', '-q', '-m', 'change')


OUT_OF_VIEW = (
    'K = "{k}"  ' + '#' * 200 + ' # pragma: allowlist secret\n',
    'K = "{k}"; ' + 'step(); ' * 25 + '# pragma: allowlist secret\n',
    'CONFIG = {{"a": "' + 'x ' * 100 + '", "key": "{k}"}}  # pragma: allowlist secret\n',
    # A pragma in view, the key out of view after it.
    'K = 1  # pragma: allowlist secret' + ' ' * 300 + '{k}\n',
    # Concealed in a terminal's git diff (less -R passes the escape).
    'K = "{k}"  \x1b[8m# pragma: allowlist secret\x1b[0m\n',
)


@pytest.mark.parametrize('line', OUT_OF_VIEW)
def test_a_pragma_pushed_out_of_view_does_not_pass_the_hook(git_repo, keys, committing, line):
    key = keys()
    write(git_repo, 'app.py', line.format(k=key))
    rc, out = _commit(git_repo, committing)
    assert rc == 1, out
    assert hash_secret(key) in out
    # In view, beside its key, the same pragma lets the commit through.
    write(git_repo, 'app.py', f'K = "{key}"  # pragma: allowlist secret\n')
    rc, out = _commit(git_repo, committing)
    assert rc == 0, out


def _outside_baseline(repo, tmp_path) -> str:
    """A baseline out of the work tree that records every key ``repo`` holds."""
    path = str(tmp_path / 'elsewhere' / 'outside.baseline')
    os.makedirs(os.path.dirname(path))
    result = scan('--format', 'json', cwd=repo)  # no baseline yet: it finds them
    assert result.rc == 1, result.err
    made = run(repo, clean_env(), 'together-hooks', 'baseline', 'create', '--baseline', path)
    assert made[0] == 0, made[1]
    return path


@pytest.mark.parametrize('how', ('root link', 'folder link', 'config names it'))
def test_a_baseline_linked_out_of_the_repository_is_refused(
        git_repo, tmp_path, keys, committing, how,
):
    """A committed ``.secrets.baseline -> /somewhere/else`` (or a folder
    link on its path) made the hook take a file no reviewer of the
    repository sees as its allowlist."""
    key = keys()
    write(git_repo, 'app.py', f'K = "{key}"\n')
    outside = _outside_baseline(git_repo, tmp_path)
    if how == 'root link':
        os.symlink(outside, git_repo / '.secrets.baseline')
        named = '.secrets.baseline'
    else:
        os.symlink(os.path.dirname(outside), git_repo / 'cfg')
        named = 'cfg/outside.baseline'
        if how == 'config names it':
            write(git_repo, '.together-hooks.toml', f'baseline = "{named}"\n')
        else:
            config = local_hooks_config(('detect-together-keys', manifest(
                'detect-together-keys') + f'\nargs: [--baseline, {named}]'), stages='pre-commit')
            write(git_repo, '.pre-commit-config.yaml', config)
    rc, out = _commit(git_repo, committing)
    assert rc != 0, out
    assert f'{named} ' in out and 'out of the repository' in out, out
    assert git(git_repo, 'log', '--format=%s').split('\n')[0] == 'hooks'
    # The CI gate on the same change: one line, exit 2.
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'pushed past the hook')
    flag = ('--baseline', named) if how == 'folder link' else ()
    result = scan('--diff', 'HEAD~1...HEAD', *flag, cwd=git_repo)
    assert result.rc == 2 and 'out of the repository' in result.err, result.err
    # The same baseline named where it really is, by the user: used.
    result = scan('--diff', 'HEAD~1...HEAD', '--baseline', outside, cwd=git_repo)
    assert result.rc == 0, result.err


def test_a_config_linked_out_of_the_repository_is_refused(git_repo, tmp_path, keys):
    key = keys()
    write(git_repo, 'app.py', f'K = "{key}"\n')
    outside = tmp_path / 'outside.toml'
    outside.write_text(f'allow = ["{hash_secret(key)}"]\n')
    os.symlink(outside, git_repo / '.together-hooks.toml')
    commit(git_repo)
    result = scan('--diff', 'HEAD', cwd=git_repo)
    assert result.rc == 2, result.err
    assert '.together-hooks.toml is a symlink out of the repository' in result.err


@pytest.mark.parametrize('how', ('dot-dot', 'folder link', 'root link'))
def test_a_baseline_another_repositorys_config_names_out_of_it_is_refused(
        git_repo, tmp_path, keys, how,
):
    """``scan ../other`` from another repository: the baseline ``other``'s
    config names was checked against the repository the run stood in, not
    against ``other``, so a config naming ``../elsewhere/x.baseline`` (or
    a committed link out) excused every key ``other`` holds.  A baseline
    that leads out of the repository scanned: one line, exit 2."""
    other = tmp_path / 'other'
    other.mkdir()
    git(other, 'init', '-q', '-b', 'main')
    key = keys()
    write(other, 'app.py', f'K = "{key}"\n')
    outside = _outside_baseline(other, tmp_path)
    named = {'dot-dot': os.path.relpath(outside, other), 'folder link': 'cfg/outside.baseline',
             'root link': '.secrets.baseline'}[how]
    if how == 'folder link':
        os.symlink(os.path.dirname(outside), other / 'cfg')
    if how == 'root link':
        os.symlink(outside, other / '.secrets.baseline')
    else:
        write(other, '.together-hooks.toml', f'baseline = "{named}"\n')
        git(other, 'add', '.together-hooks.toml')  # as a clone brings it
    # Run from the other repository's own root, the baseline is refused ...
    result = scan('.', cwd=other)
    assert result.rc == 2, (result.out, result.err)
    assert len(result.err.splitlines()) == 1 and 'Traceback' not in result.err
    # ... and run from another repository, it was read.
    result = scan('../other', cwd=git_repo)
    assert result.rc == 2, (result.out, result.err)
    assert len(result.err.splitlines()) == 1 and 'Traceback' not in result.err
    assert 'out of the repository' in result.err, result.err


def test_an_untracked_config_names_the_users_own_baseline_anywhere(git_repo, tmp_path, keys):
    """A config file git does not track is the user's own (no clone brings
    it): its ``baseline = "../shared/x.baseline"`` is as if typed with
    --baseline, and was refused as "out of the repository" (read and
    written).  Once the same config is tracked, it is the repository's,
    and refused as before."""
    key = keys()
    write(git_repo, 'app.py', f'K = "{key}"\n')
    outside = _outside_baseline(git_repo, tmp_path)
    write(git_repo, '.together-hooks.toml', f'baseline = "{os.path.relpath(outside, git_repo)}"\n')
    result = scan('.', cwd=git_repo)
    assert result.rc == 0, (result.out, result.err)
    made = run(git_repo, clean_env(), 'together-hooks', 'baseline', 'update')
    assert made[0] == 0, made[1]
    # From another folder too (scan path/to/repo).
    result = scan(str(git_repo), cwd=tmp_path)
    assert result.rc == 0, (result.out, result.err)
    git(git_repo, 'add', '.together-hooks.toml')
    result = scan('.', cwd=git_repo)
    assert result.rc == 2 and 'out of the repository' in result.err, result.err
    made = run(git_repo, clean_env(), 'together-hooks', 'baseline', 'update')
    assert made[0] == 2 and 'outside the work tree' in made[1], made[1]
