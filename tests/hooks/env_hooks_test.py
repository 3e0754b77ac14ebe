"""The hooks ``forbid-env-files`` and ``check-env-gitignored``: called
directly, as console scripts, and through the real pre-commit framework."""
from __future__ import annotations

import base64
import os
import random
import subprocess
import sys

import pytest
import yaml

from tests.cli_run import assert_error_line
from tests.cli_run import assert_error_text
from tests.cli_run import leaked
from tests.cli_run import run
from tests.cli_run import run_in_process
from tests.conftest import git
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.findings import hash_secret
from together_hooks.findings import redact
from together_hooks.hooks import check_env_gitignored
from together_hooks.hooks import forbid_env_files

CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)

REFUSED = [
    '.env', '.env.local', '.env.production', '.env.development.local',
    '.env.staging', '.env.test', '.env.prod', '.ENV', '.env.Production',
    'config/.env', 'services/api/.env.staging', 'apps/web/.env.production.local',
    'deep/a/b/c/.env.local', 'my dir/.env', '.env.example.local', '.envrc.local',
    # Editors' copies, autosaves and locks (names.DECORATIONS) and backups:
    '.env~', 'api/.env.local~', '#.env#', 'api/#.env.production#', '.#.env', '.envrc~',
    '.env.swp', '.env.swo', '.env.~1~', '.env.bak', '.env.old', '.env.orig',
    # ... and of a template: the text before the last save.
    '.env.example~', '#.env.example#', '.env.example.bak', '.#.env.example',
    # ``-``, ``_`` and a blank separate words as a dot does.
    '.env-local', '.env_local', '.env .local', '.env copy', '.env - Copy',
    '.env-production.local', '.env___jb_tmp___', '.envrc-local',
]
ALLOWED = [
    'environment.py', 'envs.md', 'src/env.ts', 'env', 'app.env', '.environment',
    '.env-cmdrc', 'env.example', '.venv/bin/activate', 'docs/dotenv.md',
    'README.md', '.envs/.local/.django', 'my.env/settings.py',
    '.envoy', 'env.local', 'dotenv', '.env-cmdrc.json', 'docs/.env-sample.md',
    'src/.env_loader.py', 'x.env~', '#env#', '.#environment.py',
]


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv('TOGETHER_API_KEY', raising=False)
    return tmp_path


def _write(path: str, text: str = 'A=1\n') -> None:
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)


@pytest.fixture
def staging(git_repo, monkeypatch):
    """A real repository as the current folder: a file is "staged" only
    where an index holds it (outside one nothing is)."""
    monkeypatch.chdir(git_repo)
    monkeypatch.delenv('TOGETHER_API_KEY', raising=False)
    return git_repo


def _staged(*paths: str) -> None:
    git('.', 'add', '-f', '--', *paths)


@pytest.mark.parametrize('path', REFUSED)
def test_env_files_refused(staging, path):
    _write(path)
    _staged(path)
    messages = forbid_env_files.check([path])
    assert len(messages) == 1
    assert messages[0].startswith(f'{path}: env file staged')
    quoted = f"'{path}'" if any(c in path for c in ' #~') else path
    assert f'`git rm --cached {quoted}`' in messages[0]
    assert '.gitignore' in messages[0]


@pytest.mark.parametrize('path', ALLOWED)
def test_names_merely_containing_env_pass(workdir, path):
    _write(path)
    assert forbid_env_files.check([path]) == []


def _fill(text: str, rng: random.Random) -> tuple[str, str | None]:
    key, hexkey = make_key(rng), make_hex(rng)
    held = key if '{key}' in text or '{b64key}' in text else hexkey if '{hex}' in text else None
    return text.format(key=key, hex=hexkey, b64key=base64.b64encode(key.encode()).decode()), held


# (template path, content, line of the key or None)
TEMPLATES = [
    ('.env.example', 'TOGETHER_API_KEY=\n', None),
    ('.env.example', 'TOGETHER_API_KEY=your-key-here\nDEBUG=1\n', None),
    ('.env.sample', 'TOGETHER_API_KEY=tgp_v1_' + 'x' * 43 + '\n', None),
    ('.env.template', 'TOGETHER_API_KEY=<your-together-key>\n', None),
    ('.env.dist', 'TOGETHER_API_KEY=${{TOGETHER_API_KEY}}\n', None),
    ('api/.env.production.example', '# prod\nTOGETHER_API_KEY=changeme\n', None),
    ('.env.example', 'TOGETHER_API_KEY=0000000000000000000000000000000000000000\n', None),
    ('.env.example', '', None),
    ('.env.example', 'DEBUG=1\nTOGETHER_API_KEY={key}\n', 2),
    ('.env.sample', '# comment\n\nexport TOGETHER_API_KEY="{key}"\n', 3),
    ('.env.template', 'TOGETHER_API_KEY={hex}\n', 1),
    ('web/.env.dist', 'A=1\r\nB=2\r\nTOGETHER_AI_API_KEY=\'{key}\'\r\n', 3),
    ('.env.example', 'SECRET_B64={b64key}\n', 1),
    ('.envrc', 'layout python\ndotenv_if_exists\n', None),
    ('.envrc', 'use nix\nexport TOGETHER_API_KEY={key}\n', 2),
    ('.envrc.example', 'export TOGETHER_API_KEY={key}\n', 1),
    ('.env-example', 'TOGETHER_API_KEY=your-key-here\n', None),
    ('.env_sample', 'TOGETHER_API_KEY={key}\n', 1),
]


