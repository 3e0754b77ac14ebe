"""What to scan: a repos file, or an organisation listed by the GitHub API.

A ``Target`` is one unit of work: one repository, or a fork network (the
first URL is the parent) fetched into one object store.  The GitHub token
comes from the environment only; it is sent to the API host and nowhere
else, and never appears in argv, a URL, a message or the store.
"""
from __future__ import annotations

import hashlib
import http.client
import json
import math
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Callable
from typing import Iterable
from typing import NamedTuple

from together_hooks.errors import InputError

TOKEN_ENV = ('TOGETHER_HOOKS_GITHUB_TOKEN', 'GITHUB_TOKEN')
DEFAULT_API = 'https://api.github.com'
# A rate limit that resets later than this is an error, not a wait.
MAX_WAIT = 3600.0
RETRIES = 5
# A server error (5xx) or a request that timed out or was cut short is
# tried again after 1, 2, 4, 8 and 16 seconds: a listing of thousands of
# repositories outlives a passing 502, but a server that keeps failing
# ends the run (exit 2) in well under a minute.
TRANSIENT = (500, 502, 503, 504)
REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5
# A page of 100 repositories is a few hundred KB; anything far bigger is
# not GitHub, and is not read into memory.
MAX_BODY = 64 * 1024 * 1024
# Credentials in a URL: any user part of an http(s) URL (a token goes
# there), a user and a password in any scheme.  An ssh user name alone
# (git at the host) is no secret.
# A user and a password in git's scp-like form (``user:pass@host:path``)
# are credentials too, though git itself reads that as host ``user``; so
# is one whose password holds a ``/`` where a host follows its ``@``
# (``user:pa/ss@host:path``, ``user:pa/ss@host/path``): read as a local
# path, its "no such repository" line printed it), not a URL's
# ``scheme://user@host/``.
_USERINFO = re.compile(
    r'^(?:https?://[^/@]*@|[a-z][a-z0-9+.-]*://[^/@:]*:[^/@]*@|[^/@:]+:[^/@]*@'
    r'|(?![a-z][a-z0-9+.-]*://)[^/@:]+:[^@]*@[^@/:]+[:/])', re.I,
)
# And a URL's query parameter named for one (``?access_token=...``, GitLab's
# ``private_token``, ``?key=``, ``&password=``): the word, alone or after
# ``_``, ``-`` or ``.``, any case.
_QUERY_CREDENTIAL = re.compile(
    r'^[a-z][a-z0-9+.-]*://[^?#]*\?(?:[^#]*[&;])?(?:[^=&;#]*[_.-])?'
    r'(?:token|key|secret|pass(?:word|wd)?|pwd|auth|credentials?|sig(?:nature)?)=',
    re.I,
)
# git's own rule for a location that is no URL (``url_is_local_not_ssh``):
# a ``:`` before any ``/`` makes it ssh's scp-like form (``host:path``,
# ``user@host:path``, ``[::1]:path``), save a remote helper's
# ``transport::address`` and a drive letter (``C:\\repo``, ``C:/repo``).
_HELPER = re.compile(r'^[A-Za-z0-9+.-]*::')
_DRIVE = re.compile(r'^[A-Za-z]:(?:[\\/]|$)')


def scp_like(location: str) -> bool:
    """Whether git reads ``location`` (no folder of that name here) as
    ssh's scp-like form: ``host:path``, ``user@host:path``, ``[::1]:path``."""
    colon, slash = location.find(':'), location.find('/')
    return (
        colon > 0 and (slash == -1 or colon < slash)
        and not _HELPER.match(location) and not _DRIVE.match(location)
    )


class Target(NamedTuple):
    urls: tuple[str, ...]  # one repository, or a network: parent first
    size: int = 0  # KB as the API reports it; 0 when unknown
    refused: str = ''  # why it is not cloned at all (a clone URL off the API's host)
    # A repository's wiki: GitHub answers "not found" for one with no page
    # yet, which is no failure (its repository was readable, so is it).
    wiki: bool = False

    @property
    def key(self) -> str:
        return self.urls[0]


