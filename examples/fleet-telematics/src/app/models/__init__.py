"""SQLAlchemy ORM models: the database's view of vehicles, trips and geofences. Infrastructure; the domain
never sees these, mappers in ``adapters/persistence`` translate."""
