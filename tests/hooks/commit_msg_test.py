"""A key typed into a commit message passed every commit hook (only a
push found it, after the commit, so a rebase to take it out): in git's
``commit-msg`` stage the hook now reads the message before it is a
commit.  Real git, the real pre-commit; the tests of what the stage
reads of a message typed with nothing keyed staged run the hook as git's
own ``commit-msg`` hook, as pre-commit runs it there (``message_hook``)."""
from __future__ import annotations

import os
import sys

import pytest

from tests.conftest import git
from tests.conftest import write
from tests.gitplay import BIN
from tests.gitplay import commit
from tests.gitplay import install
from tests.gitplay import local_hooks_config
from tests.gitplay import manifest
from tests.gitplay import run
from together_hooks.findings import hash_secret


@pytest.fixture
def committing(git_repo, repo_templates):
    """The hook installed for the pre-commit and commit-msg stages by the
    real pre-commit (once a session: tests/gitplay.Templates)."""
    def build(repo):
        config = local_hooks_config(('detect-together-keys', manifest('detect-together-keys')))
        write(repo, '.pre-commit-config.yaml', config.replace(
            '[pre-commit, pre-push]', '[pre-commit, commit-msg]'))
        write(repo, '.together-hooks.toml', 'exclude = ["fixtures/*"]\n')
        install(repo, repo_templates.env)
        commit(repo, 'config')
    return repo_templates.into(git_repo, 'commit-msg-committing', build)


@pytest.fixture
def message_hook(git_repo, repo_templates):
    """The same repository, the hook git's ``commit-msg`` hook itself, run
    as pre-commit runs it in that stage (``PRE_COMMIT=1``, the message
    file git names its one argument), with no pre-commit start (two a
    commit under ``committing``, ~0.13 CPU-s each, over ten times the hook's
    own): for what the stage reads of a message where nothing staged
    holds a key.  ``committing``'s tests hold pre-commit's wiring of the
    same stage (and of the pre-commit stage beside it)."""
    import shlex

    def build(repo):
        config = local_hooks_config(('detect-together-keys', manifest('detect-together-keys')))
        write(repo, '.pre-commit-config.yaml', config.replace(
            '[pre-commit, pre-push]', '[pre-commit, commit-msg]'))
        write(repo, '.together-hooks.toml', 'exclude = ["fixtures/*"]\n')
        hook = repo / '.git' / 'hooks' / 'commit-msg'
        hook.write_text(
            '#!/bin/sh\nPRE_COMMIT=1 exec '
            f'{shlex.quote(os.path.join(BIN, "detect-together-keys"))} "$1"\n')
        hook.chmod(0o755)
        commit(repo, 'config')
    return repo_templates.into(git_repo, 'commit-msg-message-hook', build)


def test_a_key_in_the_commit_message_is_refused_before_it_is_a_commit(
        git_repo, committing, keys):
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    git(git_repo, 'add', 'a.py')
    rc, out = run(git_repo, committing, 'git', 'commit', '-q', '-m', f'deploy with {key}')
    assert rc == 1, out
    assert hash_secret(key) in out and '<commit message>' in out, out
    assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '1'
    # (a subject retiring the key names no hash below it when it pastes
    # the new one after a colon)
    old = keys('hex')
    rc, out = run(git_repo, committing, 'git', 'commit', '-q', '-m', f'Rotate together key: {old}')
    assert rc == 1 and hash_secret(old) in out, out
    rc, out = run(git_repo, committing, 'git', 'commit', '-q', '-m', 'deploy')
    assert rc == 0, out


