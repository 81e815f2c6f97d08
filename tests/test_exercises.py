"""Every exercise: its reference solution passes, its untouched starter is "not implemented
yet" everywhere, typical wrong answers fail with the intended message, and the registry,
the starter files, the chapters and the Exercises pages agree with each other."""

import ast
import importlib.util
import inspect
import re
import runpy
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from checker_helpers import run_in_process, run_one, verdict_of, write
from conftest import ROOT
from snippets.check import core, registry
from snippets.check import activation_comparison as mish_checks
from snippets.check import keras_mnist as keras_checks
from snippets.check import loss_functions as loss_checks
from snippets.check import mlp_from_scratch as mlp_checks
from snippets.figures import exercises as figures

EXERCISES = list(registry.EXERCISES.values())
WITHOUT_KERAS = [exercise for exercise in EXERCISES if exercise.id != "keras-mnist"]  # see test_keras_mnist.py


def ids(exercise):
    return exercise.id


@pytest.mark.parametrize("exercise", WITHOUT_KERAS, ids=ids)
def test_reference_solution_passes(exercise):
    load, verdicts, untouched = run_in_process(exercise.id, exercise.solution_file)
    assert load is None and untouched == []
    assert [v for v in verdicts if v["status"] != "pass"] == []
    assert len(verdicts) == len(exercise.checks)
    if exercise.id == "mlp-from-scratch":  # a passed accuracy goal says what the learner's network reached
        assert float(verdicts[-1]["measured"].removesuffix("%")) >= 92


@pytest.mark.parametrize("exercise", WITHOUT_KERAS, ids=ids)
def test_untouched_starter_is_not_implemented_yet(exercise):
    load, verdicts, untouched = run_in_process(exercise.id, exercise.starter)
    assert load is None and len(verdicts) == len(exercise.checks)
    assert {v["status"] for v in verdicts} == {"not-implemented"}
    assert untouched == list(exercise.functions)


# ---------------------------------------------------------------- wrong answers
def solution_with(exercise_id, old, new):
    """The reference solution's source with one piece replaced (which must be there)."""
    source = registry.get(exercise_id).solution_file.read_text()
    assert old in source
    return source.replace(old, new)


