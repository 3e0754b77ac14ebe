"""Session 35's hostile probe of "never print a whole secret" (leak35).

New places an output echoes its input back, which the earlier probes
(``tests/leak_probe34_test.py``, ``tests/scrub_*``) left out: a key cut
across a path's folders, lower- or upper-cased, cut by a terminal wrap, a
``\\`` line continuation or a tab; a key in a symlink's target, a
submodule's name, a broken ``.gitmodules``, ``pyproject.toml``'s table, a
pre-commit config's hook arguments doctor describes, ``core.hooksPath``,
the repository's own folder cut by a slash, git's variables
(``GIT_DIR``, ``GIT_INDEX_FILE``, ``GIT_WORK_TREE``, pre-commit's
``PRE_COMMIT_FROM_REF``), a baseline's invalid JSON and plugin names, an
env template's variable name, the HTTP bodies a ``--verify`` API and a
``--github-org`` API answer with, a proxy the environment names, and the
SARIF fingerprints of a legacy key written in capitals.

Each case runs the real command in process (``tests/cli_run``), reads
every byte stream and every file the run wrote for the key in every form
``cli_run.leaked`` knows (raw, either case, hex, base64 at each
alignment, percent-encoded, written by codes), and names the text that
proves the command answered about that input.  Keys are made at run time
(``tests/keys.py``).  Measured on 1c5f10cf and on this branch:
docs/hardening.md, "Session 35 (leak35)".
"""
from __future__ import annotations

import base64
import http.server
import json
import os
import random
import threading
from pathlib import Path

import pytest

from tests.cli_run import leaked
from tests.cli_run import run_in_process
from tests.conftest import git
from tests.keys import make_hex
from tests.keys import make_key

_RNG = random.Random('leak-probe-35')
KEY, HEX, OTHER = make_key(_RNG), make_hex(_RNG), make_key(_RNG)
LOW, UP = KEY.lower(), KEY.upper()


def _environ(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if 'TOGETHER' not in k.upper() and 'PROXY' not in k.upper() and not k.startswith(('GIT_', 'PRE_COMMIT'))}
    env.update(extra)
    return env


def _commit(repo: Path, *args: str) -> None:
    git(repo, '-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-q', *args)


def _new_repo(path: Path) -> Path:
    path.mkdir(parents=True)
    git(path, 'init', '-q', '-b', 'main')
    git(path, 'config', 'commit.gpgsign', 'false')
    (path / 'app.py').write_text('print("hi")\n')
    git(path, 'add', '.')
    _commit(path, '-m', 'first')
    return path


def _written(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.rglob('*')):
        texts.append(str(path.relative_to(folder)))
        if path.is_file():
            texts.append(path.read_bytes().decode('utf-8', 'backslashreplace'))
    return texts


def _check(result, shown: tuple[str, ...], written: list[str] = ()) -> None:
    texts = (result.out, result.err, *written)
    assert 'Traceback' not in result.err
    assert leaked([KEY, HEX], *texts) == [], texts
    for text in shown:
        assert text in result.out + result.err + ''.join(written), (text, result.out, result.err)


@pytest.fixture(scope='module')
def clean(tmp_path_factory):
    return _new_repo(tmp_path_factory.mktemp('leak35') / 'clean')


# --- arguments echoed: a key cut, cased, escaped or encoded -----------------

def _cut(key: str, at: int, glue: str) -> str:
    return key[:at] + glue + key[at:]


