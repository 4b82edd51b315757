//! The README as a newcomer reads it: its first commands are the main job on the bundled
//! examples and the tests; the output it shows is what the built binary prints; every
//! `vendorspec` command in its shell blocks parses; the words it needs are explained where
//! they first appear; its links lead to files that exist; and the project's internal
//! history (issue numbers, commits, past rounds) is in docs/HISTORY.md, not here.
//! (The install and CI snippets are checked by `install_files.rs`.)

mod common;

use std::path::Path;

use common::{root, run, run_in};

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md")
}

/// The fenced blocks of a Markdown text: (language, body), in order.
fn blocks(text: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in text.lines() {
        let fence = line.trim_start().strip_prefix("```");
        match (open.as_mut(), fence) {
            (None, Some(lang)) => open = Some((lang.trim().to_owned(), String::new())),
            (Some(_), Some(_)) => blocks.extend(open.take()),
            (Some((_, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

/// The commands of a shell block: its lines without comments, blank lines left out.
fn commands(body: &str) -> Vec<String> {
    body.lines()
        .map(|l| l.split(" #").next().unwrap_or(l).trim().to_owned())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

#[test]
fn the_first_commands_run_the_examples_then_the_tests() {
    let text = readme();
    let first = blocks(&text).into_iter().next().expect("a code block");
    assert_eq!(first.0, "sh", "the first block is a shell block");
    assert_eq!(
        commands(&first.1),
        ["bash examples/validate-all.sh", "bash .ci/test"]
    );
    for script in ["examples/validate-all.sh", ".ci/test"] {
        assert!(root().join(script).is_file(), "{script} exists");
    }
    let install = text.find("\n## Install\n").expect("an Install section");
    assert!(
        text.find("bash examples/validate-all.sh").unwrap() < install,
        "the first commands come before the install section"
    );
}

#[test]
fn the_examples_script_is_not_silent_while_it_builds() {
    let script = std::fs::read_to_string(root().join("examples/validate-all.sh")).unwrap();
    let build = script
        .lines()
        .position(|l| l.trim_start().starts_with("cargo build"))
        .expect("the script builds with cargo");
    let line = script.lines().nth(build).unwrap();
    assert!(
        !line.contains(" -q") && !line.contains("--quiet"),
        "cargo's progress shows: {line}"
    );
    assert!(
        script
            .lines()
            .take(build)
            .any(|l| l.contains("echo \"building vendorspec") && l.contains(">&2")),
        "a line on stderr says what is being built before cargo starts"
    );
}

#[test]
fn the_example_output_is_what_the_binary_prints() {
    let text = readme();
    // After the block that runs the script: the output block, in part.
    let blocks = blocks(&text);
    let shown = blocks
        .iter()
        .position(|(_, body)| body.starts_with("error[unknown_field]"))
        .map(|i| &blocks[i].1)
        .expect("the examples' output in the README");
    let r = run_in(&root().join("examples"), &["validate"]);
    assert_eq!(
        r.code, 1,
        "some examples are invalid on purpose: {}",
        r.stderr
    );
    for part in shown.trim_end().split("\n\n") {
        assert!(
            r.stdout.contains(part),
            "the README shows\n{part}\nbut the binary prints\n{}",
            r.stdout
        );
    }
    // The summary is the last line, in full.
    assert_eq!(
        r.stdout.trim_end().lines().last(),
        shown.trim_end().lines().last()
    );
}

#[test]
fn the_standard_input_example_prints_what_the_readme_shows() {
    let text = readme();
    let blocks = blocks(&text);
    let i = blocks
        .iter()
        .position(|(lang, body)| lang == "sh" && body.starts_with("echo '{"))
        .expect("the standard-input example");
    let line = blocks[i].1.trim_end();
    let (echo, command) = line.split_once(" | ").expect("echo ... | vendorspec ...");
    let body = echo
        .strip_prefix("echo '")
        .and_then(|b| b.strip_suffix('\''))
        .expect("echo '...'");
    let args: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(args[0], "target/debug/vendorspec");
    let r: common::Run = common::vendorspec()
        .args(&args[1..])
        .write_stdin(format!("{body}\n"))
        .output()
        .unwrap()
        .into();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(blocks[i + 1].0, "", "the output follows the command");
    assert_eq!(r.stdout, blocks[i + 1].1);
}

#[test]
fn the_version_line_shown_is_the_binarys() {
    let text = readme();
    let shown = text
        .lines()
        .find(|l| l.starts_with("vendorspec 0") || l.starts_with("vendorspec 1"))
        .expect("the --version line in the README");
    assert_eq!(run(&["--version"]).stdout.trim_end(), shown);
}

/// Words after the first, until a pipe or a redirection.
fn arguments(line: &str) -> Vec<&str> {
    line.split_whitespace()
        .skip(1)
        .take_while(|w| !matches!(*w, "|" | ">" | ">>" | "&&" | "||" | ";") && !w.starts_with('>'))
        .map(|w| w.trim_matches('\''))
        .collect()
}

#[test]
fn every_vendorspec_command_in_a_shell_block_parses() {
    let text = readme();
    let mut checked = 0;
    for (lang, body) in blocks(&text) {
        if lang != "sh" {
            continue;
        }
        for line in commands(&body) {
            let program = line.split_whitespace().next().unwrap();
            if program != "vendorspec" && !program.ends_with("/vendorspec") {
                continue;
            }
            // clap answers `--help` only once every argument before it parsed.
            let mut args = arguments(&line);
            args.push("--help");
            let r = run(&args);
            assert_eq!(r.code, 0, "`{line}` does not parse: {}", r.stderr);
            checked += 1;
        }
    }
    assert!(checked >= 4, "{checked} commands checked");
}

#[test]
fn jargon_is_explained_where_it_is_first_used() {
    let text = readme().to_lowercase();
    for word in ["lenient", "envelope", "advice"] {
        let first = text.find(word).unwrap_or_else(|| panic!("{word} is used"));
        assert_eq!(
            text.find(&format!("**{word}**")).map(|i| i + 2),
            Some(first),
            "`{word}` first appears where it is explained (in bold)"
        );
    }
}

#[test]
fn links_lead_to_files_that_exist() {
    let text = readme();
    let mut checked = 0;
    for (i, _) in text.match_indices("](") {
        let target = &text[i + 2..];
        let target = &target[..target.find(')').expect("a closed link")];
        if target.starts_with("http") || target.starts_with('#') {
            continue;
        }
        let path = target.split('#').next().unwrap();
        assert!(
            root().join(Path::new(path)).exists(),
            "the README links to {path}, which does not exist"
        );
        checked += 1;
    }
    assert!(checked >= 4, "{checked} links checked");
}

#[test]
fn internal_history_is_in_the_docs_not_in_the_readme() {
    let text = readme();
    let lower = text.to_lowercase();
    for phrase in ["issue ", "issues ", "now fixed", "formerly", "before/after"] {
        assert!(!lower.contains(phrase), "the README says `{phrase}`");
    }
    // No commit hashes: a word of 7 to 40 hex digits with a letter and a digit.
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let hex = (7..=40).contains(&word.len())
            && word.chars().all(|c| c.is_ascii_hexdigit())
            && word.chars().any(|c| c.is_ascii_digit())
            && word.chars().any(|c| c.is_ascii_alphabetic());
        assert!(!hex, "a commit hash in the README: {word}");
    }
    let history = std::fs::read_to_string(root().join("docs/HISTORY.md")).unwrap();
    assert!(
        history.contains("| part | state |"),
        "the status table moved there"
    );
    assert!(text.contains("docs/HISTORY.md"), "the README links to it");
}
