"""The gate probed again (session 32): the CI gate's range judged by the
settings the range itself brings.

``scan --diff BASE...HEAD`` (examples/github-actions.yml) reads the
checkout's config, and a pull request can change it.  docs/ci-gate.md
asked for a CODEOWNERS review of ``.together-hooks.toml`` and
``.secrets.baseline``, but the config is also ``[tool.together-hooks]``
in ``pyproject.toml`` (a file no one reviews for this) and it names the
baseline: a pull request that added an ``exclude`` there, or an ``allow``,
or a baseline of its own, beside its key, passed the required check.
Now what the checkout's config excuses counts only where the base's does
too, and the baseline is the one the base's config names (its entries
as checked out: the reviewed file, so recording a false positive there
stays a pull request's own step).  Real git, one repository for the
module, a worktree checked out per pull request.
"""
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

RULE = 'together-api-key'
NOTE = 'this range changes the config file'
PYPROJECT = '[project]\nname = "app"\n'


def _baseline(path: str, key_line: int, key: str) -> str:
    """A detect-secrets baseline recording ``key`` at ``path``."""
    return json.dumps({
        'version': '1.5.0', 'plugins_used': [], 'filters_used': [],
        'results': {path: [{
            'type': secret_type(RULE), 'filename': path,
            'hashed_secret': hash_secret(key), 'is_verified': False,
            'line_number': key_line,
        }]},
    }, indent=2) + '\n'


@pytest.fixture(scope='module')
def prs(tmp_path_factory):
    """(worktrees by branch, keys by branch): ``main`` and, from it, one
    branch per way a pull request brings its own settings; ``cfg`` (the
    exclude landed on the base first) and the pull requests beside it."""
    rng = random.Random('gate32-ranges')
    root = tmp_path_factory.mktemp('gate32') / 'repo'
    root.mkdir()
    git(root, 'init', '-q', '-b', 'main')
    git(root, 'config', 'user.email', 'dev@example.com')
    git(root, 'config', 'user.name', 'Dev')
    git(root, 'config', 'commit.gpgsign', 'false')
    write(root, 'pyproject.toml', PYPROJECT)
    write(root, 'a.py', 'x = 1\n')
    commit(root, 'init')
    keys: dict[str, str] = {}

    def branch(name: str, base: str, files: dict[str, str]) -> None:
        git(root, 'checkout', '-q', '-b', name, base)
        for path, text in files.items():
            write(root, path, text)
        commit(root, name)

    key = keys['pr-pyproject'] = make_key(rng)
    branch('pr-pyproject', 'main', {
        'pyproject.toml': PYPROJECT + '\n[tool.together-hooks]\nexclude = ["vendor/"]\n',
        'vendor/client.py': f'K = "{key}"\n',
    })
    key = keys['pr-allow'] = make_key(rng)
    branch('pr-allow', 'main', {
        '.together-hooks.toml': f'allow = ["{hash_secret(key)}"]\n',
        'k.py': f'K = "{key}"\n',
    })
    key = keys['pr-baseline'] = make_key(rng)
    branch('pr-baseline', 'main', {
        '.together-hooks.toml': 'baseline = "ci/known.json"\n',
        'ci/known.json': _baseline('k.py', 1, key),
        'k.py': f'K = "{key}"\n',
    })
    # Decoys: the settings the base holds still excuse what they did.
    key = keys['pr-default-baseline'] = make_key(rng)
    branch('pr-default-baseline', 'main', {
        '.secrets.baseline': _baseline('k.py', 1, key),
        'k.py': f'K = "{key}"\n',
    })
    branch('cfg', 'main', {'.together-hooks.toml': 'exclude = ["vendor/"]\n'})
    key = keys['pr-landed'] = make_key(rng)
    branch('pr-landed', 'cfg', {'vendor/client.py': f'K = "{key}"\n'})
    # A base whose config is broken: a pull request mending it is judged
    # by the rules alone (its own key reported), never refused (exit 2).
    branch('broken', 'main', {'.together-hooks.toml': 'exclude = 3\n'})
    key = keys['pr-mend'] = make_key(rng)
    branch('pr-mend', 'broken', {
        '.together-hooks.toml': 'exclude = ["vendor/"]\n',
        'vendor/client.py': f'K = "{key}"\n',
    })
    keys['pr-mend-clean'] = ''
    branch('pr-mend-clean', 'broken', {'.together-hooks.toml': 'exclude = ["vendor/"]\n'})
    git(root, 'checkout', '-q', 'main')
    trees = {}
    for name in keys:
        trees[name] = root.parent / name
        git(root, 'worktree', 'add', '-q', str(trees[name]), name)
    return trees, keys


@pytest.mark.parametrize('name, spec', (
    ('pr-mend', 'broken...HEAD'),
    ('pr-pyproject', 'main...HEAD'),
    ('pr-pyproject', 'main..HEAD'),  # a push's BEFORE..HEAD
    ('pr-allow', 'main...HEAD'),
    ('pr-baseline', 'main...HEAD'),
))
def test_a_range_cannot_excuse_its_own_key_by_the_config_it_brings(prs, name, spec):
    """Before: each passed, exit 0 ("no Together keys")."""
    trees, keys = prs
    result = scan_in_process('--diff', spec, '--format', 'json', cwd=trees[name])
    assert result.rc == 1, result.err
    assert [f[3] for f in result.found()] == [hash_secret(keys[name])]
    base = spec.split('.')[0]
    assert NOTE in result.err and f"excused only by what {base}'s config" in result.err
    assert not leaked([k for k in keys.values() if k], result.out, result.err)


@pytest.mark.parametrize('name, base', (
    ('pr-landed', 'cfg'),  # the exclude reached the base first
    ('pr-default-baseline', 'main'),  # a false positive recorded in the base's baseline file
))
def test_settings_the_base_holds_still_excuse(prs, name, base):
    trees, keys = prs
    result = scan_in_process('--diff', f'{base}...HEAD', cwd=trees[name])
    assert result.rc == 0, result.out + result.err
    assert NOTE not in result.err
    assert not leaked([k for k in keys.values() if k], result.out, result.err)


def test_a_range_mending_its_base_s_broken_config_is_not_refused(prs):
    """The base's config cannot be read (``exclude = 3``): it excuses
    nothing, and the range that mends it passes when it holds no key
    (it was exit 2, the base's error, once the base's config counted)."""
    trees, keys = prs
    result = scan_in_process('--diff', 'broken...HEAD', cwd=trees['pr-mend-clean'])
    assert result.rc == 0, result.out + result.err
    assert NOTE in result.err and "broken's cannot be read, so excuses nothing" in result.err


def test_a_base_that_names_no_commit_is_still_one_line(prs):
    """The range's own check says why (exit 2), no note before it."""
    trees, _ = prs
    result = scan_in_process('--diff', 'nosuch...HEAD', cwd=trees['pr-pyproject'])
    assert result.rc == 2 and len(result.err.strip().splitlines()) == 1, result.err
    assert 'nosuch' in result.err and NOTE not in result.err
