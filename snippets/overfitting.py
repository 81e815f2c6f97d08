"""Overfitting on MNIST, and what regularization does about it.

A network with 784-512-512-10 ReLU units has about 670,000 parameters; trained on only
1,000 images it can learn every one of them by heart. These experiments train it with
each regularizer of ``snippets.regularization`` in turn, and with more data, and return
what was measured. The site's build runs each once and caches the result
(``snippets.sitebuild.experiments``).
"""

import itertools

import numpy as np

from snippets.backprop import train_step
from snippets.forward import init_params
from snippets.gradient_descent import minibatches
from snippets.hyperparameters import mnist_subset
from snippets.losses import one_hot
from snippets.mnist import load_mnist
from snippets.optimizers import SGD
from snippets.regularization import EarlyStopping, regularized_step
from snippets.sitebuild.experiments import experiment
from snippets.training import evaluate, fit

# --8<-- [start:run]
SIZES = [784, 512, 512, 10]
ACTIVATIONS = ["relu", "relu", "identity"]


def regularized_run(n_train, epochs, batch_size, learning_rate, seed, l2=0.0, l1=0.0, keep_prob=1.0, patience=None):
    """Train a fresh 784-512-512-10 network on the first ``n_train`` training images.

    Plain SGD, with the given penalties, dropout, and early stopping if ``patience`` is
    set. Returns the ``History`` (accuracies and validation loss per epoch), the epoch
    whose weights were kept, and the final parameters.
    """
    X, y, validation = mnist_subset(n_train)
    params = init_params(SIZES, np.random.default_rng(seed))
    stopper = EarlyStopping(patience) if patience else None
    history = fit(params, ACTIVATIONS, X, y, SGD(learning_rate), epochs, batch_size, seed, validation=validation,
                  step=regularized_step(l2, l1, keep_prob, seed=seed + 1), early_stopping=stopper)
    kept_epoch = stopper.best_epoch if stopper else len(history.val_loss)
    return {"history": history, "kept_epoch": kept_epoch, "params": params}
# --8<-- [end:run]


# --8<-- [start:learning_curve]
def learning_curve(sizes, updates, batch_size, learning_rate, seed):
    """For each training-set size N, train a fresh 784-512-512-10 network for the same number of updates.

    A fixed budget of ``updates`` mini-batches, epoch after epoch: a small set is seen many
    times, a large one about once. Returns, per N, the accuracy on those N training images
    and on the 10,000 test images, which no choice in these experiments looked at.
    """
    data = load_mnist()
    runs = []
    for n in sizes:
        X, y, _ = mnist_subset(n)
        Y = one_hot(y, 10)
        rng = np.random.default_rng(seed)
        params = init_params(SIZES, rng)
        optimizer = SGD(learning_rate)
        epochs = (minibatches(n, batch_size, rng) for _ in itertools.count())
        for batch in itertools.islice(itertools.chain.from_iterable(epochs), updates):
            train_step(X[batch], Y[batch], params, ACTIVATIONS, optimizer)
        runs.append({"n_train": n, "train_accuracy": evaluate(params, ACTIVATIONS, X, y)[1],
                     "test_accuracy": evaluate(params, ACTIVATIONS, data.test_images, data.test_labels)[1]})
    return runs
# --8<-- [end:learning_curve]

# The build and its tests cache these results (see snippets.sitebuild.experiments); for a reader they
# are plain calls. Wrapped here, below their definitions, so that the pages show the definitions as they are.
regularized_run = experiment(regularized_run)
learning_curve = experiment(learning_curve)
