"""Figures and tables of the hyper-parameters chapter; the training runs come from ``snippets.hyperparameters``."""

import math

import numpy as np

from snippets.figures.described import image_markdown, require
from snippets.figures.style import BLACK, BLUE, CYCLE, ORANGE, VERMILION, figure, markdown_table, save
from snippets.forward import forward
from snippets.gradient_descent import minibatches
from snippets.hyperparameters import batch_size_sweep, initialization_runs, learning_rate_sweep, mnist_subset
from snippets.initialization import layer_statistics, make_params

N_TRAIN = 55_000  # the training set of these chapters: 60,000 images minus 5,000 for validation

LEARNING_RATES = dict(learning_rates=[0.001, 0.01, 0.1, 0.5, 1.0, 5.0, 10.0], n_train=10_000, epochs=5,
                      batch_size=64, seed=0)
BATCH_SIZES = dict(batch_sizes=[16, 64, 256, 1024], learning_rate=0.1, epochs=3, seed=0)

DEEP_SIZES = [784, 256, 256, 256, 256, 10]  # four hidden layers, five layers of weights
# (scheme for make_params, activation of the hidden layers)
SCHEMES = [("zeros", "tanh"), ("constant 0.004", "tanh"),
           ("std 0.01", "tanh"), ("xavier", "tanh"), ("std 1", "tanh"),
           ("std 0.01", "relu"), ("he", "relu"), ("std 1", "relu")]
INITIALIZATION = dict(schemes=SCHEMES, sizes=DEEP_SIZES, n_train=10_000, epochs=3, batch_size=64,
                      learning_rate=0.05, seed=0)
SCHEME_NAMES = {"zeros": "all zeros", "constant 0.004": "all 0.004", "std 0.01": "N(0, 0.01²)",
                "std 1": "N(0, 1)", "xavier": "Xavier", "he": "He"}


def scheme_label(scheme, hidden):
    return f"{SCHEME_NAMES[scheme]}, {hidden}"


def schedule(path):
    """Table: iterations per epoch and updates in 10 epochs, for N = 55,000 and several batch sizes."""
    epochs, rng, rows = 10, np.random.default_rng(0), []
    for m in [1, 32, 128, 1024, N_TRAIN]:
        batches = list(minibatches(N_TRAIN, m, rng))  # the batches of one epoch, as training draws them
        rows.append([f"{m:,}", f"{math.ceil(N_TRAIN / m):,}", f"{len(batches):,}", f"{len(batches[-1]):,}",
                     f"{epochs * len(batches):,}"])
    path.write_text(markdown_table(
        ["batch size \\(m\\)", "\\(\\lceil N/m \\rceil\\)", "batches `minibatches` yields",
         "size of the last batch", "updates in 10 epochs"], rows))


# --- learning rate -----------------------------------------------------------------------------

def learning_rate_figure(path):
    """Training and validation loss per epoch for each η, and the final validation accuracy against η."""
    runs = learning_rate_sweep(**LEARNING_RATES)
    fig, axes = figure(1, 3, figsize=(10, 3.8))
    top = 20.0  # where a diverged run is marked: above every finite loss of the figure
    for run, colour in zip(runs, CYCLE):
        losses = np.array(run["losses"])
        for ax, column in zip(axes[:2], (0, 1)):
            ax.plot(range(len(losses)), losses[:, column], "o-", ms=3, color=colour, label=f"η = {run['learning_rate']:g}")
            if run["diverged_at"]:
                ax.plot([len(losses) - 1, run["diverged_at"]], [losses[-1, column], top], ":", color=colour)
                ax.plot(run["diverged_at"], top, "X", ms=10, color=colour)
                ax.annotate(f"diverged in epoch {run['diverged_at']}", (run["diverged_at"], top),
                            xytext=(6, -4), textcoords="offset points", fontsize=10, color=colour)
    for ax, title in zip(axes[:2], ("training loss", "validation loss")):
        ax.set_yscale("log")
        ax.set_xlabel("epoch (0 = before training)")
        ax.set_ylabel("cross-entropy")
        ax.set_title(title)
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=len(runs), fontsize=10)
    etas = [run["learning_rate"] for run in runs]
    accuracy = [run["val_accuracy"] * 100 for run in runs]
    axes[2].plot(etas, accuracy, "-", color=BLACK, lw=0.8)
    for eta, acc, run, colour in zip(etas, accuracy, runs, CYCLE):
        axes[2].plot(eta, acc, "X" if run["diverged_at"] else "o", ms=9 if run["diverged_at"] else 7, color=colour)
    axes[2].set_xscale("log")
    axes[2].set_xlabel("learning rate η")
    axes[2].set_ylabel("validation accuracy (%)")
    axes[2].set_title(f"after {LEARNING_RATES['epochs']} epochs")
    axes[2].set_ylim(0, 100)
    save(fig, path)


