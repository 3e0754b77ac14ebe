"""Decoys for the sixteenth held-out probe (tests/accuracy/probe16_heldout_test.py):
64-hex digests, ids and checksums beside "together" in the same formats
(Jenkins XML, Erlang terms, namelists, Emacs Lisp, Airflow, HTML tables,
URLs, systemd, Helm, Nix, SQL, CSV, notebooks) and in lockfiles, each
under a name that is no credential's."""
from __future__ import annotations

from tests.accuracy import key_cases
from tests.accuracy import make_tests

CASES = key_cases(
    ('decoy-jenkins-fingerprint', 'jenkins/fingerprints/together.xml', '''\
<fingerprint>
  <id>together</id>
  <md5sum>0123456789abcdef0123456789abcdef</md5sum>
  <sha256>{_hex}</sha256>
  <fileName>together-client.jar</fileName>
</fingerprint>
'''),
    ('decoy-jenkins-checksum-description', 'jenkins/jobs/together/config.xml', '''\
<project>
  <description>Together client build</description>
  <checksum>{_hex}</checksum>
</project>
'''),
    ('decoy-erlang-rebar-lock', 'rebar.lock', '''\
{{"1.2.0",
[{{<<"together">>,{{pkg,<<"together">>,<<"0.3.1">>}},0}}]}}.
[
{{pkg_hash,[
 {{<<"together">>, <<"{_hex}">>}}]}},
{{pkg_hash_ext,[
 {{<<"together">>, <<"{_hex2}">>}}]}}
].
'''),
    ('decoy-mix-lock', 'mix.lock', '''\
%{{
  "together": {{:hex, :together, "0.4.0", "{_hex}", [:mix], [], "hexpm", "{_hex2}"}},
}}
'''),
    ('decoy-namelist-checksum', 'run/together.nml', '''\
&together_input
  mesh_sha256 = '{_hex}'
/
'''),
    ('decoy-emacs-package-hash', 'elpa/together-archive.el', '''\
(setq together-package-sha256 "{_hex}")
'''),
    ('decoy-airflow-dag-hash', 'dags/together_dag.py', '''\
# airflow dag together_sync, fileloc hash
DAG_HASH = "{_hex}"
'''),
    ('decoy-html-checksum-table', 'dist/index.html', '''\
<table>
  <tr><th>File</th><th>SHA-256</th></tr>
  <tr><td>together-1.2.0.tar.gz</td><td>{_hex}</td></tr>
</table>
'''),
    ('decoy-url-commit', 'docs/links.md', '''\
See https://github.com/togethercomputer/together-python/commit/{_hex}
'''),
    ('decoy-go-sum', 'go.sum', '''\
github.com/togethercomputer/together-go v0.1.0 h1:{_b64}
github.com/togethercomputer/together-go v0.1.0/go.mod h1:{_b64_2}
'''),
    ('decoy-cargo-lock', 'Cargo.lock', '''\
[[package]]
name = "together-rs"
version = "0.2.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "{_hex}"
'''),
    ('decoy-pip-hashes', 'requirements.txt', '''\
together==1.3.3 \\
    --hash=sha256:{_hex} \\
    --hash=sha256:{_hex2}
'''),
    ('decoy-git-object-ids', 'logs/rev-list.txt', '''\
{_hex} refs/heads/together-sync
{_hex2} refs/tags/together-v1
'''),
    ('decoy-helm-digest', 'charts/together/values.yaml', '''\
together:
  image:
    repository: ghcr.io/acme/together-proxy
    digest: sha256:{_hex}
'''),
    ('decoy-nix-hash', 'pkgs/together.nix', '''\
{{
  src = fetchurl {{
    url = "https://files.pythonhosted.org/together-1.3.3.tar.gz";
    sha256 = "{_hex}";
  }};
}}
'''),
    ('decoy-sql-checksum', 'db/migrations.sql', '''\
INSERT INTO schema_migrations (name, checksum) VALUES ('together_init', '{_hex}');
'''),
    # (rf_acc9: an INSERT's rows whose key column is a digest's, or whose
    # owner is another provider; a row after the statement's end)
    ('decoy-sql-multirow-digests', 'db/seeds/artifacts.sql', '''\
INSERT INTO artifacts (name, sha256) VALUES
  ('together-client', '{_hex}'),
  ('together', '{_hex2}');
'''),
    ('decoy-sql-other-provider', 'db/seeds/keys.sql', '''\
INSERT INTO api_keys (provider, secret, note) VALUES
  ('openai', '{_hex}', 'together with the staging key'),
  ('mistral', '{_hex2}', 'together');
'''),
    ('decoy-sql-after-statement', 'db/seeds/mixed.sql', '''\
INSERT INTO api_keys (provider, secret) VALUES ('openai', 'x');
SELECT digest('together', '{_hex}');
'''),
    ('decoy-csv-checksums', 'exports/artifacts.csv', '''\
name,sha256
together-client,{_hex}
'''),
    ('decoy-notebook-digest', 'notebooks/together.ipynb', '''\
{{
 "cells": [
  {{
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {{}},
   "outputs": [
    {{
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "together model sha256: {_hex}\\n"
     ]
    }}
   ],
   "source": ["print(digest)"]
  }}
 ],
 "nbformat": 4,
 "nbformat_minor": 5
}}
'''),
    ('decoy-systemd-hash', 'deploy/together.service', '''\
[Service]
Environment="TOGETHER_BUILD_SHA256={_hex}"
ExecStart=/usr/bin/together-proxy
'''),
    ('decoy-env-reference', 'deploy/airflow.sh', '''\
airflow connections add together --conn-type http --conn-password "${{TOGETHER_API_KEY}}"
'''),
    # Another service's password flag in a command whose environment is
    # Together's (rf_acc9: found on c599d01).
    ('decoy-docker-db-password', 'scripts/run.sh', '''\
docker run --env TOGETHER_BASE_URL=https://api.together.xyz/v1 ghcr.io/acme/app --db-password {_hex}
'''),
    ('decoy-cli-client-secret', 'scripts/oauth.sh', '''\
llm-gateway --upstream https://api.together.xyz/v1 --client-secret {_hex}
'''),
    ('decoy-latex-hash', 'paper/main.tex', '''\
% together with the artefact, digest below
\\newcommand{{\\artefactsha}}{{{_hex}}}
'''),
)

results, test_case = make_tests(CASES)


def test_size():
    from tests.accuracy import keys_and_decoys

    keys, decoys = keys_and_decoys(CASES)
    assert keys == 0 and decoys >= 20, (keys, decoys)
