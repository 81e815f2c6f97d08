"""Figures and printed results of the perceptron chapter."""

import numpy as np

from snippets.neuron import weighted_sum
from snippets.figures.described import image_markdown, require
from snippets.figures.style import BLACK, BLUE, GREEN, ORANGE, PURPLE, VERMILION, figure, markdown_table, save
from snippets.perceptron import GATE_INPUTS, GATE_WEIGHTS, LOGIC_GATES, predict, train_perceptron, update, xor_network

EPOCHS = 20
XOR_ATTEMPT_EPOCHS = 1000
LIMITS = (-0.5, 1.5)


def _num(value):
    """A weight or bias for a table: integers without decimals, a minus sign that is a minus."""
    value = float(value) + 0.0  # + 0.0 turns −0.0 into 0.0
    text = f"{value:.0f}" if value.is_integer() else f"{value:.3f}"
    return text.replace("-", "−")


def _vector(w):
    return "(" + ", ".join(_num(v) for v in w) + ")"


def _bits(x):
    return ", ".join(f"{v:.0f}" for v in x)


def _trained(gate, **kwargs):
    return train_perceptron(GATE_INPUTS, LOGIC_GATES[gate], epochs=kwargs.pop("epochs", EPOCHS), **kwargs)


def _first_clean_epoch(mistakes):
    """The first epoch (counting from 1) without a mistake, or None."""
    return next((epoch for epoch, wrong in enumerate(mistakes, start=1) if wrong == 0), None)


def _draw_line(ax, w, b, **style):
    """Draw the boundary x·w + b = 0 across the plotted square (nothing if w = 0: no line)."""
    x1 = np.array(LIMITS)
    if w[1] != 0:
        ax.plot(x1, -(w[0] * x1 + b) / w[1], **style)
    elif w[0] != 0:
        ax.plot([-b / w[0]] * 2, LIMITS, **style)


def _draw_points(ax, X, y, y_hat=None):
    """Class 1 as blue discs, class 0 as vermilion squares; wrong predictions ringed in black."""
    ones, zeros = y == 1, y == 0
    ax.scatter(X[ones, 0], X[ones, 1], s=110, color=BLUE, edgecolor="white", zorder=3, label="y = 1")
    ax.scatter(X[zeros, 0], X[zeros, 1], s=110, marker="s", color=VERMILION, edgecolor="white", zorder=3, label="y = 0")
    if y_hat is not None and np.any(y_hat != y):
        wrong = y_hat != y
        ax.scatter(X[wrong, 0], X[wrong, 1], s=420, facecolor="none", edgecolor=BLACK, lw=1.5, zorder=4,
                   label="misclassified")


def _mark_on_the_line(ax, w, b):
    """Label the inputs that lie exactly on the boundary, where the step convention decides."""
    for x in GATE_INPUTS[weighted_sum(GATE_INPUTS, w, b) == 0]:
        right_column = x[0] == 1  # write towards the middle of the plot
        ax.annotate("z = 0, so ŷ = 1", xy=x, xytext=(-9 if right_column else 9, -18), textcoords="offset points",
                    ha="right" if right_column else "left", fontsize=10,
                    bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none", alpha=0.8))


def _shade(ax, classify):
    """Colour the plane by a classifier's output: light blue where it says 1, light vermilion where 0."""
    grid = np.linspace(*LIMITS, 401)
    G1, G2 = np.meshgrid(grid, grid)
    out = classify(np.column_stack([G1.ravel(), G2.ravel()])).reshape(G1.shape)
    ax.contourf(G1, G2, out, levels=[-0.5, 0.5, 1.5], colors=[VERMILION, BLUE], alpha=0.12)


def _square(ax, xlabel="$x_1$", ylabel="$x_2$"):
    ax.set_xlim(*LIMITS)
    ax.set_ylim(*LIMITS)
    ax.set_aspect("equal")
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)


def gate_boundaries(path):
    """AND and OR side by side: the four inputs by class, the learned line, the two half-planes."""
    fig, axes = figure(1, 2, figsize=(8.5, 4.8))
    for ax, gate in zip(axes, ["AND", "OR"]):
        w, b, _ = _trained(gate)
        y = LOGIC_GATES[gate]
        _shade(ax, lambda X: predict(X, w, b))
        _draw_line(ax, w, b, color=BLACK, lw=2, label="x·w + b = 0")
        _draw_points(ax, GATE_INPUTS, y, predict(GATE_INPUTS, w, b))
        _mark_on_the_line(ax, w, b)
        ax.set_title(f"{gate}: w = {_vector(w)}, b = {_num(b)}")
        _square(ax)
    axes[0].legend(loc="upper left", fontsize=9, framealpha=0.9)
    save(fig, path)


