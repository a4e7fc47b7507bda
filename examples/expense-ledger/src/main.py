"""ASGI entry point: builds the FastAPI application and mounts the versioned routers."""

from fastapi import FastAPI

from src.core.settings import get_settings
from src.presentation.routers.api.v1 import expenses, reimbursements


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="Expense Ledger", version=settings.api_version)
    app.include_router(expenses.router, prefix="/api/v1")
    app.include_router(reimbursements.router, prefix="/api/v1")
    return app


app = create_app()
