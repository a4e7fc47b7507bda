"""ASGI entrypoint (``uvicorn charging.main:app``). A separate worker runs ``container.relay.run_once()`` in a loop."""

from fastapi import FastAPI

from charging.bootstrap import bootstrap
from charging.sessions.api.routers import router as sessions_router
from charging.tariffs.api.routers import router as tariffs_router

app = FastAPI(title="Depot Charging", version="1.0.0")
app.state.container = bootstrap()
app.include_router(sessions_router)
app.include_router(tariffs_router)
