"""``together-hooks scan --history``: every key ever added, with the commit
that first added it, on real repositories with branches and merges."""
from __future__ import annotations

import json
import os
import pty
import random
import re
import subprocess
import sys

import pytest

from tests.cli_run import quiet_and_clean
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write
from tests.sources.histories import branchy_history
from tests.sources.histories import tree_walks
from tests.keys import b64
from tests.keys import make_hex
from together_hooks import config
from together_hooks.filters import Exclusions
from together_hooks.pipeline import Scanner
from together_hooks.sources import history
from together_hooks.findings import hash_secret

KEY = 'together-api-key'
LEGACY = 'together-legacy-api-key'
ALICE = ('Alice', 'alice@example.com')
BOB = ('Bob', 'bob@example.com')


def commit(repo, msg: str = 'c', who: tuple[str, str] = ALICE,
           date: str = '2024-01-02T03:04:05+00:00') -> str:
    git(repo, 'add', '-A')
    git(
        repo, '-c', f'user.name={who[0]}', '-c', f'user.email={who[1]}',
        'commit', '-q', '--no-verify', f'--date={date}', '-m', msg,
    )
    return git(repo, 'rev-parse', 'HEAD').strip()


def findings(*args: str, cwd='.') -> list[dict]:
    result = scan('--history', '--format', 'json', *args, cwd=cwd)
    assert result.rc in (0, 1), result.err
    assert result.rc == (1 if result.json()['findings'] else 0)
    return sorted(result.json()['findings'], key=lambda f: (f['path'], f['line']))


def brief(fs: list[dict]) -> list[tuple]:
    return [(f['path'], f['line'], f['rule'], f['hashed_secret'], f['commit']) for f in fs]


def test_deleted_key_is_found_with_its_commit_author_and_date(git_repo, keys):
    key = keys()
    write(git_repo, 'README.md', 'hello\n')
    commit(git_repo, 'init')
    write(git_repo, 'src/settings.py', f'import os\n\nAPI = "{key}"\n')
    added = commit(git_repo, 'add settings', who=BOB, date='2024-03-04T05:06:07+00:00')
    os.unlink(git_repo / 'src/settings.py')
    commit(git_repo, 'oops, remove it')
    assert scan().rc == 0  # the tree is clean now
    got = findings()
    assert brief(got) == [('src/settings.py', 3, KEY, hash_secret(key), added)]
    assert got[0]['author'] == 'Bob <bob@example.com>'
    assert got[0]['date'] == '2024-03-04T05:06:07+00:00'


@pytest.mark.parametrize('config', [
    ('log.showRoot', 'false'), ('diff.renames', 'copies'), ('log.diffMerges', 'first-parent'),
    ('color.ui', 'always'), ('core.quotePath', 'true'),
])
def test_git_configuration_does_not_change_the_answer(git_repo, keys, config):
    git(git_repo, 'config', *config)
    key, merged = keys(), keys()
    write(git_repo, 'ünï code.py', f'K = "{key}"\n')
    root = commit(git_repo, 'root commit')
    git(git_repo, 'checkout', '-q', '-b', 'side')
    write(git_repo, 'side.py', f'S = "{merged}"\n')
    side = commit(git_repo, 'side')
    git(git_repo, 'checkout', '-q', 'main')
    write(git_repo, 'other.py', 'x = 1\n')
    commit(git_repo, 'main')
    git(git_repo, 'merge', '-q', '--no-edit', 'side')
    assert brief(findings()) == [
        ('side.py', 1, KEY, hash_secret(merged), side),
        ('ünï code.py', 1, KEY, hash_secret(key), root),
    ]


def test_once_per_key_and_path_with_the_first_commit(git_repo, keys):
    key = keys()
    write(git_repo, 'a.py', f'K = "{key}"\n')
    first = commit(git_repo, 'add')
    write(git_repo, 'a.py', f'# moved down\nK = "{key}"\nX = 1\n')
    commit(git_repo, 'edit around it')
    write(git_repo, 'a.py', 'K = None\n')
    commit(git_repo, 'remove')
    write(git_repo, 'a.py', f'K = "{key}"\n')
    commit(git_repo, 'add again')
    write(git_repo, 'copy/b.py', f'# copy\nK = "{key}"\n')
    copied = commit(git_repo, 'copy elsewhere')
    assert brief(findings()) == [
        ('a.py', 1, KEY, hash_secret(key), first),
        ('copy/b.py', 2, KEY, hash_secret(key), copied),
    ]


