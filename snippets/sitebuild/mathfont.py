"""The site's math font: STIX Two Math, cut down to the characters the site's formulas use.

Browsers lay out MathML with an OpenType MATH font: its MATH table says how high a fraction
bar sits, how far a subscript drops, and which bigger glyphs a parenthesis grows into; its
``ssty`` forms draw a prime or a letter in a superscript. Phones rarely have such a font, so the
site serves its own: STIX Two Math (SIL Open Font License 1.1), the copy that the PyPI package
``ziamath`` ships, so a build needs only pip. The whole font is 1.5 MB; the build keeps the
glyphs of the characters its formulas use, with the bigger, stretched and script-size forms
the font lists for them, and writes them as WOFF2: about 50 KB. Its copyright and licence
notices stay in the font's name table, as the licence allows.
"""

import hashlib
import importlib.util
import io
from pathlib import Path

from snippets.atomic import atomic_write

SITE_FONT = "assets/math/stix-two-math.woff2"  # where the site serves the cut-down font


def math_font() -> Path:
    """The whole STIX Two Math font (TrueType) that ziamath ships, found without importing ziamath."""
    package = importlib.util.find_spec("ziamath")
    if package is None:
        raise RuntimeError("The math font comes with the PyPI package ziamath, which is not installed: "
                           'pip install -e ".[docs]"')
    return Path(package.origin).parent / "fonts" / "STIXTwoMath-Regular.ttf"


def subset(font: Path, characters, destination: Path) -> int:
    """Write to ``destination`` (WOFF2) the glyphs of ``font`` that ``characters`` need; return its size in bytes."""
    from fontTools import subset as fonttools_subset

    options = fonttools_subset.Options()
    options.flavor = "woff2"
    # What MathML layout substitutes: script-size forms (ssty), dotless i and j under an accent
    # (dtls), flatter accents over capitals (flac), composed characters (ccmp); and the prime
    # drawn for a superscript (ss04), which extra.css asks for.
    options.layout_features = ["ssty", "dtls", "flac", "ccmp", "ss04"]
    options.hinting = False  # instructions for low-resolution screens: a quarter of the size
    options.name_IDs = ["*"]  # the copyright and licence notices stay in the font
    options.notdef_outline = True
    loaded = fonttools_subset.load_font(str(font), options)
    subsetter = fonttools_subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(character) for character in characters))
    subsetter.subset(loaded)
    buffer = io.BytesIO()
    fonttools_subset.save_font(loaded, buffer, options)
    with atomic_write(destination) as partial:
        partial.write(buffer.getvalue())
    return len(buffer.getvalue())


def publish(characters, site_dir: Path, cache_dir: Path) -> int:
    """Put the font cut down to ``characters`` into the site; return its size in bytes.

    The cut-down font is cached under a hash of the font, of this module (how it is cut) and of
    the characters, so a rebuild reuses it.
    """
    font = math_font()
    recipe = font.read_bytes() + Path(__file__).read_bytes() + "".join(sorted(characters)).encode()
    key = hashlib.sha256(recipe).hexdigest()[:32]
    cached = cache_dir / f"font-{key}.woff2"
    if not cached.is_file():
        subset(font, characters, cached)
    with atomic_write(site_dir / SITE_FONT) as partial:
        partial.write(cached.read_bytes())
    return cached.stat().st_size
