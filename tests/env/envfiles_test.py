"""The .env policy functions: names, real ``git check-ignore`` verdicts,
``--fix``, the developer's own keys, and keys shared across stages."""
from __future__ import annotations

import base64
import json
import random
import subprocess

import pytest

from tests.cli_run import assert_error_line
from tests.cli_run import leaked
from tests.cli_run import scan
from tests.conftest import git
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect import ownkeys as own_matcher
from together_hooks.env import gitignore
from together_hooks.env import names
from together_hooks.env import ownkeys
from together_hooks.env import stages
from together_hooks.env import values as env_values
from together_hooks.findings import hash_secret
from together_hooks.detect.engine import scan_bytes

# (path, is_env_file, is_template)
NAMES = [
    ('.env', True, False),
    ('.env.local', True, False),
    ('.env.production', True, False),
    ('.env.development.local', True, False),
    ('.env.staging', True, False),
    ('.env.test', True, False),
    ('.env.', True, False),
    ('.ENV', True, False),
    ('.Env.Production', True, False),
    ('config/.env', True, False),
    ('services/api/.env.staging', True, False),
    ('./app/.env.local', True, False),
    ('a\\b\\.env', True, False),
    ('.env.example.local', True, False),
    ('.envrc.local', True, False),
    ('.envrc.private', True, False),
    ('.env.example', True, True),
    ('.env.sample', True, True),
    ('.env.template', True, True),
    ('.env.dist', True, True),
    ('.env.production.example', True, True),
    ('.ENV.EXAMPLE', True, True),
    ('web/.env.sample', True, True),
    ('.envrc.example', True, True),
    ('.env/bin/activate', True, False),
    ('.env/pyvenv.cfg', True, False),
    ('.env/lib/python3.11/site-packages/six.py', True, False),
    ('backend/.env/Scripts/activate.bat', True, False),
    ('.env/production', True, False),
    ('.env/.env.example', True, False),
    ('.envrc', False, True),
    ('environment.py', False, False),
    ('envs.md', False, False),
    ('src/env.ts', False, False),
    ('env', False, False),
    ('.environment', False, False),
    ('.envs/.production/.django', False, False),
    ('.env-cmdrc', False, False),
    ('app.env', False, False),
    ('env.example', False, False),
    ('docs/dotenv.md', False, False),
    ('.venv/bin/activate', False, False),
    ('my.env/file', False, False),
    ('', False, False),
]


@pytest.mark.parametrize(('path', 'env', 'template'), NAMES)
def test_names(path, env, template):
    assert names.is_env_file(path) is env
    assert names.is_template(path) is template


@pytest.mark.parametrize(('path', 'allow', 'template'), [
    ('.env.test', ('.env.test',), True),
    ('ci/.env.test', ('.env.test',), True),
    ('.env.ci', ('.env.c*',), True),
    ('config/.env.defaults', ('config/.env.defaults',), True),
    ('other/.env.defaults', ('config/.env.defaults',), False),
    ('.env.test', ('.env.prod',), False),
    ('.env', ('*.example',), False),
    ('environment.py', ('*',), False),  # --allow never widens beyond env files
    ('.env/bin/activate', ('*',), False),
])
def test_allow_patterns(path, allow, template):
    assert names.is_template(path, allow) is template


@pytest.mark.parametrize(('path', 'stage'), [
    ('.env', 'development'),
    ('.env.local', 'development'),
    ('.env.development', 'development'),
    ('.env.dev.local', 'development'),
    ('.env.production', 'production'),
    ('.env.prod', 'production'),
    ('api/.env.production.local', 'production'),
    ('.env.staging', 'staging'),
    ('.env.stg', 'staging'),
    ('.env.test', 'test'),
    ('.env.qa', 'qa'),
    # Other separators, and a copy is of its file's stage.
    ('.env-production', 'production'), ('.env_prod.local', 'production'),
    ('.env.bak', 'development'), ('.env.production.bak', 'production'), ('.env~', 'development'),
    ('#.env.staging#', 'staging'), ('.env.swp', 'development'), ('.env.~1~', 'development'),
])
def test_stage_of(path, stage):
    assert names.stage_of(path) == stage


# --- real git check-ignore ----------------------------------------------------

GOOD = '.env\n.env.*\n!.env.example\n'


def _repo(root, files):
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(text.encode() if isinstance(text, str) else text)


@pytest.fixture
def no_global_excludes(git_repo, tmp_path, monkeypatch):
    """Isolate from the machine's git config: global excludes are a test
    subject here."""
    home = tmp_path / 'home'
    home.mkdir()
    monkeypatch.setenv('HOME', str(home))
    monkeypatch.setenv('XDG_CONFIG_HOME', str(home / '.config'))
    monkeypatch.setenv('GIT_CONFIG_NOSYSTEM', '1')
    return git_repo


