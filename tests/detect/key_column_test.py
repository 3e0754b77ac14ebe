"""A bare ``Key`` column names a credential in a table of Together's
(``| Service | Key |``), but not in a listing of stored objects or cache
entries (a ``TTL``, ``Hits``, ``ETag``, ``Bucket`` or ``Size`` column
beside it), nor in a row that names a digest algorithm (``sha256``):
there the key is an object's name or a digest."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes


def _found(text: str, path: str) -> bool:
    key = make_hex(random.Random(13))
    return [f.secret for f in scan_bytes(text.format(key=key).encode(), path)] == [key]


@pytest.mark.parametrize('path, text', [
    ('cache.tsv', 'service\tkey\thits\ntogether\t{key}\t12\n'),
    ('redis.txt', ' service  | key | ttl\n----------+-----+-----\n together | {key} | 3600\n'),
    ('docs/cache.md', '| Service | Key | TTL |\n|---|---|---|\n| together | `{key}` | 3600 |\n'),
    ('s3.csv', 'service,key,size,etag\ntogether,{key},1024,abc\n'),
    ('docs/digests.md', '| Name | Key | Kind |\n|---|---|---|\n| together | `{key}` | sha256 |\n'),
    ('docs/digests2.md', '| Name | API key | Algorithm |\n|---|---|---|\n| together | `{key}` | SHA-256 |\n'),
])
def test_a_key_column_of_stored_objects_or_digests_stays_clean(path, text):
    assert not _found(text, path)


@pytest.mark.parametrize('path, text', [
    ('docs/keys.md', '| Service | Environment | Key |\n|---|---|---|\n| Together AI | prod | `{key}` |\n'),
    ('keys.tsv', 'service\tkey\texpires\ntogether\t{key}\t2025-01-01\n'),
    ('keys.txt', ' provider | api_key | ttl\n----------+---------+-----\n together | {key} | 3600\n'),
])
def test_a_key_column_of_credentials_is_still_read(path, text):
    assert _found(text, path)
