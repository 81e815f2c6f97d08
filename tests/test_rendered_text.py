"""What a reader reads on the built pages is rendered: no raw TeX, Markdown or snippet syntax left.

Markdown fails quietly. A ``|`` inside math splits a table cell, so the table stays a
paragraph of pipes; a display formula without blank lines around it, inside an indented
block, loses its backslashes and is never typeset; an include that does not resolve, or an
admonition indented one space too little, shows its syntax. Each page's article is scanned
as text, with code, math and notebook outputs taken out, including what collapsed blocks
and inactive tabs hold (it is all in the HTML). The browser test (test_browser) checks that
the formulas inside opened collapsed blocks are typeset.
"""

import html as html_lib
import re

import pytest

from test_page_code import built_html, nav_pages

ARTICLE = re.compile(r"<article[^>]*>(?P<body>.*)</article>", re.S)
# What is not prose: code, math as the build typeset it, scripts, and notebooks' code cells and outputs.
# Math the build did not typeset stays in: its TeX is raw text for the reader.
NOT_PROSE = [
    re.compile(r"<(?P<tag>pre|code|script|style)\b[^>]*>.*?</(?P=tag)>", re.S),
    re.compile(r"<math\b.*?</math>", re.S),
    re.compile(r'<div class="[^"]*jp-(?:InputArea|OutputArea)\b[^"]*".*?</div>\s*</div>\s*</div>', re.S),
]
BLOCK_TAGS = re.compile(r"</?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|table|details|summary|br|blockquote)\b[^>]*>")
TAG = re.compile(r"<[^>]+>")

KINDS = {
    "raw TeX": re.compile(r"\\[()\[\]]|\$\$|\\[A-Za-z]{2,}|\\[,;!]|(?<!\\)\$[^$\s][^$\n]*(?<![\s\\])\$"),
    "raw table row": re.compile(r"^\s*\|.*\|\s*$|\|\s*:?-{3,}:?\s*\|", re.M),
    "snippet marker": re.compile(r"--8<--|\[(?:start|end):[\w-]+\]"),
    "admonition or tab syntax": re.compile(r'^\s*(?:!!!|\?\?\?\+?|===\+?)\s+(?:\w|")', re.M),
    "raw Markdown": re.compile(r"\*\*\S[^*\n]*\*\*|\]\((?:\.\./|\./|https?://|#)[^)\s]*\)|^#{1,6} \w", re.M),
}


def rendered_text(page_html: str) -> str:
    """The article's prose as a reader reads it, one block element per line, code and math removed."""
    match = ARTICLE.search(page_html)
    body = match["body"] if match else page_html
    for pattern in NOT_PROSE:
        body = pattern.sub(" ", body)
    body = BLOCK_TAGS.sub("\n", body)
    return html_lib.unescape(TAG.sub("", body))


def unrendered(page_html: str) -> list[tuple[str, str]]:
    """(kind, the line it is on) for every piece of raw syntax in the rendered text of ``page_html``."""
    found = []
    for line in rendered_text(page_html).splitlines():
        for kind, pattern in KINDS.items():
            if pattern.search(line):
                found.append((kind, line.strip()[:120]))
    return found


@pytest.mark.parametrize("source", [source for _, source in nav_pages()])
def test_built_page_shows_no_raw_syntax(site, source):
    assert unrendered(built_html(site, source)) == []


# Fragments of built pages that showed each kind of error, as the build once wrote them.
BROKEN = {
    "raw table row": "<article><p>| training | weights with <span class=\"arithmatex\">\\(</span>w<span "
                     "class=\"arithmatex\">\\(&lt; 0.001\\)</span> |\n|---|---|</p></article>",
    "raw TeX": "<article><details class=\"tip\"><summary>Hint</summary><p>Together:\n[\n"
               "\\operatorname{Mish}'(z) = \\tanh(s) + z\\,\\bigl(1 - \\tanh^2(s)\\bigr)\\,\\sigma(z).\n]\n"
               "Use <code>sigmoid</code>.</p></details></article>",
    "snippet marker": "<article><p>--8<-- \"outputs/missing.md\"</p></article>",
    "admonition or tab syntax": "<article><p>??? example \"Run it yourself\"</p></article>",
    "raw Markdown": "<article><p>see the [chapter](../chapters/perceptron.md) and **bold **</p></article>",
}


@pytest.mark.parametrize("kind", BROKEN)
def test_each_kind_of_raw_syntax_is_found(kind):
    assert kind in {found for found, _ in unrendered(BROKEN[kind])}


def test_typeset_math_and_code_are_not_flagged():
    math = '<math><msub><mi>w</mi><mi>i</mi></msub><mo>|</mo><mi>𝐛</mi></math>'
    page = (f"<article><p>The weight <span class=\"arithmatex\">{math}</span> and <code>a | b</code> cost $5.</p>"
            "<pre><code>--8<-- [start:x]\n| a | b |</code></pre>"
            f"<div class=\"jp-MarkdownOutput\"><p>Here {math} and <code>$HOME</code>.</p></div>"
            "<table><tr><td>1</td><td>2</td></tr></table></article>")
    assert unrendered(page) == []


@pytest.mark.parametrize("fragment", [
    '<article><p>The sum <span class="arithmatex">\\(\\sum_i w_i\\)</span>.</p></article>',
    '<article><div class="jp-MarkdownOutput"><p>Here $x_1$ and $$y$$.</p></div></article>',
])
def test_math_left_untypeset_is_raw_tex(fragment):
    assert "raw TeX" in {kind for kind, _ in unrendered(fragment)}
