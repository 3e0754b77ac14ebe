"""What a pre-push hook under pre-commit reads (session 38, review38b).

The baseline: a ``.secrets.baseline`` excuses a key only as the pushed
commit holds it.  Staged but never committed, or committed on another
branch than the one pushed, it excused the key at pre-push (exit 0) while
the remote, CI and pre-receive all read the pushed commit without it
(gate38 closed the same gap for an untracked baseline).

The refs a push sends: git's option parser takes any unique prefix of a
long option, so ``git push --m origin`` is a mirror; gate38's sent refs
read it as a push of the current branch.

Cases on ``tests/gate_stack.py``: real pre-commit behind ``git push``,
pre-receive behind ``git push --no-verify``, the plain hook;
docs/hardening.md, "Session 38 (review38b)"."""
from __future__ import annotations

import json

import pytest

from tests.gate_stack import Ctx
from tests.gate_stack import Suite
from tests.gate_stack import judge
from together_hooks.findings import hash_secret

SUITE = Suite('review38b')
CASES = SUITE.cases
FILLER = ''.join(f'row_{n} = {n}\n' for n in range(30))


def case(*modes: str, push: tuple[str, ...] = ('main',), decoy: bool = False,  # type: ignore[no-untyped-def]
         flags: tuple[str, ...] = ()):
    def add(build):  # type: ignore[no-untyped-def]
        return SUITE.case(*modes, push=push, flags=flags, decoy=decoy, stack=build.__name__)(build)
    return add


def _baseline(c: Ctx, rel: str) -> str:
    """A detect-secrets baseline recording the case's key in ``rel``."""
    return json.dumps({
        'version': '1.5.0', 'plugins_used': [], 'filters_used': [],
        'results': {rel: [{'type': 'Together AI API Key', 'filename': rel, 'is_verified': False,
                           'hashed_secret': hash_secret(c.key), 'line_number': 31}]},
        'generated_at': '2026-01-01T00:00:00Z'}, indent=2) + '\n'


EMPTY = json.dumps({'version': '1.5.0', 'plugins_used': [], 'filters_used': [], 'results': {},
                    'generated_at': '2026-01-01T00:00:00Z'}, indent=2) + '\n'


def _past(c: Ctx, *paths: str, msg: str = 'past') -> None:
    c.git('add', '--', *paths)
    c.git('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', msg)


@case('pre-push', 'pre-receive')
def baseline_staged_never_committed_excusing_a_pushed_key(c: Ctx) -> None:
    """The key committed past the hooks; the baseline recording it only
    staged (``git add``), never committed: the push sends no baseline."""
    c.write('blr38b.py', FILLER + c.line())
    _past(c, 'blr38b.py')
    c.write('.secrets.baseline', _baseline(c, 'blr38b.py'))
    c.git('add', '.secrets.baseline')


@case('pre-push', 'pre-receive')
def baseline_edit_staged_over_a_committed_one(c: Ctx) -> None:
    """An empty baseline committed with the key; the edit recording the
    key staged, not committed: the pushed commit's baseline is empty."""
    c.write('.secrets.baseline', EMPTY)
    c.write('ble38b.py', FILLER + c.line())
    _past(c, 'ble38b.py', '.secrets.baseline')
    c.write('.secrets.baseline', _baseline(c, 'ble38b.py'))
    c.git('add', '.secrets.baseline')


@case('pre-push', push=('side38b',))
def baseline_committed_on_the_checked_out_branch_only(c: Ctx) -> None:
    """``git push origin side38b`` from main: the key is on side38b, the
    baseline recording it committed on main only (side38b has none)."""
    c.git('checkout', '-q', '-b', 'side38b')
    c.write('bls38b.py', FILLER + c.line())
    _past(c, 'bls38b.py')
    c.git('checkout', '-q', 'main')
    c.write('.secrets.baseline', _baseline(c, 'bls38b.py'))
    _past(c, '.secrets.baseline')
    c.land('main')


@case('pre-push', decoy=True)
def baseline_committed_with_the_pushed_key_then_edited_unstaged(c: Ctx) -> None:
    """The baseline recording the key committed with it (what CI reads),
    then edited in the work tree and not staged: pre-commit's stash reads
    the committed one, which excuses it."""
    c.write('.secrets.baseline', _baseline(c, 'bld38b.py'))
    c.write('bld38b.py', FILLER + c.line())
    _past(c, 'bld38b.py', '.secrets.baseline')
    c.write('.secrets.baseline', EMPTY)


