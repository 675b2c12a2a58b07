"""Benchmark: survey reports at the real survey's size (12,820 responses) and at ten times that.

Each figure is printed next to its baseline, measured in the same run on the same database:

  frequency tables   survey_results() for every question     vs  raw SQL GROUP BY (question, choice)
                                                                  and GROUP BY (question, value) of the same rows
  PDF + XLSX         both complete report files, built        goal <= 10 s on this machine
  CSV                the whole CSV file, written to disk      vs  values_list fetch of the same answer rows
  memory             peak RSS of a child process building     10x responses vs 1x (goal < 1.5x)
                     the CSV + XLSX data sheet

Run:  .venv/bin/python bench/survey_reports.py [--responses 12820] [--scale 10] [--keep DIR]
The databases are SQLite files in a temporary folder (made with migrate + the seed_demo bulk-insert
code); --keep reuses a folder so that a second run skips the inserts.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(db: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "siem_portal.settings.local"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("PRIVATE_MEDIA_ROOT", str(db.parent / "private"))
    import django

    django.setup()


def ensure_data(db: Path, responses: int) -> None:
    """A database with the SIEM surveys and ``responses`` student responses (made once)."""
    if db.exists():
        return
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "-v", "0"],
        check=True,
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "siem_portal.settings.local", "DATABASE_URL": f"sqlite:///{db}"},
    )
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "seed_demo", "--responses", str(responses)],
        check=True,
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "siem_portal.settings.local", "DATABASE_URL": f"sqlite:///{db}"},
        stdout=subprocess.DEVNULL,
    )


def best(fn, repeat=3):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def child_memory(db: Path) -> None:
    """Run in a child process: build the CSV and the XLSX (with its data sheet), print peak RSS in MB."""
    setup_django(db)
    from django.contrib.auth import get_user_model

    from surveys.models import Survey
    from surveys.reports.models import ReportJob
    from surveys.reports.services import report_build_file

    survey = Survey.objects.get(slug="siem-student-survey")
    user = get_user_model().objects.order_by("pk").first()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = Path(tempfile.mkdtemp())
    for fmt in ("csv", "xlsx"):
        job = ReportJob(requester=user, survey=survey, format=fmt, params_key="bench")
        report_build_file(job, out / f"bench.{fmt}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{peak / 1024:.1f} {base / 1024:.1f}")


def measure(db: Path) -> dict:
    setup_django(db)
    from django.contrib.auth import get_user_model
    from django.db import connection

    from surveys.definition import load_definition
    from surveys.models import Answer, Response, Survey
    from surveys.reports.aggregation import survey_results
    from surveys.reports.models import ReportJob
    from surveys.reports.services import report_build_file

    survey = Survey.objects.get(slug="siem-student-survey")
    load_definition(survey)
    n = Response.objects.filter(survey=survey, status="submitted").count()
    rows = Answer.objects.filter(response__survey=survey).count()
    answer = connection.ops.quote_name(Answer._meta.db_table)
    response = connection.ops.quote_name(Response._meta.db_table)

    def raw_group_by():
        with connection.cursor() as cursor:
            for column in ("choice_id", "value_number", "value_text"):
                cursor.execute(
                    f"SELECT a.question_id, a.{column}, COUNT(*) FROM {answer} a "  # noqa: S608 (model tables)
                    f"JOIN {response} r ON r.id = a.response_id WHERE r.survey_id = %s AND r.status = 'submitted' "
                    f"GROUP BY a.question_id, a.{column}",
                    [survey.pk],
                )
                cursor.fetchall()

    figures = {"responses": n, "answer_rows": rows}
    figures["raw_group_by"] = best(raw_group_by)
    figures["frequency_tables"] = best(lambda: survey_results(survey=survey))
    figures["frequency_tables_breakdown"] = best(lambda: survey_results(survey=survey, breakdown="first_generation"))

    user = get_user_model().objects.order_by("pk").first()
    out = Path(tempfile.mkdtemp())

    institution = Response.objects.filter(survey=survey).exclude(institution=None).values("institution").first()

    def build(fmt, scope="manager"):
        job = ReportJob(
            requester=user,
            survey=survey,
            format=fmt,
            params_key="bench",
            breakdown="first_generation",
            scope=scope,
            institution_id=institution["institution"] if scope == "institution" else None,
        )
        report_build_file(job, out / f"bench.{fmt}")

    figures["pdf"] = best(lambda: build("pdf"), repeat=1)
    figures["xlsx"] = best(lambda: build("xlsx"), repeat=1)
    figures["xlsx_summary"] = best(lambda: build("xlsx", scope="institution"), repeat=1)
    figures["pdf_size"] = (out / "bench.pdf").stat().st_size

    def values_list_fetch():
        for _row in (
            Answer.objects.filter(response__survey=survey, response__status="submitted")
            .order_by("response_id", "id")
            .values_list("response_id", "question_id", "choice_id", "value_number", "value_text", "value_date")
            .iterator(chunk_size=2000)
        ):
            pass

    def csv_export():
        job = ReportJob(requester=user, survey=survey, format="csv", params_key="bench", include_special=True)
        report_build_file(job, out / "bench.csv")

    figures["values_list"] = best(values_list_fetch)
    figures["csv"] = best(csv_export)
    return figures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=12820)
    parser.add_argument("--scale", type=int, default=10, help="0 skips the larger database")
    parser.add_argument("--keep", help="folder for the databases (reused when present)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_memory(Path(args.child))
        return
    if args.measure:
        for key, value in measure(Path(args.measure)).items():
            print(f"{key}={value}")
        return
    folder = Path(args.keep or tempfile.mkdtemp(prefix="bench-reports-"))
    folder.mkdir(parents=True, exist_ok=True)
    dbs = {1: folder / f"reports-{args.responses}.sqlite3"}
    if args.scale:
        dbs[args.scale] = folder / f"reports-{args.responses * args.scale}.sqlite3"
    for factor, db in dbs.items():
        t = time.perf_counter()
        ensure_data(db, args.responses * factor)
        print(f"# database x{factor}: {db} ready in {time.perf_counter() - t:.0f} s", flush=True)

    def run(flag, db):
        out = subprocess.run(
            [sys.executable, __file__, flag, str(db)], check=True, capture_output=True, text=True, cwd=ROOT
        )
        return out.stdout.strip().splitlines()[-1] if flag == "--child" else out.stdout

    for factor, db in dbs.items():
        figures = dict(line.split("=", 1) for line in run("--measure", db).splitlines() if "=" in line)
        f = {k: float(v) for k, v in figures.items()}
        print(f"\n== {int(f['responses'])} responses, {int(f['answer_rows'])} answer rows (x{factor})")
        print(
            f"frequency tables, all questions: {f['frequency_tables']:.3f} s  vs raw SQL GROUP BY "
            f"{f['raw_group_by']:.3f} s  = {f['frequency_tables'] / f['raw_group_by']:.2f}x (goal <= 2x)"
        )
        print(f"  with a breakdown by first_generation: {f['frequency_tables_breakdown']:.3f} s")
        print(
            f"PDF {f['pdf']:.2f} s ({int(f['pdf_size']) // 1024} KiB) + XLSX {f['xlsx']:.2f} s = "
            f"{f['pdf'] + f['xlsx']:.2f} s (goal <= 10 s at the real size)"
        )
        print(f"  XLSX summary only (an IRO officer's, one institution): {f['xlsx_summary']:.2f} s")
        print(
            f"CSV export {f['csv']:.3f} s  vs values_list fetch {f['values_list']:.3f} s  = "
            f"{f['csv'] / f['values_list']:.2f}x (goal <= 3x)"
        )
    peaks = {}
    for factor, db in dbs.items():
        peak, base = map(float, run("--child", db).split())
        peaks[factor] = peak
        print(f"\npeak RSS building CSV + XLSX at x{factor}: {peak:.0f} MB (process after setup: {base:.0f} MB)")
    if len(peaks) == 2:
        print(f"memory x{args.scale} / x1 = {peaks[args.scale] / peaks[1]:.2f} (goal < 1.5)")
    print(f"\n# {sys.executable} {' '.join(sys.argv)}; SQLite; {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
