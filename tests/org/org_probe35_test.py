"""Session 35 (org35): a hostile round against ``scan-org`` and the
server gate, as an outsider reading README.md, docs/org-audit.md and
docs/server-side-gate.md.

One module-scoped audit (``--repos``, in process) of a dozen repositories,
each holding a key in one place only (or only a decoy), answers the
content cases; the input cases run their own short audits; the gate's
cases push for real to a bare repository running the documented hook.
"""
from __future__ import annotations

import os
import random
import sqlite3
import stat
import subprocess

import pytest

from tests.cli_run import leaked
from tests.conftest import git
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import run
from tests.keys import make_hex
from tests.keys import make_key
from tests.once import once
from tests.org.scan_org_test import commit
from tests.org.scan_org_test import hashed
from tests.org.scan_org_test import key_repo
from tests.org.scan_org_test import new_repo
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import write_lines

RNG = random.Random('org35')
K = {name: make_key(RNG) for name in (
    'notes', 'tagblob', 'branch', 'message', 'pathname', 'submodule', 'dashall',
    'nohead', 'refname', 'tagmsg', 'lfs', 'dup', 'rewrite')}
HEX = make_hex(RNG)
DECOY_HEX = make_hex(RNG)
MADE = [*K.values(), HEX, DECOY_HEX]


def _blob(repo: str, text: str) -> str:
    return subprocess.run(('git', 'hash-object', '-w', '--stdin'), cwd=repo, input=text.encode(),
                          capture_output=True, check=True).stdout.decode().strip()


def _content_repos(top) -> dict[str, str]:
    """name -> path of a repository whose key sits in one place only."""
    made = {}

    def repo(name: str) -> str:
        path = new_repo(top / name)
        commit(path, {'README.md': f'# {name}\n'})
        made[name] = path
        return path

    r = repo('notes')  # only in a note (refs/notes/commits)
    git(r, 'notes', 'add', '-m', f'TOGETHER_API_KEY={K["notes"]}', 'HEAD')
    r = repo('tagblob')  # only in a blob a lightweight tag names
    git(r, 'tag', 'tb', _blob(r, f'TOGETHER_API_KEY={K["tagblob"]}\n'))
    r = repo('branch')  # only on a branch other than the default
    git(r, 'checkout', '-q', '-b', 'feature')
    commit(r, {'x.py': f'KEY = "{K["branch"]}"\n', 'legacy.py': f'together_api_key = "{HEX}"\n'})
    git(r, 'checkout', '-q', 'main')
    r = repo('message')  # only in a commit message
    git(r, 'commit', '-q', '--allow-empty', '-m', f'use together key {K["message"]}')
    r = repo('pathname')  # only in a path's name
    commit(r, {f'{K["pathname"]}/a.txt': 'a\n'})
    r = repo('submodule')  # only in a submodule's URL (.gitmodules)
    commit(r, {'.gitmodules': '[submodule "x"]\n\tpath = x\n\turl = '
                              f'https://u:{K["submodule"]}@example.com/a/b\n'})
    r = repo('dashall')  # the default branch named like an option
    git(r, 'update-ref', 'refs/heads/--all', 'HEAD')
    git(r, 'symbolic-ref', 'HEAD', 'refs/heads/--all')
    git(r, 'update-ref', '-d', 'refs/heads/main')
    commit(r, {'y.py': f'KEY = "{K["dashall"]}"\n'})
    r = repo('nohead')  # HEAD names no branch; the key on another one
    git(r, 'checkout', '-q', '-b', 'dev')
    commit(r, {'z.py': f'KEY = "{K["nohead"]}"\n'})
    git(r, 'symbolic-ref', 'HEAD', 'refs/heads/nope')
    git(r, 'branch', '-q', '-D', 'main')
    r = repo('refname')  # only in a ref's name
    git(r, 'update-ref', f'refs/heads/together-api-key/{K["refname"]}', 'HEAD')
    r = repo('tagmsg')  # only in an annotated tag's message
    git(r, 'tag', '-a', 'v1', '-m', f'release; TOGETHER_API_KEY={K["tagmsg"]}')
    r = repo('lfs')  # the key only in an LFS object's content, which no clone fetches
    oid = '%064x' % RNG.getrandbits(256)
    commit(r, {'.gitattributes': '*.bin filter=lfs diff=lfs merge=lfs -text\n',
               'w.bin': f'version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize 57\n'})
    os.makedirs(os.path.join(r, '.git', 'lfs', 'objects', oid[:2], oid[2:4]))
    with open(os.path.join(r, '.git', 'lfs', 'objects', oid[:2], oid[2:4], oid), 'w') as f:
        f.write(f'TOGETHER_API_KEY={K["lfs"]}\n')
    r = repo('decoys')  # near-misses only: nothing here is a key
    commit(r, {
        'settings.py': 'KEY = "tgp_v1_' + 'x' * 43 + '"\nTOKEN = "${TOGETHER_API_KEY}"\n'
                       'import os\nK = os.environ["TOGETHER_API_KEY"]\nID = "key_0123456789abcdef"\n',
        'package-lock.json': f'{{"together": {{"integrity": "sha256-{DECOY_HEX}"}}}}\n',
    }, msg='placeholder tgp_v1_<your-key>')
    git(r, 'tag', 'empty-blob', _blob(r, 'TOGETHER_API_KEY=<your-key>\n'))
    made['empty'] = str(top / 'empty')  # no commit at all
    git(top, 'init', '-q', 'empty')
    return made


