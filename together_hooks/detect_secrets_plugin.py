"""A detect-secrets plugin with together-hooks' rules, for detect-secrets users.

    detect-secrets scan --plugin path/to/together_hooks/detect_secrets_plugin.py

One detector class per rule in ``together_hooks.rules`` (``TogetherApiKeyDetector``,
``TogetherLegacyApiKeyDetector``), so detect-secrets finds exactly what
``detect-together-keys`` finds: each line is checked by our own engine
(``detect.engine.scan_bytes``) over the lines around it, so context rules (a legacy
key must be named as a Together key; a ``Bearer`` key must be sent to
``api.together.xyz``), placeholder shapes and inline pragmas behave the same.
``denylist`` holds the same regexes, for tools that only read it.

detect-secrets loads this file by path, often from a Python that does not have
together-hooks installed, so the engine is loaded from the folder this file
sits in.  Only detect-secrets imports this module; the hook never does.
"""
from __future__ import annotations

import importlib.util
import os
import re
import sys
from typing import Any
from typing import Iterator

from detect_secrets.core.potential_secret import PotentialSecret
from detect_secrets.plugins.base import RegexBasedDetector


def _engine() -> Any:
    """``together_hooks`` itself: the one already imported, else the one here."""
    if 'together_hooks' not in sys.modules:
        package_dir = os.path.dirname(os.path.abspath(__file__))
        spec = importlib.util.spec_from_file_location(
            'together_hooks', os.path.join(package_dir, '__init__.py'),
            submodule_search_locations=[package_dir],
        )
        if spec is None or spec.loader is None:  # pragma: no cover
            raise ImportError(f'together_hooks not found next to {__file__}')
        module = importlib.util.module_from_spec(spec)
        sys.modules['together_hooks'] = module
        spec.loader.exec_module(module)
    import together_hooks.baseline.format
    import together_hooks.detect.engine
    import together_hooks.rules

    return together_hooks


_together_hooks = _engine()
_baseline = _together_hooks.baseline.format
_detect = _together_hooks.detect.engine
_rules = _together_hooks.rules


def _detect_secrets_runs() -> bool:
    """Whether the program is detect-secrets' own (``detect-secrets``,
    ``detect-secrets-hook``, ``python -m detect_secrets``), not a process of
    ours or a test that loads the plugin to scan with it."""
    program = sys.argv[0] if sys.argv else ''
    name = os.path.splitext(os.path.basename(program))[0]
    return name in ('detect-secrets', 'detect-secrets-hook') or (
        name == '__main__' and os.path.basename(os.path.dirname(program)) == 'detect_secrets'
    )


def _scrub_output() -> Any:
    """What detect-secrets prints goes through our scrub from now on, as
    our own commands' output does: it names each file it reports
    (``Location:``, a baseline's results on stdout), and a name may hold a
    key.  Its own colours pass (it draws them).  Our processes put the
    sink in front themselves (``baseline audit``'s child: its screen).
    The developer's own keys are known before its first line, as in ours
    (``runtime.held_keys``): a file it names may be named by one."""
    from together_hooks.detect import scrub

    if _detect_secrets_runs() and scrub.run_scrubber() is None:
        from together_hooks.runtime import held_keys

        scrub.install(held_keys)
        for stream in (sys.stdout, sys.stderr):
            stream.colours = True
    return scrub


_scrub = _scrub_output()


def _str_regex(pattern: Any) -> re.Pattern[str]:
    # Our rules match bytes; detect-secrets hands plugins str lines.
    return re.compile(pattern.regex.pattern.decode('ascii'), re.ASCII)


def _scan(text: str, filename: str, rules: tuple[Any, ...]) -> list[Any]:
    found = _detect.scan_bytes(text.encode('utf-8', 'surrogateescape'), filename, rules)
    _scrub.learn(f.secret for f in found)
    return found


# The window last scanned: its file's name, what detect-secrets handed
# over (its code snippet, held so that no other object takes its id, or
# the line), and every rule's findings in it.
_last: tuple[str, Any, list[Any]] = ('', None, [])


def _window_findings(filename: str, line: str, context: Any) -> list[Any]:
    """Every rule's findings in the window ``context`` (detect-secrets'
    code snippet: five lines either side of ``line``; else ``line`` alone).

    detect-secrets asks each plugin in turn about one line, handing each
    the same snippet: the first detector of ours to ask scans the window
    for every rule, the next reads that scan (one engine pass a window,
    not one a rule; a rule's findings are the same either way).  Only the
    last window is kept.
    """
    global _last
    name, seen, found = _last
    if name == filename and (seen is context if context is not None else seen == line):
        return found
    if context is not None and context.lines:
        text = '\n'.join(item.rstrip('\r\n') for item in context.lines)
    else:
        text = line
    found = _scan(text, filename, _rules.RULES)
    _last = (filename, line if context is None else context, found)
    return found


class _TogetherDetector(RegexBasedDetector):
    """One rule of ours as a detect-secrets plugin (subclassed per rule)."""

    rule_id = ''
    denylist: tuple[re.Pattern[str], ...] = ()

    def analyze_string(self, string: str) -> Iterator[str]:
        for finding in _scan(string, '', (_rules.RULES_BY_ID[self.rule_id],)):
            yield finding.secret

    def analyze_line(
            self,
            filename: str,
            line: str,
            line_number: int = 0,
            context: Any = None,
            **kwargs: Any,
    ) -> set[PotentialSecret]:
        """The keys on ``line``, judged with the lines around it (``context``).

        detect-secrets calls this line by line; our context checks look a few
        lines up and down, and its code snippet holds five lines each way.
        """
        target = context.target_index + 1 if context is not None and context.lines else 1
        output = set()
        for finding in _window_findings(filename, line, context):
            if finding.line == target and finding.rule == self.rule_id:
                output.add(PotentialSecret(
                    type=self.secret_type,
                    filename=filename,
                    secret=finding.secret,
                    line_number=line_number,
                ))
        return output


def _detector(rule: Any) -> type:
    return type(_baseline.class_name(rule.id), (_TogetherDetector,), {
        '__module__': __name__,
        '__doc__': rule.description,
        'rule_id': rule.id,
        'secret_type': _baseline.secret_type(rule.id),
        'denylist': tuple(_str_regex(p) for p in rule.patterns),
    })


# detect-secrets registers every public plugin class in this module.
for _rule in _rules.RULES:
    globals()[_baseline.class_name(_rule.id)] = _detector(_rule)
del _rule
