"""Search snippets (Markdown is rendered by siem_portal.markdown)."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe


def snippet_from_text(text: str, terms: list[str], width: int = 90) -> str:
    """A short excerpt around the first term found, escaped, with the terms in <mark>."""
    if not text or not terms:
        return ""
    lowered = text.lower()
    positions = [lowered.find(t.lower()) for t in terms if t and lowered.find(t.lower()) >= 0]
    if not positions:
        return ""
    start = max(0, min(positions) - width)
    end = min(len(text), min(positions) + width)
    excerpt = " ".join(text[start:end].split())
    html = escape(excerpt)
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        html = re.sub(f"({re.escape(escape(term))})", r"<mark>\1</mark>", html, flags=re.IGNORECASE)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308 (escaped above; only <mark> added)


def headline_to_html(headline: str) -> str:
    """PostgreSQL's ts_headline output marked with control characters, escaped, then <mark>ed."""
    html = escape(" ".join((headline or "").split()))
    return mark_safe(html.replace("\x02", "<mark>").replace("\x03", "</mark>"))  # noqa: S308 (escaped above)
