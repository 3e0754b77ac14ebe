"""The grouped keyword screen (``prefilter.Keywords.grouped``) flags exactly
the inputs the plain ``in`` checks flag: every rule keyword, escape mark and
every base64 form of a keyword, standard and URL-safe, base32 and base85 form, at every alignment, in random bytes; and
history's blob test lets through every blob the engine finds a key in,
base64-encoded ones included."""
from __future__ import annotations

import base64
import random

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tests.conftest import git
from tests.conftest import write
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import prefilter
from together_hooks.detect.engine import BYTES_MARKS
from together_hooks.detect.engine import GIT_BINARY
from together_hooks.detect.engine import DEC_PREFIX
from together_hooks.detect.engine import HEX_MARKS
from together_hooks.detect.engine import HEX_NAME_UPPER
from together_hooks.detect.engine import HEX_PACKED_MARKS
from together_hooks.detect.engine import PASTED_DUMP_MARKS
from together_hooks.detect.engine import JWS_DEFLATE_MARKS
from together_hooks.detect.engine import UU_BEGIN
from together_hooks.detect.engine import keyword_screen
from together_hooks.detect.engine import scan_bytes
from together_hooks.pipeline import Scanner
from together_hooks.rules import RULES
from together_hooks.sources import history

PLAIN = tuple(k for rule in RULES for k in rule.keywords)
FORMS = tuple(f for rule in RULES for f in (*rule.b64_keywords, *rule.b32_keywords, *rule.b85_keywords))
MARKS = tuple(m for rule in RULES for m in rule.escape_marks)
# A container written as a base64 value, a binary file's change in a patch,
# a uuencoded file's first line, a key's prefix as decimal bytes, a
# byte literal's UTF-16 (or a gzip's first bytes), a JWS header's
# ``"zip":"DEF"``, a legacy name's ``GET``/``HER`` as C hex bytes, a
# gzip's first bytes as a database dump's hex text, a dump's first line.
MAGIC = (
    *prefilter.B64_MAGIC, GIT_BINARY, *UU_BEGIN, *DEC_PREFIX, *HEX_MARKS, *BYTES_MARKS, *JWS_DEFLATE_MARKS,
    *HEX_NAME_UPPER, *HEX_PACKED_MARKS, *PASTED_DUMP_MARKS,
)
SCREEN = keyword_screen(RULES)
GROUPED = SCREEN.grouped()


def old_prefilter(data: bytes) -> bool:
    """What the engine asked before the screen: one ``in`` per keyword,
    then one per base64 form, escape mark and container magic's form."""
    return any(k in data for k in PLAIN) or any(f in data for f in FORMS + MARKS + MAGIC)


def _encodings(text: bytes) -> list[bytes]:
    """``text`` base64-encoded at each alignment, standard and URL-safe,
    with and without line wrapping (base32 and base85 are read at some
    alignments only: ``test_every_input_with_a_finding_is_flagged``)."""
    out = []
    for lead in (b'', b'A', b'Ab'):
        enc = base64.b64encode(lead + text)
        out += [enc, enc.translate(bytes.maketrans(b'+/', b'-_'))]
        out.append(b'\n'.join(enc[i:i + 76] for i in range(0, len(enc), 76)))
    return out


_TEXTS = [
    b'together', b'TOGETHER', b'Together', b'tgp_v1_',
    b'TOGETHER_API_KEY=', b'together_api_key: ', b'{"together": "',
]
PIECES = sorted(
    {e for t in _TEXTS for e in _encodings(t)}
    | set(PLAIN) | set(FORMS) | set(MARKS) | set(MAGIC)
    | {k[:-1] for k in PLAIN + FORMS + MARKS + MAGIC} | {k[1:] for k in PLAIN + FORMS + MARKS + MAGIC}
    | {k.swapcase() for k in PLAIN + FORMS + MARKS + MAGIC}
    | {anchor for anchor in prefilter._anchors(SCREEN.keywords)}
    | {b'\0', b'\n', b'=', b'\xff', b'g', b'R', b'G', b'F', b'V', b'Z'},
)
inputs = st.lists(
    st.one_of(st.binary(max_size=64), st.sampled_from(PIECES)), max_size=30,
).map(b''.join)


def test_the_oracle_knows_every_needle_of_the_screen():
    """A needle the screen holds and ``old_prefilter`` lacks (uuencode's
    ``begin 4``) made the property below fail whenever hypothesis drew it
    from the code's own constants: order-dependent, not random."""
    assert set(SCREEN.keywords) <= set(PLAIN + FORMS + MARKS + MAGIC)


@settings(max_examples=1500, deadline=None, database=None, derandomize=True)
@given(inputs)
def test_the_grouped_screen_flags_exactly_what_the_plain_checks_flag(data):
    old = old_prefilter(data)
    assert GROUPED(data) is old
    assert SCREEN.plain(data) is old


@pytest.mark.parametrize('text', _TEXTS)
def test_every_encoding_at_every_alignment_is_flagged(text):
    for enc in _encodings(text):
        for around in (b'', b'x' * 5000, bytes(range(256))):
            data = around + enc + around
            assert old_prefilter(data) and GROUPED(data)


def test_large_inputs_switch_to_the_grouped_search(monkeypatch):
    monkeypatch.setattr(prefilter, '_hyperscan_installed', lambda: False)  # else its one pass
    monkeypatch.setattr(prefilter, 'GROUPED_MIN_BYTES', 10)
    screen = prefilter.Keywords(PLAIN + FORMS)
    assert screen(b'x' * 5) is False and screen._grouped is None
    assert screen(b'y' * 20 + FORMS[-1]) is True and screen._grouped is not None
    assert screen(b'no keyword here' * 100) is False


def test_every_input_with_a_finding_is_flagged():
    rng = random.Random('screen-findings')
    for _ in range(40):
        key = make_key(rng) if rng.random() < 0.5 else make_hex(rng)
        env = rng.choice(['', 'A=1\n', 'AB=2\n']) + f'TOGETHER_API_KEY={key}\n'
        enc = rng.choice((base64.b64encode, base64.b32encode, base64.b85encode))(env.encode())
        data = bytes(rng.getrandbits(8) for _ in range(rng.randrange(200))) + b'\n.env: ' + enc + b'\n'
        if scan_bytes(data, 's.yaml'):
            assert GROUPED(data) and SCREEN.blob_test(0)(data)


def test_history_finds_base64_keys_at_every_alignment(git_repo, keys):
    # The blob test asked only for plain keywords: a base64 .env whose
    # encoded keywords fell at other alignments was never read.
    for i, lead in enumerate(('', 'A=1\n', 'AB=2\n')):
        env = f'{lead}TOGETHER_API_KEY={keys()}\n'.encode()
        write(git_repo, f's{i}.yaml', f'data:\n  .env: {base64.b64encode(env).decode()}\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'add')
    scanner = Scanner()
    root = str(git_repo)
    every = sorted(r.path for r in history.scan_history(root, scanner.scan_one, worth=None))
    assert every  # the engine finds them when every blob is read
    tested = sorted(r.path for r in history.scan_history(root, scanner.scan_one, worth=scanner.blob_test))
    assert tested == every
