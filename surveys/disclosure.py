"""Statistical disclosure control for survey results: one implementation for pages, API and files.

Two regimes, chosen by who asks (``docs/privacy-model.md``):

* **Exact** (survey managers, who may read every response anyway): true counts; a count from 1 to
  k-1 is hidden (primary suppression) and more cells are hidden where a total would give a hidden
  count away (secondary suppression, :func:`suppress_table`).
* **Protected** (IRO officers and everyone else): the cell-key method of statistical offices (ONS
  2021 census flexible tables, ABS TableBuilder). Every response draws a random record key (0..255)
  when it is stored. A cell's key is the sum of the record keys of the answers in it, modulo 256,
  computed by the same GROUP BY that counts them; the perturbation table (:func:`ptable`) turns
  (count, cell key) into a small noise. So the same cell always shows the same value (no fresh
  noise to average away), two overlapping queries differ by noise, and totals are perturbed the
  same way as the cells. Counts below k, zeros included, are never shown, nor a perturbed value
  below k: a zero next to a hidden count, or a cell going from 0 to hidden between two queries,
  would tell an answer.

The table's *support* (the values a true count can come out as) is built so that, for any two
queries whose respondents differ by 1 to k-1 people, every pair of published figures of a cell
fits at least two different numbers of those people being in the cell: a published difference
never tells anyone's answer with certainty (:func:`published_values`, proved by brute force in
``surveys/tests/test_disclosure.py`` and replayed against the API in
``surveys/tests/reports/test_attacks.py``). Most of the probability is on a noise of 0 or ±1.
"""

import math
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import gettext_noop

MIN_THRESHOLD = 5
DEFAULT_THRESHOLD = 10
KEY_SPACE = 256

# the notes on every results page and in every file (translated where they are shown)
METHOD_NOTE = gettext_noop(
    "Exact figures, for survey managers. Counts from 1 to {k_minus_1} are hidden (shown as “suppressed”) so "
    "that no person can be recognised in a small group; further cells are hidden where a total would otherwise "
    "give a hidden count away. Percentages are given only on a base of at least {k} answers and means only "
    "from at least {k} answers. These results include every response, also those that named an institution "
    "without a verified tie to it; institutions see protected figures of their verified responses only."
)
PROTECTED_NOTE = gettext_noop(
    "These figures are protected so that no student can be recognised, even by comparing several reports. "
    "Every count has had a small, fixed amount of noise added (usually 0 or 1, rarely more): the same "
    "table always shows the same figures, but figures need not add up exactly to their totals. "
    "Counts below {k}, zeros included, are not shown (“suppressed”). Percentages, means and medians are "
    "computed from the published counts and only for at least {k} answers. Results are given for whole "
    "academic years, and a filter that would leave out fewer than {k} people is refused. Only responses "
    "whose tie to the institution was verified (an invitation it issued, or a verified account of one of "
    "its members) count for an institution."
)


def effective_threshold(k: int | None) -> int:
    return max(MIN_THRESHOLD, k or DEFAULT_THRESHOLD)


# --- the cell-key method --------------------------------------------------------------------------


def _support(remainder: int, k: int) -> tuple[int, int]:
    """The lowest and highest noise for a true count c >= k with c mod k == remainder.

    A count's published values run from k·floor(c/k) - 1 to k·ceil((c+2)/k) + 1: the lower end is
    the same for a whole block of k counts, the upper end for a block shifted by two, so the
    extreme pair of two counts m apart (m < k) is also reached by two counts m-1 apart.
    """
    return -(remainder + 1), k * math.ceil((remainder + 2) / k) + 1 - remainder


@lru_cache(maxsize=64)
def ptable(k: int) -> tuple[tuple[int, ...], ...]:
    """For each remainder c mod k, the noise of each of the 256 cell keys.

    Every noise in the support gets at least one key (so it is possible); the rest of the keys go to
    0, ±1 and ±2 (about 45 %, 20 %, 20 %, 4 %, 4 % of the keys), then moved between these so that the
    mean noise is as near 0 as the 256 keys allow (exactly 0 for k up to 10).
    """
    k = effective_threshold(k)
    rows = []
    for remainder in range(k):
        lo, hi = _support(remainder, k)
        slots = dict.fromkeys(range(lo, hi + 1), 1)
        core = {0: 0.45, -1: 0.2, 1: 0.2, -2: 0.04, 2: 0.04}
        free = KEY_SPACE - sum(slots.values())
        assert free > 0, "k is too large for the perturbation table"
        weight = sum(w for noise, w in core.items() if lo <= noise <= hi)
        shares = {noise: int(free * w / weight) for noise, w in core.items() if lo <= noise <= hi}
        shares[0] += free - sum(shares.values())
        for noise, extra in shares.items():
            slots[noise] += extra

        def mean(s):
            return sum(n * c for n, c in s.items()) / KEY_SPACE

        # balance: move single keys between core noises while that brings the mean nearer 0, keeping
        # at least 40 % of the keys on a noise of 0 (large k: a small bias rather than more noise)
        core_noises = [n for n in (-2, -1, 0, 1, 2) if n in slots]
        while True:
            current = abs(sum(n * c for n, c in slots.items()))
            moves = [
                (abs(sum(n * c for n, c in slots.items()) - src + dst), src, dst)
                for src in core_noises
                for dst in core_noises
                if src != dst and slots[src] > (KEY_SPACE * 2 // 5 if src == 0 else 1)
            ]
            best, src, dst = min(moves)
            if best >= current:
                break
            slots[src] -= 1
            slots[dst] += 1
        row = []
        for noise in sorted(slots):
            row += [noise] * slots[noise]
        rows.append(tuple(row))
    return tuple(rows)


def perturb(count: int, key: int, k: int) -> int | None:
    """The published value of a cell with ``count`` answers whose record keys add up to ``key``:
    None (not shown) below k or when the noise takes it below k."""
    k = effective_threshold(k)
    if count < k:
        return None
    value = count + ptable(k)[count % k][key % KEY_SPACE]
    return value if value >= k else None


def published_values(count: int, k: int) -> set[int | None]:
    """Every value a true count can be published as, whatever its key (what an attacker knows)."""
    k = effective_threshold(k)
    if count < k:
        return {None}
    return {value if value >= k else None for value in (count + n for n in set(ptable(k)[count % k]))}


@dataclass(frozen=True)
class Cell:
    """A count and the sum of the record keys of the answers in it (the cell key before mod 256)."""

    count: int = 0
    key: int = 0

    def __add__(self, other):
        return Cell(self.count + other.count, self.key + other.key)


def cell_sum(cells) -> Cell:
    total = Cell()
    for cell in cells:
        total = total + cell
    return total


def protect(cell: Cell, k: int) -> int | None:
    return perturb(cell.count, cell.key, k)


# --- the exact regime (survey managers) -----------------------------------------------------------


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
