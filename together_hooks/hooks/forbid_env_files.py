"""Hook ``forbid-env-files``: keep ``.env`` files (and ``.env/`` folders) out
of git; let templates through while they hold placeholders only."""
from __future__ import annotations

import os
import sys

from together_hooks import audit_log
from together_hooks.env import names

# Nothing else at the top: with no file to check and no push (most
# commits: the hook runs on every one, ``always_run``) ``main`` returns
# before importing git, the config or the report (``_nothing_to_check``).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Iterable
    from typing import Iterator
    from typing import BinaryIO
    from typing import Callable
    from typing import Sequence

    from together_hooks.config import Config
    from together_hooks.fileio import NotScanned
    from together_hooks.gitrun import BlobAt
    from together_hooks.sources.content import Content
    from together_hooks.sources.commits import Remotes

PROG = 'forbid-env-files'
EPILOG = """\
examples (pre-commit passes the staged files):
  forbid-env-files .env.example
  forbid-env-files --allow '.env.defaults' .env.defaults

exit codes: 0 no env file refused, 1 an env file refused, 2 usage or input
  error (one line on stderr)"""


def env_file_message(
        path: str, ignored_by: str | None = None, pushed: bool = False, staged: bool = True,
        in_repository: bool = True,
) -> str:
    """The refusal of a staged env file (``pushed``: one a push sends,
    as pre-commit passes it to the pre-push stage); ``ignored_by`` names
    the rule that already ignores it (it was added with ``git add -f``, or
    tracked before the rule), so no ignore advice is given then.
    ``staged=False``: named by hand (``forbid-env-files .env``) and not in
    the index, so there is nothing to untrack.  ``in_repository=False``:
    named by hand outside any git work tree, where nothing is staged and
    there is no index, nor a `.gitignore` for ``--fix`` to write."""
    from together_hooks.env import hints

    name = path.replace('\\', '/').rsplit('/', 1)[-1]
    if not in_repository and not pushed:
        return (
            f'{path}: env file (not in a git repository: nothing is staged); it holds '
            'local settings and secrets, so keep it out of git: in the repository it '
            f'goes to, ignore it (`{names.ignore_rule(name)}` in .gitignore) and commit '
            'a template with placeholder values (.env.example) instead'
        )
    if ignored_by:
        ignore = f'.gitignore already ignores it ({ignored_by}), '
    else:
        ignore = (
            f'ignore it (`{names.ignore_rule(name)}` in .gitignore; to add it, '
            f'{hints.fix_command()}), '
        )
    if not staged and not pushed:
        return (
            f'{path}: env file (not staged nor tracked: nothing to untrack); it holds '
            f'local settings and secrets, so keep it out of git: {ignore}and commit '
            'a template with placeholder values (.env.example) instead'
        )
    return (
        f'{path}: env file {"in the pushed commits" if pushed else "staged"}; '
        'it holds local settings and secrets. '
        f'Untrack it with {hints.untrack_command([path], sparse=not os.path.lexists(path))}, {ignore}and commit '
        f'a template with placeholder values (.env.example) instead'
    )


_VENV_MARKS = ('pyvenv.cfg', 'bin/activate', 'scripts/activate', 'bin/python',
               'scripts/python', 'lib/python', 'lib/site-packages', 'conda-meta/',
               'lib64/python')


def is_virtualenv(folder: str, files: Iterable[str]) -> bool:
    """A ``.env/`` folder that is a Python virtualenv (by its staged files or
    by what is on disk)."""
    for path in files:
        inner = path.replace('\\', '/')[len(folder) + 1:].lower()
        if inner.startswith(_VENV_MARKS):
            return True
    return any(
        os.path.exists(os.path.join(folder, mark))
        for mark in ('pyvenv.cfg', 'bin/activate', 'Scripts/activate', 'conda-meta')
    )


