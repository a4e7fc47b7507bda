"""What the provider tells us about a customer's card and about a charge, as immutable values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PaymentMethodRef:
    """A card stored at the provider. We keep the provider's references, never card numbers."""

    provider_customer_id: str
    payment_method_id: str
    brand: str
    last4: str


@dataclass(frozen=True)
class ChargeOutcome:
    """The provider's answer to one charge request."""

    succeeded: bool
    provider_reference: str
    decline_code: str | None = None

    def __post_init__(self) -> None:
        if not self.succeeded and not self.decline_code:
            raise ValueError("a declined charge needs a decline code")
