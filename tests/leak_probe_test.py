"""A hostile probe of every output channel: no output holds a key.

The developer's own keys (the environment, the repository's local env
files) are known before the first line a command shows, whatever the
command and however early the line: an error echoing an argument, a path
or a ref must not print one, nor a piece of one, in any encoding
(``exposed``: raw, base64 at any alignment, hex, percent- and
JSON-escaped).  A key only in a local ``.env`` used to be learnt once the
run reached its env files, so an earlier error printed it.
"""
from __future__ import annotations

import base64
import json
import os
import random
import re
import subprocess
from urllib.parse import unquote

from tests.cli_run import assert_error_line
from tests.cli_run import BIN
from tests.cli_run import Result
from tests.keys import make_hex
from tests.keys import make_key
from together_hooks.detect.scrub import Scrubber

# The shortest run of a key's random part that counts as exposed (as
# ``cli_run.LEAK_RUN``: 96 bits, which nothing shown holds by chance).
RUN = 16
_JSON_ESCAPE = re.compile(r'\\u([0-9A-Fa-f]{4})')


def _forms(key: str) -> list[str]:
    """The key's random part as a user could copy it out of an output:
    raw (a legacy key in capitals too), hex (either case), and base64 (standard, URL-safe) at each byte
    alignment, its encoded prefix and mixed ends left out."""
    body = key[7:] if key.startswith('tgp_v1_') else key
    raw = key.encode()
    skip = 12 if key.startswith('tgp_v1_') else 0  # base64 of 'tgp_v1_' is every key's
    forms = [body, raw[len(key) - len(body):].hex(), raw[len(key) - len(body):].hex().upper()]
    if body is key:  # legacy: hex, which a capital letter does not change
        forms.append(key.upper())
    for shift in range(3):
        for codec in (base64.b64encode, base64.urlsafe_b64encode):
            enc = codec(raw[shift:]).decode().rstrip('=')
            forms.append(enc[skip:len(enc) - 3])
    return forms


def exposed(keys: list[str], *texts: str) -> list[str]:
    """The keys any ``RUN`` characters of whose forms (``_forms``) some
    text shows, read as it is, with percent-escapes undone and with JSON's
    ``\\uXXXX`` escapes undone."""
    blob = '\n'.join(texts)
    readings = {
        blob, unquote(blob, errors='backslashreplace'),
        _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), blob),
    }
    found = []
    for key in keys:
        pieces = {form[i:i + RUN] for form in _forms(key) for i in range(len(form) - RUN + 1)}
        if any(piece in text for text in readings for piece in pieces):
            found.append(key)
    return found


def test_exposed_sees_every_form():
    rng = random.Random(3)
    key, legacy = make_key(rng), make_hex(rng)
    assert exposed([key, legacy], 'a redaction: tgp_v1_Ab…yz, 0123…ef') == []
    for text in (
            key, key[7:30], key.encode().hex(), key.encode().hex().upper(),
            base64.b64encode(b'x' + key.encode()).decode(),
            base64.urlsafe_b64encode(b'xy' + key.encode()).decode(),
            ''.join(f'%{b:02X}' for b in key.encode()),
            json.dumps(key).replace('p', '\\u0070'),
            ''.join(f'\\u{ord(c):04x}' for c in key),
    ):
        assert exposed([key], f'x {text} y') == [key], text
    assert exposed([legacy], legacy[10:40]) == [legacy]
    assert exposed([legacy], legacy.upper()) == [legacy]


def _run(*argv: str, cwd: os.PathLike[str] | str, stdin: bytes | None = None) -> Result:
    # No Together variable of the test's own: the keys are the .env's.
    env = {k: v for k, v in os.environ.items() if not k.startswith(('GIT_', 'TOGETHER'))}
    env.update(PYTHONIOENCODING='utf-8', LC_ALL='C.UTF-8')
    proc = subprocess.run(
        (os.path.join(BIN, argv[0]), *argv[1:]), cwd=cwd, env=env, input=stdin,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600,
    )
    return Result(proc)


