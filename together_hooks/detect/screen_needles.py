"""The keyword screen's needles, as data (generated: do not edit).

Made from the rules by ``python tools/screen_needles.py``
(``detect.engine.keyword_screen(RULES).needles``: each rule's keywords
and their base64/base32/base85 forms and escape marks, the compressed
containers' base64 magic, git's binary patch and uuencode's marks), so
that the hook's first stage (``hooks.first_stage``) screens with exactly
the full screen's needles without importing the rules or the engine.
``tests/detect/screen_needles_test.py`` fails while it is stale.
"""

NEEDLES = (
    b'0AGcAcABfAHYAMQBfA',
    b'0Z3BfdjFf',
    b'2GO4C7OYYV',
    b'33HMV2GQZLS',
    b'5DHOBPXMMK7',
    b'6Z3FORUGK4',
    b'9HRVRIRV',
    b'9nZXRoZX',
    b'BaM0JmZGpGZ',
    b'GIT binary patch',
    b'H4sI',
    b'HUORKUJBCV',
    b'IZ3QL53DCX',
    b'J5DUKVCIIVJ',
    b'MFozQmZkakZm',
    b'N5TWK5DIMVZ',
    b'OGETHER',
    b'ORTXAX3WGFP',
    b'PI5CVISCFK',
    b'PR0VUSEVS',
    b'QAZwBwAF8AdgAxAF8A',
    b'Qlpo',
    b'RHZHdYM1l4',
    b'RncF92MV',
    b'SDRzSUFBQUFB',
    b'SbmNGOTJNV',
    b'T0dFVEhFU',
    b'T2HIVKEQRKS',
    b'UEsDBBQ',
    b'Um5jRjkyTV',
    b'Uv@EH',
    b'VUVzREJCUU',
    b'WkVka2QxZ3pXW',
    b'XWOZLUNBSX',
    b'ZEdkd1gzWX',
    b'aRWRrZDFneldY',
    b'b2dldGhlc',
    b'bZ2m1',
    b'begin 0',
    b'begin 4',
    b'begin 6',
    b'begin 7',
    b'dABnAHAAXwB2ADEAXw',
    b'dGdwX3Yx',
    b'dGdwX3YxX',
    b'gp_v1_',
    b'kR2R3WDNZe',
    b'ogether',
    b'pFZGtkMWd6V1',
    b'tg\x1b',
    b'tg\\',
    b'tgp',
    b'tgp_v1_',
    b'vZ2V0aGVy',
    b'wWjNCZmRqRm',
)
