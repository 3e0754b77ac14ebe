"""Hook ``check-env-gitignored``: .gitignore must cover env files (asked of
``git check-ignore`` itself) and must not cover templates; ``--fix``
appends the missing rules."""
from __future__ import annotations

from together_hooks import audit_log
from together_hooks import hookargs
from together_hooks.runtime import configure_process
from together_hooks.runtime import guard

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Sequence

PROG = 'check-env-gitignored'
EPILOG = """\
examples:
  check-env-gitignored          report what .gitignore misses
  check-env-gitignored --fix    append the missing rules, then stage .gitignore

exit codes: 0 .gitignore covers the env files, 1 a rule is missing, an env
  file is tracked, or --fix changed .gitignore, 2 usage or input error (one
  line on stderr)"""


def run(root: str, fix: bool = False, allow: Sequence[str] = ()) -> int:
    from together_hooks.env import gitignore
    from together_hooks.env import hints

    added = gitignore.fix_gitignore(root, allow) if fix else []
    if added:  # until it is committed, no teammate has the rules
        print(
            f'{PROG}: added to .gitignore: {", ".join(added)}; stage it '
            f'(`{hints.from_top(root)}git add .gitignore`) and commit it',
        )
    files = gitignore.listing(root)
    found = gitignore.probes(root, allow, files)
    problems = gitignore.problems_of(
        found, _not_staged_env_files(root, files.tracked), allow, root,
    )
    if not added:  # rules only in the work tree: the commit has none of them
        problems += gitignore.uncommitted_rules(found, files.tracked, root, against=None)
    if problems:
        from together_hooks.report import shown_path

        for message in problems:  # a newline in a file name stays one line
            print(shown_path(message))
    # The hint only when --fix would change something: a tracked file is
    # fixed by `git rm --cached`, which each message names.
    if not fix and any(not probe.ok for probe in found):
        print(f'{PROG}: to append the missing rules to .gitignore, {hints.fix_command()}')
    # Like every fixer hook: a changed file fails the run so it gets staged.
    return 1 if problems or added else 0


def _not_staged_env_files(root: str, tracked: Sequence[str]) -> list[str]:
    """Tracked files to report: under pre-commit, those this commit adds or
    changes are ``forbid-env-files``' to report (when it runs too), so one
    staged ``.env`` fails one hook, with one message."""
    from together_hooks.env import hints

    takes = hints.forbid_env_files_runs(root) if tracked else None
    if takes is None:
        return list(tracked)
    from together_hooks.gitrun import git
    from together_hooks.gitrun import zsplit

    staged = set(zsplit(git(
        root, 'diff', '--cached', '--name-only', '-z', '--no-renames',
        '--diff-filter=AM', '--', *tracked,
    )))
    return [path for path in tracked if path not in staged or not takes(path)]


# The arguments' defaults, and the options hookargs reads without argparse.
DEFAULTS = {'filenames': [], 'fix': False, 'allow': [], **audit_log.defaults(PROG)}
QUICK_OPTIONS = {'--fix': bool, '--allow': list, **audit_log.QUICK_OPTIONS}


def build_parser() -> argparse.ArgumentParser:
    from together_hooks.argparser import ArgumentParser

    parser = ArgumentParser(
        prog=PROG,
        description='Check that .gitignore covers .env, .env.local, '
                    '.env.*.local and .env.<stage> (root and subfolders) and '
                    'leaves templates committable.',
        epilog=EPILOG,
    )
    parser.add_argument('filenames', nargs='*', help='ignored (runs once per repository)')
    parser.add_argument('--fix', action='store_true', help='append the missing rules to .gitignore')
    parser.add_argument(
        '--allow', action='append', metavar='PATTERN',
        help='env files matching PATTERN are templates (must not be ignored); repeatable',
    )
    audit_log.add_option(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    configure_process()
    args = hookargs.parse(argv, build_parser, DEFAULTS, QUICK_OPTIONS)

    def go() -> int:
        from together_hooks.gitrun import no_repository
        from together_hooks.gitrun import work_tree_top

        root = work_tree_top('.')  # no git process in a plain work tree
        if root is None:
            raise no_repository('not inside a git work tree (run it in a repository)')
        from together_hooks import config

        templates = [*args.allow, *config.load(root).env_templates]
        code = run(root, args.fix, templates)
        return audit_log.log_run(args, code, root=root, metadata={'fix': args.fix})

    return guard(PROG, go, args)


if __name__ == '__main__':
    raise SystemExit(main())
