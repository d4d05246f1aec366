"""The doctests of fixtures/ (pytest's testpaths do not include fixtures/)."""
import doctest
import importlib

import pytest


@pytest.mark.parametrize("module", ["fixtures.stamps", "fixtures.generator.spelling", "fixtures.generator.profile",
                                    "fixtures.scoring"])
def test_doctests(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
