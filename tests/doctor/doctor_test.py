"""``together-hooks doctor``: each checklist item on real repositories.

One healthy repository (real pre-commit install, an audited baseline,
constant-time webhook code) passes every check; each builder below breaks
or bends one thing, and the table says what every check must then report.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys

import pytest

from tests.cli_run import assert_error_line
from tests.cli_run import leaked
from tests.cli_run import run
from tests.conftest import git
from tests.keys import make_key
from together_hooks.doctor import hmac_check
from together_hooks.doctor import checks as doctor
from together_hooks.findings import hash_secret

CHECK_IDS = [cid for cid, _ in doctor.CHECKS]

CONFIG = '''\
repos:
-   repo: local
    hooks:
    -   id: detect-together-keys
        name: Detect Together AI API keys
        entry: detect-together-keys
        language: system
        types: [file]
        args: [{det_args}]
    -   id: forbid-env-files
        name: Forbid .env files
        entry: forbid-env-files
        language: system
        args: [{env_args}]
'''

GOOD_PY = '''\
import hashlib
import hmac


def verify(secret: bytes, body: bytes, header: str) -> bool:
    expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
    if header is None or len(header) != len(expected):
        return False
    return hmac.compare_digest(expected, header)
'''

GOOD_JS = '''\
const crypto = require('crypto');

function verify(secret, body, header) {
  const expected = crypto.createHmac('sha256', secret).update(body).digest('hex');
  if (typeof header !== 'string' || header.length !== expected.length) {
    return false;
  }
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(header));
}
module.exports = { verify };
'''


def write(repo, rel: str, text: str) -> None:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def baseline_doc(entries: dict[str, list[dict]]) -> str:
    return json.dumps({
        'version': '1.5.0',
        'plugins_used': [{'name': 'TogetherApiKeyDetector'}],
        'filters_used': [],
        'results': entries,
        'generated_at': '2026-01-01T00:00:00Z',
    }, indent=2) + '\n'


def entry(filename: str, key: str, line: int, **label: bool) -> dict:
    e = {
        'type': 'Together API Key', 'filename': filename,
        'hashed_secret': hash_secret(key), 'is_verified': False,
        'line_number': line,
    }
    e.update(label)
    return e


def pre_commit_install(repo) -> None:
    subprocess.run(
        (sys.executable, '-m', 'pre_commit', 'install'), cwd=repo, check=True,
        capture_output=True,
    )


class Built:
    """A repository under test and the keys it holds (never shown whole)."""

    def __init__(self, repo, rng: random.Random) -> None:
        self.repo = repo
        self.rng = rng
        self.keys: list[str] = []
        self.monkeypatch: pytest.MonkeyPatch | None = None

    def key(self) -> str:
        k = make_key(self.rng)
        self.keys.append(k)
        return k

    def __repr__(self) -> str:
        return f'Built({self.repo})'


def healthy(b: Built, *, install: bool = True, det_args: str = '--audit-log=audit.jsonl',
            env_args: str = '--audit-log=audit.jsonl') -> None:
    repo = b.repo
    write(repo, '.gitignore', '.env\n.env.*\n!.env.example\naudit.jsonl\n')
    write(repo, '.env.example', 'TOGETHER_API_KEY=your-key-here\n')
    write(repo, '.pre-commit-config.yaml', CONFIG.format(det_args=det_args, env_args=env_args))
    fake = b.key()  # a documented sample key, audited as a false positive
    write(repo, 'docs/sample.md', f'Keys look like `{fake}`.\n')
    write(repo, '.secrets.baseline', baseline_doc({
        'docs/sample.md': [entry('docs/sample.md', fake, 1, is_secret=False)],
    }))
    write(repo, 'app/webhook.py', GOOD_PY)
    write(repo, 'web/webhook.js', GOOD_JS)
    git(repo, 'add', '.')
    git(repo, 'commit', '-q', '-m', 'healthy')
    if install:
        pre_commit_install(repo)


# --- builders: one change each on top of healthy ------------------------------

def key_in_code(b: Built) -> None:
    write(b.repo, 'src/settings.py', f'TOGETHER_API_KEY = "{b.key()}"\n')
    git(b.repo, 'add', 'src/settings.py')


def key_behind_pragma(b: Built) -> None:
    write(b.repo, 'src/settings.py',
          f'TOGETHER_API_KEY = "{b.key()}"  # pragma: allowlist secret\n')
    git(b.repo, 'add', 'src/settings.py')


def key_behind_pragma_in_utf16(b: Built) -> None:
    text = f'# pragma: allowlist nextline secret\nTOGETHER_API_KEY = "{b.key()}"\n'
    (b.repo / 'src').mkdir(exist_ok=True)
    (b.repo / 'src' / 'wide.py').write_bytes(text.encode('utf-16'))
    git(b.repo, 'add', 'src/wide.py')


def key_untracked_only(b: Built) -> None:
    write(b.repo, 'scratch.py', f'TOGETHER_API_KEY = "{b.key()}"\n')  # never added


def key_baselined_unaudited(b: Built) -> None:
    key = b.key()
    write(b.repo, 'src/settings.py', f'TOGETHER_API_KEY = "{key}"\n')
    doc = json.loads((b.repo / '.secrets.baseline').read_text())
    doc['results']['src/settings.py'] = [entry('src/settings.py', key, 1)]
    write(b.repo, '.secrets.baseline', json.dumps(doc, indent=2))
    git(b.repo, 'add', '.')


def key_labelled_real(b: Built) -> None:
    doc = json.loads((b.repo / '.secrets.baseline').read_text())
    doc['results']['docs/sample.md'][0]['is_secret'] = True
    write(b.repo, '.secrets.baseline', json.dumps(doc, indent=2))


def env_tracked(b: Built) -> None:
    write(b.repo, 'services/api/.env', 'DEBUG=1\n')
    git(b.repo, 'add', '-f', 'services/api/.env')


def env_template_in_config(b: Built) -> None:
    """A tracked fixture named a template in the config file, with the
    rule ``check-env-gitignored --fix`` then appends: the hook passes, so
    doctor must too (it said "remove that rule" and "untrack it")."""
    write(b.repo, 'tests/app/.env', 'FOO=bar\n')
    write(b.repo, '.together-hooks.toml', 'env-templates = ["tests/app/.env"]\n')
    with open(b.repo / '.gitignore', 'a') as f:
        f.write('!/tests/app/.env\n')
    git(b.repo, 'add', '-f', '.')
    git(b.repo, 'commit', '-q', '--no-verify', '-m', 'fixture')


def env_template_in_hook_args(b: Built) -> None:
    """The same fixture named by ``--allow`` in the hooks' args."""
    write(b.repo, 'tests/app/.env', 'FOO=bar\n')
    text = (b.repo / '.pre-commit-config.yaml').read_text()
    write(b.repo, '.pre-commit-config.yaml', text.replace(
        'args: [--audit-log=audit.jsonl]\n', 'args: [--audit-log=audit.jsonl, --allow, tests/app/.env]\n',
    ) + (
        '    -   id: check-env-gitignored\n'
        '        name: Check .gitignore covers .env files\n'
        '        entry: check-env-gitignored\n'
        '        language: system\n'
        '        pass_filenames: false\n'
        '        args: [--allow=tests/app/.env, --audit-log=audit.jsonl]\n'
    ))
    with open(b.repo / '.gitignore', 'a') as f:
        f.write('!/tests/app/.env\n')
    git(b.repo, 'add', '-f', '.')
    git(b.repo, 'commit', '-q', '--no-verify', '-m', 'fixture')


