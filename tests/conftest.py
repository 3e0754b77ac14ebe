from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess

import pytest

# A failing test's report never shows a whole key (tests/report_scrub.py);
# the package is compiled once for the processes tests start (tests/bytecode.py);
# SUITE_CPU_LOG logs each test's CPU and when it ran (tests/cpu_log.py).
pytest_plugins = ('tests.report_scrub', 'tests.bytecode', 'tests.cpu_log')

# The advice for a key in a commit depends on running in CI (``hints.in_ci``:
# pushed already, no amend); the suite itself runs in CI too, so a test sees
# the developer's machine unless it sets ``CI`` itself.
for _name in ('CI', 'TF_BUILD'):
    os.environ.pop(_name, None)

# Ctrl-C as a terminal gives it: a suite started as a background job of a
# shell without job control (``nohup ... &``, a CI runner's script) has
# SIGINT ignored, by POSIX rule, in pytest and its xdist workers, and every
# program a test starts inherits that (Python then installs no
# KeyboardInterrupt handler): a test that sends the product Ctrl-C would
# see it ignored (review37b's forked-half probe hung in ci49).  A caught
# signal is reset to its default at exec, so the programs tests start take
# Ctrl-C as they would from a terminal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    except ValueError:  # not the main thread: nothing the children inherit changes
        pass


@pytest.fixture
def rng() -> random.Random:
    return random.Random(20261126)


def git(cwd: os.PathLike[str] | str, *args: str) -> str:
    return subprocess.run(
        ('git', *args), cwd=cwd, check=True, capture_output=True, text=True,
    ).stdout


@pytest.fixture(scope='session')
def git_repo_template(tmp_path_factory):
    """One real ``git init`` (and its settings) per session; each test's
    repository is a copy of it (four git processes a test saved).

    ``maintenance.auto`` off: each ``git commit`` started ``git maintenance
    run --auto`` (~2 ms of CPU, thousands of commits a run), which no test
    is about and the product never reads.  It is the repository's own
    setting: set for every git through the environment
    (``GIT_CONFIG_COUNT``, session 31), the product's gits inherited it and
    tests of what it hands its gits failed."""
    repo = tmp_path_factory.mktemp('git-template') / 'repo'
    repo.mkdir()
    git(repo, 'init', '-q', '-b', 'main')
    git(repo, 'config', 'user.email', 'dev@example.com')
    git(repo, 'config', 'user.name', 'Dev')
    git(repo, 'config', 'commit.gpgsign', 'false')
    git(repo, 'config', 'maintenance.auto', 'false')
    return repo


@pytest.fixture(scope='session')
def repo_templates(tmp_path_factory):
    """Repositories set up once per run, for every xdist worker
    (tests/gitplay.Templates)."""
    from tests.gitplay import Templates
    return Templates.shared(tmp_path_factory)


@pytest.fixture
def git_repo(tmp_path, monkeypatch, git_repo_template):
    """A fresh real git repository as the working directory: a copy of the
    session's freshly initialised one, byte for byte what ``git init``
    and the four settings make."""
    repo = tmp_path / 'repo'
    shutil.copytree(git_repo_template, repo, symlinks=True)
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
