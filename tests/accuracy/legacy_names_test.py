"""Legacy keys named as Together keys, in the formats tools really write.

The name is matched case-insensitively and across separators
(``TogetherApiKey``, ``together-api-key``, ``Together:ApiKey``,
``TOGETHER__APIKEY``), and the grammar from name to value follows XML
attributes and elements, nested JSON sections, key/value pair objects,
Terraform state outputs, markdown tables, typed attributes and CLI defaults.
"""
from __future__ import annotations

from tests.accuracy import hex_cases
from tests.accuracy import make_tests

ANDROID_STRINGS = '''\
<?xml version="1.0" encoding="utf-8"?>
<resources>
    <string name="app_name">Llama Chat</string>
    <string name="default_model">meta-llama/Llama-3-8b-chat-hf</string>
    <string name="together_api_key" translatable="false">{hex}</string>
    <string name="send">Send</string>
</resources>
'''

ANDROID_PLAIN = '''\
<resources>
    <string name="together_api_key">{hex}</string>
</resources>
'''

APP_CONFIG = '''\
<?xml version="1.0" encoding="utf-8" ?>
<configuration>
  <startup>
    <supportedRuntime version="v4.0" sku=".NETFramework,Version=v4.7.2" />
  </startup>
  <appSettings>
    <add key="TogetherModel" value="mistralai/Mixtral-8x7B-Instruct-v0.1" />
    <add key="TogetherApiKey" value="{hex}" />
    <add key="MaxTokens" value="512" />
  </appSettings>
</configuration>
'''

WEB_CONFIG = '''\
<?xml version="1.0"?>
<configuration>
  <appSettings>
    <add key="webpages:Version" value="3.0.0.0" />
    <add key="Together:ApiKey"
         value="{hex}" />
  </appSettings>
  <system.web>
    <compilation debug="true" targetFramework="4.8" />
  </system.web>
</configuration>
'''

APPSETTINGS = '''\
{{
  "Logging": {{
    "LogLevel": {{
      "Default": "Information",
      "Microsoft.AspNetCore": "Warning"
    }}
  }},
  "Together": {{
    "BaseUrl": "https://api.together.xyz/v1",
    "ApiKey": "{hex}",
    "Model": "meta-llama/Llama-3-70b-chat-hf"
  }},
  "AllowedHosts": "*"
}}
'''

APPSETTINGS_ONE_LINE = '{{"Together":{{"ApiKey":"{hex}","Model":"Qwen/Qwen2-72B-Instruct"}}}}\n'

USER_SECRETS = '''\
{{
  "ConnectionStrings:Default": "Server=(localdb)\\\\mssqllocaldb;Database=app;Trusted_Connection=True",
  "Together:ApiKey": "{hex}"
}}
'''

COMPOSE_DOUBLE_UNDERSCORE = '''\
services:
  api:
    image: ghcr.io/acme/chat-api:1.4.2
    environment:
      - ASPNETCORE_ENVIRONMENT=Development
      - Together__ApiKey={hex}
    ports:
      - "8080:8080"
'''

ENV_DOUBLE_UNDERSCORE = '''\
# exported for the .NET worker
TOGETHER__APIKEY={hex}
TOGETHER__MODEL=meta-llama/Llama-3-8b-chat-hf
'''

TFSTATE = '''\
{{
  "version": 4,
  "terraform_version": "1.7.5",
  "serial": 12,
  "lineage": "4b0d5bd1-7a39-5c0e-2f1e-0c51d7f3a9e2",
  "outputs": {{
    "endpoint": {{
      "value": "https://chat.internal.example.com",
      "type": "string"
    }},
    "together_api_key": {{
      "value": "{hex}",
      "type": "string",
      "sensitive": true
    }}
  }},
  "resources": [],
  "check_results": null
}}
'''

POSTMAN_ENV = '''\
{{
	"id": "0f3c1a5e-8d2b-4f77-9a61-2c5e0b8d7f14",
	"name": "Together AI (staging)",
	"values": [
		{{
			"key": "base_url",
			"value": "https://api.together.xyz/v1",
			"type": "default",
			"enabled": true
		}},
		{{
			"key": "TOGETHER_API_KEY",
			"value": "{hex}",
			"type": "secret",
			"enabled": true
		}}
	],
	"_postman_variable_scope": "environment",
	"_postman_exported_at": "2024-05-02T09:14:27.301Z",
	"_postman_exported_using": "Postman/11.0.3"
}}
'''

