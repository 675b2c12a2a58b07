"""Statistical disclosure control for survey results: one implementation for pages, API and files.

A count between 1 and k-1 could point at a person (k is the survey's threshold, 10 by default and
never below 5, as statistical offices do). Such a cell is suppressed (primary suppression). Because
tables are shown with their row and column totals, one hidden cell in a row could be recovered as
the total minus the cells that are shown; so more cells are hidden (secondary suppression) until
every row and every column that hides something hides at least two cells, or hides its total.
Zeros are shown: a zero is not a person. A zero is hidden only when it is needed as a secondary
cell, since a row whose other cells are zero would give the hidden one away.
"""

from dataclasses import dataclass, field

MIN_THRESHOLD = 5
DEFAULT_THRESHOLD = 10

METHOD_NOTE = (
    "Counts from 1 to {k_minus_1} are hidden (shown as “suppressed”) so that no person can be recognised "
    "in a small group; further cells are hidden where a total would otherwise give a hidden count away. "
    "Percentages are given only on a base of at least {k} answers and means only from at least {k} answers."
)


def effective_threshold(k: int | None) -> int:
    return max(MIN_THRESHOLD, k or DEFAULT_THRESHOLD)


@dataclass
class Table:
    """A suppressed cross-table: ``cells[r][c]`` and totals are ints, or None where hidden."""

    cells: list[list[int | None]]
    row_totals: list[int | None]
    col_totals: list[int | None]
    total: int | None
    hidden: set[tuple[int, int]] = field(default_factory=set)
    primary: set[tuple[int, int]] = field(default_factory=set)


def _is_risky(count: int, k: int) -> bool:
    return 0 < count < k


def suppress_table(counts: list[list[int]], k: int) -> Table:
    """Suppress a table of counts (rows × columns) published with its row, column and grand totals.

    The table is handled with its margins as one (R+1) × (C+1) grid in which every row and every
    column is an addition (the cells add up to the margin). An addition with exactly one hidden
    term gives that term away, so each one must hide none or at least two.
    """
    k = effective_threshold(k)
    n_rows = len(counts)
    n_cols = len(counts[0]) if n_rows else 0
    grid = [list(row) + [sum(row)] for row in counts]
    grid.append([sum(counts[r][c] for r in range(n_rows)) for c in range(n_cols)] + [sum(map(sum, counts))])
    R, C = n_rows + 1, n_cols + 1  # noqa: N806 (grid sizes)

    hidden = {(r, c) for r in range(R) for c in range(C) if _is_risky(grid[r][c], k)}
    primary = {(r, c) for (r, c) in hidden if r < n_rows and c < n_cols}
    lines = [[(r, c) for c in range(C)] for r in range(R)] + [[(r, c) for r in range(R)] for c in range(C)]

    def exposed(line):
        return sum(1 for cell in line if cell in hidden) == 1

    def crossing(cell, line):
        r, c = cell
        other = lines[R + c] if all(x[0] == r for x in line) else lines[r]
        return other

    changed = True
    while changed:
        changed = False
        for line in lines:
            if not exposed(line):
                continue
            candidates = [cell for cell in line if cell not in hidden]
            # Prefer a cell whose crossing line also needs a partner (one cell mends two lines), then
            # an inner cell over a total, then the smallest count, so the least information is lost.
            partner = min(
                candidates,
                key=lambda cell: (
                    not exposed(crossing(cell, line)),
                    cell[0] == n_rows or cell[1] == n_cols,
                    grid[cell[0]][cell[1]] == 0,
                    grid[cell[0]][cell[1]],
                ),
            )
            hidden.add(partner)
            changed = True

    def shown(r, c):
        return None if (r, c) in hidden else grid[r][c]

    return Table(
        cells=[[shown(r, c) for c in range(n_cols)] for r in range(n_rows)],
        row_totals=[shown(r, n_cols) for r in range(n_rows)],
        col_totals=[shown(n_rows, c) for c in range(n_cols)],
        total=shown(n_rows, n_cols),
        hidden=hidden,
        primary=primary,
    )


def suppress_counts(counts: dict[str, int], k: int) -> tuple[dict[str, int | None], int | None]:
    """A one-way frequency table (choice -> count) shown with its total: the same rules, one column."""
    keys = list(counts)
    table = suppress_table([[counts[key]] for key in keys], k)
    return {key: table.cells[i][0] for i, key in enumerate(keys)}, table.col_totals[0] if keys else 0


def percentage(count: int | None, base: int | None, k: int) -> float | None:
    """A percentage only when the count is shown and the base has at least k answers."""
    if count is None or base is None or base < effective_threshold(k):
        return None
    return round(100.0 * count / base, 1)


def mean_if_enough(values_sum: float, n: int, k: int) -> float | None:
    return round(values_sum / n, 2) if n >= effective_threshold(k) and n else None
