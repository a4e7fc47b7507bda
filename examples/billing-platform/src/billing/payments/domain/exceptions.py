"""Errors of the payments domain."""


class PaymentError(Exception):
    """Base of every payments error."""


class AttemptAlreadySettledError(PaymentError):
    pass


class ProviderUnavailableError(PaymentError):
    """The provider could not be reached or throttled us; the message is retried, no attempt is recorded."""
