//! Scoring on several laptops through the app: a delegate saves a submitted sheet,
//! the chair drops it (and a wrong one) on the meeting window.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::Path;
use std::sync::Arc;
use thidua::model::event::Actor;
use thidua::model::sheet::{ImportPlan, Sheet, plan_import};
use thidua::ui::ThiduaApp;

mod ui_common;
use ui_common::Dropped;

/// The app with a meeting of the bundled sample open.
fn app(documents: &Path) -> Harness<'static, ThiduaApp> {
    let mut h = ui_common::app(documents, None);
    h.get_by_label("Dùng cụm mẫu").click();
    h.run();
    h.get_by_label("Tạo hội nghị").click();
    h.run();
    h
}

fn report(h: &Harness<'static, ThiduaApp>) -> Vec<(bool, String)> {
    h.state().chair.import_report.clone()
}

#[test]
fn a_sheet_saved_on_one_laptop_is_dropped_on_the_chairs() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let laptop_dir = tempfile::tempdir().unwrap();
    let mut laptop = app(laptop_dir.path());
    // The delegate of Ba Đình scores (here: the sample values) and submits.
    let bytes = std::fs::read(samples.join("ha-noi-cum-1-2024/sheets/ba-dinh.json")).unwrap();
    let events = {
        let m = laptop.state().meeting.as_ref().unwrap();
        let sheet = Sheet::from_bytes(&bytes, m.config()).unwrap();
        match plan_import(m.session(), &sheet, "x").unwrap() {
            ImportPlan::Events(e) => e,
            ImportPlan::Unchanged => unreachable!(),
        }
    };
    for e in events.into_iter().skip(1) {
        laptop
            .state_mut()
            .record(Actor::Member("ba-dinh".into()), e);
    }
    laptop.run();
    laptop.get_by_label("Lưu phiếu ra tệp…").click();
    laptop.run();
    let saved = laptop_dir.path().join("phieu-ba-dinh.json");
    assert!(saved.is_file());
    assert!(
        laptop
            .query_by_label_contains("Đã lưu phiếu chấm vào")
            .is_some()
    );

    let chair_dir = tempfile::tempdir().unwrap();
    let mut chair = app(chair_dir.path());
    let wrong = samples.join("cum-phuong-2025/sheets/giang-vo.json");
    chair
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(saved.clone())));
    chair
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(wrong)));
    chair.run();
    let lines = report(&chair);
    assert!(
        lines[0].0 && lines[0].1.contains("đã nhập và nộp phiếu của Ba Đình"),
        "{lines:?}"
    );
    assert!(
        !lines[1].0 && lines[1].1.contains("cấu hình cụm khác"),
        "{lines:?}"
    );
    assert!(
        chair
            .state()
            .meeting
            .as_ref()
            .unwrap()
            .session()
            .is_submitted(0)
    );
    assert!(
        chair
            .query_by_label_contains("đã nhập và nộp phiếu của Ba Đình")
            .is_some()
    );
    // Dropping the same sheet again changes nothing.
    let events = chair.state().meeting.as_ref().unwrap().file.last_seq();
    chair
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(saved)));
    chair.run();
    assert!(report(&chair)[0].1.contains("đã có, không thay đổi"));
    assert_eq!(
        chair.state().meeting.as_ref().unwrap().file.last_seq(),
        events
    );
}

#[test]
fn one_menu_exports_all_four_files_next_to_the_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path());
    h.get_by_label("Xuất kết quả").click();
    h.run();
    h.get_by_label("Cả bốn tệp").click();
    h.run();
    let meeting = h
        .state()
        .meeting
        .as_ref()
        .unwrap()
        .file
        .path()
        .to_path_buf();
    let stem = meeting.file_stem().unwrap().to_string_lossy().into_owned();
    for name in [
        "ket-qua.json",
        "tong-hop.xlsx",
        "tong-hop.csv",
        "bien-ban.pdf",
    ] {
        let file = meeting.with_file_name(format!("{stem}-{name}"));
        assert!(file.is_file(), "{} missing", file.display());
    }
    assert!(h.query_by_label_contains("Đã xuất:").is_some());
}
