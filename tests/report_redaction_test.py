"""Each report format redacts on its own, before the output scrub.

Every line a command writes passes the scrub at the edge (runtime), which
also hides a key missing a character or two: a format that printed most of
a key would still show nothing whole, so the end-to-end tests could not
tell.  Here each format's text is read as the format wrote it, the scrub
not run: it is the first net, the scrub the second.
"""
from __future__ import annotations

import json
import random

from tests.cli_run import leaked
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks import report
from together_hooks.findings import Finding


def _findings(rng: random.Random) -> list[Finding]:
    current = Finding('src/app.py', 3, 9, 'together-api-key', make_key(rng))
    legacy = Finding('deploy/.env', 1, 18, 'together-legacy-api-key', make_hex(rng))
    in_commit = Finding('old/config.yml', 7, 5, 'together-api-key', make_key(rng))
    in_commit.commit, in_commit.author, in_commit.date = 'a' * 40, 'Dev <dev@example.com>', '2026-01-02'
    in_tag = Finding('', 1, 1, 'together-api-key', make_key(rng))
    in_tag.commit, in_tag.tag, in_tag.reached = 'b' * 40, 'v1', 'tag'
    return [current, legacy, in_commit, in_tag]


def test_every_format_shows_no_run_of_any_key_before_the_scrub():
    findings = _findings(random.Random(2417))
    keys = [f.secret for f in findings]
    for fmt, render in report.FORMATS.items():
        out = render(findings, report.Summary())
        assert leaked(keys, out) == [], fmt
        if fmt in ('json', 'sarif'):
            json.loads(out)
        # Each finding is still named by its redacted form, not dropped.
        assert all(f.redacted in out for f in findings), fmt
