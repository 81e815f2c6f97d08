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

The theme's script and the site's own run after the page's first paint. A script at the end
of ``<body>`` may run before the first paint reaches the screen, when it has arrived by the
time the parser reaches it: then the article waits for the theme's start-up, 100-150 ms of
main thread here, 400-550 ms on a phone (4x slower) for a long chapter. Which of the two
happens depends on the network's timing, and Lighthouse's phone simulation put the largest
paint of a chapter at 1.9 s or 3.2-3.5 s accordingly (performance 96-97 or 79-88, the same
page). The build puts a loader in their place that adds the same scripts, in the same order,
once the browser reports the first contentful paint (after the next frame where it cannot;
at the latest after 5 s, for a page opened in the background). The theme learns that the
document is ready from ``DOMContentLoaded``, which has passed by then, so the loader sends it
again once the theme's script has run.

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
import json
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


# The theme's scripts at the end of <body>: its configuration, then its bundle and the site's own.
BODY_SCRIPTS = re.compile(r'(<script id="__config" type="application/json">.*?</script>)(.*?)(?=</body>)', re.S)
SCRIPT = re.compile(r'\s*<script src="([^"]+)"></script>')
LOADER = """<script>
(() => {{
  let started = false;
  const start = () => {{
    if (started) return;
    started = true;
    {sources}.forEach((source, index) => {{
      const script = Object.assign(document.createElement("script"), {{src: source, async: false}});
      if (index === 0) script.onload = () => document.dispatchEvent(new Event("DOMContentLoaded"));
      document.body.append(script);
    }});
  }};
  if ((PerformanceObserver.supportedEntryTypes || []).includes("paint")) {{
    new PerformanceObserver((list, observer) => {{
      if (list.getEntriesByName("first-contentful-paint").length) {{ observer.disconnect(); setTimeout(start); }}
    }}).observe({{type: "paint", buffered: true}});
    setTimeout(start, 5000);  // a page shown in the background paints only when it is shown
  }} else {{
    requestAnimationFrame(() => setTimeout(start));
  }}
}})();
</script>"""


def after_first_paint(page_html: str, where: str = "a page") -> str:
    """``page_html`` with the scripts at the end of its body loaded, in their order, after its first paint."""
    scripts = BODY_SCRIPTS.search(page_html)
    sources = SCRIPT.findall(scripts[2]) if scripts else []
    if not sources or "bundle." not in sources[0] or SCRIPT.sub("", scripts[2]).strip():
        raise ThemeChanged(f"{where}: expected the theme's configuration, then its bundle and the site's scripts, "
                           "at the end of <body>; did the theme's base.html change?")
    loader = LOADER.format(sources=json.dumps(sources))
    return page_html[:scripts.start(2)] + "\n" + loader + "\n" + page_html[scripts.end(2):]


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
