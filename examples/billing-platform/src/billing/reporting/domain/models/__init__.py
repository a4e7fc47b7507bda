"""Read-only report models of reporting."""
