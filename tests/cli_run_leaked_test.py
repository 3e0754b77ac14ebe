"""``cli_run.leaked`` slides only over runs of the forms' characters; its
answer is the one of sliding over every window of the whole output (the
reference below, the helper as it was): keys whole, cut, at the text's
edges, base64 at each alignment, percent-encoded, legacy hex in either
case, among prose and among other keys' pieces."""
from __future__ import annotations

import base64
import random
from urllib.parse import quote

import pytest

from tests.cli_run import _forms
from tests.cli_run import leaked
from tests.cli_run import LEAK_RUN
from tests.cli_run import readings
from tests.keys import make_hex
from tests.keys import make_key


def _reference(keys: list[str], *texts: str) -> list[int]:
    runs: dict[str, int] = {}
    for i, key in enumerate(keys):
        for form in _forms(key):
            for start in range(len(form) - LEAK_RUN + 1):
                runs.setdefault(form[start:start + LEAK_RUN], i)
    found: set[int] = set()
    blob = '\n'.join(texts)
    for text in readings(blob):
        for start in range(len(text) - LEAK_RUN + 1):
            i = runs.get(text[start:start + LEAK_RUN])
            if i is not None:
                found.add(i)
    return sorted(found)


_RNG = random.Random(1610)
KEYS = [make_key(_RNG) for _ in range(3)] + [make_key(_RNG, last='-'), make_hex(_RNG)]
K, L, M, D, H = KEYS


def _b64(key: str, shift: int, urlsafe: bool = False) -> str:
    codec = base64.urlsafe_b64encode if urlsafe else base64.b64encode
    return codec(('x' * shift + key).encode()).decode()


@pytest.mark.parametrize('texts, expected', [
    ((K,), [0]),  # whole, alone: both edges
    (('see ' + K + '.',), [0]),
    ((K[7:7 + LEAK_RUN],), [0]),  # the shortest piece, at both edges
    ((K[7:7 + LEAK_RUN - 1],), []),  # one short
    (('a ' + K[:20], K[20:] + ' b'), [0]),  # cut across two texts: the tail still a run
    ((K[7:20] + '\n' + K[20:35],), []),  # cut into runs shorter than LEAK_RUN
    (('redacted tgp_v1_Ab…yz and prose of many words ' * 20,), []),
    ((_b64(L, 0), _b64(L, 1), _b64(L, 2)), [1]),
    ((_b64(M, 1, urlsafe=True),), [2]),
    ((quote(M[10:40], safe=''),), [2]),  # nothing to quote in a key: as raw
    (('%' + '%'.join('%02X' % ord(c) for c in D[7:30]),), [3]),  # every character escaped
    ((D[-20:],), [3]),  # ends in '-'
    ((H.upper(),), [4]),
    (('sha ' + H[:40] + ' and ' + K[36:] + L[7:20],), [4]),  # hex piece; two short pieces glued
    (('\n'.join(k[7:30] for k in KEYS),), [0, 1, 2, 3, 4]),
    (('+/' * 40 + K[9:40] + '==' + '-_' * 30,), [0]),  # inside a long run of form characters
    # Written by codes: JSON's \u escapes, git's octal quoting, \x escapes, hex.
    ((''.join('\\u%04x' % ord(c) for c in K[10:30]),), [0]),
    (('"' + ''.join('\\%03o' % ord(c) for c in L) + '"',), [1]),
    (("$'" + ''.join('\\x%02x' % ord(c) for c in M[7:30]) + "'",), [2]),
    ((D.encode().hex(), H.encode().hex().upper()), [3, 4]),
    (('\\u00' + K[7:30],), [0]),  # an escape's tail is not all a reader sees
])
def test_leaked_agrees_with_every_window(texts, expected):
    assert _reference(KEYS, *texts) == expected
    assert leaked(KEYS, *texts) == expected


def test_leaked_agrees_on_random_outputs():
    rng = random.Random(16)
    alphabet = 'Ab9+/_-=%. \n\\"' + 'abcdef0123456789'
    for _ in range(300):
        parts = []
        for _ in range(rng.randrange(1, 6)):
            key = rng.choice(KEYS)
            kind = rng.randrange(4)
            piece = (
                key if kind == 0 else _b64(key, rng.randrange(3), rng.random() < 0.5) if kind == 1
                else quote(key[rng.randrange(40):], safe='') if kind == 2
                else key[rng.randrange(50):][:rng.randrange(10, 30)]
            )
            parts.append(''.join(rng.choice(alphabet) for _ in range(rng.randrange(8))) + piece)
        text = ''.join(parts)
        assert leaked(KEYS, text) == _reference(KEYS, text), text


def test_an_index_added_to_key_by_key_answers_as_leaked_does():
    """``LeakIndex``, added to as keys are made (``hardening_test``'s
    check after every test), answers what ``leaked`` answers of all the
    keys at once, each key at its place in the order added: a key added
    later is found, and one added before stays found."""
    from tests.cli_run import LeakIndex

    index = LeakIndex()
    for n, key in enumerate(KEYS):
        index.add([key])
        for shown in KEYS:
            text = 'see ' + shown[7:7 + LEAK_RUN + 3] + ' and prose'
            assert index.find(text) == ([KEYS.index(shown)] if KEYS.index(shown) <= n else []), (n, shown[:9])
    everything = '\n'.join(k[7:30] for k in KEYS)
    assert index.find(everything) == leaked(KEYS, everything) == [0, 1, 2, 3, 4]
