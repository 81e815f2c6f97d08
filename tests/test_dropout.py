import numpy as np
import pytest

from snippets import losses
from snippets.backprop import backward
from snippets.dropout import backward_with_dropout, dropout_mask, dropout_masks, forward_with_dropout, inverted_dropout
from snippets.forward import forward, init_params
from snippets.regularization import gradient_check_regularized


@pytest.mark.parametrize("keep_prob", [0.5, 0.8, 0.9])
def test_mask_statistics_on_a_large_sample(keep_prob):
    D = dropout_mask((1000, 1000), keep_prob, np.random.default_rng(0))
    # 10⁶ Bernoulli draws: the standard error of the kept share is below 0.0005; 0.003 is 6 of them.
    assert np.mean(D == 0) == pytest.approx(1 - keep_prob, abs=0.003)
    assert D.mean() == pytest.approx(1.0, abs=0.003 / keep_prob)  # E[D] = p · (1/p) = 1
    np.testing.assert_allclose(np.unique(D), [0.0, 1 / keep_prob], rtol=1e-6)
    assert D.dtype == np.float32


def test_inverted_dropout_preserves_the_mean_activation():
    rng = np.random.default_rng(1)
    A = np.abs(rng.normal(size=(2000, 500))).astype(np.float32)
    dropped = inverted_dropout(A, 0.5, rng)
    assert dropped.dtype == np.float32 and dropped.shape == A.shape
    assert np.mean(dropped == 0) == pytest.approx(0.5, abs=0.005)
    assert dropped.mean() / A.mean() == pytest.approx(1.0, abs=0.005)
    kept = dropped != 0
    np.testing.assert_allclose(dropped[kept], 2 * A[kept], rtol=1e-6)  # survivors scaled by 1/p


def test_evaluation_mode_is_the_identity_and_deterministic():
    A = np.random.default_rng(2).normal(size=(4, 6))
    rng = np.random.default_rng(3)
    state = rng.bit_generator.state
    assert inverted_dropout(A, 0.5, rng, training=False) is A
    assert inverted_dropout(A, 1.0, rng) is A  # nothing to drop
    assert rng.bit_generator.state == state  # no random numbers were drawn


def test_masks_are_one_per_hidden_layer_and_seeded():
    params = init_params([5, 7, 4, 3], np.random.default_rng(0))
    masks = dropout_masks(6, params, 0.5, np.random.default_rng(9))
    assert [mask.shape for mask in masks] == [(6, 7), (6, 4)]
    again = dropout_masks(6, params, 0.5, np.random.default_rng(9))
    assert all(np.array_equal(a, b) for a, b in zip(masks, again))


def test_without_masks_forward_and_backward_are_the_plain_ones():
    rng = np.random.default_rng(4)
    params = init_params([5, 7, 3], rng, dtype=np.float64)
    X, Y = rng.normal(size=(6, 5)), losses.one_hot(rng.integers(0, 3, size=6), 3, dtype=np.float64)
    activations = ["tanh", "identity"]
    out, cache = forward_with_dropout(X, params, activations, [])
    plain, plain_cache = forward(X, params, activations)
    np.testing.assert_array_equal(out, plain)
    dOut = losses.cross_entropy_grad(out, Y)
    for (dW, db), (dW2, db2) in zip(backward_with_dropout(dOut, cache, params, activations, []),
                                   backward(dOut, plain_cache, params, activations)):
        np.testing.assert_array_equal(dW, dW2)
        np.testing.assert_array_equal(db, db2)


def test_a_dropped_unit_outputs_zero_and_gets_no_gradient():
    rng = np.random.default_rng(5)
    params = init_params([4, 6, 3], rng, dtype=np.float64)
    X, Y = rng.normal(size=(5, 4)), losses.one_hot(rng.integers(0, 3, size=5), 3, dtype=np.float64)
    mask = np.full((5, 6), 2.0)
    mask[:, 2] = 0.0  # unit 2 dropped for every example
    out, cache = forward_with_dropout(X, params, ["relu", "identity"], [mask])
    np.testing.assert_array_equal(cache[1][0][:, 2], 0.0)
    (dW1, db1), (dW2, _) = backward_with_dropout(losses.cross_entropy_grad(out, Y), cache, params,
                                                 ["relu", "identity"], [mask])
    np.testing.assert_array_equal(dW1[:, 2], 0.0)  # its incoming weights do not move
    assert db1[2] == 0.0
    np.testing.assert_array_equal(dW2[2], 0.0)  # nor its outgoing ones: it sent nothing


@pytest.mark.parametrize("hidden", ["relu", "tanh", "sigmoid"])
def test_network_with_a_fixed_dropout_mask_matches_central_differences(hidden):
    rng = np.random.default_rng(6)
    params = [(W, 0.1 * rng.normal(size=b.shape)) for W, b in init_params([5, 8, 6, 3], rng, dtype=np.float64)]
    X, Y = rng.normal(size=(9, 5)), losses.one_hot(rng.integers(0, 3, size=9), 3, dtype=np.float64)
    masks = dropout_masks(9, params, 0.5, rng)
    errors = gradient_check_regularized(X, Y, params, [hidden, hidden, "identity"], masks=masks)
    assert max(max(pair) for pair in errors) < 1e-6, errors
    # The same masks left out of the backward pass give wrong gradients: the check can fail.
    out, cache = forward_with_dropout(X, params, [hidden, hidden, "identity"], masks)
    wrong = backward_with_dropout(losses.cross_entropy_grad(out, Y), cache, params, [hidden, hidden, "identity"], [])
    right = backward_with_dropout(losses.cross_entropy_grad(out, Y), cache, params, [hidden, hidden, "identity"], masks)
    assert not np.allclose(wrong[0][0], right[0][0])
