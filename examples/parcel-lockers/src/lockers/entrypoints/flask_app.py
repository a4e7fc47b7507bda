"""HTTP API: thin routes that build a command, dispatch it on the bus, or read a view."""

from __future__ import annotations

from flask import Flask, Response, jsonify, request

from lockers import bootstrap, views
from lockers.domain import commands, model
from lockers.service_layer.handlers import UnknownBank

app = Flask(__name__)
bus = bootstrap.bootstrap()


@app.post("/banks")
def install_locker_bank() -> tuple[Response, int]:
    body = request.get_json()
    cmd = commands.InstallLockerBank(body["reference"], body["site"], body["compartments"])
    bus.handle(cmd)
    return jsonify(reference=cmd.reference), 201


@app.post("/reservations")
def reserve_compartment() -> tuple[Response, int]:
    body = request.get_json()
    cmd = commands.ReserveCompartment(body["bank"], body["parcel_id"], body["recipient_email"], body["size"])
    try:
        [code] = bus.handle(cmd)
    except (UnknownBank, ValueError) as error:
        return jsonify(message=str(error)), 400
    if code is None:
        return jsonify(message="no compartment available"), 409
    return jsonify(compartment=code), 201


@app.post("/banks/<reference>/deposits")
def deposit_parcel(reference: str) -> tuple[Response, int]:
    cmd = commands.DepositParcel(reference, request.get_json()["parcel_id"])
    try:
        bus.handle(cmd)
    except (UnknownBank, model.UnknownParcel) as error:
        return jsonify(message=str(error)), 404
    return jsonify(status="deposited"), 202


@app.post("/banks/<reference>/collections")
def collect_parcel(reference: str) -> tuple[Response, int]:
    body = request.get_json()
    cmd = commands.CollectParcel(reference, body["compartment"], body["pickup_code"])
    try:
        bus.handle(cmd)
    except model.WrongPickupCode:
        return jsonify(message="wrong pickup code"), 403
    return jsonify(status="collected"), 200


@app.post("/banks/<reference>/expiry")
def expire_reservations(reference: str) -> tuple[Response, int]:
    """Called by the hourly scheduler."""
    bus.handle(commands.ExpireReservations(reference))
    return jsonify(status="expired"), 202


@app.get("/reservations/<parcel_id>")
def reservation(parcel_id: str) -> tuple[Response, int]:
    found = views.reservation_for(parcel_id, bus.uow)
    if found is None:
        return jsonify(message="not found"), 404
    return jsonify(found), 200


@app.get("/banks/<reference>/availability")
def availability(reference: str) -> tuple[Response, int]:
    return jsonify(views.free_compartments(reference, bus.uow)), 200
