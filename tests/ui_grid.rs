//! The scoring grid at the meeting's real sizes (6, 12 and 30 members on 1280×720
//! and 1366×768 screens): a sheet typed from the first cell to the last with the
//! keyboard alone, several keys to a frame, refused values among them. After every
//! frame the cell being typed in, its member's name and its criterion are in view;
//! at the end every stored value is the one typed for its cell, and every refused
//! cell holds nothing.

use eframe::egui::{self, Key, Modifiers, accesskit::Role};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use std::path::{Path, PathBuf};
use thidua::model::points::Points;
use thidua::store::MeetingFile;

mod ui_common;
use ui_common::{App, app_at, in_one_frame, key, key_with, meeting, typed};

const WARDS: [&str; 30] = [
    "Hoàn Kiếm",
    "Cửa Nam",
    "Ba Đình",
    "Ngọc Hà",
    "Giảng Võ",
    "Đống Đa",
    "Văn Miếu - Quốc Tử Giám",
    "Ô Chợ Dừa",
    "Láng",
    "Kim Liên",
    "Hai Bà Trưng",
    "Vĩnh Tuy",
    "Bạch Mai",
    "Tây Hồ",
    "Phú Thượng",
    "Cầu Giấy",
    "Nghĩa Đô",
    "Yên Hòa",
    "Thanh Xuân",
    "Khương Đình",
    "Phương Liệt",
    "Hoàng Mai",
    "Vĩnh Hưng",
    "Tương Mai",
    "Định Công",
    "Hoàng Liệt",
    "Yên Sở",
    "Long Biên",
    "Bồ Đề",
    "Việt Hưng",
];

/// `members` wards, two groups of five items with names as long as real ones,
/// a bonus and a deduction.
fn config(members: usize) -> serde_json::Value {
    let members: Vec<serde_json::Value> = WARDS[..members]
        .iter()
        .enumerate()
        .map(|(i, short)| {
            serde_json::json!({"id": format!("p{i:02}"), "name": format!("Ủy ban MTTQ Việt Nam phường {short}"), "short": short})
        })
        .collect();
    let items = |g: usize| -> Vec<serde_json::Value> {
        (1..=5)
            .map(|i| {
                serde_json::json!({"id": format!("{g}.{i}"), "name": format!("Tổ chức tuyên truyền, vận động nhân dân thực hiện nội dung số {i} của nhóm {g}, có báo cáo kết quả đúng hạn"), "max": 4 + i, "step": 0.5})
            })
            .collect()
    };
    serde_json::json!({
        "format": "thidua.cluster/1",
        "cluster": {"id": "cum-30", "name": "Cụm thi đua thử", "organizer": "Ủy ban MTTQ Việt Nam thành phố Hà Nội", "year": 2025, "member_label": "phường"},
        "members": members,
        "criteria": [
            {"id": "1", "name": "Công tác tuyên truyền", "items": items(1)},
            {"id": "2", "name": "Công tác giám sát, phản biện xã hội", "items": items(2)}
        ],
        "adjustments": [
            {"id": "b1", "kind": "bonus", "name": "Mô hình mới, cách làm hay", "max": 3, "step": 0.5},
            {"id": "d1", "kind": "deduction", "name": "Chậm gửi báo cáo", "max": 2, "step": 0.5}
        ]
    })
}

/// A meeting file made from `config`, every member present.
fn meeting_file(dir: &Path, config: &serde_json::Value) -> PathBuf {
    let path = dir.join("hoi-nghi.thidua");
    let bytes = serde_json::to_vec_pretty(config).unwrap();
    MeetingFile::create(&path, &bytes, "2025-12-20T08:00:00+07:00").unwrap();
    path
}

fn open(dir: &Path, file: PathBuf, size: egui::Vec2) -> App {
    let mut h = app_at(dir, Some(file), size.x, size.y);
    h.run();
    assert!(h.state().meeting.is_some(), "the meeting opened");
    h
}

