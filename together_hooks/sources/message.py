"""The message a ``git commit`` is about to store, as its ``commit-msg``
hook sees it: the message file, and where git will cut it.

git cuts the file at the first scissors line of its comment character
(``<char> ------------------------ >8 ------------------------``) only
when the commit is verbose (``-v``, ``commit.verbose``: the staged diff
``git commit -v`` shows below that line is dropped) or its cleanup is
``scissors`` with an editor; in every other case it keeps what follows a
scissors line, which a ``-m``, ``-F`` or ``--cleanup=verbatim`` message
can hold.  The hook cannot ask git: it reads the running ``git commit``'s
arguments (Linux ``/proc``, as ``commits`` reads ``git push``'s) and
git's config.  Where that cannot be told (no ``/proc``, a hook run by
``git merge``, an alias of an alias, an option this module does not
know): the whole file, fail-closed.

A message in another encoding (``i18n.commitEncoding``, a stored commit's
``encoding`` header) is read as git shows it too (``as_utf8``).
"""
from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Sequence

# git's scissors line, after its comment character.
CUT_LINE = b' ------------------------ >8 ------------------------\n'
# The characters ``core.commentChar=auto`` picks from (git's own list).
AUTO_COMMENT_CHARS = b'#;@!$%^&|:'

# git's options before the command that take the next argument.
_GIT_VALUED = ('-c', '-C', '--git-dir', '--work-tree', '--namespace',
               '--super-prefix', '--config-env')
# ``git commit``'s options that take a value (the next argument when not
# attached), and those whose value can only be attached.
_VALUED_LONG = (
    '--file', '--author', '--date', '--message', '--reedit-message',
    '--reuse-message', '--fixup', '--squash', '--template', '--cleanup',
    '--trailer', '--pathspec-from-file',
)
_OTHER_LONG = (
    '--verbose', '--no-verbose', '--edit', '--no-edit', '--quiet', '--dry-run',
    '--short', '--branch', '--ahead-behind', '--porcelain', '--long', '--null',
    '--reset-author', '--signoff', '--no-signoff', '--all', '--include',
    '--interactive', '--patch', '--only', '--no-verify', '--verify',
    '--allow-empty', '--allow-empty-message', '--untracked-files', '--amend',
    '--no-post-rewrite', '--status', '--no-status', '--gpg-sign',
    '--no-gpg-sign', '--pathspec-file-nul',
)
_VALUED_SHORT = 'mFcCt'  # the rest of the word, else the next argument
_ATTACHED_SHORT = 'uS'  # an optional value: the rest of the word only
_FLAG_SHORT = 'vqseaiopnz'  # ``git commit``'s other one-letter options
# git accepts ``--no-<option>`` for each (``--<option>`` for a ``--no-``
# one): the negations the cut depends on are read, the others are options
# whose effect on the message is not modelled (``--no-message``).
_NEGATED = tuple(
    f'--{name[5:]}' if name.startswith('--no-') else f'--no-{name[2:]}'
    for name in (*_VALUED_LONG, *_OTHER_LONG)
)
_KNOWN_LONG = tuple(dict.fromkeys((*_VALUED_LONG, *_OTHER_LONG, *_NEGATED)))
# Negations that change nothing the cut depends on.
_HARMLESS_NEGATED = (
    '--no-quiet', '--no-dry-run', '--no-short', '--no-branch', '--no-ahead-behind',
    '--no-porcelain', '--no-long', '--no-null', '--no-reset-author', '--no-all',
    '--no-include', '--no-interactive', '--no-patch', '--no-only', '--no-allow-empty',
    '--no-allow-empty-message', '--no-untracked-files', '--no-amend', '--post-rewrite',
    '--no-trailer', '--no-pathspec-from-file', '--no-pathspec-file-nul', '--no-author',
    '--no-date',
)


def running_commit_argv() -> list[str] | None:
    """The arguments after ``commit`` of the ``git commit`` running this
    hook: the nearest git among this process's ancestors (hook <-
    pre-commit <- hook script <- git), its alias read once
    (``alias.ci = commit -v``).  None when that git runs no commit, or
    the ancestors cannot be read."""
    argv = _nearest_git()
    if argv is None:
        return None
    if os.path.basename(argv[0]) == 'git-commit':
        return argv[1:]
    words = _after_global_options(argv[1:])
    if not words:
        return None
    command, rest = words[0], words[1:]
    if command == 'commit':
        return rest
    from together_hooks.gitrun import git_probe

    alias = git_probe('.', 'config', '--get', f'alias.{command}')
    import shlex

    try:  # git splits an alias as a shell would its quotes: ``-m "x -v"``
        expanded = shlex.split((alias or b'').decode('utf-8', 'surrogateescape'))
    except ValueError:
        return None
    if expanded and expanded[0] == 'commit':
        return [*expanded[1:], *rest]
    return None


