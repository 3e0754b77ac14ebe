"""Every command's ``--help``: its exit codes, examples that run, and
options described as they behave."""
from __future__ import annotations

import argparse
import importlib
import json
import re
import shlex

import pytest

from tests.cli_run import BIN
from tests.cli_run import run, usage_error

HOOKS = ('detect-together-keys', 'forbid-env-files', 'check-env-gitignored')
SCRIPTS = ('together-hooks', *HOOKS)


def _parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    """(prog, parser) of every command and subcommand a user can ask for
    --help, the hooks included."""
    from together_hooks import cli

    found = []
    todo = [cli.build_parser()]
    todo += [importlib.import_module(f'together_hooks.hooks.{h.replace("-", "_")}').build_parser() for h in HOOKS]
    while todo:
        parser = todo.pop(0)
        found.append((parser.prog, parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo.extend(dict.fromkeys(action.choices.values()))
    return found


PARSERS = _parsers()


def test_every_command_is_walked():
    progs = {prog for prog, _p in PARSERS}
    assert {'together-hooks scan', 'together-hooks baseline create', 'together-hooks scan-org report',
            'together-hooks pre-receive', *HOOKS} <= progs


@pytest.mark.parametrize(('prog', 'parser'), PARSERS, ids=[p for p, _ in PARSERS])
def test_help_states_the_exit_codes(prog, parser):
    """pre-commit, CI and scripts act on the exit code: every --help says
    what 0 and 2 mean (and 1 where a run can find something)."""
    text = parser.format_help()
    codes = ' '.join(text.split('\nexit codes: ', 1)[1].split())
    assert codes.startswith('0 '), prog
    assert ', 2 usage or input error' in codes or ', 2 push refused' in codes, prog


def test_every_help_says_what_the_command_does():
    """A line under the usage says what the command does, for every
    command and subcommand (``scan-org report --help`` showed the usage
    and options alone)."""
    silent = [prog for prog, parser in PARSERS if not (parser.description or '').strip()]
    assert silent == []


def test_every_help_shows_its_examples_above_its_options():
    """Examples came first for scan, doctor, baseline, scan-org and
    check-env-gitignored, but last, under every option, for
    detect-together-keys, forbid-env-files and pre-receive (their examples
    paragraph is titled ``examples (...):``): one layout for every
    command, examples on the first screen."""
    below = []
    for prog, parser in PARSERS:
        text = parser.format_help()
        if '\nexamples' in text and text.index('\nexamples') > text.index('\noptions:'):
            below.append(prog)
    assert below == []


@pytest.mark.parametrize(('prog', 'parser'), PARSERS, ids=[p for p, _ in PARSERS])
def test_every_option_with_a_default_states_it(prog, parser):
    """An option that takes a value the user may leave out says what it
    is then: one with a default argparse fills in, and ``--baseline`` (the
    config's, else ``.secrets.baseline``: a user deciding whether to pass
    it must know one is found without it)."""
    for action in parser._actions:
        if not action.option_strings or action.nargs == 0 or action.help == argparse.SUPPRESS:
            continue
        if action.default not in (None, [], (), argparse.SUPPRESS) or action.dest == 'baseline':
            shown = parser._get_formatter()._expand_help(action)
            assert 'default' in shown, (prog, action.option_strings, shown)


def _examples(text: str) -> list[str]:
    """The example command lines of a help text: indented, starting with
    one of our scripts, up to a run of two blanks (the comment)."""
    found = []
    for line in text.split('\nexamples', 1)[-1].splitlines():
        m = re.match(r'  ((?:%s)\b.*?)(?:\s{2,}.*)?$' % '|'.join(map(re.escape, SCRIPTS)), line)
        if m:
            found.append(m.group(1))
    return found


def test_help_examples_parse():
    """Each example a --help prints is parsed by the real parser: a
    renamed option or command would be a usage error the first time a
    user copies it."""
    examples = [e for _prog, parser in PARSERS for e in _examples(parser.format_help())]
    assert len(examples) > 15, examples
    bad = [(e, error) for e in examples if (error := usage_error(shlex.split(e)))]
    assert bad == []


def test_diff_help_says_what_it_reports():
    """``--diff`` reports a key any commit of the range adds, even one a
    later commit removes, at the commit that added it (docs/cli.md); its
    help said "only the lines a pull request adds ... at their path and
    line in HEAD"."""
    scan = dict(PARSERS)['together-hooks scan']
    text = ' '.join(scan.format_help().split())
    assert 'only the lines' not in text and 'line in HEAD' not in text
    assert 'every commit a pull request brings' in text
    assert 'a key a later commit removes still counts' in text


@pytest.mark.parametrize('script', SCRIPTS)
def test_help_of_the_console_scripts(script, tmp_path):
    """As a user runs it: exit 0, the usage first, the exit codes last."""
    r = run(script, '--help', cwd=tmp_path)
    assert r.rc == 0, r.err
    assert r.out.startswith(f'usage: {script} ')
    assert r.out.rstrip().rsplit('\n\n', 1)[-1].startswith('exit codes: 0 ')


@pytest.mark.parametrize('command', ['scan', 'scan-org'])
def test_the_first_screen_of_help_is_what_a_new_user_needs(command, tmp_path):
    """``scan --help`` was 73 lines and ``scan-org --help`` 78, their
    examples at the bottom, under a 7- and 12-line usage of every option:
    a terminal showed a new user the option soup and none of the
    examples.  The first screen (24 lines) now holds the one-line usage,
    what the command does and every example; every option is still
    listed below, in groups, and the exit codes last."""
    r = run('together-hooks', command, '--help', cwd=tmp_path)
    assert r.rc == 0, r.err
    lines = r.out.splitlines()
    first = '\n'.join(lines[:24])
    examples = _examples(r.out)
    assert examples and all(e in first for e in examples), first
    assert lines[0].startswith(f'usage: together-hooks {command} ') and len(lines[0]) <= 100
    parser = dict(PARSERS)[f'together-hooks {command}']
    for action in parser._actions:
        for option in action.option_strings:
            assert re.search(r'(?:  |, )%s\b' % re.escape(option), r.out), option
    assert r.out.rstrip().rsplit('\n\n', 1)[-1].startswith('exit codes: 0 ')


@pytest.mark.parametrize('prog', ['together-hooks scan', 'detect-together-keys'])
def test_output_help_says_dash_is_stdout_and_a_hook_report_is_ignored(prog):
    """--output - is standard output, and a hook's --output report is
    refused from its second commit on unless .gitignore lists it: --help
    is where a user choosing the option looks, so it says both."""
    parser = dict(PARSERS)[prog]
    text = ' '.join(parser.format_help().split())
    assert '(-: standard output' in text, prog
    assert 'list FILE in .gitignore' in text, prog


def test_pre_receive_output_help_speaks_of_the_server(tmp_path, keys):
    """pre-receive runs in a bare repository on the git server: its
    --output help said to list FILE in a work tree's .gitignore (the
    hooks' words), which has no meaning there; it says where the file
    goes instead, and a relative FILE does land in the repository."""
    import subprocess

    text = ' '.join(dict(PARSERS)['together-hooks pre-receive'].format_help().split())
    assert '.gitignore' not in text and "hook's args" not in text, text
    assert 'on the server (a relative path is in the repository' in text, text
    assert '-: standard output' in text, text
    bare = tmp_path / 'srv.git'
    work = tmp_path / 'work'
    subprocess.run(('git', 'init', '-q', '--bare', str(bare)), check=True)
    subprocess.run(('git', 'init', '-q', '-b', 'main', str(work)), check=True)
    (work / 'app.py').write_text(f'KEY = "{keys()}"\n')
    for args in (('add', '-A'), ('-c', 'user.name=D', '-c', 'user.email=d@example.com',
                                 'commit', '-q', '--no-verify', '-m', 'c')):
        subprocess.run(('git', *args), cwd=work, check=True)
    hook = bare / 'hooks' / 'pre-receive'
    hook.write_text(f'#!/bin/sh\nexec "{BIN}/together-hooks" pre-receive --format json --output refused.json\n')
    hook.chmod(0o755)
    push = subprocess.run(('git', 'push', '-q', '--no-verify', str(bare), 'main'), cwd=work,
                          capture_output=True, text=True)
    assert push.returncode != 0 and 'pre-receive hook declined' in push.stderr, push.stderr
    assert json.loads((bare / 'refused.json').read_text())['findings'], push.stderr


def _codes(prog: str) -> str:
    text = dict(PARSERS)[prog].format_help()
    return ' '.join(text.split('\nexit codes: ', 1)[1].split())


def test_help_names_the_code_each_real_outcome_exits_with(git_repo, keys):
    """A script acts on the code, and a user reads --help for what it
    means.  ``baseline create`` and ``update`` exit 1 when a copy of a key
    you hold is left out (docs/baseline.md), ``scan-org`` and its
    ``report`` exit 2 when a repository was not scanned (the audit's
    fail-closed promise, docs/org-audit.md), and ``scan-org merge`` never
    exits 1: their --help said "0 done, 2 usage or input error", "2 usage
    or input error" and "1 findings"."""
    held = keys()
    (git_repo / '.gitignore').write_text('.env\n')
    (git_repo / '.env').write_text(f'TOGETHER_API_KEY={held}\n')
    (git_repo / 'app.py').write_text(f'KEY = "{held}"\n')
    for action in ('create', 'update'):
        r = run('together-hooks', 'baseline', action, cwd=git_repo)
        assert r.rc == 1 and 'not recorded app.py:1' in r.err, r.err
        codes = _codes(f'together-hooks baseline {action}')
        assert ', 1 written, but a copy of a key you hold was not recorded' in codes
    assert ', 1 ' in _codes('together-hooks baseline')
    # A baseline's entries of keys gone are dropped: not "keep every entry".
    baseline_help = ' '.join(dict(PARSERS)['together-hooks baseline'].format_help().split())
    assert 'keep every label and entry' not in baseline_help

    (git_repo / 'repos.txt').write_text(f'{git_repo / "not-a-repository"}\n')
    (git_repo / 'not-a-repository').mkdir()
    store = str(git_repo / 'audit.sqlite')
    r = run('together-hooks', 'scan-org', '--repos', 'repos.txt', '--store', store,
            '--cache-dir', str(git_repo / 'cache'), cwd=git_repo)
    assert r.rc == 2 and 'NOT SCANNED' in r.out, r.out + r.err
    assert run('together-hooks', 'scan-org', 'report', '--store', store, cwd=git_repo).rc == 2
    for prog in ('together-hooks scan-org', 'together-hooks scan-org report'):
        assert 'or a repository (or part of the listing) not scanned' in _codes(prog), prog
    merged = run('together-hooks', 'scan-org', 'merge', '--store', str(git_repo / 'all.sqlite'),
                 store, cwd=git_repo)
    assert merged.rc == 0, merged.err
    merge_codes = _codes('together-hooks scan-org merge')
    assert merge_codes.startswith('0 merged, 2 ') and ' 1 ' not in merge_codes


@pytest.mark.parametrize('argv', [
    ['together-hooks', '--', '--help'],
    ['together-hooks', 'baseline', '--', '--help'],
    ['together-hooks', 'scan-org', '--', '--help'],
])
def test_a_word_after_double_dash_is_the_one_named(argv):
    """``--`` ends the options: the word after it is the command asked for.
    argparse took ``--`` itself for the command ("invalid choice: '--'")."""
    said = usage_error(argv)
    assert said is not None and "invalid choice: '--help'" in said and "'--'" not in said, said
