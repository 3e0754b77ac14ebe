"""``together-hooks scan``: a repository, folders, files, or what is staged."""
from __future__ import annotations

import argparse
import os
from typing import Iterator

from together_hooks import pipeline
from together_hooks import sources
from together_hooks.errors import InputError

HELP = 'scan a repository, folders or files for Together API keys'


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        'paths', nargs='*', metavar='PATH',
        help='files or folders (default: the current repository; a folder '
             'outside git is walked)',
    )
    parser.add_argument(
        '--staged', action='store_true',
        help='scan exactly what the next commit will contain (the git index)',
    )
    pipeline.add_options(parser)


def contents(args: argparse.Namespace) -> Iterator[sources.Content]:
    """Where the content comes from, by the options given."""
    if args.staged:
        if args.paths:
            raise InputError('--staged takes no PATH')
        root = sources.git_toplevel('.')
        if root is None:
            raise InputError('--staged needs a git repository (run it inside one)')
        return sources.staged(root)
    if not args.paths:
        return sources.from_tree(sources.git_toplevel('.') or '.')
    if len(args.paths) == 1 and os.path.isdir(args.paths[0]):
        # One folder: it is the scan root; paths are shown relative to it.
        return sources.from_tree(args.paths[0])
    for path in args.paths:
        if not os.path.lexists(path):
            raise InputError(f'{path}: no such file or directory')
    return list(sources.from_paths(args.paths))


def run(args: argparse.Namespace) -> int:
    return pipeline.run(contents(args), args)
