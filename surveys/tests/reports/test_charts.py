from xml.etree import ElementTree  # noqa: S405 (our own SVG, made in the test)

from surveys.reports.charts import bar_svg, histogram_svg, stacked_svg

NS = "{http://www.w3.org/2000/svg}"


def test_bar_chart_draws_shown_counts_and_labels_suppressed_ones():
    svg = bar_svg(
        rows=[{"label": "Yes", "count": 30}, {"label": "No", "count": None}, {"label": "<b>Maybe</b>", "count": 15}],
        title="Went abroad",
        chart_id="c1",
    )
    root = ElementTree.fromstring(  # noqa: S314 (our own SVG)
        svg
    )
    assert root.get("role") == "img"
    assert root.find(f"{NS}title").text == "Went abroad"
    bars = [r for r in root.iter(f"{NS}rect") if r.get("height") == "22"]
    assert len(bars) == 2
    assert float(bars[0].get("width")) == 2 * float(bars[1].get("width"))
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "suppressed" in texts and "<b>Maybe</b>" in texts  # escaped, so it is text and not markup


def test_histogram_and_stacked_bars_are_valid_svg():
    hist = ElementTree.fromstring(  # noqa: S314 (our own SVG)
        histogram_svg(bins=[{"label": "1", "count": 5}, {"label": "2", "count": None}], title="Age", chart_id="h")
    )
    assert len(list(hist.iter(f"{NS}rect"))) == 2  # background and one column
    stacked = ElementTree.fromstring(  # noqa: S314 (our own SVG)
        stacked_svg(
            rows=[{"label": "Info", "counts": [10, 30]}, {"label": "Money", "counts": [None, 20]}],
            scale=["No", "Yes"],
            title="Support",
            chart_id="s",
        )
    )
    texts = [t.text for t in stacked.iter(f"{NS}text")]
    assert "Money (incomplete)" in texts and "Info" in texts