@pytest.mark.parametrize(('path', 'text', 'line'), TEMPLATES)
def test_templates(workdir, path, text, line):
    content, key = _fill(text, random.Random(31))
    _write(path, content)
    messages = forbid_env_files.check([path])
    if line is None:
        assert messages == []
        return
    assert len(messages) == 1
    assert messages[0].startswith(f'{path}:{line}: holds a Together API key')
    assert redact(key) in messages[0] and hash_secret(key) in messages[0]
    assert leaked([key], messages[0]) == []
    if path == '.envrc':
        assert 'dotenv_if_exists' in messages[0]
    else:
        assert 'placeholders only' in messages[0]


def test_template_holding_the_developers_own_key(workdir, monkeypatch):
    """A legacy key without Together context is caught as the developer's
    own key (from the environment)."""
    hexkey = make_hex(random.Random(32))
    monkeypatch.setenv('TOGETHER_API_KEY', hexkey)
    _write('.env.example', f'HASH={hexkey}\n')
    messages = forbid_env_files.check(['.env.example'])
    assert len(messages) == 1 and messages[0].startswith('.env.example:1: holds your own Together key')
    assert leaked([hexkey], messages[0]) == []


@pytest.mark.parametrize(('path', 'allow', 'refused'), [
    ('.env.test', [], True),
    ('.env.test', ['.env.test'], False),
    ('ci/.env.ci', ['.env.ci', '.env.test'], False),
    ('config/.env.defaults', ['config/.env.*'], False),
    ('other/.env.defaults', ['config/.env.*'], True),
    ('.env', ['*.example'], True),
])
def test_allow(workdir, path, allow, refused):
    _write(path)
    assert bool(forbid_env_files.check([path], allow)) is refused


def test_allowed_template_with_a_key_is_still_refused(workdir):
    key = make_key(random.Random(33))
    _write('.env.test', f'TOGETHER_API_KEY={key}\n')
    messages = forbid_env_files.check(['.env.test'], ['.env.test'])
    assert len(messages) == 1 and messages[0].startswith('.env.test:1: holds')


VENV = [
    '.env/bin/activate', '.env/bin/python3', '.env/pyvenv.cfg',
    '.env/lib/python3.11/site-packages/six.py',
]


@pytest.mark.parametrize('staged', [
    VENV, VENV[:1], ['.env/lib/python3.11/site-packages/six.py'],
    ['.env/Scripts/activate.bat', '.env/Lib/site-packages/x.py'],
])
def test_virtualenv_folder(workdir, staged):
    for path in staged:
        _write(path)
    messages = forbid_env_files.check(staged + ['main.py'])
    assert messages == [
        f'.env/: a virtualenv was staged ({len(staged)} file{"s" if len(staged) > 1 else ""}, '
        f'e.g. {staged[0]}). Untrack it with `git rm -r --cached .env` and add '
        f'`.env/` to .gitignore (or recreate it as .venv/)',
    ]


def test_virtualenv_known_from_disk_and_plain_env_folder(workdir):
    _write('api/.env/pyvenv.cfg', 'home = /usr/bin\n')
    _write('api/.env/share/doc.txt')
    _write('cfg/.env/production')
    messages = forbid_env_files.check(['api/.env/share/doc.txt', 'cfg/.env/production'])
    assert messages[0].startswith('api/.env/: a virtualenv was staged (1 file')
    assert messages[1].startswith('cfg/.env/: files inside a .env/ folder were staged')
    assert '`git rm -r --cached cfg/.env`' in messages[1]


def test_forbid_main(staging, capsys):
    _write('.env')
    _write('.env.example', 'TOGETHER_API_KEY=\n')
    _write('app.py', 'print(1)\n')
    _staged('.env', '.env.example', 'app.py')
    assert forbid_env_files.main(['app.py', '.env.example']) == 0
    assert forbid_env_files.main(['app.py', '.env', '.env.example']) == 1
    out = capsys.readouterr().out
    assert out.startswith('.env: env file staged') and out.count('\n') == 1
    assert forbid_env_files.main([]) == 0
    with pytest.raises(SystemExit) as exc:
        forbid_env_files.main(['--bogus'])
    assert_error_text(exc.value.code, capsys.readouterr().err, 'unrecognized arguments: --bogus')


