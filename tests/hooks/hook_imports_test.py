"""The hook that blocks keys imports no more than its report needs."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import together_hooks
from tests.cli_run import CAPTURED
from tests.conftest import write

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(together_hooks.__file__)))


def _probe(module: str, argv: list[str], allowed: set[str]) -> str:
    """A child's program: run ``module``'s main on ``argv`` and print, on
    stderr, the standard modules it loaded beyond ``allowed``."""
    return (
        'import sys\n'
        'before = set(sys.modules)\n'
        f'sys.path.insert(0, {SOURCE!r})\n'
        f'from {module} import main\n'
        f'rc = main({argv!r})\n'
        'loaded = set(sys.modules) - before\n'
        f'extra = sorted(m for m in loaded - {set(allowed)!r} if not m.startswith("together_hooks"))\n'
        'print("loaded:", extra, file=sys.stderr)\n'
        'raise SystemExit(rc)\n'
    )


@pytest.mark.parametrize('pre_commit', [False, True])
def test_the_hook_blocking_keys_imports_only_what_its_report_needs(
        git_repo, keys, monkeypatch, pre_commit,
):
    """Where keys are found the hook scans, reports and scrubs its report;
    none of that needs urllib (and its ipaddress), base64, the json or
    typing packages, argparse, subprocess or threading.  The files are
    staged, so each is held to its index entry; under pre-commit the report
    looks for our command on the user's PATH (without ``shutil``)."""
    key, legacy = keys(), keys('hex')
    write(git_repo, 'app.py', f'client = Together(api_key="{key}")\n')
    write(git_repo, 'deploy.sh', f'export TOGETHER_API_KEY={legacy}\n')
    write(git_repo, 'cfg.py', f'API_BASE = "https://api.together.xyz/v1"\napi_key = "{legacy}"\n')
    # pre-commit passes the team's baseline: the report then names the
    # command that updates it.
    write(git_repo, '.secrets.baseline', json.dumps({
        'version': '1.5.0', 'plugins_used': [], 'filters_used': [], 'results': {},
        'generated_at': '2020-09-13T12:26:40Z',
    }))
    subprocess.run(('git', 'add', '-A'), cwd=git_repo, check=True)
    if pre_commit:
        monkeypatch.setenv('PRE_COMMIT', '1')
    heavy = (
        'urllib', 'urllib.parse', 'ipaddress', 'base64', 'struct', 'json', 'typing',
        'argparse', 'locale', 'subprocess', 'threading', 'shutil', 'fnmatch', 'tempfile', 'shlex',
        'detect_secrets', 'together_hooks.verify', 'together_hooks.sources.parallel',
        'together_hooks.sources.message',  # a commit message's reader: a message hook's
    )
    # Without site (-S): an editable install's finder imports pathlib, and
    # with it urllib.parse, before any of our code runs.
    code = (
        'import sys\n'
        f'sys.path.insert(0, {SOURCE!r})\n'
        'from together_hooks.hooks.detect_together_keys import main\n'
        'rc = main(["--baseline", ".secrets.baseline", "app.py", "deploy.sh", "cfg.py"])\n'
        f'loaded = sorted(set({heavy!r}) & set(sys.modules))\n'
        'print("loaded:", loaded, file=sys.stderr)\n'  # rc 1 is the hook's
        'raise SystemExit(rc)\n'
    )
    proc = subprocess.run(
        (sys.executable, '-S', '-c', code), cwd=git_repo, capture_output=True, text=True,
    )
    CAPTURED.extend((proc.stdout, proc.stderr))
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.endswith('loaded: []\n'), proc.stderr
    assert proc.stdout.count('hashed_secret') == 3, proc.stdout
    assert 'baseline update --baseline .secrets.baseline' in proc.stdout + proc.stderr


