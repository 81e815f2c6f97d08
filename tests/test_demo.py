"""The draw-a-digit demo on the MNIST page, in headless Chromium, against its NumPy reference.

The JavaScript forward pass must give NumPy's probabilities, its preprocessing NumPy's
pixels; drawing with a mouse or a finger (touch) must show a prediction, also
after instant navigation and on a site served below a sub-path (as GitHub Pages does).
The measured differences go to test-artifacts/demo.txt.
"""

import json
import math

import numpy as np
import pytest

from chromium import browser, navigate_instantly, open_page, page, report, screenshot  # noqa: F401 (fixtures)
from conftest import ROOT, serve_directory
from snippets.demo_export import load_browser_model, preprocess
from snippets.mnist import load_mnist
from snippets.model_io import load_model
from snippets.training import predict_proba

DEMO = "chapters/mnist-project/"
PAD = 280  # the drawing pad's size in canvas pixels (digit-demo.js)
REPORT = ROOT / "test-artifacts" / "demo.txt"

# Strokes in pad pixels, each a polyline drawn with the mouse button down.
ELLIPSE = [(140 + 55 * math.sin(t), 140 - 95 * math.cos(t)) for t in np.linspace(0, 2 * math.pi, 41)]
DIGITS = {
    0: [ELLIPSE],
    1: [[(140, 40), (140, 240)]],
    7: [[(75, 55), (205, 55), (120, 245)]],
    4: [[(165, 40), (75, 170), (215, 170)], [(175, 100), (175, 250)]],
}
ODD_DRAWINGS = {
    "dot": [[(30, 250)]],
    "horizontal line": [[(20, 100), (260, 100)]],
    "small digit in a corner": [[(200, 200), (250, 200), (215, 265)]],
}


def open_demo(page, url):
    page.goto(url, wait_until="networkidle")
    return ready(page)


def ready(page):
    """The demo, scrolled into view (which starts loading its model) and ready to draw on."""
    demo = page.locator(".digit-demo")
    demo.scroll_into_view_if_needed()
    page.wait_for_selector(".digit-demo[data-ready='true']", timeout=10_000)
    return demo


def draw(page, strokes, steps=12):
    """Draw polylines on the pad with the mouse, in pad pixels."""
    box = page.locator(".digit-demo__pad").bounding_box()
    scale = (box["width"] - 2) / PAD  # the pad has a 1 px border
    at = lambda x, y: (box["x"] + 1 + x * scale, box["y"] + 1 + y * scale)  # noqa: E731
    for stroke in strokes:
        page.mouse.move(*at(*stroke[0]))
        page.mouse.down()
        for (x0, y0), (x1, y1) in zip(stroke[:-1], stroke[1:]):
            for t in np.linspace(0, 1, steps + 1)[1:]:
                page.mouse.move(*at(x0 + t * (x1 - x0), y0 + t * (y1 - y0)))
        page.mouse.up()


def shown_probabilities(page):
    page.wait_for_function("document.querySelector('.digit-demo__answer').dataset.prediction !== ''")
    page.evaluate("new Promise(requestAnimationFrame)")  # let the last scheduled update run
    values = page.evaluate("[...document.querySelectorAll('.digit-demo__chart li')].map(li => +li.dataset.probability)")
    prediction = int(page.locator(".digit-demo__answer").get_attribute("data-prediction"))
    return np.array(values), prediction


def ink_and_pixels(page):
    """The pad's ink and the JavaScript preprocessing of it, both as NumPy arrays."""
    ink, pixels = page.evaluate("""() => {
        const ink = DigitDemo.inkOf(document.querySelector('.digit-demo__pad'));
        return [Array.from(ink), Array.from(DigitDemo.preprocess(ink, 280, 280) || [])]; }""")
    return np.array(ink).reshape(PAD, PAD), np.array(pixels, dtype=np.float32)


def clear(page):
    page.get_by_role("button", name="Clear the drawing pad").click()


@pytest.fixture(scope="module")
def exported(site):
    """(params, activations) of the demo's model file, read by the NumPy reference reader."""
    return load_browser_model(site / "models/mnist-mlp-demo.bin")