def env_folder_message(folder: str, files: list[str], pushed: bool = False) -> str:
    staged = 'in the pushed commits' if pushed else 'staged'
    count = f'{len(files)} file{"s" if len(files) != 1 else ""}, e.g. {files[0]}'
    from together_hooks.env.hints import untrack_command

    untrack = untrack_command([folder], recursive=True)
    if is_virtualenv(folder, files):
        return (
            f'{folder}/: a virtualenv {"is" if pushed else "was"} {staged} ({count}). Untrack it with '
            f'{untrack} and add `.env/` to .gitignore (or recreate it as .venv/)'
        )
    return (
        f'{folder}/: files inside a .env/ folder {"are" if pushed else "were"} {staged} ({count}); such '
        f'folders hold local environment settings. Untrack it with {untrack} '
        f'and add `.env/` to .gitignore'
    )


def template_problems(
        paths: list[str], config: Config | None = None, root: str | None = None,
) -> list[str]:
    """``path:line`` for every real Together key (or a copy of one of the
    developer's own keys) in templates and ``.envrc`` files, and for any
    other value that looks like a credential in templates.  The config's
    ``allow`` silences a value (never a copy of your own key), as an inline
    pragma does.  ``root``: the work tree's top (found from the current
    folder if not given), whose local env files hold the own keys."""
    if not paths:  # most commits: no template to read, nothing to import
        return []
    if config is None:
        from together_hooks.config import EMPTY as config
    from together_hooks.detect.ownkeys import OWN_KEY_RULE
    from together_hooks.findings import hash_secret
    from together_hooks.findings import redact
    from together_hooks.filters import Exclusions
    from together_hooks.pipeline import Scanner
    from together_hooks.rules import rotate_at

    scanner = None
    messages = []
    for content, again in _templates(paths, root):
        path = content.path
        if scanner is None:  # the rules and your own keys, as the key hook has them
            scanner = Scanner.for_run(  # its allow list
                where=root or '.', exclusions=Exclusions(config),
            )
        # A large template in the scanner's own windows: memory bounded.
        findings = scanner.scan_one(content)
        _unread(content.path, content.problem)
        is_envrc = names.is_envrc_script(path)
        for f in sorted(findings, key=lambda f: (f.line, f.column)):
            whose = 'your own Together key' if f.rule == OWN_KEY_RULE else 'a Together API key'
            if is_envrc:
                advice = (
                    '.envrc is committed: keep the key in an ignored .env and '
                    'load it with `dotenv_if_exists` in .envrc'
                )
            else:
                advice = (
                    'templates may hold placeholders only '
                    '(TOGETHER_API_KEY=your-key-here)'
                )
            messages.append(
                f'{path}:{f.line}: holds {whose} ({f.redacted}, hashed_secret '
                f'{f.hashed_secret}); {advice}. If it was ever shared, '
                f'{rotate_at()}',
            )
        if is_envrc:  # direnv files export settings; only keys are refused
            continue
        # Any other provider's credential: a template holds placeholders only.
        reported = {f.line for f in findings}
        allowed = (lambda v: config.allowed(v, hash_secret(v))) if config.allow else None
        for line, name, value in _values(content, again, allowed):
            if line not in reported:
                messages.append(
                    f'{path}:{line}: {name} holds a value that looks like a real '
                    f'secret ({redact(value)}, hashed_secret {hash_secret(value)}); '
                    'templates may hold placeholders only (NAME=your-value-here)',
                )
    return list(dict.fromkeys(messages))  # a staged blob's same finding, once


def _templates(
        paths: list[str], root: str | None,
) -> Iterator[tuple[Content, Callable[[], BinaryIO | BlobAt | None] | None]]:
    """Each template as the work tree has it, then, where the commit
    stores other bytes, its staged blob (a ``filter.*.clean`` or a
    ``working-tree-encoding`` in ``.gitattributes``: the file shows a
    placeholder, the blob git stores holds the key).  ``root``: the
    work tree's top, None outside one (no index to read).

    With each, how to read it again for its lines: None for one read
    whole (up to a window); else a call opening it once more (a file
    larger than a window, scanned in windows from its ``fs_path``; a
    blob larger than a window, streamed), None from it if it is no
    longer a file to read."""
    from together_hooks.fileio import NotScanned
    from together_hooks.fileio import read_whole
    from together_hooks.fileio import WINDOW
    from together_hooks.sources.content import Content

    for path in paths:
        try:
            # None for symlinks: nothing is committed but a link
            read = read_whole(path, WINDOW)
        except NotScanned as e:
            _unread(path, e)
            continue
        if isinstance(read, bytes):
            if read:
                yield Content(path, read), None
        elif read is not None:
            yield Content(path, fs_path=path), lambda path=path: _reopened(path)
    if root is not None:
        from together_hooks.gitrun import BlobAt
        from together_hooks.sources.index import unlike_work_tree

        for content in unlike_work_tree(root, paths):
            if content.size:  # a blob past a window streams (``blob_contents``)
                blob = content.stream
                yield content, blob.again if isinstance(blob, BlobAt) else None


