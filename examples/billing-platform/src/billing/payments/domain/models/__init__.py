"""Entities and value objects of payments."""
