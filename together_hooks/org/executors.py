"""Where tasks run: a local pool, or a Dask distributed cluster.

Both are ``concurrent.futures`` executors running the same ``task.run_task``.
Locally each of ``--workers`` threads waits on its own scan process, so
the pool is ``--workers`` processes wide with no extra dependency.  With
``--scheduler`` the tasks go to an existing Dask cluster through the
client's executor (``Client.get_executor``); ``distributed`` is imported
only then (``pip install 'together-hooks[cluster]'``).
"""
from __future__ import annotations

import os
from concurrent.futures import Executor

from together_hooks.errors import InputError


class Pool:
    """An executor, how many tasks it runs at once, and how to close it."""

    def __init__(self, executor: Executor, width: int, name: str, close=None,
                 workers=None) -> None:
        self.executor = executor
        self.width = width
        self.name = name
        self._close = close
        self._workers = workers

    def workers(self) -> int:
        """How many workers can run a task now (0: a cluster that lost
        them all, or whose scheduler is gone)."""
        return self._workers() if self._workers is not None else self.width

    def close(self) -> None:
        # The coordinator cancelled what was queued.  A Dask client whose
        # scheduler is gone refuses to send anything more: the run's
        # failures are already recorded, there is nothing left to tell it.
        try:
            self.executor.shutdown(wait=False)
        except Exception:
            pass
        if self._close is not None:
            self._close()


def local(workers: int | None) -> Pool:
    width = workers or os.cpu_count() or 1
    if width < 1:
        raise InputError('--workers must be at least 1')
    from together_hooks.org.task import kill_running
    from together_hooks.threads import pool

    return Pool(
        pool(width, 'scan-org'),  # its workers born blocking Ctrl-C (threads.py)
        width, f'local pool of {width}', close=kill_running,
    )


def _scheduler_address(address: str) -> bool:
    """Whether ``address`` is ``tcp://`` or ``tls://``, a host and at most
    a port (1-65535): no credentials, path, query or fragment, which Dask
    would refuse with an exception of its own (an internal error here), or
    take a password for part of the host."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(address)
        port = parts.port
    except ValueError:  # a port not a number or out of range, an unclosed ``[``
        return False
    host = parts.hostname or ''
    # An IPv6 address may name its interface (``[fe80::1%eth0]``, a
    # link-local one's zone), which Dask passes on to the connection.
    host, _, zone = host.partition('%') if ':' in host else (host, '', '')
    return (
        address.startswith(('tcp://', 'tls://')) and address.isprintable() and port != 0
        and host != '' and host.strip(_HOST_CHARS) == '' and zone.strip(_HOST_CHARS) == ''
        and '@' not in parts.netloc
        and not (parts.path or parts.query or parts.fragment or '?' in address or '#' in address)
    )


# A host name, an IPv4 address or an IPv6 one (``[::1]``, brackets gone).
_HOST_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:'


def dask(address: str, timeout: float | None = None) -> Pool:
    """A client of the cluster at ``address``; a version mismatch between
    this client, the scheduler and the workers fails here, before any task.
    How long it waits to connect, and to reconnect to a scheduler that went
    away, is ``timeout`` or else Dask's own ``distributed.comm.timeouts.connect``
    (30s unless configured)."""
    if not _scheduler_address(address):
        raise InputError(f'--scheduler {address!r}: expected tcp://HOST:PORT or tls://HOST:PORT')
    try:
        import distributed
    except ImportError:
        raise InputError(
            "--scheduler needs Dask distributed: pip install 'together-hooks[cluster]'",
        )
    try:
        waits = {} if timeout is None else {'timeout': timeout}
        from together_hooks.threads import born_blocking

        with born_blocking():  # the client's threads (its event loop's) take no Ctrl-C
            client = distributed.Client(address, set_as_default=False, **waits)
    except (OSError, TimeoutError) as e:
        raise InputError(f'--scheduler {address}: cannot connect ({e})')
    try:
        client.get_versions(check=True, packages=['together_hooks'])
        _same_scanner(client)
    except ValueError as e:
        client.close()
        raise InputError(f'--scheduler {address}: version mismatch: {" ".join(str(e).split())}')
    except BaseException:
        client.close()
        raise
    threads = sum(w.get('nthreads', 1) for w in client.scheduler_info()['workers'].values())
    if not threads:
        client.close()
        raise InputError(f'--scheduler {address}: the cluster has no workers')
    def workers() -> int:
        # A client that lost its scheduler ('connecting' while it tries
        # again, then 'closed') has no worker now; asking would wait out
        # Dask's connect timeout first, on top of --worker-wait.
        if client.status != 'running':
            return 0
        try:
            return len(client.nthreads())
        except Exception:  # the scheduler is gone: no worker either
            return 0

    # pure=False: a retried repository is a new task, never a cached result.
    return Pool(client.get_executor(pure=False), threads, f'Dask cluster at {address}',
                close=client.close, workers=workers)


def _same_scanner(client) -> None:  # type: ignore[no-untyped-def]
    """Every worker must run this version of together-hooks (its rules)."""
    from together_hooks import __version__
    from together_hooks.org import engine

    mine = (__version__, engine.rules_fingerprint())
    theirs = client.run(_scanner_version)
    for worker, version in sorted(theirs.items()):
        if tuple(version) != mine:
            raise ValueError(
                f'worker {worker} runs together-hooks {version[0]} (rules {version[1]}), '
                f'this client {mine[0]} (rules {mine[1]})',
            )


def _scanner_version() -> tuple[str, str]:
    from together_hooks import __version__
    from together_hooks.org import engine

    return __version__, engine.rules_fingerprint()
