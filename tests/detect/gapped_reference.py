"""The scrub's ``_gapped_out`` as it was (61d2ac5): one regex of every key
present, compiled, each key's characters with the gap's pattern between
them.  The reference ``spelt`` is held to, character for character."""
from __future__ import annotations

import re

from together_hooks.detect import scrub as S


def gapped_out(self: S.Scrubber, text: str) -> str:
    stripped = S._pattern(S._GAP).sub('', text)
    known = frozenset(
        k for k in self._present(stripped) if k in self._known or k.lower() in self._known
    )
    if self._legacy:
        low = stripped.lower()
        known |= self._forms_in(low) & self._legacy
    if self._dashed and S._pattern(S._DASH_LEAD).search(text):
        undashed = stripped.replace('-', '')
        known |= frozenset(k for k in self._dashed_in(undashed) if k not in known)
    if '/' in text or '+' in text:
        stripped = S._pattern(S._B64_GAP).sub('', text)
    known |= frozenset(k for k in self._present(stripped) if k in self._b64)
    if not known:
        return text
    return known_regex(self, known).sub(lambda m: self._gap_redacted(m.group()), text)


_COMPILED: dict[frozenset[str], re.Pattern[str]] = {}


def known_regex(self: S.Scrubber, known: frozenset[str]) -> re.Pattern[str]:
    """The old alternation for ``known`` (compiled once a set here)."""
    regex = _COMPILED.get(known)
    if regex is None:
        def spelt(text: str) -> str:
            cased = (
                (f'[{c}{c.upper()}]' if c in 'abcdef' else c for c in text)
                if text in self._legacy else map(re.escape, text)
            )
            return S._GAP.join(cased)

        current = sorted(k[7:] for k in known if k.startswith('tgp_v1_'))
        others = sorted((k for k in known if not k.startswith('tgp_v1_')), key=len, reverse=True)
        parts = [
            S._B64_GAP.join(map(re.escape, k)) if k in self._b64 else spelt(k) for k in others
        ]
        if current:
            parts.append(
                spelt('tgp_v1_') + S._GAP + '(?:' + '|'.join(map(spelt, current)) + ')'
            )
        if len(_COMPILED) > 32:
            _COMPILED.clear()
        regex = _COMPILED[known] = re.compile('|'.join(parts))
    return regex
