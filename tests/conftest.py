from __future__ import annotations

import os
import random
import subprocess

import pytest


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
