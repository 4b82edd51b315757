//! Which files a `validate` run reads: files, folders and globs named on the command line,
//! or the folder of a `vendorspec.toml`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The path that stands for standard input.
pub const STDIN: &str = "-";

/// The name standard input is shown (and matched against a configuration's globs) by.
static STDIN_NAME: OnceLock<String> = OnceLock::new();

/// What a path is shown as: itself, or `--stdin-name` (default `<stdin>`) for `-`.
pub fn display(path: &Path) -> String {
    if is_stdin(path) {
        stdin_name().to_string()
    } else {
        path.display().to_string()
    }
}

/// [`display`], taking the path: a UTF-8 path becomes its text without a copy.
pub fn display_owned(path: PathBuf) -> String {
    if is_stdin(&path) {
        return stdin_name().to_string();
    }
    match path.into_os_string().into_string() {
        Ok(text) => text,
        Err(raw) => Path::new(&raw).display().to_string(),
    }
}

/// Whether `path` stands for standard input (`-`, as `Path` compares it: `-/` too).
pub fn is_stdin(path: &Path) -> bool {
    // Comparing components costs more than the rest of a small file's path through the
    // CLI; a path that does not start with `-` cannot be `-`.
    path.as_os_str().as_encoded_bytes().first() == Some(&b'-') && path == Path::new(STDIN)
}

/// The name of standard input in messages.
pub fn stdin_name() -> &'static str {
    STDIN_NAME.get().map_or("<stdin>", String::as_str)
}

/// A path named on the command line that yielded nothing to read, and why.
pub struct Unreadable {
    pub path: PathBuf,
    pub reason: String,
}

/// Whether a file found in a folder is a payload: `.json`, `.json5`, `.yaml` or `.yml`.
pub fn is_payload(path: &Path) -> bool {
    path.extension().is_some_and(|x| {
        ["json", "json5", "yaml", "yml"]
            .iter()
            .any(|known| x.eq_ignore_ascii_case(known))
    })
}

/// The files to check under `roots`, sorted and without repeats, and the roots that could
/// not be read.
///
/// A folder is walked for payload files ([`is_payload`]), honouring `.gitignore` and
/// skipping hidden files; a file is taken whatever its name; a path that does not exist but
/// holds glob characters (`*`, `?`, `[`, `{`) is a glob, matched (with `/` literal, `**` for
/// any depth) against the files under its literal leading folders.
///
/// `-` is standard input, shown as `stdin_name` (default `<stdin>`).
pub fn collect(roots: &[PathBuf], stdin_name: Option<&str>) -> (Vec<PathBuf>, Vec<Unreadable>) {
    let mut files = Vec::new();
    let mut failed = Vec::new();
    let unreadable = |path: &Path, reason: String| Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    if let Some(name) = stdin_name {
        let _ = STDIN_NAME.set(name.to_string());
    }
    for root in roots {
        if is_stdin(root) {
            files.push(root.clone());
            continue;
        }
        match std::fs::metadata(root) {
            Err(e) => {
                let text = root.to_string_lossy();
                if !is_glob(&text) {
                    failed.push(unreadable(root, format!("cannot read: {e}")));
                    continue;
                }
                let matcher = match globset::GlobBuilder::new(&text)
                    .literal_separator(true)
                    .build()
                {
                    Ok(glob) => glob.compile_matcher(),
                    Err(e) => {
                        failed.push(unreadable(root, format!("not a valid glob: {e}")));
                        continue;
                    }
                };
                let base = glob_base(root);
                let before = files.len();
                if base.is_dir() {
                    walk(&base, &mut files, &mut failed, |path| {
                        matcher.is_match(path)
                    });
                }
                if files.len() == before {
                    failed.push(unreadable(root, "no file matches this glob".into()));
                }
            }
            Ok(meta) if meta.is_dir() => walk(root, &mut files, &mut failed, is_payload),
            Ok(_) => files.push(root.clone()),
        }
    }
    sort_paths(&mut files);
    (files, failed)
}

/// Sorts paths as `Path` orders them (component by component) and drops repeats (paths
/// with the same components, as `Path` compares them).
pub fn sort_paths(paths: &mut Vec<PathBuf>) {
    if !sort_simple_paths(paths) {
        paths.sort();
        paths.dedup();
    }
}

/// [`sort_paths`] for the common case, `false` (leaving `paths` as they are) when some
/// path is not simple: no empty, `.` or `..` component and no trailing `/`, after a `./`
/// that all of them or none start with.
///
/// Such paths are ordered by their bytes with `/` read as the lowest byte (components
/// compared in turn, a name before the longer names it starts), and equal only when their
/// bytes are. They are sorted by eight of those bytes, from where they start to differ,
/// packed in an integer, and compared whole only when those are the same: sorting tens of
/// thousands of paths by comparing them whole chases a pointer per comparison.
fn sort_simple_paths(paths: &mut Vec<PathBuf>) -> bool {
    fn bytes(p: &Path) -> &[u8] {
        p.as_os_str().as_encoded_bytes()
    }
    let Some(first) = paths.first() else {
        return true;
    };
    let lead = if bytes(first).starts_with(b"./") {
        2
    } else {
        0
    };
    let simple = |p: &[u8]| {
        p.len() > lead
            && (lead == 0 || p.starts_with(b"./"))
            && !(lead == 2 && p[lead] == b'/')
            && !p.ends_with(b"/")
            && p[lead..]
                .split(|&c| c == b'/')
                .enumerate()
                .all(|(i, name)| !matches!(name, b"." | b"..") && (i == 0 || !name.is_empty()))
    };
    if !paths.iter().all(|p| simple(bytes(p))) {
        return false;
    }
    sort_keyed(paths, |p| bytes(p), |c| if c == b'/' { 0 } else { c });
    paths.dedup_by(|a, b| a.as_os_str() == b.as_os_str());
    true
}

