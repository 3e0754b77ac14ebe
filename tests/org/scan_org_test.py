"""``together-hooks scan-org``: real repositories, a real HTTP API on loopback,
a killed coordinator, and a real Dask cluster with a worker killed mid-run."""
from __future__ import annotations

import contextlib
import http.server
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from tests.cli_run import BIN
from tests.cli_run import assert_error_line
from tests.cli_run import run
from tests.cli_run import run_in_process
from tests.conftest import git

ALICE = ('Alice', 'alice@example.com')


def scan_org(*args: str, cwd='.', env: dict | None = None, process: bool = False):
    """``together-hooks scan-org`` run to its end (``env``: variables added
    to this process's environment).  In process (its ``main(argv)``: its
    exit code and what it wrote, every thread, scan process and git it
    started ended, signals and the environment as they were; a start costs
    ~0.1 CPU-s, and the org tests make ~150 of these runs) where the test
    is about what it answers.  A real process where the process is the
    subject: every test that starts it with ``Popen`` to kill, stop, limit
    or watch it; ``--scheduler`` (a Dask client's threads); off the main
    thread (two runs at once: signals are the main thread's); and with
    ``process``, where the test's own server thread outlives the run
    (mirror_test's stalled clone)."""
    if '--scheduler' not in args and not process and threading.current_thread() is threading.main_thread():
        return run_in_process('together-hooks', 'scan-org', *args, cwd=cwd,
                              env=None if env is None else dict(os.environ, LC_ALL='C.UTF-8', **env))
    if env is None:
        return run('together-hooks', 'scan-org', *args, cwd=cwd)
    from tests.cli_run import CAPTURED
    from tests.cli_run import Result

    proc = subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'scan-org', *args), cwd=cwd,
        env=dict(os.environ, LC_ALL='C.UTF-8', **env), capture_output=True, timeout=120,
    )
    result = Result(proc)
    CAPTURED.extend((result.out, result.err))
    return result


_INITS: dict[str, str] = {}  # author -> the repository new_repo copies for it


def new_repo(path, name: str = 'Dev') -> str:
    """A repository at ``path`` whose commits ``name`` makes: a copy of one
    ``git init`` with its settings, made once a process for each author (the
    org tests make hundreds: four gits each).  No automatic maintenance
    after each commit: a git process a commit, which never had anything
    to do in repositories of a few commits."""
    import shutil

    template = _INITS.get(name)
    if template is None:
        import atexit
        import tempfile

        top = tempfile.mkdtemp(prefix='org-new-repo-')
        atexit.register(shutil.rmtree, top, True)
        template = os.path.join(top, 'repo')
        os.makedirs(template)
        git(template, 'init', '-q', '-b', 'main')
        git(template, 'config', 'user.email', f'{name.lower()}@example.com')
        git(template, 'config', 'user.name', name)
        git(template, 'config', 'commit.gpgsign', 'false')
        git(template, 'config', 'maintenance.auto', 'false')
        _INITS[name] = template
    shutil.copytree(template, path, symlinks=True)
    return str(path)


def commit(repo, files: dict[str, str | None], msg: str = 'c') -> str:
    for rel, text in files.items():
        full = os.path.join(repo, rel)
        if text is None:
            os.unlink(full)
            continue
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, 'w', encoding='utf-8') as f:
            f.write(text)
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', msg)
    return git(repo, 'rev-parse', 'HEAD').strip()


def key_repo(path, key: str, rel: str = 'config.py') -> tuple[str, str]:
    """A repository whose history holds ``key``, added and then removed:
    its three commits written by one ``git fast-import`` (Dev's, dated
    now) and checked out, two gits where three commits took nine (the org
    tests make ~70 of these a run)."""
    repo = new_repo(path)

    def data(text: str) -> bytes:
        raw = text.encode()
        return b'data %d\n%s\n' % (len(raw), raw)

    stream = b''
    for n, (message, name, text) in enumerate((
            ('c', 'README.md', f'# {os.path.basename(str(path))}\n'),
            ('add settings', rel, f'TOGETHER_API_KEY = "{key}"\n'),
            ('rm', rel, 'import os\nTOGETHER_API_KEY = os.environ["TOGETHER_API_KEY"]\n'),
    ), 1):
        stream += (b'commit refs/heads/main\nmark :%d\ncommitter Dev <dev@example.com> now\n' % n
                   + data(message + '\n') + b'M 100644 inline ' + name.encode() + b'\n' + data(text))
    marks = os.path.join(repo, '.git', 'key-repo-marks')
    subprocess.run(('git', 'fast-import', '--quiet', '--date-format=now', f'--export-marks={marks}'),
                   cwd=repo, input=stream, check=True, capture_output=True)
    with open(marks) as f:
        added = dict(line.split() for line in f)[':2']
    os.unlink(marks)
    git(repo, 'reset', '-q', '--hard')
    return repo, added


def hashed(key: str) -> str:
    import hashlib

    return hashlib.sha1(key.encode()).hexdigest()


def found(result) -> set[tuple[str, str, str, str]]:
    """(repo, commit or object, path, hashed_secret) of each JSON finding."""
    return {
        (f['repo'], f.get('commit', f.get('object', '')), f['path'], f['hashed_secret'])
        for f in result.json()['findings']
    }


def stored(store) -> set[tuple]:
    with sqlite3.connect(store) as db:
        return set(db.execute('SELECT repo, "commit", path, hashed_secret, line FROM findings'))


def write_lines(path, *lines: str) -> str:
    with open(path, 'w', encoding='utf-8') as f:
        f.write(''.join(line + '\n' for line in lines))
    return str(path)


# --------------------------------------------------------------- local repos

def test_local_and_file_url_repositories(tmp_path, keys):
    k1, k2, k3 = keys(), keys(), keys()
    r1, c1 = key_repo(tmp_path / 'one', k1)
    r2, c2 = key_repo(tmp_path / 'two', k2, 'deploy/.env.example')
    r3, c3 = key_repo(tmp_path / 'three-src', k3)
    bare = str(tmp_path / 'three.git')
    git(tmp_path, 'clone', '-q', '--bare', r3, bare)
    clean = new_repo(tmp_path / 'clean')
    commit(clean, {'a.txt': 'nothing here\n'})
    repos = write_lines(tmp_path / 'repos.txt', '# the org', 'one', r2, f'file://{bare}', 'clean')
    store = str(tmp_path / 'audit.sqlite')
    args = ('--repos', repos, '--store', store, '--cache-dir', str(tmp_path / 'cache'))

    first = scan_org(*args, '--workers', '2', '--format', 'json')
    assert first.rc == 1, first.err
    assert found(first) == {
        (r1, c1, 'config.py', hashed(k1)),
        (r2, c2, 'deploy/.env.example', hashed(k2)),
        (f'file://{bare}', c3, 'config.py', hashed(k3)),
    }
    for f in first.json()['findings']:
        assert f['author'] == 'Dev <dev@example.com>' and f['line'] == 1
        assert re.fullmatch(r'tgp_v1_\S\S…\S\S', f['redacted'])
    assert '4 repositories (4 scanned, 0 unchanged, 0 failed)' in first.err
    # The store holds no key in any form.
    with open(store, 'rb') as f:
        raw = f.read()
    assert not any(k.encode() in raw or k[7:].encode() in raw for k in (k1, k2, k3))

    # Rerun: refs and rules unchanged, nothing rescanned, the same answer.
    again = scan_org(*args, '--format', 'json')
    assert again.rc == 1 and found(again) == found(first)
    assert '(0 scanned, 4 unchanged, 0 failed)' in again.err
    # A new commit in one repository: that one alone is scanned again.
    k4 = keys()
    c4 = commit(r1, {'later.py': f'together_key = "{k4}"\n'})
    third = scan_org(*args, '--format', 'json')
    assert '(1 scanned, 3 unchanged, 0 failed)' in third.err
    assert found(third) == found(first) | {(r1, c4, 'later.py', hashed(k4))}

    text = scan_org('report', '--store', store)
    assert text.rc == 1
    assert f'{r2}: deploy/.env.example:1: together-api-key' in text.out
    assert 'api.together.xyz/settings/api-keys' in text.out


