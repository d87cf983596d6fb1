//! The cluster editor driven by its labels and the keyboard, as a secretary would:
//! the 6-district sample built from an empty editor saves to the same bytes as the
//! bundled file and tallies the bundled sheets to the bundled expected tally; every
//! broken config that opens shows the loader's problems; rows move with Alt+arrows.

mod common;
mod ui_common;

use eframe::egui::{self, accesskit::Role};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use serde_json::Value;
use std::path::Path;
use thidua::model::draft::FieldPath;
use ui_common::{App, app, sample_dir};

/// The text field (one line or several) with this accessible name.
fn input<'a>(h: &'a App, label: &'a str) -> egui_kittest::Node<'a> {
    h.query_by_role_and_label(Role::TextInput, label)
        .or_else(|| h.query_by_role_and_label(Role::MultilineTextInput, label))
        .unwrap_or_else(|| panic!("no field named {label:?}"))
}

/// Replaces what the field holds with `text`, typed; "\n" is the Enter key.
fn set(h: &mut App, label: &str, text: &str) {
    input(h, label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Delete);
    h.run();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            h.key_press(egui::Key::Enter);
        }
        if !line.is_empty() {
            input(h, label).type_text(line);
        }
        h.run();
    }
}

/// The editor's section `name` (its entry may show a count of problems after it).
fn section(h: &mut App, name: &str) {
    let wanted = name.to_string();
    h.query_all_by_label_contains(name)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l == wanted || l.starts_with(&format!("{wanted} (")))
        })
        .unwrap_or_else(|| panic!("no section {name:?}"))
        .click_accesskit();
    h.run();
}

/// What a secretary pastes into the field named `label` (Ctrl+V).
fn paste(h: &mut App, label: &str, text: String) {
    input(h, label).focus();
    h.run();
    h.event(egui::Event::Paste(text));
    h.run();
}

fn press(h: &mut App, label: &str) {
    h.get_by_label(label).click_accesskit();
    h.run();
}

/// Opens the choice named `label` and picks `option`.
fn choose(h: &mut App, label: &str, option: &str) {
    h.get_by_role_and_label(Role::ComboBox, label)
        .click_accesskit();
    h.run();
    // The list's own entry, not a closed choice elsewhere showing the same words.
    h.query_all_by_label(option)
        .last()
        .unwrap_or_else(|| panic!("no option {option:?}"))
        .click_accesskit();
    h.run();
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string().replace('.', ","),
        other => other.to_string(),
    }
}

