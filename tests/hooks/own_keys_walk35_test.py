"""The full hook's walk for the developer's env files (mut35): a name git's
walk lists (``env.held._ENV_LIST``: ``.env`` in any case, any name not
printable ASCII) and the env rules read as an env file is one the walk
may not pass over, or the key it holds goes unlearnt and its copy under
a pragma passes.  ``api/.ENV.local`` (capitals) and ``api/\\uff0eenv`` (a
full-width dot, folded to ``.env``) are each met, git lists them, and
their key blocks its copy; the decoy beside them, a non-ASCII name that
reads as no env file, is listed and holds no key of yours."""
from __future__ import annotations

import pytest

from tests.cli_run import run_in_process
from tests.conftest import git
from tests.conftest import write
from tests.hooks.own_keys_walk_test import _env_walks
from tests.hooks.own_keys_walk_test import repo  # noqa: F401 (a fixture)
from tests.hooks.own_keys_walk_test import started  # noqa: F401 (a fixture)


def _commit(repo, rel: str, text: str, monkeypatch):  # type: ignore[no-untyped-def]
    write(repo, rel, text)
    git(repo, 'add', rel)
    monkeypatch.setenv('PRE_COMMIT', '1')
    return run_in_process('detect-together-keys', rel, cwd=repo)


@pytest.mark.parametrize('name', ['.ENV.local', '\uff0eenv'])
def test_an_env_file_named_otherwise_below_the_top_is_learnt(repo, keys, started, monkeypatch, name):
    own = keys()
    write(repo, f'api/{name}', f'TOGETHER_API_KEY={own}\n')
    result = _commit(repo, 'api/app.py', f'KEY = "{own}"  # pragma: allowlist secret\n', monkeypatch)
    assert result.rc == 1, result.out + result.err
    assert 'api/app.py' in result.out
    assert _env_walks(started) == 1, started


def test_a_non_ascii_name_that_is_no_env_file_holds_no_key_of_yours(repo, keys, started, monkeypatch):
    """The decoy: ``api/caf\\u00e9.txt`` makes the walk ask git, which
    lists it; it is no env file, so its value's copy under a pragma
    passes."""
    other = keys()
    write(repo, 'api/caf\u00e9.txt', f'TOGETHER_API_KEY={other}\n')
    result = _commit(repo, 'api/app.py', f'KEY = "{other}"  # pragma: allowlist secret\n', monkeypatch)
    assert result.rc == 0, result.out + result.err
    assert _env_walks(started) == 1, started
