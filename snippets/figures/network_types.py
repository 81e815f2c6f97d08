"""Figures and printed results of the "Types of neural networks" chapter."""

import numpy as np

from snippets.activations import relu
from snippets.convolution import LAPLACIAN, SOBEL_X, SOBEL_Y, conv2d, filter_bank, max_pool
from snippets.figures.described import image_markdown, number, require
from snippets.figures.style import BLACK, BLUE, ORANGE, SKY, VERMILION, figure, markdown_table, save
from snippets.gradcheck import numerical_gradient, relative_error
from snippets.mnist import load_mnist
from snippets.neuron import count_parameters
from snippets.rnn import init_rnn, rnn_backward, rnn_forward

DIGIT = 4  # index in the test set: the fifth test image, a handwritten 4
KERNELS = [("Sobel x: vertical edges", SOBEL_X), ("Sobel y: horizontal edges", SOBEL_Y),
           ("Laplacian: outlines", LAPLACIAN)]

# The RNN of the chapter: m sequences of T steps with n features, n_h hidden units.
M, T, N_FEATURES, N_HIDDEN = 2, 5, 3, 4
MEMORY_STEPS, MEMORY_SEQUENCES = 20, 1000


def _fmt(value, digits=3):
    """A number for a table, with a real minus sign."""
    return f"{value:+.{digits}f}".replace("-", "−").replace("+", "\u2007")


# ---------------------------------------------------------------- convolution

def digit_and_filters():
    """The digit as a batch of one grey image (1, 28, 28, 1), the filter bank (3, 3, 1, 3) and zero biases."""
    X = load_mnist().test_images[DIGIT].reshape(1, 28, 28, 1)
    F = filter_bank(*(kernel for _, kernel in KERNELS))
    return X, F, np.zeros(F.shape[-1], dtype=np.float32)


def convolution_figure(path):
    """A real MNIST digit, three edge filters, their feature maps, and the maps after ReLU and 2 × 2 max pooling."""
    X, F, b = digit_and_filters()
    Z = conv2d(X, F, b)
    pooled = max_pool(relu(Z), 2)
    fig, axes = figure(len(KERNELS), 4, figsize=(9, 7.2))
    axes[0, 0].imshow(X[0, :, :, 0], cmap="gray_r", vmin=0, vmax=1)
    axes[0, 0].set_title(f"input X: {X.shape[1]} × {X.shape[2]}", fontsize=10)
    for row, (name, kernel) in enumerate(KERNELS):
        ax = axes[row, 1]
        ax.imshow(kernel, cmap="RdBu_r", vmin=-4, vmax=4)
        for (r, c), weight in np.ndenumerate(kernel):
            ax.text(c, r, f"{weight:g}".replace("-", "−"), ha="center", va="center", fontsize=11,
                    color="white" if abs(weight) > 2 else BLACK)
        ax.set_title(name, fontsize=10)
        limit = np.abs(Z[0, :, :, row]).max()
        axes[row, 2].imshow(Z[0, :, :, row], cmap="RdBu_r", vmin=-limit, vmax=limit)
        axes[row, 2].set_title(f"feature map Z: {Z.shape[1]} × {Z.shape[2]}", fontsize=10)
        axes[row, 3].imshow(pooled[0, :, :, row], cmap="gray_r", vmin=0)
        axes[row, 3].set_title(f"ReLU, 2 × 2 max pool: {pooled.shape[1]} × {pooled.shape[2]}", fontsize=10)
    for ax in axes.flat:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(True)
            spine.set_color("0.6")
    for ax in axes[1:, 0]:
        ax.axis("off")
    save(fig, path)


def convolution_shapes(path):
    """Table: the array shapes of one convolutional block on the digit, with and without padding and stride."""
    X, F, b = digit_and_filters()
    Z = conv2d(X, F, b)
    rows = [
        ["input image", "`X`", "—", str(X.shape)],
        ["filters, biases", "`F`, `b`", "—", f"{F.shape}, {b.shape}"],
        ["feature maps", "`Z = conv2d(X, F, b)`", "stride 1, no padding", str(Z.shape)],
        ["feature maps", "`conv2d(X, F, b, padding=1)`", "stride 1, 1 pixel of zeros around",
         str(conv2d(X, F, b, padding=1).shape)],
        ["feature maps", "`conv2d(X, F, b, stride=2)`", "stride 2, no padding", str(conv2d(X, F, b, stride=2).shape)],
        ["pooled maps", "`max_pool(relu(Z), 2)`", "2 × 2 blocks", str(max_pool(relu(Z), 2).shape)],
    ]
    path.write_text(markdown_table(["array", "code", "settings", "shape (m, height, width, channels)"], rows))


def parameter_comparison(path):
    """Table: parameters of the convolutional layer against a dense layer with the same inputs and outputs."""
    X, F, b = digit_and_filters()
    Z = conv2d(X, F, b)
    n_in, n_out = X[0].size, Z[0].size
    conv, dense = F.size + b.size, count_parameters([n_in, n_out])
    rows = [
        ["convolutional, 3 filters of 3 × 3", f"{n_in:,}", f"{n_out:,}", f"{F.size} + {b.size} = {conv:,}"],
        ["dense (fully connected)", f"{n_in:,}", f"{n_out:,}",
         f"{n_in:,} × {n_out:,} + {n_out:,} = {dense:,}"],
    ]
    path.write_text(markdown_table(["layer", "inputs", "outputs", "parameters"], rows)
                    + f"\nThe dense layer needs {dense / conv:,.0f} times as many parameters for the same map.\n")