def learning_rate_image(path):
    runs = {run["learning_rate"]: run for run in learning_rate_sweep(**LEARNING_RATES)}
    (tiny, small, *fast), (stalled, diverged) = list(runs)[:-2], list(runs)[-2:]
    train = {eta: np.array(run["losses"])[:, 0] for eta, run in runs.items()}
    validation = {eta: np.array(run["losses"])[:, 1] for eta, run in runs.items()}
    accuracy = {eta: run["val_accuracy"] for eta, run in runs.items()}
    peak = max(accuracy, key=accuracy.get)
    bumpy = [eta for eta in fast if np.any(np.diff(validation[eta]) > 0)]
    require(len({losses[0] for losses in train.values()}) == 1, "all runs start from the same loss",
            f"they start at {[losses[0] for losses in train.values()]}")
    require(np.all(np.diff(train[tiny]) < 0) and train[tiny][-1] > 0.5 * train[tiny][0],
            f"η = {tiny:g} creeps down slowly", f"its training loss is {np.round(train[tiny], 3)}")
    require(np.all(np.diff(train[small]) < 0) and train[small][-1] < 0.5 * train[small][0],
            f"η = {small:g} descends steadily", f"its training loss is {np.round(train[small], 3)}")
    require(all(train[eta][1] < train[small][1] for eta in fast), f"η = {', '.join(map(format, fast))} drop fastest",
            f"their first-epoch losses are {[train[eta][1] for eta in fast]}")
    require(bumpy == fast[1:], f"only the largest of them, {fast[1:]}, have bumps", f"{bumpy} have")
    require(np.all(np.abs(train[stalled] / train[stalled][0] - 1) < 0.05), f"η = {stalled:g} stays flat",
            f"its training loss is {np.round(train[stalled], 3)}")
    require(runs[diverged]["diverged_at"] == 1 and not any(runs[eta]["diverged_at"] for eta in list(runs)[:-1]),
            f"only η = {diverged:g} diverges, in epoch 1", f"divergence epochs are "
            f"{ {eta: run['diverged_at'] for eta, run in runs.items()} }")
    rising = [accuracy[eta] for eta in runs if eta <= peak]
    require(peak in fast[1:] and np.all(np.diff(rising) > 0) and all(accuracy[eta] < 0.15 for eta in (stalled, diverged)),
            f"accuracy rises to a peak at {fast[1:]} and falls to chance at {stalled:g} and {diverged:g}",
            f"it is {accuracy}")
    listed = ", ".join(format(eta, "g") for eta in fast[:-1]) + f" and {fast[-1]:g}"
    image_markdown(path, "hyperparameters-learning-rate.svg",
        f"Three panels. Left and middle: training and validation cross-entropy, on a log scale, against the epoch "
        f"from 0 (before training) to {LEARNING_RATES['epochs']}, one line per learning rate. All runs start from "
        f"the same loss. With η = {tiny:g} the loss creeps down slowly; η = {small:g} descends steadily; "
        f"η = {listed} drop fastest, the two largest of these with visible bumps. With η = {stalled:g} the loss "
        f"stays flat near its starting value. The η = {diverged:g} run is drawn as a dotted line ending in a cross "
        f"at the top of the plot, marked diverged in epoch {runs[diverged]['diverged_at']}. Right: validation "
        f"accuracy after training against the learning rate on a log axis, rising from η = {tiny:g} to a peak "
        f"around {fast[1]:g} to {fast[2]:g}, then falling to chance level at {stalled:g} and {diverged:g}, where "
        f"the last point is a cross.")


