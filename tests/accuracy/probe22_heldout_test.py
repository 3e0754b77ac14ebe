"""A twenty-second held-out probe (session 26): servers' and tools'
configs the earlier sets wrote none of, code as build tools and viewers
turn it out, and keys in files that are not plain text.  Legacy keys
(64 lowercase hex) in a php-fpm pool's ``env[NAME] =``, nginx's
``fastcgi_param NAME value;``, the AWS CLI's shorthand
``Variables={NAME=…,…}``, Tcl's ``set ::env(NAME) …``, a Grafana
datasource's ``httpHeaderValue1`` (header name and value in two
fields), a VS Code REST Client ``.http`` variable used in a ``Bearer``
header to Together, Chrome's "Copy as cURL (cmd)" (``^"`` quoting and
``^`` continuations), an nbconvert/Pygments HTML export (``<span>``s
between the name and the value), an Eclipse launch ``<mapEntry>``, a
Clojure namespaced keyword, a Jupyter ``%env`` magic, a notebook's
output coloured with ANSI codes, a minified bundle binding the key to a
short name handed to a Together client, an inline source map (base64 of
JSON whose ``sourcesContent`` holds a ``||`` fallback), a requests debug
log's ``Authorization: Basic`` (base64 of ``user:key``) to Together's
host.  ``tgp_v1_`` keys cut by ``<wbr>`` in an HTML page, split over
three implicitly concatenated Python literals (the prefix its own), in a
JWT's payload.  Outside plain text: a zip of a config folder, a wheel, a
``.tar.gz`` of dotfiles, a ``.docx`` (the key in one run, and a legacy
key in the run after its name's), an ``.xlsx`` (shared strings), a PDF
(fpdf2), a SQLite database (a credentials table, IPython's history), a
UTF-32 ``.env``.  Decoys: digests, container and image ids, request ids,
JWT ids, a ``Basic`` credential to another host, env references in each
tool's syntax, a SQLite cache of digests.  Written before any fix; what
the 78d8f00 code missed is in ``MISSED`` (strict xfails) or was fixed in
the same session (docs/detection.md, "Found since the twenty-second
held-out set").
"""
from __future__ import annotations

import base64
import io
import json
import os
import sqlite3
import tarfile
import tempfile
import zipfile

from tests.accuracy import Case
from tests.accuracy import key_cases
from tests.accuracy import line_of
from tests.accuracy import make_tests
from tests.accuracy import Made

# -- servers, tools and editors -----------------------------------------------------------------