ARGUMENT_CASES = [
    # (id, script, argv, text the answer must show)
    ('diff-lower-space', 'together-hooks', ('scan', '--diff', _cut(LOW, 27, ' ')), '--diff'),
    ('diff-upper-space', 'together-hooks', ('scan', '--diff', _cut(UP, 31, ' ')), '--diff'),
    ('format-upper-space', 'together-hooks', ('scan', '--format', _cut(UP, 20, ' ')), '--format'),
    ('format-lower-tab', 'together-hooks', ('scan', '--format', _cut(LOW, 40, '\t')), '--format'),
    ('missing-lower-folders', 'together-hooks', ('scan', f'src/{_cut(LOW, 25, "/")}/a.py'), 'no such file'),
    ('missing-upper-folders', 'together-hooks', ('scan', f'src/{_cut(UP, 18, "/")}/a.py'), 'no such file'),
    ('diff-terminal-wrap', 'together-hooks', ('scan', '--diff', _cut(KEY, 33, '\n')), '--diff'),
    ('diff-line-continuation', 'together-hooks', ('scan', '--diff', _cut(KEY, 21, '\\\n')), '--diff'),
    ('since-tab', 'together-hooks', ('scan', '--history', '--since', _cut(KEY, 14, '\t')), '--since'),
    ('format-json-escaped', 'together-hooks',
     ('scan', '--format', ''.join('\\u%04x' % ord(c) for c in KEY)), '--format'),
    ('format-percent', 'together-hooks',
     ('scan', '--format', ''.join('%%%02X' % ord(c) for c in KEY)), '--format'),
    ('format-base64-offset', 'together-hooks',
     ('scan', '--format', base64.b64encode(b'k=' + KEY.encode()).decode()), '--format'),
    ('format-hex', 'together-hooks', ('scan', '--format', KEY.encode().hex()), '--format'),
    ('format-legacy-upper', 'together-hooks', ('scan', '--format', f'TOGETHER_API_KEY={HEX.upper()}'), '--format'),
    ('doctor-format-lower-space', 'together-hooks', ('doctor', '--format', _cut(LOW, 30, ' ')), '--format'),
    ('rotate-hashed-lower-space', 'together-hooks',
     ('rotate-help', '--hashed-secret', _cut(LOW, 12, ' ')), '--hashed-secret'),
    ('hook-format-upper-wrap', 'detect-together-keys', ('--format', _cut(UP, 26, '\n')), '--format'),
    ('hook-missing-lower-folders', 'detect-together-keys', (f'{_cut(LOW, 35, "/")}.py',), 'no such file'),
]


@pytest.mark.parametrize('script, argv, shown', [c[1:] for c in ARGUMENT_CASES],
                         ids=[c[0] for c in ARGUMENT_CASES])
def test_an_argument_cut_cased_or_encoded_is_not_echoed_whole(clean, script, argv, shown):
    result = run_in_process(script, *argv, cwd=clean, env=_environ())
    assert result.rc == 2, result.out + result.err
    _check(result, (shown,))


# --- what the repository holds: paths, links, submodules, settings ----------

def _scan_all(repo: Path, tmp_path: Path, *extra_runs: tuple[str, ...], env: dict | None = None):
    """``scan`` in every format (the text report and audit log written to
    files too), ``doctor`` and any ``extra_runs``: their results and what
    they wrote."""
    out = tmp_path / 'out'
    out.mkdir(exist_ok=True)
    env = _environ() if env is None else env
    runs = [run_in_process('together-hooks', 'scan', '--output', str(out / 'r.txt'),
                           '--audit-log', str(out / 'audit.jsonl'), cwd=repo, env=env)]
    for fmt in ('json', 'sarif', 'github'):
        runs.append(run_in_process('together-hooks', 'scan', '--format', fmt, cwd=repo, env=env))
    runs.append(run_in_process('together-hooks', 'doctor', cwd=repo, env=env))
    for argv in extra_runs:
        runs.append(run_in_process(argv[0], *argv[1:], cwd=repo, env=env))
    return runs, _written(out)


def _check_all(runs, written, shown: str) -> None:
    texts = [t for r in runs for t in (r.out, r.err)] + written
    for r in runs:
        assert 'Traceback' not in r.err, r.err
        assert r.rc in (0, 1, 2), r.err
    assert leaked([KEY, HEX], *texts) == [], texts
    assert shown in ''.join(texts), texts


