"""Session 36's hostile probe of "never print a whole secret" (leak36).

What a reader sees, not only what the bytes hold: earlier probes
(``tests/leak_probe34_test.py``, ``tests/leak_probe35_test.py``,
``tests/scrub_*``, ``tests/detect/scrub*``) read every output for a key's
forms byte for byte.  Here each output is also read as a terminal draws it
(``terminal``: escape sequences and OSC 8 links gone, ``\\r`` and
backspaces applied, invisible characters and combining marks gone, NFKC),
and for a key's base32 at each of its five alignments: a key spelt with
characters between its own that a terminal draws as nothing, or as a mark
on the letter before (an accent, an underline or strike-through
generator's U+0332/U+0336, an enclosing circle), is whole on screen and
retyped whole.  The product must also never emit a raw control or
invisible character that came from its input.

Inputs: a file name (every report format, the hook), an argument an error
echoes (``--format``, a missing path, ``--diff``), a ref name pre-receive
answers about, a commit's author and message, a repository folder
``scan-org`` stores; keys folded (circled, monospace, fullwidth halves,
small and super/subscript forms); the environment in ``--help``; Python's
own warnings in development mode; Ctrl-C while ``--verify`` waits on a
loopback API; the regex cache the product writes; a real terminal (a pty:
our colours and the ``--history`` progress line on).  Decoys: a macOS
(NFD) accented name, Hebrew points, a placeholder underlined, a key id and
a git hash with marks print as typed.  Measured on eeb1dacc and on this
branch: docs/hardening.md, "Session 36 (leak36)".
"""
from __future__ import annotations

import base64
import http.server
import os
import random
import re
import signal
import subprocess
import threading
import time
import unicodedata
from pathlib import Path

import pytest

from tests.cli_run import BIN
from tests.cli_run import leaked
from tests.cli_run import run_in_process
from tests.conftest import git
from tests.keys import make_hex
from tests.keys import make_key
from tests.leak_probe35_test import _environ
from tests.leak_probe35_test import _new_repo
from tests.leak_probe35_test import serve

_RNG = random.Random('leak-probe-36')
KEY, HEX, OTHER = make_key(_RNG), make_hex(_RNG), make_key(_RNG)
LOW = KEY.lower()


# --- what a reader sees -----------------------------------------------------

_OSC = re.compile(r'\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?')
_CSI = re.compile(r'\x1b\[[0-9;:?<=>]*[ -/]*[@-~]|\x9b[0-9;:?]*[ -/]*[@-~]')
_ESC = re.compile(r'\x1b[ -/]*[0-~]?')
_BLANK = {0x34f, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180b, 0x180c, 0x180d, 0x180e, 0x3164, 0xffa0}


def _unseen(c: str) -> bool:
    o = ord(c)
    return (unicodedata.category(c) in ('Cf', 'Mn', 'Me') or o in _BLANK
            or 0xfe00 <= o <= 0xfe0f or 0xe0100 <= o <= 0xe01ef)


def terminal(text: str) -> str:
    """``text`` as a terminal draws it, a line at a time: its escape
    sequences (colours, cursor moves, OSC 8 links) gone, ``\\r`` and
    backspace moving the cursor back over what was drawn, invisible
    characters and combining marks drawn as nothing, and the result as a
    reader retypes it (NFKC)."""
    text = _ESC.sub('', _CSI.sub('', _OSC.sub('', text)))
    lines = []
    for line in text.split('\n'):
        screen: list[str] = []
        col = 0
        for c in line:
            if c == '\r':
                col = 0
            elif c == '\b':
                col = max(0, col - 1)
            elif _unseen(c) or (ord(c) < 32 and c != '\t') or 0x7f <= ord(c) < 0xa0:
                continue
            else:
                screen[col:col + 1] = [c]
                col += 1
        lines.append(''.join(screen))
    return unicodedata.normalize('NFKC', '\n'.join(lines))


def _base32_runs(key: str) -> set[str]:
    """16-character runs of the key's base32 at each of its 5 alignments
    (upper and lower case), its first and last groups left out."""
    runs = set()
    for shift in range(5):
        enc = base64.b32encode(key.encode()[shift:]).decode().rstrip('=')[12:-4]
        for at in range(len(enc) - 15):
            runs.update((enc[at:at + 16], enc[at:at + 16].lower()))
    return runs