def shard_of(url: str, count: int) -> int:
    """Stable across machines and Python versions (never ``hash()``)."""
    return int.from_bytes(hashlib.sha256(url.encode()).digest()[:8], 'big') % count


def parse_shard(text: str) -> tuple[int, int]:
    """``I/N``, 0 <= I < N (a CI matrix index, a Kubernetes job index)."""
    m = re.fullmatch(r'(\d+)/(\d+)', text.strip())
    if not m or not 0 <= int(m.group(1)) < int(m.group(2)):
        raise InputError(f'--shard {text!r}: expected I/N with 0 <= I < N, e.g. 0/4')
    return int(m.group(1)), int(m.group(2))


def normalize(location: str, base: str) -> str:
    """A URL as given; a local path made absolute (workers run elsewhere)."""
    _refuse_credentials(location)
    scheme = re.match(r'^[a-z][a-z0-9+.-]*://', location, re.I)
    if scheme:  # git knows ``https`` only in lower case (``HTTPS``: "transport not allowed")
        return scheme[0].lower() + location[scheme.end():]
    if re.match(r'^[^/]+@[^/:]+:', location):
        return location
    path = os.path.abspath(os.path.join(base, os.path.expanduser(location)))
    if os.path.isdir(path):  # a folder first, as ``git clone`` takes one
        return path
    if scp_like(location):  # ``host:path``: ssh's, as git reads it
        return location
    raise InputError(f'{location}: no such repository')


def _refuse_credentials(location: str) -> None:
    if _USERINFO.match(location) or _QUERY_CREDENTIAL.match(location):
        raise InputError(
            'a repository URL carries credentials: remove them and set '
            'GITHUB_TOKEN in the environment instead',
        )


def read_repos_file(path: str) -> list[Target]:
    """One clone URL or local path a line; several on a line: one fork
    network (parent first).  ``#`` starts a comment."""
    from together_hooks.fileio import read_config_file

    try:  # a FIFO or /dev/zero is refused, a file is bounded
        # 'utf-8-sig': a byte-order mark (Notepad, PowerShell's
        # Out-File) is no part of the first repository's name
        lines = read_config_file(path).decode('utf-8-sig').splitlines()
    except OSError as e:
        raise InputError(f'{path}: cannot read ({e.strerror or e})')
    except UnicodeDecodeError:
        raise InputError(f'{path}: not UTF-8 text')
    base = os.path.dirname(os.path.abspath(path))
    targets = []
    for line in lines:
        words = line.split('#', 1)[0].split() if not line.lstrip().startswith('#') else []
        if words:
            targets.append(Target(tuple(dict.fromkeys(normalize(w, base) for w in words))))
    if not targets:  # a list whose making failed (`gh repo list > FILE`) is no clean audit
        raise InputError(f'{path}: names no repository (one clone URL or path a line)')
    return dedupe(targets, same_repository)


def same_repository(location: str) -> str:
    """What tells one repository from another: for one on this machine (a
    path or a ``file://`` URL) the folder git reads, so ``repo``,
    ``repo/``, ``repo/.git``, ``file://…/repo`` and a symlink to it are one
    (each scanned and counted once, under the first spelling given); any
    other URL as it is written (a server may serve ``app`` and ``app.git``
    as two repositories), save its scheme and host, which name the same
    server in any case (``HTTPS://GitHub.com/acme/app``)."""
    if re.match(r'^file://', location, re.I):
        path = urllib.parse.unquote(urllib.parse.urlsplit(location).path)
    elif location.startswith('/'):
        path = location
    else:
        url = re.match(r'^([a-z][a-z0-9+.-]*://)([^/?#@]*@)?([^/?#@]*)(.*)$', location, re.I | re.S)
        if url:  # a user's name keeps its case
            return url[1].lower() + (url[2] or '') + url[3].lower() + url[4]
        scp = re.match(r'^([^/@:]*@)?([^/@:\[]+)(:.*)$', location, re.S)
        if scp and scp_like(location):  # git's ``user@host:path``
            return (scp[1] or '') + scp[2].lower() + scp[3]
        return location
    real = os.path.realpath(path)
    dotgit = os.path.join(real, '.git')
    return os.path.realpath(dotgit) if os.path.isdir(dotgit) else real


