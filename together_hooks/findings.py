"""A finding: one key at one place, and the only forms of it ever shown
(``redacted``) or stored (``hashed_secret``)."""
from __future__ import annotations

# Where a key can be that is not a file: a finding's ``path`` says which
# (with its commit or tag in ``commit``).  Reports show them as they are;
# SARIF makes them logical locations.
COMMIT_MESSAGE = '<commit message>'
# A commit's or tag's header lines but its tree/parent/object ids: author,
# committer, tagger and any extra header a hand-made object carries.
COMMIT_HEADER = '<commit header>'
TAG_MESSAGE = '<tag message>'
REF_NAME = '<ref name>'
PATH_NAME = '<path name>'  # a file or folder named with a key (line = which)
TAGGED_BLOB = '<tagged blob>'  # a tag (or ref) naming a blob itself
# ``git push -o <text>``: sent to the remote with the push (line = which).
PUSH_OPTION = '<push option>'
# An object a push's pack brings that none of its refs reaches (as git
# stores it: a commit's or tag's text, a tree's entries).
PACKED_OBJECT = '<unreferenced object>'
# ``git push --signed``: the certificate (pusher, push options, ref lines)
# that git stores on the server as a blob before its hooks run.
PUSH_CERTIFICATE = '<push certificate>'
# ``git notes`` on a commit (``refs/notes/*``: pushed and fetched as refs).
NOTE = '<note>'
# ``together-hooks scan -``: standard input, read as one file.
STDIN = '<stdin>'
# A line the output scrub reads before it is shown (it names paths and refs).
SHOWN_LINE = '<message>'
NOT_FILES = frozenset((COMMIT_MESSAGE, COMMIT_HEADER, TAG_MESSAGE, REF_NAME, PATH_NAME,
                       TAGGED_BLOB, PUSH_OPTION, PACKED_OBJECT, PUSH_CERTIFICATE, NOTE))


def bare_hex(data: bytes) -> bool:
    """A small blob holding only 64 hex digits (maybe quoted): a legacy
    key whose file's name is its context (``detect.engine._named_file``),
    with no keyword at all; the blob screen passes it, history discovery
    holds it as a candidate (``sources.history.keys_in``)."""
    return bare_hex_body(data) is not None


def bare_hex_body(data: bytes) -> bytes | None:
    """The 64 hex digits of a ``bare_hex`` blob, else None."""
    if len(data) > 256 or len(data) < 64:
        return None
    if b'\0' in data:  # UTF-16 (Windows' Notepad, PowerShell's ``>``)
        data = _narrow(data)
    body = data.removeprefix(b'\xef\xbb\xbf').strip(b' \t\r\n"\'')
    return body if len(body) == 64 and not body.strip(b'0123456789abcdef') else None


def _narrow(data: bytes) -> bytes:
    """ASCII text written as UTF-16 (either order, with or without its
    byte order mark), as ASCII; anything else as it is (it then holds no
    bare key: a NUL is no hex digit)."""
    if len(data) % 2:
        return data
    if data[:2] in (b'\xff\xfe', b'\xfe\xff'):
        data = data[2:]
    low, high = data[0::2], data[1::2]
    if not high.strip(b'\0'):
        return low
    return high if not low.strip(b'\0') else data


def hash_secret(secret: str) -> str:
    """The SHA-1 hex that detect-secrets stores as ``hashed_secret``."""
    try:  # CPython's builtin SHA-1: hashlib would load OpenSSL in every hook run
        from _sha1 import sha1
    except ImportError:  # pragma: no cover (other interpreters)
        from hashlib import sha1

    return sha1(secret.encode('utf-8')).hexdigest()


def shown_ends(secret: str) -> tuple[str, str]:
    """The start and end of a key that a report may show: the prefix and
    two characters (four for a legacy key), and the last two."""
    head = 9 if secret.startswith('tgp_v1_') else 4
    return secret[:head], secret[-2:]


def redact(secret: str) -> str:
    """``tgp_v1_Ab…yz``: enough to recognise a key, never enough to use it."""
    head, tail = shown_ends(secret)
    return f'{head}…{tail}'


class Finding:
    """One key at one place.  The raw secret never appears in repr()."""

    __slots__ = (
        'path', 'line', 'column', 'rule', 'secret', 'encoding',
        'commit', 'author', 'date', 'verification', 'verification_reason', 'tag',
        'reached',
    )

    def __init__(
            self, path: str, line: int, column: int, rule: str, secret: str,
            encoding: str = 'raw',
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.rule = rule
        self.secret = secret
        self.encoding = encoding
        self.commit: str | None = None
        self.author: str | None = None
        self.date: str | None = None
        self.verification: str | None = None
        self.verification_reason: str | None = None
        # An annotated tag's name, when the key is in its header or message
        # (``commit`` is then the tag object's id).
        self.tag: str | None = None
        # What ``commit`` names when it is no commit: a key in a blob a ref
        # reaches through no commit is ``in blob <id>``, ``in tag <id>``
        # (the tag that reaches it) or ``in tree <id>``, never ``in commit``.
        self.reached: str | None = None

    @property
    def hashed_secret(self) -> str:
        return hash_secret(self.secret)

    @property
    def redacted(self) -> str:
        return redact(self.secret)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            'path': self.path,
            'line': self.line,
            'column': self.column,
            'rule': self.rule,
            'hashed_secret': self.hashed_secret,
            'redacted': self.redacted,
            'encoding': self.encoding,
        }
        out.update(self.origin())
        for name in ('author', 'date'):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.verification is not None:
            out['verification'] = self.verification
            if self.verification_reason:
                out['verification_reason'] = self.verification_reason
        return out

    def origin(self) -> dict[str, str]:
        """The report's fields for where in git the key is: ``commit``
        only when it is one; a tag's header or message, or a blob or tree
        a ref reaches through no commit, is ``object`` (its id, or the
        name given) and ``object_type`` (``tag``, ``blob``, ``tree``,
        ``ref``), with the tag's name in ``tag``."""
        return origin_fields(self.commit, self.reached or ('tag' if self.tag is not None else None), self.tag)

    def __repr__(self) -> str:
        return (
            f'Finding({self.path!r}:{self.line}, {self.rule}, '
            f'{self.redacted}, {self.hashed_secret})'
        )


def origin_fields(held_by: str | None, object_type: str | None, tag: str | None) -> dict[str, str]:
    """``Finding.origin``'s fields from what holds the key (``held_by``: an
    object's id or a ref's name; none: no field), what that is (none: a
    commit) and an annotated tag's name: also a scan-org store's row's
    (``org.report``), where '' stands for none."""
    if not held_by:
        return {}
    if not object_type:
        return {'commit': held_by}
    out = {'object': held_by, 'object_type': object_type}
    if tag:
        out['tag'] = tag
    return out
