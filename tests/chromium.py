"""Headless Chromium for the browser tests (test_browser.py, test_demo.py): fixtures and helpers.

Importing this module skips the importing test module when Chromium is missing, except
in CI, where a missing Chromium is a failure: CI must run the browser tests.
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

from playwright.sync_api import Page, sync_playwright  # noqa: E402

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
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


@pytest.fixture(scope="module")
def report(request):
    """Lines for the test module's ``REPORT`` file (under test-artifacts/), written when its tests are done."""
    lines = []
    yield lines
    path = request.module.REPORT
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in lines))


def sitemap(site_dir, site_url):
    """The sitemap.xml that a build with ``site_url`` set writes: every page of ``site_dir``, at ``site_url``.

    Material's instant navigation only intercepts links to pages its sitemap lists, and a
    build without site_url (local and test builds; only the deploy sets SITE_URL) lists
    none: served as built, every click would be a full page load.
    """
    pages = sorted(path.parent.relative_to(site_dir).as_posix() for path in Path(site_dir).rglob("index.html"))
    urls = "".join(f"<url><loc>{site_url}{'' if page == '.' else page + '/'}</loc></url>" for page in pages)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def open_page(browser, site_url, site_dir=None, **context_options):
    """A new page whose ``errors`` collects console errors, page errors and requests leaving ``site_url``.

    Given the built ``site_dir``, the page gets the sitemap of a deployed build, so that
    instant navigation works as it does on the published site.
    """
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context_options})
    page = context.new_page()
    if site_dir is not None:
        page.route(f"{site_url}sitemap.xml", lambda route: route.fulfill(
            body=sitemap(site_dir, site_url), content_type="application/xml"))
    page.errors = []
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    # Any request leaving 127.0.0.1 is a bug: readers may be offline, and we promise no third parties.
    page.on("request", lambda request: request.url.startswith(site_url) or request.url.startswith("data:")
            or page.errors.append(f"external request: {request.url}"))
    return page


@pytest.fixture
def page(browser, site, site_url):
    page = open_page(browser, site_url, site)
    yield page
    page.context.close()


def screenshot(target, name, full_page=True):
    """Save a PNG of a page (the whole of it unless told otherwise) or of one element (a Locator)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    options = {"full_page": full_page} if isinstance(target, Page) else {}
    target.screenshot(path=SCREENSHOTS / f"{name}.png", **options)


def wait_for_scripts(page):
    """Wait until the theme and the site's scripts have started, which they do after the page's
    first paint (snippets/sitebuild/first_load.py): the last of them names the search dialog."""
    page.wait_for_function("document.querySelector('.md-search[aria-label]') !== null", timeout=20_000)


def wait_for_math(page):
    """Wait until the page's math shows: every arithmatex element holds the build's MathML, laid
    out (a width of zero would mean a browser that does not lay out MathML), and the math font
    has arrived; then check that the font draws every character of every formula.

    Instant navigation brings the new page's formulas with its article.
    """
    page.wait_for_function(
        """() => [...document.querySelectorAll('.arithmatex')].every(e => {
               const math = e.querySelector('math');
               return math && math.getBoundingClientRect().width > 0; })
             && document.querySelectorAll('article math').length > 0""",
        timeout=20_000,
    )
    page.evaluate("document.fonts.ready.then(() => true)")
    missing = other_fonts_in_math(page)
    assert missing == {}, f"characters the math font does not draw: {missing}"


def other_fonts_in_math(page):
    """{font: text} for each font other than the site's math font that draws text in a formula.

    Chromium reports, through its DevTools protocol, which fonts drew a node's text: a
    character that the cut-down math font lacks falls back to a system font and shows here.
    """
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    tokens = session.send("DOM.querySelectorAll", {"nodeId": root, "selector": "article math :is(mi, mn, mo, mtext)"})
    others = {}
    for node in tokens["nodeIds"]:
        for font in session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            if font["familyName"] != "STIX Two Math":
                text = session.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"]
                others.setdefault(font["familyName"], []).append(text)
    session.detach()
    return others


def load_lazy_images(page):
    """Scroll each visible image into view, as a reader would, so lazily loaded ones load; wait for them."""
    page.evaluate("""async () => {
        for (const image of [...document.images].filter(image => image.checkVisibility())) {
            image.scrollIntoView();
            if (!image.complete) await Promise.race([new Promise(done => {
                image.addEventListener('load', done, {once: true});
                image.addEventListener('error', done, {once: true}); }),
                new Promise(done => setTimeout(done, 10000))]);
        }
        window.scrollTo(0, 0); }""")


def raw_tex_left(page):
    """Math delimiters still visible in the text of the page's math-bearing elements."""
    text = page.evaluate(f"""() => [...document.querySelectorAll('{MATH}')].map(element => {{
        const copy = element.cloneNode(true);
        copy.querySelectorAll('code, pre').forEach(code => code.remove());  // "$HOME" in code is not math
        return copy.textContent; }}).join(' ')""")
    return [marker for marker in ("\\(", "\\[", "$") if marker in text]


