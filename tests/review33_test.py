"""Session 33 (review33): the session's new output shapes, attacked.

A range end a clone lacks is now named back in a fetch hint, in up to
three places on the line (``ranges._fetch_fix``: the name, the refspec,
``origin/<name>`` to give): a revision naming a key (a branch or tag
named for one, a name pasted with its value) must not print it in any of
them.  Real git, the CLI in process."""
from __future__ import annotations

import random

import pytest

from tests.cli_run import assert_error_text
from tests.cli_run import leaked
from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from tests.conftest import write
from tests.keys import make_hex
from tests.keys import make_key

# Each of ``_fetch_fix``'s shapes: a remote's branch, a plain name, a
# full ref name, a revision walked from a name; a legacy key after its
# Together name.
SHAPES = (
    ('remote-branch', 'origin/{key}', 'git fetch origin'),
    ('plain-name', '{key}', 'fetch it as origin/'),
    ('full-ref', 'refs/tags/{key}', 'git fetch origin refs/tags/'),
    ('walked', 'HEAD~1{key}', "refs/heads/*"),
    ('legacy-named', 'together/TOGETHER_API_KEY={hex}', 'fetch it as origin/'),
)


@pytest.mark.parametrize('name,rev,hint', SHAPES, ids=[s[0] for s in SHAPES])
def test_a_fetch_hint_never_prints_a_key_the_revision_names(git_repo, name, rev, hint):
    rng = random.Random('review33-' + name)
    key, hexkey = make_key(rng), make_hex(rng)
    write(git_repo, 'a.txt', 'nothing here\n')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-qm', 'one')
    # A clone's remote: each shape names a fetch from it (with none, no
    # fetch is named: tests/sources/range_fetch_remote34_test.py).
    git(git_repo, 'remote', 'add', 'origin', 'https://example.invalid/repo.git')
    result = scan('--history', '--since', rev.format(key=key, hex=hexkey))
    assert_error_text(result.rc, result.err, '--since', 'is not a commit', hint, out=result.out)
    assert leaked([key], result.out, result.err) == []
    assert hexkey[:16] not in result.out + result.err  # a legacy key shows none of its run
