"""What README's Limitations says is not found is not found, and what it
says is found is.  It said a key "compressed or inside an archive is not
found", while ``scan`` reads the members of zip, gzip, bzip2, xz, lzma and tar
files (docs/detection.md): a new user reading it would take a committed
``backup.zip`` for unchecked.  Each archive the line names is scanned here.
"""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import tarfile
import zipfile
from pathlib import Path

from tests.cli_run import scan
from tests.conftest import git

README = (Path(__file__).resolve().parent.parent / 'README.md').read_text(encoding='utf-8')


def _limitations() -> str:
    text = README.split('## Limitations', 1)[1].split('\n## ', 1)[0]
    return ' '.join(text.split())


def _tar(name: str, data: bytes, mode: str) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode=mode) as t:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    return out.getvalue()


def test_the_archives_the_readme_names_are_read(git_repo, keys):
    text = _limitations()
    assert 'inside an archive is not found' not in text, text
    assert 'Members of those archives are read (`backup.zip`, `logs.tar.gz`, `dump.sql.gz`)' in text
    made = {}
    for name in ('backup.zip', 'logs.tar.gz', 'dump.sql.gz', 'dump.sql.bz2', 'dump.sql.xz', 'dump.sql.lzma'):
        line = f'TOGETHER_API_KEY="{keys()}"\n'.encode()
        if name.endswith('.zip'):
            out = io.BytesIO()
            with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr('app/settings.py', line)
            data = out.getvalue()
        elif name.endswith('.tar.gz'):
            data = _tar('app.log', line, 'w:gz')
        else:
            data = {'gz': gzip.compress, 'bz2': bz2.compress, 'xz': lzma.compress,
                    'lzma': lambda d: lzma.compress(d, format=lzma.FORMAT_ALONE)}[name.rsplit('.', 1)[1]](line)
        with open(os.path.join(git_repo, name), 'wb') as f:
            f.write(data)
        made[name] = line
    git(git_repo, 'add', '.')
    result = scan('--format', 'json', '.')
    assert result.rc == 1, result.err
    found = {f['path'].split('!', 1)[0] for f in result.json()['findings']}
    assert found == set(made), found
