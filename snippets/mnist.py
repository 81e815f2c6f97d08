"""Load MNIST: 70,000 handwritten digits, 28x28 grey pixels each, with their labels.

Each of the four files is looked for in three places, in this order:

1. the folder in ``data_dir`` or ``$MNIST_DIR``, if set (files raw or gzipped);
2. the cache folder (``$MNIST_CACHE``, else ``~/.cache/nn-textbook/mnist``);
3. the mirrors in ``MIRRORS``, downloading into the cache folder.

Whatever its source, a file is only used after the SHA-256 of its decompressed
bytes matches the published digest, so every reader trains on the same data.
"""

import functools
import gzip
import hashlib
import http.client
import math
import os
import tempfile
import urllib.request
import zlib
from pathlib import Path
from typing import NamedTuple

import numpy as np
from tqdm import tqdm

# SHA-256 of each file's decompressed payload, as published with MNIST.
FILES = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}

# Each serves <mirror><name>.gz; tried in order.
MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)

GZIP_MAGIC = b"\x1f\x8b"
IDX_UINT8 = 0x08


class MNISTError(RuntimeError):
    """MNIST could not be loaded; the message names the file and says what to do."""


class MNIST(NamedTuple):
    train_images: np.ndarray  # (60000, 784) float32 in [0, 1]
    train_labels: np.ndarray  # (60000,) uint8, digits 0..9
    test_images: np.ndarray  # (10000, 784) float32 in [0, 1]
    test_labels: np.ndarray  # (10000,) uint8, digits 0..9


# --8<-- [start:parse_idx]
def parse_idx(payload: bytes, name: str) -> np.ndarray:
    """Turn the bytes of an IDX file into a uint8 array of the shape it declares.

    An IDX file starts with four bytes: two zeros, a code for the element type
    (0x08 means unsigned byte) and the number of dimensions. Then come the
    dimensions, each a big-endian 32-bit integer, and then the values
    themselves, last dimension fastest. ``name`` is used in error messages.
    """
    if len(payload) < 4 or payload[:2] != b"\0\0":
        raise MNISTError(f"{name}: not an IDX file: expected it to start with bytes "
                         f"00 00 <type> <ndim>, got {payload[:4].hex(' ') or 'nothing'}")
    if payload[2] != IDX_UINT8:
        raise MNISTError(f"{name}: unsupported IDX element type: "
                         f"expected 0x{IDX_UINT8:02x} (unsigned byte), got 0x{payload[2]:02x}")
    ndim = payload[3]
    header = 4 + 4 * ndim
    if ndim == 0 or len(payload) < header:
        raise MNISTError(f"{name}: IDX header declares {ndim} dimensions, so "
                         f"expected {header} header bytes, got {len(payload)}")
    shape = tuple(np.frombuffer(payload, dtype=">u4", count=ndim, offset=4).tolist())
    expected = header + math.prod(shape)
    if len(payload) != expected:
        raise MNISTError(f"{name}: expected {expected} bytes for shape {shape}, "
                         f"got {len(payload)} (truncated or trailing data)")
    # A view on the payload, no copy; read-only because `bytes` is immutable.
    return np.frombuffer(payload, dtype=np.uint8, offset=header).reshape(shape)
# --8<-- [end:parse_idx]


# --8<-- [start:load_mnist]
def load_mnist(data_dir=None, cache_dir=None, mirrors=MIRRORS) -> MNIST:
    """Return MNIST as float32 images in [0, 1], one row of 784 pixels each, and uint8 labels.

    Files come from ``data_dir`` (default ``$MNIST_DIR``), else the cache folder
    (``cache_dir``, default ``$MNIST_CACHE``), else a download from ``mirrors``.
    The result is remembered for the rest of the process, so calling again is
    free; its arrays are therefore read-only (``.copy()`` one to modify it).
    ``load_mnist.cache_clear()`` forgets it, e.g. after replacing the files.
    """
    data_dir = data_dir or os.environ.get("MNIST_DIR") or None
    return _load(
        Path(data_dir).expanduser().resolve() if data_dir else None,
        _cache_folder(cache_dir).resolve(),
        tuple(mirrors),
    )


@functools.lru_cache(maxsize=2)  # an entry holds ~220 MB of float32
def _load(data_dir: Path | None, cache: Path, mirrors: tuple) -> MNIST:
    """Fetch the four files once per (data_dir, cache, mirrors) and turn them into a dataset."""
    arrays = [_fetch(name, data_dir, cache, mirrors) for name in FILES]
    train_images, train_labels, test_images, test_labels = arrays
    dataset = MNIST(
        _to_pixels(train_images, train_labels, "train"), train_labels,
        _to_pixels(test_images, test_labels, "t10k"), test_labels,
    )
    for array in dataset:
        array.flags.writeable = False  # shared by every caller: nobody may edit it
    return dataset


load_mnist.cache_clear = _load.cache_clear
# --8<-- [end:load_mnist]


