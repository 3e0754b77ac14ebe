"""argparse for every command: errors in one line, exit 2.

Commands import this module when they build their parser; a hook run whose
arguments ``hookargs`` reads directly never does (argparse, and the
``locale`` module its gettext calls import, are a large share of a hook's
start-up).
"""
from __future__ import annotations

import argparse
import os
import sys

from together_hooks.errors import EXIT_ERROR
from together_hooks.fileio import is_file_arg
from together_hooks.messages import doc_url
from together_hooks.detect.scrub import one_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
    from typing import NoReturn
    from typing import Sequence


# What every command's --help ends with, unless it says more precisely.
EXIT_CODES = (
    'exit codes: 0 nothing found, 1 findings, 2 usage or input error '
    '(one line on stderr)'
)


class ArgumentParser(argparse.ArgumentParser):
    """argparse whose errors are one line on stderr and exit 2, and whose
    every command and subcommand takes ``-V``/``--version``.

    ``epilog`` (examples, one a line, then the exit codes) is printed as
    written; without one, ``EXIT_CODES``.  Its examples paragraph (``examples:``
    or ``examples (where they run):``)
    comes first, under the description, the rest after the options: the
    first screen of a ``--help`` is what a new user needs (what the
    command does and how it is typed), the option reference below it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault('formatter_class', _formatter)
        self.raw_epilog = kwargs.pop('epilog', None) or EXIT_CODES
        super().__init__(*args, **kwargs)
        if self.add_help:
            from together_hooks import __version__

            # Subcommands are "together-hooks scan": name the program.
            self.add_argument(
                '-V', '--version', action='version',
                version=f'{self.prog.split()[0]} {__version__}',
                help='show the version and exit',
            )

    def format_help(self) -> str:
        examples, rest = '', self.raw_epilog
        if rest.startswith('examples'):  # ``examples:`` or ``examples (...):``
            examples, _sep, rest = rest.partition('\n\n')
        if not examples:
            return f'{super().format_help()}\n{rest}\n'
        head = self._get_formatter()
        head.add_usage(self.usage, self._actions, self._mutually_exclusive_groups)
        head.add_text(self.description)
        options = self._get_formatter()
        # The command's own groups (what to scan, the report, ...) first;
        # -h, -V and any option in no group last.
        for group in (*self._action_groups[2:], *self._action_groups[:2]):
            options.start_section(group.title)
            options.add_text(group.description)
            options.add_arguments(group._group_actions)
            options.end_section()
        return f'{head.format_help()}\n{examples}\n\n{options.format_help()}\n{rest}\n'

    def _print_message(self, message: str, file: Any = None) -> None:
        """Help, the version and usage errors are written before any
        command runs, so outside its guard: a stream that cannot take them
        (closed, a full disk) is one line on stderr and exit 2 here."""
        from together_hooks.errors import InputError

        if not message:
            return
        file = file or sys.stderr
        try:  # argparse's own would drop an OSError: a help cut short, exit 0
            file.write(message)
            file.flush()
        except (AttributeError, InputError, OSError, ValueError) as e:
            why = e.strerror if isinstance(e, OSError) and e.strerror else e
            try:
                sys.stderr.write(f'{self.prog.split()[0]}: error: {one_line(str(why))}\n')
                sys.stderr.flush()
            except (InputError, OSError, ValueError):
                pass  # nowhere to say it: the exit code does
            raise SystemExit(EXIT_ERROR)

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:
        """As argparse's, but an unknown option is reported by the
        subcommand it was given to (``together-hooks scan: error: ...``),
        which is the one whose ``--help`` lists the options."""
        global _ARGV
        _ARGV = list(sys.argv[1:] if args is None else args)
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            _chosen(self, parsed).error(f'unrecognized arguments: {" ".join(extras)}')
        return parsed

    def _get_values(self, action: argparse.Action, arg_strings: list[str]) -> Any:
        # argparse (< 3.12) strips ``--`` for every positional but a
        # subcommand's, which then took ``--`` itself for the command
        # asked for ("invalid choice: '--'"): the word after it is.
        if action.nargs == argparse.PARSER and len(arg_strings) > 1 and arg_strings[0] == '--':
            arg_strings = arg_strings[1:]
        return super()._get_values(action, arg_strings)  # type: ignore[misc]

    def error(self, message: str) -> NoReturn:
        # argparse echoes the bad value, which may be a pasted key.
        message = one_line(message) + _did_you_mean(self, message)
        self.exit(EXIT_ERROR, f'{self.prog}: error: {message} (see --help)\n')


def _chosen(parser: argparse.ArgumentParser, parsed: argparse.Namespace) -> argparse.ArgumentParser:
    """The innermost subcommand's parser that ``parsed`` went through."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            sub = action.choices.get(getattr(parsed, action.dest, None) or '')
            if sub is not None:
                return _chosen(sub, parsed)
    return parser


