//! Credentials in free text: found once, masked everywhere.
//!
//! Spec-declared secrets (`secret: true` members) are known by name; credentials are also
//! found by their shape wherever they appear: the userinfo of a URL
//! (`https://ACCESS_KEY:SECRET_KEY@bucket…`, `ftp://user:password@host`), bearer tokens
//! (`Bearer abc…`), JSON Web Tokens (`eyJ….eyJ….…`) and the values of secret-named query
//! parameters inside a URL (`?password=…`, `X-Amz-Signature=…`).
//!
//! [`credential_spans`] finds them; [`redact`] replaces each with [`MASK`]. Every finding
//! that enters a [`crate::Report`] is redacted, so messages never carry one; the CLI also
//! passes everything it prints through [`redact`], and masks quoted source lines with the
//! spans, so a new output format cannot forget it.
//!
//! The scan errs on the side of hiding: text that looks like a credential is masked even
//! where it is not one.
//!
//! ```
//! use vendorspec_runtime::redact::redact;
//!
//! assert_eq!(
//!     redact("\"ftp://svc:hunter2@files.example.com/out\" is not a URL"),
//!     "\"ftp://***:***@files.example.com/out\" is not a URL"
//! );
//! assert_eq!(redact("Authorization: Bearer abc.def"), "Authorization: Bearer ***");
//! assert_eq!(redact("nothing to hide"), "nothing to hide");
//! ```

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;

/// What replaces a credential.
pub const MASK: &str = "***";

/// Query parameter names (compared in ASCII lower case) whose values are credentials.
const SECRET_QUERY_NAMES: &[&str] = &[
    "access_token",
    "api_key",
    "apikey",
    "auth",
    "client_secret",
    "code",
    "credential",
    "id_token",
    "key",
    "pass",
    "passwd",
    "password",
    "pwd",
    "refresh_token",
    "secret",
    "sig",
    "signature",
    "token",
    "x-amz-credential",
    "x-amz-security-token",
    "x-amz-signature",
];

/// The searchers for a URL's `://` and a JWT's `eyJ`, built once: every finding of a
/// report passes through [`may_hold_credentials`], so none is built per call.
static SCHEME: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new("://"));
static JWT: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new("eyJ"));

/// Whether `text` may hold a credential at all: a cheap test before the scan.
pub fn may_hold_credentials(text: &str) -> bool {
    let bytes = text.as_bytes();
    // This runs for every value and unknown member name a finding quotes, mostly short
    // texts: one pass over their bytes costs less than setting up three searches.
    if bytes.len() <= SHORT {
        return (0..bytes.len()).any(|i| match bytes[i] {
            b':' => bytes.get(i + 1..i + 3) == Some(b"//"),
            b'e' => bytes.get(i + 1..i + 3) == Some(b"yJ"),
            b'b' | b'B' => bytes
                .get(i + 1..i + 6)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"earer")),
            _ => false,
        });
    }
    SCHEME.find(bytes).is_some() || JWT.find(bytes).is_some() || find_bearer(bytes, 0).is_some()
}

/// Up to this many bytes, [`may_hold_credentials`] scans byte by byte.
const SHORT: usize = 256;

/// The byte ranges of every credential in `text`, sorted and not overlapping.
pub fn credential_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    if !may_hold_credentials(text) {
        return spans;
    }
    for at in SCHEME.find_iter(bytes) {
        url_spans(bytes, at + 3, &mut spans);
    }
    let mut from = 0;
    while let Some((start, end)) = find_bearer(bytes, from) {
        spans.push(start..end);
        from = end;
    }
    for at in JWT.find_iter(bytes) {
        if let Some(end) = jwt_end(bytes, at) {
            spans.push(at..end);
        }
    }
    merge(spans)
}

/// `text` with every credential replaced by [`MASK`]; borrowed when there is none.
pub fn redact(text: &str) -> Cow<'_, str> {
    let spans = credential_spans(text);
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(mask_spans(text, &spans))
}

/// An RFC 6901 pointer with credentials masked in each of its tokens: a member named by a
/// URL is escaped (`sftp:~1~1user:pw@host`), which the text scan would not recognize.
pub fn redact_pointer(pointer: &str) -> Cow<'_, str> {
    if !pointer.contains(":~1~1") && !may_hold_credentials(pointer) {
        return Cow::Borrowed(pointer);
    }
    let tokens: Vec<String> = pointer
        .split('/')
        .map(|token| {
            let name = token.replace("~1", "/").replace("~0", "~");
            redact(&name).replace('~', "~0").replace('/', "~1")
        })
        .collect();
    Cow::Owned(tokens.join("/"))
}

