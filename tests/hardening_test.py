"""Hardening: every entry point against bad input, odd state and faults.

Each case runs the installed console scripts as a user would and expects
either the right result or exit 2 with one clear line on stderr; never a
traceback, never a partially written file, and never a whole key in any
output: an autouse fixture checks everything the scripts printed (and the
reports, logs and baselines they wrote) for every key this module made.
"""
from __future__ import annotations

import atexit
import json
import os
import random
import re
import shutil
import stat
import subprocess
import tempfile
import time
import zlib
from pathlib import Path
from typing import Callable
from urllib.parse import unquote_to_bytes

import pytest

from tests.cli_run import assert_error_line
from tests.cli_run import BIN
from tests.cli_run import CAPTURED
from tests.cli_run import CLEAN
from tests.cli_run import leaked
from tests.cli_run import LeakIndex
from tests.cli_run import Result
from tests.cli_run import run_in_process
from tests.conftest import git
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.findings import hash_secret

# Every key made here; no output of any test may hold one whole.
MADE: list[str] = []
_MADE_INDEX = LeakIndex()  # MADE's windows, each key's added once
TEMP_PREFIX = '.together-hooks-'  # write_atomic's temp files
NOBODY = 65534


class Keys:
    """Seeded keys, remembered for the leak check."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def key(self) -> str:
        MADE.append(make_key(self.rng))
        return MADE[-1]

    def hex(self) -> str:
        MADE.append(make_hex(self.rng))
        return MADE[-1]


@pytest.fixture
def keys(request) -> Keys:
    return Keys(zlib.crc32(request.node.name.encode()))


@pytest.fixture(autouse=True)
def outputs():
    """Files a test's commands wrote; checked, with all captured output,
    for whole keys and tracebacks once the test is done."""
    start = len(CAPTURED)
    written: list[Path] = []
    yield written
    texts = list(CAPTURED[start:])
    for path in written:
        if path.is_file():
            texts.append(path.read_bytes().decode('utf-8', 'backslashreplace'))
    _MADE_INDEX.add(MADE[_MADE_INDEX.count:])  # the keys made since the last test
    assert _MADE_INDEX.find(*texts) == [], 'a whole key reached an output'
    assert not any('Traceback' in t for t in texts)


def _environ(env: dict[str, str | None] | None) -> dict[str, str]:
    """This process's environment less git's, pre-commit's and an audit
    log's variables, with ``env`` applied (a value of None unsets)."""
    full = dict(os.environ, PYTHONIOENCODING='utf-8', LC_ALL='C.UTF-8')
    for name in [n for n in full if n.startswith(('GIT_', 'PRE_COMMIT'))]:
        del full[name]
    full.pop('TOGETHER_HOOKS_AUDIT_LOG', None)
    for name, value in (env or {}).items():
        if value is None:
            full.pop(name, None)
        else:
            full[name] = value
    return full


def run(
        *argv: str, cwd: os.PathLike[str] | str,
        env: dict[str, str | None] | None = None,
        user: tuple[str, ...] = (), timeout: float = 120,
) -> Result:
    """A console script from this venv; ``env`` values of None unset;
    ``user`` is a command prefix that runs it as another user."""
    full = _environ(env)
    proc = subprocess.run(
        (*user, os.path.join(BIN, argv[0]), *argv[1:]), cwd=cwd, env=full,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
    )
    result = Result(proc)
    CAPTURED.extend((result.out, result.err))
    return result


def json_found(result: Result) -> set[tuple[str, str]]:
    """(path, hashed_secret) of each finding of a JSON report."""
    assert 'Traceback' not in result.err, result.err
    return {(f['path'], f['hashed_secret']) for f in result.json()['findings']}


_TEMPLATE: list[Path] = []


def init_repo(path: Path) -> Path:
    """A fresh repository at ``path``: a copy of the ``.git`` one real
    ``git init`` and four settings made in this process (~140 repositories
    here, each four git processes fewer)."""
    if not _TEMPLATE:
        top = Path(tempfile.mkdtemp(prefix='th-hardening-git-'))
        atexit.register(shutil.rmtree, top, True)
        template = top / 'repo'
        template.mkdir()
        git(template, 'init', '-q', '-b', 'main')
        git(template, 'config', 'user.email', 'dev@example.com')
        git(template, 'config', 'user.name', 'Dev')
        git(template, 'config', 'commit.gpgsign', 'false')
        git(template, 'config', 'maintenance.auto', 'false')  # as tests/conftest.py's
        _TEMPLATE.append(template)
    path.mkdir(parents=True, exist_ok=True)
    shutil.copytree(_TEMPLATE[0] / '.git', path / '.git', symlinks=True)
    return path


def commit(repo: Path, message: str = 'c') -> None:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', message)


def write(root: Path, rel: str, data: bytes | str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX)]


# --- 1. file contents × every entry point ----------------------------------
# (name, build(key, hex) -> bytes, which key it must yield: 'key', 'hex' or None)

CONTENTS: tuple[tuple[str, Callable[[str, str], bytes], str | None], ...] = (
    ('empty', lambda k, h: b'', None),
    ('newlines-only', lambda k, h: b'\n' * 1000, None),
    ('binary', lambda k, h: b'\x7fELF\x00\x01\xff\xfe' + k.encode() + b'\x00\x00\x9c', 'key'),
    ('invalid-utf8', lambda k, h: b'caf\xe9 \xff\xc3(\n x = "' + k.encode() + b'" \xed\xa0\x80\n', 'key'),
    ('utf16-le-bom', lambda k, h: f'token = "{k}"\r\n'.encode('utf-16'), 'key'),
    ('utf16-be-bom', lambda k, h: b'\xfe\xff' + f'token = "{k}"\n'.encode('utf-16-be'), 'key'),
    ('utf8-bom', lambda k, h: b'\xef\xbb\xbf' + k.encode() + b'\n', 'key'),
    ('crlf-legacy', lambda k, h: f'a = 1\r\nTOGETHER_API_KEY={h}\r\n'.encode(), 'hex'),
    ('crlf-allowed', lambda k, h: f'x = 1\r\nk = "{k}"  # pragma: allowlist secret\r\n'.encode(), None),
    ('cr-only', lambda k, h: f'a\rb\r{k}\r'.encode(), 'key'),
    ('nul-separated', lambda k, h: b'\x00'.join([b'a', k.encode(), b'b']), 'key'),
)


def _content_files(root: Path, keys: Keys, name: str = 'data.txt') -> set[tuple[str, str]]:
    """One file per CONTENTS row under ``root/<row>/``; the (path, hash) expected."""
    expected = set()
    for row, build, holds in CONTENTS:
        k, h = keys.key(), keys.hex()
        write(root, f'{row}/{name}', build(k, h))
        if holds is not None:
            expected.add((f'{row}/{name}', hash_secret(k if holds == 'key' else h)))
    return expected


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob('*') if p.is_file()
                  and '.git' not in p.parts)


