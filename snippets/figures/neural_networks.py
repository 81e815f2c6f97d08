"""Figures and printed results of the chapter "What is a neural network"."""

import numpy as np
from matplotlib.patches import Circle, Rectangle

from snippets.figures.style import BLACK, BLUE, ORANGE, VERMILION, figure, markdown_table, save
from snippets.mnist import load_mnist
from snippets.neuron import count_parameters, neuron, weighted_sum

# The worked example: three inputs, their weights, one bias.
EXAMPLE_X = np.array([0.9, 0.2, 0.5])
EXAMPLE_W = np.array([1.5, -2.0, 0.5])
EXAMPLE_B = -0.4
# Three examples as rows of a batch; the first is the worked example.
EXAMPLE_BATCH = np.array([[0.9, 0.2, 0.5], [0.0, 0.0, 0.0], [0.1, 0.9, 0.3]])

MNIST_NETWORK = (784, 16, 16, 10)
DIGIT_INDEX = 0  # the first training image, a 5
ZOOM_ROWS, ZOOM_COLS = slice(8, 14), slice(9, 15)  # a 6 × 6 patch of its stroke


def _signed(value, digits=2):
    return f"{value:.{digits}f}".replace("-", "−")


def neuron_example(path):
    """Tables: the worked neuron, input by input, then the same neuron on a batch of rows."""
    z = weighted_sum(EXAMPLE_X, EXAMPLE_W, EXAMPLE_B)
    a = neuron(EXAMPLE_X, EXAMPLE_W, EXAMPLE_B)
    rows = [[f"\\(x_{i}\\)", _signed(x), _signed(w), _signed(x * w)]
            for i, (x, w) in enumerate(zip(EXAMPLE_X, EXAMPLE_W), start=1)]
    rows += [["bias \\(b\\)", "", "", _signed(EXAMPLE_B)],
             ["\\(z = \\mathbf{x}\\cdot\\mathbf{w} + b\\)", "", "", f"**{_signed(z)}**"],
             ["\\(a = \\sigma(z)\\)", "", "", f"**{_signed(a, 4)}**"]]
    batch_z = weighted_sum(EXAMPLE_BATCH, EXAMPLE_W, EXAMPLE_B)
    batch_a = neuron(EXAMPLE_BATCH, EXAMPLE_W, EXAMPLE_B)
    batch_rows = [[str(i), ", ".join(_signed(v, 1) for v in x), _signed(zi), _signed(ai, 4)]
                  for i, (x, zi, ai) in enumerate(zip(EXAMPLE_BATCH, batch_z, batch_a), start=1)]
    path.write_text(
        markdown_table(["input", "value \\(x_i\\)", "weight \\(w_i\\)", "\\(x_i w_i\\)"], rows)
        + f"\nThe same neuron on a batch \\(X\\) of shape {EXAMPLE_BATCH.shape[0]} × {EXAMPLE_BATCH.shape[1]}, "
        "one example per row, in one call:\n\n"
        + markdown_table(["row \\(i\\)", "example \\(\\mathbf{x}_i\\)", "\\(z\\)", "\\(a = \\sigma(z)\\)"], batch_rows)
    )


def neuron_diagram(path):
    """One neuron with the worked example's numbers on it: inputs, weights, bias, z and a."""
    z = weighted_sum(EXAMPLE_X, EXAMPLE_W, EXAMPLE_B)
    a = neuron(EXAMPLE_X, EXAMPLE_W, EXAMPLE_B)
    fig, ax = figure(figsize=(7.5, 3.6))
    ax.set_aspect("equal")
    ax.axis("off")
    centre = np.array([4.2, 0.0])
    for i, (x, w, y) in enumerate(zip(EXAMPLE_X, EXAMPLE_W, [1.3, 0.0, -1.3]), start=1):
        ax.add_patch(Circle((0, y), 0.42, facecolor="white", edgecolor=BLUE, lw=1.5))
        ax.text(0, y, f"$x_{i}$\n{_signed(x, 1)}", ha="center", va="center", fontsize=10)
        colour = BLUE if w > 0 else VERMILION  # positive weights excite, negative ones inhibit
        ax.annotate("", xy=centre + 0.72 * (np.array([0, y]) - centre) / np.hypot(*(np.array([0, y]) - centre)),
                    xytext=(0.42, y), arrowprops=dict(arrowstyle="->", color=colour, lw=1 + abs(w)))
        ax.text(1.9, 0.55 * y + 0.22, f"$w_{i}$ = {_signed(w, 1)}", color=colour, ha="center", fontsize=10)
    ax.add_patch(Circle(centre, 0.72, facecolor="#f2f2f2", edgecolor=BLACK, lw=1.5))
    ax.text(*centre, "Σ  →  σ", ha="center", va="center", fontsize=13)
    ax.annotate(f"bias $b$ = {_signed(EXAMPLE_B, 1)}", xy=centre + [0, 0.72], xytext=centre + [0, 1.6],
                ha="center", fontsize=10, arrowprops=dict(arrowstyle="->", color=BLACK))
    ax.text(centre[0], -1.05, f"$z$ = {_signed(z)}", ha="center", va="top", fontsize=10)
    ax.annotate("", xy=centre + [2.0, 0], xytext=centre + [0.72, 0], arrowprops=dict(arrowstyle="->", lw=1.5))
    ax.text(centre[0] + 2.15, 0, f"$a = \\sigma(z)$\n= {_signed(a, 4)}", ha="left", va="center", fontsize=11)
    ax.set_xlim(-0.6, 8.2)
    ax.set_ylim(-1.9, 2.0)
    save(fig, path)


