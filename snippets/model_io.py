"""Saving and loading a trained network: one ``.npz`` file with its weights and architecture.

The file holds W0, b0, W1, b1, ... and a small JSON record of the layer sizes and
activations, so loading checks that the arrays really form the network they claim to.
Saving writes a temporary file and renames it, so a crash never leaves half a model.
"""

import json
import zipfile
from pathlib import Path

import numpy as np

from snippets.atomic import atomic_write

FORMAT = "nn-textbook-mlp/1"


class ModelFileError(ValueError):
    """A model file that cannot be used; the message names the file and what is wrong."""


# --8<-- [start:save_model]
def save_model(path, params, activations):
    """Write params [(W, b), ...] and their activation names to ``path`` (an .npz file)."""
    path = Path(path)
    sizes = [params[0][0].shape[0]] + [W.shape[1] for W, _ in params]
    architecture = {"format": FORMAT, "sizes": sizes, "activations": list(activations)}
    arrays = {f"{name}{i}": array for i, (W, b) in enumerate(params) for name, array in (("W", W), ("b", b))}
    with atomic_write(path, suffix=".partial.npz") as partial:
        np.savez(partial, architecture=json.dumps(architecture), **arrays)
# --8<-- [end:save_model]


# --8<-- [start:load_model]
def load_model(path):
    """Read a file written by ``save_model``; return (params, activations) after checking every shape."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            contents = {name: archive[name] for name in archive.files}
        architecture = json.loads(str(contents.pop("architecture")))
    except (OSError, zipfile.BadZipFile, ValueError, KeyError, EOFError) as error:
        raise ModelFileError(f"{path}: not a readable model file ({error}); save it again with save_model") from None
    if architecture.get("format") != FORMAT:
        raise ModelFileError(f"{path}: expected format {FORMAT!r}, got {architecture.get('format')!r}")
    sizes, activations = architecture["sizes"], architecture["activations"]
    params = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        expected = {f"W{i}": (n_in, n_out), f"b{i}": (n_out,)}
        for name, shape in expected.items():
            got = contents.get(name)
            if got is None or got.shape != shape:
                raise ModelFileError(f"{path}: the architecture {sizes} needs {name} of shape {shape}; "
                                     f"got {'nothing' if got is None else got.shape}")
        params.append((contents[f"W{i}"], contents[f"b{i}"]))
    if len(activations) != len(params):
        raise ModelFileError(f"{path}: {len(params)} layers but {len(activations)} activations")
    return params, activations
# --8<-- [end:load_model]