def xor_failure(path):
    """XOR with the line the perceptron ends on, and mistakes per epoch for AND, OR and XOR."""
    fig, (left, right) = figure(1, 2, figsize=(10, 4.4), gridspec_kw={"width_ratios": [1, 1.3]})
    w, b, _ = _trained("XOR")
    _shade(left, lambda X: predict(X, w, b))
    _draw_line(left, w, b, color=BLACK, lw=2, label="x·w + b = 0")
    _draw_points(left, GATE_INPUTS, LOGIC_GATES["XOR"], predict(GATE_INPUTS, w, b))
    _mark_on_the_line(left, w, b)
    left.set_title(f"XOR after {EPOCHS} epochs: w = {_vector(w)}, b = {_num(b)}")
    left.legend(loc="upper left", fontsize=10, framealpha=0.9, bbox_to_anchor=(1.0, 1.0))
    _square(left)

    epochs = np.arange(1, EPOCHS + 1)
    for gate, colour, marker in [("AND", GREEN, "o"), ("OR", ORANGE, "s"), ("XOR", PURPLE, "^")]:
        right.plot(epochs, _trained(gate)[2], color=colour, marker=marker, ms=5, label=gate)
    right.set_xlabel("epoch")
    right.set_ylabel("mistakes during the epoch (of 4)")
    right.set_ylim(-0.3, 4.5)
    right.set_xticks(range(0, EPOCHS + 1, 2))
    right.set_title("AND and OR reach 0 mistakes; XOR never does")
    right.legend()
    save(fig, path)


def _points(X):
    """Inputs as the alt texts write them: "(0,1) and (1,0)"."""
    names = [f"({_bits(x).replace(' ', '')})" for x in X]
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def _line(w, b):
    """The boundary x·w + b = 0 in words."""
    if w[1] == 0 and w[0] != 0:
        return f"the vertical line x1 = {_num(-b / w[0])} (w = {_vector(w)}, b = {_num(b)})"
    if w[0] == 0 and w[1] != 0:
        return f"the horizontal line x2 = {_num(-b / w[1])} (w = {_vector(w)}, b = {_num(b)})"
    return f"the line x·w + b = 0 with w = {_vector(w)} and b = {_num(b)}"


def gate_boundaries_image(path):
    learned = {gate: _trained(gate)[:2] for gate in ["AND", "OR"]}
    for gate, (w, b) in learned.items():
        require(np.array_equal(predict(GATE_INPUTS, w, b), LOGIC_GATES[gate]), f"the {gate} line separates the classes",
                f"it predicts {predict(GATE_INPUTS, w, b)}")
    on_line = {gate: GATE_INPUTS[weighted_sum(GATE_INPUTS, w, b) == 0] for gate, (w, b) in learned.items()}
    require(all(len(points) for points in on_line.values()), "inputs of both gates lie exactly on the line",
            f"on the lines lie {on_line}")
    (w_and, b_and), (w_or, b_or) = learned.values()
    image_markdown(path, "perceptron-and-or.svg",
        f"Two panels, AND on the left and OR on the right, each showing the four inputs (0,0), (0,1), (1,0) and "
        f"(1,1) in the unit square: class 1 as blue discs, class 0 as vermilion squares. A black line is the "
        f"learned boundary x·w + b = 0, with w = {_vector(w_and)} and b = {_num(b_and)} for AND, "
        f"w = {_vector(w_or)} and b = {_num(b_or)} for OR; the half-plane where the perceptron answers 1 is shaded "
        f"light blue and the other light vermilion. For AND only {_points(GATE_INPUTS[LOGIC_GATES['AND'] == 1])} "
        f"lies on the blue side; for OR only {_points(GATE_INPUTS[LOGIC_GATES['OR'] == 0])} lies on the vermilion "
        f"side. Inputs lying exactly on a line, {_points(on_line['AND'])} for AND and {_points(on_line['OR'])} for "
        f"OR, are labelled \"z = 0, so ŷ = 1\".")