def test_branches_merges_and_unmerged_refs(git_repo, keys):
    on_branch, unmerged, in_merge = keys(), keys(), keys()
    write(git_repo, 'base.py', 'x = 1\n')
    commit(git_repo, 'base')
    git(git_repo, 'checkout', '-q', '-b', 'feature')
    write(git_repo, 'feat.py', f'F = "{on_branch}"\n')
    branch_commit = commit(git_repo, 'feature key', who=BOB)
    git(git_repo, 'checkout', '-q', '-b', 'abandoned', 'main')
    write(git_repo, 'wip.py', f'W = "{unmerged}"\n')
    wip = commit(git_repo, 'never merged')
    git(git_repo, 'checkout', '-q', 'main')
    write(git_repo, 'base.py', 'x = 2\n')
    commit(git_repo, 'main work')
    # A merge whose resolution types in a new key: the merge added it.
    git(git_repo, 'merge', '-q', '--no-commit', '--no-ff', 'feature')
    write(git_repo, 'base.py', f'x = 2\nM = "{in_merge}"\n')
    merge = commit(git_repo, 'merge feature', who=ALICE)
    assert brief(findings()) == [
        ('base.py', 2, KEY, hash_secret(in_merge), merge),
        ('feat.py', 1, KEY, hash_secret(on_branch), branch_commit),
        ('wip.py', 1, KEY, hash_secret(unmerged), wip),
    ]


def test_since_reports_only_keys_added_after_rev(git_repo, keys):
    before, after = keys(), keys()
    write(git_repo, 'a.py', f'A = "{before}"\n')
    since = commit(git_repo, 'old key')
    # Later commits edit the file holding the old key: still not new.
    write(git_repo, 'a.py', f'A = "{before}"\nB = 1\n')
    commit(git_repo, 'edit')
    write(git_repo, 'b.py', f'B = "{after}"\n')
    added = commit(git_repo, 'new key')
    assert brief(findings('--since', since)) == [
        ('b.py', 1, KEY, hash_secret(after), added)]
    assert brief(findings('--since', 'HEAD')) == []
    assert len(findings()) == 2


def test_since_a_merge_adds_no_key_its_other_parent_had(git_repo, keys):
    """With --since, a merge adds at a path only what differs from every
    parent there (the walk's combined diffs, ``-c``): a key in a file, or
    in a file's name, that a branch added before the bound and the merge
    brings in (the file edited there beside the key, or as it was) is not
    the merge's; a key typed into the merge's own resolution is.  A walk
    that diffs a merge against its first parent alone names the same
    paths and first adders for the whole history, not for a bounded one
    (docs/performance.md, "Issue 17, session 34 (perfH34)")."""
    on_branch, in_name, in_merge = keys(), keys(), keys()
    write(git_repo, 'base.py', 'x = 1\n')
    commit(git_repo, 'base')
    git(git_repo, 'checkout', '-q', '-b', 'feature')
    write(git_repo, 'feat.py', f'F = "{on_branch}"\n')
    write(git_repo, f'notes.{in_name}.txt', 'plain\n')
    vetted = commit(git_repo, 'feature key, before the bound', who=BOB)
    git(git_repo, 'checkout', '-q', 'main')
    write(git_repo, 'base.py', 'x = 2\n')
    commit(git_repo, 'main work')
    git(git_repo, 'merge', '-q', '--no-commit', '--no-ff', 'feature')
    write(git_repo, 'base.py', f'x = 2\nM = "{in_merge}"\n')
    write(git_repo, 'feat.py', f'F = "{on_branch}"\nG = 2\n')  # edited beside the branch's key
    merge = commit(git_repo, 'merge feature, a key in the resolution')

    def found(*args: str) -> list[tuple]:
        return sorted((f['path'], f['hashed_secret'], f.get('commit')) for f in findings(*args))

    assert found('--since', vetted) == [('base.py', hash_secret(in_merge), merge)]
    # Unbounded, each key is its first adder's: the branch's two, the merge's one.
    assert found() == sorted([
        ('<path name>', hash_secret(in_name), vetted),
        ('base.py', hash_secret(in_merge), merge),
        ('feat.py', hash_secret(on_branch), vetted),
    ])


