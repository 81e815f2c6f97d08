"""Figures and printed results of the "Why deep networks" chapter."""

import numpy as np

from snippets.depth import (count_linear_pieces, hidden_activations, label_purity, sawtooth_network,
                            top_examples, train_mnist_mlp)
from snippets.figures.described import image_markdown, require
from snippets.figures.style import BLACK, BLUE, ORANGE, VERMILION, figure, markdown_table, save
from snippets.forward import forward
from snippets.gradient_flow import SCHEME, deep_mlp, layer_gradient_norms, mean_derivatives, training_run
from snippets.losses import one_hot
from snippets.mnist import load_mnist
from snippets.neuron import count_parameters

MLP_SIZES = [784, 128, 64, 10]
MLP_ACTIVATIONS = ["relu", "relu", "identity"]
EPOCHS = 5
UNITS_SHOWN = range(6)  # the first units of each layer, not a hand-picked selection
TOP_K = 8  # images shown per unit
PURITY_K = 100  # images counted per unit in the selectivity table

DEPTH, WIDTH, SEEDS = 10, 64, range(5)
GRADIENT_BATCH = 256  # the first training images
RUNS = [  # (label, activation, layers with weights, colour, line style)
    ("sigmoid, 10 layers", "sigmoid", DEPTH, VERMILION, "-"),
    ("tanh, 10 layers", "tanh", DEPTH, ORANGE, "-"),
    ("ReLU, 10 layers", "relu", DEPTH, BLUE, "-"),
    ("sigmoid, 2 layers", "sigmoid", 2, BLACK, ":"),
]
TRAINING = dict(width=WIDTH, steps=600, batch_size=64, learning_rate=0.1, seed=0)
INIT_NAMES = {"he": "He", "xavier": "Xavier"}
NAMES = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU"}




# ---------------------------------------------------------------- depth and the sawtooth

def sawtooth(path):
    """The function computed by the hand-built ReLU network with 1, 2, 3 and 4 hidden layers."""
    x = np.linspace(0, 1, 2**10 + 1)[:, None]
    fig, axes = figure(1, 4, figsize=(11, 2.6), sharey=True)
    for depth, ax in enumerate(axes, start=1):
        params, activations = sawtooth_network(depth)
        ax.plot(x[:, 0], forward(x, params, activations)[0][:, 0], color=BLUE, lw=1.8)
        ax.set_title(f"{depth} hidden layer{'s' * (depth > 1)}, {2 * depth} ReLUs")
        ax.set_xlabel("x")
    axes[0].set_ylabel("network output")
    save(fig, path)


def sawtooth_table(path):
    """Table: pieces drawn by the deep sawtooth network against the units one hidden layer needs."""
    x = np.linspace(0, 1, 2**14 + 1)[:, None]  # every kink, at a multiple of 2^-S, is a sample point
    rows = []
    for depth in (1, 2, 3, 4, 6, 8, 10):
        params, activations = sawtooth_network(depth)
        pieces = count_linear_pieces(forward(x, params, activations)[0][:, 0])
        n_params = sum(W.size + b.size for W, b in params)
        rows.append([str(depth), str(2 * depth), str(n_params), f"{pieces:,}", f"{pieces - 1:,}",
                     f"{count_parameters([1, pieces - 1, 1]):,}"])
    path.write_text(markdown_table(
        [r"hidden layers \(S\)", "ReLU units", "parameters", "straight pieces on \\([0, 1]\\) (counted)",
         "units one hidden layer needs (at least)", "its parameters (at least)"], rows))


# ---------------------------------------------------------------- a trained MNIST network

def trained_mlp():
    """The 784-128-64-10 ReLU network and its test (loss, accuracy); trained once per code version."""
    return train_mnist_mlp(sizes=MLP_SIZES, epochs=EPOCHS, batch_size=128, learning_rate=0.05, seed=0)


def mnist_mlp_summary(path):
    """Printed: the network whose hidden units the chapter looks at."""
    params, (loss, accuracy) = trained_mlp()
    path.write_text(markdown_table(
        ["network", "parameters", "training", "test accuracy", "test loss"],
        [[f"{' → '.join(map(str, MLP_SIZES))}, ReLU", f"{count_parameters(MLP_SIZES):,}",
          f"{EPOCHS} epochs, batches of 128, momentum SGD (η = 0.05, β = 0.9)", f"{accuracy:.2%}", f"{loss:.3f}"]]))


