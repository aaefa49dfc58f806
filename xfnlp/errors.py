"""Typed errors: each carries one line a clerk can act on (the CLI prints it as ``Error: …``)."""


class XfnlpError(Exception):
    """Base of every error xfnlp raises on purpose."""


class InputError(XfnlpError):
    """A file, row or field cannot be read or understood."""


class ModelError(XfnlpError):
    """A model directory is missing, truncated, tampered with or of an unknown format."""


class ProfileError(XfnlpError):
    """A county/office profile is missing or malformed."""


class FieldsError(XfnlpError):
    """A document cannot be drafted: required fields are missing or invalid."""


class TemplateError(XfnlpError):
    """A notice template is missing or fails to render."""
