"""Pure aggregation of ratings: no database, so it is tested against hand-computed examples.

Definitions (shown to users on the results page):
- an indicator's mean is over the respondents who gave it a score ("not applicable" is left out);
  its spread is the population standard deviation of those scores;
- strong disagreement: at least two scores and three or more points between the lowest and highest;
- a dimension's score is the weight-weighted mean of its indicators' means (indicators nobody scored
  are left out); its spread is the standard deviation of each respondent's own dimension score.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import fmean, pstdev

DISAGREEMENT_RANGE = 3


@dataclass
class IndicatorStat:
    indicator_id: int
    dimension_id: int
    n: int = 0
    not_applicable: int = 0
    mean: float | None = None
    spread: float | None = None
    low: int | None = None
    high: int | None = None

    @property
    def disagreement(self) -> bool:
        return self.n >= 2 and self.high - self.low >= DISAGREEMENT_RANGE


@dataclass
class DimensionStat:
    dimension_id: int
    mean: float | None = None
    respondents: int = 0
    spread: float | None = None
    disagreements: int = 0


@dataclass
class Scores:
    indicators: dict[int, IndicatorStat] = field(default_factory=dict)
    dimensions: dict[int, DimensionStat] = field(default_factory=dict)
    overall: float | None = None


def _weighted_mean(pairs):
    """Mean of (value, weight) pairs with a positive total weight; None when there is none."""
    pairs = [(v, w) for v, w in pairs if v is not None and w > 0]
    total = sum(w for _, w in pairs)
    if not pairs or total <= 0:
        return None
    return sum(v * w for v, w in pairs) / total


def compute(indicators, ratings) -> Scores:
    """``indicators``: iterable of (indicator_id, dimension_id, weight) in display order;
    ``ratings``: iterable of (respondent_id, indicator_id, score or None)."""
    indicators = [(i, d, float(w)) for i, d, w in indicators]
    weight = {i: w for i, _, w in indicators}
    dimension_of = {i: d for i, d, _ in indicators}
    scores_by_indicator = defaultdict(list)
    na_by_indicator = defaultdict(int)
    # respondent -> dimension -> [(score, weight)]
    per_respondent = defaultdict(lambda: defaultdict(list))
    for respondent_id, indicator_id, score in ratings:
        if indicator_id not in dimension_of:
            continue
        if score is None:
            na_by_indicator[indicator_id] += 1
            continue
        scores_by_indicator[indicator_id].append(score)
        per_respondent[respondent_id][dimension_of[indicator_id]].append((score, weight[indicator_id]))

    result = Scores()
    dimension_order = []
    for indicator_id, dimension_id, _ in indicators:
        if dimension_id not in dimension_order:
            dimension_order.append(dimension_id)
        values = scores_by_indicator.get(indicator_id, [])
        stat = IndicatorStat(indicator_id, dimension_id, n=len(values), not_applicable=na_by_indicator[indicator_id])
        if values:
            stat.mean = fmean(values)
            stat.spread = pstdev(values)
            stat.low, stat.high = min(values), max(values)
        result.indicators[indicator_id] = stat

    for dimension_id in dimension_order:
        members = [s for s in result.indicators.values() if s.dimension_id == dimension_id]
        stat = DimensionStat(dimension_id)
        stat.mean = _weighted_mean((s.mean, weight[s.indicator_id]) for s in members)
        own_means = [
            m
            for dims in per_respondent.values()
            if dimension_id in dims
            for m in [_weighted_mean(dims[dimension_id])]
            if m is not None
        ]
        stat.respondents = len(own_means)
        stat.spread = pstdev(own_means) if own_means else None
        stat.disagreements = sum(1 for s in members if s.disagreement)
        result.dimensions[dimension_id] = stat

    means = [d.mean for d in result.dimensions.values() if d.mean is not None]
    result.overall = fmean(means) if means else None
    return result


def quartiles(values: list[float]) -> tuple[float, float, float]:
    """Q1, median, Q3 by linear interpolation (the same method as PostgreSQL's percentile_cont)."""
    ordered = sorted(values)

    def at(p):
        pos = (len(ordered) - 1) * p
        lo = int(pos)
        hi = min(lo + 1, len(ordered) - 1)
        return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)

    return at(0.25), at(0.5), at(0.75)
