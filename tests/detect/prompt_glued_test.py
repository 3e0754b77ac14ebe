"""A key printed with no newline in a terminal capture, the next shell
prompt glued after it (``cat ~/.config/together/api_key`` in a
``script`` typescript): the prompt, the capture's own (it also starts a
line), ends the key; any other text glued after a key still makes a run
longer than one."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_key
from together_hooks.detect.engine import scan_bytes

KEY = make_key(random.Random('prompt-glued'))

BASH = 'alice@laptop:~/src/chat$ '
ZSH = 'alice@laptop ~/src/chat % '
ROOT = 'root@build-7:/srv# '


@pytest.mark.parametrize('prompt', [BASH, ZSH, ROOT])
def test_a_key_before_the_captures_prompt_is_found(prompt):
    text = (f'Script started on 2024-05-01 10:00:00+00:00\n{prompt}cat ~/.config/together/api_key\r\n'
            f'{KEY}{prompt}exit\r\nexit\r\n')
    found = scan_bytes(text.encode(), 'session.typescript')
    assert [(f.secret, f.line) for f in found] == [(KEY, 3)]


def test_the_prompt_at_the_files_start_counts():
    text = f'{BASH}printf %s "$TOGETHER_API_KEY"\n{KEY}{BASH}\n'
    assert [f.secret for f in scan_bytes(text.encode(), 'pane.txt')] == [KEY]


@pytest.mark.parametrize('text', [
    # a prompt no line of the capture starts with: not its prompt
    f'$ cat key\n{KEY}{BASH}exit\n',
    # a run one character longer than a key before the prompt
    f'{BASH}cat key\n{KEY}x{BASH}exit\n',
    # the key one character short, the prompt's first letter taken for its last
    f'{BASH}cat key\n{KEY[:-1]}{BASH}exit\n',
    # an address, not a prompt
    f'{BASH}cat key\n{KEY}alice@example.com\n',
])
def test_other_text_glued_after_a_key_is_no_boundary(text):
    assert scan_bytes(text.encode(), 'session.typescript') == []


def _line_prompt_reads(monkeypatch, runs: int) -> int:
    """How many times a scan reads the line-start prompts of a capture
    holding ``runs`` keys, each glued to text that ends in a prompt no
    line starts with, then one key glued to the capture's own prompt."""
    from together_hooks import regex_cache
    from together_hooks.detect import engine

    real = regex_cache.cached
    reads = []

    def counting(pattern, *args, **kwargs):
        if pattern == engine._LINE_PROMPT:
            reads.append(pattern)
        return real(pattern, *args, **kwargs)

    monkeypatch.setattr(regex_cache, 'cached', counting)
    text = f'{BASH}cat keys\n' + f'{KEY}aaaa{BASH}exit\n' * runs + f'{KEY}{BASH}exit\n'
    found = scan_bytes(text.encode(), 'session.typescript')
    assert [(f.secret, f.line) for f in found] == [(KEY, runs + 2)]
    return len(reads)


def test_a_capture_of_many_glued_runs_reads_its_lines_prompts_once(monkeypatch):
    """Each glued run's prompt is looked up among the prompts starting the
    buffer's lines, read once a buffer: a search of the whole buffer for
    each run made such a file quadratic (2.7 MB: 14 CPU-s, 0.7 now)."""
    few = _line_prompt_reads(monkeypatch, 10)
    assert 1 <= few <= 2
    assert _line_prompt_reads(monkeypatch, 400) == few
