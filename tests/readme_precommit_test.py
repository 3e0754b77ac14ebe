"""The README, followed literally, through the real pre-commit framework.

Each test takes a snippet from README.md (the config, the sample failure,
the advice in "When it blocks you"), points ``repo:`` at a snapshot of
this work tree (uncommitted changes included), and checks that a user doing
what it says gets what it promises.
"""
from __future__ import annotations

import os
import random
import re

import pytest
import yaml

from tests.cli_run import BIN
from tests.cli_run import leaked
from tests.conftest import git
from tests.keys import make_key
from tests.precommit_test import _head
from tests.precommit_test import _run
from tests.precommit_test import env  # noqa: F401 (fixture)
from tests.precommit_test import pre_commit_home  # noqa: F401 (fixture)
from tests.precommit_test import PRE_COMMIT
from tests.precommit_test import snapshot  # noqa: F401 (fixture)
from tests.precommit_test import tried
from tests.readme_test import _section
from together_hooks.findings import redact

UPSTREAM = 'https://github.com/together-hooks/together-hooks'


def _blocks(section: str, lang: str) -> list[str]:
    return re.findall(rf'```{lang}\n(.*?)```', _section(section), re.DOTALL)


@pytest.fixture
def rev(snapshot) -> tuple[str, str]:
    """(repo, rev) of the work tree as it is now (precommit_test's snapshot)."""
    return snapshot


def readme_config(rev: tuple[str, str]) -> str:
    """The README's config snippet, pointed at a snapshot of this work tree."""
    config = _blocks('Add to pre-commit', 'yaml')[0]
    assert f'repo: {UPSTREAM}\n' in config
    assert re.search(r'^    rev: REV  # .*autoupdate', config, re.M)
    repo, commit = rev
    return config.replace(UPSTREAM, repo).replace('rev: REV', f'rev: {commit}')


def readme_args(section: str) -> list[str]:
    """The ``args:`` of the hook entry shown in a section."""
    (entry,) = yaml.safe_load(_blocks(section, 'yaml')[0])
    return entry['args']


def installed(repo, env, rev, config: str | None = None, templates=None) -> None:
    """The config (the README's by default) installed by the real
    pre-commit and committed with the hooks running.  Given ``templates``
    (tests/gitplay.Templates) and a repository with nothing in it yet, the
    config (the README's, or the one given) is installed once a session
    and copied."""
    def build(repo):
        (repo / '.pre-commit-config.yaml').write_text(config or readme_config(rev))
        (repo / '.gitignore').write_text('.env\n.env.*\n!.env.example\n')
        rc, out = _run(repo, env, PRE_COMMIT, 'install')
        assert rc == 0, out
        git(repo, 'add', '.')
        rc, out = _run(repo, env, 'git', 'commit', '-qm', 'hooks')
        assert rc == 0, out
    if templates is None or os.listdir(repo) != ['.git']:
        build(repo)
    elif config is None:
        templates.into(repo, f'readme-installed-{rev[1]}', build)
    else:
        import hashlib

        templates.into(repo, f'installed-{hashlib.sha1(config.encode()).hexdigest()[:16]}', build)


# The key behind the README's sample failure (its redaction and hash are
# printed there); made at run time like every other key.
SAMPLE_KEY = make_key(random.Random(1))


def _stage_sample_key(repo) -> None:
    (repo / 'app.py').write_text(
        f'import os\n\nclient = Together(api_key="{SAMPLE_KEY}")\n',
    )
    git(repo, 'add', 'app.py')


def test_readme_config_blocks_with_the_sample_failure(git_repo, env, rev, repo_templates):
    installed(git_repo, env, rev, templates=repo_templates)
    before = _head(git_repo)
    _stage_sample_key(git_repo)
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'leak')
    assert rc == 1, out
    assert _head(git_repo) == before
    assert leaked([SAMPLE_KEY], out) == []
    (sample,) = _blocks('Add to pre-commit', 'text')
    # Line for line, as the user sees them (pre-commit's `- exit code: 1`
    # and blank line too), less the advice lines after the total.
    assert sample in out, out


