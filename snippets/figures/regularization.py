"""Figures and tables of the overfitting-and-regularization chapter; runs from ``snippets.overfitting``."""

import numpy as np

from snippets.dropout import dropout_mask, inverted_dropout
from snippets.figures.described import image_markdown, require
from snippets.figures.style import BLACK, BLUE, CYCLE, ORANGE, VERMILION, figure, markdown_table, save
from snippets.forward import init_params
from snippets.losses import one_hot
from snippets.overfitting import learning_curve, regularized_run
from snippets.regularization import gradient_check_regularized

BASE = dict(n_train=1_000, epochs=50, batch_size=32, learning_rate=0.1, seed=0)
RUNS = {  # label: what is added to the plain run
    "no regularization": {},
    "L2, λ = 0.003": {"l2": 3e-3},
    "L1, λ = 0.0001": {"l1": 1e-4},
    "dropout, p = 0.5": {"keep_prob": 0.5},
    "early stopping, patience 5": {"patience": 5},
    "L2 + dropout + early stopping, patience 5": {"l2": 3e-3, "keep_prob": 0.5, "patience": 5},
    "L2 + dropout + early stopping, patience 10": {"l2": 3e-3, "keep_prob": 0.5, "patience": 10},
}
LEARNING_CURVE = dict(sizes=[500, 1_000, 2_000, 5_000, 10_000, 20_000, 55_000], updates=2_000, batch_size=32,
                      learning_rate=0.1, seed=0)
NEAR_ZERO = 1e-3  # a weight this small changes a unit's input by less than 0.001 per unit of input


def run(label):
    return regularized_run(**BASE, **RUNS[label])


def all_weights(params):
    return np.concatenate([W.ravel() for W, _ in params])


def overfitting(path):
    """The plain run: training accuracy reaches 100% while validation lags; validation loss turns up."""
    history = run("no regularization")["history"]
    epochs = np.arange(1, len(history.val_loss) + 1)
    best = int(np.argmin(history.val_loss)) + 1
    fig, (left, right) = figure(1, 2, figsize=(10, 3.6))
    left.plot(epochs, np.array(history.train_accuracy) * 100, color=BLUE, label="training (1,000 images)")
    left.plot(epochs, np.array(history.val_accuracy) * 100, color=ORANGE, label="validation (5,000 images)")
    left.set_ylabel("accuracy (%)")
    left.legend(loc="lower right")
    right.plot(epochs, history.train_loss, color=BLUE, label="training (mean over the epoch's batches)")
    right.plot(epochs, history.val_loss, color=ORANGE, label="validation")
    right.axvline(best, color=BLACK, ls=":", lw=1)
    right.annotate(f"lowest validation loss:\nepoch {best}", (best, max(history.val_loss)), xytext=(6, 0),
                   textcoords="offset points", va="top", fontsize=10)
    right.set_yscale("log")
    right.set_ylabel("cross-entropy")
    right.legend(loc="center right", fontsize=10)
    for ax in (left, right):
        ax.set_xlabel("epoch")
    save(fig, path)


