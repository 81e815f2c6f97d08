"""The explorables (interactive figures) in headless Chromium, against the NumPy code they show.

Each explorable's arithmetic is its module's exported functions, called in the page and
compared with snippets' functions on the same inputs, in float64 (agreement to 1e-6). The
tests drive each one with the keyboard and the mouse, check what a screen reader hears
(once per action), that it starts only near the screen and only on its own page, once per
visit with instant navigation, and what stays without JavaScript. The largest deviations
and the scripts' sizes go to test-artifacts/explorables.txt; screenshots to test-artifacts/screenshots/.
"""

import gzip
import math
import re

import numpy as np
import pytest

from chromium import browser, navigate_instantly, open_page, report, screenshot, wait_for_scripts  # noqa: F401
from conftest import ROOT
from snippets import activations, perceptron
from snippets import gradient_descent as gd
from snippets.figures.gradient_descent import H as BOWL
from snippets.optimizers import Momentum
from test_accessibility import RULES, axe_script

REPORT = ROOT / "test-artifacts" / "explorables.txt"
ACTIVATION_PAGE = "chapters/activation-functions/"
PERCEPTRON_PAGE = "chapters/perceptron/"
DESCENT_PAGE = "chapters/gradient-descent/"
BACKPROP_PAGE = "chapters/backpropagation/"
EXPLORABLES = {"activation-explorer": ACTIVATION_PAGE, "perceptron-live": PERCEPTRON_PAGE,
               "gradient-descent-live": DESCENT_PAGE, "backprop-steps": BACKPROP_PAGE}
PLAIN_PAGE = "glossary/"  # a page without an explorable
MODULE_BUDGET = 40 * 1024  # bytes of JavaScript per explorable, gzipped (issue 17)
TOLERANCE = 1e-6


def start_explorable(page, url, selector=".explorable"):
    """Open ``url``, scroll its explorable into view (which starts it) and wait until it is ready."""
    page.goto(url, wait_until="load")
    wait_for_scripts(page)
    page.locator(selector).scroll_into_view_if_needed()
    page.wait_for_selector(f"{selector}[data-ready='true']", timeout=10_000)
    return page.locator(selector)


def module_call(page, module, expression, argument):
    """Evaluate ``expression`` (a function of the module ``m`` and ``argument``) in the page."""
    return page.evaluate(f"""async (argument) => {{
        const m = await import(new URL("javascripts/explorables/{module}.js", document.baseURI.replace(/chapters\\/.*$/, "")));
        return ({expression})(m, argument); }}""", argument)


def three_digits(x):
    """What the explorable's formatNumber writes for x (three significant digits)."""
    if x == 0:
        return "0"
    if 1e-3 <= abs(x) < 1e4:
        return f"{float(f'{x:.3g}'):g}"
    mantissa, exponent = f"{x:.2e}".split("e")
    return f"{mantissa} × 10" + str(int(exponent)).replace("-", "⁻").translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


@pytest.fixture(scope="module")
def explorer(browser, site, site_url):
    page = open_page(browser, site_url, site, viewport={"width": 1280, "height": 900})
    start_explorable(page, site_url + ACTIVATION_PAGE)
    yield page
    page.context.close()


