"""Issue 14: every blob git stores is content.

Symlink targets, UTF-16/UTF-32 text (with or without a BOM, with stray
bytes), commit messages, annotated tag messages and ref names; and the
places where data is missing (sparse checkouts) or a write could escape
the repository (``check-env-gitignored --fix`` through a symlink).
"""
from __future__ import annotations

import json
import os

import jsonschema
import pytest

from tests.cli_run import assert_error_line
from tests.cli_run import hook_in_process as hook
from tests.cli_run import run as run_script
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import install
from tests.gitplay import local_hooks_config
from tests.gitplay import manifest
from tests.gitplay import run
from together_hooks.findings import hash_secret


def hashes(result) -> set[tuple[str, str]]:
    assert result.rc in (0, 1), (result.rc, result.err)
    return {(f['path'], f['hashed_secret']) for f in result.json()['findings']}


# ------------------------------------------------------------ symlink targets

def test_symlink_target_staged_history_and_diff(git_repo, keys):
    key = keys()
    write(git_repo, 'r.txt', 'x\n')
    base = commit(git_repo)
    os.symlink(key, git_repo / 'link')
    git(git_repo, 'add', 'link')
    want = {('link', hash_secret(key))}
    assert hashes(scan('--staged', '--format', 'json')) == want
    commit(git_repo)
    os.remove(git_repo / 'link')
    commit(git_repo)  # gone from the tip, still in history
    assert hashes(scan('--history', '--format', 'json')) == want
    assert hashes(scan('--diff', f'{base}...HEAD', '--format', 'json')) == want


def test_symlink_target_through_the_commit_hook(git_repo, keys, tmp_path):
    key = keys()
    # The hook as the published .pre-commit-hooks.yaml declares it.
    write(git_repo, '.pre-commit-config.yaml',
          local_hooks_config(('detect-together-keys', manifest('detect-together-keys'))))
    commit(git_repo)
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / 'pc-home'), PRE_COMMIT_COLOR='never')
    install(git_repo, env)
    os.symlink(key, git_repo / 'link')
    git(git_repo, 'add', 'link')
    rc, out = run(git_repo, env, 'git', 'commit', '-m', 'x')
    assert rc != 0, out
    assert 'link:1: together-api-key' in out and hash_secret(key) in out


def test_symlink_given_to_the_hook_is_read_not_followed(git_repo, keys, tmp_path):
    key = keys()
    os.symlink(key, git_repo / 'link')
    (tmp_path / 'outside').write_text(f'K = "{keys()}"\n')
    os.symlink(tmp_path / 'outside', git_repo / 'out')
    result = hook('--format', 'json', 'link', 'out')
    assert hashes(result) == {('link', hash_secret(key))}


# ------------------------------------------------------------ wide encodings

def _ps1(key: str) -> str:
    return f'$env:TOGETHER_API_KEY="{key}"\r\n'


WIDE = [
    ('utf-16-le', b'\xff\xfe'), ('utf-16-be', b'\xfe\xff'),
    ('utf-16-le', b''), ('utf-16-be', b''),
    ('utf-32-le', b'\xff\xfe\x00\x00'), ('utf-32-be', b'\x00\x00\xfe\xff'),
    ('utf-32-le', b''), ('utf-32-be', b''),
]
STRAY = [b'', b'\n', b'\x00', b'\xff\xfe\x01']


def test_wide_text_with_stray_bytes(tmp_path, keys):
    # Every encoding, with and without its BOM, with each kind of stray
    # tail: one file each, one scan of the folder.
    made = {}
    for i, (codec, bom) in enumerate(WIDE):
        for j, tail in enumerate(STRAY):
            key = keys()
            name = f'{codec}-{"bom" if bom else "nobom"}-{j}.ps1'
            (tmp_path / name).write_bytes(bom + ('# setup\r\n' + _ps1(key)).encode(codec) + tail)
            made[name] = key
    result = scan('--format', 'json', str(tmp_path))
    assert result.rc == 1, (result.out, result.err)
    got = {f['path']: (f['hashed_secret'], f['line']) for f in result.json()['findings']}
    assert got == {name: (hash_secret(key), 2) for name, key in made.items()}


def test_wide_text_in_history_and_the_hook(git_repo, keys):
    key = keys()
    write(git_repo, 'r.txt', 'x\n')
    commit(git_repo)
    (git_repo / 'a.ps1').write_bytes(b'\xff\xfe' + _ps1(key).encode('utf-16-le') + b'\n')
    git(git_repo, 'add', 'a.ps1')
    assert hashes(scan('--staged', '--format', 'json')) == {('a.ps1', hash_secret(key))}
    assert hashes(hook('--format', 'json', 'a.ps1')) == {('a.ps1', hash_secret(key))}
    commit(git_repo)
    assert hashes(scan('--history', '--format', 'json')) == {('a.ps1', hash_secret(key))}