def learning_rate_table(path):
    runs = learning_rate_sweep(**LEARNING_RATES)
    rows = []
    for run in runs:
        if run["diverged_at"]:  # it stopped in mid-epoch: there is no final loss to show
            outcome, train, val = f"diverged in epoch {run['diverged_at']}", "—", "—"
        else:
            outcome = f"ran {LEARNING_RATES['epochs']} epochs"
            train, val = (f"{loss:.3f}" for loss in run["losses"][-1])
        rows.append([f"{run['learning_rate']:g}", outcome, train, val,
                     f"{run['val_accuracy']:.1%}", f"{run['dead_units']:.0%}"])
    path.write_text(markdown_table(
        ["η", "outcome", "training loss", "validation loss", "validation accuracy", "dead hidden units"], rows))


# --- batch size ----------------------------------------------------------------------------------

def batch_size_figure(path):
    """Seconds per epoch against m, and validation accuracy against training time."""
    runs = batch_size_sweep(**BATCH_SIZES)
    fig, (left, right) = figure(1, 2, figsize=(10, 3.6))
    labels = [f"m = {run['batch_size']}" for run in runs]
    left.bar(labels, [np.mean(run["seconds"]) for run in runs], color=CYCLE[:len(runs)])
    left.set_ylabel("seconds per epoch")
    left.set_title("time for one pass over 55,000 images")
    for run, label, colour in zip(runs, labels, CYCLE):
        right.plot(np.cumsum(run["seconds"]), np.array(run["val_accuracy"]) * 100, "o-", color=colour, label=label)
    right.set_xlabel("training time (s)")
    right.set_ylabel("validation accuracy (%)")
    right.set_title(f"after each of {BATCH_SIZES['epochs']} epochs")
    right.legend(fontsize=10)
    save(fig, path)


def batch_size_image(path):
    runs = batch_size_sweep(**BATCH_SIZES)
    sizes = [run["batch_size"] for run in runs]
    by_epoch = np.array([run["val_accuracy"] for run in runs]).T  # one row per epoch, one column per m
    require(sizes == sorted(sizes) and np.all(np.diff(by_epoch, axis=1) < 0),
            "after every epoch the smaller batch has the higher accuracy", f"the accuracies are {by_epoch.tolist()}")
    listed = ", ".join(map(str, sizes[:-1])) + f" and {sizes[-1]}"
    image_markdown(path, "hyperparameters-batch-size.svg",
        f"Two panels. Left: bars of the training time of one epoch for batch sizes {listed}. Right: validation "
        f"accuracy in percent against the cumulative training time in seconds, one line per batch size with a "
        f"marker after each of its {BATCH_SIZES['epochs']} epochs; the marker of each epoch lies higher the "
        f"smaller the batch.")


def batch_size_table(path):
    runs = batch_size_sweep(**BATCH_SIZES)
    rows = [[f"{run['batch_size']:,}", f"{run['updates'] // BATCH_SIZES['epochs']:,}", f"{run['updates']:,}",
             f"{np.mean(run['seconds']):.2f}", f"{N_TRAIN / np.mean(run['seconds']):,.0f}",
             f"{run['val_accuracy'][-1]:.1%}"] for run in runs]
    path.write_text(markdown_table(
        ["batch size \\(m\\)", "updates per epoch", "updates in all", "seconds per epoch", "images per second",
         f"validation accuracy after {BATCH_SIZES['epochs']} epochs"], rows))


def batch_size_equal_time(path):
    """The right panel in numbers, after a sentence that compares the smallest and largest m at equal time.

    The times are measured anew by every build that retrains, so the sentence is written from them:
    it says that the small batches still win only when this build's times show it.
    """
    runs = batch_size_sweep(**BATCH_SIZES)
    epochs, small, large = BATCH_SIZES["epochs"], runs[0], runs[-1]
    first, last = small["seconds"][0], sum(large["seconds"])
    small_text = (f"m = {small['batch_size']:,} was at {small['val_accuracy'][0]:.1%} after its first epoch, "
                  f"at {first:.2f} s")
    large_text = (f"m = {large['batch_size']:,} reached {large['val_accuracy'][-1]:.1%} after its {epochs} epochs, "
                  f"at {last:.2f} s")
    if first <= last and small["val_accuracy"][0] > large["val_accuracy"][-1]:
        sentence = f"At equal time, small batches still win: {small_text}, sooner than {large_text}."
    elif first > last:
        sentence = (f"On this build's clock the large batches finished first: {large_text}, before "
                    f"{small_text}; compare the runs at the times in the table.")
    else:
        sentence = f"At equal time, the small batches do not win here: {small_text}, while {large_text}."
    rows = [[f"{run['batch_size']:,}", *(f"{accuracy:.1%} at {seconds:.2f} s" for accuracy, seconds
                                         in zip(run["val_accuracy"], np.cumsum(run["seconds"])))] for run in runs]
    table = markdown_table(["batch size \\(m\\)", *(f"after epoch {epoch}" for epoch in range(1, epochs + 1))], rows)
    path.write_text(f"{sentence} Validation accuracy after each epoch, at the training time taken until then "
                    f"(the points of the right panel):\n\n{table}")


