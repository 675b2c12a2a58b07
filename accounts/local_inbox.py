"""The local inbox: on a developer's or tester's machine (``siem_portal/settings/local.py`` only),
every email the portal sends is printed to the console as before and also kept as an ``.eml``
file in ``SIEM_LOCAL_INBOX_DIR``, so the person who just signed up can open their verification
email at ``/local-inbox/`` instead of reading a console they cannot see.

Production and the tests never set ``SIEM_LOCAL_INBOX_DIR``: the pages then answer 404.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend
from django.utils import timezone

KEY = re.compile(r"^\d{8}T\d{12}-[0-9a-f]{32}$")  # the file name without .eml: sorts by time
LISTED = 200  # the newest messages shown; older files stay in the folder


def inbox_dir() -> Path | None:
    folder = getattr(settings, "SIEM_LOCAL_INBOX_DIR", None)
    return Path(folder) if folder else None


class LocalInboxBackend(ConsoleEmailBackend):
    """Django's console backend that also keeps each message as a file in the local inbox."""

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        folder = inbox_dir()
        if folder is None or not email_messages:
            return sent
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            key = f"{timezone.now():%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex}"
            (folder / f"{key}.eml").write_bytes(message.message().as_bytes())
        return sent


@dataclass
class InboxMessage:
    key: str
    subject: str
    to: str
    sender: str
    date: datetime | None
    text: str


def _read(path: Path) -> InboxMessage:
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    # the text version: every email of the portal has one, and its links are shown as links
    text_part = message.get_body(preferencelist=("plain",))
    try:
        date = parsedate_to_datetime(message["Date"]) if message["Date"] else None
    except (TypeError, ValueError):
        date = None
    return InboxMessage(
        key=path.stem,
        subject=str(message["Subject"] or ""),
        to=str(message["To"] or ""),
        sender=str(message["From"] or ""),
        date=date,
        text=text_part.get_content() if text_part else "",
    )


def messages_list() -> list[InboxMessage]:
    """The newest messages first."""
    folder = inbox_dir()
    if folder is None or not folder.is_dir():
        return []
    paths = sorted((p for p in folder.glob("*.eml") if KEY.match(p.stem)), reverse=True)[:LISTED]
    return [_read(path) for path in paths]


def message_get(key: str) -> InboxMessage | None:
    folder = inbox_dir()
    if folder is None or not KEY.match(key):
        return None
    path = folder / f"{key}.eml"
    return _read(path) if path.is_file() else None
