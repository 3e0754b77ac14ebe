"""Passing a Together structure's brackets (``context._matching``) asks
whether each opener's heading names another provider or purpose (a hole:
``"openai": {`` inside ``"together": {``) only where the heading holds
anything: a bracket after a separator or a line end and blanks at most
(``[{``, ``},{``, ``{ {``) has none.  Work counted, not timed: 1 MB of ``{`` under
``together:`` searched 64 bytes around each (3.5 CPU-s; now 0.6)."""
from __future__ import annotations

import re

from together_hooks.detect import context
from together_hooks.detect.engine import scan_bytes
from together_hooks.rules import RULES


class Counted:
    """A hole pattern that counts its searches."""

    def __init__(self, pattern: re.Pattern[bytes]) -> None:
        self.pattern = pattern
        self.calls = 0

    def search(self, data: bytes, pos: int = 0, endpos: int = 1 << 62) -> re.Match[bytes] | None:
        self.calls += 1
        return self.pattern.search(data, pos, endpos)


def _hole() -> re.Pattern[bytes]:
    scopes = context.Scopes(context.rule_regex(b'x'), b'', None)
    return scopes._hole


def test_headless_brackets_ask_nothing():
    data = (b'{"together": {"models": [' + b'{"id": 1},' * 2000 + b'{"id": 2}], "deep": '
            + b'[' * 500 + b']' * 500 + b', "spaced": [' + b'{ ' * 300 + b'}' * 300 + b'\n' + b'\t{}, ' * 300 + b'1]}}')
    hole = Counted(_hole())
    holes: list[tuple[int, int]] = []
    assert context._matching(data, data.index(b'{', 1), len(data), hole, holes) == len(data) - 1
    assert hole.calls <= 3 and holes == []


def test_a_hole_after_a_separator_is_still_one():
    """A provider named inside the structure still opens a hole, right
    after a separator too (``{"openai": {``: its heading is ``"openai": ``)."""
    data = b'{"together": {"a": [{"openai": {"api_key": 1}}], "b": {"cache": {"key": 2}}}}'
    holes: list[tuple[int, int]] = []
    hole = Counted(_hole())
    end = context._matching(data, data.index(b'{', 1), len(data), hole, holes)
    assert end == len(data) - 1
    assert [data[a:b] for a, b in holes] == [b'{"api_key": 1}', b'{"key": 2}']


def test_a_blank_heading_never_names_a_hole():
    """What the short cut relies on: the hole pattern matches no empty
    stretch, at any place of any rule sample, and no run of blanks
    between a provider's name and a bracket."""
    hole = _hole()
    for rule in RULES:
        for sample in rule.true_positives + rule.false_positives:
            data = sample.encode()
            assert all(hole.search(data, i, i) is None for i in range(len(data) + 1))
    for before in (b'', b'openai', b'"openai": ', b'cache', b'x'):
        for blanks in (b' ' * 70, b'\t' * 9, b' \t' * 5):
            data = before + blanks + b'openai{'
            assert all(hole.search(data, i, len(before) + len(blanks)) is None
                       for i in range(len(before), len(before) + len(blanks)))


def test_deep_brackets_under_a_label_still_scan():
    data = b'together: ' + b'{' * 20000 + b'\napi_key = "x"\n'
    assert scan_bytes(data, 'bait.py') == []


class _Forgetful(dict):  # type: ignore[type-arg]
    """A head cache that keeps nothing: every head searched again."""

    def __setitem__(self, key: object, value: object) -> None:
        pass


def _labels(data: bytes, forget: bool = False, counted: bool = False) -> tuple[list[int], list[int], int]:
    from together_hooks.rules import STRUCTURE_LABEL
    from together_hooks.rules import TOGETHER_CONTEXT

    veto = TOGETHER_CONTEXT.veto
    scopes = context.Scopes(context.rule_regex(STRUCTURE_LABEL), data, None if veto is None else context.rule_regex(veto))
    if forget:
        scopes._vetoed = _Forgetful()
    purpose = scopes._purpose = Counted(scopes._purpose)  # type: ignore[assignment]
    scopes._scan(len(data))
    return scopes.starts, scopes.ends, purpose.calls


def test_repeated_labels_search_their_head_once():
    """A file of the same label over and over (``"together": {}``, a
    ``[together]`` line) searches each distinct head for a purpose or a
    veto once, not once a label (half the CPU of 1 MB of them)."""
    for unit in (b'"together": {}', b'[together]\n', b'together:\n', b'"together": {"a": 1}, '):
        data = unit * (16 * 1024 // len(unit))
        starts, _ends, calls = _labels(data)
        assert len(starts) > 500 and calls <= 64, (unit, calls)


def test_a_head_answer_is_its_bytes_alone():
    """The same structures with the cache as without it: repeated heads,
    heads naming a purpose or a veto (``sha256``, ``cache``), heads cut at
    their 64 bytes or their line, and long comments kept out."""
    data = b''.join(
        b'"together": {}' * 40 + b'\n' + b'"sha256": {"together": {"k": 1}}' * 5 + b'cache ' * i + b'"together": {}\n'
        + b'[together]\n' * 30 + b'x' * 60 + b'[together]\n' + b'together: # ' + b'y' * 300 + b'\n  k: 1\n'
        + b'digest = {"together": {"k": 1}}, ' * 3 + b' ' * (50 + i) + b'together: {"k": 2}\n'
        for i in range(12)
    )
    assert _labels(data)[:2] == _labels(data, forget=True)[:2]