# A tag character (U+E0020-E007E: an ASCII letter made invisible) or a
# variation selector (a byte, in "emoji smuggling": VS1-16 are 0-15,
# VS17-256 16-255), raw or escaped as Python (``\\U000e0074``) or JSON
# (``\\udb40\\udc74``) writes it.
_TAG = re.compile(r'[\U000e0020-\U000e007e\U000e0100-\U000e01ef\ufe00-\ufe0f]'
                  r'|\\udb40\\ud[cd][0-9a-fA-F]{2}|\\U000[eE]0[01][0-9a-fA-F]{2}|\\u[fF][eE]0[0-9a-fA-F]')


def _tag_letters(text: str) -> str:
    def letter(m: re.Match[str]) -> str:
        found = m.group()
        code = (ord(found) if len(found) == 1 else 0xe0000 + int(found[-4:], 16) - 0xdc00
                if found.startswith('\\udb40') else int(found[2:], 16))
        if 0xe0020 <= code <= 0xe007e:
            return chr(code - 0xe0000)
        if 0xe0100 <= code <= 0xe01ef:
            return chr(code - 0xe0100 + 16)
        return chr(code - 0xfe00) if 0xfe00 <= code <= 0xfe0f else ''  # a tag's control
    return _TAG.sub(letter, text)


def seen(keys: list[str], *texts: str) -> list[int]:
    """Indexes of ``keys`` a reader of ``texts`` finds: every form
    ``cli_run.leaked`` reads, in the bytes, as a terminal draws them and
    with tag characters read as their letters; and base32."""
    found = set(leaked(keys, *texts)) | set(leaked(keys, *(terminal(t) for t in texts)))
    found |= set(leaked(keys, *(_tag_letters(t) for t in texts if _TAG.search(t))))
    for i, key in enumerate(keys):
        runs = _base32_runs(key)
        if any(run in text for text in texts for run in runs):
            found.add(i)
    return sorted(found)


# A raw character from input a terminal would act on or hide: C0 but tab
# and newline, DEL, C1, bidi and zero-width controls, a soft hyphen, BOM.
_RAW = re.compile(r'[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]')


def _commit(repo: Path, *args: str, name: str = 'Dev') -> None:
    git(repo, '-c', f'user.name={name}', '-c', 'user.email=dev@example.com', 'commit', '-q', *args)


def _check(runs, *written: str, keys=(KEY, OTHER)) -> list[str]:
    texts = [t for r in runs for t in (r.out, r.err)] + list(written)
    for r in runs:
        assert 'Traceback' not in r.err, r.err
        assert r.rc in (0, 1, 2), r.err
    assert seen(list(keys), *texts) == [], texts
    raw = sorted({m.group() for t in texts for m in _RAW.finditer(t)})
    assert raw == [], (raw, texts)
    return texts


def _spliced(key: str, mark: str, every: int = 1) -> str:
    """``mark`` after every ``every``-th character of ``key``'s body."""
    head, body = (key[:7], key[7:]) if key.lower().startswith('tgp_v1_') else ('', key)
    return head + ''.join(c + (mark if i % every == every - 1 else '') for i, c in enumerate(body))


def _all_formats(repo: Path, tmp_path: Path, *paths: str):
    """``scan`` in every format (its text report and audit log written to
    files too), and the hook on ``paths``: the runs and what they wrote."""
    out = tmp_path / 'out'
    out.mkdir(exist_ok=True)
    env = _environ()
    runs = [run_in_process('together-hooks', 'scan', '--output', str(out / 'r.txt'),
                           '--audit-log', str(out / 'audit.jsonl'), cwd=repo, env=env)]
    for fmt in ('json', 'sarif', 'github'):
        runs.append(run_in_process('together-hooks', 'scan', '--format', fmt, cwd=repo, env=env))
    if paths:
        runs.append(run_in_process('detect-together-keys', *paths, cwd=repo, env=env))
    written = [p.read_text(errors='backslashreplace') for p in sorted(out.iterdir())]
    return runs, written


