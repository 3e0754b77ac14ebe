"""Session 34's hostile probe of "never print a whole secret".

Each case puts a key (current, or legacy with its Together context) where
an output echoes the user's input back, runs the real command (in
process, ``tests/cli_run.run_in_process``; pre-receive as git runs it,
with its ref lines on stdin), and reads every byte stream and every file
the run wrote (``--output``, ``--sarif-out``, ``--audit-log``, a
baseline, a store) for the key in any form ``cli_run.leaked`` knows: raw,
either case, hex, base64 at each alignment, percent-encoded and written
by character codes (``\\uXXXX``, ``\\xXX``, octal).  Each case also names
the text that must still be shown (its decoy, or the word that proves the
command answered about that input), so a run that prints nothing passes
nothing.  Keys are made at run time (``tests/keys.py``).
"""
from __future__ import annotations

import http.server
import json
import os
import random
import shutil
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest

from tests.cli_run import BIN
from tests.cli_run import leaked
from tests.cli_run import run_in_process
from tests.conftest import git
from tests.keys import make_hex
from tests.keys import make_key

_RNG = random.Random('leak-probe-34')
KEY, HEX = make_key(_RNG), make_hex(_RNG)
# Decoys: a key id, a placeholder and a `tgp_v1_` name too short to be a key.
KEY_ID = 'key_' + make_key(_RNG)[7:31]
PLACEHOLDER = 'tgp_v1_' + 'x' * 43
SHORT = 'tgp_v1_' + make_key(_RNG)[7:30]


def _environ(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if 'TOGETHER' not in k.upper() and 'PROXY' not in k.upper()}
    env.update(extra)
    return env


def _commit(repo: Path, *args: str) -> None:
    git(repo, '-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-q', *args)


def _new_repo(root: Path, name: str) -> Path:
    repo = root / name
    repo.mkdir()
    git(repo, 'init', '-q', '-b', 'main')
    git(repo, 'config', 'commit.gpgsign', 'false')
    (repo / 'app.py').write_text('print("hi")\n')
    git(repo, 'add', '.')
    _commit(repo, '-m', 'first')
    return repo


@pytest.fixture(scope='module')
def root(tmp_path_factory):
    return tmp_path_factory.mktemp('leak34')


@pytest.fixture(scope='module')
def clean(root):
    """A clean repository (one commit): the base of the argument cases."""
    return _new_repo(root, 'clean')


def _written(folder: Path) -> list[str]:
    """Every file under ``folder`` (names and contents): what a run wrote."""
    texts = []
    for path in sorted(folder.rglob('*')):
        texts.append(str(path.relative_to(folder)))
        if path.is_file():
            texts.append(path.read_bytes().decode('utf-8', 'backslashreplace'))
    return texts


def _check(result, shown: tuple[str, ...], written: list[str] = ()) -> None:
    texts = (result.out, result.err, *written)
    assert leaked([KEY, HEX], *texts) == [], texts
    for text in shown:
        assert text in result.out + result.err + ''.join(written), (text, result.out, result.err)


# --- arguments a command refuses, and echoes -------------------------------

