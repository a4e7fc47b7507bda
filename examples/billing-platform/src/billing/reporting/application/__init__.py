"""Application layer of reporting: the report reader port and one use case per report."""
