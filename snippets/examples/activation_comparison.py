"""The page "Mini-assignment 2: activation functions": its setup, and the experiment in miniature."""

from snippets.solutions.activation_comparison import train_with_activation

# --8<-- [start:setup]
import math

import numpy as np

from snippets.activations import ACTIVATIONS, sigmoid  # built in "Activation functions"
from snippets.backprop import train_step  # built in "Backpropagation"
from snippets.forward import init_params  # built in "Forward propagation"
from snippets.gradient_descent import minibatches  # built in "Gradient descent"
from snippets.losses import one_hot  # built in "Loss functions"
from snippets.mnist import load_mnist  # the book's MNIST loader
from snippets.optimizers import SGD  # built in "Gradient descent"
from snippets.training import evaluate  # built in "Overfitting and regularization"
# --8<-- [end:setup]

# --8<-- [start:experiment]
run = train_with_activation("relu", n_train=1_000, epochs=1, checkpoints_per_epoch=2)
print("epochs:", run["epoch"])
print("training accuracy:", [f"{accuracy:.1%}" for accuracy in run["train_accuracy"]])
print(f"test accuracy: {run['test_accuracy']:.1%}")
# --8<-- [end:experiment]

# --8<-- [start:reproduce-activation-comparison]
from snippets.solutions.activation_comparison import compare_activations  # built in "Mini-assignment 2: activation functions"

results = compare_activations(names=("sigmoid", "tanh", "relu", "leaky_relu", "elu", "swish", "gelu"),
                              n_train=10_000, n_hidden=128, epochs=3, batch_size=64, learning_rate=0.1,
                              checkpoints_per_epoch=5, seed=0)
for run in results:
    print(f"{run['name']:>10}: final training accuracy {run['train_accuracy'][-1]:.2%}, "
          f"test accuracy {run['test_accuracy']:.2%}")
# --8<-- [end:reproduce-activation-comparison]