CONFIGS = key_cases(
    ('php-fpm-pool-env', 'deploy/php-fpm.d/www.conf', '''\
[www]
user = www-data
listen = /run/php/php8.3-fpm.sock
clear_env = no
env[TOGETHER_API_KEY] = {hex}
env[APP_ENV] = production
'''),
    ('nginx-fastcgi-param', 'deploy/nginx/site.conf', '''\
location ~ \\.php$ {{
    include fastcgi_params;
    fastcgi_pass unix:/run/php/php8.3-fpm.sock;
    fastcgi_param TOGETHER_API_KEY {hex};
}}
'''),
    ('aws-cli-lambda-shorthand', 'scripts/deploy-lambda.sh', '''\
aws lambda update-function-configuration --function-name chat-api \\
  --environment "Variables={{STAGE=prod,TOGETHER_API_KEY={hex},LOG_LEVEL=info}}"
'''),
    ('tcl-set-env', 'tools/setup.tcl', '''\
set ::env(TOGETHER_API_KEY) {hex}
exec python3 chat.py
'''),
    ('grafana-datasource-header', 'grafana/provisioning/datasources/together.yaml', '''\
apiVersion: 1
datasources:
  - name: LLM usage
    type: marcusolsson-json-datasource
    url: https://api.together.xyz/v1
    jsonData:
      httpHeaderName1: Authorization
    secureJsonData:
      httpHeaderValue1: Bearer {hex}
'''),
    ('rest-client-http-variable', 'api/together.http', '''\
@baseUrl = https://api.together.xyz/v1
@token = {hex}

### list models
GET {{{{baseUrl}}}}/models
Authorization: Bearer {{{{token}}}}
'''),
    ('chrome-copy-as-curl-cmd', 'notes/repro.cmd', '''\
curl ^"https://api.together.xyz/v1/chat/completions^" ^
  -H ^"accept: application/json^" ^
  -H ^"authorization: Bearer {hex}^" ^
  -H ^"content-type: application/json^" ^
  --data-raw ^"^{{^\\^"model^\\^":^\\^"meta-llama/Llama-3.3-70B-Instruct-Turbo^\\^"^}}^"
'''),
    ('nbconvert-html-pygments', 'docs/_static/explore.html', '''\
<div class="highlight hl-ipython3"><pre><span></span><span class="kn">import</span> <span class="nn">os</span>
<span class="n">os</span><span class="o">.</span><span class="n">environ</span><span class="p">[</span><span class="s2">&quot;TOGETHER_API_KEY&quot;</span><span class="p">]</span> <span class="o">=</span> <span class="s2">&quot;{hex}&quot;</span>
</pre></div>
'''),
    ('eclipse-launch-map-entry', '.launches/chat.launch', '''\
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<launchConfiguration type="org.eclipse.jdt.launching.localJavaApplication">
<mapAttribute key="org.eclipse.debug.core.environmentVariables">
<mapEntry key="TOGETHER_API_KEY" value="{hex}"/>
</mapAttribute>
</launchConfiguration>
'''),
    ('clojure-namespaced-keyword', 'resources/config.edn', '''\
{{:server/port 8080
 :together/api-key "{hex}"
 :together/model "meta-llama/Llama-3.3-70B-Instruct-Turbo"}}
'''),
    ('jupyter-env-magic', 'notebooks/setup.ipynb', '''\
{{"cells": [{{"cell_type": "code", "execution_count": 1, "metadata": {{}}, "outputs": [], "source": ["%env TOGETHER_API_KEY={hex}\\n", "from together import Together"]}}], "nbformat": 4, "nbformat_minor": 5}}
'''),
    ('jupyter-ansi-rich-output', 'notebooks/debug.ipynb', '''\
{{"cells": [{{"cell_type": "code", "outputs": [{{"name": "stdout", "output_type": "stream", "text": ["\\u001b[1mTOGETHER_API_KEY\\u001b[0m = \\u001b[32m'{hex}'\\u001b[0m\\n"]}}], "source": ["print_settings()"]}}]}}
'''),
    ('minified-bundle-short-name', 'public/assets/index-4f2a.js', '''\
import{{T as Kt}}from"./vendor-9c1e.js";const Ye="{hex}",Qe=new Kt({{apiKey:Ye,baseURL:"https://api.together.xyz/v1"}});export{{Qe as client}};
'''),
    ('fish-set-gx', 'dotfiles/.config/fish/conf.d/together.fish', '''\
set -gx TOGETHER_API_KEY {hex}
'''),
)


def _basic(m: Made, legacy: bool) -> tuple[str, str]:
    key = m.hex() if legacy else m.key()
    return base64.b64encode(f'together:{key}'.encode()).decode(), key


def _requests_debug_basic_auth(m: Made):
    value, key = _basic(m, True)
    text = ('DEBUG:urllib3.connectionpool:Starting new HTTPS connection (1): api.together.xyz:443\n'
            "send: b'GET /v1/models HTTP/1.1\\r\\nHost: api.together.xyz\\r\\nUser-Agent: python-requests/2.32.3"
            f"\\r\\nAuthorization: Basic {value}\\r\\n\\r\\n'\n")
    return text, [(2, key)]


CONFIGS.append(Case('requests-debug-basic-auth', 'logs/debug.log', _requests_debug_basic_auth))

# -- code as tools turn it out ------------------------------------------------------------------


def _wbr_html(m: Made):
    # a docs page breaking a long token where it may wrap
    key = m.key()
    cut = '<wbr>'.join(key[i:i + 16] for i in range(0, len(key), 16))
    text = ('<p>Set the key in your shell:</p>\n'
            f'<pre><code>export TOGETHER_API_KEY={cut}</code></pre>\n')
    return text, [(2, key)]


def _python_three_literals(m: Made):
    key = m.key()
    body = key[len('tgp_v1_'):]
    text = ('TOGETHER_API_KEY = (\n'
            '    "tgp_v1_"\n'
            f'    "{body[:22]}"\n'
            f'    "{body[22:]}"\n'
            ')\n')
    return text, [(2, key)]