def test_forbid_console_script(staging):
    _write('.env.production', 'A=1\n')
    _write('.env.sample', 'A=\n')
    _staged('.env.production', '.env.sample')
    result = run('forbid-env-files', '--allow', '.env.sample', '.env.production', '.env.sample', cwd=staging)
    assert result.rc == 1 and result.out.startswith('.env.production: env file staged')
    result = run('forbid-env-files', '--no-such-option', cwd=staging)
    assert_error_line(result, 'unrecognized arguments: --no-such-option')


# --- check-env-gitignored ----------------------------------------------------

def test_check_env_gitignored_main(git_repo, capsys):
    (git_repo / 'api').mkdir()
    (git_repo / 'api' / 'app.py').write_text('')
    (git_repo / '.gitignore').write_bytes(b'node_modules/\r\n/.env')
    assert check_env_gitignored.main([]) == 1
    out = capsys.readouterr().out
    assert 'api/.env' in out and 'check-env-gitignored --fix' in out
    assert check_env_gitignored.main(['--fix']) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [
        'check-env-gitignored: added to .gitignore: .env, .env.*, !.env.example; '
        'stage it (`git add .gitignore`) and commit it',
    ]
    fixed = (git_repo / '.gitignore').read_bytes()
    assert fixed.startswith(b'node_modules/\r\n/.env\r\n') and b'\n' not in fixed.replace(b'\r\n', b'')
    assert check_env_gitignored.main(['--fix']) == 1  # until staged, the commit has no rules
    assert '.gitignore: not committed' in capsys.readouterr().out
    git(git_repo, 'add', '.gitignore')
    assert check_env_gitignored.main(['--fix']) == 0
    assert (git_repo / '.gitignore').read_bytes() == fixed
    assert check_env_gitignored.main(['ignored-file-argument.txt']) == 0
    assert capsys.readouterr().out == ''


def test_check_env_gitignored_allow(git_repo, capsys):
    (git_repo / '.gitignore').write_text('.env\n.env.*\n!.env.example\n')
    (git_repo / '.env.test').write_text('A=\n')
    git(git_repo, 'add', '.gitignore')
    assert check_env_gitignored.main([]) == 0
    assert check_env_gitignored.main(['--allow', '.env.test']) == 1
    assert '.env.test: template would be ignored' in capsys.readouterr().out
    assert check_env_gitignored.main(['--allow', '.env.test', '--fix']) == 1
    assert (git_repo / '.gitignore').read_text().endswith('!.env.test\n')
    git(git_repo, 'add', '.gitignore')
    assert check_env_gitignored.main(['--allow', '.env.test']) == 0


def test_check_env_gitignored_outside_git(tmp_path):
    result = run('check-env-gitignored', cwd=tmp_path)
    assert_error_line(result, 'not inside a git work tree')


# --- the real pre-commit framework -------------------------------------------

def _local_config(*ids: str, args: dict[str, list[str]] | None = None) -> str:
    """Our manifest's entries as a ``repo: local`` config: same filters
    (files, types, pass_filenames, always_run), entries from this venv, so
    the framework runs the uncommitted checkout's hooks."""
    with open(os.path.join(CHECKOUT, '.pre-commit-hooks.yaml')) as f:
        manifest = {h['id']: h for h in yaml.safe_load(f)}
    hooks = []
    for hook_id in ids:
        hook = dict(manifest[hook_id])
        hook['entry'] = os.path.join(BIN, hook['entry'])
        hook['language'] = 'system'
        if args and hook_id in args:
            hook['args'] = args[hook_id]
        hooks.append(hook)
    return yaml.safe_dump({'repos': [{'repo': 'local', 'hooks': hooks}]}, sort_keys=False)


@pytest.fixture
def precommit_env(tmp_path, monkeypatch):
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(('GIT_', 'PRE_COMMIT', 'TOGETHER')) and k != 'SKIP'
    }
    env.update(PRE_COMMIT_HOME=str(tmp_path / 'pre-commit-home'), PRE_COMMIT_COLOR='never')
    return env


def _sh(cwd, env, *cmd) -> tuple[int, str]:
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=300)
    return proc.returncode, proc.stdout.decode('utf-8', 'replace')


def _head(repo) -> str:
    return git(repo, 'rev-list', '--all', '--count').strip()


