"""Settings read from the environment (prefix ``FLEET_``)."""

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FLEET_")

    database_url: str = "postgresql+asyncpg://fleet:fleet@localhost:5432/fleet"
    redis_url: str = "redis://localhost:6379/0"
    event_stream: str = "fleet-telematics.events"
    alert_webhook_url: str = "https://hooks.example.com/fleet-alerts"


settings = Settings()
