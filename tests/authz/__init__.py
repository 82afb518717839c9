"""The authorization matrix, area by area.

tests/test_authorization.py holds the routes of the first apps; each later area has its own
module here (one owner per file) that may define

- ``ROUTES: dict[str, Route]``: its URL names and who may use them, and
- ``PUBLIC: set[str]``: its URL names that need no staff sign-in (they guard themselves),
- ``extend_world(world) -> None``: objects its URLs name, added to the shared ``world``
  fixture (put their ids in ``world["kwargs"]``).

`all_routes()` and `extend_world()` gather every module, so an area never edits another's file.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType

from vangnet.core.permissions import Cap


@dataclass(frozen=True)
class Route:
    cap: Cap | tuple[Cap, ...] | None  # None: any signed-in user; a tuple: any of them
    # What the URL's object belongs to: "network", "participant", "organisation" (an object
    # of the world's organisation in the URL) or "none" (the user's own organisation).
    scope: str
    methods: tuple[str, ...] = ("get",)
    # When set, only these world users may use the URL even with the capability
    # (for example: only the author edits a logbook entry).
    only: tuple[str, ...] = ()


def area_modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)
    ]


def area_routes() -> dict[str, Route]:
    routes: dict[str, Route] = {}
    for module in area_modules():
        for name, route in getattr(module, "ROUTES", {}).items():
            assert name not in routes, f"{name} is listed twice"
            routes[name] = route
    return routes


def area_public() -> set[str]:
    """URL names an area opens without a staff sign-in (each module's ``PUBLIC``): pages
    with their own guard, such as the participant pages of Mijn Vangnet."""
    names: set[str] = set()
    for module in area_modules():
        names |= set(getattr(module, "PUBLIC", set()))
    return names


def extend_world(world: dict) -> None:
    for module in area_modules():
        hook = getattr(module, "extend_world", None)
        if hook is not None:
            hook(world)
