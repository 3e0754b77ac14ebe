"""A run's names resolved in one ``git cat-file --batch-check``
(``sources.ranges.Revisions``) give what ``rev-parse --verify`` gives each
name alone: the same commit, or the same one-line error, for every shape
of name git treats apart (a name both a branch and a tag, a branch named
like another commit's id, an annotated tag of a tree, a tag of a tag,
``refs/replace``, a missing object, an ambiguous short id, a shallow cut,
detached and unborn HEADs, names with a space, a newline or a carriage
return, a name starting with ``-``).  A naive batch would differ on the
last three (cat-file reads a line, and drops the carriage return before
its newline) and on replace refs (without ``--no-replace-objects``); the
tests hold each of those to ``rev-parse``.  ``scan --diff`` asks its
ends of git once, in that one batch.
"""
from __future__ import annotations

import os
import random
import subprocess

import pytest

from tests.cli_run import scan_in_process
from tests.keys import make_key
from tests.sources.histories import tree_walks
from together_hooks.errors import InputError
from together_hooks.pipeline import Scanner
from together_hooks.sources import ranges
from together_hooks.sources.commits import tags_on_the_way

_DATES = {
    'GIT_AUTHOR_DATE': '2026-01-01T00:00:00Z', 'GIT_COMMITTER_DATE': '2026-01-01T00:00:00Z',
    'GIT_AUTHOR_NAME': 'Dev', 'GIT_AUTHOR_EMAIL': 'dev@example.com',
    'GIT_COMMITTER_NAME': 'Dev', 'GIT_COMMITTER_EMAIL': 'dev@example.com',
}


def _git(repo, *args: str, input: bytes | None = None) -> str:
    return subprocess.run(
        ('git', *args), cwd=repo, check=True, capture_output=True, input=input,
        env={**os.environ, **_DATES},
    ).stdout.decode()


def _many_commits(repo) -> str:
    """1,000 commits on ``refs/many`` (one fast-import), and a four-digit
    prefix two of them share: a short id ambiguous among commits."""
    stream = []
    for i in range(1000):
        stream.append(
            f'commit refs/many\nmark :{i + 1}\n'
            f'committer Dev <dev@example.com> {1767225600 + i} +0000\ndata 4\nm{i:03d}\n'
        )
    _git(repo, 'fast-import', '--quiet', input=''.join(stream).encode())
    seen: dict[str, str] = {}
    for sha in _git(repo, 'rev-list', 'refs/many').split():
        if sha[:4] in seen:
            return sha[:4]
        seen[sha[:4]] = sha
    raise AssertionError('no shared prefix among 1,000 commits')


@pytest.fixture(scope='module')
def repos(tmp_path_factory):
    """One repository holding every shape of name, a shallow clone of it,
    a detached and an unborn one; the key the second commit adds."""
    top = tmp_path_factory.mktemp('revisions37')
    repo = top / 'repo'
    repo.mkdir()
    key = make_key(random.Random(37))
    _git(repo, 'init', '-q', '-b', 'main')
    (repo / 'a.txt').write_text('a\n')
    _git(repo, 'add', '-A')
    _git(repo, 'commit', '-q', '--no-verify', '-m', 'first commit')
    c1 = _git(repo, 'rev-parse', 'HEAD').strip()
    (repo / 'b.py').write_text(f'K = "{key}"\n')
    _git(repo, 'add', '-A')
    _git(repo, 'commit', '-q', '--no-verify', '-m', 'second commit')
    c2 = _git(repo, 'rev-parse', 'HEAD').strip()
    _git(repo, 'tag', 'dup', c1)  # a tag and a branch of one name: the tag wins
    _git(repo, 'branch', 'dup', c2)
    _git(repo, 'update-ref', f'refs/heads/{c2}', c1)  # a branch named as another commit's id
    _git(repo, 'tag', '-a', '-m', 'a tree', 'treetag', f'{c2}^{{tree}}')
    _git(repo, 'tag', '-a', '-m', f'tagged {key}', 'atag', c1)  # a key in its message
    _git(repo, 'tag', '-a', '-m', 'a tag of a tag', 'tagtag', 'atag')
    _git(repo, 'branch', 'spaced', c1)
    c3 = _git(repo, 'commit-tree', '-p', c1, '-m', 'replacement', f'{c2}^{{tree}}').strip()
    _git(repo, 'branch', 'other', c3)
    _git(repo, 'replace', c2, c3)  # ``main`` shows c3 unless replace refs are off
    _git(repo, 'checkout', '-q', 'other')
    _git(repo, 'checkout', '-q', 'main')  # @{-1}: other
    short = _many_commits(repo)
    shallow = top / 'shallow'
    _git(top, '-c', 'protocol.file.allow=always', 'clone', '-q', '--depth', '1',
         f'file://{repo}', str(shallow))
    detached = top / 'detached'
    _git(top, 'clone', '-q', str(repo), str(detached))
    _git(detached, 'checkout', '-q', '--detach', c1)
    bare = top / 'bare.git'
    _git(top, 'clone', '-q', '--bare', str(repo), str(bare))
    unborn = top / 'unborn'
    unborn.mkdir()
    _git(unborn, 'init', '-q', '-b', 'main')
    return {'repo': str(repo), 'shallow': str(shallow), 'bare': str(bare), 'detached': str(detached),
            'unborn': str(unborn), 'c1': c1, 'c2': c2, 'c3': c3, 'short': short, 'key': key}


