"""What a run says: a summary when clean, colour on a terminal, --version."""
from __future__ import annotations

import os
import pty
import re
import subprocess

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tests.cli_run import BIN
from tests.cli_run import hook_in_process as hook
from tests.cli_run import run
from tests.cli_run import run_in_process
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write
from together_hooks import __version__
from together_hooks.cli import COMMANDS
from together_hooks.messages import shell_quote

SUMMARY = re.compile(r'^together-hooks: (\d+) files?, (\d+\.\d) MB, no Together keys')
ANSI = re.compile(r'\x1b\[[0-9;]*m')


def test_clean_scan_says_what_it_did_on_stderr(git_repo):
    write(git_repo, 'a.py', 'x = 1\n' * 1000)
    write(git_repo, 'b.md', '# doc\n')
    git(git_repo, 'add', '.')
    result = scan(cwd=git_repo)
    assert (result.rc, result.out) == (0, '')
    match = SUMMARY.match(result.err)
    assert match, result.err
    assert match.group(1) == '2' and match.group(2) == '0.0'
    assert len(result.err.splitlines()) == 1
    # json on stdout stays parseable; the summary is on stderr
    result = scan('--format', 'json', cwd=git_repo)
    assert result.json()['findings'] == [] and SUMMARY.match(result.err)


def test_empty_folder_and_empty_range_say_so(git_repo, tmp_path):
    empty = tmp_path / 'empty'
    empty.mkdir()
    result = scan(str(empty), cwd=git_repo)
    assert result.rc == 0 and SUMMARY.match(result.err).group(1) == '0', result.err
    write(git_repo, 'a.py', 'x = 1\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'one')
    result = scan('--diff', 'HEAD...HEAD', cwd=git_repo)
    assert result.rc == 0 and WALKED.match(result.err).group(1) == '0', result.err
    result = scan('--history', cwd=git_repo)
    assert result.rc == 0 and WALKED.match(result.err).group(1) == '1', result.err


WALKED = re.compile(
    r'^together-hooks: (\d+) commits?, (\d+) blobs?, (\d+\.\d) MB, no Together keys\n\Z',
)


def test_a_clean_walk_of_commits_says_what_it_read(git_repo):
    """``--history`` and ``--diff`` read commits and blobs, not files: a
    clean run says how many of each and their bytes (it said "0 files,
    0.0 MB" after walking every commit)."""
    for i in range(3):
        write(git_repo, f'f{i}.txt', 'abcdefghij' * 50_000 * (i + 1))  # 0.5, 1.0, 1.5 MB
        git(git_repo, 'add', '.')
        git(git_repo, 'commit', '-qm', f'c{i}')
    write(git_repo, 'f0.txt', 'x\n')  # a fourth blob, a fourth commit
    git(git_repo, 'commit', '-qam', 'c3')
    result = scan('--history', cwd=git_repo)
    assert (result.rc, result.out) == (0, ''), result.err
    assert WALKED.match(result.err).groups() == ('4', '4', '3.0'), result.err
    result = scan('--diff', 'HEAD~2...HEAD', cwd=git_repo)
    assert (result.rc, result.out) == (0, ''), result.err
    assert WALKED.match(result.err).groups() == ('2', '2', '1.5'), result.err
    result = scan('--history', '--since', 'HEAD~1', '--format', 'json', cwd=git_repo)
    assert result.json()['summary']['commits_scanned'] == 1
    assert result.json()['summary']['blobs_scanned'] == 1
    assert WALKED.match(result.err).groups() == ('1', '1', '0.0'), result.err


def test_the_summary_counts_megabytes(git_repo):
    write(git_repo, 'big.txt', 'abcdefghij' * 150_000)  # 1.5 MB
    git(git_repo, 'add', '.')
    assert SUMMARY.match(scan(cwd=git_repo).err).group(2) == '1.5'


@pytest.mark.parametrize('script', (
    'detect-together-keys', 'forbid-env-files', 'check-env-gitignored',
))
def test_hooks_are_silent_when_clean(git_repo, script):
    write(git_repo, '.gitignore', '.env\n.env.*\n!.env.example\n')
    write(git_repo, 'a.py', 'x = 1\n')
    git(git_repo, 'add', '.')
    result = run(script, 'a.py', cwd=git_repo)
    assert (result.rc, result.out, result.err) == (0, '', '')


@pytest.mark.parametrize('argv', (
    ('detect-together-keys',), ('forbid-env-files',), ('check-env-gitignored',),
    ('together-hooks',), *(('together-hooks', c) for c in COMMANDS),
    ('together-hooks', 'baseline', 'create'), ('together-hooks', 'baseline', 'update'),
    ('together-hooks', 'baseline', 'audit'),
))
@pytest.mark.parametrize('flag', ('-V', '--version'))
def test_version_everywhere(tmp_path, argv, flag):
    # ``--version`` through the installed console script, ``-V`` through
    # the same script's ``main(argv)`` in process (the script's start is
    # the first run's).
    result = (run if flag == '--version' else run_in_process)(*argv, flag, cwd=tmp_path)
    assert result.rc == 0, result.err
    assert result.out == f'{argv[0]} {__version__}\n'


def _on_a_terminal(cwd, *argv: str, **env: str) -> tuple[int, str]:
    """Run with stdout and stderr on a pseudo-terminal."""
    main, sub = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k != 'NO_COLOR'}
    environ.update(env, TERM='xterm')
    proc = subprocess.Popen(
        (os.path.join(BIN, argv[0]), *argv[1:]), cwd=cwd, env=environ,
        stdout=sub, stderr=sub, stdin=subprocess.DEVNULL,
    )
    os.close(sub)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    return proc.wait(timeout=60), b''.join(chunks).decode('utf-8', 'replace')


