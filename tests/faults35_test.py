"""Session 35's hostile tests of "fail closed" and "memory bounded" (faults35).

Each case is a real command on input built to sit at, just past or far
past one of the product's size bounds, or built to hurt a decoder or a
writer: the developer's own env file past its 1 MB read, decompression
bombs (gzip, base64 of gzip, a PNG's zTXt) at and past the file's budget,
documents nested 10,000 deep, UTF-16 with an odd byte, a line many
windows long in every mode, outputs on a full device, empty
``TOGETHER_HOOKS_*`` variables, baselines of the wrong shape in each
field, a damaged scan-org store, a 4,000-byte ref name.  The rule each is
held to: the right answer, or one line and exit 2; never a traceback, nor
a pass (exit 0) while a key went unread.  In process
(``tests/cli_run.run_in_process``) unless the process is the claim.
docs/hardening.md, "Session 35 (faults35)", has what each found.
"""
from __future__ import annotations

import base64
import json
import os
import resource
import sqlite3
import struct
import subprocess
import zlib

import pytest

from tests.cli_run import BIN
from tests.cli_run import Result
from tests.cli_run import run_in_process
from tests.conftest import git
from tests.faults34_test import no_traceback
from tests.faults34_test import one_error
from tests.faults_test import spawn

MB = 1 << 20


def th(*args: str, cwd, env: dict[str, str] | None = None) -> Result:
    full = None if env is None else {**os.environ, **env}
    return run_in_process('together-hooks', *args, cwd=cwd, env=full)


def hook(*args: str, cwd) -> Result:
    return run_in_process('detect-together-keys', *args, cwd=cwd)


def commit_all(repo, message: str = 'c') -> None:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-qm', message)


def found_one(r: Result) -> None:
    assert r.rc == 1, (r.rc, r.err)
    no_traceback(r)


# ------------------------------------------------ your own keys, past 1 MB

def _own(repo, env_text: bytes, keys) -> str:
    """A repository whose ignored ``.env`` holds ``env_text`` around a
    legacy key of yours, and a staged file holding that key with no
    Together context (only the own-key rule can find it)."""
    hexkey = keys('hex')
    (repo / '.gitignore').write_text('.env\n')
    commit_all(repo, 'ignore')
    (repo / '.env').write_bytes(env_text.replace(b'@HEX@', hexkey.encode()))
    (repo / 'data.txt').write_text(f'value: {hexkey}\n')
    git(repo, 'add', 'data.txt')
    return hexkey


PAD = b'# a comment, padding the file\n'


