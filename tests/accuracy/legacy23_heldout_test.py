"""A twenty-third held-out probe (session 26), legacy keys only: 64
lowercase hex characters whose Together context is a function's or a
type's heading in the shapes legacy22 did not try.  Python and Go
signatures split over several lines, Java and C# methods (no ``def``
keyword: a return type before the name), Kotlin, Scala and Swift
functions with a return type, JS object methods (``together() {``,
``together: function () {``), TS arrow functions with a return type,
a one-line arrow body, Elixir's ``def key, do: "<hex>"``, PHP methods
with Allman braces, a plist ``<key>Together</key>`` over its ``<dict>``,
a docker config's ``auths`` entry for a Together registry host.  Decoys
of the same shapes: SHA-256s, checksums, HMAC and encryption keys in
Together-named methods and classes, a digest field in a Together release
class, lockfile lines (mix.lock, poetry.lock, composer.lock,
Package.resolved).  Written before any fix; what bf562d66 missed is in
``MISSED`` (strict xfails) or was fixed in the same session
(docs/detection.md, "Found since the twenty-third held-out set").
"""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

SOURCE = key_cases(
    ('python-multiline-signature', 'app/llm/factory.py', '''\
from openai import OpenAI


def make_together_client(
    timeout: float = 30.0,
    retries: int = 3,
) -> OpenAI:
    api_key = "{hex}"
    return OpenAI(api_key=api_key, timeout=timeout, max_retries=retries)
'''),
    ('python-multiline-method', 'app/llm/service.py', '''\
class Clients:
    async def together_session(
        self,
        model: str,
    ) -> dict:
        token = "{hex}"
        return {{"model": model, "token": token}}
'''),
    ('java-method-return-type', 'src/main/java/com/acme/llm/Keys.java', '''\
package com.acme.llm;

public final class Keys {{
    public String togetherKey() {{
        String key = "{hex}";
        return key;
    }}
}}
'''),
    ('java-bean-method-throws', 'src/main/java/com/acme/llm/LlmConfig.java', '''\
@Configuration
public class LlmConfig {{
    @Bean
    public OpenAIClient togetherClient() throws IOException {{
        String apiKey = "{hex}";
        return OpenAIOkHttpClient.builder().apiKey(apiKey).build();
    }}
}}
'''),
    ('java-static-final-constant', 'src/main/java/com/acme/llm/Defaults.java', '''\
final class Defaults {{
    private static final String TOGETHER_KEY = "{hex}";
}}
'''),
    ('csharp-method-allman', 'src/Chat/ClientFactory.cs', '''\
public static class ClientFactory
{{
    public static OpenAIClient CreateTogetherClient()
    {{
        var apiKey = "{hex}";
        return new OpenAIClient(new ApiKeyCredential(apiKey));
    }}
}}
'''),
    ('csharp-expression-bodied-property', 'src/Chat/Secrets.cs', '''\
internal static class TogetherSecrets
{{
    public static string ApiKey => "{hex}";
}}
'''),
    ('csharp-options-class-allman', 'src/Chat/TogetherOptions.cs', '''\
public class TogetherOptions
{{
    public string Model {{ get; set; }} = "meta-llama/Llama-3.3-70B-Instruct-Turbo";
    public string ApiKey {{ get; set; }} = "{hex}";
}}
'''),
    ('kotlin-fun-return-type', 'app/src/main/kotlin/Llm.kt', '''\
fun togetherClient(): OpenAIClient {{
    val apiKey = "{hex}"
    return OpenAIOkHttpClient.builder().apiKey(apiKey).build()
}}
'''),
    ('kotlin-companion-object', 'app/src/main/kotlin/TogetherService.kt', '''\
class TogetherService(private val http: HttpClient) {{
    companion object {{
        const val API_KEY = "{hex}"
    }}
}}
'''),
    ('scala-def-return-type-eq', 'src/main/scala/Llm.scala', '''\
object Llm {{
  def togetherClient(): Client = {{
    val apiKey = "{hex}"
    Client(apiKey)
  }}
}}
'''),
    ('swift-func-arrow-return', 'Sources/App/Llm.swift', '''\
enum Llm {{
    static func makeTogetherClient() -> Client {{
        let apiKey = "{hex}"
        return Client(apiKey: apiKey)
    }}
}}
'''),
    ('ts-arrow-return-type', 'src/llm/together.ts', '''\
export const together = (): string => {{
  const key = "{hex}";
  return key;
}};
'''),
    ('ts-async-arrow-generic-return', 'src/llm/factory.ts', '''\
export const createTogetherClient = async (opts: Opts): Promise<OpenAI> => {{
  const apiKey = "{hex}";
  return new OpenAI({{ apiKey, ...opts }});
}};
'''),
    ('ts-class-method-return-type', 'src/llm/headers.ts', '''\
export class Headers {{
  togetherHeaders(): Record<string, string> {{
    const token = "{hex}";
    return {{ Authorization: `Bearer ${{token}}` }};
  }}
}}
'''),
    ('js-object-method-shorthand', 'src/providers.js', '''\
const providers = {{
  openai() {{
    return process.env.OPENAI_API_KEY;
  }},
  together() {{
    const key = "{hex}";
    return key;
  }},
}};
'''),
    ('js-object-function-property', 'src/providers_legacy.js', '''\
var providers = {{
  together: function () {{
    var apiKey = "{hex}";
    return apiKey;
  }}
}};
'''),
    ('js-one-line-arrow-body', 'src/key.js', '''\
const togetherKey = () => {{ const key = "{hex}"; return key; }};
'''),
    ('go-multiline-signature', 'internal/llm/client.go', '''\
package llm

func NewTogetherClient(
	ctx context.Context,
	timeout time.Duration,
) *Client {{
	key := "{hex}"
	return &Client{{key: key, timeout: timeout}}
}}
'''),
    ('go-receiver-multiline', 'internal/llm/auth.go', '''\
package llm

func (c *TogetherClient) authorize(
	req *http.Request,
) {{
	token := "{hex}"
	req.Header.Set("Authorization", "Bearer "+token)
}}
'''),
    ('php-method-allman-return-type', 'app/Services/LlmService.php', '''\
<?php

class LlmService
{{
    public function togetherClient(): Client
    {{
        $apiKey = '{hex}';
        return new Client($apiKey);
    }}
}}
'''),
    ('php-function', 'lib/together.php', '''\
<?php
function together_headers() {{
    $key = "{hex}";
    return ["Authorization" => "Bearer " . $key];
}}
'''),
    ('ruby-def-with-params', 'lib/llm.rb', '''\
module Llm
  def self.together_client(timeout: 30)
    key = "{hex}"
    Client.new(key, timeout: timeout)
  end
end
'''),
    ('elixir-def-do-keyword-in-together-module', 'lib/acme/together.ex', '''\
defmodule Acme.Together do
  def key, do: "{hex}"
end
'''),
    ('elixir-def-together-key-do-keyword', 'lib/acme/llm.ex', '''\
defmodule Acme.LLM do
  def together_key, do: "{hex}"
end
'''),
    ('plist-together-dict', 'Config/Secrets.plist', '''\
<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
	<key>OpenAI</key>
	<dict>
		<key>Model</key>
		<string>gpt-4o-mini</string>
	</dict>
	<key>Together</key>
	<dict>
		<key>Model</key>
		<string>meta-llama/Llama-3.3-70B-Instruct-Turbo</string>
		<key>APIKey</key>
		<string>{hex}</string>
	</dict>
</dict>
</plist>
'''),
    ('docker-config-auths-together-host', 'ci/docker/config.json', '''\
{{
  "auths": {{
    "registry.together.ai": {{
      "identitytoken": "{hex}"
    }}
  }}
}}
'''),
    ('kotlin-multiline-signature', 'app/src/main/kotlin/Factory.kt', '''\
fun buildTogetherClient(
    timeout: Duration,
    retries: Int,
): OpenAIClient {{
    val apiKey = "{hex}"
    return OpenAIOkHttpClient.builder().apiKey(apiKey).build()
}}
'''),
    ('swift-struct-static-let', 'Sources/App/TogetherAPI.swift', '''\
struct TogetherAPI {{
    static let key = "{hex}"
}}
'''),
    ('scala-object-val', 'src/main/scala/TogetherConfig.scala', '''\
object TogetherConfig {{
  val apiKey = "{hex}"
}}
'''),
)

