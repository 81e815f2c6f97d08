"""Checks of the exercises of the chapter "Backpropagation"."""

import numpy as np

from snippets.backprop import XOR_Y, backward
from snippets.check.core import CheckFailed, Exercise, array, close, finite, gradient, number, seeded, type_name
from snippets.forward import forward, init_params
from snippets.gradcheck import numerical_parameter_gradients
from snippets.losses import cross_entropy, cross_entropy_grad, one_hot
from snippets.solutions import backprop as reference

TITLE = "Backpropagation"
PAGE = "chapters/backpropagation.md#exercises"
SOLUTION = "snippets.solutions.backprop"

# ---------------------------------------------------------------- 1. cross-entropy learns XOR faster
xor = Exercise("backpropagation/xor-cross-entropy", "Cross-entropy learns XOR faster", PAGE,
               ("train_xor_with_cross_entropy",), SOLUTION)


def _train(learner, **settings):
    call = "train_xor_with_cross_entropy(" + ", ".join(f"{k}={v}" for k, v in settings.items()) + ")"
    result = learner.train_xor_with_cross_entropy(**settings)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise CheckFailed(f"{call} should return (probabilities, loss history)", expected="a pair",
                          got=repr(result)[:80])
    probabilities = finite(array(result[0], f"the probabilities from {call}", shape=(4, 1)), "the probabilities")
    history = finite(array(result[1], f"the loss history from {call}", shape=(settings["epochs"],)), "the history")
    if probabilities.min() < 0 or probabilities.max() > 1:
        raise CheckFailed(f"the probabilities from {call} are not in [0, 1]", expected="σ(z) for each input",
                          got=probabilities.ravel(), hint="the output layer returns raw scores z: return sigmoid(z)")
    return probabilities, history, call


@xor.check("after 2000 epochs: probabilities (4, 1) within 0.05 of XOR, and a loss history of shape (2000,) "
           "whose last value is below 1/50 of its first", hint=(
               "the output layer is \"identity\"; pass binary_cross_entropy_with_logits and its _grad to train_step"))
def _(learner):
    probabilities, history, call = _train(learner, learning_rate=1.0, epochs=2000, seed=1)
    close(probabilities, XOR_Y, f"the probabilities from {call}", rtol=0, atol=0.05, inputs=("input", np.arange(4)))
    if not history[-1] < history[0] / 50:
        raise CheckFailed(f"the loss from {call} did not fall enough", expected=f"below {history[0] / 50:.4g}",
                          got=f"{history[-1]:.4g} (first {history[0]:.4g})")


@xor.check("the same training as train_xor_network, apart from the output and the loss: matches the reference "
           "run for seeded settings (tolerance 1e-6 + 1e-6·|value|)", hint=(
               "start from the same weights as train_xor_network: init_params([3, 4, 1], "
               "np.random.default_rng(seed), scheme=\"xavier\", dtype=np.float64), and one train_step per epoch"))
def _(learner):
    probabilities, history, call = _train(learner, learning_rate=0.5, epochs=300, seed=3)
    expected_p, expected_history = reference.train_xor_with_cross_entropy(learning_rate=0.5, epochs=300, seed=3)
    close(history, expected_history, f"the loss history from {call}", rtol=1e-6, atol=1e-6)
    close(probabilities, expected_p, f"the probabilities from {call}", rtol=1e-6, atol=1e-6)


# ---------------------------------------------------------------- 2. vanishing gradients
norms = Exercise("backpropagation/gradient-norms", "Vanishing gradients", PAGE, ("gradient_norms",), SOLUTION)


def _norms(learner, name, **settings):
    call = f"gradient_norms({name!r}" + "".join(f", {k}={v}" for k, v in settings.items()) + ")"
    result = learner.gradient_norms(name, **settings)
    if not isinstance(result, (list, tuple, np.ndarray)):
        raise CheckFailed(f"{call} should return a list of norms", expected="a list", got=type_name(result))
    values = np.array([number(v, f"a norm from {call}") for v in result])
    depth = settings.get("depth", 10)
    if len(values) != depth + 1:
        raise CheckFailed(f"{call} returned the wrong number of norms", expected=f"{depth + 1} (one per layer)",
                          got=len(values), hint="depth hidden layers and the output layer each have a weight matrix")
    if not (np.isfinite(values).all() and (values > 0).all()):
        raise CheckFailed(f"{call} returned norms that are not positive numbers", expected="‖dW‖ > 0", got=values)
    return values, call


@norms.check("one positive norm per layer: 11 for depth=10, 3 for depth=2", hint=(
    "build [width] * (depth + 1) + [10] as the layer sizes and return one norm per (dW, db)"))
def _(learner):
    _norms(learner, "sigmoid")
    _norms(learner, "relu", depth=2, width=8, seed=4)


@norms.check("sigmoid: the first layer's gradient is below 1/1000 of the last one's", hint=(
    "use Xavier initialization for the sigmoid and cross_entropy_grad at the output"))