@pytest.mark.parametrize('folders', [KEY, LOW, UP], ids=['as-typed', 'lower', 'upper'])
def test_a_key_cut_across_a_paths_folders_is_not_shown(tmp_path, folders):
    """A file under ``<key[:20]>/<key[20:]>/`` holding another key: its
    path is in every finding."""
    repo = _new_repo(tmp_path / 'repo')
    where = repo / 'cfg' / folders[:20] / folders[20:]
    where.mkdir(parents=True)
    (where / 'app.env').write_text(f'TOGETHER_API_KEY={OTHER}\n')
    git(repo, 'add', '.')
    _commit(repo, '-m', 'cfg')
    runs, written = _scan_all(repo, tmp_path, ('together-hooks', 'rotate-help', '--all'),
                              ('together-hooks', 'baseline', 'create'))
    written.append((repo / '.secrets.baseline').read_text())
    _check_all(runs, written, 'app.env')


@pytest.mark.parametrize('target', [f'../{KEY[:24]}/{KEY[24:]}', LOW, f'/{UP[:30]}/{UP[30:]}'],
                         ids=['cut', 'lower', 'upper-cut'])
def test_a_key_in_a_symlinks_target_is_not_shown(tmp_path, target):
    repo = _new_repo(tmp_path / 'repo')
    (repo / 'settings.env').write_text(f'TOGETHER_API_KEY={OTHER}\n')
    os.symlink(target, repo / 'current.env')
    git(repo, 'add', '.')
    _commit(repo, '-m', 'link')
    runs, written = _scan_all(repo, tmp_path, ('detect-together-keys', 'current.env', 'settings.env'))
    _check_all(runs, written, 'settings.env')


def test_a_key_as_a_submodules_name_is_not_shown(tmp_path):
    repo = _new_repo(tmp_path / 'repo')
    (repo / '.gitmodules').write_text(
        f'[submodule "{KEY}"]\n\tpath = vendor/lib\n\turl = https://127.0.0.1:9/{LOW}.git\n')
    blob = git(repo, 'rev-parse', 'HEAD').strip()
    git(repo, 'update-index', '--add', '--cacheinfo', f'160000,{blob},vendor/lib')
    (repo / 'settings.env').write_text(f'TOGETHER_API_KEY={OTHER}\n')
    git(repo, 'add', '.gitmodules', 'settings.env')
    _commit(repo, '-m', 'sub')
    runs, written = _scan_all(repo, tmp_path, ('together-hooks', 'scan', '--history'))
    _check_all(runs, written, 'settings.env')


def test_a_broken_gitmodules_naming_a_key_is_not_echoed(tmp_path):
    repo = _new_repo(tmp_path / 'repo')
    (repo / '.gitmodules').write_text(f'[submodule "{KEY}\n\tpath = {UP}\n')
    (repo / '.gitattributes').write_text(f'{KEY} filter=lfs diff=lfs merge=lfs -text\n[{LOW}\n')
    git(repo, 'add', '.')
    _commit(repo, '-m', 'broken')
    runs, written = _scan_all(repo, tmp_path, ('together-hooks', 'scan', '--history'),
                              ('together-hooks', 'scan', '--staged'))
    _check_all(runs, written, '.gitmodules')


@pytest.mark.parametrize('config, shown', [
    (f'[tool.together-hooks]\nexclude = {KEY}\n', 'pyproject.toml'),
    (f'[tool.together-hooks]\nexclude = ["{KEY[:20]}\n{KEY[20:]}"]\n', 'pyproject.toml'),
    (f'[tool.together-hooks]\n{LOW[:25]} {LOW[25:]} = 1\n', 'pyproject.toml'),
    (f'[tool.together-hooks.{KEY}]\nx = 1\n', 'pyproject.toml'),
    (f'[tool.together-hooks]\nbaseline = "{KEY[:20]}/{KEY[20:]}.json"\n', 'baseline'),
], ids=['bare-value', 'string-cut-by-newline', 'name-lower-space', 'table', 'baseline-folders'])
def test_a_key_in_pyproject_settings_is_not_echoed(tmp_path, config, shown):
    """``[tool.together-hooks]`` in pyproject.toml: TOML's own errors and
    ours name the bad text."""
    repo = _new_repo(tmp_path / 'repo')
    (repo / 'pyproject.toml').write_text(config)
    runs, written = _scan_all(repo, tmp_path, ('detect-together-keys', 'app.py'))
    _check_all(runs, written, shown)
    assert runs[-1].rc == 2, runs[-1].err