def xor_failure_image(path):
    w, b, _ = _trained("XOR")
    wrong = GATE_INPUTS[predict(GATE_INPUTS, w, b) != LOGIC_GATES["XOR"]]
    mistakes = {gate: np.array(_trained(gate)[2]) for gate in ["AND", "OR", "XOR"]}
    clean = {gate: _first_clean_epoch(history) for gate, history in mistakes.items()}
    for gate in ["AND", "OR"]:
        require(clean[gate] is not None and not mistakes[gate][clean[gate] - 1:].any(),
                f"{gate} reaches 0 mistakes and stays there", f"its mistakes are {mistakes[gate]}")
    require(clean["XOR"] is None, "XOR never reaches 0 mistakes", f"it does in epoch {clean['XOR']}")
    image_markdown(path, "perceptron-xor.svg",
        f"Left: the XOR inputs, class 1 at (0,1) and (1,0) as blue discs, class 0 at (0,0) and (1,1) as vermilion "
        f"squares, with the perceptron's boundary after {EPOCHS} epochs, {_line(w, b)}, shaded by which side it "
        f"calls 1; the misclassified inputs, {_points(wrong)}, are ringed in black. Right: mistakes per epoch over "
        f"{EPOCHS} epochs for AND (green), OR (orange) and XOR (purple); AND and OR fall to 0 within a few epochs, "
        f"by epoch {clean['AND']} and epoch {clean['OR']}, and stay there; XOR never reaches 0.")


def xor_network_figure(path):
    """The two-layer XOR network: two lines in the input plane, one line in the hidden plane."""
    fig, (left, right) = figure(1, 2, figsize=(9.5, 4.9))
    y = LOGIC_GATES["XOR"]
    hidden, _ = xor_network(GATE_INPUTS)
    _shade(left, lambda X: xor_network(X)[1])
    _draw_line(left, *GATE_WEIGHTS["OR"], color=GREEN, lw=2, label="OR line (hidden unit 1)")
    _draw_line(left, *GATE_WEIGHTS["NAND"], color=ORANGE, lw=2, ls="--", label="NAND line (hidden unit 2)")
    _draw_points(left, GATE_INPUTS, y)
    left.set_title("input plane: the band between two lines")
    _square(left)

    _shade(right, lambda H: predict(H, *GATE_WEIGHTS["AND"]))
    _draw_line(right, *GATE_WEIGHTS["AND"], color=BLACK, lw=2, label="AND line (output unit)")
    _draw_points(right, hidden, y)
    for h in np.unique(hidden, axis=0):
        sources = [f"({_bits(x)})" for x, h_x in zip(GATE_INPUTS, hidden) if np.array_equal(h_x, h)]
        right.annotate("from " + " and ".join(sources), xy=h, xytext=(0, 13), textcoords="offset points",
                       ha="center", fontsize=9.5)
    right.set_title("hidden plane: XOR is now one line")
    _square(right, "$h_1$ = OR($x_1, x_2$)", "$h_2$ = NAND($x_1, x_2$)")
    # One legend under both panels: inside, it would hide the points near the corners.
    handles, labels = left.get_legend_handles_labels()
    and_line = right.get_legend_handles_labels()[0][0]
    fig.legend(handles[:2] + [and_line] + handles[2:], labels[:2] + [and_line.get_label()] + labels[2:],
               loc="outside lower center", ncol=5, fontsize=9.5)
    save(fig, path)


def training_table(path):
    """Table: for each gate, the epoch with no more mistakes, the learned w and b, mistakes per epoch."""
    rows = []
    for gate in LOGIC_GATES:
        w, b, mistakes = _trained(gate)
        clean = _first_clean_epoch(mistakes)
        rows.append([gate, str(clean) if clean else f"none in {EPOCHS}", _vector(w), _num(b),
                     ", ".join(map(str, mistakes[:10])) + ", …"])
    path.write_text(markdown_table(
        ["gate", "first epoch without a mistake", "learned \\(\\mathbf{w}\\)", "learned \\(b\\)",
         "mistakes in epochs 1–10"], rows))


def truth_tables(path):
    """Table: each gate's truth table next to the trained perceptron's predictions."""
    predictions = {gate: predict(GATE_INPUTS, *_trained(gate)[:2]) for gate in LOGIC_GATES}
    header = ["\\(x_1\\)", "\\(x_2\\)"]
    for gate in LOGIC_GATES:
        header += [f"{gate} \\(y\\)", f"{gate} \\(\\hat{{y}}\\)"]
    rows = []
    for i, x in enumerate(GATE_INPUTS):
        row = [f"{v:.0f}" for v in x]
        for gate, y in LOGIC_GATES.items():
            y_hat = predictions[gate][i]
            row += [f"{y[i]:.0f}", f"{y_hat:.0f}" if y_hat == y[i] else f"**{y_hat:.0f}** ✗"]
        rows.append(row)
    path.write_text(markdown_table(header, rows))


