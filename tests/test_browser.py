"""The built site in a real browser (headless Chromium): math typesets with no network,
figures load, nothing logs an error, and instant navigation re-typesets math.

Screenshots of every page are saved in test-artifacts/screenshots/ for a person to look at.
"""

import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests, but Chromium is missing at {CHROMIUM} (apt-get install chromium)")
    pytest.skip("Chromium is not installed (apt-get install chromium); CI installs it and runs these tests",
                allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# Every page, as its URL path: docs/chapters/x.md -> chapters/x/, docs/index.md -> "".
PAGES = sorted(
    "" if path.stem == "index" else f"{path.relative_to(ROOT / 'docs').with_suffix('').as_posix()}/"
    for pattern in ("*.md", "*.ipynb")
    for path in (ROOT / "docs").rglob(pattern)
)
MATH = ".arithmatex, .jp-MarkdownOutput"  # where pages (Markdown, notebooks) keep their math
# Chromium must not try to reach Google's services: this machine has no internet.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-quic", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    # Any request leaving 127.0.0.1 is a bug: readers may be offline, and we promise no third parties.
    page.on("request", lambda request: request.url.startswith(site_url) or request.url.startswith("data:")
            or page.errors.append(f"external request: {request.url}"))
    yield page
    context.close()


def wait_for_math(page):
    """Wait until MathJax has typeset the page: every arithmatex element holds visible output.

    A width of zero means MathJax ran but its font rules are missing: blank math.
    """
    page.wait_for_function(
        """() => [...document.querySelectorAll('.arithmatex')].every(e => {
               const math = e.querySelector('mjx-container mjx-math');
               return math && math.getBoundingClientRect().width > 0; })
             && document.querySelectorAll('article mjx-container').length > 0""",
        timeout=20_000,
    )
    blank = page.evaluate("""() => [...document.querySelectorAll('mjx-c')]
        .filter(c => getComputedStyle(c, '::before').content === 'none').length""")
    assert blank == 0, f"{blank} math characters have no glyph"


def raw_tex_left(page):
    """Math delimiters still visible in the text of the page's math-bearing elements."""
    text = page.evaluate(f"""() => [...document.querySelectorAll('{MATH}')].map(element => {{
        const copy = element.cloneNode(true);
        copy.querySelectorAll('code, pre').forEach(code => code.remove());  // "$HOME" in code is not math
        return copy.textContent; }}).join(' ')""")
    return [marker for marker in ("\\(", "\\[", "$") if marker in text]


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_math_and_images_without_errors(page, site_url, path):
    page.goto(site_url + path, wait_until="networkidle")
    if page.locator(MATH).count():
        wait_for_math(page)
    assert raw_tex_left(page) == []
    broken = page.evaluate("() => [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
    assert broken == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{path.strip('/').replace('/', '-') or 'index'}.png", full_page=True)
    assert page.errors == []


def test_math_is_typeset_after_instant_navigation(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    page.click("nav.md-nav a[href$='chapters/activation-functions/']")
    page.wait_for_url("**/chapters/activation-functions/")
    wait_for_math(page)
    assert page.locator("article mjx-container").count() > 20
    assert raw_tex_left(page) == []
    page.click("nav.md-nav a[href$='notation/']")  # and onwards, to a second page
    page.wait_for_url("**/notation/")
    wait_for_math(page)
    assert raw_tex_left(page) == []
    assert page.errors == []