@pytest.mark.parametrize('config', [
    ('repos:\n- repo: https://github.com/Yelp/detect-secrets\n  rev: v1.5.0\n  hooks:\n'
     f'  - id: detect-secrets\n    args: [--baseline, "{KEY[:25]}/{KEY[25:]}.json"]\n'),
    ('repos:\n- repo: local\n  hooks:\n  - id: detect-secrets\n    name: ds\n'
     f'    entry: detect-secrets-hook --baseline {LOW}.baseline\n    language: system\n'),
    f'repos:\n- repo: {KEY}\n  rev: [unclosed\n',
    f'repos: {{"{KEY}": *nowhere}}\n',
], ids=['ds-baseline-folders', 'ds-entry-lower', 'bad-yaml', 'bad-alias'])
def test_a_key_in_the_pre_commit_config_is_not_echoed_by_doctor(tmp_path, config):
    repo = _new_repo(tmp_path / 'repo')
    (repo / '.pre-commit-config.yaml').write_text(config)
    git(repo, 'add', '.')
    _commit(repo, '-m', 'pc')
    runs = [run_in_process('together-hooks', 'doctor', *fmt, cwd=repo, env=_environ())
            for fmt in ((), ('--format', 'json'))]
    _check_all(runs, [], 'pre-commit')


@pytest.mark.parametrize('name, value', [
    ('core.hooksPath', f'.hooks/{KEY[:30]}/{KEY[30:]}'),
    ('core.hooksPath', f'/opt/{LOW}'),
    ('alias.ship', f'!git push https://x:{KEY}@127.0.0.1:9/app.git'),
    ('core.excludesFile', f'/etc/{UP}'),
], ids=['hooks-path-cut', 'hooks-path-lower', 'alias', 'excludes-upper'])
def test_a_key_in_git_settings_is_not_echoed_by_doctor(tmp_path, name, value):
    repo = _new_repo(tmp_path / 'repo')
    git(repo, 'config', name, value)
    runs = [run_in_process('together-hooks', 'doctor', *fmt, cwd=repo, env=_environ())
            for fmt in ((), ('--format', 'json'))]
    runs.append(run_in_process('detect-together-keys', 'app.py', cwd=repo, env=_environ()))
    _check_all(runs, [], 'hook')


@pytest.mark.parametrize('folders', [f'{KEY[:20]}/{KEY[20:]}', f'{LOW[:9]}/{LOW[9:]}'],
                         ids=['as-typed', 'lower'])
def test_the_repositorys_own_folder_cut_by_a_slash_is_not_shown(tmp_path, folders):
    repo = _new_repo(tmp_path / folders / 'repo')
    (repo / 'settings.env').write_text(f'TOGETHER_API_KEY={OTHER}\n')
    git(repo, 'add', '.')
    _commit(repo, '-m', 'env')
    runs, written = _scan_all(repo, tmp_path, ('together-hooks', 'doctor', '--format', 'json'),
                              ('together-hooks', 'scan', str(repo)))
    _check_all(runs, written, 'settings.env')


@pytest.mark.parametrize('variable, value, argv', [
    ('GIT_DIR', '/nowhere/{low}/.git', ('together-hooks', 'scan', '--staged')),
    ('GIT_INDEX_FILE', '/nowhere/{cut}/index', ('together-hooks', 'scan', '--staged')),
    ('GIT_WORK_TREE', '/nowhere/{up}', ('together-hooks', 'scan')),
    ('PRE_COMMIT_FROM_REF', '{low}', ('detect-together-keys', '--diff-from-env')),
    ('XDG_CACHE_HOME', '/dev/null/{cut}', ('together-hooks', 'scan')),
    ('HOME', '/nowhere/{key}', ('together-hooks', 'doctor')),
], ids=['git-dir-lower', 'index-file-cut', 'work-tree-upper', 'pre-commit-from-ref-lower',
        'cache-home-cut', 'home'])