def test_a_key_typed_into_the_commit_is_told_what_works(git_repo, message_hook, keys):
    """The advice for a key in the message (or the author) named an allow
    comment, only more text there, and ``baseline update``, which records
    files: following either, the commit was refused again. It names what
    works: the message again without the key (git kept it), the author
    set without it, or the key's hashed_secret in the config's ``allow``."""
    key = keys()
    rc, out = run(git_repo, message_hook, 'git', 'commit', '-q', '--allow-empty',
                  '-m', f'deploy with {key}  # pragma: allowlist secret')
    assert rc == 1, out
    allow = f'allow = ["{hash_secret(key)}"]'
    assert allow in out and 'git rev-parse --git-path COMMIT_EDITMSG' in out, out
    for wrong in ('allowlist secret', 'baseline create', 'baseline update', 'out of the file'):
        assert wrong not in out, out
    assert 'deploy with' in (git_repo / '.git' / 'COMMIT_EDITMSG').read_text()
    # The summary counts the message as what it is, not as a file.
    assert 'found in 1 other place(s) (commit message).' in out and 'file(s)' not in out, out
    git(git_repo, 'config', 'user.name', f'ci {key}')
    rc, out = run(git_repo, message_hook, 'git', 'commit', '-q', '--allow-empty', '-m', 'deploy')
    git(git_repo, 'config', 'user.name', 'ci')
    assert rc == 1 and allow in out and 'set the name and email without it' in out, out
    assert 'allowlist secret' not in out and 'baseline update' not in out, out
    write(git_repo, '.together-hooks.toml', f'exclude = ["fixtures/*"]\n{allow}\n')
    rc, out = run(git_repo, message_hook, 'git', 'commit', '-q', '--allow-empty', '-m', f'deploy with {key}')
    assert rc == 0, out


def test_the_diff_git_commit_v_shows_below_the_scissors_is_not_the_message(
        git_repo, committing, keys):
    """``git commit -v`` puts the staged diff below a scissors line in the
    message file; git drops it, and a key there is the pre-commit stage's
    (here: a path the config file excludes)."""
    key = keys()
    write(git_repo, 'fixtures/k.py', f'K = "{key}"\n')
    git(git_repo, 'add', 'fixtures/k.py')
    env = dict(committing, GIT_EDITOR='true')
    rc, out = run(git_repo, env, 'git', 'commit', '-q', '-v', '-e', '-m', 'fixture')
    assert rc == 0, out
    assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '2'


def test_the_manifest_runs_the_hook_in_the_commit_msg_stage():
    """The local hooks above take every stage; users' pre-commit takes the
    stages the manifest publishes."""
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with open(os.path.join(here, '.pre-commit-hooks.yaml'), encoding='utf-8') as f:
        block = f.read().split('-   id: detect-together-keys\n', 1)[1].split('\n-   id:', 1)[0]
    stages = [ln for ln in block.splitlines() if ln.strip().startswith('stages:')]
    assert stages and 'commit-msg' in stages[0]


SCISSORS = '------------------------ >8 ------------------------'


@pytest.mark.parametrize('prefix', ['#', ';'])
def test_a_scissors_line_git_does_not_cut_at_is_read_past(
        git_repo, message_hook, keys, prefix):
    """git drops what follows a scissors line only under ``-v`` or
    ``--cleanup=scissors``, at its own comment character: a scissors line
    typed into ``-m`` stays in the commit, and so does the key below it."""
    key = keys()
    message = f'subject\n{prefix} {SCISSORS}\nTOGETHER_API_KEY={key}\n'
    rc, out = run(git_repo, message_hook, 'git', 'commit', '-q', '--allow-empty', '-m', message)
    assert rc == 1 and hash_secret(key) in out and '<commit message>' in out, out
    assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '1'


def test_a_scissors_line_typed_in_the_editor_is_read_past(
        git_repo, message_hook, keys, tmp_path):
    """The editor's default cleanup (strip) keeps what follows a scissors
    line that is not git's own (no ``-v``)."""
    key = keys()
    script = tmp_path / 'editor.sh'
    script.write_text(
        '#!/bin/sh\nprintf "subject\\n# %s\\nTOGETHER_API_KEY=%s\\n" "$SCISSORS" "$KEY" > "$1"\n')
    script.chmod(0o755)
    env = dict(message_hook, GIT_EDITOR=str(script), SCISSORS=SCISSORS, KEY=key)
    rc, out = run(git_repo, env, 'git', 'commit', '-q', '--allow-empty')
    assert rc == 1 and hash_secret(key) in out, out
    assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '1'


