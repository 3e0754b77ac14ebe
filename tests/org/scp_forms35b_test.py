"""Session 35 (review35b): ``scan-org --repos`` reads a location that is
no URL as git reads it (``url_is_local_not_ssh``): a ``:`` before any
``/`` is ssh's scp-like form (``host:path``, ``[::1]:path``), cloned,
not refused as "no such repository" (it was, unless a user came first);
a folder of that name that exists is still a path, a remote helper's
``transport::address`` and a drive letter are never ssh's.  A password
holding a ``/`` in that form (``user:pa/ss@host:path``) is refused as
credentials, unprinted (it was read as a local path and its "no such
repository" line printed it).  (``host:app@2.git`` stays refused as
credentials: it is spelled as ``user:pass@host`` is.)"""
from __future__ import annotations

import os
import random

import pytest

from together_hooks.errors import InputError
from together_hooks.org import inputs
from tests.org.scan_org_test import scan_org
from tests.org.scan_org_test import write_lines


@pytest.mark.parametrize('location', [
    'example.com:acme/app.git', 'localhost:app.git', '[::1]:acme/app.git',
    'git@[::1]:acme/app.git',
    # the decoys: a user alone in a URL is no credential
    'ssh://git@git.example.com/acme/app.git', 'ssh://git@git.example.com:22/acme/app.git',
    'git+ssh://git@[::1]/acme/app.git',
])
def test_git_s_scp_like_form_or_a_url_is_a_location(tmp_path, location):
    assert inputs.normalize(location, str(tmp_path)) == location


@pytest.mark.parametrize('location', [
    'ext::sh -c true', 'fd::7', '::x', 'C:\\repo', 'C:/repo', 'D:',
    'acme/app:x', 'nowhere',
])
def test_a_helper_a_drive_or_a_path_is_no_ssh_location(tmp_path, location):
    """The decoys: still "no such repository" where no such folder is."""
    with pytest.raises(InputError, match='no such repository'):
        inputs.normalize(location, str(tmp_path))


def test_a_folder_named_like_one_is_read_as_a_folder(tmp_path):
    os.mkdir(tmp_path / 'backup:old')
    assert inputs.normalize('backup:old', str(tmp_path)) == str(tmp_path / 'backup:old')


@pytest.mark.parametrize('user', ['deploy:{}/x', 'u:a/{}'])
@pytest.mark.parametrize('rest', ['@git.example.com:acme/app.git', '@git.example.com/acme/app.git'])
def test_a_password_holding_a_slash_is_refused_unprinted(tmp_path, user, rest):
    word = 'pw' + '%016x' % random.Random(user + rest).getrandbits(64)
    with pytest.raises(InputError, match='carries credentials') as e:
        inputs.normalize(user.format(word) + rest, str(tmp_path))
    assert word not in str(e.value)


def test_an_scp_like_location_is_cloned_not_refused(tmp_path):
    """End to end: the clone is tried (ssh fails here), the run names the
    location; before, one line "no such repository" and nothing tried."""
    result = scan_org('--repos', write_lines(tmp_path / 'r.txt', '127.0.0.1:acme/app.git'),
                      '--store', str(tmp_path / 's.sqlite'), '--cache-dir', str(tmp_path / 'c'),
                      '--retries', '0', '--timeout', '30', cwd=tmp_path,
                      env={'GIT_SSH_COMMAND': 'false'})
    assert result.rc == 2
    assert 'no such repository' not in result.err
    assert 'git clone failed' in result.err, result.err
    assert '127.0.0.1:acme/app.git' in result.out + result.err