/// Types the whole of `config` (the bundled 6-district sample) into a new cluster.
fn type_cluster(h: &mut App, config: &Value) {
    let c = &config["cluster"];
    set(h, "Tên cụm", &text(&c["name"]));
    set(h, "Mã cụm", &text(&c["id"]));
    set(h, "Cơ quan tổ chức", &text(&c["organizer"]));
    set(h, "Năm", &text(&c["year"]));
    set(
        h,
        "Gọi đơn vị là (quận, phường…)",
        &text(&c["member_label"]),
    );
    let header: Vec<String> = c["document_header"]
        .as_array()
        .unwrap()
        .iter()
        .map(text)
        .collect();
    set(h, "Tiêu đề văn bản (mỗi dòng một dòng)", &header.join("\n"));
    set(h, "Ghi chú", &text(&c["note"]));

    section(h, "Đơn vị thành viên");
    // The names come pasted from a list, as the secretary has them.
    let pasted: Vec<String> = config["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| format!("{}\t{}", text(&m["name"]), text(&m["short"])))
        .collect();
    paste(
        h,
        "Dán danh sách đơn vị: mỗi dòng một đơn vị, tên đầy đủ rồi (tùy chọn) dấu Tab và tên ngắn",
        pasted.join("\n"),
    );
    press(h, "Thêm các đơn vị đã dán");
    for (i, m) in config["members"].as_array().unwrap().iter().enumerate() {
        let role = match m["role"].as_str() {
            Some("head") => "Cụm trưởng",
            Some("deputy") => "Cụm phó",
            _ => continue,
        };
        choose(h, &format!("Đơn vị {}: Vai trò", i + 1), role);
    }

    section(h, "Tiêu chí chấm");
    for (g, group) in config["criteria"].as_array().unwrap().iter().enumerate() {
        press(h, "Thêm nhóm tiêu chí");
        set(
            h,
            &format!("Nhóm {}: Tên nhóm tiêu chí", g + 1),
            &text(&group["name"]),
        );
        for (i, item) in group["items"].as_array().unwrap().iter().enumerate() {
            press(h, &format!("Thêm tiêu chí vào nhóm {}", g + 1));
            let field = |what: &str| format!("Tiêu chí {}.{}: {what}", g + 1, i + 1);
            set(h, &field("Nội dung tiêu chí"), &text(&item["name"]));
            set(h, &field("Điểm tối đa"), &text(&item["max"]));
            set(h, &field("Bước điểm"), &text(&item["step"]));
            if let Some(guide) = item.get("guide") {
                set(h, &field("Hướng dẫn chấm"), &text(guide));
            }
        }
    }

    section(h, "Điểm thưởng, điểm trừ");
    for (i, a) in config["adjustments"].as_array().unwrap().iter().enumerate() {
        press(h, "Thêm mục thưởng hoặc trừ");
        let field = |what: &str| format!("Thưởng, trừ {}: {what}", i + 1);
        set(h, &field("Mã"), &text(&a["id"]));
        if a["kind"] == "deduction" {
            choose(h, &field("Loại"), "Điểm trừ");
        }
        set(h, &field("Nội dung"), &text(&a["name"]));
        set(h, &field("Điểm tối đa"), &text(&a["max"]));
        set(h, &field("Bước điểm"), &text(&a["step"]));
    }

    // The scoring rules of the sample are the editor's own: no self-scoring, the
    // mean, two decimals. Nothing to change there.
    section(h, "Xếp loại");
    for (i, c) in config["classes"].as_array().unwrap().iter().enumerate() {
        press(h, "Thêm xếp loại");
        let field = |what: &str| format!("Xếp loại {}: {what}", i + 1);
        set(h, &field("Mã"), &text(&c["id"]));
        set(h, &field("Tên xếp loại"), &text(&c["name"]));
        set(h, &field("Từ điểm"), &text(&c["min"]));
    }

    section(h, "Danh hiệu khen thưởng");
    for (i, c) in config["commendations"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        press(h, "Thêm danh hiệu");
        let field = |what: &str| format!("Danh hiệu {}: {what}", i + 1);
        set(h, &field("Tên danh hiệu"), &text(&c["name"]));
        set(h, &field("Mã"), &text(&c["id"]));
        if let Some(n) = c.get("max_count") {
            set(h, &field("Số suất tối đa"), &text(n));
        }
        if let Some(p) = c.get("max_percent") {
            set(h, &field("Tỷ lệ tối đa (%)"), &text(p));
        }
        if let Some(min) = c["min_class"].as_str() {
            let classes = config["classes"].as_array().unwrap();
            let name = classes.iter().find(|k| k["id"] == min).unwrap();
            choose(h, &field("Xếp loại tối thiểu"), &text(&name["name"]));
        }
        if let Some(ballot) = c.get("ballot") {
            // A new ballot starts at 50 %, strict, of those present: the sample's.
            press(h, &field("Có biểu quyết"));
            assert_eq!(
                ballot,
                &serde_json::json!({"threshold_percent": 50, "strict": true, "base": "present"})
            );
        }
    }

    section(h, "Khi bằng điểm");
    let groups = config["criteria"].as_array().unwrap();
    for (i, entry) in config["tie_break"].as_array().unwrap().iter().enumerate() {
        press(h, "Thêm tiêu chí xét");
        let wanted = entry.as_str().unwrap();
        let option = match wanted.strip_prefix("group:") {
            Some(id) => {
                let g = groups.iter().find(|g| g["id"] == id).unwrap();
                format!("Điểm nhóm {id}. {} cao hơn", text(&g["name"]))
            }
            None => match wanted {
                "bonus" => "Điểm thưởng cao hơn".to_string(),
                "deductions" => "Điểm trừ ít hơn".to_string(),
                _ => "Nhiều phiếu biểu quyết hơn".to_string(),
            },
        };
        if i > 0 || !wanted.starts_with("group:1") {
            choose(h, &format!("Thứ tự xét {}", i + 1), &option);
        }
    }
}

#[test]
fn the_six_district_sample_built_from_an_empty_editor_tallies_like_the_bundled_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    press(&mut h, "Tạo cụm mới");
    let bundled = sample_dir("ha-noi-cum-1-2024");
    let bytes = std::fs::read(bundled.join("cluster.json")).unwrap();
    let config: Value = serde_json::from_slice(&bytes).unwrap();
    type_cluster(&mut h, &config);
    assert!(
        h.query_by_label_contains("Cấu hình hợp lệ: 6 đơn vị, 20 tiêu chí, tổng điểm tối đa 100")
            .is_some(),
        "the editor does not call the config valid"
    );

    let built = dir.path().join("built");
    std::fs::create_dir_all(built.join("sheets")).unwrap();
    let saved = built.join("cluster.json");
    set(&mut h, "Lưu vào tệp", &saved.display().to_string());
    press(&mut h, "Lưu (Ctrl+S)");
    assert!(h.query_by_label_contains("Đã lưu").is_some());
    let written = std::fs::read_to_string(&saved).unwrap();
    assert_eq!(written, String::from_utf8(bytes).unwrap(), "the saved file");

    // The bundled sheets carry the bundled config's check code: they import into a
    // meeting made from the saved file, and the tally is the expected one.
    for sheet in std::fs::read_dir(bundled.join("sheets")).unwrap() {
        let sheet = sheet.unwrap().path();
        std::fs::copy(
            &sheet,
            built.join("sheets").join(sheet.file_name().unwrap()),
        )
        .unwrap();
    }
    let meeting = common::meeting_with_sheets(dir.path(), &built);
    let out = common::run(&["tally", meeting.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success());
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected: Value =
        serde_json::from_slice(&std::fs::read(bundled.join("expected-tally.json")).unwrap())
            .unwrap();
    for (g, w) in got["members"]
        .as_array()
        .unwrap()
        .iter()
        .zip(expected["members"].as_array().unwrap())
    {
        for key in [
            "id",
            "total",
            "rank",
            "class",
            "groups",
            "bonus",
            "deductions",
        ] {
            assert_eq!(g[key], w[key], "{} {key}", w["id"]);
        }
    }
    assert_eq!(got["members"].as_array().unwrap().len(), 6);
}

#[test]
fn every_broken_config_that_opens_in_the_editor_shows_the_loaders_problems() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-configs");
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    let mut opened = 0;
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let from_loader = thidua::model::config::Config::from_bytes(&bytes).unwrap_err();
        set(&mut h, "Đường dẫn tệp", &file.display().to_string());
        press(&mut h, "Sửa cấu hình");
        let Some(editor) = h.state().editor() else {
            // Not a JSON document the editor can hold: the start screen says why.
            assert!(
                h.query_by_label_contains("Không mở được").is_some(),
                "{}",
                file.display()
            );
            continue;
        };
        opened += 1;
        let shown: Vec<String> = editor.problem_lines().to_vec();
        let expected: Vec<String> = from_loader
            .0
            .iter()
            .map(|p| {
                let message = p.issue.text(thidua::text::Lang::Vi);
                if p.path.is_empty() {
                    message
                } else {
                    format!("{}: {message}", p.path)
                }
            })
            .collect();
        assert_eq!(shown, expected, "{}", file.display());
        // Each problem with a place shows in red where the secretary looks for it.
        let count = format!("Cấu hình còn {} lỗi", expected.len());
        assert!(
            h.query_by_label_contains(&count).is_some(),
            "{}",
            file.display()
        );
        let close = if h.query_by_label("Đóng").is_some() {
            "Đóng"
        } else {
            "Đóng mà không lưu"
        };
        press(&mut h, close);
    }
    assert_eq!(opened, 87, "{opened} of {} configs opened", files.len());
}

