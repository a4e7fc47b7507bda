"""Entrypoints (inbound adapters): the Flask HTTP API and the Redis consumer. Both turn input into commands
and hand them to the message bus built by ``bootstrap``."""
