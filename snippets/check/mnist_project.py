"""Checks of the exercises of the MNIST project: measures of a trained classifier."""

import numpy as np

from snippets.activations import softmax
from snippets.check.core import CheckFailed, Exercise, close, number, seeded, type_name
from snippets.solutions import metrics as reference

TITLE = "Project: MNIST"
PAGE = "chapters/mnist-project.ipynb#exercises"
SOLUTION = "snippets.solutions.metrics"


def predictions(rng, m, n_classes, sharpness=3.0):
    """(probabilities, labels) of a seeded, over-confident classifier: right about two times in
    three (with 10 classes), about 83% sure on average.

    Continuous random scores: no two probabilities of a row are equal, so no answer depends on ties.
    """
    labels = rng.integers(0, n_classes, size=m)
    scores = rng.normal(size=(m, n_classes)) * sharpness
    scores[np.arange(m), labels] += sharpness * rng.uniform(0, 5, size=m)
    return softmax(scores), labels


# ---------------------------------------------------------------- 1. top-k accuracy
top_k = Exercise("mnist-project/top-k-accuracy", "Top-k accuracy", PAGE, ("top_k_accuracy",), SOLUTION)


def _top_k(learner, probabilities, labels, k):
    call = f"top_k_accuracy(probabilities of shape {probabilities.shape}, labels, {k})"
    got = number(learner.top_k_accuracy(probabilities, labels, k), call)
    lowest_k = np.mean(np.any(np.argsort(probabilities, axis=1)[:, :k] == labels[:, None], axis=1))
    one_more = reference.top_k_accuracy(probabilities, labels, min(k + 1, probabilities.shape[1]))
    one_less = reference.top_k_accuracy(probabilities, labels, k - 1) if k > 1 else None
    close(got, reference.top_k_accuracy(probabilities, labels, k), call, rtol=0, atol=1e-12, mistakes=[
        (lowest_k, "these are the k LOWEST probabilities: np.argsort sorts in ascending order, so the k highest "
                   "are the last k columns"),
        *([(one_more, "this counts the k + 1 highest probabilities: check the slice")] if k < probabilities.shape[1]
          else []),
        *([(one_less, "this counts only the k − 1 highest probabilities: check the slice")] if one_less is not None
          else [])])


@top_k.check("the starter's example, and k = 1 (the ordinary accuracy) to k = 10 on 500 seeded rows of 10 classes "
             "(exact)", hint=(
                 "sort each row's class indices by probability (np.argsort(probabilities, axis=1)), keep the last k "
                 "columns, and ask whether the label is among them (== labels[:, None], then np.any over axis 1)"))
def _(learner):
    _top_k(learner, np.array([[0.1, 0.6, 0.3], [0.5, 0.2, 0.3]]), np.array([2, 1]), 2)
    probabilities, labels = predictions(seeded(1), 500, 10)
    for k in range(1, 11):
        _top_k(learner, probabilities, labels, k)


@top_k.check("30 seeded cases of other sizes (1 to 300 rows, 2 to 20 classes, every k), float32 probabilities "
             "too (exact)", hint="use probabilities.shape for the sizes: nothing in the answer is specific to MNIST")
def _(learner):
    rng = seeded(2)
    for case in range(30):
        m, n_classes = int(rng.integers(1, 301)), int(rng.integers(2, 21))
        probabilities, labels = predictions(rng, m, n_classes)
        _top_k(learner, probabilities.astype(np.float32) if case % 2 else probabilities, labels,
               int(rng.integers(1, n_classes + 1)))


# ---------------------------------------------------------------- 2. answer only when sure
confident = Exercise("mnist-project/accuracy-when-confident", "Answer only when sure", PAGE,
                     ("accuracy_when_confident",), SOLUTION)


