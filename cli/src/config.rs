//! `vendorspec.toml`: which files of a repository hold which endpoint's payloads, so that
//! `vendorspec validate` alone checks the repository (and suits a pre-commit hook).
//!
//! ```toml
//! [[validate]]
//! endpoint = "create_job"              # an id from `vendorspec endpoints`
//! paths = ["payloads/jobs/**/*.json"]  # globs or folders, relative to this file's folder
//! exclude = ["payloads/jobs/drafts/*"] # optional
//! allow_empty = false                  # optional: matching no file is not an error
//! response = false                     # optional: the success response body instead
//! status = 200                         # optional: the response for this status
//! deny_warnings = false                # optional
//! params = { expires = "0:00:05" }     # optional: parameter values to check
//! ```

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use globset::{GlobSet, GlobSetBuilder};
use serde::Deserialize;
use vendorspec::runtime::endpoint::{BodyKind, EndpointDesc};

use crate::report::Place;

/// The file `vendorspec validate` reads when given no endpoint.
pub const FILE_NAME: &str = "vendorspec.toml";

/// The configuration that governs `start`: [`FILE_NAME`] in `start` or the nearest folder
/// above it, as git and cargo find theirs.
pub fn find(start: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(start).ok()?;
    let mut relative = PathBuf::new();
    for dir in absolute.ancestors() {
        if dir.join(FILE_NAME).is_file() {
            return Some(relative.join(FILE_NAME));
        }
        relative.push("..");
    }
    None
}

/// Extensions a folder named in `paths` is searched for, as on the command line.
const PAYLOAD_GLOB: &str = "**/*.{json,json5,yaml,yml,JSON,JSON5,YAML,YML}";

/// A `paths` entry as the command line reads it: `./` prefixes and trailing slashes
/// dropped, and a folder (an existing one, relative to `dir`) standing for the payload
/// files under it.
fn normalize_pattern(dir: &Path, pattern: &str) -> String {
    let mut p = pattern.replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.to_string();
    }
    let p = match p.trim_end_matches('/') {
        "" if p.starts_with('/') => "/".to_string(),
        // `.`, `./` or nothing: the configuration's folder itself.
        "" | "." => return PAYLOAD_GLOB.to_string(),
        trimmed => trimmed.to_string(),
    };
    let is_glob = p.contains(['*', '?', '[', '{']);
    if !is_glob && dir.join(&p).is_dir() {
        format!("{p}/{PAYLOAD_GLOB}")
    } else {
        p
    }
}

/// A loaded configuration: its folder (globs are relative to it) and its mappings.
pub struct Config {
    pub dir: PathBuf,
    pub mappings: Vec<Mapping>,
}

impl Config {
    /// The folders (or files) to walk for the mappings, relative to [`Config::dir`]: the
    /// literal leading folders of every `paths` glob, without those inside another. So a
    /// configuration beside a virtualenv or `node_modules` does not walk them. A glob that
    /// leaves the folder (`..`) or starts with a glob character makes it the whole folder.
    pub fn walk_roots(&self) -> Vec<PathBuf> {
        let mut roots: Vec<PathBuf> = Vec::new();
        for base in self.mappings.iter().flat_map(|m| &m.bases) {
            let escapes = base
                .components()
                .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
            let base: PathBuf = base
                .components()
                .filter(|c| !matches!(c, Component::CurDir))
                .collect();
            if escapes || base.as_os_str().is_empty() {
                return vec![PathBuf::new()];
            }
            roots.push(base);
        }
        roots.sort();
        roots.dedup();
        // Sorted, a root inside another comes after it.
        let mut kept: Vec<PathBuf> = Vec::new();
        for root in roots {
            if !kept.last().is_some_and(|k| root.starts_with(k)) {
                kept.push(root);
            }
        }
        kept
    }
}

/// One `[[validate]]` table, checked.
pub struct Mapping {
    pub endpoint: &'static EndpointDesc,
    pub kind: BodyKind,
    pub deny_warnings: bool,
    pub params: Vec<(String, String)>,
    /// Where `params` is written, for the parameters' findings.
    pub params_at: Option<Place>,
    /// Matching no file is not an error.
    pub allow_empty: bool,
    include: GlobSet,
    exclude: GlobSet,
    /// The literal leading components of each `paths` glob (see [`Config::walk_roots`]).
    bases: Vec<PathBuf>,
    /// The table's `paths`, for messages about it.
    pub location: Place,
}

