"""A baseline entry recorded for a file holds for the members it is read
as (session 38, review38a, a hostile review of outside38).

outside38 made a PNG holding a ``tEXt`` chunk a container: a key in the
chunk is now reported at ``img/shot.png!tEXt 2``, where 5418d64c reported
(and ``baseline create`` recorded) ``img/shot.png``.  A team's audited
baseline entry for that fixture stopped matching: every commit failed
after the upgrade.  The baseline's unit is the file (a key's hash on any
line of it): a member's key is known when its file's entry records it.
Decoys: an entry for another file, or another key, excuses nothing; a
key you hold is kept whatever the entry."""
from __future__ import annotations

import json
import random
import struct
import zlib

import pytest

from tests.cli_run import hook_in_process
from tests.cli_run import scan_in_process
from tests.conftest import git
from tests.keys import make_key
from together_hooks.findings import hash_secret

_rng = random.Random('baseline-member38')


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)


def _png(text: bytes) -> bytes:
    ihdr = _chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0))
    return b'\x89PNG\r\n\x1a\n' + ihdr + _chunk(b'tEXt', b'Comment\0' + text) + _chunk(b'IEND', b'')


def _baseline(entries: dict[str, list[str]]) -> str:
    """A baseline as ``baseline create`` wrote it on 5418d64c."""
    results = {
        path: [{'type': 'Together API Key', 'filename': path, 'hashed_secret': h,
                'is_verified': False, 'line_number': 3} for h in hashes]
        for path, hashes in entries.items()
    }
    plugin = 'file://together_hooks/detect_secrets_plugin.py'
    return json.dumps({
        'version': '1.5.0',
        'plugins_used': [{'name': 'TogetherApiKeyDetector', 'path': plugin},
                         {'name': 'TogetherLegacyApiKeyDetector', 'path': plugin}],
        'filters_used': [], 'results': results, 'generated_at': '2026-12-01T00:00:00Z',
    }, indent=2)


@pytest.fixture
def repo(git_repo):
    (git_repo / 'img').mkdir()
    return git_repo


@pytest.mark.parametrize('mode', ['scan', 'hook'])
def test_a_members_key_recorded_for_its_file_is_known(repo, mode):
    k = make_key(_rng)
    (repo / 'img' / 'shot.png').write_bytes(_png(b'TOGETHER_API_KEY=' + k.encode() + b'\n'))
    (repo / '.secrets.baseline').write_text(_baseline({'img/shot.png': [hash_secret(k)]}))
    git(repo, 'add', '-A')
    if mode == 'scan':
        r = scan_in_process('.', cwd=repo)
    else:
        r = hook_in_process('--baseline', '.secrets.baseline', 'img/shot.png', cwd=repo)
    assert r.rc == 0, r.out + r.err
    assert k not in r.out + r.err


@pytest.mark.parametrize('entries', [
    lambda k, other: {'img/other.png': [hash_secret(k)]},  # another file
    lambda k, other: {'img/shot.png': [hash_secret(other)]},  # another key
    lambda k, other: {'img': [hash_secret(k)]},  # a folder's name is no file of it
], ids=['other-file', 'other-key', 'folder'])
def test_an_entry_for_another_file_or_key_excuses_no_member(repo, entries):
    k, other = make_key(_rng), make_key(_rng)
    (repo / 'img' / 'shot.png').write_bytes(_png(b'TOGETHER_API_KEY=' + k.encode() + b'\n'))
    (repo / '.secrets.baseline').write_text(_baseline(entries(k, other)))
    r = scan_in_process('.', '--format', 'json', cwd=repo)
    assert r.rc == 1, r.out + r.err
    assert [(p, h) for p, _line, _rule, h in r.found()] == [('img/shot.png!tEXt 2', hash_secret(k))]


def test_a_key_you_hold_in_a_member_is_kept_whatever_its_files_entry(repo, monkeypatch):
    k = make_key(_rng)
    monkeypatch.setenv('TOGETHER_API_KEY', k)
    (repo / 'img' / 'shot.png').write_bytes(_png(b'TOGETHER_API_KEY=' + k.encode() + b'\n'))
    (repo / '.secrets.baseline').write_text(_baseline({'img/shot.png': [hash_secret(k)]}))
    r = scan_in_process('.', '--format', 'json', cwd=repo)
    assert r.rc == 1, r.out + r.err
    assert [h for _p, _line, _rule, h in r.found()] == [hash_secret(k)]
