"""Tariffs ports: tariff repository, charge ledger, unit of work and the read-side port."""
