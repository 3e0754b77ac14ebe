"""``together-hooks scan`` with options alone (``scan --staged --format
json``) or PATHs before its options (``scan src --format json``) is read
without argparse (``cli.quick_scan``, ``hookargs.quick``), to exactly what
the full parser gives; anything else goes to argparse."""
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
# every shape, and words that are PATHs where they stand first (run from
# an empty folder: no file is named like an option).
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
@example(argv=['x', '--format', 'json'])
@example(argv=['x', 'main', '--staged', '--format=sarif'])
@example(argv=['x', '--staged', 'main'])
@example(argv=['x', '--format', 'json', 'main'])
@example(argv=['x', '', '--staged'])
@example(argv=['x', '-', '--staged'])
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
    ['scan', 'src', '--format', 'json'],
    ['scan', 'a.py', 'b.py'],
), ids=repr)
def test_scan_with_options_alone_or_paths_first_needs_no_argparse(argv):
    assert quick_scan(argv) is not None


def test_paths_first_are_the_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    quick = quick_scan(['scan', 'a.py', 'src', '--format', 'json'])
    assert quick.paths == ['a.py', 'src'] and quick.format == 'json'
    assert vars(quick) == by_argparse(['scan', 'a.py', 'src', '--format', 'json'])


def test_a_path_named_like_an_option_goes_to_argparse(tmp_path, monkeypatch):
    """argparse reads ``--staged`` as the flag even where a file has that
    name, and takes one run of PATHs: the quick path gives argparse a
    PATH that starts with ``-`` (``-`` is standard input), one after an
    option, and every other command."""
    monkeypatch.chdir(tmp_path)
    assert quick_scan(['doctor']) is None
    assert quick_scan(['scan', '-']) is None
    assert quick_scan(['scan', 'a.py', '--staged', 'b.py']) is None
    (tmp_path / '--staged').write_text('x\n')
    assert quick_scan(['scan', '--staged']) is None
    assert quick_scan(['scan', 'a.py', '--staged']) is None


@pytest.mark.parametrize('argv', (
    ['scan', '--staged', '--format', 'json'],
    ['scan', '.', '--format', 'json'],  # the tree scan: bench/'s tree row
    ['scan', 'a.py'],
), ids=repr)
def test_scan_never_imports_argparse(git_repo, argv):
    (git_repo / 'a.py').write_text('x = 1\n')
    subprocess.run(('git', 'add', 'a.py'), cwd=git_repo, check=True)
    code = (
        'import sys\n'
        f'sys.path.insert(0, {SOURCE!r})\n'
        'from together_hooks.cli import main\n'
        f'rc = main({argv!r})\n'
        'loaded = sorted({"argparse", "gettext", "locale", "importlib",'
        ' "together_hooks.sources.ranges"} & set(sys.modules))\n'
        'print("loaded:", loaded, file=sys.stderr)\n'
        'raise SystemExit(rc)\n'
    )
    proc = subprocess.run((sys.executable, '-S', '-c', code), cwd=git_repo,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.endswith('loaded: []\n'), proc.stderr
