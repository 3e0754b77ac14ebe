"""The detect-secrets baseline: our reader, writer, hook filter and plugin.

Real detect-secrets 1.5.0 (its CLI in a subprocess, its scanner in-process
for the sample-by-sample comparison), real git repositories, and the real
pre-commit framework for the commit scenario.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_run import assert_error_line
from tests.cli_run import assert_error_text
from tests.cli_run import hook_in_process as hook
from tests.cli_run import leaked
from tests.cli_run import run_in_process as run
from tests.conftest import git
from tests.keys import fill
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.baseline import format as bl
from together_hooks.cli import main as cli_main
from together_hooks.baseline.audit import redact_report
from together_hooks.findings import hash_secret
from together_hooks.detect.engine import scan_bytes
from together_hooks.errors import InputError
from together_hooks.hooks.detect_together_keys import main as hook_main
from together_hooks.rules import RULES

BIN = os.path.dirname(sys.executable)
PRE_COMMIT = os.path.join(BIN, 'pre-commit')
OUR_TYPES = ('Together API Key', 'Together Legacy API Key')


def detect_secrets(*args: str, cwd: os.PathLike[str] | str = '.') -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        (sys.executable, '-m', 'detect_secrets', *args), cwd=cwd,
        capture_output=True, text=True, timeout=120,
    )


def read(path: os.PathLike[str] | str) -> dict:
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def write_json(path: os.PathLike[str] | str, doc: dict) -> None:
    Path(path).write_text(json.dumps(doc, indent=2) + '\n')


def entries(doc: dict) -> list[tuple[str, str, str]]:
    """(file, type, hashed_secret) of every entry, sorted."""
    return sorted(
        (name, e['type'], e['hashed_secret'])
        for name, items in doc['results'].items() for e in items
    )


class Keys(list):
    """Test keys whose repr (in pytest's tracebacks) shows only hashes."""

    def __repr__(self) -> str:
        return f'Keys({[hash_secret(k)[:12] for k in self]})'


def _keys() -> Keys:
    rng = random.Random(3003)
    return Keys([make_key(rng) for _ in range(4)] + [make_hex(rng)])


@pytest.fixture
def keys():
    return _keys()


@pytest.fixture
def repo(git_repo, keys):
    """A repository with one current key (app.py) and one legacy key (deploy.sh)."""
    return _filled(git_repo, keys)


def _filled(repo: Path, keys: list[str]) -> Path:
    (repo / 'app.py').write_text(
        f'import os\n\nclient = Together(api_key="{keys[0]}")\n',
    )
    (repo / 'deploy.sh').write_text(f'export TOGETHER_API_KEY={keys[4]}\n')
    (repo / 'README.md').write_text('hello\n')
    git(repo, 'add', '.')
    return repo


# --- the plugin: detect-secrets finds exactly what we find -------------------

def _samples() -> list:
    return [
        pytest.param(sample, id=f'{rule.id}-{kind}{n}')
        for rule in RULES
        for kind, samples in (('tp', rule.true_positives), ('fp', rule.false_positives))
        for n, sample in enumerate(samples)
    ]


_PLUGIN_TEST = 'test_plugin_finds_exactly_what_the_engine_finds'


@pytest.fixture(scope='module')
def ds_found(request, tmp_path_factory) -> dict[str, tuple[bytes, frozenset[str]]]:
    """{sample: (its file's bytes, what detect-secrets' own file scanner
    finds in that file with only our plugin loaded)} for every sample this
    run selected, each written to a file of its own.

    One pass over all of them, as ``detect-secrets-hook`` goes over a
    commit's files: one settings context, one thread, one folder (a
    settings context, a thread and a tmp_path a sample were ~2 ms of a
    case's ~5.6), built once a run (tests/once.py); each sample is still
    its own test, which checks its own file's part.
    """
    from tests.once import once

    templates = sorted({
        item.callspec.params['template'] for item in request.session.items
        if getattr(item, 'originalname', None) == _PLUGIN_TEST
    })

    def build() -> dict[str, tuple[bytes, frozenset[str]]]:
        root = tmp_path_factory.mktemp('plugin-samples')
        paths = {}
        for n, template in enumerate(templates):
            text, _held = fill(template, random.Random(7))
            path = root / str(n) / 'sample.txt'
            path.parent.mkdir()
            path.write_text(f'first line\n{text}\nlast line\n')
            paths[template] = path
        found = _ds_scan_files(list(paths.values()))
        return {t: (p.read_bytes(), found[str(p)]) for t, p in paths.items()}
    return once(tmp_path_factory, 'baseline-plugin-samples', build)


def _ds_scan_files(paths: list) -> dict[str, frozenset[str]]:
    """{path: hashes of our types} from detect-secrets' own file scanner,
    with only our plugin loaded, over every path in one settings context."""
    import threading

    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.core.scan import scan_file
    from detect_secrets.settings import transient_settings

    config = {
        'plugins_used': [
            {'name': name, 'path': f'file://{bl.PLUGIN_FILE}'} for name in bl.our_plugins()
        ],
        'filters_used': [dict(f) for f in bl.CREATE_FILTERS],
    }

    def scan() -> dict[str, frozenset[str]]:
        with transient_settings(config):
            # detect-secrets keeps one mapping of plugin classes (its own
            # and the files' the settings name) until cleared: made again
            # (every plugin module imported anew) in this context, so a
            # test elsewhere that loaded other plugins cannot leave ours out.
            get_mapping_from_secret_type_to_class.cache_clear()
            mapping = get_mapping_from_secret_type_to_class()
            assert all(t in mapping for t in OUR_TYPES), sorted(mapping)
            return {
                str(path): frozenset(s.secret_hash for s in scan_file(str(path)) if s.type in OUR_TYPES)
                for path in paths
            }

    # detect-secrets looks up a filter's settings by its caller's name
    # with ``inspect.stack()``, which reads every frame's source line:
    # under pytest, some fifty frames a verified secret.  A thread of its
    # own runs the same scan a few frames deep.
    got: list = []

    def work() -> None:
        try:
            got.append(scan())
        except BaseException as e:  # re-raised in the test's thread
            got.append(e)
    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    if isinstance(got[0], BaseException):
        raise got[0]
    return got[0]


@pytest.mark.parametrize('template', _samples())
def test_plugin_finds_exactly_what_the_engine_finds(template, ds_found):
    text, _held = fill(template, random.Random(7))
    data, found = ds_found[template]
    ours = {f.hashed_secret for f in scan_bytes(data, 'sample.txt')}
    # (lines as detect-secrets splits them: a binary sample's CR or other
    # line-breaking byte, a class file's length byte 13, starts a line too)
    if len(text.splitlines()) < 6 and text.isprintable() is False and any(
            c in text for c in '\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029'):
        assert found <= ours
    elif text.count('\n') < 6:
        assert found == ours
    else:
        # detect-secrets shows a plugin 5 lines either side of a line: a key
        # whose context (a heading, the request's URL) is farther than
        # that is the engine's alone, never the plugin's by mistake.
        assert found <= ours


@pytest.mark.parametrize('disable', [(), (
    '--disable-filter', 'detect_secrets.filters.heuristic.is_indirect_reference',
)])
def test_detect_secrets_scan_with_the_plugin(repo, keys, disable):
    proc = detect_secrets('scan', '--plugin', bl.PLUGIN_FILE, *disable, cwd=repo)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    names = {p['name'] for p in doc['plugins_used'] if 'path' in p}
    assert names == {'TogetherApiKeyDetector', 'TogetherLegacyApiKeyDetector'}
    ours = [e for e in entries(doc) if e[1] in OUR_TYPES]
    expected = [('deploy.sh', 'Together Legacy API Key', hash_secret(keys[4]))]
    if disable:
        expected.insert(0, ('app.py', 'Together API Key', hash_secret(keys[0])))
    # By default detect-secrets skips ``client = Together(api_key=...)``
    # lines (its is_indirect_reference filter) before any plugin runs.
    assert ours == expected
    assert leaked(keys, proc.stdout, proc.stderr) == []


def test_hashed_secret_is_detect_secrets_own_for_every_key_edge(git_repo):
    # The baseline's identity of a key is detect-secrets' SHA-1 of the raw
    # key: ours must be the same for keys ending in '_' or '-' too, computed
    # by detect-secrets itself (not by our hash_secret).
    from detect_secrets.core.potential_secret import PotentialSecret

    rng = random.Random(3131)
    made = Keys([make_key(rng, last='_'), make_key(rng, last='-'), make_key(rng), make_hex(rng)])
    names = [f'k{i}.sh' for i in range(len(made))]
    for name, key in zip(names, made):
        (git_repo / name).write_text(f'export TOGETHER_API_KEY={key}\n')
    want = sorted(PotentialSecret.hash_secret(k) for k in made)
    ours = run('together-hooks', 'scan', '--format', 'json', *names, cwd=git_repo)
    assert ours.rc == 1, ours.err
    assert sorted(f['hashed_secret'] for f in ours.json()['findings']) == want
    theirs = detect_secrets('scan', '--plugin', bl.PLUGIN_FILE, *names, cwd=git_repo)
    assert theirs.returncode == 0, theirs.stderr
    assert sorted(e[2] for e in entries(json.loads(theirs.stdout)) if e[1] in OUR_TYPES) == want
    assert leaked(made, ours.out, ours.err, theirs.stdout, theirs.stderr) == []


# --- reading: labels, lines and types never matter ---------------------------

def test_lookup_ignores_line_and_type_and_reads_labels():
    doc = {
        'version': '1.5.0',
        'results': {
            'a.py': [
                {'type': 'Base64 High Entropy String', 'filename': 'a.py',
                 'hashed_secret': 'h1', 'is_verified': False, 'line_number': 9},
                {'type': 'Secret Keyword', 'filename': 'a.py',
                 'hashed_secret': 'h2', 'is_verified': False, 'is_secret': True},
                {'type': 'Together API Key', 'filename': 'a.py',
                 'hashed_secret': 'h3', 'is_verified': False, 'is_secret': False},
            ],
        },
    }
    b = bl.parse(json.dumps(doc), 'x')
    assert [b.label('a.py', h) for h in ('h1', 'h2', 'h3', 'h4')] == [
        'known', 'real', 'known', None,
    ]
    assert b.label('./a.py', 'h1') == 'known'
    assert b.label('b.py', 'h1') is None
    assert b.slim is False  # it has line numbers
    assert bl.parse('{"version": "1.5.0", "results": {}}', 'x').slim is True



@pytest.mark.parametrize('bom', [b'', b'\xef\xbb\xbf'], ids=['plain', 'bom'])
def test_baseline_file_with_or_without_a_bom_loads(tmp_path, bom):
    path = tmp_path / '.secrets.baseline'
    path.write_bytes(bom + b'{"version": "1.5.0", "results": {"a.py": [{"type": "x", '
                     b'"hashed_secret": "h", "is_secret": false}]}}\n')
    assert bl.load(str(path)).label('a.py', 'h') == 'known'
    path.write_bytes(bom + b'{"version": "1.5.0", "results": {}}\xff')
    with pytest.raises(bl.InputError, match='not UTF-8'):
        bl.load(str(path))

def _baseline_doc(repo, keys) -> dict:
    return {
        'version': '1.5.0', 'plugins_used': [], 'filters_used': [],
        'results': {'app.py': [{
            'type': 'Together API Key', 'filename': 'app.py',
            'hashed_secret': hash_secret(keys[0]), 'is_verified': False,
            'line_number': 3,
        }]},
        'generated_at': '2026-01-01T00:00:00Z',
    }


BAD_BASELINES = [
    pytest.param(None, 'not found', id='missing'),
    pytest.param('', 'empty', id='empty'),
    pytest.param('  \n', 'empty', id='blank'),
    pytest.param('{"version": "1.5.0", "results": {"app.py": [', 'not valid JSON', id='truncated'),
    pytest.param('\x00\x01garbage', 'not valid JSON', id='garbage'),
    # A conflict's markers start lines as git counts them (at \n only): a
    # name holding U+2028 (which str.splitlines breaks at) neither moves
    # the line named, nor makes a truncated file's string a conflict, nor
    # is a lone ======= one (git writes <<<<<<<, ======= and >>>>>>>).
    pytest.param('{\n  "version": "1.5.0",\n  "results": {"a\u2028b": [],\n<<<<<<< HEAD\n'
                 '=======\n  "c": []\n>>>>>>> feature\n}}\n', 'merge-conflict markers (line 4)',
                 id='conflict-line'),
    pytest.param('{"version": "1.5.0", "results": {"a\u2028<<<<<<< b": [\n=======\n>>>>>>> c',
                 'not valid JSON', id='marker-in-a-string'),
    pytest.param('=======\n', 'not valid JSON', id='lone-separator'),
    # Valid JSON nested deeper than the parser goes: not "truncated or corrupt?".
    pytest.param('{"version": "1.5.0", "results": {"a": ' + '[' * 100_000 + ']' * 100_000 + '}}',
                 'nested too deep', id='deep'),
    pytest.param('[]', 'not a detect-secrets baseline', id='list'),
    pytest.param('{"version": "1.5.0"}', '"results"', id='no-results'),
    pytest.param('{"version": "1.5.0", "results": []}', '"results"', id='results-list'),
    pytest.param('{"version": "1.5.0", "results": {"a": [{"type": "x"}]}}',
                 'hashed_secret', id='entry-no-hash'),
    pytest.param('{"results": {}}', '"version"', id='no-version'),
    pytest.param('{"version": "2.0.0", "results": {}}', 'not supported', id='version-2'),
    pytest.param('{"version": "latest", "results": {}}', 'not supported', id='version-word'),
    pytest.param('{"version": "1.5.0", "results": {"a": [{"type": "x", '
                 '"hashed_secret": "h", "is_secret": "yes"}]}}', 'is_secret', id='bad-label'),
    # What detect-secrets itself cannot load (its audit said only "KeyError: 'name'").
    pytest.param('{"version": "1.5.0", "plugins_used": [{}], "results": {}}',
                 'plugins_used[0] has no "name"', id='plugin-no-name'),
    pytest.param('{"version": "1.5.0", "plugins_used": ["Keyword"], "results": {}}',
                 'plugins_used[0] is not an object', id='plugin-string'),
    pytest.param('{"version": "1.5.0", "filters_used": [{"min_level": 2}], "results": {}}',
                 'filters_used[0] has no "path"', id='filter-no-path'),
    pytest.param('{"version": "1.5.0", "results": {"a": [{"type": "x", '
                 '"hashed_secret": "h", "filename": 5}]}}', '"filename" is not a string',
                 id='filename-number'),
]


@pytest.mark.parametrize(('version', 'supported'), (
    ('0.14.3', True), ('1.5.0', True), ('1.5', True), ('1.10.20', True),
    ('2.0.0', False), ('1', False), ('1.5.0.1', False), ('1.5.0\n', False),
    ('01.5', False), ('v1.5', False), ('1.x', False), ('1..5', False), ('', False),
))
def test_baseline_versions(version, supported):
    """detect-secrets 0.x and 1.x baselines, ``major.minor[.patch]``."""
    text = json.dumps({'version': version, 'results': {}})
    if supported:
        assert bl.parse(text, '.secrets.baseline').results == {}
    else:
        with pytest.raises(InputError, match='not supported'):
            bl.parse(text, '.secrets.baseline')


@pytest.mark.parametrize(('content', 'word'), BAD_BASELINES)
@pytest.mark.parametrize('argv', [
    ('hook', '--baseline', '.secrets.baseline', 'app.py'),
    ('scan', '--baseline', '.secrets.baseline'),
    ('baseline', 'update', '--baseline', '.secrets.baseline'),
    ('baseline', 'audit', '--stats', '--baseline', '.secrets.baseline'),
], ids=['hook', 'scan', 'update', 'audit'])
def test_unusable_baseline_is_one_line_exit_2_and_untouched(unusable_repo, content, word, argv, capsys,
                                                            monkeypatch):
    """(The 92 cases share one repository, ``repo``'s files staged: each
    checks that its run left the work tree and the index as they were,
    its bad baseline included, and takes that baseline out again.)"""
    repo, left = unusable_repo
    monkeypatch.chdir(repo)
    path = repo / '.secrets.baseline'
    try:
        if content is not None:
            path.write_bytes(content.encode('utf-8', 'surrogateescape'))
        code = hook_main(list(argv[1:])) if argv[0] == 'hook' else cli_main(list(argv))
        out = capsys.readouterr()
        assert_error_text(code, out.err, '.secrets.baseline', word)
        assert out.out == ''
        if content is None:
            assert not path.exists()
        else:
            assert path.read_bytes() == content.encode('utf-8', 'surrogateescape')
        assert _tree(repo, '.secrets.baseline') == left
    finally:
        if path.exists():
            path.unlink()


def _tree(repo: Path, *leave_out: str) -> dict[str, bytes]:
    """Every file under ``repo`` (``.git``'s included) and its bytes, but
    ``leave_out``."""
    return {
        str(p.relative_to(repo)): p.read_bytes() for p in sorted(repo.rglob('*'))
        if p.is_file() and str(p.relative_to(repo)) not in leave_out
    }


@pytest.fixture(scope='module')
def unusable_repo(tmp_path_factory, git_repo_template):
    """``repo``'s repository, once a module, and its files as they are."""
    import shutil

    repo = tmp_path_factory.mktemp('unusable') / 'repo'
    shutil.copytree(git_repo_template, repo, symlinks=True)
    _filled(repo, _keys())
    return repo, _tree(repo)


def test_unusable_baseline_through_the_console_script(repo):
    (repo / '.secrets.baseline').write_text('{"version": "1.5.0", "results": {"a.py": [')
    assert_error_line(hook('--baseline', '.secrets.baseline', 'app.py', cwd=repo),
                      '.secrets.baseline', 'not valid JSON')


# --- the hook with a baseline, in a real repository ---------------------------

def _hook(capsys, *args: str) -> tuple[int, str]:
    code = hook_main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_created_baseline_then_edits_new_keys_and_labels(repo, keys, capsys):
    assert cli_main(['baseline', 'create']) == 0
    capsys.readouterr()
    path = repo / '.secrets.baseline'
    before = path.read_bytes()
    assert entries(read(path)) == [
        ('app.py', 'Together API Key', hash_secret(keys[0])),
        ('deploy.sh', 'Together Legacy API Key', hash_secret(keys[4])),
    ]
    files = ('app.py', 'deploy.sh', 'README.md')
    assert _hook(capsys, '--baseline', '.secrets.baseline', *files)[0] == 0

    # Lines inserted above a known key, and the key moved: still known,
    # and the baseline is not touched.
    app = repo / 'app.py'
    app.write_text('"""Docs."""\n' * 30 + app.read_text() + f'again = "{keys[0]}"\n')
    code, out = _hook(capsys, '--baseline', '.secrets.baseline', *files)
    assert (code, out) == (0, '')
    assert path.read_bytes() == before

    # A new key blocks; the known one stays silent.
    app.write_text(app.read_text() + f'other = "{keys[1]}"\n')
    code, out = _hook(capsys, '--baseline', '.secrets.baseline', *files)
    assert code == 1
    assert hash_secret(keys[1]) in out and hash_secret(keys[0]) not in out
    assert leaked(keys, out) == []

    # Labelled a real key by an audit: blocks, and says to rotate it.
    app.write_text(app.read_text().replace(f'other = "{keys[1]}"\n', ''))
    doc = read(path)
    doc['results']['deploy.sh'][0]['is_secret'] = True
    write_json(path, doc)
    labelled = path.read_bytes()
    code, out = _hook(capsys, '--baseline', '.secrets.baseline', *files)
    assert code == 1
    # "rotate it now at URL (steps)", as docs/baseline.md quotes it: not
    # "rotate it at URL (... then revoke the old one) now".
    assert 'deploy.sh:1:' in out and 'confirmed real key' in out and 'rotate it now at' in out
    assert hash_secret(keys[4]) in out and hash_secret(keys[0]) not in out
    assert leaked(keys, out) == []

    # Audited as not a secret: passes.
    doc['results']['deploy.sh'][0]['is_secret'] = False
    write_json(path, doc)
    assert _hook(capsys, '--baseline', '.secrets.baseline', *files)[0] == 0
    assert path.read_bytes() != labelled  # only our own edit changed it

    # The same key recorded for another file does not excuse this one.
    (repo / 'copy.py').write_text(f'k = "{keys[0]}"\n')
    assert _hook(capsys, '--baseline', '.secrets.baseline', 'copy.py')[0] == 1


def test_baseline_paths_from_a_subfolder_and_scan(repo, keys):
    (repo / 'sub').mkdir()
    (repo / 'sub' / 'conf.py').write_text(f'KEY = "{keys[2]}"\n')
    git(repo, 'add', '.')
    assert run('together-hooks', 'baseline', 'create', cwd=repo).rc == 0
    assert ('sub/conf.py', 'Together API Key', hash_secret(keys[2])) in entries(
        read(repo / '.secrets.baseline'))
    for cwd, args in (
            (repo / 'sub', ('--baseline', '../.secrets.baseline', 'conf.py')),
            (repo, ('--baseline', '.secrets.baseline', 'sub/conf.py')),
    ):
        result = hook(*args, cwd=cwd)
        assert (result.rc, result.out) == (0, ''), result.err
    for cwd, args in (
            (repo / 'sub', ('--baseline', '../.secrets.baseline')),
            (repo, ('--baseline', '.secrets.baseline', 'sub')),
            (repo, ('--baseline', '.secrets.baseline', '--format', 'json')),
    ):
        result = run('together-hooks', 'scan', *args, cwd=cwd)
        assert result.rc == 0, (args, result.out, result.err)
    summary = run('together-hooks', 'scan', '--baseline', '.secrets.baseline',
                  '--format', 'json', cwd=repo).json()['summary']
    assert summary['baselined'] == 3 and summary['findings'] == 0


def test_slim_baseline_from_plain_detect_secrets_is_honoured(repo, keys):
    """Generic plugins (no Together plugin) recorded the keys: that counts."""
    (repo / 'settings.py').write_text(f'TOKEN = "{keys[3]}"\n')
    git(repo, 'add', '.')
    proc = detect_secrets('scan', '--slim', cwd=repo)
    assert proc.returncode == 0, proc.stderr
    (repo / '.secrets.baseline').write_text(proc.stdout)
    doc = json.loads(proc.stdout)
    assert 'generated_at' not in doc
    recorded = entries(doc)
    assert not [e for e in recorded if e[1] in OUR_TYPES]
    assert ('settings.py', 'Base64 High Entropy String', hash_secret(keys[3])) in recorded
    assert ('deploy.sh', 'Hex High Entropy String', hash_secret(keys[4])) in recorded
    before = (repo / '.secrets.baseline').read_bytes()

    # detect-secrets' own filters drop ``Together(api_key=...)`` lines, so
    # app.py's key is not in its baseline: that one still blocks.
    result = hook('--baseline', '.secrets.baseline', 'settings.py', 'deploy.sh', 'app.py', cwd=repo)
    assert result.rc == 1
    assert hash_secret(keys[0]) in result.out
    assert hash_secret(keys[3]) not in result.out and hash_secret(keys[4]) not in result.out
    # Moved down a few lines: still known.
    (repo / 'settings.py').write_text(f'import os\n\n\nTOKEN = "{keys[3]}"\n')
    result = hook('--baseline', '.secrets.baseline', 'settings.py', 'deploy.sh', cwd=repo)
    assert (result.rc, result.out) == (0, ''), result.err
    assert (repo / '.secrets.baseline').read_bytes() == before

    # update adds only what is missing, keeps the generic entries and slimness.
    assert run('together-hooks', 'baseline', 'update', cwd=repo).rc == 0
    after = read(repo / '.secrets.baseline')
    assert 'generated_at' not in after
    assert not any('line_number' in e for items in after['results'].values() for e in items)
    assert set(recorded) < set(entries(after))
    assert set(entries(after)) - set(recorded) == {
        ('app.py', 'Together API Key', hash_secret(keys[0])),
    }
    assert hook('--baseline', '.secrets.baseline', 'app.py', 'settings.py', cwd=repo).rc == 0


def test_the_hook_imports_only_what_its_hot_path_needs(repo):
    """Start-up is most of a hook's time: detect-secrets (~0.3 s), typing,
    argparse (with gettext's locale), the json package, fnmatch, subprocess
    and friends stay out of a run that scans files holding keys against a
    baseline.  The own keys' modules (``env``, ``detect.ownkeys``) are on
    that path since the hook reads the same env files as ``scan`` (one
    definition of the keys you hold: docs/env-policy.md)."""
    assert run('together-hooks', 'baseline', 'create', cwd=repo).rc == 0
    heavy = (
        'detect_secrets', 'typing', 'argparse', 'locale', 'json', 'shutil',
        'fnmatch', 'tempfile', 'subprocess', 'threading', 'hashlib', 'pickle',
        'together_hooks.verify', 'together_hooks.sources.parallel',
    )
    code = (
        'import sys\n'
        'before = set(sys.modules)\n'  # an editable install's finder loads fnmatch
        'from together_hooks.hooks.detect_together_keys import main\n'
        'rc = main(["--baseline", ".secrets.baseline", "app.py", "deploy.sh"])\n'
        f'loaded = sorted(set({heavy!r}) & (set(sys.modules) - before))\n'
        'assert not loaded, loaded\n'
        'raise SystemExit(rc)\n'
    )
    proc = subprocess.run((sys.executable, '-c', code), cwd=repo, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


# --- create / update ----------------------------------------------------------

def test_create_refuses_to_replace_a_baseline(repo):
    path = repo / '.secrets.baseline'
    path.write_text('{"version": "1.5.0", "results": {}}\n')
    result = run('together-hooks', 'baseline', 'create', cwd=repo)
    assert_error_line(result, 'already exists', 'update')
    assert path.read_text() == '{"version": "1.5.0", "results": {}}\n'
    assert run('together-hooks', 'baseline', 'create', '--force', cwd=repo).rc == 0
    assert len(read(path)['results']) == 2


def test_create_on_a_folder_says_it_is_a_folder(repo):
    """`baseline create --baseline docs` (a folder) said `docs already
    exists: baseline update keeps its labels (--force replaces it)`, and
    both failed (--force only after scanning the whole repository): every
    command now says what `update` says, before any scan."""
    (repo / 'docs').mkdir()
    for argv in (('create',), ('create', '--force'), ('update',)):
        result = run('together-hooks', 'baseline', *argv, '--baseline', 'docs', cwd=repo)
        assert_error_line(result, 'docs: is a folder, not a baseline file')
        assert result.out == '', result.out
    assert os.listdir(repo / 'docs') == []


def test_the_plugin_path_note_is_said_once_and_a_baseline_outside_git_says_where(repo, keys, tmp_path):
    """detect-secrets' plugin-path note came on every create and update
    that wrote: said when the baseline first records the path, not on each
    update after. Outside any git repository, create scans every file of
    the folder (as ``detect-secrets scan`` does there) and says where it
    wrote, since no hook will find it at a repository root."""
    note = "only if you also run detect-secrets' own hook"
    created = run('together-hooks', 'baseline', 'create', cwd=repo)
    assert created.rc == 0 and created.err.count(note) == 1, created.err
    assert 'not a git repository' not in created.out
    (repo / 'more.py').write_text(f'KEY = "{make_key(random.Random(5))}"\n')
    updated = run('together-hooks', 'baseline', 'update', cwd=repo)
    assert updated.rc == 0 and 'added' in updated.out, updated.out
    assert note not in updated.err, updated.err
    plain = tmp_path / 'plain'
    plain.mkdir()
    (plain / 'app.py').write_text((repo / 'app.py').read_text())
    outside = run('together-hooks', 'baseline', 'create', cwd=plain)
    assert outside.rc == 0, outside.err
    assert f'(in {plain}, not a git repository: every file under it was scanned)' in outside.out
    assert len(read(plain / '.secrets.baseline')['results']) == 1


def test_a_misspelt_baseline_name_says_the_name_it_is_near(repo):
    """``--baseline .secrets.baselin`` said to create that file, which
    would leave the team's baseline unused: beside a file of nearly that
    name, the error names it instead; a name near none keeps the advice."""
    assert run('together-hooks', 'baseline', 'create', cwd=repo).rc == 0
    result = run('detect-together-keys', '--baseline', '.secrets.baselin', 'app.py', cwd=repo)
    assert_error_line(result, '.secrets.baselin: baseline not found (did you mean .secrets.baseline? if not, ')
    result = run('detect-together-keys', '--baseline', 'keys.json', 'app.py', cwd=repo)
    assert_error_line(result, 'keys.json: baseline not found', 'baseline create --baseline keys.json')
    # The near file may be a copy, not what was meant: the way to create
    # the one named stays beside the guess.
    os.rename(os.path.join(repo, '.secrets.baseline'), os.path.join(repo, '.secrets.baseline.bak'))
    result = run('detect-together-keys', '--baseline', '.secrets.baseline', 'app.py', cwd=repo)
    assert_error_line(result, 'did you mean .secrets.baseline.bak?',
                      'baseline create --baseline .secrets.baseline')


def test_create_writes_what_detect_secrets_writes(repo, keys):
    """Our JSON is byte-for-byte what detect-secrets would save for it."""
    assert run('together-hooks', 'baseline', 'create', cwd=repo).rc == 0
    text = (repo / '.secrets.baseline').read_text()
    doc = json.loads(text)
    assert text == json.dumps(doc, indent=2) + '\n'
    assert list(doc) == ['version', 'plugins_used', 'filters_used', 'results', 'generated_at']
    assert {p['path'] for p in doc['plugins_used']} == {bl.PORTABLE_PLUGIN_PATH}
    assert leaked(keys, text) == []
    # detect-secrets' own loader reads it back into the same secrets.
    code = (
        'import json, sys\n'
        'from detect_secrets.core import baseline\n'
        'from detect_secrets.core.secrets_collection import SecretsCollection\n'
        'doc = json.load(open(sys.argv[1]))\n'
        'print(json.dumps(SecretsCollection.load_from_baseline(doc).json(), indent=2))\n'
    )
    proc = subprocess.run((sys.executable, '-c', code, '.secrets.baseline'), cwd=repo,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == doc['results']


def test_update_keeps_labels_and_drops_only_unaudited_entries_that_are_gone(repo, keys):
    assert run('together-hooks', 'baseline', 'create', cwd=repo).rc == 0
    path = repo / '.secrets.baseline'
    doc = read(path)
    doc['results']['app.py'][0].update(is_secret=False, is_verified=True)
    doc['results']['deploy.sh'][0]['is_secret'] = True
    # Someone else's entries: a generic plugin's, in a file that exists, and
    # one in a file that was deleted since.
    doc['results']['README.md'] = [{
        'type': 'Secret Keyword', 'filename': 'README.md',
        'hashed_secret': 'b' * 40, 'is_verified': False, 'line_number': 1,
        'is_secret': False,
    }]
    doc['results']['gone.py'] = [{
        'type': 'Secret Keyword', 'filename': 'gone.py',
        'hashed_secret': 'c' * 40, 'is_verified': False, 'line_number': 1,
    }]
    audited_gone = {
        'type': 'Secret Keyword', 'filename': 'old/audited.py',
        'hashed_secret': 'd' * 40, 'is_verified': False, 'line_number': 3,
        'is_secret': False,
    }
    doc['results']['old/audited.py'] = [audited_gone]
    # A path detect-secrets itself records: one machine's site-packages.
    doc['plugins_used'][0]['path'] = 'file:///home/someone/venv/lib/python3.11/site-packages/together_hooks/detect_secrets_plugin.py'
    doc['results'] = dict(sorted(doc['results'].items()))
    write_json(path, doc)

    # Lines moved, a key left deploy.sh, a new key arrived in new.py.
    (repo / 'app.py').write_text('\n\n' + (repo / 'app.py').read_text())
    (repo / 'deploy.sh').write_text('export TOGETHER_API_KEY="${TOGETHER_API_KEY}"\n')
    (repo / 'new.py').write_text(f'KEY = "{keys[1]}"\n')
    result = run('together-hooks', 'baseline', 'update', cwd=repo)
    assert result.rc == 0, result.err
    assert leaked(keys, result.out, result.err) == []
    after = read(path)
    assert after['results']['app.py'] == [{
        'type': 'Together API Key', 'filename': 'app.py',
        'hashed_secret': hash_secret(keys[0]), 'is_verified': True,
        'line_number': 5, 'is_secret': False,
    }]
    assert after['results']['README.md'] == doc['results']['README.md']
    assert 'gone.py' not in after['results']  # unaudited, file gone: dropped
    # Audited entries are the team's record: kept even when file or key is gone.
    assert after['results']['old/audited.py'] == [audited_gone]
    assert [e['is_secret'] for e in after['results']['deploy.sh']] == [True]
    assert 'stale' in result.out and '2 audited stale entries kept' in result.out
    assert [e['hashed_secret'] for e in after['results']['new.py']] == [hash_secret(keys[1])]
    assert {p['path'] for p in after['plugins_used']} == {bl.PORTABLE_PLUGIN_PATH}

    # Nothing changed since: the file is not rewritten, not even generated_at.
    before = path.read_bytes()
    result = run('together-hooks', 'baseline', 'update', cwd=repo)
    assert result.rc == 0 and 'up to date' in result.out
    assert path.read_bytes() == before


def test_writes_replace_the_file_whole_never_rewrite_it_in_place(repo, keys):
    # A reader that opened the baseline (or a report) before a write reads
    # the old text whole: the new file is renamed into place, never written
    # over the old one (pre-commit may run detect-secrets' hook on it meanwhile).
    assert run('together-hooks', 'baseline', 'create', cwd=repo).rc == 0
    (repo / 'more.py').write_text(f'K = "{keys[1]}"\n')
    for argv, path in (
            (('baseline', 'update'), repo / '.secrets.baseline'),
            (('scan', '--format', 'json', '--output', 'report.json'), repo / 'report.json'),
    ):
        if not path.exists():
            path.write_text('old report\n')
        before = path.read_bytes()
        with open(path, 'rb') as reader:
            result = run('together-hooks', *argv, cwd=repo)
            assert result.rc in (0, 1), result.err
            assert reader.read() == before
        assert path.read_bytes() != before
        json.loads(path.read_text())
        assert leaked(keys, result.out, result.err, path.read_text()) == []


def test_failed_write_leaves_the_old_baseline_whole(repo, keys):
    import resource

    assert run('together-hooks', 'baseline', 'create', cwd=repo).rc == 0
    path = repo / '.secrets.baseline'
    before = path.read_bytes()
    for n in range(40):  # enough new keys that the new file outgrows the limit
        (repo / f'k{n}.py').write_text(f'K = "{make_key(random.Random(n))}"\n')
    limit = len(before) + 200

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'baseline', 'update'), cwd=repo,
        capture_output=True, text=True, preexec_fn=small_files,
    )
    assert_error_text(proc.returncode, proc.stderr, 'File too large', out=proc.stdout)
    assert path.read_bytes() == before
    assert [p.name for p in repo.iterdir() if p.name.startswith('.together-hooks-')] == []


# --- audit: detect-secrets' own, on any machine --------------------------------

def test_audit_stats_report_and_labels_on_another_machines_baseline(repo, keys):
    assert run('together-hooks', 'baseline', 'create', cwd=repo).rc == 0
    path = repo / '.secrets.baseline'
    doc = read(path)
    # As if made elsewhere: an absolute plugin path that does not exist here.
    elsewhere = 'file:///opt/elsewhere/site-packages/together_hooks/detect_secrets_plugin.py'
    for p in doc['plugins_used']:
        p['path'] = elsewhere
    doc['results']['deploy.sh'][0]['is_secret'] = True
    write_json(path, doc)
    before = path.read_bytes()

    stats = run('together-hooks', 'baseline', 'audit', '--stats', cwd=repo)
    assert stats.rc == 0, stats.err
    assert 'Plugin: TogetherApiKeyDetector' in stats.out
    assert 'True Positives: 1' in stats.out  # the labelled legacy key
    as_json = json.loads(run('together-hooks', 'baseline', 'audit', '--stats', '--json', cwd=repo).out)
    assert as_json['TogetherApiKeyDetector']['stats']['raw']['unknown'] == 1

    report = run('together-hooks', 'baseline', 'audit', '--report', cwd=repo)
    assert report.rc == 0, report.err
    items = json.loads(report.out)['results']
    assert sorted(i['hashed_secret'] for i in items) == sorted(
        [hash_secret(keys[0]), hash_secret(keys[4])])
    assert leaked(keys, report.out, report.err) == []
    assert path.read_bytes() == before  # stats and report never write

    # Interactive: "no" (not to be committed) marks app.py's key real.
    proc = subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'baseline', 'audit'), cwd=repo,
        input='n\n', capture_output=True, text=True, timeout=120,
        env=dict(os.environ, TERM='dumb'),
    )
    assert proc.returncode == 0, proc.stderr
    after = read(path)
    assert after['results']['app.py'][0]['is_secret'] is True
    assert after['results']['deploy.sh'][0]['is_secret'] is True
    assert {p['path'] for p in after['plugins_used']} == {elsewhere}  # only labels change
    assert hook('--baseline', '.secrets.baseline', 'app.py', cwd=repo).rc == 1


