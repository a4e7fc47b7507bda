"""Use cases of invoicing, one class each."""
