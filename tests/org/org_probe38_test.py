"""Session 38 (org38): a hostile round against the server gate and
``scan-org``, after sessions 35 and 36 (``org_probe35_test.py``,
``org_probe36_test.py``), whose probes are not repeated.

The gate's cases push for real (``git push``) to one bare server a module
running the documented hook (a refused push leaves it as it was, so the
cases stack): ``--atomic`` and plain pushes of many refs, a force-push,
a branch from a commit the server has under another name, what git's
quarantine keeps, push options, tags, headers (author, committer,
tagger), a merge's second parent, notes and stash refs, 10,000 commits,
the pushed config and baseline, ``core.hooksPath``, and the hook wrappers
of Gitea and GitLab (another working folder, ``GL_*`` variables, a
cleared environment).  scan-org's cases run against the loopback fake of
GitHub's API (``org_probe36_test``): clone URLs that differ from the
API's origin in a port or hide another host behind ``#``/``@``/``\\``,
an option for git, paging that cycles over two pages, rate limits that
ask for a day's wait, an entry without a default branch, names that
climb out of the cache.  Each measured on 77c44d37.
"""
from __future__ import annotations

import json
import os
import random
import sqlite3
import stat
import subprocess
import time

import pytest

from tests.cli_run import leaked
from tests.conftest import git
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import run
from tests.keys import make_hex
from tests.keys import make_key
from tests.org.org_probe36_test import _org
from tests.org.org_probe36_test import _Raw
from tests.org.org_probe36_test import LISTING
from tests.org.org_probe36_test import raw_api  # noqa: F401 (a fixture)
from tests.org.scan_org_test import api_repo
from tests.org.scan_org_test import commit
from tests.org.scan_org_test import FakeGitHub
from tests.org.scan_org_test import hashed
from tests.org.scan_org_test import key_repo
from tests.org.scan_org_test import new_repo
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import serve_repos
from tests.org.scan_org_test import write_lines
from tests.org.scan_org_test import write_lines

RNG = random.Random('org38')
K = {name: make_key(RNG) for name in (
    'atomic', 'plain', 'named', 'force', 'quarantine', 'option', 'tagmsg', 'author', 'committer',
    'tagger', 'merge', 'note', 'stash', 'many', 'config', 'baseline', 'hookspath', 'gitea',
    'gitlab', 'cleared', 'custom', 'api')}
HEX = make_hex(RNG)
MADE = [*K.values(), HEX]
GATE = '#!/bin/sh\nexec together-hooks pre-receive --timeout 120\n'


def _install(path: str, body: str = GATE) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(body)
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)


@pytest.fixture(scope='module')
def server(tmp_path_factory):
    """A gated bare server with ``main`` and a developer's clone of it."""
    top = tmp_path_factory.mktemp('org38gate')
    remote = bare(top / 'server.git')
    git(remote, 'config', 'receive.advertisePushOptions', 'true')
    repo = new_repo(top / 'dev')
    commit(repo, {'a.py': 'x = 1\n'})
    git(repo, 'remote', 'add', 'origin', remote)
    git(repo, 'push', '-q', 'origin', 'main')
    _install(os.path.join(remote, 'hooks', 'pre-receive'))
    return repo, remote, clean_env(), top


def _refs(remote: str) -> str:
    return git(remote, 'for-each-ref', '--format=%(refname) %(objectname)')


def _fresh(repo: str, branch: str) -> None:
    """The clone on a new branch at the server's main."""
    git(repo, 'checkout', '-q', '-B', branch, 'origin/main')


def _refused(server, rc: int, out: str, before: str, *words: str) -> None:
    repo, remote, env, _ = server
    assert rc != 0 and 'pre-receive hook declined' in out, out
    for word in words:
        assert word in out, (word, out)
    assert _refs(remote) == before
    assert leaked(MADE, out) == [], out


# ------------------------------------------------------------ the gate: refs

def test_an_atomic_push_of_twenty_refs_with_a_key_on_one_moves_none(server):
    repo, remote, env, _ = server
    before = _refs(remote)
    _fresh(repo, 'atomic-base')
    for n in range(20):
        git(repo, 'branch', '-f', f'at{n:02}', 'atomic-base')
    git(repo, 'checkout', '-q', 'at13')
    commit(repo, {'cfg.py': f'KEY = "{K["atomic"]}"\n'})
    rc, out = run(repo, env, 'git', 'push', '--atomic', 'origin', *(f'at{n:02}' for n in range(20)))
    _refused(server, rc, out, before, 'cfg.py')


