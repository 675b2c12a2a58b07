import nh3
from django import template
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

register = template.Library()
_md = MarkdownIt("commonmark", {"html": False})


@register.filter
def event_markdown(text: str) -> str:
    """Organisers write Markdown; it is rendered without raw HTML and sanitised with an allow-list."""
    return mark_safe(nh3.clean(_md.render(text or "")))  # noqa: S308 (sanitised by nh3 just above)


@register.filter
def in_tz(value, tz):
    return value.astimezone(tz) if value else value


@register.filter
def answer_to(answers: dict, question) -> str:
    """A registration's answer to a question as people read it: multiple choices joined, a text or a
    single choice as given (also when the question's kind changed after the answer)."""
    value = (answers or {}).get(question.code, "")
    return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
