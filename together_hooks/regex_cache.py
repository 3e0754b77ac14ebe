"""Our own regexes, compiled once per user instead of once per run.

Every hook run is a new process, and ``re.compile`` parses a pattern and
generates its program in pure Python (``re._parser``, ``re._compiler``): for
the rules' long patterns that costs more than matching them on a commit's
files.  :func:`compile` returns the pattern ``re.compile`` returns, built by
``_sre.compile`` straight from the program an earlier run generated and
kept in a per-user cache file, the way Python keeps bytecode in
``__pycache__``.

Trust, as for ``__pycache__``: a program is stored only after it was built
back into a pattern equal to ``re.compile``'s (``Pattern ==`` compares the
generated code), one file per Python build (the version string and
``_sre.MAGIC``: another build may generate other code), each entry keyed
by the exact pattern and flags, and ``_sre`` validates every program it is
given.  Anything unexpected (no cache folder, a damaged or foreign file, an
interpreter without these private modules) is ``re.compile``; a run that had
to generate programs writes the file once at exit, atomically, and a
failed write is only a slower next run.

Only the code's own patterns come here (rules, decoders, context
walkers, and through :func:`cached` the constant ones the engine and the
scrub match at each call), never one built from data: a pattern made
from a developer's keys must not reach a file.  The file is
``$XDG_CACHE_HOME/together-hooks/regex-programs`` (``~/.cache/...``),
beside scan-org's mirrors; ``stored`` and ``store`` keep other compiled
forms of our own constants (the keyword screen's hyperscan databases) in
``compiled-blobs`` beside it, under the same rules.  No variable of our own
names it: a variable named like Together is read as one of the
developer's own keys (``env.values.keys_in_environ``).
"""
from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from typing import Any
    from typing import AnyStr

_FORMAT = 2
# A program's code words are kept as one bytes object of native unsigned
# ints (``_WORD``, ``_sre.CODESIZE`` bytes each), turned into the list
# ``_sre.compile`` takes only when the program is built: marshal reads a
# list of ints as an object a word (~130,000 in a tree scan's file, 2.2 ms
# of a fresh process), bytes in one copy (0.8 ms), and a hook builds ~40 of
# the ~300 programs the file holds (docs/performance.md, "Issue 17,
# session 37 (perfT37)").
_WORD = 'I'
# More entries than our own patterns could ever need: a bound, not a size.
_MAX_ENTRIES = 1024
# Far more than those entries take (about 4 KB each at most).
_MAX_BYTES = 8 << 20

# (pattern, flags) -> (flags, code, groups, groupindex, indexgroup), or None
# before the file is read; the programs this run generated, to write back.
_programs: dict[Any, tuple[Any, ...]] | None = None
_generated: dict[Any, tuple[Any, ...]] = {}
# The keys of the file's programs this run built (what ``_save`` keeps
# when the file is full).
_used: set[Any] = set()
_wanted = False  # is there a cache folder to keep programs in
# (is bytes, pattern, flags) -> the pattern built in this process (``cached``).
_built: dict[tuple[bool, Any, int], Any] = {}


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, from the cached program when there
    is one."""
    programs = _load() if _programs is None else _programs
    # (or one this run generated: a pattern compiled again in a hot path,
    # ``csvrow``'s header cell once a header line, was generated anew at
    # each call, in pure Python, until the file held it)
    program = programs.get((pattern, flags)) or _generated.get((pattern, flags))
    if program is not None:
        try:
            built = build(pattern, program)
        except Exception:  # refused by _sre: compile it afresh
            pass
        else:
            _used.add((pattern, flags))
            return built
    import re

    compiled = re.compile(pattern, flags)
    # re.DEBUG, re.LOCALE: a program that depends on more than its text.
    # A full file still takes this run's: ``_save`` makes room.
    if _wanted and not flags & (re.DEBUG | re.LOCALE) and len(_generated) < _MAX_ENTRIES:
        _keep(pattern, flags, compiled)
    return compiled


def cached(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``compile``, once per process (the same object each time, as re's
    own cache gives it): for a constant pattern matched at each call, as
    ``re.search(pattern, text)`` would."""
    key = (isinstance(pattern, bytes), pattern, flags)  # never str == bytes
    compiled = _built.get(key)
    if compiled is None:
        if len(_built) >= _MAX_ENTRIES:
            _built.clear()
        compiled = _built[key] = compile(pattern, flags)
    return compiled


def build(pattern: Any, program: tuple[Any, ...]) -> Any:
    import _sre

    final_flags, code, groups, groupindex, indexgroup = program
    words = memoryview(code).cast(_WORD).tolist()
    return _sre.compile(pattern, final_flags, words, groups, dict(groupindex), indexgroup)


