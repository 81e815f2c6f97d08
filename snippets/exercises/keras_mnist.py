"""Mini-assignment 1: a neural network for MNIST in Keras 3.

Build, compile, train and evaluate the network of the book's MNIST project in Keras,
fed by the book's own loader. Each function is one step of the Keras workflow; the
exercise page links each to the chapter where you built the same step in NumPy.
Install Keras and its CPU backend first, from the book's folder:

    pip install -e ".[keras]"

Check your work (the last check trains on all 60,000 digits and must reach 97.5%
test accuracy):

    python -m snippets.check keras-mnist keras_mnist.py
"""

import os

os.environ.setdefault("KERAS_BACKEND", "torch")  # choose the backend before importing Keras

import keras


def build_model(hidden_units=256, seed=0):
    """A keras.Sequential model: 784 inputs → a Dense hidden layer → Dense(10), no activation.

    Its output is one row of 10 class scores (logits) per input row: the loss turns them
    into probabilities. Call keras.utils.set_random_seed(seed) first, so every run starts
    from the same weights.
    """
    raise NotImplementedError("build_model: your code goes here")


def compile_model(model, learning_rate=2e-3):
    """Compile `model` with the Adam optimizer, the cross-entropy of
    scores and integer labels (keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    and metrics=["accuracy"]; return it.
    """
    raise NotImplementedError("compile_model: your code goes here")


def train(model, X, y, epochs=8, batch_size=256):
    """Fit `model` to the images X (m, 784) and labels y (m,); return the History that fit returns."""
    raise NotImplementedError("train: your code goes here")


def test_accuracy(model, X, y):
    """The model's accuracy on (X, y), a number between 0 and 1, from model.evaluate."""
    raise NotImplementedError("test_accuracy: your code goes here")


if __name__ == "__main__":
    from snippets.mnist import load_mnist

    data = load_mnist()
    try:
        model = compile_model(build_model())
        train(model, data.train_images, data.train_labels)
        accuracy = test_accuracy(model, data.test_images, data.test_labels)
    except NotImplementedError as missing:
        print(f"Not written yet: {missing}. Check your file as you go with\n"
              "    python -m snippets.check keras-mnist keras_mnist.py")
    else:
        print(f"test accuracy: {accuracy:.2%}")
