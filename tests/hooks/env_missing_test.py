"""forbid-env-files and an env file the commit stores that the work tree
does not hold: real git, the real pre-commit framework."""
from __future__ import annotations

import os
import re

from tests.conftest import git
from tests.conftest import write
from tests.hooks.env_hooks_test import _local_config
from tests.hooks.env_hooks_test import _sh
from tests.hooks.env_hooks_test import BIN
from tests.hooks.env_hooks_test import precommit_env  # noqa: F401 (a fixture)


def test_an_env_file_staged_outside_the_work_tree_is_refused(git_repo, precommit_env):
    """pre-commit passes a hook only the staged files the work tree holds,
    and its stash of unstaged changes brings back none that git's diff
    passes over: a sparse checkout's file outside the cone
    (``skip-worktree``), or an ``assume-unchanged`` one deleted.
    ``git cherry-pick -n`` of a commit adding ``deploy/.env.production``
    in a sparse checkout stages it so, and forbid-env-files, passed no
    file, let the commit through.  Now such a staged env file is refused
    as any staged one is; a commit with other such files passes."""
    repo, env = git_repo, precommit_env
    write(repo, '.pre-commit-config.yaml', _local_config('forbid-env-files'))
    write(repo, 'src/app.py', 'x = 1\n')
    write(repo, 'deploy/run.sh', 'exec app\n')
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'start')
    rc, out = _sh(repo, env, os.path.join(BIN, 'pre-commit'), 'install')
    assert rc == 0, out
    git(repo, 'checkout', '-q', '-b', 'settings')
    write(repo, 'deploy/.env.production', 'DB_PASSWORD=hunter2hunter2\n')
    write(repo, 'deploy/run.sh', 'exec app --prod\n')
    git(repo, 'add', '-f', 'deploy')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'settings')
    git(repo, 'checkout', '-q', 'main')
    git(repo, 'sparse-checkout', 'set', 'src')

    git(repo, 'cherry-pick', '-n', 'settings')
    assert not os.path.lexists(repo / 'deploy'), 'outside the cone: not in the work tree'
    rc, out = _sh(repo, env, 'git', 'commit', '-m', 'picked')
    assert rc != 0 and 'deploy/.env.production: env file staged' in out, out
    assert git(repo, 'rev-list', '--count', 'HEAD').strip() == '1'

    # The advice, run as printed (outside the cone git wants --sparse),
    # leaves only the script outside the cone: nothing to refuse.
    advice = re.search(r'Untrack it with `([^`]*)`', out)
    assert advice and '--sparse' in advice.group(1), out
    rc, said = _sh(repo, env, 'sh', '-c', advice.group(1))
    assert rc == 0, said
    rc, out = _sh(repo, env, 'git', 'commit', '-m', 'the script')
    assert rc == 0, out

    # assume-unchanged, changed in the index and deleted from the work tree.
    git(repo, 'sparse-checkout', 'disable')
    write(repo, '.env.local', 'A=1\n')
    git(repo, 'add', '-f', '.env.local')
    git(repo, 'commit', '-q', '--no-verify', '-m', 'tracked before the hooks')
    write(repo, '.env.local', 'A=2\n')
    git(repo, 'add', '-f', '.env.local')
    git(repo, 'update-index', '--assume-unchanged', '.env.local')
    os.unlink(repo / '.env.local')
    rc, out = _sh(repo, env, 'git', 'commit', '-m', 'local settings')
    assert rc != 0 and '.env.local: env file staged' in out, out