# ---------------------------------------------------------------- recurrent network

def rnn_example():
    """The chapter's RNN (float64, seed 0): X (M, T, n), (W_xh, W_hh, b) and the hidden states H (M, T, n_h)."""
    rng = np.random.default_rng(0)
    W_xh, W_hh, b = init_rnn(N_FEATURES, N_HIDDEN, rng)
    X = rng.normal(size=(M, T, N_FEATURES))
    return X, (W_xh, W_hh, b), rnn_forward(X, W_xh, W_hh, b)


def rnn_shapes(path):
    """Table: every array of the RNN forward pass and its shape."""
    X, (W_xh, W_hh, b), H = rnn_example()
    rows = [
        [r"\(X\)", "`X`", r"\(m\) sequences of \(T\) steps with \(n\) features", str(X.shape)],
        [r"\(\mathbf{x}_t\)", "`X[:, t - 1]`", r"step \(t\) of every sequence", str(X[:, 0].shape)],
        [r"\(W_{xh}\)", "`W_xh`", "input to hidden", str(W_xh.shape)],
        [r"\(W_{hh}\)", "`W_hh`", "hidden to hidden: the memory", str(W_hh.shape)],
        [r"\(\mathbf{b}\)", "`b`", "bias, added to every row", str(b.shape)],
        [r"\(\mathbf{h}_t\)", "`H[:, t - 1]`", r"hidden state after step \(t\)", str(H[:, 0].shape)],
        [r"\(H\)", "`H`", "all hidden states", str(H.shape)],
    ]
    path.write_text(markdown_table(["symbol", "in the code", "meaning", "shape"], rows))


def rnn_values(path):
    """Table: the inputs and hidden states of the first sequence, step by step."""
    X, _, H = rnn_example()
    rows = [[str(t + 1), "(" + ", ".join(_fmt(v, 2) for v in X[0, t]) + ")",
             "(" + ", ".join(_fmt(v) for v in H[0, t]) + ")"] for t in range(T)]
    path.write_text(markdown_table([r"step \(t\)", r"\(\mathbf{x}_t\) (first sequence)",
                                    r"\(\mathbf{h}_t\) (first sequence)"], rows))


def rnn_gradient_check(path):
    """Table: backpropagation through time against central differences, for L = Σ H ⊙ R."""
    X, (W_xh, W_hh, b), H = rnn_example()
    R = np.random.default_rng(1).normal(size=H.shape)  # a random loss L = Σ H ⊙ R, so that ∂L/∂H = R

    def loss(W_xh, W_hh, b):
        return np.sum(rnn_forward(X, W_xh, W_hh, b) * R)

    analytic = rnn_backward(R, X, H, W_hh)
    numeric = [numerical_gradient(lambda v: loss(v, W_hh, b), W_xh),
               numerical_gradient(lambda v: loss(W_xh, v, b), W_hh),
               numerical_gradient(lambda v: loss(W_xh, W_hh, v), b)]
    rows = [[name, f"{relative_error(a, n):.1e}"] for name, a, n in zip([r"\(dW_{xh}\)", r"\(dW_{hh}\)", r"\(d\mathbf{b}\)"], analytic, numeric)]
    path.write_text(markdown_table(["gradient", "relative error against central differences"], rows))


def rnn_unrolled(path):
    """The RNN unrolled over T = 5 steps: one cell, copied along time, sharing W_xh, W_hh and b."""
    fig, ax = figure(figsize=(10, 3.6))
    ax.axis("off")
    ax.set_xlim(-0.9, T + 0.6)
    ax.set_ylim(-1.45, 1.55)
    cell = dict(boxstyle="round,pad=0.45", facecolor="#eaf2fa", edgecolor=BLUE, lw=1.3)
    plain = dict(boxstyle="round,pad=0.3", facecolor="white", edgecolor=BLACK, lw=1.0)

    def arrow(start, end, colour=BLACK):
        ax.annotate("", xy=end, xytext=start, arrowprops=dict(arrowstyle="-|>", color=colour, lw=1.4))

    ax.text(0, 0, "$h_0 = 0$", ha="center", va="center", fontsize=11, bbox=plain)
    for t in range(1, T + 1):
        ax.text(t, 0, "tanh", ha="center", va="center", fontsize=11, bbox=cell)
        ax.text(t, -1.15, f"$x_{t}$", ha="center", va="center", fontsize=12, bbox=plain)
        ax.text(t, 1.2, f"$h_{t}$", ha="center", va="center", fontsize=12, bbox=plain)
        arrow((t, -0.92), (t, -0.3))
        arrow((t, 0.3), (t, 0.95))
        arrow((t - 0.72, 0), (t - 0.3, 0), VERMILION)
        ax.text(t + 0.08, -0.6, "$W_{xh}$", fontsize=10, va="center")
        ax.text(t - 0.5, 0.13, "$W_{hh}$", fontsize=10, ha="center", color=VERMILION)
    ax.text(T + 0.45, 1.2, f"each $h_t$: {M} × {N_HIDDEN}", fontsize=10, va="center", ha="left")
    ax.text(T + 0.45, -1.15, f"each $x_t$: {M} × {N_FEATURES}", fontsize=10, va="center", ha="left")
    ax.set_xlim(-0.6, T + 1.6)
    save(fig, path)


