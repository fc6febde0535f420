"""The extraction package's exception tree (drawn in ``extract/__init__.py``)."""


class ExtractError(Exception):
    """Base class of every error raised by :mod:`extract`."""


class ModelNotInstalledError(ExtractError):
    """None of the configured spaCy models is installed."""


class ModelMismatchError(ExtractError):
    """The trained recognizer does not belong to the installed base model, or is missing."""


class InputError(ExtractError):
    """A source document cannot be read or is not a usable text."""


class MissingDependencyError(ExtractError):
    """A package that reading some input needs is not installed (an install problem)."""
