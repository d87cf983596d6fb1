//! "Lưu thành…": a complete, consistent copy of the meeting file, while the meeting
//! goes on in the open file.

use egui_kittest::kittest::Queryable as _;
use thidua::store::MeetingFile;

mod ui_common;
use ui_common::{app, import, meeting, sample_dir, set_up_sample};

#[test]
fn save_as_writes_a_copy_that_opens_verifies_and_holds_every_event() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    set_up_sample(&mut h);
    import(
        &mut h,
        &sample_dir("ha-noi-cum-1-2024"),
        &["ba-dinh", "hoang-mai"],
    );
    let original = meeting(&h).file.path().to_path_buf();
    let (events, head) = (
        meeting(&h).file.last_seq(),
        meeting(&h).file.head().to_string(),
    );

    h.get_by_label("Xuất kết quả").click();
    h.run();
    h.get_by_label("Lưu thành…").click();
    h.run();
    let copy = original.with_file_name(format!(
        "{}-ban-sao.thidua",
        original.file_stem().unwrap().to_string_lossy()
    ));
    assert!(
        h.query_by_label_contains("Đã lưu bản sao tại").is_some(),
        "the chair is told where the copy went"
    );
    let opened = MeetingFile::open(&copy).unwrap();
    assert_eq!(opened.last_seq(), events);
    assert_eq!(opened.head(), head);
    assert!(matches!(
        opened.integrity(),
        thidua::store::Integrity::Verified
    ));
    // The meeting goes on in the original file.
    assert_eq!(meeting(&h).file.path(), original);
    drop(opened);

    // A second "save as" onto the same name after more scores replaces the earlier
    // copy of this same meeting: nothing in it is lost.
    import(&mut h, &sample_dir("ha-noi-cum-1-2024"), &["hoan-kiem"]);
    h.get_by_label("Xuất kết quả").click();
    h.run();
    h.get_by_label("Lưu thành…").click();
    h.run();
    assert!(h.state().message.is_none(), "{:?}", h.state().message);
    let opened = MeetingFile::open(&copy).unwrap();
    assert_eq!(opened.last_seq(), meeting(&h).file.last_seq());
    drop(opened);

    // A file that is not a copy of this meeting is never overwritten.
    let other = dir.path().join("other.thidua");
    std::fs::write(&other, b"not a meeting").unwrap();
    let refused = meeting(&h).file.save_copy(&other);
    assert!(refused.is_err());
    assert_eq!(std::fs::read(&other).unwrap(), b"not a meeting");
}
