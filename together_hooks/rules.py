"""The detection rules, as data.

A rule is a small declarative record: what it finds (patterns whose group
``secret`` is the key), which bytes must occur in a file before any of its
patterns is worth running (``keywords``, the prefilter), how random the key
must look (``entropy_floor``), what must sit nearby (``Pattern.near``), where
it never applies (``skip_files``), and its own proof: true-positive and
false-positive samples.  ``tests/rules_test.py`` runs every sample of every
rule.

Samples never hold a literal key (the repo must not carry one).  They are
templates: ``{key}`` stands for a Together key, ``{hex}`` for a legacy key,
``{b64key}`` / ``{b64hex}`` for their base64 encodings, built at test time
from a seeded RNG.  A true-positive sample must yield exactly that key.

To add a rule: append a ``Rule`` to ``RULES`` with its samples; nothing else.
"""
from __future__ import annotations

import re

# Characters that may stand in a Together key (URL-safe base64).
KEY_CHARS = b'A-Za-z0-9_-'
# Where a Together key is rotated (every message that says so links here).
ROTATE_URL = 'https://api.together.xyz/settings/api-keys'


class Pattern:
    """One regex of a rule; its group ``secret`` is the key.

    A pattern may instead (or as another alternative) have a group
    ``encoded``: a base64 token whose decoded bytes must match ``decoded``
    as a whole (its own group ``secret`` is then the key); the finding is
    reported at the token.  A match in which a group ``skip`` took part is
    text consumed and passed over, not a key (``_whole_run``).  ``near``
    must match within ``near_lines`` lines of the key.  ``keyword``, when
    set, is a literal every match holds: a file (or window) without it
    never runs, nor compiles, the regex.
    """

    __slots__ = ('_sources', '_compiled', 'near_lines', 'keyword')

    def __init__(
            self,
            regex: bytes,
            near: bytes | None = None,
            near_lines: int = 0,
            decoded: bytes | None = None,
            keyword: bytes | None = None,
    ) -> None:
        # Each regex is compiled on first use: a hook run whose files hold
        # no keyword (the common commit) compiles none, and a run that finds
        # one key compiles only what judging it needs.
        self._sources = (regex, near, decoded)
        self._compiled: list[re.Pattern[bytes] | None] = [None, None, None]
        self.near_lines = near_lines
        self.keyword = keyword

    def _get(self, i: int) -> re.Pattern[bytes] | None:
        compiled = self._compiled[i]
        if compiled is None and self._sources[i] is not None:
            compiled = self._compiled[i] = re.compile(self._sources[i])
        return compiled

    @property
    def regex(self) -> re.Pattern[bytes]:
        regex = self._get(0)
        assert regex is not None
        return regex

    @property
    def near(self) -> re.Pattern[bytes] | None:
        return self._get(1)

    @property
    def decoded(self) -> re.Pattern[bytes] | None:
        return self._get(2)


class Rule:
    __slots__ = (
        'id', 'description', 'patterns', 'keywords', 'entropy_floor',
        'min_distinct', 'max_run', 'skip_files',
        'true_positives', 'false_positives', 'help', 'window', '_anchor',
    )

    def __init__(
            self, *,
            id: str,
            description: str,
            patterns: tuple[Pattern, ...],
            keywords: tuple[bytes, ...],
            entropy_floor: float,
            min_distinct: int,
            max_run: int,
            help: str,
            true_positives: tuple[str, ...],
            false_positives: tuple[str, ...],
            skip_files: tuple[str, ...] = (),
            window: int | None = None,
            anchor: bytes | None = None,
    ) -> None:
        self.id = id
        self.description = description
        self.patterns = patterns
        self.keywords = keywords
        # Shannon entropy (bits/char) of the key body below which it is a
        # placeholder.  Floors sit well below the minimum seen over 200,000
        # random keys (4.19 for base64url-43, 3.38 for hex-64).
        self.entropy_floor = entropy_floor
        # Placeholder shapes: fewer distinct characters than this, or a run
        # of max_run identical / consecutive characters ("xxxxxx", "abcdef").
        self.min_distinct = min_distinct
        self.max_run = max_run
        # File names (globs with ``*`` only) where the rule never applies.
        self.skip_files = skip_files
        # Run the patterns only within this many bytes of a keyword hit (to
        # the end of that line).  For rules anchored on a common word
        # ("together" is in many docs) this keeps a 400 KB file that merely
        # says "together" from paying for case-insensitive regexes over all
        # of it; every pattern of such a rule must match near a keyword.
        self.window = window
        # With ``window``: a keyword hit opens a window only where this
        # regex matches from the byte before it ("together" as a word in
        # prose or in sympy's ``together()`` opens none).
        self._anchor: bytes | re.Pattern[bytes] | None = anchor
        self.help = help
        self.true_positives = true_positives
        self.false_positives = false_positives

    @property
    def anchor(self) -> re.Pattern[bytes] | None:
        if isinstance(self._anchor, bytes):  # compiled on first use, as patterns are
            self._anchor = re.compile(self._anchor)
        return self._anchor


