"""Rendering a resolved post to HTML, PDF and DOCX.

Takes a post's view (the names templates read) and the template folders; gives the documents' bytes in
memory (HTML, PDF, Word, the job pack), or a `TemplateError` at the template's file and line.

One module per format (`html`, `pdf`, `docx`) plus `lookup` for the template search order. The heavy
libraries (WeasyPrint, docxtpl) are imported only by the module that needs them, so importing this
package stays cheap for commands that never render.
"""

from __future__ import annotations

from jobpack.errors import InvalidTrust, Problem


class TemplateError(InvalidTrust):
    """A template (built-in or the trust's own) could not be read or rendered.

    A kind of `InvalidTrust` (the one user-error type): it carries the template file and line so that
    whoever edited the template can find the mistake, and the CLI reports it like any other problem.
    """

    def __init__(self, file: str, line: int | None, message: str) -> None:
        super().__init__([Problem(file=file, line=line, message=message)])
        self.args = (file, line, message)
        self.file = file
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"

    def problem(self) -> Problem:
        """The same error as a `Problem`, so the CLI can report it with the trust's other errors."""
        return Problem(file=self.file, line=self.line, message=self.message)


__all__ = ["TemplateError"]
