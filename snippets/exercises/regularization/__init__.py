"""Starter files of the exercises of the chapter "Overfitting and regularization"."""

from . import max_norm, mc_dropout, weight_decay_step
