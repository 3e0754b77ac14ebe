"""Write ``together_hooks/detect/screen_needles.py``: the keyword screen's
needles (``detect.engine.keyword_screen(RULES).needles``) as a table the
hook's first stage imports without the rules or the engine, with the
plain screen's keywords and routes made from them (``Keywords(NEEDLES,
(KEYWORDS, PLAIN_ROUTES))``: not made again on every commit).

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
the full screen's needles without importing the rules or the engine,
and with ``Keywords.plain``'s keywords and routes made from them (made
on every commit, they cost about what screening a commit's files does).
``tests/detect/screen_needles_test.py`` fails while it is stale.
"""
'''


def render(needles: tuple[bytes, ...]) -> str:
    from together_hooks.detect.prefilter import outermost_free
    from together_hooks.detect.prefilter import plain_routes

    keywords = outermost_free(needles)
    lines = [HEADER, 'NEEDLES = (']
    lines += [f'    {n!r},' for n in needles]
    lines += [')', '', '# ``prefilter.outermost_free(NEEDLES)``: the needles holding no other.', 'KEYWORDS = (']
    lines += [f'    {k!r},' for k in keywords]
    lines += [')', '', "# ``prefilter.plain_routes(KEYWORDS)``: ``Keywords.plain``'s routes.", 'PLAIN_ROUTES = (']
    for lead, tries, denser in plain_routes(keywords):
        lines += [f'    ({lead!r}, (']
        for back, group in tries:
            lines += [f'        ({back}, {group!r}),']
        lines += ['    ), (']
        for shared, group in denser:
            lines += [f'        ({shared!r}, {group!r}),']
        lines += ['    )),']
    lines.append(')')
    return '\n'.join(lines) + '\n'


def main() -> int:
    sys.path.insert(0, os.path.join(HERE, '..'))  # before render's imports
    from together_hooks.detect.engine import keyword_screen
    from together_hooks.rules import RULES

    text = render(keyword_screen(RULES).needles)
    with open(TARGET, 'w', encoding='utf-8') as f:
        f.write(text)
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
