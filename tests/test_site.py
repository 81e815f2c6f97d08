"""The site itself: a strict build succeeds, pages contain what they include, and a
broken include fails the build."""

import re
from pathlib import Path

import pytest
from pymdownx.snippets import SnippetMissingError

from conftest import ROOT, strict_build
from snippets.figures import OUTPUTS
from test_page_code import built_html, nav_pages


def page(site, path):
    return (site / path / "index.html").read_text()


def test_strict_build_produces_every_page(site):
    assert (site / "index.html").is_file()
    for markdown in (ROOT / "docs").rglob("*.md"):
        relative = markdown.relative_to(ROOT / "docs").with_suffix("")
        html = site / ("index.html" if relative.name == "index" else relative / "index.html")
        assert html.is_file(), f"{markdown} was not built"


def test_every_registered_figure_is_published(site):
    for name in OUTPUTS:
        if Path(name).suffix in {".svg", ".png"}:
            assert (site / name).stat().st_size > 1000, name


def test_math_is_typeset_by_the_build_and_pages_load_no_math_script(site):
    html = page(site, "chapters/activation-functions")
    sources = re.findall(r'<script src="([^"]+)"', html)
    assert not [src for src in sources if "mathjax" in src.lower()], sources
    assert not [src for src in sources if src.startswith(("http:", "https:", "//"))], sources
    assert not (site / "assets/mathjax").exists()
    assert html.count("<math") == html.count('class="arithmatex"') > 20
    # The math font is published where the stylesheet's @font-face points (relative to the stylesheet).
    assert 'url("../assets/math/stix-two-math.woff2")' in (site / "stylesheets/extra.css").read_text()
    font = site / "assets/math/stix-two-math.woff2"
    assert 10_000 < font.stat().st_size < 100_000  # cut down from 1.5 MB to what the formulas use


@pytest.mark.parametrize("source", [source for _, source in nav_pages()])
def test_every_formula_is_mathml_core(site, source):
    html = built_html(site, source)
    formulas = re.findall(r"<math\b.*?</math>", html, re.S)
    assert html.count("<math") == len(formulas)
    assert not [math for math in formulas if re.search(r"mathvariant=\"(?!normal)|columnalign|data-mjx|tabindex", math)]


def test_chapter_shows_math_snippet_code_figure_and_build_outputs(site):
    html = page(site, "chapters/activation-functions")
    assert html.count('class="arithmatex"') > 20
    assert "def</span><span class=\"w\"> </span><span class=\"nf\">sigmoid</span>" in html
    assert "--8&lt;--" not in html and "--8<--" not in html  # no marker or include line leaks
    assert 'src="../../figures/activation-functions.svg"' in html
    assert "largest absolute difference" in html  # table written by the build


def test_the_mnist_page_measures_its_training_against_the_gemm_limit(site):
    """The "How fast" section's table is the build's own run: its NumPy time is the training's,
    and its share is the limit over that time."""
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page(site, "chapters/mnist-project")))
    took = float(re.search(r"15 epochs of 55,000 images took ([0-9.]+) s of training", text)[1])
    gflops, limit = re.search(r"the step's matrix products alone \(([0-9,]+) GFLOP/s\) ([0-9.]+) 100%", text).groups()
    seconds, share = re.search(r"this page's training, in NumPy ([0-9.]+) ([0-9]+)%", text).groups()
    assert abs(float(seconds) - took) <= 0.051 and int(gflops.replace(",", "")) > 0  # shown to 0.01 s and 0.1 s
    assert 0 < int(share) <= 100 and abs(int(share) - 100 * float(limit) / float(seconds)) <= 1


def test_no_page_has_a_hand_written_python_block():
    """Python shown on a page must be included from snippets/, where it is tested."""
    for markdown in (ROOT / "docs").rglob("*.md"):
        blocks = re.findall(r"^```(?:python|py)\n(.*?)^```", markdown.read_text(), flags=re.M | re.S)
        for block in blocks:
            assert block.strip().startswith("--8<--"), f"{markdown}: code not from a snippet:\n{block}"


@pytest.mark.parametrize(
    "include, message",
    [
        ('"snippets/activations.py:no_such_section"', "no_such_section"),
        ('"snippets/no_such_module.py"', "no_such_module.py"),
    ],
)
def test_broken_snippet_include_fails_the_strict_build(tmp_path, include, message):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(f"# Page\n\n```python\n--8<-- {include}\n```\n")
    with pytest.raises(SnippetMissingError, match=message):
        strict_build(tmp_path / "site", docs_dir=str(docs), nav=[{"Home": "index.md"}])


def test_a_good_include_in_the_same_setup_builds(tmp_path):
    """Control for the test above: the failure is the include, not the setup."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text('# Page\n\n```python\n--8<-- "snippets/activations.py:relu"\n```\n')
    strict_build(tmp_path / "site", docs_dir=str(docs), nav=[{"Home": "index.md"}])
    assert "relu_grad" in (tmp_path / "site/index.html").read_text()


def test_python_files_under_docs_do_not_become_pages(tmp_path):
    """mkdocs-jupyter would render a .py under docs/ as a notebook page unless told not to."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Page\n")
    (docs / "helper.py").write_text("print('not a page')\n")
    strict_build(tmp_path / "site", docs_dir=str(docs), nav=[{"Home": "index.md"}])
    assert not (tmp_path / "site/helper/index.html").exists()
    assert not (tmp_path / "site/helper.html").exists()


@pytest.mark.parametrize("source", [source for _, source in nav_pages()])
def test_every_image_has_its_size_so_the_text_does_not_jump(site, source):
    article = built_html(site, source).split("<article", 1)[1].split("</article>", 1)[0]
    images = re.findall(r"<img\b[^>]*>", article)
    unsized = [tag[:120] for tag in images if not (re.search(r'\swidth="\d+"', tag) and re.search(r'\sheight="\d+"', tag))]
    assert not unsized