/// Replaces `text` in place when it holds a credential.
pub fn redact_in_place(text: &mut String) {
    if let Cow::Owned(masked) = redact(text) {
        *text = masked;
    }
}

/// `text` with each of `spans` (sorted, not overlapping, on character boundaries)
/// replaced by [`MASK`].
pub fn mask_spans(text: &str, spans: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for span in spans {
        out.push_str(&text[last..span.start]);
        out.push_str(MASK);
        last = span.end;
    }
    out.push_str(&text[last..]);
    out
}

/// Whether `b` ends a URL's authority, or the URL itself, in running text. A backslash
/// escapes the next byte (JSON text quoting a URL whose password holds a quote).
fn ends_url(b: u8) -> bool {
    b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b'<' | b'>' | b'`' | b'\0')
}

/// The userinfo (user and password separately) and secret query values of the URL whose
/// authority starts at `start`.
fn url_spans(bytes: &[u8], start: usize, spans: &mut Vec<Range<usize>>) {
    // The authority runs to the first `/`, `?` or `#`; its userinfo to the last `@`.
    let mut i = start;
    let mut last_at = None;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'/' | b'?' | b'#' => break,
            b'@' => last_at = Some(i),
            b if ends_url(b) => break,
            _ => {}
        }
        i += 1;
    }
    let authority_end = i.min(bytes.len());
    if let Some(at) = last_at {
        let userinfo = start..at;
        match bytes[userinfo.clone()].iter().position(|&b| b == b':') {
            Some(colon) => {
                let colon = start + colon;
                push_nonempty(spans, start..colon);
                push_nonempty(spans, colon + 1..at);
            }
            None => push_nonempty(spans, userinfo),
        }
    }
    // The rest of the URL: values of secret-named query parameters.
    let mut i = authority_end;
    while i < bytes.len() && !ends_url(bytes[i]) {
        if matches!(bytes[i], b'?' | b'&' | b';') {
            let name_start = i + 1;
            let mut j = name_start;
            while j < bytes.len() && !ends_url(bytes[j]) && !matches!(bytes[j], b'=' | b'&' | b'#')
            {
                j += 1;
            }
            if bytes.get(j) == Some(&b'=') {
                let name = &bytes[name_start..j];
                let value_start = j + 1;
                let mut k = value_start;
                while k < bytes.len() && !ends_url(bytes[k]) && !matches!(bytes[k], b'&' | b'#') {
                    k += if bytes[k] == b'\\' { 2 } else { 1 };
                }
                let k = k.min(bytes.len());
                if SECRET_QUERY_NAMES
                    .iter()
                    .any(|secret| name.eq_ignore_ascii_case(secret.as_bytes()))
                {
                    push_nonempty(spans, value_start..k);
                }
                i = k;
                continue;
            }
            i = j;
            continue;
        }
        i += if bytes[i] == b'\\' { 2 } else { 1 };
    }
}

fn push_nonempty(spans: &mut Vec<Range<usize>>, span: Range<usize>) {
    if span.start < span.end {
        spans.push(span);
    }
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/' | b'=')
}

fn is_base64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_')
}

/// The next `Bearer <token>` at or after `from` (the word in any case, not inside another
/// word): the token's byte range.
fn find_bearer(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    const WORD: &[u8] = b"bearer";
    let mut i = from;
    while i + WORD.len() < bytes.len() {
        let hit = memchr::memchr2(b'b', b'B', &bytes[i..])? + i;
        let after = hit + WORD.len();
        let is_word = bytes
            .get(hit..after)
            .is_some_and(|w| w.eq_ignore_ascii_case(WORD))
            && (hit == 0 || !bytes[hit - 1].is_ascii_alphanumeric());
        if is_word {
            let mut start = after;
            while matches!(bytes.get(start), Some(b' ' | b'\t')) {
                start += 1;
            }
            let mut end = start;
            while bytes.get(end).copied().is_some_and(is_token_byte) {
                end += 1;
            }
            if start > after && end > start {
                return Some((start, end));
            }
        }
        i = hit + 1;
    }
    None
}

/// The end of a JWT (`header.payload.signature`, base64url, the header starting `eyJ`)
/// starting at `start`, if one starts there.
fn jwt_end(bytes: &[u8], start: usize) -> Option<usize> {
    if start > 0 && is_base64url(bytes[start - 1]) {
        return None;
    }
    let segment = |from: usize| {
        let mut i = from;
        while bytes.get(i).copied().is_some_and(is_base64url) {
            i += 1;
        }
        i
    };
    let header_end = segment(start);
    if bytes.get(header_end) != Some(&b'.') {
        return None;
    }
    let payload_end = segment(header_end + 1);
    if payload_end == header_end + 1 || bytes.get(payload_end) != Some(&b'.') {
        return None;
    }
    Some(segment(payload_end + 1))
}

