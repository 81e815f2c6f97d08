"""Figures and printed results of the forward-propagation chapter."""

import time

import numpy as np
from matplotlib.patches import Rectangle

from snippets.activations import softmax
from snippets.figures.described import image_markdown, require
from snippets.figures.style import BLACK, BLUE, GREEN, ORANGE, PURPLE, VERMILION, figure, markdown_table, save
from snippets.forward import forward, init_params


# --8<-- [start:worked_example]
def worked_example():
    """A batch of m = 4 examples through a 3 → 4 → 2 network: ReLU hidden layer, raw scores out."""
    rng = np.random.default_rng(3)
    X = rng.integers(-2, 3, size=(4, 3)).astype(np.float64)
    params = init_params([3, 4, 2], rng, scheme="he", dtype=np.float64)
    # Round the weights, and give the biases small values, so the arithmetic can be followed by hand.
    params = [(W.round(1), rng.normal(0, 0.5, size=b.shape).round(1)) for W, b in params]
    scores, cache = forward(X, params, ["relu", "identity"])
    return X, params, cache, scores, softmax(scores)
# --8<-- [end:worked_example]


def _matrix(M, digits):
    """LaTeX bmatrix of M (a 1-D array is one row), rounded to ``digits`` decimals."""
    def entry(v):
        text = f"{v:.{digits}f}"
        return text.lstrip("-") if float(text) == 0 else text  # no "−0.00"

    body = r" \\ ".join(" & ".join(entry(v) for v in row) for row in np.atleast_2d(M))
    return r"\begin{bmatrix}" + body + r"\end{bmatrix}"


def worked_example_output(path):
    """Shape table of the worked example, then every matrix of its forward pass."""
    X, ((W1, b1), (W2, b2)), ((_, Z1), (A1, Z2)), scores, Y_hat = worked_example()
    quantities = [
        ("\\(X = A^{[0]}\\)", "the input batch", X),
        ("\\(W^{[1]}\\)", "weights of layer 1", W1),
        ("\\(\\mathbf{b}^{[1]}\\)", "biases of layer 1 (one row)", b1[None, :]),
        ("\\(Z^{[1]}\\)", "\\(A^{[0]}W^{[1]} + \\mathbf{b}^{[1]}\\)", Z1),
        ("\\(A^{[1]}\\)", "\\(\\operatorname{ReLU}(Z^{[1]})\\)", A1),
        ("\\(W^{[2]}\\)", "weights of layer 2", W2),
        ("\\(\\mathbf{b}^{[2]}\\)", "biases of layer 2 (one row)", b2[None, :]),
        ("\\(Z^{[2]}\\)", "\\(A^{[1]}W^{[2]} + \\mathbf{b}^{[2]}\\), the scores", Z2),
        ("\\(\\hat{Y}\\)", "\\(\\operatorname{softmax}(Z^{[2]})\\), row by row", Y_hat),
    ]
    table = markdown_table(["quantity", "what it is", "shape"],
                            [[name, what, " × ".join(map(str, M.shape))] for name, what, M in quantities])
    assert scores is Z2  # the identity output layer hands back Z itself
    # Short enough lines that each fits a page's text column (at a desktop width).
    lines = [
        rf"\[ X = {_matrix(X, 0)}, \qquad W^{{[1]}} = {_matrix(W1, 1)}, \]",
        rf"\[ \mathbf{{b}}^{{[1]}} = {_matrix(b1, 1)}, \]",
        rf"\[ Z^{{[1]}} = XW^{{[1]}} + \mathbf{{b}}^{{[1]}} = {_matrix(Z1, 1)}, \]",
        rf"\[ A^{{[1]}} = \operatorname{{ReLU}}(Z^{{[1]}}) = {_matrix(A1, 1)}, \qquad W^{{[2]}} = {_matrix(W2, 1)}, \]",
        rf"\[ \mathbf{{b}}^{{[2]}} = {_matrix(b2, 1)}, \qquad "
        rf"Z^{{[2]}} = A^{{[1]}}W^{{[2]}} + \mathbf{{b}}^{{[2]}} = {_matrix(Z2, 2)}, \]",
        rf"\[ \hat{{Y}} = \operatorname{{softmax}}(Z^{{[2]}}) = {_matrix(Y_hat, 3)}. \]",
    ]
    path.write_text(table + "\n" + "\n\n".join(lines) + "\n")


