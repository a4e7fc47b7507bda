"""Shared outbound adapters: the SQL and in-memory outboxes and the relay that drains them."""