def test_skip_lets_an_emergency_commit_through(git_repo, env, rev, repo_templates):
    installed(git_repo, env, rev, templates=repo_templates)
    advice = _section('When it blocks you')
    match = re.search(r'`(SKIP=\S+) git commit \.\.\.`', advice)
    assert match, advice
    name, _eq, value = match.group(1).partition('=')
    _stage_sample_key(git_repo)
    rc, out = _run(git_repo, dict(env, **{name: value}), 'git', 'commit', '-m', 'urgent')
    assert rc == 0, out
    assert 'Detect Together AI API keys' in out and 'Skipped' in out
    assert leaked([SAMPLE_KEY], out) == []


def test_pragma_from_the_readme_silences_the_line(git_repo, env, rev, repo_templates):
    installed(git_repo, env, rev, templates=repo_templates)
    pragma = re.search(r'add\s+`(# pragma: [^`]+)` to its line', _section('When it blocks you'))
    assert pragma
    (git_repo / 'test_app.py').write_text(f'FAKE = "{SAMPLE_KEY}"  {pragma.group(1)}\n')
    git(git_repo, 'add', 'test_app.py')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'fixture')
    assert rc == 0, out


def test_baseline_args_line_from_the_readme(git_repo, env, rev):
    """The exact ``args:`` line the README gives for a baseline elsewhere."""
    args = readme_args('When it blocks you')
    assert args[0] == '--baseline'
    config = readme_config(rev).replace(
        '    -   id: detect-together-keys\n',
        f'    -   id: detect-together-keys\n        args: {args!r}\n'.replace("'", ''),
    )
    _stage_sample_key(git_repo)
    (git_repo / args[1]).parent.mkdir(parents=True, exist_ok=True)
    rc, out = _run(
        git_repo, env, os.path.join(BIN, 'together-hooks'), 'baseline', 'create',
        '--baseline', args[1],
    )
    assert rc == 0, out
    installed(git_repo, env, rev, config)  # commits app.py with its known key
    assert 'app.py' in git(git_repo, 'ls-files')
    # A new key in the same file is not in the baseline: blocked.
    with open(git_repo / 'app.py', 'a') as f:
        f.write(f'OTHER = "{make_key(random.Random(2))}"\n')
    git(git_repo, 'add', 'app.py')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'new key')
    assert rc == 1, out
    assert 'app.py:4: together-api-key' in out


def _failed_hooks(out: str) -> list[str]:
    return re.findall(r'^(.+?)\.{3,}Failed$', out, re.M)


def test_root_baseline_is_found_without_args(git_repo, env, rev, repo_templates):
    """"Many known values" as the README says: `baseline create`, commit."""
    installed(git_repo, env, rev, templates=repo_templates)
    assert 'together-hooks baseline create' in _section('When it blocks you')
    _stage_sample_key(git_repo)
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'leak')
    # The command as the block says it: scoped to the line it names.
    advised = re.search(r'`together-hooks (baseline create [^`]*)`', out)
    assert rc == 1 and advised and advised.group(1) == 'baseline create app.py:3', out
    rc, out = _run(git_repo, env, os.path.join(BIN, 'together-hooks'), *advised.group(1).split())
    assert rc == 0, out
    git(git_repo, 'add', '.secrets.baseline')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'known fixture')
    assert rc == 0, out
    # Clean hooks print nothing but pre-commit's own status lines (then
    # git's commit summary).
    status = out.split('\n[main', 1)[0].splitlines()
    assert status and all(
        re.search(r'\.{3,}(\(no files to check\))?(Passed|Skipped)$', line)
        for line in status
    ), out


