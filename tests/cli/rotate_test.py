"""``together-hooks rotate-help``: the walk-through and its replacements file.

The file is checked the way git-filter-repo reads it (its own parser when
installed) and then used for real: a history with leaked keys is rewritten
and scanned again.  No whole key may be in the file or in any output.
"""
from __future__ import annotations

import os
import random
import re
import shutil
import subprocess

import pytest

from tests.cli_run import BIN
from tests.cli_run import Result
from tests.cli_run import assert_error_line
from tests.cli_run import leaked
from tests.cli_run import run_in_process as run
from tests.conftest import git
from tests.keys import b64
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.cli import rotate_help
from together_hooks.findings import hash_secret
from together_hooks.detect.engine import scan_bytes


def rotate(*args: str, cwd: os.PathLike[str] | str = '.') -> Result:
    return run('together-hooks', 'rotate-help', *args, cwd=cwd)


def parse_like_filter_repo(path: str) -> list[tuple[re.Pattern[bytes] | bytes, bytes]]:
    """git-filter-repo's own reader when installed, else the same rules."""
    try:
        from git_filter_repo import FilteringOptions
    except ImportError:
        pass
    else:
        got = FilteringOptions.get_replace_text(path)
        return list(got['regexes']) + list(got['literals'])
    out: list[tuple[re.Pattern[bytes] | bytes, bytes]] = []
    with open(path, 'rb') as f:
        for line in f:
            line = line.rstrip(b'\r\n')
            repl = b'***REMOVED***'
            if b'==>' in line:
                line, repl = line.rsplit(b'==>', 1)
            if line.startswith(b'regex:'):
                out.append((re.compile(line[6:]), repl))
            elif line:
                out.append((line[8:] if line.startswith(b'literal:') else line, repl))
    return out


def same(a: str, b: str) -> bool:
    """Equal texts, compared by hash: a failing assert shows no key."""
    return hash_secret(a) == hash_secret(b)


def apply(rules: list, data: bytes) -> bytes:
    for what, repl in rules:
        data = data.replace(what, repl) if isinstance(what, bytes) else what.sub(repl, data)
    return data


def _filter_repo() -> list[str]:
    exe = shutil.which('git-filter-repo', path=BIN) or shutil.which('git-filter-repo')
    if exe is None:
        pytest.skip('git-filter-repo not installed (pip install -e .[test])')
    return [exe]


@pytest.mark.parametrize('last', ('-', '_', 'A', '7'))
@pytest.mark.parametrize('template', (
    'KEY = "{k}"\n', '{k}', 'TOGETHER_API_KEY={k}\r\n', '{{"key": "{k}"}}',
    'a\\n{k}\\n', "Together(api_key='{k}')",
))
def test_key_regex_replaces_the_key_and_only_it(tmp_path, last, template):
    rng = random.Random(f'{last}{template}')
    key = make_key(rng, last=last)
    other = make_key(rng)
    lines = rotate_help.replacements(scan_bytes(template.format(k=key).encode(), 'a'))
    assert len(lines) == 1 and lines[0].startswith('regex:')
    assert not leaked([key], *lines)
    (tmp_path / 'r.txt').write_text('\n'.join(lines) + '\n')
    rules = parse_like_filter_repo(str(tmp_path / 'r.txt'))
    text = template.format(k=key) + f'\nkeep {other}\n'
    got = apply(rules, text.encode()).decode()
    assert not leaked([key], got)
    assert same(got, template.format(k='***REMOVED***') + f'\nkeep {other}\n')
    # A longer run that merely starts with the shape is not cut.
    longer = f'{key}x'
    assert same(apply(rules, longer.encode()).decode(), longer)


