"""``prefilter.wrapped_block`` is asked of every blob a history scan reads
and every file the screen passes: a head with no run of block bytes long
enough for two lines of one width (``_BLOCK_RUN``) and no ``<~`` mark is
told without a walk of its lines.  The answer is the walk's
(``_walk_block``) on every head, and the walk's work is spared for an
ordinary file (bytecodes counted, not time)."""
from __future__ import annotations

import base64
import os
import random

import pytest

from together_hooks.detect import prefilter
from together_hooks.detect.prefilter import _walk_block
from together_hooks.detect.prefilter import wrapped_block
from tests.bytecode import work

_CODE_LINE = b'    result = compute(first_value, second_value)  # a comment\n'


def _line(rng: random.Random, alphabet: bytes, width: int, crlf: bool) -> bytes:
    return bytes(rng.choices(alphabet, k=width)) + (b'\r\n' if crlf else b'\n')


_ALPHABETS = (
    prefilter._B64_CHARS[:-2],  # without CR and LF
    prefilter.A85_CHARS[:-2],
    prefilter.Z85_CHARS[:-2],
    b'abcdefghij =(),.:_',  # code: spaces
    bytes(range(0x21, 0x7f)),  # every printable but space
    b'0123456789abcdef',
)
# Widths around both ends of ``WRAPPED_WIDTHS`` (a CR counts in a line's
# width), and some anywhere.
_WIDTHS = (0, 1, 19, 20, 21, 38, 39, 40, 41, 60, 76, 119, 120, 121, 122, 130)


def _head(rng: random.Random) -> bytes:
    lines = []
    code = rng.choice((0.0, 0.5, 0.9))  # how many lines are code's
    for _ in range(rng.randrange(0, 24)):
        # Lines of code (spaces) among them: heads told without a walk too.
        alphabet = _ALPHABETS[3] if rng.random() < code else rng.choice(_ALPHABETS)
        width = rng.choice(_WIDTHS) if rng.random() < 0.7 else rng.randrange(0, 140)
        crlf = rng.random() < 0.2
        line = _line(rng, alphabet, width, crlf)
        if rng.random() < 0.3 and lines:  # a pair of one width
            line = _line(rng, alphabet, len(lines[-1].rstrip(b'\r\n')), crlf)
        if rng.random() < 0.05:
            line = b'<~' + line
        lines.append(line)
    data = b''.join(lines)
    cut = rng.random()
    if cut < 0.3 and data:  # the last line without its line break
        data = data.rstrip(b'\n')
    elif cut < 0.4:  # a long file: the head is its first 2 KB
        data += _CODE_LINE * 40
    return data


def test_the_answer_is_the_walks_on_generated_heads() -> None:
    rng = random.Random(17)
    heads = [_head(rng) for _ in range(1500)]
    # Real blocks: base64 wrapped at 64 and 76, ASCII85's, short files.
    for n in (30, 45, 60, 100, 400, 3000):
        raw = bytes(rng.choices(range(256), k=n))
        text = base64.b64encode(raw)
        for width in (64, 76):
            heads.append(b'\n'.join(text[i:i + width] for i in range(0, len(text), width)) + b'\n')
        heads.append(base64.a85encode(raw, wrapcol=72, adobe=True))
        heads.append(base64.a85encode(raw, wrapcol=60))
        heads.append(base64.b85encode(raw))
        heads.append(_CODE_LINE * 3 + base64.a85encode(raw, wrapcol=50))
        for indent in (b'\t', b'\t\t', b'  '):  # a plist's <data>, YAML's block
            heads.append(b'<data>\n' + b'\n'.join(indent + text[i:i + 68] for i in range(0, len(text), 68)) + b'\n')
    mismatched = [h[:80] for h in heads if wrapped_block(h) != _walk_block(h)]
    assert mismatched == []
    kinds = {wrapped_block(h)[1] for h in heads}
    assert kinds == {'', 'base64', 'ascii85', 'z85', 'base85'}  # every answer was asked for


def test_the_answer_is_the_walks_on_real_files() -> None:
    # Files nobody here wrote: the standard library's sources (and their
    # bytecode), heads as they come.
    folder = os.path.dirname(os.__file__)
    checked = 0
    for root, _dirs, files in os.walk(folder):
        for name in sorted(files):
            with open(os.path.join(root, name), 'rb') as f:
                data = f.read(4096)
            assert wrapped_block(data) == _walk_block(data), name
            checked += 1
            if checked >= 1500:
                return
    assert checked > 100


