"""percentile_u8 gives np.percentile's very value (the seal and signature finders' paper levels rest on it)."""
import numpy as np
import pytest

from verify.marks.levels import percentile_u8


@pytest.mark.parametrize("seed", range(4))
def test_the_same_value_as_numpy(seed):
    rng = np.random.default_rng(seed)
    for _ in range(300):
        shape = tuple(int(v) for v in rng.integers(1, 70, size=int(rng.integers(1, 4))))
        image = rng.integers(0, 256, size=shape).astype(np.uint8)
        if rng.random() < 0.5:  # few levels: ranks fall on equal values
            image = (image // 37 * 37).astype(np.uint8)
        if image.ndim == 3:  # a channel sampled every few pixels, as the finders take it
            image = image[::2, ::3, int(rng.integers(0, image.shape[2]))]
        for q in (0, 1, 35, 50, 90, 99, 100, float(rng.random() * 100)):
            want, got = np.percentile(image, q), percentile_u8(image, q)
            assert got == want and type(got) is type(want), (shape, q, want, got)


def test_other_types_go_to_numpy():
    values = np.array([0.5, 2.0, 7.25], np.float32)
    assert percentile_u8(values, 50) == np.percentile(values, 50)
