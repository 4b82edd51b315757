//! The files that install and run vendorspec elsewhere: the GitHub Action (`action.yml`), the
//! pre-commit hook (`.pre-commit-hooks.yaml`), the GitLab CI job (`ci/gitlab-ci.yml`), the
//! release configuration (`dist-workspace.toml`), the README's "In CI and in pre-commit"
//! snippets and the crates' publishing metadata. Each file parses, and every `vendorspec`
//! command it runs names a subcommand and flags that the built binary has: the flags appear
//! in `vendorspec SUBCOMMAND --help`, and the whole command line parses (it is run with
//! `--help` appended, which clap answers only after every argument before it parsed).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_path_buf()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn yaml(path: &str) -> Value {
    let text = read(path);
    serde_saphyr::from_str::<Value>(&text).unwrap_or_else(|e| panic!("{path} does not parse: {e}"))
}

fn toml_file(path: &str) -> toml::Table {
    read(path)
        .parse::<toml::Table>()
        .unwrap_or_else(|e| panic!("{path} does not parse: {e}"))
}

/// The workspace version (`[workspace.package] version`), which the snippets pin.
fn version() -> String {
    toml_file("Cargo.toml")["workspace"]["package"]["version"]
        .as_str()
        .expect("[workspace.package] version")
        .to_owned()
}

