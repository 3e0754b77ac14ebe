"""A Markdown table's row of Together's holds a legacy key in its key
column however the cells are written: a table with no outer pipes (GFM
allows it), the provider's cell bold or a link, the key's cell code."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes


def _found(text: str, path: str = 'docs/keys.md') -> bool:
    key = make_hex(random.Random(3))
    return [f.secret for f in scan_bytes(text.format(key=key).encode(), path)] == [key]


@pytest.mark.parametrize('text', [
    'Provider | API key\n--- | ---\nTogether AI | `{key}`\n',
    'Provider | API key\n--- | ---\nTogether AI | {key}\n',
    '| Provider | Key |\n|---|---|\n| **Together AI** | `{key}` |\n',
    '| Provider | Key |\n|---|---|\n| *Together* | `{key}` |\n',
    '| Provider | Key |\n|---|---|\n| [Together AI](https://www.together.ai) | `{key}` |\n',
    '| Key | Provider |\n|:---|---:|\n| `{key}` | __Together__ |\n',
])
def test_a_markdown_table_row_of_together_s_is_read_however_its_cells_are_written(text):
    assert _found(text)


@pytest.mark.parametrize('text', [
    'Provider | Key fingerprint\n--- | ---\nTogether AI | `{key}`\n',
    '| Provider | Cache key |\n|---|---|\n| **Together AI** | `{key}` |\n',
    '| Provider | Key |\n|---|---|\n| [OpenAI](https://openai.com) | `{key}` |\n',
    '| Provider | Key |\n|---|---|\n| **Together AI cache** | `{key}` |\n',
])
def test_the_same_cells_of_another_column_or_owner_stay_clean(text):
    assert not _found(text)
