"""together-hooks: keep Together AI API keys (and .env files) out of git."""
import sys as _sys

__version__ = '0.1.0'


def _interrupted(kind, value, tb, _shown=_sys.excepthook):  # type: ignore[no-untyped-def]
    """Ctrl-C before a command's guard runs (the console script is still
    importing, which takes a while on a loaded machine) or after: one line,
    never a traceback.  Anything else is shown as it was."""
    if not issubclass(kind, KeyboardInterrupt):
        return _shown(kind, value, tb)
    try:
        print('together-hooks: interrupted', file=_sys.stderr, flush=True)
    except Exception:
        pass


_sys.excepthook = _interrupted
