"""A legacy key cut by glue, learnt by the output scrub
(``Scrubber._learn_spaced_hex``) with one scan for every run that runs
on, closed, into more key characters (a SARIF ``uri``'s
``…/sha256/<digest>`` read from the ``a`` of ``sha``): the scrub learns
the keys and shows the bytes it did when each run was its own scan of
the whole text (session 38: a report of N digests was N scans); and
through ``redacted``, a run that runs on after two letters is left to the
scan of the text the context pass makes anyway (``_in_context``)."""
from __future__ import annotations

import hashlib
import json
import random

import pytest

from tests import keys as tests_keys
from tests.keys import make_hex
from together_hooks.detect import engine
from together_hooks.detect import scrub
from together_hooks.detect.scrub import Scrubber
from together_hooks.findings import SHOWN_LINE


class _Reference(Scrubber):
    """The scrub as it was: every spaced run closed alone, the whole text
    scanned for it."""
    __slots__ = ()

    def _learn_spaced_hex(self, text: str, defer: bool = False) -> set[str]:
        if 'ogether' not in text.lower():
            return set()
        for m in scrub._pattern(scrub._SPACED_HEX).finditer(text):
            secret = scrub._pattern(scrub._SPACE).sub('', m.group()).lower()
            if len(secret) != 64 or secret == m.group():
                continue
            closed = text[:m.start()] + secret + text[m.end():]
            found = engine.scan_bytes(closed.encode('utf-8', 'replace'), SHOWN_LINE)
            self.learn(f.secret for f in found if f.secret == secret)
        return set()  # nothing left to the context pass


def _digest(i: int) -> str:
    return hashlib.sha256(b'layer %d' % i).hexdigest()


def _sarif(uris: list[str]) -> str:
    """A SARIF-like report (every result names Together) of ``uris``."""
    results = [{
        'ruleId': 'together-legacy-api-key',
        'message': {'text': 'Together legacy API key'},
        'locations': [{'physicalLocation': {'artifactLocation': {'uri': uri, 'uriBaseId': '%SRCROOT%'}}}],
    } for uri in uris]
    return json.dumps({'runs': [{'tool': {'driver': {'name': 'together-hooks'}}, 'results': results}]}, indent=2)


