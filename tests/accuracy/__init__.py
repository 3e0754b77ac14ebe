"""Leaks as they happen in the wild, one test module per kind.

Each module lists cases: a file written the way a tool or format really
writes it, holding keys made at run time (``tests/keys.py``), and where each
key must be reported (path, line).  A decoy case expects nothing.  All cases
of a module are written to one folder and scanned by ONE real
``together-hooks scan --format json`` run (black-box: it survives any
rearrangement of the package); each case is then its own test, so a run
reports found and missed per case.
"""
from __future__ import annotations

import hashlib
import os
import random
from typing import Any
from typing import Callable
from typing import NamedTuple
from typing import Sequence
from typing import Union

from tests.cli_run import leaked
from tests.cli_run import scan
from tests.keys import make_hex
from tests.keys import make_key


class Made:
    """Keys for one case: ``key()`` a tgp_v1_ key, ``hex()`` a legacy key."""

    def __init__(self, seed: str) -> None:
        self.rng = random.Random(seed)
        self.made: list[str] = []

    def key(self) -> str:
        self.made.append(make_key(self.rng))
        return self.made[-1]

    def hex(self) -> str:
        self.made.append(make_hex(self.rng))
        return self.made[-1]


Text = Union[str, bytes]
# A case's builder: keys in, (file content, [(line, key) expected]) out.
Build = Callable[[Made], 'tuple[Text, list[tuple[int, str]]]']


class Case(NamedTuple):
    id: str
    path: str
    build: Build


def marked(template: str, **values: str) -> tuple[str, list[tuple[int, str]]]:
    """Fill ``template`` (``str.format`` fields, ``{{``/``}}`` for braces);
    every field whose name does not start with ``_`` is a key expected on
    the line where the field stands.  Fields starting with ``_`` are filled
    but not expected (parts of a split key, decoy values)."""
    import string

    expected = []
    line = 1
    out = []
    for literal, field, spec, conv in string.Formatter().parse(template):
        out.append(literal)
        line += literal.count('\n')
        if field is None:
            continue
        value = format(values[field], spec or '')
        if not field.startswith('_'):
            expected.append((line, values[field]))
        out.append(value)
        line += value.count('\n')
    return ''.join(out), expected


def hex_cases(*rows: tuple[str, str, str]) -> list[Case]:
    """Cases from (id, path, template) rows: ``{hex}`` in a template is a
    legacy key expected on its line, ``{_hex}`` one that must not be
    reported (a decoy)."""
    def build(template: str) -> Build:
        def fill(m: Made) -> tuple[Text, list[tuple[int, str]]]:
            field = '_hex' if '{_hex}' in template else 'hex'
            return marked(template, **{field: m.hex()})
        return fill
    return [Case(case_id, path, build(template)) for case_id, path, template in rows]


def key_cases(*rows: tuple[str, str, str]) -> list[Case]:
    """Cases from (id, path, template) rows: each ``{key}`` / ``{hex}``
    field (``{key2}``, ...) is a fresh ``tgp_v1_`` / legacy key expected
    on its line; a field starting with ``_`` (``{_key}``, ``{_hex2}``) is
    a fresh one that must not be reported (``{_b64}``: random bytes in
    base64); ``{_key_a}{_key_b}`` (and
    ``_hex_a``/``_hex_b``) are one key split in two, expected on the line
    of its first part."""
    import string

    def build(template: str) -> Build:
        def fill(m: Made) -> tuple[Text, list[tuple[int, str]]]:
            values: dict[str, str] = {}
            split = []
            for _lit, field, _spec, _conv in string.Formatter().parse(template):
                if field is None or field in values:
                    continue
                kind = field.lstrip('_')[:3]
                if field in ('_key_a', '_hex_a', '_key_b', '_hex_b'):
                    if f'_{kind}_a' not in values:
                        whole = m.key() if kind == 'key' else m.hex()
                        values[f'_{kind}_a'], values[f'_{kind}_b'] = whole[:20], whole[20:]
                        split.append(whole)
                    continue
                if kind == 'b64':  # random bytes, base64: ciphertext, digests
                    import base64
                    values[field] = base64.b64encode(m.rng.randbytes(32)).decode()
                    continue
                values[field] = m.key() if kind == 'key' else m.hex()
            text, expected = marked(template, **values)
            expected += [(line_of(text, whole[:20]), whole) for whole in split]
            return text, expected
        return fill
    return [Case(case_id, path, build(template)) for case_id, path, template in rows]


