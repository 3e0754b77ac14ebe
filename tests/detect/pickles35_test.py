"""Pickles read as their objects (``detect.pickles``), mut35: the opcodes a
settings pickle holds besides strings and dicts (a pair, a set, a big
integer, a memo past 256 entries), a damaged pickle before a good one,
a pickle in base64 (a Celery message's body) and inside a gzip or a zip: in each, a generic ``api_key`` beside
``provider: together`` is found, written by the real ``pickle``; the
decoys beside them name another provider and stay clean."""
from __future__ import annotations

import base64
import gzip
import pickle
import json
import random
import zipfile

import pytest

from together_hooks.detect.engine import scan_bytes
from tests.keys import make_hex


def _found(data: bytes, path: str = 'cache/settings.pkl') -> list[str]:
    return sorted({f.secret for f in scan_bytes(data, path)})


def _settings(h: str, provider: str, **before: object) -> dict[str, object]:
    """A settings dict: ``before``'s items, then the provider and the key."""
    return {**before, 'provider': provider, 'api_key': h}


def _damaged_then_good(h: str, provider: str) -> bytes:
    """A first pickle cut short (its SETITEMS and STOP lost), NUL padding
    as ``dbm.dumb`` writes between values, then a whole second pickle."""
    cut = pickle.dumps({'region': 'us', 'retries': 'three'}, protocol=4)[:-2]
    pad = b'\0' * (512 - len(cut))
    return cut + pad + pickle.dumps(_settings(h, provider), protocol=4)


SHAPES = {
    # id: (bytes of the settings naming ``provider``, the path)
    'pair-before-the-key': lambda h, p: (pickle.dumps(
        _settings(h, p, models=('llama', 'mixtral')), protocol=4), 'cache/settings.pkl'),
    'set-before-the-key': lambda h, p: (pickle.dumps(
        _settings(h, p, scopes={'chat', 'embed'}), protocol=4), 'cache/settings.pkl'),
    'big-integer-before-the-key': lambda h, p: (pickle.dumps(
        _settings(h, p, created_ns=1_733_000_000_123_456_789), protocol=4), 'cache/settings.pkl'),
    'memo-past-256-p3': lambda h, p: (pickle.dumps(
        _settings(h, p, **{f'option_{n}': f'value {n}' for n in range(300)}), protocol=3), 'cache/settings.pkl'),
    'damaged-then-good': lambda h, p: (_damaged_then_good(h, p), 'cache/settings.dat'),
    # A Celery message with the pickle serializer: its body is the pickle in base64.
    'celery-message-base64': lambda h, p: (json.dumps({
        'body': base64.b64encode(pickle.dumps(_settings(h, p), protocol=4)).decode(),
        'content-type': 'application/x-python-serialize', 'content-encoding': 'binary'}).encode(),
        'queue/message.json'),
}


def _pickled(shape: str, data: bytes) -> bytes:
    if shape == 'damaged-then-good':
        return data[512:]
    if shape == 'celery-message-base64':
        return base64.b64decode(json.loads(data)['body'])
    return data


@pytest.mark.parametrize('shape', sorted(SHAPES))
def test_a_key_beside_together_is_found_past_each_opcode(shape: str) -> None:
    h = make_hex(random.Random(shape))
    data, path = SHAPES[shape](h, 'together')
    assert pickle.loads(_pickled(shape, data))['api_key'] == h
    assert _found(data, path) == [h]


@pytest.mark.parametrize('shape', sorted(SHAPES))
def test_the_same_shape_naming_another_provider_stays_clean(shape: str) -> None:
    h = make_hex(random.Random(shape))
    data, path = SHAPES[shape](h, 'deepinfra')
    assert _found(data, path) == []


@pytest.mark.parametrize('provider, found', [('together', True), ('deepinfra', False)])
def test_a_pickle_in_a_gzip_and_a_zip_is_read_as_its_objects(tmp_path, keys, provider, found) -> None:
    """joblib's ``.pkl.gz`` and a zip of a pickle: the members are read as
    the pickle is (the scan opens the containers itself)."""
    from tests.cli_run import run_in_process

    h = make_hex(random.Random(provider))
    data = pickle.dumps(_settings(h, provider), protocol=4)
    (tmp_path / 'settings.pkl.gz').write_bytes(gzip.compress(data, mtime=0))
    with zipfile.ZipFile(tmp_path / 'cache.zip', 'w') as z:
        z.writestr('settings.pkl', data)
    r = run_in_process('together-hooks', 'scan', '--format', 'json', '.', cwd=tmp_path)
    named = sorted(f['path'] for f in json.loads(r.out)['findings'])
    assert (r.rc, named) == ((1, ['cache.zip!settings.pkl', 'settings.pkl.gz!settings.pkl']) if found
                             else (0, [])), r.out + r.err
