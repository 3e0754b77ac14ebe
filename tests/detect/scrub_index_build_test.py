"""The pieces' index a run builds of every key it learns (``Scrubber.
_index_pieces``, ``_merge_pieces``: the per-finding cost of a scan's
report) is, byte for byte, the one its layout describes: for each form
but a URL's, a 64-bit entry (hash tag, form number, place) at every
``_PIECE - _GRAM + 1``-th place past ``tgp_v1_`` whose gram is no gram of
what the redaction shows, in buckets by the hash's low bits, sorted,
packed in the machine's order.  The reference below is the plain
statement of that (the code before the entries were packed inline and
the shown grams made once a key); the index, and so every scrub, must
not change when the build is made cheaper."""
from __future__ import annotations

import random
import sys

import pytest

from tests.cli_run import leaked
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import scrub as scrub_module
from together_hooks.detect.scrub import Scrubber


def _reference_index(scrubber: Scrubber) -> list[bytes | None]:
    m = scrub_module
    buckets: dict[int, list[int]] = {}
    # Each key's forms made once (once a form and key: 29,000 encodings
    # of 51 keys, 2 CPU-s a case); the first key holding a form, as before.
    forms = [(k, set(m._forms(k))) for k in scrubber._known]
    for number, form in enumerate(scrubber._form_ids):
        key = next(k for k, held in forms if form in held)
        ends = m._shown_forms(key)
        shown = {end[i:i + m._GRAM] for end in ends for i in range(len(end) - m._GRAM + 1)}
        first = 7 if form.startswith('tgp_v1_') else 0
        for at in range(first, min(len(form), m._MAX_AT) - m._GRAM + 1, m._PIECE - m._GRAM + 1):
            gram = form[at:at + m._GRAM]
            if gram not in shown:
                code = hash(gram)
                entry = (
                    ((code >> m._BUCKET_BITS) & m._TAG_MASK) << m._TAG_SHIFT
                    | (number & m._NUMBER_MASK) << m._AT_BITS | at
                )
                buckets.setdefault(code & (m._BUCKETS - 1), []).append(entry)
    index: list[bytes | None] = [None] * m._BUCKETS
    for bucket, entries in buckets.items():
        index[bucket] = b''.join(e.to_bytes(8, sys.byteorder) for e in sorted(entries))
    return index


def _keys(seed: int) -> list[str]:
    rng = random.Random(seed)
    keys = [make_key(rng) for _ in range(40)] + [make_hex(rng) for _ in range(10)]
    keys.append(make_key(rng, last='-'))
    return keys


@pytest.mark.parametrize('batch', [1024, 7])  # one batch; many, merged into full buckets
def test_index_is_the_reference_byte_for_byte(monkeypatch, batch):
    monkeypatch.setattr(scrub_module, '_BATCH', batch)
    keys = _keys(batch)
    scrubber = Scrubber()
    scrubber._environ_read = True  # only these keys, whatever the environment holds
    scrubber.learn(keys[:30])
    scrubber._known_forms()
    scrubber.learn(keys[30:])  # a second learning merges into buckets already packed
    scrubber._known_forms()
    assert scrubber._form_ids, 'nothing indexed'
    # A URL form is never indexed; every other form is, once.
    assert len(set(scrubber._form_ids)) == len(scrubber._form_ids)
    assert scrubber._grams == _reference_index(scrubber)


def test_pieces_of_many_keys_are_scrubbed_from_the_index():
    keys = _keys(5)
    scrubber = Scrubber()
    scrubber._environ_read = True
    scrubber.learn(keys)
    text = '\n'.join(f'cut {k[9:30]} whole {k} tail {k[-12:]}' for k in keys)
    out = scrubber.scrub(text)
    assert leaked(keys, out) == []
    assert out.count('\n') == text.count('\n')
