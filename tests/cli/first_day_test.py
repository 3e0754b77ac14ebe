"""A new user's first findings: where they point, and what the advice says.

Every test runs the installed console script in a real repository.
"""
from __future__ import annotations

import os
import subprocess
import zipfile

import pytest

from tests.cli_run import BIN
from tests.cli_run import CAPTURED
from tests.cli_run import run_in_process as run
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write

BOM = '\ufeff'


@pytest.mark.parametrize('fmt', ['json', 'sarif'])
def test_column_in_a_file_with_a_bom_is_the_editors(git_repo, keys, fmt):
    # A Windows editor's UTF-8 BOM is not a character the user sees: the key
    # sits at the same column with it as without it.
    key = keys()
    write(git_repo, 'plain.py', f'KEY = "{key}"\n')
    write(git_repo, 'bom.py', f'{BOM}KEY = "{key}"\nB = "{key}"\n')
    git(git_repo, 'add', '.')
    result = scan('--format', fmt, '.')
    assert result.rc == 1, result.err
    if fmt == 'json':
        found = {(f['path'], f['line']): f['column'] for f in result.json()['findings']}
    else:
        found = {
            (loc['physicalLocation']['artifactLocation']['uri'],
             loc['physicalLocation']['region']['startLine']):
            loc['physicalLocation']['region']['startColumn']
            for r in result.json()['runs'][0]['results'] for loc in r['locations']
        }
    assert found == {('plain.py', 1): 8, ('bom.py', 1): 8, ('bom.py', 2): 6}


