"""File I/O shared by every layer: reading what we scan (never following a
link), reading what we are told to read (a baseline, a config), and atomic
writes."""
from __future__ import annotations

import codecs
import errno
import os
import stat

from together_hooks.errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
    from typing import BinaryIO
    from typing import Callable
    from typing import Iterable
    from typing import Iterator

_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, 'O_NOFOLLOW', 0) | getattr(os, 'O_NONBLOCK', 0)
    | getattr(os, 'O_BINARY', 0)
)


_MAX_READ = 0x7ffff000  # Linux returns at most this much from one read()

# Files and blobs larger than this (and its overlap) are read and scanned in
# windows of this size, each overlapping its neighbours by rules.MAX_CONTEXT:
# a few windows' worth of memory however large the file (a 30 GB file, a
# file of Together( calls whose every hit the engine records).
WINDOW = 4 << 20


def text_start(data: bytes) -> int:
    """Where the text of ``data`` begins: past the UTF-8 BOM a Windows
    editor writes at the top of a file (no character anyone sees), else 0.
    The one place that knows what a BOM is; every reader skips it here."""
    return len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0


def stdin_bytes() -> BinaryIO:
    """Our standard input, as bytes.  A process started with it closed
    (``<&-``) has none: one line (InputError), never an empty input that
    passes nor an AttributeError."""
    import sys

    if sys.stdin is None:
        raise InputError('cannot read: standard input is closed')
    return sys.stdin.buffer


def is_file_arg(arg: str) -> bool:
    """Whether a hook's argument is a file name, never an option: one that
    does not start with ``-``, or a path that exists (``lexists``: a
    dangling symlink too).  pre-commit passes file names without ``--``
    and only names that exist, so no committed file (``--verify``,
    ``--output``) is ever read as an option.  Only option-like arguments
    pay for the system call."""
    return not arg.startswith('-') or os.path.lexists(arg)


class NotScanned(Exception):
    """A file named for scanning that cannot be read as one: not a regular
    file (a FIFO, a socket, a device), or unreadable.  ``fatal``: the scan
    cannot vouch for the run (a file it could not read may hold a key)."""

    def __init__(self, reason: str, fatal: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.fatal = fatal


def _open_regular(path: str) -> tuple[int, int] | None:
    """(fd, size) of a regular file opened for reading; None for a symlink
    or a file gone; NotScanned for anything else."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as e:
        if e.errno == errno.ELOOP:  # a symlink
            return None
        if e.errno == errno.ENXIO and _is_socket(path):  # open() of a socket
            raise NotScanned(_NOT_REGULAR, fatal=False)
        raise NotScanned(f'cannot read ({e.strerror or e})', fatal=True)
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            # git lists a folder only for a gitlink: a submodule checked out
            # there holds files no walk of this work tree reads, so it is
            # named, never left out of a "no Together keys" unsaid.
            if os.path.lexists(os.path.join(path, '.git')):
                raise NotScanned(SUBMODULE_SKIPPED, fatal=False)
            return None
        raise NotScanned(_NOT_REGULAR, fatal=False)
    return fd, info.st_size


SUBMODULE_SKIPPED = 'submodule skipped (scan it in its own repository)'
_NOT_REGULAR = 'not a regular file (a FIFO, a socket or a device): skipped'


def _is_socket(path: str) -> bool:
    try:
        return stat.S_ISSOCK(os.lstat(path).st_mode)
    except OSError:
        return False


def read_file(path: str) -> bytes | None:
    """The bytes of a regular file; None for symlinks, folders, gone;
    NotScanned for a FIFO, a device, or a file that cannot be read.

    One open with O_NOFOLLOW (a symlink is never followed) and O_NONBLOCK
    (a FIFO never blocks), then fstat: no separate lstat per file.
    """
    opened = _open_regular(path)
    if opened is None:
        return None
    return _read_opened(*opened)


def open_regular(path: str) -> BinaryIO | None:
    """A regular file opened for reading as ``read_file`` opens it (a
    symlink never followed), as a file object; None for a symlink, a
    folder, gone; NotScanned for anything else."""
    opened = _open_regular(path)
    if opened is None:
        return None
    return open(opened[0], 'rb')


def read_whole(path: str, limit: int) -> bytes | int | None:
    """``read_file`` for a file of at most ``limit`` bytes, in the same
    single open; a larger file is not read: its size is returned (to be
    read in windows)."""
    opened = _open_regular(path)
    if opened is None:
        return None
    fd, size = opened
    if size > limit:
        os.close(fd)
        return size
    return _read_opened(fd, size)


def _read_opened(fd: int, size: int) -> bytes:
    """The bytes of the regular file open at ``fd`` (``size`` by fstat),
    which is closed after.

    What the file held when it was opened: bytes appended while it is read
    (a log being written) are left for the next scan, so a file that never
    stops growing is read in bounded time and memory.  A file that reports
    no size (``/proc``, ``/sys``, some FUSE mounts) is read to its end, up
    to ``WINDOW`` bytes; more is refused (NotScanned) rather than held."""
    try:
        if not size:
            data = filled(lambda n: os.read(fd, n), b'', WINDOW + 1)
            if len(data) > WINDOW:
                raise NotScanned(
                    f'reports a size of 0 but holds more than {WINDOW >> 20} MB '
                    '(a /proc or FUSE file): not scanned', fatal=True,
                )
            return data
        # One read for the size fstat gave (no file object) in the common
        # case; a short read is the end of a file that shrank.
        return filled(lambda n: os.read(fd, min(n, _MAX_READ)), b'', size)
    except OSError as e:
        raise NotScanned(f'cannot read ({e.strerror or e})', fatal=True)
    finally:
        os.close(fd)


def read_small(path: str, limit: int) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes; None for
    anything else (a symlink, a FIFO, a folder, gone, unreadable, larger):
    for files read on the side, such as env files holding your own keys."""
    try:
        return read_bounded(path, limit) or None
    except NotScanned:
        return None


def read_bounded(path: str, limit: int) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes; None for a
    symlink, a folder or a file gone; NotScanned for a file that is there
    and is not read (a FIFO, a socket, a device, unreadable, larger than
    ``limit``): for a check that must not pass a file it did not read."""
    opened = _open_regular(path)
    if opened is None:
        return None
    fd, size = opened
    try:
        data = os.read(fd, limit + 1) if size <= limit else b''
    except OSError as e:
        raise NotScanned(f'cannot read ({e.strerror or e})', fatal=True)
    finally:
        os.close(fd)
    if size > limit or len(data) > limit:
        raise NotScanned(f'larger than {limit:,} bytes: not read', fatal=True)
    return data


def read_head(path: str, size: int = 1 << 16) -> bytes:
    """The first ``size`` bytes of the file at ``path`` when it is a
    regular file (a link followed: git runs a hook through one), else b''
    (also unreadable or gone): a FIFO or a link to ``/dev/tty`` is never
    opened for a blocking read.  For git's installed hook scripts, which
    doctor and the prepare-commit-msg stage read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, 'O_NONBLOCK', 0))
    except (OSError, ValueError):
        return b''
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b''
        return os.read(fd, size)
    except OSError:
        return b''
    finally:
        os.close(fd)