def test_precommit_framework_blocks_env_files(git_repo, precommit_env):
    repo, env = git_repo, precommit_env
    (repo / '.pre-commit-config.yaml').write_text(
        _local_config('forbid-env-files', 'check-env-gitignored'),
    )
    (repo / '.gitignore').write_text('.env\n.env.*\n!.env.example\n')
    (repo / '.env.example').write_text('TOGETHER_API_KEY=your-key-here\n')
    rc, out = _sh(repo, env, os.path.join(BIN, 'pre-commit'), 'install')
    assert rc == 0, out
    git(repo, 'add', '.')
    rc, out = _sh(repo, env, 'git', 'commit', '-m', 'setup')
    assert rc == 0, out
    assert 'Forbid .env files' in out and 'Check .gitignore covers .env files' in out
    assert _head(repo) == '1'

    # Staging .env (forced past .gitignore) blocks the commit.
    (repo / '.env').write_text('TOGETHER_API_KEY=whatever\n')
    git(repo, 'add', '-f', '.env')
    rc, out = _sh(repo, env, 'git', 'commit', '-m', 'leak')
    assert rc != 0, out
    assert '.env: env file staged' in out and '`git rm --cached .env`' in out
    assert _head(repo) == '1'
    git(repo, 'rm', '-q', '--cached', '.env')

    # A binary-looking env file (identify says non-text) is refused too.
    (repo / 'svc').mkdir()
    (repo / 'svc' / '.env.production').write_bytes(b'\x00\x01KEY=\xff\xfe\n')
    git(repo, 'add', '-f', 'svc/.env.production')
    rc, out = _sh(repo, env, 'git', 'commit', '-m', 'binary')
    assert rc != 0 and 'svc/.env.production: env file staged' in out, out
    git(repo, 'rm', '-q', '--cached', 'svc/.env.production')

    # Editors' copies, autosave and lock link, a `-` word and a Finder
    # copy, in one commit: pre-commit passes each (its `files` regex) and
    # each is refused by name; a file about env files and a template pass.
    copies = ['.env~', 'svc/#.env.local#', '.env-local', '.env copy', '.env.example~']
    for name in copies:
        (repo / name).write_text('TOGETHER_API_KEY=whatever\n')
    os.symlink('user@host.1234:1700000000', repo / '.#.env')  # as Emacs writes it
    (repo / 'docs').mkdir()
    (repo / 'docs' / '.env-sample.md').write_text('# how to fill .env\n')
    (repo / '.env-example').write_text('TOGETHER_API_KEY=\n')
    git(repo, 'add', '-f', *copies, '.#.env', 'docs/.env-sample.md', '.env-example')
    rc, out = _sh(repo, env, 'git', 'commit', '-m', 'copies')
    assert rc != 0, out
    for name in (*copies, '.#.env'):
        assert f'{name}: env file staged' in out, (name, out)
    assert 'docs/.env-sample.md' not in out and '.env-example' not in out, out
    git(repo, 'rm', '-q', '--cached', *copies, '.#.env', 'docs/.env-sample.md', '.env-example')
    for name in (*copies, '.#.env'):
        (repo / name).unlink()

    # A virtualenv named .env/, with its symlinks.
    (repo / '.env').unlink()
    (repo / '.env' / 'bin').mkdir(parents=True)
    (repo / '.env' / 'pyvenv.cfg').write_text('home = /usr/bin\n')
    (repo / '.env' / 'bin' / 'activate').write_text('# activate\n')
    os.symlink('/usr/bin/python3', repo / '.env' / 'bin' / 'python')
    git(repo, 'add', '-f', '.env')
    rc, out = _sh(repo, env, 'git', 'commit', '-m', 'venv')
    assert rc != 0 and '.env/: a virtualenv was staged (3 files' in out, out
    git(repo, 'rm', '-r', '-q', '--cached', '.env')

    # A template with a real key names the line; the key never shows.
    key = make_key(random.Random(34))
    (repo / '.env.example').write_text(f'A=1\nTOGETHER_API_KEY={key}\n')
    git(repo, 'add', '.env.example')
    rc, out = _sh(repo, env, 'git', 'commit', '-m', 'template')
    assert rc != 0 and '.env.example:2: holds a Together API key' in out, out
    assert leaked([key], out) == []
    (repo / '.env.example').write_text('A=1\nTOGETHER_API_KEY=\n')
    git(repo, 'add', '.env.example')

    # .gitignore loses its rules: check-env-gitignored runs without any
    # staged env file and blocks.
    (repo / '.gitignore').write_text('node_modules/\n')
    (repo / 'app.py').write_text('print(1)\n')
    git(repo, 'add', '.gitignore', 'app.py')
    rc, out = _sh(repo, env, 'git', 'commit', '-m', 'no rules')
    assert rc != 0 and 'would not be ignored' in out, out
    assert _head(repo) == '1'

    # Clean: restore the rules and the commit goes through.
    (repo / '.gitignore').write_text('.env\n.env.*\n!.env.example\n')
    git(repo, 'add', '.gitignore')
    rc, out = _sh(repo, env, 'git', 'commit', '-m', 'clean')
    assert rc == 0, out
    assert _head(repo) == '2'
    assert '.env' not in git(repo, 'ls-files').split()


