"""The mutation list (tools/mutate.py) stays true to the code.

The mutation run itself is slow and not part of the suite; this checks,
cheaply, that every mutation's snippet still occurs exactly once in its
file and its tests exist, and that docs/testing.md lists every mutation.
"""
from __future__ import annotations

import importlib.util
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _mutate():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location('mutate', os.path.join(ROOT, 'tools', 'mutate.py'))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_snippet_occurs_once_and_every_test_exists():
    mutate = _mutate()
    assert len(mutate.MUTATIONS) >= 23
    assert mutate.problems() == []


def test_docs_list_every_mutation_with_a_result():
    mutate = _mutate()
    with open(os.path.join(ROOT, 'docs', 'testing.md'), encoding='utf-8') as f:
        doc = f.read()
    recorded = mutate._old_results(doc.partition(mutate.DOC_START)[2].partition(mutate.DOC_END)[0])
    assert sorted(recorded) == sorted(m.name for m in mutate.MUTATIONS)
    assert all(r.startswith(('caught', 'survived')) for r in recorded.values()), recorded


def test_writing_the_doc_keeps_the_runs_recorded_above_the_table(tmp_path):
    """``--doc`` rewrites the table with this run's results, and its line
    goes above the runs recorded there, which stay (it dropped them, so
    each engineer restored the file by hand)."""
    mutate = _mutate()
    with open(os.path.join(ROOT, 'docs', 'testing.md'), encoding='utf-8') as f:
        doc = f.read()
    block = doc.partition(mutate.DOC_START)[2].partition(mutate.DOC_END)[0]
    history = block.partition('\n| mutation |')[0].strip('\n').splitlines()
    assert len(history) > 5 and all(line.strip() for line in history[:3])
    copy = tmp_path / 'testing.md'
    copy.write_text(doc, encoding='utf-8')
    first = mutate.MUTATIONS[0]
    mutate.write_doc(str(copy), [(first, 'survived (a test)', 1.0)], 'abc1234')
    after = copy.read_text(encoding='utf-8')
    block = after.partition(mutate.DOC_START)[2].partition(mutate.DOC_END)[0]
    lines = block.strip('\n').splitlines()
    assert lines[0].startswith('Last run: ') and 'on abc1234 (1 mutation(s) run' in lines[0]
    assert lines[1:1 + len(history)] == history
    results = mutate._old_results(block)
    assert results[first.name] == 'survived (a test)'
    assert sorted(results) == sorted(m.name for m in mutate.MUTATIONS)
    assert after.partition(mutate.DOC_START)[0] == doc.partition(mutate.DOC_START)[0]
    assert after.partition(mutate.DOC_END)[2] == doc.partition(mutate.DOC_END)[2]
