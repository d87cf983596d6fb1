//! What the app does when a person asks: open and create meetings, record events,
//! export, save copies and sheets, import dropped files. The views only ask; these
//! turn the asking into events for the meeting file or into files on disk.

use super::chair::ChairAction;
use super::dialogs;
use super::i18n::{Lang, T};
use super::meeting::OpenMeeting;
use super::network::NetworkAction;
use super::scoring::{GridAction, GridState};
use super::setup::SetupState;
use super::{Screen, Tab, ThiduaApp, audit, chair, projector};
use crate::model::Config;
use crate::model::event::{Actor, Event};
use crate::store::{MeetingFile, StoreError};
use eframe::egui;
use std::path::{Path, PathBuf};

impl ThiduaApp {
    /// Shows a meeting file that was opened, or why it could not be.
    pub(super) fn opened(&mut self, path: &Path, result: Result<MeetingFile, StoreError>) {
        self.start.problems = None;
        self.start.path_text = path.display().to_string();
        match result {
            Ok(file) => {
                self.remember(path);
                self.show_meeting(file);
            }
            Err(e) => self.fail(path, vec![e.text(self.lang())]),
        }
    }

    /// Opens a config (to set up a meeting) or a meeting file (to continue it).
    pub fn open(&mut self, path: &Path) {
        if crate::store::is_meeting_path(path) {
            return self.opened(path, MeetingFile::open(path));
        }
        let lang = self.lang();
        self.start.problems = None;
        self.start.path_text = path.display().to_string();
        let is_config = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if is_config {
            let bytes = match read_config_bytes(path, lang) {
                Ok(bytes) => bytes,
                Err(e) => return self.fail(path, vec![e]),
            };
            match Config::from_bytes(&bytes) {
                Ok(config) => {
                    self.remember(path);
                    let folder = path
                        .parent()
                        .map_or_else(|| self.options.documents.clone(), Path::to_path_buf);
                    self.screen = Screen::Setup(Box::new(SetupState::new(
                        config,
                        bytes,
                        &folder,
                        crate::clock::today(),
                    )));
                }
                Err(problems) => {
                    let mut lines = vec![T::ConfigErrors.fill(lang, &[&problems.0.len()])];
                    lines.extend(problems.0.iter().map(|p| p.text(lang)));
                    self.fail(path, lines);
                }
            }
        } else {
            self.fail(path, vec![T::UnknownKind.get(lang).to_string()]);
        }
    }

    /// Puts `path` first among the recent files and records the list on disk at once.
    pub fn remember(&mut self, path: &Path) {
        self.prefs.remember(path);
        if let Some(dir) = &self.options.state_dir {
            // Only a convenience is lost if this fails: the meeting file itself is
            // safe, and the window's preferences still keep the list.
            let _ = crate::store::recent::save(dir, &self.prefs.recent);
        }
    }

    pub(super) fn fail(&mut self, path: &Path, lines: Vec<String>) {
        self.screen = Screen::Start;
        self.start.problems = Some((
            format!("{}: {}", T::CannotOpen.get(self.lang()), path.display()),
            lines,
        ));
    }

    /// The cluster editor with a new cluster for this year.
    pub(super) fn new_cluster(&mut self) {
        use chrono::Datelike as _;
        let year = crate::clock::today().year();
        let state = super::editor::EditorState::new_cluster(year, self.lang());
        self.screen = Screen::Editor(Box::new(state));
    }

    /// Opens a config in the cluster editor: the path given, or one chosen; a file
    /// the editor cannot hold shows its problems on the start screen.
    pub(super) fn edit_config(&mut self, path: Option<std::path::PathBuf>) {
        let lang = self.lang();
        let Some(path) = path.or_else(|| self.pick_file()) else {
            return;
        };
        match super::editor::EditorState::open(&path, lang) {
            Ok(state) => {
                self.start.problems = None;
                self.screen = Screen::Editor(Box::new(state));
            }
            Err(lines) => {
                let title = crate::text::editor::ED::CannotEdit.fill(lang, &[&path.display()]);
                self.start.problems = Some((title, lines));
            }
        }
    }

