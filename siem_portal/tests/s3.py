"""What the tests marked ``s3`` share: fetching a (signed) URL of the loopback S3 API."""

import urllib.error
import urllib.request


def fetch(url: str) -> tuple[int, bytes, dict]:
    """GET ``url`` as a browser would after the redirect: (status, body, lower-case headers)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (the loopback S3 API)
            return response.status, response.read(), {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), {k.lower(): v for k, v in exc.headers.items()}
