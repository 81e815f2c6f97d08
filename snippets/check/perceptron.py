"""Checks of the exercises of the chapter "The perceptron"."""

import numpy as np

from snippets.check.core import CheckFailed, Exercise, array, close, number, seeded, uses
from snippets.perceptron import GATE_INPUTS, predict, train_perceptron
from snippets.solutions import perceptron as reference

TITLE = "The perceptron"
PAGE = "chapters/perceptron.md#exercises"
SOLUTION = "snippets.solutions.perceptron"
NAND = np.array([1.0, 1.0, 1.0, 0.0])

# ---------------------------------------------------------------- 1. train a perceptron on NAND
nand = Exercise("perceptron/train-nand", "Train a perceptron on NAND", PAGE, ("train_nand",), SOLUTION)


def _weights(result, call):
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise CheckFailed(f"{call} should return the pair (w, b)", expected="a tuple (w, b)", got=repr(result)[:80],
                          hint="train_perceptron returns (w, b, mistakes): keep the first two")
    w, b = result
    return array(w, f"w from {call}", shape=(2,)), number(b, f"b from {call}")


@nand.check("train_nand() returns (w, b) that reproduce NAND's truth table with predict", hint=(
    "type NAND's truth table in the order of GATE_INPUTS: (0, 0), (0, 1), (1, 0), (1, 1) give 1, 1, 1, 0"))
def _(learner):
    w, b = _weights(learner.train_nand(), "train_nand()")
    close(predict(GATE_INPUTS, w, b), NAND, "predict(GATE_INPUTS, w, b)", rtol=0, atol=0, inputs=("input", GATE_INPUTS))


@nand.check("(w, b) are exactly what the perceptron rule learns from w = 0, b = 0 (tolerance 1e-12)", hint=(
    "train with train_perceptron(GATE_INPUTS, nand, epochs=epochs) rather than setting the weights by hand"))
def _(learner):
    for epochs in (20, 1, 3):  # 1 and 3 epochs stop before the rule has converged
        w, b = _weights(learner.train_nand(epochs=epochs), f"train_nand(epochs={epochs})")
        w_ref, b_ref = reference.train_nand(epochs=epochs)
        close(w, w_ref, f"w from train_nand(epochs={epochs})", rtol=0, atol=1e-12)
        close(b, b_ref, f"b from train_nand(epochs={epochs})", rtol=0, atol=1e-12)


# ---------------------------------------------------------------- 2. one epoch
epoch = Exercise("perceptron/perceptron-epoch", "One epoch", PAGE, ("perceptron_epoch",), SOLUTION)


def _epoch(learner, X, y, w, b, learning_rate):
    call = f"perceptron_epoch(X, y, w, b, learning_rate={learning_rate:g})"
    result = learner.perceptron_epoch(X, y, w, b, learning_rate=learning_rate)
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        raise CheckFailed(f"{call} should return (w, b, mistakes)", expected="a tuple of three", got=repr(result)[:80])
    w_new, b_new, mistakes = result
    w_ref, b_ref, mistakes_ref = reference.perceptron_epoch(X, y, w, b, learning_rate)
    close(w_new, w_ref, f"the new w from {call}", rtol=1e-12, atol=1e-12)
    close(number(b_new, f"the new b from {call}"), b_ref, f"the new b from {call}", rtol=1e-12, atol=1e-12)
    if number(mistakes, f"the mistakes from {call}", integer=True) != mistakes_ref:
        raise CheckFailed(f"the number of mistakes from {call} is wrong", expected=mistakes_ref, got=mistakes,
                          hint="count a mistake when the prediction, made before the update, differs from y")
    return w_new, b_new


def _separable(seed, m=30, n=3):
    rng = seeded(seed)
    X = rng.normal(size=(m, n))
    return X, (X @ rng.normal(size=n) + 0.3 > 0).astype(float)


@epoch.check("one epoch on AND from w = 0, b = 0: the new w, b and the number of mistakes (tolerance 1e-12)", hint=(
    "go through the rows in order; for each, predict with the current w and b, count a mistake if it is "
    "wrong, then apply update"))
def _(learner):
    _epoch(learner, GATE_INPUTS, np.array([0.0, 0.0, 0.0, 1.0]), np.zeros(2), 0.0, 1.0)


@epoch.check("30 seeded examples with 3 features, a random start and learning rate 0.5", hint=(
    "pass learning_rate on to update, and start from the w and b you were given"))
def _(learner):
    X, y = _separable(3)
    _epoch(learner, X, y, seeded(4).normal(size=3), 0.2, 0.5)


@epoch.check("20 calls from w = 0, b = 0 give exactly what train_perceptron gives in 20 epochs", hint=(
    "return the updated w and b, so that the next call starts where this one stopped"))
def _(learner):
    X, y = _separable(5)
    w, b = np.zeros(3), 0.0
    for _ in range(20):
        w, b = _epoch(learner, X, y, w, b, 1.0)
    w_ref, b_ref, _ = train_perceptron(X, y, epochs=20)
    close(w, w_ref, "w after 20 epochs", rtol=1e-12, atol=1e-12)


# ---------------------------------------------------------------- 3. XNOR from gates
xnor = Exercise("perceptron/xnor-network", "XNOR from gates", PAGE, ("xnor_network",), SOLUTION)


@xnor.check("XNOR's truth table on the four inputs: 1, 0, 0, 1", hint=(
    "two hidden perceptrons, AND and NOR, feed an OR: the output is 1 when both inputs are 1 or both are 0"))
def _(learner):
    got = array(learner.xnor_network(GATE_INPUTS), "xnor_network(GATE_INPUTS)", shape=(4,), kind="float")
    close(got, [1.0, 0.0, 0.0, 1.0], "xnor_network(GATE_INPUTS)", rtol=0, atol=0, inputs=("input", GATE_INPUTS))


@xnor.check("20 seeded rows in a random order", hint="compute each answer from its row: stack the hidden "
                                                      "perceptrons' outputs as columns with np.column_stack")
def _(learner):
    X = seeded(6).integers(0, 2, size=(20, 2)).astype(float)
    got = array(learner.xnor_network(X), "xnor_network(X)", shape=(20,), kind="float")
    close(got, (X[:, 0] == X[:, 1]).astype(float), "xnor_network(X)", rtol=0, atol=0, inputs=("input", X))


@xnor.check("is built from perceptrons: the book's predict with weights you set", hint=(
    "the exercise is the two layers of gates: compute each layer with predict(X, w, b)"))
def _(learner):
    uses(learner, "xnor_network", needs=[(predict, "predict")])


EXERCISES = [nand, epoch, xnor]
