//! The docs' examples in the spec are quoted verbatim from the vendor pages.
//!
//! The pages are not in the repository; the excerpts the spec quotes are, one file per
//! example in `tests/seed_facts/<page>/` (see its README). So:
//!
//! - `doc_examples_match_the_seed_facts` runs everywhere: every example that quotes a page
//!   is exactly its kept excerpt, and every kept excerpt is quoted by an example.
//! - `doc_examples_are_verbatim` compares with the pages themselves, in `../shared/seeds/`
//!   beside the checkout (or `$VENDORSPEC_SEEDS`): every example and every kept excerpt is
//!   found as-is in its page. Without the pages it says `SKIPPED` on the test output and
//!   passes; in CI (`CI` set) it fails, so the comparison is never silently left out there.
//!
//! After adding or editing a quoted example, refresh the excerpts from the spec with the
//! pages present: `VENDORSPEC_BLESS=1 cargo test -p vendorspec-tests --test seed_pages`
//! (which first checks every example against its page), then review `git diff
//! tests/seed_facts`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use vendorspec_model::ir::*;
use vendorspec_tests::{
    excerpt_file_name, in_ci, quoted_page, report_skipped, seed_facts_dir, seed_pages_dir,
};

fn spec() -> Spec {
    vendorspec_model::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"))
        .unwrap_or_else(|e| panic!("the spec does not load:\n{e}"))
}

/// An example that quotes a page: the page's number, the example's name and its text
/// without trailing line breaks.
struct Quote {
    page: String,
    name: String,
    text: String,
}

/// Every request and type example of the spec that quotes a page, in spec order.
fn quotes(spec: &Spec) -> Vec<Quote> {
    let mut out = Vec::new();
    for api in &spec.apis {
        let examples = api
            .endpoints
            .iter()
            .flat_map(|e| e.request.iter().flat_map(|r| r.examples.iter()))
            .chain(api.types.iter().flat_map(|t| t.examples.iter()));
        for ex in examples {
            if let Some(page) = quoted_page(&ex.source) {
                out.push(Quote {
                    page: page.to_string(),
                    name: ex.name.clone(),
                    text: ex.text.trim_end_matches('\n').to_string(),
                });
            }
        }
    }
    out
}

/// The kept excerpts: page folder name → (file name → text without its final line break).
fn kept_excerpts() -> BTreeMap<String, BTreeMap<String, String>> {
    let dir = seed_facts_dir();
    let mut pages = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if !path.is_dir() {
            continue;
        }
        let mut excerpts = BTreeMap::new();
        for file in std::fs::read_dir(&path).unwrap() {
            let file = file.unwrap().path();
            let text = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let text = text.strip_suffix('\n').unwrap_or(&text).to_string();
            excerpts.insert(file_name(&file), text);
        }
        pages.insert(file_name(&path), excerpts);
    }
    pages
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// The kept folder of the page numbered `page` (`000` → `000_d68c5560041cb53e`).
fn page_folder<'a, V>(pages: &'a BTreeMap<String, V>, page: &str) -> Option<&'a str> {
    pages
        .keys()
        .find(|name| name.starts_with(&format!("{page}_")))
        .map(String::as_str)
}

/// Every example that quotes a page is exactly its kept excerpt, and every kept excerpt is
/// quoted: the spec cannot drift from what was checked against the pages, with or without
/// them beside the checkout.
#[test]
fn doc_examples_match_the_seed_facts() {
    let s = spec();
    let quotes = quotes(&s);
    if std::env::var_os("VENDORSPEC_BLESS").is_some() {
        bless(&quotes);
    }
    let kept = kept_excerpts();
    let mut used: Vec<(String, String)> = Vec::new();
    for q in &quotes {
        let folder = page_folder(&kept, &q.page).unwrap_or_else(|| {
            panic!(
                "example `{}` quotes page {}, which has no folder in {}",
                q.name,
                q.page,
                seed_facts_dir().display()
            )
        });
        let file = excerpt_file_name(&q.name);
        let excerpt = kept[folder].get(&file).unwrap_or_else(|| {
            panic!(
                "example `{}` quotes page {}, but tests/seed_facts/{folder}/{file} does not exist \
                 (with the pages present: VENDORSPEC_BLESS=1 cargo test -p vendorspec-tests --test seed_pages)",
                q.name, q.page
            )
        });
        assert!(
            *excerpt == q.text,
            "example `{}` is not the excerpt of page {} kept in tests/seed_facts/{folder}/{file}:\n\
             --- the spec\n{}\n--- the excerpt\n{excerpt}",
            q.name,
            q.page,
            q.text
        );
        assert!(
            !used.contains(&(folder.to_string(), file.clone())),
            "two examples of page {} share the excerpt file {file}; rename one",
            q.page
        );
        used.push((folder.to_string(), file));
    }
    for (folder, excerpts) in &kept {
        for file in excerpts.keys() {
            assert!(
                used.contains(&(folder.clone(), file.clone())),
                "tests/seed_facts/{folder}/{file} is quoted by no example of the spec; remove it"
            );
        }
    }
    // 000: 2, 002: 1, 003: 2, 004: 20 (counted in `seed_coverage.rs`).
    assert_eq!(used.len(), 25);
}

