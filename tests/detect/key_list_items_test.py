"""Every item of a list of keys, however long the list (an item right after
one found is in the same list: its name may be far above, past a window
and the context's reach), and in YAML block form under an API keys or a
Together name; a list of digests of any length stays clean."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes


def _block(name: str, keys: list[str], indent: str = '  ') -> str:
    return name + ':\n' + ''.join(f'{indent}- {k}\n' for k in keys)


LONG = {
    'yaml block under together:': lambda ks: 'together:\n' + _block('  keys', ks, '    '),
    'yaml flow under together:': lambda ks: 'together:\n  keys: [' + ', '.join(ks) + ']\n',
    'json under together': lambda ks: '{"together": {"keys": [' + ', '.join(f'"{k}"' for k in ks) + ']}}',
    'json over lines': lambda ks: '{\n "together": {\n  "keys": [\n' + ',\n'.join(f'   "{k}"' for k in ks) + '\n  ]\n }\n}\n',
    'together-named, commas': lambda ks: 'TOGETHER_API_KEYS=' + ','.join(ks) + '\n',
    'together-named, blanks': lambda ks: 'TOGETHER_API_KEYS="' + ' '.join(ks) + '"\n',
    'openai keys beside Together': lambda ks: (
        'OPENAI_API_BASE_URLS=https://api.together.xyz/v1\nOPENAI_API_KEYS="' + ';'.join(ks) + '"\n'),
}
BLOCKS = {
    'api_keys beside the endpoint': lambda ks: 'base_url: https://api.together.xyz/v1\n' + _block('api_keys', ks),
    'OPENAI_API_KEYS beside Together': lambda ks: (
        'OPENAI_API_BASE_URLS: https://api.together.xyz/v1\n' + _block('OPENAI_API_KEYS', ks)),
    'TOGETHER_API_KEYS': lambda ks: _block('TOGETHER_API_KEYS', ks),
    'together_tokens': lambda ks: _block('together_tokens', ks),
    'quoted, nested': lambda ks: 'env:\n  TOGETHER_API_KEYS:\n' + ''.join(f'    - "{k}"\n' for k in ks),
}


def _found(text: str, path: str) -> set[str]:
    return {f.secret for f in scan_bytes(text.encode(), path)}


@pytest.mark.parametrize('shape', LONG, ids=list(LONG))
def test_every_item_of_a_long_list_is_found(shape):
    keys = [make_hex(random.Random(i)) for i in range(100)]
    assert _found(LONG[shape](keys), 'config.yaml') == set(keys)


@pytest.mark.parametrize('shape', BLOCKS, ids=list(BLOCKS))
def test_every_item_of_a_yaml_block_list_is_found(shape):
    keys = [make_hex(random.Random(i)) for i in range(5)]
    assert _found(BLOCKS[shape](keys), 'config.yaml') == set(keys)


@pytest.mark.parametrize('text', [
    'together:\n' + _block('  checksums', ['{}'] * 100, '    '),
    'together:\n  keys:\n    - {}\n  hashes:\n' + ''.join('    - {}\n' for _ in range(100)),
    '{{"together": {{"sha256": [' + ', '.join(['"{}"'] * 100) + ']}}}}',
    'together:\n  cache:\n' + _block('    keys', ['{}'] * 100, '      '),
], ids=['checksums', 'hashes after keys', 'json sha256', 'cache keys'])
def test_a_long_list_of_digests_stays_clean(text):
    rng = random.Random(3)
    keys = [make_hex(rng) for _ in range(text.count('{}'))]
    found = _found(text.format(*keys), 'config.yaml')
    # (the one real key above the hashes in the second is the only one)
    assert found <= set(keys[:1]) and len(found) == text.startswith('together:\n  keys:')


@pytest.mark.parametrize('line', [
    'together_tokens=512 prompt_sha256: {}',
    'together_tokens=512 prompt_sha256={}',
    'together_api_keys=x digest: {}',
    'OPENAI_BASE_URL=https://api.together.xyz/v1\ntokens: {} cached: 12',
])
def test_a_field_after_blanks_is_no_list_item(line):
    assert _found(line.format(make_hex(random.Random(4))), 'run.log') == set()


def test_a_value_on_the_line_after_a_list_is_not_its_item():
    # (a line break alone parts no items: a dash or a separator does)
    rng = random.Random(8)
    first, other = make_hex(rng), make_hex(rng)
    text = f'TOGETHER_API_KEYS={first}\n{other}\n'
    assert _found(text, '.env') == {first}
