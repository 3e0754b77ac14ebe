"""One repository (or fork network): mirror it, scan its history, attribute.

``run_task`` is what an executor runs (a thread of the local pool, a Dask
worker).  It starts the scan in a child Python process
(``python -m together_hooks.org.task``), which calls the history scan in
process and answers one JSON object, so that

- the per-repository timeout is real: the child and every git it started
  are killed together, whatever they were doing;
- memory is returned after every repository (a worker lives for thousands
  of them);
- a child whose parent dies (a lost worker, a killed coordinator) stops.

Raw keys stay in the child, and so do their pieces: the answer holds rule,
``hashed_secret``, the redacted key, repository, commit, path and author
with every key found redacted (``engine.shown``), line, date, and the
``--verify`` status when asked.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from together_hooks.errors import InputError
from together_hooks.org import engine
from together_hooks.org import mirror

DONE = 'done'
UNCHANGED = 'unchanged'
FAILED = 'failed'
NO_WIKI = 'no wiki'  # the refs fingerprint of a wiki GitHub has no repository for


# The scan processes this process started and has not reaped: the local
# pool kills them when the coordinator stops early (Ctrl-C).
RUNNING: set[subprocess.Popen[bytes]] = set()


def kill_running() -> None:
    for proc in list(RUNNING):
        _kill_group(proc)


class Lost(Exception):
    """The child died without answering (killed, out of memory): retried."""


def run_task(payload: dict) -> dict:
    """Run one target in a child process, within ``payload['timeout']``."""
    timeout = float(payload['timeout'])
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, '-m', 'together_hooks.org.task'],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True,  # one process group: a timeout kills git too
    )
    RUNNING.add(proc)
    try:
        out, err = _run(proc, json.dumps(payload).encode(), started + timeout)
    except subprocess.TimeoutExpired:
        mirror.sweep(payload['cache_dir'], tuple(payload['urls']))  # its half clone
        return failed(payload, f'timed out after {timeout:g}s', started)
    finally:
        RUNNING.discard(proc)
    if proc.returncode != 0 or not out:
        lines = err.decode('utf-8', 'replace').strip().splitlines()
        # Scrubbed here, where the exception is made: a Dask worker logs
        # it (``Compute Failed``) before the coordinator's scrub sees it,
        # and the child's last line may quote its input (Python's own
        # ``Invalid -W option ignored: …`` names what PYTHONWARNINGS holds).
        raise Lost(engine.one_line(
            f'scan process ended with exit {proc.returncode}'
            + (f': {lines[-1]}' if lines else ''),
        ))
    return json.loads(out)


def _run(proc: subprocess.Popen[bytes], given: bytes, deadline: float) -> tuple[bytes, bytes]:
    """(stdout, stderr) of the scan process.  However it ends (an answer,
    killed on its own by the OOM killer, its deadline), what is left of
    its process group goes with it: a git it started must not work on in
    the mirror a retry will use.  The group is killed while the process
    is still a zombie (``WNOWAIT``), so its id names no other group."""
    import threading

    got: dict[int, bytes] = {}
    readers = [threading.Thread(target=lambda i=i, f=f: got.__setitem__(i, f.read()), daemon=True)
               for i, f in enumerate((proc.stdout, proc.stderr))]
    from together_hooks.threads import start

    for reader in readers:
        start(reader)
    try:
        try:
            proc.stdin.write(given)  # type: ignore[union-attr]
            proc.stdin.close()  # type: ignore[union-attr]
        except BrokenPipeError:
            pass  # it died at once: its exit says why
        pause = 0.002
        while True:
            try:
                if os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT | os.WNOHANG):
                    break
            except ChildProcessError:  # reaped already (kill_running, Ctrl-C)
                break
            if time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired(proc.args, 0)
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
    finally:
        _kill_group(proc)  # and reap it
    for reader in readers:  # EOF once its group is gone; a process that
        reader.join(5)  # left the group and kept a pipe is not waited for
    return got.get(0, b''), got.get(1, b'')


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    proc.wait()


def failed(payload: dict, error: str, started: float) -> dict:
    return {
        'urls': payload['urls'], 'status': FAILED, 'error': engine.one_line(error),
        'findings': [], 'fingerprint': None, 'blobs': 0, 'size': 0,
        'seconds': round(time.monotonic() - started, 3),
    }


def scan(payload: dict) -> dict:
    """The child's work: fetch, skip when unchanged, scan, attribute."""
    started = time.monotonic()
    urls = tuple(payload['urls'])
    token = None
    if payload.get('token_host'):
        from together_hooks.org.inputs import token as read_token

        token = read_token()
    env = mirror.git_env(token, payload.get('token_host'), payload.get('clone_scheme'))
    try:
        store = mirror.Mirror(payload['cache_dir'], urls, env, float(payload['timeout']),
                              float(payload.get('retry_pause', mirror.PAUSE)))
        try:
            try:
                store.update()
            except mirror.GitError as e:
                if not (payload.get('wiki') and mirror.not_found(str(e))):
                    raise
                # A wiki with no page yet: nothing to scan (one removed
                # since keeps its findings in the store).
                store.drop()
                return {'urls': list(urls), 'status': DONE, 'fingerprint': NO_WIKI, 'size': 0,
                        'error': None, 'findings': [], 'blobs': 0,
                        'seconds': round(time.monotonic() - started, 3)}
            fingerprint = store.fingerprint()
            size = store.size_kb()
            result = {
                'urls': list(urls), 'fingerprint': fingerprint, 'size': size,
                'error': None, 'findings': [], 'blobs': 0,
            }
            if payload.get('previous') == fingerprint:
                result['status'] = UNCHANGED
            else:
                result['status'] = DONE
                result['blobs'] = engine.count_blobs(store.path)
                result['findings'] = _findings(store, payload)
            if payload.get('drop'):
                store.drop()
        finally:
            store.close()
    except (mirror.GitError, OSError) as e:
        return failed(payload, str(e), started)
    except InputError as e:  # the scan refused the store (a partial clone, a lost blob)
        return failed(payload, str(e), started)
    except Exception as e:
        return failed(payload, f'{type(e).__name__}: {e}', started)
    result['seconds'] = round(time.monotonic() - started, 3)
    return result


