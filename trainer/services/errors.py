from __future__ import annotations


class UserError(Exception):
    """Something the person can fix; the message says what and how."""


class FieldError(UserError):
    """A form field with a value that cannot be accepted."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