def dedupe(targets: Iterable[Target], same: Callable[[str], str] = str) -> list[Target]:
    """Each repository once: a repository in a network is not also
    scanned alone, nor one spelled two ways (``same``, e.g.
    ``same_repository``) twice.  A listing's targets keep each URL the API
    gave (two entries naming one folder are two refusals)."""
    seen: set[str] = set()
    out = []
    for t in sorted(targets, key=lambda t: -len(t.urls)):
        kept = []
        for url in t.urls:
            which = same(url)
            if which not in seen:
                seen.add(which)
                kept.append(url)
        urls = tuple(kept)
        if urls:
            out.append(t._replace(urls=urls))
    return out


def token() -> str | None:
    """The GitHub token from the environment.  It is a secret of the run
    like a key found: the run's scrubber learns it, so no output shows it
    in any form (an API or a proxy that echoes it back in an error)."""
    from together_hooks.detect.scrub import learn

    for name in TOKEN_ENV:
        value = os.environ.get(name, '').strip()
        if value:
            learn([value])
            return value
    return None


def check_api_url(url: str) -> str:
    """https anywhere; plain http only to a loopback address (a test server)."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ''
    if parts.username or parts.password or parts.query or parts.fragment:
        raise InputError(f'--github-api-url {url!r}: give the API root only, with no credentials')
    if parts.scheme == 'https' and host:
        return url.rstrip('/')
    if parts.scheme == 'http' and (host in ('localhost', '::1') or host.startswith('127.')):
        return url.rstrip('/')
    raise InputError(f'--github-api-url {url!r}: must be https:// (http only on loopback)')


def clone_origin(api: str) -> tuple[str, str]:
    """(scheme, host) every clone URL the API at ``api`` gives must have:
    its own scheme (https; http only for a loopback test server) and host,
    less a leading ``api.`` (``api.github.com`` clones from ``github.com``)."""
    parts = urllib.parse.urlsplit(api)
    host = parts.netloc.lower()
    return parts.scheme, host[4:] if host.startswith('api.') else host


def _transient(reason: object) -> str:
    """What went wrong, when trying again may help: a timeout, a
    connection cut or an answer cut short; '' otherwise (a refused
    connection, an unknown host: the same next time)."""
    if isinstance(reason, TimeoutError):
        return 'timed out'
    if isinstance(reason, (ConnectionResetError, ConnectionAbortedError, BrokenPipeError)):
        return 'connection closed'
    if isinstance(reason, http.client.HTTPException):
        return f'a broken answer ({type(reason).__name__})'
    return ''


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect comes back as its HTTPError, for ``GitHub._fetch``."""

    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def _seconds_until(retry_after: str) -> float | None:
    """``Retry-After``: seconds, or an HTTP date; None when it is neither."""
    try:
        return float(retry_after)
    except ValueError:
        pass
    import email.utils

    try:
        when = email.utils.parsedate_to_datetime(retry_after)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return when.timestamp() - time.time()


def _says_rate_limit(e: urllib.error.HTTPError) -> bool:
    """A ``403`` whose message is GitHub's rate limit one (a ``403`` is
    also "no access", which waiting does not mend)."""
    try:
        body = e.read(64 * 1024)
    except (OSError, http.client.HTTPException):
        return False
    return b'rate limit' in body.lower()