def test_a_key_in_gits_variables_is_not_echoed(clean, variable, value, argv):
    value = value.format(low=LOW, up=UP, key=KEY, cut=f'{KEY[:22]}/{KEY[22:]}')
    env = _environ(**{variable: value})
    if variable == 'PRE_COMMIT_FROM_REF':
        env.update(PRE_COMMIT_TO_REF='HEAD')
        argv = ('detect-together-keys', 'app.py')
    result = run_in_process(argv[0], *argv[1:], cwd=clean, env=env)
    assert result.rc in (0, 1, 2), result.err
    _check(result, ())


# --- files the product reads and writes: baselines, templates --------------

@pytest.mark.parametrize('text', [
    '{"version": "1.5.0", "results": {"' + KEY + '": [',
    '{"version": "1.5.0", "plugins_used": [{"name": "' + LOW[:30] + ' ' + LOW[30:] + '"}], "results": {}}',
    '{"version": "1.5.0", "results": {"a.py": [{"type": "x", "hashed_secret": "'
    + UP[:25] + '\\n' + UP[25:] + '", "line_number": 1}]}}',
], ids=['truncated', 'plugin-name-lower', 'hash-upper-wrapped'])
def test_a_baseline_with_a_key_in_bad_json_is_not_echoed(tmp_path, text):
    repo = _new_repo(tmp_path / 'repo')
    (repo / '.secrets.baseline').write_text(text)
    runs = [
        run_in_process('detect-together-keys', 'app.py', cwd=repo, env=_environ()),
        run_in_process('together-hooks', 'scan', cwd=repo, env=_environ()),
        run_in_process('together-hooks', 'baseline', 'update', cwd=repo, env=_environ()),
        run_in_process('together-hooks', 'doctor', cwd=repo, env=_environ()),
    ]
    after = (repo / '.secrets.baseline').read_text()
    _check_all(runs, [after] if after != text else [], 'baseline')  # written back, or left


def test_an_env_templates_variable_named_with_a_key_is_not_echoed(tmp_path):
    repo = _new_repo(tmp_path / 'repo')
    (repo / '.env.example').write_text(
        f'{UP[:30]}_{UP[30:]}=sk-live-0a9f8e7d6c5b4a39281706f5e4d3c2b1\nTOGETHER_API_KEY={OTHER}\n')
    git(repo, 'add', '.')
    runs = [run_in_process('forbid-env-files', '.env.example', cwd=repo, env=_environ()),
            run_in_process('detect-together-keys', '.env.example', cwd=repo, env=_environ()),
            run_in_process('together-hooks', 'scan', '--staged', cwd=repo, env=_environ())]
    _check_all(runs, [], '.env.example')


def test_sarif_fingerprints_of_a_legacy_key_in_capitals_hold_no_form_of_it(tmp_path):
    """A legacy key in capitals with its Together context: SARIF's
    ``fingerprints``/``partialFingerprints`` and every other field hold
    no hex, base64 or raw form of it."""
    repo = _new_repo(tmp_path / 'repo')
    (repo / 'settings.env').write_text(f'TOGETHER_API_KEY={HEX.upper()}\nTOGETHER_API_KEY={KEY}\n')
    git(repo, 'add', '.')
    _commit(repo, '-m', 'env')
    out = tmp_path / 'out'
    out.mkdir()
    result = run_in_process('together-hooks', 'scan', '--format', 'sarif', '--sarif-out',
                            str(out / 'x.sarif'), cwd=repo, env=_environ())
    assert result.rc == 1, result.err
    doc = json.loads(result.out)
    prints = [json.dumps(r.get('fingerprints', {})) + json.dumps(r.get('partialFingerprints', {}))
              for run in doc['runs'] for r in run['results']]
    assert prints  # the current key's (a legacy key is one in lower case only)
    assert leaked([KEY, HEX], *prints) == []
    _check(result, ('partialFingerprints',), _written(out))