def test_one_staged_env_file_is_one_failure(git_repo, env, rev, repo_templates):
    installed(git_repo, env, rev, templates=repo_templates)
    (git_repo / '.env').write_text(f'TOGETHER_API_KEY={SAMPLE_KEY}\n')
    git(git_repo, 'add', '-f', '.env')  # past a .gitignore that is right
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'oops')
    assert rc == 1, out
    assert _failed_hooks(out) == ['Forbid .env files'], out
    assert 'git rm --cached .env' in out
    assert '--fix' not in out  # .gitignore is right: nothing to fix
    assert leaked([SAMPLE_KEY], out) == []


def _without_our_scripts(env: dict[str, str]) -> dict[str, str]:
    """A user who has pre-commit but not together-hooks on their PATH."""
    path = os.pathsep.join(
        p for p in env['PATH'].split(os.pathsep)
        if not os.path.exists(os.path.join(p, 'check-env-gitignored'))
    )
    return dict(env, PATH=path)


def test_fix_hint_names_what_works_under_pre_commit(git_repo, env, rev, repo_templates):
    installed(git_repo, env, rev, templates=repo_templates)
    (git_repo / '.gitignore').write_text('*.pyc\n')
    git(git_repo, 'add', '.gitignore')
    # together-hooks installed where the user's shell finds it: its command.
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'lose the rules')
    assert rc == 1 and _failed_hooks(out) == ['Check .gitignore covers .env files'], out
    assert 'run `check-env-gitignored --fix`' in out, out
    # Only pre-commit has it: the pre-commit way.
    env = _without_our_scripts(env)
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'lose the rules')
    assert rc == 1, out
    hint = 'pre-commit run check-env-gitignored --hook-stage manual'
    assert hint in out and 'args: [--fix]' in out, out
    # pre-commit runs nothing with the config unstaged: the hint says so.
    assert '`git add .pre-commit-config.yaml`' in out, out
    assert 'run `check-env-gitignored --fix`' not in out
    # The hint, followed: --fix in args, then the manual run fixes .gitignore.
    config = (git_repo / '.pre-commit-config.yaml').read_text().replace(
        '    -   id: check-env-gitignored\n',
        '    -   id: check-env-gitignored\n        args: [--fix]\n',
    )
    (git_repo / '.pre-commit-config.yaml').write_text(config)
    git(git_repo, 'add', '.pre-commit-config.yaml')
    rc, out = _run(git_repo, env, PRE_COMMIT, *hint.split()[1:])
    assert rc == 1 and 'added to .gitignore' in out, out
    git(git_repo, 'add', '.')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'rules back')
    assert rc == 0, out


def test_template_with_public_values_pragma_and_allow(git_repo, env, rev, repo_templates):
    installed(git_repo, env, rev, templates=repo_templates)
    rng = random.Random(5)
    alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

    def rand(n: int) -> str:
        return ''.join(rng.choice(alnum) for _ in range(n))

    secret = rand(32)
    template = (
        f'STRIPE_PUBLISHABLE_KEY=pk_test_{rand(24)}\n'
        f'FIREBASE_API_KEY=AIza{rand(35)}\n'
        f'NEXT_PUBLIC_POSTHOG_KEY=phc_{rand(40)}\n'
        f'BUILD_SHA={rng.getrandbits(160):040x}\n'
        'TOGETHER_API_KEY=your-key-here\n'
    )
    (git_repo / '.env.example').write_text(template)
    git(git_repo, 'add', '.env.example')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'template')
    assert rc == 0, out
    (git_repo / '.env.example').write_text(template + f'DB_PASSWORD={secret}\n')
    git(git_repo, 'add', '.env.example')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'a secret')
    assert rc == 1 and '.env.example:6: DB_PASSWORD' in out, out
    assert secret not in out
    (git_repo / '.env.example').write_text(
        template + f'DB_PASSWORD={secret}  # pragma: allowlist secret\n',
    )
    git(git_repo, 'add', '.env.example')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'pragma')
    assert rc == 0, out
    (git_repo / '.env.example').write_text(template + f'DB_HOST_TOKEN={rand(32)}\n')
    (git_repo / '.together-hooks.toml').write_text('allow = ["[A-Za-z0-9]{32}"]\n')
    git(git_repo, 'add', '.')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'allowed')
    assert rc == 0, out
    # The same file's exclude: a fixtures folder commits with its key; a
    # broken config stops the commit with one line.
    (git_repo / '.together-hooks.toml').write_text(
        'allow = ["[A-Za-z0-9]{32}"]\nexclude = ["fixtures/"]\n',
    )
    (git_repo / 'tests' / 'fixtures').mkdir(parents=True)
    (git_repo / 'tests' / 'fixtures' / 'client.py').write_text(f'K = "{SAMPLE_KEY}"\n')
    git(git_repo, 'add', '.')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'fixture')
    assert rc == 0, out
    (git_repo / '.together-hooks.toml').write_text('exclude = "fixtures/"\n')
    git(git_repo, 'add', '.')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'broken config')
    assert rc == 1 and 'exclude must be a list' in out, out
    assert 'Traceback' not in out