def test_a_key_held_only_in_a_local_env_file_is_never_echoed(git_repo):
    """Every console script, its first line an error that echoes an
    argument: a key the developer holds only in an untracked ``.env``
    (a current one, a legacy one) is shown redacted, as one in the
    environment already was; no piece of it, in no encoding."""
    rng = random.Random(18)
    key, legacy = make_key(rng), make_hex(rng)
    (git_repo / '.env').write_text(f'TOGETHER_API_KEY={legacy}\nOTHER_SERVICE={key}\n')
    piece = key[7:40]  # no format-valid key: only a known one's piece is scrubbed
    b64_piece = base64.b64encode(key.encode()).decode()[4:52]
    texts = []
    for argv, words in (
            (('together-hooks', 'scan', '--diff', legacy), ('--diff',)),
            (('together-hooks', 'scan', '--format', legacy), ('--format',)),
            (('together-hooks', 'scan', '--diff', piece), ('--diff',)),
            (('together-hooks', 'rotate-help', legacy), ('no such file',)),
            (('together-hooks', 'scan-org', '--repos', b64_piece, '--store', 's.sqlite'), ('cannot read',)),
            (('detect-together-keys', legacy), ('no such file',)),
            (('detect-together-keys', '--baseline', piece, 'a.txt'), ('baseline not found',)),
            (('check-env-gitignored', '--' + legacy), ('unrecognized',)),
    ):
        result = _run(*argv, cwd=git_repo)
        assert_error_line(result, *words)
        assert '…' in result.err, result.err  # it was shown, redacted
        texts += [result.out, result.err]
    # A hook's finding (exit 1) names the path that holds the key.
    (git_repo / legacy).mkdir()
    (git_repo / legacy / '.env').write_text('A=1\n')
    result = _run('forbid-env-files', f'{legacy}/.env', cwd=git_repo)
    assert result.rc == 1 and '.env' in result.out + result.err
    texts += [result.out, result.err]
    assert exposed([key, legacy], *texts) == []


def _coded(key: str) -> list[str]:
    """``key`` written by its characters' codes, as no escape reading
    undoes: decimal byte lists (comma, blank, a Python list, a
    JavaScript call), ``%uXXXX``, CSS escapes, ``U+XXXX``."""
    codes = list(key.encode())
    return [
        ','.join(map(str, codes)), ' '.join(map(str, codes)), str(codes),
        'String.fromCharCode(%s)' % ', '.join(map(str, codes)),
        ''.join(f'%u{c:04X}' for c in codes), ''.join(f'\\{c:x} ' for c in codes),
        ''.join(f'\\{c:06x}' for c in codes), ' '.join(f'U+{c:04X}' for c in codes),
    ]


def test_a_key_written_by_its_codes_is_shown_redacted():
    """A key you hold, or a piece of one, written by its characters' codes
    is shown redacted (read with the codes undone, ``scrub._coded``), as
    is a format-valid key so written, and a piece of one you hold in hex
    (``Scrubber._known_hex_out``); numbers that spell no key pass."""
    rng = random.Random(29)
    key, legacy, other = make_key(rng), make_hex(rng), make_key(rng)
    scrubber = Scrubber(held=lambda: [key, legacy])
    # (A failure names the form's number: its text is a key.)
    for n, secret in enumerate((key, legacy, legacy[10:40], key[12:40])):
        for i, text in enumerate(_coded(secret)):
            shown = scrubber.scrub(f'error: {text} is not a commit\n')
            hidden = '…' in shown and exposed([key, legacy], shown) == []
            assert hidden, f'secret {n}, form {i}'
    for n, secret in enumerate((legacy[10:40], key[12:40], key[3:50])):  # a piece in hex
        raw = secret.encode()
        for i, text in enumerate((raw.hex(), raw.hex().upper(), 'a' + raw[1:].hex())):
            shown = scrubber.scrub(f'error: {text} is not a commit\n')
            hidden = '…' in shown and exposed([key, legacy], shown) == []
            assert hidden, f'hex piece {n}, form {i}'
    for i, text in enumerate(_coded(other)):  # unknown, format-valid
        shown = scrubber.scrub(f'x {text}')
        hidden = 'tgp_v1_' in shown and '…' in shown and exposed([other], shown) == []
        assert hidden, f'form {i}'
    for text in ('ports 80, 443, 8080, 22, 21, 25, 110, 143, 993', r'C:\Users\abc\def 1 2 3',
                 '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]', ' '.join(f'U+{c:04X}' for c in b'hello world')):
        assert scrubber.scrub(text) == text


