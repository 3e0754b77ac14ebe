"""The one config file, as every hook and command reads it (console scripts).

``[tool.together-hooks]`` in pyproject.toml or ``.together-hooks.toml``:
``exclude``, ``allow``, ``baseline``, ``env-templates``; the flag wins; an
invalid file is one line and exit 2 everywhere.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.cli_run import assert_error_line
from tests.cli_run import hook_in_process as hook
from tests.cli_run import run_in_process as run
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write
from together_hooks.findings import hash_secret


def _config(repo, text: str, where: str = '.together-hooks.toml') -> None:
    if where == 'pyproject.toml':
        text = '[project]\nname = "app"\n\n[tool.together-hooks]\n' + text
    write(repo, where, text)


def _found_paths(result) -> list[str]:
    return sorted({f[0] for f in result.found()})


@pytest.fixture
def repo(git_repo, keys):
    """Keys in app code, a fixtures folder and a snapshot file."""
    write(git_repo, 'src/app.py', f'KEY = "{keys()}"\n')
    write(git_repo, 'tests/fixtures/data.txt', f'{keys()}\n')
    write(git_repo, 'ui/__snapshots__/a.snap', f'{keys()}\n')
    git(git_repo, 'add', '.')
    return git_repo


@pytest.mark.parametrize('where', ('.together-hooks.toml', 'pyproject.toml'))
def test_exclude_in_scan_and_hook(repo, where):
    _config(repo, 'exclude = ["fixtures/", "**/*.snap"]\n', where)
    result = scan('--format', 'json', cwd=repo)
    assert result.rc == 1, result.err
    assert _found_paths(result) == ['src/app.py']
    staged = ('tests/fixtures/data.txt', 'ui/__snapshots__/a.snap')
    assert hook(*staged, cwd=repo).rc == 0
    assert hook('src/app.py', *staged, cwd=repo).rc == 1
    assert run('together-hooks', 'scan', '--staged', cwd=repo).rc == 1


def test_without_a_config_everything_is_scanned(repo):
    write(repo, 'pyproject.toml', '[project]\nname = "app"\n')
    result = scan('--format', 'json', cwd=repo)
    assert _found_paths(result) == [
        'src/app.py', 'tests/fixtures/data.txt', 'ui/__snapshots__/a.snap',
    ]


def test_allow_by_hashed_secret_and_by_regex(git_repo, keys):
    known, other, third = keys(), keys(), keys()
    write(git_repo, 'a.py', f'A = "{known}"\nB = "{other}"\nC = "{third}"\n')
    git(git_repo, 'add', '.')
    pattern = other[:12] + '.*'  # a regex that matches the whole value
    _config(git_repo, f'allow = ["{hash_secret(known)}", "{pattern}"]\n')
    result = scan('--format', 'json', cwd=git_repo)
    assert [(f[1], f[3]) for f in result.found()] == [(3, hash_secret(third))]
    assert hook('a.py', cwd=git_repo).rc == 1
    write(git_repo, 'a.py', f'A = "{known}"\nB = "{other}"\n')
    git(git_repo, 'add', '.')  # the staged a.py, with the third key, would count too
    assert hook('a.py', cwd=git_repo).rc == 0
    assert scan(cwd=git_repo).rc == 0


def test_baseline_from_config_and_the_flag_wins(git_repo, keys):
    write(git_repo, 'app.py', f'K = "{keys()}"\n')
    git(git_repo, 'add', '.')
    (git_repo / 'config').mkdir()
    made = run('together-hooks', 'baseline', 'create', '--baseline',
               'config/known.json', cwd=git_repo)
    assert made.rc == 0, made.err
    _config(git_repo, 'baseline = "config/known.json"\n')
    assert hook('app.py', cwd=git_repo).rc == 0
    assert scan(cwd=git_repo).rc == 0
    # update and doctor read the same file
    assert run('together-hooks', 'baseline', 'update', cwd=git_repo).rc == 0
    write(git_repo, 'empty.json', '{"version": "1.5.0", "results": {}}\n')
    assert hook('--baseline', 'empty.json', 'app.py', cwd=git_repo).rc == 1
    assert scan('--baseline', 'empty.json', cwd=git_repo).rc == 1


def test_env_templates(git_repo):
    write(git_repo, '.env.defaults', 'TOGETHER_API_KEY=your-key-here\n')
    write(git_repo, '.gitignore', '.env\n.env.*\n!.env.defaults\n')
    git(git_repo, 'add', '.')
    assert run('forbid-env-files', '.env.defaults', cwd=git_repo).rc == 1
    _config(git_repo, 'env-templates = [".env.defaults"]\n')
    assert run('forbid-env-files', '.env.defaults', cwd=git_repo).rc == 0
    assert run('check-env-gitignored', cwd=git_repo).rc == 0
    # The rules must leave a template committable: ignoring it is a problem.
    write(git_repo, '.gitignore', '.env\n.env.*\n')
    result = run('check-env-gitignored', cwd=git_repo)
    assert result.rc == 1 and '.env.defaults' in result.out


INVALID = (
    ('exclude = [', 'not valid TOML'),
    ('exlude = ["x/"]', "unknown key 'exlude' (did you mean 'exclude'?"),
    # A key a later together-hooks reads: this one says so, never ignores it.
    ('scan-depth = 3', "unknown key 'scan-depth' (this together-hooks knows only exclude"),
    ('exclude = "fixtures/"', 'exclude must be a list'),
    ('baseline = 3', 'baseline must be'),
    # Blank: was ": baseline not found" (a file named " ") from the hook,
    # "names no file" from baseline create: now named as the config's.
    ('baseline = " "', 'baseline must be a non-empty string'),
    ('baseline = "\\t"', 'baseline must be a non-empty string'),
    # A NUL no path can hold: was "internal error (ValueError)".
    ('baseline = "\\u0000x"', 'baseline holds a NUL byte'),
    ('allow = ["(unclosed"]', 'not a valid regex'),
    # Brackets git reads and re does not: named, never "internal error".
    ('exclude = ["[z-a]*.py"]', 'is not a valid pattern'),
    ('exclude = ["[[:nope:]]"]', 'is not a character class'),
    ('exclude = ["[!]"]', 'unclosed ['),
    # Hostile files: bounded, and named as config errors (not internal ones).
    ('exclude = ' + '[' * 5000 + ']' * 5000, 'nested too deep'),
    ('exclude = [' + '"fixtures/",' * 100_000 + ']', 'larger than'),
)
COMMANDS = (
    ('together-hooks', 'scan'),
    ('together-hooks', 'doctor'),
    ('together-hooks', 'baseline', 'create'),
    ('detect-together-keys', 'app.py'),
    ('forbid-env-files', '.env'),
    ('check-env-gitignored',),
)


@pytest.mark.parametrize(('text', 'words'), INVALID)
def test_invalid_config_is_one_line_and_exit_2_everywhere(git_repo, text, words):
    write(git_repo, 'app.py', 'x = 1\n')
    write(git_repo, '.env', 'A=1\n')
    git(git_repo, 'add', 'app.py')
    # Every command on the own file; the pyproject table is read by the
    # same code, so two commands (a hook and the CLI) are enough there.
    for where, commands in (
            ('.together-hooks.toml', COMMANDS), ('pyproject.toml', COMMANDS[::3]),
    ):
        _config(git_repo, text + '\n', where)
        for command in commands:
            result = run(*command, cwd=git_repo)
            assert_error_line(result, where, words)
        (git_repo / where).unlink()


@pytest.mark.parametrize('table', ['together_hooks', 'togetherhooks', 'Together-Hooks', 'TOGETHER_HOOKS'])
def test_a_misspelt_pyproject_table_is_an_error_not_ignored(git_repo, table):
    """``[tool.together_hooks]`` was passed over in silence: its exclude,
    allow and baseline unused, with nothing said. It is named, with the
    table we read, in any case (TOML keys are case-sensitive: the
    prefilter that spares the parser was not, so ``[tool.Together-Hooks]``
    stayed silent); a pyproject that only mentions the package is fine."""
    write(git_repo, 'app.py', 'x = 1\n')
    git(git_repo, 'add', 'app.py')
    write(git_repo, 'pyproject.toml', f'[tool.{table}]\nexclude = ["x/"]\n')
    for command in (('together-hooks', 'scan'), ('detect-together-keys', 'app.py')):
        assert_error_line(run(*command, cwd=git_repo), f'pyproject.toml: [tool.{table}] is not read',
                          '[tool.together-hooks]')
    # Beside the table we read, it was passed over too, its settings unused.
    write(git_repo, 'pyproject.toml',
          f'[tool.together-hooks]\nexclude = ["y/"]\n[tool.{table}]\nexclude = ["x/"]\n')
    assert_error_line(run('together-hooks', 'scan', cwd=git_repo), f'[tool.{table}] is not read')
    write(git_repo, 'pyproject.toml', '[tool.setuptools]\npackages = ["together_hooks"]\n')
    assert run('together-hooks', 'scan', cwd=git_repo).rc == 0


def test_a_misspelt_pyproject_table_beside_the_own_file_is_an_error(git_repo):
    """With ``.together-hooks.toml`` present, pyproject.toml was not read
    at all: a ``[tool.together_hooks]`` there stayed silent, its settings
    unused. The own file still wins over ``[tool.together-hooks]``, and a
    pyproject that is not TOML is none of its business."""
    write(git_repo, 'app.py', 'x = 1\n')
    git(git_repo, 'add', 'app.py')
    _config(git_repo, 'exclude = ["y/"]\n')
    write(git_repo, 'pyproject.toml', '[tool.together_hooks]\nexclude = ["x/"]\n')
    for command in (('together-hooks', 'scan'), ('detect-together-keys', 'app.py')):
        assert_error_line(run(*command, cwd=git_repo), 'pyproject.toml: [tool.together_hooks] is not read',
                          '[tool.together-hooks]')
    for text in ('[tool.together-hooks]\nexclude = ["x/"]\n', '[tool.together_hooks\n', 'name = "together_hooks"\n'):
        write(git_repo, 'pyproject.toml', text)
        assert run('together-hooks', 'scan', cwd=git_repo).rc == 0, text


def test_a_table_name_written_with_toml_escapes_is_read(git_repo):
    """``[tool."together\\u002dhooks"]`` is our table to TOML; the byte
    prefilter that spares the parser looked for the name as written, so the
    table (here with a value of the wrong type) went unread, and a misspelt
    one so written stayed silent, with or without ``.together-hooks.toml``."""
    write(git_repo, 'pyproject.toml', '[tool."together\\u002dhooks"]\nexclude = [1]\n')
    assert_error_line(run('together-hooks', 'scan', cwd=git_repo), 'exclude must be a list')
    _config(git_repo, 'exclude = ["y/"]\n')
    write(git_repo, 'pyproject.toml', '[tool."together\\U0000005fhooks"]\nexclude = ["x/"]\n')
    assert_error_line(run('together-hooks', 'scan', cwd=git_repo), '[tool.together_hooks] is not read')


@pytest.mark.parametrize('name', ['together-hooks.toml', '.together_hooks.toml', '.together-hooks.yaml',
                                  '.TogetherHooks.toml', 'together_hooks.json'])
def test_a_misnamed_config_file_is_named_by_scan_and_doctor(git_repo, keys, name):
    """A config written under a name nothing reads was silent: its exclude
    unused, the key it meant to leave out reported with no hint why. scan
    says so on stderr (its exit stays the scan's), doctor warns."""
    write(git_repo, 'fixtures/k.txt', f'{keys()}\n')
    write(git_repo, name, 'exclude = ["fixtures/"]\n')
    git(git_repo, 'add', '.')
    result = run('together-hooks', 'scan', cwd=git_repo)
    assert result.rc == 1, result
    assert f'together-hooks: note: {name} is not read: the config file is .together-hooks.toml' in result.err
    doctor = run('together-hooks', 'doctor', cwd=git_repo)
    assert f'[WARN] config-file-read: {name} is not read' in doctor.out, doctor.out
    # The right name, a folder of that name (a vendored clone), or a script
    # named as the command (a wrapper, a zipapp) says nothing.
    (git_repo / name).rename(git_repo / '.together-hooks.toml')
    (git_repo / 'together_hooks').mkdir()
    write(git_repo, 'together-hooks', '#!/bin/sh\nexec python3 -m together_hooks "$@"\n')
    result = run('together-hooks', 'scan', cwd=git_repo)
    assert result.rc == 0 and 'note:' not in result.err, result
    assert '[pass] config-file-read' in run('together-hooks', 'doctor', cwd=git_repo).out


def test_hook_imports_the_toml_parser_only_for_a_config(git_repo):
    write(git_repo, 'app.py', 'x = 1\n')
    code = (
        'import sys\n'
        'from together_hooks.hooks.detect_together_keys import main\n'
        'rc = main(["app.py"])\n'
        'print(int("tomllib" in sys.modules or "tomli" in sys.modules))\n'
        'raise SystemExit(rc)\n'
    )

    def toml_loaded() -> bool:
        proc = subprocess.run((sys.executable, '-c', code), cwd=git_repo,
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout.strip() == '1'

    assert not toml_loaded()
    write(git_repo, 'pyproject.toml', '[project]\nname = "app"\n')
    assert not toml_loaded()  # a pyproject without our table is not parsed
    _config(git_repo, 'exclude = ["x/"]\n', 'pyproject.toml')
    assert toml_loaded()


def test_a_config_saved_with_a_byte_order_mark_reads_as_without(git_repo, keys):
    """Windows editors start a UTF-8 file with a BOM: the config holds the
    same settings (it said "not valid TOML ... line 1, column 1")."""
    write(git_repo, 'fixtures/a.txt', f'{keys()}\n')
    git(git_repo, 'add', '.')
    (git_repo / '.together-hooks.toml').write_bytes(
        b'\xef\xbb\xbfexclude = ["fixtures/"]\r\n')
    assert scan(cwd=git_repo).rc == 0
    assert hook('fixtures/a.txt', cwd=git_repo).rc == 0


def test_a_windows_path_in_the_config_is_refused_naming_the_slash_form(git_repo, keys):
    """A config written on Windows, ``exclude = ['fixtures\\a.py']``, left
    nothing out (a backslash escapes the next character in a pattern),
    ``env-templates`` matched no template, and ``baseline =
    'config\\.secrets.baseline'`` sent ``baseline create`` to write a file
    named with a backslash at the root: each in silence. Each is one line,
    exit 2, naming the ``/`` spelling; git's own escapes still load."""
    write(git_repo, 'fixtures/a.py', f'k = "{keys()}"\n')
    git(git_repo, 'add', '.')
    for text, words in (
            ("exclude = ['fixtures\\a.py']", "exclude: 'fixtures\\a.py' holds a backslash"),
            ("exclude = ['fixtures\\']", "write 'fixtures/'"),
            ("env-templates = ['deploy\\*.env.tmpl']", "write 'deploy/*.env.tmpl'"),
            ("baseline = 'config\\.secrets.baseline'", "write 'config/.secrets.baseline'"),
    ):
        _config(git_repo, text + '\n')
        assert_error_line(run('together-hooks', 'scan', cwd=git_repo), '.together-hooks.toml', words)
    assert_error_line(run('together-hooks', 'baseline', 'create', cwd=git_repo), 'holds a backslash')
    assert not (git_repo / 'config\\.secrets.baseline').exists()
    assert_error_line(hook('fixtures/a.py', cwd=git_repo), 'holds a backslash')
    # git's escapes (a literal #, *, backslash; a bracket's own) are patterns still.
    _config(git_repo, "exclude = ['\\#x', '\\*.log', 'a\\\\b', '[\\d].py', 'fixtures/']\n")
    assert scan(cwd=git_repo).rc == 0


@pytest.mark.parametrize('entry', ['{key}', '^{key}$', 'x|{key}'])
def test_a_key_pasted_into_allow_is_refused_not_committed(git_repo, keys, entry):
    """``allow`` holding the key itself would pass it everywhere, the
    committed config included: exit 2, naming the hashed_secret to use,
    and the key is never printed."""
    key = keys()
    write(git_repo, 'app.py', f'K = "{key}"\n')
    _config(git_repo, f'allow = ["{entry.format(key=key)}"]\n')
    git(git_repo, 'add', '.')
    for result in (hook('app.py', '.together-hooks.toml', cwd=git_repo), scan(cwd=git_repo)):
        assert_error_line(result, '.together-hooks.toml', 'allow holds the secret itself',
                          hash_secret(key))


@pytest.mark.parametrize('entry', [
    '.*', '.+', 'tgp_v1_.*', 'tgp_v1_[A-Za-z0-9_-]{{43}}', '[0-9a-f]{{64}}', '(?s).*', 'x|.*',
    '\\\\S+',
])
def test_an_allow_regex_that_passes_any_key_is_refused(git_repo, keys, entry):
    """An ``allow`` regex matching every key (``.*``, the key format
    itself) turns the gate off without a word: exit 2 and one line, on the
    hook and the scan alike."""
    key = keys()
    write(git_repo, 'app.py', f'K = "{key}"\n')
    _config(git_repo, f'allow = ["{entry.format()}"]\n')
    git(git_repo, 'add', '.')
    for result in (hook('app.py', '.together-hooks.toml', cwd=git_repo), scan(cwd=git_repo)):
        assert_error_line(result, '.together-hooks.toml', 'allow', 'matches any key')


def test_an_allow_regex_for_placeholders_still_works(git_repo, keys):
    key = keys()
    write(git_repo, 'app.py', f'K = "{key}"\n')
    _config(git_repo, f'allow = ["{key[:12]}.*", "tgp_v1_test_.*"]\n')
    git(git_repo, 'add', '.')
    assert hook('app.py', cwd=git_repo).rc == 0


@pytest.mark.parametrize('entries', ['"*"', '"**"', '"/*"', '"?*"', '"*", "!docs/"'])
def test_an_exclude_that_leaves_nothing_to_scan_is_refused(git_repo, keys, entries):
    """Excluding every path (``*``) turns the hooks off without a word."""
    key = keys()
    write(git_repo, 'app.py', f'K = "{key}"\n')
    _config(git_repo, f'exclude = [{entries}]\n')
    git(git_repo, 'add', '.')
    for result in (hook('app.py', cwd=git_repo), scan(cwd=git_repo)):
        assert_error_line(result, '.together-hooks.toml', 'exclude', 'every path')


def test_an_exclude_that_takes_some_paths_back_still_works(git_repo, keys):
    key = keys()
    write(git_repo, 'vendor/app.py', f'K = "{key}"\n')
    _config(git_repo, 'exclude = ["*", "!*.py", "!*/"]\n')
    git(git_repo, 'add', '.')
    assert hook('vendor/app.py', cwd=git_repo).rc == 1


@pytest.mark.parametrize('entry', ['config[!_]prod.yaml', 'config[/]prod.yaml', 'caf?.py'])
def test_an_exclude_bracket_never_skips_a_path_git_would_keep(git_repo, keys, entry):
    """A bracket never matches "/" and ? is one byte, as in git's wildmatch:
    ``config[!_]prod.yaml`` leaves out ``config-prod.yaml``, never the key
    in ``config/prod.yaml`` (nor ``caf?.py`` the one in ``café.py``)."""
    write(git_repo, 'config/prod.yaml', f'key: "{keys()}"\n')
    write(git_repo, 'café.py', f'K = "{keys()}"\n')
    write(git_repo, 'config-prod.yaml', f'key: "{keys()}"\n')
    _config(git_repo, f'exclude = ["{entry}"]\n')
    git(git_repo, 'add', '.')
    result = scan('--format', 'json', cwd=git_repo)
    assert result.rc == 1, result.err
    found = _found_paths(result)
    assert 'config/prod.yaml' in found and 'café.py' in found
    assert ('config-prod.yaml' in found) == (entry != 'config[!_]prod.yaml')
    assert hook('config/prod.yaml', cwd=git_repo).rc == 1
    assert hook('café.py', cwd=git_repo).rc == 1
