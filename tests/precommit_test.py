"""The real pre-commit framework runs this checkout's hooks.

A temp repository's ``.pre-commit-config.yaml`` points ``repo:`` at a
snapshot of this checkout's work tree -- uncommitted edits and new files
included, so what is tested is what is on disk, not HEAD -- and pre-commit
clones and installs the package from it exactly as a user's machine would.
The hook environment is built once per test session in a shared
PRE_COMMIT_HOME.
"""
from __future__ import annotations

import fcntl
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_run import leaked
from tests.conftest import git
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.findings import hash_secret
from together_hooks.findings import redact

CHECKOUT = Path(__file__).resolve().parent.parent
PRE_COMMIT = os.path.join(os.path.dirname(sys.executable), 'pre-commit')
HOOK_ID = 'detect-together-keys'


@pytest.fixture(scope='session')
def pre_commit_home(tmp_path_factory):
    # Under xdist every worker has its own basetemp; their parent is shared,
    # and pre-commit's store lock lets the workers share one environment.
    base = tmp_path_factory.getbasetemp()
    if os.environ.get('PYTEST_XDIST_WORKER'):
        base = base.parent
    home = base / 'pre-commit-home'
    home.mkdir(exist_ok=True)
    return home


@pytest.fixture(scope='session')
def snapshot(pre_commit_home) -> tuple[str, str]:
    """(repo, rev): the work tree as it is now (tracked and untracked files,
    less what .gitignore leaves out) committed into a scratch repository.

    ``pre-commit try-repo`` does the same for uncommitted changes but skips
    new untracked files and installs afresh on every call; here the commit
    is made once, with fixed names and dates so every xdist worker makes the
    same commit and pre-commit installs it once."""
    where = pre_commit_home.parent / 'checkout-snapshot'
    env = {k: v for k, v in os.environ.items() if not k.startswith('GIT_')}
    env.update(
        GIT_DIR=str(where / '.git'), GIT_WORK_TREE=str(CHECKOUT),
        GIT_INDEX_FILE=str(where / 'snapshot-index'),
        GIT_AUTHOR_NAME='snapshot', GIT_AUTHOR_EMAIL='snapshot@example.com',
        GIT_COMMITTER_NAME='snapshot', GIT_COMMITTER_EMAIL='snapshot@example.com',
        GIT_AUTHOR_DATE='2026-01-01T00:00:00Z', GIT_COMMITTER_DATE='2026-01-01T00:00:00Z',
    )

    def git_snap(*args: str) -> str:
        return subprocess.run(
            ('git', *args), env=env, check=True, capture_output=True, text=True,
        ).stdout.strip()
    with open(pre_commit_home.parent / 'checkout-snapshot.lock', 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # xdist workers make it one at a time
        if not (where / '.git').exists():
            subprocess.run(('git', 'init', '-q', str(where)), check=True, capture_output=True)
        git_snap('add', '-A')
        rev = git_snap('commit-tree', git_snap('write-tree'), '-m', 'work tree snapshot')
        git_snap('update-ref', 'refs/heads/snapshot', rev)
        # Packed once: every store that clones it (the session's, each
        # ``try-repo``'s, a clone's ``autoupdate``) fetches from a pack git
        # reuses as it is, where loose objects were deflated and searched
        # for deltas again on every fetch.  Only the objects written just
        # now (none when another worker made the same commit first), and
        # no pack removed, so a fetch under way elsewhere reads on.
        git_snap('repack', '-q', '-d')
    return str(where), rev


@pytest.fixture
def env(pre_commit_home):
    clean = {
        k: v for k, v in os.environ.items()
        if not k.startswith(('GIT_', 'PRE_COMMIT')) and k != 'SKIP'
    }
    clean.update(PRE_COMMIT_HOME=str(pre_commit_home), PRE_COMMIT_COLOR='never')
    return clean


def _run(cwd, env, *cmd) -> tuple[int, str]:
    proc = subprocess.run(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, timeout=600,
    )
    return proc.returncode, proc.stdout.decode('utf-8', 'replace')


def _config(repo: str, rev: str) -> str:
    return (
        'repos:\n'
        f'-   repo: {repo}\n'
        f'    rev: {rev}\n'
        '    hooks:\n'
        f'    -   id: {HOOK_ID}\n'
    )


def _head(repo) -> str | None:
    proc = subprocess.run(
        ('git', 'rev-parse', '-q', '--verify', 'HEAD'), cwd=repo,
        capture_output=True, text=True,
    )
    return proc.stdout.strip() or None


def test_staged_key_blocks_commit_and_clean_change_passes(git_repo, env, snapshot):
    rng = random.Random(41)
    key, hexkey = make_key(rng), make_hex(rng)
    (git_repo / '.pre-commit-config.yaml').write_text(_config(*snapshot))
    rc, out = _run(git_repo, env, PRE_COMMIT, 'install')
    assert rc == 0, out
    git(git_repo, 'add', '.')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'config')
    assert rc == 0, out
    assert 'Detect Together AI API keys' in out
    first = _head(git_repo)

    # A key staged, then removed from the work tree: the commit must still
    # be blocked (pre-commit stashes unstaged changes; the hook sees the
    # index version).
    (git_repo / 'app.py').write_text(f'import os\n\nclient = Together(api_key="{key}")\n')
    (git_repo / '.env').write_text(f'TOGETHER_API_KEY={hexkey}\n')
    git(git_repo, 'add', 'app.py', '.env')
    (git_repo / 'app.py').write_text('import os\n')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'leak')
    assert rc != 0, out
    assert _head(git_repo) == first  # no commit was created
    assert f'app.py:3: together-api-key: {redact(key)}' in out
    assert f'.env:1: together-legacy-api-key: {redact(hexkey)}' in out
    assert hash_secret(key) in out
    assert 'https://api.together.xyz/settings/api-keys' in out
    assert leaked([key, hexkey], out) == []
    # The user's unstaged edit is back after the hook ran.
    assert (git_repo / 'app.py').read_text() == 'import os\n'

    # A clean change commits.
    git(git_repo, 'add', 'app.py')
    git(git_repo, 'rm', '-q', '--cached', '.env')
    (git_repo / 'README.md').write_text('TOGETHER_API_KEY=${TOGETHER_API_KEY}\n')
    git(git_repo, 'add', 'README.md')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'clean')
    assert rc == 0, out
    assert 'Passed' in out
    assert _head(git_repo) != first
    assert git(git_repo, 'ls-files').split() == [
        '.pre-commit-config.yaml', 'README.md', 'app.py',
    ]


