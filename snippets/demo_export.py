"""The trained network in the reader's browser: a compact model file and MNIST-style preprocessing.

The draw-a-digit demo on the MNIST page (``docs/javascripts/digit-demo.js``) runs the
network in JavaScript. This module is its reference:

* ``export_for_browser`` writes the weights as float16, half the bytes of float32
  (about 400 kB for 784-256-10), changing no probability by more than about 1e-3;
  ``load_browser_model`` reads the file back exactly as the browser does.
* ``preprocess`` turns a drawing into what the network was trained on, the way MNIST's
  digits were made: crop to the ink, scale into 20 × 20 keeping the aspect ratio,
  centre by centre of mass in 28 × 28. The JavaScript does the same arithmetic, and a
  test checks that both give the same pixels.

File layout: a 4-byte little-endian header length n, n bytes of JSON (format, layer
sizes, activations; padded with spaces so the arrays start at a multiple of 8), then
W0, b0, W1, b1, ... as little-endian float16, each matrix row after row.
"""

import json
from pathlib import Path

import numpy as np

from snippets.atomic import atomic_write

FORMAT = "nn-textbook-browser-mlp/1"
BROWSER_ACTIVATIONS = ("relu", "sigmoid", "tanh", "identity")  # the ones digit-demo.js implements
SIZE, BOX = 28, 20  # MNIST: digits fit a 20 × 20 box, centred in a 28 × 28 image


# --8<-- [start:export]
def export_for_browser(path, params, activations):
    """Write params [(W, b), ...] and their activation names to ``path`` for the demo; returns its size in bytes."""
    unknown = sorted(set(activations) - set(BROWSER_ACTIVATIONS))
    if unknown:
        raise ValueError(f"the browser demo implements {BROWSER_ACTIVATIONS}; cannot export {unknown}")
    sizes = [params[0][0].shape[0]] + [W.shape[1] for W, _ in params]
    header = json.dumps({"format": FORMAT, "sizes": sizes, "activations": list(activations)}).encode()
    header += b" " * (-(4 + len(header)) % 8)  # the arrays start 8-byte aligned, so JavaScript can view them
    arrays = b"".join(np.asarray(array, "<f2").tobytes() for layer in params for array in layer)
    with atomic_write(path) as partial:
        partial.write(len(header).to_bytes(4, "little") + header + arrays)
    return Path(path).stat().st_size


def load_browser_model(path):
    """Read a file written by ``export_for_browser``: (params as float32, activations)."""
    data = Path(path).read_bytes()
    length = int.from_bytes(data[:4], "little")
    header = json.loads(data[4:4 + length])
    if header.get("format") != FORMAT:
        raise ValueError(f"{path}: expected format {FORMAT!r}, got {header.get('format')!r}")
    offset, params = 4 + length, []
    for n_in, n_out in zip(header["sizes"][:-1], header["sizes"][1:]):
        W = np.frombuffer(data, "<f2", n_in * n_out, offset).reshape(n_in, n_out)
        b = np.frombuffer(data, "<f2", n_out, offset + 2 * n_in * n_out)
        params.append((W.astype(np.float32), b.astype(np.float32)))
        offset += 2 * (n_in * n_out + n_out)
    if offset != len(data):
        raise ValueError(f"{path}: {len(data) - offset} bytes left over after the arrays of {header['sizes']}")
    return params, header["activations"]
# --8<-- [end:export]


# --8<-- [start:preprocess]
def area_weights(n_in, n_out):
    """(n_out, n_in) matrix resizing n_in pixels to n_out by area averaging (anti-aliased).

    Output pixel j covers the input interval [j·n_in/n_out, (j+1)·n_in/n_out); each input
    pixel [i, i+1) counts with the length of its overlap, so every row sums to 1.
    """
    edges = np.arange(n_out + 1) * n_in / n_out
    pixels = np.arange(n_in)
    overlap = np.minimum(edges[1:, None], pixels + 1) - np.maximum(edges[:-1, None], pixels)
    return np.maximum(overlap, 0) * n_out / n_in


def round_half_up(x):
    """Round to the nearest integer, halves up, as JavaScript's Math.round does."""
    return int(np.floor(x + 0.5))


def preprocess(ink):
    """A drawing as an MNIST digit: 784 float32 pixels in [0, 1], or None if nothing is drawn.

    ``ink`` is a 2-D array in [0, 1] (1 is full ink), of any size. Crop it to the ink's
    bounding box, scale the longer side to 20 pixels keeping the aspect ratio (area
    averaging, so strokes stay smooth), make the darkest pixel 1, and put the result in a
    28 × 28 image so that its centre of mass lands on the centre, pixel (14, 14).
    """
    ink = np.asarray(ink, dtype=np.float64)
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if len(rows) == 0:
        return None
    box = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    scale = BOX / max(box.shape)
    height, width = (max(1, round_half_up(n * scale)) for n in box.shape)
    small = area_weights(box.shape[0], height) @ box @ area_weights(box.shape[1], width).T
    small /= small.max()
    # Centre of mass; pixel i spans [i, i+1), so its centre is at i + 0.5.
    centre_y = small.sum(axis=1) @ (np.arange(height) + 0.5) / small.sum()
    centre_x = small.sum(axis=0) @ (np.arange(width) + 0.5) / small.sum()
    top = min(max(round_half_up(SIZE / 2 - centre_y), 0), SIZE - height)
    left = min(max(round_half_up(SIZE / 2 - centre_x), 0), SIZE - width)
    image = np.zeros((SIZE, SIZE))
    image[top:top + height, left:left + width] = small
    return image.reshape(-1).astype(np.float32)
# --8<-- [end:preprocess]


# --8<-- [start:test_digits]
DIGITS_FORMAT = "nn-textbook-demo-digits/1"


def export_test_digits(path, images, labels):
    """Write the first test image of each digit 0-9 to ``path`` as JSON, for the demo's keyboard path.

    Each entry holds the image's index in the test set, its label and its 784 pixels as
    whole numbers 0-255 (MNIST's own grey levels), row after row. Returns the indices.
    """
    images, labels = np.asarray(images), np.asarray(labels)
    if images.ndim != 2 or images.shape[1] != SIZE * SIZE or len(images) != len(labels):
        raise ValueError(f"expected images of shape (n, {SIZE * SIZE}) and n labels, got {images.shape} and "
                         f"{labels.shape}")
    missing = sorted(set(range(10)) - set(labels.tolist()))
    if missing:
        raise ValueError(f"the test set has no image of the digits {missing}")
    indices = [int(np.flatnonzero(labels == digit)[0]) for digit in range(10)]
    digits = [{"index": index, "label": int(labels[index]),
               "pixels": np.rint(np.asarray(images[index], np.float64) * 255).astype(int).tolist()}
              for index in indices]
    with atomic_write(path) as partial:
        partial.write(json.dumps({"format": DIGITS_FORMAT, "digits": digits}, separators=(",", ":")).encode())
    return indices
# --8<-- [end:test_digits]
