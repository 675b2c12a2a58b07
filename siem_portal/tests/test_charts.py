"""The one chart module: valid SVG, escaped text, suppressed values never drawn as numbers,
"too few answers" instead of empty axes, whole labels kept."""

from pathlib import Path
from xml.etree import ElementTree  # noqa: S405 (our own SVG, made in the test)

from siem_portal.charts import PALETTE, bar_svg, histogram_svg, line_svg, radar_svg, stacked_svg

NS = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parents[2]


def _svg(text):
    return ElementTree.fromstring(text)  # noqa: S314 (our own SVG)


def _texts(root):
    """What a reader sees in each <text>: its lines joined, without the <title> tooltip."""
    out = []
    for node in root.iter(f"{NS}text"):
        spans = [s.text or "" for s in node.iter(f"{NS}tspan")]
        out.append(" ".join(spans) if spans else (node.text or ""))
    return out


def _titles(root):
    return [t.text for t in root.iter(f"{NS}title")]


def test_bar_chart_draws_shown_counts_and_labels_suppressed_ones():
    root = _svg(
        bar_svg(
            rows=[
                {"label": "Yes", "count": 30},
                {"label": "No", "count": None},
                {"label": "<b>Maybe</b>", "count": 15},
            ],
            title="Went abroad",
            chart_id="c1",
        )
    )
    assert root.get("role") == "img"
    assert root.find(f"{NS}title").text == "Went abroad"
    bars = [r for r in root.iter(f"{NS}rect") if r.get("height") == "22"]
    assert len(bars) == 2
    assert float(bars[0].get("width")) == 2 * float(bars[1].get("width"))
    texts = _texts(root)
    assert "suppressed" in texts and "<b>Maybe</b>" in texts  # escaped, so it is text and not markup
    assert bars[0].get("fill") == PALETTE[0]


def test_a_chart_with_nothing_to_show_says_so():
    for svg in (
        bar_svg(rows=[{"label": "Yes", "count": None}, {"label": "No", "count": None}], title="T", chart_id="a"),
        histogram_svg(bins=[{"label": "1", "count": None}, {"label": "2", "count": 0}], title="T", chart_id="b"),
        stacked_svg(rows=[{"label": "Row", "counts": [None, None]}], scale=["No", "Yes"], title="T", chart_id="c"),
    ):
        root = _svg(svg)
        assert "Too few answers to show" in _texts(root)
        assert [r for r in root.iter(f"{NS}rect") if r.get("height") == "22"] == []


def test_long_labels_wrap_and_keep_their_whole_text():
    label = "Information about funding available for students from low-income backgrounds before departure"
    root = _svg(bar_svg(rows=[{"label": label, "count": 12}], title="Support", chart_id="w"))
    assert label in _titles(root)  # the whole label, as a tooltip and for assistive technology
    spans = [s.text for s in root.iter(f"{NS}tspan")]
    assert len(spans) == 2 and spans[0].startswith("Information about")


def test_histogram_and_stacked_bars_are_valid_svg():
    hist = _svg(
        histogram_svg(bins=[{"label": "1", "count": 5}, {"label": "2", "count": None}], title="Age", chart_id="h")
    )
    assert len(list(hist.iter(f"{NS}rect"))) == 2  # background and one column
    stacked = _svg(
        stacked_svg(
            rows=[{"label": "Info", "counts": [10, 30]}, {"label": "Money", "counts": [None, 20]}],
            scale=["No", "Yes"],
            title="Support",
            chart_id="s",
        )
    )
    texts = _texts(stacked)
    assert "Money (incomplete)" in texts and "Info" in texts


def test_radar_and_line_charts_on_the_given_scale():
    axes = ["Inclusive recruitment of participants", "Support", "Community engagement", "Learning"]
    radar = _svg(
        radar_svg(axes=axes, series=[{"label": "Now", "values": [5, 2.5, None, 1]}], title="Radar", scale_max=5)
    )
    assert radar.get("aria-label") == "Radar"
    # the first axis name wraps onto short lines instead of running into its neighbours
    assert [s.text for s in radar.iter(f"{NS}tspan")][:2] == ["Inclusive", "recruitment of"]
    # the top axis name ends above the scale's highest number (12-unit text, 10-unit numbers)
    top_label_baseline = max(float(s.get("y")) for s in next(radar.iter(f"{NS}text")).iter(f"{NS}tspan"))
    five = next(t for t in radar.iter(f"{NS}text") if t.text == "5")
    assert top_label_baseline + 3 < float(five.get("y")) - 8
    line = _svg(
        line_svg(x_labels=["Before", "After"], series=[{"label": "Me", "values": [1, 4]}], title="Trend", scale_max=5)
    )
    assert len(list(line.iter(f"{NS}circle"))) == 2


def test_every_chart_of_the_portal_comes_from_the_one_module():
    offenders = [
        str(p.relative_to(ROOT))
        for p in ROOT.glob("*/**/*.py")
        if ".venv" not in p.parts
        and "tests" not in p.parts
        and p != ROOT / "siem_portal" / "charts.py"
        and '<svg xmlns="http://www.w3.org/2000/svg"' in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
