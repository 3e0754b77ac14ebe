"""The baseline at the output edge (session 33, mut33): a file named with
a key is recorded without the key (the baseline is committed), and the
entry so recorded still excuses that file's finding on the next run, and
what a baseline keeps as read is written back scrubbed; an error line is
scrubbed on standard error.  In process (``main``) where the process
boundary is not the claim."""
from __future__ import annotations

import json
import os
import random
import subprocess

from tests.cli_run import BIN
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



def test_a_baseline_s_fields_kept_as_read_are_written_back_without_a_key(tmp_path):
    """``baseline update`` keeps what it does not manage as read
    (detect-secrets' ``filters_used``: an ``--exclude-files`` pattern a
    user gave, here one naming a key-named file); the baseline it writes
    is committed, so its text goes through the scrub as every output."""
    rng = random.Random('mut33-edge-fields')
    named, added = make_key(rng), make_key(rng)
    repo = tmp_path / 'repo'
    repo.mkdir()
    git(repo, 'init', '-q')
    (repo / '.secrets.baseline').write_text(json.dumps({
        'version': '1.5.0', 'plugins_used': [],
        'filters_used': [{'path': 'detect_secrets.filters.regex.should_exclude_file', 'pattern': [named]}],
        'results': {},
    }, indent=2) + '\n')
    (repo / 'b.py').write_text(f'K = "{added}"\n')
    git(repo, 'add', '-A')
    updated = run_in_process('together-hooks', 'baseline', 'update', cwd=repo)
    assert updated.rc == 0, updated.err
    text = (repo / '.secrets.baseline').read_text()
    assert hash_secret(added) in text
    assert json.loads(text)['filters_used'][0]['pattern'][0].startswith('tgp_v1_')
    assert not leaked([named, added], text, updated.out, updated.err)


def test_an_error_line_naming_a_key_is_scrubbed_on_standard_error(tmp_path):
    """A real process (its standard error is the one the scrub wraps at
    start-up): a path to scan that does not exist, named with a key, is
    echoed redacted in the one error line."""
    key = make_key(random.Random('mut33-edge-stderr'))
    env = {k: v for k, v in os.environ.items() if not k.startswith(('GIT_', 'TOGETHER'))}
    env.update(PYTHONIOENCODING='utf-8', LC_ALL='C.UTF-8')
    proc = subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'scan', f'nosuch/{key}.txt'), cwd=tmp_path,
        env=env, capture_output=True, text=True, errors='backslashreplace', timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert 'nosuch/tgp_v1_' in proc.stderr and 'no such file' in proc.stderr
    assert not leaked([key], proc.stdout, proc.stderr)


def test_a_skipped_file_named_with_a_key_is_scrubbed_on_standard_error(tmp_path):
    """The line saying a file was not scanned (a named pipe) is written to
    standard error by a plain ``print``: only the scrub wrapped around
    the stream hides the key its name holds (an error line is scrubbed
    on its own way out too, above)."""
    key = make_key(random.Random('mut33-edge-fifo'))
    top = tmp_path / 'top'
    top.mkdir()
    (top / 'a.txt').write_text('plain\n')
    os.mkfifo(top / f'pipe.{key}')
    env = {k: v for k, v in os.environ.items() if not k.startswith(('GIT_', 'TOGETHER'))}
    env.update(PYTHONIOENCODING='utf-8', LC_ALL='C.UTF-8', GIT_CEILING_DIRECTORIES=str(tmp_path))
    proc = subprocess.run(
        (os.path.join(BIN, 'together-hooks'), 'scan', '--format', 'json', str(top)), cwd=tmp_path,
        env=env, capture_output=True, text=True, errors='backslashreplace', timeout=120,
    )
    assert proc.returncode == 1, proc.stderr  # the name itself is a key
    assert 'pipe.tgp_v1_' in proc.stderr and 'not a regular file' in proc.stderr
    assert not leaked([key], proc.stdout, proc.stderr)