def test_sarif_report_is_valid_and_one_run_per_repository(tmp_path, keys):
    import jsonschema

    r1, _ = key_repo(tmp_path / 'a', keys())
    r2, _ = key_repo(tmp_path / 'b', keys())
    store = str(tmp_path / 's.sqlite')
    scan_org('--repos', write_lines(tmp_path / 'r.txt', r1, r2), '--store', store,
             '--cache-dir', str(tmp_path / 'cache'))
    result = scan_org('report', '--store', store, '--format', 'sarif')
    assert result.rc == 1
    # Options go before the action too, as the usage line shows them.
    before = scan_org('--store', store, '--format', 'sarif', 'report')
    assert (before.rc, before.out) == (1, result.out), before.err
    doc = json.loads(result.out)
    schema_path = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'sarif-schema-2.1.0.json')
    with open(schema_path, encoding='utf-8') as f:
        jsonschema.validate(doc, json.load(f))
    assert [r['versionControlProvenance'][0]['repositoryUri'] for r in doc['runs']] == [
        f'file://{r1}', f'file://{r2}',
    ]
    assert all(len(r['results']) == 1 for r in doc['runs'])


def test_reports_identify_each_key_and_path_as_scan_does(tmp_path, keys):
    """One key in two files of one repository is two code-scanning alerts,
    with the fingerprint ``scan --history`` gives each (rule, key, path);
    the text report names the whole hashed_secret, which ``rotate-help
    --hashed-secret`` and a baseline take."""
    import jsonschema

    key = keys()
    repo = new_repo(tmp_path / 'one')
    commit(repo, {'a.py': f'TOGETHER_API_KEY = "{key}"\n', 'b/c.py': f'together_key = "{key}"\n'})
    store = str(tmp_path / 's.sqlite')
    args = ('--repos', write_lines(tmp_path / 'r.txt', repo), '--store', store,
            '--cache-dir', str(tmp_path / 'cache'))
    result = scan_org(*args, '--format', 'sarif')
    assert result.rc == 1, result.err
    doc = json.loads(result.out)
    schema_path = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'sarif-schema-2.1.0.json')
    with open(schema_path, encoding='utf-8') as f:
        jsonschema.validate(doc, json.load(f))
    org = {
        r['locations'][0]['physicalLocation']['artifactLocation']['uri']: r['partialFingerprints']
        for r in doc['runs'][0]['results']
    }
    history = run('together-hooks', 'scan', '--history', '--format', 'sarif', cwd=repo)
    assert history.rc == 1, history.err
    scan = {
        r['locations'][0]['physicalLocation']['artifactLocation']['uri']: r['partialFingerprints']
        for r in json.loads(history.out)['runs'][0]['results']
    }
    assert set(org) == {'a.py', 'b/c.py'}
    assert org['a.py'] != org['b/c.py']
    assert org == scan

    text = scan_org('report', '--store', store)
    assert text.rc == 1
    assert text.out.count(f'(hashed_secret {hashed(key)})') == 2, text.out
    rotate = run('together-hooks', 'rotate-help', '--hashed-secret', hashed(key), cwd=repo)
    assert rotate.rc == 0, rotate.err


def test_failures_are_listed_and_exit_2(tmp_path, keys):
    r1, _ = key_repo(tmp_path / 'ok', keys())
    missing = f'file://{tmp_path}/gone.git'
    store = str(tmp_path / 's.sqlite')
    result = scan_org('--repos', write_lines(tmp_path / 'r.txt', r1, missing),
                      '--store', store, '--cache-dir', str(tmp_path / 'cache'))
    assert result.rc == 2
    assert f'{missing}: NOT SCANNED: git clone' in result.out
    assert f'{missing}: not scanned:' in result.err
    assert '(1 scanned, 0 unchanged, 1 failed)' in result.out
    assert scan_org('report', '--store', store).rc == 2

    slow = scan_org('--repos', write_lines(tmp_path / 'r2.txt', r1), '--store',
                    str(tmp_path / 't.sqlite'), '--cache-dir', str(tmp_path / 'c2'),
                    '--timeout', '0.001')
    assert slow.rc == 2 and 'timed out after 0.001s' in slow.out



def test_a_cause_that_differs_only_in_how_long_it_took_is_one_cause():
    """curl says how long a refused connection took (``after 0 ms``,
    ``after 1 ms``): two repositories of one dead server are one cause
    whatever each took (ci50 split them: a line each, the cause buried
    again); another cause stays its own line."""
    from together_hooks.cli.scan_org import failure_lines

    dead = [f'http://127.0.0.1:1/r{i}.git' for i in range(3)]
    why = ("git clone failed: fatal: unable to access '{}/': Failed to connect to 127.0.0.1 port 1 "
           "after {} ms: Couldn't connect to server")
    lines = failure_lines([(url, why.format(url, ms)) for url, ms in zip(dead, (0, 1, 12))]
                          + [('file:///x/gone.git', 'git clone failed: fatal: no such repository')])
    assert lines == [
        f'3 repositories not scanned ({dead[0]}, {dead[1]}, {dead[2]}): '
        + why.format('<repository>', 0),
        'file:///x/gone.git: not scanned: git clone failed: fatal: no such repository',
    ], lines


def test_repositories_failing_for_one_cause_are_one_line_on_stderr(tmp_path):
    """A server gone halfway fails every repository left with one error:
    said once per repository on stderr (and again by a text report on the
    terminal), 146 lines buried the cause. stderr says each cause once,
    naming the first repositories and how many more; the report lists
    each. git's cause is its first ``fatal:`` line, not the advice after
    it ("and the repository exists.")."""
    gone = [f'file://{tmp_path}/gone{i}.git' for i in range(5)]
    dead = [f'http://127.0.0.1:1/r{i}.git' for i in range(2)]
    result = scan_org('--repos', write_lines(tmp_path / 'r.txt', *gone, *dead),
                      '--store', str(tmp_path / 's.sqlite'), '--cache-dir', str(tmp_path / 'c'))
    assert result.rc == 2, result.err
    lines = [line for line in result.err.splitlines() if 'not scanned' in line]
    assert lines[0] == (
        f'together-hooks: scan-org: 5 repositories not scanned ({gone[0]}, {gone[1]}, '
        f"{gone[2]} and 2 more): git clone failed: fatal: '<repository>' does not "
        'appear to be a git repository'
    ), lines
    assert lines[1].startswith(
        f'together-hooks: scan-org: 2 repositories not scanned ({dead[0]}, {dead[1]}): '
        "git clone failed: fatal: unable to access '<repository>/'"), lines
    assert len(lines) == 3 and 'by cause' in lines[2], lines
    assert 'repository exists' not in result.out + result.err
    for url in gone + dead:
        assert result.out.count(f'{url}: NOT SCANNED: git clone failed: fatal: ') == 1, result.out


