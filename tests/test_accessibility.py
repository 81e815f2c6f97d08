"""Every page has no axe-core violation (WCAG 2.0 and 2.1, levels A and AA), in the light and
the dark scheme, on a phone (390 px) and on a desktop (1,280 px), once its scripts have run.

axe-core comes from the npm registry, checked against the registry's published SHA-512,
and is kept in .cache for later runs. The violations found go to test-artifacts/axe.txt.
"""

import base64
import hashlib
import io
import os
import tarfile
import tempfile
import urllib.request

import pytest

from chromium import browser, open_page, report, wait_for_scripts  # noqa: F401 (fixtures)
from conftest import ROOT

AXE_VERSION = "4.14.1"
AXE_TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{AXE_VERSION}.tgz"
# `dist.integrity` of axe-core@4.14.1 in the npm registry.
AXE_INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
REPORT = ROOT / "test-artifacts" / "axe.txt"
SCHEMES = {"light": "default", "dark": "slate"}
WIDTHS = {"phone": 390, "desktop": 1280}


def axe_script():
    """The text of axe.min.js, downloaded once into .cache."""
    cached = ROOT / ".cache" / f"axe-core-{AXE_VERSION}.min.js"
    if cached.is_file():
        return cached.read_text()
    with urllib.request.urlopen(AXE_TARBALL, timeout=60) as response:
        tarball = response.read()
    algorithm, _, expected = AXE_INTEGRITY.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    assert actual == expected, f"{AXE_TARBALL}: {algorithm} is {actual}, expected {expected}"
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        script = archive.extractfile("package/axe.min.js").read().decode()
    cached.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=cached.parent, delete=False, suffix=".tmp") as partial:
        partial.write(script)
    os.replace(partial.name, cached)  # a cut-off download never stands in for the file
    return script


def site_pages(site):
    """Each page's path below the site's root ("" for the home page)."""
    folders = (path.parent.relative_to(site) for path in site.rglob("index.html") if "assets" not in path.parts)
    return sorted("" if folder.name == "" else folder.as_posix() for folder in folders)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_page_has_an_axe_violation(browser, site, site_url, report, scheme, width):
    script = axe_script()
    page = open_page(browser, site_url, viewport={"width": WIDTHS[width], "height": 900})
    problems = []
    pages = site_pages(site)
    assert len(pages) >= 18
    for path in pages:
        page.goto(site_url + (path + "/" if path else ""), wait_until="load")
        wait_for_scripts(page)
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{SCHEMES[scheme]}')")
        page.evaluate("document.fonts.ready.then(() => true)")  # the math's fonts are in
        page.keyboard.press("Tab")  # as a keyboard user does: every box that scrolls is then a tab stop
        page.wait_for_timeout(300)  # the scheme's styles apply
        page.add_script_tag(content=script)
        result = page.evaluate(f"axe.run(document, {{runOnly: {RULES}}})")
        for violation in result["violations"]:
            for node in violation["nodes"]:
                problems.append(f"{path or 'home'} ({scheme}, {width}): {violation['id']} at {node['target']}: "
                                f"{node['failureSummary'][:200]}")
    page.context.close()
    report.append(f"{scheme}, {width}: {len(pages)} pages, {len(problems)} violating nodes")
    report.extend(problems)
    assert not problems, f"{len(problems)} axe violations, for example:\n" + "\n".join(problems[:10])


def test_on_the_smallest_phone_nothing_scrolls_the_page_sideways_and_each_scroller_takes_the_keyboard(
        browser, site, site_url):
    """At 320 px the page itself never scrolls sideways; a wide formula, table or code block scrolls
    inside its own box, which a keyboard user can focus (and then scroll with the arrow keys),
    wherever on the page it is."""
    page = open_page(browser, site_url, viewport={"width": 320, "height": 800})
    problems = []
    for path in site_pages(site):
        page.goto(site_url + (path + "/" if path else ""), wait_until="load")
        wait_for_scripts(page)
        page.evaluate("document.fonts.ready.then(() => true)")
        page.keyboard.press("Tab")  # the first Tab makes every box that scrolls a tab stop, before focus moves
        found = page.evaluate("""() => {
            // Code blocks off screen are not laid out; lay every one out to see whether it scrolls.
            document.querySelectorAll('article code').forEach(code => code.style.contentVisibility = 'visible');
            const problems = [];
            const width = document.documentElement.scrollWidth;
            if (width > window.innerWidth) problems.push(`the page is ${width} px wide`);
            for (const box of document.querySelectorAll('article *')) {
                if (!['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) continue;
                if (box.scrollWidth <= box.clientWidth + 1 || box.clientWidth === 0) continue;
                const focusable = box.tabIndex >= 0 || box.querySelector('a[href], button, input, [tabindex="0"]');
                if (!focusable) problems.push(`${box.tagName.toLowerCase()}.${[...box.classList].join('.')} `
                    + `scrolls but takes no focus: ${box.textContent.trim().slice(0, 50)}`);
            }
            return problems; }""")
        problems += [f"{path or 'home'}: {problem}" for problem in found]
    page.context.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("path", ["chapters/activation-functions", "chapters/mnist-project"])
def test_screen_readers_get_every_formula_as_math(browser, site, site_url, path):
    """Each formula is MathML, which the browser gives screen readers as math: every formula shown
    (collapsed blocks opened) is a math node of the accessibility tree."""
    page = open_page(browser, site_url, viewport={"width": 390, "height": 800})
    page.goto(f"{site_url}{path}/", wait_until="load")
    page.evaluate("document.querySelectorAll('article details').forEach(d => d.open = true)")
    formulas = page.evaluate("[...document.querySelectorAll('article math')].filter(m => m.checkVisibility()).length")
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    math = [node for node in tree if node.get("role", {}).get("value") == "MathMLMath" and not node.get("ignored")]
    assert formulas > 10 and len(math) == formulas
    if path == "chapters/activation-functions":
        assert "- math: z = 𝐰 ⋅ 𝐱 + b" in page.locator("article p:has(.arithmatex)").first.aria_snapshot()  # bold vectors
    page.context.close()
