"""Exit codes, and the error a user can fix (shown as one line, exit 2).

How an error is shown (scrubbed, on one line, logged) is the entry
points' business: ``runtime.guard``.
"""
from __future__ import annotations

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class InputError(Exception):
    """Bad input the user can fix: the message is shown as one line."""
