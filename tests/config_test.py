"""The one config file: patterns as git reads them, values allowed, errors."""
from __future__ import annotations

import subprocess

import pytest

from together_hooks.config import Config

PATHS = (
    'fixtures/a.txt', 'src/fixtures/b/c.txt', 'fixtures', 'x.snap', 'a/b/c.snap',
    'build/x', 'src/build/x', 'build', 'a/b', 'a/b/c', 'x/a/b', 'keep.log',
    'd/keep.log', 'd/e.log', 'docs/a.md', 'docs/z/x.md', 'src/docs/a.md',
    'tmp', 'a/tmp/x', 'xy.txt', 'x/xy.txt', 'a.py', 'c.py', 'out/keep.txt',
    'out/y', 'src/a.gen.py', 'src/z/a.gen.py', 'top.txt', 'z/top.txt',
    'a/b/c/d', 'a/q/b/c', 'dir with space/f', 'ünï/côdé.py',
    '1.py', 'd.py', ']x', 'f[x', 'src/7.py',
)


@pytest.mark.parametrize('patterns', (
    ['fixtures/'], ['**/*.snap'], ['/build/'], ['build'], ['a/b'],
    ['*.log', '!keep.log'], ['docs/**'], ['docs/**/x.md'], ['f*/'],
    ['**/tmp'], ['x?.txt'], ['[ab].py'], ['[!ab].py'], ['out/', '!out/keep.txt'],
    ['out/*', '!out/keep.txt'], ['src/*.gen.py'], ['/top.txt'], ['a/**/b/'],
    ['*', '!*.py'], ['dir with space/'], ['ünï/'],
    # Brackets as git's wildmatch reads them: POSIX classes, a ] first,
    # a [ inside, an escape.
    ['[[:digit:]].py'], ['[![:alpha:]].py'], ['[]]x'], ['f[[]x'], ['[\\d].py'],
    ['[[:alpha:][:digit:]].py'], ['[^a-c].py'],
))
def test_exclude_patterns_match_as_git_reads_a_gitignore(tmp_path, patterns):
    """git itself is the oracle: the same patterns in a .gitignore."""
    _assert_as_git(tmp_path, patterns, PATHS)


# Where a glob and git's wildmatch part ways: a bracket never matches a
# "/" (negated, or naming it), and ? or a bracket match one byte, so a
# non-ASCII character (two bytes in UTF-8) is two of them.
BYTE_PATHS = (
    'x/y', 'xay', 'xby', 'x]y', 'x-y', 'x5y', 'xcy', 'x[y', 'x\\y', 'x/y/z',
    'config/prod.yaml', 'config_prod.yaml', 'configXprod.yaml',
    'café.py', 'cafe.py', 'xéy', 'xe\u0301y', 'é.py', 'x€y', 'd/xéy', 'b',
    'x\\', 'a\\', '\\', 'd/x\\/f',
)


@pytest.mark.parametrize('patterns', (
    ['x[!a]y'], ['x[^a]y'], ['x[!]]y'], ['x[/]y'], ['x[^/]y'], ['x[.-0]y'],
    ['x[!a]y/'], ['config[!_]prod.yaml'], ['[!a]'], ['x[]]y'], ['x[a-]y'],
    ['x[[:digit:]]y'], ['x[\\]]y'], ['x[a\\-c]y'], ['x[[]y'],
    ['caf?.py'], ['x?y'], ['x??y'], ['x???y'], ['x[é]y'], ['x[!é]y'],
    ['x[!é][!é]y'], ['[[:alpha:]]*.py'], ['?.py'], ['??.py'], ['x*y'],
    ['xéy'], ['x€y'], ['x[€][€][€]y'],
    # A trailing backslash escapes nothing: git matches nothing with it.
    ['x\\'], ['?\\'], ['\\'], ['x\\/'],
    # Only the last slash says "folders only": ``x//`` matches nothing.
    ['x//'], ['d//'], ['/d//'], ['d/x//'],
    # git strips one leading slash: ``//d`` and ``///x/y`` match nothing.
    ['//d'], ['//x/y'], ['///x/y'], ['//x'],
))
def test_brackets_and_question_marks_match_bytes_as_git_does(tmp_path, patterns):
    _assert_as_git(tmp_path, patterns, BYTE_PATHS)


def _assert_as_git(tmp_path, patterns, paths) -> None:
    subprocess.run(('git', 'init', '-q', str(tmp_path)), check=True)
    (tmp_path / '.gitignore').write_text('\n'.join(patterns) + '\n', encoding='utf-8')
    proc = subprocess.run(
        ('git', '-c', 'core.quotePath=false', 'check-ignore', '--no-index',
         '--stdin', '-z', '--verbose', '--non-matching'),
        cwd=tmp_path, input='\0'.join(paths) + '\0', capture_output=True,
        text=True, encoding='utf-8',
    )
    fields = proc.stdout.split('\0')
    records = [fields[i:i + 4] for i in range(0, len(fields) - 1, 4)]
    assert len(records) == len(paths)
    config = Config(exclude=patterns, source='test')
    for _source, _line, pattern, path in records:
        ignored_by_git = bool(pattern) and not pattern.startswith('!')
        assert config.excluded(path) == ignored_by_git, (patterns, path)
