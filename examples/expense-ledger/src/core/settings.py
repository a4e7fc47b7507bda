"""Runtime settings, read from EXPENSE_LEDGER_* environment variables."""

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EXPENSE_LEDGER_")

    api_version: str = "1.0.0"
    base_currency: str = "EUR"
    database_url: str = "postgresql+asyncpg://ledger:ledger@localhost/ledger"
    redis_url: str = "redis://localhost:6379/0"
    fx_api_url: str = "https://fx.example.com/v2"
    fx_api_key: str = ""
    fx_cache_ttl_seconds: int = 3600
    payouts_api_url: str = "https://payouts.example.com/api"
    payouts_api_key: str = ""
    mail_api_url: str = "https://mail.example.com/v1"
    http_timeout_seconds: float = 10.0


@lru_cache
def get_settings() -> Settings:
    return Settings()
