"""The umbrella command ``together-hooks``.

Each subcommand is a module in this package with ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``; list it in ``COMMANDS``.
Modules import their heavy dependencies inside ``run``, so ``--help`` and
the common path stay fast.
"""
from __future__ import annotations

import sys

from together_hooks.runtime import configure_process
from together_hooks.runtime import guard

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    import types
    from typing import Sequence

    from together_hooks.argparser import ArgumentParser

PROG = 'together-hooks'
COMMANDS = (
    'scan',
    'doctor',
    'rotate-help',
    'baseline',
    'scan-org',
    'pre-receive',
)

EPILOG = """\
examples:
  together-hooks scan               this repository's tracked and not-ignored files
  together-hooks scan --history     every commit of every branch and tag
  together-hooks doctor             the Together security checklist
  together-hooks scan --help        a command's options and exit codes

exit codes: 0 nothing found, 1 findings, 2 usage or input error (one line on stderr)"""


def _module(name: str):  # type: ignore[no-untyped-def]
    import importlib  # (and its warnings) only where a parser is built

    return importlib.import_module(f'together_hooks.cli.{name.replace("-", "_")}')


def build_parser(only: str | None = None) -> ArgumentParser:
    """The parser; with ``only``, just that subcommand's module is imported
    and configured (the others are listed by name alone: the top-level
    help, which shows each one's HELP, is never printed then), so a scan
    does not pay for importing doctor or baseline."""
    from together_hooks.argparser import ArgumentParser

    parser = ArgumentParser(
        prog=PROG,
        description='Keep Together AI API keys and .env files out of git.',
        epilog=EPILOG,
    )
    sub = parser.add_subparsers(dest='command', metavar='COMMAND')
    for name in COMMANDS:
        if only is not None and name != only:
            sub.add_parser(name)
            continue
        module = _module(name)
        cmd = sub.add_parser(
            name, help=module.HELP, description=module.HELP,
            epilog=getattr(module, 'EPILOG', None), usage=getattr(module, 'USAGE', None),
        )
        module.add_arguments(cmd)
        cmd.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    configure_process()
    argv = sys.argv[1:] if argv is None else list(argv)
    args: argparse.Namespace | types.SimpleNamespace | None = quick_scan(argv)
    if args is None:
        parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
        args = parser.parse_args(argv)
        if args.command is None:
            parser.error(f'a command is required: {", ".join(COMMANDS)}')
    run = args.run
    return guard(PROG, lambda: run(args), args)


def console() -> int:
    """The ``together-hooks`` console script: ``main`` over the process's
    own command line, then the process ends without Python's teardown
    (``errors.exit_now``: its exit functions run, its streams are
    flushed; a profiler, a thread still at work or a stream that cannot be
    flushed leave the exit to Python).  ``main`` called in process (the
    tests, a tool importing us) returns its code, as before."""
    from together_hooks.errors import exit_now

    code = main()
    exit_now(code)
    return code


def quick_scan(argv: Sequence[str]) -> types.SimpleNamespace | None:
    """``scan`` with PATHs first and options after them (``scan src
    --format json``), or options alone (``scan --staged``), read as the
    full parser reads it, without argparse (``hookargs.quick``); None for
    anything else: a PATH after an option (argparse takes one run of
    PATHs: ``scan a --staged b`` is its error), a PATH that starts with
    ``-`` (``-`` is standard input, and a file named ``--staged`` is the
    flag to argparse), an empty one, another command, an option it does
    not know, ``--help``."""
    if argv[:1] != ['scan']:
        return None
    from together_hooks.cli import scan
    from together_hooks.hookargs import quick

    rest = argv[1:]
    n = 0
    while n < len(rest) and rest[n][:1] not in ('-', ''):
        n += 1
    args = quick(rest[n:], scan.DEFAULTS, scan.QUICK_OPTIONS)
    if args is None or args.filenames:
        return None
    del args.filenames
    args.paths = list(rest[:n])
    args.command, args.run = 'scan', scan.run
    return args


if __name__ == '__main__':
    raise SystemExit(console())