def test_precommit_framework_fix(git_repo, precommit_env):
    repo, env = git_repo, precommit_env
    (repo / '.pre-commit-config.yaml').write_text(
        _local_config('check-env-gitignored', args={'check-env-gitignored': ['--fix']}),
    )
    (repo / '.gitignore').write_text('dist/')
    git(repo, 'add', '.')
    pre_commit = os.path.join(BIN, 'pre-commit')
    rc, out = _sh(repo, env, pre_commit, 'run', '--all-files')
    assert rc == 1 and 'added to .gitignore: .env, .env.*, !.env.example' in out, out
    assert 'files were modified by this hook' in out
    fixed = (repo / '.gitignore').read_bytes()
    git(repo, 'add', '.gitignore')
    rc, out = _sh(repo, env, pre_commit, 'run', '--all-files')
    assert rc == 0, out
    assert (repo / '.gitignore').read_bytes() == fixed


@pytest.mark.parametrize(('path', 'rule'), [
    ('.env', '.env'), ('.ENV', '.ENV'), ('a/.env.local', '.env.*'), ('.envrc.local', '.envrc.*'),
    ('.env ', '.env\\ '), ('a/.env\r', '.env[!!-~]'), ('\uff0eenv', '\uff0eenv'),
])
def test_env_file_message_names_the_rule_fix_adds(path, rule):
    """The .gitignore line forbid-env-files tells you to add is the one
    check-env-gitignored --fix adds."""
    assert f'(`{rule}` in .gitignore;' in forbid_env_files.env_file_message(path)


ODD_NAMES = ['.env ', '.env\r', '.env\t', ' .env', '.ENV', '.ENV.local', '\uff0eenv',
             '.e\u200bnv', '.env\u00a0', '.env.']


def test_the_rule_for_an_oddly_named_env_file_ignores_it(git_repo):
    """``.env `` (a trailing blank) is an env file, and the rule both hooks
    named for it, ``.env``, does not ignore it: ``--fix`` added nothing
    that helped and the check failed for ever.  Each odd name, at the top
    and in a folder, is ignored by the rule ``--fix`` adds, as git reads
    it; the check then passes."""
    (git_repo / '.gitignore').write_text('.env\n')
    git(git_repo, 'add', '.gitignore')
    (git_repo / 'sub').mkdir()
    for name in ODD_NAMES:
        (git_repo / name).write_text('A=1\n')
        (git_repo / 'sub' / name).write_text('A=1\n')
    assert run('check-env-gitignored', cwd=git_repo).rc == 1
    assert run('check-env-gitignored', '--fix', cwd=git_repo).rc == 1  # not staged yet
    git(git_repo, 'add', '.gitignore')
    result = run('check-env-gitignored', cwd=git_repo)
    assert result.rc == 0, result.out + result.err
    left = git(git_repo, 'ls-files', '-z', '--others', '--exclude-standard')
    assert left == '', left
    for name in ODD_NAMES:  # and the refusal names a rule that ignores it
        rule = forbid_env_files.env_file_message(name).split('ignore it (`', 1)[1].split('`', 1)[0]
        assert rule in (git_repo / '.gitignore').read_text().splitlines(), (name, rule)


def test_the_rule_for_an_oddly_named_env_file_ignores_no_other_name(git_repo):
    """The rule for ``.env\\r`` or ``\\t.env`` stands for the control
    character a .gitignore line cannot hold: written ``?``, it ignored
    ``.envs/``, ``.env1`` and ``a.env`` too (files and folders that are
    no env files, whose new files then never showed in ``git status``)."""
    odd = ODD_NAMES + ['\t.env', '.env\x7f', '.env\r\n', '.env\x1b']
    rules = [forbid_env_files.env_file_message(n).split('ignore it (`', 1)[1].split('`', 1)[0] for n in odd]
    (git_repo / '.gitignore').write_bytes(''.join(r + '\n' for r in rules).encode())
    plain = ['.envz', '.env1', '.env~', '.env-cmdrc', 'a.env', '.envs/app.py', '.env12']
    for name in plain:
        (git_repo / name).parent.mkdir(exist_ok=True)
        (git_repo / name).write_text('x = 1\n')
    for name in odd:
        (git_repo / name).write_text('A=1\n')
    out = subprocess.run(
        ['git', '-c', 'core.ignorecase=false', 'check-ignore', '--no-index', '-z', '--stdin'],
        cwd=git_repo, input=b''.join(os.fsencode(n) + b'\0' for n in plain + odd),
        stdout=subprocess.PIPE, check=False,
    ).stdout
    ignored = {os.fsdecode(p) for p in out.split(b'\0') if p}
    assert ignored == set(odd), (rules, sorted(ignored - set(odd)), sorted(set(odd) - ignored))


