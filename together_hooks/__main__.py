from __future__ import annotations

from together_hooks.cli import console

if __name__ == '__main__':
    raise SystemExit(console())
