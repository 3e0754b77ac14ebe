"""A key in a mail header cut into RFC 2047 encoded-words, the cut at
every place of the key (and its name cut too, as ``email.header`` cuts
a long subject): each run of adjacent words is decoded and joined before
it is read, once: a ``=XX`` in the decoded text is text
(``together_api_key=3D86…`` is ``=86…``, which the quoted-printable step
must not decode again), for current and legacy keys
(``codec.escapes_view``)."""
from __future__ import annotations

import email.charset
import email.header
import email.message
import email.base64mime
import email.quoprimime
import json
import random

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret

_ENCODE = {'B': email.base64mime.header_encode, 'Q': email.quoprimime.header_encode}
_SUBJECTS = {
    # (legacy keys need a Together name beside them: docs/detection.md)
    'hex': 'Ancienne clé Together (héritée){pad} : together_api_key={key}',
    'key': 'Clé Together{pad} — TOGETHER_API_KEY={key} (à tourner)',
}


def _subject_words(text: str, cuts: list[int], encoding: str) -> str:
    """``text`` as encoded-words cut at ``cuts``, folded as a header is."""
    at = [0, *cuts, len(text)]
    return '\n '.join(_ENCODE[encoding](text[a:b].encode(), 'utf-8') for a, b in zip(at, at[1:]))


def _missed(kind: str, encoding: str) -> list[int]:
    """The places of the key where a cut hides it."""
    rng = random.Random(f'mime-words-cut-{kind}-{encoding}')
    missed = []
    size = 64 if kind == 'hex' else 50
    for cut in range(1, size):
        key = make_key(rng) if kind == 'key' else make_hex(rng)
        text = _SUBJECTS[kind].format(pad='', key=key)
        name = text.lower().index('together_api_key')
        words = _subject_words(text, [name + 2, text.index(key) + cut], encoding)
        mail = f'From: dev@example.com\nSubject: {words}\n\nsee subject\n'.encode()
        if hash_secret(key) not in {f.hashed_secret for f in scan_bytes(mail, 'subject.eml')}:
            missed.append(cut)
    return missed


@pytest.mark.parametrize('encoding', sorted(_ENCODE))
@pytest.mark.parametrize('kind', sorted(_SUBJECTS))
def test_a_key_cut_into_encoded_words_anywhere_is_found(kind, encoding):
    assert _missed(kind, encoding) == []


def _mail(subject: str, encoding: int) -> bytes:
    charset = email.charset.Charset('utf-8')
    charset.header_encoding = encoding
    msg = email.message.Message()
    msg['From'] = 'dev@example.com'
    msg['Subject'] = email.header.Header(subject, charset, maxlinelen=76, header_name='Subject')
    msg.set_payload('see subject\n')
    return msg.as_bytes()


@pytest.mark.parametrize('kind', sorted(_SUBJECTS))
def test_email_header_s_own_cuts_are_read(kind):
    """As ``email.header`` writes the subject, the key moved a character
    at a time past its cuts."""
    rng = random.Random(f'mime-words-email-{kind}')
    missed = []
    for pad in range(64):
        key = make_key(rng) if kind == 'key' else make_hex(rng)
        mail = _mail(_SUBJECTS[kind].format(pad=' ' + 'x' * pad, key=key), email.charset.QP)
        if hash_secret(key) not in {f.hashed_secret for f in scan_bytes(mail, 'subject.eml')}:
            missed.append(pad)
    assert missed == []



def test_a_mail_held_in_json_is_read_through_its_escapes_once():
    """A raw mail in a JSON export, its header's folds escaped
    (``\\r\\n``): only the escapes reading joins its Q words, and it
    decodes them once (a legacy key whose first two characters are digits
    follows the name's ``=3D``: ``=86…`` is text, no byte)."""
    rng = random.Random('mime-words-json')
    keys, rows = [], []
    for _ in range(8):
        key = '86' + make_hex(rng)[2:]  # (its first two digits)
        keys.append(key)
        text = _SUBJECTS['hex'].format(pad='', key=key)
        words = _subject_words(text, [text.index('together_api_key') + 2, text.index(key) + 20], 'Q')
        raw = f'From: dev@example.com\r\nSubject: {words}\r\n\r\nhi\r\n'.replace('\n ', '\r\n ')
        rows.append(json.dumps({'raw': raw}))
    found = scan_bytes('\n'.join(rows).encode() + b'\n', 'export.jsonl')
    assert [(f.line, f.hashed_secret) for f in found] == [(i + 1, hash_secret(k)) for i, k in enumerate(keys)]
