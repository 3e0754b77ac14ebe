"""A push of thousands of refs (``git push --mirror`` of a project with
many tags or branches) through the real pre-receive hook.

The gate named one object id a ref on git's command line: past the
kernel's ARG_MAX (2 MB by default; 128 kB under ``ulimit -s 512``) every
such push was refused with "Argument list too long", keys or not, and
the scan never ran.  git reads those ids from its stdin instead
(``gitrun.revisions_on_stdin``), and the key among them is still found.
"""
from __future__ import annotations

import os
import stat
import subprocess

from tests.cli_run import leaked
from tests.conftest import git
from tests.gitplay import BIN
from tests.gitplay import bare
from tests.gitplay import clean_env
from tests.gitplay import run
from together_hooks.findings import hash_secret

REFS = 4000  # 4000 ids of 41 bytes: past the 128 kB that ulimit -s 512 leaves
TAGS = 300  # blobs tagged directly: read in one walk, not three gits each


def test_a_push_of_thousands_of_refs_is_scanned_whole(tmp_path, keys):
    key = keys()
    repo = tmp_path / 'app'
    git(tmp_path, 'init', '-q', '-b', 'main', str(repo))
    stream = ['blob\nmark :1\ndata 2\nx\n']
    for i in range(REFS):  # one chain, a branch at each commit
        stream.append(
            f'commit refs/heads/b{i}\nmark :{i + 2}\ncommitter a <a@b> {10 ** 9 + i} +0000\n'
            f'data 2\nc\n{f"from :{i + 1}" if i else ""}\nM 100644 :1 f\n\n')
    for i in range(TAGS):  # blobs tagged directly, one with a key
        text = f'K = "{key if i == TAGS // 2 else i}"\n'.encode()
        stream.append(f'blob\nmark :{REFS + 2 + i}\ndata {len(text)}\n{text.decode()}\n')
    body = f'KEY = "{key}"\n'.encode()
    stream.append(  # the key on a branch of its own, in the middle
        f'commit refs/heads/topic\ncommitter a <a@b> {2 * 10 ** 9} +0000\ndata 2\nk\n'
        f'from :{REFS // 2}\nM 100644 inline app.py\ndata {len(body)}\n')
    data = ''.join(stream).encode() + body + b'\n'
    marks = tmp_path / 'marks'
    subprocess.run(('git', 'fast-import', '--quiet', f'--export-marks={marks}'),
                   cwd=repo, input=data, check=True)
    sha = dict(line.split() for line in marks.read_text().splitlines())
    subprocess.run(('git', 'update-ref', '--stdin'), cwd=repo, check=True, input=''.join(
        f'create refs/tags/t{i} {sha[f":{REFS + 2 + i}"]}\n' for i in range(TAGS)).encode())
    remote = bare(tmp_path / 'server.git')
    hook = os.path.join(remote, 'hooks', 'pre-receive')
    with open(hook, 'w') as f:  # examples/pre-receive, with a smaller ARG_MAX
        f.write(f'#!/bin/sh\nulimit -s 512\nexec {os.path.join(BIN, "together-hooks")} '
                'pre-receive --timeout 120\n')
    os.chmod(hook, os.stat(hook).st_mode | stat.S_IXUSR)
    rc, out = run(repo, clean_env(), 'git', 'push', remote, 'refs/heads/*:refs/heads/*',
                  'refs/tags/*:refs/tags/*')
    assert rc != 0, out[-2000:]
    said = [line for line in out.splitlines() if 'remote rejected' not in line]
    assert 'Argument list too long' not in out, said
    assert any(f'app.py:1: together-api-key: ' in line and hash_secret(key) in line
               and 'pre-receive' not in line for line in said), said
    tagged = [line for line in said if 'remote: <tagged blob>:1: ' in line]
    assert len(tagged) == 1 and hash_secret(key) in tagged[0], said
    assert git(remote, 'for-each-ref') == ''
    assert not leaked([key], out)
