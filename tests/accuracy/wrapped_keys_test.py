"""Current keys wrapped across lines with no string syntax joining the
pieces: a terminal or CI log wrapped at its width, a YAML folded or plain
multi-line scalar, a markdown paragraph or a comment rewrapped by an
editor, a mail body wrapped at 72 columns (``format=flowed`` keeps a space
before each soft break), a quoted reply; each piece starts its line after
the indentation, a comment leader or a quote marker.

Decoys: a placeholder prefix at a line end before prose, and a key's
pieces on lines that do not continue it (a run cut short, then a word)."""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests


CASES = key_cases(
    ('ci-log-wrapped', 'build.log',
     '[step 3/7] export TOGETHER_API_KEY={_key_a}\n{_key_b}\n[step 4/7] done\n'),
    ('yaml-folded', 'values.yaml', 'together:\n  apiKey: >\n    {_key_a}\n    {_key_b}\n  model: llama\n'),
    ('yaml-plain-multiline', 'config.yaml', 'llm:\n  key: {_key_a}\n    {_key_b}\n  url: https://x\n'),
    ('markdown-rewrapped', 'NOTES.md', 'For staging use the key {_key_a}\n{_key_b} until Friday.\n'),
    ('comment-rewrapped', 'client.py', '# temporary key: {_key_a}\n# {_key_b}\nclient = Together()\n'),
    ('c-comment-rewrapped', 'main.c', '/* key: {_key_a}\n * {_key_b}\n */\n'),
    ('mail-format-flowed', 'mail.eml',
     'Content-Type: text/plain; format=flowed\n\nHi, the key is {_key_a} \n{_key_b}\n\nThanks\n'),
    ('mail-quoted-reply', 'reply.eml', 'On Mon, Bob wrote:\n> the key is {_key_a}\n> {_key_b}\n'),
    ('crlf-log-wrapped', 'out.txt', 'key={_key_a}\r\n{_key_b}\r\n'),
    # Decoys.
    ('placeholder-at-line-end', 'README.md',
     'Keys look like tgp_v1_\nfollowed by forty-three characters of base64url.\n'),
    ('short-run-then-word', 'notes.txt', 'old: tgp_v1_Ab3dE\nexpired and revoked\n'),
)

results, test_case = make_tests(CASES)
