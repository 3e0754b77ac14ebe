"""``together-hooks rotate-help``: rotate a leaked key, then purge it from git.

The order matters: a new key first (so nothing breaks), then revoking the
old one (the only step that makes the leak harmless), and only then the
history rewrite, which cannot reach forks, clones or caches.

The ``git filter-repo --replace-text`` file is built so that it holds no
whole key: one ``regex:`` line per key that matches it by what a report
already shows (its first and last characters) plus its length and
alphabet.  When the key is not at hand (only its hash is), the user types
it into a shell variable and the file is written from that instead.
filter-repo reads every line of that file as an expression -- there are no
comment lines -- so the file holds nothing else.
"""
from __future__ import annotations

import argparse
import base64
import re
from typing import Sequence

from together_hooks.findings import Finding
from together_hooks.findings import shown_ends
from together_hooks.messages import cut_short
from together_hooks.messages import shell_quote
from together_hooks.errors import InputError
from together_hooks.report import VERIFY_CURL
from together_hooks.report import shown_path
from together_hooks.rules import ROTATE_URL

HELP = 'walk through rotating a leaked key and purging it from git history'
EPILOG = """\
examples:
  together-hooks rotate-help app.py     the keys app.py holds
  together-hooks rotate-help --hashed-secret 0123456789abcdef0123456789abcdef01234567
                                        a key a report showed by its hashed_secret

exit codes: 0 the walk-through was printed, 2 usage or input error (one line
  on stderr)"""
REPLACEMENT = '***REMOVED***'
_HEX = re.compile(r'[0-9a-f]{64}')
_SHA1 = re.compile(r'[0-9a-f]{40}')
_SHOWN_PLACES = 5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        'paths', nargs='*', metavar='PATH',
        help='files or folders holding the leaked key(s): the walk-through '
             'names them and builds the replacements file from them',
    )
    parser.add_argument(
        '--hashed-secret', metavar='H',
        help='the hashed_secret of one key from a report; looked up in the '
             "current repository's files",
    )
    parser.add_argument(
        '--replacements', metavar='FILE',
        help='also write the git filter-repo --replace-text file to FILE '
             '(it holds no whole key)',
    )


def _alphabet(secret: str) -> tuple[str, str, str]:
    """(class of the key's characters, what may not come before, after).

    A ``tgp_v1_`` key may follow any character (``"\\ntgp_v1_..."`` in
    JSON); a 64-hex key must not be part of a longer hex run (a SHA-512).
    """
    if _HEX.fullmatch(secret):
        return '[0-9a-f]', '(?<![0-9A-Fa-f])', '(?![0-9A-Fa-f])'
    return '[A-Za-z0-9_-]', '', '(?![A-Za-z0-9_-])'


def key_regex(secret: str) -> str:
    """A Python regex matching ``secret`` from its shown start and end.

    It also matches any other key with the same start, end and length;
    blanking those too does no harm.
    """
    head, tail = shown_ends(secret)
    chars, before, after = _alphabet(secret)
    middle = len(secret) - len(head) - len(tail)
    return f'{before}{re.escape(head)}{chars}{{{middle}}}{re.escape(tail)}{after}'


def key_ere(secret: str) -> str:
    """The same match as a POSIX ERE, for ``git log -G`` (no lookaround)."""
    head, tail = shown_ends(secret)
    chars = _alphabet(secret)[0]
    return f'{head}{chars}{{{len(secret) - len(head) - len(tail)}}}{tail}'


def _b64_chars(encoded: str) -> str:
    # Either base64 alphabet: "+/" standard, "-_" URL-safe.
    return ''.join(
        '[+-]' if c == '+' else '[/_]' if c == '/' else re.escape(c)
        for c in encoded
    )


# ``echo "$KEY" | base64`` encodes a trailing newline too (and a Windows
# editor a CRLF): each changes the last base64 group, so each is a variant.
_B64_SUFFIXES = ('', '\n', '\r\n')


