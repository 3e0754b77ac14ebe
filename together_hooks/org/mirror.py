"""Mirror clones in a cache keyed by URL; a rerun only fetches.

A new entry is built beside the cache under a temporary name and renamed
into place, so a killed clone never leaves a half entry that a rerun would
trust.  What a killed git leaves (a half clone, its lock files, a pack it
was receiving) is removed by the next task that locks the entry: while the
lock is held no other git of ours works there, so it is debris, and left
alone it would fill the disk or fail every later fetch of the repository.  A fork network shares one object store: each member's refs live
under ``refs/forks/<id>/`` (``id``: 12 hex of the URL's SHA-256, stable
when members come and go), so every blob the forks share is stored, and
scanned, once.
"""
from __future__ import annotations

import base64
import fcntl
import hashlib
import os
import re
import shutil
import tempfile
import time

from together_hooks import gitrun
from together_hooks.errors import InputError

FORKS = 'refs/forks/'
# A clone or fetch that failed on the way (a 502 or 429 from the git host,
# a connection cut): tried again after PAUSE and twice PAUSE seconds
# (scan-org --retry-pause), within the task's timeout.  Anything else (no such repository, no access) is the same
# next time, and is the task's failure at once.
_TRANSIENT = re.compile(
    r'returned error: (?:429|5\d\d)\b|early EOF|RPC failed|remote end hung up unexpectedly'
    r'|Connection reset|Connection timed out|Operation timed out|transfer closed', re.I,
)
TRIES = 3
PAUSE = 2.0


class GitError(Exception):
    """A git command failed; the message is one line, with no credentials."""