ARGUMENT_CASES = [
    # (id, argv, text the answer must show)
    ('scan-format', ('together-hooks', 'scan', '--format', KEY), '--format'),
    ('scan-format-eq', ('together-hooks', 'scan', f'--format={KEY}'), '--format'),
    ('scan-format-legacy', ('together-hooks', 'scan', '--format', f'TOGETHER_API_KEY={HEX}'), 'TOGETHER_API_KEY='),
    ('scan-format-legacy-dash', ('together-hooks', 'scan', '--format', f'together-{HEX}'), 'together-'),
    ('scan-since', ('together-hooks', 'scan', '--history', '--since', KEY), '--since'),
    ('scan-diff', ('together-hooks', 'scan', '--diff', KEY), '--diff'),
    ('scan-diff-range', ('together-hooks', 'scan', '--diff', f'main...{KEY}'), '--diff'),
    ('scan-commits', ('together-hooks', 'scan', '--commits', KEY), '--commits'),
    ('scan-commits-range', ('together-hooks', 'scan', '--commits', f'{KEY}..HEAD'), 'is a range'),
    ('scan-missing-path', ('together-hooks', 'scan', KEY), 'no such file'),
    ('scan-missing-folder', ('together-hooks', 'scan', f'src/{KEY}/app.py'), 'src/'),
    ('scan-missing-legacy', ('together-hooks', 'scan', f'together/{HEX}'), 'together/'),
    ('scan-output-folder', ('together-hooks', 'scan', '--output', f'nowhere/{KEY}/r.json'), 'cannot write'),
    ('scan-sarif-out-folder', ('together-hooks', 'scan', '--sarif-out', f'nowhere/{KEY}/r.sarif'), 'cannot write'),
    ('scan-audit-log-folder', ('together-hooks', 'scan', '--audit-log', f'nowhere/{KEY}/a.log'), 'audit log'),
    ('scan-baseline-missing', ('together-hooks', 'scan', '--baseline', f'{KEY}.json'), 'baseline not found'),
    ('scan-verify-timeout', ('together-hooks', 'scan', '--verify', '--verify-timeout', KEY), '--verify-timeout'),
    ('scan-unknown-option', ('together-hooks', 'scan', f'--{KEY}'), 'unrecognized'),
    ('unknown-command', ('together-hooks', KEY), 'invalid choice'),
    ('rotate-missing-path', ('together-hooks', 'rotate-help', KEY), 'no such file'),
    ('rotate-hashed-secret', ('together-hooks', 'rotate-help', '--hashed-secret', KEY), '--hashed-secret'),
    ('doctor-missing-path', ('together-hooks', 'doctor', KEY), 'no such file'),
    ('doctor-format', ('together-hooks', 'doctor', '--format', KEY), '--format'),
    ('baseline-create-folder', ('together-hooks', 'baseline', 'create', '--baseline', f'nowhere/{KEY}/b'), 'cannot write'),
    ('org-report-store', ('together-hooks', 'scan-org', 'report', '--store', f'{KEY}.db'), 'no such store'),
    ('hook-format', ('detect-together-keys', '--format', KEY), '--format'),
    ('hook-baseline-missing', ('detect-together-keys', '--baseline', KEY), 'baseline not found'),
    ('hook-output-folder', ('detect-together-keys', '--output', f'nowhere/{KEY}/x'), 'cannot write'),
    ('hook-missing-file', ('detect-together-keys', f'{KEY}.py'), 'no such file'),
]


@pytest.mark.parametrize('argv, shown', [c[1:] for c in ARGUMENT_CASES], ids=[c[0] for c in ARGUMENT_CASES])
def test_an_argument_echoed_in_an_error_is_redacted(clean, argv, shown):
    result = run_in_process(*argv, cwd=clean, env=_environ())
    assert result.rc == 2, result.out + result.err
    assert 'Traceback' not in result.err
    _check(result, (shown,), _written(clean))


_PROSE_KEPT = pytest.mark.xfail(strict=True, reason=(
    "a short name before an error's words is redacted with them "
    '(test_a_short_name_before_an_errors_words_is_shown_whole)'))


@pytest.mark.parametrize('decoy, option', [
    pytest.param(decoy, option, marks=[_PROSE_KEPT] if decoy == SHORT and option == '--diff' else [],
                 id=f'{decoy}-{option or "path"}')
    for decoy in (KEY_ID, PLACEHOLDER, SHORT) for option in ('--format', '', '--diff')
])
def test_a_non_key_argument_is_echoed_whole(clean, decoy, option):
    """Decoys: a key id, a placeholder and a `tgp_v1_` name too short
    are shown as typed, in the same errors."""
    argv = ('scan', option, decoy) if option else ('scan', decoy)
    result = run_in_process('together-hooks', *argv, cwd=clean, env=_environ())
    assert result.rc == 2, result.err
    assert decoy in result.err, result.err


# --- names the repository holds -------------------------------------------

@pytest.fixture(scope='module')
def named(root):
    """A repository whose branch, tag, remote name and URL, author, email
    and message hold keys, beside a file holding one."""
    repo = _new_repo(root, 'named')
    (repo / 'settings.py').write_text(f'TOGETHER_API_KEY = "{KEY}"\n')
    git(repo, 'add', '.')
    git(repo, '-c', f'user.name=Dev {KEY}', '-c', f'user.email={KEY}@example.com',
        'commit', '-q', '-m', f'add settings\n\ntoken {KEY}\nTOGETHER_API_KEY={HEX}')
    git(repo, 'branch', f'feature/{KEY}')
    git(repo, 'tag', f'v1-{KEY}')
    git(repo, 'remote', 'add', 'origin', f'https://dev:{KEY}@127.0.0.1:9/app.git')
    git(repo, 'remote', 'add', 'legacy', f'https://dev:{HEX}@api.together.xyz/app.git')
    git(repo, 'remote', 'add', KEY, 'https://127.0.0.1:9/other.git')
    return repo


