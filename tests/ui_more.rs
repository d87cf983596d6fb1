//! The app remembers, opens what is dropped on it, resumes the last meeting, speaks
//! English on request, and lays out only the rows on screen.

use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use thidua::ui::ThiduaApp;

mod ui_common;
use ui_common::Dropped;

fn app(documents: &Path, open: Option<PathBuf>) -> Harness<'static, ThiduaApp> {
    ui_common::app_sized(documents, open, 768.0)
}

/// A cluster of 30 members and 60 items, as a config file.
fn large_config(dir: &Path) -> PathBuf {
    let path = dir.join("lon.json");
    std::fs::write(
        &path,
        thidua::synthetic::config_bytes(thidua::synthetic::LARGE),
    )
    .unwrap();
    path
}

#[derive(Default)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.into(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

fn sample_meeting(dir: &Path) -> PathBuf {
    let mut h = app(dir, None);
    h.get_by_label("Dùng cụm mẫu").click();
    h.run();
    h.get_by_label("Tạo hội nghị").click();
    h.run();
    h.state()
        .meeting
        .as_ref()
        .unwrap()
        .file
        .path()
        .to_path_buf()
}

#[test]
fn language_zoom_and_recent_files_are_saved() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = sample_meeting(dir.path());
    let mut h = app(dir.path(), Some(meeting.clone()));
    h.state_mut().prefs.set_lang(thidua::ui::i18n::Lang::En);
    h.ctx.set_zoom_factor(1.3);
    h.run();
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let saved: thidua::ui::prefs::Prefs = eframe::get_value(&storage, "thidua-prefs").unwrap();
    assert_eq!(saved.language, "en");
    assert!((saved.zoom - 1.3).abs() < 0.01);
    assert_eq!(saved.recent[0], std::fs::canonicalize(&meeting).unwrap());
}

#[test]
fn a_file_dropped_on_the_window_opens() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    let config =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/cum-phuong-2025/cluster.json");
    h.input_mut().dropped_files.push(Arc::new(Dropped(config)));
    h.run();
    assert!(h.state().is_in_setup());
}

#[test]
fn the_last_meeting_is_offered_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = sample_meeting(dir.path());
    let mut h = app(dir.path(), None);
    h.state_mut().prefs.remember(&meeting);
    h.run();
    h.get_by_label_contains("Tiếp tục hội nghị gần nhất")
        .click();
    h.run();
    assert!(h.state().meeting.is_some());
}

#[test]
fn english_is_one_choice_away() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    h.state_mut().prefs.set_lang(thidua::ui::i18n::Lang::En);
    h.run();
    assert!(h.query_by_label("Use the sample cluster").is_some());
    h.get_by_label("Use the sample cluster").click();
    h.run();
    assert!(h.query_by_label("Create the meeting").is_some());
}

#[test]
fn a_large_grid_lays_out_only_the_rows_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), Some(large_config(dir.path())));
    h.get_by_label("Tạo hội nghị").click();
    h.run();
    let cells = h.get_all_by_role(Role::TextInput).count();
    // 29 members × 60 items exist; only the visible rows are built.
    assert!(
        cells > 0 && cells < 29 * 20,
        "{cells} cell widgets laid out"
    );
}