@pytest.fixture(scope="module")
def test_images():
    data = load_mnist()
    return data.test_images[:100], data.test_labels[:100]


def test_javascript_forward_pass_matches_numpy_on_100_test_images(page, site, site_url, exported, test_images, report):
    images, labels = test_images
    open_demo(page, site_url + DEMO)
    js = np.array(page.evaluate("""images => {
        const url = new URL(document.querySelector('.digit-demo').dataset.model, location).href;
        return DigitDemo.loadModel(url).then(layers => images.map(x => DigitDemo.predict(layers, x))); }""",
        images.tolist()))
    numpy = predict_proba(*exported, images)
    trained = predict_proba(*load_model(site / "models/mnist-mlp.npz"), images)
    assert js.shape == (100, 10)
    np.testing.assert_allclose(js.sum(axis=1), 1, atol=1e-12)
    same_weights, with_rounding = np.abs(js - numpy).max(), np.abs(js - trained).max()
    assert same_weights < 1e-5  # the same float16 weights: only float32 vs float64 arithmetic differs
    assert with_rounding < 1e-3  # the full-precision network the notebook trained
    assert np.mean(js.argmax(axis=1) == labels) >= 0.95
    size = (site / "models/mnist-mlp-demo.bin").stat().st_size
    assert size <= 500_000
    report.append(f"demo model: {size:,} bytes (float16)")
    report.append(f"100 test images, largest |JavaScript - NumPy| probability: {same_weights:.1e} (same float16 weights), "
           f"{with_rounding:.1e} (against the float32 network as trained)")
    assert page.errors == []


def test_javascript_preprocessing_equals_numpy_on_drawn_strokes(page, site_url, report):
    open_demo(page, site_url + DEMO)
    largest = 0.0
    for name, strokes in {**{str(digit): strokes for digit, strokes in DIGITS.items()}, **ODD_DRAWINGS}.items():
        clear(page)
        draw(page, strokes)
        ink, pixels = ink_and_pixels(page)
        expected = preprocess(ink)
        assert pixels.shape == (784,) and expected is not None, name
        largest = max(largest, np.abs(pixels - expected).max())
        assert np.abs(pixels - expected).max() < 1e-6, name
        image = expected.reshape(28, 28)
        rows, cols = np.flatnonzero(image.any(axis=1)), np.flatnonzero(image.any(axis=0))
        assert max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1 == 20, name  # the longer side fills the 20-pixel box
    clear(page)
    ink, pixels = ink_and_pixels(page)
    assert not ink.any() and pixels.size == 0  # nothing drawn: no digit
    report.append(f"{len(DIGITS) + len(ODD_DRAWINGS)} drawings, largest |JavaScript - NumPy| preprocessed pixel: {largest:.1e}")
    assert page.errors == []


def test_drawn_digits_are_recognised_and_probabilities_sum_to_one(page, site_url, exported):
    open_demo(page, site_url + DEMO)
    assert page.locator(".digit-demo__answer").inner_text() == "Draw a digit in the box."
    for digit, strokes in DIGITS.items():
        clear(page)
        draw(page, strokes)
        probabilities, prediction = shown_probabilities(page)
        assert probabilities.sum() == pytest.approx(1, abs=1e-9)
        assert prediction == probabilities.argmax() == digit, probabilities.round(3)
        assert f"reads a {digit}" in page.locator(".digit-demo__answer").inner_text()
        best = page.locator(".digit-demo__chart li.digit-demo__best")
        assert best.count() == 1 and best.locator(".digit-demo__digit").inner_text() == str(digit)
        # What the page shows is what NumPy computes from the same ink.
        ink, _ = ink_and_pixels(page)
        assert predict_proba(*exported, preprocess(ink)[None]).argmax() == digit
        if digit == 4:
            screenshot(page, "demo-drawn-4", full_page=False)
    assert page.errors == []


