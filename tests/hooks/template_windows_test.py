"""``forbid-env-files`` reads a template larger than a window in windows
(mem34): the key scan in the scanner's own windows, the other-credential
check (``env.values.secret_values_read``) in windows of whole lines, the
staged blob streamed.  The same lines, names and values as a whole read,
and memory bounded (``tests/faults34_test.py``'s 216 MB template)."""
from __future__ import annotations

import io
import random
import string

import pytest

from tests.cli_run import run_in_process
from tests.conftest import git
from tests.keys import make_key
from together_hooks.env.values import looks_like_secret
from together_hooks.env.values import secret_values
from together_hooks.env.values import secret_values_read
from together_hooks.fileio import NotScanned
from together_hooks.fileio import WINDOW

CHARS = string.ascii_letters + string.digits


def credential(rng: random.Random, n: int = 32) -> str:
    """A random run ``looks_like_secret`` calls a credential (no provider's
    shape), made at run time."""
    while True:
        value = ''.join(rng.choice(CHARS) for _ in range(n))
        if looks_like_secret(value):
            return value


# ------------------------------------------------- windows of whole lines

def _lines(rng: random.Random) -> list[str]:
    """The shapes of template lines the check judges: reported values,
    excused ones (pragmas, public names, placeholders), comments, blanks,
    CRLF and bare CR ends, a line longer than a small window."""
    c = credential(rng)
    return [
        f'API_SECRET={c}\n', f'export DB_PASSWORD="{c}"\n', f"  SVC_TOKEN : '{c}'\r\n",
        f'OTHER_KEY={c}  # pragma: allowlist secret\n',
        '# pragma: allowlist nextline secret\n', f'NEXT_ONE={c}\n',
        f'NEXT_PUBLIC_ANALYTICS={c}\n', 'OPENAI_API_KEY=your-value-here\n',
        'MODEL=meta-llama/Llama-3.3-70B-Instruct-Turbo\n', '\n', '\r\n',
        '# ' + 'a comment that runs on ' * 8 + '\n', f'X={c}\rY={c}\n',
        f'LONG_VALUE={c}{c}{c}\n', f'ALLOWED_ONE={c}\n', 'not an assignment at all\n',
    ]


def _template(rng: random.Random) -> bytes:
    text = ''.join(rng.choice(_LINES) for _ in range(rng.randrange(1, 30)))
    if rng.random() < 0.3:
        text = text.rstrip('\n')  # a last line with no newline
    data = text.encode()
    return b'\xef\xbb\xbf' + data if rng.random() < 0.2 else data


_LINES = _lines(random.Random(34))


def test_lines_in_windows_are_the_whole_reads():
    """Each template, read 1 to 80 bytes at a time: the (line, name, value)
    of a whole read (a window's first line numbered where it is, the last
    line with no newline read, the pragma above a window's first line
    seen)."""
    rng = random.Random(3434)
    allowed_value = _LINES[14].split('=', 1)[1].strip()
    for _ in range(300):
        data = _template(rng)
        allowed = (lambda v: v == allowed_value) if rng.random() < 0.5 else None
        want = secret_values(data, allowed)
        step = rng.randrange(1, 81)
        got = secret_values_read(io.BytesIO(data).read, allowed, step=step, longest=1 << 20)
        assert got == want, (data, step)
    assert want, 'the last template reported nothing: the cases test nothing'


def test_a_line_longer_than_a_window_that_assigns_nothing_is_passed_over():
    rng = random.Random(1)
    c = credential(rng)
    for long_line in (b'# ' + b'c' * 300, b'\0' * 300, b'"quoted": 1, ' * 30):
        data = long_line + f'\nAPI_SECRET={c}\n'.encode()
        got = secret_values_read(io.BytesIO(data).read, step=8, longest=64)
        assert got == [(2, 'API_SECRET', c)]
    # The last line, long and with no newline: read to its end, nothing to report.
    assert secret_values_read(io.BytesIO(b'\0' * 300).read, step=8, longest=32) == []