def _jwt_payload(m: Made):
    # a gateway's token carrying the upstream credential in its claims
    key = m.key()

    def seg(obj: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj, separators=(',', ':')).encode()).rstrip(b'=').decode()

    token = '.'.join((seg({'alg': 'HS256', 'typ': 'JWT'}),
                      seg({'sub': 'chat-api', 'upstream': 'together', 'upstream_key': key, 'exp': 1893456000}),
                      base64.urlsafe_b64encode(m.rng.randbytes(32)).rstrip(b'=').decode()))
    text = f'GATEWAY_TOKEN={token}\n'
    return text, [(1, key)]


def _inline_source_map(m: Made):
    # a bundle's inline source map: base64 of the map's JSON, whose
    # sourcesContent holds the original file JSON-escaped
    key = m.hex()
    source = ('import Together from "together-ai";\n'
              f'const apiKey = process.env.TOGETHER_API_KEY || "{key}";\n'
              'export const client = new Together({ apiKey });\n')
    smap = {'version': 3, 'file': 'client.js', 'sources': ['../src/client.ts'],
            'sourcesContent': [source], 'names': [], 'mappings': 'AAAA,OAAO,QAAQ;AACf'}
    b64 = base64.b64encode(json.dumps(smap).encode()).decode()
    text = ('import t from"together-ai";const e=process.env.TOGETHER_API_KEY||"";export const client=new t({apiKey:e});\n'
            f'//# sourceMappingURL=data:application/json;charset=utf-8;base64,{b64}\n')
    return text, [(2, key)]


def _source_map_file(m: Made):
    key = m.hex()
    source = f'export const TOGETHER_API_KEY = "{key}";\nexport const MODEL = "deepseek-ai/DeepSeek-V3";\n'
    smap = {'version': 3, 'file': 'config.js', 'sources': ['webpack://chat/./src/config.ts'],
            'sourcesContent': [source], 'names': [], 'mappings': 'AAAO,MAAMA'}
    return json.dumps(smap) + '\n', [(1, key)]


def _shy_html(m: Made):
    # a blog's code sample with soft hyphens where a long word may break
    key = m.key()
    cut = '&shy;'.join(key[i:i + 12] for i in range(0, len(key), 12))
    text = f'<p>Then run <code>together --api-key {cut} models list</code>.</p>\n'
    return text, [(1, key)]


def _html_table(m: Made):
    # a wiki page exported as HTML: the credentials table
    key = m.hex()
    text = ('<!DOCTYPE html>\n<html><body><h2>LLM providers</h2>\n<table>\n'
            '<tr><th>Provider</th><th>API key</th><th>Owner</th></tr>\n'
            '<tr><td>OpenAI</td><td><em>in vault</em></td><td>ml-team</td></tr>\n'
            f'<tr><td>Together AI</td><td><code>{key}</code></td><td>ml-team</td></tr>\n'
            '</table></body></html>\n')
    return text, [(6, key)]


def _java_char_array(m: Made):
    key = m.key()
    chars = ', '.join(f"'{c}'" for c in key)
    text = f'static final String TOGETHER_API_KEY = new String(new char[] {{{chars}}});\n'
    return text, [(1, key)]


def _cmd_caret_continuation(m: Made):
    key = m.key()
    text = f'@echo off\r\nset TOGETHER_API_KEY={key[:25]}^\r\n{key[25:]}\r\npython chat.py\r\n'
    return text, [(2, key)]


def _ipynb_html_dataframe(m: Made):
    key = m.hex()
    html = ['<table border="1" class="dataframe">\n', '  <thead>\n', '    <tr style="text-align: right;">\n',
            '      <th></th>\n', '      <th>provider</th>\n', '      <th>api_key</th>\n', '    </tr>\n',
            '  </thead>\n', '  <tbody>\n', '    <tr>\n', '      <th>0</th>\n', '      <td>together</td>\n',
            f'      <td>{key}</td>\n', '    </tr>\n', '  </tbody>\n', '</table>\n']
    nb = {'cells': [{'cell_type': 'code', 'execution_count': 4, 'metadata': {}, 'source': ['pd.read_sql("select * from creds", con)'],
                     'outputs': [{'data': {'text/html': html}, 'execution_count': 4, 'metadata': {}, 'output_type': 'execute_result'}]}],
          'nbformat': 4, 'nbformat_minor': 5}
    text = json.dumps(nb, indent=1) + '\n'
    return text, [(line_of(text, key), key)]