def _b64_parts(secret: str, suffix: str = '') -> tuple[str, int, str, str]:
    """(head pattern, middle length, tail pattern, padding) of
    base64(secret + suffix).

    Only the groups that encode the shown start and end are spelled out,
    so a base64 line reveals no more of the key than ``key_regex``.
    """
    raw = (secret + suffix).encode('ascii')
    head, _ = shown_ends(secret)
    whole = len(head) // 3 * 3
    head_enc = base64.b64encode(raw[:whole]).decode().rstrip('=')
    rest = len(raw) % 3
    tail_enc = base64.b64encode(raw[-rest:]).decode().rstrip('=') if rest else ''
    pad = '=' * ((3 - rest) % 3)
    total = (len(raw) + 2) // 3 * 4 - len(pad)
    middle = total - len(head_enc) - len(tail_enc)
    return _b64_chars(head_enc), middle, _b64_chars(tail_enc), pad


def b64_regex(secret: str) -> str:
    """A regex for ``secret`` stored base64-encoded as a whole value, with
    or without the newline ``echo`` adds."""
    variants = []
    for suffix in _B64_SUFFIXES:
        head, middle, tail, pad = _b64_parts(secret, suffix)
        variants.append(f'{head}[A-Za-z0-9+/_-]{{{middle}}}{tail}(?:{pad})?')
    return f'(?<![A-Za-z0-9+/_-])(?:{"|".join(variants)})(?![A-Za-z0-9+/=_-])'


def b64_ere(secret: str) -> str:
    variants = []
    for suffix in _B64_SUFFIXES:
        head, middle, tail, _ = _b64_parts(secret, suffix)
        variants.append(f'{head}[A-Za-z0-9+/_-]{{{middle}}}{tail}')
    return f'({"|".join(variants)})'


def replacements(findings: Sequence[Finding]) -> list[str]:
    """The lines of the ``--replace-text`` file: expressions only."""
    lines: list[str] = []
    for secret, encodings in _distinct(findings):
        lines.append(f'regex:{key_regex(secret)}==>{REPLACEMENT}')
        if 'base64' in encodings:
            lines.append(f'regex:{b64_regex(secret)}==>{REPLACEMENT}')
    return lines


def _distinct(findings: Sequence[Finding]) -> list[tuple[str, set[str]]]:
    seen: dict[str, set[str]] = {}
    for f in findings:
        seen.setdefault(f.secret, set()).add(f.encoding)
    return list(seen.items())


def _places(findings: Sequence[Finding], secret: str) -> str:
    places = [
        f'{shown_path(f.path)}:{f.line}' for f in findings if f.secret == secret
    ]
    return cut_short(places, _SHOWN_PLACES)