# --- initialization -----------------------------------------------------------------------------

def activations_at_start(scheme, hidden, n_examples=1_000):
    """Every hidden layer's activations for the first validation images, before any training."""
    _, _, (X_val, _) = mnist_subset(0)
    params = make_params(scheme, DEEP_SIZES, INITIALIZATION["seed"])
    activations = [hidden] * (len(DEEP_SIZES) - 2) + ["identity"]
    _, cache = forward(X_val[:n_examples], params, activations)
    return X_val[:n_examples], params, activations, [A for A, _ in cache[1:]]


def initialization_figure(path):
    """Histograms of each hidden layer's activations, for three weight scales and two activations."""
    panels = [[("std 0.01", "tanh"), ("xavier", "tanh"), ("std 1", "tanh")],
              [("std 0.01", "relu"), ("he", "relu"), ("std 1", "relu")]]
    fig, axes = figure(2, 3, figsize=(10, 6.4))
    layer_colours = [BLUE, ORANGE, VERMILION, BLACK]
    for row, schemes in zip(axes, panels):
        for ax, (scheme, hidden) in zip(row, schemes):
            *_, layers = activations_at_start(scheme, hidden)
            for number, (A, colour) in enumerate(zip(layers, layer_colours), start=1):
                if hidden == "tanh":
                    ax.hist(A.ravel(), bins=np.linspace(-1, 1, 81), histtype="step", lw=1.5, color=colour,
                            density=True, label=f"layer {number}")
                else:  # half of ReLU's outputs are 0; the others span many powers of ten
                    positive = A[A > 0]
                    ax.hist(np.log10(positive), bins=np.linspace(-7, 7, 85), histtype="step", lw=1.5,
                            color=colour, weights=np.full(positive.size, 1 / A.size), label=f"layer {number}")
            ax.set_title(scheme_label(scheme, hidden))
            ax.set_yscale("log" if hidden == "tanh" else "linear")
            ax.set_xlabel("activation a" if hidden == "tanh" else "log₁₀ a (positive activations)")
    axes[0][0].set_ylabel("density (log scale)")
    axes[1][0].set_ylabel("share of all activations")
    axes[0][0].legend(fontsize=10)
    save(fig, path)


