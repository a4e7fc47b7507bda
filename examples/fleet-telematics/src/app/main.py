"""The FastAPI application: routers, shared clients and domain errors mapped to HTTP statuses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from redis.asyncio import Redis

from app.api.v1 import geofences, trips, vehicles
from app.config import settings
from app.db import engine
from app.domain.exceptions import Conflict, NotFound, TelematicsError


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.http_client = httpx.AsyncClient(headers={"User-Agent": "fleet-telematics/1.0"})
    app.state.redis = Redis.from_url(settings.redis_url)
    yield
    await app.state.http_client.aclose()
    await app.state.redis.aclose()
    await engine.dispose()


async def telematics_error(request: Request, error: Exception) -> JSONResponse:
    code = 404 if isinstance(error, NotFound) else 409 if isinstance(error, Conflict) else 422
    return JSONResponse(status_code=code, content={"detail": str(error)})


def create_app() -> FastAPI:
    app = FastAPI(title="Fleet Telematics", version="1.0", lifespan=lifespan)
    for module in (vehicles, trips, geofences):
        app.include_router(module.router, prefix="/api/v1")
    app.add_exception_handler(TelematicsError, telematics_error)
    return app


app = create_app()
