"""The built site in a real browser (headless Chromium), the way a reader meets it: math
typesets with no network, figures load, nothing logs an error, instant navigation
re-typesets math, search finds chapters, the dark theme switches, and notebook pages
offer their .ipynb and (when the repository is known) an "Open in Colab" link.

Screenshots of every page (and a few in the dark theme) are saved in
test-artifacts/screenshots/ for a person to look at.
"""

import json
import re
import shutil
import subprocess
import time

import pytest
from playwright.sync_api import expect

from chromium import (MATH, browser, load_lazy_images, math_wider_than_the_column, navigate_instantly,  # noqa: F401
                      open_page, page, raw_tex_left, screenshot, tables_wider_than_the_column, wait_for_scripts,
                      untypeset_in_opened_blocks, wait_for_math)
from conftest import ROOT, serve_directory, strict_build

# Every page, as its URL path: docs/chapters/x.md -> chapters/x/, docs/x/index.md -> x/, docs/index.md -> "".
PAGES = sorted(
    f"{path.relative_to(ROOT / 'docs').with_suffix('').as_posix()}/".removesuffix("index/")
    for pattern in ("*.md", "*.ipynb")
    for path in (ROOT / "docs").rglob(pattern)
)
NOTEBOOK = "chapters/mnist-project/"


