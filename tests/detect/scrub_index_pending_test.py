"""A run that learns a key and then shows a line, again and again (the
detect-secrets plugin learns each key it reports, and prints it) merges
the pieces' index once a batch (``_BATCH``), not once each line shown: the
entries of the keys learnt since wait in ``Scrubber._pending``, and
``_places_of`` reads them beside the packed buckets, in the order a merged
bucket holds them.  Merged each line, every bucket was sorted again each
key: ``bench/complexity.py``'s ``learn-a-key-a-line`` grew 9.4x for 4x the
keys.  Counted here in entries handled, not timed."""
from __future__ import annotations

import random

from tests.cli_run import leaked
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import scrub as scrub_module
from together_hooks.detect.scrub import Scrubber


def _keys(seed: str, n: int) -> list[str]:
    rng = random.Random(seed)
    return [make_key(rng) if i % 5 else make_hex(rng) for i in range(n)]


def _index_of(scrubber: Scrubber) -> list[bytes | None]:
    # The packed buckets without merging what waits (the attribute's name
    # before the pending entries was ``_grams``).
    index = getattr(scrubber, '_index', None)
    return scrubber._grams if index is None else index


def test_learning_a_key_a_line_merges_each_entry_a_few_times(monkeypatch):
    handled = [0]
    real = Scrubber._merge_pieces

    def counted(self, added):
        index = _index_of(self)
        for bucket, entries in added.items():
            held = index[bucket] if index else None
            handled[0] += len(entries) + (len(held) // 8 if held else 0)
        return real(self, added)

    monkeypatch.setattr(Scrubber, '_merge_pieces', counted)
    scrubber = Scrubber()
    scrubber._environ_read = True  # only these keys, whatever the environment holds
    for key in _keys('a key a line', 150):
        scrubber.learn([key])
        assert scrubber.scrub('Secret Type: Together AI API key\n') == 'Secret Type: Together AI API key\n'
    entries = sum(len(packed) // 8 for packed in scrubber._grams if packed)
    assert entries > 150 * 50, entries
    # Each entry sorted into its bucket about once (the last merge, made
    # by reading ``_grams``, included); once a line, 75 times on average.
    assert handled[0] <= 2 * entries, (handled[0], entries)


def test_pieces_of_keys_still_pending_are_redacted_as_when_merged():
    keys = _keys('pending pieces', 30)
    rng = random.Random(7)
    waiting = Scrubber()
    merged = Scrubber()
    for scrubber in (waiting, merged):
        scrubber._environ_read = True
    lines = []
    for i in range(0, len(keys), 3):
        batch = keys[i:i + 3]
        for scrubber in (waiting, merged):
            scrubber.learn(batch)
            scrubber._known_forms()
        merged._grams  # every entry merged: what the index held before
        for key in keys[:i + 3]:
            forms = [f for f, kind in scrub_module._forms(key).items() if kind != 'url']
            form = rng.choice(forms)
            at = rng.randrange(len(form) - 12)
            lines.append(f'cut x{form[at:at + 12]}y whole {key} ')
        text = '\n'.join(lines)
        assert waiting._pending, 'nothing waits: the test reads no pending entry'
        shown = waiting.scrub(text)
        assert shown == merged.scrub(text)
        assert leaked(keys, shown) == []
