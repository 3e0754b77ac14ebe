#!/usr/bin/env python3
"""CPU of detect-secrets' own file scan with our plugin only, over a tree.

    python bench/ds_plugin.py TREE [--plugin PATH] [--rounds 3]

Runs ``detect_secrets.core.scan.scan_file`` on every file under TREE in
this process (no worker pool: its start-up and imports are not counted),
with ``TogetherApiKeyDetector`` and ``TogetherLegacyApiKeyDetector`` loaded
from ``--plugin`` (default: this checkout's), and prints the best of
``--rounds`` CPU times (``time.process_time``), the findings, and how many
times the engine scanned (``detect.engine.scan_bytes`` calls for the
scanned files themselves).  To compare two trees of the package, run each
one's copy of this script with its own ``--plugin``, interleaved.

Needs detect-secrets (the test extra installs it).
"""
from __future__ import annotations

import argparse
import os
import sys
import time


def main(argv: list[str] | None = None) -> int:
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('tree')
    parser.add_argument('--plugin', default=os.path.join(here, 'together_hooks', 'detect_secrets_plugin.py'))
    parser.add_argument('--rounds', type=int, default=3)
    args = parser.parse_args(argv)

    from detect_secrets.core import scan
    from detect_secrets.settings import transient_settings

    files = sorted(
        os.path.join(folder, name) for folder, _dirs, names in os.walk(args.tree) for name in names
    )
    plugin = f'file://{os.path.abspath(args.plugin)}'
    config = {'plugins_used': [
        {'name': name, 'path': plugin}
        for name in ('TogetherApiKeyDetector', 'TogetherLegacyApiKeyDetector')
    ]}
    with transient_settings(config):
        list(scan.scan_file(files[0]))  # loads the plugin and the engine
        engine = sys.modules['together_hooks.detect.engine']
        scan_bytes = engine.scan_bytes
        wanted = set(files)
        calls = [0]

        def counted(data, path, *rest, **kwargs):  # type: ignore[no-untyped-def]
            if path in wanted:
                calls[0] += 1
            return scan_bytes(data, path, *rest, **kwargs)

        engine.scan_bytes = counted
        best = None
        for _ in range(args.rounds):
            calls[0] = 0
            start = time.process_time()
            found = sum(len(list(scan.scan_file(f))) for f in files)
            spent = time.process_time() - start
            best = spent if best is None else min(best, spent)
    print(f'{args.tree}: {len(files)} files, {found} findings, {calls[0]} engine scans, '
          f'best CPU {best:.2f} s of {args.rounds}')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
