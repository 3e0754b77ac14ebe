"""A file the repository's committed settings make us WRITE (a hook's
``--output`` or ``--audit-log`` in .pre-commit-config.yaml, the config
file's ``baseline``) is never in ``.git`` (named directly, through ``..``,
in another case, a worktree's or submodule's ``.git`` file) and never
outside the work tree: every clone runs those settings, and git runs what
``.git/hooks`` holds.  Real git, real pre-commit."""
from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest
import yaml

from tests.cli_run import BIN, run
from tests.cli_run import run_in_process
from tests.conftest import git
from tests.keys import make_key

HOOK = 'post-checkout'
SCRIPT = b'#!/bin/sh\necho mine\n'


def _pre_commit(repo, tmp_path, args, real: bool = False):
    """A committed config whose key hook has ``args``, run as pre-commit
    runs it: the real ``pre-commit run --files f.py`` where ``real``;
    otherwise the hook's ``entry`` with the config's ``args`` (read from
    the committed yaml) and ``f.py``, ``PRE_COMMIT=1``, at the top, its
    stdout and stderr together, and pre-commit's exit code for it (1 when
    the hook fails).  The real pre-commit stays for one case of each test
    that names what a committed setting writes (and every run of the
    work-tree, worktree and first-run tests), which proves pre-commit
    hands the hook these args; a start of it costs several of the hook's."""
    hook = f'{sys.executable} -m together_hooks.hooks.detect_together_keys'
    config = (
        'repos:\n-   repo: local\n    hooks:\n'
        '    -   id: detect-together-keys\n        name: keys\n'
        f'        entry: {hook}\n        language: system\n        types: [file]\n'
        f'        args: {args}\n'
    )
    (repo / '.pre-commit-config.yaml').write_text(config)
    (repo / 'f.py').write_text('k = 1\n')
    git(repo, 'add', 'f.py', '.pre-commit-config.yaml')
    git(repo, 'commit', '-qm', 'config', '--no-verify', '--allow-empty')
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / 'pc-home'))
    env.pop('TOGETHER_HOOKS_AUDIT_LOG', None)
    if real:
        return subprocess.run(
            (sys.executable, '-m', 'pre_commit', 'run', '--files', 'f.py'), cwd=repo,
            env=env, capture_output=True, text=True,
        )
    (entry,) = yaml.safe_load(config)['repos'][0]['hooks']
    # The entry's main(argv) in this process (what a usage or refusal
    # answers is its, not the interpreter's start; tests/cli_run).
    assert entry['entry'] == hook
    result = run_in_process(
        'detect-together-keys', *entry['args'], 'f.py', cwd=repo, env=dict(env, PRE_COMMIT='1'),
    )
    output = result.out + result.err
    assert result.rc in (0, 1, 2) and 'Traceback' not in output, output
    return subprocess.CompletedProcess(entry['args'], int(result.rc != 0), output, '')


def _hooks_before(repo):
    hooks = repo / '.git' / 'hooks'
    hooks.mkdir(exist_ok=True)
    (hooks / HOOK).write_bytes(SCRIPT)
    (hooks / HOOK).chmod(0o755)
    return {p.name: p.read_bytes() for p in (repo / '.git').rglob('*') if p.is_file()
            and 'objects' not in p.parts and p.name not in ('index', 'ORIG_HEAD')
            and 'logs' not in p.parts and 'refs' not in p.parts and p.name != 'COMMIT_EDITMSG'}


@pytest.mark.parametrize('named', [
    f'.git/hooks/{HOOK}', 'sub/../.git/config', '.git/hooks/pre-commit', '.GIT/hooks/x',
    '.git./x',
])
def test_a_committed_output_is_never_inside_git(git_repo, tmp_path, named):
    """``args: [--output, .git/hooks/post-checkout]`` in a committed
    .pre-commit-config.yaml replaced the hook git runs on the next checkout
    with the report (its mode kept: executable).  Refused in one line, the
    .git folder as it was; on a case-insensitive or NTFS file system
    ``.GIT`` and ``.git.`` are .git, so their names are refused anywhere."""
    for odd in ('.GIT', '.git.'):
        (git_repo / odd / 'hooks').mkdir(parents=True)  # as such a file system has it
    (git_repo / 'sub').mkdir()
    before = _hooks_before(git_repo)
    proc = _pre_commit(git_repo, tmp_path, f'[--output, {named}]', real=named == f'.git/hooks/{HOOK}')
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "inside the repository's .git folder" in out and 'Traceback' not in out
    assert _hooks_before(git_repo) == before
    assert not os.listdir(git_repo / '.GIT' / 'hooks') and os.listdir(git_repo / '.git.') == ['hooks']


