#!/usr/bin/env python3
"""Prints the ratios of DESIGN.md's performance targets from criterion's results.

    python3 bench/ratios.py [CRITERION_DIR]

CRITERION_DIR defaults to $CARGO_TARGET_DIR/criterion, else target/criterion. Reads the
`validate_*` groups of `cargo bench -p vendorspec --bench validate` and the `codegen` group
of `cargo bench -p vendorspec-codegen --bench codegen`, and prints Markdown tables:

- per case: vendorspec ÷ serde_json parse (target ≤ 1.0 on every valid case, ≤ 0.5 on the
  100,000-target job) and vendorspec ÷ jsonschema (target ≤ 1.0 valid, ≤ 0.5 invalid), both on the same strict
  bytes; for the Ivanti endpoints also the wire form (lenient JSON in the envelope) ÷
  serde_json on the strict bytes;
- codegen: spec/ (target < 50 ms) and the synthetic specs (target: linear, < 1 s for
  1,000 endpoints), with the time per endpoint to show linearity.

Exit status 0 always: this reports, it does not gate.
"""

import json
import sys

from criterion_data import criterion_dir, human_bytes, human_time, load

# (group, title, ours ÷ serde_json limit, ours ÷ jsonschema limit): the targets of
# docs/PERFORMANCE.md; the 100,000-target job's parse limit is 0.5 (JOB_LIMIT).
VALIDATE_GROUPS = [
    ("validate_1kb", "1 KB request per endpoint", 1.0, 1.0),
    ("validate_job", "create_job discovery job, by number of targets", 1.0, 1.0),
    ("validate_invalid", "invalid payloads (many errors)", None, 0.5),
]
JOB_LIMIT = 0.5


def mark(ratio, limit):
    if ratio is None or limit is None:
        return ""
    return " ✓" if ratio <= limit else " ✗"


def fmt_ratio(ratio, limit=None):
    return "–" if ratio is None else f"{ratio:.2f}{mark(ratio, limit)}"


def case_order(case):
    return (0, int(case)) if case.isdigit() else (1, case)


def load_interleaved(root):
    """{(group, case): row} from the validate bench's interleaved pass, if it ran."""
    path = root / "interleaved.json"
    if not path.exists():
        return {}
    rows = json.loads(path.read_text()).get("cases", [])
    return {(r["group"], r["case"]): r for r in rows}


def validate_tables(results, interleaved):
    lines = []
    for group, title, parse_limit, schema_limit in VALIDATE_GROUPS:
        cases = sorted({c for (g, _, c) in results if g == group}, key=case_order)
        if not cases:
            continue
        lines.append(f"### {group}: {title}\n")
        lines.append(
            "| case | bytes | vendorspec | serde_json | jsonschema | ours ÷ serde_json "
            "| ours ÷ jsonschema | wire ÷ serde_json "
            "| interleaved: ours ÷ serde_json | ours ÷ jsonschema |"
        )
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for case in cases:
            get = lambda f: results.get((group, f, case))  # noqa: E731
            ours, wire, serde, schema = (
                get(f) for f in ("vendorspec", "vendorspec_wire", "serde_json", "jsonschema")
            )
            if not ours:
                continue
            limit = JOB_LIMIT if group == "validate_job" and case == "100000" else parse_limit
            r_serde = ours["ns"] / serde["ns"] if serde else None
            r_schema = ours["ns"] / schema["ns"] if schema else None
            r_wire = wire["ns"] / serde["ns"] if wire and serde else None
            row = interleaved.get((group, case), {})
            lines.append(
                f"| {case} | {human_bytes(ours['bytes'] or 0)} | {human_time(ours['ns'])} "
                f"| {human_time(serde['ns']) if serde else '–'} "
                f"| {human_time(schema['ns']) if schema else '–'} "
                f"| {fmt_ratio(r_serde, limit)} | {fmt_ratio(r_schema, schema_limit)} "
                f"| {fmt_ratio(r_wire)} "
                f"| {fmt_ratio(row.get('ours_serde_json'), limit)} "
                f"| {fmt_ratio(row.get('ours_jsonschema'), schema_limit)} |"
            )
        lines.append("")
    return lines


def codegen_table(results):
    rows = {c: r for (g, _, c), r in results.items() if g == "codegen"}
    if not rows:
        return []
    lines = ["### codegen: load + check + emit Rust\n"]
    lines.append("| spec | endpoints | time | per endpoint | target |")
    lines.append("|---|---:|---:|---:|---|")
    if "spec_dir" in rows:
        ns = rows["spec_dir"]["ns"]
        ok = "✓" if ns < 50e6 else "✗"
        lines.append(f"| spec/ (all specs) | 6 | {human_time(ns)} | – | < 50 ms {ok} |")
    synthetic = sorted((int(c), r) for c, r in rows.items() if c.isdigit())
    base = None
    for count, r in synthetic:
        per = r["ns"] / count
        base = base or per
        target = ""
        if count == 1000:
            target = f"< 1 s {'✓' if r['ns'] < 1e9 else '✗'}"
        lines.append(
            f"| synthetic | {count} | {human_time(r['ns'])} | {human_time(per)} "
            f"({per / base:.2f}× the 100's) | {target} |"
        )
    lines.append("")
    return lines


def main():
    root = criterion_dir(sys.argv[1] if len(sys.argv) > 1 else None)
    if not root.is_dir():
        sys.exit(f"no criterion results in {root}: run the benches first (bench/RESULTS.md)")
    results = load(root)
    lines = validate_tables(results, load_interleaved(root)) + codegen_table(results)
    if not lines:
        sys.exit(f"no vendorspec benchmark results in {root}")
    print("\n".join(lines))
    print(
        "✓/✗: docs/PERFORMANCE.md targets (ours ÷ serde_json ≤ 1.0 on every valid case, ≤ 0.5 "
        "on 100,000 targets; ours ÷ jsonschema ≤ 1.0 valid, ≤ 0.5 invalid). All three read the same strict bytes; the wire column is "
        "the Ivanti envelope with lenient JSON inside, over the strict serde_json time. "
        "Criterion's ratios divide two benchmarks measured seconds apart; the interleaved "
        "ones are medians of per-round ratios, the functions run in turn a millisecond "
        "apart (generated/benches/validate.rs, `interleaved`), so they move less when "
        "the machine is shared."
    )


if __name__ == "__main__":
    main()
