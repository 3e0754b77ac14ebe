"""A range's attribution (``scan --diff``, ``--commits``, pre-push,
pre-receive: ``sources.commits.added_by_commits``) scans a flagged blob
again under a path only where the path can change what it holds
(``Scanner.path_matters``), as ``scan --history`` does: counted scans,
and the same revisions as a step that rescans under every path.
"""
from __future__ import annotations

from collections import Counter

from tests.conftest import git
from tests.conftest import write
from together_hooks import config
from together_hooks.filters import Exclusions
from together_hooks.findings import hash_secret
from together_hooks.pipeline import Scanner
from together_hooks.sources.commits import added_by_commits


class _Counting(Scanner):
    """A real scanner that counts the paths it is asked to scan under."""

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.paths: Counter[str] = Counter()

    def scan_one(self, content):
        self.paths[content.path] += 1
        return super().scan_one(content)


def _commit(repo) -> str:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'c')
    return git(repo, 'rev-parse', 'HEAD').strip()


def _added(root: str, base: str, scan) -> list[tuple[str, str | None, tuple[str, ...]]]:
    return sorted(
        (r.path, r.commit, tuple(sorted(r.keep.hashes)))
        for r in added_by_commits(root, ['HEAD'], [base], scan, messages=False, names=False)
    )


def test_a_flagged_blob_is_rescanned_only_under_paths_that_matter(git_repo, keys):
    write(git_repo, 'README.md', 'hello\n')
    write(git_repo, '.together-hooks.toml', 'exclude = ["vendor/**"]\n')
    base = _commit(git_repo)
    plain = {f'src/m{i}.py': keys() for i in range(6)}
    for path, key in plain.items():
        write(git_repo, path, f'TOGETHER_API_KEY = "{key}"\n')
    legacy = keys('hex')
    write(git_repo, 'vendor/settings.json', f'{{"together_api_key": "{legacy}"}}\n')
    bare = keys('hex')
    write(git_repo, '.together_api_key', f'{bare}\n')  # a file named for a key
    first = _commit(git_repo)
    files = len(plain)
    write(git_repo, 'config.json', f'{{"together_api_key": "{legacy}"}}\n')  # the excluded blob, copied
    copied = _commit(git_repo)
    root = str(git_repo)
    exclusions = Exclusions(config.load(root))
    counting = _Counting(exclusions=exclusions)
    matter = {'vendor/settings.json', '.together_api_key'}
    assert {p for p in [*plain, *matter, 'config.json'] if counting.path_matters(p)} == matter

    got = _added(root, base, counting.scan_one)

    # Every path rescanned (a step that is no scanner's): the same answer.
    every = Scanner(exclusions=exclusions)
    assert got == _added(root, base, lambda content: every.scan_one(content))
    assert got == sorted([
        *((p, first, (hash_secret(k),)) for p, k in plain.items()),
        ('.together_api_key', first, (hash_secret(bare),)),
        ('config.json', copied, (hash_secret(legacy),)),
    ])
    # Discovery reads each new blob once, with no path (the copy is the
    # excluded file's blob); only the paths that matter are scanned again,
    # each once.
    assert counting.paths[''] == files + 2
    rescanned = {p: n for p, n in counting.paths.items() if p}
    assert rescanned == {p: 1 for p in matter}, rescanned