# What users of gitleaks, detect-secrets and pre-commit type, and what it is
# here: named when nothing of ours is close to what they typed.
OTHER_TOOLS = {
    '--report-format': '--format',
    '--report-path': '--output',
    '--baseline-path': '--baseline',
    '--log-opts': '--diff BASE...HEAD, or --commits REV --since REV',
    '--no-git': 'scan PATH',
    '--source': 'scan PATH',
    '--all-files': 'scan (every tracked and not-ignored file)',
    '--exclude': f'`exclude` in the config file, {doc_url("configuration.md")}',
    '--exclude-files': f'`exclude` in the config file, {doc_url("configuration.md")}',
    '--exclude-lines': '`allow` in the config file, or an inline pragma',
    '--exclude-secrets': f'`allow` in the config file, {doc_url("configuration.md")}',
    '--config': 'the config file .together-hooks.toml, read from the repository root',
    '--redact': 'nothing: no report shows a whole key',
    '--json': '--format json',
    '--sarif': '--format sarif',
    '--verbose': 'nothing: every finding is listed; --format json has every field',
    '-v': 'nothing: every finding is listed; --format json has every field',
    'protect': 'scan --staged',
    'detect': 'scan --history',
    'git': 'scan --history',
    'dir': 'scan PATH',
    'audit': 'baseline audit',
    'stdin': 'none; save the text to a file and run scan PATH',
    # trufflehog's
    'filesystem': 'scan PATH',
    'github': 'scan-org --github-org ORG',
    '--org': 'scan-org --github-org ORG',  # trufflehog github --org=ORG
    '--only-verified': '--verify --only-live',
    '--results': '--verify, and --only-live for the live keys only',
    '--no-verification': 'nothing: keys are checked only with --verify',
    '--fail': 'nothing: exit 1 whenever a key is found',
}


# The words the command line's parse was given (``parse_args``): an
# error names another tool's flag given before the value it rejects.
_ARGV: list[str] = []


def _other_tool(name: str) -> str:
    meant = OTHER_TOOLS.get(name)
    return f' (here: {meant})' if meant else ''


def _did_you_mean(parser: argparse.ArgumentParser, message: str) -> str:
    """`` (did you mean --history?)`` for an unknown option close to one
    this command, or one of its subcommands, takes; '' otherwise.  The top
    parser reports a subcommand's unknown options, so all are searched."""
    import re  # only a mistyped command pays for it

    prefix = 'unrecognized arguments: '
    choice = re.match(r"argument \S+: invalid choice: '([^']*)' \(choose from (.*)\)$", message)
    if choice:  # a mistyped command or value: the closest choice
        import difflib

        listed = choice.group(2)  # quoted before Python 3.12.8, bare after
        options = re.findall(r"'([^']*)'", listed) or listed.split(', ')
        flag = _flag_before(choice.group(1), parser)
        if flag:  # ``--report-format json``: json is no command; the flag is another tool's
            return f' ({flag}, {_other_tool(flag)[2:-1]})'
        ours = _command_option_before(choice.group(1), parser)
        if ours:  # ``--format json``: a command's option, given before the command
            return ours
        typo = _typo_before(choice.group(1), parser)
        if typo:  # ``scan-org --github-orgg ORG``: ORG was taken for the action
            return typo
        # Case apart (``--format JSON``, ``SCAN``): difflib alone sees no likeness.
        lowered = {option.lower(): option for option in options}
        close = difflib.get_close_matches(choice.group(1).lower(), list(lowered), n=1, cutoff=0.6)
        return f' (did you mean {lowered[close[0]]}?)' if close else _other_tool(choice.group(1))
    if not message.startswith(prefix):
        return ''
    known = _known_options(parser)
    import difflib  # only a mistyped command pays for it

    hints = []
    for word in message[len(prefix):].split():
        name = word.split('=', 1)[0]
        if name in OTHER_TOOLS and name not in known:
            return _other_tool(name)
        if name in known and _after_the_command(word, parser):  # ``together-hooks --history``
            return _after_the_command(word, parser)
        if name.startswith('--') and name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
            if close:
                hints.append(close[0])
    for word in message[len(prefix):].split():
        name = word.split('=', 1)[0]
        if name.startswith('--') and name not in known:
            # ``detect-together-keys --history``: scan's option, not a typo
            # of one it takes; ``--hsitory``: close to none of its own
            elsewhere = _elsewhere(name, parser, exact=bool(hints))
            if elsewhere:
                return elsewhere
    return f' (did you mean {" or ".join(hints)}?)' if hints else ''


