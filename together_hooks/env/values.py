"""Values in env files: which assignments hold a Together key (loading the
developer's own keys), and which look like any real credential (what a
template must not hold)."""
from __future__ import annotations

import os

from together_hooks.env.held import may_hold
from together_hooks.regex_cache import cached

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable
    from typing import Mapping

# Regex sources, built on first use from the user's cache (regex_cache.cached).
# A name qualified by a digest word holds no key: ``TOGETHER_KEY_SHA256``
# holds the key's digest, which is no copy of a key to look for
# everywhere; the word only as a whole part of the name, between ``_``,
# ``.``, ``-``, digits, its ends or a camelCase hump: ``NATASHA_``,
# ``SHASHANK_`` or ``HASHICORP_`` hold a real key, and a lost own key is
# a leak.
_DIGEST_NAME = (
    r'(?i)(?-i:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))'
    r'(?:sha-?\d*|md5|hash(?:ed|es)?|digests?|checksums?|fingerprints?)(?:sums?)?'
    r'(?-i:(?![A-Za-z])|(?<=[a-z0-9])(?=[A-Z]))'
)
# A name's words: at ``_``, ``-``, ``.``, digits and camelCase humps
# (``TogetherApiKey``: together, api, key; ``TOGETHER_API_KEY`` the same).
_NAME_WORDS = r'[A-Z]+(?![a-z])|[A-Z]?[a-z]+'
# Together's word, alone or glued to the key words after it
# (``TOGETHERAI``, ``TOGETHERAPIKEY``), and a word that says key.
_TOGETHER_WORD = r'together(?:ai)?((?:api|access|auth)?(?:key|token|secret)s?)?\Z'
_KEY_WORD = r'(?:api|access|auth|secret)?(?:key|token|secret)s?\Z'
# Words after the key word that say the value describes the key rather
# than holds it (``TOGETHER_KEY_ID``: a ``key_…`` id; ``…_KEY_FILE``).
_DESCRIBES = frozenset(('id', 'ids', 'name', 'names', 'file', 'path', 'url', 'uri', 'prefix'))
# Our own settings (``TOGETHER_HOOKS_API_BASE``, ``TOGETHER_HOOKS_GITHUB_TOKEN``:
# a GitHub token for ``scan-org``) hold no Together key of yours by name.
OWN_SETTINGS = 'TOGETHER_HOOKS_'


def is_key_name(name: str) -> bool:
    """Whether a variable named ``name`` holds a Together key by its name:
    Together's word (a whole word: not ``ALTOGETHER``) and, after it, a
    key word (key, token, secret; ``apikey``), in any case and spelling
    (``TOGETHER_API_KEY``, ``TOGETHERAI_API_KEY``, ``TogetherApiKey``,
    ``MY_TOGETHER_KEY``, ``TOGETHER_API_KEY_PROD``, ``TOGETHER_SECRET``).
    Not a word that merely starts so (``TOGETHER_TOKENIZER``,
    ``TOGETHER_MONKEY``, ``TOGETHER_KEYBOARD``), a name that describes the
    key (``TOGETHER_KEY_ID``, ``…_KEY_FILE``, a digest's
    ``TOGETHER_KEY_SHA256``), our own settings (``OWN_SETTINGS``), nor one
    with no key word (``TOGETHER_TESTS_RUN_LOG``)."""
    if name.upper().startswith(OWN_SETTINGS) or cached(_DIGEST_NAME).search(name):
        return False
    words = [w.lower() for w in cached(_NAME_WORDS).findall(name)]
    for i, word in enumerate(words):
        glued = cached(_TOGETHER_WORD).match(word)
        if glued is None:
            continue
        after = words[i + 1:]
        if glued.group(1):
            return not any(w in _DESCRIBES for w in after)
        for j, later in enumerate(after):
            if cached(_KEY_WORD).match(later):
                if later.startswith('secret') and any(w not in _SECRET_AFTER for w in after[:j]):
                    # Another secret of Together's (``TOGETHER_WEBHOOK_SIGNING_SECRET``:
                    # a webhook's, not the API's): as before, no key's name.
                    continue
                return not any(w in _DESCRIBES for w in after[j + 1:])
    return False