def test_the_own_keys_are_read_once_and_only_when_something_is_shown():
    """The scrub reads the developer's keys at the first line it shows,
    once; a run that read them itself (``hold``) is never made to read
    them again (a second walk of the work tree)."""
    rng = random.Random(5)
    key = make_key(rng)
    asked = []

    def held():
        asked.append(1)
        return [key]

    scrubber = Scrubber(held=held)
    assert asked == []
    assert key[7:30] not in scrubber.scrub(f'error: {key[7:30]} is not a commit')
    scrubber.scrub('more')
    assert asked == [1]
    told = Scrubber(held=held)
    told.hold([key])
    assert key[7:30] not in told.scrub(f'error: {key[7:30]}')
    assert asked == [1]
    failing = Scrubber(held=lambda: 1 / 0)  # an unreadable env file: the line still goes
    assert failing.scrub('error: x') == 'error: x'


def test_detect_secrets_names_no_file_by_a_key_you_hold(git_repo):
    """detect-secrets' own hook, with our plugin loaded, names a file under
    a folder named by a key held in the local ``.env`` redacted, as our
    commands do (the plugin's sink knows the developer's keys)."""
    import together_hooks.detect_secrets_plugin as plugin

    rng = random.Random(9)
    key, legacy = make_key(rng), make_hex(rng)
    (git_repo / '.env').write_text(f'TOGETHER_API_KEY={legacy}\n')
    (git_repo / legacy).mkdir()
    (git_repo / legacy / 'x.py').write_text(f'TOGETHER_API_KEY = "{key}"\n')
    result = _run(
        'detect-secrets-hook', '--plugin', plugin.__file__,
        f'{legacy}/x.py', cwd=git_repo,
    )
    assert result.rc == 1 and 'Location:' in result.out, result.out + result.err
    assert '…' in result.out
    assert exposed([key, legacy], result.out, result.err) == []


def test_baseline_audit_shows_no_key_you_hold_around_a_secret(git_repo):
    """``baseline audit``'s screen (detect-secrets' own, in a child
    process) shows the lines around each secret: one holding a key you
    hold only in the local ``.env`` is shown redacted."""
    rng = random.Random(11)
    key, legacy = make_key(rng), make_hex(rng)
    (git_repo / '.gitignore').write_text('.env\n')
    (git_repo / '.env').write_text(f'TOGETHER_API_KEY={legacy}\n')
    (git_repo / 'x.py').write_text(f'checksum = "{legacy}"\nTOGETHER_API_KEY = "{key}"\n')
    assert _run('together-hooks', 'baseline', 'create', cwd=git_repo).rc == 1  # the copy is not recorded
    result = _run('together-hooks', 'baseline', 'audit', cwd=git_repo, stdin=b'y\n')
    assert result.rc == 0 and '1:checksum = "' in result.out, result.out + result.err
    assert exposed([key, legacy], result.out, result.err) == []