def _next_link(header: str | None) -> str | None:
    """The ``rel="next"`` URL of a Link header."""
    for part in (header or '').split(','):
        m = re.match(r'\s*<([^>]*)>\s*;(.*)', part)
        if m and re.search(r'rel="?next"?', m.group(2)):
            return m.group(1)
    return None


class GitHub:
    """A small GitHub REST client: Link paging, Retry-After and rate-limit
    reset honoured, the token in the Authorization header only."""

    def __init__(
            self, api_url: str, secret: str | None,
            sleep: Callable[[float], None] = time.sleep,
            say: Callable[[str], None] | None = None, timeout: float = 30.0,
    ) -> None:
        self.api = check_api_url(api_url)
        self._token = secret
        self.timeout = timeout
        self.sleep = sleep
        self.say = say or (lambda text: print(text, file=sys.stderr))
        self.scheme, self.host = urllib.parse.urlsplit(self.api)[:2]

    def _same_host(self, url: str, how: str = 'pointed') -> str:
        """Paging URLs and redirects come from the server: never send the
        token elsewhere (another host, or the same one without TLS)."""
        parts = urllib.parse.urlsplit(url)
        if (parts.scheme, parts.netloc) != (self.scheme, self.host):
            raise InputError(f'the GitHub API {how} to another host; stopping')
        return url

    def get(self, url: str, missing_ok: bool = False) -> tuple[object, str | None]:
        """(decoded JSON, next page URL); ``missing_ok``: (None, None) for
        a 404 (a repository that is gone), which is otherwise an error."""
        url = self._same_host(url)
        body, link = self._fetch(url, missing_ok)
        if len(body) > MAX_BODY:
            raise InputError(f'GitHub API: {self._shown(url)}: answer too large')
        try:
            return json.loads(body), _next_link(link)
        except (ValueError, RecursionError):
            raise InputError(f'GitHub API: {self._shown(url)} did not answer JSON')

    def _fetch(self, url: str, missing_ok: bool = False) -> tuple[bytes, str | None]:
        """(body, Link header): a rate limit waited for, a transient
        failure tried again, a bounded number of times.  A redirect is
        followed here, not by urllib: urllib drops the token on the way
        (GitHub answers a renamed organisation or repository with a 301
        on its own host, and the listing without the token has no private
        repository), and would follow one to any host."""
        opener = urllib.request.build_opener(_NoRedirect)
        redirects = 0
        attempt = 0
        while True:
            request = urllib.request.Request(url, headers={
                'Accept': 'application/vnd.github+json',
                'User-Agent': 'together-hooks-scan-org',
                'X-GitHub-Api-Version': '2022-11-28',
            })
            if self._token:
                request.add_unredirected_header('Authorization', f'Bearer {self._token}')
            after = f' (after {attempt + 1} attempts)' if attempt else ''
            try:
                with opener.open(request, timeout=self.timeout) as response:
                    body = response.read(MAX_BODY + 1)
                    length = response.headers.get('Content-Length', '')
                    if length.isdigit() and len(body) < min(int(length), MAX_BODY + 1):
                        # read(n) returns what came before the close
                        raise http.client.IncompleteRead(body, int(length) - len(body))
                    return body, response.headers.get('Link')
            except urllib.error.HTTPError as e:
                if e.code == 404 and missing_ok:
                    return b'null', None
                if e.code in REDIRECTS:
                    redirects += 1
                    url = self._redirected(url, e.headers.get('Location'), redirects)
                    continue
                wait = self._wait(e, attempt)
                if wait is not None and attempt < RETRIES:
                    self.say(f'together-hooks: scan-org: GitHub API rate limit; waiting {wait:g}s')
                    self.sleep(wait)
                    attempt += 1
                    continue
                failure = f'{e.code} {e.reason}'
                if e.code not in TRANSIENT or attempt == RETRIES:
                    raise InputError(f'GitHub API: {failure} for {self._shown(url)}{after}')
            except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
                reason = getattr(e, 'reason', e)
                failure = _transient(reason)
                if not failure or attempt == RETRIES:
                    raise InputError(
                        f'GitHub API: cannot reach {self._shown(url)} ({failure or reason}){after}',
                    )
            self.say(f'together-hooks: scan-org: GitHub API: {failure}; '
                     f'trying again in {2 ** attempt}s')
            self.sleep(2 ** attempt)
            attempt += 1

    def _redirected(self, url: str, location: str | None, count: int) -> str:
        """Where a redirect leads: the API's own host only (the token goes
        there), a bounded number of times."""
        if not location:
            raise InputError(f'GitHub API: {self._shown(url)}: a redirect without a Location')
        if count > MAX_REDIRECTS:
            raise InputError(f'GitHub API: {self._shown(url)}: more than {MAX_REDIRECTS} redirects')
        return self._same_host(urllib.parse.urljoin(url, location), 'redirected')

    @staticmethod
    def _shown(url: str) -> str:
        return urllib.parse.urlsplit(url)._replace(query='').geturl()

    @staticmethod
    def _wait(e: urllib.error.HTTPError, attempt: int = 0) -> float | None:
        """Seconds to wait before retrying, or None when it is no rate limit
        (a ``503`` that says when to come back is one too).  GitHub's
        secondary rate limit may come with neither header (a ``403`` or
        ``429`` whose message says so): GitHub asks for at least a minute,
        then longer each time."""
        if e.code not in (403, 429, 503):
            return None
        retry_after = e.headers.get('Retry-After')
        if e.code == 503 and retry_after is None:
            return None  # a server error: tried again as one
        if retry_after is not None:
            wait = _seconds_until(retry_after)
            if wait is None:
                return None
        elif e.headers.get('X-RateLimit-Remaining') == '0':
            try:
                wait = float(e.headers.get('X-RateLimit-Reset', '')) - time.time() + 1
            except ValueError:
                return None
        elif e.code == 429 or _says_rate_limit(e):
            wait = 60.0 * 2 ** attempt
        else:
            return None
        if not math.isfinite(wait) or wait > MAX_WAIT:
            return None
        return max(wait, 0.0)

    def pages(self, path: str) -> Iterable[dict]:
        for data in self.page_lists(path):
            yield from data

    def page_lists(self, path: str) -> Iterable[list[dict]]:
        """Each page of a listing, as the list of its entries."""
        url: str | None = f'{self.api}{path}'
        seen: set[str] = set()
        while url is not None:
            if url in seen:  # a listing that never ends
                raise InputError(f'GitHub API: {path}: a next page repeats an earlier one; stopping')
            seen.add(url)
            data, url = self.get(url)
            if not isinstance(data, list):
                raise InputError(f'GitHub API: {path}: expected a list')
            if not all(isinstance(item, dict) for item in data):
                # dropped, it would be a repository never scanned
                raise InputError(f'GitHub API: {path}: an entry of the list is not an object')
            yield data


