"""The held-out sets' cases in every way a key reaches the scanner: the
folder as files, the index (``--staged``), the history (``--history``,
JSON and SARIF from one scan), the pushed range (``--diff``), the pre-commit hook on
the file names and a real ``git push`` to a real bare remote through the
real pre-commit.  Each mode must report the same keys at the same paths
as the file scan, and no output may hold a whole key.

The small sets share one repository, each set under its own folder
(``<set>/<case id>/...``), and each mode runs once over all of them: one
real process per mode, not one per mode and set; the probe sets (100 or
more findings each) and the encoded held-out sets share two other
repositories (``_APART``), and each group is
run once a test run, by whichever xdist worker asks first
(tests/once.py).  A set's test
(``tests/accuracy/*_modes_test.py``) checks its own folder's findings in
its group's result, and also what only the whole group can say (the
hook's and the push's hashes, their exit codes)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Iterable

from tests.accuracy import Case
from tests.accuracy import outer_path
from tests.accuracy import write_cases
from tests.cli_run import leaked
from tests.cli_run import run as run_script
from tests.cli_run import scan
from tests.conftest import git
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import install
from tests.gitplay import local_hooks_config
from tests.gitplay import manifest
from tests.gitplay import run


def _sets() -> dict[str, list[Case]]:
    """Every set run in every mode, by the folder it is written under.
    A modes test module names its set here."""
    from tests.accuracy import base32_test
    from tests.accuracy import base64_packed_test
    from tests.accuracy import base85_test
    from tests.accuracy import byte_literals_test
    from tests.accuracy import encoded_forms_test
    from tests.accuracy import encoded_heldout10_test
    from tests.accuracy import encoded_heldout11_test
    from tests.accuracy import encoded_heldout12_test
    from tests.accuracy import encoded_heldout13_test
    from tests.accuracy import encoded_heldout14_test
    from tests.accuracy import encoded_heldout2_test
    from tests.accuracy import encoded_heldout3_test
    from tests.accuracy import encoded_heldout8_test
    from tests.accuracy import encoded_heldout9_test
    from tests.accuracy import encoded_heldout_test
    from tests.accuracy import git_binary_patch_test
    from tests.accuracy import outside32_test
    from tests.accuracy import outside33_test
    from tests.accuracy import outside34_test
    from tests.accuracy import outside35_test
    from tests.accuracy import outside36_test
    from tests.accuracy import outside37_test
    from tests.accuracy import outside38_test
    from tests.accuracy import heldout38_test
    from tests.accuracy import hex_text_test
    from tests.accuracy import legacy25_heldout_test
    from tests.accuracy import legacy26_heldout_test
    from tests.accuracy import legacy27_heldout_test
    from tests.accuracy import probe2_heldout_test
    from tests.accuracy import probe3_heldout_test
    from tests.accuracy import probe4_heldout_test
    from tests.accuracy import probe6_heldout_test
    from tests.accuracy import probe7_heldout_test
    from tests.accuracy import probe8_heldout_test
    from tests.accuracy import probe9_heldout_test
    from tests.accuracy import probe10_heldout_test
    from tests.accuracy import probe11_heldout_test
    from tests.accuracy import probe12_heldout_test
    from tests.accuracy import probe13_heldout_test
    from tests.accuracy import probe14_heldout_test
    from tests.accuracy import probe15_heldout_test
    from tests.accuracy import probe16_decoys_test
    from tests.accuracy import probe16_heldout_test
    from tests.accuracy import probe21_heldout_test
    from tests.accuracy import probe22_heldout_test
    from tests.accuracy import probe23_heldout_test
    from tests.accuracy import probe24_heldout_test
    from tests.accuracy import probe25_heldout_test
    from tests.accuracy import structure_reach_test
    from tests.accuracy import uuencode_test

    return {
        'base32': base32_test.CASES,
        'base64_packed': base64_packed_test.CASES,
        'base85': base85_test.CASES,
        'byte_literals': byte_literals_test.CASES,
        'encoded_forms': encoded_forms_test.CASES,
        'git_binary_patch': git_binary_patch_test.CASES,
        'hex_text': hex_text_test.CASES,
        'probe2': probe2_heldout_test.CASES,
        'probe3': probe3_heldout_test.CASES,
        'probe4': probe4_heldout_test.CASES,
        'probe6': probe6_heldout_test.CASES,
        'probe7': probe7_heldout_test.CASES,
        'probe8': probe8_heldout_test.CASES,
        # probe9's known misses are strict xfails in its own test.
        'probe9': [
            c for c in probe9_heldout_test.CASES
            if c.id not in probe9_heldout_test.MISSED
        ],
        'probe10': [
            c for c in probe10_heldout_test.CASES
            if c.id not in probe10_heldout_test.MISSED
        ],
        'probe11': [
            c for c in probe11_heldout_test.CASES
            if c.id not in probe11_heldout_test.MISSED
        ],
        'probe12': [
            c for c in probe12_heldout_test.CASES
            if c.id not in probe12_heldout_test.MISSED
        ],
        # probe13 runs in the shared group, not alone: its 137 small cases
        # add one folder to runs that happen anyway, not 7 processes more.
        'probe13': [
            c for c in probe13_heldout_test.CASES
            if c.id not in probe13_heldout_test.MISSED
        ],
        # probe14 too (its 137 small cases).
        'probe14': [
            c for c in probe14_heldout_test.CASES
            if c.id not in probe14_heldout_test.MISSED
        ],
        'probe15': [
            c for c in probe15_heldout_test.CASES
            if c.id not in probe15_heldout_test.MISSED
        ],
        # probe16 and its decoys (in every mode, none of them reported).
        'probe16': [
            c for c in probe16_heldout_test.CASES
            if c.id not in probe16_heldout_test.MISSED
        ] + probe16_decoys_test.CASES,
        # probe21 (its traces and encoded files too: written in memory,
        # no tool needed), in the shared group.
        'probe21': [
            c for c in probe21_heldout_test.CASES
            if c.id not in probe21_heldout_test.MISSED
        ],
        # probe22 (its archives, Office files, PDF and databases too:
        # written in memory), in the shared group.
        'probe22': [
            c for c in probe22_heldout_test.CASES
            if c.id not in probe22_heldout_test.MISSED
        ],
        # probe23 (string syntaxes and escapes: small text files), in the
        # shared group.
        'probe23': [
            c for c in probe23_heldout_test.CASES
            if c.id not in probe23_heldout_test.MISSED
        ],
        # probe24 (histories, captures, debug output, stores: small files
        # written in memory, a SQLite WAL by the standard library), in the
        # shared group.
        'probe24': [
            c for c in probe24_heldout_test.CASES
            if c.id not in probe24_heldout_test.MISSED
        ],
        # probe25 (terminal output, escapes and tools' files: small text
        # files), in the shared group.
        'probe25': [
            c for c in probe25_heldout_test.CASES
            if c.id not in probe25_heldout_test.MISSED
        ],
        # outside32 (an outside tester's set: source, configs, CI, docs,
        # logs, histories, fixtures, binaries; small files), shared group.
        'outside32': [
            c for c in outside32_test.CASES
            if c.id not in outside32_test.MISSED
        ],
        # outside33 (an outside tester's set: source in many languages,
        # configs, CI, infrastructure, docs, logs, binaries), shared group.
        'outside33': [
            c for c in outside33_test.CASES
            if c.id not in outside33_test.MISSED
        ],
        # outside34 (an outside tester's set: source in 30 languages,
        # configs, CI, infrastructure, docs, logs, histories, fixtures,
        # binaries, generated files; small files), shared group.
        'outside34': [
            c for c in outside34_test.CASES
            if c.id not in outside34_test.MISSED
        ],
        # outside35 (an outside tester's set: AI apps through other SDKs
        # and tools, infrastructure, docs, data, logs, shell; small files),
        # shared group.
        'outside35': [
            c for c in outside35_test.CASES
            if c.id not in outside35_test.MISSED
        ],
        # outside36 (an outside tester's set: real AI apps' file layouts,
        # mobile, extensions, platforms, workflow exports, binaries,
        # encodings; small files), shared group.
        'outside36': [
            c for c in outside36_test.CASES
            if c.id not in outside36_test.MISSED
        ],
        # outside37 (an outside tester's set: where developers paste keys:
        # chats, docs, API clients, histories, logs, agent traces, editor
        # and MCP configs, operations files; binaries, encodings), shared
        # group.
        'outside37': [
            c for c in outside37_test.CASES
            if c.id not in outside37_test.MISSED
        ],
        # outside38 (an outside tester's set: AI assistants' configs and
        # transcripts, frameworks, deploy platforms, terminal artifacts,
        # legacy keys in everyday shapes; binaries, encodings), shared group.
        'outside38': [
            c for c in outside38_test.CASES
            if c.id not in outside38_test.MISSED
        ],
        # heldout38 (legacy keys in SDK clients, framework settings, secret
        # managers' exports, notebooks, cassettes, logs, data files,
        # templates; whole files encoded), shared group.
        'heldout38': [
            c for c in heldout38_test.CASES
            if c.id not in heldout38_test.MISSED
        ],
        'encoded_heldout': [
            c for c in encoded_heldout_test.CASES
            if c.id not in encoded_heldout_test.MISSED
        ],
        'encoded_heldout2': [
            c for c in encoded_heldout2_test.CASES
            if c.id not in encoded_heldout2_test.MISSED
        ],
        'encoded_heldout3': [
            c for c in encoded_heldout3_test.CASES
            if c.id not in encoded_heldout3_test.MISSED
        ],
        # encoded_heldout8 (56 small cases, 5 needing a tool), in the
        # shared group.
        'encoded_heldout8': [
            c for c in encoded_heldout8_test.CASES
            if c.id not in encoded_heldout8_test.MISSED
        ],
        # encoded_heldout9 (56 small cases, 5 needing a tool), in the
        # shared group too.
        'encoded_heldout9': [
            c for c in encoded_heldout9_test.CASES
            if c.id not in encoded_heldout9_test.MISSED
        ],
        # legacy25 (legacy keys in tools' output and exports: small text
        # files), in the shared group.
        'legacy25': [
            c for c in legacy25_heldout_test.CASES
            if c.id not in legacy25_heldout_test.MISSED
        ],
        # legacy26 (legacy keys in configuration languages: small text
        # files), in the shared group.
        'legacy26': [
            c for c in legacy26_heldout_test.CASES
            if c.id not in legacy26_heldout_test.MISSED
        ],
        # legacy27 (legacy keys in secret managers' reads, notebooks,
        # agent configs and process dumps: small text files), shared group.
        'legacy27': [
            c for c in legacy27_heldout_test.CASES
            if c.id not in legacy27_heldout_test.MISSED
        ],
        # encoded_heldout10 (56 small cases, 10 needing a tool), in the
        # shared group too.
        'encoded_heldout10': [
            c for c in encoded_heldout10_test.CASES
            if c.id not in encoded_heldout10_test.MISSED
        ],
        # encoded_heldout11 (55 small cases, 3 needing a tool), in the
        # shared group too.
        'encoded_heldout11': [
            c for c in encoded_heldout11_test.CASES
            if c.id not in encoded_heldout11_test.MISSED
        ],
        # encoded_heldout12 (51 small cases, 25 needing a tool), in the
        # shared group too.
        'encoded_heldout12': [
            c for c in encoded_heldout12_test.CASES
            if c.id not in encoded_heldout12_test.MISSED
        ],
        # encoded_heldout13 (58 small cases, 13 needing a tool), in the
        # shared group too.
        'encoded_heldout13': [
            c for c in encoded_heldout13_test.CASES
            if c.id not in encoded_heldout13_test.MISSED
        ],
        # encoded_heldout14 (143 small cases, 12 needing a tool), in the
        # shared group too.
        'encoded_heldout14': [
            c for c in encoded_heldout14_test.CASES
            if c.id not in encoded_heldout14_test.MISSED
        ],
        'structure_reach': structure_reach_test.CASES,
        'uuencode': uuencode_test.CASES,
    }


# Sets run apart from the shared group, in two repositories: each probe
# set and each encoded held-out set (those need real tools: base64, xxd,
# ...; each writes the cases this machine can write).  Each once cost a
# repository, a pre-commit install and seven real processes of its own:
# the 12 one by one 122.9 CPU-s, all in one 91.9 (suite14a, load ~9);
# but one repository is one long build the other worker waits on
# (tests/once.py), so two, balanced by their CPU alone (60.9 and 61.9
# CPU-s then), one for each worker of ``-n 2``.  (Session 15: all sets in
# one repository, 1,002 findings, 51 CPU-s against 61 apart.)
_APART = (
    frozenset(('encoded_heldout', 'encoded_heldout2', 'probe3', 'probe8', 'probe11', 'probe12')),
    frozenset(('encoded_heldout3', 'probe4', 'probe6', 'probe7', 'probe9', 'probe10')),
)
_ALONE = frozenset().union(*_APART)


def _group(name: str) -> dict[str, list[Case]]:
    """The sets run in the same repository as set ``name``."""
    sets = _sets()
    assert name in sets, name
    for apart in _APART:
        if name in apart:
            return {n: cases for n, cases in sets.items() if n in apart}
    return {n: cases for n, cases in sets.items() if n not in _ALONE}


def _found(result) -> set[tuple[str, str]]:
    assert result.rc in (0, 1), result.err
    return {(outer_path(f['path']), f['hashed_secret']) for f in result.json()['findings']}


@dataclass
class Modes:
    """What each mode reported over every set at once."""
    made: dict[str, list[str]] = field(default_factory=dict)
    leaked: dict[str, list[int]] = field(default_factory=dict)
    expected: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    found: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    hook_rc: int = 0
    hook_hashes: set[str] = field(default_factory=set)
    push_rc: int = 0
    pushed_hashes: set[str] = field(default_factory=set)
    push_out: str = ''
    sarif_results: int = -1
    history_findings: int = -2


_MODES: dict[str, Modes] = {}


def groups_by_cost(names: Iterable[str]) -> list[str]:
    """The groups sets ``names`` are in, each by its key (its first set,
    as ``every_mode`` names it), the costliest first: the shared group
    (the most sets and findings), then ``_APART``'s, as listed."""
    names = set(names)
    every = _sets()
    shared = [n for n in every if n not in _ALONE]
    return ([min(shared)] if names - _ALONE else []) + [
        min(apart) for apart in _APART if apart & names]