def test_context_rules_pragmas_and_encodings_in_history(git_repo, keys):
    legacy, bearer, allowed, encoded = keys('hex'), keys('hex'), keys(), keys()
    write(git_repo, '.env', f'TOGETHER_API_KEY={legacy}\n')
    write(git_repo, 'call.sh', (
        'curl https://api.together.xyz/v1/models \\\n'
        f'  -H "Authorization: Bearer {bearer}"\n'
    ))
    write(git_repo, 'ok.py', f'K = "{allowed}"  # pragma: allowlist secret\n')
    write(git_repo, 'k8s.yaml', f'data:\n  TOGETHER_API_KEY: {b64(encoded)}\n')
    c = commit(git_repo)
    # A 64-hex digest of a package named together in a lockfile is no
    # legacy key, in history too (its shape, not the file's name, says so).
    write(git_repo, 'package-lock.json', (
        '{"packages": {"node_modules/together": {"version": "1.0.0", '
        f'"checksum": "{make_hex(random.Random(1))}"}}}}}}\n'
    ))
    commit(git_repo)
    got = findings()
    assert brief(got) == [
        ('.env', 1, LEGACY, hash_secret(legacy), c),
        ('call.sh', 2, LEGACY, hash_secret(bearer), c),
        ('k8s.yaml', 2, KEY, hash_secret(encoded), c),
    ]
    assert got[2]['encoding'] == 'base64'


def test_a_blob_counts_only_at_the_paths_that_are_scanned(git_repo, keys):
    # One blob, first at a path the config excludes, then copied to a file
    # that is scanned: the copy added the key, in history and in a range,
    # whether every path is rescanned or only those that matter.
    legacy = keys('hex')
    text = f'{{"together_api_key": "{legacy}"}}\n'
    write(git_repo, 'README.md', 'hello\n')
    write(git_repo, '.together-hooks.toml', 'exclude = ["vendor/**"]\n')
    base = commit(git_repo)
    write(git_repo, 'vendor/settings.json', text)
    commit(git_repo)
    write(git_repo, 'config.json', text)
    copied = commit(git_repo)
    write(git_repo, 'config.json', 'gone\n')
    commit(git_repo)
    expected = [('config.json', 1, LEGACY, hash_secret(legacy), copied)]
    assert brief(findings()) == expected
    ranged = scan('--diff', f'{base}..HEAD', '--format', 'json')
    assert ranged.rc == 1, ranged.err
    assert brief(ranged.json()['findings']) == expected
    scanner = Scanner(exclusions=Exclusions(config.load(str(git_repo))))

    def added(**kw) -> list[tuple[str, str | None]]:
        return sorted(
            (r.path, r.commit)
            for r in history.scan_history(str(git_repo), scanner.scan_one, **kw)
        )

    assert added() == added(matters=scanner.path_matters) == [('config.json', copied)]


def test_baseline_applies_to_history(git_repo, keys):
    known, new = keys(), keys()
    write(git_repo, 'a.py', f'A = "{known}"\nB = "{new}"\n')
    commit(git_repo)
    write(git_repo, '.secrets.baseline', (
        '{"version": "1.5.0", "plugins_used": [], "filters_used": [], '
        '"results": {"a.py": [{"type": "Together API Key", "filename": "a.py", '
        f'"hashed_secret": "{hash_secret(known)}", "is_verified": false, '
        '"line_number": 1}]}, "generated_at": "2026-01-01T00:00:00Z"}\n'
    ))
    got = findings('--baseline', '.secrets.baseline')
    assert [f['hashed_secret'] for f in got] == [hash_secret(new)]


def test_dangling_blobs_are_not_history(git_repo, keys):
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    write(git_repo, 'b.py', f'K = "{key}"\n')
    git(git_repo, 'add', 'b.py')
    git(git_repo, 'reset', '-q')  # the blob stays in .git/objects, unreachable
    assert findings() == []


