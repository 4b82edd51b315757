//! Emit: the checked model as Rust code.
//!
//! For a type `T`, everything goes into one hidden `const _: () = { .. };` block: the
//! `static` descriptor, `impl Contract`, `impl FromTree`, `impl serde::Serialize`, a
//! redacting `impl Debug`, `impl schemars::JsonSchema` and the `_or_default` accessors.
//! Inside, the runtime is named `__vendorspec` (`use <crate path> as __vendorspec;`), so the
//! `crate = ".."` override changes one line.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::check::unraw;
use crate::model::*;

/// Whether to emit `impl schemars::JsonSchema`.
#[derive(Clone, Copy)]
pub struct Options {
    pub json_schema: bool,
}

pub fn emit(checked: &Checked, options: Options) -> TokenStream {
    match checked {
        Checked::Struct(s) => emit_struct(s, options),
        Checked::Enum(e) => emit_enum(e, options),
    }
}

fn int(i: i64) -> TokenStream {
    let abs = Literal::u64_unsuffixed(i.unsigned_abs());
    if i < 0 { quote!(-#abs) } else { quote!(#abs) }
}

fn float(f: f64) -> TokenStream {
    let abs = Literal::f64_unsuffixed(f.abs());
    if f.is_sign_negative() {
        quote!(-#abs)
    } else {
        quote!(#abs)
    }
}

fn opt<T>(value: Option<T>, f: impl FnOnce(T) -> TokenStream) -> TokenStream {
    match value {
        Some(v) => {
            let v = f(v);
            quote!(Some(#v))
        }
        None => quote!(None),
    }
}

fn u64_lit(v: u64) -> TokenStream {
    let l = Literal::u64_unsuffixed(v);
    quote!(#l)
}

fn str_lit(s: &str) -> TokenStream {
    let l = Literal::string(s);
    quote!(#l)
}

fn lit(l: &LitVal) -> TokenStream {
    match l {
        LitVal::Bool(b) => quote!(__vendorspec::desc::Lit::Bool(#b)),
        LitVal::Int(i) => {
            let v = int(*i as i64);
            quote!(__vendorspec::desc::Lit::Int(#v))
        }
        LitVal::Float(f) => {
            let v = float(*f);
            quote!(__vendorspec::desc::Lit::Float(#v))
        }
        LitVal::Str(s) => quote!(__vendorspec::desc::Lit::Str(#s)),
    }
}

fn num(n: NumV) -> TokenStream {
    match n {
        NumV::Int(i) => {
            let v = int(i);
            quote!(__vendorspec::desc::Num::Int(#v))
        }
        NumV::Float(f) => {
            let v = float(f);
            quote!(__vendorspec::desc::Num::Float(#v))
        }
    }
}

/// Shapes, with the `static` patterns they refer to collected on the side.
#[derive(Default)]
struct Statics {
    patterns: Vec<TokenStream>,
}

impl Statics {
    fn pattern(&mut self, source: &str) -> TokenStream {
        let ident = format_ident!("PATTERN_{}", self.patterns.len());
        self.patterns.push(quote! {
            static #ident: __vendorspec::desc::Pattern = __vendorspec::desc::Pattern::new(#source);
        });
        quote!(&#ident)
    }

    fn shape(&mut self, shape: &ShapeC) -> TokenStream {
        match shape {
            ShapeC::String {
                format,
                pattern,
                min_length,
                max_length,
                min_duration,
                max_duration,
            } => {
                if format.is_none()
                    && pattern.is_none()
                    && min_length.is_none()
                    && max_length.is_none()
                    && min_duration.is_none()
                    && max_duration.is_none()
                {
                    return quote!(__vendorspec::desc::Shape::String(
                        __vendorspec::desc::StringDesc::NONE
                    ));
                }
                let format = opt(*format, |f| {
                    let v = format_ident!("{}", format!("{f:?}"));
                    quote!(__vendorspec::desc::Format::#v)
                });
                let pattern = opt(pattern.as_deref(), |p| self.pattern(p));
                let [min_length, max_length, min_duration, max_duration] =
                    [min_length, max_length, min_duration, max_duration].map(|v| opt(*v, u64_lit));
                quote! {
                    __vendorspec::desc::Shape::String(__vendorspec::desc::StringDesc {
                        format: #format,
                        pattern: #pattern,
                        min_length: #min_length,
                        max_length: #max_length,
                        min_duration: #min_duration,
                        max_duration: #max_duration,
                    })
                }
            }
            ShapeC::Integer { minimum, maximum } | ShapeC::Number { minimum, maximum } => {
                let variant = if matches!(shape, ShapeC::Integer { .. }) {
                    quote!(Integer)
                } else {
                    quote!(Number)
                };
                if minimum.is_none() && maximum.is_none() {
                    return quote!(__vendorspec::desc::Shape::#variant(__vendorspec::desc::NumberDesc::NONE));
                }
                let minimum = opt(*minimum, num);
                let maximum = opt(*maximum, num);
                quote! {
                    __vendorspec::desc::Shape::#variant(__vendorspec::desc::NumberDesc {
                        minimum: #minimum,
                        maximum: #maximum,
                    })
                }
            }
            ShapeC::Boolean => quote!(__vendorspec::desc::Shape::Boolean),
            ShapeC::Array {
                items,
                min_items,
                max_items,
                unique_items,
            } => {
                let items = self.shape(items);
                let min_items = opt(*min_items, u64_lit);
                let max_items = opt(*max_items, u64_lit);
                quote! {
                    __vendorspec::desc::Shape::Array(__vendorspec::desc::ArrayDesc {
                        items: &#items,
                        min_items: #min_items,
                        max_items: #max_items,
                        unique_items: #unique_items,
                    })
                }
            }
            ShapeC::Other(ty) => quote!(<#ty as __vendorspec::Contract>::SHAPE),
        }
    }
}

fn tests(tests: &[TestC]) -> TokenStream {
    let tests = tests.iter().map(|t| {
        let member = t.member;
        let predicate = match &t.pred {
            PredC::Present(b) => quote!(Present(#b)),
            PredC::NonEmpty(b) => quote!(NonEmpty(#b)),
            PredC::Equals(l) => {
                let l = lit(l);
                quote!(Equals(#l))
            }
            PredC::In(ls) => {
                let ls = ls.iter().map(lit);
                quote!(In(&[#(#ls),*]))
            }
            PredC::NotIn(ls) => {
                let ls = ls.iter().map(lit);
                quote!(NotIn(&[#(#ls),*]))
            }
            PredC::Contains(l) => {
                let l = lit(l);
                quote!(Contains(#l))
            }
        };
        quote! {
            __vendorspec::desc::TestDesc {
                member: #member,
                predicate: __vendorspec::desc::Predicate::#predicate,
            }
        }
    });
    quote!(&[#(#tests),*])
}

fn count(c: CountM) -> TokenStream {
    match c {
        CountM::Present => quote!(__vendorspec::desc::Count::Present),
        CountM::NonEmpty => quote!(__vendorspec::desc::Count::NonEmpty),
    }
}

fn rule(r: &RuleC) -> TokenStream {
    match r {
        RuleC::ExactlyOneOf { members, count: c } | RuleC::AtLeastOneOf { members, count: c } => {
            let variant = if matches!(r, RuleC::ExactlyOneOf { .. }) {
                quote!(ExactlyOneOf)
            } else {
                quote!(AtLeastOneOf)
            };
            let c = count(*c);
            quote! {
                __vendorspec::desc::RuleDesc::#variant {
                    members: &[#(#members),*],
                    count: #c,
                }
            }
        }
        RuleC::Requires {
            when,
            then,
            message,
        } => {
            let (when, then) = (tests(when), tests(then));
            quote! {
                __vendorspec::desc::RuleDesc::Requires {
                    when: #when,
                    then: #then,
                    message: #message,
                }
            }
        }
        RuleC::RangeOrder { low, high, order } => {
            let order = match order {
                OrderC::Number => quote!(__vendorspec::desc::Order::Number),
                OrderC::Ipv4 => quote!(__vendorspec::desc::Order::Ipv4),
                OrderC::DateTime => quote!(__vendorspec::desc::Order::DateTime),
                // Evaluated in the descriptor's constant: an unorderable shape stops the build.
                OrderC::OfType(ty) => quote! {
                    match __vendorspec::desc::Order::of_shape(&<#ty as __vendorspec::Contract>::SHAPE) {
                        ::core::option::Option::Some(order) => order,
                        ::core::option::Option::None => ::core::panic!(
                            "`range_order` orders integers, numbers, IPv4 addresses and date-times"
                        ),
                    }
                },
            };
            quote! {
                __vendorspec::desc::RuleDesc::RangeOrder {
                    low: #low,
                    high: #high,
                    order: #order,
                }
            }
        }
    }
}

fn advice(a: &AdviceC) -> TokenStream {
    let AdviceC {
        code,
        at,
        when,
        message,
        help,
    } = a;
    let at = opt(*at, |i| quote!(#i));
    let when = tests(when);
    let help = opt(help.as_deref(), str_lit);
    quote! {
        __vendorspec::desc::AdviceDesc {
            code: #code,
            at: #at,
            when: #when,
            message: #message,
            help: #help,
        }
    }
}

fn use_crate(krate: &syn::Path) -> TokenStream {
    quote! {
        #[allow(unused_imports)]
        use #krate as __vendorspec;
        #[allow(unused_imports)]
        use ::core::option::Option::{self, None, Some};
    }
}

fn json_schema(ident: &syn::Ident, options: Options) -> TokenStream {
    if !options.json_schema {
        return TokenStream::new();
    }
    let id = ident.to_string();
    quote! {
        #[automatically_derived]
        impl __vendorspec::__private::schemars::JsonSchema for #ident {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                __vendorspec::schema::schema_name(&<Self as __vendorspec::Contract>::SHAPE)
            }

            fn schema_id() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(::core::concat!(::core::module_path!(), "::", #id))
            }

            fn json_schema(generator: &mut __vendorspec::__private::schemars::SchemaGenerator) -> __vendorspec::__private::schemars::Schema {
                __vendorspec::schema::json_schema(&<Self as __vendorspec::Contract>::SHAPE, generator)
            }
        }
    }
}

fn emit_struct(s: &StructC, options: Options) -> TokenStream {
    let ident = &s.ident;
    let mut statics = Statics::default();

    // The descriptor.
    let members: Vec<TokenStream> = s
        .fields
        .iter()
        .map(|f| {
            let FieldC {
                name,
                doc,
                required,
                secret,
                ..
            } = f;
            let shape = statics.shape(&f.shape);
            let default = opt(f.default.as_ref().map(|d| d.json.as_str()), str_lit);
            let default_lit = opt(f.default.as_ref().and_then(|d| d.lit.as_ref()), lit);
            quote! {
                __vendorspec::desc::MemberDesc {
                    name: #name,
                    description: #doc,
                    shape: #shape,
                    required: #required,
                    secret: #secret,
                    default: #default,
                    default_lit: #default_lit,
                }
            }
        })
        .collect();
    let rules = s.rules.iter().map(rule);
    let advice = s.advice.iter().map(advice);
    let patterns = &statics.patterns;
    let (name, doc) = (&s.name, &s.doc);
    let unknown = match s.unknown {
        UnknownM::Reject => quote!(Reject),
        UnknownM::Warn => quote!(Warn),
    };

    // FromTree.
    let reads = s.fields.iter().map(|f| {
        let FieldC {
            ident, name, inner, ..
        } = f;
        if f.required {
            quote! {
                #ident: <#inner as __vendorspec::FromTree>::from_tree(
                    __vendorspec::typed::member(value, #name, names)?,
                    names,
                )?
            }
        } else {
            quote! {
                #ident: match __vendorspec::typed::member(value, #name, names) {
                    Some(member) => {
                        Some(<#inner as __vendorspec::FromTree>::from_tree(member, names)?)
                    }
                    None => None,
                }
            }
        }
    });

    // Serialize.
    let required_count = s.fields.iter().filter(|f| f.required).count();
    let optional_counts = s.fields.iter().filter(|f| !f.required).map(|f| {
        let ident = &f.ident;
        quote!(+ usize::from(self.#ident.is_some()))
    });
    let writes = s.fields.iter().map(|f| {
        let FieldC { ident, name, .. } = f;
        if f.required {
            quote!(state.serialize_field(#name, &self.#ident)?;)
        } else {
            quote! {
                match &self.#ident {
                    Some(value) => state.serialize_field(#name, value)?,
                    None => state.skip_field(#name)?,
                }
            }
        }
    });

    // Debug.
    let debug_fields = s.fields.iter().map(|f| {
        let ident = &f.ident;
        let label = unraw(ident);
        if f.secret {
            quote!(.field(#label, &::core::format_args!("<redacted>")))
        } else {
            quote!(.field(#label, &self.#ident))
        }
    });
    let type_label = ident.to_string();

    // Defaults.
    let accessors: Vec<TokenStream> = s.fields.iter().filter_map(|f| accessor(f, s)).collect();
    let accessors = if accessors.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            #[automatically_derived]
            impl #ident {
                #(#accessors)*
            }
        }
    };

    let use_crate = use_crate(&s.krate);
    let json_schema = json_schema(ident, options);
    quote! {
        #[doc(hidden)]
        const _: () = {
            #use_crate

            #(#patterns)*

            static DESCRIPTOR: __vendorspec::desc::ObjectDesc = __vendorspec::desc::ObjectDesc {
                name: #name,
                description: #doc,
                members: &[#(#members),*],
                unknown: __vendorspec::desc::Unknown::#unknown,
                rules: &[#(#rules),*],
                advice: &[#(#advice),*],
            };

            #[automatically_derived]
            impl __vendorspec::Contract for #ident {
                const SHAPE: __vendorspec::desc::Shape = __vendorspec::desc::Shape::Object(|| &DESCRIPTOR);
            }

            #[automatically_derived]
            impl __vendorspec::FromTree for #ident {
                fn from_tree(
                    value: __vendorspec::ValueRef<'_>,
                    names: __vendorspec::NameMatching,
                ) -> Option<Self> {
                    if value.kind() != __vendorspec::Kind::Object {
                        return None;
                    }
                    Some(Self {
                        #(#reads),*
                    })
                }
            }

            #[automatically_derived]
            impl __vendorspec::__private::serde::Serialize for #ident {
                fn serialize<S: __vendorspec::__private::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                    use __vendorspec::__private::serde::ser::SerializeStruct as _;
                    let len = #required_count #(#optional_counts)*;
                    let mut state = serializer.serialize_struct(#name, len)?;
                    #(#writes)*
                    state.end()
                }
            }

            #[automatically_derived]
            impl ::core::fmt::Debug for #ident {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(#type_label)
                        #(#debug_fields)*
                        .finish()
                }
            }

            #json_schema

            #accessors
        };
    }
}

fn accessor(f: &FieldC, s: &StructC) -> Option<TokenStream> {
    let d = f.default.as_ref()?;
    let FieldC {
        ident, inner, name, ..
    } = f;
    let method = format_ident!("{}_or_default", unraw(ident));
    let doc = format!(
        " `{}` (`{name}`), or its default `{}` when absent.",
        unraw(ident),
        d.json.replace('`', "'")
    );
    // Literal defaults of scalar fields are written as Rust literals; everything else
    // (objects, arrays, enums) is read from the JSON text with the type's `FromTree`.
    let literal = match (&d.lit, &f.shape) {
        (Some(LitVal::Str(v)), ShapeC::String { .. }) => {
            Some(quote!(::std::string::String::from(#v)))
        }
        (Some(LitVal::Bool(v)), ShapeC::Boolean) => Some(quote!(#v)),
        (Some(LitVal::Int(v)), ShapeC::Integer { .. }) => Some(int(*v as i64)),
        (Some(LitVal::Float(v)), ShapeC::Number { .. }) => Some(float(*v)),
        _ => None,
    };
    let literal = literal.filter(|_| {
        matches!(
            crate::check::classify(inner),
            crate::check::Ty::Str
                | crate::check::Ty::Bool
                | crate::check::Ty::F64
                | crate::check::Ty::Int { .. }
        )
    });
    let body = match literal {
        Some(value) if f.inner_is_copy => quote!(self.#ident.unwrap_or(#value)),
        Some(value) => quote!(self.#ident.clone().unwrap_or_else(|| #value)),
        None => {
            let json = &d.json;
            let parse_msg = format!(
                "the default of `{}::{}` is valid JSON (checked by #[derive(Contract)])",
                s.ident,
                unraw(ident)
            );
            let read_msg = format!(
                "the default of `{}::{}` fits its type",
                s.ident,
                unraw(ident)
            );
            quote! {
                self.#ident.clone().unwrap_or_else(|| {
                    let document = __vendorspec::reader::parse(#json.as_bytes(), __vendorspec::Syntax::Strict)
                        .expect(#parse_msg);
                    <#inner as __vendorspec::FromTree>::from_tree(document.root(), __vendorspec::NameMatching::Exact)
                        .expect(#read_msg)
                })
            }
        }
    };
    Some(quote! {
        #[doc = #doc]
        #[must_use]
        pub fn #method(&self) -> #inner {
            #body
        }
    })
}

fn emit_enum(e: &EnumC, options: Options) -> TokenStream {
    let ident = &e.ident;
    let (name, doc) = (&e.name, &e.doc);
    let base = match e.base {
        BaseM::String => quote!(String),
        BaseM::Integer => quote!(Integer),
    };
    let values = e.variants.iter().map(|v| {
        let value = lit(&v.value);
        let vname = v.ident.to_string();
        let label = opt(v.label.as_deref(), str_lit);
        let vdoc = &v.doc;
        quote! {
            __vendorspec::desc::EnumValueDesc {
                value: #value,
                name: #vname,
                label: #label,
                description: #vdoc,
            }
        }
    });
    let wire = |v: &VariantC| match &v.value {
        LitVal::Int(i) => int(*i as i64),
        LitVal::Str(s) => str_lit(s),
        _ => unreachable!("checked: enum values are strings or integers"),
    };
    let arms_from = e.variants.iter().map(|v| {
        let (vi, w) = (&v.ident, wire(v));
        quote!(#w => Some(Self::#vi),)
    });
    let read = match e.base {
        BaseM::String => quote!(value.as_str()?),
        BaseM::Integer => quote!(__vendorspec::typed::integer_of(value)?),
    };
    let arms_ser = e.variants.iter().map(|v| {
        let (vi, w) = (&v.ident, wire(v));
        match e.base {
            BaseM::String => quote!(Self::#vi => serializer.serialize_str(#w),),
            BaseM::Integer => quote!(Self::#vi => serializer.serialize_i64(#w),),
        }
    });
    let arms_dbg = e.variants.iter().map(|v| {
        let vi = &v.ident;
        let label = vi.to_string();
        quote!(Self::#vi => #label,)
    });
    let use_crate = use_crate(&e.krate);
    let json_schema = json_schema(ident, options);
    quote! {
        #[doc(hidden)]
        const _: () = {
            #use_crate

            static DESCRIPTOR: __vendorspec::desc::EnumDesc = __vendorspec::desc::EnumDesc {
                name: #name,
                description: #doc,
                base: __vendorspec::desc::EnumBase::#base,
                values: &[#(#values),*],
            };

            #[automatically_derived]
            impl __vendorspec::Contract for #ident {
                const SHAPE: __vendorspec::desc::Shape = __vendorspec::desc::Shape::Enum(|| &DESCRIPTOR);
            }

            #[automatically_derived]
            impl __vendorspec::FromTree for #ident {
                fn from_tree(
                    value: __vendorspec::ValueRef<'_>,
                    _names: __vendorspec::NameMatching,
                ) -> Option<Self> {
                    match #read {
                        #(#arms_from)*
                        _ => None,
                    }
                }
            }

            #[automatically_derived]
            impl __vendorspec::__private::serde::Serialize for #ident {
                fn serialize<S: __vendorspec::__private::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                    match self {
                        #(#arms_ser)*
                    }
                }
            }

            #[automatically_derived]
            impl ::core::fmt::Debug for #ident {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(match self {
                        #(#arms_dbg)*
                    })
                }
            }

            #json_schema
        };
    }
}
