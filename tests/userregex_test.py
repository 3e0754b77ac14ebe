"""The regexes a repository supplies (config ``allow`` and ``exclude``, a
baseline's detect-secrets filters) never hang a commit: one that
backtracks without end is stopped after its CPU budget, one line, exit 2.

Real console scripts in a real repository; every run has a timeout, so a
hang fails the test instead of stalling the suite.
"""
from __future__ import annotations

import json

import pytest

from tests.cli_run import assert_error_line
from tests.cli_run import run
from tests.conftest import git

# Forty a's and a '!': 2**40 ways for (a+)+ to fail before giving up.
BACKTRACKS = 'a' * 40 + '!'
DEEP = '/'.join(['d'] * 60)


def _baseline_with_line_filter(repo, pattern: str) -> None:
    r = run('together-hooks', 'baseline', 'create', cwd=repo)
    assert r.rc == 0, r.err
    path = repo / '.secrets.baseline'
    doc = json.loads(path.read_text())
    doc['filters_used'].append({
        'path': 'detect_secrets.filters.regex.should_exclude_line',
        'pattern': [pattern],
    })
    path.write_text(json.dumps(doc, indent=2) + '\n')


@pytest.mark.parametrize('argv', (
    ('detect-together-keys', 'app.py'),
    ('together-hooks', 'scan'),
    ('together-hooks', 'scan', '--staged'),
))
def test_a_baseline_line_filter_that_backtracks_is_stopped(git_repo, keys, argv):
    _baseline_with_line_filter(git_repo, '(a+)+$')
    (git_repo / 'app.py').write_text(f'KEY = "{keys()}"  # {BACKTRACKS}\n')
    git(git_repo, 'add', '-A')
    r = run(*argv, cwd=git_repo)
    assert_error_line(r, '.secrets.baseline', 'filters_used', 'rewrite it')


def test_a_sane_line_filter_still_silences(git_repo, keys):
    _baseline_with_line_filter(git_repo, r'a+!$')
    (git_repo / 'app.py').write_text(f'KEY = "{keys()}"  # {BACKTRACKS}\n')
    git(git_repo, 'add', '-A')
    r = run('detect-together-keys', 'app.py', cwd=git_repo)
    assert (r.rc, r.out, r.err) == (0, '', '')


def test_an_allow_regex_that_backtracks_is_stopped(git_repo, keys):
    # Checked against any key when the config is read: every run.
    (git_repo / '.together-hooks.toml').write_text('allow = ["([A-Za-z0-9_-]+)+!"]\n')
    (git_repo / 'app.py').write_text(f'KEY = "{keys()}"\n')
    git(git_repo, 'add', '-A')
    r = run('detect-together-keys', 'app.py', cwd=git_repo)
    assert_error_line(r, '.together-hooks.toml: allow', 'rewrite it')


def test_exclude_globs_on_a_deep_path(git_repo, keys):
    """``**/**/`` is one ``**/``: it matches, at once; a glob that still
    backtracks on a deep path is stopped, never a hang."""
    (git_repo / DEEP).mkdir(parents=True)
    (git_repo / DEEP / 'x').write_text(f'KEY = "{keys()}"\n')
    (git_repo / DEEP / 'y').write_text(f'KEY = "{keys()}"\n')
    (git_repo / '.together-hooks.toml').write_text(
        'exclude = ["' + '**/' * 12 + 'x"]\n',
    )
    r = run('together-hooks', 'scan', '--format', 'json', cwd=git_repo)
    assert r.rc == 1, r.err
    assert [f[0] for f in r.found()] == [DEEP + '/y']

    (git_repo / '.together-hooks.toml').write_text(
        'exclude = ["' + '**/d*/' * 12 + 'x"]\n',
    )
    r = run('together-hooks', 'scan', cwd=git_repo)
    assert_error_line(r, '.together-hooks.toml: exclude', 'rewrite it')


def test_a_repository_regex_off_the_main_thread_is_refused_not_unbounded(monkeypatch):
    """``re`` holds the GIL and handles signals only on the main thread:
    a repository's regex matched in another thread could not be stopped
    (it ran without a budget, a hang for good); it is refused instead,
    and the main thread keeps its budget (a tenth of the product's here:
    the same timer, stopped as soon; the console scripts' tests above
    spend the real one)."""
    import threading

    from together_hooks import userregex
    from together_hooks.config import Config
    from together_hooks.errors import InputError

    monkeypatch.setattr(userregex, 'BUDGET', userregex.BUDGET / 10)

    config = Config(allow=['(a+)+$'], source='.together-hooks.toml')
    got: list[BaseException | bool] = []

    def work() -> None:
        try:
            got.append(config.allowed('a' * 8 + '!', '0' * 40))
        except BaseException as e:
            got.append(e)
    worker = threading.Thread(target=work)
    worker.start()
    worker.join(60)
    assert not worker.is_alive()
    assert len(got) == 1 and isinstance(got[0], InputError), got
    assert '.together-hooks.toml: allow' in str(got[0]) and 'main thread' in str(got[0])
    with pytest.raises(InputError, match='ran past'):
        config.allowed(BACKTRACKS, '0' * 40)
