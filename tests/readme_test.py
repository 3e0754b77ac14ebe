"""The README, setup.cfg, .pre-commit-hooks.yaml and .ci/run agree."""
from __future__ import annotations

import configparser
import importlib
import re
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


def test_readme_has_the_two_commands():
    install_scan, run_tests = _quick_start_commands()
    assert install_scan == 'pip install . && together-hooks scan .'
    assert run_tests.startswith("pip install -e '.[test]' && ")
    assert 'pytest' in run_tests


def test_ci_runs_the_readme_test_command_verbatim():
    _install_scan, run_tests = _quick_start_commands()
    ci = (ROOT / '.ci' / 'run').read_text().splitlines()
    assert run_tests in ci
    assert (ROOT / '.ci' / 'run').stat().st_mode & 0o111

