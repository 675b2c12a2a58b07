"""The one way the portal sends mail.

Every email is three templates under ``templates/emails/<app>/<name>``: ``.subject.txt``,
``.txt`` and ``.html`` (the HTML one extends ``emails/base.html``). Templates autoescape, so user
content in the context is always escaped in the HTML part; the plain-text part is always sent.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


@dataclass
class RenderedEmail:
    subject: str
    text: str
    html: str = ""


@dataclass
class Attachment:
    filename: str
    content: str | bytes
    mimetype: str = "application/octet-stream"


def email_render(template: str, context: dict, *, language: str | None = None) -> RenderedEmail:
    """Render ``templates/emails/<template>.{subject.txt,txt,html}`` in the recipient's language."""
    ctx = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template}.subject.txt", ctx)
        text = render_to_string(f"emails/{template}.txt", ctx)
        try:
            html = render_to_string(f"emails/{template}.html", ctx)
        except TemplateDoesNotExist:
            html = ""
    # a subject is one line, whatever the template's trailing newline or a user's title holds
    subject = " ".join(subject.split())
    return RenderedEmail(subject=subject, text=text.strip() + "\n", html=html)


def email_send(
    *,
    to: list[str],
    subject: str,
    text: str,
    html: str = "",
    attachments: tuple[Attachment, ...] | list[Attachment] = (),
    reply_to: list[str] | None = None,
    headers: dict | None = None,
) -> None:
    """Send one message, plain text always, HTML when given."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
        headers=headers or {},
    )
    if html:
        message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    message.send(fail_silently=False)
