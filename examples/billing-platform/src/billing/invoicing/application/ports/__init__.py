"""Ports of invoicing, as abstract base classes."""