# ------------------------------------------------------------ messages and names

def test_commit_message_in_history_and_diff(git_repo, keys):
    key = keys()
    write(git_repo, 'r.txt', 'x\n')
    base = commit(git_repo)
    write(git_repo, 'a.txt', 'y\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '-m', f'temp: TOGETHER_API_KEY={key}')
    sha = git(git_repo, 'rev-parse', 'HEAD').strip()
    for args in (['--history'], ['--diff', f'{base}...HEAD']):
        result = scan(*args, '--format', 'json')
        assert result.rc == 1, (args, result.out, result.err)
        got = [(f['path'], f['hashed_secret'], f['commit']) for f in result.json()['findings']]
        assert got == [('<commit message>', hash_secret(key), sha)], args


def test_tag_message_and_ref_name_in_history(git_repo, keys):
    in_tag, in_ref = keys(), keys()
    write(git_repo, 'r.txt', 'x\n')
    commit(git_repo)
    git(git_repo, 'tag', '-a', 'v1', '-m', f'release {in_tag}')
    git(git_repo, 'branch', f'wip/{in_ref}')
    result = scan('--history', '--format', 'json')
    assert result.rc == 1
    got = {(f['path'], f['hashed_secret']) for f in result.json()['findings']}
    assert got == {('<tag message>', hash_secret(in_tag)), ('<ref name>', hash_secret(in_ref))}


def test_a_key_in_a_tag_is_reported_in_the_tag_by_name(git_repo, keys):
    """A key in an annotated tag's message or header (its tagger) was
    reported "added in commit <the tag object's id>": no commit has that
    id.  It says "in tag <name>" (and the JSON names the tag)."""
    in_message, in_header = keys(), keys()
    write(git_repo, 'r.txt', 'x\n')
    commit(git_repo)
    git(git_repo, 'tag', '-a', 'v1', '-m', f'release {in_message}')
    git(git_repo, '-c', f'user.name=ci {in_header}', 'tag', '-a', 'v2', '-m', 'clean')
    v1 = git(git_repo, 'rev-parse', 'v1').strip()
    result = scan('--history')
    assert result.rc == 1
    lines = [line for line in result.out.splitlines() if '(hashed_secret ' in line]
    assert len(lines) == 2, result.out
    for line, name, key in ((lines[0], 'v2', in_header), (lines[1], 'v1', in_message)):
        assert hash_secret(key) in line and f' in tag {name} (' in line, line
        assert ' in commit ' not in line, line
    assert f'in tag v1 ({v1[:12]})' in result.out
    found = scan('--history', '--format', 'json').json()['findings']
    assert {(f['path'], f['tag']) for f in found} == {
        ('<tag message>', 'v1'), ('<commit header>', 'v2')}


def test_json_commit_is_a_commit_or_absent_for_what_a_tag_reaches(git_repo, keys):
    """A key in a tag's message, or in a blob a tag names (lightweight or
    annotated), was reported with the tag's or the blob's id in ``commit``:
    no commit has it.  ``commit`` is a commit's id or absent; what holds
    the key is ``object`` and ``object_type`` (JSON and SARIF)."""
    in_message, in_blob, in_tagged_blob, in_commit = keys(), keys(), keys(), keys()
    write(git_repo, 'r.txt', f'x {in_commit}\n')
    adding = commit(git_repo)
    git(git_repo, 'tag', '-a', 'v1', '-m', f'release {in_message}')
    blob_file = os.path.join(git_repo, '..', 'loose.txt')
    with open(blob_file, 'w') as f:
        f.write(f'TOGETHER_API_KEY={in_blob}\n')
    blob = git(git_repo, 'hash-object', '-w', blob_file).strip()
    git(git_repo, 'tag', 'light', blob)
    with open(blob_file, 'w') as f:
        f.write(f'TOGETHER_API_KEY={in_tagged_blob}\n')
    blob2 = git(git_repo, 'hash-object', '-w', blob_file).strip()
    git(git_repo, 'tag', '-a', 'heavy', blob2, '-m', 'a file')
    v1, heavy = (git(git_repo, 'rev-parse', t).strip() for t in ('v1', 'heavy'))
    result = scan('--history', '--format', 'json')
    assert result.rc == 1, result.err
    by_hash = {f['hashed_secret']: f for f in result.json()['findings']}
    found = {k: by_hash[hash_secret(k)] for k in (in_message, in_blob, in_tagged_blob, in_commit)}
    assert found[in_commit]['commit'] == adding and 'object' not in found[in_commit]
    for key, obj, kind in ((in_message, v1, 'tag'), (in_blob, blob, 'blob'), (in_tagged_blob, heavy, 'tag')):
        assert 'commit' not in found[key], found[key]
        assert (found[key]['object'], found[key]['object_type']) == (obj, kind)
    assert found[in_message]['tag'] == 'v1' and 'tag' not in found[in_blob]
    doc = json.loads(scan('--history', '--format', 'sarif').out)
    with open(os.path.join(os.path.dirname(__file__), 'sarif-schema-2.1.0.json')) as f:
        jsonschema.validate(doc, json.load(f))
    props = {r['properties']['hashed_secret']: r['properties'] for r in doc['runs'][0]['results']}
    assert props[hash_secret(in_commit)]['commit'] == adding
    assert 'commit' not in props[hash_secret(in_blob)]
    assert (props[hash_secret(in_blob)]['object'], props[hash_secret(in_blob)]['object_type']) == (blob, 'blob')
    assert (props[hash_secret(in_message)]['object_type'], props[hash_secret(in_message)]['tag']) == ('tag', 'v1')


def test_diff_to_an_annotated_tag_scans_the_tags_on_the_way(git_repo, keys):
    """``--diff BASE...TAG``: the tag (and a tag it tags) is brought too."""
    inner, outer = keys(), keys()
    write(git_repo, 'r.txt', 'x\n')
    base = commit(git_repo)
    git(git_repo, 'tag', '-a', 'v1', '-m', f'release {inner}')
    git(git_repo, 'tag', '-a', 'v1-signed', 'v1', '-m', f'again {outer}')
    git(git_repo, 'tag', '-a', 'clean', '-m', 'nothing here')
    got = hashes(scan('--diff', f'{base}...v1-signed', '--format', 'json'))
    assert got == {('<tag message>', hash_secret(inner)), ('<tag message>', hash_secret(outer))}
    assert scan('--diff', f'{base}...clean').rc == 0
    assert scan('--diff', f'{base}...HEAD').rc == 0  # a commit brings no tag


def test_commit_message_in_sarif_is_a_logical_location(git_repo, keys):
    key = keys()
    write(git_repo, 'r.txt', 'x\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '-m', f'oops {key}')
    result = scan('--history', '--format', 'sarif')
    assert result.rc == 1
    with open(os.path.join(os.path.dirname(__file__), 'sarif-schema-2.1.0.json')) as f:
        jsonschema.validate(json.loads(result.out), json.load(f))
    (res,) = json.loads(result.out)['runs'][0]['results']
    (loc,) = res['locations']
    assert 'physicalLocation' not in loc
    (logical,) = loc['logicalLocations']
    assert logical['kind'] == 'commitMessage' or 'commit message' in logical['name']


# ------------------------------------------------------------ sparse checkout

def test_sparse_checkout_scans_tracked_files_outside_the_cone(git_repo, keys):
    key = keys()
    write(git_repo, 'in/a.txt', 'x\n')
    write(git_repo, 'out/b.py', f'K = "{key}"\n')
    commit(git_repo)
    git(git_repo, 'sparse-checkout', 'set', 'in')
    assert not (git_repo / 'out' / 'b.py').exists()
    result = scan('--format', 'json')
    assert hashes(result) == {('out/b.py', hash_secret(key))}
    assert result.json()['summary']['files_scanned'] == 2


# ------------------------------------------------------------ --fix stays inside

def test_fix_never_writes_through_a_gitignore_symlink(git_repo, tmp_path):
    outside = tmp_path / 'outside.txt'
    outside.write_text('precious\n')
    os.symlink(outside, git_repo / '.gitignore')
    write(git_repo, '.env', 'X=1\n')
    result = run_script('check-env-gitignored', '--fix', cwd=git_repo)
    assert_error_line(result, '.gitignore', 'symlink')
    assert outside.read_text() == 'precious\n'
    assert os.path.islink(git_repo / '.gitignore')


def test_fix_never_writes_through_a_symlinked_folder(git_repo, tmp_path):
    elsewhere = tmp_path / 'elsewhere'
    elsewhere.mkdir()
    os.symlink(elsewhere, git_repo / 'sub')
    write(git_repo, 'real/.env', 'X=1\n')
    write(git_repo, '.gitignore', '')
    result = run_script('check-env-gitignored', '--fix', cwd=git_repo)
    assert result.rc in (1, 2)
    assert os.listdir(elsewhere) == []
