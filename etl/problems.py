"""Problems found in input files: row rejects and whole-file errors, with file:line:column."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Reject:
    """A row that failed a check. The row is left out; the rest of the file still loads."""

    file: str
    line: int
    column: int
    column_name: str
    value: str
    reason: str

    @staticmethod
    def shown(cell) -> str:
        """A cell's value as a reject records it: its text, and '' for a blank cell."""
        return "" if cell is None else str(cell)

    def message(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
        return f"{where}: {self.column_name} = {shown!r}: {self.reason}"

    def as_row(self) -> dict:
        return asdict(self)


class SourceError(Exception):
    """A file that cannot be used at all (missing, wrong header, changed shape, bad checksum).

    The build stops and the previous marts stay in place.
    """

    def __init__(self, file: str, reason: str, line: int = 0, column: int = 0):
        self.file, self.reason, self.line, self.column = file, reason, line, column
        where = file if not line else f"{file}:{line}:{column}"
        super().__init__(f"{where}: {reason}")
