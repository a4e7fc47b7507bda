"""Ports of reporting, as abstract base classes."""
