"""Command side of the tariffs context."""
