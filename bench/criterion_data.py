"""Reads criterion's results (`<target>/criterion/<group>/<function>/<case>/new/`).

Shared by ratios.py and plot.py; standard library only, so the scripts run anywhere
Python 3.8+ does.
"""

import json
import os
from pathlib import Path


def criterion_dir(argument=None):
    """The criterion output folder: the argument, else $CARGO_TARGET_DIR/criterion, else
    target/criterion at the repository root."""
    if argument:
        return Path(argument)
    target = os.environ.get("CARGO_TARGET_DIR")
    if target:
        return Path(target) / "criterion"
    return Path(__file__).resolve().parent.parent / "target" / "criterion"


def load(root):
    """{(group, function, case): {"ns": typical time, "bytes": throughput or None,
    "elements": ...}} for every benchmark with a `new/` estimate.

    The typical time is criterion's own headline figure: the slope of the linear
    regression when it has one (linear sampling), else the mean (flat sampling).
    """
    results = {}
    for estimates in Path(root).glob("**/new/estimates.json"):
        meta_path = estimates.with_name("benchmark.json")
        if not meta_path.exists():
            continue
        meta = json.loads(meta_path.read_text())
        est = json.loads(estimates.read_text())
        slope = est.get("slope")
        point = (slope or est["mean"])["point_estimate"]
        throughput = meta.get("throughput") or {}
        case = meta.get("value_str")
        function = meta.get("function_id")
        if case is None:  # a benchmark without a parameter: its function is the case
            case, function = function, ""
        results[(meta["group_id"], function, case)] = {
            "ns": point,
            "bytes": throughput.get("Bytes") or throughput.get("BytesDecimal"),
            "elements": throughput.get("Elements"),
        }
    return results


def human_time(ns):
    """1.23 µs, 45.6 ms: three significant digits."""
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def human_bytes(n):
    for unit, scale in (("MB", 1e6), ("KB", 1e3)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} B"