@pytest.mark.parametrize('mode', (
    'hook', 'scan-files', 'scan-folder', 'scan-repo', 'scan-staged',
    'scan-diff', 'scan-history', 'scan-sarif',
))
def test_contents_in_every_mode(tmp_path, keys, mode):
    repo = init_repo(tmp_path / 'repo')
    if mode == 'scan-diff':
        write(repo, 'README', 'base\n')
        commit(repo)
        git(repo, 'checkout', '-q', '-b', 'topic')
    expected = _content_files(repo, keys)
    files = _files(repo)
    json_args = ('--format', 'json')
    if mode == 'hook':
        r = run('detect-together-keys', *json_args, *files, cwd=repo)
    elif mode == 'scan-files':
        r = run('together-hooks', 'scan', *json_args, *files, cwd=repo)
    elif mode == 'scan-folder':  # outside git: walked
        shutil.rmtree(repo / '.git')
        r = run('together-hooks', 'scan', *json_args, str(repo), cwd=tmp_path)
    elif mode == 'scan-repo':
        r = run('together-hooks', 'scan', *json_args, cwd=repo)
    elif mode == 'scan-staged':
        git(repo, 'add', '-A')
        for path in files:  # the work tree no longer holds what is staged
            (repo / path).write_bytes(b'clean\n')
        r = run('together-hooks', 'scan', '--staged', *json_args, cwd=repo)
    elif mode == 'scan-diff':
        commit(repo)
        r = run('together-hooks', 'scan', '--diff', 'main', *json_args, cwd=repo)
    elif mode == 'scan-history':
        commit(repo)
        for path in files:  # deleted since: history still has them
            (repo / path).unlink()
        commit(repo, 'rm')
        r = run('together-hooks', 'scan', '--history', *json_args, cwd=repo)
    else:
        r = run('together-hooks', 'scan', '--format', 'sarif', cwd=repo)
        results = r.json()['runs'][0]['results']
        got = {
            (unquote_to_bytes(x['locations'][0]['physicalLocation']['artifactLocation']['uri']).decode(),
             x['properties']['hashed_secret'])
            for x in results
        }
        assert (r.rc, got) == (1, expected), r.err
        return
    assert (r.rc, json_found(r)) == (1, expected), r.err
    assert r.err == ''


def test_contents_in_env_templates(tmp_path, keys):
    # forbid-env-files reads templates: the same content kinds, as .env.example
    repo = init_repo(tmp_path / 'repo')
    expected = _content_files(repo, keys, name='.env.example')
    r = run('forbid-env-files', *_files(repo), cwd=repo)
    assert r.rc == 1 and r.err == '', r.err
    got = set(re.findall(r'^(\S+):\d+: holds .* hashed_secret ([0-9a-f]{40})', r.out, re.M))
    assert got == expected


def test_contents_in_a_created_baseline(tmp_path, keys, outputs):
    repo = init_repo(tmp_path / 'repo')
    expected = _content_files(repo, keys)
    r = run('together-hooks', 'baseline', 'create', cwd=repo)
    assert r.rc == 0, r.err
    outputs.append(repo / '.secrets.baseline')
    doc = json.loads((repo / '.secrets.baseline').read_text())
    got = {(name, e['hashed_secret']) for name, es in doc['results'].items() for e in es}
    assert got == expected


# --- 2. paths: missing, folders, symlinks, FIFOs, submodules ----------------

@pytest.fixture(scope='module')
def paths_template(tmp_path_factory) -> tuple[Path, str]:
    """The folder ``paths_repo`` copies, built once a module (13 cases
    built it afresh, a submodule's clone and seven gits each): a key
    outside the repository, the submodule's own repository, and the
    repository; its keys are the module's (``MADE``, checked as every
    test's are)."""
    top = tmp_path_factory.mktemp('paths')
    keys = Keys(zlib.crc32(b'paths_repo'))
    write(top / 'outside', 'secret.txt', keys.key() + '\n')
    write(top / 'outside', 'dir/inner.txt', keys.key() + '\n')
    sub = init_repo(top / 'sub')
    write(sub, 'inner.txt', keys.key() + '\n')
    commit(sub)
    repo = init_repo(top / 'repo')
    write(repo, 'clean.txt', 'clean\n')
    inner = keys.key()
    write(repo, 'folder/deep/k.txt', inner + '\n')
    os.symlink('../outside/secret.txt', repo / 'rel-link.txt')
    os.symlink('/nonexistent/target', repo / 'dangling')
    os.symlink('loop', repo / 'loop')
    subprocess.run(
        ('git', '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q',
         str(sub), 'vendor/sub'),
        cwd=repo, check=True, capture_output=True,
    )
    return top, hash_secret(inner)


@pytest.fixture
def paths_repo(tmp_path, paths_template):
    """A repository with a key outside it behind symlinks, a FIFO, a
    folder holding a key, and a submodule holding a key: a copy of
    ``paths_template`` of the test's own, its absolute links pointing into
    the copy and its FIFO made there (a copy cannot read one)."""
    top, inner = paths_template
    for name in ('outside', 'sub', 'repo'):
        shutil.copytree(top / name, tmp_path / name, symlinks=True)
    repo = tmp_path / 'repo'
    os.symlink(tmp_path / 'outside' / 'secret.txt', repo / 'link.txt')
    os.symlink(tmp_path / 'outside' / 'dir', repo / 'linkdir')
    os.mkfifo(repo / 'fifo')
    return repo, inner


# (entry argv, expected exit, expected findings 'folder'|None, stderr words or None)
PATH_CASES = (
    # A FIFO is never read (it would block, issue 15); named on the command
    # line it is bad input: one line, exit 2, never a pass.
    (('detect-together-keys', 'link.txt', 'rel-link.txt', 'linkdir', 'dangling', 'loop', 'fifo', 'clean.txt'), 2, None, 'fifo: not a regular file'),
    (('together-hooks', 'scan', 'link.txt', 'rel-link.txt', 'linkdir', 'dangling', 'loop', 'fifo'), 2, None, 'fifo: not a regular file'),
    (('detect-together-keys', 'folder'), 1, 'folder', None),  # a folder passed as a file: walked
    (('together-hooks', 'scan', 'folder', 'clean.txt'), 1, 'folder', None),
    (('detect-together-keys', 'vendor/sub'), 0, None, 'submodule skipped'),
    (('together-hooks', 'scan', 'vendor/sub', 'clean.txt'), 0, None, 'submodule skipped'),
    # A walk names each checked-out submodule it leaves out (gate36).
    (('together-hooks', 'scan', 'vendor'), 0, None, ': sub: submodule skipped'),
    (('together-hooks', 'scan'), 1, 'folder', 'vendor/sub: submodule skipped'),
    (('together-hooks', 'scan', '--staged'), 1, 'folder', None),
    (('detect-together-keys', 'clean.txt', 'gone.txt'), 2, None, 'gone.txt: no such file'),
    (('together-hooks', 'scan', 'gone/'), 2, None, 'gone/: no such file'),
    (('forbid-env-files', 'gone.txt', 'link.txt', 'fifo', 'folder', 'vendor/sub'), 0, None, None),
)


@pytest.mark.parametrize(('argv', 'rc', 'found', 'words'), PATH_CASES)
def test_paths(paths_repo, argv, rc, found, words):
    repo, inner = paths_repo
    git(repo, 'add', '-A')
    fmt = ('--format', 'json') if argv[0] != 'forbid-env-files' else ()
    r = run(*argv, *fmt, cwd=repo, timeout=30)  # a FIFO must never block
    if rc == 2:
        assert_error_line(r, words)
        return
    assert r.rc == rc, r.err
    if fmt:
        assert json_found(r) == ({('folder/deep/k.txt', inner)} if found else set())
    err = r.err
    if argv[0] == 'together-hooks' and rc == 0:  # a clean scan ends with its summary
        head, _nl, last = err.rstrip('\n').rpartition('\n')
        assert CLEAN.fullmatch(last + '\n'), err
        err = head + '\n' if head else ''
    if words:
        assert words in err and len(err.splitlines()) == 1
    elif argv[0] != 'forbid-env-files':
        assert err == ''


