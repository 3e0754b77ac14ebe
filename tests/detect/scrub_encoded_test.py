"""The output scrub hides every form of a key the engine reads: a key
split by an ANSI code (raw or escaped) or a string escape, JSON inside
JSON, a percent-encoded or character-referenced prefix, even when the
run never learnt the key (an argument echoed in an error)."""
from __future__ import annotations

import json
import quopri
import random
import re

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.codec import escapes_view
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.scrub import Scrubber

KEY = make_key(random.Random('scrub-encoded'))

FORMS = {
    'ansi-in-prefix': f'x\x1b[32mtg\x1b[0m{KEY[2:]}',
    'ansi-in-body': f'{KEY[:20]}\x1b[1m{KEY[20:]}',
    'escaped-ansi-in-prefix': f'x\\u001b[32mtg\\u001b[0m{KEY[2:]}',
    'shell-ansi-in-body': f'{KEY[:30]}\\e[0m{KEY[30:]}',
    'json-in-json': json.dumps({'o': json.dumps({'p': f'tgp\x1b[0m{KEY[3:]}'})}),
    'escaped-underscores': KEY.replace('_', '\\u005f'),
    'entity-underscores': KEY.replace('_', '&#95;'),
    'octal-prefix': '\\164gp_v1_' + KEY[7:],
}


def _reads_as(text: str) -> list[str]:
    """The output as a reader reassembles it: as shown, with the escapes
    the scrub writes dropped, and with every escape and code undone."""
    dropped = re.sub(r'\\u00[0-9a-f]{2}', '', text)
    out = [text, dropped]
    for t in (text, dropped):
        view = escapes_view(t.encode())
        if view is not None:
            out.append(view.data.decode('utf-8', 'replace'))
    return out


@pytest.mark.parametrize('form', FORMS)
def test_every_form_the_engine_reads_is_scrubbed(form):
    text = f'error: bad argument {FORMS[form]!s} (see --help)'
    # The engine reads the key in it: the scrub must hide it.
    assert [f.secret for f in scan_bytes(text.encode(), 'arg')] == [KEY]
    for learnt in ((), (KEY,)):
        shown = Scrubber(learnt).scrub(text)
        assert not any(KEY[7:] in t for t in _reads_as(shown)), (learnt, shown)


def test_a_line_without_a_key_keeps_its_escapes():
    text = 'path C:\\new\\tgp\\dir 100% &amp; \\e[0m done'
    assert Scrubber().scrub(text) == text


@pytest.mark.parametrize('text', [
    '\ud852%41', 'x\ud852\x1b[0m', '\ud852\\n', f'a\ud852\n{KEY[:20]}\n{KEY[20:]}',
])
def test_a_lone_surrogate_never_stops_the_scrub(text):
    """A JSON answer (a baseline, an API) may hold a lone surrogate, which
    no UTF-8 encodes: the scrub every output passes still shows the text,
    the key it wraps redacted."""
    shown = Scrubber().scrub(text)
    assert '\ud852' not in shown and '\\ud852' in shown
    assert KEY[7:20] not in shown and KEY[20:] not in shown


@pytest.mark.parametrize('lead', range(3))
def test_an_unknown_key_in_a_json_list_of_base64_pieces_is_scrubbed(lead):
    # One line (a value split across a JSON list's strings, as the engine
    # reads it): no piece holds the key's encoding whole, and no line
    # break joins them; the scrub never learnt the key.
    import base64

    name = f'{"x" * lead}TOGETHER_API_KEY='
    enc = base64.b64encode(f'{name}{KEY}\n'.encode()).decode()
    pieces = [enc[i:i + 16] for i in range(0, len(enc), 16)]
    line = json.dumps(pieces)
    # The pieces wholly inside the key's encoding.
    first, last = len(name) * 4 // 3 + 4, (len(name) + len(KEY)) * 4 // 3
    inside = [p for i, p in enumerate(pieces) if i * 16 >= first and (i + 1) * 16 <= last]
    assert len(inside) >= 2
    out = Scrubber(()).scrub(line)
    assert [p for p in inside if p in out] == []


def _qp_read(text: str) -> str:
    """Quoted-printable undone, as a reader of a mail decodes it."""
    import quopri

    return quopri.decodestring(text.encode()).decode('latin-1')


_EVERY_BYTE = ''.join(f'={b:02X}' for b in KEY.encode())
_UNDERSCORES = KEY.replace('_', '=5F')