def _nearest_git() -> list[str] | None:
    from together_hooks.sources.ancestors import ancestor_argv

    return ancestor_argv(lambda argv: os.path.basename(argv[0]) in ('git', 'git-commit'))


def _after_global_options(args: Sequence[str]) -> list[str]:
    """``git [options] <command> [args]``: the command and its args."""
    i = 0
    while i < len(args) and args[i].startswith('-'):
        i += 2 if args[i] in _GIT_VALUED else 1
    return list(args[i:])


def _long(arg: str) -> tuple[str | None, str | None]:
    """(the ``git commit`` long option ``arg`` names, by the unique prefix
    git accepts; its attached value)."""
    name, eq, value = arg.partition('=')
    if name in _KNOWN_LONG:
        return name, value if eq else None
    matches = [k for k in _KNOWN_LONG if k.startswith(name)]
    return (matches[0] if len(matches) == 1 else None), value if eq else None


class CommitOptions:
    """What decides the cut, from ``git commit``'s arguments."""

    def __init__(self, argv: Sequence[str]) -> None:
        self.verbose: int | None = None  # None: not given (config decides)
        self.cleanup: str | None = None
        self.edit: bool | None = None
        self.status: bool | None = None  # None: not given (config decides)
        self.message_given = False
        self.amend = False  # ``--amend``: the commit replaces HEAD
        # An option not known here: what git makes of it is not known,
        # and the whole message is read (fail-closed).
        self.unknown = False
        rest = iter(argv)
        for arg in rest:
            if arg in ('--', '--end-of-options'):
                break  # the rest are paths, even ``-v``
            if not arg.startswith('-') or arg == '-':
                continue  # a path
            if arg.startswith('--'):
                name, value = _long(arg)
                if name in _VALUED_LONG and value is None:
                    value = next(rest, '')
                self._long(name, value)
                continue
            for i, char in enumerate(arg[1:], 1):
                if char in _VALUED_SHORT:
                    self._short(char)
                    if i == len(arg) - 1:
                        next(rest, '')
                    break
                if char in _ATTACHED_SHORT:
                    break
                if char not in _FLAG_SHORT:
                    self.unknown = True
                self._short(char)

    def _short(self, char: str) -> None:
        if char == 'v':
            self.verbose = (self.verbose or 0) + 1
        elif char == 'e':
            self.edit = True
        elif char in 'mFcC':
            self.message_given = True

    def _long(self, name: str | None, value: str | None) -> None:
        if name == '--verbose':
            self.verbose = (self.verbose or 0) + 1
        elif name == '--no-verbose':
            self.verbose = 0
        elif name == '--cleanup':
            self.cleanup = value
        elif name == '--no-cleanup':
            self.cleanup = 'default'  # git's own default, not commit.cleanup
        elif name == '--edit':
            self.edit = True
        elif name == '--no-edit':
            self.edit = False
        elif name in ('--status', '--no-status'):
            self.status = name == '--status'
        elif name in ('--message', '--file', '--reuse-message', '--reedit-message', '--fixup'):
            self.message_given = True
        elif name in ('--amend', '--no-amend'):
            self.amend = name == '--amend'
        elif name is None or name not in (*_VALUED_LONG, *_OTHER_LONG, *_HARMLESS_NEGATED):
            self.unknown = True

    def uses_editor(self) -> bool:
        """Whether git opens the editor: ``-e``, else no message given."""
        return self.edit if self.edit is not None else not self.message_given


def amending(argv: Sequence[str] | None) -> bool:
    """Whether the ``git commit`` with arguments ``argv`` amends HEAD
    (``--amend`` by any prefix git takes, the last of it and
    ``--no-amend`` deciding); False where the arguments cannot be read."""
    return argv is not None and CommitOptions(argv).amend


