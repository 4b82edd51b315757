//! The Rust emitter: one module of models per API, as source with `#[derive(Contract)]`
//! and `#[contract(..)]` attributes, formatted with prettyplease.
//!
//! The emitter only translates the IR into the derive's attribute language; everything the
//! attributes mean (validation, schema, typed construction) is the derive's and the
//! runtime's job. So the generated source is short and reads like the spec.

use std::collections::{BTreeSet, HashMap};

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{format_ident, quote};

use vendorspec_model::ir::*;
use vendorspec_runtime::keywords::KEYWORDS;

mod strings;
use strings::Strings;

/// The source of one API's module (`pub mod <api id> { .. }`), formatted.
pub fn api_module(api: &Api) -> String {
    format_module(api, Strings::default())
}

/// [`api_module`] with the strings handled by `strings` (stand-ins, or the text itself).
fn format_module(api: &Api, strings: Strings) -> String {
    let mut module = Module {
        strings,
        field_idents: HashMap::new(),
        with_defaults: BTreeSet::new(),
        printed: Printed::default(),
    };
    let tokens = module.api_tokens(api);
    let file: syn::File = match syn::parse2(tokens) {
        Ok(file) => file,
        // The emitter builds its tokens with quote!, so they always parse; keep a readable
        // failure rather than a panic should that ever change.
        Err(e) => return format!("compile_error!({:?});", e.to_string()),
    };
    let printed = prettyplease::unparse(&file);
    drop(file);
    space_items(&module.strings.restore(&printed))
}

/// The tokens of one API's module. Every string from the spec goes into the tokens as a
/// stand-in (see [`strings`]); `strings` gives the text back after formatting.
#[derive(Default)]
struct Module {
    strings: Strings,
    /// [`field_ident`] by member name: the same names recur in many types, and telling a
    /// keyword apart takes a parse.
    field_idents: HashMap<String, Ident>,
    /// The types whose values hold a documented default somewhere ([`with_defaults`]).
    with_defaults: BTreeSet<String>,
    /// The boilerplate every struct has, printed once.
    printed: Printed,
}

