"""A hook's arguments, read without argparse when they are plain.

pre-commit runs a hook as its configured ``args`` followed by file names,
``--baseline .secrets.baseline app.py deploy.sh``, on every commit.
Importing argparse and building a parser (argparse's gettext imports
``locale``) is a large share of a hook's start-up (bench/: the floor
rows), so :func:`parse` reads that shape itself: known options first
(``--name VALUE``, ``--name=VALUE``, ``--flag``), then file names.
Anything else (``--help``, an unknown or abbreviated option, an option
after a file name, a value that starts with ``-``) goes to the hook's
argparse parser, which owns every message and error.

No file can change what a hook does: pre-commit passes file names without
``--``, and only names that exist, so an argument that exists as a path is
a file wherever it stands (a committed file named ``--verify`` or
``--output`` is scanned, never obeyed).  Both paths apply that rule
(``fileio.is_file_arg``), so they still agree.

Both paths start from the same ``defaults`` (the full parser gets them via
``set_defaults``), and ``tests/hookargs_test.py`` holds them to the same
result for every argument list the quick path accepts.
"""
from __future__ import annotations

import sys

from together_hooks.fileio import is_file_arg

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    import types
    from typing import Any
    from typing import Callable
    from typing import Collection
    from typing import Mapping
    from typing import Sequence

    # How the quick path takes an option (the values of ``options``): ``str``
    # any value, ``list`` a value appended each time (``action='append'``),
    # ``bool`` a flag (``action='store_true'``), a set one of its values
    # (``choices``).
    Kind = type | Collection[str]


def parse(
        argv: Sequence[str] | None,
        build_parser: Callable[[], argparse.ArgumentParser],
        defaults: Mapping[str, Any],
        options: Mapping[str, Kind],
) -> Any:
    """The hook's arguments (``sys.argv[1:]`` when ``argv`` is None)."""
    args = sys.argv[1:] if argv is None else list(argv)
    parsed = quick(args, defaults, options)
    return parsed if parsed is not None else full(args, build_parser, defaults)


def full(
        argv: Sequence[str],
        build_parser: Callable[[], argparse.ArgumentParser],
        defaults: Mapping[str, Any],
) -> argparse.Namespace:
    """``argv`` read by the hook's argparse parser, from the same defaults."""
    from together_hooks.argparser import file_args

    parser = build_parser()
    parser.set_defaults(**_fresh(defaults))
    return parser.parse_args(file_args(argv, parser))


def _fresh(defaults: Mapping[str, Any]) -> dict[str, Any]:
    """The defaults, with lists of their own (``defaults`` stays as it is)."""
    return {k: list(v) if isinstance(v, list) else v for k, v in defaults.items()}


def quick(
        argv: Sequence[str],
        defaults: Mapping[str, Any],
        options: Mapping[str, Kind],
) -> types.SimpleNamespace | None:
    """``argv`` as the full parser would read it, or None when it is not
    plain (see the module docstring)."""
    values = _fresh(defaults)
    files: list[str] = []
    rest = iter(argv)
    for arg in rest:
        if is_file_arg(arg):
            files.append(arg)
            continue
        if files:
            return None
        name, eq, value = arg.partition('=')
        kind = options.get(name)
        if kind is None:
            return None
        dest = name[2:].replace('-', '_')
        if kind is bool:
            if eq:
                return None
            values[dest] = True
            continue
        if not eq:
            value = next(rest, '-')
            if value.startswith('-'):
                return None
        if kind is list:
            values[dest].append(value)
        elif kind is str or value in kind:
            values[dest] = value
        else:
            return None
    values['filenames'] = files
    return _Namespace(**values)


# ``types.SimpleNamespace``, as ``types`` itself defines it: that module is
# imported by nothing else a hook's commit loads.
_Namespace = type(sys.implementation)