/// A small deterministic generator (seeded), so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

/// Every cell of the shown sheet, row by row, as (target, cell).
fn tab_order(h: &App) -> Vec<(usize, usize)> {
    let m = meeting(h);
    thidua::model::typing::SheetLayout::new(m.config(), m.delegate)
        .keys()
        .collect()
}

fn label(h: &App, key: (usize, usize)) -> String {
    thidua::ui::grid::cell_label(meeting(h).config(), key, thidua::text::Lang::Vi)
}

fn criterion(h: &App, cell: usize) -> String {
    let c = meeting(h).config();
    let id = &c.cells[cell].id;
    c.groups
        .iter()
        .flat_map(|g| &g.items)
        .find(|i| &i.id == id)
        .map(|i| format!("{} {}", i.id, i.name))
        .or_else(|| {
            c.adjustments
                .iter()
                .find(|a| &a.id == id)
                .map(|a| a.name.clone())
        })
        .unwrap()
}

fn inside(outer: egui::Rect, inner: egui::Rect) -> bool {
    outer.expand(0.5).contains_rect(inner)
}

/// The cell being typed in has the keyboard and lies whole inside the grid's view,
/// with its member's name above it and its criterion beside it, both in view.
fn assert_in_view(h: &App, key: (usize, usize), when: &str) {
    let grid = h.get_by_role_and_label(Role::Grid, "Bảng chấm điểm").rect();
    let focused = h.get_by(|n| n.is_focused());
    assert_eq!(
        focused.accesskit_node().label().as_deref(),
        Some(label(h, key).as_str()),
        "{when}: the keyboard is in the cell being typed"
    );
    let cell = focused.rect();
    assert!(inside(grid, cell), "{when}: {cell:?} inside {grid:?}");
    let short = meeting(h).config().members[key.0].short.clone();
    let head = h.get_by_role_and_label(Role::ColumnHeader, &short).rect();
    assert!(
        head.left() >= grid.left() - 0.5 && head.right() <= grid.right() + 0.5,
        "{when}: {short}'s name in view"
    );
    assert!(
        head.x_range().contains(cell.center().x),
        "{when}: over its cell"
    );
    assert!(
        head.bottom() <= grid.top() + 0.5,
        "{when}: names stay on top"
    );
    let name = criterion(h, key.1);
    let row = h.get_by_role_and_label(Role::RowHeader, &name).rect();
    assert!(
        row.top() >= grid.top() - 0.5 && row.bottom() <= grid.bottom() + 0.5,
        "{when}: criterion {name} in view"
    );
    assert!(
        row.y_range().contains(cell.center().y),
        "{when}: beside its cell"
    );
    assert!(
        row.right() <= grid.left() + 0.5,
        "{when}: criteria stay on the left"
    );
}

fn score(h: &App, (target, cell): (usize, usize)) -> Option<Points> {
    let m = meeting(h);
    m.session().score(m.delegate, target, cell)
}

/// What to type for one cell: a valid value, or a refused one.
fn paper_value(rng: &mut Lcg, max: i64, refuse: bool) -> (String, Option<Points>) {
    if refuse {
        let text = match rng.next(3) {
            0 => format!("{}", max / 100 + 1 + rng.next(20) as i64),
            1 => "1,25".to_string(),
            _ => "9..".to_string(),
        };
        return (text, None);
    }
    let halves = rng.next((max / 50 + 1) as u64) as i64;
    let p = Points(halves * 50);
    let text = if rng.next(2) == 0 {
        p.display(',')
    } else {
        p.display('.')
    };
    (text, Some(p))
}