WRONG_ANSWERS = {
    "the k lowest probabilities in top-k accuracy": (
        "mnist-project/top-k-accuracy", "the starter's example", solution_with(
            "mnist-project/top-k-accuracy", "axis=1)[:, -k:]", "axis=1)[:, :k]"), "the k LOWEST probabilities"),
    "a strict threshold in accuracy_when_confident": (
        "mnist-project/accuracy-when-confident", "the starter's example", solution_with(
            "mnist-project/accuracy-when-confident", "max(axis=1) >= threshold", "max(axis=1) > threshold"),
        "use >=, not >"),
    "unweighted bins in the calibration error": (
        "mnist-project/expected-calibration-error", "the starter's example", solution_with(
            "mnist-project/expected-calibration-error", "error += in_bin.mean() * abs(",
            "error += 1 / len(np.unique(bins)) * abs("), "weight each bin by its share of the rows"),
    "sign error in the MLP's gradient": (
        "mlp-from-scratch", "backward: dW1",
        solution_with("mlp-from-scratch", "dZ2 = (np.exp(", "dZ2 = -(np.exp("),
        "softmax − Y, not Y − softmax"),
    "training that diverges": (
        "mlp-from-scratch", "the loss per epoch falls",
        solution_with("mlp-from-scratch", "dZ2 = (np.exp(", "dZ2 = -(np.exp("),
        "training diverged"),
    "missing bias in the MLP's output layer": (
        "mlp-from-scratch", "forward: scores",
        solution_with("mlp-from-scratch", 'scores = A1 @ params["W2"] + params["b2"]', 'scores = A1 @ params["W2"]'),
        "b2 is not added"),
    "missing ReLU in the MLP": (
        "mlp-from-scratch", "forward: scores",
        solution_with("mlp-from-scratch", "A1 = np.maximum(Z1, 0)", "A1 = Z1"), "the ReLU is missing"),
    "softmax over the wrong axis in the MLP's loss": (
        "mlp-from-scratch", "loss: the mean softmax cross-entropy", """
        import numpy as np


        def loss(scores, y):
            shifted = scores - scores.max(axis=0)
            log_p = shifted - np.log(np.exp(shifted).sum(axis=0))
            return -log_p[np.arange(len(y)), y].mean()
        """, "softmax is taken over the wrong axis"),
    "float64 scores from float32 data": (
        "mlp-from-scratch", "forward: float32", solution_with("mlp-from-scratch", "A1 = np.maximum(Z1, 0)",
                                                             "A1 = np.maximum(Z1, 0).astype(np.float64)"),
        "float32 inputs should give float32 results"),
    "a learning rate step uphill": (
        "mlp-from-scratch", "update:", """
        def update(params, grads, learning_rate):
            for name in params:
                params[name] += learning_rate * grads[name]
        """, "the step goes uphill"),
    "softmax over the wrong axis, labels exercise": (
        "loss-functions/cross-entropy-from-labels", "equals cross_entropy", """
        import numpy as np


        def cross_entropy_from_labels(logits, labels):
            log_p = logits - np.log(np.exp(logits).sum(axis=0))
            return -log_p[np.arange(len(labels)), labels].mean()
        """, "softmax is taken over the wrong axis"),
    "missing bias in the column convention": (
        "forward-propagation/forward-columns", "equals forward", """
        from snippets.forward import activation


        def forward_columns(X_T, params, activations):
            A = X_T
            for (W, b), name in zip(params, activations):
                Z = W.T @ A
                f = activation(name)
                A = Z if f is None else f[0](Z)
            return A
        """, "the bias is missing"),
    "missing bias in linear regression": (
        "gradient-descent/linear-regression-grads", "dW and db shaped like W", """
        from snippets.losses import mse_grad


        def linear_regression_grads(X, Y, W, b):
            dY_hat = mse_grad(X @ W, Y)
            return X.T @ dY_hat, dY_hat.sum(axis=0, keepdims=True)
        """, "a model without bias"),
    "sign error in weight decay": (
        "backpropagation/backward-with-l2", "every dW and db", solution_with(
            "backpropagation/backward-with-l2", "(dW + lam * W, db)", "(dW - lam * W, db)"), "+λW"),
    "sign error in momentum": (
        "gradient-descent/momentum-path", "an array of shape", solution_with(
            "gradient-descent/momentum-path", "v = beta * v - learning_rate * grad(theta)",
            "v = beta * v + learning_rate * grad(theta)"), "the path climbs"),
    "sign error via the Jacobian": (
        "loss-functions/grad-via-jacobian", "a vector of shape (K,)", solution_with(
            "loss-functions/grad-via-jacobian", "(-y / softmax(z))", "(y / softmax(z))"), "the minus sign is missing"),
    "hard-coded visible outputs of softplus": (
        "activation-functions/softplus", "softplus(z) equals", """
        import numpy as np


        def softplus(z):
            return np.array([0.0, 1000.0])  # the starter's example
        """, None),
    "hard-coded visible outputs of Mish": (
        "activation-comparison", "mish(z) equals", """
        import numpy as np


        def mish(z):
            return np.array([0.0, 1000.0])
        """, None),
    "hard-coded visible budget": (
        "neural-networks/hidden-width-for-budget", "seeded (n_in, n_out, budget)", """
        def hidden_width_for_budget(n_in, n_out, budget):
            return 125
        """, None),
    "hard-coded visible XNOR table": (
        "perceptron/xnor-network", "20 seeded rows", """
        import numpy as np


        def xnor_network(X):
            return np.array([1.0, 0.0, 0.0, 1.0])
        """, None),
    "a naive softplus that overflows": (
        "activation-functions/softplus", "softplus(−1000) = 0", """
        import numpy as np


        def softplus(z):
            return np.log(1 + np.exp(z))
        """, "use the trick of the log-sigmoid exercise"),
    "a log of the sigmoid, -inf at -1000": (
        "activation-functions/log-sigmoid", "log σ(−1000)", """
        import numpy as np

        from snippets.activations import sigmoid


        def log_sigmoid(z):
            return np.log(sigmoid(z))
        """, "never form σ(z) first"),
    "Mish's derivative without the product rule": (
        "activation-comparison", "mish_grad matches", solution_with(
            "activation-comparison", "return t + z * (1 - t * t) * sigmoid(z)", "return t"), None),
    "a wrong spread of the initial weights": (
        "mlp-from-scratch", "init_params: weights spread", """
        import numpy as np


        def init_params(n_in, n_hidden, n_out, seed=0):
            rng = np.random.default_rng(seed)
            return {"W1": rng.normal(size=(n_in, n_hidden)).astype(np.float32), "b1": np.zeros(n_hidden, np.float32),
                    "W2": rng.normal(size=(n_hidden, n_out)).astype(np.float32), "b2": np.zeros(n_out, np.float32)}
        """, None),
    "raw scores instead of probabilities for XOR": (
        "backpropagation/xor-cross-entropy", "after 2000 epochs", solution_with(
            "backpropagation/xor-cross-entropy", "return sigmoid(forward(XOR_X, params, activations)[0])",
            "return 5 * forward(XOR_X, params, activations)[0]"), "return sigmoid(z)"),
    "a loss history that does not fall": (
        "backpropagation/xor-cross-entropy", "after 2000 epochs", """
        import numpy as np


        def train_xor_with_cross_entropy(learning_rate=1.0, epochs=2000, seed=1):
            return np.array([[0.01], [0.99], [0.99], [0.01]]), np.ones(epochs)
        """, "did not fall enough"),
    "gradient norms that are zero": (
        "backpropagation/gradient-norms", "one positive norm per layer", """
        def gradient_norms(activation_name, depth=10, width=32, seed=0):
            return [0.0] * (depth + 1)
        """, "not positive numbers"),
    "gradient norms from the last layer to the first": (
        "backpropagation/gradient-norms", "sigmoid: the first", solution_with(
            "backpropagation/gradient-norms", "return [float(np.linalg.norm(dW)) for dW, _ in grads]",
            "return [float(np.linalg.norm(dW)) for dW, _ in grads][::-1]"), "does not vanish"),
    "ReLU gradients that vanish": (
        "backpropagation/gradient-norms", "ReLU: the first", """
        def gradient_norms(activation_name, depth=10, width=32, seed=0):
            return [1e-9] + [1.0] * depth
        """, "use He initialization for ReLU"),
    "weight decay returning flat arrays": (
        "backpropagation/backward-with-l2", "every dW and db", """
        def backward_with_l2(dOut, cache, params, activations, lam):
            return [1.0 for _ in params]
        """, "should be a pair (dW, db)"),
    "weights from the global random state": (
        "mlp-from-scratch", "the same seed gives", """
        import numpy as np


        def init_params(n_in, n_hidden, n_out, seed=0):
            return {"W1": (np.random.randn(n_in, n_hidden) * np.sqrt(2 / n_in)).astype(np.float32),
                    "b1": np.zeros(n_hidden, np.float32),
                    "W2": (np.random.randn(n_hidden, n_out) * np.sqrt(2 / n_hidden)).astype(np.float32),
                    "b2": np.zeros(n_out, np.float32)}
        """, "not np.random.randn"),
    "a seed that is ignored": (
        "mlp-from-scratch", "the same seed gives", solution_with(
            "mlp-from-scratch", "rng = np.random.default_rng(seed)\n    W1", "rng = np.random.default_rng(0)\n    W1"),
        "pass seed to np.random.default_rng"),
    "one loss per batch instead of per epoch": (
        "mlp-from-scratch", "the loss per epoch falls", solution_with(
            "mlp-from-scratch", "epoch_losses.append(float(np.mean(batch_losses)))",
            "epoch_losses.extend(batch_losses)"), "wrong number of losses"),
    "columns and rows swapped in the pixel index": (
        "neural-networks/pixel-index", "every pixel of a 28 × 28 image", """
        def pixel_index(row, col, width=28):
            return width * col + row


        def pixel_position(index, width=28):
            return divmod(index, width)
        """, "not the input that sees that pixel"),
    "one number for a pixel position": (
        "neural-networks/pixel-index", "every pixel of a 28 × 28 image", """
        def pixel_index(row, col, width=28):
            return width * row + col


        def pixel_position(index, width=28):
            return index
        """, "should be a pair (row, col)"),
    "hand-set NAND weights instead of training": (
        "perceptron/train-nand", "exactly what the perceptron rule learns", """
        import numpy as np


        def train_nand(epochs=20):
            return np.array([-1.0, -1.0]), 1.5
        """, "train with train_perceptron"),
    # Training in practice
    "one batch too many when nothing is left over": (
        "hyperparameters/iterations-per-epoch", "nothing left over", solution_with(
            "hyperparameters/iterations-per-epoch", "else math.ceil(n / batch_size)", "else n // batch_size + 1"),
        "counts one batch too many"),
    "rounding up and down swapped": (
        "hyperparameters/iterations-per-epoch", "55,000 examples", solution_with(
            "hyperparameters/iterations-per-epoch", "n // batch_size if drop_last else math.ceil(n / batch_size)",
            "math.ceil(n / batch_size) if drop_last else n // batch_size"),
        "the other setting of drop_last"),
    "Xavier uniform with the normal distribution's spread as r": (
        "hyperparameters/xavier-uniform", "variance within 2%", solution_with(
            "hyperparameters/xavier-uniform", "math.sqrt(6 / (n_in + n_out))", "math.sqrt(2 / (n_in + n_out))"),
        "has variance r²/3"),
    "Xavier uniform from the global random state": (
        "hyperparameters/xavier-uniform", "draws from the rng", solution_with(
            "hyperparameters/xavier-uniform", "rng.uniform(", "np.random.uniform("), "not np.random.uniform"),
    "step decay one epoch early": (
        "hyperparameters/step-decay", "η = 0.1 with the defaults", solution_with(
            "hyperparameters/step-decay", "drop ** (epoch // every)", "drop ** ((epoch + 1) // every)"),
        "the first drop is at epoch `every`"),
    "step decay that decays continuously": (
        "hyperparameters/step-decay", "30 seeded settings", solution_with(
            "hyperparameters/step-decay", "drop ** (epoch // every)", "drop ** (epoch / every)"),
        "count whole drops with //"),
    "weight decay without η in the decay factor": (
        "regularization/weight-decay-step", "equals SGD(η).step", solution_with(
            "regularization/weight-decay-step", "(1 - learning_rate * lam) * W", "(1 - lam) * W"),
        "the decay factor is 1 − ηλ"),
    "weight decay that makes the weights grow": (
        "regularization/weight-decay-step", "20 seeded float32", solution_with(
            "regularization/weight-decay-step", "(1 - learning_rate * lam) * W", "(1 + learning_rate * lam) * W"),
        "the weights grow"),
    "max-norm on the rows": (
        "regularization/max-norm", "15 seeded float32 matrices", solution_with(
            "regularization/max-norm", "np.linalg.norm(W, axis=0, keepdims=True)",
            "np.linalg.norm(W, axis=1, keepdims=True)"), "the rows were capped"),
    "max-norm that divides by a zero length": (
        "regularization/max-norm", "an all-zero column", solution_with(
            "regularization/max-norm", "c / np.maximum(norms, 1e-12)", "c / norms"), "issued a warning"),
    "Monte Carlo dropout with the same masks for every pass": (
        "regularization/mc-dropout", "the reference's mean", """
        import numpy as np

        from snippets.activations import softmax
        from snippets.dropout import dropout_masks, forward_with_dropout


        def mc_dropout_predict(X, params, activations, keep_prob, rng, samples):
            masks = dropout_masks(len(X), params, keep_prob, rng)
            runs = np.stack([softmax(forward_with_dropout(X, params, activations, masks)[0]) for _ in range(samples)])
            return runs.mean(axis=0), runs.std(axis=0)
        """, "draw new masks for each pass"),
    "Monte Carlo dropout with a generator of its own": (
        "regularization/mc-dropout", "draws its masks from the rng", solution_with(
            "regularization/mc-dropout", "dropout_masks(len(X), params, keep_prob, rng)",
            "dropout_masks(len(X), params, keep_prob, np.random.default_rng(0))"),
        "the same for generators with different seeds"),
    "Monte Carlo dropout averaging the scores": (
        "regularization/mc-dropout", "the reference's mean", """
        import numpy as np

        from snippets.activations import softmax
        from snippets.dropout import dropout_masks, forward_with_dropout


        def mc_dropout_predict(X, params, activations, keep_prob, rng, samples):
            scores = np.stack([forward_with_dropout(X, params, activations,
                                                    dropout_masks(len(X), params, keep_prob, rng))[0]
                               for _ in range(samples)])
            return softmax(scores.mean(axis=0)), softmax(scores).std(axis=0)
        """, "softmax of the mean scores"),
    "a shallow sawtooth whose units do not cancel the slope before them": (
        "deep-networks/shallow-sawtooth", "equals sawtooth_network", solution_with(
            "deep-networks/shallow-sawtooth", "2 * n * (-1.0) ** j", "n * (-1.0) ** j"),
        "turn the current slope into its opposite"),
    "the deep sawtooth instead of a shallow one": (
        "deep-networks/shallow-sawtooth", "a 1 → 2^S → 1 network", """
        from snippets.depth import sawtooth_network


        def shallow_sawtooth(depth):
            return sawtooth_network(depth)
        """, "should be two (W, b) pairs"),
    "gradient norms without skip connections": (
        "deep-networks/residual-gradient-norms", "deep_mlp networks of 10 layers", """
        from snippets.gradient_flow import layer_gradient_norms


        def residual_gradient_norms(X, Y, params, activation):
            return layer_gradient_norms(X, Y, params, [activation] * (len(params) - 1) + ["identity"])
        """, "the norms without skip connections"),
    "a skip connection on the output layer": (
        "deep-networks/residual-gradient-norms", "n_in = width = n_out", solution_with(
            "deep-networks/residual-gradient-norms", "W.shape[0] == W.shape[1] and layer < last",
            "W.shape[0] == W.shape[1]"), "the output layer returns raw scores"),
    "an output size rounded up": (
        "network-types/conv2d-output-shape", "40 seeded", solution_with(
            "network-types/conv2d-output-shape", "(h + 2 * padding - q) // stride + 1, (w + 2 * padding - q) // stride",
            "-(-(h + 2 * padding - q) // stride) + 1, -(-(w + 2 * padding - q) // stride)"), "round down"),
    "padding on one side only": (
        "network-types/conv2d-output-shape", "28 × 28 with a 5 × 5 filter", solution_with(
            "network-types/conv2d-output-shape", "2 * padding", "padding"), "h + 2p"),
    "max pooling instead of average pooling": (
        "network-types/avg-pool", "np.arange(16.0)", solution_with(
            "network-types/avg-pool", "windows.mean(", "windows.max("), "this is max_pool"),
    "pooling over the wrong axes": (
        "network-types/avg-pool", "seeded float32 batches", solution_with(
            "network-types/avg-pool", "axis=(1, 2))[:, ::size, ::size]", "axis=(2, 3))[:, :, ::size, ::size]"),
        "has the wrong shape"),
    "a convolution that flips the filter": (
        "network-types/conv-as-dense", "seeded filters", solution_with(
            "network-types/conv-as-dense", "np.ndenumerate(F)", "np.ndenumerate(F[::-1, ::-1])"),
        "flips the filter"),
    "an RNN without memory": (
        "network-types/seen-a-one", "all 64 sequences", solution_with(
            "network-types/seen-a-one", "np.array([[10.0]])", "np.array([[0.0]])"), "whether the last step is a 1"),
    "hard-coded visible average pooling": (
        "network-types/avg-pool", "seeded float32 batches", """
        import numpy as np


        def avg_pool(X, size):
            return np.array([[2.5, 4.5], [10.5, 12.5]])[None, :, :, None]
        """, "has the wrong shape"),
}


