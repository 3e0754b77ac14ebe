"""The developer's and the server's own git settings turned against the
gate (docs/hardening.md, "A user's git settings and environment"): a
global config and an environment we did not write, with every option
that changes what git prints, must leave every scan reading what it
reads under git's defaults (or fail with one line, exit 2).

What git prints on its standard output is what we parse: a trace sent
there (``GIT_TRACE=/dev/stdout``, a global ``trace2.eventTarget``) put
git's trace lines into the listings; ``scan`` read one as a file name and
passed an untracked key (exit 0), ``--staged`` and the env hooks failed.
The global pathspec switches (``GIT_ICASE_PATHSPECS`` and its kin) made
git refuse the pathspec magic we spell out: every env hook failed.
Real git, real processes, a real bare repository and its pre-receive hook.
"""
from __future__ import annotations

import os
import subprocess

import pytest

from tests.cli.pre_receive_test import install_gate
from tests.cli.pre_receive_test import remote_has
from tests.cli_run import run_in_process
from tests.cli_run import scan_in_process
from tests.conftest import git
from tests.conftest import write
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import run
from together_hooks.findings import hash_secret
from together_hooks.gitrun import pinned_env

# Every setting we found in `git help config` (git 2.39) that changes what
# git prints or how it reads an index or a path; a trace2 target
# (read from the global and system config only, never from `-c`) on
# standard output; `;` as the comment character (a `#` line of a message
# is kept).
HOSTILE = '''\
[core]
\tquotePath = true
\tabbrev = 7
\tcommentChar = ";"
\tautocrlf = true
\tsafecrlf = false
\tignoreCase = true
\tsplitIndex = true
\tuntrackedCache = true
\tbigFileThreshold = 1
\tattributesFile = {attributes}
\tpager = cat
[commit]
\tverbose = true
\tcleanup = whitespace
[diff]
\tnoprefix = true
\tmnemonicPrefix = true
\trelative = true
\texternal = /bin/true
\trenames = copies
\trenameLimit = 1
\tignoreSubmodules = all
\tsubmodule = diff
\twordRegex = .
\talgorithm = patience
\tsuppressBlankEmpty = true
\tcolorMoved = zebra
\tcontext = 0
[color]
\tui = always
\tdiff = always
\tstatus = always
[log]
\tshowSignature = true
\tdecorate = full
\tfollow = true
\tshowRoot = false
\tabbrevCommit = true
\tdate = relative
\tmailmap = true
\tdiffMerges = first-parent
[format]
\tpretty = oneline
[i18n]
\tlogOutputEncoding = UTF-16
[status]
\tshowUntrackedFiles = no
\trelativePaths = true
\tshort = true
[index]
\tskipHash = true
[feature]
\tmanyFiles = true
[submodule]
\trecurse = true
[notes]
\tdisplayRef = refs/notes/*
{trace}'''
TRACE2_TO_STDOUT = '[trace2]\n\teventTarget = /dev/stdout\n\tnormalTarget = /dev/stdout\n'
# The `-c` a shell's GIT_CONFIG_PARAMETERS or GIT_CONFIG_COUNT gives every
# git (a CI runner's, a wrapper's).
ENV_CONFIG = {
    'GIT_CONFIG_COUNT': '2',
    'GIT_CONFIG_KEY_0': 'color.ui', 'GIT_CONFIG_VALUE_0': 'always',
    'GIT_CONFIG_KEY_1': 'core.quotePath', 'GIT_CONFIG_VALUE_1': 'true',
    'GIT_CONFIG_PARAMETERS': "'log.showroot'='false' 'diff.noprefix'='true'",
}


def _hostile(tmp_path, trace: bool = True) -> dict[str, str]:
    """The environment of a developer whose global config is ``HOSTILE``
    (every file ``binary`` and ``-diff`` by their global attributes)."""
    attributes = tmp_path / 'attributes'
    attributes.write_text('* -diff\n* binary\n')
    config = tmp_path / ('hostile' if trace else 'hostile-no-trace')
    config.write_text(HOSTILE.format(attributes=attributes, trace=TRACE2_TO_STDOUT if trace else ''))
    return {'GIT_CONFIG_GLOBAL': str(config), **ENV_CONFIG}


