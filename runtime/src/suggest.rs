//! "Did you mean": the one place that picks a suggestion for a misspelt word, whether a
//! member name in a payload, an enum value, a key or type name in a spec, an attribute
//! of the derive, or an endpoint id on the command line. One measure and one cut-off, so
//! the same typo gets the same help everywhere.

use crate::desc::{EnumDesc, Lit, ObjectDesc};

/// How similar a candidate must be (Jaro-Winkler, ASCII case ignored) to be suggested.
pub const THRESHOLD: f64 = 0.85;

/// The closest of `names` to a written word, if close enough to be a typo: Jaro-Winkler
/// similarity of at least [`THRESHOLD`], ignoring ASCII case; the best one when several are.
pub fn suggest<'a>(written: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    Nearest::new(written).pick(names)
}

/// One written word, set up once to be compared with many names.
///
/// The validator compares every unknown member with every member of its object, so names
/// that cannot reach the threshold are ruled out by a cheap bound first (see
/// `JaroWinklerBound`), and the bound alone says whether a pick is possible at all.
pub struct Nearest<'w> {
    written: &'w str,
    bound: JaroWinklerBound<'w>,
}

impl<'w> Nearest<'w> {
    pub fn new(written: &'w str) -> Self {
        Nearest {
            written,
            bound: JaroWinklerBound::new(written),
        }
    }

    /// Whether [`Nearest::pick`] could pick one of `names`: the bound alone, without the
    /// full comparison.
    pub fn may_pick<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> bool {
        names
            .into_iter()
            .any(|name| self.bound.max_score(name) >= THRESHOLD)
    }

    /// [`suggest`]: the closest of `names`, if close enough.
    pub fn pick<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
        let lower = self.written.to_ascii_lowercase();
        let mut name_lower = String::new();
        let mut best: Option<(f64, &'a str)> = None;
        for name in names {
            if self.bound.max_score(name) < THRESHOLD {
                continue;
            }
            name_lower.clear();
            name_lower.extend(name.chars().map(|c| c.to_ascii_lowercase()));
            let score = strsim::jaro_winkler(&lower, &name_lower);
            if score >= THRESHOLD && best.is_none_or(|(b, _)| score > b) {
                best = Some((score, name));
            }
        }
        best.map(|(_, name)| name)
    }
}

/// A "did you mean" help line worked out only when a report is read
/// ([`crate::Report::sorted`]): a report is often only counted, and looking for the
/// nearest name is the dearest part of a finding.
///
/// Kept only for a written word with no credential in it ([`DidYouMean::help`]), so a
/// report keeps nothing it would not show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DidYouMean {
    written: Box<str>,
    among: Candidates,
}

/// The names a [`DidYouMean`] picks from, and how its help quotes the one picked.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Candidates {
    /// An object's members: "did you mean `Name`?".
    Members(&'static ObjectDesc),
    /// A string enumeration's values: `did you mean "Value"?`.
    Values(&'static EnumDesc),
}

impl PartialEq for Candidates {
    /// The same descriptor (descriptors are statics: the same one is at the same address).
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Candidates::Members(a), Candidates::Members(b)) => std::ptr::eq(*a, *b),
            (Candidates::Values(a), Candidates::Values(b)) => std::ptr::eq(*a, *b),
            _ => false,
        }
    }
}

impl Eq for Candidates {}

/// A finding's help line: written now (or none), or a suggestion worked out when the
/// report is read.
pub(crate) enum Help {
    Now(Option<String>),
    Later(DidYouMean),
}

impl From<Option<String>> for Help {
    fn from(help: Option<String>) -> Self {
        Help::Now(help)
    }
}

impl DidYouMean {
    /// The "did you mean" of `written` among `among`: worked out when the report is read,
    /// or now when `written` holds a credential (the report would keep it until then).
    /// Whether it does is the caller's to say, who has masked or checked `written` anyway.
    pub(crate) fn help(written: &str, among: Candidates, holds_credential: bool) -> Help {
        let later = DidYouMean {
            written: written.into(),
            among,
        };
        if holds_credential {
            Help::Now(later.render())
        } else {
            Help::Later(later)
        }
    }

    /// The help line, `None` when no name is near enough.
    pub(crate) fn render(&self) -> Option<String> {
        match self.among {
            Candidates::Members(desc) => {
                let near = suggest(&self.written, desc.members.iter().map(|m| m.name))?;
                Some(member_help(near))
            }
            Candidates::Values(desc) => {
                let near = suggest(
                    &self.written,
                    desc.values.iter().filter_map(|e| match e.value {
                        Lit::Str(w) => Some(w),
                        _ => None,
                    }),
                )?;
                Some(["did you mean \"", near, "\"?"].concat())
            }
        }
    }
}

/// "did you mean `Name`?": the help of a misspelt member name.
pub(crate) fn member_help(near: &str) -> String {
    ["did you mean `", near, "`?"].concat()
}

