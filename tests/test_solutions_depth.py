import numpy as np
import pytest

from snippets.depth import count_linear_pieces, sawtooth_network
from snippets.forward import forward
from snippets.solutions.depth import shallow_sawtooth


@pytest.mark.parametrize("depth", [1, 2, 3, 6])
def test_shallow_sawtooth_equals_the_deep_one(depth):
    x = np.linspace(0, 1, 2**10 + 1)[:, None]
    deep = forward(x, *sawtooth_network(depth))[0]
    params, activations = shallow_sawtooth(depth)
    assert len(params) == 2 and params[0][0].shape == (1, 2**depth)
    shallow = forward(x, params, activations)[0]
    np.testing.assert_allclose(shallow, deep, atol=1e-9)
    assert count_linear_pieces(shallow[:, 0]) == 2**depth