/// Boilerplate that is the same text in every struct (up to the struct's name), printed
/// by prettyplease once per module and sent through the pipeline as a placeholder
/// ([`Strings::item`], [`Strings::attr_lines`]): a third of the tokens of a module.
#[derive(Default)]
struct Printed {
    /// [`deserialize_impl`] printed for a name of each length, split where the name goes.
    /// prettyplease lays out by width only, so any name of that length prints the same.
    deserialize: HashMap<usize, (String, String)>,
    /// [`struct_builder`]'s attributes and a plain `#[contract(unknown = ..)]` by
    /// (`Default`, `#[non_exhaustive]`, the `unknown` policy).
    builder: HashMap<(bool, bool, &'static str), String>,
}

/// `items` printed as the items of a module are (the layout of an item does not depend
/// on the items around it), without the module's indentation.
fn print_items(items: TokenStream) -> String {
    let file: syn::File =
        syn::parse2(quote!(mod m { #items })).expect("the emitter's boilerplate parses");
    let printed = prettyplease::unparse(&file);
    let inner = printed
        .strip_prefix("mod m {\n")
        .and_then(|p| p.strip_suffix("}\n"))
        .expect("a module prints as `mod m {`, its items, `}`");
    let mut out = String::with_capacity(inner.len());
    for line in inner.lines() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line.strip_prefix("    ").unwrap_or(line));
    }
    out
}

impl Module {
    /// [`deserialize_impl`] for `name`: a placeholder for its printed text when strings go
    /// through as stand-ins.
    fn deserialize_impl(&mut self, name: &Ident) -> TokenStream {
        if !self.strings.stand_ins() {
            return deserialize_impl(name);
        }
        let name = name.to_string();
        let (before, after) = self
            .printed
            .deserialize
            .entry(name.len())
            .or_insert_with(|| {
                let stand_in = "Q".repeat(name.len());
                let printed = print_items(deserialize_impl(&format_ident!("{stand_in}")));
                let at = printed
                    .find(&stand_in)
                    .expect("the printed impl names its type");
                (
                    printed[..at].to_string(),
                    printed[at + stand_in.len()..].to_string(),
                )
            });
        let text = format!("{before}{name}{after}");
        self.strings.item(text)
    }

    /// [`struct_builder`] and `#[contract(unknown = #unknown)]` (a struct's attributes when
    /// it has no rules nor advice): one doc stand-in for their printed lines when strings
    /// go through as stand-ins.
    fn struct_attrs(
        &mut self,
        members: &[Member],
        vendor_may_add: bool,
        unknown: &'static str,
    ) -> TokenStream {
        let attrs = |members| {
            let builder = struct_builder(members, vendor_may_add);
            quote! {
                #builder
                #[contract(unknown = #unknown)]
            }
        };
        if !self.strings.stand_ins() {
            return attrs(members);
        }
        let default = members.iter().all(|m| !m.required);
        self.printed_attrs((default, vendor_may_add, unknown), || attrs(members))
    }

    /// The doc stand-in for a struct's attributes, printed once per `key` (whether it has a
    /// `Default`, whether the vendor may add members, its `unknown` policy).
    fn printed_attrs(
        &mut self,
        key: (bool, bool, &'static str),
        attrs: impl FnOnce() -> TokenStream,
    ) -> TokenStream {
        let lines = self.printed.builder.entry(key).or_insert_with(|| {
            let attrs = attrs();
            let printed = print_items(quote!(#attrs struct S;));
            printed
                .strip_suffix("\nstruct S;")
                .expect("attributes print before their item")
                .to_string()
        });
        let lit = self.strings.attr_lines(lines);
        quote!(#[doc = #lit])
    }

    /// [`struct_builder`]: one doc stand-in for its printed lines when strings go through
    /// as stand-ins.
    fn struct_builder(&mut self, members: &[Member], vendor_may_add: bool) -> TokenStream {
        if !self.strings.stand_ins() {
            return struct_builder(members, vendor_may_add);
        }
        let default = members.iter().all(|m| !m.required);
        self.printed_attrs((default, vendor_may_add, ""), || {
            struct_builder(members, vendor_may_add)
        })
    }

    /// [`field_ident`], remembered.
    fn field_ident(&mut self, member: &str) -> Ident {
        if let Some(ident) = self.field_idents.get(member) {
            return ident.clone();
        }
        let ident = field_ident(member);
        self.field_idents.insert(member.to_string(), ident.clone());
        ident
    }

    fn api_tokens(&mut self, api: &Api) -> TokenStream {
        let header = self.doc(&format!(
            "{}\n\nGenerated by vendorspec-codegen from `spec/{}.yaml`; do not edit.",
            api.description, api.id
        ));
        let request_types = reachable(
            api,
            api.endpoints
                .iter()
                .filter_map(|e| e.request.as_ref().map(|r| r.body.as_str())),
        );
        let api_desc = self.api_desc_tokens(api);
        let endpoints: Vec<TokenStream> = api
            .endpoints
            .iter()
            .map(|e| self.endpoint_tokens(api, e))
            .collect();
        self.with_defaults = with_defaults(api);
        let types: Vec<TokenStream> = api
            .types
            .iter()
            .map(|t| self.type_tokens(t, request_types.contains(t.name.as_str())))
            .collect();
        let wrappers: Vec<TokenStream> = api
            .endpoints
            .iter()
            .flat_map(|e| self.wrapper_types(e))
            .collect();
        let registry = api
            .endpoints
            .iter()
            .map(|e| format_ident!("{}", e.id.to_uppercase()));
        let type_names: Vec<proc_macro2::Literal> = api
            .types
            .iter()
            .map(|t| self.strings.lit(&t.name))
            .collect();
        let type_idents = api.types.iter().map(|t| format_ident!("{}", t.name));
        let module = format_ident!("{}", api.id);
        let mut body = quote! {
            #(#![doc = #header])*
            // Clippy's duplicated_attributes reads two `requires(when(x(contains = ..)))` rules
            // in one `#[contract]` as a duplicated key; they are two rules.
            #![allow(clippy::duplicated_attributes)]
            use ::vendorspec_macros::Contract;
            use ::vendorspec_runtime::endpoint as ep;
            use ::vendorspec_runtime::Contract as _;
        };
        body.extend([
            api_desc,
            quote! {
                /// Every endpoint of this API.
                pub static ENDPOINTS: &[&ep::EndpointDesc] = &[#(&#registry),*];
                /// Every type of this API by its spec name, for tools that look types up by name.
                pub static TYPES: &[(&str, ::vendorspec_runtime::Shape)] = &[#((#type_names, <#type_idents>::SHAPE)),*];
            },
        ]);
        body.extend(endpoints);
        body.extend(types);
        body.extend(wrappers);
        let body = Group::new(Delimiter::Brace, body);
        quote!(pub mod #module #body)
    }

    fn type_tokens(&mut self, t: &TypeDef, in_requests: bool) -> TokenStream {
        let name = format_ident!("{}", t.name);
        let docs = self.doc(&t.description);
        match &t.kind {
            TypeKind::Enum(e) => {
                let base = match e.base {
                    EnumBase::String => quote!(string),
                    EnumBase::Integer => quote!(integer),
                };
                let variants = braced_list(
                    e.values
                        .iter()
                        .map(|v| {
                            let ident = format_ident!("{}", v.name);
                            let docs = self.doc(&v.description);
                            let value = self.literal(&v.value);
                            let label = v.label.as_ref().map(|l| {
                                let l = self.strings.lit(l);
                                quote!(, label = #l)
                            });
                            quote! {
                                #(#[doc = #docs])*
                                #[contract(value = #value #label)]
                                #ident
                            }
                        })
                        .collect::<Vec<_>>(),
                );
                let deserialize = self.deserialize_impl(&name);
                quote! {
                    #(#[doc = #docs])*
                    #[derive(Clone, Copy, PartialEq, Eq, Hash, Contract)]
                    #[contract(#base)]
                    pub enum #name #variants

                    #deserialize
                }
            }
            TypeKind::Object(o) => {
                let unknown = if in_requests { "reject" } else { "warn" };
                let rules: Vec<TokenStream> =
                    o.rules.iter().map(|r| self.rule_tokens(o, r)).collect();
                let advice: Vec<TokenStream> =
                    o.advice.iter().map(|a| self.advice_tokens(a)).collect();
                let fields: Vec<TokenStream> =
                    o.members.iter().map(|m| self.field_tokens(m)).collect();
                let fields = braced_list(fields);
                let attrs = if o.rules.is_empty() && o.advice.is_empty() {
                    self.struct_attrs(&o.members, !in_requests, unknown)
                } else {
                    let builder = self.struct_builder(&o.members, !in_requests);
                    quote! {
                        #builder
                        #[contract(unknown = #unknown #(, #rules)* #(, #advice)*)]
                    }
                };
                let deserialize = self.deserialize_impl(&name);
                let effective = self.effective_impl(&name, &o.members);
                quote! {
                    #(#[doc = #docs])*
                    #attrs
                    pub struct #name #fields

                    #deserialize
                    #effective
                }
            }
        }
    }

    fn field_tokens(&mut self, m: &Member) -> TokenStream {
        let ident = self.field_ident(&m.name);
        let docs = match &m.absent_means {
            Some(absent) => self.doc(&format!("{}\n\nWhen absent: {absent}.", m.description)),
            None => self.doc(&m.description),
        };
        let inner = if m.secret
            && m.schema.constraints == Constraints::default()
            && matches!(m.schema.ty, Type::String)
        {
            quote!(::vendorspec_runtime::values::Secret)
        } else {
            rust_type(&m.schema)
        };
        let ty = if m.required {
            inner
        } else {
            quote!(Option<#inner>)
        };
        let mut attrs = Vec::new();
        if ident_name(&ident) != m.name {
            let name = self.strings.lit(&m.name);
            attrs.push(quote!(rename = #name));
        }
        attrs.extend(self.constraint_tokens(&m.schema));
        if let Type::Array(items) = &m.schema.ty {
            let inner = self.item_constraints(items);
            if !inner.is_empty() {
                attrs.push(quote!(items(#(#inner),*)));
            }
        }
        if let Some(default) = &m.default {
            match default {
                Literal::Object(_) | Literal::Array(_) | Literal::Null => {
                    let json = self.strings.lit(&default.to_json());
                    attrs.push(quote!(default_json = #json));
                }
                scalar => {
                    let value = self.literal(scalar);
                    attrs.push(quote!(default = #value));
                }
            }
        }
        if m.secret {
            attrs.push(quote!(secret));
        }
        let attr = (!attrs.is_empty()).then(|| quote!(#[contract(#(#attrs),*)]));
        quote! {
            #(#[doc = #docs])*
            #attr
            pub #ident: #ty
        }
    }

    /// `effective()` and one `effective_<member>()` per member with a documented default:
    /// the values the server acts on ([`vendorspec_runtime::effective`]). Nothing for a type
    /// with no default anywhere in it (its effective value is itself).
    fn effective_impl(&mut self, name: &Ident, members: &[Member]) -> TokenStream {
        let defaulted: Vec<&Member> = members.iter().filter(|m| m.default.is_some()).collect();
        let nested = members.iter().any(|m| {
            let mut names = Vec::new();
            named(&m.schema, &mut names);
            names.iter().any(|n| self.with_defaults.contains(*n))
        });
        if defaulted.is_empty() && !nested {
            return TokenStream::new();
        }
        let whole = self.doc(
            "This value as the server reads it: every absent member with a documented default \
             takes it, nested values included (`validate --explain` lists the same values).",
        );
        let accessors: Vec<TokenStream> = defaulted
            .iter()
            .map(|m| {
                let field = self.field_ident(&m.name);
                let method =
                    format_ident!("effective_{}", ident_name(&field).trim_start_matches("r#"));
                let ty = rust_type(&m.schema);
                let wire = self.strings.lit(&m.name);
                let docs = self.doc(&format!(
                    "`{}` as the server reads it: the given value (its own members' defaults \
                     applied), or the documented default when it is absent.",
                    m.name
                ));
                quote! {
                    #(#[doc = #docs])*
                    pub fn #method(&self) -> #ty {
                        ::vendorspec_runtime::effective::effective_member(self, #wire)
                            .expect("a member with a default always has an effective value")
                    }
                }
            })
            .collect();
        quote! {
            impl #name {
                #(#[doc = #whole])*
                pub fn effective(&self) -> Self {
                    ::vendorspec_runtime::effective::effective_value(self)
                        .expect("a generated value is always written as JSON")
                }

                #(#accessors)*
            }
        }
    }

    /// Constraints of an array's items, nested for arrays of arrays.
    fn item_constraints(&mut self, items: &Schema) -> Vec<TokenStream> {
        let mut out = self.constraint_tokens(items);
        if let Type::Array(inner) = &items.ty {
            let nested = self.item_constraints(inner);
            if !nested.is_empty() {
                out.push(quote!(items(#(#nested),*)));
            }
        }
        out
    }

    /// The constraint attributes of `s`; a typed string's format (and a typed duration's
    /// bounds) are left to its type (`<DateTime as Contract>::SHAPE`).
    fn constraint_tokens(&mut self, s: &Schema) -> Vec<TokenStream> {
        let c = &s.constraints;
        let mut out = Vec::new();
        let typed = typed_string(s).is_some();
        // In the keyword table's order: `key = value`, or the bare key of a flag.
        for keyword in KEYWORDS {
            let Some(value) = c.value(keyword.name) else {
                continue;
            };
            // A typed duration's bounds are its type's too.
            if typed && matches!(value, KeywordValue::Format(_) | KeywordValue::Duration(_)) {
                continue;
            }
            let key = format_ident!("{}", keyword.name);
            out.push(match value {
                KeywordValue::Format(f) => {
                    let name = f.name();
                    quote!(#key = #name)
                }
                KeywordValue::Pattern(p) => {
                    let p = self.strings.lit(p);
                    quote!(#key = #p)
                }
                KeywordValue::Count(n) => {
                    let n = proc_macro2::Literal::u64_unsuffixed(n);
                    quote!(#key = #n)
                }
                KeywordValue::Number(n) => {
                    let n = number(n);
                    quote!(#key = #n)
                }
                KeywordValue::Flag => quote!(#key),
                KeywordValue::Duration(d) => {
                    let text = d.to_string();
                    quote!(#key = #text)
                }
            });
        }
        out
    }

    fn rule_tokens(&mut self, o: &ObjectType, rule: &Rule) -> TokenStream {
        let mut field = |name: &String| {
            self.field_ident(o.member(name).map_or(name.as_str(), |m| m.name.as_str()))
        };
        match &rule.kind {
            RuleKind::ExactlyOneOf { members, count }
            | RuleKind::AtLeastOneOf { members, count } => {
                let kind = format_ident!("{}", rule.kind.code());
                let fields: Vec<Ident> = members.iter().map(field).collect();
                let count = match count {
                    Count::Present => None,
                    Count::NonEmpty => Some(quote!(, count = "non_empty")),
                };
                quote!(#kind(#(#fields),* #count))
            }
            RuleKind::Requires {
                when,
                then,
                message,
            } => {
                let when = self.condition_tokens(when);
                let then = self.condition_tokens(then);
                let message = self.strings.lit(message);
                quote!(requires(when(#(#when),*), then(#(#then),*), message = #message))
            }
            RuleKind::RangeOrder { low, high } => {
                let (low, high) = (field(low), field(high));
                quote!(range_order(#low, #high))
            }
        }
    }

    fn advice_tokens(&mut self, a: &Advice) -> TokenStream {
        let code = self.strings.lit(&a.code);
        let at = a.at.as_ref().map(|m| {
            let f = self.field_ident(m);
            quote!(, at = #f)
        });
        let when = self.condition_tokens(&a.when);
        let message = self.strings.lit(&a.message);
        let help = a.help.as_ref().map(|h| {
            let h = self.strings.lit(h);
            quote!(, help = #h)
        });
        quote!(advice(code = #code #at, when(#(#when),*), message = #message #help))
    }

    fn condition_tokens(&mut self, c: &Condition) -> Vec<TokenStream> {
        c.0.iter()
            .map(|t| {
                let field = self.field_ident(&t.member);
                let test = match &t.predicate {
                    Predicate::Present(b) => quote!(present = #b),
                    Predicate::NonEmpty(b) => quote!(non_empty = #b),
                    Predicate::Equals(v) => {
                        let v = self.literal(v);
                        quote!(equals = #v)
                    }
                    Predicate::Contains(v) => {
                        let v = self.literal(v);
                        quote!(contains = #v)
                    }
                    Predicate::In(vs) => {
                        let vs: Vec<TokenStream> = vs.iter().map(|v| self.literal(v)).collect();
                        quote!(in = [#(#vs),*])
                    }
                    Predicate::NotIn(vs) => {
                        let vs: Vec<TokenStream> = vs.iter().map(|v| self.literal(v)).collect();
                        quote!(not_in = [#(#vs),*])
                    }
                };
                quote!(#field(#test))
            })
            .collect()
    }

    fn api_desc_tokens(&mut self, api: &Api) -> TokenStream {
        let id = self.strings.lit(&api.id);
        let title = self.strings.lit(&api.title);
        let base_url = self.strings.lit(&api.base_url);
        let docs = self.doc(&format!("The {} ({}).", api.title, api.base_url));
        let names = match api.member_names {
            NameMatching::Exact => quote!(Exact),
            NameMatching::CaseInsensitive => quote!(CaseInsensitive),
        };
        let syntax = match api.body_syntax {
            BodySyntax::Strict => quote!(Strict),
            BodySyntax::Lenient => quote!(Lenient),
        };
        let envelope = api.body_encoding == BodyEncoding::Enveloped;
        let a = &api.auth;
        let scope_claim = self.optional_lit(&a.scope_claim);
        let scope_separator = self.optional_lit(&a.scope_separator);
        let lifetime = match a.max_token_lifetime_minutes {
            Some(m) => {
                let m = proc_macro2::Literal::u32_unsuffixed(m);
                quote!(Some(#m))
            }
            None => quote!(None),
        };
        let login = match &a.login {
            Some(l) => {
                let method = l.method.as_str();
                let path = self.strings.lit(&l.path);
                let member = self.strings.lit(&l.token_member);
                quote!(Some(ep::LoginDesc { method: #method, path: #path, token_member: #member }))
            }
            None => quote!(None),
        };
        quote! {
            #(#[doc = #docs])*
            pub static API: ep::ApiDesc = ep::ApiDesc {
                id: #id,
                title: #title,
                base_url: #base_url,
                names: ::vendorspec_runtime::NameMatching::#names,
                syntax: ::vendorspec_runtime::Syntax::#syntax,
                envelope: #envelope,
                auth: ep::AuthDesc {
                    scope_claim: #scope_claim,
                    scope_separator: #scope_separator,
                    max_token_lifetime_minutes: #lifetime,
                    login: #login,
                },
            };
        }
    }

    /// `Some("..")` or `None`.
    fn optional_lit(&mut self, value: &Option<String>) -> TokenStream {
        match value {
            Some(s) => {
                let s = self.strings.lit(s);
                quote!(Some(#s))
            }
            None => quote!(None),
        }
    }

    fn endpoint_tokens(&mut self, api: &Api, e: &Endpoint) -> TokenStream {
        let stat = format_ident!("{}", e.id.to_uppercase());
        let builder = format_ident!("{}", e.id);
        let params = format_ident!("{}", params_name(e));
        let (method, path) = (e.method.as_str(), &e.path);
        let id = self.strings.lit(&e.id);
        let summary = self.strings.lit(&e.summary);
        let path_lit = self.strings.lit(path);
        let scope = self.optional_lit(&e.scope);
        let mut docs = format!("`{method} {path}`: {}. {}", e.summary, e.description);
        if let Some(s) = &e.scope {
            docs.push_str(&format!("\n\nNeeds the JWT scope `{s}`."));
        }
        let docs = self.doc(&docs);
        let request = match &e.request {
            Some(r) => {
                let body = format_ident!("{}", r.body);
                quote!(Some(<#body>::SHAPE))
            }
            None => quote!(None),
        };
        let responses: Vec<TokenStream> = e
            .responses
            .iter()
            .map(|r| {
                let status = r.status.iter().map(|s| proc_macro2::Literal::u16_unsuffixed(*s));
                let description = self.strings.lit(&r.description);
                let body = match &r.body {
                    Some(b) => {
                        let b = format_ident!("{b}");
                        quote!(Some(<#b>::SHAPE))
                    }
                    None => quote!(None),
                };
                let wrapped = r
                    .body
                    .as_ref()
                    .and_then(|b| {
                        r.variants
                            .iter()
                            .find_map(|v| v.wrapper.as_ref().map(|w| (b, v, w)))
                    })
                    .map(|(b, v, w)| {
                        let wrapper = format_ident!("{}", wrapper_name(b, &v.name));
                        let member = self.strings.lit(&w.member);
                        quote!(Some(ep::WrappedDesc { member: #member, shape: <#wrapper>::SHAPE }))
                    })
                    .unwrap_or(quote!(None));
                let presence = presence_tokens(r.presence);
                let examples = self.valid_examples(&r.examples);
                quote!(ep::ResponseDesc { status: &[#(#status),*], description: #description, body: #body, presence: #presence, wrapped: #wrapped, examples: &[#(#examples),*] })
            })
            .collect();
        let request_examples = self.valid_examples(e.request.iter().flat_map(|r| &r.examples));
        let param_members = param_members(api, e);
        let fields: Vec<TokenStream> = param_members.iter().map(|m| self.field_tokens(m)).collect();
        let fields = braced_list(fields);
        let params_attrs = self.struct_attrs(&param_members, false, "reject");
        let params_deserialize = self.deserialize_impl(&params);
        let params_effective = self.effective_impl(&params, &param_members);
        let params_docs = self.doc(&format!(
            "The path and query parameters of `{}`, and the API variables its URL uses.",
            e.id
        ));
        let request_presence = presence_tokens(
            e.request
                .as_ref()
                .map_or(Presence::Required, |r| r.presence),
        );
        let (body_param, body_arg) = match &e.request {
            Some(r) if r.presence == Presence::Optional => {
                let body = format_ident!("{}", r.body);
                (quote!(body: Option<&#body>,), quote!(body))
            }
            Some(r) => {
                let body = format_ident!("{}", r.body);
                (quote!(body: &#body,), quote!(Some(body)))
            }
            None => (quote!(), quote!(None::<&()>)),
        };
        let mut builder_docs = format!(
            "Builds the `{}` request (`{method} {path}`), ready for any HTTP client; the token \
             goes into `Authorization: Bearer`.",
            e.id
        );
        if e.request
            .as_ref()
            .is_some_and(|r| r.presence == Presence::Optional)
        {
            builder_docs.push_str(
                "\n\nThe body is optional: `None` sends the request with no body at all.",
            );
        }
        let builder_docs = self.doc(&builder_docs);
        quote! {
            #(#[doc = #docs])*
            pub static #stat: ep::EndpointDesc = ep::EndpointDesc {
                id: #id,
                summary: #summary,
                api: &API,
                method: #method,
                path: #path_lit,
                scope: #scope,
                params: <#params>::SHAPE,
                request: #request,
                request_presence: #request_presence,
                request_examples: &[#(#request_examples),*],
                responses: &[#(#responses),*],
            };

            #(#[doc = #params_docs])*
            #params_attrs
            pub struct #params #fields

            #params_deserialize
            #params_effective

            #(#[doc = #builder_docs])*
            pub fn #builder(params: &#params, #body_param token: Option<&str>) -> Result<::http::Request<Vec<u8>>, ep::EndpointError> {
                #stat.build_typed(params, #body_arg, token)
            }
        }
    }

    /// The texts of the valid whole-body examples, for the published schemas' `examples`.
    /// Blank texts (a call or response without a body) are not examples of the body.
    fn valid_examples<'e>(
        &mut self,
        examples: impl IntoIterator<Item = &'e Example>,
    ) -> Vec<proc_macro2::Literal> {
        examples
            .into_iter()
            .filter(|x| x.valid && x.form == ExampleForm::Document && !x.is_blank())
            .map(|x| self.strings.lit(&x.text))
            .collect()
    }

    /// Response variants wrapped in a member become their own struct:
    /// `{"status": ..., "data": <body>}` is `LockdownDeviceWrapped`.
    fn wrapper_types(&mut self, e: &Endpoint) -> Vec<TokenStream> {
        let mut out = Vec::new();
        for r in &e.responses {
            let Some(body) = &r.body else { continue };
            for v in &r.variants {
                let Some(w) = &v.wrapper else { continue };
                let name = format_ident!("{}", wrapper_name(body, &v.name));
                let docs = self.doc(&format!(
                    "`{body}` as the {} variant: {}",
                    v.name, v.description
                ));
                let data = self.field_ident(&w.member);
                let body_ident = format_ident!("{body}");
                let rename = (ident_name(&data) != w.member).then(|| {
                    let data_name = self.strings.lit(&w.member);
                    quote!(#[contract(rename = #data_name)])
                });
                let data_doc = self.doc(&format!("The `{body}` itself."));
                let mut fields: Vec<TokenStream> =
                    w.members.iter().map(|m| self.field_tokens(m)).collect();
                fields.push(quote! {
                    #(#[doc = #data_doc])*
                    #rename
                    pub #data: #body_ident
                });
                let fields = braced_list(fields);
                let attrs = self.struct_attrs(&w.members, true, "warn");
                let deserialize = self.deserialize_impl(&name);
                out.push(quote! {
                    #(#[doc = #docs])*
                    #attrs
                    pub struct #name #fields

                    #deserialize
                });
            }
        }
        out
    }

    /// A literal as a token: `1`, `"Evaluation"`, `true`, `1.5`.
    fn literal(&mut self, l: &Literal) -> TokenStream {
        match l {
            Literal::Bool(b) => quote!(#b),
            Literal::Int(i) => {
                let lit = proc_macro2::Literal::i64_unsuffixed(*i);
                quote!(#lit)
            }
            Literal::Float(f) => {
                let lit = proc_macro2::Literal::f64_unsuffixed(*f);
                quote!(#lit)
            }
            Literal::String(s) => {
                let lit = self.strings.lit(s);
                quote!(#lit)
            }
            other => {
                let json = self.strings.lit(&other.to_json());
                quote!(#json)
            }
        }
    }

    /// Doc lines (each becomes one `///` line), wrapped at about 90 columns, with an
    /// empty line between paragraphs.
    fn doc(&mut self, text: &str) -> Vec<proc_macro2::Literal> {
        let text = vendorspec_runtime::rustdoc::escape(text);
        // The lines, each after `\n` but the first; a line is a space and words, or
        // empty (prettyplease drops a doc line's trailing spaces).
        let mut lines = String::with_capacity(text.len() + text.len() / 16 + 2);
        for (i, paragraph) in text.split("\n\n").enumerate() {
            if i > 0 {
                lines.push_str("\n\n");
            }
            let mut width = 0;
            for word in paragraph.split_whitespace() {
                if width > 0 && 1 + width + word.len() > 88 {
                    lines.push('\n');
                    width = 0;
                }
                lines.push(' ');
                width += if width > 0 { 1 } else { 0 } + word.len();
                lines.push_str(word);
            }
        }
        // One attribute for all the lines: they print one per line whatever their number.
        if self.strings.stand_ins() {
            vec![self.strings.doc_lines(lines)]
        } else {
            lines
                .split('\n')
                .map(proc_macro2::Literal::string)
                .collect()
        }
    }
}

/// `{ a, b, }`: `quote!`'s `{ #(#items,)* }`, built by moving the items' tokens rather
/// than copying them (a group is interpolated without copying its contents).
fn braced_list(items: Vec<TokenStream>) -> Group {
    let mut body = TokenStream::new();
    for item in items {
        body.extend(item);
        body.extend([TokenTree::Punct(Punct::new(',', Spacing::Alone))]);
    }
    Group::new(Delimiter::Brace, body)
}

/// Object types reachable from `roots`: the request types, whose unknown members are
/// errors (response types only warn about them).
fn reachable<'a>(api: &'a Api, roots: impl Iterator<Item = &'a str>) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    let mut queue: Vec<&str> = roots.collect();
    while let Some(name) = queue.pop() {
        if !seen.insert(name) {
            continue;
        }
        if let Some(TypeKind::Object(o)) = api.type_def(name).map(|t| &t.kind) {
            for m in &o.members {
                named(&m.schema, &mut queue);
            }
        }
    }
    seen
}

/// The types of `api` whose values hold a documented default somewhere: a member with a
/// default, in the type or in a type it reaches.
fn with_defaults(api: &Api) -> BTreeSet<String> {
    let has_default = |name: &str| {
        matches!(api.type_def(name).map(|t| &t.kind),
            Some(TypeKind::Object(o)) if o.members.iter().any(|m| m.default.is_some()))
    };
    api.types
        .iter()
        .filter(|t| {
            reachable(api, std::iter::once(t.name.as_str()))
                .into_iter()
                .any(has_default)
        })
        .map(|t| t.name.clone())
        .collect()
}

fn named<'a>(schema: &'a Schema, out: &mut Vec<&'a str>) {
    match &schema.ty {
        Type::Named(n) => out.push(n),
        Type::Array(items) => named(items, out),
        _ => {}
    }
}

/// `Deserialize` that validates ([`vendorspec_runtime::checked`]): a value that came
/// through serde holds its contract.
fn deserialize_impl(name: &Ident) -> TokenStream {
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                ::vendorspec_runtime::checked::deserialize(deserializer)
            }
        }
    }
}

/// The derives of a generated struct: a typestate builder (`bon`: required members must be
/// set before `build()` compiles; string members take anything `Into<String>`), `Default`
/// where every member is optional, and `#[non_exhaustive]` where the vendor may add
/// members (response bodies), so code outside the crate builds those with the builder.
fn struct_builder(members: &[Member], vendor_may_add: bool) -> TokenStream {
    let default = members
        .iter()
        .all(|m| !m.required)
        .then(|| quote!(Default,));
    let non_exhaustive = vendor_may_add.then(|| quote!(#[non_exhaustive]));
    quote! {
        #[derive(Clone, PartialEq, #default Contract, ::bon::Builder)]
        #[builder(on(String, into))]
        #non_exhaustive
    }
}

/// The typed Rust value of a string whose only constraint is a format that has one
/// (`vendorspec_runtime::values`): a date-time, a UUID, an IPv4 address, a device id.
fn typed_string(s: &Schema) -> Option<TokenStream> {
    let c = &s.constraints;
    let only_format = matches!(s.ty, Type::String)
        && c.pattern.is_none()
        && c.min_length.is_none()
        && c.max_length.is_none();
    if !only_format {
        return None;
    }
    if c.format? == Format::DurationDhm {
        // Its bounds are in its type (an unbounded one runs to the largest duration).
        let min = c.min_duration.map_or(0, |d| d.minutes);
        let max = c
            .max_duration
            .map_or(vendorspec_runtime::formats::MAX_DURATION, |d| d.minutes);
        let (min, max) = (
            proc_macro2::Literal::u64_unsuffixed(min),
            proc_macro2::Literal::u64_unsuffixed(max),
        );
        return Some(quote!(::vendorspec_runtime::values::DurationDhm<#min, #max>));
    }
    if c.min_duration.is_some() || c.max_duration.is_some() {
        return None;
    }
    Some(match c.format? {
        Format::DateTime => quote!(::vendorspec_runtime::values::DateTime),
        Format::DateTimeOffsetOptional => {
            quote!(::vendorspec_runtime::values::OffsetOptionalDateTime)
        }
        Format::DeviceId => quote!(::vendorspec_runtime::values::DeviceId),
        Format::Uuid => quote!(::vendorspec_runtime::values::Uuid),
        Format::Ipv4 => quote!(::std::net::Ipv4Addr),
        _ => return None,
    })
}

fn rust_type(s: &Schema) -> TokenStream {
    typed_string(s).unwrap_or_else(|| plain_rust_type(s))
}

/// The Rust type of `s` when it is not a typed string.
fn plain_rust_type(s: &Schema) -> TokenStream {
    match &s.ty {
        Type::String => quote!(String),
        Type::Integer => integer_type(s),
        Type::Number => quote!(f64),
        Type::Boolean => quote!(bool),
        Type::Array(items) => {
            let inner = rust_type(items);
            quote!(Vec<#inner>)
        }
        Type::Named(n) => {
            let ident = format_ident!("{n}");
            quote!(#ident)
        }
    }
}

/// The narrowest Rust integer type that holds every value the contract allows: a member
/// with both bounds gets the smallest type containing them (a port, 1 to 65535, is `u16`);
/// without both, `i64`. The contract's own bounds stay in its attributes, so the schema and
/// the validator see the same range whatever the type.
fn integer_type(s: &Schema) -> TokenStream {
    let c = &s.constraints;
    let (Some(Number::Int(min)), Some(Number::Int(max))) = (c.minimum, c.maximum) else {
        return quote!(i64);
    };
    let fits = |lo: i128, hi: i128| i128::from(min) >= lo && i128::from(max) <= hi;
    if fits(0, u8::MAX.into()) {
        quote!(u8)
    } else if fits(0, u16::MAX.into()) {
        quote!(u16)
    } else if fits(0, u32::MAX.into()) {
        quote!(u32)
    } else if fits(i8::MIN.into(), i8::MAX.into()) {
        quote!(i8)
    } else if fits(i16::MIN.into(), i16::MAX.into()) {
        quote!(i16)
    } else if fits(i32::MIN.into(), i32::MAX.into()) {
        quote!(i32)
    } else {
        quote!(i64)
    }
}

/// The name of an endpoint's parameters struct: `lockdown_device` → `LockdownDeviceParams`.
pub fn params_name(endpoint: &Endpoint) -> String {
    format!(
        "{}Params",
        vendorspec_model::read::pascal_case(&endpoint.id)
    )
}

/// The endpoint's parameters as members: path, query, and the API variables its URL uses.
fn param_members(api: &Api, e: &Endpoint) -> Vec<Member> {
    let used = |v: &&Parameter| {
        let placeholder = format!("{{{}}}", v.name);
        api.base_url.contains(&placeholder) || e.path.contains(&placeholder)
    };
    e.path_parameters
        .iter()
        .chain(&e.query_parameters)
        .chain(api.variables.iter().filter(used))
        .map(|p| Member {
            name: p.name.clone(),
            schema: p.schema.clone(),
            required: p.required,
            default: p.default.clone(),
            absent_means: None,
            secret: false,
            description: p.description.clone(),
            loc: p.loc,
            locs: p.locs.clone(),
        })
        .collect()
}

/// The crate-level registry: every endpoint of every API, in spec order.
pub fn registry(spec: &Spec) -> String {
    let all = spec.apis.iter().flat_map(|a| {
        let module = format_ident!("{}", a.id);
        a.endpoints.iter().map(move |e| {
            let stat = format_ident!("{}", e.id.to_uppercase());
            quote!(&#module::#stat)
        })
    });
    let tokens = quote! {
        /// Every endpoint of every API, in spec order: what the CLI and tools look up by id.
        pub static ENDPOINTS: &[&::vendorspec_runtime::endpoint::EndpointDesc] = &[#(#all),*];
    };
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        Err(e) => format!("compile_error!({:?});", e.to_string()),
    }
}

/// The Rust name of a wrapped response variant.
pub fn wrapper_name(body: &str, variant: &str) -> String {
    format!("{body}{}", vendorspec_model::read::pascal_case(variant))
}

/// `ep::Presence::Required` or `ep::Presence::Optional`.
fn presence_tokens(presence: Presence) -> TokenStream {
    match presence {
        Presence::Required => quote!(ep::Presence::Required),
        Presence::Optional => quote!(ep::Presence::Optional),
    }
}

fn number(n: Number) -> TokenStream {
    match n {
        Number::Int(i) => {
            let lit = proc_macro2::Literal::i64_unsuffixed(i);
            quote!(#lit)
        }
        Number::Float(f) => {
            let lit = proc_macro2::Literal::f64_unsuffixed(f);
            quote!(#lit)
        }
    }
}

/// Blank lines between top-level items, which prettyplease does not put there.
fn space_items(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + 256);
    let mut previous = "";
    for line in source.lines() {
        // Items of the API's module are indented once.
        let item = line.strip_prefix("    ").unwrap_or(line);
        let before = previous.strip_prefix("    ").unwrap_or(previous);
        let starts_item = ["///", "#[", "pub ", "use "]
            .iter()
            .any(|p| item.starts_with(p));
        let after_item = before == "}"
            || before == "};"
            || before == "];"
            || before.starts_with("use ")
            || before.starts_with("#![");
        if starts_item && after_item && !(before.starts_with("use ") && item.starts_with("use ")) {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = line;
    }
    out
}

/// The Rust field name of a member: snake_case, raw when it is a keyword.
pub fn field_ident(member: &str) -> Ident {
    let snake = snake_case(member);
    if syn::parse_str::<Ident>(&snake).is_ok() {
        Ident::new(&snake, Span::call_site())
    } else {
        Ident::new_raw(&snake, Span::call_site())
    }
}

fn ident_name(ident: &Ident) -> String {
    let s = ident.to_string();
    s.strip_prefix("r#").map(str::to_string).unwrap_or(s)
}

/// `UseAgentPolicy_AllowCancel` → `use_agent_policy_allow_cancel`, `zipCode` →
/// `zip_code`, `EndIP` → `end_ip`, `address1` → `address1`.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            continue;
        }
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let boundary = prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower);
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    let trimmed = out.trim_end_matches('_');
    if trimmed.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{trimmed}")
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests;