def test_a_work_tree_git_cannot_list_still_hides_the_env_file_beside_you(git_repo):
    """git cannot list the untracked env files (a damaged index): the
    scrub still learns what it can read, the environment's keys and those
    of the env files at the top, so an error echoing one shows it
    redacted (it used to learn nothing, and print the ``.env``'s key)."""
    rng = random.Random(23)
    key, legacy = make_key(rng), make_hex(rng)
    (git_repo / '.env').write_text(f'TOGETHER_API_KEY={legacy}\nOTHER_SERVICE={key}\n')
    (git_repo / '.git' / 'index').write_bytes(b'not an index\n')
    texts = []
    for argv, words in (
            (('together-hooks', 'rotate-help', legacy), ('no such file',)),
            (('detect-together-keys', '--baseline', key[7:40], 'a.txt'), ('baseline',)),
    ):
        result = _run(*argv, cwd=git_repo)
        assert_error_line(result, *words)
        assert '…' in result.err, result.err
        texts += [result.out, result.err]
    assert exposed([key, legacy], *texts) == []


def test_a_run_on_another_repository_still_hides_the_env_file_beside_you(git_repo, git_repo_template, tmp_path):
    """A command that reads another repository's keys (``doctor
    ../other``, which scans it with its own env files) still hides the
    keys of the ``.env`` of the repository you run it in: the scrub
    learns both (reading the other one's used to stand for reading
    yours, and ``doctor`` printed a folder there named by your key)."""
    import shutil

    rng = random.Random(41)
    key, legacy = make_key(rng), make_hex(rng)
    (git_repo / '.env').write_text(f'TOGETHER_API_KEY={legacy}\nOTHER_SERVICE={key}\n')
    other = tmp_path / 'other'
    shutil.copytree(git_repo_template, other, symlinks=True)
    for name in (legacy, key[7:40]):
        (other / name).mkdir()
        (other / name / 'notes.txt').write_text('x\n')
    result = _run('together-hooks', 'doctor', str(other), cwd=git_repo)
    assert 'env-files-ignored' in result.out, result.out + result.err
    assert '…' in result.out, result.out
    assert exposed([key, legacy], result.out, result.err) == []


def test_past_the_cap_the_scrub_learns_no_more_and_withholds_what_it_cannot_check(monkeypatch, capfd):
    """The scrub learns every form of at most ``MAX_HELD`` keys of your
    own (its work and memory bounded: a 1 MB ``.env`` of 12,000 keys took 43 CPU-s
    and 1.4 GB for one error line); past it, every run that may be a
    piece of a key it did not learn is shown as ``[withheld]`` (fail
    closed), and the run is told so once, on its own line."""
    import together_hooks.detect.scrub as scrub

    monkeypatch.setattr(scrub, 'MAX_HELD', 8, raising=False)
    rng = random.Random(43)
    keys = [make_key(rng) if i % 2 else make_hex(rng) for i in range(40)]
    scrubber = Scrubber(held=lambda: keys)
    shown = [scrubber.scrub('error: nothing here, ok (see --help)')]
    assert shown == ['error: nothing here, ok (see --help)']
    assert len(scrubber._form_ids) <= 8 * 30, len(scrubber._form_ids)  # 40 keys: ~900 forms
    late = keys[-1]
    raw = late.encode()
    # Also what the scrub reads of a key it knows: its characters between
    # spaces, HTML character references, base85 (each printed a legacy
    # key it did not learn whole: no format tells one).
    hexkey = keys[-2].encode()
    spelt = (' '.join(keys[-2]), ''.join(f'&#{b};' for b in hexkey),
             ''.join(f'&#x{b:x};' for b in hexkey), base64.b85encode(hexkey).decode())
    for text in (late, late[3:30], raw.hex(), base64.b64encode(b'x' + raw).decode(),
                 json.dumps(late).replace('a', '\\u0061'), *_coded(late), *_coded(late[5:30]), *spelt):
        line = scrubber.scrub(f'error: {text} is not a commit\n')
        assert '[withheld]' in line or '…' in line, line
        shown.append(line)
    assert exposed(keys, *shown) == []
    err = capfd.readouterr().err
    assert err.count('[withheld]') == 1 and 'more keys known' in err, err
    assert scrubber.scrub('error: see together_hooks --help') == 'error: see together_hooks --help'


