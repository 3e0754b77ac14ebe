"""The gate probes' shared harness (gate_probe33, 34 and 35): stacks of
hostile cases, each stack built in its own copy of one real repository,
then every mode its cases name run once for them all.

The template: a repository with pre-commit installed for the pre-commit,
commit-msg and pre-push stages (running this checkout's
``detect-together-keys``) and two real bare remotes: ``origin`` (no hook of
its own: the client's pre-push hook decides) and ``gate``
(examples/pre-receive installed: ``git push --no-verify gate`` meets the
server-side gate alone).  It is built once a test run and shared by every
probe file.  Modes:

- ``pre-push``: ``git push origin <refspecs>`` through pre-commit;
- ``pre-receive``: ``git push --no-verify gate <refspecs>``;
- ``plain``: ``git push origin <refspecs>`` through examples/pre-push.md's
  plain hook (in place of pre-commit's: run last, from the state the
  others started in);
- ``diff``: ``scan --diff <base>...HEAD`` (the CI gate; a case may name
  its own range), ``history``: ``scan --history`` (as JSON, or with
  ``history='sarif'`` as a SARIF file, read for leaks too), ``path``:
  ``scan <path>``, ``staged``: ``scan --staged``;
- ``commit``: the case's own ``git commit`` through the installed hooks;
- ``github``, ``gitlab``: the scan step of examples/github-actions.yml
  (``bash -e``) or the script of examples/gitlab-ci.yml (``sh``, ``set
  -e``) as written, in ``scan_cwd`` with the case's ``ci_env`` (the
  variables the service sets); the SARIF file it writes is read too.

A case is a build function on a ``Ctx``, registered with its probe file's
``Suite.case``; a build that yields has its first part landed (on both
remotes, past every hook) before the rest of its stack goes on.  A case
may set, on its ``Ctx``: ``push`` (refspecs), ``push_cwd``, ``push_env``,
``remotes`` (a mode's remote by path), ``hook_root`` (where the plain hook
goes), ``scan_cwd``, ``scan_env`` (the scans as a process with this
environment), ``diff_base`` or ``diff_range``, ``ci_env``.

A mode *finds* a case's key when it exits non-zero and names that key's
``hashed_secret`` (so each case of a stack is told apart); a decoy
(``decoy=True``, stacked only with decoys) must pass every mode it names.
Nothing any mode printed may show a key (``leaked``).
"""
from __future__ import annotations

import inspect
import os
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any
from typing import Callable
from typing import Collection

import pytest

from tests.cli.pre_receive_test import install_gate
from tests.cli_run import leaked
from tests.cli_run import scan_in_process
from tests.conftest import git
from tests.gate_push_test import _plain_hook
from tests.gitplay import BIN
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import commit
from tests.gitplay import install
from tests.gitplay import local_hooks_config
from tests.gitplay import manifest
from tests.gitplay import run
from tests.keys import make_hex
from tests.keys import make_key
from tests.once import meanwhile
from tests.once import once
from together_hooks.findings import hash_secret

STAGES = 'pre-commit, commit-msg, pre-push'
PUSHES = ('pre-push', 'pre-receive')
RANGE = ('pre-push', 'pre-receive', 'diff', 'history')
# What a case may set on its Ctx that a stack of several cannot share.
OWN = ('push', 'push_cwd', 'push_url', 'scan_env', 'push_env', 'remotes', 'hook_root', 'scan_cwd',
       'diff_base', 'diff_range', 'ci_env')
EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'examples')


