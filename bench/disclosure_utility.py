"""Utility of the disclosure control: what is published, and how far it is from the truth.

For the student survey at 12,820 responses (all of them) and for one institution of 300 responses,
every count cell of the results (choice counts, code counts, histogram bins, and the cross-table
of every choice question by ``first_generation``) is computed three ways:

  truth     the exact count
  before    the rules before issue 11 (``git show main:surveys/disclosure.py``): exact counts,
            1..k-1 hidden, partners hidden so totals do not give them away, zeros shown
  after     the protected figures of ``surveys/disclosure.py`` (cell-key perturbation), which IRO
            officers, their files and the API get

and the script prints the share of cells published and the mean absolute change of the published
counts (|published - truth|), over all cells and over the non-zero cells only (zeros are no longer
shown). It also times ``survey_results()`` against the one of ``main`` (the cost of summing the
record keys in the GROUP BY), survey-wide and for the institution. Run:

  .venv/bin/python bench/disclosure_utility.py [--responses 12820] [--institution 300] [--keep DIR]
"""

import argparse
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from survey_reports import ensure_data, setup_django  # noqa: E402 (after the path is set)


def old_rules():
    """The disclosure module as it was before issue 11, loaded from git."""
    source = subprocess.run(
        ["git", "show", "main:surveys/disclosure.py"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    module = types.ModuleType("old_disclosure")
    exec(compile(source, "main:surveys/disclosure.py", "exec"), module.__dict__)  # noqa: S102 (our own file)
    return module


def old_aggregation():
    """``surveys/reports/aggregation.py`` of ``main``, loaded from git next to the current one."""
    source = subprocess.run(
        ["git", "show", "main:surveys/reports/aggregation.py"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    module = types.ModuleType("surveys.reports.aggregation_main")
    module.__package__ = "surveys.reports"
    sys.modules[module.__name__] = module
    exec(compile(source, "main:surveys/reports/aggregation.py", "exec"), module.__dict__)  # noqa: S102 (our own file)
    return module


def best(fn, repeat=3):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def institution_of(survey, size: int):
    """A verified institution with exactly ``size`` responses (taken from the first demo one)."""
    from accounts.enums import OrganisationKind
    from accounts.models import Organisation
    from surveys.models import Response

    org, _created = Organisation.objects.get_or_create(
        slug="bench-institution", defaults={"name": "Bench institution", "kind": OrganisationKind.HIGHER_EDUCATION}
    )
    have = Response.objects.filter(survey=survey, institution=org).count()
    if have != size:
        Response.objects.filter(survey=survey, institution=org).update(institution=None, institution_verified=False)
        ids = list(
            Response.objects.filter(survey=survey, status="submitted", institution__isnull=False)
            .exclude(institution=org)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        Response.objects.filter(pk__in=ids).update(institution=org, institution_verified=True)
    return org


def cells_of(survey, institution_ids, breakdown, old):
    """[(truth, before, after)] for every count cell of the results."""
    from surveys.definition import load_definition
    from surveys.disclosure import cell_sum, effective_threshold, protect
    from surveys.reports.aggregation import Filters, _bins, kind_of, raw_counts

    k = effective_threshold(survey.k)
    definition = load_definition(survey)
    raw = raw_counts(survey=survey, filters=Filters(), institution_ids=institution_ids, breakdown=breakdown)
    out = []

    def one_way(codes, true, after):
        before, _total = old.suppress_counts(dict(zip(codes, true, strict=True)), k)
        out.extend(zip(true, [before[c] for c in codes], after, strict=True))

    for q in definition.answerable():
        kind = kind_of(q)
        if kind == "choice":
            codes = [c.code for c in q.choices]
            true = [raw.choice_counts.get((q.id, c.id), 0) for c in q.choices]
            one_way(codes, true, [protect(raw.cell("choice_counts", (q.id, c.id)), k) for c in q.choices])
        elif kind == "code":
            codes = list(raw.code_counts.get(q.id, {}))
            true = [raw.code_counts[q.id][c] for c in codes]
            one_way(codes, true, [protect(raw.cell("code_counts", q.id, c), k) for c in codes])
        elif kind == "number" and raw.answered.get(q.id, 0) >= k:
            dist = raw.number_dist.get(q.id, {})
            bins = _bins(dist)
            codes = [label for label, _m, _v in bins]
            true = [sum(dist[v] for v in values) for _l, _m, values in bins]
            after = [protect(cell_sum(raw.cell("number_dist", q.id, v) for v in values), k) for _l, _m, values in bins]
            one_way(codes, true, after)
    group_q = definition.by_code[breakdown]
    for q in definition.answerable():
        if kind_of(q) != "choice" or q.code == breakdown:
            continue
        grid = [[raw.cell("cross", (q.id, c.id, g.id)) for g in group_q.choices] for c in q.choices]
        table = old.suppress_table([[cell.count for cell in row] for row in grid], k)
        for i, row in enumerate(grid):
            for j, cell in enumerate(row):
                out.append((cell.count, table.cells[i][j], protect(cell, k)))
    return out


def summary(cells, which):
    index = {"before": 1, "after": 2}[which]
    lines = []
    for label, subset in (("all cells", cells), ("non-zero cells", [c for c in cells if c[0]])):
        published = [c for c in subset if c[index] is not None]
        change = sum(abs(c[index] - c[0]) for c in published) / len(published) if published else 0.0
        lines.append(
            f"  {which:6} {label:15} {len(published):5}/{len(subset):5} published = "
            f"{100 * len(published) / max(len(subset), 1):5.1f} %   mean |published - true| = {change:.3f}"
        )
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=12820)
    parser.add_argument("--institution", type=int, default=300)
    parser.add_argument("--keep", help="folder for the database (reused when present)")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="bench-disclosure-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"disclosure-{args.responses}.sqlite3"
    started = time.perf_counter()
    ensure_data(db, args.responses)
    print(f"# database {db} ready in {time.perf_counter() - started:.0f} s", flush=True)
    setup_django(db)
    from surveys.models import Response, Survey

    survey = Survey.objects.get(slug="siem-student-survey")
    old = old_rules()
    org = institution_of(survey, args.institution)
    n_all = Response.objects.filter(survey=survey, status="submitted").count()
    for title, ids in (
        (f"whole survey, {n_all} responses", None),
        (f"one institution, {args.institution} verified responses", [org.pk]),
    ):
        cells = cells_of(survey, ids, "first_generation", old)
        print(f"\n== {title} (k = {survey.k}), breakdown by first_generation")
        for which in ("before", "after"):
            print("\n".join(summary(cells, which)))
    from surveys.reports import aggregation

    before = old_aggregation()
    print("\n== survey_results() time, best of 3: main vs this branch")
    for label, kwargs in (
        ("whole survey", {}),
        ("whole survey, breakdown", {"breakdown": "first_generation"}),
        (f"institution of {args.institution}", {"institution_ids": [org.pk]}),
    ):
        old_time = best(lambda kwargs=kwargs: before.survey_results(survey=survey, **kwargs))
        new_time = best(lambda kwargs=kwargs: aggregation.survey_results(survey=survey, **kwargs))
        print(f"  {label:28} main {old_time:.3f} s   now {new_time:.3f} s   = {new_time / old_time:.2f}x")
    print(f"\n# {sys.executable} {' '.join(sys.argv)}; SQLite")


if __name__ == "__main__":
    main()
