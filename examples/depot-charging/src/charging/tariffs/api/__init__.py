"""Tariffs HTTP API: routes for the depot energy manager and for billing lookups."""
