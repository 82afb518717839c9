"""URL patterns of the attendance import (kept apart from the network pages)."""

urlpatterns: list = []
