"""RTF documents as a reader sees them (``codec.rtf_text_view``): a label
and its key in another font's group, a key a writer's raw line break cut
(RTF readers pass over line breaks: WordPad and Word break long lines
anywhere), TextEdit's ``\\`` line ends as paragraphs, ``\\'5f`` for an
underscore (the first and the last were missed before; the cut key and
TextEdit's were found already, as a wrapped key and a continuation, and
stay found once each); a digest under a digest's name stays clean.  One repository:
the tree scanned, then the commit's history, in process."""
from __future__ import annotations

from tests.cli_run import scan_in_process as scan
from tests.conftest import git
from together_hooks.findings import hash_secret

HEAD = '{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Calibri;}{\\f1\\fmodern Consolas;}}\r\n'


def test_rtf_documents_read_as_their_text(git_repo, keys):
    grouped, cut, textedit, escaped, digest = keys('hex'), keys(), keys('hex'), keys('hex'), keys('hex')
    files = {
        # WordPad: the label in one font, the key in a group of another
        'notes/staging.rtf': (HEAD + '\\f0 Staging settings.\\par\r\n'
                              f'Together API key: {{\\f1 {grouped}}}\\par\r\n}}\r\n', {grouped}, 3),
        # a writer's line break inside the key
        'notes/rotation.rtf': (HEAD + f'\\f0 New key: {cut[:30]}\r\n{cut[30:]}\\par\r\n}}\r\n', {cut}, 2),
        # TextEdit: a backslash before each line break ends a paragraph
        'notes/textedit.rtf': ('{\\rtf1\\ansi\\cocoartf2761\n{\\fonttbl\\f0\\fswiss Helvetica;}\n'
                               f'\\f0\\fs24 \\cf0 APP_ENV=prod\\\nTOGETHER_API_KEY={textedit}\\\nDEBUG=0}}\n', {textedit}, 4),
        # underscores written as hex escapes
        'notes/escaped.rtf': (HEAD + f"\\f0 TOGETHER\\'5fAPI\\'5fKEY={escaped}\\par\r\n}}\r\n", {escaped}, 2),
        # a digest's label: still a digest with the markup gone
        'notes/download.rtf': (HEAD + '\\f0 Together CLI download, SHA-256: '
                               f'{{\\f1 {digest}}}\\par\r\n}}\r\n', set(), 0),
    }
    for rel, (text, _want, _line) in files.items():
        (git_repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (git_repo / rel).write_bytes(text.encode())
    tree = scan('--format', 'json', '.', cwd=git_repo)
    git(git_repo, 'add', '-A')
    git(git_repo, 'commit', '-qm', 'notes')
    history = scan('--history', '--format', 'json', cwd=git_repo)
    for run in (tree, history):
        assert run.rc == 1, run.err
        found: dict[str, set[str]] = {rel: set() for rel in files}
        lines: dict[str, int] = {}
        for f in run.json()['findings']:
            found[f['path']].add(f['hashed_secret'])
            lines[f['path']] = f['line']
        for rel, (_text, want, line) in files.items():
            assert found[rel] == {hash_secret(k) for k in want}, (rel, run is history)
            if want:  # where the document holds the key's first piece
                assert lines[rel] == line, (rel, run is history)