# --8<-- [start:timing]
def time_loop_vs_matmul(n_in, n_out, m=10_000, seed=0):
    """Seconds to compute Z = XW + b one example (row) at a time, and as one matrix product."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n_in)).astype(np.float32)
    (W, b), = init_params([n_in, n_out], rng)
    start = time.perf_counter()
    Z_loop = np.stack([x @ W + b for x in X])  # m vector-matrix products, one per example
    loop = time.perf_counter() - start
    start = time.perf_counter()
    Z = X @ W + b  # one matrix-matrix product for the whole batch
    matmul = time.perf_counter() - start
    return loop, matmul, float(np.abs(Z - Z_loop).max() / np.abs(Z).max())
# --8<-- [end:timing]


def timing_output(path):
    """Table: the loop and the single product for m = 10,000 rows, two layer sizes (best of three runs)."""
    rows, difference = [], 0.0
    for n_in, n_out, what in [(784, 128, "an MNIST hidden layer"), (32, 32, "a small layer")]:
        runs = [time_loop_vs_matmul(n_in, n_out, seed=seed) for seed in range(3)]
        loop, matmul = min(r[0] for r in runs), min(r[1] for r in runs)
        difference = max(difference, *(r[2] for r in runs))
        rows.append([f"{n_in} → {n_out} ({what})", f"{loop * 1e3:.1f} ms", f"{matmul * 1e3:.2f} ms",
                     f"{loop / matmul:.0f}×"])
    header = ["layer", "loop over the 10,000 rows", "one product `X @ W + b`", "speed-up"]
    path.write_text(markdown_table(header, rows) + "\nLargest difference between the two results, "
                    f"relative to the largest entry: {difference:.1e}.\n")


def shapes_diagram(path):
    """The forward pass of the worked example as blocks of cells: one cell per matrix entry."""
    m, sizes = 4, [3, 4, 2]
    fig, ax = figure(figsize=(10, 2.6))
    ax.set_aspect("equal")
    ax.axis("off")
    x = 0.0

    def block(rows, cols, colour, label, shape, top=0.0):
        nonlocal x
        for r in range(rows):
            for c in range(cols):
                ax.add_patch(Rectangle((x + c, top - r - 1), 1, 1, facecolor=colour, edgecolor="white",
                                       lw=1.5, alpha=0.85))
        ax.text(x + cols / 2, top + 0.35, label, ha="center", va="bottom", fontsize=12)
        ax.text(x + cols / 2, -m - 0.4, shape, ha="center", va="top", fontsize=10, color=BLACK)
        x += cols

    def symbol(text, width=1.2):
        nonlocal x
        ax.text(x + width / 2, -m / 2, text, ha="center", va="center", fontsize=16)
        x += width

    block(m, sizes[0], BLUE, "$X$", f"$m \\times n_0$\n{m} × {sizes[0]}")
    symbol("·")
    block(sizes[0], sizes[1], ORANGE, "$W^{[1]}$", f"$n_0 \\times n_1$\n{sizes[0]} × {sizes[1]}")
    symbol("+")
    block(1, sizes[1], GREEN, "$\\mathbf{b}^{[1]}$", f"$1 \\times n_1$\n1 × {sizes[1]}\n(added to every row)")
    symbol("=")
    block(m, sizes[1], PURPLE, "$Z^{[1]}$", f"$m \\times n_1$\n{m} × {sizes[1]}")
    symbol("$\\overset{f}{\\longrightarrow}$", 1.6)
    block(m, sizes[1], PURPLE, "$A^{[1]}$", f"$m \\times n_1$\n{m} × {sizes[1]}")
    symbol("·")
    block(sizes[1], sizes[2], ORANGE, "$W^{[2]}$", f"$n_1 \\times n_2$\n{sizes[1]} × {sizes[2]}")
    symbol("+")
    block(1, sizes[2], GREEN, "$\\mathbf{b}^{[2]}$", f"$1 \\times n_2$\n1 × {sizes[2]}")
    symbol("=")
    block(m, sizes[2], VERMILION, "$Z^{[2]}$", f"$m \\times n_2$\n{m} × {sizes[2]}")
    ax.set_xlim(-0.3, x + 0.3)
    ax.set_ylim(-m - 2.0, 1.2)
    save(fig, path)


INIT_WIDTH, INIT_DEPTH = 256, 15
INIT_SCHEMES = [("He: std $\\sqrt{2/n_{in}}$", BLUE), ("Xavier: std $\\sqrt{2/(n_{in}+n_{out})}$", ORANGE),
                ("std 0.01", VERMILION)]


def initialization_spreads():
    """{activation: one list per scheme (He, Xavier, std 0.01) of each layer's activation spread}."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(1000, INIT_WIDTH))
    sizes = [INIT_WIDTH] * (INIT_DEPTH + 1)
    too_small = [(rng.normal(0, 0.01, size=(INIT_WIDTH, INIT_WIDTH)), np.zeros(INIT_WIDTH)) for _ in range(INIT_DEPTH)]
    schemes = [init_params(sizes, rng, "he", np.float64), init_params(sizes, rng, "xavier", np.float64), too_small]
    spreads = {}
    for name in ["relu", "tanh"]:
        spreads[name] = []
        for params in schemes:
            out, cache = forward(X, params, [name] * INIT_DEPTH)
            spreads[name].append(np.array([A.std() for A, _ in cache[1:]] + [out.std()]))
    return spreads


def initialization_scales(path):
    """Spread (standard deviation) of the activations, layer by layer, for several initializations."""
    fig, axes = figure(1, 2, figsize=(10, 3.8), sharey=True)
    for ax, (name, spreads) in zip(axes, initialization_spreads().items()):
        for (label, colour), stds in zip(INIT_SCHEMES, spreads):
            ax.semilogy(range(1, INIT_DEPTH + 1), stds, "o-", color=colour, label=label, ms=4)
        ax.set_title(f"{INIT_DEPTH} {'ReLU' if name == 'relu' else 'tanh'} layers of {INIT_WIDTH} units")
        ax.set_xlabel("layer $\\ell$")
    axes[0].set_ylabel("standard deviation of $A^{[\\ell]}$")
    axes[0].legend(frameon=False)
    save(fig, path)


def initialization_image(path):
    (relu_he, relu_xavier, relu_small), (tanh_he, tanh_xavier, tanh_small) = initialization_spreads().values()

    def per_layer(stds):  # the average factor from one layer to the next
        return (stds[-1] / stds[0]) ** (1 / (len(stds) - 1))

    def span(stds):
        return f"from {stds[0]:.2g} to {stds[-1]:.2g}"

    shrinking = {"ReLU, Xavier": relu_xavier, "ReLU, std 0.01": relu_small, "tanh, Xavier": tanh_xavier,
                 "tanh, std 0.01": tanh_small}
    for name, stds in shrinking.items():
        require(np.all(np.diff(stds) < 0), f"the spread shrinks at every layer for {name}", f"it is {stds}")
    require(np.all((relu_he > 0.5) & (relu_he < 2)), "He keeps ReLU layers' spread near 1", f"it is {relu_he}")
    require(tanh_he[-1] < tanh_he[0] and np.ptp(tanh_he[-5:]) < 0.05 * tanh_he[-1],
            "He's tanh spread falls and then settles", f"it is {tanh_he}")
    require(per_layer(tanh_xavier) > 0.8 and per_layer(relu_xavier) < per_layer(tanh_xavier),
            "Xavier's tanh spread shrinks slowly", f"its factor per layer is {per_layer(tanh_xavier):.2f}")
    image_markdown(path, "forward-propagation-init.svg",
        f"Two panels with a logarithmic vertical axis: the standard deviation of each layer's activations, for "
        f"layers 1 to {INIT_DEPTH}. Left, ReLU layers: with He initialization the spread stays near 1 at every "
        f"layer ({relu_he[0]:.2g} at layer 1, {relu_he[-1]:.2g} at layer {INIT_DEPTH}, {per_layer(relu_he):.2f} "
        f"per layer on average); with Xavier it shrinks steadily, multiplied by {per_layer(relu_xavier):.2f} per "
        f"layer, {span(relu_xavier)}; with weights of standard deviation 0.01 it is multiplied by "
        f"{per_layer(relu_small):.2f} per layer, {span(relu_small)}. Right, tanh layers: with He the spread falls "
        f"from {tanh_he[0]:.2g} and settles near {tanh_he[-1]:.2g} ({per_layer(tanh_he):.2f} per layer on "
        f"average); with Xavier it shrinks slowly, multiplied by {per_layer(tanh_xavier):.2f} per layer, "
        f"{span(tanh_xavier)}; standard deviation 0.01 again collapses, multiplied by {per_layer(tanh_small):.2f} "
        f"per layer, {span(tanh_small)}.")


OUTPUTS = {
    "outputs/forward-propagation-example.md": worked_example_output,
    "outputs/forward-propagation-timing.md": timing_output,
    "figures/forward-propagation-shapes.svg": shapes_diagram,
    "figures/forward-propagation-init.svg": initialization_scales,
    "outputs/forward-propagation-init-image.md": initialization_image,
}

SHOWS_NO_RESULT = {
    "figures/forward-propagation-shapes.svg": (
        "a drawing of the worked example's matrices as grids, one square per entry: its shapes are the chosen "
        "layer sizes, and it computes nothing"),
}
