import numpy as np
import pytest

from snippets.gradcheck import numerical_gradient, relative_error
from snippets.rnn import init_rnn, rnn_backward, rnn_forward, rnn_step


def example(seed, m=3, T=6, n=3, n_hidden=4):
    rng = np.random.default_rng(seed)
    W_xh, W_hh, _ = init_rnn(n, n_hidden, rng)
    b = 0.1 * rng.normal(size=n_hidden)  # non-zero, so that its gradient is tested
    return rng.normal(size=(m, T, n)), W_xh, W_hh, b, rng


def test_shapes_and_dtypes():
    X, W_xh, W_hh, b, _ = example(0, m=2, T=5)
    assert (W_xh.shape, W_hh.shape, b.shape) == ((3, 4), (4, 4), (4,))
    assert rnn_forward(X, W_xh, W_hh, b).shape == (2, 5, 4)
    W32 = init_rnn(3, 4, np.random.default_rng(0), dtype=np.float32)
    H32 = rnn_forward(X.astype(np.float32), *W32)
    assert H32.dtype == np.float32 and all(w.dtype == np.float32 for w in W32)


def test_initialization_is_seeded():
    first = init_rnn(3, 4, np.random.default_rng(7))
    again = init_rnn(3, 4, np.random.default_rng(7))
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    X = np.random.default_rng(1).normal(size=(2, 5, 3))
    np.testing.assert_array_equal(rnn_forward(X, *first), rnn_forward(X, *again))


def test_one_and_two_steps_by_hand():
    W_xh = np.array([[0.5, -1.0], [2.0, 0.0]])
    W_hh = np.array([[1.0, 0.5], [-0.5, 2.0]])
    b = np.array([0.1, -0.2])
    X = np.array([[[1.0, 0.5], [0.0, -1.0]]])  # one sequence, 2 steps, 2 features
    H = rnn_forward(X, W_xh, W_hh, b)
    h1 = np.tanh([1 * 0.5 + 0.5 * 2 + 0.1, 1 * -1 + 0.5 * 0 - 0.2])  # h_0 = 0: only the input counts
    h2 = np.tanh([0 * 0.5 - 1 * 2 + h1[0] * 1 + h1[1] * -0.5 + 0.1,
                  0 * -1 - 1 * 0 + h1[0] * 0.5 + h1[1] * 2 - 0.2])
    np.testing.assert_allclose(H[0], [h1, h2], rtol=1e-15)
    assert H[0, 0, 0] == pytest.approx(np.tanh(1.6))


def test_forward_is_rnn_step_repeated_from_h0():
    X, W_xh, W_hh, b, rng = example(2)
    h0 = rng.normal(size=(3, 4))
    H = rnn_forward(X, W_xh, W_hh, b, h0)
    h = h0
    for t in range(X.shape[1]):
        h = rnn_step(X[:, t], h, W_xh, W_hh, b)
        np.testing.assert_array_equal(H[:, t], h)


def test_a_state_depends_only_on_the_past():
    X, W_xh, W_hh, b, _ = example(3)
    later_changed = X.copy()
    later_changed[:, 4] += 1.0
    H, H_changed = rnn_forward(X, W_xh, W_hh, b), rnn_forward(later_changed, W_xh, W_hh, b)
    np.testing.assert_array_equal(H[:, :4], H_changed[:, :4])
    assert np.all(np.abs(H[:, 4:] - H_changed[:, 4:]).max(axis=(1, 2)) > 0)


def test_extreme_inputs_saturate_without_warnings():
    X, W_xh, W_hh, b, _ = example(4)
    H = rnn_forward(1e6 * X, W_xh, W_hh, b)
    assert np.all(np.isfinite(H)) and np.all(np.abs(H) <= 1)


@pytest.mark.parametrize("with_h0", [False, True])
def test_backpropagation_through_time_matches_central_differences(with_h0):
    X, W_xh, W_hh, b, rng = example(5 + with_h0)
    h0 = 0.5 * rng.normal(size=(3, 4)) if with_h0 else None
    R = rng.normal(size=(3, 6, 4))  # L = Σ H ⊙ R, so ∂L/∂H = R

    def loss(W_xh, W_hh, b):
        return np.sum(rnn_forward(X, W_xh, W_hh, b, h0) * R)

    dW_xh, dW_hh, db = rnn_backward(R, X, rnn_forward(X, W_xh, W_hh, b, h0), W_hh, h0)
    assert relative_error(dW_xh, numerical_gradient(lambda v: loss(v, W_hh, b), W_xh)) < 1e-6
    assert relative_error(dW_hh, numerical_gradient(lambda v: loss(W_xh, v, b), W_hh)) < 1e-6
    assert relative_error(db, numerical_gradient(lambda v: loss(W_xh, W_hh, v), b)) < 1e-6


def test_a_loss_on_the_last_state_only():
    """Many-to-one: L = ½‖h_T‖², so dH is zero except at the last step."""
    X, W_xh, W_hh, b, _ = example(8)
    H = rnn_forward(X, W_xh, W_hh, b)
    dH = np.zeros_like(H)
    dH[:, -1] = H[:, -1]

    def loss(W_hh):
        return 0.5 * np.sum(rnn_forward(X, W_xh, W_hh, b)[:, -1] ** 2)

    _, dW_hh, _ = rnn_backward(dH, X, H, W_hh)
    assert relative_error(dW_hh, numerical_gradient(loss, W_hh)) < 1e-6


def test_the_chapters_claims_about_the_rnns_memory():
    """Types of neural networks describes the build's example RNN and how fast it forgets as follows."""
    from snippets.figures.network_types import MEMORY_STEPS, rnn_example, rnn_memory

    X, (W_xh, W_hh, b), H = rnn_example()
    # "n = 3 input features and n_h = 4 hidden units ... m = 2 random sequences of T = 5 steps";
    # "each h_t is 2 × 4, each x_t is 2 × 3" (alt text)
    assert X.shape == (2, 5, 3) and H.shape == (2, 5, 4) and (W_xh.shape, W_hh.shape, b.shape) == ((3, 4), (4, 4), (4,))
    gap = rnn_memory()
    assert gap.shape == (MEMORY_STEPS,)
    factors = gap[1:] / gap[:-1]
    # "The difference shrinks by a roughly constant factor per step: this cell forgets exponentially fast";
    # "it falls along a nearly straight line" (alt text, logarithmic axis)
    assert np.all((0.45 < factors) & (factors < 0.85))
    assert factors.max() < 1.5 * factors.min()
    assert gap[-1] < 0.01 * gap[0]