def test_the_untrack_command_for_a_name_that_is_not_utf8_works(git_repo):
    """An env file whose name is not UTF-8: the ``git rm --cached`` the
    refusal prints, run as printed, untracks that very file (it printed
    ``'.env.l\\udce9'``, a name no file has)."""
    import re

    name = b'.env.l\xe9'
    with open(bytes(git_repo) + b'/' + name, 'wb') as f:
        f.write(b'A=1\n')
    git(git_repo, 'add', '-A')
    result = run('forbid-env-files', os.fsdecode(name), cwd=git_repo)
    assert result.rc == 1, result.err
    command = re.search(r'`(git rm --cached [^`]*)`', result.out)
    assert command is not None, result.out
    subprocess.run(('bash', '-c', command.group(1)), cwd=git_repo, check=True)
    assert git(git_repo, 'ls-files', '-z') == ''


@pytest.mark.parametrize('kind', ['fifo', 'dev-zero'])
def test_a_pre_commit_config_that_is_no_file_does_not_hang_the_env_hook(git_repo, kind):
    """Under pre-commit, check-env-gitignored reads the config's text to
    tell whether forbid-env-files runs too: a FIFO there (or a link to
    /dev/zero) is no config, never waited on nor read forever."""
    config = git_repo / '.pre-commit-config.yaml'
    if kind == 'fifo':
        os.mkfifo(config)
    else:
        config.symlink_to('/dev/zero')
    (git_repo / '.env').write_text('A=1\n')
    git(git_repo, 'add', '-f', '.env')
    proc = subprocess.run(
        (os.path.join(os.path.dirname(sys.executable), 'check-env-gitignored'),), cwd=git_repo,
        env=dict(os.environ, PRE_COMMIT='1'), capture_output=True, timeout=30,
    )
    assert proc.returncode == 1, proc.stderr
    assert b'.env' in proc.stdout


def _entry(hook: str) -> str:
    return os.path.join(os.path.dirname(sys.executable), hook)


_FORBID = '{id: forbid-env-files, name: f, entry: %s, language: system}'
_CHECK = '{id: check-env-gitignored, name: c, entry: %s, language: system, pass_filenames: false, always_run: true}'
_BLOCK = (
    'repos:\n-   repo: local\n    hooks:\n'
    '    -   id: forbid-env-files\n        name: f\n        entry: %s\n'
    '        language: system\n'
    '    -   id: check-env-gitignored\n        name: c\n        entry: %s\n'
    '        language: system\n        pass_filenames: false\n        always_run: true\n'
)
_FLOW = 'repos: [{repo: local, hooks: [%s, %s]}]\n' % (_FORBID, _CHECK)


@pytest.mark.parametrize('config', [_BLOCK, _BLOCK.replace('\n', '\r\n'), _FLOW],
                         ids=['block', 'crlf', 'flow'])
def test_a_staged_env_file_is_left_to_forbid_env_files_however_the_config_is_written(
        git_repo, precommit_env, config):
    """When pre-commit runs forbid-env-files too, a staged .env is its to
    report: check-env-gitignored leaves it out.  A config saved with
    Windows line ends (CRLF), or in flow style (as doctor suggests it), was
    read as not running it, and the .env was reported twice.  Run by the
    real pre-commit: which hooks a run selects is read from its command
    line (``env.precommit_run``), and a hook no pre-commit runs scans all."""
    (git_repo / '.pre-commit-config.yaml').write_bytes(
        (config % (_entry('forbid-env-files'), _entry('check-env-gitignored'))).encode())
    (git_repo / '.gitignore').write_text('.env\n.env.*\n!.env.example\n')
    (git_repo / '.env').write_text('A=1\n')
    git(git_repo, 'add', '-f', '.env', '.gitignore', '.pre-commit-config.yaml')
    rc, out = _sh(git_repo, dict(precommit_env, PWD=str(git_repo)),
                  os.path.join(os.path.dirname(sys.executable), 'pre-commit'), 'run')
    assert rc == 1, out
    assert out.split('\nc.', 1)[1].split('\n', 1)[0].endswith('Passed'), out


