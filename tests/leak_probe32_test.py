"""Session 32's hostile probe: names the tool reports that the user chose.

A report names the variable where a key you hold lives (`a copy of a key
you hold (in the variable NAME)`): a legacy key written into that name
was shown whole, in every format, by the hook and by `scan`.  Keys are
made here at run time (`tests/keys.py`); every output is read by
`leaked`.
"""
from __future__ import annotations

import os
import random

import pytest

from tests.cli_run import leaked
from tests.cli_run import run_in_process
from tests.keys import make_hex
from tests.keys import make_key


@pytest.fixture(scope='module')
def named(tmp_path_factory):
    """A repository whose file holds a copy of the developer's key, and
    whose other file is named after a SHA-256 digest (a decoy)."""
    from tests.conftest import git

    rng = random.Random('leak-probe-32-names')
    held, legacy, digest = make_key(rng), make_hex(rng), make_hex(rng)
    repo = tmp_path_factory.mktemp('named') / 'repo'
    repo.mkdir()
    git(repo, 'init', '-q', '-b', 'main')
    (repo / 'app.py').write_text(f'KEY = "{held}"\n')
    (repo / f'{digest}.txt').write_text(f'KEY = "{held}"\n')
    git(repo, 'add', '.')
    return repo, held, legacy, digest


def _environ(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if 'TOGETHER' not in k.upper()}
    env.update(extra)
    return env


@pytest.mark.parametrize('shape', ['MY_{}_TOKEN', '{}', 'LLM_{}', 'KEY_{}_X'])
@pytest.mark.parametrize('command', [
    ('detect-together-keys', 'app.py', '<digest>.txt'),
    ('together-hooks', 'scan'),
    ('together-hooks', 'scan', '--staged', '--format', 'text'),
])
def test_a_legacy_key_in_the_name_of_a_variable_holding_your_key_is_not_shown(named, shape, command):
    """`MY_<legacy key>_TOKEN=<your tgp_v1_ key>`: the own-key finding
    says where the key lives, and said `in the variable MY_<the legacy key
    whole>_TOKEN`.  A 64-hex run in the name of a variable that holds a
    Together key sits with one; the scrub reads it from the environment
    before anything is shown (in capitals too).  The decoy: a file named
    after a SHA-256 digest, which also names a variable holding no key,
    is still shown whole."""
    repo, held, legacy, digest = named
    name = shape.format(legacy.upper() if shape == 'LLM_{}' else legacy)
    env = _environ(**{name: held, f'CACHE_{digest}': '1'})
    result = run_in_process(*(c.replace('<digest>', digest) for c in command), cwd=repo, env=env)
    assert result.rc == 1, result.out + result.err
    out = result.out + result.err
    assert 'a copy of a key you hold (in the variable ' in out, out
    assert leaked([legacy, held], out) == [], out
    assert f'{digest}.txt' in out, out  # a digest is no key: its name stays


def test_a_variable_holding_no_key_teaches_nothing(named):
    """A decoy: a 64-hex run in the name of a variable whose value is no
    key (a cache's digest) is shown as it is where a path holds it."""
    repo, held, legacy, digest = named
    env = _environ(**{f'BUILD_{digest}': 'not a key', 'TOGETHER_API_KEY': held})
    result = run_in_process('together-hooks', 'scan', cwd=repo, env=env)
    assert result.rc == 1, result.err
    assert f'{digest}.txt' in result.out, result.out
    assert leaked([held], result.out, result.err) == []
