"""Tests of the MNIST loader: the real files, the IDX parser, bad local files and downloads.

The real data comes from $MNIST_DIR when it is set (as in CI); otherwise
`load_mnist()` is called as a learner would, which downloads it once into the
user cache. Every other test points MNIST_DIR and MNIST_CACHE at temporary
folders and downloads only from a local HTTP server.
"""

import gzip
import hashlib
import os
from pathlib import Path

import numpy as np
import pytest

from conftest import serve_directory
from snippets import mnist
from snippets.mnist import FILES, MNISTError, load_mnist, parse_idx

IMAGE_HEADER = 4 + 4 * 3  # magic, then three big-endian uint32 dimensions
CLOSED_PORT = "http://127.0.0.1:1/"  # nothing listens there: connection refused
BAD = "t10k-labels-idx1-ubyte"  # the file the corruption tests damage: the smallest


def decompressed(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def flip_last_byte(payload: bytes) -> bytes:
    return payload[:-1] + bytes([payload[-1] ^ 0xFF])


@pytest.fixture(scope="session")
def real_dir() -> Path:
    """A folder holding the four real files: $MNIST_DIR, or the cache after a normal download."""
    if os.environ.get("MNIST_DIR"):
        return Path(os.environ["MNIST_DIR"])
    load_mnist()
    return mnist._cache_folder()


@pytest.fixture(scope="session")
def payloads(real_dir) -> dict[str, bytes]:
    """The decompressed bytes of each real file, checked against the published digests."""
    result = {}
    for name in FILES:
        path = next(p for p in (real_dir / name, real_dir / f"{name}.gz") if p.is_file())
        result[name] = decompressed(path)
        assert hashlib.sha256(result[name]).hexdigest() == FILES[name]
    return result


@pytest.fixture(scope="session")
def real(real_dir) -> mnist.MNIST:
    return load_mnist()


@pytest.fixture
def isolated(tmp_path, monkeypatch) -> Path:
    """No MNIST_DIR, an empty cache folder in tmp_path, and a fresh in-process memo."""
    monkeypatch.delenv("MNIST_DIR", raising=False)
    cache = tmp_path / "cache"
    monkeypatch.setenv("MNIST_CACHE", str(cache))
    load_mnist.cache_clear()
    yield cache
    load_mnist.cache_clear()  # drop the ~220 MB this test loaded


def assert_same(a: mnist.MNIST, b: mnist.MNIST) -> None:
    for field, x, y in zip(mnist.MNIST._fields, a, b):
        assert x.dtype == y.dtype and np.array_equal(x, y), field


# --- the real files ---------------------------------------------------------


def test_shapes_and_dtypes(real):
    assert real.train_images.shape == (60000, 784)
    assert real.test_images.shape == (10000, 784)
    assert real.train_labels.shape == (60000,)
    assert real.test_labels.shape == (10000,)
    assert real.train_images.dtype == real.test_images.dtype == np.float32
    assert real.train_labels.dtype == real.test_labels.dtype == np.uint8


def test_values(real):
    for images in (real.train_images, real.test_images):
        assert images.min() == 0.0 and images.max() == 1.0
    for labels, count in ((real.train_labels, 60000), (real.test_labels, 10000)):
        classes = np.bincount(labels)
        assert len(classes) == 10 and classes.min() > 0 and classes.sum() == count
    assert real.train_labels[0] == 5 and real.test_labels[0] == 7


def test_first_image_matches_the_raw_bytes(real, payloads):
    raw = payloads["train-images-idx3-ubyte"][IMAGE_HEADER : IMAGE_HEADER + 28 * 28]
    assert np.isclose(real.train_images[0].sum(dtype=np.float64), sum(raw) / 255)
    assert np.array_equal(real.train_images[0] * 255, np.frombuffer(raw, np.uint8))


def test_raw_and_gzip_copies_load_identically(real, payloads, tmp_path, monkeypatch, isolated):
    folder = tmp_path / "raw"
    folder.mkdir()
    for name, payload in payloads.items():
        (folder / name).write_bytes(payload)
    # Gzip is told by content, not by name: a gzipped file without ".gz" works too.
    (folder / BAD).write_bytes(gzip.compress(payloads[BAD]))
    monkeypatch.setenv("MNIST_DIR", str(folder))
    assert_same(load_mnist(mirrors=[CLOSED_PORT]), real)
    assert not isolated.exists()  # everything came from MNIST_DIR


def test_memoized_and_read_only(real):
    assert load_mnist() is load_mnist()
    for array in load_mnist():
        assert not array.flags.writeable
        with pytest.raises(ValueError):
            array[0] = 0


def test_default_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("MNIST_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert mnist._cache_folder() == tmp_path / "nn-textbook" / "mnist"
    assert mnist._cache_folder(tmp_path / "x") == tmp_path / "x"


# --- parse_idx on hand-built files -------------------------------------------


def idx(dims, data: bytes, dtype_code=0x08) -> bytes:
    header = bytes([0, 0, dtype_code, len(dims)]) + np.array(dims, ">u4").tobytes()
    return header + data


def test_parse_idx():
    array = parse_idx(idx([2, 3], bytes(range(6))), "tiny")
    assert array.dtype == np.uint8 and array.shape == (2, 3)
    assert array.tolist() == [[0, 1, 2], [3, 4, 5]]


@pytest.mark.parametrize(
    "payload, words",
    [
        (b"\x1f\x8b\x08\x00rest", ["00 00", "1f 8b 08 00"]),  # gzip bytes, not IDX
        (idx([2], b"ab", dtype_code=0x0D), ["0x08", "0x0d"]),  # float32: unsupported
        (idx([2, 3], bytes(5)), ["expected 18 bytes", "got 17"]),  # truncated
        (idx([2, 3], bytes(7)), ["expected 18 bytes", "got 19"]),  # trailing byte
        (bytes([0, 0, 8, 3, 0, 0]), ["expected 16 header bytes", "got 6"]),  # header cut
    ],
    ids=["magic", "dtype", "truncated", "trailing", "short-header"],
)
def test_parse_idx_rejects(payload, words):
    with pytest.raises(MNISTError) as error:
        parse_idx(payload, "some-file")
    message = str(error.value)
    assert "some-file" in message
    for word in words:
        assert word in message


# --- bad files in MNIST_DIR ---------------------------------------------------


@pytest.mark.parametrize(
    "corrupt, words",
    [
        (lambda p: gzip.compress(flip_last_byte(p)), ["SHA-256", FILES[BAD]]),
        (lambda p: gzip.compress(p)[:-20], ["corrupt gzip"]),
        (lambda p: b"this is neither gzip nor IDX\n", ["not an IDX file"]),
        (lambda p: p + b"\0", ["expected 10008 bytes", "got 10009"]),
    ],
    ids=["sha-mismatch", "truncated-gzip", "not-gzip-not-idx", "trailing-bytes"],
)
def test_bad_file_in_mnist_dir(corrupt, words, payloads, tmp_path, monkeypatch, isolated):
    folder = tmp_path / "data"
    folder.mkdir()
    for name in FILES:
        if name != BAD:
            (folder / name).write_bytes(payloads[name])
    bad = folder / f"{BAD}.gz"
    bad.write_bytes(corrupt(payloads[BAD]))
    before = bad.read_bytes()
    monkeypatch.setenv("MNIST_DIR", str(folder))
    with pytest.raises(MNISTError) as error:
        load_mnist(mirrors=[CLOSED_PORT])
    message = str(error.value)
    for word in [str(bad), "MNIST_DIR", *words]:
        assert word in message
    assert bad.read_bytes() == before  # the user's file is reported, never touched


# --- downloads from a local server --------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory, real_dir, payloads):
    """Base URL of a local HTTP server with mirrors good/, corrupt/ and truncated/."""
    root = tmp_path_factory.mktemp("mirrors")
    for mirror in ("good", "corrupt", "truncated"):
        (root / mirror).mkdir()
    for name, payload in payloads.items():
        good = gzip.compress(payload, compresslevel=1)
        (root / "good" / f"{name}.gz").write_bytes(good)
        corrupt = gzip.compress(flip_last_byte(payload), compresslevel=1)
        (root / "corrupt" / f"{name}.gz").write_bytes(corrupt)
        (root / "truncated" / f"{name}.gz").write_bytes(good[: len(good) // 2])
    with serve_directory(root) as url:
        yield url


def cache_files(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir()) if cache.exists() else []


def test_download(server, real, isolated):
    assert_same(load_mnist(mirrors=[server + "good/"]), real)
    assert cache_files(isolated) == sorted(f"{name}.gz" for name in FILES)


def test_download_skips_a_corrupt_mirror(server, real, isolated):
    assert_same(load_mnist(mirrors=[server + "corrupt/", server + "good/"]), real)
    assert cache_files(isolated) == sorted(f"{name}.gz" for name in FILES)


def test_download_fails_when_every_mirror_is_bad(server, isolated):
    mirrors = [server + "corrupt/", server + "truncated/"]
    with pytest.raises(MNISTError) as error:
        load_mnist(mirrors=mirrors)
    message = str(error.value)
    for word in [*mirrors, "SHA-256", "corrupt gzip", "MNIST_DIR"]:
        assert word in message
    assert cache_files(isolated) == []  # no .part, no bad file


def test_bad_cached_file_is_replaced(server, real, payloads, isolated):
    isolated.mkdir()
    bad = isolated / f"{BAD}.gz"
    bad.write_bytes(gzip.compress(flip_last_byte(payloads[BAD])))
    assert_same(load_mnist(mirrors=[server + "good/"]), real)
    assert decompressed(bad) == payloads[BAD]
    assert cache_files(isolated) == sorted(f"{name}.gz" for name in FILES)


def test_files_missing_from_mnist_dir_are_downloaded(
    server, real, payloads, tmp_path, monkeypatch, isolated
):
    folder = tmp_path / "partial"
    folder.mkdir()
    for name in FILES:
        if name != BAD:
            (folder / name).write_bytes(payloads[name])
    monkeypatch.setenv("MNIST_DIR", str(folder))
    assert_same(load_mnist(mirrors=[server + "good/"]), real)
    assert cache_files(isolated) == [f"{BAD}.gz"]


def test_offline(server, isolated):
    mirrors = [CLOSED_PORT, server + "missing/"]
    with pytest.raises(MNISTError) as error:
        load_mnist(mirrors=mirrors)
    message = str(error.value)
    for word in [*mirrors, "404", "MNIST_DIR=", "not found locally"]:
        assert word in message
    assert cache_files(isolated) == []
