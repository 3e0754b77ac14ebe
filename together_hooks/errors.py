"""One clear line and exit 2 for every usage or input error; never a traceback."""
from __future__ import annotations

import sys

TYPE_CHECKING = False  # importing typing costs ~3 ms of start-up; only type checkers need it
if TYPE_CHECKING:
    from typing import Any
    from typing import Callable

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class InputError(Exception):
    """Bad input the user can fix: the message is shown as one line."""


def scrub(text: str) -> str:
    """Redact anything key-shaped in a message before it is shown."""
    if 'tgp_v1_' not in text and 'ogether' not in text.lower():
        return text
    import re

    from together_hooks.detect import redact
    from together_hooks.detect import scan_bytes

    for finding in scan_bytes(text.encode('utf-8', 'replace'), '<message>'):
        text = text.replace(finding.secret, finding.redacted)
    # Messages echo user input ("--tgp_v1_..."): a key glued to other text
    # is no finding, but still must not be shown.  The whole run of key
    # characters goes, so a key glued after another prefix goes with it.
    return re.sub(
        r'tgp_v1_[A-Za-z0-9_-]{43,}', lambda m: redact(m.group()), text,
    )


def one_line(text: str) -> str:
    return ' '.join(scrub(str(text)).split())


def guard(prog: str, func: Callable[[], int], args: Any = None) -> int:
    """Run a command; turn every failure into one line and exit 2.

    A hook that cannot decide fails closed: an unexpected error is exit 2,
    which pre-commit treats as a failure, with the reason.  With the
    command's ``args``, a failed run still gets its audit log line.
    """
    try:
        return func()
    except InputError as e:
        msg = one_line(str(e))
    except KeyboardInterrupt:
        print(f'{prog}: interrupted', file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
    except OSError as e:
        name = f' {e.filename!r}' if e.filename else ''
        msg = one_line(f'{e.strerror or e}{name}')
    except Exception as e:  # fail closed, but say why
        msg = one_line(f'internal error ({type(e).__name__}): {e}')
    try:
        print(f'{prog}: error: {msg}', file=sys.stderr)
    except Exception:
        pass
    if args is not None and getattr(args, 'audit_action', None):
        from together_hooks import audit_log

        audit_log.log_error(args, msg)
    return EXIT_ERROR


def configure_process() -> None:
    """What every console script does first.

    Paths and redacted keys may hold characters the terminal can't encode:
    stdio escapes them instead of failing.  And a run ends with its
    process, so the garbage collection Python runs at exit is skipped
    (``gc.freeze`` at exit: ~2 ms, a tenth of a hook run); Python still
    flushes the standard streams, and every file we write is closed before
    ``main`` returns.
    """
    import atexit
    import gc

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors='backslashreplace')  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass
    atexit.unregister(gc.freeze)  # once, however often main() runs in a process
    atexit.register(gc.freeze)
