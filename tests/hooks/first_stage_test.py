"""The first stage of ``detect-together-keys`` passes clean only what the
full hook passes clean.

``certainly_clean`` is asked in this process (real repositories, real
git, the real index); the full hook runs as its own process
(``python -m together_hooks.hooks.detect_together_keys``), and wherever
the first stage said clean, the full hook must exit 0.  Over every case
of every accuracy set, and over seeded random commits of clean files,
keys, env files, symlinks, binary and huge files, odd names, submodules,
deletions, renames, intent-to-add entries, merges, sparse checkouts,
``assume-unchanged`` entries, ``core.quotePath`` and ``core.ignorecase``.
The console script itself (the first stage's ``main``) is run through a
real ``git commit`` with pre-commit in ``hook_test``/``precommit_test``.
"""
from __future__ import annotations

import base64
import glob
import importlib
import json
import os
import random
import subprocess
import sys

import pytest

from tests.cli_run import CAPTURED
from tests.conftest import git
from tests.conftest import write
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.env.held import may_hold
from together_hooks.hooks.first_stage import certainly_clean

EMPTY_BASELINE = {
    'version': '1.5.0', 'plugins_used': [], 'filters_used': [], 'results': {},
    'generated_at': '2020-09-13T12:26:40Z',
}
HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)


def judge(args: list[str]) -> bool:
    """The first stage's answer as ``main`` takes it: an exception is
    "cannot tell"."""
    try:
        return certainly_clean(args)
    except Exception:
        return False


@pytest.fixture
def plain_env(monkeypatch):
    """No variable that holds a key (else every run hands off), no push,
    as pre-commit runs the hook on a commit."""
    for name, value in list(os.environ.items()):
        if may_hold(name, value) or name.startswith(('PRE_COMMIT', 'GIT_')):
            monkeypatch.delenv(name)
    monkeypatch.setenv('PRE_COMMIT', '1')


def full_hook(repo, args: list[str], **extra: str) -> int:
    """The full hook's exit code, as its own process."""
    env = {**os.environ, **extra}  # plain_env took the runner's own keys out
    proc = subprocess.run(
        (sys.executable, '-m', 'together_hooks.hooks.detect_together_keys', *args),
        cwd=repo, env=env, capture_output=True, timeout=600,
    )
    CAPTURED.extend((proc.stdout.decode('utf-8', 'replace'), proc.stderr.decode('utf-8', 'replace')))
    return proc.returncode


def staged_names(repo) -> list[str]:
    """What pre-commit passes the hook on a commit: the staged names
    (its own ``git diff`` filter) that are a file or a symlink."""
    out = subprocess.run(
        ('git', 'diff', '--staged', '--name-only', '--no-ext-diff', '-z',
         '--diff-filter=ACMRTUXB'), cwd=repo, capture_output=True, check=True,
    ).stdout
    names = [os.fsdecode(n) for n in out.split(b'\0') if n]
    return [n for n in names if os.path.isfile(os.path.join(repo, n)) or os.path.islink(os.path.join(repo, n))]


# ---------------------------------------------------------------- accuracy sets

def _accuracy_sets():
    """(module name, CASES) of every accuracy set."""
    for path in sorted(glob.glob(os.path.join(TESTS, 'accuracy', '*_test.py'))):
        name = os.path.basename(path)[:-3]
        module = importlib.import_module(f'tests.accuracy.{name}')
        cases = getattr(module, 'CASES', None)
        if cases:
            yield name, list(cases)