def test_paths_in_history_and_diff(paths_repo):
    # Committed symlinks and a submodule: only the repository's own file.
    repo, inner = paths_repo
    git(repo, 'commit', '-q', '--no-verify', '-m', 'base')  # the submodule
    git(repo, 'checkout', '-q', '-b', 'topic')
    commit(repo, 'links')
    for mode in (('--history',), ('--diff', 'main')):
        r = run('together-hooks', 'scan', *mode, '--format', 'json', cwd=repo)
        assert (r.rc, json_found(r)) == (1, {('folder/deep/k.txt', inner)}), (mode, r.err)


# --- 3. odd file names, exactly, in JSON, SARIF and GitHub annotations ---------

ODD_NAMES = (
    'with space.txt', 'ünï cødé/ключ.txt', 'quote"s.txt', "it's.txt",
    '-leading-dash.txt', '--double-dash.txt', '-h', 'new\nline.txt', 'tab\t.txt',
    'per%25cent.txt', 'hash#q?.txt', 'colon:comma,.txt', 'back\\slash.txt',
)


def _sarif_paths(r: Result) -> set[tuple[str, str]]:
    out = set()
    for x in r.json()['runs'][0]['results']:
        loc = x['locations'][0]['physicalLocation']['artifactLocation']
        assert loc.get('uriBaseId') == '%SRCROOT%'
        out.add((unquote_to_bytes(loc['uri']).decode(), x['properties']['hashed_secret']))
    return out


def _github_paths(r: Result) -> set[tuple[str, str]]:
    out = set()
    lines = [ln for ln in r.out.splitlines() if ln.startswith('::error ')]
    for ln in lines:
        props, _sep, message = ln[len('::error '):].partition('::')
        fields = dict(p.split('=', 1) for p in props.split(','))
        name = fields['file']
        for code, ch in (('%2C', ','), ('%3A', ':'), ('%0A', '\n'), ('%0D', '\r'), ('%25', '%')):
            name = name.replace(code, ch)
        out.add((name, re.search(r'hashed_secret ([0-9a-f]{40})', message).group(1)))
    return out


@pytest.mark.parametrize('mode', ('hook', 'scan-repo', 'scan-staged', 'scan-walk', 'scan-diff', 'scan-history'))
def test_odd_names_reported_exactly(tmp_path, keys, mode):
    top = tmp_path / 'top'
    if mode == 'scan-walk':
        top.mkdir()
    else:
        init_repo(top)
    if mode == 'scan-diff':
        write(top, 'README', 'base\n')
        commit(top)
        git(top, 'checkout', '-q', '-b', 'topic')
    expected = set()
    for name in ODD_NAMES:
        key = keys.key()
        write(top, name, f'first\n{key}\n')
        expected.add((name, hash_secret(key)))
    if mode == 'scan-staged':
        git(top, 'add', '-A')
    if mode in ('scan-diff', 'scan-history'):
        commit(top)
    args = {
        'hook': ('detect-together-keys', *ODD_NAMES),  # as pre-commit passes them
        'scan-repo': ('together-hooks', 'scan'),
        'scan-staged': ('together-hooks', 'scan', '--staged'),
        'scan-walk': ('together-hooks', 'scan'),
        'scan-diff': ('together-hooks', 'scan', '--diff', 'main'),
        'scan-history': ('together-hooks', 'scan', '--history'),
    }[mode]
    # The names reach the real process as a user's shell or pre-commit
    # passes them (JSON); the other formats are the same run's report,
    # written by ``main(argv)`` in this process (tests/cli_run.run_in_process:
    # stdout as Python makes it under PYTHONIOENCODING=utf-8).
    for fmt, read in (('json', json_found), ('sarif', _sarif_paths), ('github', _github_paths)):
        if fmt == 'json':
            r = run(*args, '--format', fmt, cwd=top)
        else:
            r = run_in_process(*args, '--format', fmt, cwd=top, env=_environ(None))
        assert r.rc == 1, (fmt, r.err)
        assert read(r) == expected, fmt
    r = run_in_process(*args, cwd=top, env=_environ(None))  # text: one line per finding, even for a newline
    lines = [ln for ln in r.out.splitlines() if ': together-api-key: ' in ln]
    assert len(lines) == len(ODD_NAMES)


def test_env_hooks_with_option_like_and_multiline_names(tmp_path, keys):
    repo = init_repo(tmp_path / 'repo')
    for name in ('-h', '--help', '-sec/.env', 'new\nline/.env', '.env', 'ok.txt'):
        write(repo, name, 'X=1\n')
    git(repo, 'add', '-A')
    # pre-commit passes names without "--": "-h" must not print help and pass.
    r = run('forbid-env-files', '-h', '--help', '-sec/.env', 'new\nline/.env', '.env', 'ok.txt', cwd=repo)
    assert r.rc == 1 and 'usage:' not in r.out, r.out
    refused = [ln.split(':', 1)[0] for ln in r.out.splitlines()]
    assert refused == ['-sec/.env', 'new\\nline/.env', '.env']
    r = run('check-env-gitignored', '-h', cwd=repo)
    assert 'usage:' not in r.out and r.rc == 1
    assert any('new\\nline/.env' in ln for ln in r.out.splitlines()), r.out


def test_doctor_with_odd_names(tmp_path, keys):
    repo = init_repo(tmp_path / 'repo')
    key = keys.key()
    write(repo, 'new\nline.txt', f'k = "{key}"\n')
    write(repo, '-h', 'x\n')
    commit(repo)
    r = run('together-hooks', 'doctor', cwd=repo)
    assert r.rc == 1
    lines = r.out.splitlines()
    assert all(ln.startswith(('together-hooks doctor:', '[', '       fix:')) for ln in lines[:-1])
    assert 'new\\nline.txt:1: together-api-key' in r.out
    r = run('together-hooks', 'doctor', '--format', 'json', cwd=repo)
    detail = {c['id']: c['detail'] for c in r.json()['checks']}['no-hardcoded-keys']
    assert 'new\nline.txt:1: together-api-key' in detail and hash_secret(key) in detail


# --- 4. repository states -----------------------------------------------------

def _state(tmp_path: Path, keys: Keys, kind: str) -> Path:
    """A folder in the given state; in each, ``f.txt`` holds a key."""
    if kind == 'no-git':
        plain = tmp_path / 'plain'
        write(plain, 'f.txt', f'k = "{keys.key()}"\n')
        return plain
    repo = init_repo(tmp_path / 'repo')
    if kind == 'empty':
        write(repo, 'f.txt', f'k = "{keys.key()}"\n')
        return repo
    write(repo, 'f.txt', 'base\n')
    commit(repo, 'base')
    if kind == 'bare':
        write(repo, 'f.txt', f'k = "{keys.key()}"\n')
        commit(repo, 'key')
        bare = tmp_path / 'bare.git'
        git(tmp_path, 'clone', '-q', '--bare', str(repo), str(bare))
        return bare
    git(repo, 'checkout', '-q', '-b', 'other')
    write(repo, 'f.txt', f'other k = "{keys.key()}"\n')
    write(repo, 'g.txt', f'k = "{keys.key()}"\n')
    commit(repo, 'other')
    git(repo, 'checkout', '-q', 'main')
    write(repo, 'f.txt', 'main side\n')
    commit(repo, 'main')
    if kind == 'merge':
        subprocess.run(('git', 'merge', '-q', 'other'), cwd=repo, capture_output=True)
    else:
        git(repo, 'checkout', '-q', 'other')
        subprocess.run(('git', 'rebase', 'main'), cwd=repo, capture_output=True)
    assert 'U' in git(repo, 'status', '--porcelain').split('\n')[0][:2]
    return repo