def gitignore_without_env(b: Built) -> None:
    write(b.repo, '.gitignore', 'audit.jsonl\n')


def stages_share_key(b: Built) -> None:
    key = b.key()
    write(b.repo, '.env.development', f'TOGETHER_API_KEY={key}\n')
    write(b.repo, '.env.production', f'TOGETHER_API_KEY={key}\n')


def stages_own_keys(b: Built) -> None:
    write(b.repo, '.env.development', f'TOGETHER_API_KEY={b.key()}\n')
    write(b.repo, '.env.production', f'TOGETHER_API_KEY={b.key()}\n')


def no_config(b: Built) -> None:
    git(b.repo, 'rm', '-q', '.pre-commit-config.yaml')


def config_without_forbid(b: Built) -> None:
    text = (b.repo / '.pre-commit-config.yaml').read_text()
    write(b.repo, '.pre-commit-config.yaml', text.split('    -   id: forbid-env-files')[0])


def config_broken_yaml(b: Built) -> None:
    write(b.repo, '.pre-commit-config.yaml', 'repos: [\n  - {id: x\n')


def hook_not_installed(b: Built) -> None:
    os.unlink(b.repo / '.git' / 'hooks' / 'pre-commit')


def hook_foreign(b: Built) -> None:
    write(b.repo, '.git/hooks/pre-commit', '#!/bin/sh\nmake lint\n')


def hook_not_executable(b: Built) -> None:
    os.chmod(b.repo / '.git' / 'hooks' / 'pre-commit', 0o644)


def hooks_path_elsewhere(b: Built) -> None:
    # git now runs .githooks/, where pre-commit's script is not.
    git(b.repo, 'config', 'core.hooksPath', '.githooks')
    (b.repo / '.githooks').mkdir()


def hooks_path_moved(b: Built) -> None:
    git(b.repo, 'config', 'core.hooksPath', '.githooks')
    (b.repo / '.githooks').mkdir()
    shutil.copy2(b.repo / '.git' / 'hooks' / 'pre-commit', b.repo / '.githooks' / 'pre-commit')


def no_baseline(b: Built) -> None:
    git(b.repo, 'rm', '-q', '.secrets.baseline')


def baseline_corrupt(b: Built) -> None:
    write(b.repo, '.secrets.baseline', '{"version": "1.5.0", "results": {')


def baseline_elsewhere(b: Built) -> None:
    # The hook is told where the baseline is; the doctor reads that one.
    os.makedirs(b.repo / 'baseline')
    os.replace(b.repo / '.secrets.baseline', b.repo / 'baseline' / 'secrets.json')
    text = (b.repo / '.pre-commit-config.yaml').read_text()
    write(b.repo, '.pre-commit-config.yaml', text.replace(
        '--audit-log=audit.jsonl]', '--audit-log=audit.jsonl, --baseline, baseline/secrets.json]', 1,
    ))
    git(b.repo, 'add', '-A')


