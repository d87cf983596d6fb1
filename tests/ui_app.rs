//! The real app, driven by its labels and the keyboard (egui_kittest): open the
//! sample, set up a meeting, score, submit, see the tally, reopen, and find every
//! score again after reopening the file in a new instance.

use eframe::egui::{self, Key, Modifiers, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::Path;
use thidua::model::event::Actor;
use thidua::model::points::Points;
use thidua::model::sheet::{ImportPlan, Sheet, plan_import};
use thidua::ui::{Tab, ThiduaApp};

mod ui_common;
use ui_common::{app, meeting, set_up_sample, type_into};

fn text_input<'a>(h: &'a Harness<'static, ThiduaApp>, label: &'a str) -> egui_kittest::Node<'a> {
    h.get_by_role_and_label(Role::TextInput, label)
}

fn cell_label(item: &str, member: &str) -> String {
    format!("Điểm {item} cho {member}")
}

fn score_of(
    h: &Harness<'static, ThiduaApp>,
    scorer: &str,
    target: &str,
    item: &str,
) -> Option<Points> {
    let meeting = meeting(h);
    let c = meeting.config();
    meeting.session().score(
        c.member(scorer).unwrap(),
        c.member(target).unwrap(),
        c.cell(item).unwrap(),
    )
}

/// Imports the other delegates' sample sheets through the app's own event path.
fn import_other_sheets(h: &mut Harness<'static, ThiduaApp>, except: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/ha-noi-cum-1-2024/sheets");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_stem().is_some_and(|s| s == except) {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let events = {
            let meeting = meeting(h);
            let sheet = Sheet::from_bytes(&bytes, meeting.config()).unwrap();
            match plan_import(meeting.session(), &sheet, "test").unwrap() {
                ImportPlan::Events(events) => events,
                ImportPlan::Unchanged => continue,
            }
        };
        for event in events {
            h.state_mut().record(Actor::Chair, event);
        }
    }
    h.run();
}

#[test]
fn a_delegate_scores_by_keyboard_and_the_tally_follows() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    set_up_sample(&mut h);
    assert_eq!(meeting(&h).delegate, 0, "Ba Đình scores first");

    // 9,5 with a decimal comma is accepted.
    let first = cell_label("1.1", "Hoàng Mai");
    text_input(&h, &first).focus();
    h.run();
    text_input(&h, &first).type_text("3,5");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        score_of(&h, "ba-dinh", "hoang-mai", "1.1"),
        Some(Points(350))
    );
    // Tab moved to the next member's cell in the same row.
    assert!(text_input(&h, &cell_label("1.1", "Hoàn Kiếm")).is_focused());

    // Over the maximum: refused, says why, nothing saved; the cursor moves on as
    // for any cell, and the refused cell keeps what was typed.
    text_input(&h, &cell_label("1.1", "Hoàn Kiếm")).type_text("99");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(score_of(&h, "ba-dinh", "hoan-kiem", "1.1"), None);
    let hoan_kiem = (meeting(&h).config().member("hoan-kiem").unwrap(), 0);
    let refusal = h.state().grid.refusal(0, hoan_kiem).cloned().unwrap();
    assert_eq!(refusal.text, "99");
    let error = refusal.error.text(thidua::text::Lang::Vi);
    assert!(error.contains("vượt điểm tối đa"), "{error}");
    assert!(h.query_by_label_contains("vượt điểm tối đa").is_some());
    assert!(text_input(&h, &cell_label("1.1", "Đống Đa")).is_focused());

    // Back in the cell, Escape gives the old value back; then an off-step value is
    // refused too.
    text_input(&h, &cell_label("1.1", "Hoàn Kiếm")).focus();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().grid.refusal(0, hoan_kiem).is_none());
    text_input(&h, &cell_label("1.1", "Hoàn Kiếm")).type_text("1,25");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(score_of(&h, "ba-dinh", "hoan-kiem", "1.1"), None);
    let refusal = h.state().grid.refusal(0, hoan_kiem).cloned().unwrap();
    assert!(
        refusal
            .error
            .text(thidua::text::Lang::Vi)
            .contains("không chia hết cho bước")
    );
    text_input(&h, &cell_label("1.1", "Hoàn Kiếm")).focus();
    h.run();
    h.key_press(Key::Escape);
    h.run();

    // A keystroke that is not a commit does not recompute the tally.
    let before = meeting(&h).recomputations;
    text_input(&h, &cell_label("1.1", "Hoàn Kiếm")).focus();
    h.run();
    text_input(&h, &cell_label("1.1", "Hoàn Kiếm")).type_text("4");
    h.run();
    assert_eq!(meeting(&h).recomputations, before);
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(meeting(&h).recomputations, before + 1);
    assert_eq!(
        score_of(&h, "ba-dinh", "hoan-kiem", "1.1"),
        Some(Points(400))
    );

    // Submitting an incomplete sheet is not possible.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    assert!(!h.state().grid.confirm_submit);
}

