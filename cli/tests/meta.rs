//! What the tool says about itself, run through the built binary: `--version` names every
//! API of the bundled spec (read here from the library, not copied), `completions` scripts
//! that the shells accept and that complete the real commands, and man pages that groff
//! renders without a warning.

// A note to the test harness is not the tool's output (clippy.toml routes that).
#![allow(clippy::disallowed_macros)]

mod common;

use std::path::Path;
use std::process::Command;

use common::run;

/// The commands `vendorspec --help` lists (but `help`), in its order.
fn commands() -> Vec<String> {
    let help = run(&["--help"]);
    assert_eq!(help.code, 0, "{}", help.stderr);
    let list = help
        .stdout
        .split_once("Commands:\n")
        .expect("a Commands section")
        .1;
    let names: Vec<String> = list
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect();
    for known in ["endpoints", "validate", "completions", "man"] {
        assert!(names.iter().any(|n| n == known), "{known} in {names:?}");
    }
    names
}

/// Whether `program` runs here (`program --version` succeeds).
fn available(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The API titles of the bundled spec, from the library the binary is built with.
fn api_titles() -> Vec<&'static str> {
    let mut titles: Vec<&str> = vendorspec::ENDPOINTS.iter().map(|e| e.api.title).collect();
    titles.dedup();
    titles.sort_unstable();
    titles.dedup();
    assert!(!titles.is_empty(), "the registry has endpoints");
    titles
}

#[test]
fn the_version_names_every_api_of_the_spec() {
    let titles = api_titles();
    for flag in ["--version", "-V"] {
        let r = run(&[flag]);
        assert_eq!(r.code, 0, "{flag}: {}", r.stderr);
        let line = r.stdout.trim_end();
        assert_eq!(
            r.stdout.lines().count(),
            1,
            "{flag}: one line: {}",
            r.stdout
        );
        let prefix = format!("vendorspec {} (", env!("CARGO_PKG_VERSION"));
        assert!(line.starts_with(&prefix), "{flag}: {line}");
        assert!(line.ends_with(')'), "{flag}: {line}");
        // Exactly the spec's APIs, each once.
        let listed: Vec<&str> = line[prefix.len()..line.len() - 1].split(", ").collect();
        let mut sorted = listed.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, titles, "{flag}: {line}");
    }
}

/// Runs `script` in `bash --norc` and gives its stdout; it must succeed.
fn bash(script: &str) -> String {
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", script])
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "bash failed on:\n{script}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn bash_completions_parse_and_complete_the_real_commands() {
    let r = run(&["completions", "bash"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("vendorspec.bash");
    std::fs::write(&file, &r.stdout).unwrap();
    let file = file.to_str().unwrap();
    bash(&format!("bash -n '{file}'"));
    let commands = commands();
    for name in &commands {
        assert!(r.stdout.contains(name.as_str()), "{name} in the script");
    }
    // Loaded, the script registers a function for `vendorspec` that completes what is typed.
    let complete = |words: &str| -> Vec<String> {
        let script = format!(
            r#"source '{file}'
f=$(complete -p vendorspec | sed -n 's/.* -F \([^ ]*\) .*/\1/p')
test -n "$f" || {{ echo "no completion function: $(complete -p vendorspec)" >&2; exit 1; }}
COMP_WORDS=({words})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE="${{COMP_WORDS[*]}}"
COMP_POINT=${{#COMP_LINE}}
"$f" vendorspec "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#
        );
        bash(&script).lines().map(str::to_owned).collect()
    };
    let all = complete("vendorspec ''");
    for name in &commands {
        assert!(
            all.contains(name),
            "{name} completed after `vendorspec `: {all:?}"
        );
    }
    assert_eq!(complete("vendorspec vali"), ["validate"]);
    let shells = complete("vendorspec completions ''");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        assert!(shells.iter().any(|s| s == shell), "{shell} in {shells:?}");
    }
    let formats = complete("vendorspec validate --format ''");
    for format in ["human", "json", "github", "sarif", "junit"] {
        assert!(
            formats.iter().any(|f| f == format),
            "{format} in {formats:?}"
        );
    }
}

#[test]
fn completions_for_the_other_shells() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, checker) in [
        ("zsh", Some(("zsh", &["-n"][..]))),
        ("fish", Some(("fish", &["--no-execute"][..]))),
        ("powershell", None),
        ("elvish", None),
    ] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains("vendorspec"), "{shell}: {}", r.stdout);
        assert!(r.stdout.contains("validate"), "{shell}: {}", r.stdout);
        if let Some((program, args)) = checker.filter(|(p, _)| available(p)) {
            let file = dir.path().join(format!("vendorspec.{shell}"));
            std::fs::write(&file, &r.stdout).unwrap();
            let out = Command::new(program)
                .args(args)
                .arg(&file)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{program} rejects the script: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            if shell == "fish" {
                // Loaded, it completes what is typed.
                let script = format!("source {}; complete -C 'vendorspec vali'", file.display());
                let out = Command::new("fish").args(["-c", &script]).output().unwrap();
                let completed = String::from_utf8_lossy(&out.stdout);
                assert!(completed.starts_with("validate\t"), "{completed}");
            }
        }
    }
    let r = run(&["completions", "tcsh"]);
    assert_eq!(r.code, 2, "an unknown shell is a usage error");
    assert!(r.stderr.contains("possible values"), "{}", r.stderr);
}