# --- HTTP bodies relayed: --verify, --github-org, proxies -------------------

class Echo(http.server.BaseHTTPRequestHandler):
    """Answers every request with ``status`` and ``body`` (a body that
    quotes a key, as a server echoing the request does)."""

    status = 200
    body = b''
    asked: list = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.asked.append(self.path)
        self.send_response(self.status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_CONNECT = do_GET  # noqa: N815 (a proxy asked to tunnel)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def echo():
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Echo)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    Echo.asked = []
    yield f'http://127.0.0.1:{server.server_address[1]}'
    server.shutdown()
    server.server_close()


@pytest.fixture(scope='module')
def keyed(tmp_path_factory):
    repo = _new_repo(tmp_path_factory.mktemp('leak35-keyed') / 'repo')
    (repo / 'settings.env').write_text(f'TOGETHER_API_KEY={KEY}\n')
    git(repo, 'add', '.')
    _commit(repo, '-m', 'env')
    return repo


@pytest.mark.parametrize('status, body', [
    (200, json.dumps({'error': f'key {KEY} ok', 'data': KEY})),
    (200, KEY + ' ' + base64.b64encode(KEY.encode()).decode()),
    (401, json.dumps({'error': {'message': f'Invalid API key {KEY}'}})),
    (500, f'upstream said: Authorization: Bearer {LOW}'),
], ids=['200-json-echo', '200-not-json', '401-echo', '500-lower'])
@pytest.mark.parametrize('fmt', ['text', 'json', 'sarif'])
def test_verify_relays_no_key_from_the_apis_body(keyed, echo, status, body, fmt):
    Echo.status, Echo.body = status, body.encode()
    result = run_in_process('together-hooks', 'scan', '--verify', '--format', fmt, cwd=keyed,
                            env=_environ(TOGETHER_HOOKS_API_BASE=echo))
    assert result.rc in (0, 1), result.err
    assert Echo.asked, 'the API was asked'
    _check(result, ('settings.env',))


def test_a_proxy_in_the_environment_is_told_nothing_and_echoes_nothing(keyed, echo):
    """``HTTPS_PROXY``/``HTTP_PROXY``/``ALL_PROXY`` at an echoing server:
    ``--verify`` goes direct (to the loopback API), the proxy is asked
    nothing."""
    Echo.status, Echo.body = 200, json.dumps({'data': [], 'key': KEY}).encode()
    env = _environ(TOGETHER_HOOKS_API_BASE=echo, HTTPS_PROXY=echo + '/proxy', HTTP_PROXY=echo + '/proxy',
                   ALL_PROXY=echo + '/proxy', https_proxy=echo + '/proxy')
    result = run_in_process('together-hooks', 'scan', '--verify', cwd=keyed, env=env)
    assert result.rc == 1, result.err
    assert not any('proxy' in path for path in Echo.asked), Echo.asked
    _check(result, ('settings.env',))


@pytest.mark.parametrize('status, body', [
    (404, {'message': f'Not Found: {KEY}', 'documentation_url': f'https://x/{LOW}'}),
    (401, {'message': f'Bad credentials {KEY[:20]} {KEY[20:]}'}),
    (422, {'message': UP}),  # not a 5xx: those are tried again after 1+2+4+8+16 s, the body never shown
    (200, [{'name': KEY, 'full_name': f'acme/{KEY}', 'clone_url': f'http://127.0.0.1:9/{KEY}.git',
            'fork': False, 'archived': False, 'forks_count': 0, 'size': 1}]),
], ids=['404-echo', '401-cut', '422-upper', 'listed-name'])
def test_github_org_relays_no_key_from_the_apis_body(tmp_path, echo, status, body):
    Echo.status, Echo.body = status, json.dumps(body).encode()
    store = tmp_path / 'org.db'
    result = run_in_process('together-hooks', 'scan-org', '--github-org', 'acme', '--github-api-url', echo,
                            '--store', str(store), cwd=tmp_path, env=_environ())
    assert result.rc in (1, 2), result.out + result.err
    written = []
    if store.exists():
        import sqlite3

        with sqlite3.connect(store) as db:
            for (table,) in db.execute("select name from sqlite_master where type='table'"):
                written += [repr(row) for row in db.execute(f'select * from "{table}"')]
    _check(result, ('acme',), written)


