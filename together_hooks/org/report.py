"""Reports from the store: text, json, sarif, markdown.

Rows hold only what the store holds (``hashed_secret``, the redacted key),
so no format can show a whole key.
"""
from __future__ import annotations

from together_hooks.findings import origin_fields
from together_hooks.messages import json_text
from together_hooks.org import engine
from together_hooks.report import ADVICE
from together_hooks.report import INFORMATION_URI
from together_hooks.report import SARIF_SCHEMA
from together_hooks.report import fingerprint
from together_hooks.report import sarif_uri
from together_hooks.report import shown_path
from together_hooks.rules import rotate_at

FORMATS = ('text', 'json', 'sarif', 'markdown')
# After the findings of text and markdown: every step, and the command that
# walks through one key by the hashed_secret each row shows.
ROTATE_ALL = (
    f'{rotate_at("every key found", "Rotate")}: a key in '
    'history is leaked even when a later commit removed it. '
    '`together-hooks rotate-help --hashed-secret HASHED_SECRET` walks through one.'
)


def origin(f: dict) -> dict[str, str]:
    """Where in git a stored row's key is, as ``scan``'s JSON says it
    (``Finding.origin``): ``commit`` only when it is one; a tag's message,
    or a blob or tree a ref reaches through no commit, is ``object`` and
    ``object_type``, with an annotated tag's name in ``tag``."""
    return origin_fields(f['commit'], f.get('object_type'), f.get('tag'))


def _rows(findings: list[dict]) -> list[dict]:
    """The store's rows as a report shows them: ``commit`` or
    ``object``/``object_type``/``tag`` (``origin``)."""
    hidden = ('commit', 'object_type', 'tag')
    return [{k: v for k, v in f.items() if k not in hidden} | origin(f) for f in findings]


def _held(f: dict) -> str:
    """``commit <id>``, ``tag <name> (<id>)``, ``blob <id>``: what holds
    the key, never ``commit`` for what is none."""
    if not f['commit']:  # a ref's or a path's name: no object holds it
        return 'a name'
    if f.get('tag'):
        return f'tag {f["tag"]} ({f["commit"][:12]})'
    return f'{f.get("object_type") or "commit"} {f["commit"][:12]}'


def _by_on(f: dict, shown=str) -> str:
    """`` by <author> on <date>``, leaving out what the object has not
    (a blob or tree a tag names has no author nor date), as ``scan``'s
    reports do."""
    return (f' by {shown(f["author"])}' if f.get('author') else '') + (
        f' on {f["date"]}' if f.get('date') else '')


def text(findings: list[dict], failures: list[tuple[str, str]]) -> str:
    lines = []
    for f in findings:
        verified = f' [{f["verification"]}]' if f.get('verification') else ''
        lines.append(
            f'{shown_path(f["repo"])}: {shown_path(f["path"])}:{f["line"]}: {f["rule"]} '
            f'{f["redacted"]} (hashed_secret {f["hashed_secret"]}) added in '
            f'{shown_path(_held(f))}{_by_on(f, shown_path)}{verified}',
        )
    for url, error in failures:
        lines.append(f'{shown_path(url)}: NOT SCANNED: {shown_path(error)}')
    if findings:
        lines.append(ROTATE_ALL)
    return ''.join(line + '\n' for line in lines)


def json_(findings: list[dict], failures: list[tuple[str, str]]) -> str:
    return json_text({
        'findings': _rows(findings),
        'failures': [{'repo': url, 'error': error} for url, error in failures],
    }, indent=2) + '\n'