def _names(r) -> list[str]:
    return [
        'HEAD', 'main', 'dup', 'refs/heads/dup', 'refs/tags/dup', r['c2'], r['c1'][:12],
        'treetag', 'atag', 'tagtag', 'other', '@{-1}', 'HEAD~1', 'HEAD~5', 'main^2',
        ':/second commit', ':/no such message', 'main ', ' main', 'spa ced', 'spaced',
        '1' * 40, 'f' * 64, r['short'], 'nosuch', 'main..other', 'main\nmain', 'HEAD\r',
        'main\r', '-h', '--all', '^main', '', 'main:a.txt', 'HEAD^{tree}',
    ]


def _alone(root: str, name: str) -> str:
    try:
        return ranges.resolve_commit(root, name, 'x')
    except InputError as e:
        return f'error: {e}'


def _batched(root: str, name: str, revisions: ranges.Revisions) -> str:
    try:
        return revisions.commit(name, 'x')
    except InputError as e:
        return f'error: {e}'


@pytest.mark.parametrize('where', ['repo', 'shallow', 'detached', 'unborn'])
def test_every_name_resolves_as_rev_parse_resolves_it_alone(repos, where):
    root = repos[where]
    names = _names(repos)
    revisions = ranges.Revisions(root)
    revisions.ask([f'{n}^{{commit}}' for n in names] + names)
    for name in names:
        assert _batched(root, name, revisions) == _alone(root, name), repr(name)


def test_the_batch_answers_what_rev_parse_answers_and_nothing_else(repos):
    """Each answer the batch keeps is ``rev-parse --verify``'s (replace refs
    off); what it leaves is what ``rev-parse`` alone refuses, or a name it
    cannot be given as one line."""
    root = repos['repo']
    names = _names(repos)
    revisions = ranges.Revisions(root)
    revisions.ask([f'{n}^{{commit}}' for n in names])
    for name in names:
        proc = subprocess.run(
            ('git', '--no-replace-objects', 'rev-parse', '--verify', '--quiet', f'{name}^{{commit}}'),
            cwd=root, capture_output=True,
        )
        alone = proc.stdout.decode().strip() if proc.returncode == 0 else None
        known = revisions.known(f'{name}^{{commit}}')
        if known is not None:
            assert known == (alone, 'commit'), repr(name)
        elif alone is not None:  # git resolves it, the batch was not asked: only unbatchable names
            assert '\n' in name or name.endswith('\r') or name.startswith(('-', '^')), repr(name)
    # The shapes that matter, spelt out.
    assert revisions.known('dup^{commit}')[0] == repos['c1']  # the tag, not the branch
    assert revisions.known(f'{repos["c2"]}^{{commit}}')[0] == repos['c2']  # the id, not the branch
    assert revisions.known('main^{commit}')[0] == repos['c2']  # not the replacement
    assert revisions.known('HEAD^{commit}')[0] == repos['c2']
    assert revisions.known('tagtag^{commit}')[0] == repos['c1']
    for refused in ('treetag', repos['short'], '1' * 40, 'main ', 'main\nmain', 'HEAD\r', 'main\r'):
        assert revisions.known(f'{refused}^{{commit}}') is None, repr(refused)


def test_a_carriage_return_or_a_newline_is_never_read_as_another_name(repos):
    """cat-file reads ``HEAD\\r`` as ``HEAD`` and ``main\\nmain`` as two
    names: the batch must not be asked them (a naive one resolves both)."""
    root = repos['repo']
    scan = Scanner().scan_one
    for name in ('HEAD\r', 'main\r', 'atag\r', 'main\nmain', 'atag\natag'):
        revisions = ranges.Revisions(root)
        revisions.ask([f'{name}^{{commit}}', name, 'HEAD^{commit}'])  # the bare name ends a line
        assert revisions.known(f'{name}^{{commit}}') is None
        assert revisions.known(name) is None
        assert revisions.known('HEAD^{commit}')[0] == repos['c2']  # the other names still answered
        assert _batched(root, name, revisions).startswith('error: x: ')
        alone = [(r.path, r.data) for r in tags_on_the_way(root, name, scan)]
        assert [(r.path, r.data) for r in tags_on_the_way(root, name, scan, revisions)] == alone == []