def test_hex_and_base64_regexes(tmp_path):
    rng = random.Random(5)
    hexkey, key = make_hex(rng), make_key(rng)
    text = f'TOGETHER_API_KEY={hexkey}\ndata:\n  key: {b64(key)}\n'
    findings = scan_bytes(text.encode(), 'a')
    assert sorted(f.encoding for f in findings) == ['base64', 'raw']
    lines = rotate_help.replacements(findings)
    assert len(lines) == 3  # hex; the b64-found key raw and encoded
    assert not leaked([hexkey, key], *lines)
    (tmp_path / 'r.txt').write_text('\n'.join(lines) + '\n')
    rules = parse_like_filter_repo(str(tmp_path / 'r.txt'))
    urlsafe = b64(key).replace('+', '-').replace('/', '_').rstrip('=')
    digest = make_hex(rng)
    # `echo "$KEY" | base64` also encodes the newline (CRLF from Windows).
    echoed, crlf = b64(key + '\n'), b64(key + '\r\n')
    extra = (
        f'u: {urlsafe}\nsha256: {digest}\nsha512: {hexkey}{digest}\n'
        f'echo: {echoed}\ncrlf: {crlf}\n'
    )
    got = apply(rules, (text + extra).encode()).decode()
    assert same(got, (
        'TOGETHER_API_KEY=***REMOVED***\ndata:\n  key: ***REMOVED***\n'
        f'u: ***REMOVED***\nsha256: {digest}\nsha512: {hexkey}{digest}\n'
        'echo: ***REMOVED***\ncrlf: ***REMOVED***\n'
    ))


def _leaky_history(repo, rng: random.Random) -> dict[str, str]:
    keys = {'tgp': make_key(rng), 'hex': make_hex(rng), 'b64': make_key(rng)}
    (repo / 'app.py').write_text(f'KEY = "{keys["tgp"]}"\n')
    (repo / 'README.md').write_text('# demo\n')
    git(repo, 'add', '.')
    git(repo, 'commit', '-qm', 'add app')
    (repo / '.env').write_text(f'TOGETHER_API_KEY={keys["hex"]}\n')
    (repo / 'secret.yaml').write_text(f'data:\n  key: {b64(keys["b64"])}\n')
    git(repo, 'add', '.')
    git(repo, 'commit', '-qm', 'config')
    (repo / 'app.py').write_text('import os\nKEY = os.environ["TOGETHER_API_KEY"]\n')
    git(repo, 'commit', '-qam', 'use env')
    return keys


def test_purges_history_for_real(git_repo, rng, tmp_path):
    """Working tree -> --replacements -> git filter-repo -> nothing left."""
    filter_repo = _filter_repo()
    keys = _leaky_history(git_repo, rng)
    git(git_repo, 'checkout', '-q', 'HEAD~1')  # a tree that still holds all three
    file = str(tmp_path / 'replacements.txt')
    result = rotate('.', '--replacements', file, cwd=git_repo)
    git(git_repo, 'checkout', '-q', 'main')
    assert result.rc == 0, result.err
    with open(file) as f:
        content = f.read()
    assert not leaked(list(keys.values()), content, result.out, result.err)
    assert not any(line.startswith('#') for line in content.splitlines())

    # The printf the walk-through shows writes the very same file.
    start = result.out.index("printf '%s\\n'")
    shown = result.out[start:result.out.index('replacements.txt', start) + 16]
    subprocess.run(('bash', '-c', shown), cwd=tmp_path / 'repo', check=True)
    assert (tmp_path / 'replacements.txt').read_text() == content

    checks = re.findall(r"git log --all --oneline -G '([^']+)'", result.out)
    assert len(checks) == 4  # tgp, hex, b64 key raw and encoded
    hits = [git(git_repo, 'log', '--all', '--oneline', '-G', c) for c in checks]
    assert sum(bool(h) for h in hits) == 3  # the raw b64 key was never committed

    before = git(git_repo, 'log', '--all', '-p')
    assert sorted(leaked(list(keys.values()), before)) == [0, 1, 2]
    subprocess.run(
        (*filter_repo, '--force', '--replace-text', file), cwd=git_repo,
        check=True, capture_output=True, timeout=120,
    )
    after = git(git_repo, 'log', '--all', '-p')
    assert leaked(list(keys.values()), after) == []
    assert after.count('***REMOVED***') == 4  # app.py +/- and the two configs
    assert 'os.environ["TOGETHER_API_KEY"]' in after and '# demo' in after
    assert [git(git_repo, 'log', '--all', '--oneline', '-G', c) for c in checks] == [''] * 4
    assert git(git_repo, 'log', '--format=%s').split('\n')[:3] == ['use env', 'config', 'add app']