# state -> {command: (exit code, words on the single stderr line, or the
# files whose keys a JSON report must hold)}
STATE_CASES = {
    'no-git': {
        ('scan',): (1, {'f.txt'}),
        ('scan', '--staged'): (2, '--staged needs a git repository'),
        ('scan', '--diff', 'main'): (2, '--diff needs a git repository'),
        ('scan', '--history'): (2, '--history needs a git repository'),
        ('hook', 'f.txt'): (1, {'f.txt'}),
        ('check-env-gitignored',): (2, 'not inside a git work tree'),
        ('doctor',): (2, 'not inside a git work tree'),
    },
    'empty': {
        ('scan',): (1, {'f.txt'}),
        ('scan', '--staged'): (0, set()),
        ('scan', '--diff', 'main'): (2, 'this repository has no commits yet'),
        ('scan', '--history'): (0, set()),
        ('hook', 'f.txt'): (1, {'f.txt'}),
    },
    'bare': {
        ('scan',): (2, 'bare repository'),
        # A repository is there: the error says it is bare, not that
        # there is none, and what to run instead.
        ('scan', '--staged'): (2, ('bare repository', 'clone', 'scan --history')),
        ('scan', '--history'): (1, {'f.txt'}),
        ('check-env-gitignored',): (2, ('bare repository', 'clone')),
        ('doctor',): (2, ('bare repository', 'clone')),
        ('baseline', 'create'): (2, 'bare repository'),
    },
    # f.txt is unmerged (conflict markers hold one key), g.txt merged cleanly.
    'merge': {
        ('scan',): (1, {'f.txt', 'g.txt'}),
        ('scan', '--staged'): (1, {'g.txt'}),  # only stage 0 can be committed
        ('scan', '--diff', 'main'): (0, set()),  # HEAD is still main
        ('scan', '--history'): (1, {'f.txt', 'g.txt'}),
        ('hook', 'f.txt', 'g.txt'): (1, {'f.txt', 'g.txt'}),
        ('check-env-gitignored',): (1, None),
        ('doctor',): (1, None),
    },
    'rebase': {
        ('scan',): (1, {'f.txt', 'g.txt'}),
        ('scan', '--staged'): (1, {'g.txt'}),
        ('scan', '--history'): (1, {'f.txt', 'g.txt'}),
        ('hook', 'f.txt'): (1, {'f.txt'}),
    },
}


@pytest.mark.parametrize('kind', sorted(STATE_CASES))
def test_repository_states(tmp_path, keys, kind, outputs):
    where = _state(tmp_path, keys, kind)
    for command, (rc, want) in STATE_CASES[kind].items():
        if command[0] in ('scan', 'doctor', 'baseline'):
            argv = ('together-hooks', *command)
        elif command[0] == 'hook':
            argv = ('detect-together-keys', *command[1:])
        else:
            argv = command
        if isinstance(want, set):
            argv += ('--format', 'json')
        r = run(*argv, cwd=where)
        if rc == 2:
            assert_error_line(r, *(want if isinstance(want, tuple) else (want,)))
            continue
        assert r.rc == rc, (command, r.out, r.err)
        assert 'Traceback' not in r.err
        if isinstance(want, set):
            assert {path for path, _h in json_found(r)} == want, command
    outputs.extend(where.glob('.secrets.baseline'))
    if kind == 'bare':  # nothing was written into the git folder
        assert not (where / '.secrets.baseline').exists()


def test_partial_clone_history_is_refused(tmp_path, keys):
    # A clone made with --filter=blob:none lacks the blobs of past commits:
    # --history must say so rather than pass on what it could not read.
    origin = init_repo(tmp_path / 'origin')
    git(origin, 'config', 'uploadpack.allowFilter', 'true')
    write(origin, 'k.txt', f'k = "{keys.key()}"\n')
    commit(origin)
    (origin / 'k.txt').unlink()
    write(origin, 'a.txt', 'clean\n')
    commit(origin)
    full = tmp_path / 'full'
    partial = tmp_path / 'partial'
    git(tmp_path, 'clone', '-q', f'file://{origin}', str(full))
    git(tmp_path, 'clone', '-q', '--filter=blob:none', f'file://{origin}', str(partial))
    assert run('together-hooks', 'scan', '--history', cwd=full).rc == 1
    assert_error_line(run('together-hooks', 'scan', '--history', cwd=partial),
                      'partial clone', 'full clone')


# --- 5. usage errors on every entry point ----------------------------------