# --- a key spelt with characters a terminal does not draw between its own ---

SPLICES = {
    # combining marks: drawn on the letter before, retyped as that letter
    'acute-each': ('\u0301', 1),
    'underline-generator': ('\u0332', 1),
    'strikethrough-generator': ('\u0336', 1),
    'enclosing-circle': ('\u20dd', 3),
    'zalgo': ('\u0300\u0316\u034f\u0489', 2),
    'hebrew-point': ('\u05b4', 4),
    'thai-vowel-sign': ('\u0e31', 2),
    'devanagari-nukta': ('\u093c', 3),
    'keycap': ('\u20e3', 5),
    # invisible and format characters
    'zero-width-space': ('\u200b', 5),
    'soft-hyphen': ('\u00ad', 5),
    'bidi-override': ('\u202e', 9),
    'word-joiner': ('\u2060', 6),
    'hangul-filler': ('\u3164', 7),
    'mongolian-vowel-separator': ('\u180e', 7),
    'variation-selector': ('\ufe0f', 4),
    'tag-letter': ('\U000e0041', 8),
    'khmer-inherent-vowel': ('\u17b4', 8),
    # what an escape sequence does on a terminal
    'sgr-reset': ('\x1b[0m', 6),
    'osc8-link': ('\x1b]8;;x\x1b\\', 10),
    'backspaced': ('Q\b', 11),
    'cursor-left': ('Q\x1b[D', 11),
}


@pytest.mark.parametrize('mark, every', list(SPLICES.values()), ids=list(SPLICES))
def test_a_key_spelt_with_unseen_characters_in_a_file_name(tmp_path, mark, every):
    """A file named ``<key spliced>.env`` holding another key: its name is
    in every finding of every format and the hook's lines."""
    repo = _new_repo(tmp_path / 'repo')
    name = _spliced(KEY, mark, every) + '.env'
    (repo / name).write_text(f'TOGETHER_API_KEY={OTHER}\n')
    git(repo, 'add', '.')
    runs, written = _all_formats(repo, tmp_path, name)
    texts = _check(runs, *written)
    assert all(r.rc == 1 for r in runs), [r.err for r in runs]
    assert '.env' in ''.join(texts)


@pytest.mark.parametrize('mark', ['\u0301', '\u0332', '\u20dd'], ids=['acute', 'underline', 'circle'])
def test_a_key_with_combining_marks_in_an_argument_is_not_echoed(tmp_path, mark):
    """``--format``, a missing path, ``--diff`` and the hook's missing
    file: each error echoes what it was given."""
    repo = _new_repo(tmp_path / 'repo')
    spelt = _spliced(KEY, mark)
    runs = [run_in_process(*argv, cwd=repo, env=_environ()) for argv in (
        ('together-hooks', 'scan', '--format', spelt),
        ('together-hooks', 'scan', f'src/{spelt}/a.py'),
        ('together-hooks', 'scan', '--diff', spelt),
        ('together-hooks', 'doctor', '--format', spelt),
        ('detect-together-keys', f'{spelt}.py'),
    )]
    texts = _check(runs)
    assert all(r.rc == 2 for r in runs), [r.err for r in runs]
    assert '--format' in texts[1] and '--diff' in texts[5]


@pytest.mark.parametrize('spell', [
    lambda k: _spliced(k.lower(), '\u0301'),
    lambda k: _spliced(k[:24], '\u0332') + '/' + _spliced(k[24:], '\u0332'),
    lambda k: _spliced(k[:30], '\u0336') + ' ' + k[30:],
    lambda k: ''.join(chr(ord(c) + 0xfee0) + '\u0301' if c.isalpha() and i % 3 == 0 else c
                      for i, c in enumerate(k)),
], ids=['lower-cased', 'cut-by-a-folder', 'cut-by-a-space', 'fullwidth-and-marks'])
def test_a_key_with_marks_and_another_disguise_is_not_shown(tmp_path, spell):
    repo = _new_repo(tmp_path / 'repo')
    spelt = spell(KEY)
    runs = [run_in_process('together-hooks', 'scan', '--format', spelt, cwd=repo, env=_environ()),
            run_in_process('together-hooks', 'scan', f'no/{spelt}.txt', cwd=repo, env=_environ())]
    _check(runs)
    assert [r.rc for r in runs] == [2, 2]