def github_targets(
        client: GitHub, org: str, include_forks: bool, include_archived: bool,
        left_out: dict[str, int] | None = None, include_wikis: bool = False,
        short_forks: list[str] | None = None, unsettled: list[str] | None = None,
) -> list[Target]:
    """The organisation's repositories; with ``include_forks``, each with
    its forks as one network (the forks listed by the API, any owner).
    ``left_out`` counts the repositories of the org not listed, by why
    (``fork``, ``archived``), and the wikis not listed (``wiki``), for the
    caller to say so.  ``short_forks`` gets, for each repository whose
    fork network listed holds fewer repositories than its ``forks_count``
    (forks the token cannot read, or a listing that moved), what was
    listed of how many.  ``unsettled`` gets each listing whose every pass
    brought a repository none before it gave (``list_repos``).  With ``include_wikis`` each repository with its wiki
    on (``has_wiki``) brings a target of its own, ``wiki`` set.

    A clone URL off the API's own host (``clone_origin``): a ``file://``
    URL, a local path, ssh, another host) is never cloned: it comes back
    as a target of its own with the reason it is ``refused``."""
    org_name(org)
    origin = clone_origin(client.api)
    targets = []
    refused: list[Target] = []
    distinct: set[object] = set()
    last: set[object] = set()
    for repo in list_repos(client, f'/orgs/{org}/repos?per_page=100&type=all', unsettled, last):
        # Each repository once, for listing_shortfall; one an earlier pass
        # gave and the last did not only while it is still the org's.
        if left_out is not None and (_ident(repo) in last or _still_in(client, org, repo)):
            _count_listed(repo, left_out, distinct)
        why = ('archived' if repo.get('archived') and not include_archived
               else 'fork' if repo.get('fork') and not include_forks else '')
        if why:
            if left_out is not None:
                left_out[why] = left_out.get(why, 0) + 1
            continue
        url = _clone_url(repo)
        urls = [url]
        if include_forks and repo.get('forks_count'):
            forks = _forks(client, repo, f'{org}/{repo.get("name")}', url,
                           left_out if include_wikis else None, unsettled)
            counted = _count(repo, 'forks_count', url)
            if len(set(forks)) < counted and short_forks is not None:
                short_forks.append(f'{len(set(forks))} of the {counted} forks of '
                                   f'{repo.get("full_name") or url}')
            urls += forks
        size = _size(repo, url)
        kept = []
        for member in dict.fromkeys(urls):
            why = _off_origin(member, origin)
            if why:  # shown on one line: a control character escaped
                shown = member if member.isprintable() else ascii(member)[1:-1]
                refused.append(Target((shown,), size, refused=why))
            else:
                kept.append(member)
        if kept:
            targets.append(Target(tuple(kept), size))
        if repo.get('has_wiki') and url in kept:
            if include_wikis:
                targets.append(Target((wiki_url(url),), 0, wiki=True))
            elif left_out is not None:
                left_out['wiki'] = left_out.get('wiki', 0) + 1
    return dedupe(targets + refused)  # a refused URL is in no network


