"""Nothing a command prints holds a whole key, in any form, nor lies.

Black-box through the console scripts: keys arrive in file names, commit
authors, arguments, environment values and encodings (base64 at any
alignment, standard and URL-safe, percent-encoded, legacy hex), and every
output (each report format, ``--output`` files, errors, the audit log,
``baseline audit``) is searched for every form of every key made.  Report
lines never start with ``::`` from data, and no control character reaches
a terminal or a GitHub workflow command raw.
"""
from __future__ import annotations

import base64
import json
import os
import re
import subprocess

import pytest

from tests.cli_run import BIN
from tests.cli_run import run_in_process
from tests.conftest import git

FORMATS = ('text', 'json', 'sarif', 'github')


def forms(secret: str) -> set[str]:
    """Every whole-key form a leak could take: raw, the body after
    ``tgp_v1_``, the part of its base64 (standard and URL-safe) that holds
    only key bytes at each of the three alignments, and percent-encoded."""
    raw = secret.encode()
    found = {secret}
    if secret.startswith('tgp_v1_'):
        found.add(secret[7:])
    for align in range(3):
        encoded = base64.b64encode(b'\0' * align + raw).decode()
        core = encoded[4 if align else 0:4 * ((align + len(raw)) // 3)]
        found.add(core)
        found.add(core.translate(str.maketrans('+/', '-_')))
    found.add(''.join(f'%{b:02X}' for b in raw))
    found.add(''.join(f'%{b:02x}' for b in raw))
    return found


def leaks(secrets: list[str], *texts: str) -> list[tuple[int, str]]:
    """(index of the key, the form) for each form found in ``texts``."""
    blob = '\n'.join(texts)
    return [
        (i, form) for i, secret in enumerate(secrets)
        for form in sorted(forms(secret)) if form in blob
    ]


def controls(text: str) -> list[str]:
    """Control characters other than newline and tab (C0, DEL, C1)."""
    return sorted({
        c for c in text
        if (ord(c) < 0x20 and c not in '\n\t') or 0x7f <= ord(c) <= 0x9f
    })


def b64url(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip('=')


def percent(text: str) -> str:
    return ''.join(f'%{b:02X}' for b in text.encode())


def _env(**extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(('GIT_', 'TOGETHER'))
    }
    env.update(PYTHONIOENCODING='utf-8', LC_ALL='C.UTF-8', **extra)
    return env


def call(*argv: str, cwd, env: dict[str, str] | None = None, stdin: str | None = None):
    """A console script's (rc, stdout, stderr), with ``env`` replacing ours.

    What is searched is what the script wrote to its stdout and stderr
    (file descriptors 1 and 2, where its scrubbed writes go), so a run
    with no input is ``main(argv)`` in this process (tests/cli_run:
    each ~40 ms of a process start and imports fewer, ~250 runs here);
    an interactive one, whose terminal and child process are the subject,
    is a real process."""
    if stdin is None:
        result = run_in_process(argv[0], *argv[1:], cwd=cwd, env=env if env is not None else _env())
        return result.rc, result.out, result.err
    proc = subprocess.run(
        (os.path.join(BIN, argv[0]), *argv[1:]), cwd=cwd,
        env=env if env is not None else _env(), input=stdin,
        capture_output=True, text=True, errors='backslashreplace', timeout=120,
    )
    return proc.returncode, proc.stdout, proc.stderr


def _echoed_by_errors(value: str, git_repo) -> list[str]:
    """The outputs of three commands whose one-line errors echo ``value``
    (a path, a range, a baseline name), each exit 2 without a traceback."""
    texts = []
    for argv in (
        ('together-hooks', 'scan', value),
        ('together-hooks', 'scan', '--diff', value),
        ('detect-together-keys', '--baseline', value, 'a.txt'),
    ):
        rc, out, err = call(*argv, cwd=git_repo)
        assert rc == 2 and 'Traceback' not in err, (argv, err)
        texts += [out, err]
    return texts


# --------------------------------------------------------- keys in file names

def test_key_named_files_in_every_format(git_repo, keys):
    key, other = keys(), keys()
    names = [
        f'{key}.txt',                      # the key itself
        f'{b64url(other)}.cfg',            # URL-safe base64 of a key
        f'p{percent(other)}.txt',          # percent-encoded
    ]
    for name in names:
        (git_repo / name).write_text(f'token = "{key}"\n')
    log = git_repo.parent / 'audit.jsonl'
    texts = []
    for fmt in FORMATS:
        rc, out, err = call(
            'together-hooks', 'scan', '--format', fmt, '--audit-log', str(log),
            cwd=git_repo,
        )
        assert rc == 1, err
        texts += [out, err]
        rc, out, err = call(
            'together-hooks', 'scan', '--format', fmt, '--output', '../r.out', cwd=git_repo,
        )
        assert rc == 1, err
        texts += [out, err, (git_repo.parent / 'r.out').read_text()]
        rc, out, err = call('detect-together-keys', '--format', fmt, *names, cwd=git_repo)
        assert rc == 1, err
        texts += [out, err]
    texts.append(log.read_text())
    assert 'tgp_v1_' in texts[0]  # the redacted form is still shown
    assert [i for i, t in enumerate(texts) if leaks([key, other], t)] == []
    assert leaks([key, other], *texts) == []


def test_key_in_commit_author_committer_and_message(git_repo, keys):
    key, name_key, mail_key, msg_key = keys(), keys(), keys(), keys()
    (git_repo / 'a.txt').write_text(f'k = "{key}"\n')
    git(git_repo, 'add', '.')
    env = dict(
        os.environ, GIT_AUTHOR_NAME=name_key, GIT_AUTHOR_EMAIL=f'{mail_key}@x.io',
        GIT_COMMITTER_NAME=b64url(name_key),
    )
    subprocess.run(
        ('git', 'commit', '-qm', f'add {msg_key}'), cwd=git_repo, env=env, check=True,
    )
    texts = []
    for fmt in FORMATS:
        rc, out, err = call('together-hooks', 'scan', '--history', '--format', fmt, cwd=git_repo)
        assert rc == 1, err
        texts += [out, err]
    assert leaks([key, name_key, mail_key, msg_key], *texts) == []
    assert 'tgp_v1_' in texts[0] and '…' in texts[0]


# ------------------------------------------- keys in arguments and settings

def test_arguments_and_settings_echoed_scrubbed(git_repo, keys):
    key, hexkey, own = keys(), keys('hex'), keys()
    (git_repo / 'a.txt').write_text('nothing here\n')
    b64 = base64.b64encode(key.encode()).decode()
    env = _env(TOGETHER_API_KEY=hexkey, OTHER_TOKEN=own)
    (git_repo / '.env').write_text(f'MY_KEY={own}\n')
    (git_repo / '.gitignore').write_text('.env\n')
    texts = []
    for argv, extra in (
        (('together-hooks', 'scan', f'TOGETHER_API_KEY: {b64}'), {}),
        (('together-hooks', 'scan', f'x{b64url(key)}'), {}),
        (('together-hooks', 'scan', hexkey), {}),
        (('together-hooks', 'scan', f'dir/{hexkey}.txt'), {}),
        (('together-hooks', 'scan', '--diff', hexkey), {}),
        (('together-hooks', 'scan', '--diff', f'main...{own}'), {}),
        (('together-hooks', 'scan', '--since', own), {}),
        (('together-hooks', 'scan', '--verify', 'a.txt'),
         {'TOGETHER_HOOKS_API_BASE': f'http://x/{hexkey}'}),
        (('together-hooks', 'scan', '--verify', 'a.txt'),
         {'TOGETHER_HOOKS_API_BASE': f'http://x/{percent(key)}'}),
        (('together-hooks', 'scan', '--baseline', f'{own}.json'), {}),
        (('detect-together-keys', f'{hexkey}.py'), {}),
        (('forbid-env-files', f'{key}/.env'), {}),
        (('forbid-env-files', f'{b64url(key)}/.env.local'), {}),
        (('check-env-gitignored', f'{key}/.env'), {}),
    ):
        rc, out, err = call(*argv, cwd=git_repo, env=dict(env, **extra))
        assert rc in (1, 2), (argv, rc, err)
        assert 'Traceback' not in err
        texts += [out, err]
    assert leaks([key, hexkey, own], *texts) == []


def test_an_unknown_key_an_argument_spells_so_a_reader_still_reads_it(git_repo, keys):
    """A key (never learnt: the run finds none) cut by a space or a tab,
    legacy hex with its Together name in capitals (some or all: a reader
    lowers hex), base64 of a key wrapped over an argument's lines: each
    error echoing the argument shows it redacted."""
    import textwrap

    key, hexkey, wrapped = keys(), keys('hex'), keys()
    (git_repo / 'a.txt').write_text('nothing here\n')
    mixed = ''.join(c.upper() if i % 2 else c for i, c in enumerate(hexkey))
    texts = []
    for value in (
            f'{key[:25]} {key[25:]}', f'dir/{key[:30]}\t{key[30:]}.txt',
            f'TOGETHER_API_KEY={mixed}', f'TOGETHER_API_KEY={hexkey.upper()}',
            '\n'.join(textwrap.wrap(base64.b64encode(wrapped.encode()).decode(), 20)),
    ):
        texts += _echoed_by_errors(value, git_repo)
    reads = [re.sub(r'\s', '', t) for t in texts]
    assert leaks([key, hexkey, wrapped], *texts, *reads, *(t.lower() for t in texts)) == []


def test_baseline_audit_never_shows_an_encoded_key(git_repo, keys):
    key, hexkey = keys(), keys('hex')
    (git_repo / 'k8s.yaml').write_text(
        'data:\n'
        f'  TOGETHER_API_KEY: {base64.b64encode(key.encode()).decode()}\n'
        f'  together_api_key: {base64.b64encode(hexkey.encode()).decode()}\n',
    )
    git(git_repo, 'add', '.')
    rc, out, err = call('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert rc == 0, err
    texts = [out, err]
    rc, out, err = call('together-hooks', 'baseline', 'audit', '--report', cwd=git_repo)
    assert rc == 0, err
    assert len(json.loads(out)['results']) == 2
    texts += [out, err]
    rc, out, err = call(
        'together-hooks', 'baseline', 'audit', cwd=git_repo,
        env=_env(TERM='dumb'), stdin='y\ny\n',
    )
    assert rc == 0, err
    texts += [out, err]
    assert leaks([key, hexkey], *texts) == []


def test_baseline_audit_never_shows_a_key_encoded_deeper(git_repo, keys):
    """The lines ``baseline audit`` shows: a key encoded three times, or
    in PowerShell's ``-EncodedCommand`` (base64 of UTF-16LE), is found,
    and its line is not shown (decoded, it is the key)."""
    key, other = keys(), keys()

    def b64(raw: bytes) -> bytes:
        return base64.b64encode(raw)

    script = f'$env:TOGETHER_API_KEY = "{other}"'.encode('utf-16-le')
    (git_repo / 'three.env').write_text(f'LLM_KEY_B64X3={b64(b64(b64(key.encode()))).decode()}\n')
    (git_repo / 'run.cmd').write_text(f'powershell -EncodedCommand {b64(script).decode()}\n')
    git(git_repo, 'add', '.')
    rc, out, err = call('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert rc == 0, err
    rc, out, err = call('together-hooks', 'baseline', 'audit', '--report', cwd=git_repo)
    assert rc == 0, err
    assert len(json.loads(out)['results']) == 2
    shown = json.dumps(json.loads(out))
    assert 'LLM_KEY_B64X3=' in shown  # the line is there, its value redacted
    assert b64(b64(b64(key.encode())))[:40].decode() not in shown
    assert b64(script)[:40].decode() not in shown
    assert leaks([key, other], out, err) == []



def test_baseline_audit_never_shows_a_base32_key(git_repo, keys):
    """A key found inside base32 (a whole value, an encoded ``.env``):
    its line is shown with the value redacted (decoded, it is the key)."""
    key, other = keys(), keys()
    whole = base64.b32encode(key.encode()).decode()
    env = base64.b32encode(f'#xx\nTOGETHER_API_KEY={other}\n'.encode()).decode()
    (git_repo / 'b32.env').write_text(f'LLM_KEY_B32={whole}\nENV_B32={env}\n')
    git(git_repo, 'add', '.')
    rc, out, err = call('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert rc == 0, err
    rc, out, err = call('together-hooks', 'baseline', 'audit', '--report', cwd=git_repo)
    assert rc == 0, err
    assert len(json.loads(out)['results']) == 2
    shown = json.dumps(json.loads(out))
    assert 'LLM_KEY_B32=' in shown and 'ENV_B32=' in shown  # the lines are there
    assert whole[:40] not in shown and env[16:56] not in shown
    assert leaks([key, other], out, err) == []


def test_baseline_audit_never_shows_a_base85_key(git_repo, keys):
    key = keys()
    whole = base64.b85encode(f'api_key: {key}'.encode()).decode()
    (git_repo / 'b85.py').write_text(f'TOKEN_B85 = "{whole}"\n')
    git(git_repo, 'add', '.')
    rc, out, err = call('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert rc == 0, err
    rc, out, err = call('together-hooks', 'baseline', 'audit', '--report', cwd=git_repo)
    assert rc == 0, err
    assert len(json.loads(out)['results']) == 1
    shown = json.dumps(json.loads(out))
    assert 'TOKEN_B85 = ' in shown  # the line is there
    assert whole[10:50] not in shown
    assert leaks([key], out, err) == []

def test_interactive_baseline_audit_never_shows_a_key_in_a_file_name(git_repo, keys):
    """A baseline detect-secrets wrote without our plugin (its own found
    the key: a high-entropy string) holds file names as they are: its
    interactive audit (a child process writing to the terminal) shows each
    name in its header, scrubbed like any other output."""
    import sys

    key, named = keys(), keys()
    folder = git_repo / f'd{named}'
    folder.mkdir()
    (folder / 'a.py').write_text(f'TOKEN = "{key}"\n')
    git(git_repo, 'add', '.')
    proc = subprocess.run(
        (sys.executable, '-m', 'detect_secrets', 'scan'),
        cwd=git_repo, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert f'd{named}/a.py' in json.loads(proc.stdout)['results']  # the raw name
    (git_repo / '.secrets.baseline').write_text(proc.stdout)
    n = sum(map(len, json.loads(proc.stdout)['results'].values()))
    rc, out, err = call(
        'together-hooks', 'baseline', 'audit', cwd=git_repo,
        env=_env(TERM='dumb'), stdin='y\n' * n,
    )
    assert rc == 0, err
    assert 'Filename:' in out and f'{n} label(s) saved' in out
    assert leaks([key, named], out, err) == []


def test_interactive_baseline_audit_of_a_plugin_it_cannot_load(git_repo, keys):
    """A baseline naming a plugin detect-secrets cannot load (named after
    a key): its error line, written by a log handler bound to stderr when
    detect-secrets was imported, went to the terminal unscrubbed, then its
    traceback.  Now scrubbed, and one line."""
    key, named = keys(), keys()
    (git_repo / 'a.py').write_text(f'TOKEN = "{key}"\n')
    git(git_repo, 'add', '.')
    rc, out, err = call('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert rc == 0, err
    doc = json.loads((git_repo / '.secrets.baseline').read_text())
    doc['plugins_used'].append({'name': named})
    (git_repo / '.secrets.baseline').write_text(json.dumps(doc))
    rc, out, err = call(
        'together-hooks', 'baseline', 'audit', cwd=git_repo,
        env=_env(TERM='dumb'), stdin='y\n',
    )
    assert rc == 2 and 'audit failed' in err.splitlines()[-1], err
    assert 'Traceback' not in out + err
    assert leaks([key, named], out, err) == []


def test_a_key_wrapped_across_lines_is_never_shown_in_pieces(git_repo, keys):
    """The engine finds a key wrapped across lines (a CI log at its width,
    base64 at a fixed width), and ``baseline audit`` shows the lines around
    it: each line holds a piece of the key, none a whole form.  Every
    piece of a known key's forms long enough to matter goes, as the
    whole forms do."""
    import textwrap

    from tests.cli_run import leaked

    key, other = keys(), keys()
    (git_repo / 'build.log').write_text(
        f'[step 3/7] export TOGETHER_API_KEY={key[:25]}\n{key[25:]}\n[step 4/7] done\n',
    )
    env = base64.b64encode(f'APP=1\nTOGETHER_API_KEY={other}\nX=2\n'.encode()).decode()
    (git_repo / 'env.b64').write_text('\n'.join(textwrap.wrap(env, 20)) + '\n')
    git(git_repo, 'add', '.')
    rc, out, err = call('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert rc == 0, err
    texts = [out, err]
    rc, out, err = call('together-hooks', 'baseline', 'audit', '--report', cwd=git_repo)
    assert rc == 0 and len(json.loads(out)['results']) == 2, err
    texts += [out, err]
    rc, out, err = call(
        'together-hooks', 'baseline', 'audit', cwd=git_repo,
        env=_env(TERM='dumb'), stdin='y\ny\n',
    )
    assert rc == 0 and 'export TOGETHER_API_KEY=' in out, err
    texts += [out, err]
    assert leaked([key, other], *texts) == []


def test_a_key_wrapped_in_an_argument_is_never_shown_in_pieces(git_repo, keys):
    """A key pasted from a terminal that wrapped it holds a line break: the
    engine reads such a key as one (``codec.wrapped_view``), and so does
    the scrubber, where an error echoes it (one line: the break a space)."""
    from tests.cli_run import leaked

    key = keys()
    (git_repo / 'a.txt').write_text('nothing here\n')
    wrapped = f'{key[:25]}\n{key[25:]}'
    texts = _echoed_by_errors(wrapped, git_repo)
    assert leaked([key], *texts) == []


@pytest.mark.parametrize('width', (3, 5, 6, 7, 8))
def test_a_key_wrapped_narrower_than_a_piece_is_never_shown(git_repo, keys, width):
    """Wrapped at a width under 9 (the shortest piece redacted), each line
    is too short to be a piece, and under 7 ``tgp_v1_`` itself is cut: the
    lines, joined by a reader (an error shows them on one line), were the
    whole key."""
    from tests.cli_run import leaked

    key = keys()
    (git_repo / 'a.txt').write_text('nothing here\n')
    wrapped = '\n'.join(key[i:i + width] for i in range(0, len(key), width))
    texts = _echoed_by_errors(wrapped, git_repo)
    joined = [''.join(t.split()) for t in texts]  # as a reader joins the pieces
    assert leaked([key], *texts, *joined) == []


def test_a_file_named_with_a_key_wrapped_narrow_is_never_shown(git_repo, keys):
    """A name holding a key wrapped at 5 (``tgp_v1_`` cut too), glued to
    a letter, found nowhere else: every format shows its line breaks
    escaped (``\\n``, ``%0A`` in a SARIF uri and a workflow command's
    ``file=``), each piece too short to be one; joined, they were the key."""
    from tests.cli_run import leaked

    key, held = keys(), keys()
    name = 'w' + '\n'.join(key[i:i + 5] for i in range(0, len(key), 5))
    (git_repo / name).write_text(f'k = "{held}"\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-qm', 'm')
    texts = []
    for fmt in FORMATS:
        for extra in ((), ('--history',)):
            rc, out, err = call('together-hooks', 'scan', '--format', fmt, *extra, cwd=git_repo)
            assert rc == 1, (fmt, extra, err)
            texts += [out, err]
    if_joined = [re.sub(r'%0A|\\n|\n', '', t) for t in texts]
    assert leaked([key, held], *texts, *if_joined) == []


# Characters a terminal shows as nothing (Unicode's default-ignorable code
# points: a soft hyphen a word processor put in, a combining grapheme
# joiner, a variation selector, a tag, a Mongolian vowel separator), and
# the line and paragraph separators, which break a line or show as a space.
IGNORABLE = ('\u00ad', '\u034f', '\u180e', '\u2028', '\u2029', '\u2065', '\u3164',
             '\ufe0f', '\U000e0001', '\U0001d173', '\ufff0')


def test_a_key_split_by_any_ignorable_character_is_never_shown(git_repo, keys):
    """Such a character is escaped like a control character, and a key it
    splits is redacted, in errors echoing an argument and in reports."""
    import re

    key, other = keys(), keys()
    (git_repo / 'a.txt').write_text('nothing here\n')
    texts = []
    for c in IGNORABLE:
        split = key[:25] + c + key[25:]
        for argv in (
            ('together-hooks', 'scan', '--format', 'json', '--output', f'../no/{split}/r.json'),
            ('detect-together-keys', f'{split}.py'),
            ('together-hooks', 'scan', f'--{split}'),
        ):
            rc, out, err = call(*argv, cwd=git_repo)
            assert rc == 2 and 'Traceback' not in err, (argv, err)
            texts += [out, err]
    for n, c in enumerate(IGNORABLE):
        (git_repo / f'f{n}{other[:30]}{c}{other[30:]}.txt').write_text('x\n')
    git(git_repo, 'add', '-A')
    for fmt in FORMATS:
        rc, out, err = call('together-hooks', 'scan', '--format', fmt, cwd=git_repo)
        texts += [out, err]
    shown = '\n'.join(texts)
    assert not set(IGNORABLE) & set(shown)  # escaped, never raw
    reads = re.sub(r'\\u[0-9a-f]{4}|\\x[0-9a-f]{2}', '', shown)  # escapes unseen
    assert leaks([key, other], reads) == []


def test_a_key_wrapped_in_a_config_value_is_never_shown_in_pieces(git_repo, keys):
    """An error quotes a config value as Python does (``repr``): the line
    break that wraps a key in it shows as ``\\n``, a reading the scrubber
    undoes as the engine's escape reading does, then joins."""
    from tests.cli_run import leaked

    key = keys()
    (git_repo / 'a.txt').write_text('nothing here\n')
    (git_repo / '.together-hooks.toml').write_text(f'allow = ["{key[:25]}\\n{key[25:]}["]\n')
    rc, out, err = call('detect-together-keys', 'a.txt', cwd=git_repo)
    assert rc == 2 and 'not a valid regex' in err, err
    assert leaked([key], out, err) == []


# ------------------------------------------------------ output that injects

INJECTING = (
    '::error file=README.md,line=1::fake',
    '::stop-commands::tok',
    '::add-mask::x',
)


@pytest.mark.parametrize('name', INJECTING)
def test_no_report_line_starts_with_a_workflow_command(git_repo, keys, name):
    (git_repo / name).write_text(f'k = "{keys()}"\n')
    for argv in (
            ('together-hooks', 'scan'),
            ('together-hooks', 'scan', '--format', 'sarif', '--output', '../r.sarif'),
            ('together-hooks', 'scan', '--format', 'github'),
            ('detect-together-keys', name),
            ('forbid-env-files', f'{name}.env'),
    ):
        rc, out, err = call(*argv, cwd=git_repo)
        assert rc in (0, 1, 2) and 'Traceback' not in err, (argv, err)
        for line in (out + err).splitlines():
            if not line.startswith('::'):
                continue
            # Only the github format's own annotations, whose file= field
            # holds no raw ':' or ',' from the name.
            assert argv[-1] == 'github' and line.startswith('::error file='), (argv, line)
            field = line[len('::error file='):].split(',line=', 1)[0]
            assert ':' not in field and ',' not in field, (argv, line)


CONTROL_NAMES = ('esc\x1b[31mred.txt', 'bell\x07.txt', 'csi\u009b2J.txt', 'cr\rx.txt')


def test_control_characters_escaped_in_every_format(git_repo, keys):
    key = keys()
    for name in CONTROL_NAMES:
        (git_repo / name).write_text(f'k = "{key}"\n')
    (git_repo / 'plain.txt').write_text(f'k = "{key}"\n')
    git(git_repo, 'add', '.')
    env = dict(os.environ, GIT_AUTHOR_NAME='a\x02b\x1b[2Jc')
    subprocess.run(('git', 'commit', '-qm', 'm'), cwd=git_repo, env=env, check=True)
    for fmt in FORMATS:
        for argv in (('scan',), ('scan', '--history')):
            rc, out, err = call('together-hooks', *argv, '--format', fmt, cwd=git_repo)
            assert rc == 1, (argv, fmt, err)
            assert controls(out + err) == [], (argv, fmt)
            if fmt == 'github':
                files = [
                    line.split('file=', 1)[1].split(',line=', 1)[0]
                    for line in out.splitlines() if line.startswith('::error ')
                ]
                assert len(files) == len(CONTROL_NAMES) + 1 or '--history' in argv
                assert all(controls(f) == [] for f in files)
    rc, out, err = call('forbid-env-files', 'a\x1b[2J.env', cwd=git_repo)
    assert rc in (0, 1) and controls(out + err) == []


def _split_forms(key: str) -> list[str]:
    """A key cut by a character the output escapes or a terminal does not
    show: ESC, BEL, DEL, C1, a zero-width space, a bidi override, a BOM."""
    cut = 25
    return [key[:cut] + c + key[cut:] for c in (
        '\x1b', '\x07', '\x7f', '\x9b', '\u200b', '\u202e', '\ufeff',
    )] + ['tg\x1bp_v1_' + key[7:], 'x' + key[:10] + '\x1b' + key[10:40] + '\x01' + key[40:]]


def _reads_as(text: str) -> str:
    """The output as a reader reassembles it: escapes and invisible
    characters dropped."""
    import re

    text = re.sub(r'\\u(00[0-9a-f]{2}|20[0-6][0-9a-f]|feff)', '', text)
    return re.sub('[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]', '', text)


def test_a_key_split_by_an_escaped_or_invisible_character_is_never_shown(git_repo, keys):
    """Escaping a control character writes ``\\u001b`` in the middle of the
    key; a zero-width character is not seen at all: either way the reader
    gets the whole key.  Arguments, file names and a hex-encoded key alike."""
    key, other = keys(), keys()
    (git_repo / 'a.txt').write_text('nothing here\n')
    texts = []
    for value in _split_forms(key) + [key.encode().hex(), key.encode().hex().upper()]:
        for argv in (
            ('together-hooks', 'scan', f'dir/{value}/f'),
            ('together-hooks', 'scan', '--diff', value),
            ('detect-together-keys', '--baseline', value, 'a.txt'),
        ):
            rc, out, err = call(*argv, cwd=git_repo)
            assert rc == 2 and 'Traceback' not in err, (argv, err)
            texts += [out, err, _reads_as(out), _reads_as(err)]
    for n, value in enumerate(_split_forms(other)):
        (git_repo / f'f{n}{value}.txt').write_text('x\n')
    git(git_repo, 'add', '-A')
    for fmt in FORMATS:
        rc, out, err = call('together-hooks', 'scan', '--format', fmt, cwd=git_repo)
        texts += [out, err, _reads_as(out), _reads_as(err)]
    assert leaks([key, other], *texts) == []


def _compatible(key: str, block: int) -> str:
    """``key`` in other letters that NFKC folds back to it: fullwidth
    (``ｔｇｐ＿ｖ１＿…``, block 0xfee0) or mathematical bold (block 0)."""
    if block:
        return ''.join(chr(ord(c) + block) for c in key)
    bold = {**{c: chr(0x1d41a + i) for i, c in enumerate('abcdefghijklmnopqrstuvwxyz')},
            **{c: chr(0x1d400 + i) for i, c in enumerate('ABCDEFGHIJKLMNOPQRSTUVWXYZ')},
            **{c: chr(0x1d7ce + i) for i, c in enumerate('0123456789')}}
    return ''.join(bold.get(c, c) for c in key)


def _folded(*texts: str) -> list[str]:
    """Each text, and as a reader takes it: NFKC-folded, percent-escapes
    (a SARIF uri) undone first."""
    import unicodedata
    from urllib.parse import unquote

    return [t for text in texts for t in (
        text, unicodedata.normalize('NFKC', text),
        unicodedata.normalize('NFKC', unquote(text, errors='replace')),
    )]


def test_a_key_in_letters_that_fold_to_it_is_never_shown(git_repo, keys):
    """Fullwidth or mathematical letters read as the key (and fold to it
    in a search box or NFKC): in a file name, in every format and in
    ``--output``, and in an argument echoed by an error."""
    from tests.cli_run import leaked

    key, named, argued = keys(), keys(), keys()
    for n, block in enumerate((0xfee0, 0)):
        (git_repo / f'{n}{_compatible(named, block)}.txt').write_text(f'k = "{key}"\n')
    texts = []
    for fmt in FORMATS:
        rc, out, err = call('together-hooks', 'scan', '--format', fmt, cwd=git_repo)
        assert rc == 1, err
        texts += [out, err]
        rc, out, err = call(
            'together-hooks', 'scan', '--format', fmt, '--output', '../r.out', cwd=git_repo,
        )
        assert rc == 1, err
        texts += [out, err, (git_repo.parent / 'r.out').read_text()]
    for block in (0xfee0, 0):
        shown = _compatible(argued, block)
        for argv in (
            ('together-hooks', 'scan', f'dir/{shown}/f'),
            ('together-hooks', 'scan', '--output', f'../no/{shown}/r'),
            ('detect-together-keys', '--baseline', shown, 'x.txt'),
        ):
            rc, out, err = call(*argv, cwd=git_repo)
            assert rc == 2 and 'Traceback' not in err, (argv, err)
            texts += [out, err]
    assert 'tgp_v1_' in texts[0]
    assert leaked([key, named, argued], *_folded(*texts)) == []


def test_a_key_cut_by_a_folder_in_its_path_is_never_shown(git_repo, keys):
    """A key in a file whose path holds that key cut by a ``/`` (a folder
    named after its start): every command that finds it learns it, so the
    path shows no piece of it (``doctor`` and ``rotate-help`` showed it
    whole but for the slash)."""
    key = keys()
    folder = git_repo / key[:25]
    folder.mkdir()
    (folder / key[25:]).write_text(f'k = "{key}"\n')
    git(git_repo, 'add', '-A')
    texts = []
    for argv in (
            ('together-hooks', 'scan'),
            ('together-hooks', 'doctor'),
            ('together-hooks', 'doctor', '--format', 'json'),
            ('together-hooks', 'rotate-help', key[:25]),
    ):
        rc, out, err = call(*argv, cwd=git_repo)
        assert rc in (0, 1) and 'Traceback' not in err, (argv, err)
        assert 'tgp_v1_' in out, argv  # the finding is still shown, redacted
        texts += [out, err]
    joined = [t.replace('/', '') for t in texts]  # the reader drops the slash
    assert leaks([key], *texts, *joined) == []


@pytest.mark.parametrize('invisible', ['\u00ad', '\u200b', '\u2060'])
def test_a_key_split_by_invisible_characters_in_a_file_name_is_never_shown(git_repo, keys, invisible):
    """A file name whose key prefix is split by an invisible character
    (``tgp<soft hyphen>_v1<soft hyphen>_…``): the report shows the name
    with the character escaped (``\\xad``), which a reader reads past; the
    key goes, in every format and history."""
    from tests.cli_run import leaked

    key, named = keys(), keys()
    shown = named.replace('_', invisible + '_', 2)
    (git_repo / f'g-{shown}.txt').write_text(f'k = "{key}"\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-qm', 'm')
    texts = []
    for args in (('scan',), ('scan', '--history'), *(('scan', '--format', fmt) for fmt in FORMATS)):
        rc, out, err = call('together-hooks', *args, cwd=git_repo)
        assert rc == 1, err
        texts += [out, err]
    assert leaked([key, named], *texts) == []


def test_a_known_legacy_key_in_capitals_is_never_shown(git_repo, keys):
    """A legacy key the run knows (found in a file, or in
    ``TOGETHER_API_KEY``) written in capitals, in a file name, a commit
    message and an argument: hex reads the same in either case, so a
    reader lowers it back.  (The engine takes only lower case as a key;
    an unknown run in capitals stays, as any 64-hex digest does.)"""
    hexkey = keys('hex')
    capitals = hexkey.upper()
    (git_repo / 'a.py').write_text(f'TOGETHER_API_KEY = "{hexkey}"\n')
    (git_repo / f'{capitals}.py').write_text(f'TOGETHER_API_KEY = "{hexkey}"\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-qm', f'rotate {capitals}')
    texts = []
    for fmt in FORMATS:
        for extra in ((), ('--history',)):
            rc, out, err = call('together-hooks', 'scan', '--format', fmt, *extra, cwd=git_repo)
            assert rc == 1, (fmt, extra, err)
            texts += [out, err]
    rc, out, err = call(
        'together-hooks', 'scan', '--diff', capitals, cwd=git_repo,
        env=_env(TOGETHER_API_KEY=hexkey),
    )
    assert rc == 2 and 'Traceback' not in err, err
    texts += [out, err]
    assert '.py:1: together-legacy-api-key: ' in texts[0]  # the findings are still shown
    assert [t for t in texts if hexkey in t.lower()] == []


# Letters of other scripts a reader takes for Latin ones (Unicode's
# confusables), written here independently of the scrubber's table.
LOOK_ALIKE = {
    'a': 'а', 'c': 'с', 'e': 'е', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у',
    'A': 'А', 'B': 'В', 'E': 'Е', 'H': 'Н', 'K': 'К', 'M': 'М', 'O': 'Ο',
    'P': 'Р', 'T': 'Τ', 'X': 'Χ', 'v': 'ν', 'i': 'і',
}


def _look_alike(key: str) -> str:
    """``key`` with every letter that has a Cyrillic or Greek twin written
    as that twin (``tgр_ν1_…``): it reads as the key, and folds to it by no
    normal form."""
    return ''.join(LOOK_ALIKE.get(c, c) for c in key)


def _read_as_latin(*texts: str) -> list[str]:
    """Each text, and as a reader types it back: twins as Latin letters,
    percent-escapes (a SARIF uri) undone first."""
    from urllib.parse import unquote

    latin = {twin: c for c, twin in LOOK_ALIKE.items()}
    return [t for text in texts for t in (
        text, ''.join(latin.get(c, c) for c in unquote(text, errors='replace')),
    )]


def test_a_key_in_look_alike_letters_is_never_shown(git_repo, keys):
    """A key written in part with Cyrillic and Greek letters drawn as its
    Latin ones (``о`` for ``o``): a file name holding a key the run found
    elsewhere, one holding a key found nowhere, and an argument, in every
    format.  No normal form folds them (they are letters of their own),
    and the reader sees the key."""
    from tests.cli_run import leaked

    key, named, argued = keys(), keys(), keys()
    (git_repo / 'a.py').write_text(f'KEY = "{key}"\n')
    for n, shown in enumerate((key, named)):
        (git_repo / f'{n}{_look_alike(shown)}.txt').write_text(f'k = "{key}"\n')
    texts = []
    for fmt in FORMATS:
        rc, out, err = call('together-hooks', 'scan', '--format', fmt, cwd=git_repo)
        assert rc == 1, err
        texts += [out, err]
    for argv in (
        ('together-hooks', 'scan', f'dir/{_look_alike(argued)}/f'),
        ('detect-together-keys', '--baseline', _look_alike(argued), 'x.txt'),
    ):
        rc, out, err = call(*argv, cwd=git_repo)
        assert rc == 2 and 'Traceback' not in err, (argv, err)
        texts += [out, err]
    assert 'a.py:1: ' in texts[0]
    assert leaked([key, named, argued], *_read_as_latin(*texts)) == []


def test_a_key_cut_by_folders_and_found_nowhere_is_never_shown(git_repo, keys):
    """A key that only a path holds, cut by a ``/`` (a folder named with its
    start, ``tgp_v`` cut from ``1_…`` too): the file's own path in every
    report, and a path typed as an argument that an error echoes.  The
    reader drops the slash; no part of the key is in any file."""
    from tests.cli_run import leaked

    key, typed, held = keys(), keys(), keys()
    for cut in (25, 5):
        folder = git_repo / f'{cut}{key[:cut]}'
        folder.mkdir()
        (folder / key[cut:]).write_text(f'k = "{held}"\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-qm', 'm')
    texts = []
    for fmt in FORMATS:
        for extra in ((), ('--history',)):
            rc, out, err = call('together-hooks', 'scan', '--format', fmt, *extra, cwd=git_repo)
            assert rc == 1, (fmt, extra, err)
            texts += [out, err]
    for cut in (20, 4):
        texts += _echoed_by_errors(f'no/{typed[:cut]}/{typed[cut:]}', git_repo)
    assert 'together-api-key: tgp_v1_' in texts[0]
    joined = [t.replace('/', '') for t in texts]
    assert leaked([key, typed, held], *texts, *joined) == []


def _as_bash_reads(text: str) -> str:
    """``text`` with each ``$'…'`` word as bash gives it back (its ``\\xNN``
    escapes the bytes of the name), and the characters a terminal does
    not show (``IGNORABLE``, a zero-width space) unseen."""
    def word(m: re.Match[str]) -> str:
        spelt = b''.join(
            bytes((int(byte, 16),)) if byte else other.encode()
            for byte, other in re.findall(r'\\x([0-9a-fA-F]{2})|(\\.|[^\\])', m[1], re.S)
        )
        return spelt.decode('utf-8', 'replace')

    shown = re.sub(r"\$'((?:[^'\\]|\\.)*)'", word, text)
    return re.sub('[%s\u200b]' % ''.join(IGNORABLE), '', shown)


@pytest.mark.parametrize('invisible', ['\u00ad', '\u200b'])
def test_a_key_in_a_path_quoted_for_bash_is_never_shown(git_repo, keys, invisible):
    """A baseline path holding a key cut every 6 characters by an invisible
    character: the error names the path, and the commands to create it
    quote it for bash (``$'…\\xc2\\xad…'``, the character's UTF-8 bytes),
    which gives the name back, key and all; each piece is too short to be
    one."""
    from tests.cli_run import leaked

    key = keys()
    (git_repo / 'a.txt').write_text('nothing here\n')
    cut = 'd' + invisible.join(key[i:i + 6] for i in range(0, len(key), 6))
    texts = []
    for argv in (
        ('detect-together-keys', '--baseline', cut, 'a.txt'),
        ('together-hooks', 'scan', '--baseline', f'{cut}.json'),
        ('together-hooks', 'baseline', 'update', '--baseline', cut),
    ):
        rc, out, err = call(*argv, cwd=git_repo)
        assert rc == 2 and 'baseline not found' in err and 'Traceback' not in err, (argv, err)
        texts += [out, err]
    assert leaked([key], *texts, *map(_as_bash_reads, texts)) == []


@pytest.mark.parametrize('kind', ['b32', 'b85'])
def test_baseline_audit_never_shows_a_piece_of_a_wrapped_radix_key(git_repo, keys, kind):
    """A ``.env`` encoded in base32 or base85 and wrapped at 76: no line
    shows the whole key, yet none may show a piece of its encoding either
    (as for base64: learnt from the joined value, its pieces redacted)."""
    key = keys()
    env = f'#xx\nAPI_KEY={key}\nDEBUG=0\n'.encode()
    encode, group, size = {
        'b32': (base64.b32encode, 8, 5), 'b85': (base64.b85encode, 5, 4),
    }[kind]
    text = encode(env).decode()
    at = env.index(key.encode())
    first = -(-at // size) * group  # the characters the key's bytes alone make
    last = (at + len(key)) // size * group
    core = text[first:last]
    (git_repo / f'{kind}.txt').write_text(
        '\n'.join(text[i:i + 76] for i in range(0, len(text), 76)) + '\n')
    git(git_repo, 'add', '.')
    rc, out, err = call('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert rc == 0, err
    rc, out, err = call('together-hooks', 'baseline', 'audit', '--report', cwd=git_repo)
    assert rc == 0, err
    assert len(json.loads(out)['results']) == 1
    shown = out + err + json.dumps(json.loads(out))
    pieces = {core[i:i + 9] for i in range(len(core) - 8)}
    assert [p for p in pieces if p in shown] == []
    assert leaks([key], out, err) == []
