"""CPU time of the hooks on the bench's hook corpus, installs side by side.

    python bench/hook_cpu.py --venv main=/tmp/main-venv --venv branch=/tmp/branch-venv --runs 21

Each ``--venv`` is a venv with together-hooks installed as users get it
(``pip install .``, not editable), by pip 25.0 or later as pre-commit's
virtualenv has (an older pip's console script imports ``re`` first).  Every command runs in turn (A B C A B C
...) in a copy of the hook corpus that ``bench/run.py --only hook`` built
(``bench/.cache/corpora/full/hook``), the baseline restored before each run.
CPU is user+sys of the child and what it waited for (``wait4``), which a
loaded machine inflates far less than wall time; the table gives medians,
and each CPU median over betterleaks' (``git . --staged``, Together rule).
betterleaks is its bundled Go binary, found as ``run.py`` finds it
(``run.native_peer``): until session 7 this script ran pip's console script
for it, a Python launcher that imports the package and then execs the
binary, and so gave betterleaks some 50 ms of CPU more than ``run.py`` did
(141 against 61 ms).  That launcher is still a row, to show the difference.
The environment is the harness's own, stdin is ``/dev/null`` as in
``run.py``; ``PRE_COMMIT=1`` rows run the hook as pre-commit does.  Each
install has a regex cache of its own (``XDG_CACHE_HOME`` in the temp
folder), filled by the uncounted first round, as a user's holds the
programs of the one version they run: the harness's own cache holds
whatever every test and install on the machine compiled (300 KB, 105
programs on a shared machine, 42 of them a blocked commit's), which each
blocked commit would read whole.
Standard library only.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import tempfile
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
sys.path.insert(0, str(HERE))
from run import BETTERLEAKS_BIN, PRE_COMMIT_ENV, native_peer  # noqa: E402  (one lookup for both)
BETTERLEAKS = ["git", ".", "--staged", "--isolate-rule", "togetherai-api-key",
               "--no-banner", "--no-color", "-l", "error", "-o", "-"]


# A legacy key under a generic name, in a YAML block headed ``together``:
# judged by the structure around it (``detect/context.py``).  Written
# untracked into the copy (the other rows name their files, ``scan
# --staged`` reads only what is staged), a seeded random value.
GENERIC_LEGACY = "src/flask/deploy.yaml"  # a folder the repository has: no new probes


def generic_legacy(repo: Path) -> None:
    value = "%064x" % random.Random("hook_cpu-generic-legacy").getrandbits(256)
    (repo / GENERIC_LEGACY).write_text(f"together:\n  model: llama\n  token: {value}\n")


def commands(venvs: dict[str, Path], files: list[str], repo: Path) -> list[tuple[str, list[str]]]:
    # The staged files by what they hold: a current key (``tgp_v1_``), a
    # legacy one (64 hex digits under a Together name), or neither.
    kinds = {f: (repo / f).read_bytes() for f in files}
    tgp = [f for f in files if b"tgp_v1_" in kinds[f]]
    legacy = [f for f in files if f not in tgp and re.search(rb"[0-9a-f]{64}", kinds[f])]
    clean = [f for f in files if f not in tgp and f not in legacy]
    three_clean = ["pyproject.toml", "src/flask/app.py", "src/flask/ctx.py"]
    out = []
    for name, venv in venvs.items():
        b = venv / "bin"
        hook = [str(b / "detect-together-keys"), "--baseline", ".secrets.baseline"]
        out += [
            (f"{name}: detect-together-keys (blocks)", [*hook, *files]),
            (f"{name}: detect-together-keys (blocks), as pre-commit runs it",
             ["PRE_COMMIT", *hook, *files]),
            (f"{name}: detect-together-keys, blocks on current keys only", [*hook, *tgp, *clean]),
            (f"{name}: detect-together-keys, blocks on a legacy key only", [*hook, *legacy, *clean]),
            (f"{name}: detect-together-keys, blocks on a legacy key under a generic name",
             [*hook, GENERIC_LEGACY, *clean]),
            (f"{name}: detect-together-keys, 3 clean files", [*hook, *three_clean]),
            (f"{name}: detect-together-keys, 3 clean files, as pre-commit runs it",
             ["PRE_COMMIT", *hook, *three_clean]),
            (f"{name}: scan --staged --format json (blocks)",
             [str(b / "together-hooks"), "scan", "--staged", "--format", "json"]),
            (f"{name}: forbid-env-files", [str(b / "forbid-env-files"), *files]),
            # always_run: every commit that stages no env file starts it
            # with no file, as pre-commit runs it.
            (f"{name}: forbid-env-files, no file (a commit with no env file)",
             ["PRE_COMMIT", str(b / "forbid-env-files")]),
            (f"{name}: check-env-gitignored", [str(b / "check-env-gitignored")]),
        ]
    python = str(next(iter(venvs.values())) / "bin" / "python")
    peers = CACHE / "peers-venv"
    binary = native_peer(peers, BETTERLEAKS_BIN, "betterleaks")
    if binary is None:
        raise SystemExit("no betterleaks in bench/.cache/peers-venv: run `python bench/run.py --only hook` first")
    out += [
        ("betterleaks git --staged (Together rule)", [binary, *BETTERLEAKS]),
        ("betterleaks, same, through pip's console script (Python launcher + exec)",
         [str(peers / "bin" / "betterleaks"), *BETTERLEAKS]),
        ("floor: python -c pass", [python, "-c", "pass"]),
        ("floor: python -c 'import re' (a keyword's commit; pip < 25's launcher)",
         [python, "-c", "import re"]),
    ]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--venv", action="append", required=True, metavar="NAME=DIR")
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--corpus", type=Path, default=CACHE / "corpora" / "full" / "hook",
                    help="a folder holding repo/ and planted.json as run.py's hook corpus does "
                         "(e.g. a copy of it with a few thousand more files committed)")
    opts = ap.parse_args()
    venvs = {k: Path(v).resolve() for k, _, v in (s.partition("=") for s in opts.venv)}
    corpus = opts.corpus
    if not (corpus / "repo").is_dir():
        raise SystemExit("no hook corpus: run `python bench/run.py --only hook` first")
    files = json.loads((corpus / "planted.json").read_text())["extra"]["files"]
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(corpus / "repo", repo, symlinks=True)  # never write into the cache
        pristine = (repo / ".secrets.baseline").read_bytes()
        generic_legacy(repo)
        todo = commands(venvs, files, repo)
        cpu: dict[str, list[float]] = {name: [] for name, _ in todo}
        wall: dict[str, list[float]] = {name: [] for name, _ in todo}
        for i in range(opts.runs + 1):  # the first round warms caches, uncounted
            for name, argv in todo:
                (repo / ".secrets.baseline").write_bytes(pristine)
                env = None
                if argv[0] == "PRE_COMMIT":
                    argv, env = argv[1:], dict(os.environ, **PRE_COMMIT_ENV)
                install = name.partition(":")[0]
                if install in venvs:  # its own regex cache (see the docstring)
                    env = dict(env or os.environ, XDG_CACHE_HOME=str(Path(tmp) / "cache" / install))
                start = time.perf_counter()
                proc = subprocess.Popen(argv, cwd=repo, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
                _pid, _status, usage = os.wait4(proc.pid, 0)
                if i:
                    wall[name].append(time.perf_counter() - start)
                    cpu[name].append(usage.ru_utime + usage.ru_stime)
    peer = statistics.median(cpu["betterleaks git --staged (Together rule)"])
    print(f"load average {os.getloadavg()[0]:.1f}, {opts.runs} runs each, medians\n")
    print("| command | CPU ms | / betterleaks CPU | wall ms |")
    print("|---|---:|---:|---:|")
    for name, _ in todo:
        c = statistics.median(cpu[name])
        print(f"| {name} | {c * 1e3:.1f} | {c / peer:.2f}x | {statistics.median(wall[name]) * 1e3:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
