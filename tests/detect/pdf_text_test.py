"""A PDF page's text as a reader extracts it (``containers.pdf_text``): a
``TJ`` array's strings joined across the kerning numbers between them
(pdfTeX, Word and LibreOffice cut a line there), a word's gap a space,
a move down a line break.  The inflated content stream's bytes hold the
key in pieces, ``[(TOGE)-15(THER_API_KEY=tg)-20(p_v1_…)] TJ``, so no
reading of its bytes finds it (encoded_heldout13's ``pdf-kerned-tj-*``).
The PDF is fpdf2's, its page stream replaced by one such a writer
writes; a key its bytes show whole is reported once."""
from __future__ import annotations

import hashlib
import random
import re
import zlib

import pytest

from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.findings import hash_secret
from together_hooks.pipeline import Scanner
from together_hooks.sources.content import Content

_FLATE = re.compile(rb'<<\n/Filter /FlateDecode\n/Length (\d+)\n>>\nstream\n')


def found(data: bytes, path: str = 'doc.pdf') -> list[tuple[str, str]]:
    return sorted((f.path, f.hashed_secret) for f in Scanner().scan_one(Content(path, data)))


def _pdf(content: str) -> bytes:
    """fpdf2's one-page PDF, its page's stream replaced by ``content``
    (deflated, as fpdf2 writes its own)."""
    fpdf = pytest.importorskip('fpdf')
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font('courier', size=10)
    pdf.cell(text='page')
    data = bytes(pdf.output())
    m = _FLATE.search(data)
    assert m is not None, 'fpdf2 wrote no deflated stream'
    raw = zlib.compress(content.encode('latin-1'))
    return (data[:m.start()] + b'<<\n/Filter /FlateDecode\n/Length %d\n>>\nstream\n' % len(raw) + raw
            + data[m.end() + int(m.group(1)):])


def _kerned(text: str, gap: int = -15, every: int = 5) -> str:
    """``text`` as a ``TJ`` array: a piece every ``every`` characters, a
    kerning number ``gap`` between them."""
    pieces = [text[i:i + every] for i in range(0, len(text), every)]
    return '[' + f'){gap}('.join(pieces).join('()') + '] TJ'


def _page(*shown: str) -> str:
    return 'BT\n/F1 10 Tf\n72 720 Td\n' + '\n0 -14 Td\n'.join(shown) + '\nET\n'


def test_a_key_cut_by_kerning_is_found_at_its_stream():
    key = make_key(random.Random('pdf-text-current'))
    data = _pdf(_page('(Runbook) Tj', _kerned(f'export TOGETHER_API_KEY={key}')))
    m = _FLATE.search(data)
    assert key[:10].encode() not in zlib.decompress(data[m.end():m.end() + int(m.group(1))])
    [(path, hashed)] = found(data)
    assert re.fullmatch(r'doc\.pdf!obj [0-9]+', path) and hashed == hash_secret(key)


def test_a_legacy_key_under_its_name_cut_by_kerning_is_found():
    key = make_hex(random.Random('pdf-text-legacy'))
    data = _pdf(_page('(Together AI credentials) Tj', _kerned(f'TOGETHER_API_KEY={key}', -27, 3)))
    assert [h for _p, h in found(data)] == [hash_secret(key)]


def test_pieces_placed_across_a_line_by_td_are_one_line():
    # Word places a line's runs one after the other: ``120 0 Td`` moves
    # across, not down.
    key = make_key(random.Random('pdf-text-across'))
    data = _pdf(f'BT\n/F1 10 Tf\n72 720 Td\n({key[:21]}) Tj\n126 0 Td\n({key[21:]}) Tj\nET\n')
    assert [h for _p, h in found(data)] == [hash_secret(key)]


def test_a_key_the_page_wraps_at_its_line_end_is_found():
    # a move down is a line break: the wrapped reading joins a key cut
    # there, as in a text file wrapped at its width
    key = make_key(random.Random('pdf-text-wrapped'))
    data = _pdf(_page(f'(TOGETHER_API_KEY={key[:30]}) Tj', f'({key[30:]}) Tj'))
    assert [h for _p, h in found(data)] == [hash_secret(key)]


def test_hex_strings_and_octal_escapes_are_read():
    key = make_key(random.Random('pdf-text-hex'))
    head = key[:12].encode().hex()
    tail = ''.join(f'\\{ord(c):03o}' for c in key[12:20]) + key[20:]
    data = _pdf(_page(f'[<{head}>-10({tail})] TJ'))
    assert [h for _p, h in found(data)] == [hash_secret(key)]


def test_a_key_its_bytes_show_whole_is_reported_once():
    key = make_key(random.Random('pdf-text-whole'))
    data = _pdf(_page(f'(TOGETHER_API_KEY={key}) Tj', '(and again) Tj'))
    assert [h for _p, h in found(data)] == [hash_secret(key)]


_DECOYS = {
    # a word's gap between a key-shaped run's pieces: two words, no key
    'word-gap': lambda rng: _page('[(' + make_key(rng)[:25] + ')-333(' + make_key(rng)[25:] + ')] TJ'),
    'placeholder': lambda rng: _page(_kerned('export TOGETHER_API_KEY=tgp_v1_' + 'x' * 43)),
    'digest': lambda rng: _page('(Together AI wheels) Tj', _kerned(
        f'together-0.9.0.whl sha256 {hashlib.sha256(rng.randbytes(8)).hexdigest()}')),
    'other-provider': lambda rng: _page(_kerned('OPENAI_API_KEY=sk-proj-' + rng.randbytes(24).hex())),
}


@pytest.mark.parametrize('case', sorted(_DECOYS))
def test_decoys_stay_clean(case):
    assert found(_pdf(_DECOYS[case](random.Random(f'pdf-text-decoy-{case}')))) == []


def test_the_text_a_reader_extracts():
    from together_hooks.detect.containers import pdf_text

    stream = (b'BT /F1 12 Tf 72 700 Td (Hello \\(x\\) \\101\\\nB) Tj 0 -14 Td [(A)-300(B)12(C)] TJ '
              b'100 0 Td (D) Tj T* <414243> Tj (E) \' ET q 1 0 0 1 0 0 cm Q')
    assert pdf_text(stream) == b'Hello (x) AB\nA BCD\nABC\nE\n'
    assert pdf_text(b'q 0 0 612 792 re W n /Im1 Do Q') is None