def test_local_install_config_from_the_docs(git_repo, env, repo_templates):
    """docs/configuration.md's ``repo: local`` block, as written, with the
    commands installed on PATH: it blocks a key and a staged .env, and lets
    a clean commit through."""
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / 'docs' / 'configuration.md').read_text()
    section = doc.split('\n## Hooks from a local install\n', 1)[1]
    (config,) = re.findall(r'```yaml\n(.*?)```', section, re.DOTALL)[:1]
    assert 'repo: local' in config
    env = dict(env, PATH=BIN + os.pathsep + env.get('PATH', ''))
    installed(git_repo, env, ('', ''), config, templates=repo_templates)
    before = _head(git_repo)
    _stage_sample_key(git_repo)
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'leak')
    assert rc == 1 and 'app.py:3: together-api-key' in out, out
    assert leaked([SAMPLE_KEY], out) == []
    # The commands are the user's own: no advice to install them again.
    assert '`together-hooks baseline create app.py:3`' in out and 'pipx install' not in out, out
    git(git_repo, 'reset', '-q')
    (git_repo / '.env').write_text('A=1\n')
    git(git_repo, 'add', '-f', '.env')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'env')
    assert rc == 1 and 'git rm --cached .env' in out, out
    git(git_repo, 'rm', '-q', '--cached', '.env')
    (git_repo / 'b.py').write_text('x = 1\n')
    git(git_repo, 'add', 'b.py')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'clean')
    assert rc == 0 and _head(git_repo) != before, out


def _local_install_config() -> str:
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / 'docs' / 'configuration.md').read_text()
    section = doc.split('\n## Hooks from a local install\n', 1)[1]
    (config,) = re.findall(r'```yaml\n(.*?)```', section, re.DOTALL)[:1]
    assert 'repo: local' in config
    return config


# pre-commit's defaults for a hook setting its entry leaves out.
_HOOK_DEFAULTS = {
    'types': ['file'], 'types_or': [], 'files': '', 'exclude': '^$',
    'always_run': False, 'pass_filenames': True, 'require_serial': False,
    'stages': None,
}


def test_local_install_config_runs_where_and_when_the_manifest_does():
    """Each hook of docs/configuration.md's ``repo: local`` block gets the
    files and stages ``.pre-commit-hooks.yaml`` gives it (a ``local`` hook
    does not inherit them): without ``types: []`` pre-commit's default
    ``types: [file]`` dropped every symlink, and without ``always_run`` the
    pre-push stage skipped a push whose files end unchanged."""
    from pathlib import Path

    manifest = {
        hook['id']: hook for hook in yaml.safe_load(
            (Path(__file__).resolve().parent.parent / '.pre-commit-hooks.yaml').read_text())
    }
    (local,) = yaml.safe_load(_local_install_config())['repos']
    assert [h['id'] for h in local['hooks']] == list(manifest)
    for hook in local['hooks']:
        for name, default in _HOOK_DEFAULTS.items():
            assert hook.get(name, default) == manifest[hook['id']].get(name, default), (hook['id'], name)


