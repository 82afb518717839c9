"""The web worker's start-up: the objects loaded at start-up are kept out of the garbage
collector's full passes (vangnet.core.startup)."""

import gc
import importlib

import pytest

from vangnet.core.startup import prepare_worker


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the suite runs with the collector as it was


def test_prepare_worker_freezes_what_is_loaded(unfrozen):
    assert gc.get_freeze_count() == 0
    prepare_worker()
    # The URLconf's views and Django itself are frozen: tens of thousands of objects.
    assert gc.get_freeze_count() > 10_000
    assert gc.get_count()[0] < 100  # collected first, so nothing is pending


def test_the_wsgi_entry_point_prepares_the_worker(unfrozen):
    import vangnet.wsgi

    gc.unfreeze()
    importlib.reload(vangnet.wsgi)
    assert callable(vangnet.wsgi.application)
    assert gc.get_freeze_count() > 10_000
