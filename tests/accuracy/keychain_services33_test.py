"""Session 33 (kc33): a keychain item's service or label named for
Together with an environment or a credential word after it
(``security add-generic-password -s together-prod -w <hex>``, ``-s
together_dev``, quoted, ``--service=``, ``-l``; the keychain's
``find-generic-password ... -w`` with the key as its output), read as
``-s together`` and ``-s together-api-key`` were.  Decoys of the same
shape: a service going on in a digest's or another word, another
service, a passphrase beside a file named for Together.
"""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

KEYS = key_cases(
    ('service-env-word', 'scripts/mac.sh', '''\
security add-generic-password -s together-prod -a ci -w {hex}
security add-generic-password -s together-dev -a ci -w {hex2}
security add-generic-password -s together_prod -a ci -w {hex3}
'''),
    ('service-quoted', 'scripts/mac.sh', '''\
security add-generic-password -a "$USER" -s "together-staging" -w "{hex}"
security add-generic-password -a "$USER" -s 'TogetherAI_prod' -w '{hex2}'
'''),
    ('service-long-flag-and-label', 'scripts/keys.sh', '''\
keychain-store --service=together-prod --account ci -w {hex}
security add-generic-password -l together-ai-prod -s llm -a ci -w {hex2}
'''),
    ('find-generic-password-output', 'notes/term.txt', '''\
$ security find-generic-password -a ci -s together-prod -w
{hex}
'''),
)

DECOYS = key_cases(
    ('decoy-service-other-word', 'scripts/mac.sh', '''\
export TOGETHER_API_KEY_ID=key_1
security add-generic-password -s together-checksums -a ci -w {_hex}
security add-generic-password -s togetherness-app -a ci -w {_hex2}
security add-generic-password -s together-prod-checksums -a ci -w {_hex3}
security add-generic-password -s github -a ci -w {_hex4}
'''),
    ('decoy-passphrase-file-named-together', 'scripts/backup.sh', '''\
openssl enc -aes-256-cbc -k {_hex} -in together.tar.gz -out together.tar.gz.enc
openssl enc -aes-256-cbc -k {_hex2} -in together-prod.tar.gz
'''),
    ('decoy-find-generic-password-digest', 'notes/term.txt', '''\
$ security find-generic-password -s together-prod-sha256 -w
{_hex}
'''),
)

CASES = KEYS + DECOYS

results, test_case = make_tests(CASES)
