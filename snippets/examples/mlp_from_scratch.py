"""The page "Mini-assignment 3: an MLP from scratch": the setup its starter and solution need."""

# --8<-- [start:setup]
import numpy as np

from snippets.mnist import load_mnist  # the book's MNIST loader
# --8<-- [end:setup]
