"""Shared kernel: base classes for events, commands, queries and aggregates, Money, identifiers,
the in-process message bus and the transactional outbox used by every context."""
