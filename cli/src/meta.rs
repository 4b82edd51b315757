//! What the tool says about itself: the version line (with the API editions of the bundled
//! spec), shell completion scripts (`vendorspec completions SHELL`) and man pages
//! (`vendorspec man [--out DIR]`), all from the one clap definition in `main.rs`.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::OnceLock;

use clap_mangen::Man;
use clap_mangen::roff::{Roff, roman};

use crate::{EXIT_USAGE, finish, output};

/// The titles of the APIs the bundled spec covers (`Cylance Protect API v2`, ...), once
/// each, in the registry's order. Read from the generated crate, so a new API or edition
/// in `spec/` shows up here by itself.
pub fn api_titles() -> Vec<&'static str> {
    let mut ids: Vec<&str> = Vec::new();
    let mut titles = Vec::new();
    for endpoint in vendorspec::ENDPOINTS {
        if !ids.contains(&endpoint.api.id) {
            ids.push(endpoint.api.id);
            titles.push(endpoint.api.title);
        }
    }
    titles
}

/// What `--version` and `-V` print after the name: `0.1.0 (Cylance Protect API v2, ...)`.
pub fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        format!(
            "{} ({})",
            env!("CARGO_PKG_VERSION"),
            api_titles().join(", ")
        )
    })
}

/// `vendorspec completions SHELL`: the completion script on stdout.
pub fn completions(shell: clap_complete::Shell, mut cmd: clap::Command) -> ExitCode {
    let name = cmd.get_name().to_owned();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, name, &mut script);
    let mut out = output::stdout();
    finish(out.write_all(&script).and_then(|()| out.finish()))
}

/// `vendorspec man`: the page of `vendorspec` with a section for each command on stdout;
/// with `--out DIR`, `vendorspec.1` and one page per command (`vendorspec-validate.1`, ...)
/// written into DIR (created if missing), and their paths on stdout.
pub fn man(cmd: clap::Command, out_dir: Option<&Path>) -> ExitCode {
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    let result = match out_dir {
        None => full_page(&cmd).and_then(|page| {
            let mut out = output::stdout();
            out.write_all(page.as_bytes()).and_then(|()| out.finish())
        }),
        Some(dir) => write_pages(&cmd, dir),
    };
    match (result, out_dir) {
        (Err(e), Some(dir)) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln_masked!(
                "error: cannot write the man pages into {}: {e}",
                dir.display()
            );
            ExitCode::from(EXIT_USAGE)
        }
        (result, _) => finish(result),
    }
}

/// The commands a page lists: every visible one (`help` is disabled before this).
fn commands(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands().filter(|s| !s.is_hide_set())
}

/// The page of one command: its title in capitals (`VENDORSPEC-VALIDATE`), section 1,
/// `vendorspec 0.1.0` in the footer; then NAME, SYNOPSIS, DESCRIPTION, OPTIONS, the
/// commands (on the page of `vendorspec`), NOTES (the help's closing text) and VERSION
/// (on the page of `vendorspec`).
fn page(cmd: &clap::Command) -> io::Result<String> {
    let name = cmd.get_display_name().unwrap_or_else(|| cmd.get_name());
    let man = Man::new(cmd.clone())
        .title(name.to_uppercase())
        .source(format!("vendorspec {}", env!("CARGO_PKG_VERSION")))
        .manual("vendorspec manual");
    let mut text = Vec::new();
    man.render_title(&mut text)?;
    man.render_name_section(&mut text)?;
    text.extend(body(&man, cmd)?.as_bytes());
    if commands(cmd).next().is_some() {
        man.render_subcommands_section(&mut text)?;
    }
    text.extend(notes(cmd).as_bytes());
    if cmd.get_version().is_some() {
        man.render_version_section(&mut text)?;
    }
    let text = without_repeated_preamble(&String::from_utf8_lossy(&text));
    // The page has no date (the same binary makes the same page), and clap_mangen writes
    // that empty argument of `.TH` as nothing at all, which would make the footer's source
    // the date: it is written `""`.
    Ok(text.replacen(" 1  \"vendorspec ", " 1 \"\" \"vendorspec ", 1))
}

/// SYNOPSIS, DESCRIPTION and OPTIONS of a command.
fn body(man: &Man, cmd: &clap::Command) -> io::Result<String> {
    let mut text = Vec::new();
    man.render_synopsis_section(&mut text)?;
    man.render_description_section(&mut text)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut text)?;
    }
    Ok(String::from_utf8_lossy(&text).into_owned())
}

/// The help's closing text (`after_help`: details, examples, exit status) as a NOTES
/// section: paragraphs filled, indented lines (examples, a `vendorspec.toml`) kept as
/// they are.
fn notes(cmd: &clap::Command) -> String {
    let Some(after) = cmd.get_after_long_help().or_else(|| cmd.get_after_help()) else {
        return String::new();
    };
    let mut roff = Roff::new();
    roff.control("SH", ["NOTES"]);
    let text = after.to_string();
    let mut verbatim = false;
    for line in text.lines() {
        let indented = line.starts_with("  ");
        if line.trim().is_empty() {
            if verbatim {
                roff.control("fi", []).control("RE", []);
                verbatim = false;
            }
            roff.control("PP", []);
            continue;
        }
        if indented != verbatim {
            if indented {
                roff.control("RS", ["4"]).control("nf", []);
            } else {
                roff.control("fi", []).control("RE", []);
            }
            verbatim = indented;
        }
        let line = if indented { &line[2..] } else { line };
        roff.text([roman(line)]);
    }
    if verbatim {
        roff.control("fi", []).control("RE", []);
    }
    roff.render()
}

/// Whether a line is part of the roff preamble (the `\*(Aq` string), which each section
/// rendered on its own starts with.
fn is_preamble(line: &str) -> bool {
    line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq")
}

/// The text with the preamble once, at the top.
fn without_repeated_preamble(text: &str) -> String {
    let mut kept = 0;
    text.split_inclusive('\n')
        .filter(|line| {
            if !is_preamble(line) {
                return true;
            }
            kept += 1;
            kept <= 2
        })
        .collect()
}

/// The page of `vendorspec`, then a section per command (`VENDORSPEC VALIDATE`) holding
/// its synopsis, description, options and notes as subsections: the whole reference in
/// one page.
fn full_page(cmd: &clap::Command) -> io::Result<String> {
    let mut text = page(cmd)?;
    for sub in commands(cmd) {
        let man = Man::new(sub.clone());
        let heading = format!("{} {}", cmd.get_name(), sub.get_name()).to_uppercase();
        text.push_str(&format!(".SH \"{heading}\"\n"));
        let part = body(&man, sub)? + &notes(sub);
        for line in part.lines().filter(|line| !is_preamble(line)) {
            match line.strip_prefix(".SH ") {
                Some(rest) => text.push_str(&format!(".SS {rest}\n")),
                None => {
                    text.push_str(line);
                    text.push('\n');
                }
            }
        }
    }
    Ok(text)
}

/// `vendorspec.1` and a page per command into `dir`.
fn write_pages(cmd: &clap::Command, dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for command in std::iter::once(cmd).chain(commands(cmd)) {
        let name = command
            .get_display_name()
            .unwrap_or_else(|| command.get_name());
        let path = dir.join(format!("{name}.1"));
        std::fs::write(&path, page(command)?)?;
        written.push(path);
    }
    let mut out = output::stdout();
    for path in written {
        writeln!(out, "{}", path.display())?;
    }
    out.finish()
}
