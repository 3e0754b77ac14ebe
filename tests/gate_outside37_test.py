"""The outside37 held-out set's git-level shapes (session 37): the places
of ``tests/accuracy/outside37_test.py`` where a key ends up outside any
file's last version, each through the real modes that must refuse it.

A key added and removed in the next commit (a Cursor ``mcp.json``, a
browser HAR with a legacy key, an IPython history database), a key in a
commit message (a ``curl`` one-liner pasted as the test plan, a legacy
key with the OpenAI-compatible ``base_url`` a developer writes), in an
annotated tag's message, in a symlink's target (a legacy key with
Together's name in the target's folder); and decoys of the same shapes
(an MCP config reading the environment added and removed, a revert
message naming a commit SHA beside ``together``, a symlink to a
lockfile's digest-named cache).

The machinery is ``tests/gate_stack.py``'s.  A case holding a legacy key
sets it as its ``c.key`` (what each mode must name).  ``MISSED``: strict
xfails, with why; measured at 2d8a76d7.
"""
from __future__ import annotations

import json
import os
import sqlite3
from typing import Iterator

import pytest

from tests.gate_stack import Ctx
from tests.gate_stack import judge
from tests.gate_stack import PUSHES
from tests.gate_stack import Suite
from tests.keys import make_hex

SUITE = Suite('outside37')
CASES = SUITE.cases
case = SUITE.case
RANGE = (*PUSHES, 'diff', 'history')


# --- a key in a commit the next one removes -------------------------------------

@case(*RANGE, stack='removed37')
def cursor_mcp_json_added_then_removed(c: Ctx) -> None:
    server = {'command': 'npx', 'args': ['-y', '@acme/together-mcp']}
    c.write('.cursor/mcp.json', json.dumps({'mcpServers': {'together': {**server, 'env': {'TOGETHER_API_KEY': c.key}}}}, indent=2))
    c.commit('mcp: together docs server')
    c.write('.cursor/mcp.json', json.dumps({'mcpServers': {'together': {**server, 'env': {'TOGETHER_API_KEY': '${env:TOGETHER_API_KEY}'}}}}, indent=2))
    c.commit('mcp: read the key from the environment')


@case(*RANGE, stack='removed37')
def har_legacy_added_then_deleted(c: Ctx) -> None:
    key = c.legacy()
    har = {'log': {'version': '1.2', 'entries': [{'request': {
        'method': 'GET', 'url': 'https://api.together.xyz/v1/models',
        'headers': [{'name': 'Authorization', 'value': f'Bearer {key}'}]}, 'response': {'status': 200}}]}}
    c.write('debug/playground.har', json.dumps(har, indent=1))
    c.commit('debug: HAR of the 401')
    os.remove(c.root / 'debug/playground.har')
    c.commit('remove HAR')


@case(*RANGE, stack='removed37')
def ipython_history_sqlite_removed(c: Ctx) -> None:
    path = c.root / '.ipython' / 'profile_default' / 'history.sqlite'
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(str(path))
    db.execute('CREATE TABLE history (session integer, line integer, source text, source_raw text)')
    src = f'client = Together(api_key="{c.key}")'
    db.execute('INSERT INTO history VALUES (1, 1, ?, ?)', (src, src))
    db.commit()
    db.close()
    c.commit('dotfiles')
    os.remove(path)
    c.write('.gitignore', '.ipython/\n')
    c.commit('ignore ipython')


# --- a key in a commit message or a tag's message ---------------------------------

@case('commit', *PUSHES, 'history', stack='message37')
def message_curl_test_plan(c: Ctx) -> Iterator[None]:
    yield
    c.write('m37a.py', 'x = 1\n')
    c.git('add', 'm37a.py')
    msg = ('Switch summarizer to Together\n\nTest plan:\n'
           f'  curl https://api.together.xyz/v1/models -H "Authorization: Bearer {c.key}"\n')
    if c.hooked_commit('-m', msg):
        c.git('commit', '-q', '--no-verify', '-m', msg)


