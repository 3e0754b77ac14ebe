"""``--history`` reads its refs and their tips' peel with one git
(``commits._refs_peeled``): ``for-each-ref``'s ``%(*objecttype)
%(*objectname)`` where it answers as ``cat-file``'s ``X^{}`` does, and
``peeled`` (the ``cat-file --batch-check`` that asked it before) for a tag
of a tag, a tag whose header misnames its object's type, or a
``for-each-ref`` that fails (a tag whose object is missing, or whose header
misnames an object another ref names).  Each repository here is held to
``_refs`` and ``peeled`` asked apart."""
from __future__ import annotations

import random
import shutil
import subprocess

import pytest

from tests.cli_run import scan_in_process
from tests.conftest import git
from tests.conftest import write
from tests.keys import make_key
from together_hooks.findings import TAGGED_BLOB
from together_hooks.findings import hash_secret
from together_hooks.sources import commits


def _init(path) -> None:
    path.mkdir()
    git(path, 'init', '-q', '-b', 'main')
    for name, value in (('user.email', 'dev@example.com'), ('user.name', 'Dev'),
                        ('commit.gpgsign', 'false'), ('tag.gpgsign', 'false')):
        git(path, 'config', name, value)


def _object(repo, kind: str, data: bytes) -> str:
    """An object written as given (``--literally``: a tag git's own
    ``mktag`` would refuse)."""
    return subprocess.run(
        ('git', 'hash-object', '-t', kind, '-w', '--literally', '--stdin'), cwd=repo,
        input=data, check=True, capture_output=True,
    ).stdout.decode().strip()


def _tag(repo, name: str, target: str, kind: str) -> str:
    """An annotated tag object of ``target`` whose header says ``kind``."""
    return _object(repo, 'tag', (
        f'object {target}\ntype {kind}\ntag {name}\n'
        'tagger Dev <dev@example.com> 1700000000 +0000\n\nmessage\n').encode())


@pytest.fixture(scope='module')
def repos(tmp_path_factory):
    """{case: folder}, and the key a tagged blob holds and the decoy another holds."""
    rng = random.Random('perfG38-refs-peeled')
    key = make_key(rng)
    decoy = 'tgp_v1_' + 'x' * 43  # a placeholder: never a finding
    base = tmp_path_factory.mktemp('peeled')
    repo = base / 'tags'
    _init(repo)
    write(repo, 'a.txt', 'one\n')
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'one')
    head = git(repo, 'rev-parse', 'HEAD').strip()
    tree = git(repo, 'rev-parse', 'HEAD^{tree}').strip()
    secret = _object(repo, 'blob', f'client = Together(api_key="{key}")\n'.encode())
    placeholder = _object(repo, 'blob', f'TOGETHER_API_KEY={decoy}\n'.encode())
    git(repo, 'tag', 'light-blob', placeholder)
    git(repo, 'tag', 'light-tree', tree)
    git(repo, 'tag', '-a', '-m', 'release', 'v1', head)
    git(repo, 'tag', '-a', '-m', 'a blob', 'blob-tag', secret)
    git(repo, 'tag', '-a', '-m', 'a tree', 'tree-tag', tree)
    git(repo, 'tag', '-a', '-m', 'a decoy', 'decoy-tag', placeholder)
    git(repo, 'update-ref', 'refs/notes/odd', placeholder)
    plain = {'tags': repo}

    nested = base / 'nested'
    shutil.copytree(repo, nested)
    inner = _tag(nested, 'inner', secret, 'blob')
    git(nested, 'update-ref', 'refs/tags/nested', _tag(nested, 'nested', inner, 'tag'))

    # The header says commit, the object is a blob no other ref names (one
    # another ref names makes for-each-ref itself fail: the ``failed`` case).
    misnamed = base / 'misnamed'
    shutil.copytree(repo, misnamed)
    lonely = _object(misnamed, 'blob', b'a blob only a misnamed tag names\n')
    git(misnamed, 'update-ref', 'refs/tags/misnamed', _tag(misnamed, 'misnamed', lonely, 'commit'))
    failed = base / 'failed'
    shutil.copytree(repo, failed)
    git(failed, 'update-ref', 'refs/tags/misnamed', _tag(failed, 'misnamed', placeholder, 'commit'))

    missing = base / 'missing'
    shutil.copytree(repo, missing)
    git(missing, 'update-ref', 'refs/tags/gone', _tag(missing, 'gone', '1' * 40, 'blob'))

    detached = base / 'detached'
    shutil.copytree(repo, detached)
    git(detached, 'checkout', '-q', '--detach', 'HEAD')

    bare = base / 'bare.git'
    git(base, 'clone', '-q', '--bare', '--no-local', str(repo), str(bare))

    empty = base / 'empty'
    _init(empty)
    return {**plain, 'nested': nested, 'misnamed': misnamed, 'failed': failed, 'missing': missing,
            'detached': detached, 'bare': bare, 'empty': empty}, key, decoy


@pytest.mark.parametrize('case', ['tags', 'nested', 'misnamed', 'failed', 'missing', 'detached', 'bare', 'empty'])
def test_the_refs_and_their_peel_are_what_two_gits_said(repos, case):
    folders, _key, _decoy = repos
    root = str(folders[case])
    tags, names, tips = commits._refs(root)
    assert commits._refs_peeled(root) == (tags, names, tips, commits.peeled(root, tips))
    if case in ('tags', 'nested', 'misnamed', 'failed', 'missing'):
        assert len(tips) >= 6  # the tags and the blob refs are tips
    if case in ('nested', 'misnamed'):  # each asked of cat-file: for-each-ref says otherwise
        assert commits.git_probe(root, 'for-each-ref') is not None
    if case in ('failed', 'missing'):  # for-each-ref's * fails: read apart
        assert commits.git_probe(root, 'for-each-ref', '--format=%(*objectname)') is None


def test_one_git_where_for_each_ref_answers(repos, monkeypatch):
    """No tag of a tag, no misnamed type: ``peeled`` is not asked."""
    folders, _key, _decoy = repos
    monkeypatch.setattr(commits, 'peeled', lambda root, tips: pytest.fail('asked apart'))
    _tags, _names, tips, peel = commits._refs_peeled(str(folders['tags']))
    kinds = sorted(kind for _tip, _sha, kind in peel)
    assert kinds == ['blob', 'blob', 'blob', 'blob', 'commit', 'tree', 'tree']
    assert len(peel) == len(tips)


def test_a_tagged_blob_s_key_is_reported_and_the_placeholder_is_not(repos):
    folders, key, _decoy = repos
    result = scan_in_process('--history', '--format', 'json', cwd=folders['tags'])
    assert result.rc == 1, result.err
    found = {(f['path'], f['hashed_secret']) for f in result.json()['findings']}
    assert found == {(TAGGED_BLOB, hash_secret(key))}
