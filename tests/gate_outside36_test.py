"""The outside36 held-out set's git-level shapes (session 36): the app
files of ``tests/accuracy/outside36_test.py`` where a key ends up outside
any file's last version, each through the real modes that must refuse it.

A key added and removed in the next commit (a Next.js ``.env.local``, a
Django settings module, a SQLite file, a Kubernetes Secret's base64 data,
a gzipped backup, a notebook), a key in a commit message (a legacy key
with the Together name a developer writes there, a current key in a
trailer), in a path (a cache folder named by the key), in a symlink's
target; and decoys of the same shapes (an example file added and removed,
a message naming the variable and a key id).

The machinery is ``tests/gate_stack.py``'s (pre-commit installed for the
pre-commit, commit-msg and pre-push stages, a bare ``origin`` and a bare
``gate`` running examples/pre-receive).  A case holding a legacy key sets
it as its ``c.key`` (what each mode must name).  ``MISSED``: strict
xfails, with why; measured at eeb1dacc.
"""
from __future__ import annotations

import base64
import gzip
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

SUITE = Suite('outside36')
CASES = SUITE.cases
case = SUITE.case
RANGE = (*PUSHES, 'diff', 'history')


# --- a key in a commit the next one removes -------------------------------------

@case(*RANGE)
def nextjs_env_local_added_then_removed(c: Ctx) -> None:
    c.write('web/.env.local', f'TOGETHER_API_KEY={c.key}\nNEXT_PUBLIC_APP_URL=http://localhost:3000\n')
    c.commit('wip: chat route')
    os.remove(c.root / 'web/.env.local')
    c.write('.gitignore', '.env*.local\n')
    c.commit('ignore local env')


@case(*RANGE)
def django_settings_legacy_replaced_by_env(c: Ctx) -> None:
    key = c.legacy()
    c.write('mysite/settings.py', f'DEBUG = True\nTOGETHER_API_KEY = "{key}"\n')
    c.commit('settings')
    c.write('mysite/settings.py', 'import os\nDEBUG = True\nTOGETHER_API_KEY = os.environ["TOGETHER_API_KEY"]\n')
    c.commit('read the key from the environment')


@case(*RANGE)
def sqlite_db_legacy_committed_then_deleted(c: Ctx) -> None:
    key = c.legacy()
    path = c.root / 'data' / 'chat.db'
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(str(path))
    db.execute('create table provider_credentials (provider text, api_key text)')
    db.execute('insert into provider_credentials values (?, ?)', ('together', key))
    db.commit()
    db.close()
    c.commit('seed db')
    os.remove(path)
    c.commit('drop the db from the repo')


@case(*RANGE)
def k8s_secret_base64_replaced_by_sealed(c: Ctx) -> None:
    value = base64.b64encode(c.key.encode()).decode()
    c.write('k8s/secret.yaml', f'apiVersion: v1\nkind: Secret\nmetadata:\n  name: chat\ndata:\n  TOGETHER_API_KEY: {value}\n')
    c.commit('k8s secret')
    c.write('k8s/secret.yaml', 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: chat\n')
    c.commit('seal it')


@case(*RANGE)
def gzip_env_backup_legacy_removed(c: Ctx) -> None:
    key = c.legacy()
    c.write('backups/env.gz', gzip.compress(f'TOGETHER_API_KEY={key}\n'.encode(), mtime=0))
    c.commit('backup')
    os.remove(c.root / 'backups/env.gz')
    c.commit('remove backup')


@case(*RANGE)
def notebook_output_legacy_cleared(c: Ctx) -> None:
    key = c.legacy()

    def nb(outputs: list) -> str:
        return json.dumps({'cells': [{'cell_type': 'code', 'execution_count': 1, 'metadata': {},
                                      'source': ['!cat .env'], 'outputs': outputs}],
                           'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}, indent=1)
    c.write('notebooks/setup.ipynb', nb([{'output_type': 'stream', 'name': 'stdout',
                                          'text': [f'TOGETHER_API_KEY={key}\n']}]))
    c.commit('notebook')
    c.write('notebooks/setup.ipynb', nb([]))
    c.commit('clear outputs')


# --- a key in a commit message ------------------------------------------------------

@case('commit', *PUSHES, 'history', stack='message36')
def message_legacy_with_together_name(c: Ctx) -> Iterator[None]:
    yield
    key = c.legacy()
    c.write('m36a.py', 'x = 1\n')
    c.git('add', 'm36a.py')
    msg = f'Rotate Together key\n\nold TOGETHER_API_KEY was {key}, revoked today\n'
    if c.hooked_commit('-m', msg):
        c.git('commit', '-q', '--no-verify', '-m', msg)


@case('commit', *PUSHES, 'history', stack='message36')
def message_current_in_trailer(c: Ctx) -> Iterator[None]:
    yield
    c.write('m36b.py', 'y = 2\n')
    c.git('add', 'm36b.py')
    msg = f'Wire the chat route\n\nTested-with: {c.key}\nSigned-off-by: Dev <dev@example.com>\n'
    if c.hooked_commit('-m', msg):
        c.git('commit', '-q', '--no-verify', '-m', msg)


# --- a key in a path or a symlink's target --------------------------------------------

@case(*RANGE)
def cache_folder_named_by_the_key(c: Ctx) -> None:
    c.write(f'.cache/together/{c.key}/models.json', '{"data": []}\n')
    c.commit('cache')


@case(*RANGE)
def symlink_env_to_a_file_named_by_the_key(c: Ctx) -> None:
    os.symlink(f'/home/dev/secrets/{c.key}.env', c.root / '.env.link')
    c.commit('link env')


# --- decoys of the same shapes --------------------------------------------------------

@case(*RANGE, decoy=True, stack='decoys36')
def decoy_env_example_added_then_removed(c: Ctx) -> None:
    c.write('web/.env.example', 'TOGETHER_API_KEY=' + 'your-together-api-key\n')
    c.commit('example env')
    os.remove(c.root / 'web/.env.example')
    c.commit('drop example')


@case(*RANGE, decoy=True, stack='decoys36')
def decoy_lockfile_digest_added_then_removed(c: Ctx) -> None:
    digest = make_hex(c.rng)
    c.write('uv.lock', f'[[package]]\nname = "together"\nversion = "1.3.3"\n'
                       f'sdist = {{ url = "https://files.pythonhosted.org/together-1.3.3.tar.gz", hash = "sha256:{digest}" }}\n')
    c.commit('lock')
    os.remove(c.root / 'uv.lock')
    c.commit('unlock')


@case('commit', *PUSHES, 'history', decoy=True, stack='message-decoys36')
def decoy_message_names_the_variable_and_a_key_id(c: Ctx) -> Iterator[None]:
    yield
    c.write('d36.py', 'z = 3\n')
    c.git('add', 'd36.py')
    key_id = 'key_' + ''.join(c.rng.choices('0123456789ABCDEFGHJKMNPQRSTVWXYZ', k=26))  # a ULID's alphabet
    msg = f'Move TOGETHER_API_KEY to the Vercel env\n\nRevoked {key_id}.\n'
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
