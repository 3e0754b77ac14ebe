"""A quoted-printable mail body is decoded whole and read one level down
(``engine._qp_body_hits``, ``codec.qp_view``) when the screen found a
keyword's base64 form: a base64 value or a ``data:`` URI that the
encoder's soft line breaks cut at 76 columns is read whole, its key
found.  Bytes that do not say they are quoted-printable are not decoded
so (a base64 value ending ``=`` at a line's end is its padding)."""
from __future__ import annotations

import base64
import email.message
import email.policy
import random

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.codec import qp_view
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret


def _env(key: str) -> bytes:
    return f'APP_ENV=production\nTOGETHER_API_KEY={key}\nLOG_LEVEL=info\n'.encode()


def _mail(body: str, subtype: str) -> bytes:
    msg = email.message.EmailMessage(policy=email.policy.SMTP)
    msg['From'] = 'dev@example.com'
    msg['Subject'] = 'staging env'
    msg.set_content(body, subtype=subtype, cte='quoted-printable')
    return msg.as_bytes()


def test_a_data_uri_in_a_qp_html_mail_is_read():
    key = make_key(random.Random('qp-html'))
    html = f'<p>Config:</p><a href="data:text/plain;base64,{base64.b64encode(_env(key)).decode()}">.env</a>'
    data = _mail(html, 'html')
    assert b'=\r\n' in data
    assert [f.hashed_secret for f in scan_bytes(data, 'mail/env.eml')] == [hash_secret(key)]


def test_a_base64_value_in_a_qp_text_mail_is_read():
    h = make_hex(random.Random('qp-text'))
    text = f'Paste this into the vault, it is the old env:\n\nENV_B64={base64.b64encode(_env(h)).decode()}\n'
    data = _mail(text, 'plain')
    assert [f.hashed_secret for f in scan_bytes(data, 'mail/legacy.eml')] == [hash_secret(h)]


def test_bytes_not_saying_they_are_qp_are_not_decoded_so():
    lines = b'A=\nB=\n'
    assert qp_view(lines) is None
    assert qp_view(b'Content-Transfer-Encoding: quoted-printable\n\n' + lines) is not None