def read_windows(path: str, step: int, overlap: int) -> Iterator[tuple[int, int, int, bytes]]:
    """A file in windows, for memory bounded by ``step`` whatever its size:
    (where the bytes start, region start, region end, bytes).  The regions
    tile the file; each window's bytes reach ``overlap`` bytes beyond its
    region on both sides (``detect.windows``)."""
    opened = _open_regular(path)
    if opened is None:
        return
    fd, size = opened
    try:
        # As ``read_file``: the file as it was opened, however it grows.
        yield from _tile(lambda at, n: os.pread(fd, max(0, min(n, size - at)), at), step, overlap)
    except OSError as e:
        raise NotScanned(f'cannot read ({e.strerror or e})', fatal=True)
    finally:
        os.close(fd)


def filled(read: Callable[[int], bytes], have: bytes, n: int) -> bytes:
    """``have`` and then a stream's next bytes (``read(k)``: up to ``k``;
    b'' at its end) until ``n`` bytes or the stream's end."""
    while len(have) < n:
        more = read(n - len(have))
        if not more:
            break
        have += more
    return have


def stream_windows(
        read: Callable[[int], bytes], step: int, overlap: int,
) -> Iterator[tuple[int, int, int, bytes]]:
    """A stream (``read(n)``: its next bytes, up to ``n``; b'' at its end)
    in the windows ``read_windows`` gives a file: only the last window's
    overlap is kept between reads."""
    kept, at = b'', 0  # the stream's bytes from offset ``at`` on

    def fetch(offset: int, n: int) -> bytes:
        nonlocal kept, at
        kept, at = filled(read, kept[offset - at:], n), offset
        return kept

    return _tile(fetch, step, overlap)


def _tile(
        fetch: Callable[[int, int], bytes], step: int, overlap: int,
) -> Iterator[tuple[int, int, int, bytes]]:
    """The windows of ``read_windows``, from ``fetch(offset, n)``: the
    ``n`` bytes at ``offset`` (fewer at the end)."""
    start = 0
    base, data = 0, b''
    while True:
        lead = start - structure_start(data, base, start, start - min(start, overlap))
        data = fetch(start - lead, lead + step + overlap)
        if start and len(data) <= lead:  # the file ended (or shrank)
            return
        end = start + min(step, len(data) - lead)
        base = start - lead
        yield base, start, end, data
        if len(data) - lead <= step:  # that region reached the end
            return
        start = end