/// The name of the package in `dir` (relative to the root) and the names of its binaries.
fn package_in(dir: &str) -> (String, Vec<String>) {
    let manifest = toml_file(&format!("{dir}/Cargo.toml"));
    let package = manifest
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .unwrap_or_else(|| panic!("{dir}/Cargo.toml has no [package] (a virtual manifest)"))
        .to_owned();
    let bins = manifest
        .get("bin")
        .and_then(|b| b.as_array())
        .map(|bins| {
            bins.iter()
                .filter_map(|b| b.get("name").and_then(|n| n.as_str()).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    (package, bins)
}

/// The package that holds the `vendorspec` binary: what `cargo install` and the installers
/// name (cargo-dist calls its installers `PACKAGE-installer.sh` and `.ps1`).
fn cli_package() -> String {
    let (name, bins) = package_in("cli");
    assert!(
        bins.iter().any(|b| b == "vendorspec"),
        "cli/ builds `vendorspec`: {bins:?}"
    );
    name
}

fn run_vendorspec(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_vendorspec"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("the vendorspec binary runs")
}

/// Checks one `vendorspec ...` command line (shell words; what follows a redirection or the
/// end of the command is ignored). `where_` names the file for messages.
fn check_command(line: &str, where_: &str) {
    let words: Vec<&str> = line
        .split_whitespace()
        .take_while(|w| {
            !matches!(*w, ">" | ">>" | "|" | "&&" | "||" | ";" | "2>&1") && !w.starts_with('>')
        })
        .collect();
    let (program, args) = words
        .split_first()
        .unwrap_or_else(|| panic!("{where_}: empty command"));
    assert!(
        program.trim_matches('"').ends_with("vendorspec"),
        "{where_}: `{line}` does not run vendorspec"
    );
    let args: Vec<&str> = args.iter().map(|a| a.trim_matches('"')).collect();
    let subcommand = args.first().filter(|a| !a.starts_with('-')).copied();
    let help_args: Vec<&str> = subcommand.into_iter().chain(["--help"]).collect();
    let help = run_vendorspec(&help_args);
    assert!(
        help.status.success(),
        "{where_}: `vendorspec {}` fails: {}",
        help_args.join(" "),
        String::from_utf8_lossy(&help.stderr)
    );
    let help = String::from_utf8_lossy(&help.stdout).into_owned();
    for arg in &args {
        if let Some(flag) = arg.strip_prefix("--") {
            let flag = flag.split('=').next().unwrap_or(flag);
            let named = help
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .any(|w| w == format!("--{flag}"));
            assert!(
                named,
                "{where_}: `{line}`: `vendorspec {}` does not list --{flag}:\n{help}",
                help_args.join(" ")
            );
        }
    }
    // The whole line parses: clap acts on `--help` only once every argument before it parsed,
    // so an unknown flag or a value that the flag does not take fails here.
    let mut parse: Vec<&str> = args.clone();
    parse.push("--help");
    let parsed = run_vendorspec(&parse);
    assert!(
        parsed.status.success(),
        "{where_}: `vendorspec {}` does not parse: {}",
        args.join(" "),
        String::from_utf8_lossy(&parsed.stderr)
    );
}

/// The lines of a shell script that run vendorspec: those whose first word is `vendorspec`
/// or a path ending in it (`"$DIR/bin/vendorspec"`).
fn vendorspec_lines(script: &str) -> Vec<String> {
    script
        .lines()
        .map(str::trim)
        .filter(|l| {
            l.split_whitespace().next().is_some_and(|w| {
                w.trim_matches('"') == "vendorspec" || w.trim_matches('"').ends_with("/vendorspec")
            })
        })
        .map(str::to_owned)
        .collect()
}

fn str_at<'a>(value: &'a Value, pointer: &str, where_: &str) -> &'a str {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{where_}: no string at {pointer}"))
}

#[test]
fn the_action_installs_the_release_binary_and_runs_an_existing_command() {
    let action = yaml("action.yml");
    assert_eq!(str_at(&action, "/runs/using", "action.yml"), "composite");
    assert_eq!(
        str_at(&action, "/inputs/version/default", "action.yml"),
        "latest"
    );
    assert_eq!(
        str_at(&action, "/inputs/working-directory/default", "action.yml"),
        "."
    );
    let args = str_at(&action, "/inputs/args/default", "action.yml");
    assert_eq!(args, "validate --format github");

    let steps = action
        .pointer("/runs/steps")
        .and_then(Value::as_array)
        .expect("runs.steps");
    let mut commands = Vec::new();
    let mut scripts = String::new();
    for step in steps {
        if let Some(uses) = step.get("uses").and_then(Value::as_str) {
            assert!(
                uses.starts_with("actions/cache@"),
                "action.yml uses only actions/cache: {uses}"
            );
            let key = str_at(step, "/with/key", "action.yml");
            assert!(
                key.contains("steps.resolve.outputs.version") && key.contains("runner.os"),
                "the cache is keyed on the version and the runner: {key}"
            );
            continue;
        }
        let run = str_at(step, "/run", "action.yml");
        assert_eq!(
            str_at(step, "/shell", "action.yml"),
            "bash",
            "every step runs in bash (Windows too)"
        );
        scripts.push_str(run);
        // The inputs reach the script through the environment, never spliced into it.
        let spliced = run.contains("${{");
        assert!(
            !spliced,
            "action.yml: a step splices an expression into its script:\n{run}"
        );
        for line in vendorspec_lines(run) {
            let env_args = step.pointer("/env/VENDORSPEC_ARGS").and_then(Value::as_str);
            if line.contains("$VENDORSPEC_ARGS") {
                assert_eq!(env_args, Some("${{ inputs.args }}"));
                commands.push(line.replace("$VENDORSPEC_ARGS", args));
            } else {
                commands.push(line);
            }
        }
    }
    assert!(
        commands
            .iter()
            .any(|c| c.ends_with("validate --format github")),
        "the action runs `vendorspec validate --format github`: {commands:?}"
    );
    for command in &commands {
        check_command(command, "action.yml");
    }
    // The installers and the crate it falls back to are the ones a release has.
    let cli = cli_package();
    for name in [
        format!("{cli}-installer.sh"),
        format!("{cli}-installer.ps1"),
    ] {
        assert!(scripts.contains(&name), "action.yml downloads {name}");
    }
    assert!(scripts.contains(&format!("cargo install --locked --root \"$DIR\" {cli}")));
    let env_prefix = cli.to_uppercase().replace('-', "_");
    assert!(
        scripts.contains(&format!("{env_prefix}_INSTALL_DIR=")),
        "the installers' install-dir variable"
    );
    assert!(scripts.contains("github.com/vendorspec/vendorspec/releases/"));
}

#[test]
fn the_pre_commit_hook_installs_the_tool_itself_and_runs_an_existing_command() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().expect("a list of hooks");
    let hook = hooks
        .iter()
        .find(|h| h.get("id").and_then(Value::as_str) == Some("vendorspec"))
        .expect("a hook with id vendorspec");
    assert_eq!(
        str_at(hook, "/language", "hook"),
        "rust",
        "pre-commit builds the tool"
    );
    let entry = str_at(hook, "/entry", "hook");
    let args: Vec<&str> = hook
        .get("args")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert_eq!(args, ["--allow-empty"]);
    assert_eq!(str_at(hook, "/files", "hook"), r"\.(json|ya?ml)$");
    // pre-commit appends the staged file names.
    let command = format!(
        "{entry} {} examples/payloads/create_job/full-model.json",
        args.join(" ")
    );
    check_command(&command, ".pre-commit-hooks.yaml");

    // pre-commit's rust support runs `cargo install --bins --path .` in the repository's root,
    // which needs a package there (a virtual manifest fails), then `cargo install --bins ARG`
    // for each `cli:ARG` of additional_dependencies.
    let (_, root_bins) = package_in(".");
    assert!(
        !root_bins.iter().any(|b| b == "vendorspec"),
        "the root package must not build a second `vendorspec`"
    );
    let deps: Vec<&str> = hook
        .get("additional_dependencies")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let dir = deps
        .iter()
        .find_map(|d| d.strip_prefix("cli:--path="))
        .unwrap_or_else(|| {
            panic!("additional_dependencies installs the workspace's cli: {deps:?}")
        });
    let (_, bins) = package_in(dir);
    let program = entry.split_whitespace().next().expect("an entry");
    assert!(
        bins.iter().any(|b| b == program),
        "{dir}/ builds `{program}`: {bins:?}"
    );
    // The shim's manifest keeps the members a plain `cargo test` runs.
    let workspace = &toml_file("Cargo.toml")["workspace"];
    let members: BTreeSet<&str> = workspace["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m.as_str())
        .collect();
    let defaults: BTreeSet<&str> = workspace["default-members"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m.as_str())
        .collect();
    assert!(
        members.is_subset(&defaults),
        "default-members {defaults:?} lacks some of {members:?}"
    );
}

#[test]
fn the_gitlab_job_writes_a_junit_report_with_an_existing_command() {
    let ci = yaml("ci/gitlab-ci.yml");
    let job = ci.get("vendorspec").expect("a job named vendorspec");
    let mut lines = Vec::new();
    for key in ["before_script", "script"] {
        for item in job.get(key).and_then(Value::as_array).expect(key) {
            lines.extend(vendorspec_lines(
                item.as_str().expect("script lines are strings"),
            ));
        }
    }
    assert!(
        lines.contains(&"vendorspec validate --format junit > vendorspec.xml".to_owned()),
        "{lines:?}"
    );
    for line in &lines {
        check_command(line, "ci/gitlab-ci.yml");
    }
    assert_eq!(
        str_at(job, "/artifacts/reports/junit", "ci/gitlab-ci.yml"),
        "vendorspec.xml"
    );
    assert_eq!(str_at(job, "/artifacts/when", "ci/gitlab-ci.yml"), "always");
    assert_eq!(
        str_at(job, "/variables/VENDORSPEC_VERSION", "ci/gitlab-ci.yml"),
        version()
    );
    let text = read("ci/gitlab-ci.yml");
    let cli = cli_package();
    assert!(text.contains(&format!("/{cli}-installer.sh")));
    assert!(text.contains(&format!("--version \"$VENDORSPEC_VERSION\" {cli}")));
    assert!(text.contains(&format!(
        "{}_INSTALL_DIR",
        cli.to_uppercase().replace('-', "_")
    )));
}

#[test]
fn the_release_configuration_builds_every_platform_with_installers() {
    let dist = toml_file("dist-workspace.toml");
    let dist = dist["dist"].as_table().expect("[dist]");
    let list = |key: &str| -> BTreeSet<String> {
        dist[key]
            .as_array()
            .expect(key)
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    for target in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(list("targets").contains(target), "dist builds {target}");
    }
    assert_eq!(
        list("installers"),
        BTreeSet::from(["shell".to_owned(), "powershell".to_owned()])
    );
    assert_eq!(dist["hosting"].as_str(), Some("github"));
    assert_eq!(dist["ci"].as_str(), Some("github"));
    let workflow = yaml(".github/workflows/release.yml");
    let pinned = dist["cargo-dist-version"]
        .as_str()
        .expect("cargo-dist-version");
    assert!(
        read(".github/workflows/release.yml")
            .contains(&format!("cargo-dist/releases/download/v{pinned}/")),
        "release.yml is generated by the pinned dist (`dist generate` after changing dist-workspace.toml)"
    );
    assert!(
        workflow.pointer("/jobs/plan").is_some(),
        "release.yml has dist's plan job"
    );
    // The release profile it builds with.
    assert!(
        toml_file("Cargo.toml")["profile"].get("dist").is_some(),
        "[profile.dist]"
    );
}

#[test]
fn every_published_crate_has_its_metadata_and_versioned_path_dependencies() {
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let packages = metadata["packages"].as_array().expect("packages");
    let ours: BTreeSet<&str> = packages.iter().filter_map(|p| p["name"].as_str()).collect();
    let mut published = Vec::new();
    for package in packages {
        let name = package["name"].as_str().unwrap();
        // `publish = false` reads as an empty list of registries.
        if package["publish"].as_array().is_some_and(Vec::is_empty) {
            continue;
        }
        published.push(name);
        for field in [
            "description",
            "license",
            "repository",
            "readme",
            "rust_version",
        ] {
            assert!(
                package[field].as_str().is_some_and(|v| !v.is_empty()),
                "{name} has no {field}"
            );
        }
        assert_eq!(
            package["repository"],
            "https://github.com/vendorspec/vendorspec"
        );
        for field in ["keywords", "categories"] {
            let values = package[field].as_array().expect(field);
            assert!(
                (1..=5).contains(&values.len()),
                "{name}: {field} {values:?}"
            );
        }
        for dep in package["dependencies"].as_array().unwrap() {
            let dep_name = dep["name"].as_str().unwrap();
            if ours.contains(dep_name) {
                assert_ne!(
                    dep["req"], "*",
                    "{name} depends on {dep_name} without a version"
                );
            }
        }
    }
    for name in [
        "vendorspec-runtime",
        "vendorspec-macros",
        "vendorspec-model",
        "vendorspec-codegen",
        "vendorspec",
        "vendorspec-traffic",
        "vendorspec-cli",
    ] {
        assert!(
            published.contains(&name),
            "{name} is publishable: {published:?}"
        );
    }
    // The generated crate's spec is inside its package (a published crate has no ../spec).
    let spec = root().join("generated/spec");
    assert!(
        spec.join("cylance_protect_v2.yaml").is_file(),
        "generated/spec (a symlink to ../spec) holds the spec"
    );
}

#[test]
fn the_readme_ci_snippets_are_real_commands() {
    let readme = read("README.md");
    // "## Install" (the installers, completions and the man page) through the end of
    // "## In CI and in pre-commit".
    let start = readme
        .find("\n## Install\n")
        .expect("the README's install section");
    let ci = readme[start..]
        .find("\n## In CI and in pre-commit\n")
        .expect("the README's CI section, after the install section")
        + start;
    let end = readme[ci + 4..]
        .find("\n## ")
        .map_or(readme.len(), |e| e + ci + 4);
    let section = &readme[start..end];
    assert!(
        !section.contains('<'),
        "no placeholders such as <this repository's URL>:\n{section}"
    );
    let version = version();
    let cli = cli_package();
    let mut blocks = Vec::new();
    let mut rest = section;
    while let Some(open) = rest.find("```") {
        let after = &rest[open + 3..];
        let (lang, body) = after.split_once('\n').expect("a fenced block");
        let close = body.find("```").expect("a closed fenced block");
        blocks.push((lang.trim().to_owned(), body[..close].to_owned()));
        rest = &body[close + 3..];
    }
    let mut seen = BTreeSet::new();
    for (lang, body) in &blocks {
        match lang.as_str() {
            "sh" => {
                for line in vendorspec_lines(body) {
                    check_command(&line, "README");
                }
                if !body.contains("https://") {
                    continue;
                }
                for url in body.split_whitespace().filter(|w| w.contains("https://")) {
                    let url = url.trim_matches('"');
                    assert!(
                        url.starts_with(
                            "https://github.com/vendorspec/vendorspec/releases/latest/download/"
                        ) && (url.ends_with(&format!("{cli}-installer.sh"))
                            || url.ends_with(&format!("{cli}-installer.ps1"))),
                        "{url}"
                    );
                    seen.insert("installer");
                }
                assert!(body.contains(&format!("cargo install --locked {cli}")));
            }
            "yaml" => {
                let value: Value = serde_saphyr::from_str(body)
                    .unwrap_or_else(|e| panic!("README yaml: {e}\n{body}"));
                let items: Vec<&Value> = match &value {
                    Value::Array(items) => items.iter().collect(),
                    other => vec![other],
                };
                for item in items {
                    if let Some(uses) = item.get("uses").and_then(Value::as_str)
                        && let Some(tag) = uses.strip_prefix("vendorspec/vendorspec@")
                    {
                        assert_eq!(tag, format!("v{version}"));
                        let args = item.pointer("/with/args").and_then(Value::as_str);
                        check_command(
                            &format!("vendorspec {}", args.unwrap_or("validate --format github")),
                            "README",
                        );
                        seen.insert("action");
                    }
                    if let Some(run) = item.get("run").and_then(Value::as_str) {
                        for line in vendorspec_lines(run) {
                            check_command(&line, "README");
                        }
                    }
                    if let Some(includes) = item.get("include").and_then(Value::as_array) {
                        for include in includes {
                            let remote = str_at(include, "/remote", "README include");
                            let path = remote
                                .strip_prefix(&format!(
                                    "https://raw.githubusercontent.com/vendorspec/vendorspec/v{version}/"
                                ))
                                .unwrap_or_else(|| panic!("{remote}"));
                            assert!(root().join(path).is_file(), "{path} exists");
                            seen.insert("gitlab");
                        }
                    }
                    if let Some(repos) = item.get("repos").and_then(Value::as_array) {
                        for repo in repos {
                            assert_eq!(
                                str_at(repo, "/repo", "README"),
                                "https://github.com/vendorspec/vendorspec"
                            );
                            assert_eq!(str_at(repo, "/rev", "README"), format!("v{version}"));
                            assert_eq!(str_at(repo, "/hooks/0/id", "README"), "vendorspec");
                            seen.insert("pre-commit");
                        }
                    }
                }
            }
            // What a command prints (the version line), not a command.
            "text" => {}
            other => panic!("a {other:?} block in the CI section"),
        }
    }
    assert_eq!(
        seen,
        BTreeSet::from(["action", "gitlab", "installer", "pre-commit"])
    );
}

#[test]
fn the_command_check_rejects_what_the_binary_does_not_have() {
    check_command(
        "vendorspec validate --format sarif > vendorspec.sarif",
        "a good command",
    );
    for bad in [
        "vendorspec validat --format github",
        "vendorspec validate --formt github",
        "vendorspec validate --format githb",
        "vendorspec validate --allow-empty=yes",
        "cargo install vendorspec",
    ] {
        let caught = std::panic::catch_unwind(|| check_command(bad, "a bad command"));
        assert!(caught.is_err(), "`{bad}` passed the check");
    }
}