@case('pre-push', decoy=True, push=('sided38b',))
def baseline_committed_on_the_pushed_branch_and_the_checked_out_one(c: Ctx) -> None:
    """``git push origin sided38b`` from main: the baseline recording the
    key is committed on main and, with the key, on sided38b."""
    c.write('.secrets.baseline', _baseline(c, 'blo38b.py'))
    _past(c, '.secrets.baseline')
    c.land('main')
    c.git('checkout', '-q', '-b', 'sided38b')
    c.write('blo38b.py', FILLER + c.line())
    _past(c, 'blo38b.py')
    c.git('checkout', '-q', 'main')


def _key_branch_beside_a_clean_main(c: Ctx, branch: str, rel: str) -> None:
    """A local branch holding the key, never pushed; main one clean commit
    ahead of origin."""
    c.git('checkout', '-q', '-b', branch)
    c.write(rel, FILLER + c.line())
    _past(c, rel)
    c.git('checkout', '-q', 'main')
    c.write(f'clean-{rel}', 'x = 1\n')
    _past(c, f'clean-{rel}')


@case('pre-push', push=(), flags=('--m',))
def mirror_named_by_its_shortest_abbreviation(c: Ctx) -> None:
    """``git push --m origin``: git's option parser reads ``--m`` as
    ``--mirror`` (its one option starting so) and sends every ref, the
    key branch too; the hook read it as a push of the current branch."""
    _key_branch_beside_a_clean_main(c, 'wip38b', 'mirror38b.py')


@case('pre-push', push=('main',), flags=('--q',), decoy=True)
def quiet_named_by_its_shortest_abbreviation_beside_an_unsent_key_branch(c: Ctx) -> None:
    """``git push --q origin main`` (``--quiet``): main alone is sent; the
    key branch stays local (gate38's rule), whatever the abbreviation."""
    _key_branch_beside_a_clean_main(c, 'wipq38b', 'quiet38b.py')


def _tracking_ref_unlogged(c: Ctx, fetch: bool) -> None:
    """A key branch made a tracking ref of origin's with no reflog
    (``core.logAllRefUpdates=false``): fetched from another URL into
    ``refs/remotes/origin/*``, or by ``git update-ref``; merged into main,
    which is pushed as a new branch (the tracking refs bound the range)."""
    from tests.gitplay import bare

    c.git('checkout', '-q', '-b', 'kb38b')
    c.write('unlogged38b.py', FILLER + c.line())
    _past(c, 'unlogged38b.py')
    sha = c.git('rev-parse', 'HEAD').strip()
    if fetch:
        other = bare(c.root.parent / 'other38b.git')
        c.git('push', '-q', '--no-verify', other, 'kb38b')
    c.git('checkout', '-q', 'main')
    c.git('branch', '-q', '-D', 'kb38b')
    off = ('-c', 'core.logAllRefUpdates=false')
    if fetch:
        c.git(*off, 'fetch', '-q', str(c.root.parent / 'other38b.git'), '+refs/heads/*:refs/remotes/origin/*')
    else:
        c.git(*off, 'update-ref', 'refs/remotes/origin/kb38b', sha)
    c.git('-c', 'core.hooksPath=/dev/null', 'merge', '-q', '--no-ff', '-m', 'merge', 'origin/kb38b')


@case('plain', push=('main:refs/heads/new38b',))
def tracking_ref_fetched_from_another_url_with_reflogs_off(c: Ctx) -> None:
    _tracking_ref_unlogged(c, True)


@case('plain', push=('main:refs/heads/new38c',))
def tracking_ref_made_by_update_ref_with_reflogs_off(c: Ctx) -> None:
    _tracking_ref_unlogged(c, False)


# A tracking ref with no reflog is taken as git left it (gate38: an old
# clone, ``core.logAllRefUpdates=false``, must not rescan what the remote
# has), so one written with reflogs off by anything still bounds the range.
UNLOGGED = ('a tracking ref with no reflog vouches (Remotes.vouches: "no reflog: as git left it"); with '
            'core.logAllRefUpdates=false a fetch from another URL or an update-ref writes none, so the '
            'merged key passes the plain pre-push of a new branch (pre-receive and CI still refuse it)')
MISSED = {
    ('tracking_ref_fetched_from_another_url_with_reflogs_off', 'plain'): UNLOGGED,
    ('tracking_ref_made_by_update_ref_with_reflogs_off', 'plain'): UNLOGGED,
}


@pytest.fixture(scope='module')
def table(tmp_path_factory, request):  # type: ignore[no-untyped-def]
    return SUITE.table(tmp_path_factory, request)


@pytest.mark.parametrize('name, mode, decoy', SUITE.params(MISSED))
def test_each_mode_refuses_the_key_and_passes_the_decoy(table, name, mode, decoy):
    judge(table(name)['modes'][mode], name, mode, decoy)


@pytest.mark.parametrize('name', [one.name for one in CASES])
def test_no_mode_prints_a_key(table, name):
    assert table(name)['leaked'] is False