/// An upper bound of the Jaro-Winkler similarity of one string with others, both read as
/// ASCII-lowercased (without lowercased copies: this runs for every unknown member).
///
/// Jaro is `(m/a + m/b + (m - t)/m) / 3` for lengths `a`, `b` in characters and `m` matching
/// characters; `m` is at most the number of characters the two have in common (as
/// multisets), so `(c/a + c/b + 1) / 3` bounds it. Winkler adds `0.1 * l * (1 - jaro)` for
/// a common prefix of `l <= 4` characters. Counted for ASCII; other text gets the trivial
/// bound 1.
struct JaroWinklerBound<'s> {
    written: &'s str,
    /// How often each ASCII byte occurs, saturating at 255 (exact for any name of up to
    /// 255 bytes, the only ones compared).
    counts: Option<[u8; 128]>,
    len: usize,
}

impl<'s> JaroWinklerBound<'s> {
    fn new(written: &'s str) -> Self {
        let counts = written.is_ascii().then(|| {
            let mut counts = [0u8; 128];
            for b in written.bytes() {
                let slot = &mut counts[usize::from(b.to_ascii_lowercase())];
                *slot = slot.saturating_add(1);
            }
            counts
        });
        JaroWinklerBound {
            written,
            counts,
            len: written.chars().count(),
        }
    }

    fn max_score(&self, other: &str) -> f64 {
        let (Some(mut counts), true) = (self.counts, other.is_ascii() && other.len() <= 255) else {
            return 1.0;
        };
        if self.len == 0 && other.is_empty() {
            return 1.0; // two empty strings are equal
        }
        let mut common = 0usize;
        for b in other.bytes() {
            let slot = &mut counts[usize::from(b.to_ascii_lowercase())];
            if *slot > 0 {
                *slot -= 1;
                common += 1;
            }
        }
        if common == 0 {
            return 0.0;
        }
        let c = common as f64;
        let jaro = (c / self.len as f64 + c / other.len() as f64 + 1.0) / 3.0;
        let prefix = self
            .written
            .bytes()
            .zip(other.bytes())
            .take(4)
            .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
            .count();
        // The slack keeps rounding from putting the bound below an exact score.
        jaro + 0.1 * prefix as f64 * (1.0 - jaro) + 1e-9
    }
}

#[cfg(test)]
mod tests {
    use super::{JaroWinklerBound, Nearest, suggest};

    #[test]
    fn suggest_finds_typos_and_skips_strangers() {
        let names = ["DiscoveryTargets", "TargetType", "Name", "Ip"];
        assert_eq!(
            suggest("discoverytarget", names.into_iter()),
            Some("DiscoveryTargets")
        );
        assert_eq!(suggest("TARGETTYPE", names.into_iter()), Some("TargetType"));
        assert_eq!(suggest("Nmae", names.into_iter()), Some("Name"));
        assert_eq!(suggest("unrelated", names.into_iter()), None);
        assert_eq!(suggest("", names.into_iter()), None);
        // Reached only through Winkler's prefix bonus: Jaro 0.83, Jaro-Winkler 0.90.
        assert_eq!(suggest("ABCD", ["abcdwxyz"].into_iter()), Some("abcdwxyz"));
        // Past 255 bytes the character counts could saturate: such names are always compared.
        let long = "a".repeat(300);
        assert_eq!(
            suggest(&long, [long.as_str()].into_iter()),
            Some(long.as_str())
        );
    }

    proptest::proptest! {
        /// The bound is at least the Jaro-Winkler score, case-sensitive or not, so ruling
        /// out names below the threshold by it never changes a suggestion.
        #[test]
        fn bound_is_an_upper_bound(
            written in "[abcdeAB_é]{0,12}",
            name in "[abcdeAB_é]{0,12}",
        ) {
            let lower = written.to_ascii_lowercase();
            let bound = JaroWinklerBound::new(&written).max_score(&name);
            proptest::prop_assert_eq!(bound, JaroWinklerBound::new(&lower).max_score(&name));
            proptest::prop_assert!(bound >= strsim::jaro_winkler(&name, &written));
            proptest::prop_assert!(bound >= strsim::jaro_winkler(&lower, &name.to_ascii_lowercase()));
        }
    }

    proptest::proptest! {
        /// The bound never skips a name that would have scored high enough: with the
        /// bound, the answer is the one a full comparison gives, and `may_pick` says
        /// yes whenever `suggest` finds a name.
        #[test]
        fn bound_never_skips_a_match(
            written in "[abcdeAB_é]{0,12}",
            name in "[abcdeAB_é]{0,12}",
        ) {
            let full = strsim::jaro_winkler(
                &written.to_ascii_lowercase(),
                &name.to_ascii_lowercase(),
            ) >= 0.85;
            proptest::prop_assert_eq!(suggest(&written, [name.as_str()].into_iter()).is_some(), full);
            proptest::prop_assert!(!full || Nearest::new(&written).may_pick([name.as_str()]));
        }
    }
}
