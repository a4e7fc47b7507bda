"""Publishing domain events to other systems over Redis pub/sub."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict

import redis

from lockers import config
from lockers.domain import events

logger = logging.getLogger(__name__)

r = redis.Redis(**config.get_redis_host_and_port())


def publish(channel: str, event: events.Event) -> None:
    logger.info("publishing %s on %s", event, channel)
    r.publish(channel, json.dumps(asdict(event), default=str))