@pytest.mark.parametrize('shape', ['key-then-pad', 'pad-then-key', 'pad-key-pad', 'key-across-1-mb'])
def test_your_key_in_an_env_file_past_1_mb_is_still_yours(git_repo, keys, shape):
    """Failed on 1c5f10cf: an ignored ``.env`` over 1 MB was not read at
    all (``read_small``), so your legacy key in it was not learned and a
    commit of it with no context passed, exit 0."""
    from together_hooks.env.ownkeys import MAX_ENV_FILE

    pad = PAD * (MAX_ENV_FILE // len(PAD) + 1)
    line = b'TOGETHER_API_KEY=@HEX@\n'
    edge = b'#' * (MAX_ENV_FILE - 40) + b'\n'  # the key's line runs across the first 1 MB
    text = {'key-then-pad': line + pad, 'pad-then-key': pad + line,
            'pad-key-pad': pad + line + pad * 2, 'key-across-1-mb': edge + line + pad}[shape]
    _own(git_repo, text, keys)
    assert os.path.getsize(git_repo / '.env') > MAX_ENV_FILE
    for r in (hook('data.txt', cwd=git_repo), th('scan', '--staged', cwd=git_repo)):
        found_one(r)
        assert 'data.txt:1: together-own-key' in r.out, r.out


def test_your_key_in_an_env_file_of_exactly_1_mb_is_yours(git_repo, keys):
    """At the bound (read whole before and after)."""
    from together_hooks.env.ownkeys import MAX_ENV_FILE

    line = b'TOGETHER_API_KEY=@HEX@\n'
    hexlen = 64 - len('@HEX@')
    text = line + b'#' * (MAX_ENV_FILE - len(line) - hexlen - 1) + b'\n'
    _own(git_repo, text, keys)
    assert os.path.getsize(git_repo / '.env') == MAX_ENV_FILE
    found_one(hook('data.txt', cwd=git_repo))


def test_a_template_past_1_mb_teaches_no_key(git_repo, keys):
    """Decoy: a template (``.env.example``) is never your keys, large or
    not: a 64-hex run with no context stays clean."""
    from together_hooks.env.ownkeys import MAX_ENV_FILE

    hexkey = keys('hex')
    (git_repo / '.gitignore').write_text('.env.example\n')
    commit_all(git_repo, 'ignore')
    pad = PAD * (MAX_ENV_FILE // len(PAD) + 1)
    (git_repo / '.env.example').write_bytes(pad + f'TOGETHER_API_KEY={hexkey}\n'.encode())
    (git_repo / 'data.txt').write_text(f'value: {hexkey}\n')
    git(git_repo, 'add', 'data.txt')
    r = hook('data.txt', cwd=git_repo)
    assert r.rc == 0, (r.out, r.err)


def test_a_fifo_env_file_is_passed_over_without_a_hang(git_repo, keys):
    """A FIFO named ``.env`` (no writer): the walk of your keys does not
    block on it (O_NONBLOCK, then a bounded wait for a writer:
    ``TOGETHER_HOOKS_PIPE_WAIT``); since faults36 your keys in it, unread,
    fail the run closed in one line naming it (it passed over them)."""
    (git_repo / '.gitignore').write_text('.env\n')
    commit_all(git_repo, 'ignore')
    os.mkfifo(git_repo / '.env')
    (git_repo / 'k.py').write_text(f'TOGETHER_API_KEY = "{keys()}"\n')
    git(git_repo, 'add', 'k.py')
    r = run_in_process('detect-together-keys', 'k.py', cwd=git_repo,
                       env={**os.environ, 'TOGETHER_HOOKS_PIPE_WAIT': '0.2'})
    assert r.rc == 2, (r.rc, r.err)
    no_traceback(r)
    assert '.env' in r.err and 'named pipe' in r.err, r.err


# ----------------------------------------------- decompression bombs

def _gzip(parts: list[bytes]) -> bytes:
    co = zlib.compressobj(9, zlib.DEFLATED, 31)
    return b''.join([co.compress(p) for p in parts] + [co.flush()])


@pytest.fixture
def small_budget(monkeypatch):
    """The file's decompression budget set to 4 MB, so bombs past it cost
    4 MB of work (the bound's check is the same at 256 MB)."""
    from together_hooks.detect import budget

    monkeypatch.setattr(budget, 'EXPANDED', 4 * MB)
    return 4 * MB


def _key_line(key: str) -> bytes:
    return f'\nTOGETHER_API_KEY={key}\n'.encode()


@pytest.mark.parametrize('over', [-1, 1, 4 * MB])
def test_a_gzip_bomb_past_the_budget_is_refused_and_at_it_read(git_repo, keys, small_budget, over):
    key = keys()
    line = _key_line(key)
    size = small_budget + over - len(line)
    (git_repo / 'x.gz').write_bytes(_gzip([bytes(size), line]))
    r = th('scan', 'x.gz', cwd=git_repo)
    if over < 0:
        found_one(r)
        assert 'x.gz' in r.out
    else:
        one_error(r, 'x.gz', 'decompressed: not scanned whole')


def test_base64_of_a_gzip_bomb_is_refused(git_repo, keys, small_budget):
    bomb = _gzip([bytes(2 * small_budget), _key_line(keys())])
    (git_repo / 'cfg.txt').write_bytes(b'blob = "' + base64.b64encode(bomb) + b'"\n')
    one_error(th('scan', 'cfg.txt', cwd=git_repo), 'cfg.txt', 'decompressed')


def _png(text_chunk: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))

    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 0, 0, 0, 0))
            + chunk(b'zTXt', b'Comment\0\0' + text_chunk)
            + chunk(b'IDAT', zlib.compress(b'\0\0')) + chunk(b'IEND', b''))


