"""``scan-org`` reads what ``scan --history`` reads: beside every blob,
commit and tag messages, ref and path names, and blobs a tag names, in a
repository alone and in a fork network (attributed to the forks that
hold them)."""
from __future__ import annotations

import json
import subprocess

from tests.cli_run import run
from tests.conftest import git
from tests.org.scan_org_test import commit
from tests.org.scan_org_test import found
from tests.org.scan_org_test import hashed
from tests.org.scan_org_test import new_repo
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import write_lines


def _beyond_blobs(repo: str, keys) -> dict[str, str]:
    """A key in a commit message, in an annotated tag's message, and in a
    blob only a tag names: path -> hashed_secret."""
    in_message, in_tag, tagged = keys(), keys(), keys()
    commit(repo, {'c.txt': 'c\n'}, f'deploy with TOGETHER_API_KEY={in_message}')
    git(repo, 'tag', '-a', 'v1', '-m', f'release notes TOGETHER_API_KEY={in_tag}')
    blob = subprocess.run(('git', 'hash-object', '-w', '--stdin'), cwd=repo, check=True,
                          input=f'TOGETHER_API_KEY = "{tagged}"\n', capture_output=True,
                          text=True).stdout.strip()
    git(repo, 'tag', 'just-a-blob', blob)
    return {'<commit message>': hashed(in_message), '<tag message>': hashed(in_tag),
            '<tagged blob>': hashed(tagged)}


def test_a_repository_is_read_as_scan_history_reads_it(tmp_path, keys):
    """scan-org read blobs only: a key in a commit message, a tag's
    message or a blob a tag names, which ``scan --history`` reports, was
    missing from the audit."""
    repo = new_repo(tmp_path / 'r')
    commit(repo, {'a.py': f'TOGETHER_API_KEY = "{keys()}"\n'})
    expected = _beyond_blobs(repo, keys)
    history = run('together-hooks', 'scan', '--history', '--format', 'json', cwd=repo)
    assert history.rc == 1, history.err
    by_scan = {(f['path'], f['hashed_secret']) for f in history.json()['findings']}
    assert set(expected.items()) < by_scan

    result = scan_org('--repos', write_lines(tmp_path / 'r.txt', repo), '--store',
                      str(tmp_path / 's.sqlite'), '--cache-dir', str(tmp_path / 'c'),
                      '--format', 'json')
    assert result.rc == 1, result.err
    assert {(f[2], f[3]) for f in found(result)} == by_scan
    assert {f[0] for f in found(result)} == {repo}
    # What holds each key is said as scan's JSON says it: a tag's message
    # and a blob a tag names were 'commit' <tag or blob id> ('added in
    # commit' in SARIF) in every report, and in the store.
    where = ('commit', 'object', 'object_type', 'tag')
    by_scan_origin = {
        (f['path'], f['hashed_secret']): {k: f[k] for k in where if k in f}
        for f in history.json()['findings']
    }
    assert {
        (f['path'], f['hashed_secret']): {k: f[k] for k in where if k in f}
        for f in result.json()['findings']
    } == by_scan_origin
    tag_id = git(repo, 'rev-parse', 'v1').strip()
    assert by_scan_origin['<tag message>', expected['<tag message>']] == {
        'object': tag_id, 'object_type': 'tag', 'tag': 'v1'}
    report = scan_org('report', '--store', str(tmp_path / 's.sqlite'), '--format', 'text')
    said = {line.split(' (hashed_secret ')[1][:40]: line for line in report.out.splitlines()
            if '(hashed_secret ' in line}
    assert f'added in tag v1 ({tag_id[:12]}) by ' in said[expected['<tag message>']]
    assert f"added in blob {by_scan_origin['<tagged blob>', expected['<tagged blob>']]['object'][:12]}" in said[
        expected['<tagged blob>']]
    sarif = json.loads(scan_org('report', '--store', str(tmp_path / 's.sqlite'), '--format', 'sarif').out)
    results = [r for run in sarif['runs'] for r in run['results']]
    assert not [r for r in results if 'commit' in r['properties'] and 'object_type' in r['properties']]
    assert sum('added in commit' in r['message']['text'] for r in results) == sum(
        'commit' in o for o in by_scan_origin.values())


def test_a_fork_network_attributes_them_to_the_forks_that_hold_them(tmp_path, keys):
    parent = new_repo(tmp_path / 'parent')
    commit(parent, {'a.txt': 'a\n'})
    shared = keys()
    commit(parent, {'b.txt': 'b\n'}, f'TOGETHER_API_KEY={shared}')
    fork = str(tmp_path / 'fork')
    git(tmp_path, 'clone', '-q', parent, fork)
    git(fork, 'config', 'user.email', 'f@example.com')
    git(fork, 'config', 'user.name', 'F')
    own = _beyond_blobs(fork, keys)
    urls = [f'file://{parent}', f'file://{fork}']
    result = scan_org('--repos', write_lines(tmp_path / 'r.txt', ' '.join(urls)), '--store',
                      str(tmp_path / 's.sqlite'), '--cache-dir', str(tmp_path / 'c'),
                      '--format', 'json')
    assert result.rc == 1, result.err
    got = {(f[0], f[2], f[3]) for f in found(result)}
    assert got == {(u, '<commit message>', hashed(shared)) for u in urls} | {
        (urls[1], path, secret) for path, secret in own.items()}


def test_a_change_of_what_is_read_rescans():
    """The fingerprint that decides a rescan covered the rules and the
    detection engine only: a store filled before scan-org read messages
    and tags called its repositories unchanged, and never read them."""
    import os

    from together_hooks.org import engine
    from together_hooks.sources import history

    files = {os.path.realpath(p) for p in engine.scanner_files()}
    assert os.path.realpath(history.__file__) in files
    assert os.path.realpath(engine.__file__) in files