def test_git_commit_v_of_a_clean_change_passes(git_repo, message_hook, tmp_path):
    """git's own scissors block (``git commit -v``, here under
    ``core.commentChar`` ``;`` and ``auto`` too): the staged diff below it is not the message,
    also where it removes a key (``-`` lines)."""
    script = tmp_path / 'editor.sh'
    script.write_text('#!/bin/sh\n{ echo "tidy"; cat "$1"; } > "$1.new" && mv "$1.new" "$1"\n')
    script.chmod(0o755)
    write(git_repo, 'a.py', 'x = 1\n')
    env = dict(message_hook, GIT_EDITOR=str(script))
    for char in ('#', ';', 'auto'):
        write(git_repo, 'a.py', f'x = "{char}"\n')
        git(git_repo, 'add', 'a.py')
        rc, out = run(git_repo, env, 'git', '-c', f'core.commentChar={char}', 'commit', '-q', '-v')
        assert rc == 0, out
        assert git(git_repo, 'log', '-1', '--format=%B').strip() == 'tidy'
    write(git_repo, 'a.py', 'x = 2\n')  # ``-v -v``: the unstaged diff too
    git(git_repo, 'add', 'a.py')
    write(git_repo, 'a.py', 'x = 3\n')
    rc, out = run(git_repo, env, 'git', 'commit', '-q', '-v', '-v')
    assert rc == 0, out


def test_a_key_below_git_own_scissors_is_the_pre_commit_stage_s(
        git_repo, committing, keys, tmp_path):
    """A key in the staged diff that ``git commit -v`` shows below its
    scissors block is not in the message (git drops it): this stage passes
    it, the ``pre-commit`` stage reports the file (here a path the config
    excludes, so the commit goes through with the key only in the file)."""
    key = keys()
    write(git_repo, 'fixtures/k.py', f'K = "{key}"\n')
    git(git_repo, 'add', 'fixtures/k.py')
    script = tmp_path / 'editor.sh'
    script.write_text('#!/bin/sh\n{ echo "fixture"; cat "$1"; } > "$1.new" && mv "$1.new" "$1"\n')
    script.chmod(0o755)
    rc, out = run(git_repo, dict(committing, GIT_EDITOR=str(script)), 'git', 'commit', '-q', '-v')
    assert rc == 0, out
    assert git(git_repo, 'log', '-1', '--format=%B').strip() == 'fixture'


def test_a_comment_line_with_a_key_is_refused_though_git_strips_it(git_repo, message_hook, keys):
    """Fail-closed: the hook does not redo git's cleanup; a key on a
    comment line ``--cleanup=strip`` would drop is refused too."""
    key = keys()
    rc, out = run(git_repo, message_hook, 'git', 'commit', '-q', '--allow-empty',
                  '--cleanup=strip', '-m', f's\n# {key}')
    assert rc == 1 and hash_secret(key) in out, out


def test_git_commit_v_taking_a_key_out_passes(git_repo, committing, keys, tmp_path):
    """The commit that removes a leaked key: ``git commit -v`` shows it as
    a ``-`` line of the staged diff, below git's scissors block."""
    key = keys()
    write(git_repo, 'k.py', f'K = "{key}"\n')
    commit(git_repo, 'leak')
    write(git_repo, 'k.py', 'K = None\n')
    git(git_repo, 'add', 'k.py')
    script = tmp_path / 'editor.sh'
    script.write_text('#!/bin/sh\n{ echo "unleak"; cat "$1"; } > "$1.new" && mv "$1.new" "$1"\n')
    script.chmod(0o755)
    rc, out = run(git_repo, dict(committing, GIT_EDITOR=str(script)), 'git', 'commit', '-q', '-v')
    assert rc == 0, out
    assert git(git_repo, 'log', '-1', '--format=%B').strip() == 'unleak'


GIT_BLOCK = (f'# {SCISSORS}\n# Do not modify or remove the line above.\n'
             '# Everything below it will be ignored.\n')