const PASTE_CRITERIA: &str = "Dán bảng tiêu chí từ Word hoặc Excel (các cột: số thứ tự, nội dung, điểm tối đa, hướng dẫn chấm nếu có)";

/// Twenty rows as copied from a Word table: a heading row, Roman-numbered groups
/// with their totals, numbered items, some with a guide, one name over two lines.
fn twenty_rows() -> String {
    let mut rows = vec!["STT\tNội dung tiêu chí\tĐiểm tối đa\tHướng dẫn chấm".to_string()];
    let groups = [
        (
            "I.",
            "Công tác tuyên truyền, vận động",
            ["6", "5", "5", "4"],
        ),
        (
            "II.",
            "Công tác giám sát và phản biện xã hội",
            ["7", "4,5", "5,5", "3"],
        ),
        (
            "III.",
            "Cuộc vận động toàn dân đoàn kết xây dựng đời sống văn hóa",
            ["6", "5", "4,5", "4,5"],
        ),
        ("IV.", "Công tác an sinh xã hội", ["6", "5", "5", "4"]),
    ];
    for (number, name, items) in groups {
        let total: f64 = items
            .iter()
            .map(|m| m.replace(',', ".").parse::<f64>().unwrap())
            .sum();
        rows.push(format!(
            "{number}\t{name}\t{}",
            total.to_string().replace('.', ",")
        ));
        for (i, max) in items.iter().enumerate() {
            let guide = if i % 2 == 0 {
                "Có kế hoạch và báo cáo đúng hạn"
            } else {
                ""
            };
            let name = if i == 3 {
                format!("\"Mục {} {}\nghi hai dòng\"", number, i + 1)
            } else {
                format!("Mục {} {}", number, i + 1)
            };
            rows.push(format!("{}.\t{name}\t{max}\t{guide}", i + 1));
        }
    }
    assert_eq!(rows.len(), 21);
    rows.join("\r\n")
}