def overfitting_image(path):
    history = run("no regularization")["history"]
    train_accuracy, val_accuracy = np.array(history.train_accuracy), np.array(history.val_accuracy)
    val_loss, epochs = np.array(history.val_loss), len(history.val_loss)
    below = np.flatnonzero(train_accuracy < 1)
    perfect_from = int(below[-1]) + 2 if below.size else 1  # the first epoch of the run of 100% that lasts
    best = int(np.argmin(val_loss)) + 1
    orders = np.log10(history.train_loss[0] / history.train_loss[-1])
    require(perfect_from < epochs / 2, "training accuracy reaches 100% early and stays there",
            f"it stays at 100% only from epoch {perfect_from}")
    require(np.ptp(val_accuracy[perfect_from:]) < 0.01 and val_accuracy[-1] < 0.9,
            "validation accuracy stays flat just below 90%", f"after epoch {perfect_from} it ranges over "
            f"{np.ptp(val_accuracy[perfect_from:]):.1%} and ends at {val_accuracy[-1]:.1%}")
    require(orders >= 2 and best < epochs / 2 and val_loss[-1] > 1.1 * val_loss.min(),
            "the training loss falls by orders of magnitude while the validation loss turns up early",
            f"the training loss falls {orders:.1f} powers of ten; the validation loss is lowest at epoch {best} "
            f"and ends {val_loss[-1] / val_loss.min():.2f}× higher")
    image_markdown(path, "regularization-overfitting.svg",
        f"Two panels against the epoch, 1 to {epochs}. Left: accuracy; the training accuracy climbs to 100% and, "
        f"from epoch {perfect_from} on, stays there, while the validation accuracy levels off just below 90% early "
        f"on and stays flat, at {val_accuracy[-1]:.1%} after epoch {epochs}: a gap of "
        f"{(1 - val_accuracy[-1]) * 100:.1f} points. Right: cross-entropy on a log scale; the training loss falls "
        f"steadily by orders of magnitude, while the validation loss reaches its lowest point early, "
        f"{val_loss.min():.3f} at epoch {best}, marked by a dotted vertical line, and then slowly rises, to "
        f"{val_loss[-1]:.3f} after epoch {epochs}.")


def gradient_checks(path):
    """Table: gradients of penalised losses and of a network with fixed dropout masks, against central differences."""
    rng = np.random.default_rng(0)
    sizes, activations = [6, 5, 4, 3], ["relu", "relu", "identity"]
    # Non-zero biases: with zero biases an example whose hidden units were all dropped has Z = 0
    # exactly in the next layer, on ReLU's kink, where a central difference measures a slope of 1/2.
    params = [(W, rng.normal(scale=0.1, size=b.shape)) for W, b in init_params(sizes, rng, dtype=np.float64)]
    X, Y = rng.normal(size=(8, 6)), one_hot(rng.integers(0, 3, size=8), 3, dtype=np.float64)
    masks = [dropout_mask((8, n), 0.5, rng, np.float64) for n in sizes[1:-1]]
    cases = [("L2 penalty, λ = 0.1", dict(l2=0.1)), ("L1 penalty, λ = 0.05", dict(l1=0.05)),
             ("dropout, p = 0.5, masks held fixed", dict(masks=masks)),
             ("all three together", dict(l2=0.1, l1=0.05, masks=masks))]
    rows = []
    for name, options in cases:
        errors = gradient_check_regularized(X, Y, params, activations, **options)
        rows.append([name, f"{max(e for e, _ in errors):.1e}", f"{max(e for _, e in errors):.1e}"])
    path.write_text(f"Network {'-'.join(map(str, sizes))} (ReLU, float64), a batch of {len(X)} random examples.\n\n"
                    + markdown_table(["loss", "largest relative error in a dW", "in a db"], rows))


def weight_histograms(path):
    """Histograms of all the weights after training with no penalty, with L2, with L1."""
    labels = ["no regularization", "L2, λ = 0.003", "L1, λ = 0.0001"]
    fig, ax = figure(figsize=(8, 3.6))
    bins = np.linspace(-0.3, 0.3, 121)
    for label, colour in zip(labels, (BLACK, BLUE, VERMILION)):
        ax.hist(all_weights(run(label)["params"]), bins=bins, histtype="step", lw=1.6, color=colour, label=label)
    ax.set_yscale("log")
    ax.set_xlabel("weight value")
    ax.set_ylabel("number of weights")
    ax.legend(fontsize=9)
    save(fig, path)


