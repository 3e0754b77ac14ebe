"""Word documents and slides as a reader sees them (``codec.ooxml_text_view``):
a label and a key in two runs of one paragraph (another font, a spell-check
mark between) read as one line; a table's cells apart; each paragraph a
line of its own.  Written as Word writes them, zipped by ``zipfile``,
scanned by a real ``together-hooks scan``."""
from __future__ import annotations

import hashlib
import io
import random
import zipfile

import pytest

from tests.cli_run import leaked
from tests.cli_run import scan as scan_process  # a hang's guard: under a process's timeout
from tests.cli_run import scan_in_process as scan
from tests.keys import make_hex
from tests.keys import make_key

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'


DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def _docx(body: str, declaration: str = DECLARATION) -> bytes:
    doc = (
        declaration +
        f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types/>')
        z.writestr('word/document.xml', doc)
    return out.getvalue()


def _run(text: str, mono: bool = False) -> str:
    props = '<w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/><w:sz w:val="18"/></w:rPr>' if mono else ''
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _para(*runs: str) -> str:
    return '<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>' + ''.join(runs) + '</w:p>'


BODIES = {
    'two-runs': lambda k: _para(_run('Together AI API key: '), _run(k, mono=True)),
    'proof-mark': lambda k: _para(
        _run('TOGETHER_API_KEY='), '<w:proofErr w:type="spellStart"/>', _run(k[:30], True),
        '<w:proofErr w:type="spellEnd"/>', _run(k[30:], True),
    ),
    'table-cells': lambda k: (
        '<w:tbl><w:tr><w:tc><w:p>' + _run('provider') + '</w:p></w:tc><w:tc><w:p>' + _run('api_key')
        + '</w:p></w:tc></w:tr><w:tr><w:tc><w:p>' + _run('together') + '</w:p></w:tc><w:tc><w:p>'
        + _run(k) + '</w:p></w:tc></w:tr></w:tbl>'
    ),
    'current-split': lambda k: _para(_run('key '), _run(k[:7]), _run(k[7:], True)),
    # Cut where no keyword is whole in the bytes (``tg`` | ``p_v1_``, ``TOGE``
    # | ``THER``): no needle of the screen, the part is read for its text.
    'cut-in-every-keyword': lambda k: _para(_run('TOGE'), _run('THER_API_KEY='), _run(k[:2]), _run(k[2:], True)),
}


@pytest.mark.parametrize('shape', sorted(BODIES))
def test_found(tmp_path, shape: str) -> None:
    rng = random.Random(shape)
    key = make_key(rng) if shape in ('current-split', 'cut-in-every-keyword') else make_hex(rng)
    (tmp_path / 'Handover.docx').write_bytes(_docx(_para(_run('Handover')) + BODIES[shape](key)))
    r = scan('--format', 'json', '.', cwd=tmp_path)
    assert leaked([key], r.out, r.err) == []
    assert [f['hashed_secret'] for f in r.json()['findings']] == [hashlib.sha1(key.encode()).hexdigest()]


def test_a_part_without_the_xml_declaration_is_read_as_one(tmp_path) -> None:
    # Some writers leave ``<?xml ...?>`` out, or put a BOM or a line
    # break before it: the part is still read for its text (a keyword cut
    # by runs, ``TOGE`` | ``THER``, ``tg`` | ``p_v1_``), in one scan.
    heads = {'none': '', 'bom': '\ufeff' + DECLARATION, 'blank-line': '\r\n', 'bom-no-declaration': '\ufeff'}
    keys = {}
    for name, head in heads.items():
        keys[name] = make_key(random.Random(f'no-declaration-{name}'))
        (tmp_path / f'{name}.docx').write_bytes(_docx(BODIES['cut-in-every-keyword'](keys[name]), head))
    r = scan('--format', 'json', '.', cwd=tmp_path)
    assert leaked(list(keys.values()), r.out, r.err) == []
    found = sorted((f['path'], f['hashed_secret']) for f in r.json()['findings'])
    assert found == sorted(
        (f'{name}.docx!word/document.xml', hashlib.sha1(k.encode()).hexdigest()) for name, k in keys.items()
    )


def test_a_part_ending_in_tags_left_open_is_read_in_one_pass(tmp_path) -> None:
    # 200,000 tags never closed at the part's end (no ``>`` after them: a
    # tag pattern running to the next ``>`` read the rest again from
    # every ``<``, hours); the paragraph before them is still read.
    key = make_hex(random.Random('tags-left-open'))
    whole = _docx(_para(_run('Handover')) + _para(_run('Together AI API key: '), _run(key, True)))
    doc = zipfile.ZipFile(io.BytesIO(whole)).read('word/document.xml').split(b'<w:sectPr/>')[0].decode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types/>')
        z.writestr('word/document.xml', doc + '<w:x ' * 200_000)
    (tmp_path / 'Handover.docx').write_bytes(out.getvalue())
    r = scan_process('--format', 'json', '.', cwd=tmp_path)
    assert [f['hashed_secret'] for f in r.json()['findings']] == [hashlib.sha1(key.encode()).hexdigest()]


def test_paragraphs_stay_apart(tmp_path) -> None:
    # A label in one paragraph and a digest in the next are two lines.
    rng = random.Random('apart')
    body = (
        _para(_run('Release notes for the Together AI client')) + _para(_run('sha256 of the wheel:'))
        + _para(_run(make_hex(rng), True)) + _para(_run('Working together on keys'))
    )
    (tmp_path / 'Notes.docx').write_bytes(_docx(body))
    r = scan('--format', 'json', '.', cwd=tmp_path)
    assert r.rc == 0 and r.json()['findings'] == []


def test_a_part_cut_in_every_keyword_is_found_in_history(git_repo) -> None:
    # A Word part committed unzipped (no container): the history's blob
    # test passes it (``prefilter.ooxml_part``) though no needle is whole.
    from tests.conftest import git

    key = make_key(random.Random('part-in-history'))
    doc = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<w:document xmlns:w="{W}"><w:body>{BODIES["cut-in-every-keyword"](key)}</w:body></w:document>'
    )
    (git_repo / 'document.xml').write_text(doc, encoding='utf-8')
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'notes')
    r = scan('--history', '--format', 'json', cwd=git_repo)
    assert leaked([key], r.out, r.err) == []
    assert [f['hashed_secret'] for f in r.json()['findings']] == [hashlib.sha1(key.encode()).hexdigest()]
