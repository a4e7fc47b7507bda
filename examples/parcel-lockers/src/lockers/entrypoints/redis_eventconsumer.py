"""Listens to other systems on Redis and turns their messages into commands for the bus."""

from __future__ import annotations

import json
import logging
from typing import Any

import redis

# NOTE: deliberate violation (inbound-not-outbound)
from lockers import bootstrap, config
from lockers.domain import commands
from lockers.service_layer import messagebus

logger = logging.getLogger(__name__)

r = redis.Redis(**config.get_redis_host_and_port())


def main() -> None:
    bus = bootstrap.bootstrap()
    pubsub = r.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe("parcel_dispatched", "compartment_fault_reported")
    for message in pubsub.listen():
        channel = message["channel"].decode()
        data = json.loads(message["data"])
        if channel == "parcel_dispatched":
            reserve_for_dispatched_parcel(data, bus)
        else:
            take_faulty_compartment_out_of_service(data, bus)


def reserve_for_dispatched_parcel(data: dict[str, Any], bus: messagebus.MessageBus) -> None:
    logger.info("parcel %s dispatched to locker %s", data["parcel_id"], data["locker_bank"])
    bus.handle(
        commands.ReserveCompartment(data["locker_bank"], data["parcel_id"], data["recipient_email"], data["size"])
    )


def take_faulty_compartment_out_of_service(data: dict[str, Any], bus: messagebus.MessageBus) -> None:
    logger.warning("fault reported on %s/%s", data["locker_bank"], data["compartment"])
    bus.handle(commands.TakeCompartmentOutOfService(data["locker_bank"], data["compartment"]))


if __name__ == "__main__":
    main()
