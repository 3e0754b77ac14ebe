"""A failing test's report shows no key (tests/report_scrub.py), run through
a real pytest in a child process, as CI runs the suite."""
from __future__ import annotations

import os
import random
import subprocess
import sys

from tests.keys import make_hex
from tests.keys import make_key

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

INNER = '''\
import random

from tests.keys import make_hex, make_key


def test_compares_a_key():
    key = make_key(random.Random(7))
    print('captured', key)
    assert len(key) == 49 or key.upper() == key


def test_compares_a_legacy_key():
    key = make_hex(random.Random(8))
    assert key in 'nothing here'
'''


def test_a_failing_tests_report_shows_no_key(tmp_path):
    test_file = tmp_path / 'inner_test.py'
    test_file.write_text(INNER)
    env = {**os.environ, 'PYTHONPATH': ROOT}
    run = subprocess.run(
        (sys.executable, '-m', 'pytest', '-p', 'tests.report_scrub', '-p', 'no:cacheprovider',
         '-rA', '--rootdir', str(tmp_path), str(test_file)),
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    out = run.stdout + run.stderr
    assert run.returncode == 1, out[-2000:]
    assert '2 failed' in out
    assert 'redacted by tests/report_scrub.py' in out
    key = make_key(random.Random(7))
    legacy = make_hex(random.Random(8))
    for secret in (key, key.upper(), legacy):
        assert secret[-30:] not in out
    assert 'captured tgp_v1_' in out  # the captured section is shown, scrubbed
