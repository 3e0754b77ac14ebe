"""The audit store: one sqlite file (WAL), written by the coordinator only.

Each repository's result is committed in one transaction as it arrives,
so killing the coordinator loses at most the repositories in flight.
Raw keys are never stored: findings carry ``hashed_secret`` (detect-secrets'
SHA-1) and the redacted key.
"""
from __future__ import annotations

import os
import sqlite3
import time

from together_hooks.errors import InputError

SCHEMA_VERSION = 2
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    version TEXT NOT NULL,
    rules TEXT NOT NULL,
    source TEXT NOT NULL,
    executor TEXT NOT NULL,
    repositories INTEGER NOT NULL DEFAULT 0,
    blobs INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS repositories (
    url TEXT PRIMARY KEY,
    network TEXT NOT NULL,
    status TEXT NOT NULL,
    ref_fingerprint TEXT,
    rules TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    size_kb INTEGER NOT NULL DEFAULT 0,
    scanned_run INTEGER,
    checked_run INTEGER,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS findings (
    repo TEXT NOT NULL,
    "commit" TEXT NOT NULL,
    path TEXT NOT NULL,
    hashed_secret TEXT NOT NULL,
    rule TEXT NOT NULL,
    redacted TEXT NOT NULL,
    line INTEGER NOT NULL,
    author TEXT NOT NULL,
    date TEXT NOT NULL,
    verification TEXT,
    first_run INTEGER NOT NULL,
    last_run INTEGER NOT NULL,
    object_type TEXT NOT NULL DEFAULT '',
    tag TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (repo, "commit", path, hashed_secret)
);
"""
# Schema 1 had no object_type/tag: its "commit" said commit for a tag's or
# blob's id too.  Opened, it gains both columns ('' = a commit, as it read).
_FROM_1 = (
    "ALTER TABLE findings ADD COLUMN object_type TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE findings ADD COLUMN tag TEXT NOT NULL DEFAULT ''",
)
FINDING_COLUMNS = (
    'repo', 'commit', 'path', 'hashed_secret', 'rule', 'redacted', 'line',
    'author', 'date', 'verification', 'object_type', 'tag',
)
_FINDINGS = ', '.join(f'"{c}"' for c in FINDING_COLUMNS)
# A finding already stored (same repository, commit, path and key) is
# updated by the SET clause that follows.
_ADD_FINDING = (
    f'INSERT INTO findings ({_FINDINGS}, first_run, last_run) '
    'VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) '
    'ON CONFLICT(repo, "commit", path, hashed_secret) DO UPDATE SET '
)
_REPOSITORIES = (
    'url, network, status, ref_fingerprint, rules, attempts, error, '
    'size_kb, scanned_run, checked_run, updated'
)


def stored(url: str) -> str:
    """A repository's URL (or path), and any other text from outside (a
    repos file's path, a listing's shortfall), as the store keeps it: each Together
    key in it redacted (``tgp_v1_Ab…yz``), the same way every run, so a
    run finds the rows of the last (a file of the store is read and
    copied where no key may go)."""
    from together_hooks.detect.scrub import Scrubber

    return Scrubber().scrub(url)  # what is format-valid, nothing learnt


def now() -> str:
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())


def _cannot_write(path: str, e: sqlite3.Error) -> InputError:
    """A write the store refused (a full disk, a file size limit, a
    locked or read-only file), in one line: the transaction was rolled
    back whole, so the store holds every repository recorded before it and
    none in part; a rerun resumes from there."""
    return InputError(
        f'{path}: cannot write the store ({e}); nothing was half written: '
        'free some space and run the same command again, it resumes',
    )


def _damaged(path: str, e: sqlite3.Error) -> InputError:
    """A store whose file is damaged past its first pages (a disk error,
    a copy cut short): sqlite finds out only when it reads there."""
    return InputError(
        f'{path}: the store is damaged ({e}); restore a copy, or scan into a '
        'new --store (the mirrors are kept, only the scans are redone)',
    )


def _writes(method):  # type: ignore[no-untyped-def]
    """A Store method that writes: a refused write is ``_cannot_write``,
    a damaged file ``_damaged``."""
    import functools

    @functools.wraps(method)
    def write(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return method(self, *args, **kwargs)
        except sqlite3.OperationalError as e:
            raise _cannot_write(self.path, e)
        except sqlite3.DatabaseError as e:
            raise _damaged(self.path, e)
    return write


def _reads(method):  # type: ignore[no-untyped-def]
    """A Store method that reads: a damaged file is ``_damaged``."""
    import functools

    @functools.wraps(method)
    def read(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as e:
            raise _damaged(self.path, e)
    return read


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


class Store:
    def __init__(self, path: str, create: bool = True) -> None:
        """The store at ``path``; ``create=False``: an existing one, read
        only (a report, a merge's inputs): never written, not even to
        upgrade its schema, so an archived store or one on a read-only
        mount is read as it is (``_columns``: what it lacks reads as '')."""
        if not create and not os.path.isfile(path):
            raise InputError(f'{path}: no such store')
        if os.path.exists(path) and not os.path.isfile(path):
            # sqlite would open a FIFO and call it a disk I/O error, a full disk
            raise InputError(
                f'{path}: not a regular file (a FIFO, a device, or a link to one); '
                '--store names the file scan-org keeps its results in',
            )
        self._lock = None
        self.path = path
        self._columns = FINDING_COLUMNS
        self.db: sqlite3.Connection | None = None
        try:
            self._open(path, create)
        except BaseException:
            # A store refused (not one, another schema, damaged) is closed:
            # a merge's or a test's next open must not find it held.
            if self.db is not None:
                self.db.close()
            raise

    def _open(self, path: str, create: bool) -> None:
        try:
            if not create:
                self.db = _read_only(path)
                version = self._version()
                if version is None:  # an empty file: nothing a scan wrote
                    raise InputError(f'{path}: not a scan-org store (it holds no tables)')
                if version == 1:
                    self._columns = FINDING_COLUMNS[:-2]
                elif version != SCHEMA_VERSION:
                    raise InputError(f'{path}: store schema {version}, this version reads {SCHEMA_VERSION}')
                return
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
            # Whose file it is first: a database of another schema is
            # refused as it was found (WAL mode is written into the file).
            version = self._version()
            if version is not None and version not in (1, SCHEMA_VERSION):
                raise InputError(f'{path}: store schema {version}, this version reads {SCHEMA_VERSION}')
            self.db.execute('PRAGMA journal_mode=WAL')
            self.db.execute('PRAGMA synchronous=NORMAL')
            if version is None:
                self.db.executescript(SCHEMA)
                self.db.execute(
                    'INSERT OR REPLACE INTO meta VALUES (?, ?)',
                    ('schema', str(SCHEMA_VERSION)),
                )
            elif version == 1:
                with self.db:
                    self.db.execute('BEGIN')
                    for statement in _FROM_1:
                        self.db.execute(statement)
                    self.db.execute(
                        "UPDATE meta SET value=? WHERE key='schema'", (str(SCHEMA_VERSION),),
                    )
            elif version != SCHEMA_VERSION:
                raise InputError(f'{path}: store schema {version}, this version reads {SCHEMA_VERSION}')
        except sqlite3.OperationalError as e:
            if not create:
                raise InputError(f'{path}: cannot read the store ({e})')
            raise _cannot_write(path, e)
        except sqlite3.DatabaseError as e:
            raise InputError(f'{path}: not a scan-org store ({e})')

    def _selected(self) -> str:
        """The findings' columns to select, '' for those this store's
        schema has not (schema 1: ``object_type``, ``tag``)."""
        return ', '.join(f'"{c}"' if c in self._columns else "''" for c in FINDING_COLUMNS)

    def _version(self) -> int | None:
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return None
        if 'meta' not in tables:
            raise InputError(f'{self.path}: not a scan-org store (it holds other tables)')
        row = self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        return int(row[0]) if row else None

    def close(self) -> None:
        self.db.close()
        if self._lock is not None:
            # Left behind, it was a stray STORE.lock beside every store.
            # Removed while still held: a coordinator that opened it before
            # takes the lock on a file no name reaches, sees that and opens
            # the name again (``lock``).  A link in its place is not ours.
            import stat

            try:
                named = os.lstat(self.path + '.lock')
                held = os.fstat(self._lock.fileno())
                if stat.S_ISREG(named.st_mode) and _same(named, held):
                    os.unlink(self.path + '.lock')
            except OSError:
                pass
            self._lock.close()
            self._lock = None

    def _open_lock(self):  # type: ignore[no-untyped-def]
        """STORE.lock, opened (made if missing) but never truncated, and
        never through a link in its place: ``a`` followed one, and made the
        file a dangling one names, wherever it points."""
        name = self.path + '.lock'
        try:
            fd = os.open(name, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC
                         | getattr(os, 'O_NOFOLLOW', 0), 0o600)
        except OSError:
            if os.path.islink(name):
                raise InputError(
                    f'{name}: a symbolic link where scan-org keeps its lock; '
                    'remove it and run again') from None
            raise
        return os.fdopen(fd, 'a')

    def lock(self) -> None:
        """One coordinator per store: a second would resume the first's run."""
        import fcntl

        while True:
            held = self._open_lock()
            try:
                fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                held.close()
                raise InputError(f'{self.path}: another scan-org is writing this store')
            try:
                named = os.stat(self.path + '.lock')
            except FileNotFoundError:
                named = None
            if named is not None and _same(named, os.fstat(held.fileno())):
                self._lock = held
                return
            held.close()  # the last coordinator removed it as it finished


    # ------------------------------------------------------------ runs

    @_writes
    def open_run(self, version: str, rules: str, source: str, executor: str) -> tuple[int, bool]:
        """(run id, resumed): an interrupted run with the same rules continues."""
        row = self.db.execute(
            'SELECT id, rules FROM runs ORDER BY id DESC LIMIT 1',
        ).fetchone()
        if row is not None and row[1] == rules and self.db.execute(
                'SELECT finished IS NULL FROM runs WHERE id=?', (row[0],),
        ).fetchone()[0]:
            return row[0], True
        cur = self.db.execute(
            'INSERT INTO runs (started, version, rules, source, executor) VALUES (?,?,?,?,?)',
            (now(), version, rules, stored(source), executor),  # a repos file's path too
        )
        return int(cur.lastrowid or 0), False

    @_writes
    def finish_run(self, run: int, repositories: int, blobs: int) -> None:
        self.db.execute(
            'UPDATE runs SET finished=?, repositories=?, blobs=blobs+? WHERE id=?',
            (now(), repositories, blobs, run),
        )

    # -------------------------------------------------------- listings

    @_writes
    def note_listing(self, source: str, shortfall: tuple[str, str] | None) -> None:
        """Keep what ``source``'s listing missed ((where, why), a failure
        row of every report until a listing of it misses nothing), or
        forget it.  In ``meta``: a store of an earlier version reads it."""
        key = f'listing {source}'
        if shortfall is None:
            self.db.execute('DELETE FROM meta WHERE key=?', (key,))
        else:
            self.db.execute('INSERT OR REPLACE INTO meta VALUES (?, ?)',
                            (key, stored('\n'.join(shortfall))))

    @_reads
    def listings(self) -> list[tuple[str, str]]:
        """(where, why) of each listing kept that missed repositories."""
        rows = self.db.execute(
            "SELECT value FROM meta WHERE key LIKE 'listing %' ORDER BY key",
        ).fetchall()
        return [tuple(r[0].split('\n', 1)) for r in rows if '\n' in r[0]]  # type: ignore[misc]

    @_reads
    def unfinished(self) -> list[tuple[str, str]]:
        """(where, why) of each run that did not finish (killed, stopped,
        a full disk, or still running) and that no later run of the same
        source finished since.  A run adds a repository's row only when it
        hands the repository out, so the ones it had not reached have no
        row at all: what the store holds is no complete audit, and a
        report of it says so as it says a listing's shortfall."""
        rows = self.db.execute(
            'SELECT id, started, source FROM runs AS r WHERE finished IS NULL AND NOT EXISTS '
            '(SELECT 1 FROM runs AS l WHERE l.source = r.source AND l.finished IS NOT NULL '
            'AND (l.started > r.started OR (l.started = r.started AND l.id > r.id))) ORDER BY id',
        ).fetchall()
        return [(f'run {run} ({source})',
                 f'run {run} ({source}, started {started}) did not finish: the repositories '
                 'it had not reached are in no row of this store; run the same command '
                 'again to resume') for run, started, source in rows]

    # ---------------------------------------------------- repositories

    @_reads
    def repository(self, url: str) -> tuple | None:
        """(status, ref_fingerprint, rules, checked_run, attempts, size_kb)."""
        return self.db.execute(
            'SELECT status, ref_fingerprint, rules, checked_run, attempts, size_kb '
            'FROM repositories WHERE url=?', (stored(url),),
        ).fetchone()

    @_writes
    def attempt(self, urls: list[str], network: str) -> None:
        with self.db:
            self.db.execute('BEGIN')
            for url in urls:
                self.db.execute(
                    'INSERT INTO repositories (url, network, status, attempts, updated) '
                    "VALUES (?, ?, 'running', 1, ?) ON CONFLICT(url) DO UPDATE SET "
                    "status='running', network=excluded.network, attempts=attempts+1, "
                    'updated=excluded.updated',
                    (stored(url), stored(network), now()),
                )

    @_writes
    def record(self, run: int, result: dict, rules: str) -> None:
        """One target's result, in one transaction."""
        status = result['status']
        with self.db:
            self.db.execute('BEGIN')
            for url in result['urls']:
                if status == 'failed':
                    self.db.execute(
                        "UPDATE repositories SET status='failed', error=?, updated=? WHERE url=?",
                        (result['error'], now(), stored(url)),
                    )
                    continue
                self.db.execute(
                    "UPDATE repositories SET status='done', error=NULL, ref_fingerprint=?, "
                    'rules=?, size_kb=?, checked_run=?, attempts=0, updated=?'
                    + (', scanned_run=?' if status == 'done' else '') + ' WHERE url=?',
                    (result['fingerprint'], rules, result.get('size', 0), run, now())
                    + ((run,) if status == 'done' else ()) + (stored(url),),
                )
            self.add_findings(run, result['findings'])
            if status == 'done':
                self.db.execute('UPDATE runs SET blobs=blobs+? WHERE id=?', (result['blobs'], run))

    def add_findings(self, run: int, findings: list[dict]) -> None:
        for f in findings:
            self.db.execute(
                _ADD_FINDING + 'line=excluded.line, rule=excluded.rule, redacted=excluded.redacted, '
                'verification=COALESCE(excluded.verification, verification), '
                'object_type=excluded.object_type, tag=excluded.tag, '
                'last_run=excluded.last_run',
                (stored(f['repo']), *(f.get(c) or '' if c in ('object_type', 'tag') else f[c]
                                      for c in FINDING_COLUMNS[1:]), run, run),
            )

    # --------------------------------------------------------- reading

    @_reads
    def findings(self, repos: list[str] | None = None) -> list[dict]:
        rows = self.db.execute(
            f'SELECT {self._selected()} FROM findings '
            'ORDER BY repo, path, line, "commit", hashed_secret',
        ).fetchall()
        return [dict(zip(FINDING_COLUMNS, r)) for r in _of(rows, repos)]

    @_reads
    def failures(self, repos: list[str] | None = None) -> list[tuple[str, str]]:
        rows = self.db.execute(
            "SELECT url, COALESCE(error, 'interrupted') FROM repositories "
            "WHERE status != 'done' ORDER BY url",
        ).fetchall()
        return _of(rows, repos)

    @_reads
    def known_verifications(self) -> dict[str, str]:
        return dict(self.db.execute(
            'SELECT hashed_secret, verification FROM findings '
            "WHERE verification IN ('live', 'invalid') GROUP BY hashed_secret",
        ).fetchall())

    @_reads
    def repositories(self) -> list[tuple]:
        return self.db.execute(
            f'SELECT {_REPOSITORIES} FROM repositories ORDER BY url',
        ).fetchall()

    # ----------------------------------------------------------- merge

    @_writes
    def merge_from(self, other: Store) -> None:
        """Add another store: the newer row of each repository wins;
        findings are the union (verification kept where known)."""
        base = int(self.db.execute('SELECT COALESCE(MAX(id), 0) FROM runs').fetchone()[0])
        with self.db:
            self.db.execute('BEGIN')
            for row in other.db.execute(
                    'SELECT id, started, finished, version, rules, source, executor, '
                    'repositories, blobs FROM runs ORDER BY id'):
                self.db.execute('INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?)',
                                (row[0] + base,) + row[1:])
            for row in other.repositories():
                row = row[:8] + tuple(
                    None if r is None else r + base for r in row[8:10]
                ) + row[10:]
                self.db.execute(
                    f'INSERT INTO repositories ({_REPOSITORIES}) '
                    'VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(url) DO UPDATE SET '
                    'network=excluded.network, status=excluded.status, '
                    'ref_fingerprint=excluded.ref_fingerprint, rules=excluded.rules, '
                    'attempts=excluded.attempts, error=excluded.error, '
                    'size_kb=excluded.size_kb, scanned_run=excluded.scanned_run, '
                    'checked_run=excluded.checked_run, updated=excluded.updated '
                    'WHERE excluded.updated >= repositories.updated',
                    row,
                )
            for row in other.db.execute(  # a shortfall of either stays said
                    "SELECT key, value FROM meta WHERE key LIKE 'listing %'"):
                self.db.execute('INSERT OR IGNORE INTO meta VALUES (?, ?)', row)
            for row in other.db.execute(
                    f'SELECT {other._selected()}, first_run, last_run FROM findings'):
                self.db.execute(
                    _ADD_FINDING + 'verification=COALESCE(excluded.verification, verification), '
                    'object_type=excluded.object_type, tag=excluded.tag',
                    row[:-2] + (row[-2] + base, row[-1] + base),
                )


def _read_only(path: str) -> sqlite3.Connection:
    """``path`` opened read only: nothing it holds is changed, its journal
    mode neither.  A WAL store whose ``-shm`` cannot be made (its folder
    read only: an archive, a read-only mount) is read as immutable."""
    from urllib.parse import quote

    uri = 'file:' + quote(os.path.abspath(path)) + '?mode=ro'
    db = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None)
    try:
        db.execute('SELECT count(*) FROM sqlite_master').fetchone()
    except sqlite3.OperationalError as e:
        db.close()
        if 'unable to open' not in str(e) and 'readonly' not in str(e):
            raise  # locked, or past the file's first pages: said as it is
        # Immutable, sqlite reads the main file alone: what a -wal a writer
        # left (killed before its checkpoint) holds would not be seen.
        try:
            wal = os.path.getsize(path + '-wal')
        except OSError:
            wal = 0
        if wal:
            raise InputError(
                f'{path}: its write-ahead log ({os.path.basename(path)}-wal, {wal} bytes) '
                'cannot be read in a folder that cannot be written; copy the store and its '
                '-wal to a folder that can, and read the copy',
            ) from None
        db = sqlite3.connect(uri + '&immutable=1', uri=True, timeout=30, isolation_level=None)
    return db


def _of(rows: list, repos: list[str] | None) -> list:
    """The rows (url first) of ``repos``; all of them when None."""
    if repos is None:
        return rows
    wanted = {stored(r) for r in repos}
    return [r for r in rows if r[0] in wanted]