def test_past_the_cap_a_report_and_a_baseline_keep_their_hashes_and_rules(git_repo):
    """A run that finds more keys than the scrub learns (``MAX_KNOWN``,
    lowered here so the run is cheap; the real one is reached by 16,385
    keys, ~80 CPU-s) still writes every ``hashed_secret``, SARIF
    fingerprint and rule name whole: values our code computed pass the
    withholding (a baseline or report whose hashes were withheld is
    corrupt: next run every finding is new).  No key prints."""
    import hashlib
    import sys

    rng = random.Random(47)
    keys = [make_key(rng) for _ in range(40)]
    (git_repo / 'settings.py').write_text(''.join(f'KEY_{i} = "{k}"\n' for i, k in enumerate(keys)))
    subprocess.run(['git', 'add', 'settings.py'], cwd=git_repo, check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(('GIT_', 'TOGETHER'))}
    env.update(PYTHONIOENCODING='utf-8', LC_ALL='C.UTF-8')
    from tests.scrub_past_cap_paths_test import _CAPPED as capped

    texts = []
    for argv in (('scan', '--format', 'json', '--output', 'r.json'),
                 ('scan', '--format', 'sarif', '--output', 'r.sarif'),
                 ('baseline', 'create')):
        proc = subprocess.run((sys.executable, '-c', capped, *argv), cwd=git_repo, env=env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode in (0, 1), proc.stderr
        assert 'past the cap: True' in proc.stderr, proc.stderr  # the scrub withholds
        texts += [proc.stdout, proc.stderr]
    # baseline create lists each key found: ``(hashed_secret HASH)``
    assert {h for h in re.findall(r'hashed_secret ([^)\s]+)\)', proc.stdout)} == {
        hashlib.sha1(k.encode()).hexdigest() for k in keys}, proc.stdout
    report = json.loads((git_repo / 'r.json').read_text())
    sarif = json.loads((git_repo / 'r.sarif').read_text())
    baseline = json.loads((git_repo / '.secrets.baseline').read_text())
    texts += [json.dumps(report), json.dumps(sarif), json.dumps(baseline)]
    hashes = {hashlib.sha1(k.encode()).hexdigest() for k in keys}
    assert {f['hashed_secret'] for f in report['findings']} == hashes
    assert {f['rule'] for f in report['findings']} == {'together-api-key'}
    assert {e['hashed_secret'] for e in baseline['results']['settings.py']} == hashes
    prints = [r['partialFingerprints']['togetherHooksSecret/v1'] for r in sarif['runs'][0]['results']]
    assert len(prints) == 40 and all(re.fullmatch('[0-9a-f]{64}', p) for p in prints), prints
    assert exposed(keys, *texts) == []


def test_past_the_cap_a_baseline_vouches_only_its_schema_names(monkeypatch):
    """A baseline is read from a file anyone may edit: past the cap only
    its snake-case schema names pass the withholding whole, never a field
    named by a key the scrub did not learn."""
    import together_hooks.detect.scrub as scrub

    monkeypatch.setattr(scrub, 'MAX_KNOWN', 2)
    rng = random.Random(53)
    keys = [make_hex(rng) for _ in range(4)]
    scrubber = Scrubber(keys)
    monkeypatch.setattr(scrub, 'run_scrubber', lambda: scrubber)
    doc = {'version': '1.5.0', 'custom_filters': {keys[-1]: 1}, 'results': {'a.py': [{'line_number': 1}]}}
    scrub.vouch_fields(doc, data=('results',), names='[a-z_]+')
    line = scrubber.scrub(f'"custom_filters": {{"{keys[-1]}": 1}}')
    assert line.startswith('"custom_filters"') and exposed(keys, line) == [], line