#[test]
fn a_twenty_row_criteria_table_pasted_from_word_becomes_groups_and_items() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    press(&mut h, "Tạo cụm mới");
    section(&mut h, "Tiêu chí chấm");
    // A table with a row to fix changes nothing and names the row.
    let broken = twenty_rows().replace("\t4,5\tCó", "\tbốn rưỡi\tCó");
    paste(&mut h, PASTE_CRITERIA, broken);
    press(&mut h, "Thay các tiêu chí bằng bảng đã dán");
    assert!(
        h.query_by_label_contains("Dòng 15: điểm tối đa “bốn rưỡi”")
            .is_some()
    );
    let criteria = FieldPath::parse("criteria");
    assert_eq!(h.state().editor().unwrap().draft.len(&criteria), 0);

    set(&mut h, PASTE_CRITERIA, "");
    paste(&mut h, PASTE_CRITERIA, twenty_rows());
    press(&mut h, "Thay các tiêu chí bằng bảng đã dán");
    assert!(
        h.query_by_label("Đã đọc 4 nhóm, 16 tiêu chí từ bảng.")
            .is_some()
    );
    assert!(
        h.query_by_label("Dòng 1 được coi là dòng tiêu đề cột và bỏ qua.")
            .is_some()
    );
    let draft = &h.state().editor().unwrap().draft;
    assert_eq!(draft.len(&criteria), 4);
    assert_eq!(draft.max_total().0, 8000);
    assert_eq!(
        draft.text(&FieldPath::parse("criteria[1].name"), ','),
        "Công tác giám sát và phản biện xã hội"
    );
    assert_eq!(
        draft.text(&FieldPath::parse("criteria[1].items[1].max"), ','),
        "4,5"
    );
    assert_eq!(
        draft.text(&FieldPath::parse("criteria[3].items[3].id"), ','),
        "4.4"
    );
    assert_eq!(
        draft.text(&FieldPath::parse("criteria[3].items[3].name"), ','),
        "Mục IV. 4\nghi hai dòng"
    );
    assert_eq!(
        draft.text(&FieldPath::parse("criteria[0].items[0].guide"), ','),
        "Có kế hoạch và báo cáo đúng hạn"
    );
    assert!(
        draft
            .get(&FieldPath::parse("criteria[0].items[1].guide"))
            .is_none()
    );
    // Shown as fields, with the group's total.
    assert_eq!(
        input(&h, "Tiêu chí 2.2: Điểm tối đa")
            .accesskit_node()
            .value()
            .as_deref(),
        Some("4,5")
    );
    assert_eq!(h.query_all_by_label("tối đa 20 điểm").count(), 4);
}

