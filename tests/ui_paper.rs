//! A paper sheet typed in twice at the chair's laptop: the second entry differs
//! from the first in three cells, the comparison shows exactly those three and
//! nothing goes into the meeting; typed a third time from the paper they agree,
//! and the sheet goes in once, recorded as typed by one person and checked by
//! another. A check code from another config's paper is refused, and an entry half
//! typed survives the app being closed.

use eframe::egui::{Key, accesskit::Role};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use std::path::Path;
use thidua::model::event::Event;
use thidua::model::points::Points;
use thidua::model::typing::SheetLayout;

mod ui_common;
use ui_common::{App, app, in_one_frame, key, meeting, set_up_sample, type_into, typed};

/// Ba Đình's sheet in the sample, as the delegate wrote it on paper: the text for
/// each cell in Tab order.
fn paper(h: &App) -> Vec<String> {
    let sheet: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("sample-data/ha-noi-cum-1-2024/sheets/ba-dinh.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let m = meeting(h);
    let c = m.config();
    SheetLayout::new(c, 0)
        .keys()
        .map(|(t, cell)| {
            sheet["scores"][&c.members[t].id][&c.cells[cell].id]
                .as_f64()
                .map(|v| Points((v * 100.0).round() as i64).display(','))
                .unwrap_or_default()
        })
        .collect()
}

fn start_entry(h: &mut App, typist: &str, code: &str) {
    h.get_by_label("Nhập phiếu giấy…").click();
    h.run();
    type_into(h, "Người nhập", typist);
    if h.query_by_label("Mã kiểm tra in ở chân phiếu").is_some() {
        type_into(h, "Mã kiểm tra in ở chân phiếu", code);
    }
    h.get_by_label("Bắt đầu nhập").click();
    h.run();
}

fn type_entry(h: &mut App, texts: &[String]) {
    let mut events = Vec::new();
    for text in texts {
        events.extend(typed(text));
        events.push(key(Key::Tab));
    }
    // Several cells a frame, as a fast typist delivers them.
    for frame in events.chunks(7) {
        in_one_frame(h, frame.to_vec());
    }
}

fn code(h: &App) -> String {
    meeting(h).config().sha256[..16].to_uppercase()
}

fn paper_events(h: &App) -> usize {
    meeting(h)
        .file
        .records()
        .unwrap()
        .iter()
        .filter(|r| matches!(r.event, Event::PaperSheet { .. }))
        .count()
}

#[test]
fn two_entries_that_differ_in_three_cells_go_in_only_once_they_agree() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    set_up_sample(&mut h);
    let texts = paper(&h);
    let events_before = meeting(&h).file.last_seq();

    let code = code(&h);
    start_entry(&mut h, "Trần Thị Bình", &code);
    assert!(
        h.query_by_label_contains("PHIẾU GIẤY của Ba Đình — lần nhập 1")
            .is_some()
    );
    type_entry(&mut h, &texts);
    h.get_by_label("Xong lần nhập 1").click();
    h.run();
    assert!(
        h.query_by_label_contains("Lần nhập 1 phiếu của Ba Đình đã xong")
            .is_some()
    );
    assert_eq!(
        meeting(&h).file.last_seq(),
        events_before,
        "nothing in the meeting yet"
    );

    // The second person types it again, three cells read differently.
    let mut second = texts.clone();
    second[0] = "5".into();
    second[7] = "1,5".into();
    second[41] = String::new();
    start_entry(&mut h, "Lê Văn Cường", &code);
    assert!(
        h.query_by_label_contains("PHIẾU GIẤY của Ba Đình — lần nhập 2 — người nhập: Lê Văn Cường")
            .is_some()
    );
    // Entry 2 does not show entry 1: its first cell is empty.
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Điểm 1.1 cho Hoàng Mai")
            .value()
            .as_deref(),
        Some("")
    );
    type_entry(&mut h, &second);
    h.get_by_label("Xong lần nhập 2").click();
    h.run();

    // Exactly the three cells, side by side, and nothing committed.
    let keys: Vec<(usize, usize)> = SheetLayout::new(meeting(&h).config(), 0).keys().collect();
    let config = meeting(&h).config().clone();
    let name =
        |k: (usize, usize)| format!("{} cho {}", config.cells[k.1].id, config.members[k.0].short);
    let fields = h.query_all_by(|n| {
        n.label()
            .is_some_and(|l| l.starts_with("Gõ lại ") && n.role() == Role::TextInput)
    });
    let shown: Vec<String> = fields
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect();
    assert_eq!(
        shown,
        [0, 7, 41]
            .iter()
            .map(|&n| format!("Gõ lại {}", name(keys[n])))
            .collect::<Vec<_>>()
    );
    assert!(
        h.query_by_label_contains("3 ô hai lần nhập khác nhau")
            .is_some()
    );
    assert!(
        h.get_by_label("Ghi phiếu vào hội nghị…")
            .accesskit_node()
            .is_disabled(),
        "the sheet cannot go in yet"
    );
    assert_eq!(
        meeting(&h).file.last_seq(),
        events_before,
        "nothing committed"
    );

    // Typed a third time from the paper: they agree with the first entry.
    for n in [0, 7, 41] {
        let field = format!("Gõ lại {}", name(keys[n]));
        if texts[n].is_empty() {
            continue;
        }
        type_into(&mut h, &field, &texts[n]);
    }
    h.run();
    h.get_by_label("Ghi phiếu vào hội nghị…").click();
    h.run();
    assert!(
        h.query_by_label_contains("kiểm tra bởi Lê Văn Cường")
            .is_some()
    );
    h.get_by_label("Ghi phiếu vào hội nghị").click();
    h.run();

    let m = meeting(&h);
    assert!(m.session().is_submitted(0));
    for (k, text) in keys.iter().zip(&texts) {
        assert_eq!(
            m.session().score(0, k.0, k.1),
            Points::parse(text).ok(),
            "{}",
            name(*k)
        );
    }
    assert_eq!(paper_events(&h), 1, "committed once");
    assert!(m.paper.is_empty(), "the draft is gone");
    assert!(
        h.query_by_label_contains("Đã ghi phiếu giấy của Ba Đình")
            .is_some()
    );
    // The audit trail says who typed and who checked.
    let record = meeting(&h)
        .file
        .records()
        .unwrap()
        .into_iter()
        .find(|r| matches!(r.event, Event::PaperSheet { .. }))
        .unwrap();
    let row = thidua::model::history::AuditRow {
        record,
        old: None,
        scorer: Some(0),
        target: None,
    };
    let said = thidua::ui::audit::describe(&row, meeting(&h).config(), thidua::text::Lang::Vi);
    assert!(
        said.contains("Trần Thị Bình nhập, Lê Văn Cường nhập lại để kiểm tra"),
        "{said}"
    );
}