def mnist_digit(path):
    """One MNIST digit as a 28 × 28 grid of numbers, and the same numbers as a row of 784 inputs."""
    data = load_mnist()
    x, label = data.train_images[DIGIT_INDEX], data.train_labels[DIGIT_INDEX]
    image = x.reshape(28, 28)  # row r, column c is input 28·r + c
    fig, axes = figure(2, 2, figsize=(10, 6.6), gridspec_kw={"height_ratios": [6, 1], "width_ratios": [1, 1]})
    grid = axes[1, 0].get_gridspec()
    for ax in axes[1]:
        ax.remove()
    strip = fig.add_subplot(grid[1, :])
    big, zoom = axes[0]
    rows, cols = range(28)[ZOOM_ROWS], range(28)[ZOOM_COLS]

    big.imshow(image, cmap="gray_r", vmin=0, vmax=1)
    big.set_xticks(np.arange(-0.5, 28, 1), minor=True)
    big.set_yticks(np.arange(-0.5, 28, 1), minor=True)
    big.grid(which="minor", color="#bbbbbb", lw=0.3)
    big.grid(which="major", visible=False)
    big.tick_params(which="minor", length=0)
    big.set_xticks([0, 9, 14, 27])
    big.set_yticks([0, 8, 13, 27])
    big.set_xlabel("column")
    big.set_ylabel("row")
    big.set_title(f"a handwritten {label}: 28 × 28 = {x.size} pixels")
    big.add_patch(Rectangle((cols[0] - 0.5, rows[0] - 0.5), len(cols), len(rows), fill=False, ec=ORANGE, lw=2))

    zoom.imshow(image[ZOOM_ROWS, ZOOM_COLS], cmap="gray_r", vmin=0, vmax=1.6)  # light, so the numbers stay legible
    for r, row in enumerate(rows):
        for c, col in enumerate(cols):
            zoom.text(c, r - 0.1, f"{image[row, col]:.2f}", ha="center", va="center", fontsize=11)
            zoom.text(c, r + 0.28, f"input {28 * row + col}", ha="center", va="center", fontsize=9.5, color="#222222")
    zoom.set_xticks(range(len(cols)), [str(c) for c in cols])
    zoom.set_yticks(range(len(rows)), [str(r) for r in rows])
    zoom.grid(False)
    zoom.set_xlabel("column")
    zoom.set_ylabel("row")
    zoom.set_title("zoom: pixel values, 0 = white … 1 = black")
    for spine in zoom.spines.values():
        spine.set(visible=True, color=ORANGE, lw=2)

    strip.imshow(x[None, :], cmap="gray_r", vmin=0, vmax=1, aspect="auto", interpolation="nearest")
    for row in rows:  # where the zoomed pixels end up once the rows are laid end to end
        strip.add_patch(Rectangle((28 * row + cols[0] - 0.5, -0.5), len(cols), 1, fill=False, ec=ORANGE, lw=1.2))
    strip.set_yticks([])
    strip.set_xticks([0, 100, 200, 300, 400, 500, 600, 700, x.size - 1])
    strip.grid(False)
    strip.set_xlabel(f"the same image flattened: {x.size} input neurons, input index = 28 × row + column")
    save(fig, path)