def baseline_blank_in_args(b: Built) -> None:
    """``--baseline=`` in the hook's args (a variable left unset where the
    config is built): the hook exits 2 on every commit, and doctor read
    .secrets.baseline at the root and passed it."""
    text = (b.repo / '.pre-commit-config.yaml').read_text()
    write(b.repo, '.pre-commit-config.yaml', text.replace(
        '--audit-log=audit.jsonl]', '--audit-log=audit.jsonl, --baseline=]', 1,
    ))
    git(b.repo, 'add', '-A')


def baseline_blank_last_in_args(b: Built) -> None:
    """``--baseline`` twice, the last one blank: argparse takes the last
    value (the hook exits 2 on every commit); doctor read the first and
    passed it."""
    text = (b.repo / '.pre-commit-config.yaml').read_text()
    write(b.repo, '.pre-commit-config.yaml', text.replace(
        '--audit-log=audit.jsonl]', '--audit-log=audit.jsonl, --baseline=.secrets.baseline, --baseline=]', 1,
    ))
    git(b.repo, 'add', '-A')


def baseline_blank_abbreviated(b: Built) -> None:
    """``--base=`` in the hook's args: argparse takes a unique prefix of
    an option as that option (the hook exits 2 on every commit); doctor
    looked only for ``--baseline`` and passed it."""
    text = (b.repo / '.pre-commit-config.yaml').read_text()
    write(b.repo, '.pre-commit-config.yaml', text.replace(
        '--audit-log=audit.jsonl]', '--audit-log=audit.jsonl, --base=]', 1,
    ))
    git(b.repo, 'add', '-A')


def report_last_not_ignored(b: Built) -> None:
    """``--output`` twice: the hook writes the last one, not ignored;
    doctor judged the first (ignored) and passed it."""
    report_ignored(b)
    text = (b.repo / '.pre-commit-config.yaml').read_text()
    write(b.repo, '.pre-commit-config.yaml', text.replace(
        '--output=keys.sarif]', '--output=keys.sarif, --output=other.sarif]', 1))


def hmac_eq_python(b: Built) -> None:
    write(b.repo, 'app/hooks.py', (
        'import hashlib, hmac\n\n'
        'def ok(secret, body, sig):\n'
        '    digest = hmac.new(secret, body, hashlib.sha256).hexdigest()\n'
        '    return digest == sig\n'
    ))
    git(b.repo, 'add', '.')


def hmac_eq_js(b: Built) -> None:
    write(b.repo, 'web/verify.ts', (
        "import { createHmac } from 'crypto';\n"
        'export const ok = (secret: string, body: string, sig: string) =>\n'
        "  createHmac('sha256', secret).update(body).digest('hex') === sig;\n"
    ))
    git(b.repo, 'add', '.')


def hmac_eq_in_tests_only(b: Built) -> None:
    write(b.repo, 'tests/test_webhook.py', (
        'import hashlib, hmac\n\n'
        'def test_sig():\n'
        "    assert hmac.new(b'k', b'm', hashlib.sha256).hexdigest() == 'x'\n"
    ))
    git(b.repo, 'add', '.')


def audit_log_on_one_hook(b: Built) -> None:
    text = (b.repo / '.pre-commit-config.yaml').read_text()
    write(b.repo, '.pre-commit-config.yaml', text.replace('args: [--audit-log=audit.jsonl]', 'args: []', 1))


def audit_log_off(b: Built) -> None:
    text = (b.repo / '.pre-commit-config.yaml').read_text()
    write(b.repo, '.pre-commit-config.yaml', text.replace('--audit-log=audit.jsonl', ''))


def audit_log_folder_missing(b: Built) -> None:
    text = (b.repo / '.pre-commit-config.yaml').read_text()
    write(b.repo, '.pre-commit-config.yaml', text.replace('audit.jsonl', 'logs/audit.jsonl'))


def audit_log_not_ignored(b: Built) -> None:
    """docs/audit-log.md's example, followed as shown: the log is not
    ignored, the next `git add -A` commits it, and from then on every
    hook exits 2 on the tracked log; doctor said "pass"."""
    write(b.repo, '.gitignore', '.env\n.env.*\n!.env.example\n')
    git(b.repo, 'commit', '-q', '-m', 'no ignore rule for the log', '--', '.gitignore')
    write(b.repo, 'audit.jsonl', '')


def audit_log_tracked(b: Built) -> None:
    audit_log_not_ignored(b)
    git(b.repo, 'add', 'audit.jsonl')


def audit_log_from_env(b: Built) -> None:
    audit_log_off(b)
    b.monkeypatch.setenv('TOGETHER_HOOKS_AUDIT_LOG', str(b.repo.parent / 'audit.jsonl'))


