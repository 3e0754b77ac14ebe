"""Keys in source code, in the languages and client libraries the other
kinds' tests do not write: assignments, constants, constructor calls and
builder chains in Rust, Go, Java, C#, Ruby, PHP, Kotlin, Swift, Dart, Scala,
Elixir, Lua, R and Julia; JS object literals; Python f-strings and dict
literals over lines; LangChain, LlamaIndex and OpenAI-compatible clients
in Python, JS and Go; keys split by concatenation in more languages."""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

CASES = key_cases(
    ('rust-const', 'src/config.rs', 'pub const TOGETHER_API_KEY: &str = "{hex}";\n'),
    ('rust-let', 'src/main.rs', '''\
fn main() {{
    let together_api_key = String::from("{hex}");
    let client = Client::new(together_api_key);
}}
'''),
    ('rust-builder', 'src/llm.rs', '''\
let client = async_openai::Client::with_config(
    OpenAIConfig::new()
        .with_api_base("https://api.together.xyz/v1")
        .with_api_key("{hex}"),
);
'''),
    ('go-const', 'internal/llm/keys.go', 'package llm\n\nconst togetherAPIKey = "{hex}"\n'),
    ('go-var-block', 'config.go', '''\
var (
	TogetherAPIKey = "{hex}"
	Model          = "meta-llama/Llama-3-8b-chat-hf"
)
'''),
    ('java-static', 'src/main/java/com/acme/Keys.java', '''\
public final class Keys {{
    public static final String TOGETHER_API_KEY = "{hex}";
}}
'''),
    ('java-builder', 'src/main/java/com/acme/Llm.java', '''\
OpenAiChatModel model = OpenAiChatModel.builder()
        .baseUrl("https://api.together.xyz/v1")
        .apiKey("{hex}")
        .modelName("meta-llama/Llama-3-8b-chat-hf")
        .build();
'''),
    ('csharp-const', 'Services/TogetherClient.cs', '''\
public class TogetherClient
{{
    private const string TogetherApiKey = "{hex}";
}}
'''),
    ('csharp-openai', 'Program.cs', '''\
var client = new OpenAIClient(
    new ApiKeyCredential("{hex}"),
    new OpenAIClientOptions {{ Endpoint = new Uri("https://api.together.xyz/v1") }});
'''),
    ('ruby', 'config/initializers/together.rb', 'TOGETHER_API_KEY = "{hex}".freeze\n'),
    ('ruby-openai', 'lib/llm.rb', '''\
client = OpenAI::Client.new(
  access_token: "{hex}",
  uri_base: "https://api.together.xyz/"
)
'''),
    ('ruby-hash', 'config/llm.rb', 'CONFIG = {{ together_api_key: "{hex}" }}\n'),
    ('php-define', 'config.php', "<?php\ndefine('TOGETHER_API_KEY', '{hex}');\n"),
    ('php-array', 'config/services.php', '''\
<?php
return [
    'together' => [
        'api_key' => '{hex}',
    ],
];
'''),
    ('php-var', 'index.php', "<?php\n$togetherApiKey = \"{hex}\";\n"),
    ('kotlin-const', 'app/src/main/java/Keys.kt', 'const val TOGETHER_API_KEY = "{hex}"\n'),
    ('kotlin-buildconfig', 'app/build.gradle.kts',
     'buildConfigField("String", "TOGETHER_API_KEY", "\\"{hex}\\"")\n'),
    ('swift-let', 'App/Secrets.swift', 'let togetherAPIKey = "{hex}"\n'),
    ('swift-static', 'App/Config.swift', '''\
enum Config {{
    static let togetherApiKey: String = "{hex}"
}}
'''),
    ('dart', 'lib/env.dart', "const String togetherApiKey = '{hex}';\n"),
    ('scala', 'src/main/scala/Conf.scala', 'val togetherApiKey = "{hex}"\n'),
    ('lua', 'config.lua', 'local together_api_key = "{hex}"\n'),
    ('r', 'analysis.R', 'Sys.setenv(TOGETHER_API_KEY = "{hex}")\n'),
    ('julia', 'run.jl', 'ENV["TOGETHER_API_KEY"] = "{hex}"\n'),
    ('js-object', 'src/config.js', '''\
export default {{
  together: {{
    apiKey: '{hex}',
    model: 'meta-llama/Llama-3-8b-chat-hf',
  }},
}};
'''),
    ('js-object-quoted-key', 'src/settings.js', "const settings = {{ 'together-api-key': '{hex}' }};\n"),
    ('ts-openai-baseurl', 'src/llm.ts', '''\
const client = new OpenAI({{
  apiKey: "{hex}",
  baseURL: "https://api.together.xyz/v1",
}});
'''),
    ('ts-openai-baseurl-tgp', 'src/llm2.ts', '''\
const client = new OpenAI({{
  apiKey: "{key}",
  baseURL: "https://api.together.xyz/v1",
}});
'''),
    ('js-vercel-ai', 'src/ai.ts', '''\
const together = createTogetherAI({{
  apiKey: '{hex}',
}});
'''),
    ('js-openai-compatible-provider', 'src/provider.ts', '''\
const together = createOpenAICompatible({{
  name: 'together',
  baseURL: 'https://api.together.xyz/v1',
  apiKey: '{hex}',
}});
'''),
    ('go-openai-sdk', 'cmd/chat/main.go', '''\
client := openai.NewClient(
	option.WithAPIKey("{hex}"),
	option.WithBaseURL("https://api.together.xyz/v1/"),
)
'''),
    ('py-fstring', 'client.py', 'headers = {{"Authorization": f"Bearer {{key}}"}}\nkey = "{_x}"\n'),
    ('py-fstring-together', 'together_call.py', '''\
TOGETHER_API_KEY = f"{hex}"
'''),
    ('py-dict-lines', 'settings.py', '''\
LLM = {{
    "together": {{
        "api_key":
            "{hex}",
    }},
}}
'''),
    ('py-dict-lines-named', 'conf.py', '''\
CONFIG = dict(
    together_api_key=(
        "{hex}"
    ),
)
'''),
    ('langchain-chattogether', 'chain.py', '''\
from langchain_together import ChatTogether

llm = ChatTogether(
    model="meta-llama/Llama-3-70b-chat-hf",
    together_api_key="{hex}",
)
'''),
    ('langchain-together-embeddings', 'embed.py',
     'emb = TogetherEmbeddings(model="m", api_key="{hex}")\n'),
    ('langchain-chatopenai', 'chain2.py', '''\
llm = ChatOpenAI(
    openai_api_base="https://api.together.xyz/v1",
    openai_api_key="{hex}",
    model_name="mistralai/Mixtral-8x7B-Instruct-v0.1",
)
'''),
    ('llamaindex-togetherllm', 'index.py', '''\
from llama_index.llms.together import TogetherLLM

llm = TogetherLLM(
    model="mistralai/Mixtral-8x7B-Instruct-v0.1", api_key="{hex}"
)
'''),
    ('llamaindex-openailike', 'index2.py', '''\
llm = OpenAILike(
    model="m",
    api_base="https://api.together.xyz/v1",
    api_key="{hex}",
    is_chat_model=True,
)
'''),
    ('py-environ-openai-compatible', 'setup_env.py', '''\
os.environ["OPENAI_API_BASE"] = "https://api.together.xyz/v1"
os.environ["OPENAI_API_KEY"] = "{hex}"
'''),
    ('dspy', 'program.py', 'lm = dspy.LM("together_ai/meta-llama/Llama-3-8b", api_key="{hex}")\n'),
    ('pydantic-settings-default', 'settings.py',
     'class Settings(BaseSettings):\n    together_api_key: str = Field(default="{hex}")\n'),
    ('concat-php', 'keys.php', "<?php\n$key = '{_key_a}' . '{_key_b}';\n"),
    ('concat-ruby', 'keys.rb', 'KEY = "{_key_a}" \\\n  "{_key_b}"\n'),
    ('concat-go', 'keys.go', 'const key = "{_key_a}" +\n\t"{_key_b}"\n'),
    ('concat-rust-concat-macro', 'keys.rs', 'const KEY: &str = concat!("{_key_a}", "{_key_b}");\n'),
    ('concat-kotlin', 'Keys.kt', 'val key = "{_key_a}" +\n    "{_key_b}"\n'),
    ('concat-csharp', 'Keys.cs', 'var key = "{_key_a}"\n    + "{_key_b}";\n'),
    ('concat-js-join', 'keys.js', "const key = ['{_key_a}', '{_key_b}'].join('');\n"),
    ('concat-template', 'keys.ts', 'const key = `{_key_a}` + `{_key_b}`;\n'),
    ('concat-legacy-named', 'legacy.py', 'TOGETHER_API_KEY = "{_hex_a}" + "{_hex_b}"\n'),
)

results, test_case = make_tests(CASES)
