"""Environment separation: the same Together key in env files of
different stages (``.env.development`` and ``.env.production``)."""
from __future__ import annotations

import os

from together_hooks.config import Config
from together_hooks.config import EMPTY
from together_hooks.env.names import is_dotenv_name
from together_hooks.env.names import is_template
from together_hooks.env.names import path_parts
from together_hooks.env.names import stage_of
from together_hooks.env.ownkeys import MAX_ENV_FILE
from together_hooks.env.held import local_env_files
from together_hooks.env.values import keys_in_env
from together_hooks.errors import InputError
from together_hooks.fileio import NotScanned
from together_hooks.fileio import read_bounded

TYPE_CHECKING = False
if TYPE_CHECKING:
    from together_hooks.gitrun import Listings


def shared_keys_across_stages(
        root: str, config: Config = EMPTY, unread: list[str] | None = None,
        listings: Listings | None = None,
) -> list[tuple[str, str]]:
    """Pairs of env files of different stages holding the same Together
    key (``.env.development`` and ``.env.production``), names only.  The
    config file's ``exclude`` leaves paths out; its ``env-templates`` are
    templates, as for the env hooks.  An env file that is there and cannot
    be read (a FIFO, a device, unreadable, past ``MAX_ENV_FILE``) may share
    a key, so it is never passed over: ``path: why`` of each goes to
    ``unread`` when given, else the first is an InputError after all are
    read (a symlink is read as git stores it: a name, no key).
    ``listings``: the run's git listings (``gitrun.Listings``)."""
    from together_hooks.findings import hash_secret

    holders: dict[str, list[str]] = {}
    missed: list[str] = []
    for rel in local_env_files(root, everywhere=True, listings=listings):
        name = path_parts(rel)[-1]
        if not is_dotenv_name(name) or is_template(rel, config.env_templates):
            continue
        if config.exclude and config.excluded(rel):
            continue
        try:
            data = read_bounded(os.path.join(root, rel), MAX_ENV_FILE)
        except NotScanned as e:
            missed.append(f'{rel}: {e.reason.replace(": skipped", "")}')
            continue
        if not data:
            continue
        for key in keys_in_env(data):
            holders.setdefault(hash_secret(key), []).append(rel)
    pairs = set()
    for files in holders.values():
        for i, a in enumerate(files):
            for b in files[i + 1:]:
                if stage_of(a) != stage_of(b):
                    pairs.add((min(a, b), max(a, b)))
    if unread is not None:
        unread.extend(missed)
    elif missed:
        raise unread_error(missed)
    return sorted(pairs)


def unread_error(missed: list[str]) -> InputError:
    from together_hooks.messages import cut_short

    return InputError(
        f'{cut_short(missed, 1, more=" (and {} more)")}; env files not read '
        'may share a key across stages: the check cannot pass them',
    )