#[test]
fn a_criteria_table_is_read_from_an_excel_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tieu-chi.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let rows: [(&str, &str, Option<f64>, &str); 6] = [
        ("STT", "Nội dung", None, "Hướng dẫn"),
        ("1", "Tuyên truyền", Some(11.0), ""),
        ("1.1", "Tuyên truyền chủ trương", Some(6.0), "Có kế hoạch"),
        ("1.2", "Nắm tình hình", Some(5.0), ""),
        ("2", "Giám sát", None, ""),
        ("2.1", "Giám sát đầu tư cộng đồng", Some(2.25), ""),
    ];
    for (r, (number, name, max, guide)) in rows.iter().enumerate() {
        let r = r as u32;
        sheet.write_string(r, 0, *number).unwrap();
        sheet.write_string(r, 1, *name).unwrap();
        match max {
            Some(max) => sheet.write_number(r, 2, *max).unwrap(),
            None if r == 0 => sheet.write_string(r, 2, "Điểm").unwrap(),
            None => sheet,
        };
        if !guide.is_empty() {
            sheet.write_string(r, 3, *guide).unwrap();
        }
    }
    workbook.save(&path).unwrap();

    let mut h = app(dir.path(), None);
    press(&mut h, "Tạo cụm mới");
    section(&mut h, "Tiêu chí chấm");
    set(
        &mut h,
        "Hoặc tệp Excel (.xlsx) có bảng tiêu chí ở trang đầu",
        &path.display().to_string(),
    );
    press(&mut h, "Đọc bảng từ tệp Excel");
    assert!(
        h.query_by_label("Đã đọc 2 nhóm, 3 tiêu chí từ bảng.")
            .is_some()
    );
    let draft = &h.state().editor().unwrap().draft;
    assert_eq!(
        draft.text(&FieldPath::parse("criteria[1].items[0].max"), '.'),
        "2.25"
    );
    assert_eq!(
        draft.text(&FieldPath::parse("criteria[1].items[0].step"), '.'),
        "0.25"
    );
    assert_eq!(
        draft.text(&FieldPath::parse("criteria[0].items[0].guide"), '.'),
        "Có kế hoạch"
    );
}

#[test]
fn alt_arrows_move_the_row_being_edited_and_it_keeps_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let config = sample_dir("ha-noi-cum-1-2024").join("cluster.json");
    let mut h = app(dir.path(), None);
    set(&mut h, "Đường dẫn tệp", &config.display().to_string());
    press(&mut h, "Sửa cấu hình");
    section(&mut h, "Đơn vị thành viên");
    input(&h, "Đơn vị 3: Tên ngắn").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowUp);
    h.run();
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowUp);
    h.run();
    // Still typing in the same member's field, now the first row.
    input(&h, "Đơn vị 1: Tên ngắn").type_text(" (cũ)");
    h.run();
    let state = h.state().editor().unwrap();
    let members = FieldPath::parse("members");
    let ids: Vec<String> = (0..6)
        .map(|i| state.draft.text(&members.at(i).key("id"), '.'))
        .collect();
    assert_eq!(ids[..3], ["hoan-kiem", "ba-dinh", "hoang-mai"]);
    assert_eq!(
        state.draft.text(&members.at(0).key("short"), '.'),
        "Hoàn Kiếm (cũ)"
    );
    assert!(state.unsaved());
    assert!(h.query_by_label("Có thay đổi chưa lưu").is_some());
}