@pytest.mark.parametrize('line', (
    b'API_SECRET=' + b'a1' * 200,  # a value longer than a window
    b' ' * 300 + b'NAME=x',  # a start that may still become an assignment
    b'export ' + b'N' * 300 + b'=x',
))
def test_a_line_longer_than_a_window_that_may_assign_is_not_read(line):
    """Never passed silently: NotScanned (fatal), naming the line."""
    data = b'# first\n' + line + b'\n'
    with pytest.raises(NotScanned) as e:
        secret_values_read(io.BytesIO(data).read, step=8, longest=32)
    assert e.value.fatal and 'line 2 ' in e.value.reason and 'not read' in e.value.reason


# --------------------------------------------- the hook, past one window

@pytest.fixture(scope='module')
def large():
    """A template past one window, (bytes, expected messages' heads, decoy
    lines): a Together key and a non-Together credential far past the
    first window's lines (the credential's line across the window's end),
    placeholders beside them."""
    rng = random.Random(3434)
    key, other = make_key(rng), credential(rng)
    filler = [f'# setting {n:06d}: what it is for, and its default\n' for n in range(
        WINDOW // 50)]
    head = ''.join(filler)
    pad = WINDOW - len(head) - 5  # the next line crosses offset WINDOW
    head += '#' * pad + '\n'
    lines = head.count('\n')
    body = [
        f'STRIPE_SECRET_KEY={other}\n',  # across the first window's end
        *filler[:3000],
        f'TOGETHER_API_KEY={key}\n',
        'OPENAI_API_KEY=your-openai-key-here\n',
        'TOGETHER_API_KEY=tgp_v1_' + 'x' * 43 + '\n',
        *filler[:100],
    ]
    data = (head + ''.join(body)).encode()
    assert len(data) > WINDOW + 4096
    want = {
        f'.env.example:{lines + 1}: STRIPE_SECRET_KEY holds a value',
        f'.env.example:{lines + 3002}: holds a Together API key',
    }
    return data, want, (lines + 3003, lines + 3004)


def _heads(out: str) -> set[str]:
    return {line.split(' that looks')[0].split(' (')[0] for line in out.splitlines()}


def test_a_large_template_reports_past_the_first_window(git_repo, large):
    data, want, decoys = large
    (git_repo / '.env.example').write_bytes(data)
    r = run_in_process('forbid-env-files', '.env.example', cwd=git_repo)
    assert r.rc == 1, r.err
    assert _heads(r.out) == want, r.out
    for line in decoys:  # the placeholders: not reported
        assert f'.env.example:{line}:' not in r.out


def test_a_large_staged_blob_is_streamed(git_repo, large):
    """The staged blob past a window (the commit stores it; the work tree
    has placeholders of the same length): streamed, its lines reported."""
    data, want, _ = large
    path = git_repo / '.env.example'
    path.write_bytes(data)
    git(git_repo, 'add', '.env.example')
    clean = data.decode().splitlines(keepends=True)
    for head in want:
        n = int(head.split(':')[1]) - 1
        name, value = clean[n].split('=', 1)
        clean[n] = name + '=' + 'x' * (len(value) - 1) + '\n'
    path.write_bytes(''.join(clean).encode())
    r = run_in_process('forbid-env-files', '.env.example', cwd=git_repo)
    assert r.rc == 1, r.err
    assert _heads(r.out) == want, r.out


def test_a_large_template_with_a_value_past_a_window_fails_closed(git_repo):
    """A value longer than a window is not read: one line, exit 2, never a pass."""
    (git_repo / '.env.example').write_bytes(b'# big\nBLOB_VALUE=' + b'ab1' * WINDOW + b'\n')
    r = run_in_process('forbid-env-files', '.env.example', cwd=git_repo)
    assert r.rc == 2, (r.rc, r.out, r.err)
    assert len(r.err.splitlines()) == 1 and 'line 2 ' in r.err and 'not read' in r.err, r.err
    assert 'Traceback' not in r.err