    pub fn use_sample(&mut self) {
        let bytes = crate::sample::SAMPLE_CONFIG.to_vec();
        if let Ok(config) = Config::from_bytes(&bytes) {
            self.start.problems = None;
            self.screen = Screen::Setup(Box::new(SetupState::new(
                config,
                bytes,
                &self.options.documents,
                crate::clock::today(),
            )));
        }
    }

    pub(super) fn show_meeting(&mut self, file: MeetingFile) {
        self.meeting = Some(OpenMeeting::new(file));
        self.grid = GridState::default();
        self.chair = chair::ChairState::default();
        self.audit = audit::AuditState::default();
        self.projector = projector::ProjectorState::default();
        self.network = super::network::NetworkState::default();
        self.message = None;
        self.tab = Tab::Scoring;
        self.screen = Screen::Meeting;
    }

    pub(super) fn create_meeting(&mut self, setup: &mut SetupState) {
        let lang = self.lang();
        let events = match setup.events(lang) {
            Ok(events) => events,
            Err(e) => {
                setup.error = Some(e);
                return;
            }
        };
        let path = PathBuf::from(setup.output.trim());
        let created = MeetingFile::create(&path, &setup.config_bytes, &crate::clock::now())
            .and_then(|mut file| {
                file.append_all(Actor::Chair, events, &crate::clock::now())?;
                Ok(file)
            });
        match created {
            Ok(file) => {
                self.remember(&path);
                self.show_meeting(file);
            }
            Err(e) => setup.error = Some(e.text(lang)),
        }
    }

    /// Commits one event through the meeting file; a refusal is shown, never lost.
    pub fn record(&mut self, by: Actor, event: Event) {
        let lang = self.lang();
        if let Some(meeting) = self.meeting.as_mut() {
            match meeting.record(by, event) {
                Ok(()) => self.message = None,
                Err(e) => self.message = Some(e.text(lang)),
            }
        }
    }

    /// Writes the exports next to the meeting file (or where the user chooses, for
    /// a single file) and says where they went.
    pub(super) fn export(&mut self, extensions: &[&str]) {
        let lang = self.lang();
        let suffix = |ext: &str| match ext {
            "json" => "ket-qua",
            "pdf" => "bien-ban",
            _ => "tong-hop",
        };
        let mut written = Vec::new();
        for ext in extensions {
            let Some(default) = self.beside_meeting(suffix(ext), ext) else {
                return;
            };
            let target = if extensions.len() == 1 {
                match self.save_target(ext, &[ext], default) {
                    Some(p) => p,
                    None => return,
                }
            } else {
                default
            };
            let Some(meeting) = &self.meeting else { return };
            match crate::export::write(&meeting.file, &target, lang) {
                Ok(()) => written.push(target.display().to_string()),
                Err(e) => {
                    self.message = Some(format!("{}: {}", target.display(), e.text(lang)));
                    return;
                }
            }
        }
        self.message = None;
        self.notice = Some(T::Exported.fill(lang, &[&written.join(", ")]));
    }

    /// "Save as": a consistent copy of the meeting file where the chair chooses (next
    /// to the meeting file when no dialog can be shown); the meeting stays open where
    /// it is.
    pub(super) fn save_copy(&mut self) {
        let lang = self.lang();
        let Some(default) = self.beside_meeting("ban-sao", "thidua") else {
            return;
        };
        let Some(target) = self.save_target("thidua", &["thidua"], default) else {
            return;
        };
        let Some(meeting) = &self.meeting else { return };
        let path = meeting.file.path();
        match meeting.file.save_copy(&target) {
            Ok(()) => {
                self.message = None;
                self.notice = Some(T::CopySaved.fill(lang, &[&target.display(), &path.display()]));
            }
            Err(e) => self.message = Some(e.text(lang)),
        }
    }

    pub(super) fn pick_file(&mut self) -> Option<PathBuf> {
        if !self.options.file_dialogs {
            self.start.dialog_unavailable = true;
            return None;
        }
        dialogs::open_file("thidua", &["json", "thidua"]).unwrap_or_else(|_| {
            self.start.dialog_unavailable = true;
            None
        })
    }

