//! `#[derive(Contract)]`: a type's `#[contract(..)]` attributes compiled into a static
//! descriptor (`vendorspec_runtime::desc`), typed construction from a validated tree
//! (`FromTree`), `serde::Serialize`, a `Debug` that redacts secrets, `schemars::JsonSchema`
//! and `<field>_or_default` accessors.
//!
//! A small compiler: [`syntax`] parses the attributes into a [`model`], [`check`] rejects
//! misuse with spanned errors (all of them at once), [`emit`] writes the code.
//!
//! The emitted code names `vendorspec_runtime` (or the crate given by `crate = ".."`) and
//! reaches serde and schemars through its hidden re-exports, so a crate using the derive
//! depends on the runtime alone.

use proc_macro::TokenStream;

mod check;
mod emit;
mod model;
mod syntax;

/// Derives the contract of a struct with named fields (a JSON object) or of an enum of
/// unit variants (a JSON string or integer enum). See the crate's README for the
/// `#[contract(..)]` attribute reference.
#[proc_macro_derive(Contract, attributes(contract))]
pub fn derive_contract(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    let options = emit::Options {
        json_schema: cfg!(feature = "json-schema"),
    };
    expand(&input, options)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// parse → check → emit. Syntax and check errors are reported together; nothing is
/// emitted if there is any.
fn expand(
    input: &syn::DeriveInput,
    options: emit::Options,
) -> syn::Result<proc_macro2::TokenStream> {
    let mut errors = syntax::Errors::default();
    let checked =
        syntax::parse(input, &mut errors).map(|parsed| check::check(&parsed, &mut errors));
    errors.finish()?;
    let checked = checked.ok_or_else(|| {
        syn::Error::new(
            proc_macro2::Span::call_site(),
            "#[derive(Contract)]: invalid input",
        )
    })?;
    Ok(emit::emit(&checked, options))
}

#[cfg(test)]
mod tests {
    //! Expansion snapshots: what the derive writes for representative inputs.

    use super::*;

    fn expand_pretty(input: syn::DeriveInput) -> String {
        let tokens = expand(&input, emit::Options { json_schema: true }).expect("expands");
        let file: syn::File = syn::parse2(tokens).expect("emitted code parses");
        prettyplease::unparse(&file)
    }

    #[test]
    fn every_field_attribute() {
        insta::assert_snapshot!(expand_pretty(syn::parse_quote! {
            /// A job to discover assets.
            #[contract(name = "Job", crate = "::vendorspec")]
            pub struct Job {
                /// Sets the name of the job.
                #[contract(rename = "Name", min_length = 1, max_length = 64, pattern = "^[A-Za-z]")]
                pub name: String,
                #[contract(rename = "Timeout", minimum = 0, maximum = 2147483647, default = 3000)]
                pub timeout: Option<i32>,
                pub count: u32,
                #[contract(minimum = -1.5, maximum = 2)]
                pub ratio: Option<f64>,
                #[contract(rename = "Password", secret)]
                pub password: Option<String>,
                #[contract(items(format = "device_id"), min_items = 1, unique_items)]
                pub devices: Option<Vec<String>>,
                #[contract(format = "duration_dhm", min_duration = "0:00:05", max_duration = "7:00:00", default = "0:01:00")]
                pub interval: Option<String>,
                #[contract(default = true)]
                pub enabled: Option<bool>,
                #[contract(rename = "DiscoveryOptions", default_json = r#"{"IcmpDiscovery": true}"#)]
                pub discovery_options: Option<DiscoveryOptions>,
            }
        }));
    }

    #[test]
    fn every_rule_and_advice() {
        insta::assert_snapshot!(expand_pretty(syn::parse_quote! {
            #[contract(
                unknown = "warn",
                exactly_one_of(devices, zones, count = "non_empty"),
                at_least_one_of(agent_guids, group_ids),
                requires(when(feature_ids(contains = 48)), then(feature_ids(contains = 12)), message = "Ubuntu (48) needs Linux (12)"),
                range_order(start_ip, end_ip),
                advice(code = "modules_ignored", at = modules, when(job_type(not_in = [2]), modules(present = true)), message = "Modules only apply to installs.", help = "Remove Modules."),
                advice(code = "odd", when(job_type(in = [1, 3]), name(equals = "x")), message = "Odd."),
            )]
            struct Rules {
                name: String,
                devices: Option<Vec<String>>,
                zones: Option<Vec<String>>,
                agent_guids: Option<Vec<String>>,
                group_ids: Option<Vec<i64>>,
                feature_ids: Option<Vec<u16>>,
                #[contract(format = "ipv4")]
                start_ip: Option<String>,
                #[contract(format = "ipv4")]
                end_ip: Option<String>,
                job_type: Option<JobType>,
                modules: Option<Vec<String>>,
            }
        }));
    }

    #[test]
    fn integer_enum() {
        insta::assert_snapshot!(expand_pretty(syn::parse_quote! {
            /// The kind of job.
            #[contract(integer)]
            pub enum JobType {
                /// Creates a discovery-only job.
                #[contract(value = 1)]
                Discovery,
                #[contract(value = 2, label = "Install agents")]
                Install,
            }
        }));
    }

    #[test]
    fn string_enum() {
        insta::assert_snapshot!(expand_pretty(syn::parse_quote! {
            /// How a policy applies.
            pub enum Mode {
                Evaluation,
                #[contract(value = "enforce")]
                Enforce,
            }
        }));
    }
}
