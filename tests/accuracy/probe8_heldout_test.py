"""An eighth held-out probe (session 11), written as an outside tester
would: legacy keys where the provider is named in prose after the key
word (``the key for together: KEY``, ``my together key is KEY``, ``Together's
API key:``), in password stores and their exports (Windows ``cmdkey``,
``secret-tool`` fed by a pipe, a KeePass XML export, ``pass show``),
under headings the other sets skip (setext ``===``, ``**bold**``, a
Markdown table cell under a Together heading), in a ``keys:`` list under
``together:``, in API clients' files (Postman, Insomnia, Bruno, a curl
config, ``.netrc``, a ``.pgpass``-like line), in the together SDK's own
logfmt debug line, in HTTP dumps (mitmproxy, a followed TCP stream), in
more configuration languages (CUE, Jsonnet, Dhall, Nix, CMake, Make's
``$(or ...)``, Elixir's ``config :app``, edn, Haskell, Zig, Clojure) and
shells (cmd's ``set "NAME=..."``, zsh's extended history) -- and
``tgp_v1_`` keys in notebooks' outputs, a Java ``.properties`` line
continued with ``\\``, a quoted-printable soft break, a C ``\\x5f``
escape, an HTML ``&#95;`` entity and a UTF-16 registry export.  Decoys:
64-hex digests beside the word together in the same formats (mix.lock,
Artifacts.toml, Dhall's import hashes, ``URL_HASH``, SHA-256 git object
ids, Zig's multihash, checksum tables under a Together heading, another
entry of the same KeePass export), placeholders, runs one short or long,
``key_`` ids and env references in each syntax.  The same cases are
scanned as staged, history, a pushed range and the hook in
tests/accuracy/probe8_modes_test.py.
"""
from __future__ import annotations

import base64
import string

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import Made
from tests.accuracy import make_tests
from tests.accuracy import Text


def _glued(template: str):
    def build(m: Made) -> tuple[Text, list[tuple[int, str]]]:
        key = m.key()
        text = template.replace('<<KEY>>', key)
        return text, [(line_of(text, key), key)]
    return build


def _decoy(template: str):
    """``<<KEY>>`` a key's shape made wrong by what ``template`` does to it."""
    def build(m: Made) -> tuple[Text, list[tuple[int, str]]]:
        key = m.key()
        pad = ''.join(m.rng.choice(string.ascii_letters + string.digits) for _ in range(8))
        return template.replace('<<KEY49>>', key[:-1]).replace('<<KEY>>', key).replace('PAD', pad), []
    return build


