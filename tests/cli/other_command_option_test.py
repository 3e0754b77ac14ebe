"""An option of another command, given to a console script that does not
take it (``detect-together-keys --history``), or mistyped
(``--hsitory``): the error names the command that takes it, in one line,
exit 2.  Every console script setup.cfg declares is tried."""
from __future__ import annotations

import configparser
import difflib
import importlib
import os

import pytest

from tests.cli_run import run_in_process as run

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _scripts() -> dict[str, str]:
    cfg = configparser.ConfigParser()
    cfg.read(os.path.join(ROOT, 'setup.cfg'))
    lines = cfg['options.entry_points']['console_scripts'].strip().splitlines()
    return {name.strip(): value.strip() for name, _, value in (x.partition('=') for x in lines)}


def _options(target: str) -> dict[str, set[str]]:
    """Long option -> the commands taking it, of one script (its
    subcommands named as ``together-hooks scan``)."""
    import argparse

    module = importlib.import_module(target.split(':')[0])
    parser = module.build_parser()
    prog = parser.prog
    found: dict[str, set[str]] = {}
    todo = [(prog, parser)]
    while todo:
        name, p = todo.pop()
        for option in p._option_string_actions:
            if option.startswith('--') and option not in ('--help', '--version'):
                found.setdefault(option, set()).add(name)
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo += [(f'{name} {c}', sub) for c, sub in action.choices.items()]
    return found


def _cases() -> list[tuple[str, str, str, set[str]]]:
    """(script, what to type, the option meant, who takes it): for each
    script, options of the others it does not take, as typed and with two
    letters swapped."""
    scripts = _scripts()
    options = {name: _options(target) for name, target in scripts.items()}
    cases = []
    for script in scripts:
        own = set(options[script])
        elsewhere: dict[str, set[str]] = {}
        for other, taken in options.items():
            if other != script:
                for option, takers in taken.items():
                    elsewhere.setdefault(option, set()).update(takers)
        theirs = sorted(set(elsewhere) - own)
        for option in sorted(theirs[:6] + ['--history'] * ('--history' in theirs)):
            cases.append((script, option, option, elsewhere[option]))
            typo = option[:3] + option[4] + option[3] + option[5:] if len(option) > 6 else None
            if typo and typo not in own and typo not in elsewhere and not difflib.get_close_matches(
                    typo, sorted(own), n=1, cutoff=0.75):  # else its own option is meant
                cases.append((script, typo, option, elsewhere[option]))
    return cases


CASES = _cases()


def test_every_script_is_tried():
    assert {c[0] for c in CASES} == set(_scripts())
    assert ('detect-together-keys', '--history', '--history', {'together-hooks scan'}) in CASES


@pytest.mark.parametrize(('script', 'typed', 'meant', 'takers'), CASES,
                         ids=[f'{c[0]} {c[1]}' for c in CASES])
def test_the_error_names_the_command_that_takes_it(tmp_path, script, typed, meant, takers):
    result = run(script, typed, cwd=tmp_path)
    assert result.rc == 2, result.err
    assert result.out == ''
    assert result.err.count('\n') == 1 and 'Traceback' not in result.err, result.err
    if typed == meant:
        assert f'({meant} is an option of ' in result.err, result.err
    else:
        assert f'(did you mean {meant}? It is an option of ' in result.err, result.err
    named = result.err.split(' is an option of ', 1)[1].split(')', 1)[0]
    assert any(t in named for t in takers), (named, takers)


def test_the_hint_is_the_exact_one_the_brief_names(tmp_path):
    result = run('detect-together-keys', '--hsitory', cwd=tmp_path)
    assert result.err == (
        'detect-together-keys: error: unrecognized arguments: --hsitory '
        '(did you mean --history? It is an option of together-hooks scan) (see --help)\n'
    )
