"""Binary pickles read as the objects they hold (``detect.pickles``): a
dict's generic ``api_key`` is Together's beside a ``provider`` of
Together's or Together's endpoint, in every protocol ``pickle`` writes
from 2 on, in ``shelve``'s data file, in an object's state; the same
shapes naming another provider or a digest stay clean, and a damaged,
cyclic or crafted pickle is read without error."""
from __future__ import annotations

import collections
import dataclasses
import dbm.dumb
import pickle
import random
import shelve

import pytest

from together_hooks.detect.engine import scan_bytes
from together_hooks.detect.pickles import pickle_view
from tests.keys import make_hex


@dataclasses.dataclass
class Settings:
    provider: str
    api_key: str
    timeout: float = 30.0


def _found(data: bytes) -> list[str]:
    return sorted({f.secret for f in scan_bytes(data, 'cache/settings.pkl')})


def _hex(seed: str) -> str:
    return make_hex(random.Random(seed))


def _shelf(tmp_path, value: object) -> bytes:
    db = dbm.dumb.open(str(tmp_path / 'cache'), 'c')
    with shelve.Shelf(db, protocol=4) as s:
        s['a'] = {'unrelated': 'x' * 600}  # the next value starts after NUL padding
        s['together'] = value
    return (tmp_path / 'cache.dat').read_bytes()


KEYS = {
    # id: (build(hex, tmp_path) -> bytes)
    'dict-provider-p2': lambda h, t: pickle.dumps({'provider': 'together', 'api_key': h}, protocol=2),
    'dict-provider-p3': lambda h, t: pickle.dumps({'provider': 'together', 'api_key': h}, protocol=3),
    'dict-endpoint-p4': lambda h, t: pickle.dumps({'base_url': 'https://api.together.xyz/v1', 'api_key': h}, protocol=4),
    'dict-provider-p5': lambda h, t: pickle.dumps({'api_key': h, 'provider': 'together'}, protocol=5),
    # The second dict's 'together' and 'provider' come from the memo.
    'memo-repeated-strings': lambda h, t: pickle.dumps(
        [{'provider': 'together', 'api_key': None}, {'provider': 'together', 'api_key': h}], protocol=4),
    'dataclass-state': lambda h, t: pickle.dumps(Settings('together', h), protocol=4),
    'ordered-dict-reduce': lambda h, t: pickle.dumps(
        collections.OrderedDict([('provider', 'together'), ('api_key', h)]), protocol=4),
    'shelve-second-value': lambda h, t: _shelf(t, {'api_key': h, 'base_url': 'https://api.together.xyz/v1'}),
}

DECOYS = {
    'other-provider': lambda h, t: pickle.dumps(
        [{'provider': 'together', 'api_key': None}, {'provider': 'deepinfra', 'api_key': h}], protocol=4),
    'digest-name': lambda h, t: pickle.dumps({'provider': 'together', 'wheel_sha256': h}, protocol=4),
    'no-context': lambda h, t: pickle.dumps({'api_key': h, 'base_url': 'https://api.example.com/v1',
                                             'note': 'together'}, protocol=4),
    'shelve-lock-digest': lambda h, t: _shelf(t, {'together-1.3.0.tar.gz': h}),
}


@pytest.mark.parametrize('case', sorted(KEYS))
def test_a_generic_key_beside_together_is_found(case: str, tmp_path) -> None:
    h = _hex(case)
    assert _found(KEYS[case](h, tmp_path)) == [h]


@pytest.mark.parametrize('case', sorted(DECOYS))
def test_the_same_shapes_for_another_purpose_stay_clean(case: str, tmp_path) -> None:
    assert _found(DECOYS[case](_hex(case), tmp_path)) == []


def test_each_string_maps_to_where_the_file_holds_it() -> None:
    h = _hex('map')
    data = pickle.dumps({'provider': 'together', 'api_key': h}, protocol=4)
    view = pickle_view(data)
    at = view.data.index(h.encode())
    assert data[view.origin(at):view.origin(at) + 64] == h.encode()
    assert b'"provider": "together",\n' in view.data


def test_damaged_cyclic_and_deep_pickles_are_read_without_error() -> None:
    h = _hex('odd')
    whole = pickle.dumps({'provider': 'together', 'api_key': h, 'pad': list(range(50))}, protocol=4)
    cut = whole[:whole.index(h.encode()) + 64]  # cut short after the key: what was built is written
    assert h.encode() in pickle_view(cut).data
    loop: list = []
    loop.append({'provider': 'together', 'self': loop})
    assert b'"provider": "together"' in pickle_view(pickle.dumps(loop, protocol=4)).data
    deep: list = []
    for _ in range(200):  # past the view's nesting (64), within pickle's own
        deep = [deep]
    assert pickle_view(pickle.dumps(deep, protocol=4)) is not None
    pickle_view(b'\x80\x04' + random.Random(3).randbytes(4096))  # parses or not, never raises
    assert pickle_view(b'\x80\x04\x95' + b'\xff' * 64) is None


def test_references_do_not_grow_the_view_past_its_room() -> None:
    """A list referring to one big dict again and again: the view stops
    at ``ROOM`` times the file's size (the raw bytes are scanned anyway)."""
    from together_hooks.detect.pickles import ROOM

    shared = {str(i): 'v' * 40 for i in range(200)}
    data = pickle.dumps([shared] * 20000, protocol=4)
    view = pickle_view(data)
    assert view is not None and len(view.data) <= ROOM * len(data) + (1 << 16) + 8192
