"""Cover images: checked by content, never trusted by name or declared type, re-encoded.

Re-encoding from the decoded pixels into fresh JPEG files leaves every piece of metadata behind
(EXIF with its GPS position, XMP, comments), and whatever the upload hid after its image data.
"""

import io
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from siem_portal.exceptions import ApplicationError

MAX_BYTES = 5 * 1024 * 1024
# far below Pillow's own bomb limit: a cover never needs more than 40 megapixels
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
# name, (max width, max height)
SIZES = {"large": (1200, 800), "card": (480, 320)}


@dataclass
class Rendition:
    name: str
    content: bytes
    width: int
    height: int


def _refuse(message):
    raise ApplicationError(message, field="image")


def cover_renditions(upload) -> list[Rendition]:
    """Check an uploaded file and return it re-encoded in the standard sizes, as JPEG."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        _refuse(_("The image is larger than 5 MB."))
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        _refuse(_("The image is larger than 5 MB."))
    if not data:
        _refuse(_("The file is empty."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                _refuse(_("Only JPEG, PNG and WebP images are accepted."))
            width, height = image.size
            if width * height > MAX_PIXELS:
                _refuse(_("The image has too many pixels (at most 40 megapixels)."))
            image.load()
    except ApplicationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        _refuse(_("This file is not a JPEG, PNG or WebP image, or it is too large to open."))
    except (OSError, SyntaxError, ValueError):
        _refuse(_("The image is damaged and cannot be read."))

    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    else:
        image = image.convert("RGB")

    renditions = []
    for name, box in SIZES.items():
        copy = image.copy()
        copy.thumbnail(box, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        copy.save(out, format="JPEG", quality=82, optimize=True, progressive=True)
        renditions.append(Rendition(name, out.getvalue(), copy.width, copy.height))
    return renditions