def test_a_repository_named_with_a_key_leaves_no_part_of_it_in_the_cache(tmp_path, keys):
    """The cache folder is named after the URL's last part, cut to 40
    characters: cut before it was scrubbed, it kept ``tgp_v1_`` and 33
    characters of a key, which no scrubbing recognises once cut, and an
    error naming the folder showed them."""
    from together_hooks.org.mirror import entry_name

    key = keys()
    repo, _ = key_repo(tmp_path / key, keys())
    cache = tmp_path / 'cache'
    (cache / f'{entry_name((repo,))}.lock').mkdir(parents=True)  # in the way
    result = scan_org('--repos', write_lines(tmp_path / 'r.txt', repo),
                      '--store', str(tmp_path / 's.sqlite'), '--cache-dir', str(cache))
    assert result.rc == 2 and 'Is a directory' in result.out
    assert not any(key[9:21] in text for text in (result.out, result.err, *os.listdir(cache)))


@pytest.mark.parametrize(('args', 'words'), [
    (('--repos', 'r.txt'), ('--store',)),
    (('--store', 's.sqlite'), ('--repos', '--github-org')),
    (('--repos', 'nope.txt', '--store', 's.sqlite'), ('nope.txt', 'cannot read')),
    (('--repos', '/dev/zero', '--store', 's.sqlite'), ('/dev/zero', 'not a regular file')),
    (('--repos', 'r.txt', '--store', 's.sqlite', '--shard', '2/2'), ('--shard',)),
    (('--repos', 'r.txt', '--store', 's.sqlite', '--workers', '0'), ('--workers',)),
    (('--repos', 'r.txt', '--store', 's.sqlite', '--worker-wait', '0'), ('--worker-wait',)),
    (('--repos', 'r.txt', '--store', 's.sqlite', '--worker-wait', 'nan'), ('--worker-wait',)),
    (('--repos', 'r.txt', '--store', 's.sqlite', '--scheduler', 'http://x:1'), ('tcp://',)),
    # An internal error (Dask's own ValueError) for these, or a wait to connect.
    (('--repos', 'r.txt', '--store', 's.sqlite', '--scheduler', 'tcp://127.0.0.1:8786/x'), ('HOST:PORT',)),
    (('--repos', 'r.txt', '--store', 's.sqlite', '--scheduler', 'tcp://u:p@127.0.0.1:1'), ('HOST:PORT',)),
    (('--repos', 'r.txt', '--store', 's.sqlite', '--scheduler', 'tcp://127.0.0.1:port'), ('HOST:PORT',)),
    (('--repos', 'r.txt', '--store', 's.sqlite', '--scheduler', 'tcp://127.0.0.1:99999'), ('HOST:PORT',)),
    (('--repos', 'r.txt', '--store', 's.sqlite', '--scheduler', 'tcp://[::1:8786'), ('HOST:PORT',)),
    (('--github-org', 'o', '--store', 's.sqlite', '--github-api-url', 'http://example.com'),
     ('https://',)),
    (('report', '--store', 'missing.sqlite'), ('no such store',)),
    (('--repos', 'creds.txt', '--store', 's.sqlite'), ('credentials', 'GITHUB_TOKEN')),
    (('report', '--store', 'r.txt'), ('not a scan-org store',)),
    # It was "disk I/O error ... free some space".
    (('--repos', 'r.txt', '--store', 'fifo'), ('fifo', 'not a regular file')),
    (('merge', '--store', 'r.txt', 'r.txt'), ('is the store being written',)),
    (('merge', '--store', 'r.txt', 'missing.sqlite'), ('missing.sqlite', 'no such store')),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, args, words):
    write_lines(tmp_path / 'r.txt', 'https://example.invalid/a.git')
    os.mkfifo(tmp_path / 'fifo')
    # Built here so no credential-shaped URL sits in the source.
    write_lines(tmp_path / 'creds.txt', 'https://user:' + 'hunter2' + '@example.invalid/a.git')
    # In process (``main(argv)``, its exit code and what it printed): each is
    # refused before any pool, scan process or Dask client is started.
    result = run_in_process('together-hooks', 'scan-org', *args, cwd=tmp_path)
    assert_error_line(result, *words)
    assert 'hunter2' not in result.err


@pytest.fixture(scope='module')
def six_key_repos(tmp_path_factory):
    """(listing, reference store, keys): six repositories, each with a key
    in its history, and the store of a local run over them that never
    failed.  The shard, killed-coordinator and Dask tests each built five
    or six of their own and made that reference run again; they only read
    them (each clones into a cache and writes a store of its own), so they
    are built, and the reference run made, once a run (``tests/once``).
    Their keys are made here: each test checks its output holds none."""
    from tests.once import once

    def build() -> tuple[str, str, list[str]]:
        import random

        from tests.cli_run import leaked
        from tests.keys import make_key

        top = tmp_path_factory.mktemp('six-key-repos')
        rng = random.Random('six-key-repos')
        made = [make_key(rng) for _ in range(6)]
        repos = [key_repo(top / f'r{i}', key)[0] for i, key in enumerate(made)]
        listing = write_lines(top / 'r.txt', *repos)
        reference = str(top / 'ref.sqlite')
        first = scan_org('--repos', listing, '--store', reference, '--cache-dir', str(top / 'c0'))
        assert first.rc == 1, first.err
        assert '6 repositories (6 scanned, 0 unchanged, 0 failed)' in first.out, first.out
        assert leaked(made, first.out, first.err) == []
        return listing, reference, made
    return once(tmp_path_factory, 'six-key-repos', build)


def _none_leaked(made: list[str]) -> None:
    from tests.cli_run import CAPTURED
    from tests.cli_run import leaked

    assert leaked(made, *CAPTURED) == []


def test_shards_split_the_work_and_merge_joins_them(tmp_path, keys, six_key_repos):  # keys: CAPTURED cleared
    listing, whole, made = six_key_repos  # whole: a run of the listing unsharded
    cache = str(tmp_path / 'cache')
    parts = []
    for i in range(2):
        store = str(tmp_path / f's{i}.sqlite')
        result = scan_org('--repos', listing, '--store', store, '--cache-dir', cache,
                          '--shard', f'{i}/2', '--format', 'json')
        assert result.rc in (0, 1)
        parts.append(store)
    merged = str(tmp_path / 'all.sqlite')
    assert scan_org('merge', '--store', merged, *parts).rc == 0
    shard_sets = [stored(p) for p in parts]
    assert sum(len(s) for s in shard_sets) == len(stored(whole)) == 6
    assert stored(merged) == stored(whole)
    assert scan_org('report', '--store', merged, '--format', 'json').rc == 1
    _none_leaked(made)


# --------------------------------------------------------------- fork network

def fork_network(tmp_path, keys, count: int = 20) -> tuple[list[str], dict]:
    """A parent with shared history and ``count - 1`` diverged clones."""
    parent = new_repo(tmp_path / 'net' / 'parent')
    for i in range(8):
        commit(parent, {f'src/mod{i}.py': f'VALUE = {i}\n' * (i + 1)})
    shared_key = keys()
    shared_commit = commit(parent, {'settings.py': f'TOGETHER_API_KEY = "{shared_key}"\n'})
    commit(parent, {'settings.py': 'TOGETHER_API_KEY = None\n'})
    urls = [f'file://{parent}']
    own = {}
    for i in range(1, count):
        fork = str(tmp_path / 'net' / f'fork{i:02d}')
        git(tmp_path, 'clone', '-q', parent, fork)
        git(fork, 'config', 'user.email', 'f@example.com')
        git(fork, 'config', 'user.name', f'Fork {i}')
        files = {f'fork{i}.txt': f'fork {i}\n', 'src/mod0.py': f'VALUE = {100 + i}\n'}
        if i in (3, 11):
            own[i] = keys()
            files['local.py'] = f'together_api_key = "{own[i]}"\n'
        own_commit = commit(fork, files)
        if i in own:
            own[i] = (own[i], own_commit)
        urls.append(f'file://{fork}')
    return urls, {'shared': (shared_key, shared_commit), 'own': own}


def reachable_blobs(repo: str) -> set[str]:
    out = git(repo, 'rev-list', '--objects', '--all', '--no-object-names',
              '--filter=object:type=blob', '--filter-provided-objects')
    return set(out.split())


def test_fork_network_scans_each_blob_once_and_attributes_to_each_fork(tmp_path, keys):
    urls, planted = fork_network(tmp_path, keys)
    paths = [u[len('file://'):] for u in urls]
    per_fork = [reachable_blobs(p) for p in paths]
    distinct = set().union(*per_fork)
    assert len(distinct) < sum(len(b) for b in per_fork) / 4  # they share
    store = str(tmp_path / 'net.sqlite')
    result = scan_org('--repos', write_lines(tmp_path / 'r.txt', ' '.join(urls)),
                      '--store', store, '--cache-dir', str(tmp_path / 'cache'),
                      '--format', 'json')
    assert result.rc == 1, result.err
    assert (f'20 repositories (20 scanned, 0 unchanged, 0 failed), '
            f'{len(distinct)} distinct blobs scanned in 1 object store(s)') in result.err
    shared_key, shared_commit = planted['shared']
    expected = {(u, shared_commit, 'settings.py', hashed(shared_key)) for u in urls}
    for i, (key, sha) in planted['own'].items():
        expected.add((urls[i], sha, 'local.py', hashed(key)))
    assert found(result) == expected
    # One object store for the network, each fork's refs under refs/forks/.
    entries = [e for e in os.listdir(tmp_path / 'cache') if not e.endswith('.lock')]
    assert len(entries) == 1 and entries[0].startswith('net-')
    refs = git(str(tmp_path / 'cache' / entries[0]), 'for-each-ref', '--format=%(refname)')
    assert len({r.split('/')[2] for r in refs.split()}) == 20


# ------------------------------------------------------------ fake GitHub API

class FakeGitHub(http.server.BaseHTTPRequestHandler):
    """The API's routes, and under ``/git/`` the repositories of ``served``
    (a folder) over git's plain ("dumb") HTTP protocol: what a clone URL on
    the API's own host gives."""

    routes: dict = {}
    seen: list = []
    limited: set = set()
    served: str | None = None
    flaky: dict = {}  # path -> how many more times it answers 502
    failed_at: list = []  # (path, time.monotonic()) of each 502 answered
    # path -> routes that change once it is answered (a repository deleted
    # while the listing is read: the organisation's counts change)
    changes: dict = {}
    owner = True  # whether a token is an owner's (GitHub shows it the private count)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.seen.append((self.path, self.headers.get('Authorization')))
        plain = self.path.split('?')[0]
        if self.flaky.get(plain):  # a git host failing on the way: 502
            self.flaky[plain] -= 1
            self.failed_at.append((plain, time.monotonic()))
            self.send_response(502)
            self.send_header('Content-Length', '0')
            self.end_headers()
            return
        if self.path.startswith('/git/') and self.served:
            serve_file(self, os.path.join(self.served, self.path[len('/git/'):].split('?')[0]))
            return
        if self.path in self.limited:
            self.limited.discard(self.path)
            self.send_response(403)
            self.send_header('Retry-After', '1')
            self.send_header('Content-Type', 'application/json')
            self.end_headers()
            self.wfile.write(b'{"message": "secondary rate limit"}')
            return
        body, link = self.routes.get(self.path, (None, None))
        self.routes.update(self.changes.pop(self.path, {}))
        org = re.fullmatch(r'/orgs/([^/?]+)', self.path)
        if body is None and org:  # GET /orgs/ORG: its counts, as its listing has them
            body = self.org_counts(org[1])
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        if link:
            self.send_header('Link', link)
        self.end_headers()
        self.wfile.write(data)

    def org_counts(self, org: str) -> dict:
        """``public_repos`` of the listing's routes, and to a request with
        an owner's token ``owned_private_repos`` (GitHub shows it to the
        organisation's owners, a token with ``admin:org``, not to members)."""
        listed = [repo for path, (body, _) in self.routes.items()
                  if path.startswith(f'/orgs/{org}/repos') for repo in body]
        counts = {'login': org, 'public_repos': sum(not r.get('private') for r in listed)}
        if self.headers.get('Authorization') and self.owner:
            counts['owned_private_repos'] = sum(bool(r.get('private')) for r in listed)
        return counts

    def log_message(self, *args) -> None:
        pass


def serve_file(handler: http.server.BaseHTTPRequestHandler, path: str) -> None:
    """Answer with the file at ``path`` (git's dumb HTTP protocol reads a
    repository so), 404 when there is none."""
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError:
        handler.send_response(404)
        handler.end_headers()
        return
    handler.send_response(200)
    handler.send_header('Content-Length', str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def serve_repos(api: str, top, *names: str) -> dict[str, str]:
    """Each repository ``top/name`` cloneable from the fake API's host:
    name -> its clone URL there."""
    FakeGitHub.served = str(top)
    for name in names:
        git(top / name, 'update-server-info')
    return {name: f'{api}/git/{name}/.git' for name in names}


@pytest.fixture
def github():
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), FakeGitHub)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    FakeGitHub.routes, FakeGitHub.seen, FakeGitHub.limited = {}, [], set()
    FakeGitHub.served, FakeGitHub.flaky, FakeGitHub.failed_at = None, {}, []
    FakeGitHub.changes, FakeGitHub.owner = {}, True
    yield f'http://127.0.0.1:{server.server_address[1]}'
    server.shutdown()
    server.server_close()