def report_not_ignored(b: Built) -> None:
    """``--output`` in the committed hook args, the file not ignored: the
    hook exits 2 on every commit (it never writes over a file git neither
    tracks nor ignores) and doctor passed it."""
    text = (b.repo / '.pre-commit-config.yaml').read_text()
    write(b.repo, '.pre-commit-config.yaml', text.replace(
        'args: [--audit-log=audit.jsonl]', 'args: [--audit-log=audit.jsonl, --format=sarif, --output=keys.sarif]', 1))


def report_ignored(b: Built) -> None:
    report_not_ignored(b)
    text = (b.repo / '.gitignore').read_text()
    write(b.repo, '.gitignore', text + 'keys.sarif\n')
    git(b.repo, 'commit', '-q', '--no-verify', '-m', 'ignore the report', '--', '.gitignore')


def report_to_stdout(b: Built) -> None:
    text = (b.repo / '.pre-commit-config.yaml').read_text()
    write(b.repo, '.pre-commit-config.yaml', text.replace(
        'args: [--audit-log=audit.jsonl]', 'args: [--audit-log=audit.jsonl, --output=-]', 1))


def nothing(b: Built) -> None:
    pass


P, W, F = 'pass', 'warn', 'fail'

# builder -> the checks whose status differs from pass
CASES = [
    (nothing, {}),
    (key_in_code, {'no-hardcoded-keys': F}),
    (key_untracked_only, {}),
    # Excused, yet there: said so, never "no Together key".
    (key_behind_pragma, {'no-hardcoded-keys': W}),
    (key_behind_pragma_in_utf16, {'no-hardcoded-keys': W}),
    # As the hook judges: a recorded key passes; the audit is still owed.
    (key_baselined_unaudited, {'baseline-audited': W}),
    (key_labelled_real, {'no-hardcoded-keys': F, 'baseline-audited': F}),
    (env_tracked, {'env-files-ignored': F}),
    (gitignore_without_env, {'env-files-ignored': F}),
    (env_template_in_config, {}),
    (env_template_in_hook_args, {}),
    (stages_share_key, {'keys-differ-per-stage': F}),
    (stages_own_keys, {}),
    (no_config, {'hooks-installed': F, 'audit-log-configured': W}),
    (config_without_forbid, {'hooks-installed': F}),
    (config_broken_yaml, {'hooks-installed': F, 'audit-log-configured': W,
                          'detect-secrets-plugins': W}),
    (hook_not_installed, {'hooks-installed': F}),
    (hook_foreign, {'hooks-installed': F}),
    (hook_not_executable, {'hooks-installed': F}),
    (hooks_path_elsewhere, {'hooks-installed': F}),
    (hooks_path_moved, {}),
    (no_baseline, {'no-hardcoded-keys': F, 'baseline-audited': W}),
    (baseline_corrupt, {'no-hardcoded-keys': F, 'baseline-audited': F}),
    (baseline_elsewhere, {}),
    (baseline_blank_in_args, {'baseline-audited': F}),
    (baseline_blank_last_in_args, {'baseline-audited': F}),
    (baseline_blank_abbreviated, {'baseline-audited': F}),
    (hmac_eq_python, {'hmac-constant-time': F}),
    (hmac_eq_js, {'hmac-constant-time': F}),
    (hmac_eq_in_tests_only, {}),
    (audit_log_on_one_hook, {'audit-log-configured': W}),
    (audit_log_off, {'audit-log-configured': W}),
    (audit_log_folder_missing, {'audit-log-configured': W}),
    (audit_log_not_ignored, {'audit-log-configured': W}),
    (audit_log_tracked, {'audit-log-configured': W}),
    (audit_log_from_env, {}),
    (report_not_ignored, {'report-ignored': F}),
    (report_ignored, {}),
    (report_to_stdout, {}),
    (report_last_not_ignored, {'report-ignored': F}),
]


@pytest.fixture(scope='module')
def template(tmp_path_factory):
    """The healthy repository, built once; each test works on a copy."""
    top = tmp_path_factory.mktemp('healthy')
    repo = top / 'repo'
    repo.mkdir()
    git(repo, 'init', '-q', '-b', 'main')
    git(repo, 'config', 'user.email', 'dev@example.com')
    git(repo, 'config', 'user.name', 'Dev')
    git(repo, 'config', 'commit.gpgsign', 'false')
    b = Built(repo, random.Random(8))
    old = os.environ.get('PRE_COMMIT_HOME')
    os.environ['PRE_COMMIT_HOME'] = str(top / 'pre-commit-home')
    try:
        healthy(b)
    finally:
        if old is None:
            del os.environ['PRE_COMMIT_HOME']
        else:
            os.environ['PRE_COMMIT_HOME'] = old
    return b


@pytest.fixture
def built(template, tmp_path, monkeypatch):
    monkeypatch.delenv('TOGETHER_HOOKS_AUDIT_LOG', raising=False)
    repo = tmp_path / 'repo'
    shutil.copytree(template.repo, repo, symlinks=True)
    monkeypatch.chdir(repo)
    b = Built(repo, random.Random(9))
    b.keys = list(template.keys)
    b.monkeypatch = monkeypatch
    return b