@pytest.mark.parametrize('args', [
    ['commit', '-m'],  # cleanup whitespace: git keeps every line
    ['commit', '--cleanup=verbatim', '-m'],
    ['commit', '--cleanup=scissors', '-m'],  # scissors cuts only with the editor
    ['-c', 'commit.cleanup=scissors', 'commit', '-m'],
    ['commit', '-v', '--no-verbose', '-m'],
    ['-c', 'commit.verbose=true', 'commit', '--no-verbose', '-m'],
])
def test_git_own_scissors_block_in_a_message_git_keeps_is_read_past(
        git_repo, message_hook, keys, args):
    """A message holding git's exact scissors block (and a diff header
    below it) given where git does not cut: git stores what follows it,
    so the key there is refused (the hook read the block as git's and cut)."""
    key = keys()
    message = f'subject\n{GIT_BLOCK}diff --git a/x b/x\nTOGETHER_API_KEY={key}\n'
    rc, out = run(git_repo, message_hook, 'git', *args[:-1], '-q', '--allow-empty', '-m', message)
    assert rc == 1 and hash_secret(key) in out and '<commit message>' in out, out
    assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '1'


@pytest.mark.parametrize('args', [
    ['commit', '-v'],
    ['commit', '-qv'],
    ['commit', '--verb'],
    ['commit', '--cleanup=verbatim', '-v'],
    ['-c', 'commit.verbose=true', 'commit'],
    ['-c', 'commit.verbose=2', 'commit'],
    ['-c', 'alias.ci=commit -v', 'ci'],
])
def test_a_message_git_cuts_at_a_scissors_line_is_read_up_to_it(
        git_repo, message_hook, keys, args):
    """Verbose (``-v``, bundled, abbreviated, ``commit.verbose``, through
    an alias): git cuts at the first scissors line, so what follows is not
    stored (a ``-`` line of a diff that takes a key out, say)."""
    key = keys()
    message = f'subject\n# {SCISSORS}\n-TOGETHER_API_KEY={key}\n'
    rc, out = run(git_repo, message_hook, 'git', *args, '-q', '--allow-empty', '-m', message)
    assert rc == 0, out
    assert git(git_repo, 'log', '-1', '--format=%B').strip() == 'subject'


def test_cleanup_scissors_with_the_editor_cuts(git_repo, message_hook, keys, tmp_path):
    """``--cleanup=scissors`` and the editor: git cuts at its own block."""
    key = keys()
    script = tmp_path / 'editor.sh'
    script.write_text('#!/bin/sh\n{ echo "tidy"; cat "$1"; echo "-K=$KEY"; } > "$1.new" && mv "$1.new" "$1"\n')
    script.chmod(0o755)
    env = dict(message_hook, GIT_EDITOR=str(script), KEY=key)
    rc, out = run(git_repo, env, 'git', 'commit', '-q', '--allow-empty', '--cleanup=scissors')
    assert rc == 0, out
    assert git(git_repo, 'log', '-1', '--format=%B').strip() == 'tidy'


@pytest.mark.parametrize('config, end', [
    ([], 'cut at #'),
    (['core.commentChar', ';'], 'cut at ;'),
    (['core.commentString', ';'], 'cut at ;'),  # git 2.45+ cuts at ;, older git at #: the later
    (['core.commentChar', 'auto'], 'whole'),  # no block of git's own: not known
])
def test_where_a_verbose_commit_s_message_is_cut(git_repo, config, end):
    """The cut is never before git's: ``core.commentString`` (git 2.45)
    is read too, and where git's comment character is not certain the
    message is read up to the latest candidate's scissors line."""
    from together_hooks.sources.message import message_end

    if config:
        git(git_repo, 'config', *config)
    data = f's\n# {SCISSORS}\nA\n; {SCISSORS}\nB\n'.encode()
    expected = {'cut at #': 2, 'cut at ;': data.index(b'\n;') + 1, 'whole': len(data)}[end]
    assert message_end(data, True) == expected
    assert message_end(data, False) == len(data)
    if config == ['core.commentChar', 'auto']:  # git's own block below: the latest cut
        assert message_end(data, True, own_block=True) == data.index(b'\n;') + 1


def _semi_block() -> str:
    return (f'; {SCISSORS}\n; Do not modify or remove the line above.\n'
            '; Everything below it will be ignored.\n')


