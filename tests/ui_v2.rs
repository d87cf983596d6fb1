//! Version 2 configs in the window: a delegate types a count and sees the points it
//! gives; the chair enters a figure once and every delegate's sheet shows it; a
//! meeting below its quorum says so and cannot be finalized; a "2/3 of those
//! present" ballot of 11 present asks for 8 votes.

use eframe::egui::{self, Key, accesskit::Role};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use std::path::{Path, PathBuf};
use thidua::model::event::{Actor, Event};
use thidua::model::points::Points;
use thidua::store::MeetingFile;

mod ui_common;
use ui_common::{App, app_at, click_at, in_one_frame, key, key_with, meeting, typed};

const COMMUNES: [&str; 12] = [
    "Bảo Ninh",
    "Quang Phú",
    "Đồng Thuận",
    "Nam Lý",
    "Hải Thành",
    "Đồng Sơn",
    "Bắc Lý",
    "Đức Ninh",
    "Phú Hải",
    "Lộc Ninh",
    "Nghĩa Ninh",
    "Thuận Đức",
];

/// `n` communes; a group with a heading holding a points item and a count, a
/// pass/fail item, a plus/minus item, and an actual against a target the chair
/// enters; a quorum of 2/3 and a flag voted by 2/3 of those present.
fn config(n: usize) -> serde_json::Value {
    let members: Vec<serde_json::Value> = COMMUNES[..n]
        .iter()
        .enumerate()
        .map(|(i, short)| serde_json::json!({"id": format!("x{i:02}"), "name": format!("Công an xã {short}"), "short": short}))
        .collect();
    let targets: serde_json::Map<String, serde_json::Value> = (0..n)
        .map(|i| (format!("x{i:02}"), serde_json::json!(100)))
        .collect();
    serde_json::json!({
        "format": "thidua.cluster/2",
        "cluster": {"id": "cum-thu", "name": "Cụm thi đua thử", "organizer": "Công an tỉnh Quảng Trị", "year": 2025, "member_label": "xã"},
        "members": members,
        "criteria": [
            {"id": "I", "name": "Công tác nghiệp vụ", "items": [
                {"id": "I.1", "name": "Phòng ngừa tội phạm", "cap": 12, "items": [
                    {"id": "1", "name": "Xây dựng kế hoạch", "max": 10, "step": 0.5},
                    {"id": "2", "name": "Mô hình mới được công nhận", "kind": "per_occurrence", "rate": 0.5, "max": 5}
                ]},
                {"id": "3", "name": "Báo cáo đúng hạn", "kind": "pass_fail", "max": 4},
                {"id": "4", "name": "Khen thưởng, phê bình", "kind": "plus_minus", "bonus_rate": 1, "penalty_rate": 0.5, "max_bonus": 3, "max": 5},
                {"id": "5", "name": "Số vụ việc giải quyết", "kind": "target", "formula": "ratio", "max": 10, "targets": targets}
            ]}
        ],
        "classes": [{"id": "xs", "name": "Xuất sắc", "min": 90}, {"id": "k", "name": "Khác", "min": 0}],
        "scoring": {"compare": "percent_of_own_max"},
        "commendations": [{"id": "co", "name": "Cờ thi đua", "max_count": 1,
            "ballot": {"threshold": "2/3", "strict": false, "base": "present"}}],
        "meeting": {"quorum": "2/3"}
    })
}

fn open(dir: &Path, n: usize, width: f32, height: f32) -> App {
    let path: PathBuf = dir.join("hoi-nghi.thidua");
    let bytes = serde_json::to_vec_pretty(&config(n)).unwrap();
    MeetingFile::create(&path, &bytes, "2025-12-18T08:00:00+07:00").unwrap();
    let mut h = app_at(dir, Some(path), width, height);
    h.run();
    assert!(h.state().meeting.is_some(), "the meeting opened");
    h
}

fn label(h: &App, member: usize, cell: &str) -> String {
    let config = meeting(h).config();
    let c = config.cell(cell).unwrap();
    thidua::ui::grid::cell_label(config, (member, c), thidua::text::Lang::Vi)
}

fn value_of(h: &App, role: Role, label: &str) -> String {
    h.get_by_role_and_label(role, label)
        .accesskit_node()
        .value()
        .map(|v| v.to_string())
        .unwrap_or_default()
}

