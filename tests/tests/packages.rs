//! The npm package and the Python wheel (`packages/`, built by `packages/build.sh`: `npm
//! pack` and `pip wheel`) installed into throwaway projects give `vendorspec validate`'s
//! verdict on every bundled example (`examples/vendorspec.toml`).
//!
//! The throwaway npm project installs the `.tgz` with `npm install --prefer-offline` (its
//! dependencies, Ajv and ajv-formats, come from the npm cache `.ci/test` filled). The
//! throwaway Python project is a fresh `python -m venv` with the wheel installed by `pip
//! install --no-deps --no-index`; its dependencies (jsonschema, pydantic) are the pinned ones
//! of `.ci/venv`, made importable by a `.pth` file naming that venv's site-packages, so
//! nothing is fetched and nothing of the source tree is on the path. Each project runs its
//! `use` program (`tests/packages/use.mjs`, `use.py`), copied into it; the npm project also
//! compiles `use.ts` with `tsc --strict` (the declarations and a generated type, imported
//! through the package's `exports`).
//!
//! The tools are installed by `.ci/test`. Without them the test says what it skipped,
//! except in CI, where a missing tool is a failure.

#[path = "../crosslang/differences.rs"]
#[allow(dead_code)]
mod differences;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use vendorspec::runtime::endpoint::BodyKind;

/// One bundled example: which body of which endpoint it is.
struct Example {
    id: String,
    endpoint: String,
    response: bool,
    status: Option<u16>,
    file: PathBuf,
}

/// The `[[validate]]` entries of examples/vendorspec.toml, expanded. The file's globs are
/// `folder/*` and `folder/*.ext`; YAML files are left out (the packages read JSON and the
/// API's own syntax; only the CLI converts YAML).
fn examples(root: &Path) -> (Vec<Example>, Vec<PathBuf>) {
    let dir = root.join("examples");
    let config = std::fs::read_to_string(dir.join("vendorspec.toml")).expect("vendorspec.toml");
    let mut out = Vec::new();
    let mut yaml = Vec::new();
    for block in config.split("[[validate]]").skip(1) {
        let field = |name: &str| {
            block.lines().find_map(|l| {
                let (k, v) = l.split_once('=')?;
                (k.trim() == name).then(|| v.trim().to_string())
            })
        };
        let endpoint = field("endpoint")
            .expect("each [[validate]] names its endpoint")
            .trim_matches('"')
            .to_string();
        let status = field("status").map(|s| s.parse::<u16>().expect("a status"));
        let response = field("response").as_deref() == Some("true") || status.is_some();
        let paths = field("paths").expect("each [[validate]] has paths");
        for glob in paths
            .trim_matches(|c| c == '[' || c == ']')
            .split(',')
            .map(|g| g.trim().trim_matches('"'))
        {
            let (folder, pattern) = glob.rsplit_once('/').expect("folder/pattern");
            let suffix = pattern.strip_prefix('*').expect("a * pattern");
            let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(folder))
                .expect("an example folder")
                .map(|e| e.expect("a folder entry").path())
                .filter(|p| p.to_string_lossy().ends_with(suffix))
                .collect();
            files.sort();
            for file in files {
                let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
                if matches!(ext, "yaml" | "yml") {
                    yaml.push(file);
                    continue;
                }
                let id = file
                    .strip_prefix(&dir)
                    .expect("under examples")
                    .to_string_lossy()
                    .into_owned();
                out.push(Example {
                    id,
                    endpoint: endpoint.clone(),
                    response,
                    status,
                    file,
                });
            }
        }
    }
    (out, yaml)
}