# Where a legacy key is named: TOGETHER_API_KEY, TOGETHER_AI_API_KEY,
# TOGETHERAI_API_KEY, together_api_key, together.api_key, togetherApiKey,
# together-api-key (CLI flags) ...; or a Together client built with it
# (``Together(``, ``ChatTogether(``, ``TogetherLLM(``), its key argument
# anywhere among the call's arguments.
_LEGACY_NAME = (
    rb'(?:(?i:together(?:[_.-]?ai)?[_.-]?api[_.-]?key)'
    rb'|Together\w{0,16}\s{0,32}\([^()]{0,200}?\b(?:api_key|apiKey))'
)
# Between the name and the value: closing quotes/brackets, a type annotation
# (``: string`` in TS, ``: str`` in Python), one assignment or argument
# separator, an optional YAML/Terraform ``value:``/``default =`` on a later
# line (Kubernetes env lists; Terraform variables, whose ``type``,
# ``description`` and ``sensitive`` usually come first), opening quote.
_LEGACY_ASSIGN = (
    rb'["\'`\]\)\s{]{0,8}(?::[ \t]{0,32}(?:str|string)[ \t]{0,32})?'
    rb'(?:=>|:=|\?=|[=:,])?[ \t]{0,32}'
    rb'(?:(?:\r?\n[ \t]{0,32}(?:type|description|sensitive|nullable)[ \t]{0,32}='
    rb'[^\r\n]{0,200}){0,4}'
    rb'\r?\n[ \t-]{0,32}(?:value|default)[ \t]{0,32}[=:][ \t]{0,32})?'
    rb'["\'`]?'
)


def _whole_run(group: bytes, prefix: bytes, body: bytes, chars: bytes) -> bytes:
    """Group ``group``: ``prefix`` + ``body`` where the run of ``chars`` ends
    right after it; else the rest of that run, as group ``skip``, so the
    search goes on after the run instead of retrying at each ``prefix``
    inside it (10 MB of ``tgp_v1_`` repeated: 0.01 s, not 0.15 s).  The
    lookahead-and-backreference consumes the run without backtracking
    (what ``*+`` does from Python 3.11).  ``prefix`` stays a literal
    prefix of the whole regex, which re searches for quickly."""
    return (
        b'(?P<' + group + b'>' + prefix
        + b'(?:' + body + b'(?![' + chars + b'])'
        + b'|(?=(?P<skip>[' + chars + b']*))(?P=skip)))'
    )


# Placeholders in the shape of a key (people paste them into docs and
# templates).  Built by concatenation so the repository holds no literal
# format-valid key, not even a fake one.
PLACEHOLDER_KEYS = (
    'tgp_v1_' + 'x' * 43,
    'tgp_v1_' + 'X' * 43,
    'tgp_v1_' + '0' * 43,
    'tgp_v1_' + 'abcdefghijklmnopqrstuvwxyz' + 'ABCDEFGHIJKLMNOPQ',
    'tgp_v1_' + 'your_together_api_key_here_' + '0123456789abcdef',
    'tgp_v1_' + 'REPLACE_WITH_YOUR_TOGETHER_AI_' + 'API_KEY_12345',
)

