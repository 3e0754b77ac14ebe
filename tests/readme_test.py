"""The README, setup.cfg, .pre-commit-hooks.yaml and .ci/run agree."""
from __future__ import annotations

import configparser
import importlib
import os
import re
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / 'README.md').read_text(encoding='utf-8')


def _hooks() -> list[dict]:
    return yaml.safe_load((ROOT / '.pre-commit-hooks.yaml').read_text())


def _console_scripts() -> dict[str, str]:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / 'setup.cfg', encoding='utf-8')
    out = {}
    for line in cfg['options.entry_points']['console_scripts'].splitlines():
        if line.strip():
            name, _eq, target = line.partition('=')
            out[name.strip()] = target.strip()
    return out


def _quick_start_commands() -> list[str]:
    section = README.split('## Quick start', 1)[1].split('\n## ', 1)[0]
    return [
        block.strip()
        for block in re.findall(r'```sh\n(.*?)```', section, re.DOTALL)
    ]


def test_every_hook_id_in_readme_hooks_table():
    table = README.split('## Hooks', 1)[1].split('\n## ', 1)[0]
    for hook in _hooks():
        assert f'`{hook["id"]}`' in README, hook['id']
        assert re.search(rf'^\| `{re.escape(hook["id"])}` \|', table, re.M), hook['id']


def test_every_hook_entry_is_a_console_script():
    scripts = _console_scripts()
    for hook in _hooks():
        assert hook['entry'] in scripts, hook['id']
        assert hook['language'] == 'python'
        assert {'id', 'name', 'description', 'entry'} <= set(hook)


def test_every_console_script_is_a_hook_or_the_cli():
    hook_ids = {hook['id'] for hook in _hooks()}
    for name, target in _console_scripts().items():
        assert name in hook_ids or name == 'together-hooks', name
        module, _colon, func = target.partition(':')
        assert callable(getattr(importlib.import_module(module), func)), target


FIRST = 'pip install . && together-hooks scan path/to/your-repo'


def test_readme_has_the_two_commands():
    install_scan, run_tests = _quick_start_commands()
    assert install_scan == FIRST
    assert run_tests == "pip install -e '.[test]' && python -m pytest -n 2"


def test_first_command_scans_the_users_repository_not_this_one(tmp_path, keys):
    """The scan half of the first command, run from this checkout on a
    user's repository: it reports that repository's key, and only it."""
    from tests.cli_run import run

    _install, _and, scan = FIRST.partition(' && ')
    argv = scan.split()
    assert argv[:2] == ['together-hooks', 'scan']
    repo = tmp_path / 'your-repo'
    repo.mkdir()
    subprocess.run(('git', 'init', '-q', str(repo)), check=True)
    key = keys()
    (repo / 'settings.py').write_text(f'TOGETHER_API_KEY = "{key}"\n')
    (repo / '.gitignore').write_text('.env\n')
    (repo / '.env').write_text(f'TOGETHER_API_KEY={keys()}\n')  # ignored: not reported
    args = [str(repo) if a == 'path/to/your-repo' else a for a in argv[1:]]
    result = run('together-hooks', *args, '--format', 'json', cwd=ROOT)
    assert result.rc == 1, result.err
    assert [f[0] for f in result.found()] == ['settings.py']
    (repo / 'settings.py').write_text('import os\nKEY = os.environ["TOGETHER_API_KEY"]\n')
    result = run('together-hooks', *args, cwd=ROOT)
    assert result.rc == 0, result.err