def _cut(key: str, rng: random.Random) -> str:
    at = rng.randint(8, 56)
    return key[:at] + rng.choice((' ', '\n', '" "', '\\n  ', '/')) + key[at:]


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The engine's scans made from now on (their data's lengths)."""
    made: list[int] = []
    real = engine.scan_bytes

    def counted(data: bytes, *args: object, **kwargs: object) -> list:
        made.append(len(data))
        return real(data, *args, **kwargs)

    monkeypatch.setattr(engine, 'scan_bytes', counted)
    return made


def test_digests_in_uris_are_one_scan_and_none_is_learnt(scans: list[int]) -> None:
    uris = [f'images/gateway-oci.tar%21blobs/sha256/{_digest(i)}' for i in range(12)]
    text = _sarif(uris)
    scrubber = Scrubber()
    scrubber._learn_spaced_hex(text)
    assert len(scans) == 1  # each of the 12 ran on into the digest's last 4: one text
    assert scrubber._known == set()
    del scans[:]
    assert Scrubber().scrub(text) == text
    # Through the scrub, each closed value is left to the context pass:
    # the one scan of the whole report is that pass's.
    assert len([n for n in scans if n >= len(text) // 2]) == 1
    few = _sarif(uris[:3])
    assert Scrubber().scrub(few) == _Reference().scrub(few) == few


def test_a_key_known_already_is_not_looked_for_again(scans: list[int]) -> None:
    key = make_hex(random.Random(3801))
    text = f'TOGETHER_API_KEY={key[:30]} {key[30:]}\n'
    scrubber = Scrubber([key])
    scrubber._learn_spaced_hex(text)
    assert scans == []
    assert key[5:40] not in scrubber.scrub(text)


@pytest.mark.parametrize(('after', 'learnt'), [
    ('.', True),  # ends where a key may: closed alone, found
    ('\n', True),
    ('"', True),
    ('-', False),  # runs on (a key character): no key, closed with the others
    ('0', False),
    ('g', False),
])
def test_a_run_ends_a_key_or_runs_on(after: str, learnt: bool) -> None:
    key = make_hex(random.Random(3802))
    rng = random.Random(after)
    digests = ' '.join(f'sha256/{_digest(i)}' for i in range(3))  # run on, beside it
    text = f'together digests {digests}\nTOGETHER_API_KEY={_cut(key, rng)}{after}x\n'
    new, old = Scrubber(), _Reference()
    shown = new.scrub(text)
    assert shown == old.scrub(text)
    assert new._known == old._known == ({key} if learnt else set())
    assert (shown != text) == learnt  # its pieces go with the key, the digests stay


def test_a_key_after_a_sized_prefix_runs_on_and_is_learnt(scans: list[int]) -> None:
    """A serialised value of 64 (CBOR's ``x@``) ends where its length
    says: the key characters after it are the next field's, and the run
    closed with the digests' is found there."""
    rng = random.Random(3803)
    key, other = make_hex(rng), make_hex(rng)
    cut = f'{key[:33]} {key[33:]}'
    digests = '\n'.join(f'"blobs/sha256/{_digest(i)}"' for i in range(5))
    # (a key found whole is the context pass's, not learnt from this one)
    text = f'{digests}\nTOGETHER_API_KEYx@{cut}abc\nTOGETHER_API_KEY={other}\n'
    new = Scrubber()
    new._learn_spaced_hex(text)
    assert len(scans) == 1
    assert new._known == {key}
    old = _Reference()
    assert new.scrub(text) == old.scrub(text)
    assert old._known == {key}
    assert key[:33] not in new.scrub(text)
    through = Scrubber()  # after ``x@``, not two letters: never left to the context pass
    assert through.scrub(text) == old.scrub(text)
    assert through._known == {key}


@pytest.mark.parametrize('elsewhere', [True, False])
def test_a_value_left_to_the_context_pass_is_learnt_where_it_finds_it(elsewhere: bool) -> None:
    """A run that runs on after two letters is left to the context pass:
    where the text holds the same value whole under a Together name, the
    pass finds it and the spaced copy's pieces go too, as when the run was
    scanned for; where it does not (a decoy: another key there), the copy
    is shown whole, as before."""
    rng = random.Random(3806)
    key, other = make_hex(rng), make_hex(rng)
    named = key if elsewhere else other
    text = f'together layers\nblobs/xy{key[:40]}/{key[40:]}0e\nTOGETHER_API_KEY={named}\n'
    new, old = Scrubber(), _Reference()
    shown = new.scrub(text)
    assert shown == old.scrub(text)
    assert new._known == old._known == ({key} if elsewhere else set())
    assert (key[:40] in shown) != elsewhere
    assert named not in shown


def test_the_context_across_the_cut_reaches_the_key() -> None:
    """The name above the first piece, the key cut by a line break and a
    comment's lead; the same digest-shaped run under a checksum's name is
    none."""
    rng = random.Random(3804)
    key, digest = make_hex(rng), make_hex(rng)
    text = (
        f'# together\nTOGETHER_API_KEY = "{key[:40]}"\\\n    "{key[40:]}"\n'
        f'together_model_sha256 = "{digest[:40]}"\\\n    "{digest[40:]}"\n'
    )
    new, old = Scrubber(), _Reference()
    assert new.scrub(text) == old.scrub(text)
    assert new._known == old._known == {key}


def test_mixtures_show_what_each_run_alone_showed() -> None:
    """Keys and digests cut, running on or not, after names or not, in one
    text: learnt and shown as when each run was its own scan."""
    rng = random.Random(3805)
    for _ in range(12):
        lines = ['together-hooks report']
        for _ in range(rng.randint(2, 6)):
            value = make_hex(rng)
            name = rng.choice(('TOGETHER_API_KEY=', 'together_api_key: ', 'checksum ', 'sha256/', 'x@',
                               'TOGETHER_API_KEYx@', 'blobs/xy', ''))
            after = rng.choice(('', '\n', '0', '-', 'ab', '"', '.py'))
            lines.append(f'{name}{_cut(value, rng)}{after}')
            if rng.random() < 0.3:  # the same value whole elsewhere, named or not
                lines.append(rng.choice(('TOGETHER_API_KEY=', 'layer ')) + value)
        text = '\n'.join(lines) + '\n'
        new, old = Scrubber(), _Reference()
        assert new.scrub(text) == old.scrub(text), text
        assert new._known == old._known


def test_past_the_cap_a_value_found_by_the_pass_is_scrubbed_again_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past ``MAX_KNOWN`` a value the context pass finds is not learnt (the
    run is past the cap): the text is scrubbed again once, withheld as when
    the value was looked for first, not again and again."""
    monkeypatch.setattr(scrub, 'MAX_KNOWN', 1)
    rng = random.Random(3807)
    key, held = make_hex(rng), make_hex(rng)
    text = f'together layers\nblobs/xy{key[:40]}/{key[40:]}0e\nTOGETHER_API_KEY={key}\n'
    new, old = Scrubber([held]), _Reference([held])
    shown = new.scrub(text)
    assert shown == old.scrub(text)
    assert scrub.WITHHELD in shown
    assert key[:40] not in shown


def _blob(kind: str, inner: str) -> str:
    import base64
    import gzip

    data = inner.encode()
    if kind == 'base64':
        return base64.b64encode(data).decode()
    if kind == 'hex':
        return data.hex()
    return base64.b64encode(gzip.compress(data, mtime=0)).decode()


@pytest.mark.parametrize('kind', ['base64', 'hex', 'gzip'])
@pytest.mark.parametrize('named', [True, False])
def test_a_value_named_only_inside_a_blob_redacted_whole_is_still_learnt(kind: str, named: bool) -> None:
    """(review38c) A run that runs on after two letters, its value named
    only inside a blob an earlier pass redacts whole (it holds a current
    key too): the context pass reads the blob redacted and misses it, so
    the value is looked for in the text as given, as when the run was
    scanned for (77c44d37 showed the copy whole, cut by one ``/``).  The
    decoy: the blob names another legacy key; the run's value, named
    nowhere, shows whole as before."""
    rng = random.Random(f'review38c-{kind}')
    key, other, current = make_hex(rng), make_hex(rng), tests_keys.make_key(rng)
    inner = f'TOGETHER_API_KEY={key if named else other};TOGETHER_API_KEY={current};'
    text = f'together;cfg={_blob(kind, inner)};blobs/xy{key[:30]}/{key[30:]}0e\n'
    new, old = Scrubber(), _Reference()
    shown = new.scrub(text)
    assert shown == old.scrub(text)
    assert (key in new._known) == named
    assert (f'{key[:30]}/{key[30:]}' in shown) != named
    assert current[10:] not in shown and other not in shown
