"""Mini-assignment 1: the MNIST network of the book, in Keras 3, fed by the book's own loader.

Keras runs on a backend; this book installs the CPU build of PyTorch for it
(``pip install -e ".[keras]"``). The backend must be chosen before Keras is imported.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras  # noqa: E402  (after choosing the backend)

from snippets.mnist import load_mnist  # noqa: E402


# --8<-- [start:build_model]
def build_model(hidden_units=256, seed=0):
    """784 pixels → Dense(hidden_units, ReLU) → Dense(10): 10 class scores (logits) per row.

    No softmax in the last layer: the loss takes the scores, as the book's ``cross_entropy``
    does. Seeding Keras fixes the initial weights and the order of the batches in ``fit``.
    """
    keras.utils.set_random_seed(seed)
    return keras.Sequential([
        keras.Input(shape=(784,)),
        keras.layers.Dense(hidden_units, activation="relu"),
        keras.layers.Dense(10),
    ])
# --8<-- [end:build_model]


# --8<-- [start:compile_model]
def compile_model(model, learning_rate=2e-3):
    """Adam on the cross-entropy of the scores and integer labels ("sparse": no one-hot rows), reporting accuracy."""
    model.compile(optimizer=keras.optimizers.Adam(learning_rate),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    return model
# --8<-- [end:compile_model]


# --8<-- [start:train]
def train(model, X, y, epochs=8, batch_size=256):
    """Mini-batch training, a new order of the examples every epoch: returns Keras's History."""
    return model.fit(X, y, epochs=epochs, batch_size=batch_size, verbose=0)
# --8<-- [end:train]


# --8<-- [start:test_accuracy]
def test_accuracy(model, X, y):
    """The share of rows of X whose highest score is the label in y."""
    loss, accuracy = model.evaluate(X, y, batch_size=1000, verbose=0)
    return accuracy
# --8<-- [end:test_accuracy]


# --8<-- [start:main]
def main():
    data = load_mnist()
    model = compile_model(build_model())
    history = train(model, data.train_images, data.train_labels)
    print("training accuracy per epoch:", " ".join(f"{a:.2%}" for a in history.history["accuracy"]))
    print(f"test accuracy: {test_accuracy(model, data.test_images, data.test_labels):.2%}")
# --8<-- [end:main]


if __name__ == "__main__":
    main()