@pytest.mark.parametrize("case", WRONG_ANSWERS, ids=list(WRONG_ANSWERS))
def test_wrong_answers_fail_with_the_intended_message(tmp_path, case):
    exercise_id, check_title, source, message = WRONG_ANSWERS[case]
    verdict = run_one(exercise_id, write(tmp_path, source), check_title)
    assert verdict["status"] == "fail", verdict
    if message:
        assert message in " ".join(str(verdict.get(key, "")) for key in ("message", "expected", "got", "hint")), verdict


def test_hard_coded_outputs_pass_the_visible_example_but_not_the_hidden_inputs(tmp_path):
    _, verdicts, _ = run_in_process("neural-networks/hidden-width-for-budget",
                                 write(tmp_path, "def hidden_width_for_budget(n_in, n_out, budget):\n    return 125\n"))
    assert [v["status"] for v in verdicts] == ["pass", "fail", "fail"]


def test_mlp_that_does_not_learn_fails_the_accuracy_check(tmp_path):
    source = solution_with("mlp-from-scratch", "params[name] -= learning_rate * grads[name]",
                           "params[name] -= learning_rate / 1000 * grads[name]")
    _, verdicts, _ = run_in_process("mlp-from-scratch", write(tmp_path, source))
    assert verdict_of("mlp-from-scratch", verdicts, "the loss per epoch falls")["status"] == "fail"
    accuracy = verdict_of("mlp-from-scratch", verdicts, "accuracy on the 10,000 test digits")
    assert accuracy["status"] == "fail" and accuracy["expected"] == "≥ 92.00%"


