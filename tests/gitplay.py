"""Real repositories for the gate tests: commits, bare remotes, pushes and
pre-commit installed as a user installs it.

Every command runs as a real process; what it prints is kept in
``tests/cli_run.CAPTURED`` so the ``keys`` fixture checks it for leaks.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

from tests.cli_run import CAPTURED
from tests.conftest import git

BIN = os.path.dirname(sys.executable)


def commit(repo, msg: str = 'c') -> str:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', msg)
    return git(repo, 'rev-parse', 'HEAD').strip()


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without git's or pre-commit's own variables."""
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(('GIT_', 'PRE_COMMIT')) and k != 'SKIP'
    }
    env['PATH'] = BIN + os.pathsep + env.get('PATH', '')
    env.update(extra)
    return env


def run(cwd, env, *cmd: str, stdin: bytes | None = None) -> tuple[int, str]:
    """(exit code, stdout and stderr together) of a real process."""
    proc = subprocess.run(
        cmd, cwd=cwd, env=env, input=stdin, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, timeout=300,
    )
    out = proc.stdout.decode('utf-8', 'replace')
    CAPTURED.append(out)
    return proc.returncode, out


def bare(path) -> str:
    """A bare remote, with no ``git gc --auto`` after each push it receives
    (``receive.autogc``: a git process a push, ~1.5 ms of CPU) nor automatic
    maintenance: the repository's own settings, which no test using it
    claims anything about (one that does runs ``git gc`` itself), written
    into its config file (no git process more)."""
    subprocess.run(('git', 'init', '-q', '--bare', '-b', 'main', str(path)), check=True)
    with open(os.path.join(str(path), 'config'), 'a', encoding='utf-8') as f:
        f.write('[receive]\n\tautogc = false\n[maintenance]\n\tauto = false\n')
    return str(path)


def local_hooks_config(*hooks: tuple[str, str], stages: str = '') -> str:
    """A ``.pre-commit-config.yaml`` running this checkout's console
    scripts as ``local`` hooks: (id, extra yaml lines) each."""
    out = 'default_install_hook_types: [pre-commit, pre-push]\nrepos:\n-   repo: local\n    hooks:\n'
    for hook, extra in hooks:
        out += (
            f'    -   id: {hook}\n        name: {hook}\n'
            f'        entry: {os.path.join(BIN, hook)}\n        language: system\n'
        )
        if stages:
            out += f'        stages: [{stages}]\n'
        out += ''.join(f'        {line}\n' for line in extra.splitlines())
    return out


def install(repo, env) -> None:
    rc, out = run(repo, env, os.path.join(BIN, 'pre-commit'), 'install')
    assert rc == 0, out


def manifest(hook: str) -> str:
    """The settings ``.pre-commit-hooks.yaml`` publishes for ``hook`` (what
    files pre-commit passes it, and when it runs), as yaml lines for a
    ``local`` hook: tests then run the hook as users' pre-commit does."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(here, '.pre-commit-hooks.yaml'), encoding='utf-8') as f:
        text = f.read()
    block = text.split(f'-   id: {hook}\n', 1)[1].split('\n-   id:', 1)[0]
    keep = ('types:', 'types_or:', 'files:', 'always_run:', 'pass_filenames:')
    return '\n'.join(ln.strip() for ln in block.splitlines() if ln.strip().startswith(keep))


class Templates:
    """Repositories set up once per run and copied into each test's.

    ``into(repo, name, build)`` gives ``repo`` (a test's fresh ``git_repo``)
    the work tree and ``.git`` that ``build(path)`` made, the first time,
    in a fresh repository of its own: with real git and the real
    ``pre-commit install`` (and its first commit), which then run once,
    not once a test (copied, the files and modes are the same).  Every
    test keeps a repository of its own and its own real commits and pushes.
    ``build`` must not depend on the test (no keys: they are the test's).
    The hooks run with ``env`` (one pre-commit home for the run).

    Under ``pytest -n 2`` the root is the run's, shared by its workers
    (``shared``): xdist sends one file's tests to both workers, and each
    built every template again (a ``pre-commit install``, commits and, for
    ``pushed``, a push through the real pre-commit: 0.3-1 CPU-s each).
    The first worker to ask builds under a lock of the template's own and
    leaves a mark once it is whole; the other waits for it, then copies.
    A build that fails leaves no mark: the next test builds it again.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = clean_env(PRE_COMMIT_HOME=str(root / 'pre-commit-home'), PRE_COMMIT_COLOR='never')
        self._built: dict[str, Path] = {}

    @classmethod
    def shared(cls, tmp_path_factory) -> Templates:  # type: ignore[no-untyped-def]
        """The run's templates: one root for every xdist worker (each
        worker's base temp is ``<root>/popen-gwN``), else a folder of
        this session's."""
        run = os.environ.get('PYTEST_XDIST_TESTRUNUID')
        if run is None or os.environ.get('PYTEST_XDIST_WORKER') is None:
            return cls(tmp_path_factory.mktemp('repo-templates'))
        root = tmp_path_factory.getbasetemp().parent / f'repo-templates-{run}'
        root.mkdir(exist_ok=True)
        return cls(root)

    def _build_once(self, repo: Path, name: str, build: Callable[[Path], None]) -> Path:
        """``root / name`` built by ``build`` from a copy of ``repo``, by
        whichever process of the run asks first (a lock on a file of its
        own; ``name.done`` marks it whole)."""
        import fcntl
        import time

        from tests.cpu_log import waited

        made = self.root / name
        with open(self.root / f'{name}.lock', 'a') as lock:
            asked = time.time()
            fcntl.flock(lock, fcntl.LOCK_EX)
            waited(f'template {name}', asked)
            if (self.root / f'{name}.done').exists():
                return made
            shutil.rmtree(made, ignore_errors=True)  # a build that failed half-way
            shutil.copytree(repo, made, symlinks=True)
            try:
                build(made)
            except BaseException:  # the next test builds it again, from scratch
                shutil.rmtree(made, ignore_errors=True)
                raise
            (self.root / f'{name}.done').touch()
        return made

    def into(self, repo: Path, name: str, build: Callable[[Path], None]) -> dict[str, str]:
        made = self._built.get(name)
        if made is None:
            made = self._built[name] = self._build_once(repo, name, build)
        shutil.rmtree(repo / '.git')
        shutil.copytree(made, repo, symlinks=True, dirs_exist_ok=True)
        return dict(self.env)

    def pushed(self, repo: Path, remote: Path, name: str,
               build: Callable[[Path], None]) -> dict[str, str]:
        """``into``, for a repository with a bare ``origin``: ``build``
        finds ``origin`` added (a bare repository of the template's own) and
        may push to it; each test gets a copy of that origin at ``remote``,
        its own, with ``origin`` pointing there."""
        origin = self.root / f'{name}.origin.git'

        def with_origin(made: Path) -> None:
            shutil.rmtree(origin, ignore_errors=True)
            git(made, 'remote', 'add', 'origin', bare(origin))
            build(made)
        env = self.into(repo, name, with_origin)
        shutil.copytree(origin, remote, symlinks=True)
        git(repo, 'remote', 'set-url', 'origin', str(remote))
        return env