def test_an_ordinary_head_is_told_without_walking_its_lines() -> None:
    data = _CODE_LINE * 100
    assert wrapped_block(data) == (-1, '')
    # The walk: a ``find`` and ~20 bytecodes for each of 16 lines.
    assert work(lambda: _walk_block(data)) > 600
    # (65 in a process where the mail-block test runs cold: its first
    # call counts; still a tenth of the walk's)
    assert work(lambda: wrapped_block(data)) < 100


def test_a_tab_indented_block_is_told_past_its_indentation() -> None:
    # A plist's ``<data>``: base64 lines each after the same tabs.
    text = base64.b64encode(bytes(range(250)))
    for indent, crlf in ((b'\t', b'\n'), (b'\t\t', b'\r\n')):
        lines = crlf.join(indent + text[i:i + 68] for i in range(0, len(text), 68))
        data = b'<plist>' + crlf + b'\t<data>' + crlf + lines + crlf + b'\t</data>' + crlf
        at, kind = wrapped_block(data)
        assert kind == 'base64' and data[at:at + 68] == text[:68], (indent, crlf)
    # Not: lines of other tabs, or of a space in them.
    assert wrapped_block(b'\t' + text[:68] + b'\n\t\t' + text[68:135] + b'\n') == (-1, '')
    assert wrapped_block(b'\t' + text[:68] + b'\n\t' + text[68:100] + b' ' + text[101:136] + b'\n') == (-1, '')


def _short_a85_end(lead: bytes) -> bytes:
    # A short ASCII85 block ending a file: a line of 50 and a shorter last.
    return lead + base64.a85encode(bytes(range(40))) + b'\nab!\n'


def test_the_answer_is_the_walks_at_the_heads_ends() -> None:
    # The walk reads a short file's last lines when its head has fewer
    # than 16 lines and the file is no longer than the head: one line and
    # one byte either side of both bounds, told without a walk (no run).
    code = b'    x = 1  # ' + b'. ' * 100 + b'\n'
    cases = {
        '15 lines': (_short_a85_end(_CODE_LINE * 13), 'ascii85'),
        '16 lines': (_short_a85_end(_CODE_LINE * 14), ''),
        '2048 bytes': (_short_a85_end((code * 20)[:1992] + b'\n'), 'ascii85'),
        '2049 bytes': (_short_a85_end((code * 20)[:1993] + b'\n'), ''),
    }
    for name, (data, kind) in cases.items():
        assert prefilter._BLOCK_RUN not in data[:prefilter.WRAPPED_HEAD].translate(prefilter._BLOCK_BYTES), name
        assert _walk_block(data)[1] == kind, name
        assert wrapped_block(data) == _walk_block(data), name


def test_hyperscans_head_test_is_the_passes() -> None:
    # With the ``fast`` extra, a history scan tells a head in one hyperscan
    # pass (``_hyperscan_head``): the same answer as the three passes on
    # every head, a run one byte short of ``_BLOCK_RUN`` or a mark at the
    # head's edges included.
    pytest.importorskip('hyperscan')
    holds = prefilter._hyperscan_head()
    if holds is None:
        pytest.skip("hyperscan's library cannot run on this machine")
    rng = random.Random(22)
    heads = [_head(rng)[:prefilter.WRAPPED_HEAD] for _ in range(1500)]
    run = len(prefilter._BLOCK_RUN)
    block_bytes = bytes(b for b in range(256) if prefilter._BLOCK_BYTES[b] == 0x78)
    for n in (run - 1, run, run + 1):
        for lead in (b'', b' ', b'x = 1 ' * 40):
            body = bytes(rng.choices(block_bytes, k=n))
            heads += [lead + body, lead + body + b' ', (lead + body)[-prefilter.WRAPPED_HEAD:]]
    pad = b'a b ' * 600
    for at in (0, 1, prefilter.WRAPPED_HEAD - 2, prefilter.WRAPPED_HEAD - 1):
        heads.append((pad[:at] + b'<~' + pad)[:prefilter.WRAPPED_HEAD])
    heads += [b'', b'<', b'~', b'<~', b'~<', bytes(range(256)) * 8]
    answers = [prefilter._may_start_block(h) for h in heads]
    assert [holds(h) for h in heads] == answers
    assert True in answers and False in answers
