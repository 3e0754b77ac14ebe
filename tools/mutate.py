"""Mutation testing: does the suite fail when the code is wrong?

Each mutation below is one small, plausible bug: a file, a snippet of code
that occurs exactly once in it, what to put instead, and the tests that must
catch it.  The script copies the work tree (as it is on disk, uncommitted
files included) to a scratch folder, makes it a git repository, and for each
mutation in turn writes the bug into the copy, runs those tests against the
copy (``PYTHONPATH`` puts the copy ahead of the installed package, for the
console scripts the tests run as well; the script checks that it does) and
puts the code back.  A mutation the tests do not fail on *survived*: a hole
in the suite.

    python tools/mutate.py                 # every mutation
    python tools/mutate.py key-length ...  # some, by name
    python tools/mutate.py --list
    python tools/mutate.py --doc docs/testing.md   # also record the result

Mutations name code by snippet, never by line number, so they survive edits
around them; ``tests/mutations_test.py`` checks that every snippet still
occurs exactly once (a refactor that moves code must move the mutation).
It is slow (minutes), so it is not part of the suite: run it before a
release and after changing a check the tests rely on.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from typing import NamedTuple
from typing import Sequence

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC_START = '<!-- mutations: start (tools/mutate.py --doc writes this table) -->'
DOC_END = '<!-- mutations: end -->'


class Mutation(NamedTuple):
    name: str
    path: str  # relative to the repository root
    original: str  # occurs exactly once in ``path``
    replacement: str
    tests: tuple[str, ...]  # pytest arguments: the tests that must catch it
    why: str  # the bug, in words


M = Mutation
MUTATIONS: tuple[Mutation, ...] = (
    # --- the four the 2026-11 audit found surviving the whole suite --------
    M('doctor-crash', 'together_hooks/doctor/checks.py',
      "            raise InputError(f'{path}: no such file or folder')",
      '            raise KeyError(path)',
      ('tests/hardening_test.py::test_usage_errors',),
      'doctor crashes (KeyError) on a missing path: guard shows "internal error", exit 2'),
    M('github-partial-key', 'together_hooks/report.py',
      "        lines.append(f'::error {props}::{_escape_data(_message(f))}')",
      "        lines.append(f'::error {props}::{_escape_data(_message(f))} {f.secret[:-1]}')",
      ('tests/cli/scan_test.py', 'tests/sarif_test.py'),
      '--format github prints the key minus its last character'),
    M('sarif-colon', 'together_hooks/report.py',
      "    return quote(os.fsencode(path), safe='/'), True",
      "    return quote(os.fsencode(path), safe='/:'), True",
      ('tests/sarif_test.py',),
      "SARIF URI leaves ':' unescaped (colon:x.py parses as a scheme)"),
    M('audit-report-exit', 'together_hooks/cli/baseline.py',
      "        print(f'{PROG}: error: detect-secrets printed no report', file=sys.stderr)\n"
      '        return EXIT_ERROR',
      "        print(f'{PROG}: error: detect-secrets printed no report', file=sys.stderr)\n"
      '        return 1',
      ('tests/baseline/baseline_test.py::test_audit_report_that_fails_is_exit_2',),
      'baseline audit --report that printed no report exits 1, not 2'),
    # --- key shapes ----------------------------------------------------------
    M('key-length', 'together_hooks/rules.py',
      "b'[' + KEY_CHARS + b']{43}', KEY_CHARS)",
      "b'[' + KEY_CHARS + b']{42}', KEY_CHARS)",
      ('tests/rules_test.py',),
      'a current key is 42 characters after tgp_v1_, not 43'),
    M('legacy-key-length', 'together_hooks/rules.py',
      "_HEX_KEY = rb'(?P<secret>[0-9a-f]{64})(?![0-9A-Za-z_-])'",
      "_HEX_KEY = rb'(?P<secret>[0-9a-f]{63})(?![0-9A-Za-z_-])'",
      ('tests/rules_test.py',),
      'a legacy key is 63 hex characters'),
    M('left-boundary', 'together_hooks/detect/engine.py',
      '    if start == 0 or data[start - 1] not in _KEY_BYTES:\n        return False',
      '    if True:\n        return False',
      ('tests/rules_test.py',),
      'a key glued after other key characters (x<key>) is reported'),
    M('binary-serialised', 'together_hooks/detect/engine.py',
      "    if cached(_CONTROL).search(head) is not None:\n        return True\n    try:\n        head.decode('utf-8')",
      "    if False:\n        return True\n    try:\n        head.decode('latin-1')",
      ('tests/detect/binary_formats_test.py',),
      'msgpack, CBOR and protobuf (no NUL) are read as text: their length byte glues the key'),
    M('length-byte', 'together_hooks/detect/engine.py',
      "    return data[start - 1] == 0x32 and (start == 1 or data[start - 2] not in _KEY_BYTES)",
      "    return False",
      ('tests/detect/binary_formats_test.py',),
      "protobuf's field 1 (\\n2<key>, all ASCII) reads as text: the length byte 2 glues the key"),
    M('binary-any-buffer', 'together_hooks/detect/engine.py',
      '            if buf is data:\n                return answer',
      '            if True:\n                return answer',
      ('tests/detect/binary_once_test.py',),
      "the scan's binary cache answers for whichever buffer it last asked about:"
      ' a text file\'s binary reading (or the reverse) gets the other\'s answer'),
    M('packed-search-walks', 'together_hooks/detect/engine.py',
      '    match = cached(_PACKED_START).match',
      '    match = cached(_PACKED_START).search',
      ('tests/detect/packed_search_work_test.py',),
      "each magic's place searched to the end of the bytes for a container's base64 value"
      ' (mypy\'s TypeNone: a walk of every file), not matched there'),
    M('b64-twice', 'together_hooks/detect/engine.py',
      "    if depth + 1 < B64_DEPTH:\n        plain += tuple(f for rule in rules for f in rule.b64_keywords)",
      "    if False:\n        plain += tuple(f for rule in rules for f in rule.b64_keywords)",
      ('tests/detect/b64_twice_test.py',),
      'base64 of base64 is dropped unless it decodes to a plain keyword (the inner prefix at 2 of 3 places)'),
    M('b64-past-depth', 'together_hooks/detect/engine.py',
      "    elif depth == B64_DEPTH:\n        _b64_past_depth(data, path, rules, where)",
      "    elif False:\n        _b64_past_depth(data, path, rules, where)",
      ('tests/detect/b64_twice_test.py',),
      'base64 nested one level past B64_DEPTH with a keyword in it passes silently'),
    M('every-escaped-mark', 'together_hooks/rules.py',
      "b'67;&#X0', b'%67%70', ",
      "b'67;&#X0', ",
      ('tests/detect/every_escaped_test.py',),
      'a key whose every character is percent-encoded (%74%67%70...) passes the screen unseen'),
    M('every-escaped-big-u', 'together_hooks/detect/codec.py',
      "|U0{6}(?P<U>[0-7][0-9A-Fa-f])",
      "|U0{6}(?P<U>(?!)[0-7][0-9A-Fa-f])",
      ('tests/detect/every_escaped_test.py',),
      "Python's \\U0000005f escapes are not undone: a key so written is missed"),
    M('view-map-as-ints', 'together_hooks/detect/codec.py',
      "    starts, sources = _offsets(len(data))\n",
      "    starts, sources = [], []\n",
      ('tests/detect/view_memory_test.py',),
      "a view's map kept as lists of ints: a dense every-escaped file holds ~27x its bytes a reading"),
    M('b64-keywords-each', 'together_hooks/detect/codec.py',
      "            found = any_keyword(plain).search(raw)\n",
      "            found = any_keyword(plain).search(raw) if any(k in raw for k in plain) else None\n",
      ('tests/detect/b64_keyword_work_test.py',),
      'each decoded base64 value walks every keyword again: tokens of the prefix cost 3-4 CPU-s a MB'),
    M('parts-map-as-ints', 'together_hooks/detect/codec.py',
      "        self.starts, self.sources = _offsets(size)\n",
      "        self.starts, self.sources = [], []\n",
      ('tests/detect/view_memory_test.py',),
      "a decoded values' view maps with lists of ints: base64 tokens of the prefix hold ~21x their bytes"),
    M('q-word-adjacent', 'together_hooks/detect/codec.py',
      "_Q_ONE + rb')*')",
      "_Q_ONE + rb'){0}')",
      ('tests/detect/mime_q_word_test.py',),
      'adjacent Q encoded-words are not joined: a key email.header cut in two is missed'),
    M('packed-head-block', 'together_hooks/detect/engine.py',
      "        head = wrapped if wrapped_kind == 'base64' else -1\n",
      "        head = -1\n",
      ('tests/detect/packed_test.py',),
      'a file that is a container in base64 (base64 < env.xz, a git pack) is never opened'),
    M('dump-container', 'together_hooks/detect/engine.py',
      "    kind = container_kind(view.data)\n",
      "    kind = None\n",
      ('tests/detect/hex_dump_test.py',),
      'a hex dump of a container (xxd -p env.gz) is read as bytes, never opened'),
    M('dec-prefix', 'together_hooks/detect/engine.py',
      "        if any(mark in where for mark in DEC_PREFIX):\n",
      "        if not DEC_PREFIX:\n",
      ('tests/detect/decimal_bytes_test.py',),
      "a key's bytes as a decimal list with no Together name near ([116, 103, 112, ...]) are never read"),
    M('dec-call-apart', 'together_hooks/detect/codec.py',
      "            text, sources = b' ' + text, [m.start(), *sources]\n",
      "            text, sources = text, sources\n",
      ('tests/detect/decimal_bytes_test.py',),
      'String.fromCharCode(...) of a key: the call name is glued to the key read from its numbers'),
    M('dec-prefix-lines', 'together_hooks/detect/engine.py',
      "        for nl in (b'\\n', b'\\r\\n')\n",
      "        for nl in ()\n",
      ('tests/detect/decimal_bytes_test.py',),
      "a key's bytes as a decimal list a number a line (black, json.dumps indent=2) are never read"),
    M('dec-prefix-blanks', 'together_hooks/detect/codec.py',
      "    rb'|(?<![\\w.,-])((?:-?\\d{1,3}(?:[ \\t]+|[ \\t]*\\r?\\n[ \\t]*)){6,}-?\\d{1,3})(?![\\w.])',\n",
      "    rb'|(?!)()',\n",
      ('tests/detect/decimal_bytes_test.py',),
      "a key's bytes as decimals a blank apart (Go's %v, a tab-separated row) are never read"),
    M('dec-rows', 'together_hooks/detect/codec.py',
      "            numbers = _rows(data, numbers)\n",
      "            pass\n",
      ('tests/detect/decimal_bytes_test.py',),
      "a key's row of blank-separated decimals is glued to the rows of numbers around it (a table of rows)"),
    M('dec-label', 'together_hooks/detect/engine.py',
      "                    hits.append((at, secret, rule, kind))\n",
      "                    hits.append((at, secret, rule, 'hex'))\n",
      ('tests/detect/decimal_bytes_test.py',),
      'a key read from a decimal list is reported as hex-encoded'),
    M('hex-prefix', 'together_hooks/detect/engine.py',
      "        if _holds_hex_prefix(data):\n",
      "        if not HEX_PREFIX:\n",
      ('tests/detect/hex_bytes_nameless_test.py',),
      "a key's bytes as hex with no Together name near ({0x74, 0x67, 0x70, ...}, xxd -i, .reg hex:) are never read"),
    M('hex-prefix-core', 'together_hooks/detect/engine.py',
      "    return any(data.find(form) != -1 for form in _HEX_PREFIX_BARE) or (\n",
      "    return (\n",
      ('tests/accuracy/byte_literals_test.py', 'tests/detect/hex_bytes_nameless_test.py'),
      "the forms of HEX_PREFIX without the core the one gating search looks for (hex text, 7467...) are never searched: a key's hex text with no name passes"),
    M('value-start-escape-ends', 'together_hooks/detect/prefilter.py',
      "_ESCAPE_ENDS = frozenset(escape[-1] for escape in _ESCAPES_BEFORE)\n",
      "_ESCAPE_ENDS = frozenset(b'nrt')\n",
      ('tests/detect/packed_value_start_test.py',),
      "value_start's one set test forgets an escape's last byte (Gson's \\u003d): a container in base64 after it is not opened"),
    M('hex-marks', 'together_hooks/detect/engine.py',
      "             *B64_MAGIC, GIT_BINARY, *UU_BEGIN, *DEC_PREFIX, *HEX_MARKS, *BYTES_MARKS),\n",
      "             *B64_MAGIC, GIT_BINARY, *UU_BEGIN, *DEC_PREFIX, *BYTES_MARKS),\n",
      ('tests/detect/hex_bytes_nameless_test.py',),
      "a key's bytes as hex in a file with no Together name ({0x74, 0x67, 0x70, ...}, xxd -i, .reg hex:) never pass the screen"),
    M('zlib-b64-magic', 'together_hooks/detect/prefilter.py',
      "    b'eJw', b'eJx', b'eJy', b'eJz',\n",
      "    b'eJw', b'eJx', b'eJy',\n",
      ('tests/detect/packed_test.py',),
      'zlib in base64 whose third character is z (a quarter of streams: eJz...) is never opened'),
    M('zlib-b64-levels', 'together_hooks/detect/prefilter.py',
      "    b'eAE', b'eAF', b'eAG', b'eAH', b'eNo', b'eNp', b'eNq', b'eNr',\n",
      "    b'eAE', b'eAF', b'eAG', b'eAH', b'eNo', b'eNp', b'eNq',\n",
      ('tests/detect/packed_test.py',),
      'zlib at level 9 in base64 whose third character is r (eNr...) is never opened'),
    M('zlib-b64-counted', 'together_hooks/detect/engine.py',
      "        if kind is None and raw[:2] not in ZLIB_HEADERS:\n            continue\n",
      "        if kind is None:\n            continue\n",
      ('tests/detect/packed_test.py',),
      'base64 values that start as zlib but do not inflate are not counted (a file of them: 20 us a line)'),
    M('git-pack-delta', 'together_hooks/detect/containers.py',
      "_PACK_TYPES = frozenset((1, 2, 3, 4, 6, 7))",
      "_PACK_TYPES = frozenset((1, 2, 3, 4))",
      ('tests/detect/git_pack_test.py',),
      'a git pack holding a delta is refused as damaged (exit 2 on every pack git repacked)'),
    M('git-pack-members', 'together_hooks/detect/containers.py',
      "    if count > MEMBERS:\n",
      "    if False:\n",
      ('tests/detect/git_pack_test.py',),
      'a git pack naming any number of objects is read (each a member scanned on its own)'),
    M('git-pack-trailer', 'together_hooks/detect/containers.py',
      "    if len(pending) not in _TRAILER:\n",
      "    if False:\n",
      ('tests/detect/git_pack_test.py',),
      'a git pack holding objects past the count its header names passes clean (never read)'),
    M('git-pack-delta-inserts', 'together_hooks/detect/containers.py',
      "        if kind_of in (6, 7):\n",
      "        if False:\n",
      ('tests/detect/git_pack_test.py',),
      "a delta scanned as its raw instructions: a key across git's 127-byte inserts passes"),
    M('escape-separator', 'together_hooks/detect/engine.py',
      r"_ESCAPE_BEFORE = rb'(?:\\[nrtfvb0]|",
      r"_ESCAPE_BEFORE = rb'(?:\\[rtfvb0]|",
      ('tests/rules_test.py', 'tests/detect/detect_test.py'),
      'a key right after a literal \\n (JSON, notebooks) is reported as escaped, or missed'),
    M('placeholder-words', 'together_hooks/detect/shapes.py',
      '    return any(word in lowered for word in KEY_PLACEHOLDER_WORDS)',
      '    return False',
      ('tests/rules_test.py', 'tests/detect/detect_test.py', 'tests/property_test.py'),
      'readable placeholders (your_together_api_key...) are reported as keys'),
    M('entropy-floor', 'together_hooks/detect/shapes.py',
      '    if entropy(body) < rule.entropy_floor:',
      '    if entropy(body) < rule.entropy_floor - 1:',
      ('tests/rules_test.py', 'tests/detect/detect_test.py', 'tests/property_test.py'),
      'low-entropy placeholders pass the entropy floor'),
    M('readings-screen-raw', 'together_hooks/detect/engine.py',
      '            valued = _valued(view.data, read_for(view.data))',
      '            valued = _valued(data[lo:lo + len(view.data)], read_for(view.data))',
      ('tests/detect/valued_readings_test.py::test_a_key_only_a_joined_reading_holds_is_found',),
      "the readings' second screen asks the raw bytes, not the reading: a key joined from literals is lost"),
    M('joined-screen-raw', 'together_hooks/detect/codec.py',
      '                _UNESCAPE.sub(_unescape_one, joined) if _piece_escapes(data) else joined,',
      '                data,',
      ('tests/detect/valued_readings_test.py::test_a_key_only_a_joined_reading_holds_is_found',),
      'the joined reading is judged by the bytes before joining: a key joined from literals is lost'),
    M('csv-key-shorter', 'together_hooks/rules.py',
      "        Pattern(rb'(?<![^,;\\n])\"?' + _HEX_KEY + rb'\"?",
      "        Pattern(rb'(?<![^,;\\n])\"?(?P<secret>[0-9a-f]{32,64})(?![0-9A-Za-z_-])' + rb'\"?",
      ('tests/rules_test.py::test_every_patterns_key_holds_the_rules_value_run',),
      "a pattern matches keys shorter than the value run (a CSV column's): the readings' second screen "
      'passes them over'),
    M('legacy-context', 'together_hooks/detect/engine.py',
      '            held = _context_holds(where, at, context, walkers)',
      '            held = True',
      ('tests/rules_test.py',),
      'a 64-hex value under an [openai] heading is a Together key'),
    M('value-field-list-item', 'together_hooks/rules.py',
      r"""    rb'(?:[^\r\n(){}<>;]{0,200}\r?\n(?![ \t]{0,32}-[ \t]{1,8}["\']?(?i:key|name|id)["\']?[ \t]{0,8}:)){0,6}'""",
      r"""    rb'(?:[^\r\n(){}<>;]{0,200}\r?\n){0,6}'""",
      ('tests/rules_test.py', 'tests/accuracy/probe13_heldout_test.py'),
      "the next list item's value: (render.yaml's - key: BUILD_SHA) is a Together key's"),
    M('jira-table-header', 'together_hooks/detect/csvrow.py',
      "            text = text.replace('||', '|')",
      "            text = text",
      ('tests/rules_test.py', 'tests/accuracy/probe13_heldout_test.py'),
      "a Jira or Confluence table (a header with double bars between cells) is not read as a table"),
    M('list-item-purpose', 'together_hooks/detect/context.py',
      '                    and purpose.search(data, label_start, label_end)):',
      '                    and False):',
      ('tests/rules_test.py', 'tests/accuracy/probe13_heldout_test.py'),
      "a workflow step's key: under a job named together: is a Together key (its - uses: actions/cache@v4 line is not read)"),
    M('display-name-label', 'together_hooks/rules.py',
      r"""(?P<label>(?i:label|title|display[_-]?name))""",
      r"""(?P<label>(?i:label|title))""",
      ('tests/rules_test.py', 'tests/accuracy/probe14_heldout_test.py'),
      'a value beside "display_name": "Together AI API Key" (a flow export\'s field) is missed'),
    M('prose-qualifier-words', 'together_hooks/rules.py',
      r"""[\w-]{1,20}){1,4}(?=[ \t]{0,8}(?:[:=]|""",
      r"""[\w-]{1,20}){1,1}(?=[ \t]{0,8}(?:[:=]|""",
      ('tests/rules_test.py', 'tests/accuracy/probe14_heldout_test.py'),
      'prose naming the key for a qualifier of several words (the Together API key for the eval cluster:) is missed'),
    M('comma-clause-neutral', 'together_hooks/rules.py',
      r"""(?i:as[ \t]{1,4}(?:requested|asked|promised))""",
      r"""(?i:as[ \t]{1,4}(?:requested|asked|promised)(?!))""",
      ('tests/rules_test.py', 'tests/accuracy/probe15_heldout_test.py'),
      'prose naming the key, then a neutral clause (Together API key, as requested:), the key on the next line, is missed'),
    M('retiring-subject', 'together_hooks/rules.py',
      r"""(?i:(?:rotat|revok|remov|delet|expir|disabl|mov)(?:e[ds]?|ing)|drop(?:s|ped|ping)?)""",
      r"""(?i:(?:rotat|revok|remov|delet|expir|disabl|mov)(?:e[ds]?|ing)|drop(?:s|ped|ping)?)(?!)""",
      ('tests/rules_test.py', 'tests/accuracy/probe15_heldout_test.py'),
      'a commit subject retiring the key (Rotate Together key) over its hash on the next line is a Together key'),
    M('retiring-subject-same-line', 'together_hooks/detect/engine.py',
      "                or _value_below(data, m)):",
      "                or True):",
      ('tests/rules_test.py', 'tests/hooks/commit_msg_test.py'),
      'a line retiring the key (Rotated the together key: <key>) vetoes the new key pasted on it after a colon'),
    M('below-alone', 'together_hooks/rules.py',
      r"""_BELOW_ALONE = rb'(?(brk)(?![ \t]{1,8}\*?[\w./]))'""",
      r"""_BELOW_ALONE = rb''""",
      ('tests/rules_test.py',),
      "a listing's first field below a line naming the key (sha256sum's <hex>  file, git log's <hex> subject) is a Together key"),
    M('provider-colon', 'together_hooks/rules.py',
      r"""(?:key|token))(?![\w-])(?=[ \t]{0,4}:)'""",
      r"""(?:key|token))(?![\w-])'""",
      ('tests/rules_test.py',),
      'prose: the English word before the key with no colon (Use Together with the API key over a hash) is a Together key'),
    M('lisp-dotted-pair', 'together_hooks/rules.py',
      r"""|(?<=[ \t])\.(?=[ \t]{1,4}["\'])|""",
      r"""|""",
      ('tests/rules_test.py', 'tests/accuracy/probe15_heldout_test.py'),
      "a Lisp alist's dotted pair (together-api-key . \"<key>\") is missed"),
    M('qualifier-over-fence', 'together_hooks/rules.py',
      r"""(?:[:=]|\r?\n[ \t]{0,32}(?:```|~~~))))?""",
      r"""(?:[:=]))))?""",
      ('tests/rules_test.py', 'tests/accuracy/probe15_heldout_test.py'),
      'a chat line naming the key for a qualifier with no colon (together api key for the bot) over a fenced block holding it is missed'),
    M('fence-break', 'together_hooks/rules.py',
      r"""|(?:```|~~~)(?!(?i:sha|md5|checksum|digest|hash))[\w+-]{0,20})?\r?\n""",
      r""")?\r?\n""",
      ('tests/rules_test.py',),
      'a line naming the key over a Markdown fenced block holding it (together api key: then a fence line then the key) is missed'),
    M('stage-map-before', 'together_hooks/rules.py',
      "                context=TOGETHER_NAMED, before=_STAGE_MAP_BEFORE, before_words=(b'together',)),",
      "                context=TOGETHER_NAMED, before=None, before_words=(b'together',)),",
      ('tests/rules_test.py',),
      'any prod: or old: entry holding 64 hex is a Together key (the map above it, together_api_keys:, is not asked for)'),
    M('org-title-level', 'together_hooks/detect/context.py',
      "        self.title = 0 if prose == ORG else 1",
      "        self.title = 1",
      ('tests/detect/heading_scope_test.py',),
      "an Org document's top headline (* Together AI) is its title: its sub-headlines' keys are nobody's"),
    M('comma-clause-secrecy', 'together_hooks/rules.py',
      r"""(?=[^\r\n]{0,60}?(?<![a-z])(?i:don(?:\'|\xe2\x80\x99)?t|do[ \t]not|never|keep|please|careful|private|secret|confidential|share|leak|paste|post)(?![a-z])|(?i:as[ \t]{1,4}(?:requested|asked|promised))[ \t]{0,4}[:.!][ \t]{0,8}\r?\n)[^\r\n:=,]{1,60}""",
      r"""[^\r\n:=,]{1,60}""",
      ('tests/rules_test.py',),
      "a commit subject naming the key, a comma clause, over its SHA-256 hash (git log --format=%s%n%H) is a Together key"),
    M('ctor-secret-type', 'together_hooks/rules.py',
      r"""new[ \t]{1,8}(?=[\w.]{0,80}(?i:secret|param|credential|key|token|config|env|variable|setting|vault|provider))[\w.]{1,80}""",
      r"""new[ \t]{1,8}[\w.]{1,80}""",
      ('tests/rules_test.py',),
      'an S3 object constructed as "together" has its key: (a content hash) reported as a Together key'),
    M('structure-strings', 'together_hooks/detect/context.py',
      '                pos = s.end()',
      '                pos = pos',
      ('tests/accuracy/structure_reach_test.py', 'tests/rules_test.py'),
      'a bracket inside a string ends a Together structure early ("stop": ["}"])'),
    M('lockfile-skip', 'together_hooks/rules.py',
      "    # No file is skipped by its name: a lockfile's digests for a package",
      "    skip_files=('*.lock',),",
      ('tests/detect/lockfiles_test.py', 'tests/detect/detect_test.py'),
      'a legacy key named as a Together key in x.lock is skipped by the file name'),
    # --- prefilter keywords --------------------------------------------------
    M('keyword-b64', 'together_hooks/rules.py',
      "    keywords=(b'tgp_v1_', b'dGdwX3Yx', b'ZEdkd1gzWX'),\n",
      "    keywords=(b'tgp_v1_', b'ZEdkd1gzWX'),\n",
      ('tests/rules_test.py',),
      'a base64-encoded key (Kubernetes Secret) never reaches the regexes'),
    M('keyword-upper', 'together_hooks/rules.py',
      "    keywords=(b'ogether', b'OGETHER'),",
      "    keywords=(b'ogether',),",
      ('tests/rules_test.py',),
      'TOGETHER_API_KEY=<hex> in upper case never reaches the legacy regexes'),
    M('screen-plain-dense', 'together_hooks/detect/prefilter.py',
      "if any(needle in data for needle, _back in needles):",
      "if any(needle in data[:at] for needle, _back in needles):",
      ('tests/detect/screen_plain_test.py',),
      'the plain screen passes a keyword after its lead turned dense (a hook file full of one letter)'),
    M('screen-plain-no-dense', 'together_hooks/detect/prefilter.py',
      "                if not tried & 15 and tried * SPARSE > at:",
      "                if False:",
      ('tests/detect/screen_plain_work_test.py',),
      'the plain screen tries every occurrence of a dense lead (1 MiB of one capital letter: 5 s of CPU)'),
    M('label-look-every-keyword', 'together_hooks/detect/context.py',
      "            if self.looked >= self._nl[1] - self._pos:",
      "            if False:",
      ('tests/detect/label_look_work_test.py',),
      'every Together keyword pays its own 512-byte label search (a file of Together( repeated: 8 CPU-s a MB)'),
    M('label-scan-answers', 'together_hooks/detect/context.py',
      "            if i < 0 or at >= self.heads[i]:\n                return 0\n",
      "            return self.ends[i] if i >= 0 and at < self.heads[i] else 0\n",
      ('tests/detect/label_look_work_test.py',),
      'a keyword the forward scan passed takes the scan\'s label over the look\'s (a label longer than the look reaches)'),
    M('structure-headless-asks', 'together_hooks/detect/context.py',
      "            if not inside and depth > 1 and not _headless(data, at) and (",
      "            if not inside and depth > 1 and (",
      ('tests/detect/structure_work_test.py',),
      'every bracket inside a Together structure searches the 64 bytes before it for a hole (1 MB of { under together: 3.5 CPU-s)'),
    M('label-heads-searched-each', 'together_hooks/detect/context.py',
      "            vetoed = self._vetoed.get(head)\n",
      "            vetoed = None\n",
      ('tests/detect/structure_work_test.py',),
      'every structure label searches its head for a purpose and a veto again, however often the same head repeats (1 MB of "together": {}: 3 CPU-s, not 1)'),
    M('bearer-any-case', 'together_hooks/rules.py',
      "Pattern(rb'(?i:bearer)(?:(?:[_-]",
      "Pattern(rb'(?:bearer)(?:(?:[_-]",
      ('tests/rules_test.py',),
      'a `Bearer` header (capital B) is never matched'),
    # --- inline pragmas ------------------------------------------------------
    M('pragma-line', 'together_hooks/detect/pragmas.py',
      "rb' *pragma: ?(?:allow|white)list[ -]secret.*?'",
      "rb' *pragma: ?(?:allow|white)list[ -]secrets.*?'",
      ('tests/rules_test.py', 'tests/detect/detect_test.py'),
      '"pragma: allowlist secret" on the line is ignored'),
    M('pragma-nextline', 'together_hooks/detect/pragmas.py',
      '            return found is not None and _seen(data, prev_start, line, found)',
      '            return False',
      ('tests/rules_test.py', 'tests/detect/detect_test.py'),
      '"pragma: allowlist nextline secret" is ignored'),
    M('pragma-nextline-anchor', 'together_hooks/detect/pragmas.py',
      "    rb'^[ \\t]*(?:' + rb'|'.join(",
      "    rb'(?:' + rb'|'.join(",
      ('tests/rules_test.py', 'tests/detect/detect_test.py'),
      'code before a nextline pragma (x = 1  # pragma: ...) hides the next line'),
    M('pragma-gitleaks', 'together_hooks/detect/pragmas.py',
      "    ) + rb')|gitleaks:allow'",
      "    ) + rb')|gitleaks:allowed'",
      ('tests/rules_test.py', 'tests/detect/detect_test.py'),
      'gitleaks:allow is ignored'),
    # --- hashing and redaction ----------------------------------------------
    M('hashing', 'together_hooks/findings.py',
      "    return sha1(secret.encode('utf-8')).hexdigest()",
      "    return sha1(secret.strip('_').encode('utf-8')).hexdigest()",
      ('tests/baseline/baseline_test.py', 'tests/detect/detect_test.py'),
      "hashed_secret differs from detect-secrets' SHA-1 of the raw key (for keys ending in _)"),
    M('redact-width', 'together_hooks/findings.py',
      "    head = 9 if secret.startswith('tgp_v1_') else 4",
      "    head = 24 if secret.startswith('tgp_v1_') else 4",
      ('tests/cli/scan_test.py', 'tests/hooks/hook_test.py'),
      'the redaction shows 17 characters of the key'),
    M('redact-text', 'together_hooks/report.py',
      "        f'{shown_path(f.path)}:{f.line}: {f.rule}: {f.redacted} '",
      "        f'{shown_path(f.path)}:{f.line}: {f.rule}: {f.secret[:-1]} '",
      ('tests/hooks/hook_test.py', 'tests/cli/scan_test.py'),
      'the text format prints the key minus its last character'),
    M('redact-json', 'together_hooks/findings.py',
      "            'redacted': self.redacted,",
      "            'redacted': self.secret[3:],",
      ('tests/cli/scan_test.py',),
      'the JSON format prints most of the key'),
    M('redact-sarif', 'together_hooks/report.py',
      "            'redacted': f.redacted,\n            'encoding': f.encoding,",
      "            'redacted': f.secret[2:-2],\n            'encoding': f.encoding,",
      ('tests/sarif_test.py', 'tests/cli/scan_test.py'),
      'SARIF properties hold most of the key'),
    M('redact-message', 'together_hooks/detect/scrub.py',
      "            text = _pattern(_TGP_RUN).sub(lambda m: redact(m.group()), text)",
      "            text = _pattern(_TGP_RUN).sub(lambda m: m.group()[:-1], text)",
      ('tests/hardening_test.py::test_usage_errors', 'tests/property_test.py'),
      'a key pasted into an argument is echoed in the error line'),
    # --- SARIF and GitHub escaping -------------------------------------------
    M('sarif-space', 'together_hooks/report.py',
      "    return quote(os.fsencode(path), safe='/'), True",
      "    return quote(os.fsencode(path), safe='/ #?'), True",
      ('tests/sarif_test.py',),
      "SARIF URI leaves ' ', '#' and '?' unescaped"),
    M('github-property-comma', 'together_hooks/report.py',
      "    return _escape_data(text).replace(':', '%3A').replace(',', '%2C')",
      "    return _escape_data(text).replace(':', '%3A')",
      ('tests/cli/scan_test.py', 'tests/sarif_test.py', 'tests/gate_test.py'),
      "a ',' in a path ends the file= property of a GitHub annotation"),
    # --- baseline --------------------------------------------------------------
    M('baseline-by-file', 'together_hooks/baseline/format.py',
      '        return self._index.get((normalise(filename), hashed_secret), [])',
      '        return [e for (_f, h), es in self._index.items() if h == hashed_secret for e in es]',
      ('tests/baseline/baseline_test.py',),
      'a key baselined in one file is excused in every file'),
    M('baseline-is-secret', 'together_hooks/baseline/format.py',
      "        if any(e.get('is_secret') is True for e in entries):",
      '        if False:',
      ('tests/baseline/baseline_test.py',),
      'a key audited as real ("is_secret": true) is excused by the baseline'),
    M('baseline-error-line', 'together_hooks/baseline/format.py',
      "        f'{path}: not a detect-secrets baseline ({what}); the file was left '",
      "        f'{path}: not a detect-secrets baseline\\n({what}); the file was left '",
      ('tests/property_test.py::test_any_baseline_text_loads_or_is_one_input_error',),
      'a broken baseline\'s message spans two lines (the audit log and API callers see it raw)'),
    # --- sources -----------------------------------------------------------------
    M('staged-index', 'together_hooks/sources/index.py',
      '        yield from blob_contents(root, by_sha)  # a large one in windows',
      '        yield from (Content(p, fs_path=os.path.join(root, p)) for ps in by_sha.values() for p in ps)',
      ('tests/sources/sources_test.py', 'tests/hardening_test.py::test_repository_states'),
      '--staged reads the work tree, not the index'),
    M('staged-old-side', 'together_hooks/sources/index.py',
      "    return mode.decode(), new_id.decode()",
      "    return mode.decode(), old_id.decode()",
      ('tests/sources/sources_test.py', 'tests/sources/staged_index_test.py'),
      '--staged reads the committed side of each change, not what is staged'),
    M('index-required-extension', 'together_hooks/sources/index.py',
      "        if not b'A' <= sig[:1] <= b'Z' or at + 8 + size > end:",
      "        if at + 8 + size > end:",
      ('tests/sources/index_file_test.py',),
      'the index reader skips an extension it must understand (a split index\'s link, a sparse index\'s sdir)'),
    M('no-follow', 'together_hooks/fileio.py',
      "    os.O_RDONLY | getattr(os, 'O_NOFOLLOW', 0) | getattr(os, 'O_NONBLOCK', 0)",
      "    os.O_RDONLY | getattr(os, 'O_NONBLOCK', 0)",
      ('tests/hardening_test.py::test_paths', 'tests/sources/sources_test.py'),
      'a symlink to a file outside the repository is followed and read'),
    # --- refusals ------------------------------------------------------------------
    M('refuse-partial-clone', 'together_hooks/sources/history.py',
      "        if name.endswith('.promisor') and value.lower() not in ('true', 'yes', 'on', '1'):",
      '        if True:',
      ('tests/hardening_test.py::test_partial_clone_history_is_refused',),
      '--history in a partial clone passes on the blobs it cannot read'),
    M('refuse-api-base', 'together_hooks/verify.py',
      '    loopback = _loopback_ip(host)\n    if loopback is None:\n        raise refused',
      '    loopback = _loopback_ip(host) or host',
      ('tests/verify_test.py',),
      'TOGETHER_HOOKS_API_BASE may send keys to any host'),
    M('refuse-only-live', 'together_hooks/pipeline.py',
      "        raise InputError('--only-live needs --verify (nothing is sent without it)')",
      '        return None',
      ('tests/hardening_test.py::test_usage_errors', 'tests/verify_test.py'),
      '--only-live without --verify is accepted'),
    M('refuse-blank-baseline', 'together_hooks/pipeline.py',
      '    if flag is not None and not flag.strip():',
      '    if False:',
      ('tests/unnamed_outputs_test.py::test_an_empty_baseline_is_one_line_and_exit_2',),
      "--baseline '' quietly means the default baseline"),
    M('commit-msg-idents', 'together_hooks/hooks/detect_together_keys.py',
      '\n            *_commit_idents()]',
      ']',
      ('tests/hooks/commit_msg_test.py::test_a_key_in_the_author_or_committer_is_refused_before_it_is_a_commit',
       'tests/hooks/commit_msg_test.py::test_the_commit_msg_stage_reads_the_author_and_committer_itself'),
      'the commit-msg stage passes a key typed as the author or committer'),
    M('pre-commit-idents', 'together_hooks/hooks/detect_together_keys.py',
      '        return [*_as_committed(filenames), *_commit_idents()], None',
      '        return _as_committed(filenames), None',
      ('tests/gate_probe2_test.py::test_the_pre_commit_stage_alone_refuses_a_key_in_the_author_or_committer',),
      'the pre-commit stage alone passes a key typed as the author or committer'),
    M('first-stage-made-up-ident', 'together_hooks/hooks/first_stage.py',
      '    if len(set_by) < 4:',
      '    if len(set_by) < 0:',
      ('tests/gate_probe3_test.py::test_the_first_stage_hands_off_where_git_makes_up_the_email',),
      'the first stage passes a commit whose email git makes up from the host name'),
    M('pre-merge-commit-stage', '.pre-commit-hooks.yaml',
      '    stages: [pre-commit, pre-merge-commit, commit-msg, pre-push, manual]',
      '    stages: [pre-commit, commit-msg, pre-push, manual]',
      ('tests/gate_probe3_test.py::test_a_merge_commit_is_checked_where_its_hook_is_installed',),
      'git merge commits a --no-verify branch\'s key unchecked (the stage is not in the manifest)'),
    M('sent-names-follow-tags', 'together_hooks/sources/commits.py',
      "_SEND_MANY = ('--all', '--branches', '--mirror', '--tags', '--follow-tags', '--repo')",
      "_SEND_MANY = ('--all', '--branches', '--mirror', '--follow-tags', '--repo')",
      ('tests/gate_probe3_test.py::test_a_local_ref_named_with_a_key_refuses_only_the_push_that_sends_it',),
      'git push --tags sends a tag named with a key past the pre-push hook'),
    M('own-key-described', 'together_hooks/env/values.py',
      "DESCRIBING = ('PRE_COMMIT_', 'GIT_AUTHOR_', 'GIT_COMMITTER_')",
      "DESCRIBING = ('GIT_AUTHOR_', 'GIT_COMMITTER_')",
      ('tests/gate_probe3_test.py::test_a_local_ref_named_with_a_key_refuses_only_the_push_that_sends_it',),
      'a pushed branch named with a key is called a key the developer holds in PRE_COMMIT_LOCAL_BRANCH'),
    M('bare-push-no-remote-refspecs', 'together_hooks/sources/commits.py',
      "    out = git(root, 'config', '--get-regexp', r'^remote\\..*\\.push$', ok=(0, 1))",
      "    out = b''",
      ('tests/gate_probe3_test.py::test_the_plain_hook_reads_the_names_a_push_sends_as_git_picks_them',),
      'a bare git push sends remote.origin.push\'s key-named destination past the plain hook'),
    M('push-valued-option-next-word', 'together_hooks/sources/commits.py',
      "_VALUED = ('--push-option', '--repo', '--receive-pack', '--exec', '--recurse-submodules')",
      "_VALUED = ('--push-option', '--repo', '--receive-pack', '--exec')",
      ('tests/gate_probe3_test.py::test_the_plain_hook_reads_the_names_a_push_sends_as_git_picks_them',),
      'git push --recurse-submodules check origin: check taken for the repository, the key-named branch sent'),
    M('merge-conflict-files-only', 'together_hooks/sources/index.py',
      '            if could_be_offered(full) and (merging is None or name in merging):',
      '            if could_be_offered(full):',
      ('tests/gate_probe3_test.py::test_a_merge_concluded_after_a_conflict_is_checked_whole',),
      'a conflicted merge concluded by git commit brings a --no-verify branch\'s key unchecked'),
    M('first-stage-nosystem-ident', 'together_hooks/hooks/first_stage.py',
      '        unsure.add(files[-1])',
      '        pass',
      ('tests/gate_probe3_test.py::test_the_first_stage_counts_no_email_from_a_file_git_skips',),
      'the first stage takes an email in the system file git skips (GIT_CONFIG_NOSYSTEM) as set'),
    M('mirror-abbreviated', 'together_hooks/sources/commits.py',
      "            len(a) >= 4 and '--mirror'.startswith(a) for a in _option_words(argv)):",
      "            len(a) >= 4 and '--mirror' == a for a in _option_words(argv)):",
      ('tests/gate_probe3_test.py::test_an_abbreviated_mirror_push_scans_what_it_mirrors',),
      'git push --mir sends a remote-tracking ref\'s key past the pre-commit pre-push hook'),
    M('pragma-outside-files', 'together_hooks/detect/engine.py',
      '    honoured = path not in NOT_FILES',
      '    honoured = True',
      ('tests/gate_probe2_test.py::test_a_pragma_outside_a_file_excuses_no_key',),
      'a pragma in a path name, an author or a message excuses the key there'),
    M('refuse-staged-path', 'together_hooks/cli/scan.py',
      "        if args.paths:\n            raise InputError(\n                '--staged takes no PATH",
      "        if False:\n            raise InputError(\n                '--staged takes no PATH",
      ('tests/hardening_test.py::test_usage_errors', 'tests/cli/scan_test.py'),
      'scan --staged PATH silently ignores PATH'),
    # --- verification verdicts ----------------------------------------------------
    M('verify-403', 'together_hooks/verify.py',
      '    if status in (401, 403):',
      '    if status in (401,):',
      ('tests/verify_test.py',),
      'HTTP 403 is not a dead key'),
    M('verify-429', 'together_hooks/verify.py',
      "        return Verdict(UNKNOWN, 'HTTP 429, rate limited')",
      "        return Verdict(INVALID, 'HTTP 429, rate limited')",
      ('tests/verify_test.py',),
      'a rate-limited check calls the key dead'),
    M('verify-model-list', 'together_hooks/verify.py',
      "    return Verdict(UNKNOWN, 'HTTP 200 but not a model list')",
      "    return Verdict(LIVE, 'HTTP 200 but not a model list')",
      ('tests/verify_test.py',),
      'any HTTP 200 (a captive portal) calls the key live'),
    # --- exit codes ------------------------------------------------------------------
    M('exit-findings', 'together_hooks/errors.py',
      'EXIT_FINDINGS = 1',
      'EXIT_FINDINGS = 3',
      ('tests/hooks/hook_test.py', 'tests/cli/scan_test.py'),
      'findings exit 3, not 1'),
    M('exit-error', 'together_hooks/errors.py',
      'EXIT_ERROR = 2',
      'EXIT_ERROR = 1',
      ('tests/hooks/hook_test.py', 'tests/hardening_test.py::test_usage_errors'),
      'errors exit 1 (a finding), not 2'),
    M('exit-forbid', 'together_hooks/hooks/forbid_env_files.py',
      '            args, 1 if messages else 0, paths=args.filenames,',
      '            args, 0, paths=args.filenames,',
      ('tests/hooks/env_hooks_test.py',),
      'forbid-env-files prints the refusal but exits 0'),
    M('exit-fixer', 'together_hooks/hooks/check_env_gitignored.py',
      '    return 1 if problems or added else 0',
      '    return 1 if problems else 0',
      ('tests/hooks/env_hooks_test.py',),
      'check-env-gitignored --fix changed .gitignore and exits 0 (the change is not staged)'),
    M('exit-no-command', 'together_hooks/cli/__init__.py',
      "        parser.error(f'a command is required: {\", \".join(COMMANDS)}')",
      '        parser.print_help()\n        return 2',
      ('tests/cli/scan_test.py::test_no_subcommand_is_usage_error',),
      'together-hooks with no command prints help to stdout'),
    # --- env names ----------------------------------------------------------------------
    M('env-dotted', 'together_hooks/env/names.py',
      "    return low == '.env' or low.startswith('.env.')",
      "    return low == '.env'",
      ('tests/hooks/env_hooks_test.py', 'tests/env/envfiles_test.py'),
      '.env.local and .env.production may be committed'),
    M('env-template-dist', 'together_hooks/env/names.py',
      "TEMPLATE_SUFFIXES = ('example', 'sample', 'template', 'dist')",
      "TEMPLATE_SUFFIXES = ('example', 'sample', 'template')",
      ('tests/hooks/env_hooks_test.py', 'tests/env/envfiles_test.py'),
      '.env.dist (a template) is refused'),
    M('env-envrc-private', 'together_hooks/env/names.py',
      "        is_envrc_name(name) and name != '.envrc'",
      '        False',
      ('tests/hooks/env_hooks_test.py', 'tests/env/envfiles_test.py'),
      "direnv's private .envrc.local may be committed"),
    M('env-folder', 'together_hooks/env/names.py',
      "        if read_as(part) == '.env':",
      "        if read_as(part) == '.ENV':",
      ('tests/hooks/env_hooks_test.py', 'tests/env/envfiles_test.py'),
      'files inside a .env/ folder (a virtualenv) may be committed'),
    M('env-odd-rule', 'together_hooks/env/names.py',
      "    if name == rule or (rule.endswith('*') and name.startswith(rule[:-1])):",
      '    if True:',
      ('tests/hooks/env_hooks_test.py::test_the_rule_for_an_oddly_named_env_file_ignores_it',
       'tests/hooks/env_hooks_test.py::test_env_file_message_names_the_rule_fix_adds'),
      "the .gitignore rule named for '.env ' (a trailing blank) is .env, which does not ignore it"),
    M('env-venv-folder', 'together_hooks/env/held.py',
      "                if (is_dotenv_name(e.name) or is_envrc_name(e.name)) and not _folder(e)",
      "                if (is_dotenv_name(e.name) or is_envrc_name(e.name))",
      ('tests/hooks/first_stage_test.py::test_a_folder_named_like_an_env_file_is_no_key_held',),
      'a virtualenv in .env/ sends every commit to the full hook'),
    M('env-own-key-name', 'together_hooks/env/values.py',
      "    r'.*together.*(?:key|token)'",
      "    r'.*together.*key'",
      ('tests/env/envfiles_test.py',),
      'the own key in TOGETHER_TOKEN is not searched for'),
    M('scrub-own-keys-late', 'together_hooks/runtime.py',
      '    install(held_keys)  # everything printed from here on is scrubbed (and escaped)',
      '    install()  # everything printed from here on is scrubbed (and escaped)',
      ('tests/leak_probe_test.py::test_a_key_held_only_in_a_local_env_file_is_never_echoed',),
      "a key held only in a local .env is printed by an error that comes before the run reads it"),
    M('scrub-own-keys-twice', 'together_hooks/detect/scrub.py',
      '        if here:\n            self._held = None\n',
      '',
      ('tests/leak_probe_test.py::test_the_own_keys_are_read_once_and_only_when_something_is_shown',),
      'a run that read its own keys has the scrub read them again (a second walk of the work tree)'),
    M('scrub-own-keys-other-repo', 'together_hooks/env/ownkeys.py',
      '    hold(own.keys, here)\n',
      '    hold(own.keys)\n',
      ('tests/leak_probe_test.py::test_a_run_on_another_repository_still_hides_the_env_file_beside_you',),
      "another repository's keys stand for the cwd's: `doctor ../other` prints a key of the .env beside you"),
    M('scrub-cap-not-withheld', 'together_hooks/detect/scrub.py',
      '        if self._over:\n            text = self._withheld(text)\n',
      '',
      ('tests/leak_probe_test.py::test_past_the_cap_the_scrub_learns_no_more_and_withholds_what_it_cannot_check',),
      'past the cap of keys learnt, a key the scrub did not learn is printed (not withheld)'),
    M('scrub-cap-withholds-hashes', 'together_hooks/detect/scrub.py',
      'm.group() if m.group() in ours or m.group() in names else _over_words',
      'm.group() if m.group() in names else _over_words',
      ('tests/leak_probe_test.py::test_past_the_cap_a_report_and_a_baseline_keep_their_hashes_and_rules',),
      "past the cap, a report's and a baseline's hashed_secret values are withheld (the baseline is corrupt)"),
    M('scrub-cap-spelt-shown', 'together_hooks/detect/scrub.py',
      '        out = _pattern(_OVER_SPELT).sub(_withhold_spelt, out)\n',
      '',
      ('tests/leak_probe_test.py::test_past_the_cap_the_scrub_learns_no_more_and_withholds_what_it_cannot_check',),
      'past the cap, a legacy key spelt one character at a time, as HTML references or in base85 prints whole'),
    M('scrub-own-keys-unlisted', 'together_hooks/env/ownkeys.py',
      '        keys.update(key for _rel, key in _env_file_keys(root, root_env_files(root)))\n',
      '        keys.update(key for _rel, key in _env_file_keys(root, ()))\n',
      ('tests/leak_probe_test.py::test_a_work_tree_git_cannot_list_still_hides_the_env_file_beside_you',),
      "git cannot list the env files (a damaged index): the scrub learns none, and an error prints the .env's key"),
    M('scrub-coded', 'together_hooks/detect/scrub.py',
      '    return _pattern(_CODE).sub(char, _pattern(_DEC_LIST).sub(listed, text))',
      '    return text',
      ('tests/leak_probe_test.py::test_a_key_written_by_its_codes_is_shown_redacted',),
      'a key written by its codes (a decimal byte list, %uXXXX, CSS escapes, U+XXXX) is printed'),
    M('scrub-hex-piece', 'together_hooks/detect/scrub.py',
      '        if self._grams:\n            text = _pattern(_HEX_PIECE_RUN)',
      '        if False:\n            text = _pattern(_HEX_PIECE_RUN)',
      ('tests/leak_probe_test.py::test_a_key_written_by_its_codes_is_shown_redacted',),
      'a piece of a key you hold, in hex, is printed'),
    M('audit-screen-own-keys', 'together_hooks/baseline/audit.py',
      '        install(held_keys)\n',
      '        install()\n',
      ('tests/leak_probe_test.py::test_baseline_audit_shows_no_key_you_hold_around_a_secret',),
      "baseline audit's screen shows a key held in the local .env on a line around a secret"),
    # --- writes ------------------------------------------------------------------------------
    M('atomic-write', 'together_hooks/fileio.py',
      '            if at:\n'
      '                os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)\n'
      '            else:\n'
      '                os.replace(tmp, name)',
      '            src = os.open(tmp, os.O_RDONLY, **at)\n'
      '            dst = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, **at)\n'
      '            os.write(dst, os.read(src, 1 << 30))\n'
      '            os.close(src)\n            os.close(dst)\n            os.unlink(tmp, **at)',
      ('tests/hardening_test.py::test_output_through_symlinks_and_devices',
       'tests/baseline/baseline_test.py'),
      'the report is copied over the target, not renamed into place'),
    M('temp-kept-on-signal', 'together_hooks/fileio.py',
      '    except BaseException:\n        try:\n            os.unlink(tmp, **at)',
      '    except BaseException:\n        try:\n            pass',
      ('tests/faults_test.py::test_signal_during_baseline_write_leaves_no_temp_file',),
      'a write stopped by SIGINT/SIGTERM leaves its temp file beside the baseline'),
    M('hook-imports', 'together_hooks/hooks/detect_together_keys.py',
      'import os\n\nfrom together_hooks import audit_log',
      'import argparse  # noqa: F401\nimport os\n\nfrom together_hooks import audit_log',
      ('tests/hookargs_test.py::test_a_hook_run_by_pre_commit_never_imports_argparse',),
      'the hook imports argparse on every commit (start-up time)'),
    # --- what a user reads ---------------------------------------------------------------
    M('rotate-steps', 'together_hooks/rules.py',
      "    return f'{verb} {what} at {ROTATE_URL} ({ROTATE_STEPS})'",
      "    return f'{verb} {what} at {ROTATE_URL}'",
      ('tests/messages_test.py::test_every_message_that_says_where_to_rotate_gives_the_steps',),
      'a message says where to rotate a key but not the steps (new key, update, verify, revoke)'),
    M('org-failures-each', 'together_hooks/cli/scan_org.py',
      '        if len(group) == 1:',
      '        if group:',
      ('tests/org/scan_org_test.py::test_repositories_failing_for_one_cause_are_one_line_on_stderr',),
      'scan-org says one line per repository not scanned, however many share a cause'),
    M('hint-own-install', 'together_hooks/env/hints.py',
      '    ours = os.path.realpath(os.path.dirname(sys.executable)) if in_pre_commit_env() else None',
      '    ours = os.path.realpath(os.path.dirname(sys.executable))',
      ('tests/env/hints_test.py',),
      'a repo: local hook tells the user to pipx-install a command they already have'),
    M('config-misspelt-table', 'together_hooks/config.py',
      '    _refuse_misspelt(tool)  # beside ours too: its settings would go unused',
      '    pass',
      ('tests/config_cli_test.py::test_a_misspelt_pyproject_table_is_an_error_not_ignored',),
      '[tool.together_hooks] in pyproject.toml is left unread in silence, its settings unused'),
    M('config-table-case', 'together_hooks/config.py',
      'not _may_name_us(data.lower())',
      'not _may_name_us(data)',
      ('tests/config_cli_test.py::test_a_misspelt_pyproject_table_is_an_error_not_ignored',),
      '[tool.Together-Hooks] (another case) is left unread in silence'),
    M('config-table-escaped', 'together_hooks/config.py',
      "    return b'\\\\u' in lowered or any(w in lowered for w in _TABLE_SPELLINGS)",
      "    return any(w in lowered for w in _TABLE_SPELLINGS)",
      ('tests/config_cli_test.py::test_a_table_name_written_with_toml_escapes_is_read',),
      '[tool."together\\u002dhooks"] (a TOML escape) in pyproject.toml is left unread in silence'),
    M('config-misspelt-beside', 'together_hooks/config.py',
      '            _refuse_misspelt_beside(data)',
      '            pass',
      ('tests/config_cli_test.py::test_a_misspelt_pyproject_table_beside_the_own_file_is_an_error',),
      '[tool.together_hooks] beside a .together-hooks.toml is left unread in silence, its settings unused'),
    M('config-misnamed-file', 'together_hooks/config.py',
      "                and head.lower().replace('-', '').replace('_', '') == 'togetherhooks' \\",
      "                and head == 'together-hooks' \\",
      ('tests/config_cli_test.py::test_a_misnamed_config_file_is_named_by_scan_and_doctor',),
      'a config file under a name nothing reads (.together_hooks.toml, .TogetherHooks.toml) is silent'),
    M('advice-amend-in-ci', 'together_hooks/pipeline.py',
      '    if not ci and head is not None and commits == [head.decode().strip()]:',
      '    if head is not None and commits == [head.decode().strip()]:',
      ('tests/cli/advice_followed_test.py::test_ci_is_told_to_rewrite_the_pushed_branch_not_to_amend',),
      "the CI gate tells the job to git commit --amend a commit that is pushed already"),
    M('named-fifo-passes', 'together_hooks/sources/files.py',
      '            named.problem = NotScanned(NAMED_NOT_REGULAR, fatal=True)',
      '            named.problem = NotScanned(NAMED_NOT_REGULAR, fatal=False)',
      ('tests/faults_test.py::test_non_regular_files_are_skipped_and_reported',),
      'a FIFO, socket or device named to scan or to a hook passes with exit 0 (nothing checked)'),
    M('advice-ci-in-hooks', 'together_hooks/pipeline.py',
      '    ci = pushed  # HEAD and the branches here are the job\'s',
      "    ci = pushed or bool(os.environ.get('CI'))",
      ('tests/cli/pre_receive_test.py::test_refusal_names_no_comment_but_the_commit_to_change',),
      'the server gate, refusing a push from a CI job, says the commits are pushed already: force-push'),
    M('named-pipe-link-passes', 'together_hooks/sources/files.py',
      '        if stat.S_ISLNK(st.st_mode) and not _names_a_pipe(path):',
      '        if stat.S_ISLNK(st.st_mode):',
      ('tests/faults_test.py::test_non_regular_files_are_skipped_and_reported',),
      'scan <(cmd) (a link to a pipe outside any work tree) scans the link text and passes a key in the pipe'),
    M('git-reason-last-line', 'together_hooks/gitrun.py',
      '        return fatal[0]',
      '        return err[-1]',
      ('tests/gitrun_test.py::test_a_streamed_git_failure_says_the_fatal_line_not_the_advice',),
      'a failed git is said by its last line of advice, not its fatal: line (the cause)'),
    M('ds-plugin-other-lines', 'together_hooks/detect_secrets_plugin.py',
      'if whole is not None and whole.holds(line, line_number, context):',
      'if whole is not None:',
      ('tests/detect_secrets_plugin_test.py',),
      "the detect-secrets plugin answers a line from the file on disk's scan when the lines handed over are not that file's"),
    M('push-ref-lines-unread', 'together_hooks/sources/commits.py',
      '    if argv is None and not names:\n        return\n',
      '    if argv is None:\n        return\n',
      ('tests/gate_probe4_test.py::test_the_plain_hook_scans_the_ref_names_git_hands_it',),
      "where /proc cannot show the git push, the plain pre-push hook scans none of git's <remote ref> names"),
    M('push-unknown-option-read', 'together_hooks/sources/commits.py',
      '            if len(name) < 3 or not any(o.startswith(n) for o in _PUSH_OPTIONS for n in (name, bare)):',
      '            if len(name) < 3:',
      ('tests/gate_probe4_test.py::test_an_option_this_hook_does_not_know_reads_the_push_widest',),
      "a git push option the hook does not know is read as a flag: its value taken for the repository hides remote.<name>.push"),
    M('magic-inside-value', 'together_hooks/detect/prefilter.py',
      "        kept = [at for at in found.offsets(needle) if value_start(data, at)]",
      "        kept = found.offsets(needle)",
      ('tests/detect/packed_value_start_test.py',),
      'an identifier holding a zlib level mark (eNo of TypeNode) sends every file and history blob to the engine (mypy --history 3x CPU)'),
    M('magic-value-at-file-start', 'together_hooks/detect/prefilter.py',
      "    if not at:\n        return True\n",
      "    if not at:\n        return False\n",
      ('tests/detect/packed_value_start_test.py',),
      'a container in base64 that starts a file (its magic at offset 0) is no longer opened'),
    M('value-start-escapes', 'together_hooks/detect/prefilter.py',
      "        return _after_escape(data, at)\n",
      "        return False\n",
      ('tests/detect/packed_value_start_test.py',),
      'a container in base64 right after an escaped line break or tab (JSON "...\\neNo...") or Gson\'s \\u003d is not opened (screen and engine)'),
    M('engine-value-start-own-rule', 'together_hooks/detect/engine.py',
      "            if not value_start(data, at):  # inside another value: past it",
      "            if at and data[at - 1] in _KEY_BYTES | frozenset(b'+/'):",
      ('tests/detect/packed_value_start_test.py',),
      "the engine keeps a byte set of its own for where a container's base64 value starts, not the screen's rule: a value after an escaped line break passes the screen and is not opened"),
    M('ooxml-part-screened-out', 'together_hooks/detect/engine.py',
      "    if not where and wrapped == -1 and not dumped and not tables and not ooxml and not wide:",
      "    if not where and wrapped == -1 and not dumped and not tables and not wide:",
      ('tests/detect/ooxml_text_test.py',),
      "a Word document whose runs cut every keyword (TOGE + THER, tg + p_v1_) is left at the screen: its key missed"),
    M('ooxml-part-blob-test', 'together_hooks/detect/prefilter.py',
      "                or data.startswith(SQLITE_MAGIC) or ooxml_part(data)",
      "                or data.startswith(SQLITE_MAGIC)",
      ('tests/detect/ooxml_text_test.py',),
      "history's blob test (and the hook's first stage) passes over an Office XML part whose runs cut every keyword"),
    M('ref-name-slash-unread', 'together_hooks/sources/commits.py',
      "        read = data.replace(b'/', b'=')\n",
      '        read = data\n',
      ('tests/gate_probe4_test.py::test_a_ref_names_slash_parts_a_key_from_its_name',),
      'a legacy key parted from its name by a ref name\'s / (refs/heads/together-api-key/<key>) passes every gate'),
    M('push-option-value-ends-options', 'together_hooks/sources/commits.py',
      '            value = _takes_value(arg)\n    return words\n',
      '            value = False\n    return words\n',
      ('tests/gate_probe4_test.py::test_a_push_options_value_is_never_the_end_of_options',),
      'git push -o -- --tags: the push option -- is read as the end of options, and the tags the push sends go unscanned'),
    M('message-encoding-iconv-unread', 'together_hooks/sources/message.py',
      '        read = _iconv_utf8(message, name)\n',
      '        read = None\n',
      ('tests/sources/commits_gate_test.py::test_a_message_git_decodes_with_iconv_holds_what_git_shows',
       'tests/sources/commits_gate_test.py::test_a_commit_message_in_an_encoding_only_iconv_knows'),
      'a commit message in an encoding only iconv knows (IBM930, UCS-2LE) is read as cp037 alone: git log shows the key, every gate passes it'),
    M('commit-msg-encoding-unread', 'together_hooks/hooks/detect_together_keys.py',
      '    return [Content(COMMIT_MESSAGE, data[:end] + _as_committed_encoding(data[:end])),\n',
      '    return [Content(COMMIT_MESSAGE, data[:end]),\n',
      ('tests/hooks/commit_msg_test.py::test_a_message_in_the_configured_commit_encoding_is_read_as_git_shows_it',),
      'the commit-msg stage reads an i18n.commitEncoding=IBM1047 message as raw bytes: git log shows its key, the commit is made'),
    M('history-candidate-dropped', 'together_hooks/sources/history.py',
      "    return found if body is None else frozenset((hash_secret(body.decode('ascii')),))\n",
      '    return found\n',
      ('tests/detect/named_secret_file_test.py::test_a_bare_legacy_key_in_a_named_file_in_every_history_route',),
      'a bare legacy key in secrets/together_api_key.txt passes --diff, --commits, --history, pre-receive and pre-push'),
    M('legacy-xml-element-names-none', 'together_hooks/rules.py',
      "        rb'|<(?i:id|name|title|slug|displayName|description)>[ \\t]{0,8}(?i:' + _HEADING_WORDS + rb')[ \\t]{0,8}</'\n",
      '',
      ('tests/accuracy/probe16_heldout_test.py::test_case[jenkins-apikey-element]',),
      "an <apiKey> or <secret> beside <id>together</id> (Jenkins' credentials.xml) passes: the element naming Together is no mention"),
    M('legacy-inner-class-hash-digest', 'together_hooks/rules.py',
      "    rb'|(?<![a-z$])(?:hash(?:es|ed)?|e-?tags?)(?![a-z]))'",
      "    rb'|(?<![a-z])(?:hash(?:es|ed)?|e-?tags?)(?![a-z]))'",
      ('tests/accuracy/probe16_heldout_test.py::test_case[jenkins-credentials-id]',),
      'Jenkins\' <domainCredentialsMap class="...CopyOnWriteMap$Hash"> reads as a digest heading over every credential under it'),
    M('legacy-tuple-head-unread', 'together_hooks/detect/context.py',
      '        if head >= 0 and _TUPLE_HEAD.fullmatch(data, head + 1, at - 1):\n',
      '        if False:\n',
      ('tests/accuracy/probe16_heldout_test.py::test_case[erlang-nested-binary]',),
      'an Erlang proplist\'s {together, [{api_key, <<"<key>">>}]} passes: the tuple\'s atom is no heading of its list'),
    M('legacy-namelist-group-unanchored', 'together_hooks/rules.py',
      "        rb'|(?<=&(?i:together))\\w{0,40}[ \\t]{0,8}\\r?\\n'\n",
      '',
      ('tests/accuracy/probe16_heldout_test.py::test_case[fortran-namelist-multiline]',),
      "a Fortran namelist group &together_settings opens no window: its api_key = '<key>' passes"),
    M('legacy-cli-password-flag-heading-only', 'together_hooks/rules.py',
      "|-{1,2}(?:(?:api|conn(?:ection)?)-)?(?:password|passwd|secret)|credentials?)',",
      "|credentials?)',",
      ('tests/accuracy/probe16_heldout_test.py::test_case[airflow-cli-conn-password]',),
      "airflow connections add ... --conn-host api.together.xyz --conn-password <key> passes: a CLI's password flag needs a Together heading"),
    M('legacy-cli-other-service-password', 'together_hooks/rules.py',
      "|-{1,2}(?:(?:api|conn(?:ection)?)-)?(?:password|passwd|secret)|credentials?)',",
      "|-{1,2}(?:[a-z]{1,20}-)?(?:password|passwd|secret)|credentials?)',",
      ('tests/accuracy/probe16_decoys_test.py::test_case[decoy-docker-db-password]',
       'tests/accuracy/probe16_decoys_test.py::test_case[decoy-cli-client-secret]'),
      "docker run ... TOGETHER_BASE_URL=... --db-password <sha256> is reported: any service's password flag reads as Together's in a Together command"),
    M('legacy-sql-insert-unread', 'together_hooks/detect/csvrow.py',
      '            return self._sql_holds(start, end, names)\n',
      '            return False\n',
      ('tests/accuracy/probe16_heldout_test.py::test_case[sql-insert-columns]',
       'tests/accuracy/probe16_heldout_test.py::test_case[sql-insert-multirow]'),
      "INSERT INTO api_keys (provider, secret) VALUES ('together', '<key>') passes: an INSERT's column list heads no row"),
    M('legacy-sql-statement-unbounded', 'together_hooks/detect/csvrow.py',
      "        if values == -1 or b';' in before[values:]:\n",
      '        if values == -1:\n',
      ('tests/accuracy/probe16_decoys_test.py::test_case[decoy-sql-after-statement]',),
      "a later statement's tuple (SELECT digest('together', '<sha256>')) is read as a row of the INSERT above it"),
    M('legacy-basic-pair-unread', 'together_hooks/rules.py',
      "                rb'(?i:together(?:[_-]?ai)?):' + _HEX_KEY, context=TOGETHER_NAMED),\n",
      "                rb'(?!)' + _HEX_KEY, context=TOGETHER_NAMED),\n",
      ('tests/accuracy/probe16_heldout_test.py::test_case[basic-auth-header-user-pass]', 'tests/accuracy/probe16_heldout_test.py::test_case[traefik-basic-label]',),
      "HTTP Basic together:<key> written out (Authorization: Basic, Traefik's basicauth.users=) passes"),
    M('quick-scan-path-after-option', 'together_hooks/cli/__init__.py',
      '    if args is None or args.filenames:\n        return None\n    del args.filenames\n    args.paths',
      '    if args is None:\n        return None\n    del args.filenames\n    args.paths',
      ('tests/cli/quick_scan_test.py',),
      'scan a.py --staged b.py runs as scan a.py --staged, b.py unscanned, where argparse says b.py is an unrecognized argument'),
    M('quick-scan-dash-path', 'together_hooks/cli/__init__.py',
      "    while n < len(rest) and rest[n][:1] not in ('-', ''):\n",
      "    while n < len(rest) and rest[n][:1] != '':\n",
      ('tests/cli/quick_scan_test.py',),
      'scan --staged, scan - and the other options are taken as PATHs by the quick path'),
    M('png-text-chunk-unread', 'together_hooks/detect/containers.py',
      '            _png(_whole_stream(stream, head), path, scan, budget, depth, found)\n',
      '            pass\n',
      ('tests/gate_png_text_test.py',),
      "a key in a PNG's compressed text chunk (zTXt, iTXt: an image generator's workflow) passes every mode and the gates"),
    M('png-long-labels-pass', 'together_hooks/detect/containers.py',
      '            if start is None and len(labels) == _PNG_LABELS:\n',
      '            if False:\n',
      ('tests/gate_png_text_test.py::test_a_png_text_chunk_it_cannot_place_fails_closed_in_one_line',),
      'a PNG text chunk whose labels run past 64 KB is passed with exit 0 (where its text starts is not known)'),
    M('pdf-png-member-plain-text-unread', 'together_hooks/detect/containers.py',
      '    if kind in _WITH_TEXT:\n',
      '    if False:\n',
      ('tests/gate_png_text_test.py::test_a_pdf_or_png_inside_a_zip_has_its_plain_text_read_too',),
      "a PDF or PNG inside a zip is only opened: a key in its plain text (a PDF's /Title, a PNG's tEXt) passes"),
    M('name-read-as-words-dropped', 'together_hooks/detect/engine.py',
      "    return cached(_NAME_VALUE).sub(b'=', text)",
      '    return text',
      ('tests/sources/name_grammar_test.py::test_a_legacy_key_in_a_ref_name_parted_by_any_separator',
       'tests/sources/name_grammar_test.py::test_a_legacy_key_in_a_path_name_parted_by_any_separator',
       'tests/sources/name_grammar_test.py::test_a_symlink_whose_target_names_a_legacy_key'),
      'a name is not read as a path of words: refs/heads/together-api-key-<hex>, a path together_api_key_<hex> and a symlink to TOGETHER_API_KEY/<hex> pass'),
    M('key-file-extension-chain-cut', 'together_hooks/detect/engine.py',
      '        own = head\n',
      '        break\n',
      ('tests/sources/name_grammar_test.py::test_a_bare_legacy_key_in_a_key_file_with_any_extension_or_editor_mark',),
      'a key file keeps its name only with one known extension: a bare legacy key in together_api_key.env, .bak, ~ or .swp passes'),
    M('utf16-key-file-unread', 'together_hooks/findings.py',
      '        data = _narrow(data)\n',
      '        pass\n',
      ('tests/sources/name_grammar_test.py::test_a_utf16_key_file_in_history',),
      'a key file saved as UTF-16 (Notepad, PowerShell) is no history candidate: --history passes its bare legacy key'),
    M('shown-line-not-read-as-names', 'together_hooks/detect/engine.py',
      '_NAMES = frozenset((PATH_NAME, REF_NAME, COMMIT_HEADER, SHOWN_LINE))',
      '_NAMES = frozenset((PATH_NAME, REF_NAME, COMMIT_HEADER))',
      ('tests/sources/name_grammar_test.py::test_a_path_carrying_a_legacy_key_is_never_shown_whole',),
      'a line shown is not read as names: an error naming a missing path together-api-key-<hex>, and a report naming a file so named, print the legacy key whole'),
    M('glued-magic-no-value-start', 'together_hooks/detect/prefilter.py',
      "    return before in _GLUE_BEFORE and data.startswith(_GLUED_MAGIC, at)\n",
      "    return False\n",
      ('tests/detect/glued_value_test.py::test_a_gzip_value_glued_by_a_base64_character_is_found',),
      "gzip in base64 glued to a name or path by -, _ or / (v2-H4sI..., /state/H4sI...) is never opened: its key missed"),
    M('glued-short-magic', 'together_hooks/detect/prefilter.py',
      " and data.startswith(_GLUED_MAGIC, at)\n",
      "\n",
      ('tests/detect/glued_value_test.py::test_a_short_magic_after_a_glue_character_sends_nothing_to_the_engine',),
      "a three-character zlib mark after -, _ or / (is_eNotation) starts a value: identifiers send blobs to the engine"),
    M('json-escaped-b64-value-stops', 'together_hooks/detect/codec.py',
      "    if _B64_JSON_ESCAPE.match(data, m.end()):\n",
      "    if False:\n",
      ('tests/detect/glued_value_test.py::test_a_gzip_value_with_json_escaped_characters_is_found',),
      "a gzip value in base64 inside a JSON string with \\/ or \\u002b escapes stops at the first: not decompressed, its key missed"),
    M('packed-start-plain-only', 'together_hooks/detect/engine.py',
      "(?:[A-Za-z0-9+/_-]|\\\\/|\\\\u002[bBfF]){40}'",
      "[A-Za-z0-9+/_-]{40}'",
      ('tests/detect/glued_value_test.py::test_a_gzip_value_with_json_escaped_characters_is_found',),
      "a gzip value in base64 with a \\u002b escape in its first 40 characters is not taken for a value: its key missed"),
    M('past-cap-path-words-withheld', 'together_hooks/detect/scrub.py',
      'else _over_words(m.group()),',
      'else WITHHELD,',
      ('tests/scrub_past_cap_paths_test.py::test_past_the_cap_a_report_and_a_baseline_keep_each_path',
       'tests/scrub_past_cap_paths_test.py::test_past_the_cap_a_key_in_a_path_is_withheld_and_its_words_kept'),
      'past the scrub cap a path run of 16+ characters is withheld whole: report and baseline say [withheld].py (baseline corrupt)'),
    M('past-cap-word-grammar-loose', 'together_hooks/detect/scrub.py',
      "        if not part[0].isalnum() or word(part):",
      "        if True:",
      ('tests/scrub_past_cap_paths_test.py::test_past_the_cap_a_key_in_a_path_is_withheld_and_its_words_kept',
       'tests/scrub_past_cap_paths_test.py::test_past_the_cap_a_keys_random_characters_seldom_read_as_words'),
      'past the scrub cap every path part reads as a word: a key inside a path (build_cache/<hex>/, cache/<base64>/) is shown whole'),
    M('doctor-entry-for-no-entry', 'together_hooks/doctor/checks.py',
      "        if near or any(h in config.hooks for h in OUR_HOOKS):\n",
      "        if True:\n",
      ('tests/doctor/doctor_test.py::test_a_config_of_other_projects_hooks_gets_the_entry_to_add',),
      "doctor on a config of other projects' hooks says to add our ids to a together-hooks repo entry that is not there"),
    M('push-advice-force-push', 'together_hooks/report.py',
      "    text = (UNPUSHED_ADVICE if unpushed else COMMITTED_ADVICE) if committed else ADVICE\n",
      "    text = COMMITTED_ADVICE if committed else ADVICE\n",
      ('tests/cli/pre_receive_test.py::test_a_refused_push_is_fixed_by_taking_the_key_out_and_pushing_again',),
      "a refused push (pre-push, pre-receive) is told to filter-repo its history and force-push commits the remote never stored"),
    M('png-late-text-chunk-unseen', 'together_hooks/detect/prefilter.py',
      "        if magic[1] == 'png' and not cut and not any(data.find(t) != -1 for t in PNG_TEXT):\n",
      "        if magic[1] == 'png' and not any(data.find(t) != -1 for t in PNG_TEXT):\n",
      ('tests/gate_png_text_test.py::test_a_png_whose_text_chunk_comes_late_is_told_by_its_signature',),
      "a PNG whose zTXt comes past its first 512 bytes (after a colour profile) in a zip, tar or gzip, "
      'or past the first 4 MB window of a large file, passes every mode'),
    M('partial-clone-fetches-unasked', 'together_hooks/gitrun.py',
      "GIT = ('git', '--no-replace-objects', *SAFE_CONFIG, *NO_NETWORK, *OUTPUT_CONFIG)\n",
      "GIT = ('git', '--no-replace-objects', *SAFE_CONFIG, *OUTPUT_CONFIG)\n",
      ('tests/gate_partial_clone_test.py',),
      'scan --diff in a partial clone fetches the blobs it lacks from the remote: a connection nobody asked for'),
    M('base85-reads-git-hunks', 'together_hooks/detect/engine.py',
      "            offsets = _outside_git_hunks(data, offsets, where, edge)\n",
      "            pass\n",
      ('tests/detect/packed_test.py::test_a_hunk_is_read_by_the_git_route_alone',),
      "the generic base85 reader joins a GIT binary patch hunk's framed lines and reports a key that is not in the patch"),
    M('binary-wide-strings-unread', 'together_hooks/detect/engine.py',
      "    wide = may_be_wide(data) and _holds_wide(data, rules)\n",
      "    wide = False\n",
      ('tests/detect/widetext_runs_test.py',),
      "a binary's UTF-16/UTF-32 strings are not read: a key in a .NET #US heap, a minidump's environment block or UTF-32BE between random bytes passes"),
    M('sqlite-utf16-unread', 'together_hooks/detect/sqlite.py',
      "        self.codec = _CODECS.get(int.from_bytes(data[56:60], 'big'))\n",
      "        self.codec = None\n",
      ('tests/detect/sqlite_test.py::test_a_utf16_database_is_read_in_its_encoding',),
      "a SQLite database in UTF-16le/be is read as UTF-8: its rows hold NULs between the letters and no column is read under its name"),
    M('html-table-any-column', 'together_hooks/detect/csvrow.py',
      '                _VALUE_COLUMN.fullmatch(header[column]) or regexes[0].fullmatch(header[column])):\n',
      '                True):\n',
      ('tests/detect/legacy_context_forms_test.py',),
      "an HTML table's row naming Together takes a hex in any column for its key, under a header naming no "
      'credential or value column (a Provider, Commit table)'),
    M('html-table-other-endpoint', 'together_hooks/detect/csvrow.py',
      '    return any(lo != row_at[0] for lo in together) and not any(lo != row_at[0] for lo in other)\n',
      '    return any(lo != row_at[0] for lo in together)\n',
      ('tests/detect/legacy_context_forms_test.py',),
      "an HTML name/value table's api_key is Together's when another row names Together's endpoint, "
      "though its base_url row names a proxy"),
    M('lisp-any-package', 'together_hooks/detect/context.py',
      "    package = re.escape(m.group('prefix')[:-1])\n",
      "    package = rb'[\\w-]+'\n",
      ('tests/detect/legacy_context_forms_test.py',),
      "an Emacs setting's key is Together's when any package's form near it names Together's host "
      '(magit-api-key beside gptel-make-openai)'),
    M('lisp-purpose-ignored', 'together_hooks/detect/context.py',
      "    if m is None or _LISP_PURPOSE.search(data, m.end('prefix'), at):\n",
      "    if m is None:\n",
      ('tests/detect/legacy_context_forms_test.py',),
      "an Emacs setting naming another purpose (gptel-cache-key) is Together's key beside its package's "
      'Together form'),
    M('record-without-user', 'together_hooks/detect/context.py',
      '    if not (any(_RECORD_USER.match(data, a) for a in lines) and any(_RECORD_WHERE.match(data, a) for a in lines)):\n',
      '    if False:\n',
      ('tests/detect/legacy_context_forms_test.py',),
      "any block of name=value lines is a credential record: a .env's DB_PASSWORD is Together's beside "
      'TOGETHER_BASE_URL'),
    M('asciidoc-row-unaligned', 'together_hooks/detect/csvrow.py',
      '    return column in _held_row(shape, row + [\'\'] * (len(header) - len(row)), names)\n',
      '    return any(names.search(cell) for cell in cells)\n',
      ('tests/detect/legacy_context_forms_test.py',),
      "an AsciiDoc table's key is Together's when any cell of the table names Together, not its own row's"),
    M('secret-read-digest-field', 'together_hooks/rules.py',
      "    rb'(?![^\\r\\n]{0,300}' + NON_KEY_PURPOSE + rb'[^\\s/]{0,80}(?=\\s))'\n",
      "    rb''\n",
      ('tests/detect/legacy_context_forms_test.py',),
      "a secret store's read of a digest field (vault kv get -field=sha256 secret/.../together) prints "
      'a Together key'),
    M('joined-pieces-keep-escapes', 'together_hooks/detect/codec.py',
      "        return rewrite(view.data, _UNESCAPE, _unescape_one, 'concatenated', view) or view\n",
      "        return view\n",
      ('tests/accuracy/byte_literals_test.py',),
      'a key written a byte a literal (``"\\x74", "\\x67", ...`` under a Together name) is joined but its escapes are kept: it passes'),
    M('byte-literal-line-pairing', 'together_hooks/detect/codec.py',
      "    if quote != -1:\n        tried.append(",
      "    if quote == -2:\n        tried.append(",
      ('tests/detect/byte_literal_test.py',),
      "a byte literal is read only as the line's quotes pair from its start: a repr without b after an apostrophe earlier on the line passes"),
    M('byte-literal-reach-cut', 'together_hooks/detect/codec.py',
      "    return _longer_than_reach(data, at, lo, hi, line_lo, line_hi)\n",
      "    return None\n",
      ('tests/detect/byte_literal_test.py',),
      "a byte literal longer than its reach each way (a UTF-16 .env of a thousand variables in one repr or Java byte[]) is read nowhere: its key passes"),
    M('png-b64-start-unscreened', 'together_hooks/detect/prefilter.py',
      "    b'iVBORw0KGgo', b'/Td6WFoAAA',",
      "    b'/Td6WFoAAA',",
      ('tests/gate_png_in_base64_test.py::test_a_key_in_a_base64_pngs_ztxt_is_found',),
      "a PNG kept as base64 (a notebook's image/png, a data: URI) is never decoded: a key in its zTXt passes every mode"),
    M('lzma-alone-unread', 'together_hooks/detect/prefilter.py',
      "    if data[:1] == b']' and _lzma_alone(data):\n",
      "    if False:\n",
      ('tests/detect/packed_test.py::test_an_lzma_alone_header_is_told_whole',),
      'an .lzma (LZMA-alone) file, raw or as a base64 value, is no container: a key in it passes'),
    M('lzma-alone-header-loose', 'together_hooks/detect/prefilter.py',
      "    if len(data) < 14 or data[13] != 0:\n",
      "    if len(data) < 14:\n",
      ('tests/detect/packed_test.py::test_an_lzma_alone_header_is_told_whole',),
      "bytes after a ']' whose range coder does not start at 0 are told an LZMA-alone: a decompressor for each"),
    M('plain-route-fold-dropped', 'together_hooks/detect/prefilter.py',
      "        if all(any(o in k for o in others) for k, _at in by_letter[letter]):\n",
      "        if False:\n",
      ('tests/detect/screen_plain_work_test.py::test_forms_that_hold_another_routes_letter_add_no_pass',),
      "a keyword whose rarest letter no other keyword leads with costs a memchr pass of its own over every clean file "
      "(xz's base64 start: W)"),
    M('uu-decoded-container-unopened', 'together_hooks/detect/engine.py',
      "        hits += _opened_decoded(view.data[start:end], view.origin(start), path, rules, budget, edge, 'uuencode')\n",
      "        pass\n",
      ('tests/detect/packed_test.py::test_decoded_bytes_that_start_a_container_are_opened',),
      'a uuencoded gzip (uuencode env.gz, a mail attachment) is read as text only: a key inside passes'),
    M('sqlite-blob-container-unopened', 'together_hooks/detect/sqlite.py',
      "                        self._blob(data[body:min(body + n, end)], where, (start, body))\n",
      "                        pass\n",
      ('tests/detect/packed_test.py::test_decoded_bytes_that_start_a_container_are_opened',),
      "a SQLite BLOB of zlib.compress'd text (an app's file cache) is never opened: a key inside passes"),
    M('sqlite-blob-cell-again', 'together_hooks/detect/sqlite.py',
      "        if cell in self.packed_seen or container_kind(blob) is None:\n",
      "        if container_kind(blob) is None:\n",
      ('tests/detect/packed_test.py::test_a_blob_whose_cell_is_named_again_is_opened_once',),
      "a SQLite cell named again by its page's pointers is kept again: copies fill the BLOBs' room, and a key's BLOB after them fails closed (or, with the room's guard gone too, passes)"),
    M('sqlite-blob-room-drops', 'together_hooks/detect/sqlite.py',
      "            raise PackedFull\n",
      "            return\n",
      ('tests/detect/packed_test.py::test_blobs_past_their_room_fail_closed',),
      "a SQLite container BLOB past the room kept for BLOBs (twice the file) is dropped unread: a key inside passes"),
    M('b64-png-past-iend-passed', 'together_hooks/detect/codec.py',
      "            return False if data[end:end + 1].translate(None, _B64_ALPHABETS) == data[end:end + 1] else None\n",
      "            return False\n",
      ('tests/detect/packed_test.py::test_a_base64_pngs_chunk_after_iend_is_read',),
      "a base64 PNG's header walk stops at IEND: a zTXt written after it is never decoded and its key passes"),
    M('b64-png-pixels-decoded', 'together_hooks/detect/engine.py',
      "            if data.startswith(PNG_B64, at) and b64_png_text(data, at, PNG_TEXT) is False:\n",
      "            if False:\n",
      ('tests/detect/packed_test.py::test_a_base64_png_without_text_is_not_decoded',),
      "every base64 PNG of a notebook or a page is decoded whole to look for a text chunk (~10 ns a byte of its pixels)"),
    M('b64-png-walk-misaligned', 'together_hooks/detect/codec.py',
      "        offset += 12 + int.from_bytes(head[:4], 'big')\n",
      "        offset += 8 + int.from_bytes(head[:4], 'big')\n",
      ('tests/detect/packed_test.py::test_a_base64_pngs_text_chunks_are_told_from_its_headers',),
      "the walk of a base64 PNG's chunk headers misses a chunk's CRC: a zTXt after the first chunk is not told"),
    M('ci-force-push-trusts-branches-github', 'examples/github-actions.yml',
      'together-hooks scan --commits HEAD ${since:+--since "$since"} || pushed=$?',
      'together-hooks scan --commits HEAD --since="--exclude=origin/$GITHUB_REF_NAME --remotes=origin" || pushed=$?',
      ('tests/gate_test.py::test_ci_examples_after_a_force_push_scan_what_no_gate_checked',),
      "after a force-push the GitHub recipe takes other remote branches as checked: a branch pushed with --no-verify, never a pull request, then force-pushed onto main passes"),
    M('ci-force-push-trusts-branches-gitlab', 'examples/gitlab-ci.yml',
      'together-hooks scan --commits "$CI_COMMIT_SHA" ${since:+--since "$since"}; fi',
      'together-hooks scan --commits "$CI_COMMIT_SHA" --since="--exclude=origin/$CI_COMMIT_BRANCH --remotes=origin"; fi',
      ('tests/gate_test.py::test_ci_examples_after_a_force_push_scan_what_no_gate_checked',),
      "after a force-push the GitLab recipe takes other remote branches as checked: a branch pushed with --no-verify, never a merge request, then force-pushed onto main passes"),
    M('ci-new-branch-push-tree-only', 'examples/github-actions.yml',
      '          elif [ -z "$RANGE" ]; then\n',
      '          elif [ -z "$RANGE" ] && [ -n "${BEFORE#"${BEFORE%%[!0]*}"}" ]; then\n',
      ('tests/gate_test.py::test_github_actions_example_runs',),
      "a push whose before is zeros (main deleted and pushed anew) scans the tree alone: a key added and removed in its commits passes"),
    M('skip-worktree-missing-unread', 'together_hooks/sources/files.py',
      "any(e[:2] == 'S ' for e in tagged)",
      "False",
      ('tests/sources/index_file_test.py::test_a_skip_worktree_file_missing_from_disk_is_scanned_from_git',),
      "a skip-worktree file deleted from disk (no sparse checkout) is not read by the tree scan: git still commits its key"),
    M('wide-strings-top-level-only', 'together_hooks/detect/engine.py',
      "    wide = may_be_wide(data) and _holds_wide(data, rules)\n",
      "    wide = depth == 0 and may_be_wide(data) and _holds_wide(data, rules)\n",
      ('tests/detect/widetext_orders_test.py::test_wide_strings_in_bytes_decoded_from_a_file_are_read',),
      "wide strings are read in a file at the top only: a binary's UTF-16LE key in its hex dump (or a byte literal) passes"),
    M('wide-byte-orders-unmerged', 'together_hooks/detect/widetext.py',
      "            if run[2] == width and run[0] % width == first % width and first <= run[1]:\n",
      "            if False:\n",
      ('tests/detect/widetext_orders_test.py::test_a_key_character_touching_a_key_is_no_key_in_either_order',),
      "a UTF-16LE run read as UTF-16BE loses its first character: a key character touching a key (or 65 hex) reads as a key the file does not hold"),
    M('secret-read-any-field', 'together_hooks/rules.py',
      "    rb'(?![^\\r\\n]{0,300}[ \\t]-{1,2}(?i:fields?)[ \\t=]{1,4}[\"\\']?(?:label=)?'\n",
      "    rb'(?!x\\A(?:label=)?'\n",
      ('tests/detect/legacy_context_forms_test.py',),
      "a secret store's read of a field other than a credential's (vault kv get -field=webhook_secret "
      'secret/together) prints a Together key'),
    M('secret-read-folder-purpose', 'together_hooks/rules.py',
      "NON_KEY_PURPOSE + rb'[^\\s/]{0,80}(?=\\s))'\n",
      "NON_KEY_PURPOSE + rb')'\n",
      ('tests/detect/legacy_context_forms_test.py::test_a_legacy_key_in_its_context_is_found',),
      "a secret store's read whose path has a folder named for a purpose (pass show api/public/together) "
      'hides the Together key it prints'),
    M('secret-read-field-unqualified', 'together_hooks/rules.py',
      "    rb'(?:[_-]' + _QUALIFIER + rb')?)(?![\\w-])))'\n",
      "    rb')(?![\\w-])))'\n",
      ('tests/detect/legacy_context_forms_test.py::test_a_legacy_key_in_its_context_is_found',),
      "a secret store's read of a credential field saying its stage (vault kv get -field=api_key_v2 "
      'secret/together) hides the Together key it prints'),
    M('basic-without-scheme', 'together_hooks/detect/engine.py',
      "        if b':' in line and before.search(data, max(0, origin - 16), origin):\n",
      "        if b':' in line:\n",
      ('tests/detect/legacy_context_forms_test.py::test_an_http_basic_credentials_user_in_base64_names_its_key',),
      "any decoded base64 value user:password is read as an HTTP Basic credential, without the Basic "
      'scheme before it (together_cache: base64(together:<hex>))'),
    M('enomem-unnamed', 'together_hooks/runtime.py',
      '    if e.errno == errno.ENOMEM:\n',
      '    if False:\n',
      ('tests/faults_test.py::test_memory_the_os_refuses_names_the_limit',),
      "the OS's Cannot allocate memory (git started under ulimit -v) says nothing of the limit to raise"),
    M('odf-hyphen-tags', 'together_hooks/detect/codec.py',
      "_OOXML_TAG = regex_cache.compile(rb'<(/?)(?:[A-Za-z]+:)?([A-Za-z]+(?:-[A-Za-z]+)*)\\b[^>]*>')\n",
      "_OOXML_TAG = regex_cache.compile(rb'<(/?)(?:[A-Za-z]+:)?([A-Za-z]+)\\b[^>]*>')\n",
      ('tests/accuracy/encoded_heldout3_test.py::test_case[ods-cells-legacy]',),
      "an OpenDocument's hyphenated tags (table:table-cell, table:table-row) are not told apart: a "
      "spreadsheet's name cell and its key cell run together"),
    M('xlsx-sheets-unread', 'together_hooks/detect/containers.py',
      '        if any(info.filename == _SHARED_STRINGS and not info.flag_bits & 0x1 for info in infos):\n',
      '        if False:\n',
      ('tests/accuracy/encoded_heldout2_test.py::test_case[xlsx-shared-strings-legacy]',),
      "an xlsx's sheets are not read as rows: a shared string's key is apart from its row's provider cell"),
    M('marshal-unread', 'together_hooks/detect/engine.py',
      '    if depth == 0 and _marshalled(data):\n',
      '    if False:\n',
      ('tests/accuracy/encoded_heldout2_test.py::test_case[pyc-legacy-assign]',
       'tests/accuracy/encoded_heldout2_test.py::test_case[marshal-dict-legacy]'),
      "a .pyc or marshal dump is not read as its program: a legacy key stays apart from its name "
      '(co_consts, co_names)'),
    M('pyc-store-nameless', 'together_hooks/detect/pyc.py',
      "            out.line([_name(at(seq, arg)), b' = '] + stack.pop())\n",
      '            out.line(stack.pop())\n',
      ('tests/detect/pyc_test.py', 'tests/accuracy/encoded_heldout2_test.py::test_case[pyc-legacy-assign]'),
      "a .pyc's store is written without the name it stores to: TOGETHER_API_KEY = <hex> becomes the "
      'bare constant'),
    M('delta-cache-default', 'together_hooks/sources/history.py',
      '            reading=PACK_END_READING if from_end else PACK_READING,\n',
      '            reading=PACK_READING,\n',
      ('tests/sources/history_reading_test.py',),
      "history's cat-file reading a store from its packs' end keeps git's default 96 MiB delta-base "
      "cache (mypy --no-local: peak RSS 104 -> 159 MB)"),
    M('b64-of-hex-unread', 'together_hooks/detect/engine.py',
      '        plain += _HEX_PREFIX_BARE\n',
      '        pass\n',
      ('tests/accuracy/encoded_heldout_test.py::test_case[base64-of-hex]',),
      "a base64 value that decodes to a key's prefix as hex text (base64 of xxd -p's dump of a .env) "
      'is not kept: the hex below it is never read'),
    M('hyperscan-head-run-long', 'together_hooks/detect/prefilter.py',
      "b']{%d}' % len(_BLOCK_RUN)],",
      "b']{%d}' % (len(_BLOCK_RUN) + 1)],",
      ('tests/detect/wrapped_head_test.py::test_hyperscans_head_test_is_the_passes',),
      "with the fast extra, a head's run of block bytes must be one byte longer than two lines of one "
      'width: a wrapped base64 block of two 40-character lines is not read'),
    M('sqlite-rows-room-twice', 'together_hooks/detect/sqlite.py',
      'ROWS_ROOM = 3\n',
      'ROWS_ROOM = 2\n',
      ('tests/detect/sqlite_test.py::test_rows_of_small_integers_before_a_key_cut_by_an_overflow_page',),
      "a SQLite database's rows may read as twice its size only: a table of small integers fills it "
      'and a key cut by an overflow page in a later table fails closed (or, with the guard gone too, passes)'),
    M('sqlite-rows-full-dropped', 'together_hooks/detect/sqlite.py',
      '        except _Full:\n            raise RowsFull from None\n        put(',
      '        except _Full:\n            break\n        put(',
      ('tests/detect/sqlite_test.py::test_cells_sharing_bytes_are_bounded',),
      "a SQLite database's rows past their room are dropped unread (the raw bytes scanned alone): "
      'a key cut by an overflow page there passes'),
)