def test_check_env_gitignored_asks_git_three_questions(git_repo, monkeypatch, tmp_path):
    """Every commit pays for each git process: in a plain work tree the top
    is found without one (``gitrun.work_tree_top``), leaving the tracked
    and untracked listing, the ignored listing and one ``check-ignore``.
    A run that prints (this one fails) also has the output scrub read the
    keys the developer holds before its first line (``detect.scrub``:
    the untracked env files' walk and which of them git tracks), once;
    a passing run prints nothing and never asks."""
    (git_repo / '.gitignore').write_text('.env\n')
    (git_repo / '.env').write_text('DEBUG=1\n')
    trace = tmp_path / 'trace'
    monkeypatch.setenv('GIT_TRACE', str(trace))
    r = run('check-env-gitignored', cwd=git_repo)
    assert r.rc == 1, r.err  # .env.local and friends are not ignored
    started = [line.split('built-in: ', 1)[1] for line in trace.read_text().splitlines()
               if 'built-in: ' in line]
    assert len(started) == 5, started
    assert started[3].startswith('git ls-files -z --others'), started
    assert started[4].startswith('git ls-files -z --cached -- '), started
    assert not any('rev-parse' in command for command in started), started


def test_precommit_untrack_command_for_a_name_holding_a_key(git_repo, precommit_env):
    """An env file whose name holds a key: the name shows redacted, and the
    `git rm --cached` offered is one that runs (a glob, the key a `*`)."""
    import re

    repo, env = git_repo, precommit_env
    (repo / '.pre-commit-config.yaml').write_text(_local_config('forbid-env-files'))
    rc, out = _sh(repo, env, os.path.join(BIN, 'pre-commit'), 'install')
    assert rc == 0, out
    git(repo, 'add', '.pre-commit-config.yaml')
    key = make_key(random.Random(77))
    (repo / 'cfg').mkdir()
    (repo / 'cfg' / f'.env.{key}').write_text('A=1\n')
    (repo / 'cfg' / '.env.other').write_text('A=1\n')
    git(repo, 'add', '-f', 'cfg')
    rc, out = _sh(repo, env, 'git', 'commit', '-m', 'leak')
    assert rc != 0, out
    assert leaked([key], out) == []
    command = re.search(r"`(git rm --cached -- '[^'`]+')`", out)
    assert command, out
    rc, said = _sh(repo, env, 'sh', '-c', command.group(1))
    assert rc == 0, said
    staged = git(repo, 'diff', '--cached', '--name-only').split()
    assert staged == ['.pre-commit-config.yaml', 'cfg/.env.other']


@pytest.mark.parametrize('path', ['--allow=x/.env', '--allow'])
def test_a_staged_env_file_named_like_an_option_is_refused(git_repo, tmp_path, path):
    """A staged ``--allow=x/.env`` is a file (it exists, as ``hookargs``
    reads it), not an ``--allow`` pattern, and a staged ``--allow`` no
    option taking the ``.env`` after it: the early exit for runs with no
    file took them for options and passed.  Real git, the real pre-commit."""
    from tests.conftest import write
    from tests.gitplay import clean_env
    from tests.gitplay import commit
    from tests.gitplay import install
    from tests.gitplay import local_hooks_config
    from tests.gitplay import manifest
    from tests.gitplay import run as run_git

    write(git_repo, '.pre-commit-config.yaml', local_hooks_config(
        ('forbid-env-files', manifest('forbid-env-files'))))
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / 'pc-home'), PRE_COMMIT_COLOR='never')
    install(git_repo, env)
    commit(git_repo, 'config')
    staged = [path] if path != '--allow' else ['--allow', '.env']  # '--allow' took '.env'
    for name in staged:
        write(git_repo, name, 'SECRET=1\n')
    git(git_repo, 'add', '-f', '--', *staged)
    rc, out = run_git(git_repo, env, 'git', 'commit', '-q', '-m', 'x')
    assert rc == 1 and '.env: env file' in out, out
    assert _head(git_repo) == '1'


def test_an_env_file_named_by_hand_and_not_staged_is_not_told_to_untrack(git_repo):
    """`forbid-env-files .env` run by hand on a file nobody staged said
    `env file staged ... Untrack it with git rm --cached .env`, which git
    refuses (`did not match any files`).  A file the index does not hold
    is refused all the same (exit 1), with nothing to untrack; once it is
    staged, the untrack advice comes back."""
    from tests.cli_run import run_in_process

    (git_repo / '.gitignore').write_text('.env\n')
    (git_repo / 'web').mkdir()
    (git_repo / '.env').write_text('X=1\n')
    (git_repo / 'web' / '.env.local').write_text('X=1\n')
    result = run_in_process('forbid-env-files', '.env', 'web/.env.local', cwd=git_repo)
    assert result.rc == 1, result.err
    lines = result.out.splitlines()
    assert len(lines) == 2, result.out
    for line in lines:
        assert 'not staged nor tracked: nothing to untrack' in line, line
        assert 'git rm' not in line and ' staged;' not in line, line
    assert 'ignore it (`.env.*` in .gitignore' in lines[1], lines[1]
    # From a folder, a path up the tree is the same file.
    inside = run_in_process('forbid-env-files', '../.env', cwd=git_repo / 'web')
    assert inside.rc == 1 and 'nothing to untrack' in inside.out, inside.out
    git(git_repo, 'add', '-f', '.env')
    staged = run_in_process('forbid-env-files', '.env', 'web/.env.local', cwd=git_repo)
    assert staged.rc == 1, staged.err
    first, second = staged.out.splitlines()
    assert first.startswith('.env: env file staged;') and '`git rm --cached .env`' in first, first
    assert 'nothing to untrack' in second, second


