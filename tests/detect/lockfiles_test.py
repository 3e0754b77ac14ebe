"""A lockfile is judged by what it holds, not by its name.

A 64-hex legacy key named as a Together key is a key in any file, one
called ``x.lock`` too; the digests real lockfiles and checksum lists carry
for a package named ``together`` are not.  Real files scanned by the real
command.
"""
from __future__ import annotations

import pytest

from tests.cli_run import scan_in_process as scan
from tests.conftest import write
from together_hooks.findings import hash_secret

LOCK_NAMES = (
    'x.lock', 'poetry.lock', 'Cargo.lock', 'uv.lock', 'Pipfile.lock', 'package-lock.json',
    'pnpm-lock.yaml', 'go.sum', 'dist.sha256', 'SHA256SUMS', 'release-checksums.txt',
)


@pytest.mark.parametrize('name', LOCK_NAMES)
@pytest.mark.parametrize('shape', [
    'TOGETHER_API_KEY={hex}\n',
    'together_api_key = "{hex}"\n',
    '{{"TOGETHER_API_KEY": "{hex}"}}\n',
])
def test_a_named_legacy_key_in_a_lockfile_is_a_key(git_repo, keys, name, shape):
    key = keys('hex')
    write(git_repo, name, shape.format(hex=key))
    result = scan('--format', 'json', name)
    assert result.rc == 1, (result.out, result.err)
    assert {f[3] for f in result.found()} == {hash_secret(key)}


# What lockfiles and checksum lists hold for a package named together.
DIGESTS = {
    'poetry.lock': (
        '[[package]]\nname = "together"\nversion = "1.2.1"\n'
        'description = "Python client for Together\'s Cloud Platform!"\nfiles = [\n'
        '    {{file = "together-1.2.1.tar.gz", hash = "sha256:{a}"}},\n]\n'
        '\n[metadata]\ncontent-hash = "{b}"\n'
    ),
    'Cargo.lock': (
        '[[package]]\nname = "together"\nversion = "0.1.0"\n'
        'source = "registry+https://github.com/rust-lang/crates.io-index"\n'
        'checksum = "{a}"\n\n[metadata]\n'
        '"checksum together 0.1.0 (registry+https://github.com/rust-lang/crates.io-index)" = "{b}"\n'
    ),
    'uv.lock': (
        '[[package]]\nname = "together"\nversion = "1.3.0"\n'
        'source = {{ registry = "https://pypi.org/simple" }}\n'
        'sdist = {{ url = "https://files.pythonhosted.org/together-1.3.0.tar.gz", '
        'hash = "sha256:{a}", size = 1 }}\n'
        'wheels = [\n    {{ url = "https://x/together-1.3.0-py3-none-any.whl", hash = "sha256:{b}" }},\n]\n'
    ),
    'Pipfile.lock': (
        '{{"_meta": {{"hash": {{"sha256": "{a}"}}}},\n "default": {{"together": {{\n'
        '   "hashes": ["sha256:{b}"],\n   "version": "==1.2.1"}}}}}}\n'
    ),
    'mix.lock': (
        '%{{\n  "together": {{:hex, :together, "1.0.0", "{a}", [:mix], [], "hexpm", "{b}"}},\n}}\n'
    ),
    'Gemfile.lock': 'GEM\n  specs:\n    together (1.0.0)\n\nCHECKSUMS\n  together (1.0.0) sha256={a}\n',
    'SHA256SUMS': '{a}  together-1.2.1.tar.gz\n{b}  together-1.2.1-py3-none-any.whl\n',
    'together.sha256': '{a}  together-cli-linux-amd64\n',
    'requirements.txt': 'together==1.2.1 \\\n    --hash=sha256:{a} \\\n    --hash=sha256:{b}\n',
    'flake.lock': '{{"nodes": {{"together": {{"locked": {{"rev": "abc", "sha256": "{a}"}}}}}}}}\n',
}


@pytest.mark.parametrize('name', sorted(DIGESTS))
def test_digests_of_a_package_named_together_are_no_key(git_repo, keys, name):
    write(git_repo, name, DIGESTS[name].format(a=keys('hex'), b=keys('hex')))
    result = scan(name)
    assert result.rc == 0, (result.out, result.err)
