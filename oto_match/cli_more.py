"""CLI commands added by later features (employers, matching, follow-ups)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any


def add_commands(
    sub: Any, command: Callable[..., Any], import_options: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Register feature commands on the subparser `sub`."""