def test_two_processes_find_what_one_finds(git_repo, keys, monkeypatch):
    made = [keys() for _ in range(6)]
    for i, key in enumerate(made):
        write(git_repo, f'f{i}.py', 'pad\n' * 50 + f'K = "{key}"\n')
        commit(git_repo, f'c{i}')
        write(git_repo, f'f{i}.py', 'gone\n')
        commit(git_repo, f'd{i}')
    root = str(git_repo)
    blobs = history.list_blobs(root, None)
    quiet = history.Progress(False)
    scan = Scanner().scan_one
    one = history.discover(root, blobs, quiet, scan)
    monkeypatch.setattr(history, 'FORK_MIN_BYTES', 0)
    two = history.discover(root, blobs, quiet, scan)
    assert one == two and len(one) == 6
    got = list(history.scan_history(root, scan))
    assert sorted(c.path for c in got) == [f'f{i}.py' for i in range(6)]


def test_progress_only_on_a_terminal(git_repo, keys):
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    piped = scan('--history')
    assert piped.rc == 0 and quiet_and_clean(piped), piped.err
    master, slave = pty.openpty()
    try:
        proc = subprocess.run(
            (os.path.join(os.path.dirname(sys.executable), 'together-hooks'),
             'scan', '--history'),
            cwd=git_repo, stdout=subprocess.PIPE, stderr=slave, timeout=120,
        )
        os.close(slave)
        shown = b''
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the terminal's other end is closed
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(master)
    assert proc.returncode == 0 and proc.stdout == b''
    assert b'history: 1/1 blobs' in shown and b'MB/s' in shown
    # The line is wiped before the summary: CR, blanks, CR (never a CR
    # escaped as text, which the terminal would show).
    assert re.search(rb'MB/s\r {20,}\r', shown), shown
    assert b'\\u000d' not in shown


def test_one_walk_of_the_trees_names_paths_and_attributes_keys(git_repo, keys):
    """``--history`` walks every commit's tree diff once (``git log --raw``):
    the path names it checks and the commits it attributes keys to come
    from the same walk (two walks before)."""
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo, 'init')
    write(git_repo, 'src/key.py', f'K = "{key}"\n')
    added = commit(git_repo, 'add key')
    os.unlink(git_repo / 'src/key.py')
    commit(git_repo, 'remove it')
    walks = tree_walks(findings)
    assert brief(walks.result) == [('src/key.py', 1, KEY, hash_secret(key), added)]
    assert len(walks.argvs) == 1, walks.argvs


@pytest.mark.parametrize('since', [None, 'HEAD~2'])
def test_the_shared_walk_names_what_diff_filter_a_names(git_repo, since):
    """The path names taken from the attribution walk (an entry added
    against any parent) are exactly those of a ``--diff-filter=A`` walk:
    folders, a submodule, paths a merge brings, with and without a bound."""
    from together_hooks.sources.commits import walk_path_names

    branchy_history(git_repo, commit)
    root = str(git_repo)
    since_sha = git(git_repo, 'rev-parse', since).strip() if since else None
    walk, expected = walk_path_names(root, ['--all', '--not', since_sha] if since_sha else ['--all'])
    walk.wait()
    log = history.CommitLog(root, since_sha, names=True)
    try:
        assert log.added_names() == expected
    finally:
        log.close()
    assert (b'vendor/lib' in expected) is (since is None)
    assert b'side/new.py' in expected


def test_a_key_only_in_a_renamed_folder_or_a_blob_s_second_path_name(git_repo, keys):
    """Path names where a listing of objects names none (``rev-list
    --objects`` names each object once: a folder renamed keeps its tree, a
    copy keeps its blob): the walk of the trees' diffs names them, with the
    commit that added each."""
    in_folder, in_copy = keys(), keys()
    write(git_repo, 'old/f.py', 'x = 1\n')
    write(git_repo, 'a.txt', 'same\n')
    commit(git_repo, 'init')
    git(git_repo, 'mv', 'old', in_folder)
    write(git_repo, f'copy.{in_copy}.txt', 'same\n')
    added = commit(git_repo, 'rename and copy')
    git(git_repo, 'mv', in_folder, 'plain')
    os.unlink(git_repo / f'copy.{in_copy}.txt')
    commit(git_repo, 'names back')
    objects = git(git_repo, 'rev-list', '--objects', '--all')
    assert in_folder not in objects and in_copy not in objects
    assert sorted((f['path'], f['hashed_secret'], f['commit']) for f in findings()) == sorted([
        ('<path name>', hash_secret(in_folder), added), ('<path name>', hash_secret(in_copy), added)])


