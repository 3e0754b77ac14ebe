"""HTML pages as a reader sees them (``codec.html_text_view``): a key a
docs page cuts where it may wrap (``<wbr>``, ``&shy;``, a zero-width
space), a name and its value in Pygments' spans (an nbconvert export);
a table's tags kept, so it is read as a table.  A page is told by its name or its head (a doctype);
a digest under a digest's name stays clean.  One folder, one real scan
(in process), each file checked for its own keys; then the same files
committed and scanned with ``--history``, whose discovery reads a blob
before its paths are known."""
from __future__ import annotations

import os

from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from together_hooks.findings import hash_secret


def _cut(key: str, mark: str, every: int = 16) -> str:
    return mark.join(key[i:i + every] for i in range(0, len(key), every))


def _span(cls: str, text: str) -> str:
    return f'<span class="{cls}">{text}</span>'


def test_html_pages_read_as_their_text(git_repo, keys):
    wbr, shy, zwsp, legacy, told, in_md, digest, after_lt, in_table = (
        keys(), keys(), keys(), keys('hex'), keys(), keys(), keys('hex'), keys(), keys(),
    )
    pygments = (
        _span('n', 'TOGETHER_API_KEY') + ' ' + _span('o', '=') + ' ' + _span('s2', f'&quot;{legacy}&quot;')
    )
    files = {
        # cut where the line may break: each joined again
        'docs/quickstart.html': (f'<pre><code>export TOGETHER_API_KEY={_cut(wbr, "<wbr>")}</code></pre>\n', {wbr}),
        'docs/blog.htm': (f'<p>Run <code>together --api-key {_cut(shy, "&shy;", 12)} models</code></p>\n', {shy}),
        'docs/notes.xhtml': (f'<p>key: {_cut(zwsp, "&#8203;", 10)}</p>\n', {zwsp}),
        # Pygments' spans between the name and its value
        'docs/explore.html': (f'<div class="highlight"><pre>{pygments}\n</pre></div>\n', {legacy}),
        # a page by its head, whatever its name
        'docs/export.txt': (f'<!DOCTYPE html>\n<html><body><p>TOGETHER_API_KEY={_cut(told, "<wbr>")}</p></body></html>\n', {told}),
        # a bare ``<`` in the text (``a<b``) is no tag: it does not run on
        # to the next tag's ``>`` and take the key's first piece with it
        'docs/loop.html': (f'<p>if a<b then export TOGETHER_API_KEY={_cut(after_lt, "<wbr>")}</p>\n', {after_lt}),
        # a table's tags stay: a row naming Together is read as a table's
        'docs/table.html': ('<table><tr><th>Provider</th><th>API key</th></tr>\n'
                            f'<tr><td><b>Together AI</b></td><td><code>{_cut(in_table, "<wbr>")}</code></td></tr></table>\n',
                            {in_table}),
        # markup in a file that is no HTML page is not undone
        'docs/notes.md': (f'Key: `{_cut(in_md, "<wbr>")}`\n', set()),
        # a digest's name over a hex value, its spans gone: still a digest
        'docs/verify.html': (
            '<pre>' + _span('n', 'EXPECTED_SHA256') + ' ' + _span('o', '=') + ' '
            + _span('s2', f'&quot;{digest}&quot;') + '\n' + _span('c1', '# the Together CLI download') + '</pre>\n', set(),
        ),
    }
    for rel, (text, _want) in files.items():
        os.makedirs(git_repo / os.path.dirname(rel), exist_ok=True)
        (git_repo / rel).write_text(text, encoding='utf-8')
    result = scan('--format', 'json', '.', cwd=git_repo)
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-qm', 'docs')
    history = scan('--history', '--format', 'json', cwd=git_repo)
    for run in (result, history):
        assert run.rc == 1, run.err
        found: dict[str, set[str]] = {rel: set() for rel in files}
        for f in run.json()['findings']:
            found[f['path']].add(f['hashed_secret'])
        for rel, (_text, want) in files.items():
            assert found[rel] == {hash_secret(k) for k in want}, (rel, run is history)
        # reported where the page holds the key: its first piece's line
        lines = {f['path']: f['line'] for f in run.json()['findings']}
        assert lines['docs/export.txt'] == 2


def test_a_history_blob_with_an_end_tag_is_told_as_the_search_for_it_tells():
    """History's discovery reads a blob as a possible page when it holds
    ``</`` (``prefilter.html_page`` with no path): the search that looks
    ``<`` by ``<`` before the general one gives its answer, wherever the
    first end tag is (before, at or past the ``<`` it tries one by one)
    and for a blob of nothing but ``<``."""
    import random

    from together_hooks.detect.prefilter import _LT_TRIES
    from together_hooks.detect.prefilter import html_page

    rng = random.Random(16)
    blobs = [b'', b'<', b'</', b'a<', b'<' * 5000, b'<' * 5000 + b'/', b'if a < b:\n    pass\n']
    blobs += [b'x<a' * n + b'</' for n in (_LT_TRIES - 1, _LT_TRIES, _LT_TRIES + 1, 10 * _LT_TRIES)]
    blobs += [bytes(rng.choice(b'<</ab') for _ in range(rng.randrange(300))) for _ in range(3000)]
    for blob in blobs:
        assert html_page(blob, '') == (b'</' in blob), blob[:40]


def test_a_key_cut_by_any_reference_to_an_unseen_character_is_joined(git_repo, keys):
    """A page writes what a reader does not see by number with leading
    zeros (``&#x00AD;``), by name (``&ZeroWidthSpace;``, HTML5's), or as a
    word joiner (``&#8288;``, ``&NoBreak;``): the same break in a long word
    as ``&shy;`` and ``&#8203;``, which alone were taken out."""
    marks = ('&ZeroWidthSpace;', '&NoBreak;', '&#x00AD;', '&#00173;', '&#8288;', '&#x2060;', '&#x0200b;')
    want = {}
    for i, mark in enumerate(marks):
        key = keys()
        (git_repo / f'p{i}.html').write_text(
            f'<!DOCTYPE html>\n<p>TOGETHER_API_KEY=<code>{_cut(key, mark)}</code></p>\n', encoding='utf-8')
        want[f'p{i}.html'] = {hash_secret(key)}
    result = scan('--format', 'json', '.', cwd=git_repo)
    found: dict[str, set[str]] = {rel: set() for rel in want}
    for f in result.json()['findings']:
        found[f['path']].add(f['hashed_secret'])
    assert found == want