def test_column_in_a_zip_member_with_a_bom(git_repo, keys):
    key = keys()
    with zipfile.ZipFile(os.path.join(git_repo, 'bundle.zip'), 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('plain.py', f'KEY = "{key}"\n')
        z.writestr('bom.py', f'{BOM}KEY = "{key}"\n')
    git(git_repo, 'add', '.')
    result = scan('--format', 'json', '.')
    assert result.rc == 1, result.err
    found = {(f['path'], f['line']): f['column'] for f in result.json()['findings']}
    assert found == {('bundle.zip!plain.py', 1): 8, ('bundle.zip!bom.py', 1): 8}, found


@pytest.mark.parametrize('text', [
    BOM + 'KEY = "{key}"  # pragma: allowlist secret\n',
    BOM + '# pragma: allowlist nextline secret\nKEY = "{key}"\n',
    BOM + '// pragma: allowlist nextline secret\r\nconst KEY = "{key}";\r\n',
])
def test_pragma_on_the_first_line_of_a_file_with_a_bom(git_repo, keys, text):
    # The BOM is no hidden text before the comment: the pragma counts.
    write(git_repo, 'bom.py', text.format(key=keys()))
    git(git_repo, 'add', '.')
    result = scan('.')
    assert (result.rc, result.out) == (0, ''), result.err


def _advice(result) -> str:
    return next(line for line in result.out.splitlines() if line.startswith('Not a real key?'))


@pytest.mark.parametrize('name, text, comment', [
    ('app.py', 'KEY = "{key}"', '  # pragma: allowlist secret'),
    ('web/app.ts', 'const KEY = "{key}";', '  // pragma: allowlist secret'),
    ('db/seed.sql', "INSERT INTO k VALUES ('{key}');", '  -- pragma: allowlist secret'),
    ('README.md', 'Use `{key}`.', ' <!-- pragma: allowlist secret -->'),
])
def test_not_a_key_advice_names_the_comment_that_works_there(git_repo, keys, name, text, comment):
    line = text.format(key=keys())
    write(git_repo, name, line + '\n')
    git(git_repo, 'add', '.')
    result = scan('.')
    assert result.rc == 1
    assert f'Add "{comment.strip()}" to its line, or record it in the baseline' in _advice(result)
    # Doing as it says is enough.
    write(git_repo, name, line + comment + '\n')
    assert scan('.').rc == 0


def test_not_a_key_in_json_names_the_baseline_not_a_comment(git_repo, keys):
    # JSON has no comments: a pragma would break the file.  The advice names
    # what works there, and following it passes.
    write(git_repo, 'config.json', '{"together": {"api_key": "%s"}}\n' % keys())
    write(git_repo, 'app.py', 'KEY = "%s"\n' % keys())
    git(git_repo, 'add', '.')
    both = _advice(scan('.'))
    assert 'app.py: "# pragma: allowlist secret"' not in both  # one comment: no list
    assert both.startswith(
        'Not a real key? Add "# pragma: allowlist secret" to its line '
        '(config.json: none, JSON has no comments), or record it in the baseline: '
        '`together-hooks baseline create app.py:1 config.json:1`',
    )
    git(git_repo, 'rm', '-q', '-f', 'app.py')
    result = scan('.')
    assert result.rc == 1
    advice = _advice(result)
    assert 'pragma' not in advice
    assert advice.startswith(
        'Not a real key? JSON has no comments: record it in the baseline: '
        '`together-hooks baseline create config.json:1`, then stage it (`git add .secrets.baseline`) '
        'and commit it.',
    )
    created = run('together-hooks', 'baseline', 'create', 'config.json:1', cwd=git_repo)
    assert created.rc == 0, created.err
    git(git_repo, 'add', '.secrets.baseline')
    assert scan('.').rc == 0


def test_not_a_key_in_files_of_several_kinds(git_repo, keys):
    write(git_repo, 'a.py', 'K = "%s"\n' % keys())
    write(git_repo, 'b.ts', 'const K = "%s";\n' % keys())
    write(git_repo, 'c.json', '["%s"]\n' % keys())
    git(git_repo, 'add', '.')
    assert _advice(scan('.')).startswith(
        'Not a real key? Add an allow comment to its line (a.py: "# pragma: allowlist '
        'secret"; b.ts: "// pragma: allowlist secret"; c.json: none, JSON has no '
        'comments), or record it in the baseline',
    )


def _what_to_do(result) -> str:
    return next(line for line in result.out.splitlines() if line.startswith('What to do:'))


def test_history_of_a_now_ignored_env_file_says_rotate_only(git_repo, keys):
    # The key was committed: it is leaked, whatever git does with the file
    # now.  The advice must not also say to keep it there.
    write(git_repo, '.env', f'TOGETHER_API_KEY={keys()}\n')
    git(git_repo, 'add', '.env')
    git(git_repo, 'commit', '-qm', 'env')
    git(git_repo, 'rm', '-q', '--cached', '.env')
    write(git_repo, '.gitignore', '.env\n')
    git(git_repo, 'add', '.gitignore')
    git(git_repo, 'commit', '-qm', 'ignore it')
    result = scan('--history')
    assert result.rc == 1, result.err
    advice = _what_to_do(result)
    assert 'rotate it now' in advice
    assert 'keep the key there' not in advice and 'only if it was ever committed' not in advice
    assert '.env: git now ignores it and does not track it: put the new key there.' in advice


def test_env_file_outside_a_repository_names_no_git_fix(tmp_path, monkeypatch, keys):
    # check-env-gitignored --fix (and git rm --cached) fail outside git:
    # the advice says when they apply.
    folder = tmp_path / 'plain'
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv('GIT_CEILING_DIRECTORIES', str(tmp_path))
    write(folder, '.env', f'TOGETHER_API_KEY={keys()}\n')
    result = scan('.')
    assert result.rc == 1, result.err
    advice = _what_to_do(result)
    assert 'git rm' not in advice and 'run `check-env-gitignored --fix`;' not in advice
    assert advice == (
        'What to do: .env: an env file is the place for a key, and no git '
        'repository holds this folder: keep the key there; if it goes into one, '
        'first run `check-env-gitignored --fix` in that repository, so git ignores the file.'
    )


DOCS = 'https://github.com/together-hooks/together-hooks/blob/main/docs/'


def _doc_pointers(text: str) -> list[str]:
    """Every docs page ``text`` names, asserting each is named by its URL
    (a user's repository has no docs/ folder) and exists."""
    import os
    import re

    pages = []
    for m in re.finditer(r'(\S*)docs/([\w.-]+\.md)', text):
        assert m.group(1).endswith('/blob/main/') and m.group(0).endswith(DOCS[8:] + m.group(2)), m.group(0)
        pages.append(m.group(2))
        assert os.path.exists(os.path.join(os.path.dirname(__file__), '..', '..', 'docs', m.group(2)))
    return pages


@pytest.mark.parametrize('argv', [
    ('together-hooks', 'scan', '--help'),
    ('detect-together-keys', '--help'),
    ('together-hooks', 'scan', '--exclude', 'vendor'),
    ('together-hooks', 'scan', '--exclude-secrets', 'x'),
])
def test_docs_are_named_by_a_url_a_user_can_open(git_repo, argv):
    result = run(*argv, cwd=git_repo)
    assert _doc_pointers(result.out + result.err) == ['configuration.md']


def test_a_tracked_env_file_points_to_the_policy_by_url(git_repo):
    write(git_repo, '.env', 'DEBUG=1\n')
    write(git_repo, '.gitignore', '.env\n')
    git(git_repo, 'add', '-f', '.env', '.gitignore')
    result = run('check-env-gitignored', cwd=git_repo)
    assert result.rc == 1
    assert _doc_pointers(result.out + result.err) == ['env-policy.md']


def test_a_key_labelled_real_is_not_told_to_go_in_the_baseline(git_repo, keys):
    # An audit answered "no, not to be committed": the baseline labels it
    # real.  Recording it in the baseline again changes nothing; the advice
    # names its label, and changing the label is enough.
    import json

    write(git_repo, 'app.py', f'KEY = "{keys()}"\n')
    git(git_repo, 'add', '.')
    assert run('together-hooks', 'baseline', 'create', cwd=git_repo).rc == 0
    audit = subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'baseline', 'audit'), cwd=git_repo,
        input=b'n\n', capture_output=True, timeout=120,
    )
    CAPTURED.extend((audit.stdout.decode(), audit.stderr.decode()))  # checked for keys
    assert audit.returncode == 0, audit.stderr
    result = scan('.')
    assert result.rc == 1
    assert 'is a confirmed real key' in result.out
    assert 'Not a real key?' not in result.out
    assert (
        'Labelled a real key by mistake? Set its "is_secret" to false in '
        '.secrets.baseline and commit that'
    ) in result.out
    doc = json.loads((git_repo / '.secrets.baseline').read_text())
    (entry,) = doc['results']['app.py']
    assert entry['is_secret'] is True
    entry['is_secret'] = False
    (git_repo / '.secrets.baseline').write_text(json.dumps(doc, indent=2) + '\n')
    assert scan('.').rc == 0


