"""Session 37's hostile probe of "never print a whole secret" (leak37).

Directions the earlier probes (``tests/leak_probe3*_test.py``,
``tests/leak_review36b_test.py``, ``tests/scrub*``) did not take:

- text the product cuts itself before it shows it: the first 60 bytes of
  output a ``git`` on PATH wrote that is not git's, the first 120
  characters of a library's error about a damaged zip.  A key the cut
  ends inside is no key to the scrub (it takes one cut short by up to 7
  characters): cut at 20-36 characters it was shown as cut;
- the line a crashed ``scan-org`` scan process left on its stderr, which
  ``org/task.run_task`` raises as ``Lost`` on a Dask worker, whose log
  holds it before any scrub of the coordinator's sees it;
- a key in ``.together-hooks.toml`` a config error echoes, a baseline's
  fields a validation error echoes, the hook's arguments, the API base's
  host (punycode, a port, brackets, userinfo), git's trace variables
  (``GIT_TRACE``: git's stderr never reaches ours), a remote's
  ``insteadOf``/``pushurl`` and a submodule's URL in ``doctor``, a
  variable named with a key, and a path longer than GitHub's annotation
  limit in every format;
- the scrub's tag reading (``Scrubber._rejoined``): its escape reading
  that takes no ``=XX`` for quoted-printable differs from the QP-aware
  one, and is needed (a line shows a legacy key only so).

Each output is read by ``leak_probe36.seen`` (bytes, as a terminal draws
them, tag letters, base32).  Decoys: a key id, a git hash, a short name
print whole.  Measured on 2abe8af9 and on this branch: docs/hardening.md,
"Session 37 (leak37)".
"""
from __future__ import annotations

import io
import json
import os
import random
import signal
import socket
import threading
import time
import zipfile
from pathlib import Path

import pytest

from tests.cli_run import leaked
from tests.cli_run import run_in_process
from tests.conftest import git
from tests.keys import make_hex
from tests.keys import make_key
from tests.leak_probe35_test import _environ
from tests.leak_probe35_test import _new_repo
from tests.leak_probe36_test import seen

_RNG = random.Random('leak-probe-37')
KEY, OTHER = make_key(_RNG), make_key(_RNG)
HEX = make_hex(_RNG)
while not HEX[:2].isdigit():  # ``=`` and two digits: a quoted-printable escape
    HEX = make_hex(_RNG)
KEY_ID = 'key_' + make_hex(_RNG)[:20]  # an id, not a secret: shown whole
GIT_HASH = make_hex(_RNG)[:40]


def _check(runs, *written: str, keys=(KEY, OTHER, HEX)) -> list[str]:
    texts = [t for r in runs for t in (r.out, r.err)] + list(written)
    for r in runs:
        assert 'Traceback' not in r.err, r.err
        assert r.rc in (0, 1, 2), r.err
    assert seen(list(keys), *texts) == [], texts
    return texts


@pytest.fixture(scope='module')
def clean(tmp_path_factory):
    return _new_repo(tmp_path_factory.mktemp('leak37') / 'clean')


# --- a cut the product makes: git's output that is not git's ----------------

def _wrapper(folder: Path, tail: str) -> str:
    """A ``git`` on PATH that runs git, then prints ``tail`` (a company's
    wrapper logging each call): its ``-z`` listings no longer end in NUL,
    so the scan refuses them and shows their first 60 bytes."""
    folder.mkdir()
    script = folder / 'git'
    script.write_text(f'#!/bin/sh\n/usr/bin/git "$@"; rc=$?; echo "{tail}"; exit $rc\n')
    script.chmod(0o755)
    return f'{folder}{os.pathsep}{os.environ["PATH"]}'