def test_an_env_file_named_outside_any_repository_is_not_called_staged(git_repo, tmp_path):
    """`forbid-env-files .env` in a plain folder (no git work tree around
    it) said `env file staged; ... Untrack it with git rm --cached .env`
    and `run check-env-gitignored --fix`: there is no index there to stage
    into, and `--fix` refuses a folder outside git.  It is refused all the
    same (exit 1), saying there is no repository; in a real repository a
    staged file keeps the staged wording and its untrack advice."""
    from tests.cli_run import run_in_process

    plain = tmp_path / 'plain'
    (plain / 'web').mkdir(parents=True)
    (plain / '.env').write_text('X=1\n')
    (plain / 'web' / '.env.local').write_text('X=1\n')
    assert subprocess.run(('git', 'rev-parse', '--git-dir'), cwd=plain, capture_output=True).returncode != 0
    for cwd, args in ((plain, ('.env', 'web/.env.local')), (plain / 'web', ('../.env', '.env.local'))):
        result = run_in_process('forbid-env-files', *args, cwd=cwd)
        assert result.rc == 1, result.err
        lines = result.out.splitlines()
        assert len(lines) == 2, result.out
        for line, path in zip(lines, args):
            assert line.startswith(f'{path}: env file (not in a git repository: nothing is staged);'), line
            assert 'git rm' not in line and 'staged;' not in line and '--fix' not in line, line
        assert 'ignore it (`.env.*` in .gitignore)' in lines[1], lines
    # A decoy: the same names staged in a real repository are "staged".
    for name in ('.env', 'web/.env.local'):
        (git_repo / name).parent.mkdir(exist_ok=True)
        (git_repo / name).write_text('X=1\n')
    git(git_repo, 'add', '-f', '.env', 'web/.env.local')
    staged = run_in_process('forbid-env-files', '.env', 'web/.env.local', cwd=git_repo)
    assert staged.rc == 1, staged.err
    for line, path in zip(staged.out.splitlines(), ('.env', 'web/.env.local')):
        assert line.startswith(f'{path}: env file staged;') and f'`git rm --cached {path}`' in line, line
        assert 'not in a git repository' not in line, line


def test_a_tracked_env_file_named_by_its_full_path_is_told_to_untrack(git_repo):
    """`forbid-env-files /repo/.env` (a path as `$PWD/.env` gives it) on a
    file git tracks said `not staged nor tracked: nothing to untrack`: git
    lists the index's paths relative to the folder, so the full path never
    matched, and a tracked secret file was left in git on our word."""
    from tests.cli_run import run_in_process

    (git_repo / 'web').mkdir()
    (git_repo / '.env').write_text('X=1\n')
    (git_repo / 'web' / '.env').write_text('X=1\n')
    git(git_repo, 'add', '-f', '.env', 'web/.env')
    full, inner = str(git_repo / '.env'), str(git_repo / 'web' / '.env')
    for cwd in (git_repo, git_repo / 'web'):
        result = run_in_process('forbid-env-files', full, inner, cwd=cwd)
        assert result.rc == 1, result.err
        lines = result.out.splitlines()
        assert len(lines) == 2, result.out
        for line, path in zip(lines, (full, inner)):
            assert line.startswith(f'{path}: env file staged;'), line
            assert f'`git rm --cached {path}`' in line and 'nothing to untrack' not in line, line


@pytest.mark.parametrize('staged', [True, False], ids=['key-staged', 'nothing-staged'])
def test_a_template_that_is_a_fifo_is_judged_by_what_the_index_holds(git_repo, staged):
    """git stores no FIFO: a template so named in the work tree is skipped
    with one line (never opened: it would block), and the blob staged
    under its name is what the commit holds: a key there is refused
    (docs/cli.md), an index without the name passes."""
    key = make_key(random.Random(3501))
    template = git_repo / '.env.example'
    if staged:
        template.write_text(f'TOGETHER_API_KEY={key}\n')
        git(git_repo, 'add', '.env.example')
        template.unlink()
    os.mkfifo(template)
    r = run_in_process('forbid-env-files', '.env.example', cwd=git_repo)
    assert '.env.example: not a regular file' in r.err, r.err
    assert (r.rc, '.env.example:1: holds a Together API key' in r.out) == (
        (1, True) if staged else (0, False)), (r.rc, r.out, r.err)
    assert not leaked([key], r.out, r.err)