@pytest.mark.parametrize('blank', ['\u2800', '\u1680'], ids=['braille-blank', 'ogham-space-mark'])
def test_a_key_cut_by_a_blank_no_normal_form_folds_is_not_shown(tmp_path, blank):
    """A character drawn as a gap that NFKC keeps (the braille pattern
    blank, a spammer's "invisible" letter; the Ogham space mark): a key
    cut by one reads as a key cut by a space, in an argument, a missing
    path and a file name in every format."""
    repo = _new_repo(tmp_path / 'repo')
    spelt = KEY[:25] + blank + KEY[25:]
    (repo / f'{KEY[:31]}{blank}{KEY[31:]}.env').write_text(f'TOGETHER_API_KEY={OTHER}\n')
    git(repo, 'add', '.')
    runs = [run_in_process('together-hooks', 'scan', '--format', spelt, cwd=repo, env=_environ()),
            run_in_process('together-hooks', 'scan', f'no/{spelt}.txt', cwd=repo, env=_environ())]
    for fmt in ('text', 'json', 'sarif'):
        runs.append(run_in_process('together-hooks', 'scan', '--format', fmt, cwd=repo, env=_environ()))
    _check(runs)
    assert [r.rc for r in runs] == [2, 2, 1, 1, 1]


def _tags(text: str) -> str:
    """``text`` in Unicode's tag characters: invisible, each its ASCII
    letter ("ASCII smuggling")."""
    return ''.join(chr(0xe0000 + ord(c)) for c in text)


def _selectors(text: str) -> str:
    """``text``'s bytes as variation selectors after an emoji ("emoji
    smuggling"): invisible, each a byte."""
    return '\U0001f600' + ''.join(chr(0xfe00 + b if b < 16 else 0xe0100 + b - 16) for b in text.encode())


def test_a_key_in_tag_characters_is_not_shown_escaped(tmp_path):
    """A key spelt in tag characters (U+E0074 for ``t``): shown escaped
    (``\\U000e0074``, ``\\udb40\\udc74``), it still spells the key to
    anyone who reads the codes; in a file name (every format), an
    argument, after a plain ``tgp_v1_``, and a legacy key after its
    Together name; and its bytes as variation selectors after an emoji.
    Decoy: a flag's tag sequence (Scotland's: ``gbsct``) is shown as
    before, escaped."""
    repo = _new_repo(tmp_path / 'repo')
    (repo / f'notes{_tags(KEY)}.env').write_text(f'TOGETHER_API_KEY={OTHER}\n')
    flag = '\U0001f3f4' + _tags('gbsct') + '\U000e007f'
    (repo / f'flag{flag}.env').write_text(f'TOGETHER_API_KEY={make_key(_RNG)}\n')
    git(repo, 'add', '.')
    runs, written = _all_formats(repo, tmp_path)
    for argv in (('scan', '--format', 'x' + _tags(KEY)), ('scan', '--diff', 'tgp_v1_' + _tags(KEY[7:])),
                 ('scan', '--format', 'TOGETHER_API_KEY=' + _tags(HEX)),
                 ('scan', '--format', _selectors(KEY)), ('scan', f'no/{_selectors(KEY)}.txt')):
        runs.append(run_in_process('together-hooks', *argv, cwd=repo, env=_environ()))
    _check(runs, *written, keys=(KEY, OTHER, HEX))
    assert [r.rc for r in runs] == [1, 1, 1, 1, 2, 2, 2, 2, 2], [r.err for r in runs]
    assert 'flag' in runs[0].out and 'gbsct' not in runs[0].out, runs[0].out


# --- letters that fold to a key's (NFKC) -------------------------------------