# (argv, the words of the one error line that prove it is the right error)
USAGE = (
    (('detect-together-keys', '--bogus'), 'unrecognized arguments: --bogus'),
    (('detect-together-keys', '--format', 'xml', 'a.txt'), "--format: invalid choice: 'xml'"),
    (('detect-together-keys', '--verify-timeout', 'soon', 'a.txt'), "'soon' is not a number of seconds"),
    (('detect-together-keys', '--baseline'), '--baseline: expected one argument'),
    (('detect-together-keys', '--only-live', 'a.txt'), '--only-live needs --verify'),
    (('forbid-env-files', '--bogus'), 'unrecognized arguments: --bogus'),
    (('forbid-env-files', '--allow'), '--allow: expected one argument'),
    (('forbid-env-files', '--allow', '--allow'), '--allow: expected one argument'),
    (('forbid-env-files', '--allow', '-x'), '--allow: expected one argument'),
    (('check-env-gitignored', '--bogus'), 'unrecognized arguments: --bogus'),
    (('together-hooks',), 'a command is required'),
    (('together-hooks', '--bogus'), 'unrecognized arguments: --bogus'),
    (('together-hooks', 'nope'), "invalid choice: 'nope'"),
    (('together-hooks', 'scan', '--bogus'), 'unrecognized arguments: --bogus'),
    # A typo names the option meant, wherever the parser that knows it is.
    (('together-hooks', 'scan', '--histroy'), 'unrecognized arguments: --histroy (did you mean --history?)'),
    (('together-hooks', 'baseline', 'update', '--slm'), '(did you mean --slim?)'),
    (('detect-together-keys', '--basline', 'b.json', 'a.txt'), '(did you mean --baseline?)'),
    (('check-env-gitignored', '--fx'), '(did you mean --fix?)'),
    (('together-hooks', 'scan', '--format', 'sarif2'), "--format: invalid choice: 'sarif2'"),
    # The subcommand given the unknown option names itself: its --help lists them.
    (('together-hooks', 'scan', '--histroy'), 'together-hooks scan: error: unrecognized arguments'),
    (('together-hooks', 'baseline', 'create', '--bogus'), 'together-hooks baseline create: error:'),
    # What users of gitleaks and detect-secrets type: what it is here.
    (('together-hooks', 'scan', '--report-format', 'json'), '--report-format (here: --format)'),
    (('together-hooks', 'scan', '--report-path', 'r.json'), '--report-path (here: --output)'),
    # The flag with its value before the command: the value is no command,
    # and the flag is named all the same.
    (('together-hooks', '--report-format', 'json'), "invalid choice: 'json'"),
    (('together-hooks', '--report-format', 'json'), '(--report-format, here: --format)'),
    (('together-hooks', '--report-path', 'r.json'), '(--report-path, here: --output)'),
    (('together-hooks', '--source', '.'), '(--source, here: scan PATH)'),
    # One of our commands' options before the command: said where it goes.
    (('together-hooks', '--format', 'json'),
     '(--format is an option of scan, doctor, scan-org, pre-receive: put it after the command, '
     'as in together-hooks scan --format json)'),
    (('together-hooks', '--history'), 'as in together-hooks scan --history)'),
    (('together-hooks', '--slim'), '(--slim is an option of baseline'),
    (('together-hooks', 'baseline', '--baseline-path', 'b.json'), '(--baseline-path, here: --baseline)'),
    (('detect-together-keys', '--exclude-files', 'x', 'a.txt'), '(here: `exclude` in the config file'),
    (('together-hooks', 'protect'), '(here: scan --staged)'),
    (('together-hooks', 'detect'), '(here: scan --history)'),
    (('together-hooks', 'audit'), '(here: baseline audit)'),
    (('together-hooks', 'stdin'), '(here: none; save the text to a file and run scan PATH)'),
    (('together-hooks', 'scan', '--json'), '--json (here: --format json)'),
    (('together-hooks', 'scan', '-v'), '-v (here: nothing: every finding is listed'),
    # A mistyped command or value names the closest choice.
    (('together-hooks', 'scna'), "invalid choice: 'scna'"),
    (('together-hooks', 'scna'), '(did you mean scan?)'),
    (('together-hooks', 'baseline', 'updat'), '(did you mean update?)'),
    (('detect-together-keys', '--format', 'jsn', 'a.txt'), '(did you mean json?)'),
    # A mistyped option before its value: the value was taken for the
    # action; the option is what to fix.
    (('together-hooks', 'scan-org', '--org=acme', '--store', 'a.sqlite'), '--org=acme (here: scan-org --github-org ORG)'),
    (('together-hooks', 'scan-org', '--github-orgg', 'acme'), '(--github-orgg is no option: did you mean --github-org?)'),
    (('together-hooks', '--formta', 'json', 'scan'), 'did you mean --format?) (--format is an option of scan'),
    (('together-hooks', 'scan', '--since', 'HEAD'), '--since needs --history or --commits'),
    (('together-hooks', 'scan', '--diff', ''), "--diff BASE: '' is not a revision"),
    (('together-hooks', 'scan', '--diff', '--history'), '--diff: expected one argument'),
    (('together-hooks', 'scan', '--diff', '-x'), '--diff: expected one argument'),
    (('together-hooks', 'scan', '--diff', 'HEAD', '--history'), '--diff and --history do not go together'),
    (('together-hooks', 'scan', '--history', 'a.txt'), '--history takes no PATH'),
    (('together-hooks', 'scan', '--staged', 'a.txt'), '--staged takes no PATH'),
    (('together-hooks', 'scan', '--env-reuse', 'a.txt'), '--env-reuse takes at most one folder'),
    (('together-hooks', 'baseline'), 'required: {create,update,audit}'),
    (('together-hooks', 'baseline', 'create', '--bogus'), 'unrecognized arguments: --bogus'),
    (('together-hooks', 'baseline', 'audit', '--json'), '--json needs --stats'),
    # Each names only the flag given, and what it needs.
    (('together-hooks', 'baseline', 'audit', '--only-false'), '--only-false needs --report'),
    (('together-hooks', 'scan', '--verify-timeout', '0'), 'more than 0 and at most 60 seconds'),
    (('together-hooks', 'doctor', '--format', 'sarif'), "--format: invalid choice: 'sarif'"),
    (('together-hooks', 'doctor', 'a.txt', 'b.txt'), 'unrecognized arguments: b.txt'),
    (('together-hooks', 'doctor', 'missing-dir'), 'missing-dir: no such file or folder'),
    (('together-hooks', 'rotate-help', '--bogus'), 'unrecognized arguments: --bogus'),
    # A key pasted where a value goes is shown redacted, never whole.
    (('detect-together-keys', '--format', '{key}'), '--format: invalid choice'),
    (('together-hooks', 'scan', '--{key}'), 'unrecognized arguments'),
    (('together-hooks', 'scan', '--diff', '{key}'), 'is not a commit in this repository'),
    (('together-hooks', 'baseline', 'create', '--baseline', 'x/{key}/b'), 'cannot write'),
    (('together-hooks', 'doctor', '{key}'), 'no such file or folder'),
    (('forbid-env-files', '--{key}'), 'unrecognized arguments'),
)


@pytest.fixture(scope='module')
def usage_repo(tmp_path_factory) -> Path:
    """One repository for every usage case (a.txt and b.txt committed):
    a usage error writes nothing, which each case checks."""
    repo = init_repo(tmp_path_factory.mktemp('usage') / 'repo')
    write(repo, 'a.txt', 'clean\n')
    write(repo, 'b.txt', 'clean\n')
    commit(repo)
    return repo


# The run of each argv given twice in USAGE (each time with other words):
# the same command in the same repository, run once.
_USAGE_RUNS: dict[tuple[str, ...], Result] = {}
# What a usage error answers (its line, its exit code, nothing written) is
# the console script's ``main(argv)``'s, so the cases run it in this
# process (tests/cli_run.run_in_process: fds 1 and 2 captured, the state
# it must leave checked); the first case of each console script also runs
# as the real process, as a user's shell starts it.
_USAGE_REAL = {next(a for a, _w in USAGE if a[0] == script) for script in {a[0] for a, _w in USAGE}}


@pytest.mark.parametrize(('argv', 'words'), USAGE, ids=[' '.join(a) for a, _w in USAGE])
def test_usage_errors(usage_repo, keys, argv, words):
    repo = usage_repo
    key = keys.key()
    given = tuple(a.format(key=key) for a in argv)
    r = _USAGE_RUNS.get(given)
    if r is None:
        if argv in _USAGE_REAL:
            r = run(*given, cwd=repo)
        else:
            r = run_in_process(*given, cwd=repo, env=_environ(None))
        _USAGE_RUNS[given] = r
    assert sorted(os.listdir(repo)) == ['.git', 'a.txt', 'b.txt']  # nothing written
    assert_error_line(r, words)
    assert r.out == ''
    if '{key}' in ''.join(argv):
        assert key[:9] + '…' in r.err  # shown redacted


# --- 6. HOME unset or unwritable ---------------------------------------------

@pytest.mark.parametrize('home', (None, '/proc'), ids=('unset', 'unwritable'))
def test_home_unset_or_unwritable(tmp_path, keys, home, outputs):
    repo = init_repo(tmp_path / 'repo')
    key = keys.key()
    write(repo, 'a.txt', f'k = "{key}"\n')
    write(repo, '.env', 'X=1\n')
    commit(repo)
    env = {'HOME': home, 'XDG_CONFIG_HOME': None, 'XDG_CACHE_HOME': None}
    want = {('a.txt', hash_secret(key))}
    for argv, rc in (
            (('detect-together-keys', '--format', 'json', 'a.txt'), 1),
            (('together-hooks', 'scan', '--format', 'json'), 1),
            (('together-hooks', 'scan', '--history', '--format', 'json'), 1),
            (('forbid-env-files', '.env'), 1),
            (('check-env-gitignored',), 1),
            (('together-hooks', 'baseline', 'create'), 0),
            (('together-hooks', 'baseline', 'update'), 0),
            (('together-hooks', 'doctor'), 1),
    ):
        r = run(*argv, cwd=repo, env=env)
        assert r.rc == rc, (argv, r.err)
        assert 'Traceback' not in r.err
        if '--format' in argv:
            assert json_found(r) == want
    outputs.append(repo / '.secrets.baseline')


# --- 7. --output and baselines on paths that cannot be written -------------

@pytest.mark.parametrize(('target', 'words'), (
    ('missing/r.json', 'missing/r.json: cannot write'),
    ('.', '.: cannot write'),
    ('adir', 'adir: cannot write'),
))
def test_output_that_cannot_be_written(tmp_path, keys, target, words):
    repo = init_repo(tmp_path / 'repo')
    write(repo, 'a.txt', keys.key())
    (repo / 'adir').mkdir()
    for argv in (('together-hooks', 'scan'), ('detect-together-keys', 'a.txt')):
        r = run(*argv, '--format', 'sarif', '--output', target, cwd=repo)
        assert_error_line(r, words)
    assert temp_files(repo) == [] and temp_files(repo / 'adir') == []


