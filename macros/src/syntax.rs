//! Syntax: `#[contract(..)]` attributes and doc comments into the parsed [`model`].
//!
//! Parsing goes on after an error, so one compile reports every malformed attribute:
//! each problem is pushed onto [`Errors`] and its tokens are skipped.

use proc_macro2::{Span, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::{Token, bracketed};
use vendorspec_runtime::keywords;

use crate::model::*;

/// Errors gathered across the whole input, reported together.
#[derive(Default)]
pub struct Errors(Vec<syn::Error>);

impl Errors {
    pub fn push(&mut self, span: Span, message: impl std::fmt::Display) {
        self.0.push(syn::Error::new(span, message));
    }

    pub fn push_error(&mut self, error: syn::Error) {
        self.0.push(error);
    }

    /// All errors as one (`syn::Error::combine`), or `Ok` when there are none.
    pub fn finish(self) -> syn::Result<()> {
        let mut iter = self.0.into_iter();
        match iter.next() {
            None => Ok(()),
            Some(mut first) => {
                for e in iter {
                    first.combine(e);
                }
                Err(first)
            }
        }
    }
}

/// `; did you mean `x`?` for the closest candidate, or the empty string.
/// The choice is `vendorspec_runtime::suggest`'s, as everywhere else.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    vendorspec_runtime::suggest::suggest(word, candidates)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

fn list(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The name of a key, keywords included (`in`, `crate`).
fn key_name(meta: &ParseNestedMeta) -> String {
    meta.path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

/// Skips the rest of an entry (`= value` or `(..)`) up to the next comma.
fn skip_rest(input: ParseStream) -> syn::Result<()> {
    while !input.is_empty() && !input.peek(Token![,]) {
        input.parse::<TokenTree>()?;
    }
    Ok(())
}

fn unknown_key(
    meta: &ParseNestedMeta,
    errors: &mut Errors,
    what: &str,
    keys: &[&str],
) -> syn::Result<()> {
    let name = key_name(meta);
    let hint = did_you_mean(&name, keys.iter().copied());
    errors.push(
        meta.path.span(),
        format!(
            "unknown {what} `{name}`{hint}\nexpected one of: {}",
            list(keys)
        ),
    );
    skip_rest(meta.input)
}

/// A literal, with an optional leading `-` for numbers.
fn parse_lit(input: ParseStream) -> syn::Result<Sp<LitVal>> {
    let neg: Option<Token![-]> = input.parse()?;
    let lit: syn::Lit = input.parse()?;
    let span = lit.span();
    let value = match &lit {
        syn::Lit::Int(i) => {
            let v: i128 = i.base10_parse()?;
            LitVal::Int(if neg.is_some() { -v } else { v })
        }
        syn::Lit::Float(f) => {
            let v: f64 = f.base10_parse()?;
            LitVal::Float(if neg.is_some() { -v } else { v })
        }
        syn::Lit::Bool(b) if neg.is_none() => LitVal::Bool(b.value),
        syn::Lit::Str(s) if neg.is_none() => LitVal::Str(s.value()),
        _ => {
            return Err(syn::Error::new(
                span,
                "expected a literal: an integer, a float, `true`/`false` or a string",
            ));
        }
    };
    Ok(Sp {
        value,
        key: span,
        span,
    })
}

/// `key = <literal>`.
fn lit_value(meta: &ParseNestedMeta) -> syn::Result<Sp<LitVal>> {
    let mut lit = parse_lit(meta.value()?)?;
    lit.key = meta.path.span();
    Ok(lit)
}

/// Reads `key = <literal>` and checks the literal's kind with `convert`, which returns the
/// expected kind's description when the literal is of another kind.
fn typed<T>(
    meta: &ParseNestedMeta,
    errors: &mut Errors,
    convert: impl FnOnce(&LitVal) -> Result<T, &'static str>,
) -> syn::Result<Option<Sp<T>>> {
    let lit = lit_value(meta)?;
    match convert(&lit.value) {
        Ok(value) => Ok(Some(Sp {
            value,
            key: lit.key,
            span: lit.span,
        })),
        Err(expected) => {
            errors.push(
                lit.span,
                format!(
                    "`{}` takes {expected}, not {}; for example `{}`",
                    key_name(meta),
                    lit.value.kind(),
                    example(&key_name(meta))
                ),
            );
            Ok(None)
        }
    }
}

fn example(key: &str) -> &'static str {
    if let Some(keyword) = keywords::keyword(key) {
        return keyword.example;
    }
    match key {
        "name" => "name = \"Job\"",
        "rename" => "rename = \"Name\"",
        "default_json" => "default_json = r#\"{\"IcmpDiscovery\": true}\"#",
        "unknown" => "unknown = \"warn\"",
        "count" => "count = \"non_empty\"",
        "label" => "label = \"Install agents\"",
        "message" => "message = \"..\"",
        "help" => "help = \"..\"",
        "code" => "code = \"modules_ignored\"",
        "present" => "present = true",
        "non_empty" => "non_empty = true",
        "crate" => "crate = \"::vendorspec\"",
        _ => "..",
    }
}

fn want_str(v: &LitVal) -> Result<String, &'static str> {
    match v {
        LitVal::Str(s) => Ok(s.clone()),
        _ => Err("a string"),
    }
}

fn want_u64(v: &LitVal) -> Result<u64, &'static str> {
    match v {
        LitVal::Int(i) if *i >= 0 && *i <= u64::MAX as i128 => Ok(*i as u64),
        _ => Err("a non-negative integer"),
    }
}

