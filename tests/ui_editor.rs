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
    input(
        h,
        "Dán danh sách đơn vị: mỗi dòng một đơn vị, tên đầy đủ rồi (tùy chọn) dấu Tab và tên ngắn",
    )
    .focus();
    h.run();
    h.event(egui::Event::Paste(pasted.join("\n")));
    h.run();
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
            press(h, &format!("Thêm mục vào nhóm {}", g + 1));
            let field = |what: &str| format!("Mục {}.{}: {what}", g + 1, i + 1);
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
        h.query_by_label_contains("Cấu hình hợp lệ: 6 đơn vị, 20 mục chấm, tổng điểm tối đa 100")
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
    assert!(opened >= 60, "{opened} of {} configs opened", files.len());
}