def weight_histograms_image(path):
    plain, l2, l1 = (all_weights(run(label)["params"]) for label in ["no regularization", "L2, λ = 0.003", "L1, λ = 0.0001"])
    near_zero = [np.mean(np.abs(weights) < NEAR_ZERO) for weights in (plain, l2, l1)]
    require(l2.std() < plain.std() and near_zero[1] < 0.05, "L2's bell is narrower, with few weights at zero",
            f"the spreads are {plain.std():.3f} and {l2.std():.3f}, and {near_zero[1]:.1%} of L2's weights are near 0")
    require(near_zero[2] > 5 * max(near_zero[:2]), "L1 puts a tall spike at zero",
            f"the shares of weights near zero are {np.round(near_zero, 3)}")
    image_markdown(path, "regularization-weights.svg",
        f"Histograms of all the weights of three trained networks, on a log count scale, for weight values from "
        f"−0.3 to 0.3. Without regularization the weights form a broad bell. With L2 the bell is narrower: the "
        f"weights are smaller on the whole, but few are exactly at zero ({near_zero[1]:.1%} within {NEAR_ZERO:g} of "
        f"it, against {near_zero[0]:.1%} without regularization). With L1 a tall, narrow spike sits at zero, "
        f"{near_zero[2]:.1%} of all the weights, with thinner tails on both sides.")


def sparsity(path):
    rows = []
    for label in ["no regularization", "L2, λ = 0.003", "L1, λ = 0.0001"]:
        weights = all_weights(run(label)["params"])
        rows.append([label, f"{np.mean(np.abs(weights) < NEAR_ZERO):.1%}", f"{np.mean(np.abs(weights)):.4f}",
                     f"{np.sqrt(np.sum(weights.astype(np.float64) ** 2)):.1f}", f"{np.abs(weights).max():.3f}"])
    path.write_text(markdown_table(
        ["training", f"weights with \\(\\lvert w \\rvert < {NEAR_ZERO:g}\\)", "mean \\(\\lvert w \\rvert\\)", "\\(\\sqrt{\\sum w^2}\\)",
         "largest \\(\\lvert w \\rvert\\)"], rows))


def dropout_scaling(path):
    """Table: mask statistics on a million entries, and that evaluation mode changes nothing."""
    rng = np.random.default_rng(0)
    A = np.abs(rng.normal(size=(1_000, 1_000))).astype(np.float32)  # stand-in for a layer of ReLU outputs
    rows = []
    for keep_prob in [0.5, 0.8, 0.9]:
        D = dropout_mask(A.shape, keep_prob, rng)
        evaluated = inverted_dropout(A, keep_prob, rng, training=False)
        rows.append([f"{keep_prob:g}", f"{1 / keep_prob:.4g}", f"{np.mean(D == 0):.4f}", f"{D.mean():.4f}",
                     f"{(A * D).mean() / A.mean():.4f}", "yes" if evaluated is A else "no"])
    path.write_text(
        f"A layer of {A.size:,} activations; one mask per keep probability p.\n\n" + markdown_table(
            ["p", "value of a kept entry, 1/p", "share dropped (expected 1 − p)", "mean of D (expected 1)",
             "mean of A ⊙ D / mean of A", "evaluation returns A itself"], rows))


def comparison(path):
    """Validation loss and accuracy per epoch for every run; early-stopped runs end with the kept epoch marked."""
    fig, (left, right) = figure(1, 2, figsize=(11, 4))
    for (label, _), colour in zip(RUNS.items(), CYCLE):
        result = run(label)
        history, kept = result["history"], result["kept_epoch"]
        epochs = np.arange(1, len(history.val_loss) + 1)
        left.plot(epochs, history.val_loss, color=colour, label=label)
        right.plot(epochs, np.array(history.val_accuracy) * 100, color=colour, label=label)
        if kept < BASE["epochs"]:
            left.plot(kept, history.val_loss[kept - 1], "*", ms=12, color=colour)
            right.plot(kept, history.val_accuracy[kept - 1] * 100, "*", ms=12, color=colour)
    left.set_ylabel("validation loss")
    right.set_ylabel("validation accuracy (%)")
    for ax in (left, right):
        ax.set_xlabel("epoch")
    fig.legend(*left.get_legend_handles_labels(), loc="outside lower center", ncols=3)
    save(fig, path)