fn want_num(v: &LitVal) -> Result<LitVal, &'static str> {
    match v {
        LitVal::Int(_) | LitVal::Float(_) => Ok(v.clone()),
        _ => Err("a number"),
    }
}

fn want_bool(v: &LitVal) -> Result<bool, &'static str> {
    match v {
        LitVal::Bool(b) => Ok(*b),
        _ => Err("a boolean"),
    }
}

fn want_scalar(v: &LitVal) -> Result<LitVal, &'static str> {
    Ok(v.clone())
}

/// Stores `value` in `slot`, reporting a second occurrence of the key.
fn set<T>(slot: &mut Option<Sp<T>>, value: Option<Sp<T>>, errors: &mut Errors, key: &str) {
    if let Some(value) = value {
        if slot.is_some() {
            errors.push(value.key, format!("duplicate `{key}`: give it once"));
        } else {
            *slot = Some(value);
        }
    }
}

fn flag(meta: &ParseNestedMeta) -> Sp<()> {
    let span = meta.path.span();
    Sp {
        value: (),
        key: span,
        span,
    }
}

/// The doc comment as a description: the lines of a paragraph joined with spaces (doc
/// comments wrap where the source wraps, which means nothing in a schema), paragraphs
/// separated by a blank line.
pub fn doc(attrs: &[syn::Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("doc") {
            continue;
        }
        if let syn::Meta::NameValue(nv) = &attr.meta
            && let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
        {
            let line = s.value();
            lines.push(
                line.strip_prefix(' ')
                    .unwrap_or(&line)
                    .trim_end()
                    .to_owned(),
            );
        }
    }
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in lines {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line.trim());
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    vendorspec_runtime::rustdoc::unescape(&paragraphs.join("\n\n"))
}

fn contract_attrs(attrs: &[syn::Attribute]) -> impl Iterator<Item = &syn::Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("contract"))
}

/// The keys of a field attribute: the constraint keywords and the field's own.
fn field_keys() -> Vec<&'static str> {
    let own = ["items", "default", "default_json", "secret"];
    ["rename"]
        .into_iter()
        .chain(keywords::names())
        .chain(own)
        .collect()
}

/// The keys of `items(..)`: the constraint keywords and nested `items`.
fn items_keys() -> Vec<&'static str> {
    keywords::names().chain(["items"]).collect()
}

const STRUCT_KEYS: &[&str] = &[
    "name",
    "unknown",
    "crate",
    "exactly_one_of",
    "at_least_one_of",
    "requires",
    "range_order",
    "advice",
];

const ENUM_KEYS: &[&str] = &["name", "crate", "integer", "string"];

const VARIANT_KEYS: &[&str] = &["value", "label"];

const PREDICATE_KEYS: &[&str] = &["present", "non_empty", "equals", "in", "not_in", "contains"];

