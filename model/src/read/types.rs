//! Types: objects and their members, enums, schemas with their constraint keywords.

use vendorspec_runtime::suggest::suggest;

use super::{Fields, Reader, pascal_case, schema_keys};
use crate::diag::Loc;
use crate::ir::*;
use crate::yaml::{Key, Node, NodeKind};

impl Reader<'_, '_> {
    pub(super) fn type_def(&mut self, key: &Key, node: &Node) -> Option<TypeDef> {
        let what = format!("type `{}`", key.name);
        let NodeKind::Map(entries) = &node.kind else {
            self.expected(node, "a mapping", &what);
            return None;
        };
        let kind_node = entries
            .iter()
            .find(|(k, _)| k.name == "kind")
            .map(|(_, v)| v);
        let Some(kind_node) = kind_node else {
            self.sink.error_help(
                node.loc,
                format!("{what} is missing the key `kind`"),
                "write `kind: object` or `kind: enum`",
            );
            return None;
        };
        #[derive(Clone, Copy)]
        enum K {
            Object,
            Enum,
        }
        let kind = self.choice(
            kind_node,
            "type kind",
            &[("object", K::Object), ("enum", K::Enum)],
        )?;
        match kind {
            K::Object => {
                let f = self.fields(
                    node,
                    &what,
                    &[
                        "kind",
                        "description",
                        "members",
                        "rules",
                        "advice",
                        "examples",
                    ],
                )?;
                let description = self.required_string(&f, "description");
                let members = self
                    .require(&f, "members")
                    .map(|n| self.members(n))
                    .unwrap_or_default();
                let rules = match f.get("rules") {
                    Some(n) => self
                        .items(n, "`rules`")
                        .iter()
                        .filter_map(|r| self.rule(r))
                        .collect(),
                    None => Vec::new(),
                };
                let advice = match f.get("advice") {
                    Some(n) => self
                        .items(n, "`advice`")
                        .iter()
                        .filter_map(|a| self.advice(a))
                        .collect(),
                    None => Vec::new(),
                };
                let examples = self.examples(f.get("examples"));
                Some(TypeDef {
                    name: key.name.clone(),
                    description: description.unwrap_or_default(),
                    kind: TypeKind::Object(ObjectType {
                        members,
                        rules,
                        advice,
                    }),
                    examples,
                    loc: key.loc,
                })
            }
            K::Enum => {
                let f = self.owned_fields(
                    key,
                    node,
                    &what,
                    &["kind", "description", "base", "values"],
                )?;
                let description = self.required_string(&f, "description");
                let base = self.require(&f, "base").and_then(|n| {
                    self.choice(
                        n,
                        "enum base",
                        &[("string", EnumBase::String), ("integer", EnumBase::Integer)],
                    )
                });
                let mut values = Vec::new();
                if let Some(n) = self.require(&f, "values") {
                    for item in self.items(n, "`values`") {
                        if let Some(v) = self.enum_value(item) {
                            values.push(v);
                        }
                    }
                }
                Some(TypeDef {
                    name: key.name.clone(),
                    description: description.unwrap_or_default(),
                    kind: TypeKind::Enum(EnumType {
                        base: base?,
                        values,
                    }),
                    examples: Vec::new(),
                    loc: key.loc,
                })
            }
        }
    }

    pub(super) fn enum_value(&mut self, node: &Node) -> Option<EnumValue> {
        let f = self.fields(
            node,
            "an enum value",
            &["value", "name", "label", "description"],
        )?;
        let value_node = self.require(&f, "value")?;
        let value = match &value_node.kind {
            NodeKind::Str(s) => Literal::String(s.clone()),
            NodeKind::Int(i) => Literal::Int(i64::try_from(*i).ok()?),
            _ => {
                self.expected(value_node, "a string or an integer", "an enum value");
                return None;
            }
        };
        let name = match self.optional_string(&f, "name") {
            Some(n) => n,
            None => match &value {
                Literal::String(s) => pascal_case(s),
                _ => {
                    self.sink.error_help(
                        f.loc,
                        "an integer enum value needs a `name`",
                        "name it in PascalCase, for example `name: Discovery`",
                    );
                    return None;
                }
            },
        };
        let description = self.required_string(&f, "description");
        Some(EnumValue {
            value,
            name,
            label: self.optional_string(&f, "label"),
            description: description.unwrap_or_default(),
            loc: value_node.loc,
        })
    }

    pub(super) fn members(&mut self, node: &Node) -> Vec<Member> {
        let mut out = Vec::new();
        for (key, value) in self.entries(node, "`members`") {
            if let Some(m) = self.member(key, value) {
                out.push(m);
            }
        }
        out
    }

