"""``together-hooks scan-org``: every repository of an organisation, resumable.

    inputs (repos file, GitHub API) -> coordinator -> executor (local pool
    or Dask) -> task (mirror, history scan, attribution) -> store (sqlite)

The coordinator alone writes the store; a task returns only what may be
stored (no raw key ever leaves it).
"""
