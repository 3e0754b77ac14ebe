"""What this repository tracks: its own layers and files, never a run's
cache (a shell's XDG_CACHE_HOME pointed inside the checkout once put
1 MB of compiled regex programs in a commit)."""
from __future__ import annotations

import subprocess
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent

# A new top-level entry is added here on purpose, with its reason in the
# README or docs/architecture.md.
TOP_LEVEL = {
    '.ci', '.gitignore', '.pre-commit-config.yaml', '.pre-commit-hooks.yaml',
    'CHANGELOG.md', 'CONTRIBUTING.md', 'LICENSE', 'README.md', 'SECURITY.md',
    'baseline', 'bench', 'docs', 'examples', 'pyproject.toml', 'setup.cfg',
    'setup.py', 'tests', 'together_hooks', 'tools',
}
CACHE_PARTS = {'__pycache__', '.pytest_cache', '.hypothesis', '.cache', '.xdg', '.venv'}


def _tracked(*args: str) -> list[str]:
    out = subprocess.run(
        ('git', 'ls-files', '-z', *args), cwd=CHECKOUT, check=True,
        capture_output=True,
    ).stdout.decode()
    return [f for f in out.split('\0') if f]


def test_every_tracked_file_lives_in_a_known_top_level_place():
    files = _tracked()
    assert len(files) > 100
    assert {f.split('/', 1)[0] for f in files} - TOP_LEVEL == set()


def test_no_tracked_file_is_a_cache_or_ignored():
    files = _tracked()
    assert [f for f in files if CACHE_PARTS & set(f.split('/')[:-1])] == []
    assert _tracked('--cached', '--ignored', '--exclude-standard') == []
