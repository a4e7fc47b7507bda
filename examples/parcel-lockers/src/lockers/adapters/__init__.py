"""Adapters: the repository and its ORM mapping, email notifications and the Redis event publisher."""