NAMED_CASES = [
    ('history-text', ('scan', '--history'), 'settings.py'),
    ('history-json', ('scan', '--history', '--format', 'json'), '"author"'),
    ('history-sarif', ('scan', '--history', '--format', 'sarif'), 'settings.py'),
    ('history-github', ('scan', '--history', '--format', 'github'), '::error'),
    ('commits-head', ('scan', '--commits', f'feature/{KEY}'), 'settings.py'),
    ('diff-tag', ('scan', '--diff', f'main~1...v1-{KEY}'), 'settings.py'),
    ('ref-name', ('scan', '--diff', 'main~1...main', '--ref-name', f'refs/heads/{KEY}'), '<ref name>'),
    ('diff-remote-branch', ('scan', '--diff', f'{KEY}/main'), '--diff'),
    ('doctor', ('doctor',), 'no-hardcoded-keys'),
    ('doctor-json', ('doctor', '--format', 'json'), '"checks"'),
    ('rotate-help', ('rotate-help', 'settings.py'), 'Rotating'),
    ('rotate-help-replacements', ('rotate-help', '--replacements', '../replacements.txt', 'settings.py'), 'regex:'),
]


@pytest.mark.parametrize('argv, shown', [c[1:] for c in NAMED_CASES], ids=[c[0] for c in NAMED_CASES])
def test_names_the_repository_holds_are_redacted(named, tmp_path, argv, shown):
    """Author, email, message, branch, tag and remote names and URLs with
    a key: every format, and the report and audit log written to files."""
    out = tmp_path / 'out'
    out.mkdir()
    extra = ('--audit-log', str(out / 'audit.jsonl')) if argv[0] == 'scan' else ()
    if argv[0] == 'scan' and '--format' not in argv:
        extra += ('--output', str(out / 'report.txt'))
    result = run_in_process('together-hooks', *argv, *extra, cwd=named, env=_environ())
    assert result.rc in (0, 1, 2), result.out + result.err
    written = _written(out)
    replacements = named.parent / 'replacements.txt'
    if replacements.exists():
        written.append(replacements.read_text())
        replacements.unlink()
    _check(result, (shown,), written)


# --- files the product reads: config and baselines -------------------------

def _config_repo(root: Path, name: str, config: str) -> Path:
    repo = _new_repo(root, name)
    (repo / '.together-hooks.toml').write_text(config)
    return repo


CONFIG_CASES = [
    # (id, config, the hook's exit, what its error names)
    ('exclude-pattern', f'exclude = ["{KEY}/", "{KEY_ID}"]\n', 0, ''),
    ('allow-bad-regex', f'allow = ["({KEY}"]\n', 2, '.together-hooks.toml'),
    ('allow-bad-regex-legacy', f'allow = ["(TOGETHER_API_KEY={HEX}"]\n', 2, '.together-hooks.toml'),
    ('unknown-setting', f'{KEY} = 1\n', 2, '.together-hooks.toml'),
    ('bad-toml-line', f'exclude = [{KEY}\n', 2, '.together-hooks.toml'),
    ('baseline-elsewhere', f'baseline = "../{KEY}/b.json"\n', 2, 'baseline not found'),
    ('templates-bad-type', f'env-templates = "{KEY}"\n', 2, '.together-hooks.toml'),
]


@pytest.mark.parametrize('config, rc, named', [c[1:] for c in CONFIG_CASES], ids=[c[0] for c in CONFIG_CASES])
def test_a_key_in_the_config_file_is_not_echoed(root, config, rc, named):
    name = 'cfg-' + str(abs(hash(config)))
    repo = _config_repo(root, name, config)
    for script, argv in (('together-hooks', ('scan',)), ('together-hooks', ('doctor',)),
                         ('detect-together-keys', ('app.py',))):
        result = run_in_process(script, *argv, cwd=repo, env=_environ())
        assert 'Traceback' not in result.err
        texts = (result.out, result.err)
        assert leaked([KEY, HEX], *texts) == [], texts
        if script == 'detect-together-keys':
            assert result.rc == rc, (config, result.err)
            assert named in result.err, result.err


