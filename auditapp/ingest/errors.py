"""The one error type reading a file may raise: a code for programs, a message for people."""

from __future__ import annotations


class ReadError(Exception):
    """A file that cannot be turned into source text. `message` is shown to the user as is."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
