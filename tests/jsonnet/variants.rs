//! Generated cases for the Json.NET oracle: payloads from the contract's sample strategy
//! (the values `vendorspec sample` prints), each written in the spellings clients produce:
//! the canonical text, the envelope, the lenient wire forms, whole numbers with a fraction
//! or an exponent or in quotes or hex, the date forms of other languages' libraries, GUID
//! forms, booleans as strings and numbers, and the whitespace .NET skips.
//!
//! A variant rewrites every place of its kind in the payload (every Int32 member, every
//! StartTime, ...), so one case shows what the server does with that spelling anywhere.

use std::fmt::Write as _;

use serde_json::Value;
use vendorspec::runtime::desc::Shape;
use vendorspec::runtime::formats::Format;

/// How a scalar of the payload is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// As serde_json writes it.
    Canonical,
    IntFraction,
    IntExponent,
    IntQuoted,
    IntHex,
    DateNoOffset,
    DateOffsetNoColon,
    DateSpace,
    DateBare,
    DateMs,
    DatePython,
    DateLower,
    GuidNoHyphens,
    GuidBraces,
    GuidUpper,
    BoolQuoted,
    BoolNumber,
}

/// One kind of variant: its name (the case id's last part), the spelling of scalars, the
/// whitespace between tokens, and whether it is sent in the envelope.
pub struct Kind {
    pub name: &'static str,
    pub spelling: Spelling,
    pub gap: &'static str,
    pub enveloped: bool,
}

/// Every kind of variant, in case order.
pub const KINDS: &[Kind] = &[
    kind("canonical", Spelling::Canonical, "", false),
    kind("enveloped", Spelling::Canonical, "", true),
    kind("int-fraction", Spelling::IntFraction, "", false),
    kind("int-fraction-enveloped", Spelling::IntFraction, "", true),
    kind("int-exponent", Spelling::IntExponent, "", false),
    kind("int-quoted", Spelling::IntQuoted, "", false),
    kind("int-hex", Spelling::IntHex, "", false),
    kind("date-no-offset", Spelling::DateNoOffset, "", false),
    kind(
        "date-offset-no-colon",
        Spelling::DateOffsetNoColon,
        "",
        false,
    ),
    kind("date-space", Spelling::DateSpace, "", false),
    kind("date-bare", Spelling::DateBare, "", false),
    kind("date-ms", Spelling::DateMs, "", false),
    kind("date-python", Spelling::DatePython, "", false),
    kind("date-lower", Spelling::DateLower, "", false),
    kind("guid-no-hyphens", Spelling::GuidNoHyphens, "", false),
    kind("guid-braces", Spelling::GuidBraces, "", false),
    kind("guid-upper", Spelling::GuidUpper, "", false),
    kind("bool-quoted", Spelling::BoolQuoted, "", false),
    kind("bool-number", Spelling::BoolNumber, "", false),
    kind("ws-space-newline", Spelling::Canonical, " \n ", false),
    kind("ws-crlf-tab", Spelling::Canonical, "\r\n\t", false),
    kind("ws-nbsp", Spelling::Canonical, "\u{A0}", false),
    kind("ws-vertical-tab", Spelling::Canonical, "\u{B}", false),
    kind("ws-form-feed", Spelling::Canonical, "\u{C}", false),
    kind("ws-nbsp-enveloped", Spelling::Canonical, "\u{A0}", true),
];

const fn kind(name: &'static str, spelling: Spelling, gap: &'static str, enveloped: bool) -> Kind {
    Kind {
        name,
        spelling,
        gap,
        enveloped,
    }
}

/// The value written in a variant's spelling (strict JSON apart from the spelling and the
/// gaps), and whether the spelling changed anything.
pub fn write(value: &Value, shape: &Shape, kind: &Kind) -> (String, bool) {
    let mut out = String::new();
    let mut changed = false;
    emit(value, Some(shape), kind, &mut out, &mut changed);
    changed |= !kind.gap.is_empty() || kind.enveloped;
    if kind.enveloped {
        out = serde_json::json!({ "value": out }).to_string();
        if !kind.gap.is_empty() {
            out = out.replacen(':', &format!("{}:{}", kind.gap, kind.gap), 1);
        }
    }
    (out, changed)
}

