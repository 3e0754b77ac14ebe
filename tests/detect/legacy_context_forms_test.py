"""Legacy keys' Together context in an HTML table (its header row, or a
row of a name and its value: ``detect.csvrow``'s ``html_holds``), a
MediaWiki or an AsciiDoc one, in an Emacs setting beside its package's forms
(``detect.context``'s ``_lisp_group``), in a credential record
(``_record``), as a secret store's read command's output
(``rules._SECRET_READ_BEFORE``), and after a debugger's pointer; each with
the decoys the same shapes hold (a table of checksums, another package's
setting, a ``.env``'s other service, a digest field)."""
from __future__ import annotations

import base64
import random

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes
from together_hooks.findings import hash_secret

FOUND = (
    ('html-header-row', 'keys.html',
     '<table class="keys">\n  <thead>\n    <tr>\n      <th>Service</th>\n      <th>API Key</th>\n    </tr>\n'
     '  </thead>\n  <tbody>\n    <tr><td>OpenAI</td><td>(vault)</td></tr>\n'
     '    <tr>\n      <td>Together AI</td>\n      <td><code>{hex}</code></td>\n    </tr>\n  </tbody>\n</table>\n'),
    ('html-name-cell', 'keys.html', '<TABLE><TR><TD>TOGETHER_API_KEY</TD><TD>{hex}</TD></TR></TABLE>\n'),
    ('html-provider-cell', 'keys.html', '<table>\n<tr><td>Together AI</td><td><code>{hex}</code></td></tr>\n</table>\n'),
    ('html-debug-locals', 'debug.html',
     '<table class="vars">\n<thead><tr><th>Variable</th><th>Value</th></tr></thead>\n'
     '<tr><td>base_url</td><td class="code"><pre>&#x27;https://api.together.xyz/v1&#x27;</pre></td></tr>\n'
     '<tr><td>api_key</td><td class="code"><pre>&#x27;{hex}&#x27;</pre></td></tr>\n</table>\n'),
    ('emacs-next-form', 'init.el',
     '(setq gptel-api-key "{hex}")\n(gptel-make-openai "TogetherAI" :host "api.together.xyz")\n'),
    ('emacs-pairs-multiline-form', 'init.el',
     '(setq-default gptel-model \'llama gptel-api-key "{hex}")\n\n'
     '(gptel-make-openai "Together"\n  :host "api.together.xyz" ; the endpoint\n  :stream t)\n'),
    ('mediawiki-table', 'Keys.wiki', '{{| class="wikitable"\n! Service !! API key\n|-\n| Together AI || {hex}\n|}}\n'),
    ('asciidoc-table', 'keys.adoc', '[cols="1,3"]\n|===\n|Service |API key\n\n|OpenAI\n|(vault)\n|Together AI\n|{hex}\n|===\n'),
    ('keepassxc-record', 'show.txt',
     '$ keepassxc-cli show -s Passwords.kdbx "API/Together AI"\nTitle: Together AI\nUserName: svc-llm\n'
     'Password: {hex}\nURL: https://api.together.xyz\nNotes:\n'),
    ('git-credential-record', 'cred.txt', 'protocol=https\nhost=api.together.xyz\nusername=svc\npassword={hex}\n'),
    ('vault-field-output', 'session.txt', '$ vault kv get -field=api_key secret/llm/together\n{hex}\n'),
    # (a folder named for a purpose is where the item is kept)
    ('pass-show-public-folder', 'session.txt', '$ pass show api/public/together\n{hex}\n'),
    # (a credential's field saying its kind or its stage)
    ('vault-field-qualified', 'session.txt', '$ vault kv get -field=api_key_v2 secret/together\n{hex}\n'),
    ('vault-field-bearer', 'session.txt', '$ vault kv get -field=bearer_token secret/together\n{hex}\n'),
    # (a 1Password reference's first segment is its vault, a folder)
    ('op-read-public-vault', 'session.txt', '$ op read op://public/together/credential\n{hex}\n'),
    ('get-secret-output', 'session.txt', 'PS> Get-Secret -Name TogetherApiKey -AsPlainText\n{hex}\n'),
    ('keychain-output', 'session.txt', '$ security find-generic-password -s together -w\n{hex}\n'),
    ('gdb-pointer', 'gdb.txt',
     '$1 = {{base_url = 0x5555555592a0 "https://api.together.xyz/v1", api_key = 0x5555555592e0 "{hex}"}}\n'),
)