/// Sorts spans and merges overlapping or touching ones, so each hidden run shows as one
/// mask.
pub fn merge(mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    spans.sort_by_key(|s| (s.start, s.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for span in spans {
        match out.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => out.push(span),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_userinfo_is_masked_user_and_password_apart() {
        let cases = [
            (
                "https://AKIAEXAMPLE:wJalrXUtnFEMI@bucket.s3.amazonaws.com/folder",
                "https://***:***@bucket.s3.amazonaws.com/folder",
            ),
            ("ftp://user@host/x", "ftp://***@host/x"),
            ("ftp://:pw@host", "ftp://:***@host"),
            ("sftp://u:p@ss@host/x", "sftp://***:***@host/x"),
            ("smb://host/share", "smb://host/share"),
            ("see https://host/a@b.c", "see https://host/a@b.c"),
            (
                r#"{"destination": "ftp://u:p\"w@host"}"#,
                r#"{"destination": "ftp://***:***@host"}"#,
            ),
            (
                "a ftp://x:y@h and sftp://z:w@k",
                "a ftp://***:***@h and sftp://***:***@k",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(redact(text), expected, "{text}");
        }
    }

    #[test]
    fn pointers_are_masked_token_by_token() {
        assert_eq!(
            redact_pointer("/execution/sftp:~1~1u:pw@h/x~0y"),
            "/execution/sftp:~1~1***:***@h/x~0y"
        );
        assert_eq!(redact_pointer("/a/b~1c"), "/a/b~1c");
        assert_eq!(redact_pointer(""), "");
    }

    #[test]
    fn secret_query_values_are_masked() {
        assert_eq!(
            redact("https://h/p?X-Amz-Signature=abc123&x=1&password=pw#f"),
            "https://h/p?X-Amz-Signature=***&x=1&password=***#f"
        );
        assert_eq!(redact("https://h/p?q=1"), "https://h/p?q=1");
    }

    #[test]
    fn bearer_tokens_and_jwts_are_masked() {
        assert_eq!(redact("bearer abc123"), "bearer ***");
        assert_eq!(
            redact("\"Authorization\": \"Bearer x.y-z\""),
            "\"Authorization\": \"Bearer ***\""
        );
        assert_eq!(redact("unbearer abc"), "unbearer abc");
        assert_eq!(redact("Bearer"), "Bearer");
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzY3AiOiJhIn0.c2lnbmF0dXJl";
        assert_eq!(
            redact(&format!("{{\"Jwt\": \"{jwt}\"}}")),
            "{\"Jwt\": \"***\"}"
        );
        assert_eq!(redact(&format!("Bearer {jwt}")), "Bearer ***");
        assert_eq!(redact("eyJnot a token"), "eyJnot a token");
        assert_eq!(redact("keyJ.a.b"), "keyJ.a.b");
    }

    proptest::proptest! {
        /// A URL's user and password never survive, whatever surrounds the URL, and the
        /// text around it is kept.
        #[test]
        fn userinfo_never_survives(
            before in "[ -~]{0,20}",
            scheme in "(ftp|sftp|smb|https|HTTPS)",
            user in "[A-Za-z0-9._~%!$&()*+,;=-]{0,12}",
            password in "[A-Za-z0-9._~%!$&()*+,;=:-]{6,24}",
            host in "[a-z0-9.-]{1,20}",
            after in "(/[A-Za-z0-9._-]{0,10})?( [ -9;-?A-~]{0,20})?",
        ) {
            let canary = format!("Zq{password}");
            let text = format!("{before} {scheme}://{user}:{canary}@{host}{after}");
            let masked = redact(&text);
            proptest::prop_assert!(!masked.contains(&canary), "{masked}");
            let expected_tail = format!("@{host}{after}");
            proptest::prop_assert!(masked.ends_with(&expected_tail), "{masked}");
        }
    }

    #[test]
    fn no_panic_and_no_credential_on_awkward_text() {
        for text in [
            "://",
            "a://@",
            "x://\\",
            "?",
            "https://h?=",
            "https://h?a",
            "bearer ",
            "eyJ.",
            "eyJa.",
            "eyJa.b",
            "é://ü:ö@ß",
            "ftp://ü:ö@h",
        ] {
            let masked = redact(text);
            assert!(masked.len() <= text.len() + 2 * MASK.len(), "{text}");
        }
        assert_eq!(redact("ftp://ü:ö@h"), "ftp://***:***@h");
    }
}
