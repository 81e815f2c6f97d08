"""A first visit restyles the whole page as few times as the theme allows (snippets.sitebuild.first_load)."""

import json

import pytest

from chromium import browser, open_page, wait_for_scripts  # noqa: F401
from snippets.sitebuild.first_load import (HEAD, PRESET, SWITCHING_RULE, ThemeChanged, after_first_paint,
                                           drop_switching_rule, measure_code_blocks, preset_script_classes)

PAGE = HEAD + "<title>x</title></head><body></body></html>"


def test_the_script_classes_are_set_first_thing_in_the_head():
    out = preset_script_classes(PAGE)
    assert out.startswith(HEAD + PRESET + "<title>")
    assert out.count(PRESET) == 1


def test_a_page_from_another_theme_is_refused():
    with pytest.raises(ThemeChanged, match=r"notes\.md: expected the theme's opening"):
        preset_script_classes('<html class="no-js" lang="en"><head></head></html>', "notes.md")


CONFIG = '<script id="__config" type="application/json">{"base": ".."}</script>'
SCRIPTS = ['<script src="../assets/javascripts/bundle.abc.min.js"></script>',
           '<script src="../javascripts/one.js"></script>', '<script src="../javascripts/two.js"></script>']


def test_the_theme_and_site_scripts_are_loaded_in_their_order_after_the_first_paint():
    page = "<body><p>text</p>" + CONFIG + "\n  ".join([""] + SCRIPTS) + "\n</body></html>"
    out = after_first_paint(page)
    assert out.startswith("<body><p>text</p>" + CONFIG) and out.endswith("</script>\n</body></html>")
    assert "<script src=" not in out
    assert '["../assets/javascripts/bundle.abc.min.js", "../javascripts/one.js", "../javascripts/two.js"]' in out
    assert "first-contentful-paint" in out and 'new Event("DOMContentLoaded")' in out


@pytest.mark.parametrize("scripts", [SCRIPTS[1:], SCRIPTS + ["<script>inline()</script>"], []])
def test_scripts_other_than_the_themes_are_refused(scripts):
    """Without the bundle first, or with an inline script the loader would not carry, the page is not touched."""
    with pytest.raises(ThemeChanged, match=r"notes\.md: expected the theme's configuration, then its bundle"):
        after_first_paint("<body>" + CONFIG + "".join(scripts) + "</body>", "notes.md")


def test_the_first_paint_comes_before_the_themes_script(browser, site_url):
    """The article is on screen before the theme's script is even requested, and the theme still starts
    (and the site's scripts after it: they name the search)."""
    page = open_page(browser, site_url, viewport={"width": 412, "height": 823})
    page.goto(site_url + "chapters/gradient-descent/", wait_until="load")
    wait_for_scripts(page)
    first_paint, bundle_requested = page.evaluate("""() => [
        performance.getEntriesByName('first-contentful-paint')[0].startTime,
        performance.getEntriesByType('resource').find(entry => /bundle\\.[0-9a-f]+\\.min\\.js$/.test(entry.name)).startTime]""")
    page.context.close()
    assert first_paint < bundle_requested


def test_the_palette_switch_rule_goes_and_every_other_rule_stays(tmp_path):
    theme, site = tmp_path / "theme", tmp_path / "site"
    sheet = theme / "assets" / "stylesheets" / "palette.abc.min.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text(":root{--a:1}" + SWITCHING_RULE + "[data-md-color-scheme=slate]{--b:2}")
    for _ in range(2):  # a rebuild of `mkdocs serve` works on the theme's copy again
        written = drop_switching_rule([tmp_path / "no-such-theme", theme], site)
        assert written == site / "assets" / "stylesheets" / "palette.abc.min.css"
        assert written.read_text() == ":root{--a:1}[data-md-color-scheme=slate]{--b:2}"
    assert SWITCHING_RULE in sheet.read_text()  # the installed theme is not touched


def test_a_theme_without_the_rule_is_an_error_not_a_silent_change(tmp_path):
    sheet = tmp_path / "assets" / "stylesheets" / "palette.abc.min.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text(":root{--a:1}")
    with pytest.raises(ThemeChanged, match="palette-switch rule"):
        drop_switching_rule([tmp_path], tmp_path / "site")
    with pytest.raises(ThemeChanged, match=r"no assets/stylesheets/palette\.\*\.min\.css"):
        drop_switching_rule([tmp_path / "site"], tmp_path / "elsewhere")


def test_the_built_site_has_the_preset_and_no_switch_rule(site):
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 15
    assert all(HEAD + PRESET in page.read_text() for page in pages)
    (palette,) = site.glob("assets/stylesheets/palette.*.min.css")
    assert "data-md-color-switching" not in palette.read_text()


def whole_page_restyles(page, url):
    """How many times, while ``url`` loads, the browser recomputes the style of over half the page's elements."""
    page.context.browser.start_tracing(page=page, categories=["devtools.timeline", "disabled-by-default-devtools.timeline"])
    page.goto(url, wait_until="load")
    wait_for_scripts(page)
    page.wait_for_timeout(800)  # the theme's work after load (its palette waits one frame)
    elements = page.evaluate("document.getElementsByTagName('*').length")
    trace = json.loads(page.context.browser.stop_tracing())
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    return sum(1 for event in events if event.get("name") == "UpdateLayoutTree" and event.get("ph") == "X"
               and event.get("args", {}).get("elementCount", 0) > elements / 2)


@pytest.mark.parametrize("path", ["practice/regularization/", "exercises/"])
def test_a_first_visit_restyles_the_whole_page_at_most_four_times(browser, site_url, path):
    """One is the first style of the parsed page, painted before the theme's script runs; three
    are the theme's and cannot go: its start-up's changes to the page, its palette's
    colour-scheme meta, and its wrapping of tables. There were six, when the theme's script ran
    before the first paint and the build did not preset the classes or drop the palette's switch
    rule; each costs a phone 100-500 ms of blocking time on a long chapter. (Most of a chapter's elements are code tokens off screen, which are not
    styled at all: content-visibility in extra.css.)"""
    page = open_page(browser, site_url, viewport={"width": 412, "height": 823})
    counts = [whole_page_restyles(page, site_url + path) for _ in range(3)]
    assert page.evaluate("document.documentElement.className") == "js js-focus-visible"
    page.context.close()
    assert min(counts) <= 4, counts


def test_without_javascript_the_page_keeps_its_no_js_class(browser, site_url):
    page = open_page(browser, site_url, java_script_enabled=False)
    page.goto(site_url + "chapters/perceptron/", wait_until="load")
    assert page.locator("html.no-js").count() == 1
    page.context.close()


def test_each_code_block_carries_its_number_of_lines_and_its_longest_line():
    page = ('<pre><span></span><code><span class="k">def</span> f():\n    return &quot;a\nb&quot;\n</code></pre>'
            '<pre><span></span><code>one line</code></pre><p><code>inline</code></p>')
    out = measure_code_blocks(page)
    assert out.count('<code style="--lines: 3" data-columns="13">') == 1  # '    return "a' is 13 wide
    assert out.count('<code style="--lines: 1" data-columns="8">') == 1
    assert "<p><code>inline</code></p>" in out  # inline code is not a block