fn emit(value: &Value, shape: Option<&Shape>, kind: &Kind, out: &mut String, changed: &mut bool) {
    let gap = kind.gap;
    match value {
        Value::Object(map) => {
            let object = match shape {
                Some(Shape::Object(f)) => Some(f()),
                _ => None,
            };
            out.push('{');
            for (i, (name, member)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(gap);
                out.push_str(&serde_json::to_string(name).expect("a string"));
                out.push_str(gap);
                out.push(':');
                out.push_str(gap);
                let member_shape = object
                    .and_then(|o| o.members.iter().find(|m| m.name == name))
                    .map(|m| &m.shape);
                emit(member, member_shape, kind, out, changed);
            }
            out.push_str(gap);
            out.push('}');
        }
        Value::Array(items) => {
            let item_shape = match shape {
                Some(Shape::Array(a)) => Some(a.items),
                _ => None,
            };
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(gap);
                emit(item, item_shape, kind, out, changed);
            }
            out.push_str(gap);
            out.push(']');
        }
        scalar => {
            let canonical = scalar.to_string();
            let respelled = shape.and_then(|s| respell(scalar, s, kind.spelling));
            match respelled {
                Some(text) if text != canonical => {
                    *changed = true;
                    out.push_str(&text);
                }
                _ => out.push_str(&canonical),
            }
        }
    }
}

/// The scalar in `spelling`, when the spelling applies to it.
fn respell(value: &Value, shape: &Shape, spelling: Spelling) -> Option<String> {
    let is_int = matches!(shape, Shape::Integer(_) | Shape::Enum(_));
    let format = match shape {
        Shape::String(s) => s.format,
        _ => None,
    };
    match (value, spelling) {
        (Value::Number(n), _) if is_int => {
            let n = n.as_i64()?;
            match spelling {
                Spelling::IntFraction => Some(format!("{n}.0")),
                Spelling::IntExponent => Some(format!("{n}e0")),
                Spelling::IntQuoted => Some(format!("\"{n}\"")),
                Spelling::IntHex if n < 0 => Some(format!("-0x{:X}", n.unsigned_abs())),
                Spelling::IntHex => Some(format!("0x{n:X}")),
                _ => None,
            }
        }
        (Value::Bool(b), Spelling::BoolQuoted) => Some(format!("\"{b}\"")),
        (Value::Bool(b), Spelling::BoolNumber) => Some(u8::from(*b).to_string()),
        (Value::String(s), _) if format == Some(Format::DateTime) => {
            date(s, spelling).map(|d| serde_json::Value::from(d).to_string())
        }
        (Value::String(s), _) if format == Some(Format::Uuid) => {
            let g = match spelling {
                Spelling::GuidNoHyphens => s.replace('-', ""),
                Spelling::GuidBraces => format!("{{{s}}}"),
                Spelling::GuidUpper => s.to_ascii_uppercase(),
                _ => return None,
            };
            Some(serde_json::Value::from(g).to_string())
        }
        _ => None,
    }
}

/// An RFC 3339 date-time (as the strategy writes them: `YYYY-MM-DDTHH:MM:SS`, an optional
/// fraction, `Z` or an offset) in another spelling.
fn date(s: &str, spelling: Spelling) -> Option<String> {
    let (day, rest) = s.split_once(['T', 't'])?;
    let time_end = rest.find(['Z', 'z', '+', '-']).unwrap_or(rest.len());
    let (time, offset) = rest.split_at(time_end);
    let clock = time.get(..8)?;
    let out = match spelling {
        Spelling::DateNoOffset => format!("{day}T{time}"),
        Spelling::DateOffsetNoColon => {
            let offset = if offset.eq_ignore_ascii_case("z") {
                "+0000".to_string()
            } else {
                offset.replace(':', "")
            };
            format!("{day}T{time}{offset}")
        }
        Spelling::DateSpace => format!("{day} {time}{offset}"),
        Spelling::DateBare => day.to_string(),
        Spelling::DateMs => {
            let epoch = epoch_millis(day, clock)?;
            format!("/Date({epoch})/")
        }
        Spelling::DatePython => format!("{day}T{clock}.123456"),
        Spelling::DateLower => format!("{day}t{time}{}", offset.to_ascii_lowercase()),
        _ => return None,
    };
    Some(out)
}

/// Milliseconds since 1970 of a UTC day and clock (`YYYY-MM-DD`, `HH:MM:SS`).
fn epoch_millis(day: &str, clock: &str) -> Option<i64> {
    let num = |s: &str| s.parse::<i64>().ok();
    let mut parts = day.split('-');
    let (y, m, d) = (
        num(parts.next()?)?,
        num(parts.next()?)?,
        num(parts.next()?)?,
    );
    let mut t = clock.split(':');
    let (h, mi, se) = (num(t.next()?)?, num(t.next()?)?, num(t.next()?)?);
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 24 + h) * 60 + mi) * 60_000 + se * 1000)
}

/// A readable label of a text for failure messages: control and space characters shown
/// as `{U+XXXX}`, shortened to `max` characters.
pub fn shown(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars().take(max) {
        if c != ' ' && (c.is_control() || c.is_whitespace() || c == '\u{FEFF}') {
            write!(out, "{{U+{:04X}}}", u32::from(c)).expect("writing to a String");
        } else {
            out.push(c);
        }
    }
    if text.chars().count() > max {
        out.push('…');
    }
    out
}
