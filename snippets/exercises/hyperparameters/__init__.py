"""Starter files of the exercises of the chapter "Training terminology and hyper-parameters"."""

from . import iterations_per_epoch, step_decay, xavier_uniform
