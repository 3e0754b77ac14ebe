"""The CI gate: ``scan --diff`` on pull-request ranges, the pre-push hook,
exit codes in every mode.

Real repositories with branches, merges, shallow clones and a bare remote;
the real pre-commit framework drives the pre-push and manual stages.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.cli_run import assert_error_line
from tests.cli_run import CAPTURED
from tests.cli_run import quiet_and_clean
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write
from together_hooks.findings import hash_secret

BIN = os.path.dirname(sys.executable)
KEY = 'together-api-key'
LEGACY = 'together-legacy-api-key'


def commit(repo, msg: str = 'c') -> str:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '--no-verify', '-m', msg)
    return git(repo, 'rev-parse', 'HEAD').strip()


def found(result) -> list[tuple[str, int, str, str]]:
    assert result.rc in (0, 1), (result.rc, result.err)
    return sorted(result.found())


@pytest.fixture
def pr_repo(git_repo, keys):
    """main has OLD in config.py; branch ``feature`` (forked from it) adds
    NEW1 to config.py below shifted lines and NEW2 in a new file; main then
    gets LATER, which the feature branch never saw."""
    old, new1, new2, later = keys(), keys(), keys(), keys()
    write(git_repo, 'config.py', f'A = 1\nOLD = "{old}"\nB = 2\n')
    write(git_repo, 'README.md', 'hello\n')
    commit(git_repo, 'base')
    git(git_repo, 'checkout', '-q', '-b', 'feature')
    write(git_repo, 'config.py', (
        f'# header\n# more\nA = 1\nOLD = "{old}"\nB = 2\nNEW1 = "{new1}"\n'
    ))
    write(git_repo, 'src/new.py', f'import os\n\nNEW2 = "{new2}"\n')
    commit(git_repo, 'feature work')
    git(git_repo, 'checkout', '-q', 'main')
    write(git_repo, 'later.py', f'LATER = "{later}"\n')
    commit(git_repo, 'main moves on')
    git(git_repo, 'checkout', '-q', 'feature')
    return {'old': old, 'new1': new1, 'new2': new2, 'later': later}


@pytest.mark.parametrize('spec', ['main...feature', 'main...HEAD', 'main', 'main...'])
def test_pr_range_reports_only_added_keys_at_head_lines(pr_repo, spec):
    result = scan('--diff', spec, '--format', 'json')
    assert result.rc == 1
    assert found(result) == sorted([
        ('config.py', 6, KEY, hash_secret(pr_repo['new1'])),
        ('src/new.py', 3, KEY, hash_secret(pr_repo['new2'])),
    ])


def test_keys_on_base_are_not_blamed_even_after_merging_base(pr_repo, git_repo):
    # The PR merges main in: LATER arrives with the merge, not by the PR.
    git(git_repo, 'merge', '-q', '--no-edit', 'main')
    result = scan('--diff', 'main...feature', '--format', 'json')
    hashes = {h for _p, _l, _r, h in found(result)}
    assert hashes == {hash_secret(pr_repo['new1']), hash_secret(pr_repo['new2'])}


def test_two_dots_compare_with_the_tip_of_base(pr_repo):
    # main..feature: what feature has that main's tip lacks (git diff A B):
    # the same added keys here, and never main's own LATER.
    result = scan('--diff', 'main..feature', '--format', 'json')
    hashes = {h for _p, _l, _r, h in found(result)}
    assert hashes == {hash_secret(pr_repo['new1']), hash_secret(pr_repo['new2'])}


@pytest.mark.parametrize('config', [
    ('diff.renames', 'copies'), ('diff.relative', 'true'), ('diff.noprefix', 'true'),
    ('diff.external', 'false'), ('color.ui', 'always'), ('diff.algorithm', 'patience'),
    ('core.quotePath', 'true'),
])
def test_git_configuration_does_not_change_the_range(pr_repo, git_repo, config):
    git(git_repo, 'config', *config)
    (git_repo / 'src').mkdir(exist_ok=True)
    result = scan('--diff', 'main...feature', '--format', 'json', cwd=git_repo / 'src')
    assert found(result) == sorted([
        ('config.py', 6, KEY, hash_secret(pr_repo['new1'])),
        ('src/new.py', 3, KEY, hash_secret(pr_repo['new2'])),
    ])


def test_editing_the_line_of_a_known_key_does_not_blame_it(git_repo, keys):
    old = keys()
    write(git_repo, 'app.py', f'KEY = "{old}"\n')
    base = commit(git_repo)
    write(git_repo, 'app.py', f'KEY = "{old}"  # rotate me\nX = 1\n')
    commit(git_repo)
    result = scan('--diff', f'{base}...HEAD', '--format', 'json')
    assert (result.rc, found(result)) == (0, [])


def test_renamed_file_adds_nothing(git_repo, keys):
    old = keys()
    write(git_repo, 'a/settings.py', f'KEY = "{old}"\n' + 'x = 1\n' * 20)
    base = commit(git_repo)
    os.makedirs(git_repo / 'b')
    git(git_repo, 'mv', 'a/settings.py', 'b/settings.py')
    commit(git_repo)
    assert scan('--diff', f'{base}...HEAD').rc == 0


@pytest.mark.parametrize(('before', 'added', 'rule'), [
    # The legacy key's name sits on the added line itself.
    ('x = 1\n', 'TOGETHER_API_KEY={hex}\n', LEGACY),
    # The Bearer header is added under a URL line that was already there:
    # the whole new file is scanned, so the context is seen.
    ('curl https://api.together.xyz/v1/chat/completions \\\n',
     '  -H "Authorization: Bearer {hex}"\n', LEGACY),
    ('x = 1\n', 'key: {key}\n', KEY),
])
def test_context_rules_see_unchanged_lines_around_an_added_one(
        git_repo, keys, before, added, rule):
    write(git_repo, 'run.sh', before)
    base = commit(git_repo)
    secret = keys('hex' if '{hex}' in added else 'tgp')
    write(git_repo, 'run.sh', before + added.format(hex=secret, key=secret))
    commit(git_repo)
    result = scan('--diff', f'{base}...HEAD', '--format', 'json')
    assert found(result) == [('run.sh', 2, rule, hash_secret(secret))]


def test_inline_allow_and_baseline_apply_to_a_range(git_repo, keys):
    allowed, baselined, new = keys(), keys(), keys()
    write(git_repo, 'README.md', 'x\n')
    base = commit(git_repo)
    write(git_repo, 'a.py', f'A = "{allowed}"  # pragma: allowlist secret\n')
    write(git_repo, 'b.py', f'B = "{baselined}"\n')
    write(git_repo, 'c.py', f'C = "{new}"\n')
    commit(git_repo)
    write(git_repo, '.secrets.baseline', json.dumps({
        'version': '1.5.0', 'plugins_used': [], 'filters_used': [],
        'results': {'b.py': [{
            'type': 'Together API Key', 'filename': 'b.py',
            'hashed_secret': hash_secret(baselined), 'is_verified': False,
            'line_number': 1,
        }]},
        'generated_at': '2026-01-01T00:00:00Z',
    }))
    result = scan(
        '--diff', f'{base}...HEAD', '--baseline', '.secrets.baseline',
        '--format', 'json',
    )
    assert found(result) == [('c.py', 1, KEY, hash_secret(new))]


def test_merge_commit_range_in_ci(git_repo, keys):
    # actions/checkout of a pull request checks out a merge commit: the
    # range base_sha...HEAD holds exactly what the PR brings.
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    git(git_repo, 'checkout', '-q', '-b', 'pr')
    new = keys()
    write(git_repo, 'pr.py', f'K = "{new}"\n')
    commit(git_repo)
    git(git_repo, 'checkout', '-q', 'main')
    write(git_repo, 'b.py', 'y = 2\n')
    base = commit(git_repo)
    git(git_repo, 'merge', '-q', '--no-ff', '--no-edit', 'pr')
    result = scan('--diff', f'{base}...HEAD', '--format', 'json')
    assert found(result) == [('pr.py', 1, KEY, hash_secret(new))]


def _clone(src, dest, *args: str) -> None:
    subprocess.run(
        ('git', 'clone', '-q', *args, f'file://{src}', str(dest)),
        check=True, capture_output=True,
    )


def test_shallow_clone_without_base_is_one_line_with_the_fix(pr_repo, git_repo, tmp_path):
    clone = tmp_path / 'ci'
    _clone(git_repo, clone, '--depth', '1', '--branch', 'feature', '--single-branch')
    result = scan('--diff', 'origin/main...HEAD', cwd=clone)
    assert_error_line(result, 'origin/main', 'shallow', 'fetch-depth: 0', 'git fetch origin main')


def test_shallow_clone_without_common_history_is_one_line(pr_repo, git_repo, tmp_path):
    clone = tmp_path / 'ci'
    _clone(git_repo, clone, '--depth', '1', '--branch', 'feature', '--single-branch')
    git(clone, 'fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main')
    result = scan('--diff', 'origin/main...HEAD', cwd=clone)
    assert_error_line(result, 'no common ancestor', 'fetch-depth: 0')
    # The documented fix: full history, then the gate works.
    git(clone, 'fetch', '-q', '--unshallow', 'origin', 'main:refs/remotes/origin/main')
    result = scan('--diff', 'origin/main...HEAD', '--format', 'json', cwd=clone)
    assert {h for _p, _l, _r, h in found(result)} == {
        hash_secret(pr_repo['new1']), hash_secret(pr_repo['new2'])}


def test_a_base_rewritten_from_its_root_says_so_and_two_dots_scan_it(git_repo, keys):
    """A history purge (git filter-repo, as rotate-help walks through)
    rewrites the base from its first commit: a pull request opened before
    shares no history with it.  Exit 2 says that, not "fetch --unshallow"
    (git refuses that in a complete clone), and names the two-dot range,
    which scans every commit of the pull request, the purged key too."""
    key = keys()
    write(git_repo, 'a.py', f'K = "{key}"\n')
    commit(git_repo)
    git(git_repo, 'checkout', '-q', '-b', 'pr')
    write(git_repo, 'b.py', 'y = 1\n')
    commit(git_repo)
    git(git_repo, 'checkout', '-q', '--orphan', 'purged', 'main')
    write(git_repo, 'a.py', 'import os\nK = os.environ["TOGETHER_API_KEY"]\n')
    commit(git_repo)
    git(git_repo, 'checkout', '-q', 'pr')
    result = scan('--diff', 'purged...pr', cwd=git_repo)
    assert_error_line(result, 'share no history', 'purged..pr')
    assert 'unshallow' not in result.err
    result = scan('--diff', 'purged..pr', '--format', 'json', cwd=git_repo)
    assert {h for _p, _l, _r, h in found(result)} == {hash_secret(key)}


# ------------------------------------------------------------ exit codes

def _mode_repo(repo, key: str | None) -> str:
    """A repository whose last commit adds ``key`` (if any); returns base."""
    write(repo, 'README.md', 'x\n')
    base = commit(repo)
    write(repo, 'app.py', f'K = "{key}"\n' if key else 'K = None\n')
    commit(repo)
    return base


MODES = {
    'tree': lambda base: [],
    'staged': lambda base: ['--staged'],
    'diff': lambda base: ['--diff', f'{base}...HEAD'],
    'history': lambda base: ['--history'],
    'history-since': lambda base: ['--history', '--since', base],
}


@pytest.fixture(scope='module')
def mode_repos(tmp_path_factory, git_repo_template):
    """The key and, by name, the (repository, base) each case of the
    exit-code table reads: ``_mode_repo`` without a key (``clean``), with
    it (``keyed``), and with it also staged in ``staged.py``
    (``keyed-staged``, for ``--staged``).  Built once a module: a scan
    only reads them (40 cases made the same two commits each)."""
    import random
    import shutil

    from tests.keys import make_key

    key = make_key(random.Random('gate-test-exit-codes'))
    made = {}
    for name in ('clean', 'keyed', 'keyed-staged'):
        repo = tmp_path_factory.mktemp(f'modes-{name}') / 'repo'
        shutil.copytree(git_repo_template, repo, symlinks=True)
        made[name] = repo, _mode_repo(repo, None if name == 'clean' else key)
        if name == 'keyed-staged':
            write(repo, 'staged.py', f'S = "{key}"\n')
            git(repo, 'add', 'staged.py')
    return key, made


@pytest.mark.parametrize('mode', sorted(MODES))
@pytest.mark.parametrize('fmt', ['text', 'json', 'sarif', 'github'])
@pytest.mark.parametrize('with_key', [False, True])
def test_exit_codes_every_mode_and_format(mode_repos, mode, fmt, with_key):
    from tests.cli_run import leaked

    key, repos = mode_repos
    name = 'clean' if not with_key else 'keyed-staged' if mode == 'staged' else 'keyed'
    repo, base = repos[name]
    result = scan(*MODES[mode](base), '--format', fmt, cwd=repo)
    assert result.rc == (1 if with_key else 0), (result.out, result.err)
    assert 'Traceback' not in result.err
    if fmt in ('json', 'sarif'):
        json.loads(result.out)  # one document, nothing else on stdout
    assert leaked([key], result.out, result.err) == []  # (the keys fixture's check)


@pytest.mark.parametrize(('args', 'words'), [
    (['--diff', 'nope...HEAD'], ['nope', 'not a commit']),
    (['--diff', 'HEAD...nope'], ['nope', 'not a commit']),
    (['--diff', '--format=json'], ['--diff', 'expected one argument']),
    (['--history', '--since', 'nope'], ['--since', 'nope']),
    (['--since', 'HEAD'], ['--since needs --history']),
    (['--diff', 'HEAD', '--history'], ['do not go together']),
    (['--diff', 'HEAD', 'app.py'], ['takes no PATH']),
    (['--history', '--staged'], ['takes no PATH']),
    (['--diff', 'HEAD', '--format', 'xml'], ['invalid choice']),
    # A range where one commit goes: the hint was a fetch of 'main..HEAD'.
    (['--commits', 'HEAD~1..HEAD'], ['HEAD~1..HEAD is a range', '--since', '--diff']),
])
def test_usage_and_input_errors_exit_2(mode_repos, args, words):
    repo, _base = mode_repos[1]['clean']
    assert_error_line(scan(*args, cwd=repo), *words)


@pytest.mark.parametrize('args', [['--diff', 'main...HEAD'], ['--history']])
def test_outside_git_is_exit_2(tmp_path, args):
    assert_error_line(scan(*args, cwd=tmp_path), 'needs a git repository')


def test_history_of_a_repository_without_commits_is_clean(git_repo):
    result = scan('--history')
    assert result.rc == 0 and quiet_and_clean(result), result.err


# ------------------------------------------------------------ pre-push

def _hook_env(**extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(('GIT_', 'PRE_COMMIT')) and k != 'SKIP'
    }
    env.update(extra)
    return env


def _run(cwd, env, *cmd: str) -> tuple[int, str]:
    proc = subprocess.run(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, timeout=300,
    )
    out = proc.stdout.decode('utf-8', 'replace')
    CAPTURED.append(out)
    return proc.returncode, out


def test_hook_with_push_refs_scans_only_what_the_push_adds(git_repo, keys):
    old, new = keys(), keys()
    write(git_repo, 'a.py', f'OLD = "{old}"\n')
    remote = commit(git_repo)
    write(git_repo, 'a.py', f'OLD = "{old}"\nX = 1\n')
    write(git_repo, 'b.py', f'NEW = "{new}"\n')
    local = commit(git_repo)
    # The work tree no longer matches the pushed commit: the push is scanned.
    write(git_repo, 'b.py', 'clean = True\n')
    env = _hook_env(PRE_COMMIT_FROM_REF=remote, PRE_COMMIT_TO_REF=local)
    hook = os.path.join(BIN, 'detect-together-keys')
    rc, out = _run(git_repo, env, hook, '--format', 'json', 'a.py', 'b.py')
    got = [(f['path'], f['line'], f['hashed_secret']) for f in json.loads(out)['findings']]
    assert (rc, got) == (1, [('b.py', 1, hash_secret(new))])
    # Only the files pre-commit passed are looked at.
    rc, out = _run(git_repo, env, hook, 'a.py')
    assert (rc, out) == (0, '')
    # Without the refs (pre-commit, manual): the files as they are and as
    # staged (staged here as they are: the index's b.py would count too).
    git(git_repo, 'add', 'b.py')
    rc, out = _run(git_repo, _hook_env(), hook, 'a.py', 'b.py')
    assert rc == 1 and hash_secret(old) in out and hash_secret(new) not in out


PUSH_CONFIG = """\
default_install_hook_types: [pre-commit, pre-push]
repos:
-   repo: local
    hooks:
    -   id: detect-together-keys
        name: detect-together-keys
        entry: {entry}
        language: system
        types: [file]
        stages: [pre-push, manual]
