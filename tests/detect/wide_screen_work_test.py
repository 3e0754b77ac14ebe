"""``widetext.holds_wide`` (does a binary hold a keyword in UTF-16 or
UTF-32?) searches for a form only where the bytes hold its first
character: work counted, not timed.  A form's own NULs defeat ``find``'s
skip, so each search stepped a byte at a time through a run of NULs:
the ten forms cost 0.06 CPU-s a MB of a sparse file's hole or a
compression bomb's zeros (``tests/memory_test.py``'s 600 MB hole, the
bomb tests' 256 MB), 16 of a 256 MB hole's 17 CPU-s.  And every answer
is the one searching for each form gives."""
from __future__ import annotations

import random

import pytest

from together_hooks.detect.widetext import holds_wide
from together_hooks.detect.widetext import wide_forms
from together_hooks.rules import RULES

FORMS = wide_forms(k for rule in RULES for k in rule.keywords)


class Counted(bytes):
    """Bytes counting what searches for more than one byte read (a
    search for one byte, or an int, is ``memchr``: a pass at memory
    speed)."""

    read = 0

    def find(self, sub, *args):  # type: ignore[no-untyped-def,override]
        if not isinstance(sub, int) and len(sub) > 1:
            self.read += len(self)
        return bytes.find(self, sub, *args)

    def __contains__(self, sub):  # type: ignore[no-untyped-def,override]
        if not isinstance(sub, int) and len(sub) > 1:
            self.read += len(self)
        return bytes.__contains__(self, sub)


@pytest.mark.parametrize('filler', (
    pytest.param(bytes(1 << 20), id='hole'),
    pytest.param(b'\0\0\0\x01' * (1 << 18), id='counts'),
    pytest.param(b'\xff\0' * (1 << 19), id='high-bytes'),
))
def test_bytes_without_a_forms_first_character_are_not_searched_for_it(filler):
    data = Counted(filler)
    assert holds_wide(data, FORMS) is False
    assert data.read == 0


def test_a_form_is_searched_for_only_where_its_characters_are():
    # A window of a sparse file holding one line of text: only forms
    # whose first character is in it are looked for, each once.
    line = b'\nOTHER=1\n'
    data = Counted(bytes(1 << 19) + line + bytes(1 << 19))
    assert holds_wide(data, FORMS) is False
    searched = [f for f in FORMS if f[:1] in line]
    assert 0 < len(searched) < len(FORMS)
    assert data.read == len(searched) * len(data)


def _pieces(rng: random.Random) -> bytes:
    form = rng.choice(FORMS)
    return rng.choice((
        bytes(rng.randrange(64)),
        form,
        form[:rng.randrange(1, len(form))],  # a form cut short
        form[rng.randrange(1, len(form)):],
        form.replace(b'\0', b''),  # its characters, narrow
        rng.randbytes(rng.randrange(16)),
        b'\0'.join(bytes((c,)) for c in rng.sample(sorted(set(b''.join(FORMS)) - {0}), 4)),
    ))


def test_every_answer_is_the_one_a_search_for_each_form_gives():
    rng = random.Random('holds_wide')
    held = 0
    for _ in range(3000):
        data = b''.join(_pieces(rng) for _ in range(rng.randrange(1, 6)))
        want = any(data.find(form) != -1 for form in FORMS)
        assert holds_wide(data, FORMS) is want, data
        held += want
    assert 300 < held < 2700, held
