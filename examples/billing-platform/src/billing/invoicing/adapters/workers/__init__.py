"""Inbound message adapter of invoicing: the worker reading the context's SQS queue."""
