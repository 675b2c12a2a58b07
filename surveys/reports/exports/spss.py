"""SPSS .sav and Stata .dta with variable and value labels (pyreadstat, from a pandas frame)."""

from ..records import Column, variable_names


def _frame(columns: list[Column], rows, limit: int):
    import pandas as pd

    names = variable_names(columns, limit)
    kept = [i for i, c in enumerate(columns) if c.kind != "label"]  # value labels replace label columns
    data = {names[i]: [] for i in kept}
    code_maps = {
        i: {code: pos for code, (pos, _label) in columns[i].value_labels.items()}
        for i in kept
        if columns[i].kind == "code"
    }
    for row in rows:
        for i in kept:
            value = row[i]
            if i in code_maps:
                value = code_maps[i].get(value)
            data[names[i]].append(value)
    frame = {}
    for i in kept:
        values = data[names[i]]
        if columns[i].kind in ("code", "flag", "rank", "number"):
            frame[names[i]] = pd.Series(values, dtype="float64")
        else:
            frame[names[i]] = pd.Series(["" if v is None else str(v) for v in values], dtype="object")
    labels = {names[i]: columns[i].label[:80] for i in kept}
    value_labels = {}
    for i in kept:
        c = columns[i]
        if c.kind == "code":
            value_labels[names[i]] = {float(pos): label[:120] for pos, label in c.value_labels.values()}
        elif c.kind == "flag":
            value_labels[names[i]] = {0.0: "not chosen", 1.0: "chosen"}
    return pd.DataFrame(frame), labels, value_labels


def write_sav(path, *, columns: list[Column], rows) -> None:
    import pyreadstat

    frame, labels, value_labels = _frame(columns, rows, 64)
    pyreadstat.write_sav(frame, str(path), column_labels=labels, variable_value_labels=value_labels)


def write_dta(path, *, columns: list[Column], rows) -> None:
    import pyreadstat

    frame, labels, value_labels = _frame(columns, rows, 32)
    value_labels = {name: {int(k): v for k, v in mapping.items()} for name, mapping in value_labels.items()}
    pyreadstat.write_dta(frame, str(path), column_labels=labels, variable_value_labels=value_labels, version=15)
