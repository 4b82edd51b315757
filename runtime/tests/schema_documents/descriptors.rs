//! Hand-written descriptors: one per shape, constraint, rule kind and test kind.

use super::*;

// ----------------------------------------------------------------------------------------
// Descriptors

pub(super) static DEVICE_ID: Shape = Shape::String(StringDesc {
    format: Some(Format::DeviceId),
    ..StringDesc::NONE
});
pub(super) static UUID: Shape = Shape::String(StringDesc {
    format: Some(Format::Uuid),
    ..StringDesc::NONE
});
pub(super) static ANY_STRING: Shape = Shape::String(StringDesc::NONE);
pub(super) static ANY_INTEGER: Shape = Shape::Integer(NumberDesc::NONE);
pub(super) static TARGET_SHAPE: Shape = Shape::Object(target);
pub(super) static FEATURE_SHAPE: Shape = Shape::Enum(feature);
pub(super) static NODE_SHAPE: Shape = Shape::Object(node);

/// Small representative #1: `exactly_one_of` with `count: non_empty`.
pub(super) static TARGET: ObjectDesc = ObjectDesc {
    name: "Target",
    description: "Devices or zones.",
    members: &[
        MemberDesc::new(
            "devices",
            "Device ids.",
            Shape::Array(ArrayDesc::of(&DEVICE_ID)),
        ),
        MemberDesc::new(
            "zones",
            "Zone ids.",
            Shape::Array(ArrayDesc::of(&DEVICE_ID)),
        ),
    ],
    unknown: Unknown::Reject,
    rules: &[RuleDesc::ExactlyOneOf {
        members: &[0, 1],
        count: Count::NonEmpty,
    }],
    advice: &[],
};
pub(super) fn target() -> &'static ObjectDesc {
    &TARGET
}

/// Small representative #2: an integer enum with labels.
pub(super) static JOB_TYPE: EnumDesc = EnumDesc {
    name: "JobType",
    description: "What a job does.",
    base: EnumBase::Integer,
    values: &[
        EnumValueDesc {
            value: Lit::Int(1),
            name: "Discovery",
            label: None,
            description: "Finds machines.",
        },
        EnumValueDesc {
            value: Lit::Int(2),
            name: "Install",
            label: Some("Agent install"),
            description: "Installs the agent.",
        },
        EnumValueDesc {
            value: Lit::Int(3),
            name: "Uninstall",
            label: Some("Agent uninstall"),
            description: "",
        },
    ],
};
pub(super) fn job_type() -> &'static EnumDesc {
    &JOB_TYPE
}

pub(super) static MODE: EnumDesc = EnumDesc {
    name: "Mode",
    description: "How fast.",
    base: EnumBase::String,
    values: &[
        EnumValueDesc {
            value: Lit::Str("fast"),
            name: "Fast",
            label: None,
            description: "Now.",
        },
        EnumValueDesc {
            value: Lit::Str("safe"),
            name: "Safe",
            label: None,
            description: "Carefully.",
        },
        EnumValueDesc {
            value: Lit::Str("slow"),
            name: "Slow",
            label: None,
            description: "",
        },
    ],
};
pub(super) fn mode() -> &'static EnumDesc {
    &MODE
}

pub(super) static FEATURE: EnumDesc = EnumDesc {
    name: "Feature",
    description: "A tenant feature.",
    base: EnumBase::Integer,
    values: &[
        EnumValueDesc {
            value: Lit::Int(12),
            name: "Linux",
            label: Some("Linux"),
            description: "Linux agents.",
        },
        EnumValueDesc {
            value: Lit::Int(34),
            name: "Optics",
            label: Some("Optics"),
            description: "EDR.",
        },
        EnumValueDesc {
            value: Lit::Int(48),
            name: "Ubuntu",
            label: None,
            description: "Needs Linux.",
        },
        // A duplicate by JSON value: listed once in the schema.
        EnumValueDesc {
            value: Lit::Int(48),
            name: "UbuntuAgain",
            label: None,
            description: "",
        },
    ],
};
pub(super) fn feature() -> &'static EnumDesc {
    &FEATURE
}

pub(super) static NAME_PATTERN: Pattern = Pattern::new("^[A-Za-z]");
pub(super) static COUNT_PATTERN: Pattern = Pattern::new("^[1-9]");