def test_a_plain_push_refuses_the_clean_refs_beside_the_one_with_a_key(server):
    """Without ``--atomic`` git refuses every ref when pre-receive fails:
    the clean ones are refused too, and the output says each was."""
    repo, remote, env, _ = server
    before = _refs(remote)
    _fresh(repo, 'plain-a')
    commit(repo, {'clean.py': 'x = 2\n'})
    _fresh(repo, 'plain-b')
    commit(repo, {'k.py': f'KEY = "{K["plain"]}"\n'})
    rc, out = run(repo, env, 'git', 'push', 'origin', 'plain-a', 'plain-b')
    _refused(server, rc, out, before, 'k.py')
    assert out.count('pre-receive hook declined') == 2, out


def test_a_new_branch_at_a_commit_the_server_has_is_taken_and_one_past_it_with_a_key_is_not(server):
    repo, remote, env, _ = server
    _fresh(repo, 'named')
    rc, out = run(repo, env, 'git', 'push', 'origin', 'origin/main:refs/heads/named-copy')
    assert rc == 0, out  # the decoy: nothing new, nothing to scan
    before = _refs(remote)
    commit(repo, {'k.py': f'KEY = "{K["named"]}"\n'})
    rc, out = run(repo, env, 'git', 'push', 'origin', 'named:refs/heads/named-copy2')
    _refused(server, rc, out, before, 'k.py')


def test_a_force_push_replacing_history_with_a_key_keeps_the_old_tip(server):
    repo, remote, env, _ = server
    _fresh(repo, 'force')
    commit(repo, {'f.py': 'y = 1\n'})
    rc, out = run(repo, env, 'git', 'push', 'origin', 'force')
    assert rc == 0, out
    before = _refs(remote)
    git(repo, 'reset', '-q', '--hard', 'origin/main')
    commit(repo, {'f.py': f'KEY = "{K["force"]}"\n'})
    rc, out = run(repo, env, 'git', 'push', '--force', 'origin', 'force')
    _refused(server, rc, out, before, 'f.py')


def test_a_refused_push_leaves_no_object_in_the_store_and_the_hook_saw_the_quarantine(server):
    repo, remote, env, top = server
    seen = str(top / 'quarantine-env')
    wrapper = os.path.join(remote, 'hooks', 'pre-receive')
    _install(wrapper, f'#!/bin/sh\necho "$GIT_QUARANTINE_PATH" > {seen}\n'
                      'exec together-hooks pre-receive --timeout 120\n')
    try:
        before = _refs(remote)
        _fresh(repo, 'quarantine')
        new = commit(repo, {'q.py': f'KEY = "{K["quarantine"]}"\n'})
        rc, out = run(repo, env, 'git', 'push', 'origin', 'quarantine')
        _refused(server, rc, out, before, 'q.py')
        assert open(seen).read().strip(), 'no GIT_QUARANTINE_PATH'
        assert subprocess.run(('git', 'cat-file', '-e', new), cwd=remote).returncode != 0
    finally:
        _install(wrapper)


@pytest.mark.parametrize('shape', ['legacy', 'assignment'])
def test_a_push_option_holding_a_key_is_refused(server, shape):
    repo, remote, env, _ = server
    before = _refs(remote)
    _fresh(repo, f'option-{shape}')
    commit(repo, {'o.py': 'z = 1\n'})
    option = (f'ci.variable=TOGETHER_API_KEY={HEX}' if shape == 'legacy'
              else f'ci.variable=TOGETHER_API_KEY={K["option"]}')
    rc, out = run(repo, env, 'git', 'push', '-o', option, 'origin', f'option-{shape}')
    _refused(server, rc, out, before, '<push option>')


def test_a_push_option_without_a_key_is_taken(server):
    """The decoy: a pipeline variable naming the key by reference."""
    repo, remote, env, _ = server
    _fresh(repo, 'option-decoy')
    commit(repo, {'o.py': 'z = 2\n'})
    rc, out = run(repo, env, 'git', 'push', '-o', 'ci.variable=TOGETHER_API_KEY=${TOGETHER_API_KEY}',
                  'origin', 'option-decoy')
    assert rc == 0, out


