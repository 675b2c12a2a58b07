"""Errors raised by services when a domain rule is broken.

Views turn them into form errors or messages; the API exception handler turns them into JSON
bodies with status 400 (or 409 for a conflict with the current state).
"""


class ApplicationError(Exception):
    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, errors: dict | None = None):
        super().__init__(message)
        self.message = str(message)
        self.field = field
        # errors maps a field (or a question code) to a list of messages
        self.errors = errors or ({field: [self.message]} if field else {})


class ConflictError(ApplicationError):
    """The request is valid but clashes with what already exists (already registered, closed...)."""

    status_code = 409