# --- pre-receive: its messages to the pushing client ------------------------

@pytest.fixture(scope='module')
def served(tmp_path_factory):
    """A bare repository and a commit holding a key to push into it."""
    return serve(tmp_path_factory.mktemp('leak35-served'), OTHER)


def serve(root: Path, key: str) -> tuple[Path, str, str]:
    """A bare repository at main's first commit under ``root``, and the
    commit after it, whose ``settings.env`` holds ``key`` (its id and its
    parent's): what a push into a pre-receive gate brings."""
    work = _new_repo(root / 'work')
    first = git(work, 'rev-parse', 'HEAD').strip()
    (work / 'settings.env').write_text(f'TOGETHER_API_KEY={key}\n')
    git(work, 'add', '.')
    _commit(work, '-m', 'settings')
    second = git(work, 'rev-parse', 'HEAD').strip()
    bare = root / 'served.git'
    git(root, 'clone', '-q', '--bare', str(work), str(bare))
    git(bare, 'update-ref', 'refs/heads/main', first)
    return bare, first, second


@pytest.mark.parametrize('ref', [
    f'refs/heads/{KEY[:20]}/{KEY[20:]}', f'refs/heads/feature/{LOW}', f'refs/tags/{UP[:30]}/{UP[30:]}',
], ids=['cut-by-folders', 'lower', 'upper-cut'])
def test_pre_receive_names_no_key_in_a_ref_cut_or_cased(served, ref):
    import subprocess

    from tests.cli_run import BIN

    bare, first, second = served
    proc = subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'pre-receive'), input=f'{first} {second} {ref}\n'.encode(),
        cwd=bare, capture_output=True, env=_environ(PYTHONIOENCODING='utf-8'), timeout=300,
    )
    out = proc.stdout.decode('utf-8', 'backslashreplace') + proc.stderr.decode('utf-8', 'backslashreplace')
    assert proc.returncode == 1, out
    assert 'Traceback' not in out
    assert 'settings.env' in out, out
    assert leaked([KEY, HEX], out) == [], out


# --- scan-org: a repository it cannot read, named with a key ---------------

@pytest.mark.parametrize('line', [
    f'/nowhere/{LOW[:20]}/{LOW[20:]}',
    f'file:///nowhere/{KEY[:20]}/{KEY[20:]}.git',
    f'file:///nowhere/{UP}.git',
], ids=['missing-folder-lower-cut', 'file-url-cut', 'file-url-upper'])
def test_scan_org_relays_no_key_from_a_repository_it_cannot_read(tmp_path, line):
    """git's own error (``fatal: '<path>' does not appear to be a git
    repository``) relayed from the scan process, in the run's lines, its
    reports and its store."""
    listing = tmp_path / 'repos.txt'
    listing.write_text(line + '\n')
    store = tmp_path / 'org.db'
    runs = [run_in_process('together-hooks', 'scan-org', '--repos', str(listing), '--store', str(store),
                           cwd=tmp_path, env=_environ())]
    if store.exists():
        for fmt in ('json', 'markdown'):
            runs.append(run_in_process('together-hooks', 'scan-org', 'report', '--store', str(store),
                                       '--format', fmt, cwd=tmp_path, env=_environ()))
    written = []
    if store.exists():
        import sqlite3

        with sqlite3.connect(store) as db:
            for (table,) in db.execute("select name from sqlite_master where type='table'"):
                written += [repr(row) for row in db.execute(f'select * from "{table}"')]
    _check_all(runs, written, 'nowhere')