@pytest.mark.parametrize(('builder', 'changed'), CASES, ids=[c[0].__name__ for c in CASES])
def test_checklist(built, builder, changed):
    builder(built)
    checks = doctor.run_checks(doctor.Repo.at(str(built.repo)))
    got = {c.id: c.status for c in checks}
    want = dict.fromkeys(CHECK_IDS, P)
    want.update(changed)
    assert [c.id for c in checks] == CHECK_IDS
    assert got == want, [c for c in checks if c.status != want[c.id]]
    for c in checks:
        assert c.detail and '\n' not in c.detail
        assert (c.fix is None) == (c.status == P), c
    assert not leaked(built.keys, *(c.detail + (c.fix or '') for c in checks))


def test_failures_name_the_place(built):
    key_in_code(built)
    hmac_eq_python(built)
    hmac_eq_js(built)
    env_tracked(built)
    checks = {c.id: c for c in doctor.run_checks(doctor.Repo.at(str(built.repo)))}
    assert f'src/settings.py:1: together-api-key: {built.keys[-1][:9]}' in checks['no-hardcoded-keys'].detail
    assert hash_secret(built.keys[-1]) in checks['no-hardcoded-keys'].detail
    assert 'api.together.xyz/settings/api-keys' in checks['no-hardcoded-keys'].fix
    assert 'app/hooks.py:5: ==' in checks['hmac-constant-time'].detail
    assert 'web/verify.ts:3: ===' in checks['hmac-constant-time'].detail
    assert 'compare_digest' in checks['hmac-constant-time'].fix
    assert 'timingSafeEqual' in checks['hmac-constant-time'].fix
    assert 'services/api/.env' in checks['env-files-ignored'].detail
    assert 'git rm --cached services/api/.env' in checks['env-files-ignored'].fix


def test_worktree_shares_the_installed_hook(built):
    wt = built.repo.parent / 'wt'
    git(built.repo, 'worktree', 'add', '-q', str(wt))
    checks = doctor.run_checks(doctor.Repo.at(str(wt / 'app')))
    assert {c.id: c.status for c in checks} == dict.fromkeys(CHECK_IDS, P)


def test_config_read_without_pyyaml_matches_yaml():
    text = CONFIG.format(det_args='--audit-log=a.jsonl, --baseline, b.json', env_args='')
    rough = doctor._hooks_from_text(text)
    import yaml

    exact = doctor._hooks_from_doc(yaml.safe_load(text))
    assert set(rough) == set(exact) == {'detect-together-keys', 'forbid-env-files'}
    for hook_id in exact:
        for flag in ('--audit-log', '--baseline'):
            assert doctor._option(rough[hook_id], flag) == doctor._option(exact[hook_id], flag)


# --- the command: exit codes, formats ------------------------------------------

@pytest.mark.parametrize(('builder', 'rc'), [(nothing, 0), (no_baseline, 1), (audit_log_off, 0)])
def test_exit_code_and_json(built, builder, rc):
    builder(built)
    result = run('together-hooks', 'doctor', str(built.repo), '--format', 'json', cwd=built.repo.parent)
    assert result.rc == rc, result.err
    doc = result.json()
    assert list(doc) == ['checks']
    assert [c['id'] for c in doc['checks']] == CHECK_IDS
    for c in doc['checks']:
        assert set(c) == {'id', 'status', 'detail', 'fix'}
        assert c['status'] in (P, W, F)
    assert not leaked(built.keys, result.out, result.err)


def test_text_report(built):
    key_in_code(built)
    audit_log_off(built)
    result = run('together-hooks', 'doctor', cwd=built.repo / 'app')
    assert result.rc == 1
    lines = result.out.splitlines()
    assert lines[0] == f'together-hooks doctor: {built.repo}'
    assert any(line.startswith('[FAIL] no-hardcoded-keys: ') for line in lines)
    assert any(line.startswith('[WARN] audit-log-configured: ') for line in lines)
    assert any(line.startswith('[pass] hmac-constant-time: ') for line in lines)
    assert lines[-1] == '1 failed, 1 warning(s), 9 passed'
    assert not leaked(built.keys, result.out, result.err)


@pytest.mark.parametrize('where', ['outside', 'missing'])
def test_not_a_repository(tmp_path, where):
    target = tmp_path / 'plain'
    if where == 'outside':
        target.mkdir()
    result = run('together-hooks', 'doctor', str(target), cwd=tmp_path)
    assert_error_line(result, str(target))


# --- check 6 on its own: what is and is not a timing leak -------------------------

