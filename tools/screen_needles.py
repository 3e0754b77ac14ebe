"""Write ``together_hooks/detect/screen_needles.py``: the keyword screen's
needles (``detect.engine.keyword_screen(RULES).needles``) as a table the
hook's first stage imports without the rules or the engine.

    python tools/screen_needles.py

``tests/detect/screen_needles_test.py`` fails while the table is stale.
"""
from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.path.join(HERE, '..', 'together_hooks', 'detect', 'screen_needles.py')

HEADER = '''"""The keyword screen's needles, as data (generated: do not edit).

Made from the rules by ``python tools/screen_needles.py``
(``detect.engine.keyword_screen(RULES).needles``: each rule's keywords
and their base64/base32/base85 forms and escape marks, the compressed
containers' base64 magic, git's binary patch and uuencode's marks), so
that the hook's first stage (``hooks.first_stage``) screens with exactly
the full screen's needles without importing the rules or the engine.
``tests/detect/screen_needles_test.py`` fails while it is stale.
"""
'''


def render(needles: tuple[bytes, ...]) -> str:
    lines = [HEADER, 'NEEDLES = (']
    lines += [f'    {n!r},' for n in needles]
    lines.append(')')
    return '\n'.join(lines) + '\n'


def main() -> int:
    sys.path.insert(0, os.path.join(HERE, '..'))
    from together_hooks.detect.engine import keyword_screen
    from together_hooks.rules import RULES

    text = render(keyword_screen(RULES).needles)
    with open(TARGET, 'w', encoding='utf-8') as f:
        f.write(text)
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