def problems() -> list[str]:
    """What is wrong with the list itself (cheap; tests/mutations_test.py)."""
    found = []
    names = [m.name for m in MUTATIONS]
    for name in sorted({n for n in names if names.count(n) > 1}):
        found.append(f'{name}: name used twice')
    for m in MUTATIONS:
        path = os.path.join(ROOT, m.path)
        if not os.path.isfile(path):
            found.append(f'{m.name}: {m.path} does not exist')
            continue
        with open(path, encoding='utf-8') as f:
            count = f.read().count(m.original)
        if count != 1:
            found.append(f'{m.name}: snippet occurs {count} times in {m.path}')
        if m.original == m.replacement:
            found.append(f'{m.name}: replacement is the original')
        for test in m.tests:
            if not os.path.isfile(os.path.join(ROOT, test.split('::')[0])):
                found.append(f'{m.name}: no test file {test}')
    return found


def _scratch_copy() -> str:
    """The work tree as it is on disk, in a new git repository."""
    listed = subprocess.run(
        ('git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'),
        cwd=ROOT, check=True, capture_output=True,
    ).stdout.split(b'\0')
    scratch = tempfile.mkdtemp(prefix='together-hooks-mutate-')
    for rel in (os.fsdecode(p) for p in listed if p):
        src = os.path.join(ROOT, rel)
        if not os.path.lexists(src):  # deleted, not yet staged
            continue
        dst = os.path.join(scratch, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(src, dst, follow_symlinks=False)
    env = _git_env()
    for args in (('init', '-q'), ('add', '-A'), ('commit', '-q', '--no-verify', '-m', 'scratch')):
        subprocess.run(('git', *args), cwd=scratch, env=env, check=True, capture_output=True)
    return scratch


def _git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith('GIT_')}
    env.update(
        GIT_AUTHOR_NAME='mutate', GIT_AUTHOR_EMAIL='mutate@example.com',
        GIT_COMMITTER_NAME='mutate', GIT_COMMITTER_EMAIL='mutate@example.com',
    )
    return env


