"""The env-file names are decided without splitting a path that cannot
name one (no ``.env`` in it): the answers are those of its parts, on
generated paths (both separators, case, non-ASCII)."""
from __future__ import annotations


from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from together_hooks.env import names

SETTINGS = settings(
    max_examples=150, deadline=None, database=None,
    derandomize=True,
)


SEGMENTS = st.one_of(
    st.sampled_from([
        '.env', '.ENV', '.Env', '.envrc', '.envrc.local', '.env.local', '.env.Example', 'a',
        '', '.', 'x.env', 'env', '.en', 'v', '\u212a', '\u0130.env',
    ]),
    st.text(alphabet=st.sampled_from('.envENVrc_-a'), max_size=6),
)
PATHS = st.lists(st.tuples(SEGMENTS, st.sampled_from(['/', '\\', '//'])), max_size=5).map(
    lambda parts: ''.join(seg + sep for seg, sep in parts)[:-1],
)


@SETTINGS
@given(PATHS)
def test_env_names_without_dot_env_are_decided_as_by_their_parts(path):
    parts = names.path_parts(path)
    folder = next(
        ('/'.join(parts[:i + 1]) for i, part in enumerate(parts[:-1]) if part.lower() == '.env'),
        None,
    )
    assert names.env_folder(path) == folder
    name = parts[-1] if parts else ''
    dotenv = names.is_dotenv_name(name) or names.is_envrc_name(name)
    assert names.is_env_file(path) == (bool(parts) and (
        folder is not None or names.is_dotenv_name(name)
        or (names.is_envrc_name(name) and name.lower() != '.envrc')
    ))
    assert names.is_template(path) == (bool(parts) and folder is None and dotenv and (
        name.lower() == '.envrc' or name.rsplit('.', 1)[-1].lower() in names.TEMPLATE_SUFFIXES
    ))