# ------------------------------------------------ the gate: objects and headers

def test_an_annotated_tag_alone_on_a_known_commit_with_a_key_in_its_message(server):
    repo, remote, env, _ = server
    before = _refs(remote)
    git(repo, 'tag', '-a', 'rel-msg', 'origin/main', '-m', f'release\n\nTOGETHER_API_KEY={K["tagmsg"]}')
    rc, out = run(repo, env, 'git', 'push', 'origin', 'rel-msg')
    _refused(server, rc, out, before, '<tag message>')


@pytest.mark.parametrize('field', ['GIT_AUTHOR_NAME', 'GIT_COMMITTER_EMAIL'])
def test_a_key_in_a_commits_author_or_committer_is_refused_unprinted(server, field):
    repo, remote, env, _ = server
    before = _refs(remote)
    _fresh(repo, f'header-{field}')
    key = K['author' if field == 'GIT_AUTHOR_NAME' else 'committer']
    value = key if 'NAME' in field else f'{key}@example.com'
    with open(os.path.join(repo, 'h.py'), 'w') as f:
        f.write('h = 1\n')
    git(repo, 'add', 'h.py')
    subprocess.run(('git', 'commit', '-q', '-m', 'h'), cwd=repo, check=True,
                   env={**env, field: value})
    rc, out = run(repo, env, 'git', 'push', 'origin', f'header-{field}')
    _refused(server, rc, out, before, '<commit header>')


def test_a_key_in_a_taggers_name_is_refused_unprinted(server):
    repo, remote, env, _ = server
    before = _refs(remote)
    subprocess.run(('git', 'tag', '-a', 'rel-tagger', 'origin/main', '-m', 'release'), cwd=repo,
                   check=True, env={**env, 'GIT_COMMITTER_NAME': K['tagger']})
    rc, out = run(repo, env, 'git', 'push', 'origin', 'rel-tagger')
    _refused(server, rc, out, before)


def test_a_key_only_on_a_merges_second_parent_is_refused(server):
    repo, remote, env, _ = server
    before = _refs(remote)
    _fresh(repo, 'side')
    commit(repo, {'side.py': f'KEY = "{K["merge"]}"\n'})
    commit(repo, {'side.py': 'KEY = os.environ["TOGETHER_API_KEY"]\n'})
    _fresh(repo, 'merged')
    commit(repo, {'m.py': 'm = 1\n'})
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge', 'side')
    rc, out = run(repo, env, 'git', 'push', 'origin', 'merged')
    _refused(server, rc, out, before, 'side.py')


def test_a_key_in_a_pushed_note_is_refused(server):
    repo, remote, env, _ = server
    before = _refs(remote)
    git(repo, 'notes', '--ref', 'org38', 'add', '-f', '-m', f'TOGETHER_API_KEY={K["note"]}', 'origin/main')
    rc, out = run(repo, env, 'git', 'push', 'origin', 'refs/notes/org38')
    _refused(server, rc, out, before)


def test_a_key_in_a_stash_pushed_as_a_branch_is_refused(server):
    """``git push origin stash@{0}:refs/heads/wip`` (``--mirror`` skips
    ``refs/stash``): the stash is a merge of an index commit and a work
    tree commit, the key in the index one alone."""
    repo, remote, env, _ = server
    before = _refs(remote)
    _fresh(repo, 'stash')
    with open(os.path.join(repo, 'a.py'), 'w') as f:
        f.write(f'KEY = "{K["stash"]}"\n')
    git(repo, 'add', 'a.py')
    with open(os.path.join(repo, 'a.py'), 'w') as f:
        f.write('x = 3\n')
    git(repo, 'stash', '-q')
    rc, out = run(repo, env, 'git', 'push', 'origin', 'refs/stash:refs/heads/wip')
    _refused(server, rc, out, before, 'a.py')