# The words a Together ``secret`` may follow and still be the API key's.
_SECRET_AFTER = frozenset(('api', 'access', 'auth', 'ai'))


_ASSIGN = rb'(?m)^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*[=:][ \t]*(.*?)[ \t]*\r?$'
_VALUE_CHARS = r'[A-Za-z0-9_\-.+/=~]+\Z'
# A value of a key's own shape, current or legacy: the rule's own checks
# (entropy, placeholders) have judged it, and a value they reject (a
# ``0123456789abcdef`` run four times, a readable ``tgp_v1_abc123…``) is
# nobody's key, however random its characters look.
_KEY_SHAPE = r'tgp_v1_[A-Za-z0-9_-]{43}\Z|[0-9a-f]{64}\Z'


def _unquote(value: bytes) -> bytes:
    if len(value) >= 2 and value[:1] in (b'"', b"'") and value[-1:] == value[:1]:
        return value[1:-1]
    return value.split(b' #', 1)[0].split(b'\t#', 1)[0].strip()


def plausible_key(value: str) -> bool:
    """A value of a Together-named variable worth matching as an exact copy.

    Format-valid keys always are; other shapes (a future format) only when
    long and random, so ``TOGETHER_API_KEY=test`` never matches everywhere.
    """
    from together_hooks.detect.engine import scan_bytes
    from together_hooks.detect.shapes import entropy
    from together_hooks.detect.shapes import VALUE_PLACEHOLDER_WORDS

    if 'tgp_v1_' in value or len(value) == 64:
        probe = f'TOGETHER_API_KEY={value}'.encode('utf-8', 'replace')
        if any(f.secret == value for f in scan_bytes(probe, '<env>')):
            return True
        if cached(_KEY_SHAPE).match(value) is not None:
            return False
    low = value.lower()
    return (
        len(value) >= 32 and cached(_VALUE_CHARS).match(value) is not None
        and entropy(value) >= 4.0 and len(set(value)) >= 16
        and any(c.isdigit() for c in value) and any(c.isalpha() for c in value)
        and not any(w in low for w in VALUE_PLACEHOLDER_WORDS)
    )


_SEGMENT_SPLIT = r'[-_./:@]'


def looks_like_secret(value: str) -> bool:
    """A template value that looks like a real credential, whatever its
    provider: a long random run (16+ characters of letters and digits).

    Readable values do not: model ids (``meta-llama/Llama-3.3-70B``), URLs
    without credentials, UUIDs (short groups), words and placeholders.
    """
    from together_hooks.detect.shapes import entropy
    from together_hooks.detect.shapes import TEMPLATE_PLACEHOLDER_WORDS

    if cached(_VALUE_CHARS).match(value) is None and '@' not in value:
        return False
    low = value.lower()
    if any(w in low for w in TEMPLATE_PLACEHOLDER_WORDS):
        return False
    for seg in cached(_SEGMENT_SPLIT).split(value):
        if (
                len(seg) >= 16 and len(set(seg)) >= 10 and entropy(seg) >= 3.3
                and any(c.isdigit() for c in seg) and any(c.isalpha() for c in seg)
        ):
            return True
    return False


def secret_values(
        data: bytes, allowed: Callable[[str], bool] | None = None,
) -> list[tuple[int, str, str]]:
    """(line, name, value) of each assignment whose value looks like a real
    credential (``looks_like_secret``): what a template must not hold.

    Not reported: public identifiers (``env/public.py``), a line with an
    inline allow pragma (or a nextline pragma above it), and values
    ``allowed`` accepts (the config file's ``allow``)."""
    return _secret_values(data, 0, 1, allowed)


