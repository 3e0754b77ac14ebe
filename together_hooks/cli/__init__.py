"""The umbrella command ``together-hooks``.

Each subcommand is a module in this package with ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``; list it in ``COMMANDS``.
Modules import their heavy dependencies inside ``run``, so ``--help`` and
the common path stay fast.
"""
from __future__ import annotations

import importlib
from typing import Sequence

from together_hooks import __version__
from together_hooks.errors import ArgumentParser
from together_hooks.errors import configure_stdio
from together_hooks.errors import guard

PROG = 'together-hooks'
COMMANDS = (
    'scan',
    'doctor',
    'rotate-help',
    'baseline',
)


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog=PROG,
        description='Keep Together AI API keys and .env files out of git.',
    )
    parser.add_argument('--version', action='version', version=f'%(prog)s {__version__}')
    sub = parser.add_subparsers(dest='command', metavar='COMMAND')
    for name in COMMANDS:
        module = importlib.import_module(f'together_hooks.cli.{name.replace("-", "_")}')
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        cmd.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    configure_stdio()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    return guard(PROG, lambda: args.run(args), args)


if __name__ == '__main__':
    raise SystemExit(main())
