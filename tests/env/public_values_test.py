"""Public identifiers a template may hold: every rule's samples, both ways."""
from __future__ import annotations

import random
import string

import pytest

from together_hooks.env import public

ALNUM = string.ascii_letters + string.digits


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        rand=''.join(rng.choice(ALNUM) for _ in range(24)),
        rand35=''.join(rng.choice(ALNUM + '_-') for _ in range(35)),
        hex32='%032x' % rng.getrandbits(128),
        hex40='%040x' % rng.getrandbits(160),
        HEX40=('%040x' % rng.getrandbits(160)).upper(),
    )


@pytest.mark.parametrize('rule', public.VALUE_RULES, ids=lambda r: r[0])
def test_value_rule_samples(rule):
    rng = random.Random(rule[0])
    _id, _what, _regex, public_samples, secret_samples = rule
    for template in public_samples:
        value = _fill(template, rng)
        assert public.is_public('SOME_KEY', value), value
    for template in secret_samples:
        value = _fill(template, rng)
        assert not public.is_public('SOME_KEY', value), value


def test_name_samples():
    rng = random.Random(7)
    value = _fill('{rand}', rng)
    public_names, secret_names = public.NAME_SAMPLES
    for name in public_names:
        assert public.is_public(name, value), name
    for name in secret_names:
        assert not public.is_public(name, value), name


@pytest.mark.parametrize('prefix', public.SECRET_PREFIXES)
def test_a_secret_shape_is_secret_under_a_public_name(prefix):
    value = prefix + _fill('{rand}', random.Random(prefix))
    assert not public.is_public('NEXT_PUBLIC_STRIPE_KEY', value)