def walkthrough(
        findings: Sequence[Finding], hashed: str | None = None,
        written: str | None = None, sealed: Sequence[str] = (),
        excused: dict[str, list[str]] | None = None,
) -> str:
    """The whole walk-through; names the keys in ``findings`` (if any);
    ``sealed``: the files holding one compressed, removed from history;
    ``excused``: what excuses a key in a scan (a pragma, the baseline, the
    config's ``allow``), by the key."""
    out: list[str] = ['Rotating a leaked Together API key', '']
    keys = _distinct(findings)
    if keys:
        for secret, _ in keys:
            f = next(f for f in findings if f.secret == secret)
            out.append(
                f'Key {f.redacted} (hashed_secret {f.hashed_secret}) in '
                f'{_places(findings, secret)}',
            )
            why = (excused or {}).get(secret)
            if why:  # scans pass it; the key is there all the same
                import textwrap

                out += textwrap.wrap(
                    f'It is there, and excused by {" and by ".join(why)}: scans '
                    'pass it, yet an excuse does not make a real key harmless. If it '
                    'is real, rotate it as below, then take the excuse out.',
                    width=72, initial_indent='  ', subsequent_indent='  ',
                    break_on_hyphens=False, break_long_words=False,
                )
        out.append('')
    elif hashed:
        out += [
            f'Key with hashed_secret {hashed}: not in the files of this '
            'repository (it may be only in history).', '',
        ]
    olds = ' / '.join(
        next(f.redacted for f in findings if f.secret == s) for s, _ in keys
    ) or 'the leaked one'
    out += [
        '1. Create a new key',
        f'   Open {ROTATE_URL}',
        '   and create a new key. Keep the old one until step 4: what still',
        '   uses it keeps working meanwhile.',
        '',
        '2. Update the environment',
        '   Put the new key wherever the old one lived, never in a tracked file:',
        '   - local .env files (gitignored): TOGETHER_API_KEY=<the new key>',
        '   - your secret manager (Vault, AWS/GCP secret manager, 1Password ...)',
        '   - CI secrets (GitHub: gh secret set TOGETHER_API_KEY; GitLab: '
        'Settings > CI/CD > Variables)',
        '   - deployed services, then restart them so they read it',
        '',
        '3. Verify the new key with one request',
        '   Load it without echoing it (read -rs TOGETHER_API_KEY; export '
        'TOGETHER_API_KEY), then:',
        f'   {VERIFY_CURL}',
        '   200 means it works; 401 or 403 means it does not.',
        '',
        '4. Revoke the old key',
        f'   At {ROTATE_URL} delete the old key ({olds}).',
        '   From now on the leaked key is worthless; what follows only tidies',
        '   history. To confirm, `together-hooks scan --verify` now reports it',
        '   "invalid".',
        '',
        '5. Purge it from git history (if it was ever committed)',
        '   Work in a fresh clone, with git-filter-repo installed '
        '(pip install git-filter-repo):',
        '   git clone <url> purge && cd purge',
    ]
    if keys:
        lines = replacements(findings)
        if written:
            out.append(f'   ({written} is written; this makes the same file:)')
        out.append("   printf '%s\\n' \\")
        out += [f'     {shell_quote(x)} \\' for x in lines[:-1]]
        out.append(f'     {shell_quote(lines[-1])} > ../replacements.txt')
        purge = '   git filter-repo --replace-text ../replacements.txt'
        if sealed:  # one run: filter-repo wants a fresh clone
            purge += ' --invert-paths ' + ' '.join(f'--path {shell_quote(p)}' for p in sealed)
        out += [
            purge,
            '   Each regex: line matches a key by the start and end shown above,',
            '   its length and alphabet, so the file holds no whole key (another',
            '   key with the same start and end would be blanked too).',
        ]
        if sealed:
            out += [
                '   --invert-paths takes out of every commit the files that hold a',
                '   key compressed (a zip member, a base64 value of a gzip): no text',
                '   there for --replace-text to match. Commit them again without the',
                '   key if you need them. git log -G cannot see inside them; this',
                '   scan can (it prints no key when clean):',
                '   together-hooks scan --history',
            ]
        out.append('   Check that nothing is left (this prints nothing when clean):')
        for secret, encodings in keys:
            out.append(f"   git log --all --oneline -G '{key_ere(secret)}'")
            if 'base64' in encodings:
                out.append(f"   git log --all --oneline -G '{b64_ere(secret)}'")
        if any(_HEX.fullmatch(s) for s, _ in keys):
            out += [
                '   A 64-hex key is matched by 6 characters only: before the',
                '   rewrite, run the same git log -p and make sure it hits only',
                '   the key (not a checksum with the same start and end).',
            ]
    else:
        out += [
            '   The file has to be made from the key itself. Type it into a',
            '   shell variable (not echoed, not kept in shell history):',
            '   read -rs OLD_KEY',
        ]
        if hashed:
            out.append(
                f"   printf '%s' \"$OLD_KEY\" | sha1sum   # must print {hashed}",
            )
        out += [
            f"   printf 'literal:%s==>{REPLACEMENT}\\n' \"$OLD_KEY\" > "
            '../replacements.txt',
            '   git filter-repo --replace-text ../replacements.txt',
            '   rm ../replacements.txt   # it holds the old key',
            '   Check that nothing is left (this prints 0 when clean; the key',
            '   goes to grep through a pipe, never on a command line):',
            "   git log --all -p | grep -cF -f <(printf '%s\\n' \"$OLD_KEY\")",
            '   unset OLD_KEY',
            '   Or give rotate-help the file or folder that still holds the',
            '   key: it then builds a file without the whole key.',
        ]
    out += [
        '   The replacements file takes one expression per line and no',
        '   comments; keep it outside the repository.',
        '',
        '6. Force-push and tell everyone',
        '   Before: ask collaborators to push their work and pause; allow',
        '   force-pushes on protected branches for the moment.',
        '   filter-repo removes the origin remote so nothing is pushed by',
        '   accident. Once the check above is clean:',
        '   git remote add origin <url>',
        '   git push --force --all origin',
        '   git push --force --tags origin',
        '   After: everyone re-clones (or resets each branch onto the new',
        '   history): merging an old clone brings the key back.',
        '   Forks, pull request refs and caches keep the old commits; ask your',
        '   host (GitHub Support on GitHub) to purge them. That is why step 4',
        '   is the one that counts.',
    ]
    return '\n'.join(out) + '\n'


