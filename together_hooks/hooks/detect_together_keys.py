"""Hook ``detect-together-keys``: block files that hold a Together API key."""
from __future__ import annotations

from typing import Sequence

from together_hooks import pipeline
from together_hooks import sources
from together_hooks.errors import ArgumentParser
from together_hooks.errors import configure_stdio
from together_hooks.errors import guard

PROG = 'detect-together-keys'


def main(argv: Sequence[str] | None = None) -> int:
    configure_stdio()
    parser = ArgumentParser(
        prog=PROG,
        description='Fail when any given file holds a Together AI API key.',
    )
    parser.add_argument('filenames', nargs='*', help='files to check')
    pipeline.add_options(parser)
    args = parser.parse_args(argv)
    return guard(PROG, lambda: pipeline.run(list(sources.from_paths(args.filenames)), args))


if __name__ == '__main__':
    raise SystemExit(main())