def build_ahead(argv: list[str]) -> None:
    """``ROOT RUN SET...``: build the groups of the sets named, the
    costliest first, each one no other process is building or has built
    (tests/once.py's ``claim``), for a run's xdist workers to read
    (tests/accuracy/conftest.py starts it as a worker starts)."""
    import tempfile
    from pathlib import Path

    from tests.accuracy import share_builds
    from tests.once import claim

    root, run, names = Path(argv[0]), argv[1], argv[2:]
    share_builds(root, run)  # the sets' cases, built once a run
    for key in groups_by_cost(names):
        group = _group(key)
        claim(root, run, f'modes-{key}', lambda: _run_every_mode(
            Path(tempfile.mkdtemp(prefix=f'once-{run}-modes-', dir=root)), group))


def every_mode(tmp_path_factory: Any, name: str) -> Modes:
    """The one run of every mode over set ``name``'s group (once a
    process: a module-level cache, so each set's module can ask for it;
    and once a test run: tests/once.py)."""
    from tests.accuracy import share_builds
    from tests.once import once

    share_builds(tmp_path_factory)
    group = _group(name)
    key = min(group)
    if key not in _MODES:
        _MODES[key] = once(
            tmp_path_factory, f'modes-{key}',
            lambda: _run_every_mode(tmp_path_factory.mktemp('modes'), group),
        )
    return _MODES[key]