impl Mapping {
    /// Whether a path relative to the configuration's folder belongs to this mapping.
    pub fn matches(&self, relative: &Path) -> bool {
        self.include.is_match(relative) && !self.exclude.is_match(relative)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    validate: Vec<toml::Spanned<RawMapping>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    endpoint: toml::Spanned<String>,
    paths: toml::Spanned<Vec<String>>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    response: bool,
    status: Option<u16>,
    #[serde(default)]
    deny_warnings: bool,
    #[serde(default)]
    allow_empty: bool,
    params: Option<toml::Spanned<BTreeMap<String, String>>>,
}

/// Loads and checks a configuration file; every problem is reported as `file:line:column`.
pub fn load(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{}: not found", path.display()),
        _ => format!("{}: cannot read: {e}", path.display()),
    })?;
    let raw: RawConfig = toml::from_str(&text).map_err(|e| {
        let at = e
            .span()
            .map(|span| format!(":{}", line_col(&text, span.start)))
            .unwrap_or_default();
        format!("{}{at}: {}", path.display(), toml_message(&e))
    })?;
    let place = |span: Range<usize>| {
        let (line, column) = line_col_numbers(&text, span.start);
        Place {
            path: path.display().to_string(),
            line,
            column,
        }
    };
    let at = |span: Range<usize>| place(span).to_string();
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    if raw.validate.is_empty() {
        return Err(format!(
            "{}: no [[validate]] table: map payload globs to an endpoint, e.g.\n\n[[validate]]\nendpoint = \"create_job\"\npaths = [\"payloads/**/*.json\"]",
            path.display()
        ));
    }
    let mut mappings = Vec::new();
    for table in raw.validate {
        let table_span = table.span();
        let m = table.into_inner();
        let Some(endpoint) = vendorspec::endpoint(m.endpoint.get_ref()) else {
            let hint = match crate::closest_endpoint(m.endpoint.get_ref()) {
                Some(known) => format!("did you mean `{known}`?"),
                None => "`vendorspec endpoints` lists them".to_string(),
            };
            return Err(format!(
                "{}: unknown endpoint `{}`; {hint}",
                at(m.endpoint.span()),
                m.endpoint.get_ref()
            ));
        };
        let kind = if m.response || m.status.is_some() {
            BodyKind::Response(m.status)
        } else {
            BodyKind::Request
        };
        if endpoint.schema(kind).is_none() {
            return Err(format!(
                "{}: `{}` has no {} body",
                at(table_span),
                endpoint.id,
                crate::kind_name(kind)
            ));
        }
        if m.paths.get_ref().is_empty() {
            return Err(format!("{}: `paths` is empty", at(m.paths.span())));
        }
        let include: Vec<String> = m
            .paths
            .get_ref()
            .iter()
            .map(|p| normalize_pattern(&dir, p))
            .collect();
        let exclude: Vec<String> = m
            .exclude
            .iter()
            .map(|p| normalize_pattern(&dir, p))
            .collect();
        let globs = |patterns: &[String]| -> Result<GlobSet, String> {
            let mut set = GlobSetBuilder::new();
            for pattern in patterns {
                let glob = globset::GlobBuilder::new(pattern)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| format!("{}: not a valid glob: {e}", at(m.paths.span())))?;
                set.add(glob);
            }
            set.build().map_err(|e| e.to_string())
        };
        let params_span = m.params.as_ref().map_or(table_span.clone(), |p| p.span());
        let params = m.params.map(|p| p.into_inner()).unwrap_or_default();
        mappings.push(Mapping {
            endpoint,
            kind,
            deny_warnings: m.deny_warnings,
            params_at: (!params.is_empty()).then(|| place(params_span)),
            params: params.into_iter().collect(),
            allow_empty: m.allow_empty,
            include: globs(&include)?,
            bases: include
                .iter()
                .map(|p| crate::files::glob_base(Path::new(p)))
                .collect(),
            exclude: globs(&exclude)?,
            location: place(m.paths.span()),
        });
    }
    Ok(Config { dir, mappings })
}

/// toml's message, reworded where it names serde's types instead of the file's words.
fn toml_message(e: &toml::de::Error) -> String {
    let message = e.message();
    if message.contains("expected a sequence") && message.contains("map") {
        return "`validate` must be a list of tables: write each mapping under `[[validate]]`, with two brackets".to_string();
    }
    message.to_string()
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col_numbers(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line as u32, column as u32)
}

/// `line:column` of a byte offset.
fn line_col(text: &str, offset: usize) -> String {
    let (line, column) = line_col_numbers(text, offset);
    format!("{line}:{column}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roots(paths: &[&[&str]]) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::new();
        for patterns in paths {
            let list: Vec<String> = patterns.iter().map(|p| format!("{p:?}")).collect();
            text.push_str(&format!(
                "[[validate]]\nendpoint = \"create_job\"\npaths = [{}]\n\n",
                list.join(", ")
            ));
        }
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, text).unwrap();
        let config = load(&path).unwrap();
        config
            .walk_roots()
            .iter()
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .collect()
    }

    /// Only the globs' literal leading folders are walked, each once.
    #[test]
    fn walk_roots_are_the_globs_literal_folders() {
        assert_eq!(
            roots(&[
                &[
                    "payloads/create_job/*.json",
                    "payloads/create_job/**/*.yaml"
                ],
                &["./payloads/*.json"],
                &["responses/lockdown_device/ok.json", "responses/x*/*.json"],
            ]),
            ["payloads", "responses"]
        );
        assert_eq!(roots(&[&["a/b/*.json"], &["a/c/*.json"]]), ["a/b", "a/c"]);
        // A glob from the top, or one that leaves the folder: the whole folder.
        assert_eq!(roots(&[&["a/*.json"], &["**/*.json"]]), [""]);
        assert_eq!(roots(&[&["a/*.json"], &["../elsewhere/*.json"]]), [""]);
    }
}