/// Types one whole sheet with the keyboard alone: values, Tab, then Ctrl+Enter and
/// Enter to confirm.
#[test]
fn a_full_meeting_with_the_keyboard_then_reopen_and_reload() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    set_up_sample(&mut h);
    let sheet: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("sample-data/ha-noi-cum-1-2024/sheets/ba-dinh.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let (config, targets) = {
        let m = meeting(&h);
        let c = m.config().clone();
        let targets: Vec<usize> = (1..c.members.len()).collect();
        (c, targets)
    };
    // Row by row (items, then bonus and deduction rows), member by member: Tab order.
    text_input(&h, &cell_label("1.1", "Hoàng Mai")).focus();
    h.run();
    for (c, cell) in config.cells.iter().enumerate() {
        for &t in &targets {
            let value = sheet["scores"][&config.members[t].id][&cell.id].as_f64();
            if let Some(v) = value {
                let text = Points((v * 100.0).round() as i64).display(',');
                let label = thidua::ui::grid::cell_label(&config, (t, c), thidua::text::Lang::Vi);
                assert!(
                    text_input(&h, &label).is_focused(),
                    "focus should be on {label}"
                );
                h.get_by_role_and_label(Role::TextInput, &label)
                    .type_text(&text);
                h.run();
            }
            h.key_press(Key::Tab);
            h.run();
        }
    }
    let (filled, total) = meeting(&h).session().progress(0);
    assert_eq!(filled, total, "every cell was typed");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    assert!(h.state().grid.confirm_submit, "the confirmation asks first");
    h.key_press(Key::Enter);
    h.run();
    assert!(meeting(&h).session().is_submitted(0));
    assert!(h.query_by_label("Đã nộp — phiếu đã khóa").is_some());

    import_other_sheets(&mut h, "ba-dinh");
    h.key_press(Key::F3);
    h.run();
    assert_eq!(h.state().tab, Tab::Tally);
    {
        let m = meeting(&h);
        let first = m.tally.order[0];
        assert_eq!(m.config().members[first].id, "hoang-mai");
        assert_eq!(m.tally.members[first].total.unwrap().to_string(), "97.60");
    }
    assert!(
        h.query_by_label("97,60").is_some(),
        "the total is on screen with a comma"
    );
    assert!(
        h.query_all_by_label_contains("Đã nộp đủ 6/6 phiếu chấm")
            .count()
            >= 1
    );

    // The chair reopens Ba Đình's sheet with a reason.
    h.key_press(Key::F2);
    h.run();
    h.get_by_label("Mở lại phiếu…").click();
    h.run();
    type_into(&mut h, "Lý do", "Đại biểu xin sửa tiêu chí 1.1");
    h.get_by_label("Mở lại phiếu").click();
    h.run();
    assert!(!meeting(&h).session().is_submitted(0));
    assert!(meeting(&h).tally.is_provisional());

    // A new instance opening the same file finds every score.
    let path = h
        .state()
        .meeting
        .as_ref()
        .unwrap()
        .file
        .path()
        .to_path_buf();
    let scores: Vec<_> = {
        let s = meeting(&h).session();
        (0..6)
            .flat_map(|a| (0..6).map(move |b| (a, b)))
            .map(|(a, b)| s.row(a, b).to_vec())
            .collect()
    };
    drop(h);
    let h2 = app(dir.path(), Some(path));
    let s = h2.state().meeting.as_ref().expect("reopened").session();
    let again: Vec<_> = (0..6)
        .flat_map(|a| (0..6).map(move |b| (a, b)))
        .map(|(a, b)| s.row(a, b).to_vec())
        .collect();
    assert_eq!(scores, again);
    assert!(!s.is_submitted(0) && s.is_submitted(1));
}

#[test]
fn a_broken_config_shows_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-configs/93-many-problems.json");
    let h = app(dir.path(), Some(bad));
    assert!(h.state().is_on_start());
    assert!(h.query_by_label_contains("Tệp cấu hình có 7 lỗi").is_some());
    assert!(
        h.query_by_label_contains("criteria[0].items[1].step")
            .is_some()
    );
    assert!(h.query_by_label_contains("tie_break[1]").is_some());
}