def draw_network(ax, sizes, names=None, max_shown=10, input_labels=None, output_labels=None):
    """Draw a fully connected network: one column of circles per layer, every neuron joined to the next layer.

    A layer with more than ``max_shown`` neurons is drawn as its first and last
    ``max_shown // 2`` neurons with an ellipsis between; each column is captioned
    with its name and true size. ``input_labels``/``output_labels`` map a neuron's
    index to a label written beside the first/last layer. Returns, per layer, the
    (index, x, y) of every neuron drawn.
    """
    names = names or ["input layer"] + [f"hidden layer {l}" for l in range(1, len(sizes) - 1)] + ["output layer"]
    half = max_shown // 2
    layers = []
    for l, n in enumerate(sizes):
        shown = list(range(n)) if n <= max_shown else list(range(half)) + list(range(n - half, n))
        slots = [i if i < half or n <= max_shown else i - (n - 2 * half) + 1 for i in shown]
        top = (min(n, 2 * half + 1) - 1) / 2
        layers.append([(i, 3.0 * l, top - s) for i, s in zip(shown, slots)])
        if n > max_shown:
            ax.text(3.0 * l, top - half, "⋮", ha="center", va="center", fontsize=16)
    bottom = -(min(max(sizes), 2 * half + 1) - 1) / 2
    for l, n in enumerate(sizes):
        ax.text(3.0 * l, bottom - 0.8, f"{names[l]}\n{n:,} neurons", ha="center", va="top", fontsize=10)
    for left, right in zip(layers[:-1], layers[1:]):
        for _, x0, y0 in left:
            for _, x1, y1 in right:
                ax.plot([x0, x1], [y0, y1], color="#999999", lw=0.4, zorder=1)
    for l, layer in enumerate(layers):
        colour = BLUE if l == 0 else ORANGE if l == len(layers) - 1 else "#666666"
        for i, x, y in layer:
            ax.add_patch(Circle((x, y), 0.32, facecolor="white", edgecolor=colour, lw=1.4, zorder=2))
            if l == 0 and input_labels:
                ax.text(x - 0.5, y, input_labels(i), ha="right", va="center", fontsize=8)
            if l == len(layers) - 1 and output_labels:
                ax.text(x + 0.5, y, output_labels(i), ha="left", va="center", fontsize=9)
    ax.set_xlim(-2.2, 3.0 * (len(sizes) - 1) + 1.6)
    ax.set_ylim(bottom - 2.4, -bottom + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    return layers


def mnist_network(path):
    """The 784 → 16 → 16 → 10 network that reads an MNIST digit."""
    fig, ax = figure(figsize=(7, 5.6))
    draw_network(ax, MNIST_NETWORK, input_labels=lambda i: f"pixel {i}",
                 output_labels=lambda i: f"“{i}”")
    ax.set_title(f"{' → '.join(map(str, MNIST_NETWORK))}: {count_parameters(MNIST_NETWORK):,} weights and biases")
    save(fig, path)


def parameter_table(path):
    """Table: the weights and biases of each layer of the 784 → 16 → 16 → 10 network, and the total."""
    rows = []
    for l, (n_in, n_out) in enumerate(zip(MNIST_NETWORK[:-1], MNIST_NETWORK[1:]), start=1):
        rows.append([f"{l}", f"{n_in} → {n_out}", f"{n_in} × {n_out}", f"1 × {n_out}",
                     f"{n_in * n_out:,}", f"{n_out:,}", f"{count_parameters([n_in, n_out]):,}"])
    rows.append(["", "", "", "", "", "**total**", f"**{count_parameters(MNIST_NETWORK):,}**"])
    path.write_text(markdown_table(
        ["layer \\(\\ell\\)", "neurons", "\\(W^{[\\ell]}\\)", "\\(\\mathbf{b}^{[\\ell]}\\)", "weights", "biases",
         "parameters"], rows))


OUTPUTS = {
    "figures/neural-networks-neuron.svg": neuron_diagram,
    "figures/neural-networks-mnist-digit.png": mnist_digit,
    "figures/neural-networks-mnist-network.svg": mnist_network,
    "outputs/neural-networks-neuron-example.md": neuron_example,
    "outputs/neural-networks-parameters.md": parameter_table,
}

SHOWS_NO_RESULT = {
    "figures/neural-networks-mnist-network.svg": (
        "a drawing of the 784 → 16 → 16 → 10 network's layers and connections; it computes nothing (the parameter "
        "count in its title is the total of the parameter table after it, which has its own Run it yourself block)"),
}