def api_repo(name: str, url: str, **extra) -> dict:
    return {'name': name, 'full_name': f'acme/{name}', 'clone_url': url, 'fork': False,
            'archived': False, 'forks_count': 0, 'size': 1, **extra}


def test_github_org_paging_rate_limit_forks_and_token(tmp_path, keys, github):
    k_app, k_fork, k_old, k_own_fork = keys(), keys(), keys(), keys()
    app, app_commit = key_repo(tmp_path / 'app', k_app)
    # A fork of app outside the org, with a key of its own.
    outside = str(tmp_path / 'outside-fork')
    git(tmp_path, 'clone', '-q', app, outside)
    git(outside, 'config', 'user.email', 'x@example.com')
    git(outside, 'config', 'user.name', 'X')
    fork_commit = commit(outside, {'extra.py': f'TOGETHER_API_KEY = "{k_fork}"\n'})
    old, old_commit = key_repo(tmp_path / 'old', k_old)  # archived: scanned by default
    org_fork, _ = key_repo(tmp_path / 'org-fork', k_own_fork)  # a fork: off by default
    url = serve_repos(github, tmp_path, 'app', 'outside-fork', 'old', 'org-fork')
    page2 = '/orgs/acme/repos?per_page=100&type=all&page=2'
    FakeGitHub.routes = {
        '/orgs/acme/repos?per_page=100&type=all': (
            [api_repo('app', url['app'], forks_count=1, size=50)],
            f'<{github}{page2}>; rel="next", <{github}{page2}>; rel="last"',
        ),
        page2: ([api_repo('old', url['old'], archived=True),
                 api_repo('org-fork', url['org-fork'], fork=True)], None),
        '/repos/acme/app/forks?per_page=100': (
            [api_repo('app', url['outside-fork'], fork=True)], None,
        ),
    }
    FakeGitHub.limited = {page2}
    token = 'ghp_' + 'T3stT0ken' * 4
    store = str(tmp_path / 'gh.sqlite')
    base = ('--github-org', 'acme', '--github-api-url', github, '--store', store,
            '--format', 'json')

    result = scan_org(*base, '--cache-dir', str(tmp_path / 'c1'), env={'GITHUB_TOKEN': token})
    assert result.rc == 1, result.err
    assert found(result) == {
        (url['app'], app_commit, 'config.py', hashed(k_app)),
        (url['old'], old_commit, 'config.py', hashed(k_old)),
    }
    assert 'GitHub API rate limit; waiting 1s' in result.err
    # Retried after Retry-After, then read again by the listing's second
    # pass (a listing of two pages is read twice: listing_passes_test).
    assert [p for p, _ in FakeGitHub.seen].count(page2) == 3
    assert {a for p, a in FakeGitHub.seen if not p.startswith('/git/')} == {f'Bearer {token}'}
    assert {a for p, a in FakeGitHub.seen if p.startswith('/git/')} == {None}  # no TLS: no token
    with open(store, 'rb') as f:
        assert token.encode() not in f.read()
    assert token not in result.out + result.err

    FakeGitHub.seen.clear()
    with_forks = scan_org(*base, '--include-forks', '--cache-dir', str(tmp_path / 'c2'),
                          env={'GITHUB_TOKEN': token})
    assert with_forks.rc == 1, with_forks.err
    assert found(with_forks) == {
        (url['app'], app_commit, 'config.py', hashed(k_app)),
        (url['outside-fork'], app_commit, 'config.py', hashed(k_app)),
        (url['outside-fork'], fork_commit, 'extra.py', hashed(k_fork)),
        (url['old'], old_commit, 'config.py', hashed(k_old)),
        (url['org-fork'], _first_commit_with(org_fork, 'config.py'), 'config.py',
         hashed(k_own_fork)),
    }

    skipped = scan_org(*base, '--skip-archived', '--cache-dir', str(tmp_path / 'c1'))
    assert 'no GITHUB_TOKEN' in skipped.err
    assert url['old'] not in {f[0] for f in found(skipped)}


