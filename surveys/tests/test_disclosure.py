import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surveys.disclosure import (
    KEY_SPACE,
    Cell,
    cell_sum,
    percentage,
    perturb,
    protect,
    ptable,
    published_values,
    suppress_counts,
    suppress_table,
)


def test_small_cell_and_a_partner_are_hidden_in_its_row_and_column():
    table = suppress_table([[20, 3, 15], [30, 12, 40]], k=10)
    assert table.cells[0][1] is None  # the 3: primary
    assert (0, 1) in table.primary
    # its row and its column each hide a second cell so the totals do not give it away
    assert sum(v is None for v in table.cells[0]) >= 2 or table.row_totals[0] is None
    assert table.cells[1][1] is None or table.col_totals[1] is None
    assert table.total == 120


def test_nothing_hidden_when_every_count_is_large_or_zero():
    table = suppress_table([[20, 0], [11, 15]], k=10)
    assert table.cells == [[20, 0], [11, 15]]
    assert table.row_totals == [20, 26]
    assert table.col_totals == [31, 15]


def test_threshold_never_below_five():
    table = suppress_table([[4, 30], [30, 30]], k=2)
    assert table.cells[0][0] is None


def test_one_way_table_hides_a_second_count():
    counts, total = suppress_counts({"yes": 40, "no": 3, "prefer_not": 12}, k=10)
    assert counts["no"] is None
    assert counts["prefer_not"] is None  # otherwise 55 - 40 - 12 = 3
    assert counts["yes"] == 40
    assert total == 55


def test_percentages_need_a_base_of_k():
    assert percentage(4, 9, 10) is None
    assert percentage(5, 10, 10) == 50.0
    assert percentage(None, 100, 10) is None


def _feasible_values(published, hidden_cells, n_rows, n_cols, limit):
    """Every value each hidden inner cell can take, given what is published (an attacker's view)."""
    grid_cells = [(r, c) for r in range(n_rows) for c in range(n_cols) if (r, c) in hidden_cells]
    seen = {cell: set() for cell in grid_cells}
    for values in itertools.product(range(limit + 1), repeat=len(grid_cells)):
        filled = [row[:] for row in published["cells"]]
        for (r, c), v in zip(grid_cells, values, strict=True):
            filled[r][c] = v
        ok = all(
            published["row_totals"][r] is None or sum(filled[r]) == published["row_totals"][r] for r in range(n_rows)
        ) and all(
            published["col_totals"][c] is None or sum(filled[r][c] for r in range(n_rows)) == published["col_totals"][c]
            for c in range(n_cols)
        )
        if ok and (published["total"] is None or sum(map(sum, filled)) == published["total"]):
            for cell, v in zip(grid_cells, values, strict=True):
                seen[cell].add(v)
    return seen


@settings(max_examples=80, deadline=None)
@given(
    st.integers(min_value=2, max_value=3).flatmap(
        lambda rows: st.integers(min_value=2, max_value=3).flatmap(
            lambda cols: st.lists(
                st.lists(st.integers(min_value=0, max_value=9), min_size=cols, max_size=cols),
                min_size=rows,
                max_size=rows,
            )
        )
    )
)
def test_no_hidden_small_count_can_be_recovered_from_the_totals(counts):
    """Try every value of the hidden cells that fits the published totals: a hidden small count
    must never come out as the only possible value."""
    table = suppress_table(counts, k=5)
    hidden_inner = {(r, c) for r in range(len(counts)) for c in range(len(counts[0])) if table.cells[r][c] is None}
    if len(hidden_inner) > 4:
        return  # enumeration too large for a unit test; smaller tables cover the logic
    published = {
        "cells": table.cells,
        "row_totals": table.row_totals,
        "col_totals": table.col_totals,
        "total": table.total,
    }
    values = _feasible_values(published, hidden_inner, len(counts), len(counts[0]), limit=max(map(max, counts)) + 2)
    for cell in table.primary:
        assert len(values[cell]) >= 2, (counts, table.cells, cell, values[cell])


# --- the cell-key method (protected figures) ------------------------------------------------------


@pytest.mark.parametrize("k", [5, 6, 7, 10, 12, 15, 20])
def test_two_queries_m_apart_always_fit_fewer_of_them_in_the_cell(k):
    """The guarantee behind the differencing defence, checked for every count up to 6k: whatever
    the keys, two published figures of counts m apart (1 <= m < k) are also figures of two counts
    fewer than m apart, and a figure that did not move also fits one more person in the cell."""
    values = {c: published_values(c, k) for c in range(8 * k)}

    def pairs(gap):
        return {(x, y) for c in range(7 * k) for x in values[c + gap] for y in values[c]}

    fits = {d: pairs(d) for d in range(k)}
    for m in range(1, k):
        fewer = set().union(*(fits[d] for d in range(m)))
        assert pairs(m) <= fewer, m
    for c in range(6 * k):
        for x in values[c]:
            assert (x, x) in fits[1]


def test_small_counts_and_zeros_are_never_shown_and_keys_decide_the_noise():
    k = 10
    for count in range(k):
        assert all(perturb(count, key, k) is None for key in range(KEY_SPACE))
    assert {perturb(40, key, k) for key in range(KEY_SPACE)} == published_values(40, k)
    assert perturb(40, 7, k) == perturb(40, 7 + KEY_SPACE, k)  # the key is taken mod 256
    # usually a noise of 0 or 1, on average nothing
    for row in ptable(k):
        assert sum(row) == 0
        assert sum(1 for n in row if abs(n) <= 1) >= 0.8 * KEY_SPACE


def test_a_cell_is_the_sum_of_its_parts():
    assert cell_sum([Cell(3, 10), Cell(20, 300)]) == Cell(23, 310)
    assert protect(Cell(23, 310), 10) == perturb(23, 310 % KEY_SPACE, 10)