def test_an_activation_that_breaks_the_network_fails_the_training_check(tmp_path):
    source = solution_with("activation-comparison", "return z * np.tanh(np.logaddexp(0, z))",
                           "return z * np.tanh(np.logaddexp(0, z)) if z.ndim == 1 else z[:, :1]")
    verdict = run_one("activation-comparison", write(tmp_path, source), "trains the experiment's network")
    assert verdict["status"] == "fail" and verdict["message"] == "mish of a (4, 128) float32 array has the wrong shape"


GARBAGE = {"None": "None", "a negative number": "-1.0", "a one-element tuple": "(1,)", "a string": "'text'",
           "a short array": "np.zeros(3)", "a dict": "{'W1': 1}"}


@pytest.mark.parametrize("garbage", GARBAGE, ids=list(GARBAGE))
@pytest.mark.parametrize("exercise", WITHOUT_KERAS, ids=ids)
def test_any_return_value_gets_a_clean_verdict(tmp_path, exercise, garbage):
    """Whatever a function returns, every check fails with a message, and the checker keeps going."""
    source = "import numpy as np\n\n" + "".join(f"def {name}(*args, **kwargs):\n    return {GARBAGE[garbage]}\n\n"
                                                for name in exercise.functions)
    load, verdicts, _ = run_in_process(exercise.id, write(tmp_path, source))
    assert load is None and len(verdicts) == len(exercise.checks)
    for verdict in verdicts:
        assert verdict["status"] in ("fail", "error") and verdict["message"], verdict
        if verdict["status"] == "error":  # an error must come from their code, not from the checker
            assert "could not check what your code returned" not in verdict["message"], verdict


