"""The one way Markdown becomes HTML: markdown-it-py renders without raw HTML, nh3 keeps one allow-list.

Headings shift down one level (the page owns its h1). Links get ``rel`` by who wrote the text: staff
text (news, events, site pages) ``noopener noreferrer``; text from the public (stories)
``nofollow noopener ugc`` as well, so that spam links earn nothing.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "del", "blockquote", "code", "pre",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
REL_STAFF = "noopener noreferrer"
REL_PUBLIC = "nofollow noopener noreferrer ugc"


def markdown_render(text: str, *, public_author: bool = False) -> SafeString:
    """Markdown to sanitised HTML, safe to put in a template as it is."""
    html = _md.render(text or "")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=REL_PUBLIC if public_author else REL_STAFF,
        strip_comments=True,
    )
    return mark_safe(clean)  # noqa: S308 (sanitised by nh3 just above)