def find_leaks(
        args: argparse.Namespace,
) -> tuple[list[Finding], list[str], dict[str, list[str]]]:
    """The keys in the given paths (or the repository's files, for
    ``--hashed-secret``), found as ``scan`` finds them: inside containers
    and base64 values of containers too, a large file read in windows; the
    files holding one compressed (a zip member, a base64 value of a gzip),
    which no ``--replace-text`` rewrites; and what excuses each key in a
    scan (``excuses``).  A key a pragma excuses is found too: it was
    "no key found" (a key is rotated whatever excuses it)."""
    from together_hooks.detect.scrub import learn
    from together_hooks.gitrun import git_toplevel
    from together_hooks.gitrun import path_from_top
    from together_hooks.pipeline import Scanner
    from together_hooks.sources.files import from_paths
    from together_hooks.sources.files import from_tree

    if args.hashed_secret is not None:
        root = git_toplevel('.')
        if root is None:
            # Walking '.' instead read a home folder or /tmp whole, for
            # minutes, to say "not in the files of this repository".  A
            # repository git refuses (another user's: safe.directory), a
            # bare one or its git folder is named as such (``no_repository``).
            from together_hooks.gitrun import no_repository

            raise no_repository(
                '--hashed-secret looks the key up in the files of the current '
                'git work tree, and this folder is not in one (a bare '
                'repository has none): run it in a clone the report came '
                'from, or name the file (together-hooks rotate-help PATH)',
            )
        contents = from_tree(root)
    elif args.paths:
        contents = from_paths(args.paths)
    else:
        return [], [], {}
    scanner = Scanner()
    findings: list[Finding] = []
    sealed: dict[str, None] = {}
    unread: list[str] = []
    skipped: list[str] = []  # not a regular file (a FIFO, a device), a submodule
    pragmas: dict[str, list[str]] = {}
    for content in contents:
        first = scanner.scan_one(content)
        for f in first + _under_pragmas(scanner, content, pragmas, first):
            if args.hashed_secret is None or f.hashed_secret == args.hashed_secret:
                if f.path != content.path or f.encoding.startswith('base64 '):
                    # filter-repo runs at a clone's top: the path from there
                    sealed[content.path if args.hashed_secret is not None
                           else path_from_top(content.path) or content.path] = None
                findings.append(f)
        if content.problem is not None:
            (unread if content.problem.fatal else skipped).append(
                f'{content.path}: {content.problem.reason}',
            )
    learn({f.secret for f in findings})  # nothing shown holds a piece of one
    # A file it could not read may hold the key: never "no key found",
    # never a partial recipe.  One it skipped (a FIFO named as the file)
    # holds no committed key, yet "no key found in the given paths" is
    # never said of a path it did not read.
    if unread or (skipped and args.paths and not findings):
        from together_hooks.messages import cut_short

        # Named as the error, a skipped file is one not read ("error: ...:
        # skipped" said both).
        named = unread or [s.removesuffix(': skipped') + ': not read' for s in skipped]
        raise InputError(cut_short(named, 1, more=' (and {} more)'))
    return findings, list(sealed), excuses(findings, pragmas)


