"""The coordinator: plan, hand out tasks, write each result as it arrives.

Biggest repositories first (the long tail then fills the gaps), at most
``max_in_flight`` tasks handed out at once (each holds a mirror on some
disk), a task lost with its worker retried, and every result committed to
the store in its own transaction.
"""
from __future__ import annotations

import sys
import time
from concurrent.futures import FIRST_COMPLETED
from concurrent.futures import wait

from together_hooks.org import engine
from together_hooks.org.executors import Pool
from together_hooks.org.inputs import Target
from together_hooks.org.store import Store
from together_hooks.org.task import DONE
from together_hooks.org.task import FAILED
from together_hooks.org.task import UNCHANGED
from together_hooks.org.task import run_task


class Options:
    def __init__(self, cache_dir: str, timeout: float = 3600.0, retries: int = 2,
                 max_in_flight: int = 0, verify: bool = False,
                 verify_timeout: float = 5.0, token_host: str | None = None,
                 progress: bool = False, source: str = 'repos',
                 clone_scheme: str | None = None, drop_mirrors: bool = False,
                 retry_pause: float = 2.0, worker_wait: float | None = None) -> None:
        self.cache_dir = cache_dir
        self.timeout = timeout
        self.retries = retries
        self.max_in_flight = max_in_flight
        self.verify = verify
        self.verify_timeout = verify_timeout
        self.token_host = token_host
        self.progress = progress
        self.source = source
        # The one transport git may use (the GitHub API's scheme); None:
        # git's own defaults, for URLs the user listed.
        self.clone_scheme = clone_scheme
        self.drop_mirrors = drop_mirrors
        # The first pause before a clone or fetch that failed on the way
        # is tried again (``mirror.Mirror.update``).
        self.retry_pause = retry_pause
        # How long a cluster with no worker (or no scheduler) is waited
        # for before what is left is given up (``Alone``); --timeout unless set.
        self.worker_wait = timeout if worker_wait is None else worker_wait


class Outcome:
    def __init__(self) -> None:
        self.run = 0
        self.resumed = False
        self.repositories = 0
        self.scanned = 0
        self.unchanged = 0
        self.failed = 0
        self.findings = 0
        self.blobs = 0
        self.stores = 0