def _test_env(scratch: str) -> dict[str, str]:
    env = _git_env()
    env['PYTHONPATH'] = scratch + (os.pathsep + env['PYTHONPATH'] if env.get('PYTHONPATH') else '')
    # Never a stale .pyc: a mutation may keep the file's size and mtime second.
    env['PYTHONDONTWRITEBYTECODE'] = '1'
    return env


def _check_imports(scratch: str, env: dict[str, str]) -> None:
    where = subprocess.run(
        (sys.executable, '-c', 'import together_hooks; print(together_hooks.__file__)'),
        cwd=tempfile.gettempdir(), env=env, check=True, capture_output=True, text=True,
    ).stdout.strip()
    if not where.startswith(scratch + os.sep):
        raise SystemExit(f'mutate: together_hooks imports from {where}, not the scratch copy')


def _pytest(scratch: str, env: dict[str, str], tests: Sequence[str], jobs: int, timeout: int) -> tuple[str, float]:
    cmd = [sys.executable, '-m', 'pytest', '-x', '-q', '-p', 'no:cacheprovider', *tests]
    if jobs > 1:
        cmd[3:3] = ['-n', str(jobs)]
    start = time.monotonic()
    try:
        proc = subprocess.run(cmd, cwd=scratch, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return 'timeout', time.monotonic() - start
    secs = time.monotonic() - start
    if proc.returncode == 0:
        return 'passed', secs
    # pytest-xdist stopping at the first failure (-x) exits 2, "interrupted";
    # a check in a fixture's teardown (the leak check) fails as an "error".
    out = proc.stdout.decode('utf-8', 'replace')
    last = out.strip().rsplit('\n', 1)[-1]
    if (
            proc.returncode in (1, 2) and (' failed' in last or ' error' in last)
            and 'during collection' not in out
    ):
        return 'failed', secs
    return f'error {proc.returncode}: {last[-60:]}', secs


def run(selected: Sequence[Mutation], jobs: int, timeout: int, check_clean: bool) -> list[tuple[Mutation, str, float]]:
    import signal

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(f'mutate: stopped by signal {signum}')
    signal.signal(signal.SIGTERM, stop)  # still remove the scratch copy
    scratch = _scratch_copy()
    try:
        env = _test_env(scratch)
        _check_imports(scratch, env)
        if check_clean:  # the tests pass on the code as it is
            tests = sorted({t for m in selected for t in m.tests})
            outcome, secs = _pytest(scratch, env, tests, jobs, timeout * 3)
            print(f'unmutated: {outcome} ({secs:.0f} s)', flush=True)
            if outcome != 'passed':
                raise SystemExit('mutate: the tests fail on the unmutated code; fix that first')
        results = []
        for m in selected:
            path = os.path.join(scratch, m.path)
            with open(path, encoding='utf-8') as f:
                text = f.read()
            if text.count(m.original) != 1:
                raise SystemExit(f'mutate: {m.name}: snippet not found once in {m.path}')
            with open(path, 'w', encoding='utf-8') as f:
                f.write(text.replace(m.original, m.replacement))
            try:
                outcome, secs = _pytest(scratch, env, m.tests, jobs, timeout)
            finally:
                with open(path, 'w', encoding='utf-8') as f:
                    f.write(text)
            verdict = 'survived' if outcome == 'passed' else 'caught'
            shown = verdict if outcome in ('passed', 'failed') else f'{verdict} ({outcome})'
            print(f'{m.name:24} {shown:18} {secs:6.1f} s  {m.why}', flush=True)
            results.append((m, shown, secs))
        return results
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _old_results(text: str) -> dict[str, str]:
    """name -> result cell of a table this script wrote before."""
    old = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip('|').split('|')]
        if len(cells) == 5 and cells[0].startswith('`'):
            old[cells[0].strip('`')] = cells[4]
    return old