def _run_every_mode(tmp, sets: dict[str, list[Case]]) -> Modes:
    repo = tmp / 'repo'
    repo.mkdir()
    git(repo, 'init', '-q', '-b', 'main')
    git(repo, 'config', 'user.email', 'dev@example.com')
    git(repo, 'config', 'user.name', 'Dev')
    git(repo, 'config', 'commit.gpgsign', 'false')
    # A real bare ``origin``; the hook installed for pre-push by the real
    # pre-commit (tests/gate_range_test.py's ``pushing``).
    git(repo, 'remote', 'add', 'origin', bare(tmp / 'remote.git'))
    with open(repo / '.pre-commit-config.yaml', 'w', encoding='utf-8', newline='') as f:
        f.write(local_hooks_config(
            ('detect-together-keys', manifest('detect-together-keys')), stages='pre-push'))
    env = clean_env(PRE_COMMIT_HOME=str(tmp / 'pc-home'), PRE_COMMIT_COLOR='never')
    install(repo, env)

    m = Modes()
    run(repo, env, 'git', 'commit', '-q', '--allow-empty', '-m', 'root')
    rc, out = run(repo, env, 'git', 'push', '-q', 'origin', 'main')
    assert rc == 0, out
    for name, cases in sets.items():
        results, m.made[name] = write_cases(repo / name, cases)
        m.expected[name] = {
            (f'{name}/{results.paths[case_id]}', hashed)
            for case_id, found in results.expected.items() for _line, hashed in found
        }

    as_files = scan('--format', 'json', '.', cwd=repo)
    m.outputs += [as_files.out, as_files.err]
    git(repo, 'add', '-A')
    staged = scan('--staged', '--format', 'json', cwd=repo)
    m.outputs += [staged.out, staged.err]
    commit(repo, 'cases')
    # JSON on stdout and SARIF in a file from one scan of the history
    # (``--sarif-out``; tests/cli/sarif_out_test.py holds it to be what
    # ``--format sarif`` prints): one history scan a group, not two.
    sarif_path = tmp / 'history.sarif'
    # (``-z``: a case's path may hold a blank, as Claude Desktop's
    # ``Application Support`` folder does)
    tracked = [p for p in git(repo, 'ls-files', '-z').split('\0') if p]
    # The four modes of the commit only read it (the push is refused by
    # its hook, so no ref moves): they run side by side, each its own
    # process, and a group's build takes its longest (the history's)
    # rather than the four one after the other.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        history_run = pool.submit(
            scan, '--history', '--format', 'json', '--sarif-out', str(sarif_path), cwd=repo)
        diff_run = pool.submit(scan, '--diff', 'origin/main...HEAD', '--format', 'json', cwd=repo)
        hook_run = pool.submit(run_script, 'detect-together-keys', *tracked, cwd=repo)
        push_run = pool.submit(run, repo, env, 'git', 'push', 'origin', 'main')
        history, diff, hook = history_run.result(), diff_run.result(), hook_run.result()
        m.push_rc, m.push_out = push_run.result()
    sarif = sarif_path.read_text(encoding='utf-8')
    m.outputs += [history.out, history.err, sarif]
    m.sarif_results = len(json.loads(sarif)['runs'][0]['results'])
    m.history_findings = len(history.json()['findings'])
    m.outputs += [diff.out, diff.err]
    m.outputs += [hook.out, hook.err]
    m.outputs.append(m.push_out)

    # One look for every set's keys in every output (the outputs are the
    # whole run's); each set's test reads its own list.
    owners = [(name, i) for name, keys in m.made.items() for i in range(len(keys))]
    m.leaked = {name: [] for name in m.made}
    for index in leaked([k for keys in m.made.values() for k in keys], *m.outputs):
        name, i = owners[index]
        m.leaked[name].append(i)
    m.found = {
        'files': _found(as_files), 'staged': _found(staged),
        'history': _found(history), 'diff': _found(diff),
    }
    m.hook_rc = hook.rc
    m.hook_hashes = set(re.findall(r'hashed_secret ([0-9a-f]{40})', hook.out))
    m.pushed_hashes = set(re.findall(r'hashed_secret ([0-9a-f]{40})', m.push_out))
    # The hook's and the push's findings by path too: a group's sets may
    # hold the same key (cases of the same id are seeded alike), so its
    # hashes alone could hide one set's miss behind another's find.
    m.found['hook'] = _shown(hook.out)
    m.found['push'] = _shown(m.push_out)
    return m