/// Every scalar shape, constraint and format.
pub(super) static SCALARS: ObjectDesc = ObjectDesc {
    name: "Scalars",
    description: "Every scalar.",
    members: &[
        MemberDesc {
            required: true,
            ..MemberDesc::new(
                "name",
                "A name.",
                Shape::String(StringDesc {
                    pattern: Some(&NAME_PATTERN),
                    min_length: Some(2),
                    max_length: Some(4),
                    ..StringDesc::NONE
                }),
            )
        },
        MemberDesc::new(
            "id",
            "",
            Shape::String(StringDesc {
                format: Some(Format::Uuid),
                ..StringDesc::NONE
            }),
        ),
        MemberDesc::new(
            "when",
            "",
            Shape::String(StringDesc {
                format: Some(Format::DateTime),
                ..StringDesc::NONE
            }),
        ),
        MemberDesc::new(
            "ip",
            "",
            Shape::String(StringDesc {
                format: Some(Format::Ipv4),
                ..StringDesc::NONE
            }),
        ),
        MemberDesc::new(
            "device",
            "",
            Shape::String(StringDesc {
                format: Some(Format::DeviceId),
                ..StringDesc::NONE
            }),
        ),
        MemberDesc::new(
            "within",
            "Between 5 minutes and 3 days.",
            Shape::String(StringDesc {
                format: Some(Format::DurationDhm),
                min_duration: Some(5),
                max_duration: Some(3 * 24 * 60),
                ..StringDesc::NONE
            }),
        ),
        MemberDesc::new(
            "url",
            "",
            Shape::String(StringDesc {
                format: Some(Format::ResultUrl),
                ..StringDesc::NONE
            }),
        ),
        MemberDesc::new(
            "count",
            "Digits, no leading zero.",
            Shape::String(StringDesc {
                format: Some(Format::NonNegativeIntegerString),
                pattern: Some(&COUNT_PATTERN),
                ..StringDesc::NONE
            }),
        ),
        MemberDesc {
            default: Some("43470"),
            default_lit: Some(Lit::Int(43470)),
            ..MemberDesc::new(
                "port",
                "A port.",
                Shape::Integer(NumberDesc {
                    minimum: Some(Num::Int(1)),
                    maximum: Some(Num::Int(65535)),
                }),
            )
        },
        MemberDesc::new("big", "Any integer.", Shape::Integer(NumberDesc::NONE)),
        MemberDesc::new(
            "ratio",
            "",
            Shape::Number(NumberDesc {
                minimum: Some(Num::Float(0.5)),
                maximum: Some(Num::Int(10)),
            }),
        ),
        MemberDesc::new("free", "Any number.", Shape::Number(NumberDesc::NONE)),
        MemberDesc {
            default: Some("true"),
            default_lit: Some(Lit::Bool(true)),
            ..MemberDesc::new("enabled", "", Shape::Boolean)
        },
        MemberDesc {
            secret: true,
            ..MemberDesc::new(
                "password",
                "Never shown.",
                Shape::String(StringDesc {
                    min_length: Some(8),
                    ..StringDesc::NONE
                }),
            )
        },
        MemberDesc {
            default: Some("1"),
            default_lit: Some(Lit::Int(1)),
            ..MemberDesc::new("kind", "", Shape::Enum(job_type))
        },
        MemberDesc::new("mode", "", Shape::Enum(mode)),
        MemberDesc::new(
            "tags",
            "One to three distinct tags.",
            Shape::Array(ArrayDesc {
                items: &ANY_STRING,
                min_items: Some(1),
                max_items: Some(3),
                unique_items: true,
            }),
        ),
    ],
    unknown: Unknown::Reject,
    rules: &[],
    advice: &[],
};
pub(super) fn scalars() -> &'static ObjectDesc {
    &SCALARS
}

pub(super) static NOTIFY: ObjectDesc = ObjectDesc {
    name: "NotifyOptions",
    description: "Response-like: unknown members are warnings.",
    members: &[MemberDesc {
        default: Some("false"),
        default_lit: Some(Lit::Bool(false)),
        ..MemberDesc::new("Reboot", "", Shape::Boolean)
    }],
    unknown: Unknown::Warn,
    rules: &[],
    advice: &[],
};
pub(super) fn notify() -> &'static ObjectDesc {
    &NOTIFY
}

