"""A PDF written as base64 (a mail's attachment, a JSON value) is opened
as a PDF file is: its base64 form ``JVBERi0`` (``%PDF-``) is one of the
containers' magics in base64 (``prefilter.B64_MAGIC``), so the decoded
bytes go to the PDF reader (``engine._packed_hits``).  PDFs written by
fpdf2 (deflated page streams)."""
from __future__ import annotations

import base64
import json
import random

import fpdf

from together_hooks.detect.engine import scan_bytes
from tests.keys import make_hex
from tests.keys import make_key


def _pdf(lines: list[str]) -> bytes:
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font('Helvetica', size=9)
    for line in lines:
        pdf.cell(0, 6, line, new_x='LMARGIN', new_y='NEXT')
    return bytes(pdf.output())


def _mail(attachment: bytes) -> bytes:
    # The attachment under a mail's header, past the head a wrapped block
    # is told in: only the magic's form leads to it.
    head = ''.join(f'X-Header-{n}: value {n}\n' for n in range(20))
    return (
        f'From: ops@example.com\nTo: dev@example.com\nSubject: slides\n{head}MIME-Version: 1.0\n'
        'Content-Type: multipart/mixed; boundary="==b1"\n\n'
        '--==b1\nContent-Type: text/plain\n\nSlides attached.\n'
        '--==b1\nContent-Type: application/pdf; name="onboarding.pdf"\n'
        'Content-Transfer-Encoding: base64\n\n'
    ).encode() + base64.encodebytes(attachment) + b'--==b1--\n'


def _json(attachment: bytes) -> bytes:
    return json.dumps({'name': 'onboarding.pdf', 'content': base64.b64encode(attachment).decode()}).encode()


def test_a_pdf_in_base64_is_read_as_a_pdf() -> None:
    rng = random.Random('wrap34-pdf')
    for wrap in (_mail, _json):
        key = make_key(rng)
        current = _pdf(['Onboarding: LLM gateway', 'Staging credentials:', key])
        assert [f.secret for f in scan_bytes(wrap(current), 'mail/pdf.eml')] == [key], wrap
        hexkey = make_hex(rng)
        legacy = _pdf(['Runbook', f'TOGETHER_API_KEY={hexkey}', 'Endpoint: https://api.together.xyz/v1'])
        assert [f.secret for f in scan_bytes(wrap(legacy), 'mail/pdf.eml')] == [hexkey], wrap


def test_decoys_in_base64_pdfs() -> None:
    rng = random.Random('wrap34-pdf-decoys')
    digest = _pdf(['Release 1.3.0 of the together package', f'together-1.3.0.tar.gz sha256 {make_hex(rng)}',
                   'TOGETHER_API_KEY: read from the vault, never written here'])
    # Bytes that start as a PDF and are none: no key, no error.
    broken = b'%PDF-1.7\n1 0 obj << /Length 40 /Filter /FlateDecode >>\nstream\n' + rng.randbytes(40)
    for attachment in (digest, broken, b'%PDF-1.4\n' + rng.randbytes(3000)):
        for wrap in (_mail, _json):
            assert scan_bytes(wrap(attachment), 'mail/pdf.eml') == []