def test_every_accuracy_case_the_first_stage_passes_the_full_hook_passes(
        git_repo_template, tmp_path, tmp_path_factory, plain_env, monkeypatch,
):
    """Each case staged alone as a commit would stage it, judged on its
    own; the cases go into repositories of at most 300 (the index is read
    as the hook reads it, not through git), and the env-file walk, whose
    answer no case changes, runs once per repository."""
    import shutil

    from tests.accuracy import share_builds
    from tests.accuracy import write_cases
    from together_hooks.env import held

    share_builds(tmp_path_factory)  # each case built once a run, not again here
    cases = [(name, case) for name, set_cases in _accuracy_sets() for case in set_cases]
    assert len(cases) > 1500
    walk = held.local_env_files
    passed, handed, keyed = [], 0, []
    for start in range(0, len(cases), 300):
        repo = tmp_path / f'repo{start}'
        shutil.copytree(git_repo_template, repo, symlinks=True)
        written = {}
        for name in dict.fromkeys(name for name, _case in cases[start:start + 300]):
            chunk = [case for n, case in cases[start:start + 300] if n == name]
            try:
                results, _made = write_cases(repo / name, chunk)
            except (OSError, subprocess.CalledProcessError):  # a set whose tools are missing
                continue
            for case_id, rel in results.paths.items():
                written[f'{name}/{rel}'] = bool(results.expected[case_id])
        git(repo, 'add', '-A')
        monkeypatch.chdir(repo)
        found = walk(str(repo))
        monkeypatch.setattr(held, 'local_env_files', lambda root, everywhere=False: found)
        clean = [rel for rel in written if judge([rel])]
        handed += len(written) - len(clean)
        keyed += [rel for rel in clean if written[rel]]
        assert judge(list(written)) is False
        if clean:
            assert full_hook(repo, clean, PRE_COMMIT='1') == 0, clean
        passed += clean
        monkeypatch.setattr(held, 'local_env_files', walk)
    # The sets are keys and near-misses: most hand off.  A case passed
    # here that expects a key is one the full hook misses too: a strict
    # xfail of its set (``MISSED``), which the full run above confirmed.
    assert handed > 1000
    missed = {
        f'{name}/{case_id}'
        for name, _cases in _accuracy_sets()
        for case_id in getattr(importlib.import_module(f'tests.accuracy.{name}'), 'MISSED', ())
    }
    assert {'/'.join(rel.split('/')[:2]) for rel in keyed} <= missed, keyed


# ---------------------------------------------------------------- random commits

WORDS = (
    'def', 'return', 'import', 'client', 'model', 'config', 'value', 'name',
    'server', 'data', 'items', 'print', 'class', 'self', 'for', 'in', '=', '(', ')',
    '"hello"', '42', 'url', 'https://example.com', 'api', 'key', 'token', 'os.environ',
)


def clean_text(rng: random.Random, lines: int = 20) -> str:
    return ''.join(
        ' '.join(rng.choice(WORDS) for _ in range(rng.randint(1, 8))) + '\n'
        for _ in range(lines)
    )


