"""The pragma patterns (``detect.pragmas``) come from the per-user regex
cache, as the rules' do: ``engine.prepare`` builds them before every
forked tree scan, and ``re``'s compile of the two (pure Python) cost 0.9
ms of each such run, whether or not a line mentions a pragma."""
from __future__ import annotations

import os
import subprocess
import sys

from together_hooks.detect import pragmas

SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _compiles(cache: str) -> list[str]:
    """What ``pragmas.prepare`` and a pragma'd line's check compile with
    ``re`` in a fresh process whose cache folder is ``cache``."""
    code = (
        'import re, sys\n'
        f'sys.path.insert(0, {SOURCE!r})\n'
        'from together_hooks.detect import pragmas\n'
        'compiled = []\n'
        'real = re._compiler.compile\n'
        're._compiler.compile = lambda p, flags=0: compiled.append(p) or real(p, flags)\n'
        'pragmas.prepare()\n'
        'data = b"x = 1  # pragma: allowlist secret\\n# pragma: allowlist nextline secret\\ny = 2\\n"\n'
        'assert pragmas.allowed_inline(data, 0, data.index(b"\\n"))\n'
        'assert pragmas.allowed_inline(data, data.index(b"y"), len(data) - 1)\n'
        'assert not pragmas.allowed_inline(data, data.index(b"# p"), data.index(b"\\ny"))\n'
        'print(sorted(p[:20].decode() for p in compiled if isinstance(p, bytes) and b"pragma" in p))\n'
    )
    proc = subprocess.run(
        (sys.executable, '-c', code), capture_output=True, text=True, cwd=SOURCE,
        env=dict(os.environ, XDG_CACHE_HOME=cache),
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return eval(proc.stdout)


def test_the_pragma_patterns_are_compiled_once_per_user(tmp_path):
    first = _compiles(str(tmp_path))
    assert len(first) == 2, first  # a cold cache: compiled, and kept
    assert _compiles(str(tmp_path)) == []  # then built from the kept programs


def test_the_kept_patterns_are_re_s():
    import re

    from together_hooks.regex_cache import cached

    assert cached(pragmas._ALLOW_LINE) == re.compile(pragmas._ALLOW_LINE)
    assert cached(pragmas._ALLOW_NEXTLINE) == re.compile(pragmas._ALLOW_NEXTLINE)
