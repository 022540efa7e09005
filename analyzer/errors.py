"""The errors skill-analyzer raises on purpose.

Every error subclasses :class:`AnalyzerError` and the builtin it refines, so
callers can catch either::

    AnalyzerError
    ├── TaxonomyError (ValueError)      a taxonomy file is missing or malformed
    ├── ModelError (ValueError)         a model file cannot be used, or cannot be trained
    ├── InputError (ValueError)         an input path or posting cannot be read
    │   └── SkipPosting                 one posting (file, row, record) is skipped
    │       └── EmptyDocument           a document that opens but holds no text
    ├── OutputError (OSError)           the reports cannot be written where asked
    └── UsageError (ValueError)         options that contradict each other

The command line catches ``AnalyzerError`` only: anything else is a bug and
keeps its traceback.
"""

from __future__ import annotations

__all__ = ["AnalyzerError", "EmptyDocument", "InputError", "ModelError", "OutputError", "SkipPosting", "TaxonomyError", "UsageError"]


class AnalyzerError(Exception):
    """Base of every error we raise on purpose."""


class TaxonomyError(AnalyzerError, ValueError):
    """A taxonomy file is missing or malformed."""


class ModelError(AnalyzerError, ValueError):
    """A model file cannot be used, or a model cannot be trained from the data given."""


class InputError(AnalyzerError, ValueError):
    """An input path cannot be read at all (it does not exist, for example)."""


class SkipPosting(InputError):
    """One input (a file, a CSV row, a JSON record) cannot be analyzed.

    Args:
        source: Where the posting came from (``path`` or ``path#row=N``).
        reason: What is wrong and, where it helps, how to fix it.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class EmptyDocument(SkipPosting):
    """A document that opens fine but holds no text (empty, or images only)."""


class OutputError(AnalyzerError, OSError):
    """The reports cannot be written where asked (a file in the way, no permission, a full disk)."""


class UsageError(AnalyzerError, ValueError):
    """Options or arguments that cannot work together."""