@pytest.mark.parametrize('argv, next_command', [
    (('doctor',), '`together-hooks doctor path/to/repo`'),
    (('baseline',), '{create,update,audit}'),
])
def test_an_error_names_what_to_type_next(tmp_path, monkeypatch, argv, next_command):
    monkeypatch.setenv('GIT_CEILING_DIRECTORIES', str(tmp_path))
    result = run('together-hooks', *argv, cwd=tmp_path)
    assert result.rc == 2 and result.out == ''
    assert len(result.err.splitlines()) == 1 and next_command in result.err, result.err


@pytest.mark.parametrize('mode', [('--history',), ('--staged',), ('--diff', 'HEAD')])
def test_a_repository_given_as_path_to_a_git_mode_says_to_cd_into_it(git_repo, tmp_path, mode):
    """The Quick start scans `path/to/your-repo`; a new user then tries
    `scan --history path/to/your-repo` too. The refusal says how to run it."""
    result = run('together-hooks', 'scan', *mode, str(git_repo), cwd=tmp_path)
    assert result.rc == 2, result.err
    assert 'takes no PATH' in result.err
    assert f'cd path/to/your-repo && together-hooks scan {mode[0]}' in result.err
    assert 'Traceback' not in result.err


def test_an_empty_path_is_named_as_empty_not_as_a_missing_file(git_repo):
    """`together-hooks scan "$REPO"` with the variable unset passes ''; the
    error said `: no such file or directory` (a file named nothing?).  Each
    command that takes a path says the path is empty, one line, exit 2,
    nothing scanned (`a.txt` beside it neither)."""
    from tests.cli_run import assert_error_text

    write(git_repo, 'a.txt', 'clean\n')
    for argv in (
            ('together-hooks', 'scan', ''),
            ('together-hooks', 'scan', '', 'a.txt'),
            ('detect-together-keys', ''),
            ('together-hooks', 'doctor', ''),
            ('together-hooks', 'rotate-help', ''),
            ('together-hooks', 'scan', '--env-reuse', ''),
            # forbid-env-files judges names: '' named nothing and passed, exit 0
            ('forbid-env-files', ''),
            ('forbid-env-files', '.env.example', ''),
    ):
        result = run(*argv, cwd=git_repo)
        assert_error_text(result.rc, result.err, "an empty PATH ('') names no file or folder",
                          out=result.out)
        assert result.out == '', (argv, result.out)
    # A folder that is not there is named as missing, not as too many.
    result = run('together-hooks', 'scan', '--env-reuse', 'no-such-dir', cwd=git_repo)
    assert_error_text(result.rc, result.err, 'no-such-dir: no such file or directory', out=result.out)
    result = run('together-hooks', 'scan', '--env-reuse', 'a.txt', cwd=git_repo)
    assert_error_text(result.rc, result.err, '--env-reuse takes at most one folder', out=result.out)