#[test]
fn keys_typed_faster_than_frames_land_in_the_fields_they_were_typed_for() {
    use ui_common::{in_one_frame, key, key_with, typed};
    let dir = tempfile::tempdir().unwrap();
    let config = sample_dir("ha-noi-cum-1-2024").join("cluster.json");
    let mut h = app(dir.path(), None);
    set(&mut h, "Đường dẫn tệp", &config.display().to_string());
    press(&mut h, "Sửa cấu hình");
    section(&mut h, "Tiêu chí chấm");
    let before = h.state().editor().unwrap().draft.clone();
    input(&h, "Tiêu chí 1.1: Điểm tối đa").focus();
    h.run();
    // Select, type, move on, select, type, come back, select, type: one frame.
    let select_all = || key_with(egui::Key::A, egui::Modifiers::COMMAND);
    let mut events = vec![select_all()];
    events.extend(typed("7"));
    events.push(key(egui::Key::Tab));
    events.push(select_all());
    events.extend(typed("0,25"));
    events.push(key_with(egui::Key::Tab, egui::Modifiers::SHIFT));
    events.push(select_all());
    events.extend(typed("8"));
    in_one_frame(&mut h, events);
    let draft = &h.state().editor().unwrap().draft;
    let item = FieldPath::parse("criteria[0].items[0]");
    assert_eq!(draft.text(&item.key("max"), ','), "8");
    assert_eq!(draft.text(&item.key("step"), ','), "0,25");
    for field in ["id", "name", "guide"] {
        assert_eq!(
            draft.get(&item.key(field)),
            before.get(&item.key(field)),
            "{field}"
        );
    }
    assert_eq!(
        draft.get(&FieldPath::parse("criteria[0].items[1]")),
        before.get(&FieldPath::parse("criteria[0].items[1]"))
    );
}

