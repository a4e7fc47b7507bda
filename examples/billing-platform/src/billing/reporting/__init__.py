"""Reporting context: read-only revenue reports for finance.

It reads the tables the other contexts write, through ORM models and report types of its own, and
never imports theirs: a schema change elsewhere breaks a query here, not a shared class.
"""