@pytest.fixture(scope='module')
def audit(tmp_path_factory):
    """Built once a run (``tests/once.py``): under ``-n 2`` both workers
    get this module's tests and each built the dozen repositories and ran
    the audit; the tests only read what it left (its answer, store and
    cache)."""
    def build():
        top = tmp_path_factory.mktemp('org35')
        made = _content_repos(top)
        repos = write_lines(top / 'repos.txt', *made.values())
        store = str(top / 'audit.sqlite')
        result = scan_org('--repos', repos, '--store', store, '--cache-dir', str(top / 'cache'),
                          '--workers', '2', '--format', 'json', cwd=top)
        by_repo: dict[str, set[tuple[str, str]]] = {path: set() for path in made.values()}
        for f in result.json()['findings']:
            by_repo[f['repo']].add((f['path'], f['hashed_secret']))
        return made, result, by_repo, store, top
    return once(tmp_path_factory, 'org35-audit', build)


# Where each key sits, and the path its finding names there.
PLACES = [
    ('notes', None),  # a note's path is the id of the commit it annotates
    ('tagblob', '<tagged blob>'),
    ('branch', 'x.py'),
    ('message', '<commit message>'),
    ('pathname', '<path name>'),
    ('submodule', '.gitmodules'),
    ('dashall', 'y.py'),
    ('nohead', 'z.py'),
    ('refname', '<ref name>'),
    ('tagmsg', '<tag message>'),
]


@pytest.mark.parametrize(('name', 'path'), PLACES, ids=[p[0] for p in PLACES])
def test_a_key_in_one_place_only_is_found(audit, name, path):
    made, result, by_repo, _, _ = audit
    assert result.rc == 1, result.err
    got = by_repo[made[name]]
    assert hashed(K[name]) in {h for _, h in got}, (name, got)
    if path is not None:
        assert (path, hashed(K[name])) in got


def test_a_legacy_key_on_another_branch_is_found_and_a_lockfile_digest_is_not(audit):
    made, _, by_repo, _, _ = audit
    assert ('legacy.py', hashed(HEX)) in by_repo[made['branch']]
    assert by_repo[made['decoys']] == set()


def test_an_lfs_objects_content_is_not_read_and_the_pointer_is_no_failure(audit):
    """docs/org-audit.md: LFS content is not read (the mirror holds the
    pointers).  The repository is scanned, not failed, and has no finding."""
    made, result, by_repo, store, _ = audit
    assert by_repo[made['lfs']] == set()
    with sqlite3.connect(store) as db:
        assert db.execute('SELECT status FROM repositories WHERE url = ?',
                          (made['lfs'],)).fetchone() == ('done',)


def test_an_empty_repository_is_scanned_not_failed(audit):
    made, result, by_repo, store, _ = audit
    assert result.json().get('failures', []) == []
    assert by_repo[made['empty']] == set()
    with sqlite3.connect(store) as db:
        assert db.execute('SELECT status FROM repositories WHERE url = ?',
                          (made['empty'],)).fetchone() == ('done',)


def test_no_key_in_any_output_the_store_or_the_cache(audit):
    _, result, _, store, top = audit
    texts = [result.out, result.err]
    for name in os.listdir(top):
        if name.startswith('audit.sqlite'):
            with open(top / name, 'rb') as f:
                texts.append(f.read().decode('latin-1'))
    texts.extend(os.listdir(top / 'cache'))
    assert leaked(MADE, *texts) == []


# ------------------------------------------------------------------ inputs

