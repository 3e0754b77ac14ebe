"""File names that spell a key, or nearly one, and what we write of them.

In process (the tools' answer is the subject, not the process), one
repository a test: a name cut from a key, a key upper-cased, a name that
reads as a key only when glued to the next JSON field's name, and an env
file named with a key that ``check-env-gitignored --fix`` writes a rule
for into a .gitignore that is committed.
"""
from __future__ import annotations

import json
import random

from tests.cli_run import leaked
from tests.cli_run import run_in_process
from tests.conftest import git
from tests.keys import make_key


def _commit(repo) -> None:
    git(repo, 'add', '-A')
    git(repo, 'commit', '-qm', 'names')


def test_a_key_cut_short_or_upper_cased_in_a_name_is_never_shown(git_repo, keys):
    """A name that is a key minus a character (cut at 49), or minus seven,
    or the key in capitals, is shown redacted in every format: what is
    left of it is the key to whoever tries the few endings.  (The text
    report showed the cut names whole; the JSON one spliced the name of 49
    into the next field, ``"line"``, and was no JSON.)"""
    inner, cut, shorter, upper = keys(), keys(), keys(), keys()
    for name in (cut[:-1], shorter[:-7], upper.upper()):
        (git_repo / name).write_text(f'TOGETHER_API_KEY={inner}\n')
    _commit(git_repo)
    texts = []
    for fmt in ('text', 'json', 'sarif', 'github'):
        result = run_in_process('together-hooks', 'scan', '--format', fmt, cwd=git_repo)
        assert result.rc == 1, result.err
        if fmt in ('json', 'sarif'):
            json.loads(result.out)
        texts += [result.out, result.err]
    assert leaked([cut, shorter, upper], *texts) == []
    assert 'tgp_v1_' + cut[7:9] in texts[0]  # shown redacted, not dropped


def test_a_name_glued_to_the_next_field_name_keeps_the_baseline_json(git_repo, keys):
    """A file named ``tgp_v1_`` and 30 random characters is no key, but
    glued across ``",\\n  "`` to the next field name of a baseline
    (``hashed_secret``) it read as one: its redaction swallowed the JSON
    between them, ``baseline create`` wrote a corrupt baseline (exit 0),
    and every scan after it stopped with exit 2."""
    inner = keys()
    name = make_key(random.Random('glued'))[:37]  # no key: 30 of its 43
    (git_repo / name).write_text(f'TOGETHER_API_KEY={inner}\n')
    _commit(git_repo)
    for fmt in ('json', 'sarif'):
        result = run_in_process('together-hooks', 'scan', '--format', fmt, cwd=git_repo)
        assert result.rc == 1, result.err
        json.loads(result.out)
    result = run_in_process('together-hooks', 'baseline', 'create', cwd=git_repo)
    assert result.rc == 0, result.err
    baseline = json.loads((git_repo / '.secrets.baseline').read_text())
    entries = [e for found in baseline['results'].values() for e in found]
    assert len(entries) == 1 and len(entries[0]['hashed_secret']) == 40, entries
    result = run_in_process('together-hooks', 'scan', cwd=git_repo)
    assert result.rc == 0, result.err  # the baseline it wrote is read


def test_check_env_gitignored_fix_never_writes_a_key_into_gitignore(git_repo, keys):
    """An env file named with a key gets a rule that matches it with the
    key's characters as ``?``: the .gitignore that ``--fix`` tells you to
    commit held the key whole (``.env-<key>``, ``!.env.<key>.example``)."""
    key = keys()
    (git_repo / 'a.txt').write_text('a\n')
    _commit(git_repo)
    (git_repo / f'.env-{key}').write_text('DEBUG=1\n')
    (git_repo / f'.env.{key}.example').write_text('DEBUG=\n')
    result = run_in_process('check-env-gitignored', '--fix', cwd=git_repo)
    assert result.rc == 1, result.err
    written = (git_repo / '.gitignore').read_text()
    assert leaked([key], written) == [], written
    assert f'.env-{key[:9]}?' in written and f'!.env.{key[:9]}?' in written, written
    ignored = git(git_repo, 'status', '--porcelain', '--ignored', '-z').split('\0')
    assert f'!! .env-{key}' in ignored and f'?? .env.{key}.example' in ignored, ignored