/// Sorts `items` by their `bytes`, each read through `map` (an order-preserving byte
/// map), the first given first among equals. They are sorted by eight of those bytes,
/// from where the items start to differ, packed in an integer, and compared whole only
/// when those are the same: sorting tens of thousands of paths by comparing them whole
/// chases a pointer (and misses the cache) per comparison.
pub fn sort_keyed<T>(
    items: &mut Vec<T>,
    bytes: impl Fn(&T) -> &[u8] + Sync,
    map: impl Fn(u8) -> u8 + Sync,
) {
    let Some(first) = items.first().map(&bytes) else {
        return;
    };
    let skip = items.iter().fold(first.len(), |common, item| {
        common.min(
            first
                .iter()
                .zip(bytes(item))
                .take_while(|(a, b)| a == b)
                .count(),
        )
    });
    // Zero past the end: a text sorts before the longer texts it starts.
    let key = |text: &[u8]| {
        let mut key = [0u8; 8];
        for (k, &c) in key.iter_mut().zip(text.get(skip..).unwrap_or(&[])) {
            *k = map(c);
        }
        u64::from_be_bytes(key)
    };
    let mut order: Vec<(u64, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (key(bytes(item)), i))
        .collect();
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| {
                let (x, y) = (bytes(&items[a.1]), bytes(&items[b.1]));
                x.iter().map(|&c| map(c)).cmp(y.iter().map(|&c| map(c)))
            })
            .then(a.1.cmp(&b.1))
    });
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    *items = order.iter().filter_map(|&(_, i)| slots[i].take()).collect();
}

fn is_glob(text: &str) -> bool {
    text.contains(['*', '?', '[', '{'])
}

/// The leading components of a glob that hold no glob character (`.` when none).
pub fn glob_base(pattern: &Path) -> PathBuf {
    let mut base = PathBuf::new();
    for component in pattern.components() {
        if is_glob(&component.as_os_str().to_string_lossy()) {
            break;
        }
        base.push(component);
    }
    if base.as_os_str().is_empty() {
        base.push(".");
    }
    base
}

/// Every regular file under `root` that `take` accepts, honouring `.gitignore`.
pub fn walk(
    root: &Path,
    files: &mut Vec<PathBuf>,
    failed: &mut Vec<Unreadable>,
    take: impl Fn(&Path) -> bool,
) {
    let walker = ignore::WalkBuilder::new(root).require_git(false).build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                // Walking `.` yields `./x`; people write and read `x`.
                let path = entry.path();
                match path.strip_prefix(".") {
                    Ok(stripped) if is_file && take(stripped) => {
                        files.push(stripped.to_path_buf());
                    }
                    Ok(_) => {}
                    Err(_) if is_file && take(path) => files.push(entry.into_path()),
                    Err(_) => {}
                }
            }
            Err(e) => failed.push(Unreadable {
                path: walk_error_path(&e).unwrap_or_else(|| root.to_path_buf()),
                reason: format!("cannot read: {e}"),
            }),
        }
    }
}

/// The path an `ignore` error is about, when it says.
fn walk_error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `sort_paths` must do: sort as `Path` orders, drop what `Path` calls equal.
    fn by_components(paths: &[&str]) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        paths.sort();
        paths.dedup();
        paths
    }

    #[test]
    fn paths_sort_as_path_orders_them() {
        let names = [
            "a",
            "a.json",
            "a-b.json",
            "a/b.json",
            "a-b/c.json",
            "a0.json",
            "A.json",
            "-",
            "-.json",
            "_.json",
            "é/x.json",
            "sp ace/y.json",
            "a/b/c.json",
            "ab",
            "a/b",
        ];
        let odd = [
            "a//b.json",
            "a/./b.json",
            "a/",
            "./a.json",
            "../a.json",
            "/x/a.json",
            ".",
        ];
        let prefixes = ["", "./", "d/", "/abs/"];
        // Deterministic shuffles: a linear congruential generator.
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for round in 0..400 {
            let prefix = prefixes[round % prefixes.len()];
            let mut paths: Vec<String> = (0..1 + next() % 12)
                .map(|_| format!("{prefix}{}", names[next() % names.len()]))
                .collect();
            if round % 3 == 0 {
                paths.push(odd[next() % odd.len()].to_string());
            }
            let expected = by_components(&paths.iter().map(String::as_str).collect::<Vec<_>>());
            let mut sorted: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
            sort_paths(&mut sorted);
            assert_eq!(sorted, expected, "{paths:?}");
            let bytes = |v: &[PathBuf]| {
                v.iter()
                    .map(|p| p.as_os_str().to_owned())
                    .collect::<Vec<_>>()
            };
            // Equal paths keep the spelling the std sort keeps (the first given).
            assert_eq!(bytes(&sorted), bytes(&expected), "{paths:?}");
        }
    }
}
