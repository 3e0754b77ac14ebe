"""docs/migrating.md, followed as written: a gitleaks user's keys known
only in history go to ``allow`` by the one-liner the page gives, and
``gitleaks:allow`` on a line silences it as gitleaks does."""
from __future__ import annotations

import os
import re
import subprocess

from tests.cli_run import BIN
from tests.cli_run import leaked
from tests.cli_run import run
from tests.conftest import git
from tests.keys import make_key

DOC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'docs', 'migrating.md')


def _one_liner() -> str:
    with open(DOC, encoding='utf-8') as f:
        text = f.read()
    (block,) = re.findall(r'```sh\n(.*?)```', text, re.S)
    return '\n'.join(line.strip() for line in block.splitlines())


def test_history_keys_move_to_allow_as_the_page_says(git_repo, rng):
    keys = [make_key(rng), make_key(rng)]
    for i, key in enumerate(keys):
        (git_repo / f'k{i}.py').write_text(f'TOGETHER_API_KEY = "{key}"\n')
        git(git_repo, 'add', '.')
        git(git_repo, 'commit', '-qm', f'k{i}')
        git(git_repo, 'rm', '-q', f'k{i}.py')
        git(git_repo, 'commit', '-qm', f'rm k{i}')
    assert run('together-hooks', 'scan', '--history', cwd=git_repo).rc == 1
    proc = subprocess.run(
        ('bash', '-c', _one_liner()), cwd=git_repo, capture_output=True, text=True,
        env=dict(os.environ, PATH=BIN + os.pathsep + os.environ['PATH']), timeout=120,
    )
    assert proc.stdout.count("'") == 4, proc.stderr  # two hashed_secrets
    assert leaked(keys, proc.stdout, proc.stderr) == []
    (git_repo / '.together-hooks.toml').write_text(f'allow = {proc.stdout.strip()}\n')
    r = run('together-hooks', 'scan', '--history', cwd=git_repo)
    assert r.rc == 0, r.out + r.err


def test_gitleaks_allow_on_a_line(git_repo, rng):
    key = make_key(rng)
    (git_repo / 'a.py').write_text(f'TOGETHER_API_KEY = "{key}"  # gitleaks:allow\n')
    git(git_repo, 'add', '.')
    r = run('detect-together-keys', 'a.py', cwd=git_repo)
    assert (r.rc, r.out) == (0, ''), r.out


def test_other_tools_comments_the_page_lists_do_not_silence_a_key(git_repo, rng):
    """Each marker the page says is not honoured leaves the key reported;
    the ones it says are honoured silence it."""
    with open(DOC, encoding='utf-8') as f:
        section = f.read().split("\n## Other tools' inline comments\n", 1)[1]
    honoured, _sep, rest = section.partition('**not** honoured')
    markers = re.findall(r'`([^`]+)`', rest.split('They tell', 1)[0])
    assert {'# nosec', 'trufflehog:ignore', 'NOSONAR'} <= set(markers), markers
    key = make_key(rng)
    for i, marker in enumerate(markers):
        comment = marker if marker.startswith('#') else f'# {marker}'
        (git_repo / f'm{i}.py').write_text(f'TOGETHER_API_KEY = "{key}"  {comment}\n')
    (git_repo / 'ok.py').write_text(f'TOGETHER_API_KEY = "{key}"  # {re.findall(r"`([^`]+)`", honoured)[0]}\n')
    git(git_repo, 'add', '.')
    r = run('together-hooks', 'scan', '--format', 'json', cwd=git_repo)
    assert r.rc == 1, r.err
    assert sorted(path for path, *_rest in r.found()) == [f'm{i}.py' for i in range(len(markers))]
    assert leaked([key], r.out, r.err) == []


def _trufflehog_rows() -> dict[str, str]:
    with open(DOC, encoding='utf-8') as f:
        text = f.read()
    table = text.split('## From trufflehog', 1)[1].split('\n## ', 1)[0]
    return dict(re.findall(r'^\| `([^`]+)`[^|]*\| `([^`]+)`', table, re.M))


def test_trufflehog_words_typed_here_name_the_page_s_replacement(git_repo):
    # A trufflehog user types what they know; the one error line names what
    # the page says to use instead.
    rows = _trufflehog_rows()
    typed = {
        'trufflehog filesystem PATH': ('filesystem', '.'),
        'trufflehog github --org=ORG': ('github', '--org=x'),
        '--only-verified': ('scan', '--only-verified'),
        '--json': ('scan', '--json'),
    }
    for row, argv in typed.items():
        result = run('together-hooks', *argv, cwd=git_repo)
        assert result.rc == 2 and len(result.err.splitlines()) == 1, result.err
        meant = rows[row].removeprefix('together-hooks ').split(' --store')[0]
        assert f'(here: {meant})' in result.err, (row, result.err)
    # The commands the page gives run as written.
    for row in ('trufflehog git file://.', 'trufflehog filesystem PATH'):
        command = rows[row].replace('PATH', '.').split()[1:]
        assert run('together-hooks', *command, cwd=git_repo).rc == 0
