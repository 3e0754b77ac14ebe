"""A failing test's report never shows a whole key.

pytest's assertion rewriting prints the values an ``assert`` compared and
the calls that made them (``where '…' = hash_secret('tgp_v1_…')``), and a
failure prints what the test captured: a key a test built at run time
reaches the terminal and CI's log that way.  The report is scrubbed where
pytest makes it (in the worker, under xdist), before any reporter sees it:
a ``tgp_v1_`` run (in either case) keeps its prefix and four characters, a 64-hex run its
first eight.  Passing tests' reports are left alone (nothing of them is
shown but with ``-rA``, which shows the same scrubbed sections).
"""
from __future__ import annotations

import re

import pytest

_KEYISH = re.compile(
    r'(tgp_v1_[a-z0-9_-]{4})[a-z0-9_-]{4,}|(?<![0-9a-f])([0-9a-f]{8})[0-9a-f]{56}(?![0-9a-f])',
    re.IGNORECASE,
)


def scrub(text: str) -> str:
    return _KEYISH.sub(lambda m: (m[1] or m[2]) + '…[redacted by tests/report_scrub.py]', text)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed and report.longrepr is not None:
        text = report.longreprtext
        clean = scrub(text)
        if clean != text:
            report.longrepr = clean
    report.sections = [(title, scrub(content)) for title, content in report.sections]