DECOYS = (
    ('html-checksum-table', 'sums.html',
     '<table><tr><th>Package</th><th>SHA256</th></tr><tr><td>together-1.3.0.tar.gz</td><td>{hex}</td></tr></table>\n'),
    ('html-other-column', 'a.html',
     '<table>\n<tr><th>Provider</th><th>Commit</th></tr>\n<tr><td>Together AI</td><td>{hex}</td></tr>\n</table>\n'),
    ('html-digest-row', 'a.html', '<table>\n<tr><td>together</td><td>sha256</td><td>{hex}</td></tr>\n</table>\n'),
    ('html-other-endpoint', 'a.html',
     '<p>Together AI</p><table>\n<tr><td>base_url</td><td>https://api.openai.com/v1</td></tr>\n'
     '<tr><td>api_key</td><td>{hex}</td></tr>\n</table>\n'),
    # (Django's locals: the client's base_url a proxy, Together's endpoint
    # the proxy's upstream)
    ('html-proxy-endpoint', 'debug.html',
     '<table>\n<tr><td>upstream</td><td><pre>&#x27;https://api.together.xyz/v1&#x27;</pre></td></tr>\n'
     '<tr><td>base_url</td><td><pre>&#x27;https://llm-proxy.internal/v1&#x27;</pre></td></tr>\n'
     '<tr><td>api_key</td><td><pre>&#x27;{hex}&#x27;</pre></td></tr>\n</table>\n'),
    ('html-cache-key', 'a.html',
     '<table><tr><td>cache_key</td><td>{hex}</td></tr><tr><td>host</td><td>api.together.xyz</td></tr></table>\n'),
    ('html-outside-a-table', 'a.html', '<p>Together AI</p>\n<td>api_key</td><td>{hex}</td>\n'),
    ('emacs-other-package', 'init.el',
     '(setq magit-api-key "{hex}")\n(gptel-make-openai "Together" :host "api.together.xyz")\n'),
    ('emacs-other-provider', 'init.el',
     '(setq gptel-api-key "{hex}")\n(gptel-make-anthropic "Claude" :host "api.anthropic.com")\n;; Together AI later\n'),
    ('emacs-cache-key', 'init.el',
     '(setq gptel-cache-key "{hex}")\n(gptel-make-openai "Together" :host "api.together.xyz")\n'),
    ('emacs-digest', 'init.el',
     '(setq straight-cache-key "{hex}")\n(straight-use-package \'together)\n'),
    ('mediawiki-checksums', 'Releases.wiki',
     '{{| class="wikitable"\n! File !! SHA256\n|-\n| together-1.0.tar.gz || {hex}\n|}}\n'),
    ('asciidoc-checksums', 'release.adoc', '|===\n|File |SHA-256\n\n|together-1.0.tar.gz\n|{hex}\n|===\n'),
    ('asciidoc-other-row', 'keys.adoc', '|===\n|Service |API key\n\n|OpenAI\n|{hex}\n|Together AI\n|(vault)\n|===\n'),
    ('asciidoc-row-after-together', 'keys.adoc',
     '|===\n|Service |API key\n\n|Together AI\n|(vault)\n|OpenAI\n|{hex}\n|===\n'),
    ('record-other-host', 'cred.txt',
     'Title: GitHub\nUserName: bot\nPassword: {hex}\nURL: https://github.com\n\n'
     'Title: Together AI\nUserName: svc\nURL: https://api.together.xyz\n'),
    ('env-other-service', '.env',
     'TOGETHER_BASE_URL=https://api.together.xyz\nDB_PASSWORD={hex}\n'),
    ('vault-digest-field', 'session.txt', '$ vault kv get -field=sha256 secret/llm/together\n{hex}\n'),
    ('keychain-other-item', 'session.txt',
     '$ security find-generic-password -s together-cache -w\n{hex}\n'),
    ('pass-show-release-sha', 'session.txt', '$ pass show together/release-sha\n{hex}\n'),
    ('pass-show-folder-then-digest', 'session.txt', '$ pass show public/together/sha256\n{hex}\n'),
    ('vault-key-id-field', 'session.txt', '$ vault kv get -field=key_id secret/together\n{hex}\n'),
    ('vault-refresh-token-field', 'session.txt', '$ vault kv get -field=refresh_token secret/together\n{hex}\n'),
    ('vault-other-field', 'session.txt', '$ vault kv get -field=webhook_secret secret/together\n{hex}\n'),
    # (a 1Password reference's item names the secret: op://vault/item/field;
    # Auth.js's AUTH_SECRET is `openssl rand -hex 32`)
    ('op-read-digest-item', 'session.txt', '$ op read op://together/release-sha256/credential\n{hex}\n'),
    ('op-read-signing-item', 'session.txt', '$ op read "op://together/webhook-signing/credential"\n{hex}\n'),
    ('vault-auth-secret-field', 'session.txt', '$ vault kv get -field=auth_secret secret/together\n{hex}\n'),
    # (real formats beside Together's name: sha256sum's output, git's
    # credential record for another host, an OCI manifest, docker pull's
    # digest, another app's Django debug locals, vault's table of another
    # secret)
    ('sha256sum-output', 'SHA256SUMS', '$ sha256sum together-1.3.0.tar.gz\n{hex}  together-1.3.0.tar.gz\n'),
    ('git-credential-other-host', 'cred.txt',
     'protocol=https\nhost=github.com\npath=togethercomputer/together-python.git\nusername=bot\npassword={hex}\n'),
    ('oci-manifest', 'manifest.json',
     '{{\n  "schemaVersion": 2,\n  "config": {{\n    "digest": "sha256:{hex}",\n    "size": 1470\n  }},\n'
     '  "annotations": {{"org.opencontainers.image.title": "together"}}\n}}\n'),
    ('docker-pull-digest', 'pull.txt',
     '$ docker pull togethercomputer/together\nUsing default tag: latest\nDigest: sha256:{hex}\n'),
    ('django-debug-other-app', 'debug.html',
     '<table class="vars">\n<thead><tr><th>Variable</th><th>Value</th></tr></thead>\n'
     '<tr><td>base_url</td><td class="code"><pre>&#x27;https://api.stripe.com/v1&#x27;</pre></td></tr>\n'
     '<tr><td>api_key</td><td class="code"><pre>&#x27;{hex}&#x27;</pre></td></tr>\n'
     '<tr><td>project</td><td class="code"><pre>&#x27;together&#x27;</pre></td></tr>\n</table>\n'),
    ('vault-other-secret', 'session.txt',
     '$ vault kv get secret/github\n====== Data ======\nKey      Value\n---      -----\ntoken    {hex}\n'),
    ('gdb-digest', 'gdb.txt',
     '$1 = {{url = 0x55555 "https://api.together.xyz/v1/files", sha256 = 0x5555555592e0 "{hex}"}}\n'),
)


