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
# The CPU budget the runs here set (``TOGETHER_HOOKS_REGEX_BUDGET``): a
# pattern that backtracks is stopped by the same timer, an eighth as
# late (the product's 2 s was most of each run's CPU); a sane one still
# finishes under it.
FAST = '0.25'


@pytest.fixture(autouse=True)
def _fast_budget(monkeypatch):
    monkeypatch.setenv('TOGETHER_HOOKS_REGEX_BUDGET', FAST)


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
    and the main thread keeps its budget (``FAST``, as the console
    scripts' here)."""
    import threading

    from together_hooks import userregex
    from together_hooks.config import Config
    from together_hooks.errors import InputError

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


def test_the_budget_setting_arms_the_timer(monkeypatch):
    """``TOGETHER_HOOKS_REGEX_BUDGET`` is the CPU timer a guarded block
    arms (read back from the timer, no clock involved) and the budget the
    message names; unset, the product's ``BUDGET``."""
    import signal

    from together_hooks import userregex
    from together_hooks.config import Config
    from together_hooks.errors import InputError

    def armed() -> float:
        with userregex.bounded('x'):
            return signal.getitimer(signal.ITIMER_VIRTUAL)[0]

    # (the kernel arms a timer in whole ticks: 0.25 s reads back as 0.254)
    assert 0 < armed() < 1 < userregex.BUDGET
    with pytest.raises(InputError, match=f'ran past {FAST} s of CPU'):
        Config(allow=['(a+)+$'], source='.together-hooks.toml').allowed(BACKTRACKS, '0' * 40)
    monkeypatch.delenv('TOGETHER_HOOKS_REGEX_BUDGET')
    assert 1 < armed() < userregex.BUDGET + 1
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)


@pytest.mark.parametrize('value', ('0', '-1', 'two', 'nan', 'inf', '3601', ''))
def test_a_budget_setting_that_is_no_budget_is_an_input_error(monkeypatch, value):
    """A setting that would disarm the timer (0 s, nan) or is no number is
    refused where a repository's regex would run: fail closed, never
    unbounded."""
    from together_hooks import userregex
    from together_hooks.errors import InputError

    monkeypatch.setenv('TOGETHER_HOOKS_REGEX_BUDGET', value)
    with pytest.raises(InputError, match='TOGETHER_HOOKS_REGEX_BUDGET: not a number'):
        with userregex.bounded('x'):
            pass
    assert userregex._armed is None


def test_a_bad_budget_setting_is_one_line_and_exit_2(git_repo, keys, monkeypatch):
    monkeypatch.setenv('TOGETHER_HOOKS_REGEX_BUDGET', '0')
    (git_repo / '.together-hooks.toml').write_text('allow = ["x+"]\n')
    (git_repo / 'app.py').write_text(f'KEY = "{keys()}"\n')
    git(git_repo, 'add', '-A')
    r = run('detect-together-keys', 'app.py', cwd=git_repo)
    assert_error_line(r, 'TOGETHER_HOOKS_REGEX_BUDGET', 'not a number')
