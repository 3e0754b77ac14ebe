"""A key in a mail header's MIME encoded-word, Q encoding (RFC 2047:
``=?UTF-8?Q?…?=``, ``_`` for a space, ``=5F`` for an underscore), as
``email.header`` and mail clients write a subject with non-ASCII text or
a long word (``codec.escapes_view``)."""
from __future__ import annotations

import quopri
import random
from email.header import Header

import pytest

from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret


@pytest.mark.parametrize('charset', ['UTF-8', 'utf-8', 'iso-8859-1'])
def test_a_key_in_a_q_encoded_word_is_found(charset):
    key = make_key(random.Random(f'q-word-{charset}'))
    # (quopri's soft line breaks are no part of an encoded-word)
    body = quopri.encodestring(f'new Together key {key}'.encode(), header=True).decode().replace('=\n', '')
    assert '=5F' in body and '_key_' in body  # the spaces are underscores, glued to the key
    mail = f'From: ops@example.com\nSubject: =?{charset}?{"q" if charset.islower() else "Q"}?{body}?=\n\nhi\n'
    found = scan_bytes(mail.encode(), 'rotate.eml')
    assert [(f.line, f.hashed_secret) for f in found] == [(2, hash_secret(key))]


def test_email_header_s_own_q_word_is_read():
    key = make_key(random.Random('q-word-email'))
    subject = Header(f'clé Together: {key}', 'utf-8').encode()  # non-ASCII: a Q or B word
    found = scan_bytes(f'Subject: {subject}\n'.encode(), 'a.eml')
    assert [f.hashed_secret for f in found] == [hash_secret(key)]


def test_a_q_word_of_a_placeholder_is_no_key():
    body = quopri.encodestring(('key tgp_v1_' + 'x' * 43).encode(), header=True).decode().replace('=\n', '')
    assert scan_bytes(f'Subject: =?UTF-8?Q?{body}?=\n'.encode(), 'a.eml') == []


def test_a_soft_line_break_in_a_key_is_undone_where_nothing_says_quoted_printable():
    # quopri cuts a long line at column 76 with ``=\n``: a JSON line with
    # no ``=3D`` and no header, the cut at each place of the key (its
    # prefix too).  A key's run glued to other text by a break is none.
    rng = random.Random('qp-key-cuts')
    keys, body = [], b''
    for cut in range(1, 50):
        key = make_key(rng)
        keys.append(key)
        body += f'{{"together": {{"api_key": "{key[:cut]}=\n{key[cut:]}"}}}}\n'.encode()
    found = scan_bytes(body, 'export.jsonl')
    assert [(f.line, f.hashed_secret) for f in found] == [
        (2 * i + 1, hash_secret(key)) for i, key in enumerate(keys)
    ]
    glued = make_key(rng)
    assert scan_bytes(f'TOGETHER_API_KEY={glued[:30]}=\n{glued[30:]}x\n'.encode(), 'a.txt') == []
