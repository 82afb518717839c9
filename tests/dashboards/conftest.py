import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_dashboard_cache():
    """Every test starts without cached route figures (tests/dashboards/test_queries.py
    tests the cache itself)."""
    cache.clear()
    yield
    cache.clear()