def _properties_continued(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """A ``.properties`` value continued on the next line: the reader
    joins the lines and drops the next line's leading blanks."""
    key = m.key()
    text = f'together.base-url=https://api.together.xyz/v1\ntogether.api-key={key[:24]}\\\n    {key[24:]}\n'
    return text, [(2, key)]


def _quoted_printable_soft_break(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    text = (
        'Content-Type: text/plain; charset=utf-8\n'
        'Content-Transfer-Encoding: quoted-printable\n\n'
        f'Here is the CI key for the eval job: {key[:30]}=\n{key[30:]}\n'
    )
    return text, [(4, key)]


def _c_hex_escape(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    body = key.replace('_', '\\x5f')
    return f'static const char *together_key = "{body}";\n', [(1, key)]


def _html_underscore_entity(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    body = key.replace('_', '&#95;')
    return f'<p>Your key: <code>{body}</code></p>\n', [(1, key)]


def _registry_utf16(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    text = (
        'Windows Registry Editor Version 5.00\r\n\r\n'
        '[HKEY_CURRENT_USER\\Environment]\r\n'
        f'"TOGETHER_API_KEY"="{key}"\r\n'
    )
    return b'\xff\xfe' + text.encode('utf-16-le'), [(4, key)]


def _notebook_stream(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    text = (
        '{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": 3,\n'
        '   "outputs": [\n    {\n     "name": "stdout",\n     "output_type": "stream",\n'
        f'     "text": [\n      "client ready\\n",\n      "using key=\\"{key}\\"\\n"\n     ]\n'
        '    }\n   ],\n   "source": ["print(client)"]\n  }\n ]\n}\n'
    )
    return text, [(line_of(text, key), key)]


def _notebook_html_output(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    key = m.key()
    text = (
        '{"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data", "data": '
        '{"text/html": ["<table><tr><td>TOGETHER_API_KEY</td>", '
        f'"<td>{key}</td></tr></table>"]}}}}]}}]}}\n'
    )
    return text, [(1, key)]


def _u_escaped_first(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """A JSON writer that escapes the first letter (``\\u0074gp_v1_...``)."""
    key = m.key()
    return '{"level":"debug","auth":"\\u0074' + key[1:] + '"}\n', [(1, key)]


def _k8s_b64_generic(m: Made) -> tuple[Text, list[tuple[int, str]]]:
    """A generic ``token`` in a Together Secret's ``data:``, base64."""
    key = m.hex()
    b64 = base64.b64encode(key.encode()).decode()
    text = (
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: together-credentials\n'
        f'type: Opaque\ndata:\n  token: {b64}\n'
    )
    return text, [(7, key)]


SPECIAL = [
    Case('tgp-properties-continued', 'src/main/resources/application.properties', _properties_continued),
    Case('tgp-quoted-printable-soft-break', 'mail/ci-key.eml', _quoted_printable_soft_break),
    Case('tgp-c-hex-escape-underscore', 'firmware/secrets.h', _c_hex_escape),
    Case('tgp-html-underscore-entity', 'site/account.html', _html_underscore_entity),
    Case('tgp-registry-utf16', 'windows/env.reg', _registry_utf16),
    Case('tgp-notebook-stream-escaped-quotes', 'notebooks/eval.ipynb', _notebook_stream),
    Case('tgp-notebook-html-output', 'notebooks/env.ipynb', _notebook_html_output),
    Case('legacy-k8s-b64-generic-token', 'k8s/together-secret.yaml', _k8s_b64_generic),
    Case('tgp-zsh-extended-history', '.zsh_history', _glued(': 1700000000:0;together --api-key <<KEY>> models list\n')),
    Case('tgp-nushell-env', '.config/nushell/env.nu', _glued("$env.TOGETHER_API_KEY = '<<KEY>>'\n")),
    Case('tgp-fish-set-gx', '.config/fish/conf.d/llm.fish', _glued('set -gx TOGETHER_API_KEY <<KEY>>\n')),
    Case('tgp-powershell-profile', 'Documents/PowerShell/profile.ps1', _glued('$env:TOGETHER_API_KEY="<<KEY>>"\n')),
    Case('tgp-cmdkey', 'scripts/setup-creds.bat', _glued('cmdkey /generic:together /user:ml-team /pass:<<KEY>>\n')),
    Case('tgp-mitmproxy-dump', 'captures/flow.txt', _glued(
        'POST https://api.together.xyz/v1/chat/completions\n    authorization: Bearer <<KEY>>\n'
        '    content-type: application/json\n')),
    Case('tgp-har-query-string', 'captures/session.har', _glued(
        '{"log": {"entries": [{"request": {"method": "GET", "url": "https://example.com/proxy",'
        ' "queryString": [{"name": "key", "value": "<<KEY>>"}]}}]}}\n')),
    Case('tgp-launchd-plist', 'Library/LaunchAgents/ai.local.worker.plist', _glued(
        '<dict>\n  <key>EnvironmentVariables</key>\n  <dict>\n    <key>TOGETHER_API_KEY</key>\n'
        '    <string><<KEY>></string>\n  </dict>\n</dict>\n')),
    Case('tgp-gradle-properties', 'gradle.properties', _glued('systemProp.together.apiKey=<<KEY>>\n')),
    Case('tgp-flutter-dart-define', 'scripts/run_ios.sh', _glued('flutter run --dart-define=TOGETHER_KEY=<<KEY>> --release\n')),
    Case('tgp-json-u-escaped-first', 'logs/event.json', _u_escaped_first),
    Case('tgp-sql-dump', 'db/seed.sql', _glued("INSERT INTO provider_keys (provider, secret) VALUES ('together', '<<KEY>>');\n")),
    Case('tgp-crontab', 'ops/crontab', _glued('15 3 * * * TOGETHER_API_KEY=<<KEY>> /usr/local/bin/nightly-eval\n')),
    # -- decoys around tgp_v1_ ---------------------------------------------------
    Case('decoy-tgp-49-in-notebook', 'notebooks/trunc.ipynb', _decoy(
        '{"outputs": [{"text": ["key=<<KEY49>>\\n"]}]}\n')),
    Case('decoy-tgp-51-in-plist', 'Library/LaunchAgents/long.plist', _decoy(
        '<key>SESSION</key>\n<string><<KEY>>x</string>\n')),
    Case('decoy-tgp-placeholder-angle', 'docs/setup.md', _decoy('export TOGETHER_API_KEY=tgp_v1_<paste-your-key>\n')),
    Case('decoy-tgp-env-in-nushell', '.config/nushell/config.nu', _decoy(
        '$env.TOGETHER_API_KEY = (open ~/.config/together/key | str trim)\n')),
    Case('decoy-tgp-key-id', 'logs/keys.json', _decoy('{"id": "key_PADPADPADPAD", "name": "ci", "prefix": "tgp_v1_"}\n')),
    Case('decoy-tgp-glued-underscore', 'data/refs.txt', _decoy('ref=<<KEY>>_PAD\n')),
]

LEAKS = key_cases(
    # -- prose and chat naming the provider after the key word -------------------
    ('chat-key-for-together', 'exports/slack/general.txt', '''\
[10:02] dana: anyone have creds for the eval box?
[10:03] sam: the key for together: {hex}
[10:03] sam: please don't paste it elsewhere
'''),
    ('chat-my-together-key-is', 'exports/irc/ml.log', '''\
<kim> my together key is {hex} if you need it for the demo
'''),
    ('chat-possessive-together', 'notes/handover.md', '''\
Handover notes

Together's API key: {hex}
'''),
    ('chat-api-key-for-together-ai', 'notes/oncall.txt', '''\
API key for Together AI - {hex}
'''),
    ('mail-key-next-paragraph', 'mail/new-key.eml', '''\
Subject: new key

Hi team, here is the new Together API key:

{hex}

Thanks
'''),
    ('chat-key-bracket-together', 'notes/keys.txt', '''\
key (together): {hex}
'''),
    # -- password stores and their exports -----------------------------------------
    ('cmdkey-generic-together', 'scripts/creds.cmd', '''\
@echo off
cmdkey /generic:together /user:ml-team /pass:{hex}
'''),
    ('secret-tool-piped', 'scripts/keyring.sh', '''\
printf '%s' '{hex}' | secret-tool store --label='Together API key' service together
'''),
    ('keepass-xml-export', 'exports/vault.xml', '''\
<KeePassFile>
  <Root>
    <Group>
      <Entry>
        <String><Key>Notes</Key><Value /></String>
        <String><Key>Password</Key><Value ProtectInMemory="True">{hex}</Value></String>
        <String><Key>Title</Key><Value>Together</Value></String>
        <String><Key>UserName</Key><Value>ml-team</Value></String>
      </Entry>
    </Group>
  </Root>
</KeePassFile>
'''),
    ('pass-show-output', 'notes/terminal.txt', '''\
$ pass show together/api-key
{hex}
$ exit
'''),
    ('onepassword-csv', 'exports/1password.csv', '''\
Title,Website,Username,Password,Notes
Together AI,https://api.together.xyz,ml-team,{hex},
'''),
    # -- headings the other sets skip ---------------------------------------------
    ('markdown-table-under-heading', 'wiki/Providers.md', '''\
## Together AI

| setting | value |
|---------|-------|
| base_url | https://example.com/v1 |
| api_key | {hex} |
'''),
    ('setext-heading', 'docs/providers.md', '''\
Together AI
===========

api key: {hex}
'''),
    ('setext-heading-dashes', 'docs/providers2.md', '''\
Together
--------

token: `{hex}`
'''),
    ('bold-heading', 'docs/accounts.md', '''\
**Together AI**

- API key: {hex}
'''),
    ('yaml-keys-list-under-together', 'config/providers.yaml', '''\
together:
  keys:
    - {hex}
    - {hex2}
'''),
    # -- API clients' files ----------------------------------------------------------
    ('postman-collection-bearer', 'collections/together.postman_collection.json', '''\
{{
  "info": {{"name": "LLM", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}},
  "item": [{{
    "name": "chat",
    "request": {{
      "auth": {{"type": "bearer", "bearer": [{{"key": "token", "value": "{hex}", "type": "string"}}]}},
      "method": "POST",
      "url": {{"raw": "https://api.together.xyz/v1/chat/completions"}}
    }}
  }}]
}}
'''),
    ('insomnia-export', 'insomnia/export.yaml', '''\
type: collection.insomnia.rest/5.0
name: LLM
collection:
  - url: https://api.together.xyz/v1/chat/completions
    name: chat
    method: POST
    authentication:
      type: bearer
      token: {hex}
'''),
    ('bruno-request', 'bruno/chat.bru', '''\
meta {{
  name: chat
  type: http
}}

post {{
  url: https://api.together.xyz/v1/chat/completions
  body: json
  auth: bearer
}}

auth:bearer {{
  token: {hex}
}}
'''),
    ('curl-config-file', 'ops/together.curl', '''\
url = "https://api.together.xyz/v1/models"
header = "Authorization: Bearer {hex}"
silent
'''),
    ('netrc-one-line', '.netrc', '''\
machine github.com login bot password ghp_notarealtokenhere
machine api.together.xyz login apikey password {hex}
'''),
    ('pgpass-like-line', 'ops/credentials.pass', '''\
# host:port:db:user:secret
api.together.xyz:443:*:ml-team:{hex}
'''),
    ('httpie-cli', 'scripts/chat.sh', '''\
http POST https://api.together.xyz/v1/chat/completions Authorization:"Bearer {hex}" model=llama
'''),
    # -- SDK logs and HTTP dumps ----------------------------------------------------
    ('together-sdk-logfmt-debug', 'logs/worker.log', '''\
DEBUG:together:headers='{{"Authorization": "Bearer {hex}", "Content-Type": "application/json"}}' message='Request to Together API' method=post path=https://api.together.xyz/v1/chat/completions
'''),
    ('wireshark-follow-stream', 'captures/stream.txt', '''\
POST /v1/chat/completions HTTP/1.1
Host: api.together.xyz
User-Agent: Together/v1 PythonBindings/1.3.3
Authorization: Bearer {hex}
Content-Type: application/json
'''),
    ('mitmproxy-lowercase-headers', 'captures/mitm.txt', '''\
>> POST https://api.together.xyz/v1/completions
   host: api.together.xyz
   authorization: bearer {hex}
'''),
    ('har-headers-array', 'captures/app.har', '''\
{{"log": {{"entries": [{{"request": {{
  "method": "POST",
  "url": "https://api.together.xyz/v1/chat/completions",
  "headers": [
    {{"name": "content-type", "value": "application/json"}},
    {{"name": "x-api-key", "value": "{hex}"}}
  ]
}}}}]}}}}
'''),
    # -- configuration languages ------------------------------------------------------
    ('cue-shorthand', 'config/providers.cue', '''\
together: apiKey: "{hex}"
together: baseURL: "https://api.together.xyz/v1"
'''),
    ('jsonnet-plus-field', 'config/prod.jsonnet', '''\
local base = import 'base.libsonnet';
base {{
  together+: {{
    api_key: '{hex}',
  }},
}}
'''),
    ('dhall-record', 'config/together.dhall', '''\
let together = {{ apiKey = "{hex}", baseUrl = "https://api.together.xyz/v1" }}
in  together
'''),
    ('nix-open-webui', 'hosts/ai/configuration.nix', '''\
  services.open-webui = {{
    enable = true;
    environment = {{
      OPENAI_API_BASE_URL = "https://api.together.xyz/v1";
      OPENAI_API_KEY = "{hex}";
    }};
  }};
'''),
    ('cmake-set-cache', 'CMakeLists.txt', '''\
set(TOGETHER_API_KEY "{hex}" CACHE STRING "Together key for the demo")
'''),
    ('cmake-compile-definition', 'demo/CMakeLists.txt', '''\
add_compile_definitions(TOGETHER_KEY="{hex}")
'''),
    ('make-or-default', 'Makefile', '''\
eval:
\tTOGETHER_API_KEY=$(or $(KEY),{hex}) python -m evals.run
'''),
    ('elixir-config-app', 'config/runtime.exs', '''\
import Config

config :ex_together,
  api_key: "{hex}",
  timeout: 30_000
'''),
    ('edn-nested', 'resources/config.edn', '''\
{{:together {{:api-key "{hex}"
             :model "meta-llama/Llama-3-70b-chat-hf"}}}}
'''),
    ('haskell-text-annotation', 'src/Config.hs', '''\
togetherKey :: Text
togetherKey = "{hex}"
'''),
    ('zig-slice-type', 'src/config.zig', '''\
pub const together_key: []const u8 = "{hex}";
'''),
    ('ocaml-let', 'bin/main.ml', '''\
let together_api_key = "{hex}"
'''),
    ('julia-env', 'scripts/run.jl', '''\
ENV["TOGETHER_API_KEY"] = "{hex}"
'''),
    ('r-renviron', '.Renviron', '''\
TOGETHER_API_KEY={hex}
'''),
    ('r-httr-bearer', 'R/client.R', '''\
resp <- httr::POST("https://api.together.xyz/v1/chat/completions",
  httr::add_headers(Authorization = paste("Bearer", "{hex}")))
'''),
    ('clojure-def', 'src/app/core.clj', '''\
(def together-api-key "{hex}")
'''),
    ('cmd-set-quoted', 'scripts/env.bat', '''\
set "TOGETHER_API_KEY={hex}"
'''),
    ('powershell-setenv', 'scripts/env.ps1', '''\
[Environment]::SetEnvironmentVariable("TOGETHER_API_KEY", "{hex}", "User")
'''),
    ('systemd-env-pair', 'deploy/worker.service', '''\
[Service]
Environment=LLM_BASE_URL=https://api.together.xyz/v1 LLM_API_KEY={hex}
ExecStart=/usr/bin/worker
'''),
    ('gha-with-provider', '.github/workflows/eval.yml', '''\
jobs:
  eval:
    runs-on: ubuntu-latest
    steps:
      - uses: example/llm-eval-action@v2
        with:
          provider: together
          api-key: {hex}
'''),
    ('helm-values-nested', 'charts/app/values.yaml', '''\
llm:
  together:
    enabled: true
    apiKey: {hex}
'''),
    ('ansible-provider-list', 'group_vars/all.yml', '''\
llm_providers:
  - name: together
    api_key: "{hex}"
'''),
    ('compose-env-list', 'docker-compose.yml', '''\
services:
  app:
    environment:
      - TOGETHER_API_KEY={hex}
'''),
    ('pulumi-config', 'Pulumi.prod.yaml', '''\
config:
  app:togetherApiKey: {hex}
'''),
    ('tfvars-object', 'env/prod.tfvars', '''\
llm = {{
  provider = "together"
  key      = "{hex}"
}}
'''),
    ('xcconfig', 'Config/Secrets.xcconfig', '''\
TOGETHER_API_KEY = {hex}
'''),
    ('android-local-properties', 'local.properties', '''\
sdk.dir=/Users/me/Library/Android/sdk
together.apiKey={hex}
'''),
    ('npmrc-like-auth', '.npmrc', '''\
//api.together.xyz/:_authToken={hex}
'''),
    ('bash-history-curl', '.bash_history', '''\
curl -s https://api.together.xyz/v1/models -H "Authorization: Bearer {hex}" | jq .
'''),
    ('zsh-history-export', '.zsh_history', '''\
: 1700000000:0;cd ~/src/evals
: 1700000042:0;export TOGETHER_API_KEY={hex}
'''),
    ('fish-history', '.local/share/fish/fish_history', '''\
- cmd: set -Ux TOGETHER_API_KEY {hex}
  when: 1700000000
'''),
    ('notebook-source-escaped', 'notebooks/setup.ipynb', '''\
{{"cells": [{{"cell_type": "code", "source": ["import os\\n", "os.environ[\\"TOGETHER_API_KEY\\"] = \\"{hex}\\"\\n"]}}]}}
'''),
    ('notebook-stream-output', 'notebooks/debug.ipynb', '''\
{{"cells": [{{"outputs": [{{"name": "stdout", "output_type": "stream", "text": ["TOGETHER_API_KEY={hex}\\n"]}}]}}]}}
'''),
    # -- editors, shells and tools that store or pass a key -------------------------
    ('emacs-gptel-keyword-args', '.emacs.d/init.el', '''\
(gptel-make-openai "TogetherAI"
  :host "api.together.xyz"
  :key "{hex}"
  :stream t
  :models '(mistralai/Mixtral-8x7B-Instruct-v0.1))
'''),
    ('neovim-codecompanion', '.config/nvim/lua/plugins/ai.lua', '''\
adapters = {{
  together = function()
    return require("codecompanion.adapters").extend("openai_compatible", {{
      env = {{ url = "https://api.together.xyz", api_key = "{hex}" }},
    }})
  end,
}},
'''),
    ('tcl-env-array', 'scripts/setup.tcl', '''\
set env(TOGETHER_API_KEY) {hex}
'''),
    ('windows-setx', 'scripts/setup2.cmd', '''\
setx TOGETHER_API_KEY {hex}
'''),
    ('dotnet-user-secrets', 'scripts/dev-secrets.sh', '''\
dotnet user-secrets set "Together:ApiKey" "{hex}" --project src/Api
'''),
    ('lastpass-csv', 'exports/lastpass.csv', '''\
url,username,password,totp,extra,name,grouping,fav
https://api.together.xyz,ml-team,{hex},,,Together,AI,0
'''),
    ('caddy-header-up', 'Caddyfile', '''\
llm.internal {{
  reverse_proxy https://api.together.xyz {{
    header_up Host api.together.xyz
    header_up Authorization "Bearer {hex}"
  }}
}}
'''),
    ('kong-request-transformer', 'kong/kong.yml', '''\
services:
  - name: llm
    url: https://api.together.xyz/v1
    plugins:
      - name: request-transformer
        config:
          add:
            headers:
              - "Authorization:Bearer {hex}"
'''),
    ('autohotkey-envset', 'scripts/keys.ahk', '''\
EnvSet, TOGETHER_API_KEY, {hex}
'''),
    ('deno-env-set', 'scripts/dev.ts', '''\
Deno.env.set("TOGETHER_API_KEY", "{hex}");
'''),
    ('bitwarden-json-export', 'exports/bitwarden.json', '''\
{{"items": [{{"type": 1, "name": "Together AI", "login": {{"username": "ml-team",
  "password": "{hex}", "uris": [{{"uri": "https://api.together.xyz"}}]}}}}]}}
'''),
    ('kubectl-from-literal', 'scripts/k8s.sh', '''\
kubectl create secret generic llm-keys --from-literal=together-api-key={hex}
'''),
    ('tiltfile-putenv', 'Tiltfile', '''\
os.putenv('TOGETHER_API_KEY', '{hex}')
'''),
    ('go-setenv', 'cmd/dev/main.go', '''\
os.Setenv("TOGETHER_API_KEY", "{hex}")
'''),
    ('jvm-system-property', 'scripts/run-jvm.sh', '''\
java -Dtogether.api.key={hex} -jar app.jar
'''),
    ('ssh-config-setenv', '.ssh/config', '''\
Host gpu-box
  HostName 10.0.0.9
  SetEnv TOGETHER_API_KEY={hex}
'''),
    ('php-define', 'config/keys.php', '''\
<?php
define('TOGETHER_API_KEY', '{hex}');
'''),
    ('perl-env-hash-quoted', 'bin/run.pl', '''\
$ENV{{'TOGETHER_API_KEY'}} = "{hex}";
'''),
    ('ruby-env-store', 'config/boot_dev.rb', '''\
ENV.store("TOGETHER_API_KEY", "{hex}")
'''),
)

DECOYS = key_cases(
    ('decoy-mix-lock', 'mix.lock', '''\
%{{
  "ex_together": {{:hex, :ex_together, "0.3.1", "{_hex}", [:mix], [], "hexpm", "{_hex2}"}},
}}
'''),
    ('decoy-julia-artifacts', 'Artifacts.toml', '''\
[[together_runtime]]

    [[together_runtime.download]]
    sha256 = "{_hex}"
    url = "https://example.com/together_runtime.tar.gz"
'''),
    ('decoy-dhall-import-hash', 'config/package.dhall', '''\
let Together = https://prelude.example.com/together/package.dhall sha256:{_hex}
in  Together
'''),
    ('decoy-cmake-url-hash', 'cmake/together.cmake', '''\
ExternalProject_Add(together_sdk
  URL https://example.com/together-sdk-1.2.0.tar.gz
  URL_HASH SHA256={_hex}
)
'''),
    ('decoy-git-sha256-log', 'notes/log.txt', '''\
commit {_hex}
Author: Sam <sam@example.com>

    together: rotate the api key handling
'''),
    ('decoy-zig-multihash', 'build.zig.zon', '''\
.dependencies = .{{
    .together = .{{
        .url = "https://example.com/together-zig.tar.gz",
        .hash = "1220{_hex}",
    }},
}},
'''),
    ('decoy-md-checksum-table', 'docs/Together.md', '''\
## Together AI

| file | sha256 |
|------|--------|
| together-1.3.3.tar.gz | {_hex} |
'''),
    ('decoy-md-table-ref-and-hash', 'wiki/Together.md', '''\
## Together AI

| setting | value |
|---------|-------|
| api_key | ${{TOGETHER_API_KEY}} |
| model_digest | {_hex} |
'''),
    ('decoy-keepass-other-entry', 'exports/other.xml', '''\
<KeePassFile>
  <Root>
    <Group>
      <Entry>
        <String><Key>Title</Key><Value>Together</Value></String>
        <String><Key>Password</Key><Value>{{REF:P@I:46C9B1FFBD4ABC4BBB260C6190BAD20C}}</Value></String>
      </Entry>
      <Entry>
        <String><Key>Title</Key><Value>GitHub</Value></String>
        <String><Key>Password</Key><Value ProtectInMemory="True">{_hex}</Value></String>
      </Entry>
    </Group>
  </Root>
</KeePassFile>
'''),
    ('decoy-setext-working-together', 'CONTRIBUTING.md', '''\
Working together
================

Signing key: {_hex}
'''),
    ('decoy-bold-heading-digest', 'docs/release.md', '''\
**Together AI**

- sha256: {_hex}
'''),
    ('decoy-yaml-checksums-under-together', 'config/models.yaml', '''\
together:
  checksums:
    - {_hex}
'''),
    ('decoy-cmdkey-env-ref', 'scripts/creds2.cmd', '''\
cmdkey /generic:together /user:ml-team /pass:%TOGETHER_API_KEY%
REM build {_hex}
'''),
    ('decoy-secret-tool-lookup', 'scripts/keyring2.sh', '''\
KEY=$(secret-tool lookup service together)
echo '{_hex}  together-cli.tar.gz' | sha256sum -c
'''),
    ('decoy-chat-key-hash', 'exports/slack/ops.txt', '''\
[11:00] sam: the sha256 of my together key is {_hex}
'''),
    ('decoy-chat-commit', 'exports/slack/dev.txt', '''\
[11:05] kim: the fix for together is in {_hex}
'''),
    ('decoy-postman-request-id', 'collections/ids.postman_collection.json', '''\
{{"item": [{{"request": {{"url": {{"raw": "https://api.together.xyz/v1/models"}},
  "header": [{{"key": "x-request-id", "value": "{_hex}"}}]}}}}]}}
'''),
    ('decoy-har-etag', 'captures/etag.har', '''\
{{"log": {{"entries": [{{"request": {{"url": "https://api.together.xyz/v1/models"}},
  "response": {{"headers": [{{"name": "etag", "value": "\\"{_hex}\\""}}]}}}}]}}}}
'''),
    ('decoy-sdk-log-request-id', 'logs/sdk.log', '''\
DEBUG:together:message='Together API response' path=https://api.together.xyz/v1/chat/completions request_id={_hex} status=200
'''),
    ('decoy-netrc-other-host', '.netrc.staging', '''\
# works together with the staging box
machine staging.example.com login deploy password {_hex}
'''),
    ('decoy-pgpass-other-host', 'ops/db.pass', '''\
db.example.com:5432:together:app:{_hex}
'''),
    ('decoy-k8s-checksum-annotation', 'k8s/deploy.yaml', '''\
metadata:
  name: together-proxy
  annotations:
    checksum/secret: {_hex}
'''),
    ('decoy-nix-fetch', 'pkgs/together.nix', '''\
together = python3Packages.buildPythonPackage {{
  pname = "together";
  version = "1.3.3";
  src = fetchurl {{ url = "https://example.com/together-1.3.3.tar.gz"; sha256 = "{_hex}"; }};
}};
'''),
    ('decoy-cue-digest', 'config/digests.cue', '''\
together: sha256: "{_hex}"
'''),
    ('decoy-jsonnet-digest', 'config/digests.jsonnet', '''\
{{ together+: {{ digest: '{_hex}' }} }}
'''),
    ('decoy-plist-model-sha', 'Library/LaunchAgents/model.plist', '''\
<key>TOGETHER_MODEL_SHA256</key>
<string>{_hex}</string>
'''),
    ('decoy-bat-env-ref', 'scripts/env2.bat', '''\
set "TOGETHER_API_KEY=%TOGETHER_KEY_FROM_VAULT%"
set BUILD_ID={_hex}
'''),
    ('decoy-crontab-subst', 'ops/crontab2', '''\
0 * * * * TOGETHER_API_KEY=$(cat /run/secrets/together) /usr/bin/job --build {_hex}
'''),
    ('decoy-make-hash', 'mk/together.mk', '''\
TOGETHER_API_KEY ?= $(shell cat .together-key)
TOGETHER_SDK_SHA256 := {_hex}
'''),
    ('decoy-opam-checksum', 'together.opam', '''\
url {{
  src: "https://example.com/together-0.1.0.tar.gz"
  checksum: "sha256={_hex}"
}}
'''),
    ('decoy-stack-lock', 'stack.yaml.lock', '''\
packages:
- completed:
    hackage: together-0.1.0@sha256:{_hex},1024
'''),
    ('decoy-notebook-hash-output', 'notebooks/verify.ipynb', '''\
{{"cells": [{{"source": ["hashlib.sha256(os.environ[\\"TOGETHER_API_KEY\\"].encode()).hexdigest()"],
  "outputs": [{{"data": {{"text/plain": ["'{_hex}'"]}}, "output_type": "execute_result"}}]}}]}}
'''),
    ('decoy-powershell-env-ref', 'scripts/env3.ps1', '''\
$env:TOGETHER_API_KEY = $env:TOGETHER_KEY_FROM_VAULT
$hash = "{_hex}"
'''),
    ('decoy-fish-subst', '.config/fish/conf.d/together.fish', '''\
set -gx TOGETHER_API_KEY (pass show together/api-key)
# pinned: {_hex}
'''),
    ('decoy-gha-secret-ref', '.github/workflows/ci.yml', '''\
env:
  TOGETHER_API_KEY: ${{{{ secrets.TOGETHER_API_KEY }}}}
  CACHE_KEY: {_hex}
'''),
    ('decoy-pass-show-other', 'notes/terminal2.txt', '''\
$ pass show github/token
{_hex}
$ pass show together/api-key | wc -c
65
'''),
    ('decoy-csv-other-row', 'exports/1password-other.csv', '''\
Title,Website,Username,Password,Notes
Together AI,https://api.together.xyz,ml-team,,see vault
GitHub,https://github.com,bot,{_hex},
'''),
    ('decoy-mail-next-paragraph-digest', 'mail/digest.eml', '''\
Subject: release

Here is the SHA-256 of the Together CLI tarball:

{_hex}
'''),
    ('decoy-setext-other-section', 'docs/providers3.md', '''\
Together AI
===========

We moved off it in May.

OpenAI
======

api key: {_hex}
'''),
    ('decoy-edn-sha', 'deps.edn', '''\
{{:deps {{io.together/client {{:git/url "https://example.com/together-clj" :git/sha "{_hex}"}}}}}}
'''),
    ('decoy-elixir-config-other-app', 'config/config.exs', '''\
config :ex_together, api_key: System.fetch_env!("TOGETHER_API_KEY")
config :my_app, MyApp.Endpoint, secret_key_base: "{_hex}"
'''),
    ('decoy-curl-config-other-host', 'ops/other.curl', '''\
# used together with the together.curl file
url = "https://example.com/v1/models"
header = "Authorization: Bearer {_hex}"
'''),
    ('decoy-gptel-env-key', '.emacs.d/init2.el', '''\
(gptel-make-openai "TogetherAI"
  :host "api.together.xyz"
  :key (lambda () (getenv "TOGETHER_API_KEY"))
  :models '(model-{_hex}))
'''),
    ('decoy-dotnet-user-secrets-ref', 'scripts/dev-secrets2.sh', '''\
dotnet user-secrets set "Together:ApiKey" "$TOGETHER_API_KEY" --project src/Api
echo "{_hex}" > .build-id
'''),
    ('decoy-kubectl-from-file', 'scripts/k8s2.sh', '''\
kubectl create secret generic together --from-file=api-key=./together.key
kubectl annotate secret together checksum={_hex}
'''),
)


CASES = SPECIAL + LEAKS + DECOYS

results, test_case = make_tests(CASES)
