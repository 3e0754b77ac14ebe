"""A store file damaged past its first pages (a disk error, a copy cut
short): sqlite opens it and fails only where it reads the damage."""
from __future__ import annotations

import os

import pytest

from tests.cli_run import assert_error_line
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import write_lines


def _store_with_findings(path: str) -> None:
    from together_hooks.org.store import Store

    store = Store(path)
    try:
        run, _resumed = store.open_run('v', 'rules', 'test', 'local')
        for i in range(40):
            url = f'https://example.invalid/acme/repo{i}.git'
            store.attempt([url], url)
            store.record(run, {
                'urls': [url], 'status': 'done', 'fingerprint': 'f', 'size': 1, 'blobs': 1,
                'findings': [{
                    'repo': url, 'commit': f'{n:040x}', 'path': f'src/f{n}.py',
                    'hashed_secret': f'{i * 100 + n:040x}', 'rule': 'together-api-key',
                    'redacted': 'tgp_v1_Ab…yz', 'line': 1, 'author': 'A <a@example.com>',
                    'date': '2026-01-01T00:00:00+00:00', 'verification': None,
                } for n in range(5)],
            }, 'rules')
        store.finish_run(run, 40, 0)
    finally:
        store.close()


@pytest.mark.parametrize('action', ['report', 'scan'])
def test_a_damaged_store_is_one_line_naming_it(tmp_path, action):
    """It was ``internal error (DatabaseError)``: a bug of ours, as it
    read, not a file to restore."""
    store = str(tmp_path / 's.sqlite')
    _store_with_findings(store)
    with open(store, 'r+b') as f:
        size = f.seek(0, 2)
        assert size > 8 * 4096
        f.seek(4 * 4096)
        f.write(b'\0' * (size - 4 * 4096))  # every page after the schema's
    if action == 'report':
        result = scan_org('report', '--store', store)
    else:
        # a file naming no repository is refused itself: one the store's refusal stops first
        repos = write_lines(tmp_path / 'r.txt', f'file://{tmp_path}/never-cloned')
        result = scan_org('--repos', repos, '--store', store, '--cache-dir', str(tmp_path / 'c'))
    assert_error_line(result, store, 'the store is damaged', 'new --store')


def test_a_schema_1_store_is_read_and_merged_with_what_holds_each_key(tmp_path):
    """Schema 2 adds ``object_type`` and ``tag`` to the findings (a key in
    a tag's message or a tagged blob is no commit's): a store written by
    the last version (schema 1, built here with its own DDL) is opened,
    reported (its rows as commits, as it said) and merged with a new one
    whose rows keep what holds their key."""
    import sqlite3

    from together_hooks.org import store as store_module

    old = str(tmp_path / 'old.sqlite')
    schema_1 = store_module.SCHEMA.replace(
        "    object_type TEXT NOT NULL DEFAULT '',\n    tag TEXT NOT NULL DEFAULT '',\n", '')
    assert schema_1 != store_module.SCHEMA
    with sqlite3.connect(old) as db:
        db.execute('PRAGMA journal_mode=WAL')  # as the last version wrote it
        db.executescript(schema_1)
        db.execute("INSERT INTO meta VALUES ('schema', '1')")
        db.execute("INSERT INTO runs VALUES (1, 't', 't', 'v', 'r', 's', 'local', 1, 1)")
        db.execute('INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?)', (
            'file:///old', 'a' * 40, 'a.py', '1' * 40, 'together-api-key', 'tgp_v1_Ab…yz',
            1, 'A <a@example.com>', '2026-01-01', None, 1, 1))
    db.close()
    # Read only, it is reported as it is and never written: no upgrade (an
    # archived store, a read-only mount; the file and its folder read only
    # here, which root ignores: the bytes must not change either way).
    with open(old, 'rb') as f:
        before = f.read()
    os.chmod(old, 0o444)
    os.chmod(tmp_path, 0o555)
    try:
        report = scan_org('report', '--store', old, '--format', 'json')
        assert report.rc == 1, report.err
        assert [(f['path'], f['commit']) for f in report.json()['findings']] == [('a.py', 'a' * 40)]
        assert 'object_type' not in report.json()['findings'][0]
    finally:
        os.chmod(tmp_path, 0o755)
    with open(old, 'rb') as f:
        assert f.read() == before
    new = str(tmp_path / 'new.sqlite')
    store = store_module.Store(new)
    try:
        run, _resumed = store.open_run('v', 'rules', 'test', 'local')
        store.attempt(['file:///new'], 'file:///new')
        store.record(run, {
            'urls': ['file:///new'], 'status': 'done', 'fingerprint': 'f', 'size': 1,
            'blobs': 1, 'findings': [{
                'repo': 'file:///new', 'commit': 'b' * 40, 'path': '<tag message>',
                'hashed_secret': '2' * 40, 'rule': 'together-api-key',
                'redacted': 'tgp_v1_Cd…wx', 'line': 1, 'author': 'T <t@example.com>',
                'date': '2026-01-02', 'verification': None, 'object_type': 'tag', 'tag': 'v1',
            }, {  # a ref's name: no object holds it
                'repo': 'file:///new', 'commit': '', 'path': '<ref name>',
                'hashed_secret': '3' * 40, 'rule': 'together-api-key',
                'redacted': 'tgp_v1_Ef…uv', 'line': 1, 'author': '', 'date': '',
                'verification': None, 'object_type': '', 'tag': '',
            }],
        }, 'rules')
        store.finish_run(run, 1, 1)  # as a run does: an unfinished one is no clean audit
    finally:
        store.close()
    assert scan_org('merge', '--store', new, old).rc == 0
    with open(old, 'rb') as f:  # a merge's input is read only too
        assert f.read() == before
    report = scan_org('report', '--store', new, '--format', 'json')
    assert report.rc == 1, report.err
    origins = {f['path']: {k: f[k] for k in ('commit', 'object', 'object_type', 'tag') if k in f}
               for f in report.json()['findings']}
    assert origins == {'a.py': {'commit': 'a' * 40}, '<ref name>': {},
                       '<tag message>': {'object': 'b' * 40, 'object_type': 'tag', 'tag': 'v1'}}
    text = scan_org('report', '--store', new, '--format', 'text').out
    assert f'added in tag v1 ({"b" * 12}) by ' in text and f'added in commit {"a" * 12} by ' in text
    assert 'file:///new: <ref name>:1: together-api-key tgp_v1_Ef…uv (hashed_secret ' in text
    assert f'{"3" * 40}) added in a name\n' in text, text  # no author, no date: neither said
    sarif = {r['properties'].get('tag', r['locations'][0]['physicalLocation']['artifactLocation']['uri']):
             r['message']['text'] for run in scan_org('report', '--store', new, '--format', 'sarif').json()['runs']
             for r in run['results']}
    assert f'added in tag v1 ({"b" * 12}) by ' in sarif['v1'] and f'added in commit {"a" * 12} by ' in sarif['a.py']