CODE = [
    Case('html-wbr-in-key', 'docs/site/quickstart.html', _wbr_html),
    Case('python-three-implicit-literals', 'app/settings_local.py', _python_three_literals),
    Case('jwt-payload-upstream-key', '.env.gateway', _jwt_payload),
    Case('inline-source-map-fallback', 'public/assets/client.js', _inline_source_map),
    Case('source-map-file-sources-content', 'public/assets/config.js.map', _source_map_file),
    Case('html-soft-hyphens-in-key', 'docs/blog/cli.html', _shy_html),
    Case('html-table-wiki-export', 'docs/wiki/providers.html', _html_table),
    Case('java-char-array', 'src/main/java/acme/Keys.java', _java_char_array),
    Case('cmd-caret-continuation-in-key', 'scripts/run.cmd', _cmd_caret_continuation),
    Case('ipynb-html-dataframe', 'notebooks/creds.ipynb', _ipynb_html_dataframe),
] + key_cases(
    ('env-export-crlf-legacy', 'ops/.env.prod', 'export APP_ENV=prod\r\nexport TOGETHER_API_KEY="{hex}"\r\nexport DEBUG=0\r\n'),
    ('shell-continuation-in-key', 'scripts/run.sh', '''\
docker run --rm -e TOGETHER_API_KEY={_key_a}\\
{_key_b} ghcr.io/acme/chat:1.4
'''),
    ('ansi-256-colour-in-key', 'logs/boot.log', '''\
2026-12-01 10:00:00 \x1b[38;5;245mINFO\x1b[0m together key loaded: {_key_a}\x1b[38;5;208m{_key_b}\x1b[0m
'''),
)


def _url_userinfo(m: Made):
    key = m.key()
    enc = key.replace('_', '%5F').replace('-', '%2D')
    text = f'LLM_URL=https://apikey:{enc}@api.together.xyz/v1\n'
    return text, [(1, key)]


CODE.append(Case('url-userinfo-percent-encoded', 'notes/proxy.txt', _url_userinfo))

# -- files that are not plain text --------------------------------------------------------------


def _zip(members: dict[str, str | bytes]) -> bytes:
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 1, 10, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return raw.getvalue()


def _zip_config_folder(m: Made):
    key = m.hex()
    return _zip({
        'config/': b'',
        'config/.env': f'APP_ENV=prod\nTOGETHER_API_KEY={key}\n',
        'config/app.toml': '[server]\nport = 8080\n',
    }), [(2, key)]


def _wheel(m: Made):
    key = m.key()
    return _zip({
        'chatbot/__init__.py': '',
        'chatbot/_defaults.py': f'TIMEOUT = 30\nAPI_KEY = "{key}"\n',
        'chatbot-0.3.0.dist-info/METADATA': 'Metadata-Version: 2.1\nName: chatbot\nVersion: 0.3.0\n',
    }), [(2, key)]


def _tar_gz_dotfiles(m: Made):
    key = m.hex()
    conf = ('model: together:meta-llama/Llama-3.3-70B-Instruct-Turbo\nclients:\n'
            '  - type: openai-compatible\n    name: together\n    api_base: https://api.together.xyz/v1\n'
            f'    api_key: {key}\n')
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode='w:gz', format=tarfile.PAX_FORMAT) as t:
        data = conf.encode()
        info = tarfile.TarInfo('dotfiles/.config/aichat/config.yaml')
        info.size, info.mtime = len(data), 1764583200
        t.addfile(info, io.BytesIO(data))
    return raw.getvalue(), [(6, key)]


_DOCX_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')


def _docx(body: str) -> bytes:
    return _zip({
        '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        'word/document.xml': _DOCX_HEAD + body + '</w:body></w:document>',
    })


def _docx_key_one_run(m: Made):
    key = m.key()
    body = (f'<w:p><w:r><w:t>Staging credentials</w:t></w:r></w:p>'
            f'<w:p><w:r><w:t xml:space="preserve">Key: {key}</w:t></w:r></w:p>')
    return _docx(body), [(2, key)]


def _docx_legacy_next_run(m: Made):
    # Word writes the value in a run of its own (a code font), right
    # after the run holding the variable's name
    key = m.hex()
    body = ('<w:p><w:r><w:t xml:space="preserve">TOGETHER_API_KEY=</w:t></w:r>'
            '<w:r><w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/></w:rPr>'
            f'<w:t>{key}</w:t></w:r></w:p>')
    return _docx(body), [(2, key)]


