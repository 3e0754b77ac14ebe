"""pre-receive's baseline (session 33, mut33): the one the default
branch's config names counts, as it stood before the push; one the push
brings, beside its key, never does.  A real bare repository runs the
documented hook; real ``git push``."""
from __future__ import annotations

import json
import random

from tests.cli.pre_receive_test import install_gate
from tests.cli.pre_receive_test import remote_has
from tests.cli_run import leaked
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import run
from tests.keys import make_key
from together_hooks.baseline.format import secret_type
from together_hooks.findings import hash_secret


def _baseline(entries: dict[str, str]) -> str:
    """A detect-secrets baseline recording each key at its path."""
    return json.dumps({
        'version': '1.5.0', 'plugins_used': [], 'filters_used': [],
        'results': {path: [{
            'type': secret_type('together-api-key'), 'filename': path,
            'hashed_secret': hash_secret(key), 'is_verified': False, 'line_number': 1,
        }] for path, key in entries.items()},
    }, indent=2) + '\n'


def test_the_baseline_the_default_branch_names_counts_and_a_pushed_one_does_not(git_repo, tmp_path):
    rng = random.Random('mut33-server-baseline')
    known, sneaked = make_key(rng), make_key(rng)
    remote = bare(tmp_path / 'server.git')
    install_gate(remote)
    git(git_repo, 'remote', 'add', 'origin', remote)
    env = clean_env()
    write(git_repo, '.together-hooks.toml', 'baseline = "ci/known.json"\n')
    write(git_repo, 'ci/known.json', _baseline({'k.py': known}))
    commit(git_repo, 'settings')
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    # The reviewed baseline, named by the default branch's config, excuses.
    write(git_repo, 'k.py', f'K = "{known}"\n')
    head = commit(git_repo, 'known')
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    assert remote_has(remote, 'refs/heads/main') == head
    # The decoy: a push recording its own key in that baseline is refused.
    write(git_repo, 'ci/known.json', _baseline({'k.py': known, 'm.py': sneaked}))
    write(git_repo, 'm.py', f'M = "{sneaked}"\n')
    commit(git_repo, 'sneak')
    rc, out = run(git_repo, env, 'git', 'push', 'origin', 'main')
    assert rc != 0, out
    assert hash_secret(sneaked) in out and hash_secret(known) not in out, out
    assert 'the ci/known.json this push brings is not used' in out, out
    assert remote_has(remote, 'refs/heads/main') == head
    assert not leaked([known, sneaked], out)
