"""Entities and value objects of invoicing."""
