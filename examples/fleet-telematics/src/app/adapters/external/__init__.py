"""Adapters for systems outside the fleet service: the alert webhook and the Redis event stream."""
