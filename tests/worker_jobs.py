"""Batch jobs for worker-process tests (importable by spawned workers)."""

import os


def die(batch):
    """A worker killed mid-batch (as the out-of-memory killer would)."""
    os._exit(9)