@pytest.mark.parametrize("exercise", WITHOUT_KERAS, ids=ids)
def test_every_starter_function_raises_not_implemented(exercise, tmp_path):
    spec = importlib.util.spec_from_file_location("starter", exercise.starter)
    starter = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(starter)
    for name in exercise.functions:
        function = getattr(starter, name)
        required = [p for p in inspect.signature(function).parameters.values() if p.default is p.empty]
        with pytest.raises(NotImplementedError, match=f"{name}: your code goes here"):
            function(*[None] * len(required))


@pytest.mark.parametrize("exercise", [registry.get("mlp-from-scratch"), registry.get("activation-comparison")], ids=ids)
def test_a_starter_run_as_a_script_says_what_is_missing(exercise, monkeypatch, capsys):
    """Run (or pasted into Python) before it is written, a starter says which function to write next, no traceback."""
    monkeypatch.setattr("snippets.solutions.activation_comparison.train_with_activation",
                        lambda name, functions=None, **settings: functions[0](np.zeros(2)) if functions else {})
    runpy.run_path(str(exercise.starter), run_name="__main__")
    printed = capsys.readouterr().out
    assert printed.startswith("Not written yet: ") and "your code goes here" in printed
    assert f"python -m snippets.check {exercise.id} " in printed


# ---------------------------------------------------------------- the solutions' own entry points
def test_solution_entry_points(capsys, monkeypatch):
    from snippets.solutions import activation_comparison, mlp_from_scratch

    result = mlp_from_scratch.run(n_train=300)
    assert len(result["losses"]) == 10 and 0.5 < result["accuracy"] < 1 and result["seconds"] > 0
    monkeypatch.setattr(mlp_from_scratch, "run", lambda: result)
    mlp_from_scratch.main()
    assert "test accuracy:" in capsys.readouterr().out

    pair = (activation_comparison.mish, activation_comparison.mish_grad)
    results = activation_comparison.compare_activations(names=("tanh",), extra={"mish": pair}, n_train=200,
                                                        epochs=1, checkpoints_per_epoch=2)
    assert [r["name"] for r in results] == ["tanh", "mish"] and "mish" not in activation_comparison.ACTIVATIONS
    assert [len(r["epoch"]) for r in results] == [3, 3]
    with pytest.raises(ValueError, match="already an activation"):
        activation_comparison.train_with_activation("relu", functions=pair)
    monkeypatch.setattr(activation_comparison, "compare_activations", lambda extra: results)
    activation_comparison.main()
    assert "mish" in capsys.readouterr().out


