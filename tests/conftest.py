from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest

# Every console script the suite starts imports the package from this
# checkout (an editable install).  With PYTHONDONTWRITEBYTECODE set, as
# some shells and CI images set it, each of those thousands of starts
# compiled every module it imports again (about 0.1 s CPU a start, against
# 0.04 s with bytecode), and pytest rewrote every test module again in each
# worker.  A user's installed package has its bytecode, so the processes
# under test get theirs (``__pycache__`` is ignored by git).
# tools/mutate.py sets the variable again for the mutated copies it runs.
os.environ.pop('PYTHONDONTWRITEBYTECODE', None)
sys.dont_write_bytecode = False

# A failing test's report never shows a whole key (tests/report_scrub.py).
pytest_plugins = ('tests.report_scrub',)


@pytest.fixture
def rng() -> random.Random:
    return random.Random(20261126)


def git(cwd: os.PathLike[str] | str, *args: str) -> str:
    return subprocess.run(
        ('git', *args), cwd=cwd, check=True, capture_output=True, text=True,
    ).stdout


@pytest.fixture
def git_repo(tmp_path, monkeypatch):
    """A fresh real git repository as the working directory."""
    repo = tmp_path / 'repo'
    repo.mkdir()
    git(repo, 'init', '-q', '-b', 'main')
    git(repo, 'config', 'user.email', 'dev@example.com')
    git(repo, 'config', 'user.name', 'Dev')
    git(repo, 'config', 'commit.gpgsign', 'false')
    monkeypatch.chdir(repo)
    return repo


def write(repo: os.PathLike[str] | str, rel: str, text: str) -> None:
    """Write ``text`` at ``rel`` under ``repo`` exactly (no newline translation)."""
    path = os.path.join(repo, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(text)


@pytest.fixture
def keys(request):
    """``keys()`` / ``keys('hex')`` make keys; afterwards none may appear in
    anything a command printed (``tests/cli_run.CAPTURED``)."""
    from tests.cli_run import CAPTURED
    from tests.cli_run import leaked
    from tests.keys import make_hex
    from tests.keys import make_key

    rng = random.Random(request.node.nodeid)
    made: list[str] = []

    def new(kind: str = 'tgp') -> str:
        made.append(make_key(rng) if kind == 'tgp' else make_hex(rng))
        return made[-1]
    CAPTURED.clear()
    yield new
    assert leaked(made, *CAPTURED) == []
