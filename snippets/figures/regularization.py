"""Figures and tables of the overfitting-and-regularization chapter; runs from ``snippets.overfitting``."""

import numpy as np

from snippets.dropout import dropout_mask, inverted_dropout
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
    if any(later <= earlier for earlier, later in zip(tests, tests[1:])):
        raise ValueError(f"the alt text says test accuracy rises with every N, but it is {tests}")
    if first["train_accuracy"] != 1 or last["train_accuracy"] >= 1:
        raise ValueError("the alt text says training accuracy starts at 100% and ends below it, "
                         f"but it is {[r['train_accuracy'] for r in runs]}")
    path.write_text(
        f"![Training and test accuracy against the number of training images on a log axis, from "
        f"{first['n_train']:,} to {last['n_train']:,}. Training accuracy is at 100% for the small sets and "
        f"declines slightly for the largest ones, which are seen only about once, to {last['train_accuracy']:.1%} "
        f"for {last['n_train']:,} images. Test accuracy rises steadily with the number of images, from "
        f"{first['test_accuracy']:.1%} for {first['n_train']:,} images to {last['test_accuracy']:.1%} for "
        f"{last['n_train']:,}, so the gap between the two curves closes from both sides.]"
        f"(../figures/regularization-learning-curve.svg)\n")


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
    "figures/regularization-learning-curve.svg": learning_curve_figure,
    "figures/regularization-comparison.svg": comparison,
    "figures/regularization-weights.svg": weight_histograms,
    "outputs/regularization-gradient-checks.md": gradient_checks,
    "outputs/regularization-dropout-scaling.md": dropout_scaling,
    "outputs/regularization-sparsity.md": sparsity,
    "outputs/regularization-results.md": results,
    "outputs/regularization-learning-curve.md": learning_curve_table,
    "outputs/regularization-learning-curve-image.md": learning_curve_image,
}