# (files, substrings expected in the problems; [] = no problem)
SCENARIOS = [
    ({'.gitignore': GOOD, 'src/app.py': ''}, []),
    ({'.gitignore': '.env*\n!.env.example\n', 'src/app.py': ''}, []),
    ({'.gitignore': '**/.env\n**/.env.*\n!**/.env.example\n', 'a/b/c.py': ''}, []),
    ({'.gitignore': GOOD, 'web/.gitignore': 'dist/\n', 'web/x.js': ''}, []),
    # Anchored at the root: subfolders are not covered.
    ({'.gitignore': '/.env\n/.env.*\n!.env.example\n', 'services/api/app.py': ''},
     ['services/api/.env', 'no ignore rule matches', 'add `.env`']),
    # Only two names: stages and .local variants leak.
    ({'.gitignore': '.env\n.env.local\n', 'app.py': ''},
     ['.env.production', 'add `.env.*`']),
    ({'.gitignore': '', 'app.py': ''}, ['.env:', 'add `.env`']),
    ({'app.py': ''}, ['no ignore rule matches']),
    # A nested .gitignore re-includes a file: named with its file and line.
    ({'.gitignore': GOOD, 'web/index.js': '', 'web/.gitignore': '# keep\n!.env.local\n'},
     ['web/.env.local', '`!.env.local` (web/.gitignore:2) re-includes it']),
    # Negation in the root after the rule.
    ({'.gitignore': GOOD + '!.env.production\n', 'x.py': ''},
     ['.env.production', '`!.env.production` (.gitignore:4)']),
    # Templates must stay committable.
    ({'.gitignore': '.env*\n', 'x.py': ''},
     ['.env.example: template would be ignored by `.env*` (.gitignore:1)', '`!.env.example`']),
    ({'.gitignore': GOOD, 'web/.env.sample': 'A=\n', 'web/x.js': ''},
     ['web/.env.sample: template would be ignored by `.env.*` (.gitignore:2)', '`!.env.sample`']),
    ({'.gitignore': '.env\n.env.*\n!.env.sample\n', '.env.sample': 'A=\n'}, []),
    # An env file present and not ignored is named.
    ({'.gitignore': '.env\n!.env.example\n', 'deploy/.env.prod': 'A=1\n', 'deploy/x.sh': ''},
     ['deploy/.env.prod: in the work tree and not ignored', 'add `.env.*`']),
]


@pytest.mark.parametrize(('files', 'expected'), SCENARIOS)
def test_gitignore_problems(no_global_excludes, files, expected):
    _repo(no_global_excludes, files)
    problems = gitignore.gitignore_problems(str(no_global_excludes))
    text = '\n'.join(problems)
    if not expected:
        assert problems == []
    for word in expected:
        assert word in text, (word, problems)


def test_only_global_excludes_is_a_problem(no_global_excludes, tmp_path):
    repo = no_global_excludes
    excludes = tmp_path / 'global-ignore'
    excludes.write_text('.env\n.env.*\n')
    git(repo, 'config', 'core.excludesFile', str(excludes))
    _repo(repo, {'.gitignore': '!.env.example\n', 'x.py': ''})
    problems = gitignore.gitignore_problems(str(repo))
    assert problems and all(str(excludes) in p for p in problems), problems
    assert 'global excludes' in problems[0] and 'teammates' in problems[0]
    assert gitignore.fix_gitignore(str(repo)) == ['.env', '.env.*', '!.env.example']
    assert gitignore.gitignore_problems(str(repo)) == []


def test_only_info_exclude_is_a_problem(no_global_excludes):
    repo = no_global_excludes
    (repo / '.git' / 'info').mkdir(exist_ok=True)
    (repo / '.git' / 'info' / 'exclude').write_text(GOOD)
    problems = gitignore.gitignore_problems(str(repo))
    assert problems and "this clone's .git/info/exclude" in problems[0]


def test_tracked_env_files(no_global_excludes):
    repo = no_global_excludes
    _repo(repo, {
        '.gitignore': GOOD, '.env': 'A=1\n', 'api/.env.production': 'A=2\n',
        '.env.example': 'A=\n', 'tools/.env/pyvenv.cfg': 'home = /usr\n', 'main.py': '',
    })
    git(repo, 'add', '-f', '.')
    assert gitignore.tracked_env_files(str(repo)) == [
        '.env', 'api/.env.production', 'tools/.env/pyvenv.cfg',
    ]
    problems = gitignore.gitignore_problems(str(repo))
    assert any(p.startswith('.env: tracked by git, so .gitignore does not apply to it; untrack it with `git rm --cached .env` (a fixture with no secret in it: name it in `env-templates` in the config file') for p in problems)
    assert any('api/.env.production: tracked' in p for p in problems)
    assert any(p.startswith('tools/.env/: tracked') and 'git rm -r --cached tools/.env`' in p for p in problems)
    assert not any(p.startswith('.env.example') for p in problems)


