import json

import numpy as np
import pytest

from snippets.demo_export import (BROWSER_ACTIVATIONS, DIGITS_FORMAT, FORMAT, area_weights, export_for_browser,
                                  export_test_digits, load_browser_model, preprocess, round_half_up)
from snippets.forward import init_params
from snippets.mnist import load_mnist
from snippets.training import predict_proba


@pytest.fixture
def model():
    return init_params([784, 32, 10], np.random.default_rng(0)), ["relu", "identity"]


# ---- the model file ------------------------------------------------------------------

def test_round_trip_gives_the_float16_rounded_weights(tmp_path, model):
    params, activations = model
    params[0] = (params[0][0], np.linspace(-1, 1, 32, dtype=np.float32))  # non-zero biases too
    size = export_for_browser(tmp_path / "m.bin", params, activations)
    loaded, loaded_activations = load_browser_model(tmp_path / "m.bin")
    assert loaded_activations == activations
    for (W, b), (W2, b2) in zip(params, loaded):
        assert W2.dtype == b2.dtype == np.float32
        np.testing.assert_array_equal(W2, W.astype(np.float16).astype(np.float32))
        np.testing.assert_array_equal(b2, b.astype(np.float16).astype(np.float32))
        # float16 keeps 11 significant bits: relative rounding error at most 2^-11 (and 2^-25 below 2^-14).
        assert np.all(np.abs(W2 - W) <= np.abs(W) * 2.0**-11 + 2.0**-25)
    assert size == (tmp_path / "m.bin").stat().st_size
    assert [p.name for p in tmp_path.iterdir()] == ["m.bin"]  # no temporary file left


def test_file_layout_is_what_the_javascript_reads(tmp_path, model):
    export_for_browser(tmp_path / "m.bin", *model)
    data = (tmp_path / "m.bin").read_bytes()
    length = int.from_bytes(data[:4], "little")
    assert (4 + length) % 8 == 0  # the float16 arrays start aligned
    assert json.loads(data[4:4 + length]) == {"format": FORMAT, "sizes": [784, 32, 10],
                                              "activations": ["relu", "identity"]}
    assert len(data) == 4 + length + 2 * (784 * 32 + 32 + 32 * 10 + 10)
    W0 = np.frombuffer(data, "<f2", 784 * 32, 4 + length).reshape(784, 32)
    np.testing.assert_array_equal(W0, model[0][0][0].astype(np.float16))  # row after row


def test_the_mnist_network_fits_the_size_budget(tmp_path):
    params = init_params([784, 256, 10], np.random.default_rng(0))
    assert export_for_browser(tmp_path / "m.bin", params, ["relu", "identity"]) <= 500_000


def test_rounding_barely_moves_the_probabilities(tmp_path, model):
    params, activations = model
    export_for_browser(tmp_path / "m.bin", params, activations)
    X = load_mnist().test_images[:500]
    change = np.abs(predict_proba(*load_browser_model(tmp_path / "m.bin"), X) - predict_proba(params, activations, X))
    assert change.max() < 1e-3


def test_activations_the_browser_lacks_are_refused(tmp_path, model):
    with pytest.raises(ValueError, match=r"cannot export \['gelu'\]"):
        export_for_browser(tmp_path / "m.bin", model[0], ["gelu", "identity"])
    assert set(BROWSER_ACTIVATIONS) == {"relu", "sigmoid", "tanh", "identity"}  # digit-demo.js ACTIVATIONS


def test_damaged_files_are_refused(tmp_path, model):
    path = tmp_path / "m.bin"
    export_for_browser(path, *model)
    data = path.read_bytes()
    path.write_bytes(data + b"\0\0")
    with pytest.raises(ValueError, match="2 bytes left over"):
        load_browser_model(path)
    path.write_bytes(data.replace(FORMAT.encode(), FORMAT.replace("/1", "/9").encode()))
    with pytest.raises(ValueError, match="expected format"):
        load_browser_model(path)


# ---- preprocessing -------------------------------------------------------------------

def test_area_weights_average_the_covered_pixels():
    np.testing.assert_array_equal(area_weights(4, 2), [[0.5, 0.5, 0, 0], [0, 0, 0.5, 0.5]])
    np.testing.assert_array_equal(area_weights(3, 3), np.eye(3))
    np.testing.assert_array_equal(area_weights(2, 4), [[1, 0], [1, 0], [0, 1], [0, 1]])
    np.testing.assert_allclose(area_weights(3, 2), [[2 / 3, 1 / 3, 0], [0, 1 / 3, 2 / 3]])
    for n_in, n_out in [(280, 20), (7, 20), (123, 17)]:
        np.testing.assert_allclose(area_weights(n_in, n_out).sum(axis=1), 1)