def _elsewhere(name: str, parser: argparse.ArgumentParser, exact: bool = False) -> str:
    """`` (--history is an option of together-hooks scan)`` for an option
    (or a close typo of one: `` (did you mean --history? It is an option of
    together-hooks scan)``) that another console script or command of this
    package takes and ``parser`` does not; '' otherwise.  The scripts are
    the installed package's own entry points, each module's
    ``build_parser``: built only on this error's path.  ``exact``: the
    option itself only (``parser`` takes one close to it)."""
    import difflib

    takers: dict[str, list[str]] = {}
    for prog, other in _other_parsers():
        for path, p in _commands(other):
            for option in p._option_string_actions:
                if option.startswith('--') and option not in ('--help', '--version'):
                    where = f'{prog} {path}'.strip()
                    if where != parser.prog and where not in takers.setdefault(option, []):
                        takers[option].append(where)
    meant = name if name in takers else '' if exact else next(iter(
        difflib.get_close_matches(name, sorted(takers), n=1, cutoff=0.75)), '')
    if not meant:
        return ''
    where = ', '.join(takers[meant][:3]) + (' ...' if len(takers[meant]) > 3 else '')
    if meant == name:
        return f' ({name} is an option of {where})'
    return f' (did you mean {meant}? It is an option of {where})'


def _other_parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    """(script name, its parser) for every console script the installed
    package declares (setup.cfg's ``console_scripts``, read from its
    metadata: one home), each by its module's ``build_parser``; none when
    the package is not installed."""
    import importlib
    from importlib import metadata

    found = []
    try:
        scripts = [
            e for e in metadata.entry_points(group='console_scripts')
            if e.value.startswith('together_hooks.')
        ]
    except Exception:  # no metadata to read: no hint, the error stands
        return []
    for entry in sorted(scripts, key=lambda e: e.name):
        try:
            module = importlib.import_module(entry.value.split(':', 1)[0])
            build = getattr(module, 'build_parser', None)
            if build is not None:
                found.append((entry.name, build()))
        except Exception:  # a hint is not worth a traceback: the error stands
            continue
    return found


def _commands(parser: argparse.ArgumentParser):
    """(command words, its parser) for ``parser`` ('') and each command
    under it, theirs too (``baseline update``), parents first."""
    todo = [('', parser)]
    while todo:
        path, p = todo.pop(0)
        yield path, p
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo.extend((f'{path} {c}'.strip(), sub) for c, sub in action.choices.items())


def _known_options(parser: argparse.ArgumentParser) -> set[str]:
    """The long options ``parser`` and its subcommands take."""
    return {o for _path, p in _commands(parser) for o in p._option_string_actions if o.startswith('--')}


def _command_option_before(value: str, parser: argparse.ArgumentParser) -> str:
    """The hint of ``_after_the_command`` for one of our commands' options
    that came right before ``value``, which argparse then took for the
    command (``together-hooks --format json``); '' otherwise."""
    for before, word in zip(_ARGV, _ARGV[1:]):
        if word == value and before.startswith('-'):
            hint = _after_the_command(before, parser)
            if hint:
                return hint
    return ''


