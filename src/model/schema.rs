//! The cluster config's schema in one place: every object of a `thidua.cluster/N`
//! file, its fields in the documented order, the version each came in, and what
//! each holds. The loader takes the fields it allows from here, the editor's draft
//! the order it writes them in and the shape of what they hold, and the editor's
//! sections are checked against it (a test reads their field names).

/// An object of the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Object {
    Root,
    Cluster,
    Member,
    Group,
    /// An entry of a group's or a heading's `items` that is an item.
    Item,
    /// An entry of `items` that has `items` of its own (version 2).
    Heading,
    Adjustment,
    Scoring,
    Class,
    Commendation,
    Ballot,
    Meeting,
    /// Anything else (a map of targets, a list of ids, a value).
    Other,
}

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    Value,
    One(Object),
    List(Object),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    /// The format version that brought it: 1 or 2.
    pub since: u8,
    pub holds: Holds,
}

const fn v1(key: &'static str) -> Field {
    Field {
        key,
        since: 1,
        holds: Holds::Value,
    }
}

const fn v2(key: &'static str) -> Field {
    Field {
        key,
        since: 2,
        holds: Holds::Value,
    }
}

const fn holding(field: Field, holds: Holds) -> Field {
    Field {
        key: field.key,
        since: field.since,
        holds,
    }
}

const ROOT: &[Field] = &[
    v1("format"),
    holding(v1("cluster"), Holds::One(Object::Cluster)),
    holding(v1("members"), Holds::List(Object::Member)),
    holding(v1("criteria"), Holds::List(Object::Group)),
    holding(v1("adjustments"), Holds::List(Object::Adjustment)),
    holding(v1("scoring"), Holds::One(Object::Scoring)),
    holding(v1("classes"), Holds::List(Object::Class)),
    holding(v1("commendations"), Holds::List(Object::Commendation)),
    v1("tie_break"),
    holding(v2("meeting"), Holds::One(Object::Meeting)),
];
const CLUSTER: &[Field] = &[
    v1("id"),
    v1("name"),
    v1("organizer"),
    v1("year"),
    v1("member_label"),
    v1("document_header"),
    v1("note"),
];
const MEMBER: &[Field] = &[v1("id"), v1("name"), v1("short"), v1("role")];
const GROUP: &[Field] = &[
    v1("id"),
    v1("name"),
    v2("cap"),
    holding(v1("items"), Holds::List(Object::Item)),
];
const ITEM: &[Field] = &[
    v1("id"),
    v1("name"),
    v2("kind"),
    v1("max"),
    v1("step"),
    v2("rate"),
    v2("bonus_rate"),
    v2("penalty_rate"),
    v2("min"),
    v2("max_bonus"),
    v2("formula"),
    v2("targets"),
    v2("decimals"),
    v2("entered_by"),
    v2("not_assigned"),
    v1("guide"),
];
const HEADING: &[Field] = &[
    v2("id"),
    v2("name"),
    v2("cap"),
    holding(v2("items"), Holds::List(Object::Item)),
];
const ADJUSTMENT: &[Field] = &[v1("id"), v1("kind"), v1("name"), v1("max"), v1("step")];
const SCORING: &[Field] = &[
    v1("self"),
    v1("aggregate"),
    v1("trim"),
    v1("decimals"),
    v2("compare"),
];
const CLASS: &[Field] = &[v1("id"), v1("name"), v1("min")];
const COMMENDATION: &[Field] = &[
    v1("id"),
    v1("name"),
    v1("max_count"),
    v1("max_percent"),
    v1("min_class"),
    holding(v1("ballot"), Holds::One(Object::Ballot)),
];
const BALLOT: &[Field] = &[
    v1("threshold_percent"),
    v2("threshold"),
    v1("strict"),
    v1("base"),
    v2("all_must_vote"),
];
const MEETING: &[Field] = &[v2("quorum")];

/// Every field `object` may have, in the documented order (the order files are
/// written in: version 1's fields keep their order among version 2's).
pub fn fields(object: Object) -> &'static [Field] {
    match object {
        Object::Root => ROOT,
        Object::Cluster => CLUSTER,
        Object::Member => MEMBER,
        Object::Group => GROUP,
        Object::Item => ITEM,
        Object::Heading => HEADING,
        Object::Adjustment => ADJUSTMENT,
        Object::Scoring => SCORING,
        Object::Class => CLASS,
        Object::Commendation => COMMENDATION,
        Object::Ballot => BALLOT,
        Object::Meeting => MEETING,
        Object::Other => &[],
    }
}

/// The names of the fields `object` may have in a file of `version`.
pub fn keys(object: Object, version: u8) -> Vec<&'static str> {
    fields(object)
        .iter()
        .filter(|f| f.since <= version)
        .map(|f| f.key)
        .collect()
}

/// Whether `key` of `object` came with version 2.
pub fn is_version_2(object: Object, key: &str) -> bool {
    fields(object).iter().any(|f| f.key == key && f.since >= 2)
}

/// What field `key` of `object` holds (for a list, its entries).
pub fn child(object: Object, key: &str) -> Object {
    match fields(object)
        .iter()
        .find(|f| f.key == key)
        .map(|f| f.holds)
    {
        Some(Holds::One(o) | Holds::List(o)) => o,
        _ => Object::Other,
    }
}

/// An entry of `items` is a heading when it has `items` itself.
pub fn entry_object(has_items: bool) -> Object {
    if has_items {
        Object::Heading
    } else {
        Object::Item
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_one_fields_keep_their_order_among_version_two() {
        for object in [
            Object::Root,
            Object::Group,
            Object::Item,
            Object::Scoring,
            Object::Ballot,
        ] {
            let all = keys(object, 2);
            let first = keys(object, 1);
            let kept: Vec<&str> = all.iter().copied().filter(|k| first.contains(k)).collect();
            assert_eq!(kept, first, "{object:?}");
        }
        assert!(is_version_2(Object::Item, "kind"));
        assert!(!is_version_2(Object::Item, "max"));
        assert_eq!(child(Object::Root, "criteria"), Object::Group);
        assert_eq!(child(Object::Group, "items"), Object::Item);
        assert_eq!(child(Object::Heading, "items"), Object::Item);
    }

    /// The editor names fields in its sections: each name is a field of the schema
    /// (or a member's id under `targets`, which the sections build from the draft).
    #[test]
    fn every_field_the_editor_names_is_in_the_schema() {
        let all: Vec<&str> = [
            Object::Root,
            Object::Cluster,
            Object::Member,
            Object::Group,
            Object::Item,
            Object::Heading,
            Object::Adjustment,
            Object::Scoring,
            Object::Class,
            Object::Commendation,
            Object::Ballot,
            Object::Meeting,
        ]
        .into_iter()
        .flat_map(|o| fields(o).iter().map(|f| f.key))
        .collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
        let mut named = 0;
        for file in ["editor_sections.rs", "editor_items.rs", "editor.rs"] {
            let text = std::fs::read_to_string(root.join(file)).unwrap();
            for part in text.split(".key(\"").skip(1) {
                let key = part.split('"').next().unwrap_or_default();
                assert!(
                    all.contains(&key),
                    "{file}: `{key}` is not a field of the schema"
                );
                named += 1;
            }
            for part in text.split("root(\"").skip(1) {
                let key = part.split('"').next().unwrap_or_default();
                assert!(
                    all.contains(&key),
                    "{file}: `{key}` is not a field of the schema"
                );
                named += 1;
            }
        }
        assert!(named > 50, "only {named} field names found");
    }
}
