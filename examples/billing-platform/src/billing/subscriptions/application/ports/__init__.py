"""Ports of subscriptions: what the use cases need from storage and messaging, as abstract base classes."""
