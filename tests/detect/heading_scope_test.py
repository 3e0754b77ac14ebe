"""A Markdown heading holds its section only in a document (Markdown, RST,
text, a commit message: ``rules.is_prose``); in code or a config a comment
shaped like one (``# Together AI`` then an empty line) holds the block
right under it, never the 32 KB below it."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes
from together_hooks.rules import is_prose

FILLER = 'x = 1\n' * 2000


def _found(text: str, path: str) -> bool:
    key = make_hex(random.Random(11))
    return [f.secret for f in scan_bytes(text.format(key=key).encode(), path)] == [key]


@pytest.mark.parametrize('path', ['app.py', 'settings.yaml', 'deploy.sh', '.env', 'main.tf', 'pkg.zip!src/app.py'])
def test_a_heading_comment_in_code_holds_no_section(path):
    assert not _found('# Together AI\n\n' + FILLER + '\napi_key = "{key}"\n', path)
    assert not _found('# Together AI\n\nbase = 1\n\napi_key = "{key}"\n', path)


@pytest.mark.parametrize('path', ['app.py', 'settings.yaml', '.env'])
def test_a_heading_comment_in_code_holds_the_block_under_it(path):
    assert _found('# Together AI\n\napi_key = "{key}"\n\n# OpenAI\n', path)
    assert _found('# Together AI\n\n# prod\nretries = 3\napi_key = "{key}"\n', path)


@pytest.mark.parametrize('path', ['wiki.md', 'notes.txt', 'guide.rst', 'COMMIT_EDITMSG', 'docs.zip!wiki/Keys.md'])
def test_a_heading_in_a_document_holds_its_section(path):
    assert _found('## Together AI\n\n' + 'Some text.\n' * 2000 + '\napi_key: {key}\n', path)


def test_documents_by_name():
    assert is_prose('docs/Keys.MD') and is_prose('a.zip!b/c.rst') and is_prose('.git/COMMIT_EDITMSG')
    assert not is_prose('app.py') and not is_prose('.env') and not is_prose('Makefile')


@pytest.mark.parametrize('path', ['wiki.md', 'notes.txt', 'COMMIT_EDITMSG', 'docs.zip!wiki/Keys.md'])
def test_a_document_heading_needs_no_empty_line_under_it(path):
    # (in a document ``## Together AI`` is a heading whatever follows it;
    # only in code is it as often a comment over the line under it)
    assert _found('## Together AI\napi_key: {key}\n', path)
    assert _found('## Together AI\nSome text.\n\n' + 'More text.\n' * 2000 + '\napi_key: {key}\n', path)
    assert not _found('## Together AI\nSome text.\n\n## OpenAI\napi_key: {key}\n', path)


@pytest.mark.parametrize('path', ['app.py', 'settings.yaml', '.env'])
def test_a_comment_right_over_code_is_no_heading(path):
    assert not _found('# Together AI\n' + FILLER + 'api_key = "{key}"\n', path)


@pytest.mark.parametrize('path', ['app.py', 'settings.yaml', '.env', 'main.tf'])
def test_a_comment_of_together_alone_labels_the_block_right_under_it(path):
    # (a comment of Together's heading words alone is no comment about the
    # line under it: it names whose the block is, empty line or not)
    assert _found('# Together AI\napi_key = "{key}"\ntimeout = 30\n', path)
    assert _found('# Together API keys\nretries = 3\napi_key = "{key}"\n', path)
    assert _found('## Together ##\napi_key = "{key}"\n', path)
    # up to the next empty line only, and not a comment saying more
    assert not _found('# Together AI\nretries = 3\n\napi_key = "{key}"\n', path)
    assert not _found('# sha256 of together.tar.gz\ndigest = "{key}"\n', path)
    assert not _found('# Working together\napi_key = "{key}"\n', path)
    assert not _found('# Together AI\ncache_key = "{key}"\n', path)


@pytest.mark.parametrize('path', ['app.py', 'settings.yaml', '.env', 'main.tf'])
def test_a_comment_heading_s_block_ends_at_the_next_comment_group(path):
    # (an .env.example's groups, each under its own comment, no empty
    # line between them: the next group's secret is not Together's)
    assert not _found('# Together AI\nmodel = "llama"\n# Postgres\ndb_password = "{key}"\n', path)
    assert not _found('# Together AI\n\nmodel = "llama"\n# Redis\npassword = "{key}"\n', path)
    assert not _found('# Together AI\nmodel = "llama"\n# GitHub\ngithub_token = "{key}"\n', path)
    # comments right under the heading, before its first line, are its own
    assert _found('# Together AI\n# prod\nretries = 3\npassword = "{key}"\n', path)
    assert _found('# Together AI\n\n# prod\nretries = 3\npassword = "{key}"\n', path)
    assert _found('# Together AI\nretries = 3\n  # rotated monthly\npassword = "{key}"\n', path)


@pytest.mark.parametrize('path, text', [
    ('app.js', '// Together AI\nconst apiKey = "{key}";\n'),
    ('app.go', '// Together AI\nvar password = "{key}"\n'),
    ('seed.sql', "-- Together AI\nINSERT INTO settings (name, value) VALUES ('api_key', '{key}');\n"),
    ('app.ini', '; Together AI\npassword = {key}\n'),
    ('conf.m', "% Together AI\npassword = '{key}';\n"),
    ('env.bat', 'REM Together AI\nset PASSWORD={key}\n'),
    ('env.cmd', ':: Together AI\nset PASSWORD={key}\n'),
    ('app.c', '/* Together AI */\nstatic const char *password = "{key}";\n'),
    ('page.html', '<!-- Together AI -->\n<input type="hidden" name="api_key" value="{key}">\n'),
    ('Settings.vue', '  <!-- Together AI -->\n  <input type="password" name="token" value="{key}">\n'),
])
def test_a_comment_of_together_alone_labels_its_block_in_any_comment_syntax(path, text):
    assert _found(text, path)
    # its block only: the next comment group, or past an empty line
    other = '// Postgres' if '//' in text else '-- Postgres' if '--' in text else '# Postgres'
    lines = text.split('\n', 1)
    assert not _found(lines[0] + '\nretries = 3\n\n' + lines[1], path)
    if '//' in text or '--' in text:
        assert not _found(lines[0] + '\nretries = 3\n' + other + '\n' + lines[1], path)
    # not a comment saying more
    assert not _found(text.replace('Together AI', 'sha256 of together.tar.gz'), path)


@pytest.mark.parametrize('path', ['notes.org', 'docs/Keys.ORG', 'notes.zip!llm.org'])
def test_an_org_headline_holds_its_section(path):
    # (an Org document's headings are its headlines, the level their
    # stars: a property drawer's ``:API_KEY:`` under ``* Together AI``)
    assert is_prose(path)
    assert _found('* Together AI\n  :PROPERTIES:\n  :API_KEY: {key}\n  :END:\n', path)
    assert _found('* Together AI\n** Production\n' + 'Some text.\n' * 2000 + 'api_key: {key}\n', path)
    # another provider's headline, nested or not, is its own section
    assert not _found('* Together AI\n** OpenAI\n   api_key: {key}\n', path)
    assert not _found('* Together AI\n* Other\n  api_key: {key}\n', path)
    assert not _found('* Working together\n  api_key: {key}\n', path)


def test_a_markdown_list_item_is_no_headline():
    # (``*`` starts a list item in Markdown: ``* Together AI`` holds no
    # section there, only the lines indented under it)
    assert not _found('* Together AI\n* Other\n\n' + 'Some text.\n' * 20 + 'api_key: {key}\n', 'notes.md')