def test_where_a_reported_path_starts_is_as_docs_cli_says(git_repo, keys):
    """docs/cli.md, "Where a reported path starts": the repository's top
    with no PATH (from any of its folders), the folder when one is given,
    as named for files or several paths; github and SARIF from the top."""
    import re as _re

    write(git_repo, 'src/app.py', f'KEY = "{keys()}"\n')
    write(git_repo, 'lib/util.py', f'KEY = "{keys()}"\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'keys')
    src = git_repo / 'src'

    def paths(result, pattern=r'^(\S+?):\d+: together-api-key'):
        assert result.rc == 1, result.err
        return sorted(_re.findall(pattern, result.out, _re.M))

    assert paths(run('together-hooks', 'scan', cwd=src)) == ['lib/util.py', 'src/app.py']
    assert paths(run('together-hooks', 'scan', '--history', cwd=src)) == ['lib/util.py', 'src/app.py']
    assert paths(run('together-hooks', 'scan', 'src', cwd=git_repo)) == ['app.py']
    assert paths(run('together-hooks', 'scan', 'src/app.py', 'lib', cwd=git_repo)) == [
        'lib/util.py', 'src/app.py']
    assert paths(run('together-hooks', 'scan', 'app.py', '../lib', cwd=src)) == [
        '../lib/util.py', 'app.py']
    as_json = run('together-hooks', 'scan', '--format', 'json', 'src', cwd=git_repo)
    assert [f['path'] for f in as_json.json()['findings']] == ['app.py']
    github = run('together-hooks', 'scan', '--format', 'github', 'src', cwd=git_repo)
    assert paths(github, r'^::error file=([^,]+),') == ['src/app.py']
    sarif = run('together-hooks', 'scan', '--format', 'sarif', 'src', cwd=git_repo)
    uris = [loc['physicalLocation']['artifactLocation']['uri']
            for r in sarif.json()['runs'][0]['results'] for loc in r['locations']]
    assert uris == ['src/app.py']
    with open(os.path.join(os.path.dirname(__file__), '..', '..', 'docs', 'cli.md'), encoding='utf-8') as f:
        doc = ' '.join(f.read().split())
    for said in ('(`scan src` shows `app.py`)',
                 '(`scan src/app.py ../lib` shows `src/app.py` and `../lib/util.py`)',
                 '`--format github` and SARIF always name the file from the top of its repository (`src/app.py`)'):
        assert said in doc, said


def test_a_choice_typed_in_capitals_names_the_one_meant(git_repo):
    """`--format JSON` (as gitleaks' docs write report formats) said only
    `invalid choice: 'JSON'`; a lowercase typo (`jsn`) named json.  A
    choice or a command in another case names the one meant too."""
    from tests.cli_run import assert_error_text

    for argv, meant in (
            (('together-hooks', 'scan', '--format', 'JSON'), '(did you mean json?)'),
            (('together-hooks', 'scan', '--format=Sarif'), '(did you mean sarif?)'),
            (('detect-together-keys', '--format', 'TEXT', 'a.txt'), '(did you mean text?)'),
            (('together-hooks', 'doctor', '--format', 'Json'), '(did you mean json?)'),
            (('together-hooks', 'SCAN'), '(did you mean scan?)'),
    ):
        result = run(*argv, cwd=git_repo)
        assert_error_text(result.rc, result.err, 'invalid choice', meant, out=result.out)