def git_cut(argv: Sequence[str] | None) -> tuple[bool, bool]:
    """(whether the ``git commit`` with arguments ``argv`` cuts its
    message at a scissors line: verbose, or cleanup ``scissors`` with the
    editor; whether git itself wrote a scissors block into the file: the
    editor with its status and the verbose diff).  Not known (None, an
    option not known here): no cut, the whole message is scanned."""
    if argv is None:
        return False, False
    from together_hooks.gitrun import git_probe

    options = CommitOptions(argv)
    if options.unknown:
        return False, False
    verbose = options.verbose
    if verbose is None:
        configured = git_probe('.', 'config', '--type=bool-or-int', '--get', 'commit.verbose')
        text = (configured or b'').strip()
        verbose = 1 if text == b'true' else int(text) if text.lstrip(b'-').isdigit() else 0
    if verbose > 0:
        status = options.status
        if status is None:
            status = git_probe('.', 'config', '--bool', '--get', 'commit.status') != b'false\n'
        return True, options.uses_editor() and status
    cleanup = options.cleanup
    if cleanup is None:
        cleanup = (git_probe('.', 'config', '--get', 'commit.cleanup') or b'').decode(
            'utf-8', 'replace').strip()
    return cleanup == 'scissors' and options.uses_editor(), False


def comment_strings() -> list[bytes]:
    """What git may take for its comment character: ``core.commentChar``
    and ``core.commentString`` (git 2.45 and later read the second, older
    ones ignore it and use ``#``): every value set, and ``#`` unless
    ``core.commentChar`` is set."""
    from together_hooks.gitrun import git_probe

    out = git_probe('.', 'config', '--get-regexp', r'^core\.comment(char|string)$') or b''
    found, char_set = [], False
    for line in out.splitlines():
        name, _sep, value = line.partition(b' ')
        if value:
            found.append(value)
            char_set = char_set or name == b'core.commentchar'
    return list(dict.fromkeys(found if char_set else [*found, b'#']))


def message_end(data: bytes, cuts: bool, own_block: bool = False) -> int:
    """Where git's cut leaves the message file ``data``: at its first
    scissors line of git's comment character when git cuts (``cuts``),
    else its end.  Where git's character is not certain
    (``comment_strings``), the latest of the candidates' cuts: git keeps
    no more than that.

    ``core.commentChar=auto``: git picks ``#`` for a message holding no
    ``#``, else the first of ``AUTO_COMMENT_CHARS`` that starts none of
    its lines, so no scissors line of the message git was given is ever
    git's.  Only a block git wrote itself below the message
    (``own_block``: the editor, its status, the verbose diff) can be: the
    latest cut of any character's scissors line.  Without one the whole
    file is read."""
    if not cuts:
        return len(data)
    chars = comment_strings()
    if b'auto' in chars:
        if not own_block:
            return len(data)
        chars = [bytes([b]) for b in AUTO_COMMENT_CHARS
                 if data.startswith(bytes([b]) + CUT_LINE)
                 or b'\n' + bytes([b]) + CUT_LINE in data]
        if not chars:
            return len(data)
    ends = []
    for char in chars:
        if data.startswith(char + CUT_LINE):
            ends.append(0)
            continue
        at = data.find(b'\n' + char + CUT_LINE)
        ends.append(len(data) if at < 0 else at + 1)
    return max(ends)


def verbose_block_start(data: bytes) -> int | None:
    """Where the running ``git commit``'s arguments cannot be read (no
    ``/proc``, as on macOS): the start of the block ``git commit -v``
    wrote at the end of the message file, None when there is none: where
    its diff starts (the file is read up to there).

    That block is a scissors line of git's comment character, git's
    comment lines, then exactly the staged diff git shows (``git diff
    --cached``, against ``HEAD``, or ``HEAD^`` for ``--amend``), and git
    drops it; its ``-`` lines and context hold what the repository has
    already (a key the commit takes out), its ``+`` lines are the
    pre-commit stage's.  Only a non-empty tail that equals that diff byte
    for byte counts, and only the diff is dropped: the scissors and
    comment lines above it are read (git's own are fixed text; a typed
    block in a message git keeps, ``git merge -m`` included, may hold a
    key there), and a scissors line typed into a message git keeps is
    read past, as before.
    The diff is read no further than the file's tail: memory stays the
    message's."""
    chars = comment_strings()
    if b'auto' in chars:
        chars = [bytes([b]) for b in AUTO_COMMENT_CHARS]
    tails = {}
    for char in chars:
        line = char + CUT_LINE
        at = data.rfind(b'\n' + line)
        at = at + 1 if at >= 0 else 0 if data.startswith(line) else -1
        if at < 0:
            continue
        rest = at + len(line)
        while data.startswith(char, rest):  # git's comment lines below it
            end = data.find(b'\n', rest)
            rest = len(data) if end < 0 else end + 1
        if rest < len(data):  # an empty diff makes no block git's
            tails[rest] = data[rest:]
    if not tails:
        return None
    from together_hooks.gitrun import git_probe

    for base in ((), ('HEAD^',)):
        if base and git_probe('.', 'rev-parse', '--verify', '--quiet', 'HEAD^') is None:
            break
        diff = _diff_prefix(base, max(len(t) for t in tails.values()) + 1)
        if diff is None:
            return None
        for rest, tail in sorted(tails.items()):
            if tail == diff:
                return rest
    return None