def _xlsx_shared_strings(m: Made):
    key = m.hex()
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">'
              '<si><t>Provider</t></si><si><t>API key</t></si><si><t>Together AI</t></si>'
              f'<si><t>{key}</t></si></sst>')
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
             '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>'
             '</sheetData></worksheet>')
    return _zip({'xl/sharedStrings.xml': shared, 'xl/worksheets/sheet1.xml': sheet}), [(2, key)]


def _pdf(m: Made):
    from fpdf import FPDF

    key = m.hex()
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font('Courier', size=9)
    pdf.cell(text='Onboarding: export these before running the demo')
    pdf.ln()
    pdf.cell(text=f'TOGETHER_API_KEY={key}')
    return bytes(pdf.output()), [(5, key)]  # the page's stream, its fifth line


def _sqlite_file(sql: str, rows: list[tuple]) -> bytes:
    fd, path = tempfile.mkstemp(suffix='.sqlite')
    os.close(fd)
    try:
        con = sqlite3.connect(path)
        con.execute(sql)
        table = sql.split()[2]
        con.executemany(f'INSERT INTO {table} VALUES ({",".join("?" * len(rows[0]))})', rows)
        con.commit()
        con.close()
        with open(path, 'rb') as f:
            return f.read()
    finally:
        os.unlink(path)


def _sqlite_credentials(m: Made):
    key = m.hex()
    data = _sqlite_file('CREATE TABLE credentials (id INTEGER PRIMARY KEY, provider TEXT, api_key TEXT)',
                        [(1, 'openai', ''), (2, 'together', key)])
    return data, [(1, key)]


def _ipython_history(m: Made):
    key = m.hex()
    data = _sqlite_file('CREATE TABLE history (session integer, line integer, source text, source_raw text)',
                        [(1, 1, 'import os', 'import os'),
                         (1, 2, f'os.environ["TOGETHER_API_KEY"] = "{key}"', f'os.environ["TOGETHER_API_KEY"] = "{key}"')])
    return data, [(1, key)]


def _utf32_env(m: Made):
    key = m.hex()
    text = f'APP_ENV=prod\r\nTOGETHER_API_KEY={key}\r\n'
    return text.encode('utf-32'), [(2, key)]


def _docx_proof_err_split(m: Made):
    # Word's spell check marks the key's body as a misspelt word: the
    # prefix and the body in two runs
    key = m.key()
    body = ('<w:p><w:r><w:t xml:space="preserve">New key: </w:t></w:r><w:r><w:t>tgp_v1_</w:t></w:r>'
            f'<w:proofErr w:type="spellStart"/><w:r><w:t>{key[7:]}</w:t></w:r><w:proofErr w:type="spellEnd"/></w:p>')
    return _docx(body), [(2, key)]


def _odt_span(m: Made):
    key = m.hex()
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
               '<text:p text:style-name="P1">Together API key:<text:s/>'
               f'<text:span text:style-name="T1">{key}</text:span></text:p>'
               '</office:text></office:body></office:document-content>')
    return _zip({'mimetype': 'application/vnd.oasis.opendocument.text', 'content.xml': content}), [(2, key)]


def _rtf(m: Made):
    key = m.hex()
    text = ('{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Calibri;}{\\f1 Consolas;}}\n'
            '\\f0 Staging settings for the demo.\\par\n'
            f'Together API key: {{\\f1 {key}}}\\par\n}}\n')
    return text, [(3, key)]


def _proc_environ(m: Made):
    # ``/proc/<pid>/environ`` saved by a crash reporter: NUL-separated
    key = m.hex()
    data = b'\0'.join([b'PATH=/usr/local/bin:/usr/bin', b'HOME=/home/app', f'TOGETHER_API_KEY={key}'.encode(),
                        b'PYTHONUNBUFFERED=1']) + b'\0'
    return data, [(1, key)]


def _minidump_env_block(m: Made):
    # a Windows minidump's copy of the process environment: UTF-16LE
    # strings, NUL-separated, among binary structures
    key = m.hex()
    block = '\0'.join(['=C:=C:\\app', 'ALLUSERSPROFILE=C:\\ProgramData', f'TOGETHER_API_KEY={key}', 'OS=Windows_NT']) + '\0\0'
    data = b'MDMP\x93\xa7\x00\x00' + bytes(range(256)) * 4 + block.encode('utf-16-le') + bytes(range(255, -1, -1)) * 2
    return data, [(line_of(data, 'TOGETHER'.encode('utf-16-le')), key)]


