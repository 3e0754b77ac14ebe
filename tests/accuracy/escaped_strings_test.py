"""Keys inside escaped strings: notebook JSON, JSON inside HCL or JSON.

The text around the key is itself a string literal of another language, so
quotes arrive as ``\\"``; one level of unescaping lets the name-to-value
grammar see ``os.environ["TOGETHER_API_KEY"] = "..."`` again.
"""
from __future__ import annotations

import json

from tests.accuracy import Case
from tests.accuracy import hex_cases
from tests.accuracy import line_of
from tests.accuracy import make_tests


def notebook(*sources: list[str]) -> str:
    """An .ipynb as Jupyter writes it (one-space indent, source as lines)."""
    cells = [
        {
            'cell_type': 'code', 'execution_count': i + 1, 'id': f'c{i:07x}',
            'metadata': {}, 'outputs': [], 'source': src,
        }
        for i, src in enumerate(sources)
    ]
    nb = {
        'cells': cells,
        'metadata': {
            'kernelspec': {'display_name': 'Python 3', 'language': 'python', 'name': 'python3'},
            'language_info': {'name': 'python', 'version': '3.11.7'},
        },
        'nbformat': 4, 'nbformat_minor': 5,
    }
    return json.dumps(nb, indent=1) + '\n'


def nb_case(lines: list[str], key_kind: str = 'hex'):
    def build(m):
        key = m.hex() if key_kind == 'hex' else m.key()
        src = [ln.replace('<KEY>', key) for ln in lines]
        text = notebook(['!pip install -q together\n'], src, ['print(client.models.list()[0])'])
        return text, [(line_of(text, key), key)]
    return build


HCL_SECRET_STRING = '''\
resource "aws_secretsmanager_secret_version" "together" {{
  secret_id     = aws_secretsmanager_secret.together.id
  secret_string = "{{\\"TOGETHER_API_KEY\\":\\"{hex}\\",\\"MODEL\\":\\"meta-llama/Llama-3-8b-chat-hf\\"}}"
}}
'''

TFSTATE_JSONENCODE = '''\
{{
  "mode": "managed",
  "type": "aws_secretsmanager_secret_version",
  "name": "together",
  "instances": [
    {{
      "attributes": {{
        "secret_id": "arn:aws:secretsmanager:us-east-1:123456789012:secret:together-Ab12Cd",
        "secret_string": "{{\\"together_api_key\\":\\"{hex}\\"}}",
        "version_stages": ["AWSCURRENT"]
      }}
    }}
  ]
}}
'''

ECS_TASK = '''\
{{
  "family": "chat-worker",
  "containerDefinitions": [
    {{
      "name": "worker",
      "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/worker:latest",
      "command": ["sh", "-c", "echo \\"TOGETHER_API_KEY={hex}\\" > /app/.env && exec python worker.py"]
    }}
  ]
}}
'''

YAML_JSON_STRING = '''\
apiVersion: v1
kind: ConfigMap
metadata:
  name: chat-config
data:
  settings.json: "{{\\"together\\": {{\\"api_key\\": \\"{hex}\\", \\"model\\": \\"mistralai/Mixtral-8x7B-Instruct-v0.1\\"}}}}"
'''

CASES = [
    Case('notebook-environ', 'notebooks/quickstart.ipynb', nb_case([
        'import os\n',
        'os.environ["TOGETHER_API_KEY"] = "<KEY>"\n',  # pragma: allowlist secret
        'from together import Together\n',
        'client = Together()',
    ])),
    Case('notebook-module-attr', 'notebooks/legacy.ipynb', nb_case([
        'import together\n',
        'together.api_key = "<KEY>"\n',  # pragma: allowlist secret
        'client = together',
    ])),
    Case('notebook-client-arg', 'examples/rag.ipynb', nb_case([
        'from together import Together\n',
        'client = Together(api_key="<KEY>")',  # pragma: allowlist secret
    ])),
    Case('notebook-setdefault', 'examples/agents.ipynb', nb_case([
        "os.environ.setdefault('TOGETHER_API_KEY', '<KEY>')\n",
    ])),
    Case('notebook-tgp-key', 'examples/tgp.ipynb', nb_case([
        'os.environ["TOGETHER_API_KEY"] = "<KEY>"\n',  # pragma: allowlist secret
    ], key_kind='tgp')),
    *hex_cases(
        ('hcl-secret-string', 'infra/secrets.tf', HCL_SECRET_STRING),
        ('tfstate-jsonencode', 'infra/terraform.tfstate', TFSTATE_JSONENCODE),
        ('ecs-command-string', 'deploy/task-definition.json', ECS_TASK),
        ('yaml-json-string', 'k8s/configmap.yaml', YAML_JSON_STRING),
    ),
]

results, test_case = make_tests(CASES)