@pytest.mark.parametrize('pre, args, editor, char', [
    # --no-cleanup (abbreviated too) is git's default cleanup, not scissors
    ([], ['--cleanup=scissors', '--no-cleanup', '-e'], 'true', '#'),
    (['-c', 'commit.cleanup=scissors'], ['--no-cleanup', '-e'], 'true', '#'),
    (['-c', 'commit.cleanup=scissors'], ['--no-cl', '-e'], 'true', '#'),
    # an option the hook does not know: the whole message is read
    (['-c', 'commit.cleanup=scissors'], ['--no-template', '-e'], 'true', '#'),
    # core.commentChar=auto: git picks # for a message with no #, so a
    # typed ; block is the message's, whatever the hook saw
    (['-c', 'core.commentChar=auto'], ['-v'], None, ';'),
    (['-c', 'core.commentChar=auto', '-c', 'commit.verbose=true'], [], None, ';'),
    (['-c', 'core.commentChar=auto'], ['-v', '-e', '--no-status'], 'true', ';'),
    # an alias's quotes: -m "x -v" is a message, not -v
    (['-c', 'alias.ci=commit -m "x -v"'], [], None, '#'),
])
def test_a_scissors_line_git_keeps_is_read_past(
        git_repo, message_hook, keys, pre, args, editor, char):
    """Where git does not cut at the message's scissors line (options
    that undo the cut, ``core.commentChar=auto``, an alias's quoting), the
    key below it is stored by git: refused (the hook cut there).  An
    option the hook does not know: it cannot tell, and reads it all."""
    key = keys()
    block = GIT_BLOCK if char == '#' else _semi_block()
    message = f'subject\n{block}TOGETHER_API_KEY={key}\n'
    env = dict(message_hook, GIT_EDITOR=editor) if editor else message_hook
    command = 'ci' if any(p.startswith('alias.') for p in pre) else 'commit'
    rc, out = run(git_repo, env, 'git', *pre, command, *args, '-q', '--allow-empty', '-m', message)
    assert rc == 1 and hash_secret(key) in out and '<commit message>' in out, out
    assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '1'


def test_end_of_options_ends_the_options_like_a_double_dash(git_repo, committing, keys):
    """``--end-of-options -v``: ``-v`` is a path, the commit is not
    verbose and git keeps what follows the scissors line."""
    key = keys()
    write(git_repo, '-v', 'x\n')
    git(git_repo, 'add', '--', '-v')
    message = f'subject\n{GIT_BLOCK}TOGETHER_API_KEY={key}\n'
    rc, out = run(git_repo, committing, 'git', 'commit', '-q', '-m', message, '--end-of-options', '-v')
    assert rc == 1 and hash_secret(key) in out, out
    assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '1'


@pytest.mark.parametrize('pre', [
    ['-c', 'core.commentChar=auto'],
    ['-c', 'core.commentChar=auto', '-c', 'commit.cleanup=scissors'],
])
def test_auto_comment_char_with_a_typed_block_above_git_s_own(
        git_repo, message_hook, keys, tmp_path, pre):
    """The editor types a ``;`` block and a key above git's own ``#``
    block: git cuts at ``#``, after the key."""
    key = keys()
    script = tmp_path / 'editor.sh'
    script.write_text(
        '#!/bin/sh\n{ echo "tidy"; printf "; %s\\n; Do not modify or remove the line above.\\n'
        '; Everything below it will be ignored.\\nK=$KEY\\n" "$S"; cat "$1"; } > "$1.n" && mv "$1.n" "$1"\n')
    script.chmod(0o755)
    env = dict(message_hook, GIT_EDITOR=str(script), KEY=key, S=SCISSORS)
    rc, out = run(git_repo, env, 'git', *pre, 'commit', '-q', '-v', '--allow-empty')
    assert rc == 1 and hash_secret(key) in out, out
    assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '1'