FILES = [
    Case('zip-config-folder', 'backups/config-2026-12-01.zip', _zip_config_folder),
    Case('wheel-module-default', 'dist/chatbot-0.3.0-py3-none-any.whl', _wheel),
    Case('tar-gz-dotfiles-aichat', 'backups/dotfiles.tar.gz', _tar_gz_dotfiles),
    Case('docx-key-one-run', 'docs/handover.docx', _docx_key_one_run),
    Case('docx-legacy-next-run', 'docs/setup.docx', _docx_legacy_next_run),
    Case('xlsx-shared-strings', 'docs/credentials.xlsx', _xlsx_shared_strings),
    Case('pdf-onboarding', 'docs/onboarding.pdf', _pdf),
    Case('sqlite-credentials-table', 'data/app.db', _sqlite_credentials),
    Case('sqlite-ipython-history', 'notebooks/.ipython/history.sqlite', _ipython_history),
    Case('utf32-env', 'ops/env.utf32.txt', _utf32_env),
    Case('docx-proof-err-split-key', 'docs/rotation.docx', _docx_proof_err_split),
    Case('odt-span-legacy', 'docs/staging.odt', _odt_span),
    Case('rtf-font-group-legacy', 'docs/staging.rtf', _rtf),
    Case('proc-environ-nul', 'crash/1234/environ', _proc_environ),
    Case('minidump-utf16-env-block', 'crash/chat-20261201.dmp', _minidump_env_block),
]

# -- decoys -------------------------------------------------------------------------------------

