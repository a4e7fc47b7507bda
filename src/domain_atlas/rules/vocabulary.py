"""Names the rules look for: frameworks kept out of inner layers, modules that carry events."""

DOMAIN_FORBIDDEN = (
    "fastapi",
    "starlette",
    "pydantic",
    "sqlalchemy",
    "django",
    "flask",
    "redis",
    "boto3",
    "httpx",
    "requests",
    "celery",
    "kafka",
    "aiohttp",
    "psycopg",
    "psycopg2",
    "motor",
    "pymongo",
)

APPLICATION_FORBIDDEN = (
    "fastapi",
    "starlette",
    "flask",
    "django",
    "sqlalchemy",
    "redis",
    "boto3",
    "httpx",
    "requests",
)

# Importing another context's event modules is event-based integration, which the rules allow.
EVENT_MODULE_NAMES = ("events", "domain_events", "integration_events", "messages", "contracts")