FOLDS = {
    'circled': lambda k: ''.join(
        chr(0x24d0 + ord(c) - 97) if 'a' <= c <= 'z' else chr(0x24b6 + ord(c) - 65) if 'A' <= c <= 'Z' else c
        for c in k),
    'monospace': lambda k: ''.join(
        chr(0x1d68a + ord(c) - 97) if 'a' <= c <= 'z' else chr(0x1d670 + ord(c) - 65) if 'A' <= c <= 'Z'
        else chr(0x1d7f6 + ord(c) - 48) if c.isdigit() else c for c in k),
    'fullwidth-every-other': lambda k: ''.join(
        chr(ord(c) + 0xfee0) if i % 2 else c for i, c in enumerate(k)),
    'dashed-low-line': lambda k: k.replace('_', '\ufe4d'),
    'superscript-digits': lambda k: k.translate(str.maketrans('0123456789', '⁰¹²³⁴⁵⁶⁷⁸⁹')),
    'subscript-digits': lambda k: k.translate(str.maketrans('0123456789', '₀₁₂₃₄₅₆₇₈₉')),
}


@pytest.mark.parametrize('fold', list(FOLDS.values()), ids=list(FOLDS))
def test_a_key_in_letters_that_fold_to_it_is_not_shown(tmp_path, fold):
    repo = _new_repo(tmp_path / 'repo')
    spelt = fold(KEY)
    (repo / f'{spelt}.env').write_text(f'TOGETHER_API_KEY={OTHER}\n')
    git(repo, 'add', '.')
    runs = [run_in_process('together-hooks', 'scan', '--format', spelt, cwd=repo, env=_environ()),
            run_in_process('together-hooks', 'scan', '--diff', spelt, cwd=repo, env=_environ())]
    for fmt in ('text', 'sarif'):
        runs.append(run_in_process('together-hooks', 'scan', '--format', fmt, cwd=repo, env=_environ()))
    _check(runs)
    assert [r.rc for r in runs] == [2, 2, 1, 1]


# --- git's names: a ref, an author, a message; scan-org's store --------------

def test_a_key_with_marks_in_an_author_and_message_is_not_shown(tmp_path):
    repo = _new_repo(tmp_path / 'repo')
    (repo / 'settings.env').write_text(f'TOGETHER_API_KEY={OTHER}\n')
    git(repo, 'add', '.')
    _commit(repo, '-m', f'rotate {_spliced(KEY, chr(0x332))}', name=_spliced(KEY, '\u0301', 2))
    runs = [run_in_process('together-hooks', 'scan', '--history', *fmt, cwd=repo, env=_environ())
            for fmt in ((), ('--format', 'json'), ('--format', 'sarif'))]
    texts = _check(runs)
    assert 'settings.env' in ''.join(texts)


@pytest.fixture(scope='module')
def served(tmp_path_factory):
    return serve(tmp_path_factory.mktemp('leak36-served'), OTHER)


@pytest.mark.parametrize('ref', [
    f'refs/heads/{_spliced(KEY, chr(0x301))}', f'refs/tags/{_spliced(LOW, chr(0x336), 2)}',
], ids=['branch-accents', 'tag-lower-struck'])
def test_pre_receive_names_no_key_with_marks_in_a_ref(served, ref):
    """pre-receive's lines to the pushing client, as git runs it."""
    bare, first, second = served
    proc = subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'pre-receive'), input=f'{first} {second} {ref}\n'.encode(),
        cwd=bare, capture_output=True, env=_environ(PYTHONIOENCODING='utf-8'), timeout=300,
    )
    out = proc.stdout.decode('utf-8', 'backslashreplace') + proc.stderr.decode('utf-8', 'backslashreplace')
    assert proc.returncode == 1, out
    assert 'Traceback' not in out and 'settings.env' in out, out
    assert seen([KEY, OTHER], out) == [], out