def test_the_activation_explorer_computes_what_numpy_does(explorer, report):
    zs = [round(z, 2) for z in np.arange(-5, 5.0001, 0.05)] + [0.0, 1e-9, -1e-9, 4.99]
    worst = 0.0
    for name, (f, f_grad) in activations.ACTIVATIONS.items():
        browser_values = module_call(explorer, "activation-explorer",
                                     "(m, zs) => zs.map(z => [m.ACTIVATIONS[NAME].f(z), m.ACTIVATIONS[NAME].grad(z)])"
                                     .replace("NAME", repr(name)), zs)
        numpy_values = np.stack([f(np.array(zs)), f_grad(np.array(zs))], axis=1)
        deviation = np.abs(np.array(browser_values) - numpy_values) / np.maximum(1, np.abs(numpy_values))
        worst = max(worst, deviation.max())
        assert deviation.max() < TOLERANCE, (name, zs[int(deviation.argmax() // 2)], deviation.max())
    report.append(f"activation explorer: f and f' of {len(activations.ACTIVATIONS)} functions at {len(zs)} points, "
                  f"largest deviation from NumPy {worst:.1e}")


def test_the_activation_explorers_stacks_multiply_what_numpy_does(explorer, report):
    cases = [(name, z) for name in activations.ACTIVATIONS for z in (-4.2, -1.0, -0.3, 0.0, 0.45, 1.0, 3.7)]
    browser_products = module_call(explorer, "activation-explorer",
                                   "(m, cases) => cases.map(([name, z]) => m.stackedDerivative(name, z, 20))", cases)
    worst = 0.0
    for (name, z), products in zip(cases, browser_products):
        expected = activations.stacked_derivative(name, z, 20)
        deviation = np.abs(np.array(products) - expected) / np.maximum(np.abs(expected), 1e-300)
        deviation[expected == 0] = np.abs(np.array(products))[expected == 0]
        worst = max(worst, deviation.max())
        assert deviation.max() < TOLERANCE, (name, z, products, expected)
    report.append(f"activation explorer: 20-layer stacks at {len(cases)} (function, z), "
                  f"largest relative deviation from NumPy {worst:.1e}")


def test_erf_is_exact_to_float64_rounding_over_the_explorers_range(explorer):
    xs = list(np.linspace(-7, 7, 561))
    values = module_call(explorer, "activation-explorer", "(m, xs) => xs.map(m.erf)", xs)
    assert max(abs(value - math.erf(x)) for x, value in zip(xs, values)) < 1e-8


def record_announcements(page):
    """From now on, ``window.announcements`` lists each text the explorable's status region is given."""
    page.evaluate("""() => { window.announcements = [];
        new MutationObserver(() => announcements.push(document.querySelector('.explorable__status').textContent))
          .observe(document.querySelector('.explorable__status'), {childList: true, characterData: true, subtree: true}); }""")


def readout_numbers(text):
    """The numbers a readout states: after "=" (f(z), f′(z)) and "multiplied by" (the stack)."""
    return re.findall(r"(?:= |by )(-?\d+(?:\.\d+)?(?: × 10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?)", text)


def test_keyboard_changes_function_point_and_depth_and_each_change_is_said_once(browser, site, site_url):
    page = open_page(browser, site_url, site, viewport={"width": 390, "height": 800})
    explorable = start_explorable(page, site_url + ACTIVATION_PAGE)
    record_announcements(page)
    select = explorable.locator("select")
    select.focus()
    page.keyboard.press("ArrowDown")  # sigmoid -> tanh
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "z"
    page.keyboard.press("ArrowRight")  # z 1.00 -> 1.05
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "layers"
    page.keyboard.press("End")  # 20 layers
    page.wait_for_timeout(100)
    announcements = page.evaluate("announcements")
    assert len(announcements) == 3, announcements
    z = 1.05
    expected = [activations.tanh(z), activations.tanh_grad(z), activations.stacked_derivative("tanh", z, 20)[-1]]
    assert announcements[-1].startswith("tanh(1.05) = ") and "Through 20 stacked tanh layers" in announcements[-1]
    assert readout_numbers(announcements[-1]) == [three_digits(value) for value in expected]
    assert explorable.locator(".explorable__readout").text_content() == announcements[-1]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing scrolls the page sideways
    screenshot(page.locator(".explorable"), "explorable-activation-phone")
    page.context.close()


def test_the_mouse_moves_the_point_and_the_tangent_follows(explorer):
    slider = explorer.locator(".explorable input[name=z]")
    box = slider.bounding_box()
    explorer.mouse.click(box["x"] + 0.1 * box["width"], box["y"] + box["height"] / 2)
    z = float(slider.input_value())
    assert z < -3
    readout = explorer.locator(".explorable__readout").text_content()
    name = explorer.locator(".explorable select").input_value()
    f, f_grad = activations.ACTIVATIONS[name]
    assert readout_numbers(readout)[:2] == [three_digits(f(z)), three_digits(f_grad(z))]
    point = explorer.locator(".explorable__point")
    tangent = explorer.locator("g[clip-path] > .explorable__tangent")  # not the legend's sample
    cx, cy = float(point.get_attribute("cx")), float(point.get_attribute("cy"))
    x1, y1, x2, y2 = (float(tangent.get_attribute(key)) for key in ("x1", "y1", "x2", "y2"))
    assert (x1 + x2) / 2 == pytest.approx(cx) and (y1 + y2) / 2 == pytest.approx(cy)  # the tangent touches at z


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(EXPLORABLES))
def test_the_started_explorable_has_no_axe_violation(browser, site, site_url, name, scheme):
    page = open_page(browser, site_url, site, viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    start_explorable(page, site_url + EXPLORABLES[name])
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{'slate' if scheme == 'dark' else 'default'}')")
    page.wait_for_timeout(300)
    page.add_script_tag(content=axe_script())
    result = page.evaluate(f"axe.run('.explorable', {{runOnly: {RULES}}})")
    screenshot(page.locator(".explorable"), f"explorable-{name}-{scheme}")
    page.context.close()
    assert [(violation["id"], [node["target"] for node in violation["nodes"]]) for violation in result["violations"]] == []


def test_explorables_load_only_on_their_page_only_near_the_screen_and_start_once_per_visit(browser, site, site_url):
    page = open_page(browser, site_url, site, viewport={"width": 1280, "height": 900})
    fetched = []
    page.on("request", lambda request: "/explorables/" in request.url and fetched.append(request.url))
    page.goto(site_url + PLAIN_PAGE, wait_until="load")
    wait_for_scripts(page)
    assert fetched == []  # no explorable of its own: nothing fetched
    navigate_instantly(page, f"nav.md-nav a[href$='{ACTIVATION_PAGE}']", f"**/{ACTIVATION_PAGE}")
    page.wait_for_timeout(300)
    assert fetched == [] and page.locator(".explorable[data-explorable-started]").count() == 0  # not near the screen yet
    page.locator(".explorable").scroll_into_view_if_needed()
    page.wait_for_selector(".explorable[data-ready='true']")
    assert sorted(url.rsplit("/", 1)[1] for url in fetched) == ["activation-explorer.js", "dom.js"]  # its module, its helpers
    navigate_instantly(page, f"nav.md-nav a[href$='{PLAIN_PAGE}']", f"**/{PLAIN_PAGE}")
    navigate_instantly(page, f"nav.md-nav a[href$='{ACTIVATION_PAGE}']", f"**/{ACTIVATION_PAGE}")
    page.locator(".explorable").scroll_into_view_if_needed()
    page.wait_for_selector(".explorable[data-ready='true']")
    page.wait_for_timeout(300)
    assert page.locator(".explorable .explorable__controls").count() == 1  # started once, not twice
    assert page.errors == []
    page.context.close()


@pytest.mark.parametrize("path, figure, adds", [(ACTIVATION_PAGE, "activation-functions.svg", "tangent line"),
                                                 (PERCEPTRON_PAGE, "perceptron-xor.svg", "watch its line move"),
                                                 (DESCENT_PAGE, "gradient-descent-momentum.svg", "including divergence"),
                                                 (BACKPROP_PAGE, "backpropagation-graph.svg", "seven backward steps")])
def test_without_javascript_the_figure_stays_and_a_line_says_what_the_live_one_adds(browser, site_url, path, figure, adds):
    page = open_page(browser, site_url, java_script_enabled=False)
    page.goto(site_url + path, wait_until="load")
    assert page.locator(f"img[src$='{figure}']").is_visible()
    fallback = page.locator(".explorable__fallback")
    assert fallback.is_visible() and adds in fallback.text_content()
    page.context.close()


def test_each_explorable_is_under_its_javascript_budget(site, report):
    """Its module, with the starter that fetches it and the helpers it imports (explorables/dom.js)."""
    folder = site / "javascripts" / "explorables"
    shared = [site / "javascripts" / "explorables.js", folder / "dom.js"]
    shared_size = sum(len(gzip.compress(path.read_bytes(), 9)) for path in shared)
    for name in sorted(EXPLORABLES):
        size = len(gzip.compress((folder / f"{name}.js").read_bytes(), 9)) + shared_size
        report.append(f"{name}: {size:,} bytes of JavaScript, gzipped (with {shared_size:,} bytes of starter and helpers)")
        assert size <= MODULE_BUDGET, (name, size)
    assert sorted(path.stem for path in folder.glob("*.js")) == sorted([*EXPLORABLES, "dom"])  # each one tested here


# ---- Perceptron, live ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def perceptron_page(browser, site, site_url):
    page = open_page(browser, site_url, site, viewport={"width": 390, "height": 800}, reduced_motion="reduce")
    start_explorable(page, site_url + PERCEPTRON_PAGE)
    yield page
    page.context.close()


def point_sets():
    """The chapter's gates, and random sets of points on the explorable's grid (some separable, some not)."""
    sets = [(name, perceptron.GATE_INPUTS, labels) for name, labels in perceptron.LOGIC_GATES.items()]
    rng = np.random.default_rng(17)
    for index in range(6):
        X = rng.integers(-2, 7, size=(5 + index, 2)) * 0.25
        sets.append((f"random {index}", X, rng.integers(0, 2, size=len(X)).astype(np.float64)))
    return sets


def test_the_perceptron_explorer_trains_as_numpy_does(perceptron_page, report):
    cases = [(X.tolist(), y.tolist()) for _, X, y in point_sets()]
    results = module_call(perceptron_page, "perceptron-live",
                          "(m, cases) => cases.map(([X, y]) => m.trainPerceptron(X, y, 1, 20))", cases)
    worst = 0.0
    for (name, X, y), result in zip(point_sets(), results):
        w, b, mistakes = perceptron.train_perceptron(X, y, learning_rate=1.0, epochs=20)
        worst = max(worst, np.abs(np.array(result["w"]) - w).max(), abs(result["b"] - b))
        assert result["mistakes"] == mistakes and worst < TOLERANCE, (name, result, (w, b, mistakes))
    report.append(f"perceptron, live: 20 epochs on {len(cases)} point sets (3 gates, 6 random), the same mistakes "
                  f"per epoch as NumPy, largest deviation in w and b {worst:.1e}")


def test_on_xor_the_line_never_settles_and_the_readout_says_what_numpy_gets(perceptron_page):
    page = perceptron_page
    page.select_option(".explorable select", "XOR")
    page.click(".explorable button:has-text('Run 20 epochs')")  # reduced motion: straight to the result
    w, b, mistakes = perceptron.train_perceptron(perceptron.GATE_INPUTS, perceptron.LOGIC_GATES["XOR"], epochs=20)
    readout = page.locator(".explorable__readout").text_content()
    shown = lambda value: f"{value:g}".replace("-", "−")  # noqa: E731
    assert readout.startswith(f"w = ({shown(w[0])}, {shown(w[1])}), b = {shown(b)}. {sum(mistakes)} updates after 20 epochs")
    assert f"{mistakes[-1]} mistakes in the last one" in readout and mistakes[-1] > 0 and "Settled" not in readout
    page.select_option(".explorable select", "AND")
    page.click(".explorable button:has-text('Run 20 epochs')")
    assert "Settled: every point is on its side." in page.locator(".explorable__readout").text_content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_points_come_from_the_keyboard_and_the_mouse_and_each_action_is_said_once(perceptron_page):
    page = perceptron_page
    page.select_option(".explorable select", "OR")
    record_announcements(page)
    plane = page.locator(".explorable__plane")
    plane.focus()
    page.keyboard.press("ArrowRight")  # the cursor starts at (0.5, 0.5)
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")  # a class-1 point at (0.75, 0.75)
    announcements = page.evaluate("announcements")
    assert len(announcements) == 3 and announcements[-1].startswith("Added a class 1 point at (0.75, 0.75); 5 points.")
    assert page.locator(".explorable select").input_value() == "your own"
    page.locator(".explorable input[value='0']").check()
    plane.scroll_into_view_if_needed()
    box = plane.bounding_box()  # the plane spans −0.5 to 1.5 inside a 26-unit margin of its 320-unit box
    to_screen = lambda value: (26 + (value + 0.5) / 2 * 268) / 320 * box["width"]  # noqa: E731
    page.mouse.click(box["x"] + to_screen(1.25), box["y"] + box["height"] - to_screen(-0.25))
    assert page.evaluate("announcements").pop().startswith("Added a class 0 point at (1.25, −0.25); 6 points.")
    step = page.locator(".explorable button:has-text('Step')")
    step.focus()
    page.keyboard.press("Enter")  # the first example, (0, 0) of OR with label 0: w = 0, b = 0 says 1, a mistake
    assert page.evaluate("announcements").pop().startswith("w = (0, 0): no boundary; the perceptron says 0 everywhere. 1 update")
    plane.focus()
    page.keyboard.press("Delete")
    after_removing = page.evaluate("announcements").pop()  # the last point goes, and training starts again
    assert "0 updates after 0 epochs" in after_removing and "of 5 points on the wrong side" in after_removing
    assert page.locator(".explorable__plane .explorable__class0").count() == 1  # OR's (0, 0); the added one went


# ---- Gradient descent, your learning rate ------------------------------------------------------

SETTINGS = [(eta, beta, start) for eta in (0.02, 0.15, 0.19, 0.21, 0.25) for beta in (0.0, 0.5, 0.9)
            for start in ((-9.0, 1.5), (7.5, -3.25), (0.5, 0.25))]


def numpy_path(eta, beta, start, steps):
    return gd.descend(lambda theta: gd.quadratic_grad(theta, BOWL), start, Momentum(eta, beta), steps)


def test_the_descent_explorer_walks_the_path_numpy_walks(browser, site, site_url, report):
    page = open_page(browser, site_url, site, viewport={"width": 1280, "height": 900})
    start_explorable(page, site_url + DESCENT_PAGE)
    assert module_call(page, "gradient-descent-live", "(m) => m.H", None) == BOWL.tolist()  # the chapter's bowl
    paths = module_call(page, "gradient-descent-live",
                        "(m, settings) => settings.map(([eta, beta, start]) => m.descend(start, eta, beta, 100))", SETTINGS)
    losses = module_call(page, "gradient-descent-live", "(m, paths) => paths.map(path => path.map(m.quadratic))", paths)
    page.context.close()
    worst = 0.0
    for (eta, beta, start), path, loss in zip(SETTINGS, paths, losses):
        expected = numpy_path(eta, beta, start, 100)
        deviation = np.abs(np.array(path) - expected) / np.maximum(1, np.abs(expected))
        loss_deviation = np.abs(np.array(loss) - gd.quadratic(expected, BOWL)) / np.maximum(1, gd.quadratic(expected, BOWL))
        worst = max(worst, deviation.max(), loss_deviation.max())
        assert max(deviation.max(), loss_deviation.max()) < TOLERANCE, (eta, beta, start)
    report.append(f"gradient descent, live: 100 steps for {len(SETTINGS)} (η, β, start), diverging ones included, "
                  f"largest deviation from NumPy in θ and the loss {worst:.1e}")


def test_the_keyboard_sets_the_learning_rate_and_a_click_the_start(browser, site, site_url):
    page = open_page(browser, site_url, site, viewport={"width": 390, "height": 800})
    explorable = start_explorable(page, site_url + DESCENT_PAGE)
    record_announcements(page)
    explorable.locator("input[name=eta]").focus()
    for _ in range(12):
        page.keyboard.press("ArrowRight")  # 0.15 -> 0.21, past 2/λ₂ = 0.2
    announcements = page.evaluate("announcements")
    assert len(announcements) == 12  # one per key press
    expected = numpy_path(0.21, 0.0, (-9.0, 1.5), 25)
    loss = gd.quadratic(expected[-1], BOWL)
    assert announcements[-1] == (f"η = 0.21 (no momentum), from (−9, 1.5): the loss goes from "
                                 f"{three_digits(gd.quadratic(expected[0], BOWL))} to {three_digits(loss)} in 25 steps. "
                                 "The steps overshoot and grow: gradient descent diverges.")
    page.keyboard.press("Home")
    assert "from (−9, 1.5): the loss goes from 51.8" in page.evaluate("announcements").pop()
    plane = explorable.locator(".explorable__contours")
    plane.scroll_into_view_if_needed()
    box = plane.bounding_box()  # θ₁ from −10 to 10 over x 30-392 of 400; θ₂ from 4 to −4 over y 8-208 of 230
    page.mouse.click(box["x"] + (30 + (5 + 10) / 20 * 362) / 400 * box["width"],
                     box["y"] + (8 + (4 - 2) / 8 * 200) / 230 * box["height"])
    assert explorable.locator("input[name=theta1]").input_value() == "5"
    assert explorable.locator("input[name=theta2]").input_value() == "2"
    assert page.evaluate("announcements").pop().startswith("η = 0.005 (no momentum), from (5, 2)")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.context.close()


# ---- Backprop, step by step --------------------------------------------------------------------

def worked_example_inputs():
    """X, W1, b1, W2, b2 and Y as the backpropagation page's worked example sets them (its code, run)."""
    from snippets.losses import one_hot
    source = (ROOT / "snippets" / "examples" / "backpropagation.py").read_text()
    section = source.split("# --8<-- [start:worked_backward]\n")[1].split("params, activations =")[0]
    namespace = {"np": np, "one_hot": one_hot}
    exec(section, namespace)  # noqa: S102 - the book's own example, to read its numbers
    return {name: namespace[name] for name in ("X", "W1", "b1", "W2", "b2", "Y")}


def numpy_worked_example(inputs):
    from snippets.activations import softmax
    from snippets.backprop import backward
    from snippets.forward import forward
    from snippets.losses import cross_entropy, cross_entropy_grad
    params = [(inputs["W1"], inputs["b1"]), (inputs["W2"], inputs["b2"])]
    scores, cache = forward(inputs["X"], params, ["relu", "identity"])
    (_, Z1), (A1, Z2) = cache
    dZ2 = cross_entropy_grad(scores, inputs["Y"])
    (dW1, db1), (dW2, db2) = backward(dZ2, cache, params, ["relu", "identity"])
    dA1 = dZ2 @ inputs["W2"].T
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "Yhat": softmax(Z2), "L": cross_entropy(scores, inputs["Y"]), "dZ2": dZ2,
            "dW2": dW2, "db2": db2, "dA1": dA1, "dZ1": dA1 * activations.relu_grad(Z1), "dW1": dW1, "db1": db1}


def test_backprop_steps_shows_the_worked_examples_numbers_as_numpy_computes_them(browser, site, site_url, report):
    page = open_page(browser, site_url, site, viewport={"width": 1280, "height": 900})
    start_explorable(page, site_url + BACKPROP_PAGE)
    values = module_call(page, "backprop-steps", "(m) => m.workedExample()", None)
    page.context.close()
    inputs = worked_example_inputs()
    for name, array in inputs.items():  # the page's example, not a copy that could drift
        assert np.array_equal(np.array(values[name]), array), name
    worst = 0.0
    for name, expected in numpy_worked_example(inputs).items():
        deviation = np.abs(np.array(values[name]) - expected).max()
        worst = max(worst, deviation)
        assert deviation < TOLERANCE, (name, values[name], expected)
    report.append(f"backprop, step by step: the worked example's 12 matrices, largest deviation from NumPy {worst:.1e}")


def test_the_keyboard_steps_forward_and_back_and_each_step_is_said_once(browser, site, site_url):
    page = open_page(browser, site_url, site, viewport={"width": 390, "height": 800})
    explorable = start_explorable(page, site_url + BACKPROP_PAGE)
    record_announcements(page)
    explorable.locator("button:has-text('Next')").focus()
    for _ in range(13):  # 5 forward steps, 7 backward, and one press too many
        page.keyboard.press("Enter")
    announcements = page.evaluate("announcements")
    assert len(announcements) == 13 and announcements[-1].startswith("That was the last step")
    assert [text.split(",")[0] for text in announcements[:12]] == [f"Step {n} of 12" for n in range(1, 13)]
    expected = numpy_worked_example(worked_example_inputs())
    assert announcements[4] == f"Step 5 of 12, forward pass: L = −(1/m) Σ Y ⊙ log Ŷ, the cross-entropy, a number: {expected['L']:.3f}."
    shown = [[float(cell.replace("−", "-")) for cell in row.split()] for row in
             explorable.locator(".explorable__matrix tbody tr").all_inner_texts()]
    assert np.allclose(shown, expected["db1"][None, :].round(3), atol=5e-4)  # the last step: db[1]
    assert page.evaluate("document.activeElement.textContent") == "Next"  # the focus stays on the button
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # Back
    assert page.evaluate("announcements").pop().startswith("Step 11 of 12, backward pass: dW[1] = Xᵀ dZ[1], 3 × 4")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(explorable, "explorable-backprop-steps-phone")
    page.context.close()