def test_clone_urls_only_on_the_api_host(tmp_path, keys, github):
    """A clone URL the API gives is cloned only with the API's own scheme
    on its host (https://github.com for api.github.com): a ``file://`` URL,
    a local path, ssh, or another host is refused, said once for all on
    stderr (one cause) and each in the report, and counted as not
    scanned; nothing is read from it."""
    k_good, k_local, k_url = keys(), keys(), keys()
    good, good_commit = key_repo(tmp_path / 'good', k_good)
    local, _ = key_repo(tmp_path / 'local', k_local)
    url = serve_repos(github, tmp_path, 'good', 'local')
    port = github.rsplit(':', 1)[1]
    refused = {
        'file': f'file://{local}',
        'path': local,
        'relative': '../local',
        'ssh': 'git@github.com:acme/ssh.git',
        'ssh-url': 'ssh://git@127.0.0.1/acme/x.git',
        'other-host': f'http://localhost:{port}/git/local/.git',
        'other-port': 'http://127.0.0.1:1/git/local/.git',
        'ext': 'ext::sh -c touch% /tmp/pwned',
        'keyed': f'https://evil.example/{k_url}.git',  # never shown whole
        'two-lines': 'https://evil.example/a\nb.git',
    }
    FakeGitHub.routes = {'/orgs/acme/repos?per_page=100&type=all': (
        [api_repo('good', url['good'])] + [api_repo(n, u) for n, u in refused.items()], None,
    )}
    store = str(tmp_path / 'gh.sqlite')
    result = scan_org('--github-org', 'acme', '--github-api-url', github, '--store', store,
                      '--format', 'json', '--cache-dir', str(tmp_path / 'cache'), env={})
    assert result.rc == 2, result.err
    assert found(result) == {(url['good'], good_commit, 'config.py', hashed(k_good))}
    lines = [line for line in result.err.splitlines() if 'not scanned' in line]
    assert lines[0].startswith(f'together-hooks: scan-org: {len(refused)} repositories '
                               'not scanned (') and ' and 7 more): refused: ' in lines[0], lines
    assert len(lines) == 2 and 'named above with why, by cause' in lines[1], lines
    reported = {f['repo']: f['error'] for f in json.loads(result.out)['failures']}
    for shown in refused.values():
        shown = shown.replace('\n', '\\n')  # one line: escaped
        if k_url not in shown:
            assert reported[shown].startswith('refused'), (shown, reported)
    assert f'(1 scanned, 0 unchanged, {len(refused)} failed)' in result.err
    assert not [p for p, _ in FakeGitHub.seen if p.startswith('/git/local')]
    assert not os.listdir(tmp_path / 'cache') or all(
        'local' not in n for n in os.listdir(tmp_path / 'cache'))
    report = scan_org('report', '--store', store)
    assert report.rc == 2 and report.out.count('NOT SCANNED') == len(refused)


def _first_commit_with(repo: str, path: str) -> str:
    return git(repo, 'log', '--format=%H', '--reverse', '--', path).split()[0]


# ------------------------------------------------------- killed coordinator