def test_local_install_config_refuses_a_symlink_and_an_added_and_removed_key(
        tmp_path, git_repo, env, repo_templates):
    """Real pre-commit with the docs' ``repo: local`` block: a symlink whose
    target is a key is refused at ``git commit``, and a key added and
    removed again in two ``--no-verify`` commits is refused at ``git push``
    (the README's ``pre-commit install --hook-type pre-push``)."""
    from tests.gitplay import bare

    env = dict(env, PATH=BIN + os.pathsep + env.get('PATH', ''))
    installed(git_repo, env, ('', ''), _local_install_config(), templates=repo_templates)
    rc, out = _run(git_repo, env, PRE_COMMIT, 'install', '--hook-type', 'pre-push')
    assert rc == 0, out
    remote = bare(tmp_path / 'remote.git')
    git(git_repo, 'remote', 'add', 'origin', remote)
    git(git_repo, 'push', '-q', '--no-verify', 'origin', 'HEAD:refs/heads/main')
    os.symlink(SAMPLE_KEY, git_repo / 'link')
    git(git_repo, 'add', 'link')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'link')
    assert rc == 1 and 'link:1: together-api-key' in out, out
    git(git_repo, 'rm', '-q', '--cached', 'link')
    (git_repo / 'link').unlink()
    _stage_sample_key(git_repo)
    git(git_repo, 'add', 'app.py')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'leak')
    git(git_repo, 'rm', '-q', 'app.py')
    git(git_repo, 'commit', '-q', '--no-verify', '-m', 'take it out')
    rc, out = _run(git_repo, env, 'git', 'push', 'origin', 'HEAD:refs/heads/main')
    assert rc == 1 and 'app.py:3: together-api-key' in out, out
    assert leaked([SAMPLE_KEY], out) == []


def test_the_readme_way_to_fill_in_rev_pins_the_newest_commit(tmp_path, env, rev):
    """The README says which ``pre-commit autoupdate`` fills in ``REV``.
    Where the repository holds an older tag (a milestone, an old release),
    plain ``autoupdate`` would pin that tag's old code; the documented
    command must pin the newest commit, as a SHA that cannot move.  And
    only ours: the user's config already pins other hooks at their
    releases, which ``--bleeding-edge`` alone moved to their newest
    untagged commits."""
    import subprocess

    upstream = tmp_path / 'upstream'
    subprocess.run(('git', 'clone', '-q', rev[0], str(upstream)), check=True)
    git(upstream, 'checkout', '-q', rev[1])
    git(upstream, 'tag', '-a', 'milestone', '-m', 'an old milestone')
    git(upstream, 'commit', '-q', '--allow-empty', '-m', 'newer work')
    newest = _head(upstream)
    other = tmp_path / 'other-hooks'  # a hook repository with releases
    subprocess.run(('git', 'clone', '-q', rev[0], str(other)), check=True)
    git(other, 'checkout', '-q', rev[1])
    git(other, 'tag', '-a', 'v1.0.0', '-m', 'a release')
    git(other, 'commit', '-q', '--allow-empty', '-m', 'unreleased work')
    config = _blocks('Add to pre-commit', 'yaml')[0]
    assert re.search(r'^    rev: REV  # .*autoupdate', config, re.M)
    (command,) = re.findall(r'`(pre-commit autoupdate --bleeding-edge[^`]*)`', _section('Add to pre-commit'))[:1]
    assert re.search(r'run\s+`' + re.escape(command) + '`', _section('Add to pre-commit'))
    user = tmp_path / 'user'
    user.mkdir()
    git(user, 'init', '-q')
    (user / '.pre-commit-config.yaml').write_text(
        config.replace(UPSTREAM, str(upstream))
        + f'-   repo: {other}\n    rev: v1.0.0\n    hooks:\n    -   id: forbid-env-files\n',
    )
    rc, out = _run(user, env, PRE_COMMIT, *command.replace(UPSTREAM, str(upstream)).split()[1:])
    assert rc == 0, out
    pinned = re.findall(r'^    rev: (\S+)', (user / '.pre-commit-config.yaml').read_text(), re.M)
    assert pinned == [newest, 'v1.0.0'], out


