"""``together-hooks doctor``: the Together security checklist, checked.

The checks live in ``doctor/checks.py``; this command parses its arguments
and prints their results.  Exit 1 when any check fails, 0 otherwise, 2 when
PATH is not a git work tree.
"""
from __future__ import annotations

import argparse

from together_hooks.doctor.checks import Check
from together_hooks.doctor.checks import FAIL
from together_hooks.doctor.checks import PASS
from together_hooks.doctor.checks import Repo
from together_hooks.doctor.checks import run_checks
from together_hooks.doctor.checks import WARN
from together_hooks.errors import EXIT_CLEAN
from together_hooks.errors import EXIT_FINDINGS

HELP = 'check a repository against the Together security checklist'
EPILOG = """\
examples:
  together-hooks doctor                 the current repository
  together-hooks doctor --format json   the checks as JSON

exit codes: 0 no check failed (warnings allowed), 1 a check failed,
  2 usage or input error (one line on stderr)"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        'path', nargs='?', default='.', metavar='PATH',
        help='the repository to check (default: the current one)',
    )
    parser.add_argument(
        '--format', choices=('text', 'json'), default='text',
        help='report format (default: text)',
    )


def render_text(root: str, checks: list[Check]) -> str:
    from together_hooks.report import shown_path  # a newline in a file name stays one line

    lines = [f'together-hooks doctor: {shown_path(root)}']
    for c in checks:
        tag = {PASS: 'pass', WARN: 'WARN', FAIL: 'FAIL'}[c.status]
        lines.append(f'[{tag}] {c.id}: {shown_path(c.detail)}')
        if c.fix and c.status != PASS:
            lines.append(f'       fix: {shown_path(c.fix)}')
    counts = {s: sum(1 for c in checks if c.status == s) for s in (FAIL, WARN, PASS)}
    lines.append(f'{counts[FAIL]} failed, {counts[WARN]} warning(s), {counts[PASS]} passed')
    return '\n'.join(lines) + '\n'


def render_json(checks: list[Check]) -> str:
    from together_hooks.messages import json_text

    return json_text({'checks': [c.to_dict() for c in checks]}, indent=2) + '\n'


def run(args: argparse.Namespace) -> int:
    import sys

    from together_hooks.detect.scrub import scrub

    from together_hooks import config

    repo = Repo.at(args.path)
    config.load(repo.root)  # an invalid config file is exit 2, not a failed check
    checks = run_checks(repo)
    out = render_json(checks) if args.format == 'json' else render_text(repo.root, checks)
    sys.stdout.write(scrub(out))  # details carry redacted keys only; be sure
    return EXIT_FINDINGS if any(c.status == FAIL for c in checks) else EXIT_CLEAN