    /// A file next to the meeting file: `<meeting file's name>-<suffix>.<ext>`.
    fn beside_meeting(&self, suffix: &str, ext: &str) -> Option<PathBuf> {
        let path = self.meeting.as_ref()?.file.path();
        let stem = path
            .file_stem()
            .map_or_else(|| "hoi-nghi".into(), |s| s.to_string_lossy().into_owned());
        Some(path.with_file_name(format!("{stem}-{suffix}.{ext}")))
    }

    /// Where to write a file: the chair's choice in the save dialog, or `default`
    /// (next to the meeting file) where no dialog can be shown. `None`: cancelled.
    fn save_target(&self, kind: &str, extensions: &[&str], default: PathBuf) -> Option<PathBuf> {
        if !self.options.file_dialogs {
            return Some(default);
        }
        let name = default
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        dialogs::save_file(kind, extensions, &name).unwrap_or(Some(default))
    }

    /// What the scoring grid asked for in one frame: its scores committed together.
    pub(super) fn on_grid_actions(&mut self, actions: Vec<GridAction>) {
        let mut scores: Vec<Event> = Vec::new();
        let mut by = None;
        for action in actions {
            match action {
                GridAction::Record(who, event @ Event::Score { .. })
                    if by.as_ref().is_none_or(|b| *b == who) =>
                {
                    by = Some(who);
                    scores.push(event);
                }
                other => {
                    self.record_grid_scores(by.take(), std::mem::take(&mut scores));
                    self.on_grid_action(other);
                }
            }
        }
        self.record_grid_scores(by, scores);
    }

    fn record_grid_scores(&mut self, by: Option<Actor>, scores: Vec<Event>) {
        let lang = self.lang();
        let (Some(by), Some(meeting)) = (by, self.meeting.as_mut()) else {
            return;
        };
        match meeting.record_scores(by, scores) {
            Ok(()) => {
                self.message = None;
                self.notice = None;
            }
            Err(e) => self.message = Some(e.text(lang)),
        }
    }

    /// One thing the scoring grid asked for.
    pub(super) fn on_grid_action(&mut self, action: GridAction) {
        let lang = self.lang();
        let Some(meeting) = self.meeting.as_mut() else {
            return;
        };
        match action {
            GridAction::SelectDelegate(m) => {
                meeting.delegate = m;
                self.grid.reset();
            }
            GridAction::PaperSheet(m) => self.paper.ask(Some(m)),
            GridAction::Record(by, event) => match meeting.record(by, event) {
                Ok(()) => {
                    self.message = None;
                    self.notice = None;
                }
                Err(e) => self.message = Some(e.text(lang)),
            },
            GridAction::SaveSheet(scorer) => {
                let id = &meeting.config().members[scorer].id;
                let default = meeting
                    .file
                    .path()
                    .with_file_name(format!("phieu-{id}.json"));
                let Some(path) = self.save_target("thidua.sheet", &["json"], default) else {
                    return;
                };
                let Some(meeting) = &self.meeting else { return };
                let saved = crate::export::write_sheet(
                    meeting.session(),
                    scorer,
                    &path,
                    &crate::clock::now(),
                );
                match saved {
                    Ok(()) => self.notice = Some(T::SheetSaved.fill(lang, &[&path.display()])),
                    Err(e) => self.message = Some(e.text(lang)),
                }
            }
        }
    }

