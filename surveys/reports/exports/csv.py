"""CSV: one row per response, written row by row to the file (never the whole file in memory).

One header row of variable names only, so that readers (pandas, R, SPSS) take numbers as numbers; the
question texts and value labels are in the codebook (the XLSX file's Codebook sheet).
"""

import csv

from siem_portal.spreadsheets import FORMULA_STARTS as DANGEROUS

from ..records import Column

TEXT_KINDS = {"meta", "code", "label", "text", "other"}


def write_csv(path, *, columns: list[Column], rows) -> None:
    # only the columns that can hold text are checked (numbers and 0/1 flags cannot hold a formula)
    text_cells = [i for i, c in enumerate(columns) if c.kind in TEXT_KINDS]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("\ufeff")  # a BOM, so that Excel reads UTF-8
        writer = csv.writer(handle)
        writer.writerow([c.name for c in columns])
        for row in rows:
            for i in text_cells:
                value = row[i]
                if value and value.startswith(DANGEROUS):
                    row[i] = "'" + value
            writer.writerow(row)
