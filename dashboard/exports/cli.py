"""Sub-commands of `metering` that write files: export, exhibits, declare."""

from __future__ import annotations

import argparse


def add_export_commands(sub: argparse._SubParsersAction) -> None:
    """Register export, exhibits and declare on the `metering` parser."""