class Progress:
    """``[n/N] repos, findings, failures, ETA`` on stderr, on a terminal only."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled
        self.start = time.monotonic()
        self.width = 0

    def show(self, done: int, findings: int, failures: int) -> None:
        if not self.enabled:
            return
        eta = '?'
        if done:
            left = (time.monotonic() - self.start) / done * (self.total - done)
            eta = f'{int(left // 60)}m{int(left % 60):02d}s'
        line = (f'[{done}/{self.total}] repos, {findings} findings, '
                f'{failures} failures, ETA {eta}')
        sys.stderr.write('\r' + line.ljust(self.width))
        sys.stderr.flush()
        self.width = len(line)

    def end(self) -> None:
        if self.enabled and self.width:
            # Two writes: the output sink keeps a CR only where a write
            # starts (detect/scrub.Sink) and escapes any other.
            sys.stderr.write('\r' + ' ' * self.width)
            sys.stderr.write('\r')
            sys.stderr.flush()


class Alone:
    """Whether the pool has had no worker at all for ``limit`` seconds (a
    cluster whose workers all died, or whose scheduler is gone): a task
    would wait for one forever.  Asked at most every two seconds (or
    twice within a shorter ``limit``, so the wait is not the asking's)."""

    def __init__(self, pool: Pool, limit: float) -> None:
        self.pool = pool
        self.limit = limit
        self.since: float | None = None
        self.asked = 0.0
        self.every = min(2.0, limit / 2)

    def too_long(self) -> bool:
        now = time.monotonic()
        if now - self.asked >= self.every:
            self.asked = now
            if self.pool.workers():
                self.since = None
            elif self.since is None:
                self.since = now
        return self.since is not None and now - self.since >= self.limit


def _cancel(future) -> None:  # type: ignore[no-untyped-def]
    """Cancel a task; a Dask client whose scheduler is gone refuses to
    send the message, and there is nothing left to cancel."""
    try:
        future.cancel()
    except Exception:
        pass


def plan(targets: list[Target], store: Store, run: int, resumed: bool,
         rules: str) -> tuple[list[tuple[Target, str | None]], list[Target]]:
    """(targets to hand out with the fingerprint they had, targets already
    checked by this interrupted run), the biggest first."""
    todo = []
    finished = []
    for target in targets:
        rows = [store.repository(url) for url in target.urls]
        ok = all(r is not None and r[0] == 'done' and r[2] == rules for r in rows)
        if ok and resumed and all(r[3] == run for r in rows):
            finished.append(target)
            continue
        prints = {r[1] for r in rows if r is not None}
        previous = prints.pop() if ok and len(prints) == 1 else None
        size = target.size or max((r[5] for r in rows if r is not None), default=0)
        todo.append((target._replace(size=size), previous))
    todo.sort(key=lambda item: (-item[0].size, item[0].key))
    return todo, finished


def run(targets: list[Target], store: Store, pool: Pool, options: Options) -> Outcome:
    from together_hooks import __version__

    rules = engine.rules_fingerprint()
    out = Outcome()
    out.run, out.resumed = store.open_run(__version__, rules, options.source, pool.name)
    for target in targets:
        if target.refused:  # never cloned: a failure of its own in the store
            store.attempt(list(target.urls), target.key)
            store.record(out.run, {
                'urls': list(target.urls), 'status': FAILED, 'findings': [],
                'error': target.refused, 'fingerprint': None, 'blobs': 0,
            }, rules)
            out.failed += len(target.urls)
    todo, finished = plan([t for t in targets if not t.refused], store, out.run, out.resumed, rules)
    out.repositories = sum(len(t.urls) for t in targets)
    out.unchanged = sum(len(t.urls) for t in finished)
    known = store.known_verifications() if options.verify else {}
    bound = options.max_in_flight or pool.width * 2
    shown = Progress(out.repositories, options.progress)
    done = out.unchanged + out.failed
    queue = list(reversed(todo))  # pop() takes the biggest first
    flying: dict = {}  # future -> (target, previous, attempt)

    def submit(target: Target, previous: str | None, attempt: int) -> dict | None:
        """Hand a target out; its failure when the executor refuses it
        (a Dask client that lost its scheduler for good)."""
        store.attempt(list(target.urls), target.key)
        payload = {
            'urls': list(target.urls), 'cache_dir': options.cache_dir,
            'previous': previous, 'timeout': options.timeout,
            'verify': options.verify, 'verify_timeout': options.verify_timeout,
            'known': known, 'token_host': options.token_host,
            'clone_scheme': options.clone_scheme, 'drop': options.drop_mirrors,
            'wiki': target.wiki, 'retry_pause': options.retry_pause,
        }
        try:
            flying[pool.executor.submit(run_task, payload)] = (target, previous, attempt)
        except Exception as e:
            return give_up(target, f'cannot be handed out: {type(e).__name__}: {e}')
        return None

    def give_up(target: Target, error: str) -> dict:
        return {'urls': list(target.urls), 'status': FAILED, 'findings': [],
                'error': engine.one_line(error), 'fingerprint': None, 'blobs': 0}

    alone = Alone(pool, options.worker_wait)
    try:
        while queue or flying:
            results = []
            while queue and len(flying) < bound:
                target, previous = queue.pop()
                refused = submit(target, previous, 1)
                if refused:
                    results.append(refused)
            ready, _ = wait(list(flying), timeout=0.5, return_when=FIRST_COMPLETED)
            for future in ready:
                target, previous, attempt = flying.pop(future)
                try:
                    results.append(future.result())
                except Exception as e:  # a lost worker, a killed scan process
                    if attempt <= options.retries:
                        refused = submit(target, previous, attempt + 1)
                        if refused:
                            results.append(refused)
                        continue
                    results.append(give_up(
                        target, f'{type(e).__name__}: {e} (after {attempt} attempts)'))
            if not ready and alone.too_long():
                # Nothing can run them: every one left is not scanned.
                error = (f'no Dask worker for {options.worker_wait:g}s (all lost, '
                         'or the scheduler is gone)')
                for future, (target, _previous, _attempt) in list(flying.items()):
                    _cancel(future)
                    results.append(give_up(target, error))
                flying.clear()
                while queue:
                    target, _previous = queue.pop()
                    store.attempt(list(target.urls), target.key)
                    results.append(give_up(target, error))
            for result in results:
                store.record(out.run, result, rules)
                count = len(result['urls'])
                done += count
                if result['status'] == FAILED:
                    out.failed += count
                elif result['status'] == UNCHANGED:
                    out.unchanged += count
                else:
                    assert result['status'] == DONE
                    out.scanned += count
                    out.blobs += result['blobs']
                    out.stores += 1
                out.findings += len(result['findings'])
            shown.show(done, out.findings, out.failed)
    finally:
        shown.end()
        for future in flying:
            _cancel(future)
    store.finish_run(out.run, out.repositories, 0)
    return out