def test_a_blocked_commit_generates_the_rules_regex_programs_once(git_repo, keys, tmp_path):
    """Generating a regex's program (``re._parser``, ``re._compiler``) is
    pure Python and costs more than matching: the first blocked commit
    generates the rules' and decoders' programs, the next ones build them
    from the user's cache (``regex_cache``)."""
    from tests.regex_cache_test import our_patterns

    key, legacy, own = keys(), keys('hex'), keys()
    write(git_repo, 'app.py', f'client = Together(api_key="{key}")\n')
    write(git_repo, 'cfg.py', f'API_BASE = "https://api.together.xyz/v1"\napi_key = "{legacy}"\n')
    write(git_repo, 'own.py', f'TOKEN = "{own}"\n')  # the developer's own key: its forms are regexes
    code = (
        'import sys\n'
        f'sys.path.insert(0, {SOURCE!r})\n'
        'import re._compiler\n'
        'generated = []\n'
        'compile = re._compiler.compile\n'
        're._compiler.compile = lambda p, flags=0: generated.append(p) or compile(p, flags)\n'
        'from together_hooks.hooks.detect_together_keys import main\n'
        'rc = main(["app.py", "cfg.py", "own.py"])\n'
        'print("generated:", repr(generated), file=sys.stderr)\n'
        'raise SystemExit(rc)\n'
    )
    ours = {pattern for pattern, _flags in our_patterns()}
    env = {**os.environ, 'XDG_CACHE_HOME': str(tmp_path / 'cache'), 'TOGETHER_API_KEY': own}
    runs = []
    for _ in range(2):
        proc = subprocess.run(
            (sys.executable, '-S', '-c', code), cwd=git_repo, capture_output=True, text=True, env=env,
        )
        CAPTURED.extend((proc.stdout, proc.stderr))
        assert proc.returncode == 1, proc.stderr
        assert proc.stdout.count('hashed_secret') == 3, proc.stdout
        generated = eval(proc.stderr.rpartition('generated: ')[2])
        runs.append(ours & set(generated))
    assert len(runs[0]) > 5
    assert runs[1] == set()
    # Only the code's own patterns are kept: none made from a key.
    cached = (tmp_path / 'cache' / 'together-hooks' / 'regex-programs').read_bytes()
    for secret in (key, legacy, own):
        assert secret.encode() not in cached and secret[7:20].encode() not in cached


@pytest.mark.parametrize(('module', 'argv'), [
    ('together_hooks.hooks.forbid_env_files', ['app.py', '.env']),
    ('together_hooks.hooks.check_env_gitignored', []),
    ('together_hooks.cli', ['scan', '--staged']),
])
def test_the_hooks_that_ask_git_do_not_import_subprocess(git_repo, keys, module, argv):
    """Each asks git a question or two on every commit; ``gitrun`` starts
    git without ``subprocess`` (its import, with ``threading`` and
    ``selectors``, cost more than the questions), and finds it on the PATH
    without ``os.get_exec_path`` (which imports ``warnings``).  ``scan
    --staged`` streams the staged blobs from a ``cat-file`` started the
    same way."""
    write(git_repo, 'app.py', f'client = Together(api_key="{keys()}")\n')
    write(git_repo, '.env', 'DEBUG=1\n')
    subprocess.run(('git', 'add', 'app.py'), cwd=git_repo, check=True)
    code = (
        'import sys\n'
        f'sys.path.insert(0, {SOURCE!r})\n'
        f'from {module} import main\n'
        f'rc = main({argv!r})\n'
        'loaded = sorted({"subprocess", "threading", "selectors", "warnings"} & set(sys.modules))\n'
        'print("loaded:", loaded, file=sys.stderr)\n'
        'raise SystemExit(rc)\n'
    )
    proc = subprocess.run(
        (sys.executable, '-S', '-c', code), cwd=git_repo, capture_output=True, text=True,
    )
    CAPTURED.extend((proc.stdout, proc.stderr))
    assert proc.returncode == 1, proc.stderr  # each has something to say here
    assert proc.stderr.endswith('loaded: []\n'), proc.stderr
    if '--audit-log' in argv:
        with open(os.path.join(git_repo, 'audit.jsonl')) as f:
            assert f.read().count('\n') == 2  # a line a run