def untypeset_in_opened_blocks(page):
    """Open every collapsed block and tab; return what in them is not typeset math.

    Each formula inside a ``<details>`` must show as laid-out MathML once the reader opens it,
    and no TeX may be left as text anywhere in the article (backslash commands, \\( \\[ $$),
    once code and typeset math are taken out.
    """
    page.evaluate("""() => { document.querySelectorAll('article details').forEach(d => d.open = true);
                             document.querySelectorAll('article .tabbed-set > input').forEach(i => i.checked = true); }""")
    page.wait_for_timeout(100)
    return page.evaluate(r"""() => {
        const blank = [...document.querySelectorAll('article details .arithmatex')]
            .filter(e => { const m = e.querySelector('math');
                           return !(m && m.getBoundingClientRect().width > 0); })
            .map(e => 'not typeset: ' + e.textContent.slice(0, 60));
        const copy = document.querySelector('article').cloneNode(true);
        copy.querySelectorAll('code, pre, math, script, style, .jp-OutputArea').forEach(e => e.remove());
        const raw = (copy.textContent.match(/\\[()\[\]]|\$\$|\\[A-Za-z]{2,}/g) || []).map(t => 'raw TeX: ' + t);
        return [...blank, ...raw]; }""")


def math_wider_than_the_column(page):
    """Displayed equations that do not fit the text column, each as (pixels too wide, its text).

    Material scrolls such an equation sideways, so part of it is hidden until the reader
    scrolls; at a desktop width every equation should be laid out to fit.
    """
    return page.evaluate("""() => [...document.querySelectorAll('math[display="block"]')]
        .map(math => [math.getBoundingClientRect().width - (math.closest('.arithmatex') || math.parentElement).clientWidth,
                      math.textContent.slice(0, 60)])
        .filter(([excess]) => excess > 1)""")


def tables_wider_than_the_column(page):
    """Tables that do not fit their text column (Material scrolls them sideways), as (pixels too wide, first cells)."""
    return page.evaluate("""() => [...document.querySelectorAll('article .md-typeset__scrollwrap')]
        .map(wrap => [wrap.scrollWidth - wrap.clientWidth, wrap.innerText.slice(0, 60).replace(/\\s+/g, ' ')])
        .filter(([excess]) => excess > 1)""")


def navigate_instantly(page, link_selector, url_glob):
    """Follow a link with Material's instant navigation (no page load); return once the new page is shown."""
    # A mark on the window survives instant navigation, not a page load; one on the article goes with it.
    page.evaluate("window.__sameDocument = true; document.querySelector('.md-content article').__leaving = true")
    page.click(link_selector)
    page.wait_for_url(url_glob)
    page.wait_for_function("!document.querySelector('.md-content article').__leaving")
    assert page.evaluate("window.__sameDocument === true"), "the page was reloaded: instant navigation is off"
