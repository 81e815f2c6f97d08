"""A notebook page keeps only the style rules that can apply to it, in one block."""

import re

from snippets.sitebuild.notebook_css import prune_styles
from test_page_code import built_html

PAGE = """<html><head><style type="text/css">
:root { --jp-size: 4px; }
.jp-Cell { margin: 0; }
.jp-Cell .jp-InputArea, .bp3-button { color: red; }
.bp3-dark .jp-Cell { color: white; }
div:not(.bp3-button) > .jp-Cell { padding: 1px; }
#toc { width: 1px; }
#no-such-id { width: 2px; }
.jupyter-wrapper .md-typeset__scrollwrap { margin: 0 }
@media (max-width: 600px) { .bp3-popover { display: none; } }
@media print { .jp-Cell { break-inside: avoid; } }
@font-face { font-family: X; src: url(x.woff); }
</style></head><body>
<article>
<div class="jupyter-wrapper"><div class="jp-Cell" id="toc"><div class="jp-InputArea">x</div></div></div>
<style>.highlight .k { color: green; }</style><pre class="highlight"><span class="k">def</span></pre>
<style>.highlight .k { color: green; }</style>
</article></body></html>"""


def test_only_rules_that_can_match_the_page_are_kept_in_one_block():
    pruned = prune_styles(PAGE)
    blocks = re.findall(r"<style[^>]*>(.*?)</style>", pruned, re.S)
    assert len(blocks) == 1, blocks
    css = blocks[0]
    for kept in (":root{--jp-size: 4px}", ".jp-Cell{margin: 0}", ".jp-Cell .jp-InputArea{color: red}",
                 "div:not(.bp3-button)>.jp-Cell{padding: 1px}", "#toc{width: 1px}",
                 ".jupyter-wrapper .md-typeset__scrollwrap{margin: 0}",  # a class the theme's script adds
                 "@media print{.jp-Cell{break-inside: avoid}}", "@font-face{font-family: X", ".highlight .k{color: green}"):
        assert kept in css, kept
    for dropped in (".bp3-button{", ".bp3-dark", "#no-such-id", "max-width: 600px", ".bp3-popover"):
        assert dropped not in css, dropped
    assert css.count(".highlight .k") == 1  # a listing's copy of the same rules, once
    assert pruned.index(css) < pruned.index('class="jupyter-wrapper"')  # where the first block stood


def test_a_page_without_styles_is_unchanged():
    assert prune_styles("<p class='x'>text</p>") == "<p class='x'>text</p>"


def test_the_mnist_page_carries_a_fraction_of_jupyterlabs_stylesheet(site):
    page = built_html(site, "chapters/mnist-project.ipynb")
    blocks = re.findall(r"<style[^>]*>(.*?)</style>", page, re.S)
    assert len(blocks) == 1 and len(blocks[0]) < 200_000, [len(block) for block in blocks]  # 605 kB before
