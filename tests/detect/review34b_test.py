"""Session 34 review (review34b) of four late changes: what holds.

Each attack was run on the merged code; the one that did not hold (a key
cut by spaces in its lower-case tail, printed whole by leak34's prose
rule) holds again: the rule was taken out (docs/hardening.md, "Session 34
(review34b)")."""
from __future__ import annotations

import base64
import random

import pytest

from tests.keys import KEY_ALPHABET
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.scrub import Scrubber

_LOWER = 'abcdefghijklmnopqrstuvwxyz'


def _body(rng: random.Random, n: int) -> str:
    return ''.join(rng.choice(KEY_ALPHABET) for _ in range(n))


@pytest.mark.parametrize('masked', ['tail', 'all-but-4', 'zeros'])
def test_masked_keys_in_docs_stay_unreported(masked):
    """ph34 loosened the placeholder test: a key masked past its first
    characters (as docs and fixtures write one) is still no key."""
    rng = random.Random('review34b-mask')
    shown = {'tail': 8, 'all-but-4': 4, 'zeros': 6}[masked]
    fill = '0' if masked == 'zeros' else 'x'
    key = 'tgp_v1_' + _body(rng, shown) + fill * (43 - shown)
    for line in (f'TOGETHER_API_KEY="{key}"\n', f'api_key = "{key}"  # together\n'):
        assert scan_bytes(line.encode(), 'README.md') == []
    # Beside them, a real key in the same lines is reported.
    real = make_key(rng)
    assert len(scan_bytes(f'TOGETHER_API_KEY="{real}"\n'.encode(), 'README.md')) == 1


def test_a_key_beside_a_placeholder_is_never_shown_whole():
    """leak34's ``_plain_placeholder`` shows a run of few kinds whole: a
    key glued after one, or next to one, is still redacted."""
    rng = random.Random('review34b-glued')
    key = make_key(rng)
    for text in ('tgp_v1_' + 'x' * 10 + key, 'tgp_v1_' + 'x' * 43 + ' ' + key,
                 'tgp_v1_' + 'x' * 43 + '\\n' + key, 'tgp_v1_' + 'x' * 43 + key[7:],
                 f'{key} is not a commit in this repository'):
        out = Scrubber().scrub(text)
        assert key[7:] not in out.replace(' ', ''), out


def test_a_key_cut_by_spaces_in_a_lower_case_tail_is_not_shown_whole():
    """A key whose last 14 characters are lower-case letters (about one key
    in 300,000), cut by spaces twice there: ``_prose_after`` reads the
    pieces as an error's words and the whole key is printed."""
    rng = random.Random('review34b-scrub')
    key = make_key(rng)[:36] + ''.join(rng.choice(_LOWER) for _ in range(14))
    out = Scrubber().scrub(f'fatal: {key[:36]} {key[36:43]} {key[43:]} is not a commit')
    assert key not in out.replace(' ', ''), out


def test_basic_credentials_to_another_host_are_no_key():
    """ctx34 judges decoded Basic credentials in place: a hex password
    sent to another host is no key though the log names Together
    elsewhere; the same sent to Together's endpoint is one."""
    rng = random.Random('review34b-ctx')
    hexkey = make_hex(rng)
    basic = base64.b64encode(f'ci:{hexkey}'.encode()).decode()
    other = (f'together.ai client started\n\n'
             f"curl -H 'Authorization: Basic {basic}' https://api.github.com/repos\n")
    assert scan_bytes(other.encode(), 'deploy.log') == []
    ours = f"curl -H 'Authorization: Basic {basic}' https://api.together.xyz/v1/models\n"
    assert len(scan_bytes(ours.encode(), 'deploy.log')) == 1
    records = 'tEXt\0Comment\0sha256=' + hexkey + '\0provider\0together\0'
    assert scan_bytes(records.encode(), 'image.bin') == []
