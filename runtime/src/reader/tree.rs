//! Reading the tree: [`ValueRef`] and its iterators, and numbers read exactly from their
//! lexemes.

use super::*;

/// A value in a [`Document`]: cheap to copy, borrows the document.
#[derive(Debug, Clone, Copy)]
pub struct ValueRef<'d> {
    pub(super) doc: &'d Document<'d>,
    pub(super) index: u32,
}

/// One member of an object, in document order.
#[derive(Debug, Clone, Copy)]
pub struct Member<'d> {
    /// The member name, unescaped.
    pub name: &'d str,
    /// Where the name is, quotes included.
    pub name_span: Span,
    /// The member's value.
    pub value: ValueRef<'d>,
}

const DUMMY: Node = Node {
    start: 0,
    end: 0,
    a: 0,
    b: 0,
    tag: Tag::Null,
    flag: false,
    small: false,
};

impl<'d> ValueRef<'d> {
    fn node(&self) -> &'d Node {
        self.doc.node(self.index).unwrap_or(&DUMMY)
    }

    /// The document this value belongs to (to build findings or compute positions).
    pub fn document(&self) -> &'d Document<'d> {
        self.doc
    }

    /// The node's index in the arena: a stable identity for the value within its document.
    pub fn index(&self) -> u32 {
        self.index
    }

    /// The JSON type.
    pub fn kind(&self) -> Kind {
        match self.node().tag {
            Tag::Null => Kind::Null,
            Tag::False | Tag::True => Kind::Bool,
            Tag::Number => Kind::Number,
            Tag::String | Tag::Key => Kind::String,
            Tag::Array => Kind::Array,
            Tag::Object => Kind::Object,
        }
    }

    /// Where the value is: quotes and brackets included.
    pub fn span(&self) -> Span {
        let node = self.node();
        Span {
            start: node.start,
            end: node.end,
        }
    }

    /// The value's raw text, exactly as written.
    pub fn raw(&self) -> &'d str {
        let node = self.node();
        self.doc
            .text
            .get(node.start as usize..node.end as usize)
            .unwrap_or("")
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        self.node().tag == Tag::Null
    }

    /// The boolean, if the value is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self.node().tag {
            Tag::True => Some(true),
            Tag::False => Some(false),
            _ => None,
        }
    }

    /// The string, unescaped, if the value is one.
    pub fn as_str(&self) -> Option<&'d str> {
        let node = self.node();
        (node.tag == Tag::String).then(|| self.doc.str_of(node))
    }

    /// The number's lexeme exactly as written (`-0`, `1.50`, `1e400`), if the value is one.
    ///
    /// Exact comparisons (minimum, maximum, enum) can work on it without losing precision.
    pub fn as_number_str(&self) -> Option<&'d str> {
        (self.node().tag == Tag::Number).then(|| self.raw())
    }

    /// Whether the value is a number written without fraction or exponent (`12`, `-0`).
    ///
    /// Lexeme-based, like serde's integer types: `1.0` is not. For JSON Schema's value-based
    /// `integer` type use [`ValueRef::integer_value`].
    pub fn is_integer(&self) -> bool {
        let node = self.node();
        node.tag == Tag::Number && !node.flag
    }

    /// The number as `i64`, when it is written as an integer (see [`ValueRef::is_integer`])
    /// and fits. `None` otherwise; never wraps.
    ///
    /// Lexeme-based so it agrees with what serde accepts for `i64` fields.
    pub fn as_i64(&self) -> Option<i64> {
        if !self.is_integer() {
            return None;
        }
        if let Some(small) = self.small_value() {
            return Some(small);
        }
        self.raw().parse().ok()
    }

    /// Whether the number is written in hexadecimal (`0x1F`, [`Syntax::Lenient`]): its value
    /// is read ([`ValueRef::integer_value`]), but it is no integer lexeme
    /// ([`ValueRef::is_integer`] is false, as serde would refuse it).
    pub fn is_hex(&self) -> bool {
        let node = self.node();
        // A fraction or an exponent never makes a small integer.
        node.tag == Tag::Number && node.small && node.flag
    }

    /// The number as `u64`, when it is written as an integer and fits (`-0` is 0). `None`
    /// otherwise; never wraps.
    pub fn as_u64(&self) -> Option<u64> {
        if !self.is_integer() {
            return None;
        }
        let raw = self.raw();
        match raw.strip_prefix('-') {
            Some(digits) => digits.bytes().all(|b| b == b'0').then_some(0),
            None => raw.parse().ok(),
        }
    }

    /// The number as the nearest `f64`, `None` when it is not a number or its magnitude is too
    /// large for `f64` (`1e400`). Values too small underflow to zero, as in every JSON parser.
    pub fn as_f64(&self) -> Option<f64> {
        if self.node().tag != Tag::Number {
            return None;
        }
        if let Some(small) = self.small_value() {
            // `-0` keeps its sign.
            let negative_zero = small == 0 && self.raw().starts_with('-');
            return Some(if negative_zero { -0.0 } else { small as f64 });
        }
        self.raw().parse::<f64>().ok().filter(|f| f.is_finite())
    }

    /// The number's exact value as an integer, when it is one *by value*: `12`, `-0`, `1.0`,
    /// `1e2` and `1.5e1` are integers, `1.5` and `1e-1` are not. `None` also when the integer
    /// does not fit in `i128`.
    ///
    /// This is JSON Schema's `integer` type (draft 2020-12 is value-based). Computed exactly
    /// from the lexeme, never through `f64`, so `9007199254740993` stays itself.
    pub fn integer_value(&self) -> Option<i128> {
        let node = self.node();
        if node.tag != Tag::Number {
            return None;
        }
        if let Some(small) = self.small_value() {
            return Some(i128::from(small));
        }
        exact_integer(self.raw())
    }

    /// [`ValueRef::integer_value`], and whether the number is written in decimal digits
    /// only (no fraction, exponent or hex), from one look at the node: what the walk's integer check
    /// reads.
    pub fn integer_reading(&self) -> (Option<i128>, bool) {
        let node = self.node();
        if node.tag != Tag::Number {
            return (None, false);
        }
        if let Some(small) = self.small_value() {
            return (Some(i128::from(small)), !node.flag);
        }
        (exact_integer(self.raw()), !node.flag)
    }

    /// The value the parser read for a plain integer of at most 18 digits.
    fn small_value(&self) -> Option<i64> {
        let node = self.node();
        let bits = u64::from(node.a) | (u64::from(node.b) << 32);
        (node.tag == Tag::Number && node.small).then_some(bits as i64)
    }

    /// The items of an array in order; empty for any other value.
    pub fn items(&self) -> Items<'d> {
        let node = self.node();
        let (next, end, remaining) = if node.tag == Tag::Array {
            (self.index.saturating_add(1), node.a, node.b)
        } else {
            (0, 0, 0)
        };
        Items {
            doc: self.doc,
            next,
            end,
            remaining,
        }
    }

    /// The members of an object in document order, duplicates included; empty for any other
    /// value.
    pub fn members(&self) -> Members<'d> {
        let node = self.node();
        let (next, end, remaining) = if node.tag == Tag::Object {
            (self.index.saturating_add(1), node.a, node.b)
        } else {
            (0, 0, 0)
        };
        Members {
            doc: self.doc,
            next,
            end,
            remaining,
        }
    }

    /// The number of items (array) or members (object, duplicates counted); 0 otherwise.
    pub fn len(&self) -> usize {
        let node = self.node();
        match node.tag {
            Tag::Array | Tag::Object => node.b as usize,
            _ => 0,
        }
    }

    /// Whether [`ValueRef::len`] is 0.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of the first member named exactly `name`, if the value is an object that has
    /// one.
    pub fn get(&self, name: &str) -> Option<ValueRef<'d>> {
        self.members().find(|m| m.name == name).map(|m| m.value)
    }
}

