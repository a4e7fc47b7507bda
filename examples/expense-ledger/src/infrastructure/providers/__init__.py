"""Providers: HTTP clients for the FX-rate vendor, the payout bank and the mail service."""
