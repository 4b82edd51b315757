//! The Json.NET oracle (`Oracle.cs`): finding Mono and Json.NET, compiling the program into
//! the test's scratch folder, and running it over a batch of cases.
//!
//! `.ci/test` installs Debian's `mono-mcs`, `mono-runtime` and `libnewtonsoft-json5.0-cil`
//! (Json.NET 6.0.8; the "5.0" is only the package name). The program is compiled on every
//! run from the committed source, never kept as a binary.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// Where Debian's package puts the assembly; `VENDORSPEC_JSONNET_DLL` names another.
const DEBIAN_DLL: &str = "/usr/lib/cli/Newtonsoft.Json-5.0/Newtonsoft.Json.dll";

/// The compiled oracle, ready to run.
pub struct Oracle {
    exe: PathBuf,
    /// Json.NET's assembly file version, as the program reports it.
    pub version: String,
}

/// One case for the oracle.
pub struct Input<'a> {
    pub id: &'a str,
    pub endpoint: &'a str,
    /// `body` (an HTTP body: the envelope first) or `document` (the inner document).
    pub form: &'a str,
    pub text: &'a str,
}

/// What the oracle said about one case.
#[derive(Debug, Clone)]
pub enum Verdict {
    /// Json.NET bound the body: the values the classes hold (null members left out).
    Accept { bound: Value, kinds: Value },
    /// Json.NET threw: the exception's type and message.
    Reject(String),
}

/// Compiles the oracle, or says why it cannot: Mono's compiler or runtime, or Json.NET, is
/// missing. In CI (`CI` set) a missing tool fails the test instead.
pub fn build(root: &Path, scratch: &Path) -> Result<Oracle, String> {
    let dll = std::env::var_os("VENDORSPEC_JSONNET_DLL")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEBIAN_DLL));
    let missing = if !runs("mcs", "--version") {
        Some("`mcs` (Debian package mono-mcs) is missing".to_string())
    } else if !runs("mono", "--version") {
        Some("`mono` (Debian package mono-runtime) is missing".to_string())
    } else if !dll.is_file() {
        Some(format!(
            "{} (Debian package libnewtonsoft-json5.0-cil) is missing",
            dll.display()
        ))
    } else {
        None
    };
    if let Some(why) = missing {
        if std::env::var_os("CI").is_some() {
            panic!("jsonnet oracle: {why}; .ci/test installs it");
        }
        return Err(why);
    }
    std::fs::create_dir_all(scratch).expect("a scratch folder");
    let local_dll = scratch.join("Newtonsoft.Json.dll");
    std::fs::copy(&dll, &local_dll).expect("Json.NET is copied beside the oracle");
    let exe = scratch.join("oracle.exe");
    let source = root.join("tests/jsonnet/Oracle.cs");
    let output = Command::new("mcs")
        .arg("-nologo")
        .arg("-warnaserror")
        .arg(format!("-out:{}", exe.display()))
        .arg(format!("-r:{}", local_dll.display()))
        .arg(&source)
        .output()
        .expect("mcs starts");
    assert!(
        output.status.success(),
        "mcs cannot compile {}:\n{}{}",
        source.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let version = run_raw(&exe, &["--version"], "");
    Ok(Oracle {
        exe,
        version: version.trim().to_string(),
    })
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs the program with `stdin`, in UTC (a date with an offset binds as local time).
fn run_raw(exe: &Path, args: &[&str], stdin: &str) -> String {
    let mut child = Command::new("mono")
        .arg(exe)
        .args(args)
        .env("TZ", "UTC")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mono starts");
    let mut pipe = child.stdin.take().expect("a stdin pipe");
    let input = stdin.to_string();
    let writer = std::thread::spawn(move || {
        pipe.write_all(input.as_bytes())
            .expect("the oracle reads its input")
    });
    let output = child.wait_with_output().expect("the oracle runs");
    writer.join().expect("the writer thread");
    assert!(
        output.status.success(),
        "the oracle failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the oracle writes UTF-8")
}

impl Oracle {
    /// The oracle's verdict on every case, in order.
    pub fn judge(&self, cases: &[Input]) -> Vec<Verdict> {
        let mut stdin = String::new();
        for case in cases {
            let line = serde_json::json!({
                "id": case.id,
                "endpoint": case.endpoint,
                "form": case.form,
                "text": case.text,
            });
            stdin.push_str(&line.to_string());
            stdin.push('\n');
        }
        let stdout = run_raw(&self.exe, &[], &stdin);
        let verdicts: Vec<Verdict> = stdout
            .lines()
            .map(|line| {
                let v: Value = serde_json::from_str(line)
                    .unwrap_or_else(|e| panic!("the oracle wrote {line}: {e}"));
                match v["accept"].as_bool() {
                    Some(true) => Verdict::Accept {
                        bound: v["bound"].clone(),
                        kinds: v["kinds"].clone(),
                    },
                    Some(false) => Verdict::Reject(v["error"].as_str().unwrap_or("").to_string()),
                    None => panic!("the oracle wrote {line}"),
                }
            })
            .collect();
        assert_eq!(verdicts.len(), cases.len(), "one verdict per case");
        verdicts
    }
}
