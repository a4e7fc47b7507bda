"""Telling people things: the notifications port and its SMTP implementation."""

from __future__ import annotations

import abc
import smtplib
from email.message import EmailMessage

from lockers import config


class AbstractNotifications(abc.ABC):
    """Port for sending a short message to a person or a team."""

    @abc.abstractmethod
    def send(self, destination: str, subject: str, body: str) -> None:
        raise NotImplementedError


class EmailNotifications(AbstractNotifications):
    """Sends plain-text email through the configured SMTP relay."""

    def __init__(self, host: str | None = None, port: int | None = None) -> None:
        settings = config.get_email_host_and_port()
        self.server = smtplib.SMTP(host or str(settings["host"]), port=port or int(settings["port"]))
        self.server.noop()

    def send(self, destination: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"] = config.NOTIFICATIONS_SENDER
        message["To"] = destination
        message["Subject"] = subject
        message.set_content(body)
        self.server.send_message(message)
