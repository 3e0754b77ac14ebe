"""The pieces pass's filter of indexed grams (``Scrubber._seen``) is sized
by the places indexed, not 2 MB whatever the keys known: a report of a
few keys touched every page of it (~1.4 ms of page faults in a fresh
process, docs/performance.md).  It grows as keys are learnt, and every
gram indexed before keeps its bit, whether its entry waits or is merged."""
from __future__ import annotations

import random

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import scrub as scrub_module
from together_hooks.detect.scrub import Scrubber


def _scrubber() -> Scrubber:
    scrubber = Scrubber()
    scrubber._environ_read = True  # only the keys given, whatever the environment holds
    return scrubber


def _unset_grams(scrubber: Scrubber) -> list[str]:
    """The indexed grams whose bit is not set (every entry merged first)."""
    seen = scrubber._seen
    mask = (len(seen) << 3) - 1
    unset = []
    for packed in scrubber._grams:
        if packed is None:
            continue
        for entry in memoryview(packed).cast('Q'):
            form = scrubber._form_ids[(entry >> scrub_module._AT_BITS) & scrub_module._NUMBER_MASK]
            at = entry & (scrub_module._MAX_AT - 1)
            bit = hash(form[at:at + scrub_module._GRAM]) & mask
            if not seen[bit >> 3] >> (bit & 7) & 1:
                unset.append(form[at:at + scrub_module._GRAM])
    return unset


def test_a_report_of_few_keys_keeps_a_small_filter():
    rng = random.Random(2701)
    scrubber = _scrubber()
    scrubber.learn([make_key(rng) for _ in range(12)] + [make_hex(rng) for _ in range(3)])
    scrubber._known_forms()
    # 15 keys, ~5,000 places: 256 KB at most (it was 2 MB, all of it touched).
    assert 0 < len(scrubber._seen) <= 1 << 18, len(scrubber._seen)
    assert _unset_grams(scrubber) == []


def test_every_gram_keeps_its_bit_as_the_filter_grows():
    rng = random.Random(2702)
    scrubber = _scrubber()
    keys = []
    sizes = set()
    for round_ in range(40):
        batch = [make_key(rng) for _ in range(rng.randint(1, 12))] + [make_hex(rng)]
        keys += batch
        scrubber.learn(batch)
        scrubber._known_forms()
        if round_ % 3 == 0:
            scrubber._grams  # noqa: B018 (the entries merged: the filter regrown from packed buckets too)
        sizes.add(len(scrubber._seen))
    assert len(sizes) >= 3, sizes  # it grew, more than once
    assert _unset_grams(scrubber) == []
    # A piece of the first key learnt, glued into a run, is still redacted.
    first = keys[0]
    for piece in (first[7:20], first[-12:], first[20:29]):
        line = f'  "uri": "zz{piece}qq",'
        shown = scrubber._pieces_out(line)
        assert piece not in shown, (piece, shown)
