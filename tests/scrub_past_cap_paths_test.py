"""Past the scrub's cap, a report and a baseline still name each file.

Past ``MAX_KNOWN`` (lowered here so the run is cheap) the scrub withholds
every run that may be a piece of a key it did not learn (``_OVER_RUN``:
16 characters of ``[A-Za-z0-9+/=_%\\-]``, ``/`` included).  Such a run is
read as a path of words (``scrub._over_words``): only a part that is no
word is withheld, so ``payment_processing_worker/settings.py`` stays
whole in the report and the baseline (on 2fbd887 both said
``[withheld].py``: corrupt, the next run found each key new), while a key
inside a path (``tgp_v1_…``, 64 hex digits, their base64) is still
withheld.
"""
from __future__ import annotations

import base64
import json
import os
import random
import subprocess
import sys

import pytest

import together_hooks.detect.scrub as scrub
from together_hooks.detect.scrub import Scrubber
from tests.leak_probe_test import exposed
from tests.keys import make_hex
from tests.keys import make_key

_CAPPED = (
    'import atexit, sys, together_hooks.detect.scrub as s\n'
    's.MAX_KNOWN = 8\n'
    'learn, s.PAST = s.Scrubber.learn, False\n'
    'def counted(self, *args, **kw):\n'
    '    learn(self, *args, **kw)\n'
    '    s.PAST = s.PAST or self._over != 0\n'
    's.Scrubber.learn = counted\n'
    'atexit.register(lambda: sys.__stderr__.write(f"past the cap: {s.PAST}\\n"))\n'
    'from together_hooks.cli import main\n'
    'sys.argv[0] = "together-hooks"\n'
    'sys.exit(main())\n'
)


def test_past_the_cap_a_report_and_a_baseline_keep_each_path(git_repo):
    rng = random.Random(91)
    keys = [make_key(rng) for _ in range(12)]
    path = 'payment_processing_worker/settings.py'
    os.makedirs(git_repo / 'payment_processing_worker')
    (git_repo / path).write_text(''.join(f'KEY_{i} = "{k}"\n' for i, k in enumerate(keys)))
    subprocess.run(['git', 'add', '-A'], cwd=git_repo, check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(('GIT_', 'TOGETHER'))}
    env.update(PYTHONIOENCODING='utf-8', LC_ALL='C.UTF-8')
    texts = []
    for argv in (('scan', '--format', 'json', '--output', 'r.json'), ('baseline', 'create')):
        proc = subprocess.run((sys.executable, '-c', _CAPPED, *argv), cwd=git_repo, env=env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode in (0, 1), proc.stderr
        assert 'past the cap: True' in proc.stderr, proc.stderr  # the scrub withholds
        texts += [proc.stdout, proc.stderr]
    report = json.loads((git_repo / 'r.json').read_text())
    baseline = json.loads((git_repo / '.secrets.baseline').read_text())
    texts += [json.dumps(report), json.dumps(baseline)]
    assert exposed(keys, *texts) == []
    assert {f['path'] for f in report['findings']} == {path}
    assert list(baseline['results']) == [path]


def test_past_the_cap_a_key_in_a_path_is_withheld_and_its_words_kept(monkeypatch, capfd):
    monkeypatch.setattr(scrub, 'MAX_KNOWN', 2)
    rng = random.Random(92)
    keys = [make_key(rng) for _ in range(4)] + [make_hex(rng) for _ in range(2)]
    scrubber = Scrubber(keys)
    late = keys[3:]
    assert scrubber._over  # these keys were not learnt
    b64 = base64.b64encode(late[2].encode()).decode()
    for text, shown in (
            # a key in view is shown as its ends (``redact``), known or not
            (f'payment_processing_worker/{late[0]}/settings.py',
             f'payment_processing_worker/{late[0][:9]}…{late[0][-2:]}/settings.py'),
            (f'payment_processing_worker/{late[0][7:]}/settings.py',
             'payment_processing_worker/[withheld]/settings.py'),
            (f'secrets/together-api-key-{late[1]}.txt',
             f'secrets/together-api-key-{late[1][:4]}…{late[1][-2:]}.txt'),
            (f'build_cache/{late[1]}/output.txt', 'build_cache/[withheld]/output.txt'),
            (f'refs/heads/together-{late[2]}', 'refs/heads/together-[withheld]'),
            # (base64's padding is no piece of a key)
            (f'cache/{b64}/index', f'cache/[withheld]{b64[len(b64.rstrip("=")):]}/index'),
    ):
        line = scrubber.scrub(f'error: {text}: no such file')
        assert line == f'error: {shown}: no such file', line
        assert exposed(late, line) == []
    assert 'more keys known' in capfd.readouterr().err
    for text in ('payment_processing_worker/settings.py', 'TOGETHER_API_KEY_FILE_PATH',
                 'src/MyComponentView/TestRunnerAlpha.tsx', 'python3.11/site-packages/setuptools'):
        assert scrubber.scrub(text) == text


def test_past_the_cap_a_keys_random_characters_seldom_read_as_words():
    """A key's forms past the cap (a key, its body, a legacy key, their
    base64) over 4,000 seeded keys: no form shown whole, no piece of a
    key's own of 32 characters or more shown as words, and one of 16 or
    more (``_OVER_RUN``'s bound) seldom (``_OVER_CHANCE``; measured: 9
    forms in 250,000, each 16 to 22 characters)."""
    rng = random.Random(93)
    forms = 0
    pieces = []
    for _ in range(4000):
        key, legacy = make_key(rng), make_hex(rng)
        for form in (key, key[7:], base64.b64encode(key.encode()).decode(), legacy,
                     base64.b64encode(bytes.fromhex(legacy)).decode()):
            forms += 1
            pieces += [piece for piece in scrub._over_words(form).split(scrub.WITHHELD)
                       if len(piece.replace('tgp_v1_', '')) >= 16]
    assert forms == 20000
    assert len(pieces) <= 4 and all(len(piece) < 32 for piece in pieces), pieces
