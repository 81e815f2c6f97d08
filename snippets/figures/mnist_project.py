"""Figures of the MNIST project notebook: each function takes results and returns a Figure.

The notebook calls them with the numbers of its own run, so these are not build
outputs of their own; the notebook page shows what they return.
"""

import numpy as np

from snippets.figures.style import BLUE, ORANGE, VERMILION, figure


def digit_grid(images, labels, rows=4, cols=10):
    """The first rows × cols images, 28 × 28 each, with their labels as titles."""
    fig, axes = figure(rows, cols, figsize=(cols * 0.9, rows * 1.05))
    for ax, image, label in zip(axes.flat, images, labels):
        ax.imshow(image.reshape(28, 28), cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(str(label), fontsize=10)
        ax.axis("off")
    return fig


def class_balance(train_labels, validation_labels, test_labels):
    """Bars: the share of each digit in the training, validation and test sets."""
    fig, ax = figure(figsize=(8, 3))
    width = 0.27
    for offset, (name, labels, colour) in zip(
        (-width, 0, width),
        [("training", train_labels, BLUE), ("validation", validation_labels, ORANGE), ("test", test_labels, VERMILION)],
    ):
        share = np.bincount(labels, minlength=10) / len(labels)
        ax.bar(np.arange(10) + offset, share * 100, width, label=f"{name} ({len(labels):,})", color=colour)
    ax.axhline(10, color="black", lw=0.8, ls=":")
    ax.set_xticks(range(10))
    ax.set_xlabel("digit")
    ax.set_ylabel("share of the set (%)")
    fig.legend(*ax.get_legend_handles_labels(), ncols=3, loc="outside upper center", fontsize=9)  # not over the bars
    return fig


def learning_curves(history):
    """Loss and accuracy per epoch, on the training and the validation set."""
    epochs = np.arange(1, len(history.train_loss) + 1)
    fig, (left, right) = figure(1, 2, figsize=(10, 3.5))
    left.plot(epochs, history.train_loss, "o-", color=BLUE, label="training (mean over the epoch's batches)")
    left.plot(epochs, history.val_loss, "s-", color=ORANGE, label="validation (after the epoch)")
    left.set_ylabel("cross-entropy loss")
    left.set_yscale("log")
    right.plot(epochs, np.array(history.train_accuracy) * 100, "o-", color=BLUE, label="training")
    right.plot(epochs, np.array(history.val_accuracy) * 100, "s-", color=ORANGE, label="validation")
    right.set_ylabel("accuracy (%)")
    for ax in (left, right):
        ax.set_xlabel("epoch")
        ax.legend(fontsize=9)
    return fig


def confusion(matrix):
    """The confusion matrix as a heat map with counts; off-diagonal cells are the mistakes."""
    fig, ax = figure(figsize=(6, 5.2))
    mistakes = matrix.astype(float)
    np.fill_diagonal(mistakes, np.nan)  # colour the errors only: the diagonal would swamp the scale
    image = ax.imshow(mistakes, cmap="Oranges")
    for (i, j), count in np.ndenumerate(matrix):
        ax.text(j, i, str(count), ha="center", va="center", fontsize=8,
                color="black" if i != j else BLUE, fontweight="bold" if i == j else "normal")
    ax.set_xticks(range(10))
    ax.set_yticks(range(10))
    ax.set_xlabel("predicted digit")
    ax.set_ylabel("true digit")
    ax.grid(False)
    fig.colorbar(image, ax=ax, label="wrong predictions")
    return fig


def confident_mistakes(images, true_labels, probabilities, count=12):
    """The test digits the network got wrong with the highest confidence in its wrong answer.

    Each is titled with the answer and the true digit, and with the probability the network
    gave the true digit: its wrong answers are all nearly 100% sure, so that is what tells
    them apart (how far the network was from being right).
    """
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != true_labels)
    worst = wrong[np.argsort(-probabilities[wrong, predicted[wrong]])][:count]
    fig, axes = figure(2, count // 2, figsize=(count * 0.8, 3.9))
    for ax, i in zip(axes.flat, worst):
        ax.imshow(images[i].reshape(28, 28), cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(f"said {predicted[i]}, true {true_labels[i]}\nP({true_labels[i]}) = "
                     f"{probabilities[i, true_labels[i]]:.0e}", fontsize=9)
        ax.axis("off")
    return fig


def first_layer_weights(W, count=32):
    """Columns of the first weight matrix, each drawn as the 28 × 28 image it responds to.

    Red pixels push the hidden unit's input up, blue pixels push it down.
    """
    fig, axes = figure(4, count // 4, figsize=(count // 4 * 1.1, 4.6))
    for ax, column in zip(axes.flat, W.T):
        limit = np.abs(column).max()
        ax.imshow(column.reshape(28, 28), cmap="RdBu_r", vmin=-limit, vmax=limit)
        ax.axis("off")
    return fig
