"""Identifiers: typed names for the opaque strings that cross context boundaries, and how to mint them."""

from typing import NewType
from uuid import uuid4

CustomerId = NewType("CustomerId", str)
PlanId = NewType("PlanId", str)
SubscriptionId = NewType("SubscriptionId", str)
InvoiceId = NewType("InvoiceId", str)
PaymentAttemptId = NewType("PaymentAttemptId", str)


def new_id(prefix: str) -> str:
    """A fresh identifier such as ``sub_9b1f...``; the prefix says what it identifies."""
    return f"{prefix}_{uuid4().hex}"
