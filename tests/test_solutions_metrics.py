import numpy as np

from snippets.activations import softmax
from snippets.metrics import confusion_matrix
from snippets.solutions import metrics as solutions


def classifier(seed=0, m=2_000, n_classes=10):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, n_classes, size=m)
    scores = rng.normal(size=(m, n_classes))
    scores[np.arange(m), labels] += 1.5
    return softmax(scores), labels


def test_top_1_is_the_accuracy_and_top_k_grows_to_one():
    probabilities, labels = classifier()
    accuracy = np.trace(confusion_matrix(labels, probabilities.argmax(axis=1), 10)) / len(labels)
    assert solutions.top_k_accuracy(probabilities, labels, 1) == accuracy
    by_k = [solutions.top_k_accuracy(probabilities, labels, k) for k in range(1, 11)]
    assert all(a < b for a, b in zip(by_k, by_k[1:-1])) and by_k[-1] == 1.0


def test_a_higher_threshold_answers_fewer_rows_more_accurately():
    probabilities, labels = classifier()
    pairs = [solutions.accuracy_when_confident(probabilities, labels, t) for t in (0.0, 0.3, 0.5, 0.7)]
    assert pairs[0] == (1.0, solutions.top_k_accuracy(probabilities, labels, 1))
    coverages, accuracies = zip(*pairs)
    assert list(coverages) == sorted(coverages, reverse=True) and list(accuracies) == sorted(accuracies)
    coverage, accuracy = solutions.accuracy_when_confident(probabilities, labels, 1.01)
    assert coverage == 0.0 and np.isnan(accuracy)


def test_calibration_error_is_zero_when_confidence_matches_accuracy_and_grows_with_overconfidence():
    rng = np.random.default_rng(1)
    confidence = rng.choice([0.6, 0.9], size=100_000)
    right = rng.random(100_000) < confidence  # right exactly as often as it is sure, up to sampling
    labels = np.where(right, 0, 1)
    probabilities = np.stack([confidence, 1 - confidence], axis=1)
    assert solutions.expected_calibration_error(probabilities, labels) < 0.01
    sharper = softmax(np.log(probabilities) * 3)  # the same answers, more sure of them
    assert solutions.expected_calibration_error(sharper, labels) > 0.1