def sarif(findings: list[dict], failures: list[tuple[str, str]]) -> str:
    """SARIF 2.1.0: one run per repository (its ``versionControlProvenance``),
    so the same path in two repositories stays two results."""
    from together_hooks import __version__

    texts = engine.rule_texts()
    ids = sorted(set(texts) | {f['rule'] for f in findings})
    rules = [{
        'id': rule_id,
        'shortDescription': {'text': texts.get(rule_id, (rule_id, ''))[0]},
        'help': {'text': f'{texts.get(rule_id, ("", ""))[1]}\n\n{ADVICE}'.strip()},
        'defaultConfiguration': {'level': 'error'},
        'properties': {'tags': ['security', 'secret', 'external/cwe/cwe-798']},
    } for rule_id in ids]
    by_repo: dict[str, list[dict]] = {}
    for f in findings:
        by_repo.setdefault(f['repo'], []).append(f)
    for url, _error in failures:
        by_repo.setdefault(url, [])
    runs = []
    for repo, rows in sorted(by_repo.items()):
        results = []
        for f in rows:
            uri, relative = sarif_uri(f['path'])
            location: dict[str, object] = {'uri': uri}
            if relative:
                location['uriBaseId'] = '%SRCROOT%'
            results.append({
                'ruleId': f['rule'],
                'ruleIndex': ids.index(f['rule']),
                'level': 'warning' if f.get('verification') == 'invalid' else 'error',
                'message': {'text': (
                    f'Together API key {f["redacted"]} (hashed_secret '
                    f'{f["hashed_secret"]}), added in {_held(f)}{_by_on(f)}. '
                    f'{rotate_at(verb="Rotate")}.'
                )},
                'locations': [{'physicalLocation': {
                    'artifactLocation': location,
                    'region': {'startLine': max(1, int(f['line']))},
                }}],
                'partialFingerprints': {
                    'togetherHooksSecret/v1': fingerprint(f['rule'], f['hashed_secret'], uri),
                },
                'properties': {k: f[k] for k in (
                    'hashed_secret', 'redacted', 'author', 'date', 'verification',
                ) if f.get(k)} | origin(f),
            })
        error = dict(failures).get(repo)
        runs.append({
            'tool': {'driver': {
                'name': 'together-hooks', 'version': __version__,
                'informationUri': INFORMATION_URI, 'rules': rules,
            }},
            # A local path as a file:// URI; a clone URL as it is.
            'versionControlProvenance': [{
                'repositoryUri': sarif_uri(repo)[0] if repo.startswith('/') else repo,
            }],
            'invocations': [{'executionSuccessful': error is None} | (
                {'toolExecutionNotifications': [{'message': {'text': error}, 'level': 'error'}]}
                if error else {}
            )],
            'results': results,
        })
    doc = {'$schema': SARIF_SCHEMA, 'version': '2.1.0', 'runs': runs}
    return json_text(doc, indent=2) + '\n'


def _cell(value: object) -> str:
    """One table cell as code: on one line (``shown_path``), a ``|`` that
    would end the cell escaped (GFM reads ``\\|`` so even in code), and a
    fence longer than any run of backticks in it, so a path or an author
    cannot close it and turn into a link, an image or HTML."""
    import re

    text = shown_path(str(value)).replace('|', '\\|')
    if not text:
        return ''
    fence = '`' * (max((len(run) for run in re.findall('`+', text)), default=0) + 1)
    return f'{fence} {text} {fence}'


def markdown(findings: list[dict], failures: list[tuple[str, str]]) -> str:
    """A section per repository (for an issue or a pull request comment):
    a table of its findings, then the repositories not scanned."""
    by_repo: dict[str, list[dict]] = {}
    for f in findings:
        by_repo.setdefault(f['repo'], []).append(f)
    out = ['# Together API keys in the organisation\'s history', '',
           f'{len(findings)} finding(s) in {len(by_repo)} repositories; '
           f'{len(failures)} repositories not scanned.', '']
    for repo, rows in sorted(by_repo.items()):
        out += [f'## {_cell(repo)}', '',
                '| path | line | rule | key | hashed_secret | commit | author | date | status |',
                '|---|---:|---|---|---|---|---|---|---|']
        for f in rows:
            out.append('| ' + ' | '.join(_cell(v) for v in (
                f['path'], f['line'], f['rule'], f['redacted'], f['hashed_secret'],
                _held(f) if f.get('object_type') else f['commit'][:12], f['author'], f['date'], f.get('verification') or '',
            )) + ' |')
        out.append('')
    if failures:
        out += ['## Not scanned', '', '| repository | why |', '|---|---|']
        out += [f'| {_cell(url)} | {_cell(error)} |' for url, error in failures]
        out.append('')
    if findings:
        out += [ROTATE_ALL, '']
    return '\n'.join(out)


RENDER = {'text': text, 'json': json_, 'sarif': sarif, 'markdown': markdown}
