"""Issue 14: adopting a detect-secrets baseline never switches off the
team's own detect-secrets hook.

The team's hook runs as pre-commit runs it, from the repository root, in an
environment of its own that has detect-secrets but not together-hooks (here:
this interpreter with ``-S`` and a folder holding only detect-secrets and
its dependencies).  After ``together-hooks baseline create``/``update`` it
must still load the baseline and block an AWS secret in a new file.
"""
from __future__ import annotations

import json
import os
import sys

import pytest

from tests.cli_run import run as run_script
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import install
from tests.gitplay import run

SITE = os.path.dirname(os.path.dirname(os.path.abspath(
    __import__('detect_secrets').__file__)))
DEPS = ('detect_secrets', 'yaml', '_yaml', 'requests', 'urllib3', 'idna',
        'charset_normalizer', 'certifi')


@pytest.fixture
def own_env(tmp_path) -> str:
    """A ``detect-secrets-hook`` whose Python cannot import together_hooks."""
    site = tmp_path / 'ds-site'
    site.mkdir()
    for name in DEPS:
        if os.path.exists(os.path.join(SITE, name)):
            os.symlink(os.path.join(SITE, name), site / name)
    script = tmp_path / 'ds-bin' / 'detect-secrets-hook'
    script.parent.mkdir()
    script.write_text(
        f'#!{os.path.realpath(sys.executable)} -S\n'
        'import sys\n'
        f'sys.path.insert(0, {str(site)!r})\n'
        'from detect_secrets.pre_commit_hook import main\n'
        'raise SystemExit(main())\n',
    )
    script.chmod(0o755)
    return str(script)


def _aws() -> str:
    # An AWS-shaped access key id and secret, built here (no literal in the repo).
    key_id = 'AKIA' + 'QWERTYUIOPASDFGH'
    secret = 'wJalrXUtnFEMI' + '/K7MDENG/bPxRfiCY' + 'zq9Zk2LmNbVc'  # pragma: allowlist secret
    return f'aws_access_key_id = "{key_id}"\naws_secret_access_key = "{secret}"\n'  # pragma: allowlist secret


CONFIG = '''\
repos:
-   repo: local
    hooks:
    -   id: detect-secrets
        name: detect-secrets
        entry: {hook} --baseline .secrets.baseline
        language: system
        types: [file]
'''


@pytest.fixture
def team(git_repo, tmp_path, own_env, keys):
    """A repository whose team runs detect-secrets' own hook on a baseline
    detect-secrets made; a Together key it does not record yet."""
    key = keys()
    write(git_repo, '.pre-commit-config.yaml', CONFIG.format(hook=own_env))
    write(git_repo, 'README.md', 'hello\n')
    git(git_repo, 'add', '-A')
    rc, out = run(git_repo, clean_env(), sys.executable, '-m', 'detect_secrets', 'scan')
    assert rc == 0, out
    write(git_repo, '.secrets.baseline', out)
    # A Together key the team now wants recorded (a test fixture).
    write(git_repo, 'app.py', f'KEY = "{key}"\n')
    commit(git_repo, 'baseline')
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / 'pc-home'), PRE_COMMIT_COLOR='never')
    install(git_repo, env)
    return env


def _hook_loads_baseline(repo, own_env) -> None:
    rc, out = run(repo, clean_env(), own_env, '--baseline', '.secrets.baseline', 'README.md')
    assert rc == 0 and 'Error' not in out and 'Traceback' not in out, out


@pytest.mark.parametrize('argv', [['baseline', 'update'], ['baseline', 'create', '--force']])
def test_adoption_keeps_the_teams_hook_blocking(git_repo, team, own_env, argv):
    before = (git_repo / '.secrets.baseline').read_bytes()
    result = run_script('together-hooks', *argv, cwd=git_repo)
    if result.rc == 2:  # refused: one line with the fix, baseline untouched
        assert len(result.err.splitlines()) == 1 and 'detect-secrets' in result.err
        assert (git_repo / '.secrets.baseline').read_bytes() == before
    else:
        assert result.rc == 0, (result.out, result.err)
        doc = json.loads((git_repo / '.secrets.baseline').read_text())
        assert 'Together API Key' in {
            e['type'] for es in doc['results'].values() for e in es}
    git(git_repo, 'add', '.secrets.baseline')
    _hook_loads_baseline(git_repo, own_env)
    write(git_repo, 'aws.py', _aws())
    for i in range(3):  # more files: detect-secrets scans them in processes
        write(git_repo, f'more{i}.py', f'x = {i}\n')
    git(git_repo, 'add', '-A')
    rc, out = run(git_repo, team, 'git', 'commit', '-m', 'aws')
    assert rc != 0, out
    assert 'aws.py' in out and 'Traceback' not in out