def test_a_log_too_large_to_keep_is_walked_again(git_repo, keys):
    """Past its ``keep`` bytes the kept walk is dropped (memory stays
    bounded) and attribution walks again: the same answer."""
    key = keys()
    write(git_repo, 'k.py', f'K = "{key}"\n')
    commit(git_repo, 'add')
    root = str(git_repo)
    kept = history.CommitLog(root, None)
    dropped = history.CommitLog(root, None, keep=0)
    try:
        assert b''.join(dropped.output()) == b''.join(kept.output())
        assert dropped.chunks is None
    finally:
        kept.close()
        dropped.close()


def test_commit_messages_are_screened_a_batch_at_a_time(git_repo, keys, monkeypatch):
    """Commits are asked the blob test a batch at a time: a batch with no
    keyword costs no scan of each message, a batch with one is halved down
    to the commits that hold it, and every key is still found, with the
    same commit, wherever it falls in a batch."""
    from together_hooks.sources import commits as commits_source

    in_message, in_author = keys(), keys()
    picked = {7: f'deploy with {in_message}', 30: 'together we rewrite it', 31: f'x "{in_message}"'}
    for i in range(45):
        write(git_repo, 'f.py', f'x = {i}\n')
        who = (f'Eve {in_author}', 'eve@example.com') if i == 19 else ALICE
        commit(git_repo, picked.get(i, f'change {i}'), who=who)
    shas = git(git_repo, 'rev-list', '--reverse', 'HEAD').split()
    scanner = Scanner()
    found = _counting(scanner, 'commit',
                      lambda scan, worth: commits_source.commit_messages(str(git_repo), shas, scan, worth))

    every, scanned_all = found(None)
    assert {h for _p, _c, hs in every for h in hs} == {hash_secret(in_message), hash_secret(in_author)}
    assert [c for _p, c, _h in every] == [shas[7], shas[19]]
    for batch in (1, 150, 600, 1 << 20):
        monkeypatch.setattr(commits_source, '_BATCH', batch)
        screened, scanned = found(scanner.blob_test(0))
        assert screened == every
        if batch == 600:  # a few commits a batch: most batches hold no keyword
            assert scanned < scanned_all // 3
        if batch == 1 << 20:  # one batch: only the commits holding a keyword
            worth = scanner.blob_test(0)
            alone = [s for s in shas if worth(git(git_repo, 'cat-file', 'commit', s).encode())]
            assert scanned <= 2 * len(alone) < scanned_all // 4


def _counting(scanner, field, messages):
    """``found(worth)``: each revision ``messages(scan, worth)`` yields as
    (path, its ``field``, its keys' hashes), and how many scans the source
    asked of ``scan`` (a counting ``scanner.scan_one``)."""
    calls = []

    def counted(content):
        calls.append(content)
        return scanner.scan_one(content)

    def found(worth):
        calls.clear()
        got = [
            (r.path, getattr(r, field), tuple(f.hashed_secret for f in scanner.scan_one(r)))
            for r in messages(counted, worth)
        ]
        return got, len(calls)

    return found


