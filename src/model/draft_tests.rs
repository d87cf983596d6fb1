use super::*;
use std::path::Path;

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample-data")
            .join(name)
            .join("cluster.json"),
    )
    .unwrap()
}

#[test]
fn an_unchanged_sample_is_written_back_byte_for_byte() {
    for name in ["ha-noi-cum-1-2024", "cum-phuong-2025"] {
        let bytes = sample(name);
        let draft = ConfigDraft::from_bytes(&bytes).unwrap();
        assert_eq!(
            String::from_utf8(draft.to_bytes()).unwrap(),
            String::from_utf8(bytes).unwrap()
        );
    }
}

#[test]
fn fields_are_written_in_the_documented_order_whatever_order_they_were_set_in() {
    let mut draft = ConfigDraft::new(2026);
    let members = FieldPath::root().key("members");
    draft.push(&members, serde_json::json!({}));
    let m = members.at(0);
    draft.set_text(&m.key("short"), "Ba Đình", FieldKind::OptionalText);
    draft.set_text(&m.key("name"), "Quận Ba Đình", FieldKind::Text);
    draft.set_text(&m.key("id"), "ba-dinh", FieldKind::Text);
    let text = String::from_utf8(draft.to_bytes()).unwrap();
    let (id, name, short) = (
        text.find("\"id\": \"ba-dinh\"").unwrap(),
        text.find("\"name\": \"Quận Ba Đình\"").unwrap(),
        text.find("\"short\"").unwrap(),
    );
    assert!(id < name && name < short, "{text}");
}

#[test]
fn typed_numbers_become_numbers_and_words_stay_for_the_loader_to_name() {
    let mut draft = ConfigDraft::new(2026);
    let path = FieldPath::parse("classes[0].min");
    draft.push(&FieldPath::root().key("classes"), serde_json::json!({}));
    for (typed, json) in [
        ("9,5", "9.5"),
        ("9.5", "9.5"),
        (" 10 ", "10"),
        ("0,25", "0.25"),
        ("mười", "\"mười\""),
        ("1e3", "\"1e3\""),
    ] {
        draft.set_text(&path, typed, FieldKind::Number { optional: false });
        assert_eq!(draft.get(&path).unwrap().to_string(), json, "{typed}");
    }
    assert_eq!(draft.text(&FieldPath::parse("cluster.year"), ','), "2026");
    draft.set_text(&path, "9.5", FieldKind::Number { optional: false });
    assert_eq!(draft.text(&path, ','), "9,5");
    // An optional number left empty leaves the file.
    let count = FieldPath::parse("commendations[0].max_count");
    draft.push(
        &FieldPath::root().key("commendations"),
        serde_json::json!({}),
    );
    draft.set_text(&count, "2", FieldKind::Number { optional: true });
    assert!(draft.get(&count).is_some());
    draft.set_text(&count, "", FieldKind::Number { optional: true });
    assert!(draft.get(&count).is_none());
}

#[test]
fn paths_read_and_print_like_the_loaders() {
    for text in [
        "criteria[1].items[3].step",
        "cluster.year",
        "tie_break[0]",
        "members",
    ] {
        assert_eq!(FieldPath::parse(text).to_string(), text);
    }
}

#[test]
fn the_problems_are_the_loaders_at_the_same_paths() {
    let mut draft = ConfigDraft::from_bytes(&sample("ha-noi-cum-1-2024")).unwrap();
    assert!(draft.check().is_ok());
    let step = FieldPath::parse("criteria[0].items[1].step");
    draft.set_text(&step, "0,4", FieldKind::Number { optional: false });
    let problems = draft.check().unwrap_err();
    assert_eq!(problems.0.len(), 1);
    assert_eq!(problems.0[0].path, step.to_string());
}

#[test]
fn the_maximum_total_follows_the_items() {
    let mut draft = ConfigDraft::from_bytes(&sample("ha-noi-cum-1-2024")).unwrap();
    let config = draft.check().unwrap();
    assert_eq!(draft.max_total(), config.max_total());
    let max = FieldPath::parse("criteria[0].items[0].max");
    let before = draft.max_total();
    draft.set_text(&max, "7", FieldKind::Number { optional: false });
    assert_eq!(draft.max_total().0, before.0 + 100);
}

#[test]
fn lists_grow_shrink_and_reorder() {
    let mut draft = ConfigDraft::new(2026);
    let classes = FieldPath::root().key("classes");
    for id in ["a", "b", "c"] {
        draft.push(&classes, serde_json::json!({ "id": id }));
    }
    assert!(draft.move_entry(&classes, 2, 0));
    assert!(draft.remove_at(&classes, 1));
    let ids: Vec<String> = (0..draft.len(&classes))
        .map(|i| draft.text(&classes.at(i).key("id"), '.'))
        .collect();
    assert_eq!(ids, ["c", "b"]);
    assert!(!draft.move_entry(&classes, 0, 5));
}