def _unread(path: str, problem: NotScanned | None) -> None:
    """A template that could not be read: the hook cannot pass one that
    may hold a key (``fatal``); else a line on stderr."""
    if problem is None:
        return
    if problem.fatal:
        from together_hooks.errors import InputError

        raise InputError(f'{path}: {problem.reason}')
    print(f'{PROG}: {path}: {problem.reason}', file=sys.stderr)


def _reopened(path: str) -> BinaryIO | BlobAt | None:
    """``path`` opened again to read its lines, as ``read_file`` opens it
    (a symlink never followed: None)."""
    from together_hooks.fileio import open_regular

    return open_regular(path)


def _values(
        content: Content, again: Callable[[], BinaryIO | BlobAt | None] | None,
        allowed: Callable[[str], bool] | None,
) -> list[tuple[int, str, str]]:
    """``env.values.secret_values`` of a template: of its bytes when read
    whole, else read again in windows of whole lines."""
    from together_hooks.env.values import secret_values
    from together_hooks.env.values import secret_values_read
    from together_hooks.fileio import NotScanned

    if again is None:
        return secret_values(content.data, allowed)
    try:
        reader = again()
        if reader is None:  # a symlink now: nothing is committed but the link
            return []
        try:
            return secret_values_read(reader.read, allowed)
        finally:
            reader.close()
    except NotScanned as e:
        _unread(content.path, e)
        return []


def check(
        paths: Iterable[str], allow: Iterable[str] = (), config: Config | None = None,
) -> list[str]:
    """One message per refused file (or ``.env/`` folder); empty when fine.

    The config file's ``env-templates`` are templates too, and its
    ``exclude`` patterns leave paths out."""
    if config is None:
        from together_hooks.config import EMPTY as config
    allow = (*allow, *config.env_templates)
    messages = []
    folders: dict[str, list[str]] = {}
    templates = []
    refused = []
    for path in paths:
        if config.exclude and config.excluded(path):
            continue
        folder = names.env_folder(path)
        if folder is not None:
            folders.setdefault(folder, []).append(path)
        elif names.is_template(path, allow):
            templates.append(path)
        elif names.is_env_file(path):
            refused.append(path)
    root = None
    if refused or templates:
        from together_hooks.gitrun import git_toplevel

        root = git_toplevel('.')  # once, for both
    if refused:
        from together_hooks.env.gitignore import ignoring_rules

        ignored = ignoring_rules(refused, root)
        pushed = pushing()
        unstaged = set() if pushed or root is None else _not_in_the_index(refused)
        messages.extend(
            env_file_message(p, ignored.get(p), pushed, p not in unstaged, root is not None)
            for p in refused)
    for folder, files in folders.items():
        messages.append(env_folder_message(folder, files, pushing()))
    messages.extend(template_problems(templates, config, root))
    return messages


def _not_in_the_index(paths: list[str]) -> set[str]:
    """Of the env files refused, those the index does not hold (named by
    hand, never ``git add``-ed); none when git cannot tell (a path out of
    the repository): the staged wording stays.  Only a refusal asks."""
    from together_hooks.gitrun import git_probe

    held = git_probe('.', 'ls-files', '-z', '--cached', '--', *(f':(literal){p}' for p in paths))
    if held is None:
        return set()
    listed = {_where(os.fsdecode(name)) for name in held.split(b'\0') if name}
    return {p for p in paths if _where(p) not in listed}


