"""sources.index_flags: the flags of real index files, as git writes them."""
from __future__ import annotations

from tests.conftest import git
from tests.conftest import write
from together_hooks.sources.index_flags import may_hide_files


def _index(repo) -> bytes:
    return (repo / '.git' / 'index').read_bytes()


def test_index_flags_as_git_writes_them(git_repo):
    """One repository taken through the index forms git writes: plain
    (format 2, 3 and 4) hides nothing; a ``skip-worktree`` or
    ``assume-unchanged`` entry, a split index and a sparse index may; a
    cut or unknown file may too (the caller then asks git)."""
    repo = git_repo
    for n in range(5):
        write(repo, f'd{n}/f{n}.py', 'x\n' * n)
    write(repo, 'a-name-longer-than-eight-bytes.txt', 'y\n')
    git(repo, 'add', '-A')
    # A path longer than an entry's 12-bit length field holds (0xFFF):
    # the index only (no file system takes it), after the others.
    blob = git(repo, 'hash-object', '-w', 'd1/f1.py').strip()
    git(repo, 'update-index', '--add', '--cacheinfo', f'100644,{blob},' + '/'.join(['y' * 200] * 25))
    git(repo, 'commit', '-q', '--no-verify', '-m', 'c')
    seen = {}
    for version in ('2', '3', '4'):
        git(repo, 'update-index', '--index-version', version)
        seen[f'v{version}'] = may_hide_files(_index(repo))
        for flag in ('--skip-worktree', '--assume-unchanged'):
            git(repo, 'update-index', flag, 'd3/f3.py')
            seen[f'v{version}{flag}'] = may_hide_files(_index(repo))
            # Only the paths asked about count (format 4 spells each path
            # as a change to the one before it: read whole all the same).
            seen[f'v{version}{flag} f3'] = may_hide_files(_index(repo), lambda p: p == b'd3/f3.py')
            seen[f'v{version}{flag} others'] = may_hide_files(_index(repo), lambda p: p != b'd3/f3.py')
            git(repo, 'update-index', flag.replace('--', '--no-'), 'd3/f3.py')
        seen[f'v{version} again'] = may_hide_files(_index(repo))
    plain = _index(repo)
    git(repo, 'update-index', '--split-index')
    seen['split'] = may_hide_files(_index(repo))
    git(repo, 'update-index', '--no-split-index')
    git(repo, 'sparse-checkout', 'set', '--cone', '--sparse-index', 'd1')
    seen['sparse index'] = may_hide_files(_index(repo))
    expected = {'split': True, 'sparse index': True}
    for version in ('v2', 'v3', 'v4'):
        expected.update({version: False, f'{version} again': False})
        for flag in ('--skip-worktree', '--assume-unchanged'):
            expected.update({f'{version}{flag}': True, f'{version}{flag} f3': True,
                             f'{version}{flag} others': False})
    assert seen == expected
    assert [may_hide_files(b) for b in (plain[:-30], plain[:40], b'', b'DIRC' + plain[4:7] + b'\x09' + plain[8:])] == [True] * 4