def test_ten_thousand_commits_with_a_key_in_one_are_refused_within_the_bound(server):
    repo, remote, env, top = server
    before = _refs(remote)
    _fresh(repo, 'many')
    parent = git(repo, 'rev-parse', 'HEAD').strip()
    lines = []
    for n in range(10_000):
        text = f'KEY = "{K["many"]}"\n' if n == 4_321 else f'n = {n}\n'
        data = text.encode()
        lines.append(f'commit refs/heads/many\nmark :{n + 1}\n'
                     f'committer Dev <dev@example.com> {1_700_000_000 + n} +0000\n'
                     f'data 2\nc\n' + (f'from {parent}\n' if n == 0 else '')
                     + f'M 100644 inline n.py\ndata {len(data)}\n{text}\n')
    subprocess.run(('git', 'fast-import', '--quiet'), cwd=repo, check=True,
                   input=''.join(lines).encode())
    git(repo, 'checkout', '-q', 'many')
    started = time.monotonic()
    rc, out = run(repo, env, 'git', 'push', 'origin', 'many')
    took = time.monotonic() - started
    _refused(server, rc, out, before, 'n.py')
    assert took < 120, took


# -------------------------------------------- the gate: settings and wrappers

def test_a_config_and_baseline_pushed_with_the_key_let_nothing_in(server):
    """The push brings a config excluding everything and a baseline
    recording the key: neither counts, the default branch's do."""
    repo, remote, env, _ = server
    before = _refs(remote)
    _fresh(repo, 'settings')
    baseline = {'version': '1.5.0', 'plugins_used': [], 'filters_used': [], 'generated_at': 'x',
                'results': {'s.py': [{'type': 'Together AI API Key', 'filename': 's.py',
                                      'hashed_secret': hashed(K['config']), 'is_verified': False,
                                      'line_number': 1, 'is_secret': False}]}}
    commit(repo, {'.together-hooks.toml': 'exclude = ["*"]\nallow = ["' + hashed(K['config']) + '"]\n',
                  '.secrets.baseline': json.dumps(baseline), 's.py': f'KEY = "{K["config"]}"\n'})
    rc, out = run(repo, env, 'git', 'push', 'origin', 'settings')
    _refused(server, rc, out, before, 's.py')


def _gated_server(top, name: str) -> tuple[str, str]:
    """A bare server with main, and a clone to push from."""
    remote = bare(top / f'{name}.git')
    dev = str(top / f'{name}-dev')
    repo = new_repo(dev)
    commit(repo, {'a.py': 'x = 1\n'})
    git(repo, 'push', '-q', remote, 'main')
    return remote, repo


def test_a_server_wide_hooks_path_runs_the_gate_from_there(server):
    repo, _, env, top = server
    remote, dev = _gated_server(top, 'hookspath')
    hooks = str(top / 'etc-git-hooks')
    _install(os.path.join(hooks, 'pre-receive'))
    git(remote, 'config', 'core.hooksPath', hooks)
    before = _refs(remote)
    commit(dev, {'k.py': f'KEY = "{K["hookspath"]}"\n'})
    rc, out = run(dev, env, 'git', 'push', remote, 'main')
    assert rc != 0 and 'k.py' in out, out
    assert _refs(remote) == before and leaked(MADE, out) == []


GITEA = r'''#!/usr/bin/env bash
# the shape of the hook Gitea writes (AUTO GENERATED BY GITEA)
data=$(cat)
exitcodes=""
hookname=$(basename $0)
GIT_DIR=${GIT_DIR:-$(dirname $0)/..}
for hook in ${GIT_DIR}/hooks/${hookname}.d/*; do
  test -x "${hook}" && test -f "${hook}" || continue
  echo "${data}" | "${hook}"
  exitcodes="${exitcodes} $?"
done
for i in ${exitcodes}; do
  [ ${i} -eq 0 ] || exit ${i}
done
'''


def test_gitea_s_hook_chain_refuses_and_passes_a_clean_push(server):
    repo, _, env, top = server
    remote, dev = _gated_server(top, 'gitea')
    _install(os.path.join(remote, 'hooks', 'pre-receive'), GITEA)
    _install(os.path.join(remote, 'hooks', 'pre-receive.d', 'together-hooks'))
    before = _refs(remote)
    git(dev, 'checkout', '-q', '-b', 'k')
    commit(dev, {'k.py': f'KEY = "{K["gitea"]}"\n'})
    rc, out = run(dev, env, 'git', 'push', remote, 'k', 'main:other')
    assert rc != 0 and 'k.py' in out, out
    assert _refs(remote) == before and leaked(MADE, out) == []
    rc, out = run(dev, env, 'git', 'push', remote, 'main:other')  # the decoy
    assert rc == 0, out


