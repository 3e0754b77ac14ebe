"""A hook reads plain arguments without argparse (hookargs.quick), and gets
exactly what its argparse parser would give; anything else goes to argparse."""
from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import example
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from together_hooks import hookargs
from together_hooks.hooks import check_env_gitignored
from together_hooks.hooks import detect_together_keys
from together_hooks.hooks import forbid_env_files

HOOKS = (detect_together_keys, forbid_env_files, check_env_gitignored)

# Every option any hook has, abbreviations, unknown options, help; values
# and file names of every shape.
TOKENS = (
    '--baseline', '--output', '--format', '--verify', '--only-live',
    '--verify-timeout', '--audit-log', '--allow', '--fix', '--base', '--ver',
    '--nope', '-h', '--help', '--', '-',
    '--baseline=b.json', '--baseline=', '--format=json', '--format=nope',
    '--format=text', '--verify=1', '--allow=*.env.ci', '--audit-log=log.jsonl',
    '--fix=yes', '--output=-',
    'x', 'a b', '', '-x', '-1', '2.5', 'json', 'sarif', 'github', 'text',
    'a.py', 'dir/b c.py', 'ünï.py', 'new\nline.py', '.env', 'v=1',
)


def by_argparse(hook, argv):
    """What the hook's own parser gives (SystemExit: an argparse error)."""
    return vars(hookargs.full(argv, hook.build_parser, hook.DEFAULTS))


@settings(max_examples=400, deadline=None, database=None, derandomize=True)
@given(argv=st.lists(st.sampled_from(TOKENS), max_size=7))
@example(argv=['--baseline', 'b', 'a.py', 'c.py'])
@example(argv=['--allow', 'x', '--allow=y', '.env'])
@example(argv=['--format', 'sarif', '--verify', '--only-live', 'a.py'])
@pytest.mark.parametrize('hook', HOOKS, ids=lambda h: h.PROG)
def test_quick_arguments_are_argparse_s(hook, argv):
    quick = hookargs.quick(argv, hook.DEFAULTS, hook.QUICK_OPTIONS)
    if quick is not None:
        assert vars(quick) == by_argparse(hook, argv)


@pytest.mark.parametrize(('hook', 'argv'), (
    (detect_together_keys, ['--baseline', '.secrets.baseline', 'app.py', 'deploy.sh']),
    (detect_together_keys, ['--baseline=.secrets.baseline', '--format', 'github']),
    (detect_together_keys, ['--verify', '--only-live', '--audit-log', 'a.jsonl', 'x']),
    (detect_together_keys, []),
    (forbid_env_files, ['--allow', '.env.ci', '--allow', '*.env.test', '.env']),
    (check_env_gitignored, ['--fix']),
), ids=repr)
def test_what_pre_commit_passes_needs_no_argparse(hook, argv):
    quick = hookargs.quick(argv, hook.DEFAULTS, hook.QUICK_OPTIONS)
    assert quick is not None
    assert vars(quick) == by_argparse(hook, argv)


@pytest.mark.parametrize('argv', (
    ['-h'], ['--help'],
    ['a.py', '--baseline', 'b'],  # an option after a file name
    ['--baseline'], ['--baseline', '-x'],  # no value / a value like an option
    ['--base', 'b'],  # argparse's abbreviations
    ['--format', 'nope'], ['--verify=1'],
    ['--verify-timeout', '2'],
    ['--', 'a.py'], ['-', 'a.py'], ['a.py', '-x.py'],
), ids=repr)
def test_anything_else_goes_to_argparse(argv):
    hook = detect_together_keys
    assert hookargs.quick(argv, hook.DEFAULTS, hook.QUICK_OPTIONS) is None


def test_defaults_are_never_shared_between_runs():
    hook = forbid_env_files
    first = hookargs.quick(['--allow', 'a'], hook.DEFAULTS, hook.QUICK_OPTIONS)
    # An abbreviation: argparse's turn.
    second = hookargs.parse(['--allow', 'b', '--al', 'c'], hook.build_parser, hook.DEFAULTS,
                            hook.QUICK_OPTIONS)
    assert (first.allow, second.allow) == (['a'], ['b', 'c'])
    assert hook.DEFAULTS['allow'] == []


@pytest.mark.parametrize(('module', 'argv', 'code'), (
    ('detect_together_keys', ['--format', 'github', 'app.py'], 0),
    ('forbid_env_files', ['--allow', '.env.ci', 'app.py', '.env.ci', '.env'], 1),
    ('check_env_gitignored', [], 1),
))
def test_a_hook_run_by_pre_commit_never_imports_argparse(git_repo, module, argv, code):
    """The whole run, in a fresh interpreter: argparse (and the locale
    module its gettext imports) stays out, and the hook still decides."""
    for name in ('app.py', '.env.ci', '.env'):
        (git_repo / name).write_text('x = 1\n')
    script = (
        'import sys\n'
        f'from together_hooks.hooks.{module} import main\n'
        f'rc = main({argv!r})\n'
        'loaded = sorted({"argparse", "locale"} & set(sys.modules))\n'
        'assert not loaded, loaded\n'
        'raise SystemExit(rc)\n'
    )
    proc = subprocess.run((sys.executable, '-c', script), cwd=git_repo,
                          capture_output=True, text=True)
    assert proc.returncode == code, proc.stderr