/// The pages, as (file name, text), when they are there; otherwise `None` after saying
/// the comparison was skipped, or a failure in CI.
fn pages(test: &str) -> Option<Vec<(String, String)>> {
    let dir = seed_pages_dir();
    let pages: Vec<(String, String)> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| (file_name(&p), std::fs::read_to_string(&p).unwrap()))
            .collect(),
        Err(_) => Vec::new(),
    };
    if !pages.is_empty() {
        return Some(pages);
    }
    let why = format!(
        "the vendor pages are not in {} (../shared/seeds beside the checkout, or set \
         VENDORSPEC_SEEDS), so the spec's quotes were checked against tests/seed_facts only, \
         not against the pages",
        display(&dir)
    );
    if in_ci() {
        panic!("{why}; in CI (`CI` is set) the comparison with the pages must run");
    }
    report_skipped(test, &why);
    None
}

/// A path with its `..` components resolved as far as it exists.
fn display(dir: &Path) -> String {
    let mut missing = Vec::new();
    let mut existing = dir;
    loop {
        if let Ok(real) = existing.canonicalize() {
            return missing
                .iter()
                .rev()
                .fold(real, |path: PathBuf, part| path.join(part))
                .display()
                .to_string();
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_owned());
                existing = parent;
            }
            _ => return dir.display().to_string(),
        }
    }
}

/// The docs' examples are quoted verbatim: each text is found as-is in its seed page, and
/// so is each excerpt kept in `tests/seed_facts/`.
#[test]
fn doc_examples_are_verbatim() {
    let s = spec();
    let Some(pages) = pages("doc_examples_are_verbatim") else {
        return;
    };
    let mut checked = 0;
    for api in &s.apis {
        let examples = api
            .endpoints
            .iter()
            .flat_map(|e| e.request.iter().flat_map(|r| r.examples.iter()))
            .chain(api.types.iter().flat_map(|t| t.examples.iter()));
        for ex in examples.filter(|e| quoted_page(&e.source).is_some()) {
            let prefix = &ex.source[..3];
            let (_, page) = pages
                .iter()
                .find(|(name, _)| name.starts_with(prefix))
                .expect("page");
            let text = ex.text.trim_end_matches('\n');
            assert!(
                page.contains(text),
                "example `{}` is not verbatim from {prefix}:\n{text}",
                ex.name
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 25);

    // Blessing rewrites the excerpts from these same quotes while this runs.
    if std::env::var_os("VENDORSPEC_BLESS").is_some() {
        return;
    }
    for (folder, excerpts) in kept_excerpts() {
        let (_, page) = pages
            .iter()
            .find(|(name, _)| name.strip_suffix(".txt") == Some(folder.as_str()))
            .unwrap_or_else(|| {
                panic!("tests/seed_facts/{folder}/ names no page in the pages' folder")
            });
        for (file, excerpt) in excerpts {
            assert!(
                page.contains(&excerpt),
                "tests/seed_facts/{folder}/{file} is not verbatim from {folder}.txt:\n{excerpt}"
            );
        }
    }
}

/// Rewrites `tests/seed_facts/` from the spec's quotes, after checking each against its
/// page; needs the pages.
fn bless(quotes: &[Quote]) {
    let dir = seed_pages_dir();
    let Some(pages) = pages("doc_examples_match_the_seed_facts (VENDORSPEC_BLESS)") else {
        panic!(
            "VENDORSPEC_BLESS needs the vendor pages in {}: the excerpts are written only \
             after each is found in its page",
            display(&dir)
        );
    };
    let facts = seed_facts_dir();
    std::fs::create_dir_all(&facts).unwrap();
    let mut written: BTreeMap<PathBuf, String> = BTreeMap::new();
    for q in quotes {
        let (page_file, page) = pages
            .iter()
            .find(|(name, _)| name.starts_with(&format!("{}_", q.page)))
            .unwrap_or_else(|| panic!("no page {} in {}", q.page, display(&dir)));
        assert!(
            page.contains(&q.text),
            "example `{}` is not verbatim from {page_file}; fix the spec before blessing:\n{}",
            q.name,
            q.text
        );
        let folder = facts.join(page_file.trim_end_matches(".txt"));
        written.insert(
            folder.join(excerpt_file_name(&q.name)),
            format!("{}\n", q.text),
        );
    }
    // Each page folder is rewritten whole, so excerpts no example quotes go away.
    let folders: std::collections::BTreeSet<&Path> =
        written.keys().filter_map(|p| p.parent()).collect();
    for entry in std::fs::read_dir(&facts).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            std::fs::remove_dir_all(&path).unwrap();
        }
    }
    for folder in folders {
        std::fs::create_dir_all(folder).unwrap();
    }
    for (path, text) in &written {
        std::fs::write(path, text).unwrap();
    }
}