def test_a_baseline_naming_keys_is_not_echoed(root, tmp_path):
    """A hand-made detect-secrets baseline whose file names, types and
    hashes hold keys, read by the hook, `scan` and `baseline update`,
    which writes it again."""
    repo = _new_repo(root, 'baseline')
    (repo / 'settings.py').write_text(f'TOGETHER_API_KEY = "{KEY}"\n')
    entry = {'type': f'Together {KEY}', 'filename': f'{KEY}/x.py', 'hashed_secret': KEY,
             'is_verified': False, 'line_number': 1}
    baseline = {'version': '1.5.0', 'plugins_used': [], 'filters_used': [],
                'results': {f'{KEY}/x.py': [entry], f'together/{HEX}.py': [dict(entry, filename=f'together/{HEX}.py')]},
                'generated_at': '2026-01-01T00:00:00Z'}
    (repo / '.secrets.baseline').write_text(json.dumps(baseline, indent=2))
    git(repo, 'add', '.')
    runs = [
        run_in_process('detect-together-keys', 'settings.py', cwd=repo, env=_environ()),
        run_in_process('together-hooks', 'scan', '--format', 'json', cwd=repo, env=_environ()),
        run_in_process('together-hooks', 'baseline', 'update', cwd=repo, env=_environ()),
    ]
    written = (repo / '.secrets.baseline').read_text()
    assert runs[2].rc == 0, runs[2].err
    assert leaked([KEY, HEX], written) == [], written  # rewritten: its names redacted
    for result in runs:
        assert result.rc in (0, 1, 2), result.err
        assert 'Traceback' not in result.err
        assert leaked([KEY], result.out, result.err) == [], (result.out, result.err)
    assert runs[0].rc == 1 and 'settings.py' in runs[0].out, runs[0].out


# --- pre-receive: its messages to the pushing client ----------------------

@pytest.fixture(scope='module')
def served(root):
    """A bare repository and a commit (holding a key) to push into it."""
    work = _new_repo(root, 'pusher')
    first = git(work, 'rev-parse', 'HEAD').strip()
    (work / 'settings.py').write_text(f'TOGETHER_API_KEY = "{KEY}"\n')
    git(work, 'add', '.')
    _commit(work, '-m', 'settings')
    second = git(work, 'rev-parse', 'HEAD').strip()
    bare = root / 'served.git'
    git(root, 'clone', '-q', '--bare', str(work), str(bare))
    git(bare, 'update-ref', 'refs/heads/main', first)
    return bare, first, second


def _pre_receive(bare: Path, lines: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'pre-receive'), input=lines.encode(),
        cwd=bare, capture_output=True, env=_environ(PYTHONIOENCODING='utf-8'), timeout=300,
    )


@pytest.mark.parametrize('line, rc, shown', [
    ('{first} {second} refs/heads/{key}', 1, 'settings.py'),
    ('{first} {second} refs/tags/{key}', 1, 'settings.py'),
    ('{first} {second} refs/heads/together/{hex}', 1, 'settings.py'),
    ('{key} {second} refs/heads/main', 2, 'stdin line 1'),
    ('garbage {key}', 2, 'stdin line 1'),
    ('{first} {second} refs/heads/main {key}', 1, '<ref name>'),
], ids=['branch', 'tag', 'legacy-branch', 'old-id', 'garbage', 'trailing'])
def test_pre_receive_ref_lines_are_not_echoed(served, line, rc, shown):
    bare, first, second = served
    proc = _pre_receive(bare, line.format(first=first, second=second, key=KEY, hex=HEX) + '\n')
    out = proc.stdout.decode('utf-8', 'backslashreplace') + proc.stderr.decode('utf-8', 'backslashreplace')
    assert proc.returncode == rc, out
    assert 'Traceback' not in out
    assert shown in out, out
    assert leaked([KEY, HEX], out) == [], out


# --- scan-org: a listing line, its store and reports ----------------------

def test_scan_org_refuses_a_listing_line_with_a_key_as_password(tmp_path):
    """`https://dev:<key>@host/repo.git` in the list: refused before any
    clone, the line not echoed."""
    listing = tmp_path / 'repos.txt'
    listing.write_text(f'https://dev:{KEY}@127.0.0.1:9/gone.git\n')
    run = run_in_process('together-hooks', 'scan-org', '--repos', str(listing), '--store',
                         str(tmp_path / 'a.db'), cwd=tmp_path, env=_environ())
    assert run.rc in (1, 2), run.err
    _check(run, ('carries credentials',))


