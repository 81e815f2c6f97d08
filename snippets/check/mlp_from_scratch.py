"""Checks of mini-assignment 3: a two-layer network from scratch in NumPy."""

import numpy as np

from snippets.check.core import CheckFailed, Exercise, array, close, finite, gradient, no_warnings, number, seeded, type_name
from snippets.check.loss_functions import AXIS_HINT
from snippets.gradcheck import numerical_gradient
from snippets.losses import log_softmax
from snippets.mnist import load_mnist
from snippets.solutions import mlp_from_scratch as reference

TITLE = "Mini-assignments"
PAGE = "exercises/mlp-from-scratch.md"
SOLUTION = "snippets.solutions.mlp_from_scratch"
NAMES = ("W1", "b1", "W2", "b2")
N_TRAIN, MIN_ACCURACY, TRAIN_SECONDS = 10_000, 0.92, 60  # the goal of the last check
SORTED_MIN_ACCURACY = 0.5  # shuffled, one epoch on label-sorted digits gives about 80%; in label order about 10%

mlp = Exercise("mlp-from-scratch", "A two-layer network from scratch", PAGE,
               ("init_params", "forward", "loss", "backward", "update", "train"), SOLUTION)


def shapes(n_in, n_hidden, n_out):
    return {"W1": (n_in, n_hidden), "b1": (n_hidden,), "W2": (n_hidden, n_out), "b2": (n_out,)}


def parameter_dict(got, what, expected_shapes=None, dtype=None):
    """``got`` as a dict {"W1", "b1", "W2", "b2"} of arrays (with the expected shapes, if given), or CheckFailed."""
    if not isinstance(got, dict) or set(got) != set(NAMES):
        keys = sorted(got) if isinstance(got, dict) else type_name(got)
        raise CheckFailed(f"{what} should be a dict with the keys W1, b1, W2, b2", expected=list(NAMES), got=keys)
    if expected_shapes is None:
        return got
    return {name: array(got[name], f"{what}[{name!r}]", shape=expected_shapes[name], dtype=dtype) for name in NAMES}


def small_network(seed, dtype=np.float64, m=6, sizes=(5, 4, 3)):
    """Seeded parameters, non-zero biases included (a forgotten bias must show), inputs and labels."""
    rng = seeded(seed)
    params = {name: rng.normal(size=shape).astype(dtype) for name, shape in shapes(*sizes).items()}
    return params, rng.normal(size=(m, sizes[0])).astype(dtype), rng.integers(0, sizes[2], size=m)


# ---------------------------------------------------------------- init_params
@mlp.check("init_params(784, 64, 10): W1 (784, 64), b1 (64,), W2 (64, 10), b2 (10,), float32, biases 0", hint=(
    "return a dict; np.zeros(n, dtype=np.float32) for the biases, and .astype(np.float32) for the weights"))
def _(learner):
    params = parameter_dict(learner.init_params(784, 64, 10, seed=0), "init_params(784, 64, 10)",
                            shapes(784, 64, 10), np.float32)
    for name in ("b1", "b2"):
        close(params[name], np.zeros(params[name].shape), f"{name} from init_params", rtol=0, atol=0)


@mlp.check("init_params: weights spread like √(2/n_in) (within 10%), the same seed gives the same weights, "
           "another seed others (seeded sizes)", hint=(
               "scale standard normal draws by np.sqrt(2 / n_in), where n_in is the layer's input width, "
               "and draw from np.random.default_rng(seed)"))
def _(learner):
    n_in, n_hidden, n_out = 300, 80, 40
    first = parameter_dict(learner.init_params(n_in, n_hidden, n_out, seed=3), "init_params(300, 80, 40, seed=3)",
                           shapes(n_in, n_hidden, n_out))
    for name, fan_in in (("W1", n_in), ("W2", n_hidden)):
        spread = float(first[name].std())
        if not abs(spread / np.sqrt(2 / fan_in) - 1) < 0.1:
            raise CheckFailed(f"{name} has the wrong spread", got=f"{spread:.4f}",
                              expected=f"standard deviation ≈ √(2/{fan_in}) = {np.sqrt(2 / fan_in):.4f}")
    again, other = (parameter_dict(learner.init_params(n_in, n_hidden, n_out, seed=seed),
                                   f"init_params(..., seed={seed})", shapes(n_in, n_hidden, n_out)) for seed in (3, 4))
    for name in NAMES:
        if not np.array_equal(again[name], first[name]):
            raise CheckFailed("the same seed gave different parameters", expected=f"identical {name} for seed=3 "
                              "twice", got="different arrays",
                              hint="draw every weight from one np.random.default_rng(seed), not np.random.randn")
    for name in ("W1", "W2"):
        if np.array_equal(other[name], first[name]):
            raise CheckFailed("another seed gave the same weights", expected=f"different {name} for seed=3 and "
                              "seed=4", got="identical arrays", hint="pass seed to np.random.default_rng")


