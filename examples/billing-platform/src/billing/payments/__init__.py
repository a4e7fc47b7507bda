"""Payments context: charging a customer's card for an invoice through a payment provider.

Every charge is a PaymentAttempt with its own idempotency key; its outcome is announced as
`payment.succeeded` or `payment.failed`, and invoicing decides what that means for the invoice.
"""
