//! The emitter on the real spec and on small specs made for each construct.

use super::*;

/// The stand-ins change nothing: every API of `spec/`, with its descriptions rewritten to
/// texts of many widths (around prettyplease's margin and far past it) and characters
/// (quotes, backslashes, non-ASCII, control characters, the stand-ins' own mark), prints
/// byte for byte as it does with the text itself going through syn and prettyplease.
#[test]
fn stand_ins_print_exactly_as_the_text_itself() {
    let spec =
        crate::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec")).expect("spec/ loads");
    let pieces = [
        "word",
        "a longer phrase",
        "\"quoted\"",
        "back\\slash",
        "naïve ünïcode",
        "—",
        "tab\there",
        "\u{1}",
        "x",
        "0123456789",
        "https://example.com/a/b?c=d",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut text = |width: usize| {
        let mut out = String::new();
        while out.len() < width {
            out.push_str(pieces[next(pieces.len())]);
            if next(4) > 0 {
                out.push(' ');
            }
        }
        out
    };
    let widths = [
        0, 1, 2, 3, 5, 8, 13, 40, 70, 80, 85, 88, 89, 90, 91, 95, 99, 100, 101, 120, 300,
    ];
    for round in 0..widths.len() {
        for api in &spec.apis {
            let mut api = api.clone();
            let width = |i: usize| widths[(round + i) % widths.len()];
            api.description = text(width(0));
            for (i, e) in api.endpoints.iter_mut().enumerate() {
                e.summary = text(width(i + 1));
                e.description = text(width(i + 2));
            }
            for (i, t) in api.types.iter_mut().enumerate() {
                t.description = text(width(i + 3));
                if let TypeKind::Object(object) = &mut t.kind {
                    for (j, m) in object.members.iter_mut().enumerate() {
                        m.description = text(width(i + j + 4));
                    }
                }
            }
            assert_eq!(
                format_module(&api, Strings::default()),
                format_module(&api, Strings::verbatim()),
                "round {round}, API {}",
                api.id
            );
        }
    }
}

/// A small API whose request body is optional when `optional` is set, with one body
/// example and one blank one ("no body").
fn presence_api(optional: bool) -> Api {
    let presence = if optional {
        "      presence: optional\n"
    } else {
        ""
    };
    let response_presence = if optional {
        "        presence: optional\n"
    } else {
        ""
    };
    let blank = if optional {
        "        - name: No body\n          source: test\n          valid: true\n          text: ''\n"
    } else {
        ""
    };
    let text = format!(
        "vendorspec: 1\napi:\n  id: demo_v1\n  title: Demo\n  description: Demo.\n  base_url: https://api.example.com\n  auth:\n    scheme: bearer_jwt\n    description: A token.\n  member_names: exact\n  body_syntax: strict\n  body_encoding: plain\nendpoints:\n  lock_widget:\n    summary: Lock a widget\n    description: Locks it.\n    source: test\n    method: PUT\n    path: /widgets/lock\n    request:\n      body: Lock\n{presence}      examples:\n        - name: A lock\n          source: test\n          valid: true\n          text: '{{\"mode\": \"hard\"}}'\n{blank}    responses:\n      - status: [204]\n        description: Locked.\n        body: Lock\n{response_presence}types:\n  Lock:\n    kind: object\n    description: A lock.\n    members:\n      mode:\n        type: string\n        description: How.\n"
    );
    let spec = crate::load_str("demo.yaml", &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    spec.apis.into_iter().next().unwrap()
}

/// The source without whitespace, so assertions do not depend on line breaks.
fn squeezed(source: &str) -> String {
    source.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn an_optional_body_is_an_option_in_the_builder_and_a_presence_in_the_descriptors() {
    let source = api_module(&presence_api(true));
    let code = squeezed(&source);
    for expected in [
        "request_presence:ep::Presence::Optional,",
        "presence:ep::Presence::Optional,",
        "pubfnlock_widget(params:&LockWidgetParams,body:Option<&Lock>,token:Option<&str>,)",
        "LOCK_WIDGET.build_typed(params,body,token)",
        // The blank example is not an example of the body.
        r#"request_examples:&["{\"mode\":\"hard\"}"],"#,
    ] {
        assert!(code.contains(expected), "no `{expected}` in:\n{source}");
    }
    assert!(
        source.contains("/// The body is optional: `None` sends the request with no body at all."),
        "{source}"
    );
}

#[test]
fn a_required_body_is_a_reference_in_the_builder() {
    let source = api_module(&presence_api(false));
    let code = squeezed(&source);
    for expected in [
        "request_presence:ep::Presence::Required,",
        "presence:ep::Presence::Required,",
        "pubfnlock_widget(params:&LockWidgetParams,body:&Lock,token:Option<&str>,)",
        "LOCK_WIDGET.build_typed(params,Some(body),token)",
    ] {
        assert!(code.contains(expected), "no `{expected}` in:\n{source}");
    }
    assert!(!source.contains("`None` sends"), "{source}");
    assert!(!code.contains("Presence::Optional"), "{source}");
}

#[test]
fn snake_case_of_the_specs_member_names() {
    for (name, snake) in [
        (
            "UseAgentPolicy_AllowCancel",
            "use_agent_policy_allow_cancel",
        ),
        ("zipCode", "zip_code"),
        ("EndIP", "end_ip"),
        ("EndIp", "end_ip"),
        ("address1", "address1"),
        ("AC", "ac"),
        ("lockdown_config_id", "lockdown_config_id"),
        ("CustomPatchListId", "custom_patch_list_id"),
        ("createdAt", "created_at"),
        ("HTTPServer", "http_server"),
    ] {
        assert_eq!(snake_case(name), snake, "{name}");
    }
    assert_eq!(field_ident("type").to_string(), "r#type");
}

/// The printed `Deserialize` impl of a name of each length, up to far past prettyplease's
/// margin, is the one printed for a stand-in name of that length with the name put in.
#[test]
fn boilerplate_printed_once_is_the_boilerplate_printed_each_time() {
    let mut module = Module {
        strings: Strings::default(),
        field_idents: HashMap::new(),
        with_defaults: BTreeSet::new(),
        printed: Printed::default(),
    };
    for len in 1..=130 {
        let name: String = std::iter::once('T')
            .chain("ypeNamex_9".chars().cycle())
            .take(len)
            .collect();
        let ident = format_ident!("{name}");
        module.deserialize_impl(&ident);
        let (before, after) = &module.printed.deserialize[&len];
        assert_eq!(
            format!("{before}{name}{after}"),
            print_items(deserialize_impl(&ident)),
            "a name of {len} characters"
        );
    }
}
