"""together-hooks: keep Together AI API keys (and .env files) out of git."""
__version__ = '0.1.0'