def test_clear_works_from_the_keyboard_and_the_demo_is_labelled(page, site_url):
    open_demo(page, site_url + DEMO)
    pad = page.get_by_role("img", name="Drawing pad: draw one digit, 0 to 9, with the mouse, a finger or a pen")
    assert pad.count() == 1
    assert page.get_by_role("img", name="Your drawing as the network sees it: 28 by 28 pixels").count() == 1
    assert page.locator(".digit-demo__chart").get_attribute("aria-label") == "Probability of each digit, 0 to 9"
    assert page.get_by_role("status").count() == 1  # what a screen reader hears, once per action
    draw(page, DIGITS[1])
    shown_probabilities(page)
    button = page.get_by_role("button", name="Clear the drawing pad")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.digit-demo__answer').dataset.prediction === ''")
    assert not ink_and_pixels(page)[0].any()
    draw(page, DIGITS[7])
    shown_probabilities(page)
    button.focus()
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('.digit-demo__answer').dataset.prediction === ''")
    assert page.locator(".digit-demo__answer").inner_text() == "Draw a digit in the box."
    assert page.errors == []


def bar_colours(page):
    """Background colours of the bars: (the most likely digit's, the others')."""
    return page.evaluate("""() => {
        const colour = li => getComputedStyle(li.querySelector('.digit-demo__bar')).backgroundColor;
        const items = [...document.querySelectorAll('.digit-demo__chart li')];
        return [colour(items.find(li => li.classList.contains('digit-demo__best'))),
                [...new Set(items.filter(li => !li.classList.contains('digit-demo__best')).map(colour))]]; }""")


def test_bar_colours_suit_each_theme(page, site_url):
    """Okabe–Ito colours with enough contrast on each background; the answer is also in bold."""
    open_demo(page, site_url + DEMO)
    draw(page, DIGITS[7])
    shown_probabilities(page)
    assert bar_colours(page) == ["rgb(213, 94, 0)", ["rgb(0, 114, 178)"]]  # vermilion, blue on white
    assert page.locator(".digit-demo__best .digit-demo__digit").evaluate("e => getComputedStyle(e).fontWeight") == "700"
    page.click("label[title='Switch to dark mode']")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert bar_colours(page) == ["rgb(230, 159, 0)", ["rgb(86, 180, 233)"]]  # orange, sky blue on dark grey
    screenshot(page, "dark-demo-drawn-7", full_page=False)
    assert page.errors == []


