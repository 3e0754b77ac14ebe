"""The gate probed again (session 23): ways a key reaches the default
branch past the documented CI recipe.  Real repositories and the
example's own scan step, run as the CI service runs it.
"""
from __future__ import annotations

import os

from tests.conftest import git
from tests.conftest import write
from tests.gate_test import _ci_env
from tests.gate_test import _run
from tests.gate_test import EXAMPLES
from tests.gitplay import commit
from together_hooks.findings import hash_secret

# GitHub Actions: the activity types a ``pull_request`` trigger without
# ``types:`` runs for (GitHub's "events that trigger workflows").
GITHUB_DEFAULT_PR_TYPES = ('opened', 'synchronize', 'reopened')


def _runs_for(workflow: dict, event: str, action: str) -> bool:
    """Whether GitHub starts ``workflow`` for ``event`` with ``action``.
    PyYAML reads the bare key ``on`` as True."""
    on = workflow.get('on', workflow.get(True))
    if isinstance(on, str):
        on = {on: None}
    elif isinstance(on, list):
        on = dict.fromkeys(on)
    if event not in on:
        return False
    types = (on[event] or {}).get('types', GITHUB_DEFAULT_PR_TYPES)
    return action in ([types] if isinstance(types, str) else types)


def test_github_example_rechecks_a_pull_request_moved_to_another_base(git_repo, keys):
    """A pull request opened against ``dev`` (where a commit pushed with
    --no-verify holds a key, never a pull request into main) passes its
    check: ``dev...HEAD`` leaves out what dev already has.  Moving its
    base to ``main`` fires ``pull_request`` with the action ``edited``
    only, and the head does not move: the example listened to GitHub's
    default types (opened, synchronize, reopened), so the green check
    computed against dev stood, and merging brought the key into main.
    Now it runs again on ``edited`` (on every run, never a job skipped on
    a title edit: a skipped required check counts as passed), and that run
    scans ``main...HEAD`` and fails."""
    import yaml

    with open(os.path.join(EXAMPLES, 'github-actions.yml'), encoding='utf-8') as f:
        workflow = yaml.safe_load(f)
    (job,) = workflow['jobs'].values()
    step = next(s for s in job['steps'] if s.get('id') == 'scan')
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    main = commit(git_repo)
    git(git_repo, 'checkout', '-q', '-b', 'dev')
    write(git_repo, 'k.py', f'K = "{key}"\n')
    dev = commit(git_repo)
    git(git_repo, 'checkout', '-q', '-b', 'feat')
    write(git_repo, 'f.py', 'y = 2\n')
    commit(git_repo)
    # GitHub's refs/pull/N/merge: the head merged into the base, detached.
    for base, found in ((dev, False), (main, True)):
        git(git_repo, 'checkout', '-q', '--detach', base)
        git(git_repo, 'merge', '-q', '--no-ff', '--no-edit', 'feat')
        rc, out = _run(git_repo, _ci_env(RANGE=f'{base}...HEAD'), 'bash', '-e', '-c', step['run'])
        assert (rc, hash_secret(key) in out) == ((1, True) if found else (0, False)), out
    assert _runs_for(workflow, 'pull_request', 'synchronize')
    assert _runs_for(workflow, 'pull_request', 'edited'), 'a new base: no run, the old check stands'
    assert 'if' not in job, 'a job skipped on an edit reports its required check as passed'