def test_the_readme_try_repo_command_runs_the_hooks_once_and_names_a_fix_that_works(
        tmp_path, git_repo, env, rev):
    """The README's ``pre-commit try-repo`` line, run as printed in a
    user's repository (pre-commit on their PATH, together-hooks not) with
    ``path/to/together-hooks`` a clone: it runs the hooks on every tracked
    file (a key fails it, shown redacted) and installs nothing into the
    repository.  It is the suite's one ``try-repo`` run: precommit_test's
    ``test_try_repo`` (the key hook on a staged key, ``--ref`` and
    ``--files``: pre-commit's options, not ours) proved nothing of our
    code this run does not, and its store was a second pip install of
    the package (~5 CPU-s).

    The same run holds the fix hint to what works under ``try-repo``: it
    runs from a config of its own, so the hint said to add ``args:
    [--fix]`` to the hook in .pre-commit-config.yaml, which this repository
    does not have (no ``.gitignore`` either: check-env-gitignored fails).
    It now names the command and how to get it; the command, run, makes
    that hook's try pass.  One run: each ``try-repo`` builds a fresh store
    and installs the package into it (about 10 CPU-s), and the two checks
    were two such runs."""
    import subprocess

    (command,) = re.findall(r'`(pre-commit try-repo [^`]+)`', _section('Add to pre-commit'))
    clone = tmp_path / 'together-hooks'
    subprocess.run(('git', 'clone', '-q', rev[0], str(clone)), check=True)
    git(clone, 'checkout', '-q', rev[1])
    argv = [str(clone) if w == 'path/to/together-hooks' else w for w in command.split()]
    assert str(clone) in argv
    (git_repo / 'app.py').write_text(f'client = Together(api_key="{SAMPLE_KEY}")\n')
    git(git_repo, 'add', '.')
    git(git_repo, 'commit', '-qm', 'leak')  # no hooks yet: committed
    user = _without_our_scripts(env)
    rc, out = _run(git_repo, user, PRE_COMMIT, *argv[1:])
    assert rc == 1, out
    assert sorted(_failed_hooks(out)) == ['Check .gitignore covers .env files', 'Detect Together AI API keys'], out
    assert f'app.py:1: together-api-key: {redact(SAMPLE_KEY)}' in out, out
    assert leaked([SAMPLE_KEY], out) == []
    assert not (git_repo / '.git' / 'hooks' / 'pre-commit').exists()
    # check-env-gitignored's own lines, from its header to the next hook's.
    parts = re.split(r'^(.+?\.{3,}(?:Passed|Failed|Skipped))$', out, flags=re.M)
    (gitignored,) = (text for header, text in zip(parts[1::2], parts[2::2])
                     if header.startswith('Check .gitignore covers .env files.'))
    assert '.pre-commit-config.yaml' not in gitignored and 'args: [--fix]' not in gitignored, out
    assert 'run `check-env-gitignored --fix` (to get the command: `pipx install ' in gitignored, out
    # Followed (the command installed: ours), the try passes: its config
    # (of the snapshot it cloned, at the same commit), run on the session's
    # pre-commit home, not a second fresh store (tests/precommit_test.tried).
    hooks = ('check-env-gitignored', 'detect-together-keys', 'forbid-env-files')
    config = tried(tmp_path, out, git_repo, str(clone), rev[1], hooks, repo=rev[0])
    rc, fixed = _run(git_repo, env, os.path.join(BIN, 'check-env-gitignored'), '--fix')
    assert rc == 1 and 'added to .gitignore' in fixed, fixed
    git(git_repo, 'add', '.gitignore')
    # Every hook of the try on a clean file: the key hook passes it too.
    (git_repo / 'clean.txt').write_text('TOGETHER_API_KEY=${TOGETHER_API_KEY}\n')
    rc, out = _run(git_repo, user, PRE_COMMIT, 'run', '--config', config, '--files', 'clean.txt')
    assert rc == 0, out
    assert sorted(re.findall(r'^(.+?)\.{3,}Passed$', out, re.M)) == [
        'Check .gitignore covers .env files', 'Detect Together AI API keys', 'Forbid .env files',
    ], out


