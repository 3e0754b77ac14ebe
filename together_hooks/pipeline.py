"""The data flow every entry point shares.

    sources (Content) -> detect.scan_bytes -> filters (baseline) -> report

Hooks and ``together-hooks scan`` differ only in where content comes from;
they add the same options (``add_options``) and call ``run``.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Iterable

from together_hooks.detect import Finding
from together_hooks.detect import scan_bytes
from together_hooks.errors import EXIT_CLEAN
from together_hooks.errors import EXIT_FINDINGS
from together_hooks.report import FORMATS
from together_hooks.report import Summary
from together_hooks.sources import Content


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        '--format', choices=sorted(FORMATS), default='text',
        help='report format (default: text)',
    )
    parser.add_argument(
        '--output', metavar='FILE',
        help='write the report to FILE; a text summary still goes to stdout',
    )


def scan_contents(
        contents: Iterable[Content], summary: Summary,
) -> list[Finding]:
    findings: list[Finding] = []
    for content in contents:
        summary.files_scanned += 1
        summary.bytes_scanned += len(content.data)
        findings.extend(scan_bytes(content.data, content.path))
    return findings


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` to ``path`` through a temp file and a rename."""
    import tempfile

    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix='.together-hooks-', dir=folder)
    try:
        with os.fdopen(fd, 'w', encoding='utf-8', newline='') as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def emit(findings: list[Finding], summary: Summary, args: argparse.Namespace) -> None:
    report = FORMATS[args.format](findings, summary)
    if args.output:
        write_atomic(args.output, report)
        if findings:
            sys.stdout.write(FORMATS['text'](findings, summary))
        print(f'{summary.tool}: report written to {args.output}')
    elif report:
        sys.stdout.write(report)


def run(contents: Iterable[Content], args: argparse.Namespace) -> int:
    """Scan, filter, report; the exit code every entry point returns."""
    summary = Summary()
    findings = scan_contents(contents, summary)
    findings.sort(key=lambda f: (f.path, f.line, f.column))
    emit(findings, summary, args)
    return EXIT_FINDINGS if findings else EXIT_CLEAN
