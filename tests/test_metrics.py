import numpy as np

from snippets.metrics import confusion_matrix, precision_recall


def test_confusion_matrix_counts_by_hand():
    y_true = np.array([0, 0, 1, 1, 1, 2])
    y_pred = np.array([0, 1, 1, 1, 2, 2])
    expected = np.array([[1, 1, 0], [0, 2, 1], [0, 0, 1]])
    np.testing.assert_array_equal(confusion_matrix(y_true, y_pred, 3), expected)


def test_precision_and_recall_by_hand():
    matrix = np.array([[1, 1, 0], [0, 2, 1], [0, 0, 1]])
    precision, recall = precision_recall(matrix)
    np.testing.assert_allclose(precision, [1 / 1, 2 / 3, 1 / 2])
    np.testing.assert_allclose(recall, [1 / 2, 2 / 3, 1 / 1])


def test_class_never_predicted_has_undefined_precision_without_warning():
    precision, recall = precision_recall(confusion_matrix(np.array([0, 1]), np.array([0, 0]), 2))
    assert np.isnan(precision[1]) and recall[1] == 0
