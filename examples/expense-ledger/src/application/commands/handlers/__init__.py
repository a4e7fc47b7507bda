"""Command handlers: one class per command, each with an async handle() returning a Result."""