def _where(path: str) -> str:
    """``path`` as one spelling whichever way it was named (relative as
    git lists it, absolute, through a linked folder): ``/repo/.env`` is
    the ``.env`` the index holds."""
    folder, name = os.path.split(path)
    return os.path.join(os.path.realpath(folder or '.'), name)


def pushing() -> bool:
    """Whether pre-commit runs the hook for a push (its pre-push stage):
    its push variables are set, and git runs no commit (git sets
    ``GIT_INDEX_FILE`` for a commit's hooks only; pre-commit's variables
    may be left over in a shell)."""
    return not os.environ.get('GIT_INDEX_FILE') and bool(
        os.environ.get('PRE_COMMIT_TO_REF') or os.environ.get('PRE_COMMIT_REMOTE_NAME'))


def pushed_env_files(
        filenames: Sequence[str], allow: Iterable[str] = (), config: Config | None = None,
) -> list[str]:
    """Under a push (pre-commit's pre-push stage), one message per env file
    (or ``.env/`` folder) a pushed commit adds that pre-commit did not pass:
    one added and removed again inside the push, or on another pushed
    branch than the one pre-commit describes.  The remote receives every
    commit, not only the last tree.  The range is that of the refs the
    ``git push`` sends (``sources.commits.sent_sources``; not the wider one
    ``detect-together-keys`` scans): a branch it does not send is not
    blamed, except where the push cannot be read, and then named so; a path
    pre-commit could have passed but did not was filtered out by the
    user's config.  Empty under a commit: pre-commit's variables may be
    left over in a shell, and git sets ``GIT_INDEX_FILE`` for a commit's
    hooks only."""
    if not pushing():
        return []
    if config is None:
        from together_hooks.config import EMPTY as config
    from together_hooks.gitrun import git_toplevel

    root = git_toplevel('.')
    if root is None:
        return []
    from together_hooks.sources.commits import changes
    from together_hooks.sources.commits import offered_paths
    from together_hooks.sources.commits import passed_paths
    from together_hooks.sources.commits import push_range
    from together_hooks.sources.commits import Remotes
    from together_hooks.sources.commits import sent_refs
    from together_hooks.sources.commits import sent_sources
    from together_hooks.sources.commits import submodule_ranges

    # The commits this push sends; where its refspecs cannot be read, every
    # local ref it may send, and those beyond pre-commit's own ref named so.
    # The ``git push`` is read once, for its commits and its trees.
    remote = os.environ.get('PRE_COMMIT_REMOTE_NAME')
    remotes = Remotes(root)  # read once for the whole push
    sources = sent_sources(root, remote, remotes)
    sent = sent_refs(root, sources)
    described = push_range(root, os.environ, sent, remotes)
    if described is None:
        # A push described by its remote alone (the plain pre-push hook,
        # for a ref naming a tree or blob): the trees it sends.
        return _tree_messages(root, remote, sources, (*allow, *config.env_templates), config, remotes)
    include, exclude, listed = described
    sure = None
    if sent is None:
        from together_hooks.gitrun import git

        own = push_range(root, os.environ, [], remotes)  # pre-commit's own ref: sent
        sure = set(git(root, 'rev-list', *own[0], '--not', *own[1], '--').decode().split()) if own else set()
    # The files pre-commit offered were passed to it (and refused by name)
    # only when pre-commit runs it; run by the plain pre-push hook with
    # pre-commit's variables, none were.
    seen = passed_paths(root, filenames) | (
        offered_paths(root, listed) if os.environ.get('PRE_COMMIT') == '1' else set())
    allow = (*allow, *config.env_templates)
    excluded = config.excluded if config.exclude else None
    entries = changes(root, include, exclude)
    first = names.first_env_paths(
        ((c.path, c.commit.sha) for c in entries if c.new and c.path not in seen),
        allow, excluded,
    )  # an env file, or a folder ending in /: its commit
    # The commits ``git push --recurse-submodules=on-demand`` sends from
    # each submodule first (no hook of the submodule's runs for them), as
    # detect-together-keys reads them: a gitlink to such a commit is one
    # push away from the submodule's remote without that option too.
    inside: dict[str, str] = {}  # a submodule's commit: its path
    for path, sub, sub_include, sub_exclude in submodule_ranges(
            root, include, exclude, entries=entries):
        found = names.first_env_paths(
            ((f'{path}/{c.path}', c.commit.sha) for c in changes(sub, sub_include, sub_exclude)
             if c.new), allow, excluded,
        )
        for named, sha in found.items():
            first.setdefault(named, sha)
            inside.setdefault(sha, path)
    return [*_tree_messages(root, remote, sources, allow, config, remotes), *(
        (f'{named}: env file in pushed commit {sha[:12]} of submodule {inside[sha]} '
         '(git push --recurse-submodules sends it to that submodule\'s remote)'
         if sha in inside else
         f'{named}: env file in pushed commit {sha[:12]}' if sure is None or sha in sure else
         f'{named}: env file in commit {sha[:12]} on a local ref the remote does not '
         'have, which this push may send (its refspecs cannot be read)')
        + '; the remote receives every commit of a push, also one a later '
        'commit undoes. Take it out of the commits that add it (git rebase -i), '
        'push again, and rotate what it held'
        for named, sha in sorted(first.items())
    )]


