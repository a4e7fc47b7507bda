"""Shared kernel: money, identifiers and the base class of domain events.

Kept deliberately small: everything here is a type every context agrees on. Enums that look shared
(currencies, plan tiers, invoice statuses) are copied into each context instead.
"""