def test_doctor_fails_when_the_hook_cannot_load_a_named_plugin(git_repo, team, own_env):
    doc = json.loads((git_repo / '.secrets.baseline').read_text())
    doc['plugins_used'].append({
        'name': 'TogetherApiKeyDetector',
        'path': 'file://together_hooks/detect_secrets_plugin.py',
    })
    write(git_repo, '.secrets.baseline', json.dumps(doc, indent=2) + '\n')
    result = run_script('together-hooks', 'doctor', '--format', 'json', cwd=git_repo)
    assert result.rc == 1, (result.out, result.err)
    checks = {c['id']: c for c in result.json()['checks']}
    bad = [c for c in checks.values() if c['status'] == 'fail'
           and 'detect_secrets_plugin.py' in c['detail']]
    assert bad, checks


def test_detect_secrets_never_shows_a_key_once_it_loads_our_plugin(git_repo, own_env, keys):
    """detect-secrets prints each file's name (its hook's ``Location:``,
    a baseline's results on stdout): once it loads our plugin, what it
    prints goes through our scrub, as our own commands' output does."""
    from tests.cli_run import leaked
    from together_hooks.baseline.format import PLUGIN_FILE

    key, named = keys(), keys()
    write(git_repo, f'{named}.py', f'TOGETHER_API_KEY = "{key}"\n')
    git(git_repo, 'add', '-A')
    rc, hook_out = run(git_repo, clean_env(), own_env, '--plugin', PLUGIN_FILE, f'{named}.py')
    blocked = rc == 1 and 'Together API Key' in hook_out and 'Traceback' not in hook_out
    assert blocked
    rc, scan_out = run(
        git_repo, clean_env(), sys.executable, '-m', 'detect_secrets', 'scan', '--plugin', PLUGIN_FILE,
    )
    assert rc == 0
    assert 'Together API Key' in scan_out and '.py' in json.dumps(json.loads(scan_out)['results'])
    assert leaked([key, named], hook_out, scan_out) == []


def test_detect_secrets_log_lines_are_scrubbed_too(git_repo, keys):
    """``-v`` logs ``Checking file: <name>`` through a handler detect-secrets
    bound to the stderr of its import, before our plugin put the scrub in
    front of it: the handler follows the scrub."""
    from tests.cli_run import leaked
    from together_hooks.baseline.format import PLUGIN_FILE

    key, named = keys(), keys()
    write(git_repo, f'{named}.py', f'TOGETHER_API_KEY = "{key}"\n')
    git(git_repo, 'add', '-A')
    rc, out = run(
        git_repo, clean_env(), sys.executable, '-m', 'detect_secrets', '-v', 'scan',
        '--plugin', PLUGIN_FILE,
    )
    assert rc == 0
    logged = 'Checking file: tgp_v1_' in out
    assert logged
    assert leaked([key, named], out) == []


def test_detect_secrets_with_our_plugin_on_an_ascii_terminal_escapes_not_fails(git_repo, keys):
    """A redaction's ``…`` on a stream that cannot encode it is escaped, as
    on our own commands' streams: never a UnicodeEncodeError."""
    from tests.cli_run import leaked
    from together_hooks.baseline.format import PLUGIN_FILE

    key, named = keys(), keys()
    write(git_repo, f'{named}.py', f'TOGETHER_API_KEY = "{key}"\n')
    git(git_repo, 'add', '-A')
    rc, out = run(
        git_repo, clean_env(PYTHONIOENCODING='ascii'), sys.executable, '-m', 'detect_secrets',
        'scan', '--plugin', PLUGIN_FILE,
    )
    assert rc == 0 and 'Traceback' not in out
    assert 'Together API Key' in json.dumps(json.loads(out)['results'])
    assert leaked([key, named], out) == []