/// A column of choices is as wide in every row, whichever option a row shows, so the
/// fields after it stay in line ("Điểm thưởng" is wider than "Điểm trừ").
#[test]
fn the_fields_after_a_column_of_choices_stay_in_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = sample_dir("cum-phuong-2025").join("cluster.json");
    let mut h = app(dir.path(), None);
    set(&mut h, "Đường dẫn tệp", &config.display().to_string());
    press(&mut h, "Sửa cấu hình");
    section(&mut h, "Điểm thưởng, điểm trừ");
    let shown: Vec<String> = (1..=5)
        .map(|i| {
            let label = format!("Thưởng, trừ {i}: Loại");
            let kind = h.get_by_role_and_label(Role::ComboBox, &label);
            kind.accesskit_node()
                .value()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert!(
        shown.contains(&"Điểm thưởng".into()) && shown.contains(&"Điểm trừ".into()),
        "{shown:?}"
    );
    let left_of = |label: String| input(&h, &label).rect().left();
    let names: Vec<f32> = (1..=5)
        .map(|i| left_of(format!("Thưởng, trừ {i}: Nội dung")))
        .collect();
    let maxima: Vec<f32> = (1..=5)
        .map(|i| left_of(format!("Thưởng, trừ {i}: Điểm tối đa")))
        .collect();
    assert!(names.iter().all(|x| *x == names[0]), "{names:?}");
    assert!(maxima.iter().all(|x| *x == maxima[0]), "{maxima:?}");
}

/// "Xóa" stands next to "Xuống": removing a member, a group of criteria, a criterion
/// or a bonus asks first, naming the entry, and a second press where "Xóa" was
/// cancels rather than confirms. Nothing reaches the file until it is saved.
#[test]
fn removing_an_entry_asks_first_and_two_presses_remove_nothing() {
    use ui_common::{app_at, click_at, in_one_frame};
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("cum-phuong-2025.json");
    std::fs::copy(sample_dir("cum-phuong-2025").join("cluster.json"), &config).unwrap();
    let on_disk = std::fs::read(&config).unwrap();
    for (width, height) in [(1280.0, 720.0), (1366.0, 768.0)] {
        let mut h = app_at(dir.path(), None, width, height);
        set(&mut h, "Đường dẫn tệp", &config.display().to_string());
        press(&mut h, "Sửa cấu hình");
        for (section_name, remove, list, index, title, says, yes) in [
            (
                "Đơn vị thành viên",
                "Đơn vị 2: Tên đầy đủ: Xóa",
                "members",
                1,
                "Xóa đơn vị 2?",
                "Đơn vị 2 “Ủy ban MTTQ Việt Nam phường Cửa Nam” sẽ bị xóa khỏi cấu hình đang sửa",
                "Xóa đơn vị 2",
            ),
            (
                "Tiêu chí chấm",
                "Tiêu chí 1.2: Nội dung tiêu chí: Xóa",
                "criteria[0].items",
                1,
                "Xóa tiêu chí 1.2?",
                "Tiêu chí 1.2 “",
                "Xóa tiêu chí 1.2",
            ),
            (
                "Tiêu chí chấm",
                "Nhóm 1: Tên nhóm tiêu chí: Xóa",
                "criteria",
                0,
                "Xóa nhóm tiêu chí 1?",
                "tiêu chí trong nhóm sẽ bị xóa khỏi cấu hình đang sửa",
                "Xóa nhóm tiêu chí 1",
            ),
            (
                "Điểm thưởng, điểm trừ",
                "Thưởng, trừ 1: Nội dung: Xóa",
                "adjustments",
                0,
                "Xóa mục thưởng, trừ 1?",
                "Mục thưởng, trừ 1 “Mô hình mới, cách làm hay",
                "Xóa mục thưởng, trừ 1",
            ),
        ] {
            section(&mut h, section_name);
            let list = FieldPath::parse(list);
            let entries = |h: &App| h.state().editor().unwrap().draft.list(&list).cloned();
            let before = entries(&h).expect("the list");
            let button = h.get_by_label(remove).rect();
            let at = button.center();
            assert!(
                h.ctx.content_rect().contains(button.max),
                "{width}×{height}: `{remove}` on screen"
            );
            in_one_frame(&mut h, [click_at(at), click_at(at)].concat());
            in_one_frame(&mut h, click_at(at));
            in_one_frame(&mut h, click_at(at));
            assert_eq!(
                entries(&h).unwrap(),
                before,
                "{remove}: removed by presses alone"
            );
            // Whatever the presses left open, Escape answers no.
            h.key_press(egui::Key::Escape);
            h.run();
            assert!(
                h.query_by_label(title).is_none(),
                "{remove}: Escape keeps it"
            );
            assert_eq!(entries(&h).unwrap(), before);

            in_one_frame(&mut h, click_at(at));
            assert!(
                h.query_by_label(title).is_some(),
                "{remove}: asks `{title}`"
            );
            assert!(
                h.query_by_label_contains(says).is_some(),
                "{remove}: says `{says}`"
            );
            let confirm = h.get_by_label(yes).rect();
            assert!(
                !confirm.intersects(button),
                "{remove}: the question covers the button"
            );
            // "Không xóa" keeps it.
            let keep = h.get_by_label("Không xóa").rect().center();
            in_one_frame(&mut h, click_at(keep));
            assert_eq!(entries(&h).unwrap(), before);
            in_one_frame(&mut h, click_at(at));
            let confirm = h.get_by_label(yes).rect().center();
            in_one_frame(&mut h, click_at(confirm));
            let after = entries(&h).unwrap();
            let mut expected = before.clone();
            expected.remove(index);
            assert_eq!(after, expected, "{remove}: exactly that entry goes");
        }
        assert!(h.state().editor().unwrap().unsaved());
        assert_eq!(
            std::fs::read(&config).unwrap(),
            on_disk,
            "the file waits for Lưu"
        );
    }
}

/// A version 2 cluster built in the editor: a group with a heading holding a
/// heading (three levels of criteria) with one item of each kind, a target per
/// member, an item not assigned to one member; saved, the file is `thidua.cluster/2`
/// and the loader takes it as built.
#[test]
fn a_three_level_tree_with_every_kind_and_each_members_target_is_built_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    press(&mut h, "Tạo cụm mới");
    set(&mut h, "Tên cụm", "Cụm thi đua số 347");
    set(&mut h, "Mã cụm", "cum-347");
    set(&mut h, "Cơ quan tổ chức", "Công an tỉnh Quảng Trị");
    set(&mut h, "Gọi đơn vị là (quận, phường…)", "xã");
    section(&mut h, "Đơn vị thành viên");
    paste(
        &mut h,
        "Dán danh sách đơn vị: mỗi dòng một đơn vị, tên đầy đủ rồi (tùy chọn) dấu Tab và tên ngắn",
        "Công an xã Lệ Thủy\tLệ Thủy\nCông an xã Cam Hồng\tCam Hồng\nCông an xã Tân Mỹ\tTân Mỹ"
            .into(),
    );
    press(&mut h, "Thêm các đơn vị đã dán");

    section(&mut h, "Tiêu chí chấm");
    press(&mut h, "Thêm nhóm tiêu chí");
    set(&mut h, "Nhóm 1: Tên nhóm tiêu chí", "Công tác nghiệp vụ");
    h.get_by_label_contains("Hiện loại tiêu chí")
        .click_accesskit();
    h.run();
    press(&mut h, "Thêm mục con vào nhóm 1");
    set(&mut h, "Mục 1.1: Tên mục", "Phòng ngừa tội phạm");
    press(&mut h, "Thêm mục con vào mục 1.1");
    set(&mut h, "Mục 1.1.1: Tên mục", "Xây dựng phong trào");
    let kinds = [
        ("Xây dựng kế hoạch", None, "10"),
        ("Báo cáo đúng hạn", Some("Đạt / không đạt"), "4"),
        ("Mô hình mới", Some("Tính theo số lần"), "5"),
        ("Khen thưởng, phê bình", Some("Cộng / trừ theo số lần"), "5"),
        ("Số vụ việc giải quyết", Some("Theo chỉ tiêu đăng ký"), "10"),
    ];
    for (i, (name, kind, max)) in kinds.iter().enumerate() {
        press(&mut h, "Thêm tiêu chí vào mục 1.1.1");
        let field = |what: &str| format!("Tiêu chí 1.1.1.{}: {what}", i + 1);
        set(&mut h, &field("Nội dung tiêu chí"), name);
        set(&mut h, &field("Điểm tối đa"), max);
        if let Some(kind) = kind {
            choose(&mut h, &field("Loại tiêu chí"), kind);
        }
    }
    set(&mut h, "Tiêu chí 1.1.1.3: Điểm mỗi lần", "0,5");
    set(&mut h, "Tiêu chí 1.1.1.4: Điểm cộng mỗi lần", "1");
    set(&mut h, "Tiêu chí 1.1.1.4: Điểm trừ mỗi lần", "0,5");
    for (short, target) in [("Lệ Thủy", "100"), ("Cam Hồng", "80"), ("Tân Mỹ", "0")] {
        set(
            &mut h,
            &format!("Tiêu chí 1.1.1.5: Chỉ tiêu: {short}"),
            target,
        );
    }
    // The pass/fail item does not apply to Tân Mỹ.
    h.get_all_by_label("Đơn vị không áp dụng tiêu chí này (0)")
        .nth(1)
        .expect("the second item's list")
        .click_accesskit();
    h.run();
    h.get_all_by_label("Tân Mỹ")
        .find(|n| n.accesskit_node().role() == Role::CheckBox)
        .expect("Tân Mỹ's tick")
        .click_accesskit();
    h.run();
    assert!(
        h.query_by_label_contains("Cấu hình hợp lệ: 3 đơn vị, 5 tiêu chí, tổng điểm tối đa 34")
            .is_some(),
        "{:?}",
        h.state().editor().unwrap().problem_lines()
    );

    let saved = dir.path().join("cum-347.json");
    set(&mut h, "Lưu vào tệp", &saved.display().to_string());
    press(&mut h, "Lưu (Ctrl+S)");
    assert!(h.query_by_label_contains("Đã lưu").is_some());
    let bytes = std::fs::read(&saved).unwrap();
    let config = thidua::model::Config::from_bytes(&bytes).expect("the loader takes it");
    assert_eq!(config.version, 2);
    let group = &config.groups[0];
    assert_eq!(group.headings.len(), 2);
    assert_eq!(group.headings[1].parent, Some(0));
    let kinds: Vec<&str> = group.items.iter().map(|i| i.kind.code()).collect();
    assert_eq!(
        kinds,
        [
            "points",
            "pass_fail",
            "per_occurrence",
            "plus_minus",
            "target"
        ]
    );
    assert!(group.items.iter().all(|i| i.level == 4));
    assert!(!group.items[1].is_assigned(2), "not for Tân Mỹ");
    let thidua::model::config::ItemKind::Target { targets, .. } = &group.items[4].kind else {
        panic!("a target item");
    };
    assert_eq!(targets, &[10_000, 8_000, 0]);
    assert!(
        group.items[4].by_chair(),
        "a target is the chair's by default"
    );
}
