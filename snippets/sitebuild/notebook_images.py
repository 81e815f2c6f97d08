"""A notebook page's figures as image files beside the page, instead of base64 inside its HTML.

nbconvert writes each figure a cell draws into the page as a ``data:`` URI: 630 KB of the
MNIST page, which a phone must download before it shows the first line, and again after
every change. As files, they load only when the reader scrolls to them (``loading="lazy"``),
and with their height given next to their width, the text does not jump when they arrive.
"""

import base64
import hashlib
import re
import struct
from pathlib import Path

from snippets.atomic import atomic_write

DATA_IMAGE = re.compile(r'<img\b(?P<before>[^>]*?)\ssrc="data:image/png;base64,(?P<data>[^"]+)"(?P<after>[^>]*?)/?>')


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) in pixels, read from a PNG's header chunk."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError(f"not a PNG image: it starts with {data[:16]!r}")
    return struct.unpack(">II", data[16:24])


def extract_images(page_html: str, folder: Path) -> str:
    """``page_html`` with every base64 PNG written to ``folder`` (named by its content) and linked."""
    def to_file(match):
        data = base64.b64decode(match["data"])
        name = f"figure-{hashlib.sha256(data).hexdigest()[:12]}.png"
        destination = folder / name
        if not destination.is_file():
            with atomic_write(destination) as partial:
                partial.write(data)
        attributes = f"{match['before']}{match['after']}"
        width, height = png_size(data)
        shown = re.search(r'\swidth="(\d+)"', attributes)
        if shown:  # the notebook asked for a display width: keep it, with the height it implies
            shown_width = int(shown[1])
            height, width = round(height * shown_width / width), shown_width
            attributes = attributes.replace(shown[0], "")
        return (f'<img{attributes} src="{name}" width="{width}" height="{height}" '
                f'loading="lazy" decoding="async"/>')

    return DATA_IMAGE.sub(to_file, page_html)