@pytest.mark.parametrize(('argv', 'fnmatch'), [([], False), (['--allow', '*.env.ci'], True)])
def test_check_env_gitignored_matches_patterns_only_when_there_are_some(git_repo, argv, fnmatch):
    """``fnmatch`` is for ``--allow`` / ``env-templates`` patterns; a
    repository with none does not load it on every commit."""
    write(git_repo, '.gitignore', '.env\n.env.*\n!.env.example\n')
    write(git_repo, 'app.py', 'x = 1\n')
    subprocess.run(('git', 'add', '-A'), cwd=git_repo, check=True)
    code = (
        'import sys\n'
        f'sys.path.insert(0, {SOURCE!r})\n'
        'from together_hooks.hooks.check_env_gitignored import main\n'
        f'rc = main({argv!r})\n'
        'print("loaded:", "fnmatch" in sys.modules, file=sys.stderr)\n'
        'raise SystemExit(rc)\n'
    )
    proc = subprocess.run(
        (sys.executable, '-S', '-c', code), cwd=git_repo, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr.endswith(f'loaded: {fnmatch}\n'), proc.stderr



# Every standard module a hook may load to pass a commit in which no file
# holds a keyword (Python 3.9 to 3.13): what ``site`` loads at every
# start-up (the tests run without it), and C modules but ``__future__``.
# No ``re`` (nor the enum, functools and collections it brings), no
# ``types``, ``warnings`` or ``bisect``.
CLEAN_COMMIT_MODULES = frozenset((
    'os', 'os.path', 'posixpath', 'genericpath', 'stat', '_stat', '_collections_abc',
    '__future__', '_json', '_sha1', 'atexit', 'errno', 'gc', 'select',
    # C modules of the check that a report written into a pipe was read
    # whole (``fileio.left_unread``: FIONREAD), ~0.4 ms.
    'fcntl', 'termios',
))
# With a Together key in the environment the hook matches copies of it
# (and checks its shape with the rules: their patterns from the user's
# cache, built by ``_sre``), still without re.
OWN_KEY_MODULES = frozenset(('_sre', 'binascii', 'math', 'bisect', '_bisect'))
CLEAN = ('app.py', 'go.sum', 'docs/deep/folder/with/a/long/name/index.md')


@pytest.mark.parametrize(('module', 'argv', 'pre_commit', 'own_key'), [
    ('together_hooks.hooks.detect_together_keys', ['--baseline', '.secrets.baseline', *CLEAN], False, False),
    ('together_hooks.hooks.detect_together_keys', ['--baseline', '.secrets.baseline', *CLEAN], True, False),
    ('together_hooks.hooks.detect_together_keys', ['--baseline', '.secrets.baseline', *CLEAN], True, True),
    ('together_hooks.hooks.detect_together_keys', ['app.py'], False, False),
    ('together_hooks.hooks.forbid_env_files', list(CLEAN), True, False),
    ('together_hooks.hooks.check_env_gitignored', [], True, False),
])
def test_a_clean_commit_loads_no_regex_module(
        git_repo, keys, monkeypatch, tmp_path, module, argv, pre_commit, own_key,
):
    """Most commits hold no keyword in any file: each hook passes them
    with ``in``, ``find`` and ``translate`` alone, and never imports ``re``
    (nor enum, functools and collections with it): the commit pays neither
    that import nor a regex compile.  No other standard module but
    ``CLEAN_COMMIT_MODULES`` is loaded either.  Here with what such a repository
    holds: a team baseline (detect-secrets' filters, a recorded secret
    under a long path), a pyproject.toml without our table, a lock file of
    64-hex digests (the legacy key's shape, with no Together name near),
    and a file edited after it was staged (its staged blob is read too);
    and once with the developer's key in ``TOGETHER_API_KEY``, the regex
    cache warmed by a first commit."""
    digest = '0123456789abcdef' * 4
    write(git_repo, 'app.py', 'import os\n\nprint(os.environ["HOME"])\r\n')
    write(git_repo, 'go.sum', f'example.com/mod v1.0.0 h1:{digest}\n' * 3)
    write(git_repo, CLEAN[2], '# Title\n\nText.\n')
    write(git_repo, 'pyproject.toml', '[project]\nname = "app"\n')
    write(git_repo, '.gitignore', '.env\n.env.*\n!.env.example\n')
    write(git_repo, '.secrets.baseline', json.dumps({
        'version': '1.5.0', 'plugins_used': [{'name': 'HexHighEntropyString', 'limit': 3.0}],
        'filters_used': [{'path': 'detect_secrets.filters.heuristic.is_lock_file'}],
        'results': {CLEAN[2]: [{
            'type': 'Hex High Entropy String', 'filename': CLEAN[2],
            'hashed_secret': '1' * 40, 'is_verified': False, 'line_number': 3,
        }]},
        'generated_at': '2020-09-13T12:26:40Z',
    }))
    subprocess.run(('git', 'add', '-A'), cwd=git_repo, check=True)
    write(git_repo, 'app.py', 'import os\n\nprint(os.environ["HOME"])\n')
    if pre_commit:
        monkeypatch.setenv('PRE_COMMIT', '1')
    monkeypatch.setenv('XDG_CACHE_HOME', str(tmp_path / 'cache'))
    allowed = CLEAN_COMMIT_MODULES
    if own_key:
        monkeypatch.setenv('TOGETHER_API_KEY', keys())
        allowed |= OWN_KEY_MODULES
    code = _probe(module, argv, allowed)
    for _ in range(2 if own_key else 1):  # the first fills the regex cache
        proc = subprocess.run(
            (sys.executable, '-S', '-c', code), cwd=git_repo, capture_output=True, text=True,
        )
        CAPTURED.extend((proc.stdout, proc.stderr))
        assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr == 'loaded: []\n', proc.stderr


# What a blocked commit loads beyond a clean one's, once the user's regex
# cache holds the programs: ``_sre`` builds them, without ``re``.
BLOCKED_COMMIT_MODULES = CLEAN_COMMIT_MODULES | OWN_KEY_MODULES


HOOK = 'together_hooks.hooks.detect_together_keys'
BLOCKED = ['app.py', 'notes.md', 'deploy.sh']


@pytest.mark.parametrize(('module', 'argv', 'pre_commit'), [
    (HOOK, BLOCKED, False),
    (HOOK, BLOCKED, True),
    # its audit log line is JSON, as the report below: no json package
    (HOOK, ['--audit-log', 'audit.jsonl', *BLOCKED], True),
    ('together_hooks.cli', ['scan', '--staged', '--format', 'json'], False),
])
def test_a_blocked_commit_with_a_warm_cache_loads_no_regex_module(
        git_repo, keys, monkeypatch, tmp_path, module, argv, pre_commit,
):
    """A blocked commit matches the rules' patterns, scrubs its report and
    names the next step; with the programs in the user's cache (filled by
    the first blocked commit) it imports no ``re``, nor the enum,
    functools and collections ``re`` brings, and no other standard module
    but ``BLOCKED_COMMIT_MODULES``: every key found all the same.  So does
    ``scan --staged --format json`` and an audited commit: their JSON is
    written without the json package (``messages.json_text``).  (A
    legacy key under a generic name is judged by the structure around it:
    where that takes a pattern made from the file's own names, that one
    needs ``re``; see the next test.)"""
    key, legacy, other = keys(), keys('hex'), keys()
    write(git_repo, 'app.py', f'client = Together(api_key="{key}")\n')
    write(git_repo, 'notes.md', f'Use `{other}` here.\n')
    write(git_repo, 'deploy.sh', f'export TOGETHER_API_KEY={legacy}\n')
    subprocess.run(('git', 'add', '-A'), cwd=git_repo, check=True)
    if pre_commit:
        monkeypatch.setenv('PRE_COMMIT', '1')
    monkeypatch.setenv('XDG_CACHE_HOME', str(tmp_path / 'cache'))
    # The audit log locks its file (``fcntl``, a C module).
    allowed = BLOCKED_COMMIT_MODULES | ({'fcntl'} if '--audit-log' in argv else set())
    code = _probe(module, argv, allowed)
    for _ in range(2):  # the first fills the regex cache
        proc = subprocess.run(
            (sys.executable, '-S', '-c', code), cwd=git_repo, capture_output=True, text=True,
        )
        CAPTURED.extend((proc.stdout, proc.stderr))
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert proc.stdout.count('hashed_secret') == 3, proc.stdout
    assert proc.stderr.endswith('loaded: []\n'), proc.stderr
    if '--audit-log' in argv:
        with open(os.path.join(git_repo, 'audit.jsonl')) as f:
            assert f.read().count('\n') == 2  # a line a run


@pytest.mark.parametrize(('name', 'text'), [
    ('deploy.yaml', 'together:\n  model: llama\n  token: {legacy}\n'),
    ('settings.ini', '[together]\ntoken = {legacy}\n'),
    # The endpoint in the call around the key decides before the name it
    # is bound to is looked for.
    ('client.py', 'client = Client(\n    base_url="https://api.together.xyz/v1",\n    token="{legacy}",\n)\n'),
    # A flat name's prefix (``api_``) no other line starts with: no
    # sibling to look for.
    ('cfg.py', 'API_BASE = "https://api.together.xyz/v1"\napi_key = "{legacy}"\n'),
])
def test_a_legacy_key_in_a_structure_named_together_loads_no_regex_module(
        git_repo, keys, monkeypatch, tmp_path, name, text,
):
    """A legacy key under a generic name is judged by the structure around
    it (``detect.context``): a YAML block or an INI section headed
    ``together`` says it is Together's, and so does the endpoint in the
    call around it.  The walker's patterns are the rules' own, built from
    the user's cache; only a pattern made from the file's own names (the
    uses of an identifier bound to the endpoint, the lines sharing a flat
    name's prefix) needs ``re``, made only where another occurrence of the
    name or prefix could match, so these commits load none of it."""
    write(git_repo, name, text.format(legacy=keys('hex')))
    subprocess.run(('git', 'add', '-A'), cwd=git_repo, check=True)
    monkeypatch.setenv('XDG_CACHE_HOME', str(tmp_path / 'cache'))
    code = _probe(HOOK, [name], BLOCKED_COMMIT_MODULES)
    for _ in range(2):  # the first fills the regex cache
        proc = subprocess.run(
            (sys.executable, '-S', '-c', code), cwd=git_repo, capture_output=True, text=True,
        )
        CAPTURED.extend((proc.stdout, proc.stderr))
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert proc.stdout.count('together-legacy-api-key') == 1, proc.stdout
    assert proc.stderr.endswith('loaded: []\n'), proc.stderr


@pytest.mark.parametrize('argv', [[], ['--allow', '.env.defaults'], ['--allow=.env.ci']])
def test_forbid_env_files_with_no_file_imports_no_git_config_or_report(git_repo, argv, monkeypatch):
    """``always_run``: the hook starts on every commit, most of which stage
    no env file.  With no file, no push and no audit log it has nothing to
    judge, and returns before importing git, the config, the scrubbed
    output or argument parsing (bench/hook_cpu.py measures the gain)."""
    for name in ('PRE_COMMIT_TO_REF', 'PRE_COMMIT_REMOTE_NAME', 'TOGETHER_HOOKS_AUDIT_LOG'):
        monkeypatch.delenv(name, raising=False)
    code = (
        'import sys\n'
        f'sys.path.insert(0, {SOURCE!r})\n'
        'from together_hooks.hooks.forbid_env_files import main\n'
        f'rc = main({argv!r})\n'
        'print("loaded:", sorted(m for m in sys.modules if m.startswith("together_hooks")), file=sys.stderr)\n'
        'raise SystemExit(rc)\n'
    )
    proc = subprocess.run((sys.executable, '-S', '-c', code), cwd=git_repo, capture_output=True, text=True)
    CAPTURED.extend((proc.stdout, proc.stderr))
    assert proc.returncode == 0 and proc.stdout == '', proc.stderr
    loaded = eval(proc.stderr.rpartition('loaded: ')[2])
    assert set(loaded) == {
        'together_hooks', 'together_hooks.hooks', 'together_hooks.hooks.forbid_env_files',
        'together_hooks.audit_log', 'together_hooks.errors', 'together_hooks.env',
        'together_hooks.env.names',
    }, loaded


def test_forbid_env_files_with_no_file_still_logs_and_refuses_bad_options(git_repo, tmp_path, monkeypatch):
    """The short way out is only for a run with nothing to judge: an audit
    log still gets its line, a bad option still exits 2."""
    from together_hooks.hooks import forbid_env_files

    for name in ('PRE_COMMIT_TO_REF', 'PRE_COMMIT_REMOTE_NAME', 'TOGETHER_HOOKS_AUDIT_LOG'):
        monkeypatch.delenv(name, raising=False)
    log = tmp_path / 'audit.jsonl'
    monkeypatch.setenv('TOGETHER_HOOKS_AUDIT_LOG', str(log))
    assert forbid_env_files.main([]) == 0
    assert '"forbid-env-files"' in log.read_text()
    monkeypatch.delenv('TOGETHER_HOOKS_AUDIT_LOG')
    with pytest.raises(SystemExit) as exit_:
        forbid_env_files.main(['--no-such-option'])
    assert exit_.value.code == 2


# What the first stage of detect-together-keys loads on a clean commit
# (hooks.first_stage): the console script's whole import set then.
FIRST_STAGE_OURS = {
    'together_hooks', 'together_hooks.hooks', 'together_hooks.hooks.first_stage',
    'together_hooks.env', 'together_hooks.env.held', 'together_hooks.env.names',
    'together_hooks.errors', 'together_hooks.gitdir', 'together_hooks.fileio',
    'together_hooks.config',
    'together_hooks.baseline', 'together_hooks.baseline.format',
    'together_hooks.sources', 'together_hooks.sources.index', 'together_hooks.sources.content',
    'together_hooks.findings',
    'together_hooks.detect', 'together_hooks.detect.prefilter', 'together_hooks.detect.screen_needles',
}
# Beyond what Python's start loads with site (os and its parts): C
# modules and two small ones.
FIRST_STAGE_STANDARD = {
    '__future__', '_json', '_sha1', 'errno', 'select', 'stat', '_stat',
    'os', 'os.path', 'posixpath', 'genericpath', '_collections_abc',
}


@pytest.mark.parametrize('baseline', [False, True])
def test_a_clean_commit_loads_only_the_first_stage(git_repo, monkeypatch, baseline):
    """The console script's module answers a clean commit itself: no
    engine, rules, pipeline, report or scrub, no ``re``, no full hook;
    and without the cyclic collector walking what its imports made."""
    write(git_repo, 'app.py', 'print("hello")\n')
    write(git_repo, 'lib/util.py', 'def f():\n    return 1\n')
    if baseline:
        write(git_repo, '.secrets.baseline', json.dumps({
            'version': '1.5.0', 'plugins_used': [], 'filters_used': [], 'results': {},
            'generated_at': '2020-09-13T12:26:40Z',
        }))
    subprocess.run(('git', 'add', '-A'), cwd=git_repo, check=True)
    env = _keyless_commit_env()
    code = (
        'import sys, gc, atexit\n'
        'before = set(sys.modules)\n'
        f'sys.path.insert(0, {SOURCE!r})\n'
        'from together_hooks.hooks.first_stage import main\n'
        'collections = []\n'
        'gc.callbacks.append(lambda phase, info: collections.append(phase))\n'
        'rc = main(["app.py", "lib/util.py"])\n'
        'print("loaded:", sorted(set(sys.modules) - before), file=sys.stderr)\n'
        'atexit._run_exitfuncs()\n'  # what Python runs at exit, before its last collection
        'print("gc:", len(collections), gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)\n'
        'raise SystemExit(rc)\n'
    )
    proc = subprocess.run(
        (sys.executable, '-S', '-c', code), cwd=git_repo, capture_output=True, text=True, env=env,
    )
    CAPTURED.extend((proc.stdout, proc.stderr))
    assert proc.returncode == 0, proc.stderr
    loaded = set(eval(proc.stderr.rpartition('loaded: ')[2].partition('\n')[0]))
    assert loaded - FIRST_STAGE_OURS - FIRST_STAGE_STANDARD == set()
    assert 'together_hooks.hooks.first_stage' in loaded
    # No cyclic collection while it decides (its modules' objects live as
    # long as the process), the collector back on for whoever called it,
    # and none of the whole heap at exit (frozen first).
    assert proc.stderr.endswith('gc: 0 True True\n'), proc.stderr


def test_a_clean_commit_ends_the_console_script_without_teardown(git_repo):
    """Run as its console script runs it (``console()``: the command line
    is the process's own), a clean commit ends the process at once, exit
    0: the exit functions run, as at any exit, but not Python's teardown of
    every module's objects (an object of the script's own that says when
    it is freed, in a module of its own, is never freed).  ``main`` called
    in process (the tests, a tool importing the hook) returns, with its
    arguments or with none (then it reads the command line, as
    pre-commit's hooks' ``main`` does, and the caller goes on)."""
    env = _clean_commit_env(git_repo)
    code = (
        'import sys, os, atexit\n'
        f'sys.path.insert(0, {SOURCE!r})\n'
        'from together_hooks.hooks.first_stage import main, console\n'
        'class Freed:\n'
        '    def __del__(self):\n'
        '        os.write(2, b"torn down\\n")\n'
        'sys.modules["kept"] = type(sys)("kept")\n'  # freed with the modules, frozen or not
        'sys.modules["kept"].object = Freed()\n'
        'atexit.register(lambda: os.write(2, b"exit functions ran\\n"))\n'
        'assert main(sys.argv[2:]) == 0\n'  # in process: returns
        'sys.argv[1:] = sys.argv[2:]\n'
        'assert main() == 0\n'  # in process, the command line its own: returns too
        'os.write(1, b"main returned\\n")\n'
        'raise SystemExit(console())\n'
    )
    proc = subprocess.run(
        (sys.executable, '-S', '-c', code, 'detect-together-keys', 'app.py'),
        cwd=git_repo, capture_output=True, text=True, env=env,
    )
    CAPTURED.extend((proc.stdout, proc.stderr))
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, 'main returned\n', 'exit functions ran\n')


