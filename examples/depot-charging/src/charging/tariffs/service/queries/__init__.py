"""Query side of the tariffs context."""
