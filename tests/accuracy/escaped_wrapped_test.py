"""Current keys after escapes and encodings the older cases do not write,
and keys wrapped or split the way terminals, mail, logs and code split
them."""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests


CASES = key_cases(
    # -- a key right after an escape ----------------------------------------
    ('after-literal-n', 'log.json', '{{"line": "config loaded\\nTOGETHER_API_KEY={key}\\n"}}\n'),
    ('after-literal-t', 'dump.tsv.txt', 'name\\tvalue\\tTOGETHER\\t{key}\\tend\n'),
    ('after-double-backslash', 'paths.json', '{{"p": "C:\\\\keys\\\\{key}"}}\n'),
    ('after-percent-0a', 'access.log', 'GET /cb?state=ok%0A{key}%0A HTTP/1.1\n'),
    ('after-html-10', 'page.html', '<textarea>key:&#10;{key}&#10;</textarea>\n'),
    ('after-u000a', 'events.json', '{{"text": "here:\\u000a{key}\\u000a"}}\n'),
    ('after-r-n', 'out.json', '{{"stdout": "ok\\r\\n{key}\\r\\n"}}\n'),
    ('after-hex-x0a', 'dump.c', 'char buf[] = "k=\\x0a{key}\\x0a";\n'),
    ('after-percent-lower-3d', 'q.txt', 'https://example.com/?token%3d{key}%26x%3d1\n'),
    ('after-html-hex-entity', 'mail.html', '<p>API key&#x3A;&#x20;{key}</p>\n'),
    ('after-unicode-escape-upper', 'strings.java', 'String s = "\\u0022{key}\\u0022";\n'),
    ('markdown-bold', 'README.md', 'Your key: **{key}**\n'),
    ('markdown-backticks', 'notes.md', 'key = ``{key}``\n'),
    ('in-url-userinfo', 'remote.txt', 'https://user:{key}@proxy.example.com/\n'),
    ('in-jwt-like-json-log', 'app.log', 'level=info msg="auth" key={key} user=42\n'),
    ('shell-dollar-quote', 'run.sh', "export TOGETHER_API_KEY=$'{key}'\n"),
    ('ansi-colored', 'term.log', '\x1b[32mTOGETHER_API_KEY\x1b[0m=\x1b[33m{key}\x1b[0m\n'),
    # An ANSI colour code right after a letter: the code separates them.
    ('ansi-after-letter', 'term.log', 'key=x\x1b[0m{key}\n'),
    ('ansi-after-letter-erase', 'term.log', 'ok\x1b[K{key}\x1b[0m\n'),
    ('ansi-escaped-e-after-letter', 'run.sh', 'echo -e "key: x\\e[0m{key}"\n'),
    ('ansi-escaped-u001b-after-letter', 'cell.ipynb', '{{"text": "Key\\u001b[1;32m{key}\\u001b[0m"}}\n'),
    ('ansi-escaped-x1b-after-letter', 'log.py', 'print("x\\x1b[0m{key}")\n'),
    ('ansi-escaped-033-after-letter', 'log.c', 'printf("x\\033[31m{key}\\033[0m");\n'),
    ('ansi-double-escaped-after-letter', 'nb.json', '{{"s": "{{\\"t\\": \\"x\\\\u001b[0m{key}\\"}}"}}\n'),
    # grep --color=always highlighting the prefix: the codes join the key.
    ('grep-colour-prefix', 'grep.log', 'app.env:TOGETHER=\x1b[01;31m\x1b[K{_key_a}\x1b[m\x1b[K{_key_b}\n'),
    # -- split and wrapped ----------------------------------------------------
    ('python-implicit-concat-parens', 'cfg.py', 'KEY = (\n    "{_key_a}"\n    "{_key_b}"\n)\n'),
    ('js-plus-newline', 'cfg.js', "const key = '{_key_a}' +\n  '{_key_b}';\n"),
    ('c-adjacent-literals', 'key.h', '#define TOGETHER_KEY "{_key_a}" \\\n    "{_key_b}"\n'),
)

results, test_case = make_tests(CASES)