def _fds_on(path: str) -> list[str]:
    """This process's open descriptors on ``path`` (or its -wal, -shm)."""
    real = os.path.realpath(path)
    held = []
    for fd in os.listdir('/proc/self/fd'):
        try:
            target = os.readlink(f'/proc/self/fd/{fd}')
        except OSError:
            continue
        if target.startswith(real):
            held.append(target)
    return held


@pytest.mark.skipif(not os.path.isdir('/proc/self/fd'), reason='reads /proc/self/fd')
@pytest.mark.parametrize('kind', ['no-tables', 'other-schema'])
def test_a_store_refused_is_closed(tmp_path, kind):
    """A file refused as a store (no tables, a schema this version does
    not read) was left open behind the InputError: a merge of many inputs
    held each, and the error's traceback kept it so."""
    import sqlite3

    from together_hooks.errors import InputError
    from together_hooks.org.store import Store

    path = str(tmp_path / 's.sqlite')
    with sqlite3.connect(path) as db:
        if kind == 'other-schema':
            db.execute('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)')
            db.execute("INSERT INTO meta VALUES ('schema', '99')")
    db.close()
    for create in (False, True):
        if kind == 'no-tables' and create:
            continue  # a new store is made in it
        with pytest.raises(InputError) as refused:
            Store(path, create=create)
        assert _fds_on(path) == [], (create, refused.value)


def test_a_read_only_stores_unread_write_ahead_log_fails_closed(tmp_path):
    """A WAL store a writer left with findings not yet in the main file
    (killed before its checkpoint, archived as it was), in a folder that
    cannot be written: sqlite cannot make its -shm, so it is read as
    immutable, which reads the main file alone.  ``report`` said the
    store held no findings, exit 0.  It is refused, one line naming the
    -wal.  (Under root, whom a read-only folder does not stop, the report
    runs without the capability to override file modes.)"""
    import shutil
    import subprocess
    import sys

    from together_hooks.org.store import Store

    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        if shutil.which('setpriv') is None:
            pytest.skip('root, and no setpriv to give up overriding file modes')
        prefix = ('setpriv', '--bounding-set', '-dac_override,-dac_read_search')
    live = str(tmp_path / 'live.sqlite')
    Store(live).close()  # the schema, checkpointed into the main file
    folder = tmp_path / 'archive'
    folder.mkdir()
    store = Store(live)
    try:
        store.db.execute('PRAGMA wal_autocheckpoint=0')
        run_id, _resumed = store.open_run('v', 'rules', 'test', 'local')
        url = 'https://example.invalid/acme/repo.git'
        store.attempt([url], url)
        store.record(run_id, {
            'urls': [url], 'status': 'done', 'fingerprint': 'f', 'size': 1, 'blobs': 1,
            'findings': [{
                'repo': url, 'commit': '1' * 40, 'path': 'src/a.py', 'hashed_secret': '2' * 40,
                'rule': 'together-api-key', 'redacted': 'tgp_v1_Ab…yz', 'line': 1,
                'author': 'A <a@example.com>', 'date': '2026-01-01T00:00:00+00:00',
                'verification': None,
            }],
        }, 'rules')
        store.finish_run(run_id, 1, 0)
        # The archive: the main file and the -wal as the writer left them.
        for suffix in ('', '-wal'):
            shutil.copyfile(live + suffix, folder / f's.sqlite{suffix}')
        assert (folder / 's.sqlite-wal').stat().st_size > 0
    finally:
        store.close()
    os.chmod(folder, 0o555)
    try:
        proc = subprocess.run(
            prefix + (os.path.join(os.path.dirname(sys.executable), 'together-hooks'), 'scan-org',
                      'report', '--store', str(folder / 's.sqlite'), '--format', 'json'),
            cwd=tmp_path, capture_output=True, timeout=120, env=dict(os.environ, LC_ALL='C.UTF-8'),
        )
    finally:
        os.chmod(folder, 0o755)
    err = proc.stderr.decode()
    assert proc.returncode == 2, (proc.returncode, proc.stdout, err)
    (line,) = err.splitlines()
    assert 's.sqlite-wal' in line and 'Traceback' not in err, err
    assert not os.path.exists(folder / 's.sqlite-shm')