#[test]
fn a_sheet_typed_against_another_configs_check_code_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    set_up_sample(&mut h);
    let other = thidua::model::Config::from_bytes(
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/cum-phuong-2025/cluster.json"),
        )
        .unwrap(),
    )
    .unwrap();
    start_entry(&mut h, "Trần Thị Bình", &other.sha256[..16]);
    assert!(
        h.query_by_label_contains("không khớp với cấu hình")
            .is_some()
    );
    assert!(meeting(&h).paper.is_empty(), "no entry started");
    assert!(h.state().paper.open.is_none());
}

#[test]
fn a_half_typed_entry_survives_closing_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let path = {
        let mut h = app(dir.path(), None);
        set_up_sample(&mut h);
        let texts = paper(&h);
        let code = code(&h);
        start_entry(&mut h, "Trần Thị Bình", &code);
        // Twelve cells, one of them refused (the paper says 12 where 6 is the most).
        let mut some: Vec<String> = texts[..12].to_vec();
        some[3] = "12".into();
        type_entry(&mut h, &some);
        meeting(&h).file.path().to_path_buf()
        // The app goes away here without a word (as in a crash).
    };
    let mut h = app(dir.path(), Some(path));
    h.run();
    let draft = meeting(&h)
        .paper
        .get("ba-dinh")
        .cloned()
        .expect("the draft is there");
    assert_eq!(draft.entries.len(), 1);
    assert_eq!(draft.entries[0].cells.len(), 12);
    h.get_by_label("Nhập phiếu giấy…").click();
    h.run();
    assert!(
        h.query_by_label_contains("Lần nhập 1 đang dở (Trần Thị Bình)")
            .is_some()
    );
    h.get_by_label("Tiếp tục nhập").click();
    h.run();
    let texts = paper(&h);
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Điểm 1.1 cho Hoàng Mai")
            .value()
            .as_deref(),
        Some(texts[0].as_str())
    );
    // The refused cell is refused again, with its text.
    let key = SheetLayout::new(meeting(&h).config(), 0)
        .keys()
        .nth(3)
        .unwrap();
    let c = meeting(&h).config();
    let label = format!("Điểm {} cho {}", c.cells[key.1].id, c.members[key.0].short);
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, &label)
            .value()
            .as_deref(),
        Some("12")
    );
}