/// Iterator over an array's items; see [`ValueRef::items`].
#[derive(Debug, Clone)]
pub struct Items<'d> {
    doc: &'d Document<'d>,
    next: u32,
    end: u32,
    remaining: u32,
}

impl<'d> Iterator for Items<'d> {
    type Item = ValueRef<'d>;

    fn next(&mut self) -> Option<ValueRef<'d>> {
        if self.next >= self.end {
            return None;
        }
        let index = self.next;
        self.next = self.doc.next_sibling(index);
        self.remaining = self.remaining.saturating_sub(1);
        Some(ValueRef {
            doc: self.doc,
            index,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining as usize, Some(self.remaining as usize))
    }
}

impl ExactSizeIterator for Items<'_> {}

/// Iterator over an object's members; see [`ValueRef::members`].
#[derive(Debug, Clone)]
pub struct Members<'d> {
    doc: &'d Document<'d>,
    next: u32,
    end: u32,
    remaining: u32,
}

impl<'d> Iterator for Members<'d> {
    type Item = Member<'d>;

    fn next(&mut self) -> Option<Member<'d>> {
        if self.next >= self.end {
            return None;
        }
        let key_index = self.next;
        let key = self.doc.node(key_index)?;
        let value_index = key_index.saturating_add(1);
        self.next = self.doc.next_sibling(value_index);
        self.remaining = self.remaining.saturating_sub(1);
        Some(Member {
            name: self.doc.str_of(key),
            name_span: Span {
                start: key.start,
                end: key.end,
            },
            value: ValueRef {
                doc: self.doc,
                index: value_index,
            },
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining as usize, Some(self.remaining as usize))
    }
}

