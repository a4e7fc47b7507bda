"""Application layer of invoicing: ports and use cases."""