/// Every rule kind and test kind.
pub(super) static DEPLOYMENT: ObjectDesc = ObjectDesc {
    name: "Deployment",
    description: "Rules across members.",
    members: &[
        /* 0 */
        MemberDesc {
            required: true,
            ..MemberDesc::new("Name", "", Shape::String(StringDesc::NONE))
        },
        /* 1 */ MemberDesc::new("AgentGuids", "", Shape::Array(ArrayDesc::of(&UUID))),
        /* 2 */ MemberDesc::new("GroupIds", "", Shape::Array(ArrayDesc::of(&ANY_INTEGER))),
        /* 3 */
        MemberDesc {
            default: Some("\"safe\""),
            default_lit: Some(Lit::Str("safe")),
            ..MemberDesc::new("Mode", "", Shape::Enum(mode))
        },
        /* 4 */
        MemberDesc::new(
            "Level",
            "",
            Shape::Integer(NumberDesc {
                minimum: Some(Num::Int(0)),
                maximum: Some(Num::Int(10)),
            }),
        ),
        /* 5 */
        MemberDesc {
            default: Some("false"),
            default_lit: Some(Lit::Bool(false)),
            ..MemberDesc::new("Reboot", "", Shape::Boolean)
        },
        /* 6 */
        MemberDesc::new(
            "Window",
            "",
            Shape::String(StringDesc {
                format: Some(Format::DurationDhm),
                min_duration: Some(5),
                ..StringDesc::NONE
            }),
        ),
        /* 7 */
        MemberDesc::new(
            "StartIp",
            "",
            Shape::String(StringDesc {
                format: Some(Format::Ipv4),
                ..StringDesc::NONE
            }),
        ),
        /* 8 */
        MemberDesc::new(
            "EndIp",
            "",
            Shape::String(StringDesc {
                format: Some(Format::Ipv4),
                ..StringDesc::NONE
            }),
        ),
        /* 9 */ MemberDesc::new("Tags", "", Shape::Array(ArrayDesc::of(&ANY_STRING))),
        /* 10 */
        MemberDesc::new("Notify", "Absent: no notification.", Shape::Object(notify)),
        /* 11 */
        MemberDesc {
            secret: true,
            ..MemberDesc::new("Password", "", Shape::String(StringDesc::NONE))
        },
        /* 12 */
        MemberDesc::new("Targets", "", Shape::Array(ArrayDesc::of(&TARGET_SHAPE))),
        /* 13 */
        MemberDesc {
            default: Some("{\"Reboot\": true}"),
            ..MemberDesc::new("Defaults", "An object default.", Shape::Object(notify))
        },
    ],
    unknown: Unknown::Reject,
    rules: &[
        RuleDesc::AtLeastOneOf {
            members: &[1, 2],
            count: Count::NonEmpty,
        },
        // Equals, with a default that differs: absent Mode is not "fast".
        RuleDesc::Requires {
            when: &[TestDesc {
                member: 3,
                predicate: Predicate::Equals(Lit::Str("fast")),
            }],
            then: &[TestDesc {
                member: 4,
                predicate: Predicate::Present(true),
            }],
            message: "fast needs a Level",
        },
        // Equals, with the default equal: absent Mode is "safe"; absent Reboot is false.
        RuleDesc::Requires {
            when: &[TestDesc {
                member: 3,
                predicate: Predicate::Equals(Lit::Str("safe")),
            }],
            then: &[TestDesc {
                member: 5,
                predicate: Predicate::Equals(Lit::Bool(false)),
            }],
            message: "safe mode never reboots",
        },
        // In, no default; numbers by value (9.0 is 9).
        RuleDesc::Requires {
            when: &[TestDesc {
                member: 4,
                predicate: Predicate::In(&[Lit::Int(9), Lit::Int(10)]),
            }],
            then: &[TestDesc {
                member: 11,
                predicate: Predicate::Present(true),
            }],
            message: "high levels need a Password",
        },
        // NotIn, default in the list: absent Mode ("safe") is not "not in [safe]".
        RuleDesc::Requires {
            when: &[TestDesc {
                member: 3,
                predicate: Predicate::NotIn(&[Lit::Str("safe")]),
            }],
            then: &[TestDesc {
                member: 9,
                predicate: Predicate::NonEmpty(true),
            }],
            message: "unsafe modes need Tags",
        },
        // NotIn, default not in the list: absent Reboot (false) holds.
        RuleDesc::Requires {
            when: &[TestDesc {
                member: 5,
                predicate: Predicate::NotIn(&[Lit::Bool(true)]),
            }],
            then: &[TestDesc {
                member: 6,
                predicate: Predicate::Present(false),
            }],
            message: "a Window only with Reboot",
        },
        // Contains, and In in `then`.
        RuleDesc::Requires {
            when: &[TestDesc {
                member: 9,
                predicate: Predicate::Contains(Lit::Str("urgent")),
            }],
            then: &[TestDesc {
                member: 4,
                predicate: Predicate::In(&[
                    Lit::Int(5),
                    Lit::Int(6),
                    Lit::Int(7),
                    Lit::Int(8),
                    Lit::Int(9),
                    Lit::Int(10),
                ]),
            }],
            message: "urgent needs Level 5 or more",
        },
        // Several `when` tests; NonEmpty(false); Present(false) in `then`.
        RuleDesc::Requires {
            when: &[
                TestDesc {
                    member: 9,
                    predicate: Predicate::NonEmpty(false),
                },
                TestDesc {
                    member: 10,
                    predicate: Predicate::Present(true),
                },
            ],
            then: &[
                TestDesc {
                    member: 11,
                    predicate: Predicate::Present(false),
                },
                TestDesc {
                    member: 12,
                    predicate: Predicate::Present(false),
                },
            ],
            message: "untagged notified deployments take no Password and no Targets",
        },
        RuleDesc::RangeOrder {
            low: 7,
            high: 8,
            order: Order::Ipv4,
        },
    ],
    advice: &[AdviceDesc {
        code: "reboot_without_window",
        at: Some(5),
        when: &[TestDesc {
            member: 5,
            predicate: Predicate::Equals(Lit::Bool(true)),
        }],
        message: "a reboot without a window happens at once",
        help: None,
    }],
};
pub(super) fn deployment() -> &'static ObjectDesc {
    &DEPLOYMENT
}

