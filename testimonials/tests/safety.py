"""Helpers that look for active content in HTML the portal produced."""

from html.parser import HTMLParser

XSS_PAYLOADS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "[click me](JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)">link</a>',
    "<svg onload=alert(1)><circle r=1></svg>",
    '"><script>alert(1)</script>',
    '<iframe src="https://evil.example/"></iframe>',
    "<div style=\"background:url('javascript:alert(1)')\">styled</div>",
    "![pixel](javascript:alert(1))",
    "![tracker](https://evil.example/pixel.png)",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<details open ontoggle=alert(1)>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "javascript:alert(1)",
    "<body onload=alert(1)>",
]

BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
ALLOWED_SCRIPT_SOURCES = ("/static/",)


class ActiveContentFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in ("iframe", "object", "embed", "svg", "math", "base", "form") and tag != "form":
            self.problems.append(f"<{tag}>")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.startswith(ALLOWED_SCRIPT_SOURCES):
                self.problems.append(f"<script src={src!r}>")
        if tag == "img":
            src = dict(attrs).get("src") or ""
            if not src.startswith(("/media/", "/static/", "http://testserver/media/")):
                self.problems.append(f"<img src={src!r}>")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name.lower() == "style":
                self.problems.append(f"{tag} style=")
            if name.lower() in ("href", "src", "xlink:href", "action") and (value or "").strip().lower().startswith(
                BAD_SCHEMES
            ):
                self.problems.append(f"{tag} {name}={value}")


def active_content(html: str) -> list[str]:
    finder = ActiveContentFinder()
    finder.feed(html)
    finder.close()
    return finder.problems