/// Types a whole sheet in Tab order, `chunk` decides how many keys go to a frame;
/// `refused` are the places (in Tab order) given a value the sheet refuses.
fn type_whole_sheet(h: &mut App, rng: &mut Lcg, refused: &[usize]) {
    let order = tab_order(h);
    let mut expected = Vec::new();
    let mut keys: Vec<(egui::Event, Option<usize>)> = Vec::new();
    for (n, &key) in order.iter().enumerate() {
        let max = meeting(h).config().cells[key.1].max.0;
        let (text, value) = paper_value(rng, max, refused.contains(&n));
        expected.push((key, value));
        for e in typed(&text) {
            keys.push((e, None));
        }
        // After this Tab the cursor is in the next cell.
        keys.push((
            egui::Event::Key {
                key: Key::Tab,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: Modifiers::NONE,
            },
            Some(n + 1),
        ));
    }
    assert_in_view(h, order[0], "at the start");
    let mut at = 0;
    let mut cursor = 0;
    while at < keys.len() {
        let take = (1 + rng.next(8) as usize).min(keys.len() - at);
        let frame: Vec<egui::Event> = keys[at..at + take].iter().map(|k| k.0.clone()).collect();
        if let Some(next) = keys[at..at + take].iter().filter_map(|k| k.1).next_back() {
            cursor = next.min(order.len() - 1);
        }
        at += take;
        in_one_frame(h, frame);
        assert_in_view(h, order[cursor], &format!("after key {at}"));
    }
    for (key, value) in expected {
        assert_eq!(score(h, key), value, "{}", label(h, key));
    }
    let m = meeting(h);
    let refused_cells = h.state().grid.refused_cells(m.delegate);
    let mut wanted: Vec<(usize, usize)> = refused.iter().map(|&n| order[n]).collect();
    wanted.sort();
    assert_eq!(
        refused_cells, wanted,
        "exactly the refused values are kept as refused"
    );
}

#[test]
fn a_30_member_sheet_typed_with_keys_only_at_1280x720() {
    let dir = tempfile::tempdir().unwrap();
    let file = meeting_file(dir.path(), &config(30));
    let mut h = open(dir.path(), file, egui::vec2(1280.0, 720.0));
    let mut rng = Lcg(0x7d1a_2025);
    let cells = tab_order(&h).len();
    assert_eq!(cells, 29 * 12);
    let mut refused: Vec<usize> = Vec::new();
    while refused.len() < 10 {
        let n = rng.next(cells as u64) as usize;
        if !refused.contains(&n) {
            refused.push(n);
        }
    }
    type_whole_sheet(&mut h, &mut rng, &refused);
    // The last Tab went past the end: the cursor stays in the last cell.
    assert!(h.query_by_label_contains("ô cuối cùng").is_some());
}

#[test]
fn six_and_twelve_member_sheets_at_1366x768() {
    for members in [6, 12] {
        let dir = tempfile::tempdir().unwrap();
        let file = meeting_file(dir.path(), &config(members));
        let mut h = open(dir.path(), file, egui::vec2(1366.0, 768.0));
        let mut rng = Lcg(members as u64);
        type_whole_sheet(&mut h, &mut rng, &[3, 17]);
    }
}

