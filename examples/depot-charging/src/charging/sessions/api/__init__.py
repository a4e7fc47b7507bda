"""Sessions HTTP API: thin FastAPI routers and pydantic request/response DTOs."""