def _keyed_text(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return f'client = Together(api_key="{make_key(rng)}")\n'
    if kind == 1:
        return f'export TOGETHER_API_KEY={make_hex(rng)}\n'
    if kind == 2:  # under a pragma: the full hook passes it; the first stage hands off
        return f'KEY = "{make_key(rng)}"  # pragma: allowlist secret\n'
    return f'blob = "{base64.b64encode(make_key(rng).encode()).decode()}"\n'


ODD_NAMES = ('-rf', '--output', 'a\nb.txt', 'sp ace.py', 'ünï.py', 'x\\y.txt', '@args')
OPS = (
    'clean', 'clean', 'clean', 'keyed', 'env', 'envvar', 'symlink', 'binary', 'huge', 'odd',
    'submodule', 'delete', 'rename', 'intent', 'merge', 'sparse', 'assume', 'quotepath',
    'ignorecase', 'unstaged-key', 'folder',
)


def _scenario(repo, rng: random.Random, monkeypatch) -> tuple[list[str], set[str]]:
    """Build a random commit in ``repo`` (a base commit made first);
    (the names pre-commit would pass, the operations done)."""
    for i in range(6):
        write(repo, f'src/m{i}.py', clean_text(rng))
    write(repo, 'README.md', clean_text(rng))
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'base')
    done = set()
    extra_args: list[str] = []
    ops = [rng.choice(OPS) for _ in range(rng.randint(1, 4))]
    ops.sort(key=lambda op: op != 'merge')  # a merge starts from a clean tree
    for op in ops:
        done.add(op)
        n = rng.randrange(10 ** 6)
        if op == 'clean':
            write(repo, f'src/new{n}.py', clean_text(rng))
        elif op == 'keyed':
            write(repo, f'src/k{n}.py', clean_text(rng, 3) + _keyed_text(rng) + clean_text(rng, 3))
        elif op == 'env':  # a local env file: its key is the developer's own
            key = make_hex(rng)
            write(repo, '.gitignore', '.env*\n')  # ignored: still a file whose keys you hold
            write(repo, rng.choice(('.env', 'api/.env.local', '.envrc')), f'TOGETHER_API_KEY={key}\n')
            write(repo, f'src/b{n}.py', f'X = "{base64.b64encode(key.encode()).decode()}"\n')
        elif op == 'envvar':  # legacy: its base64 holds no needle, only the own key finds it
            key = make_hex(rng)
            monkeypatch.setenv('TOGETHER_API_KEY', key)
            write(repo, f'src/b{n}.py', f'X = "{base64.b64encode(key.encode()).decode()}"\n')
        elif op == 'symlink':
            os.symlink(rng.choice(('README.md', make_key(rng), '../outside')), repo / f'link{n}')
        elif op == 'binary':
            (repo / f'blob{n}.bin').write_bytes(rng.randbytes(rng.randint(1, 5000)))
        elif op == 'huge':
            (repo / f'huge{n}.txt').write_bytes(clean_text(rng, 10).encode() * 30000)
        elif op == 'odd':
            name = rng.choice(ODD_NAMES)
            write(repo, name, rng.choice((clean_text(rng), _keyed_text(rng))))
        elif op == 'submodule':
            sha = git(repo, 'rev-parse', 'HEAD').strip()
            git(repo, 'update-index', '--add', '--cacheinfo', f'160000,{sha},sub{n}')
        elif op == 'delete':
            git(repo, 'rm', '-q', f'src/m{rng.randrange(6)}.py', '--ignore-unmatch')
        elif op == 'rename':
            src = f'src/m{rng.randrange(6)}.py'
            if os.path.exists(repo / src):
                git(repo, 'mv', src, f'src/renamed{n}.py')
        elif op == 'intent':
            write(repo, f'src/ita{n}.py', _keyed_text(rng))
            git(repo, 'add', '-N', f'src/ita{n}.py')
        elif op == 'merge':
            git(repo, 'checkout', '-q', '-b', f'side{n}')
            write(repo, 'README.md', clean_text(rng))
            git(repo, 'commit', '-q', '--no-verify', '-am', 'side')
            git(repo, 'checkout', '-q', 'main')
            write(repo, 'README.md', clean_text(rng))
            git(repo, 'commit', '-q', '--no-verify', '-am', 'main')
            subprocess.run(('git', 'merge', '-q', f'side{n}'), cwd=repo, capture_output=True)
            write(repo, 'README.md', rng.choice((clean_text(rng), _keyed_text(rng))))
            git(repo, 'add', 'README.md')
        elif op == 'sparse':  # a staged blob with no file: pre-commit cannot pass it
            blob = subprocess.run(
                ('git', 'hash-object', '-w', '--stdin'), cwd=repo, check=True,
                input=_keyed_text(rng).encode(), capture_output=True,
            ).stdout.decode().strip()
            git(repo, 'update-index', '--add', '--cacheinfo', f'100644,{blob},gone/s{n}.py')
            git(repo, 'update-index', '--skip-worktree', f'gone/s{n}.py')
        elif op == 'assume':  # the staged blob differs from the file
            target = f'src/m{rng.randrange(6)}.py'
            if os.path.exists(repo / target):
                blob = subprocess.run(
                    ('git', 'hash-object', '-w', '--stdin'), cwd=repo, check=True,
                    input=_keyed_text(rng).encode(), capture_output=True,
                ).stdout.decode().strip()
                git(repo, 'update-index', '--cacheinfo', f'100644,{blob},{target}')
                git(repo, 'update-index', '--assume-unchanged', target)
                extra_args.append(target)
        elif op == 'quotepath':
            git(repo, 'config', 'core.quotePath', rng.choice(('true', 'false')))
            write(repo, f'dïr/ü{n}.py', clean_text(rng))
        elif op == 'ignorecase':
            git(repo, 'config', 'core.ignorecase', 'true')
            write(repo, f'src/Case{n}.py', clean_text(rng))
        elif op == 'unstaged-key':  # in the work tree only: pre-commit stashes it
            write(repo, f'src/m{rng.randrange(6)}.py', _keyed_text(rng))
            continue
        elif op == 'folder':
            extra_args.append('src')
        if op not in ('intent', 'sparse', 'assume', 'submodule', 'delete', 'rename', 'merge'):
            git(repo, 'add', '-A', '--', '.', ':!src/m*.py')
    names = staged_names(repo)
    if rng.random() < 0.3:  # a team's baseline, named in the hook's args
        write(repo, '.secrets.baseline', json.dumps(EMPTY_BASELINE))
        extra_args[:0] = ['--baseline', '.secrets.baseline']
    return [*names, *(a for a in extra_args if a not in names)], done