def _power_of_ten(x):
    """x rounded to a power of ten, written as in the figure's axis: 10⁻⁴."""
    exponent = int(np.round(np.log10(x)))
    return "1" if exponent == 0 else "10" + str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def initialization_image(path):
    hidden = len(DEEP_SIZES) - 2
    spread = {(scheme, act): [A.std() for A in activations_at_start(scheme, act)[-1][:hidden]]
              for scheme, act in [("std 0.01", "tanh"), ("xavier", "tanh")]}
    saturated = [(np.abs(A) > 0.9).mean() for A in activations_at_start("std 1", "tanh")[-1][:hidden]]
    typical = {scheme: np.array([np.median(A[A > 0]) for A in activations_at_start(scheme, "relu")[-1][:hidden]])
               for scheme in ["std 0.01", "he", "std 1"]}
    small, xavier = spread["std 0.01", "tanh"], spread["xavier", "tanh"]
    require(np.all(np.diff(small) < 0) and max(small[1:]) < 0.02, "with N(0, 0.01²) tanh layers collapse, "
            "layers 2 on a spike at 0", f"their spreads are {np.round(small, 4)}")
    require(max(xavier) / min(xavier) < 1.5, "Xavier's tanh layers have a similar spread",
            f"their spreads are {np.round(xavier, 3)}")
    require(min(saturated) > 0.85, "with N(0, 1) almost all tanh activations are near ±1",
            f"the share beyond ±0.9 is {np.round(saturated, 3)}")
    shrink, grow = typical["std 0.01"][1:] / typical["std 0.01"][:-1], typical["std 1"][1:] / typical["std 1"][:-1]
    require(np.all((shrink > 1 / 20) & (shrink < 1 / 5)) and np.all((grow > 5) & (grow < 20)),
            "each ReLU layer is about ten times smaller (N(0, 0.01²)) or larger (N(0, 1)) than the last",
            f"the ratios are {np.round(shrink, 3)} and {np.round(grow, 1)}")
    require(np.ptp(np.log10(typical["he"])) < np.log10(1.5) and 0.1 <= typical["he"].min() <= typical["he"].max() <= 1,
            "He's ReLU layers overlap between 10⁻¹ and 1", f"their medians are {np.round(typical['he'], 3)}")
    image_markdown(path, "hyperparameters-initialization.svg",
        f"Six histogram panels, one line per hidden layer 1 to {hidden}. Top row, tanh: with N(0, 0.01²) the "
        f"activations collapse towards zero, each layer's histogram narrower than the last, layers 2 to {hidden} a "
        f"single spike at 0; with Xavier every layer has a similar bell-shaped spread over most of (−1, 1); with "
        f"N(0, 1) almost all activations pile up at −1 and +1. Bottom row, ReLU, positive activations on a log₁₀ "
        f"axis: with N(0, 0.01²) each layer's activations are about ten times smaller than the previous layer's, "
        f"ending near {_power_of_ten(typical['std 0.01'][-1])}; with He all {hidden} layers overlap around 10⁻¹ "
        f"to 1; with N(0, 1) each layer is about ten times larger, ending near "
        f"{_power_of_ten(typical['std 1'][-1])}.")


def initialization_statistics(path):
    """Tabs, one per scheme: mean and std of each hidden layer's activations, saturated entries, dead units."""
    blocks = []
    for scheme, hidden in SCHEMES:
        X, params, activations, _ = activations_at_start(scheme, hidden)
        rows = [[str(layer), f"{s.mean:+.3g}", f"{s.std:.3g}", f"{s.saturated:.1%}", f"{s.dead:.1%}"]
                for layer, s in enumerate(layer_statistics(X, params, activations), start=1)]
        table = markdown_table(["layer", "mean of a", "std of a", "f′(z) < 0.01", "dead units"], rows)
        blocks.append(f'=== "{scheme_label(scheme, hidden)}"\n\n' + "".join(f"    {line}\n" for line in table.splitlines()))
    path.write_text("\n".join(blocks))


def initialization_table(path):
    runs = initialization_runs(**INITIALIZATION)
    rows = []
    for run in runs:
        accuracy = [f"{a:.0%}" for a in run["val_accuracy"]]
        if run["diverged_at"]:
            accuracy.append(f"diverged in epoch {run['diverged_at']}")
        # After a blow-up the weights are whatever the exploding steps made them: not worth showing.
        after = ["—", "—"] if run["diverged_at"] else [f"{run['spread_after']:.2g}", f"{run['moved']:.2g}"]
        rows.append([scheme_label(run["scheme"], run["activation"]), " → ".join(accuracy),
                     f"{run['spread_before']:.2g}", *after])
    path.write_text(markdown_table(
        ["start", "validation accuracy after each epoch", "spread of \\(W^{[1]}\\)'s units, before",
         "after", "largest change of a weight of \\(W^{[1]}\\)"], rows))


OUTPUTS = {
    "outputs/hyperparameters-schedule.md": schedule,
    "figures/hyperparameters-learning-rate.svg": learning_rate_figure,
    "outputs/hyperparameters-learning-rate-image.md": learning_rate_image,
    "figures/hyperparameters-batch-size.svg": batch_size_figure,
    "outputs/hyperparameters-batch-size-image.md": batch_size_image,
    "figures/hyperparameters-initialization.svg": initialization_figure,
    "outputs/hyperparameters-initialization-image.md": initialization_image,
    "outputs/hyperparameters-learning-rate.md": learning_rate_table,
    "outputs/hyperparameters-batch-size.md": batch_size_table,
    "outputs/hyperparameters-batch-size-equal-time.md": batch_size_equal_time,
    "outputs/hyperparameters-initialization-statistics.md": initialization_statistics,
    "outputs/hyperparameters-initialization.md": initialization_table,
}