#[test]
fn the_path_field_opens_a_file_without_a_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    h.get_by_label("Mở tệp…").click();
    h.run();
    assert!(
        h.query_by_label_contains("Không mở được hộp chọn tệp")
            .is_some()
    );
    let config =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/cum-phuong-2025/cluster.json");
    type_into(&mut h, "Đường dẫn tệp", config.to_str().unwrap());
    h.get_by_label("Mở").click();
    h.run();
    assert!(h.state().is_in_setup());
    assert!(
        h.query_by_label_contains("Cụm thi đua số 1 khối phường")
            .is_some()
    );
}

#[test]
fn no_glyph_is_missing_for_ui_strings_and_sample_data() {
    let dir = tempfile::tempdir().unwrap();
    let h = app(dir.path(), None);
    let mut texts: Vec<String> = Vec::new();
    // The window shows its own words and, in messages, those of the errors.
    use thidua::text::{Lang, errors::E, ui::T};
    for lang in [Lang::Vi, Lang::En] {
        texts.extend(T::ALL.iter().map(|t| t.get(lang).to_string()));
        texts.extend(E::ALL.iter().map(|e| e.get(lang).to_string()));
    }
    for name in ["ha-noi-cum-1-2024", "cum-phuong-2025"] {
        let bytes = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("sample-data")
                .join(name)
                .join("cluster.json"),
        )
        .unwrap();
        let c = thidua::model::Config::from_bytes(&bytes).unwrap();
        texts.push(c.cluster.name.clone());
        texts.push(c.cluster.organizer.clone());
        texts.extend(c.cluster.document_header.iter().cloned());
        texts.extend(c.cluster.note.iter().cloned());
        texts.extend(
            c.members
                .iter()
                .flat_map(|m| [m.name.clone(), m.short.clone()]),
        );
        for g in &c.groups {
            texts.push(g.name.clone());
            texts.extend(
                g.items
                    .iter()
                    .flat_map(|i| [i.name.clone()].into_iter().chain(i.guide.clone())),
            );
        }
        texts.extend(c.adjustments.iter().map(|a| a.name.clone()));
        texts.extend(c.classes.iter().map(|k| k.name.clone()));
        texts.extend(c.commendations.iter().map(|k| k.name.clone()));
    }
    for family in [egui::FontFamily::Proportional, thidua::ui::style::bold()] {
        let font = egui::FontId::new(17.0, family);
        let missing: Vec<char> = h.ctx.fonts_mut(|f| {
            texts
                .iter()
                .flat_map(|t| t.chars())
                .filter(|c| !c.is_control() && !f.has_glyph(&font, *c))
                .collect()
        });
        assert!(missing.is_empty(), "missing glyphs: {missing:?}");
    }
}

#[test]
fn nine_and_a_half_is_typed_with_a_comma_or_a_point() {
    let dir = tempfile::tempdir().unwrap();
    let config = serde_json::json!({
        "format": "thidua.cluster/1",
        "cluster": {"id": "thu", "name": "Cụm thử", "organizer": "MTTQ", "year": 2025, "member_label": "xã"},
        "members": [
            {"id": "a", "name": "Xã An Bình", "short": "An Bình"},
            {"id": "b", "name": "Xã Bình Minh", "short": "Bình Minh"},
            {"id": "c", "name": "Xã Cẩm Giàng", "short": "Cẩm Giàng"}
        ],
        "criteria": [{"id": "1", "name": "Công tác tuyên truyền", "items": [
            {"id": "1.1", "name": "Tuyên truyền", "max": 10, "step": 0.5}]}]
    });
    let path = dir.path().join("cum-thu.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&config).unwrap()).unwrap();
    let mut h = app(dir.path(), Some(path));
    h.get_by_label("Tạo hội nghị").click();
    h.run();
    let first = cell_label("1.1", "Bình Minh");
    text_input(&h, &first).focus();
    h.run();
    text_input(&h, &first).type_text("9,5");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    text_input(&h, &cell_label("1.1", "Cẩm Giàng")).type_text("9.5");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(score_of(&h, "a", "b", "1.1"), Some(Points(950)));
    assert_eq!(score_of(&h, "a", "c", "1.1"), Some(Points(950)));
    // Shown back the Vietnamese way.
    assert_eq!(text_input(&h, &first).value().as_deref(), Some("9,5"));
}
