"""An option naming a file to write with a value that names none: ``-``
and a blank (``' '``, a variable holding a newline).  ``--output -`` wrote
a file called ``-`` in the repository (and the next ``git add -A``
committed it); ``--audit-log=' '`` appended to a file called `` ``, exit
0.  Now ``--output -`` is standard output (as with no ``--output``: the
report alone on stdout, so ``--format sarif --output -`` pipes), and a
blank or ``-`` anywhere else is one line and exit 2, no file made.
An empty ``--audit-log=`` (a typo, an unset variable expanded in a hook's
args) turned audit logging off without a word, exiting 0 as if logged:
the same line and exit 2, before any work, from every entry point that
takes the option.  Real processes, real git, real pre-commit."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest

from tests.cli_run import run
from tests.conftest import git
from tests.keys import make_key


def _files(repo):
    return sorted(p.name for p in repo.iterdir() if p.name != '.git')


@pytest.mark.parametrize('fmt', ['json', 'sarif'])
def test_output_dash_is_standard_output_and_writes_no_file(git_repo, fmt):
    key = make_key(random.Random(4101))
    (git_repo / 'app.py').write_text(f'TOGETHER_API_KEY = "{key}"\n')
    git(git_repo, 'add', 'app.py')
    before = _files(git_repo)
    result = run('together-hooks', 'scan', '--format', fmt, '--output', '-', 'app.py',
                 cwd=git_repo)
    assert result.rc == 1, (result.out, result.err)
    assert _files(git_repo) == before  # no file named '-'
    report = json.loads(result.out)  # the report alone on stdout: it parses
    assert 'runs' in report if fmt == 'sarif' else report['findings']
    assert key not in result.out + result.err


@pytest.mark.parametrize(('script', 'args', 'says'), [
    ('detect-together-keys', ('--audit-log=', 'f.py'), '--audit-log names'),
    ('detect-together-keys', ('--audit-log', '', 'f.py'), '--audit-log names'),
    ('forbid-env-files', ('--audit-log=', 'f.py'), '--audit-log names'),
    ('check-env-gitignored', ('--audit-log=', 'f.py'), '--audit-log names'),
    ('together-hooks', ('scan', '--audit-log=', '.'), '--audit-log names'),
    ('together-hooks', ('scan', '--audit-log= ', 'f.py'), 'blank'),
    ('together-hooks', ('scan', '--audit-log=\n', 'f.py'), 'blank'),
    ('together-hooks', ('scan', '--audit-log=-', 'f.py'), "'-'"),
    ('detect-together-keys', ('--audit-log= ', 'f.py'), 'blank'),
    ('forbid-env-files', ('--audit-log=\t', 'f.py'), 'blank'),
    ('check-env-gitignored', ('--audit-log=-', 'f.py'), "'-'"),
    ('together-hooks', ('scan', '--output= ', 'f.py'), 'blank'),
    ('detect-together-keys', ('--output= ', 'f.py'), 'blank'),
    ('together-hooks', ('baseline', 'create', '--baseline', ' '), 'blank'),
    ('together-hooks', ('baseline', 'create', '--baseline', '-'), "'-'"),
])
def test_an_empty_blank_or_dash_file_to_write_is_one_line_and_exit_2(git_repo, script, args, says):
    (git_repo / 'f.py').write_text('k = 1\n')
    git(git_repo, 'add', 'f.py')
    before = _files(git_repo)
    result = run(script, *args, cwd=git_repo)
    assert result.rc == 2, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and 'names no file' in lines[0] and says in lines[0], result.err
    assert 'Traceback' not in result.out + result.err
    assert _files(git_repo) == before


@pytest.mark.parametrize('value', ['', ' '])
def test_the_audit_log_variable_empty_is_off_and_blank_is_one_line_and_exit_2(git_repo, value):
    """``TOGETHER_HOOKS_AUDIT_LOG=''`` stays off (how a shell unsets it for
    one run: the option is what the user or config wrote); one holding
    only a blank is a mistake, not a file called `` ``."""
    (git_repo / 'f.py').write_text('k = 1\n')
    git(git_repo, 'add', 'f.py')
    env = dict(os.environ, TOGETHER_HOOKS_AUDIT_LOG=value)
    proc = subprocess.run(
        (os.path.join(os.path.dirname(sys.executable), 'detect-together-keys'), 'f.py'),
        cwd=git_repo, env=env, capture_output=True, text=True,
    )
    if value == '':
        assert proc.returncode == 0, proc.stderr
    else:
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert 'TOGETHER_HOOKS_AUDIT_LOG names no file' in proc.stderr
    assert _files(git_repo) == ['f.py']


@pytest.mark.parametrize('args', ["'--audit-log='", "'--audit-log= ', '--output=-'"])
def test_an_empty_or_blank_audit_log_in_a_committed_config_blocks_the_commit(
        git_repo, tmp_path, args):
    """``args: ['--audit-log=']`` in the committed config (empty because
    the variable it named was unset) or ``['--audit-log= ']``, through the
    real pre-commit: the commit is refused with the reason, not let
    through unlogged, and no file `` `` made."""
    hook = f'{sys.executable} -m together_hooks.hooks.detect_together_keys'
    (git_repo / '.pre-commit-config.yaml').write_text(
        'repos:\n-   repo: local\n    hooks:\n'
        '    -   id: detect-together-keys\n        name: keys\n'
        f'        entry: {hook}\n        language: system\n        types: [file]\n'
        f"        args: [{args}]\n",
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
    assert _files(git_repo) == ['.pre-commit-config.yaml', 'f.py']


@pytest.mark.parametrize('fmt', ['json', 'sarif'])
def test_output_dash_keeps_a_confirmed_keys_warning_off_the_report(git_repo, fmt):
    """A key the baseline audits as real (``is_secret: true``) adds a line
    beside the report: with ``--output -`` it went to stdout after the
    JSON/SARIF (``--output -`` counted as a file), which then did not parse."""
    key = make_key(random.Random(4103))
    (git_repo / 'app.py').write_text(f'TOGETHER_API_KEY = "{key}"\n')
    git(git_repo, 'add', 'app.py')
    made = run('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert made.rc == 0, made.err
    baseline = json.loads((git_repo / '.secrets.baseline').read_text())
    for entries in baseline['results'].values():
        for entry in entries:
            entry['is_secret'] = True
    (git_repo / '.secrets.baseline').write_text(json.dumps(baseline))
    result = run('together-hooks', 'scan', '--format', fmt, '--output', '-',
                 '--baseline', '.secrets.baseline', 'app.py', cwd=git_repo)
    assert result.rc == 1, (result.out, result.err)
    json.loads(result.out)  # the report alone: it parses
    assert 'confirmed real key' in result.err
    assert key not in result.out + result.err


@pytest.mark.parametrize('script', [('together-hooks', 'scan'), ('detect-together-keys',)])
def test_an_empty_output_is_one_line_and_exit_2(git_repo, script):
    """``--output=''`` (a variable unset where a config or a CI job builds
    the option) printed the report to stdout and exited 0: no file, no word."""
    (git_repo / 'f.py').write_text('k = 1\n')
    git(git_repo, 'add', 'f.py')
    before = _files(git_repo)
    result = run(*script, '--format', 'json', '--output=', 'f.py', cwd=git_repo)
    assert result.rc == 2, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and '--output names no file' in lines[0], result.err
    assert _files(git_repo) == before


@pytest.mark.parametrize('args', [
    ('together-hooks', 'baseline', 'create', '--baseline='),
    ('together-hooks', 'baseline', 'update', '--baseline='),
    ('together-hooks', 'baseline', 'audit', '--stats', '--baseline='),
    ('together-hooks', 'scan', '--baseline=', 'f.py'),
    ('together-hooks', 'scan', '--history', '--baseline= '),
    ('detect-together-keys', '--baseline=', 'f.py'),
    ('detect-together-keys', '--baseline', '', 'f.py'),
])
def test_an_empty_baseline_is_one_line_and_exit_2(git_repo, args):
    """``--baseline ''`` (a variable unset where a config or a CI job builds
    the option) was no option at all: ``baseline create`` quietly wrote
    .secrets.baseline at the root, and a scan used the one there."""
    (git_repo / 'f.py').write_text('k = 1\n')
    git(git_repo, 'add', 'f.py')
    before = _files(git_repo)
    result = run(*args, cwd=git_repo)
    assert result.rc == 2, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and '--baseline names no file' in lines[0], result.err
    assert _files(git_repo) == before
