"""Sessions adapters: SQLAlchemy persistence and read side, the OCPP charger gateway, in-memory fakes."""
