"""Outbound adapter to the card payment provider (Stripe's REST API)."""
