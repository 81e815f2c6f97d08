"""A first visit without the theme's page-wide restyles.

Material's script changes, while a page loads, state that every element's style depends on.
Each change makes the browser recompute the style of the whole page, which on a
4,000-element chapter costs 30-120 ms of a phone's main thread (Lighthouse counts them as
blocking time). Two of them are done at build time instead:

* ``<html>`` changes its classes from ``no-js`` to ``js js-focus-visible`` (the bundle and its
  focus-visible polyfill, one after the other). A one-line script at the top of ``<head>``
  sets the final classes before the body exists, so the bundle's own changes set what is
  already there. Without JavaScript the script does not run and ``no-js`` stays, as before.
* The palette marks ``<body>`` with ``data-md-color-switching`` for one frame on every load,
  so that a palette switch does not animate. The rule that does this
  (``[data-md-color-switching] *, :before, :after {transition-duration: 0s}``) gives every
  element and both its pseudo-elements a new style twice per load: the most expensive
  restyle of all. It is taken out of the palette stylesheet; switching light and dark now
  fades the theme's colours in 0.25 s, as its hover effects do.

Code blocks are half of a chapter's elements (every token is a ``<span>``). The browser may
skip styling and laying out the ones off screen (``content-visibility: auto`` in extra.css)
if it knows the height each will take, so that the page does not move when they appear
and a link to a section lands on it. A code block does not wrap its lines, so its height
is its number of lines times its line height: the build writes the number on each block
(``--lines``), and the stylesheet reserves that many lines. It also writes the length of the
longest line (``data-columns``), from which the site's script tells, without laying the block
out, whether it scrolls sideways and must take the keyboard focus (``accessibility.js``).
"""

import html
import re
from pathlib import Path

from snippets.atomic import atomic_write

HEAD = '<html lang="en" class="no-js">\n  <head>'
PRESET = ('<script>document.documentElement.className="js js-focus-visible";'
          'document.documentElement.setAttribute("data-js-focus-visible","")</script>')


class ThemeChanged(ValueError):
    """The theme's markup or stylesheet is not what this module expects (a new Material version?)."""


SWITCHING_RULE = ("[data-md-color-switching] *,[data-md-color-switching] :after,"
                  "[data-md-color-switching] :before{transition-duration:0s!important}")


def preset_script_classes(page_html: str, where: str = "a page") -> str:
    """``page_html`` with the classes that Material's script gives ``<html>`` set before the body loads."""
    if HEAD not in page_html:
        raise ThemeChanged(f"{where}: expected the theme's opening {HEAD!r}; did the theme's base.html change?")
    return page_html.replace(HEAD, HEAD + PRESET, 1)


def drop_switching_rule(theme_dirs, site_dir) -> Path:
    """Write the theme's palette stylesheet into ``site_dir`` without the palette-switch rule.

    Read from the theme's own copy (the first of ``theme_dirs`` that has one), so that a
    rebuild into the same ``site_dir`` works on the original again. Returns the file written.
    """
    for folder in theme_dirs:
        sheets = sorted(Path(folder).glob("assets/stylesheets/palette.*.min.css"))
        if sheets:
            break
    else:
        raise ThemeChanged(f"no assets/stylesheets/palette.*.min.css in the theme's folders {list(theme_dirs)}")
    css = sheets[0].read_text()
    if SWITCHING_RULE not in css:
        raise ThemeChanged(f"{sheets[0]}: the palette-switch rule {SWITCHING_RULE!r} is not there; "
                           "did the theme change it?")
    written = Path(site_dir) / sheets[0].relative_to(folder)
    with atomic_write(written) as partial:
        partial.write(css.replace(SWITCHING_RULE, "").encode())
    return written


# A highlighted code block of a Markdown page (Pygments' markup): the <code> inside <pre>.
CODE_BLOCK = re.compile(r"(<pre[^>]*><span></span>)<code>(.*?)</code>", re.S)
TAG = re.compile(r"<[^>]*>")


def measure_code_blocks(page_html: str) -> str:
    """``page_html`` with each highlighted code block's number of lines (``--lines``) and the
    length of its longest line (``data-columns``) on its ``<code>``."""
    def measured(block):
        lines = html.unescape(TAG.sub("", block[2])).removesuffix("\n").split("\n")
        columns = max(len(line.expandtabs()) for line in lines)
        return f'{block[1]}<code style="--lines: {len(lines)}" data-columns="{columns}">{block[2]}</code>'
    return CODE_BLOCK.sub(measured, page_html)