"""


@pytest.fixture
def pushing(git_repo, tmp_path, repo_templates):
    """A repository with a bare ``origin`` and the hook installed for
    pre-push by the real pre-commit (a ``local`` hook running this
    checkout's console script; installed once a session:
    tests/gitplay.Templates)."""
    env = _hook_env(PRE_COMMIT_HOME=repo_templates.env['PRE_COMMIT_HOME'], PRE_COMMIT_COLOR='never')

    def build(repo):
        write(repo, '.pre-commit-config.yaml', PUSH_CONFIG.format(
            entry=os.path.join(BIN, 'detect-together-keys')))
        rc, out = _run(repo, env, os.path.join(BIN, 'pre-commit'), 'install')
        assert rc == 0, out
    repo_templates.into(git_repo, 'gate-pushing', build)
    remote = tmp_path / 'remote.git'
    subprocess.run(('git', 'init', '-q', '--bare', str(remote)), check=True)
    git(git_repo, 'remote', 'add', 'origin', str(remote))
    return env


def test_pre_push_blocks_a_new_key_and_not_one_already_pushed(git_repo, keys, pushing):
    old, new = keys(), keys()
    write(git_repo, 'a.py', f'OLD = "{old}"\n')
    commit(git_repo)
    rc, out = _run(git_repo, pushing, 'git', 'push', '-q', '--no-verify', 'origin', 'main')
    assert rc == 0, out
    # Touching the file that holds the pushed key: the push passes.
    write(git_repo, 'a.py', f'OLD = "{old}"\nX = 1\n')
    commit(git_repo)
    rc, out = _run(git_repo, pushing, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    # A new key in a new commit: the push is refused, only it is reported.
    write(git_repo, 'b.py', f'NEW = "{new}"\n')
    commit(git_repo)
    rc, out = _run(git_repo, pushing, 'git', 'push', 'origin', 'main')
    assert rc != 0
    assert f'b.py:1: {KEY}' in out and hash_secret(new) in out
    assert hash_secret(old) not in out
    # A new branch whose first commit carries the key: refused as well.
    git(git_repo, 'checkout', '-q', '-b', 'topic')
    rc, out = _run(git_repo, pushing, 'git', 'push', 'origin', 'topic')
    assert rc != 0 and hash_secret(new) in out and hash_secret(old) not in out


def test_manual_stage_is_a_normal_run(git_repo, keys, pushing):
    key = keys()
    write(git_repo, 'c.py', f'K = "{key}"\n')
    commit(git_repo)
    rc, out = _run(
        git_repo, pushing, os.path.join(BIN, 'pre-commit'), 'run',
        '--hook-stage', 'manual', '--all-files',
    )
    assert rc == 1 and f'c.py:1: {KEY}' in out and hash_secret(key) in out


# ------------------------------------------------------------ the documented CI setups

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'examples')


def _ci_env(**extra: str) -> dict[str, str]:
    env = _hook_env(**extra)
    env['PATH'] = BIN + os.pathsep + env.get('PATH', '')
    return env


def _pr_merge_checkout(repo, key: str) -> str:
    """A pull request adding ``key``, checked out as CI does: the merge of
    the PR into its base; returns the base commit."""
    write(repo, 'a.py', 'x = 1\n')
    commit(repo)
    git(repo, 'checkout', '-q', '-b', 'pr')
    write(repo, 'pr.py', f'\nK = "{key}"\n')
    commit(repo)
    git(repo, 'checkout', '-q', 'main')
    write(repo, 'b.py', 'y = 2\n')
    base = commit(repo)
    git(repo, 'merge', '-q', '--no-ff', '--no-edit', 'pr')
    return base


def test_github_actions_example_runs(git_repo, keys):
    import yaml

    with open(os.path.join(EXAMPLES, 'github-actions.yml'), encoding='utf-8') as f:
        steps = yaml.safe_load(f)['jobs']['together-keys']['steps']
    scan_step = next(s for s in steps if s.get('id') == 'scan')
    mark_step = next(s for s in steps if s.get('name') == 'Mark the keys on the diff')
    key = keys()
    base = _pr_merge_checkout(git_repo, key)
    env = _ci_env(RANGE=f'{base}...HEAD')
    rc, out = _run(git_repo, env, 'bash', '-e', '-c', scan_step['run'])
    assert rc == 1 and 'pr.py:2' in out
    with open(git_repo / 'together-hooks.sarif', encoding='utf-8') as f:
        (result,) = json.load(f)['runs'][0]['results']
    assert result['properties']['hashed_secret'] == hash_secret(key)
    rc, out = _run(git_repo, env, 'bash', '-e', '-c', mark_step['run'])
    assert rc == 1 and out.startswith('::error file=pr.py,line=2,')
    # A push to main (no RANGE): the whole tree.
    rc, out = _run(git_repo, _ci_env(RANGE=''), 'bash', '-e', '-c', scan_step['run'])
    assert rc == 1 and 'pr.py:2' in out
    # A push (git push --no-verify) whose commits add a key and remove it
    # again: the tree is clean, the remote has the key all the same.
    before = _push_adding_and_removing(git_repo, keys())
    env = _ci_env(RANGE='', BEFORE=before)  # the step sets it from github.event.before
    rc, out = _run(git_repo, env, 'bash', '-e', '-c', scan_step['run'])
    assert rc == 1 and 'later.py:1' in out, out
    # The first push of a branch (before: zeros, also main deleted and
    # pushed anew): not the tree alone, which is clean, but its history.
    rc, out = _run(git_repo, _ci_env(RANGE='', BEFORE='0' * 40), 'bash', '-e', '-c', scan_step['run'])
    assert rc == 1 and 'later.py:1' in out, out


def test_github_actions_scan_step_fails_on_a_key_without_bash_e(git_repo, keys):
    """The scan step's commands, copied into a shell that is not ``bash -e``
    (a local run, another CI, ``shell: bash {0}``): the pull request's
    key was found and printed, yet the step exited 0 (the SARIF scan's
    status was dropped by ``exit "$pushed"``)."""
    import yaml

    with open(os.path.join(EXAMPLES, 'github-actions.yml'), encoding='utf-8') as f:
        steps = yaml.safe_load(f)['jobs']['together-keys']['steps']
    scan_step = next(s for s in steps if s.get('id') == 'scan')
    base = _pr_merge_checkout(git_repo, keys())
    rc, out = _run(git_repo, _ci_env(RANGE=f'{base}...HEAD'), 'bash', '-c', scan_step['run'])
    assert rc == 1 and 'pr.py:2' in out, out
    rc, out = _run(git_repo, _ci_env(RANGE=''), 'bash', '-c', scan_step['run'])
    assert rc == 1 and 'pr.py:2' in out, out


def test_ci_examples_after_a_force_push_scan_what_no_gate_checked(git_repo, keys):
    """After a force-push the push's `before` commit is not fetched. The
    recipe took every other remote branch as checked, but CI checks only
    pull requests and the default branch: a branch pushed with
    --no-verify, never a pull request, adding a key and removing it, then
    force-pushed onto main, passed with exit 0. Now HEAD's whole history
    is scanned, or only what a named gated tag lacks."""
    import yaml

    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    git(git_repo, 'tag', 'old-release')
    git(git_repo, 'checkout', '-q', '-b', 'wip')
    _push_adding_and_removing_after(git_repo, keys())
    # wip was pushed unchecked, then force-pushed onto main.
    git(git_repo, 'update-ref', 'refs/remotes/origin/wip', 'HEAD')
    git(git_repo, 'checkout', '-q', '-B', 'main')
    git(git_repo, 'tag', 'at-head')
    head = git(git_repo, 'rev-parse', 'HEAD').strip()
    git(git_repo, 'update-ref', 'refs/remotes/origin/main', head)
    gone = 'f' * 40  # the old tip, not in this clone
    with open(os.path.join(EXAMPLES, 'github-actions.yml'), encoding='utf-8') as f:
        steps = yaml.safe_load(f)['jobs']['together-keys']['steps']
    step = next(s for s in steps if s.get('id') == 'scan')
    github = ('bash', '-e', '-c', step['run'])
    with open(os.path.join(EXAMPLES, 'gitlab-ci.yml'), encoding='utf-8') as f:
        job = yaml.safe_load(f)['together-hooks']
    gitlab = ('sh', '-c', '\n'.join(['set -e', *job['script']]))
    # The default the examples ship, then a tag before the key, then a
    # name no tag has (fails closed: the whole history), then a tag at
    # HEAD (its history is taken as gated: nothing left to scan).
    gated = [step['env']['TOGETHER_HOOKS_GATED'], 'old-release', 'no-such-tag']
    assert gated[0] == job['variables']['TOGETHER_HOOKS_GATED'] == ''
    env = _ci_env(RANGE='', BEFORE=gone, GITHUB_REF_NAME='main', CI_COMMIT_SHA=head,
                  CI_COMMIT_BEFORE_SHA=gone, CI_COMMIT_BRANCH='main')
    runs = [(github, name, gone) for name in [*gated, 'at-head']]
    # Zeros: main deleted and pushed anew (or a first or scheduled
    # pipeline) is no proof either.
    runs += [(gitlab, '', gone), (gitlab, 'at-head', gone), (gitlab, '', '0' * 40)]
    for cmd, name, before in runs:
        rc, out = _run(git_repo, {**env, 'TOGETHER_HOOKS_GATED': name, 'BEFORE': before,
                                  'CI_COMMIT_BEFORE_SHA': before}, *cmd)
        assert f'{before} (before this push) is not in this clone' in out, out
        if name == 'at-head':
            assert rc == 0 and 'the commits refs/tags/at-head lacks' in out, out
        else:
            assert rc == 1 and 'later.py:1' in out, (name, out)


def _push_adding_and_removing_after(repo, key: str) -> None:
    write(repo, 'later.py', f'K = "{key}"\n')
    commit(repo)
    git(repo, 'rm', '-q', 'later.py')
    commit(repo)


def _push_adding_and_removing(repo, key: str) -> str:
    """Commits on main that add ``key`` and delete it again, as a push
    brings them; returns the commit before them (the push's ``before``)."""
    git(repo, 'rm', '-q', 'pr.py')
    before = commit(repo)
    write(repo, 'later.py', f'K = "{key}"\n')
    commit(repo)
    git(repo, 'rm', '-q', 'later.py')
    commit(repo)
    return before


def test_gitlab_example_runs(git_repo, keys):
    import yaml

    with open(os.path.join(EXAMPLES, 'gitlab-ci.yml'), encoding='utf-8') as f:
        job = yaml.safe_load(f)['together-hooks']
    assert job['variables']['GIT_DEPTH'] == '0'
    key = keys()
    base = _pr_merge_checkout(git_repo, key)
    head = git(git_repo, 'rev-parse', 'HEAD').strip()
    env = _ci_env(CI_MERGE_REQUEST_DIFF_BASE_SHA=base, CI_COMMIT_SHA=head,
                  CI_COMMIT_BEFORE_SHA='0' * 40)
    script = '\n'.join(['set -e', *job['script']])  # as the runner runs it
    rc, out = _run(git_repo, env, 'sh', '-c', script)
    assert rc == 1 and 'pr.py:2' in out
    assert os.path.exists(git_repo / 'together-hooks.sarif')
    # A branch pipeline after a push whose commits add a key and remove it.
    before = _push_adding_and_removing(git_repo, keys())
    head = git(git_repo, 'rev-parse', 'HEAD').strip()
    env = _ci_env(CI_COMMIT_SHA=head, CI_COMMIT_BEFORE_SHA=before)
    rc, out = _run(git_repo, env, 'sh', '-c', script)
    assert rc == 1 and 'later.py:1' in out, out


def _plain_pre_push(repo) -> None:
    """The plain hook of examples/pre-push.md as ``repo``'s pre-push."""
    with open(os.path.join(EXAMPLES, 'pre-push.md'), encoding='utf-8') as f:
        text = f.read()
    script = text.split('```sh\n#!/bin/sh\n', 1)[1].split('```', 1)[0]
    hook = repo / '.git' / 'hooks' / 'pre-push'
    hook.write_text('#!/bin/sh\n' + script)
    hook.chmod(0o755)


def test_plain_pre_push_checks_the_first_push_into_an_empty_repository(
        git_repo, keys, tmp_path):
    """Nothing is known of an empty remote (no refs/remotes/origin/HEAD,
    and no fetch can make one): the hook exited 2 with a fetch that fails,
    so the first push, the whole history, could only go with --no-verify.
    It scans every local commit instead: a key anywhere is refused, a clean
    history goes through."""
    _plain_pre_push(git_repo)
    remote = tmp_path / 'empty.git'
    subprocess.run(('git', 'init', '-q', '--bare', '-b', 'main', str(remote)), check=True)
    git(git_repo, 'remote', 'add', 'origin', str(remote))
    key = keys()
    write(git_repo, 'a.py', f'K = "{key}"\n')
    commit(git_repo)
    write(git_repo, 'a.py', 'import os\nK = os.environ["TOGETHER_API_KEY"]\n')
    commit(git_repo)
    env = _ci_env()
    hashed = hash_secret(key)  # never the key itself in a failure's report
    rc, out = _run(git_repo, env, 'git', 'push', 'origin', 'main')
    assert rc != 0 and hashed in out, out
    assert git(remote, 'for-each-ref') == ''
    git(git_repo, 'checkout', '-q', '--orphan', 'clean')
    git(git_repo, 'branch', '-D', 'main')
    commit(git_repo)
    rc, out = _run(git_repo, env, 'git', 'push', 'origin', 'clean:main')
    assert rc == 0, out


def test_plain_pre_push_checks_a_commit_on_no_local_ref_pushed_into_an_empty_repository(
        git_repo, keys, tmp_path):
    """`git push origin <sha>:refs/heads/main` into an empty remote, the
    commit on no local ref: `scan --history` (every ref's commits) did not
    reach it and the closing `HEAD...HEAD` covered no commit, so the key
    was pushed.  The hook scans what is pushed: the sha's commits that no
    branch of the remote has."""
    _plain_pre_push(git_repo)
    remote = tmp_path / 'empty.git'
    subprocess.run(('git', 'init', '-q', '--bare', '-b', 'main', str(remote)), check=True)
    git(git_repo, 'remote', 'add', 'origin', str(remote))
    write(git_repo, 'README.md', 'hello\n')
    commit(git_repo)
    key = keys()
    write(git_repo, 'a.py', f'K = "{key}"\n')
    commit(git_repo)
    sha = git(git_repo, 'rev-parse', 'HEAD').strip()
    git(git_repo, 'reset', '-q', '--hard', 'HEAD~1')
    git(git_repo, 'reflog', 'expire', '--expire=now', '--all')
    env = _ci_env()
    rc, out = _run(git_repo, env, 'git', 'push', 'origin', f'{sha}:refs/heads/main')
    assert rc != 0 and hash_secret(key) in out, out
    assert git(remote, 'for-each-ref') == ''
    clean = git(git_repo, 'rev-parse', 'HEAD').strip()
    rc, out = _run(git_repo, env, 'git', 'push', 'origin', f'{clean}:refs/heads/main')
    assert rc == 0, out


def test_plain_pre_push_example_runs(git_repo, keys, tmp_path):
    with open(os.path.join(EXAMPLES, 'pre-push.md'), encoding='utf-8') as f:
        text = f.read()
    script = text.split('```sh\n#!/bin/sh\n', 1)[1].split('```', 1)[0]
    hook = git_repo / '.git' / 'hooks' / 'pre-push'
    hook.write_text('#!/bin/sh\n' + script)
    hook.chmod(0o755)
    remote = tmp_path / 'remote.git'
    subprocess.run(('git', 'init', '-q', '--bare', '-b', 'main', str(remote)), check=True)
    git(git_repo, 'remote', 'add', 'origin', str(remote))
    old, new = keys(), keys()
    write(git_repo, 'a.py', f'OLD = "{old}"\n')
    commit(git_repo)
    env = _ci_env()
    rc, out = _run(git_repo, env, 'git', 'push', '-q', '--no-verify', 'origin', 'main')
    assert rc == 0, out
    git(git_repo, 'remote', 'set-head', 'origin', '--auto')
    write(git_repo, 'a.py', f'OLD = "{old}"\nX = 1\n')
    commit(git_repo)
    rc, out = _run(git_repo, env, 'git', 'push', 'origin', 'main')
    assert rc == 0, out
    write(git_repo, 'b.py', f'NEW = "{new}"\n')
    commit(git_repo)
    rc, out = _run(git_repo, env, 'git', 'push', 'origin', 'main')
    assert rc != 0 and hash_secret(new) in out and hash_secret(old) not in out
    git(git_repo, 'checkout', '-q', '-b', 'topic')
    rc, out = _run(git_repo, env, 'git', 'push', 'origin', 'topic')
    assert rc != 0 and hash_secret(new) in out and hash_secret(old) not in out


def test_docs_show_the_example_workflow_as_it_is():
    """The README links the workflow file; any page that shows it inline
    shows it step for step as the file has it."""
    def steps(text: str) -> list[str]:
        return [
            line.split(' #', 1)[0].rstrip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith('#')
        ]

    top = os.path.dirname(EXAMPLES)
    with open(os.path.join(top, 'README.md'), encoding='utf-8') as f:
        assert '(examples/github-actions.yml)' in f.read()
    with open(os.path.join(EXAMPLES, 'github-actions.yml'), encoding='utf-8') as f:
        example = f.read()
    marker = '# .github/workflows/together-hooks.yml\n'
    docs = os.path.join(top, 'docs')
    for page in ['README.md', *(os.path.join('docs', p) for p in sorted(os.listdir(docs)))]:
        with open(os.path.join(top, page), encoding='utf-8') as f:
            text = f.read()
        if marker in text:
            shown = text.split(marker, 1)[1]
            assert steps(shown.split('```', 1)[0]) == steps(example), page