def _secret_values(
        data: bytes, lo: int, first: int, allowed: Callable[[str], bool] | None,
) -> list[tuple[int, str, str]]:
    """``secret_values`` of the lines of ``data`` from ``lo`` (a line
    start) on, the line at ``lo`` numbered ``first``; the bytes before
    ``lo`` are there for the pragmas to read (the line above)."""
    from together_hooks.detect.pragmas import allowed_inline
    from together_hooks.detect.pragmas import in_view
    from together_hooks.env.public import is_public

    found = []
    for m in cached(_ASSIGN).finditer(data, lo):
        value = _unquote(m.group(2)).decode('utf-8', 'replace')
        if not value or not looks_like_secret(value):
            continue
        name = m.group(1).decode('ascii', 'replace')
        end = m.end()
        if data[end - 1:end] == b'\r':
            end -= 1
        if (
                is_public(name, value)
                or (allowed_inline(data, m.start(), end) and in_view(data, m.start(2)))
                or (allowed is not None and allowed(value))
        ):
            continue
        line = data.count(b'\n', lo, m.start()) + first
        found.append((line, name, value))
    return found


# What a window of lines keeps of the bytes before it: the pragmas read
# the line above a value and a pragma's own column, each within
# ``pragmas._LOOKBACK`` (4 KB) of where they look; three of those, so a
# window's first line is judged on the bytes a whole read has.
_CONTEXT = 12 << 10
# The start of a line that may assign a value (``_ASSIGN``'s), and a
# start that may still become one: a line longer than a window that
# begins so is not read past its window.
_ASSIGN_START = rb'[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_.]*[ \t]*[=:]'
# (each part begins where the one before cannot go on: no backtracking
# over a window of blanks)
_UNDECIDED_START = (
    rb'[ \t]*(?:export(?:[ \t]+(?:[A-Za-z_][A-Za-z0-9_.]*[ \t]*)?)?'
    rb'|[A-Za-z_][A-Za-z0-9_.]*[ \t]*)?\Z'
)


def secret_values_read(
        read: Callable[[int], bytes], allowed: Callable[[str], bool] | None = None,
        step: int | None = None, longest: int | None = None,
) -> list[tuple[int, str, str]]:
    """``secret_values`` of a stream (``read(n)``: its next bytes, up to
    ``n``; b'' at its end: a large file, a git blob), read in windows of
    whole lines (``step`` bytes at a time, ``fileio.WINDOW`` unless
    given), so memory stays bounded whatever its size: the same lines,
    names and values as a whole read.  A line longer than ``longest``
    bytes (a window) is passed over in windows when its start shows it
    assigns nothing (a hole of zeros); one that may assign a value is
    ``NotScanned`` (fatal): its value was not read, and no pass may
    vouch for it."""
    from together_hooks.fileio import filled
    from together_hooks.fileio import WINDOW

    step = step or WINDOW
    longest = longest or WINDOW
    found: list[tuple[int, str, str]] = []
    line = 1  # the number of ``pending``'s first line
    before = b''  # up to ``_CONTEXT`` bytes before ``pending``
    from_start = True  # ``before`` is the stream's start
    pending = b''  # bytes read from a line's start on, no line judged yet
    while True:
        more = filled(read, b'', step)
        ended = len(more) < step
        pending += more
        cut = len(pending) if ended else pending.rfind(b'\n') + 1
        if not cut and not ended:  # no line ends in it yet
            if len(pending) > longest:
                _long_line(pending, line, longest)
                before, pending, ended = _past_line(read, pending, step)
                from_start, line = False, line + 1
            if not ended:
                continue
        lines, pending = pending[:cut], pending[cut:]
        if lines:
            lead = before if from_start else b'\n' + before  # never a line start of its own
            found += _secret_values(lead + lines, len(lead), line, allowed)
            line += lines.count(b'\n')
            kept = before + lines
            from_start = from_start and len(kept) <= _CONTEXT
            before = kept[-_CONTEXT:]
        if ended:
            return found


