"""The baseline at the output edge (session 33, mut33): a file named with
a key is recorded without the key (the baseline is committed), and the
entry so recorded still excuses that file's finding on the next run.  Runs in process (``main``), files on disk."""
from __future__ import annotations

import random

from tests.cli_run import leaked
from tests.cli_run import run_in_process
from tests.conftest import git
from tests.keys import make_key
from together_hooks.findings import hash_secret


def _repo(tmp_path, rng):
    named, inside = make_key(rng), make_key(rng)
    repo = tmp_path / 'repo'
    repo.mkdir()
    git(repo, 'init', '-q')
    (repo / f'{named}.txt').write_text(f'token = "{inside}"\n')
    (repo / 'plain.txt').write_text('nothing here\n')
    # The name itself is a finding no baseline can record: allowed here.
    (repo / '.together-hooks.toml').write_text(f'allow = ["{hash_secret(named)}"]\n')
    git(repo, 'add', '-A')
    return repo, named, inside


def test_a_key_named_file_is_recorded_without_its_name_s_key_and_still_excused(tmp_path):
    """The baseline is committed: an entry named by the file's raw name
    commits the key; one named otherwise than the finding's path no
    longer excuses it."""
    repo, named, inside = _repo(tmp_path, random.Random('mut33-edge-create'))
    created = run_in_process('together-hooks', 'baseline', 'create', cwd=repo)
    assert created.rc == 0, created.err
    text = (repo / '.secrets.baseline').read_text()
    assert hash_secret(inside) in text
    assert not leaked([named, inside], text, created.out, created.err)
    # The entry, named as written, is the file's: the key in it is known.
    again = run_in_process('together-hooks', 'scan', cwd=repo)
    assert again.rc == 0, again.out + again.err
    assert not leaked([named, inside], again.out, again.err)
    # The decoy: a key beside it in another file is still reported.
    (repo / 'plain.txt').write_text(f'other = "{make_key(random.Random(5))}"\n')
    git(repo, 'add', '-A')
    assert run_in_process('together-hooks', 'scan', cwd=repo).rc == 1