@pytest.mark.parametrize('qp', [
    _EVERY_BYTE,
    _UNDERSCORES,  # as a mail writer does
    f'{KEY[:30]}=\n{KEY[30:]}',  # a soft line break
    # a conformant writer's soft break (lines of 76 at most)
    f'{_EVERY_BYTE[:75]}=\n{_EVERY_BYTE[75:]}',
    _UNDERSCORES.replace('=5F', '=5f'),  # hex in lower case: RFC 2045 reads it
    f'{_UNDERSCORES[:30]}=\n{_UNDERSCORES[30:]}',
    # a mail header's encoding (``_`` and ``=`` encoded)
    quopri.encodestring(b'TOGETHER_API_KEY=' + KEY.encode(), header=True).decode(),
], ids=[
    'every-byte', 'underscores', 'soft-break', 'every-byte-soft-break', 'lower-case',
    'underscores-soft-break', 'header',
])
def test_an_unknown_key_in_quoted_printable_is_scrubbed(qp):
    """A line cut from a quoted-printable mail (a file that said so: the
    line shown need not) reads as the key once decoded."""
    text = f'error: bad argument {qp} (see --help)'
    for learnt in ((), (KEY,)):
        shown = Scrubber(learnt).scrub(text)
        leaked = sum(KEY[7:] in t for t in (shown, _qp_read(shown)))
        assert leaked == 0, bool(learnt)
        assert shown.startswith('error: bad argument ')


@pytest.mark.parametrize('header', [False, True], ids=['body', 'header'])
def test_an_unknown_legacy_key_in_quoted_printable_is_scrubbed(header):
    """The name's ``=`` (and ``_`` in a header) encoded: the key's hex is
    raw, its Together context is read once decoded."""
    hexkey = make_hex(random.Random('scrub-encoded-qp'))
    qp = quopri.encodestring(b'TOGETHER_API_KEY=' + hexkey.encode(), header=header).decode()
    shown = Scrubber().scrub(f'error: bad argument {qp} (see --help)')
    leaked = sum(hexkey in t for t in (shown, _qp_read(shown)))
    assert leaked == 0
    assert shown.startswith('error: bad argument ')


def test_key_value_logs_are_not_read_as_quoted_printable(monkeypatch):
    """``port=80`` has an escape's shape but can hold no key: such lines
    reach neither the quoted-printable reading nor the escape readings
    (each a pass of its own over every line of a log)."""
    read: list[str] = []
    monkeypatch.setattr(Scrubber, '_qp_read', lambda self, m: read.append(m.group()) or m.group(), raising=False)
    monkeypatch.setattr(Scrubber, '_rejoined', lambda self, line: read.append(line) or line)
    text = 'ts=1 level=2 port=80 retries=10 code=FF\nts=2 level=3 port=443 a=0A b=\nc\n'
    assert Scrubber().scrub(text) == text
    assert read == []


def test_a_line_with_an_equals_and_hex_keeps_it():
    text = 'set MODE=3D and x=FF, a=0A b=\nc'
    assert Scrubber().scrub(text) == text


@pytest.mark.parametrize('pack', ['gzip', 'zlib', 'zlib-url', 'zlib-cut'])
def test_a_key_compressed_in_base64_is_scrubbed_from_a_shown_line(pack):
    # The line ``baseline audit`` shows for a ``base64 gzip``/``base64
    # zlib`` finding (a Helm release, a signed cookie), the run never
    # having learnt the key: the value goes, and it was found by the engine.
    import base64
    import gzip
    import zlib

    from tests.cli_run import leaked

    payload = json.dumps({'together_api_key': KEY, 'pad': 'x' * 80}).encode()
    packed = gzip.compress(payload) if pack == 'gzip' else zlib.compress(payload)
    value = (base64.urlsafe_b64encode if pack == 'zlib-url' else base64.b64encode)(packed).decode()
    if pack == 'zlib-cut':
        value = value[:-12]  # the stream cut after the key: as far as it inflates
    line = f'Cookie: sessionid=.{value}:1tZkQx:sig'
    if pack != 'zlib-cut':
        assert [f.secret for f in scan_bytes(line.encode(), 'c.txt')] == [KEY]
    shown = Scrubber().scrub(line)
    assert value[:12] not in shown and value[-20:] not in shown, shown
    assert leaked([KEY], shown) == []