def _diff_prefix(base: tuple[str, ...], limit: int) -> bytes | None:
    """The first ``limit`` bytes of the staged diff as ``git commit -v``
    shows it (no colour, no external diff); None when git fails."""
    from together_hooks.gitrun import git_stream

    proc = git_stream('.', 'diff', '--cached', '--no-ext-diff', '--no-color', *base, '--')
    assert proc.stdout is not None
    try:
        out = proc.stdout.read(limit)
    finally:
        proc.kill()
        proc.communicate()
    return out if proc.returncode in (0, -9) else None


def as_utf8(message: bytes, encoding: bytes) -> bytes:
    """``message`` read in ``encoding``, as UTF-8 lines to append (nothing
    when that changes nothing).  An encoding Python does not know is read
    as git reads it to show the message: by the C library's iconv, which
    knows more (``IBM930``, whose lowercase letters no other code page
    puts where it does; ``UCS-2LE``; ``UNICODELITTLE``), then as EBCDIC
    too, where iconv cannot be had: every EBCDIC code page but the
    Japanese katakana ones writes a key's characters as cp037 does, and
    the ASCII-based ones leave them as they are (scanned raw)."""
    name = encoding.decode('ascii', 'replace').strip()
    try:  # bytes.decode takes text encodings only (no zlib, no base64)
        text = message.decode(name, 'replace')
    except (LookupError, UnicodeError, ValueError):
        read = _iconv_utf8(message, name)
        text = message.decode('cp037') if read is None else read.decode('utf-8', 'replace')
    decoded = text.encode('utf-8', 'replace')
    return b'' if decoded == message else b'\n' + decoded


def _iconv_utf8(data: bytes, encoding: str) -> bytes | None:
    """``data`` converted from ``encoding`` to UTF-8 by the C library's
    ``iconv``, git's own converter (``git log`` shows a message so), a
    byte it cannot read taken as U+FFFD; None when there is no iconv or
    it knows no such encoding.  Memory: the output is at most four bytes
    a byte read (a U+FFFD is three)."""
    try:
        import ctypes
    except ImportError:  # a Python built without ctypes
        return None
    try:
        lib = ctypes.CDLL(None, use_errno=True)
        iconv_open, iconv, iconv_close = lib.iconv_open, lib.iconv, lib.iconv_close
    except (OSError, AttributeError):  # no iconv in the C library (musl has one)
        return None
    void_p, size_t = ctypes.c_void_p, ctypes.c_size_t
    iconv_open.restype, iconv_open.argtypes = void_p, (ctypes.c_char_p, ctypes.c_char_p)
    iconv.restype = size_t
    iconv.argtypes = (void_p, ctypes.POINTER(void_p), ctypes.POINTER(size_t),
                      ctypes.POINTER(void_p), ctypes.POINTER(size_t))
    iconv_close.argtypes = (void_p,)
    if not encoding.isascii() or '\0' in encoding:
        return None
    handle = iconv_open(b'UTF-8', encoding.encode('ascii'))
    if handle is None or handle == void_p(-1).value:
        return None
    try:
        source = ctypes.create_string_buffer(data, len(data))
        target = ctypes.create_string_buffer(4 * len(data) + 16)
        in_at, in_left = void_p(ctypes.addressof(source)), size_t(len(data))
        out_at, out_left = void_p(ctypes.addressof(target)), size_t(len(target))
        while in_left.value:
            if iconv(handle, in_at, in_left, out_at, out_left) != size_t(-1).value:
                break
            if out_left.value < 3:  # not reached: four bytes a byte read
                return None
            # A byte it cannot read (or a sequence cut short): U+FFFD, on.
            ctypes.memmove(out_at.value, b'\xef\xbf\xbd', 3)
            out_at.value += 3
            out_left.value -= 3
            in_at.value += 1
            in_left.value -= 1
        return target.raw[:len(target) - out_left.value]
    finally:
        iconv_close(handle)
