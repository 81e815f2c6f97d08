"""Checks of mini-assignment 1: the MNIST network in Keras 3.

Keras is an optional extra: the learner's file imports it, in the learner's process. The
model and its History stay there; these checks ask them for what they need (predictions,
weights, the optimizer's class and learning rate) as plain data, so the checker itself
runs without Keras.
"""

import functools

import numpy as np

from snippets.check.core import CheckFailed, Exercise, LearnerRaised, array, close, kinds, number, type_name
from snippets.losses import log_softmax
from snippets.mnist import load_mnist

TITLE = "Mini-assignments"
PAGE = "exercises/keras-mnist.md"
SOLUTION = "snippets.solutions.keras_mnist"
REQUIRED_ACCURACY = 0.975  # on the 10,000 test digits
FULL_RUN_SECONDS = 900  # the last check trains on all 60,000 digits

keras_mnist = Exercise("keras-mnist", "A network for MNIST in Keras", PAGE,
                       ("build_model", "compile_model", "train", "test_accuracy"), SOLUTION,
                       memory_limit=6144, time_limit=120)  # importing PyTorch takes seconds and address space


def _integer_labels_for_a_one_hot_loss(error):
    """Whether ``error`` is what Keras raises when a loss for one-hot rows gets integer labels
    (in the words of the torch, JAX or TensorFlow backend)."""
    text = str(error)
    return isinstance(error, ValueError) and ("`target` and `output` must have the same shape" in text
                                              or "logits and labels must have the same shape" in text
                                              or ("Shapes" in text and "are incompatible" in text))


def _in_the_learners_terms(check):
    """Decorator: the shape error Keras raises for integer labels and a one-hot loss, said as its cause."""
    @functools.wraps(check)
    def run(learner):
        try:
            return check(learner)
        except (LearnerRaised, ValueError) as error:
            original = error.error if isinstance(error, LearnerRaised) else error
            if not _integer_labels_for_a_one_hot_loss(original):
                raise
            raise CheckFailed(
                "the loss wants one-hot rows of 10 targets, but MNIST's labels are integers 0-9, one per digit",
                expected="a loss for integer labels", got=f"Keras: {str(original)[:200]}",
                hint="integer labels need the sparse cross-entropy: "
                     "loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True)") from None
    return run


def _check(title, hint, **settings):
    """keras_mnist.check, with Keras's shape error for integer labels explained."""
    register = keras_mnist.check(title, hint, **settings)
    return lambda function: register(_in_the_learners_terms(function))


def _digits(n, offset=0):
    data = load_mnist()
    return data.train_images[offset:offset + n], data.train_labels[offset:offset + n]


def _scores(model, X, what):
    return array(np.asarray(model.predict(X, verbose=0), dtype=np.float64), what, shape=(len(X), 10))


@_check("build_model(): a Keras model that turns rows of 784 pixels into rows of 10 class scores "
        "(logits, not probabilities)", hint=(
            "start with keras.Input(shape=(784,)) and end with keras.layers.Dense(10)"))
def _(learner):
    model = learner.build_model()
    if not hasattr(model, "predict"):
        raise CheckFailed("build_model() should return a Keras model", expected="a keras.Sequential",
                          got=type_name(model))
    scores = _scores(model, _digits(5)[0], "model.predict(5 digits)")
    # Five rows of raw scores never all sum to 1 by chance; five rows of probabilities always do.
    if np.all(scores >= 0) and np.allclose(scores.sum(axis=1), 1, rtol=0, atol=1e-4):
        raise CheckFailed("the model outputs probabilities: every row is positive and sums to 1",
                          expected="10 raw scores per row", got="rows of a softmax",
                          hint="leave the softmax to the loss: end with keras.layers.Dense(10), no activation, "
                               "and compile with from_logits=True")


@_check("build_model() is a keras.Sequential of Dense layers, with at least one hidden layer", hint=(
    "keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(256, activation=\"relu\"), "
    "keras.layers.Dense(10)])"))
def _(learner):
    model = learner.build_model()
    layers = [type_name(layer) for layer in getattr(model, "layers", [])]
    if "Sequential" not in kinds(model) or layers.count("Dense") < 2:
        raise CheckFailed("the model is not a Sequential stack of at least two Dense layers",
                          expected="Sequential with Dense layers", got=f"{type_name(model)} with layers {layers}")


@_check("compile_model(model): the cross-entropy of the scores as the loss and accuracy as a metric "
        "(loss compared with −mean log softmax(scores)_true, tolerance 1e-4)", hint=(
            "model.compile(optimizer=keras.optimizers.Adam(learning_rate), "
            "loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=[\"accuracy\"])"))