/// Every endpoint's spec examples (request and response bodies, as written), each written
/// to a file in `dir`.
fn spec_examples(dir: &Path) -> Vec<Example> {
    std::fs::create_dir_all(dir).expect("a scratch folder");
    let mut out = Vec::new();
    let mut add =
        |endpoint: &str, label: String, status: Option<u16>, response: bool, text: &str| {
            let file = dir.join(format!("{label}.txt"));
            std::fs::write(&file, text).expect("a spec example file");
            out.push(Example {
                id: format!("spec:{label}"),
                endpoint: endpoint.to_string(),
                response,
                status,
                file,
            });
        };
    for e in vendorspec::ENDPOINTS {
        for (i, text) in e.request_examples.iter().enumerate() {
            add(e.id, format!("{}-request-{i}", e.id), None, false, text);
        }
        for r in e.responses {
            let status = r.status.first().copied();
            for (i, text) in r.examples.iter().enumerate() {
                let code = status.unwrap_or_default();
                add(
                    e.id,
                    format!("{}-response-{code}-{i}", e.id),
                    status,
                    true,
                    text,
                );
            }
        }
    }
    out
}

/// Variants of the spec request examples that the API's lenience accepts or not (our
/// validator says which): member names upper- and lower-cased, wrapped in an envelope
/// whose member is `VALUE`, a trailing comma, a comment, single quotes, cut in half, and
/// the blank body. Examples not in strict JSON are used as written only.
fn probes(spec: &[Example], dir: &Path) -> Vec<Example> {
    fn recase(v: &serde_json::Value, upper: bool) -> serde_json::Value {
        match v {
            serde_json::Value::Object(m) => m
                .iter()
                .map(|(k, v)| {
                    let k = if upper {
                        k.to_ascii_uppercase()
                    } else {
                        k.to_ascii_lowercase()
                    };
                    (k, recase(v, upper))
                })
                .collect(),
            serde_json::Value::Array(a) => a.iter().map(|v| recase(v, upper)).collect(),
            other => other.clone(),
        }
    }
    std::fs::create_dir_all(dir).expect("a scratch folder");
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for e in spec.iter().filter(|e| !e.response) {
        if !seen.insert(e.endpoint.clone()) {
            continue;
        }
        let text = std::fs::read_to_string(&e.file).expect("a spec example");
        let mut half = text.len() / 2;
        while !text.is_char_boundary(half) {
            half -= 1;
        }
        let mut variants = vec![
            ("comment", format!("// a comment\n{text}")),
            ("half", text[..half].to_string()),
            ("blank", " \n".to_string()),
            // A syntax error next to a credential: no message may quote the text.
            ("credential-in-a-syntax-error", "ftp://u:pw@h".to_string()),
        ];
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
            let compact = value.to_string();
            variants.extend([
                ("upper", recase(&value, true).to_string()),
                ("lower", recase(&value, false).to_string()),
                (
                    "envelope",
                    serde_json::json!({ "VALUE": compact.clone() }).to_string(),
                ),
                (
                    "trailing-comma",
                    format!("{},}}", compact.strip_suffix('}').unwrap_or(&compact)),
                ),
                ("single-quotes", compact.replace('"', "'")),
            ]);
        }
        for (name, body) in variants {
            let file = dir.join(format!("{}-{name}.txt", e.endpoint));
            std::fs::write(&file, body).expect("a probe file");
            out.push(Example {
                id: format!("probe:{}-{name}", e.endpoint),
                endpoint: e.endpoint.clone(),
                response: false,
                status: None,
                file,
            });
        }
    }
    out
}

/// Our verdict (the CLI's: valid unless an error) and the rules of the errors.
fn ours(example: &Example) -> (bool, Vec<String>) {
    let endpoint = vendorspec::endpoint(&example.endpoint).expect("a known endpoint");
    let kind = if example.response {
        BodyKind::Response(example.status)
    } else {
        BodyKind::Request
    };
    let bytes = std::fs::read(&example.file).expect("the example");
    let report = endpoint
        .validate(kind, &bytes)
        .expect("the body is checked");
    let valid = !report.has_errors();
    let rules = report
        .into_sorted()
        .into_iter()
        .filter(|f| f.severity == vendorspec::runtime::finding::Severity::Error)
        .map(|f| f.rule.as_str().to_string())
        .collect();
    (valid, rules)
}

