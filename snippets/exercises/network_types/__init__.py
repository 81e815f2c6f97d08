"""Starter files of the exercises of the chapter "Types of neural networks"."""

from . import avg_pool, conv2d_output_shape, conv_as_dense, seen_a_one