def _tree_messages(
        root: str, remote: str | None, sources: list[str] | None, allow: Iterable[str],
        config: Config, remotes: Remotes | None = None,
) -> list[str]:
    """One message per env file (or ``.env/`` folder) in a tree that a
    ref the push sends names instead of a commit (``git tag -a snap
    <tree>``; ``sources.commits.sent_trees``): git sends the whole tree."""
    from together_hooks.sources.commits import sent_blob_paths
    from together_hooks.sources.commits import sent_trees
    from together_hooks.sources.commits import tree_paths

    trees, sure = sent_trees(root, remote, sources, remotes)
    excluded = config.excluded if config.exclude else None
    found = names.first_env_paths(
        ((path, ref) for ref, tree in trees for path in tree_paths(root, tree)),
        allow, excluded,
    )
    sends = 'sends' if sure else 'may send (its refspecs cannot be read)'
    # A file sent by its path (``<rev>:.env:refs/tags/b``): its content.
    blobs = names.first_env_paths(sent_blob_paths(root, remote, sources, remotes), allow, excluded)
    return [
        f'{named}: env file in the {_named_tree(ref)} (no commit: this push '
        f'{sends} every file of it). {_tree_remedy(ref)}, and rotate what it held'
        for named, ref in sorted(found.items())
    ] + [
        f'{named}: env file this push sends by its path ({source}, no commit: its '
        'content alone). Leave it out of the push, and rotate what it held'
        for named, source in sorted(blobs.items())
    ]


def _is_object_id(ref: str) -> bool:
    return len(ref) in (40, 64) and all(c in '0123456789abcdef' for c in ref)


def _named_tree(ref: str) -> str:
    """How a pushed tree is named: by a ref, or by its id."""
    return f'tree {ref} the push names by its id' if _is_object_id(ref) else f'tree that {ref} names'


def _tree_remedy(ref: str) -> str:
    """What takes a pushed tree out: a tag deleted, another ref deleted,
    or a tree pushed by its id left out of the push."""
    if _is_object_id(ref):
        return 'Leave it out of the push'
    if ref.startswith('refs/') and not ref.startswith('refs/tags/'):
        return f'Delete that ref (git update-ref -d {ref}), make it again without the env file'
    return 'Delete that ref (git tag -d), make it again without the env file'


# The arguments' defaults, and the options hookargs reads without argparse.
DEFAULTS = {'filenames': [], 'allow': [], **audit_log.defaults(PROG)}
QUICK_OPTIONS = {'--allow': list, **audit_log.QUICK_OPTIONS}