def test_typed_recipe_for_a_key_known_only_by_hash(git_repo, rng, tmp_path):
    """The typed recipe, run as shown with the key pasted on stdin: it
    checks the hash, purges the key, and its check (which step 6 waits
    for) counts the key's lines before the purge and prints 0 after."""
    filter_repo = _filter_repo()
    keys = _leaky_history(git_repo, rng)
    hashed = hash_secret(keys['tgp'])  # gone from the tree, still in history
    result = rotate('--hashed-secret', hashed.upper(), cwd=git_repo)
    assert result.rc == 0, result.err
    assert f'hashed_secret {hashed}: not in the files' in result.out
    assert f'# must print {hashed}' in result.out
    recipe = result.out[result.out.index('   read -rs OLD_KEY'):]
    recipe = recipe[:recipe.index('   unset OLD_KEY\n') + len('   unset OLD_KEY\n')]
    assert recipe.index('Check that nothing is left') > recipe.index('git filter-repo')
    assert 'Once the check above is clean' in result.out.split('6. Force-push', 1)[1]
    commands = [
        line.strip() for line in recipe.splitlines()
        if line.startswith('   ') and not line.startswith('    ')
        and re.match(r'(read|printf|git|rm|unset)\b', line.strip())
    ]
    check = next(c for c in commands if c.startswith('git log'))

    def bash(*lines: str) -> str:
        return subprocess.run(
            ('bash', '-c', '\n'.join(lines)), cwd=git_repo, input=keys['tgp'] + '\n',
            text=True, capture_output=True, timeout=120,
        ).stdout

    assert int(bash('read -rs OLD_KEY', check)) >= 1  # the history holds it
    script = [
        c.replace('| sha1sum', '| sha1sum >../sha1.txt')
        .replace('git filter-repo', ' '.join((*filter_repo, '--force')))
        for c in commands
    ]
    out = bash(*script)
    assert out.endswith('\n0\n')  # after filter-repo's own lines
    assert (tmp_path / 'sha1.txt').read_text().split()[0] == hashed
    assert not (tmp_path / 'replacements.txt').exists()  # it held the key
    after = git(git_repo, 'log', '--all', '-p')
    assert leaked([keys['tgp']], after) == []
    assert leaked([keys['hex']], after) == [0]  # only what the file named
    assert not leaked(list(keys.values()), result.out, result.err)


def test_hashed_secret_found_in_the_tree(git_repo, rng):
    key, other = make_key(rng), make_key(rng)
    (git_repo / 'a.py').write_text(f'A = "{key}"\nB = "{other}"\n')
    (git_repo / 'b.env').write_text(f'X={key}\n')
    result = rotate('--hashed-secret', hash_secret(key), cwd=git_repo)
    assert result.rc == 0, result.err
    assert 'in a.py:1, b.env:1\n' in result.out
    assert result.out.count("'regex:") == 1
    assert hash_secret(other) not in result.out
    assert not leaked([key, other], result.out, result.err)


def test_walkthrough_steps_in_order(git_repo, rng):
    key = make_key(rng)
    (git_repo / 'a.py').write_text(f'A = "{key}"\n')
    result = rotate('a.py', cwd=git_repo)
    assert result.rc == 0
    order = [
        '1. Create a new key', 'https://api.together.xyz/settings/api-keys',
        '2. Update the environment', '.env', 'CI secrets',
        '3. Verify the new key with one request',
        '-H "Authorization: Bearer $TOGETHER_API_KEY" '
        'https://api.together.xyz/v1/models',
        '4. Revoke the old key', '5. Purge it from git history',
        'git filter-repo --replace-text ../replacements.txt',
        '6. Force-push and tell everyone', 'git push --force --all origin',
        'git push --force --tags origin', 're-clones',
    ]
    where = [result.out.find(s) for s in order]
    assert -1 not in where and where == sorted(where), list(zip(order, where))
    assert result.out.count('https://') == result.out.count(
        'https://api.together.xyz/'
    )  # no other host is ever named
    assert not leaked([key], result.out, result.err)