def test_tag_messages_are_screened_as_commit_messages_are(git_repo, keys, monkeypatch):
    """``--history`` asks annotated tags the blob test a batch at a time,
    as it asks commits (``_Batch``): a clean tag costs no scan of its
    header and message (each cost a pipeline scan), and every key is
    still found, in the same tags and order: in a message, in a tagger's
    name, in a tag only another tag names, a legacy key beside a Together
    name."""
    from together_hooks.sources import commits as commits_source

    in_message, in_tagger, inner = keys(), keys(), keys()
    legacy = make_hex(random.Random('tag legacy'))
    write(git_repo, 'r.txt', 'x\n')
    commit(git_repo, 'init')
    for i in range(30):
        git(git_repo, 'tag', '-a', f'v{i:02}', '-m', f'release {i}\n\nclean notes')
    git(git_repo, 'tag', '-a', 'v05b', '-m', f'deploy with {in_message}')
    git(git_repo, '-c', f'user.name=ci {in_tagger}', 'tag', '-a', 'v17b', '-m', 'clean')
    git(git_repo, 'tag', '-a', 'inner', '-m', f'inner {inner}')
    git(git_repo, 'tag', '-a', 'outer', 'inner', '-m', 'a tag of a tag')
    git(git_repo, 'tag', '-d', 'inner')  # only ``outer`` names it now
    git(git_repo, 'tag', '-a', 'v29b', '-m', f'TOGETHER_API_KEY={legacy}')
    tags = git(git_repo, 'for-each-ref', '--format=%(objectname)', 'refs/tags').split()
    scanner = Scanner()
    found = _counting(scanner, 'tag',
                      lambda scan, worth: commits_source.tag_messages(str(git_repo), tags, scan, worth))

    every, scanned_all = found(None)
    assert {h for _p, _t, hs in every for h in hs} == {
        hash_secret(k) for k in (in_message, in_tagger, inner, legacy)}
    for batch in (1, 300, 1 << 20):
        monkeypatch.setattr(commits_source, '_BATCH', batch)
        screened, scanned = found(scanner.blob_test(0))
        assert screened == every
        if batch == 1 << 20:  # one batch: only the tags holding a keyword
            assert scanned <= 2 * 4 * 2 and scanned_all >= 2 * 34, (scanned, scanned_all)


def test_a_clean_history_says_how_much_it_read(git_repo):
    """A clean ``scan --history`` counts the blob versions it read (every
    version once), not the few contents it hands on: never "0 files"."""
    import re

    for i in range(3):
        write(git_repo, 'a.py', f'x = {i}\n' * 50_000)
        commit(git_repo, f'c{i}')
    write(git_repo, 'b.md', '# doc\n')
    commit(git_repo, 'doc')
    r = scan('--history', cwd=git_repo)
    assert r.rc == 0, r.err
    said = re.match(r'together-hooks: (\d+) commits?, (\d+) blobs?, (\d+\.\d) MB, no Together keys', r.err)
    assert said and said.groups() == ('4', '4', '0.9'), r.err
    assert scan('--history', '--format', 'json', cwd=git_repo).json()['summary']['blobs_scanned'] == 4


def _history_in_process(repo, monkeypatch, capsys, log, slow_pid=None):
    """``scan --history --format json`` run in this process with the blob
    scan forked however small the history (``FORK_MIN_BYTES``); each read
    of commit objects and the start of attribution are written to ``log``
    (by whichever process does them: appends are atomic); ``slow_pid``:
    'parent' or 'child', whose share of the blobs ends only when the other
    process has begun reading the commit messages (it was two seconds of
    sleep; a wait for what it waited for costs none where the code is
    right, and where it is not, 30 s and the test fails)."""
    import time

    from together_hooks.cli import main
    from together_hooks.sources import commits as commits_source
    from together_hooks.sources import parallel

    if not parallel.available():
        pytest.skip('no fork, or one core: the blob scan runs in one process')
    monkeypatch.setattr(history, 'FORK_MIN_BYTES', 0)
    me = os.getpid()

    def note(what: str) -> None:
        side = 'parent' if os.getpid() == me else 'child'
        with open(log, 'a') as f:
            f.write(f'{what} {side}\n')

    commit_shas = set(git(repo, 'rev-list', '--all').split())
    streamed = commits_source.stream_blobs

    def spied(root, shas, *args, **kwargs):
        shas = list(shas)
        if shas and all(
                (s.decode() if isinstance(s, bytes) else s) in commit_shas for s in shas
        ):
            note('messages')
        return streamed(root, shas, *args, **kwargs)

    monkeypatch.setattr(commits_source, 'stream_blobs', spied)
    attribute = history.attribute

    def noted(*args, **kwargs):
        note('attribute')
        return attribute(*args, **kwargs)

    monkeypatch.setattr(history, 'attribute', noted)
    part = history._discover_part

    def timed(*args, **kwargs):
        got = part(*args, **kwargs)
        side = 'parent' if os.getpid() == me else 'child'
        if slow_pid == side:  # done last: once the other has begun the messages
            other = f"messages {'child' if side == 'parent' else 'parent'}\n"
            deadline = time.monotonic() + 30  # a code that never lets it: the test fails
            while time.monotonic() < deadline:
                with open(log) as f:
                    if other in f.read():
                        break
                time.sleep(0.005)
        return got

    monkeypatch.setattr(history, '_discover_part', timed)
    monkeypatch.chdir(repo)
    open(log, 'w').close()
    rc = main(['scan', '--history', '--format', 'json'])
    out = capsys.readouterr().out
    import json

    found = sorted(
        (f['path'], f['line'], f['hashed_secret'], f['commit'])
        for f in json.loads(out)['findings']
    )
    with open(log) as f:
        return rc, found, f.read().split('\n')[:-1]