def build_parser() -> argparse.ArgumentParser:
    from together_hooks.argparser import ArgumentParser

    parser = ArgumentParser(
        prog=PROG,
        description='Refuse .env files and .env/ folders; templates '
                    '(.env.example, .env.sample, .env.template, .env.dist) '
                    'pass while they hold no real key.',
        epilog=EPILOG,
    )
    parser.add_argument('filenames', nargs='*', help='files to check')
    parser.add_argument(
        '--allow', action='append', metavar='PATTERN',
        help='treat env files matching PATTERN (a glob on the file name, or '
             'on the path when it holds a /) as templates; repeatable',
    )
    audit_log.add_option(parser)
    return parser


def _nothing_to_check(argv: Sequence[str]) -> bool:
    """Whether a run has nothing to judge: no file given (only ``--allow``
    patterns, which judge files), no push, no audit log to write.  The
    config file is not read then: it only says how to judge files.  An
    argument naming a path that exists is a file, as ``hookargs`` reads
    it (a staged ``--allow=x/.env``): ``fileio.is_file_arg``'s rule, its
    ``lexists`` here, since importing ``fileio`` costs this exit some 5 ms
    of CPU."""
    rest = iter(argv)
    for arg in rest:
        if arg.startswith('-') and os.path.lexists(arg):  # fileio.is_file_arg's rule
            return False
        if arg == '--allow':
            pattern = next(rest, None)
            if pattern is None or pattern.startswith('-'):  # no pattern: argparse says so
                return False
        elif not arg.startswith('--allow='):
            return False
    index = os.environ.get('GIT_INDEX_FILE')
    if index and os.path.exists(os.path.join(os.path.dirname(os.path.abspath(index)), 'MERGE_HEAD')):
        return False  # a commit concluding a merge: the files pre-commit does not pass (``merge_unoffered``)
    if index and _index_may_hide(index):
        return False  # a staged file missing from the work tree (``missing_changes``)
    return not pushing() and audit_log.log_path() is None


def _index_may_hide(index: str) -> bool:
    """Under a commit, whether its index may hold an env file pre-commit
    passes no hook (``sources.index_flags``: a ``skip-worktree`` or
    ``assume-unchanged`` entry whose path may name one; a sparse
    checkout marks every file outside its cone); also when the index
    cannot be read."""
    from together_hooks.sources.index_flags import may_hide_files

    try:
        with open(index, 'rb') as f:  # git runs hooks at the top: relative to it
            return may_hide_files(f.read(), lambda path: names.may_name_env(os.fsdecode(path)))
    except OSError:
        return True


def main(argv: Sequence[str] | None = None) -> int:
    if _nothing_to_check(sys.argv[1:] if argv is None else argv):
        return 0
    from together_hooks import hookargs
    from together_hooks.runtime import configure_process
    from together_hooks.runtime import guard

    configure_process()
    args = hookargs.parse(argv, build_parser, DEFAULTS, QUICK_OPTIONS)

    def run() -> int:
        from together_hooks import config
        from together_hooks.gitdir import worktree_root

        if '' in args.filenames:  # `forbid-env-files "$F"`, F unset: no name to judge, no pass
            from together_hooks.sources.files import empty_path

            raise empty_path()
        settings = config.load(worktree_root('.') or '.')
        given = list(args.filenames)
        if os.environ.get('GIT_INDEX_FILE'):  # a commit: also files pre-commit never passes
            from together_hooks.sources.index import merge_unoffered
            from together_hooks.sources.index import missing_changes

            root = worktree_root('.')
            if root is not None:
                # A merge's files, and env files staged but missing from the
                # work tree (skip-worktree): pre-commit passes neither.
                unseen = {*merge_unoffered(root), *missing_changes(root, names.may_name_env)}
                given += [os.path.relpath(os.path.join(root, n)) for n in sorted(unseen)]
        messages = check(given, args.allow, settings)
        messages += pushed_env_files(args.filenames, args.allow, settings)
        if messages:
            from together_hooks.report import shown_path

            for message in messages:  # a newline in a file name stays one line
                print(shown_path(message))
        return audit_log.log_run(
            args, 1 if messages else 0, paths=args.filenames,
            metadata=audit_log.messages_metadata(messages),
        )

    return guard(PROG, run, args)


if __name__ == '__main__':
    raise SystemExit(main())