def _git(repo, env, *args: str) -> None:
    """git as the developer runs it (its output is not read)."""
    subprocess.run(('git', *args), cwd=repo, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_a_hostile_global_config_hides_no_key(git_repo, tmp_path, keys, monkeypatch):
    key, hexkey = keys(), keys('hex')
    want = {hash_secret(key), hash_secret(hexkey)}
    write(git_repo, 'README', 'hello\n')
    git(git_repo, 'add', 'README')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'first')
    base = git(git_repo, 'rev-parse', 'HEAD').strip()
    env = {**clean_env(), **_hostile(tmp_path)}
    write(git_repo, 'app.py', f'TOGETHER_API_KEY = "{key}"\ntogether_key = "{hexkey}"\n')
    _git(git_repo, env, 'add', 'app.py')  # the index written as the config says
    for name, value in _hostile(tmp_path).items():
        monkeypatch.setenv(name, value)

    staged = scan_in_process('--staged', '--format', 'json', cwd=git_repo)
    assert staged.rc == 1 and {f[3] for f in staged.found()} == want, staged.err
    _git(git_repo, env, 'commit', '-q', '--no-verify', '-m', 'add')
    for args in (('--diff', f'{base}...HEAD'), ('--history',)):
        result = scan_in_process(*args, '--format', 'json', cwd=git_repo)
        assert result.rc == 1 and {f[3] for f in result.found()} == want, (args, result.err)

    # The server's own settings too (its repository config; a trace on
    # its stdout would break git's own protocol, so none there).
    server = bare(tmp_path / 'server.git')
    install_gate(server)
    with open(os.path.join(server, 'config'), 'a') as f:
        f.write(HOSTILE.format(attributes=tmp_path / 'attributes', trace=''))
    git(git_repo, 'remote', 'add', 'origin', server)
    monkeypatch.undo()
    rc, out = run(git_repo, {**clean_env(), **_hostile(tmp_path, trace=False)},
                  'git', 'push', '--no-verify', 'origin', 'main')
    assert rc != 0 and all(h in out for h in want), out
    assert remote_has(server, 'refs/heads/main') == ''


@pytest.mark.parametrize('trace', [
    {'GIT_TRACE': '/dev/stdout'},
    {'GIT_TRACE2_EVENT': '/dev/fd/1'},
    {'GIT_TRACE_SETUP': '/proc/self/fd/1'},
    {'GIT_TRACE_PERFORMANCE': 'LINK'},  # a link to /dev/stdout
])
def test_a_trace_on_stdout_is_never_read_as_a_listing(git_repo, tmp_path, keys, monkeypatch, trace):
    """An untracked file with a key: ``scan`` passed it, exit 0 (its name
    read from a listing that began with git's trace line)."""
    key = keys()
    write(git_repo, 'notes.txt', f'together key {key}\n')
    (tmp_path / 'LINK').symlink_to('/dev/stdout')
    for name, value in trace.items():
        monkeypatch.setenv(name, str(tmp_path / 'LINK') if value == 'LINK' else value)
    result = scan_in_process('--format', 'json', cwd=git_repo)
    assert result.rc == 1 and [f[0] for f in result.found()] == ['notes.txt'], result.err


@pytest.mark.parametrize('switch', [
    'GIT_LITERAL_PATHSPECS', 'GIT_GLOB_PATHSPECS', 'GIT_NOGLOB_PATHSPECS', 'GIT_ICASE_PATHSPECS',
])
def test_global_pathspec_switches_leave_the_env_hooks_working(git_repo, monkeypatch, switch):
    """The hooks spell out their pathspecs' magic (``:(literal)``,
    ``:(glob,icase)``); under a global switch git refused them ("pathspec
    magic not supported"): each hook failed, exit 2."""
    write(git_repo, '.gitignore', '.env\n.env.*\n!.env.example\n')
    git(git_repo, 'add', '.gitignore')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'ignore')
    monkeypatch.setenv(switch, '1')
    ignored = run_in_process('check-env-gitignored', cwd=git_repo)
    assert (ignored.rc, ignored.out, ignored.err) == (0, '', ''), ignored.err
    write(git_repo, '.env', 'DEBUG=1\n')
    git(git_repo, 'add', '-f', '.env')
    refused = run_in_process('forbid-env-files', '.env', cwd=git_repo)
    assert refused.rc == 1 and '.env' in refused.out + refused.err, refused.err


