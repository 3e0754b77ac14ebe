"""Scrubbing at the edge: nothing key-shaped leaves in a message."""
from __future__ import annotations


def scrub(text: str) -> str:
    """Redact anything key-shaped in a message before it is shown."""
    if 'tgp_v1_' not in text and 'ogether' not in text.lower():
        return text
    import re

    from together_hooks.detect.engine import scan_bytes
    from together_hooks.findings import redact

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
