"""Figures and printed results of the gradient-descent chapter."""

import time

import numpy as np

from snippets import gradient_descent as gd
from snippets.gradcheck import numerical_gradient, relative_error
from snippets.figures.described import image_markdown, number, require
from snippets.figures.style import BLACK, BLUE, GREEN, ORANGE, PURPLE, VERMILION, figure, markdown_table, save
from snippets.optimizers import SGD, Adam, Momentum

# The elongated bowl L(θ) = ½ θHθᵀ: curvature 1 along θ₁, 10 along θ₂.
H = np.diag([1.0, 10.0])
START = np.array([-9.0, 1.5])
LEARNING_RATES = [("too small", 0.02, ORANGE), ("good", 0.15, GREEN), ("too large", 0.21, VERMILION)]
LEARNING_RATE_STEPS = 25
TOLERANCE = 1e-6

# Noisy linear data for batch vs mini-batch vs stochastic gradient descent.
N_EXAMPLES, N_FEATURES, NOISE, EPOCHS, ETA = 1000, 10, 0.5, 20, 0.05
BATCH_SIZES = [(N_EXAMPLES, "batch", BLUE), (32, "mini-batch", GREEN), (1, "stochastic", VERMILION)]

# Two walkers on the two-valley loss, and the paths of plain descent and momentum.
WALK_STARTS, WALK_ETA, WALK_STEPS = [(-0.1, BLUE), (0.4, VERMILION)], 0.1, 15
MOMENTUM_ETA, MOMENTUM_STEPS = 0.02, 60
MOMENTUM_RUNS = [("no momentum", None, ORANGE), ("β = 0.8", 0.8, BLUE), ("β = 0.95", 0.95, PURPLE)]


def _path(learning_rate, steps, beta=None):
    optimizer = SGD(learning_rate) if beta is None else Momentum(learning_rate, beta)
    return gd.descend(lambda theta: gd.quadratic_grad(theta, H), START, optimizer, steps)


def _contours(ax, xlim=(-10, 2.5), ylim=(-5, 5), aspect="equal"):
    t1, t2 = np.meshgrid(np.linspace(*xlim, 300), np.linspace(*ylim, 300))
    loss = gd.quadratic(np.stack([t1, t2], axis=-1), H)
    ax.contour(t1, t2, loss, levels=np.geomspace(0.1, 150, 10), colors="0.6", linewidths=0.8)
    ax.plot(0, 0, marker="*", color=BLACK, markersize=10, zorder=5)
    ax.plot(*START, marker="o", color=BLACK, markersize=5, zorder=5)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect(aspect)
    ax.set_xlabel("θ₁  (curvature λ = 1)")


def _walks():
    """Each walker's points: its start, then one per step."""
    return [gd.descend(gd.two_valleys_grad, [start], SGD(WALK_ETA), WALK_STEPS)[:, 0] for start, _ in WALK_STARTS]


def walk(path):
    """A 1-D loss with two valleys, and gradient descent from two nearby starting points."""
    theta = np.linspace(-2.2, 2.1, 400)
    fig, ax = figure(figsize=(8, 3.6))
    ax.plot(theta, gd.two_valleys(theta), color=BLACK, lw=1.5)
    for (start, colour), points in zip(WALK_STARTS, _walks()):
        label = f"start θ = {start:g}, η = {WALK_ETA}"
        ax.plot(points, gd.two_valleys(points), "o-", color=colour, ms=4, lw=1, label=label)
        ax.plot(points[0], gd.two_valleys(points[0]), "o", color=BLACK, ms=6)
    ax.annotate("deeper valley\n(global minimum)", (-1.45, -1.44), xytext=(-0.45, -1.3), ha="center",
                arrowprops={"arrowstyle": "->"})
    ax.annotate("shallower valley\n(local minimum)", (1.33, -0.6), xytext=(1.75, -1.2), ha="center",
                arrowprops={"arrowstyle": "->"})
    ax.set_xlabel("θ")
    ax.set_ylabel("loss L(θ)")
    ax.legend(frameon=False)
    save(fig, path)


