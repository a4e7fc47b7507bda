"""Ports of payments, as abstract base classes."""
