"""Fail closed on any input: every command's arguments, its config (TOML),
its baseline (JSON) and its stdin, generated (hypothesis).

Each command runs in process (``main(argv)``) in a fresh copy of a real
repository that holds a key: it answers 0, 1 or 2, never a traceback nor
an ``internal error`` (a crash the guard dressed as an error), exit 2
says why on its last line, and a scan that could see the key never
passes silently.  The options come from each command's own ``--help``, so
a new option is fuzzed without touching this file.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import sys
import tempfile

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tests.conftest import git

# TOGETHER_HOOKS_FUZZ_EXAMPLES=1000 for a deeper hunt than each run's.
FUZZ = settings(
    max_examples=int(os.environ.get('TOGETHER_HOOKS_FUZZ_EXAMPLES', '40')), deadline=None, database=None, derandomize=True,
    suppress_health_check=(HealthCheck.function_scoped_fixture, HealthCheck.too_slow),
)

# (entry point, the words before its options)
COMMANDS = (
    ('together_hooks.cli', ('scan',)),
    ('together_hooks.cli', ('doctor',)),
    ('together_hooks.cli', ('rotate-help',)),
    ('together_hooks.cli', ('baseline', 'create')),
    ('together_hooks.cli', ('baseline', 'update')),
    ('together_hooks.cli', ('baseline', 'audit')),
    ('together_hooks.cli', ('pre-receive',)),
    ('together_hooks.hooks.detect_together_keys', ()),
    ('together_hooks.hooks.forbid_env_files', ()),
    ('together_hooks.hooks.check_env_gitignored', ()),
)

# What an argument may be: files that exist and do not, special files,
# revisions, numbers, and names no file system or git takes kindly.
VALUES = (
    'a.py', 'clean.txt', '.env', 'sub', 'sub/b.py', '.', '..', '-', '--', '', ' ',
    'nope', 'nope/x', '/dev/null', '/dev/zero', '/dev/full', '/proc/self/mem',
    '../out.txt', '/nonexistent/out', 'HEAD', 'HEAD~9', 'main', 'main...HEAD',
    'main..HEAD', '...', '^', '0', '-1', '1e9', 'nan', 'inf', '0x10', '3/2', '2/0',
    'x' * 300, 'é\u200b\u202e', '\udce9name', '*', '[', '{', ':', '@{u}',
    '.secrets.baseline', '.together-hooks.toml', '\n', 'a\nb',
)
# Options that may, by design, leave the repository's key out of a scan.
NARROWING = frozenset((
    '--staged', '--diff', '--since', '--env-reuse', '--baseline', '--only-live',
    '-h', '--help', '-V', '--version',
))


def _options(module: str, words: tuple[str, ...], capsys) -> list[str]:
    """The options a command's ``--help`` lists."""
    main = __import__(module, fromlist=['main']).main
    with pytest.raises(SystemExit):
        main([*words, '--help'])
    text = capsys.readouterr().out
    return sorted(set(re.findall(r'(?<![\w-])--?[A-Za-z][\w-]*', text)) - {'--help', '-h'})


@pytest.fixture(scope='module')
def template(tmp_path_factory):
    """A repository with a key committed (a.py), a clean file, a folder,
    an env file and a baseline that records nothing."""
    from tests.keys import make_key
    import random

    root = tmp_path_factory.mktemp('fuzz') / 'repo'
    root.mkdir()
    # No sample hooks (inert ``*.sample`` files): each example copies the
    # repository, and they were a third of its files.
    git(root, 'init', '-q', '--template=', '-b', 'main')
    (root / '.git' / 'hooks').mkdir()
    git(root, 'config', 'user.email', 'dev@example.com')
    git(root, 'config', 'user.name', 'Dev')
    git(root, 'config', 'commit.gpgsign', 'false')
    key = make_key(random.Random(20261201))
    (root / 'a.py').write_text(f'TOGETHER_API_KEY = "{key}"\n')
    (root / 'clean.txt').write_text('nothing here\n')
    (root / 'sub').mkdir()
    (root / 'sub' / 'b.py').write_text('x = 1\n')
    git(root, 'add', '-A')
    git(root, 'commit', '-qm', 'init')
    (root / '.env').write_text('DEBUG=1\n')
    return root


class Copy:
    """A fresh copy of the template to run one example in."""

    def __init__(self, template) -> None:
        self.top = tempfile.mkdtemp(prefix='fuzz')
        self.root = os.path.join(self.top, 'repo')
        shutil.copytree(template, self.root, symlinks=True)

    def __enter__(self) -> str:
        self.cwd = os.getcwd()
        os.chdir(self.root)
        return self.root

    def __exit__(self, *exc: object) -> None:
        os.chdir(self.cwd)
        shutil.rmtree(self.top, ignore_errors=True)


def _run(module: str, argv: list[str], capsys, stdin: bytes = b'') -> tuple[int, str, str]:
    main = __import__(module, fromlist=['main']).main
    old = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        try:
            rc = main(argv)
        except SystemExit as e:  # argparse: usage errors and --help
            rc = e.code if isinstance(e.code, int) else 2
    finally:
        sys.stdin = old
    captured = capsys.readouterr()
    return rc, captured.out, captured.err


def _fails_closed(argv: list[str], rc: int, out: str, err: str) -> None:
    assert rc in (0, 1, 2), (argv, rc, err[-500:])
    assert 'Traceback' not in out + err, (argv, err[-2000:])
    assert 'internal error' not in err, (argv, err[-500:])
    if rc == 2:
        assert err.strip(), (argv, 'exit 2 without a reason')