@pytest.mark.parametrize('seed', range(48))
def test_a_random_commit_the_first_stage_passes_the_full_hook_passes(
        git_repo, plain_env, monkeypatch, seed,
):
    rng = random.Random(f'first-stage-{seed}')
    args, done = _scenario(git_repo, rng, monkeypatch)
    committing = rng.random() < 0.8
    if not committing:
        monkeypatch.delenv('PRE_COMMIT')
    judged = judge(args)
    if os.environ.get('FIRST_STAGE_TALLY'):  # how many were passed here: a file to append to
        with open(os.environ['FIRST_STAGE_TALLY'], 'a', encoding='utf-8') as f:
            f.write(f'{seed} {judged} {committing} {sorted(done)}\n')
    extra = {'PRE_COMMIT': '1'} if committing else {}
    full = None
    if judged:
        full = full_hook(git_repo, args, **extra)
        assert full == 0, (done, args)
    # The console script as pre-commit starts it: first stage, then (if
    # it cannot tell) the full hook, with the full hook's exit code.
    env = {k: v for k, v in os.environ.items()}
    proc = subprocess.run(
        (os.path.join(os.path.dirname(sys.executable), 'detect-together-keys'), *args),
        cwd=git_repo, env=env, capture_output=True, timeout=600,
    )
    CAPTURED.extend((proc.stdout.decode('utf-8', 'replace'), proc.stderr.decode('utf-8', 'replace')))
    if full is None:  # (judged: the full hook's answer is the one above)
        full = full_hook(git_repo, args, **extra)
    assert proc.returncode == full, (done, args, proc.stderr[-300:])


def test_the_random_commits_are_not_all_handed_off(git_repo, plain_env, monkeypatch):
    """The property above is not empty: a plain clean commit passes here."""
    write(git_repo, 'app.py', clean_text(random.Random(1)))
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'base')
    write(git_repo, 'app.py', clean_text(random.Random(2)))
    write(git_repo, 'lib/util.py', clean_text(random.Random(3)))
    git(git_repo, 'add', '-A')
    assert judge(['app.py', 'lib/util.py']) is True
    assert full_hook(git_repo, ['app.py', 'lib/util.py'], PRE_COMMIT='1') == 0


@pytest.mark.parametrize('why', [
    'keyword', 'env-file', 'env-var', 'option', 'push', 'message', 'config', 'bad-baseline',
    'symlink', 'staged-differs', 'sparse', 'huge', 'audit-log', 'missing-baseline-flag',
    'baseline-flag-twice',
])
def test_each_reason_to_hand_off(git_repo, plain_env, monkeypatch, why):
    """One case per reason: each hands off (and each would pass clean
    without it, the control)."""
    rng = random.Random(why)
    write(git_repo, 'app.py', clean_text(rng))
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'base')
    write(git_repo, 'app.py', clean_text(rng))
    git(git_repo, 'add', '-A')
    args = ['app.py']
    assert judge(args) is True  # the control
    if why == 'keyword':
        write(git_repo, 'app.py', 'from together import Together\n')
    elif why == 'env-file':
        write(git_repo, 'deep/er/.env.local', 'X=1\n')
    elif why == 'env-var':
        monkeypatch.setenv('MY_TOGETHER_TOKEN', 'x')
    elif why == 'option':
        args = ['--format', 'json', 'app.py']
    elif why == 'push':
        monkeypatch.setenv('PRE_COMMIT_REMOTE_NAME', 'origin')
    elif why == 'message':
        write(git_repo, 'COMMIT_EDITMSG', 'msg\n')
        args = ['COMMIT_EDITMSG']
    elif why == 'config':
        write(git_repo, '.together-hooks.toml', 'exclude = []\n')
    elif why == 'bad-baseline':
        write(git_repo, '.secrets.baseline', '{not json')
    elif why == 'symlink':
        os.symlink('app.py', git_repo / 'link.py')
        args = ['link.py']
    elif why == 'staged-differs':
        write(git_repo, 'app.py', clean_text(rng))  # not staged: the index holds another blob
    elif why == 'sparse':
        blob = subprocess.run(
            ('git', 'hash-object', '-w', '--stdin'), cwd=git_repo, check=True,
            input=b'x = 1\n', capture_output=True,
        ).stdout.decode().strip()
        git(git_repo, 'update-index', '--add', '--cacheinfo', f'100644,{blob},gone.py')
    elif why == 'huge':
        (git_repo / 'app.py').write_bytes(b'x = 1\n' * (1 << 20))
        git(git_repo, 'add', 'app.py')
    elif why == 'audit-log':
        monkeypatch.setenv('TOGETHER_HOOKS_AUDIT_LOG', str(git_repo / 'audit.jsonl'))
    elif why == 'missing-baseline-flag':
        args = ['--baseline', 'nowhere.baseline', 'app.py']
    elif why == 'baseline-flag-twice':
        write(git_repo, 'b.json', json.dumps(EMPTY_BASELINE))
        args = ['--baseline', 'b.json', '--baseline=b.json', 'app.py']
    assert judge(args) is False