def test_a_gitlab_like_wrapper_in_another_folder_with_gl_variables_refuses(server):
    """Gitaly runs custom hooks with ``GL_ID``, ``GL_USERNAME``,
    ``GL_PROTOCOL`` and ``GL_REPOSITORY`` set; a wrapper may start the gate
    from another working folder with ``GIT_DIR`` naming the repository."""
    repo, _, env, top = server
    remote, dev = _gated_server(top, 'gitlab')
    _install(os.path.join(remote, 'custom_hooks', 'pre-receive'))
    _install(os.path.join(remote, 'hooks', 'pre-receive'),
             '#!/bin/sh\nexport GIT_DIR="$(pwd)" GL_ID=user-1 GL_USERNAME=dev GL_PROTOCOL=ssh '
             'GL_REPOSITORY=project-1\ncd /\nexec "$GIT_DIR/custom_hooks/pre-receive"\n')
    before = _refs(remote)
    git(dev, 'checkout', '-q', '-b', 'k')
    commit(dev, {'k.py': f'KEY = "{K["gitlab"]}"\n'})
    rc, out = run(dev, env, 'git', 'push', remote, 'k')
    assert rc != 0 and 'k.py' in out, out
    assert _refs(remote) == before and leaked(MADE, out) == []
    rc, out = run(dev, env, 'git', 'push', remote, 'main:clean')  # the decoy
    assert rc == 0, out


def test_a_wrapper_that_clears_the_environment_fails_closed(server):
    """``env -i`` drops git's quarantine variables (the page says not to):
    the pushed objects cannot be read, so the push is refused, never taken
    unread."""
    repo, _, env, top = server
    remote, dev = _gated_server(top, 'cleared')
    _install(os.path.join(remote, 'hooks', 'pre-receive'),
             f'#!/bin/sh\nexec env -i PATH="{env["PATH"]}" HOME="$HOME" '
             'together-hooks pre-receive --timeout 120\n')
    before = _refs(remote)
    git(dev, 'checkout', '-q', '-b', 'k')
    commit(dev, {'k.py': f'KEY = "{K["cleared"]}"\n'})
    rc, out = run(dev, env, 'git', 'push', remote, 'k')
    assert rc != 0, out
    assert _refs(remote) == before and leaked(MADE, out) == []


# ------------------------------------------------------------ scan-org: URLs

def _one(tmp_path, api, url: str, **extra):
    FakeGitHub.routes = {LISTING: ([api_repo('a', url, **extra)], None)}
    return _org(tmp_path, api)


@pytest.mark.parametrize('shape', ['port', 'fragment', 'backslash', 'option', 'userinfo-at'])
def test_a_clone_url_reaching_past_the_apis_origin_is_never_cloned(tmp_path, raw_api, shape):
    """The API's ``clone_url`` comes from whoever answers as the API: it is
    cloned only from the API's own scheme, host and port."""
    other = raw_api(_Raw)
    api = raw_api(type('Api', (_Raw,), {'seen': []}))
    key_repo(tmp_path / 'a', K['api'])
    serve_repos(other, tmp_path, 'a')
    host, elsewhere = api.split('://', 1)[1], other.split('://', 1)[1]
    marker = tmp_path / 'ran'
    url = {
        'port': f'{other}/git/a/.git',
        'fragment': f'http://{elsewhere}/git/a/.git#@{host}/',
        'backslash': f'http://{elsewhere}\\@{host}/git/a/.git',
        'option': f'--upload-pack=touch {marker}',
        'userinfo-at': f'http://{host}@{elsewhere}/git/a/.git',
    }[shape]
    FakeGitHub.seen = []
    result = _one(tmp_path, api, url)
    assert result.rc == 2, result.err
    assert not [p for p, _ in FakeGitHub.seen if p.startswith('/git/')], FakeGitHub.seen
    assert not marker.exists()
    assert leaked(MADE, result.out, result.err) == []