def test_a_blocked_commit_ends_the_console_script_without_teardown(git_repo, keys):
    """After the full hook has blocked a commit, its console script ends
    the process as a clean commit's does: exit 1, the report whole on a
    pipe (flushed), the exit functions run, and no module's objects torn
    down one by one.  ``main`` called in process (the tests, a tool
    importing the hook) still returns its code; a run that fails (exit 2:
    a baseline that is no JSON) ends with its own code and line."""
    write(git_repo, 'app.py', f'client = Together(api_key="{keys()}")\n')
    write(git_repo, 'broken.baseline', '{not json\n')
    subprocess.run(('git', 'add', '-A'), cwd=git_repo, check=True)
    env = _keyless_commit_env()
    env['PYTHONPATH'] = SOURCE
    for argv, status, said in (
            (['app.py'], 1, 'app.py:1'),
            (['--baseline', 'broken.baseline', 'app.py'], 2, 'broken.baseline'),
    ):
        code = (
            'import sys, os, atexit\n'
            f'sys.path.insert(0, {SOURCE!r})\n'
            'from together_hooks.hooks.first_stage import main, console\n'
            'class Freed:\n'
            '    def __del__(self):\n'
            '        os.write(2, b"torn down\\n")\n'
            'sys.modules["kept"] = type(sys)("kept")\n'
            'sys.modules["kept"].object = Freed()\n'
            'atexit.register(lambda: os.write(2, b"exit functions ran\\n"))\n'
            f'assert main(sys.argv[2:]) == {status}\n'  # in process: returns
            'os.write(2, b"main returned\\n")\n'
            'sys.argv[1:] = sys.argv[2:]\n'
            'raise SystemExit(console())\n'
        )
        proc = subprocess.run(
            (sys.executable, '-S', '-c', code, 'detect-together-keys', *argv),
            cwd=git_repo, capture_output=True, text=True, env=env,
        )
        CAPTURED.extend((proc.stdout, proc.stderr))
        assert proc.returncode == status, proc.stderr
        assert proc.stderr.count('main returned\n') == 1, proc.stderr
        assert proc.stderr.endswith('exit functions ran\n') and 'torn down' not in proc.stderr, proc.stderr
        # What the run says, written twice (in process, then by the
        # console script), is whole both times: nothing left in a buffer.
        out = proc.stdout + proc.stderr
        assert out.count(said) >= 2, out


