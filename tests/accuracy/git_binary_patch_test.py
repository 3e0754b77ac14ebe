"""Keys in a binary file's change inside a patch: ``git format-patch
--binary`` (and ``git diff --binary``) writes the new content and the
old as zlib data in lines of base85 (``GIT binary patch``, ``literal``
or ``delta`` hunks).  Patches made by the real git; a key is reported on
the line where its hunk's data starts.  Patch folders (Debian, Yocto,
mail archives) are committed as text."""
from __future__ import annotations

import os
import subprocess
import tempfile

from tests.accuracy import Case
from tests.accuracy import line_of
from tests.accuracy import make_tests

_BINARY = bytes(range(256)) * 4


def _patch(old: bytes | None, new: bytes | None, *flags: str) -> str:
    """The patch real git makes for ``blob.bin`` going from ``old`` to
    ``new`` (None: absent)."""
    with tempfile.TemporaryDirectory() as repo:
        def git(*args: str) -> str:
            return subprocess.run(
                ('git', '-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', *args),
                cwd=repo, check=True, capture_output=True, text=True,
            ).stdout

        git('init', '-q')
        git('commit', '-q', '--allow-empty', '-m', 'root')
        for content, message in ((old, 'old'), (new, 'new')):
            path = os.path.join(repo, 'blob.bin')
            if content is None:
                if os.path.exists(path):
                    git('rm', '-q', 'blob.bin')
            else:
                with open(path, 'wb') as f:
                    f.write(content)
                git('add', 'blob.bin')
            git('commit', '-q', '--allow-empty', '-m', message)
        return git('format-patch', '-1', '--stdout', '--binary', *flags)


def added_binary(m):
    key = m.key()
    text = _patch(None, _BINARY + f'\0TOGETHER_API_KEY={key}\0'.encode() + _BINARY)
    return text, [(line_of(text, 'GIT binary patch') + 2, key)]


def removed_binary_legacy(m):
    # The key leaves the file: the patch's second hunk (the old content) holds it.
    key = m.hex()
    old = _BINARY + f'\0TOGETHER_API_KEY={key}\0'.encode() + _BINARY
    text = _patch(old, _BINARY * 2)
    second = text.index('\n\n', text.index('GIT binary patch')) + 2
    return text, [(text.count('\n', 0, second) + 2, key)]


def changed_sqlite_like(m):
    key = m.key()
    page = bytearray(b'SQLite format 3\0' + bytes(4080))
    old = bytes(page) * 3
    page[2000:2000 + 50] = key.encode()
    new = bytes(page) + old[4096:]
    text = _patch(old, new)
    return text, [(line_of(text, 'GIT binary patch') + 2, key)]


def changed_binary_long_insert(m):
    # A delta inserts at most 127 bytes an instruction: a key 100 bytes
    # into a longer insert spans two.
    key = m.key()
    page = bytearray(b'SQLite format 3\0' + bytes(4080))
    old = bytes(page) * 3
    page[1900:2200] = m.rng.randbytes(100) + key.encode() + m.rng.randbytes(150)
    text = _patch(old, bytes(page) + old[4096:])
    return text, [(line_of(text, 'GIT binary patch') + 2, key)]


def changed_binary_key_swapped(m):
    # One key for another: each delta copies the name and the prefix from
    # the other side's content and inserts only the key's body.
    old_key, new_key = m.key(), m.key()
    old = _BINARY + f'\0TOGETHER_API_KEY={old_key}\0'.encode() + _BINARY
    new = _BINARY + f'\0TOGETHER_API_KEY={new_key}\0'.encode() + _BINARY
    text = _patch(old, new)
    second = text.index('\n\n', text.index('GIT binary patch')) + 2
    return text, [(line_of(text, 'GIT binary patch') + 2, new_key), (text.count('\n', 0, second) + 2, old_key)]


def binary_without_key(m):
    return _patch(_BINARY, _BINARY[::-1] * 2), []


CASES = [
    Case('added-binary', 'patches/0001-add-blob.patch', added_binary),
    Case('removed-binary-legacy', 'patches/0002-drop-key.patch', removed_binary_legacy),
    Case('changed-binary-delta', 'debian/patches/db.patch', changed_sqlite_like),
    Case('changed-binary-long-insert', 'debian/patches/db2.patch', changed_binary_long_insert),
    Case('changed-binary-key-swapped', 'debian/patches/blob.patch', changed_binary_key_swapped),
    Case('binary-without-key', 'patches/0003-blob.patch', binary_without_key),
]

results, test_case = make_tests(CASES)