TOGETHER_API_KEY = Rule(
    id='together-api-key',
    description='Together AI API key (tgp_v1_...)',
    help=(
        f'A Together AI API key. Rotate it at {ROTATE_URL}, update your '
        'environment, revoke the old key, and remove it from git history '
        'if it was ever committed.'
    ),
    # The left boundary (not touching another key character, but allowed
    # after an escape such as a literal "\n") is checked in detect/engine.py: a
    # lookbehind in front of the literal would defeat re's prefix search.
    patterns=(
        Pattern(_whole_run(b'secret', b'tgp_v1_', b'[' + KEY_CHARS + b']{43}', KEY_CHARS),
                keyword=b'tgp_v1_'),
        # The whole value base64-encoded (Kubernetes Secret ``data:``,
        # ``echo $KEY | base64``): "dGdwX3Yx" is base64 for "tgp_v1".
        Pattern(_whole_run(b'encoded', b'dGdwX3Yx', b'[A-Za-z0-9+/_-]{58,64}={0,2}',
                           b'A-Za-z0-9+/=_-'),
                decoded=rb'(?P<secret>tgp_v1_[' + KEY_CHARS + rb']{43})\s*\Z',
                keyword=b'dGdwX3Yx'),
    ),
    keywords=(b'tgp_v1_', b'dGdwX3Yx'),
    entropy_floor=4.0,
    min_distinct=16,
    max_run=6,
    true_positives=(
        '{key}',
        'TOGETHER_API_KEY={key}',
        'export TOGETHER_API_KEY="{key}"',
        "client = Together(api_key='{key}')",
        'const together = new Together({{ apiKey: "{key}" }});',
        '{{"cells": [{{"source": ["print(1)\\n{key}\\n"]}}]}}',
        '"{key}",',
        'f({key})',
        'https://example.com/?key={key}&x=1',
        'key={key};',
        '`{key}`',
        'token: {key}\r',
        'a "\\t{key}" b',
        'api_key%3D{key}',
        'TOGETHER_API_KEY: {b64key}',
        '  together: {b64key}',
        "key = '{key}'",
        'print("{key}")',
        '<key>{key}</key>',
        '{{"source": "import os\\n{key}"}}',
        'x = "{key}"  # pragma: allowlist nextline secret',
    ),
    false_positives=(
        *PLACEHOLDER_KEYS,
        'TOGETHER_API_KEY=tgp_v1_<your-key>',
        'TOGETHER_API_KEY=tgp_v1_...',
        'TOGETHER_API_KEY=${{TOGETHER_API_KEY}}',
        'api_key=os.environ["TOGETHER_API_KEY"]',
        'apiKey: process.env.TOGETHER_API_KEY',
        'x{key}',
        '{key}x',
        '-{key}',
        '{key}_',
        'tgp_v2_{key}',
        'key_{key}',
        '{key}A',
        'abc{key}',
        '{key}-',
        'x = "{key}"  # pragma: allowlist secret',
        'x = "{key}"  // gitleaks:allow',
        '# pragma: allowlist nextline secret\nx = "{key}"',
    ),
)

