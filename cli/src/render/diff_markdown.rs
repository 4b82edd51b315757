//! `vendorspec diff --format markdown`: the change report for a pull-request comment or a CHANGELOG entry: a heading per
//! level (breaking first), a sub-heading per endpoint (or API), a bullet per change.

use std::fmt::Write;

use vendorspec_model::diff::describe::code;
use vendorspec_model::diff::{Change, Level, Report};

/// Renders the report; headings start at `##` so the text can sit under a release
/// heading of a CHANGELOG.
pub fn render(report: &Report) -> String {
    let mut out = String::from("## Contract changes\n\n");
    let s = &report.summary;
    if s.changes == 0 {
        out.push_str("No changes.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "{} breaking, {} compatible, {} info.",
        s.breaking, s.compatible, s.info
    );
    for level in Level::ALL {
        let changes: Vec<&Change> = report.changes.iter().filter(|c| c.level == level).collect();
        if changes.is_empty() {
            continue;
        }
        let heading = match level {
            Level::Breaking => "Breaking",
            Level::Compatible => "Compatible",
            Level::Info => "Info",
        };
        let _ = write!(out, "\n### {heading}\n");
        let mut subject: Option<(&str, Option<&str>)> = None;
        for change in changes {
            let this = (change.api.as_str(), change.endpoint.as_deref());
            if subject != Some(this) {
                subject = Some(this);
                match this.1 {
                    Some(endpoint) => {
                        let _ = write!(out, "\n#### {} ({})\n\n", code(endpoint), code(this.0));
                    }
                    None => {
                        let _ = write!(out, "\n#### API {}\n\n", code(this.0));
                    }
                }
            }
            let _ = write!(out, "- {}", change.body_label());
            if !change.path.is_empty() {
                let _ = write!(out, " {}", code(&change.path));
            }
            let _ = write!(out, ": {}", change.message);
            if let Some(note) = change.sides_note() {
                let _ = write!(out, " _({note})_");
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use vendorspec_model::diff;

    /// The rich fixture of the model's diff tests: a change of every kind.
    pub(crate) fn rich() -> diff::Report {
        // Relative, as a user would name them: the annotations quote the path.
        let fixtures = Path::new("../model/tests/fixtures/diff");
        let load = |name: &str| diff::load(&fixtures.join(name)).unwrap_or_else(|e| panic!("{e}"));
        diff::diff(&load("base.yaml"), &load("rich.yaml"))
    }

    #[test]
    fn markdown_rendering() {
        insta::assert_snapshot!(super::render(&rich()));
    }

    #[test]
    fn github_rendering() {
        let mut out = Vec::new();
        crate::render::github::write_diff(&mut out, &rich()).unwrap();
        insta::assert_snapshot!(String::from_utf8(out).unwrap());
    }
}