#[test]
fn next_years_config_has_the_next_year_and_the_agreed_head_and_deputy() {
    let draft = ConfigDraft::from_bytes(&sample("ha-noi-cum-1-2024")).unwrap();
    let next = draft.for_next_year(Some(("long-bien", "hoang-mai")));
    let config = next.check().unwrap();
    assert_eq!(config.cluster.year, 2025);
    let role = |id: &str| config.members[config.member(id).unwrap()].role;
    use crate::model::config::Role;
    assert_eq!(role("long-bien"), Role::Head);
    assert_eq!(role("hoang-mai"), Role::Deputy);
    assert_eq!(
        config
            .members
            .iter()
            .filter(|m| m.role != Role::Member)
            .count(),
        2
    );
}

#[test]
fn ids_from_vietnamese_names() {
    assert_eq!(slug("Văn Miếu - Quốc Tử Giám"), "van-mieu-quoc-tu-giam");
    assert_eq!(slug("Đống Đa"), "dong-da");
    assert_eq!(slug("  Ô Chợ Dừa "), "o-cho-dua");
    assert_eq!(slug("Phường 12"), "phuong-12");
}

#[test]
fn a_file_with_a_field_written_twice_is_for_a_text_editor() {
    let bytes = br#"{"format": "thidua.cluster/1", "format": "x"}"#;
    let problems = ConfigDraft::from_bytes(bytes).unwrap_err();
    assert!(matches!(problems.0[0].issue, Issue::DuplicateKey));
    assert!(ConfigDraft::from_bytes(b"{").is_err());
}

#[test]
fn every_broken_config_that_opens_shows_the_loaders_problems() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-configs");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut opened = 0;
    let mut differ = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let from_file = Config::from_bytes(&bytes).unwrap_err();
        let Ok(draft) = ConfigDraft::from_bytes(&bytes) else {
            continue;
        };
        opened += 1;
        let in_editor = draft.check().unwrap_err();
        let said = |p: &Problems| -> Vec<String> {
            p.0.iter()
                .map(|p| format!("{}: {}", p.path, p.issue.text(crate::text::Lang::Vi)))
                .collect()
        };
        if said(&from_file) != said(&in_editor) {
            differ.push(format!(
                "{}:\n  file:   {:?}\n  editor: {:?}",
                file.display(),
                said(&from_file),
                said(&in_editor)
            ));
        }
    }
    println!(
        "{opened} of {} broken configs open in the editor",
        files.len()
    );
    assert!(opened >= 60, "{opened} of {} opened", files.len());
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn a_block_of_lines_is_a_list_of_lines() {
    let mut draft = ConfigDraft::new(2026);
    let header = FieldPath::parse("cluster.document_header");
    draft.set_text(&header, "ỦY BAN MTTQ\r\nCỤM SỐ 1\n", FieldKind::Lines);
    assert_eq!(
        draft.get(&header).unwrap(),
        &serde_json::json!(["ỦY BAN MTTQ", "CỤM SỐ 1"])
    );
    assert_eq!(draft.text(&header, ','), "ỦY BAN MTTQ\nCỤM SỐ 1");
    draft.set_text(&header, "  ", FieldKind::Lines);
    assert_eq!(draft.get(&header).unwrap(), &serde_json::json!([]));
}

#[test]
fn a_new_members_id_follows_its_name_and_a_used_one_stays() {
    let mut draft = ConfigDraft::new(2026);
    let members = FieldPath::root().key("members");
    draft.push(
        &members,
        serde_json::json!({"id": "", "name": "", "short": ""}),
    );
    let m = members.at(0);
    for (typed, free, id) in [
        ("Ba", true, "ba"),
        ("Ba Đình", true, "ba-dinh"),
        ("Ba Đình cũ", false, "ba-dinh"),
    ] {
        let before = draft.member_label(&m);
        draft.set_text(&m.key("short"), typed, FieldKind::OptionalText);
        draft.keep_id_with_name(&m, &before, free);
        assert_eq!(draft.text(&m.key("id"), '.'), id, "{typed}");
    }
    // An id someone wrote stays in a new cluster too.
    draft.set_text(&m.key("id"), "bd", FieldKind::Text);
    let before = draft.member_label(&m);
    draft.set_text(&m.key("short"), "Ba Đình mới", FieldKind::OptionalText);
    draft.keep_id_with_name(&m, &before, true);
    assert_eq!(draft.text(&m.key("id"), '.'), "bd");
}

#[test]
fn paths_under_a_place() {
    assert!(is_under("members[2].id", "members"));
    assert!(is_under("members[2].id", "members[2]"));
    assert!(is_under("members", "members"));
    assert!(!is_under("members[2].id", "member"));
    assert!(!is_under("members[12].id", "members[1]"));
}

#[test]
fn a_version_two_sample_is_written_back_byte_for_byte() {
    let bytes = sample("cum-347-2025");
    let draft = ConfigDraft::from_bytes(&bytes).unwrap();
    let written = String::from_utf8(draft.to_bytes()).unwrap();
    let original = String::from_utf8(bytes).unwrap();
    if written != original {
        let at = written
            .chars()
            .zip(original.chars())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        let from = at.saturating_sub(200);
        panic!(
            "differs at {at}:\nwritten: {}\noriginal: {}",
            &written.chars().skip(from).take(400).collect::<String>(),
            &original.chars().skip(from).take(400).collect::<String>()
        );
    }
}
