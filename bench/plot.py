#!/usr/bin/env python3
"""Draws bench/throughput.svg: throughput (MB/s) against payload size for the
`validate_job` series (create_job with 10 to 100,000 targets), one line per function:
vendorspec (parse + validate, spans kept), the serde_json parse alone, and serde_json +
jsonschema; vendorspec on the wire form (lenient JSON in the Ivanti envelope) dashed.

    python3 bench/plot.py [--criterion] [CRITERION_DIR] [OUT.svg]

Both sources are written by the same `cargo bench -p vendorspec --bench validate` run into
the criterion folder. By default the times are the medians of the bench's interleaved
rounds (`interleaved.json`: the functions run in turn, so a shared machine's changing
load does not bend one line and not another); with --criterion, or when that file is
missing, criterion's own estimates. The SVG says which.

Standard library only: the SVG is written by hand. MB/s is 10^6 bytes of the strict
payload (of the wire payload for the wire line) per second.
"""

import json
import math
import sys
from pathlib import Path

from criterion_data import criterion_dir, human_bytes, load

GROUP = "validate_job"
SERIES = [
    # function, label, colour, dashed
    ("vendorspec", "vendorspec parse + validate", "#1b6ac9", False),
    ("vendorspec_wire", "vendorspec, wire form (lenient, enveloped)", "#1b6ac9", True),
    ("serde_json", "serde_json::from_slice::<Value> alone", "#444444", False),
    ("jsonschema", "serde_json + jsonschema iter_errors", "#d9480f", False),
]
WIDTH, HEIGHT = 900, 470
LEFT, RIGHT, TOP, BOTTOM = 70, 330, 50, 60


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def nice_ticks(low, high, count=6):
    """Round tick values covering [low, high] on a linear axis."""
    span = high - low or 1.0
    raw = span / count
    step = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 2.5, 5, 10):
        if step * mult >= raw:
            step *= mult
            break
    ticks = [math.floor(low / step) * step]
    while ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def times(root, results, use_criterion):
    """{(function, case): ns per call} and a description of where they come from."""
    path = root / "interleaved.json"
    if not use_criterion and path.exists():
        rows = json.loads(path.read_text()).get("cases", [])
        found = {
            (f, r["case"]): ns
            for r in rows
            if r["group"] == GROUP
            for f, ns in r["ns"].items()
        }
        if found:
            return found, "medians of interleaved rounds"
    found = {(f, case): r["ns"] for (g, f, case), r in results.items() if g == GROUP}
    return found, "criterion estimates"


def main():
    args = [a for a in sys.argv[1:] if a != "--criterion"]
    root = criterion_dir(args[0] if args else None)
    out = Path(args[1]) if len(args) > 1 else Path(__file__).with_name("throughput.svg")
    results = load(root)
    per_call, source = times(root, results, "--criterion" in sys.argv[1:])
    lines = {}
    for function, *_ in SERIES:
        points = []
        for (f, case), ns in per_call.items():
            # Sizes from criterion's throughput: the strict bytes, the wire bytes for the
            # wire form.
            meta = results.get((GROUP, f, case))
            if f == function and meta and meta["bytes"]:
                points.append((meta["bytes"], meta["bytes"] / ns * 1e3, case))
        if points:
            lines[function] = sorted(points)
    if not lines:
        sys.exit(f"no `{GROUP}` results in {root}: run `cargo bench -p vendorspec --bench validate`")

    xs = [p[0] for pts in lines.values() for p in pts]
    ys = [p[1] for pts in lines.values() for p in pts]
    x_lo = 10 ** math.floor(math.log10(min(xs)))
    x_hi = 10 ** math.ceil(math.log10(max(xs)))
    y_ticks = nice_ticks(0, max(ys) * 1.05)
    y_hi = y_ticks[-1]
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def px(x):
        return LEFT + (math.log10(x) - math.log10(x_lo)) / (math.log10(x_hi) - math.log10(x_lo)) * plot_w

    def py(y):
        return TOP + plot_h - y / y_hi * plot_h

    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{LEFT}" y="22" font-size="15" font-weight="bold">'
        "create_job validation throughput against payload size</text>",
        f'<text x="{LEFT}" y="40" font-size="11" fill="#555">'
        f"thread CPU time, {esc(source)}; same bytes for every tool, one bench run</text>",
    ]
    # Grid and axes.
    for t in y_ticks:
        y = py(t)
        svg.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#e5e5e5"/>')
        svg.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{t:g}</text>')
    decade = x_lo
    while decade <= x_hi:
        x = px(decade)
        svg.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + plot_h}" stroke="#e5e5e5"/>')
        svg.append(
            f'<text x="{x:.1f}" y="{TOP + plot_h + 18}" text-anchor="middle">{esc(human_bytes(decade))}</text>'
        )
        decade *= 10
    svg.append(
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#888"/>'
    )
    svg.append(
        f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 18}" text-anchor="middle">'
        "payload size (strict JSON bytes, log scale; 10 to 100,000 targets)</text>"
    )
    svg.append(
        f'<text transform="translate(18 {TOP + plot_h / 2}) rotate(-90)" text-anchor="middle">'
        "throughput, MB/s</text>"
    )
    # Lines, points and the legend.
    legend_y = TOP + 10
    for function, label, colour, dashed in SERIES:
        pts = lines.get(function)
        if not pts:
            continue
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y, _ in pts)
        svg.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for x, y, case in pts:
            svg.append(
                f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3.5" fill="{colour}">'
                f"<title>{esc(label)}: {case} targets, {esc(human_bytes(x))}, {y:.0f} MB/s</title></circle>"
            )
        lx = LEFT + plot_w + 16
        svg.append(
            f'<line x1="{lx}" y1="{legend_y}" x2="{lx + 24}" y2="{legend_y}" stroke="{colour}" stroke-width="2"{dash}/>'
        )
        svg.append(f'<text x="{lx + 30}" y="{legend_y + 4}">{esc(label)}</text>')
        legend_y += 22
    for i, note in enumerate(
        [
            "higher is faster; the wire line counts",
            "the wire bytes (lenient JSON, enveloped);",
            "reproduce: bench/RESULTS.md",
        ]
    ):
        svg.append(
            f'<text x="{LEFT + plot_w + 16}" y="{legend_y + 14 + 14 * i}" font-size="11" '
            f'fill="#555">{esc(note)}</text>'
        )
    svg.append("</svg>")
    out.write_text("\n".join(svg) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
