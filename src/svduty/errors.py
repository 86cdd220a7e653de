"""Errors a user can fix: the CLI prints them as one line and exits non-zero."""


class SvdutyError(Exception):
    """A problem with the user's input or environment, told in one line.

    Raise it for anything a person can correct (a bad file, an unknown definition, a missing
    column). The CLI prints ``str(error)`` to stderr and exits with status 2; it never shows a
    traceback for these.
    """