def test_scan_org_stores_no_key_with_marks_in_a_repository_folder(tmp_path):
    """A local repository in a folder named with a key spelt with marks:
    the run's lines, its reports and every byte of its store."""
    repo = _new_repo(tmp_path / _spliced(KEY, '\u0332') / 'app')
    (repo / 'settings.env').write_text(f'TOGETHER_API_KEY={OTHER}\n')
    git(repo, 'add', '.')
    _commit(repo, '-m', 'settings')
    listing = tmp_path / 'repos.txt'
    listing.write_text(f'{repo}\n')
    store = tmp_path / 'org.db'
    runs = [run_in_process('together-hooks', 'scan-org', '--repos', str(listing), '--store', str(store),
                           cwd=tmp_path, env=_environ())]
    for fmt in ('json', 'markdown'):
        runs.append(run_in_process('together-hooks', 'scan-org', 'report', '--store', str(store),
                                   '--format', fmt, cwd=tmp_path, env=_environ()))
    stored = [p.read_bytes().decode('utf-8', 'backslashreplace') for p in tmp_path.glob('org.db*')]
    assert stored, 'the store was written'
    texts = _check(runs)
    assert seen([KEY, OTHER], *stored) == []  # a database: its bytes, not its characters
    assert 'settings.env' in ''.join(texts)


# --- decoys: marks that spell no key print as typed -------------------------

def test_names_with_marks_that_are_no_key_print_as_typed(tmp_path):
    """A name from a Mac (NFD: ``re\\u0301sume\\u0301``), Hebrew with its
    points, a placeholder underlined, a key id and a git hash with an
    accent, names spaced by braille blanks: each in the report exactly as
    named."""
    repo = _new_repo(tmp_path / 'repo')
    head = git(repo, 'rev-parse', 'HEAD').strip()
    names = [
        'cafe\u0301/re\u0301sume\u0301.env',
        '\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd.env',
        _spliced('tgp_v1_' + 'x' * 43, '\u0332') + '.env',
        'key_' + _spliced('%020x' % random.Random('leak36-key-id').getrandbits(80), '\u0301', 4) + '.env',
        _spliced(head, '\u0301', 8) + '.env',
        _spliced(HEX, '\u0301', 9) + '.lock',
        '\u2800\u2800notes\u28002024\u2800draft.env',
        'key_\u28009f86d081884c7d65\u2800backup.env',
    ]
    for name in names:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(f'TOGETHER_API_KEY={make_key(_RNG)}\n')
    git(repo, 'add', '.')
    result = run_in_process('together-hooks', 'scan', cwd=repo, env=_environ())
    assert result.rc == 1, result.err
    for name in names:
        assert name in result.out, (name, result.out)


# --- what the process prints: help, warnings, Ctrl-C, the regex cache ------