/// The paper case from the meeting: the 12-ward sample's first three criteria
/// copied from a paper sheet with Tab, 18 of the 36 values above the row's maximum.
/// Every valid value lands in its own cell; the refused ones stay empty.
#[test]
fn a_paper_sheet_with_18_refused_values_lands_cell_for_cell() {
    for keys_per_frame in [1, 3, 80] {
        let dir = tempfile::tempdir().unwrap();
        let config = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/cum-phuong-2025/cluster.json"),
        )
        .unwrap();
        let path = dir.path().join("phuong.thidua");
        MeetingFile::create(&path, &config, "2025-12-20T08:00:00+07:00").unwrap();
        let mut h = open(dir.path(), path, egui::vec2(1280.0, 720.0));
        let order: Vec<(usize, usize)> = tab_order(&h).into_iter().take(36).collect();
        let mut expected = Vec::new();
        let mut events = Vec::new();
        for (n, &key) in order.iter().enumerate() {
            let max = meeting(&h).config().cells[key.1].max;
            // Every other value is above the maximum.
            let (text, value) = if n % 2 == 1 {
                (Points(max.0 + 100 * (n as i64 % 3 + 1)).display(','), None)
            } else {
                let v = Points((n as i64 * 50) % (max.0 + 50));
                (v.display(','), Some(v))
            };
            expected.push((key, value));
            events.extend(typed(&text));
            events.push(key_tab());
        }
        for frame in events.chunks(keys_per_frame) {
            in_one_frame(&mut h, frame.to_vec());
        }
        for (key, value) in &expected {
            assert_eq!(
                score(&h, *key),
                *value,
                "{} ({keys_per_frame} keys a frame)",
                label(&h, *key)
            );
        }
        let refused = h.state().grid.refused_cells(meeting(&h).delegate);
        assert_eq!(refused.len(), 18);
        // The next cell (1.4, first member) has the keyboard: nothing shifted.
        let next = tab_order(&h)[36];
        assert_in_view(&h, next, "after the paper sheet");
    }
}

fn key_tab() -> egui::Event {
    key(Key::Tab)
}

/// A refused cell keeps what was typed, in red, with its reason; over a saved value
/// it leaves the saved value committed. Esc gives the saved value back and keeps the
/// keyboard in the grid.
#[test]
fn a_refused_cell_keeps_its_text_and_reason_and_the_saved_value_stays() {
    let dir = tempfile::tempdir().unwrap();
    let file = meeting_file(dir.path(), &config(6));
    let mut h = open(dir.path(), file, egui::vec2(1280.0, 720.0));
    let order = tab_order(&h);
    // 1.1 (max 5) for the first two members: 4 is saved; then 7 over it, and 9 in
    // the next cell, are refused.
    in_one_frame(
        &mut h,
        [typed("4"), vec![key_with(Key::Tab, Modifiers::SHIFT)]].concat(),
    );
    assert_eq!(score(&h, order[0]), Some(Points(400)));
    in_one_frame(
        &mut h,
        [
            typed("7"),
            vec![key(Key::Tab)],
            typed("9"),
            vec![key(Key::Tab)],
            typed("3"),
            vec![key(Key::Tab)],
        ]
        .concat(),
    );
    assert_eq!(
        score(&h, order[0]),
        Some(Points(400)),
        "the saved 4 stays committed"
    );
    assert_eq!(score(&h, order[1]), None);
    assert_eq!(
        score(&h, order[2]),
        Some(Points(300)),
        "the 3 landed where it was typed"
    );
    for (key, text) in [(order[0], "7"), (order[1], "9")] {
        let name = label(&h, key);
        let node = h.get_by_role_and_label(Role::TextInput, &name);
        assert_eq!(node.value().as_deref(), Some(text), "the typed text stays");
        let reason = node.accesskit_node().description().unwrap_or_default();
        assert!(reason.contains("vượt điểm tối đa 5"), "{reason}");
        let refusal = h
            .state()
            .grid
            .refusal(meeting(&h).delegate, key)
            .cloned()
            .unwrap();
        assert_eq!(refusal.text, text);
    }
    // Red: the grid draws a refused cell in the error colours (see paint.rs); the
    // line above the grid names the cell, the value kept and why.
    in_one_frame(
        &mut h,
        vec![
            key_with(Key::Tab, Modifiers::SHIFT),
            key_with(Key::Tab, Modifiers::SHIFT),
            key_with(Key::Tab, Modifiers::SHIFT),
        ],
    );
    assert_in_view(&h, order[0], "back on the first cell");
    assert!(
        h.query_by_label_contains(
            "Không nhận “7” ở ô 1.1 cho Cửa Nam: vượt điểm tối đa 5. Ô này vẫn giữ điểm đã lưu 4"
        )
        .is_some()
    );
    // Another delegate's sheet and back: the refused cells are still there.
    in_one_frame(&mut h, vec![key_with(Key::PageDown, Modifiers::COMMAND)]);
    assert_eq!(meeting(&h).delegate, 1);
    assert!(h.state().grid.refused_cells(1).is_empty());
    in_one_frame(&mut h, vec![key_with(Key::PageUp, Modifiers::COMMAND)]);
    assert_eq!(meeting(&h).delegate, 0);
    assert_eq!(h.state().grid.refused_cells(0), vec![order[0], order[1]]);
    // The sheet opens at its first cell without a saved value: the refused 9.
    assert_in_view(&h, order[1], "back on the sheet");
    in_one_frame(&mut h, vec![key_with(Key::Tab, Modifiers::SHIFT)]);
    // Submitting names the refused cells.
    in_one_frame(&mut h, vec![key_with(Key::Enter, Modifiers::COMMAND)]);
    assert!(!h.state().grid.confirm_submit);
    assert!(
        h.query_by_label_contains(
            "Chưa nộp được phiếu: 2 ô có điểm bị từ chối (1.1 cho Cửa Nam, 1.1 cho Ba Đình)"
        )
        .is_some()
    );
    // Esc: the saved 4 again, the keyboard still in the grid, typing goes on there.
    in_one_frame(&mut h, vec![key(Key::Escape)]);
    assert!(
        h.state()
            .grid
            .refusal(meeting(&h).delegate, order[0])
            .is_none()
    );
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, &label(&h, order[0]))
            .value()
            .as_deref(),
        Some("4")
    );
    in_one_frame(&mut h, [typed("2,5"), vec![key(Key::Tab)]].concat());
    assert_eq!(score(&h, order[0]), Some(Points(250)));
    assert_in_view(&h, order[1], "after Esc and a value");
}