def test_commit_messages_are_read_beside_the_blob_scan(git_repo, keys, monkeypatch, capsys, tmp_path):
    """The commit messages are read by whichever process of the forked
    blob scan is done with its blobs first, while the other still scans
    (``history.Beside``), not by one process after attribution with the
    second core idle; whichever does it, the same keys are found with the
    same commits as by one process."""
    in_file, in_message = keys(), keys()
    for i in range(6):
        write(git_repo, f'f{i}.py', 'pad\n' * 50 + (f'K = "{in_file}"\n' if i == 2 else ''))
        commit(git_repo, f'deploy with {in_message}' if i == 4 else f'c{i}')
    log = str(tmp_path / 'log')
    routes = {}
    for slow in ('child', 'parent', None):
        rc, found, events = _history_in_process(git_repo, monkeypatch, capsys, log, slow)
        monkeypatch.undo()  # each route spies on the code as it is
        assert rc == 1
        routes[slow] = found
        assert [e for e in events if e.startswith('messages')], events
        read, attributed = (
            next(i for i, e in enumerate(events) if e.startswith(what))
            for what in ('messages', 'attribute')
        )
        assert read < attributed, events  # beside the blobs, not after them
        if slow is not None:  # the other process was free first
            assert events[read] == 'messages ' + ('parent' if slow == 'child' else 'child'), events
    assert routes['child'] == routes['parent'] == routes[None]
    assert {h for _p, _l, h, _c in routes[None]} == {hash_secret(in_file), hash_secret(in_message)}
    assert sorted(
        (f['path'], f['line'], f['hashed_secret'], f['commit']) for f in findings(cwd=git_repo)
    ) == routes[None]


def test_a_forked_history_scan_prepares_the_engine_before_it_forks(git_repo, keys, tmp_path):
    """What the first blob holding a key word loads and compiles (the
    engine's regexes, the decoders' modules: ``engine.prepare``) is done
    once before discovery forks, not again by each process on its own."""
    for i in range(4):
        write(git_repo, f'f{i}.py', 'pad\n' * 200 + f'together = "{keys()}"\n')
        commit(git_repo, f'c{i}')
    seen = tmp_path / 'seen'
    seen.mkdir()
    code = (
        'import os, sys\n'
        'from together_hooks.cli import main\n'
        'from together_hooks import pipeline\n'
        'from together_hooks.sources import history\n'
        'history.FORK_MIN_BYTES = 0\n'
        'scan_one = pipeline.Scanner.scan_one\n'
        'def first(self, content, *rest):\n'
        f'    name = os.path.join({str(seen)!r}, str(os.getpid()))\n'
        '    if not os.path.exists(name):\n'
        '        with open(name, "w") as f:\n'
        '            f.write(" ".join(m for m in sys.modules if m.startswith("together_hooks.detect.")))\n'
        '    return scan_one(self, content, *rest)\n'
        'pipeline.Scanner.scan_one = first\n'
        'sys.exit(main(["scan", "--history", "--format", "json"]))\n'
    )
    proc = subprocess.run((sys.executable, '-c', code), cwd=git_repo, capture_output=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert len(json.loads(proc.stdout)['findings']) == 4
    loaded = [p.read_text().split() for p in seen.iterdir()]
    assert len(loaded) == 2, loaded  # both processes of the forked discovery scanned
    for modules in loaded:
        for module in ('codec', 'containers', 'context', 'shapes', 'widetext'):
            assert f'together_hooks.detect.{module}' in modules, (module, modules)