# Passes over a listing of several pages at most: a pass that brings a
# repository none before it gave shows the listing changed as it was read,
# so one more is made.
MAX_PASSES = 3


def list_repos(
        client: GitHub, path: str, unsettled: list[str] | None = None,
        last: set[object] | None = None,
) -> list[dict]:
    """Every repository a listing gives, each once (``_ident``).

    GitHub pages by offset.  A repository deleted (or moved out) while the
    listing is read shifts the pages after it forward, so one that exists
    is never given; one created shifts them back.  The organisation's
    counts catch the first alone, not both at once: the deleted one was
    listed, the created one was not, the count is the same, and the
    repository skipped is missed without a word.  So a listing of more
    than one page is read again, and the passes are joined; a pass that
    gives a repository none before it gave means the listing moved, and
    another is read (``MAX_PASSES`` in all).  One page is one answer, read
    once.  A repository the passes give that has gone since fails its
    clone, a row of the report.  A last pass that still brings a new one
    may have skipped another: ``path`` goes in ``unsettled`` for the
    caller to fail closed (without a list to tell, an InputError).
    ``last`` gets the identities the last pass gave.

    The passes' union also holds repositories that have gone since an
    earlier pass gave them: counted, they would stand in for one every pass
    skipped (``github_targets`` counts one only while it is still there)."""
    union: dict[object, dict] = {}
    passes = 0
    this: set[object] = set()
    while passes < MAX_PASSES:
        passes += 1
        pages = 0
        new = 0
        this = set()
        for pages, data in enumerate(client.page_lists(path), 1):
            for repo in data:
                ident = _ident(repo)
                this.add(ident)
                if ident not in union:
                    union[ident] = repo
                    new += 1
        if pages <= 1 or (passes > 1 and not new):
            break
    else:  # every pass moved: the last may have skipped one as the first did
        if unsettled is None:
            raise InputError(f'GitHub API: {path}: the listing still changed after '
                             f'{MAX_PASSES} passes: run again')
        unsettled.append(path)
    if last is not None:
        last.update(this)
    return list(union.values())


