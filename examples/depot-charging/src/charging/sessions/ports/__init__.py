"""Sessions ports: repository and unit of work for commands, a read-side port for queries, the charger gateway."""