def rnn_memory():
    """‖h_t − h′_t‖ for t = 1 … MEMORY_STEPS, geometric mean over MEMORY_SEQUENCES random sequence pairs
    that differ only in x_1 (by a random step of length 1), run through the chapter's cell."""
    _, (W_xh, W_hh, b), _ = rnn_example()
    rng = np.random.default_rng(2)
    X = rng.normal(size=(MEMORY_SEQUENCES, MEMORY_STEPS, N_FEATURES))
    nudge = rng.normal(size=(MEMORY_SEQUENCES, N_FEATURES))
    X_changed = X.copy()
    X_changed[:, 0] += nudge / np.linalg.norm(nudge, axis=1, keepdims=True)
    gap = np.linalg.norm(rnn_forward(X, W_xh, W_hh, b) - rnn_forward(X_changed, W_xh, W_hh, b), axis=2)
    return np.exp(np.log(gap).mean(axis=0))


def rnn_states(path):
    """Left: the hidden state of the first example sequence, step by step. Right: how fast the cell forgets."""
    _, _, H = rnn_example()
    states = np.vstack([np.zeros(N_HIDDEN), H[0]])  # h_0 = 0, then h_1 … h_T
    fig, (left, right) = figure(1, 2, figsize=(10, 3.6))
    for unit, (colour, marker) in enumerate(zip([BLUE, ORANGE, VERMILION, SKY], "os^D")):
        left.plot(range(T + 1), states[:, unit], marker=marker, color=colour, label=f"unit {unit + 1}")
    left.axhline(0, color=BLACK, lw=0.6)
    left.set_xticks(range(T + 1))
    left.set_ylim(-1.05, 1.05)
    left.set_xlabel("step t")
    left.set_ylabel("hidden state $h_t$ (first sequence)")
    left.legend(fontsize=10, ncols=2)
    steps = np.arange(1, MEMORY_STEPS + 1)
    right.semilogy(steps, rnn_memory(), "o-", color=BLACK, ms=4)
    right.set_xticks(steps[::2])
    right.set_xlabel("step t")
    right.set_ylabel("$\\|h_t - h^{\\prime}_t\\|$ (geometric mean)")
    right.set_title(f"{MEMORY_SEQUENCES:,} pairs of sequences that differ only in $x_1$", fontsize=10)
    save(fig, path)


def rnn_states_image(path):
    _, _, H = rnn_example()
    gap = rnn_memory()
    per_step = np.diff(np.log(gap))
    factor = np.exp(per_step.mean())
    steps = np.arange(1, MEMORY_STEPS + 1)
    off_line = np.log(gap) - np.polyval(np.polyfit(steps, np.log(gap), 1), steps)
    require(np.all(per_step < 0) and np.abs(off_line).max() < np.log(2),
            "the distance falls along a nearly straight line on the log axis",
            f"it is up to {np.exp(np.abs(off_line).max()):.2f} times off the best line")
    image_markdown(path, "network-types-rnn-states.svg",
        f"Two panels. Left: the {N_HIDDEN} hidden units of the first example sequence over steps 0 to {T}, "
        f"starting at 0 and moving between {number(H[0].min(), '.2f')} and {number(H[0].max(), '.2f')}. Right, on a "
        f"logarithmic axis: the distance between the hidden states of sequences that differ only in their first "
        f"input, over steps 1 to {MEMORY_STEPS}; it falls along a nearly straight line, from {gap[0]:.2g} at step 1 "
        f"to {gap[-1]:.2g} at step {MEMORY_STEPS}, a factor of about {factor:.2f} per step.")


OUTPUTS = {
    "figures/network-types-convolution.png": convolution_figure,
    "outputs/network-types-conv-shapes.md": convolution_shapes,
    "outputs/network-types-conv-parameters.md": parameter_comparison,
    "outputs/network-types-rnn-shapes.md": rnn_shapes,
    "outputs/network-types-rnn-values.md": rnn_values,
    "outputs/network-types-rnn-gradient-check.md": rnn_gradient_check,
    "figures/network-types-rnn-unrolled.svg": rnn_unrolled,
    "figures/network-types-rnn-states.svg": rnn_states,
    "outputs/network-types-rnn-states-image.md": rnn_states_image,
}

SHOWS_NO_RESULT = {
    "figures/network-types-rnn-unrolled.svg": (
        "a drawing of the RNN cell copied over 5 steps, with arrows for W_xh and W_hh: its labels are the chosen "
        "sizes (2 sequences, 3 features, 4 hidden units), and it computes nothing"),
}