# ---------------------------------------------------------------- registry, starters and chapters agree
def defined_functions(path):
    return {node.name: node for node in ast.parse(path.read_text()).body if isinstance(node, ast.FunctionDef)}


@pytest.mark.parametrize("exercise", EXERCISES, ids=ids)
def test_starter_and_solution_define_every_function(exercise):
    starter, solution = defined_functions(exercise.starter), defined_functions(exercise.solution_file)
    for name in exercise.functions:
        assert name in solution, f"{exercise.solution_file} lacks {name}"
        body = starter[name].body
        assert ast.get_docstring(starter[name]), f"{name} in the starter has no docstring"
        assert len(body) == 2 and isinstance(body[1], ast.Raise) and "NotImplementedError" in ast.unparse(body[1])
        # The signature in the starter is the solution's signature.
        assert ast.unparse(starter[name].args) == ast.unparse(solution[name].args), name
    command = f"python -m snippets.check {exercise.id} {exercise.starter.name}"
    assert command in exercise.starter.read_text()


@pytest.mark.parametrize("exercise", [e for e in EXERCISES if e.page.startswith(("chapters/", "practice/"))], ids=ids)
def test_chapter_exercises_state_the_functions_the_checker_calls(exercise):
    page = (ROOT / "docs" / exercise.page.split("#")[0]).read_text().split("## Exercises")[1]
    for name in exercise.functions:
        assert f"def {name}(" in page
    assert exercise.title in page


def test_every_module_with_exercises_is_registered():
    modules = {path.stem for path in (ROOT / "snippets/check").glob("*.py")
               if "EXERCISES = [" in path.read_text()}
    assert modules == {module.__name__.rsplit(".", 1)[1] for module in registry.GROUPS}
    assert all(re.fullmatch(r"([a-z-]+/)?[a-z0-9-]+", exercise_id) for exercise_id in registry.EXERCISES)


