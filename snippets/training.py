"""Training a classifier: the loop that turns the chapters' pieces into a learning network.

``fit`` runs epochs of mini-batch gradient descent with ``backprop.train_step`` (forward
pass, softmax cross-entropy, backward pass, optimizer update), measures the model after
every epoch and stops with a clear message if the loss stops being a finite number.
Everything is vectorised over the batch; float32 data and parameters stay float32.
"""

import math
import os
import time
from dataclasses import dataclass, field

import numpy as np
from tqdm import tqdm

from snippets.activations import softmax
from snippets.backprop import train_step
from snippets.forward import forward
from snippets.gradient_descent import minibatches
from snippets.losses import cross_entropy, one_hot


# --8<-- [start:diverged]
class TrainingDiverged(FloatingPointError):
    """The loss exploded (grew far beyond its start, or became NaN or infinite): the steps are too large."""


DIVERGENCE_FACTOR = 100  # a loss this many times its first value means training has diverged
# --8<-- [end:diverged]


# --8<-- [start:split]
def train_validation_split(X, y, n_validation, seed):
    """Hold out ``n_validation`` random examples: (X_train, y_train), (X_val, y_val).

    The validation set is never trained on; it tells us how the network does on
    digits it has not seen, epoch by epoch, without touching the test set.
    """
    order = np.random.default_rng(seed).permutation(len(X))
    train, val = order[n_validation:], order[:n_validation]
    return (X[train], y[train]), (X[val], y[val])
# --8<-- [end:split]


# --8<-- [start:check_inputs]
def check_inputs(X, y, params):
    """Raise ValueError, saying what was expected and what came, unless X and y fit the network."""
    n_inputs, n_classes = params[0][0].shape[0], params[-1][0].shape[1]
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2 or X.shape[1] != n_inputs:
        raise ValueError(f"expected inputs X of shape (m, {n_inputs}), one example per row; got shape {X.shape}")
    if not np.issubdtype(X.dtype, np.floating):
        raise ValueError(f"expected floating-point inputs X (e.g. float32 pixels in [0, 1]); got dtype {X.dtype}")
    if y.shape != (len(X),):
        raise ValueError(f"expected labels y of shape ({len(X)},), one per row of X; got shape {y.shape}")
    if not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"expected integer class labels y; got dtype {y.dtype}")
    if len(y) and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(f"expected labels in 0..{n_classes - 1} (the network has {n_classes} outputs); "
                         f"got values from {y.min()} to {y.max()}")
# --8<-- [end:check_inputs]


# --8<-- [start:evaluate]
def predict_proba(params, activations, X, batch_size=10_000):
    """Class probabilities softmax(Z^[L]), shape (m, K), computed in batches to bound memory."""
    return np.concatenate([softmax(forward(X[i:i + batch_size], params, activations)[0])
                           for i in range(0, len(X), batch_size)])


def evaluate(params, activations, X, y, batch_size=10_000):
    """(mean cross-entropy, accuracy) of the network on the labelled examples (X, y)."""
    check_inputs(X, y, params)
    losses, correct = 0.0, 0
    for i in range(0, len(X), batch_size):
        logits = forward(X[i:i + batch_size], params, activations)[0]
        labels = y[i:i + batch_size]
        losses += float(cross_entropy(logits, one_hot(labels, logits.shape[1], logits.dtype))) * len(labels)
        correct += int(np.sum(logits.argmax(axis=1) == labels))
    return losses / len(X), correct / len(X)
# --8<-- [end:evaluate]


# --8<-- [start:history]
@dataclass
class History:
    """What ``fit`` measured, one entry per epoch (validation lists stay empty without validation data)."""

    train_loss: list = field(default_factory=list)  # mean of the epoch's batch losses
    train_accuracy: list = field(default_factory=list)  # on the whole training set, after the epoch
    val_loss: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)
    seconds: list = field(default_factory=list)  # training time of the epoch, evaluation excluded


def _show_progress():
    """A progress bar for a person watching, not in the site build's log (the build hook sets this)."""
    return not os.environ.get("NN_TEXTBOOK_BUILD")
# --8<-- [end:history]


# --8<-- [start:fit]
def fit(params, activations, X, y, optimizer, epochs, batch_size, seed,
        validation=None, track_train_accuracy=True, progress=None, step=train_step, early_stopping=None):
    """Train ``params`` in place by mini-batch gradient descent on (X, y); return a History.

    Each epoch visits every example once, in a new random order drawn from ``seed``, in
    batches of ``batch_size``; each batch is one ``step`` (``train_step`` unless another
    is given), which returns the batch's loss. After each epoch the network is evaluated
    on ``validation`` = (X_val, y_val), if given. An ``early_stopping`` object (see
    ``regularization.EarlyStopping``) is told each epoch's validation loss, can end
    training, and restores the best epoch's weights at the end.
    """
    check_inputs(X, y, params)
    if validation is not None:
        check_inputs(*validation, params)
    Y = one_hot(y, params[-1][0].shape[1], dtype=X.dtype)
    rng = np.random.default_rng(seed)
    history, first_loss = History(), None
    for epoch in range(1, epochs + 1):
        start, batch_losses = time.perf_counter(), []
        batches = minibatches(len(X), batch_size, rng)
        bar = tqdm(batches, total=math.ceil(len(X) / batch_size), desc=f"epoch {epoch}/{epochs}",
                   disable=not (_show_progress() if progress is None else progress), leave=False)
        for batch in bar:
            loss = float(step(X[batch], Y[batch], params, activations, optimizer))
            first_loss = first_loss or loss
            # A loss that is no longer a number, or 100 times what it was when training
            # started, means the steps overshoot: carrying on would only hide it.
            if not math.isfinite(loss) or loss > DIVERGENCE_FACTOR * first_loss:
                rate = getattr(optimizer, "learning_rate", None)
                raise TrainingDiverged(
                    f"the loss became {loss:.4g} in epoch {epoch}, batch {len(batch_losses) + 1} (it started at "
                    f"{first_loss:.4g}): the updates overshoot. Try a smaller learning rate"
                    + (f" than {rate:g}, for example {rate / 10:g}." if rate else "."))
            batch_losses.append(loss)
        history.seconds.append(time.perf_counter() - start)
        history.train_loss.append(float(np.mean(batch_losses)))
        if track_train_accuracy:
            history.train_accuracy.append(evaluate(params, activations, X, y)[1])
        if validation is not None:
            val_loss, val_accuracy = evaluate(params, activations, *validation)
            history.val_loss.append(val_loss)
            history.val_accuracy.append(val_accuracy)
        if early_stopping is not None and early_stopping.update(epoch, history.val_loss[-1], params):
            break
    if early_stopping is not None:
        early_stopping.restore(params)
    return history
# --8<-- [end:fit]
