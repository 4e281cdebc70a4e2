"""Mail servers that misbehave, for the dispatcher's tests (set as ``settings.EMAIL_BACKEND`` by dotted path)."""

import smtplib

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend


class FailingAfterTwoBackend(EmailBackend):
    """A mail server that accepts two messages and then goes away."""

    def send_messages(self, messages):
        if len(mail.outbox) >= 2:
            raise ConnectionResetError("mail server went away")
        return super().send_messages(messages)


class RefusingBackend(EmailBackend):
    """A mail server that refuses one recipient (``refused``) and accepts the rest; subclass to set it."""

    refused = ""

    def send_messages(self, messages):
        if messages[0].to == [self.refused]:
            raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"no such user")})
        return super().send_messages(messages)