def test_colour_on_a_terminal_honouring_no_color(git_repo, keys):
    write(git_repo, 'a.py', f'K = "{keys()}"\n')
    write(git_repo, 'b.py', 'x = 1\n')
    git(git_repo, 'add', '.')
    rc, out = _on_a_terminal(git_repo, 'together-hooks', 'scan')
    assert rc == 1 and ANSI.search(out), out
    rc, out = _on_a_terminal(git_repo, 'together-hooks', 'scan', NO_COLOR='1')
    assert rc == 1 and not ANSI.search(out) and 'a.py:1:' in out, out
    rc, out = _on_a_terminal(git_repo, 'detect-together-keys', 'a.py')
    assert rc == 1 and ANSI.search(out), out
    git(git_repo, 'rm', '-q', '--cached', 'a.py')
    os.unlink(git_repo / 'a.py')
    rc, out = _on_a_terminal(git_repo, 'together-hooks', 'scan')
    assert rc == 0 and ANSI.search(out) and 'no Together keys' in out, out
    # Piped (as under pre-commit or in CI): never colour.  A real process
    # on pipes: in process (``hook_in_process``) its output is a file, and
    # a colour test that told a file from a terminal but not a pipe
    # passed there (mutation colour-on-a-pipe).
    write(git_repo, 'a.py', f'K = "{keys()}"\n')
    result = run('detect-together-keys', 'a.py', cwd=git_repo)
    assert result.rc == 1 and not ANSI.search(result.out + result.err)



@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("aZ09_@%+=:,./-' \"$`\\!*?~#&;|<>()[]{}é")), max_size=12))
def test_shell_quote_is_shlex_quote(word):
    """Written out so a blocked commit's report does not import shlex (a
    word with a control character is quoted $'...': the test below)."""
    import shlex

    assert shell_quote(word) == shlex.quote(word)


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(st.binary(min_size=1, max_size=12).filter(lambda b: b'\0' not in b))
def test_shell_quote_gives_a_name_that_is_not_utf8_back_to_bash(name):
    """A file name git stores as bytes (here as Python reads it, with
    surrogate escapes): the word bash reads back is those bytes, so the
    ``git rm --cached`` a message prints names that file."""
    import os
    import subprocess

    # As printed: text (no lone surrogate a terminal shows as "\udce9").
    word = shell_quote(os.fsdecode(name)).encode('utf-8')
    out = subprocess.run((b'bash', b'-c', b'printf %s ' + word), stdout=subprocess.PIPE, check=True)
    assert out.stdout == name


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("a' \\\n\t\x1b\x7f\x85\u2028é$")), min_size=1, max_size=12))
def test_shell_quote_gives_a_name_with_controls_back_to_bash_after_the_scrub(word):
    """A newline, tab or ESC in a name: single-quoted, the output's scrub
    showed it as the letters `\\n`, `\\t`, `\\x1b`, and the printed command
    named no file.  What is printed (scrubbed) is what bash reads back."""
    import subprocess

    from together_hooks.detect.scrub import scrub

    shown = scrub(shell_quote(word))
    out = subprocess.run(('bash', '-c', 'printf %s ' + shown), stdout=subprocess.PIPE, check=True)
    assert out.stdout == word.encode('utf-8')