def test_a_png_with_a_huge_ztxt_is_refused_and_a_small_one_read(git_repo, keys, small_budget):
    key = keys()
    (git_repo / 'big.png').write_bytes(_png(zlib.compress(bytes(2 * small_budget) + _key_line(key), 9)))
    one_error(th('scan', 'big.png', cwd=git_repo), 'big.png', 'decompressed')
    (git_repo / 'small.png').write_bytes(_png(zlib.compress(_key_line(key))))
    r = th('scan', 'small.png', cwd=git_repo)
    found_one(r)
    assert 'small.png' in r.out


def test_a_gzip_bomb_staged_and_pushed_is_refused_in_every_mode(git_repo, keys, small_budget):
    """The same bomb as a staged blob (the hook), in a commit (``--diff``,
    ``--history``): each refuses it, none passes it."""
    (git_repo / 'a.txt').write_text('a\n')
    commit_all(git_repo, 'base')
    (git_repo / 'x.gz').write_bytes(_gzip([bytes(2 * small_budget), _key_line(keys())]))
    git(git_repo, 'add', 'x.gz')
    one_error(hook('x.gz', cwd=git_repo), 'decompressed')
    one_error(th('scan', '--staged', cwd=git_repo), 'decompressed')
    git(git_repo, 'commit', '-qm', 'bomb')
    for args in (('--diff', 'HEAD~1...HEAD'), ('--history',)):
        one_error(th('scan', *args, cwd=git_repo), 'decompressed')


# ---------------------------------------------------- nested documents

def test_documents_nested_10000_deep_are_scanned_as_content(git_repo, keys):
    key = keys()
    depth = 10_000
    (git_repo / 'deep.json').write_text(
        '{"a":' * depth + '{"together_api_key": "' + key + '"}' + '}' * depth)
    (git_repo / 'deep.yaml').write_text(
        ''.join('  ' * i + 'a:\n' for i in range(2000)) + '  ' * 2000 + f'together_api_key: {key}\n')
    (git_repo / 'deep.toml').write_text('[' + '.'.join(['a'] * depth) + f']\ntogether_api_key = "{key}"\n')
    (git_repo / 'decoy.json').write_text(
        '{"a":' * depth + '{"together_api_key": "${TOGETHER_API_KEY}"}' + '}' * depth)
    r = th('scan', '--format', 'json', 'deep.json', 'deep.yaml', 'deep.toml', 'decoy.json', cwd=git_repo)
    found_one(r)
    assert sorted(f[0] for f in r.found()) == ['deep.json', 'deep.toml', 'deep.yaml'], r.found()