/// Ctrl+Enter right after the last value, before leaving its cell: the value is
/// saved first and counted, so the sheet is complete and the question is asked.
#[test]
fn submitting_right_after_the_last_value_counts_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = meeting_file(dir.path(), &config(2));
    let mut h = open(dir.path(), file, egui::vec2(1280.0, 720.0));
    let mut events = Vec::new();
    for n in 0..10 {
        events.extend(typed("3"));
        if n < 9 {
            events.push(key(Key::Tab));
        }
    }
    events.push(key_with(Key::Enter, Modifiers::COMMAND));
    in_one_frame(&mut h, events);
    h.run();
    let (filled, total) = meeting(&h).session().progress(0);
    assert_eq!((filled, total), (10, 10));
    assert!(
        h.state().grid.confirm_submit,
        "the question, not a complaint"
    );
}

/// Another page and back (by key or click): the grid has the keyboard again, in
/// the cell it was in.
#[test]
fn the_keyboard_comes_back_to_the_grid_after_another_page() {
    let dir = tempfile::tempdir().unwrap();
    let file = meeting_file(dir.path(), &config(6));
    let mut h = open(dir.path(), file, egui::vec2(1280.0, 720.0));
    let order = tab_order(&h);
    in_one_frame(&mut h, [typed("4"), vec![key(Key::Tab)]].concat());
    in_one_frame(&mut h, vec![key(Key::F3)]);
    in_one_frame(&mut h, vec![key(Key::F2)]);
    in_one_frame(&mut h, [typed("3"), vec![key(Key::Tab)]].concat());
    h.get_by_label("Tổng hợp").click();
    h.run();
    h.get_by_label("Chấm điểm").click();
    h.run();
    in_one_frame(&mut h, [typed("2"), vec![key(Key::Tab)]].concat());
    assert_eq!(score(&h, order[0]), Some(Points(400)));
    assert_eq!(score(&h, order[1]), Some(Points(300)));
    assert_eq!(score(&h, order[2]), Some(Points(200)));
    assert_in_view(&h, order[3], "back from another page");
}
