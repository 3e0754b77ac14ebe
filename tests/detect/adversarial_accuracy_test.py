"""Baits aimed at the grammar and readings added for the held-out leaks:
a value wrapped in calls, on the next line or in a block scalar, key/value
pairs, flat statements under generic names, HTML character references,
comma-joined literals, a bound URL name assigned over and over; and
the session-5 grammar (tags, triple quotes, XML name/value elements, CLI
value flags, paths, Bearer as an argument, element headings).  Same
measure as ``tests/detect/adversarial_test.py``: 4x the input under 8x the CPU."""
from __future__ import annotations

import pytest

from tests.detect.adversarial_test import check_bait
from tests.detect.adversarial_test import cycle
from tests.detect.adversarial_test import HEXES
from tests.detect.adversarial_test import KB
from tests.detect.adversarial_test import KEYS
from tests.detect.adversarial_test import repeat

BAITS = (
    ('calls-after-name', lambda n: b'TOGETHER_API_KEY = ' + repeat(b'String::from(', n), 512 * KB, 0),
    ('new-after-name', lambda n: b'together_api_key = ' + repeat(b'new X(', n), 512 * KB, 0),
    ('types-after-name', lambda n: b"TOGETHER_API_KEY: &'" + repeat(b'a <b, c>', n), 512 * KB, 0),
    ('block-scalar-blank-lines', lambda n: b'together_api_key: >-\n' + repeat(b'  \n', n), 512 * KB, 0),
    ('prefixed-quotes-after-name', lambda n: repeat(b'TOGETHER_API_KEY=f\\"\\"', n), 128 * KB, 0),
    ('value-pairs-no-value', lambda n: b'api.together.xyz ' + repeat(b'"token", "value": "x", ', n),
     128 * KB, 0),
    ('postman-pairs', lambda n: b'{"url": "https://api.together.xyz/v1", "values": ['
     + cycle([b'{"key": "token",\n "value": "' + h + b'"}, ' for h in HEXES], n), 64 * KB, None),
    ('flat-other-secrets', lambda n: b'TOGETHER_BASE_URL=https://api.together.xyz/v1\n'
     + cycle([b'JWT_SECRET=' + h + b'\n' for h in HEXES], n), 64 * KB, 0),
    ('flat-api-keys', lambda n: b'OPENAI_BASE_URL=https://api.together.xyz/v1\n'
     + cycle([b'OPENAI_API_KEY=' + h + b'\n' for h in HEXES], n), 64 * KB, None),
    ('html-entities', lambda n: b'together ' + repeat(b'&quot;&#34;&#x27;', n), 128 * KB, 0),
    ('html-entity-keys', lambda n: cycle(
        [b'&quot;TOGETHER_API_KEY&quot;: &quot;' + h + b'&quot;, ' for h in HEXES], n), 64 * KB, None),
    ('comma-joined-literals', lambda n: repeat(b'"tgp_v1_", ', n), 128 * KB, 0),
    ('comma-joined-keys', lambda n: cycle([b'["' + k[:20] + b'", "' + k[20:] + b'"]\n' for k in KEYS], n),
     64 * KB, None),
    ('bound-name-reassigned', lambda n: b'URL = "https://api.together.xyz/v1"\n'
     + cycle([b'"URL": "x", "URL": "y", get(URL, auth="Bearer ' + h + b'")\n' for h in HEXES], n),
     64 * KB, None),
    # The grammar added in session 5: YAML tags, triple quotes, XML
    # name/value elements, CLI value flags, path separators, Bearer as an
    # argument, headings (HCL blocks, XML elements, a namespace and comma).
    ('yaml-tags-after-name', lambda n: b'together_api_key: ' + repeat(b'!!str ', n), 512 * KB, 0),
    ('triple-quotes-after-name', lambda n: repeat(b'TOGETHER_API_KEY = """\n', n), 128 * KB, 0),
    ('xml-name-elements', lambda n: repeat(b'<key>TogetherApiKey</key> <string></string>', n), 128 * KB, 0),
    ('cli-flags-after-name', lambda n: b'gh secret set TOGETHER_API_KEY ' + repeat(b'--body --value ', n),
     128 * KB, 0),
    ('path-separators', lambda n: repeat(b'/together/together/api/', n), 128 * KB, 0),
    ('bearer-arguments', lambda n: b'api.together.xyz ' + repeat(b'("Bearer", bearer_auth(', n), 128 * KB, 0),
    ('xml-headings', lambda n: repeat(b'<Together>\n  <ApiKey>\n', n), 128 * KB, 0),
    ('yaml-provider-names', lambda n: repeat(b'together:  \n  together: ', n), 128 * KB, 0),
    ('client-initializers', lambda n: repeat(b'TogetherOptions {\n TogetherClient.builder()\n', n), 128 * KB, 0),
    ('flat-groups', lambda n: b'LLM_PROVIDER=together\n' + cycle(
        [b'LLM_X%d=1\nG%d_API_KEY=%s\n' % (i, i, h) for i, h in enumerate(HEXES)], n), 64 * KB, 0),
    ('flat-group-keys', lambda n: b'LLM_PROVIDER=together\n' + cycle(
        [b'LLM_API_KEY=' + h + b'\nLLM_X=1\n' for h in HEXES], n), 64 * KB, None),
    ('xml-heading-keys', lambda n: cycle(
        [b'<Together>\n  <ApiKey>' + h + b'</ApiKey>\n</Together>\n' for h in HEXES], n), 64 * KB, None),
)


@pytest.mark.parametrize(('bait', 'size', 'count'), [b[1:] for b in BAITS], ids=[b[0] for b in BAITS])
def test_bait_scans_in_linear_time(bait, size, count):
    check_bait(bait, size, count)
