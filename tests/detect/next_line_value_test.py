"""A generic name's value field a few lines under it, other fields of
its item between them (GitLab CI's ``LLM_API_KEY:`` then ``description:``
then ``value:``; a Kubernetes env item's ``name``, then a comment-less
``description``, then ``value``)."""
from __future__ import annotations

import random

import pytest

from tests.keys import make_hex
from together_hooks.detect.engine import scan_bytes


def _found(text: str, path: str) -> bool:
    key = make_hex(random.Random(17))
    return [f.secret for f in scan_bytes(text.format(key=key).encode(), path)] == [key]


@pytest.mark.parametrize('path, text', [
    ('.gitlab-ci.yml', 'variables:\n  LLM_PROVIDER: together\n  LLM_API_KEY:\n    description: "inference"\n    value: "{key}"\n'),
    ('.gitlab-ci.yml', 'variables:\n  LLM_PROVIDER: together\n  LLM_API_KEY:\n    description: inference\n    expand: false\n    value: {key}\n'),
    ('k8s/env.yaml', 'env:\n  - name: BASE_URL\n    value: https://api.together.xyz/v1\n  - name: API_KEY\n    description: inference\n    value: "{key}"\n'),
])
def test_a_value_field_below_other_fields_of_the_item(path, text):
    assert _found(text, path)


@pytest.mark.parametrize('path, text', [
    # the value belongs to the next item, a digest's
    ('.gitlab-ci.yml', 'variables:\n  LLM_PROVIDER: together\n  LLM_API_KEY:\n    value: ""\n  LLM_MODEL_SHA:\n    value: "{key}"\n'),
    ('k8s/env.yaml', 'env:\n  - name: BASE_URL\n    value: https://api.together.xyz/v1\n  - name: API_KEY\n    valueFrom:\n      secretKeyRef: {{name: t, key: k}}\n  - name: CONFIG_SHA256\n    value: {key}\n'),
    ('.gitlab-ci.yml', 'variables:\n  LLM_PROVIDER: together\n  LLM_API_KEY:\n    description: "sha256 of the key"\n    value: "{key}"\n'),
])
def test_a_value_of_another_item_or_a_digest_stays_clean(path, text):
    assert not _found(text, path)


@pytest.mark.parametrize('path, text', [
    # a line merely ending in a credential word over a value field
    ('.gitlab-ci.yml', 'variables:\n  LLM_PROVIDER: together\n  MODEL_SHA:\n    description: "pinned weights, not a token"\n    value: "{key}"\n'),
    ('values.yaml', 'together:\n  model: llama\n  # the cache key\n  value: {key}\n'),
])
def test_a_line_ending_in_a_credential_word_names_no_value_field(path, text):
    assert not _found(text, path)
