"""Adapters of payments: the Stripe provider, SQL persistence, in-memory doubles and the event worker."""
