"""Entities and value objects of subscriptions, one module per aggregate."""
