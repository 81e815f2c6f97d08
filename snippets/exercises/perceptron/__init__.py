"""Starter files of the exercises of the chapter "The perceptron"."""

from . import perceptron_epoch, train_nand, xnor_network
