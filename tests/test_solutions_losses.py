import math

import numpy as np
import pytest

from snippets import losses
from snippets.activations import softmax
from snippets.gradcheck import numerical_gradient, relative_error
from snippets.solutions.losses import bce_as_cross_entropy, cross_entropy_from_labels, grad_via_jacobian


def test_cross_entropy_from_labels_equals_the_one_hot_version():
    rng = np.random.default_rng(0)
    logits, labels = rng.normal(scale=3, size=(9, 4)), rng.integers(0, 4, size=9)
    assert cross_entropy_from_labels(logits, labels) == pytest.approx(
        losses.cross_entropy(logits, losses.one_hot(labels, 4, dtype=np.float64)), rel=1e-12)
    assert cross_entropy_from_labels(np.array([[1000.0, 0.0]]), np.array([1])) == 1000.0


def test_grad_via_jacobian_is_softmax_minus_target():
    rng = np.random.default_rng(1)
    z, y = rng.normal(size=5), np.eye(5)[3]
    np.testing.assert_allclose(grad_via_jacobian(z, y), softmax(z) - y, atol=1e-12)
    numeric = numerical_gradient(lambda v: losses.cross_entropy(v[None, :], y[None, :]), z)
    assert relative_error(grad_via_jacobian(z, y), numeric) < 1e-6


def test_bce_as_cross_entropy_equals_bce_with_logits():
    z = np.array([-30.0, -2.0, 0.0, 0.5, 4.0, 1000.0])
    y = np.array([1, 0, 1, 1, 0, 1])
    assert bce_as_cross_entropy(z, y) == pytest.approx(losses.binary_cross_entropy_with_logits(z, y), rel=1e-12)
    assert bce_as_cross_entropy(np.array([0.0]), np.array([0])) == pytest.approx(math.log(2))
