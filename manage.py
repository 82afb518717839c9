#!/usr/bin/env python
"""Convenience entry point; the installed `vangnet` command does the same."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from vangnet.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
