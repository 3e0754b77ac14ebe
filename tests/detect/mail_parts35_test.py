"""A mail's base64 parts below its head (``prefilter.mail_b64_parts``): a
wrapped block is read whatever forms the screen finds only where it
starts among a file's first 16 lines, and a mail's attachment sits under
a long header (``Received:``, DKIM, ARC).  There a keyword's base64 form
cut by a line break hid a legacy key (6 alignments of 76 under a
30-line header, session 35, acc35); each part marked
``Content-Transfer-Encoding: base64`` is now read from its body as a
block at the head is, and the history's blob test and the hook's first
stage pass such a mail to the scan.  Decoys: a digest file attached the
same way, and a file that starts like a mail but holds no base64 part."""
from __future__ import annotations

import base64
import random

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import screen_needles
from together_hooks.detect.engine import keyword_screen
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.prefilter import Keywords
from together_hooks.findings import hash_secret
from together_hooks.rules import RULES

_rng = random.Random('mail-parts35')


def _mail(parts: list[tuple[str, str]], headers: int = 30, nl: str = '\n') -> bytes:
    """A multipart mail under ``headers`` ``Received:`` lines: each part a
    (file name, its text), attached as base64 wrapped at 76."""
    head = ''.join(f'Received: from mx{i}.example.com (mx{i}.example.com [192.0.2.{i}]) by mx.example.net\n'
                   for i in range(headers))
    out = (head + 'From: a@example.com\nTo: b@example.com\nSubject: env\nMIME-Version: 1.0\n'
           'Content-Type: multipart/mixed; boundary="XX"\n\n--XX\nContent-Type: text/plain\n\nattached\n')
    for name, text in parts:
        out += (f'--XX\nContent-Type: application/octet-stream; name="{name}"\n'
                f'Content-Transfer-Encoding: base64\n\n' + base64.encodebytes(text.encode()).decode())
    return (out + '--XX--\n').replace('\n', nl).encode()


def _flagged(data: bytes) -> bool:
    """The history's blob test (its one hyperscan pass too) and the hook's
    first stage alike."""
    def fresh() -> Keywords:
        return Keywords(screen_needles.NEEDLES, (screen_needles.KEYWORDS, screen_needles.PLAIN_ROUTES))
    return (keyword_screen(RULES).blob_test(len(data))(data) and fresh().blob_test(len(data))(data)
            and fresh().blob_test(1 << 30)(data))


def _found(data: bytes) -> list[str]:
    return [f.hashed_secret for f in scan_bytes(data, 'mail/env.eml')]


@pytest.mark.parametrize('nl', ['\n', '\r\n'])
def test_a_legacy_env_attached_under_a_long_header_is_found_at_every_alignment(nl):
    missed = []
    for pad in range(76):
        h = make_hex(_rng)
        data = _mail([('.env', 'A' * pad + f'\nTOGETHER_API_KEY={h}\n')], nl=nl)
        # (the blob tests, each screen made anew, where the form is cut:
        # 49-54 at 1c5f10cf, which missed these; and at every eighth)
        if _found(data) != [hash_secret(h)] or (49 <= pad <= 54 or pad % 8 == 0) and not _flagged(data):
            missed.append(pad)
    assert missed == []


def test_every_base64_part_is_read():
    """The key in the third attachment, its form cut (each alignment)."""
    from together_hooks.detect.prefilter import mail_b64_parts

    for pad in range(0, 76, 5):
        h = make_hex(_rng)
        data = _mail([('a.txt', 'hello\n' * 30), ('b.bin', 'x' * 200), ('.env', 'A' * pad + f'\nTOGETHER_API_KEY={h}\n')])
        assert _found(data) == [hash_secret(h)], pad
    assert len(mail_b64_parts(data)) == 3


def test_a_current_key_is_found_once():
    k = make_key(_rng)
    assert _found(_mail([('notes.txt', 'notes\n' * 40 + f'key: {k}\n')])) == [hash_secret(k)]


def test_a_digest_file_attached_the_same_way_stays_clean():
    for pad in range(0, 76, 3):
        data = _mail([('SHA256SUMS', 'A' * pad + f'\n{make_hex(_rng)}  together-0.2.4.tar.gz\n')])
        assert _found(data) == [], pad


@pytest.mark.parametrize('data', [
    b'Received: from mx\nSubject: hi\n\nno parts here, TOGETHER_API_KEY=$TOGETHER_API_KEY\n',
    b'X-Frame-Options: DENY\nContent-Transfer-Encoding: base64\n',  # no body after it
    b'# Received: notes\nContent-Transfer-Encoding: base64\n\nQUJD\n',  # no mail: a comment first
])
def test_what_holds_no_base64_part_below_a_mail_head_gives_none(data):
    from together_hooks.detect.prefilter import mail_b64_parts

    assert mail_b64_parts(data) == [] or data.startswith(b'Received')
    assert _found(data) == []


def test_the_fields_read_are_bounded():
    """A file of transfer-encoding fields with no empty line after them
    (or thousands of parts) is read in a bounded number of finds: at most
    ``MAIL_PARTS`` bodies, one search for each part header's end."""
    from together_hooks.detect.prefilter import MAIL_PARTS
    from together_hooks.detect.prefilter import mail_b64_parts

    assert mail_b64_parts(b'Received: x\n' + b'Content-Transfer-Encoding: base64\n' * 50000) == []
    many = b'Received: x\n' + b'Content-Transfer-Encoding: base64\n\nQUJD\n' * 1000
    assert len(mail_b64_parts(many)) == MAIL_PARTS