def member_id(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()[:12]


def entry_name(urls: tuple[str, ...]) -> str:
    """The cache folder of a repository or network: readable and unique.
    The URL's last part is scrubbed before it is cut: a key cut short is
    no longer one the scrubber knows, and errors name this folder."""
    from together_hooks.detect.scrub import scrub

    last = scrub(urls[0].rstrip('/').rsplit('/', 1)[-1])
    tail = re.sub(r'[^A-Za-z0-9._-]+', '_', last)[:40]
    kind = 'net' if len(urls) > 1 else 'repo'
    return f'{kind}-{member_id(urls[0])}-{tail or "repo"}'


def git_env(token: str | None, token_host: str | None,
            scheme: str | None = None) -> dict[str, str]:
    """git never prompts; the token, if any, goes in an extra header for
    its own host only, by environment (GIT_CONFIG_*), never in argv.

    With ``scheme`` (the clone URLs a GitHub API gave, already checked to
    be on its host), git speaks that transport alone and follows no HTTP
    redirect: a server answering for the API's host could otherwise send
    git to another host (git follows a redirect of its first request)."""
    env = gitrun.parsed_env(dict(os.environ, GIT_TERMINAL_PROMPT='0', GIT_ASKPASS='true'))
    env.pop('GIT_DIR', None)
    env.setdefault('GIT_SSH_COMMAND', 'ssh -o BatchMode=yes')  # fail, never ask
    config = []
    if scheme:
        config += [('protocol.allow', 'never'), (f'protocol.{scheme}.allow', 'always'),
                   ('http.followRedirects', 'false')]
    if token and token_host:
        basic = base64.b64encode(f'x-access-token:{token}'.encode()).decode()
        config.append((f'http.https://{token_host}/.extraheader',
                       f'Authorization: Basic {basic}'))
    if config:
        env['GIT_CONFIG_COUNT'] = str(len(config))
        for i, (key, value) in enumerate(config):
            env[f'GIT_CONFIG_KEY_{i}'] = key
            env[f'GIT_CONFIG_VALUE_{i}'] = value
    return env


def git(args: list[str], cwd: str, env: dict[str, str], timeout: float) -> bytes:
    """``gitrun.git`` with the mirror's environment and timeout; its error
    as a GitError, any user part of a URL in it left out."""
    try:
        return gitrun.git(cwd, *gitrun.NETWORK, *args, env=env, timeout=timeout)
    except InputError as e:
        raise GitError(_no_userinfo(str(e)))


def not_found(error: str) -> bool:
    """Whether a clone or fetch failed because the server has no such
    repository (git: ``fatal: repository 'URL' not found``)."""
    return re.search(r"fatal: repository '[^']*' not found$", error) is not None


def _no_userinfo(text: str) -> str:
    return re.sub(r'(://)[^/@\s]*@', r'\1', text)


def _tmp_prefix(path: str) -> str:
    """The temporary name of an entry's clone: which entry it was, for
    the next task on that entry to find when the clone was killed."""
    return f'.tmp-{os.path.basename(path)}-'


# What a git killed in a mirror leaves: lock files where refs, packed-refs,
# config or shallow were being written (no ref name ends in .lock), and
# under objects/ a pack still being received (a ref may be named tmp_x).
_LOCK = re.compile(r'.*\.lock')
_DEBRIS = re.compile(r'.*\.lock|tmp_.*|\.tmp-.*')


def _clear_debris(path: str) -> None:
    """Remove what killed gits left of this entry; its lock is held."""
    folder, name = os.path.split(path)
    prefix = _tmp_prefix(path)
    for entry in os.listdir(folder):
        if entry.startswith(prefix):
            shutil.rmtree(os.path.join(folder, entry), ignore_errors=True)
    for top in ('', 'refs', os.path.join('objects', 'pack'), os.path.join('objects', 'info')):
        debris = _DEBRIS if top.startswith('objects') else _LOCK
        for root, _dirs, files in os.walk(os.path.join(path, top)):
            for file in files:
                if debris.fullmatch(file):
                    try:
                        os.unlink(os.path.join(root, file))
                    except OSError:
                        pass
            if not top:
                break  # the entry's own folder: its files only


def sweep(cache_dir: str, urls: tuple[str, ...]) -> None:
    """After a task was killed (its timeout): its debris, now, unless
    another task already holds the entry (that one clears it)."""
    path = os.path.join(cache_dir, entry_name(urls))
    try:
        with open(path + '.lock', 'a') as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            _clear_debris(path)
    except OSError:
        pass


class Mirror:
    """The cache entry of one target, locked while a task uses it."""

    def __init__(self, cache_dir: str, urls: tuple[str, ...], env: dict[str, str],
                 timeout: float, pause: float = PAUSE) -> None:
        os.makedirs(cache_dir, exist_ok=True)
        self.cache_dir = cache_dir
        self.urls = urls
        self.env = env
        self.timeout = timeout
        self.pause = pause
        self.path = os.path.join(cache_dir, entry_name(urls))
        self._lock = open(self.path + '.lock', 'a')  # never truncates: only held
        # Two runs sharing a cache (two shards on one machine) take turns.
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        _clear_debris(self.path)

    def close(self) -> None:
        self._lock.close()

    def drop(self) -> None:
        """Remove the mirror (``--drop-mirrors``): renamed aside first, so
        one killed half-way is a temporary folder the next task on this
        entry removes, never a half mirror it would fetch into."""
        if os.path.isdir(self.path):
            aside = tempfile.mkdtemp(prefix=_tmp_prefix(self.path), dir=self.cache_dir)
            os.rename(self.path, os.path.join(aside, 'mirror'))
            shutil.rmtree(aside, ignore_errors=True)

    def update(self) -> None:
        """Clone into the cache, or fetch what changed; a failure on the
        way (``_TRANSIENT``) tried again, what it left cleared first."""
        for attempt in range(1, TRIES + 1):
            try:
                self._update()
                return
            except GitError as e:
                if attempt == TRIES or not _TRANSIENT.search(str(e)):
                    if attempt > 1:
                        raise GitError(f'{e} (after {attempt} attempts)')
                    raise
            _clear_debris(self.path)
            time.sleep(self.pause * attempt)

    def _update(self) -> None:
        if os.path.isdir(self.path):
            self._fetch(self.path)
            return
        tmp = tempfile.mkdtemp(prefix=_tmp_prefix(self.path), dir=self.cache_dir)
        try:
            if len(self.urls) == 1:
                git(['clone', '--quiet', '--mirror', '--', self.urls[0], tmp],
                    self.cache_dir, self.env, self.timeout)
            else:
                git(['init', '--quiet', '--bare', tmp], self.cache_dir, self.env, self.timeout)
                self._fetch(tmp)
            os.rename(tmp, self.path)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    def _fetch(self, root: str) -> None:
        if len(self.urls) == 1:
            git(['fetch', '--quiet', '--prune', '--', 'origin'], root, self.env, self.timeout)
            return
        wanted = {member_id(u) for u in self.urls}
        for url in self.urls:
            refspec = f'+refs/*:{FORKS}{member_id(url)}/*'
            git(['fetch', '--quiet', '--prune', '--no-tags', '--', url, refspec],
                root, self.env, self.timeout)
        # A fork no longer listed leaves the network.
        stale = [
            ref for ref in git(['for-each-ref', '--format=%(refname)', FORKS], root,
                               self.env, self.timeout).decode().splitlines()
            if ref[len(FORKS):].split('/', 1)[0] not in wanted
        ]
        for ref in stale:
            git(['update-ref', '-d', ref], root, self.env, self.timeout)

    def fingerprint(self) -> str:
        """Changes when any ref of any member changes."""
        out = git(['for-each-ref', '--format=%(objectname) %(refname)'],
                  self.path, self.env, self.timeout)
        return hashlib.sha256(out).hexdigest()[:24]

    def size_kb(self) -> int:
        out = git(['count-objects', '-v'], self.path, self.env, self.timeout).decode()
        sizes = dict(line.split(': ', 1) for line in out.splitlines() if ': ' in line)
        return int(sizes.get('size-pack', 0)) + int(sizes.get('size', 0))

    def members_holding(self, shas: list[str]) -> dict[str, list[str]]:
        """sha -> the member URLs whose refs reach it (a network only).

        A finding's sha is a commit, or beside the commits the tag or the
        object a ref names (a tag's message, a tagged blob or tree): that
        is held by the members with a ref on it, and '' (a ref's name) or
        an object no ref names directly by every member (reported at each
        rather than lost)."""
        by_id = {member_id(u): u for u in self.urls}
        listed = git(['for-each-ref', '--format=%(objectname) %(*objectname) %(refname)', FORKS],
                     self.path, self.env, self.timeout).decode().splitlines()
        named: dict[str, set[str]] = {}  # object -> refs that name it, peeled or not
        for line in listed:
            target, peeled, ref = (line.split(' ', 2) + ['', ''])[:3]
            for sha in (target, peeled):
                if sha:
                    named.setdefault(sha, set()).add(ref)
        kinds = dict(zip(shas, self._types(shas)))
        out: dict[str, list[str]] = {}
        for sha in shas:
            if kinds[sha] == 'commit':
                refs = git(['for-each-ref', '--contains', sha, '--format=%(refname)', FORKS],
                           self.path, self.env, self.timeout).decode().splitlines()
            else:
                refs = sorted(named.get(sha, ())) or [line.split(' ', 2)[-1] for line in listed]
            ids = dict.fromkeys(r[len(FORKS):].split('/', 1)[0] for r in refs)
            out[sha] = [by_id[i] for i in ids if i in by_id]
        return out

    def _types(self, shas: list[str]) -> list[str]:
        """Each object's type ('' for what is no object name)."""
        if not shas:
            return []
        asked = ''.join(f'{s if re.fullmatch("[0-9a-f]{40,64}", s) else "-"}\n' for s in shas)
        try:
            out = gitrun.git(self.path, 'cat-file', '--batch-check=%(objecttype)',
                             input=asked.encode(), env=self.env, timeout=self.timeout)
        except InputError as e:
            raise GitError(_no_userinfo(str(e)))
        kinds = out.decode().splitlines()
        return [k if k in ('commit', 'tag', 'tree', 'blob') else '' for k in kinds]
