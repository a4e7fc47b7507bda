"""Use cases of payments."""
