"""Mini-assignment 2: an activation function of your own, in the comparison of the seven.

Mish (Misra, 2019) is

    Mish(z) = z · tanh(softplus(z)),   softplus(z) = log(1 + e^z).

Write `mish` and its derivative `mish_grad`, elementwise on arrays of any shape and
stable for any z: no overflow, no warning, even at z = ±1000. Check them with

    python -m snippets.check activation-comparison activation_comparison.py

Then run this file: it trains the same 784 → 128 → 10 network on 10,000 MNIST digits
with each of the seven activations of the chapter and with yours, under identical
conditions, and prints the final table.
"""

import numpy as np

from snippets.activations import sigmoid  # built in "Activation functions": stable at ±1000


def mish(z):
    """z · tanh(softplus(z)) for every entry of the array z.

    Example: mish(np.array([0.0, 1000.0])) is array([0., 1000.])
    """
    raise NotImplementedError("mish: your code goes here")


def mish_grad(z):
    """The derivative Mish'(z) for every entry of z (the product rule, then the chain rule).

    Example: mish_grad(np.array([1000.0])) is array([1.])
    """
    raise NotImplementedError("mish_grad: your code goes here")


if __name__ == "__main__":
    from snippets.solutions.activation_comparison import compare_activations, summary

    try:
        mish(np.zeros(1)), mish_grad(np.zeros(1))  # before the comparison, which takes a while
    except NotImplementedError as missing:
        print(f"Not written yet: {missing}. Check your file as you go with\n"
              "    python -m snippets.check activation-comparison activation_comparison.py")
    else:
        header, rows = summary(compare_activations(extra={"mish": (mish, mish_grad)}))
        for row in [header, *rows]:
            print("  ".join(f"{cell:>23}" for cell in row))