def test_no_arguments_gives_the_typed_recipe(git_repo):
    result = rotate(cwd=git_repo)
    assert result.rc == 0
    assert 'read -rs OLD_KEY' in result.out and 'sha1sum' not in result.out
    assert 'regex:' not in result.out


def test_path_without_keys(git_repo):
    (git_repo / 'a.py').write_text('print(1)\n')
    result = rotate('a.py', cwd=git_repo)
    assert result.rc == 0
    assert result.out.startswith('No Together API key found in the given paths.')


def test_a_path_it_did_not_read_is_never_without_keys(git_repo, rng):
    """A FIFO named as the file is not read: never "No Together API key
    found in the given paths" (exit 0) of it.  With a key found in another
    path given it is still one line and exit 2 (docs/rotation.md), as a
    FIFO named to ``scan`` is."""
    os.mkfifo(git_repo / 'pipe.py')
    result = rotate('pipe.py', cwd=git_repo)
    assert_error_line(result, 'pipe.py', 'not a regular file')
    assert 'skipped' not in result.err, result.err  # an error, not a skip
    assert 'No Together API key found' not in result.out
    (git_repo / 'app.py').write_text(f'TOGETHER_API_KEY = "{make_key(rng)}"\n')
    result = rotate('pipe.py', 'app.py', cwd=git_repo)
    assert_error_line(result, 'pipe.py', 'not a regular file')
    assert 'No Together API key found' not in result.out


def test_hashed_secret_outside_a_repository_is_an_error(tmp_path, rng):
    """The pre-receive gate's advice names `rotate-help --hashed-secret H`;
    run from a home folder or /tmp it walked the whole folder (minutes) to
    say "not in the files of this repository".  Now one line, exit 2."""
    key = make_key(rng)
    (tmp_path / 'app.py').write_text(f'KEY = "{key}"\n')
    result = rotate('--hashed-secret', hash_secret(key), cwd=tmp_path)
    assert_error_line(result, '--hashed-secret', 'not in one', 'rotate-help PATH')
    assert not leaked([key], result.out, result.err)


def test_hashed_secret_in_a_repository_git_refuses_names_safe_directory(git_repo, rng):
    """A repository another user owns (container CI): git refuses it, and
    the one line says so with git's remedy, not "this folder is not in"
    a work tree (it is one: it walked it, before the outside-a-tree fix)."""
    key = make_key(rng)
    (git_repo / 'app.py').write_text(f'KEY = "{key}"\n')
    subprocess.run(('chown', '-R', '65534:65534', str(git_repo)), capture_output=True)
    if os.stat(git_repo).st_uid == os.geteuid():
        pytest.skip('could not give the repository to another user')
    result = rotate('--hashed-secret', hash_secret(key), cwd=git_repo)
    assert_error_line(result, 'dubious ownership', 'safe.directory')
    assert 'not in one' not in result.err
    assert not leaked([key], result.out, result.err)


@pytest.mark.parametrize(('args', 'words'), (
    (('--hashed-secret', 'abc'), ('--hashed-secret', '40-hex')),
    (('--hashed-secret', '0' * 40, 'a.py'), ('not both',)),
    (('--replacements', 'r.txt', 'a.py'), ('no key found',)),
    (('missing.py',), ('missing.py',)),
))
def test_errors(git_repo, args, words):
    (git_repo / 'a.py').write_text('print(1)\n')
    result = rotate(*args, cwd=git_repo)
    assert_error_line(result, *words)
    assert not (git_repo / 'r.txt').exists()


def _named_rotate(text: str) -> str:
    (command,) = re.findall(r'`((?:cd [^`]* && )?together-hooks rotate-help [^`]*)`', text)
    return command


def _run_as_printed(command: str, cwd) -> Result:
    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ['PATH'])
    proc = subprocess.run(('bash', '-c', command), cwd=cwd, env=env, capture_output=True, timeout=120)
    return Result(proc)