def touch(page, points):
    """One finger along ``points`` (pad pixels), through the DevTools protocol: real touch input."""
    box = page.locator(".digit-demo__pad").bounding_box()
    scale = (box["width"] - 2) / PAD
    cdp = page.context.new_cdp_session(page)
    for i, (x, y) in enumerate(points):
        kind = "touchStart" if i == 0 else "touchMove"
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [
            {"x": box["x"] + 1 + x * scale, "y": box["y"] + 1 + y * scale}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


@pytest.mark.parametrize("pointer_events", [True, False], ids=["pointer events", "mouse and touch events"])
def test_touch_draws_without_scrolling_the_page(browser, site, site_url, pointer_events):
    page = open_page(browser, site_url, site, has_touch=True)
    if not pointer_events:  # an older browser: the demo falls back to mouse and touch events
        page.add_init_script("delete window.PointerEvent")
    open_demo(page, site_url + DEMO)
    scrolled = page.evaluate("window.scrollY")
    touch(page, [(140, 40 + 10 * i) for i in range(21)])
    probabilities, prediction = shown_probabilities(page)
    assert prediction == 1 and probabilities.sum() == pytest.approx(1)
    assert page.evaluate("window.scrollY") == scrolled
    if not pointer_events:
        clear(page)
        draw(page, DIGITS[7])  # and the mouse, too
        assert shown_probabilities(page)[1] == 7
    assert page.errors == []
    page.context.close()


def test_on_a_phone_the_demo_fits_the_screen_and_draws(browser, site, site_url):
    """At 390 × 844 CSS pixels: pad, Clear, preview and all ten bars lie inside the text column."""
    page = open_page(browser, site_url, site, has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    open_demo(page, site_url + DEMO)
    column = page.locator("article").bounding_box()
    parts = [".digit-demo__pad", ".digit-demo__clear", ".digit-demo__seen",
             *(f".digit-demo__chart li:nth-child({digit + 1})" for digit in range(10))]
    outside = []
    for part in parts:
        box = page.locator(part).bounding_box()
        if box["x"] < column["x"] - 0.5 or box["x"] + box["width"] > column["x"] + column["width"] + 0.5:
            outside.append(part)
    assert outside == []
    assert page.locator(".digit-demo__pad").bounding_box()["width"] > 250  # large enough for a finger
    touch(page, [(140, 40 + 10 * i) for i in range(21)])
    probabilities, prediction = shown_probabilities(page)
    assert prediction == 1 and probabilities.sum() == pytest.approx(1)
    screenshot(page, "phone-demo-drawn-1", full_page=False)
    assert page.errors == []
    page.context.close()


def test_demo_works_after_instant_navigation(page, site_url):
    page.goto(site_url + "notation/", wait_until="networkidle")
    navigate_instantly(page, f"nav.md-nav a[href$='{DEMO}']", f"**/{DEMO}")
    ready(page)
    draw(page, DIGITS[0])
    assert shown_probabilities(page)[1] == 0
    # Away and back again: a fresh demo, set up once.
    navigate_instantly(page, "nav.md-nav a[href$='chapters/backpropagation/']", "**/chapters/backpropagation/")
    navigate_instantly(page, f"nav.md-nav a[href$='{DEMO}']", f"**/{DEMO}")
    ready(page)
    assert page.locator(".digit-demo__pad").count() == 1
    assert page.locator(".digit-demo__answer").inner_text() == "Draw a digit in the box."
    draw(page, DIGITS[7])
    assert shown_probabilities(page)[1] == 7
    assert page.errors == []


def test_demo_and_download_work_when_the_site_is_served_below_a_sub_path(browser, site, tmp_path):
    """GitHub Pages serves a project site at /<repository>/: nothing may assume the site is at /."""
    (tmp_path / "book").symlink_to(site, target_is_directory=True)
    with serve_directory(tmp_path) as url:
        page = open_page(browser, url + "book/", site)
        page.goto(url + "book/notation/", wait_until="networkidle")
        navigate_instantly(page, f"nav.md-nav a[href$='{DEMO}']", f"**/book/{DEMO}")
        ready(page)
        draw(page, DIGITS[1])
        assert shown_probabilities(page)[1] == 1
        download = page.get_by_role("link", name="Download the notebook").get_attribute("href")
        assert download == f"{url}book/{DEMO}mnist-project.ipynb"
        assert page.evaluate("url => fetch(url).then(r => r.ok)", download)
        assert page.errors == []
        page.context.close()


def test_demo_without_its_model_says_so(browser, site, tmp_path):
    """A missing model file is reported on the page (and as an error), not a silent blank demo."""
    (tmp_path / "site").symlink_to(site, target_is_directory=True)
    with serve_directory(tmp_path / "site") as url:
        page = open_page(browser, url)
        page.route("**/models/mnist-mlp-demo.bin", lambda route: route.fulfill(status=404))
        page.goto(url + DEMO, wait_until="networkidle")
        page.locator(".digit-demo").scroll_into_view_if_needed()
        page.wait_for_selector(".digit-demo[data-ready='failed']")
        assert "could not be loaded" in page.locator(".digit-demo__answer").inner_text()
        assert any("digit demo" in error for error in page.errors)
        page.context.close()



def test_without_javascript_the_demo_says_why_it_is_missing(browser, site_url):
    page = open_page(browser, site_url, java_script_enabled=False)
    page.goto(site_url + DEMO)
    demo = page.locator(".digit-demo")
    assert "needs JavaScript, which is off in this browser" in demo.inner_text()
    assert not page.locator(".digit-demo__elsewhere").is_visible()  # the note for notebook viewers
    page.context.close()


def test_the_notebook_tells_its_viewers_where_the_demo_runs():
    notebook = json.loads((ROOT / "docs" / "chapters" / "mnist-project.ipynb").read_text())
    demo_cell = next("".join(cell["source"]) for cell in notebook["cells"] if 'class="digit-demo"' in "".join(cell["source"]))
    assert 'class="digit-demo__elsewhere"' in demo_cell and "<noscript>" in demo_cell
    assert "website" not in demo_cell  # the site does not call itself "the book's website"


def test_the_model_loads_only_when_the_reader_scrolls_to_the_demo(page, site_url):
    models = []
    page.on("request", lambda request: "models/" in request.url and models.append(request.url))
    page.goto(site_url + DEMO, wait_until="networkidle")
    page.wait_for_timeout(500)
    assert models == [] and page.locator(".digit-demo[data-ready='loading']").count() == 1
    ready(page)
    page.wait_for_selector(".digit-demo__sample:not([disabled])")
    assert [url.rsplit("/", 1)[1] for url in models] == ["mnist-mlp-demo.bin", "mnist-demo-digits.json"]
    assert page.errors == []


def status_changes(page):
    """Start counting the changes of the demo's status (what a screen reader announces); returns a reader."""
    page.evaluate("""() => {
        window.statusChanges = [];
        new MutationObserver(() => statusChanges.push(document.querySelector('.digit-demo__status').textContent))
            .observe(document.querySelector('.digit-demo__status'), {childList: true, characterData: true, subtree: true});
    }""")
    return lambda: page.evaluate("statusChanges")


def test_a_stroke_is_announced_once_when_it_ends(page, site_url):
    open_demo(page, site_url + DEMO)
    announced = status_changes(page)
    draw(page, DIGITS[7], steps=30)  # 60 pen movements, each redrawing the bars
    page.wait_for_function("statusChanges.length > 0")
    page.evaluate("new Promise(requestAnimationFrame)")
    assert len(announced()) == 1 and announced()[0].startswith("The network reads a 7")
    clear(page)
    page.wait_for_function("statusChanges.length > 1")
    assert announced()[1] == "Draw a digit in the box."
    assert page.errors == []


def test_from_the_keyboard_the_demo_classifies_a_test_digit_of_each_kind(page, site, site_url, exported):
    """"Show a test digit", reached with Tab and pressed with Enter, puts each of the ten exported MNIST
    test digits on the pad in turn; the network's answer, announced once, is NumPy's for that ink."""
    digits = json.loads((site / "models/mnist-demo-digits.json").read_text())["digits"]
    test = load_mnist()
    assert [digit["label"] for digit in digits] == list(range(10))
    for digit in digits:
        assert digit["index"] == int(np.flatnonzero(test.test_labels == digit["label"])[0])
        assert np.array_equal(np.array(digit["pixels"], np.float32) / 255, test.test_images[digit["index"]])
    open_demo(page, site_url + DEMO)
    page.wait_for_selector(".digit-demo__sample:not([disabled])")
    page.get_by_role("button", name="Clear the drawing pad").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Show a test digit"
    announced = status_changes(page)
    for count, digit in enumerate(digits, start=1):
        page.keyboard.press("Enter")
        page.wait_for_function(f"statusChanges.length === {count}")
        ink, _ = ink_and_pixels(page)
        expected = predict_proba(*exported, preprocess(ink)[None]).argmax()
        assert announced()[-1] == (f"MNIST test image {digit['index']}, a {digit['label']}. The network reads "
                                   f"{'an' if expected == 8 else 'a'} {expected} ("
                                   + announced()[-1].split(" (", 1)[1])
        assert int(page.locator(".digit-demo__answer").get_attribute("data-prediction")) == expected
    assert page.errors == []


def test_the_pads_edge_stands_out_at_3_to_1(page, site_url):
    """WCAG 1.4.11: on the white page the white pad is told by its border alone."""
    open_demo(page, site_url + DEMO)
    border = page.locator(".digit-demo__pad").evaluate("e => getComputedStyle(e).borderTopColor")
    channels = [float(v) for v in border[border.index("(") + 1:-1].split(",")]
    alpha = channels[3] if len(channels) == 4 else 1.0
    shown = [alpha * c + (1 - alpha) * 255 for c in channels[:3]]  # over the white page

    def luminance(rgb):
        linear = [(c / 255) / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    assert (1.05) / (luminance(shown) + 0.05) >= 3, border
