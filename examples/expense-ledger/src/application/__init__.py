"""Application: CQRS commands, queries and event handlers. Handlers depend only on domain
protocols and return Result values."""
