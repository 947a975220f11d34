"""Errors that name a kind of failure with a kebab-case ``reason``."""

from __future__ import annotations


class DocumentError(Exception):
    """A document could not be read; ``reason`` is a kebab-case kind for the quarantine."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