    /// What the network tab asked for.
    pub(super) fn on_network_action(&mut self, ctx: &egui::Context, action: NetworkAction) {
        let lang = self.lang();
        let Some(meeting) = self.meeting.as_mut() else {
            return;
        };
        match action {
            NetworkAction::Start { port } => {
                let ctx = ctx.clone();
                match meeting.start_hosting(port, move || ctx.request_repaint()) {
                    Ok(()) => self.network.error = None,
                    Err(e) => self.network.error = Some(e.text(lang)),
                }
            }
            NetworkAction::PrintSlips { base } => {
                let Some(link) = &meeting.host else { return };
                let codes = link.running.host.codes();
                let pdf =
                    crate::export::slips::slips_for_codes(meeting.config(), &codes, &base, lang);
                let Some(target) = self.beside_meeting("ma-tham-gia", "pdf") else {
                    return;
                };
                let Some(target) = self.save_target("pdf", &["pdf"], target) else {
                    return;
                };
                let written = pdf.and_then(|bytes| {
                    crate::store::files::write_atomically(&target, &bytes)
                        .map_err(|e| e.to_string())
                });
                match written {
                    Ok(()) => {
                        self.network.error = None;
                        self.notice = Some(T::Exported.fill(lang, &[&target.display()]));
                    }
                    Err(e) => self.network.error = Some(format!("{}: {e}", target.display())),
                }
            }
            NetworkAction::Publish(published) => {
                if let Some(link) = &meeting.host {
                    link.running.host.set_published(published);
                }
            }
            NetworkAction::Reissue(scorer) => {
                let Some(link) = &meeting.host else { return };
                match link.running.host.reissue(&scorer) {
                    Ok(Some(code)) => {
                        let short = meeting
                            .config()
                            .member(&scorer)
                            .map_or(scorer.clone(), |m| {
                                meeting.config().members[m].short.clone()
                            });
                        self.network.error = None;
                        self.notice = Some(T::NetReissued.fill(
                            lang,
                            &[&short, &crate::model::grant::pin_for_people(&code.pin)],
                        ));
                    }
                    Ok(None) => {}
                    Err(e) => self.network.error = Some(e.text(lang)),
                }
            }
        }
    }

    /// What the chair's tab asked for.
    pub(super) fn on_chair_action(&mut self, action: ChairAction) {
        let lang = self.lang();
        let paths = match action {
            ChairAction::Record(by, event) => {
                if let Some(meeting) = self.meeting.as_mut() {
                    match meeting.record(by, event) {
                        Ok(()) => {
                            self.message = None;
                            self.notice = None;
                        }
                        Err(e) => self.message = Some(e.text(lang)),
                    }
                }
                return;
            }
            ChairAction::ImportSheets(paths) => paths,
            ChairAction::PickSheets => {
                if !self.options.file_dialogs {
                    return;
                }
                match dialogs::open_files("thidua.sheet", &["json"]) {
                    Ok(Some(paths)) => paths,
                    _ => return,
                }
            }
        };
        if let Some(meeting) = self.meeting.as_mut() {
            self.chair.import_report = import_all(meeting, &paths, lang);
        }
    }

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        // Sheets dropped on an open meeting are imported; anything else is opened.
        if matches!(self.screen, Screen::Meeting)
            && !dropped.is_empty()
            && dropped.iter().all(|p| looks_like_sheet(p))
            && let Some(meeting) = self.meeting.as_mut()
        {
            self.chair.import_report = import_all(meeting, &dropped, self.prefs.lang());
            self.tab = Tab::Chair;
            return;
        }
        if let Some(path) = dropped.into_iter().next() {
            self.open(&path);
        }
    }
}

pub(super) fn import_all(
    meeting: &mut OpenMeeting,
    paths: &[PathBuf],
    lang: Lang,
) -> Vec<(bool, String)> {
    paths
        .iter()
        .map(|p| match meeting.import_sheet_file(p, lang) {
            Ok(line) => (true, line),
            Err(line) => (false, line),
        })
        .collect()
}

/// Whether a file says it is a delegate sheet (only its first bytes are read).
fn looks_like_sheet(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 4096];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    String::from_utf8_lossy(&head[..n]).contains(crate::model::sheet::SHEET_FORMAT)
}

fn read_config_bytes(path: &Path, lang: Lang) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.len() > crate::model::reader::MAX_FILE_BYTES {
        return Err(crate::model::problem::Issue::TooLarge {
            size: meta.len(),
            limit: crate::model::reader::MAX_FILE_BYTES,
        }
        .text(lang));
    }
    std::fs::read(path).map_err(|e| e.to_string())
}
