"""A run that finds many keys (a file of dense ``TOGETHER_API_KEY = <hex>``
lines) reports every one, and its report's scrubbing grows linearly with
them (bench/complexity.py, family ``scrub``, case ``many-keys-report``):
each line shown was checked against every base85 form of every key learnt
(3,000 lines: 9.3 s and 217 MB; 40,000 lines passed 1.9 GB), and the
pieces' index held 230 bytes a place (70 KB a key)."""
from __future__ import annotations

import random

import pytest

from tests.bytecode import work
from tests.cli_run import leaked
from tests.cli_run import scan_in_process as scan
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.scrub import Scrubber
from together_hooks.findings import hash_secret
from together_hooks.findings import redact


def _keys(n: int, seed: int, make=make_hex) -> list[str]:
    rng = random.Random(seed)
    return [make(rng) for _ in range(n)]


@pytest.mark.parametrize('make, template', [
    (make_hex, 'TOGETHER_API_KEY = {}'),
    (make_key, 'TOGETHER_API_KEY = {}'),
    (make_hex, 'together:\n  api_key: {}'),
])
def test_every_key_of_a_dense_file_is_reported_at_each_size(tmp_path, make, template):
    for n in (60, 120, 240):
        keys = _keys(n, n, make)
        path = tmp_path / f'keys{n}.yaml'
        path.write_text(''.join(template.format(k) + '\n' for k in keys))
        result = scan('--format', 'json', str(path), cwd=tmp_path)
        assert result.rc == 1, result.err
        assert sorted(h for *_, h in result.found()) == sorted(map(hash_secret, keys))
        assert leaked(keys, result.out, result.err) == []


def _report_work(n: int) -> int:
    keys = _keys(n, 7 * n)
    scrubber = Scrubber(keys)
    scrubber.scrub('warm up: the forms are made here\n')
    lines = [
        f'keys.env:{i}: together-legacy-api-key: {redact(k)} (hashed_secret {hash_secret(k)})\n'
        for i, k in enumerate(keys, 1)
    ]
    return work(lambda: [scrubber.scrub(line) for line in lines])


def test_scrubbing_a_report_line_a_key_grows_linearly_with_the_keys_learnt():
    small, large = _report_work(60), _report_work(240)
    assert large < 6 * small, (small, large)


def test_a_known_base85_form_is_still_scrubbed_among_many():
    from together_hooks.detect.codec import b85_whole_forms

    keys = _keys(300, 3)
    scrubber = Scrubber(keys)
    forms = sorted(b85_whole_forms(keys[150].encode()))
    assert any(set(f.decode()) - set('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')
               for f in forms)  # a form of base85's own punctuation
    for form in forms:
        shown = scrubber.scrub(f'blob: {form.decode()} end')
        assert leaked([keys[150]], shown) == [] and form.decode() not in shown


def test_a_piece_of_a_known_form_is_still_scrubbed_among_many():
    from together_hooks.detect.codec import b64_forms

    keys = _keys(300, 4)
    form = sorted(b64_forms(keys[299].encode()))[1].decode()
    piece = form[20:40]
    shown = Scrubber(keys).scrub(f'x={piece};')
    assert piece not in shown


def _cased_work(n: int) -> int:
    keys = _keys(n, 11 * n)
    scrubber = Scrubber(keys)
    scrubber.scrub('warm up\n')
    lines = [f'ref {k[:32].upper()}{k[32:]} of line {i}\n' for i, k in enumerate(keys)]
    return work(lambda: [scrubber.scrub(line) for line in lines])


def test_a_key_in_capitals_a_line_is_scrubbed_in_work_linear_in_the_keys():
    keys = _keys(20, 12)
    shown = Scrubber(keys).scrub(f'ref {keys[7][:32].upper()}{keys[7][32:]} end')
    assert keys[7][32:] not in shown and leaked([keys[7]], shown.lower()) == []
    small, large = _cased_work(40), _cased_work(320)  # 8x the keys and lines
    assert large < 10 * small, (small, large)
