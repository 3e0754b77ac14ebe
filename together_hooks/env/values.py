"""Values in env files: which assignments hold a Together key (loading the
developer's own keys), and which look like any real credential (what a
template must not hold)."""
from __future__ import annotations

from together_hooks.env.held import may_hold
from together_hooks.regex_cache import cached

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable
    from typing import Mapping

# Regex sources, built on first use from the user's cache (regex_cache.cached).
# (not a name qualified by a digest word: ``TOGETHER_KEY_SHA256`` holds
# the key's digest, which is no copy of a key to look for everywhere; the
# word only as a whole part of the name, between ``_``, ``.``, ``-``,
# digits, its ends or a camelCase hump: ``NATASHA_``, ``SHASHANK_`` or
# ``HASHICORP_`` hold a real key, and a lost own key is a leak)
_NAMED_KEY = (
    r'(?i)\A(?!.*(?-i:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))'
    r'(?:sha-?\d*|md5|hash(?:ed|es)?|digests?|checksums?|fingerprints?)(?:sums?)?'
    r'(?-i:(?![A-Za-z])|(?<=[a-z0-9])(?=[A-Z])))'
    r'.*together.*(?:key|token)'
)
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
    from together_hooks.detect.pragmas import allowed_inline
    from together_hooks.detect.pragmas import in_view
    from together_hooks.env.public import is_public

    found = []
    for m in cached(_ASSIGN).finditer(data):
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
        line = data.count(b'\n', 0, m.start()) + 1
        found.append((line, name, value))
    return found


def keys_in_env(data: bytes) -> set[str]:
    """Key values an env file (or an environment dump) holds."""
    from together_hooks.detect.engine import scan_bytes

    found = {f.secret for f in scan_bytes(data, '.env')}
    for m in cached(_ASSIGN).finditer(data):
        if not cached(_NAMED_KEY).search(m.group(1).decode('ascii', 'replace')):
            continue
        value = _unquote(m.group(2)).decode('utf-8', 'replace')
        if value not in found and plausible_key(value):
            found.add(value)
    return found


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
        if cached(_NAMED_KEY).search(name):
            if plausible_key(value):
                found.add(value)
        elif 'tgp_v1_' in value:
            found.update(keys_in_env(value.encode('utf-8', 'replace')))
    return found