def test_first_commands_not_a_key_advice_works_from_where_it_ran(tmp_path, keys):
    """Run as the Quick start shows (from elsewhere, on your repository),
    the report's "record it in the baseline" command, pasted into the same
    shell, writes the baseline of the repository scanned, which then
    passes; it does not write one where the shell happens to be."""
    from tests.cli_run import BIN
    from tests.cli_run import run

    repo = tmp_path / 'your-repo'
    repo.mkdir()
    subprocess.run(('git', 'init', '-q', str(repo)), check=True)
    (repo / 'fixture.py').write_text(f'EXAMPLE = "{keys()}"\n')
    here = tmp_path / 'together-hooks'
    here.mkdir()
    first = run('together-hooks', 'scan', str(repo), cwd=here)
    assert first.rc == 1, first.err
    command = re.search(r'record it in the baseline: `([^`]+)`', first.out).group(1)
    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ['PATH'])
    done = subprocess.run(('sh', '-c', command), cwd=here, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (repo / '.secrets.baseline').is_file() and not (here / '.secrets.baseline').exists()
    assert run('together-hooks', 'scan', str(repo), cwd=here).rc == 0


def test_first_commands_advice_for_a_key_in_an_unignored_env_file_works(tmp_path, keys):
    """The Quick start's scan of a repository whose ``.env`` git does not
    ignore yet: the key is where it belongs, the file is the problem.  The
    advice said to take the key out of the file; it names the command that
    makes git ignore the file, which, run as printed from where the scan
    ran, makes the scan pass with the key kept."""
    from tests.cli_run import BIN
    from tests.cli_run import leaked
    from tests.cli_run import run

    repo = tmp_path / 'your-repo'
    repo.mkdir()
    subprocess.run(('git', 'init', '-q', str(repo)), check=True)
    key = keys()
    (repo / '.env').write_text(f'TOGETHER_API_KEY={key}\n')
    (repo / 'app.py').write_text('import os\nKEY = os.environ["TOGETHER_API_KEY"]\n')
    first = run('together-hooks', 'scan', str(repo), cwd=tmp_path)
    assert first.rc == 1, first.err
    assert leaked([key], first.out, first.err) == []
    (todo,) = [line for line in first.out.splitlines() if line.startswith('What to do:')]
    assert 'take each key out of the file' not in todo, todo
    (command,) = re.findall(r'run `([^`]*--fix)`', todo)
    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ['PATH'])
    subprocess.run(('sh', '-c', command), cwd=tmp_path, env=env, capture_output=True, text=True)
    assert (repo / '.env').read_text() == f'TOGETHER_API_KEY={key}\n'
    after = run('together-hooks', 'scan', str(repo), cwd=tmp_path)
    assert after.rc == 0, after.out + after.err


def test_missing_baseline_error_names_a_command_that_makes_it(tmp_path, keys):
    """``--baseline FILE`` that does not exist yet: the command the error
    line names, run from the same folder, writes that FILE."""
    from tests.cli_run import BIN
    from tests.cli_run import run

    repo = tmp_path / 'your-repo'
    repo.mkdir()
    subprocess.run(('git', 'init', '-q', str(repo)), check=True)
    (repo / 'fixture.py').write_text(f'EXAMPLE = "{keys()}"\n')
    first = run('together-hooks', 'scan', 'your-repo', '--baseline', 'your-repo/config/b.json', cwd=tmp_path)
    assert first.rc == 2, first.err
    command = re.search(r'create it with `([^`]+)`', first.err).group(1)
    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ['PATH'])
    (repo / 'config').mkdir()
    done = subprocess.run(('sh', '-c', command), cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (repo / 'config' / 'b.json').is_file()
    again = run('together-hooks', 'scan', 'your-repo', '--baseline', 'your-repo/config/b.json', cwd=tmp_path)
    assert again.rc == 0, again.out + again.err


def test_ci_runs_the_readme_test_command_verbatim():
    _install_scan, run_tests = _quick_start_commands()
    ci = (ROOT / '.ci' / 'run').read_text().splitlines()
    assert run_tests in ci
    assert (ROOT / '.ci' / 'run').stat().st_mode & 0o111


def _section(title: str) -> str:
    return README.split(f'\n## {title}\n', 1)[1].split('\n## ', 1)[0]


def test_readme_is_a_page_for_users():
    assert len(README.encode('utf-8')) < 10_000
    heads = re.findall(r'^## (.+)$', README, re.M)
    for title in (
        'Quick start', 'Add to pre-commit', 'When it blocks you', 'CI gate',
        'Server-side gate', 'One-off audit', 'Org-wide audit', 'Hooks',
        'Limitations',
    ):
        assert title in heads, title


def _options(parser) -> set[str]:
    return {
        opt for action in parser._actions for opt in action.option_strings
        if opt.startswith('--') and opt not in ('--help', '--version')
    }


def test_hooks_table_lists_every_option_of_each_hook():
    table = _section('Hooks')
    for hook in _hooks():
        row = next(
            line for line in table.splitlines()
            if line.startswith(f'| `{hook["id"]}` |')
        )
        module = importlib.import_module(_console_scripts()[hook['entry']].partition(':')[0])
        options = _options(module.build_parser())
        assert options, hook['id']
        for opt in options:
            assert f'`{opt}' in row, (hook['id'], opt)


def _local_links(path: Path) -> list[str]:
    text = path.read_text(encoding='utf-8')
    return [
        link.split('#', 1)[0] for link in re.findall(r'\]\(([^)\s]+)\)', text)
        if '://' not in link and not link.startswith('#')
    ]


def test_readme_and_docs_links_resolve():
    pages = [ROOT / 'README.md', ROOT / 'CONTRIBUTING.md', *sorted((ROOT / 'docs').glob('*.md'))]
    for page in pages:
        for link in _local_links(page):
            assert (page.parent / link).exists(), (page.name, link)


def test_license_is_the_one_setup_cfg_declares():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / 'setup.cfg', encoding='utf-8')
    assert cfg['metadata']['license'] == 'MIT'
    assert (ROOT / 'LICENSE').read_text().startswith('MIT License\n')
    changelog = (ROOT / 'CHANGELOG.md').read_text()
    assert '## Unreleased' in changelog


