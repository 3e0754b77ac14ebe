"""The audit log's memory: a streamed scan of any length (a history of
millions of blobs) keeps the paths one line shows, and a count."""
from __future__ import annotations

import argparse
import json

from together_hooks import audit_log
from together_hooks.sources.content import Content


def test_a_streamed_scan_keeps_only_the_paths_one_line_shows(tmp_path):
    log = tmp_path / 'audit.jsonl'
    args = argparse.Namespace(audit_log=str(log), audit_action='scan', paths=[str(tmp_path)])
    session = audit_log.Session.start(args)
    assert session is not None
    total = 5 * audit_log.MAX_PATHS + 7
    stream = (Content(f'dir/file{i}.py', b'x = 1\n') for i in range(total))
    for i, _content in enumerate(session.watch(stream), 1):
        assert len(session.paths) <= audit_log.MAX_PATHS, i
    assert session.finish(0, []) == 0
    rec = json.loads(log.read_text())
    assert rec['resource']['paths_total'] == total
    assert rec['resource']['paths'] == [f'dir/file{i}.py' for i in range(audit_log.MAX_PATHS)]