def _under_pragmas(
        scanner: object, content: object, pragmas: dict[str, list[str]],
        found: Sequence[Finding] = (),
) -> list[Finding]:
    """The keys only a pragma hides in a file on disk (``found``: what the
    scan with pragmas gave): the file scanned again as ``scan`` reads it,
    UTF-16 text, archive and compressed members and base64 values
    included, with no pragma honoured (``detect.pragmas.ignored``); where
    each is, in ``pragmas``."""
    from together_hooks.detect.pragmas import ignored
    from together_hooks.sources.content import Content

    fs_path = getattr(content, 'fs_path', None)
    if fs_path is None:
        return []
    seen = {(f.path, f.line, f.secret) for f in found}
    with ignored():
        again = scanner.scan_one(Content(content.path, fs_path=fs_path))  # type: ignore[attr-defined]
    hidden = [f for f in again if (f.path, f.line, f.secret) not in seen]
    for f in hidden:
        pragmas.setdefault(f.secret, []).append(f'{shown_path(f.path)}:{f.line}')
    return hidden


def excuses(findings: Sequence[Finding], pragmas: dict[str, list[str]]) -> dict[str, list[str]]:
    """What lets each key pass a scan of this repository: a pragma on its
    line, an entry of the baseline (``scan``'s: the flag-less default), or
    the config file's ``allow``."""
    from together_hooks.filters import apply_baseline
    from together_hooks.pipeline import configure

    why: dict[str, list[str]] = {}
    for secret, places in pragmas.items():
        why.setdefault(secret, []).append(f'a pragma ({cut_short(places, 2)})')
    if not findings:
        return why
    settings = argparse.Namespace(baseline=None)
    configure(settings)  # a bad config or baseline: one line, exit 2
    if settings.known is not None:
        kept, confirmed, _ = apply_baseline(list(findings), settings.known)
        left = {id(f) for f in kept} | {id(f) for f in confirmed}
        for f in findings:
            if id(f) not in left and f'the baseline {settings.baseline}' not in why.get(f.secret, []):
                why.setdefault(f.secret, []).append(f'the baseline {settings.baseline}')
    if settings.config.allow:
        for f in findings:
            if settings.config.allowed_key(f.secret, f.hashed_secret) and (
                    'the config file\'s allow' not in why.get(f.secret, [])):
                why.setdefault(f.secret, []).append("the config file's allow")
    return why


def run(args: argparse.Namespace) -> int:
    if args.hashed_secret is not None:
        if args.paths:
            raise InputError('give either --hashed-secret or PATH, not both')
        args.hashed_secret = args.hashed_secret.strip().lower()
        if not _SHA1.fullmatch(args.hashed_secret):
            raise InputError(
                '--hashed-secret takes the 40-hex hashed_secret a report shows',
            )
    findings, sealed, excused = find_leaks(args)
    if args.replacements:
        if not findings:
            raise InputError(
                'no key found to build --replacements from; run without it '
                'for the typed recipe',
            )
        from together_hooks.env import committed
        from together_hooks.fileio import refuse_replacing_input
        from together_hooks.fileio import write_atomic
        from together_hooks.gitdir import repository_naming
        from together_hooks.gitdir import worktree_root

        import os

        if os.environ.get('PRE_COMMIT') == '1':  # a hook's args in the committed config
            committed.refuse(
                args.replacements, worktree_root('.'), 'the replacements file', replaces=True,
            )
        refuse_replacing_input(args.replacements, args.paths, '--replacements')
        write_atomic(
            args.replacements, '\n'.join(replacements(findings)) + '\n',
            within=repository_naming(args.replacements),
        )
    if args.paths and not findings:
        print('No Together API key found in the given paths.\n')
    print(walkthrough(findings, args.hashed_secret, args.replacements, sealed, excused), end='')
    return 0