def _findings(store: mirror.Mirror, payload: dict) -> list[dict]:
    hits = list(engine.history_hits(store.path))
    holders = (
        store.members_holding(sorted({h.commit for h in hits}))
        if len(store.urls) > 1 else {h.commit: [store.urls[0]] for h in hits}
    )
    status = {}
    if payload.get('verify'):
        status = _verify(hits, payload)
    out = []
    shown = engine.shown(hits)
    for h in hits:
        for url in holders.get(h.commit, ()):
            out.append({
                'repo': url, 'commit': h.commit, 'path': shown(h.path), 'line': h.line,
                'rule': h.rule, 'hashed_secret': h.hashed_secret,
                'redacted': h.redacted, 'author': shown(h.author), 'date': h.date,
                'verification': status.get(h.hashed_secret),
                'object_type': h.object_type, 'tag': shown(h.tag),
            })
    return out


def _verify(hits: list[engine.Hit], payload: dict) -> dict[str, str]:
    """hashed_secret -> status; keys the store already knows are not sent again."""
    known: dict[str, str] = dict(payload.get('known') or {})
    todo = {
        h.hashed_secret: h.secret for h in hits
        if engine.verifiable(h.rule) and h.hashed_secret not in known
    }
    if todo:
        verdicts = engine.verify(sorted(set(todo.values())), float(payload['verify_timeout']))
        for hashed, secret in todo.items():
            known[hashed] = verdicts.get(secret, 'unknown')
    return known


def _watch_parent() -> None:
    """Stop (with every git started) when the process that ran us is gone."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os.killpg(0, signal.SIGKILL)

    from together_hooks.threads import start_daemon

    start_daemon(watch)


def main() -> int:
    _watch_parent()
    payload = json.loads(sys.stdin.buffer.read())
    sys.stdout.write(json.dumps(scan(payload)))
    sys.stdout.flush()
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