def test_audit_with_stdin_ended_is_one_line_and_changes_nothing(repo):
    """The interactive audit reads its answers from stdin: one that ends
    first (Ctrl-D, ``< /dev/null``) is one line and exit 2, never
    detect-secrets' EOFError traceback on the terminal, and no label."""
    assert run('together-hooks', 'baseline', 'create', cwd=repo).rc == 0
    before = (repo / '.secrets.baseline').read_bytes()
    proc = subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'baseline', 'audit'), cwd=repo,
        input='n\n', capture_output=True, text=True, timeout=120,
        env=dict(os.environ, TERM='dumb'),
    )
    assert_error_text(proc.returncode, proc.stderr, 'stdin ended', out=proc.stdout)
    assert (repo / '.secrets.baseline').read_bytes() == before


def test_audit_plain_detect_secrets_slim_baseline(git_repo, keys):
    """A slim baseline has no line numbers; the audit finds them itself."""
    repo = git_repo
    (repo / 'settings.py').write_text(f'\n\nTOKEN = "{keys[3]}"\n')
    (repo / 'other.py').write_text(f'"""Docs."""\nTOKEN = "{keys[2]}"\n')
    git(repo, 'add', '.')
    proc = detect_secrets('scan', '--slim', cwd=repo)
    (repo / '.secrets.baseline').write_text(proc.stdout)
    before = (repo / '.secrets.baseline').read_bytes()
    n = sum(len(v) for v in json.loads(proc.stdout)['results'].values())
    assert n == 2
    result = subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'baseline', 'audit'), cwd=repo,
        input='y\n' * n, capture_output=True, text=True, timeout=120,
        env=dict(os.environ, TERM='xterm'),
    )
    assert result.returncode == 0, result.stderr
    # Answers from a pipe, output to a pipe: no terminal to clear, so no
    # clear-screen codes before each secret (detect-secrets runs `clear`).
    assert '\x1b[2J' not in result.stdout and '\x1b[H' not in result.stdout, result.stdout[:80]
    # The interactive screen shows each secret redacted, never whole.
    assert 'TOKEN = "' in result.stdout and '…' in result.stdout
    assert leaked(keys, result.stdout, result.stderr) == []
    doc = read(repo / '.secrets.baseline')
    labels = [e.get('is_secret') for items in doc['results'].values() for e in items]
    assert labels == [False] * n
    assert 'generated_at' not in doc  # still slim: only labels were added
    assert not any('line_number' in e for items in doc['results'].values() for e in items)
    assert (repo / '.secrets.baseline').read_bytes() != before