def test_a_duplicate_id_is_refused(monkeypatch):
    twin = core.Exercise("perceptron/train-nand", "again", "x.md", ("f",), "snippets.solutions.perceptron")
    monkeypatch.setattr(loss_checks, "EXERCISES", [*loss_checks.EXERCISES, twin])
    with pytest.raises(ValueError, match="declared twice"):
        registry._collect()


EXAMPLE = re.compile(r"Example: (?P<call>.+?) (?P<relation>==|is close to|is) (?P<value>.+)$", re.M)


def starter_examples():
    for exercise in EXERCISES:
        for match in EXAMPLE.finditer(exercise.starter.read_text()):
            yield pytest.param(exercise, match, id=f"{exercise.id}: {match['call']}")


@pytest.mark.parametrize("exercise, example", list(starter_examples()))
def test_the_examples_in_the_starters_are_true(exercise, example):
    spec = importlib.util.spec_from_file_location("reference", exercise.solution_file)
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    namespace = {"np": np, "array": np.array, **vars(reference)}
    got = eval(example["call"], namespace)
    expected = eval(example["value"], namespace)
    if example["relation"] == "==":
        assert got == expected
    else:
        np.testing.assert_allclose(got, expected, atol=1e-4 if "close" in example["relation"] else 1e-8)


def test_starter_examples_exist_where_the_visible_example_matters():
    assert len(list(starter_examples())) >= 12


def test_nothing_shipped_says_todo():
    # Starters mark the learner's part with "your code goes here", not a developer's TODO.
    shipped = [*(ROOT / "snippets").rglob("*.py"), *(ROOT / "docs").rglob("*.md"), *(ROOT / "docs").rglob("*.ipynb")]
    assert len(shipped) > 100
    assert [path for path in shipped if "TODO" in path.read_text()] == []


# ---------------------------------------------------------------- build outputs
def test_comparison_outputs(tmp_path):
    figures.activation_curves(tmp_path / "curves.svg")
    assert ET.parse(tmp_path / "curves.svg").getroot().tag.endswith("svg")
    figures.activation_table(tmp_path / "table.md")
    table = (tmp_path / "table.md").read_text()
    assert table.count("\n| ") == 8 and "784 → 128 → 10" in table
    results = figures._comparison()
    final = {r["name"]: r["train_accuracy"][-1] for r in results}
    # What the page says: the sigmoid learns slowest, tanh already does much better, the others end
    # within about a point of each other, and Leaky ReLU follows ReLU almost exactly.
    assert min(final, key=final.get) == "sigmoid" and final["tanh"] > final["sigmoid"] + 0.02
    others = [final[name] for name in ("relu", "leaky_relu", "elu", "swish", "gelu")]
    assert max(others) - min(others) < 0.015
    assert abs(final["relu"] - final["leaky_relu"]) < 0.002
    assert all(len(r["epoch"]) == len(r["train_accuracy"]) == 16 for r in results)


def test_mlp_outputs(tmp_path):
    figures.mlp_training(tmp_path / "run.md")
    run = (tmp_path / "run.md").read_text()
    assert run.count("\n| ") == 11 and "accuracy on the 10,000 test digits" in run
    figures.mlp_gradient_check(tmp_path / "check.md")
    errors = [float(row.split("|")[3]) for row in (tmp_path / "check.md").read_text().splitlines()[-4:]]
    assert max(errors) < 1e-6


def test_exercise_list_and_checker_demo(tmp_path):
    figures.exercise_list(tmp_path / "list.md")
    listing = (tmp_path / "list.md").read_text()
    assert all(f"`{exercise_id}`" in listing for exercise_id in registry.EXERCISES)
    figures.checker_demo(tmp_path / "demo.md")
    demo = (tmp_path / "demo.md").read_text()
    assert demo.startswith("```text\n$ cat softplus.py\n") and "Checking softplus.py against" in demo
    assert "✓ softplus(z) equals" in demo and "overflow encountered in exp" in demo
    assert "Not implemented yet: softplus_grad." in demo and demo.endswith("$ echo $?\n1\n```\n")


def test_downloads_are_the_starters(tmp_path):
    downloads = {name: function for name, function in figures.OUTPUTS.items() if name.startswith("downloads/")}
    assert len(downloads) == len(EXERCISES)
    for name, publish in downloads.items():
        publish(tmp_path / "starter.py")
        starter = core.EXERCISES_DIR / name.removeprefix("downloads/")
        assert (tmp_path / "starter.py").read_text() == starter.read_text()