def screenshot_name(path):
    return path.strip("/").replace("/", "-") or "index"


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_math_and_images_without_errors(page, site_url, path):
    page.goto(site_url + path, wait_until="networkidle")
    if page.locator(MATH).count():
        wait_for_math(page)
    assert raw_tex_left(page) == []
    assert math_wider_than_the_column(page) == []  # at 1280 pixels, with both sidebars shown
    assert tables_wider_than_the_column(page) == []
    screenshot(page, screenshot_name(path))
    assert untypeset_in_opened_blocks(page) == []
    load_lazy_images(page)
    broken = page.evaluate("() => [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
    assert broken == []
    assert page.errors == []


def test_math_is_typeset_after_instant_navigation(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    navigate_instantly(page, "nav.md-nav a[href$='chapters/activation-functions/']", "**/chapters/activation-functions/")
    wait_for_math(page)
    assert page.locator("article math").count() > 20
    assert raw_tex_left(page) == []
    navigate_instantly(page, "nav.md-nav a[href$='notation/']", "**/notation/")  # and onwards, to a second page
    wait_for_math(page)
    assert raw_tex_left(page) == []
    assert page.errors == []


def test_notebook_math_is_typeset_after_instant_navigation(page, site_url):
    page.goto(site_url + "notation/", wait_until="networkidle")
    navigate_instantly(page, f"nav.md-nav a[href$='{NOTEBOOK}']", f"**/{NOTEBOOK}")  # notebooks write $...$
    wait_for_math(page)
    page.wait_for_timeout(1000)  # no more typesetting to come
    assert raw_tex_left(page) == []
    assert page.errors == []


@pytest.mark.parametrize("arrive", ["load", "instant navigation"])
def test_every_code_block_has_a_copy_button_that_copies_exactly_its_code(browser, site, site_url, arrive):
    page = open_page(browser, site_url, site, permissions=["clipboard-read", "clipboard-write"])
    if arrive == "load":
        page.goto(site_url + "practice/regularization/", wait_until="networkidle")
    else:
        page.goto(site_url + "notation/", wait_until="networkidle")
        navigate_instantly(page, "nav.md-nav a[href$='practice/regularization/']", "**/practice/regularization/")
    blocks = page.locator("article div.highlight pre:has(> code)")
    count = blocks.count()
    assert count > 20
    expect(page.locator("article div.highlight pre > nav.md-code__nav button.md-code__button")).to_have_count(count)
    last = page.locator("article div.highlight pre:has(> code):visible").last  # far down the page
    last.scroll_into_view_if_needed()
    button = last.locator("button.md-code__button")
    expect(button).to_have_attribute("title", "Copy to clipboard")
    last.hover()  # the button shows on hover (and on focus)
    button.click()
    assert page.evaluate("navigator.clipboard.readText()").strip() == last.locator("code").inner_text().strip()
    assert page.errors == []
    page.context.close()


def test_search_finds_the_backpropagation_chapter(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    page.click("input.md-search__input")
    page.keyboard.type("backpropagation")  # Material searches on key presses
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=10_000)
    assert first.get_attribute("href").split("?")[0] == f"{site_url}chapters/backpropagation/"  # ?h= highlights the term
    assert "Backpropagation" in first.inner_text()
    first.click()
    page.wait_for_url("**/chapters/backpropagation/**")
    expect(page.locator(".md-content article h1")).to_have_text(re.compile("^Backpropagation"))
    wait_for_math(page)  # the chapter shown by instant navigation from the search results is typeset
    assert raw_tex_left(page) == []
    assert page.errors == []


def scheme(page):
    return page.evaluate("document.body.dataset.mdColorScheme")


def background_luminance(page):
    """Relative luminance (0 black .. 1 white) of the page background."""
    rgb = page.evaluate("getComputedStyle(document.body).backgroundColor")
    r, g, b = (int(v) / 255 for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("path", ["chapters/backpropagation/", NOTEBOOK])
def test_dark_mode_toggle_switches_the_theme_and_is_remembered(page, site_url, path):
    page.goto(site_url + path, wait_until="networkidle")
    assert scheme(page) == "default" and background_luminance(page) > 0.9
    page.click("label[title='Switch to dark mode']")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert background_luminance(page) < 0.2
    page.reload(wait_until="networkidle")  # the choice is stored: the next page opens dark
    assert scheme(page) == "slate"
    wait_for_math(page)
    screenshot(page, f"dark-{screenshot_name(path)}")
    # Figures keep their white card in the dark theme, so their colours read the same.
    load_lazy_images(page)
    figure = page.locator("article img").first
    assert figure.evaluate("img => img.naturalWidth") > 0
    page.click("label[title='Switch to light mode']")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    assert page.errors == []


# ---- notebook pages: download and Colab -------------------------------------------------

def test_notebook_page_offers_its_notebook_for_download(page, site_url):
    page.goto(site_url + NOTEBOOK, wait_until="networkidle")
    links = page.locator("article .notebook-links")
    assert links.count() == 1
    download = links.get_by_role("link", name="Download the notebook")
    href = download.get_attribute("href")
    assert href == f"{site_url}{NOTEBOOK}mnist-project.ipynb"
    assert download.get_attribute("download") is not None
    served = page.evaluate("url => fetch(url).then(r => r.text())", href)
    assert served == (ROOT / "docs/chapters/mnist-project.ipynb").read_text()
    assert json.loads(served)["nbformat"] == 4
    # This build has no repo_url (REPO_URL is only set by the deploy workflow): no Colab link, not a broken one.
    assert page.locator("a.md-source").count() == 0
    assert links.get_by_role("link", name="Open in Colab").count() == 0
    # Below the notebook's title, and only once, also after instant navigation back to the page.
    assert page.evaluate("document.querySelector('.md-content article h1').nextElementSibling.className") == "notebook-links"
    navigate_instantly(page, "nav.md-nav a[href$='notation/']", "**/notation/")
    expect(page.locator(".notebook-links")).to_have_count(0)
    navigate_instantly(page, f"nav.md-nav a[href$='{NOTEBOOK}']", f"**/{NOTEBOOK}")
    expect(page.locator(".notebook-links")).to_have_count(1)
    assert page.errors == []


@pytest.fixture(scope="module")
def site_with_repository(tmp_path_factory):
    """A small site with one notebook, built as the deploy workflow builds: with a GitHub repo_url."""
    root = tmp_path_factory.mktemp("repo-site")
    docs = root / "docs"
    for folder in ("javascripts", "stylesheets"):
        shutil.copytree(ROOT / "docs" / folder, docs / folder)
    (docs / "index.md").write_text("# Home\n")
    notebook = {"cells": [{"cell_type": "markdown", "id": "title", "metadata": {}, "source": "# A notebook"},
                          {"cell_type": "code", "id": "code", "metadata": {}, "source": "1 + 1",
                           "outputs": [], "execution_count": None}],
                "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
                "nbformat": 4, "nbformat_minor": 5}
    (docs / "part").mkdir()
    (docs / "part/small-notebook.ipynb").write_text(json.dumps(notebook))
    (docs / "part/code-page.md").write_text(
        '# A page with code\n\n```python\n--8<-- "snippets/examples/neural_networks.py:setup"\n```\n\n'
        '```python\n--8<-- "snippets/neuron.py:neuron"\n```\n\n'
        '```python\n--8<-- "snippets/examples/neural_networks.py:neuron"\n```\n')
    (docs / "part/starter-page.md").write_text(
        "# A mini-assignment\n\n[Download mlp_from_scratch.ipynb](../downloads/mlp_from_scratch.ipynb)"
        '{ .md-button .starter-notebook download="mlp_from_scratch.ipynb" }\n')
    strict_build(root / "site", docs_dir=str(docs), repo_url="https://github.com/example-owner/example-book",
                 nav=[{"Home": "index.md"}, {"Notebook": "part/small-notebook.ipynb"}, {"Code": "part/code-page.md"},
                      {"Starter": "part/starter-page.md"}])
    with serve_directory(root / "site") as url:
        yield url


def test_colab_link_opens_the_notebook_from_the_repository(browser, site_with_repository):
    page = open_page(browser, site_with_repository)
    # Material asks GitHub's API for the repository's stars; there is no internet here.
    page.route("https://api.github.com/**", lambda route: route.fulfill(json={}))
    page.goto(site_with_repository + "part/small-notebook/", wait_until="networkidle")
    colab = page.locator("article .notebook-links").get_by_role("link", name="Open in Colab")
    assert colab.get_attribute("href") == ("https://colab.research.google.com/github/example-owner/example-book"
                                           "/blob/main/docs/part/small-notebook.ipynb")
    download = page.get_by_role("link", name="Download the notebook").get_attribute("href")
    assert download == site_with_repository + "part/small-notebook/small-notebook.ipynb"
    assert page.evaluate("url => fetch(url).then(r => r.ok)", download)
    assert [error for error in page.errors if "api.github.com" not in error] == []
    page.context.close()


def test_setup_box_installs_from_the_repository_and_opens_the_page_code_in_colab(browser, site_with_repository):
    page = open_page(browser, site_with_repository)
    page.route("https://api.github.com/**", lambda route: route.fulfill(json={}))
    page.goto(site_with_repository + "part/code-page/", wait_until="networkidle")
    box = page.locator("article .admonition.example")
    expect(box).to_contain_text('pip install "nn-textbook @ git+https://github.com/example-owner/example-book.git"')
    download = box.get_by_role("link", name="Download code-page.ipynb")
    assert download.get_attribute("download") is not None
    notebook = page.evaluate("url => fetch(url).then(r => r.json())", download.evaluate("a => a.href"))
    assert "".join(notebook["cells"][-1]["outputs"][0]["text"]).startswith("z = 0.80, a = 0.6900")
    colab = box.get_by_role("link", name="Open in Colab")
    assert colab.get_attribute("href") == ("https://colab.research.google.com/github/example-owner/example-book"
                                           "/blob/notebooks/part/code-page/code-page.ipynb")
    assert page.locator(".page-output").first.inner_text().split()[:3] == ["Output", "z", "="]
    assert [error for error in page.errors if "api.github.com" not in error] == []
    page.context.close()


def test_a_starter_notebook_opens_in_colab_from_the_notebooks_branch(browser, site_with_repository):
    page = open_page(browser, site_with_repository)
    page.route("https://api.github.com/**", lambda route: route.fulfill(json={}))
    page.goto(site_with_repository + "part/starter-page/", wait_until="networkidle")
    colab = page.locator("article").get_by_role("link", name="Open in Colab")
    assert colab.count() == 1 and colab.get_attribute("class") == "md-button starter-notebook"
    assert colab.get_attribute("href") == ("https://colab.research.google.com/github/example-owner/example-book"
                                           "/blob/notebooks/downloads/mlp_from_scratch.ipynb")
    assert [error for error in page.errors if "api.github.com" not in error] == []
    page.context.close()


def test_only_pages_with_math_fetch_the_math_font(page, site_url):
    fetched = "() => performance.getEntriesByType('resource').filter(e => e.name.endsWith('stix-two-math.woff2')).length"
    page.goto(site_url + "exercises/", wait_until="networkidle")  # a page without a formula
    assert page.locator("math").count() == 0 and page.evaluate(fetched) == 0
    page.goto(site_url + "chapters/backpropagation/", wait_until="networkidle")
    wait_for_math(page)
    assert page.evaluate(fetched) == 1


FALLBACK_MATH_FONT = "DejaVu Math TeX Gyre"  # Linux's math font (Debian's fonts-dejavu-extra, which .ci/run installs)
MATH_CHAPTERS = ("glossary/", "chapters/activation-functions/", "chapters/backpropagation/", "chapters/gradient-descent/")


def installed_font(family):
    """Whether fontconfig knows ``family``: the site's CSS can only reach a system font by its local() name."""
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=True).stdout
    return any(family in line.split(",") for line in listed.splitlines())


def formula_widths(page):
    return page.evaluate("[...document.querySelectorAll('math')].map(m => m.getBoundingClientRect().width)")


def test_until_the_math_font_arrives_formulas_take_the_room_they_will_take_in_it(browser, site_url):
    """The fallback face (extra.css) scales Linux's math font so that a formula is as wide in it as in STIX."""
    assert installed_font(FALLBACK_MATH_FONT), f"{FALLBACK_MATH_FONT} is missing: apt-get install fonts-dejavu-extra"
    for path in MATH_CHAPTERS:
        page = open_page(browser, site_url)
        page.goto(site_url + path, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        in_stix = formula_widths(page)
        page.context.close()
        page = open_page(browser, site_url)
        page.route("**/stix-two-math.woff2", lambda route: route.abort())
        page.goto(site_url + path, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")  # a local() face, too, may take a moment
        faces = page.evaluate("[...document.fonts].map(face => [face.family, face.status])")
        assert ["Math fallback: DejaVu", "loaded"] in faces, faces
        in_fallback = formula_widths(page)
        page.context.close()
        assert len(in_stix) == len(in_fallback) > 50
        ratios = sorted(stix / fallback for stix, fallback in zip(in_stix, in_fallback))
        median = ratios[len(ratios) // 2]
        assert 0.95 < median < 1.05, f"{path}: formulas are {median:.3f} times as wide in STIX as in the fallback"


def test_the_math_font_arriving_late_moves_nothing_on_a_phone(browser, site_url):
    """Layout shift (CLS) while the font is on its way, as on a slow phone link: held for 1.5 s here."""
    assert installed_font(FALLBACK_MATH_FONT), f"{FALLBACK_MATH_FONT} is missing: apt-get install fonts-dejavu-extra"
    for path in MATH_CHAPTERS:
        page = open_page(browser, site_url, viewport={"width": 412, "height": 823}, device_scale_factor=1.75)
        page.add_init_script("""window.layoutShift = 0; new PerformanceObserver(list => {
            for (const shift of list.getEntries()) window.layoutShift += shift.value;
        }).observe({type: 'layout-shift', buffered: true});""")
        page.route("**/stix-two-math.woff2", lambda route: (time.sleep(1.5), route.continue_()))
        page.goto(site_url + path, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_timeout(300)  # the swap's relayout is reported after the next frame
        assert page.evaluate("document.fonts.check('16px \"STIX Two Math\"')")
        shift = page.evaluate("window.layoutShift")
        page.context.close()
        assert shift < 0.05, f"{path}: the math font's swap shifts the page by {shift:.3f} (CLS)"


@pytest.mark.parametrize("width", [390, 1280])
def test_a_code_block_off_screen_reserves_exactly_the_height_it_will_take(browser, site_url, width):
    """Code blocks off screen are not laid out (content-visibility); each keeps the height of its
    lines meanwhile, so nothing moves when it comes into view and a link to a section lands on it."""
    page = open_page(browser, site_url, viewport={"width": width, "height": 800})
    for path in ("chapters/gradient-descent/", "practice/regularization/"):
        page.goto(site_url + path, wait_until="load")
        wait_for_scripts(page)  # the jumps below are the theme's (a jump before it starts is the browser's own)
        page.evaluate("document.fonts.ready.then(() => true)")
        skipped, wrong = page.evaluate("""() => {
            const blocks = [...document.querySelectorAll('article pre > code[data-columns]')];
            const skipped = blocks.filter(code => !code.checkVisibility({contentVisibilityAuto: true})).length;
            const wrong = blocks.map(code => {
                const reserved = code.getBoundingClientRect().height;
                code.style.contentVisibility = 'visible';
                const rendered = code.getBoundingClientRect().height;
                code.style.contentVisibility = '';
                return [reserved, rendered, code.textContent.slice(0, 40)]; })
              .filter(([reserved, rendered]) => Math.abs(reserved - rendered) > 1);
            return [skipped, wrong]; }""")
        assert skipped > 10 and wrong == [], (path, skipped, wrong)
        sections = page.evaluate("[...document.querySelectorAll('article h2[id]')].map(h => h.id)")
        landed = []
        for section in sections[-3:] + sections[:1]:
            page.evaluate(f"location.hash = '#{section}'")
            page.wait_for_timeout(300)
            landed.append(round(page.evaluate(f"document.getElementById('{section}').getBoundingClientRect().top")))
        assert len(set(landed)) == 1, (path, dict(zip(sections[-3:] + sections[:1], landed)))
    page.context.close()