@pytest.fixture(scope='module')
def dup_repo(tmp_path_factory):
    top = tmp_path_factory.mktemp('org35dup')
    repo, added = key_repo(top / 'app', K['dup'])
    os.symlink(repo, top / 'link')
    return top, repo, added


def _audit(top, *lines: str, name: str = 'audit'):
    repos = write_lines(top / f'{name}.txt', *lines)
    return scan_org('--repos', repos, '--store', str(top / f'{name}.sqlite'),
                    '--cache-dir', str(top / 'cache'), '--format', 'json', cwd=top)


def test_one_repository_spelled_five_ways_is_scanned_and_counted_once(dup_repo):
    """A path, its trailing slash, its .git, its file:// URL and a symlink
    to it are one repository: before, five repositories, five findings."""
    top, repo, added = dup_repo
    result = _audit(top, repo, repo + '/', repo + '/.git', 'file://' + repo, str(top / 'link'),
                    name='five')
    assert result.rc == 1, result.err
    assert [(f['repo'], f['commit']) for f in result.json()['findings']] == [(repo, added)]
    assert '1 repositories (1 scanned' in result.err


def test_two_repositories_of_one_name_in_two_folders_are_two(dup_repo, tmp_path):
    top, repo, added = dup_repo  # the decoy: same base name, another repository
    other, other_added = key_repo(tmp_path / 'app', make_key(random.Random('org35-other')))
    result = _audit(tmp_path, repo, 'file://' + other, name='two')
    assert result.rc == 1, result.err
    assert {f['repo'] for f in result.json()['findings']} == {repo, 'file://' + other}


def test_one_line_twice_is_one_repository(dup_repo):
    top, repo, _ = dup_repo
    result = _audit(top, repo, repo, name='twice')
    assert len(result.json()['findings']) == 1


@pytest.mark.parametrize('user', ['deploy:{}', 'u:{}'])
def test_a_password_in_an_scp_like_url_is_refused_unprinted(tmp_path, user):
    word = 'pw' + '%016x' % random.Random(user).getrandbits(64)
    line = user.format(word) + '@git.example.com:acme/app.git'
    result = _audit(tmp_path, line, name='scp')
    assert result.rc == 2
    assert 'carries credentials' in result.err
    assert word not in result.out + result.err
    assert not os.path.exists(tmp_path / 'scp.sqlite') or word.encode() not in open(
        tmp_path / 'scp.sqlite', 'rb').read()


def test_an_scp_like_url_with_a_user_alone_is_no_credential(tmp_path):
    """The decoy: ``git@host:path`` is git's ssh form; it is cloned (and
    fails here: no such host), not refused as credentials."""
    result = scan_org('--repos', write_lines(tmp_path / 'r.txt', 'git@127.0.0.1:acme/app.git'),
                      '--store', str(tmp_path / 's.sqlite'), '--cache-dir', str(tmp_path / 'c'),
                      '--retries', '0', '--timeout', '30', cwd=tmp_path,
                      env={'GIT_SSH_COMMAND': 'false'})
    assert result.rc == 2
    assert 'carries credentials' not in result.err
    assert 'git@127.0.0.1:acme/app.git' in result.out + result.err


def test_an_https_user_is_refused_unprinted(tmp_path):
    word = 'ghp_' + '%032x' % random.Random('org35-https').getrandbits(128)
    result = _audit(tmp_path, f'https://{word}@github.com/acme/app.git', name='https')
    assert result.rc == 2 and 'carries credentials' in result.err
    assert word not in result.out + result.err


@pytest.mark.parametrize('query', [
    '?access_token={}', '?ref=main&private_token={}', '?KEY={}', '?X-Amz-Signature={}', '?api-key={}',
])
def test_a_credential_in_a_urls_query_is_refused_unprinted(tmp_path, query):
    """A token in a clone URL's query (``?access_token=``, GitLab's
    ``private_token``): refused as credentials, never printed nor stored
    (it was cloned, and the URL with its token printed and stored)."""
    word = 'tok' + '%032x' % random.Random(query).getrandbits(128)
    line = 'https://127.0.0.1:9/acme/app.git' + query.format(word)
    result = _audit(tmp_path, line, name='query')
    assert result.rc == 2 and 'carries credentials' in result.err, result.err
    assert word not in result.out + result.err
    assert not os.path.exists(tmp_path / 'query.sqlite') or word.encode() not in open(
        tmp_path / 'query.sqlite', 'rb').read()


