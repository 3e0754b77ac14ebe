"""The package's folders are its layers (docs/architecture.md): every
module imports only from layers below its own, and no import cycle exists.

Every import counts, function-local ones included (a lazy import is a
dependency too); only those under ``if TYPE_CHECKING:`` do not.  Modules
in the same folder (a subpackage) may import each other, but not in a
cycle.
"""
from __future__ import annotations

import ast
import functools
import os

import pytest

import together_hooks

PACKAGE = 'together_hooks'
ROOT = os.path.dirname(os.path.abspath(together_hooks.__file__))

# Lowest first: a module may import from any layer before its own.  A
# package name covers every module in it.  Kept in step with the table in
# docs/architecture.md (test_docs_show_the_same_table).
LAYERS: tuple[tuple[str, ...], ...] = (
    ('together_hooks', 'regex_cache'),
    ('errors', 'findings', 'rules', 'messages', 'gitdir', 'proc', 'threads'),
    ('gitrun', 'fileio', 'userregex'),
    ('detect', 'config'),
    ('sources', 'env'),
    ('baseline',),
    ('filters', 'verify', 'report', 'audit_log'),
    ('pipeline',),
    ('doctor', 'org'),
    ('runtime', 'argparser'),
    ('hookargs',),
    ('hooks', 'cli', 'detect_secrets_plugin'),
    ('__main__',),
)


def modules() -> dict[str, str]:
    """Dotted name -> file, for every module in the package."""
    found = {}
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d != '__pycache__')
        rel = os.path.relpath(folder, ROOT)
        prefix = PACKAGE if rel == '.' else f'{PACKAGE}.{rel.replace(os.sep, ".")}'
        for name in sorted(files):
            if name.endswith('.py'):
                mod = prefix if name == '__init__.py' else f'{prefix}.{name[:-3]}'
                found[mod] = os.path.join(folder, name)
    return found


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (
        isinstance(test, ast.Name) and test.id == 'TYPE_CHECKING'
        or isinstance(test, ast.Attribute) and test.attr == 'TYPE_CHECKING'
    )


def imports_of(path: str, module: str, known: set[str]) -> set[str]:
    """Our modules ``module`` imports anywhere in its file (functions too),
    except under ``if TYPE_CHECKING:``."""
    with open(path, encoding='utf-8') as f:
        tree = ast.parse(f.read(), path)
    package = module if path.endswith('__init__.py') else module.rpartition('.')[0]
    out: set[str] = set()

    def add(name: str) -> None:
        while name and name not in known:  # a name imported from a module
            name = name.rpartition('.')[0]
        if name and name != module:
            out.add(name)

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ''
            if node.level:
                parts = package.split('.')
                parts = parts[:len(parts) - node.level + 1]
                base = '.'.join(parts + ([base] if base else []))
            for alias in node.names:
                add(f'{base}.{alias.name}')
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {m for m in out if m == PACKAGE or m.startswith(PACKAGE + '.')}


def layer_of(module: str) -> tuple[int, str]:
    """(layer index, unit): the unit is the top-level module or package."""
    parts = module.split('.')
    unit = parts[1] if len(parts) > 1 else PACKAGE
    for i, names in enumerate(LAYERS):
        if unit in names:
            return i, unit
    raise AssertionError(
        f'{module}: not in any layer of LAYERS (add it, and to docs/architecture.md)',
    )


@functools.lru_cache(maxsize=None)
def graph() -> dict[str, set[str]]:
    """Each module's imports; parsed once for the three tests that read
    them (the package's files do not change during a run)."""
    found = modules()
    known = set(found)
    return {mod: imports_of(path, mod, known) for mod, path in found.items()}


def test_every_module_has_a_layer():
    for mod in modules():
        layer_of(mod)


def test_imports_only_point_down():
    wrong = []
    for mod, deps in sorted(graph().items()):
        mine, unit = layer_of(mod)
        for dep in sorted(deps):
            theirs, dep_unit = layer_of(dep)
            if dep == PACKAGE or dep_unit == unit and unit != PACKAGE:
                continue  # the package itself (its version), or its own folder
            if theirs >= mine:
                wrong.append(f'{mod} imports {dep} (layer {mine} -> {theirs})')
    assert wrong == []


def test_no_import_cycle():
    deps = graph()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles = []

    def walk(mod: str, path: list[str]) -> None:
        state[mod] = 1
        for dep in sorted(deps.get(mod, ())):
            if dep == PACKAGE:
                continue
            if state.get(dep) == 1:
                cycles.append(' -> '.join(path[path.index(dep):] + [dep]))
            elif dep not in state:
                walk(dep, path + [dep])
        state[mod] = 2

    for mod in sorted(deps):
        if mod not in state:
            walk(mod, [mod])
    assert cycles == []


# A source says what content there is; deciding what is a key is the
# pipeline's, handed down as a function (``Scan``).  From detect/ a source
# may take only the scrubber, for the names and messages it shows.
SOURCES_MAY_USE = {'together_hooks.detect.scrub'}


def test_sources_detect_only_through_the_function_they_are_given():
    wrong = [
        f'{mod} imports {dep}'
        for mod, deps in sorted(graph().items())
        if mod.startswith(f'{PACKAGE}.sources')
        for dep in sorted(deps)
        if dep not in SOURCES_MAY_USE and layer_of(dep)[1] in ('detect', 'rules', 'config')
    ]
    assert wrong == []


def test_docs_show_the_same_table():
    with open(os.path.join(ROOT, os.pardir, 'docs', 'architecture.md'), encoding='utf-8') as f:
        doc = f.read()
    for names in LAYERS:
        for name in names:
            if name in ('together_hooks', '__main__'):
                continue
            shown = f'`{name}/`' if os.path.isdir(os.path.join(ROOT, name)) else f'`{name}`'
            assert shown in doc, f'{shown} is missing from docs/architecture.md'


@pytest.mark.parametrize(('source', 'expected'), [
    ('import together_hooks.detect.engine\n', {'together_hooks.detect.engine'}),
    ('def f():\n    from together_hooks import pipeline\n', {'together_hooks.pipeline'}),
    ('from together_hooks.findings import Finding\n', {'together_hooks.findings'}),
    ('TYPE_CHECKING = False\nif TYPE_CHECKING:\n    from together_hooks import cli\n', set()),
    ('from . import engine\n', {'together_hooks.detect.engine'}),
])
def test_imports_of_counts_lazy_imports_not_type_checking(tmp_path, source, expected):
    path = tmp_path / 'mod.py'
    path.write_text(source)
    known = set(modules())
    assert imports_of(str(path), 'together_hooks.detect.mod', known) == expected