/// Clicks the cell and types `text` then Tab, all in one frame.
fn type_in_cell(h: &mut App, label: &str, text: &str) {
    let at = h
        .get_by_role_and_label(Role::TextInput, label)
        .rect()
        .center();
    let mut events = click_at(at);
    events.extend(typed(text));
    events.push(key(Key::Tab));
    in_one_frame(h, events);
}

#[test]
fn a_delegate_types_a_count_and_sees_the_points_it_gives() {
    for (n, width, height) in [(6, 1280.0, 720.0), (12, 1366.0, 768.0)] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = open(dir.path(), n, width, height);
        let scorer = meeting(&h).delegate;
        let target = (scorer + 1) % n;
        // 3 new models at 0,5 each.
        let count = label(&h, target, "2");
        type_in_cell(&mut h, &count, "3");
        assert_eq!(value_of(&h, Role::TextInput, &count), "3 (1,5 điểm)");
        let m = meeting(&h);
        let c = m.config().cell("2").unwrap();
        assert_eq!(m.session().score(scorer, target, c), Some(Points(300)));
        // 4 praises and 1 reprimand: min(4, 3) − 0,5 = 2,5, shown by the second count.
        let plus = label(&h, target, "4+");
        type_in_cell(&mut h, &plus, "4");
        let minus = label(&h, target, "4-");
        type_in_cell(&mut h, &minus, "1");
        assert_eq!(value_of(&h, Role::TextInput, &minus), "1 (2,5 điểm)");
        // Passed, typed as 1, reads as a word.
        let passed = label(&h, target, "3");
        type_in_cell(&mut h, &passed, "1");
        assert_eq!(value_of(&h, Role::TextInput, &passed), "Đạt");
        // A count with a fraction is refused in its own cell, nothing saved there,
        // and the cell after it is still typed where it belongs.
        let first = label(&h, target, "1");
        let at = h
            .get_by_role_and_label(Role::TextInput, &count)
            .rect()
            .center();
        let mut events = click_at(at);
        events.extend(typed("2,5"));
        events.push(key(Key::Tab));
        in_one_frame(&mut h, events);
        let m = meeting(&h);
        assert_eq!(m.session().score(scorer, target, c), Some(Points(300)));
        assert!(
            h.query_by_label_contains("số lần phải là số nguyên")
                .is_some(),
            "the refusal says why"
        );
        type_in_cell(&mut h, &first, "9,5");
        let one = meeting(&h).config().cell("1").unwrap();
        assert_eq!(
            meeting(&h).session().score(scorer, target, one),
            Some(Points(950))
        );
    }
}

#[test]
fn the_chair_enters_a_figure_once_and_every_delegates_sheet_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(dir.path(), 6, 1280.0, 720.0);
    let member = 1;
    in_one_frame(&mut h, vec![key(Key::F7)]);
    assert!(
        h.query_by_label("Số liệu chủ trì nhập cho từng đơn vị")
            .is_some()
    );
    let cell = label(&h, member, "5");
    // 120 done against a target of 100: the full 10 points.
    type_in_cell(&mut h, &cell, "120");
    let c = meeting(&h).config().cell("5").unwrap();
    assert_eq!(meeting(&h).session().fact(member, c), Some(Points(12_000)));
    assert_eq!(value_of(&h, Role::TextInput, &cell), "120 (10 điểm)");
    // Back in the cell: who entered it, and when, under the grid.
    let at = h
        .get_by_role_and_label(Role::TextInput, &cell)
        .rect()
        .center();
    in_one_frame(&mut h, click_at(at));
    assert!(
        h.query_by_label_contains("Chủ trì nhập lúc").is_some(),
        "who entered it, and when"
    );
    // Every other delegate's sheet shows it, read only, with its points.
    in_one_frame(&mut h, vec![key(Key::F2)]);
    let mut seen = Vec::new();
    for _ in 0..6 {
        let scorer = meeting(&h).delegate;
        if scorer != member {
            assert_eq!(value_of(&h, Role::Cell, &cell), "120 (10 điểm)");
            assert!(
                h.query_by_role_and_label(Role::TextInput, &cell).is_none(),
                "nothing to type there on a delegate's sheet"
            );
            seen.push(scorer);
        }
        in_one_frame(
            &mut h,
            vec![key_with(Key::PageDown, egui::Modifiers::COMMAND)],
        );
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 5, "every other delegate: {seen:?}");
}