def test_pinned_env_keeps_a_trace_to_a_file_and_nothing_else(tmp_path):
    (tmp_path / 'dev').symlink_to('/dev')
    (tmp_path / 'out').symlink_to('/proc/self/fd/1')
    given = {
        'GIT_TRACE': str(tmp_path / 'trace.log'),  # a user's, a test's: kept
        'GIT_TRACE_PACKET': str(tmp_path / 'dev' / 'stdout'),
        'GIT_TRACE_SETUP': str(tmp_path / 'out'),
        'GIT_TRACE2_EVENT': '1',  # stderr
        'GIT_TRACE_REDACT': '0',  # a setting, not a target
        'GIT_ICASE_PATHSPECS': '1',
        'HOME': '/nowhere',
    }
    assert pinned_env(given) == {
        'GIT_TRACE': str(tmp_path / 'trace.log'),
        'GIT_TRACE_PACKET': '0',
        'GIT_TRACE_SETUP': '0',
        'GIT_TRACE2_EVENT': '1',
        'GIT_TRACE2': '0',  # over a config's trace2.normalTarget
        'GIT_TRACE2_PERF': '0',
        'GIT_TRACE_REDACT': '0',
        'HOME': '/nowhere',
    }


@pytest.mark.parametrize('name', ['.env.example', '.envrc'])
def test_a_template_whose_clean_filter_stores_a_key_is_refused(git_repo, tmp_path, keys, name):
    """A ``filter.*.clean`` of the developer's config (``.gitattributes``
    names it) turns the placeholder the file shows into the key the blob
    stores: forbid-env-files read the file and passed it, exit 0 (the key
    hook reads the blob; a repository that runs this hook alone did not)."""
    key = keys()
    clean = tmp_path / 'clean.sh'
    clean.write_text(f'#!/bin/sh\nsed "s/PLACEHOLDER/{key}/"\n')
    clean.chmod(0o755)
    git(git_repo, 'config', 'filter.fill.clean', str(clean))
    write(git_repo, '.gitattributes', f'{name} filter=fill\n')
    write(git_repo, name, 'TOGETHER_API_KEY=PLACEHOLDER\n')
    git(git_repo, 'add', '.gitattributes', name)
    assert key in git(git_repo, 'cat-file', 'blob', f':{name}')  # what the commit stores
    result = run_in_process('forbid-env-files', name, cwd=git_repo)
    assert result.rc == 1 and hash_secret(key) in result.out + result.err, result.err
    assert (result.out + result.err).count(hash_secret(key)) == 1


def test_an_ignore_rule_is_judged_as_every_clone_reads_it(git_repo):
    """``core.ignoreCase=true`` (macOS's ``git init`` writes it; here the
    developer's config) makes a ``.ENV`` rule ignore ``.env``: the hook
    passed, exit 0, while a teammate's case-sensitive clone commits
    ``.env``."""
    write(git_repo, '.gitignore', '.ENV\n.ENV.*\n!.env.example\n')
    git(git_repo, 'add', '.gitignore')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'ignore')
    git(git_repo, 'config', 'core.ignoreCase', 'true')
    result = run_in_process('check-env-gitignored', cwd=git_repo)
    assert result.rc == 1 and 'add `.env` to .gitignore' in result.out + result.err, result.err
    write(git_repo, '.gitignore', '.env\n.env.*\n!.env.example\n')
    git(git_repo, 'add', '.gitignore')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'ignore')
    fixed = run_in_process('check-env-gitignored', cwd=git_repo)
    assert (fixed.rc, fixed.out, fixed.err) == (0, '', '')