def _(learner):
    values, call = _norms(learner, "sigmoid", seed=2)
    if not values[0] < 1e-3 * values[-1]:
        raise CheckFailed(f"{call}: the gradient does not vanish towards the input",
                          expected=f"first below {1e-3 * values[-1]:.3g}", got=f"first {values[0]:.3g}")


@norms.check("ReLU: the first layer's gradient is within a factor 10 of the last one's", hint=(
    "use He initialization for ReLU: with Xavier the signal shrinks layer by layer"))
def _(learner):
    values, call = _norms(learner, "relu", seed=3)
    if not 0.1 < values[0] / values[-1] < 10:
        raise CheckFailed(f"{call}: the first layer's gradient should be about as large as the last one's",
                          expected="a ratio first / last between 0.1 and 10", got=f"{values[0] / values[-1]:.3g}")


@norms.check("the network follows its arguments: the same seed gives the same norms, another seed or another "
             "width other norms", hint=(
                 "draw the weights and the batch from np.random.default_rng(seed), and build the layers from "
                 "width and depth"))
def _(learner):
    first, call = _norms(learner, "tanh", depth=3, width=16, seed=5)
    again, _ = _norms(learner, "tanh", depth=3, width=16, seed=5)
    if not np.array_equal(first, again):
        raise CheckFailed(f"{call} gave different norms on a second call", expected="the same norms for the same seed",
                          got=f"{first} and {again}")
    for changed in ({"seed": 6}, {"width": 8}):
        other, other_call = _norms(learner, "tanh", **{"depth": 3, "width": 16, "seed": 5, **changed})
        if np.allclose(first, other):
            raise CheckFailed(f"{other_call} gave the same norms as {call}", expected=f"other norms: "
                              f"{next(iter(changed))} is not used", got=f"{other}")


# ---------------------------------------------------------------- 3. weight decay
decay = Exercise("backpropagation/backward-with-l2", "Weight decay", PAGE, ("backward_with_l2",), SOLUTION)
SIGN_HINT = "the penalty's derivative is +λW: a penalty on large weights pushes them towards 0"


def _l2(learner, seed, sizes, activations, lam):
    rng = seeded(seed)
    params = init_params(sizes, rng, dtype=np.float64)
    params = [(W, rng.normal(size=b.shape)) for W, b in params]
    X, Y = rng.normal(size=(6, sizes[0])), one_hot(rng.integers(0, sizes[-1], size=6), sizes[-1], dtype=np.float64)
    scores, cache = forward(X, params, activations)
    grads = learner.backward_with_l2(cross_entropy_grad(scores, Y), cache, params, activations, lam)
    if not isinstance(grads, (list, tuple)) or len(grads) != len(params):
        raise CheckFailed("backward_with_l2 should return one (dW, db) pair per layer",
                          expected=f"a list of {len(params)} pairs", got=repr(grads)[:80])

    numeric = numerical_parameter_gradients(
        lambda trial: cross_entropy(forward(X, trial, activations)[0], Y) + lam / 2 * sum(np.sum(W**2) for W, _ in trial),
        params)
    plain = backward(cross_entropy_grad(scores, Y), cache, params, activations)
    for layer, ((W, b), pair, (dW_plain, _)) in enumerate(zip(params, grads, plain)):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise CheckFailed(f"layer {layer + 1}'s gradients should be a pair (dW, db)", expected="(dW, db)",
                              got=repr(pair)[:80])
        gradient(pair[0], numeric[layer][0], f"dW of layer {layer + 1} (λ = {lam:g})",
                 mistakes=[(dW_plain - lam * W, SIGN_HINT), (dW_plain, "the penalty's λW is missing from dW")])
        gradient(pair[1], numeric[layer][1], f"db of layer {layer + 1} (λ = {lam:g})")
    return params, grads, plain


@decay.check("every dW and db equal numerical gradients of the penalised loss (λ = 0.3, relative error < 1e-6)",
             hint="reuse backward, then add λW to each dW; the penalty has no biases in it, so each db stays")
def _(learner):
    _l2(learner, 1, [4, 5, 3], ["tanh", "identity"], 0.3)


@decay.check("λ = 0 gives exactly backward's gradients, on a 3-layer network (tolerance 1e-12 + 1e-12·|value|)",
             hint="with λ = 0 the penalty vanishes: add λW, not a fixed amount, and keep backward's order of layers")
def _(learner):
    params, grads, plain = _l2(learner, 2, [3, 6, 4, 2], ["relu", "sigmoid", "identity"], 0.0)
    for layer, ((dW, db), (dW_plain, db_plain)) in enumerate(zip(grads, plain)):
        close(dW, dW_plain, f"dW of layer {layer + 1} with λ = 0", rtol=1e-12, atol=1e-12)
        close(db, db_plain, f"db of layer {layer + 1} with λ = 0", rtol=1e-12, atol=1e-12)


EXERCISES = [xor, norms, decay]