def _keep(pattern: Any, flags: int, compiled: re.Pattern[Any]) -> None:
    """Keep ``pattern``'s program for the file, written at exit."""
    program = program_of(pattern, flags, compiled)
    if program is None:
        return
    if not _generated:
        import atexit

        atexit.register(_save)
    _generated[pattern, flags] = program


def program_of(pattern: Any, flags: int, compiled: re.Pattern[Any]) -> tuple[Any, ...] | None:
    """``pattern``'s program, generated as ``re.compile`` does, when it
    builds a pattern equal to ``compiled`` (else None)."""
    try:
        try:
            from re import _compiler  # type: ignore[attr-defined]
            from re import _parser  # type: ignore[attr-defined]
        except ImportError:  # Python < 3.11
            import sre_compile as _compiler
            import sre_parse as _parser
        parsed = _parser.parse(pattern, flags)
        state = parsed.state
        indexgroup: list[str | None] = [None] * state.groups
        for name, i in state.groupdict.items():
            indexgroup[i] = name
        from array import array

        program = (
            flags | state.flags, array(_WORD, _compiler._code(parsed, flags)).tobytes(), state.groups - 1,
            dict(state.groupdict), tuple(indexgroup),
        )
        return program if _same(build(pattern, program), compiled) else None
    except Exception:  # another interpreter's internals: no cache
        return None


def _same(a: re.Pattern[Any], b: re.Pattern[Any]) -> bool:
    """The same program (``==`` compares flags, code and text), groups and
    group names."""
    return a == b and a.groups == b.groups and a.groupindex == b.groupindex


def _path() -> str | None:
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    if not os.path.isabs(base):  # the XDG rule; also an unexpandable '~'
        return None
    return os.path.join(base, 'together-hooks', 'regex-programs')


def _build_key() -> tuple[Any, ...]:
    import _sre

    # (and the width of ``_WORD`` here and its byte order: a program's
    # bytes hold words of it; a file from a machine of the other byte
    # order (a shared home, a copied ~/.cache) is dropped as it is read,
    # not left to ``_sre`` to refuse program by program)
    return (_FORMAT, sys.implementation.name, sys.version, _sre.MAGIC, _sre.CODESIZE,
            memoryview(b'\0' * 8).cast(_WORD).itemsize, sys.byteorder)


def _load() -> dict[Any, tuple[Any, ...]]:
    """The cached programs (none when there is no good file)."""
    global _programs, _wanted
    _programs = {}
    path = _path()
    _wanted = path is not None and sys.implementation.name == 'cpython'
    if not _wanted:
        return _programs
    try:
        import marshal

        key, programs = marshal.loads(_read_regular(path))
        if key == _build_key() and type(programs) is dict:
            _programs = {k: v for k, v in programs.items() if _well_formed(k, v)}
    except Exception:  # no file, or not one of ours: compile afresh
        pass
    return _programs


def _read_regular(path: str) -> bytes:
    """The file's bytes, if it is a regular file of at most ``_MAX_BYTES``,
    ``_private`` in a ``_private_folder`` (OSError else): a FIFO, a device
    or a link to one would stall every hook run, an endless one would fill
    memory, one someone else can write could disarm the rules."""
    import stat

    flags = os.O_RDONLY | getattr(os, 'O_NONBLOCK', 0) | getattr(os, 'O_NOFOLLOW', 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if (not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_BYTES or not _private(st)
                or not _private_folder(os.path.dirname(path))):
            raise OSError(f'{path}: not a cache file of ours')
        return os.read(fd, _MAX_BYTES + 1)
    finally:
        os.close(fd)


def _well_formed(key: Any, program: Any) -> bool:
    return (
        type(key) is tuple and len(key) == 2 and type(key[0]) in (str, bytes)
        and type(key[1]) is int and type(program) is tuple and len(program) == 5
        and type(program[0]) is int and type(program[1]) is bytes
        and type(program[2]) is int and type(program[3]) is dict
        and type(program[4]) is tuple
    )


def _private(info: os.stat_result) -> bool:
    """Ours, and writable by no one else: a program from this file is
    trusted as it is (``_sre`` checks only that it is safe to run), so one
    that someone else could write could make a rule match nothing."""
    import stat

    return (
        info.st_uid == os.geteuid() and not info.st_mode & 0o022
        and (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode))
    )


def _private_folder(folder: str) -> bool:
    """``folder`` is a folder (not a link to one) that is ``_private``."""
    import stat

    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _private(info)


def _kept() -> dict[Any, tuple[Any, ...]]:
    """What the file holds after this run: what it held and what this run
    generated; when that is more than ``_MAX_ENTRIES`` (programs of
    patterns earlier versions had, kept by every run since), only what
    this run built or generated, so the bound never stops a new
    version's programs from being kept."""
    kept = {**(_programs or {}), **_generated}
    if len(kept) > _MAX_ENTRIES:
        kept = {k: v for k, v in kept.items() if k in _used or k in _generated}
    return kept