@pytest.mark.parametrize('name', [
    'b' * 14 + KEY + '.txt',  # cut 36 characters into the key
    'b' * 21 + KEY + '.txt',  # 29
    'b' * 30 + KEY + '.txt',  # 20
    'TOGETHER_API_KEY=' + HEX,  # a legacy key named with its variable, cut at 41
], ids=['cut-at-36', 'cut-at-29', 'cut-at-20', 'legacy-cut'])
def test_git_output_cut_at_60_bytes_shows_no_piece_of_a_key(tmp_path, name):
    repo = _new_repo(tmp_path / 'repo')
    (repo / name).write_text('x\n')
    git(repo, 'add', '.')
    env = _environ(PATH=_wrapper(tmp_path / 'bin', 'corp-git: logged'))
    result = run_in_process('together-hooks', 'scan', cwd=repo, env=env)
    assert result.rc == 2 and 'is not git' in result.err, result.err
    _check([result])
    # (the scrub takes a piece of 16 or more of a key it knows; the key
    # here is known to no one: ``leaked`` reads any 16 of its characters)
    assert leaked([KEY, HEX], result.err) == [], result.err


def test_git_output_shorter_than_the_cut_is_shown_whole(tmp_path):
    """Decoy: a wrapper's stray line that fits is shown as it is, its key
    id and git hash whole."""
    repo = _new_repo(tmp_path / 'repo')
    env = _environ(PATH=_wrapper(tmp_path / 'bin', f'{KEY_ID} {GIT_HASH[:12]}'))
    result = run_in_process('together-hooks', 'scan', cwd=repo, env=env)
    assert result.rc == 2, result.err
    assert KEY_ID in result.err and GIT_HASH[:12] in result.err, result.err


# --- a cut the product makes: a library's error about a damaged zip ---------

def _bad_zip(member: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_STORED) as z:
        z.writestr(member, 'hello world data\n' * 4)
    data = bytearray(buf.getvalue())
    data[data.find(b'hello world')] ^= 1  # its CRC no longer matches
    return bytes(data)


@pytest.mark.parametrize('member', [
    'c' * 70 + KEY + '.txt',  # zipfile names it; cut 22 characters into the key
    'c' * 60 + KEY + '.txt',  # 32
    'c' * 80 + KEY + '.txt',  # 12
], ids=['cut-at-22', 'cut-at-32', 'cut-at-12'])
def test_a_zip_error_cut_at_120_characters_shows_no_piece_of_a_key(tmp_path, member):
    repo = _new_repo(tmp_path / 'repo')
    (repo / 'a.zip').write_bytes(_bad_zip(member))
    git(repo, 'add', '.')
    runs = [run_in_process('together-hooks', 'scan', cwd=repo, env=_environ()),
            run_in_process('together-hooks', 'scan', '--format', 'json', cwd=repo, env=_environ())]
    assert all('does not decompress' in r.out + r.err for r in runs), runs[0].err
    _check(runs)
    assert leaked([KEY], *(r.out + r.err for r in runs)) == []


def test_a_zip_error_that_fits_is_shown_whole(tmp_path):
    """Decoy: a member named with a key id, short: the error names it whole."""
    repo = _new_repo(tmp_path / 'repo')
    (repo / 'a.zip').write_bytes(_bad_zip(f'{KEY_ID}.txt'))
    git(repo, 'add', '.')
    result = run_in_process('together-hooks', 'scan', cwd=repo, env=_environ())
    assert f'{KEY_ID}.txt' in result.err, result.err


# --- scan-org: the line a crashed scan process left -------------------------

@pytest.fixture
def mute():
    """A loopback "git server" that takes a connection and never answers:
    the scan process's clone waits there until it is killed."""
    server = socket.socket()
    server.bind(('127.0.0.1', 0))
    server.listen(8)
    yield f'http://127.0.0.1:{server.getsockname()[1]}/r.git'
    server.close()


