"""Figures of the activation-functions chapter."""

import numpy as np

from snippets import activations as act
from snippets.figures.style import BLUE, VERMILION, figure, markdown_table, save

CURVES = [
    ("Sigmoid σ(z)", act.sigmoid, act.sigmoid_grad),
    ("tanh(z)", act.tanh, act.tanh_grad),
    ("ReLU(z)", act.relu, act.relu_grad),
    ("Leaky ReLU (α = 0.1)", lambda z: act.leaky_relu(z, 0.1), lambda z: act.leaky_relu_grad(z, 0.1)),
    ("ELU (α = 1)", act.elu, act.elu_grad),
    ("Swish z·σ(z)", act.swish, act.swish_grad),
    ("GELU z·Φ(z)", act.gelu, act.gelu_grad),
]


def activation_functions(path):
    """Each activation (solid) and its derivative (dashed) on z ∈ [−5, 5]."""
    z = np.linspace(-5, 5, 1001)
    fig, axes = figure(2, 4, figsize=(11, 5), sharex=True)
    for ax, (title, f, f_grad) in zip(axes.flat, CURVES):
        ax.plot(z, f(z), color=BLUE, lw=2, label="f(z)")
        ax.plot(z, f_grad(z), color=VERMILION, lw=1.5, ls="--", label="f′(z)")
        ax.axhline(0, color="black", lw=0.6)
        ax.axvline(0, color="black", lw=0.6)
        ax.set_title(title)
        ax.set_ylim(-1.5, 3)
    axes.flat[-1].axis("off")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    axes.flat[-1].legend(handles, ["function f(z)", "derivative f′(z)"], loc="center", fontsize=12, frameon=False)
    for ax in axes[1]:
        ax.set_xlabel("z")
    save(fig, path)


def gelu_error(path):
    """Table: largest gap between exact GELU and its tanh approximation, and where it occurs."""
    z = np.linspace(-10, 10, 200_001)
    gap = np.abs(act.gelu(z) - act.gelu_tanh(z))
    grad_gap = np.abs(act.gelu_grad(z) - act.gelu_tanh_grad(z))
    rows = [
        ["GELU(z)", f"{gap.max():.2e}", f"{z[gap.argmax()]:+.3f}"],
        ["GELU′(z)", f"{grad_gap.max():.2e}", f"{z[grad_gap.argmax()]:+.3f}"],
    ]
    path.write_text(markdown_table(["quantity", "largest absolute difference", "at z"], rows))


def linear_collapse(path):
    """Table: three linear layers equal one; with ReLU in between they do not."""
    rng = np.random.default_rng(0)
    sizes = [4, 8, 8, 3]
    weights = [rng.normal(size=(m, n)) for m, n in zip(sizes[:-1], sizes[1:])]
    biases = [rng.normal(size=n) for n in sizes[1:]]
    X = rng.normal(size=(5, sizes[0]))

    stacked, hidden = X, X
    for W, b in zip(weights, biases):
        stacked = stacked @ W + b
    for W, b in zip(weights[:-1], biases[:-1]):
        hidden = act.relu(hidden @ W + b)
    with_relu = hidden @ weights[-1] + biases[-1]
    W, b = act.collapse_linear_layers(weights, biases)
    one_layer = X @ W + b
    rows = [
        ["three linear layers vs. one layer (W, b)", f"{np.abs(stacked - one_layer).max():.1e}"],
        ["three layers with ReLU in between vs. the same (W, b)", f"{np.abs(with_relu - one_layer).max():.2f}"],
    ]
    path.write_text(
        f"Input X: {X.shape[0]} examples × {X.shape[1]} features; layer sizes {' → '.join(map(str, sizes))}; "
        f"collapsed W has shape {W.shape}.\n\n" + markdown_table(["comparison", "largest difference"], rows)
    )


def softmax_temperature(path):
    """Bars: softmax of the same four scores at several temperatures."""
    scores = np.array([3.0, 1.0, 0.2, -1.0])
    temperatures = [0.25, 1.0, 4.0]
    fig, axes = figure(1, len(temperatures), figsize=(10, 3), sharey=True)
    for ax, temperature in zip(axes, temperatures):
        p = act.softmax(scores, temperature=temperature)
        ax.bar(range(len(scores)), p, color=BLUE)
        for k, value in enumerate(p):
            ax.text(k, value + 0.02, f"{value:.2f}", ha="center")
        ax.set_xticks(range(len(scores)), [f"z={z:g}" for z in scores])
        ax.set_title(f"T = {temperature:g}")
        ax.set_ylim(0, 1.1)
    axes[0].set_ylabel("probability")
    save(fig, path)


def saturation(path):
    """Table: how often sigmoid/tanh units saturate when pre-activations are spread wide."""
    rng = np.random.default_rng(0)
    rows = []
    for spread in [1, 3, 10]:
        z = rng.normal(scale=spread, size=1_000_000)
        row = [f"{spread:g}"]
        for f_grad in (act.sigmoid_grad, act.tanh_grad):
            derivative = f_grad(z)
            row += [f"{derivative.mean():.3f}", f"{np.mean(derivative < 0.01):.1%}"]
        rows.append(row)
    path.write_text(markdown_table(
        ["spread of z (standard deviation)", "mean σ′(z)", "σ′(z) < 0.01", "mean tanh′(z)", "tanh′(z) < 0.01"], rows))


def dead_units(path):
    """Table: share of units that pass no gradient at all, as the biases are pushed negative."""
    rng = np.random.default_rng(0)
    n_examples, n_inputs, n_units = 1000, 20, 1000
    X = rng.normal(size=(n_examples, n_inputs))
    W = rng.normal(scale=1 / np.sqrt(n_inputs), size=(n_inputs, n_units))  # z has spread about 1
    rows = []
    for shift in [0.0, -1.0, -2.0, -3.0, -4.0]:
        Z = X @ W + shift
        row = [f"{shift:g}"]
        for f_grad in (act.relu_grad, act.leaky_relu_grad, act.elu_grad):
            # A unit is dead when its derivative is 0 for every example: no weight of it can change.
            row.append(f"{np.mean(np.all(f_grad(Z) == 0, axis=0)):.1%}")
        rows.append(row)
    path.write_text(
        f"{n_units:,} units, {n_inputs} inputs each, {n_examples:,} examples with standard-normal features.\n\n"
        + markdown_table(["bias b", "ReLU: dead units", "Leaky ReLU: dead units", "ELU: dead units"], rows)
    )


OUTPUTS = {
    "figures/softmax-temperature.svg": softmax_temperature,
    "outputs/activation-saturation.md": saturation,
    "outputs/activation-dead-units.md": dead_units,
    "figures/activation-functions.svg": activation_functions,
    "outputs/gelu-error.md": gelu_error,
    "outputs/linear-collapse.md": linear_collapse,
}
