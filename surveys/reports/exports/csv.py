"""CSV: one row per response, written row by row to the file (never the whole file in memory)."""

import csv

from ..records import Column

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return "" if value is None else value


def write_csv(path, *, columns: list[Column], rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("\ufeff")  # a BOM, so that Excel reads UTF-8
        writer = csv.writer(handle)
        writer.writerow([c.name for c in columns])
        writer.writerow([neutralise(c.label) for c in columns])
        for row in rows:
            writer.writerow([neutralise(v) for v in row])