@case('commit', *PUSHES, 'history', stack='message37')
def message_legacy_openai_compatible(c: Ctx) -> Iterator[None]:
    yield
    key = c.legacy()
    c.write('m37b.py', 'y = 2\n')
    c.git('add', 'm37b.py')
    msg = f'Use the OpenAI client\n\nbase_url=https://api.together.xyz/v1 api_key={key}\n'
    if c.hooked_commit('-m', msg):
        c.git('commit', '-q', '--no-verify', '-m', msg)


@case(*PUSHES, 'history', push=('main', 'refs/tags/v0.3.0'))
def annotated_tag_message(c: Ctx) -> None:
    c.write('VERSION', '0.3.0\n')
    c.commit('0.3.0')
    c.git('tag', '-a', 'v0.3.0', '-m', f'0.3.0\n\nstaging TOGETHER_API_KEY={c.key}\n')


# --- a key in a symlink's target --------------------------------------------------

@case(*RANGE, stack='removed37')
def symlink_target_legacy_in_together_folder(c: Ctx) -> None:
    key = c.legacy()
    os.symlink(f'/Users/dev/.config/together/{key}', c.root / 'together.key')
    c.commit('link the key file')


# --- decoys of the same shapes --------------------------------------------------------

@case(*RANGE, decoy=True, stack='decoys37')
def decoy_mcp_env_passthrough_added_then_removed(c: Ctx) -> None:
    c.write('.vscode/mcp.json', json.dumps({'servers': {'together': {
        'command': 'python', 'args': ['-m', 'together_mcp'], 'env': {'TOGETHER_API_KEY': '${input:together-key}'}}}}))
    c.commit('mcp')
    os.remove(c.root / '.vscode/mcp.json')
    c.commit('drop mcp')


@case(*RANGE, decoy=True, stack='decoys37')
def decoy_symlink_to_digest_named_cache(c: Ctx) -> None:
    digest = make_hex(c.rng)
    os.symlink(f'../.cache/pip/wheels/together/{digest}/together-1.3.3-py3-none-any.whl', c.root / 'together.whl')
    c.commit('vendor wheel')


@case('commit', *PUSHES, 'history', decoy=True, stack='message-decoys37')
def decoy_message_revert_names_a_sha(c: Ctx) -> Iterator[None]:
    yield
    c.write('d37.py', 'z = 3\n')
    c.git('add', 'd37.py')
    sha = '%040x' % c.rng.getrandbits(160)
    digest = make_hex(c.rng)
    msg = f'Revert "bump together to 1.3.3"\n\nThis reverts commit {sha}.\ntogether-1.3.3.tar.gz sha256 {digest}\n'
    if c.hooked_commit('-m', msg):
        c.git('commit', '-q', '--no-verify', '-m', msg)


@pytest.fixture(scope='module')
def table(tmp_path_factory, request):
    return SUITE.table(tmp_path_factory, request)


# Measured at 2d8a76d7: 8 keys in 27 mode runs, 3 decoys in 12; every
# key but the symlink's legacy one refused in every mode, every decoy passed.
_PATH_ONLY = ("a legacy key whose only Together context is its path's folder (`.../together/<hex>`): "
              "the path-only context is acc37's (a digest-named cache folder beside `together` must pass)")
MISSED: dict[tuple[str, str], str] = {
    ('symlink_target_legacy_in_together_folder', mode): _PATH_ONLY for mode in RANGE
}


@pytest.mark.parametrize('name, mode, decoy', SUITE.params(MISSED))
def test_each_mode_refuses_the_key_and_passes_the_decoy(table, name, mode, decoy):
    judge(table(name)['modes'][mode], name, mode, decoy)


@pytest.mark.parametrize('name', [one.name for one in CASES])
def test_no_mode_prints_a_key(table, name):
    assert table(name)['leaked'] is False
