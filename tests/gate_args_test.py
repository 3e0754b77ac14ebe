"""Issue 14: no file can change what a hook does.

pre-commit runs ``entry args... file...`` without ``--``: a committed file
whose name looks like an option (``--output``, ``--verify``,
``--only-live``, ``--allow=x/.env``, ``-x``) must be scanned as a file,
never read as that option.  Driven through the real pre-commit on real
commits.
"""
from __future__ import annotations

import http.server
import os
import tempfile
import threading

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tests.cli_run import CAPTURED
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import BIN
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import install
from tests.gitplay import local_hooks_config
from tests.gitplay import run
from together_hooks import hookargs
from together_hooks.findings import hash_secret


IGNORE = '.env\n.env.*\n!.env.example\n'


class _Api(http.server.ThreadingHTTPServer):
    daemon_threads = True
    hits = 0


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.hits += 1  # type: ignore[attr-defined]
        self.send_response(401)
        self.send_header('Content-Length', '2')
        self.end_headers()
        self.wfile.write(b'{}')


@pytest.fixture
def api():
    """A loopback API that answers 401 (dead key) and counts requests."""
    server = _Api(('127.0.0.1', 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def committing(git_repo, repo_templates, api):
    """The three hooks installed by the real pre-commit (once a session:
    tests/gitplay.Templates), the API at the loopback stub."""
    def build(repo):
        write(repo, '.pre-commit-config.yaml', local_hooks_config(
            ('detect-together-keys', ''), ('forbid-env-files', ''),
            ('check-env-gitignored', 'pass_filenames: true'),
        ))
        write(repo, '.gitignore', IGNORE)
        commit(repo, 'config')
        install(repo, repo_templates.env)
    env = repo_templates.into(git_repo, 'args-committing', build)
    env['TOGETHER_HOOKS_API_BASE'] = f'http://127.0.0.1:{api.server_address[1]}'
    return env


def _commit(repo, env) -> tuple[int, str]:
    git(repo, 'add', '-A')
    return run(repo, env, 'git', 'commit', '-m', 'x')


def test_file_named_output_is_scanned_not_written(git_repo, keys, committing):
    key = keys()
    write(git_repo, '--output', 'clean\n')
    write(git_repo, 'leak.py', f'K = "{key}"\n')
    write(git_repo, 'victim.py', 'precious = True\n')
    head = git(git_repo, 'rev-parse', 'HEAD')
    rc, out = _commit(git_repo, committing)
    assert rc != 0, out
    assert 'leak.py:1: together-api-key' in out and hash_secret(key) in out
    assert 'report written' not in out
    assert (git_repo / 'victim.py').read_text() == 'precious = True\n'
    assert (git_repo / 'leak.py').read_text() == f'K = "{key}"\n'
    assert (git_repo / '--output').read_text() == 'clean\n'
    assert git(git_repo, 'rev-parse', 'HEAD') == head


def test_file_named_verify_sends_nothing(git_repo, keys, committing, api):
    key = keys()
    write(git_repo, '--verify', 'clean\n')
    write(git_repo, 'leak.py', f'K = "{key}"\n')
    rc, out = _commit(git_repo, committing)
    assert rc != 0, out
    assert hash_secret(key) in out
    assert api.hits == 0 and 'verifying' not in out


def test_files_named_verify_and_only_live_do_not_pass_a_key(git_repo, keys, committing, api):
    key = keys()
    write(git_repo, '--only-live', 'clean\n')
    write(git_repo, '--verify', 'clean\n')
    write(git_repo, 'leak.py', f'K = "{key}"\n')
    rc, out = _commit(git_repo, committing)
    assert rc != 0, out
    assert 'leak.py:1: together-api-key' in out and hash_secret(key) in out
    assert api.hits == 0


def test_folder_named_allow_does_not_let_an_env_file_through(git_repo, keys, committing):
    write(git_repo, '--allow=x/.env', 'TOGETHER_API_KEY=placeholder\n')
    git(git_repo, 'add', '-f', '--', '--allow=x/.env')
    rc, out = run(git_repo, committing, 'git', 'commit', '-m', 'x')
    assert rc != 0, out
    assert '--allow=x/.env: env file staged' in out


def test_file_named_dash_x_is_scanned(git_repo, keys, committing):
    key = keys()
    write(git_repo, '-x', f'K = "{key}"\n')
    rc, out = _commit(git_repo, committing)
    assert rc != 0, out
    assert '-x:1: together-api-key' in out and hash_secret(key) in out


@pytest.mark.parametrize('script', ['detect-together-keys', 'forbid-env-files',
                                    'check-env-gitignored'])
@pytest.mark.parametrize('name', ['--output', '--verify', '--only-live', '--fix', '-h',
                                  '--help', '--audit-log=x', '--', '--format=json',
                                  '--allow=.env'])
def test_an_existing_path_is_a_file_in_every_hook(git_repo, keys, name, script):
    key = keys()
    # check-env-gitignored finds a rule missing (exit 1): a file named
    # --fix must not make it write one.
    ignore = '.env\n' if script == 'check-env-gitignored' else IGNORE
    write(git_repo, '.gitignore', ignore)
    write(git_repo, name, f'K = "{key}"\n')
    write(git_repo, 'other.py', 'clean = 1\n')
    rc, out = run(git_repo, clean_env(), os.path.join(BIN, script), name, 'other.py')
    assert 'usage:' not in out and 'Traceback' not in out, out
    assert (git_repo / 'other.py').read_text() == 'clean = 1\n'
    assert (git_repo / '.gitignore').read_text() == ignore
    assert not (git_repo / 'x').exists()
    if script == 'detect-together-keys':
        assert rc == 1 and f'{name}:1: together-api-key' in out, out
    else:
        assert rc == (1 if script == 'check-env-gitignored' else 0), out


def test_config_options_still_work_before_the_files(git_repo, keys, tmp_path):
    key = keys()
    write(git_repo, 'leak.py', f'K = "{key}"\n')
    report = tmp_path / 'r.json'
    rc, out = run(git_repo, clean_env(), os.path.join(BIN, 'detect-together-keys'),
                  '--format', 'json', '--output', str(report), 'leak.py')
    assert rc == 1 and hash_secret(key) in report.read_text()
    del CAPTURED[:]


# The quick reader and argparse agree when option-like files exist.
QUICK_TOKENS = ('--verify', '--output', '-x', '--', '-h', 'a.py', 'r.json', '--format', 'json',
                '--only-live', '--baseline', 'b.json', '--allow', '--fix', '--nope')


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(argv=st.lists(st.sampled_from(QUICK_TOKENS), max_size=6),
       present=st.sets(st.sampled_from(('--verify', '--output', '-x', '--', '-h', '--fix'))))
def test_quick_path_and_argparse_agree_with_option_like_files(argv, present):
    from together_hooks.hooks import detect_together_keys
    from together_hooks.hooks import forbid_env_files

    with tempfile.TemporaryDirectory() as folder:
        for name in present:
            open(os.path.join(folder, name), 'w').close()
        old = os.getcwd()
        os.chdir(folder)
        try:
            for hook in (detect_together_keys, forbid_env_files):
                quick = hookargs.quick(argv, hook.DEFAULTS, hook.QUICK_OPTIONS)
                if quick is None:
                    continue
                assert vars(quick) == vars(hookargs.full(argv, hook.build_parser, hook.DEFAULTS))
                # A name that exists is never read as an option.
                assert set(argv) & present <= set(quick.filenames)
        finally:
            os.chdir(old)
