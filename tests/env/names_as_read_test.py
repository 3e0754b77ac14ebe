"""An env file's name as it is read (``names.read_as``): ``.env `` (a
trailing blank), ``.env\\r`` (a script with CRLF line ends), ``.env.``,
``.ENV``, ``.env::$DATA`` (NTFS: .env's own data), a no-break or
zero-width character, a fullwidth dot: each is .env to Windows, macOS or
the person reading ``git status``, and each passed ``forbid-env-files``
and the server's ``--forbid-env-files``.  Names that only contain "env"
stay free."""
from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from together_hooks.env import names

READ_AS_ENV = [
    '.env ', '.env.', '.env. .', '.env\t', '.env\r', '.env\n', '.env\x0b', '.env\xa0',
    '.env\u3000', '.env\u2028', '.env\u200b', '.\u200benv', '.e\u200dnv', '\ufeff.env',
    ' .env', '.ENV', '.Env ', '.env::$DATA', '.ENV:secret', '\uff0eenv', '\uff0e\uff25\uff2e\uff36',
    '.env\ufe0f', 'svc/.env.production ', 'svc/.env.local\r', '.envrc.local ', 'a\\.env\u00a0',
    '.env\udca0', '\udcff/.env\udca0',  # no UTF-8: the byte 0xa0, Latin-1's no-break space
]
NOT_ENV = [
    'environment.py', '.env-cmdrc', 'src/env.ts', 'a.env', '.environment', 'x.env ',
    'env', '.en v', 'notes/.env-sample.md', '.envrc', '.envrc ', 'README.md', '\u00e9.env',
]


@pytest.mark.parametrize('path', READ_AS_ENV)
def test_names_read_as_env_files_are_env_files(path):
    assert names.is_env_file(path) and names.is_secret_env_file(path), repr(path)


@pytest.mark.parametrize('path', NOT_ENV)
def test_names_that_only_contain_env_are_not(path):
    assert not names.is_secret_env_file(path), repr(path)


@pytest.mark.parametrize('path', ['.env /bin/activate', '.\u200benv/pyvenv.cfg', '.ENV\r/x'])
def test_a_folder_read_as_dot_env_is_an_env_folder(path):
    assert names.env_folder(path) == path.replace('\\', '/').split('/')[0]


@pytest.mark.parametrize('path', ['.env.example ', '.env.sample.', '.ENV.TEMPLATE', '.envrc\r'])
def test_templates_read_as_templates(path):
    assert names.is_template(path) and not names.is_secret_env_file(path), repr(path)


def _manifest_files() -> re.Pattern[str]:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / '.pre-commit-hooks.yaml').read_text()
    hook = next(h for h in yaml.safe_load(text) if h['id'] == 'forbid-env-files')
    return re.compile(hook['files'])


@pytest.mark.parametrize('path', READ_AS_ENV + ['.env', '.env.example', '.envrc', '.env/x'])
def test_pre_commit_passes_the_hook_every_name_it_would_refuse(path):
    """pre-commit filters the files it passes by the manifest's ``files``:
    a name the hook refuses but the regex misses never reaches it (at
    pre-push, it counts as left out by the user's config)."""
    assert _manifest_files().search(path), repr(path)


SEGMENT = st.one_of(
    st.sampled_from(['.env', '.envrc', '.local', 'a', '.', '', 'x.y']),
    st.text(alphabet=st.sampled_from(
        '.envENVrc_-a :$\t\r\xa0\u200b\u200d\ufeff\uff0e\uff25\u3000\u2060\u034f'), max_size=7),
)


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(st.lists(SEGMENT, min_size=1, max_size=3).map('/'.join))
def test_the_manifest_regex_covers_every_env_name(path):
    if names.is_env_file(path) or names.is_template(path) or names.env_folder(path):
        assert _manifest_files().search(path), repr(path)
    assert names.read_as(names.read_as(path)) == names.read_as(path)
