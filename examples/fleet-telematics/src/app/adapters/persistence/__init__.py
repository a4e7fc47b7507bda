"""SQLAlchemy repositories and the mappers that translate between ORM models and domain entities."""
