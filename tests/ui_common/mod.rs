//! Shared helpers for the UI tests: the real app in a harness with temporary
//! folders injected, typing into labelled fields, dropped files, and importing sample
//! sheets through the app's own event path.

#![allow(dead_code)]

use eframe::egui::{self, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::{Path, PathBuf};
use thidua::model::event::Actor;
use thidua::model::sheet::{ImportPlan, Sheet, plan_import};
use thidua::ui::{AppOptions, ThiduaApp};

pub type App = Harness<'static, ThiduaApp>;

/// The app with its documents folder in `documents`, no native dialogs, optionally
/// opening `open`; run until it settles.
pub fn app_sized(documents: &Path, open: Option<PathBuf>, height: f32) -> App {
    let options = AppOptions {
        documents: documents.to_path_buf(),
        file_dialogs: false,
        open,
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, height))
        .with_max_steps(12)
        .build_eframe(move |cc| ThiduaApp::new(cc, options));
    h.run();
    h
}

pub fn app(documents: &Path, open: Option<PathBuf>) -> App {
    app_sized(documents, open, 900.0)
}

pub fn type_into(h: &mut App, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

pub fn sample_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name)
}

/// Imports sample sheets (by scorer id) through the app's own event path.
pub fn import(h: &mut App, dir: &Path, sheets: &[&str]) {
    for name in sheets {
        let bytes = std::fs::read(dir.join("sheets").join(format!("{name}.json"))).unwrap();
        let events = {
            let m = h.state().meeting.as_ref().unwrap();
            let sheet = Sheet::from_bytes(&bytes, m.config()).unwrap();
            match plan_import(m.session(), &sheet, name).unwrap() {
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

/// A file dropped on the window.
#[derive(Debug)]
pub struct Dropped(pub PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// The open meeting (the tests open one before asking).
pub fn meeting(h: &App) -> &thidua::ui::meeting::OpenMeeting {
    h.state().meeting.as_ref().expect("a meeting is open")
}