def _(learner):
    model = learner.compile_model(learner.build_model())
    X, y = _digits(500, offset=1000)
    if model is None or not getattr(model, "compiled", False):
        raise CheckFailed("compile_model should compile the model and return it", expected="the compiled model",
                          got="None" if model is None else "a model that is not compiled")
    measured = model.evaluate(X, y, verbose=0, return_dict=True)
    if "accuracy" not in measured:
        raise CheckFailed("the model does not report accuracy", expected="'accuracy' among the metrics",
                          got=sorted(measured))
    expected = -np.mean(log_softmax(_scores(model, X, "model.predict"))[np.arange(len(y)), y])
    loss = number(measured["loss"], "the loss")
    try:
        close(loss, expected, "the loss model.evaluate reports", rtol=1e-4, atol=1e-4)
    except CheckFailed as failure:
        failure.hint = ("the model outputs scores, so tell the loss: "
                        "keras.losses.SparseCategoricalCrossentropy(from_logits=True)")
        raise


@_check("train(model, X, y, epochs=2) on 2,000 digits returns fit's History, and the accuracy rises",
        hint="return model.fit(X, y, epochs=epochs, batch_size=batch_size)")
def _(learner):
    model = learner.compile_model(learner.build_model())
    X, y = _digits(2000)
    history = learner.train(model, X, y, epochs=2)
    losses = getattr(history, "history", {}).get("loss")
    if losses is None or len(losses) != 2:
        raise CheckFailed("train should return the History that model.fit returns",
                          expected="History with 2 losses, one per epoch", got=type_name(history))
    accuracy = float(np.mean(_scores(model, X, "model.predict").argmax(axis=1) == y))
    if not accuracy > 0.5:  # 10% is chance; two short epochs take any sound setup far beyond 50%
        raise CheckFailed("after training, the model is hardly better than chance on its own training digits",
                          expected="accuracy above 50%", got=f"{accuracy:.1%}",
                          hint="is the learning rate far too small, or does train ignore `epochs`?")


@_check("test_accuracy(model, X, y) is the share of rows whose highest score is the label "
        "(tolerance 1e-6)", hint="model.evaluate(X, y) returns [loss, accuracy]: return the accuracy")
def _(learner):
    model = learner.compile_model(learner.build_model())
    X, y = _digits(700, offset=3000)
    expected = float(np.mean(_scores(model, X, "model.predict").argmax(axis=1) == y))
    close(number(learner.test_accuracy(model, X, y), "test_accuracy(model, X, y)"), expected,
          "test_accuracy(model, X, y)", rtol=0, atol=1e-6)


@_check("build_model follows its arguments: hidden_units=32 gives a hidden layer of 32 units, and the same seed "
        "the same starting weights (another seed, other weights)", hint=(
            "keras.utils.set_random_seed(seed) before the layers are made, and Dense(hidden_units, ...)"))
def _(learner):
    first = [np.array(w) for w in learner.build_model(hidden_units=32, seed=3).get_weights()]
    again = [np.array(w) for w in learner.build_model(hidden_units=32, seed=3).get_weights()]
    other = [np.array(w) for w in learner.build_model(hidden_units=32, seed=4).get_weights()]
    if not first or first[0].shape != (784, 32):
        raise CheckFailed("build_model(hidden_units=32, seed=3) has no hidden layer of 32 units",
                          expected="first weights of shape (784, 32)", got=str(first[0].shape) if first else "no weights")
    if len(again) != len(first) or not all(np.array_equal(a, b) for a, b in zip(first, again)):
        raise CheckFailed("two calls of build_model(hidden_units=32, seed=3) start from different weights",
                          hint="call keras.utils.set_random_seed(seed) at the start of build_model")
    if all(a.shape == b.shape and np.array_equal(a, b) for a, b in zip(first, other)):
        raise CheckFailed("build_model(seed=3) and build_model(seed=4) start from the same weights",
                          hint="pass the seed argument to keras.utils.set_random_seed, not a fixed number")


@_check("compile_model(model, learning_rate=1e-3) compiles with the Adam optimizer at that learning rate", hint=(
    "optimizer=keras.optimizers.Adam(learning_rate), the argument, not a string or a fixed number"))
def _(learner):
    model = learner.compile_model(learner.build_model(), learning_rate=1e-3)
    optimizer = getattr(model, "optimizer", None)
    if "Adam" not in kinds(optimizer):
        raise CheckFailed("the model is not compiled with Adam", expected="keras.optimizers.Adam",
                          got=type_name(optimizer))
    close(float(np.asarray(optimizer.learning_rate)), 1e-3, "the optimizer's learning rate", rtol=1e-6, atol=0)


@_check(f"the whole workflow with your defaults: trained on the 60,000 training digits, at least "
        f"{REQUIRED_ACCURACY:.1%} accuracy on the 10,000 test digits", time_limit=FULL_RUN_SECONDS,
        hint="a hidden layer of a few hundred ReLU units, Adam and about 8 epochs are enough")
def _(learner):
    data = load_mnist()
    model = learner.compile_model(learner.build_model())
    learner.train(model, data.train_images, data.train_labels)
    accuracy = number(learner.test_accuracy(model, data.test_images, data.test_labels), "test_accuracy")
    if not accuracy >= REQUIRED_ACCURACY:
        raise CheckFailed("the trained model is not accurate enough", expected=f"≥ {REQUIRED_ACCURACY:.1%}",
                          got=f"{accuracy:.2%} on the test digits")
    return f"{accuracy:.2%}"


EXERCISES = [keras_mnist]