NOISY_PLUGIN = """\
import re
from detect_secrets.plugins.base import RegexBasedDetector
print('noisy plugin loaded')


class NoisyDetector(RegexBasedDetector):
    secret_type = 'Noisy'  # pragma: allowlist secret
    denylist = (re.compile('NEVER-MATCHES'),)
"""


# A team plugin that cannot load makes detect-secrets itself fail; one that
# prints on import makes it succeed with no report.  (A baselined file that
# is gone is left out and named instead: see
# faults_test.test_baseline_audit_report_with_an_audited_file_gone.)
BROKEN_PLUGIN = 'raise RuntimeError("this plugin is broken")\n'


@pytest.mark.parametrize('plugin, words', (
    (BROKEN_PLUGIN, 'detect-secrets audit failed on .secrets.baseline'),
    (NOISY_PLUGIN, 'detect-secrets printed no report'),
))
def test_audit_report_that_fails_is_exit_2(repo, keys, plugin, words):
    assert run('together-hooks', 'baseline', 'create', cwd=repo).rc == 0
    path = repo / '.secrets.baseline'
    (repo / 'team_plugin.py').write_text(plugin)
    doc = read(path)
    doc['plugins_used'].append({'name': 'TeamDetector', 'path': 'file://team_plugin.py'})
    write_json(path, doc)
    before = path.read_bytes()
    report = run('together-hooks', 'baseline', 'audit', '--report', cwd=repo)
    assert_error_line(report, words)
    assert report.out == ''
    assert leaked(keys, report.out, report.err) == []
    assert path.read_bytes() == before  # a failed report writes nothing