def _test_activations():
    data = load_mnist()
    params, _ = trained_mlp()
    return data, hidden_activations(data.test_images, params, MLP_ACTIVATIONS), params


def _unit_rows(path, A, data, weights=None):
    """One row per unit: (its weight image,) its TOP_K test images titled "label (activation)",
    and a bar chart of the labels among its PURITY_K top images."""
    columns = (weights is not None) + TOP_K
    # The figure is about 12 inches wide and a page shows it in a 688 px column: at this
    # size a title is still 9 CSS px there.
    text_pt = 11.5
    fig, axes = figure(len(UNITS_SHOWN), columns + 1, figsize=(1.05 * columns + 2.6, 7.4),
                       gridspec_kw={"width_ratios": [1] * columns + [2.4]})
    for row, unit in zip(axes, UNITS_SHOWN):
        cells = iter(row)
        if weights is not None:
            ax, column = next(cells), weights[:, unit]
            limit = np.abs(column).max()
            ax.imshow(column.reshape(28, 28), cmap="RdBu_r", vmin=-limit, vmax=limit)
            ax.set_title("weights", fontsize=text_pt)
        for ax, i in zip(cells, top_examples(A, unit, TOP_K)):
            ax.imshow(data.test_images[i].reshape(28, 28), cmap="gray_r", vmin=0, vmax=1)
            ax.set_title(f"{data.test_labels[i]}  ({A[i, unit]:.1f})", fontsize=text_pt)
        for ax in row[:-1]:
            ax.axis("off")
        row[0].text(-0.12, 0.5, f"unit {unit}", transform=row[0].transAxes, ha="right", va="center", fontsize=13)
        bars = row[-1]
        counts = np.bincount(data.test_labels[top_examples(A, unit, PURITY_K)], minlength=10)
        bars.bar(range(10), counts, color=BLUE)
        bars.set_xticks(range(10), [str(d) for d in range(10)], fontsize=text_pt)
        bars.set_ylim(0, PURITY_K)
        bars.tick_params(axis="y", labelsize=text_pt)
        bars.set_title(f"digits among the top {PURITY_K}", fontsize=text_pt)
    save(fig, path)


def layer1_units(path):
    """Units 0-5 of hidden layer 1: the weight image, the test images that excite the unit most, their labels."""
    data, (A1, _, _), params = _test_activations()
    _unit_rows(path, A1, data, weights=params[0][0])


def layer2_units(path):
    """Units 0-5 of hidden layer 2: the test images that excite the unit most, and their labels."""
    data, (_, A2, _), _ = _test_activations()
    _unit_rows(path, A2, data)


def selectivity(path):
    """Table: how digit-specific each layer's units are, from their top PURITY_K test images."""
    data, layers, _ = _test_activations()
    rows = []
    for name, A in zip(["hidden layer 1", "hidden layer 2", "output layer (scores)"], layers):
        silent = np.all(A <= 0, axis=0) if name.startswith("hidden") else np.zeros(A.shape[1], bool)
        purity = label_purity(A[:, ~silent], data.test_labels, PURITY_K)
        rows.append([name, str(A.shape[1]), str(int(silent.sum())), f"{np.median(purity):.0%}",
                     f"{np.mean(purity >= 0.9):.0%}"])
    path.write_text(markdown_table(
        ["layer", "units", "silent on every test image", f"median share of the top {PURITY_K} that are one digit",
         "units with ≥ 90% one digit"], rows))


# ---------------------------------------------------------------- vanishing gradients

def gradient_norms():
    """{activation: (norms of shape (seeds, DEPTH), mean f' per hidden layer, shape (seeds, DEPTH − 1))}."""
    data = load_mnist()
    X = data.train_images[:GRADIENT_BATCH]
    Y = one_hot(data.train_labels[:GRADIENT_BATCH], 10)
    results = {}
    for activation in SCHEME:
        norms, derivatives = [], []
        for seed in SEEDS:
            params, activations = deep_mlp(784, WIDTH, DEPTH, 10, activation, np.random.default_rng(seed))
            norms.append(layer_gradient_norms(X, Y, params, activations))
            derivatives.append(mean_derivatives(X, params, activations))
        results[activation] = np.array(norms), np.array(derivatives)
    return results