def _done(store: str) -> int:
    try:
        with sqlite3.connect(f'file:{store}?mode=ro', uri=True, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM repositories WHERE status='done'").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_killed_coordinator_resumes_without_redoing_finished_repositories(tmp_path, keys, six_key_repos):  # keys: CAPTURED cleared
    listing, reference, made = six_key_repos

    store = str(tmp_path / 'audit.sqlite')
    args = ('--repos', listing, '--store', store, '--cache-dir', str(tmp_path / 'c1'),
            '--workers', '1')
    proc = subprocess.Popen((os.path.join(BIN, 'together-hooks'), 'scan-org', *args),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _done(store) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    before = _done(store)
    assert 2 <= before < 6
    with sqlite3.connect(store) as db:
        finished = dict(db.execute(
            "SELECT url, scanned_run FROM repositories WHERE status='done'"))

    again = scan_org(*args)
    assert again.rc == 1, again.err
    assert 'run 1 (resumed)' in again.out
    assert f'({6 - before} scanned, {before} unchanged, 0 failed)' in again.out
    with sqlite3.connect(store) as db:
        runs = dict(db.execute('SELECT url, scanned_run FROM repositories'))
        assert db.execute('SELECT COUNT(*) FROM runs').fetchone()[0] == 1
    assert {u: runs[u] for u in finished} == finished
    assert stored(store) == stored(reference)
    _none_leaked(made)


# ------------------------------------------------------------ Dask cluster

def _children(pid: int) -> list[int]:
    out = []
    for task in os.listdir(f'/proc/{pid}/task'):
        try:
            with open(f'/proc/{pid}/task/{task}/children') as f:
                out += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return out


@pytest.fixture
def dask_cluster(tmp_path):
    """A scheduler and two workers on loopback, each its own process."""
    with dask_processes(tmp_path, 2) as cluster:
        yield cluster


@contextlib.contextmanager
def dask_processes(tmp_path, workers: int, scheduler: bool = False, log=None):
    """(scheduler address, worker processes): a real cluster on loopback
    (with ``scheduler``, the scheduler's process first in the list; with
    ``log``, an open file, what the workers log goes there)."""
    pytest.importorskip('distributed')
    dask = os.path.join(BIN, 'dask')
    scheduler_file = str(tmp_path / 'scheduler.json')
    env = dict(os.environ)
    procs = [subprocess.Popen(
        (dask, 'scheduler', '--host', '127.0.0.1', '--port', '0', '--no-dashboard',
         '--scheduler-file', scheduler_file),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True,
    )]
    try:
        deadline = time.monotonic() + 60
        while not os.path.exists(scheduler_file) and time.monotonic() < deadline:
            time.sleep(0.05)
        for _ in range(workers):
            procs.append(subprocess.Popen(
                (dask, 'worker', '--scheduler-file', scheduler_file, '--nthreads', '1',
                 '--no-nanny', '--no-dashboard', '--host', '127.0.0.1'),
                stdout=subprocess.DEVNULL, stderr=log or subprocess.DEVNULL, env=env,
                start_new_session=True,
            ))
        from distributed import Client

        with open(scheduler_file) as f:
            address = json.load(f)['address']
        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=60)
        yield address, procs if scheduler else procs[1:]
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                proc.kill()  # a scheduler that lost a worker can linger
                proc.wait()


def test_dask_cluster_with_a_worker_killed_matches_the_local_pool(tmp_path, keys, dask_cluster, six_key_repos):  # keys: CAPTURED cleared
    address, workers = dask_cluster
    # One cluster for two checks (starting one costs seconds): first, a
    # client whose together-hooks differs from the workers' fails early.
    code = (
        'import sys, together_hooks; together_hooks.__version__ = "0.0.0-other"; '
        'from together_hooks.cli import main; sys.exit(main(sys.argv[1:]))'
    )
    mismatch = subprocess.run(
        (sys.executable, '-c', code, 'scan-org', '--repos',
         write_lines(tmp_path / 'one.txt', str(tmp_path)), '--store',
         str(tmp_path / 'no.sqlite'), '--scheduler', address),
        capture_output=True, text=True, timeout=120,
    )
    assert mismatch.returncode == 2, mismatch.stderr
    assert 'version mismatch' in mismatch.stderr and 'Traceback' not in mismatch.stderr
    assert not os.path.exists(tmp_path / 'no.sqlite')

    listing, local, made = six_key_repos  # local: the local pool's run of the listing

    store = str(tmp_path / 'dask.sqlite')
    proc = subprocess.Popen(
        (os.path.join(BIN, 'together-hooks'), 'scan-org', '--repos', listing, '--store',
         store, '--cache-dir', str(tmp_path / 'c1'), '--scheduler', address),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    victim = workers[0]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        busy = _children(victim.pid)
        if busy:  # a scan is running on this worker: kill the machine
            for pid in [victim.pid, *busy]:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            break
        time.sleep(0.01)
    else:
        pytest.fail('no task ever ran on the first worker')
    out, err = proc.communicate(timeout=120)
    from tests.cli_run import CAPTURED

    CAPTURED.extend((out.decode(), err.decode()))
    assert victim.wait() == -signal.SIGKILL
    assert proc.returncode == 1, err.decode()
    assert b'6 repositories (6 scanned, 0 unchanged, 0 failed)' in out
    assert stored(store) == stored(local)
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT executor FROM runs").fetchone()[0].startswith('Dask')
    _none_leaked(made)


def test_rate_limit_reset_is_honoured_and_token_stays_on_the_api_host(github, monkeypatch):
    from together_hooks.errors import InputError
    from together_hooks.org.inputs import GitHub

    class Reset(FakeGitHub):
        calls = 0

        def do_GET(self) -> None:  # noqa: N802
            Reset.calls += 1
            if Reset.calls == 1:
                self.send_response(403)
                self.send_header('X-RateLimit-Remaining', '0')
                self.send_header('X-RateLimit-Reset', str(int(time.time()) + 1))
                self.end_headers()
                return
            super().do_GET()

    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Reset)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    try:
        api = f'http://127.0.0.1:{server.server_address[1]}'
        FakeGitHub.routes = {'/x': ([{'a': 1}], '<https://evil.example/x?page=2>; rel="next"')}
        waits: list[float] = []
        client = GitHub(api, 'secret-token', sleep=waits.append, say=lambda _t: None)
        pages = client.pages('/x')
        assert next(pages) == {'a': 1}
        assert len(waits) == 1 and 0 < waits[0] <= 3
        with pytest.raises(InputError, match='another host'):
            next(pages)  # the next page is elsewhere: the token is not sent there
    finally:
        server.shutdown()
        server.server_close()


class FakeTogether(http.server.BaseHTTPRequestHandler):
    live: set = set()
    asked: list = []

    def do_GET(self) -> None:  # noqa: N802
        key = self.headers.get('Authorization', '')[len('Bearer '):]
        self.asked.append(hashed(key))
        ok = key in self.live
        body = b'{"data": []}' if ok else b'{"error": "invalid"}'
        self.send_response(200 if ok else 401)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def test_verify_runs_in_the_task_and_is_cached_by_hashed_secret(tmp_path, keys):
    live, dead = keys(), keys()
    r1, _ = key_repo(tmp_path / 'a', live)
    r2, _ = key_repo(tmp_path / 'b', dead)
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), FakeTogether)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    FakeTogether.live, FakeTogether.asked = {live}, []
    env = {'TOGETHER_HOOKS_API_BASE': f'http://127.0.0.1:{server.server_address[1]}'}
    store = str(tmp_path / 's.sqlite')
    try:
        result = scan_org('--repos', write_lines(tmp_path / 'r.txt', r1, r2), '--store', store,
                          '--cache-dir', str(tmp_path / 'c'), '--verify', '--format', 'json',
                          env=env)
        assert result.rc == 1, result.err
        status = {f['hashed_secret']: f['verification'] for f in result.json()['findings']}
        assert status == {hashed(live): 'live', hashed(dead): 'invalid'}
        assert sorted(FakeTogether.asked) == sorted([hashed(live), hashed(dead)])
        # The same key in another repository: known by its hash, not sent again.
        r3, _ = key_repo(tmp_path / 'c3', live)
        again = scan_org('--repos', write_lines(tmp_path / 'r3.txt', r3), '--store', store,
                         '--cache-dir', str(tmp_path / 'c'), '--verify', '--format', 'json',
                         env=env)
        assert [f['verification'] for f in again.json()['findings']] == ['live']
        assert len(FakeTogether.asked) == 2
    finally:
        server.shutdown()
        server.server_close()