impl ExactSizeIterator for Members<'_> {}

/// The exact integer value of a valid JSON number lexeme, if it is an integer by value and fits
/// in `i128`. Plain integers of up to 18 digits never get here: the parser read them
/// ([`small_integer`]).
fn exact_integer(lexeme: &str) -> Option<i128> {
    let (negative, rest) = match lexeme.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, lexeme),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (rest.get(..i)?, rest.get(i + 1..)?),
        None => (rest, ""),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((int_part, frac_part)) => (int_part, frac_part),
        None => (mantissa, ""),
    };
    // Significant digits and the power of ten they are scaled by.
    let digits = int_part.bytes().chain(frac_part.bytes());
    let all_digits: Vec<u8> = digits.skip_while(|&b| b == b'0').collect();
    let trailing_zeros = all_digits.iter().rev().take_while(|&&b| b == b'0').count();
    let significant = all_digits.get(..all_digits.len() - trailing_zeros)?;
    if significant.is_empty() {
        return Some(0);
    }
    let exponent = parse_exponent(exponent);
    let frac_len = i64::try_from(frac_part.len()).ok()?;
    let trailing = i64::try_from(trailing_zeros).ok()?;
    let scale = exponent.checked_sub(frac_len)?.checked_add(trailing)?;
    if scale < 0 {
        return None;
    }
    // i128 holds 38 full decimal digits; anything longer does not fit.
    let total = i64::try_from(significant.len()).ok()?.checked_add(scale)?;
    if total > 39 {
        return None;
    }
    let mut value: i128 = 0;
    for &d in significant {
        value = value.checked_mul(10)?.checked_add(i128::from(d - b'0'))?;
    }
    for _ in 0..scale {
        value = value.checked_mul(10)?;
    }
    Some(if negative { -value } else { value })
}

/// The value of a plain integer lexeme (`-`, then 1 to 18 digits), which always fits `i64`;
/// `None` for anything else, including longer integers (see [`exact_integer`]).
pub(super) fn small_integer(lexeme: &[u8]) -> Option<i64> {
    let (negative, digits) = match lexeme.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, lexeme),
    };
    if digits.is_empty() || digits.len() > 18 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let value = digits
        .iter()
        .fold(0i64, |acc, &d| acc * 10 + i64::from(d - b'0'));
    Some(if negative { -value } else { value })
}

/// Parses an exponent (`+12`, `-3`, `7`, or empty for none), saturating far beyond any
/// exponent that could still give an `i128`.
fn parse_exponent(exponent: &str) -> i64 {
    let (negative, digits) = match exponent.as_bytes().first() {
        Some(b'-') => (true, exponent.get(1..).unwrap_or("")),
        Some(b'+') => (false, exponent.get(1..).unwrap_or("")),
        _ => (false, exponent),
    };
    let mut value: i64 = 0;
    for b in digits.bytes() {
        value = value
            .saturating_mul(10)
            .saturating_add(i64::from(b.wrapping_sub(b'0')));
        value = value.min(1 << 40);
    }
    if negative { -value } else { value }
}
