//! Where a value can be broken: every node of a valid value with the shape it was drawn
//! for, and its path, so a mutation can edit the node and name it by its pointer.

use serde_json::Value;

use super::object_desc;
use crate::desc::Shape;
use crate::pointer::escape_token;

/// One step of a path: a member or an item.
#[derive(Debug, Clone)]
pub(super) enum Seg {
    Key(String),
    Index(usize),
}

/// A node of the value with its shape.
pub(super) struct Site {
    pub(super) path: Vec<Seg>,
    pub(super) shape: &'static Shape,
}

pub(super) fn pointer_of(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        out.push('/');
        match seg {
            Seg::Key(k) => out.push_str(&escape_token(k)),
            Seg::Index(i) => out.push_str(&i.to_string()),
        }
    }
    out
}

pub(super) fn at_mut<'v>(value: &'v mut Value, path: &[Seg]) -> Option<&'v mut Value> {
    let mut here = value;
    for seg in path {
        here = match (seg, here) {
            (Seg::Key(k), Value::Object(map)) => map.get_mut(k)?,
            (Seg::Index(i), Value::Array(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(here)
}

pub(super) fn collect_sites(
    shape: &'static Shape,
    value: &Value,
    path: &mut Vec<Seg>,
    out: &mut Vec<Site>,
) {
    out.push(Site {
        path: path.clone(),
        shape,
    });
    match (shape, value) {
        (Shape::Array(a), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                collect_sites(a.items, item, path, out);
                path.pop();
            }
        }
        (Shape::Object(_), Value::Object(map)) => {
            let Some(desc) = object_desc(shape) else {
                return;
            };
            for (key, item) in map {
                if let Some(m) = desc.members.iter().find(|m| m.name == key) {
                    path.push(Seg::Key(key.clone()));
                    collect_sites(&m.shape, item, path, out);
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

pub(super) fn at_path<'v>(value: &'v Value, path: &[Seg]) -> &'v Value {
    let mut here = value;
    for seg in path {
        let next = match (seg, here) {
            (Seg::Key(k), Value::Object(map)) => map.get(k),
            (Seg::Index(i), Value::Array(items)) => items.get(*i),
            _ => None,
        };
        match next {
            Some(n) => here = n,
            None => return here,
        }
    }
    here
}
