//! RFC 6901 JSON pointers, built cheaply during a walk.
//!
//! A validator walking a tree needs the pointer of the node it is at only when it reports a
//! finding, but it must be able to produce it at any depth. [`PointerBuf`] keeps one growing
//! `String`: descending pushes a token and returns a mark, ascending truncates back to the
//! mark, so a whole walk allocates once.

use std::borrow::Cow;

/// Escapes one reference token per RFC 6901: `~` becomes `~0`, `/` becomes `~1`.
///
/// Borrowed when there is nothing to escape, which is almost always.
pub fn escape_token(token: &str) -> Cow<'_, str> {
    if token.bytes().any(|b| b == b'~' || b == b'/') {
        let mut out = String::with_capacity(token.len() + 2);
        push_escaped(&mut out, token);
        Cow::Owned(out)
    } else {
        Cow::Borrowed(token)
    }
}

fn push_escaped(out: &mut String, token: &str) {
    if !token.bytes().any(|b| b == b'~' || b == b'/') {
        out.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// Returns `parent` extended by the member `name` (escaped).
///
/// For one-off pointers, such as the pointer of a missing required member.
pub fn child_key(parent: &str, name: &str) -> String {
    let mut out = String::with_capacity(parent.len() + name.len() + 1);
    out.push_str(parent);
    out.push('/');
    push_escaped(&mut out, name);
    out
}

/// Returns `parent` extended by the array index `index`.
pub fn child_index(parent: &str, index: usize) -> String {
    let mut out = String::with_capacity(parent.len() + 8);
    out.push_str(parent);
    out.push('/');
    push_decimal(&mut out, index);
    out
}

/// Appends `n` in decimal, without going through `fmt` (this runs for every array item).
fn push_decimal(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[at..]).expect("ASCII digits"));
}

/// A pointer under construction during a walk; see the module documentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PointerBuf {
    buf: String,
}

/// Where a [`PointerBuf`] was before a push; give it back to [`PointerBuf::truncate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark(usize);

impl PointerBuf {
    /// The root pointer (the empty string).
    pub fn new() -> Self {
        Self::default()
    }

    /// The root pointer, with room for `capacity` bytes of tokens before it grows.
    pub fn with_capacity(capacity: usize) -> Self {
        PointerBuf {
            buf: String::with_capacity(capacity),
        }
    }

    /// Appends the member `name` and returns the mark to come back to.
    pub fn push_key(&mut self, name: &str) -> Mark {
        let mark = Mark(self.buf.len());
        self.buf.push('/');
        push_escaped(&mut self.buf, name);
        mark
    }

    /// Appends the array index `index` and returns the mark to come back to.
    pub fn push_index(&mut self, index: usize) -> Mark {
        let mark = Mark(self.buf.len());
        self.buf.push('/');
        push_decimal(&mut self.buf, index);
        mark
    }

    /// Goes back to where the pointer was when `mark` was returned.
    pub fn truncate(&mut self, mark: Mark) {
        self.buf.truncate(mark.0);
    }

    /// The pointer as text (empty for the root).
    pub fn as_str(&self) -> &str {
        &self.buf
    }
}

impl std::fmt::Display for PointerBuf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.buf)
    }
}

/// A pointer kept as its tokens during a walk and written out only when a finding needs
/// it, so the walk of a valid document never writes one: descending pushes a token (the
/// member name is borrowed from the document) and returns a mark, ascending truncates back
/// to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LazyPointer<'a> {
    /// An already-written pointer the tokens extend (empty: the root).
    base: String,
    tokens: Vec<Token<'a>>,
}

/// One reference token of a [`LazyPointer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// A member name, unescaped.
    Key(&'a str),
    /// An array index.
    Index(usize),
}

impl<'a> LazyPointer<'a> {
    /// The root pointer.
    pub fn new() -> Self {
        Self::default()
    }

    /// The pointer `base` (RFC 6901, escaped), to be extended.
    pub fn starting_at(base: &str) -> Self {
        LazyPointer {
            base: base.to_string(),
            tokens: Vec::new(),
        }
    }

    /// Appends the member `name` and returns the mark to come back to.
    #[inline]
    pub fn push_key(&mut self, name: &'a str) -> Mark {
        let mark = Mark(self.tokens.len());
        self.tokens.push(Token::Key(name));
        mark
    }

    /// Appends the array index `index` and returns the mark to come back to.
    #[inline]
    pub fn push_index(&mut self, index: usize) -> Mark {
        let mark = Mark(self.tokens.len());
        self.tokens.push(Token::Index(index));
        mark
    }

    /// Goes back to where the pointer was when `mark` was returned.
    #[inline]
    pub fn truncate(&mut self, mark: Mark) {
        self.tokens.truncate(mark.0);
    }

    /// The tokens after the base, outermost first.
    pub fn tokens(&self) -> &[Token<'a>] {
        &self.tokens
    }

    /// The pointer as text (empty for the root).
    pub fn render(&self) -> String {
        // Sized up front (escapes aside): member names are often longer than a guess.
        let tokens: usize = self
            .tokens
            .iter()
            .map(|token| match token {
                Token::Key(name) => 1 + name.len(),
                Token::Index(index) => 2 + index.checked_ilog10().unwrap_or(0) as usize,
            })
            .sum();
        let mut out = String::with_capacity(self.base.len() + tokens);
        out.push_str(&self.base);
        for token in &self.tokens {
            out.push('/');
            match token {
                Token::Key(name) => push_escaped(&mut out, name),
                Token::Index(index) => push_decimal(&mut out, *index),
            }
        }
        out
    }

    /// [`LazyPointer::render`] extended by the member `name`, without changing the pointer.
    pub fn render_child(&self, name: &str) -> String {
        child_key(&self.render(), name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lazy_pointer_writes_what_a_buffer_writes() {
        let mut lazy = LazyPointer::starting_at("/a~1b");
        let mut buf = PointerBuf::new();
        buf.push_key("a/b");
        let outer = (lazy.push_key("x~y"), buf.push_key("x~y"));
        lazy.push_index(12);
        buf.push_index(12);
        assert_eq!(lazy.render(), buf.as_str());
        assert_eq!(lazy.render(), "/a~1b/x~0y/12");
        assert_eq!(lazy.render_child("n"), "/a~1b/x~0y/12/n");
        lazy.truncate(outer.0);
        buf.truncate(outer.1);
        assert_eq!(lazy.render(), buf.as_str());
        assert_eq!(LazyPointer::new().render(), "");
    }

    #[test]
    fn escapes_per_rfc_6901() {
        assert_eq!(escape_token("a/b~c"), "a~1b~0c");
        assert!(matches!(escape_token("plain"), Cow::Borrowed("plain")));
        assert_eq!(child_key("/x", "m~n/"), "/x/m~0n~1");
        assert_eq!(child_key("", ""), "/");
        assert_eq!(child_index("/a", 12), "/a/12");
        assert_eq!(child_index("", 0), "/0");
        assert_eq!(child_index("", usize::MAX), format!("/{}", usize::MAX));
    }

    #[test]
    fn buf_pushes_and_truncates() {
        let mut p = PointerBuf::new();
        let m1 = p.push_key("DiscoveryTargets");
        let m2 = p.push_key("Range/Ip");
        let m3 = p.push_index(3);
        assert_eq!(p.as_str(), "/DiscoveryTargets/Range~1Ip/3");
        p.truncate(m3);
        p.truncate(m2);
        assert_eq!(p.to_string(), "/DiscoveryTargets");
        p.truncate(m1);
        assert_eq!(p.as_str(), "");
    }
}
