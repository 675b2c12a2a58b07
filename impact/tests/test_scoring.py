import math

import pytest

from impact.scoring import compute, quartiles

# d1 holds i1 (weight 1) and i2 (weight 2); d2 holds i3. r1, r2, r3 are respondents.
INDICATORS = [(1, 10, 1), (2, 10, 2), (3, 20, 1)]
RATINGS = [
    ("r1", 1, 4), ("r1", 2, 2), ("r1", 3, 5),
    ("r2", 1, 1), ("r2", 2, 3), ("r2", 3, None),
    ("r3", 1, 4), ("r3", 2, None), ("r3", 3, 5),
]  # fmt: skip


def test_indicator_figures_match_the_hand_computed_example():
    scores = compute(INDICATORS, RATINGS)
    i1, i2, i3 = scores.indicators[1], scores.indicators[2], scores.indicators[3]
    # i1: 4, 1, 4 -> mean 3, deviations 1, -2, 1 -> variance 6/3 = 2
    assert (i1.n, i1.mean, i1.low, i1.high) == (3, 3.0, 1, 4)
    assert i1.spread == pytest.approx(math.sqrt(2))
    assert i1.disagreement is True
    # i2: 2, 3 and one "not applicable"
    assert (i2.n, i2.not_applicable, i2.mean, i2.spread, i2.disagreement) == (2, 1, 2.5, 0.5, False)
    assert (i3.n, i3.not_applicable, i3.mean, i3.spread) == (2, 1, 5.0, 0.0)


def test_dimension_scores_are_weighted_and_spread_is_over_respondents():
    scores = compute(INDICATORS, RATINGS)
    d1, d2 = scores.dimensions[10], scores.dimensions[20]
    # (3.0 * 1 + 2.5 * 2) / 3
    assert d1.mean == pytest.approx(8 / 3)
    # own scores: r1 (4 + 2*2)/3 = 8/3, r2 (1 + 3*2)/3 = 7/3, r3 4 -> mean 3, variance 14/27
    assert d1.respondents == 3
    assert d1.spread == pytest.approx(math.sqrt(14 / 27))
    assert d1.disagreements == 1
    # r2 only said "not applicable" in d2
    assert (d2.mean, d2.respondents, d2.spread) == (5.0, 2, 0.0)
    assert scores.overall == pytest.approx((8 / 3 + 5) / 2)


def test_indicator_nobody_scored_is_left_out_of_the_dimension():
    scores = compute([(1, 10, 1), (2, 10, 1)], [("a", 1, 2), ("a", 2, None)])
    assert scores.indicators[2].mean is None
    assert scores.dimensions[10].mean == 2.0


def test_quartiles_interpolate_like_percentile_cont():
    assert quartiles([5, 1, 3, 2, 4]) == (2, 3, 4)
    assert quartiles([1, 2, 3, 4]) == (1.75, 2.5, 3.25)
