import numpy as np
import pytest

from snippets.convolution import (LAPLACIAN, SOBEL_X, SOBEL_Y, conv2d, conv2d_backward, filter_bank, max_pool,
                                  max_pool_backward)
from snippets.gradcheck import numerical_gradient, relative_error


def conv2d_loops(X, F, b, stride=1, padding=0):
    """The definition, one output number at a time: the test-only reference for conv2d."""
    X = np.pad(X, ((0, 0), (padding, padding), (padding, padding), (0, 0)))
    m, H, W, _ = X.shape
    k_h, k_w, _, C_out = F.shape
    H_out, W_out = (H - k_h) // stride + 1, (W - k_w) // stride + 1
    Z = np.zeros((m, H_out, W_out, C_out))
    for i in range(m):
        for r in range(H_out):
            for c in range(W_out):
                window = X[i, r * stride:r * stride + k_h, c * stride:c * stride + k_w, :]
                for d in range(C_out):
                    Z[i, r, c, d] = np.sum(window * F[:, :, :, d]) + b[d]
    return Z


@pytest.mark.parametrize("stride, padding", [(1, 0), (1, 1), (2, 0), (2, 1), (3, 2)])
def test_conv2d_matches_the_loop_definition(stride, padding):
    rng = np.random.default_rng(stride * 10 + padding)
    X = rng.normal(size=(3, 9, 8, 2))
    F = rng.normal(size=(3, 2, 2, 4))
    b = rng.normal(size=4)
    Z = conv2d(X, F, b, stride=stride, padding=padding)
    np.testing.assert_allclose(Z, conv2d_loops(X, F, b, stride, padding), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("H, W, k, stride, padding, expected", [
    (28, 28, 3, 1, 0, (26, 26)),
    (28, 28, 3, 1, 1, (28, 28)),
    (28, 28, 5, 2, 2, (14, 14)),
    (7, 10, 3, 2, 0, (3, 4)),
])
def test_output_shape_follows_the_formula(H, W, k, stride, padding, expected):
    X = np.zeros((2, H, W, 3))
    Z = conv2d(X, np.zeros((k, k, 3, 5)), np.zeros(5), stride=stride, padding=padding)
    assert Z.shape == (2, *expected, 5)
    assert expected == ((H + 2 * padding - k) // stride + 1, (W + 2 * padding - k) // stride + 1)


def test_identity_kernel_with_padding_returns_the_image():
    X = np.random.default_rng(0).normal(size=(2, 6, 5, 1))
    identity = np.zeros((3, 3, 1, 1))
    identity[1, 1] = 1
    np.testing.assert_array_equal(conv2d(X, identity, np.zeros(1), padding=1), X)


def test_a_shifted_delta_picks_the_shifted_pixels():
    X = np.arange(2 * 6 * 6, dtype=float).reshape(2, 6, 6, 1)
    corner = np.zeros((3, 3, 1, 1))
    corner[2, 0] = 1  # bottom-left of the window: Z[r, c] = X[r + 2, c]
    np.testing.assert_array_equal(conv2d(X, corner, np.zeros(1)), X[:, 2:, :4])


def test_bias_is_added_to_every_pixel_of_its_channel():
    X = np.zeros((1, 4, 4, 1))
    Z = conv2d(X, np.ones((2, 2, 1, 2)), np.array([1.5, -2.0]))
    np.testing.assert_array_equal(Z[..., 0], 1.5)
    np.testing.assert_array_equal(Z[..., 1], -2.0)


def test_edge_filters_on_a_step_and_a_flat_image():
    step = np.zeros((1, 5, 6, 1), dtype=np.float32)
    step[:, :, 3:] = 1  # dark on the left, bright from column 3 on: a vertical edge
    F = filter_bank(SOBEL_X, SOBEL_Y, LAPLACIAN)
    Z = conv2d(step, F, np.zeros(3, dtype=np.float32))
    # Windows centred on columns 2 and 3 straddle the edge: 1 + 2 + 1 on the bright side.
    np.testing.assert_array_equal(Z[0, :, :, 0], [[0, 4, 4, 0]] * 3)
    np.testing.assert_array_equal(Z[0, :, :, 1], 0)  # no horizontal edge
    np.testing.assert_array_equal(Z[0, :, :, 2], [[0, 1, -1, 0]] * 3)
    flat = np.full((1, 5, 5, 1), 0.7, dtype=np.float32)
    np.testing.assert_allclose(conv2d(flat, F, np.zeros(3, dtype=np.float32)), 0, atol=1e-6)


def test_filter_bank_shape_and_float32_stays_float32():
    F = filter_bank(SOBEL_X, SOBEL_Y)
    assert F.shape == (3, 3, 1, 2)
    np.testing.assert_array_equal(F[:, :, 0, 1], SOBEL_Y)
    X = np.ones((1, 8, 8, 1), dtype=np.float32)
    assert conv2d(X, F, np.zeros(2, dtype=np.float32)).dtype == np.float32
    assert max_pool(X).dtype == np.float32


def test_max_pool_on_hand_examples():
    X = np.array([[1, 2, 5, 0],
                  [3, 4, 1, 1],
                  [-1, -2, 0, 9],
                  [-3, -4, 8, 7]], dtype=float).reshape(1, 4, 4, 1)
    np.testing.assert_array_equal(max_pool(X, 2)[0, :, :, 0], [[4, 5], [-1, 9]])
    np.testing.assert_array_equal(max_pool(X, 4)[0, :, :, 0], [[9]])
    odd = np.arange(25.0).reshape(1, 5, 5, 1)  # the last row and column do not fill a block
    np.testing.assert_array_equal(max_pool(odd, 2)[0, :, :, 0], [[6, 8], [16, 18]])


def test_max_pool_treats_examples_and_channels_separately():
    X = np.random.default_rng(1).normal(size=(3, 6, 6, 2))
    pooled = max_pool(X, 3)
    assert pooled.shape == (3, 2, 2, 2)
    assert pooled[1, 0, 1, 1] == X[1, 0:3, 3:6, 1].max()
    assert pooled[2, 1, 0, 0] == X[2, 3:6, 0:3, 0].max()


def test_the_chapters_claims_about_the_convolutional_block():
    """Types of neural networks describes the build's conv → ReLU → max pool block on a test digit as follows."""
    from snippets.activations import relu
    from snippets.figures.network_types import DIGIT, digit_and_filters
    from snippets.mnist import load_mnist
    from snippets.neuron import count_parameters

    X, F, b = digit_and_filters()
    Z = conv2d(X, F, b)
    pooled = max_pool(relu(Z), 2)
    assert load_mnist().test_labels[DIGIT] == 4  # "a handwritten 4 from the MNIST test set" (alt text)
    assert X.min() == 0 and X.max() == 1  # "Ink has the value 1"
    # "the three 26 by 26 feature maps"; "each map after ReLU and 2 by 2 max pooling, 13 by 13 pixels"
    assert X.shape == (1, 28, 28, 1) and F.shape == (3, 3, 1, 3)
    assert Z.shape == (1, 26, 26, 3) and pooled.shape == (1, 13, 13, 3)
    assert Z[0, :, :, 0].size == 4 * pooled[0, :, :, 0].size  # "The map becomes four times smaller"
    # "Weight sharing is what makes the layer small": 30 parameters against a dense layer's 1,591,980
    conv, dense = F.size + b.size, count_parameters([X[0].size, Z[0].size])
    assert (conv, dense) == (30, 784 * 2028 + 2028)
    assert dense > 10_000 * conv


# (height, width, kernel height, kernel width, stride, padding, input channels, output channels)
BACKWARD_CASES = [(6, 7, 3, 3, 1, 0, 2, 3), (7, 7, 3, 3, 2, 1, 3, 4), (8, 6, 2, 3, 2, 0, 1, 2),
                  (9, 9, 5, 5, 3, 2, 2, 2), (5, 5, 1, 1, 1, 0, 2, 2), (6, 8, 3, 2, 2, 1, 2, 3)]


@pytest.mark.parametrize("h, w, k_h, k_w, stride, padding, c_in, c_out", BACKWARD_CASES)
def test_conv2d_backward_matches_central_differences(h, w, k_h, k_w, stride, padding, c_in, c_out):
    """L = Σ Z ⊙ G for a fixed random G, so ∂L/∂Z = G; every gradient against central differences in float64."""
    rng = np.random.default_rng(h * 100 + w)
    X, F, b = rng.normal(size=(2, h, w, c_in)), rng.normal(size=(k_h, k_w, c_in, c_out)), rng.normal(size=c_out)
    G = rng.normal(size=conv2d(X, F, b, stride, padding).shape)
    dX, dF, db = conv2d_backward(G, X, F, stride, padding)
    assert dX.shape == X.shape and dF.shape == F.shape and db.shape == b.shape
    assert relative_error(dX, numerical_gradient(lambda x: np.sum(conv2d(x, F, b, stride, padding) * G), X)) < 1e-6
    assert relative_error(dF, numerical_gradient(lambda f: np.sum(conv2d(X, f, b, stride, padding) * G), F)) < 1e-6
    assert relative_error(db, numerical_gradient(lambda c: np.sum(conv2d(X, F, c, stride, padding) * G), b)) < 1e-6


def test_conv2d_backward_gives_no_gradient_to_pixels_no_window_read():
    """A 3 × 3 filter with stride 2 over 6 columns reads columns 0-4 only: column 5 gets exactly 0."""
    rng = np.random.default_rng(1)
    X, F = rng.normal(size=(1, 6, 6, 1)), rng.normal(size=(3, 3, 1, 1))
    dX, _, _ = conv2d_backward(np.ones((1, 2, 2, 1)), X, F, stride=2)
    assert np.all(dX[:, 5, :] == 0) and np.all(dX[:, :, 5] == 0) and np.all(dX[:, :5, :5] != 0)


@pytest.mark.parametrize("size, shape", [(2, (2, 7, 6, 3)), (3, (2, 9, 9, 2))])
def test_max_pool_backward_matches_central_differences(size, shape):
    rng = np.random.default_rng(size)
    X = rng.normal(size=shape)  # continuous values: no two in a block are equal
    G = rng.normal(size=max_pool(X, size).shape)
    dX = max_pool_backward(G, X, size)
    assert relative_error(dX, numerical_gradient(lambda x: np.sum(max_pool(x, size) * G), X)) < 1e-6


def test_max_pool_backward_routes_each_blocks_gradient_to_its_maximum_only():
    X = np.array([[1.0, 5.0, 2.0], [3.0, 4.0, 9.0], [7.0, 8.0, 6.0]]).reshape(1, 3, 3, 1)
    dX = max_pool_backward(np.full((1, 1, 1, 1), 2.5), X, 2)[0, :, :, 0]
    assert dX.tolist() == [[0, 2.5, 0], [0, 0, 0], [0, 0, 0]]  # 5 won its block; the dropped row and column get 0
    ties = max_pool_backward(np.ones((1, 1, 1, 1)), np.ones((1, 2, 2, 1)), 2)[0, :, :, 0]
    assert ties.tolist() == [[1, 0], [0, 0]]  # a tie: the first in reading order, so the gradient is not counted twice


def test_backward_passes_keep_float32():
    rng = np.random.default_rng(2)
    X, F = rng.normal(size=(1, 5, 5, 2)).astype(np.float32), rng.normal(size=(3, 3, 2, 2)).astype(np.float32)
    dX, dF, db = conv2d_backward(np.ones((1, 3, 3, 2), dtype=np.float32), X, F)
    assert dX.dtype == dF.dtype == db.dtype == np.float32
    assert max_pool_backward(np.ones((1, 2, 2, 2), dtype=np.float32), X, 2).dtype == np.float32
