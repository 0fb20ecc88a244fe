"""What is wrong with the data, located as precisely as it can be: dataset, CSV line, column."""

from __future__ import annotations

from dataclasses import dataclass

from nkties import schema


@dataclass(frozen=True)
class Problem:
    dataset: str  # the dataset's name in datapackage.json
    message: str
    line: int | None = None  # the line in the CSV file as a text editor counts it (header = 1)
    column: str | None = None
    severity: str = "error"  # "error" stops the pages that need the file; "warning" is shown, not enforced

    @property
    def file(self) -> str:
        try:
            return schema.resource(self.dataset)["path"]
        except KeyError:
            return self.dataset

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {'warning: ' if self.severity == 'warning' else ''}{self.message}"