def _process(*argv: str, cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    proc = subprocess.run((os.path.join(BIN, argv[0]), *argv[1:]), cwd=cwd, env=env,
                          capture_output=True, timeout=300)
    return proc.returncode, (proc.stdout + proc.stderr).decode('utf-8', 'backslashreplace')


def test_help_shows_no_key_from_the_environment(tmp_path):
    """``--help`` of every command with Together's variables holding keys
    (a default taken from the environment would show one)."""
    env = _environ(TOGETHER_API_KEY=KEY, TOGETHER_HOOKS_API_BASE=f'https://127.0.0.1:9/{OTHER}',
                   MY_TOGETHER_TOKEN=HEX, PYTHONIOENCODING='utf-8')
    outs = []
    for argv in (('together-hooks', '--help'), ('together-hooks', 'scan', '--help'),
                 ('together-hooks', 'doctor', '--help'), ('together-hooks', 'scan-org', '--help'),
                 ('together-hooks', 'pre-receive', '--help'), ('together-hooks', 'rotate-help', '--help'),
                 ('detect-together-keys', '--help'), ('forbid-env-files', '--help')):
        rc, out = _process(*argv, cwd=tmp_path, env=env)
        assert rc == 0, out
        outs.append(out)
    assert 'usage' in ''.join(outs)
    assert seen([KEY, OTHER, HEX], *outs) == [], outs


def test_python_warnings_in_development_mode_show_no_key(tmp_path):
    """``PYTHONDEVMODE``/``PYTHONWARNINGS=always``: every warning Python
    or a library gives (an unclosed file named with a key, an invalid
    escape) goes through the scrub."""
    repo = _new_repo(tmp_path / 'repo')
    (repo / f'{KEY}.env').write_text(f'TOGETHER_API_KEY={OTHER}\n')
    (repo / 'bad.py').write_text('x = "\\d ' + KEY + '"\n')
    git(repo, 'add', '.')
    env = _environ(PYTHONWARNINGS='always', PYTHONDEVMODE='1', PYTHONIOENCODING='utf-8')
    outs = []
    for argv in (('together-hooks', 'scan'), ('together-hooks', 'scan', '--history'),
                 ('together-hooks', 'doctor'), ('detect-together-keys', f'{KEY}.env', 'bad.py')):
        rc, out = _process(*argv, cwd=repo, env=env)
        assert rc in (0, 1), out
        outs.append(out)
    assert '.env' in ''.join(outs)
    assert seen([KEY, OTHER], *outs) == [], outs


class Hang(http.server.BaseHTTPRequestHandler):
    """An API that takes a request and never answers."""

    asked = threading.Event()

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.asked.set()
        time.sleep(30)

    def log_message(self, *args) -> None:
        pass


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_while_verify_waits_shows_no_key(tmp_path):
    """SIGINT to the process group while ``--verify`` waits on the API:
    one line, exit 130 or 2, no traceback, no key (the key is in the
    request, the file name and the environment)."""
    repo = _new_repo(tmp_path / 'repo')
    (repo / f'{OTHER[:30]}-{KEY}.env').write_text(f'TOGETHER_API_KEY={KEY}\n')
    git(repo, 'add', '.')
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Hang)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    Hang.asked.clear()
    try:
        # Ctrl-C as a terminal's foreground job gets it: SIGINT at its
        # default (a test before this one in the same worker may leave it
        # ignored, which a child inherits and Python then keeps: the
        # full suite saw the run finish uninterrupted).
        proc = subprocess.Popen(
            (os.path.join(BIN, 'together-hooks'), 'scan', '--verify', '--verify-timeout', '60'),
            cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
            preexec_fn=_default_sigint,
            env=_environ(TOGETHER_HOOKS_API_BASE=f'http://127.0.0.1:{server.server_address[1]}',
                         TOGETHER_API_KEY=OTHER, PYTHONIOENCODING='utf-8'))
        assert Hang.asked.wait(120), 'the API was asked'
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=120)
    finally:
        server.shutdown()
        server.server_close()
    text = (out + err).decode('utf-8', 'backslashreplace')
    assert proc.returncode in (2, 130), text
    assert 'Traceback' not in text and 'interrupted' in text, text
    assert seen([KEY, OTHER], text) == [], text


def _blocked(status: str) -> int:
    """The ``SigBlk`` mask of a ``/proc/PID/task/TID/status`` text."""
    return int(re.search(r'^SigBlk:\s*([0-9a-f]+)$', status, re.M).group(1), 16)


@pytest.mark.skipif(not os.path.isdir('/proc/self/task'), reason='reads /proc')
def test_only_the_main_thread_takes_ctrl_c_while_verify_waits(tmp_path):
    """Ctrl-C (SIGINT, SIGTERM) sent to the process while ``--verify``
    waits on the API must reach the main thread, whose wait a signal
    wakes: a worker thread that took it would leave it pending until its
    request ended (seen under load: the run finished the scan and exited
    1 after the API gave up, the interrupt lost).  Every thread but the
    main one blocks both, so the kernel gives them to the main thread."""
    repo = _new_repo(tmp_path / 'repo')
    (repo / 'a.env').write_text(f'TOGETHER_API_KEY={KEY}\nOTHER={OTHER}\n')
    git(repo, 'add', '.')
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Hang)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    Hang.asked.clear()
    proc = subprocess.Popen(
        (os.path.join(BIN, 'together-hooks'), 'scan', '--verify', '--verify-timeout', '60'),
        cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        env=_environ(TOGETHER_HOOKS_API_BASE=f'http://127.0.0.1:{server.server_address[1]}',
                     PYTHONIOENCODING='utf-8'))
    try:
        assert Hang.asked.wait(120), 'the API was asked'
        masks = {}
        for tid in os.listdir(f'/proc/{proc.pid}/task'):
            with open(f'/proc/{proc.pid}/task/{tid}/status') as f:
                masks[int(tid)] = _blocked(f.read())
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        proc.communicate(timeout=120)
        server.shutdown()
        server.server_close()
    wanted = (1 << (signal.SIGINT - 1)) | (1 << (signal.SIGTERM - 1))
    workers = {tid: mask for tid, mask in masks.items() if tid != proc.pid}
    assert workers, masks
    assert all(mask & wanted == wanted for mask in workers.values()), masks
    assert masks[proc.pid] & wanted == 0, masks