def test_a_clone_url_on_the_apis_origin_is_cloned(tmp_path, raw_api):
    """The decoy: the same repository on the API's own host is scanned."""
    api = raw_api(_Raw)
    key_repo(tmp_path / 'a', K['api'])
    url = serve_repos(api, tmp_path, 'a')
    result = _one(tmp_path, api, url['a'])
    assert result.rc == 1, result.err
    assert {f['hashed_secret'] for f in result.json()['findings']} == {hashed(K['api'])}


@pytest.mark.parametrize('name', ['../../escape', '..', 'a/../../escape', '.'])
def test_a_repository_name_climbing_out_of_the_cache_stays_in_it(tmp_path, raw_api, name):
    api = raw_api(_Raw)
    key_repo(tmp_path / 'a', K['api'])
    url = serve_repos(api, tmp_path, 'a')
    FakeGitHub.routes = {LISTING: ([{**api_repo('a', url['a']), 'name': name,
                                     'full_name': f'acme/{name}'}], None)}
    before = set(os.listdir(tmp_path))
    result = _org(tmp_path, api)
    assert result.rc in (1, 2), result.err
    assert set(os.listdir(tmp_path)) - before <= {'gh.sqlite', 'gh.sqlite-wal', 'gh.sqlite-shm',
                                                  'cache', 'gh.sqlite.lock'}, os.listdir(tmp_path)
    assert not (tmp_path.parent / 'escape').exists()


# ---------------------------------------------------------- scan-org: the API

def test_paging_that_cycles_over_two_pages_stops(tmp_path, raw_api):
    api = raw_api(_Raw)
    key_repo(tmp_path / 'a', K['api'])
    url = serve_repos(api, tmp_path, 'a')
    second = f'{LISTING}&page=2'
    FakeGitHub.routes = {LISTING: ([api_repo('a', url['a'])], f'<{api}{second}>; rel="next"'),
                         second: ([], f'<{api}{LISTING}>; rel="next"')}
    started = time.monotonic()
    result = _org(tmp_path, api)
    assert time.monotonic() - started < 60
    assert result.rc == 2, result.err
    assert len(result.err.strip().splitlines()) == 1, result.err


@pytest.mark.parametrize('headers', [
    {'Retry-After': '86400'},
    {'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': str(int(time.time()) + 86400)},
])
def test_a_rate_limit_asking_for_a_days_wait_is_one_line_not_a_hang(tmp_path, raw_api, headers):
    api = raw_api(_Raw)
    _Raw.raw = {LISTING: (403, {'Content-Type': 'application/json', **headers},
                          b'{"message": "API rate limit exceeded"}')}
    started = time.monotonic()
    result = _org(tmp_path, api)
    assert time.monotonic() - started < 60
    assert result.rc == 2, result.err
    assert len(result.err.strip().splitlines()) == 1, result.err


def test_an_empty_repository_without_a_default_branch_is_scanned_not_failed(tmp_path, raw_api):
    api = raw_api(_Raw)
    git(tmp_path, 'init', '-q', 'e')
    url = serve_repos(api, tmp_path, 'e')
    FakeGitHub.routes = {LISTING: ([api_repo('e', url['e'], size=0, default_branch=None)], None)}
    result = _org(tmp_path, api)
    assert result.rc == 0, result.err
    assert '1 repositories (1 scanned' in result.err, result.err


def test_an_archived_fork_is_left_out_and_said(tmp_path, raw_api):
    api = raw_api(_Raw)
    key_repo(tmp_path / 'a', K['custom'])
    url = serve_repos(api, tmp_path, 'a')
    FakeGitHub.routes = {LISTING: ([api_repo('a', url['a'], fork=True, archived=True)], None)}
    result = _org(tmp_path, api)
    assert result.rc == 0, result.err
    assert 'fork' in result.err, result.err
    result = _org(tmp_path, api, '--include-forks')
    assert result.rc == 1, result.err


# ---------------------------------------------- scan-org: a run that stopped

def _clean_repos(top, count: int) -> str:
    paths = []
    for n in range(count):
        path = new_repo(top / f'r{n}')
        commit(path, {'a.py': 'x = 1\n' * 500})
        paths.append(path)
    return write_lines(top / 'repos.txt', *paths)


def _report(store: str):
    return scan_org('report', '--store', store)