@pytest.mark.parametrize('query', ['?ref=main', '?monkey=1'])
def test_a_query_naming_no_credential_is_cloned(tmp_path, query):
    """The decoys: a query whose parameter names no credential is no
    reason to refuse; the clone is tried (and fails: nothing listens)."""
    line = 'https://127.0.0.1:9/acme/app.git' + query
    result = scan_org('--repos', write_lines(tmp_path / 'r.txt', line),
                      '--store', str(tmp_path / 's.sqlite'), '--cache-dir', str(tmp_path / 'c'),
                      '--retries', '0', '--timeout', '30', cwd=tmp_path)
    assert result.rc == 2 and 'carries credentials' not in result.err, result.err
    assert line in result.out + result.err


def test_an_ext_url_is_never_run(tmp_path):
    marker = tmp_path / 'ran'
    result = _audit(tmp_path, f'ext::touch%20{marker}', name='ext')
    assert result.rc == 2
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert not marker.exists()


def test_a_missing_path_named_with_a_key_is_one_line_unprinted(tmp_path):
    key = make_key(random.Random('org35-missing'))
    result = _audit(tmp_path, f'/nonexistent/{key}/repo', name='missing')
    assert result.rc == 2
    assert 'no such repository' in result.err
    assert leaked([key], result.out, result.err) == []


def test_a_key_rewritten_out_of_history_stays_reported(tmp_path):
    """Findings are never deleted (a force-pushed key stays leaked): the
    second run, after the history is rewritten, still reports it, and the
    store says which run saw it last."""
    repo, added = key_repo(tmp_path / 'app', K['rewrite'])
    first = _audit(tmp_path, repo, name='rw')
    assert first.rc == 1
    git(repo, 'checkout', '-q', '--orphan', 'new')
    git(repo, 'commit', '-q', '-m', 'fresh')
    git(repo, 'branch', '-q', '-M', 'new', 'main')
    git(repo, 'reflog', 'expire', '--expire=now', '--all')
    git(repo, 'gc', '-q', '--prune=now')
    second = _audit(tmp_path, repo, name='rw')
    assert second.rc == 1, second.err
    assert [f['commit'] for f in second.json()['findings']] == [added]
    with sqlite3.connect(tmp_path / 'rw.sqlite') as db:
        assert db.execute('SELECT first_run, last_run FROM findings').fetchall() == [(1, 1)]
        assert db.execute('SELECT scanned_run FROM repositories').fetchall() == [(2,)]


# -------------------------------------------------------------- the gate

GATE = '#!/bin/sh\nexec together-hooks pre-receive --timeout 60\n'


def _install(hooks_dir: str, name: str = 'pre-receive', body: str = GATE) -> None:
    hook = os.path.join(hooks_dir, name)
    with open(hook, 'w') as f:
        f.write(body)
    os.chmod(hook, os.stat(hook).st_mode | stat.S_IXUSR)


@pytest.fixture
def pushing(tmp_path):
    """A developer's clone with ``main`` pushed to a gated bare server."""
    env = clean_env()
    remote = bare(tmp_path / 'server.git')
    repo = new_repo(tmp_path / 'dev')
    commit(repo, {'a.py': 'x = 1\n'})
    git(repo, 'remote', 'add', 'origin', remote)
    git(repo, 'push', '-q', 'origin', 'main')
    _install(os.path.join(remote, 'hooks'))
    return repo, remote, env


def _refs(remote: str) -> str:
    return git(remote, 'for-each-ref', '--format=%(refname) %(objectname)')


def test_a_push_of_100_refs_with_a_key_on_one_is_refused_whole(pushing):
    repo, remote, env = pushing
    before = _refs(remote)
    key = make_key(random.Random('org35-100'))
    for n in range(100):
        git(repo, 'branch', f'b{n:03}', 'main')
    git(repo, 'checkout', '-q', 'b057')
    commit(repo, {'cfg.py': f'KEY = "{key}"\n'})
    rc, out = run(repo, env, 'git', 'push', 'origin', *(f'b{n:03}' for n in range(100)))
    assert rc != 0 and 'cfg.py' in out
    assert _refs(remote) == before
    assert leaked([key], out) == []


def test_deleting_one_branch_and_creating_another_with_the_key_is_refused(pushing):
    repo, remote, env = pushing
    git(repo, 'push', '-q', 'origin', 'main:old')
    before = _refs(remote)
    key = make_key(random.Random('org35-delete'))
    git(repo, 'checkout', '-q', '-b', 'new')
    commit(repo, {'k.py': f'KEY = "{key}"\n'})
    rc, out = run(repo, env, 'git', 'push', 'origin', ':old', 'new')
    assert rc != 0 and 'k.py' in out
    assert _refs(remote) == before  # the deletion was refused with it
    assert leaked([key], out) == []


