"""Immutable value objects of the fleet model: compared by value, never changed in place."""