def test_progress_line_only_on_a_terminal(tmp_path, keys):
    import pty

    repos = [key_repo(tmp_path / f'r{i}', keys())[0] for i in range(2)]
    listing = write_lines(tmp_path / 'r.txt', *repos)
    main, side = pty.openpty()
    proc = subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'scan-org', '--repos', listing, '--store',
         str(tmp_path / 's.sqlite'), '--cache-dir', str(tmp_path / 'c')),
        stdout=subprocess.PIPE, stderr=side, timeout=120,
    )
    os.close(side)
    shown = b''
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(main)
    assert proc.returncode == 1
    assert re.search(rb'\[2/2\] repos, 2 findings, 0 failures, ETA 0m00s', shown), shown
    # The line is wiped before the summary: CR, blanks, CR (never a CR
    # escaped as text, which the terminal would show).
    assert re.search(rb'ETA 0m00s\r {20,}\r', shown), shown
    assert b'\\u000d' not in shown
    piped = scan_org('--repos', listing, '--store', str(tmp_path / 't.sqlite'),
                     '--cache-dir', str(tmp_path / 'c'))
    assert '[' not in piped.err and 'repos,' not in piped.err


def test_one_coordinator_per_store(tmp_path):
    import fcntl

    repo = new_repo(tmp_path / 'r')
    commit(repo, {'a.txt': 'a\n'})
    store = str(tmp_path / 's.sqlite')
    listing = write_lines(tmp_path / 'r.txt', repo)
    with open(store + '.lock', 'w') as held:  # as a running coordinator holds it
        fcntl.flock(held, fcntl.LOCK_EX)
        # In process: a refused run that left its database open would leave
        # its -wal and -shm beside the store after the next run ends.
        busy = scan_org('--repos', listing, '--store', store, '--cache-dir', str(tmp_path / 'c'))
        assert os.path.isfile(store + '.lock')  # the refused run leaves the holder's
    assert_error_line(busy, 'another scan-org is writing this store')
    clean = scan_org('--repos', listing, '--store', store, '--cache-dir', str(tmp_path / 'c'))
    assert clean.rc == 0, clean.err
    assert '1 repositories (1 scanned, 0 unchanged, 0 failed)' in clean.out
    # A finished run leaves no STORE.lock beside the store (it did).
    assert sorted(os.listdir(tmp_path)) == ['c', 'r', 'r.txt', 's.sqlite']
    merged = scan_org('merge', '--store', str(tmp_path / 'm.sqlite'), store)
    assert merged.rc == 0, merged.err
    assert not [n for n in os.listdir(tmp_path) if n.endswith('.lock')]


@pytest.mark.parametrize('retries', ['2', '0'])
def test_a_killed_scan_process_is_retried(tmp_path, keys, retries):
    repos = [key_repo(tmp_path / f'r{i}', keys())[0] for i in range(4)]
    listing = write_lines(tmp_path / 'r.txt', *repos)
    store = str(tmp_path / 's.sqlite')
    proc = subprocess.Popen(
        (os.path.join(BIN, 'together-hooks'), 'scan-org', '--repos', listing, '--store',
         store, '--cache-dir', str(tmp_path / 'c'), '--workers', '1', '--format', 'json',
         '--retries', retries),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    killed = None
    while killed is None and time.monotonic() < deadline and proc.poll() is None:
        for child in _children(proc.pid):
            try:  # the scan process and its git; a child may end first, or
                # lead no group of its own (a mirror's git fetch)
                os.killpg(child, signal.SIGKILL)
            except ProcessLookupError:
                continue
            killed = child
        time.sleep(0.01)
    out, err = proc.communicate(timeout=120)
    from tests.cli_run import CAPTURED

    CAPTURED.extend((out.decode(), err.decode()))
    assert killed is not None
    if retries == '0':  # no second chance: listed, and the audit is not clean
        assert proc.returncode == 2, err.decode()
        assert len(json.loads(out)['findings']) == 3
        assert b'(3 scanned, 0 unchanged, 1 failed)' in err
        assert re.search(rb'not scanned: Lost: scan process ended with exit -9 '
                         rb'\(after 1 attempts\)', err), err
        return
    assert proc.returncode == 1, err.decode()
    assert len(json.loads(out)['findings']) == 4
    assert b'4 repositories (4 scanned, 0 unchanged, 0 failed)' in err


def test_biggest_repositories_are_handed_out_first(tmp_path):
    from together_hooks.org import coordinator
    from together_hooks.org.inputs import Target
    from together_hooks.org.store import Store

    store = Store(str(tmp_path / 's.sqlite'))
    try:
        run_id, resumed = store.open_run('v', 'rules', 'test', 'local')
        # The store knows the size a repository had at its last scan.
        for url, size in (('b', 900), ('c', 5)):
            store.attempt([url], url)
            store.record(run_id, {'urls': [url], 'status': 'done', 'fingerprint': 'f',
                                  'size': size, 'findings': [], 'blobs': 0}, 'old-rules')
        targets = [Target(('a',), 10), Target(('b',)), Target(('c',)), Target(('d', 'e'), 50)]
        todo, finished = coordinator.plan(targets, store, run_id + 1, False, 'rules')
    finally:
        store.close()
    assert [t.key for t, _previous in todo] == ['b', 'd', 'a', 'c']
    assert finished == []
    # Rules changed since: no fingerprint to compare with, so all are rescanned.
    assert {previous for _t, previous in todo} == {None}


def test_tasks_in_flight_are_bounded(tmp_path):
    repos = []
    for i in range(4):
        repos.append(new_repo(tmp_path / f'r{i}'))
        commit(repos[-1], {'a.txt': f'{i}\n'})
    proc = subprocess.Popen(
        (os.path.join(BIN, 'together-hooks'), 'scan-org', '--repos',
         write_lines(tmp_path / 'r.txt', *repos), '--store', str(tmp_path / 's.sqlite'),
         '--cache-dir', str(tmp_path / 'c'), '--workers', '4', '--max-in-flight', '1'),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    most = 0
    while proc.poll() is None:
        most = max(most, len(_children(proc.pid)))
        time.sleep(0.005)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert b'4 repositories (4 scanned' in out
    assert most == 1  # seen running, never two at once


@pytest.fixture(scope='module')
def full_disk_org(tmp_path_factory):
    """(listing, reference store, keys) the full-disk cases share: three
    repositories, each with a key in its history and a 400 KB file a clone
    must copy, and the store of a run that never failed.  The cases only
    read them (each clones into a cache and writes a store of its own), so
    they are built, and the reference run made, once, not once a case."""
    import random

    from tests.keys import make_key

    top = tmp_path_factory.mktemp('full-disk-org')
    rng = random.Random('full-disk-org')
    made, repos = [], []
    for i in range(3):
        made.append(make_key(rng))
        repo, _added = key_repo(top / f'r{i}', made[-1])
        commit(repo, {'noise.txt': rng.randbytes(200_000).hex()})  # a clone must copy it
        repos.append(f'file://{repo}')
    listing = write_lines(top / 'r.txt', *repos)
    reference = str(top / 'ref.sqlite')
    first = scan_org('--repos', listing, '--store', reference, '--cache-dir', str(top / 'c0'))
    assert first.rc == 1, first.err
    from tests.cli_run import leaked

    assert leaked(made, first.out, first.err) == []
    return listing, reference, repos, made


@pytest.mark.parametrize('limit_kb', [16, 80, 160])
def test_a_full_disk_is_one_line_and_a_rerun_repairs_the_store(tmp_path, keys, limit_kb, full_disk_org):  # keys: CAPTURED cleared
    """Writes past a file size limit (RLIMIT_FSIZE, as a full disk fails
    them) at store creation, in the store, or in a mirror's clone: one
    line and exit 2, no temporary clone left, every repository recorded
    whole or not at all; the same command run again with room finishes
    the run, and the store then equals a run that never failed."""
    import resource

    from tests.cli_run import CAPTURED
    from tests.cli_run import leaked

    listing, reference, repos, made = full_disk_org
    store = str(tmp_path / 'audit.sqlite')
    cache = tmp_path / 'c1'
    args = ('--repos', listing, '--store', store, '--cache-dir', str(cache), '--workers', '1')

    def small() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_kb << 10, limit_kb << 10))

    proc = subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'scan-org', *args), preexec_fn=small,
        capture_output=True, timeout=120,
    )
    err = proc.stderr.decode()
    CAPTURED.extend((proc.stdout.decode('utf-8', 'replace'), err))
    assert proc.returncode == 2, err
    # A line per repository at most, and last, the one that says how to
    # retry them (only when some were named).
    lines = err.splitlines()
    retry = [n for n, line in enumerate(lines) if 'not scanned (each named above' in line]
    assert retry in ([], [len(lines) - 1]) and 2 <= len(lines) <= 4 if retry else len(lines) <= 3, err
    assert 'Traceback' not in err, err
    assert 'internal error' not in err and 'not a scan-org store' not in err, err
    assert not [n for n in os.listdir(cache) if n.startswith('.tmp-')] if cache.exists() else True
    again = scan_org(*args)
    assert again.rc == 1, again.err
    assert stored(store) == stored(reference)
    with sqlite3.connect(store) as db:
        assert {r[0] for r in db.execute("SELECT url FROM repositories WHERE status='done'")} == set(repos)
    assert leaked(made, *CAPTURED) == []


