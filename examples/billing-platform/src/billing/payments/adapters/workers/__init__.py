"""Inbound message adapter of payments: the worker reading the context's SQS queue."""