fn run(what: &str, cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot start: {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The verdicts a `use` program printed, by case id, and where it loaded `vendorspec` from.
fn verdicts(output: &str) -> (String, BTreeMap<String, (bool, String)>) {
    let mut lines = output.lines();
    let head: serde_json::Value =
        serde_json::from_str(lines.next().expect("a first line")).expect("JSON");
    let loaded = head["loaded_from"]
        .as_str()
        .expect("loaded_from")
        .to_string();
    let got = lines
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            (
                v["id"].as_str().expect("id").to_string(),
                (
                    v["valid"].as_bool().expect("valid"),
                    v["errors"].to_string(),
                ),
            )
        })
        .collect();
    (loaded, got)
}

#[test]
fn packages_installed_in_throwaway_projects_give_the_cli_verdicts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace holds the tests crate");
    let python = root.join(".ci/venv/bin/python");
    let modules = root.join(".ci/node_modules");
    let missing: Vec<String> = [
        (!python.is_file()).then(|| format!("{} is missing", python.display())),
        (!runs("node", "--version")).then(|| "`node` does not run".to_string()),
        (!runs("npm", "--version")).then(|| "`npm` does not run".to_string()),
        (!modules.join(".bin/json2ts").is_file() || !modules.join(".bin/tsc").is_file())
            .then(|| format!("json2ts or tsc in {} is missing", modules.display())),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        let why = missing.join("; ");
        assert!(
            std::env::var_os("CI").is_none(),
            "packages: {why}; .ci/test installs them"
        );
        println!("packages: skipped: {why} (run `bash .ci/test`, or install them as it does)");
        return;
    }

    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("packages");
    let _ = std::fs::remove_dir_all(&work);
    let built = work.join("built");
    std::fs::create_dir_all(&built).expect("a scratch folder");
    run(
        "packages/build.sh",
        Command::new("bash")
            .arg(root.join("packages/build.sh"))
            .arg(&built),
    );
    let tgz = built.join("vendorspec-0.1.0.tgz");
    let wheel = built.join("vendorspec-0.1.0-py3-none-any.whl");
    assert!(tgz.is_file() && wheel.is_file(), "build.sh made both");

    let (mut examples, yaml) = examples(root);
    let bundled = examples.len();
    assert!(bundled >= 15, "only {bundled} bundled examples");
    let spec = spec_examples(&work.join("spec-examples"));
    let probes = probes(&spec, &work.join("probes"));
    let (spec_count, probe_count) = (spec.len(), probes.len());
    examples.extend(spec);
    examples.extend(probes);
    let mut cases = String::new();
    for e in &examples {
        let case = serde_json::json!({
            "id": e.id,
            "endpoint": e.endpoint,
            "kind": if e.response { "response" } else { "request" },
            "status": e.status,
            "file": e.file,
        });
        cases.push_str(&case.to_string());
        cases.push('\n');
    }
    let cases_file = work.join("cases.jsonl");
    std::fs::write(&cases_file, cases).expect("the cases file");

    // The throwaway npm project.
    let node_project = work.join("node-project");
    std::fs::create_dir_all(&node_project).expect("a project folder");
    std::fs::write(
        node_project.join("package.json"),
        r#"{"name": "throwaway", "private": true}"#,
    )
    .expect("package.json");
    run(
        "npm install of the packed package",
        Command::new("npm")
            .args([
                "install",
                "--prefer-offline",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
            ])
            .arg(&tgz)
            .current_dir(&node_project),
    );
    std::fs::copy(
        root.join("tests/packages/use.mjs"),
        node_project.join("use.mjs"),
    )
    .expect("use.mjs");
    // The declarations and a generated type, through the package's `exports`.
    std::fs::copy(
        root.join("tests/packages/use.ts"),
        node_project.join("use.ts"),
    )
    .expect("use.ts");
    run(
        "tsc --strict use.ts",
        Command::new(modules.join(".bin/tsc"))
            .args([
                "--strict",
                "--noEmit",
                "--module",
                "nodenext",
                "--moduleResolution",
                "nodenext",
                "--target",
                "es2022",
                "use.ts",
            ])
            .current_dir(&node_project),
    );
    let node_out = run(
        "node use.mjs",
        Command::new("node")
            .arg("use.mjs")
            .arg(&cases_file)
            .current_dir(&node_project),
    );

    // The throwaway Python project.
    let py_project = work.join("python-project");
    std::fs::create_dir_all(&py_project).expect("a project folder");
    let venv = py_project.join("venv");
    run(
        "python -m venv",
        Command::new(&python).args(["-m", "venv"]).arg(&venv),
    );
    let site = |py: &Path| {
        run(
            "python sysconfig",
            Command::new(py).args([
                "-c",
                "import sysconfig; print(sysconfig.get_paths()['purelib'])",
            ]),
        )
        .trim()
        .to_string()
    };
    let venv_python = venv.join("bin/python");
    std::fs::write(
        Path::new(&site(&venv_python)).join("ci-venv.pth"),
        format!("{}\n", site(&python)),
    )
    .expect("the .pth file");
    run(
        "pip install of the wheel",
        Command::new(&venv_python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-deps",
                "--no-index",
            ])
            .arg(&wheel),
    );
    std::fs::copy(
        root.join("tests/packages/use.py"),
        py_project.join("use.py"),
    )
    .expect("use.py");
    let py_out = run(
        "python use.py",
        Command::new(&venv_python)
            .arg("use.py")
            .arg(&cases_file)
            .current_dir(&py_project),
    );

    // What `validate()` returns must not quote a secret of the payload: the bundled
    // examples hold a URL with credentials (results-over-http.json), and every credential
    // shape the CLI masks must come out as it went into the masker, untouched.
    for (language, output) in [("npm", &node_out), ("python", &py_out)] {
        let masked = vendorspec::runtime::redact::redact(output);
        assert!(
            masked == output.as_str() && !output.contains("Sup3r-s3cret"),
            "{language}'s validate() prints a secret:\n{}",
            output
                .lines()
                .zip(masked.lines())
                .filter(|(a, b)| a != b)
                .map(|(a, _)| a)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    let mut report = format!(
        "packages: {bundled} bundled examples ({} YAML files left out: {}), {spec_count} spec \
         examples and {probe_count} probes of the lenience\n",
        yaml.len(),
        yaml.iter()
            .map(|p| p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned())
            .collect::<Vec<_>>()
            .join(", "),
    );
    let verdicts_ours: Vec<(bool, Vec<String>)> = examples.iter().map(ours).collect();
    let valid_count = verdicts_ours.iter().filter(|(v, _)| *v).count();
    report.push_str(&format!(
        "  vendorspec validate: {valid_count} valid, {} invalid\n",
        examples.len() - valid_count
    ));
    let mut mismatches = Vec::new();
    for (language, output, home) in [
        ("npm", &node_out, &node_project),
        ("python", &py_out, &py_project),
    ] {
        let (loaded, got) = verdicts(output);
        assert!(
            Path::new(&loaded).starts_with(home),
            "{language}: vendorspec loaded from {loaded}, not from the throwaway project"
        );
        let (mut agree, mut blind) = (0, 0);
        for (e, (valid, rules)) in examples.iter().zip(&verdicts_ours) {
            let valid = *valid;
            let Some((theirs, errors)) = got.get(&e.id) else {
                mismatches.push(format!("{language} {}: no verdict", e.id));
                continue;
            };
            // Where our errors are all rules the schemas cannot state, the schema accepts.
            let expected = valid
                || rules.iter().all(|r| {
                    differences::SCHEMA_BLIND.contains(&r.as_str()) || r == "duplicate_key"
                });
            if *theirs != expected {
                mismatches.push(format!(
                    "{language} {}: valid={theirs}, vendorspec validate: valid={valid} {rules:?}; package errors: {errors}",
                    e.id
                ));
            } else if *theirs == valid {
                agree += 1;
            } else {
                blind += 1;
            }
        }
        report.push_str(&format!(
            "  {language} (loaded from {loaded}): {agree} agree with vendorspec validate, {blind} differ by a rule the schemas do not state\n"
        ));
    }
    println!("{report}");
    assert!(
        mismatches.is_empty(),
        "{report}verdicts differ:\n{}",
        mismatches.join("\n")
    );
}
