"""Errors of the invoicing domain."""


class InvoicingError(Exception):
    """Base of every invoicing error."""


class EmptyInvoiceError(InvoicingError):
    pass


class InvoiceNotFoundError(InvoicingError):
    pass


class InvoiceNotPayableError(InvoicingError):
    pass


class PaymentMismatchError(InvoicingError):
    """A payment event's amount differs from the invoice total; someone must look at it."""
