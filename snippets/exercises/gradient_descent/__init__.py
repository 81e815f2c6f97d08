"""Starter files of the exercises of the chapter "Gradient descent"."""

from . import find_stable_learning_rate, linear_regression_grads, momentum_path