def test_output_through_symlinks_and_devices(tmp_path, keys, outputs):
    repo = init_repo(tmp_path / 'repo')
    key = keys.key()
    write(repo, 'a.txt', key)
    write(repo, 'reports/real.json', 'old')
    os.symlink('reports/real.json', repo / 'link.json')
    os.symlink(os.devnull, repo / 'null.json')
    r = run('together-hooks', 'scan', '--format', 'json', '--output', 'link.json', cwd=repo)
    assert r.rc == 1, r.err
    assert (repo / 'link.json').is_symlink()  # written through, not replaced
    outputs.append(repo / 'reports/real.json')
    doc = json.loads((repo / 'reports/real.json').read_text())
    assert doc['findings'][0]['hashed_secret'] == hash_secret(key)
    r = run('together-hooks', 'scan', '--format', 'json', '--output', 'null.json', cwd=repo)
    assert r.rc == 1 and (repo / 'null.json').is_symlink(), r.err
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    # A symlinked baseline is updated where it lives; the link stays.
    write(repo, 'cfg/real.baseline', '')
    (repo / 'cfg/real.baseline').unlink()
    r = run('together-hooks', 'baseline', 'create', '--baseline', 'cfg/real.baseline', cwd=repo)
    assert r.rc == 0, r.err
    os.symlink('cfg/real.baseline', repo / '.secrets.baseline')
    write(repo, 'b.txt', keys.key())
    r = run('together-hooks', 'baseline', 'update', cwd=repo)
    assert r.rc == 0, r.err
    assert (repo / '.secrets.baseline').is_symlink()
    doc = json.loads((repo / 'cfg/real.baseline').read_text())
    assert sorted(doc['results']) == ['a.txt', 'b.txt']
    outputs.append(repo / 'cfg/real.baseline')


BAD_BASELINE_FILES = (
    ('empty', b'', 'empty'),
    ('truncated', b'{"version": "1.5.0", "results": {"a.txt": [{"type": "Together', 'not valid JSON'),
    ('corrupt', b'\x00\x89PNG\r\n', 'not UTF-8'),
    ('nested', b'[' * 100000 + b']' * 100000, 'nested too deep'),
    ('wrong-version', b'{"version": "3.0.0", "results": {}}', 'not supported'),
    ('utf16', '{"version": "1.5.0", "results": {}}'.encode('utf-16'), 'not UTF-8'),
    ('folder', 'dir', 'is a folder'),
    ('fifo', 'fifo', 'not a regular file'),  # must not block the hook
    # A link to /dev/zero must not read forever: it leads out of the repository.
    ('device', 'zero', 'symlink out of the repository'),
)


# The entry points' answer to a bad baseline is their ``main(argv)``'s: the
# kinds whose read could block (a FIFO, a link to a device) and one other
# run as the real processes, under a timeout; the rest in this process
# (tests/cli_run.run_in_process, the environment ``run`` gives).
_BAD_BASELINE_REAL = {'empty', 'fifo', 'device'}


@pytest.mark.parametrize(('kind', 'data', 'words'), BAD_BASELINE_FILES,
                         ids=[b[0] for b in BAD_BASELINE_FILES])
def test_bad_baseline_every_entry_point(tmp_path, keys, kind, data, words):
    repo = init_repo(tmp_path / 'repo')
    write(repo, 'a.txt', f'k = "{keys.key()}"\n')
    commit(repo)
    path = repo / '.secrets.baseline'
    if data == 'dir':
        path.mkdir()
    elif data == 'fifo':
        os.mkfifo(path)
    elif data == 'zero':
        os.symlink('/dev/zero', path)
    else:
        path.write_bytes(data)
    for argv in (
            ('detect-together-keys', '--baseline', '.secrets.baseline', 'a.txt'),
            ('together-hooks', 'scan', '--baseline', '.secrets.baseline'),
            ('together-hooks', 'scan', '--history', '--baseline', '.secrets.baseline'),
            ('together-hooks', 'baseline', 'update'),
            ('together-hooks', 'baseline', 'audit', '--stats'),
    ):
        if kind in _BAD_BASELINE_REAL:
            r = run(*argv, cwd=repo, timeout=60)
        else:
            r = run_in_process(*argv, cwd=repo, env=_environ(None))
        assert_error_line(r, words)
    # doctor says so in its checklist rather than failing as a whole
    doctor = ('together-hooks', 'doctor', '--format', 'json')
    if kind in _BAD_BASELINE_REAL:
        r = run(*doctor, cwd=repo)
    else:
        r = run_in_process(*doctor, cwd=repo, env=_environ(None))
    checks = {c['id']: c for c in r.json()['checks']}
    assert r.rc == 1 and checks['baseline-audited']['status'] == 'fail'
    if isinstance(data, bytes):
        assert path.read_bytes() == data
    assert temp_files(repo) == []


def test_config_files_linked_to_a_device(tmp_path):
    # A repository can commit a symlink to /dev/zero where a config file
    # belongs: nothing may read it forever.
    repo = init_repo(tmp_path / 'repo')
    os.symlink('/dev/zero', repo / '.pre-commit-config.yaml')
    os.symlink('/dev/zero', repo / '.gitignore')
    write(repo, 'a.txt', 'clean\n')
    commit(repo)
    r = run('together-hooks', 'doctor', '--format', 'json', cwd=repo, timeout=60)
    checks = {c['id']: c for c in r.json()['checks']}
    assert r.rc == 1 and 'not a regular file' in checks['hooks-installed']['detail']
    r = run('check-env-gitignored', '--fix', cwd=repo, timeout=60)
    assert_error_line(r, '.gitignore', 'symlink')  # --fix never writes through a link
    assert (repo / '.gitignore').is_symlink()


# --- 8. file modes (run as an unprivileged user when we are root) -------------

@pytest.fixture
def shared_tmp():
    """A folder an unprivileged user can use (pytest's tmp_path is 0700
    root's when the suite runs as root, where file modes do not apply)."""
    top = Path(tempfile.mkdtemp(prefix='th-hardening-'))
    top.chmod(0o755)
    user: tuple[str, ...] = ()
    if os.geteuid() == 0:  # file modes bind root only through another user
        user = ('setpriv', f'--reuid={NOBODY}', f'--regid={NOBODY}', '--clear-groups')
        try:
            probe = subprocess.run(
                (*user, os.path.join(BIN, 'together-hooks'), '--version'),
                capture_output=True,
            ).returncode
        except OSError:
            probe = -1
        if probe != 0:
            shutil.rmtree(top)
            pytest.skip('cannot run as an unprivileged user here (setpriv)')
    try:
        yield top, user
    finally:
        for p in [top, *top.rglob('*')]:
            if p.is_dir() and not p.is_symlink():
                p.chmod(0o755)
        shutil.rmtree(top)


def _own(top: Path, user: tuple[str, ...]) -> None:
    if not user:
        return
    for p in [top, *top.rglob('*')]:
        os.lchown(p, NOBODY, NOBODY)


