"""The not-a-key advice, followed literally: the run after it passes, and
the file still works for its format (read with its real parser).

Every test runs the installed console script in a real repository.
"""
from __future__ import annotations

import configparser
import csv
import os
import re

import pytest

from tests.cli_run import run_in_process as run
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write

def _advice(result) -> str:
    return next(line for line in result.out.splitlines() if line.startswith('Not a real key?'))


# --- keys found in commits: a later comment does not change the commit ---

def test_a_key_in_head_is_told_to_amend_not_to_add_a_comment(git_repo, keys):
    write(git_repo, 'app.py', 'print(1)\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'first')
    write(git_repo, 'app.py', f'KEY = "{keys()}"\n')
    git(git_repo, 'commit', '-qam', 'key')
    result = scan('--history')
    assert result.rc == 1, result.err
    advice = _advice(result)
    assert 'pragma' not in advice, advice
    assert '`git commit --amend` (it is HEAD)' in advice
    # The comment the old advice named, in a new commit: still found.
    with open('app.py', encoding='utf-8') as f:
        line = f.read().rstrip('\n')
    write(git_repo, 'app.py', line + '  # pragma: allowlist secret\n')
    git(git_repo, 'commit', '-qam', 'allow it')
    assert scan('--history').rc == 1
    git(git_repo, 'reset', '-q', '--hard', 'HEAD~1')
    # As the advice says: out of the commit that added it.
    write(git_repo, 'app.py', 'import os\nKEY = os.environ["TOGETHER_API_KEY"]\n')
    git(git_repo, 'commit', '-qa', '--amend', '--no-edit')
    assert scan('--history').rc == 0


def test_ci_is_told_to_rewrite_the_pushed_branch_not_to_amend(git_repo, keys, tmp_path, monkeypatch):
    """The CI gate checks commits already pushed: "Not pushed yet? ...
    `git commit --amend` (it is HEAD)" named the job's own checkout, which
    nobody in CI can amend. In CI (``CI`` set) the advice is to rotate, and
    on the developer's machine to rebase the commit out of the branch and
    force-push; done as said in a clone, the gate passes."""
    server = tmp_path / 'server.git'
    git(tmp_path, 'init', '-q', '--bare', str(server))
    write(git_repo, 'README.md', 'hi\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'first')
    git(git_repo, 'branch', '-M', 'main')
    git(git_repo, 'checkout', '-qb', 'feature')
    write(git_repo, 'app.py', f'KEY = "{keys()}"\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'key')
    added = git(git_repo, 'rev-parse', 'HEAD').strip()
    git(git_repo, 'remote', 'add', 'origin', str(server))
    git(git_repo, 'push', '-q', 'origin', 'main', 'feature')
    ci = tmp_path / 'ci'
    git(tmp_path, 'clone', '-q', '-b', 'feature', str(server), str(ci))
    monkeypatch.setenv('CI', 'true')
    result = scan('--diff', 'origin/main...HEAD', cwd=ci)
    assert result.rc == 1, result.err
    advice = _advice(result)
    assert '--amend' not in advice, advice
    assert f'`git rebase -i {added[:12]}^` and edit that commit' in advice, advice
    assert '`git push --force-with-lease`' in advice and 'rotate' in advice, advice
    # Done as named, on the developer's machine: the gate passes.
    env = dict(os.environ, GIT_SEQUENCE_EDITOR="sed -i -e '1s/^pick/edit/'")
    import subprocess
    subprocess.run(('git', 'rebase', '-q', '-i', f'{added[:12]}^'), cwd=git_repo, env=env, check=True)
    write(git_repo, 'app.py', 'import os\nKEY = os.environ["TOGETHER_API_KEY"]\n')
    git(git_repo, 'commit', '-qa', '--amend', '--no-edit')
    git(git_repo, 'rebase', '--continue')
    git(git_repo, 'push', '-q', '--force-with-lease', 'origin', 'feature')
    git(ci, 'fetch', '-q', 'origin')
    git(ci, 'reset', '-q', '--hard', 'origin/feature')
    assert scan('--diff', 'origin/main...HEAD', cwd=ci).rc == 0


def test_a_key_in_an_older_commit_is_told_to_rebase_from_it(git_repo, keys):
    write(git_repo, 'README.md', 'hi\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'first')
    write(git_repo, 'app.py', f'KEY = "{keys()}"\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'key')
    added = git(git_repo, 'rev-parse', 'HEAD').strip()
    write(git_repo, 'other.py', 'x = 1\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'later')
    result = scan('--history')
    assert result.rc == 1, result.err
    advice = _advice(result)
    assert 'pragma' not in advice
    assert f'`git rebase -i {added[:12]}^` and edit that commit' in advice
    # Done as named (the editor marks that commit `edit`).
    env = dict(os.environ, GIT_SEQUENCE_EDITOR="sed -i -e '1s/^pick/edit/'")
    import subprocess
    subprocess.run(('git', 'rebase', '-q', '-i', f'{added[:12]}^'), cwd=git_repo, env=env, check=True)
    write(git_repo, 'app.py', 'import os\nKEY = os.environ["TOGETHER_API_KEY"]\n')
    git(git_repo, 'commit', '-qa', '--amend', '--no-edit')
    git(git_repo, 'rebase', '--continue')
    assert scan('--history').rc == 0


def test_a_key_in_the_first_commit_is_told_to_rebase_from_the_root(git_repo, keys):
    write(git_repo, 'app.py', f'KEY = "{keys()}"\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'key')
    write(git_repo, 'other.py', 'x = 1\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'later')
    result = scan('--history')
    assert result.rc == 1, result.err
    assert '`git rebase -i --root` and edit that commit' in _advice(result)
    env = dict(os.environ, GIT_SEQUENCE_EDITOR="sed -i -e '1s/^pick/edit/'")
    import subprocess
    subprocess.run(('git', 'rebase', '-q', '-i', '--root'), cwd=git_repo, env=env, check=True)
    write(git_repo, 'app.py', 'import os\nKEY = os.environ["TOGETHER_API_KEY"]\n')
    git(git_repo, 'commit', '-qa', '--amend', '--no-edit')
    git(git_repo, 'rebase', '--continue')
    assert scan('--history').rc == 0


def test_a_key_on_another_branch_than_head_names_that_branch(git_repo, keys):
    """The key's commit is on a branch not checked out (a pre-push of
    `f` from `main`): `git rebase -i X^` run here would rewrite main's
    history, so the advice names the branch, and doing so works."""
    write(git_repo, 'README.md', 'hi\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'first')
    git(git_repo, 'checkout', '-qb', 'f')
    write(git_repo, 'app.py', f'KEY = "{keys()}"\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'key')
    added = git(git_repo, 'rev-parse', 'HEAD').strip()
    write(git_repo, 'other.py', 'x = 1\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'later')
    git(git_repo, 'checkout', '-q', '-')
    result = scan('--history')
    assert result.rc == 1, result.err
    assert f'`git rebase -i {added[:12]}^ f` and edit that commit' in _advice(result)
    env = dict(os.environ, GIT_SEQUENCE_EDITOR="sed -i -e '1s/^pick/edit/'")
    import subprocess
    subprocess.run(('git', 'rebase', '-q', '-i', f'{added[:12]}^', 'f'), cwd=git_repo, env=env, check=True)
    write(git_repo, 'app.py', 'import os\nKEY = os.environ["TOGETHER_API_KEY"]\n')
    git(git_repo, 'commit', '-qa', '--amend', '--no-edit')
    git(git_repo, 'rebase', '--continue')
    assert scan('--history').rc == 0


@pytest.mark.parametrize('fmt', ['json', 'sarif', 'github'])
def test_a_report_without_the_advice_asks_git_nothing_for_it(git_repo, keys, tmp_path, monkeypatch, fmt):
    """Which commit to rewrite, on which branch (``take_out_step``) costs
    git up to five questions after the scan, one a walk of the history
    (``merge-base --is-ancestor``: 0.17 s of CPU on mypy's); only the text
    report shows the answer, so the other formats do not ask them."""
    write(git_repo, 'README.md', 'hi\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'first')
    git(git_repo, 'checkout', '-qb', 'f')
    write(git_repo, 'app.py', f'KEY = "{keys()}"\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'key')
    write(git_repo, 'other.py', f'OTHER = "{keys()}"\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'later')
    git(git_repo, 'checkout', '-q', '-')
    trace = tmp_path / 'trace'
    monkeypatch.setenv('GIT_TRACE', str(trace))
    result = scan('--history', '--format', fmt)
    assert result.rc == 1, result.err
    assert len(re.findall('app.py|other.py', result.out)) >= 2, result.out
    asked = trace.read_text()
    for question in ('merge-base --is-ancestor', 'for-each-ref --contains', 'rev-list --parents'):
        assert question not in asked, question
    # The text report asks them, and names the branch to rebase.
    trace.unlink()
    text = scan('--history')
    assert text.rc == 1, text.err
    assert '^ f` and edit that commit' in _advice(text)
    asked = trace.read_text()
    for question in ('merge-base --is-ancestor', 'for-each-ref --contains', 'rev-list --parents'):
        assert question in asked, question


def test_a_key_a_merge_brings_is_told_to_rebase_merges(git_repo, keys):
    """A key added by a merge commit itself (an evil merge): `git rebase -i
    M^` lists no merge; only --rebase-merges does."""
    write(git_repo, 'README.md', 'hi\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'first')
    git(git_repo, 'checkout', '-qb', 'side')
    write(git_repo, 'side.txt', 's\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'side')
    git(git_repo, 'checkout', '-q', '-')
    write(git_repo, 'main.txt', 'm\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'main')
    git(git_repo, 'merge', '-q', '--no-commit', 'side')
    write(git_repo, 'app.py', f'KEY = "{keys()}"\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'merge')
    merge = git(git_repo, 'rev-parse', 'HEAD').strip()
    write(git_repo, 'other.py', 'x = 1\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'later')
    result = scan('--history')
    assert result.rc == 1, result.err
    assert f'`git rebase -i --rebase-merges {merge[:12]}^` and put a `break`' in _advice(result)


def test_a_key_only_in_a_stash_is_told_to_drop_the_stash_not_to_rebase(git_repo, keys):
    """`scan --history` reads the stash: a key only a stash holds is on no
    branch, so `git rebase -i <stash>^` (a rebase of HEAD) leaves it there;
    the advice is to drop the stash, and the run after it passes."""
    write(git_repo, 'app.py', 'print(1)\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'first')
    write(git_repo, 'app.py', f'KEY = "{keys()}"\n')
    git(git_repo, 'stash', '-q')
    result = scan('--history')
    assert result.rc == 1, result.err
    advice = _advice(result)
    assert 'rebase -i' not in advice and 'git commit --amend' not in advice, advice
    assert '`git stash drop stash@{N}`' in advice and 'rotate it' in advice, advice
    git(git_repo, 'stash', 'drop', '-q', 'stash@{0}')
    assert scan('--history').rc == 0


def test_a_committed_env_file_now_ignored_gets_no_comment_advice(git_repo, keys):
    write(git_repo, '.env', f'TOGETHER_API_KEY={keys()}\n')
    git(git_repo, 'add', '.env')
    git(git_repo, 'commit', '-qm', 'env')
    git(git_repo, 'rm', '-q', '--cached', '.env')
    write(git_repo, '.gitignore', '.env\n')
    git(git_repo, 'add', '.gitignore')
    git(git_repo, 'commit', '-qm', 'ignore it')
    result = scan('--history')
    assert result.rc == 1, result.err
    # The key is the one the ignored .env holds now: a key you hold, real
    # (tests/cli/own_key_advice_test.py), never "Not a real key?".
    advice = result.out.splitlines()[-1]
    assert 'pragma' not in advice and 'Not a real key' not in advice, advice
    assert advice.startswith('.env: a copy of a key you hold'), advice
    assert 'baseline' in advice and '`git rebase -i ' in advice


# --- a comment that works for the file's format ---

def _configparser(text: str) -> str:
    parser = configparser.ConfigParser()
    parser.read_string(text)
    return parser['together']['api_key']


@pytest.mark.parametrize('name, text, value', [
    ('site.css', ':root {{ --api-key: "{key}"; }}\n', None),
    ('theme.scss', '$api-key: "{key}";\n', None),
    ('Dockerfile', 'FROM python:3.12\nENV TOGETHER_API_KEY={key}\n', None),
    ('settings.ini', '[together]\napi_key = {key}\n', _configparser),
    ('setup.cfg', '[together]\napi_key = {key}\n', _configparser),
    ('app.properties', 'together.api_key={key}\n', None),
])
def test_the_comment_advised_passes_and_keeps_the_file_working(git_repo, keys, name, text, value):
    key = keys()
    write(git_repo, name, text.format(key=key))
    git(git_repo, 'add', '.')
    result = scan('.')
    assert result.rc == 1, result.err
    advice = _advice(result)
    m = re.match(r'Not a real key\? (Add|Put) "([^"]+)" (to its line|on its own line above it), or ', advice)
    assert m, advice
    comment, where = m.group(2), m.group(3)
    lines = text.format(key=key).splitlines()
    at = next(i for i, line in enumerate(lines) if key in line)
    if where == 'to its line':
        lines[at] += '  ' + comment
    else:
        lines.insert(at, comment)
    edited = '\n'.join(lines) + '\n'
    write(git_repo, name, edited)
    assert scan('.').rc == 0
    if value is not None:  # its own parser still reads the key, whole
        assert value(edited) == key
    if name == 'Dockerfile' or name.endswith('.properties'):
        # '#' is a comment only at the start of a line there
        assert lines[at].startswith('#') and lines[at + 1].endswith(key)
    if name.endswith(('.css', '.scss')):
        assert comment.startswith('/*') and comment.endswith('*/')


@pytest.mark.parametrize('name, text', [
    ('keys.csv', 'name,key\ntogether,{key}\n'),
    ('keys.tsv', 'name\tkey\ntogether\t{key}\n'),
    ('run.bat', 'set TOGETHER_API_KEY={key}\n'),
    ('run.cmd', 'set TOGETHER_API_KEY={key}\n'),
    ('paper.tex', '\\newcommand{{\\togetherkey}}{{{key}}}\n'),
])
def test_a_format_with_no_comment_we_read_is_told_the_baseline(git_repo, keys, name, text):
    key = keys()
    write(git_repo, name, text.format(key=key))
    git(git_repo, 'add', '.')
    result = scan('.')
    assert result.rc == 1, result.err
    advice = _advice(result)
    assert 'pragma' not in advice, advice
    assert f'{name}: no comment our hooks read there: record it in the baseline' in advice
    created = run('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert created.rc == 0, created.err
    git(git_repo, 'add', '.secrets.baseline')
    assert scan('.').rc == 0
    if name.endswith(('.csv', '.tsv')):
        with open(name, newline='', encoding='utf-8') as f:
            rows = list(csv.reader(f, delimiter=',' if name.endswith('.csv') else '\t'))
        assert rows[1] == ['together', key]


def test_files_needing_a_same_line_and_a_nextline_comment(git_repo, keys):
    write(git_repo, 'a.py', 'K = "%s"\n' % keys())
    write(git_repo, 'b.ini', '[together]\napi_key = %s\n' % keys())
    git(git_repo, 'add', '.')
    assert _advice(scan('.')).startswith(
        'Not a real key? Add an allow comment (a.py: "# pragma: allowlist secret" to '
        'its line; b.ini: "# pragma: allowlist nextline secret" on its own line '
        'above it), or record it in the baseline',
    )


# --- outside git ---

def test_baseline_advice_outside_git_says_no_commit(tmp_path, monkeypatch, keys):
    folder = tmp_path / 'plain'
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv('GIT_CEILING_DIRECTORIES', str(tmp_path))
    write(folder, 'app.py', f'KEY = "{keys()}"\n')
    result = scan('.')
    assert result.rc == 1, result.err
    advice = _advice(result)
    assert 'commit' not in advice, advice
    assert '`together-hooks baseline create app.py:1` (it writes .secrets.baseline).' in advice
    created = run('together-hooks', 'baseline', 'create', 'app.py:1', cwd=folder)
    assert created.rc == 0, created.err
    assert scan('.').rc == 0