def test_a_tracked_fixture_named_a_template_as_the_message_says_passes(no_global_excludes):
    """A tracked env fixture: the message names where `env-templates`
    goes; done as said, the hook's next run names what to run then (its
    own last line, once: the tracked file's ~450-character line repeated
    the `--fix` advice), and done as said, the check passes (it named the
    key alone, and the template was then ignored by `.env`)."""
    import os
    import re

    from tests.cli_run import BIN

    repo = no_global_excludes
    _repo(repo, {'.gitignore': GOOD, 'tests/app/.env': 'FOO=bar\n', 'main.py': ''})
    git(repo, 'add', '-f', '.')
    git(repo, 'commit', '-qm', 'fixture')
    (problem,) = [p for p in gitignore.gitignore_problems(str(repo)) if p.startswith('tests/app/.env')]
    where = re.search(r'`env-templates` in the config file \(([^,]+),', problem).group(1)
    assert '--fix' not in problem and len(problem) < 400, problem
    (repo / where).write_text('env-templates = ["tests/app/.env"]\n')
    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ['PATH'])
    told = subprocess.run(('sh', '-c', 'check-env-gitignored'), cwd=repo, env=env, capture_output=True, text=True)
    assert told.returncode == 1 and told.stdout.count('--fix') == 1, told.stdout
    (command,) = re.findall(r', run `([^`]+)`$', told.stdout.strip())
    subprocess.run(('sh', '-c', command), cwd=repo, env=env, capture_output=True, check=False)
    git(repo, 'add', '.gitignore')
    done = subprocess.run(('sh', '-c', 'check-env-gitignored'), cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_many_folders_are_sampled(no_global_excludes, monkeypatch):
    repo = no_global_excludes
    monkeypatch.setattr(gitignore, 'MAX_PROBE_FOLDERS', 5)
    files = {f'pkg{i}/mod{j}/x.py': '' for i in range(3) for j in range(4)}
    files['.gitignore'] = '/.env\n.env.*\n!.env.example\n'
    files['pkg1/mod2/deep/.gitignore'] = '!.env.local\n'
    files['pkg2/mod3/package.json'] = '{}'
    _repo(repo, files)
    probed = {p.path.rpartition('/')[0] for p in gitignore.probes(str(repo))}
    assert probed == {
        '', 'pkg0', 'pkg1', 'pkg2', 'pkg1/mod2/deep', 'pkg2/mod3',
    }
    text = '\n'.join(gitignore.gitignore_problems(str(repo)))
    assert '`!.env.local` (pkg1/mod2/deep/.gitignore:1) re-includes it' in text
    assert 'pkg0/.env, pkg1/.env, pkg1/mod2/deep/.env and 2 more' in text


# --- --fix -------------------------------------------------------------------

FIXABLE = [
    b'',
    b'node_modules/\n',
    b'node_modules/',                      # no final newline
    b'node_modules/\r\ndist/\r\n',         # CRLF stays CRLF
    b'node_modules/\r\ndist/',             # CRLF, no final newline
    b'\xef\xbb\xbfbuild/\n',               # a BOM is kept
    b'.env*\n',                            # templates ignored
    b'/.env\n',                            # root only
    b'.env\n.env.*\n!.env.example\n!.env.production\n',  # a negation wins
    b'!.env.example\n.env.*\n',            # negation before the rule
]


@pytest.mark.parametrize('before', FIXABLE)
def test_fix_twice_is_byte_identical(no_global_excludes, before):
    repo = no_global_excludes
    _repo(repo, {'.gitignore': before, 'api/app.py': '', 'web/.env.sample': 'A=\n'})
    assert gitignore.gitignore_problems(str(repo)) != []
    added = gitignore.fix_gitignore(str(repo))
    assert added
    once = (repo / '.gitignore').read_bytes()
    assert gitignore.gitignore_problems(str(repo)) == []
    assert gitignore.fix_gitignore(str(repo)) == []
    assert (repo / '.gitignore').read_bytes() == once
    assert once.startswith(before)  # existing content kept, only appended
    tail = once[len(before):]
    if b'\r\n' in before:
        assert tail.count(b'\n') == tail.count(b'\r\n') > 0
    else:
        assert b'\r' not in tail
    assert once.endswith(b'\n')


def test_fix_keeps_file_mode_and_reports_what_it_cannot_fix(no_global_excludes):
    repo = no_global_excludes
    _repo(repo, {'.gitignore': 'x\n', 'web/a.js': '', 'web/.gitignore': '!.env\n'})
    (repo / '.gitignore').chmod(0o644)
    added = gitignore.fix_gitignore(str(repo))
    assert added == ['.env', '.env.*', '!.env.example']
    assert (repo / '.gitignore').stat().st_mode & 0o777 == 0o644
    problems = gitignore.gitignore_problems(str(repo))
    assert len(problems) == 1 and '(web/.gitignore:1) re-includes it' in problems[0]
    once = (repo / '.gitignore').read_bytes()
    assert gitignore.fix_gitignore(str(repo)) == []
    assert (repo / '.gitignore').read_bytes() == once


def test_fix_creates_gitignore(no_global_excludes):
    repo = no_global_excludes
    _repo(repo, {'main.py': ''})
    gitignore.fix_gitignore(str(repo))
    assert (repo / '.gitignore').read_text() == (
        f'{gitignore.GITIGNORE_HEADER}\n.env\n.env.*\n!.env.example\n'
    )


def test_fix_refuses_non_utf8(no_global_excludes):
    from together_hooks.errors import InputError

    _repo(no_global_excludes, {'.gitignore': b'\xff\xfe\x00bad\n'})
    with pytest.raises(InputError, match='not UTF-8'):
        gitignore.fix_gitignore(str(no_global_excludes))
    assert (no_global_excludes / '.gitignore').read_bytes() == b'\xff\xfe\x00bad\n'


# --- own keys -----------------------------------------------------------------

def _pct(text: str) -> str:
    return ''.join('%%%02X' % b for b in text.encode())


def _escape_one(key: str, at: int) -> str:
    """The key as a JSON string with one character as a \\u escape."""
    return json.dumps(key)[:at + 1] + '\\u%04x' % ord(key[at]) + key[at + 1:] + '"'


ENCODINGS = [
    ('raw', lambda k: f'note: {k}\n'),
    ('raw', lambda k: f'x{k}x\n'),  # glued to other text: still an exact copy
    ('base64', lambda k: base64.b64encode(k.encode()).decode()),
    ('base64', lambda k: 'data: ' + base64.b64encode(f'{{"api_key": "{k}"}}'.encode()).decode()),
    ('base64', lambda k: base64.b64encode(f'ab{k}'.encode()).decode()),
    ('base64', lambda k: base64.urlsafe_b64encode(f'k={k}&x=1'.encode()).decode()),
    ('url', lambda k: f'https://example.com/?t={_pct(k)}'),
    ('url', lambda k: _pct(k).lower()),
    ('escape', lambda k: '{"k": ' + _escape_one(k, 20) + '}'),
    ('escape', lambda k: '{"k": ' + _escape_one(k, 3) + '}'),
    ('escape', lambda k: '{"k": "' + ''.join('\\u%04x' % ord(c) for c in k) + '"}'),
    ('escape', lambda k: 's = "' + k[:25] + '\\\n' + k[25:] + '"'),
    ('escape', lambda k: 's = "' + k[:10] + '\\x%02x' % ord(k[10]) + k[11:] + '"'),
]


@pytest.mark.parametrize(('encoding', 'make'), ENCODINGS)
@pytest.mark.parametrize('kind', ['key', 'hex'])
def test_own_key_encodings(encoding, make, kind):
    rng = random.Random(7)
    key = make_key(rng) if kind == 'key' else make_hex(rng)
    other = make_key(rng)
    own = own_matcher.OwnKeys([key, other])
    data = ('line one\n' + make(key) + '\n').encode()
    found = own.find(data, 'f.txt')
    assert [(f.rule, f.line, f.hashed_secret, f.encoding) for f in found] == [
        (own_matcher.OWN_KEY_RULE, 2, hash_secret(key), encoding),
    ]
    assert key not in repr(own) and key not in repr(found)


def test_own_key_not_reported_twice_and_not_for_others():
    rng = random.Random(8)
    key, stranger = make_key(rng), make_key(rng)
    own = own_matcher.OwnKeys([key])
    data = f'TOGETHER_API_KEY={key}\nb = "{stranger}"\n'.encode()
    regular = scan_bytes(data, 'a.py')
    assert len(regular) == 2
    assert own.find(data, 'a.py', regular) == []
    assert own.find(b'nothing here', 'a.py') == []
    assert own_matcher.OwnKeys([]).find(data, 'a.py') == []
    # A bare legacy key (no Together context) is only caught as an own key.
    hexkey = make_hex(rng)
    data = f'digest: {hexkey}\n'.encode()
    assert scan_bytes(data, 'a.txt') == []
    found = own_matcher.OwnKeys([hexkey]).find(data, 'a.txt')
    assert [(f.line, f.column, f.hashed_secret) for f in found] == [(1, 9, hash_secret(hexkey))]


@pytest.mark.parametrize(('environ', 'held'), [
    ({'TOGETHER_API_KEY': '{key}'}, ['key']),
    ({'TOGETHER_AI_API_KEY': ' {key} '}, ['key']),
    ({'TOGETHERAI_API_KEY': '{hex}'}, ['hex']),
    ({'together_api_key': '{hex}'}, ['hex']),
    ({'TOGETHER_API_TOKEN': '{hex}'}, ['hex']),  # a token name counts as a key name
    ({'together_token': '{hex}'}, ['hex']),
    ({'LLM_KEY': '{key}', 'PATH': '/usr/bin'}, ['key']),
    ({'OPENAI_API_KEY': '{hex}'}, []),            # not named Together
    ({'TOGETHER_API_KEY': 'test'}, []),           # too weak to match everywhere
    ({'TOGETHER_API_KEY': 'tgp_v1_' + 'x' * 43}, []),
    ({'TOGETHER_API_KEY': '${{TOGETHER_API_KEY}}'}, []),
    ({'TOGETHER_API_KEY': ''}, []),
    ({'TOGETHER_API_KEY': 'Zq8fK2mW9xR4tL7vN3bH6jP1sD5gY0cE'}, ['Zq8fK2mW9xR4tL7vN3bH6jP1sD5gY0cE']),
    # a digest of the key, not the key (probe13's ``.env.tpl`` decoy)
    ({'TOGETHER_KEY_SHA256': '{hex}', 'TOGETHER_API_KEY_HASH': '{hex}'}, []),
    ({'TOGETHER_SHARED_KEY': '{hex}'}, ['hex']),  # ``sha`` inside a word is no digest
    # a digest word only as a whole part of the name: ``sha``, ``hash``
    # inside another word (a person's, a company's) is no digest, and a
    # lost own key is a leak
    ({'NATASHA_TOGETHER_API_KEY': '{hex}'}, ['hex']),
    ({'SHASHANK_TOGETHER_KEY': '{hex}'}, ['hex']),
    ({'HASHICORP_TOGETHER_TOKEN': '{hex}'}, ['hex']),
    ({'TOGETHER_API_KEY_TASHA': '{hex}'}, ['hex']),
    ({'togetherApiKeyMarsha': '{hex}'}, ['hex']),
    ({'togetherApiKeySha256': '{hex}', 'TOGETHER_KEY_MD5SUM': '{hex}'}, []),
    ({'TOGETHER_HASHED_KEY': '{hex}', 'SHA1_OF_TOGETHER_KEY': '{hex}'}, []),
])
def test_keys_in_environ(environ, held):
    rng = random.Random(9)
    values = {'key': make_key(rng), 'hex': make_hex(rng)}
    env = {k: v.format(**values) for k, v in environ.items()}
    got = env_values.keys_in_environ(env)
    assert sorted(map(hash_secret, got)) == sorted(
        hash_secret(values.get(h, h)) for h in held
    )


@pytest.mark.parametrize(('line', 'found'), [
    ('TOGETHER_API_KEY={key}', True),
    ('export TOGETHER_API_KEY="{key}"', True),
    ("TOGETHER_API_KEY='{hex}'", True),
    ('TOGETHER_API_KEY={hex} # mine', True),
    ('TOGETHER_API_KEY: {hex}', True),
    ('MY_LLM={key}', True),
    ('TOGETHER_API_KEY=', False),
    ('# TOGETHER_API_KEY=your-key-here', False),
    ('TOGETHER_BASE_URL=https://api.together.xyz/v1', False),
    ('TOGETHER_KEY_SHA256={hex}', False),
    ('TOGETHER_API_KEY_SHA={hex}', False),
    ('together_api_key_md5_checksum={hex}', False),
    ('NATASHA_TOGETHER_API_KEY={hex}', True),
    ('TOGETHER_KEY_SHA256SUM={hex}', False),
    # (a placeholder of a key's own shape, which the rule rejects, is no
    # own key: reported everywhere else it was written, legacy27's modes)
    ('TOGETHER_API_KEY="{hex_placeholder}"', False),
    ('TOGETHER_API_KEY={key_placeholder}', False),
])
def test_keys_in_env_file(line, found):
    rng = random.Random(10)
    values = {
        'key': make_key(rng), 'hex': make_hex(rng), 'hex_placeholder': '0123456789abcdef' * 4,
        'key_placeholder': 'tgp_v1_' + 'abc123def456ghi789jkl012' + 'mno345pqr678stu901v',
    }
    data = ('A=1\r\n' + line.format(**values) + '\r\n').encode()
    got = env_values.keys_in_env(data)
    assert bool(got) is found
    assert got <= set(values.values())


def test_own_keys_from_environment_through_the_hook(git_repo, monkeypatch, capsys):
    from together_hooks.hooks import detect_together_keys

    rng = random.Random(11)
    key, hexkey = make_key(rng), make_hex(rng)
    monkeypatch.setenv('TOGETHER_API_KEY', key)
    monkeypatch.setenv('TOGETHER_LEGACY_API_KEY', hexkey)
    (git_repo / 'k8s.yaml').write_text(
        'data:\n  token: ' + base64.b64encode(f'Bearer {key}'.encode()).decode() + '\n',
    )
    (git_repo / 'cache.txt').write_text(f'sha: {hexkey}\n{_pct(key)}\n')
    (git_repo / 'nb.json').write_text('{"a": ' + _escape_one(key, 30) + '}\n')
    (git_repo / 'clean.py').write_text('import os\nkey = os.environ["TOGETHER_API_KEY"]\n')
    rc = detect_together_keys.main(['k8s.yaml', 'cache.txt', 'nb.json', 'clean.py', '--format', 'json'])
    out = capsys.readouterr().out
    assert rc == 1
    got = sorted((f['path'], f['line'], f['rule'], f['hashed_secret'], f['encoding'])
                 for f in json.loads(out)['findings'])
    # The rule's own readings (base64 decoded, escapes undone, a key with
    # every character percent-encoded) find three encoded tgp_v1_ copies;
    # the own-key check adds what no rule reports: a legacy key without
    # Together context.
    assert got == sorted([
        ('k8s.yaml', 2, 'together-api-key', hash_secret(key), 'base64'),
        ('cache.txt', 1, own_matcher.OWN_KEY_RULE, hash_secret(hexkey), 'raw'),
        ('cache.txt', 2, 'together-api-key', hash_secret(key), 'escaped'),
        ('nb.json', 1, 'together-api-key', hash_secret(key), 'escaped'),
    ])
    assert leaked([key, hexkey], out) == []
    monkeypatch.delenv('TOGETHER_API_KEY')
    monkeypatch.delenv('TOGETHER_LEGACY_API_KEY')
    # Without the environment only the rules' findings remain.
    assert detect_together_keys.main(['k8s.yaml', 'cache.txt', 'nb.json', 'clean.py', '--format', 'json']) == 1
    assert {f['rule'] for f in json.loads(capsys.readouterr().out)['findings']} == {'together-api-key'}


def test_own_keys_from_local_ignored_env_file(git_repo, monkeypatch):
    monkeypatch.delenv('TOGETHER_API_KEY', raising=False)
    rng = random.Random(12)
    key, hexkey, tracked_hex = make_key(rng), make_hex(rng), make_hex(rng)
    _repo(git_repo, {
        '.gitignore': GOOD,
        'services/api/.env.local': f'TOGETHER_API_KEY={hexkey}\n',
        '.env': f'export TOGETHER_API_KEY="{key}"\n',
        '.env.example': f'TOGETHER_API_KEY={make_hex(rng)}\n',  # a template: not own
        'fixtures/.env.test': f'TOGETHER_API_KEY={tracked_hex}\n',
    })
    git(git_repo, 'add', '-f', 'fixtures/.env.test')  # committed fixture: not "own"
    own = ownkeys.own_keys(str(git_repo), environ={})
    assert sorted(own.hashes) == sorted([hash_secret(key), hash_secret(hexkey)])
    (git_repo / 'dump.txt').write_text(f'{hexkey}\n' + base64.b64encode(key.encode()).decode() + '\n')
    result = scan('dump.txt', '--format', 'json', cwd=git_repo)
    assert result.rc == 1, result.err
    assert sorted(result.found()) == [
        ('dump.txt', 1, own_matcher.OWN_KEY_RULE, hash_secret(hexkey)),
        ('dump.txt', 2, 'together-api-key', hash_secret(key)),  # the engine decodes it
    ]
    assert leaked([key, hexkey], result.out, result.err) == []


def test_own_keys_outside_git(tmp_path):
    rng = random.Random(13)
    key = make_key(rng)
    (tmp_path / '.env').write_text(f'TOGETHER_API_KEY={key}\n')
    own = ownkeys.own_keys(str(tmp_path), environ={})
    assert own.hashes == (hash_secret(key),)


class _Counted(bytes):
    """File bytes that count what is asked of them: the work ``find`` does,
    measured without a clock (a timed assertion fails on a loaded machine
    and proves nothing on a quiet one; speed is measured in bench/)."""

    def __new__(cls, data: bytes):
        self = super().__new__(cls, data)
        self.calls = {}
        return self

    def _count(self, name):
        self.calls[name] = self.calls.get(name, 0) + 1

    def __contains__(self, needle):
        self._count('in')
        return super().__contains__(needle)

    def find(self, *args):
        self._count('find')
        return super().find(*args)

    def count(self, *args):
        self._count('count')
        return super().count(*args)

    def __getitem__(self, index):
        self._count('slice')
        return super().__getitem__(index)


def test_own_key_check_is_cheap_without_a_hit():
    """A file without any variant costs one ``in`` check per variant (and
    one for a backslash): no search, no copy, no line counting."""
    rng = random.Random(14)
    own = own_matcher.OwnKeys([make_key(rng), make_hex(rng)])
    data = _Counted(b'lorem ipsum dolor sit amet ' * 40000)  # ~1 MB
    assert own.find(data, 'big.txt') == []
    variants = len(own._variants)
    assert variants >= 2 * 3  # each key raw and encoded: the checks are real
    assert data.calls == {'in': variants + 1}, data.calls


def test_own_key_check_with_a_hit_still_finds_it_through_the_counter():
    """The counter above does not hide a hit: the same bytes with a copy
    of the key are found (so ``in`` on them reaches the real bytes)."""
    rng = random.Random(14)
    key = make_key(rng)
    own = own_matcher.OwnKeys([key, make_hex(rng)])
    data = _Counted(b'lorem ipsum ' * 1000 + key.encode() + b'\n')
    found = own.find(data, 'big.txt')
    assert [(f.line, f.column) for f in found] == [(1, 12 * 1000 + 1)]


# --- environment separation -------------------------------------------------

def test_shared_keys_across_stages(git_repo):
    rng = random.Random(15)
    shared, other, hexkey = make_key(rng), make_key(rng), make_hex(rng)
    _repo(git_repo, {
        '.gitignore': GOOD,
        '.env.development': f'TOGETHER_API_KEY={shared}\n',
        '.env.development.local': f'TOGETHER_API_KEY={shared}\n',   # same stage
        '.env.production': f'TOGETHER_API_KEY="{shared}"\n',
        '.env.staging': f'TOGETHER_API_KEY={other}\n',
        '.env.example': f'TOGETHER_API_KEY={shared}\n',             # template
        'api/.env': f'TOGETHER_API_KEY={hexkey}\n',
        'api/.env.prod': f"export TOGETHER_API_KEY='{hexkey}'\n",
        'api/.env.local': f'TOGETHER_API_KEY={hexkey}\n',          # same stage as .env
    })
    assert stages.shared_keys_across_stages(str(git_repo)) == [
        ('.env.development', '.env.production'),
        ('.env.development.local', '.env.production'),
        ('api/.env', 'api/.env.prod'),
        ('api/.env.local', 'api/.env.prod'),
    ]
    result = scan('--env-reuse', cwd=git_repo)
    assert result.rc == 1, result.err
    assert '.env.development and .env.production hold the same Together key' in result.out
    assert leaked([shared, hexkey], result.out, result.err) == []
    assert hash_secret(shared) not in result.out  # names only
    result = scan('--env-reuse', '--format', 'json', cwd=git_repo)
    assert result.json()['env_reuse'][0] == ['.env.development', '.env.production']


def test_env_reuse_clean_and_bad_input(git_repo):
    rng = random.Random(16)
    _repo(git_repo, {
        '.env.development': f'TOGETHER_API_KEY={make_key(rng)}\n',
        '.env.production': f'TOGETHER_API_KEY={make_key(rng)}\n',
    })
    result = scan('--env-reuse', cwd=git_repo)
    assert result.rc == 0 and 'no Together key is shared' in result.out
    result = scan('--env-reuse', '--staged', cwd=git_repo)
    assert_error_line(result, '--env-reuse takes at most one folder')


def test_check_ignore_handles_odd_names(no_global_excludes):
    repo = no_global_excludes
    _repo(repo, {'.gitignore': GOOD, 'dir with space/x.py': '', 'ünï/y.py': ''})
    got = gitignore.check_ignore(str(repo), ['dir with space/.env', 'ünï/.env.local', 'a/.env.example'])
    assert got['dir with space/.env'][2] == '.env'
    assert got['ünï/.env.local'][2] == '.env.*'
    assert got['a/.env.example'][2] == '!.env.example'
    assert gitignore.gitignore_problems(str(repo)) == []


def test_git_is_the_judge(no_global_excludes):
    """Our verdicts match git's own for every probe."""
    repo = no_global_excludes
    _repo(repo, {'.gitignore': '/.env\n.env.*.local\n', 'a/b.py': '', 'a/.gitignore': '!.env.dev.local\n'})
    for probe in gitignore.probes(str(repo)):
        proc = subprocess.run(
            ('git', 'check-ignore', '-q', '--no-index', probe.path), cwd=repo,
        )
        assert probe.ignored is (proc.returncode == 0), probe


def test_hook_reads_env_files_at_root_and_beside_its_files(git_repo, monkeypatch, capsys):
    """The hook finds own keys without starting git: root and sibling env files."""
    from together_hooks.hooks import detect_together_keys

    monkeypatch.delenv('TOGETHER_API_KEY', raising=False)
    rng = random.Random(21)
    root_hex, beside_hex, far_hex = make_hex(rng), make_hex(rng), make_hex(rng)
    _repo(git_repo, {
        '.gitignore': GOOD,
        '.env': f'TOGETHER_API_KEY={root_hex}\n',
        'app/.env.local': f'TOGETHER_API_KEY={beside_hex}\n',
        'far/.env.local': f'TOGETHER_API_KEY={far_hex}\n',
        'app/dump.txt': f'{root_hex}\n{beside_hex}\n',
    })
    assert detect_together_keys.main(['--format', 'json', 'app/dump.txt']) == 1
    out = capsys.readouterr().out
    found = {(f['line'], f['hashed_secret']) for f in json.loads(out)['findings']}
    assert found == {(1, hash_secret(root_hex)), (2, hash_secret(beside_hex))}
    assert leaked([root_hex, beside_hex, far_hex], out) == []
    # `together-hooks scan` walks every ignored env file, the far one too.
    (git_repo / 'app' / 'dump.txt').write_text(f'{far_hex}\n')
    assert scan('app/dump.txt', cwd=git_repo).rc == 1


def _random_run(rng: random.Random, n: int) -> str:
    alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
    return ''.join(rng.choice(alphabet) for _ in range(n))


@pytest.mark.parametrize(('make', 'secret'), (
    (lambda r: _random_run(r, 48), True),
    (lambda r: 'sk-proj-' + _random_run(r, 40), True),
    (lambda r: _random_run(r, 20), True),
    (lambda r: make_hex(r)[:40], True),
    (lambda r: 'your-together-api-key-here', False),
    (lambda r: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', False),
    (lambda r: 'https://api.together.xyz/v1', False),
    (lambda r: 'postgres://user:password@localhost:5432/app', False),  # pragma: allowlist secret
    (lambda r: '123e4567-e89b-12d3-a456-426614174000', False),
    (lambda r: 'sk-...', False),
    (lambda r: 'development', False),
    (lambda r: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', False),
    (lambda r: 'changeme-' + _random_run(r, 24), False),
))
def test_looks_like_secret(make, secret):
    for seed in range(10):
        assert env_values.looks_like_secret(make(random.Random(seed))) is secret


def test_template_with_another_providers_secret_is_refused(tmp_path, monkeypatch, capsys):
    from together_hooks.hooks import forbid_env_files

    monkeypatch.chdir(tmp_path)
    value = _random_run(random.Random(4), 48)
    (tmp_path / '.env.example').write_text(
        'TOGETHER_API_KEY=your-key-here\n'
        'TOGETHER_MODEL=meta-llama/Llama-3.3-70B-Instruct-Turbo\n'
        f'DB_PASSWORD="{value}"\n',
    )
    assert forbid_env_files.main(['.env.example']) == 1
    out = capsys.readouterr().out
    assert '.env.example:3: DB_PASSWORD holds a value that looks like a real secret' in out
    assert value not in out and ':2:' not in out
    (tmp_path / '.env.example').write_text('DB_PASSWORD=your-db-password\n')
    assert forbid_env_files.main(['.env.example']) == 0


@pytest.mark.parametrize('template, pattern', [
    ('tests/test_apps/.env', None),   # flask keeps such a fixture; --fix wrote `!.env`
    ('tests/fixtures/.env.local', None),
    ('docs/[v1]/.env', 'docs/[[]v1]/.env'),  # glob characters: matched literally
])
def test_fix_re_includes_a_template_by_its_path_not_every_env_file(
        no_global_excludes, template, pattern):
    """A template named by a path (``env-templates``/``--allow``) whose name
    alone is a secret env file name is re-included by its own path: a bare
    ``!.env`` would un-ignore every .env in the repository."""
    repo = no_global_excludes
    _repo(repo, {'.gitignore': 'build/\n', 'main.py': '', template: 'FOO=env\n',
                 'api/app.py': ''})
    allow = [pattern or template]
    added = gitignore.fix_gitignore(str(repo), allow=allow)
    assert gitignore.gitignore_problems(str(repo), allow=allow) == []
    for secret in ('.env', 'api/.env', 'tests/test_apps/.env.local', 'tests/.env.local'):
        verdict = gitignore.check_ignore(str(repo), [secret])[secret]
        assert gitignore.Probe(secret, True, *verdict).ignored, (secret, added)
    verdict = gitignore.check_ignore(str(repo), [template])[template]
    assert not gitignore.Probe(template, False, *verdict).ignored, added


@pytest.mark.parametrize('ignored', [False, True])
def test_own_keys_in_oddly_named_env_files_in_folders(git_repo, monkeypatch, ignored):
    """``api/.env `` (a trailing blank), ``api/.env\\r`` (a script with CRLF
    line ends), ``api/.ENV``, ``api/\\uff0eenv``: env files by their names
    (``names.read_as``), read at the top of the work tree, but the walk
    for folders listed only ``.env`` and ``.env.*`` names: a copy of the
    key they hold, under a pragma, passed the hook.  Ignored or not (the
    rules ``check-env-gitignored --fix`` writes for them: ``.env\\ ``,
    ``.env[!!-~]``).  Not yet: an ignored one whose name differs from ``.env``
    before its fourth character (``\\uff0eenv``, ``.e\\u200bnv``): letting
    those back in would walk ignored folders of such names."""
    from together_hooks.hooks import detect_together_keys

    monkeypatch.delenv('TOGETHER_API_KEY', raising=False)
    rng = random.Random(31)
    odd = ['.env ', '.env\r', '.ENV', '.env\u00a0', '.env::$DATA']
    if not ignored:
        odd += ['\uff0eenv', '.e\u200bnv']
    held = {name: make_hex(rng) for name in odd}
    files = {f'api/{name}': f'TOGETHER_API_KEY={held[name]}\n' for name in odd}
    files['.gitignore'] = ''.join(names.ignore_rule(n) + '\n' for n in odd) if ignored else ''
    files['app.py'] = 'x = 1\n'
    _repo(git_repo, files)
    git(git_repo, 'add', '.gitignore', 'app.py')
    own = ownkeys.own_keys(str(git_repo), environ={})
    assert sorted(own.hashes) == sorted(hash_secret(k) for k in held.values())
    (git_repo / 'app.py').write_text(''.join(
        f'K{i} = "{k}"  # pragma: allowlist secret\n' for i, k in enumerate(held.values())
    ))
    git(git_repo, 'add', 'app.py')
    assert detect_together_keys.main(['--format', 'json', 'app.py']) == 1
    # Plain names beside them are not listed twice, and a folder so named is none.
    assert ownkeys.own_keys(str(git_repo), environ={}).hashes == own.hashes


def test_own_keys_in_env_files_inside_folders_named_like_env_with_more(git_repo):
    """A folder git does not ignore whose name starts with ``.env`` and an
    odd character (``.env backup/``, ``.env~/``, ``.env (1)/``, what a
    file manager names a copy) is walked as any folder is: the walk that
    lets oddly named env files back in took every such folder out of it,
    and the key held in ``.env backup/.env`` was no longer yours.  A
    folder whose own name reads as ``.env`` (``.env /``: a virtualenv with
    a trailing blank) stays out."""
    rng = random.Random(37)
    folders = ['.env backup', '.env~', '.env (1)', '.env@prod', 'api']
    held = {folder: make_hex(rng) for folder in folders}
    files = {f'{folder}/.env': f'TOGETHER_API_KEY={held[folder]}\n' for folder in folders}
    files['.env /.env'] = f'TOGETHER_API_KEY={make_hex(rng)}\n'
    files['app.py'] = 'x = 1\n'
    # A folder so named, or a non-ASCII one, holding tracked files: git
    # walks it, and the untracked folders in it are walked too.
    for folder in ('.env (1)', '\u65e5\u672c'):
        files[f'{folder}/notes.md'] = 'x\n'
        held[f'{folder}/sub'] = make_hex(rng)
        files[f'{folder}/sub/.env'] = f'TOGETHER_API_KEY={held[f"{folder}/sub"]}\n'
    _repo(git_repo, files)
    git(git_repo, 'add', 'app.py', '.env (1)/notes.md', '\u65e5\u672c/notes.md')
    own = ownkeys.own_keys(str(git_repo), environ={})
    assert sorted(own.hashes) == sorted(hash_secret(k) for k in held.values())
