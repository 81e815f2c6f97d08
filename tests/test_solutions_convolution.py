import numpy as np
import pytest

from snippets.convolution import conv2d
from snippets.solutions.convolution import avg_pool, conv2d_output_shape, conv_as_dense


@pytest.mark.parametrize("h, w, k, stride, padding", [(28, 28, 3, 1, 0), (28, 28, 3, 1, 1), (28, 28, 5, 2, 2),
                                                      (7, 10, 3, 2, 0), (9, 8, 2, 3, 1)])
def test_conv2d_output_shape_matches_conv2d(h, w, k, stride, padding):
    Z = conv2d(np.zeros((1, h, w, 1)), np.zeros((k, k, 1, 1)), np.zeros(1), stride=stride, padding=padding)
    assert conv2d_output_shape(h, w, k, stride, padding) == Z.shape[1:3]


def test_avg_pool_on_a_hand_example():
    X = np.array([[1, 3, 0, 0],
                  [5, 7, 0, 4],
                  [2, 2, 9, 9]], dtype=float).reshape(1, 3, 4, 1)
    np.testing.assert_array_equal(avg_pool(X, 2)[0, :, :, 0], [[4, 1]])
    Y = np.random.default_rng(0).normal(size=(2, 6, 6, 3))
    pooled = avg_pool(Y, 3)
    assert pooled.shape == (2, 2, 2, 3)
    assert pooled[1, 1, 0, 2] == pytest.approx(Y[1, 3:6, 0:3, 2].mean())


def test_conv_as_dense_computes_the_same_map():
    rng = np.random.default_rng(1)
    F = rng.normal(size=(3, 2))
    X = rng.normal(size=(4, 7, 6))
    W = conv_as_dense(F, 7, 6)
    assert W.shape == (7 * 6, 5 * 5)
    Z = conv2d(X[..., None], F[:, :, None, None], np.zeros(1))
    np.testing.assert_allclose(X.reshape(4, -1) @ W, Z.reshape(4, -1), rtol=1e-12, atol=1e-12)
    assert np.count_nonzero(W) == F.size * 5 * 5  # each output sees exactly the kernel's weights