@pytest.fixture
def quiet_env(monkeypatch):
    """No audit log or API base from the caller; --verify goes to a
    loopback port nothing listens on (refused at once)."""
    for name in list(os.environ):
        if name.startswith(('TOGETHER', 'GIT_')):
            monkeypatch.delenv(name)
    monkeypatch.setenv('TOGETHER_HOOKS_API_BASE', 'http://127.0.0.1:9')


@pytest.mark.parametrize(('module', 'words'), COMMANDS, ids=lambda v: v if isinstance(v, str) else ' '.join(v))
def test_any_arguments_fail_closed(module, words, template, capsys, quiet_env):
    options = _options(module, words, capsys)
    assert options, (module, words)
    token = st.one_of(st.sampled_from(options), st.sampled_from(VALUES), st.text(max_size=12))
    stdin = st.one_of(
        st.just(b''), st.binary(max_size=200),
        st.lists(st.sampled_from((
            '0' * 40, 'f' * 40, 'HEAD', 'refs/heads/main', 'refs/tags/v1', ' ', '\t', 'x',
        )), max_size=4).map(lambda w: (' '.join(w) + '\n').encode()),
    )

    @FUZZ
    @given(tokens=st.lists(token, max_size=6), data=stdin)
    def check(tokens, data):
        argv = [*words, *(t for t in tokens if '\x00' not in t)]  # no NUL in a real argv
        with Copy(template):
            rc, out, err = _run(module, argv, capsys, data)
        _fails_closed(argv, rc, out, err)
        if words == ('scan',) and rc == 0:
            narrowing = NARROWING.intersection(argv) or any(
                not t.startswith('-') for t in argv[1:])  # a PATH, or an option's value
            assert narrowing, (argv, 'a repository with a key passed')

    check()


# --------------------------------------------------------------- configs

toml_values = st.recursive(
    st.one_of(
        st.booleans(), st.integers(-2, 10 ** 12), st.floats(allow_nan=True),
        st.text(max_size=12), st.sampled_from(('[', '(?P<', '*', '**/', 'a.py', '\\', '.*')),
    ),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
CONFIG_KEYS = (
    'allow', 'exclude', 'exclude_files', 'baseline', 'rules', 'disable', 'extra',
    'audit_log', 'verify', 'paths', 'tool', 'together-hooks', 'x',
)


def _toml(value: object) -> str:
    import json

    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, float):
        return {'nan': 'nan', 'inf': 'inf', '-inf': '-inf'}.get(repr(value), repr(value))
    if isinstance(value, (int, str)):
        return json.dumps(value) if isinstance(value, str) else str(value)
    if isinstance(value, list):
        return '[' + ', '.join(map(_toml, value)) + ']'
    return '{' + ', '.join(f'{json.dumps(k)} = {_toml(v)}' for k, v in value.items()) + '}'


configs = st.one_of(
    st.text(max_size=120),
    st.dictionaries(st.sampled_from(CONFIG_KEYS), toml_values, max_size=4).map(
        lambda d: ''.join(f'{k} = {_toml(v)}\n' for k, v in d.items())),
)


@FUZZ
@given(text=configs, cut=st.floats(0, 1))
def test_any_config_fails_closed(template, capsys, quiet_env, text, cut):
    """A config that is not TOML, or TOML of the wrong shape: exit 2 with
    the reason; never the key passing because the config was misread."""
    text = text[:max(1, int(len(text) * cut))] if cut < 0.9 else text
    with Copy(template) as root:
        with open(os.path.join(root, '.together-hooks.toml'), 'w', encoding='utf-8',
                  errors='surrogateescape') as f:
            f.write(text)
        for module, argv in (
                ('together_hooks.hooks.detect_together_keys', ['a.py']),
                ('together_hooks.cli', ['scan']),
        ):
            rc, out, err = _run(module, argv, capsys)
            _fails_closed(argv, rc, out, err)
            # ``allow`` or ``exclude`` may excuse a.py; anything else may not.
            if rc == 0:
                assert re.search(r'(?m)^\s*"?(allow|exclude|exclude_files|paths|disable|rules)', text), \
                    (argv, text)


# -------------------------------------------------------------- baselines

baselines = st.recursive(
    st.none() | st.booleans() | st.integers(-1, 2 ** 64) | st.text(max_size=10)
    | st.sampled_from(('a.py', './a.py', '0' * 40, 'Together API Key', 'Secret Keyword')),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(('version', 'results', 'plugins_used', 'filters_used', 'generated_at',
                         'type', 'filename', 'hashed_secret', 'is_secret', 'is_verified',
                         'line_number', 'a.py', './a.py')),
        inner, max_size=5),
    max_leaves=16,
)


@FUZZ
@given(doc=baselines)
def test_any_baseline_fails_closed(template, capsys, quiet_env, doc):
    """A baseline of any shape: the key in a.py (whose hash no generated
    baseline records) is still reported, or the run is exit 2."""
    import json

    with Copy(template) as root:
        with open(os.path.join(root, '.secrets.baseline'), 'w') as f:
            json.dump(doc, f)
        for module, argv in (
                ('together_hooks.hooks.detect_together_keys', ['a.py']),
                ('together_hooks.cli', ['scan']),
                ('together_hooks.cli', ['baseline', 'update']),
        ):
            rc, out, err = _run(module, argv, capsys)
            _fails_closed(argv, rc, out, err)
            if argv[0] != 'baseline':
                assert rc in (1, 2), (argv, doc)
