"""Checks of the exercises of the chapter "Why deep networks"."""

import numpy as np

from snippets.check.core import CheckFailed, Exercise, array, close, seeded
from snippets.depth import sawtooth_network
from snippets.forward import forward, init_params
from snippets.gradient_flow import deep_mlp, layer_gradient_norms
from snippets.losses import one_hot
from snippets.solutions import gradient_flow as reference_flow

TITLE = "Why deep networks"
PAGE = "practice/deep-networks.md#exercises"

# ---------------------------------------------------------------- 1. the same sawtooth with one hidden layer
sawtooth = Exercise("deep-networks/shallow-sawtooth", "The same sawtooth with one hidden layer", PAGE,
                    ("shallow_sawtooth",), "snippets.solutions.depth")


def _numbers(got, what, shape):
    """``got`` as an array of this shape holding numbers, whole or not."""
    got = array(got, what, shape=shape, kind=None)
    if got.dtype.kind not in "iuf":
        raise CheckFailed(f"{what} should hold numbers", expected="an int or float dtype", got=f"dtype {got.dtype}")
    return got


def _shallow(learner, depth):
    """The learner's (params, activations) for this depth, checked to be a 1 → 2^depth → 1 ReLU network."""
    call, n = f"shallow_sawtooth({depth})", 2**depth
    result = learner.shallow_sawtooth(depth)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise CheckFailed(f"{call} should return (params, activations)", expected="a pair", got=repr(result)[:80])
    params, activations = result
    if (not isinstance(params, (tuple, list)) or len(params) != 2
            or not all(isinstance(layer, (tuple, list)) and len(layer) == 2 for layer in params)):
        raise CheckFailed(f"the params from {call} should be two (W, b) pairs: the hidden layer and the output layer",
                          expected="[(W1, b1), (W2, b2)]", got=repr(params)[:80])
    (W1, b1), (W2, b2) = params
    params = [(_numbers(W1, f"W1 from {call}", (1, n)), _numbers(b1, f"b1 from {call}", (n,))),
              (_numbers(W2, f"W2 from {call}", (n, 1)), _numbers(b2, f"b2 from {call}", (1,)))]
    if not isinstance(activations, (tuple, list)) or list(activations) != ["relu", "identity"]:
        raise CheckFailed(f"the activations from {call} are wrong", expected="['relu', 'identity']",
                          got=repr(activations)[:80])
    return params, activations, call


@sawtooth.check("a 1 → 2^S → 1 network: W1 (1, 2^S), b1 (2^S,), W2 (2^S, 1), b2 (1,) and activations "
                "['relu', 'identity'], for S = 1, 3 and 5", hint=(
                    "one hidden layer of 2^S ReLU units, each with one input weight and one output weight"))
def _(learner):
    for depth in (1, 3, 5):
        _shallow(learner, depth)


@sawtooth.check("equals sawtooth_network(S) at 1,025 evenly spaced and 200 seeded x in [0, 1], for S = 1 … 6 "
                "(tolerance 1e-9)", hint=(
                    "unit j computes ReLU(x − j/2^S) and adds its output weight to the slope from x = j/2^S on: "
                    "the first unit sets the slope 2^S, each later one must turn the current slope into its "
                    "opposite"))
def _(learner):
    x = np.concatenate([np.linspace(0, 1, 1025), seeded(1).uniform(0, 1, 200)])[:, None]
    for depth in range(1, 7):
        params, activations, call = _shallow(learner, depth)
        close(forward(x, params, activations)[0], forward(x, *sawtooth_network(depth))[0],
              f"the output of the network from {call}", rtol=0, atol=1e-9, inputs=("x", x))


# ---------------------------------------------------------------- 2. skip connections
skips = Exercise("deep-networks/residual-gradient-norms", "Skip connections", PAGE, ("residual_gradient_norms",),
                 "snippets.solutions.gradient_flow")
NO_SKIP_HINT = ("these are the norms without skip connections: every hidden layer with a square W adds its input "
                "to f(Z), and hands dA itself down to the layer below as well")


def _batch(rng, m, n_in, n_out):
    return rng.normal(size=(m, n_in)), one_hot(rng.integers(0, n_out, size=m), n_out, dtype=np.float64)


def _float64(params, rng):
    """float64 weights and small random biases, so that a forgotten bias changes the result."""
    return [(W.astype(np.float64), 0.1 * rng.normal(size=b.shape)) for W, b in params]


def _residual(learner, X, Y, params, activation):
    """The learner's norms, one per layer, with what they were called with and the norms without any skip."""
    sizes = " → ".join(str(n) for n in [params[0][0].shape[0], *(W.shape[1] for W, _ in params)])
    call = f"residual_gradient_norms(X, Y, params, {activation!r}) for layer sizes {sizes}"
    norms = array(learner.residual_gradient_norms(X, Y, params, activation), call, shape=(len(params),))
    plain = layer_gradient_norms(X, Y, params, [activation] * (len(params) - 1) + ["identity"])
    return norms, plain, call


def _with_skips(learner, X, Y, params, activation):
    norms, plain, call = _residual(learner, X, Y, params, activation)
    close(norms, reference_flow.residual_gradient_norms(X, Y, params, activation), call, rtol=1e-6, atol=1e-12,
          inputs=("layer", np.arange(1, len(params) + 1)), mistakes=[(plain, NO_SKIP_HINT)])


@skips.check("no square W (5 → 7 → 4 → 3, tanh): no skip connection, so exactly layer_gradient_norms "
             "(tolerance 1e-12 + 1e-6·|value|)", hint=(
                 "forward, keep (A^[ℓ−1], Z^[ℓ]) for every layer; backwards, dZ = dA ⊙ f'(Z) in hidden layers and "
                 "dZ = dA at the output, whose scores go straight into cross_entropy_grad"))
def _(learner):
    rng = seeded(1)
    params = _float64(init_params([5, 7, 4, 3], rng, scheme="xavier"), rng)
    X, Y = _batch(rng, 9, 5, 3)
    norms, plain, call = _residual(learner, X, Y, params, "tanh")
    close(norms, plain, call, rtol=1e-6, atol=1e-12, inputs=("layer", np.arange(1, len(params) + 1)))


@skips.check("deep_mlp networks of 10 layers, sigmoid and ReLU, on seeded batches: the norms with skip "
             "connections (tolerance 1e-12 + 1e-6·|value|)", hint=(
                 "a skip layer computes A^[ℓ] = A^[ℓ−1] + f(Z^[ℓ]); backwards it hands down dZ W^T + dA, "
                 "the second term untouched by f' or W"))
def _(learner):
    for seed, activation in [(2, "sigmoid"), (3, "relu")]:
        rng = seeded(seed)
        params = _float64(deep_mlp(12, 16, 10, 5, activation, rng)[0], rng)
        _with_skips(learner, *_batch(rng, 20, 12, 5), params, activation)


@skips.check("n_in = width = n_out = 6 (tanh): the first hidden layer has a skip connection, the output layer "
             "none (tolerance 1e-12 + 1e-6·|value|)", hint=(
                 "decide by the shape of W and the position: every hidden layer with a square W has a skip, "
                 "the first included; the output layer returns raw scores, never A + f(Z)"))
def _(learner):
    rng = seeded(4)
    params = _float64(deep_mlp(6, 6, 4, 6, "tanh", rng)[0], rng)
    _with_skips(learner, *_batch(rng, 10, 6, 6), params, "tanh")


EXERCISES = [sawtooth, skips]
