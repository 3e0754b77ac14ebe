"""The outside38 held-out set's git-level shapes (session 38): the places
of ``tests/accuracy/outside38_test.py`` where a key ends up outside any
file's last version, each through the real modes that must refuse it.

A key added and removed within one push (Claude Code's ``settings.json``
then the env reference, a Streamlit ``secrets.toml`` with a legacy key
then deleted, a gzipped asciinema cast then deleted), a key in a commit
message (a ``vercel env add`` transcript pasted as the test plan, a
legacy key with the LiteLLM model a developer names), in a file's path
(a key exported to a file named after it), in a symlink's target; and
decoys of the same shapes (a settings file reading the environment added
and removed, a message naming a key id and a commit SHA beside
``together``, a symlink to a digest-named cache).

The machinery is ``tests/gate_stack.py``'s.  A case holding a legacy key
sets it as its ``c.key`` (what each mode must name).  ``MISSED``: strict
xfails, with why; measured at 5418d64c.
"""
from __future__ import annotations

import gzip
import json
import os
from typing import Iterator

import pytest

from tests.gate_stack import Ctx
from tests.gate_stack import judge
from tests.gate_stack import PUSHES
from tests.gate_stack import Suite
from tests.keys import make_hex

SUITE = Suite('outside38')
CASES = SUITE.cases
case = SUITE.case
RANGE = (*PUSHES, 'diff', 'history')


# --- a key in a commit the next one removes -------------------------------------

@case(*RANGE, stack='removed38')
def claude_settings_added_then_env_reference(c: Ctx) -> None:
    c.write('.claude/settings.json', json.dumps({'env': {'TOGETHER_API_KEY': c.key}}, indent=2))
    c.commit('claude: project env')
    c.write('.claude/settings.json', json.dumps({'env': {'TOGETHER_API_KEY': '${TOGETHER_API_KEY}'}}, indent=2))
    c.commit('claude: read the key from the environment')


@case(*RANGE, stack='removed38')
def streamlit_secrets_legacy_added_then_deleted(c: Ctx) -> None:
    key = c.legacy()
    c.write('.streamlit/secrets.toml', f'[together]\napi_key = "{key}"\n')
    c.commit('streamlit secrets')
    os.remove(c.root / '.streamlit/secrets.toml')
    c.write('.gitignore', '.streamlit/secrets.toml\n')
    c.commit('oops: ignore secrets.toml')


@case(*RANGE, stack='removed38')
def gzipped_cast_added_then_deleted(c: Ctx) -> None:
    cast = ('{"version": 2, "width": 80, "height": 24}\n'
            f'[1.0, "o", "$ export TOGETHER_API_KEY={c.key}\\r\\n"]\n')
    c.write('docs/demo.cast.gz', gzip.compress(cast.encode(), mtime=0))
    c.commit('docs: demo recording')
    os.remove(c.root / 'docs/demo.cast.gz')
    c.commit('docs: drop recording')


# --- a key in a commit message ----------------------------------------------------

@case('commit', *PUSHES, 'history', stack='message38')
def message_vercel_env_add_transcript(c: Ctx) -> Iterator[None]:
    yield
    c.write('m38a.py', 'x = 1\n')
    c.git('add', 'm38a.py')
    msg = ('Deploy summarizer on Vercel\n\nTest plan:\n'
           f"  $ printf '{c.key}' | vercel env add TOGETHER_API_KEY production\n"
           '  Added Environment Variable TOGETHER_API_KEY to Project chat [212ms]\n')
    if c.hooked_commit('-m', msg):
        c.git('commit', '-q', '--no-verify', '-m', msg)


@case('commit', *PUSHES, 'history', stack='message38')
def message_legacy_litellm_model(c: Ctx) -> Iterator[None]:
    yield
    key = c.legacy()
    c.write('m38b.py', 'y = 2\n')
    c.git('add', 'm38b.py')
    msg = f'litellm: add mixtral\n\nmodel=together_ai/mistralai/Mixtral-8x7B-Instruct-v0.1\ntogether api key {key}\n'
    if c.hooked_commit('-m', msg):
        c.git('commit', '-q', '--no-verify', '-m', msg)


# --- a key in a path or a symlink's target ----------------------------------------

@case(*RANGE, stack='paths38')
def key_as_file_name(c: Ctx) -> None:
    c.write(f'secrets/together/{c.key}.txt', 'staging\n')
    c.commit('secrets placeholder')


@case(*RANGE, stack='paths38')
def symlink_target_current_key(c: Ctx) -> None:
    os.symlink(f'/run/secrets/{c.key}', c.root / 'together-key')
    c.commit('link the key')


# --- decoys of the same shapes --------------------------------------------------------

@case(*RANGE, decoy=True, stack='decoys38')
def decoy_claude_settings_env_added_then_removed(c: Ctx) -> None:
    c.write('.claude/settings.local.json', json.dumps({'env': {'TOGETHER_API_KEY': '${TOGETHER_API_KEY}'}}))
    c.commit('claude local')
    os.remove(c.root / '.claude/settings.local.json')
    c.commit('drop claude local')


@case(*RANGE, decoy=True, stack='decoys38')
def decoy_symlink_to_digest_named_cache(c: Ctx) -> None:
    digest = make_hex(c.rng)
    os.symlink(f'../.cache/uv/archive-v0/together/{digest}/together-1.3.3.tar.gz', c.root / 'together.tar.gz')
    c.commit('vendor sdist')


@case('commit', *PUSHES, 'history', decoy=True, stack='message-decoys38')
def decoy_message_key_id_and_sha(c: Ctx) -> Iterator[None]:
    yield
    c.write('d38.py', 'z = 3\n')
    c.git('add', 'd38.py')
    sha = '%040x' % c.rng.getrandbits(160)
    key_id = 'key_' + '%024x' % c.rng.getrandbits(96)
    msg = (f'Rotate the together key\n\nRevoked {key_id} in the dashboard; follow-up to {sha}.\n'
           'TOGETHER_API_KEY now comes from ${TOGETHER_API_KEY} in CI.\n')
    if c.hooked_commit('-m', msg):
        c.git('commit', '-q', '--no-verify', '-m', msg)


@pytest.fixture(scope='module')
def table(tmp_path_factory, request):
    return SUITE.table(tmp_path_factory, request)


MISSED: dict[tuple[str, str], str] = {
}


@pytest.mark.parametrize('name, mode, decoy', SUITE.params(MISSED))
def test_each_mode_refuses_the_key_and_passes_the_decoy(table, name, mode, decoy):
    judge(table(name)['modes'][mode], name, mode, decoy)


@pytest.mark.parametrize('name', [one.name for one in CASES])
def test_no_mode_prints_a_key(table, name):
    assert table(name)['leaked'] is False
