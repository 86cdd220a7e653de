"""Errors a user can fix: the CLI prints them as one line and exits non-zero."""


class SvdutyError(Exception):
    """A problem with the user's input or environment, told in one line.

    Raise it for anything a person can correct (a bad file, an unknown definition, a missing
    column). The CLI prints ``str(error)`` to stderr and exits with status 2; it never shows a
    traceback for these.
    """


class WarehouseBusy(SvdutyError):
    """The warehouse file is locked by another process (an import): try again when it ends.

    DuckDB lets one process write a file and no other open it meanwhile, even read-only. The CLI
    prints it like any :class:`SvdutyError`; the web answers 503 with ``Retry-After``
    (:mod:`svduty.web.insight.middleware`) instead of a page of its own.
    """
