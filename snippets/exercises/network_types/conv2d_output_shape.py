"""Exercise 1 of "Types of neural networks": output sizes.

A q × q filter slides over an h × w image with `padding` zeros added on every side,
moving `stride` pixels at a time.

Check:  python -m snippets.check network-types/conv2d-output-shape conv2d_output_shape.py
"""

from snippets.convolution import conv2d  # to compare with: its output has the shape (m, h_out, w_out, C_out)


def conv2d_output_shape(h, w, q, stride, padding):
    """(h_out, w_out), a pair of ints: the height and width of the feature map.

    Example: conv2d_output_shape(10, 12, 3, 1, 0) == (8, 10)
    """
    raise NotImplementedError("conv2d_output_shape: your code goes here")