def test_a_report_after_a_killed_run_says_the_run_did_not_finish(tmp_path):
    """A run adds a repository's row when it hands it out: killed, the
    repositories it had not reached have no row, and the report read only
    the rows (exit 0 when none was in flight at the kill, else one
    repository "interrupted" and not a word of the others).  The rerun
    finishes the run and the report is clean again (the decoy)."""
    repos = _clean_repos(tmp_path, 8)
    for attempt in range(3):  # a machine so loaded that the run ended first: again
        store = str(tmp_path / f'k{attempt}.sqlite')
        args = ('together-hooks', 'scan-org', '--repos', repos, '--store', store, '--cache-dir',
                str(tmp_path / 'cache'), '--workers', '1', '--max-in-flight', '1')
        proc = subprocess.Popen(args, cwd=tmp_path, env=clean_env(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with sqlite3.connect(store) as db:
                    done = db.execute(
                        "SELECT count(*) FROM repositories WHERE status='done'").fetchone()[0]
            except sqlite3.Error:
                done = 0
            if done >= 1:
                break
            time.sleep(0.005)
        proc.kill()
        proc.wait()
        with sqlite3.connect(store) as db:
            rows = db.execute('SELECT url, status FROM repositories').fetchall()
            runs = db.execute('SELECT id, finished FROM runs').fetchall()
        if runs and runs[0][1] is None:
            break
    assert runs and runs[0][1] is None and len(rows) < 8, (rows, runs)
    result = _report(store)
    assert result.rc == 2, (result.err, rows, runs)
    assert 'did not finish' in result.err and 'resume' in result.err, result.err
    assert 'did not finish' in result.out  # a failure row of the report too
    again = scan_org(*args[2:], cwd=tmp_path)
    assert again.rc == 0 and '(resumed)' in again.out, (again.out, again.err, rows, runs)
    result = _report(store)
    assert result.rc == 0 and result.err == '', result.err


def _killed_between_repositories(top, name: str, *more: str) -> str:
    """A store as a run killed after its first repository leaves it: that
    one done, the run unfinished, the other repository in no row."""
    repos = _clean_repos(top / name, 2)
    store = str(top / f'{name}.sqlite')
    result = scan_org('--repos', repos, '--store', store, '--cache-dir', str(top / 'cache'),
                      '--workers', '1', *more, cwd=top)
    assert result.rc == 0, result.err
    with sqlite3.connect(store) as db:
        db.execute('UPDATE runs SET finished = NULL')
        db.execute("DELETE FROM repositories WHERE url LIKE '%r1'")
    return store


@pytest.mark.parametrize('fmt', ['text', 'json', 'sarif', 'markdown'])
def test_a_store_left_between_two_repositories_is_no_clean_audit(tmp_path, fmt):
    store = _killed_between_repositories(tmp_path, 'between')
    result = scan_org('report', '--store', store, '--format', fmt)
    assert result.rc == 2, result.err
    assert 'did not finish' in result.out + result.err


def test_a_merge_with_a_killed_shard_is_no_clean_audit_until_it_finishes(tmp_path):
    """Shards of one repos file: each shard's run is its own, so the
    other shard finished does not stand in for the killed one; the killed
    shard resumed and merged again (into the same store) does (the
    decoy)."""
    repos = _clean_repos(tmp_path, 4)
    stores = {}
    for shard in ('0/2', '1/2'):
        stores[shard] = str(tmp_path / f's{shard[0]}.sqlite')
        result = scan_org('--repos', repos, '--store', stores[shard], '--cache-dir',
                          str(tmp_path / 'cache'), '--shard', shard, cwd=tmp_path)
        assert result.rc == 0, result.err
    with sqlite3.connect(stores['0/2']) as db:  # shard 0 as a kill leaves it
        db.execute('UPDATE runs SET finished = NULL')
    merged = str(tmp_path / 'all.sqlite')
    assert scan_org('merge', '--store', merged, stores['0/2'], stores['1/2']).rc == 0
    result = _report(merged)
    assert result.rc == 2 and 'shard 0/2' in result.err, result.err
    result = scan_org('--repos', repos, '--store', stores['0/2'], '--cache-dir',
                      str(tmp_path / 'cache'), '--shard', '0/2', cwd=tmp_path)
    assert result.rc == 0 and '(resumed)' in result.out, result.err
    assert scan_org('merge', '--store', merged, stores['0/2']).rc == 0
    result = _report(merged)
    assert result.rc == 0, result.err