def _still_in(client: GitHub, org: str, repo: dict) -> bool:
    """Is ``repo``, which an earlier pass of the listing gave and the last
    did not, still a repository of ``org`` (``GET /repos/{full_name}``,
    a rename followed)?  Gone (404), moved to another owner, or its name
    now another repository's (another ``id``): no.  Asked
    only of such repositories: none on a listing that did not move."""
    name = repo.get('full_name')
    if not isinstance(name, str) or '/' not in name:
        return False  # not to be asked: not counted (a shortfall, never a pass)
    data, _ = client.get(f'{client.api}/repos/{urllib.parse.quote(name)}', missing_ok=True)
    if data is None:
        return False
    if not isinstance(data, dict):
        raise InputError(f'GitHub API: /repos/{name}: expected an object')
    if 'id' in repo and data.get('id') != repo['id']:
        return False  # its name is another repository's now: it is gone
    owner = data.get('owner')
    login = owner.get('login') if isinstance(owner, dict) else None
    return isinstance(login, str) and login.lower() == org.lower()


def _ident(repo: dict) -> object:
    """A repository's identity across the listing's pages: its ``id``
    (it survives a rename), else its ``full_name``, else its clone URL."""
    ident = repo.get('id')
    if not isinstance(ident, int) or isinstance(ident, bool):
        name = repo.get('full_name')
        ident = name if isinstance(name, str) and name else _clone_url(repo)
    return ident


def _forks(
        client: GitHub, repo: dict, default_name: str | None, url: str,
        left_out: dict[str, int] | None = None, unsettled: list[str] | None = None,
) -> list[str]:
    """The clone URLs of ``repo``'s whole fork network below it: GitHub
    lists a repository's own forks only, so each fork with forks of its
    own (``forks_count``) is asked in turn; each repository once.  The
    forks' own wikis are not scanned (most forks are outside the
    organisation): those with one on are counted in ``left_out``
    (``fork wiki``), for the caller to say so."""
    out: list[str] = []
    asked: set[str] = set()
    todo = [(repo, default_name, url)]
    while todo:
        parent, fallback, shown = todo.pop()
        name = parent.get('full_name') or fallback
        if not isinstance(name, str) or not name:
            raise InputError(f'GitHub API: {shown}: full_name is not a name')
        if name in asked:
            continue
        asked.add(name)
        forks = f'/repos/{urllib.parse.quote(name)}/forks?per_page=100'
        for fork in list_repos(client, forks, unsettled):
            clone = _clone_url(fork)
            out.append(clone)
            if left_out is not None and fork.get('has_wiki'):
                left_out['fork wiki'] = left_out.get('fork wiki', 0) + 1
            if fork.get('forks_count'):
                todo.append((fork, None, clone))
    return out


def wiki_url(clone_url: str) -> str:
    """GitHub keeps a repository's wiki beside it: ``NAME.wiki.git``."""
    base = clone_url[:-4] if clone_url.endswith('.git') else clone_url.rstrip('/')
    return f'{base}.wiki.git'


def _count_listed(repo: dict, listed: dict[str, int], distinct: set[object]) -> None:
    """Count one entry of the listing as ``listed public`` or ``listed
    private``, once per repository (its ``id``, else its ``full_name``):
    GitHub pages by offset, so an entry given twice (a repository created
    while the listing is read shifts the next page back) must not stand in
    for one never given.  An internal repository (GitHub Enterprise) is a
    private one to the API (``"private": true``), and counted so: an
    organisation's count of its own private repositories is held against
    every repository it does not show the public."""
    ident = _ident(repo)
    if ident in distinct:
        return
    distinct.add(ident)
    visibility = repo.get('visibility')
    kind = 'private' if repo.get('private') or visibility in ('private', 'internal') else 'public'
    listed[f'listed {kind}'] = listed.get(f'listed {kind}', 0) + 1


