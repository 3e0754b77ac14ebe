"""``widetext.holds_wide`` (does a binary hold a keyword in UTF-16 or
UTF-32?) skips runs of NULs (``detect/wide_nul_runs_test.py`` counts
that work): every answer is the one searching for each form gives, on
mixes of forms, forms cut short, their narrow characters and NULs."""
from __future__ import annotations

import random

from together_hooks.detect.widetext import holds_wide
from together_hooks.detect.widetext import wide_forms
from together_hooks.rules import RULES

FORMS = wide_forms(k for rule in RULES for k in rule.keywords)


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
