"""Application layer of payments: ports and the charging use case."""
