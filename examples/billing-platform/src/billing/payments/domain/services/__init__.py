"""Domain services of payments."""