/// `exactly_one_of` with `count: present`; `requires` without `when`; `equals` on a number
/// compared by value; `contains` on integer enums.
pub(super) static TENANT: ObjectDesc = ObjectDesc {
    name: "Tenant",
    description: "",
    members: &[
        MemberDesc::new("email", "", Shape::String(StringDesc::NONE)),
        MemberDesc::new("phone", "", Shape::String(StringDesc::NONE)),
        MemberDesc::new(
            "featureIds",
            "",
            Shape::Array(ArrayDesc {
                unique_items: true,
                ..ArrayDesc::of(&FEATURE_SHAPE)
            }),
        ),
        MemberDesc::new("region", "", Shape::String(StringDesc::NONE)),
        MemberDesc {
            default: Some("1.0"),
            default_lit: Some(Lit::Float(1.0)),
            ..MemberDesc::new("version", "", Shape::Number(NumberDesc::NONE))
        },
        MemberDesc::new("note", "", Shape::String(StringDesc::NONE)),
    ],
    unknown: Unknown::Reject,
    rules: &[
        RuleDesc::ExactlyOneOf {
            members: &[0, 1],
            count: Count::Present,
        },
        RuleDesc::Requires {
            when: &[TestDesc {
                member: 2,
                predicate: Predicate::Contains(Lit::Int(48)),
            }],
            then: &[TestDesc {
                member: 2,
                predicate: Predicate::Contains(Lit::Int(12)),
            }],
            message: "Ubuntu (48) needs Linux (12)",
        },
        RuleDesc::Requires {
            when: &[],
            then: &[TestDesc {
                member: 3,
                predicate: Predicate::Present(true),
            }],
            message: "a region, always",
        },
        // version defaults to 1.0, so `equals: 1` holds when it is absent.
        RuleDesc::Requires {
            when: &[TestDesc {
                member: 4,
                predicate: Predicate::Equals(Lit::Int(1)),
            }],
            then: &[TestDesc {
                member: 5,
                predicate: Predicate::Present(false),
            }],
            message: "version 1 takes no note",
        },
    ],
    advice: &[],
};
pub(super) fn tenant() -> &'static ObjectDesc {
    &TENANT
}

/// A type that contains itself.
pub(super) static NODE: ObjectDesc = ObjectDesc {
    name: "Node",
    description: "A tree.",
    members: &[
        MemberDesc::new("label", "", Shape::String(StringDesc::NONE)),
        MemberDesc::new("children", "", Shape::Array(ArrayDesc::of(&NODE_SHAPE))),
    ],
    unknown: Unknown::Reject,
    rules: &[],
    advice: &[],
};
pub(super) fn node() -> &'static ObjectDesc {
    &NODE
}

/// Another type named `Target`: a name collision.
pub(super) static OTHER_TARGET: ObjectDesc = ObjectDesc {
    name: "Target",
    description: "Not the same Target.",
    members: &[MemberDesc::new("x", "", Shape::Boolean)],
    unknown: Unknown::Warn,
    rules: &[],
    advice: &[],
};
pub(super) fn other_target() -> &'static ObjectDesc {
    &OTHER_TARGET
}
pub(super) static COLLIDING: ObjectDesc = ObjectDesc {
    name: "Colliding",
    description: "",
    members: &[
        MemberDesc::new("a", "", Shape::Object(target)),
        MemberDesc::new("b", "", Shape::Object(other_target)),
        MemberDesc::new("c", "", Shape::Object(target)),
    ],
    unknown: Unknown::Reject,
    rules: &[],
    advice: &[],
};
pub(super) fn colliding() -> &'static ObjectDesc {
    &COLLIDING
}
