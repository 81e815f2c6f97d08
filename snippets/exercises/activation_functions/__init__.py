"""Starter files of the exercises of the chapter "Activation functions"."""

from . import log_sigmoid, parameter_counts, sigmoid_via_tanh, softplus
