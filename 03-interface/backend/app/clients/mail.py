"""Invitation e-mails over SMTP, when a server is configured (SMTP_HOST). Without one nothing is
sent: the invitation's link is shown to the admin, who passes it on. A mail server that fails
never fails the invitation either: the link is still shown, and the failure logged."""

import asyncio
import smtplib
from email.message import EmailMessage

import structlog

log = structlog.get_logger()


class Mailer:
    def __init__(
        self,
        host: str | None,
        port: int,
        username: str | None,
        password: str | None,
        sender: str,
        starttls: bool,
    ) -> None:
        self._host = host
        self._port = port
        self._username = username
        self._password = password
        self._sender = sender
        self._starttls = starttls

    async def send_invitation(self, to: str, workspace: str, inviter: str, link: str) -> bool:
        """Whether the invitation went out by e-mail."""
        if not self._host:
            return False
        message = EmailMessage()
        message["From"], message["To"] = self._sender, to
        message["Subject"] = f"{inviter} invites you to the workspace {workspace!r} on Smart Meeting Scribe"
        message.set_content(
            f"{inviter} invites you to the workspace {workspace!r} on Smart Meeting Scribe.\n\n"
            f"Open this link signed in as {to} to join:\n{link}\n\nThe link works once."
        )
        try:
            await asyncio.to_thread(self._send, message)
        except (OSError, smtplib.SMTPException) as error:
            log.error("invitation_mail_failed", to=to, error=str(error))
            return False
        return True

    def _send(self, message: EmailMessage) -> None:
        assert self._host is not None
        with smtplib.SMTP(self._host, self._port, timeout=10) as smtp:
            if self._starttls:
                smtp.starttls()
            if self._username and self._password:
                smtp.login(self._username, self._password)
            smtp.send_message(message)