def _to_pixels(images: np.ndarray, labels: np.ndarray, split: str) -> np.ndarray:
    """Check images are (N, 28, 28) with N labels, and flatten them to (N, 784) floats in [0, 1]."""
    if images.shape[1:] != (28, 28) or labels.shape != images.shape[:1]:
        raise MNISTError(f"{split}: expected images of shape (N, 28, 28) and N labels, "
                         f"got {images.shape} and {labels.shape}")
    # Dividing by a float32 scalar gives float32 directly, without a float64 copy.
    return images.reshape(len(images), -1) / np.float32(255)


def _cache_folder(cache_dir=None) -> Path:
    """The folder downloads are kept in: ``cache_dir``, else $MNIST_CACHE, else the user cache."""
    folder = cache_dir or os.environ.get("MNIST_CACHE")
    if not folder:
        user_cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        folder = Path(user_cache) / "nn-textbook" / "mnist"
    return Path(folder).expanduser()


def _fetch(name: str, data_dir: Path | None, cache: Path, mirrors: tuple) -> np.ndarray:
    """Return one file's verified array from data_dir, else the cache, else a mirror."""
    for path in [data_dir / name, data_dir / f"{name}.gz"] if data_dir else []:
        if not path.is_file():
            continue  # missing here: fall through to the cache
        try:
            return _read_verified(path, name)
        except MNISTError as error:
            # The user's own file: never use it, never delete it, say how to fix it.
            raise MNISTError(f"{error}. Replace it with a fresh copy from "
                             f"{(mirrors or MIRRORS)[0]}{name}.gz or unset MNIST_DIR.") from None
    cached = cache / f"{name}.gz"
    if cached.is_file():
        try:
            return _read_verified(cached, name)
        except MNISTError:
            cached.unlink()  # a damaged copy in our own cache: drop it and download again
    return _download(name, cache, mirrors)


def _read_verified(path: Path, name: str, label: str | None = None) -> np.ndarray:
    """Read a raw or gzipped IDX file, check its SHA-256 and return its array.

    Gzip is recognised by its first two bytes, not by the file name. ``label``
    names the file in error messages (default: its path).
    """
    label = label or str(path)
    try:
        payload = path.read_bytes()
    except OSError as error:
        raise MNISTError(f"{label}: cannot be read ({error})") from None
    if payload[:2] == GZIP_MAGIC:
        try:
            payload = gzip.decompress(payload)
        except (OSError, EOFError, zlib.error) as error:  # bad header, cut short, bad data
            raise MNISTError(f"{label}: corrupt gzip data ({error})") from None
    array = parse_idx(payload, label)
    digest = hashlib.sha256(payload).hexdigest()
    if digest != FILES[name]:
        raise MNISTError(f"{label}: SHA-256 of the decompressed data is {digest}, "
                         f"expected {FILES[name]} for {name}")
    return array


def _download(name: str, cache: Path, mirrors: tuple) -> np.ndarray:
    """Download ``<mirror><name>.gz`` into the cache from the first mirror that serves a good copy.

    Each attempt streams into a ``.part`` file next to the final one and is
    verified before being renamed into place, so the cache never holds a
    half-written or corrupt file, even if the process is killed.
    """
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise MNISTError(f"cannot create the cache folder {cache} ({error}); "
                         f"set MNIST_CACHE to a writable folder") from None
    failures = []
    for mirror in mirrors:
        url = f"{mirror}{name}.gz"
        part = tempfile.NamedTemporaryFile(dir=cache, delete=False, suffix=".part")
        try:
            with part:
                _stream(url, part, name)
            array = _read_verified(Path(part.name), name, label=url)
            # Atomic rename: the final name only ever holds a complete, verified file.
            os.replace(part.name, cache / f"{name}.gz")
            return array
        except MNISTError as error:  # the download arrived but is not the right data
            failures.append(f"  {error}")
        except (OSError, http.client.HTTPException, ValueError) as error:  # no usable answer
            failures.append(f"  {url}: {error}")
        finally:
            Path(part.name).unlink(missing_ok=True)
    raise MNISTError(
        f"MNIST was not found locally and could not be downloaded: {name} is not in "
        f"MNIST_DIR or the cache folder {cache}, and every mirror failed:\n"
        + "\n".join(failures or ["  (no mirrors given)"])
        + f"\nTo work offline, download the four .gz files from {(mirrors or MIRRORS)[0]} "
        f"({', '.join(f'{n}.gz' for n in FILES)}) on a machine with internet, "
        f"put them in a folder and set MNIST_DIR=/that/folder."
    )


def _stream(url: str, out, name: str) -> None:
    """Copy the body at ``url`` into the open file ``out`` in chunks, with a progress bar."""
    with urllib.request.urlopen(url, timeout=30) as response:
        total = int(response.headers.get("Content-Length") or 0) or None
        # disable=None: the bar shows in a terminal, not in logs or CI output.
        with tqdm(total=total, unit="B", unit_scale=True, desc=name, disable=None) as bar:
            while chunk := response.read(1 << 16):
                out.write(chunk)
                bar.update(len(chunk))
