"""Session 34 (mut34): the refusal lines a caller makes beside the scan
(pre-receive's ``--forbid-env-files``: ``summary.refused``) are in every
format's report, with a key's finding beside them as well as alone.

gate_probe33's end-to-end test pushes an env file alone, so each format's
branch for a push refused for a key *and* an env file had no test (a
report naming the key alone passed), nor GitHub's escaping of the line
(a path holding ``%0A`` is read by GitHub as a line end).  Each format is
read here as it writes, in process: the process boundary is not the claim.
"""
from __future__ import annotations

import json
import random

import pytest

from tests.cli_run import leaked
from tests.keys import make_key
from together_hooks import report
from together_hooks.findings import Finding

REFUSED = ('deploy/.env: env file in pushed commit 0123456789ab; this server takes no env files '
           '(they hold local settings and secrets)')
# A path with what GitHub's workflow commands read as a line end.
PERCENT = 'odd%0Aname/.env: env file in pushed commit 0123456789ab; this server takes no env files'


def _summary(*lines: str) -> report.Summary:
    summary = report.Summary()
    summary.refused = list(lines)
    return summary


@pytest.fixture(scope='module')
def finding() -> Finding:
    return Finding('src/app.py', 3, 9, 'together-api-key', make_key(random.Random('mut34-refused')))


def _refusals(fmt: str, out: str) -> list[str]:
    """The refusal lines as the format carries them."""
    if fmt == 'json':
        return json.loads(out).get('refused', [])
    if fmt == 'sarif':
        invocation = json.loads(out)['runs'][0]['invocations'][0]
        return [n['message']['text'] for n in invocation.get('toolExecutionNotifications', [])
                if n['level'] == 'error']
    if fmt == 'github':
        return [line[len('::error::'):] for line in out.splitlines() if line.startswith('::error::')]
    return [line for line in out.splitlines() if 'env file in pushed commit' in line]


@pytest.mark.parametrize('with_key', (False, True), ids=('alone', 'beside-a-key'))
@pytest.mark.parametrize('fmt', ('text', 'json', 'sarif', 'github'))
def test_every_format_carries_the_refusal_lines(finding, fmt, with_key):
    findings = [finding] if with_key else []
    out = report.FORMATS[fmt](findings, _summary(REFUSED))
    assert _refusals(fmt, out) == [REFUSED], out
    if with_key:  # the key is still told, once
        assert out.count(finding.redacted) >= 1, out
    assert leaked([finding.secret], out) == []


@pytest.mark.parametrize('fmt', ('text', 'json', 'sarif', 'github'))
def test_the_decoy_a_clean_report_carries_no_refusal(finding, fmt):
    for findings in ([], [finding]):
        assert _refusals(fmt, report.FORMATS[fmt](findings, _summary())) == []


@pytest.mark.parametrize('with_key', (False, True), ids=('alone', 'beside-a-key'))
def test_a_refusal_line_is_escaped_as_a_workflow_command(finding, with_key):
    """GitHub reads ``%0A`` in a workflow command's message as a line end:
    the line's own ``%`` is written ``%25``, so the annotation shows the
    path as the server named it, one line."""
    out = report.github([finding] if with_key else [], _summary(PERCENT))
    assert _refusals('github', out) == [PERCENT.replace('%', '%25')], out
    # The decoy: a line with no `%` is written as it is.
    assert _refusals('github', report.github([], _summary(REFUSED))) == [REFUSED]
