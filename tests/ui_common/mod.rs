//! Shared helpers for the UI tests: the real app in a harness with temporary
//! folders injected, typing into labelled fields, dropped files, and importing sample
//! sheets through the app's own event path.

#![allow(dead_code)]

use eframe::App as _;
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
    app_at(documents, open, 1366.0, height)
}

/// The app in a window of `width` × `height` points (1280 × 720: a projector's
/// resolution and the smallest the screens are laid out for; 1366 × 768: the usual
/// office laptop).
pub fn app_at(documents: &Path, open: Option<PathBuf>, width: f32, height: f32) -> App {
    let options = AppOptions {
        documents: documents.to_path_buf(),
        file_dialogs: false,
        edit: false,
        open,
        state_dir: Some(documents.join(".thidua-state")),
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(width, height))
        // The app's own look (its light theme): the harness would otherwise draw in
        // egui's dark default, with other sizes than a delegate sees.
        .with_theme(egui::Theme::Light)
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

/// From the start screen to an open meeting of the bundled sample.
pub fn set_up_sample(h: &mut App) {
    h.get_by_label("Dùng cụm mẫu").click();
    h.run();
    assert!(h.state().is_in_setup());
    type_into(h, "Địa điểm", "Hội trường UBND quận Long Biên");
    type_into(h, "Chủ trì", "Nguyễn Văn An");
    type_into(h, "Thư ký", "Trần Thị Bình");
    h.get_by_label("Tạo hội nghị").click();
    h.run();
    let meeting = h.state().meeting.as_ref().expect("the meeting is open");
    assert_eq!(
        meeting.session().meeting.as_ref().unwrap().place,
        "Hội trường UBND quận Long Biên"
    );
}

pub fn key(key: egui::Key) -> egui::Event {
    key_with(key, egui::Modifiers::NONE)
}

pub fn key_with(key: egui::Key, modifiers: egui::Modifiers) -> egui::Event {
    egui::Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    }
}

/// The events a keyboard sends for typed text: one per character.
pub fn typed(text: &str) -> Vec<egui::Event> {
    text.chars().map(|c| egui::Event::Text(c.into())).collect()
}

/// The pointer moved to `pos`, then a press and release of the left button there.
pub fn click_at(pos: egui::Pos2) -> Vec<egui::Event> {
    let mut events = vec![egui::Event::PointerMoved(pos)];
    events.extend(
        [true, false]
            .into_iter()
            .map(|pressed| egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            }),
    );
    events
}

/// Puts all `events` into ONE frame of input, as a slow laptop or a fast typist
/// delivers them, then runs frames the way eframe does: every frame's input passes
/// the app's raw-input hook before egui sees it, until no input is left waiting.
pub fn in_one_frame(h: &mut App, events: Vec<egui::Event>) {
    h.input_mut().events.extend(events);
    for _ in 0..500 {
        let ctx = h.ctx.clone();
        let mut input = std::mem::take(h.input_mut());
        h.state_mut().raw_input_hook(&ctx, &mut input);
        *h.input_mut() = input;
        h.step();
        if !h.state().input_waiting() {
            break;
        }
    }
    h.run();
}

/// Every text a person can read on screen now: each node's label and value.
pub fn screen_text(h: &App) -> Vec<String> {
    use egui_kittest::kittest::NodeT as _;
    let by = egui_kittest::kittest::by()
        .include_labels()
        .predicate(|_| true);
    h.query_all(by)
        .flat_map(|n| {
            let node = n.accesskit_node();
            [node.label(), node.value()]
        })
        .flatten()
        .map(|t| t.to_string())
        .collect()
}