def test_a_pickle_past_its_value_bound_still_shows_its_key(git_repo, keys):
    """A pickle of more than ``pickles._VALUES`` opcodes (a pickle bomb's
    shape), the key in a string after them."""
    from together_hooks.detect.pickles import _VALUES

    key = keys().encode()
    body = b'\x80\x04]' + b'N0' * (_VALUES // 2 + 10) + b'X' + len(key).to_bytes(4, 'little') + key + b'a.'
    (git_repo / 'model.pkl').write_bytes(body)
    r = th('scan', 'model.pkl', cwd=git_repo)
    found_one(r)
    assert 'model.pkl' in r.out


def test_a_notebook_with_an_output_past_several_windows(git_repo, keys):
    """A 13 MB output cell (three windows), the key in a cell after it."""
    big = 'x' * (13 * MB)
    nb = {'cells': [
        {'cell_type': 'code', 'source': ['print(1)'], 'outputs': [{'output_type': 'stream', 'text': [big]}]},
        {'cell_type': 'code', 'source': [f'TOGETHER_API_KEY = "{keys()}"'], 'outputs': []},
    ], 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}
    (git_repo / 'nb.ipynb').write_text(json.dumps(nb, indent=1))
    r = th('scan', 'nb.ipynb', cwd=git_repo)
    found_one(r)
    assert 'nb.ipynb' in r.out


# ------------------------------------------------------------ UTF-16

def test_utf16_with_an_odd_byte_count_or_a_stray_byte(git_repo, keys):
    key = keys()
    line = f'TOGETHER_API_KEY={key}\n'
    (git_repo / 'odd.txt').write_bytes(line.encode('utf-16') + b'A')
    (git_repo / 'stray.txt').write_bytes(
        b'\xff\xfe' + ('x' * 101).encode('utf-16-le') + b'Z' + line.encode('utf-16-le'))
    r = th('scan', '--format', 'json', 'odd.txt', 'stray.txt', cwd=git_repo)
    found_one(r)
    assert sorted(f[0] for f in r.found()) == ['odd.txt', 'stray.txt']


# ------------------------------------- a line many windows long, every mode

@pytest.fixture
def long_line(git_repo, keys):
    """A 13 MB line (no newline anywhere: more than three windows) with the
    key at its very end, committed on top of a base commit and staged."""
    (git_repo / 'a.txt').write_text('a\n')
    commit_all(git_repo, 'base')
    (git_repo / 'long.txt').write_bytes(b'ab' * (13 * MB // 2) + f' TOGETHER_API_KEY={keys()}'.encode())
    git(git_repo, 'add', 'long.txt')
    return git_repo


def test_a_line_many_windows_long_is_read_to_its_end_in_every_mode(long_line):
    repo = long_line
    for r in (th('scan', 'long.txt', cwd=repo), hook('long.txt', cwd=repo),
              th('scan', '--staged', cwd=repo)):
        found_one(r)
        assert 'long.txt:1:' in r.out, r.out
    git(repo, 'commit', '-qm', 'long')
    for args in (('--diff', 'HEAD~1...HEAD'), ('--history',), ('--commits', 'HEAD')):
        r = th('scan', *args, cwd=repo)
        found_one(r)
        assert 'long.txt' in r.out


def test_a_line_many_windows_long_in_a_push_to_pre_receive(long_line, tmp_path):
    repo = long_line
    git(repo, 'commit', '-qm', 'long')
    old, new = git(repo, 'rev-parse', 'HEAD~1', 'HEAD').split()
    r = _pre_receive(repo, f'{old} {new} refs/heads/main\n')
    found_one(r)
    assert 'long.txt' in r.out + r.err


def _pre_receive(repo, stdin: str) -> Result:
    """``pre-receive`` given ``stdin``, the pushed commits on no ref (as a
    push's quarantine holds them: the branch is put back to the old id)."""
    old = stdin.split()[0]
    git(repo, 'reset', '-q', '--hard', old)
    proc = subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'pre-receive'), cwd=repo,
        input=stdin.encode(), capture_output=True, timeout=600,
        env=dict(os.environ, GIT_DIR=str(repo / '.git'), LC_ALL='C.UTF-8'),
    )
    from tests.cli_run import CAPTURED

    result = Result(proc)
    CAPTURED.extend((result.out, result.err))
    return result


def test_a_ref_name_of_4000_bytes_in_a_push(git_repo, keys):
    (git_repo / 'a.txt').write_text('a\n')
    commit_all(git_repo, 'base')
    (git_repo / 'k.py').write_text(f'TOGETHER_API_KEY = "{keys()}"\n')
    commit_all(git_repo, 'key')
    old, new = git(git_repo, 'rev-parse', 'HEAD~1', 'HEAD').split()
    name = 'refs/heads/' + '/'.join(['b' * 199] * 20)
    assert len(name) >= 4000
    r = _pre_receive(git_repo, f'{old} {new} {name}\n')
    found_one(r)
    assert 'k.py' in r.out + r.err


# --------------------------------------------------- outputs on a full disk

@pytest.fixture
def keyed(git_repo, keys):
    (git_repo / 'k.py').write_text(f'TOGETHER_API_KEY = "{keys()}"\n')
    commit_all(git_repo, 'k')
    return git_repo


@pytest.mark.parametrize('flag', ['--output', '--sarif-out'])
def test_a_report_to_dev_full_is_an_error(keyed, flag):
    r = th('scan', 'k.py', flag, '/dev/full', cwd=keyed)
    assert r.rc == 2, (r.rc, r.err)
    no_traceback(r)
    assert 'k.py:1: together-api-key' in r.out
    assert r.err.splitlines()[-1].endswith('/dev/full: cannot write (No space left on device)'), r.err


@pytest.mark.parametrize('fmt', ['text', 'json', 'sarif'])
def test_stdout_on_dev_full_is_an_error(keyed, fmt):
    r = spawn('together-hooks', 'scan', 'k.py', '--format', fmt, cwd=keyed, shell_prefix='exec >/dev/full; ')
    one_error(r, 'No space left on device')


# ------------------------------------------------ empty TOGETHER_HOOKS_*

@pytest.mark.parametrize('name', [
    'TOGETHER_HOOKS_API_BASE', 'TOGETHER_HOOKS_AUDIT_LOG', 'TOGETHER_HOOKS_GITHUB_TOKEN',
    'TOGETHER_HOOKS_PIPE_WAIT', 'TOGETHER_HOOKS_REGEX_BUDGET',
])
def test_an_empty_together_hooks_variable_is_unset(keyed, name):
    """Empty is how a shell unsets a variable: the default, never a
    different scan (and no audit log written to a file named '')."""
    before = sorted(os.listdir(keyed))
    r = th('scan', cwd=keyed, env={name: ''})
    found_one(r)
    assert 'k.py:1: together-api-key' in r.out
    assert sorted(os.listdir(keyed)) == before


# ------------------------------------------- a baseline of the wrong shape

_WRONG = {
    'version-number': lambda d: d.update(version=3),
    'results-list': lambda d: d.update(results=[]),
    'entries-object': lambda d: d['results'].update({'k.py': {}}),
    'entry-string': lambda d: d['results'].update({'k.py': ['x']}),
    'hash-number': lambda d: d['results']['k.py'][0].update(hashed_secret=1),
    'type-null': lambda d: d['results']['k.py'][0].update(type=None),
    'filename-number': lambda d: d['results']['k.py'][0].update(filename=3),
    'is-secret-string': lambda d: d['results']['k.py'][0].update({'is_' + 'secret': str(False).lower()}),
    'line-string': lambda d: d['results']['k.py'][0].update(line_number='1'),
    'line-bool': lambda d: d['results']['k.py'][0].update(line_number=True),
    'plugins-object': lambda d: d.update(plugins_used={}),
    'filters-number': lambda d: d.update(filters_used=[1]),
}


@pytest.mark.parametrize('wrong', sorted(_WRONG))
def test_a_baseline_of_the_wrong_shape_is_refused_never_a_pass(keyed, wrong):
    """Valid JSON, one field of another type: exit 2 in one line, for the
    hook and ``scan``; never read as an allowance for the key."""
    assert th('baseline', 'create', cwd=keyed).rc == 0
    path = keyed / '.secrets.baseline'
    doc = json.loads(path.read_text())
    assert th('scan', cwd=keyed).rc == 0  # the baseline allows the key
    _WRONG[wrong](doc)
    path.write_text(json.dumps(doc))
    one_error(th('scan', cwd=keyed), '.secrets.baseline')
    one_error(hook('k.py', cwd=keyed), '.secrets.baseline')


# ---------------------------------------------------- the scan-org store

@pytest.fixture
def org(tmp_path, keys):
    src = tmp_path / 'src'
    src.mkdir()
    git(src, 'init', '-q')
    (src / 'k.py').write_text(f'TOGETHER_API_KEY = "{keys()}"\n')
    commit_all(src, 'k')
    (tmp_path / 'repos.txt').write_text(f'{src}\n')
    return tmp_path


def _org(folder, store: str) -> Result:
    return th('scan-org', '--repos', 'repos.txt', '--store', store, '--workers', '1', cwd=folder)


def test_a_store_that_is_no_database_is_refused(org):
    (org / 'g.sqlite').write_bytes(bytes(range(256)) * 20)
    one_error(_org(org, 'g.sqlite'), 'not a scan-org store')
    one_error(th('scan-org', 'report', '--store', 'g.sqlite', cwd=org), 'not a scan-org store')
    assert (org / 'g.sqlite').read_bytes() == bytes(range(256)) * 20


def test_a_store_of_another_schema_is_refused_untouched(org):
    """Failed on 1c5f10cf: another program's sqlite database named as the
    store was refused, but first switched to WAL mode (its header's bytes
    18-19 written), and the error named no file."""
    db = sqlite3.connect(org / 'w.sqlite')
    db.execute('CREATE TABLE runs(x)')
    db.execute('CREATE TABLE findings(y)')
    db.commit()
    db.close()
    before = (org / 'w.sqlite').read_bytes()
    listed = sorted(os.listdir(org))
    one_error(_org(org, 'w.sqlite'), 'w.sqlite: not a scan-org store')
    one_error(th('scan-org', 'report', '--store', 'w.sqlite', cwd=org), 'w.sqlite: not a scan-org store')
    assert (org / 'w.sqlite').read_bytes() == before
    assert sorted(os.listdir(org)) == listed


def test_a_store_of_a_later_schema_is_refused_untouched(org):
    """A store a later version wrote (schema 99), in rollback-journal
    mode: refused, and left in the mode it was in."""
    db = sqlite3.connect(org / 'n.sqlite')
    db.execute('CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)')
    db.execute("INSERT INTO meta VALUES ('schema', '99')")
    db.commit()
    db.close()
    before = (org / 'n.sqlite').read_bytes()
    one_error(_org(org, 'n.sqlite'), 'n.sqlite: store schema 99')
    assert (org / 'n.sqlite').read_bytes() == before


def test_a_store_on_a_full_disk_is_one_line_and_resumes(org):
    """The store's first pages past a file size limit of 8 KB: one line,
    exit 2; the same command without the limit then finds the key."""
    r = spawn('together-hooks', 'scan-org', '--repos', 'repos.txt', '--store', 'fd.sqlite',
              '--workers', '1', cwd=org, limits={resource.RLIMIT_FSIZE: 8192})
    one_error(r, 'fd.sqlite', 'cannot write the store')
    r = _org(org, 'fd.sqlite')
    found_one(r)
    assert 'k.py' in r.out


def test_workers_far_beyond_the_cores(org):
    r = th('scan-org', '--repos', 'repos.txt', '--store', 's.sqlite', '--workers', '100000', cwd=org)
    found_one(r)
    assert 'k.py' in r.out


# ------------------------------------------- a git object that lies about its size

def _loose(repo, header_size: int | None, content: bytes) -> str:
    """A loose blob whose header says ``header_size`` bytes (None: the
    truth) and holds ``content``: git hashes and stores it as given."""
    import hashlib

    size = len(content) if header_size is None else header_size
    raw = b'blob %d\0' % size + content
    sha = hashlib.sha1(raw).hexdigest()
    folder = repo / '.git' / 'objects' / sha[:2]
    folder.mkdir(exist_ok=True)
    (folder / sha[2:]).write_bytes(zlib.compress(raw))
    return sha


@pytest.mark.parametrize('shape', ['tail-past-size', 'newline-at-size', 'among-others', 'true-size'])
def test_a_blob_that_lies_about_its_size_is_never_passed(git_repo, keys, shape):
    """Failed on 1c5f10cf: a blob whose header says 10 bytes and that holds
    a whole key line was read as its first 10 bytes (``TOGETHER_A``); git
    gives all of it, the reader took the byte after 10 for the newline
    after the object, and the rest was never read: `scan --staged`,
    `--diff`, `--commits` and `pre-receive` said no key, exit 0.  Decoy:
    the same bytes under a true header are a finding."""
    (git_repo / 'a.txt').write_text('a\n')
    commit_all(git_repo, 'base')
    line = f'TOGETHER_API_KEY={keys()}\n'.encode()
    if shape == 'newline-at-size':
        line = b'# settings\n' + line
    sha = _loose(git_repo, None if shape == 'true-size' else 10, line)
    git(git_repo, 'update-index', '--add', '--cacheinfo', f'100644,{sha},k.txt')
    if shape == 'among-others':  # read in one stream with sound blobs on both sides: it is the one named
        for n in range(8):
            (git_repo / f'{n}.txt').write_text(f'v = {n}\n')
            (git_repo / f'z{n}.txt').write_text(f'w = {n}\n')
        git(git_repo, 'add', '--', *(f'{a}{n}.txt' for a in ('', 'z') for n in range(8)))
    results = [th('scan', '--staged', cwd=git_repo)]
    git(git_repo, 'commit', '-qm', 'k')
    ranges = (('--diff', 'HEAD~1...HEAD'), ('--commits', 'HEAD', '--since', 'HEAD~1'))
    results += [th('scan', *args, cwd=git_repo) for args in ranges]
    old, new = git(git_repo, 'rev-parse', 'HEAD~1', 'HEAD').split()
    results.append(_pre_receive(git_repo, f'{old} {new} refs/heads/main\n'))
    for r in results:
        if shape == 'true-size':
            found_one(r)
            assert 'k.txt' in r.out + r.err
        else:
            one_error(r, sha)