def test_an_answer_of_more_lines_than_names_is_not_taken(repos, tmp_path, monkeypatch):
    """A ``git`` that prints a line of its own before cat-file's answers (a
    wrapper's banner): no answer is matched to a name by its place; each
    name is asked of rev-parse alone, and resolves as it does there."""
    real = subprocess.run(('sh', '-c', 'command -v git'), capture_output=True, text=True).stdout.strip()
    folder = tmp_path / 'wrapper'
    folder.mkdir()
    script = folder / 'git'
    script.write_text(
        '#!/bin/sh\nfor a in "$@"; do [ "$a" = cat-file ] && echo "welcome to git"; done\n'
        f'exec {real} "$@"\n')
    script.chmod(0o755)
    monkeypatch.setenv('PATH', f'{folder}{os.pathsep}{os.environ["PATH"]}')
    root = repos['repo']
    revisions = ranges.Revisions(root)
    revisions.ask(['dup^{commit}', 'main^{commit}'])
    assert revisions.known('main^{commit}') is None and revisions.known('dup^{commit}') is None
    assert revisions.commit('main', 'x') == repos['c2']
    assert revisions.commit('dup', 'x') == repos['c1']


def test_tags_and_the_kind_of_object_a_name_gives_are_the_same(repos):
    root = repos['repo']
    scan = Scanner().scan_one
    for name in ('main', 'atag', 'tagtag', 'treetag', 'dup', 'nosuch', repos['c1']):
        revisions = ranges.Revisions(root)
        revisions.ask([name, f'{name}^{{}}'])
        alone = [(r.path, r.data) for r in tags_on_the_way(root, name, scan)]
        batched = [(r.path, r.data) for r in tags_on_the_way(root, name, scan, revisions)]
        assert batched == alone, name
        assert bool(alone) is (name in ('atag', 'tagtag')), name  # the key in atag's message
        assert ranges.names_no_commit(root, name, revisions) == ranges.names_no_commit(root, name), name
    assert ranges.names_no_commit(root, 'treetag', ranges.Revisions(root))


def _diff(root: str, spec: str):
    return scan_in_process('--diff', spec, cwd=root)


@pytest.mark.parametrize('base, found', [
    ('dup', True),  # the tag dup (the first commit): the range adds the key
    ('refs/heads/dup', False),  # the branch dup (the second): nothing added
    # The second commit's id, also a branch pointing at the first: the
    # object is taken (nothing added), not the branch (the key).
    ('c2-named-branch', False),
])
def test_a_range_from_an_ambiguous_name_takes_the_object_git_takes(repos, base, found, monkeypatch):
    root = repos['repo']
    monkeypatch.chdir(root)
    spec = repos['c2'] if base == 'c2-named-branch' else base
    result = _diff(root, f'{spec}...main')
    assert result.rc == (1 if found else 0), result.err
    assert ('b.py' in result.out) is found, result.out


@pytest.mark.parametrize('spec', ['HEAD\r...main', 'main\nmain...main', 'main...HEAD\r', 'treetag...main'])
def test_a_name_git_refuses_alone_is_refused_in_a_range(repos, spec, monkeypatch):
    root = repos['repo']
    monkeypatch.chdir(root)
    result = _diff(root, spec)
    assert result.rc == 2
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert 'is not a commit' in result.err or 'names no commit' in result.err, result.err


@pytest.mark.parametrize('where', ['repo', 'bare'])
def test_a_range_asks_its_ends_of_git_once(repos, monkeypatch, where):
    """``scan --diff BASE...HEAD`` (clean: a finding's take-out advice asks
    git more), in a clone or a bare repository (whose root the config and
    the range name apart): no ``rev-parse --verify`` a name, no ``cat-file
    -t``: one batch answers the ends and HEAD's kind."""
    root = repos[where]
    monkeypatch.chdir(root)
    walk = tree_walks(lambda: _diff(root, 'refs/heads/dup...main'))
    assert walk.result.rc == 0, walk.result.err
    started = [a[1:] for a in walk.started if a[0] == 'git']
    # (A bare repository's own config is read at its HEAD, asked apart: no range's name.)
    asked = [a for a in started if 'rev-parse' in a and '--verify' in a and 'HEAD^{commit}' not in a]
    assert asked == [], [a[a.index("rev-parse"):] for a in asked]
    assert not [a for a in started if 'cat-file' in a and '-t' in a], started
    batches = [a for a in started if '--batch-check=%(objectname) %(objecttype)' in a]
    assert len(batches) == 1, started