# ---------------------------------------------------------------- the pages
PAGES = {"keras-mnist": "keras_mnist", "activation-comparison": "activation_comparison",
         "mlp-from-scratch": "mlp_from_scratch"}


@pytest.mark.parametrize("slug, module", PAGES.items())
def test_mini_assignment_pages_show_starter_download_hints_solution_and_checker(slug, module):
    page = (ROOT / "docs/exercises" / f"{slug}.md").read_text()
    assert f'--8<-- "snippets/exercises/{module}.py"' in page
    assert f"(../downloads/{module}.py)" in page
    assert '??? tip "' in page and '??? success "' in page
    assert f'--8<-- "snippets/solutions/{module}.py' in page
    assert f"python -m snippets.check {slug} {module}.py" in page


def test_pages_state_the_thresholds_the_checker_uses():
    keras_page = (ROOT / "docs/exercises/keras-mnist.md").read_text()
    assert f"{keras_checks.REQUIRED_ACCURACY:.1%}" in keras_page
    mlp_page = (ROOT / "docs/exercises/mlp-from-scratch.md").read_text()
    assert f"{mlp_checks.MIN_ACCURACY:.0%}" in mlp_page
    assert f"{mlp_checks.TRAIN_SECONDS} s" in mlp_page
    assert f"{mish_checks.MIN_ACCURACY:.0%}" in (ROOT / "docs/exercises/activation-comparison.md").read_text()


def test_built_site_publishes_every_starter_and_lists_every_exercise(site):
    for exercise in EXERCISES:
        published = site / "downloads" / exercise.starter.relative_to(core.EXERCISES_DIR)
        assert published.read_bytes() == exercise.starter.read_bytes()
    index = (site / "exercises/index.html").read_text()
    assert all(exercise_id in index for exercise_id in registry.EXERCISES)
    for slug in PAGES:
        html = (site / "exercises" / slug / "index.html").read_text()
        assert "NotImplementedError" in html and "--8&lt;--" not in html
        assert f'href="../../downloads/{PAGES[slug]}.py"' in html
    assert Path(site / "figures/exercises-activation-curves.svg").stat().st_size > 1000


def test_built_site_offers_each_mini_assignments_starter_as_a_notebook_that_checks_itself(site):
    import nbformat

    for slug, module in PAGES.items():
        exercise = registry.get(slug)
        book = nbformat.reads((site / "downloads" / f"{module}.ipynb").read_text(), as_version=4)
        nbformat.validate(book)
        code = [cell.source for cell in book.cells if cell.cell_type == "code"]
        starter = exercise.starter.read_text()
        for name in exercise.functions:  # each function a cell of its own, exactly as in the starter file
            assert sum(cell.startswith(f"def {name}(") and cell in starter for cell in code) == 1
        assert f"check({slug!r})" in code[-2] and code[-1].startswith('if __name__ == "__main__":')
        assert "subprocess.check_call([sys.executable, '-m', 'pip', 'install'" in code[0]
        html = (site / "exercises" / slug / "index.html").read_text()
        assert (f'<a class="md-button starter-notebook" download="{module}.ipynb" '
                f'href="../../downloads/{module}.ipynb">Download {module}.ipynb</a>') in html


def test_index_states_the_checkers_defaults():
    from snippets.check import learner_process, sandbox

    index = (ROOT / "docs/exercises/index.md").read_text()
    assert f"{sandbox.DEFAULT_TIME_LIMIT:g} s unless" in index
    assert f"{sandbox.DEFAULT_MEMORY_LIMIT:,} MB" in index
    assert f"first {learner_process.OUTPUT_LIMIT:,} characters" in index


def test_checks_tables_list_every_check_with_its_time_limit(tmp_path):
    for slug in PAGES:
        figures.OUTPUTS[f"outputs/exercises-checks-{slug}.md"](tmp_path / "checks.md")
        table = (tmp_path / "checks.md").read_text()
        assert table.count("\n| ") == len(registry.get(slug).checks) and " s |" in table
        assert "|value|" not in table  # a | inside a cell must be escaped, or it splits the cell


def test_every_starter_belongs_to_an_exercise_and_keys_its_download():
    import snippets.exercises

    starters = {path for path in core.EXERCISES_DIR.rglob("*.py") if path.name != "__init__.py"}
    assert starters == {exercise.starter for exercise in EXERCISES}
    for exercise in WITHOUT_KERAS:  # the Keras starter needs Keras to import
        module = snippets.exercises
        for part in exercise.starter.relative_to(core.EXERCISES_DIR).with_suffix("").parts:
            module = getattr(module, part)
        assert Path(module.__file__) == exercise.starter