def _long_line(start: bytes, line: int, longest: int) -> None:
    """NotScanned unless ``start``, the first bytes of a line longer than
    ``longest``, shows the line assigns nothing."""
    from together_hooks.fileio import NotScanned

    if cached(_ASSIGN_START).match(start) or cached(_UNDECIDED_START).match(start):
        size = f'{longest >> 20} MB' if longest >= 1 << 20 else f'{longest} bytes'
        raise NotScanned(
            f'line {line} is longer than {size} and may set a value: not read', fatal=True,
        )


def _past_line(
        read: Callable[[int], bytes], held: bytes, step: int,
) -> tuple[bytes, bytes, bool]:
    """Read on to the end of the line whose bytes so far are ``held`` (no
    newline in them): (its last ``_CONTEXT`` bytes with its newline, the
    bytes read after it, whether the stream ended in it)."""
    from together_hooks.fileio import filled

    held = held[-_CONTEXT:]
    while True:
        more = filled(read, b'', step)
        at = more.find(b'\n')
        if at >= 0:
            return (held + more[:at + 1])[-_CONTEXT:], more[at + 1:], False
        if len(more) < step:
            return (held + more)[-_CONTEXT:], b'', True
        held = (held + more)[-_CONTEXT:]


def keys_in_env(data: bytes) -> set[str]:
    """Key values an env file (or an environment dump) holds.  A
    Together-named variable set from another (``TOGETHER_API_KEY=${BASE}``,
    ``$BASE``, ``${BASE:-…}``: docker compose, python-dotenv and a shell
    interpolate them) holds that one's value: the value assigned to it in
    the same bytes, else the environment's."""
    from together_hooks.detect.engine import scan_bytes

    found = {f.secret for f in scan_bytes(data, '.env')}
    # A Together name is needed for the assignments' values to count (as
    # a referenced one's): bytes without Together's word (a padded or
    # sparse env file's megabytes of filler) skip the line-by-line read.
    if b'together' not in data.lower():
        return found
    assigned: dict[bytes, bytes] | None = None
    for m in cached(_ASSIGN).finditer(data):
        if not is_key_name(m.group(1).decode('ascii', 'replace')):
            continue
        raw = _unquote(m.group(2))
        ref = cached(_REFERENCE).fullmatch(raw)
        if ref is not None:
            if assigned is None:
                assigned = {a.group(1): _unquote(a.group(2)) for a in cached(_ASSIGN).finditer(data)}
            name = ref.group(1) or ref.group(2)
            raw = assigned.get(name) or os.environ.get(name.decode('ascii'), '').encode('utf-8', 'replace')
        value = raw.decode('utf-8', 'replace')
        if value not in found and plausible_key(value):
            found.add(value)
    return found


# A value that is another variable's: ``${NAME}``, ``${NAME:-default}``
# (or ``-``, ``:?``, ``?``: its own value when set), ``$NAME``.
_REFERENCE = rb'\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)'


# Variables git and pre-commit set for their hooks to describe the commit
# or push under way (the refs, the remote, the author and committer).
DESCRIBING = ('PRE_COMMIT_', 'GIT_AUTHOR_', 'GIT_COMMITTER_')


def keys_in_environ(environ: Mapping[str, str]) -> set[str]:
    """The keys the developer's environment holds; not in the variables
    that describe what git or pre-commit is doing (``DESCRIBING``): a
    branch named with a key is in ``PRE_COMMIT_LOCAL_BRANCH`` during its
    push, an email in ``GIT_AUTHOR_EMAIL`` during its commit, and each is
    a finding of its own, not a key the developer keeps there."""
    found: set[str] = set()
    for name, value in environ.items():
        if not may_hold(name, value) or name.startswith(DESCRIBING):
            continue  # most variables: no regex (a clean commit loads no ``re``)
        value = value.strip()
        if is_key_name(name):
            if plausible_key(value):
                found.add(value)
        elif 'tgp_v1_' in value:
            found.update(keys_in_env(value.encode('utf-8', 'replace')))
    return found
