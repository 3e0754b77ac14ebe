"""A user's ``git config`` that changes what ``git log`` writes must not
change what is scanned: every git the tools run reads its output with
``log.showSignature`` off and in UTF-8 (``gitrun.OUTPUT_CONFIG``).

``log.showSignature=true`` puts gpg's verdict on each signed commit into
the stream the commit walks are parsed from, and ``i18n.logOutputEncoding
=UTF-16`` turns each formatted commit line into NUL-split halves: before,
``scan --commits``/``--diff`` (what the pre-push gate runs) read no blob
and passed, exit 0, and ``scan --history`` failed on an internal error."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.cli_run import scan
from tests.conftest import git
from tests.conftest import write

MODES = (
    ('--commits', 'HEAD'),
    ('--diff', 'HEAD~2...HEAD'),
    ('--history',),
)


def _history(repo, keys) -> str:
    """A key added by the second of three commits, removed by the third."""
    write(repo, 'a.py', 'x = 1\n')
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'one')
    write(repo, 'k.py', f'client = Together(api_key="{keys()}")\n')
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'two')
    git(repo, 'rm', '-q', 'k.py')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'three')
    return git(repo, 'rev-parse', 'HEAD~1').strip()


def _found(repo, *args: str) -> list[tuple[str, str | None]]:
    got = scan(*args, '--format', 'json', cwd=repo)
    assert got.rc == 1, got.err
    assert 'error' not in got.err, got.err
    return [(f['path'], f.get('commit')) for f in got.json()['findings']]


@pytest.mark.parametrize('mode', MODES, ids=lambda m: m[0])
def test_log_output_in_another_encoding_is_read(git_repo, keys, mode):
    added = _history(git_repo, keys)
    git(git_repo, 'config', 'i18n.logOutputEncoding', 'UTF-16')
    assert _found(git_repo, *mode) == [('k.py', added)]


@pytest.mark.skipif(shutil.which('gpg') is None, reason='gpg is not installed')
@pytest.mark.parametrize('mode', MODES, ids=lambda m: m[0])
def test_signed_commits_shown_with_their_signatures_are_read(tmp_path, git_repo, keys, monkeypatch, mode):
    home = tmp_path / 'gnupg'
    home.mkdir(mode=0o700)
    monkeypatch.setenv('GNUPGHOME', str(home))
    subprocess.run(
        ('gpg', '--batch', '--passphrase', '', '--quick-gen-key', 'Dev <dev@example.com>',
         'ed25519', 'sign', 'never'),
        check=True, capture_output=True,
    )
    git(git_repo, 'config', 'user.signingkey', 'dev@example.com')
    git(git_repo, 'config', 'commit.gpgsign', 'true')
    added = _history(git_repo, keys)
    git(git_repo, 'config', 'log.showSignature', 'true')
    shown = git(git_repo, 'log', '-1', '--format=%H')
    assert 'gpg:' in shown  # gpg's verdict, in the log's own output
    assert _found(git_repo, *mode) == [('k.py', added)]
