//! The human report: one line per change, `level  where: what`, then a summary line.

use std::fmt::Write;

use super::change::Report;

/// `breaking    create_job request /DiscoveryTargets/...: message`, aligned on the
/// level, then `3 changes: 1 breaking, 1 compatible, 1 info` (or `no changes`).
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for change in &report.changes {
        let _ = write!(
            out,
            "{:<10}  {}: {}",
            change.level.as_str(),
            change.location(),
            change.message
        );
        if let Some(note) = change.sides_note() {
            let _ = write!(out, " ({note})");
        }
        out.push('\n');
    }
    out.push_str(&report.summary.sentence());
    out.push('\n');
    out
}