def test_configuration_page_lists_every_config_key():
    from together_hooks import config

    page = (ROOT / 'docs' / 'configuration.md').read_text(encoding='utf-8')
    rows = re.findall(r'^\| `([a-z-]+)` \|', page, re.M)
    assert sorted(rows) == sorted(config.KEYS)
    # The example in the page is a valid config.
    example = re.search(r'```toml\n(.*?)```', page, re.DOTALL).group(1)
    assert '[tool.together-hooks]' in example


def test_one_off_audit_runs_as_shown(tmp_path, keys):
    """The section's second line, in a repository whose history once held
    a key that is gone from the tree now."""
    from tests.cli_run import BIN
    from tests.cli_run import CAPTURED

    block = re.search(r'```sh\n(.*?)```', _section('One-off audit'), re.DOTALL).group(1)
    install, audit = block.strip().splitlines()
    assert install.startswith('pipx install git+https://github.com/together-hooks/')
    assert audit == 'cd your-repo && together-hooks scan --history'
    repo = tmp_path / 'your-repo'
    repo.mkdir()
    git = ('git', '-C', str(repo), '-c', 'user.email=a@b.c', '-c', 'user.name=A')
    subprocess.run((*git, 'init', '-q'), check=True)
    (repo / 'app.py').write_text(f'K = "{keys()}"\n')
    subprocess.run((*git, 'add', '.'), check=True)
    subprocess.run((*git, 'commit', '-qm', 'one'), check=True)
    (repo / 'app.py').write_text('import os\n')
    subprocess.run((*git, 'commit', '-qam', 'two'), check=True)
    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ['PATH'])
    proc = subprocess.run(
        audit, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    CAPTURED.extend((proc.stdout, proc.stderr))
    assert proc.returncode == 1, proc.stderr
    assert 'app.py:1: together-api-key' in proc.stdout and 'in commit' in proc.stdout


def test_org_wide_audit_names_real_options():
    from together_hooks.cli import build_parser

    section = _section('Org-wide audit')
    commands = re.findall(r'`together-hooks (scan-org [^`]+)`', section)
    assert commands
    parser = build_parser()
    for command in commands:
        argv = [w if w.isupper() is False else 'x' for w in command.split()]
        args = parser.parse_args(argv)
        assert args.command == 'scan-org', command
    assert '(docs/org-audit.md)' in section


def test_org_wide_audit_runs_as_shown(tmp_path):
    """The README's ``--repos FILE`` command, typed as shown with FILE a
    list of one local repository, audits it (it said "scan-org needs
    --store FILE" and did nothing)."""
    from tests.cli_run import run
    from tests.conftest import git

    (command,) = re.findall(r'`together-hooks (scan-org --repos FILE[^`]*)`', _section('Org-wide audit'))
    repo = tmp_path / 'repo'
    repo.mkdir()
    git(repo, 'init', '-q')
    (repo / 'a.py').write_text('x = 1\n')
    git(repo, 'add', '.')
    git(repo, 'commit', '-qm', 'one')
    (tmp_path / 'repos.txt').write_text(f'{repo}\n')
    argv = ['repos.txt' if w == 'FILE' else w for w in command.split()]
    result = run('together-hooks', *argv, cwd=tmp_path)
    assert result.rc == 0, result.err


def test_cli_reference_lists_every_command():
    from together_hooks.cli import COMMANDS

    page = (ROOT / 'docs' / 'cli.md').read_text(encoding='utf-8')
    for name in COMMANDS:
        assert f'`together-hooks {name}' in page, name


def test_every_option_is_on_the_page_the_cli_reference_sends_its_command_to():
    """docs/cli.md documents ``scan`` and the hooks itself and sends every
    other command to its page (its table of other commands): each option
    of each command's --help is on that page.  ``scan-org
    --verify-timeout`` was on none of them."""
    from tests.cli.help_test import PARSERS

    docs = ROOT / 'docs'
    cli_page = (docs / 'cli.md').read_text(encoding='utf-8')
    sends = dict(re.findall(r'^\| `together-hooks ([\w-]+).* \| \[[\w.-]+\]\(([\w.-]+)\) \|$',
                            cli_page, re.M))
    assert {'doctor', 'rotate-help', 'baseline', 'scan-org', 'pre-receive'} <= set(sends)
    missing = []
    for prog, parser in PARSERS:
        words = prog.split()
        page = sends.get(words[1]) if words[0] == 'together-hooks' and len(words) > 1 else None
        text = (docs / page).read_text(encoding='utf-8') if page else cli_page
        for action in parser._actions:
            for option in action.option_strings:
                if option not in ('-h', '--help', '-V', '--version') and not re.search(
                        re.escape(option) + r'(?![\w-])', text):
                    missing.append((prog, option, page or 'cli.md'))
    assert missing == [], missing


def test_doctor_page_lists_every_check():
    """Each check doctor prints has its row in docs/doctor.md."""
    from together_hooks.doctor.checks import CHECKS

    page = (ROOT / 'docs' / 'doctor.md').read_text(encoding='utf-8')
    rows = set(re.findall(r'^\| `([\w-]+)` \|', page, re.MULTILINE))
    assert rows == {cid for cid, _check in CHECKS}


def test_cli_reference_names_every_json_key():
    """Scripts read ``--format json`` by its keys: docs/cli.md names each
    one a finding or the summary can carry."""
    from together_hooks.findings import Finding
    from together_hooks.report import Summary
    from together_hooks.sources.content import Walked

    finding = Finding('a.py', 1, 1, 'together-api-key', 'x' * 50)
    for name in ('commit', 'author', 'date', 'verification', 'verification_reason'):
        setattr(finding, name, 'set')
    summary = Summary()
    summary.walked = Walked()
    page = (ROOT / 'docs' / 'cli.md').read_text(encoding='utf-8')
    assert '`--format json` prints' in page
    named = set(re.findall(r'`(\w+)`', page.split('## together-hooks scan', 1)[1]))
    keys = {'tool', 'findings', 'summary', *finding.to_dict(), *summary.to_dict()}
    assert keys - named == set()


def test_every_page_a_message_points_to_exists():
    """A message that sends the user to a page (``docs/x.md``, README
    "Section") names one that exists."""
    headings = set(re.findall(r'^#+ (.+)$', README, re.MULTILINE))
    for path in sorted((ROOT / 'together_hooks').rglob('*.py')):
        text = path.read_text(encoding='utf-8')
        for page in re.findall(r'\b(docs/[\w-]+\.md|examples/[\w.-]+)', text):
            assert (ROOT / page).is_file(), (path.name, page)
        for page in re.findall(r'\bdoc_url\([\'"]([\w-]+\.md)', text):  # by URL
            assert (ROOT / 'docs' / page).is_file(), (path.name, page)
        for section in re.findall(r'README "([^"]+)"', text):
            assert section in headings, (path.name, section)


_SCRIPTS = ('together-hooks', 'detect-together-keys', 'forbid-env-files', 'check-env-gitignored')


def documented_commands() -> list[tuple[str, list[str]]]:
    """(where, argv) of every command of ours the README, docs/ and
    examples/ show, in code blocks and inline code alike, up to the first
    shell operator; lines with placeholders a reader fills in
    (``<...>``, ``$VAR``) are left out."""
    import shlex

    pages = [ROOT / 'README.md', *sorted((ROOT / 'docs').glob('*.md')),
             *sorted(p for p in (ROOT / 'examples').iterdir() if p.is_file())]
    found = []
    for page in pages:
        text = page.read_text(encoding='utf-8')
        if page.suffix == '.md':  # inline code, and the lines of code blocks
            blocks = re.findall(r'^```[^\n]*\n(.*?)^```', text, re.MULTILINE | re.DOTALL)
            candidates = re.findall(r'`([^`\n]+)`', re.sub(r'```.*?```', '', text, flags=re.DOTALL))
            candidates += [line for block in blocks for line in block.splitlines()]
        else:
            candidates = text.splitlines()
        for snippet in candidates:
            snippet = snippet.strip().lstrip('$').strip()
            snippet = re.sub(r'^(-\s+run:|run:|-)\s+', '', snippet)
            m = re.search(r'(?:^|&&\s*|;\s*|\|\s*)((?:%s)\b.*)' % '|'.join(map(re.escape, _SCRIPTS)), snippet)
            if m is None or not m.group(1).split()[0] in _SCRIPTS:
                continue
            line = re.split(r'\s(?:\||&&|;|>|2>|\|\|)\s|\s#\s|\\$', m.group(1))[0].strip()
            if re.search(r'<[^>]*>|\$|\.\.\.$|…|[\[(|]|^\S+:', line):  # a placeholder, a synopsis
                continue
            try:
                argv = shlex.split(line)
            except ValueError:
                continue
            found.append((f'{page.relative_to(ROOT)}: {line}', argv))
    return found


def test_every_documented_command_parses():
    """A renamed or removed option, a misspelt command in any README/docs/
    examples line is a usage error a new user meets first: each one is
    parsed by the real parser (not run)."""
    from tests.cli_run import usage_error

    commands = documented_commands()
    assert len(commands) > 40  # the extraction itself works
    bad = [(where, error) for where, argv in commands if (error := usage_error(argv))]
    assert bad == []


# Where a page pins which together-hooks to run: pre-commit's ``rev:`` and
# pip's ``...together-hooks@REV``.
_PIN = re.compile(r'(?:\brev:[ \t]+|together-hooks/together-hooks@)([\w.<>-]+)')


def test_every_pin_of_together_hooks_is_the_one_placeholder():
    """README, docs/, examples/ and doctor's advice pin together-hooks the
    same way, with the placeholder the README tells how to fill in: a tag
    written into an example (``v0.1.0``) that this repository does not
    have fails a user who copies it."""
    from together_hooks.doctor import checks

    pages = [ROOT / 'README.md', *sorted((ROOT / 'docs').glob('*.md')),
             *sorted(p for p in (ROOT / 'examples').iterdir() if p.is_file())]
    pins = [
        (str(page.relative_to(ROOT)), pin) for page in pages
        for pin in _PIN.findall(page.read_text(encoding='utf-8'))
    ]
    pins += [('doctor', pin) for pin in _PIN.findall(checks._CONFIG_SNIPPET)]
    wheres = {where for where, _pin in pins}
    assert {'README.md', 'examples/pre-push.md', 'examples/github-actions.yml',
            'examples/gitlab-ci.yml', 'doctor'} <= wheres, wheres
    assert [(w, p) for w, p in pins if p != 'REV'] == []
    # Installed from this repository: together-hooks is not a PyPI package
    # of ours, and whatever holds that name there is someone else's code.
    bare = re.compile(r'pipx? install\s+[\'"]?together-hooks(?!\S*\s*@\s*git\+)(?!/)')
    from_pypi = [str(page.relative_to(ROOT)) for page in pages if bare.search(page.read_text())]
    assert from_pypi == []
