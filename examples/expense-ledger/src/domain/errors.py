"""Errors raised by entities when a business rule is broken; handlers turn them into Failures."""


class DomainError(Exception):
    """Base class of every business-rule error."""


class InvalidTransitionError(DomainError):
    """The claim or payout is not in a state that allows this step."""


class CurrencyMismatchError(DomainError):
    """Two amounts in different currencies were combined."""


class InvalidAmountError(DomainError):
    """An amount is zero, negative or above the policy limit."""


class InvalidBankAccountError(DomainError):
    """The payout account details are malformed."""