def _hashes(template: str, path: str, key: str) -> list[str]:
    return [f.hashed_secret for f in scan_bytes(template.format(hex=key).encode(), path)]


@pytest.mark.parametrize(('case', 'path', 'template'), FOUND, ids=[c[0] for c in FOUND])
def test_a_legacy_key_in_its_context_is_found(case, path, template):
    key = make_hex(random.Random(case))
    assert _hashes(template, path, key) == [hash_secret(key)]


@pytest.mark.parametrize(('case', 'path', 'template'), DECOYS, ids=[c[0] for c in DECOYS])
def test_a_decoy_of_the_same_shape_is_not(case, path, template):
    key = make_hex(random.Random(case))
    assert _hashes(template, path, key) == []


def test_a_long_tables_rows_are_read_under_its_header():
    # The header row 2,000 rows above the last key: the table's tags are
    # found once, its rows read once.
    rng = random.Random(7)
    keys = [make_hex(rng) for _ in range(2000)]
    rows = ''.join(f'<tr><td>together</td><td>{k}</td></tr>\n' for k in keys)
    text = f'<table>\n<tr><th>Provider</th><th>Key</th></tr>\n{rows}</table>\n'
    assert sorted(f.hashed_secret for f in scan_bytes(text.encode(), 'keys.html')) == sorted(map(hash_secret, keys))


def test_an_http_basic_credentials_user_in_base64_names_its_key():
    # ``Authorization: Basic base64(together:<key>)``: the decoded value
    # read after its scheme, its user the key's name (``engine._basic_hits``);
    # not another user's, nor a value without the Basic scheme.
    key = make_hex(random.Random('basic'))

    def basic(user: str) -> str:
        return base64.b64encode(f'{user}:{key}'.encode()).decode()

    found = (
        f'GET /v1/models HTTP/1.1\r\nHost: api.together.xyz\r\nAuthorization: Basic {basic("together")}\r\n\r\n'
        f'curl -s -H "Authorization: basic {basic("together")}" https://llm-proxy.internal/v1\n'
    )
    assert _hashes(found, 'basic.txt', key) == [hash_secret(key)] * 2
    for decoy in (f'Authorization: Basic {basic("github")}\r\n# together\n',
                  f'together_cache: {basic("together")}\n', f'Authorization: Bearer {basic("together")}\n'):
        assert _hashes(decoy, 'basic.txt', key) == []