def test_the_regex_cache_holds_no_pattern_made_from_data(tmp_path):
    """Every file under ``$XDG_CACHE_HOME`` a run writes (the compiled
    regex programs, hyperscan's databases) after runs that hold keys in
    the environment, an env file, a config's ``allow`` and ``exclude``
    patterns and a file name."""
    repo = _new_repo(tmp_path / 'repo')
    (repo / '.together-hooks.toml').write_text(f'allow = ["{KEY}", "{HEX}"]\nexclude = ["{KEY}/*"]\n')
    (repo / f'{OTHER[:30]}.env').write_text(f'TOGETHER_API_KEY={OTHER}\n')
    (repo / '.env').write_text(f'TOGETHER_API_KEY={KEY}\n')
    git(repo, 'add', '.together-hooks.toml', f'{OTHER[:30]}.env')
    cache = tmp_path / 'cache'
    env = _environ(XDG_CACHE_HOME=str(cache), TOGETHER_API_KEY=KEY, MY_TOGETHER_TOKEN=HEX)
    for argv in (('together-hooks', 'scan'), ('together-hooks', 'scan', '--history'),
                 ('together-hooks', 'doctor'), ('detect-together-keys', f'{OTHER[:30]}.env')):
        rc, out = _process(*argv, cwd=repo, env=env)
        assert rc in (0, 1, 2), out
    files = [p for p in cache.rglob('*') if p.is_file()]
    assert files, 'the cache was written'
    data = [p.read_bytes().decode('latin-1') for p in files] + [str(p) for p in files]
    assert seen([KEY, HEX, OTHER], *data) == []


# --- a real terminal: our colours and the progress line ---------------------

def test_a_terminal_shows_no_key_through_our_colours_and_progress(tmp_path):
    """``scan`` and ``scan --history`` on a pty (colours on, the progress
    line rewriting itself with ``\\r``), a file named with a key spliced
    by an SGR code and by accents: what the terminal shows holds no key,
    and the only escape sequences are our colours."""
    import pty
    import select

    repo = _new_repo(tmp_path / 'repo')
    for name in (_spliced(KEY, '\x1b[1m', 9) + '.env', _spliced(KEY, '\u0301', 3) + '.cfg'):
        (repo / name).write_text(f'TOGETHER_API_KEY={OTHER}\n')
    git(repo, 'add', '.')
    _commit(repo, '-m', 'keys')
    shown = []
    for argv in (('scan',), ('scan', '--history')):
        leader, follower = pty.openpty()
        proc = subprocess.Popen((os.path.join(BIN, 'together-hooks'), *argv), cwd=repo,
                                stdin=follower, stdout=follower, stderr=follower,
                                env=_environ(TERM='xterm-256color', PYTHONIOENCODING='utf-8'))
        os.close(follower)
        data = b''
        while True:
            ready, _, _ = select.select([leader], [], [], 120)
            if not ready:
                break
            try:
                chunk = os.read(leader, 1 << 16)
            except OSError:  # the follower closed: the run is over
                break
            if not chunk:
                break
            data += chunk
        os.close(leader)
        assert proc.wait(timeout=120) == 1, data
        shown.append(data.decode('utf-8', 'backslashreplace'))
    assert all('\x1b[31m' in text for text in shown), shown  # colours were on
    assert seen([KEY, OTHER], *shown) == [], shown
    escapes = {m.group() for text in shown for m in re.finditer(r'\x1b[^a-zA-Z]*[a-zA-Z]', text)}
    assert escapes <= {'\x1b[0m', '\x1b[1m', '\x1b[31m', '\x1b[32m'}, escapes