    pub(super) fn member(&mut self, key: &Key, node: &Node) -> Option<Member> {
        let what = format!("member `{}`", key.name);
        if let NodeKind::Str(_) = node.kind {
            // Shorthand: `Name: string`.
            self.sink.error_help(
                node.loc,
                format!("{what} needs a `description`"),
                "write the member as a mapping: `{ type: ..., description: ... }`",
            );
            return None;
        }
        let mut allowed: Vec<&str> = schema_keys();
        allowed.extend([
            "required",
            "default",
            "description",
            "secret",
            "absent_means",
        ]);
        let f = self.owned_fields(key, node, &what, &allowed)?;
        let schema = self.schema(&f, node.loc);
        let description = self.required_string(&f, "description");
        let default = f
            .get("default")
            .and_then(|n| self.literal(n, "the default"));
        // A member whose type is broken is kept with a placeholder type (its error is
        // already reported), so rules naming it do not report it missing as well.
        let schema = schema.unwrap_or(Schema {
            ty: Type::String,
            constraints: Constraints::default(),
            loc: node.loc,
            locs: KeyLocs::default(),
        });
        Some(Member {
            name: key.name.clone(),
            schema,
            required: self.boolean(&f, "required").unwrap_or(false),
            default,
            absent_means: self.optional_string(&f, "absent_means"),
            secret: self.boolean(&f, "secret").unwrap_or(false),
            description: description.unwrap_or_default(),
            loc: key.loc,
            locs: f.locs(),
        })
    }

    /// A schema: a type name (`string`, `SingleIpTarget`) or a mapping of schema keys.
    pub(super) fn item_schema(&mut self, node: &Node) -> Option<Schema> {
        match &node.kind {
            NodeKind::Str(name) => Some(Schema {
                ty: self.type_name(name, node.loc, false)?,
                constraints: Constraints::default(),
                loc: node.loc,
                locs: KeyLocs::default(),
            }),
            _ => {
                let f = self.fields(node, "`items`", &schema_keys())?;
                self.schema(&f, node.loc)
            }
        }
    }

    pub(super) fn type_name(&mut self, name: &str, loc: Loc, can_be_array: bool) -> Option<Type> {
        Some(match name {
            "string" => Type::String,
            "integer" => Type::Integer,
            "number" => Type::Number,
            "boolean" => Type::Boolean,
            "array" if can_be_array => Type::Array(Box::new(Schema {
                ty: Type::String,
                constraints: Constraints::default(),
                loc,
                locs: KeyLocs::default(),
            })),
            _ if name.starts_with(|c: char| c.is_ascii_uppercase()) => Type::Named(name.into()),
            _ => {
                let builtins = ["string", "integer", "number", "boolean", "array"];
                let message = format!("unknown type `{name}`");
                match suggest(name, builtins) {
                    Some(near) => self
                        .sink
                        .error_help(loc, message, format!("did you mean `{near}`?")),
                    None => self.sink.error_help(
                        loc,
                        message,
                        "a type is `string`, `integer`, `number`, `boolean`, `array`, or the PascalCase name of a type under `types:`",
                    ),
                }
                return None;
            }
        })
    }

    pub(super) fn schema(&mut self, f: &Fields, loc: Loc) -> Option<Schema> {
        let type_node = self.require(f, "type")?;
        let name = self.string(type_node, &format!("the type of {}", f.what))?;
        let mut ty = self.type_name(&name, type_node.loc, true)?;
        if let Type::Array(items) = &mut ty {
            match f.get("items") {
                Some(n) => **items = self.item_schema(n)?,
                None => {
                    self.sink.error_help(
                        type_node.loc,
                        format!("{} is an array but has no `items`", f.what),
                        "say what the array holds, for example `items: string`",
                    );
                    return None;
                }
            }
        } else if let Some(key) = f.key("items") {
            self.sink.error_help(
                key.loc,
                format!("`items` only applies to arrays, and {} is `{name}`", f.what),
                "remove `items`, or make the type `array`",
            );
        }
        let mut c = Constraints::default();
        if let Some(n) = f.get("format") {
            c.format = self.choice(n, "format", &Format::ALL);
        }
        c.pattern = self.optional_string(f, "pattern");
        let count = |r: &mut Self, key: &str| {
            f.get(key)
                .and_then(|n| r.unsigned(n, &format!("`{key}` of {}", f.what)))
        };
        c.min_length = count(self, "min_length");
        c.max_length = count(self, "max_length");
        c.min_items = count(self, "min_items");
        c.max_items = count(self, "max_items");
        c.minimum = f
            .get("minimum")
            .and_then(|n| self.number(n, &format!("`minimum` of {}", f.what)));
        c.maximum = f
            .get("maximum")
            .and_then(|n| self.number(n, &format!("`maximum` of {}", f.what)));
        c.unique_items = self.boolean(f, "unique_items").unwrap_or(false);
        c.min_duration = self.duration(f, "min_duration");
        c.max_duration = self.duration(f, "max_duration");
        Some(Schema {
            ty,
            constraints: c,
            loc,
            locs: f.locs(),
        })
    }

    pub(super) fn duration(&mut self, f: &Fields, key: &str) -> Option<Duration> {
        let node = f.get(key)?;
        let text = self.string(node, &format!("`{key}` of {}", f.what))?;
        let d = Duration::parse(&text);
        if d.is_none() {
            self.sink.error_help(
                node.loc,
                format!("`{text}` is not a `d:hh:mm` duration"),
                "days without padding, hours and minutes with two digits, for example \"0:00:05\"",
            );
        }
        d
    }

    // ---- rules, advice, conditions --------------------------------------------------
}
