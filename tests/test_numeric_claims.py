"""Every number a page states in its prose or alt text is one the build computed, or is a
given that this file names and justifies.

The numbers that look measured are checked: decimals ("0.373", "1.28"), percentages ("89.3%")
and numbers with a thousands separator ("2,311"). Each must appear, written the same way, in
what the build wrote onto the same page: the outputs it includes (tables, sentences written
from results) and the printed outputs of its code blocks. A number that is not a result (a setting of an experiment, a historical fact, a
threshold a definition uses) is listed in GIVEN with the reason, and where it follows from
the code, with a function that computes it, so that the page cannot drift from the code.
"""

import html as html_lib
import re

import pytest

from conftest import ROOT
from snippets.neuron import count_parameters
from snippets.sitebuild import pagecode
from test_page_code import built_html
from test_reproduce import markdown_pages, visible_text

CLAIM = re.compile(r"(?<![\w.,])(?:\d+(?:,\d{3})*\.\d+%?|\d+(?:,\d{3})*%|\d{1,3}(?:,\d{3})+)(?![.,]?\d)")
OUTPUT_PANEL = re.compile(r'<div class="page-output">.*?</div></div>', re.S)
TABLE = re.compile(r"<table>.*?</table>", re.S)
INLINE_CODE = re.compile(r"<code>.*?</code>", re.S)
# Math as the build typeset it (numbers in formulas are not claims), and stylesheets.
MATH = re.compile(r"<math\b.*?</math>|<style\b.*?</style>", re.S)
OUTPUT_INCLUDE = re.compile(r'^ *--8<-- "(outputs/[^"]+)"$', re.M)
GENERATED = ROOT / ".cache" / "generated"  # where the build writes the outputs that pages include

MNIST = "MNIST's size: 60,000 training and 10,000 test images, 70,000 in all"
SETTING = "a setting of the experiment, which its Run it yourself block or shown call states"
GIVEN = {
    "index.md": {"60,000": MNIST},
    "chapters/neural-networks.md": {
        "15.3%": "history: AlexNet's top-5 error in ImageNet 2012 (Krizhevsky et al.)",
        "26.2%": "history: the best ImageNet 2012 entry built on hand-made features",
        "70,000": MNIST,
    },
    "chapters/activation-functions.md": {
        "1%": "the definition of a saturated unit: derivative below 0.01",
        "1,000": SETTING,
        "200,001": SETTING,
    },
    "chapters/forward-propagation.md": {"1,000": SETTING},
    "chapters/loss-functions.md": {"6,400": "an example batch size in an argument, not a measurement"},
    "chapters/gradient-descent.md": {
        "0.002": lambda: f"{0.201 - 0.199:.3f}",  # the gap between the table's two learning rates
    },
    "chapters/backpropagation.md": {
        "0.5": "the answer halfway between the targets 0 and 1",
        "0.25": lambda: f"{0.5 ** 2:.2f}",  # the squared error of that answer, for either target
        "1,000": SETTING,
        "60,000": MNIST,
    },
    "practice/hyperparameters.md": {
        "1,000": SETTING,
        "10,000": SETTING,
        "5,000": "the validation images that the book's MNIST split holds out",
    },
    "practice/regularization.md": {
        "670,000": lambda: f"{round(count_parameters([784, 512, 512, 10]), -4):,}",
        "90%": "a round level the measured 89.3% next to it lies just below",
        "0.3": "the range of weights the histogram plots, an axis limit",
    },
    "practice/deep-networks.md": {"60,000": MNIST, "10,000": MNIST},
    "practice/network-types.md": {"1,000": SETTING},
    "exercises/index.md": {
        "2,000": "the checker's limit on the printed output it reports (snippets.check)",
        "2,048": "the checker's memory limit in MB (snippets.check)",
    },
    "exercises/activation-comparison.md": {
        "0.1": SETTING,
        "1,000": SETTING,
        "10,000": SETTING,
        "10%": "chance level: one of ten digits",
    },
    "exercises/mlp-from-scratch.md": {"55,000": "MNIST's training images without the 5,000 kept for validation"},
}


def stated_and_computed(site, source):
    """(numbers the page states in prose and alt text, text the build computed onto the page)."""
    html = built_html(site, source)
    article = html[html.index("<article"):html.index("</article>")]
    included = [(GENERATED / name).read_text() for name in OUTPUT_INCLUDE.findall((ROOT / "docs" / source).read_text())]
    computed = " ".join(OUTPUT_PANEL.findall(article) + TABLE.findall(article) + included)
    prose = visible_text(INLINE_CODE.sub(" ", TABLE.sub(" ", MATH.sub(" ", article))))
    return set(CLAIM.findall(prose)), html_lib.unescape(pagecode.TAG.sub(" ", computed))


def test_given_numbers_say_why_or_are_computed():
    for page, numbers in GIVEN.items():
        for number, why in numbers.items():
            if callable(why):
                assert why() == number, f"{page}: the page says {number}, the code gives {why()}"
            else:
                assert why.strip(), f"{page}: say why {number} is given"


@pytest.mark.parametrize("source", markdown_pages())
def test_every_stated_number_was_computed_or_is_given(site, source):
    stated, computed = stated_and_computed(site, source)
    given = GIVEN.get(source, {})
    unexplained = sorted(number for number in stated
                         if number not in given and not re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d]|[.,]\d)", computed))
    assert not unexplained, (f"{source} states {unexplained}, which no table or printed output of the page shows; "
                             f"print it from the build, or add it to GIVEN with the reason")
    stale = sorted(set(given) - stated)
    assert not stale, f"{source}: GIVEN lists {stale}, which the page no longer states"


def test_claims_are_found_as_written():
    assert CLAIM.findall("at 89.3% after 2,311 steps of η = 0.05, in 3 epochs, 28 × 28") == ["89.3%", "2,311", "0.05"]
    assert CLAIM.findall("version 1.2.3, item 12,34") == []