@pytest.mark.parametrize('change, words', (
    # No plugin detect-secrets can load reports this type: it said only "TypeError".
    (lambda e: e.update(type='Team Token'),
     "results['app.py'][0]: type 'Team Token' is reported by no plugin"),
    # An entry naming another file than its results key: audited under its key.
    (lambda e: e.update(filename='elsewhere.py'), None),
), ids=['unknown-type', 'filename-not-its-key'])
@pytest.mark.parametrize('flag', ['--report', '--stats'])
def test_audit_of_an_entry_detect_secrets_cannot_read(repo, keys, change, words, flag):
    assert run('together-hooks', 'baseline', 'create', cwd=repo).rc == 0
    path = repo / '.secrets.baseline'
    doc = read(path)
    change(doc['results']['app.py'][0])
    write_json(path, doc)
    before = path.read_bytes()
    report = run('together-hooks', 'baseline', 'audit', flag, cwd=repo)
    if words is None:
        assert report.rc == 0, report.err
        assert ('"filename": "app.py"' if flag == '--report' else 'Unknown: 1') in report.out
    else:
        assert_error_line(report, words)
        assert report.out == ''
    assert leaked(keys, report.out, report.err) == []
    assert path.read_bytes() == before


def test_redact_report_hides_every_secret(keys):
    raw = {'results': [{
        'category': 'UNVERIFIED', 'filename': 'a.py', 'secrets': keys[0],
        'lines': {'3': f'x = "{keys[0]}"'}, 'types': ['Together API Key'],
    }]}
    out = redact_report(json.dumps(raw))
    assert leaked(keys, out) == []
    item = json.loads(out)['results'][0]
    assert item['hashed_secret'] == hash_secret(keys[0])
    assert item['secrets'] in item['lines']['3']