def test_scan_org_lists_and_stores_no_key(root, tmp_path):
    """A repository list naming a local repository in a folder named with
    a key, which holds a key: the run's lines, the store it writes and its
    reports."""
    holder = root / 'org' / KEY
    holder.mkdir(parents=True)
    repo = _new_repo(holder, 'service')
    (repo / 'settings.py').write_text(f'TOGETHER_API_KEY = "{KEY}"\n')
    git(repo, 'add', '.')
    _commit(repo, '-m', 'settings')
    listing = tmp_path / 'repos.txt'
    listing.write_text(f'{repo}\n')
    store = tmp_path / 'audit.db'
    run = run_in_process(
        'together-hooks', 'scan-org', '--repos', str(listing), '--store', str(store),
        '--workers', '1', '--cache-dir', str(tmp_path / 'cache'), cwd=tmp_path, env=_environ(),
    )
    assert run.rc == 1, run.out + run.err
    reports = [run_in_process('together-hooks', 'scan-org', 'report', '--store', str(store),
                              '--format', fmt, cwd=tmp_path, env=_environ()) for fmt in ('text', 'json')]
    with sqlite3.connect(store) as db:
        rows = [repr(r) for t, in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
                for r in db.execute(f'SELECT * FROM "{t}"')]
    texts = [run.out, run.err, *(r.out + r.err for r in reports), *rows]
    assert leaked([KEY], *texts) == [], texts
    assert 'settings.py' in reports[1].out, reports[1].out
    shutil.rmtree(tmp_path / 'cache', ignore_errors=True)


# --- nothing goes over the network unless asked ---------------------------

class _Proxy(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_CONNECT(self) -> None:  # noqa: N802 (http.server's name)
        self.seen.append(f'CONNECT {self.path}')
        self.send_response(403)
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        self.seen.append(f'GET {self.path}')
        self.send_response(403)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope='module')
def proxy():
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), _Proxy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f'http://127.0.0.1:{server.server_port}', _Proxy.seen
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize('argv', [
    ('together-hooks', 'scan'),
    ('together-hooks', 'scan', '--format', 'sarif'),
    ('together-hooks', 'doctor'),
    ('together-hooks', 'rotate-help', 'settings.py'),
    ('detect-together-keys', 'settings.py'),
    ('together-hooks', 'baseline', 'create', '--baseline', '../proxy.baseline'),
], ids=['scan', 'sarif', 'doctor', 'rotate-help', 'hook', 'baseline-create'])
def test_no_request_without_verify(named, proxy, argv):
    """Every proxy variable points at a loopback server that records what
    reaches it: without `--verify` nothing does, and the findings (and the
    keys' redactions) are still shown."""
    address, seen = proxy
    seen.clear()
    env = _environ(**{v: address for v in ('HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY')})
    result = run_in_process(*argv, cwd=named, env=env)
    assert result.rc in (0, 1), result.out + result.err
    assert seen == [], seen
    _check(result, ('tgp_v1_',))


# --- the scrub's decoys: what no key is stays whole ------------------------

def _readable_run_key() -> str:
    """A random key the engine's readable-run test takes for a
    placeholder (about one in 200,000 do): the 192,476th of this seed."""
    rng = random.Random('leak34-measure')
    for _ in range(192475):
        make_key(rng)
    return make_key(rng)


@pytest.mark.parametrize('prefix', ['tgp_v1_', 'TGP_V1_'])
def test_a_placeholder_of_few_kinds_is_shown_but_no_key_is(clean, prefix):
    """`--format tgp_v1_xxxx…` (43 `x`): a placeholder, no key, was shown
    `tgp_v1_xx…xx`.  Shown whole now, as `0000…` and `XXXX-XXXX…`, in
    capitals too; a random key the engine's readable-run test takes for a
    placeholder, and a key of few kinds then random, stay redacted."""
    rng = random.Random('leak34-placeholder')
    body = make_key(rng)[7:]
    for shown in ('x' * 43, '0' * 43, ('XXXX-' * 9)[:43], 'x' * 36):
        result = run_in_process('together-hooks', 'scan', '--format', prefix + shown, cwd=clean, env=_environ())
        assert result.rc == 2 and prefix + shown in result.err, result.err
    key = _readable_run_key()
    # A key the readable-run test passes, one of few kinds then random, a
    # key cut short, and a key glued after a placeholder.
    for secret in (key, 'tgp_v1_' + 'x' * 20 + body[20:], 'tgp_v1_' + body[:36],
                   'tgp_v1_' + 'x' * 43 + 'tgp_v1_' + body, 'tgp_v1_' + 'x' * 43 + body):
        if prefix == 'TGP_V1_':
            secret = secret.upper()
        result = run_in_process('together-hooks', 'scan', '--format', secret, cwd=clean, env=_environ())
        assert result.rc == 2 and '…' in result.err, result.err
        assert leaked([key, 'tgp_v1_' + body], result.err) == [], result.err