@pytest.mark.parametrize('fmt', ['text', 'github'])
def test_a_key_found_in_commits_is_called_leaked_and_rotated_first(git_repo, keys, fmt):
    """``--diff``/``--history`` find keys already in commits (in CI: pushed):
    the advice says so and puts rotation first, not "if it was ever
    committed"; a key only in the work tree keeps take-it-out-first."""
    write(git_repo, 'README.md', 'hello\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'base', '--no-verify')
    write(git_repo, 'app.py', f'K = "{keys()}"\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'key', '--no-verify')
    for args in (('--diff', 'HEAD~1...HEAD'), ('--history',)):
        result = scan(*args, '--format', fmt, cwd=git_repo)
        assert result.rc == 1
        advice = [line for line in (result.out + result.err).splitlines()
                  if line.startswith('What to do')]
        assert advice and advice[0].startswith(
            'What to do: these keys are in commits, so treat each as leaked: rotate it now'), advice
        assert 'ever committed' not in result.out + result.err
    result = scan('--format', fmt, cwd=git_repo)
    assert 'take each key out of the file' in result.out + result.err


@pytest.mark.parametrize('locale', ('C', 'C.UTF-8'))
def test_a_name_that_is_not_utf8_shows_one_way_in_every_line(git_repo, locale):
    """Report lines show a byte of a name that is not UTF-8 as ``\\xe9``;
    error lines showed the same name as ``\\udce9`` (Python's surrogate),
    whatever the locale.  Every line shows it the one way, and a command a
    message tells you to run quotes it so the shell gives that byte back."""
    name = os.fsdecode(b'no\xe9')
    env = {k: v for k, v in os.environ.items() if not k.startswith(('LC_', 'LANG', 'PYTHONIOENCODING'))}
    env.update(LC_ALL=locale, LANG=locale)
    fifo = git_repo / os.fsdecode(b'p\xe9')
    os.mkfifo(fifo)
    for argv in (
        ('together-hooks', 'scan', name),
        ('detect-together-keys', name),
        ('together-hooks', 'scan', '--baseline', name),
        ('together-hooks', 'scan', '--output', os.path.join(name, 'x')),
        ('together-hooks', 'baseline', 'audit', '--baseline', name),
        ('together-hooks', 'scan', str(fifo)),
    ):
        proc = subprocess.run(
            [os.fsencode(os.path.join(BIN, argv[0]))] + [os.fsencode(a) for a in argv[1:]],
            cwd=git_repo, env=env, capture_output=True, timeout=120,
        )
        err = proc.stderr.decode('ascii', 'backslashreplace')
        assert proc.returncode in (0, 2), (argv, err)
        assert '\\udc' not in err and '\\xe9' in err, (argv, err)
    proc = subprocess.run(
        [os.path.join(BIN, 'together-hooks'), 'scan', '--baseline', os.fsencode(name)],
        cwd=git_repo, env=env, capture_output=True, timeout=120,
    )
    command = re.search(rb'`(detect-secrets scan > [^`]+)`', proc.stderr).group(1)
    out = subprocess.run((b'bash', b'-c', b'printf %s ' + command.split(b'> ', 1)[1]),
                         stdout=subprocess.PIPE, check=True)
    assert out.stdout == b'no\xe9', proc.stderr


def test_help_says_where_a_default_comes_from(tmp_path):
    """``--help`` read as a user would: the baseline commands also take the
    config's ``baseline`` key (help named only .secrets.baseline), and the
    server reads ``--baseline-name`` from its default branch before the
    push (help said "in the pushed commit", the opposite of the gate)."""
    for action in ('create', 'update', 'audit'):
        out = ' '.join(run('together-hooks', 'baseline', action, '--help', cwd=tmp_path).out.split())
        assert "the config's `baseline`" in out, out
    out = ' '.join(run('together-hooks', 'pre-receive', '--help', cwd=tmp_path).out.split())
    assert 'pushed commit' not in out and 'before the push' in out, out


def test_a_file_skipped_is_not_counted_as_scanned(git_repo):
    """A FIFO or device named on the command line is not read: an error
    line each, exit 2 (it passed), and never counted as a scanned file (the
    summary said "2 files")."""
    write(git_repo, 'a.py', 'x = 1\n')
    os.mkfifo(git_repo / 'pipe')
    result = scan('a.py', 'pipe', '/dev/zero', cwd=git_repo)
    assert result.rc == 2, result.err
    assert 'error: pipe: not a regular file' in result.err
    assert 'error: /dev/zero: not a regular file' in result.err
    assert ' 2 files' not in result.err and ' 3 files' not in result.err, result.err
    result = scan(cwd=git_repo)  # git lists no FIFO: not named, not counted
    assert result.rc == 0, result.err
    assert SUMMARY.search(result.err.splitlines()[-1]).group(1) == '1', result.err


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats()
    | st.text(alphabet=st.characters(blacklist_categories=()), max_size=8)
    | st.sampled_from(['caf\xe9', 'a\udce9b', '\udcff', '"\\\n\t\x00\x1f\u2028']),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(
        st.text(max_size=4) | st.integers() | st.floats() | st.booleans() | st.none(),
        inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None, database=None, derandomize=True)
@given(
    doc=_json_values,
    options=st.sampled_from([
        {}, {'indent': 2}, {'indent': 4}, {'indent': 0}, {'separators': (',', ':')},
        {'indent': 2, 'separators': (',', ': ')}, {'indent': 4, 'sort_keys': True},
    ]),
)
def test_json_text_is_json_dumps_with_names_bytes_escaped(doc, options):
    """``json_text`` writes reports and audit lines without the json
    package (which imports re): the same text ``json.dumps(...,
    ensure_ascii=False)`` gives, a surrogate escape as ``\\udcXX``."""
    import json

    from together_hooks.messages import json_text

    try:
        expected = re.sub(
            '[\udc80-\udcff]', lambda m: f'\\u{ord(m.group()):04x}',
            json.dumps(doc, ensure_ascii=False, **options),
        )
    except TypeError as e:  # keys sort_keys cannot order: the same error
        with pytest.raises(TypeError, match=re.escape(str(e))):
            json_text(doc, **options)
        return
    assert json_text(doc, **options) == expected


def _advice(result) -> str:
    lines = [line for line in (result.out + result.err).splitlines() if line.startswith('What to do')]
    assert len(lines) == 1, result.out + result.err
    return lines[0]


def test_the_advice_for_an_env_file_says_what_git_does_with_it(git_repo, keys, tmp_path):
    """An env file git already ignores (its .gitignore) and does not track
    is where the key belongs: no "git must ignore it ... --fix" (git does);
    one it does not ignore, or tracks all the same, keeps that advice."""
    write(git_repo, '.gitignore', '.env\n')
    write(git_repo, '.env', f'TOGETHER_API_KEY={keys()}\n')
    write(git_repo, '.env.local', f'TOGETHER_API_KEY={keys()}\n')
    git(git_repo, 'add', '.gitignore')
    ignored = _advice(scan('.env', cwd=git_repo))
    assert ignored.startswith('What to do: .env: an env file is the place for a key, and git ignores it')
    assert 'must ignore' not in ignored and '--fix' not in ignored
    # From outside the repository (paths named from it, `cd <repo> && `).
    outside = _advice(scan(str(git_repo / '.env'), cwd=tmp_path))
    assert 'must ignore' not in outside and 'git ignores it' in outside
    not_ignored = _advice(scan('.env.local', cwd=git_repo))
    assert '.env.local: an env file is the place for a key, but git must ignore it' in not_ignored
    assert '--fix' in not_ignored
    both = _advice(scan('.env', '.env.local', cwd=git_repo))
    assert '.env.local: an env file is the place for a key, but git must ignore it' in both
    assert '.env: an env file is the place for a key, and git ignores it' in both
    git(git_repo, 'add', '-f', '.env')  # tracked: .gitignore does not apply to it
    tracked = _advice(scan('.env', cwd=git_repo))
    assert 'must ignore it' in tracked and 'git rm --cached .env' in tracked


def test_the_env_advice_stays_when_git_cannot_say(monkeypatch, tmp_path):
    """Where git cannot answer (no repository, a folder it may not enter),
    an env file counts as not ignored: the advice to fix it stays, never
    an internal error in a report of keys."""
    from together_hooks import gitrun
    from together_hooks import report

    assert report._ignored(['.env'], str(tmp_path)) == set()  # no repository

    def refused(*args, **kwargs):
        raise PermissionError(13, 'Permission denied')

    monkeypatch.setattr(gitrun, '_run', refused)
    assert report._ignored(['.env', 'sub/.env'], str(tmp_path)) == set()


def test_every_message_that_says_where_to_rotate_gives_the_steps(git_repo, keys):
    """Rotation was worded four ways ("rotate it at URL", "... and revoke
    the old key"), some leaving out the new key's check: every line that
    names where keys are rotated gives the steps, in their order, from
    ``rules.ROTATE_STEPS`` (the hook, SARIF, doctor, forbid-env-files)."""
    from together_hooks.rules import ROTATE_STEPS
    from together_hooks.rules import ROTATE_URL

    write(git_repo, 'app.py', f'KEY = "{keys()}"\n')
    write(git_repo, '.env', f'TOGETHER_API_KEY={keys()}\n')
    git(git_repo, 'add', 'app.py')
    git(git_repo, 'add', '-f', '.env')
    git(git_repo, 'commit', '-qm', 'leak')
    results = [
        hook('app.py', cwd=git_repo),
        scan('--format', 'sarif', cwd=git_repo),
        run('together-hooks', 'doctor', cwd=git_repo),
        run('forbid-env-files', '.env', cwd=git_repo),
    ]
    for result in results:
        assert result.rc == 1, (result.out, result.err)
    text = '\n'.join(r.out + r.err for r in results).replace('\\n', '\n')
    lines = [line for line in text.splitlines() if ROTATE_URL in line]
    assert len(lines) >= 4, text
    assert [line for line in lines if ROTATE_STEPS not in line] == []
