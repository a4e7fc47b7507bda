"""Cache: Redis-backed caching of exchange rates."""