def org_name(org: str) -> str:
    """``org`` when it can name a GitHub organisation (letters, digits,
    ``-``); checked before any request is sent with it: a key pasted in
    its place, or ``acme/../users/x``, never reaches the API's URL."""
    if not re.fullmatch(r'[A-Za-z0-9][A-Za-z0-9-]*', org):
        raise InputError(f'--github-org {org!r}: not an organisation name')
    return org


def org_counts(client: GitHub, org: str) -> dict[str, int | None]:
    """The organisation's own counts (``GET /orgs/ORG``): ``public``
    (``public_repos``) and ``private`` (``owned_private_repos``, None when
    GitHub hides it: it shows it to the organisation's owners, a token
    with ``admin:org``, not to its members)."""
    data, _ = client.get(f'{client.api}/orgs/{org_name(org)}')
    if not isinstance(data, dict):
        raise InputError(f'GitHub API: /orgs/{org}: expected an object')
    counts: dict[str, int | None] = {}
    for kind, field in (('public', 'public_repos'), ('private', 'owned_private_repos')):
        total = data.get(field)
        if total is None and kind == 'private':
            counts[kind] = None  # not shown to this token
            continue
        if not isinstance(total, int) or isinstance(total, bool) or total < 0:
            raise InputError(f'GitHub API: /orgs/{org}: {field} is not a count')
        counts[kind] = total
    return counts


def listing_shortfall(
        org: str, before: dict[str, int | None], after: dict[str, int | None],
        listed: dict[str, int],
) -> str:
    """What the listing missed, by the organisation's counts read before
    and after it (``org_counts``); '' when nothing.  GitHub pages by
    offset, so a repository deleted while the listing is read shifts the
    next page and one that still exists is never listed: the distinct
    repositories listed must reach both counts.  A token that cannot read
    some private repositories lists the others without a word."""
    missed = []
    for kind in ('public', 'private'):
        totals = [c[kind] for c in (before, after) if c.get(kind) is not None]
        if not totals:
            continue
        total = max(totals)  # type: ignore[type-var]
        got = listed.get(f'listed {kind}', 0)
        if got < total:  # type: ignore[operator]
            missed.append(f'{got} of its {total} {kind}')
    if not missed:
        return ''
    return (f'the GitHub API listed {" and ".join(missed)} repositories of {org} '
            f'(GET /orgs/{org} before and after the listing): the others are not scanned '
            '(a token that cannot read them, or repositories created or deleted while the '
            f'listing was read: run again)')


def _off_origin(url: str, origin: tuple[str, str]) -> str:
    """Why ``url`` is not cloned from the API's ``origin``; '' when it is."""
    parts = urllib.parse.urlsplit(url)
    scheme, host = origin
    if (
            url.isprintable() and re.match(r'^[a-z][a-z0-9+.-]*://', url, re.I)
            and (parts.scheme.lower(), parts.netloc.lower()) == (scheme, host)
    ):
        return ''
    return f'refused: the API gave a clone URL that is not {scheme}://{host}/'


def _count(repo: dict, field: str, url: str) -> int:
    """A count the API gives for a repository (``forks_count``)."""
    value = repo.get(field)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InputError(f'GitHub API: {url}: {field} is not a count')
    return value


def _size(repo: dict, url: str) -> int:
    """The repository's size in KB as the API reports it (0: unknown)."""
    size = repo.get('size') or 0
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise InputError(f'GitHub API: {url}: size is not a number of KB')
    return size


def _clone_url(repo: dict) -> str:
    url = repo.get('clone_url')
    if not isinstance(url, str) or not url:
        raise InputError('GitHub API: a repository without clone_url')
    _refuse_credentials(url)
    return url
