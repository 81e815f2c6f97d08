"""Starter files of the exercises: copy one, fill in its functions, and check it with
``python -m snippets.check EXERCISE YOUR_FILE.py``. Each file is also published on the
site under ``downloads/``. The mini-assignments are at the top level, the chapters'
exercises in one folder per chapter.

Importing the package imports every starter (they only define functions), so the
build republishes a download when its starter changes. The Keras starter is the
exception: it needs Keras installed.
"""

from . import (activation_comparison, activation_functions, backpropagation, deep_networks, forward_propagation,
               gradient_descent, hyperparameters, loss_functions, mlp_from_scratch, mnist_project, network_types,
               neural_networks, perceptron, regularization)
