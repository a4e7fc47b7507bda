"""Use cases of reporting, one class per report."""
