"""together-hooks: keep Together AI API keys (and .env files) out of git."""
import sys as _sys

__version__ = '0.1.0'


# The guard's words (runtime) when memory runs out; made now, as bytes,
# for a MemoryError before the guard runs, when there is none to make them.
NO_MEMORY = "out of memory: a memory limit (ulimit -v, a container's) is below what this run needs"
# Our console scripts (setup.cfg's ``console_scripts``).
SCRIPTS = frozenset(('together-hooks', 'detect-together-keys', 'forbid-env-files',
                     'check-env-gitignored'))
# The program running, as its guard names it (detect-together-keys, ...).
_PROG = (_sys.argv[0] if _sys.argv else '').replace('\\', '/').rsplit('/', 1)[-1]
_PROG = _PROG[:-4] if _PROG.lower().endswith('.exe') else _PROG
# ``python -m together_hooks...``: while runpy imports the package of
# the module it runs, ``sys.argv[0]`` is ``-m`` (a program that imports
# us later has its own path there by then).
_OURS = _PROG in SCRIPTS or _PROG == '-m'
_PROG = _PROG if _OURS else 'together-hooks'
_NO_MEMORY = f'{_PROG}: error: {NO_MEMORY}\n'.encode('utf-8', 'backslashreplace')
# The guard's line when its reason cannot be written (the scrub it goes
# through failed: at a memory limit, a module it imports, a thread or a
# git it starts is refused): the reason is lost, never the line.
_UNSAID = (f'{_PROG}: error: stopped, and the reason could not be written: a memory limit '
           "(ulimit -v, a container's) may be below what this run needs\n").encode('utf-8', 'backslashreplace')


def _interrupted(kind, value, tb, _shown=_sys.excepthook):  # type: ignore[no-untyped-def]
    """Ctrl-C before a command's guard runs (the console script is still
    importing, which takes a while on a loaded machine) or after: one line,
    never a traceback.  So is running out of memory there (a memory limit
    just above what Python needs to start), with exit 2, as the guard
    says it.  Anything else is shown as it was."""
    # Written as made at import (no memory to make a str); never at an
    # interactive prompt, which goes on after an error.
    if issubclass(kind, MemoryError) and not hasattr(_sys, 'ps1'):
        import os

        try:
            os.write(2, _NO_MEMORY)
        finally:
            os._exit(2)
    if not issubclass(kind, KeyboardInterrupt):
        return _shown(kind, value, tb)
    try:
        print(f'{_PROG}: interrupted', file=_sys.stderr, flush=True)
    except Exception:
        pass


# Only in our own console scripts (or ``-m``): a program that imports together_hooks
# (a test runner, a notebook, an IDE) keeps its own excepthook.
if _OURS:
    _sys.excepthook = _interrupted
