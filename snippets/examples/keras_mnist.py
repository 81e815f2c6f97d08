"""The page "Mini-assignment 1: Keras": the setup its starter and solution need."""

# --8<-- [start:setup]
import os

os.environ.setdefault("KERAS_BACKEND", "torch")  # Keras reads its backend when it is first imported

import keras

from snippets.mnist import load_mnist  # the book's MNIST loader
# --8<-- [end:setup]