def gradient_norms_figure(path):
    """Log-scale ‖dW^[ℓ]‖ against ℓ for 10-layer sigmoid, tanh and ReLU networks at initialization."""
    fig, ax = figure(figsize=(7.5, 4))
    layers = np.arange(1, DEPTH + 1)
    colours = {"sigmoid": VERMILION, "tanh": ORANGE, "relu": BLUE}
    for (activation, (norms, _)), marker in zip(gradient_norms().items(), "os^"):
        colour = colours[activation]
        ax.fill_between(layers, norms.min(axis=0), norms.max(axis=0), color=colour, alpha=0.15, lw=0)
        ax.plot(layers, np.exp(np.log(norms).mean(axis=0)), marker=marker, color=colour,
                label=f"{NAMES[activation]}, {INIT_NAMES[SCHEME[activation]]} initialization")
    ax.set_yscale("log")
    ax.set_xticks(layers)
    ax.set_xlabel("layer ℓ (1 = next to the input)")
    ax.set_ylabel("gradient norm ‖dW$^{[ℓ]}$‖")
    ax.legend(fontsize=9)
    save(fig, path)


def gradient_norms_image(path):
    geometric = {activation: np.exp(np.log(norms).mean(axis=0)) for activation, (norms, _) in gradient_norms().items()}
    steps = np.diff(np.log10(geometric["sigmoid"]))  # powers of ten gained from one layer to the next
    orders = np.log10(geometric["sigmoid"][-1] / geometric["sigmoid"][0])
    require(np.all(steps > 0) and np.ptp(steps[1:-1]) < 0.25 * steps[1:-1].mean() and orders >= 3,
            "the sigmoid network's norms fall on a straight line, by several orders of magnitude",
            f"they change by {np.round(steps, 2)} powers of ten per layer")
    spread = {activation: norms.max() / norms.min() for activation, norms in geometric.items() if activation != "sigmoid"}
    require(all(ratio < 4 for ratio in spread.values()), "the tanh and ReLU norms stay at about the same level",
            f"they vary by factors {spread}")
    image_markdown(path, "deep-networks-gradient-norms.svg",
        f"Gradient norm of each layer's weights, on a logarithmic axis, for layers 1 to {DEPTH} of three networks "
        f"at initialization. The sigmoid network's norms fall on a nearly straight line, by {orders:.0f} orders of "
        f"magnitude, from layer {DEPTH} down to layer 1. The tanh and ReLU networks' norms stay at about the same "
        f"level at every layer, within a factor of {max(spread.values()):.0f}. Shaded bands show the range over "
        f"{len(SEEDS)} random initializations.")


def gradient_norms_table(path):
    """Table: first- and last-layer gradient norms and their ratio, per activation."""
    rows = []
    for activation, (norms, derivatives) in gradient_norms().items():
        geometric = np.exp(np.log(norms).mean(axis=0))
        rows.append([NAMES[activation], INIT_NAMES[SCHEME[activation]], f"{geometric[0]:.1e}", f"{geometric[-1]:.1e}",
                     f"{geometric[0] / geometric[-1]:.1e}", f"{derivatives.mean():.2f}"])
    path.write_text(
        f"{DEPTH} layers of weights (784 → {WIDTH} → … → {WIDTH} → 10), a batch of the first {GRADIENT_BATCH} "
        f"MNIST training images; geometric means over {len(SEEDS)} random initializations.\n\n"
        + markdown_table(["hidden activation", "initialization", r"\(\lVert dW^{[1]}\rVert\)",
                          rf"\(\lVert dW^{{[{DEPTH}]}}\rVert\)",
                          rf"ratio \(\lVert dW^{{[1]}}\rVert / \lVert dW^{{[{DEPTH}]}}\rVert\)",
                          r"mean \(f'(Z)\) in the hidden layers"], rows))


