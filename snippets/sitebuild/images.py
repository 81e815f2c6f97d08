"""Images on the built pages: each with its width and height, so the text does not jump when it loads.

A browser lays out an image before it arrives only if the page gives its size (Lighthouse's
``unsized-images``). Markdown pages show the build's figures with ``![alt](../figures/x.svg)``;
``size_figures`` gives each the size the figure file declares, and has it load only when the
reader nears it (``loading="lazy"``): a chapter's figures weigh up to 450 KB, which a phone on a
slow link would otherwise fetch before the text it came for (Lighthouse then dates the
page's largest paint after them).

On notebook pages, nbconvert writes each figure a cell draws into the page as a ``data:``
URI: 630 KB of the MNIST page, which a phone must download before it shows the first line,
and again after every change. ``extract_images`` makes them files beside the page, which
load only when the reader scrolls to them (``loading="lazy"``), with their size given.
"""

import base64
import hashlib
import re
import struct
from pathlib import Path

from snippets.atomic import atomic_write

FIGURE = re.compile(r'<img\b(?P<attributes>[^>]*?\ssrc="(?:\.\./)*figures/(?P<name>[^"]+)"[^>]*?)\s*/?>')
SVG_SIZE = re.compile(r'<svg\b[^>]*?\swidth="(?P<width>[\d.]+)pt"[^>]*?\sheight="(?P<height>[\d.]+)pt"')
PX_PER_PT = 96 / 72
DATA_IMAGE = re.compile(r'<img\b(?P<before>[^>]*?)\ssrc="data:image/png;base64,(?P<data>[^"]+)"(?P<after>[^>]*?)/?>')


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) in pixels, read from a PNG's header chunk."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError(f"not a PNG image: it starts with {data[:16]!r}")
    return struct.unpack(">II", data[16:24])


def figure_size(path: Path) -> tuple[int, int]:
    """(width, height) in CSS pixels of a figure file: a PNG's pixels, or an SVG's size in points."""
    head = path.read_bytes()[:2000]
    if path.suffix == ".png":
        return png_size(head)
    match = SVG_SIZE.search(head.decode("utf-8", "replace"))
    if match is None:
        raise ValueError(f"{path}: no width and height in points on its <svg> element")
    return round(float(match["width"]) * PX_PER_PT), round(float(match["height"]) * PX_PER_PT)


def size_figures(page_html: str, figures: Path) -> str:
    """``page_html`` with width and height on every ``<img>`` of a figure in ``figures`` that lacks them,
    and each figure loaded as the reader nears it."""
    def sized(match):
        attributes = match["attributes"]
        if not re.search(r"\s(?:width|height)=", attributes):
            width, height = figure_size(figures / match["name"])
            attributes += f' width="{width}" height="{height}"'
        if not re.search(r"\sloading=", attributes):
            attributes += ' loading="lazy" decoding="async"'
        return f"<img{attributes} />"

    return FIGURE.sub(sized, page_html)


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