def test_round_half_up_rounds_like_javascript():
    assert [round_half_up(x) for x in (0.5, 1.5, 2.5, -0.5, -1.5, 2.4999)] == [1, 2, 3, 0, -1, 2]


def test_nothing_drawn_is_no_digit():
    assert preprocess(np.zeros((280, 280))) is None


def test_a_drawing_is_cropped_scaled_into_20_pixels_and_centred_by_mass():
    ink = np.zeros((280, 280))
    ink[30:130, 200:250] = 1  # a 100 × 50 block in a corner
    image = preprocess(ink)
    assert image.shape == (784,) and image.dtype == np.float32
    image = image.reshape(28, 28)
    rows, cols = np.flatnonzero(image.any(axis=1)), np.flatnonzero(image.any(axis=0))
    assert (len(rows), len(cols)) == (20, 10)  # aspect ratio kept
    assert image.max() == 1 and image.min() == 0
    centre = [(image.sum(axis=1 - axis) @ (np.arange(28) + 0.5)) / image.sum() for axis in (0, 1)]
    np.testing.assert_allclose(centre, [14, 14])


def test_centre_of_mass_is_centred_not_the_box():
    ink = np.zeros((100, 100))
    ink[10:90, 30:70] = 0.1
    ink[10:90, 30:40] = 1  # heavy left edge: the mass sits left of the box's middle
    image = preprocess(ink).reshape(28, 28)
    cols = np.flatnonzero(image.any(axis=0))
    assert len(cols) == 10 and cols[0] > 9  # a centred 10-pixel box would start at column 9
    centre_x = image.sum(axis=0) @ (np.arange(28) + 0.5) / image.sum()
    assert abs(centre_x - 14) <= 0.5


def test_scaling_is_anti_aliased():
    ink = np.zeros((280, 280))
    ink[20:26, 20:260] = 1  # a T of 6-pixel-wide strokes in a 240-pixel box, shrunk 12 times
    ink[20:260, 137:143] = 1
    values = np.unique(preprocess(ink))
    assert np.all((values[1:-1] > 0) & (values[1:-1] < 1)) and len(values) > 2  # grey edges, not a hard 0/1 image


def test_a_thin_line_keeps_at_least_one_pixel():
    ink = np.zeros((50, 280))
    ink[25, 10:270] = 1
    image = preprocess(ink).reshape(28, 28)
    assert np.count_nonzero(image.any(axis=1)) == 1 and np.count_nonzero(image.any(axis=0)) == 20


def test_an_mnist_digit_drawn_bigger_elsewhere_comes_back_the_same():
    """Area averaging undoes an integer enlargement exactly, and the crop forgets the position."""
    rng = np.random.default_rng(0)
    for digit in load_mnist().test_images[:20]:
        digit = digit.reshape(28, 28)
        expected = preprocess(digit)
        for factor in (2, 3, 5):
            pad = np.zeros((280, 280))
            top, left = rng.integers(0, 280 - 28 * factor, size=2)
            pad[top:top + 28 * factor, left:left + 28 * factor] = np.kron(digit, np.ones((factor, factor)))
            np.testing.assert_allclose(preprocess(pad), expected, atol=1e-6)


def test_mnist_digits_are_nearly_fixed_points():
    """MNIST was made the same way, so preprocessing its digits again changes them little."""
    images = load_mnist().test_images[:200]
    again = np.stack([preprocess(image.reshape(28, 28)) for image in images])
    assert np.abs(again - images).mean() < 0.08


def test_the_test_digits_are_the_first_of_each_kind_with_mnists_own_grey_levels(tmp_path):
    data = load_mnist()
    path = tmp_path / "digits.json"
    indices = export_test_digits(path, data.test_images, data.test_labels)
    written = json.loads(path.read_text())
    assert written["format"] == DIGITS_FORMAT
    assert [d["label"] for d in written["digits"]] == list(range(10))
    assert [d["index"] for d in written["digits"]] == indices
    for digit in written["digits"]:
        assert data.test_labels[:digit["index"]].tolist().count(digit["label"]) == 0  # the first of its kind
        assert np.array_equal(np.array(digit["pixels"], np.float32) / 255, data.test_images[digit["index"]])
    assert path.stat().st_size < 20_000


def test_test_digits_refuse_what_is_not_a_set_of_digits(tmp_path):
    with pytest.raises(ValueError, match=r"expected images of shape \(n, 784\) and n labels, got \(3, 28, 28\)"):
        export_test_digits(tmp_path / "d.json", np.zeros((3, 28, 28)), np.arange(3))
    with pytest.raises(ValueError, match=r"the test set has no image of the digits \[5, 6, 7, 8, 9\]"):
        export_test_digits(tmp_path / "d.json", np.zeros((5, 784)), np.arange(5))
    assert not (tmp_path / "d.json").exists()
