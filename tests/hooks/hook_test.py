"""The ``detect-together-keys`` hook: the files pre-commit passes it."""
from __future__ import annotations

import json
import os
import random

import pytest

from tests.cli_run import assert_error_line
from tests.cli_run import hook
from tests.cli_run import leaked
from tests.keys import b64
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.findings import hash_secret
from together_hooks.findings import redact
from together_hooks.argparser import file_args
from together_hooks.hooks.detect_together_keys import main

RNG_SEED = 31


def _keys():
    rng = random.Random(RNG_SEED)
    return make_key(rng), make_key(rng, last='-'), make_hex(rng)


KEY, KEY_DASH, HEX = _keys()

# (name, file contents, expected exit code); the name is the test id, so
# no key shows up in pytest's output.
CASES = (
    ('empty', b'', 0),
    ('text', b'nothing here\n', 0),
    ('env reference', b'TOGETHER_API_KEY=${TOGETHER_API_KEY}\n', 0),
    ('placeholder', b'TOGETHER_API_KEY=tgp_v1_<your-key>\n', 0),
    ('key', f'x = "{KEY}"\n'.encode(), 1),
    ('key ending in dash', f'x = ({KEY_DASH})'.encode(), 1),
    ('legacy', f'TOGETHER_API_KEY={HEX}\n'.encode(), 1),
    ('hex not named', f'OTHER_KEY={HEX}\n'.encode(), 0),
    ('base64', f'data:\n  k: {b64(KEY)}\n'.encode(), 1),
    ('pragma', f'x = "{KEY}"  # pragma: allowlist secret\n'.encode(), 0),
    ('binary', b'\x00\xff\x00' + KEY.encode() + b'\x00', 1),
    ('utf-16', f'\ufeffk={KEY}'.encode('utf-16'), 1),
)


@pytest.mark.parametrize(
    ('data', 'expected'), [c[1:] for c in CASES], ids=[c[0] for c in CASES],
)
def test_main(tmp_path, monkeypatch, capsys, data, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'f.txt').write_bytes(data)
    assert main(['f.txt']) == expected
    out, err = capsys.readouterr()
    assert err == ''
    assert (out != '') == (expected == 1)
    assert leaked([KEY, KEY_DASH, HEX], out, err) == []


def test_no_files_is_clean(capsys):
    assert main([]) == 0
    assert capsys.readouterr() == ('', '')


def test_reports_each_file_and_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'sub').mkdir()
    (tmp_path / 'a.py').write_text(f'\n\nk = "{KEY}"\n')
    (tmp_path / 'sub' / 'b.env').write_text(f'TOGETHER_API_KEY={HEX}\n')
    (tmp_path / 'clean.md').write_text('clean\n')
    assert main(['a.py', 'clean.md', 'sub/b.env']) == 1
    out, _err = capsys.readouterr()
    assert f'a.py:3: together-api-key: {redact(KEY)} (hashed_secret {hash_secret(KEY)})' in out
    assert f'sub/b.env:1: together-legacy-api-key: {redact(HEX)}' in out
    assert 'https://api.together.xyz/settings/api-keys' in out
    # The first thing to do about a blocked key, before rotating it.
    assert 'take each key out of the file and read it from the environment (TOGETHER_API_KEY)' in out
    assert leaked([KEY, HEX], out) == []


def test_json_and_output_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'a.py').write_text(f'k = "{KEY}"\n')
    assert main(['--format', 'json', 'a.py']) == 1
    doc = json.loads(capsys.readouterr().out)
    assert [(f['path'], f['line'], f['hashed_secret']) for f in doc['findings']] == [
        ('a.py', 1, hash_secret(KEY)),
    ]
    assert main(['--format', 'json', '--output', 'r.json', 'a.py']) == 1
    out, _err = capsys.readouterr()
    saved = (tmp_path / 'r.json').read_text()
    assert json.loads(saved)['findings'] == doc['findings']
    assert 'a.py:1: together-api-key' in out
    assert leaked([KEY], out, saved) == []


def test_symlink_not_followed(git_repo, capsys):
    # In a work tree, where pre-commit passes a link git stores as its
    # text; one named outside any work tree is read through
    # (faults_paths_test.py::test_a_link_named_outside_any_work_tree_is_read_through).
    (git_repo / 'real.txt').write_text(KEY)
    os.symlink('real.txt', git_repo / 'link.txt')
    assert main(['link.txt']) == 0
    assert main(['link.txt', 'real.txt']) == 1
    assert capsys.readouterr().out.count('together-api-key:') == 1


@pytest.mark.parametrize(
    'name', ('-x.txt', '-h', '--help', '--verbose', '-', '--'),
)
def test_file_named_like_an_option(tmp_path, monkeypatch, capsys, name):
    # pre-commit passes "-x.txt" as is, with no "--" before file names.
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(f'k = "{KEY}"\n')
    (tmp_path / 'ok.txt').write_text('clean\n')
    assert main(['ok.txt', name]) == 1
    out, err = capsys.readouterr()
    assert f'{name}:1: together-api-key' in out, err
    assert main(['--format', 'json', name, 'ok.txt']) == 1
    assert json.loads(capsys.readouterr().out)['findings'][0]['path'] == name


@pytest.mark.parametrize(
    ('argv', 'expected'), (
        # A name that exists is a file wherever it stands; file names go
        # after a '--', options (and their values) before it.
        (['--format', 'json', '-a', '-b', 'c'],
         ['-b', '--', '--format', 'json', '-a', 'c']),
        (['--verify', '-a', '-b', 'c'], ['--verify', '-b', '--', '-a', 'c']),
        # An option taking a value keeps it, whatever it looks like ...
        (['--output', '-a', 'c'], ['--output', '-a', '--', 'c']),
        # ... but an option's name that exists as a file is that file.
        (['c', '--format', '-h'], ['--', 'c', '--format', '-h']),
        (['-h', '--help', '-', '--'], ['--', '-h', '--help', '-', '--']),
        (['--nope', '-h'], ['--nope', '--', '-h']),
    ),
)
def test_file_args(tmp_path, monkeypatch, argv, expected):
    from together_hooks.argparser import ArgumentParser
    from together_hooks.pipeline import add_options

    monkeypatch.chdir(tmp_path)
    for name in ('-a', '--format', '-h', '--help', '-', '--', 'c'):
        (tmp_path / name).write_text('')
    parser = ArgumentParser()
    parser.add_argument('filenames', nargs='*')
    add_options(parser)
    assert file_args(argv, parser) == expected


def test_missing_file_fails_closed(tmp_path):
    (tmp_path / 'a.txt').write_text('clean\n')
    r = hook('a.txt', 'gone.txt', cwd=tmp_path)
    assert_error_line(r, 'gone.txt')


@pytest.mark.parametrize(
    'args', (('--nope', 'a.txt'), ('--format', 'yaml', 'a.txt'), ('--output',)),
)
def test_usage_errors(tmp_path, args):
    (tmp_path / 'a.txt').write_text('clean\n')
    assert_error_line(hook(*args, cwd=tmp_path), args[0])


def test_real_process_exit_codes(tmp_path):
    (tmp_path / 'a.txt').write_text(f'k = "{KEY}"\n')
    (tmp_path / 'b.txt').write_text('clean\n')
    r = hook('a.txt', 'b.txt', cwd=tmp_path)
    assert r.rc == 1 and r.err == ''
    assert 'a.txt:1: together-api-key' in r.out
    assert leaked([KEY], r.out, r.err) == []
    r = hook('b.txt', cwd=tmp_path)
    assert (r.rc, r.out, r.err) == (0, '', '')