def test_the_store_keeps_no_key_of_a_repository_url(tmp_path, keys):
    """A repository whose path (or URL) holds a key: the store kept it as
    given, in its repositories and findings rows.  It keeps it redacted,
    the same every run: a second run finds the rows of the first."""
    name_key = keys()
    repo, _ = key_repo(tmp_path / f'r-{name_key}', keys())
    store = str(tmp_path / 's.sqlite')
    args = ('--repos', write_lines(tmp_path / 'r.txt', repo), '--store', store,
            '--cache-dir', str(tmp_path / 'cache'))
    first = scan_org(*args)
    assert first.rc == 1, first.err[-300:]
    second = scan_org(*args)
    assert second.rc == 1, second.err[-300:]
    with open(store, 'rb') as f:
        assert name_key[9:21].encode() not in f.read()
    with sqlite3.connect(store) as db:
        rows = list(db.execute('SELECT url, network, status, attempts FROM repositories'))
        repos = {r for (r,) in db.execute('SELECT repo FROM findings')}
    assert len(rows) == 1 and rows[0][2] == 'done' and rows[0][3] == 0
    assert '…' in rows[0][0] and rows[0][0] == rows[0][1]
    assert repos == {rows[0][0]}


def test_the_store_and_reports_keep_no_key_of_a_path_or_author(tmp_path, keys):
    """Raw keys stay in the scan process, and so do their pieces: a key
    that names the file holding it, a file whose path holds its key cut by
    a ``/``, an author who is the key cut by a space.  The store (read and
    copied where no key may go) and every report held them: the path and
    author were sent and stored as git gave them."""
    from tests.cli_run import leaked

    named, cut, author = keys(), keys(), keys()
    repo = new_repo(tmp_path / 'r')
    commit(repo, {f'{named}.py': f'k = "{named}"\n',
                  f'{cut[:25]}/{cut[25:]}': f'k = "{cut}"\n'})
    with open(os.path.join(repo, 'a.py'), 'w') as f:
        f.write(f'k = "{author}"\n')
    git(repo, 'add', '-A')
    subprocess.run(
        ('git', 'commit', '-qm', 'm'), cwd=repo, check=True,
        env=dict(os.environ, GIT_AUTHOR_NAME=f'{author[:25]} {author[25:]}'),
    )
    store = str(tmp_path / 's.sqlite')
    args = ('--repos', write_lines(tmp_path / 'r.txt', repo), '--store', store,
            '--cache-dir', str(tmp_path / 'cache'))
    texts = []
    for fmt in ('text', 'json', 'sarif'):
        result = scan_org(*args, '--format', fmt)
        assert result.rc == 1, result.err[-300:]
        texts += [result.out, result.err]
    shown = scan_org('report', '--store', store)
    assert shown.rc == 1 and 'tgp_v1_' in shown.out
    with open(store, 'rb') as f:
        texts.append(f.read().decode('utf-8', 'replace'))
    texts += [t.replace('/', '').replace(' ', '') for t in texts]  # as a reader joins them
    assert leaked([named, cut, author], *texts, shown.out) == []


@pytest.mark.parametrize('address', [
    'tcp://127.0.0.1:8786', 'tcp://scheduler.example.com:8786', 'tls://scheduler:8786', 'tcp://scheduler',
    'tcp://[::1]:8786', 'tls://[2001:db8::1]:8786', 'tcp://[fe80::1%eth0]:8786', 'tcp://[::1%1]:8786',
])
def test_an_address_dask_takes_is_not_refused(address):
    """``--scheduler`` refuses what Dask would fail on (above) and nothing
    Dask parses as a host and a port: an IPv6 address naming its
    interface, a link-local one's zone (``[fe80::1%eth0]``), was refused."""
    from distributed.comm.addressing import parse_address
    from distributed.comm.addressing import parse_host_port

    from together_hooks.org.executors import _scheduler_address

    host, _port = parse_host_port(parse_address(address)[1], 8786)
    assert host and _scheduler_address(address)