def test_auto_comment_char_verbose_commit_taking_a_key_out_passes(
        git_repo, committing, keys, tmp_path):
    """``core.commentChar=auto`` and ``git commit -v`` in the editor: git
    writes its own block, the cut is at it, the diff's ``-`` key line is
    not the message."""
    key = keys()
    write(git_repo, 'k.py', f'K = "{key}"\n')
    commit(git_repo, 'leak')
    write(git_repo, 'k.py', 'K = None\n')
    git(git_repo, 'add', 'k.py')
    script = tmp_path / 'editor.sh'
    script.write_text('#!/bin/sh\n{ echo "unleak"; cat "$1"; } > "$1.new" && mv "$1.new" "$1"\n')
    script.chmod(0o755)
    rc, out = run(git_repo, dict(committing, GIT_EDITOR=str(script)),
                  'git', '-c', 'core.commentChar=auto', 'commit', '-q', '-v')
    assert rc == 0, out
    assert git(git_repo, 'log', '-1', '--format=%B').strip() == 'unleak'


# ------------------------------------------- where /proc cannot be read

def _no_proc_entry(repo, name: str):
    """An entry script ``name`` beside ``repo`` running detect-together-keys
    in a process that cannot read its ancestors (``/proc`` missing, as on
    macOS), and the repository's pre-commit config running it at
    commit-msg; the script's path."""
    entry = repo.parent / name
    entry.write_text(
        f'#!{sys.executable}\nimport sys\n'
        'from together_hooks import proc\n'
        f'proc.PROC = {str(repo.parent / "no-proc")!r}\n'
        'from together_hooks.hooks.detect_together_keys import main\n'
        'sys.exit(main())\n')
    entry.chmod(0o755)
    config = local_hooks_config(('detect-together-keys', manifest('detect-together-keys')))
    config = config.replace('[pre-commit, pre-push]', '[pre-commit, commit-msg]')
    config = config.replace(os.path.join(BIN, 'detect-together-keys'), str(entry))
    write(repo, '.pre-commit-config.yaml', config)
    return entry


@pytest.fixture
def committing_without_proc(git_repo, repo_templates):
    """The commit-msg hook run by the real pre-commit, in a process that
    cannot read its ancestors (``/proc`` missing, as on macOS): the
    running ``git commit``'s arguments are unknown.  Installed once a
    session (tests/gitplay.Templates), the entry script beside it."""
    def build(repo):
        _no_proc_entry(repo, 'detect-together-keys-no-proc')
        install(repo, repo_templates.env)
        commit(repo, 'config')
    return repo_templates.into(git_repo, 'commit-msg-without-proc', build)


@pytest.fixture
def message_hook_without_proc(git_repo, repo_templates):
    """``committing_without_proc``'s entry script as git's own
    ``commit-msg`` hook, run as pre-commit runs it there
    (``message_hook``): for a message typed with nothing keyed staged."""
    import shlex

    def build(repo):
        entry = _no_proc_entry(repo, 'detect-together-keys-no-proc-hook')
        hook = repo / '.git' / 'hooks' / 'commit-msg'
        hook.write_text(f'#!/bin/sh\nPRE_COMMIT=1 exec {shlex.quote(str(entry))} "$1"\n')
        hook.chmod(0o755)
        commit(repo, 'config')
    return repo_templates.into(git_repo, 'commit-msg-message-hook-without-proc', build)


def _editor(tmp_path, subject: str) -> str:
    script = tmp_path / 'editor.sh'
    script.write_text(f'#!/bin/sh\n{{ echo "{subject}"; cat "$1"; }} > "$1.new" && mv "$1.new" "$1"\n')
    script.chmod(0o755)
    return str(script)


@pytest.mark.parametrize('amend', [False, True])
def test_without_proc_git_commit_v_taking_a_key_out_passes(
        git_repo, committing_without_proc, keys, tmp_path, amend):
    """Without ``/proc`` the hook scanned the whole file, so the commit
    that takes a leaked key out with ``git commit -v`` was refused for the
    ``-`` line of git's own diff below its scissors block.  That block is
    now recognised by its content: the staged diff, byte for byte."""
    key = keys()
    write(git_repo, 'k.py', f'K = "{key}"\nx = 1\n')
    commit(git_repo, 'leak')
    if amend:
        write(git_repo, 'other.py', 'y = 2\n')
        commit(git_repo, 'other')
    write(git_repo, 'k.py', 'K = None\nx = 1\n')
    git(git_repo, 'add', 'k.py')
    env = dict(committing_without_proc, GIT_EDITOR=_editor(tmp_path, 'unleak'))
    args = ('--amend',) if amend else ()
    rc, out = run(git_repo, env, 'git', 'commit', '-q', '-v', *args)
    assert rc == 0, out
    assert git(git_repo, 'log', '-1', '--format=%B').strip() == ('unleak\nother' if amend else 'unleak')
    if amend:
        return  # what follows is a commit, not an amend: the same in both cases
    # A key typed above git's block is still the message's.
    write(git_repo, 'k.py', 'K = 0\nx = 1\n')
    git(git_repo, 'add', 'k.py')
    other = keys()
    env = dict(committing_without_proc, GIT_EDITOR=_editor(tmp_path, f'token {other}'))
    rc, out = run(git_repo, env, 'git', 'commit', '-q', '-v')
    assert rc == 1 and hash_secret(other) in out and '<commit message>' in out, out