@pytest.mark.parametrize('category, shown', [
    (KEY, None),
    (f'TOGETHER_API_KEY={HEX}', None),
    (KEY_ID, KEY_ID),  # decoy: an id is shown whole
], ids=['key', 'legacy', 'decoy-key-id'])
def test_a_lost_scan_process_line_is_scrubbed_where_it_is_raised(tmp_path, mute, monkeypatch,
                                                                 category, shown):
    """``run_task`` runs on a Dask worker, which logs a failed task's
    exception (``Compute Failed``) where no scrub of the coordinator's
    reaches: the ``Lost`` it raises carries the scan process's last
    stderr line.  Python writes what ``PYTHONWARNINGS`` holds there at
    start-up (``Invalid -W option ignored: unknown warning category:
    '…'``), and the process is then killed (out of memory, here by the
    test).  Called here with no output scrub installed, as on a worker."""
    from together_hooks.detect import scrub
    from together_hooks.org import task

    assert scrub.run_scrubber() is None
    monkeypatch.setenv('PYTHONWARNINGS', f'ignore::{category}')
    payload = {
        'urls': [mute], 'cache_dir': str(tmp_path / 'cache'), 'previous': None,
        'timeout': 60, 'verify': False, 'verify_timeout': 5, 'known': {},
        'token_host': None, 'clone_scheme': None, 'drop': False, 'wiki': False,
        'retry_pause': 0,
    }

    def kill() -> None:
        deadline = time.monotonic() + 30
        while not task.RUNNING and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.5)  # past Python's start-up line
        for proc in list(task.RUNNING):
            os.killpg(proc.pid, signal.SIGKILL)

    killer = threading.Thread(target=kill)
    killer.start()
    with pytest.raises(task.Lost) as lost:
        task.run_task(payload)
    killer.join()
    text = str(lost.value)
    assert 'unknown warning category' in text, text
    assert seen([KEY, HEX], text, repr(lost.value)) == [], text
    if shown:
        assert shown in text, text


# --- the scrub's tag reading: two escape readings -----------------------------

def _tags(text: str) -> str:
    return ''.join(chr(0xe0000 + ord(c)) for c in text)


def test_a_tagged_lines_escape_readings_differ_and_each_is_read(tmp_path):
    """A line holding a tag character is read with its escapes undone
    twice: QP-aware (``=XX`` a byte, where the line holds one) and not.
    They differ, and only the second shows this legacy key: its name in
    tags, its first digits escaped (``=\\x39\\x31…``, which unescaped is
    ``=91…``: a byte to the QP reading), a ``port=80`` beside it.  So the
    reading is kept, made only where the QP-aware one was (its other
    half, the codes undone, is the same reading as before and reused)."""
    from together_hooks.detect.codec import escapes_view
    from together_hooks.detect.scrub import Scrubber
    from together_hooks.detect.scrub import _bytes

    line = (_tags('TOGETHER_API_KEY') + '=' + ''.join('\\x%02x' % ord(c) for c in HEX[:8])
            + HEX[8:] + ' port=80')
    with_qp = escapes_view(_bytes(line), qp=True).data
    without = escapes_view(_bytes(line), qp=False).data
    assert with_qp != without
    assert HEX.encode() not in with_qp and HEX.encode() in without
    shown = Scrubber().scrub(f'cfg: {line}')
    assert HEX[8:] not in shown and leaked([HEX], shown) == [], shown
    # through a real report: the line as a file's name
    repo = _new_repo(tmp_path / 'repo')
    (repo / line).write_text(f'TOGETHER_API_KEY={KEY}\n')
    git(repo, 'add', '.')
    _check([run_in_process('together-hooks', 'scan', '--format', fmt, cwd=repo, env=_environ())
            for fmt in ('text', 'json')])


def test_a_tagged_line_with_no_quoted_printable_is_read_once(monkeypatch):
    """With no ``=XX`` in the line the two escape readings are one call:
    ``escapes_view`` runs once for it (it ran twice before)."""
    from together_hooks.detect import codec
    from together_hooks.detect.scrub import Scrubber

    calls = []
    real = codec.escapes_view

    def counted(data, qp=None):
        calls.append(qp)
        return real(data, qp)

    monkeypatch.setattr(codec, 'escapes_view', counted)
    line = 'caf%C3%A9/' + ''.join('\\U%08x' % (0xe0000 + ord(c)) for c in 'gbsct') + '/notes.md'
    assert Scrubber().scrub(line) == line  # decoy: a flag's tags, shown as given
    assert calls == [False], calls
    assert real(line.encode(), False) is not None  # (an escape reading there is)


# --- a key in the config file, echoed by its error ----------------------------

