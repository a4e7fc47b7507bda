"""Use cases of subscriptions: one class each, ports injected, a single `execute()`."""