def test_without_proc_a_typed_scissors_block_git_keeps_is_read_past(
        git_repo, message_hook_without_proc, keys):
    """git's block typed into ``-m`` with something other than the staged
    diff below it: git keeps it all, and the key there is refused."""
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    git(git_repo, 'add', 'a.py')
    staged = git(git_repo, 'diff', '--cached', '--no-ext-diff', '--no-color')
    for below in (f'diff --git a/x b/x\nTOGETHER_API_KEY={key}\n',
                  f'{staged}TOGETHER_API_KEY={key}\n'):
        message = f'subject\n{GIT_BLOCK}{below}'
        rc, out = run(git_repo, message_hook_without_proc, 'git', 'commit', '-q', '-m', message)
        assert rc == 1 and hash_secret(key) in out and '<commit message>' in out, out
        assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '1'


# ------------- comment lines below a scissors line git keeps (fixgate #1)

def _key_comment_message(key: str) -> str:
    return f'm\n\n# {SCISSORS}\n# TOGETHER_API_KEY={key}\n'


@pytest.mark.parametrize('strategy', [(), ('-s', 'ours')])
def test_git_merge_with_a_key_on_a_comment_line_below_a_scissors_line_is_refused(
        git_repo, message_hook, keys, strategy):
    """``git merge`` runs commit-msg with arguments the hook cannot read as
    ``git commit``'s: the block below a scissors line was taken for git's
    own verbose block and its comment lines skipped unread, so the key
    reached the merge commit.  ``-s ours`` makes the staged diff empty,
    which must not make the typed block git's."""
    git(git_repo, 'checkout', '-q', '-b', 'o')
    write(git_repo, 'o.py', 'o = 1\n')
    commit(git_repo, 'o')
    git(git_repo, 'checkout', '-q', '-')
    write(git_repo, 'main.py', 'm = 1\n')
    commit(git_repo, 'main')
    key = keys()
    rc, out = run(git_repo, message_hook, 'git', 'merge', '-q', '--no-ff', *strategy,
                  '-m', _key_comment_message(key), 'o')
    assert rc != 0 and hash_secret(key) in out and '<commit message>' in out, out
    assert key not in git(git_repo, 'log', '--all', '--format=%B')


def test_without_proc_a_key_on_a_comment_line_below_a_scissors_line_is_refused(
        git_repo, message_hook_without_proc, keys, tmp_path):
    """Without ``/proc``: ``-F`` with a key on a comment line below a
    scissors line (nothing staged), and the same with the exact staged
    diff below it: only the diff is git's, the lines above it are read."""
    key = keys()
    message = tmp_path / 'msg'
    message.write_text(_key_comment_message(key))
    rc, out = run(git_repo, message_hook_without_proc, 'git', 'commit', '-q', '--allow-empty',
                  '-F', str(message))
    assert rc == 1 and hash_secret(key) in out and '<commit message>' in out, out
    write(git_repo, 'a.py', 'x = 1\n')
    git(git_repo, 'add', 'a.py')
    staged = git(git_repo, 'diff', '--cached', '--no-ext-diff', '--no-color')
    message.write_text(_key_comment_message(key) + staged)
    rc, out = run(git_repo, message_hook_without_proc, 'git', 'commit', '-q', '-F', str(message))
    assert rc == 1 and hash_secret(key) in out and '<commit message>' in out, out
    assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '1'


