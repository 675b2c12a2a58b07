"""``{{ text|in_lang:code }}``: content shown in another language than the page's gets its ``lang``."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def in_lang(text, language):
    """Wrap ``text`` in ``<span lang="...">`` when ``language`` is given (the text fell back to it)."""
    if not language or text in (None, ""):
        return text
    return format_html('<span lang="{}">{}</span>', language, text)