DECOYS = key_cases(
    ('decoy-php-fpm-env-ref', 'deploy/php-fpm.d/www.example.conf', '''\
[www]
env[TOGETHER_API_KEY] = $TOGETHER_API_KEY
env[BUILD_SHA256] = {_hex}
'''),
    ('decoy-nginx-fastcgi-variable', 'deploy/nginx/site.example.conf', '''\
fastcgi_param TOGETHER_API_KEY $together_api_key;
ssl_stapling_verify on;
# pinned together-proxy cert: sha256 {_hex}
'''),
    ('decoy-aws-shorthand-other-var', 'scripts/deploy-lambda.example.sh', '''\
aws lambda update-function-configuration --function-name together-proxy \\
  --environment "Variables={{TOGETHER_API_KEY=$TOGETHER_API_KEY,CODE_SHA256={_hex}}}"
'''),
    ('decoy-pod-status-container-id', 'k8s/debug/pod.yaml', '''\
apiVersion: v1
kind: Pod
metadata:
  name: together-proxy-7d9f
spec:
  containers:
    - name: together-proxy
      env:
        - name: TOGETHER_API_KEY
          valueFrom:
            secretKeyRef: {{name: together, key: api-key}}
status:
  containerStatuses:
    - name: together-proxy
      containerID: containerd://{_hex}
      imageID: ghcr.io/acme/together-proxy@sha256:{_hex2}
'''),
    ('decoy-tfstate-archive-sha', 'infra/terraform.tfstate', '''\
{{
  "version": 4,
  "resources": [
    {{
      "mode": "data", "type": "archive_file", "name": "together_proxy",
      "instances": [{{"attributes": {{"output_path": "together_proxy.zip", "output_sha256": "{_hex}", "output_base64sha256": "{_b64}"}}}}]
    }},
    {{
      "mode": "managed", "type": "aws_lambda_function", "name": "together_proxy",
      "instances": [{{"attributes": {{"environment": [{{"variables": {{"TOGETHER_API_KEY_PARAM": "/prod/together/api_key"}}}}]}}}}]
    }}
  ]
}}
'''),
    ('decoy-spdx-json-checksum', 'sbom/chat.spdx.json', '''\
{{"spdxVersion": "SPDX-2.3", "packages": [{{"name": "together", "SPDXID": "SPDXRef-Package-together", "versionInfo": "1.3.0",
  "checksums": [{{"algorithm": "SHA256", "checksumValue": "{_hex}"}}]}}]}}
'''),
    ('decoy-vscode-machine-id', '.vscode-profile/storage.json', '''\
{{
  "telemetry.machineId": "{_hex}",
  "profileAssociations": {{"workspaces": {{}}}},
  "extensions.installed": ["togethercomputer.together-vscode"]
}}
'''),
    ('decoy-curl-verbose-request-id', 'notes/curl-v.txt', '''\
> POST /v1/chat/completions HTTP/2
> Host: api.together.xyz
> authorization: Bearer $TOGETHER_API_KEY
>
< HTTP/2 200
< x-request-id: {_hex}
'''),
    ('decoy-rest-client-process-env', 'api/together.example.http', '''\
@baseUrl = https://api.together.xyz/v1
@token = {{{{$processEnv TOGETHER_API_KEY}}}}
@body_sha = {_hex}

GET {{{{baseUrl}}}}/models
Authorization: Bearer {{{{token}}}}
'''),
    ('decoy-grafana-env-interpolation', 'grafana/provisioning/datasources/together.example.yaml', '''\
datasources:
  - name: LLM usage
    url: https://api.together.xyz/v1
    jsonData:
      httpHeaderName1: Authorization
    secureJsonData:
      httpHeaderValue1: Bearer $__env{{TOGETHER_API_KEY}}
'''),
    ('decoy-sqlite-digest-cache', 'data/cache.db', 'SQLITE'),
    ('decoy-zip-env-example-and-sums', 'backups/template.zip', 'ZIP'),
    ('decoy-docx-installer-digest', 'docs/install.docx', 'DOCX'),
    ('decoy-html-pygments-digest', 'docs/_static/verify.html', '''\
<pre><span class="n">TOGETHER_API_KEY</span> <span class="o">=</span> <span class="n">os</span><span class="o">.</span><span class="n">environ</span><span class="p">[</span><span class="s2">&quot;TOGETHER_API_KEY&quot;</span><span class="p">]</span>
<span class="n">EXPECTED_SHA256</span> <span class="o">=</span> <span class="s2">&quot;{_hex}&quot;</span>
</pre>
'''),
    ('decoy-basic-auth-other-host', 'logs/debug-nexus.log', 'BASIC'),
    ('decoy-fish-digest-name', 'dotfiles/.config/fish/conf.d/together.example.fish', '''\
set -gx TOGETHER_API_KEY (security find-generic-password -s together -w)
set -gx TOGETHER_KEY_SHA256 {_hex}
'''),
    ('decoy-clojure-digest-keyword', 'resources/config.example.edn', '''\
{{:together/api-key #env TOGETHER_API_KEY
 :together/api-key-sha256 "{_hex}"}}
'''),
    ('decoy-jwt-jti', '.env.gateway.example', 'JWT'),
    ('decoy-eclipse-env-var-ref', '.launches/chat.example.launch', '''\
<mapAttribute key="org.eclipse.debug.core.environmentVariables">
<mapEntry key="TOGETHER_API_KEY" value="${{env_var:TOGETHER_API_KEY}}"/>
<mapEntry key="BUILD_SHA256" value="{_hex}"/>
</mapAttribute>
'''),
    ('decoy-bundle-hash-beside-client', 'public/assets/index-9d1b.js', '''\
import{{T as Kt}}from"./vendor-9c1e.js";const Ye="{_hex}",Qe=new Kt({{apiKey:window.__ENV__.TOGETHER_API_KEY}});verifyBuild(Ye);export{{Qe as client}};
'''),
    ('decoy-jupyter-pip-hash-ansi', 'notebooks/install.ipynb', '''\
{{"cells": [{{"cell_type": "code", "outputs": [{{"name": "stdout", "output_type": "stream", "text": ["Collecting together==1.3.0\\n", "  Downloaded together-1.3.0-py3-none-any.whl \\u001b[32msha256={_hex}\\u001b[0m\\n"]}}], "source": ["%pip install together==1.3.0"]}}]}}
'''),
    ('decoy-html-wbr-placeholder', 'docs/site/placeholder.html', '''\
<pre><code>export TOGETHER_API_KEY=tgp_v1_<wbr>YOUR_KEY_HERE</code></pre>
'''),
    ('decoy-avante-key-name', 'dotfiles/.config/nvim/lua/plugins/avante.lua', '''\
return {{ "yetone/avante.nvim", opts = {{ provider = "together", vendors = {{ together = {{
  __inherited_from = "openai", endpoint = "https://api.together.xyz/v1",
  api_key_name = "cmd:pass show together/api-key", model = "deepseek-ai/DeepSeek-V3",
}} }} }} }}
'''),
    ('decoy-tcl-env-ref', 'tools/setup.example.tcl', '''\
set ::env(TOGETHER_API_KEY) $::env(CI_TOGETHER_KEY)
set ::env(TOGETHER_CACHE_KEY) {_hex}
'''),
    ('decoy-utf32-env-placeholder', 'ops/env.example.utf32.txt', 'UTF32'),
    ('decoy-html-table-checksums', 'docs/wiki/downloads.html', '''\
<table>
<tr><th>File</th><th>SHA-256</th></tr>
<tr><td>together-cli-1.3.0-linux-amd64</td><td><code>{_hex}</code></td></tr>
</table>
'''),
    ('decoy-html-wbr-commit-id', 'docs/site/changelog.html', 'WBR'),
)