HMAC_CASES = [
    # (path, source, flagged lines)
    ('direct.py', (
        'import hmac, hashlib\n'
        'def f(k, m, s):\n'
        '    return hmac.new(k, m, hashlib.sha256).hexdigest() == s\n'
    ), [3]),
    ('not_equal.py', (
        'import hmac\n'
        'def f(k, m, s):\n'
        '    if s != hmac.digest(k, m, "sha256"):\n'
        '        raise ValueError\n'
    ), [3]),
    ('through_names.py', (
        'import hmac as h\n'
        'from hashlib import sha256\n'
        'def f(k, m, header):\n'
        '    mac = h.new(k, m, sha256)\n'
        '    sig = "sha256=" + mac.hexdigest()\n'
        '    ok = header == sig\n'
        '    return ok\n'
    ), [6]),
    ('helper.py', (
        'import hmac, hashlib, base64\n'
        'class Hook:\n'
        '    def _sign(self, body):\n'
        '        return base64.b64encode(hmac.new(self.key, body, hashlib.sha256).digest())\n'
        '    def check(self, body, got):\n'
        '        return self._sign(body) == got\n'
    ), [6]),
    ('fstring_and_pbkdf2.py', (
        'import hashlib, hmac\n'
        'def f(k, m, s, pw, salt, stored):\n'
        '    expected = f"v1={hmac.new(k, m, hashlib.sha256).hexdigest()}"\n'
        '    a = expected == s\n'
        '    b = hashlib.pbkdf2_hmac("sha256", pw, salt, 100000) == stored\n'
        '    return a and b\n'
    ), [4, 5]),
    ('safe.py', (
        'import hashlib, hmac, secrets\n'
        'def f(k, m, s):\n'
        '    expected = hmac.new(k, m, hashlib.sha256).hexdigest()\n'
        '    if s is None or s == "" or len(s) != len(expected):\n'
        '        return False\n'
        '    ok = hmac.compare_digest(expected, s)\n'
        '    if ok == True:\n'
        '        return secrets.compare_digest(expected, s) == True\n'
        '    return expected.startswith("x") != False\n'
    ), []),
    ('checksum.py', (
        'import hashlib\n'
        'def f(data, want):\n'
        '    return hashlib.sha256(data).hexdigest() == want\n'
    ), []),
    ('same_name_elsewhere.py', (
        'import hashlib, hmac\n'
        'def sign(k, m):\n'
        '    expected = hmac.new(k, m, hashlib.sha256).hexdigest()\n'
        '    return hmac.compare_digest(expected, m)\n'
        'def other(actual):\n'
        '    expected = load()\n'
        '    return expected == actual\n'
    ), []),
    ('broken.py', 'import hmac\ndef f(:\n    hmac.new(k) == s\n', []),
    ('handler.js', (
        "const crypto = require('crypto');\n"
        "app.post('/hook', (req, res) => {\n"
        '  const expected = crypto\n'
        "    .createHmac('sha256', secret)\n"
        '    .update(req.rawBody)\n'
        "    .digest('hex');\n"
        "  const header = req.get('X-Signature') || '';\n"
        '  if (expected.length !== header.length) return res.sendStatus(401);\n'
        '  if (header !== expected) {\n'
        '    return res.sendStatus(401);\n'
        '  }\n'
        '});\n'
    ), [9]),
    ('sign_fn.ts', (
        "import { createHmac } from 'node:crypto';\n"
        'function sign(body: string): string {\n'
        "  return createHmac('sha256', KEY).update(body).digest('base64');\n"
        '}\n'
        'export function check(body: string, sig: string): boolean {\n'
        '  return sign(body) == sig;\n'
        '}\n'
    ), [6]),
    ('subtle.mjs', (
        'export async function verify(key, data, sigHex) {\n'
        "  const mac = await crypto.subtle.sign('HMAC', key, data);\n"
        "  const hex = Buffer.from(mac).toString('hex');\n"
        '  return hex === sigHex;\n'
        '}\n'
    ), [4]),
    ('template.js', (
        "const crypto = require('crypto');\n"
        'function compute(payload, secret) {\n'
        "  const h = crypto.createHmac('sha256', secret);\n"
        '  h.update(payload);\n'
        '  return h.digest(\'hex\');\n'
        '}\n'
        'const check = (req) =>\n'
        "  `sha256=${compute(req.body, KEY)}` === req.headers['x-hub-signature-256'];\n"
        'const note = `${a === b} ${ {x: 1}.x }`;\n'
    ), [8]),
    ('subtle_object.ts', (
        'export async function check(body: string, key: CryptoKey, got: string) {\n'
        '  try {\n'
        '    const tag = await crypto.subtle.sign(\n'
        "      { name: 'HMAC', hash: 'SHA-256' },\n"
        '      key,\n'
        '      new TextEncoder().encode(body),\n'
        '    );\n'
        "    const hex = [...new Uint8Array(tag)].map((b) => b.toString(16).padStart(2, '0')).join('');\n"
        '    return hex === got;\n'
        '  } catch {\n'
        '    return false;\n'
        '  }\n'
        '}\n'
    ), [9]),
    ('own_safe_equal.ts', (
        'export async function check(body: Uint8Array, key: CryptoKey, got: string) {\n'
        "  const tag = await crypto.subtle.sign('HMAC', key, body);\n"
        '  return constantEqual(toHex(tag), got);\n'
        '}\n'
        'function constantEqual(a: string, b: string): boolean {\n'
        '  if (a.length !== b.length) return false;\n'
        '  let diff = 0;\n'
        '  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);\n'
        '  return diff === 0;\n'
        '}\n'
        'export const ok = async (b: Uint8Array, k: CryptoKey, g: string) => (await check(b, k, g)) === true;\n'
    ), []),
    ('safe.js', (
        "const crypto = require('crypto');\n"
        '// if (sig === header) is what we must not do\n'
        'function verify(secret, body, header) {\n'
        "  const sig = crypto.createHmac('sha256', secret).update(body).digest('hex');\n"
        "  if (typeof sig !== 'string' || sig === undefined || header === '') return false;\n"
        '  const msg = "sig === header";\n'
        '  const ok = crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(header));\n'
        '  const lens = [1, 2].map((v) => {\n'
        '    return v === sig.length;\n'
        '  });\n'
        '  return ok === true && lens;\n'
        '}\n'
    ), []),
    ('ecdsa.js', (
        'async function verify(key, data, sig) {\n'
        "  const s = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, data);\n"
        '  return toHex(s) === sig;  // public-key signature: HMAC not involved\n'
        '}\n'
    ), []),
]