#[test]
fn a_meeting_below_its_quorum_says_so_and_cannot_be_finalized() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(dir.path(), 6, 1366.0, 768.0);
    for m in ["x03", "x04", "x05"] {
        h.state_mut().record(
            Actor::Chair,
            Event::Attendance {
                member: m.into(),
                present: false,
            },
        );
    }
    in_one_frame(&mut h, vec![key(Key::F4)]);
    assert!(
        h.query_by_label(
            "Có mặt 3/6 đơn vị: chưa đủ số tối thiểu 4 (2/3 số thành viên); chưa thể chốt kết quả."
        )
        .is_some()
    );
    // Below the fold on a 768-pixel screen: scrolled to, as a person would.
    h.get_by_label("Chốt kết quả hội nghị").scroll_to_me();
    h.run();
    h.get_by_label("Chốt kết quả hội nghị").click();
    h.run();
    assert!(
        h.query_by_label_contains("chỉ có 3/6 đơn vị có mặt, chưa đủ số tối thiểu 4 đơn vị để họp")
            .is_some(),
        "finalizing says why not"
    );
    assert!(!meeting(&h).session().finalized);
    // One more present: the quorum is reached and said so.
    h.state_mut().record(
        Actor::Chair,
        Event::Attendance {
            member: "x03".into(),
            present: true,
        },
    );
    h.run();
    assert!(
        h.query_by_label("Có mặt 4/6 đơn vị: đủ số tối thiểu 4 (2/3 số thành viên) để họp.")
            .is_some()
    );
}

#[test]
fn two_thirds_of_eleven_present_needs_eight_votes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open(dir.path(), 12, 1366.0, 768.0);
    h.state_mut().record(
        Actor::Chair,
        Event::Attendance {
            member: "x11".into(),
            present: false,
        },
    );
    in_one_frame(&mut h, vec![key(Key::F4)]);
    assert!(
        h.query_by_label(
            "Cần số phiếu từ 2/3 số đại biểu có mặt (11) trở lên, tức ít nhất 8 phiếu."
        )
        .is_some()
    );
}

/// Keys faster than frames on a version 2 sheet: a count, a refused count (a
/// fraction) and more values typed across the row in ONE frame. Each value lands in
/// the cell it was typed for; the refused one holds nothing and keeps its text;
/// nothing after it shifts.
#[test]
fn counts_typed_in_one_frame_with_a_refused_one_land_in_their_own_cells() {
    for (n, width, height) in [(12, 1280.0, 720.0), (12, 1366.0, 768.0)] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = open(dir.path(), n, width, height);
        let scorer = meeting(&h).delegate;
        let targets: Vec<usize> = (0..n).filter(|&t| t != scorer).take(4).collect();
        // Tab walks left to right along the row of item 2 (the count).
        let first = label(&h, targets[0], "2");
        let at = h
            .get_by_role_and_label(Role::TextInput, &first)
            .rect()
            .center();
        let mut events = click_at(at);
        for typed_text in ["3", "2,5", "7", "12"] {
            events.extend(typed(typed_text));
            events.push(key(Key::Tab));
        }
        in_one_frame(&mut h, events);
        let m = meeting(&h);
        let c = m.config().cell("2").unwrap();
        let held: Vec<Option<Points>> = targets
            .iter()
            .map(|&t| m.session().score(scorer, t, c))
            .collect();
        assert_eq!(
            held,
            [
                Some(Points(300)),
                None,
                Some(Points(700)),
                Some(Points(1200))
            ],
            "{width}×{height}"
        );
        assert_eq!(
            value_of(&h, Role::TextInput, &label(&h, targets[1], "2")),
            "2,5",
            "the refused text stays in its own cell"
        );
        // 12 occurrences at 0,5 are capped at the item's 5 points.
        assert_eq!(
            value_of(&h, Role::TextInput, &label(&h, targets[3], "2")),
            "12 (5 điểm)"
        );
    }
}
