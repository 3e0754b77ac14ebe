"""A PDF whose streams are zlib data written as ASCII85 (``/Filter
[/ASCII85Decode /FlateDecode]``: Ghostscript's ``-dASCII85EncodePages``,
PostScript-minded writers): each such stream is decoded to ASCII85's end
mark ``~>``, inflated and scanned as a member (``notes.pdf!obj 4``), as a
plain ``/FlateDecode`` stream is.  The page is fpdf2's; its deflated
stream is re-encoded as such a writer encodes it."""
from __future__ import annotations

import base64
import random
import re
import zlib

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.findings import hash_secret
from together_hooks.pipeline import Scanner
from together_hooks.sources.content import Content

_rng = random.Random('pdf-a85')
_FLATE = re.compile(rb'<<\n/Filter /FlateDecode\n/Length (\d+)\n>>\nstream\n')


def found(data: bytes, path: str) -> list[tuple[str, str]]:
    return sorted((f.path, f.hashed_secret) for f in Scanner().scan_one(Content(path, data)))


def _a85_pdf(*lines: str, filters: bytes = b'/Filter [/ASCII85Decode /FlateDecode]') -> bytes:
    """fpdf2's PDF of ``lines``, each deflated stream written as ASCII85
    lines of 75 characters ended by ``~>`` under ``filters``."""
    fpdf = pytest.importorskip('fpdf')
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font('helvetica', size=10)
    for line in lines:
        pdf.cell(text=line)
        pdf.ln()
    data = bytes(pdf.output())

    def a85(m: re.Match[bytes]) -> bytes:
        start = m.end()
        raw = data[start:start + int(m.group(1))]
        zlib.decompress(raw)  # it is zlib data
        text = base64.a85encode(raw, wrapcol=75, adobe=True)[2:]
        return b'<<\n%s\n/Length %d\n>>\nstream\n%s' % (filters, len(text), text)

    out, at = [], 0
    for m in _FLATE.finditer(data):
        out += [data[at:m.start()], a85(m)]
        at = m.end() + int(m.group(1))
    assert out, 'fpdf2 wrote no deflated stream'
    return b''.join(out) + data[at:]


def test_a_key_in_an_ascii85_flate_page_is_found():
    key = make_key(_rng)
    data = _a85_pdf('Staging config:', f'TOGETHER_API_KEY={key}')
    assert b'FlateDecode]' in data and b'~>' in data
    [(path, hashed)] = found(data, 'notes.pdf')
    assert re.fullmatch(r'notes\.pdf!obj [0-9]+', path)
    assert hashed == hash_secret(key)


def test_a_legacy_key_with_its_context_is_found():
    h = make_hex(_rng)
    data = _a85_pdf(f'together_api_key: {h}')
    assert [s for _p, s in found(data, 'legacy.pdf')] == [hash_secret(h)]


def test_the_short_filter_names_are_read():
    key = make_key(_rng)
    data = _a85_pdf(f'TOGETHER_API_KEY={key}', filters=b'/Filter[/A85/Fl]')
    assert [s for _p, s in found(data, 'short.pdf')] == [hash_secret(key)]


def test_an_ascii85_stream_that_does_not_decode_is_passed_over():
    key = make_key(_rng)
    bad = b'1 0 obj\n<< /Filter [/ASCII85Decode /FlateDecode] >>\nstream\nvvvv~>\nendstream\nendobj\n'
    good = _a85_pdf(f'TOGETHER_API_KEY={key}')
    data = good.replace(b'%PDF-1.3\n', b'%PDF-1.3\n' + bad, 1)
    assert data != good
    assert [s for _p, s in found(data, 'x.pdf')] == [hash_secret(key)]


def test_an_ascii85_stream_without_its_end_mark_is_no_error():
    data = b'%PDF-1.4\n1 0 obj\n<< /Filter [/ASCII85Decode /FlateDecode] >>\nstream\n' + b'GhQ' * 100
    assert found(data, 'cut.pdf') == []



def test_a_long_ascii85_stream_is_read_as_it_streams():
    # A key past 1 MB of the page's text (some 300 KB of ASCII85 lines):
    # decoded group by group as the file streams, never held whole.
    key = make_key(_rng)
    filler = b''.join(b'BT (%d %s) Tj ET\n' % (i, _rng.randbytes(6).hex().encode()) for i in range(40000))
    content = filler + f'BT (TOGETHER_API_KEY={key}) Tj ET\n'.encode()
    text = base64.a85encode(zlib.compress(content), wrapcol=75, adobe=True)[2:]
    assert len(text) > 1 << 18
    data = (b'%%PDF-1.4\n4 0 obj\n<< /Filter [/ASCII85Decode /FlateDecode] /Length %d >>\nstream\n' % len(text)
            + text + b'\nendstream\nendobj\n%%EOF\n')
    assert found(data, 'long.pdf') == [('long.pdf!obj 4', hash_secret(key))]


def test_an_ascii85_image_is_not_decoded():
    key = make_key(_rng)
    text = base64.a85encode(zlib.compress(f'TOGETHER_API_KEY={key}'.encode()), adobe=True)[2:]
    data = (b'%PDF-1.4\n5 0 obj\n<< /Type /XObject /Subtype /Image /Filter [/ASCII85Decode /FlateDecode] >>\n'
            b'stream\n' + text + b'\nendstream\nendobj\n%%EOF\n')
    assert found(data, 'scan.pdf') == []