def table(results: dict[str, str]) -> str:
    rows = [
        '| mutation | file | the bug | tests that must catch it | result |',
        '|---|---|---|---|---|',
    ]
    for m in MUTATIONS:
        tests = ', '.join(f'`{t.replace("tests/", "")}`' for t in m.tests)
        shown = results.get(m.name, "not run yet").replace("|", "/")
        rows.append(f'| `{m.name}` | `{m.path}` | {m.why.replace("|", "/")} | {tests} | {shown} |')
    return '\n'.join(rows)


def head_commit() -> str:
    return subprocess.run(
        ('git', 'rev-parse', '--short', 'HEAD'), cwd=ROOT, capture_output=True, text=True,
    ).stdout.strip()


def write_doc(doc: str, results: Sequence[tuple[Mutation, str, float]], commit: str) -> None:
    """Rewrite the table between the markers: every mutation in the list,
    with this run's result, or the last recorded one for those not run."""
    with open(doc, encoding='utf-8') as f:
        text = f.read()
    head, sep, rest = text.partition(DOC_START)
    old, sep2, tail = rest.partition(DOC_END)
    if not sep or not sep2:
        raise SystemExit(f'mutate: {doc} has no {DOC_START} ... {DOC_END} markers')
    merged = _old_results(old)
    merged.update((m.name, shown) for m, shown, _secs in results)
    shown_all = [merged.get(m.name, 'not run yet') for m in MUTATIONS]
    caught = sum(s.startswith('caught') for s in shown_all)
    survived = sum(s.startswith('survived') for s in shown_all)
    summary = (
        f'Last run: {time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())} on {commit} '
        f'({len(results)} mutation(s) run; work tree as on disk): of {len(MUTATIONS)}, '
        f'{caught} caught, {survived} survived.'
    )
    with open(doc, 'w', encoding='utf-8') as f:
        f.write(f'{head}{DOC_START}\n{summary}\n\n{table(merged)}\n{DOC_END}{tail}')


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='mutate', description=__doc__.split('\n\n')[0])
    parser.add_argument('names', nargs='*', help='mutations to run (default: all)')
    parser.add_argument('--list', action='store_true', help='list the mutations and exit')
    parser.add_argument('--doc', help='write the result table into this file (docs/testing.md)')
    parser.add_argument('-n', '--jobs', type=int, default=1, help='pytest-xdist workers per run')
    parser.add_argument('--timeout', type=int, default=900, help='seconds per mutation')
    parser.add_argument('--no-clean-run', action='store_true',
                        help='skip the first run on the unmutated code')
    args = parser.parse_args(argv)
    wrong = problems()
    if wrong:
        for line in wrong:
            print(f'mutate: {line}', file=sys.stderr)
        return 2
    if args.list:
        for m in MUTATIONS:
            print(f'{m.name:24} {m.path}: {m.why}')
        return 0
    known = {m.name: m for m in MUTATIONS}
    unknown = [n for n in args.names if n not in known]
    if unknown:
        print(f'mutate: no mutation named {", ".join(unknown)} (see --list)', file=sys.stderr)
        return 2
    selected = [known[n] for n in args.names] if args.names else list(MUTATIONS)
    commit = head_commit()  # the copy is made now: name what it was made from
    results = run(selected, args.jobs, args.timeout, not args.no_clean_run)
    if args.doc:
        write_doc(args.doc, results, commit)
    return 1 if any(shown.startswith('survived') for _m, shown, _s in results) else 0


if __name__ == '__main__':
    raise SystemExit(main())
