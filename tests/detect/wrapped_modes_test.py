"""A wrapped base64 ``.env`` whose name's every base64 form is cut by a
line break is a file only ``prefilter.wrapped_block`` tells worth
reading (the keyword screen's needles do not see it): a false "no
block" there is a key missed in every mode that screens first.  So the
key is found end to end by a path scan, ``--staged``, the hook's first
stage and the full hook, the pre-receive gate on a real push, and the CI
range scan and ``--history`` after the files are gone.

The pads are those (found by asking the screen with ``wrapped_block``
answering "none") at which a legacy key's ``.env`` passes the screen only
as a block: 40-45 at 76 columns, 31-36 at 64."""
from __future__ import annotations

import base64
import os

import pytest

from tests.cli_run import hook
from tests.cli_run import scan
from tests.conftest import git
from tests.conftest import write
from tests.gate_probe_test import _push
from tests.gate_probe_test import _server
from tests.gitplay import commit
from tests.hooks.first_stage_test import plain_env  # noqa: F401  (a fixture)
from together_hooks.detect.prefilter import Keywords
from together_hooks.findings import hash_secret
from together_hooks.detect.screen_needles import NEEDLES
from together_hooks.hooks.first_stage import certainly_clean

_CASES = [(76, b'\n', pad) for pad in range(40, 46)] + [(76, b'\r\n', 42), (64, b'\n', 31), (64, b'\n', 36)]


def _block(key: str, width: int, sep: bytes, pad: int) -> bytes:
    env = f'APP_NAME={"x" * pad}\nTOGETHER_API_KEY={key}\nLOG_LEVEL=info\n'.encode()
    text = base64.b64encode(env)
    return sep.join(text[i:i + width] for i in range(0, len(text), width)) + sep


def _names(result) -> set[str]:
    return {path for path, *_ in result.found()}


@pytest.mark.usefixtures('plain_env')
def test_a_wrapped_env_only_the_block_test_lets_through_is_found_in_every_mode(git_repo, tmp_path, keys) -> None:
    remote = _server(git_repo, tmp_path)
    write(git_repo, 'a.py', 'x = 1\n')
    base = commit(git_repo)
    assert _push(git_repo, 'main')[0] == 0
    names, made = [], []
    for width, sep, pad in _CASES:
        name = f'env-{width}-{len(sep)}-{pad}.b64'
        made.append(keys('hex'))
        data = _block(made[-1], width, sep, pad)
        with open(git_repo / name, 'wb') as f:
            f.write(data)
        names.append(name)
    # Every file is a block the screen sees only through ``wrapped_block``.
    worth = Keywords(NEEDLES).blob_test(0)
    assert all(worth((git_repo / name).read_bytes()) for name in names)
    git(git_repo, 'add', *names)

    staged = scan('--staged', '--format', 'json')
    assert staged.rc == 1 and _names(staged) == set(names)
    assert certainly_clean(names) is False
    full = hook(*names)
    assert full.rc == 1 and all(name in full.out + full.err for name in names)

    git(git_repo, 'commit', '-qm', 'encoded envs')
    tree = scan('.', '--format', 'json')
    assert tree.rc == 1 and _names(tree) == set(names)

    git(git_repo, 'rm', '-q', *names)
    git(git_repo, 'commit', '-qm', 'gone')
    assert not any(os.path.exists(git_repo / name) for name in names)
    rc, out = _push(git_repo, 'main')
    assert rc == 1 and all(hash_secret(key) in out for key in made), out
    assert git(remote, 'rev-parse', 'main').strip() == base
    for args in (('--diff', f'{base}..main'), ('--history',)):
        result = scan(*args, '--format', 'json')
        assert result.rc == 1 and _names(result) == set(names), args