@pytest.mark.parametrize('command', [('--diff',), ('--commits',), ('--history', '--since')])
def test_a_key_cut_by_spaces_in_an_error_line_is_not_shown(clean, command):
    """A key cut by spaces, and one whose last 8 characters (lower-case
    letters, as one key in 1,300 ends) are cut in two, echoed by an error:
    never shown whole."""
    rng = random.Random('leak34-prose')
    key = make_key(rng)
    lower = ''.join(rng.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(8))
    for cut in (f'{key[:30]} {key[30:]}', f'{key[:42]} {lower[:4]} {lower[4:]}'):
        result = run_in_process('together-hooks', 'scan', *command, cut, cwd=clean, env=_environ())
        assert result.rc == 2, result.err
        assert leaked([key, key[:42] + lower], result.out, result.err) == [], result.err


@pytest.mark.xfail(strict=True, reason=(
    'over-redaction kept on purpose: leak34 read lower-case words after a short name as prose, '
    'but a key whose tail is lower-case letters cut by spaces then printed whole (review34b; '
    'about 8e-6 a cut): the words are redacted with the name until prose has a sign a key cannot give'))
@pytest.mark.parametrize('command', [('--diff',), ('--commits',), ('--history', '--since')])
def test_a_short_name_before_an_errors_words_is_shown_whole(clean, command):
    """`--diff tgp_v1_<23 characters>`: the error's own words after the
    name (`is not a commit in this repository`) are read as the rest of a
    key cut by spaces, and the line shown `tgp_v1_oG…repository`."""
    rng = random.Random('leak34-prose')
    key = make_key(rng)
    name = 'tgp_v1_' + key[7:30]
    result = run_in_process('together-hooks', 'scan', *command, name, cwd=clean, env=_environ())
    assert result.rc == 2 and f'{name} is not a commit in this repository' in result.err, result.err


# --- git's own error lines, relayed ----------------------------------------

@pytest.fixture(scope='module')
def broken(root):
    """A repository whose HEAD names a branch called with a key, beside a
    broken ref named with one."""
    repo = _new_repo(root, 'broken')
    (repo / '.git' / 'refs' / 'heads' / f'old-{KEY}').write_text('garbage\n')
    (repo / '.git' / 'HEAD').write_text(f'ref: refs/heads/{KEY}\n')
    return repo


@pytest.mark.parametrize('script, argv, env, shown', [
    ('detect-together-keys', ('app.py',), {'PRE_COMMIT_FROM_REF': 'main', 'PRE_COMMIT_TO_REF': KEY,
                                           'PRE_COMMIT_REMOTE_NAME': KEY,
                                           'PRE_COMMIT_REMOTE_BRANCH': f'refs/heads/{KEY}'}, 'bad revision'),
    ('together-hooks', ('scan',), {'GIT_DIR': f'/nowhere/{KEY}'}, 'not a git repository'),
    ('together-hooks', ('scan', '--history'), {}, 'bad object refs/heads/old-tgp_v1_'),
    ('together-hooks', ('scan', '--diff', 'main'), {}, 'bad object refs/heads/old-tgp_v1_'),
    ('together-hooks', ('doctor',), {}, 'no-hardcoded-keys'),
], ids=['pre-push-refs', 'git-dir', 'history', 'diff-head', 'doctor'])
def test_git_errors_naming_a_key_are_relayed_redacted(broken, script, argv, env, shown):
    """`fatal: bad revision '<key>'`, `not a git repository: '<key>'`, a
    broken ref and an unborn HEAD named with keys: git's own words are
    relayed, the key in them redacted."""
    result = run_in_process(script, *argv, cwd=broken, env=_environ(**env))
    assert 'Traceback' not in result.err
    _check(result, (shown,))