@pytest.mark.parametrize('toml', [
    f'allow = [ "{KEY}" \nfoo = \n',  # syntax error on a line holding a key
    f'{KEY} = 1\n',  # an unknown setting named with a key
    f'"TOGETHER_API_KEY={HEX}" = 1\n',  # a legacy key with its name, as a setting
    f'allow = "{KEY}"\n',  # a bad type
    f'[{KEY}]\nx = 1\n',  # an unknown table named with a key
], ids=['syntax', 'unknown', 'legacy-unknown', 'bad-type', 'table'])
def test_a_key_in_the_config_file_is_not_echoed_by_its_error(tmp_path, toml):
    repo = _new_repo(tmp_path / 'repo')
    (repo / '.together-hooks.toml').write_text(toml)
    runs = [run_in_process('together-hooks', 'scan', cwd=repo, env=_environ()),
            run_in_process('detect-together-keys', 'app.py', cwd=repo, env=_environ())]
    assert all(r.rc == 2 for r in runs), [r.err for r in runs]
    _check(runs)


# --- a key in a baseline's fields, echoed by its validation -------------------

@pytest.mark.parametrize('doc', [
    {'version': KEY, 'results': {}},
    {'version': '1.5.0', 'results': {'a.py': [{'type': 'x', 'hashed_secret': 'a' * 40,
                                               'line_number': KEY}]}},
    {'version': '1.5.0', 'results': {'a.py': [{'type': KEY, 'hashed_secret': 'a' * 40,
                                               'line_number': 1}]}},
    {'version': '1.5.0', 'results': {}, f'TOGETHER_API_KEY={HEX}': 1},
    {'version': f'TOGETHER_API_KEY={HEX}', 'results': {}},
], ids=['version', 'line-number', 'type', 'legacy-field', 'legacy-version'])
def test_a_key_in_a_baselines_fields_is_not_echoed(tmp_path, doc):
    repo = _new_repo(tmp_path / 'repo')
    (repo / '.secrets.baseline').write_text(json.dumps(doc))
    runs = [run_in_process('together-hooks', 'scan', '--baseline', '.secrets.baseline',
                           cwd=repo, env=_environ()),
            run_in_process('detect-together-keys', '--baseline', '.secrets.baseline', 'app.py',
                           cwd=repo, env=_environ())]
    _check(runs)


# --- the API base: a key in its host, port, brackets or userinfo --------------

_PUNY = 'xn--' + (KEY[:31] + '\u00fc' + KEY[31:]).encode('punycode').decode()


@pytest.mark.parametrize('base', [
    f'https://{_PUNY}.com/',  # IDNA: the key's letters whole, then ``-`` and the code
    f'https://api.{_PUNY}/v1',
    f'http://127.0.0.1:{KEY}',
    f'http://[{KEY}]/',
    f'http://user:{KEY}@127.0.0.1:9',
    f'http://127.0.0.1:9/\\u{KEY}',
], ids=['punycode-host', 'punycode-tld', 'port', 'brackets', 'userinfo', 'escaped-path'])
def test_a_key_in_the_api_base_is_not_echoed(clean, base):
    result = run_in_process('together-hooks', 'scan', '--verify', cwd=clean,
                            env=_environ(TOGETHER_HOOKS_API_BASE=base))
    assert result.rc == 2 and 'TOGETHER_HOOKS_API_BASE' in result.err, result.err
    _check([result])


# --- the hook's arguments (a pre-commit ``args:`` list) -----------------------

@pytest.mark.parametrize('argv', [
    (f'--baseline={KEY}', 'app.py'),
    (f'--{KEY}', 'app.py'),
    ('--baseline', f'TOGETHER_API_KEY={HEX}', 'app.py'),
], ids=['baseline', 'option', 'legacy-baseline'])
def test_a_key_in_the_hooks_args_is_not_echoed(clean, argv):
    result = run_in_process('detect-together-keys', *argv, cwd=clean, env=_environ())
    assert result.rc == 2, result.err
    _check([result])


# --- git's trace variables: git's stderr is never ours ------------------------