def test_the_readme_pre_push_install_refuses_a_push_of_a_no_verify_commit(
        tmp_path, git_repo, env, rev, repo_templates):
    """The README's ``--hook-type pre-push`` line, run as printed: a key
    committed with ``--no-verify`` is refused on ``git push`` to a real
    bare remote, which receives nothing."""
    (command,) = re.findall(r'`(pre-commit install --hook-type pre-push)`', _section('Add to pre-commit'))
    installed(git_repo, env, rev, templates=repo_templates)
    remote = tmp_path / 'remote.git'
    git(tmp_path, 'init', '-q', '--bare', str(remote))
    git(git_repo, 'remote', 'add', 'origin', str(remote))
    rc, out = _run(git_repo, env, 'git', 'push', '-q', 'origin', 'HEAD:refs/heads/main')
    assert rc == 0, out
    rc, out = _run(git_repo, env, PRE_COMMIT, *command.split()[1:])
    assert rc == 0, out
    _stage_sample_key(git_repo)
    rc, out = _run(git_repo, env, 'git', 'commit', '-q', '--no-verify', '-m', 'leak')
    assert rc == 0, out
    rc, out = _run(git_repo, env, 'git', 'push', 'origin', 'HEAD:refs/heads/main')
    assert rc != 0, out
    assert 'app.py:3: together-api-key' in out, out
    assert leaked([SAMPLE_KEY], out) == []
    assert git(remote, 'rev-parse', 'main').strip() != _head(git_repo)


def test_the_first_commit_of_a_new_project_is_as_the_readme_says(git_repo, env, rev):
    """A new project, the README's config and ``pre-commit install``, and
    nothing more (no ``.gitignore``: the other tests write one first, which
    the README never told a user to do): the first commit stops at
    check-env-gitignored alone, as the README warns, and the README's
    commands, run as written, let it through."""
    (git_repo / '.pre-commit-config.yaml').write_text(readme_config(rev))
    (git_repo / 'app.py').write_text('print("hello")\n')
    rc, out = _run(git_repo, env, PRE_COMMIT, 'install')
    assert rc == 0, out
    git(git_repo, 'add', '.')
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'first')
    assert rc == 1 and _failed_hooks(out) == ['Check .gitignore covers .env files'], out
    assert _head(git_repo) is None
    text = ' '.join(_section('Add to pre-commit').split())
    said = re.search(r'the first commit stops at `check-env-gitignored`: run `([^`]+)` once, '
                     r'then `([^`]+)`', text)
    assert said, 'the README no longer says what stops the first commit'
    for command in said.groups():
        rc, out = _run(git_repo, env, *command.split())
        assert rc in (0, 1) and 'Traceback' not in out, (command, out)  # --fix: 1, it changed .gitignore
    rc, out = _run(git_repo, env, 'git', 'commit', '-m', 'first')
    assert rc == 0, out
    assert _head(git_repo) is not None
    assert '.env' in (git_repo / '.gitignore').read_text().split()