@pytest.mark.parametrize(('path', 'source', 'lines'), HMAC_CASES, ids=[c[0] for c in HMAC_CASES])
def test_hmac_comparisons(path, source, lines):
    found = hmac_check.check_source(path, source.encode())
    assert [p.line for p in found] == lines


@pytest.mark.parametrize(('path', 'candidate'), [
    ('app/webhook.py', True),
    ('web/verify.tsx', True),
    ('tests/test_webhook.py', False),
    ('pkg/webhook_test.py', False),
    ('src/verify.spec.ts', False),
    ('src/__tests__/verify.js', False),
    ('node_modules/x/index.js', False),
    ('static/app.min.js', False),
    ('README.md', False),
])
def test_hmac_candidates(path, candidate):
    assert hmac_check.is_candidate(path) is candidate


def test_the_false_positive_route_no_hardcoded_keys_names_works_as_printed(git_repo, rng):
    """Its fix said `together-hooks baseline audit` for a key no baseline
    records: with no baseline that is 'baseline not found' (exit 2), and an
    audit never shows a key the baseline lacks.  Followed as printed now
    (answering 'y': may be committed), the check passes."""
    import re

    key = make_key(rng)
    (git_repo / 'fixture.py').write_text(f'EXAMPLE = "{key}"\n')
    git(git_repo, 'add', '.')
    fix = run('together-hooks', 'doctor', '--format', 'json', cwd=git_repo).json()
    check = next(c for c in fix['checks'] if c['id'] == 'no-hardcoded-keys')
    assert check['status'] == 'fail'
    commands = re.findall(r'\((together-hooks baseline [^)]*)\)', check['fix'])
    assert [c.split()[2] for c in commands] == ['create', 'audit'], check['fix']
    for command in commands:
        proc = subprocess.run(
            (os.path.join(os.path.dirname(sys.executable), 'together-hooks'), *command.split()[1:]),
            cwd=git_repo, input='y\n', capture_output=True, text=True, timeout=120,
            env=dict(os.environ, TERM='dumb'),
        )
        assert proc.returncode == 0, proc.stderr
        assert leaked([key], proc.stdout, proc.stderr) == []
    after = run('together-hooks', 'doctor', '--format', 'json', cwd=git_repo).json()
    check = next(c for c in after['checks'] if c['id'] == 'no-hardcoded-keys')
    assert check['status'] == 'pass', check


def test_a_key_behind_a_pragma_is_named_as_there_and_excused(built):
    """doctor said "no Together key in N tracked files" of a repository
    whose settings.py held a key behind ``# pragma: allowlist secret``:
    the first-day check now says it is there, where, and what excuses it."""
    key_behind_pragma(built)
    result = run('together-hooks', 'doctor', cwd=built.repo)
    line = next(ln for ln in result.out.splitlines() if 'no-hardcoded-keys' in ln)
    assert 'src/settings.py:1' in line and 'pragma' in line, result.out
    # One key reads "the one a pragma excuses", not "the 1 one".
    assert 'but the one a pragma excuses: src/settings.py:1' in line, line
    assert not leaked(built.keys, result.out, result.err)


def test_only_files_that_may_hold_a_pragma_are_scanned_twice(git_repo, monkeypatch):
    """The pragma warning scanned every tracked file a second time (pragmas
    ignored): ``no-hardcoded-keys`` took twice the CPU on every
    repository, 6.9 -> 14-16 s on 1,500 files.  Counted, not timed: the
    second scan reads only the files a pragma can be in, in any width or
    base64, or a compressed container (read decoded), and still names the
    key behind one."""
    import base64
    import gzip

    from together_hooks import pipeline

    key = make_key(random.Random('doctor-twice'))
    for n in range(20):
        (git_repo / f'plain{n}.py').write_text(f'x = {n}\n')
    (git_repo / 'wide.py').write_bytes('# pragma: allowlist secret\n'.encode('utf-16'))
    (git_repo / 'encoded.txt').write_text(base64.b64encode(b'a # pragma: x\n').decode() + '\n')
    (git_repo / 'packed.gz').write_bytes(gzip.compress(b'x = 1\n'))
    (git_repo / 'settings.py').write_text(
        f'TOGETHER_API_KEY = "{key}"  # pragma: allowlist secret\n')
    git(git_repo, 'add', '.')
    read: list[list[str]] = []
    scan_contents = pipeline.scan_contents

    def counted(contents, *args, **kwargs):
        read.append(sorted(c.path for c in contents))
        return scan_contents(contents, *args, **kwargs)

    monkeypatch.setattr(pipeline, 'scan_contents', counted)
    check = doctor.check_keys(doctor.Repo.at(str(git_repo)))
    assert check.status == 'warn' and 'settings.py:1' in check.detail, check
    assert len(read) == 2 and len(read[0]) == 24, read
    assert read[1] == ['encoded.txt', 'packed.gz', 'settings.py', 'wide.py'], read