DECOYS = key_cases(
    ('decoy-java-checksum-method', 'src/main/java/com/acme/Release.java', '''\
public final class Release {{
    public String togetherChecksum() {{
        String key = "{_hex}";
        return key;
    }}
}}
'''),
    ('decoy-csharp-encryption-method', 'src/Chat/Crypto.cs', '''\
public static class Crypto
{{
    public static byte[] TogetherEncrypt(byte[] plain)
    {{
        var key = "{_hex}";
        return Aes.Seal(key, plain);
    }}
}}
'''),
    ('decoy-python-multiline-digest', 'app/release.py', '''\
def together_release_digest(
    path: str,
) -> str:
    key = "{_hex}"
    return key
'''),
    ('decoy-go-multiline-hmac', 'internal/hooks/verify.go', '''\
package hooks

func togetherHMAC(
	body []byte,
) []byte {{
	key := "{_hex}"
	return sign(key, body)
}}
'''),
    ('decoy-ts-arrow-cache-key', 'src/cache.ts', '''\
export const togetherCacheKey = (): string => {{
  const key = "{_hex}";
  return key;
}};
'''),
    ('decoy-js-object-method-checksum', 'src/artifacts.js', '''\
const artifacts = {{
  togetherChecksum() {{
    const key = "{_hex}";
    return key;
  }},
}};
'''),
    ('decoy-js-sha256-function-property', 'src/sums.js', '''\
var sums = {{
  together_sha256: function () {{
    var key = "{_hex}";
    return key;
  }}
}};
'''),
    ('decoy-kotlin-release-data-class', 'app/src/main/kotlin/TogetherRelease.kt', '''\
data class TogetherRelease(
    val version: String = "1.3.0",
    val digest: String = "{_hex}",
)
'''),
    ('decoy-swift-release-struct', 'Sources/App/TogetherRelease.swift', '''\
struct TogetherRelease {{
    static let sha256 = "{_hex}"
}}
'''),
    ('decoy-scala-artifacts-object', 'src/main/scala/TogetherArtifacts.scala', '''\
object TogetherArtifacts {{
  val jarSha256 = "{_hex}"
}}
'''),
    ('decoy-php-signature-method', 'app/Services/Webhooks.php', '''\
<?php

class Webhooks
{{
    public function togetherSignature(string $body): string
    {{
        $key = '{_hex}';
        return hash_hmac('sha256', $body, $key);
    }}
}}
'''),
    ('decoy-ruby-digest-def', 'lib/release.rb', '''\
def together_digest(path)
  key = "{_hex}"
  key
end
'''),
    ('decoy-elixir-checksum-in-together-module', 'lib/acme/together_release.ex', '''\
defmodule Acme.TogetherRelease do
  def checksum, do: "{_hex}"
end
'''),
    ('decoy-elixir-together-hash-do-keyword', 'lib/acme/hashes.ex', '''\
defmodule Acme.Hashes do
  def together_hash, do: "{_hex}"
end
'''),
    ('decoy-plist-together-sha', 'Config/Release.plist', '''\
<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
	<key>Together</key>
	<dict>
		<key>Version</key>
		<string>1.3.0</string>
		<key>SHA256</key>
		<string>{_hex}</string>
	</dict>
</dict>
</plist>
'''),
    ('decoy-compose-together-image-digest', 'deploy/compose.yaml', '''\
services:
  inference:
    image: registry.together.ai/inference@sha256:{_hex}
'''),
    ('decoy-mix-lock', 'mix.lock', '''\
%{{
  "together": {{:hex, :together, "0.2.0", "{_hex}", [:mix], [], "hexpm", "{_hex2}"}},
}}
'''),
    ('decoy-poetry-lock', 'poetry.lock', '''\
[[package]]
name = "together"
version = "1.3.0"
files = [
    {{file = "together-1.3.0-py3-none-any.whl", hash = "sha256:{_hex}"}},
]
'''),
    ('decoy-composer-lock', 'composer.lock', '''\
{{
    "packages": [
        {{
            "name": "together/together-php",
            "version": "0.3.0",
            "dist": {{
                "type": "zip",
                "shasum": "{_hex}"
            }}
        }}
    ]
}}
'''),
    ('decoy-swiftpm-resolved', 'Package.resolved', '''\
{{
  "pins" : [
    {{
      "identity" : "together-swift",
      "kind" : "remoteSourceControl",
      "state" : {{
        "checksum" : "{_hex}",
        "version" : "0.4.0"
      }}
    }}
  ]
}}
'''),
    ('decoy-java-release-constant', 'src/main/java/com/acme/Versions.java', '''\
final class Versions {{
    private static final String TOGETHER_JAR_SHA256 = "{_hex}";
}}
'''),
    ('decoy-csharp-release-class', 'src/Chat/TogetherRelease.cs', '''\
public class TogetherRelease
{{
    public const string Digest = "{_hex}";
}}
'''),
    ('decoy-python-class-encryption-key', 'app/together_vault.py', '''\
class TogetherVault:
    def __init__(self) -> None:
        self.encryption_key = "{_hex}"
'''),
    ('decoy-go-nonce-multiline-receiver', 'internal/llm/nonce.go', '''\
package llm

func (c *TogetherClient) nonceSalt(
	n int,
) []byte {{
	key := "{_hex}"
	return derive(key, n)
}}
'''),
    ('decoy-kotlin-hmac-fun', 'app/src/main/kotlin/Hooks.kt', '''\
fun togetherHmacKey(): ByteArray {{
    val key = "{_hex}"
    return key.toByteArray()
}}
'''),
)

CASES = SOURCE + DECOYS

# Known misses, each a strict xfail: a case found again fails until its
# entry goes.
MISSED: dict[str, str] = {
}

results, test_case = make_tests(CASES, MISSED)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys >= 30 and decoys >= 25, (keys, decoys)
