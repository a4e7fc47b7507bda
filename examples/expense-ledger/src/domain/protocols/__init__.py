"""Protocols: every port of the service, as typing.Protocol classes. Adapters conform structurally."""
