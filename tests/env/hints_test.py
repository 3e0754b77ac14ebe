"""``env.hints.on_users_path``: is our command where the user's shell
finds it (outside the environment pre-commit installed us in)?"""
from __future__ import annotations

import os
import sys

from together_hooks.env.hints import on_users_path


def test_on_users_path_finds_only_an_executable_file_outside_our_environment(tmp_path, monkeypatch):
    plain, folder, script, ours = (tmp_path / n for n in ('plain', 'folder', 'script', 'ours'))
    for d in (plain, folder, script):
        d.mkdir()
    (plain / 'tool').write_text('not executable\n')
    (folder / 'tool').mkdir()  # a folder is never a command, executable or not
    monkeypatch.setenv('PATH', os.pathsep.join(('', str(plain), str(folder))))
    assert not on_users_path('tool')

    (script / 'tool').write_text('#!/bin/sh\n')
    (script / 'tool').chmod(0o755)
    monkeypatch.setenv('PATH', os.pathsep.join((str(plain), str(script))))
    assert on_users_path('tool')

    # A repo: local hook runs the user's own install: its bin folder is the
    # user's, and a hint to run the command needs no "pipx install".
    monkeypatch.setattr(sys, 'executable', str(script / 'python'))
    monkeypatch.setattr(sys, 'prefix', str(tmp_path))
    assert on_users_path('tool')

    # The environment pre-commit built (py_env-<version>): our own bin
    # folder, named through a link, does not count.
    os.symlink(script, ours)
    monkeypatch.setattr(sys, 'executable', str(ours / 'python'))
    monkeypatch.setattr(sys, 'prefix', str(tmp_path / 'py_env-python3'))
    monkeypatch.setenv('PATH', os.pathsep.join((str(plain), str(script))))
    assert not on_users_path('tool')
