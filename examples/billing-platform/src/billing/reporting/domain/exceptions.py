"""Errors of the reporting domain."""


class InvalidReportPeriodError(Exception):
    """The requested month does not exist or has not started yet."""
