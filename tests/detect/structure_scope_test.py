"""A structure label (``together:``, ``"together": {``, ``[together]``)
holds its whole structure, however long (``rules.STRUCTURE_LABEL``,
``detect.context.Scopes``): a legacy key under a key name anywhere in it
has Together context, one outside it or in a structure inside it named
for another provider or a cache has none; and finding the structures is
one forward scan, linear in the bytes however many labels, nested or
unclosed, and keys there are (work counted in bytecodes, not time; the
bench/complexity.py ``structure`` family times the same inputs)."""
from __future__ import annotations

import random

from tests.bytecode import work
from tests.keys import make_hex
from together_hooks.detect.context import Scopes
from together_hooks.detect.context import rule_regex
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret
from together_hooks.rules import STRUCTURE_LABEL


def _tenants(n: int, seed: int = 0) -> tuple[bytes, list[str]]:
    rng = random.Random(seed)
    keys = [make_hex(rng) for _ in range(n)]
    text = 'together:\n  tenants:\n' + ''.join(
        f'    - name: tenant-{i:04d}\n      region: us-east-1\n      owner: team-{i:04d}@example.com\n'
        f'      api_key: {k}\n' for i, k in enumerate(keys))
    return text.encode(), keys


def test_every_tenant_under_one_label_is_found_past_the_reach():
    data, keys = _tenants(120)
    assert len(data) > 4 * 4096
    found = sorted(f.hashed_secret for f in scan_bytes(data, 'deploy/tenants.yaml'))
    assert found == sorted(map(hash_secret, keys))


def test_a_sibling_block_after_the_structure_gains_nothing():
    data, keys = _tenants(60)
    rng = random.Random(9)
    other = make_hex(rng)
    text = data + f'openai:\n  tenants:\n    - name: x\n      api_key: {other}\n'.encode()
    found = {f.hashed_secret for f in scan_bytes(text, 'deploy/tenants.yaml')}
    assert hash_secret(other) not in found
    assert found == set(map(hash_secret, keys))


def _scopes_work(data: bytes, step: int) -> int:
    def run():
        scopes = Scopes(rule_regex(STRUCTURE_LABEL), data, None)
        for at in range(0, len(data), step):
            scopes.holds(at)
            scopes.labelled(at)
    return work(run)


def _linear(make, step: int = 64) -> float:
    small, large = make(500), make(2000)
    return _scopes_work(large, step) / _scopes_work(small, step)


def test_many_separate_structures_cost_linear_work():
    assert _linear(lambda n: b'together:\n  model: m\n  other: 1\nx: 2\n' * n) < 5


def test_unclosed_brackets_cost_linear_work():
    # A truncated file: each label's bracket never closes.
    assert _linear(lambda n: b'{"together":{"a":1,' * n) < 5


def test_nested_labels_cost_linear_work():
    # Labels inside a structure already found are passed over.
    assert _linear(lambda n: b'{"together":' * n + b'1' + b'}' * n) < 5


def test_nested_holes_cost_linear_work():
    assert _linear(lambda n: b'{"together":' + b'{"openai":' * n + b'1' + b'}' * n + b'}') < 5


def test_yaml_holes_cost_linear_work():
    assert _linear(lambda n: b'together:\n' + b'  openai:\n    timeout: 60\n    retries: 2\n' * n) < 5


def test_the_engine_over_many_tenants_is_linear():
    # 8 KB and 32 KB (the legacy key's reach): a look back over the
    # structure for each key would be quadratic all the way (bytecodes:
    # linear from 25 tenants on, 4.02x from 50 to 200 as from 100 to 400).
    small, _ = _tenants(50)
    large, _ = _tenants(200)
    ratio = work(lambda: scan_bytes(large, 't.yaml')) / work(lambda: scan_bytes(small, 't.yaml'))
    assert ratio < 5


class _Counted(bytes):
    """Bytes that count what ``find`` reads (C work no bytecode shows)."""
    read = 0

    def find(self, sub, start=0, end=None):  # type: ignore[override]
        at = super().find(sub, start, end)
        stop = len(self) if end is None else end
        self.read += (stop if at == -1 else at) - start
        return at


def _scopes_read(data: bytes) -> int:
    counted = _Counted(data)
    Scopes(rule_regex(STRUCTURE_LABEL), counted, None).holds(len(data) - 1)
    return counted.read


def test_strings_and_comments_cost_linear_work():
    # A string no quote closes on its line (each escaped quote after it
    # one more quote), apostrophes, block comments no ``*/`` closes: each
    # is given up once, not read again from every later one.
    assert _linear(lambda n: b'{"together":{"a":"' + b'\\"' * n + b'\n}}') < 5
    assert _linear(lambda n: b"{'together':{'a':" + b" 'x" * n + b'\n}}') < 5
    assert _linear(lambda n: b'{"together":{' + b' /*' * n + b'}}') < 5
    small, large = (_scopes_read(b'{"together":{' + b' /*' * n + b'}}') for n in (500, 2000))
    assert large < 5 * small


def test_a_bracket_in_a_string_or_a_comment_is_no_bracket():
    data = (b'{"together":{"stop":["}"],"p":"a \\"}\\" b", // }\n'
            b' /* ] } */ "t": `}`, "api_key": 1}, "after": 2}')
    scopes = Scopes(rule_regex(STRUCTURE_LABEL), data, None)
    assert scopes.holds(data.index(b'"api_key"'))
    assert not scopes.holds(data.index(b'"after"'))