def _after_the_command(option: str, parser: argparse.ArgumentParser) -> str:
    """`` (--format is an option of scan and doctor: put it after the
    command, as in together-hooks scan --format json)`` for an option one
    of ``parser``'s commands takes and ``parser`` itself does not; ''
    otherwise."""
    name = option.split('=', 1)[0]
    if name in parser._option_string_actions:
        return ''
    # A command's own option, not one its parent command takes too.
    parents = dict(_commands(parser))
    takers = [
        path for path, p in _commands(parser)
        if path and name in p._option_string_actions
        and name not in parents[path.rpartition(' ')[0]]._option_string_actions
    ]
    if not takers:
        return ''
    example = 'scan' if 'scan' in takers else takers[0]
    words = ' '.join(w for w in (example, option, _value_after(option)) if w)
    return (f' ({name} is an option of {", ".join(takers)}: put it after the command, '
            f'as in {parser.prog} {words})')


def _value_after(option: str) -> str:
    """The word given after ``option`` on the command line, when it is no
    option itself (its value, as argparse would read it); '' otherwise."""
    for before, word in zip(_ARGV, _ARGV[1:]):
        if before == option and not word.startswith('-') and '=' not in option:
            return word
    return ''


def _typo_before(value: str, parser: argparse.ArgumentParser) -> str:
    """`` (--github-orgg is no option: did you mean --github-org?)`` for a
    mistyped option given right before ``value``: argparse set the unknown
    option aside and took its value for a command or an action, and would
    name only the value; '' otherwise."""
    import difflib

    known = _known_options(parser)
    for before, word in zip(_ARGV, _ARGV[1:]):
        name = before.split('=', 1)[0]
        if word == value and name.startswith('--') and name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
            if close:  # and where it goes, when it is a command's option
                return (f' ({name} is no option: did you mean {close[0]}?)'
                        + _after_the_command(close[0], parser))
    return ''


def _flag_before(value: str, parser: argparse.ArgumentParser) -> str | None:
    """Another tool's flag (``OTHER_TOOLS``), none of ours, given right
    before ``value`` on the command line: argparse took the flag for an
    unknown option and its value for the command."""
    for before, word in zip(_ARGV, _ARGV[1:]):
        if word == value and before in OTHER_TOOLS and before.startswith('-'):
            if before not in _known_options(parser):
                return before
    return None


def _formatter(prog: str) -> argparse.HelpFormatter:
    # argparse makes a formatter for every add_argument; given no width,
    # each one imports shutil (and with it zlib, bz2 and lzma) to ask the
    # terminal's: ask os the way shutil would.
    return argparse.HelpFormatter(prog, width=_terminal_width())


def _terminal_width() -> int:
    """``shutil.get_terminal_size().columns - 2``, as argparse uses it."""
    try:
        columns = int(os.environ['COLUMNS'])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


def file_args(argv: Sequence[str], parser: argparse.ArgumentParser) -> list[str]:
    """``argv`` with its file names after a ``--``, options before it
    (every hook that takes file names parses ``file_args(argv, parser)``
    when ``hookargs`` leaves its arguments to argparse).

    pre-commit passes file names without ``--``: a file named ``-x.txt``
    would be an unknown option (exit 2), one named ``-h`` would print help
    and pass, one named ``--output`` would take the next file as the place
    to write the report.  So an argument that exists as a path is a file
    wherever it stands (``fileio.is_file_arg``), as is everything after a
    ``--``; the value of an option that takes one stays its value.
    """
    options = parser._option_string_actions
    opts: list[str] = []
    files: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        if is_file_arg(arg):
            files.append(arg)
        elif arg == '--':
            files.extend(argv[i:])
            break
        else:
            opts.append(arg)
            action = _option(options, arg)
            if action is not None and action.nargs != 0 and '=' not in arg and i < len(argv):
                opts.append(argv[i])  # its value, whatever it looks like
                i += 1
    return [*opts, '--', *files] if files else opts


def _option(options: dict[str, argparse.Action], arg: str) -> argparse.Action | None:
    """The option ``arg`` names, by its full name or a unique prefix (as
    argparse takes abbreviations)."""
    if arg in options:
        return options[arg]
    found = {a for name, a in options.items() if name.startswith(arg) and arg.startswith('--')}
    return found.pop() if len(found) == 1 else None