# ------------------------------------------------------------ built once
# A case's build (its file and the keys it expects) is the same wherever
# a run asks for it: the set's own scan, its size check, the modes groups,
# tests/detect/accuracy_built.py and tests/hooks/first_stage_test.py
# each built every case again (~9 CPU-s for all of them, 5 of it
# encoded_heldout12's ``npm pack``, ``javac`` and ``gpg``).  ``built``
# builds a case once a process, and under xdist once a run: the first
# process to ask for a case builds every case of its set's module (its
# ``CASES``) under tests/once.py's lock and leaves them for the others.
# The keys are the same either way (``Made`` is seeded by the case id).

# id(case) -> (the case, kept so its id stays its own; its file; the
# [(line, key)] it expects; every key its build made)
_MEMO: dict[int, tuple[Case, Text, list[tuple[int, str]], list[str]]] = {}
_SHARED: list[tuple[str, str]] = []  # (the run's shared folder, the run's id)
_TABLES: set[str] = set()  # modules whose run-wide builds this process has read


def share_builds(root: os.PathLike[str] | str | None, run: str | None = None) -> None:
    """Build cases once a run: ``root`` is the folder the run's processes
    share (tests/once.py's ``run_root``), ``run`` the run's id; a
    ``TempPathFactory`` in place of ``root`` finds both (nothing without
    xdist: a process then builds each case once for itself)."""
    if root is not None and not isinstance(root, (str, os.PathLike)):
        from tests.once import run_root

        root = run_root(root)
        run = os.environ.get('PYTEST_XDIST_TESTRUNUID')
    if root is not None and run:
        _SHARED[:] = [(str(root), run)]


def _build_now(case: Case) -> tuple[Text, list[tuple[int, str]], list[str]]:
    made = Made(case.id)
    text, expected = case.build(made)
    return text, list(expected), made.made


def _home(case: Case) -> str | None:
    """The loaded tests.accuracy module whose ``CASES`` holds ``case``."""
    import sys

    for name in sorted(sys.modules):
        if name.startswith('tests.accuracy.'):
            if any(c is case for c in getattr(sys.modules[name], 'CASES', None) or ()):
                return name
    return None


def _read_table(module: str) -> None:
    """Every case of ``module``'s ``CASES``, built once a run."""
    import sys
    from pathlib import Path

    from tests.once import shared

    cases = list(sys.modules[module].CASES)

    def build() -> dict[str, Any]:
        out: dict[str, Any] = {}
        for case in cases:
            try:
                out[case.id] = _build_now(case)
            except Exception:  # built (and raised) again by the case's caller
                out[case.id] = None
        return out

    root, run = _SHARED[0]
    table = shared(Path(root), run, f'cases-{module}', build)
    _TABLES.add(module)
    for case in cases:
        if table.get(case.id) is not None and id(case) not in _MEMO:
            _MEMO[id(case)] = (case, *table[case.id])


def built(case: Case) -> tuple[Text, list[tuple[int, str]], list[str]]:
    """``case``'s (file, [(line, key) expected], every key made), built
    once (see above); each caller gets its own lists."""
    if id(case) not in _MEMO and _SHARED:
        module = _home(case)
        if module is not None and module not in _TABLES:
            _read_table(module)
    if id(case) not in _MEMO:
        _MEMO[id(case)] = (case, *_build_now(case))
    _case, text, expected, made = _MEMO[id(case)]
    return text, list(expected), list(made)


def line_of(text: Text, needle: Text) -> int:
    """1-based line where ``needle`` starts in ``text``."""
    at = text.index(needle)  # type: ignore[arg-type]
    return text.count('\n' if isinstance(text, str) else b'\n', 0, at) + 1  # type: ignore[arg-type]


class Results:
    def __init__(self) -> None:
        self.expected: dict[str, list[tuple[int, str]]] = {}
        self.found: dict[str, list[tuple[int, str]]] = {}
        self.paths: dict[str, str] = {}


def write_cases(
        root: os.PathLike[str] | str, cases: list[Case],
) -> tuple[Results, list[str]]:
    """Write every case under ``root/<case id>/``: what each expects, and
    every key made."""
    assert len({c.id for c in cases}) == len(cases)
    results = Results()
    made_all: list[str] = []
    for case in cases:
        text, expected, made = built(case)
        made_all += made
        rel = f'{case.id}/{case.path}'
        full = os.path.join(root, rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, 'wb') as f:
            f.write(text.encode() if isinstance(text, str) else text)
        results.expected[case.id] = sorted((ln, _sha1(k)) for ln, k in expected)
        results.found[case.id] = []
        results.paths[case.id] = rel
    return results, made_all