def test_the_key_commit_as_the_tip_of_two_refs_is_refused_once(pushing):
    repo, remote, env = pushing
    key = make_key(random.Random('org35-tips'))
    commit(repo, {'k.py': f'KEY = "{key}"\n'})
    rc, out = run(repo, env, 'git', 'push', 'origin', 'main', 'main:refs/heads/copy',
                  'main:refs/tags/t')
    assert rc != 0
    assert out.count('k.py:1:') == 1, out
    assert 'copy' not in _refs(remote)


def test_a_push_to_a_checked_out_branch_with_update_instead_is_refused_untouched(tmp_path):
    """``receive.denyCurrentBranch=updateInstead``: the gate runs before the
    work tree is updated, so a refused push leaves it (and the ref) as it was."""
    env = clean_env()
    server = new_repo(tmp_path / 'server')
    commit(server, {'a.py': 'x = 1\n'})
    git(server, 'config', 'receive.denyCurrentBranch', 'updateInstead')
    _install(os.path.join(server, '.git', 'hooks'))
    dev = tmp_path / 'dev'
    git(tmp_path, 'clone', '-q', server, str(dev))
    git(dev, 'config', 'user.email', 'd@example.com')
    git(dev, 'config', 'user.name', 'D')
    key = make_key(random.Random('org35-instead'))
    commit(str(dev), {'k.py': f'KEY = "{key}"\n'})
    head = git(server, 'rev-parse', 'HEAD')
    rc, out = run(dev, env, 'git', 'push', 'origin', 'main')
    assert rc != 0 and 'k.py' in out
    assert git(server, 'rev-parse', 'HEAD') == head
    assert not os.path.exists(os.path.join(server, 'k.py'))
    # the decoy: a clean push (the key's commit dropped) updates the work tree
    git(dev, 'reset', '-q', '--hard', 'origin/main')
    commit(str(dev), {'k.py': 'KEY = os.environ["TOGETHER_API_KEY"]\n'})
    rc, out = run(dev, env, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    assert os.path.exists(os.path.join(server, 'k.py'))


def test_a_push_to_proc_receive_refs_is_gated_first(pushing):
    """``receive.procReceiveRefs`` (GitHub-style refs/for/ reviews): the
    proc-receive hook would take the push; pre-receive runs before it."""
    repo, remote, env = pushing
    git(remote, 'config', 'receive.procReceiveRefs', 'refs/for')
    marker = os.path.join(remote, 'proc-ran')
    _install(os.path.join(remote, 'hooks'), 'proc-receive', f'#!/bin/sh\ntouch {marker}\nexit 1\n')
    key = make_key(random.Random('org35-proc'))
    commit(repo, {'k.py': f'KEY = "{key}"\n'})
    rc, out = run(repo, env, 'git', 'push', 'origin', 'HEAD:refs/for/main')
    assert rc != 0 and 'k.py' in out
    assert not os.path.exists(marker)
    assert leaked([key], out) == []


def test_without_gits_quarantine_the_objects_in_the_store_are_still_read(pushing):
    """An old git (before 2.11) has no quarantine: the pushed objects are in
    the repository's own store when the hook runs, no ref reaching them."""
    repo, remote, env = pushing
    old = git(remote, 'rev-parse', 'main').strip()
    key = make_key(random.Random('org35-quarantine'))
    new = commit(repo, {'k.py': f'KEY = "{key}"\n'})
    git(remote, 'fetch', '-q', str(repo), 'main')  # objects in, no ref moved
    assert 'GIT_QUARANTINE_PATH' not in env
    rc, out = run(remote, env, 'together-hooks', 'pre-receive',
                  stdin=f'{old} {new} refs/heads/main\n'.encode())
    assert rc == 1 and 'k.py' in out, out
    assert leaked([key], out) == []
    # the decoy: the same update of a clean commit passes
    git(repo, 'reset', '-q', '--hard', old)
    clean = commit(repo, {'k.py': 'KEY = os.environ["TOGETHER_API_KEY"]\n'})
    git(remote, 'fetch', '-q', str(repo), 'main')
    rc, out = run(remote, env, 'together-hooks', 'pre-receive',
                  stdin=f'{old} {clean} refs/heads/main\n'.encode())
    assert rc == 0, out