def _save() -> None:
    """Write what is cached plus what this run generated (``_write``)."""
    path = _path()
    if path is None or not _generated:
        return
    try:
        import marshal

        data = marshal.dumps((_build_key(), _kept()))
    except Exception:  # a program marshal refuses: the next run compiles again
        return
    if not _write(path, data):
        return
    if _programs is not None:
        _programs.update(_generated)
    _generated.clear()


def _write(path: str, data: bytes) -> bool:
    """``data`` into ``path``, atomically, as ``fileio.write_atomic`` does
    (which this layer cannot import): a temporary file of our own (0600, a
    name no other writer uses, no link followed), flushed to the disk,
    renamed over the old one; in a folder made 0700, and only in one that
    is ``_private_folder``.  Concurrent runs each rename a whole file: the
    last one wins.  False when nothing was written."""
    try:
        folder = os.path.dirname(path)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if not _private_folder(folder):
            return False
        tmp = f'{path}.{os.getpid()}.{os.urandom(6).hex()}.tmp'
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, 'O_NOFOLLOW', 0), 0o600)
        try:
            with open(fd, 'wb') as f:
                f.write(data)
                f.flush()
                os.fsync(fd)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # a read-only home, a full disk: the next run compiles again
        return False
    return True


# Other compiled forms of our own constants, kept as the programs are, in
# a file of their own beside them (``_BLOBS_NAME``): a hyperscan database
# of the keyword screen's needles, serialized (``hyperscan.dumpb``), costs
# ~10-20 ms of CPU to compile and ~0.1 ms to load.  Keyed by a tuple of
# the constants it was made from (and whatever version made it), each
# value kept with its CRC-32: hyperscan's own check let 4 of 300 flipped
# bits through.  The same trust as a program: only in a ``_private`` file
# of a ``_private_folder``.
_BLOBS_NAME = 'compiled-blobs'
_BLOBS_FORMAT = 1
_MAX_BLOBS = 8
_blobs: dict[Any, bytes] | None = None  # key -> value, what the file held
_new_blobs: dict[Any, bytes] = {}  # what this run made, to write at exit
_used_blobs: set[Any] = set()


def stored(key: tuple[Any, ...]) -> bytes | None:
    """The value an earlier run kept for ``key`` (``store``), or None."""
    blobs = _load_blobs() if _blobs is None else _blobs
    value = blobs.get(key)
    if value is not None:
        _used_blobs.add(key)
    return value


def store(key: tuple[Any, ...], value: bytes) -> None:
    """Keep ``value`` for ``key`` (constants only: never anything made
    from data), written once at exit."""
    blobs = _load_blobs() if _blobs is None else _blobs
    if not _blobs_wanted or blobs.get(key) == value or len(value) > _MAX_BYTES // (2 * _MAX_BLOBS):
        return
    if not _new_blobs:
        import atexit

        atexit.register(_save_blobs)
    _new_blobs[key] = value


_blobs_wanted = False


def _load_blobs() -> dict[Any, bytes]:
    """The kept values whose CRC holds (none when there is no good file)."""
    global _blobs, _blobs_wanted
    _blobs = {}
    path = _path()
    _blobs_wanted = path is not None and sys.implementation.name == 'cpython'
    if not _blobs_wanted:
        return _blobs
    try:
        import marshal
        import zlib

        key, held = marshal.loads(_read_regular(os.path.join(os.path.dirname(path), _BLOBS_NAME)))
        if key == (_BLOBS_FORMAT, *_build_key()) and type(held) is dict:
            _blobs = {
                k: v[1] for k, v in held.items()
                if type(k) is tuple and type(v) is tuple and len(v) == 2 and type(v[1]) is bytes
                and v[0] == zlib.crc32(v[1])
            }
    except Exception:  # no file, or not one of ours: made afresh
        pass
    return _blobs


def _save_blobs() -> None:
    """What the file held and what this run made, at most ``_MAX_BLOBS``
    (past that, only what this run used or made)."""
    path = _path()
    if path is None or not _new_blobs:
        return
    kept = {**(_blobs or {}), **_new_blobs}
    if len(kept) > _MAX_BLOBS:
        kept = {k: v for k, v in kept.items() if k in _used_blobs or k in _new_blobs}
    try:
        import marshal
        import zlib

        data = marshal.dumps(((_BLOBS_FORMAT, *_build_key()), {k: (zlib.crc32(v), v) for k, v in kept.items()}))
    except Exception:  # a key marshal refuses: made afresh next run
        return
    if _write(os.path.join(os.path.dirname(path), _BLOBS_NAME), data):
        if _blobs is not None:
            _blobs.update(_new_blobs)
        _new_blobs.clear()