def walk_image(path):
    left, right = _walks()
    # The valley bottoms and the hill between them are where L′(θ) = θ³ − 2θ + 0.3 is zero.
    deep, hill, shallow = np.sort(np.roots([1, 0, -2, 0.3]).real)
    steps = np.abs(np.diff(left))
    require(left[-1] < left[0] and right[-1] > right[0], "one walker goes left and the other right",
            f"they end at {left[-1]:.2f} and {right[-1]:.2f}")
    require(0 < steps.argmax() < len(steps) - 1 and steps[-1] < steps.max() / 2,
            "the left walker's steps grow, then shrink", f"they are {np.round(steps, 3)}")
    require(abs(left[-1] - deep) < 0.1 and abs(right[-1] - shallow) < 0.1, "both end near a valley bottom",
            f"they end at {left[-1]:.2f} and {right[-1]:.2f}, the bottoms are at {deep:.2f} and {shallow:.2f}")
    image_markdown(path, "gradient-descent-walk.svg",
        f"A curve with two valleys, a deep one on the left and a shallower one on the right, separated by a "
        f"low hill near θ = {number(hill, '.2f')}. Gradient descent started at θ = {number(left[0], 'g')} walks "
        f"left down the slope in steps that grow on the steep part and shrink near the bottom of the deep "
        f"valley; started at θ = {number(right[0], 'g')} it walks right and settles in the shallower valley. "
        f"After {WALK_STEPS} steps of η = {WALK_ETA} the two walkers are at θ = {number(left[-1], '.2f')} and "
        f"θ = {number(right[-1], '.2f')}, near the valley bottoms at θ = {number(deep, '.2f')} and "
        f"θ = {number(shallow, '.2f')}.")


def learning_rates(path):
    """The same 25 steps from the same start with a too small, a good and a too large η."""
    steps = LEARNING_RATE_STEPS
    fig, axes = figure(1, 3, figsize=(11, 3.9), sharey=True)
    for ax, (label, eta, colour) in zip(axes, LEARNING_RATES):
        _contours(ax)
        points = _path(eta, steps)
        ax.plot(points[:, 0], points[:, 1], "o-", color=colour, ms=3, lw=1.2)
        ax.set_title(f"η = {eta} ({label})\nL = {gd.quadratic(points[-1], H):.3g} after {steps} steps", fontsize=11)
    axes[0].set_ylabel("θ₂  (curvature λ = 10)")
    save(fig, path)


def learning_rates_image(path):
    (_, slow, _), (_, good, _), (_, fast, _) = LEARNING_RATES
    steps, ylim = LEARNING_RATE_STEPS, 5  # the panels' θ₂ axis ends at ±5
    paths = {eta: _path(eta, steps) for eta in (slow, good, fast)}
    losses = [gd.quadratic(paths[eta][-1], H) for eta in (slow, good, fast)]
    across = {eta: np.abs(points[:, 1]) for eta, points in paths.items()}  # distance from the valley floor
    sign_changes = {eta: int((np.diff(np.sign(points[:, 1])) != 0).sum()) for eta, points in paths.items()}
    require(sign_changes[slow] == 0 and losses[0] > 1, f"η = {slow} never crosses the valley and ends far from "
            "the minimum", f"it crosses {sign_changes[slow]} times and ends at loss {losses[0]:.3g}")
    require(sign_changes[good] >= 3 and np.all(np.diff(across[good]) < 0) and losses[1] < 0.1,
            f"η = {good} zigzags, the zigzags die out and it reaches the minimum",
            f"it crosses {sign_changes[good]} times and ends at loss {losses[1]:.3g}")
    require(np.all(np.diff(across[fast]) > 0) and across[fast][-1] > ylim,
            f"η = {fast} swings ever wider and leaves the plot", f"its swings are {np.round(across[fast], 2)}")
    image_markdown(path, "gradient-descent-learning-rates.svg",
        f"Three contour plots of the elongated bowl, each with a {steps}-step path from the same starting point "
        f"at the left. With η = {slow} the path bends smoothly down to the valley floor and then creeps along "
        f"it, ending far from the minimum. With η = {good} the path zigzags across the valley, the zigzags die "
        f"out, and it reaches the minimum. With η = {fast} the path zigzags across the valley with ever larger "
        f"swings and leaves the plot: it diverges. The panel titles give the loss after the {steps} steps: "
        f"{losses[0]:.3g}, {losses[1]:.3g} and {losses[2]:.3g}.")


def learning_rate_table(path):
    """Table: per-direction factors 1 − ηλ and the loss after 10, 50 and 100 steps, around η = 2/λ_max."""
    eta_max = gd.largest_stable_learning_rate(H)
    lambdas = np.diag(H)
    checkpoints = [10, 50, 100]
    rows = []
    for eta in sorted([eta for _, eta, _ in LEARNING_RATES] + [eta_max - 0.001, eta_max + 0.001]):
        losses = gd.quadratic(_path(eta, max(checkpoints)), H)
        factors = [f"{1 - eta * lam:+.3f}" for lam in lambdas]
        rows.append([f"{eta:.3f}"] + factors + [f"{losses[k]:.3g}" for k in checkpoints])
    header = [r"\(\eta\)"] + [rf"\(1 - \eta\lambda\), \(\lambda = {lam:g}\)" for lam in lambdas]
    header += [rf"\(\mathcal{{L}}\) after {k} steps" for k in checkpoints]
    path.write_text(
        rf"Start \(\theta = ({START[0]:g}, {START[1]:g})\), \(\mathcal{{L}} = {gd.quadratic(START, H):.4g}\); "
        rf"largest stable learning rate \(2/\lambda_{{\max}} = {eta_max:.3f}\)."
        + "\n\n" + markdown_table(header, rows)
    )