@pytest.mark.parametrize('variable, value', [
    ('GIT_TRACE', '1'), ('GIT_TRACE', '2'), ('GIT_TRACE2', '1'), ('GIT_TRACE_SETUP', '1'),
    ('GIT_TRACE2_EVENT', '/dev/stderr'), ('GIT_TRACE_PACKET', '1'),
], ids=['trace', 'trace-fd2', 'trace2', 'trace-setup', 'trace2-event', 'trace-packet'])
def test_git_trace_variables_relay_no_key_named_file(tmp_path, variable, value):
    repo = _new_repo(tmp_path / 'repo')
    name = f'{KEY[:30]} {KEY[30:]}.txt'  # a key cut by a space: git traces its argv
    (repo / name).write_text('x\n')
    (repo / KEY).write_text('y\n')
    git(repo, 'add', '.')
    env = _environ(**{variable: value})
    runs = [run_in_process('together-hooks', 'scan', '--staged', cwd=repo, env=env),
            run_in_process('detect-together-keys', name, KEY, cwd=repo, env=env)]
    texts = _check(runs)
    assert 'trace' not in ''.join(texts).lower(), texts


# --- doctor: a remote's rewrite, push URL, a submodule's URL ------------------

@pytest.mark.parametrize('setting', [
    ('url.https://x-access-token:{}@github.com/.insteadOf', 'https://github.com/'),
    ('remote.origin.pushurl', 'https://user:{}@github.com/x/y.git'),
    ('credential.helper', '!f() {{ echo password={}; }}; f'),
], ids=['insteadof', 'pushurl', 'credential-helper'])
def test_doctor_shows_no_key_in_a_remotes_settings(tmp_path, setting):
    repo = _new_repo(tmp_path / 'repo')
    git(repo, 'remote', 'add', 'origin', 'https://github.com/x/y.git')
    name, value = setting
    if '{}' in name:
        git(repo, 'config', name.format(KEY), value)
    else:
        git(repo, 'config', name, value.format(KEY))
    runs = [run_in_process('together-hooks', 'doctor', cwd=repo, env=_environ()),
            run_in_process('together-hooks', 'doctor', '--format', 'json', cwd=repo, env=_environ())]
    _check(runs)


def test_doctor_and_scan_show_no_key_in_a_submodules_url(tmp_path):
    repo = _new_repo(tmp_path / 'repo')
    (repo / '.gitmodules').write_text(
        f'[submodule "lib"]\n\tpath = lib\n\turl = https://user:{KEY}@github.com/x/lib.git\n')
    git(repo, 'add', '.')
    runs = [run_in_process('together-hooks', 'doctor', cwd=repo, env=_environ()),
            run_in_process('together-hooks', 'scan', '--format', 'sarif', cwd=repo, env=_environ())]
    assert runs[1].rc == 1, runs[1].err  # the URL's key is a finding
    _check(runs)


# --- a variable named with a key --------------------------------------------------

@pytest.mark.parametrize('command', [('scan',), ('doctor',)])
def test_a_variable_named_with_a_key_is_not_shown(clean, command):
    env = _environ(**{'X_' + KEY.replace('-', '_'): 'on', f'TOGETHER_API_KEY_{HEX}': 'v'})
    result = run_in_process('together-hooks', *command, cwd=clean, env=env)
    _check([result], keys=(KEY.replace('-', '_'), HEX))


# --- a path past GitHub's annotation limit ------------------------------------

def test_a_path_past_4kb_names_no_key_in_any_format(tmp_path):
    """A path of 3,800 characters ending in a file named with a key: no
    format cuts it (a cut at GitHub's 4 KB would end inside the key)."""
    repo = _new_repo(tmp_path / 'repo')
    folders = repo.joinpath(*['d' * 200] * 19)
    folders.mkdir(parents=True)
    (folders / f'{KEY}.env').write_text(f'TOGETHER_API_KEY={OTHER}\n')
    git(repo, 'add', '.')
    runs = [run_in_process('together-hooks', 'scan', '--format', fmt, cwd=repo, env=_environ())
            for fmt in ('text', 'json', 'sarif', 'github')]
    assert all(r.rc == 1 for r in runs), [r.err for r in runs]
    _check(runs)