INSOMNIA_EXPORT = '''\
{{
  "_type": "export",
  "__export_format": 4,
  "__export_source": "insomnia.desktop.app:v8.6.1",
  "resources": [
    {{
      "_id": "env_9d1c4b0e7a2f4c3e",
      "parentId": "wrk_2a7f0c9e51b84d6a",
      "name": "Base Environment",
      "data": {{
        "base_url": "https://api.together.xyz",
        "togetherApiKey": "{hex}"
      }},
      "_type": "environment"
    }}
  ]
}}
'''

MARKDOWN_TABLE = '''\
## Staging environment

| Variable | Value | Notes |
|----------|-------|-------|
| `TOGETHER_MODEL` | `meta-llama/Llama-3-8b-chat-hf` | default model |
| `TOGETHER_API_KEY` | `{hex}` | rotate monthly |
'''

PYDANTIC_SETTINGS = '''\
from pydantic import SecretStr
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    model_name: str = "meta-llama/Llama-3-8b-chat-hf"
    together_api_key: SecretStr = "{hex}"
    max_tokens: int = 512
'''

DATACLASS_OPTIONAL = '''\
@dataclass
class TogetherConfig:
    together_api_key: Optional[str] = "{hex}"
    timeout: float = 30.0
'''

KOTLIN_CONST = '''\
object Secrets {{
    const val TogetherApiKey: String = "{hex}"
}}
'''

GO_VAR = '''\
package config

var TogetherAPIKey string = "{hex}"
'''

ARGPARSE = '''\
def parse_args():
    parser = argparse.ArgumentParser(description="Batch inference on Together")
    parser.add_argument("--model", default="meta-llama/Llama-3-8b-chat-hf")
    parser.add_argument(
        "--together-api-key",
        type=str,
        default="{hex}",
        help="API key for api.together.xyz",
    )
    return parser.parse_args()
'''

CLICK_OPTION = '''\
@click.command()
@click.option("--together-api-key", default="{hex}", show_default=False)
def main(together_api_key):
    ...
'''

PROPERTIES = '''\
spring.application.name=chat
together.api.key={hex}
together.model=mistralai/Mixtral-8x7B-Instruct-v0.1
'''

HTTP_HEADER_NAME = '''\
GET /v1/models HTTP/1.1
Host: gateway.internal
Together-Api-Key: {hex}
'''

CASES = [
    *hex_cases(
        ('android-strings', 'app/src/main/res/values/strings.xml', ANDROID_STRINGS),
        ('android-plain', 'res/values/secrets.xml', ANDROID_PLAIN),
        ('app-config', 'App.config', APP_CONFIG),
        ('web-config-two-lines', 'Web.config', WEB_CONFIG),
        ('appsettings-section', 'appsettings.Development.json', APPSETTINGS),
        ('appsettings-one-line', 'appsettings.json', APPSETTINGS_ONE_LINE),
        ('user-secrets', 'secrets.json', USER_SECRETS),
        ('compose-double-underscore', 'docker-compose.yml', COMPOSE_DOUBLE_UNDERSCORE),
        ('env-double-underscore', 'worker.env', ENV_DOUBLE_UNDERSCORE),
        ('tfstate-output', 'terraform.tfstate', TFSTATE),
        ('postman-environment', 'Together.postman_environment.json', POSTMAN_ENV),
        ('insomnia-export', 'Insomnia_2024-05-02.json', INSOMNIA_EXPORT),
        ('markdown-table', 'docs/staging.md', MARKDOWN_TABLE),
        ('pydantic-secretstr', 'app/settings.py', PYDANTIC_SETTINGS),
        ('dataclass-optional', 'config.py', DATACLASS_OPTIONAL),
        ('kotlin-const', 'Secrets.kt', KOTLIN_CONST),
        ('go-typed-var', 'config/keys.go', GO_VAR),
        ('argparse-default', 'batch.py', ARGPARSE),
        ('click-default', 'cli.py', CLICK_OPTION),
        ('java-properties', 'application.properties', PROPERTIES),
        ('http-header-name', 'request.http', HTTP_HEADER_NAME),
    ),
]

results, test_case = make_tests(CASES)