/// A constraint key shared by fields and `items(..)`. Returns `false` if `meta` is not one.
fn constraint(
    meta: &ParseNestedMeta,
    c: &mut Constraints,
    errors: &mut Errors,
) -> syn::Result<bool> {
    let key = key_name(meta);
    match key.as_str() {
        "format" => set(&mut c.format, typed(meta, errors, want_str)?, errors, &key),
        "pattern" => set(&mut c.pattern, typed(meta, errors, want_str)?, errors, &key),
        "min_length" => set(
            &mut c.min_length,
            typed(meta, errors, want_u64)?,
            errors,
            &key,
        ),
        "max_length" => set(
            &mut c.max_length,
            typed(meta, errors, want_u64)?,
            errors,
            &key,
        ),
        "minimum" => set(&mut c.minimum, typed(meta, errors, want_num)?, errors, &key),
        "maximum" => set(&mut c.maximum, typed(meta, errors, want_num)?, errors, &key),
        "min_items" => set(
            &mut c.min_items,
            typed(meta, errors, want_u64)?,
            errors,
            &key,
        ),
        "max_items" => set(
            &mut c.max_items,
            typed(meta, errors, want_u64)?,
            errors,
            &key,
        ),
        "min_duration" => set(
            &mut c.min_duration,
            typed(meta, errors, want_str)?,
            errors,
            &key,
        ),
        "max_duration" => set(
            &mut c.max_duration,
            typed(meta, errors, want_str)?,
            errors,
            &key,
        ),
        "unique_items" => set(&mut c.unique_items, Some(flag(meta)), errors, &key),
        "items" => {
            let mut inner = Constraints::default();
            meta.parse_nested_meta(|m| {
                if !constraint(&m, &mut inner, errors)? {
                    unknown_key(&m, errors, "items constraint", &items_keys())?;
                }
                Ok(())
            })?;
            let span = meta.path.span();
            set(
                &mut c.items,
                Some(Sp {
                    value: Box::new(inner),
                    key: span,
                    span,
                }),
                errors,
                &key,
            );
        }
        _ => return Ok(false),
    }
    Ok(true)
}