def comparison_image(path):
    runs = {label: run(label) for label in RUNS}
    loss = {label: np.array(result["history"].val_loss) for label, result in runs.items()}
    accuracy = {label: np.array(result["history"].val_accuracy) for label, result in runs.items()}
    plain, l2, l1, dropout, stopped, combined_5, combined_10 = RUNS
    full_length, flat_from = [plain, l2, l1, dropout], 15
    start = {label: np.round(curve[:6], 3) for label, curve in loss.items()}
    require(all(curve[:6].min() < 0.5 * curve[0] and np.any(np.diff(curve[:6]) > 0) for curve in loss.values()),
            "every run's loss falls steeply in the first five epochs, with bumps", f"the losses are {start}")
    require(loss[plain][-1] > 1.1 * loss[plain].min() and all(loss[label][-1] < loss[plain][-1] for label in (l2, l1, dropout)),
            "the plain run's loss rises later, while L2, L1 and dropout stay lower",
            f"the final losses are { {label: round(float(loss[label][-1]), 3) for label in full_length} }")
    jagged = {label: np.abs(np.diff(loss[label][5:])).mean() for label in full_length}
    require(max(jagged, key=jagged.get) == dropout, "dropout's loss is the most jagged", f"the mean jumps are {jagged}")
    lengths = {label: len(loss[label]) for label in (stopped, combined_5, combined_10)}
    require(all(n < BASE["epochs"] for n in lengths.values()) and min(lengths, key=lengths.get) == combined_5
            and lengths[combined_10] > 2 * lengths[combined_5], "the early-stopping runs end early, the combined run "
            "with patience 5 first and the one with patience 10 much later", f"they run {lengths} epochs")
    require(all(curve[:flat_from].max() > 0.85 for curve in accuracy.values()),
            f"every run's accuracy reaches the high eighties by epoch {flat_from}",
            f"the highest values are {[round(float(curve[:flat_from].max()), 3) for curve in accuracy.values()]}")
    later = {label: curve[flat_from:] for label, curve in accuracy.items() if len(curve) > flat_from}
    noisy = [dropout, combined_10]
    others = [label for label in later if label not in noisy]
    gains = [(later[label].mean() - max(later[other].mean() for other in others)) * 100 for label in noisy]
    require(min(gains) > 0 and min(later[label].std() for label in noisy) > max(later[label].std() for label in others),
            "the dropout runs are higher and noisier than the others", f"they gain {gains} points")
    image_markdown(path, "regularization-comparison.svg",
        f"Two panels against the epoch, 1 to {BASE['epochs']}. Left: validation loss of each run. All runs fall "
        f"steeply in the first five epochs, with bumps on the way. Afterwards the loss without regularization "
        f"slowly rises, while the runs with L2, L1 or dropout stay lower, dropout's the most jagged; the three "
        f"early-stopping runs end early, each with a star at the epoch whose weights it kept; the combined run "
        f"with patience 5 ends first, after {lengths[combined_5]} epochs, the one with patience 10 runs on for "
        f"much longer, {lengths[combined_10]} epochs. Right: validation accuracy of each run, rising to the high "
        f"eighties within about {flat_from} epochs and flat after that, the dropout run and the combined run with "
        f"patience 10 higher than the others after epoch {flat_from} (by {min(gains):.1f} to {max(gains):.1f} "
        f"points on average) and noisier.")