def _momentum_paths():
    return [_path(MOMENTUM_ETA, MOMENTUM_STEPS, beta) for _, beta, _ in MOMENTUM_RUNS]


def momentum(path):
    """Plain gradient descent and momentum, same η, on the elongated bowl.

    The axes fit every path (β = 0.95 swings out far past the minimum), and θ₂ is drawn at
    twice the scale of θ₁ so that the figure stays tall enough to read at a phone's width.
    """
    stretch = 2
    paths = _momentum_paths()
    low, high = np.min([p.min(axis=0) for p in paths], axis=0), np.max([p.max(axis=0) for p in paths], axis=0)
    margin = 0.06 * (high - low)
    fig, ax = figure(figsize=(5.2, 3.0))
    _contours(ax, xlim=(low[0] - margin[0], high[0] + margin[0]), ylim=(low[1] - margin[1], high[1] + margin[1]),
              aspect=stretch)
    for (label, _, colour), points in zip(MOMENTUM_RUNS, paths):
        ax.plot(points[:, 0], points[:, 1], "o-", color=colour, ms=2.5, lw=1.1, label=label)
    ax.set_ylabel("θ₂  (curvature λ = 10)")
    ax.set_title(f"η = {MOMENTUM_ETA}, first {MOMENTUM_STEPS} steps (θ₂ drawn {stretch}× larger)", fontsize=11)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=3, fontsize=11, frameon=False,
              columnspacing=1.2, handlelength=1.5)
    save(fig, path)


def momentum_image(path):
    plain, gentle, heavy = _momentum_paths()
    loss = [gd.quadratic(points[-1], H) for points in (plain, gentle, heavy)]
    crossings = [int((np.diff(np.sign(points[:, 0])) != 0).sum()) for points in (plain, gentle, heavy)]
    require(np.all(np.diff(plain[:, 0]) > 0) and plain[-1, 0] < -1, "plain descent creeps along the floor "
            "and stops short of the minimum", f"it ends at θ₁ = {plain[-1, 0]:.2f}")
    require(0 < gentle[:, 0].max() < 1 and loss[1] < 1e-3, "β = 0.8 overshoots slightly and settles",
            f"it reaches θ₁ = {gentle[:, 0].max():.2f} and ends at loss {loss[1]:.3g}")
    require(heavy[:, 0].max() > 2 and crossings[2] >= 2, "β = 0.95 overshoots widely and circles the minimum",
            f"it reaches θ₁ = {heavy[:, 0].max():.2f} and crosses θ₁ = 0 {crossings[2]} times")
    image_markdown(path, "gradient-descent-momentum.svg",
        f"Contour plot of the elongated bowl with three {MOMENTUM_STEPS}-step paths from the same start, all "
        f"with η = {MOMENTUM_ETA}, with θ₂ drawn at twice the scale of θ₁. Plain gradient descent curves down to "
        f"the valley floor and creeps along it: after {MOMENTUM_STEPS} steps it is at "
        f"θ₁ = {number(plain[-1, 0], '.2f')}, still short of the minimum, with loss {loss[0]:.3g}. Momentum with "
        f"β = {MOMENTUM_RUNS[1][1]} swings gently from side to side of the valley floor, overshoots the minimum "
        f"slightly, to θ₁ = {gentle[:, 0].max():.2f}, and settles on it with loss {loss[1]:.3g}. Momentum with "
        f"β = {MOMENTUM_RUNS[2][1]} overshoots widely, swinging past the minimum as far as "
        f"θ₁ = {heavy[:, 0].max():.2f} and circling around it; its loss after {MOMENTUM_STEPS} steps is "
        f"{loss[2]:.3g}.")