def tried(
        tmp_path, out: str, cwd, given: str, rev: str, hook: str | tuple[str, ...],
        repo: str | None = None,
) -> str:
    """The config ``pre-commit try-repo given hook --ref rev`` (run in
    ``cwd``, a work tree's top) wrote for itself and printed in ``out``,
    written to a folder of its own, naming ``repo`` (default: ``given``;
    pre-commit prints a local path relative to the top, as it ran it).
    ``pre-commit run --config`` of it with the session's pre-commit home
    runs what ``try-repo`` ran, less its fresh store: a try-repo builds a
    store and installs the package into it on every call (about 12 CPU-s),
    which a second call in the same test proves nothing more by."""
    import re

    block = re.search('Using config:\n={79}\n(.*?)={79}\n', out, re.S)
    assert block is not None, out
    shown = re.match('repos:\n-   repo: (.*)\n', block.group(1))
    assert shown is not None, out
    assert os.path.samefile(os.path.join(cwd, shown.group(1)), given), (shown.group(1), given)
    ids = ''.join(f'    -   id: {h}\n' for h in ((hook,) if isinstance(hook, str) else hook))
    template = 'repos:\n-   repo: {}\n    rev: {}\n    hooks:\n{}'
    assert block.group(1) == template.format(shown.group(1), rev, ids), out
    config = tmp_path / 'try-repo-config' / '.pre-commit-config.yaml'
    config.parent.mkdir()
    config.write_text(template.format(repo or given, rev, ids))
    return str(config)


def test_snapshot_is_the_work_tree_on_disk(snapshot):
    # What pre-commit installs above is the code being tested: every file
    # on disk that git would track, edited or new, as it is now.
    repo, rev = snapshot
    listed = dict(
        line.split('\t', 1)[::-1]
        for line in git(repo, 'ls-tree', '-r', '--format=%(objectname)\t%(path)', rev).splitlines()
    )
    on_disk = git(CHECKOUT, 'ls-files', '-co', '--exclude-standard').splitlines()
    assert sorted(listed) == sorted(p for p in on_disk if os.path.lexists(CHECKOUT / p))
    for path in (Path(__file__).relative_to(CHECKOUT).as_posix(), 'together_hooks/__init__.py'):
        assert listed[path] == git(CHECKOUT, 'hash-object', path).strip()


def test_keys_in_many_staged_files_are_one_report(git_repo, env, snapshot):
    """pre-commit splits a long file list over one process per core; the
    hook asks to run as one, so a commit of many files gets one list,
    one total and one "What to do", not one per batch."""
    rng = random.Random(43)
    (git_repo / '.pre-commit-config.yaml').write_text(_config(*snapshot))
    rc, out = _run(git_repo, env, PRE_COMMIT, 'install')
    assert rc == 0, out
    keys = []
    for i in range(24):
        text = f'x = {i}\n'
        if i % 3 == 0:  # in every batch pre-commit would make
            keys.append(make_key(rng))
            text += f'KEY = "{keys[-1]}"\n'
        (git_repo / f'm{i:02d}.py').write_text(text)
    git(git_repo, 'add', '.')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'many')
    assert rc == 1, out
    assert out.count('What to do:') == 1, out
    assert 'together-hooks: 8 Together API key(s) found in 8 file(s).' in out
    assert [line.split(':', 1)[0] for line in out.splitlines() if ': together-api-key: ' in line] == [
        f'm{i:02d}.py' for i in range(0, 24, 3)
    ]
    assert leaked(keys, out) == []
