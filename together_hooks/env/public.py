"""Values that are public by design, so a template may hold them.

A template (``.env.example``) must hold placeholders, not credentials; but
some values that look random are identifiers every visitor's browser
receives: Stripe publishable keys, Firebase/Google web API keys, analytics
project keys, a Sentry DSN, a git commit SHA.  Committing those leaks
nothing.  Rules are data, each with samples that must pass
(``public``) and samples that must not (``secret``); tests run them all.
Values are made from a template at test time (``{rand}`` is filled with a
random run), so no sample here is a real value.
"""
from __future__ import annotations

import re

# (id, what, regex over the whole value, public samples, secret samples)
VALUE_RULES = (
    (
        'stripe-publishable-key', 'Stripe publishable key (pk_test_/pk_live_)',
        r'pk_(?:test|live)_[0-9A-Za-z]{10,}',
        ('pk_test_{rand}', 'pk_live_{rand}'),
        ('sk_live_{rand}', 'rk_test_{rand}', 'pk_other_{rand}'),
    ),
    (
        'google-web-api-key', 'Firebase / Google web API key (AIza...)',
        r'AIza[0-9A-Za-z_-]{35}',
        ('AIza{rand35}',),
        ('AIza{rand}xx', 'AIzb{rand35}'),
    ),
    (
        'posthog-project-key', 'PostHog project API key (phc_)',
        r'phc_[0-9A-Za-z]{32,}',
        ('phc_{rand}{rand}',),
        ('phx_{rand}{rand}',),
    ),
    (
        'sentry-dsn', 'Sentry DSN (its key is public by design)',
        r'https://[0-9a-f]{32}@[0-9A-Za-z.-]+/[0-9]+',
        ('https://{hex32}@o1.ingest.sentry.io/42',),
        ('https://{hex32}:{hex32}@o1.ingest.sentry.io/42',),
    ),
    (
        'git-commit-sha', 'a git commit SHA (40 lowercase hex)',
        r'[0-9a-f]{40}',
        ('{hex40}',),
        ('{hex40}00', '{HEX40}'),
    ),
)

# Variable names whose value the application ships to the browser by
# design: a framework's public prefix, or a name that says so.
PUBLIC_NAME = (
    r'(?i)^(?:NEXT_PUBLIC|NUXT_PUBLIC|EXPO_PUBLIC|VITE|REACT_APP|GATSBY|PUBLIC)_'
    r'|(?:^|_)(?:PUBLISHABLE|PUBLIC)(?:_|$)'
)
NAME_SAMPLES = (
    ('NEXT_PUBLIC_POSTHOG_KEY', 'VITE_MIXPANEL_TOKEN', 'REACT_APP_SEGMENT_WRITE_KEY',
     'STRIPE_PUBLISHABLE_KEY', 'ALGOLIA_PUBLIC_KEY'),
    ('STRIPE_SECRET_KEY', 'DATABASE_PASSWORD', 'PUBLICATION_TOKEN', 'REPUBLIC_KEY'),
)
# Shapes that are secret whatever the name says (a secret in a public
# variable is still a secret): Stripe secret/restricted keys, webhook
# secrets, Together keys.
SECRET_PREFIXES = ('sk_', 'rk_', 'whsec_', 'tgp_')

# One alternation of every value rule (re caches it once compiled).
PUBLIC_VALUE = '|'.join(f'(?:{rule[2]})' for rule in VALUE_RULES)


def is_public(name: str, value: str) -> bool:
    """Is this template value a public identifier rather than a secret?"""
    if value.startswith(SECRET_PREFIXES):
        return False
    return (
        re.fullmatch(PUBLIC_VALUE, value) is not None
        or re.search(PUBLIC_NAME, name) is not None
    )
