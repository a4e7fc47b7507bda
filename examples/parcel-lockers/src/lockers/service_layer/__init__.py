"""Service layer: handler functions, the message bus that routes commands and events to them, and the unit of
work that gives each handler one atomic transaction."""
