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


def scan_one(content: Content) -> list[Finding]:
    """Every finding in one piece of content (the per-file detection step)."""
    return scan_bytes(content.data, content.path)


def _scan_serial(contents: Iterable[Content], summary: Summary) -> list[Finding]:
    findings: list[Finding] = []
    for content in contents:
        summary.files_scanned += 1
        summary.bytes_scanned += len(content.data)
        findings.extend(scan_one(content))
        content.release()
    return findings


# Below this many files a second process costs more than it saves.
PARALLEL_MIN_FILES = 256


def _scan_forked(contents: list[Content], summary: Summary) -> list[Finding]:
    """Scan half the files in a forked child, half here: both cores busy.

    Reading and the keyword prefilter hold the GIL, so threads would not
    help; a fork costs a few milliseconds and shares everything loaded.
    Results come back over a pipe as plain tuples.
    """
    import pickle

    from together_hooks.errors import InputError
    from together_hooks.errors import one_line

    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: scan every other file, send results, exit
        try:
            os.close(read_fd)
            child = Summary()
            found = _scan_serial(contents[1::2], child)
            payload = pickle.dumps((
                'ok', child.files_scanned, child.bytes_scanned,
                [(f.path, f.line, f.column, f.rule, f.secret, f.encoding)
                 for f in found],
            ))
        except BaseException as e:
            payload = pickle.dumps(('error', one_line(f'{type(e).__name__}: {e}')))
        try:
            with os.fdopen(write_fd, 'wb') as f:
                f.write(payload)
        finally:
            os._exit(0)
    os.close(write_fd)
    try:
        findings = _scan_serial(contents[0::2], summary)
    finally:
        with os.fdopen(read_fd, 'rb') as f:
            payload = f.read()
        os.waitpid(pid, 0)
    result = pickle.loads(payload) if payload else ('error', 'worker died')
    if result[0] != 'ok':
        raise InputError(f'scan worker failed: {result[1]}')
    summary.files_scanned += result[1]
    summary.bytes_scanned += result[2]
    findings.extend(Finding(*fields) for fields in result[3])
    return findings


def scan_contents(
        contents: Iterable[Content], summary: Summary,
) -> list[Finding]:
    # Only a list of file-backed content is split; streams (the index,
    # history) are scanned as they arrive so memory stays flat.
    if (
            isinstance(contents, list) and len(contents) >= PARALLEL_MIN_FILES
            and hasattr(os, 'fork') and (os.cpu_count() or 1) > 1
            and all(c.fs_path is not None for c in contents)
    ):
        return _scan_forked(contents, summary)
    return _scan_serial(contents, summary)


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