/// Renders a man page with groff, where it is installed: no warning, and the text.
fn render(page: &Path) -> Option<String> {
    if !available("groff") {
        eprintln!("note: groff is not installed; the pages are checked as text only");
        return None;
    }
    let out = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-rLL=100n"])
        .arg(page)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("groff runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.trim().is_empty(),
        "groff on {}: {stderr}",
        page.display()
    );
    // Plain text: groff's overstriking for bold and underline, and its hyphens, undone.
    let text = String::from_utf8_lossy(&out.stdout)
        .replace("\u{2010}", "-")
        .replace("\u{2212}", "-");
    let mut plain = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if chars.peek() == Some(&'\u{8}') {
            chars.next();
            continue;
        }
        plain.push(c);
    }
    Some(plain)
}

#[test]
fn the_man_page_has_a_section_per_command_and_renders() {
    let r = run(&["man"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = &r.stdout;
    assert!(
        page.lines().any(|l| l.starts_with(".TH VENDORSPEC 1 ")),
        "{page}"
    );
    let commands = commands();
    for name in &commands {
        let heading = format!(".SH \"VENDORSPEC {}\"", name.to_uppercase());
        assert!(page.contains(&heading), "{heading} in the page");
    }
    assert!(!page.contains("VENDORSPEC HELP"), "no section for `help`");
    assert!(page.contains(&format!("vendorspec {}", env!("CARGO_PKG_VERSION"))));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("vendorspec.1");
    std::fs::write(&file, page).unwrap();
    if let Some(text) = render(&file) {
        for name in &commands {
            assert!(
                text.contains(&format!("vendorspec {name}")),
                "`vendorspec {name}` in the rendered page:\n{text}"
            );
        }
        for flag in ["--endpoint", "--deny-warnings", "--fail-on", "--out"] {
            assert!(text.contains(flag), "{flag} in the rendered page");
        }
    }
}

#[test]
fn man_out_writes_a_page_per_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let r = run(&["man", "--out", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let commands = commands();
    let mut expected: Vec<String> = vec!["vendorspec.1".into()];
    expected.extend(commands.iter().map(|c| format!("vendorspec-{c}.1")));
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    expected.sort();
    assert_eq!(written, expected);
    assert_eq!(r.stdout.lines().count(), expected.len(), "{}", r.stdout);
    for name in &expected {
        let path = out.join(name);
        assert!(r.stdout.contains(path.to_str().unwrap()), "{}", r.stdout);
        let page = std::fs::read_to_string(&path).unwrap();
        let title = name.trim_end_matches(".1").to_uppercase();
        assert!(
            page.lines()
                .any(|l| l.starts_with(&format!(".TH {title} 1 "))),
            "{name}: {page}"
        );
        if let Some(text) = render(&path) {
            let command = name.trim_end_matches(".1").replacen('-', " ", 1);
            assert!(text.contains(&command), "{name}: {text}");
        }
    }
}
