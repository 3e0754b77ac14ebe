"""A range's config narrowed to its base's (session 33, mut33): what the
checkout's config excuses counts only where the base's does too, so a
range that takes an ``exclude`` or an ``allow`` out is judged without it
(the base's alone does not excuse), one that keeps it is still excused,
and a ``--baseline`` flag is the caller's (the CI job's) and stays.
Real git, one repository for the module, a worktree per pull request;
scans in process."""
from __future__ import annotations

import json
import random

import pytest

from tests.cli_run import leaked
from tests.cli_run import scan_in_process
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import commit
from tests.keys import make_key
from together_hooks.baseline.format import secret_type
from together_hooks.findings import hash_secret

NOTE = 'this range changes the config file'


def _baseline(path: str, key: str) -> str:
    return json.dumps({
        'version': '1.5.0', 'plugins_used': [], 'filters_used': [],
        'results': {path: [{
            'type': secret_type('together-api-key'), 'filename': path,
            'hashed_secret': hash_secret(key), 'is_verified': False, 'line_number': 1,
        }]},
    }, indent=2) + '\n'


@pytest.fixture(scope='module')
def prs(tmp_path_factory):
    """(worktrees by branch, keys by branch): ``main`` excludes
    ``vendor/`` and allows one key's hash; each branch changes the config
    and adds a key."""
    rng = random.Random('mut33-narrow')
    root = tmp_path_factory.mktemp('narrow33') / 'repo'
    root.mkdir()
    git(root, 'init', '-q', '-b', 'main')
    git(root, 'config', 'user.email', 'dev@example.com')
    git(root, 'config', 'user.name', 'Dev')
    git(root, 'config', 'commit.gpgsign', 'false')
    allowed = make_key(rng)
    flagged = make_key(rng)
    base_config = f'exclude = ["vendor/"]\nallow = ["{hash_secret(allowed)}"]\n'
    write(root, '.together-hooks.toml', base_config)
    write(root, 'ci/flag.json', _baseline('f.py', flagged))
    write(root, 'a.py', 'x = 1\n')
    commit(root, 'init')
    keys: dict[str, str] = {}

    def branch(name: str, files: dict[str, str]) -> None:
        git(root, 'checkout', '-q', '-b', name, 'main')
        for path, text in files.items():
            write(root, path, text)
        commit(root, name)

    key = keys['pr-unexclude'] = make_key(rng)
    branch('pr-unexclude', {  # vendor/ is to be scanned from now on
        '.together-hooks.toml': f'allow = ["{hash_secret(allowed)}"]\n',
        'vendor/client.py': f'K = "{key}"\n',
    })
    keys['pr-unallow'] = allowed
    branch('pr-unallow', {  # the allow is taken back, another one given
        # (an allow list left empty is never asked: the other allow makes
        # the narrowed config answer for the key)
        '.together-hooks.toml': f'exclude = ["vendor/"]\nallow = ["{hash_secret(make_key(rng))}"]\n',
        'b.py': f'K = "{allowed}"\n',
    })
    # Decoys: what both configs excuse is excused.
    key = keys['pr-both-exclude'] = make_key(rng)
    branch('pr-both-exclude', {
        '.together-hooks.toml': 'exclude = ["vendor/", "docs/"]\n'
                                f'allow = ["{hash_secret(allowed)}"]\n',
        'vendor/client.py': f'K = "{key}"\n',
        'c.py': f'K = "{allowed}"\n',
    })
    keys['pr-flag'] = flagged
    branch('pr-flag', {
        '.together-hooks.toml': base_config.replace('"vendor/"', '"vendor/", "docs/"'),
        'f.py': f'K = "{flagged}"\n',
    })
    git(root, 'checkout', '-q', 'main')
    trees = {}
    for name in keys:
        trees[name] = root.parent / name
        git(root, 'worktree', 'add', '-q', str(trees[name]), name)
    return trees, keys


@pytest.mark.parametrize('name', ['pr-unexclude', 'pr-unallow'])
def test_what_a_range_stops_excusing_is_not_excused_by_its_base(prs, name):
    """The base excludes ``vendor/`` (allows the hash); the range takes
    that out and adds a key there: reported."""
    trees, keys = prs
    result = scan_in_process('--diff', 'main...HEAD', '--format', 'json', cwd=trees[name])
    assert result.rc == 1, result.out + result.err
    assert [f[3] for f in result.found()] == [hash_secret(keys[name])]
    assert NOTE in result.err
    assert not leaked(list(keys.values()), result.out, result.err)


def test_what_both_configs_excuse_is_still_excused(prs):
    trees, keys = prs
    result = scan_in_process('--diff', 'main...HEAD', cwd=trees['pr-both-exclude'])
    assert result.rc == 0, result.out + result.err
    assert NOTE in result.err
    assert not leaked(list(keys.values()), result.out, result.err)


def test_a_baseline_flag_is_the_callers_and_stays(prs):
    """The CI job's ``--baseline`` is not the range's to name, so the
    narrowing leaves it: the key it records is excused; without the flag
    the base's config names no baseline and the key is reported."""
    trees, keys = prs
    tree = trees['pr-flag']
    result = scan_in_process('--diff', 'main...HEAD', '--baseline', 'ci/flag.json', cwd=tree)
    assert result.rc == 0, result.out + result.err
    assert NOTE in result.err
    result = scan_in_process('--diff', 'main...HEAD', '--format', 'json', cwd=tree)
    assert result.rc == 1, result.out + result.err
    assert [f[3] for f in result.found()] == [hash_secret(keys['pr-flag'])]
    assert not leaked(list(keys.values()), result.out, result.err)