def test_read_only_folder_and_files(shared_tmp, outputs):
    top, user = shared_tmp
    keys = Keys(8)
    repo = init_repo(top / 'repo')
    old_key, new_key = keys.key(), keys.key()
    write(repo, 'a.txt', f'k = "{old_key}"\n')
    write(repo, '.gitignore', 'home/\n')
    (repo / 'cfg').mkdir()
    (repo / 'home').mkdir()
    _own(top, user)
    env = {'HOME': str(repo / 'home')}
    r = run('together-hooks', 'baseline', 'create', '--baseline', 'cfg/.secrets.baseline',
            cwd=repo, env=env, user=user)
    assert r.rc == 0, r.err
    baseline = repo / 'cfg/.secrets.baseline'
    outputs.append(baseline)
    doc = json.loads(baseline.read_text())
    doc['results']['a.txt'][0]['is_secret'] = False
    baseline.write_text(json.dumps(doc, indent=2) + '\n')
    write(repo, 'b.txt', f'k = "{new_key}"\n')
    _own(top, user)
    before = baseline.read_bytes()

    # The folder holding the baseline is read-only: exit 2, file unchanged,
    # no temp file left; a read-only HOME changes nothing.
    (repo / 'cfg').chmod(0o555)
    (repo / 'home').chmod(0o555)
    r = run('together-hooks', 'baseline', 'update', '--baseline', 'cfg/.secrets.baseline',
            cwd=repo, env=env, user=user)
    assert_error_line(r, 'cfg/.secrets.baseline', 'cannot write')
    assert baseline.read_bytes() == before
    assert temp_files(repo / 'cfg') == []
    # Reading it still works everywhere.
    r = run('detect-together-keys', '--format', 'json', '--baseline', 'cfg/.secrets.baseline',
            'a.txt', 'b.txt', cwd=repo, env=env, user=user)
    assert (r.rc, json_found(r)) == (1, {('b.txt', hash_secret(new_key))}), r.err
    # --output into a read-only folder: one line, nothing left behind.
    r = run('together-hooks', 'scan', '--format', 'sarif', '--output', 'cfg/r.sarif',
            cwd=repo, env=env, user=user)
    assert_error_line(r, 'cfg/r.sarif', 'cannot write')
    assert temp_files(repo / 'cfg') == []

    # A read-only baseline in a writable folder is updated whole, and stays
    # read-only.
    (repo / 'cfg').chmod(0o755)
    baseline.chmod(0o444)
    r = run('together-hooks', 'baseline', 'update', '--baseline', 'cfg/.secrets.baseline',
            cwd=repo, env=env, user=user)
    assert r.rc == 0, r.err
    doc = json.loads(baseline.read_text())
    assert doc['results']['a.txt'][0]['is_secret'] is False
    assert [e['hashed_secret'] for e in doc['results']['b.txt']] == [hash_secret(new_key)]
    assert stat.S_IMODE(baseline.stat().st_mode) == 0o444

    # A file the user cannot read: the hook cannot decide, so it fails.
    secret = write(repo, 'private.txt', f'k = "{keys.key()}"\n')
    _own(top, user)
    secret.chmod(0o000)
    for argv in (('detect-together-keys', 'private.txt'), ('together-hooks', 'scan')):
        r = run(*argv, cwd=repo, env=env, user=user)
        assert_error_line(r, 'private.txt')


def test_unreadable_or_special_template_is_one_error_line(shared_tmp, keys):
    """forbid-env-files reads templates: one it cannot read fails closed as
    one line naming it (never an internal error); a FIFO is skipped, named,
    as detect-together-keys skips one."""
    top, user = shared_tmp
    repo = init_repo(top / 'repo')
    write(repo, '.env.example', f'TOGETHER_API_KEY={keys.key()}\n')
    os.mkfifo(repo / '.env.sample')
    _own(top, user)
    (repo / '.env.example').chmod(0o000)
    r = run('forbid-env-files', '.env.example', cwd=repo, user=user)
    assert_error_line(r, '.env.example', 'cannot read')
    r = run('forbid-env-files', '.env.sample', cwd=repo, user=user)
    assert (r.rc, r.out) == (0, ''), r.err
    assert 'internal error' not in r.err and '.env.sample' in r.err and 'not a regular file' in r.err


def test_rotate_help_fails_on_a_file_it_cannot_read(shared_tmp, keys):
    """"No key found" is never said of a file that was not read."""
    top, user = shared_tmp
    repo = init_repo(top / 'repo')
    write(repo, 'leaked.py', f'k = "{keys.key()}"\n')
    _own(top, user)
    (repo / 'leaked.py').chmod(0o000)
    r = run('together-hooks', 'rotate-help', 'leaked.py', cwd=repo, user=user)
    assert_error_line(r, 'leaked.py', 'cannot read')
    assert 'No Together API key found' not in r.out


def test_a_repository_git_refuses_is_named_with_git_reason(shared_tmp):
    """A repository another user owns (git's safe.directory check) is not
    "not inside a git work tree": the error says what git refused and how
    to trust it."""
    top, user = shared_tmp
    if not user:
        pytest.skip('needs a repository owned by another user')
    repo = init_repo(top / 'repo')  # owned by root, run as nobody
    write(repo, 'a.txt', 'hello\n')
    env = {'HOME': str(top)}
    for argv in (('check-env-gitignored',), ('together-hooks', 'doctor'),
                 ('together-hooks', 'scan', '--staged'), ('together-hooks', 'scan', '--history')):
        r = run(*argv, cwd=repo, env=env, user=user)
        assert_error_line(r, 'dubious ownership', 'safe.directory')
        assert 'not inside a git work tree' not in r.err and 'needs a git repository' not in r.err


# --- 9. concurrency ---------------------------------------------------------

def _without_time(text: str) -> dict:
    doc = json.loads(text)
    doc.pop('generated_at', None)
    return doc


def test_baseline_update_racing_itself(tmp_path, keys, outputs):
    repo = init_repo(tmp_path / 'repo')
    for i in range(30):
        write(repo, f'old/{i}.py', f'K = "{keys.key()}"\n')
    assert run('together-hooks', 'baseline', 'create', cwd=repo).rc == 0
    path = repo / '.secrets.baseline'
    outputs.append(path)
    doc = json.loads(path.read_text())
    for n, entries in enumerate(doc['results'].values()):
        entries[0]['is_secret'] = n % 2 == 0
    doc['results']['old/0.py'].append({
        'type': 'Secret Keyword', 'filename': 'old/0.py',
        'hashed_secret': '0' * 40, 'is_verified': False, 'line_number': 1,
    })
    start = json.dumps(doc, indent=2) + '\n'
    for i in range(20):
        write(repo, f'new/{i}.py', f'K = "{keys.key()}"\n')

    versions = []
    for args in ((), ('--slim',)):
        path.write_text(start)
        r = run('together-hooks', 'baseline', 'update', *args, cwd=repo)
        assert r.rc == 0, r.err
        versions.append(_without_time(path.read_text()))
    assert versions[0] != versions[1]
    for version in versions:
        labels = {(f, e['hashed_secret'], e.get('is_secret')) for f, es in version['results'].items() for e in es}
        want = {(f, e['hashed_secret'], e.get('is_secret')) for f, es in doc['results'].items() for e in es}
        assert want <= labels and len(labels) == len(want) + 20

    env = dict(os.environ)
    for _round in range(3):
        path.write_text(start)
        procs = [
            subprocess.Popen(
                (os.path.join(BIN, 'together-hooks'), 'baseline', 'update', *args),
                cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            )
            for args in ((), ('--slim',))
        ]
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            CAPTURED.extend((out.decode(), err.decode()))
            assert proc.returncode == 0, err
        assert _without_time(path.read_text()) in versions  # one whole version
        assert temp_files(repo) == []


