"""Starter files of the exercises of the chapter "What is a neural network"."""

from . import hidden_width_for_budget, logic_neurons, pixel_index
