"""Every file we write inside a repository (a report, a baseline, a
replacements file, a .gitignore, the audit log) is written in a folder
held open from the repository's top with no link followed: a folder
swapped for a link to somewhere else while we write (another process
racing us) never moves the write there.  Before, ``write_atomic`` checked
the path and then wrote by path: a swap in between wrote outside.  Real
files, a real racing thread."""
from __future__ import annotations

import os
import random
import threading
import time

import pytest

from together_hooks.errors import InputError
from together_hooks.fileio import write_atomic

ROUNDS = 400


def _swapping(repo, outside, stop):
    """Swap ``repo/reports`` between the real folder and a link to
    ``outside`` until ``stop`` is set."""
    real, name = str(repo / 'reports.real'), str(repo / 'reports')
    while not stop.is_set():
        try:
            os.rename(name, real)
            os.symlink(str(outside), name)
            time.sleep(0)  # let the writer run with the link in place
            os.unlink(name)
            os.rename(real, name)
            time.sleep(0.0002)  # and with the real folder
        except OSError:
            pass


@pytest.mark.parametrize('rel', ['reports/r.json', 'reports/deep/r.json'])
def test_a_folder_swapped_for_a_link_never_takes_the_write(git_repo, tmp_path, rel):
    outside = tmp_path / 'outside'
    (outside / 'deep').mkdir(parents=True)
    (git_repo / 'reports' / 'deep').mkdir(parents=True)
    stop = threading.Event()
    racer = threading.Thread(target=_swapping, args=(git_repo, outside, stop))
    racer.start()
    written = refused = 0
    try:
        for i in range(ROUNDS):
            try:
                write_atomic(str(git_repo / rel), f'report {i}\n', within=str(git_repo))
                written += 1
            except InputError:
                refused += 1
    finally:
        stop.set()
        racer.join()
    if not (git_repo / 'reports').is_dir() or (git_repo / 'reports').is_symlink():
        os.unlink(git_repo / 'reports')
        os.rename(git_repo / 'reports.real', git_repo / 'reports')
    assert written + refused == ROUNDS
    assert [str(p) for p in outside.rglob('*') if p.is_file()] == []
    assert written, 'the race left no moment to write: the test proves nothing'
    assert (git_repo / rel).read_text().startswith('report ')


def test_the_gitignore_fix_never_writes_through_a_link_swapped_in(git_repo, tmp_path):
    """``check-env-gitignored --fix`` refuses a .gitignore that is a link;
    one swapped in after that check is replaced by the file, never written
    through: the file it points to stays as it was."""
    from together_hooks.env.gitignore import fix_gitignore

    victim = tmp_path / 'victim'
    victim.write_text('mine\n')
    (git_repo / '.env').write_text('A=1\n')
    target = str(git_repo / '.gitignore')
    stop = threading.Event()
    pause = random.Random(7)

    def swap():
        while not stop.is_set():
            try:
                os.symlink(str(victim), target + '.l')
                os.replace(target + '.l', target)
            except OSError:
                pass
            time.sleep(pause.uniform(0, 0.03))  # a git call's time: both orders happen

    racer = threading.Thread(target=swap)
    racer.start()
    fixed = 0
    try:
        for _ in range(ROUNDS // 4):
            try:
                os.unlink(target)
            except OSError:
                pass
            try:
                fixed += bool(fix_gitignore(str(git_repo)))
            except InputError:
                pass
    finally:
        stop.set()
        racer.join()
    assert victim.read_text() == 'mine\n'
    assert fixed
