"""Checks of the exercises of the chapter "Loss functions"."""

import numpy as np

from snippets.activations import softmax, softmax_jacobian
from snippets.check.core import Exercise, close, no_warnings, number, seeded, uses
from snippets.losses import binary_cross_entropy_with_logits, cross_entropy, log_softmax, one_hot

TITLE = "Loss functions"
PAGE = "chapters/loss-functions.md#exercises"
SOLUTION = "snippets.solutions.losses"
AXIS_HINT = ("softmax is taken over the wrong axis: each example's scores are a row, so normalise over "
             "the classes, axis=1 (or axis=-1), not over the examples")


def _scores(seed, m, K, scale=3.0):
    rng = seeded(seed)
    return scale * rng.normal(size=(m, K)), rng.integers(0, K, size=m)


# ---------------------------------------------------------------- 1. labels instead of one-hot rows
labels = Exercise("loss-functions/cross-entropy-from-labels", "Labels instead of one-hot rows", PAGE,
                  ("cross_entropy_from_labels",), SOLUTION)


def _from_labels(learner, logits, y, what):
    with no_warnings(what):
        got = number(learner.cross_entropy_from_labels(logits, y), what)
    expected = cross_entropy(logits, one_hot(y, logits.shape[1], dtype=np.float64))
    wrong_axis = -np.mean(log_softmax(logits.T).T[np.arange(len(y)), y])
    close(got, expected, what, rtol=1e-9, atol=1e-12, mistakes=[(wrong_axis, AXIS_HINT)])


@labels.check("equals cross_entropy(logits, one_hot(labels, K)), a single number, for seeded (50, 10) scores "
              "(tolerance 1e-12 + 1e-9·|value|)", hint=(
                  "index log_softmax(logits) with [np.arange(m), labels] to pick each row's true class, "
                  "then average with a minus sign"))
def _(learner):
    logits, y = _scores(1, 50, 10)
    _from_labels(learner, logits, y, "cross_entropy_from_labels(logits, labels)")


@labels.check("exact and warning-free for scores of ±1000", hint=(
    "go through log_softmax: np.log(softmax(...)) turns a probability that rounded to 0 into −inf"))
def _(learner):
    logits = np.array([[1000.0, 0.0, -1000.0], [-1000.0, 1000.0, 0.0], [0.0, 0.0, 1000.0]])
    _from_labels(learner, logits, np.array([2, 1, 0]), "cross_entropy_from_labels(±1000 scores, labels)")


@labels.check("the same number, without a one-hot matrix: no one_hot, np.eye, np.identity or cross_entropy", hint=(
    "the exercise is to skip the one-hot rows: index log_softmax(logits) with [np.arange(m), labels]"))
def _(learner):
    logits, y = _scores(1, 50, 10)
    _from_labels(learner, logits, y, "cross_entropy_from_labels(logits, labels)")
    uses(learner, "cross_entropy_from_labels", avoids=[(one_hot, "one_hot"), (np.eye, "np.eye"),
                                                        (np.identity, "np.identity"), (cross_entropy, "cross_entropy")])


# ---------------------------------------------------------------- 2. the long way round
jacobian = Exercise("loss-functions/grad-via-jacobian", "The long way round", PAGE, ("grad_via_jacobian",), SOLUTION)


def _via_jacobian(learner, z, k):
    y = np.eye(len(z))[k]
    got = learner.grad_via_jacobian(z, y)
    close(got, softmax(z) - y, f"grad_via_jacobian(z, y) for K = {len(z)}", rtol=1e-9, atol=1e-12,
          inputs=("class", np.arange(len(z))),
          mistakes=[(y - softmax(z), "the chain rule multiplies by ∂Lᵢ/∂ŷ = −y/ŷ: the minus sign is missing")])


@jacobian.check("a vector of shape (K,) equal to softmax(z) − y, for seeded z with K = 10 "
                "(tolerance 1e-12 + 1e-9·|value|)",
                hint="∂Lᵢ/∂z = Jᵀ ∂Lᵢ/∂ŷ with ∂Lᵢ/∂ŷ = −y / softmax(z): a matrix times a vector")
def _(learner):
    _via_jacobian(learner, seeded(2).normal(size=10), 3)


@jacobian.check("other numbers of classes and true classes (K = 3 and K = 7)", hint=(
    "nothing in the formula depends on K = 10: use len(z)"))
def _(learner):
    _via_jacobian(learner, seeded(3).normal(size=3), 0)
    _via_jacobian(learner, 2 * seeded(4).normal(size=7), 6)


@jacobian.check("goes through the softmax Jacobian (softmax_jacobian), as the starter asks", hint=(
    "the point is the long way: multiply ∂Lᵢ/∂ŷ by softmax_jacobian(z), even though the answer is softmax(z) − y"))
def _(learner):
    uses(learner, "grad_via_jacobian", needs=[(softmax_jacobian, "softmax_jacobian")])


# ---------------------------------------------------------------- 3. two classes are a special case
two_classes = Exercise("loss-functions/bce-as-cross-entropy", "Two classes are a special case", PAGE,
                       ("bce_as_cross_entropy",), SOLUTION)


def _bce(learner, z, y, what):
    with no_warnings(what):
        got = number(learner.bce_as_cross_entropy(z, y), what)
    close(got, binary_cross_entropy_with_logits(z, y), what, rtol=1e-9, atol=1e-12)


@two_classes.check("equals binary_cross_entropy_with_logits(z, y), a single number, on 100 seeded scores and "
                   "labels (tolerance 1e-12 + 1e-9·|value|)", hint=(
                       "stack a column of zeros next to z as the two-class scores; the labels become one-hot "
                       "rows over 2 classes"))
def _(learner):
    rng = seeded(5)
    z = 4 * rng.normal(size=100)
    _bce(learner, z, rng.integers(0, 2, size=100).astype(float), "bce_as_cross_entropy(z, y)")


@two_classes.check("exact and warning-free for scores of ±1000", hint=(
    "use cross_entropy on the two-class scores: it works from log_softmax and never overflows"))
def _(learner):
    z = np.array([-1000.0, 1000.0, 1000.0, -1000.0, 0.0])
    _bce(learner, z, np.array([0.0, 1.0, 0.0, 1.0, 1.0]), "bce_as_cross_entropy(±1000 scores, y)")


@two_classes.check("computes the loss with cross_entropy on two-class scores, as the starter asks", hint=(
    "the exercise is that two classes are a special case: build the (m, 2) scores and call cross_entropy"))
def _(learner):
    uses(learner, "bce_as_cross_entropy", needs=[(cross_entropy, "cross_entropy")],
         avoids=[(binary_cross_entropy_with_logits, "binary_cross_entropy_with_logits")])


EXERCISES = [labels, jacobian, two_classes]