def _pair(learner, probabilities, labels, threshold):
    call = f"accuracy_when_confident(probabilities of shape {probabilities.shape}, labels, {threshold:g})"
    got = learner.accuracy_when_confident(probabilities, labels, threshold)
    if not isinstance(got, tuple) or len(got) != 2:
        raise CheckFailed(f"{call} should return two numbers, (coverage, accuracy)", expected="a tuple of 2 floats",
                          got=f"{type_name(got)}" + (f" of length {len(got)}" if isinstance(got, tuple) else ""))
    coverage, accuracy = number(got[0], f"the coverage of {call}"), number(got[1], f"the accuracy of {call}")
    expected_coverage, expected_accuracy = reference.accuracy_when_confident(probabilities, labels, threshold)
    confidence, answer = probabilities.max(axis=1), probabilities.argmax(axis=1)
    strictly = confidence > threshold
    close(coverage, expected_coverage, f"the coverage of {call}", rtol=0, atol=1e-12, mistakes=[
        (strictly.mean(), "a row whose highest probability equals the threshold is answered too: use >=, not >"),
        (1 - expected_coverage, "this is the share of rows NOT answered")])
    if np.isnan(expected_accuracy):
        if not np.isnan(accuracy):
            raise CheckFailed(f"the accuracy of {call} answers no row, so its accuracy is undefined",
                              expected="float('nan')", got=f"{accuracy:g}")
        return
    if np.isnan(accuracy):
        raise CheckFailed(f"the accuracy of {call} is NaN, but some rows are answered", expected=f"{expected_accuracy:g}")
    close(accuracy, expected_accuracy, f"the accuracy of {call}", rtol=0, atol=1e-12, mistakes=[
        (np.mean((answer == labels) & (confidence >= threshold)),
         "this is the share of ALL rows answered correctly: divide by the number of rows answered instead"),
        (np.mean(answer == labels), "this is the accuracy on all rows: count only the rows that are answered"),
        (np.mean(answer[strictly] == labels[strictly]) if strictly.any() else np.nan,
         "a row whose highest probability equals the threshold is answered too: use >=, not >")])


@confident.check("the starter's example; a threshold equal to a row's highest probability answers it; 0 answers "
                 "everything and a threshold above 1 nothing (accuracy NaN)", hint=(
                     "answered = probabilities.max(axis=1) >= threshold; the accuracy is taken over the answered "
                     "rows only, and is float('nan') when there is none"))
def _(learner):
    _pair(learner, np.array([[0.9, 0.1], [0.4, 0.6], [0.2, 0.8]]), np.array([0, 0, 1]), 0.7)
    _pair(learner, np.array([[0.75, 0.25], [0.5, 0.5], [0.25, 0.75]]), np.array([0, 1, 0]), 0.75)
    probabilities, labels = predictions(seeded(3), 200, 10)
    _pair(learner, probabilities, labels, 0.0)
    _pair(learner, probabilities, labels, 1.5)


@confident.check("thresholds from 0.1 to 0.99 on 40 seeded cases of 1 to 300 rows and 2 to 20 classes (exact)",
                 hint="coverage is a share of all rows; accuracy a share of the answered rows")
def _(learner):
    rng = seeded(4)
    for _ in range(40):
        probabilities, labels = predictions(rng, int(rng.integers(1, 301)), int(rng.integers(2, 21)))
        _pair(learner, probabilities, labels, float(rng.choice([0.1, 0.5, 0.9, 0.99])))


# ---------------------------------------------------------------- 3. calibration
calibration = Exercise("mnist-project/expected-calibration-error", "Is 90% sure right 90% of the time?", PAGE,
                       ("expected_calibration_error",), SOLUTION)


def _unweighted(probabilities, labels, n_bins):
    confidence, correct = probabilities.max(axis=1), probabilities.argmax(axis=1) == labels
    bins = np.minimum((confidence * n_bins).astype(int), n_bins - 1)
    return np.mean([abs(correct[bins == b].mean() - confidence[bins == b].mean()) for b in np.unique(bins)])