def run_cases(root: os.PathLike[str] | str, cases: list[Case]) -> Results:
    """Write every case under ``root/<case id>/``, scan once, sort findings."""
    results, made_all = write_cases(root, cases)
    by_path = {rel: case_id for case_id, rel in results.paths.items()}
    r = scan('--format', 'json', '.', cwd=root)
    assert r.rc in (0, 1), r.err
    assert leaked(made_all, r.out, r.err) == []
    for f in r.json()['findings']:
        case_id = by_path[outer_path(f['path'])]
        results.found[case_id].append((f['line'], f['hashed_secret']))
    for case_id in results.found:
        results.found[case_id].sort()
    return results


def outer_path(path: str) -> str:
    """The file a finding is in: a container's member is reported as
    ``file!member`` (``backup.zip!config/.env``)."""
    return path.split('!', 1)[0]


def _sha1(secret: str) -> str:
    """detect-secrets' ``hashed_secret``, what the JSON report carries."""
    return hashlib.sha1(secret.encode()).hexdigest()


class ToolCases:
    """Cases written by real tools (``base64``, ``xxd``, ``kubectl``...),
    each with the tools its file needs, for ``make_tests``' ``needs=``.

    ``case(build, path, *tools)``: a case named after ``build``, whose
    ``build(m)`` returns the file's bytes and the keys it holds (each
    expected, at line 0: the encoded sets hold a case to its keys,
    ``by_key=True``).  ``missing(case_id)``: the tools of that case this
    machine lacks."""

    def __init__(self) -> None:
        self.tools: dict[str, tuple[str, ...]] = {}

    def case(self, build: Callable[[Made], Any], path: str, *tools: str) -> Case:
        def fill(m: Made) -> tuple[Text, list[tuple[int, str]]]:
            data, keys = build(m)
            return data, [(0, k) for k in keys]
        case = Case(build.__name__.replace('_', '-'), path, fill)
        assert case.id not in self.tools, case.id
        self.tools[case.id] = tools
        return case

    def missing(self, case_id: str) -> list[str]:
        import shutil

        return [t for t in self.tools[case_id] if shutil.which(t) is None]


def keys_and_decoys(cases: Sequence[Case]) -> tuple[int, int]:
    """How many keys ``cases`` hold in all, and how many hold none (decoys):
    a held-out set's size, checked by its own test."""
    keys = decoys = 0
    for case in cases:
        _data, expected, _made = built(case)
        keys += len(expected)
        decoys += not expected
    return keys, decoys


def make_tests(
        cases: list[Case], missed: dict[str, str] | None = None,
        needs: Callable[[str], list[str]] | None = None, by_key: bool = False,
) -> tuple[Callable[..., Results], Callable[..., None]]:
    """A module-scoped ``results`` fixture (one scan of all ``cases``) and
    ``test_case``, one test per case.  In a test module::

        results, test_case = make_tests(CASES)

    ``missed``: case ids known to be missed, with why (a strict xfail:
    a case found again fails until its entry is removed).
    ``needs``: the tools a case needs that this machine lacks (a case
    needing one is neither written nor scanned, and its test is skipped).
    ``by_key``: a case is held to the keys its file yields, not to the
    line of each (the encoded sets: a decoded key's line is its block's).

    Without pytest (bench/run.py reads only ``CASES``, standard library
    only) there are no tests to make.
    """
    try:
        import pytest
    except ImportError:
        return None, None  # type: ignore[return-value]

    @pytest.fixture(scope='module')
    def results(request: Any, tmp_path_factory: pytest.TempPathFactory) -> Results:
        from tests.once import once

        share_builds(tmp_path_factory)
        # One scan a run, not one a worker (tests/once.py).
        return once(
            tmp_path_factory, request.module.__name__,
            lambda: run_cases(tmp_path_factory.mktemp('cases'), written),
        )

    written = [c for c in cases if needs is None or not needs(c.id)]
    missed = missed or {}
    assert set(missed) <= {c.id for c in cases}, set(missed) - {c.id for c in cases}

    @pytest.mark.parametrize('case_id', [
        pytest.param(c.id, marks=pytest.mark.xfail(reason=missed[c.id], strict=True))
        if c.id in missed else c.id
        for c in cases
    ])
    def test_case(results: Results, case_id: str) -> None:
        lacking = needs(case_id) if needs is not None else []
        if lacking:
            pytest.skip(f'needs {", ".join(lacking)}')
        found, expected = results.found[case_id], results.expected[case_id]
        if by_key:
            found = sorted({h for _line, h in found})
            expected = sorted({h for _line, h in expected})
            assert found == expected, (results.paths[case_id], len(found), len(expected))
        assert found == expected, (results.paths[case_id], found, expected)

    return results, test_case