# --- the real pre-commit framework, both hooks on one baseline ----------------

def test_pre_commit_our_hook_and_detect_secrets_hook_share_the_baseline(repo, keys, tmp_path):
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(('GIT_', 'PRE_COMMIT')) and k != 'SKIP'
    }
    env.update(PRE_COMMIT_HOME=str(tmp_path / 'pc-home'), PRE_COMMIT_COLOR='never')
    # detect-secrets resolves plugin paths from the repository root: a
    # one-line shim kept in the repo lets its own hook load our plugin.
    (repo / 'tools').mkdir()
    (repo / 'tools' / 'together_plugin.py').write_text(
        'from together_hooks.detect_secrets_plugin import *  # noqa: F401,F403\n',
    )
    (repo / '.pre-commit-config.yaml').write_text(
        'repos:\n'
        '-   repo: local\n'
        '    hooks:\n'
        '    -   id: detect-together-keys\n'
        '        name: detect-together-keys\n'
        f'        entry: {BIN}/detect-together-keys --baseline .secrets.baseline\n'
        '        language: system\n'
        '        types: [file]\n'
        '    -   id: detect-secrets\n'
        '        name: detect-secrets\n'
        f'        entry: {BIN}/detect-secrets-hook --no-verify --baseline .secrets.baseline\n'
        '        language: system\n'
        '        types: [file]\n',
    )
    git(repo, 'add', '.')
    # The team's baseline: detect-secrets' generic plugins and ours, slim (so
    # its hook does not rewrite line numbers), without the heuristic filter
    # that skips ``Together(api_key=...)`` lines before any plugin runs.
    proc = detect_secrets(
        'scan', '--slim', '--plugin', 'tools/together_plugin.py',
        '--disable-filter', 'detect_secrets.filters.heuristic.is_indirect_reference',
        cwd=repo,
    )
    assert proc.returncode == 0, proc.stderr
    (repo / '.secrets.baseline').write_text(proc.stdout)
    recorded = {p['path'] for p in json.loads(proc.stdout)['plugins_used'] if 'path' in p}
    assert recorded == {f'file://{repo}/tools/together_plugin.py'}  # this machine's
    # update makes that path repo-relative, so every clone can load it.
    assert run('together-hooks', 'baseline', 'update', cwd=repo).rc == 0
    doc = read(repo / '.secrets.baseline')
    assert {p['path'] for p in doc['plugins_used'] if 'path' in p} == {
        'file://tools/together_plugin.py'}
    assert [e for e in entries(doc) if e[1] in OUR_TYPES] == [
        ('app.py', 'Together API Key', hash_secret(keys[0])),
        ('deploy.sh', 'Together Legacy API Key', hash_secret(keys[4])),
    ]

    def commit(message: str) -> tuple[int, str]:
        git(repo, 'add', '-A')
        p = subprocess.run(('git', 'commit', '-m', message), cwd=repo, env=env,
                           capture_output=True, text=True, timeout=300)
        return p.returncode, p.stdout + p.stderr

    p = subprocess.run((PRE_COMMIT, 'install'), cwd=repo, env=env, capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr
    rc, out = commit('baseline')
    assert rc == 0, out
    before = (repo / '.secrets.baseline').read_bytes()

    (repo / 'app.py').write_text('# header\n' * 12 + (repo / 'app.py').read_text())
    (repo / 'deploy.sh').write_text('#!/bin/sh\n' + (repo / 'deploy.sh').read_text())
    rc, out = commit('lines above the keys')
    assert rc == 0, out
    assert (repo / '.secrets.baseline').read_bytes() == before
    assert git(repo, 'status', '--porcelain') == ''

    (repo / 'more.py').write_text(f'KEY = "{keys[2]}"\n')
    rc, out = commit('a new key')
    assert rc != 0
    assert hash_secret(keys[2]) in out
    assert leaked(keys, out) == []
    git(repo, 'rm', '-q', '--cached', 'more.py')
    (repo / 'more.py').unlink()

    # Audited as real: the next commit that touches the file is blocked.
    doc = read(repo / '.secrets.baseline')
    for e in doc['results']['app.py']:
        e['is_secret'] = True
    write_json(repo / '.secrets.baseline', doc)
    (repo / 'app.py').write_text((repo / 'app.py').read_text() + 'print(1)\n')
    rc, out = commit('app.py key audited as real')
    assert rc != 0
    assert 'confirmed real key' in out and 'rotate it' in out
    assert leaked(keys, out) == []


def test_baseline_never_writes_a_key_a_file_name_holds(git_repo, keys):
    """A folder named with a key, holding a file with another: the
    baseline keys its results by file name, and a committed baseline must
    not carry the name's key.  The entry still matches the file; the
    name's own key (``d_<key>``: a ``_`` glues no key in a name) is no
    entry of it, so ``scan`` still reports it, its path never shown.
    ``baseline create`` left it out silently, and ``scan``'s advice then
    said to record it in the baseline (or comment its line): create names
    it on stderr (hash, redacted path), and the advice offers what works."""
    named, held = keys[0], keys[1]
    os.makedirs(git_repo / f'd_{named}')
    (git_repo / f'd_{named}' / 'c.py').write_text(f'TOGETHER_API_KEY = "{held}"\n')
    git(git_repo, 'add', '-A')
    res = run('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert res.rc == 0, res.err
    (line,) = [ln for ln in res.err.splitlines() if 'not recorded' in ln]
    assert hash_secret(named) in line and 'file or folder name' in line, res.err
    assert line.split()[2].startswith('d_tgp_v1_') and line.split()[2].endswith('/c.py'), line
    assert leaked([named, held], res.out, res.err) == []
    text = (git_repo / '.secrets.baseline').read_text(encoding='utf-8')
    assert leaked([named, held], text) == []
    assert [e['hashed_secret'] for es in json.loads(text)['results'].values() for e in es] == [
        hash_secret(held)]
    res = run('together-hooks', 'scan', '--format', 'json', cwd=git_repo)
    assert res.rc == 1, res.out + res.err
    assert res.json()['summary']['baselined'] == 1
    assert [f['hashed_secret'] for f in res.json()['findings']] == [hash_secret(named)]
    assert leaked([named, held], res.out, res.err) == []
    res = run('together-hooks', 'scan', cwd=git_repo)
    advice = res.out.split('Not a real key?')[-1] if 'Not a real key?' in res.out else res.out
    assert 'baseline create' not in res.out and 'baseline update' not in res.out, res.out
    assert 'pragma' not in res.out and f'allow = ["{hash_secret(named)}"]' in advice, res.out


def test_a_baseline_both_branches_updated_conflicts_and_the_message_says_how_out(git_repo, keys):
    """Two branches each record a key (``baseline update``) and merge: git
    leaves conflict markers in ``.secrets.baseline``, and every command said
    only "not valid JSON at line N column 1 (truncated or corrupt?)".  The
    line names the markers and the way out, and the way out works."""
    k1, k2 = keys[0], keys[1]
    (git_repo / 'README.md').write_text('# app\n')
    assert run('together-hooks', 'baseline', 'create', cwd=git_repo).rc == 0
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'baseline')
    git(git_repo, 'checkout', '-q', '-b', 'feature')
    (git_repo / 'a.py').write_text(f'KEY = "{k1}"  # a fixture\n')
    assert run('together-hooks', 'baseline', 'update', cwd=git_repo).rc == 0
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'a')
    git(git_repo, 'checkout', '-q', 'main')
    (git_repo / 'b.py').write_text(f'KEY = "{k2}"  # a fixture\n')
    assert run('together-hooks', 'baseline', 'update', cwd=git_repo).rc == 0
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'b')
    merge = subprocess.run(['git', 'merge', '-q', 'feature'], cwd=git_repo, capture_output=True)
    assert merge.returncode == 1  # the baseline conflicts
    text = (git_repo / '.secrets.baseline').read_text()
    marker = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith('<<<<<<<'))
    for result in (run('together-hooks', 'scan', cwd=git_repo),
                   hook('a.py', 'b.py', cwd=git_repo),
                   run('together-hooks', 'baseline', 'update', cwd=git_repo)):
        assert_error_line(result, '.secrets.baseline', f'merge-conflict markers (line {marker})',
                          'git checkout --ours -- .secrets.baseline',
                          'together-hooks baseline update --baseline .secrets.baseline')
        assert (git_repo / '.secrets.baseline').read_text() == text  # left as it is
    git(git_repo, 'checkout', '--ours', '--', '.secrets.baseline')
    assert run('together-hooks', 'baseline', 'update', '--baseline', '.secrets.baseline',
               cwd=git_repo).rc == 0
    after = run('together-hooks', 'scan', cwd=git_repo)
    assert after.rc == 0 and '2 known, in the baseline' in after.err, after.out + after.err
