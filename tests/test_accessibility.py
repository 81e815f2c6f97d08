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

from chromium import browser, open_page  # noqa: F401 (fixtures)
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


@pytest.fixture(scope="module")
def report():
    lines = []
    yield lines
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("".join(line + "\n" for line in lines))


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
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{SCHEMES[scheme]}')")
        page.evaluate("window.MathJax && MathJax.startup && MathJax.startup.promise")  # typeset, if typeset in the page
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
