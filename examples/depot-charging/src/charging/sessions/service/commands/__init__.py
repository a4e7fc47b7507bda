"""Command side: handlers that load sessions through the unit of work, call the aggregate and commit."""