# A finding as the hook prints it: ``path:line: rule: tgp_v1_Ab…yz
# (hashed_secret <sha1>)``, then what the push adds (the commit).
_SHOWN = re.compile(r'^(.+?):\d+: [a-z0-9-]+: .*?\(hashed_secret ([0-9a-f]{40})\)', re.M)


def _shown(output: str) -> set[tuple[str, str]]:
    return {(outer_path(path), hashed) for path, hashed in _SHOWN.findall(output)}


def every_mode_finds_the_same_keys(modes: Modes, name: str) -> None:
    """Set ``name``'s keys, in its group's run (``every_mode``)."""
    prefix = f'{name}/'

    def mine(found: set[tuple[str, str]]) -> set[tuple[str, str]]:
        return {(p, h) for p, h in found if p.startswith(prefix)}

    assert modes.leaked[name] == []
    files = mine(modes.found['files'])
    expected = modes.expected[name]
    assert files == expected, (files - expected, expected - files)
    assert mine(modes.found['staged']) == files
    assert mine(modes.found['history']) == files
    assert mine(modes.found['diff']) == files
    assert mine(modes.found['hook']) == files
    assert mine(modes.found['push']) == files
    # And the whole group's hashes and exit codes.
    every_file = modes.found['files']
    assert modes.hook_rc == 1
    assert modes.sarif_results == modes.history_findings
    assert modes.hook_hashes == {h for _p, h in every_file}
    assert modes.push_rc != 0, modes.push_out
    assert modes.pushed_hashes == {h for _p, h in every_file}, modes.push_out
