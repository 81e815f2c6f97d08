"""Link checker over the built HTML: every internal link, anchor, script, stylesheet and image
resolves to a file of the site; no page loads anything from a third party; every figure in
an article has alternative text. External links are listed, not fetched (there is no
internet here): test-artifacts/external-links.txt, with a summary in test-artifacts/links.txt.
"""

from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"
BASE = "http://site.invalid/"  # pages are resolved as if served here; anything else is external
# Attributes that point somewhere, and whether the browser loads the target with the page.
LINKING = {("a", "href"): False, ("link", "href"): True, ("script", "src"): True, ("img", "src"): True,
           ("source", "src"): True, ("iframe", "src"): True, ("video", "src"): True, ("audio", "src"): True}
NO_ALT = "No description has been provided for this image"  # what nbconvert writes when a figure has none


class Page(HTMLParser):
    """One HTML file: its ids, its links (tag, attribute, value) and the <img>s inside <article>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.article_images, self.article_depth = set(), [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for attribute in ("href", "src"):
            if (tag, attribute) in LINKING and attrs.get(attribute) is not None:
                loaded = LINKING[tag, attribute] and not (tag == "link" and attrs.get("rel") in ("canonical",))
                self.links.append((tag, attribute, attrs[attribute], loaded))
        if tag == "article":
            self.article_depth += 1
        if tag == "img" and self.article_depth:
            self.article_images.append(attrs)

    def handle_endtag(self, tag):
        if tag == "article":
            self.article_depth -= 1

    handle_startendtag = handle_starttag


def parse(path):
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def page_url(site, path):
    return BASE + path.relative_to(site).as_posix()


def target_file(site, url):
    """The file of ``site`` that a URL under BASE serves (directory URLs serve index.html)."""
    relative = unquote(urlsplit(url).path)[len(urlsplit(BASE).path):]
    path = site / relative
    return path / "index.html" if relative == "" or relative.endswith("/") or path.is_dir() else path


@pytest.fixture(scope="module")
def pages(site):
    return {path: parse(path) for path in sorted(site.rglob("*.html"))}


def check(site, pages):
    """Resolve every link of every page: (broken, external, counts).

    ``broken`` lists problems, one line each; ``external`` maps each URL on another site to
    the pages linking to it; ``counts`` says how much was checked.
    """
    broken, external = [], defaultdict(set)
    counts = {"pages": len(pages), "links": 0, "anchors": 0, "images": 0, "inline images": 0}
    for path, page in pages.items():
        here = page_url(site, path)
        for tag, attribute, value, loaded in page.links:
            where = f"{path.relative_to(site)}: <{tag} {attribute}={value!r}>"
            scheme = urlsplit(value).scheme
            if scheme == "data":
                counts["inline images"] += tag == "img"
                continue
            url = urljoin(here, value)
            if not url.startswith(BASE):  # another site (http:, https:, mailto:, //host)
                external[url].add(str(path.relative_to(site)))
                if loaded:
                    broken.append(f"{where}: loads a third-party resource")
                continue
            counts["links"] += 1
            counts["images"] += tag == "img"
            target = target_file(site, url)
            if not target.is_file():
                broken.append(f"{where}: no file {target.relative_to(site)}")
                continue
            fragment = unquote(urlsplit(url).fragment)
            if fragment and target.suffix == ".html":
                counts["anchors"] += 1
                if fragment not in pages[target].ids:
                    broken.append(f"{where}: no id {fragment!r} in {target.relative_to(site)}")
    return broken, external, counts


@pytest.fixture(scope="module")
def checked(site, pages):
    broken, external, counts = check(site, pages)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "external-links.txt").write_text("".join(
        f"{url}\t{', '.join(sorted(found_on))}\n" for url, found_on in sorted(external.items())))
    (ARTIFACTS / "links.txt").write_text(
        "".join(f"{name}: {count}\n" for name, count in counts.items())
        + f"external links (listed, not fetched): {len(external)}\n")
    return broken, external, counts


def test_every_internal_link_anchor_and_image_resolves(checked):
    broken, _, counts = checked
    assert broken == []
    assert counts["pages"] >= 15 and counts["anchors"] > 100 and counts["images"] >= 10


def test_no_page_loads_anything_from_a_third_party(checked):
    broken, external, _ = checked
    assert [problem for problem in broken if "third-party" in problem] == []
    # Links to other sites are fine to follow, and listed for a person to review.
    assert (ARTIFACTS / "external-links.txt").read_text().count("\n") == len(external)


def test_checker_finds_broken_links_anchors_and_third_party_resources(tmp_path):
    """Control: the checker is not vacuous."""
    (tmp_path / "page").mkdir()
    (tmp_path / "page/index.html").write_text('<h2 id="here">x</h2>')
    (tmp_path / "index.html").write_text(
        '<a href="page/">ok</a> <a href="page/#here">ok</a> <a href="page/#missing">anchor</a> '
        '<a href="nothing/">page</a> <img src="figures/none.svg" alt="x"> <a href="https://example.org/">ok</a> '
        '<script src="https://cdn.example.org/x.js"></script>')
    broken, external, counts = check(tmp_path, {path: parse(path) for path in sorted(tmp_path.rglob("*.html"))})
    assert broken == [
        "index.html: <a href='page/#missing'>: no id 'missing' in page/index.html",
        "index.html: <a href='nothing/'>: no file nothing/index.html",
        "index.html: <img src='figures/none.svg'>: no file figures/none.svg",
        "index.html: <script src='https://cdn.example.org/x.js'>: loads a third-party resource",
    ]
    assert sorted(external) == ["https://cdn.example.org/x.js", "https://example.org/"]
    assert counts == {"pages": 2, "links": 5, "anchors": 2, "images": 1, "inline images": 0}


def test_every_figure_in_an_article_has_alternative_text(pages, site):
    images = [(path, attrs) for path, page in pages.items() for attrs in page.article_images]
    missing = [f"{path.relative_to(site)}: {attrs.get('src', '')[:60]}" for path, attrs in images
               if not (attrs.get("alt") or "").strip() or attrs.get("alt") == NO_ALT]
    assert missing == []
    assert len(images) >= 10
    with (ARTIFACTS / "links.txt").open("a") as summary:
        summary.write(f"images in articles, each with alt text: {len(images)}\n")


def test_every_notebook_page_publishes_its_notebook(site):
    """mkdocs-jupyter (include_source: true) puts the .ipynb next to its page, for the download link."""
    notebooks = sorted((ROOT / "docs").rglob("*.ipynb"))
    assert notebooks
    for notebook in notebooks:
        page = notebook.relative_to(ROOT / "docs").with_suffix("")
        published = site / page / notebook.name
        assert published.read_bytes() == notebook.read_bytes()
        # nbconvert's MathJax 2 configuration is stripped by the build hook (it throws after instant navigation).
        assert "text/x-mathjax-config" not in (site / page / "index.html").read_text()


def test_the_trained_models_are_published(site):
    assert (site / "models/mnist-mlp.npz").is_file()
    assert 0 < (site / "models/mnist-mlp-demo.bin").stat().st_size <= 500_000
    assert Path(site / "chapters/mnist-project/index.html").read_text().count('class="digit-demo"') == 1
