"""``--audit-log=`` (an empty value: a typo, an unset variable expanded
in a hook's args) used to turn audit logging off without a word, the run
exiting 0 as if logged.  Now one line and exit 2, before any work, from
every entry point that takes the option; real processes, real pre-commit."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.cli_run import run
from tests.conftest import git


@pytest.mark.parametrize(('script', 'args'), [
    ('detect-together-keys', ('--audit-log=', 'f.py')),
    ('detect-together-keys', ('--audit-log', '', 'f.py')),
    ('forbid-env-files', ('--audit-log=', 'f.py')),
    ('check-env-gitignored', ('--audit-log=', 'f.py')),
    ('together-hooks', ('scan', '--audit-log=', '.')),
])
def test_an_empty_audit_log_is_one_line_and_exit_2(git_repo, script, args):
    (git_repo / 'f.py').write_text('k = 1\n')
    git(git_repo, 'add', 'f.py')
    result = run(script, *args, cwd=git_repo)
    assert result.rc == 2, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and '--audit-log names no file' in lines[0], result.err
    assert 'Traceback' not in result.out + result.err


def test_an_empty_audit_log_in_a_committed_config_blocks_the_commit(git_repo, tmp_path):
    """The option in the committed config, empty because the variable it
    named was unset: the commit is refused with the reason, not let
    through unlogged."""
    hook = f'{sys.executable} -m together_hooks.hooks.detect_together_keys'
    (git_repo / '.pre-commit-config.yaml').write_text(
        'repos:\n-   repo: local\n    hooks:\n'
        '    -   id: detect-together-keys\n        name: keys\n'
        f'        entry: {hook}\n        language: system\n        types: [file]\n'
        "        args: ['--audit-log=']\n",
    )
    (git_repo / 'f.py').write_text('k = 1\n')
    git(git_repo, 'add', 'f.py', '.pre-commit-config.yaml')
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / 'pc-home'))
    env.pop('TOGETHER_HOOKS_AUDIT_LOG', None)
    proc = subprocess.run(
        (sys.executable, '-m', 'pre_commit', 'run', '--files', 'f.py'), cwd=git_repo,
        env=env, capture_output=True, text=True,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and '--audit-log names no file' in out, out
    assert 'Traceback' not in out


def test_the_variable_set_empty_still_means_no_log(git_repo):
    """``TOGETHER_HOOKS_AUDIT_LOG=`` is how a shell unsets it for one run:
    that stays off (the option is what the user or config wrote)."""
    (git_repo / 'f.py').write_text('k = 1\n')
    git(git_repo, 'add', 'f.py')
    env = dict(os.environ, TOGETHER_HOOKS_AUDIT_LOG='')
    proc = subprocess.run(
        (os.path.join(os.path.dirname(sys.executable), 'detect-together-keys'), 'f.py'),
        cwd=git_repo, env=env, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