def structure_start(data: bytes, base: int, start: int, at: int) -> int:
    """Where a window whose region starts at ``start`` must start its
    bytes (a file offset, ``at`` or before): at the earliest Together
    structure label (``rules.STRUCTURE_LABEL``: ``[together]``,
    ``together:``, ``"together": {``) before ``at`` whose structure may
    still hold a key at ``start`` (it runs ``rules.STRUCTURE_REACH`` bytes
    at most), in ``data``, the window before's bytes (from ``base``): a
    whole read holds that key in the label's structure, and so does the
    window.  Each window's bytes grow by that reach at most, and only
    where a label is there."""
    from together_hooks.rules import STRUCTURE_REACH

    lo, hi = max(0, start - STRUCTURE_REACH - _LABEL_SPAN - base), at - base
    if hi <= lo:
        return at
    # Every label has ``together`` and then, on its line, one of ``{[:]``:
    # the lowered bytes are searched for that first (``_may_label``: each
    # line once), each line it finds by the label regex.
    from together_hooks import regex_cache

    low = data[lo:hi].lower()
    hit = _may_label(low, 0)
    if hit < 0:  # (the common case)
        return at
    from together_hooks.rules import STRUCTURE_LABEL

    label = regex_cache.compile(STRUCTURE_LABEL)
    last = data.find(b'\n', hi)
    last = len(data) if last < 0 else last
    m = None
    for _ in range(64):
        line = data.rfind(b'\n', 0, lo + hit) + 1
        eol = data.find(b'\n', lo + hit, last)
        eol = last if eol < 0 else eol
        m = label.search(data, line, eol)
        hit = _may_label(low, eol - lo) if m is None and eol < hi else -1
        if hit < 0:
            break
    else:  # many such lines, none a label: one search over the rest
        m = label.search(data, data.rfind(b'\n', 0, lo + hit) + 1, last)
    if m is None or base + m.start() >= at:
        return at
    # (the label's line before it, as far as the engine reads it)
    return base + max(data.rfind(b'\n', 0, m.start()) + 1, m.start() - _LABEL_SPAN)


# The most of a label's line before it that decides it (``detect.context``
# reads 64 bytes before a label, 256 around a keyword for one).
_LABEL_SPAN = 256
_LABEL_MARK = rb'[{\[:\]]'


def _may_label(low: bytes, pos: int) -> int:
    """Where in ``low`` (lowered bytes), from ``pos``, the first line that
    may hold a label has its first ``together`` (a ``{[:]`` after it on its
    line), or -1.  Each line is read once: a line of ``together(`` a
    million times over was read again from each (a regex that fails to
    its line's end from every start: a 9 MB line never finished)."""
    from together_hooks import regex_cache

    mark = regex_cache.compile(_LABEL_MARK)
    while True:
        at = low.find(b'together', pos)
        if at < 0:
            return -1
        eol = low.find(b'\n', at)
        eol = len(low) if eol < 0 else eol
        if mark.search(low, at + 8, eol) is not None:
            return at
        pos = eol + 1  # no mark after its first ``together``: none after any


# A file we are told to read is held whole and parsed: a config, a
# .gitignore, a baseline of tens of thousands of findings are a few MB.
MAX_CONFIG_FILE = 64 << 20