@pytest.mark.parametrize('how', ['--author', 'config', 'committer-env'])
def test_a_key_in_the_author_or_committer_is_refused_before_it_is_a_commit(
        git_repo, committing, keys, how):
    """The author and committer are in the commit like its message: a key
    typed as a name or an email (``--author``, ``-c user.name``, git's
    ``GIT_COMMITTER_*``) was refused only at the push."""
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    git(git_repo, 'add', 'a.py')
    env, cmd = dict(committing), ['git', 'commit', '-q', '-m', 'deploy']
    if how == '--author':
        cmd.append(f'--author=Dev <{key}@example.com>')
    elif how == 'config':
        cmd[1:1] = ['-c', f'user.name={key}']
    else:
        env['GIT_COMMITTER_EMAIL'] = f'{key}@example.com'
    rc, out = run(git_repo, env, *cmd)
    assert rc == 1, out
    assert hash_secret(key) in out and '<commit header>' in out, out
    assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '1'
    if how != '--author':
        return  # what follows is the same whichever way the key came in
    # (a retiring subject is the message test's, above: not again here)
    rc, out = run(git_repo, committing, 'git', 'commit', '-q', '-m', 'deploy')
    assert rc == 0, out
    # An amend keeps the author it had: a clean commit amended stays clean.
    rc, out = run(git_repo, committing, 'git', 'commit', '-q', '--amend', '-m', 'deploy 2')
    assert rc == 0, out


def test_a_message_in_the_configured_commit_encoding_is_read_as_git_shows_it(
        git_repo, message_hook, keys, tmp_path):
    """Red team, session 21: ``i18n.commitEncoding=IBM1047`` (a mainframe
    team's, or IBM930): git stores the message's bytes as typed, under an
    ``encoding`` header, and ``git log`` shows the key; the commit-msg
    stage read the bytes alone and passed it.  Both code pages in one
    commit's message (the hook reads it in the encoding configured)."""
    import subprocess

    key, other = keys(), keys()
    message = tmp_path / 'message'
    write(git_repo, 'a.py', 'x = 1\n')
    git(git_repo, 'add', 'a.py')
    for encoding, held in (('IBM1047', key), ('IBM930', other)):
        message.write_bytes(subprocess.run(
            ('iconv', '-f', 'UTF-8', '-t', encoding), check=True, capture_output=True,
            input=f'deploy\n\nTOGETHER_API_KEY={held}\n'.encode()).stdout)
        rc, out = run(git_repo, message_hook, 'git', '-c', f'i18n.commitEncoding={encoding}',
                      'commit', '-q', '-F', str(message))
        assert rc == 1 and hash_secret(held) in out and '<commit message>' in out, out
    assert git(git_repo, 'rev-list', '--count', 'HEAD').strip() == '1'
    rc, out = run(git_repo, message_hook, 'git', '-c', 'i18n.commitEncoding=IBM1047',
                  'commit', '-q', '-m', 'deploy')
    assert rc == 0, out


def test_the_commit_msg_stage_reads_the_author_and_committer_itself(git_repo, keys):
    """Red team, session 21: with both stages installed the pre-commit
    stage refuses a key in the author first, so the commit-msg stage's own
    reading went untested (the ``commit-msg-idents`` mutation survived).
    The hook run as git's commit-msg hook runs it, alone."""
    key = keys()
    write(git_repo, 'a.py', 'x = 1\n')
    commit(git_repo)
    message = git_repo / '.git' / 'COMMIT_EDITMSG'
    message.write_text('deploy\n')
    env = dict(os.environ, GIT_INDEX_FILE=str(git_repo / '.git' / 'index'),
               GIT_COMMITTER_EMAIL=f'{key}@example.com')
    rc, out = run(git_repo, env, os.path.join(BIN, 'detect-together-keys'), str(message))
    assert rc == 1 and hash_secret(key) in out and '<commit header>' in out, out
    rc, out = run(git_repo, dict(env, GIT_COMMITTER_EMAIL='dev@example.com'),
                  os.path.join(BIN, 'detect-together-keys'), str(message))
    assert rc == 0, out
