"""Every result can be reproduced: each figure and table that the build computes is followed
on its page by a collapsed "Run it yourself" block with the lines that recompute it.

* In the sources: right after each such figure or table include (other includes of the same
  group may come between) comes ``??? example "Run it yourself"``, holding one Python fence
  that includes a ``reproduce-…`` section of the page's ``snippets/examples`` file.
* On the built page: the build ran the block (it has an Output panel), and every number it
  printed is one the page shows for the figure or table it follows (in the tables, the
  figures' alt text and the prose since the heading or the previous such block), written
  the same way. The test of page code (test_page_code) runs the blocks again, in a fresh
  environment, and compares what they print with these panels.
"""

import html as html_lib
import re
from pathlib import Path

import pytest

from conftest import ROOT
from snippets.figures import OUTPUTS, SHOWS_NO_RESULT
from snippets.sitebuild import pagecode
from test_page_code import built_html, nav_pages

DOCS = ROOT / "docs"
OUTPUT_REFERENCE = re.compile(r'^(?P<indent> *)(?:--8<-- "(?P<table>outputs/[^"]+)"|!\[.*\]\((?:\.\./)+(?P<figure>figures/[^)]+)\))\s*$')
RUN_IT_YOURSELF = '??? example "Run it yourself"'
REPRODUCE_INCLUDE = re.compile(r'^ +--8<-- "snippets/examples/(?P<file>\w+)\.py:(?P<section>reproduce-[\w-]+)"$')
# A number as a page writes it: digits, with thousands separators or a decimal point.
NUMBER = r"\d+(?:[.,]\d+)*"
HEADING_OR_BLOCK = re.compile(r'<h[1-6][ >]|<details class="example">\s*<summary>Run it yourself</summary>')
NOT_PROSE = re.compile(r'<div class="(?:language-\w+ )?highlight">.*?</pre></div>|<div class="page-output">.*?</div></div>', re.S)
ALT = re.compile(r'<img [^>]*alt="([^"]*)"')


def markdown_pages():
    return [source for _, source in nav_pages() if source.endswith(".md")]


def test_results_are_all_declared():
    assert set(SHOWS_NO_RESULT) <= set(OUTPUTS)
    assert all(reason.strip() for reason in SHOWS_NO_RESULT.values()), "say why an output has no result"


@pytest.mark.parametrize("source", markdown_pages())
def test_each_computed_figure_and_table_is_followed_by_its_run_it_yourself_block(source):
    lines = (DOCS / source).read_text().splitlines()
    problems = []
    for number, line in enumerate(lines):
        match = OUTPUT_REFERENCE.match(line)
        if match is None:
            continue
        name = match["table"] or match["figure"]
        if name not in OUTPUTS or name in SHOWS_NO_RESULT:
            continue
        following = number + 1
        while following < len(lines) and (not lines[following].strip() or OUTPUT_REFERENCE.match(lines[following])):
            following += 1  # the other figures and tables of the same group
        block = lines[following:following + 4]
        indent = match["indent"]
        if not block or block[0] != indent + RUN_IT_YOURSELF:
            problems.append(f"line {number + 1}: {name} is not followed by {RUN_IT_YOURSELF}")
            continue
        include = REPRODUCE_INCLUDE.match(block[2]) if len(block) > 3 else None
        if block[1].strip() != "```python" or include is None or block[3].strip() != "```":
            problems.append(f"line {following + 1}: the block after {name} is not one Python fence including a "
                            f'"snippets/examples/<page>.py:reproduce-…" section')
        elif include["file"] != Path(source).stem.replace("-", "_"):
            problems.append(f"line {following + 3}: includes from {include['file']}.py, not from this page's file")
    assert not problems, f"{source}:\n" + "\n".join(problems)


def visible_text(html):
    """What a reader reads in ``html``: text and the images' alt text, without code and code outputs."""
    html = NOT_PROSE.sub(" ", html)
    return html_lib.unescape(" ".join([pagecode.TAG.sub(" ", html), *ALT.findall(html)]))


def numbers_missing(printed, shown):
    """The numbers of ``printed`` (two characters or more) that ``shown`` does not contain, as written."""
    return sorted({number for number in re.findall(NUMBER, printed) if len(number) > 1
                   and not re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d]|[.,]\d)", shown)})


def reproduce_blocks(site, sources):
    for source in sources:
        html = built_html(site, source)
        for block in pagecode.python_blocks(html):
            if block.reproduces:
                yield source, html, block


def reproduce_problems(site, sources):
    """(number of Run it yourself blocks on ``sources`` of the built ``site``, what is wrong with them)."""
    problems, count = [], 0
    for source, html, block in reproduce_blocks(site, sources):
        count += 1
        name = pagecode.first_line(block.code)
        printed = pagecode.shown_output(html, block)
        if not re.search(r"\d", printed):
            problems.append(f"{source}, block starting {name!r}: prints no result")
            continue
        start = html.rfind("<details", 0, block.end)
        previous = [m.end() for m in HEADING_OR_BLOCK.finditer(html, 0, start)]
        shown = visible_text(html[previous[-1] if previous else 0:start])
        missing = numbers_missing(printed, shown)
        if missing:
            problems.append(f"{source}, block starting {name!r}: printed {missing}, which the figure or table "
                            f"before it does not show")
    return count, problems


def test_every_run_it_yourself_block_prints_the_numbers_its_figure_or_table_shows(site):
    count, problems = reproduce_problems(site, markdown_pages())
    assert count >= 40, f"only {count} Run it yourself blocks on the site"
    assert not problems, "\n".join(problems)


def test_numbers_are_compared_as_the_page_writes_them():
    assert numbers_missing("accuracy 97.3%, 1,000 images, epoch 7", "97.3% on 1,000 images") == []
    assert numbers_missing("accuracy 97.3%", "97.35%") == ["97.3"]
    assert numbers_missing("accuracy 97.3%", "a 197.3") == ["97.3"]
    assert numbers_missing("N = 1,000", "N = 1000") == ["1,000"]