def _trace(gate, w, b):
    """Rows for a table of one epoch of the perceptron rule, example by example, from (w, b)."""
    rows = []
    for x, y in zip(GATE_INPUTS, LOGIC_GATES[gate]):
        z = weighted_sum(x, w, b)
        y_hat = predict(x, w, b)
        w, b = update(x, y, w, b)
        rows.append([f"({_bits(x)})", f"{y:.0f}", _num(z), f"{y_hat:.0f}", _num(y - y_hat), _vector(w), _num(b)])
    return rows


TRACE_HEADER = ["\\(\\mathbf{x}\\)", "\\(y\\)", "\\(z = \\mathbf{x}\\cdot\\mathbf{w} + b\\)", "\\(\\hat{y}\\)",
                "\\(y - \\hat{y}\\)", "\\(\\mathbf{w}\\) after", "\\(b\\) after"]


def and_trace(path):
    """Table: the first epoch on AND, starting from w = 0, b = 0, one example at a time (η = 1)."""
    path.write_text(markdown_table(TRACE_HEADER, _trace("AND", np.zeros(2), 0.0)))


def xor_cycle(path):
    """Table: the last epoch on XOR, one example at a time: it ends exactly where it started."""
    w, b, _ = _trained("XOR", epochs=EPOCHS - 1)
    start = f"Start of epoch {EPOCHS}: \\(\\mathbf{{w}} = {_vector(w)}\\), \\(b = {_num(b)}\\).\n\n"
    path.write_text(start + markdown_table(TRACE_HEADER, _trace("XOR", w, b)))


def xor_attempts(path):
    """Table: XOR from several starting points and learning rates: no epoch is ever free of mistakes."""
    rates = [1.0, 0.1]
    rows = []
    for seed in [None, 0, 1, 2, 3, 4]:
        fewest, final = [], []
        for learning_rate in rates:
            rng = None if seed is None else np.random.default_rng(seed)
            w, b, mistakes = _trained("XOR", epochs=XOR_ATTEMPT_EPOCHS, learning_rate=learning_rate, rng=rng)
            fewest.append(str(min(mistakes)))
            final.append(f"{int(np.sum(predict(GATE_INPUTS, w, b) != LOGIC_GATES['XOR']))} of 4")
        rows.append(["zeros" if seed is None else f"random, seed {seed}"] + fewest + final)
    header = (["starting \\(\\mathbf{w}, b\\)"]
              + [f"fewest mistakes in an epoch, \\(\\eta = {eta:g}\\)" for eta in rates]
              + [f"final line misclassifies, \\(\\eta = {eta:g}\\)" for eta in rates])
    path.write_text(f"Each run lasts {XOR_ATTEMPT_EPOCHS:,} epochs.\n\n" + markdown_table(header, rows))


def xor_network_table(path):
    """Table: the two-layer network's hidden outputs and prediction for each input, next to XOR."""
    hidden, y_hat = xor_network(GATE_INPUTS)
    rows = [[f"{x[0]:.0f}", f"{x[1]:.0f}", f"{h[0]:.0f}", f"{h[1]:.0f}", f"{p:.0f}", f"{y:.0f}"]
            for x, h, p, y in zip(GATE_INPUTS, hidden, y_hat, LOGIC_GATES["XOR"])]
    path.write_text(markdown_table(
        ["\\(x_1\\)", "\\(x_2\\)", "\\(h_1\\) = OR", "\\(h_2\\) = NAND", "\\(\\hat{y}\\) = AND(\\(h_1, h_2\\))",
         "XOR \\(y\\)"], rows))


OUTPUTS = {
    "figures/perceptron-and-or.svg": gate_boundaries,
    "outputs/perceptron-and-or-image.md": gate_boundaries_image,
    "figures/perceptron-xor.svg": xor_failure,
    "outputs/perceptron-xor-image.md": xor_failure_image,
    "figures/perceptron-xor-network.svg": xor_network_figure,
    "outputs/perceptron-training.md": training_table,
    "outputs/perceptron-truth-tables.md": truth_tables,
    "outputs/perceptron-and-trace.md": and_trace,
    "outputs/perceptron-xor-cycle.md": xor_cycle,
    "outputs/perceptron-xor-attempts.md": xor_attempts,
    "outputs/perceptron-xor-network.md": xor_network_table,
}