fn parse_field(field: &syn::Field, errors: &mut Errors) -> Option<Field> {
    let ident = field.ident.clone()?;
    let mut f = Field {
        ident,
        ty: field.ty.clone(),
        doc: doc(&field.attrs),
        rename: None,
        constraints: Constraints::default(),
        default: None,
        default_json: None,
        secret: None,
    };
    for attr in contract_attrs(&field.attrs) {
        let result = attr.parse_nested_meta(|meta| {
            if constraint(&meta, &mut f.constraints, errors)? {
                return Ok(());
            }
            let key = key_name(&meta);
            match key.as_str() {
                "rename" => set(&mut f.rename, typed(&meta, errors, want_str)?, errors, &key),
                "default" => set(
                    &mut f.default,
                    typed(&meta, errors, want_scalar)?,
                    errors,
                    &key,
                ),
                "default_json" => set(
                    &mut f.default_json,
                    typed(&meta, errors, want_str)?,
                    errors,
                    &key,
                ),
                "secret" => set(&mut f.secret, Some(flag(&meta)), errors, &key),
                _ => unknown_key(&meta, errors, "field attribute", &field_keys())?,
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.push_error(e);
        }
    }
    Some(f)
}

/// `field, field, ..` with an optional `count = ".."` among them.
fn parse_group(
    meta: &ParseNestedMeta,
    errors: &mut Errors,
) -> syn::Result<(Vec<syn::Ident>, Option<Sp<CountM>>)> {
    let mut fields = Vec::new();
    let mut count = None;
    meta.parse_nested_meta(|m| {
        if m.path.is_ident("count") && m.input.peek(Token![=]) {
            if let Some(s) = typed(&m, errors, want_str)? {
                match s.value.as_str() {
                    "present" => count = Some(Sp { value: CountM::Present, key: s.key, span: s.span }),
                    "non_empty" => count = Some(Sp { value: CountM::NonEmpty, key: s.key, span: s.span }),
                    other => errors.push(
                        s.span,
                        format!(
                            "unknown count `{other}`{}\nexpected `present` (the member is in the object) or `non_empty` (present and not an empty array)",
                            did_you_mean(other, ["present", "non_empty"])
                        ),
                    ),
                }
            }
        } else if let Some(ident) = m.path.get_ident().filter(|_| m.input.is_empty() || m.input.peek(Token![,])) {
            fields.push(ident.clone());
        } else {
            errors.push(
                m.path.span(),
                "expected a field name or `count = \"present\" | \"non_empty\"`",
            );
            skip_rest(m.input)?;
        }
        Ok(())
    })?;
    Ok((fields, count))
}

/// `when(field(test = ..), ..)`: the tests of a condition.
fn parse_tests(meta: &ParseNestedMeta, errors: &mut Errors) -> syn::Result<Vec<TestM>> {
    let mut tests = Vec::new();
    meta.parse_nested_meta(|m| {
        let Some(field) = m.path.get_ident().cloned() else {
            errors.push(
                m.path.span(),
                "expected a field name, as in `when(job_type(equals = 2))`",
            );
            return skip_rest(m.input);
        };
        if !m.input.peek(syn::token::Paren) {
            errors.push(
                m.path.span(),
                format!(
                    "expected a test on `{field}`, as in `{field}(present = true)`; tests: {}",
                    list(PREDICATE_KEYS)
                ),
            );
            return skip_rest(m.input);
        }
        m.parse_nested_meta(|p| {
            let key = key_name(&p);
            let span = p.path.span();
            let pred = match key.as_str() {
                "present" => typed(&p, errors, want_bool)?.map(|b| PredM::Present(b.value)),
                "non_empty" => typed(&p, errors, want_bool)?.map(|b| PredM::NonEmpty(b.value)),
                "equals" => Some(PredM::Equals(lit_value(&p)?)),
                "contains" => Some(PredM::Contains(lit_value(&p)?)),
                "in" | "not_in" => {
                    let input = p.value()?;
                    let content;
                    bracketed!(content in input);
                    let mut lits = Vec::new();
                    while !content.is_empty() {
                        lits.push(parse_lit(&content)?);
                        if content.is_empty() {
                            break;
                        }
                        content.parse::<Token![,]>()?;
                    }
                    Some(if key == "in" {
                        PredM::In(lits)
                    } else {
                        PredM::NotIn(lits)
                    })
                }
                _ => {
                    unknown_key(&p, errors, "test", PREDICATE_KEYS)?;
                    None
                }
            };
            if let Some(pred) = pred {
                tests.push(TestM {
                    field: field.clone(),
                    pred,
                    span,
                });
            }
            Ok(())
        })
    })?;
    Ok(tests)
}

fn parse_message(
    meta: &ParseNestedMeta,
    errors: &mut Errors,
    slot: &mut Option<String>,
) -> syn::Result<()> {
    if let Some(s) = typed(meta, errors, want_str)? {
        *slot = Some(s.value);
    }
    Ok(())
}

fn parse_requires(meta: &ParseNestedMeta, errors: &mut Errors) -> syn::Result<Option<RuleM>> {
    let span = meta.path.span();
    let (mut when, mut then, mut message) = (None, None, None);
    meta.parse_nested_meta(|m| {
        match key_name(&m).as_str() {
            "when" => when = Some(parse_tests(&m, errors)?),
            "then" => then = Some(parse_tests(&m, errors)?),
            "message" => parse_message(&m, errors, &mut message)?,
            _ => unknown_key(
                &m,
                errors,
                "key of `requires`",
                &["when", "then", "message"],
            )?,
        }
        Ok(())
    })?;
    let mut missing = Vec::new();
    if when.is_none() {
        missing.push("when(..)");
    }
    if then.is_none() {
        missing.push("then(..)");
    }
    if message.is_none() {
        missing.push("message = \"..\"");
    }
    if !missing.is_empty() {
        errors.push(
            span,
            format!(
                "`requires` needs {}, as in `requires(when(a(present = true)), then(b(present = true)), message = \"b is needed with a\")`",
                missing.join(" and ")
            ),
        );
        return Ok(None);
    }
    Ok(Some(RuleM::Requires {
        when: when.unwrap_or_default(),
        then: then.unwrap_or_default(),
        message: message.unwrap_or_default(),
    }))
}

fn parse_advice(meta: &ParseNestedMeta, errors: &mut Errors) -> syn::Result<Option<AdviceM>> {
    let span = meta.path.span();
    let (mut code, mut at, mut when, mut message, mut help) = (None, None, None, None, None);
    meta.parse_nested_meta(|m| {
        match key_name(&m).as_str() {
            "code" => parse_message(&m, errors, &mut code)?,
            "at" => at = Some(m.value()?.parse::<syn::Ident>()?),
            "when" => when = Some(parse_tests(&m, errors)?),
            "message" => parse_message(&m, errors, &mut message)?,
            "help" => parse_message(&m, errors, &mut help)?,
            _ => unknown_key(
                &m,
                errors,
                "key of `advice`",
                &["code", "at", "when", "message", "help"],
            )?,
        }
        Ok(())
    })?;
    let mut missing = Vec::new();
    if code.is_none() {
        missing.push("code = \"..\"");
    }
    if when.is_none() {
        missing.push("when(..)");
    }
    if message.is_none() {
        missing.push("message = \"..\"");
    }
    if !missing.is_empty() {
        errors.push(
            span,
            format!(
                "`advice` needs {}, as in `advice(code = \"x_ignored\", at = x, when(y(equals = 1)), message = \"..\")`",
                missing.join(" and ")
            ),
        );
        return Ok(None);
    }
    Ok(Some(AdviceM {
        code: code.unwrap_or_default(),
        at,
        when: when.unwrap_or_default(),
        message: message.unwrap_or_default(),
        help,
    }))
}

fn default_crate() -> syn::Path {
    syn::parse_quote!(::vendorspec_runtime)
}

fn parse_crate(
    meta: &ParseNestedMeta,
    errors: &mut Errors,
    krate: &mut syn::Path,
) -> syn::Result<()> {
    if let Some(s) = typed(meta, errors, want_str)? {
        match syn::parse_str::<syn::Path>(&s.value) {
            Ok(p) => *krate = p,
            Err(_) => errors.push(
                s.span,
                format!(
                    "`crate` takes a path such as \"::vendorspec\", not `{}`",
                    s.value
                ),
            ),
        }
    }
    Ok(())
}

/// Parses a derive input into the model; problems go to `errors`, and what could be read
/// is still returned so the checks can report theirs in the same compile.
pub fn parse(input: &syn::DeriveInput, errors: &mut Errors) -> Option<Input> {
    if !input.generics.params.is_empty() || input.generics.where_clause.is_some() {
        errors.push(
            input.generics.span(),
            "#[derive(Contract)] does not support generic types: a contract is one concrete shape; write a concrete type per instantiation",
        );
    }
    match &input.data {
        syn::Data::Struct(data) => parse_struct(input, data, errors).map(Input::Struct),
        syn::Data::Enum(data) => parse_enum(input, data, errors).map(Input::Enum),
        syn::Data::Union(u) => {
            errors.push(
                u.union_token.span(),
                "#[derive(Contract)] does not support unions: use a struct with named fields (a JSON object) or an enum of unit variants (a JSON enum)",
            );
            None
        }
    }
}

fn parse_struct(
    input: &syn::DeriveInput,
    data: &syn::DataStruct,
    errors: &mut Errors,
) -> Option<StructM> {
    let named = match &data.fields {
        syn::Fields::Named(named) => named,
        syn::Fields::Unnamed(_) | syn::Fields::Unit => {
            errors.push(
                input.ident.span(),
                format!(
                    "#[derive(Contract)] needs a struct with named fields (a JSON object's members), but `{}` is a {} struct",
                    input.ident,
                    if matches!(data.fields, syn::Fields::Unit) { "unit" } else { "tuple" }
                ),
            );
            return None;
        }
    };
    let mut s = StructM {
        ident: input.ident.clone(),
        name: input.ident.to_string(),
        doc: doc(&input.attrs),
        unknown: UnknownM::Reject,
        krate: default_crate(),
        rules: Vec::new(),
        advice: Vec::new(),
        fields: Vec::new(),
    };
    for attr in contract_attrs(&input.attrs) {
        let result = attr.parse_nested_meta(|meta| {
            let span = meta.path.span();
            match key_name(&meta).as_str() {
                "name" => {
                    if let Some(n) = typed(&meta, errors, want_str)? {
                        s.name = n.value;
                    }
                }
                "unknown" => {
                    if let Some(u) = typed(&meta, errors, want_str)? {
                        match u.value.as_str() {
                            "reject" => s.unknown = UnknownM::Reject,
                            "warn" => s.unknown = UnknownM::Warn,
                            other => errors.push(
                                u.span,
                                format!(
                                    "unknown `unknown` policy `{other}`{}\nexpected `reject` (an error, for requests) or `warn` (a warning, for responses)",
                                    did_you_mean(other, ["reject", "warn"])
                                ),
                            ),
                        }
                    }
                }
                "crate" => parse_crate(&meta, errors, &mut s.krate)?,
                "exactly_one_of" => {
                    let (fields, count) = parse_group(&meta, errors)?;
                    let count = count.unwrap_or(Sp { value: CountM::Present, key: span, span });
                    s.rules.push(RuleM::ExactlyOneOf { fields, count, span });
                }
                "at_least_one_of" => {
                    let (fields, count) = parse_group(&meta, errors)?;
                    let count = count.unwrap_or(Sp { value: CountM::Present, key: span, span });
                    s.rules.push(RuleM::AtLeastOneOf { fields, count, span });
                }
                "requires" => {
                    if let Some(rule) = parse_requires(&meta, errors)? {
                        s.rules.push(rule);
                    }
                }
                "range_order" => {
                    let (fields, count) = parse_group(&meta, errors)?;
                    if let Some(count) = count {
                        errors.push(count.key, "`range_order` takes two field names only, no `count`");
                    }
                    if fields.len() == 2 {
                        s.rules.push(RuleM::RangeOrder { low: fields[0].clone(), high: fields[1].clone(), span });
                    } else {
                        errors.push(
                            span,
                            format!("`range_order` takes exactly two fields, the low and the high end, as in `range_order(start_ip, end_ip)`; found {}", fields.len()),
                        );
                    }
                }
                "advice" => {
                    if let Some(a) = parse_advice(&meta, errors)? {
                        s.advice.push(a);
                    }
                }
                _ => unknown_key(&meta, errors, "struct attribute", STRUCT_KEYS)?,
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.push_error(e);
        }
    }
    s.fields = named
        .named
        .iter()
        .filter_map(|f| parse_field(f, errors))
        .collect();
    Some(s)
}

fn parse_enum(
    input: &syn::DeriveInput,
    data: &syn::DataEnum,
    errors: &mut Errors,
) -> Option<EnumM> {
    let call = Span::call_site();
    let mut e = EnumM {
        ident: input.ident.clone(),
        name: input.ident.to_string(),
        doc: doc(&input.attrs),
        base: Sp {
            value: BaseM::String,
            key: call,
            span: call,
        },
        krate: default_crate(),
        variants: Vec::new(),
    };
    let mut base_set = false;
    for attr in contract_attrs(&input.attrs) {
        let result = attr.parse_nested_meta(|meta| {
            match key_name(&meta).as_str() {
                "name" => {
                    if let Some(n) = typed(&meta, errors, want_str)? {
                        e.name = n.value;
                    }
                }
                "crate" => parse_crate(&meta, errors, &mut e.krate)?,
                k @ ("integer" | "string") => {
                    let span = meta.path.span();
                    if base_set {
                        errors.push(span, "give one of `integer` or `string`, once");
                    }
                    base_set = true;
                    let value = if k == "integer" {
                        BaseM::Integer
                    } else {
                        BaseM::String
                    };
                    e.base = Sp {
                        value,
                        key: span,
                        span,
                    };
                }
                _ => unknown_key(&meta, errors, "enum attribute", ENUM_KEYS)?,
            }
            Ok(())
        });
        if let Err(err) = result {
            errors.push_error(err);
        }
    }
    for variant in &data.variants {
        if !matches!(variant.fields, syn::Fields::Unit) {
            errors.push(
                variant.ident.span(),
                format!(
                    "variant `{}` has fields, but #[derive(Contract)] enums are JSON enums: unit variants only, each with a `#[contract(value = ..)]`",
                    variant.ident
                ),
            );
            continue;
        }
        if let Some((_, d)) = &variant.discriminant {
            errors.push(
                d.span(),
                "write the wire value as `#[contract(value = ..)]`, not as a discriminant",
            );
        }
        let mut v = VariantM {
            ident: variant.ident.clone(),
            doc: doc(&variant.attrs),
            value: None,
            label: None,
        };
        for attr in contract_attrs(&variant.attrs) {
            let result = attr.parse_nested_meta(|meta| {
                let key = key_name(&meta);
                match key.as_str() {
                    "value" => set(&mut v.value, Some(lit_value(&meta)?), errors, &key),
                    "label" => {
                        if let Some(l) = typed(&meta, errors, want_str)? {
                            v.label = Some(l.value);
                        }
                    }
                    _ => unknown_key(&meta, errors, "variant attribute", VARIANT_KEYS)?,
                }
                Ok(())
            });
            if let Err(err) = result {
                errors.push_error(err);
            }
        }
        e.variants.push(v);
    }
    Some(e)
}