def _decoy_sqlite(m: Made):
    rows = [(i, 'together', m.hex(), b'\x00' * 16) for i in range(3)]
    return _sqlite_file('CREATE TABLE embedding_cache (id INTEGER PRIMARY KEY, provider TEXT, text_sha256 TEXT, vector BLOB)',
                        rows), []


def _decoy_zip(m: Made):
    return _zip({
        'template/.env.example': 'TOGETHER_API_KEY=your-together-api-key\nTOGETHER_BASE_URL=https://api.together.xyz/v1\n',
        'template/SHA256SUMS': f'{m.hex()}  together-1.3.0-py3-none-any.whl\n',
    }), []


def _decoy_docx(m: Made):
    body = ('<w:p><w:r><w:t>Verify the Together CLI download:</w:t></w:r></w:p>'
            f'<w:p><w:r><w:t xml:space="preserve">SHA-256: </w:t></w:r><w:r><w:t>{m.hex()}</w:t></w:r></w:p>')
    return _docx(body), []


def _decoy_basic_other_host(m: Made):
    value = base64.b64encode(f'ci:{m.hex()}'.encode()).decode()
    text = ('DEBUG:urllib3.connectionpool:Starting new HTTPS connection (1): nexus.acme.internal:443\n'
            "send: b'GET /repository/pypi/simple/together/ HTTP/1.1\\r\\nHost: nexus.acme.internal"
            f"\\r\\nAuthorization: Basic {value}\\r\\n\\r\\n'\n")
    return text, []


def _decoy_jwt(m: Made):
    def seg(obj: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj, separators=(',', ':')).encode()).rstrip(b'=').decode()

    token = '.'.join((seg({'alg': 'HS256', 'typ': 'JWT'}),
                      seg({'sub': 'chat-api', 'upstream': 'together', 'jti': m.hex(), 'exp': 1893456000}),
                      base64.urlsafe_b64encode(m.rng.randbytes(32)).rstrip(b'=').decode()))
    return f'GATEWAY_TOKEN={token}\n', []


def _decoy_utf32(m: Made):
    text = f'TOGETHER_API_KEY=\r\nTOGETHER_BASE_URL=https://api.together.xyz/v1\r\nSESSION_CACHE_KEY={m.hex()}\r\n'
    return text.encode('utf-32'), []


def _decoy_wbr_commit(m: Made):
    # a SHA-256 repository's commit id, cut where it may wrap
    sha = m.hex()
    text = (f'<p>Together client: fixed in <a href="https://github.com/acme/chat/commit/{sha}">'
            f'{sha[:32]}<wbr>{sha[32:]}</a></p>\n')
    return text, []


_BUILDERS = {'WBR': _decoy_wbr_commit, 'SQLITE': _decoy_sqlite, 'ZIP': _decoy_zip, 'DOCX': _decoy_docx,
             'BASIC': _decoy_basic_other_host, 'JWT': _decoy_jwt, 'UTF32': _decoy_utf32}
DECOYS = [
    Case(c.id, c.path, _BUILDERS[c.build(Made(c.id))[0]]) if c.build(Made(c.id))[0] in _BUILDERS else c
    for c in DECOYS
]

CASES = CONFIGS + CODE + FILES + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
    'minified-bundle-short-name': "a minified bundle binding the key to a short name (`const Ye=\"<hex>\"`) that a Together client's options then use (`new Kt({apiKey:Ye,baseURL:…together…})`): a value is read where it is written, not followed through a name",
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 40 and decoys >= 25, (keys, decoys)