def test_a_committed_output_is_never_outside_the_work_tree(git_repo, tmp_path):
    proc = _pre_commit(git_repo, tmp_path, '[--output, ../outside.txt]', real=True)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert 'outside the work tree' in out and 'Traceback' not in out
    assert not (tmp_path / 'outside.txt').exists()
    # In the work tree (and ignored, as a committed report must be): written.
    (git_repo / '.git' / 'info').mkdir(exist_ok=True)
    (git_repo / '.git' / 'info' / 'exclude').write_text('/reports/\n')
    proc = _pre_commit(git_repo, tmp_path, '[--output, reports/keys.txt]', real=True)
    assert proc.returncode == 1, proc.stdout  # no such folder: one line, nothing elsewhere
    (git_repo / 'reports').mkdir()
    proc = _pre_commit(git_repo, tmp_path, '[--output, reports/keys.txt]', real=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (git_repo / 'reports' / 'keys.txt').exists()


def test_a_committed_output_never_replaces_a_worktrees_git_file(git_repo, tmp_path):
    """In a linked worktree (and a submodule) ``.git`` is a file naming
    where git keeps the tree: a committed ``--output .git`` replaced it
    with the report, and the folder it names holds the hooks too."""
    (git_repo / 'f.py').write_text('k = 1\n')
    git(git_repo, 'add', 'f.py')
    git(git_repo, 'commit', '-qm', 'one', '--no-verify')
    tree = tmp_path / 'tree'
    git(git_repo, 'worktree', 'add', '-q', str(tree))
    pointer = (tree / '.git').read_bytes()
    proc = _pre_commit(tree, tmp_path, '[--output, .git]', real=True)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "inside the repository's .git folder" in out
    assert (tree / '.git').read_bytes() == pointer
    gitdir = pointer.decode().split(':', 1)[1].strip()
    proc = _pre_commit(tree, tmp_path, f'[--output, {os.path.relpath(gitdir, tree)}/x]', real=True)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert not os.path.exists(os.path.join(gitdir, 'x'))


@pytest.mark.parametrize(('named', 'why'), [
    (f'.git/hooks/{HOOK}', "inside the repository's .git folder"),
    ('x/../.git/config', "inside the repository's .git folder"),
    ('../outside.baseline', 'outside the work tree'),
])
def test_a_configured_baseline_is_never_written_in_git_or_outside(git_repo, tmp_path, named, why):
    """``baseline = ".git/hooks/post-checkout"`` in the committed config
    made ``together-hooks baseline create`` write the baseline where git
    runs it, and ``../outside.baseline`` wrote outside the repository."""
    (git_repo / '.together-hooks.toml').write_text(f'baseline = "{named}"\n')
    git(git_repo, 'add', '.together-hooks.toml')
    git(git_repo, 'commit', '-qm', 'config', '--no-verify')
    before = _hooks_before(git_repo)
    result = run('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert result.rc == 2, result.out + result.err
    assert why in result.err and 'Traceback' not in result.err
    assert len([ln for ln in result.err.splitlines() if 'error' in ln]) == 1
    assert _hooks_before(git_repo) == before
    assert not (tmp_path / 'outside.baseline').exists()
    # Typed on the command line, it is the user's own choice.
    result = run('together-hooks', 'baseline', 'create', '--baseline', '../mine.baseline',
                 cwd=git_repo)
    assert result.rc == 0, result.err
    assert (tmp_path / 'mine.baseline').exists()


def test_a_repository_reached_through_a_link_keeps_its_git_folder(git_repo, tmp_path):
    """From a symlinked path to the repository (``cd ~/link-to-repo``),
    ``--audit-log=$PWD/.git/hooks/post-merge`` was judged outside the
    repository (named under the link, not its real top) and written where
    git runs it; and a log in the work tree named that way, from a
    committed config, was refused as outside it."""
    (git_repo / 'f.py').write_text('k = 1\n')
    link = tmp_path / 'link'
    os.symlink(git_repo, link)
    before = _hooks_before(git_repo)
    result = run('detect-together-keys', 'f.py', f'--audit-log={link}/.git/hooks/post-merge',
                 cwd=str(link))
    assert result.rc == 2 and ".git folder" in result.err, result.err
    assert _hooks_before(git_repo) == before
    env = dict(os.environ, PRE_COMMIT='1')
    env.pop('TOGETHER_HOOKS_AUDIT_LOG', None)
    proc = subprocess.run(
        (os.path.join(BIN, 'detect-together-keys'), 'f.py', f'--audit-log={link}/audit.jsonl'),
        cwd=str(link),
        env=env, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert (git_repo / 'audit.jsonl').exists()


@pytest.mark.parametrize('named', ['.GIT/hooks/x', '.git./x', 'Git~1/x'])
def test_a_log_named_as_git_on_another_file_system_is_refused(git_repo, tmp_path, named):
    """``--audit-log=.GIT/hooks/post-commit`` on macOS or Windows is the
    file git runs; only ``.git`` spelt exactly was refused.  Such names are
    refused on every system (git refuses them in a tree too)."""
    folder = git_repo / named.rsplit('/', 1)[0]
    folder.mkdir(parents=True)  # as a case-insensitive or NTFS system has it
    proc = _pre_commit(git_repo, tmp_path, f'[--audit-log={named}]', real=named == '.GIT/hooks/x')
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "inside the repository's .git folder" in out and 'Traceback' not in out
    assert os.listdir(folder) == []


@pytest.mark.parametrize(('option', 'named', 'why'), [
    ('--output', 'Makefile', 'a file git tracks'),
    ('--output', 'f.py', 'a file git tracks'),
    ('--output', 'link-to-makefile', 'a file git tracks'),
    ('--output', '.env', 'an env file'),
    ('--output', 'api/.env.local', 'an env file'),
    ('--output', '.gitattributes', 'a file git reads'),
    ('--audit-log', 'Makefile', 'a file git tracks'),
    ('--audit-log', '.env', 'an env file'),
    # A committed link to them, at the name or on the way: where it is written.
    ('--output', 'link-to-env', 'an env file'),
    ('--audit-log', 'link-to-env', 'an env file'),
    ('--output', 'links/local', 'an env file'),
    ('--output', 'link-to-attributes', 'a file git reads'),
    ('--audit-log', 'links/attributes', 'a file git reads'),
    ('--output', 'link-to-api/.env.local', 'an env file'),
])
def test_a_committed_setting_never_replaces_a_tracked_or_env_file(
        git_repo, tmp_path, option, named, why):
    """``args: [--output, Makefile]`` in a committed config replaced the
    tracked Makefile with the report in every clone on its next commit;
    ``--output .env`` replaced the developer's own env file (their keys,
    ignored, untracked).  Refused in one line, the file as it was; so is a
    committed link to one (``link-to-env -> .env``): it is written where
    it points."""
    before = _tracked_links_and_env_files(git_repo)
    real = (option, named) == ('--output', 'Makefile')
    proc = _pre_commit(git_repo, tmp_path, f'[{option}={named}]', real=real)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert why in out and 'Traceback' not in out
    assert {p: (git_repo / p).read_bytes() for p in before} == before


@pytest.mark.parametrize('option', ['--output', '--audit-log'])
def test_a_committed_setting_naming_a_file_of_its_own_writes_it(git_repo, tmp_path, option):
    """Beside the files above, after one refused: a file of its own
    (untracked, ignored, no env file) is written, and again.  (Once per option:
    each case above ran these two commits too, the same every time.)"""
    before = _tracked_links_and_env_files(git_repo)
    proc = _pre_commit(git_repo, tmp_path, f'[{option}=Makefile]', real=option == '--audit-log')
    assert proc.returncode == 1 and 'a file git tracks' in proc.stdout + proc.stderr
    for _ in range(2):
        proc = _pre_commit(git_repo, tmp_path, f'[{option}=together-report.txt]', real=option == '--audit-log')
        assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (git_repo / 'together-report.txt').exists()
    assert {p: (git_repo / p).read_bytes() for p in before} == before


def _tracked_links_and_env_files(git_repo) -> dict[str, bytes]:
    """A tracked Makefile, committed links to it and to env files and
    ``.gitattributes``, the env files (ignored): their bytes."""
    (git_repo / 'Makefile').write_text('all:\n\ttrue\n')
    os.symlink('Makefile', git_repo / 'link-to-makefile')
    (git_repo / 'links').mkdir()
    for link, to in (('link-to-env', '.env'), ('links/local', '../api/.env.local'),
                     ('link-to-attributes', '.gitattributes'),
                     ('links/attributes', '../.gitattributes'), ('link-to-api', 'api')):
        os.symlink(to, git_repo / link)
    git(git_repo, 'add', 'Makefile', 'link-to-makefile', 'links', 'link-to-env',
        'link-to-attributes', 'link-to-api')
    (git_repo / '.gitignore').write_text('.env\n.env.*\ntogether-report.txt\n')
    (git_repo / 'api').mkdir()
    for env_file in ('.env', 'api/.env.local', '.gitattributes'):
        (git_repo / env_file).write_text('A=1\n')
    return {p: (git_repo / p).read_bytes() for p in
            ('Makefile', '.env', 'api/.env.local', '.gitattributes')}


def test_a_configured_baseline_is_never_an_env_file(git_repo):
    """``baseline = ".env"`` in the committed config made ``baseline
    create`` replace the developer's env file; a tracked baseline stays
    the config's to write (teams commit it)."""
    (git_repo / '.env').write_text('A=1\n')
    (git_repo / '.together-hooks.toml').write_text('baseline = ".env"\n')
    git(git_repo, 'add', '.together-hooks.toml')
    git(git_repo, 'commit', '-qm', 'config', '--no-verify')
    result = run('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert result.rc == 2 and 'an env file' in result.err, result.out + result.err
    assert (git_repo / '.env').read_text() == 'A=1\n'
    (git_repo / '.together-hooks.toml').write_text('baseline = "b/.secrets.baseline"\n')
    (git_repo / 'b').mkdir()
    result = run('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert result.rc == 0, result.err
    git(git_repo, 'add', 'b/.secrets.baseline', '.together-hooks.toml')
    result = run('together-hooks', 'baseline', 'update', cwd=git_repo)
    assert result.rc == 0, result.err


@pytest.mark.parametrize('option', ['--output', '--audit-log'])
@pytest.mark.parametrize('to', ['file', 'pipe', 'folder'])
def test_a_committed_link_out_of_the_tree_is_refused_in_one_clear_line(
        git_repo, tmp_path, option, to):
    """A committed ``report.txt -> ../outside`` (or ``reports -> ..``):
    the check of tracked files asked ``git ls-files`` about a path outside
    the repository and the run failed on git's own "fatal: … is outside
    repository" line; a link to a named pipe outside was written into by
    the first parent.  Now one line saying the link leads out, and
    nothing written there, whatever it points at."""
    outside = tmp_path / 'outside'
    if to == 'pipe':
        os.mkfifo(outside)
        named = 'report.txt'
        os.symlink(outside, git_repo / named)
    elif to == 'file':
        outside.write_text('mine\n')
        named = 'report.txt'
        os.symlink(outside, git_repo / named)
    else:
        outside.mkdir()
        os.symlink(outside, git_repo / 'reports')
        named = 'reports/r.txt'
    git(git_repo, 'add', named.split('/')[0])
    real = (option, to) == ('--output', 'file')
    proc = _pre_commit(git_repo, tmp_path, f'[{option}={named}]', real=real)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert 'out of the repository' in out, out
    assert 'git ls-files' not in out and 'Traceback' not in out
    if to == 'file':
        assert outside.read_text() == 'mine\n'
    elif to == 'folder':
        assert os.listdir(outside) == []


@pytest.mark.parametrize('option', ['--output', '--audit-log'])
def test_a_committed_setting_never_replaces_a_file_a_submodule_tracks(
        git_repo, tmp_path, option):
    """``git ls-files`` in the outer repository lists no file inside a
    submodule (or a repository cloned into the tree): a committed
    ``--output lib/README`` replaced the submodule's tracked README in
    every clone.  The repository that holds the file's folder is asked."""
    lib = tmp_path / 'lib-src'
    lib.mkdir()
    git(lib, 'init', '-q', '-b', 'main')
    (lib / 'README').write_text('the library\n')
    git(lib, 'add', 'README')
    git(lib, '-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-qm', 'lib')
    git(git_repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', str(lib), 'lib')
    git(lib, 'clone', '-q', str(lib), str(git_repo / 'vendor'))  # a nested clone, untracked
    for named in ('lib/README', 'vendor/README'):
        proc = _pre_commit(git_repo, tmp_path, f'[{option}={named}]')
        out = proc.stdout + proc.stderr
        assert proc.returncode == 1, out
        assert 'a file git tracks' in out and 'Traceback' not in out
        assert (git_repo / named).read_text() == 'the library\n'
    # Run by ``git commit``, whose hooks are given the outer index.
    env = dict(os.environ, PRE_COMMIT='1', GIT_INDEX_FILE=str(git_repo / '.git' / 'index'))
    env.pop('TOGETHER_HOOKS_AUDIT_LOG', None)
    proc = subprocess.run(
        (os.path.join(BIN, 'detect-together-keys'), 'f.py', f'{option}=lib/README'),
        cwd=git_repo, env=env, capture_output=True, text=True,
    )
    assert proc.returncode == 2 and 'a file git tracks' in proc.stderr, proc.stderr
    assert (git_repo / 'lib' / 'README').read_text() == 'the library\n'
    # A file of its own in the submodule's folder (ignored there): written.
    (git_repo / 'lib' / '.gitignore').write_text('/report.txt\n')
    proc = _pre_commit(git_repo, tmp_path, f'[{option}=lib/report.txt]')
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (git_repo / 'lib' / 'report.txt').exists()


@pytest.mark.parametrize(('named', 'why'), [
    ('.gitignore.', 'a file git reads'),
    ('.GitAttributes ', 'a file git reads'),
    ('.gitmodules::$DATA', 'a file git reads'),
    ('GITMOD~1', 'a file git reads'),
    ('sub/.Mailmap.', 'a file git reads'),
    ('.env ', 'an env file'),
    ('.env::$DATA', 'an env file'),
    ('.ENVRC.', 'an env file'),
    ('ENV~1', 'an env file'),
])
def test_a_committed_setting_names_no_env_or_git_file_as_another_system_spells_it(
        git_repo, named, why):
    """On Windows ``.gitignore.`` and ``.env::$DATA`` are .gitignore and
    .env (trailing dots and blanks dropped, a stream of the file), so are
    8.3 short names (``GITMOD~1``), and macOS ignores case; ``.git`` was
    refused so spelt, the files beside it were written.  Refused on every
    system, as git refuses such names for .git and .gitmodules."""
    (git_repo / 'sub').mkdir()
    env = dict(os.environ, PRE_COMMIT='1')
    env.pop('TOGETHER_HOOKS_AUDIT_LOG', None)
    (git_repo / 'f.py').write_text('k = 1\n')
    proc = subprocess.run(
        (os.path.join(BIN, 'detect-together-keys'), 'f.py', '--output', named),
        cwd=git_repo, env=env, capture_output=True, text=True,
    )
    assert proc.returncode == 2 and why in proc.stderr, proc.stdout + proc.stderr
    assert not (git_repo / named).exists()


@pytest.mark.parametrize('named', ['MAKEFILE', 'Lib/makefile'])
def test_a_tracked_file_named_in_another_case_is_tracked_where_case_does_not_count(
        git_repo, named):
    """On macOS and Windows (``core.ignorecase`` true) ``--output MAKEFILE``
    is the tracked Makefile, yet ``git ls-files MAKEFILE`` lists nothing:
    a committed setting so spelt replaced it there.  Asked as git asks
    where case does not count."""
    (git_repo / 'lib').mkdir()
    for each in ('Makefile', 'lib/Makefile'):
        (git_repo / each).write_text('all:\n')
    git(git_repo, 'add', 'Makefile', 'lib/Makefile')
    git(git_repo, 'config', 'core.ignorecase', 'true')
    env = dict(os.environ, PRE_COMMIT='1')
    env.pop('TOGETHER_HOOKS_AUDIT_LOG', None)
    (git_repo / 'f.py').write_text('k = 1\n')
    (git_repo / 'Lib').mkdir()  # the same folder there
    proc = subprocess.run(
        (os.path.join(BIN, 'detect-together-keys'), 'f.py', '--output', named),
        cwd=git_repo, env=env, capture_output=True, text=True,
    )
    assert proc.returncode == 2 and 'a file git tracks' in proc.stderr, proc.stdout + proc.stderr
    git(git_repo, 'config', 'core.ignorecase', 'false')  # where case counts: another file
    (git_repo / '.git' / 'info').mkdir(exist_ok=True)
    (git_repo / '.git' / 'info' / 'exclude').write_text(f'/{named}\n')  # a report: ignored
    proc = subprocess.run(
        (os.path.join(BIN, 'detect-together-keys'), 'f.py', '--output', named),
        cwd=git_repo, env=env, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize('named', ['notes.txt', 'src/new_module.py', 'link-to-notes'])
def test_a_committed_output_never_replaces_work_not_added_yet(git_repo, tmp_path, named):
    """``args: [--output, notes.txt]`` in a committed config replaced the
    developer's untracked, unignored ``notes.txt`` (or a module they had
    not ``git add``-ed yet) with the report on their next commit.  An
    existing file git neither tracks nor ignores is refused in one line
    and kept; once ignored (a report the team means to write) it is
    written, and a new file is written as before."""
    (git_repo / 'src').mkdir()
    for work in ('notes.txt', 'src/new_module.py'):
        (git_repo / work).write_text('my own work, not added yet\n')
    os.symlink('notes.txt', git_repo / 'link-to-notes')
    git(git_repo, 'add', 'link-to-notes')
    proc = _pre_commit(git_repo, tmp_path, f'[--output={named}]', real=named == 'notes.txt')
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert 'neither tracks nor ignores' in out and 'Traceback' not in out
    for work in ('notes.txt', 'src/new_module.py'):
        assert (git_repo / work).read_text() == 'my own work, not added yet\n'
    # A new file: written (and, ignored, again); an ignored one: replaced.
    (git_repo / '.gitignore').write_text('report.json\nnotes.txt\n')
    for target in ('report.json', 'report.json', named):
        proc = _pre_commit(git_repo, tmp_path, f'[--output={target}]', real=named == 'notes.txt')
        if target == 'src/new_module.py':
            assert proc.returncode == 1 and 'neither tracks nor ignores' in proc.stdout
            continue
        assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (git_repo / 'report.json').exists()
    if named != 'src/new_module.py':  # ignored now: the team's report, replaced
        assert (git_repo / 'notes.txt').read_text() != 'my own work, not added yet\n'


def test_a_committed_replacements_file_never_replaces_work_not_added_yet(git_repo):
    """``rotate-help --replacements FILE`` from a committed config (under
    pre-commit) likewise: an existing unignored untracked file is kept."""
    key = make_key(random.Random(4102))
    (git_repo / 'app.py').write_text(f'TOGETHER_API_KEY = "{key}"\n')
    git(git_repo, 'add', 'app.py')
    (git_repo / 'notes.txt').write_text('mine\n')
    env = dict(os.environ, PRE_COMMIT='1')
    env.pop('TOGETHER_HOOKS_AUDIT_LOG', None)
    proc = subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'rotate-help', '--replacements', 'notes.txt',
         'app.py'), cwd=git_repo, env=env, capture_output=True, text=True,
    )
    assert proc.returncode == 2 and 'neither tracks nor ignores' in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert (git_repo / 'notes.txt').read_text() == 'mine\n'
    assert key not in proc.stdout + proc.stderr


def test_a_committed_output_git_does_not_ignore_is_refused_on_the_first_run(git_repo, tmp_path):
    """A committed ``--output report.json`` that .gitignore does not list
    was written on the first run, then refused on every run after (the
    hook's own report, untracked and unignored, read as work not added
    yet): the second commit of every clone failed.  Now the first run
    says so, in one line, and writes nothing; ignored, every run writes."""
    proc = _pre_commit(git_repo, tmp_path, '[--format=json, --output=report.json]', real=True)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert 'must be a file git ignores' in out and 'Traceback' not in out, out
    assert not (git_repo / 'report.json').exists()
    (git_repo / '.gitignore').write_text('/report.json\n')
    for _run in range(2):
        proc = _pre_commit(git_repo, tmp_path, '[--format=json, --output=report.json]', real=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (git_repo / 'report.json').exists()
    # Typed on the command line, the user's choice: written, and again.
    for _run in range(2):
        proc = subprocess.run(
            (os.path.join(BIN, 'detect-together-keys'), '--output', 'mine.json', 'f.py'),
            cwd=git_repo, capture_output=True, text=True,
            env={k: v for k, v in os.environ.items() if k != 'PRE_COMMIT'},
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
