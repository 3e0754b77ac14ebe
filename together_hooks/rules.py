"""The detection rules, as data.

A rule is a small declarative record: what it finds (patterns whose group
``secret`` is the key), which bytes must occur in a file before any of its
patterns is worth running (``keywords``, the prefilter), how random the key
must look (``entropy_floor``), what context must hold (``Pattern.context``), where
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

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re

# Characters that may stand in a Together key (URL-safe base64).
KEY_CHARS = b'A-Za-z0-9_-'
# A current key: this prefix, then key characters, this many in all.
KEY_PREFIX = b'tgp_v1_'
KEY_LENGTH = 50
# Where a Together key is rotated (every message that says so links here).
ROTATE_URL = 'https://api.together.xyz/settings/api-keys'
# What rotating a key is, in the order that keeps everything working.
ROTATE_STEPS = 'create a new key, update your environment, verify it, then revoke the old one'


def rotate_at(what: str = 'it', verb: str = 'rotate') -> str:
    """How every message says to rotate ``what``: where, and the steps in
    their order (revoking first would break whatever still uses the key);
    ``verb='Rotate'`` starts a sentence."""
    return f'{verb} {what} at {ROTATE_URL} ({ROTATE_STEPS})'


def _compile(source: bytes) -> re.Pattern[bytes]:
    from together_hooks import regex_cache  # only a file with a keyword compiles

    return regex_cache.compile(source)


# A bare name (``key``, ``token``, ``secret``) qualified in prose by the
# word right before it, one blank between, is named by the two words
# (``cache key <hex>`` is a cache's key as ``cache_key`` is; so are
# ``session token``, ``public key``, ``signing secret``): a word naming
# another purpose (``NON_KEY_PURPOSE``), or two words a kind of name
# rules out, make it no key.  ``api key <hex>`` stays a key's name.
_PROSE_QUALIFIER = rb'(?<![\w.-])[A-Za-z][\w-]{0,39}[ \t]\Z'
_QUALIFIER_REGEXES: list[re.Pattern[bytes]] = []


def _qualifier_regexes() -> list[re.Pattern[bytes]]:
    """The prose qualifier's regexes, compiled on first use (or by
    ``engine.prepare``, through ``Pattern.contexts``)."""
    if not _QUALIFIER_REGEXES:
        _QUALIFIER_REGEXES.extend((_compile(_PROSE_QUALIFIER), _compile(NON_KEY_PURPOSE)))
    return _QUALIFIER_REGEXES


def _qualified_away(m: re.Match[bytes], name: bytes, by_name: list) -> bool:
    start = m.start('name')
    if not start or m.string[start - 1] not in b' \t' or not name.isalpha():
        return False
    qualifier, purpose = _qualifier_regexes()
    word = qualifier.search(m.string, max(0, start - 41), start)
    if word is None:
        return False
    if purpose.search(word.group()):
        return True
    joined = word.group()[:-1] + b'_' + name
    # (the last kind takes every name: ``monkey``; not a purpose)
    for regex, context in by_name[:-1]:
        if context is None and (_compile(regex) if isinstance(regex, bytes) else regex).fullmatch(joined):
            return True
    return False


class Pattern:
    """One regex of a rule; its group ``secret`` is the key.

    A pattern may instead (or as another alternative) have a group
    ``encoded``: a base64 token whose decoded bytes must match ``decoded``
    as a whole (its own group ``secret`` is then the key); the finding is
    reported at the token.  A match in which a group ``skip`` took part is
    text consumed and passed over, not a key (``_whole_run``).  ``context``
    (a ``Context``) must hold in the structure around the key: for keys
    under a generic name.  ``keyword``, when set, is a literal every match
    holds: a file (or window) without it never runs, nor compiles, the
    regex.  ``by_name``: (regex, context) pairs; the first regex matching
    the whole of group ``name`` picks the context instead (None: not a
    key), so one regex serves names of several kinds.  ``veto_before``:
    a regex that, found ending where the match starts (on its line), says
    the name is not the key's (``sha256(TOGETHER_API_KEY) = <digest>``).
    ``before``: a regex that must be found ending where the match starts
    (``\\Z`` there), within ``engine._BEFORE_REACH`` bytes before it: what
    a match needs above it that a regex may not consume (a list's name
    above each of its items: matches do not overlap, so a regex that
    consumed the name would find one item of the list); ``before_words``:
    lower-case words at one of which every match of ``before`` starts
    (the engine tries it only there); ``before_reach``: how far before
    the match a ``before`` that is shorter than ``engine._BEFORE_REACH``
    can start (a line's command: fewer of its words tried a match).  ``csv_column``:
    (header, names, user, title, veto, owner), six ``str`` regexes: the key is a
    whole field of a CSV (TSV, ``|`` table) row one of whose fields ``names`` matches, under
    a header whose field of that column ``header`` matches whole, with a
    field ``user`` and one ``title`` match whole and none ``veto`` finds,
    or a field ``owner`` matches whole over the row's field naming Together
    (``detect.csvrow``).
    """

    __slots__ = ('_sources', '_compiled', 'context', 'keyword', '_by_name', '_csv_column', 'before_words', 'before_reach')

    def __init__(
            self,
            regex: bytes,
            context: Context | None = None,
            decoded: bytes | None = None,
            keyword: bytes | None = None,
            by_name: tuple[tuple[bytes, Context | None], ...] = (),
            veto_before: bytes | None = None,
            before: bytes | None = None,
            csv_column: tuple[str, ...] | None = None,
            before_words: tuple[bytes, ...] = (),
            before_reach: int | None = None,
    ) -> None:
        # Each regex is compiled on first use: a hook run whose files hold
        # no keyword (the common commit) compiles none, and a run that finds
        # one key compiles only what judging it needs.
        self._sources = (regex, decoded, veto_before, before)
        self._compiled: list[re.Pattern[bytes] | None] = [None, None, None, None]
        self._csv_column: tuple[str, ...] | tuple[re.Pattern[str], ...] | None = csv_column
        self.before_words = before_words
        self.before_reach = before_reach
        self.context = context
        self.keyword = keyword
        # (regex, context) pairs: the first regex matching the whole of the
        # match's group ``name`` picks the context the key must hold in
        # (None: the name rules it out).  One regex finds every such name;
        # telling them apart only on a match is far cheaper than one
        # regex per kind of name over every window.
        self._by_name: list[tuple[bytes | re.Pattern[bytes], Context | None]] = list(by_name)

    def context_for(self, m: re.Match[bytes]) -> Context | None | bool:
        """The context a match's key must hold in; False when its name
        rules it out."""
        by_name = self._by_name
        if by_name:
            name = m.group('name')
            for i, (regex, context) in enumerate(by_name):
                if isinstance(regex, bytes):
                    regex = _compile(regex)
                    by_name[i] = (regex, context)
                if regex.fullmatch(name):
                    if context is not None and _qualified_away(m, name, by_name):
                        return False
                    return False if context is None else context
        return self.context

    def contexts(self) -> list[Context]:
        """Every context a key of this pattern may be judged in (its own
        and its names'), each name regex compiled now (``engine.prepare``:
        before a scan forks)."""
        from together_hooks import regex_cache

        found = [] if self.context is None else [self.context]
        by_name = self._by_name
        if by_name:
            _qualifier_regexes()
        for i, (regex, context) in enumerate(by_name):
            if isinstance(regex, bytes):
                by_name[i] = (regex_cache.compile(regex), context)
            if context is not None:
                found.append(context)
        return found

    def _get(self, i: int) -> re.Pattern[bytes] | None:
        compiled = self._compiled[i]
        if compiled is None and self._sources[i] is not None:
            compiled = self._compiled[i] = _compile(self._sources[i])
        return compiled

    @property
    def regex(self) -> re.Pattern[bytes]:
        regex = self._get(0)
        assert regex is not None
        return regex

    @property
    def decoded(self) -> re.Pattern[bytes] | None:
        return self._get(1)

    @property
    def veto_before(self) -> re.Pattern[bytes] | None:
        return self._get(2)

    @property
    def before(self) -> re.Pattern[bytes] | None:
        return self._get(3)

    @property
    def csv_column(self) -> tuple[re.Pattern[str], ...] | None:
        regexes = self._csv_column
        if regexes is not None and isinstance(regexes[0], str):
            from together_hooks import regex_cache

            regexes = self._csv_column = tuple(regex_cache.compile(r) for r in regexes)  # type: ignore[arg-type]
        return regexes  # type: ignore[return-value]


class Context:
    """Together context for a key under a generic name, as data; the
    structure walk that applies it is ``detect``'s.

    ``mention``: found anywhere in a structure around the key (the
    endpoint, a provider field).  ``label``: ends a structure's heading
    (``together:``, ``"Together": {``, ``[together]``).  ``url``: an
    endpoint a name may be bound to (``URL = "https://api.together.xyz"``,
    the request then uses ``URL``).  ``reach``: bytes looked at on either
    side of the key, the most any structure may span.  ``statements``:
    whether, when no structure around the key answers, the statements
    near it count (a flat ``.env`` or script); a ``JWT_SECRET`` in a
    ``.env`` that also holds Together's URL is not Together's.
    ``scope``: what around the key may answer: ``structure``, Together
    context anywhere in a structure around it; ``heading``, only a
    Together heading or the name's own flat group (a ``SESSION_SECRET``
    in a Compose ``environment:`` block beside Together's URL is not
    Together's); ``group``, only the flat group (``LLM_KEY`` beside
    ``LLM_URL``; a ``cache_key`` under ``together:`` is not a key);
    ``named``, the pattern's match is Together context in itself and only
    ``veto`` is checked; ``field``, only ``mention`` in the key's line or
    the one structure right around it; ``parent``, the nearest structure
    around the key, inner first, skipping ``own`` (the list's:
    ``keys:``): one naming Together, by its label or a ``mention`` in
    it, answers yes (``together:`` then ``prod:`` then ``keys:``), one
    named for ``purpose`` or another provider, or holding another
    destination, answers no (``together:`` then ``cache:`` then ``keys:``).  ``own``: a regex matching the whole of a name that is
    the key's own list's (``scope='parent'``).  ``purpose``: a regex
    found in a parent's name that says its keys are no credentials
    (``cache``): the nearest such parent answers no (``scope='parent'``).  ``veto``: a heading under which 64-hex values
    are digests (``checksums:``, ``EXPECTED_SHA256 = {``), checked on the
    innermost heading.  ``field_veto`` (``veto`` unless given): a field
    name beside the key in its own object that says the object is no
    credential (``"sha256":``; not ``"revision":``, the key's metadata).  ``section_reach``: how far above a key a Markdown
    heading may hold it in its section (a team wiki's ``## Together AI``
    over many entries), past ``reach``.  ``structure_label``: a label
    (``together:``, ``"together": {``, ``[together]``) whose whole
    structure, however long, holds the context: to its matching bracket,
    the end of its indented block or the next section, found by one
    forward scan (``detect.context.Scopes``) up to ``STRUCTURE_REACH``
    bytes; it answers only where nothing within ``reach`` decided.
    """

    __slots__ = (
        'mention', 'label', 'url', 'reach', 'statements', 'scope', 'veto', 'field_veto', 'own', 'purpose',
        'section_reach', 'structure_label',
    )

    def __init__(
            self, *, mention: bytes, label: bytes, url: bytes, reach: int, statements: bool = True,
            scope: str = 'structure', veto: bytes | None = None, own: bytes | None = None,
            purpose: bytes | None = None, section_reach: int = 32 << 10,
            structure_label: bytes | None = None, field_veto: bytes | None = None,
    ) -> None:
        self.mention = mention
        self.label = label
        self.url = url
        self.reach = reach
        self.statements = statements
        self.scope = scope
        self.veto = veto
        self.field_veto = veto if field_veto is None else field_veto
        self.own = own
        self.purpose = purpose
        self.section_reach = section_reach
        self.structure_label = structure_label


class Rule:
    __slots__ = (
        'id', 'description', 'patterns', 'keywords', 'entropy_floor',
        'min_distinct', 'max_run', 'skip_files', 'classes', '_value', 'value_reach', 'value_run',
        'b64_keywords', 'b32_keywords', 'b85_keywords', 'escape_marks',
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
            classes: tuple[str, ...] = (),
            value: bytes | None = None,
            value_reach: int = 0,
            value_run: tuple[bytes, int] | None = None,
            b64_keywords: tuple[bytes, ...] = (),
            b32_keywords: tuple[bytes, ...] = (),
            b85_keywords: tuple[bytes, ...] = (),
            escape_marks: tuple[bytes, ...] = (),
    ) -> None:
        self.id = id
        self.description = description
        self.patterns = patterns
        self.keywords = keywords
        # Shannon entropy (bits/char) of the key body below which it is a
        # placeholder.  Floors sit where a random key falls below them less
        # often than once in 1e9 (3.9 for base64url-43, 3.0 for hex-64).
        self.entropy_floor = entropy_floor
        # Placeholder shapes: fewer distinct characters than this, or a run
        # of max_run identical / consecutive characters, case ignored
        # ("xxxxxxxxx", "abcdefghi"), as rare in a random key.
        self.min_distinct = min_distinct
        self.max_run = max_run
        # Character classes a real key holds: a 43-character random body
        # lacks upper or lower case letters with odds near 1e-10, a typed
        # placeholder ("thisisnotarealkey...", "ABC123DEF...") usually does.
        self.classes = classes
        # Every match of the rule's patterns ends in a ``value`` (its key,
        # raw or encoded) and starts at most ``value_reach`` bytes before
        # it: the patterns run only there.  Finding 64-hex runs is far
        # cheaper than running name and context regexes over every window
        # a common word like "together" opens.
        self._value: bytes | re.Pattern[bytes] | None = value
        self.value_reach = value_reach
        # (characters, n): every match of ``value`` holds n consecutive
        # bytes of these characters (a ``re`` character set's inside), so a
        # stretch without such a run is passed over with one ``translate``
        # and one ``in`` (``tests/rules_test.py`` checks it on the samples).
        self.value_run = value_run
        # Each keyword as it looks inside base64, at the 3 byte alignments
        # (``detect.codec.b64_forms``, checked by tests/rules_test.py): where
        # one occurs, the base64 around it is decoded and scanned.  Written
        # out so a hook run computes (and imports) nothing for them.
        self.b64_keywords = b64_keywords
        # The text keywords (a key's prefix, a Together name) as they look
        # inside base32 (RFC 4648's upper-case alphabet), at those of the 5
        # byte alignments whose form holds an anchor of the keyword screen
        # (``detect.codec.b32_forms``, checked by tests/rules_test.py):
        # where one occurs, the base32 around it is decoded and scanned.
        self.b32_keywords = b32_keywords
        # And inside base85 (Python's ``b85encode``, git's alphabet): a
        # group of 4 of the keyword's bytes, one for each of the 4
        # alignments (``detect.codec.b85_forms``), those holding an anchor.
        self.b85_keywords = b85_keywords
        # What a keyword written with some of its characters escaped
        # (``tgp%5Fv1%5F``, ``\\u0074gp_v1_``, every character ``&#NN;``)
        # still holds (``detect.codec.escape_marks``, checked by
        # tests/rules_test.py): where one occurs, the escapes around it are
        # undone and the keyword looked for again.  Written out, as the
        # base64 forms are.
        self.escape_marks = escape_marks
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
    def value(self) -> re.Pattern[bytes] | None:
        if isinstance(self._value, bytes):
            self._value = _compile(self._value)
        return self._value

    @property
    def anchor(self) -> re.Pattern[bytes] | None:
        if isinstance(self._anchor, bytes):  # compiled on first use, as patterns are
            self._anchor = _compile(self._anchor)
        return self._anchor


# Where a legacy key is named: TOGETHER_API_KEY, TOGETHER_KEY, TOGETHER_TOKEN,
# TOGETHER_API_TOKEN, TOGETHER_SECRET_KEY, TOGETHER_AI_API_KEY,
# TOGETHERAI_API_KEY, together_api_key, together.api_key, togetherApiKey,
# TogetherApiKey, together-api-key (CLI flags), Together:ApiKey (.NET
# configuration keys), TOGETHER__APIKEY (.NET environment) ...: any case,
# any of ``_ . : / -`` (one or two) between the words (``/``: a parameter
# or Vault path, ``/prod/together/api_key``); or a Together client
# built with it (``Together(``, ``ChatTogether(``, ``TogetherLLM(``,
# ``together.NewClient(``, ``Together::Client.new(``, PHP's
# ``new \Together\Client(``), its key argument
# anywhere among the call's arguments (together-go's
# ``option.WithAPIKey(<key>)``) or first.  A ``_B64``/``_BASE64``
# suffix names the same key, encoded, and so does ``_HEX`` (its
# characters as hex text, ``TOGETHER_API_KEY_HEX=3165…``, read near the
# name; a legacy key is hex itself).
_SEP = rb'[_.:/ -]{0,2}'
# The quotes a value opens with: a string prefix (Python's ``f``/``r``/``b``,
# C#'s ``@``/``$``), a quote, maybe escaped or doubled (a Gradle
# ``buildConfigField(..., "\\"<key>\\"")``), or a triple quote and a line
# break (TOML and Python multi-line strings).
_QUOTE = rb'(?:[rbfuRBFU@$]{1,2}(?=["\'`]))?(?:(?:"""|\'\'\')(?:\r?\n)?|(?:\\?["\'`]){0,2})'
# Or the two words as two string arguments, a section or service and its
# option (configparser's ``config.set("together", "api_key", <key>)``,
# ``keyring.set_password("together", "api_key", <key>)``), the first a
# bare name right after the call's parenthesis (``setattr(together,
# "api_key", <key>)``), or a call naming Together, then a setter chained
# on it (``Preferences.userRoot().node("together").put("api_key", <key>)``).
# The second string is then an argument too, a comma after it (in JSON's
# ``{"name":"together","key":<hex>}`` the second string is another field's
# name, not half of this one).  Or a subscript's joint, the two words as
# two keys of nested mappings (``config["together"]["api_key"]``, PHP's
# ``$config['together']['api_key']``, Chef's and Ruby's
# ``default[:together][:api_key]``).
_ARG_SEP = (
    rb'(?:' + _SEP + rb'|(?P<argsep>(?:["\']|(?<=\(together)|(?<=\([ \t]together)|(?<=\([ \t]{2}together))[ \t]{0,8},[ \t]{0,8}["\']'
    rb'|["\']\)[ \t]{0,4}\.(?:put|set|store)[ \t]{0,4}\([ \t]{0,4}["\'])'
    rb'|["\']?\][ \t]{0,4}\[:?["\']?)'
)
# A team keeps more than one: a stage, a rotation or a number qualifies the
# name, before the key word or after it (TOGETHER_API_KEY_PROD,
# TOGETHER_STAGING_API_KEY, TOGETHER_API_KEY_OLD, TOGETHER_API_KEY_2, _V2).  Only
# these words: TOGETHER_API_KEY_SHA256 or a together_cache_key holds a digest.
_QUALIFIER = (
    rb'(?:prod(?:uction)?|dev(?:elopment)?|stag(?:e|ing)|test(?:ing)?|ci|qa|uat|local'
    rb'|live|old|new|prev(?:ious)?|backup|primary|secondary|alt|legacy|personal|unencrypted|v?\d{1,2})'
)
# A parent's name saying its keys serve a purpose other than a credential
# (searched in each name, each part of a dotted one): a cache's,
# an idempotency or dedup store's, a lock's, a session's, a page cursor's,
# a digest's, a signing or encryption key's, a public one's, a database
# index's.  ``together:`` then ``cache:`` then ``key:`` holds a cache's
# sha256; ``together:`` then ``prod:`` then ``key:`` a Together key.
# (the samples: ``TOGETHER_LEGACY_API_KEY``'s, ``together:\n  cache:``)
NON_KEY_PURPOSE = (
    rb'(?i:cach|idempoten|dedup|nonce|cursor|paginat|e-?tag|hash|checksum|digest|fingerprint'
    rb'|integrity|salt|signing|signature|encrypt|cipher|partition'
    rb'|(?<![a-z])(?:locks?|sessions?|pages?|sort|index(?:es)?|shards?|ssh|gpg|pgp|public|sha-?\d{0,3}|md5)(?![a-z]))'
)
# What every name of a mapping of keys by provider implies (the second
# branch of ``_LEGACY_NAME``): a run of at most 46 word characters (the
# longest such name: 30 of a prefix, ``_``, ``api_``, ``credentials``),
# then ``[`` or ``.`` and the provider.  Asked before the purpose test,
# which walks 30 characters through ~25 alternatives at each word's start
# and was most of that pattern's cost on text saying "together"
# (docs/performance.md, "Issue 17, session 33 (perfT33)"); it changes no
# match (``tests/rules_test.py`` holds the two to the same matches).
_MAPPING_GATE = rb'(?=\w{1,46}[\[.](?i::?["\']?together))'
# The words that make a key word a credential's (``env.values._KEY_WORD``'s
# first part: ``apiKey``, ``accessToken``, ``authToken``, ``secretKey``).
_KEY_HOLDER = rb'(?:api|access|auth|secret)'
# Prose names the provider after the key word too (``the key for
# together:``, ``API key for Together AI -``, ``key (together):``), or as
# the owner (``Together's API key:``).
_LEGACY_NAME = (
    rb'(?:(?<![\w-])(?i:(?:api[ _-]?)?(?:key|token)(?:[ \t]{1,4}(?:for|of)[ \t]{1,4}(?:the[ \t]{1,4})?'
    rb'together(?:[ _-]?ai)?(?![\w-])|[ \t]{0,4}\([ \t]{0,4}together(?:[ _-]?ai)?[ \t]{0,4}\)'
    # (the provider after the key word, as one name: SillyTavern's
    # ``api_key_togetherai``, ``API_KEY_TOGETHER``; or as the last part
    # of a dotted or colon-joined one, a per-provider setting:
    # ``"codegpt.apiKey.Together"``, .NET's ``ApiKey:Together``)
    # (not one going on after a dot or colon: ``apiKey.together.sha256``)
    rb'|[_-]together(?:[_-]?ai)?(?![\w-]|[.:]\w)))'
    # (fp37: joined by a dot or colon, the part before Together's a
    # key-holding name in the key-name grammar's words, ``env.values``'
    # ``_KEY_WORD``: api, access, auth or secret before key, token or
    # secret; a bare ``token`` or ``secret`` only as the name's first
    # part.  A bare ``key``, or a bare word after another part, names a
    # cache's, a catalogue's or a lexer's entry: ``"cache.key.together"``,
    # ``"i18n.key.Together"``, ``"lexer.token.together"``)
    rb'|(?<![\w-])(?i:(?:' + _KEY_HOLDER + rb'[ _-]?(?:key|token|secret)s?|(?<![.:])(?:token|secret)s?)'
    rb'[.:]together(?:[_-]?ai)?(?![\w-]|[.:]\w))'
    # (a mapping of keys by provider, one key by subscript or attribute:
    # ``api_keys["together"] =``, Ruby's ``CREDENTIALS[:together] =``,
    # ``apiKeys.together =``)
    # (not a mapping named for another purpose: ``cache_keys``, ``sha256_keys``)
    # (``_MAPPING_GATE`` first: the purpose test is the costly part)
    rb'|(?<![\w-])' + _MAPPING_GATE + rb'(?!\w{0,30}?' + NON_KEY_PURPOSE + rb')'
    rb'(?:(?i:(?:[a-z0-9]{1,30}_)?(?:api_?)?(?:keys|secrets|tokens|credentials|creds))'
    rb'|[a-z]{1,30}(?:Keys|Secrets|Tokens|Credentials|Creds))'
    rb'(?:\[:?["\']?|\.)(?i:together(?:[_-]?ai)?)(?![\w-])'
    rb'|(?i:together(?:\'s)?' + _ARG_SEP + rb'(?:ai(?:\'s)?' + _SEP + rb')?'
    rb'(?:' + _QUALIFIER + rb'[_.-](?=api))?(?:api' + _SEP + rb')?'
    rb'(?:keys?|token|secret(?:' + _SEP + rb'key)?)(?:[_.-]?(?:b64|base64)(?:[_-]?url)?|[_.-]hex)?'
    rb'(?:[_.-]' + _QUALIFIER + rb'(?![\w]))?(?(argsep)(?=["\'][ \t]{0,8},)))'
    # (prose naming the provider, then the key it is used with: ``call
    # the model from Together with this key:``)
    # (the provider's name, not the English word: ``Together`` or
    # ``together.ai``, and a colon after: ``stored together with the key``
    # names none)
    rb'|(?:Together|(?i:together[ _.-]?ai))[ \t]{1,4}(?i:(?:with|using|via)[ \t]{1,4}(?:this|that|the|my|our)[ \t]{1,4}(?:api[ \t]{1,4})?(?:key|token))(?![\w-])(?=[ \t]{0,4}:)'
    rb'|(?:Together(?!\w{0,16}?(?i:hash|digest|sha\d|md5|checksum|fingerprint))\w{0,16}(?:(?:\.|::)new)?|(?i:together)(?:\.|::|\\)\w{0,20}(?i:client|together|config)\w{0,8}(?:(?:\.|::)new)?)'
    rb'\s{0,32}\('
    rb'(?:[^()]{0,200}?(?:\b(?:api_key|apiKey|access_token|accessToken)|(?i:\bwith_?api_?key)))?)'
)
# From the name to the value, one of three shapes.  Right after the name:
# closing quotes/brackets/braces (Perl's ``$ENV{NAME}``), a type (``: SecretStr``, ``: Optional[str]``,
# Go's `` string``, Rust's ``: &str``), one assignment or separator (``=``,
# ``:``, ``=>``, ``:=``, ``?=``; ``,`` before a call's next argument; a
# fallback ``||``, ``??``, ``or``, ``||=``; ``>`` closing an XML start tag;
# ``|`` in a markdown table, ``│`` in a box-drawn one (doppler, rich); a
# dash or an arrow between blanks, as prose and mail subjects write one
# (``Together API key - <key>``, ``→``); blanks after a CLI flag), maybe a line break,
# an opening call or list (``String::from(``, ``Field(default=``, ``[``)
# or a YAML block scalar (``>-``), after a YAML tag (``!!str``), then the
# value's quotes (``_QUOTE``).  Or the name's XML element closes and the
# value's opens (a plist's ``<key>``/``<string>``, Hadoop's
# ``<name>``/``<value>``).  Or a value
# field up to 6 lines on, the name being a field's value: ``value``/``default``
# (Kubernetes env lists, Terraform variables and state outputs, Postman
# environments, .NET ``<add key=... value=...>``, argparse/click defaults;
# a value field of another name: Terraform's ``github_actions_secret``
# state has ``secret_name`` then ``plaintext_value``, a JSON schema's
# ``defaultValue``, a cloud parameter's ``StringValue``) or
# the end of an XML start tag (Android ``<string name=...>``) or a CLI's
# value flag (``gh secret set NAME --body``, ``aws ssm put-parameter
# --name .../together/api_key --value``); no bracket,
# angle bracket or ``;`` in between, so the field belongs to the same
# object, call or element.
# A line break before a value, maybe after a comment and whole comment
# lines (YAML ``together_api_key: # rotated``, then the value indented)
# or empty ones (a mail's ``the new Together API key:``, a blank line,
# then the key).
# (a Markdown fence opening between them: a chat or wiki's ``Together API
# key:`` over a fenced block holding the key)
# (not a fence whose language names a digest: ````` ```sha256 `````)
# Group ``brk``: the value is on a line below its name, and must not be
# the first field of a listing's line (``sha256sum``'s ``<hex>  file``,
# ``git log --format='%H %s'``'s ``<hex> subject``: ``_BELOW_ALONE``).
_BREAK = rb'(?P<brk>(?:#[^\r\n]{0,120})?\r?\n[ \t]{0,32}(?:(?:#[^\r\n]{0,120}|(?:```|~~~)(?!(?i:sha|md5|checksum|digest|hash))[\w+-]{0,20})?\r?\n[ \t]{0,32}){0,3})'
_BELOW_ALONE = rb'(?(brk)(?![ \t]{1,8}\*?[\w./]))'
# A Ruby (or shell) heredoc opened after the assignment, its body the value
# (``KEY = <<~KEY``, ``<<-EOS.chomp``).
_HEREDOC = rb'<<[~-]?["\']?[A-Za-z_]\w{0,20}["\']?(?:\.\w{1,12})?[ \t]{0,32}\r?\n[ \t]{0,32}'
# A character of one shell command: no line break, bracket, ``;``, ``|``
# or ``&`` but a URL query's (``?a=1&b=2``: inside a word, a field and
# its ``=`` after it); ``&&``, ``a & b`` and ``a&b`` end the command.
_COMMAND = rb'(?:[^\r\n(){}<>;|&]|(?<=[^\s&])&(?=[\w.%-]{1,64}=))'
# A shell command substitution that only prints the value
# (``$(echo <key>)``, backticks, ``$(printf %s <key>)``).
_SUBST = (
    rb'["\']?(?:\$\(|`)[ \t]{0,8}(?:echo|printf)(?:[ \t]{1,8}-{1,2}[\w-]{1,12})*'
    rb'(?:[ \t]{1,8}["\']?%s(?:\\n)?["\']?)?[ \t]{1,8}'
    # that prints nothing else: the substitution closes after the value
    # (``$(echo <digest> | sha256sum)`` is a digest's)
    rb'(?=["\']?[0-9a-f]{64}["\']?[ \t]{0,8}[)`])'
)
# A declared type between a name and its ``=`` (``: &str``, ``: String``,
# Go's `` string``, Zig's ``: []const u8``).  No type names a digest: in
# ``api_key from env, sha256=<hex>`` (a log line) the value is the
# digest's, not the name's (review36b).
_TYPE = (
    rb'(?:[ \t]{0,32}(?::[ \t]{0,32}|[ \t]{1,32})[&*?]{0,2}(?:\[\w{0,8}\])?(?:\'\w+[ \t]+)?'
    rb'(?![\w.\[\]|, <>:]{0,40}?(?i:sha-?\d|md5|checksum|digest|fingerprint))[A-Za-z_][\w.\[\]|, <>:]{0,40}?'
    rb'[ \t]{0,32}(?==)'
    # (or a C# auto-property's accessors, its initializer after them:
    # ``ApiKey { get; set; } = <key>``, ``{ get; init; }``)
    rb'|[ \t]{1,8}\{[ \t]{0,8}get;[ \t]{0,8}(?:(?:private|protected|internal)[ \t]{1,8})?(?:set;|init;)?[ \t]{0,8}\}[ \t]{0,8}(?==))?'
)
# A CI logging command's properties between the name and the ``]`` that
# ends them (Azure's ``##vso[task.setvariable variable=NAME;issecret=true]<key>``).
_PROPERTIES = rb'(?:(?:;[ \t]{0,4}[\w.-]{1,20}=[\w.-]{0,20}){1,4}(?=\]))?'
# A fallback method on the lookup (Rust's ``.unwrap_or_else(|_| <key>...)``,
# Java's ``.orElse(<key>)``, Scala's ``.getOrElse(``), maybe a closure's head.
_FALLBACK = (
    rb'\.(?i:unwrap_or|or_?else|get_?or_?else|or_?default)\w{0,8}\([ \t]{0,32}'
    rb'(?:\|[\w \t]{0,8}\|[ \t]{0,8}(?:move[ \t]{1,8})?)?'
)
# A match on the lookup whose arm for a missing value is the value
# (Rust's ``match option_env!(NAME) {`` then ``Some(k) => k,`` then
# ``None => <key>``, ``Err(_) =>`` after ``Ok(v) => v``; Scala's ``case``):
# the arm that passes the found value on comes first, the fallback after it;
# Scala writes ``match`` after the lookup (``sys.env.get(NAME) match {``).
_MATCH_FALLBACK = (
    rb'(?:[ \t]{1,8}match)?[ \t]{0,8}\{?\s{0,40}(?:case[ \t]{1,8})?(?:Some|Ok)\([ \t]{0,8}\w{1,30}[ \t]{0,8}\)[ \t]{0,8}=>'
    rb'[ \t]{0,8}\w{1,30}[ \t]{0,8}[,;]?\s{0,40}'
    rb'(?:case[ \t]{1,8})?(?:None|Err\([ \t]{0,8}\w{0,30}[ \t]{0,8}\)|_)[ \t]{0,8}=>[ \t]{0,8}'
)
# A qualifier in brackets after the name, as prose and docs write one
# (``Together API key (staging):``, a list item or a table cell), not one
# that names a digest (``Together API key (sha256):``).
_BRACKETED = (
    rb'(?:[ \t]{1,4}\((?![^()\r\n]{0,40}(?i:sha|md5|hash|checksum|digest|fingerprint))[^()\r\n]{1,40}\))?'
)
# A file or symlink's own name (or its folder and name) naming a legacy
# key: ``together_api_key``, ``TOGETHER_API_KEY``, ``together/api_key``
# ``togetherApiKey`` (not ``together_api_key.sha256``: only these whole
# names).
LEGACY_FILE_NAME = (
    rb'(?i)together(?:[_.-]?ai)?[_./-]{0,2}(?:' + _QUALIFIER + rb'[_.-])?(?:api[_.-]?)?(?:key|token)'
    rb'(?:[_.-]' + _QUALIFIER + rb')?'
)

# An environment lookup whose default, its next argument, is the value
# (``os.environ.get("LLM_KEY", <key>)``, ``os.getenv``, Elixir's
# ``System.get_env("X", <key>)``, Julia's ``get(ENV, "X", <key>)``, Ruby's
# ``ENV.fetch("X", <key>)``, the arguments maybe a line each), or a shell
# or Compose default (``${LLM_API_KEY:-<key>}``): not a variable named for
# a digest (``os.environ.get("MODEL_SHA256", <hex>)``).
_ENV_DEFAULT = (
    rb'(?:(?:(?:os\.(?:getenv|environ\.get)|System\.get_?env|ENV\.fetch)\(|(?<![\w.])get\([ \t]{0,8}ENV[ \t]{0,8},)'
    rb'[ \t]{0,8}(?:\r?\n[ \t]{0,32})?["\'](?![\w.-]{0,64}(?i:sha|md5|hash|digest|checksum))[\w.-]{1,64}["\']'
    rb'[ \t]{0,8},[ \t]{0,8}(?:\r?\n[ \t]{0,32})?'
    rb'|["\']?\$\{(?![\w.-]{0,64}(?i:sha|md5|hash|digest|checksum))\w{1,64}:?-)'
)

# A Kotlin property delegated to a lazy block whose value is the key
# (``val apiKey: String by lazy {`` then the key on its own line).
_LAZY = rb'(?:[A-Za-z_][\w.<>?]{0,40}[ \t]{1,8})?by[ \t]{1,8}lazy[ \t]{0,8}\{[ \t]{0,8}(?:\r?\n[ \t]{0,32})?'

# fish's ``set --show`` writes each element of a variable as
# ``$NAME[1]: |<value>|``: an index, then the value between bars.
_FISH_ELEMENT = rb'(?P<fish>\[\d{1,4}\](?=:[ \t]\|[0-9a-f]{64}\|))?'

# A line's list-item and quote leaders before its first word, up to two
# (``- ``, ``* ``, ``+ ``, ``1. ``, ``2) ``, ``> ``, ``> - ``), and a
# Markdown task's box after them (``- [ ] ``, ``- [x] ``): a note or a
# YAML sequence writes a name there as it writes one at a line's start.
_ITEM_LEADERS = rb'(?:(?:[-*+>]|\d{1,3}[.)])[ \t]{1,8}){0,2}(?:\[[ xX]\][ \t]{1,8})?'

_LEGACY_ASSIGN = (
    _FISH_ELEMENT + _PROPERTIES + _BRACKETED + rb'["\'`\]\)}*]{0,3}(?:(?<=[A-Za-z])_(?=[ \t]{0,4}:))?(?:[ \t]{1,8}for(?:[ \t]{1,8}(?!(?i:sha|md5|checksum|digest|hash|fingerprint))[\w-]{1,20}){1,4}(?=[ \t]{0,8}(?:[:=]|\r?\n[ \t]{0,32}(?:```|~~~))))?'
    # (or what it is for, then its verb: ``the Together API key for the
    # staging gateway is <key>``)
    rb'(?:[ \t]{1,8}for(?:[ \t]{1,8}(?!(?i:sha|md5|checksum|digest|hash|fingerprint))[\w-]{1,20}){1,4}(?=[ \t]{1,8}(?:is|was)[ \t]))?(?:' + _TYPE +
    rb'[ \t{]{0,32}(?:=>|::|:=|\?=|\?:|\|\|=?|\?\?=?|(?:(?<=[ \t])(?:--?[\w-]{1,30}(?:=[\w.:/-]{1,40})?[ \t]{1,8}){0,3}(?:[\w-]{1,30}=)?-[ \t]{1,8}|(?<=[ \t])[a-z]{2,20}[ \t]{1,8})?<<<|<-|,[ \t]{1,4}(?![^\r\n]{0,60}(?i:hash|digest|checksum|fingerprint|(?<![a-z])(?:sha-?\d{0,3}|md5|ids?)(?![a-z])))(?=[^\r\n]{0,60}?(?<![a-z])(?i:don(?:\'|\xe2\x80\x99)?t|do[ \t]not|never|keep|please|careful|private|secret|confidential|share|leak|paste|post)(?![a-z])|(?i:as[ \t]{1,4}(?:requested|asked|promised))[ \t]{0,4}[:.!][ \t]{0,8}\r?\n)[^\r\n:=,]{1,60}:?(?=[ \t]{0,8}\r?\n[ \t]{0,32}["\'`]?[0-9a-f]{64}["\'`]?[ \t]{0,8}(?:\r?\n|\Z))|,[ \t]{1,8}do:|[=:,>|]|(?<=[ \t])\.(?=[ \t]{1,4}["\'])|\xe2\x94[\x82\x83]|(?:or|is|was|to)(?=[ \t])|(?<=[ \t])(?:--?>?|\xe2\x80[\x93\x94]|\xe2\x86\x92)(?=[ \t]))?(?:(?<=:)(?:\*\*?|__?)|(?<=,)(?:[ \t]{0,8}\w{1,20}[ \t]{0,8}=[ \t]{0,8}[\w.]{1,40}[ \t]{0,8},){0,4}[ \t]{0,8}(?i:fallback|default)[ \t]{0,8}=)?[ \t]{0,32}(?:' + _BREAK + rb')?'
    rb'(?:(?:!!?[\w/:.-]{1,40}|&[\w-]{1,40})[ \t]{1,8})?'
    # (PHP's ``var_dump`` writes a string's type and length before it:
    # ``["together_api_key"]=>`` then ``string(64) "<key>"``)
    # (a chat's spoiler bars around the value: Discord's ``||<key>||``)
    rb'(?:\|\|(?=[0-9a-f]{64}\|\|)|string\(\d{1,6}\)[ \t]{1,8}|(?:(?:new[ \t]+)?[A-Za-z_][\w.:!]{0,40}[ \t]*)?[(\[][ \t]{0,32}(?:\r?\n[ \t]{0,32})?'
    rb'(?:(?i:default|value)[ \t]{0,8}=[ \t]{0,8})?'
    # (the default a secret type wraps: pydantic's ``Field(default=SecretStr(<key>))``)
    rb'(?:(?<=[=( \t\n])Secret(?:Str|Bytes)?\([ \t]{0,8})?'
    rb'|' + _ENV_DEFAULT + rb'|' + _LAZY + rb'|' + _FALLBACK + rb'|' + _MATCH_FALLBACK + rb'|[|>][-+]?[ \t]{0,32}\r?\n[ \t]{1,32}|["\']?\$\{\w{1,64}:?[-=]'
    # (make's default: ``$(or $(VAR),<key>)``)
    rb'|\$\(or[ \t]{1,8}\$[({][\w.]{1,64}[)}],[ \t]{0,8}|' + _HEREDOC + rb'|' + _SUBST + rb')?'
    rb'|</[\w:.-]{1,40}>[ \t]{0,32}(?:\r?\n[ \t]{0,32})?<[\w:.-]{1,40}>'
    # or a flag naming the type or kind of the value after it, the name
    # right before it (macOS ``defaults write DOMAIN NAME -string <key>``,
    # ``plutil -replace NAME -string``, PowerShell's ``Set-Secret -Name
    # NAME -Secret <key>``, or a cmdlet's, ``$NAME = ConvertTo-SecureString
    # -String <key>``): not a Together name lines above or earlier on the
    # line (``# needs TOGETHER_API_KEY`` then ``... ReleaseSHA256 -string
    # <hex>``)
    rb'|(?![\w-])(?:[ \t]{0,8}=[ \t]{0,8}[A-Za-z][\w-]{1,40})?[ \t]{1,8}--?(?i:string|secret)(?:[ \t]{1,8}|=)'
    # or a CLI's value flag in the same command as the name (``gh secret
    # set NAME --body``, ``aws ssm put-parameter --name .../together/api_key
    # --type SecureString --value``, ``reg add ... /v NAME /t REG_SZ /d``),
    # on its line or a line it continues (``\`` or PowerShell's backtick
    # at the end): not a Together name lines above, or before a ``|``,
    # ``&&``, ``&`` or ``;`` (``echo "TOGETHER_API_KEY is read from the keychain"``
    # then ``setting --value <hex>``); a ``&`` inside a word is a URL
    # query's (``--url "https://vault/v1?a=1&b=2"``), the same command.
    # The value may be a heredoc's body (``--value <<EOF`` then the key).
    rb'|(?![\w-])(?:' + _COMMAND + rb'{0,200}?[\\`]\r?\n){0,6}' + _COMMAND + rb'{0,200}?'
    rb'(?:(?<![\w-])(?:--?(?i:value|body|secret-string|data)|-[bw]|/d)(?:[ \t]{1,8}|=)|(?<![\w-])-[bw](?=["\']))[ \t]{0,32}'
    rb'(?:' + _HEREDOC + rb')?'
    # (the name ends here: ``TOGETHER_API_KEY_SHA256`` then ``value:`` is a digest's)
    # (nor where the rest of the name's line names a digest or a git id:
    # GitLab's ``description: "Together API key rotation commit"`` over a
    # ``value:`` holding the commit's SHA-256)
    rb'|(?![\w-])(?![^\r\n]{0,200}?(?<![a-z])(?i:commit|rev(?:ision)?|sha-?\d{0,3}|md5|hash(?:es|ed)?|checksum|digest|fingerprint)(?![a-z]))'
    rb'[ \t]{0,32}(?:[:=,][ \t]{0,32})?\{?'
    # (not into the next YAML list item that names its own value: ``-
    # key: NAME`` then ``sync: false``, then ``- key: BUILD_SHA`` and its
    # own ``value:``; a name's own list, ``NAME:`` then ``- value:``, is
    # its value)
    rb'(?:[^\r\n(){}<>;]{0,200}\r?\n(?![ \t]{0,32}-[ \t]{1,8}["\']?(?i:key|name|id)["\']?[ \t]{0,8}:)){0,6}'
    rb'[^\r\n(){}<>;]{0,200}?'
    # (Snowflake's ``CREATE SECRET <name>`` then ``SECRET_STRING = <key>``)
    # (Doppler's ``secrets --json``: ``"NAME": {"computed": <key>, "raw":
    # <its reference>}``)
    # (Pulumi's ``stack export --show-secrets``: ``"NAME": {"<sig>": ...,
    # "plaintext": "\\"<key>\\""}``, a secret's envelope)
    rb'(?:(?<![\w-])(?i:(?:plain_?text|secret|string|sensitive|default|parameter|secure|input)[_-]?)?(?i:value|default|computed|(?<=secret[_-])string|plaintext)'
    # (a hash's ``'value' => <key>`` too)
    rb'["\']?[ \t]{0,8}(?:=>|[=:])|(?<![=-])>'
    # or a REPL's result after the line naming it (IPython's ``Out[2]:``,
    # PsySH's ``=``, irb's ``=>`` at a line's start or in the comment a
    # Ruby example writes it in, ``# =>``; ``>`` above, never another
    # ``=>`` inside a line: a PHP array's next field)
    rb'|(?<![\w-])Out\[\d{1,6}\]:|(?<![^\n])=>?(?=[ \t])|(?<![^ \t])#[ \t]{0,4}=>(?=[ \t])'
    rb')[ \t]{0,32}'
    # a YAML block scalar (``value: >-`` then the key indented), a YAML
    # block list's item (``value:`` then ``- <key>``), or a heredoc
    # (HCL's ``default = <<EOT`` then the key)
    rb'(?:[|>][-+]?[ \t]{0,32}\r?\n[ \t]{1,32}|\r?\n[ \t]{0,32}-[ \t]{1,8}|' + _HEREDOC + rb')?'
    # (an HTML message writes the value as code or in bold: ``together
    # key for the demo: <code><key></code>``, ``<b><key></b>``)
    rb')(?:<(?i:code|kbd|samp|tt|b|strong|em|i|mark)>){0,2}' + _QUOTE + rb'(?(fish)\|)'
)
_HEX_KEY = rb'(?P<secret>[0-9a-f]{64})(?![0-9A-Za-z_-])'
# What a serialised object writes between a string (a key's name) and the
# next one when that is a 64-character string, each format's own bytes
# (a compiled program's adjacent NUL-ended strings are none of them):
# a pickle's memo of the name (protocol 4+ ``\x94``, 1-3 ``q<i>`` or
# ``r<i32>``) then a str or bytes of 64 (``\x8c@``, ``X@\0\0\0``, ``C@``,
# ``B@\0\0\0``); protocol 0's memo line then ``V``; a binary plist's
# ASCII string of 64 (``_\x10@``); a Java class's next CONSTANT_Utf8
# (``\x01\x00@``), or javac's field entries: the descriptor, a final
# field's ``ConstantValue``, the CONSTANT_String naming the key's Utf8;
# msgpack's str8 (``\xd9@``), CBOR's text (``x@``), BSON's string length
# after its name's NUL (``\0A\0\0\0``).  Only protocol 0 says no length
# (``unsized``).
_SERIALISED_NEXT = (
    rb'(?:(?:\x94|q[\x00-\xff]|r[\x00-\xff]{4})?(?:\x8c@|X@\x00\x00\x00|C@|B@\x00\x00\x00)'
    rb'|(?P<unsized>\np\d{1,9}\nV)|_\x10@|\x01\x00@'
    rb'|\x01\x00\x12Ljava/lang/String;(?:\x01\x00\rConstantValue)?\x08[\x00-\xff]{2}\x01\x00@'
    rb'|\xd9@|x@|\x00A\x00\x00\x00)'
)
# A digest word applied to a key's name, or governing the sentence that
# names it, just before the name: the value is the key's digest, not the
# key (``sha256(TOGETHER_API_KEY) = <hex>``, ``hashlib.sha256(b"...``,
# ``The SHA-256 of our Together API key is <hex>``, ``hashed Together API
# key: <hex>``, ``sha256_TOGETHER_API_KEY``).  Only in the same clause: a
# comma, a full stop or a semicolon between them ends the digest's reach
# (``Verify the checksum, then set TOGETHER_API_KEY=<key>``).
_DIGEST_BEFORE = (
    rb'(?<![A-Za-z])(?i:sha-?\d{1,3}(?:sum)?|md5(?:sum)?|hash(?:ed|es)?|checksum|digest|fingerprint)'
    rb'(?:\w{0,16}[ \t]{0,4}\([ \t]{0,4}(?:b?["\'`])?'
    rb'|[ \t]{1,4}(?i:of|for)[ \t]{1,4}(?:[\w\'-]{1,20}[ \t]{1,4}){0,4}'
    # (or a path segment under it: Helm's ``checksum/together-secret:`` annotation)
    rb'|[ \t]{1,4}|[_/-](?:(?i:of|for)[_-])?)\Z'
    # Or a line that starts by retiring the key, as a commit subject or a
    # changelog entry does (``Rotate Together key``, ``- Revoked the
    # TOGETHER_API_KEY``): a hash on a line below it is a commit's, not the
    # key.  Only below, and only when nothing on the name's line gives it
    # a value (group ``below``, ``engine._candidate``): a value after the
    # name and a ``:`` or ``=`` on its own line is the new key pasted
    # (``Rotated the together key: <key>``).
    rb'|(?P<below>)(?m:^)[ \t]{0,8}(?:[-*+][ \t]{1,4})?(?:\w{1,20}:[ \t]{1,4})?'
    rb'(?i:(?:rotat|revok|remov|delet|expir|disabl|mov)(?:e[ds]?|ing)|drop(?:s|ped|ping)?)'
    rb'[ \t]{1,4}(?i:(?:the|our|old|a|an|leaked|exposed)[ \t]{1,4}){0,2}\Z'
)
# (CDK's ``secretStringValue`` too)
_CREDENTIAL_SUFFIX = rb'(?i:[_.-]?(?:credentials?|string(?:[_.-]?value)?|value|data|unencrypted))?["\']?'
# A generic credential name, one regex for every kind (``NAME_KINDS``
# tells them apart on a match): an API key or token under any prefix
# (``api_key``, ``LLM_TOKEN``), a bare secret, password or ``key``, a
# prefixed secret or ``_KEY``; a cloud secret's value field
# (``secret_string``); then an assignment, a call (Go's
# ``option.WithAPIKey(...)``), or blanks (``.netrc``'s ``password
# <value>``).  Not a path segment (``checksum/secret``).
_GENERIC_NAME = (
    rb'(?<![\w./-])["\']?(?P<name>[\w.-]{0,40}?(?i:api[_.-]?key|access[_.-]?token|auth[_.-]?token'
    rb'|token|secret|password|passwd|credentials?|key))'
    # 1Password's field assignment names its type (``credential[password]=``)
    rb'(?:\[(?i:password|concealed|text)\])?' + _CREDENTIAL_SUFFIX
)
# The names an API key for an OpenAI-compatible endpoint goes by, where
# the statements around may supply the endpoint (``OPENAI_BASE_URL`` a
# line above ``OPENAI_API_KEY``; ``openai.api_base`` then
# ``openai.api_key``): an API key or token, unprefixed or OpenAI's, maybe
# an object's attribute or a builder's setter.  Other prefixes and other
# credentials (``JWT_SECRET``, ``DB_PASSWORD``) need a structure of their own.
_API_KEY_NAME = (
    rb'(?<![\w./-])["\']?(?:\w{1,30}\.){0,3}(?:(?i:with|set)_?|(?i:x-))?(?:(?i:openai)[_.-]?)?'
    rb'(?P<name>(?i:api[_.-]?key|access[_.-]?token|auth[_.-]?token|token)(?i:[_.-]?credentials?)?'
    rb'|(?i:key))["\']?'
)
# A secret type wrapping the value (pydantic's ``SecretStr(<key>)``,
# Haystack's ``Secret.from_token(<key>)``, ``new ApiKeyCredential(<key>)``).
_SECRET_WRAPPER = (
    # The type word starts the name or a camelCase word of it, and ends
    # one (``struct.unpack(``, ``destroy_token(``, ``tokenize(`` are no type).
    rb'(?:(?:new[ \t]{1,8})?(?:\w{0,20}?[a-z\d](?=[A-Z]))?(?i:secret|str|credential|token)s?(?![a-z])'
    rb'\w{0,12}(?:\.\w{1,20})?\([ \t]{0,8})?'
)
# Up to three other fields of a name's item or block between the name and
# its value field (GitLab CI's ``description:`` and ``expand:`` before
# ``value:``), each with a value on its line, none a value field nor one
# saying a digest (``description: sha256 of the key``).
_ITEM_FIELDS = (
    rb'(?:\r?\n[ \t]{1,32}(?!-|["\']?value)["\']?[\w-]{1,40}["\']?[ \t]{0,8}:[ \t]{1,8}'
    rb'(?![^\r\n]{0,200}(?i:sha-?\d|md5|hash|checksum|digest|fingerprint))[^\s][^\r\n]{0,200}){0,3}'
)
_GENERIC_VALUE = (
    # (``|`` or ``│`` between blanks: a Markdown or box-drawn table's cells)
    # (``, do:``: Elixir's one-line function returning the value, ``def
    # key, do: <key>``)
    # (``.set(``: a Gradle property's setter in the Kotlin DSL, ``apiKey.set(<key>)``)
    # (a quoted name paired by ``to`` or ``->``: Kotlin's ``"apiKey" to <key>``,
    # Scala's ``"apiKey" -> <key>``)
    rb'\]?(?:' + _TYPE + rb'[ \t]{0,32}(?:=>|:=|\?=|<-|,[ \t]{1,8}do:|\.set\(|[=:(>]|\|(?=[ \t])|\xe2\x94[\x82\x83]|(?<=["\'][ \t])(?:to|->)(?=[ \t]))[ \t]{0,32}(?:\r?\n[ \t]{0,32}|[|>][-+]?[ \t]{0,32}\r?\n[ \t]{1,32})?'
    # (an environment lookup whose fallback is the value: ``apiKey:
    # process.env.LLM_KEY ?? <key>``, ``os.getenv("X") or <key>``)
    + rb'(?:(?:(?:process\.env|import\.meta\.env)(?:\.\w{1,64}|\[["\']\w{1,64}["\']\])'
    rb'|(?:os\.(?:getenv|environ\.get)|System\.getenv|Deno\.env\.get)\([ \t]{0,8}["\']\w{1,64}["\'][ \t]{0,8}\))'
    rb'[ \t]{0,8}(?:\?\?|\|\||or(?=[ \t]))[ \t]{0,8}|' + _ENV_DEFAULT + rb'|' + _LAZY + rb')?'
    + _SECRET_WRAPPER +
    # (a debugger's ``char *`` field, its address before its string: gdb's
    # ``api_key = 0x5555555592e0 "<key>"``)
    rb'(?:0x[0-9a-f]{4,16}[ \t]{1,4}(?="))?'
    rb'|[ \t]{1,32}'
    # or the next item of an argument list: a quoted name (a flag) and the
    # key as two strings (``["--api_key", <key>]``), or a YAML list's next
    # item (Kubernetes ``args:`` ``- --api-key`` then ``- <key>``)
    rb'|(?<=["\'])[ \t]{0,32},[ \t]{0,32}(?:\r?\n[ \t]{0,32})?(?=["\'])'
    rb'|[ \t]{0,32}\r?\n[ \t]{0,32}-[ \t]{1,8}'
    # or a key/value pair (Postman: ``{"key": "token", "value": <key>}``)
    rb'|["\']?[ \t]{0,32},[ \t]{0,32}(?:\r?\n[ \t]{0,32})?["\']?value["\']?[ \t]{0,8}:[ \t]{0,32}'
    # or a value field on the next line, of the name's own block (GitLab
    # CI's ``LLM_API_KEY:`` then ``value: <key>``; a name/value item,
    # Kubernetes' ``- name: API_KEY`` then ``value: <key>``, is
    # ``_NAME_ITEM``'s: a line merely ending in the word, a description's
    # ``"... not a token"`` or a comment's ``# the cache key``, is neither)
    rb'|["\']?[ \t]{0,8}:[ \t]{0,8}' + _ITEM_FIELDS + rb'\r?\n[ \t]{0,32}["\']?value["\']?[ \t]{0,8}:[ \t]{0,32}'
    # or the name's XML element closes and the value's opens (a KeePass
    # export's ``<Key>Password</Key><Value ProtectInMemory="True">``)
    rb'|</[\w:.-]{1,40}>[ \t]{0,32}(?:\r?\n[ \t]{0,32})?<[\w:.-]{1,40}'
    rb'(?:[ \t]{1,8}[\w:.-]{1,40}=["\'][^"\'<>\r\n]{0,60}["\'])*>)' + _QUOTE
)
# A name/value item's name field then its value field on the next line
# (Kubernetes' ``- name: API_KEY`` then ``value: <key>``, AWS's and
# Azure's JSON ``"name": "API_KEY",`` then ``"value": ...``, Render's
# ``- key: LLM_API_KEY`` then ``value:``): the name is the whole value of
# a ``name`` or ``key`` field.
_NAME_ITEM = (
    rb'(?:(?<![^\n])[ \t]{0,32}(?:-[ \t]{1,8})?|[{,][ \t]{0,8})["\']?(?i:name|key)["\']?[ \t]{0,8}:[ \t]{0,8}(?=\S)',
    rb'[ \t]{0,8},?[ \t]{0,8}' + _ITEM_FIELDS + rb'\r?\n[ \t]{0,32}["\']?value["\']?[ \t]{0,8}:[ \t]{0,32}' + _QUOTE,
)
# What a field beside the key in its own object says when the object
# describes a file, not a credential (``{"name": ..., "key": <hex>,
# "sha256": ...}``), and a heading under which 64-hex values are digests
# (``checksums:``, ``EXPECTED_SHA256 = {``, ``TOGETHER_CHECKSUMS = {``).
_DIGEST_WORDS = (
    rb'(?i:sha-?\d{1,3}|checksum|digest|fingerprint|integrity'
    # (not a Java inner class's name: Jenkins' ``CopyOnWriteMap$Hash``
    # over its credentials)
    rb'|(?<![a-z$])(?:hash(?:es|ed)?|e-?tags?)(?![a-z]))'
)
# A field beside the key in its own object that says the object is no
# credential: a digest's (``_DIGEST_WORDS``), or a usage record's
# counters (LiteLLM's spend logs as JSON, ``{"api_key": <sha256 of a
# virtual key>, "spend": 0.0004, "total_tokens": 812}``), each a whole
# field name (``max_spend``, ``max_tokens`` sit in a client's config).
_OBJECT_VETO = (
    rb'(?:' + _DIGEST_WORDS + rb'|(?<!\w)(?:spend|(?:prompt|completion|total)_tokens)(?!\w))'
)
# A heading under which 64-hex values are digests or git object ids
# (``PINNED_REVISIONS = {``, ``pins:``, ``submodule_commits``: a SHA-256
# repository's ids are 64 hex too): it answers no for every kind of name.
# A git-id word names what the values under it are only as a heading: a
# field beside a key in its own object (``{"api_key": <hex>, "revision":
# 3}``, ``last_commit``, ``pin``) is the credential's metadata, and only
# ``_DIGEST_WORDS`` there says the object is no credential.
_DIGEST_HEADING = (
    rb'(?:' + _DIGEST_WORDS +
    # (whole words: not ``prev``, ``revoked``, ``spinner``, ``committer``)
    rb'|(?i:(?<![a-z$])(?:rev(?:ision)?s?|commits?|pin(?:s|ned)?|shas?|oids?)(?![a-z])))'
)
# The words of a heading of Together's alone (``Together AI``, ``The
# Together API keys``; ``detect.context`` reads a code comment of them
# alone as a heading over the lines right under it).
HEADING_WORDS = _HEADING_WORDS = (
    rb'(?:the[ \t]+)?together(?:[ _.-]?ai)?'
    rb'(?:[ \t]+(?:\([\w -]{1,20}\)|api|keys?|credentials?|secrets?|tokens?|account))*'
)
# A function's or a type's name that says no credential is in its body
# (``together_checksums``, ``TogetherCache``, ``TogetherRelease``).
_NO_PURPOSE = rb'(?!\w{0,60}(?:cach|hash|checksum|digest|sha(?:sum|[_-]?\d)|md5|fingerprint|integrity|release|artifact|lock|webhook|sign|crypt|cipher|salt|nonce|hmac|idempoten))'
# A mapping or record built and bound to a name, one grammar for every
# language's calls, constructors and literals (what follows the name,
# the name's own pattern before it): maybe a type annotation (Rust's
# ``: HashMap<&str, &str>``, Python's ``: dict[str, str]``), the binding
# (``=``, ``:=``, ``:``, ``=>``, ``<-``, Kotlin's ``to``, Scala's ``->``),
# maybe ``new``, then a mapping type's constructor with its type
# parameters and path (Julia's ``Dict{String,String}(``, C#'s
# ``Dictionary<string, string> {``, Rust's ``HashMap::from([``, Go's
# ``map[string]string{``, Java's ``Map.of(``) or a record's constructor
# (Haskell's ``Config {``, Go's ``Config{``, as a bare ``{`` after the
# binding was), blanks allowed between each part.  Each part is bounded:
# no nesting of its own, no line break.
_TYPE_ARGS = rb'(?:<[^<>;=\r\n]{1,80}>|\{[^{}=;"\'\r\n]{1,80}\}|\[[^\[\]=;\r\n]{1,40}\][\w.*&]{0,40})'
# (``Map`` capitalised, Go's ``map`` only before its key type: Python's
# ``map(`` maps a function over items)
_MAP_TYPE = (
    rb'(?:(?:(?i:Dict(?:ionary)?|OrderedDict|(?:mutable|hash|linkedHash)?mapOf|Hash|list|table|SimpleNamespace)'
    rb'|(?-i:(?:Hash|BTree|Tree|Linked(?:Hash)?|Concurrent(?:Hash)?|Immutable|Sorted)?Map|map(?=\[)))'
    rb'(?:(?:\.|::)(?:of|from|new|ofEntries))?)'
)
# (fp37: a constructor whose first argument is another call builds from
# that call's result, and the names inside are that call's arguments:
# Python's ``list(map(f, [("api_key", ...)]))``, ``list(zip(a, b))``: a
# function's name, lower-case.  A type's constructor there builds an entry,
# Julia's ``Dict(Pair("api_key", ...))``, Java's ``Map.ofEntries(Map.entry(``;
# so does a mapping type's own, R's ``list(list(api_key = ...))``)
_NO_CALL_INSIDE = (
    rb'(?![ \t]{0,8}(?!' + _MAP_TYPE + rb'[ \t]{0,8}[(<{\[])(?-i:[a-z_])[\w.]{0,40}[ \t]{0,8}\()'
)
_MAP_BUILT = (
    rb'(?:[ \t]{0,8}:[ \t]{0,8}[\w.:&*]{1,40}' + _TYPE_ARGS + rb'?[ \t]{0,8}(?==))?'
    rb'(?:[ \t]{0,32}(?:=>|:?=|:|<-)|[ \t]{1,8}(?:to|->)(?=[ \t]))[ \t]{0,32}(?:new[ \t]{1,8})?'
    rb'(?:' + _MAP_TYPE + rb'[ \t]{0,8}(?:' + _TYPE_ARGS + rb'[ \t]{0,8})?(?:\(|\{)' + _NO_CALL_INSIDE +
    rb'|(?-i:[A-Z])\w{0,40}[ \t]{0,8}\{|\{)'
    # (and the first entry's own bracket on the same line: Rust's
    # ``HashMap::from([``, C#'s ``{ ["ApiKey"] =``, ``{ {"ApiKey", ...} }``)
    rb'(?:[ \t]{0,8}[\[({])?'
)
# A label whose whole structure is Together's, however long (a minified
# ``{"together":{"models":[...],"api_key":...}}``, many tenants under one
# YAML ``together:``, a long ``[together]`` section): ``o``, an opening
# bracket after it (its structure ends at the matching one; also a
# block's brace with no ``:`` or ``=``, HCL's ``provider "together" {``,
# and quotes escaped inside a string, ``{\"together\":{``); ``block``,
# a YAML key ending its line (to the next line indented as far or less);
# ``section``, an INI/TOML section (to the next section; a comment may
# follow it, ``[together]  ; prod``).  A UTF-8 BOM may start the file's
# first label.  Its name's whole word is Together's (``together``, ``together_ai``,
# ``providers.together``; not ``node_modules/together``, a lockfile's
# package), and a label naming a digest or another purpose
# (``TOGETHER_CHECKSUMS = {``, ``[together.cache]``) opens none.
STRUCTURE_LABEL = (
    rb'(?im)(?:(?<![\w/@-])\\?["\']?together(?:[_.-]?ai|(?<=["\']together)[ ]ai(?=\\?["\']))?\\?["\']?[ \t]*(?:(?:=>|[:=])[ \t]*|(?=\{))(?P<o>[{\[])'
    rb'|^(?:\xef\xbb\xbf)?[ \t]*(?:-[ \t]+)?(?P<block>["\']?(?:together(?:[_-]?ai)?)["\']?[ \t]*:)[ \t]*(?:&[\w.-]{1,40}[ \t]*)?(?:#[^\r\n]*)?\r?$'
    rb'|^(?:\xef\xbb\xbf)?[ \t]*(?P<section>\[\[?[ \t]*(?:[\w-]{1,40}\.){0,4}["\']?together(?:[_-]?ai)?["\']?'
    rb'(?:\.[\w-]{1,40}){0,4}(?:[ \t]+"[^"\\\r\n]{1,40}")?[ \t]*\]\]?)[ \t]*(?:[;#][^\r\n]*)?\r?$)'
)
# How far a structure label's structure may run (a bracket no bracket
# closes by then, a truncated file's, holds what follows it up to here).
STRUCTURE_REACH = 1 << 20
# What makes the structure around a generically named key Together's.
# together-python's CLI commands, 0.x's (``together complete``, ``together
# files upload``) and 1.x's (``together completions``, ``together
# interactive``, ``together evaluation``), a word of their own after the
# program's name.
_TOGETHER_CLI_COMMANDS = (
    rb'(?:complet(?:e|ions)|chat|interactive|models|files|finetune|fine-tuning|images?|embeddings|endpoints'
    rb'|evaluations?|inference)(?![\w-])'
)
# Where a shell runs a program: a line's start, after a prompt (``$``,
# ``%``, ``>``, ``#``, PowerShell's ``PS C:\work>``), a notebook's shell
# escape (``!``), a Dockerfile's ``RUN``, a CI step's ``run:``,
# ``script:`` or ``command:`` (a YAML list item's ``- `` too, a block
# scalar's ``|`` line before it), or after a shell's separator (``&&``,
# ``||``, ``;``, ``|``, a command substitution's ``$(`` or backquote).
_COMMAND_POSITION = (
    rb'(?:(?<![^\n])[ \t]{0,8}(?:(?:[$%>#!]|PS[^\n>]{0,60}>|RUN(?=[ \t])|-(?=[ \t])'
    rb'|(?:-[ \t]{1,4})?(?:run|script|command)[ \t]{0,4}:(?:[ \t]{0,4}\|[-+]?[ \t]{0,4}\r?\n[ \t]{0,16})?)[ \t]{0,4})?'
    rb'|(?:&&|\|\||[;|`]|\$\()[ \t]{0,4})'
)


TOGETHER_CONTEXT = Context(
    # Quotes may be escaped (``\\"``): the structure is judged in the file as
    # written, also for a key found in its unescaped reading.
    mention=(
        rb'api\.together\.(?:xyz|ai)\b|(?i:together[_-]?ai)/'
        # or together-python's own CLI run with one of its commands where
        # a shell runs a program (``together complete "..." --api-key <key>``,
        # ``$ together finetune create ...``, a notebook's ``!together
        # completions``, a Dockerfile's ``RUN together files upload``): its
        # flags are Together's
        rb'|' + _COMMAND_POSITION + rb'together[ \t]{1,4}' + _TOGETHER_CLI_COMMANDS +
        # or an endpoint field set from a setting named for Together's
        # endpoint (``base_url=TOGETHER_BASE_URL``,
        # ``baseURL: process.env.TOGETHER_API_BASE``)
        # (or a Spring XML property referring to a bean so named:
        # ``<property name="baseUrl" ref="togetherBaseUrl"/>``)
        rb'|(?<![\w])(?i:base_?ur[li]|api_?base|endpoint)\\?["\']?(?:[ \t]{1,8}ref)?[ \t]{0,8}[:=][ \t]{0,8}[\w.$\[("\'{]{0,40}?'
        rb'(?i:together)[_.-]?(?i:ai[_.-]?)?(?i:api[_.-]?)?(?i:base[_.-]?)?(?i:ur[li]|base|endpoint|host)(?![\w])'
        rb'|(?i:provider|(?<![\w-])(?:(?:api|client|llm|model|provider)[_-]?)?type|vendor|backend)\\?["\']?[ \t]{0,8}(?:[:?]=|[:=])'
        rb'[ \t]{0,8}:?\\?["\']?(?i:together(?:[ _.-]?ai)?)(?![\w-])'
        # (or a name/value item's: Kubernetes' ``- name: LLM_PROVIDER`` then
        # ``value: together``, ECS's ``{"name": "LLM_PROVIDER", "value":
        # "together"}``)
        rb'|(?i:provider|vendor|backend)["\']?[ \t]{0,8},?[ \t]{0,8}(?:\r?\n[ \t]{0,32})?["\']?value["\']?[ \t]{0,8}:'
        rb'[ \t]{0,8}["\']?(?i:together(?:[ _.-]?ai)?)(?![\w.-])'
        # or the class a config instantiates, by its qualified name
        # (Hydra's ``_target_: langchain_together.ChatTogether``, Django's
        # ``"BACKEND": "llm.backends.Together"``)
        rb'|(?<![\w])(?i:_target_|class|backend)\\?["\']?[ \t]{0,8}[:=][ \t]{0,8}\\?["\']?'
        rb'(?:[\w-]{1,40}[.:]){1,6}\w{0,16}?Together(?:AI|Ai)?\w{0,16}(?![\w-])'
        # (or by its bare name in a field naming the class it is, a
        # pipeline's component or a framework's plug-in: Haystack 1.x's
        # ``invocation_layer_class: TogetherInvocationLayer``, ``llm_class:
        # TogetherLLM``; not a class named for a cache or a digest,
        # ``cache_class: TogetherCache``)
        rb'|(?<![\w])(?i:(?:[a-z]{1,20}_){1,3}class)\\?["\']?[ \t]{0,8}[:=][ \t]{0,8}\\?["\']?'
        rb'(?:[\w-]{1,40}[.:]){0,6}(?i:' + _NO_PURPOSE + rb')\w{0,16}?Together(?:AI|Ai)?\w{0,16}(?![\w.-])'
        # or an object's own name, id, title or slug (a Kubernetes Secret
        # ``name: together-credentials``, ``kubectl create secret generic
        # together``, a Postman environment ``"name": "Together"``, a
        # password manager's item ``"title": "Together AI"``, a provider
        # list's ``{"slug": "together", "key": ...}``)
        # (or a record's service field, a password manager's secure note
        # ``Service:Together AI`` over its ``Key:<key>``)
        rb'|(?<![\w-])(?:(?:[Nn]ame|[Ii]d|[Tt]itle|[Ss]lug|[Ss]ervice)\\?["\']?[ \t]{0,8}[:=]|secret[ \t]+generic|--(?:name|secret-id|title)[ \t]{1,8})[ \t]{0,8}\\?["\']?(?:[\w.-]{1,40}/){0,4}(?i:together(?:[ _.-]?ai)?'
        rb'(?:[_-](?:api|credentials?|secrets?|keys?|tokens?|auth|env))*)(?![\w.-])'
        # or a name or title element's value (a KeePass export's
        # ``<Key>Title</Key><Value>Together</Value>``)
        rb'|(?<![\w-])(?i:title|name)</[\w:.-]{1,40}>[ \t]{0,8}<[\w:.-]{1,40}>(?i:together(?:[ _.-]?ai)?)(?=<)'
        # or an element of its own naming it, its whole text Together's
        # name (Jenkins' credentials.xml: ``<id>together</id>`` or
        # ``<description>Together AI API key</description>`` beside the
        # ``<secret>``)
        rb'|<(?i:id|name|title|slug|displayName|description)>[ \t]{0,8}(?i:' + _HEADING_WORDS + rb')[ \t]{0,8}</'
        # or a secret store's path ending in Together (``vault kv get
        # secret/together`` and the ``secret/data/together`` it prints)
        rb'|(?<![\w/-])(?:secrets?|kv)/(?:data/)?(?:[\w.-]{1,40}/){0,3}(?i:together(?:[_-]?ai)?)(?![\w./-])'
        # or a CLI's title or name flag for the item it stores (1Password's
        # ``op item create --title "Together AI" credential=<key>``, Windows'
        # ``cmdkey /generic:together /pass:<key>``), the whole title Together's
        rb'|(?<![\w-])(?:--(?i:title|name)(?:[ \t]{1,8}|=)|/(?i:generic|target|title|name):)(?:(?P<q>["\'])(?i:together(?:[ _-]?ai)?)(?P=q)'
        rb'|(?i:together(?:[_-]?ai)?)(?=[ \t\r\n]|\Z))'
        # or a model flag naming a Together model (llm's ``-m together/<model>``)
        rb'|(?<![\w-])(?:-m|--model)(?:[ \t]{1,8}|=)["\']?(?i:together(?:[_-]?ai)?)/'
        # or a construct's or resource's name, a constructor's first string
        # argument (after CDK's scope, ``this``) before its props object
        # (Pulumi's ``new aws.secretsmanager.SecretVersion("together", {``,
        # CDK's ``new Secret(this, 'TogetherApiKey', {``)
        # (of a type naming a secret or setting: an S3 object's ``key`` is
        # its path, ``new aws.s3.BucketObject("together", {key: <sha256>``)
        # (or a call of such a type with no ``new``, as Kotlin, Scala,
        # Swift and Python construct one: ``Provider("together", <key>)``;
        # the arguments maybe a line each)
        rb'|(?<![\w.])(?:new[ \t]{1,8}|(?=[A-Z]))(?=[\w.]{0,80}(?i:secret|param|credential|key|token|config|env|variable|setting|vault|provider))[\w.]{1,80}\([ \t]{0,8}(?:\r?\n[ \t]{0,32})?(?:this[ \t]{0,8},[ \t]{0,8})?["\']'
        rb'(?i:together)(?:[_-]?(?i:ai))?(?:[_-]?(?i:api))?(?:[_-]?(?i:keys?|secrets?|tokens?|credentials?))?["\'][ \t]{0,8},'
        # or a model id under Together's provider prefix, a whole quoted
        # string of two more parts (instructor's ``from_provider(
        # "together/<org>/<model>", api_key=…)``; not a path,
        # ``"together/guide"``, ``"together/guide/setup.md"``)
        rb'|(?<![\w/.-])["\'](?i:together)/[\w.-]{1,60}/[\w.:-]{1,80}(?<!\.[A-Za-z])(?<!\.[A-Za-z]{2})(?<!\.[A-Za-z]{3})(?<!\.[A-Za-z]{4})["\']'
        # or Together's own configuration folder in a user's home, the
        # path a script writes its settings to (``cat >
        # ~/.together/config.json <<EOF``, ``~/.config/together/``)
        rb'|(?:~|\$\{?HOME\}?|%USERPROFILE%)[/\\](?:\.config[/\\]|\.)(?i:together(?:[_-]?ai)?)[/\\]'
        # or a Python repr of an object of Together's client class, as a
        # debugger or pytest prints a frame's locals
        # (``<together.Together object at 0x7f3a…>``)
        rb'|<(?:\w{1,40}\.){1,6}\w{0,16}?Together\w{0,16}[ \t]object[ \t]at[ \t]0x'
        # or Together's client built from a variable holding the key: the
        # key's keyword given a bare name, or a mapping unpacked into the
        # call (``client = Together(api_key=api_key)`` below a notebook's
        # fallback ``api_key = <key>``, ``AsyncTogether(**kwargs)`` below
        # ``kwargs = {"api_key": <key>}``); not a value read where it is
        # passed (``Together(api_key=os.environ[...])``)
        rb'|(?<![\w])(?:Async)?Together(?:AI|Client)?\([ \t]{0,8}(?:\r?\n[ \t]{0,32})?'
        rb'(?:\*\*|(?i:api_?key|token)[ \t]{0,8}=[ \t]{0,8})[A-Za-z_]\w{0,40}[ \t]{0,8}(?:[,)]|\r?\n)'
        # or a partial application of Together's client class, its keyword
        # arguments the client's (``functools.partial(Together, api_key=<key>)``,
        # the class on the next line)
        rb'|(?<![\w.])partial\([ \t]{0,8}(?:\r?\n[ \t]{0,32})?(?:\w{1,40}\.){0,3}\w{0,16}Together\w{0,16}[ \t]{0,8},'
        # or a CI step running an action of Together's own organisation,
        # the destination of the inputs under its ``with:`` (GitHub
        # Actions' ``- uses: togethercomputer/<action>@v1``; another
        # owner's action is another destination: ``context._TARGET``)
        rb'|(?<![\w-])uses:[ \t]{0,8}["\']?togethercomputer/[\w.-]{1,100}(?:/[\w./-]{1,100})?@'
        # or a Python traceback's frame in Together's installed package,
        # the source line it quotes indented under it (``File
        # ".../site-packages/together/client.py", line 88, in __init__``)
        rb'|(?<![\w-])File[ \t]"[^"\r\n]{0,300}?[/\\](?:site|dist)-packages[/\\](?i:together)[/\\][^"\r\n]{1,200}",[ \t]line[ \t]\d'
        # or a log record of a logger of Together's package, its message
        # the rest of the line (a Bearer header the SDK's debug logging
        # printed) (Python logging's ``DEBUG:together.client:``,
        # ``2024-05-01 10:00:00,123 DEBUG together.abstract.api_requestor:
        # Request headers: {...}``; not ``togetherness.app:``, nor a logger
        # of another package, ``chat.together_router:``)
        # (the credential's word on the record's own line: a record of
        # Together's logger saying nothing of one, ``together.files:
        # uploaded``, makes no other line's header Together's)
        rb'|(?<![\w-])(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|TRACE)(?::|[ \t]{1,8})(?i:together)(?:\.\w{1,40}){0,5}(?=:|[ \t]{1,8}-[ \t])'
        rb'[^\r\n]{0,300}?(?i:bearer|authorization|api[_-]?key)'
        # or a request to Together's API through a proxy's route named for
        # it, the route's first segment then Together's own path (an
        # access log's ``"POST /together/v1/chat/completions HTTP/1.1"``;
        # not ``/together/docs``, nor ``/together/v1/`` alone)
        rb'|/(?i:together(?:[_-]?ai)?)/v1/(?:chat/completions|completions|embeddings|images/generations'
        rb'|audio/(?:speech|transcriptions|translations)|rerank|models|files|fine-tunes|batches)(?![\w-])'
    ),
    label=(
        # (a TOML table under it too, ``[together.auth]``: as YAML's
        # ``together:`` then ``auth:``)
        # (git-config style, a subsection after it: ``[together "prod"]``)
        rb'(?i:\[[ \t]*(?:[\w.:/-]{0,60}[.:/]|[\w.-]{1,40}[ \t]+)?["\']?together(?:[_-]?ai)?["\']?(?:\.[\w-]{1,40}){0,4}'
        rb'(?:[ \t]+"[^"\\\r\n]{1,40}")?[ \t]*\]'
        # (Jsonnet's ``together+:`` merges into the field)
        # (a display name as a quoted key, ``"Together AI": {``)
        # (or named for Together's credentials, as an object's name may be:
        # a Traefik middleware's ``together-auth:``)
        # (or Together's own domain, a host of it as a key: a Docker config's
        # ``"auths": {"registry.together.xyz": {``, as ``.ai`` reads)
        rb'|together(?:[_.-]?ai|(?<=["\']together)[ ]ai(?=\\?["\'])|\.xyz)?(?:[_-](?:api|credentials?|secrets?|keys?|tokens?|auth|env))*'
        rb'\\?["\'\]]?\+?[ \t]*(?:(?:=>|[:=])[ \t]*(?:&[\w.-]{1,40}[ \t]*)?(?:@|%[\w.]{0,40})?[{\[]?|,)'
        # (a YAML block anchored as Together's, ``defaults: &together``,
        # merged where it is used: ``<<: *together``)
        rb'|[\w.-]{1,40}["\']?[ \t]*:[ \t]*&together(?:[_-]?ai)?'
        # (the parts of a dotted name before the key's own, Together's the
        # first or one after it: TOML's or a property's
        # ``together.profiles.prod.api_key =``, as YAML's nesting)
        rb'|(?<![\w-])together(?:[_-]?ai)?(?:\.[\w-]{1,40}){0,4}\.'
        # (.NET's, parted by ``:`` in a quoted configuration key:
        # user-secrets' ``"Together:Prod:ApiKey"``)
        rb'|(?<=["\'])together(?:[_-]?ai)?(?::[\w-]{1,40}){1,4}:'
        rb'|together\w{0,16}["\']?[ \t]*(?:=>|[:=])?[ \t]*\{|together\w{0,16}(?:\.|::)builder\(\)'
        # (a mapping a constructor builds, bound to a name of it or under
        # its key, the constructor's parenthesis the structure: Julia's
        # ``together_cfg = Dict(:api_key => <key>)``, Python's ``together =
        # dict(api_key=``, Kotlin's ``"together" to mapOf(``, R's
        # ``together <- list(``; a subscript's ``cfg['together'] = {``; not
        # one named for a digest, ``together_sha = Dict(``)
        rb'|' + _NO_PURPOSE + rb'together\w{0,16}(?:\\?["\'])?\]?' + _MAP_BUILT +
        # (a setter's argument list on the builder's own line, after any
        # setters before it: ``TogetherClient.builder().apiKey(<key>)``,
        # ``.timeout(Duration.ofSeconds(30)).apiKey(``; not a builder of a
        # type named for a cache or a digest, ``TogetherCache.builder()``)
        rb'|' + _NO_PURPOSE + rb'together\w{0,16}(?:\.|::)builder\(\)'
        rb'(?:[ \t]*\.\w{1,40}\((?:[^()\r\n]|\([^()\r\n]{0,80}\)){0,200}\))*[ \t]*\.\w{1,40}\('
        # (a composite literal of a type of Together's package: Go's
        # ``together.Config{``, ``&together.ClientOptions{``)
        rb'|(?<![\w.])together\.[A-Z]\w{0,40}\{'
        # a tuple's first element, its list or map the second (Erlang's
        # ``{together, [``, Elixir's ``{:together, [``; the heading
        # ``detect.context._heading_start`` gives such a list)
        rb'|(?<=\{)[ \t]{0,8}:?together(?:[_-]?ai)?[ \t]{0,8},[ \t]{0,8}[{\[]'
        # a Fortran namelist group named for it (``&together_config`` over
        # its indented ``api_key = '<key>'`` and the closing ``/``)
        rb'|(?<![^\n])[ \t]{0,8}&together(?:[_-]?ai)?(?:_\w{1,40})?'
        # a Python class named for it (``class TogetherSettings(BaseSettings):``)
        rb'|class[ \t]+\w{0,30}together\w{0,30}[ \t]*(?:\([^()\r\n]{0,120}\))?[ \t]*:'
        # a function or method named for it, its body the heading's
        # (``def make_together_client() -> OpenAI:``, Go's ``func
        # NewTogether() *Client {``, Lua's ``local function together_request(body)``)
        rb'|(?:(?:async|pub|public|private|protected|internal|static|local|export|suspend|override)[ \t]+){0,4}'
        # (not one named for a digest or a cache: ``def together_checksums():``)
        # (or a Go method on a type so named: ``func (c *TogetherClient) auth(``)
        rb'(?:def|func|function|fun|fn|sub)[ \t]+(?:\([^()\r\n]{0,40}?[ \t*&]' + _NO_PURPOSE + rb'\w{0,30}together\w{0,30}\)[ \t]*' + _NO_PURPOSE + rb'\w{1,40}'
        rb'|(?:\([^()\r\n]{0,80}\)[ \t]*)?(?:[\w.:]{1,40}[.:])?' + _NO_PURPOSE + rb'\w{0,30}together\w{0,30})'
        # (Scala's body after ``=``: ``def togetherClient(): Client = {``)
        # (its parameters maybe a line each: ``def make_together_client(`` to
        # ``) -> OpenAI:``, no parenthesis inside)
        rb'[ \t]*(?:<[^<>\r\n]{0,60}>)?\((?:[^\r\n]{0,200}|[ \t]*\r?\n[^()]{0,400})\)[^\r\n{=;]{0,80}?[ \t]*(?::|(?:=[ \t]*)?(?:\r?\n[ \t]*)?\{)?'
        # (Ruby's, Elixir's and Perl's, their parameters in no parentheses:
        # ``def together_client``, ``def together_client do``, ``sub together_client {``)
        # (a Ruby gem's configuration block: ``Together.configure do |config|``
        # over ``config.api_key = <key>``)
        rb'|(?<![\w.$])together(?:[_-]?ai)?(?:\.|::)configure[ \t]*(?:do|\{)[ \t]*(?:\|\w{1,20}\|)?(?=[ \t]*\r?(?:\n|\Z))'
        rb'|(?<![\w.$])(?:def|sub)[ \t]+(?:self\.)?' + _NO_PURPOSE + rb'\w{0,30}together\w{0,30}[?!]?'
        rb'(?:[ \t]+do|[ \t]*\{)?(?=[ \t]*\r?(?:\n|\Z))'
        # a type named for it, however it is declared (``class
        # TogetherProvider extends Base {``, Ruby's ``module Together``,
        # Rust's ``impl Default for TogetherConfig {``)
        rb'|(?:class|struct|object|record|module|impl|defmodule)[ \t]+(?:[\w:<>]{1,40}[ \t]+for[ \t]+)?(?:[\w.]{1,40}(?:\.|::))?'
        + _NO_PURPOSE + rb'\w{0,30}together\w{0,30}(?![\w])[^\r\n{=;]{0,120}?[ \t]*(?:(?:\r?\n[ \t]*)?\{)?'
        # a function assigned to a name of it (``const togetherClient = () => {``,
        # R's ``together_client <- function() {``)
        rb'|(?<![\w$])' + _NO_PURPOSE + rb'\w{0,30}together\w{0,30}[ \t]*(?:<-|=)[ \t]*(?:async[ \t]+)?(?:function[ \t]*)?'
        # (TypeScript's return type before the arrow: ``const together = (): string => {``)
        rb'\([^()\r\n]{0,200}\)[ \t]*(?::[^\r\n={}]{1,80}?)?(?:=>)?[ \t]*\{'
        # a method declared with no keyword, its modifiers and return type
        # before its name or after its parameters (Java's ``public String
        # togetherKey() {``, C#'s ``public static OpenAIClient
        # CreateTogetherClient()`` over ``{``, a JS object's ``together() {``);
        # not a statement's condition (``if together(x) {``)
        rb'|(?<![^\n])[ \t]*(?:(?!(?:if|elif|else|while|for|foreach|switch|when|match|catch|return|guard|until|unless|with|using|lock|await|yield)[ \t])[@\w<>\[\].?]{1,60}[ \t]+){0,6}'
        + _NO_PURPOSE + rb'\w{0,30}together\w{0,30}[ \t]*(?:<[^<>\r\n]{0,60}>)?\([^()]{0,400}\)'
        rb'(?:[ \t]*(?::|->|throws[ \t])[^\r\n{=;]{1,80}?)?[ \t]*(?:\r?\n[ \t]*)?\{'
        # a function stored under a key of it (a JS object's ``together: function () {``)
        rb'|(?<![\w$])' + _NO_PURPOSE + rb'\w{0,30}together\w{0,30}["\']?[ \t]*:[ \t]*(?:async[ \t]+)?function[ \t]*\w{0,40}[ \t]*\([^()\r\n]{0,200}\)[ \t]*\{'
        rb'|<together(?:[_-]?ai)?>'
        # a Markdown heading of Together's alone (``## Together AI``,
        # ``### Together API keys``, closed ``## Together AI ##``; not
        # ``## Working together``), also underlined (setext: ``Together
        # AI`` over ``===``) or all bold (``**Together AI**``)
        rb'|#{1,6}[ \t]+' + _HEADING_WORDS + rb'(?:[ \t]+#+)?'
        # (an Org headline, ``* Together AI``, maybe its tags ``:llm:``)
        + rb'|(?<![^\n])\*{1,6}[ \t]+' + _HEADING_WORDS + rb'(?:[ \t]+:[\w@:]{1,60}:)?(?=[ \t]*\r?$)'
        # (in code, the same words alone in any line or block comment:
        # ``// Together AI``, ``-- Together``, ``; Together``, ``REM
        # Together``, ``/* Together AI */``, ``<!-- Together AI -->``)
        + rb'|(?<![^\n])(?://|--|;{1,2}|%{1,2}|(?i:rem)|::)[ \t]+' + _HEADING_WORDS + rb'(?:[ \t]+(?://|--))?'
        + rb'|(?<![^\n])/\*+[ \t]*' + _HEADING_WORDS + rb'[ \t]*\*+/'
        + rb'|(?<![^\n])[ \t]*<!--[ \t]*' + _HEADING_WORDS + rb'[ \t]*-->'
        + rb'|(?<![^\n])' + _HEADING_WORDS + rb'[ \t]*\r?\n(?:={3,}|-{3,})'
        + rb'|(?<![^\n])\*\*' + _HEADING_WORDS + rb'\*\*'
        # or an XML start tag whose id, name or class names it (Spring's
        # ``<bean id="togetherClient" class="ai.together.TogetherClient">``)
        rb'|<[\w:.-]{1,40}(?:[ \t]+[\w:.-]{1,40}=["\'][^"\'<>\r\n]{0,120}["\'])*?[ \t]+(?:id|name|class)=["\']'
        rb'(?:[\w-]{1,40}[.:/]){0,6}\w{0,16}?together\w{0,16}["\'][^<>\r\n/]{0,200}>'
        # or a plist's ``<key>`` naming the ``<dict>`` or ``<array>`` on
        # the line below it (``<key>Together</key>`` over ``<dict>``: the
        # label ``detect.context.indent_spans`` gives that block)
        rb'|(?<![^\n])[ \t]*<key>[ \t]*(?i:together(?:[ _.-]?ai)?)[ \t]*</key>[ \t]*\r?\n[ \t]*<(?:dict|array)>'
        rb')[ \t]*\r?\Z'
    ),
    url=rb'https?://api\.together\.(?:xyz|ai)\b',
    # A HAR entry's headers, a curl over continuation lines, a URL constant
    # a few statements above its request: all well inside 4 KB.
    reach=4096,
    veto=_DIGEST_HEADING, field_veto=_OBJECT_VETO,
    structure_label=STRUCTURE_LABEL,
)
# The same, but only a structure around the key answers.
TOGETHER_STRUCTURE = Context(
    mention=TOGETHER_CONTEXT.mention, label=TOGETHER_CONTEXT.label, url=TOGETHER_CONTEXT.url,
    reach=TOGETHER_CONTEXT.reach, statements=False, veto=_DIGEST_HEADING, field_veto=_OBJECT_VETO,
    structure_label=TOGETHER_CONTEXT.structure_label,
)
# Only a Together heading (or the name's own flat group): for another
# service's secret (``SESSION_SECRET``, ``db_password``) in a block that
# also configures Together.
TOGETHER_HEADING = Context(
    mention=TOGETHER_CONTEXT.mention, label=TOGETHER_CONTEXT.label, url=TOGETHER_CONTEXT.url,
    reach=TOGETHER_CONTEXT.reach, statements=False, scope='heading', veto=_DIGEST_HEADING, field_veto=_OBJECT_VETO,
    structure_label=TOGETHER_CONTEXT.structure_label,
)
# Only the name's flat group: for a prefixed ``_KEY`` (``LLM_KEY`` beside
# ``LLM_URL``), a word that names many other keys (``cache_key``,
# ``ENCRYPTION_KEY``, ``idempotency_key``).
TOGETHER_GROUP = Context(
    mention=TOGETHER_CONTEXT.mention, label=TOGETHER_CONTEXT.label, url=TOGETHER_CONTEXT.url,
    reach=TOGETHER_CONTEXT.reach, statements=False, scope='group', veto=_DIGEST_HEADING, field_veto=_OBJECT_VETO,
)
# The provider's own name is the context; a heading that says the map
# holds digests (``EXPECTED_SHA256 = {"together": ...}``) takes it back.
TOGETHER_NAMED = Context(
    mention=TOGETHER_CONTEXT.mention, label=TOGETHER_CONTEXT.label, url=TOGETHER_CONTEXT.url,
    reach=TOGETHER_CONTEXT.reach, scope='named', veto=_DIGEST_HEADING, field_veto=_OBJECT_VETO,
)
# A value field whose own object, row or statement has a name field
# naming a Together key, after it as well as before (keys come in any
# order: ``- value: <key>`` then ``name: TOGETHER_API_KEY``; SQL's ``SET
# value = <key> WHERE name = 'together_api_key'``), or a label or title
# field (a UI widget's ``value="<key>", label="Together API key"``, a
# flow export's ``"display_name": "Together AI API Key"``); only
# the structure right around the value answers.
TOGETHER_NAME_FIELD = Context(
    mention=(
        # (or a help text or a description of Together's key alone: an
        # argparse or click option's ``default=<key>, help="Together API
        # key."``, GitLab CI's ``description: "Together API key"`` over
        # ``value:``)
        rb'(?<![\w-])(?:(?:(?i:secret|variable|env|parameter)[_-])?(?i:name|key)|(?P<label>(?i:label|title|display[_-]?name|help|description)))\\?["\']?[ \t]{0,8}[=:][ \t]{0,8}\\?["\']?'
        + _LEGACY_NAME
        # (a label may go on in words: not to a digest's, ``Together API key SHA-256``)
        + rb'(?![\w-]|[ \t(]{1,8}(?i:sha|md5|hash|digest|checksum|fingerprint))'
        # (a name, label or title names the key only where it ends there:
        # not ``Together API key ID``, ``... prefix``, ``... rotation
        # commit``; a name field may also end at a comment or a separator)
        + rb'(?(label)(?=[ \t]{0,4}[:*.]?[ \t]{0,4}(?:\\?["\'<,})\r\n]|$))'
        + rb'|(?=[ \t]{0,4}(?:\\?["\'<,;&|#})\]\r\n]|$)))'
    ),
    label=rb'(?!)', url=TOGETHER_CONTEXT.url, reach=TOGETHER_CONTEXT.reach, statements=False,
    scope='field', veto=_DIGEST_HEADING, field_veto=_OBJECT_VETO,
)
# A value field's object saved under a Together key's name by the call
# after it, on the same line (Prefect's ``Secret(value=<key>).save(
# "together-api-key")``): the mention holds the value itself.
TOGETHER_SAVED_AS = Context(
    mention=(
        rb'["\'][0-9a-f]{64}["\'][ \t]{0,8}\)\.(?i:save|store|put|set)\([ \t]{0,8}["\']'
        + _LEGACY_NAME + rb'["\']'
    ),
    label=rb'(?!)', url=TOGETHER_CONTEXT.url, reach=TOGETHER_CONTEXT.reach, statements=False,
    veto=_DIGEST_HEADING, field_veto=_OBJECT_VETO,
)
# A secret store's service or label named for Together: the name alone,
# or with an environment or a credential word after it, each part after a
# separator (``together-prod``, ``together_dev``, ``together-ai-staging``,
# ``together-api-key``); not a name going on in another word
# (``together-checksums``, ``togetherness-app``, ``together-prod.tar.gz``).
_TOGETHER_SERVICE_PARTS = (
    rb'(?:[_.-](?i:api|keys?|tokens?|secrets?|credentials?|auth|password|env|' + _QUALIFIER + rb')){0,4}'
)
# The flags naming a keychain item's service or label (macOS ``security``'s
# ``-s``, ``-l``; ``--service``, ``--label`` of other stores' CLIs), right
# before the name (the rule's anchor reads from the name's first byte).
_SERVICE_FLAG_BEHIND = (
    rb'(?:(?<=[ \t]-[sl][ \t=])|(?<=[ \t]-[sl][ \t=]["\'])|(?<=--service[ \t=])|(?<=--service[ \t=]["\'])'
    rb'|(?<=--label[ \t=])|(?<=--label[ \t=]["\']))'
)
# A short value flag's command line (the OpenAI CLI's ``-k <key>`` beside
# ``--api-base`` naming Together's endpoint; the macOS keychain's ``-w
# <key>`` for the service ``-s together``, ``-s together-prod``, ``--service
# together_dev``, ``-l together-ai-staging``): only the key's line answers,
# and a short flag names nothing alone (``openssl enc -k <hex>`` is a
# passphrase).
TOGETHER_SHORT_FLAG = Context(
    mention=TOGETHER_CONTEXT.mention
    + rb'|(?<![\w-])(?:-[sl]|--service|--label)(?:[ \t]{1,8}|=)["\']?(?i:together(?:[ _.-]?ai)?)'
    + _TOGETHER_SERVICE_PARTS + rb'["\']?(?![\w.-])',
    label=rb'(?!)', url=TOGETHER_CONTEXT.url, reach=TOGETHER_CONTEXT.reach,
    statements=False, scope='field', veto=_DIGEST_HEADING, field_veto=_OBJECT_VETO,
)
# Only the call right around the value (its positional arguments): a
# constructor's string argument naming Together, then the value
# (``new Provider("together", <key>)``; not ``new Provider("openai",
# <key>)`` beside Together's).
TOGETHER_CALL = Context(
    mention=TOGETHER_CONTEXT.mention, label=rb'(?!)', url=TOGETHER_CONTEXT.url, reach=TOGETHER_CONTEXT.reach,
    statements=False, scope='field', veto=_DIGEST_HEADING, field_veto=_DIGEST_WORDS,
)
# A value whose line ends in a comment of Together's words alone
# (``KEY = "<key>"  # Together API key``, ``= "<key>"; // Together``):
# the mention holds the value itself (a pattern reads only a few bytes
# past its value), only the key's own line answers.
TOGETHER_TRAILING_COMMENT = Context(
    mention=(
        rb'[0-9a-f]{64}["\'`]{0,3}[ \t]{0,8}[;,)]{0,2}[ \t]{1,8}(?:#|//|--|;)[ \t]{0,8}'
        rb'(?i:' + _HEADING_WORDS + rb')[ \t]*\r?(?m:$)'
    ),
    label=rb'(?!)', url=TOGETHER_CONTEXT.url, reach=TOGETHER_CONTEXT.reach, statements=False,
    scope='field', veto=_DIGEST_HEADING, field_veto=_OBJECT_VETO,
)
# A call's string argument whose next argument names a Together key
# (``vault.create_secret('<key>', 'together_api_key')``).  The mention
# holds the value itself: only the argument right before the name is
# named by it (not ``cache.set('<hex>', 'sha256', 'together_api_key')``;
# a pattern's lookahead reads only a few bytes past the value).
TOGETHER_NEXT_ARGUMENT = Context(
    # (or a keyword argument naming the variable it is read from: typer's
    # and click's ``Option(<key>, envvar="TOGETHER_API_KEY")``, pydantic's
    # ``Field(<key>, alias=...)``), or an argument label naming the key
    # it is stored under (Swift's ``UserDefaults.standard.set(<key>,
    # forKey: "togetherAPIKey")``, a keychain wrapper's ``account:``)
    mention=rb'["\'][0-9a-f]{64}["\'][ \t]{0,8},[ \t]{0,8}(?:(?:forKey|key|account|service)[ \t]{0,8}:[ \t]{0,8})?'
            rb'(?:(?i:env_?var|env|alias|name|key)[ \t]{0,8}=[ \t]{0,8})?["\']' + _LEGACY_NAME + rb'["\']',
    label=rb'(?!)', url=TOGETHER_CONTEXT.url, reach=TOGETHER_CONTEXT.reach, statements=False,
    scope='field', veto=_DIGEST_HEADING, field_veto=_OBJECT_VETO,
)
# A value printed into a pipe whose command, on the same line, stores it
# under a Together key's name, or into a file so named (``echo <key> | pass insert
# together/api-key``, ``printf <key> | vercel env add TOGETHER_API_KEY``,
# ``| gcloud secrets create together-api-key --data-file=-``,
# ``> ~/.config/together/api_key``).
TOGETHER_PIPED_NAME = Context(
    mention=(
        rb'(?:\||>)[^\r\n|;&#]{0,200}?(?<![\w-])' + _LEGACY_NAME
        # (a file named for its digest is not the key's: ``together_api_key.sha256``)
        + rb'(?![\w-]|\.\w{0,8}(?i:sha|sum|md5|hash|digest))'
        # or a Kubernetes Secret named for Together that reads the pipe
        # (``| kubectl create secret generic together-api
        # --from-file=api-key=/dev/stdin``, as for kubeseal)
        rb'|\|[^\r\n|;&#]{0,200}?(?<![\w-])secret[ \t]+generic[ \t]+(?i:together(?:[_-]?ai)?)'
        rb'(?:[_-](?:api|credentials?|secrets?|keys?|tokens?|auth))*(?![\w.-])'
        # (a file key naming a digest is not the key's: ``--from-file=sha256=-``)
        rb'[^\r\n|;&#]{0,200}?--from-file(?:=|[ \t]{1,8})(?:(?![\w.-]{0,40}(?i:sha|md5|hash|digest|checksum|fingerprint|sum|etag|id(?![a-z])))[\w.-]{1,40}=)?(?:/dev/stdin|-)(?![\w/.-])'
    ),
    label=rb'(?!)', url=TOGETHER_CONTEXT.url, reach=TOGETHER_CONTEXT.reach, statements=False,
    scope='field', veto=_DIGEST_HEADING, field_veto=_OBJECT_VETO,
)
# A CSV's credential column (``Title,Website,Username,Password``) in a
# row naming Together (its host, or a field all Together's: a password
# manager's export, ``Together AI,https://api.together.xyz,...``), the
# header anywhere above (``Pattern.csv_column``): its fields' names for a
# credential, and a row's field naming Together.
_CSV_CREDENTIAL = (
    # (a whole column name: ``Key`` alone too, as a wiki's ``| Service |
    # Key |`` table heads it; never ``cache_key`` or ``public key``)
    r'(?i:(?:login_)?password|(?:api[ _-]?)?key|secret|token|credential)',
    r'\A\s*(?i:together(?:[ _-]?ai)?)\s*\Z|api\.together\.(?:xyz|ai)\b',
)
# An HTML table's row of a name and its value (``<td>TOGETHER_API_KEY</td>``
# or ``<td>Together AI</td>`` then ``<td><key></td>``): the name cell's
# whole text a Together key's name; or an API key's (``HTML_KEY_CELL``:
# ``api_key``, Django's debug locals), Together's where another row of the
# table names Together (``_CSV_CREDENTIAL``'s second regex) and none
# another endpoint.
HTML_NAME_CELL = r'(?i:together(?:[ _-]?ai)?(?:[ _-]?api)?[ _-]?(?:key|token)s?)'
HTML_KEY_CELL = (
    r'(?i:(?:[\w.-]{0,30}[_.-])?(?:api[ _.-]?key|access[_.-]?token|auth[_.-]?token|token)'
    r'|(?:api[ _-]?)?key)'
)
# A word one of the first regex's matches always holds, lower-cased: a
# line without any is no header, told without the regex
# (``detect.csvrow``; tests/rules_test.py holds them together).
CSV_HEADER_WORDS = (b'password', b'key', b'secret', b'token', b'credential')
# Other providers' own SDK clients, by class (``Anthropic(``, ``new
# Groq({``, ``cohere.ClientV2(``, LangChain's ``ChatMistralAI(``): a call
# of one is that provider's structure, as an ``anthropic:`` block is,
# unless its own arguments point it at Together (``detect.context``).
# Not OpenAI's: ``OpenAI(base_url=...)`` is how Together is called.
OTHER_CLIENTS = (
    rb'(?:Async)?(?:Anthropic(?:Bedrock|Vertex)?|Groq|Fireworks|Cerebras|Mistral(?:Async)?(?:Client)?)'
    rb'|Chat(?:Anthropic|Groq|Cohere|MistralAI|GoogleGenerativeAI|VertexAI|Fireworks|Cerebras|DeepSeek|XAI|Ollama)'
    rb'|CohereClient(?:V2)?|GoogleGenerativeAI|cohere\.(?:Async)?Client(?:V2)?|genai\.Client|replicate\.Client'
)
# A secret store's read command on the line above a key alone on its line,
# the command's output (``Pattern.before``, ending where the key starts):
# the command names Together's secret, by a Together key's name or a path,
# item or service ending in Together's (``vault kv get -field=api_key
# secret/llm/together``, ``security find-generic-password -s together
# -w``, PowerShell's ``Get-Secret -Name TogetherApiKey -AsPlainText``,
# ``op read op://dev/Together/credential``, ``pass show together/api-key``);
# not a field or item naming a digest or another purpose (``-field=sha256``,
# ``pass show together/release-sha``: ``NON_KEY_PURPOSE`` in a word its
# path does not go on from: a folder, ``pass show api/public/together``,
# is where the item is kept, not what it is for; in a 1Password
# reference only the vault, ``op://vault/item/field``, is one: its item
# names the secret, ``op read op://together/release-sha256/credential`` a
# digest), nor a field other than a credential's (``-field=webhook_secret``;
# a credential's field may say its kind and its stage: ``-field=bearer_token``,
# ``-field=api_key_v2``; an ``auth``/``access``/``bearer`` one is a key's or a
# token's, ``-field=auth_secret`` is Auth.js's session secret).
SECRET_READ_WORDS = (
    b'get-secret', b'vault ', b'security ', b'op ', b'pass ', b'gopass ', b'secret-tool ', b'bw ',
    b'gcloud ', b'keyring ', b'doppler ', b'kubectl ', b'heroku ', b'ssm ', b'keyvault ',
)
# (the command on the one line above the key: its longest match, a
# command word, 400 bytes of its line and the name, within this)
SECRET_READ_REACH = 512
_SECRET_READ_BEFORE = (
    rb'(?i:get-secret|vault[ \t]{1,8}(?:kv[ \t]{1,8})?(?:get|read)|security[ \t]{1,8}find-(?:generic|internet)-password'
    rb'|op[ \t]{1,8}read|g?pass[ \t]{1,8}show|secret-tool[ \t]{1,8}lookup|bw[ \t]{1,8}get[ \t]{1,8}password'
    rb'|gcloud[ \t]{1,8}secrets[ \t]{1,8}versions[ \t]{1,8}access|keyring[ \t]{1,8}get|doppler[ \t]{1,8}secrets[ \t]{1,8}get'
    rb'|op[ \t]{1,8}item[ \t]{1,8}get(?=[^\r\n]{0,300}[ \t]--reveal(?![\w-]))'
    # (a platform's config or a cloud's parameter store read back:
    # ``heroku config:get NAME``, ``aws ssm get-parameter --name
    # /app/together_api_key ... --output text``, ``az keyvault secret show
    # --name together-api-key --query value -o tsv``)
    rb'|heroku[ \t]{1,8}config:get|ssm[ \t]{1,8}get-parameters?|keyvault[ \t]{1,8}secret[ \t]{1,8}show'
    rb'|kubectl[ \t](?:[^\r\n|;&]{0,120}?[ \t])?get[ \t]{1,8}secrets?(?![\w-])(?=[^\r\n]{0,300}\|[ \t]{0,8}base64[ \t]{1,8}(?:-d|--decode)(?![\w-])))'
    rb'(?![^\r\n]{0,300}' + NON_KEY_PURPOSE + rb'[^\s/]{0,80}(?=\s))'
    rb'(?![^\r\n]{0,300}(?i:op)://[^\s/]{1,80}/[^\s]{0,160}?' + NON_KEY_PURPOSE + rb')'
    rb'(?![^\r\n]{0,300}[ \t]-{1,2}(?i:fields?)[ \t=]{1,4}["\']?(?:label=|(?!label=))'
    rb'(?!(?i:(?:together[_-]?(?:ai[_-]?)?)?(?:(?:api[_-]?)?(?:keys?|tokens?|password|credentials?|secret)'
    rb'|(?:access|auth|bearer)[_-]?(?:keys?|tokens?))'
    rb'(?:[_-]' + _QUALIFIER + rb')?)(?![\w-])))'
    rb'[^\r\n]{0,200}?(?:(?<=[ \t=/:"\'])(?i:together(?:[_-]?ai)?)(?:[_-]?(?i:api))?(?:[_-]?(?i:keys?|tokens?|credentials?))?'
    # (and an environment or a credential word after a separator: ``-s together-prod``)
    + _TOGETHER_SERVICE_PARTS + rb'(?=[ \t"\'/;]|\r?\n)'
    rb'[^\r\n]{0,200}?)\r?\n\Z'
)
# A list of keys above one of its items (``Pattern.before``, ending where
# the item starts): its name (``keys``, ``api_keys``, ``tokens``; not
# ``public_keys``) then, in block form, a comment and the items and
# comment lines before it, or, in flow form, the items before it
# (unquoted, quoted; no nested list or map).  Each repetition starts on
# a character the one before cannot take: linear on any text.
_KEY_LIST_ITEM = rb'\s{0,40}[^,\[\]{}\s][^,\[\]{}\r\n]{0,200}'
# A parent's name that only says its keys are credentials (``auth:``,
# ``credentials:``, ``secrets:``): passed over to the name above it.
_CREDENTIAL_PARENT = rb'auth(?:entication)?|credentials?|secrets?'
# A list of keys' own name (``keys``, ``api_keys``, ``tokens``), or such a
# parent's.
_KEY_LIST_NAME = rb'(?i:(?:api[_.-]?)?(?:keys|tokens)|' + _CREDENTIAL_PARENT + rb')'
_KEY_LIST_BEFORE = (
    # (the match starts at the word: ``Pattern.before_words``)
    rb'(?:(?<![\w-])|(?<=(?<![\w-])(?i:api))|(?<=(?<![\w-])(?i:api)[_.-]))(?i:keys|tokens)["\']?[ \t]{0,32}[=:][ \t]{0,32}'
    rb'(?:(?:#[^\r\n]{0,120})?(?:\r?\n[ \t]{0,32}(?:-[ \t]{1,8}[^\r\n]{1,200}|#[^\r\n]{0,200})?){0,64}\r?\n'
    rb'|\[(?:' + _KEY_LIST_ITEM + rb',){0,64}' + _KEY_LIST_ITEM + rb')?\Z'
)
# The same list, its items maps (``- {name: prod, value: <key>}``, or
# ``- name: prod`` with ``value: <key>`` indented under it): above an
# item, the items before it and their fields' lines too (a line indented
# under its item, not one opening a map of its own: ``other:`` after the
# list ends is no item's field).  Block form only.
_KEY_LIST_ITEMS_BEFORE = (
    rb'(?:(?<![\w-])|(?<=(?<![\w-])(?i:api))|(?<=(?<![\w-])(?i:api)[_.-]))(?i:keys|tokens)["\']?[ \t]{0,32}:[ \t]{0,32}'
    rb'(?:#[^\r\n]{0,120})?(?:\r?\n(?:[ \t]{0,32}-[ \t]{1,8}[^\r\n]{1,200}|[ \t]{0,32}#[^\r\n]{0,200}|[ \t]{0,32}'
    rb'|[ \t]{1,32}(?![-#\s])[^\r\n]{0,199}[^:\s])){0,64}\r?\n\Z'
)
# A map of keys above one of its entries (``Pattern.before``, ending
# where the entry starts): its name (``keys``, ``api_keys``, ``tokens``)
# and the map's opening (bash's ``declare -A API_KEYS=(``, PowerShell's
# ``$keys = @{``, Lua's and HCL's ``{``), the entries before it.
# The opening may be a constructor or a call building the map (Java's
# ``Map.of(``, Kotlin's ``mapOf(``, Scala's ``Map(``, Julia's ``Dict(``,
# R's ``list(`` after ``<-``, C#'s ``new Dictionary<string, string> {``,
# JavaScript's ``new Map([``, PHP's ``[``), or a setter on the map
# (``apiKeys.put(``, Rust's ``keys.insert(``); the entries before it may
# hold brackets of their own, one level (``{ "openai", … }, {``).
_KEY_MAP_BEFORE = (
    rb'(?:(?:(?<![\w-])|(?<=(?<![\w-])(?i:api))|(?<=(?<![\w-])(?i:api)[_.-]))(?i:keys|tokens|secrets|credentials)["\']?[ \t]{0,32}'
    rb'(?:(?:[=:]|<-)[ \t]{0,32}(?:(?:new[ \t]{1,8})?[A-Za-z_][\w.:]{0,40}(?:<[^<>\r\n]{0,80}>)?[ \t]{0,8}(?:\(\)[ \t]{0,8})?)?'
    rb'(?:(?:@?\{|\(|\[)[ \t]{0,8}){1,2}'
    rb'|\.(?i:insert|put|set|add|try_?add|store|merge)\([ \t]{0,8})'
    # (or a type so named, its members the entries: Swift's ``enum Secrets {``
    # over ``static let together = <key>``, Kotlin's ``object Keys {``)
    rb'|(?:(?<=enum )|(?<=struct )|(?<=class )|(?<=object ))(?i:keys|tokens|secrets|credentials)'
    rb'(?::[^{}()\[\]\r\n]{0,80})?[ \t]{0,8}\{[ \t]{0,8})'
    rb'(?:[^{}()\[\]]|\{[^{}()\[\]]{0,200}\}|\([^{}()\[\]]{0,200}\)|\[[^{}()\[\]]{0,200}\]){0,400}'
    # (a pair's own bracket: C#'s ``{ "together", <key> }``, ``["together", <key>]``)
    rb'(?:[{(\[][ \t]{0,8})?\Z'
)
# A map of Together keys by stage or rotation above one of its entries
# (``Pattern.before``, ending where the entry starts): a Together key's
# name, plural or not, maybe words after a comma (prose's ``Together AI
# keys, rotated May:``), then a YAML block's entries before it, each
# named by a qualifier (``together_api_keys:`` then ``prod: <key>`` and
# ``staging: <key>``, ``old:``/``new:``), or a flow map's opening
# (``{"together_api_keys": {"prod": <key>, ...}}``).
_STAGE_ENTRY = rb'["\']?(?i:' + _QUALIFIER + rb')["\']?[ \t]{0,8}(?:=>|[:=])'
_STAGE_MAP_BEFORE = (
    rb'(?i:together)(?:\'s)?(?:[ _.-]?(?i:ai))?(?:[ _.-]?(?i:api))?[ _.-]?(?i:keys?|tokens?)'
    rb'(?![\w-])["\']?(?:,[^\r\n:={}]{1,60})?[ \t]{0,32}'
    rb'(?:(?:=>|[:=])[ \t]{0,32}(?:\{[^{}]{0,400})?'
    rb'|:?[ \t]{0,32}(?:#[^\r\n]{0,120})?(?:\r?\n[ \t]{1,32}(?:-[ \t]{1,8})?' + _STAGE_ENTRY + rb'[^\r\n]{0,200}){0,8}\r?\n)\Z'
)
# An inline list's name and the items before one of its items
# (``Pattern.before``): ``OPENAI_API_KEYS="<k1>;<k2>;<k3>"``, commas or
# blanks between them, a flow list ``api_keys = ["<k1>", "<k2>"]``.
# Each repetition starts on a character the one before cannot take.  An
# item followed by blanks alone holds no ``:`` or ``=``: that is the next
# field's name (``together_tokens=512 prompt_sha256: <sha256>``).
_INLINE_OPEN = rb'["\']?[ \t]{0,32}(?:=>|[=:])[ \t]{0,32}[\[(]?\s{0,40}(?:-[ \t]{1,8})?["\']?'
_INLINE_ITEM = (
    rb'(?:(?:[^\s;,"\'()\[\]]{1,200}["\']?[ \t]{0,8}[;,][ \t]{0,8}(?:\r?\n[ \t]{0,32})?'
    rb'|[^\s;,"\'()\[\]:=]{1,200}["\']?(?:[ \t]{0,8}\r?\n[ \t]{0,32}-)?[ \t]{1,8})["\']?)'
)
# What may part an item of a list of keys from the one before it (a
# separator, blanks, a YAML block item's line break and dash, comments
# and comment lines; a line break alone never), nothing naming a field:
# an item after one that was
# found is in the same list, however long the list (``LIST_GAP_REACH``
# bytes at most between them; ``engine``).
LIST_GAP = (
    rb'["\']?[ \t]{0,8}(?:#[^\r\n]{0,200})?'
    # a separator, then maybe line breaks (a flow list over lines), or
    # line breaks (and comment lines) then a YAML item's dash; or blanks
    rb'(?:[;,][ \t]{0,8}(?:\r?\n[ \t]{0,32}(?:#[^\r\n]{0,200})?){0,8}'
    rb'|(?:\r?\n[ \t]{0,32}(?:#[^\r\n]{0,200})?){0,8}\r?\n[ \t]{0,32}-[ \t]{1,8})?["\']?'
)
LIST_GAP_REACH = 512
_INLINE_ITEMS = _INLINE_OPEN + _INLINE_ITEM + rb'{0,31}\Z'
# Its name: an API keys name, unprefixed or OpenAI's, maybe an object's
# attribute (Open WebUI's ``OPENAI_API_KEYS``, paired with
# ``OPENAI_API_BASE_URLS``), each word of it a ``before_words``; or a
# Together name (``TOGETHER_API_KEYS``, ``together_tokens``).
_API_KEYS_NAME = rb'(?:(?<![\w./-])|(?<=\.)|(?<=(?<![\w./-])(?i:openai)[_.-]))'
_API_KEYS_BEFORE = _API_KEYS_NAME + rb'(?i:api[_.-]?keys)' + _INLINE_ITEMS
# A bare ``tokens`` list holds keys only with more than one item (a
# single ``usage.tokens=<sha256>`` is a count's or a digest's): an item
# after another (``_TOKENS_BEFORE``), or the first before another
# (``_TOKENS_OPEN``, then ``_MORE_ITEMS`` after it).
_TOKENS_BEFORE = _API_KEYS_NAME + rb'(?i:tokens)' + _INLINE_OPEN + _INLINE_ITEM + rb'{1,31}\Z'
_TOKENS_OPEN = _API_KEYS_NAME + rb'(?i:tokens)' + _INLINE_OPEN + rb'\Z'
_MORE_ITEMS = (
    rb'(?=["\']?(?:(?:[ \t]{0,8}[;,][ \t]{0,8}|[ \t]{0,8}\r?\n[ \t]{0,32}-[ \t]{1,8})["\']?[^\s;,"\'()\[\]]'
    rb'|[ \t]{1,8}["\']?[^\s;,"\'()\[\]:=]{1,200}(?![^\s;,"\'()\[\]])))'
)
_TOGETHER_KEYS_BEFORE = (
    rb'(?<![\w-])(?i:together(?:[_.-]?ai)?[_.-]?(?:api[_.-]?)?(?:keys|tokens))' + _INLINE_ITEMS
)
# An item of a list (``_INLINE_ITEMS``, the list's name above): the key,
# right after a separator, an opener or a quote.
_LIST_ITEM = rb'(?<=[;,=:\[( \t"\'\n])' + _HEX_KEY
# A password manager's export header, as 1Password, LastPass, Bitwarden,
# Chrome, KeePass and Dashlane write it (each a whole field): a username
# or login column and a title, name or URL column; not a log's or a usage
# export's (LiteLLM's spend logs: ``request_id,call_type,api_key,spend,...``,
# its ``api_key`` a virtual key's sha256), with a request id, spend,
# tokens, hash or model column (searched in each field).
_CSV_EXPORT_HEADER = (
    r'(?i:(?:login[ _]?)?(?:user[ _]?name|e-?mail)|login(?:[ _]?name)?|user)',
    r'(?i:title|name|url|uri|login_uri|web[ _]?site|account)',
    r'(?i:request[ _]?id|spend|tokens|hash|model)',
    # or a database table's (a CSV or TSV dump, ``psql``'s and ``mysql``'s
    # output): a provider or name column naming Together in the row
    r'(?i:provider|vendor|service|platform|integration|name)',
)
# Documents read as prose (a wiki page, notes, a commit message): their
# Markdown headings hold the sections under them, up to
# ``Context.section_reach`` (a team wiki's ``## Together AI`` over its
# entries).  In any other file (code, configs, scripts) a comment shaped
# like a heading (``# Together AI`` and an empty line) holds only the
# block right under it: its lines up to the next empty line.
PROSE_SUFFIXES = (
    '.md', '.markdown', '.mdown', '.mkd', '.mdx', '.rst', '.txt', '.text', '.adoc', '.asciidoc',
    '.org', '.wiki', '.mediawiki', '.textile', '.rdoc', '.pod', '.eml', '.mbox',
)
PROSE_NAMES = ('COMMIT_EDITMSG', 'MERGE_MSG', 'TAG_EDITMSG', 'SQUASH_MSG', '-')


# An Org document's headings are its headlines (``* Together AI``, the
# level its stars), not Markdown's (``*`` starts a list item there).
ORG = 2


def is_prose(path: str) -> int:
    """Is the file at ``path`` (a container's member by its own name) a
    document whose headings hold their sections (``PROSE_SUFFIXES``)?
    ``ORG`` (truthy) for an Org document."""
    name = path.rsplit('!', 1)[-1].replace('\\', '/').rsplit('/', 1)[-1]
    if name.lower().endswith('.org'):
        return ORG
    return name in PROSE_NAMES or name.lower().endswith(PROSE_SUFFIXES)


# A list of keys' parent: any structure around it (not the list's own
# name) naming Together (``together:`` then ``keys:``, also with
# ``prod:`` between them), unless a nearer one names another purpose
# (``together:`` then ``cache:`` or ``idempotency:`` then ``keys:``, a
# cache's digests) or another provider.
TOGETHER_PARENT = Context(
    mention=TOGETHER_CONTEXT.mention, label=TOGETHER_CONTEXT.label, url=TOGETHER_CONTEXT.url,
    reach=TOGETHER_CONTEXT.reach, statements=False, scope='parent', veto=_DIGEST_HEADING, field_veto=_OBJECT_VETO,
    own=_KEY_LIST_NAME, purpose=NON_KEY_PURPOSE,
    structure_label=TOGETHER_CONTEXT.structure_label,
)
# A bare ``key``'s parent, as a list's.
TOGETHER_KEY_PARENT = Context(
    mention=TOGETHER_CONTEXT.mention, label=TOGETHER_CONTEXT.label, url=TOGETHER_CONTEXT.url,
    reach=TOGETHER_CONTEXT.reach, scope='parent', veto=_DIGEST_HEADING, field_veto=_OBJECT_VETO,
    own=rb'(?i:' + _CREDENTIAL_PARENT + rb')', purpose=NON_KEY_PURPOSE,
    structure_label=TOGETHER_CONTEXT.structure_label,
)
# What a generic name's kind asks of the structure around its key, the
# first that matches the whole name: a name qualified by a digest word
# names a digest (``hashed_token``, ``sha256.secret``); an API key or
# token, or a bare secret, password or key, is Together's in a Together
# structure; another service's secret or password (``SESSION_SECRET``,
# ``dbPassword``, ``client_secret``: Together keys are API keys and
# tokens) only under a Together heading; a prefixed ``_KEY`` (``LLM_KEY``)
# only in its flat group.
NAME_KINDS: tuple[tuple[bytes, Context | None], ...] = (
    (rb'(?i:.*(?:hash|digest|checksum|sha\d|fingerprint|salt).*)', None),
    # A token a web session or a listing hands out, never an API key
    # (a HAR's ``x-csrf-token``, ``session_token``, ``next_page_token``).
    (rb'(?i:.*(?:csrf|xsrf|session|refresh|nonce|cursor|page|continuation|idempoten).*'
     rb'|(?:.*[_.-])?id[_.-]?token)', None),
    # A secret that signs or encrypts, never an API key, however Together's
    # the section holding it (``[together]`` then ``webhook_secret =``,
    # ``"Together": {"WebhookSecret": ...}``, ``signing_secret``, ``hmac_key``).
    (rb'(?i:.*(?:webhook|signing|signature|hmac|encrypt|cipher).*)', None),
    # (``--key``: a CLI's flag, llm's ``--key <key>``; ``credential``: a
    # password manager's API Credential field; a CLI's password flag, bare
    # or a connection's or an API's, Airflow's ``connections add together
    # --conn-password <key>``: the command it is passed to is where it
    # goes; another service's, ``--db-password``, ``--client-secret``, is
    # as ``dbPassword`` below; so is a connection's own password field,
    # Airflow's ``conn_password`` in ``airflow_settings.yaml`` beside its
    # ``conn_host``)
    (rb'(?i:.*(?:api[_.-]?key|access[_.-]?token|auth[_.-]?token|token)|(?:(?:api|conn(?:ection)?)[_.-]?)?(?:secret|password|passwd)'
     rb'|-{1,2}key|-{1,2}(?:(?:api|conn(?:ection)?)-)?(?:password|passwd|secret)|credentials?)',
     TOGETHER_STRUCTURE),
    # A bare ``key`` names a cache's or a map's key as often: any parent
    # naming Together counts unless a nearer one names another purpose
    # (``together:`` then ``prod:`` then ``key:``; not ``together:`` then
    # ``cache:`` then ``key:``: ``NON_KEY_PURPOSE``).
    # (so does a private or a default one: Dart's ``_key``, ``DEFAULT_KEY``)
    (rb'(?i:_{0,2}(?:(?:default|fallback)[_.-]?)?key)', TOGETHER_KEY_PARENT),
    (rb'(?i:.*(?:secret|password|passwd))', TOGETHER_HEADING),
    (rb'(?i:.*\w[_.-]key)', TOGETHER_GROUP),
    # (and a camelCase local's ``Key``, ``llmKey := <key>`` beside
    # ``llmURL``: its group the locals sharing its lower-case prefix)
    (rb'[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)*Key', TOGETHER_GROUP),
    (rb'(?s:.*)', None),  # ``monkey``
)


def _whole_run(group: bytes, prefix: bytes, body: bytes, chars: bytes, ends: bytes = b'') -> bytes:
    """Group ``group``: ``prefix`` + ``body`` where the run of ``chars`` ends
    right after it (or where ``ends``, a lookahead, says a marker made of
    those characters follows); else the rest of that run, as group
    ``skip``, so the search goes on after the run instead of retrying at
    each ``prefix`` inside it (10 MB of ``tgp_v1_`` repeated: 0.01 s, not
    0.15 s).  The lookahead-and-backreference consumes the run without
    backtracking (what ``*+`` does from Python 3.11).  ``prefix`` stays a
    literal prefix of the whole regex, which re searches for quickly."""
    return (
        b'(?P<' + group + b'>' + prefix
        + b'(?:' + body + b'(?:(?![' + chars + b'])' + (b'|' + ends if ends else b'') + b')'
        + b'|(?=(?P<skip>[' + chars + b']*))(?P=skip)))'
    )


# ``git diff --word-diff``'s deletion ends ``-]``, a key character then a
# bracket, right after the old value (``[-KEY=<old>-]{+KEY=<new>+}``, a
# removed word before a blank or the line's end): the end of a key's run,
# as its ``[-`` is the start of one (``detect.engine``).
WORD_DIFF_END = rb'(?=-\](?:\{\+|\s|\Z))'
# A log line's ISO 8601 timestamp (a CI log, ``kubectl logs
# --timestamps``: ``2026-12-01T10:00:01.1234567Z``), before what the line
# printed: a wrapped base64 value's lines (``codec``) and a step's ``env:``
# names (``detect.context.FLAT_LEAD``).
LOG_TIMESTAMP = rb'[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.,][0-9]{1,9})?(?:Z|[+-][0-9]{2}:?[0-9]{2})?'


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
    # Readable runs: typed by hand, sequential or word-like.
    'tgp_v1_' + 'abc123def456ghi789jkl012' + 'mno345pqr678stu901v',
    'tgp_v1_' + 'a1b2c3d4e5f6g7h8i9j0k1l2' + 'm3n4o5p6q7r8s9t0u1v',
    'tgp_v1_' + 'AbCdEfGhIjKlMnOpQrStUvWx' + 'Yz0123456789-_AbCdE',
    'tgp_v1_' + 'thisisnotarealkeyjustadoc' + 'umentationsampleok',
    'tgp_v1_' + 'XYZ789UVW456RST123OPQ890' + 'LMN567IJK234FGH901C',
    # A keyboard walk: along QWERTY's rows, either way.
    'tgp_v1_' + 'qwertyuiop' + 'asdfghjkl' + 'zxcvbnm' + 'QWERTYUIOP' + 'ASDFGHJ',
    'tgp_v1_' + 'poiuytrewq' + '-lkjhgfdsa' + '_mnbvcxz' + '1q2w3e4r' + '5t6y7u8',
)

TOGETHER_API_KEY = Rule(
    id='together-api-key',
    description='Together AI API key (tgp_v1_...)',
    help=(
        f'A Together AI API key. {rotate_at(verb="Rotate")}, '
        'and remove it from git history if it was ever committed.'
    ),
    # The left boundary (not touching another key character, but allowed
    # after an escape such as a literal "\n") is checked in detect/engine.py: a
    # lookbehind in front of the literal would defeat re's prefix search.
    patterns=(
        Pattern(_whole_run(b'secret', b'tgp_v1_', b'[' + KEY_CHARS + b']{43}', KEY_CHARS, WORD_DIFF_END),
                keyword=b'tgp_v1_'),
        # The whole value base64-encoded (Kubernetes Secret ``data:``,
        # ``echo $KEY | base64``): "dGdwX3Yx" is base64 for "tgp_v1".
        Pattern(_whole_run(b'encoded', b'dGdwX3Yx', b'[A-Za-z0-9+/_-]{58,64}={0,2}',
                           b'A-Za-z0-9+/=_-'),
                decoded=rb'(?P<secret>tgp_v1_[' + KEY_CHARS + rb']{43})\s*\Z',
                keyword=b'dGdwX3Yx'),
    ),
    # "ZEdkd1gzWX": the prefix encoded twice, as a whole value is.
    keywords=(b'tgp_v1_', b'dGdwX3Yx', b'ZEdkd1gzWX'),
    # The prefix at each alignment, and "dGdwX3Yx" itself at each: a
    # value encoded twice (a Secret made from an already encoded key, an
    # encoded .env holding an encoded value); "ZEdkd1gzWX" at each: a
    # whole value encoded three times, or such a value in an encoded
    # file.  And the prefix in UTF-16LE at each: PowerShell's
    # ``-EncodedCommand`` (base64 of the script's UTF-16LE).  Every form
    # holds an anchor of the keyword screen's other needles: no pass more
    # (``prefilter._anchors``, docs/performance.md).  Last, the prefix's
    # other two forms (``0Z3BfdjFf``, ``RncF92MV``) encoded again, but
    # ``JuY0Y5Mk1W``, which holds no anchor: base64 of a file holding base64
    # (an Actions ``toJSON(secrets)`` dump encoded twice), the key at any
    # place in it.  And the prefix as hex text (``.hex()``, ``xxd -p``)
    # at each alignment: base64 of a hex dump of a file, read again as hex
    # (``engine._b64_hits``).  Each holds ``N`` and ``Z`` or ``0``, anchors
    # of groups the screen searches already: no pass more.
    b64_keywords=(
        b'dGdwX3YxX', b'0Z3BfdjFf', b'RncF92MV', b'ZEdkd1gzWX', b'RHZHdYM1l4', b'kR2R3WDNZe',
        b'WkVka2QxZ3pXW', b'aRWRrZDFneldY', b'pFZGtkMWd6V1',
        b'0AGcAcABfAHYAMQBfA', b'QAZwBwAF8AdgAxAF8A', b'dABnAHAAXwB2ADEAXw',
        b'BaM0JmZGpGZ', b'MFozQmZkakZm', b'wWjNCZmRqRm', b'SbmNGOTJNV', b'Um5jRjkyTV',
        b'NzQ2NzcwNWY3NjMxNW', b'3NDY3NzA1Zjc2MzE1Z', b'c0Njc3MDVmNzYzMTVm',
    ),
    # The prefix inside base32 and base85, at the alignments whose form
    # holds an anchor the screen searches already (``G``, ``H``, ``Q``,
    # ``Z``, and ``J`` since zlib's base64 magic: base85's 4th, ``XK-J3``):
    # no pass more.  Not at the others (base32's 5th, ``UM5YF65RRL``;
    # base85's 3rd, ``a9?&Y``): each would add an anchor group (``Y``,
    # ``X``, ``K``), a pass every file pays (docs/performance.md, "Base32
    # and base85").
    b32_keywords=(b'ORTXAX3WGFP', b'2GO4C7OYYV', b'IZ3QL53DCX', b'5DHOBPXMMK7'),
    b85_keywords=(b'bZ2m1', b'Uv@EH', b'XK-J3'),
    # Every character escaped: ``g`` and ``p`` as decimal or hex HTML
    # references, ``%XX``, ``\\x``, ``\\u``, ``\\U`` or octal escapes.
    escape_marks=(
        b'tgp', b'gp_v1_', b'tg\\', b'tg\x1b',
        b'&#103;&#112;', b'67;&#x70', b'67;&#X70', b'67;&#x0', b'67;&#X0', b'%67%70', b'67\\x70', b'0067\\u0070', b'0067\\U0000',
        b'\\147\\160', b'67%2570',
        # overstruck bold by a terminal (a man page written out)
        b'tg\x08gp\x08p',
        # a mail header's encoded-words cutting the prefix in its first
        # characters (``codec.word_cut_marks``): the word after the cut
        # from its start, else the first word's end (base64 at its three
        # alignments), each holding an anchor the screen searches already
        b'gp=5Fv1=5F', b'tg?=', b'?Z3BfdjFf', b'?cF92MV', b'?MV',
        b'dGdw?=', b'0Z3A=?=', b'RncA==?=', b'dGdwXw==?=', b'0Z3Bf?=',
    ),
    # Each a bound on chance (docs/detection.md, "Session 34 (ph34)"): a
    # random body falls under 3.9 bits once in 3e9, holds a run of 9 (case
    # ignored) once in 2e10; 4.0 and 6 passed ~1 key in 200,000.
    entropy_floor=3.9,
    min_distinct=16,
    max_run=9,
    # The key pieces and encodings the engine's readings (``codec``)
    # restore: adjacent literals, ANSI colours, quoted-printable, double
    # URL-encoding, a base64-encoded .env.
    classes=('[A-Z]', '[a-z]'),
    true_positives=(
        '{key}',
        # A shell default: its ``:-`` is one separator.
        'X=${{TOGETHER_API_KEY:-{key}}}',
        'TOGETHER_API_KEY={key}',
        'key = "{key_a}" "{key_b}"',
        "key = '{key_a}' + '{key_b}'",
        'const key =\n  "{key_a}" +\n  "{key_b}";',
        'KEY = (\n    "{key_a}"\n    "{key_b}"\n)',
        'String key = "{key_a}"\n    + "{key_b}";',
        'const KEY: &str = concat!("{key_a}", "{key_b}");',
        "const key = ['{key_a}', '{key_b}'].join('');",
        'const key = `{key_a}` + `{key_b}`;',
        '"traceback": ["\\u001b[38;5;124m{key}\\u001b[39m"]',
        'key \x1b[38;5;124m{key}\x1b[0m',
        'TOGETHER_API_KEY=3D{key}',
        'GET /r?next=%2Fv1%3Fkey%253D{key} HTTP/1.1',
        'data:\n  .env: {b64env_key}',
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
        # A string prefix on the next piece; a method appending it; a
        # shell word's quotes; a literal interpolated.
        'KEY = b"".join([b"{key_a}", b"{key_b}"])',
        'var key = @"{key_a}" + @"{key_b}";',
        'String k = new StringBuilder("{key_a}").append("{key_b}").toString();',
        'KEY={key_a}"{key_b}"',
        'const key = `{key_a}${{"{key_b}"}}`;',
        'KEY = f"{key_a}{{\'{key_b}\'}}"',
        # A typo rubbed out with backspaces, as ``script`` records it.
        '$ export TOGETHER_API_KEY={key_a}Q\x08 \x08{key_b}\r',
        # A statement on the next line appending the rest (``+=``, PHP's
        # ``.=``, bash's ``+=``, Rust's ``push_str``).
        'key = "{key_a}"\nkey += "{key_b}"',
        "$key = '{key_a}';\n$key .= '{key_b}';",
        'KEY="{key_a}"\nKEY+="{key_b}"',
        'let mut k = String::from("{key_a}");\nk.push_str("{key_b}");',
    ),
    false_positives=(
        *PLACEHOLDER_KEYS,
        # (pieces with a name between them are no key)
        'KEY = "{key_a}" + suffix + "{key_b}"',
        # (a plain assignment on the next line appends nothing)
        'a = "{key_a}"\nb = "{key_b}"',
        'a = "{key_a}"\nb == "{key_b}"',
        # (a rubbed-out character leaves the key glued to the next one)
        '{key_a}Q\x08{key_b}Y',
        'TOGETHER_API_KEY=tgp_v1_<your-key>',
        'TOGETHER_API_KEY=tgp_v1_...',
        'TOGETHER_API_KEY=${{TOGETHER_API_KEY}}',
        'TOGETHER_API_KEY_SHA256={hex}',
        'together_cache_key = "{hex}"',
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

# HTTP Basic's credentials, base64 of ``user:<key>`` (a legacy key with an
# empty user is 65 bytes: 87 characters and ``=``), and the legacy key
# as the decoded credential's password.
_BASIC_ENCODED = rb'(?P<encoded>[A-Za-z0-9+/]{87,176}={0,2})(?![A-Za-z0-9+/=_-])'
_BASIC_DECODED = rb'[^:\s]{0,64}:(?P<secret>[0-9a-f]{64})\s*\Z'


TOGETHER_LEGACY_API_KEY = Rule(
    id='together-legacy-api-key',
    description='Together AI legacy API key (64 hex, named as a Together key)',
    help=TOGETHER_API_KEY.help,
    patterns=(
        # Named as a Together key, or the same base64-encoded as a whole
        # value (Kubernetes Secrets): one regex, so the long name-and-
        # assignment part is compiled and run once.
        # The value field first, the name field after it in the same
        # object, row or statement (JSON and YAML keys come in any order:
        # ``- value: <key>`` then ``name: TOGETHER_API_KEY``; SQL's ``SET
        # value = <key> WHERE name = 'together_api_key'``).
        Pattern(rb'(?<![\w-])(?:(?i:plain_?text|secret|string)[_-])?(?i:value|default)["\']?[ \t]{0,8}[=:][ \t]{0,8}["\']?' + _HEX_KEY,
                context=TOGETHER_NAME_FIELD),
        # A value field's object saved under a Together key's name, the
        # whole string (Prefect's ``Secret(value=<key>).save(
        # "together-api-key")``).
        Pattern(rb'(?<![\w-])(?i:value)[ \t]{0,8}=[ \t]{0,8}["\']' + _HEX_KEY, context=TOGETHER_SAVED_AS),
        # A value whose line's trailing comment names it Together's, the
        # comment's whole text Together's words (``KEY = "<key>"  # Together
        # API key (staging)``, Java's ``= "<key>"; // Together``): not under
        # a name saying a digest or a git id (``MODEL_SHA256 = "<hex>"  #
        # Together``), nor a comment saying more (``# Together model digest``).
        Pattern(rb'(?<![\w.$-])(?![\w.-]{0,60}(?i:sha(?:-?\d|s?(?![a-z]))|md5|hash|digest|checksum|fingerprint|etag|commit|rev(?:ision)?s?(?![a-z])|pin))'
                rb'[A-Za-z_][\w.-]{0,60}["\'\]]?[ \t]{0,8}(?::[ \t]{0,8}[\w.\[\]]{1,30}[ \t]{0,8})?(?:=>|:=|[=:])[ \t]{0,8}'
                + _QUOTE + _HEX_KEY, context=TOGETHER_TRAILING_COMMENT, veto_before=_DIGEST_BEFORE),
        # A string argument, then the next argument naming it as a Together
        # key (Supabase Vault's ``vault.create_secret('<key>',
        # 'together_api_key')``: the value before its name).
        Pattern(rb'["\'](?:(?<=[(,]["\'])|(?<=[(,][ \t]["\']))' + _HEX_KEY + rb'(?=["\'][ \t]{0,8},)',
                context=TOGETHER_NEXT_ARGUMENT, veto_before=_DIGEST_BEFORE),
        # A password in a URL to Together's API, or Together's as the user
        # (``~/.git-credentials``, a proxy URL): ``https://user:<key>@api.together.xyz``.
        Pattern(rb'(?i:https?)://(?P<name>[^\s:/@"\'<>]{0,64}):' + _HEX_KEY + rb'(?=@)',
                context=TOGETHER_STRUCTURE,
                by_name=((rb'(?i:together(?:[_-]?ai)?)', TOGETHER_NAMED), (rb'(?s:.*)', TOGETHER_STRUCTURE))),
        Pattern(_LEGACY_NAME + _LEGACY_ASSIGN
                + rb'(?:' + _HEX_KEY + _BELOW_ALONE
                + rb'|(?P<encoded>[A-Za-z0-9+/]{86,88}={0,2})(?![A-Za-z0-9+/=_-]))',
                decoded=rb'(?P<secret>[0-9a-f]{64})\s*\Z', veto_before=_DIGEST_BEFORE),
        # A serialised object's adjacent strings: the name, then the next
        # string's own type and length bytes (64 is ``@``), then the key.
        # The length bytes end the key (a pickle's next opcode may be a
        # letter: ``q``), protocol 0's text as any key ends.
        Pattern(_LEGACY_NAME + _SERIALISED_NEXT + rb'(?P<secret>[0-9a-f]{64})(?(unsized)(?![0-9A-Za-z_-]))',
                veto_before=_DIGEST_BEFORE),
        # A binary record's keyword, a NUL, then its text: the NUL is the
        # assignment (a PNG ``tEXt`` chunk's ``TOGETHER_API_KEY\0<key>``;
        # an uncompressed ``iTXt``'s flag, method, language tag and
        # translated keyword between them, each ended by its NUL).  The
        # keyword right after the chunk's type, or a word of its own.
        # A chunk's text ends where its length says: its CRC (any 4 bytes,
        # no boundary) then the next chunk's length, high byte 0.
        Pattern(rb'(?:(?P<chunk>(?<=tEXt)|(?<=iTXt))|(?<![\w./-]))' + _LEGACY_NAME
                + rb'\x00(?:\x00\x00[A-Za-z0-9-]{0,35}\x00[^\x00\n]{0,79}\x00)?(?P<secret>[0-9a-f]{64})'
                rb'(?(chunk)(?=[\x00-\xff]{4}(?:\x00|\Z))|(?![0-9A-Za-z_-]))',
                veto_before=_DIGEST_BEFORE),
        # HTTP Basic's ``user:password`` written out, Together's the user:
        # in a header unencoded (``Authorization: Basic together:<key>``) or
        # a list of users (Traefik's ``basicauth.users=together:<key>``).
        Pattern(rb'(?:(?i:basic)[ \t]{1,8}|(?<![\w-])(?i:users?)["\']?[ \t]{0,8}[=:][ \t]{0,8}["\']?)'
                rb'(?i:together(?:[_-]?ai)?):' + _HEX_KEY, context=TOGETHER_NAMED),
        # Or encoded, as the header carries it (``Authorization: Basic
        # <base64 of user:key>``): the decoded credential judged where the
        # encoded run stands, with the request's context around it (its
        # endpoint on the line or the line before), as a Bearer key is.
        Pattern(rb'(?<![\w-])(?i:basic)[ \t]{1,8}' + _BASIC_ENCODED, decoded=_BASIC_DECODED, context=TOGETHER_CONTEXT),
        # Or as a registry's stored login carries it, one field of base64 of
        # ``user:<key>`` (a Docker ``config.json``'s ``"auth"``, an
        # ``.npmrc``'s ``_auth``), under a Together heading or on a line
        # naming Together's host (``"registry.together.xyz": {"auth": ``,
        # ``//npm.together.ai/:_auth=``; the host's path no further than a
        # written ``\n``: not another line's ``_auth`` in an escaped file).
        Pattern(rb'auth(?<=["\']auth)["\'][ \t]{0,8}:[ \t]{0,8}["\']' + _BASIC_ENCODED,
                decoded=_BASIC_DECODED, context=TOGETHER_HEADING),
        # (Yarn 2+'s ``.yarnrc.yml``, the same login as ``npmAuthIdent``
        # under a scope or registry named for Together: ``npmScopes:`` then
        # ``together:`` then ``npmAuthIdent: <base64>``)
        Pattern(rb'(?<![\w-])npmAuthIdent["\']?[ \t]{0,8}:[ \t]{0,8}["\']?' + _BASIC_ENCODED,
                decoded=_BASIC_DECODED, context=TOGETHER_HEADING),
        Pattern(rb'(?<![\w.-])//[\w.-]{0,60}\.(?i:together\.(?:ai|xyz))(?::\d{1,5})?(?:/[^\s:\\]{0,120})?:_auth[ \t]{0,8}=[ \t]{0,8}["\']?'
                + _BASIC_ENCODED, decoded=_BASIC_DECODED, context=TOGETHER_NAMED),
        # The last of a colon-separated line's fields after Together's host
        # (``.pgpass``'s ``host:port:db:user:<key>``).
        # Its whole shape, a line's five fields: a Redis key or a pin file
        # (``ratelimit:api.together.xyz:443:<sha256>``,
        # ``api.together.xyz:443:sha256:<hex>``) holds a digest.
        Pattern(rb'(?m:^)[ \t]{0,8}(?i:api\.together\.(?:xyz|ai)):(?:\d{1,5}|\*)'
                rb'(?::(?!(?i:[^:\s]{0,64}?(?:sha\d|hash|digest|checksum|md5|fingerprint|cache)))[^:\s/]{1,64}){2}:'
                + _HEX_KEY + rb'(?=[ \t]*\r?(?m:$))'),
        # A secret store's read command naming Together's secret, its
        # output the key alone on the next line (``_SECRET_READ_BEFORE``).
        Pattern(rb'(?<![^\n])' + _HEX_KEY + rb'(?=[ \t]{0,8}\r?(?:\n|\Z))', context=TOGETHER_NAMED,
                before=_SECRET_READ_BEFORE, before_words=SECRET_READ_WORDS, before_reach=SECRET_READ_REACH),
        # The key printed into a command that stores it under a Together
        # key's name (``echo <key> | pass insert together/api-key``,
        # ``printf '%s' <key> | secret-tool store --label='Together API key'``).
        Pattern(rb'(?<![\w-])(?:echo|printf)(?:[ \t]{1,8}-{1,2}[\w-]{1,12})*'
                rb'(?:[ \t]{1,8}["\']?%s(?:\\n)?["\']?)?[ \t]{1,8}' + _QUOTE + _HEX_KEY,
                context=TOGETHER_PIPED_NAME),
        # The provider's own name as the JSON key (llm's keys.json,
        # ``{"together": "<key>"}``), or a YAML one (``keys:`` then
        # ``together: <key>``); quoted, or as a YAML key, also its display
        # name with a blank or a dot (``{"Together AI": "<key>"}``,
        # ``Together.ai: <key>``) that the quotes or the line hold whole.
        # Or the provider's name and the key as one ``name=key`` word: a
        # YAML list item or a CLI argument (aider's ``api-key:`` list,
        # ``--api-key together_ai=<key>``).  Three regexes, each starting
        # on a character class: ``re`` skips ahead on one, but not on an
        # alternation of them (each form costs a fifth of the three as one).
        Pattern(rb'["\'](?<![\w.-]["\'])(?i:together(?:[ _.-]?ai)?)["\'][ \t]{0,32}:[ \t]{0,32}["\']'
                + _HEX_KEY, context=TOGETHER_NAMED),
        # (the value maybe base64 of the key, decoded where it stands)
        # (after a list item's or a quote's leaders too: a YAML sequence's
        # ``- together: <key>``, a note's ``- Together: <key>``, ``* ``,
        # ``1. ``, a task's ``- [ ] ``, a quoted reply's ``> ``)
        Pattern(rb'(?m:^)[ \t]{0,32}' + _ITEM_LEADERS + rb'(?i:together(?:[ _.-]?ai)?)[ \t]{0,32}:[ \t]{1,32}["\']?'
                rb'(?:' + _HEX_KEY + rb'|(?P<encoded>[A-Za-z0-9+/]{86,88}={0,2})(?![A-Za-z0-9+/=_-]))',
                decoded=rb'(?P<secret>[0-9a-f]{64})\s*\Z', context=TOGETHER_NAMED),
        # Or an unquoted one opening a flow map or after its comma (a
        # JavaScript/TypeScript object's ``{ together: "<key>" }``, Ruby's
        # symbol key, YAML's ``{together: <key>}``): the value quoted or
        # after a blank, as the line-start form.
        Pattern(rb'[tT](?:(?<=[{,][tT])|(?<=[{,][ \t][tT]))(?i:ogether(?:[_-]?ai)?)[ \t]{0,8}:'
                rb'(?:[ \t]{0,8}["\'`]|[ \t]{1,8})' + _HEX_KEY, context=TOGETHER_NAMED),
        Pattern(rb'[tT"\'](?<=[ \t][tT"\'])(?:(?<=["\'])[tT]|(?<=[tT]))(?i:ogether(?:[_-]?ai)?)=["\']?'
                + _HEX_KEY, context=TOGETHER_NAMED),
        # Or an entry named for the provider in a map of keys (bash's
        # ``API_KEYS=([together]=<key>)``, PowerShell's ``$keys = @{
        # Together = <key> }``, Lua's ``keys = { together = <key> }``).
        # The entry in each language's syntax: ``=>`` (PHP, Perl, Ruby,
        # Julia), Scala's ``->``, Kotlin's ``to``, ``:``, or a pair's comma
        # (Java's ``Map.of("together", <key>)`` and ``put(``, C#'s ``{
        # "together", <key> }``, JavaScript's ``["together", <key>]``),
        # the name maybe a symbol or converted (Rust's ``"together".to_string()``).
        Pattern(rb'(?:\[["\']?(?i:together(?:[_-]?ai)?)["\']?\]|(?<![\w.-])[:"\']?(?i:together(?:[_-]?ai)?)'
                rb'["\']?(?:\.(?:to_string|to_owned|into)\(\))?)'
                rb'[ \t]{0,8}(?:=>|->|=|:|,|(?<=[ \t])to(?=[ \t]))[ \t]{0,8}' + _QUOTE + _HEX_KEY,
                context=TOGETHER_NAMED, before=_KEY_MAP_BEFORE, before_words=(b'keys', b'tokens', b'secrets', b'credentials')),
        # Or the provider's name as a CLI's positional argument, its key in
        # the value flag after it (``llm keys set together --value <key>``),
        # maybe the key's own name between them, positional or a ``--key``
        # (Databricks' ``secrets put-secret together api_key
        # --string-value <key>``, ``--scope together --key api_key``).
        Pattern(rb'[tT](?<![\w./-][tT])(?i:ogether(?:[_-]?ai)?)'
                rb'(?:[ \t]{1,8}(?:--key(?:[ \t]{1,8}|=))?(?i:(?:api[_-]?)?(?:key|token)|secret|credential))?'
                rb'[ \t]{1,8}--(?i:value|key|api-key|token|string-value)'
                rb'(?:[ \t]{1,8}|=)["\']?' + _HEX_KEY, context=TOGETHER_NAMED),
        # Each entry of a map of Together keys by stage (``together_api_keys:``
        # then ``prod: <key>``; the map's name above it, ``before``).
        Pattern(rb'(?:(?m:^)[ \t]{1,32}(?:-[ \t]{1,8})?|[{,][ \t]{0,32})' + _STAGE_ENTRY + rb'[ \t]{0,32}'
                + _QUOTE + _HEX_KEY,
                context=TOGETHER_NAMED, before=_STAGE_MAP_BEFORE, before_words=(b'together',)),
        # Each key of a list of keys (a rotation: ``together:`` then ``keys:``
        # and ``- <key>`` items; ``keys: [<k1>, <k2>, <k3>]``, JSON's
        # ``"keys": [...]``, TOML's ``keys = [...]``): the item alone, the
        # list's name above it (``before``: a regex consuming the name
        # would find one item of each list, matches not overlapping).
        Pattern(rb'(?:(?m:^)[ \t]{0,32}-[ \t]{1,8}|[\[,][ \t]{0,32}(?:\r?\n[ \t]{0,32})?)' + _QUOTE + _HEX_KEY,
                context=TOGETHER_PARENT, before=_KEY_LIST_BEFORE, before_words=(b'keys', b'tokens')),
        # Or the value field of a map item of such a list (``keys:`` then
        # ``- {name: prod, value: <key>}``, or ``- name: prod`` over
        # ``value: <key>``): a value named only ``value``, Together's by
        # the list's parent.
        Pattern(rb'(?m:^)(?P<ind>[ \t]{0,32})-[ \t]{1,8}'
                rb'(?:\{[ \t]{0,8}(?:[^{}\r\n]{0,200}?,[ \t]{0,8})?'
                rb'|(?:[^\r\n]{0,200}\r?\n(?P=ind)[ \t]{1,16}(?=[^\s-])){0,8})'
                rb'(?i:value)["\']?[ \t]{0,8}:[ \t]{0,8}' + _QUOTE + _HEX_KEY,
                context=TOGETHER_PARENT, before=_KEY_LIST_ITEMS_BEFORE, before_words=(b'keys', b'tokens')),
        # A generic name or a Bearer header, where the structure around it
        # (call, object, YAML block, curl command, HAR entry, section) is
        # about Together: its endpoint, a provider field, a heading.
        # (or base64-encoded as a whole value: a Kubernetes Secret's
        # ``data:`` ``token: <base64>`` under ``name: together-credentials``)
        Pattern(_API_KEY_NAME + _GENERIC_VALUE
                + rb'(?:' + _HEX_KEY + rb'|(?P<encoded>[A-Za-z0-9+/]{86,88}={0,2})(?![A-Za-z0-9+/=_-]))',
                decoded=rb'(?P<secret>[0-9a-f]{64})\s*\Z', context=TOGETHER_CONTEXT,
                by_name=((rb'(?i:key)', TOGETHER_KEY_PARENT), (rb'(?s:.*)', TOGETHER_CONTEXT)),
                veto_before=_DIGEST_BEFORE),
        Pattern(_NAME_ITEM[0] + _API_KEY_NAME + _NAME_ITEM[1] + _HEX_KEY, context=TOGETHER_CONTEXT,
                by_name=((rb'(?i:key)', TOGETHER_KEY_PARENT), (rb'(?s:.*)', TOGETHER_CONTEXT))),
        # Each key of an inline list of keys, one per endpoint of a
        # parallel list of URLs (Open WebUI's ``OPENAI_API_KEYS="<k1>;<k2>;<k3>"``,
        # ``api_keys: [k1, k2]``), or under a Together name
        # (``TOGETHER_API_KEYS=<k1>,<k2>``): the item alone, the list's name
        # and the items before it above it (``before``, as for ``keys:``).
        Pattern(_LIST_ITEM, context=TOGETHER_CONTEXT, before=_API_KEYS_BEFORE,
                before_words=(b'api_keys', b'api-keys', b'api.keys', b'apikeys')),
        Pattern(_LIST_ITEM, context=TOGETHER_CONTEXT, before=_TOKENS_BEFORE, before_words=(b'tokens',)),
        Pattern(_LIST_ITEM + _MORE_ITEMS, context=TOGETHER_CONTEXT, before=_TOKENS_OPEN,
                before_words=(b'tokens',)),
        Pattern(_LIST_ITEM, context=TOGETHER_NAMED, before=_TOGETHER_KEYS_BEFORE,
                before_words=(b'together',)),
        Pattern(_GENERIC_NAME + _GENERIC_VALUE + _HEX_KEY, context=TOGETHER_STRUCTURE,
                by_name=NAME_KINDS, veto_before=_DIGEST_BEFORE),
        # A CLI's short value flag on a command line about Together
        # (``TOGETHER_SHORT_FLAG``): ``-k`` (an API key), ``-w`` (a
        # keychain password).
        Pattern(rb'(?<=[ \t])-[kw][ \t]{1,8}["\']?' + _HEX_KEY + rb'(?!["\']?[ \t]{0,8}[|>])',
                context=TOGETHER_SHORT_FLAG, veto_before=_DIGEST_BEFORE),
        Pattern(_NAME_ITEM[0] + _GENERIC_NAME + _NAME_ITEM[1] + _HEX_KEY, context=TOGETHER_STRUCTURE,
                by_name=NAME_KINDS),
        # A Terraform variable named for a credential, its value the
        # ``default`` inside its block, other fields before it
        # (``variable "llm_api_key" {`` then ``default = <key>``): its own
        # block, or the variable blocks sharing its name's prefix, its
        # flat group (``detect.context``), answer.
        Pattern(rb'(?<![\w-])variable[ \t]{1,8}' + _GENERIC_NAME + rb'[ \t]{0,8}\{[ \t]{0,8}\r?\n'
                rb'(?:[ \t]{0,32}(?!default)[\w-]{1,40}[ \t]{0,8}=[^\r\n{}]{0,200}\r?\n){0,6}'
                rb'[ \t]{0,32}default[ \t]{0,8}=[ \t]{0,8}' + _QUOTE + _HEX_KEY,
                context=TOGETHER_STRUCTURE, by_name=NAME_KINDS),
        # A term's two-tuple, an atom naming it then the value (Erlang's
        # ``{api_key, <<"<key>">>}`` or ``{api_key, "<key>"}``, Elixir's
        # ``{:api_key, "<key>"}``), in a term about Together (the
        # proplist's ``{together, [...]}`` around it).
        Pattern(rb'\{[ \t]{0,8}:?' + _GENERIC_NAME + rb'[ \t]{0,8},[ \t]{0,8}(?:<<)?' + _QUOTE + _HEX_KEY,
                context=TOGETHER_STRUCTURE, by_name=NAME_KINDS),
        # The key as a client's or config's first argument, unnamed
        # (go-openai's ``openai.DefaultConfig(<key>)`` then ``.BaseURL``,
        # openai-php's ``OpenAI::client(<key>)``, ``new OpenAIClient(<key>)``).
        Pattern(rb'(?<![\w.])(?:new[ \t]+)?(?:[A-Za-z_]\w{0,30}(?:\.|::|->)){0,3}'
                rb'\w{0,30}(?i:client|config)\w{0,12}[ \t]{0,8}\([ \t]{0,8}(?:\r?\n[ \t]{0,32})?'
                + _QUOTE + _HEX_KEY, context=TOGETHER_CONTEXT),
        # Or a later positional argument of a constructor of a credential,
        # provider or setting type (``new Provider("together", <key>)``,
        # ``new ApiCredential("together", "api_key", <key>)``): the
        # arguments are one group, Together's where its string argument
        # names Together (``TOGETHER_CONTEXT``'s constructor mention); not
        # a type for a digest or a cache (``new CacheKey("together", <hex>)``).
        # Also a call of the type with no ``new`` (Kotlin's, Scala's,
        # Python's ``Provider("together", <key>)``), and the arguments a
        # line each (``new Provider(`` over ``"together",`` over the key).
        Pattern(rb'(?<![\w.])(?:new[ \t]{1,8}|(?=[A-Z][\w.]{0,79}\())(?![\w.]{0,80}(?i:cach|hash|checksum|digest|sha\d|md5|fingerprint|integrity'
                rb'|release|artifact|lock|webhook|sign|crypt|cipher|salt|nonce|hmac|idempoten|session|public))'
                rb'(?=[\w.]{0,80}(?i:secret|credential|key|token|config|provider|setting))'
                rb'[\w.]{1,80}\((?:[^()\r\n]|\r?\n){0,200}?,[ \t]{0,8}(?:\r?\n[ \t]{0,32})?' + _QUOTE + _HEX_KEY,
                context=TOGETHER_CALL, veto_before=_DIGEST_BEFORE),
        # Or a type's constructor, where the structure around it (not only
        # the file) is Together's (Elixir's ``OpenaiEx.new(<key>)`` piped
        # into ``OpenaiEx.with_base_url(<Together's endpoint>)``).
        # Not a digest's or a cipher's (``OpenSSL::HMAC.new(<secret>, ...)``).
        Pattern(rb'(?<![\w.])(?![\w.:]{0,60}(?i:hmac|digest|sha\d|md5|cipher|crypt|hash|aes))'
                rb'(?:[A-Z]\w{0,30}(?:\.|::)){1,3}new[ \t]{0,8}\([ \t]{0,8}'
                + _QUOTE + _HEX_KEY, context=TOGETHER_STRUCTURE),
        # A password manager's CSV export, the key a whole field in the
        # credential column of a row naming Together (also a CSV of
        # semicolons, as a European spreadsheet writes one).
        Pattern(rb'(?<![^,;\n])"?' + _HEX_KEY + rb'"?(?=[,;]|\r?\n|\Z)', csv_column=_CSV_CREDENTIAL + _CSV_EXPORT_HEADER),
        # Or a TSV's, a ``psql`` or ``mysql`` table's (``together | <key>``),
        # also in the row's first column (``<key>\ttogether``, psql's
        # `` <key> | together``, a delimiter after it).
        # A Markdown table's cell may write it as code (``| Together AI |
        # `<key>` |``): the backticks are the cell's markup, not its text.
        Pattern(rb'(?:(?<=[|\t])|(?<=\| )|(?<=\|`)|(?<=\| `)'
                rb'|(?:(?<![^\n])|(?<=(?<![^\n]) ))(?=[0-9a-f]{64}(?:[ ]{0,64}\||[ \t]{0,64}\t)))'
                + _HEX_KEY + rb'(?=`?[ ]{0,64}\||`?[ \t]{0,64}(?:\t|\r?\n|\Z))',
                csv_column=_CSV_CREDENTIAL + _CSV_EXPORT_HEADER),
        # Or an HTML table's cell (``<td><code><key></code></td>``, Django's
        # debug page's ``<pre>&#x27;<key>&#x27;</pre>``): its header row or
        # the name cell before it (``detect.csvrow``, ``HTML_NAME_CELL``).
        Pattern(rb'[>;\'"](?:(?<=>)|(?<=&#x27;)|(?<=&#39;)|(?<=&quot;)|(?<=>[\'"]))[ \t]{0,8}' + _HEX_KEY
                + rb'(?=[\'"]?[ \t]{0,8}(?:<|&#x27;|&#39;|&quot;|\r?\n))',
                csv_column=_CSV_CREDENTIAL + _CSV_EXPORT_HEADER),
        # Or an SQL ``INSERT``'s row, its column list the header
        # (``INSERT INTO creds (provider, secret) VALUES ('together',
        # '<key>')``, each row of a multi-row ``VALUES``).
        Pattern(rb"(?<=')" + _HEX_KEY + rb"(?=')", csv_column=_CSV_CREDENTIAL + _CSV_EXPORT_HEADER),
        # Or a row with no column list, of a table named for credentials
        # (``INSERT INTO api_keys VALUES (1, 'together', <key>)``, sqlite3's
        # ``.dump``, a row of a multi-row ``VALUES``): Together's name a
        # whole value of the key's own row, before it; not a table named
        # for another purpose (``cache_keys``, ``key_hashes``).
        Pattern(rb"(?i:insert[ \t]{1,8}(?:or[ \t]{1,8}\w{1,10}[ \t]{1,8})?into)[ \t]{1,8}(?:[\w\"`]{1,40}\.)?[\"`]?"
                rb"(?!\w{0,40}?" + NON_KEY_PURPOSE + rb")\w{0,30}?(?i:keys|credentials?|creds|secrets|tokens)\w{0,20}[\"`]?"
                rb"[ \t]{1,8}(?i:values)\s{0,8}(?:\((?:[^()'\r\n]|'[^'\r\n]{0,200}'){0,400}\)\s{0,8},\s{0,8}){0,64}"
                rb"\((?:[^()'\r\n]|'[^'\r\n]{0,200}'){0,200}?'(?i:together(?:[ _-]?ai)?)'"
                rb"(?:[^()'\r\n]|'[^'\r\n]{0,200}'){0,200}?'" + _HEX_KEY + rb"'",
                context=TOGETHER_NAMED),
        # A Windows-style password option (``cmdkey /generic:together
        # /user:x /pass:<key>``), where the command says Together's.
        Pattern(rb'(?<![\w-])/(?i:pass(?:word)?|p)[:=]' + _QUOTE + _HEX_KEY, context=TOGETHER_STRUCTURE),
        # curl's ``-u user:<key>`` (an empty user too) to Together's endpoint.
        Pattern(rb'(?<![\w-])(?:-u|--user)(?:[ \t]{1,8}|=)["\']?[^\s:"\']{0,64}:' + _HEX_KEY,
                context=TOGETHER_CONTEXT),
        # The scheme in any case; HTTPie's ``-A bearer -a <key>``, curl's
        # ``--oauth2-bearer <key>``; the scheme and the key as two
        # arguments or a pair (.NET's ``AuthenticationHeaderValue("Bearer",
        # <key>)``, R's ``paste("Bearer", <key>)``, Elixir's ``{:bearer,
        # <key>}``) or a setter (reqwest's ``.bearer_auth(<key>)``).
        # (or a format string's placeholder filled by the key: Python's
        # ``"Bearer {}".format(`` or ``"Bearer %s" % (``, the key maybe on
        # the next line)
        Pattern(rb'(?i:bearer)(?:(?:[_-]?(?i:auth|token))?["\'`]?[ \t]{0,32}(?:=>|[,:=(])|[ \t])'
                rb'(?:(?:\{\}|%s)["\'][ \t]{0,8}(?:\.format\(|%[ \t]{0,8}\(?)[ \t]{0,8}(?:\r?\n[ \t]{0,32})?)?'
                rb'[ \t]{0,32}(?:(?:-a|--auth)[ \t=]{1,32})?' + _QUOTE + _HEX_KEY,
                context=TOGETHER_CONTEXT),
    ),
    keywords=(b'ogether', b'OGETHER'),
    # A name whose every character is escaped (a C string of octal
    # escapes, ``\\u`` or decimal HTML references): two of its characters
    # in each notation (``codec.every_escaped_marks``), read as the key
    # prefix's marks are.  Only forms that start as a mark already
    # searched does (``&#10``, ``00``, ``67``, ``\\1``) and hold an anchor
    # the grouped route searches (``0``): no route or group more.  Not
    # ``%XX``, ``\\xXX``, ``&#xXX;`` of either name, nor decimal HTML of
    # ``OGETHER``: no pair of their characters holds ``0`` (an anchor group
    # ``7`` more, 10 -> 11, and plain routes ``%4``/``47``: 23.08 -> 25.08
    # passes over clean bytes), nor ``OGETHER``'s ``\\U`` (a needle more in
    # the ``U`` route: a pass more where ``U`` is dense, 33.1 -> 34.1 in
    # ``screen_plain_work_test.py``'s ``VALUE`` file).
    escape_marks=(
        b'&#103;&#101;', b'0067\\u0065', b'0067\\U0000', b'67;&#x0', b'67;&#X0', b'\\150\\145',
        b'0047\\u0045', b'\\107\\105',
    ),
    # And each name in UTF-16LE at each alignment (a Windows .env
    # base64-encoded), and each name's three forms encoded again at each
    # alignment (a .env encoded twice; base64 in a JSON string in base64),
    # where the form holds an anchor the screen searches already (``V``,
    # ``Q``, ``Z``, ``J``, ``G``, ``A``, ``g``...): no pass more on the
    # grouped and hyperscan routes; the plain route asks one ``in`` more
    # for each where its lead is dense (a PNG: 22)
    # (docs/performance.md, "Legacy names in nested base64").  Not
    # ``ogether``'s forms encoded again at two places of nine
    # (``5blpYUm9aW``, ``luWlhSb1pY`` hold no anchor: a group more, ``Y``,
    # a pass over every byte).
    b64_keywords=(
        b'b2dldGhlc', b'vZ2V0aGVy', b'9nZXRoZX',
        b'T0dFVEhFU', b'PR0VUSEVS', b'9HRVRIRV',
        b'8ARwBFAFQASABFAFIA', b'PAEcARQBUAEgARQBSA', b'TwBHAEUAVABIAEUAUg',
        b'8AZwBlAHQAaABlAHIA', b'bwBnAGUAdABoAGUAcg', b'vAGcAZQB0AGgAZQByA',
        b'5SFJWUklSV', b'OUhSVlJJUl', b'lIUlZSSVJW', b'BSMFZVU0VWU', b'QUjBWVVNFVl', b'UFIwVlVTRVZT',
        b'QwZEZWRWhGV', b'UMGRGVkVoRl', b'VDBkRlZFaEZV',
        b'OW5aWFJvWl', b'IyZGxkR2hsY', b'YjJkbGRHaGxj', b'iMmRsZEdobG', b'2WjJWMGFHVn', b'ZaMlYwYUdWe', b'dloyVjBhR1Z5',
    ),
    # Inside base32, at the alignments whose form holds an anchor the
    # screen searches already (not ``ogether``'s 5th, ``PM5SXI2DFO``, nor
    # ``OGETHER``'s 3rd, ``6R2FKREEKU``); not inside base85 (five of the
    # names' eight forms hold an anchor, but as needles they cost the
    # hook's plain screen 9-13%: docs/detection.md, "Session 35 (acc35)").
    b32_keywords=(
        b'N5TWK5DIMVZ', b'XWOZLUNBSX', b'6Z3FORUGK4', b'33HMV2GQZLS',
        b'J5DUKVCIIVJ', b'HUORKUJBCV', b'T2HIVKEQRKS', b'PI5CVISCFK',
    ),
    window=4096,
    # Where a pattern of this rule can start, or what its context needs:
    # a Together key name, a Together client call, the API host, or a
    # ``together`` config heading (``together:``, ``[together]``).
    # A provider value (``provider: together``, ``"together"``) and a
    # model prefix (``together_ai/...``) open one too, and so do a Together
    # client's builder or initializer (``TogetherClient.builder()``,
    # ``new TogetherOptions {``), and a setting named for its endpoint
    # (``TOGETHER_BASE_URL``).
    anchor=(
        rb'(?:(?i:together)(?:(?:\'s)?(?i:[_.: -]{0,2}ai)?(?i:[_.-]' + _QUALIFIER + rb'(?=[_.-]api))?'
        rb'(?i:[_.: -]{0,2}(?:api|key|token|secret|credential|auth))|\.(?:xyz|ai)\b'
        # (a Fortran namelist group's name ending its line: ``&together_config``)
        rb'|(?<=&(?i:together))\w{0,40}[ \t]{0,8}\r?\n'
        # (together-python 0.x's CLI run with a command: ``together complete``)
        # (the context's mention asks that it start a command line)
        rb'|[ \t]{1,4}' + _TOGETHER_CLI_COMMANDS +
        # (prose: the key the provider is used with, ``from Together with
        # this key:``)
        rb'|(?i:(?:[ _.-]?ai)?[ \t]{1,4}(?:with|using|via)[ \t]{1,4}(?:this|that|the|my|our)[ \t]{1,4}(?:api[ \t]{1,4})?(?:key|token)(?![\w-]))'
        rb'|(?i:[_.-]?(?:base[_.-]?)?(?:ur[li]|endpoint|host)|[_.-]base)(?![\w])'
        # (an action of Together's organisation at a ref, a CI step's
        # ``uses: togethercomputer/<action>@v1``: its inputs are Together's)
        rb'|computer/[\w.-]{1,100}(?:/[\w./-]{1,100})?@'
        rb'|\w{1,16}["\'`]?[ \t]{0,32}(?:=>|[:=])?[ \t]{0,32}\{'
        # (a mapping a constructor builds, bound to it: Julia's
        # ``together_cfg = Dict(``, Python's ``together = dict(``, R's
        # ``together <- list(``, Kotlin's ``"together" to mapOf(``, Scala's
        # ``"together" -> Map(``)
        rb'|\w{0,16}["\'`]?\]?' + _MAP_BUILT +
        # (the first of a dotted name's parts: a TOML table or key, a
        # property, ``[together.profiles.prod]``, ``together.profiles.prod.api_key =``)
        rb'|(?i:[_-]?ai)?(?:\.[\w-]{1,40}){1,5}(?:\]|[ \t]{0,32}[:=])'
        # (a composite literal of a type of Together's package: ``together.Config{``)
        rb'|\.[A-Z]\w{0,40}\{'
        rb'|(?i:[_-]?ai|(?<=["\'`](?i:together)) ai(?=["\'`]))?["\'`]?\]?\+?[ \t]{0,32}[:=\]{/]'
        # (the display name as a YAML key, unquoted, before a legacy key's
        # 64 hex digits: ``Together AI: <key>``; the pattern asks that the
        # line start with it, the digest headings still veto it)
        rb'|(?i: ai)[ \t]{0,32}:[ \t]{1,32}["\']?[0-9a-fA-F]{64}(?![\w-])'
        # (then a list's or an element's end, a closing bracket, bold's
        # ``**``, a closed heading's ``#``, a dash between blanks: ``key
        # (together):``, ``<Value>Together</Value>``, ``## Together AI ##``,
        # ``API key for Together AI - <key>``; a form body's or a connection
        # string's ``&`` and ``;``: ``provider=together&api_key=``; an HTML
        # comment's close, ``<!-- Together AI -->``.  Not a
        # ``|`` or a tab, prose's as often as a table's: a table's row needs
        # no anchor, its header says which column is a credential)
        rb'|(?i:[ _-]?ai)?["\'`]?[ \t]{0,32}(?:[,}><)*#&;]|-->|-[ \t]|\r?\n|\Z)'
        # (or a flag: ``--value``, Windows' ``/pass:``; after a display
        # name too: ``op item get "Together AI" --reveal``)
        rb'|(?i:[_-]?ai|(?<=["\'`](?i:together)) ai(?=["\'`]))?["\'`]?[ \t]{1,32}(?:--?|/)[a-z]'
        # (or a git-config style subsection: ``[together "prod"]``)
        rb'|(?i:[_-]?ai)?[ \t]{1,8}"[^"\\\r\n]{1,40}"[ \t]{0,8}\]'
        # (an assignment word after it may be quoted, and name its field's
        # type: 1Password's ``op item create --title "Together AI"
        # 'password[password]=<key>'``)
        rb'|(?i:[ _-]?ai)?["\'][ \t]{1,32}(?:["\']?[\w:.-]{1,40}(?:\[\w{1,20}\])?=|/>)'
        # (a value in a list of assignments, the next one after a blank:
        # systemd's ``Environment=LLM_PROVIDER=together LLM_API_KEY=...``,
        # ``systemctl show``'s, a command's ``A=together B=... cmd``)
        # (1Password's ``op item create --title=together 'credential=<key>'``,
        # ``--title together "credential=<key>"``)
        rb'|(?<=[= \t](?i:together))(?i:[_-]?ai)?[ \t]{1,8}["\']?[A-Za-z_][\w.-]{0,64}(?:\[\w{1,20}\])?='
        # (a string value converted where it is written: Rust's
        # ``name: "together".into()``, ``.to_string()``, ``.to_owned()``)
        rb'|(?i:[_-]?ai)?["\']\.(?:into|to_string|to_owned)\(\)'
        # (a quoted one as a map entry's key, Kotlin's ``"together" to
        # <key>``, Scala's ``"together" -> <key>``)
        rb'|(?<=["\'](?i:together))(?i:[_-]?ai)?["\'][ \t]{1,8}(?:to|->)[ \t]'
        # an XML start tag's attribute naming it, the tag ending its line
        # (Spring's ``<bean id="togetherClient" class="...">``; the run to
        # the ``>`` possessive: no shorter run is followed by one, and a
        # line of quoted names, ``"together" "together" ...``, backtracked
        # over 200 bytes at each)
        rb'|\w{0,16}["\'][^<>\r\n]{0,200}+(?<!/)>[ \t]{0,32}(?:\r?\n|\Z))'
        rb'|Together\w{0,16}(?:\s{0,32}\(|[ \t]{0,32}\{|(?:\.|::)(?:builder|new)\())'
        # (a function's or a type's heading named for it, ending its line:
        # ``def make_together_client() -> OpenAI:``, ``class TogetherClient:``)
        # (each run of blanks possessive: nothing after one starts with a
        # blank, and three in a row, both groups between them empty, were
        # cubic in a line's blanks: 500 after a ``together`` starting a
        # buffer took 0.4 CPU-s, 3,000 a minute)
        rb'|(?i:together)\w{0,30}[ \t]*+(?:\([^()\r\n]{0,200}\)[^\r\n{;=]{0,80}?'
        rb'|\)[ \t]{0,8}\w{1,40}[ \t]*\([^()\r\n]{0,200}\)[^\r\n{;=]{0,80}?'
        rb'|(?:<-|=)[ \t]*(?:async[ \t]+)?(?:function[ \t]*)?\([^()\r\n]{0,200}\)[ \t]*(?::[^\r\n={}]{1,80}?)?(?:=>)?)?[ \t]*+(?:(?:=[ \t]*)?\{|:|do)?[ \t]*+\r?(?:\n|\Z)'
        rb'|(?i:together)(?:\.|::|\\)[A-Za-z]\w{0,20}(?:(?:\.|::)new)?\s{0,32}\('
        # (a Ruby gem's configuration block: ``Together.configure do |config|``)
        rb'|(?i:together)(?:\.|::)configure[ \t]*(?:do|\{)'
        # (a keychain item's service or label named for Together with an
        # environment or a credential word: ``-s together-prod``)
        rb'|' + _SERVICE_FLAG_BEHIND + rb'(?i:together(?:[ _.-]?ai)?)(?=[_.-])' + _TOGETHER_SERVICE_PARTS
        + rb'["\']?(?![\w.-])'
        # (or its parameter list opening and ending its line, a parameter a
        # line: ``def make_together_client(``, ``func (c *TogetherClient) auth(``)
        rb'|(?i:together)\w{0,30}(?:\)[ \t]{0,8}\w{1,40})?[ \t]*\([ \t]*\r?\n'
    ),
    # A 64-hex key, or its base64 (88 characters, maybe inside a longer
    # run); the longest pattern (a name, then a value field 6 lines on)
    # spans under 2 KB.
    value=rb'[0-9a-f]{64}(?![0-9a-f])|[A-Za-z0-9+/]{86}',
    value_reach=2048,
    value_run=(b'A-Za-z0-9+/', 64),
    # A run of 8 passed 1 random key in 4 million as a placeholder; of 11,
    # 1 in 2e10 (docs/detection.md, "Session 34 (ph34)").
    entropy_floor=3.0,
    min_distinct=10,
    max_run=11,
    # No file is skipped by its name: a lockfile's digests for a package
    # named "together" (``hash = "sha256:..."``, ``<digest>  together.tgz``)
    # never take a Together key's name or a key field in Together's
    # structure, so the patterns pass them by their shape, and a key named
    # as one is a key in ``x.lock`` too (tests/detect/lockfiles_test.py).
    true_positives=(
        # A value decoded from its encoded run, judged where the run
        # stands: the name it is assigned to, the request it is on.
        'TOGETHER_API_KEY_B64URL={b64urlhex}',
        # Its characters as hex text under a ``_HEX`` name (read near the name).
        'TOGETHER_API_KEY_HEX={hexhex}',
        'together_api_key_hex: "{hexhex}"',
        'GET https://api.together.xyz/v1/models Authorization: Basic {basichex}',
        'POST https://api.together.ai/v1/chat/completions\nAuthorization: Basic {basichex}',
        # (a registry's stored login: Docker's ``auth``, an ``.npmrc``'s ``_auth``)
        '{{"auths": {{"registry.together.xyz": {{"auth": "{basichex}"}}}}}}',
        '//npm.together.ai/:_auth={basichex}',
        'npmScopes:\n  together:\n    npmRegistryServer: "https://npm.together.ai"\n    npmAuthIdent: "{basichex}"',
        'npmRegistries:\n  "https://npm.together.ai":\n    npmAuthIdent: {basichex}',
        # A binary record's keyword and text parted by a NUL (PNG tEXt, iTXt).
        'tEXtTOGETHER_API_KEY\x00{hex}a1Zq\x00\x00\x00\x00IEND',
        'providers:\n  together: {b64hex}',
        'iTXttogether_api_key\x00\x00\x00en\x00\x00{hex}\x00\x00\x00\x00\x00\x00\x00\x00IEND',
        'TOGETHER_API_KEY\x00{hex}\x00',
        'together:\n  model: mixtral\n  api_key: {hex}',
        'make_client = partial(\n    Together,\n    api_key="{hex}",\n)',
        'headers = {{\n    "Authorization": "Bearer {{}}".format(\n        "{hex}"\n    ),\n}}\nrequests.get("https://api.together.ai/v1/models", headers=headers)',
        "export const llm = {{\n  provider: 'together',\n  apiKey: process.env.LLM_KEY ?? '{hex}',\n}};",
        'class S(BaseSettings):\n    together_key: SecretStr = Field(\n        default=SecretStr("{hex}"),\n    )',
        # (a trailing comment of Together's words alone names the value)
        'KEY = "{hex}"  # Together API key (staging)',
        '    static final String LLM = "{hex}"; // Together',
        # The structure decides, not a line count.
        'together:\n  model: a\n  b: 1\n  c: 2\n  d: 3\n  e: 4\n  f: 5\n  api_key: {hex}',
        '[together]\napi_key = "{hex}"',
        '[providers.together]\nbase_url = "https://api.together.xyz"\napi_key = "{hex}"',
        '{{\n  "together": {{\n    "apiKey": "{hex}"\n  }}\n}}',
        # A structure label holds its whole structure, the key 8 KB and
        # more below it (``STRUCTURE_LABEL``): a YAML block, a minified
        # JSON object, an INI section.
        'together:\n  models:\n' + '    - name: llama-3-70b-instruct\n      max_tokens: 4096\n' * 160
        + '  api_key: {hex}',
        '{{"together":{{"models":[' + '{{"id":"llama-3-70b-instruct","context_length":131072}},' * 160
        + '{{"id":"x"}}],"api_key":"{hex}"}}}}',
        '[together]\n' + 'timeout_seconds_for_the_batch_jobs = 60\n' * 240 + 'key = {hex}',
        # ... whatever brackets its strings or comments hold, a YAML
        # comment at a line's start, a section header's comment, HCL's
        # block, a truncated file (``detect.context._matching``).
        '{{"together":{{"stop":["}}"],"models":[' + '{{"id":"llama-3-70b-instruct","context_length":131072}},' * 160
        + '{{"id":"x"}}],"api_key":"{hex}"}}}}',
        'cfg = {{together: {{ // }}\n models: [' + '{{"id":"llama-3-70b-instruct","context_length":131072}},' * 160
        + '{{"id":"x"}}],\n apiKey: "{hex}"}}}}',
        'together:\n  models:\n' + '    - name: llama-3-70b-instruct\n      max_tokens: 4096\n' * 160
        + '# api_key: old\n  api_key: {hex}',
        '[together]  ; prod\n' + 'timeout_seconds_for_the_batch_jobs = 60\n' * 240 + 'key = {hex}',
        'provider "together" {{\n' + '  timeout_seconds_for_the_batch_jobs = 60\n' * 240 + '  api_key = "{hex}"\n}}',
        '{{"together":{{"models":[' + '{{"id":"llama-3-70b-instruct","context_length":131072}},' * 160
        + '{{"id":"openai/gpt-oss-120b"}}],"api_key":"{hex}"',
        # (an OpenAI-compatible block is Together's protocol, no other provider)
        'together:\n  openai_compatible:\n    models:\n'
        + '      - name: llama-3-70b-instruct\n        max_tokens: 4096\n' * 160 + '    api_key: {hex}',
        'TOGETHER_API_KEY={hex}',
        'TOGETHER_API_KEY_PROD={hex}',
        'TOGETHER_STAGING_API_KEY={hex}',
        'together_api_key_2: {hex}',
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
        # Names in any case, across separators, in each format's syntax.
        '<string name="together_api_key" translatable="false">{hex}</string>',
        '<add key="TogetherApiKey" value="{hex}" />',
        '{{"Together": {{"BaseUrl": "https://example.com", "ApiKey": "{hex}"}}}}',
        '{{\n  "Together:ApiKey": "{hex}"\n}}',
        'TOGETHER__APIKEY={hex}',
        'TOGETHER_KEY={hex}',
        'together_token = "{hex}"',
        'TOGETHERAI_API_TOKEN: {hex}',
        'TOGETHER_SECRET_KEY={hex}',
        # In prose: an issue, a chat log, a README.
        'My Together API key is {hex}',
        'Set `TOGETHER_API_KEY` to `{hex}` and run it.',
        # A digest word nearby that is not about the name: another
        # statement, clause or sentence.
        'h = hashlib.sha256(data); TOGETHER_API_KEY = "{hex}"',
        'Verify the checksum, then set TOGETHER_API_KEY={hex}',
        'The digest of the build is pinned. Our Together API key is {hex}',
        # A qualifier in brackets after the name; the value on the next line.
        'Together API key (staging)\n{hex}',
        'Together API key (staging):\n{hex}',
        '- **Together API key (staging)**: `{hex}`',
        '| Together API key (staging) | `{hex}` |',
        'TOGETHER_API_KEY (prod): {hex}',
        'TOGETHER_API_KEY={hex}  # the sha256 is pinned elsewhere',
        'Verify the checksum. Together API key: {hex}',
        '"together_api_key": {{\n  "value": "{hex}",\n  "type": "string"\n}}',
        '{{\n  "key": "TOGETHER_API_KEY",\n  "value": "{hex}",\n  "type": "secret"\n}}',
        '| `TOGETHER_API_KEY` | `{hex}` | staging |',
        'together_api_key: SecretStr = "{hex}"',
        'parser.add_argument(\n    "--together-api-key",\n    type=str,\n    default="{hex}",\n)',
        'together.api.key={hex}',
        'const key = process.env.TOGETHER_API_KEY || "{hex}";',
        'api_key = os.environ.get("TOGETHER_API_KEY") or "{hex}"',
        'ENV["TOGETHER_API_KEY"] ||= "{hex}"',
        # One level of escapes undone: a notebook's source, JSON in HCL.
        '"os.environ[\\"TOGETHER_API_KEY\\"] = \\"{hex}\\"\\n",',
        'secret_string = "{{\\"TOGETHER_API_KEY\\":\\"{hex}\\"}}"',
        # A generic name where the structure around it is Together's.
        'client = OpenAI(api_key="{hex}", base_url="https://api.together.xyz/v1")',
        'client = OpenAI(\n    base_url="https://api.together.xyz/v1",\n    api_key="{hex}",\n)',
        'completion(model="together_ai/m", messages=m, api_key="{hex}")',
        '{{"title": "L", "provider": "together", "model": "m", "apiKey": "{hex}"}}',
        '  - model_name: l\n    litellm_params:\n      model: together_ai/m\n      api_key: {hex}',
        '{{"openai": "x", "together": "{hex}"}}',
        # A display name as the map's key (outside34: ``{"Together AI": …}``).
        'KEYS = {{"Together AI": "{hex}", "Local": None}}',
        "keys:\n  Together.ai: {hex}",
        "api_keys:\n  Together AI: {hex}",
        'machine api.together.xyz\n  login apikey\n  password {hex}',
        'OPENAI_BASE_URL=https://api.together.xyz/v1\nOPENAI_API_KEY={hex}',
        'os.environ["OPENAI_API_BASE"] = "https://api.together.xyz/v1"\n'
        'os.environ["OPENAI_API_KEY"] = "{hex}"',
        'client := openai.NewClient(\n\toption.WithBaseURL("https://api.together.xyz/v1"),\n'
        '\toption.WithAPIKey("{hex}"),\n)',
        # A Bearer header and its request's URL, however far apart.
        'curl https://api.together.xyz/v1/chat/completions \\\n'
        '  -H "Content-Type: application/json" \\\n'
        '  -d \'{{\n    "model": "m",\n    "max_tokens": 5,\n    "stream": false\n  }}\' \\\n'
        '  -H "Authorization: Bearer {hex}"',
        'URL = "https://api.together.xyz/v1/completions"\n\n\ndef ask(p):\n'
        '    body = {{"model": "m", "prompt": p}}\n    headers = {{\n'
        '        "Authorization": "Bearer {hex}",\n    }}\n'
        '    return requests.post(URL, json=body, headers=headers)',
        # Decoded: a base64 .env, quoted-printable, double URL-encoding,
        # an ANSI colour, concatenated literals.
        'data:\n  .env: {b64env_hex}',
        'TOGETHER_API_KEY=3D{hex}',
        'GET /cb?together_api_key%253D{hex} HTTP/1.1',
        'TOGETHER_API_KEY=\x1b[31m{hex}\x1b[0m',
        'TOGETHER_API_KEY = (\n    "{hex_a}"\n    "{hex_b}"\n)',
        'const togetherApiKey = "{hex_a}";\ntogetherApiKey += "{hex_b}";',
        # The provider after the key word, as one name.
        '{{\n    "api_key_openai": "",\n    "api_key_togetherai": "{hex}"\n}}',
        'API_KEY_TOGETHER={hex}',
        'token_together: {hex}',
        # (outside37: as a dotted or colon-joined setting's last part)
        '{{\n    "editor.formatOnSave": true,\n    "codegpt.apiKey.Together": "{hex}"\n}}',
        '"ApiKey:Together": "{hex}"',
        # (fp37: any key-holding name of the key-name grammar before it)
        '"codegpt.accessToken.Together": "{hex}"',
        '"Settings:SecretKey:Together": "{hex}"',
        '"token:together": "{hex}"',
        # (fp37: a type's constructor as the first argument builds an entry)
        'together_cfg = Dict(Pair("api_key", "{hex}"))',
        # The value before its name: a widget's label, the next argument.
        'key = mo.ui.text(value="{hex}", label="Together API key", kind="password")',
        'gr.Textbox(value="{hex}", label="Together API Key")',
        "select vault.create_secret('{hex}', 'together_api_key', 'for the edge functions');",
        '<pre data-config="{{&quot;TOGETHER_API_KEY&quot;: &quot;{hex}&quot;}}">',
        # Types, wrappers, prefixes and layouts of more languages and formats.
        'pub const TOGETHER_API_KEY: &str = "{hex}";',
        'let together_api_key = String::from("{hex}");',
        'together_api_key: str = Field(default="{hex}")',
        'TOGETHER_API_KEY = f"{hex}"',
        'together_api_keys = [\n  "{hex}",\n]',
        'together_api_key: >-\n  {hex}',
        'buildConfigField("String", "TOGETHER_API_KEY", "\\"{hex}\\"")',
        "'together' => [\n    'api_key' => '{hex}',\n],",
        'together = {{ api_key = "{hex}", model = "m" }}',
        '[[providers]]\nname = "together"\nbase_url = "https://api.together.xyz/v1"\napi_key = "{hex}"',
        'new OpenAIClient(new ApiKeyCredential("{hex}"),\n'
        '    new OpenAIClientOptions {{ Endpoint = new Uri("https://api.together.xyz/v1") }});',
        '{{"url": "https://api.together.xyz/v1/models",\n'
        ' "auth": {{"bearer": [{{"key": "token",\n   "value": "{hex}"}}]}}}}',
        'curl --oauth2-bearer {hex} https://api.together.xyz/v1/models',
        'http -A bearer -a {hex} https://api.together.xyz/v1/models',
        'LLM = {{\n    "together": {{\n        "api_key":\n            "{hex}",\n    }},\n}}',
        # The scheme and the key as two arguments, a pair or a setter.
        'client.BaseAddress = new Uri("https://api.together.xyz/v1/");\n'
        'auth = new AuthenticationHeaderValue("Bearer", "{hex}");',
        'httr::add_headers(Authorization = paste("Bearer", "{hex}"))  # api.together.xyz',
        'Req.get!("https://api.together.xyz/v1/models", auth: {{:bearer, "{hex}"}})',
        'client.post("https://api.together.xyz/v1/completions")\n    .bearer_auth("{hex}")',
        'GET https://api.together.xyz/v1/models\nX-API-Key: {hex}',
        # The name's element, then the value's (plist, Hadoop configuration).
        '<key>TogetherAPIKey</key>\n\t<string>{hex}</string>',
        '<property><name>together.api.key</name><value>{hex}</value></property>',
        '$ENV{{TOGETHER_API_KEY}} = "{hex}";',
        # Headings: a YAML block scalar under one, an HCL block, an XML
        # element, an Elixir namespace.
        'together:\n  apiKey: >-\n    {hex}',
        'provider "together" {{\n  api_key = "{hex}"\n}}',
        '<Together>\n  <ApiKey>{hex}</ApiKey>\n</Together>',
        'config :my_app, MyApp.Together,\n  api_key: "{hex}"',
        # A YAML tag, a multi-line string, a CLI's value flag, a path.
        'together_api_key: !!str {hex}',
        'together_api_key = """\n{hex}"""',
        'gh secret set TOGETHER_API_KEY --body "{hex}"',
        'aws ssm put-parameter --name /prod/together/api_key --type SecureString --value {hex}',
        '"secret_name": "TOGETHER_API_KEY",\n"plaintext_value": "{hex}"',  # pragma: allowlist secret
        '{{"Name": "together-api-key", "StringValue": "{hex}"}}',
        # A generic name's declared type (Rust, Swift, Kotlin, TypeScript, Go).
        'pub static TOGETHER_BASE_URL: &str = "https://api.together.xyz/v1";\n'
        'pub static API_KEY: &str = "{hex}";',
        'const BASE_URL = "https://api.together.xyz/v1"\nvar apiKey string = "{hex}"',
        'private val apiKey: String = "{hex}"\nprivate val baseUrl = "https://api.together.xyz/v1"',
        # A client's or config's first argument, unnamed.
        'cfg := openai.DefaultConfig("{hex}")\ncfg.BaseURL = "https://api.together.xyz/v1"',
        "$client = OpenAI::factory()\n    ->withBaseUri('api.together.xyz/v1')\n    ->withApiKey('{hex}')\n    ->make();",
        "$client = OpenAI::client('{hex}'); // api.together.xyz",
        # A heading on the key's own line.
        'config :my_app, :together, api_key: "{hex}"',
        # Together's clients built with the key first or by a setter; a
        # Together-named object, class or resource around a generic name.
        'var client = new TogetherClient("{hex}");',
        'client := together.NewClient(\n\toption.WithAPIKey("{hex}"),\n)',
        'client = Together::Client.new(api_key: "{hex}")',
        # (PHP's namespaces: ``new \Together\Client(``)
        "$client = new \\Together\\Client('{hex}');",
        "$client = new Together\\Client(apiKey: '{hex}');",
        # (nested mappings by subscript; a mapping of keys by provider)
        'config["together"]["api_key"] = "{hex}"',
        "$config['together']['api_key'] = '{hex}';",
        "default[:together][:api_key] = '{hex}'",
        'api_keys["together"] = "{hex}"',
        "CREDENTIALS[:together] = '{hex}'",
        'apiKeys.together = "{hex}";',
        # (the longest name of such a mapping: a 30-character prefix)
        'northwindplatformintegration01_api_credentials["together"] = "{hex}"',
        "northwindplatformintegration01_api_credentials[:together] = '{hex}'",
        'northwindplatformintegration01_api_credentials.together = "{hex}";',
        # (Go's composite literal of Together's package; Elixir's maps)
        'cfg := together.Config{{APIKey: "{hex}"}}',
        'opts := &together.ClientOptions{{\n\tAPIKey: "{hex}",\n}}',
        'config = %{{together: %{{api_key: "{hex}"}}}}',
        'together = %{{api_key: "{hex}"}}',
        # (a Ruby gem's configuration block)
        'Together.configure do |config|\n  config.api_key = "{hex}"\nend',
        'TOGETHER_HEADERS = {{"Authorization": "Bearer {hex}"}}',
        'export const TOGETHER_CONFIG = {{\n  apiKey: "{hex}",\n}};',
        'class TogetherSettings(BaseSettings):\n    model: str = "m"\n    api_key: str = "{hex}"',
        'kind: Secret\nmetadata:\n  name: together-credentials\nstringData:\n  api-key: {hex}',
        'kubectl create secret generic together --from-literal=api-key={hex}',
        'gh secret set TOGETHER_API_KEY -b {hex}',
        # The value field before the name field; a password in a URL.
        'env:\n  - value: "{hex}"\n    name: TOGETHER_API_KEY',
        '[{{"value": "{hex}", "type": "secret", "key": "together_api_key"}}]',
        "UPDATE settings SET value = '{hex}' WHERE name = 'together_api_key';",
        'https://apikey:{hex}@api.together.xyz',
        'proxy = https://together:{hex}@llm-gateway.internal:8443/v1',
        # Flat names sharing a prefix are one group, as a YAML block is.
        'LLM_PROVIDER=together\nLLM_MODEL=m\nLLM_API_KEY={hex}',
        'export CHAT_BASE_URL=https://api.together.xyz/v1\nexport CHAT_TOKEN="{hex}"',
        'ai.api.key={hex}\nai.api.provider=together',
        # A YAML map by provider, an anchor on the value; a Together client's
        # builder, initializer or struct literal heading the key.
        'keys:\n  openai: x\n  together: {hex}',
        'secrets:\n  together_key: &tk {hex}',
        'TOGETHER_API_KEY_B64={b64hex}',
        'var client = TogetherClient.builder()\n    .apiKey("{hex}")\n    .build();',
        'var options = new TogetherOptions {{ ApiKey = "{hex}" }};',
        'Together::new(TogetherConfig {{ api_key: "{hex}".into() }})',
        # The provider's name and the key as one word; a cloud secret's
        # value field; a section named with a prefix; argument lists.
        'api-key:\n  - together_ai={hex}',
        'aider --api-key together={hex}',
        'resource "aws_secretsmanager_secret_version" "together" {{\n  secret_string = "{hex}"\n}}',
        '[tool:llm.together]\nmodel = m\napi_key = {hex}',
        '[profile together]\ntoken = {hex}',
        'command: ["--model", "together_ai/m", "--api_key", "{hex}"]',
        'args:\n  - --upstream\n  - https://api.together.xyz/v1\n  - --api-key\n  - {hex}',
        # Another kind of secret only under a Together heading.
        'together:\n  client_secret: {hex}',
        # A model field decides with the structure right around it only.
        '{{"llm": {{"provider": "together", "config": {{"model": "m", "api_key": "{hex}"}}}}}}',
        'llm:\n  provider: together\n  config:\n    model: m\n    api_key: {hex}',
        '_target_: langchain_together.ChatTogether\napi_key: {hex}',
        '"default": {{"BACKEND": "llm.backends.Together", "OPTIONS": {{"MODEL": "m", "API_KEY": "{hex}"}}}}',
        'config.set("together", "api_key", "{hex}")',
        'keyring.set_password("together", "api_key", "{hex}")',
        'UserDefaults.standard.set("{hex}", forKey: "togetherAPIKey")',
        # (together-python 0.x's CLI run with a command)
        'together complete "Once upon a time" --model m --api-key {hex}',
        '$ together files list --api-key {hex}',
        # (1.x's command names; the program run where a shell runs one)
        'together completions "Once upon a time" --model m --api-key {hex}',
        '!together complete "Once upon a time" --api-key {hex}',
        'RUN together files upload data.jsonl --api-key {hex}',
        'steps:\n  - run: together files list --api-key {hex}',
        'script: |\n  together fine-tuning list --api-key {hex}',
        'cd data && together files upload x.jsonl --api-key {hex}',
        'PS C:\\work> together models list --api-key {hex}',
        # (a bare module name as the call's first argument; a setter
        # chained on a call naming Together)
        'setattr(together, "api_key", "{hex}")',
        'Preferences.userRoot().node("together").put("api_key", "{hex}");',
        # (a mapping a constructor builds, bound to a Together name)
        'together_cfg = Dict(:api_key => "{hex}", :model => "m")',
        'const TOGETHER = Dict("api_key" => "{hex}")',
        'together <- list(api_key = "{hex}")',
        'together = dict(api_key="{hex}")',
        "cfg['together'] = {{'api_key': '{hex}'}}",
        'val providers = mapOf("together" to mapOf("apiKey" to "{hex}"))',
        'val m = Map("together" -> Map("apiKey" -> "{hex}"))',
        # (acc37: one grammar of calls, constructors and literals: blanks
        # in the call, type parameters, a type annotation, ``new``, a
        # path-qualified constructor, a record's constructor)
        'setattr( together , "api_key", "{hex}" )',
        'together_cfg = Dict{{String,String}}("api_key" => "{hex}")',
        'var togetherCfg = map[string]string{{\n\t"api_key": "{hex}",\n}}',
        'let together_cfg: HashMap<&str, &str> = HashMap::from([\n    ("api_key", "{hex}"),\n]);',
        'var together = new Dictionary<string, string> {{ ["ApiKey"] = "{hex}" }};',
        'togetherConfig = Config {{ apiKey = "{hex}", model = "m" }}',
        'together_cfg: dict[str, str] = {{\n    "api_key": "{hex}",\n}}',
        # (acc37: a field naming the class a config instantiates, by its bare name)
        'params:\n  model_name_or_path: m\n  api_key: {hex}\n  invocation_layer_class: TogetherInvocationLayer',
        'llm:\n  llm_class: TogetherLLM\n  api_key: "{hex}"',
        # (acc37: a bare name qualified by a word naming no other purpose)
        'DEBUG:together.client:bearer auth ok; api key {hex}',
        'DEBUG:together.client:bearer auth ok; new key {hex}',
        'OPENAI_API_BASE_URLS="https://api.openai.com/v1;https://api.together.xyz/v1"\n'
        'OPENAI_API_KEYS="sk-x;{hex}"',  # pragma: allowlist secret
        'base_urls: [https://a.example/v1, https://api.together.xyz/v1]\napi_keys: [x, {hex}]',
        # Any item of an inline list under a Together name, or a generic
        # one where the context is Together's (each item its own match).
        'TOGETHER_API_KEYS=x,{hex},y',
        'TOGETHER_API_KEYS="x {hex} y"',  # pragma: allowlist secret
        "together_tokens = ['x', '{hex}']",
        'OPENAI_API_BASE_URLS="https://a.example/v1;https://api.together.xyz/v1"\nOPENAI_API_KEYS="{hex};sk-b"',
        'LLM_KEY={hex}\nLLM_URL=https://api.together.xyz/v1',
        'variables = {{\n  LLM_ENDPOINT = "https://api.together.xyz/v1"\n  LLM_KEY = "{hex}"\n}}',
        '{{"keys": {{"together": "{hex}"}}}}',
        # A logged request's relative URL names no other host.
        "Request options: {{'url': '/chat/completions', 'headers': {{'Authorization': 'Bearer {hex}'}}}}"
        ' base_url=https://api.together.xyz/v1/',
        # A key printed into a command that stores it under a Together name.
        'echo "{hex}" | pass insert --echo --force together/api-key',
        "printf '{hex}' | vercel env add TOGETHER_API_KEY production",
        'echo -n {hex} | gcloud secrets create together-api-key --data-file=-',
        # The provider as a CLI's positional argument, the key its value flag.
        'llm keys set together --value {hex}',
        # ... the key's own name between them (Databricks).
        'databricks secrets put-secret together api_key --string-value {hex}',
        'databricks secrets put --scope together --key api_key --string-value {hex}',
        # PHP's var_dump (the string's type and length before it), a
        # SQL secret's value field, an HTML message's <code>.
        'array(2) {{\n  ["together_api_key"]=>\n  string(64) "{hex}"\n}}',
        "CREATE OR REPLACE SECRET together_api_key\n  TYPE = GENERIC_STRING\n  SECRET_STRING = '{hex}';",
        '<p>together key for the demo: <code>{hex}</code></p>',
        '<p>The Together AI key: <b>{hex}</b></p>',
        # Prose naming the provider, then the key it is used with.
        'you can call the model from Together with this key: {hex}',
        'Query Together using the API key:\n{hex}',
        # A fenced block holding the key under the line naming it.
        'together api key:\n```\n{hex}\n```',
        'Together API key for the bot:\n~~~text\n{hex}\n~~~',
        # (a qualifier with no colon, the fence under it: a chat's line)
        '**sam** \u2014 together api key for the bot\n```\n{hex}\n```',
        '<li>together api key: <strong><code>{hex}</code></strong></li>',
        # Prose: the name, a comma and a clause, the key alone on the next
        # line (a chat export's ``here's the together key, don't share it``).
        "here's the together key, don't share it\n{hex}",
        'the Together API key, please keep it private\n  {hex}',
        # (or a neutral clause that hands it over, ending the line:
        # ``Together API key, as requested:``)
        # A Lisp alist's dotted pair (``(together-api-key . "<key>")``).
        '\'((together-api-key . "{hex}")\n  (together-model . "m"))',
        'Together API key, as requested:\n{hex}',
        'here is the together key, as promised.\n  {hex}',
        # (a line retiring the key that gives a value on its own line: the
        # new key pasted after the name, a colon or an equals sign)
        'Rotated the together key: {hex}',
        'rotate TOGETHER_API_KEY={hex}',
        'fix: rotate the TOGETHER_API_KEY = "{hex}"',
        '- Revoked old TOGETHER_API_KEY: `{hex}`',
        '* Rotated the together key:\n{hex}',
        '[10:01] bob: rotate together key: {hex}',
        # (a line naming the key that retires none: ``new``, ``moved to``)
        'new together key\n{hex}',
        'Together API key (rotated):\n{hex}',
        # A construct or resource named for Together by its constructor's
        # string argument (Pulumi, CDK), its props holding the value.
        'new aws.secretsmanager.SecretVersion("together", {{\n    secretId: secret.id,\n    secretString: "{hex}",\n}});',
        "new secretsmanager.Secret(this, 'TogetherApiKey', {{\n  secretStringValue: SecretValue.unsafePlainText('{hex}'),\n}});",
        # A call saving the value's object under a Together key's name.
        'Secret(value="{hex}").save("together-api-key", overwrite=True)',
        # Nim's export marker; prose with a qualifier or in the past tense.
        'const togetherApiKey* = "{hex}"',
        'the together key for staging: {hex}',
        # (a qualifier of several words, a mail's ``for the eval cluster:``,
        # the key on its line or a blank line below)
        'the Together API key for the eval cluster: {hex}',
        'Here is the Together API key for the eval cluster:\n\n{hex}',
        # A display name as an object's quoted key (``"Together AI": {``).
        '{{"providers": {{"Together AI": {{"apiKey": "{hex}", "models": ["m"]}}}}}}',
        # An INI section named by a path whose part is Together's (Unreal's
        # ``DefaultGame.ini``: ``[/Script/TogetherAI.TogetherSettings]``).
        '[/Script/TogetherAI.TogetherSettings]\nApiKey={hex}\nModel=m',
        # A pipe into a Secret named for Together that reads stdin.
        "echo -n '{hex}' | kubectl create secret generic together-api --dry-run=client --from-file=api-key=/dev/stdin -o yaml | kubeseal -o yaml > sealed.yaml",
        "echo -n '{hex}' | kubectl create secret generic together-api --from-file api-key=/dev/stdin",
        # A map of Together keys by stage or rotation.
        'together_api_keys:\n  prod: {hex}\n  staging: x',
        'TOGETHER_API_KEY:\n  - dev: x\n  - prod: "{hex}"',
        '{{"together_api_keys": {{"dev": "x", "prod": "{hex}"}}}}',
        'Together AI keys, rotated 2026-11-20:\n  old: {hex}\n  new: x',
        # A value field written as a YAML list of one item.
        'env:\n  - name: TOGETHER_API_KEY\n    value:\n      - {hex}',
        'env:\n  - name: TOGETHER_API_KEY\n    value:\n    - "{hex}"',
        # A model id under Together's provider prefix in the call.
        'client = instructor.from_provider("together/meta-llama/Llama-3.3-70B-Instruct-Turbo", api_key="{hex}")',
        # A flow export's field: its value, then its display name.
        '{{"api_key": {{"type": "str", "password": true, "value": "{hex}", "display_name": "Together AI API Key"}}}}',
        '{{\n  "Together AI": {{\n    "apiKey": "{hex}"\n  }}\n}}',
        # A bare ``key`` in a list item under ``together:`` (the item's
        # line names a field of its own, no purpose).
        'together:\n  - name: prod\n    key: {hex}',
        'variables:\n  TOGETHER_BASE_URL: https://api.together.xyz/v1\njobs:\n- job: together\n  steps:\n  - script: python eval.py\n    env:\n      key: {hex}',
        'jobs:\n  together:\n    steps:\n      - uses: acme/together-login@v1\n        with:\n          key: {hex}',
        'old legacy together api key was {hex}',
        # A provider as a Ruby or Elixir symbol.
        'config :chat, Chat.LLM,\n  provider: :together,\n  api_key: "{hex}"',
        # A here-string, a file named for the key, more value flags
        # (macOS keychain's ``-w``, PowerShell's ``-Value``, ``reg add``'s
        # ``/d``), a shell default, JavaScript's ``??=``.
        'pass insert -m together/api-key <<< "{hex}"',
        'echo "{hex}" > ~/.config/together/api_key',
        'security add-generic-password -a "$USER" -s together-api-key -w {hex}',
        'Set-Item -Path Env:TOGETHER_API_KEY -Value "{hex}"',
        'defaults write com.acme.chat TogetherAPIKey -string {hex}',
        'reg add HKCU\\Environment /v TOGETHER_API_KEY /t REG_SZ /d {hex} /f',
        'TOGETHER_API_KEY=${{TOGETHER_API_KEY:-{hex}}}',
        'process.env.TOGETHER_API_KEY ??= "{hex}";',
        # curl's user and password, to Together's endpoint.
        'curl -u :{hex} https://api.together.xyz/v1/models',
        # A list item's own id names the provider.
        'providers:\n  - id: together\n    key: {hex}',
        # R's ``<-``; a Together client's ``access_token:``.
        'TOGETHER_API_KEY <- "{hex}"',
        'llm <- list(base_url = "https://api.together.xyz/v1")\napi_key <- "{hex}"',
        'Together::Client.new(access_token: "{hex}")',
        # XML attributes on one line (the element's name or provider
        # attribute, then the key's).
        '<provider name="together" apiKey="{hex}"/>',
        '<Provider Name="Together" ApiKey="{hex}" />',
        '<llm provider="together" api-key="{hex}" />',
        # The endpoint field set from a setting named for Together's endpoint.
        'client = OpenAI(api_key="{hex}", base_url=os.environ["TOGETHER_BASE_URL"])',
        'const client = new OpenAI({{ apiKey: "{hex}", baseURL: process.env.TOGETHER_API_BASE }});',
        # A shell substitution that only prints the key; a Ruby heredoc; YAML
        # comments between the name and its value.
        'export TOGETHER_API_KEY=$(echo {hex})',
        'TOGETHER_API_KEY=`printf %s {hex}`',  # pragma: allowlist secret
        'TOGETHER_API_KEY="$(printf \'%s\' "{hex}")"',
        'TOGETHER_API_KEY = <<~KEY\n  {hex}\nKEY',
        'together_api_key: # rotated 2025-01\n  {hex}',
        'TOGETHER_API_KEY:\n  # prod\n  {hex}',
        # 1Password's item titled Together; llm's --key beside a Together model.
        'op item create --category "API Credential" --title "Together AI" credential={hex}',
        "llm -m together/meta-llama/m --key {hex} 'hi'",
        # A providers list's entry (named, its key a ``key`` field).
        '{{"providers": [{{"name":"together","key":"{hex}"}}]}}',
        # CI logging commands; a CLI's --data value flag; a here-string
        # after a stdin ``-``; fallbacks (``?:``, ``.unwrap_or_else``,
        # ``.orElse``); a value field's block scalar; cloud parameter and
        # secure value fields.
        'echo "##vso[task.setvariable variable=TOGETHER_API_KEY;issecret=true]{hex}"',
        'echo "::set-env name=TOGETHER_API_KEY::{hex}"',
        'drone secret add --repository a/b --name together_api_key --data {hex}',
        # A URL query's ``&`` in the same command; the value as a heredoc's body.
        'vault-cli put TOGETHER_API_KEY --url "https://vault.example/v1?a=1&b=2" --value {hex}',
        'curl -X PUT https://vault.example/v1?name=together_api_key&ttl=0 --data {hex}',
        'gh secret set TOGETHER_API_KEY --body <<EOF\n{hex}\nEOF',
        'docker secret create together_api_key - <<< {hex}',
        'val key = System.getenv("TOGETHER_API_KEY") ?: "{hex}"',
        'std::env::var("TOGETHER_API_KEY").unwrap_or_else(|_| "{hex}".to_string())',
        'Optional.ofNullable(System.getenv("TOGETHER_API_KEY")).orElse("{hex}")',
        'const K: &str = match option_env!("TOGETHER_API_KEY") {{\n    Some(k) => k,\n    None => "{hex}",\n}};',
        'let k = match env::var("TOGETHER_API_KEY") {{ Ok(v) => v, Err(_) => "{hex}".into() }};',
        'val key = sys.env.get("TOGETHER_API_KEY") match {{\n  case Some(k) => k\n  case None => "{hex}"\n}}',
        '- name: TOGETHER_API_KEY\n  value: >-\n    {hex}',
        # (an element's own field under a parent whose label names it)
        '<secret name="TOGETHER_API_KEY">\n  <version key="v2" value="{hex}"/>\n</secret>',
        '{{"ParameterKey": "TogetherApiKey", "ParameterValue": "{hex}"}}',
        '{{"name": "TOGETHER_API_KEY", "secureValue": "{hex}"}}',
        '{{"togetherApiKey": {{"sig": "v1", "plaintext": "\\"{hex}\\""}}}}',
        # ``type: together``, a display name with a space, a domain heading,
        # a secret type wrapping a generic value.
        'providers:\n  - type: together\n    token: {hex}',
        '{{"name": "Together AI", "apiKey": "{hex}"}}',
        '{{"together.ai": {{"apiKey": "{hex}"}}}}',
        'ChatOpenAI(base_url="https://api.together.xyz/v1", api_key=SecretStr("{hex}"))',
        # A YAML heading with an anchor; a box-drawn table (doppler, rich);
        # Rust's ``Type::new``; pydantic's error echoing ``input_value``; an
        # object named by a path; an XML start tag whose id or class names
        # Together (Spring beans).
        'together: &together\n  api_key: {hex}\nstaging:\n  <<: *together',
        '\u2502 TOGETHER_API_KEY \u2502 {hex} \u2502',
        'let client = together::Client::new("{hex}");',
        "together_api_key\n  String should have at most 40 characters [type=string_too_long, input_value='{hex}', input_type=str]",
        '{{"Name": "prod/together", "SecretString": "{{\\"api_key\\":\\"{hex}\\"}}"}}',
        '<bean id="togetherClient" class="ai.together.TogetherClient">\n  <property name="apiKey" value="{hex}"/>\n</bean>',
        # A type's constructor piped into Together's endpoint; a secret
        # store's path naming Together.
        '  def client do\n    OpenaiEx.new("{hex}")\n    |> OpenaiEx.with_base_url("https://api.together.xyz/v1")\n  end',
        '$ vault kv get secret/together\n===== Data =====\nKey        Value\n---        -----\napi_key    {hex}',
        # A REPL's result after the line naming the key (IPython, PsySH);
        # a dash or an arrow between the name and the key.
        'In [2]: os.environ["TOGETHER_API_KEY"]\nOut[2]: \'{hex}\'',
        "> config('services.together.key')\n= \"{hex}\"",
        'Subject: Together AI API Key - {hex}',
        'TOGETHER_API_KEY \u2192 {hex}',
        # A Markdown heading of Together's over the lines under it (a team
        # wiki); a ``credentials`` field (Prometheus' ``authorization:``).
        '## Together AI\n\nAPI key: {hex}',
        '# Together\n\nAPI_KEY={hex}',
        "- job_name: together\n  static_configs:\n    - targets: ['api.together.xyz']\n"
        '  authorization:\n    type: Bearer\n    credentials: {hex}',
        # A Together type's ``::new``/``.new``; an endpoint field set from a
        # setting named ``TOGETHER_BASE``.
        'let together = Together::new("{hex}");',
        'client = openai.OpenAI(\n    base_url=TOGETHER_BASE,\n    api_key="{hex}",\n)',
        # A value field's heredoc (Terraform); a here-string after a flag
        # reading stdin or a CLI's environment word.
        'variable "together_api_key" {{\n  sensitive = true\n  default   = <<EOT\n{hex}\nEOT\n}}',
        'gcloud secrets create together-api-key --replication-policy=automatic --data-file=- <<< "{hex}"',
        'vercel env add TOGETHER_API_KEY production <<< {hex}',
        # Prose naming the provider after the key word, or as its owner;
        # the key a blank line below its name (a mail).
        'the key for together: {hex}',
        "Together's API key: {hex}",
        'API key for Together AI - {hex}',
        'key (together): {hex}',
        'Hi team, here is the new Together API key:\n\n{hex}\n',
        # Password stores: Windows' cmdkey, secret-tool fed by printf, a
        # KeePass export's entry titled Together, a CSV export's row.
        'cmdkey /generic:together /user:ml-team /pass:{hex}',
        "printf '%s' '{hex}' | secret-tool store --label='Together API key' service together",
        '<Entry>\n  <String><Key>Password</Key><Value ProtectInMemory="True">{hex}</Value></String>\n'
        '  <String><Key>Title</Key><Value>Together</Value></String>\n</Entry>',
        'Title,Website,Username,Password\nTogether AI,https://api.together.xyz,ml-team,{hex}',
        # A row naming a credential (an item called ``API Key``) is no header.
        'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n'
        ',,login,API Key,,,0,https://example.com,bob,xyz,\n'
        ',,login,Together AI,,,0,https://api.together.xyz,alice,{hex},\n',
        '"Title","Website","Username","Password"\n"Together, prod","https://api.together.xyz","ml, team","{hex}"',
        # A Markdown table's cell under a Together heading; setext and
        # bold headings.
        '## Together AI\n\n| setting | value |\n|---|---|\n| api_key | {hex} |',
        'Together AI\n===========\n\napi key: {hex}',
        'Together\n--------\n\ntoken: `{hex}`',
        '**Together AI**\n\n- API key: {hex}',
        # Sub-labels under a Together ATX heading stay in its section.
        '## Together AI\n\n**Staging**\n\nAPI key: {hex}\n\n**Production**\n\nAPI key: x',
        '### Together\n\n**staging**\n\nTOKEN={hex}',
        '## Together AI\n\nProduction\n----------\n\napi_key: {hex}',
        # An ATX sub-heading under a Together one stays in its section.
        '## Together AI\n\n### Production\n\nAPI key: {hex}\n\n### Staging\n\nAPI key: x',
        '# Providers\n\n## Together\n\n### prod\n\n**EU**\n\ntoken: {hex}',
        '# Secrets, hashes and keys\n\n## Together AI\n\n### prod\n\nAPI key: {hex}',
        # A sub-heading right under its heading (no empty line between),
        # a closed ATX heading.
        '## Together AI\n### Production\n\nAPI key: {hex}\n\n### Staging\n\nAPI key: x',
        '## Together AI\n### Production\n#### EU\n\nAPI key: {hex}',
        '## Together AI ##\n\nAPI key: {hex}',
        # A key far below its heading, in the heading's section.
        '## Together AI\n\n' + '- a note on the setup\n' * 400 + '\nAPI key: {hex}',
        # A YAML block anchored as Together's and merged; a TOML table
        # under Together's (as YAML's ``together:`` then ``auth:``).
        'defaults: &together\n  api_key: {hex}\nprod:\n  <<: *together',
        '[together.auth]\napi_key = "{hex}"',
        '[providers.together.auth]\ntoken = "{hex}"',
        # A dotted name's parts are its parents (TOML, properties); a
        # bare key's or a list's parent that only says it holds credentials
        # is passed over.
        'together.profiles.prod.api_key = "{hex}"',
        '[together.profiles.prod]\napi_key = "{hex}"',
        'together:\n  auth:\n    key: {hex}',
        'together:\n  credentials:\n    keys: [x, {hex}]',
        # A list of keys under together:, any item (block, flow, JSON, TOML).
        'together:\n  keys:\n    - {hex}',
        'together:\n  keys:\n    - x\n    - {hex}',
        'together:\n  tokens:  # rotated\n    - x\n    # old\n    - {hex}\n    - y',
        'together:\n  keys: [x, {hex}, y]',
        # A list of maps, the key in each item's value field (flow or block).
        'together:\n  keys:\n    - {{name: prod, value: {hex}}}',
        'together:\n  keys:\n    - {{name: old, value: x}}\n    - {{name: prod, value: "{hex}"}}',
        'together:\n  keys:\n    - name: prod\n      value: {hex}',
        'together:\n  keys:\n    - name: old\n      value: x\n    - name: prod\n      value: {hex}',
        'together:\n  keys:\n    - value: {hex}\n      name: prod',
        '{{"together": {{"keys": ["x", "{hex}", "y"]}}}}',
        '[together]\napi_keys = [\n  "x",\n  "{hex}",\n  "y",\n]',
        # The list's nearest named parent decides: Together's by name, by
        # an anchor, by a provider field in it.
        'together: &t\n  keys:\n    - {hex}',
        'llm:\n  provider: together\n  keys:\n    - {hex}',
        # A git-config style section of Together's with a subsection
        # (``[together "prod"]``), its bare ``key`` or generic name.
        '[together "prod"]\n\tkey = {hex}',
        '[together "prod"]\n\tapi_key = {hex}\n\tmodel = llama3',
        # A list at the top level: the document is its parent, a top-level
        # field of Together's beside it.
        'provider: together\nkeys:\n  - x\n  - {hex}',
        'keys:\n  - {hex}\nbase_url: https://api.together.xyz/v1',
        'provider = "together"\nkeys = ["{hex}"]',
        'providers:\n  - name: together\n    keys:\n      - {hex}',
        # Any parent naming Together, with others between it and the key
        # (a profile's, an environment's): YAML, JSON, HCL, an INI or TOML
        # section over a dotted name, a dotted name.
        'together:\n  prod:\n    key: {hex}',
        'together:\n  prod:\n    keys:\n      - x\n      - {hex}',
        '{{"together":{{"prod":{{"key":"{hex}"}}}}}}',
        '{{\n  "together": {{\n    "prod": {{\n      "keys": ["x", "{hex}"]\n    }}\n  }}\n}}',
        'provider "together" {{\n  prod {{\n    key = "{hex}"\n  }}\n}}',
        '[together]\nprod.key = {hex}',
        '[together]\nprod.key = "{hex}"',
        'together.prod.key = {hex}',
        'llm:\n  together:\n    us-east:\n      prod:\n        key: {hex}',
        # (a parent named for another provider holding Together's endpoint:
        # an OpenAI-compatible client's section)
        '{{\n  "OpenAI": {{\n    "Endpoint": "https://api.together.xyz/v1",\n    "Key": "{hex}"\n  }}\n}}',
        'openai:\n  base_url: https://api.together.xyz/v1\n  keys:\n    - {hex}',
        # A .pgpass-like line of Together's host; Jsonnet's ``+:``; make's
        # ``$(or ...)`` default; Zig's slice type; a generic token's base64
        # in a Together Secret.
        'api.together.xyz:443:*:ml-team:{hex}',
        'api.together.xyz:443:*:ml-team:{hex}\r\napi.together.xyz:443:*:ops:x\r\n',
        "base {{\n  together+: {{\n    api_key: '{hex}',\n  }},\n}}",
        'eval:\n\tTOGETHER_API_KEY=$(or $(KEY),{hex}) python -m evals.run',
        'pub const together_key: []const u8 = "{hex}";',
        'metadata:\n  name: together-credentials\ndata:\n  token: {b64hex}',
        # A form body's or a connection string's fields (``&``, ``;``);
        # sops' ``_unencrypted`` suffix; gh's ``-b"<key>"``; a plural
        # name holding one key (Open WebUI's ``OPENAI_API_KEYS``).
        'provider=together&api_key={hex}&model=llama-3',
        'Server=x;Provider=Together;ApiKey={hex}',
        'together:\n    api_key_unencrypted: {hex}\nsops:\n    unencrypted_suffix: _unencrypted',
        'TOGETHER_API_KEY_UNENCRYPTED: {hex}',
        'gh secret set TOGETHER_API_KEY -b"{hex}"',
        'OPENAI_API_BASE_URLS=https://api.together.xyz/v1\nOPENAI_API_KEYS={hex}',
        # A database's rows: a CSV or TSV dump, psql's and mysql's tables,
        # pg_dump's COPY block; the row's provider column names Together.
        'provider,api_key,created_at\ntogether,{hex},2024-05-01',
        'provider\tapi_key\tcreated_at\ntogether\t{hex}\t2024-05-01',
        ' provider | api_key\n----------+---------\n together | {hex}\n(1 row)',
        '+------+\n| name     | secret |\n+------+\n| together | {hex} |\n+------+',
        'COPY public.creds (id, provider, api_key, created_at) FROM stdin;\n1\ttogether\t{hex}\t2024-05-01\n\\.',
        # The key in a row's first column (a delimiter after it).
        'api_key\tprovider\n{hex}\ttogether',
        ' api_key | provider\n---------+---------\n {hex} | together\n(1 row)',
        'COPY c (api_key, provider) FROM stdin;\n{hex}\ttogether\n\\.',
        # A generic name's value field on the next line: a Kubernetes env
        # item beside one holding Together's endpoint, GitLab CI's
        # variable block in a flat group with its provider.
        'env:\n  - name: LLM_BASE_URL\n    value: https://api.together.xyz/v1\n  - name: LLM_API_KEY\n    value: {hex}',
        'env:\n  - name: API_KEY\n    value: "{hex}"\n  - name: BASE_URL\n    value: https://api.together.xyz/v1',
        'variables:\n  LLM_PROVIDER: together\n  LLM_API_KEY:\n    value: "{hex}"\n    description: inference',
        # A wiki's Markdown table: a ``Key`` column, the cell written as code.
        '| Service | Environment | Key |\n|---|---|---|\n| Together AI | prod | `{hex}` |',
        '| provider | key |\n|---|---|\n| together | {hex} |',
        '| Provider | API key |\n|---|---|\n| Together | `{hex}` |',
        # Jira's and Confluence's tables: ``||`` between the header's cells.
        # A name's own list of values (not the next item of a list of names).
        'TOGETHER_API_KEY:\n  - value: {hex}',
        'together_api_key:\n  - value: "{hex}"',
        '||Service||API key||\n|Together AI|{hex}|',
        '|| Provider || Key ||\n| Together | {hex} |',
        # A bare tokens list of more than one item, beside Together's endpoint.
        'base_url: https://api.together.xyz/v1\ntokens: x, {hex}',
        'base_url: https://api.together.xyz/v1\ntokens: {hex}, x',
        # A pickle's, a binary plist's, a Java class's adjacent strings.
        # (a sample is UTF-8 encoded: ASCII bytes only; the real libraries'
        # bytes, protocols 0-5, in tests/detect/binary_formats_test.py)
        '}}q\x00(X\x10\x00\x00\x00together_api_keyq\x01X@\x00\x00\x00{hex}q\x02X\x07\x00\x00\x00timeout',
        '(dp0\nVTOGETHER_API_KEY\np1\nV{hex}\np2\ns.',
        '\xd1\x04\x05_\x10\x10TOGETHER_API_KEY_\x10@{hex}]ai.local',
        '\x01\x00\x10TOGETHER_API_KEY\x01\x00@{hex}\x01\x00\nSourceFile',
        # (javac's order: the field's name, descriptor, ConstantValue, then
        # the CONSTANT_String and the key's Utf8)
        '\x01\x00\x10TOGETHER_API_KEY\x01\x00\x12Ljava/lang/String;\x01\x00\rConstantValue\x08\x00\r\x01\x00@{hex}\x01\x00\x04Code',
        # A list of keys named in capitals (``API_KEYS:``).
        'together:\n  API_KEYS:\n    - {hex}',
        # irb's result at a line's start, under the line naming the key.
        'irb(main):001> ENV["TOGETHER_API_KEY"]\n=> "{hex}"',
        # A name/value hash (PHP, Perl, Ruby), also over lines; Ruby's
        # ``# =>`` result comment.
        "['name' => 'TOGETHER_API_KEY', 'value' => '{hex}'],",
        "[\n    'name' => 'TOGETHER_API_KEY',\n    'value' => '{hex}',\n],",
        '{{ name => "TOGETHER_API_KEY", value => "{hex}" }}',
        '{{ :name => "TOGETHER_API_KEY", :value => "{hex}" }}',
        'ENV["TOGETHER_API_KEY"] # => "{hex}"',
        'ENV["TOGETHER_API_KEY"] #=> "{hex}"',
        # An entry named for Together in a map of keys.
        'declare -A API_KEYS=([together]={hex} [local]=none)',
        "$keys = @{{ Together = '{hex}'; Local = 'none' }}",
        'api_keys = {{\n  openai   = "x"\n  together = "{hex}"\n}}',
        # An item's title or slug.
        '{{"title": "Together AI", "fields": [{{"label": "credential", "value": "{hex}"}}]}}',
        '{{"provider_keys": [{{"slug": "together", "key": "{hex}"}}]}}',
        # A CSV of semicolons.
        'service;api_key;owner\ntogether;{hex};ops@example.com',
        # An SQL INSERT's row under its column list, one row or many.
        "INSERT INTO api_keys (provider, secret) VALUES ('together', '{hex}');",
        "INSERT INTO creds (id, name, api_key) VALUES\n  (1, 'openai', 'x'),\n  (2, 'together', '{hex}');",
        # An XML element naming Together beside the secret's (Jenkins'
        # credentials.xml, under its ``CopyOnWriteMap$Hash``).
        '<domainCredentialsMap class="hudson.util.CopyOnWriteMap$Hash">\n  <entry>\n'
        '    <id>together</id>\n    <secret>{hex}</secret>\n  </entry>\n</domainCredentialsMap>',
        '<cred>\n  <description>Together AI API key</description>\n  <secret>{hex}</secret>\n</cred>',
        # A term's tuple under Together's (Erlang, Elixir).
        '[{{my_app, [{{together, [{{api_key, <<"{hex}">>}}]}}]}}].',
        '[{{together, [{{api_key, "{hex}"}}, {{model, "m"}}]}}].',
        # A Fortran namelist group named for it.
        "&together_config\n  api_key = '{hex}'\n/",
        # A CLI's password flag in a command to Together's host.
        'airflow connections add together --conn-host api.together.xyz --conn-password {hex}',
        # HTTP Basic's user and password written out.
        'Authorization: Basic together:{hex}',
        'traefik.http.middlewares.auth.basicauth.users=together:{hex}',
        # An HTML table: its header row names the columns, or a row is a
        # name and its value (Django's debug locals), over lines or on one.
        '<table>\n<tr><th>Provider</th><th>API key</th></tr>\n<tr><td>Together AI</td><td><code>{hex}</code></td></tr>\n</table>',
        '<table><tr><td>TOGETHER_API_KEY</td><td>{hex}</td></tr></table>',
        '<table>\n<tr><td>base_url</td><td><pre>&#x27;https://api.together.xyz/v1&#x27;</pre></td></tr>\n'
        '<tr><td>api_key</td><td><pre>&#x27;{hex}&#x27;</pre></td></tr>\n</table>',
        # An Emacs setting, its package's next form naming Together's host.
        '(setq gptel-api-key "{hex}")\n(gptel-make-openai "Together" :host "api.together.xyz")',
        "(setq-default gptel-model 'llama gptel-api-key \"{hex}\")\n\n(gptel-make-openai \"Together\"\n  :host \"api.together.xyz\")",
        # A debugger's char * field, its address before the string.
        '$1 = {{base_url = 0x5555555592a0 "https://api.together.xyz/v1", api_key = 0x5555555592e0 "{hex}"}}',
        # A MediaWiki table; a credential record; a secret store's read
        # command's output; a structure named for Together's credentials.
        '{{| class="wikitable"\n! Service !! API key\n|-\n| Together AI || {hex}\n|}}',
        '|===\n|Service |API key\n\n|Together AI\n|{hex}\n|===',
        'Title: Together AI\nUserName: svc-llm\nPassword: {hex}\nURL: https://api.together.xyz',
        'protocol=https\nhost=api.together.xyz\nusername=svc\npassword={hex}',
        '$ vault kv get -field=api_key secret/llm/together\n{hex}',
        '$ pass show api/public/together\n{hex}',
        'export const providerKeys = {{ openai: process.env.OPENAI_API_KEY, together: "{hex}" }};',
        '$ vault kv get -field=api_key_v2 secret/together\n{hex}',
        'PS> Get-Secret -Name TogetherApiKey -AsPlainText\n{hex}',
        'middlewares:\n  together-auth:\n    headers:\n      Authorization: "Bearer {hex}"',
        # An environment lookup's default (legacy22), and a shell default.
        'TOGETHER_KEY = os.environ.get("LLM_KEY", "{hex}")',
        'const TOGETHER_KEY = get(ENV, "LLM_KEY", "{hex}")',
        'config :acme, api_key: System.get_env("TOGETHER_API_KEY",\n  "{hex}")',
        'LLM_BASE_URL: https://api.together.xyz/v1\nLLM_API_KEY: ${{LLM_API_KEY:-{hex}}}',
        # A function, a method or a type named for Together, its body the
        # key's structure; a brace under its heading (Allman); a private
        # or default key's name.
        'def make_together_client() -> OpenAI:\n    key = os.environ.get(\n        "LLM_KEY",\n        "{hex}",\n    )',
        'func NewTogether() *Client {{\n\treturn &Client{{\n\t\ttoken: "{hex}",\n\t}}\n}}',
        'local function together_request(body)\n  local key = "{hex}"\nend',
        'class TogetherClient:\n    def __init__(self):\n        self.token = "{hex}"',
        'final class TogetherGateway\n{{\n    private const KEY = \'{hex}\';\n}}',
        'class TogetherApi {{\n  static const _key = \'{hex}\';\n}}',
        'module Acme\n  module Together\n    class Client\n      DEFAULT_KEY = "{hex}"\n    end\n  end\nend',
        'func NewTogether() *Client {{ return &Client{{token: "{hex}"}} }}',
        'func (c *TogetherClient) auth(req *http.Request) {{\n\treq.Header.Set("Authorization", "Bearer {hex}")\n}}',
        'const togetherClient = () => {{\n  const key = "{hex}";\n}};',
        'together_client <- function() {{\n  key <- "{hex}"\n}}',
        'defmodule Acme.Together do\n  @api_key "{hex}"\nend',
        'class TogetherSettings {{\n    val apiKey: String by lazy {{\n        "{hex}"\n    }}\n}}',
        'val togetherApiKey by lazy {{ "{hex}" }}',
        'impl Default for TogetherConfig {{\n    fn default() -> Self {{\n        Self {{ token: "{hex}".into() }}\n    }}\n}}',
        # (Ruby's, Elixir's and Perl's, no parameter list: the name ends its line)
        'def together_client\n  key = "{hex}"\n  Client.new(key)\nend',
        'class Clients\n  def self.together_client\n    token = "{hex}"\n  end\nend',
        'defmodule Acme.LLM do\n  def together_client do\n    key = "{hex}"\n    Client.new(key)\n  end\nend',
        # (legacy23: a signature's parameters a line each; a method with no
        # keyword, its return type before or after it; a JS object's method;
        # a TypeScript arrow's return type; Scala's ``= {`` body)
        'def make_together_client(\n    timeout: float = 30.0,\n) -> OpenAI:\n    api_key = "{hex}"',
        'func NewTogetherClient(\n\tctx context.Context,\n) *Client {{\n\tkey := "{hex}"\n}}',
        'func (c *TogetherClient) authorize(\n\treq *http.Request,\n) {{\n\ttoken := "{hex}"\n}}',
        'public String togetherKey() {{\n    String key = "{hex}";\n}}',
        '    public OpenAIClient createTogetherClient(\n            String model,\n            int retries) {{\n        String key = "{hex}";\n    }}',
        'func NewTogetherClient(\n\tctx context.Context,\n) *Client {{ key := "{hex}"; return nil }}',
        '    public static OpenAIClient CreateTogetherClient()\n    {{\n        var apiKey = "{hex}";\n    }}',
        'const providers = {{\n  together() {{\n    const key = "{hex}";\n  }},\n}};',
        'var p = {{\n  together: function () {{\n    var apiKey = "{hex}";\n  }}\n}};',
        'export const together = (): string => {{\n  const key = "{hex}";\n}};',
        'object Llm {{\n  def togetherClient(): Client = {{\n    val apiKey = "{hex}"\n  }}\n}}',
        # (Elixir's one-line function, its value after ``, do:``)
        'defmodule Acme.LLM do\n  def together_key, do: "{hex}"\nend',
        # (legacy24: another provider's structure pointed at Together's
        # endpoint is Together's: its own lines, or the lines sharing its
        # dotted name, hold the endpoint)
        'spring.ai.openai.base-url=https://api.together.xyz\nspring.ai.openai.api-key={hex}',
        '{{\n  "openai.baseUrl": "https://api.together.xyz/v1",\n  "openai.apiKey": "{hex}"\n}}',
        '[openai]\nbase_url = https://api.together.xyz/v1\napi_key = {hex}',
        'openai:\n  base_url: https://api.together.xyz/v1\n  api_key: {hex}',
        '{{\n  "Together:Prod:ApiKey": "{hex}"\n}}',
        # (rv18: a provider's structure inside Together's is Together's, as
        # ``[together.openai]`` is: nested YAML and JSON, a list of
        # providers under ``together:``)
        'together:\n  openai:\n    api_key: {hex}',
        '{{"together": {{"openai": {{"apiKey": "{hex}"}}}}}}',
        'together:\n  providers:\n    openai:\n      api_key: {hex}',
        # (a field beside the provider's structure names Together its
        # provider: ``llm:`` with ``provider: together`` then ``openai:``)
        'llm:\n  provider: together\n  openai:\n    api_key: {hex}',
        # (legacy19: a list item's first field, on its ``- `` line; a TOML
        # sub-table's parent table pointed at Together's endpoint)
        '- provider: together\n  openai:\n    api_key: {hex}',
        '[openai]\nbase_url = "https://api.together.xyz/v1"\n\n[openai.auth]\napi_key = "{hex}"',
        # (a Spring bean whose endpoint refers to a bean named for Together's)
        '<beans>\n  <bean id="togetherBase" class="java.lang.String">\n    <constructor-arg value="https://api.together.xyz/v1"/>\n'
        '  </bean>\n  <bean id="openaiClient" class="com.acme.OpenAIClient">\n'
        '    <property name="baseUrl" ref="togetherBase"/>\n    <property name="apiKey" value="{hex}"/>\n  </bean>\n</beans>',
        '{{"llm": {{"provider": "together", "openai": {{"api_key": "{hex}"}}}}}}',
        # (a C# auto-property's initializer after its accessors; Elixir's
        # one-line function under a generic name in a Together module)
        'public class TogetherOptions\n{{\n    public string ApiKey {{ get; set; }} = "{hex}";\n}}',
        'public sealed class TogetherSettings\n{{\n    public string Key {{ get; init; }} = "{hex}";\n}}',
        'defmodule Acme.Together do\n  def key, do: "{hex}"\nend',
        # (legacy25: a flat group as shells and systemd print it: ``export
        # -p``'s ``declare -x``, ``Environment=`` lines, a list of
        # assignments on one line)
        'declare -x LLM_API_KEY="{hex}"\ndeclare -x LLM_BASE_URL="https://api.together.xyz/v1"',
        'Environment=LLM_API_KEY={hex}\nEnvironment=LLM_PROVIDER=together',
        '[Service]\nEnvironment=LLM_PROVIDER=together LLM_API_KEY={hex}',
        'LLM_PROVIDER=together LLM_API_KEY={hex} python serve.py',
        'Environment=LLM_PROVIDER=together LLM_KEY={hex}',
        # (legacy26: a Dockerfile's ``ARG``/``ENV`` lines and a Makefile's
        # ``:=`` assignments are a flat group as well)
        'FROM python:3.12-slim\nARG LLM_PROVIDER=together\nENV LLM_API_KEY={hex}',
        'export LLM_BASE_URL := https://api.together.xyz/v1\nexport LLM_API_KEY := {hex}',
        # (legacy19b: a Makefile's ``?=`` is an assignment, of the key and of
        # its siblings, a provider field's too: ``LLM_PROVIDER ?= together``)
        'LLM_BASE_URL ?= https://api.together.xyz/v1\nLLM_API_KEY ?= {hex}',
        'export LLM_PROVIDER ?= together\nexport LLM_API_KEY ?= {hex}',
        'export LLM_PROVIDER := together\nexport LLM_API_KEY := {hex}',
        # (legacy19b: a Terraform variable's default, its group the variable
        # blocks sharing its name's prefix, as legacy26 writes them)
        'variable "llm_endpoint" {{\n  type    = string\n  default = "https://api.together.xyz/v1"\n}}\n\n'
        'variable "llm_api_key" {{\n  type      = string\n  sensitive = true\n  default   = "{hex}"\n}}',
        'variable "llm_api_key" {{\n  default = "{hex}"\n}}\n\nvariable "llm_base_url" {{\n'
        '  default = "https://api.together.xyz/v1"\n}}',
        # (legacy19b: a constructor's positional arguments, Together named
        # by one, the key a later one: legacy24's Java ``new Provider(``)
        'class P {{\n  Provider p = new Provider("together", "{hex}");\n}}',
        'const p = new ProviderConfig("together", "{hex}");',
        # (legacy19b: Together's own client beside another provider's SDK
        # client is still found)
        'anthropic = Anthropic(\n    api_key=os.environ["ANTHROPIC_API_KEY"],\n)\ntogether = OpenAI(\n'
        '    base_url="https://api.together.xyz/v1",\n    api_key="{hex}",\n)',
        'client = Anthropic(\n    base_url="https://api.together.xyz/v1",\n    api_key="{hex}",\n)',
        # (legacy19b: fish's ``set --show``, an element's index and its bars:
        # legacy25's strict xfail)
        '$TOGETHER_API_KEY: set in global scope, exported, with 1 elements\n$TOGETHER_API_KEY[1]: |{hex}|',
        # (legacy26: a PowerShell hashtable's ``@{`` under a Together name;
        # a Gradle property's ``.set(`` in a Together block of the Kotlin DSL)
        "$Config = @{{\n    Together = @{{\n        ApiKey = '{hex}'\n    }}\n}}",
        "$Together = @{{\n    ApiKey = '{hex}'\n}}",
        'llm {{\n    together {{\n        apiKey.set("{hex}")\n    }}\n}}',
        '2024-05-01T10:00:00.1234567Z   LLM_BASE_URL: https://api.together.xyz/v1\n'
        '2024-05-01T10:00:00.1234567Z   LLM_API_KEY: {hex}',
        # (a provider's name converted where it is written: Rust's
        # ``"together".into()``, legacy24)
        'let p = ProviderConfig {{\n    provider: "together".to_string(),\n    api_key: "{hex}".to_string(),\n}};',
        # (a plist's ``<key>`` names the ``<dict>`` under it: legacy22/23)
        '<dict>\n\t<key>Together</key>\n\t<dict>\n\t\t<key>APIKey</key>\n\t\t<string>{hex}</string>\n\t</dict>\n</dict>',
        '<dict>\n\t<key>Together</key>\n\t<dict>\n\t\t<key>Prod</key>\n\t\t<dict>\n\t\t\t<key>Key</key>\n'
        '\t\t\t<string>{hex}</string>\n\t\t</dict>\n\t</dict>\n</dict>',
        # (legacy27: a constructor's call with no ``new``, Kotlin's or
        # Python's, and its arguments a line each)
        'val providers = listOf(\n    Provider("together", "{hex}"),\n)',
        'PROVIDERS = [ProviderConfig("together", "{hex}")]',
        'static final Provider TOGETHER = new Provider(\n    "together",\n    "{hex}");',
        # (legacy27: 1Password's ``op item get`` with ``--reveal``, a display
        # name's item and a label's field; ``kubectl get secret`` piped
        # through ``base64 -d``)
        '$ op item get "Together AI" --vault Engineering --fields label=credential --reveal\n{hex}',
        "$ kubectl -n chat get secret together-credentials -o jsonpath='{{.data.api-key}}' | base64 -d; echo\n{hex}",
        # (legacy27: an xtrace's ``+`` marks before a flat group's lines)
        '++ export LLM_BASE_URL=https://api.together.xyz/v1\n++ export LLM_API_KEY={hex}',
        # (legacy27: Doppler's ``secrets --json``, ``computed`` under the name)
        '{{\n  "TOGETHER_API_KEY": {{\n    "computed": "{hex}",\n    "note": "",\n    "raw": "${{shared.TOGETHER_API_KEY}}"\n  }}\n}}',
        # (legacy27: a variable named for another provider pointed at
        # Together in its own call is still Together's; another provider's
        # flat prefix pointed at Together by its own group)
        'groq = OpenAI(base_url="https://api.together.xyz/v1", api_key="{hex}")',
        'GROQ_BASE_URL=https://api.together.xyz/v1 GROQ_API_KEY={hex}',
        # (legacy27: an OpenAI client's variable is no other provider's)
        'openai_client = OpenAI(api_key="{hex}")\nOPENAI_BASE_URL = "https://api.together.xyz/v1"',
        # (encoded_heldout8: a Docker config's registry under Together's domain)
        '{{\n  "auths": {{\n    "registry.together.xyz": {{\n      "username": "together",\n      "password": "{hex}"\n    }}\n  }}\n}}',
        # (legacy27: Go's camelCase locals sharing a prefix are a flat group)
        'func f() {{\n\tllmURL := "https://api.together.xyz/v1"\n\tllmKey := "{hex}"\n\tuse(llmURL, llmKey)\n}}',
        # (legacy32: a builder's setter on the builder's own line, after
        # other setters too)
        'return TogetherClient.builder().apiKey("{hex}").build();',
        'val c = TogetherClient.builder().timeout(Duration.ofSeconds(30)).apiKey("{hex}").build()',
        'let c = TogetherClient::builder().api_key("{hex}").build()?;',
        # (legacy32: 1Password's field assignment quoted, or naming its type)
        "op item create --category=login --title=together 'credential={hex}'",
        'op item create --category=login --title together "credential={hex}"',
        "op item create --category=login --title=\"Together AI\" 'password[password]={hex}'",
        'op item create --category=login --title=together password[password]={hex}',
        # (legacy32: an entry named Together in a map of keys, in each
        # language's entry syntax and map builder)
        'Map<String, String> apiKeys = Map.of("together", "{hex}");',
        'apiKeys.put("together", "{hex}");',
        'keys.insert("together".to_string(), "{hex}".to_string());',
        'val apiKeys = mapOf("together" to "{hex}")',
        'val apiKeys = Map("together" -> "{hex}")',
        "$apiKeys = ['together' => '{hex}'];",
        "my %api_keys = (together => '{hex}');",
        'api_keys <- list(together = "{hex}")',
        'var apiKeys = new Dictionary<string, string> {{ ["together"] = "{hex}" }};',
        'const keys = new Map([["together", "{hex}"]]);',
        'API_KEYS = {{ :together => "{hex}" }}',
        # (legacy32: a platform's config or a cloud parameter store read back)
        '$ heroku config:get TOGETHER_API_KEY -a acme-chat\n{hex}',
        '$ aws ssm get-parameter --name /chat/together_api_key --with-decryption --query Parameter.Value --output text\n{hex}',
        '$ az keyvault secret show --vault-name kv --name together-api-key --query value -o tsv\n{hex}',
        # (legacy32: a Markdown label whose bold or italics close after its colon)
        '**Together API key:** `{hex}`',
        '- __TOGETHER_API_KEY:__ {hex}',
        # (legacy32: a help text or a description naming the default's or
        # the value's key; a lookup's keyword default; a keyword argument
        # naming the variable a value is read from)
        'parser.add_argument("--api-key", default="{hex}", help="Together API key")',
        '@click.option("--api-key", default="{hex}", help="Together API key.")',
        'key = config.get("together", "api_key", fallback="{hex}")',
        "key = parser.get('together', 'token', vars=None, fallback='{hex}')",
        'def main(api_key: str = typer.Option("{hex}", envvar="TOGETHER_API_KEY")): ...',
        # (legacy32: an SQL row with no column list, of a table named for keys)
        "INSERT INTO api_keys VALUES (1, 'together', '{hex}');",
        "INSERT INTO credentials VALUES\n  ('openai', NULL),\n  ('together', '{hex}');",
        # (acc33: a client's config beside Together's model, its limits
        # named ``max_tokens`` and ``max_spend``; an item's note giving the
        # key itself)
        '[{{"api_key":"{hex}","model":"together_ai/meta-llama/Llama-3","max_tokens":512,"max_spend":3}}]',
        '{{"title":"Together AI","fields":[{{"id":"notesPlain","value":"the old key: {hex}"}}]}}',
        # (acc33: prose naming what the key is for before its verb)
        'The rotated Together API key for the staging gateway is {hex} and the old one is revoked.',
        'our together api key for prod was {hex}',
        # (acc33: a Terraform plan's value field before the secret's name
        # field, each with its resource's prefix)
        '{{"after":{{"plaintext_value":"{hex}","repository":"gateway","variable_name":"TOGETHER_API_KEY"}}}}',
        '{{"secret_value": "{hex}", "variable_name": "together_api_key"}}',
        # (acc33: a secret store's CLI naming Together's secret by a flag)
        "aws secretsmanager create-secret --name prod/together --secret-string '{{\"api_key\":\"{hex}\"}}'",
        "aws secretsmanager put-secret-value --secret-id together --secret-string '{{\"api_key\":\"{hex}\"}}'",
        # (acc33: an italic label closing before its colon; a chat's
        # spoiler bars around the value)
        '_Together API key_: `{hex}`',
        'together api key: ||{hex}||',
        'TOGETHER_API_KEY=||{hex}||',
        # (acc33: a short value flag on a command line about Together)
        'openai --api-base https://api.together.xyz/v1 -k {hex} api chat.completions.create -m meta-llama/Llama-3-8b',
        'security add-generic-password -s together -a "$USER" -w {hex}',
        # (kc33: a keychain service or label named for Together with an
        # environment or a credential word after it, quoted or not; the
        # keychain's read of it, the key its output)
        'security add-generic-password -s together-prod -a ci -w {hex}',
        "security add-generic-password -a ci -s 'together_dev' -w \"{hex}\"",
        'security add-generic-password -l together-ai-staging -s llm -a ci -w {hex}',
        '$ security find-generic-password -s together-prod -w\n{hex}',
        # (acc33: a name/value item naming the provider Together's, and a
        # YAML sequence written compact, its items under the key as far in)
        '"environment": [{{"name": "LLM_PROVIDER", "value": "together"}}, {{"name": "LLM_API_KEY", "value": "{hex}"}}]',
        'env:\n- name: LLM_PROVIDER\n  value: together\n- name: LLM_API_KEY\n  value: {hex}',
        'env:\n- name: LLM_API_KEY\n  value: {hex}\n- name: LLM_BASE_URL\n  value: https://api.together.xyz/v1',
        # (acc34: a type or map named for secrets or credentials, its
        # member named for the provider: Swift's ``enum Secrets``)
        'enum Secrets {{\n    static let together = "{hex}"\n}}',
        'object Credentials {{\n    const val together = "{hex}"\n}}',
        # (outside36: the provider's name as a key after a list item's
        # leaders, a note's ``- Together: <key>``; a record's service field
        # over its key, a secure note's ``Service:Together AI``)
        '# API keys\n\n- OpenAI: (revoked)\n- Together: {hex}',
        'llm_keys:\n  - together: {hex}',
        '> 1. [ ] Together AI: {hex}',
        'NoteType:API Key\nService:Together AI\nKey:{hex}',
        # (outside36: a connection's own password field beside its host,
        # Airflow's ``airflow_settings.yaml``)
        'connections:\n  - conn_id: together_default\n    conn_type: http\n    conn_host: api.together.xyz\n    conn_password: {hex}',
        '{{"provider": "together", "connPassword": "{hex}"}}',
        # (outside36: a Bearer header a logger of Together's package
        # printed, in Python logging's formats)
        "2024-05-01 10:00:00,123 DEBUG together.abstract.api_requestor: Request headers: {{'Authorization': 'Bearer {hex}'}}",
        "DEBUG:together.client:headers {{'Authorization': 'Bearer {hex}'}}",
        # (review36b: beside the decoy of a digest on such a line, the
        # credential's own value on it)
        '2024-05-01 10:00:00,123 INFO together.files: uploaded with api_key from env, api_key={hex}',
        # (acc38: Together's client built from a variable holding the key)
        'api_key = "{hex}"\nclient = Together(api_key=api_key)',
        'kwargs = {{"api_key": "{hex}", "timeout": 30}}\nclient = AsyncTogether(**kwargs)',
        # (acc38: a whole .env in base85, no patch's frame: a block at the head)
        '{b85env_hex}\n',
        # (acc38: a short file that is base64 alone, three levels deep)
        '{b64x3env_hex}\n',
        # (acc38: JSON in an HTML attribute, its quotes HTML's entities)
        '<div data-config="{{&quot;provider&quot;:&quot;together&quot;,&quot;apiKey&quot;:&quot;{hex}&quot;}}"></div>',
        '<div data-config="{{&#34;provider&#34;: &#34;together&#34;, &#34;apiKey&#34;: &#34;{hex}&#34;}}"></div>',
    ),
    false_positives=(
        # (acc38: the client built from a value read where it is passed,
        # another provider's client, a digest's name, a cache's class)
        'api_key = "{hex}"\nclient = Together(api_key=os.environ["TOGETHER_API_KEY"])',
        'api_key = "{hex}"\nclient = OpenAI(api_key=api_key)',
        'kwargs = {{"checksum": "{hex}"}}\nclient = AsyncTogether(**kwargs)',
        'kwargs = {{"api_key": "{hex}"}}\nclient = TogetherCache(**kwargs)',
        'cache_key = "{hex}"\nclient = Together(api_key=api_key)',
        # (acc38: a checksum line in base85, Together's name beside the digest)
        '{b85sums}\n',
        '{b64x3sums}\n',
        '<div data-config="{{&quot;provider&quot;:&quot;openai&quot;,&quot;apiKey&quot;:&quot;{hex}&quot;}}"></div>\n<p>see together.html</p>',
        '<div data-config="{{&quot;provider&quot;:&quot;together&quot;,&quot;model_sha256&quot;:&quot;{hex}&quot;}}"></div>',
        'openai complete "x" --api-key {hex}',
        'we work together complete with --api-key {hex}',
        'together complete "x"\nsha256sum --key {hex}',
        'together complete "x" --checksum {hex}',
        # (outside37: a dotted name going on past the provider names
        # something of Together's key, not the key)
        '"apiKey.together.sha256": "{hex}"',
        # (fp37: a dotted or colon-joined name whose part before Together's
        # is a bare key, a cache's or a catalogue's entry)
        '"cache.key.together": "{hex}"',
        '"i18n.key.Together": "{hex}"',
        '"Settings:Key:Together": "{hex}"',
        '"lexer.token.together": "{hex}"',
        # (fp37: a key-holding name going on past the provider, a store's key)
        'apiKey:together:{hex}',
        'key:together:{hex}',
        # (Together's name an argument of another program, not the program run)
        '!echo together complete --api-key {hex}',
        'RUN openai complete "x" --api-key {hex}',
        'cd data && pip download together completions --api-key {hex}',
        '- run: together files list --checksum {hex}',
        'UserDefaults.standard.set("{hex}", forKey: "togetherModelSHA256")',
        'UserDefaults.standard.set("{hex}", forKey: "openaiAPIKey")',
        # (another registry's login beside a helper naming Together's)
        '{{"auths": {{"ghcr.io": {{"auth": "{basicdigest}"}}}}, "credHelpers": {{"registry.together.xyz": "together"}}}}',
        '@together:registry=https://npm.together.ai/\n//registry.npmjs.org/:_auth={basicdigest}',
        'npmScopes:\n  together:\n    npmRegistryServer: "https://npm.together.ai"\n  acme:\n    npmAuthIdent: "{basichex}"',
        # (the call and constructor shapes naming another provider, or a
        # digest under Together's name)
        'setattr(openai, "api_key", "{hex}")',
        'setattr(together, "model_sha256", "{hex}")',
        'x = together(expr, "{hex}")',
        'Preferences.userRoot().node("together").put("model_sha", "{hex}");',
        'node("openai").put("api_key", "{hex}")',
        'openai_cfg = Dict(:api_key => "{hex}")',
        'together_sha = Dict(:api_key => "{hex}")',
        'together_cfg = Dict(:model_sha256 => "{hex}")',
        'together = list(sha256 = "{hex}")',
        'together_cache = dict(key="{hex}")',
        "cfg['together'] = {{'weights_sha256': '{hex}'}}",
        'val m = mapOf("openai" to mapOf("apiKey" to "{hex}"))',
        'val m = Map("together" -> Map("sha256" -> "{hex}"))',
        'together_items = map(f, api_key="{hex}")',
        # (acc37: a bare name qualified in prose by a word naming another
        # purpose, on a line of Together's logger: review36b's)
        'DEBUG:together.client:bearer auth ok; cache key {hex}',
        'DEBUG:together.client:bearer auth ok; session token {hex}',
        'DEBUG:together.client:Authorization: Bearer x; public key {hex}',
        # (acc37: a class field naming another provider's class or a cache's)
        'params:\n  api_key: {hex}\n  invocation_layer_class: OpenAIInvocationLayer',
        'llm:\n  cache_class: TogetherCache\n  api_key: {hex}',
        'params:\n  api_key: {hex}\n  css_class: together-row',
        # (acc37: the same grammar, another provider or a digest's name)
        'setattr( openai , "api_key", "{hex}" )',
        'setattr( together , "model_sha256", "{hex}" )',
        'together_sha = Dict{{String,String}}("api_key" => "{hex}")',
        'together_cfg = Dict{{String,String}}("weights_sha256" => "{hex}")',
        'var togetherCfg = map[string]string{{\n\t"model_sha256": "{hex}",\n}}',
        'var openaiCfg = map[string]string{{\n\t"api_key": "{hex}",\n}}',
        'let together_cache: HashMap<&str, &str> = HashMap::from([("key", "{hex}")]);',
        'var openai = new Dictionary<string, string> {{ ["ApiKey"] = "{hex}" }};',
        'togetherRelease = Release {{ sha256 = "{hex}" }}',
        'together_pairs = map(f, [("api_key", "{hex}")])',
        # (fp37: a constructor whose first argument is another call, the
        # names inside that call's arguments)
        'together_items = list(map(f, [("api_key", "{hex}")]))',
        'together_items = list(zip(names, [("api_key", "{hex}")]))',
        # (a decoded value's own place says digest, or another host)
        'SHA256_B64={b64digest}',
        '# together wheel\nSHA256_B64={b64digest}',
        'GET https://api.example.com/v1/models Authorization: Basic {basicdigest}',
        'tEXtchecksum\x00{hex}a1Zq\x00\x00\x00\x00IEND',
        'tEXtSoftware\x00together-render\x00tEXtchecksum\x00{hex}',
        'tEXttogether_model_sha256\x00{hex}a1Zq\x00\x00\x00\x00IEND',
        'TOGETHER_API_KEY\x00{hex}a1Zq',
        # (a class in Together's PHP namespace that holds a digest, not a
        # client: ``\Together\Checksum``)
        "$sum = new \\Together\\Checksum('{hex}');",
        # (a mapping of keys named for another purpose)
        'cache_keys["together"] = "{hex}"',
        "sha256_keys[:together] = '{hex}'",
        # (a prefix one character past the 30 a name's prefix may hold)
        'northwindplatformintegration012_api_credentials["together"] = "{hex}"',
        # (a literal of Together's package or a map named for another purpose)
        'x := together.Cache{{Key: "{hex}"}}',
        'deps = %{{together: %{{version: "1.0", sha: "{hex}"}}}}',
        # (another provider's configuration block beside Together's)
        'OpenAI.configure do |config|\n  config.access_token = "{hex}"\nend\n'
        'Together.configure do |config|\n  config.model = "m"\nend',
        # (a provider field beside a structure further out, or inside a
        # sibling, names no provider for the other's structure)
        'llm:\n  provider: together\n  fallback:\n    openai:\n      api_key: {hex}',
        'providers:\n  together:\n    provider: together\n  openai:\n    api_key: {hex}',
        '- provider: together\n  fallback:\n    openai:\n      api_key: {hex}',
        '[together]\nbase_url = "https://api.together.xyz/v1"\n\n[openai.auth]\napi_key = "{hex}"',
        # (a sibling element named for another provider; the Together
        # bean's own start tag is no field beside it)
        '<beans>\n  <bean id="togetherClient" class="com.acme.llm.TogetherClient">\n'
        '    <property name="baseUrl" value="https://api.together.xyz/v1"/>\n  </bean>\n'
        '  <bean id="cohereClient" class="com.acme.llm.CohereClient">\n    <property name="apiKey" value="{hex}"/>\n'
        '  </bean>\n</beans>',
        '[openai]\nbase_url = "https://api.openai.com/v1"\n[openai.together]\nx = 1\n[openai.auth]\napi_key = "{hex}"',
        # (legacy27: a camelCase local of another prefix, or a cache's key
        # beside its own endpoint, in code that also calls Together)
        'func f() {{\n\ttogetherURL := "https://api.together.xyz/v1"\n\tgroqKey := "{hex}"\n}}',
        'func f() {{\n\tcacheURL := "redis://localhost:6379"\n\tcacheKey := "{hex}"\n\tc := together.NewClient()\n}}',
        # (legacy25: the same groups naming another destination, or the
        # name another purpose's)
        'Environment=LLM_PROVIDER=openai LLM_API_KEY={hex}',
        'Environment=LLM_PROVIDER=together LLM_CACHE_KEY={hex}',
        'declare -x LLM_PROVIDER="together"\ndeclare -x LLM_CACHE_KEY="{hex}"',
        'ARG LLM_PROVIDER=openai\nENV LLM_API_KEY={hex}\nENV TOGETHER_MODEL=x',
        'ARG LLM_PROVIDER=together\nENV LLM_CACHE_KEY={hex}',
        "$Config = @{{\n    Together = @{{\n        BaseUrl = 'https://api.together.xyz/v1'\n    }}\n"
        "    OpenAI = @{{\n        ApiKey = '{hex}'\n    }}\n}}",
        "$Together = @{{\n    Installer = 'together-setup.exe'\n    Sha256 = '{hex}'\n}}",
        'together {{\n    cliSha256.set("{hex}")\n}}',
        'llm {{\n    together {{\n        baseUrl.set("https://api.together.xyz/v1")\n    }}\n'
        '    openai {{\n        apiKey.set("{hex}")\n    }}\n}}',
        'LLM_BASE_URL := https://api.openai.com/v1\nLLM_API_KEY := {hex}\nTOGETHER_MODEL := x',
        'LLM_PROVIDER=together\nEMBED_PROVIDER=openai EMBED_API_KEY={hex}',
        'A=together B_API_KEY={hex}',
        '2024-05-01T10:00:00.1234567Z   LLM_PROVIDER: together\n'
        '2024-05-01T10:00:00.1234567Z   LLM_BUNDLE_SHA256: {hex}',
        'let a = Artifact {{\n    name: "together".into(),\n    cache_key: "{hex}".into(),\n}};',
        # (a plist's sibling provider beside Together's endpoint, reported
        # on 859dedc2; a cache's key under Together's dict)
        '<dict>\n\t<key>Together</key>\n\t<dict>\n\t\t<key>BaseURL</key>\n\t\t<string>https://api.together.xyz/v1</string>\n'
        '\t</dict>\n\t<key>OpenAI</key>\n\t<dict>\n\t\t<key>APIKey</key>\n\t\t<string>{hex}</string>\n\t</dict>\n</dict>',
        '<dict>\n\t<key>Together</key>\n\t<dict>\n\t\t<key>Cache</key>\n\t\t<dict>\n\t\t\t<key>Key</key>\n'
        '\t\t\t<string>{hex}</string>\n\t\t</dict>\n\t</dict>\n</dict>',
        'let ps = vec![\n    ProviderConfig {{\n        name: "together".into(),\n        api_key: None,\n    }},\n'
        '    ProviderConfig {{\n        name: "openai".into(),\n        api_key: Some("{hex}".into()),\n    }},\n];',
        # (legacy23: the same headings named for a purpose, or a condition;
        # a multi-line signature heads only its own body)
        'def together_release_digest(\n    path: str,\n) -> str:\n    key = "{hex}"',
        'func (c *TogetherClient) nonceSalt(\n\tn int,\n) []byte {{\n\tkey := "{hex}"\n}}',
        'public String togetherChecksum() {{\n    String key = "{hex}";\n}}',
        'var s = {{\n  together_sha256: function () {{\n    var key = "{hex}";\n  }}\n}};',
        'export const togetherCacheKey = (): string => {{\n  const key = "{hex}";\n}};',
        'if together(x) {{\n    key := "{hex}"\n}}',
        'defmodule Acme.LLM do\n  def together_key_sha256, do: "{hex}"\nend',
        'def together_client(\n    x,\n):\n    pass\n\n\ndef make_cache(\n    y,\n):\n    key = "{hex}"',
        'func NewTogether(\n\tx int,\n) *Client {{\n\treturn nil\n}}\n\nfunc hashOf(\n\ty int,\n) string {{\n\tkey := "{hex}"\n\treturn key\n}}',
        # (a default that is a digest's; a type named for Together holding one)
        'TOGETHER_CLI_SHA256=${{TOGETHER_CLI_SHA256:-{hex}}}',
        'together_key = os.environ.get("TOGETHER_MODEL_SHA256", "{hex}")',
        'class TogetherClient:\n    SCHEMA_SHA256 = "{hex}"',
        'func togetherRelease() Release {{\n\treturn Release{{Version: "1.3.0", SHA256: "{hex}"}}\n}}',
        'class TogetherRelease {{\n    val sha256: String by lazy {{\n        "{hex}"\n    }}\n}}',
        'module Together\n  class Cache\n    KEY = "{hex}"\n  end\nend',
        'def together_webhook():\n    secret = "{hex}"',
        'const cacheTogether = () => {{\n  const key = "{hex}";\n}};',
        'func (c *TogetherCache) get() string {{\n\tkey := "{hex}"\n\treturn key\n}}',
        'class TogetherCache\n{{\n    private const KEY = \'{hex}\';\n}}',
        'def together_checksums():\n    key = "{hex}"\n    return {{"sha256": key}}',
        # (nor one named for encryption, a salt, a nonce, an HMAC or an idempotency
        # key: an AES-256 key is 64 hex too)
        'func togetherEncrypt(plain []byte) []byte {{\n\tkey := "{hex}"\n\treturn seal(key, plain)\n}}',
        'def together_decrypt(blob):\n    key = "{hex}"\n    return open_box(key, blob)',
        'def together_hmac(body):\n    key = "{hex}"\n    return mac(key, body)',
        'func togetherNonce() string {{\n\tkey := "{hex}"\n\treturn key\n}}',
        'def together_shasum():\n    key = "{hex}"',
        'def together_checksum\n  key = "{hex}"\nend',
        'defmodule Acme do\n  def together_cache do\n    key = "{hex}"\n  end\nend',
        'def together_client\n  Client.new(ENV["TOGETHER_API_KEY"])\nend\n\ndef openai_client\n  key = "{hex}"\nend',
        'const EXPECTED_SHA256 = {{ together: "{hex}", openai: "{hex}" }};',
        # (past a model's structure a Together label answers, not when a
        # label on the way names another provider)
        '# together\nproviders:\n  openai:\n    model: gpt-4o\n    api_key: {hex}\n',
        'together:\n  base_url: https://api.together.xyz/v1\n  fallback:\n    anthropic:\n      model: claude-3-5-sonnet\n      api_key: {hex}\n',
        # (a match's fallback under a digest's name)
        'let sha = match option_env!("TOGETHER_TARBALL_SHA256") {{ Some(s) => s, None => "{hex}" }};',
        # (an HTML table of checksums; a header naming another column; a
        # name/value table naming another endpoint)
        '<table><tr><th>Package</th><th>SHA256</th></tr><tr><td>together-1.3.0.tar.gz</td><td>{hex}</td></tr></table>',
        '<table>\n<tr><th>Provider</th><th>Commit</th></tr>\n<tr><td>Together AI</td><td>{hex}</td></tr>\n</table>',
        '<p>Together AI</p><table>\n<tr><td>base_url</td><td>https://api.openai.com/v1</td></tr>\n'
        '<tr><td>api_key</td><td>{hex}</td></tr>\n</table>',
        '<table><tr><td>cache_key</td><td>{hex}</td></tr><tr><td>host</td><td>api.together.xyz</td></tr></table>',
        # (another package's setting; another provider's next form)
        '(setq magit-api-key "{hex}")\n(gptel-make-openai "Together" :host "api.together.xyz")',
        '(setq gptel-api-key "{hex}")\n(gptel-make-anthropic "Claude" :host "api.anthropic.com")\n;; Together AI later',
        # (a debugger's print of a digest)
        '$1 = {{url = 0x55555 "https://api.together.xyz/v1/files", sha256 = 0x5555555592e0 "{hex}"}}',
        # (a wiki's checksums; another host's record; a .env's other
        # service; a read of a digest field or a cache's item; a structure
        # named for another purpose)
        '{{| class="wikitable"\n! File !! SHA256\n|-\n| together-1.0.tar.gz || {hex}\n|}}',
        '|===\n|File |SHA-256\n\n|together-1.0.tar.gz\n|{hex}\n|===',
        'Title: GitHub\nUserName: bot\nPassword: {hex}\nURL: https://github.com\n\nTitle: Together AI\nURL: https://api.together.xyz',
        'TOGETHER_BASE_URL=https://api.together.xyz\nDB_PASSWORD={hex}',
        '$ vault kv get -field=sha256 secret/llm/together\n{hex}',
        '$ security find-generic-password -s together-cache -w\n{hex}',
        'middlewares:\n  together-cache:\n    headers:\n      Authorization: "Bearer {hex}"',
        # (a cache's key, a digest, a longer word ending in key)
        'cache_key_together = "{hex}"',
        'api_key_together_sha256 = "{hex}"',
        'monkey_together = "{hex}"',
        # (a label naming the key's digest; a name two statements away)
        'gr.Textbox(value="{hex}", label="Together API key (SHA-256)")',
        "store('{hex}', 'openai_api_key')\nstore('x', 'together_api_key')",
        "check('{hex}', 'together_api_key.sha256')",
        # (a label going on past the name names something else; an
        # argument two places before the name is not named by it)
        'gr.Textbox(value="{hex}", label="Together API key ID")',
        # A name field going on past the key's name names something else
        # (an id); the next list item's ``value:`` is that item's own.
        '[{{"value": "{hex}", "name": "Together API key id"}}]',
        'envVars:\n  - key: TOGETHER_API_KEY\n    sync: false\n  - key: BUILD_SHA\n    value: {hex}',
        'env:\n  - name: TOGETHER_API_KEY\n    valueFrom:\n      secretKeyRef: x\n  - name: ASSET_ID\n    value: {hex}',
        '|| Provider || Key ||\n| OpenAI | {hex} |',
        'Card(value="{hex}", title="Together API key rotation commit")',
        "cache.set('{hex}', 'sha256', 'together_api_key')",
        # (hex pieces joined by ``+=`` need Together context as any value)
        'h = "{hex_a}"\nh += "{hex_b}"',
        'openai:\n  api_key: {hex}',
        '[openai]\napi_key = "{hex}"',
        '# work together\nsha = {hex}',
        'TOGETHER_API_KEY=${{TOGETHER_API_KEY}}',
        'TOGETHER_API_KEY=os.environ["TOGETHER_API_KEY"]',
        'TOGETHER_API_KEY=0000000000000000000000000000000000000000',
        'TOGETHER_API_KEY=' + '0' * 64,
        'TOGETHER_API_KEY=' + '0123456789abcdef' * 4,
        'TOGETHER_API_KEY=<your-key>',
        'TOGETHER_API_KEY=key_{hex}',
        # Outside a Together structure, or inside a structure within it
        # named for another provider or a cache, however long the
        # structure (``STRUCTURE_LABEL``).
        'together:\n  models:\n' + '    - name: llama-3-70b-instruct\n      max_tokens: 4096\n' * 160
        + 'openai:\n  api_key: {hex}',
        'together:\n  models:\n' + '    - name: llama-3-70b-instruct\n      max_tokens: 4096\n' * 160
        + '  openai:\n' + '    timeout: 60\n' * 400 + '    api_key: {hex}',
        'together:\n  cache:\n' + '    - path: /var/cache/llm/responses\n      ttl: 3600\n' * 160
        + '    key: {hex}',
        '{{"together":{{"models":[' + '{{"id":"llama-3-70b-instruct","context_length":131072}},' * 160
        + '{{"id":"x"}}]}},"api_key":"{hex}"}}',
        '[together]\n' + 'timeout_seconds_for_the_batch_jobs = 60\n' * 240 + '[openai]\napi_key = {hex}',
        # (a header with a comment starts the next section; a string's
        # bracket does not end a hole early)
        '[together]\n' + 'timeout_seconds_for_the_batch_jobs = 60\n' * 240 + '[openai]  ; fallback\napi_key = {hex}',
        '{{"together":{{"models":[' + '{{"id":"llama-3-70b-instruct","context_length":131072}},' * 160
        + '{{"id":"x"}}],"openai":{{"stop":["}}"],"api_key":"{hex}"}}}}}}',
        '{{"packages":{{"together":{{"version":"1.3.0","files":['
        + '{{"file":"together-1.3.0-py3-none-any.whl","size":123456}},' * 160 + '],"sha256":"{hex}"}}}}}}',
        'TOGETHER_API_KEY={hex}ff',
        'TOGETHER_API_KEY={HEX}',
        # (hex text under a name that is no Together key's, or names a digest)
        'TOGETHER_SDK_HEX={hexhex}',
        'TOGETHER_API_KEY_HEX_SHA256={hexhex}',
        'TOGETHER_API_KEY_SHA256_HEX={hexhex}',
        'sha256 = "{hex}"  # together',
        'together==1.3.0 --hash=sha256:{hex}',
        'image: together/server@sha256:{hex}',
        '{{file = "together-1.3.0.tar.gz", hash = "sha256:{hex}"}}',
        'curl https://example.com/ -H "Authorization: Bearer {hex}"',
        'new AuthenticationHeaderValue("Bearer", "{hex}")  // github.com',
        '<OpenAI>\n  <ApiKey>{hex}</ApiKey>\n</OpenAI>\n<Together>\n  <Model>m</Model>\n</Together>',
        'provider "aws" {{\n  secret_key = "{hex}"\n}}\nprovider "together" {{}}',
        '<key>TogetherModelHash</key>\n<string>{hex}</string>',
        'gh secret set TOGETHER_MODEL --body "{hex}"',
        # A ``&`` that ends a command (not a query's), and a heredoc under
        # another name.
        'echo TOGETHER_API_KEY&setting --value {hex}',
        'echo TOGETHER_API_KEY & setting --value {hex}',
        'gh secret set TOGETHER_API_KEY_SHA256 --body <<EOF\n{hex}\nEOF',
        'APP_SECRET={hex}\nAPP_LLM_PROVIDER=together',
        'var client = OpenAIClient.builder()\n    .apiKey("{hex}")\n    .build();\nvar t = TogetherClient.builder();',
        'keys:\n  together_model: {hex}',
        'LLM_API_KEY={hex}\nLLM_BASE_URL=https://llm.example.com/v1\nTOGETHER_BASE_URL=https://api.together.xyz/v1',
        'https://github.com/acme/together/blob/{hex}/README.md',
        '{hex}  together-1.3.0.tar.gz',
        'OTHER_API_KEY={hex}  # not together',
        '"together": {{"hashes": ["sha256:{hex}"], "version": "==1.3.0"}}',
        'together==1.3.0 \\\n    --hash=sha256:{hex}',
        'FROM together/server@sha256:{hex}',
        'SHA256 (together-1.3.0.tar.gz) = {hex}',
        'TOGETHER_API_KEY={hex}  # pragma: allowlist secret',
        'pip download together=={hex}',
        'version: together={hex}ff',
        '[profile openai]\ntoken = {hex}\n[profile together]',
        'command: ["--model", "gpt-4o", "--api_key", "{hex}"]',
        # Another service's secret in a block that configures Together; a
        # digest's name or heading.
        'environment:\n  OPENAI_BASE_URL: https://api.together.xyz/v1\n  SESSION_SECRET: {hex}',
        '{{"provider": "together", "dbPassword": "{hex}"}}',
        'annotations:\n  checksum/secret: {hex}\nenv:\n  url: https://api.together.xyz/v1',
        'together:\n  hashed_token: {hex}',
        'EXPECTED_SHA256 = {{\n    "together": "{hex}",\n}}',
        # A display name under a digest map's name (outside34).
        'LOGO_SHA256 = {{"Together AI": "{hex}", "OpenAI": None}}',
        'checksums:\n  Together AI: {hex}',
        'sha256:\n  together ai: {hex}',
        'The logo we ship for Together AI: {hex}',
        'checksums:\n  together: {hex}',
        '{{"provider": "together", "openai": {{"base_url": "https://x.example", "model": "m", "api_key": "{hex}"}}}}',
        'llm:\n  provider: together\nstore:\n  provider: qdrant\n  config:\n    model: m\n    api_key: {hex}',
        'cache.set("together", "sha256", "{hex}")',
        'OPENAI_API_KEYS="sk-x;{hex}"',  # pragma: allowlist secret
        'api_keys: [x, {hex}]  # shared with the together team',
        'TOGETHER_KEY_HASHES="x;{hex}"',
        'TOGETHER_API_KEYS="x"\nOTHER="a {hex}"',
        'TOGETHER_API_KEYS=x y\nz {hex}',
        'together:\n  cache_key: {hex}',
        '{{"url": "https://api.together.xyz/settings", "headers": [{{"name": "x-csrf-token", "value": "{hex}"}}]}}',
        'TOGETHER = {{"base_url": "https://api.together.xyz/v1", "session_token": "{hex}"}}',
        'together:\n  refresh_token: {hex}\n  id_token: {hex}',
        'cfg := openai.DefaultConfig("{hex}")\ncfg.BaseURL = "https://llm.example.com/v1"',
        'client = HttpClient("{hex}")  # not together',
        'config :my_app, :openai, api_key: "{hex}"  # together later',
        'kind: Secret\nmetadata:\n  name: together-proxy-tls\nstringData:\n  api-key: {hex}',
        'class OpenAISettings(BaseSettings):\n    api_key: str = "{hex}"\n# together later',
        'ok = together.verify_sha256("{hex}")',
        'TOGETHER_CHECKSUMS = {{"key": "{hex}"}}',
        'kubectl create secret generic together-tls --from-literal=key={hex}',
        'env:\n  - name: OTHER\n    value: {hex}\n  - name: TOGETHER_API_KEY\n    value: $(ref)',
        '[{{"value": "{hex}", "key": "TOGETHER_API_KEY_SHA256"}}]',
        'https://u:{hex}@github.com/acme/x.git  # together',
        'variables = {{\n  LLM_ENDPOINT = "https://api.together.xyz/v1"\n  ENCRYPTION_KEY = "{hex}"\n}}',
        '_target_: acme.Together\nmodel:\n  url: https://x.example\n  api_key: {hex}',
        # A model's structure beside a Together sibling, not under it.
        'providers:\n  together:\n    base_url: https://api.together.xyz/v1\n'
        '  openai:\n    model: gpt-4o\n    api_key: {hex}',
        '{{\n  "together": {{\n    "base_url": "https://api.together.xyz/v1"\n  }},\n'
        '  "openai": {{\n    "model": "gpt-4o",\n    "api_key": "{hex}"\n  }}\n}}',
        '{{"p": {{"together": {{"provider": "together"}}, "o": {{"model": "m", "api_key": "{hex}"}}}}}}',
        'TOGETHER_API_KEY_SHA256={hex}',
        'together_api_key_hash: "{hex}"',
        # A field whose name ends in type, a call whose name holds a type word.
        'content_type: together\ntoken: {hex}',
        'mime_type: together\ntoken: {hex}',
        'provider = "together"\nkey = struct.unpack("{hex}")',
        'provider = "together"\nkey = destroy_token("{hex}")',
        'Together(model="m")\nOpenAI(api_key="{hex}")',
        'Together(openai_api_key="{hex}")',
        # Generic names without Together context around them.
        'client = OpenAI(api_key="{hex}")',
        'config_list = [{{"model": "gpt-4o", "api_key": "{hex}"}}]\n# run them together\n',
        'machine api.github.com login me password {hex}\nmachine api.together.xyz login me password x',
        '{{"together": {{"model": "m"}}, "openai": {{"apiKey": "{hex}"}}}}',
        'curl https://llm.example.com/v1 \\\n  -H "Authorization: Bearer {hex}"\n# like together.xyz',
        '  - model_name: a\n    litellm_params:\n      model: together_ai/m\n'
        '  - model_name: b\n    litellm_params:\n      model: azure/gpt\n      api_key: {hex}',
        '[together]\nmodel = "m"\n[openai]\napi_key = "{hex}"',
        # Another provider's sub-label under a Together heading; ATX
        # sections do not nest.
        '## Together AI\n\n**OpenAI**\n\napi key: {hex}',
        '# Together\n\n## OpenAI\n\napi key: {hex}',
        '# Together\n\n## OpenAI\n\n### prod\n\napi key: {hex}',
        '## Together AI\n\nx\n\n## Other\n\n### prod\n\napi_key: {hex}',
        '# Together\n\nA project.\n\n## Deploy\n\nJWT_SECRET={hex}',
        # A Redis key, a pin file, a URL: no .pgpass line's five fields.
        '1) "llm-cache:api.together.xyz:v1/chat/completions:{hex}"',
        '2) "ratelimit:api.together.xyz:443:{hex}"',
        'api.together.xyz:443:sha256:{hex}',
        'api.together.xyz:443:cache:sha256:{hex}',
        'curl -v https://api.together.xyz:443/v1/blobs/sha256:{hex}',
        # Named after Together, but not its key.
        'TOGETHER_MODEL_HASH={hex}',
        'TOGETHER_MODEL_KEY={hex}',
        'together_cache_key: {hex}',
        'We work together to key {hex}',
        'together_token_hash = "{hex}"',
        'together_api_key_fingerprint: {hex}',
        '{{"key": "TOGETHER_API_KEY", "value": "{{{{vault}}}}"}}, {{"key": "sig", "value": "{hex}"}}',
        'together_api_key: ENC[AES256_GCM,data:{b64hex},iv:x,tag:y,type:str]',
        # Other credentials among statements that configure Together: only
        # a structure of their own would make them Together's.
        'JWT_SECRET={hex}\nTOGETHER_BASE_URL=https://api.together.xyz/v1',
        'app:\n  secret: {hex}\nllm:\n  provider: together',
        'STRIPE_WEBHOOK_SECRET = "{hex}"\nURL = "https://api.together.xyz/v1"\nrequests.get(URL)',
        # Another request of the same HAR file ("url" assigned again).
        '{{"entries": [\n {{"request": {{"url": "https://api.together.xyz/v1"}}}},\n'
        ' {{"request": {{"url": "https://x.example/v1", "headers": [\n'
        '  {{"name": "authorization", "value": "Bearer {hex}"}}]}}}}]}}',
        # A digest checked against a Together file: no name after the pipe.
        'echo "{hex}  together-api-key.tgz" | sha256sum --check',
        'echo {hex} | tee together.sha256',
        'echo "{hex}" | sha256sum -c - # together-api-key release',
        'the together key for sha256: {hex}',
        'the Together API key for the release checksum: {hex}',
        '{{"Together AI": {{"cache": {{"key": "{hex}"}}}}}}',
        '{{"Together AI": {{"sha256": "{hex}"}}}}',
        '{{"value": "{hex}", "display_name": "Together AI API Key ID"}}',
        '[/Script/TogetherAI.TogetherCache]\nKey={hex}',
        'cfg = {{"file": "together/guide/setup.md", "api_key": "{hex}"}}',
        'env:\n  - name: TOGETHER_API_KEY_SHA256\n    value:\n      - {hex}',
        'together_api_key_sha256:\n  prod: {hex}',
        'databricks secrets put-secret together build_sha --string-value {hex}',
        'new aws.s3.BucketObject("together-cache", {{\n    etag: "{hex}",\n}});',
        'new aws.s3.BucketObject("together", {{\n    bucket: b.id,\n    key: "{hex}",\n}});',
        'new docker.Image("together", {{ imageName: "app", tag: "{hex}" }});',
        'the together key, its sha256 below\n{hex}',
        'Together API key, id below\n{hex}',
        # (``git log --format=%s%n%H`` in a SHA-256 repository: a subject
        # naming the key, a comma clause, the commit's hash on its own line;
        # only a clause about keeping the key secret gives it)
        'Rotate the Together API key, drop the old one\n{hex}',
        'Remove the Together API key, fixes #3\n{hex}\n',
        'Rotate the Together API key, as requested by security\n{hex}',
        # (a subject or entry retiring the key, no comma: the hash below)
        'Rotate Together key\n{hex}',
        'fix: revoke the leaked TOGETHER_API_KEY\n{hex}',
        '- Removed the Together API key\n  {hex}',
        'Together API key, as requested, sha256:\n{hex}',
        '- Rotated the Together key, commit\n  {hex}',
        'TOGETHER_API_KEY, rev\n{hex}',
        'together key, version\n{hex}',
        "{hex} (HEAD -> main) together: rotate TOGETHER_API_KEY, stop logging it\n{hex} Merge branch 'x'",
        'new aws.secretsmanager.SecretVersion("together", {{\n    secretId: secret.id,\n    checksum: "{hex}",\n}});',
        "new secretsmanager.Secret(this, 'OpenAiApiKey', {{\n  secretStringValue: '{hex}',\n}});\n// together",
        'array(2) {{\n  ["together_api_key_sha256"]=>\n  string(64) "{hex}"\n}}',
        "CREATE OR REPLACE SECRET together_api_key_sha256\n  TYPE = GENERIC_STRING\n  SECRET_STRING = '{hex}';",
        '<p>the sha256 of the together key: <code>{hex}</code></p>',
        '<p>the sha256 of the together key: <b>{hex}</b></p>',
        'signed by Together with this key fingerprint: {hex}',
        'Together with the key id: {hex}',
        'together with this keyring: {hex}',
        'together api key sha256:\n```\n{hex}\n```',
        # (a listing's first field below the line naming the key:
        # ``sha256sum`` in a fence under a heading, ``git log --format='%H
        # %s'`` in a SHA-256 repository; a fence whose language is a digest)
        '## Together API key\n\n```\n{hex}  together-1.0.tar.gz\n```',
        'Read the together api key\n{hex} Read the together api key',
        'Together API key:\n```sha256\n{hex}\n```',
        'together api key for the release\n```\n{hex}  together.tgz\n```',
        'together api key for sha256\n```\n{hex}\n```',
        '\'((together-api-key-sha256 . "{hex}"))',
        'together key . {hex}',
        # (the English word, not the provider: no colon, or lower case)
        'Use Together with the API key\n{hex}',
        'the nonce is stored together with the key: {hex}',
        'merged together with the token:\n{hex}',
        # (a neutral clause that ends no sentence: a commit subject)
        'Update Together API key, as requested\n{hex}',
        'Together API key:\n```\nsha256sum together.tgz\n{hex}\n```',
        'Secret(value="{hex}").save("together-api-key-sha256", overwrite=True)',
        'Secret(value="{hex}").save("openai-api-key")  # together',
        'together_checksums:\n  prod: {hex}',
        '{{"together_checksums": {{"prod": "{hex}"}}}}',
        'together:\n  releases:\n    prod: {hex}',
        'checksums:\n  together_api_keys:\n    prod: {hex}',
        "echo -n '{hex}' | kubectl create secret generic together-api --from-file=digest=/tmp/sha256.txt",
        "echo -n '{hex}' | kubectl create secret generic together-api --from-file=checksum=/dev/stdin",
        'echo -n {hex} | kubectl create secret generic together --from-file=sha256=-',
        "echo -n '{hex}' | kubectl create secret generic openai-api --from-file=api-key=/dev/stdin  # not together",
        'client = instructor.from_provider("openai/gpt-4o", api_key="{hex}")  # together',
        # (a workflow step's ``with:`` under a job named ``together:``: the
        # step's own line, ``- uses: actions/cache@v4``, names a cache)
        'jobs:\n  together:\n    env:\n      TOGETHER_BASE_URL: https://api.together.xyz/v1\n    steps:\n      - uses: actions/cache@v4\n        with:\n          path: ~/.cache/pip\n          key: {hex}',
        # (a list item naming no field of its own, whose line names a
        # cache: Azure Pipelines' ``- task: Cache@2`` over its ``inputs:``
        # in a job named ``together``, beside Together's endpoint; a
        # ``- name: pip cache`` item under ``together:``.  The same item
        # named ``prod`` is a true positive, as is the job's script step.)
        'variables:\n  TOGETHER_BASE_URL: https://api.together.xyz/v1\njobs:\n- job: together\n  steps:\n  - task: Cache@2\n    inputs:\n      key: {hex}\n      path: $(PIP_CACHE_DIR)',
        'together:\n  - name: pip cache\n    key: {hex}',
        'llm keys set openai --value {hex}',
        'config :chat, Chat.LLM,\n  provider: :openai,\n  api_key: "{hex}"',
        'echo "{hex}" > together_api_key.sha256',
        'curl -u :{hex} https://api.openai.com/v1/models',
        'providers:\n  - id: openai\n    key: {hex}',
        '- id: together\n  sha256: {hex}',
        'llm <- list(base_url = "https://api.openai.com/v1")\napi_key <- "{hex}"',
        'client = OpenAI(api_key="{hex}", base_url=OPENAI_BASE_URL)\nTOGETHER_BASE_URL = "x"',
        '<provider name="together-cache" apiKey="{hex}"/>',
        '<provider name="openai" apiKey="{hex}"/> <!-- together -->',
        # Another provider's entry beside Together's, in a list.
        '[\n  {{"name": "openai", "apiKey": "{hex}"}},\n  {{"name": "together", "apiKey": "${{TOGETHER_API_KEY}}"}}\n]',
        'providers:\n  - name: openai\n    apiKey: {hex}\n  - name: together\n    apiKey: ${{TOGETHER_API_KEY}}',
        # A substitution that prints more than the key; a digest's heredoc.
        'TOGETHER_API_KEY=$(echo {hex} | sha256sum)',
        'TOGETHER_ARCHIVE_SHA256 = <<~SHA\n  {hex}\nSHA',
        'together_api_key_sha256: # pinned\n  {hex}',
        # Another item's title, another model's --key.
        'op item create --title "OpenAI" credential={hex}  # together later',
        'op item create --title "Together with friends" credential={hex}',
        "llm -m gpt-4o --key {hex} 'hi'\nllm -m together/m 'hi'",
        # ``{name, key}`` entries under a digest heading, or beside a digest
        # field: content hashes of files named together.
        '{{"content_hashes": [{{"name":"together","key":"{hex}"}}]}}',
        '{{"etags": [{{"name": "together", "key": "{hex}"}}]}}',
        '[{{"name": "together", "key": "{hex}", "sha256": "{hex}"}}]',
        # The same shapes for a digest or another provider.
        '{{"ParameterKey": "TogetherModelSha256", "ParameterValue": "{hex}"}}',
        'val sha = System.getenv("TOGETHER_MODEL_SHA256") ?: "{hex}"',
        'checksums:\n  - type: together\n    token: {hex}',
        'providers:\n  - type: openai\n    token: {hex}\n  - type: together',
        '{{"name": "Together AI", "sha256": "{hex}"}}',
        '- name: TOGETHER_API_KEY_SHA256\n  value: {hex}',
        '{{"ParameterKey": "TogetherApiKeySha256", "ParameterValue": "{hex}"}}',
        '{{"togetherApiKeySha256": {{"sig": "v1", "plaintext": "\\"{hex}\\""}}}}',
        '{{"togetherApiKey": {{"plaintext_sha256": "{hex}"}}}}',
        'TOGETHER_API_KEY;sha=abc\nx = {hex}',
        'digest = hashlib.sha256(TOGETHER_API_KEY.encode()).hexdigest()  # {hex}',
        # A digest word applied to the name, or governing the sentence.
        'sha256(TOGETHER_API_KEY) = {hex}',
        'md5sum("together_api_key"): {hex}',
        'The SHA-256 of our Together API key is {hex}',
        'The SHA-256 hash of the Together API key is {hex}.',
        'Hashed Together API key: {hex}',
        'sha256_TOGETHER_API_KEY = "{hex}"',
        'Together API key (sha256):\n{hex}',
        '| Together API key (SHA-256 fingerprint) | {hex} |',
        # The same new shapes for a digest or another provider.
        'checksums: &together\n  api_key: {hex}',
        '\u2502 TOGETHER_API_KEY_SHA256 \u2502 {hex} \u2502',
        "together_api_key\n  Field required [type=missing, input_value={{'model_sha256': '{hex}'}}, input_type=dict]",
        '{{"Name": "prod/together-proxy", "SecretString": "{{\\"api_key\\":\\"{hex}\\"}}"}}',
        '<package id="together" version="1.3.3">\n  <sha256>{hex}</sha256>\n</package>',
        # (a value's own element names it: not its sibling's Together name)
        '<appSettings>\n  <add key="TogetherModelSha256" value="{hex}" />\n  <add key="TogetherApiKey" value="%TOGETHER_API_KEY%" />\n</appSettings>',
        '<bean id="openaiClient" class="ai.OpenAIClient">\n  <property name="apiKey" value="{hex}"/>\n</bean> <!-- together -->',
        '  def verify(body)\n    mac = OpenSSL::HMAC.new("{hex}", "sha256")\n    post("https://api.together.xyz/v1/x")\n  end',
        '  def client do\n    OpenaiEx.new("{hex}")\n    |> OpenaiEx.with_base_url("https://api.openai.com/v1")\n  end\n# together',
        '$ vault kv get secret/together-cache\n===== Data =====\nKey        Value\n---        -----\napi_key    {hex}',
        'In [3]: hashlib.sha256(os.environ["TOGETHER_API_KEY"].encode()).hexdigest()\nOut[3]: \'{hex}\'',
        'TOGETHER_API_KEY_SHA256 - {hex}',
        'together_api_key_hash\n= "{hex}"',
        '## Working together\n\napi_key: {hex}',
        '## Working together ##\n\napi_key: {hex}',
        '# Together\n\n## OpenAI\n### prod\n\napi key: {hex}',
        '## OpenAI ##\n\napi key: {hex}\n\n## Together AI ##\n\nx',
        '# Together\n## Deploy\n\nJWT_SECRET={hex}',
        '## OpenAI\n\n' + '- a note on the setup\n' * 400 + '\nAPI key: {hex}\n\n## Together AI\n\nx',
        '## Together AI\n\nx\n\n## Other\n\n' + '- a note on the setup\n' * 400 + '\nAPI key: {hex}',
        '## Together AI\n\nx\n\n## OpenAI\n\napi_key: {hex}',
        '## Together AI\n\nchecksums:\n  api_key: {hex}',
        "- job_name: node\n  static_configs:\n    - targets: ['10.0.0.1:9100']\n"
        '  authorization:\n    type: Bearer\n    credentials: {hex}\n# together',
        'together:\n  credentials_sha256: {hex}',
        'x = TogetherSha256("{hex}")',
        'variable "together_api_key_sha256" {{\n  default   = <<EOT\n{hex}\nEOT\n}}',
        'vercel env add TOGETHER_API_KEY_SHA256 production <<< {hex}',
        'echo TOGETHER_API_KEY | sha256sum <<< {hex}',
        'gcloud secrets create together-api-key-sha256 --data-file=- <<< "{hex}"',
        'together_tokenizer <<< {hex}',
        'digest = TogetherDigest.new("{hex}")',
        'TOGETHER_BASE_SHA = "x"\nclient = openai.OpenAI(base_url=OPENAI_BASE, api_key="{hex}")',
        # The probe8 shapes holding digests or another service's secret.
        'the sha256 of my together key is {hex}',
        'the fix for together is in {hex}',
        'Working together\n================\n\nSigning key: {hex}',
        '**Together AI**\n\n- sha256: {hex}',
        'together:\n  checksums:\n    - {hex}',
        '## Together AI\n\n| file | sha256 |\n|---|---|\n| together-1.3.3.tar.gz | {hex} |',
        '<Entry>\n  <String><Key>Title</Key><Value>Together</Value></String>\n</Entry>\n'
        '<Entry>\n  <String><Key>Title</Key><Value>GitHub</Value></String>\n'
        '  <String><Key>Password</Key><Value>{hex}</Value></String>\n</Entry>',
        'Title,Website,Password\nTogether AI,https://api.together.xyz,\nGitHub,https://github.com,{hex}',
        'name,url,password,sha256\nTogether,https://api.together.xyz,,{hex}',
        'Title,Website,Username,Password\n"Together, prod",https://api.together.xyz,"{hex}",x',
        # A list that is not of keys, or not under Together's name.
        'together:\n  public_keys:\n    - x\n    - {hex}',
        'together:\n  keys:\n    - x\n  hashes:\n    - {hex}',
        '[together]\nkeys = ["x"]\nsha256 = ["y", "{hex}"]',
        'openai:\n  keys: [x, {hex}, y]',
        # A list of keys whose nearest named parent is another thing's
        # (a cache's or an idempotency store's digests under together:).
        'together:\n  cache:\n    keys: [x, {hex}, y]',
        # A map list's value field counts only in a list of keys under
        # Together's: another list's (``models:``), one after the keys
        # list ended, one under a cache, one under no Together parent.
        'together:\n  models:\n    - {{name: m, value: {hex}}}',
        'together:\n  keys:\n    - x\n  models:\n    - name: m\n      value: {hex}',
        'together:\n  cache:\n    keys:\n      - {{name: a, value: {hex}}}',
        'cache:\n  keys:\n    - name: a\n      value: {hex}',
        'together:\n  idempotency:\n    keys:\n      - {hex}',
        # A git-config style subsection of another purpose, or a digest
        # in Together's.
        '[together "cache"]\n\tkey = {hex}',
        '[together "prod"]\n\tsha256 = {hex}',
        # A top-level list beside another provider's field, a nested
        # field of Together's, or a top-level list of another purpose.
        'provider: openai\nkeys:\n  - {hex}\n# together later',
        'openai:\n  provider: together-compatible\nkeys:\n  - {hex}\nllm:\n  provider: together',
        'provider: together\ncache:\n  keys:\n    - {hex}',
        'provider: together\npublic_keys:\n  - {hex}',
        '{{"together": {{"cache": {{"keys": ["x", "{hex}"]}}}}}}',
        '[together.cache]\nkeys = ["x", "{hex}"]',
        'defaults: &openai\n  api_key: {hex}\n# together later',
        # A bare key whose nearest named parent is another thing's (a
        # cache's), in YAML, JSON, TOML tables and dotted names.
        'together:\n  cache:\n    key: {hex}',
        '{{"together": {{"cache": {{"key": "{hex}"}}}}}}',
        '[together.cache]\nkey = "{hex}"',
        'together.cache.key = "{hex}"',
        # A nearer parent naming another purpose than a credential
        # (``rules.NON_KEY_PURPOSE``), or another provider, under one
        # naming Together.
        'together:\n  prod:\n    idempotency:\n      key: {hex}',
        'together:\n  response_cache:\n    prod:\n      key: {hex}',
        '{{"together":{{"prod":{{"dedup":{{"keys":["x","{hex}"]}}}}}}}}',
        'provider "together" {{\n  session {{\n    key = "{hex}"\n  }}\n}}',
        '[together]\nlocks.key = {hex}',
        'together.prod.cursor.key = {hex}',
        'together:\n  signing:\n    key: {hex}',
        'together:\n  fallback:\n    openai:\n      key: {hex}',
        'together:\n  prod:\n    public:\n      keys:\n        - {hex}',
        'together.checksum.api_key = "{hex}"',
        'openai.profiles.prod.api_key = "{hex}"  # together later',
        '[together.checksums]\napi_key = "{hex}"',
        '[tool.together]\nx = 1\n[openai.auth]\napi_key = "{hex}"',
        'date,method,url,request_id\n2024-06-01,POST,https://api.together.xyz/v1/chat,{hex}',
        # LiteLLM's spend logs and daily spend: ``api_key`` holds a virtual
        # key's sha256; no password manager's header.
        'request_id,call_type,api_key,spend,total_tokens,model,api_base,user\n'
        'chatcmpl-1,acompletion,{hex},0.0001,100,together_ai/m,https://api.together.xyz/v1,alice\n'
        'chatcmpl-2,acompletion,{hex},0.0001,100,together_ai/m,https://api.together.xyz/v1,alice\n',
        'id,user_id,date,api_key,model,custom_llm_provider,prompt_tokens,spend\n'
        'a1,alice,2025-05-01,{hex},meta-llama/m,together_ai,1200,0.002\n'
        'a2,alice,2025-05-02,{hex},meta-llama/m,together_ai,1200,0.002\n',
        'name,url,username,api_key,model\nTogether,https://api.together.xyz,alice,{hex},m',
        'db.example.com:5432:together:app:{hex}',
        'cmdkey /generic:together /user:ml-team /pass:%TOGETHER_API_KEY%\nREM build {hex}',
        "echo '{hex}  together-cli.tar.gz' | sha256sum -c",
        '.together = .{{ .hash = "1220{hex}" }}',
        # ``=>`` is no XML start tag's end: a PHP array's digest field
        # after an env lookup of the key's name.
        "'together' => ['key' => env('TOGETHER_API_KEY'), 'checksum' => '{hex}'],",
        "'together' => [\n  'key' => env('TOGETHER_API_KEY'),\n  'checksum' => '{hex}',\n],",
        "[ 'name' => 'TOGETHER_API_KEY', 'sha256' => '{hex}' ]",
        'provider=openai&api_key={hex}&note=together',
        'x=together&sha256={hex}',
        'OPENAI_API_KEYS={hex}',
        # (a bare ``tokens`` holding one value beside Together's endpoint
        # is a count's or a digest's name, not a list of keys)
        'base_url: https://api.together.xyz/v1\ntokens: {hex}',
        'OPENAI_BASE_URL=https://api.together.xyz/v1\nusage.tokens={hex}',
        # Blanks part a list's items, never a list from the next field
        # (a name holds a ``:`` or ``=``).
        'together_tokens=512 prompt_sha256: {hex}',
        'together_tokens=512 prompt_sha256={hex}',
        'OPENAI_BASE_URL=https://api.together.xyz/v1\ntokens: {hex} cached: 12',
        'together_api_keys=x digest: {hex}',
        'together_api_key_unencrypted_sha256: {hex}',
        'gh release upload v1 -b"{hex}" # together',
        # A table's other columns: a digest's, another provider's, a model's.
        ' provider | sha256\n----------+-------\n together | {hex}',
        'name\tsha256\ntogether\t{hex}',
        # A value field on the next line: another purpose's name, a
        # digest of the key, another provider's group or endpoint.
        'env:\n  - name: CACHE_KEY\n    value: {hex}\n  - name: BASE_URL\n    value: https://api.together.xyz/v1',
        'env:\n  - name: API_KEY_SHA256\n    value: {hex}\n  - name: BASE_URL\n    value: https://api.together.xyz/v1',
        'variables:\n  LLM_PROVIDER: openai\n  LLM_API_KEY:\n    value: "{hex}"\n# together next quarter',
        'env:\n  - name: API_KEY\n    value: {hex}\n  - name: BASE_URL\n    value: https://api.openai.com/v1',
        # A key column is a whole column name: not a cache's, a public
        # key's or a key's fingerprint; not a row of another owner.
        '| provider | cache key |\n|---|---|\n| together | `{hex}` |',
        '| provider | public key |\n|---|---|\n| together | `{hex}` |',
        '| provider | key fingerprint |\n|---|---|\n| together | `{hex}` |',
        '| provider | key |\n|---|---|\n| together-cache | `{hex}` |',
        '| file | key |\n|---|---|\n| together.tar.gz | `{hex}` |',
        # Prose naming Together before a ``|`` or a tab, no table header
        # naming a credential column above it.
        'ssh host key for together | {hex}',
        'deploy key for together\t{hex}',
        # A bare tokens name holding one value (a count's, a digest's).
        'OPENAI_BASE_URL=https://api.together.xyz/v1\nusage.tokens={hex}',
        # Blanks part a list's items, never a list from the next field
        # (a name holds a ``:`` or ``=``).
        'together_tokens=512 prompt_sha256: {hex}',
        'together_tokens=512 prompt_sha256={hex}',
        'OPENAI_BASE_URL=https://api.together.xyz/v1\ntokens: {hex} cached: 12',
        'together_api_keys=x digest: {hex}',
        'base_url: https://api.together.xyz/v1\ntokens: {hex}',
        'provider,api_key\nopenai,{hex}',
        'provider,api_key,model\ntogether,{hex},m',
        'COPY public.m (id, provider, sha256) FROM stdin;\n1\ttogether\t{hex}\n\\.',
        # A digest of the key, pickled beside its name's digest word.
        'X\x17\x00\x00\x00sha256_together_api_keyq\x01X@\x00\x00\x00{hex}q\x02',
        'X\x1a\x00\x00\x00sha256_of_together_api_keyq\x01X@\x00\x00\x00{hex}q\x02',
        '(dp0\nVhash_of_together_api_key\np1\nV{hex}\np2\ns.',
        # A compiled program's adjacent strings (gcc's .rodata: a getenv
        # name, then a digest it prints), and a class's SHA256 constant
        # after a together-named field.
        'TOGETHER_API_KEY\x00\x00\x00\x00\x00\x00\x00\x00{hex}\x00',
        'TOGETHER_API_KEY\x00\x01\x02{hex}\x00',
        '\x01\x00\x10together_api_key\x01\x00\x12Ljava/lang/String;\x01\x00\x06SHA256\x01\x00\rConstantValue\x08\x00\x18\x01\x00@{hex}',
        '\x8c\x08together\x94\x8c\x0cmodel_sha256\x94\x8c@{hex}\x94',
        # A map of something else than keys; a digest map's entry.
        "$checksums = @{{ Together = '{hex}' }}",
        'cache_keys = {{ together = "{hex}" }}',
        'together = "{hex}"',
        '<!-- Working together -->\napi_key = "{hex}"',
        '<!-- Together AI -->\n<p>cache</p>\n\napi_key = "{hex}"',
        '{{"title": "OpenAI", "fields": [{{"label": "credential", "value": "{hex}"}}]}}',
        '{{"provider_keys": [{{"slug": "together-cache", "key": "{hex}"}}]}}',
        'service;sha256;owner\ntogether;{hex};ops@example.com',
        # An element naming Together beside a digest's; a tuple of
        # digests (rebar.lock, mix.lock); a namelist of checksums.
        '<fingerprint>\n  <id>together</id>\n  <sha256>{hex}</sha256>\n</fingerprint>',
        '<fingerprint>\n  <id>together</id>\n  <hash>\n    <secret>{hex}</secret>\n  </hash>\n</fingerprint>',
        '{{pkg_hash,[\n {{<<"together">>, <<"{hex}">>}}]}}',
        '[{{together, [{{checksum, "{hex}"}}]}}].',
        '[{{openai, [{{api_key, "{hex}"}}]}}, {{together, [{{model, "m"}}]}}].',
        'new aws.s3.BucketObject("together", [{{secret, "{hex}"}}]);',
        "&together_input\n  mesh_sha256 = '{hex}'\n/",
        # An INSERT's digest column; a row of another provider's.
        "INSERT INTO releases (name, sha256) VALUES ('together', '{hex}');",
        "INSERT INTO api_keys (provider, secret) VALUES\n  ('together', 'x'),\n  ('openai', '{hex}');",
        # A password flag in a command to another host; a user list's
        # other user; a Redis key's ``together:<sha256>``.
        'airflow connections add together --conn-host db.example.com --conn-password {hex}',
        # Another service's password flag in a command whose environment
        # is Together's: the database's, not Together's key.
        'docker run --env TOGETHER_BASE_URL=https://api.together.xyz/v1 app --db-password {hex}',
        'mytool --host api.together.xyz --client-secret {hex}',
        'basicauth.users=admin:{hex}',
        'cache_key = "together:{hex}"',
        # A partial of another class (Together's only a later argument).
        'make = partial(\n    OpenAI,\n    api_key="{hex}",\n    fallback=Together,\n)',
        # A format string's Bearer, another endpoint's; an environment
        # fallback in another provider's object.
        'headers = {{"Authorization": "Bearer {{}}".format("{hex}")}}\nrequests.get("https://api.openai.com/v1/models")',
        "export const llm = {{\n  provider: 'openai',\n  apiKey: process.env.LLM_KEY ?? '{hex}',\n}};",
        # A trailing comment saying more than Together's name, or under a
        # digest's or a pin's name.
        'KEY = "{hex}"  # Together model digest',
        'MODEL_SHA = "{hex}"  # Together',
        'pinned = "{hex}"  # together',
        'KEY = "{hex}"  # working together',
        # A Helm checksum annotation named for Together's secret (a digest of it).
        'spec:\n  template:\n    metadata:\n      annotations:\n        checksum/together-secret: {hex}\n',
        # (legacy24: a sibling provider's structure beside Together's
        # endpoint: its own name decides, not the endpoint nearby; a
        # signing or encrypting secret in a Together section)
        '[together]\nbase_url = "https://api.together.xyz/v1"\n\n[openai]\napi_key = "{hex}"',
        'spring:\n  ai:\n    together:\n      base-url: https://api.together.xyz\n    openai:\n      api-key: {hex}',
        'spring.ai.together.base-url=https://api.together.xyz\nspring.ai.openai.api-key={hex}',
        '{{\n  "together.baseUrl": "https://api.together.xyz/v1",\n  "anthropic.apiKey": "{hex}"\n}}',
        '[together]\napi_key = ${{TOGETHER_API_KEY}}\nwebhook_secret = {hex}',
        '{{"Together": {{"BaseUrl": "https://api.together.xyz/v1", "WebhookSecret": "{hex}"}}}}',
        'together:\n  signing_secret: {hex}',
        '{{\n  "Together:BaseUrl": "https://api.together.xyz/v1",\n  "OpenAI:ApiKey": "{hex}"\n}}',
        '{{\n  "Together:Prod:Sha256": "{hex}"\n}}',
        'public class TogetherOptions\n{{\n    public string WebhookSecret {{ get; set; }} = "{hex}";\n}}',
        'public class CacheOptions\n{{\n    public string ApiKey {{ get; set; }} = "{hex}";\n}}\n// Together',
        'defmodule Acme.Together do\n  defmodule Cache do\n    def key, do: "{hex}"\n  end\nend',
        # (legacy19b: another provider's own SDK client is its structure,
        # beside a Together client; a Makefile's ``?=`` sibling naming
        # another endpoint, or a digest; a Terraform variable group
        # pointed elsewhere, or another prefix's; a constructor naming
        # another provider, or a digest's type)
        'together = OpenAI(\n    base_url="https://api.together.xyz/v1",\n    api_key=os.environ["TOGETHER_API_KEY"],\n)\n'
        'anthropic = Anthropic(\n    api_key="{hex}",\n)',
        'together = OpenAI(\n    base_url="https://api.together.xyz/v1",\n    api_key=os.environ["TOGETHER_API_KEY"],\n)\n''anthropic = Anthropic(api_key="{hex}")',
        'const together = new OpenAI({{ baseURL: "https://api.together.xyz/v1" }});\n'
        'const groq = new Groq({{\n  apiKey: "{hex}",\n}});',
        'together = OpenAI(\n    base_url="https://api.together.xyz/v1",\n    api_key=os.environ["TOGETHER_API_KEY"],\n)\n''co = cohere.ClientV2(\n    api_key="{hex}",\n)',
        'LLM_BASE_URL ?= https://api.together.xyz/v1\nOPENAI_BASE_URL ?= https://api.openai.com/v1\nOPENAI_API_KEY ?= {hex}',
        'LLM_PROVIDER ?= together\nLLM_CACHE_KEY ?= {hex}',
        'TOGETHER_CLI_VERSION ?= 1.3.0\nTOGETHER_CLI_SHA256 ?= {hex}',
        'variable "llm_endpoint" {{\n  default = "https://api.openai.com/v1"\n}}\n\n'
        'variable "llm_api_key" {{\n  default = "{hex}"\n}}\n# together next quarter',
        'variable "llm_endpoint" {{\n  default = "https://api.together.xyz/v1"\n}}\n\n'
        'variable "search_api_key" {{\n  default = "{hex}"\n}}',
        'variable "llm_endpoint" {{\n  default = "https://api.together.xyz/v1"\n}}\n\n'
        'variable "llm_webhook_secret" {{\n  default = "{hex}"\n}}',
        'class P {{\n  Provider t = new Provider("together", System.getenv("TOGETHER_API_KEY"));\n'
        '  Provider o = new Provider("openai", "{hex}");\n}}',
        'class P {{\n  CacheKey k = new CacheKey("together", "{hex}");\n}}',
        '$TOGETHER_API_KEY_SHA256[1]: |{hex}|',
        '$OPENAI_API_KEY[1]: |{hex}|\n# together',
        'class P {{\n  void f(Map<String, String> m) {{ m.put("together", "{hex}"); }}\n}}',
        'module Together\n  class Acme::Cache\n    def initialize\n      @key = "{hex}"\n    end\n  end\nend',
        # (legacy27: a call with no ``new`` naming another provider, or of a
        # digest's type; the item or field of a read naming another
        # purpose; a Together-named object's other purpose)
        'val providers = listOf(\n    Provider("together", System.getenv("TOGETHER_API_KEY")),\n    Provider("openai", "{hex}"),\n)',
        'val entry = CacheKey("together", "{hex}")',
        'val p = Provider(\n    "together",\n    sha256 = "{hex}")',
        '$ op item get "Together AI" --fields label=webhook_secret --reveal\n{hex}',
        '$ op item get "OpenAI" --fields label=credential --reveal\n{hex}',
        "$ kubectl get secret together-release -o jsonpath='{{.data.sha256}}' | base64 -d\n{hex}",
        '{{\n  "TOGETHER_WEBHOOK_SECRET": {{\n    "computed": "{hex}"\n  }}\n}}',
        '++ export LLM_BASE_URL=https://api.together.xyz/v1\n++ export LLM_CACHE_KEY={hex}',
        # (legacy27, legacy24: a client bound to another provider's name, a
        # model under another provider's LiteLLM prefix, another provider's
        # flat name on an ``environ`` line shared with Together's endpoint)
        'together = OpenAI(base_url="https://api.together.xyz/v1", api_key=os.environ["TOGETHER_API_KEY"])\n'
        'groq = OpenAI(api_key="{hex}")',
        'teacher = dspy.LM("together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo")\n'
        'student = dspy.LM("anthropic/claude-3-5-sonnet-20240620", api_key="{hex}")',
        'HOME=/root\x00TOGETHER_BASE_URL=https://api.together.xyz/v1\x00ANTHROPIC_API_KEY={hex}\x00',
        'python serve.py TOGETHER_BASE_URL=https://api.together.xyz/v1 GROQ_API_KEY={hex} HOME=/root',
        '{{\n  "auths": {{\n    "registry.together.xyz": {{\n      "auth": "dG9nZXRoZXI6eA=="\n    }},\n'
        '    "ghcr.io": {{\n      "password": "{hex}"\n    }}\n  }}\n}}',
        '{{\n  "together.xyz": {{\n    "sha256": "{hex}"\n  }}\n}}',
        # (legacy32: another client's builder beside Together's, a
        # Together-named builder of a cache or a digest)
        'var t = TogetherClient.builder().build(); var o = CohereClient.builder().apiKey("{hex}").build();',
        'var cache = TogetherCache.builder().apiKey("{hex}").build();',
        'var cache = TogetherClient.builder().cacheKey("{hex}").build();',
        # (legacy32: another item's title, a digest's field, a note's field)
        "op item create --category=login --title=openai 'credential={hex}'  # together next",
        "op item create --category=\"Secure Note\" --title=together-cli 'sha256[text]={hex}'",
        "op item create --category=login --title=together 'notes[text]={hex}'",
        # (legacy32: a map of keys for another purpose, or a digests map;
        # another provider's entry beside Together's)
        'Map<String, String> cacheKeys = Map.of("together", "{hex}");',
        "$sha256_keys = ['together' => '{hex}'];",
        'val digests = Map("together" -> "{hex}")',
        'val apiKeys = mapOf("together" to System.getenv("TOGETHER_API_KEY"), "openai" to "{hex}")',
        'api_keys = Dict("together_release" => "{hex}")',
        # (legacy32: a read of a digest's setting or another provider's secret)
        '$ heroku config:get TOGETHER_MODEL_SHA256 -a acme-chat\n{hex}',
        '$ aws ssm get-parameter --name /chat/together/release-sha256 --query Parameter.Value --output text\n{hex}',
        '$ az keyvault secret show --vault-name kv --name openai-api-key --query value -o tsv\n{hex}',
        # (legacy32: a bold label naming a digest)
        '**Together API key (sha256):** {hex}',
        '**SHA-256 of the Together API key:** `{hex}`',
        # (legacy32: a help text going on past the key's name, or naming a
        # digest; a fallback or an env var naming a digest)
        'parser.add_argument("--cache-key", default="{hex}", help="Together API key cache")',
        'parser.add_argument("--sha", default="{hex}", help="SHA-256 of the Together API key")',
        'digest = config.get("together", "release_sha256", fallback="{hex}")',
        'sha: str = typer.Option("{hex}", envvar="TOGETHER_CLI_SHA256")',
        # (legacy32: a name whose own line goes on to a git id or a digest
        # names no value field below it)
        'variables:\n  BUILD_SHA:\n    description: "Together API key rotation commit"\n    value: "{hex}"',
        # (legacy32: a table of digests or a cache's, another provider's row)
        "INSERT INTO key_hashes VALUES (1, 'together', '{hex}');",
        "INSERT INTO hashed_api_keys VALUES (1, 'together', '{hex}');",
        "INSERT INTO cache_keys VALUES ('together', '{hex}');",
        "INSERT INTO idempotency_keys VALUES (1, 'together', '{hex}');",
        "INSERT INTO api_keys VALUES (1, 'together', NULL), (2, 'openai', '{hex}');",
        # (acc33: a usage record as JSON, LiteLLM's spend logs, whose
        # api_key is a virtual key's sha256; a generic name whose digest is
        # given, ``sha256 of the old key:``)
        '[{{"request_id":"chatcmpl-1","api_key":"{hex}","model":"together_ai/meta-llama/Llama-3","spend":0.0004,"total_tokens":812}}]',
        '{{"api_key": "{hex}", "base_url": "https://api.together.xyz/v1", "prompt_tokens": 12, "completion_tokens": 80}}',
        '{{"title":"Together AI","fields":[{{"id":"notesPlain","value":"sha256 of the old key: {hex}"}}]}}',
        'base_url = "https://api.together.xyz/v1"\nsha256 api_key = "{hex}"',
        # (acc33: what the key is for names a digest, or the verb gives no value)
        'The Together API key for the release checksum is {hex}',
        'Together API key for the staging gateway is rotated; see commit {hex}',
        # (acc33: the secret's name says a digest, or names another key)
        '{{"after":{{"plaintext_value":"{hex}","repository":"gateway","parameter_name":"TOGETHER_API_KEY_SHA256"}}}}',
        '{{"after":{{"plaintext_value":"{hex}","repository":"gateway","parameter_name":"OPENAI_API_KEY"}}}}',
        '{{"secret_value": "{hex}", "cache_key": "together_api_key"}}',
        # (acc33: another secret's name, one naming digests, a container's name)
        "aws secretsmanager create-secret --name prod/openai --secret-string '{{\"api_key\":\"{hex}\"}}'",
        "aws secretsmanager create-secret --name prod/together-checksums --secret-string '{{\"sha256\":\"{hex}\"}}'",
        'docker run --name together-gateway -e CACHE_KEY={hex} acme/gw',
        # (acc33: an italic label or spoilered value naming a digest)
        '_Together API key SHA-256_: `{hex}`',
        'together_api_key_sha256: ||{hex}||',
        'sha256 of the together api key: ||{hex}||',
        # (acc33: a short flag on a command line about another host, service
        # or a file named together; a passphrase)
        'openssl enc -aes-256-cbc -k {hex} -in together.tar.gz -out together.tar.gz.enc',
        'security add-generic-password -s github -a "$USER" -w {hex}',
        'openai --api-base https://api.openai.com/v1 -k {hex} api models.list',
        'security add-generic-password -s together-checksums -a ci -w {hex}',
        'security add-generic-password -s togetherness-app -a ci -w {hex}',
        'export TOGETHER_BASE_URL=https://api.together.xyz/v1\nopenssl enc -aes-256-cbc -k {hex} -in backup.tar',
        # (kc33: a service going on in a digest's or another word, a window
        # opened by a Together name on the line above; a file named so)
        '# Together API key id: key_1\nsecurity add-generic-password -s together-checksums -a ci -w {hex}',
        '# Together API key id: key_1\nsecurity add-generic-password -s togetherness-app -a ci -w {hex}',
        'security add-generic-password -s together-prod-checksums -a ci -w {hex}',
        '$ security find-generic-password -s together-prod-sha256 -w\n{hex}',
        'openssl enc -aes-256-cbc -k {hex} -in together-prod.tar.gz',
        # (acc33: another provider's item, a provider named for a purpose,
        # a cache's key beside Together's provider, a compact list under a
        # key of digests)
        'env:\n- name: LLM_PROVIDER\n  value: openai\n- name: LLM_API_KEY\n  value: {hex}',
        'env:\n- name: LLM_PROVIDER\n  value: together-cache\n- name: LLM_API_KEY\n  value: {hex}',
        'env:\n- name: LLM_PROVIDER\n  value: together\n- name: CACHE_KEY\n  value: {hex}',
        'checksums:\n- name: together\n  key: {hex}',
        # (acc34: a type of digests with a member named for the provider;
        # secrets' member named for something else; a type whose name
        # only starts with a secrets word)
        'enum Checksums {{\n    static let together = "{hex}"\n}}',
        'enum Secrets {{\n    static let togetherSha256 = "{hex}"\n}}',
        'class SecretsCache {{\n    static let together = "{hex}"\n}}',
        # (outside36: a list item under a heading of digests; a service
        # field naming a Together service of another purpose.  A Markdown
        # heading of digests over `- together: <hex>` is clean as a file,
        # outside36's decoy-digest-list-item-heading, but not escaped inside
        # a string, as `together: <hex>` under it was not before: the
        # escaped reading's lines see no Markdown heading)
        'checksums:\n  - together: {hex}',
        'service: together-webhooks\nkey: {hex}',
        # (a connection of another host beside Together's; another
        # service's connection password beside Together's URL)
        'connections:\n  - conn_id: together_default\n    conn_host: api.together.xyz\n  - conn_id: warehouse\n    conn_host: db.internal\n    conn_password: {hex}',
        'environment:\n  OPENAI_BASE_URL: https://api.together.xyz/v1\n  DB_CONNECTION_PASSWORD: {hex}',
        # (a logger whose name only starts with Together's, or of another
        # package; Together's logger printing a digest)
        "2024-05-01 INFO togetherness.app: headers {{'Authorization': 'Bearer {hex}'}}",
        "2024-05-01 INFO chat.together_router: headers {{'Authorization': 'Bearer {hex}'}}",
        '2024-05-01 DEBUG together.files: uploaded train.jsonl sha256={hex}',
        "DEBUG openai._base_client: headers {{'Authorization': 'Bearer {hex}'}}\nDEBUG together.files: uploaded train.jsonl",
        # (review36b: a Together logger's line naming the credential, its
        # value a digest's; the ``api_key <type> =`` reading took it)
        '2024-05-01 10:00:00,123 INFO together.files: uploaded with api_key from env, sha256={hex}',
    ),
)

RULES: tuple[Rule, ...] = (TOGETHER_API_KEY, TOGETHER_LEGACY_API_KEY)
RULES_BY_ID = {rule.id: rule for rule in RULES}

# Encoded characters decoded around a base64 keyword form: the key and its
# name sit near the keyword, so a 5 MB base64 image is never decoded whole.
B64_REACH = 8192
# Base64 inside base64 is decoded this deep (the engine, and the scrubber
# of what is shown): a whole value encoded three times (``echo -n $KEY |
# base64 | base64 | base64``), or an encoded file holding a value
# encoded twice.
B64_DEPTH = 3


def longest_context(rules: tuple[Rule, ...] = RULES) -> int:
    """The farthest, in bytes, detection looks from a key: a reader that
    splits a file into chunks must overlap them by at least this much to
    judge every key as a whole file would (a rule's window runs two
    windows past its keyword, patterns start ``value_reach`` before their
    value, context reaches either side of a key, base64 is decoded
    ``B64_REACH`` around an encoded keyword)."""
    reaches = [B64_REACH]
    for rule in rules:
        reaches += [2 * (rule.window or 0), rule.value_reach]
        reaches += [p.context.reach for p in rule.patterns if p.context is not None]
        reaches += [p.context.section_reach for p in rule.patterns if p.context is not None]
    return max(reaches)


# The overlap of the windows a large file is scanned in (``detect.windows``):
# twice the farthest detection looks, so a key near a window's edge is judged
# on all it would see in the whole file (a pragma on the line above, context
# either side).  It follows the rules: raise a reach there, not here.
MAX_CONTEXT = max(64 * 1024, 2 * longest_context(RULES))