def read_config_file(
        path: str, limit: int = MAX_CONFIG_FILE, within: str | None = None,
) -> bytes:
    """The bytes of a file we are told to read (a baseline, a config):
    symlinks are followed, but a FIFO or a device (a committed symlink to
    /dev/zero) is refused rather than blocking or reading forever, and a
    file larger than ``limit`` bytes is refused before it is read.

    ``within``: the repository ``path`` is in (None: in none); a file
    there that leads out of it (``leaves``) is refused: the repository
    decides what a file of its own says, not a file elsewhere on the
    machine that a committed link names.

    IsADirectoryError for a folder, InputError for anything not a file.
    """
    if within is not None:
        _refuse_leaving(path, within, 'refusing to read it')
    fd = os.open(path, os.O_RDONLY | getattr(os, 'O_NONBLOCK', 0) | getattr(os, 'O_BINARY', 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
        if not stat.S_ISREG(mode):
            raise InputError(f'{path}: not a regular file (a FIFO, a device, or a link to one)')
        with open(fd, 'rb', closefd=False) as f:
            data = f.read(limit + 1)  # a file that grows meanwhile: no further
        if len(data) > limit:
            raise too_large(path, limit)
        return data
    finally:
        os.close(fd)


def too_large(path: str, limit: int) -> InputError:
    """A file we are told to read that is larger than any of its kind."""
    return InputError(
        f'{path}: larger than {limit >> 20 or 1} MB, more than a file of this kind '
        'holds; it was not read',
    )


# A config is a short list of hooks: a few anchors for shared args, never
# hundreds.  Aliases nested in aliases grow as a power of their depth
# (nine levels of nine: 387 million strings once expanded), so their number
# is bounded, and readers take only plain values where strings belong.
MAX_YAML_ALIASES = 100


class YamlRefused(ValueError):
    """A YAML text we do not read whole: its message says why."""


class TooManyAliases(YamlRefused):
    """A YAML text with more than ``MAX_YAML_ALIASES`` aliases."""


def load_yaml(text: str) -> Any:
    """``text`` read by PyYAML's safe loader, with at most
    ``MAX_YAML_ALIASES`` aliases (TooManyAliases past that; YamlRefused
    for one nested deeper than the parser goes, a RecursionError in
    PyYAML's composer; yaml.YAMLError for text that is not YAML)."""
    import yaml

    class BoundedLoader(yaml.SafeLoader):
        aliases = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                self.aliases += 1
                if self.aliases > MAX_YAML_ALIASES:
                    raise TooManyAliases(f'more than {MAX_YAML_ALIASES} YAML aliases')
            return super().compose_node(parent, index)

    try:
        return yaml.load(text, Loader=BoundedLoader)
    except RecursionError:
        raise YamlRefused('nested too deep to read') from None


def _refuse_leaving(path: str, within: str, what: str) -> None:
    """One line (InputError) when ``path`` leads out of ``within``."""
    how = leaves(path, within)
    if how is not None:
        raise InputError(
            f'{path} {how}; {what}: '
            'replace the link with a file, or name the real path',
        )


def inside(path: str, folder: str) -> bool:
    """Whether ``path`` is ``folder`` or lies in it, links followed."""
    real, top = os.path.realpath(path), os.path.realpath(folder)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def leaves(path: str, within: str) -> str | None:
    """How ``path``, named inside the folder ``within``, really lies outside
    it ('is a symlink out of the repository', 'goes through a symlinked
    folder out of the repository'), or in its ``.git`` folder through a
    link (a committed ``audit.jsonl -> .git/config``, ``.git/hooks/…``),
    or None.

    Where it really is counts: a link at its name, or at any folder on the
    way (a committed ``reports -> ~/.ssh``).  A path named outside
    ``within`` in the first place is the user's own choice."""
    top = os.path.realpath(within)
    real = os.path.realpath(path)
    named = os.path.abspath(path)
    link = 'is a symlink' if os.path.islink(path) else 'goes through a symlinked folder'
    if real != named and os.path.commonpath([top, real]) != top:
        return f'{link} out of the repository'
    git_dir = os.path.join(top, '.git')
    if os.path.commonpath([git_dir, real]) == git_dir and not any(
            os.path.commonpath([t, named]) == t
            for t in {os.path.join(os.path.abspath(within), '.git'), git_dir}
    ):
        return f"{link} into the repository's .git folder"
    return None


def _is_git_name(part: str) -> bool:
    """Whether a path component names ``.git`` on some file system git
    runs on: any case (macOS, Windows), trailing dots or spaces and an
    NTFS stream (``.git.``, ``.git::$INDEX_ALLOCATION``), the 8.3 short
    name (``GIT~1``): the names git itself refuses in a tree."""
    name = part.split(':', 1)[0].rstrip(' .').casefold()
    return name in ('.git', 'git~1')


# git reads a ``.git`` file or a ``commondir`` of at most this size.
_GITFILE_MOST = 1 << 20


def _first_line(path: str) -> str:
    """The first line of the small regular file ``path`` (a link
    followed), stripped; '' for anything else (a FIFO, a device, larger
    than git reads: it was read to its end, a ``.git`` file of 1 GB with
    no newline whole, a ``.git`` linked to ``/dev/zero`` without end)."""
    try:  # a link followed, as git follows one
        fd = os.open(path, os.O_RDONLY | getattr(os, 'O_NONBLOCK', 0) | getattr(os, 'O_CLOEXEC', 0))
    except OSError:
        return ''
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _GITFILE_MOST:
            return ''
        data = os.read(fd, _GITFILE_MOST)
    except OSError:
        return ''
    finally:
        os.close(fd)
    return data.split(b'\n', 1)[0].decode('utf-8', 'surrogateescape').strip()


def git_folders(within: str) -> list[str]:
    """The real folders git keeps the work tree ``within``'s files in: its
    ``.git`` (a folder, or where a ``.git`` file points: a worktree's or a
    submodule's), and the common one a worktree shares (``commondir``)."""
    top = os.path.realpath(within)
    found = [os.path.join(top, '.git')]
    dot_git = found[0]
    if os.path.isfile(dot_git):
        line = _first_line(dot_git)
        if line.startswith('gitdir:'):
            found.append(os.path.realpath(os.path.join(top, line[len('gitdir:'):].strip())))
    if os.environ.get('GIT_DIR'):
        found.append(os.path.realpath(os.environ['GIT_DIR']))
    for folder in list(found[1:]):
        common = _first_line(os.path.join(folder, 'commondir'))
        if common:
            found.append(os.path.realpath(os.path.join(folder, common)))
    return found


def in_git_folder(path: str, within: str) -> bool:
    """Whether ``path`` lies in the ``.git`` of the work tree ``within``:
    named there (``.git/hooks/x``, ``sub/../.GIT/config``, a worktree's or
    submodule's ``.git`` file itself), or really there through a link, or
    in the folder a ``.git`` file or ``GIT_DIR`` points to.  git runs
    what its ``hooks`` folder holds, and reads its ``config``."""
    named = os.path.abspath(path)
    for base in {os.path.abspath(within), os.path.realpath(within)}:
        if os.path.commonpath([base, named]) == base and any(
                _is_git_name(part) for part in os.path.relpath(named, base).split(os.sep)
        ):
            return True
    real = os.path.realpath(path)
    return any(os.path.commonpath([g, real]) == g for g in git_folders(within))


def refuse_committed_write(path: str, within: str | None, what: str) -> None:
    """One line (InputError) unless ``path``, a file to WRITE that a setting
    the repository commits names (a hook's args in .pre-commit-config.yaml,
    the config file's ``baseline``), lies in the work tree ``within`` and
    outside its ``.git``: every clone runs that setting, and a file git
    runs (``.git/hooks/post-checkout``) or one of the user's elsewhere
    (``../../.bashrc``) is no report, log or baseline.  A link out of the
    tree or into ``.git`` is refused where the file is written."""
    if within is None:
        return
    from together_hooks.messages import shell_quote

    shown = shell_quote(path)
    named = os.path.abspath(path)
    if not any(
            os.path.commonpath([top, named]) == top
            for top in {os.path.abspath(within), os.path.realpath(within)}
    ) and not inside(path, within):  # (named through a link to the tree: in it)
        raise InputError(
            f'{shown}: {what} named by a committed setting is outside the work tree; '
            'refusing to write it (name a file inside the repository)',
        )
    if in_git_folder(named, within):
        raise InputError(
            f"{shown}: {what} named by a committed setting is inside the repository's .git "
            "folder, which holds git's own files and the hooks it runs; refusing to write "
            'it (name a file in the work tree)',
        )


_SWAPPED = 'changed into a symlink while being opened; it is never written through'


def _a_link_on_the_way(top: str, parts: list[str]) -> bool:
    """Whether a name on the way from ``top`` through ``parts`` is a link
    now (it was not when they were resolved)."""
    here = top
    for part in parts:
        here = os.path.join(here, part)
        try:
            if stat.S_ISLNK(os.lstat(here).st_mode):
                return True
        except OSError:
            return False
    return False


def _no_links() -> bool:
    """Whether this platform opens relative to a folder without following
    a link (``O_NOFOLLOW`` and ``dir_fd``); Windows has neither."""
    return bool(getattr(os, 'O_NOFOLLOW', 0)) and os.open in os.supports_dir_fd


def folder_inside(path: str, within: str, follow_name: bool = True) -> tuple[int, str]:
    """(a descriptor of the folder ``path`` lies in, its name there) for a
    ``path`` named inside the work tree ``within``, the folder reached so
    that no link is followed from the tree's real top: each folder on the
    way is opened ``O_NOFOLLOW`` relative to the one before (``dir_fd``).
    What ``leaves`` judged is then what is held: a link swapped in after
    the check (a race) makes the walk fail, never lead elsewhere.  A link
    inside the tree that stays inside it is resolved first, as before.

    PermissionError (EPERM, saying why) for a path that leads out of the
    tree, into its ``.git`` folder, or that changed into a link meanwhile.
    ``follow_name=False``: a link at the name itself is not resolved (the
    name returned is the link's, to be replaced).  The caller closes the
    descriptor."""
    how = leaves(path, within)
    if how is not None:
        raise PermissionError(
            errno.EPERM, f'{how}; it is never written through '
            '(replace the link with a file, or name the real path)', path,
        )
    if in_git_folder(path, within):
        raise PermissionError(
            errno.EPERM, "is inside the repository's .git folder, which holds git's "
            'own files and the hooks it runs; name a file in the work tree', path,
        )
    top = os.path.realpath(within)
    # Resolved once, and walked as resolved: the path named may have
    # become a link out since ``leaves`` resolved it.
    resolved = os.path.realpath(path) if follow_name else os.path.join(
        os.path.realpath(os.path.dirname(os.path.abspath(path))), os.path.basename(path))
    parts = os.path.relpath(resolved, top).split(os.sep)
    if parts == [os.curdir]:
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
    if os.pardir in parts or parts[0] == '.git':
        raise PermissionError(errno.EPERM, _SWAPPED, path)
    cloexec = getattr(os, 'O_CLOEXEC', 0)
    if not _no_links():  # Windows: the check alone
        return os.open(os.path.dirname(os.path.abspath(path)) or os.curdir, os.O_RDONLY), parts[-1]
    nofollow = os.O_NOFOLLOW
    folder = os.open(top, os.O_RDONLY | os.O_DIRECTORY | cloexec)
    try:
        for part in parts[:-1]:
            inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | nofollow | cloexec, dir_fd=folder)
            os.close(folder)
            folder = inner
    except OSError as e:
        os.close(folder)
        # A link where the check saw none (not a plain file on the way: a.py/x)
        if e.errno in (errno.ELOOP, errno.ENOTDIR) and _a_link_on_the_way(top, parts):
            raise PermissionError(errno.EPERM, _SWAPPED, path) from None
        raise
    return folder, parts[-1]


def open_inside(path: str, within: str, flags: int, mode: int = 0o644) -> int:
    """A descriptor for ``path``, named inside the work tree ``within``,
    opened in the folder ``folder_inside`` holds, ``O_NOFOLLOW``: no link
    on the way or at its name is followed (PermissionError as there)."""
    folder, name = folder_inside(path, within)
    try:
        if not _no_links():
            return os.open(path, flags, mode)
        cloexec = getattr(os, 'O_CLOEXEC', 0)
        try:
            return os.open(name, flags | os.O_NOFOLLOW | cloexec, mode, dir_fd=folder)
        except OSError as e:  # the name resolved is no link: one now was swapped in
            if e.errno == errno.ELOOP:
                raise PermissionError(errno.EPERM, _SWAPPED, path) from None
            raise
    finally:
        os.close(folder)


# How long a named pipe's reader may take to attach (``cat p`` started
# after the scan, ``(sleep 2; cat p) &``) before there is none; the
# environment's ``TOGETHER_HOOKS_PIPE_WAIT`` (seconds, 0 to
# ``PIPE_WAIT_MOST``) sets it.
PIPE_READER_WAIT = 5.0
PIPE_WAIT_MOST = 3600.0


def pipe_reader_wait() -> float:
    """``PIPE_READER_WAIT``, or the seconds ``TOGETHER_HOOKS_PIPE_WAIT``
    says; a value that is no number of seconds in range is one line
    (InputError), never a wait of another length."""
    given = os.environ.get('TOGETHER_HOOKS_PIPE_WAIT')
    if given is None:
        return PIPE_READER_WAIT
    try:
        wait = float(given)
    except ValueError:
        wait = -1.0
    if not 0 <= wait <= PIPE_WAIT_MOST:  # NaN too
        raise InputError(
            f'TOGETHER_HOOKS_PIPE_WAIT must be a number of seconds from 0 to '
            f'{PIPE_WAIT_MOST:g} (as 0.5 or 10), and it is not',
        )
    return wait


def pipe_writer(path: str, wait: float | None = None, within: str | None = None) -> int:
    """A descriptor writing to the named pipe ``path``.  Opened to write, a
    FIFO blocks until a process reads it: with none (a pipe left over, a
    reader that died) for good; so it is opened without blocking, retried
    with a short backoff for ``wait`` seconds (None: ``pipe_reader_wait``;
    a reader attaching late), and then no reader is an OSError that says
    so.  ``within``: the work tree ``path`` is named in, opened as
    ``open_inside`` opens."""
    import time

    if wait is None:
        wait = pipe_reader_wait()
    deadline = time.monotonic() + wait
    pause = 0.01
    while True:
        try:
            how = os.O_WRONLY | os.O_NONBLOCK | getattr(os, 'O_CLOEXEC', 0)
            fd = os.open(path, how) if within is None else open_inside(path, within, how)
            break
        except OSError as e:
            left = deadline - time.monotonic()
            if e.errno != errno.ENXIO:
                raise
            if left <= 0:
                e.strerror = f'a named pipe no process reads (waited {wait:g} s)'
                raise
            time.sleep(min(pause, left))
            pause = min(pause * 2, 0.25)
    os.set_blocking(fd, True)
    return fd


def pipe_reader(path: str, wait: float | None = None) -> Callable[[int], bytes] | None:
    """``read(n)`` over the named pipe ``path`` (a ``.env`` a password
    manager serves: 1Password's and others' mounts are FIFOs), read
    without ever blocking: opened ``O_NONBLOCK`` (a FIFO with no writer
    would block the open for good), then each read waits at most until
    ``wait`` seconds (None: ``pipe_reader_wait``) after the open for
    bytes or the writer's end; a pipe no process wrote to by then, or
    whose writer is still at it, is ``NotScanned`` (fatal) saying so.
    None when ``path`` is no FIFO (a link, a file, gone).  The caller
    reads it in bounded pieces (``stream_windows``); the descriptor is
    closed at the stream's end, at the deadline, or by ``read.close()``."""
    import select
    import time

    if wait is None:
        wait = pipe_reader_wait()
    try:
        fd = os.open(path, _OPEN_FLAGS | getattr(os, 'O_CLOEXEC', 0))
    except OSError:
        return None
    if not stat.S_ISFIFO(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    deadline = time.monotonic() + wait
    poll = select.poll()
    poll.register(fd, select.POLLIN)
    # Linux reports no event to a reader no writer has met yet (the poll
    # waits), where a read would say the end at once: a pipe is read only
    # once the poll says a writer came (bytes, or its hang-up).
    met = False

    def read(n: int) -> bytes:
        nonlocal met
        while fd >= 0:
            left = deadline - time.monotonic()
            events = poll.poll(max(0, int(left * 1000) + 1)) if left > 0 else poll.poll(0)
            if events:
                met = True
                try:
                    data = os.read(fd, n)
                except BlockingIOError:
                    data = None
                if data is not None:
                    if not data:
                        _close()
                    return data
            if deadline <= time.monotonic():
                _close()
                said = 'wrote nothing' if not met else 'did not finish writing'
                raise NotScanned(
                    f'a named pipe whose writer {said} within {wait:g} s '
                    '(TOGETHER_HOOKS_PIPE_WAIT): not read', fatal=True,
                )
        return b''

    def _close() -> None:
        nonlocal fd
        if fd >= 0:
            os.close(fd)
            fd = -1

    read.close = _close  # type: ignore[attr-defined]
    return read


# How long a report's writer waits, at its end, to learn whether the
# pipe it wrote into was read whole (``left_unread``): a reader that is
# still there after it (a pager the user has not scrolled) may read the
# rest later, and the run ends as it would have.  A reader that quits
# later than that with bytes unread (``| (sleep 2; head -c 10)``) is not
# seen: no bound would see every one, and each second of it is a second
# every piped run may wait at its end.  ``TOGETHER_HOOKS_PIPE_WAIT``, the
# seconds the other end of any pipe of ours is given, sets it too.
UNREAD_WAIT = 1.0


def left_unread(fd: int, wait: float | None = None) -> int:
    """Bytes of what we wrote into the pipe at ``fd`` that its reader
    left unread when it went (``| head -c 10`` after a report written
    into the pipe's buffer whole: no write of ours failed, and the
    report was cut all the same); 0 when ``fd`` is no pipe, when the
    pipe was read to its end, or when its reader is still there after
    ``wait`` seconds (None: ``UNREAD_WAIT``, or the seconds
    ``TOGETHER_HOOKS_PIPE_WAIT`` says: ``pipe_reader_wait``'s InputError
    for a value out of range).  Linux (``FIONREAD`` on a pipe); 0
    elsewhere."""
    import time

    try:
        if not stat.S_ISFIFO(os.fstat(fd).st_mode):
            return 0
    except (OSError, ValueError):
        return 0
    if wait is None:
        wait = UNREAD_WAIT if os.environ.get('TOGETHER_HOOKS_PIPE_WAIT') is None else pipe_reader_wait()
    try:
        import fcntl
        import select
        import sys
        import termios

        poll = select.poll()
        poll.register(fd, 0)  # POLLERR and POLLHUP are always reported
        deadline = time.monotonic() + wait
        pause = 0.001
        while True:
            held = int.from_bytes(fcntl.ioctl(fd, termios.FIONREAD, b'\0\0\0\0'), sys.byteorder, signed=True)
            if held <= 0:
                return 0
            if any(events & select.POLLERR for _fd, events in poll.poll(0)):
                return held
            left = deadline - time.monotonic()
            if left <= 0:
                return 0
            time.sleep(min(pause, left))
            pause = min(pause * 2, 0.05)
    except (ImportError, OSError, ValueError):
        return 0


def refuse_unnamed(path: str, what: str) -> None:
    """One line (InputError) when ``path``, the value of an option naming
    a file to write, names none: blank (``--audit-log=' '``, a variable
    holding a space or a newline) or ``-`` (standard output, which only
    ``--output`` takes, before it gets here): never a file called that."""
    if path.strip() == '':
        raise InputError(f'{what} names no file (a blank value); name the file')
    if path == '-':
        raise InputError(
            f"{what} is '-', which names no file here (it does not take standard "
            'output); name a file',
        )


def refuse_replacing_input(path: str, inputs: Iterable[str], what: str) -> None:
    """One line (InputError) when ``path``, a file to write, is a file the
    same run was named to read (``scan --output app.py app.py``, the
    arguments' order slipped; ``--audit-log``): the write would replace
    it, or append to it, the key it holds (still to be rotated) and any
    work not committed with it lost or changed.  The
    same file by any name (``./app.py``, a link); a folder named to scan
    is not checked, so a report rewritten in the tree it scans still is."""
    try:
        out = os.stat(path)
    except OSError:
        return  # not there yet: nothing to replace
    for given in inputs:
        try:
            st = os.stat(given)
        except (OSError, ValueError):
            continue
        if stat.S_ISREG(st.st_mode) and (st.st_dev, st.st_ino) == (out.st_dev, out.st_ino):
            raise InputError(
                f'{what} {path} is a file this run scans ({given}); it is never '
                'written over: name another file',
            )


def write_atomic(
        path: str, text: str, within: str | None = None, through_link: bool = True,
) -> None:
    """Write ``text`` to ``path`` through a temp file and a rename: the one
    way every file we write is replaced (a report, a baseline, a
    replacements file, a .gitignore).

    The folder is opened once and held (``folder_inside``), the temp file
    created in it ``O_EXCL | O_NOFOLLOW`` and renamed within it, so a
    folder swapped for a link while we write never moves the write
    elsewhere: it lands where the check said, or nowhere.

    ``within``: the repository ``path`` is in (None: in none); a symlink
    there is written where it points only while that stays inside it (a
    committed link could point at any file of the user's), and nothing
    on the way is followed out of it.  ``through_link=False``: a link at
    the name is never written through, even one that stays inside (the
    caller refused one; one swapped in since is replaced, not followed).
    """
    refuse_unnamed(path, 'the file to write')
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = stat.S_IFREG
    if not stat.S_ISREG(mode):  # /dev/stdout, a FIFO: write to it; never replace the node
        try:
            if stat.S_ISFIFO(mode):
                out = open(pipe_writer(path), 'w', encoding='utf-8',
                           errors='backslashreplace', newline='')
            else:
                out = open(path, 'w', encoding='utf-8', errors='backslashreplace', newline='')
            with out:
                out.write(text)
                out.flush()
                unread = left_unread(out.fileno())
        except OSError as e:
            raise InputError(f'{path}: cannot write ({e.strerror or e})')
        if unread:
            raise InputError(
                f'{path}: its reader stopped before reading it whole ({unread:,} bytes '
                'left unread): the report is incomplete',
            )
        return
    # A symlinked file (a baseline kept elsewhere) is written where it
    # points, and the link stays a link.
    target = os.path.realpath(path) if through_link and os.path.islink(path) else path
    try:
        if within is not None:
            if through_link:
                _refuse_leaving(path, within, 'it is never written through')
            folder, name = folder_inside(target, within, follow_name=through_link)
        else:  # the user's own path: their links are theirs
            folder = os.open(os.path.dirname(os.path.abspath(target)),
                             os.O_RDONLY | getattr(os, 'O_DIRECTORY', 0) | getattr(os, 'O_CLOEXEC', 0))
            name = os.path.basename(target)
    except OSError as e:  # name the user's file
        raise InputError(f'{path}: cannot write ({e.strerror or e})')
    try:
        _replace_in(folder, name, text, path, os.path.dirname(os.path.abspath(target)))
        sweep_stale_temps(folder)
    finally:
        os.close(folder)


def _replace_in(folder: int, name: str, text: str, path: str, base: str) -> None:
    """``text`` as the file ``name`` of the folder held open at ``folder``:
    a temp file of ours beside it, flushed to the disk, renamed over it.
    ``path``: how the user named it, for messages; ``base``: the folder's
    path, used only where ``dir_fd`` is not (Windows)."""
    at = {'dir_fd': folder} if _no_links() else {}
    if not at:
        name = os.path.join(base, name)
    flags = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, 'O_NOFOLLOW', 0)
             | getattr(os, 'O_CLOEXEC', 0) | getattr(os, 'O_BINARY', 0))
    # SIGINT/SIGTERM wait until the temp file's name is held below: one
    # landing between its creation and ``tmp`` would leave a file no
    # clean-up knows of.
    held = _hold_signals()
    try:
        while True:
            tmp = TEMP_PREFIX + ''.join(_TEMP_CHARS[b % len(_TEMP_CHARS)]
                                        for b in os.urandom(8)) + TEMP_SUFFIX
            try:
                if not at:
                    tmp = os.path.join(base, tmp)
                fd = os.open(tmp, flags, 0o600, **at)
                break
            except FileExistsError:
                continue
    except OSError as e:  # name the user's file, not our temp file
        _release_signals(held)
        raise InputError(f'{path}: cannot write ({e.strerror or e})')
    try:
        _release_signals(held)  # a signal held meanwhile lands here
        # The temp file is 0600: keep the user's file mode (.gitignore 0644),
        # set on the descriptor (a name can be swapped, it cannot).
        try:
            old = os.stat(name, follow_symlinks=False, **at).st_mode
            mode = old & 0o7777 if stat.S_ISREG(old) else None
        except FileNotFoundError:
            mode = None
        if mode is None:
            umask = os.umask(0o022)
            os.umask(umask)
            mode = 0o666 & ~umask
        # A file name that is not UTF-8 reaches us with surrogate escapes;
        # "\udcff" keeps it readable (and valid JSON) instead of a crash.
        try:
            with open(fd, 'w', encoding='utf-8', errors='backslashreplace', newline='') as f:
                if hasattr(os, 'fchmod'):
                    os.fchmod(f.fileno(), mode)
                else:
                    os.chmod(tmp, mode)
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
        except OSError as e:  # a full disk, a quota: the user's file, untouched
            raise InputError(f'{path}: cannot write ({e.strerror or e})')
        try:
            if at:
                os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)
            else:
                os.replace(tmp, name)
        except OSError as e:  # a folder, a read-only mount: name the user's path
            raise InputError(f'{path}: cannot write ({e.strerror or e})')
    except BaseException:
        try:
            os.unlink(tmp, **at)
        except OSError:
            pass
        raise