def test_a_failing_keys_check_still_names_the_key_behind_a_pragma(built):
    """One key in code and one behind a pragma: the check failed on the
    first and said nothing of the second ("1 Together key in N tracked
    files"), so a real key a pragma excused went unmentioned."""
    key_behind_pragma(built)
    write(built.repo, 'app.py', f'TOGETHER_API_KEY = "{built.key()}"\n')
    git(built.repo, 'add', 'app.py')
    result = run('together-hooks', 'doctor', cwd=built.repo)
    line = next(ln for ln in result.out.splitlines() if 'no-hardcoded-keys' in ln)
    assert line.startswith('[FAIL]') and 'app.py:1' in line, result.out
    assert 'src/settings.py:1' in line and 'pragma' in line, result.out
    assert not leaked(built.keys, result.out, result.err)


def test_the_install_fix_works_where_core_hooks_path_is_set(built):
    """With ``core.hooksPath`` set, the fix said "run pre-commit install",
    which pre-commit refuses there ("Cowardly refusing to install hooks
    with `core.hooksPath` set"): the fix now says how, and doing what it
    says installs the hook."""
    hooks_path_elsewhere(built)
    check = doctor.check_hooks(doctor.Repo.at(str(built.repo)))
    assert check.status == F and 'git config --unset-all core.hooksPath' in check.fix, check
    refused = subprocess.run(
        (sys.executable, '-m', 'pre_commit', 'install'), cwd=built.repo, capture_output=True, text=True)
    assert refused.returncode != 0 and 'core.hooksPath' in refused.stdout + refused.stderr
    git(built.repo, 'config', '--unset-all', 'core.hooksPath')
    subprocess.run((sys.executable, '-m', 'pre_commit', 'install'), cwd=built.repo, check=True,
                   capture_output=True)
    assert doctor.check_hooks(doctor.Repo.at(str(built.repo))).status == P


def test_a_misspelt_hook_id_is_named_beside_what_is_missing(built):
    """A config naming ``detect-together-key`` said only that
    detect-together-keys is not run (pre-commit says "not present in
    repository" at the next commit): the check names the typo and the id
    it looks like; an id of another project is left alone."""
    path = built.repo / '.pre-commit-config.yaml'
    text = path.read_text()
    assert '-   id: detect-together-keys\n' in text
    write(built.repo, '.pre-commit-config.yaml',
          text.replace('-   id: detect-together-keys\n', '-   id: detect-together-key\n'))
    check = doctor.check_hooks(doctor.Repo.at(str(built.repo)))
    assert check.status == F, check
    assert check.detail == (
        '.pre-commit-config.yaml does not run detect-together-keys (`detect-together-key` '
        'is no hook of together-hooks: did you mean detect-together-keys?)'), check
    write(built.repo, '.pre-commit-config.yaml',
          text.replace('-   id: detect-together-keys\n', '-   id: trailing-whitespace\n'))
    check = doctor.check_hooks(doctor.Repo.at(str(built.repo)))
    assert check.detail == '.pre-commit-config.yaml does not run detect-together-keys', check


def test_a_config_of_other_projects_hooks_gets_the_entry_to_add(git_repo):
    """A project already on pre-commit (flask's config, say) has no
    together-hooks entry: "add {id: ...} to the together-hooks repo" named
    a repo that is not there.  The fix gives the entry itself, and the
    autoupdate that sets its REV alone; followed as printed, pre-commit
    accepts the config and the check finds both hooks run."""
    from together_hooks.messages import PROJECT_URL

    config = (
        'repos:\n'
        '-   repo: https://github.com/pre-commit/pre-commit-hooks\n'
        '    rev: v4.6.0\n'
        '    hooks:\n'
        '    -   id: trailing-whitespace\n'
    )
    write(git_repo, '.pre-commit-config.yaml', config)
    result = run('together-hooks', 'doctor', '--format', 'json', '.', cwd=git_repo)
    assert result.rc == 1, result.err
    check = next(c for c in result.json()['checks'] if c['id'] == 'hooks-installed')
    assert check['status'] == 'fail', check
    assert f'pre-commit autoupdate --bleeding-edge --repo {PROJECT_URL}' in check['fix'], check
    entry = check['fix'].split('`')[1]
    assert entry.startswith('- {repo: '), check
    write(git_repo, '.pre-commit-config.yaml', config + entry + '\n')
    valid = subprocess.run(
        (sys.executable, '-m', 'pre_commit', 'validate-config', '.pre-commit-config.yaml'),
        cwd=git_repo, capture_output=True, text=True)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    after = doctor.check_hooks(doctor.Repo.at(str(git_repo)))
    assert after.detail.startswith('.pre-commit-config.yaml is set up but'), after
