"""Figures and printed results of the backpropagation chapter."""

import functools

import numpy as np

from snippets import losses
from snippets.backprop import XOR_X, XOR_Y, gradient_check, train_xor_network
from snippets.figures.described import image_markdown, require
from snippets.figures.style import BLACK, BLUE, GREEN, ORANGE, VERMILION, figure, markdown_table, save
from snippets.forward import init_params

XOR_LEARNING_RATES = (0.1, 1.0, 10.0)


@functools.cache
def xor_runs():
    """{η: (predictions, loss history, prediction for [1, 0, 0])} after 10,000 epochs."""
    return {eta: train_xor_network(learning_rate=eta, epochs=10_000, seed=1) for eta in XOR_LEARNING_RATES}


def computational_graph(path):
    """The two-layer network as a graph drawn top to bottom, narrow enough for a phone: the forward pass
    in black down the middle, the gradients flowing back up in vermilion."""
    fig, ax = figure(figsize=(6.3, 7.4))
    ax.axis("off")
    ax.set_xlim(0, 6.3)
    ax.set_ylim(0, 7.4)
    box = dict(boxstyle="round,pad=0.35", facecolor="white", edgecolor=BLACK, lw=1.2)
    param_box = dict(boxstyle="round,pad=0.3", facecolor="#eaf2fa", edgecolor=BLUE, lw=1.0)

    def node(x, y, text, style=box, size=13):
        return ax.text(x, y, text, ha="center", va="center", fontsize=size, bbox=style, zorder=3)

    def arrow(a, anchor_a, b, anchor_b, colour=BLACK, rad=0.0, ls="-"):
        """From a point of text a's box to a point of text b's box (anchors in box fractions)."""
        ax.annotate("", xy=anchor_b, xycoords=b, xytext=anchor_a, textcoords=a, zorder=2, arrowprops=dict(
            arrowstyle="-|>", color=colour, lw=1.4, ls=ls, shrinkA=5, shrinkB=5, connectionstyle=f"arc3,rad={rad}"))

    x_chain, rows = 3.0, [7.05, 5.95, 4.75, 3.55, 2.35, 1.25]
    chain = [node(x_chain, rows[0], "$X$"),
             node(x_chain, rows[1], "$Z^{[1]} = XW^{[1]} + \\mathbf{b}^{[1]}$"),
             node(x_chain, rows[2], "$A^{[1]} = f(Z^{[1]})$"),
             node(x_chain, rows[3], "$Z^{[2]} = A^{[1]}W^{[2]} + \\mathbf{b}^{[2]}$"),
             node(x_chain, rows[4], "$\\hat{Y} = \\mathrm{softmax}(Z^{[2]})$"),
             node(x_chain, rows[5], "$\\mathcal{L}$", size=15)]
    for a, b in zip(chain[:-1], chain[1:]):
        arrow(a, (0.5, 0), b, (0.5, 1))
    arrow(node(x_chain + 1.3, rows[5], "$Y$", param_box), (0, 0.5), chain[-1], (1, 0.5))

    # Each layer's parameters to the right of its Z box, W above b, each with its gradient beside it.
    for layer, op in [(1, chain[1]), (2, chain[3])]:
        y = rows[2 * layer - 1]
        dZ, A_T = f"dZ^{{[{layer}]}}", "X^\\top" if layer == 1 else "A^{[1]\\top}"
        for dy, name, grad, where in [(0.42, f"$W^{{[{layer}]}}$", f"$dW^{{[{layer}]}} = {A_T} {dZ}$", 0.8),
                                      (-0.42, f"$\\mathbf{{b}}^{{[{layer}]}}$",
                                       f"$d\\mathbf{{b}}^{{[{layer}]}} = \\sum_i {dZ}_{{i}}$", 0.2)]:
            param = node(5.45, y + dy, name, param_box, size=12)
            arrow(param, (0, 0.5 - 0.3 * np.sign(dy)), op, (1, where - 0.12 * np.sign(dy)))
            arrow(op, (1, where + 0.12 * np.sign(dy)), param, (0, 0.5 + 0.3 * np.sign(dy)), VERMILION,
                  rad=-0.25 * np.sign(dy), ls="--")
            ax.text(5.45, y + 2.1 * dy, grad, ha="center", va="center", fontsize=12, color=VERMILION)

    backward = [(5, 3, "$dZ^{[2]} = (\\hat{Y} - Y)/m$"),
                (3, 2, "$dA^{[1]} = dZ^{[2]} W^{[2]\\top}$"),
                (2, 1, "$dZ^{[1]} = dA^{[1]} \\odot f'(Z^{[1]})$")]
    for a, b, label in backward:
        arrow(chain[a], (0, 0.5), chain[b], (0, 0.5), VERMILION, rad=-0.35)
        ax.text(1.85, (rows[a] + rows[b]) / 2, label, ha="right", va="center", fontsize=12, color=VERMILION,
                bbox=dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none"), zorder=4)
    ax.text(0.05, 0.35, "black: forward pass, computing values\ncoloured: backward pass, "
            "computing gradients", fontsize=12, color=BLACK, va="center", linespacing=1.3)
    save(fig, path)


def xor_output(path):
    """Table: the final predictions for each learning rate, the final loss, and the unseen input."""
    runs = xor_runs()
    header = ["input \\(\\mathbf{x}\\)", "target \\(y\\)"]
    header += [f"\\(\\hat{{y}}\\), \\(\\eta = {eta:g}\\)" for eta in runs]
    rows = [[str(x.astype(int).tolist()), f"{y[0]:.0f}"] + [f"{run[0][i, 0]:.3f}" for run in runs.values()]
            for i, (x, y) in enumerate(zip(XOR_X, XOR_Y))]
    rows.append(["final loss \\(\\mathcal{L}\\) (MSE)", ""]
                + [f"{losses.mse(run[0], XOR_Y):.1e}" for run in runs.values()])
    rows.append(["epochs until \\(\\mathcal{L} < 0.01\\)", ""]
                + [f"{np.argmax(run[1] < 0.01):,}" if (run[1] < 0.01).any() else "not within 10,000"
                   for run in runs.values()])
    rows.append(["unseen input [1, 0, 0]", "?"] + [f"{run[2]:.3f}" for run in runs.values()])
    path.write_text(markdown_table(header, rows))


def xor_loss_curves(path):
    """MSE against epoch for each learning rate (left), and against η × epoch (right)."""
    fig, (ax, scaled) = figure(1, 2, figsize=(11, 3.8), sharey=True)
    for (eta, run), colour, width in zip(xor_runs().items(), [BLUE, ORANGE, GREEN], [5, 2, 1.5]):
        epochs = np.arange(1, len(run[1]) + 1)
        ax.semilogy(epochs, run[1], color=colour, lw=2, label=f"$\\eta = {eta:g}$")
        scaled.semilogy(eta * epochs, run[1], color=colour, lw=width)  # wide η = 0.1 line: visible under the others
    for a in (ax, scaled):
        a.axhline(0.25, color=BLACK, lw=0.8, ls=":")
    ax.text(10_000, 0.27, "0.25: predicting 0.5 for every input", ha="right", va="bottom")
    ax.set(xlabel="epoch", ylabel="loss $\\mathcal{L}$ (MSE)", title="XOR, 3 → 4 → 1 sigmoid network, seed 1")
    ax.legend(frameon=False, loc="lower left")
    scaled.set(xlabel="$\\eta$ × epoch", xlim=(0, 3000), title="the same runs against $\\eta$ × epoch")
    save(fig, path)


def xor_loss_image(path):
    runs = xor_runs()
    histories = {eta: run[1] for eta, run in runs.items()}
    start = {round(h[0], 3) for h in histories.values()}
    leaves = {eta: int(np.argmax(h < 0.2)) for eta, h in histories.items()}  # the first epoch below 0.2
    slow, middle, fast = XOR_LEARNING_RATES
    require(len(start) == 1, "all three runs start at the same loss", f"they start at {sorted(start)}")
    plateaus = {eta: float(np.median(h[:leaves[eta]])) for eta, h in histories.items()}
    require(all(0.23 < level < 0.26 for level in plateaus.values()), "every run sits on a plateau near 0.25 "
            "before it falls below 0.2", f"the median losses before that are {plateaus}")
    require(np.all(np.diff(histories[middle]) <= 0), f"the loss for rate {middle:g} only decreases",
            "it rises at times")

    def distance(eta):  # the largest log-ratio to the middle rate's curve, against η × epoch
        grid = np.arange(10, slow * len(histories[slow]), 10.0)
        here = np.interp(grid, eta * np.arange(1, len(histories[eta]) + 1), histories[eta])
        there = np.interp(grid, middle * np.arange(1, len(histories[middle]) + 1), histories[middle])
        return np.max(np.abs(np.log(here / there)))

    require(distance(slow) < 0.1 and distance(fast) < 0.5, "the curves nearly coincide against η × epoch",
            f"they differ by factors up to {np.exp(distance(slow)):.2f} and {np.exp(distance(fast)):.2f}")
    epochs = len(histories[slow])
    image_markdown(path, "backpropagation-xor-loss.svg",
        f"Two panels with a logarithmic loss axis. Left: the loss against the epoch for learning rates "
        f"{slow:g}, {middle:g} and {fast:g}. All three start at {start.pop():.3f} and stay on a plateau near 0.25 "
        f"for a while: the loss first falls below 0.2 after {leaves[fast]:,} epochs for rate {fast:g}, after "
        f"{leaves[middle]:,} for rate {middle:g}, and after {leaves[slow]:,} of the {epochs:,} epochs for rate "
        f"{slow:g}, whose loss only starts to fall at the very end. After leaving the plateau the loss drops "
        f"steeply and then keeps decreasing slowly. Right: the same three curves against learning rate times "
        f"epoch: they nearly coincide, the rate-{slow:g} curve ending where it reaches {slow * epochs:,.0f} and the "
        f"rate-{fast:g} curve wobbling slightly around the drop.")


def gradient_check_output(path):
    """Table: backprop against central differences, parameter by parameter, for two small networks."""
    rng = np.random.default_rng(0)
    cases = [("cross-entropy on scores", [4, 5, 4, 3], ["tanh", "relu", "identity"],
              losses.cross_entropy, losses.cross_entropy_grad),
             ("MSE, sigmoid output", [4, 5, 4, 3], ["gelu", "elu", "sigmoid"], losses.mse, losses.mse_grad)]
    rows = []
    for name, sizes, activations, loss, loss_grad in cases:
        params = [(W, 0.1 * rng.normal(size=b.shape)) for W, b in init_params(sizes, rng, "xavier", np.float64)]
        X = rng.normal(size=(6, sizes[0]))
        Y = (losses.one_hot(rng.integers(0, sizes[-1], size=6), sizes[-1], dtype=np.float64)
             if loss is losses.cross_entropy else rng.uniform(size=(6, sizes[-1])))
        for layer, ((W, _), (error_W, error_b)) in enumerate(zip(params, gradient_check(X, Y, params, activations,
                                                                                         loss, loss_grad)), start=1):
            rows.append([name if layer == 1 else "", f"{layer} ({activations[layer - 1]})",
                         " × ".join(map(str, W.shape)), f"{error_W:.1e}", f"{error_b:.1e}"])
    path.write_text(markdown_table(["network 4 → 5 → 4 → 3, loss", "layer \\(\\ell\\) (activation)",
                                     "shape of \\(W^{[\\ell]}\\)", "relative error of \\(dW^{[\\ell]}\\)",
                                     "relative error of \\(d\\mathbf{b}^{[\\ell]}\\)"], rows))


OUTPUTS = {
    "figures/backpropagation-graph.svg": computational_graph,
    "outputs/backpropagation-xor.md": xor_output,
    "figures/backpropagation-xor-loss.svg": xor_loss_curves,
    "outputs/backpropagation-xor-loss-image.md": xor_loss_image,
    "outputs/backpropagation-gradient-check.md": gradient_check_output,
}

SHOWS_NO_RESULT = {
    "figures/backpropagation-graph.svg": (
        "a drawing of the two-layer network's computational graph and the formulas of its gradients; "
        "it computes nothing"),
}
