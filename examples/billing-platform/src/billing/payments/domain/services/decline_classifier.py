"""Telling hard declines from soft ones."""

from __future__ import annotations


class DeclineClassifier:
    """Domain service: a hard decline will fail again whenever we retry; anything else may pass later
    (insufficient funds at the end of the month, a bank's fraud check timing out)."""

    HARD_DECLINES = frozenset(
        {"stolen_card", "lost_card", "pickup_card", "fraudulent", "invalid_account", "card_not_supported"}
    )

    def is_retryable(self, decline_code: str) -> bool:
        return decline_code not in self.HARD_DECLINES