def momentum_table(path):
    """Table: steps until L < tolerance, for plain gradient descent (β = 0) and momentum."""
    betas = [0.0, 0.5, 0.8, 0.9, 0.95]
    rows = []
    for eta in [0.02, 0.1]:
        counts = [gd.steps_to_reach(gd.quadratic(_path(eta, 2000, beta), H), TOLERANCE) for beta in betas]
        rows.append([f"{eta}"] + [str(count) for count in counts])
    header = [r"\(\eta\)"] + [r"\(\beta = 0\) (plain)" if beta == 0 else rf"\(\beta = {beta}\)" for beta in betas]
    path.write_text(
        rf"Steps until \(\mathcal{{L}}(\theta) < 10^{{{np.log10(TOLERANCE):.0f}}}\), "
        rf"from \(\theta = ({START[0]:g}, {START[1]:g})\):" + "\n\n" + markdown_table(header, rows)
    )


def _regression_runs():
    """For each batch size: the training loss after some updates, and the wall time of the run."""
    X, Y, _ = gd.make_regression(N_EXAMPLES, N_FEATURES, NOISE, seed=0)
    runs = []
    for batch_size, label, colour in BATCH_SIZES:
        W = np.zeros((N_FEATURES, 1))
        start = time.perf_counter()
        for _ in gd.train_linear_regression(X, Y, W, SGD(ETA), batch_size, EPOCHS, np.random.default_rng(1)):
            pass
        seconds = time.perf_counter() - start
        # The same run again, now measuring the loss on all N examples after a few hundred
        # of the updates, spread both evenly (for the epoch axis) and on a log scale.
        total = EPOCHS * -(-N_EXAMPLES // batch_size)
        measure = set(np.geomspace(1, total, 300).astype(int)) | set(range(0, total + 1, max(1, total // 300)))
        W = np.zeros((N_FEATURES, 1))
        losses = {0: gd.linear_regression_loss(W, X, Y)}
        updates = gd.train_linear_regression(X, Y, W, SGD(ETA), batch_size, EPOCHS, np.random.default_rng(1))
        for update, W in enumerate(updates, start=1):
            if update in measure:
                losses[update] = gd.linear_regression_loss(W, X, Y)
        runs.append((batch_size, label, colour, np.array(list(losses)), np.array(list(losses.values())), seconds))
    best = gd.linear_regression_loss(np.linalg.lstsq(X, Y, rcond=None)[0], X, Y)
    return runs, best


def batch_sizes(path):
    """Training loss against epochs and against updates for batch sizes N, 32 and 1."""
    runs, best = _regression_runs()
    fig, (by_epoch, by_update) = figure(1, 2, figsize=(11, 4), sharey=True)
    for batch_size, label, colour, updates, losses, _ in runs:
        name = f"{label}, m = {batch_size}"
        by_epoch.plot(updates * batch_size / N_EXAMPLES, losses, color=colour, lw=1.3, label=name)
        by_update.plot(updates[1:], losses[1:], color=colour, lw=1.3, label=name)
    for ax in (by_epoch, by_update):
        ax.axhline(best, color=BLACK, ls="--", lw=1, label="least-squares optimum")
        ax.set_yscale("log")
        ax.set_yticks([0.25, 0.5, 1, 2, 4, 8, 16], labels=["0.25", "0.5", "1", "2", "4", "8", "16"])
        ax.minorticks_off()
    by_epoch.set_xlabel("epochs (examples processed / N)")
    by_epoch.set_ylabel("training loss (MSE on all N examples)")
    by_update.set_xlabel("updates (parameter steps)")
    by_update.set_xscale("log")
    by_epoch.legend(frameon=False)
    save(fig, path)


def batch_sizes_image(path):
    runs, best = _regression_runs()
    (_, _, _, _, batch, _), (mini_size, _, _, mini_updates, mini, _), (_, _, _, stochastic_updates, stochastic, _) = runs
    mini_epochs = mini_updates * mini_size / N_EXAMPLES
    after_first_epoch = stochastic[stochastic_updates >= N_EXAMPLES]
    first = min(len(batch), 21)
    require(mini[mini_epochs >= 2].max() < 1.05 * best, "mini-batch descent is at the optimum from epoch 2 on",
            f"its loss after epoch 2 reaches {mini[mini_epochs >= 2].max() / best:.2f}× the optimum")
    require(np.all(np.diff(batch) < 0) and batch[-1] > 1.5 * best, "batch descent declines steadily and ends "
            "well above the optimum", f"it ends at {batch[-1] / best:.2f}× the optimum")
    require(after_first_epoch.min() > 1.1 * best and np.any(np.diff(after_first_epoch) > 0),
            "stochastic descent jumps around above the optimum", f"its lowest loss after epoch 1 is "
            f"{after_first_epoch.min() / best:.2f}× the optimum")
    require(np.all(np.abs(np.log(batch[:first] / mini[:first])) < np.log(1.25)), "batch and mini-batch curves "
            f"nearly coincide for the first {first - 1} updates", f"their ratio is {np.round(batch[:first] / mini[:first], 2)}")
    image_markdown(path, "gradient-descent-batch-sizes.svg",
        f"Two panels of training loss on a log scale. Left, against epochs: mini-batch descent (m = {mini_size}) "
        f"drops to the least-squares optimum within the first two epochs and stays there; batch descent (m = N) "
        f"declines slowly along a straight line and is still well above the optimum after {EPOCHS} epochs; "
        f"stochastic descent (m = 1) falls at once but then jumps around noisily, above the optimum, for all "
        f"{EPOCHS} epochs. Right, against the number of updates on a log axis: batch and mini-batch curves lie "
        f"almost on top of each other for the first {first - 1} updates, where batch descent stops; mini-batch "
        f"continues to the optimum; stochastic descent is noisier and levels off above it.")


def batch_size_table(path):
    """Table: updates, final loss and wall time of each run."""
    runs, best = _regression_runs()
    rows = [
        [label, f"{batch_size}", f"{updates[-1]:,}", f"{losses[-1]:.4f}", f"{1000 * seconds:.1f}"]
        for batch_size, label, _, updates, losses, seconds in runs
    ]
    path.write_text(
        rf"\(N = {N_EXAMPLES}\) examples, {N_FEATURES} features, noise standard deviation {NOISE}, "
        rf"\(\eta = {ETA}\), {EPOCHS} epochs; least-squares optimum \(\mathcal{{L}} = {best:.4f}\)." + "\n\n"
        + markdown_table(["method", r"batch size \(m\)", "updates", r"final \(\mathcal{L}\)", "wall time (ms)"], rows)
    )


def adam_first_step(path):
    """Table: the first step of SGD and of Adam for gradients of very different sizes."""
    eta = 0.01
    grads = np.array([1e-4, -0.5, 3.0, -2000.0])
    rows = []
    for name, optimizer in [("SGD", SGD(eta)), ("Adam", Adam(eta))]:
        theta = np.zeros_like(grads)
        optimizer.step([theta], [grads])
        rows.append([name] + [f"{step:+.3g}" for step in theta])
    header = [rf"first step, \(\eta = {eta}\)"] + [rf"\(g = {g:g}\)" for g in grads]
    path.write_text(markdown_table(header, rows))


def gradient_checks(path):
    """Table: each gradient of the chapter against central differences (float64)."""
    rng = np.random.default_rng(0)
    theta, points = rng.normal(size=2), np.linspace(-2, 2, 9)
    X, Y, _ = gd.make_regression(50, 4, NOISE, seed=1)
    W = rng.normal(size=(4, 1))
    checks = [
        (r"bowl \(\tfrac12\theta H\theta^\top\)", r"\(\theta H\)", gd.quadratic_grad(theta, H),
         numerical_gradient(lambda t: gd.quadratic(t, H), theta)),
        # Summing over independent points makes one scalar whose gradient is L′ at each point.
        ("two valleys, at 9 points", r"\(\theta^3 - 2\theta + 0.3\)", gd.two_valleys_grad(points),
         numerical_gradient(lambda t: gd.two_valleys(t).sum(), points)),
        ("linear regression MSE", r"\(X^\top \partial\mathcal{L}/\partial\hat{Y}\)", gd.linear_regression_grad(W, X, Y),
         numerical_gradient(lambda V: gd.linear_regression_loss(V, X, Y), W)),
    ]
    rows = [[loss, formula, f"{relative_error(exact, numeric):.1e}"] for loss, formula, exact, numeric in checks]
    path.write_text(markdown_table(["loss", "gradient", "relative error vs. central differences"], rows))


OUTPUTS = {
    "outputs/gradient-descent-gradcheck.md": gradient_checks,
    "figures/gradient-descent-walk.svg": walk,
    "outputs/gradient-descent-walk-image.md": walk_image,
    "figures/gradient-descent-learning-rates.svg": learning_rates,
    "outputs/gradient-descent-learning-rates-image.md": learning_rates_image,
    "outputs/gradient-descent-learning-rates.md": learning_rate_table,
    "figures/gradient-descent-momentum.svg": momentum,
    "outputs/gradient-descent-momentum-image.md": momentum_image,
    "outputs/gradient-descent-momentum.md": momentum_table,
    "figures/gradient-descent-batch-sizes.svg": batch_sizes,
    "outputs/gradient-descent-batch-sizes-image.md": batch_sizes_image,
    "outputs/gradient-descent-batch-sizes.md": batch_size_table,
    "outputs/gradient-descent-adam.md": adam_first_step,
}
