"""A key cut by Windows' folder separator, ``\\``, or in capitals cut by
any, is never shown.

A key cut by ``/`` (a folder named after its start) was learnt and hidden
(``Scrubber._learn_cut``), but one cut by a backslash was shown whole but
for it: a path typed as on Windows (``C:\\Users\\tgp_v1_Ab…\\…yz``) that an
error echoes, a file named with a backslash (legal on Linux) in a report,
where JSON writes it ``\\\\``, the repr of a refused setting.  A reader drops
the separator as readily as a slash.
"""
from __future__ import annotations

import json
import random

from tests.cli_run import assert_error_line
from tests.cli_run import leaked
from tests.cli_run import run_in_process
from tests.conftest import git
from tests.keys import make_key
from together_hooks.detect.scrub import Scrubber


def test_a_key_cut_anywhere_by_a_backslash_is_never_shown():
    """Every cut of a format-valid key nobody told the scrub of, by one
    backslash (a path), two (the path in JSON or a repr) or a mix of the
    two with a slash: no reading shows 16 of its characters."""
    rng = random.Random(16)
    scrubber = Scrubber(held=lambda: [])
    key = make_key(rng)
    for cut in range(1, len(key)):
        for sep in ('\\', '\\\\', '\\/'):
            for text in (
                    f'error: C:\\Users\\{key[:cut]}{sep}{key[cut:]}\\x.txt: no such file',
                    json.dumps({'path': f'{key[:cut]}\\{key[cut:]}'}),
                    f"SETTING='http://{key[:cut]}{sep}{key[cut:]}/' is not allowed",
            ):
                shown = scrubber.scrub(text)
                assert leaked([key], shown) == [], (cut, sep)
    # Paths with backslashes and no key keep every character.
    for text in (r'C:\Users\me\AppData\Local\tgp_v1_placeholder\tools\x.txt',
                 r'\\server\share\tgp_v1_\docs', 'a "tgp_v1_" prefix\\n and \\t'):
        assert scrubber.scrub(text) == text


def test_a_key_in_capitals_cut_by_a_folder_is_never_shown():
    """A key all in capitals (a name upper-cased), which the scrub hides
    uncut, cut by a folder, either separator, raw or escaped: it was shown
    whole but for the cut (its body in capitals failed the rule's check
    for both cases, so it read as a placeholder).  Capitals that are a
    placeholder's name stay."""
    rng = random.Random(17)
    scrubber = Scrubber(held=lambda: [])
    key = make_key(rng)
    upper = key.upper()
    for cut in range(1, len(key)):
        for sep in ('/', '\\', '\\\\', '%2F', '%5C'):
            shown = scrubber.scrub(f'error: {upper[:cut]}{sep}{upper[cut:]}.txt: no such file')
            assert leaked([key], shown) == [], (cut, sep)
    for text in ('fixtures/TGP_V1_PLACEHOLDER/VALUES/AAAAAAAAAAAAA/BBBBBBBBBBBBBBBB/FILE.TXT',
                 r'C:\TGP_V1_YOUR_KEY_HERE\XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'):
        assert scrubber.scrub(text) == text


def test_a_path_cut_by_a_backslash_is_shown_redacted_by_every_command(git_repo, keys):
    """End to end: an argument typed as a Windows path, and a file whose
    name holds a key cut by a backslash, reported as text and JSON."""
    key, other = keys(), keys()
    name = f'{key[:20]}\\{key[20:]}'
    (git_repo / name).write_text(f'k = "{other}"\n')
    git(git_repo, 'add', '-A')
    result = run_in_process('together-hooks', 'scan', f'C:\\Users\\{other[:30]}\\{other[30:]}',
                            cwd=git_repo)
    assert_error_line(result, 'no such file')
    assert 'tgp_v1_' in result.err  # it was shown, redacted
    for argv in (('scan',), ('scan', '--format', 'json'), ('scan', '--staged')):
        result = run_in_process('together-hooks', *argv, cwd=git_repo)
        assert result.rc == 1, (argv, result.err)
        assert 'tgp_v1_' in result.out, argv  # the finding and its path, redacted
    result = run_in_process('detect-together-keys', name, cwd=git_repo)
    assert result.rc == 1 and 'tgp_v1_' in result.out


def test_a_key_cut_by_an_encoded_separator_after_a_windows_folder_is_never_shown():
    """A key cut by a separator written encoded (``%5C``, ``%2F``,
    ``\\x5c``, ``&#92;``) in a Windows path: the reading that decodes the
    separator also reads the ``\\t`` before the key's own ``t`` as a tab,
    so ``C:\\Users\\t%5Cgp_v1_…`` was learnt from no reading and its body
    shown whole (cut after the key's first character)."""
    rng = random.Random(26)
    scrubber = Scrubber(held=lambda: [])
    key = make_key(rng)
    for cut in range(1, len(key)):
        for sep in ('%5C', '%5c', '%2F', '%2f', '%255C', '\\x5c', '\\u005c', '&#92;', '&#x5c;', '&#47;'):
            for text in (f'error: C:\\Users\\{key[:cut]}{sep}{key[cut:]}\\x.txt: no such file',
                         f'a\\{key[:cut]}{sep}{key[cut:]}'):
                assert leaked([key], scrubber.scrub(text)) == [], (cut, sep, text[:12])
    # Encoded separators in a path of words: every character kept.
    text = r'C:\Users\me\tgp_v1_placeholder%5Ctools%5Cdocs%5Creports\x.txt'
    assert scrubber.scrub(text) == text