def test_parallel_hook_batches_share_a_baseline(tmp_path, keys, outputs):
    repo = init_repo(tmp_path / 'repo')
    names = [f'f{i}.py' for i in range(40)]
    for name in names:
        write(repo, name, f'K = "{keys.key()}"\n')
    assert run('together-hooks', 'baseline', 'create', cwd=repo).rc == 0
    fresh = keys.key()
    write(repo, 'f0.py', f'K = "{fresh}"\n')  # one key the baseline lacks
    before = (repo / '.secrets.baseline').read_bytes()
    log = tmp_path / 'audit.jsonl'
    outputs.extend([log, repo / '.secrets.baseline'])
    procs = [
        subprocess.Popen(
            (os.path.join(BIN, 'detect-together-keys'), '--baseline', '.secrets.baseline',
             '--audit-log', str(log), '--format', 'json', *names[i::4]),
            cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        for i in range(4)
    ]
    found = set()
    codes = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        CAPTURED.extend((out.decode(), err.decode()))
        codes.append(proc.returncode)
        found |= {f['hashed_secret'] for f in json.loads(out)['findings']}
    assert sorted(codes) == [0, 0, 0, 1] and found == {hash_secret(fresh)}
    assert (repo / '.secrets.baseline').read_bytes() == before  # never written
    lines = log.read_text().splitlines()
    assert len(lines) == 4 and all(json.loads(ln)['action'] == 'detect-together-keys' for ln in lines)


# --- 10. the real pre-commit framework: renames, deletions, odd names ----------

def test_pre_commit_with_renames_deletions_and_dash_names(tmp_path, keys):
    repo = init_repo(tmp_path / 'repo')
    config = 'repos:\n-   repo: local\n    hooks:\n' + ''.join(
        f'    -   id: {hook}\n        name: {hook}\n'
        f'        entry: {os.path.join(BIN, hook)}\n        language: system\n'
        for hook in ('detect-together-keys', 'forbid-env-files')
    )
    write(repo, '.pre-commit-config.yaml', config)
    write(repo, 'a.txt', 'clean\n')
    write(repo, 'gone.txt', 'clean\n')
    commit(repo, 'init')
    env = {'PRE_COMMIT_HOME': str(tmp_path / 'pc-home'), 'HOME': '/proc'}
    r = run('pre-commit', 'install', cwd=repo, env=env)
    assert r.rc == 0, r.out + r.err

    git(repo, 'mv', 'a.txt', 'ren amed.txt')
    git(repo, 'rm', '-q', 'gone.txt')
    staged_key = keys.key()
    write(repo, 'staged.txt', f'k = "{staged_key}"\n')
    write(repo, '-h', 'clean\n')
    write(repo, '.env', 'X=1\n')
    git(repo, 'add', '-A')
    (repo / 'staged.txt').unlink()  # deleted from the work tree, still staged
    r = run('together-hooks', 'scan', '--staged', '--format', 'json', cwd=repo, env=env)
    assert (r.rc, json_found(r)) == (1, {('staged.txt', hash_secret(staged_key))}), r.err
    head = git(repo, 'rev-parse', 'HEAD')
    proc = subprocess.run(
        ('git', 'commit', '-m', 'x'), cwd=repo, capture_output=True,
        env=dict(os.environ, **env),
    )
    out = proc.stdout.decode() + proc.stderr.decode()
    CAPTURED.append(out)
    assert proc.returncode == 1, out
    assert 'staged.txt:1: together-api-key' in out and hash_secret(staged_key) in out
    assert '.env: env file staged' in out
    assert git(repo, 'rev-parse', 'HEAD') == head
    assert not (repo / 'staged.txt').exists()  # pre-commit put the work tree back

    git(repo, 'rm', '-q', '--cached', 'staged.txt', '.env')
    proc = subprocess.run(
        ('git', 'commit', '-m', 'x'), cwd=repo, capture_output=True,
        env=dict(os.environ, **env),
    )
    out = proc.stdout.decode() + proc.stderr.decode()
    CAPTURED.append(out)
    assert proc.returncode == 0, out
    assert 'Traceback' not in out


# --- 11. 100,000 tiny files ----------------------------------------------------

def test_hundred_thousand_tiny_files(tmp_path, keys):
    # tmpfs when there is one: creating 100,000 files on an overlay disk
    # costs more than scanning them.
    base = '/dev/shm' if os.path.isdir('/dev/shm') and os.access('/dev/shm', os.W_OK) else None
    top = tempfile.mkdtemp(prefix='th-many-', dir=base or tmp_path)
    try:
        key = keys.key()
        hits = {17: key, 99_999: keys.key()}
        for d in range(100):
            os.mkdir(os.path.join(top, f'd{d:02d}'))
        for i in range(100_000):
            fd = os.open(os.path.join(top, f'd{i % 100:02d}', f'{i}.txt'),
                         os.O_WRONLY | os.O_CREAT, 0o644)
            os.write(fd, f'k = "{hits[i]}"\n'.encode() if i in hits else b'x = %d\n' % i)
            os.close(fd)
        t0 = time.monotonic()
        r = run('together-hooks', 'scan', '--format', 'json', top, cwd=tmp_path, timeout=300)
        took = time.monotonic() - t0
        assert r.rc == 1, r.err
        assert r.json()['summary']['files_scanned'] == 100_000
        assert json_found(r) == {
            (f'd{i % 100:02d}/{i}.txt', hash_secret(k)) for i, k in hits.items()
        }
        print(f'100,000 files scanned in {took:.1f}s')
    finally:
        shutil.rmtree(top, ignore_errors=True)


# --- git missing ---------------------------------------------------------------

@pytest.mark.parametrize(('script', 'argv'), [
    ('together-hooks', ('scan',)),
    ('together-hooks', ('scan', '--staged')),
    ('together-hooks', ('scan', '--history')),
    ('together-hooks', ('doctor',)),
    ('check-env-gitignored', ()),
], ids=['scan', 'staged', 'history', 'doctor', 'check-env-gitignored'])
def test_git_missing_is_named_as_such(git_repo, keys, script, argv):
    """With no git on PATH a repository cannot be read: one line says git is
    missing (not "not a repository"), exit 2; nothing is walked instead."""
    (git_repo / 'app.py').write_text(f'KEY = "{keys.key()}"\n')
    result = run(script, *argv, cwd=git_repo, env={'PATH': str(git_repo / 'no-tools')})
    assert_error_line(result, 'git is not installed or not on PATH')


def test_git_missing_a_named_folder_is_walked(git_repo, keys):
    (git_repo / 'src').mkdir()
    (git_repo / 'src' / 'app.py').write_text(f'KEY = "{keys.key()}"\n')
    result = run('together-hooks', 'scan', 'src', cwd=git_repo, env={'PATH': str(git_repo / 'no-tools')})
    assert result.rc == 1, result.err
    assert 'app.py' in result.out


@pytest.mark.parametrize('argv', [('detect-together-keys',), ('together-hooks', 'scan')])
def test_a_skipped_submodule_named_as_a_legacy_key_never_shows_it(git_repo, argv):
    """A submodule whose name is a legacy key that the names' scan finds
    (its Together context is another name, a line before): the "submodule
    skipped" note comes once the run knows the key, so it shows redacted."""
    repo = git_repo
    hexkey = 'a' + make_hex(random.Random(81))[1:]  # sorts after the context
    (repo / 'TOGETHER_API_KEY').write_text('x\n')
    (repo / hexkey).mkdir()
    git(repo / hexkey, 'init', '-q')
    r = run(*argv, 'TOGETHER_API_KEY', hexkey, cwd=repo, timeout=60)
    assert leaked([hexkey], r.out, r.err) == []
    assert r.rc == 1  # the names' scan finds it
    assert 'submodule skipped' in r.out + r.err