def _purge_as_printed(out: str, filter_repo: list[str], cwd) -> None:
    """Run the recipe's purge as ``out`` prints it, from its ``printf`` of
    the replacements to its ``git filter-repo`` line (the real one)."""
    start = out.index("printf '%s\\n'")
    end = out.index('\n', out.index('git filter-repo'))
    script = out[start:end].replace('git filter-repo', ' '.join((*filter_repo, '--force')))
    done = subprocess.run(('bash', '-c', script), cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def _added_then_removed(repo, key: str) -> None:
    (repo / 'README').write_text('hi\n')
    git(repo, 'add', '.')
    git(repo, 'commit', '-qm', 'init')
    (repo / 'app.py').write_text(f'TOGETHER_API_KEY = "{key}"\n')
    git(repo, 'add', '.')
    git(repo, 'commit', '-qm', 'key')
    git(repo, 'rm', '-q', 'app.py')
    git(repo, 'commit', '-qm', 'gone')


def test_the_rotate_help_a_range_report_names_runs_for_a_key_a_later_commit_removed(git_repo, rng):
    """A report of keys in commits said `together-hooks rotate-help FILE`
    (run as printed: 'FILE: no such file', exit 2); the file that held the
    key may be gone too.  It now names the key by its hashed_secret."""
    key = make_key(rng)
    _added_then_removed(git_repo, key)
    r = run('together-hooks', 'scan', '--diff', 'HEAD~2...HEAD', cwd=git_repo)
    assert r.rc == 1, r.err
    said = _run_as_printed(_named_rotate(r.out), git_repo)
    assert said.rc == 0, said.err
    assert hash_secret(key) in said.out and 'read -rs OLD_KEY' in said.out
    assert leaked([key], r.out + said.out + said.err) == []


@pytest.mark.parametrize(('cwd', 'args'), [('sub', ()), ('.', ('sub',)), ('..', ('repo',))])
def test_the_rotate_help_a_tree_report_names_runs_from_where_the_scan_ran(git_repo, rng, cwd, args):
    """Paths are named from the folder scanned (the work tree's top, or
    the folder given): from elsewhere the command goes there first."""
    key = make_key(rng)
    (git_repo / 'sub').mkdir()
    (git_repo / 'sub' / 'app.py').write_text(f'TOGETHER_API_KEY = "{key}"\n')
    here = (git_repo / cwd).resolve()
    r = run('together-hooks', 'scan', *args, cwd=here)
    assert r.rc == 1, r.err
    said = _run_as_printed(_named_rotate(r.out), here)
    assert said.rc == 0, said.err
    assert 'app.py:1' in said.out and 'regex:' in said.out
    assert leaked([key], r.out + said.out + said.err) == []


def test_the_not_a_key_route_a_range_report_names_works_for_a_key_only_in_history(git_repo, rng):
    """It said only `together-hooks baseline create`, which records the keys
    files hold now: for a key a later commit removed it wrote an empty
    baseline and the range still failed.  The `allow` line it names now,
    put in the config file as printed, passes it."""
    key = make_key(rng)
    _added_then_removed(git_repo, key)
    r = run('together-hooks', 'scan', '--diff', 'HEAD~2...HEAD', cwd=git_repo)
    assert r.rc == 1, r.err
    (line,) = re.findall(r'`(allow = \[[^`]*\])`', r.out)
    # A range is judged by what its base's config allows too (a range cannot
    # excuse its own keys): the line says to land it there first.
    assert 'committed on HEAD~2 first' in r.out, r.out
    (git_repo / '.together-hooks.toml').write_text(line + '\n')
    again = run('together-hooks', 'scan', '--diff', 'HEAD~2...HEAD', cwd=git_repo)
    assert again.rc == 1 and 'cannot excuse its own keys' in again.err, again.out + again.err
    # Landed on its own (the base), the range on top of it passes.
    git(git_repo, 'stash', '-q', '--include-untracked')
    git(git_repo, 'checkout', '-q', '-b', 'allow', 'HEAD~2')
    git(git_repo, 'stash', 'pop', '-q')
    git(git_repo, 'add', '.together-hooks.toml')
    git(git_repo, 'commit', '-qm', 'allow a test value')
    git(git_repo, 'checkout', '-q', '-')
    git(git_repo, 'rebase', '-q', 'allow')
    again = run('together-hooks', 'scan', '--diff', 'allow...HEAD', cwd=git_repo)
    assert (again.rc, again.out) == (0, ''), again.out + again.err
    assert leaked([key], r.out + again.out) == []


def test_keys_inside_compressed_files_are_found_and_their_files_purged(git_repo, rng, tmp_path):
    """A key in a zip member and one in a base64 value of a gzip (a Helm
    release): rotate-help finds them as ``scan`` does, and its recipe, run
    as shown, takes those files out of history (no --replace-text reaches
    compressed bytes) while the plain key is blanked."""
    import base64
    import gzip
    import io
    import zipfile

    filter_repo = _filter_repo()
    zipped, packed, plain = make_key(rng), make_key(rng), make_key(rng)
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('config/.env', f'TOGETHER_API_KEY={zipped}\n')
    (git_repo / 'backup.zip').write_bytes(raw.getvalue())
    release = base64.b64encode(base64.b64encode(gzip.compress(
        ('{"config": {"apiKey": "%s"}}' % packed).encode(), mtime=0,
    ))).decode()
    (git_repo / 'release.yaml').write_text(f'kind: Secret\ndata:\n  release: {release}\n')
    (git_repo / 'app.py').write_text(f'KEY = "{plain}"\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'leaks')
    result = rotate('backup.zip', 'release.yaml', 'app.py', cwd=git_repo)
    assert result.rc == 0, result.err
    assert 'No Together API key found' not in result.out
    for key, place in ((zipped, 'backup.zip!config/.env:1'), (packed, 'release.yaml:3'), (plain, 'app.py:1')):
        assert f'(hashed_secret {hash_secret(key)}) in {place}\n' in result.out
    assert '--invert-paths --path backup.zip --path release.yaml\n' in result.out
    by_hash = rotate('--hashed-secret', hash_secret(zipped), cwd=git_repo)
    assert f'(hashed_secret {hash_secret(zipped)}) in backup.zip!config/.env:1\n' in by_hash.out
    assert not leaked([zipped, packed, plain], result.out, result.err, by_hash.out, by_hash.err)

    _purge_as_printed(result.out, filter_repo, git_repo)
    assert git(git_repo, 'ls-files').split() == ['app.py']
    after = run('together-hooks', 'scan', '--history', cwd=git_repo)
    assert after.rc == 0, (after.out, after.err)
    assert leaked([zipped, packed, plain], git(git_repo, 'log', '--all', '-p', '--binary')) == []


@pytest.mark.parametrize('where', ('subfolder', 'absolute'))
def test_invert_paths_names_the_file_from_the_top_of_the_repository(git_repo, rng, where):
    """`--invert-paths --path` took the path as typed: from `sub/`,
    `rotate-help backup.zip` printed `--path backup.zip` (an absolute
    argument, the absolute path), filter-repo kept `sub/backup.zip` and
    `scan --history` still found the key.  The recipe runs in a fresh clone,
    at its top: the path is named from there."""
    import io
    import zipfile

    filter_repo = _filter_repo()
    key = make_key(rng)
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('config/.env', f'TOGETHER_API_KEY={key}\n')
    (git_repo / 'sub').mkdir()
    (git_repo / 'sub' / 'backup.zip').write_bytes(raw.getvalue())
    (git_repo / 'sub' / 'app.py').write_text('print(1)\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'leaks')
    if where == 'subfolder':
        result = rotate('backup.zip', cwd=git_repo / 'sub')
    else:
        result = rotate(str(git_repo / 'sub' / 'backup.zip'), cwd=git_repo)
    assert result.rc == 0, result.err
    assert '--invert-paths --path sub/backup.zip\n' in result.out, result.out
    _purge_as_printed(result.out, filter_repo, git_repo)
    assert git(git_repo, 'ls-files').split() == ['sub/app.py']
    after = run('together-hooks', 'scan', '--history', cwd=git_repo)
    assert after.rc == 0, (after.out, after.err)
    assert not leaked([key], result.out, result.err, after.out, after.err)
