"""Handing a mail over: SMTP when ``SMTP_URL`` is set, else the log (development).

In development the outbox table itself is the mailbox an admin reads in the app.
"""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

from castyou.models.support import EmailOutbox
from castyou.request_context import REQUEST_ID_HEADER
from castyou.settings import get_settings

SMTP_TIMEOUT_S = 15
logger = logging.getLogger("castyou.email")


def build_message(row: EmailOutbox, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = row.to_address
    message["Subject"] = row.subject
    message["Message-ID"] = make_msgid(idstring=f"outbox-{row.id}", domain="castyou")
    if row.log_request_id:
        message[REQUEST_ID_HEADER] = row.log_request_id
    message.set_content(row.body)
    message["Content-Language"] = row.language  # after set_content, which resets Content-*
    return message


def deliver(row: EmailOutbox) -> str:
    """Send one mail; returns "smtp" or "log". Raises on an SMTP failure."""
    settings = get_settings()
    message = build_message(row, settings.email_from)
    if not settings.smtp_url:
        logger.info(
            "email (development outbox)",
            extra={"outbox_id": row.id, "to": row.to_address, "subject": row.subject},
        )
        return "log"
    url = urlsplit(settings.smtp_url)
    secure = url.scheme == "smtps"
    client_class = smtplib.SMTP_SSL if secure else smtplib.SMTP
    port = url.port or (465 if secure else 25)
    with client_class(url.hostname or "localhost", port, timeout=SMTP_TIMEOUT_S) as client:
        if not secure and parse_qs(url.query).get("starttls") == ["1"]:
            client.starttls()
        if url.username:
            client.login(unquote(url.username), unquote(url.password or ""))
        client.send_message(message)
    logger.info("email sent", extra={"outbox_id": row.id, "kind": row.kind})
    return "smtp"