TOGETHER_LEGACY_API_KEY = Rule(
    id='together-legacy-api-key',
    description='Together AI legacy API key (64 hex, named as a Together key)',
    help=TOGETHER_API_KEY.help,
    patterns=(
        # Named as a Together key, or the same base64-encoded as a whole
        # value (Kubernetes Secrets): one regex, so the long name-and-
        # assignment part is compiled and run once.
        Pattern(_LEGACY_NAME + _LEGACY_ASSIGN
                + rb'(?:(?P<secret>[0-9a-f]{64})(?![0-9A-Za-z_-])'
                rb'|(?P<encoded>[A-Za-z0-9+/]{86,88}={0,2})(?![A-Za-z0-9+/=_-]))',
                decoded=rb'(?P<secret>[0-9a-f]{64})\s*\Z'),
        # A Bearer header sent to the Together API; the URL may be a few
        # lines away (curl continuation lines, a url variable above).
        Pattern(rb'Bearer[ \t]{1,32}(?P<secret>[0-9a-f]{64})(?![0-9A-Za-z_-])',
                near=rb'api\.together\.(?:xyz|ai)\b', near_lines=3,
                keyword=b'Bearer'),
        # Nested config: ``api_key`` under a ``together:`` YAML mapping, a
        # ``[together]`` TOML/INI section or a ``"together": {`` JSON object
        # a few lines above.
        Pattern(rb'(?<![A-Za-z0-9_])["\']?(?:api_key|apiKey|api-key|key)["\']?'
                rb'[ \t]{0,32}[:=][ \t]{0,32}["\']?'
                rb'(?P<secret>[0-9a-f]{64})(?![0-9A-Za-z_-])',
                near=rb'(?im)^[ \t]*(?:\[[ \t]*(?:[\w.-]+\.)?together(?:ai)?[ \t]*\]'
                     rb'|["\']?together(?:ai)?["\']?[ \t]*[:=][ \t]*\{?[ \t]*\r?$)',
                near_lines=4),
    ),
    keywords=(b'ogether', b'OGETHER'),
    window=4096,
    # Where a pattern of this rule can start, or what its context needs:
    # a Together key name, a Together client call, the API host, or a
    # ``together`` config heading (``together:``, ``[together]``).
    anchor=(
        rb'(?:(?i:together)(?:(?i:[_.-]?ai)?(?i:[_.-]?api)|\.(?:xyz|ai)\b'
        rb'|(?i:ai)?["\'`]?\]?[ \t]{0,32}[:=\]{])'
        rb'|Together\w{0,16}\s{0,32}\()'
    ),
    entropy_floor=3.0,
    min_distinct=10,
    max_run=8,
    # Lockfiles and checksum lists are full of SHA-256 digests; a package
    # named "together" in them must never turn a digest into a "key".
    skip_files=(
        '*.lock', 'package-lock.json', 'npm-shrinkwrap.json',
        'pnpm-lock.yaml', 'go.sum', '*.sha256', '*.sha256sum',
        'SHA256SUMS', 'SHA256SUMS.txt', '*checksums*.txt',
    ),
    true_positives=(
        'together:\n  model: mixtral\n  api_key: {hex}',
        '[together]\napi_key = "{hex}"',
        '[providers.together]\nbase_url = "https://api.together.xyz"\napi_key = "{hex}"',
        '{{\n  "together": {{\n    "apiKey": "{hex}"\n  }}\n}}',
        'TOGETHER_API_KEY={hex}',
        'export TOGETHER_API_KEY={hex}',
        "TOGETHER_AI_API_KEY='{hex}'",
        'TOGETHERAI_API_KEY="{hex}"',
        'togetherai_api_key = "{hex}"',
        'together_api_key: {hex}',
        'together.api_key = "{hex}"',
        'os.environ["TOGETHER_API_KEY"] = "{hex}"',
        'os.environ.setdefault("TOGETHER_API_KEY", "{hex}")',
        "const togetherApiKey = '{hex}';",
        'process.env.TOGETHER_API_KEY = "{hex}";',
        '{{"TOGETHER_API_KEY": "{hex}"}}',
        '[together]\ntogether_api_key = {hex}',
        'variable "together_api_key" {{\n  default = "{hex}"\n}}',
        'env:\n  - name: TOGETHER_API_KEY\n    value: "{hex}"',
        'client = Together(api_key="{hex}")',
        'new Together({{ apiKey: "{hex}" }})',
        'run --together-api-key {hex}',
        'curl https://api.together.xyz/v1/chat/completions \\\n'
        '  -H "Authorization: Bearer {hex}"',
        'url = "https://api.together.ai/v1/models"\n'
        'headers = {{"Authorization": "Bearer {hex}"}}',
        'data:\n  TOGETHER_API_KEY: {b64hex}',
        'const togetherApiKey: string = "{hex}";',
        'export const TOGETHER_API_KEY: string = "{hex}";',
        'TOGETHER_API_KEY: str = "{hex}"',
        'variable "together_api_key" {{\n  type        = string\n'
        '  description = "Together AI key"\n  sensitive   = true\n'
        '  default     = "{hex}"\n}}',
        'together_api_key = "{hex}"\r\n',
        'TOGETHER_API_KEY: "{hex}"',
        'llm = ChatTogether(model="m", api_key="{hex}")',
        'client = Together(\n    base_url="https://example.com/v1",\n'
        '    api_key="{hex}",\n)',
        'TogetherLLM(model="m", api_key="{hex}")',
        'TOGETHER_API_KEY ?= {hex}',
    ),
    false_positives=(
        'openai:\n  api_key: {hex}',
        '[openai]\napi_key = "{hex}"',
        'together:\n  model: a\n  b: 1\n  c: 2\n  d: 3\n  e: 4\n  f: 5\n  api_key: {hex}',
        '# work together\nsha = {hex}',
        'TOGETHER_API_KEY=${{TOGETHER_API_KEY}}',
        'TOGETHER_API_KEY=os.environ["TOGETHER_API_KEY"]',
        'TOGETHER_API_KEY=0000000000000000000000000000000000000000',
        'TOGETHER_API_KEY=' + '0' * 64,
        'TOGETHER_API_KEY=' + '0123456789abcdef' * 4,
        'TOGETHER_API_KEY=<your-key>',
        'TOGETHER_API_KEY=key_{hex}',
        'TOGETHER_API_KEY={hex}ff',
        'TOGETHER_API_KEY={HEX}',
        'sha256 = "{hex}"  # together',
        'together==1.3.0 --hash=sha256:{hex}',
        'image: together/server@sha256:{hex}',
        '{{file = "together-1.3.0.tar.gz", hash = "sha256:{hex}"}}',
        'curl https://example.com/ -H "Authorization: Bearer {hex}"',
        '{hex}  together-1.3.0.tar.gz',
        'OTHER_API_KEY={hex}  # not together',
        '"together": {{"hashes": ["sha256:{hex}"], "version": "==1.3.0"}}',
        'together==1.3.0 \\\n    --hash=sha256:{hex}',
        'FROM together/server@sha256:{hex}',
        'SHA256 (together-1.3.0.tar.gz) = {hex}',
        'TOGETHER_API_KEY={hex}  # pragma: allowlist secret',
        'TOGETHER_API_KEY_SHA256={hex}',
        'together_api_key_hash: "{hex}"',
        'Together(model="m")\nOpenAI(api_key="{hex}")',
        'Together(openai_api_key="{hex}")',
    ),
)

RULES: tuple[Rule, ...] = (TOGETHER_API_KEY, TOGETHER_LEGACY_API_KEY)
RULES_BY_ID = {rule.id: rule for rule in RULES}
