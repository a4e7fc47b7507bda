"""HTTP API (primary adapters): thin FastAPI routes that parse requests, call a service and shape responses."""