def _clean_commit_env(git_repo) -> dict[str, str]:
    """``git_repo`` with one clean file staged, and an environment that
    holds no key of the developer's: the first stage's clean path."""
    write(git_repo, 'app.py', 'print("hello")\n')
    subprocess.run(('git', 'add', '-A'), cwd=git_repo, check=True)
    env = _keyless_commit_env()
    env['PYTHONPATH'] = SOURCE
    return env


def _keyless_commit_env() -> dict[str, str]:
    """This environment less anything that may hold a key of the
    developer's or a pre-commit setting, as a commit's hook under
    pre-commit sees it (``PRE_COMMIT=1``)."""
    env = {
        k: v for k, v in os.environ.items()
        if 'TOGETHER' not in k.upper() and 'tgp_v1_' not in v and not k.startswith('PRE_COMMIT')
    }
    env['PRE_COMMIT'] = '1'
    return env


@pytest.mark.parametrize('tool', ('cProfile', 'trace'))
def test_a_profiled_clean_commit_keeps_its_profile(git_repo, tmp_path_factory, tool):
    """A developer who profiles or traces the console script on a clean
    commit (``python -m cProfile -o out detect-together-keys ...``;
    ``coverage run`` traces the same way) gets its results: they are
    written after ``main`` returns, so the process is left to Python's
    own exit, not ended at once."""
    env = _clean_commit_env(git_repo)
    where = tmp_path_factory.mktemp('profiled')
    script = where / 'detect-together-keys'
    script.write_text(
        'import sys\n'
        'from together_hooks.hooks.first_stage import console\n'
        'sys.exit(console())\n',
    )
    out = where / 'out.prof'
    args = ('-o', str(out)) if tool == 'cProfile' else ('--listfuncs',)
    proc = subprocess.run(
        (sys.executable, '-m', tool, *args, str(script), 'app.py'),
        cwd=git_repo, capture_output=True, text=True, env=env,
    )
    CAPTURED.extend((proc.stdout, proc.stderr))
    assert proc.returncode == 0, proc.stderr
    if tool == 'cProfile':
        import pstats

        assert out.exists()
        called = {func for _file, _line, func in pstats.Stats(str(out)).stats}
        assert 'certainly_clean' in called
    else:
        assert 'funcname: certainly_clean' in proc.stdout, proc.stdout[-300:]


def test_a_clean_commit_waits_for_the_threads_python_waits_for(git_repo):
    """A thread that is not a daemon (one a ``sitecustomize`` started)
    runs to its end before the process does, as at any exit of Python's:
    the first stage ends the process at once only when nothing else in
    it is still at work."""
    env = _clean_commit_env(git_repo)
    code = (
        'import os, sys, threading\n'
        'from together_hooks.hooks.first_stage import console\n'
        'def last():\n'
        '    threading.main_thread().join()\n'  # after the main thread's end
        '    os.write(2, b"thread finished\\n")\n'
        'threading.Thread(target=last).start()\n'
        'raise SystemExit(console())\n'
    )
    proc = subprocess.run(
        (sys.executable, '-c', code, 'app.py'), cwd=git_repo, capture_output=True, text=True, env=env,
    )
    CAPTURED.extend((proc.stdout, proc.stderr))
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, '', 'thread finished\n')
