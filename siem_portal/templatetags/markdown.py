from django import template

from siem_portal.markdown import markdown_render

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """``{{ event.description|markdown }}``: staff-written Markdown, rendered by the one renderer."""
    return markdown_render(text)
