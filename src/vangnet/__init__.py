"""Vangnet: software for the vangnetwerken method."""