# ---------------------------------------------------------------- forward
def _forward(learner, params, X):
    result = learner.forward(X, params)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise CheckFailed("forward(X, params) should return the pair (scores, cache)", expected="(scores, cache)",
                          got=repr(result)[:80])
    return result


@mlp.check("forward: scores = ReLU(X W1 + b1) W2 + b2 on a seeded network (tolerance 1e-9 + 1e-9·|value|)", hint=(
    "Z1 = X @ W1 + b1, A1 = np.maximum(Z1, 0), scores = A1 @ W2 + b2"))
def _(learner):
    params, X, _ = small_network(1)
    scores, _ = _forward(learner, params, X)

    def without(*names):
        return reference.forward(X, {k: np.zeros_like(v) if k in names else v for k, v in params.items()})[0]

    linear = (X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
    close(scores, reference.forward(X, params)[0], "the scores array that forward(X, params) returned",
          rtol=1e-9, atol=1e-9,
          mistakes=[(without("b1", "b2"), "the biases are not added: each layer computes X W + b"),
                    (without("b1"), "b1 is not added: the first layer computes X W1 + b1"),
                    (without("b2"), "b2 is not added: the second layer computes A1 W2 + b2"),
                    (linear, "the ReLU is missing: A1 = max(Z1, 0) goes between the layers")])


@mlp.check("forward: float32 in, float32 scores of shape (m, 10) out, for 784 → 64 → 10", hint=(
    "do not mix in float64 arrays: np.maximum(Z1, 0) keeps the dtype of Z1"))
def _(learner):
    params, X, _ = small_network(2, np.float32, m=20, sizes=(784, 64, 10))
    array(_forward(learner, params, X)[0], "the scores for float32 data", shape=(20, 10), dtype=np.float32)


# ---------------------------------------------------------------- loss
def _loss(learner, scores, y, what):
    with no_warnings(what):
        got = number(learner.loss(scores, y), what)
    wrong_axis = -np.mean(log_softmax(scores.T).T[np.arange(len(y)), y])
    close(got, reference.loss(scores, y), what, rtol=1e-9, atol=1e-12, mistakes=[(wrong_axis, AXIS_HINT)])


@mlp.check("loss: the mean softmax cross-entropy, one number, for seeded scores (50, 10) "
           "(tolerance 1e-12 + 1e-9·|value|)", hint=(
               "log softmax(s) = s − max − log Σ exp(s − max) row by row; pick each row's true class "
               "with [np.arange(m), y] and average with a minus sign"))
def _(learner):
    rng = seeded(4)
    _loss(learner, 3 * rng.normal(size=(50, 10)), rng.integers(0, 10, size=50), "loss(scores, y)")


@mlp.check("loss: exact and warning-free for scores of ±1000", hint=(
    "subtract each row's maximum before np.exp, and never take the log of a probability that rounded to 0"))
def _(learner):
    scores = np.array([[1000.0, 0.0, -1000.0], [-1000.0, 1000.0, 0.0], [0.0, 0.0, 1000.0]])
    _loss(learner, scores, np.array([2, 1, 0]), "loss(±1000 scores, y)")


# ---------------------------------------------------------------- backward
@mlp.check("backward: dW1, db1, dW2, db2 equal numerical gradients of the loss (float64, relative error < 1e-6)",
           hint="dZ2 = (softmax(scores) − Y) / m; dW2 = A1ᵀ dZ2; db2 = dZ2 summed over the rows; "
                "dZ1 = (dZ2 W2ᵀ) ⊙ [Z1 > 0]; dW1 = Xᵀ dZ1; db1 = dZ1 summed over the rows")
def _(learner):
    params, X, y = small_network(5)
    scores, cache = _forward(learner, params, X)
    grads = parameter_dict(learner.backward(scores, y, cache, params), "backward(scores, y, cache, params)")
    for name in NAMES:  # the shapes are checked by `gradient`, which also recognises a transpose
        def loss_of(value, name=name):
            return reference.loss(reference.forward(X, {**params, name: value})[0], y)
        numerical = numerical_gradient(loss_of, params[name])
        gradient(grads[name], numerical, f"d{name}", batch=len(y), mistakes=[(
            -numerical, f"d{name} is the exact negative of the right gradient: the loss's gradient with respect "
                        "to the scores is softmax − Y, not Y − softmax")])


@mlp.check("backward at the ReLU's kink: where Z1 = 0 exactly (two inputs of zeros, two units of zero bias), "
           "ReLU′(0) = 0 lets no gradient through, as the starter says (tolerance 1e-12 + 1e-9·|value|)", hint=(
               "the mask is strict, Z1 > 0: at Z1 = 0 the ReLU has no slope of its own, and the book takes 0"))
def _(learner):
    params, X, y = small_network(8)
    X[:2] = 0.0
    params["b1"][:2] = 0.0  # so Z1 = X W1 + b1 is exactly 0 in the first two units of the first two rows
    scores, cache = _forward(learner, params, X)
    grads = parameter_dict(learner.backward(scores, y, cache, params), "backward(scores, y, cache, params)")
    expected_scores, (inputs, Z1, A1) = reference.forward(X, params)
    expected = reference.backward(expected_scores, y, (inputs, Z1, A1), params)
    # The same gradient with the ReLU's slope at 0 taken as 1 (a mask Z1 >= 0): what the usual slip gives.
    slope_one = reference.backward(expected_scores, y, (inputs, np.where(Z1 == 0, 1.0, Z1), A1), params)
    for name in NAMES:
        close(grads[name], expected[name], f"d{name} with Z1 = 0 in 4 places", rtol=1e-9, atol=1e-12, mistakes=[(
            slope_one[name], f"d{name} is off only where Z1 = 0, the ReLU's kink: there ReLU′ is taken as 0, so the "
                             "mask is Z1 > 0, not Z1 >= 0")])


# ---------------------------------------------------------------- update
@mlp.check("update: θ − η·∂L/∂θ for every parameter (η = 0.3, tolerance 1e-12), in place or returned", hint=(
    "params[name] -= learning_rate * grads[name] for each name, or return a new dict with those values"))
def _(learner):
    params, _, _ = small_network(6)
    grads, _, _ = small_network(7)
    expected = {name: params[name] - 0.3 * grads[name] for name in NAMES}
    uphill = {name: params[name] + 0.3 * grads[name] for name in NAMES}
    returned = learner.update.in_place(params, grads, 0.3)
    new = params if returned is None else parameter_dict(returned, "update(...)", shapes(5, 4, 3))
    for name in NAMES:
        close(new[name], expected[name], f"{name} after update", rtol=1e-12, atol=1e-12,
              mistakes=[(uphill[name], "the step goes uphill: subtract η times the gradient")])


# ---------------------------------------------------------------- train
def _train(learner, n, by_label=False, **settings):
    """Train on the first n MNIST digits (sorted by label if ``by_label``): (params, losses, call, data)."""
    data = load_mnist()
    X, y = data.train_images[:n], data.train_labels[:n]
    if by_label:
        order = np.argsort(y, kind="stable")
        X, y = X[order], y[order]
    call = (f"train(X, y, {', '.join(f'{k}={v}' for k, v in settings.items())}) on {n:,} MNIST digits"
            + (" sorted by label" if by_label else ""))
    result = learner.train(X, y, **settings)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise CheckFailed(f"{call} should return (params, losses)", expected="a pair", got=repr(result)[:80])
    params = parameter_dict(result[0], "the params from train", shapes(784, settings.get("n_hidden", 64), 10))
    losses = np.array([number(v, "a loss from train") for v in result[1]])
    if len(losses) != settings.get("epochs", 10):
        raise CheckFailed(f"{call} returned the wrong number of losses", expected=f"{settings.get('epochs', 10)}, "
                          "one per epoch", got=len(losses))
    try:
        finite(losses, "the losses from train")
    except CheckFailed as failure:
        failure.hint = ("training diverged: do backward and update pass their checks? A gradient of the wrong "
                        "sign makes every step go uphill, and a missing 1/m makes the steps m times too large")
        raise
    return params, losses, call, data


@mlp.check("train: the loss per epoch falls, on 2,000 MNIST digits in 3 epochs", hint=(
    "each batch: forward, loss, backward, update; record the mean of the epoch's batch losses"))
def _(learner):
    _, losses, call, _ = _train(learner, 2000, n_hidden=32, epochs=3)
    if not losses[-1] < 0.8 * losses[0]:
        raise CheckFailed(f"the loss from {call} does not fall", expected=f"last epoch below 0.8 × {losses[0]:.4g}",
                          got=" ".join(f"{v:.4g}" for v in losses))


@mlp.check("train: starts from init_params(784, n_hidden, 10, seed) and records the mean batch loss of each "
           "epoch: with learning_rate=0 (no step changes anything) on 64 digits, the params are those of seed=5 "
           "and every epoch's loss is the initial network's loss (tolerance 1e-5)", hint=(
               "params = init_params(X.shape[1], n_hidden, n_classes, seed) with the arguments you were given; "
               "append the mean of the epoch's batch losses, not their sum"))
def _(learner):
    params, losses, call, data = _train(learner, 64, n_hidden=8, epochs=2, batch_size=16, learning_rate=0.0, seed=5)
    start = parameter_dict(learner.init_params(784, 8, 10, seed=5), "init_params(784, 8, 10, seed=5)", shapes(784, 8, 10))
    for name in NAMES:
        close(params[name], start[name], f"{name} from {call}", rtol=0, atol=0)
    X, y = data.train_images[:64], data.train_labels[:64]
    initial = reference.loss(reference.forward(X, start)[0], y)
    close(losses, np.full(2, initial), f"the losses from {call}", rtol=1e-5, atol=1e-5,
          mistakes=[(np.full(2, 4 * initial), "the losses are the sum of the 4 batch losses: divide by the batch count")])


@mlp.check("train: batches of batch_size and a smaller last one, none dropped or filled up: on 70 "
           "digits with batch_size=32, each of 2 epochs is 3 backward passes, on 32, 32 and 6 labels", hint=(
               "for start in range(0, len(X), batch_size): the batch is order[start:start + batch_size], "
               "which is shorter at the end; do not drop it or fill it up"))
def _(learner):
    with learner.watching("backward") as calls:
        _, _, call, _ = _train(learner, 70, n_hidden=8, epochs=2, batch_size=32)
    sizes = [len(args[1]) if len(args) > 1 and hasattr(args[1], "__len__") else None for args in calls]
    if sorted(sizes, key=str) != sorted([32, 32, 6, 32, 32, 6], key=str):
        raise CheckFailed(f"{call} did not train on batches of 32, 32 and 6 examples per epoch",
                          expected="backward called 6 times, on 32, 32, 6, 32, 32 and 6 labels",
                          got=f"{len(sizes)} calls, on " + ", ".join(map(str, sizes[:12])) + " labels")


def _test_accuracy(params, data):
    return float(np.mean(reference.forward(data.test_images, params)[0].argmax(axis=1) == data.test_labels))


@mlp.check(f"train: visits the examples in a random order: one epoch on 2,000 digits sorted by label still gives "
           f"at least {SORTED_MIN_ACCURACY:.0%} test accuracy (taken in label order, the last batches, all 9s, "
           "undo the rest)", hint=(
               "shuffle every epoch: order = rng.permutation(len(X)), then the batches X[order[start:start + "
               "batch_size]], and the same rows of y"))
def _(learner):
    params, _, call, data = _train(learner, 2000, by_label=True, n_hidden=32, epochs=1)
    accuracy = _test_accuracy(params, data)
    if not accuracy >= SORTED_MIN_ACCURACY:
        raise CheckFailed(f"the network from {call} learned only part of the digits: are the examples shuffled?",
                          expected=f"≥ {SORTED_MIN_ACCURACY:.0%} on the test digits, as with a random order",
                          got=f"{accuracy:.1%}")
    return f"{accuracy:.1%}"


@mlp.check(f"train: at least {MIN_ACCURACY:.0%} accuracy on the 10,000 test digits after training on "
           f"{N_TRAIN:,} digits (n_hidden=64, epochs=10, batch_size=32, learning_rate=0.1), "
           f"within {TRAIN_SECONDS} s, with NumPy only", time_limit=TRAIN_SECONDS, hint=(
               "draw a new random order every epoch and use all the batches, the last smaller one included; "
               "a per-example Python loop is far too slow: one matrix product per batch"))
def _(learner):
    params, _, call, data = _train(learner, N_TRAIN, n_hidden=64, epochs=10, batch_size=32, learning_rate=0.1)
    accuracy = _test_accuracy(params, data)
    if not accuracy >= MIN_ACCURACY:
        raise CheckFailed(f"the network from {call} is not accurate enough", expected=f"≥ {MIN_ACCURACY:.2%}",
                          got=f"{accuracy:.2%} on the test digits")
    borrowed = learner.foreign(mlp.functions)
    if borrowed:
        raise CheckFailed(f"{accuracy:.2%}, but not with NumPy only, as the starter asks: " + "; ".join(borrowed),
                          hint="write each line of the network yourself, with NumPy (the book's modules are for "
                               "reading, not for this file)")
    return f"{accuracy:.2%}"


EXERCISES = [mlp]
