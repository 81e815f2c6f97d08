"""Exercise 3 of "Training terminology and hyper-parameters": a learning-rate schedule.

Step decay multiplies the learning rate by `drop` every `every` epochs.

Check:  python -m snippets.check hyperparameters/step-decay step_decay.py
"""


def step_decay(learning_rate, epoch, drop=0.5, every=10):
    """The learning rate (a float) to use in epoch `epoch`, counting from 0, when training
    starts with `learning_rate`.

    Example: step_decay(1.0, 25, drop=0.1, every=10) is close to 0.01
    """
    raise NotImplementedError("step_decay: your code goes here")
