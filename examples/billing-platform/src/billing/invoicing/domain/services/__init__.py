"""Domain services of invoicing."""
