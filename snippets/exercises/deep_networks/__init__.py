"""Starter files of the exercises of the chapter "Why deep networks"."""

from . import residual_gradient_norms, shallow_sawtooth