class Ctx:
    """One case's repository: ``root`` (the clone, ``main`` pushed to
    both remotes at ``base``), ``env`` (pre-commit's home), ``key``."""

    def __init__(self, root: Path, env: dict[str, str], key: str, rng: random.Random) -> None:
        self.root = root
        self.env = env
        self.key = key
        self.rng = rng
        self.base = git(root, 'rev-parse', 'HEAD').strip()
        self.outputs: list[str] = []
        self.commit_rc: int | None = None

    def legacy(self) -> str:
        """The case's key made a legacy one (64 hex from the case's
        ``rng``), for a case about a legacy key; returned for writing."""
        self.key = make_hex(self.rng)
        return self.key

    def write(self, rel: str | bytes, data: str | bytes) -> None:
        path = os.path.join(os.fsencode(self.root), os.fsencode(rel))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data.encode() if isinstance(data, str) else data)

    def attributes(self, line: str) -> None:
        """``line`` added to ``.gitattributes`` (the others of its stack kept)."""
        with open(self.root / '.gitattributes', 'a') as f:
            f.write(line)

    def git(self, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
            ok: bool = False, stdin: bytes | None = None) -> str:
        """A git run of the case's set-up (any exit code with ``ok``)."""
        proc = subprocess.run(('git', *args), cwd=cwd or self.root, env=env or self.env, input=stdin,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.outputs += [proc.stdout.decode('utf-8', 'replace'), proc.stderr.decode('utf-8', 'replace')]
        if not ok and proc.returncode != 0:
            raise subprocess.CalledProcessError(proc.returncode, ('git', *args), proc.stdout, proc.stderr)
        return proc.stdout.decode('utf-8', 'surrogateescape')

    def commit(self, msg: str = 'c') -> str:
        return commit(self.root, msg)

    def hooked_commit(self, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
                      stdin: bytes | None = None) -> int:
        """A real ``git commit`` through the installed hooks."""
        rc, out = run(cwd or self.root, env or self.env, 'git', 'commit', '-q', *args, stdin=stdin)
        self.outputs.append(out)
        self.commit_rc = rc
        return rc

    def blob(self, data: str) -> str:
        return subprocess.run(('git', 'hash-object', '-w', '--stdin'), cwd=self.root,
                              input=data.encode(), stdout=subprocess.PIPE, check=True).stdout.decode().strip()

    def land(self, spec: str = 'main') -> None:
        """``spec`` on both remotes as if pushed long ago: into ``origin``
        past the hooks, into ``gate`` by its own fetch (no pre-receive);
        ``base`` is then HEAD."""
        self.git('push', '-q', '--no-verify', 'origin', spec)
        src, dst = spec.split(':') if ':' in spec else (spec, spec)
        if not dst.startswith('refs/'):
            dst = f'refs/heads/{dst}'
        gate = str(self.root.parent / 'gate.git')
        subprocess.run(('git', '-C', gate, 'fetch', '-q', str(self.root), f'+{src}:{dst}'), check=True)
        self.git('fetch', '-q', 'gate')
        self.base = self.git('rev-parse', 'HEAD').strip()

    def line(self) -> str:
        return f'TOGETHER_API_KEY = "{self.key}"\n'


class Case:
    def __init__(self, name: str, build: Callable[[Ctx], object], modes: tuple[str, ...],
                 push: tuple[str, ...] = ('main',), flags: tuple[str, ...] = (),
                 path: str = '.', decoy: bool = False, stack: str | None = None) -> None:
        self.name, self.build, self.modes = name, build, modes
        self.push, self.flags, self.path, self.decoy = push, flags, path, decoy
        self.stack = stack or name


def template(root: Path) -> tuple[Path, dict[str, str]]:
    env = clean_env(PRE_COMMIT_HOME=str(root / 'pre-commit-home'), PRE_COMMIT_COLOR='never',
                    GIT_AUTHOR_NAME='Dev', GIT_AUTHOR_EMAIL='dev@example.com',
                    GIT_COMMITTER_NAME='Dev', GIT_COMMITTER_EMAIL='dev@example.com')
    repo = root / 'template' / 'repo'
    repo.mkdir(parents=True)
    git(repo, 'init', '-q', '-b', 'main')
    # (no ``git maintenance run --auto`` after each commit or fetch, nor
    # ``git gc --auto`` after each push a remote receives: settings of the
    # repositories' own, which no case or product path reads, as
    # tests/conftest.py's template; 129 and 50 gits of gate_probe34's
    # 3,473)
    for k, v in (('user.email', 'dev@example.com'), ('user.name', 'Dev'), ('commit.gpgsign', 'false'),
                 ('maintenance.auto', 'false')):
        git(repo, 'config', k, v)
    config = local_hooks_config(('detect-together-keys', manifest('detect-together-keys')), stages=STAGES)
    config = config.replace('[pre-commit, pre-push]', '[pre-commit, commit-msg, pre-push]')
    (repo / '.pre-commit-config.yaml').write_text(config)
    (repo / 'a.py').write_text('x = 1\n')
    commit(repo, 'init')
    install(repo, env)
    for name in ('origin', 'gate'):
        remote = bare(root / 'template' / f'{name}.git')  # (its own settings: gitplay.bare)
        git(repo, 'remote', 'add', name, remote)
        git(repo, 'push', '-q', '--no-verify', name, 'main')
    install_gate(str(root / 'template' / 'gate.git'))
    return root / 'template', env


def ci_script(service: str) -> tuple[str, ...]:
    """The command a CI service runs for the example as written."""
    import yaml

    if service == 'github':
        with open(os.path.join(EXAMPLES, 'github-actions.yml'), encoding='utf-8') as f:
            steps = yaml.safe_load(f)['jobs']['together-keys']['steps']
        return 'bash', '-e', '-c', next(s for s in steps if s.get('id') == 'scan')['run']
    with open(os.path.join(EXAMPLES, 'gitlab-ci.yml'), encoding='utf-8') as f:
        job = yaml.safe_load(f)['together-hooks']
    return 'sh', '-c', '\n'.join(['set -e', *job['script']])


def found(rc: int, text: str, key: str) -> bool:
    return rc != 0 and hash_secret(key) in text


def judge(outcome: tuple[int, bool], name: str, mode: str, decoy: bool,
          closed: Collection[tuple[str, str]] = (), refused: Collection[tuple[str, str]] = ()) -> None:
    """A probe's verdict on one case in one mode (``outcome``: its exit
    code, and whether its report named the case's key): a pair in
    ``closed`` is refused with exit 2 naming no key; one in ``refused`` is
    refused by a program before ours; a decoy passes (in a stack of
    decoys, ``found`` tells whose key made the exit 1); a key is found."""
    rc, seen = outcome
    if (name, mode) in closed:
        assert rc == 2 and not seen, (name, mode, rc)
    elif (name, mode) in refused:
        assert rc != 0 and not seen, (name, mode, rc)
    elif decoy:
        assert rc == 0 and not seen, (name, mode, rc, seen)
    else:
        assert seen, (name, mode, rc)


def run_stack(template: Path, env: dict[str, str], where: Path, stack: list[Case],
              seed: str, history: str = 'json') -> dict[str, dict[str, object]]:
    """The cases of one stack built one after another in one copy of the
    template (a case that lands its first part yields there: every such
    part is built, then landed at once, then each case goes on), then
    each mode run once for them all.  A case's result is told apart by
    its own key (each case has one, seeded by ``seed`` and its name): it
    is found when the mode exits non-zero and names that key's
    ``hashed_secret``."""
    one = stack[0]
    assert all((o.push, o.flags, o.path, o.decoy) == (one.push, one.flags, one.path, one.decoy)
               for o in stack), [o.name for o in stack]
    modes = tuple(dict.fromkeys(mode for o in stack for mode in o.modes))  # each case reports its own
    shutil.copytree(template, where, symlinks=True)
    root = where / 'repo'
    for name in ('origin', 'gate'):
        git(root, 'remote', 'set-url', name, str(where / f'{name}.git'))
    ctxs: list[Ctx] = []
    for each in stack:
        ctxs.append(Ctx(root, env, make_key(random.Random(f'{seed}-{each.name}')),
                        random.Random(f'{seed}-{each.name}')))
    # A build that yields lands what it made before: every such first part
    # is built, then landed at once; then each case is built (or goes on)
    # in its order, on top of the one before.
    parked = {each.name: each.build(ctx) for each, ctx in zip(stack, ctxs) if inspect.isgeneratorfunction(each.build)}
    for made in parked.values():
        next(made)
    if parked:
        ctxs[0].land()
        for ctx in ctxs[1:]:
            ctx.base = ctxs[0].base
    for each, ctx in zip(stack, ctxs):
        if each.name in parked:
            next(parked[each.name], None)
        else:
            each.build(ctx)
    c = ctxs[0]
    if len(stack) > 1:
        assert 'plain' not in modes and not any(hasattr(ctx, attr) for ctx in ctxs for attr in OWN), modes
    push = getattr(c, 'push', one.push)
    cwd = Path(getattr(c, 'push_cwd', root))
    hook_root = Path(getattr(c, 'hook_root', cwd))
    remotes = dict(getattr(c, 'remotes', {}))
    if getattr(c, 'push_url', False):  # pushed to by path, not by name
        remotes = {name: str(where / f'{name}.git') for name in ('origin', 'gate')}
    push_env = dict(env, **getattr(c, 'push_env', {}))
    scan_cwd = Path(getattr(c, 'scan_cwd', cwd))
    scan_env = getattr(c, 'scan_env', None)
    diff = getattr(c, 'diff_range', f"{getattr(c, 'diff_base', c.base)}...HEAD")
    origin = Path(remotes.get('origin', where / 'origin.git'))
    texts = [text for ctx in ctxs for text in ctx.outputs]
    saved = where / 'saved'
    if 'plain' in modes:  # the plain hook pushes from the state the others started in
        for n, part in enumerate((hook_root / '.git', origin)):
            shutil.copytree(part, saved / str(n), symlinks=True)
    results: dict[str, tuple[str, int]] = {}
    for mode in modes:
        if mode == 'plain':
            for n, part in enumerate((hook_root / '.git', origin)):
                shutil.rmtree(part)
                shutil.copytree(saved / str(n), part, symlinks=True)
            _plain_hook(hook_root)
        if mode == 'commit':  # each case's own commit: its result, told apart below
            rc, text = 0, ''
        elif mode in ('github', 'gitlab'):
            rc, text = run(scan_cwd, clean_env(**getattr(c, 'ci_env', {})), *ci_script(mode))
            sarif = scan_cwd / 'together-hooks.sarif'
            if sarif.exists():
                text += sarif.read_text(encoding='utf-8', errors='replace')
                sarif.unlink()
        elif mode in (*PUSHES, 'plain'):
            name = 'gate' if mode == 'pre-receive' else 'origin'
            flags = one.flags + (('--no-verify',) if mode == 'pre-receive' else ())
            rc, text = run(cwd, push_env, 'git', 'push', *flags, remotes.get(name, name), *push)
        else:
            report = where / 'history.sarif'
            args = {'diff': ('--format', 'json', '--diff', diff),
                    'history': (('--format', 'sarif', '--output', str(report), '--history') if history == 'sarif'
                                else ('--format', 'json', '--history')),
                    'path': ('--format', 'json', one.path),
                    'staged': ('--format', 'json', '--staged')}[mode]
            if scan_env is not None:
                proc = subprocess.run((os.path.join(BIN, 'together-hooks'), 'scan', *args), cwd=scan_cwd,
                                      env=dict(os.environ, **scan_env), stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, timeout=600)
                rc, text = proc.returncode, (proc.stdout + proc.stderr).decode('utf-8', 'replace')
            else:
                result = scan_in_process(*args, cwd=scan_cwd)
                rc, text = result.rc, result.out + result.err
            if mode == 'history' and report.exists():
                text += report.read_text(encoding='utf-8', errors='replace')
                report.unlink()
        texts.append(text)
        results[mode] = text, rc
    out: dict[str, dict[str, object]] = {}
    for each, ctx in zip(stack, ctxs):
        # A case's commit: the one it made through the hooks, and what they printed.
        own = dict(results, commit=('\n'.join(ctx.outputs), ctx.commit_rc or 0))
        out[each.name] = {'modes': {mode: (own[mode][1], found(own[mode][1], own[mode][0], ctx.key))
                                    for mode in each.modes},
                          'leaked': leaked([ctx.key], *texts) != []}
    return out


class Suite:
    """One probe file's cases: ``case`` registers a build, ``params`` makes
    the (case, mode) parameters (strict xfails from ``missed``), ``table``
    builds a stack's results once a run.  ``tag`` seeds the keys and names
    the stacks' folders; ``history``: ``json`` or ``sarif`` (to a file)."""

    def __init__(self, tag: str, history: str = 'json') -> None:
        self.tag, self.history = tag, history
        self.cases: list[Case] = []

    def case(self, *modes: str, push: tuple[str, ...] = ('main',), flags: tuple[str, ...] = (),
             path: str = '.', decoy: bool = False,
             stack: str | None = None) -> Callable[[Callable[[Ctx], object]], Callable[[Ctx], object]]:
        def add(build: Callable[[Ctx], object]) -> Callable[[Ctx], object]:
            self.cases.append(Case(build.__name__, build, modes or RANGE, push, flags, path, decoy, stack))
            return build
        return add

    def params(self, missed: dict[tuple[str, str], str]) -> list[object]:
        assert set(missed) <= {(one.name, mode) for one in self.cases for mode in one.modes}, missed
        out = []
        for one in self.cases:
            for mode in one.modes:
                reason = missed.get((one.name, mode))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                out.append(pytest.param(one.name, mode, one.decoy, id=f'{one.name}-{mode}', marks=marks))
        return out

    def table(self, tmp_path_factory: Any, request: Any) -> Callable[[str], dict[str, object]]:
        """``table(name)``: the case's results, built once a run with its
        stack's (a test of one case builds only its stack).  Under xdist a
        worker whose stack the other worker is building builds meanwhile the
        next stacks the run's tests ask for (``tests/once.meanwhile``)."""
        made: dict[str, dict[str, object]] = {}
        root, env = once(tmp_path_factory, 'gate33-template',
                         lambda: template(tmp_path_factory.mktemp('gate33')))
        asked = {item.callspec.params['name'] for item in request.session.items
                 if getattr(item, 'module', None) is request.module and hasattr(item, 'callspec')
                 and 'name' in item.callspec.params}
        stacks = list(dict.fromkeys(c.stack for c in self.cases if c.name in asked))

        def build(stack: str) -> Callable[[], dict[str, dict[str, object]]]:
            cases = [c for c in self.cases if c.stack == stack]
            return lambda: run_stack(root, env, root.parent / f'{self.tag}-{stack}', cases, self.tag,
                                     self.history)

        def get(name: str) -> dict[str, object]:
            if name not in made:
                stack = next(c for c in self.cases if c.name == name).stack
                # The other worker, asking for the same stack at the same time
                # (xdist deals the cases out in turn), builds the ones after it.
                later = [(f'{self.tag}-{s}', build(s)) for s in stacks[stacks.index(stack) + 1:]]
                made.update(meanwhile(tmp_path_factory, f'{self.tag}-{stack}', build(stack), later))
            return made[name]
        return get