# ``write_atomic``'s temp files: a marker no user would choose, so the
# sweep below never takes a user's file (``.together-hooks-baseline``).
TEMP_PREFIX = '.together-hooks-tmp-'
TEMP_SUFFIX = '.partial'
# A temp file of ours this much older than now was left by a write that
# was killed (SIGKILL, a power cut: no clean-up ran); a write in progress
# lasts seconds.
STALE_AFTER = 3600.0
# As mkstemp names them: a-z, 0-9 and _
_TEMP_CHARS = ''.join(map(chr, range(ord('a'), ord('z') + 1))) + '0123456789_'
_MKSTEMP_CHARS = frozenset(_TEMP_CHARS)


def sweep_stale_temps(folder: str | int) -> list[str]:
    """Remove the temp files a killed ``write_atomic`` left in ``folder``
    (the names removed): only names ``mkstemp`` gives ours, only regular
    files of our own user with one link, only ones not written for
    ``STALE_AFTER`` seconds.  A link is never followed (``lstat``, and
    ``unlink`` removes a name, never what it points to); anything that
    goes wrong leaves the file where it is: the write itself succeeded."""
    import time

    removed = []
    oldest = time.time() - STALE_AFTER
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)
                and len(name) == len(TEMP_PREFIX) + 8 + len(TEMP_SUFFIX)
                and _MKSTEMP_CHARS.issuperset(name[len(TEMP_PREFIX):-len(TEMP_SUFFIX)])):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if (stat.S_ISREG(info.st_mode) and info.st_nlink == 1
                    and info.st_uid == getattr(os, 'geteuid', lambda: info.st_uid)()
                    and info.st_mtime < oldest):
                if isinstance(folder, int):  # a folder held open: its names, never a path
                    os.unlink(name, dir_fd=folder)
                else:
                    os.unlink(entry.path)
                removed.append(name)
        except OSError:
            continue
    return removed


def _hold_signals() -> object:
    import signal

    if not hasattr(signal, 'pthread_sigmask'):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})


def _release_signals(held: object) -> None:
    if held is not None:
        import signal

        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # type: ignore[arg-type]
