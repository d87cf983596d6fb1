//! The chair's tally screen in the real app: a tie for the last certificate said in
//! words in the ranking and under the commendations, groups named, and no figure
//! for a member nobody has scored yet.

mod ui_common;

use eframe::egui::{Key, Rect, accesskit::Role};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use std::path::{Path, PathBuf};
use thidua::store::MeetingFile;
use thidua::ui::i18n::Lang;
use thidua::ui::meeting::OpenMeeting;
use ui_common::{import, sample_dir};

const AT: &str = "2025-12-20T09:00:00+07:00";

/// The 12-ward sample with every sheet imported.
fn twelve_wards(dir: &Path) -> PathBuf {
    let sample = sample_dir("cum-phuong-2025");
    let path = dir.join("cum-phuong.thidua");
    let config = std::fs::read(sample.join("cluster.json")).unwrap();
    drop(MeetingFile::create(&path, &config, AT).unwrap());
    let mut meeting = OpenMeeting::new(MeetingFile::open(&path).unwrap());
    let mut sheets: Vec<PathBuf> = std::fs::read_dir(sample.join("sheets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    sheets.sort();
    for sheet in sheets {
        meeting.import_sheet_file(&sheet, Lang::Vi).unwrap();
    }
    path
}

#[test]
fn the_tally_screen_says_why_one_of_two_tied_wards_gets_the_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let path = twelve_wards(dir.path());
    let mut h = ui_common::app_sized(dir.path(), Some(path), 2000.0);
    h.key_press(Key::F3);
    h.run();
    // Under the commendations: the seat, and the ward left without it.
    assert!(
        h.query_by_label("• Ngọc Hà: đề nghị — hơn Ô Chợ Dừa về điểm thưởng: 4,17 so với 2,72")
            .is_some()
    );
    assert!(
        h.query_by_label(
            "• Ô Chợ Dừa: không có suất — bằng điểm với Ngọc Hà nhưng xếp sau về điểm thưởng: \
             2,72 so với 4,17"
        )
        .is_some()
    );
    // In the ranking, beside each of the two.
    assert!(
        h.query_by_label(
            "đề nghị: Bằng khen của Ủy ban MTTQ Việt Nam thành phố Hà Nội\nhơn Ô Chợ Dừa về \
             điểm thưởng: 4,17 so với 2,72"
        )
        .is_some()
    );
    assert_eq!(
        h.query_all_by_label_contains("bằng điểm với Ngọc Hà nhưng xếp sau")
            .count(),
        2,
        "in the ranking and under the commendations"
    );
    // Groups by number and name, not "Nhóm 1" alone.
    assert!(h.query_by_label("1. Công tác tuyên giáo").is_some());
    assert!(h.query_by_label("Nhóm 1").is_none());
    // In English too, with no internal key.
    h.state_mut().prefs.language = "en".into();
    h.run();
    assert!(
        h.query_by_label(
            "• Ngọc Hà: proposed — ahead of Ô Chợ Dừa on bonus points: 4.17 against 2.72"
        )
        .is_some()
    );
    assert!(h.query_by_label_contains("tie broken by").is_none());
}

#[test]
fn a_member_nobody_has_scored_shows_no_figure() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = ui_common::app_sized(dir.path(), None, 1400.0);
    ui_common::set_up_sample(&mut h);
    // Only Ba Đình's own sheet: every other member has one counted sheet, Ba Đình none.
    import(&mut h, &sample_dir("ha-noi-cum-1-2024"), &["ba-dinh"]);
    h.key_press(Key::F3);
    h.run();
    let name = h.get_by_role_and_label(Role::Label, "Ba Đình").rect();
    let row = Rect::from_x_y_ranges(-1e6..=1e6, name.y_range());
    let in_row: Vec<String> = h
        .query_all_by_role(Role::Label)
        .filter(|n| row.contains(n.rect().center()))
        .filter_map(|n| {
            let node = n.accesskit_node();
            node.label().or_else(|| node.value())
        })
        .collect();
    // Total, every group, bonus and deductions: "—", never "0,00".
    let dashes = in_row.iter().filter(|t| t.as_str() == "—").count();
    let groups = ui_common::meeting(&h).config().groups.len();
    assert!(dashes >= 1 + groups + 2, "{in_row:?}");
    assert!(!in_row.iter().any(|t| t.contains("0,00")), "{in_row:?}");
    assert!(in_row.iter().any(|t| t == "chưa có phiếu"), "{in_row:?}");
}