def results(path):
    rows = []
    for label in RUNS:
        result = run(label)
        history, kept = result["history"], result["kept_epoch"]
        train, val = history.train_accuracy[kept - 1], history.val_accuracy[kept - 1]
        rows.append([label, str(len(history.val_loss)), str(kept), f"{train:.1%}", f"{val:.1%}",
                     f"{(train - val) * 100:.1f} points", f"{history.val_loss[kept - 1]:.3f}"])
    path.write_text(markdown_table(["training", "epochs run", "weights kept from epoch", "training accuracy",
                                    "validation accuracy", "gap", "validation loss"], rows))


def learning_curve_runs():
    return learning_curve(**LEARNING_CURVE)


def learning_curve_figure(path):
    runs = learning_curve_runs()
    sizes = [r["n_train"] for r in runs]
    fig, ax = figure(figsize=(7, 3.6))
    ax.plot(sizes, [r["train_accuracy"] * 100 for r in runs], "o-", color=BLUE, label="training accuracy")
    ax.plot(sizes, [r["test_accuracy"] * 100 for r in runs], "s-", color=ORANGE, label="test accuracy (10,000 images)")
    ax.set_xscale("log")
    ax.set_xlabel("training images N (log scale)")
    ax.set_ylabel("accuracy (%)")
    ax.set_title(f"every network: {LEARNING_CURVE['updates']:,} updates of {LEARNING_CURVE['batch_size']} images")
    ax.legend()
    save(fig, path)


def learning_curve_image(path):
    """The figure's Markdown, with alt text that states what this build's runs measured."""
    runs = learning_curve_runs()
    first, last = runs[0], runs[-1]
    tests = [r["test_accuracy"] for r in runs]
    require(all(later > earlier for earlier, later in zip(tests, tests[1:])), "test accuracy rises with every N",
            f"it is {tests}")
    require(first["train_accuracy"] == 1 and last["train_accuracy"] < 1,
            "training accuracy starts at 100% and ends below it", f"it is {[r['train_accuracy'] for r in runs]}")
    image_markdown(path, "regularization-learning-curve.svg",
        f"Training and test accuracy against the number of training images on a log axis, from "
        f"{first['n_train']:,} to {last['n_train']:,}. Training accuracy is at 100% for the small sets and "
        f"declines slightly for the largest ones, which are seen only about once, to {last['train_accuracy']:.1%} "
        f"for {last['n_train']:,} images. Test accuracy rises steadily with the number of images, from "
        f"{first['test_accuracy']:.1%} for {first['n_train']:,} images to {last['test_accuracy']:.1%} for "
        f"{last['n_train']:,}, so the gap between the two curves closes from both sides.")


def learning_curve_table(path):
    runs = learning_curve_runs()
    seen = LEARNING_CURVE["updates"] * LEARNING_CURVE["batch_size"]
    rows = [[f"{r['n_train']:,}", f"{seen / r['n_train']:.1f}", f"{r['train_accuracy']:.1%}",
             f"{r['test_accuracy']:.1%}", f"{(r['train_accuracy'] - r['test_accuracy']) * 100:.1f} points"]
            for r in runs]
    path.write_text(markdown_table(["training images N", "epochs (times each image was seen)",
                                    "training accuracy", "test accuracy", "gap"], rows))


OUTPUTS = {
    "figures/regularization-overfitting.svg": overfitting,
    "outputs/regularization-overfitting-image.md": overfitting_image,
    "figures/regularization-learning-curve.svg": learning_curve_figure,
    "figures/regularization-comparison.svg": comparison,
    "outputs/regularization-comparison-image.md": comparison_image,
    "figures/regularization-weights.svg": weight_histograms,
    "outputs/regularization-weights-image.md": weight_histograms_image,
    "outputs/regularization-gradient-checks.md": gradient_checks,
    "outputs/regularization-dropout-scaling.md": dropout_scaling,
    "outputs/regularization-sparsity.md": sparsity,
    "outputs/regularization-results.md": results,
    "outputs/regularization-learning-curve.md": learning_curve_table,
    "outputs/regularization-learning-curve-image.md": learning_curve_image,
}
