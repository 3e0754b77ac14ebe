"""``together-hooks scan`` with options alone (``scan --staged --format
json``) is read without argparse (``cli.quick_scan``, ``hookargs.quick``),
to exactly what the full parser gives; anything else goes to argparse."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import example
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

import together_hooks
from together_hooks.cli import build_parser
from together_hooks.cli import quick_scan

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(together_hooks.__file__)))

# Every option scan has, abbreviations, unknown options, help; values of
# every shape (paths never reach the quick path: see the last test).
TOKENS = (
    '--staged', '--history', '--env-reuse', '--diff', '--since', '--baseline', '--output',
    '--format', '--verify', '--only-live', '--verify-timeout', '--stag', '--hist', '-V',
    '--nope', '-h', '--help', '--', '-',
    '--diff=main...HEAD', '--diff=', '--since=v1', '--format=json', '--format=nope',
    '--format=sarif', '--baseline=b.json', '--verify=1', '--staged=1', '--output=-',
    'main', 'main..HEAD', 'x', '', '-x', 'json', 'github', 'text', '2.5',
)


@pytest.fixture(scope='module')
def empty_dir(tmp_path_factory):
    return tmp_path_factory.mktemp('empty')


def by_argparse(argv):
    """What the full parser gives (SystemExit: an argparse error)."""
    return vars(build_parser('scan').parse_args(argv))


@settings(max_examples=400, deadline=None, database=None, derandomize=True)
@given(argv=st.lists(st.sampled_from(TOKENS), max_size=6))
@example(argv=['--staged', '--format', 'json'])
@example(argv=['--staged', '--baseline', '.secrets.baseline', '--format=sarif'])
@example(argv=['--history', '--since', 'v1', '--verify', '--only-live'])
@example(argv=['--diff', 'main...HEAD', '--output', 'r.json'])
def test_quick_scan_is_argparse_s(empty_dir, argv):
    here = os.getcwd()
    os.chdir(empty_dir)  # no file there is named like a token
    try:
        quick = quick_scan(['scan', *argv])
        if quick is not None:
            assert vars(quick) == by_argparse(['scan', *argv])
    finally:
        os.chdir(here)


@pytest.mark.parametrize('argv', (
    ['scan', '--staged', '--format', 'json'],
    ['scan', '--staged'],
    ['scan'],
    ['scan', '--history', '--baseline=b.json'],
), ids=repr)
def test_scan_with_options_alone_needs_no_argparse(argv):
    assert quick_scan(argv) is not None


def test_a_path_named_like_an_option_goes_to_argparse(tmp_path, monkeypatch):
    """argparse reads ``--staged`` as the flag even where a file has that
    name; the quick path gives every PATH to argparse."""
    monkeypatch.chdir(tmp_path)
    assert quick_scan(['scan', 'a.py']) is None and quick_scan(['doctor']) is None
    (tmp_path / '--staged').write_text('x\n')
    assert quick_scan(['scan', '--staged']) is None


def test_scan_staged_never_imports_argparse(git_repo):
    (git_repo / 'a.py').write_text('x = 1\n')
    subprocess.run(('git', 'add', 'a.py'), cwd=git_repo, check=True)
    code = (
        'import sys\n'
        f'sys.path.insert(0, {SOURCE!r})\n'
        'from together_hooks.cli import main\n'
        'rc = main(["scan", "--staged", "--format", "json"])\n'
        'loaded = sorted({"argparse", "gettext", "locale", "importlib",'
        ' "together_hooks.sources.ranges"} & set(sys.modules))\n'
        'print("loaded:", loaded, file=sys.stderr)\n'
        'raise SystemExit(rc)\n'
    )
    proc = subprocess.run((sys.executable, '-S', '-c', code), cwd=git_repo,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.endswith('loaded: []\n'), proc.stderr
