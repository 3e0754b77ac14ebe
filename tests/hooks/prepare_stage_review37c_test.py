"""The prepare-commit-msg stage skips its read of the index only where
git ran pre-commit's own pre-commit hook for the commit: with only
``pre-commit install -t prepare-commit-msg``, or a pre-commit hook that
is another tool's script, a plain ``git commit`` of a key is refused
there.  Real git, real pre-commit (a local ``language: system`` hook
running this tree); each refusal beside a clean commit that passes.
"""
from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.keys import make_hex

ROOT = str(Path(__file__).resolve().parents[2])
CONFIG = f"""repos:
- repo: local
  hooks:
  - id: detect-together-keys
    name: detect-together-keys
    entry: {sys.executable} -m together_hooks.hooks.detect_together_keys
    language: system
    stages: [pre-commit, prepare-commit-msg]
"""
FOREIGN = '#!/bin/sh\n# another tool\'s pre-commit hook\nexit 0\n'


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(('GIT_', 'PRE_COMMIT'))}
    bindir = os.path.dirname(sys.executable)
    return {**env, 'PYTHONPATH': ROOT, 'PRE_COMMIT_HOME': str(home), 'PRE_COMMIT_COLOR': 'never',
            'PATH': f'{bindir}{os.pathsep}{env.get("PATH", "")}',
            'GIT_AUTHOR_NAME': 'D', 'GIT_AUTHOR_EMAIL': 'd@e', 'GIT_COMMITTER_NAME': 'D',
            'GIT_COMMITTER_EMAIL': 'd@e'}


def _run(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True)


@pytest.mark.parametrize('clean', (False, True), ids=('key', 'clean'))
@pytest.mark.parametrize('pre_commit_hook', ('none', 'foreign'))
def test_a_plain_commit_is_read_where_no_pre_commit_check_of_ours_ran(tmp_path, pre_commit_hook, clean):
    env = _env(tmp_path / 'home')
    repo = tmp_path / 'repo'
    repo.mkdir()
    for args in (('init', '-q', '-b', 'main'), ('config', 'commit.gpgsign', 'false')):
        assert _run(repo, env, 'git', *args).returncode == 0
    (repo / '.pre-commit-config.yaml').write_text(CONFIG)
    _run(repo, env, 'git', 'add', '.pre-commit-config.yaml')
    assert _run(repo, env, 'git', 'commit', '-q', '--no-verify', '-m', 'init').returncode == 0
    installed = _run(repo, env, sys.executable, '-m', 'pre_commit', 'install', '-t', 'prepare-commit-msg')
    assert installed.returncode == 0, installed.stderr
    if pre_commit_hook == 'foreign':
        hook = repo / '.git' / 'hooks' / 'pre-commit'
        hook.write_text(FOREIGN)
        hook.chmod(0o755)
    key = make_hex(random.Random(3737))
    (repo / 'k.py').write_text('TOGETHER_MODEL = "m"\n' if clean else f'TOGETHER_API_KEY = "{key}"\n')
    _run(repo, env, 'git', 'add', 'k.py')
    proc = _run(repo, env, 'git', 'commit', '-q', '-m', 'k')
    out = proc.stdout + proc.stderr
    assert key not in out
    commits = _run(repo, env, 'git', 'rev-list', '--count', 'HEAD').stdout.strip()
    if clean:
        assert proc.returncode == 0, out
        assert commits == '2'
    else:
        assert proc.returncode != 0, out
        assert 'together-legacy-api-key' in out
        assert commits == '1'  # the commit was aborted