def _signed(probabilities, labels, n_bins):
    confidence, correct = probabilities.max(axis=1), probabilities.argmax(axis=1) == labels
    bins = np.minimum((confidence * n_bins).astype(int), n_bins - 1)
    return abs(sum((bins == b).mean() * (correct[bins == b].mean() - confidence[bins == b].mean())
                   for b in np.unique(bins)))


def _true_label_confidence(probabilities, labels, n_bins):
    """The same sum with the true label's probability as the confidence, a common mix-up."""
    confidence = probabilities[np.arange(len(labels)), labels]
    correct = probabilities.argmax(axis=1) == labels
    bins = np.minimum((confidence * n_bins).astype(int), n_bins - 1)
    return sum((bins == b).mean() * abs(correct[bins == b].mean() - confidence[bins == b].mean())
               for b in np.unique(bins))


def _ece(learner, probabilities, labels, n_bins, tolerance):
    call = f"expected_calibration_error(probabilities of shape {probabilities.shape}, labels, {n_bins})"
    got = number(learner.expected_calibration_error(probabilities, labels, n_bins), call)
    close(got, reference.expected_calibration_error(probabilities, labels, n_bins), call, rtol=tolerance,
          atol=tolerance, mistakes=[
              (_unweighted(probabilities, labels, n_bins), "this is the plain mean over the bins: weight each bin "
                                                           "by its share of the rows"),
              (_signed(probabilities, labels, n_bins), "take |accuracy − confidence| in each bin before adding: "
                                                       "over- and under-confident bins must not cancel"),
              (_true_label_confidence(probabilities, labels, n_bins), "a row's confidence is its HIGHEST "
                                                                      "probability, not the true label's")])


@calibration.check("the starter's example, a perfectly calibrated case (0) and a fully wrong one, a confidence on "
                   "a bin's lower edge (0.5 of 4 bins belongs to [0.5, 0.75)), and 500 seeded rows of 10 classes "
                   "with 5, 10 and 15 bins (tolerance 1e-9)", hint=(
                       "confidence = probabilities.max(axis=1); bin = min(int(confidence · n_bins), n_bins − 1); "
                       "for each non-empty bin add (rows in bin / all rows) · |mean(correct) − mean(confidence)|"))
def _(learner):
    _ece(learner, np.array([[0.9, 0.1], [0.3, 0.7]]), np.array([0, 0]), 10, 1e-9)
    half = np.array([[0.5, 0.25, 0.25]] * 4)
    _ece(learner, half, np.array([0, 0, 1, 2]), 10, 1e-9)  # 50% sure, right half the time
    _ece(learner, np.array([[0.05, 0.95], [0.95, 0.05]]), np.array([0, 1]), 10, 1e-9)
    # Bins are closed on the left: with (i/n, (i+1)/n] the two rows fall apart and give 0.55, not 0.05.
    _ece(learner, np.array([[0.5, 0.3, 0.2], [0.6, 0.4, 0.0]]), np.array([0, 1]), 4, 1e-9)
    probabilities, labels = predictions(seeded(5), 500, 10)
    for n_bins in (5, 10, 15):
        _ece(learner, probabilities, labels, n_bins, 1e-9)


@calibration.check("confidence exactly 1.0 goes in the last bin, and 30 seeded cases of other sizes, float32 "
                   "probabilities too (tolerance 1e-6)", hint=(
                       "int(1.0 · n_bins) is n_bins, one past the last bin: clip it with np.minimum(…, n_bins − 1)"))
def _(learner):
    _ece(learner, np.array([[1.0, 0.0], [0.0, 1.0], [0.45, 0.55]]), np.array([0, 0, 1]), 10, 1e-9)
    rng = seeded(6)
    for case in range(30):
        probabilities, labels = predictions(rng, int(rng.integers(1, 301)), int(rng.integers(2, 21)))
        _ece(learner, probabilities.astype(np.float32) if case % 2 else probabilities, labels,
             int(rng.integers(1, 21)), 1e-6)


EXERCISES = [top_k, confident, calibration]