@pytest.mark.parametrize('form', [['--baseline', 'cfg/b.json'], ['--baseline=cfg/b.json']])
def test_a_baseline_named_by_the_flag_is_read_and_passes(git_repo, plain_env, form):
    write(git_repo, 'app.py', 'x = 1\n')
    write(git_repo, 'cfg/b.json', json.dumps(EMPTY_BASELINE))
    git(git_repo, 'add', '-A')
    assert judge([*form, 'app.py']) is True
    assert full_hook(git_repo, [*form, 'app.py'], PRE_COMMIT='1') == 0
    write(git_repo, 'cfg/b.json', '[]')  # no baseline: the full hook's exit 2
    assert judge([*form, 'app.py']) is False
    assert full_hook(git_repo, [*form, 'app.py'], PRE_COMMIT='1') == 2


PEAK_RSS = '''
import resource, sys
from together_hooks.hooks.first_stage import certainly_clean
clean = certainly_clean(sys.argv[1:])
print(clean, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
'''


def test_the_screen_holds_one_file_at_a_time(git_repo, plain_env):
    """Memory bounded as the full hook's: pre-commit passes a batch of
    files in one run (thousands on an ``--all-files`` run), each up to a
    window; the first stage read them all before screening any (16 files
    of ~4 MB: ~60 MB more at its peak than for one, where the full hook
    holds one at a time)."""
    from together_hooks.fileio import WINDOW

    size = WINDOW - 4096
    names = [f'data/f{i}.txt' for i in range(16)]
    for i, name in enumerate(names):
        os.makedirs(git_repo / 'data', exist_ok=True)
        (git_repo / name).write_bytes(b'x = 1\n' * (size // 6 - 1) + b'y = %d\n' % i)
    git(git_repo, 'add', '-A')

    def peak(args: list[str]) -> int:  # KiB
        out = subprocess.run(
            (sys.executable, '-c', PEAK_RSS, *args), cwd=git_repo, check=True,
            capture_output=True, text=True,
        ).stdout.split()
        assert out[0] == 'True'  # clean: every file read and screened
        return int(out[1])

    one, all_of_them = peak(names[:1]), peak(names)
    assert all_of_them - one < 4 * size // 1024, (one, all_of_them)


@pytest.mark.parametrize('name', ['.env', '.env.local', '.envrc'])
def test_a_key_held_at_the_top_hands_off_before_any_read(git_repo, plain_env, monkeypatch, name):
    """A developer's ``.env`` at the top (the commonest place for the key
    a Together developer holds) makes every commit the full hook's: the
    first stage says so from one listing, before it reads a file, the
    config or the baseline or starts git (the env-file walk), which the
    full hook then does all over again."""
    from together_hooks import config
    from together_hooks import fileio
    from together_hooks import gitrun

    write(git_repo, 'app.py', 'x = 1\n')
    git(git_repo, 'add', '-A')
    write(git_repo, name, 'TOGETHER_API_KEY=\n')
    spent = []

    def spend(what):
        def record(*args, **kwargs):
            spent.append(what)
            raise AssertionError(what)
        return record
    monkeypatch.setattr(fileio, 'read_whole', spend('a file read'))
    monkeypatch.setattr(config, 'load', spend('the config read'))
    monkeypatch.setattr(gitrun, 'git', spend('a git process'))
    assert judge(['app.py']) is False
    assert spent == []


@pytest.mark.parametrize('name', ['.env', '.envrc', '.env.d'])
def test_a_folder_named_like_an_env_file_is_no_key_held(git_repo, plain_env, tmp_path, name):
    """A virtualenv in ``.env/`` at the top (``python -m venv .env``, which
    ``.gitignore`` lists) holds no key of the developer's: it made every
    commit of its owner the full hook's.  A link named ``.env`` to a file
    outside the repository is an env file all the same."""
    write(git_repo, '.gitignore', f'{name}\n')
    write(git_repo, 'app.py', 'x = 1\n')
    git(git_repo, 'add', '-A')
    write(git_repo, f'{name}/bin/activate', 'export VIRTUAL_ENV=x\n')
    write(git_repo, f'{name}/pyvenv.cfg', 'home = /usr/bin\n')
    assert judge(['app.py']) is True
    assert full_hook(git_repo, ['app.py'], PRE_COMMIT='1') == 0
    outside = tmp_path / 'outside.env'
    outside.write_text('TOGETHER_API_KEY=\n')
    os.symlink(outside, git_repo / '.env.local')
    assert judge(['app.py']) is False
