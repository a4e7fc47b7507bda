"""Invoicing context: invoices for billable subscription periods, payments recorded against them, and dunning.

It learns what to bill from subscription events and whether it was paid from payment events, both
dispatched by their type string; when dunning gives up it writes the invoice off and says so.
"""
