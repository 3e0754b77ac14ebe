"""Hard decoys: 64-hex values and key-shaped text beside the word
"together" that are not keys -- digests in lockfiles, checksum files and
SRI attributes of a package named together, git SHAs, ids, placeholders,
key ids, references to the environment, documentation examples."""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests


CASES = key_cases(
    ('uv-lock', 'uv.lock', '''\
[[package]]
name = "together"
version = "1.3.0"
source = {{ registry = "https://pypi.org/simple" }}
sdist = {{ url = "https://files.pythonhosted.org/packages/together-1.3.0.tar.gz", hash = "sha256:{_hex}", size = 61234 }}
wheels = [
    {{ url = "https://files.pythonhosted.org/packages/together-1.3.0-py3-none-any.whl", hash = "sha256:{_hex2}", size = 70345 }},
]
'''),
    ('requirements-hashes', 'requirements.txt', '''\
together==1.2.3 \\
    --hash=sha256:{_hex} \\
    --hash=sha256:{_hex2}
'''),
    ('pipfile-lock', 'Pipfile.lock', '''\
{{
    "default": {{
        "together": {{
            "hashes": [
                "sha256:{_hex}",
                "sha256:{_hex2}"
            ],
            "version": "==1.2.3"
        }}
    }}
}}
'''),
    ('sha256sums', 'dist/SHA256SUMS', '{_hex}  together-cli-linux-amd64.tar.gz\n{_hex2}  together-cli-darwin-arm64.tar.gz\n'),
    ('nix-flake-lock', 'flake.lock', '''\
{{
  "nodes": {{
    "together": {{
      "locked": {{
        "narHash": "sha256-{_b64}",
        "owner": "togethercomputer",
        "repo": "together-python",
        "rev": "{_hex}",
        "type": "github"
      }}
    }}
  }}
}}
'''),
    ('docker-image-digest', 'compose.yaml', '''\
services:
  together-proxy:
    image: ghcr.io/acme/together-proxy@sha256:{_hex}
'''),
    ('homebrew-formula', 'Formula/together.rb', '''\
class Together < Formula
  url "https://github.com/togethercomputer/together-cli/archive/v1.0.tar.gz"
  sha256 "{_hex}"
end
'''),
    ('git-log-oneline', 'CHANGELOG.md', '''\
## together 1.2.3
- {_hex} Merge pull request #12 from togethercomputer/together-api-key-docs
'''),
    ('github-actions-pin', '.github/workflows/together.yml', '''\
name: together
jobs:
  eval:
    steps:
      - uses: togethercomputer/together-action@{_hex}
'''),
    ('sri-integrity', 'index.html', '<script src="https://cdn.together.ai/widget.js" integrity="sha256-{_b64}" crossorigin="anonymous"></script>\n'),
    ('sha256-hex-in-readme', 'README.md', '''\
Download together-cli and check it:

    sha256sum together-cli.tar.gz
    {_hex}  together-cli.tar.gz
'''),
    ('key-id-listing', 'keys.json', '{{"object": "list", "data": [{{"id": "key_{_hex}", "name": "together prod"}}]}}\n'),
    ('env-references', '.env.example', '''\
TOGETHER_API_KEY=${{TOGETHER_API_KEY}}
TOGETHER_API_KEY=$TOGETHER_API_KEY
TOGETHER_API_KEY=<your-together-api-key>
TOGETHER_API_KEY=your_api_key_here
TOGETHER_API_KEY=
'''),
    ('placeholder-hex', 'docs/config.md', 'TOGETHER_API_KEY=' + '0123456789abcdef' * 4 + '\n'),
    ('placeholder-tgp-x', 'docs/quickstart.md', 'export TOGETHER_API_KEY=tgp_v1_' + 'x' * 43 + '\n'),
    ('placeholder-tgp-dots', 'docs/auth.md', 'Authorization: Bearer tgp_v1_...\n'),
    ('model-hash-together', 'models.yaml', '''\
together:
  model: meta-llama/Llama-3-8b-chat-hf
  weights_sha256: {_hex}
  revision: {_hex2}
'''),
    ('uuid-and-request-id', 'logs/together.log', '''\
2024-05-01 POST https://api.together.xyz/v1/chat/completions 200 request_id=8f2b1c4e-5d6a-4b7c-9e8f-0a1b2c3d4e5f
trace_id={_hex} span=0af7651916cd43dd
'''),
    ('etag-header', 'capture.http', '''\
HTTP/1.1 200 OK
Server: api.together.xyz
ETag: "{_hex}"
X-Request-Id: {_hex2}
'''),
    ('terraform-provider-lock', '.terraform.lock.hcl', '''\
provider "registry.terraform.io/togethercomputer/together" {{
  version = "0.1.0"
  hashes = [
    "h1:{_b64}",
    "zh:{_hex}",
  ]
}}
'''),
    ('go-sum', 'go.sum', 'github.com/togethercomputer/together-go v0.1.0 h1:{_b64}\n'),
    ('process-env-ts', 'src/client.ts', "const together = new Together({{ apiKey: process.env.TOGETHER_API_KEY! }});\n"),
    ('os-getenv-go', 'main.go', 'client := together.NewClient(os.Getenv("TOGETHER_API_KEY"))\n'),
    ('secret-manager-ref', 'app.yaml', '''\
env:
  - name: TOGETHER_API_KEY
    valueFrom:
      secretKeyRef:
        name: together
        key: api-key
'''),
    ('vault-path', 'vault.hcl', 'path "secret/data/together/api_key" {{\n  capabilities = ["read"]\n}}\n'),
    ('readable-run', 'test_client.py', 'client = Together(api_key="tgp_v1_thisIsNotARealKeyJustForTestingPurposes123")\n'),
    ('masked-log', 'logs/startup.log', 'Using Together API key tgp_v1_Ab**********************************yz\n'),
    ('pip-freeze-hash', 'constraints.txt', 'together @ https://files.pythonhosted.org/together-1.2.3.tar.gz#sha256={_hex}\n'),
    ('npm-lock-integrity', 'package-lock.json', '''\
{{
  "packages": {{
    "node_modules/together-ai": {{
      "version": "0.6.0",
      "resolved": "https://registry.npmjs.org/together-ai/-/together-ai-0.6.0.tgz",
      "integrity": "sha512-{_b64}{_b64}"
    }}
  }}
}}
'''),
    ('hmac-test-vector', 'tests/test_webhook.py', '''\
def test_together_webhook_signature():
    # HMAC-SHA256 of the body with the test secret
    assert sign(b"together", b"body") == "{_hex}"
'''),
    ('sql-sha', 'seed.sql', "INSERT INTO artifacts (name, sha256) VALUES ('together-1.2.3.whl', '{_hex}');\n"),
    ('csv-checksums', 'artifacts.csv', 'file,sha256\ntogether-1.2.3.whl,{_hex}\n'),
    # Near the shapes the session-5 grammar reads: a CLI value flag, a
    # path, an XML name/value pair, Bearer as an argument, headings.
    ('gh-secret-other-name', 'scripts/release.sh', '''\
gh secret set RELEASE_SHA256 --body "{_hex}"
gh secret set TOGETHER_API_KEY --body "$TOGETHER_API_KEY"
'''),
    ('ssm-model-digest', 'bootstrap.sh', 'aws ssm put-parameter --name /prod/together/model_digest --value {_hex}\n'),
    ('plist-build-hash', 'Info.plist', '''\
<dict>
	<key>TogetherSDKVersion</key>
	<string>1.2.3</string>
	<key>TogetherBuildHash</key>
	<string>{_hex}</string>
</dict>
'''),
    ('dotnet-bearer-other-host', 'GitHubClient.cs', '''\
client.BaseAddress = new Uri("https://api.github.com/");
client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "{_hex}");
// see TogetherClient.cs for the Together one
'''),
    ('hcl-other-provider', 'main.tf', '''\
provider "together" {{}}

provider "cloudflare" {{
  api_token = "{_hex}"
}}
'''),
    ('xml-other-element', 'App.config', '''\
<Together>
  <Model>meta-llama/Llama-3-8b-chat-hf</Model>
</Together>
<Stripe>
  <ApiKey>{_hex}</ApiKey>
</Stripe>
'''),
    ('yaml-tagged-digest', 'together.yml', 'together:\n  weights_digest: !!str {_hex}\n'),
    # Flat names: a group is a prefix and one more word.
    ('env-app-prefix', '.env', '''\
APP_SECRET={_hex}
APP_LLM_PROVIDER=together
APP_LLM_MODEL=meta-llama/Llama-3-8b-chat-hf
'''),
    ('env-other-group', '.env.local', '''\
STRIPE_API_KEY={_hex}
STRIPE_WEBHOOK_URL=https://example.com/hooks/stripe
LLM_PROVIDER=together
LLM_API_KEY=${{LLM_API_KEY}}
'''),
)

results, test_case = make_tests(CASES)