def training_runs():
    """{label: (loss per step, test accuracy)} for every network of RUNS; trained once per code version."""
    return {label: training_run(activation=activation, depth=depth, **TRAINING)
            for label, activation, depth, _, _ in RUNS}


TRAINING_WINDOW = 25  # the figure shows the mean loss of this many steps


def _smoothed(losses):
    return np.convolve(losses, np.ones(TRAINING_WINDOW) / TRAINING_WINDOW, mode="valid")


def training_figure(path):
    """Training loss per step (moving average) of the deep and the shallow networks."""
    fig, ax = figure(figsize=(7.5, 3.8))
    for (label, _, _, colour, style), (losses, _) in zip(RUNS, training_runs().values()):
        ax.plot(np.arange(TRAINING_WINDOW, len(losses) + 1), _smoothed(losses), color=colour, ls=style, lw=1.8,
                label=label)
    ax.axhline(np.log(10), color="grey", lw=0.8, ls="--")
    ax.text(TRAINING["steps"] / 2, np.log(10) - 0.04, "ln 10 ≈ 2.30: the loss of guessing uniformly",
            ha="center", va="top", fontsize=8, color="grey")
    ax.set_xlabel(f"step (batches of {TRAINING['batch_size']})")
    ax.set_ylabel(f"training loss, mean of {TRAINING_WINDOW} steps")
    ax.legend(fontsize=9)
    save(fig, path)


def training_image(path):
    deep_sigmoid, deep_tanh, deep_relu, shallow = (_smoothed(losses) for losses, _ in training_runs().values())
    checkpoints = slice(0, None, 100)
    require(np.all(np.abs(deep_sigmoid - np.log(10)) < 0.05), "the deep sigmoid network's loss stays at ln 10",
            f"it ranges from {deep_sigmoid.min():.3f} to {deep_sigmoid.max():.3f}")
    require(np.all(np.diff(shallow[checkpoints]) < 0), "the 2-layer sigmoid network's loss falls steadily",
            f"every 100 steps it is {np.round(shallow[checkpoints], 3)}")
    require(max(deep_tanh[-1], deep_relu[-1]) < shallow[-1] and all(curve[100] < shallow[100] for curve in (deep_tanh, deep_relu)),
            "the deep tanh and ReLU networks' losses fall faster than the 2-layer sigmoid's",
            f"after 100 and {len(shallow)} points they are {deep_tanh[[100, -1]]}, {deep_relu[[100, -1]]} against "
            f"{shallow[[100, -1]]}")
    image_markdown(path, "deep-networks-training.svg",
        f"Training loss over {TRAINING['steps']} steps, averaged over {TRAINING_WINDOW} steps. The {DEPTH}-layer "
        f"sigmoid network's loss stays flat at ln 10, the loss of guessing uniformly. The {DEPTH}-layer tanh and "
        f"ReLU networks' losses fall quickly. The 2-layer sigmoid network's loss falls steadily, more slowly than "
        f"those of the deep tanh and ReLU networks.")


def training_table(path):
    """Table: final training loss and test accuracy of each network after the same training."""
    rows = [[label, f"{losses[-50:].mean():.3f}", f"{accuracy:.1%}"]
            for label, (losses, accuracy) in training_runs().items()]
    path.write_text(markdown_table(["network", "training loss (mean of the last 50 steps)", "test accuracy"], rows))


OUTPUTS = {
    "figures/deep-networks-sawtooth.svg": sawtooth,
    "outputs/deep-networks-sawtooth.md": sawtooth_table,
    "outputs/deep-networks-mnist-mlp.md": mnist_mlp_summary,
    "figures/deep-networks-layer1-units.png": layer1_units,
    "figures/deep-networks-layer2-units.png": layer2_units,
    "outputs/deep-networks-selectivity.md": selectivity,
    "figures/deep-networks-gradient-norms.svg": gradient_norms_figure,
    "outputs/deep-networks-gradient-norms-image.md": gradient_norms_image,
    "outputs/deep-networks-gradient-norms.md": gradient_norms_table,
    "figures/deep-networks-training.svg": training_figure,
    "outputs/deep-networks-training-image.md": training_image,
    "outputs/deep-networks-training.md": training_table,
}
