"""One rule for text cells of files that spreadsheets open (CSV and XLSX exports of every app)."""

# A cell starting with one of these runs as a formula in Excel or LibreOffice (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe; None is empty."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
