"""Helpers shared by the test modules."""

from __future__ import annotations

import uuid


def new_request_id(label: str) -> str:
    """A unique request id, valid per the contract (visible ASCII, <= 128 chars)."""
    return f"client-tests-py-{label}-{uuid.uuid4()}"
