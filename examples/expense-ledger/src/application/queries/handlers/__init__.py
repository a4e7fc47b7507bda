"""Query handlers: one class per query, each with an async handle() returning a Result."""
