//! The cluster editor ("Tạo cụm mới", "Sửa cấu hình"): the secretary builds or
//! changes a cluster's config with labelled fields instead of writing JSON. Every
//! change is checked at once by the same loader as a file, and each problem shows at
//! the field it names; saving writes the canonical JSON.

use super::confirm::{self, Answer, Question};
use super::editor_form::{Form, ProblemsAt, Removal};
use super::editor_sections as sections;
use super::i18n::Lang;
use super::style;
use crate::model::config::Config;
use crate::model::draft::{ConfigDraft, FieldPath, is_under};
use crate::text::editor::ED;
use eframe::egui::{self, RichText};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Cluster,
    Members,
    Criteria,
    Adjustments,
    Scoring,
    Classes,
    Commendations,
    TieBreak,
}

const SECTIONS: [(Section, ED, &str); 8] = [
    (Section::Cluster, ED::SecCluster, "cluster"),
    (Section::Members, ED::SecMembers, "members"),
    (Section::Criteria, ED::SecCriteria, "criteria"),
    (Section::Adjustments, ED::SecAdjustments, "adjustments"),
    (Section::Scoring, ED::SecScoring, "scoring"),
    (Section::Classes, ED::SecClasses, "classes"),
    (
        Section::Commendations,
        ED::SecCommendations,
        "commendations",
    ),
    (Section::TieBreak, ED::SecTieBreak, "tie_break"),
];

pub struct EditorState {
    pub draft: ConfigDraft,
    /// The file typed or chosen to save to.
    pub path_text: String,
    /// The bytes last saved or opened, to tell unsaved changes.
    saved: Vec<u8>,
    /// Set for a new cluster, where a template can still be chosen.
    pub is_new: bool,
    pub section: Section,
    editing: Option<(FieldPath, String)>,
    focus_to: Option<FieldPath>,
    pasted_members: String,
    table: sections::TableInput,
    results_path: String,
    /// What the loader says of the current draft, recomputed on every change.
    problems: ProblemsAt,
    problem_list: Vec<String>,
    /// Problems in each of [`SECTIONS`], in their order.
    section_problems: [usize; SECTIONS.len()],
    summary: String,
    valid: bool,
    unsaved: bool,
    /// Meetings in the file's folder created from the file as opened.
    used_by: Vec<String>,
    pub message: Option<(String, bool)>,
    /// An entry to remove once the secretary confirms.
    pub removal: Option<Removal>,
    /// Whether the list of every problem is open.
    show_problems: bool,
}

pub enum EditorAction {
    Close,
}

impl EditorState {
    /// A new cluster from nothing, for `year`.
    pub fn new_cluster(year: i32, lang: Lang) -> EditorState {
        let draft = ConfigDraft::new(year);
        let untouched = draft.to_bytes();
        let mut state = EditorState::with(draft, String::new(), untouched, lang);
        state.is_new = true;
        state
    }

    /// The config file at `path`, as it is, if the editor can hold it; otherwise the
    /// loader's problems, one per line.
    pub fn open(path: &Path, lang: Lang) -> Result<EditorState, Vec<String>> {
        let bytes = std::fs::read(path).map_err(|e| vec![e.to_string()])?;
        let draft = ConfigDraft::from_bytes(&bytes)
            .map_err(|problems| problems.0.iter().map(|p| p.text(lang)).collect::<Vec<_>>())?;
        let saved = draft.to_bytes();
        let mut state = EditorState::with(draft, path.display().to_string(), saved, lang);
        state.used_by = meetings_made_from(path, &bytes);
        Ok(state)
    }

    fn with(draft: ConfigDraft, path_text: String, saved: Vec<u8>, lang: Lang) -> EditorState {
        let mut state = EditorState {
            draft,
            path_text,
            saved,
            is_new: false,
            section: Section::Cluster,
            editing: None,
            focus_to: None,
            pasted_members: String::new(),
            table: sections::TableInput::default(),
            results_path: String::new(),
            problems: ProblemsAt::new(),
            problem_list: Vec::new(),
            section_problems: [0; SECTIONS.len()],
            summary: String::new(),
            valid: false,
            unsaved: false,
            used_by: Vec::new(),
            message: None,
            removal: None,
            show_problems: false,
        };
        state.recheck(lang);
        state
    }

    /// Runs the loader over the draft and compares it with what was saved: once per
    /// change, never per frame.
    pub fn recheck(&mut self, lang: Lang) {
        self.problems.clear();
        self.problem_list.clear();
        let separator = lang.decimal_separator();
        let bytes = self.draft.to_bytes();
        self.unsaved = bytes != self.saved;
        let checked = Config::from_bytes(&bytes);
        self.section_problems = SECTIONS.map(|(_, _, key)| {
            checked.as_ref().err().map_or(0, |problems| {
                problems.0.iter().filter(|p| is_under(&p.path, key)).count()
            })
        });
        match checked {
            Ok(config) => {
                self.valid = true;
                self.summary = ED::Valid.fill(
                    lang,
                    &[
                        &config.members.len(),
                        &config.item_count(),
                        &config.max_total().display(separator),
                    ],
                );
            }
            Err(problems) => {
                self.valid = false;
                for p in &problems.0 {
                    let message = p.issue.text(lang);
                    let at = self.problems.entry(p.path.clone()).or_default();
                    if !at.contains(&message) {
                        at.push(message);
                    }
                    self.problem_list.push(if p.path.is_empty() {
                        p.issue.text(lang)
                    } else {
                        format!("{}: {}", p.path, p.issue.text(lang))
                    });
                }
                self.summary = format!(
                    "{}  {}",
                    ED::ProblemCount.fill(lang, &[&problems.0.len()]),
                    ED::MaxTotal.fill(lang, &[&self.draft.max_total().display(separator)])
                );
            }
        }
    }

    /// Every problem shown, as "path: message", for the tests and the list.
    pub fn problem_lines(&self) -> &[String] {
        &self.problem_list
    }

    pub fn unsaved(&self) -> bool {
        self.unsaved
    }

    /// Writes the canonical JSON to the path typed, through a temporary file.
    pub fn save(&mut self, lang: Lang) {
        let path = PathBuf::from(self.path_text.trim());
        if self.path_text.trim().is_empty() {
            self.message = Some((ED::NoPath.get(lang).to_string(), false));
            return;
        }
        let bytes = self.draft.to_bytes();
        match crate::store::files::write_atomically(&path, &bytes) {
            Ok(()) => {
                self.saved = bytes;
                self.unsaved = false;
                self.is_new = false;
                self.message = Some((ED::Saved.fill(lang, &[&path.display()]), true));
            }
            Err(e) => {
                self.message = Some((ED::SaveFailed.fill(lang, &[&path.display(), &e]), false));
            }
        }
    }

    fn use_template(&mut self, bytes: Option<&[u8]>, lang: Lang) {
        let draft = match bytes.map(ConfigDraft::from_bytes) {
            Some(Ok(draft)) => draft,
            _ => ConfigDraft::new(self.year()),
        };
        self.draft = draft;
        self.editing = None;
        self.recheck(lang);
    }

    fn year(&self) -> i32 {
        self.draft
            .get(&FieldPath::parse("cluster.year"))
            .and_then(serde_json::Value::as_i64)
            .map_or(2026, |y| y as i32)
    }

    /// Next year's config: year + 1 and, from this year's results file when one is
    /// given, the head and deputy the meeting agreed. Saved to a new file.
    fn copy_for_next_year(&mut self, lang: Lang) {
        let results = self.results_path.trim().to_string();
        let mut pair = None;
        let mut note = None;
        if !results.is_empty() {
            match read_next_year(Path::new(&results)) {
                Ok(Some(found)) => pair = Some(found),
                Ok(None) => note = Some(ED::NextYearNoPair.fill(lang, &[&results])),
                Err(e) => {
                    self.message = Some((ED::ResultsUnreadable.fill(lang, &[&results, &e]), false));
                    return;
                }
            }
        }
        self.draft = self
            .draft
            .for_next_year(pair.as_ref().map(|(h, d)| (h.as_str(), d.as_str())));
        let year = self.year();
        self.path_text = next_year_path(&self.path_text, year);
        self.saved.clear();
        self.used_by.clear();
        self.editing = None;
        self.recheck(lang);
        let config = self.draft.check().ok();
        let shown = |id: &str| -> String {
            config
                .as_ref()
                .and_then(|c| c.member(id).map(|m| c.members[m].short.clone()))
                .unwrap_or_else(|| id.to_string())
        };
        let text = match (&pair, note) {
            (Some((head, deputy)), _) => {
                ED::NextYearWithPair.fill(lang, &[&year, &shown(head), &shown(deputy)])
            }
            (None, Some(note)) => format!("{} {note}", ED::NextYearDone.fill(lang, &[&year])),
            (None, None) => ED::NextYearDone.fill(lang, &[&year]),
        };
        self.message = Some((text, true));
    }
}

/// `next_year` of a results document (`thidua tally --format json`): head and deputy.
fn read_next_year(path: &Path) -> Result<Option<(String, String)>, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let doc: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    let next = &doc["next_year"];
    Ok(match (next["head"].as_str(), next["deputy"].as_str()) {
        (Some(h), Some(d)) => Some((h.to_string(), d.to_string())),
        _ => None,
    })
}

/// The file name with last year's number changed (`cum-1-2024.json` → `cum-1-2025.json`),
/// or the year added.
fn next_year_path(path: &str, year: i32) -> String {
    let last = (year - 1).to_string();
    if path.contains(&last) {
        return path.replace(&last, &year.to_string());
    }
    match path.strip_suffix(".json") {
        Some(stem) if !stem.is_empty() => format!("{stem}-{year}.json"),
        _ => path.to_string(),
    }
}

/// The meeting files next to `path` created from exactly these config bytes.
fn meetings_made_from(path: &Path, bytes: &[u8]) -> Vec<String> {
    let sha = crate::model::config::sha256_hex(bytes);
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut found: Vec<String> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| crate::store::is_meeting_path(p))
        .filter(|p| crate::store::config_sha256_of(p).as_deref() == Some(sha.as_str()))
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    found.sort();
    found
}

pub fn show(ui: &mut egui::Ui, state: &mut EditorState, lang: Lang) -> Option<EditorAction> {
    let mut action = None;
    let save_keys = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::S));
    if save_keys {
        state.save(lang);
    }
    egui::Panel::top("editor-bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(ED::Title.get(lang));
            if state.is_new {
                ui.label(ED::Template.get(lang));
                for (label, bytes) in [
                    (ED::TemplateEmpty, None),
                    (ED::TemplateDistricts, Some(crate::sample::SAMPLE_CONFIG)),
                    (ED::TemplateWards, Some(crate::sample::WARDS_CONFIG)),
                ] {
                    if ui.button(label.get(lang)).clicked() {
                        state.use_template(bytes, lang);
                    }
                }
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label(ED::FileLabel.get(lang));
            ui.add(egui::TextEdit::singleline(&mut state.path_text).desired_width(520.0))
                .labelled_by(label.id);
            if ui
                .button(RichText::new(ED::Save.get(lang)).strong())
                .clicked()
            {
                state.save(lang);
            }
            let close = if state.unsaved() {
                ED::CloseUnsaved
            } else {
                ED::Close
            };
            if ui.button(close.get(lang)).clicked() {
                action = Some(EditorAction::Close);
            }
            if state.unsaved() {
                ui.label(RichText::new(ED::Unsaved.get(lang)).color(style::WARN_TEXT));
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label(ED::NextYearResults.get(lang));
            ui.add(egui::TextEdit::singleline(&mut state.results_path).desired_width(360.0))
                .labelled_by(label.id);
            if ui.button(ED::NextYear.get(lang)).clicked() {
                state.copy_for_next_year(lang);
            }
        });
        // The summary and, when there are problems, the button that opens their
        // list, on one line; then one line for what saving said (or a hint). Both
        // are always there, so the form below never moves while someone types.
        ui.horizontal(|ui| {
            let color = if state.valid {
                style::OK_GREEN
            } else {
                style::ERROR_TEXT
            };
            if !state.valid || state.show_problems {
                ui.toggle_value(&mut state.show_problems, ED::AllProblems.get(lang));
            }
            ui.add(
                egui::Label::new(RichText::new(&state.summary).strong().color(color)).truncate(),
            );
        });
        match &state.message {
            Some((text, true)) => {
                style::message_line(ui, text, style::OK_BG, style::OK_GREEN, true)
            }
            Some((text, false)) => {
                style::message_line(ui, text, style::ERROR_BG, style::ERROR_TEXT, true)
            }
            None => style::hint_line(ui, ED::EditorHint.get(lang)),
        }
        if !state.used_by.is_empty() {
            style::banner(
                ui,
                &ED::UsedByMeetings.fill(lang, &[&state.used_by.join(", ")]),
                style::WARN_BG,
                style::WARN_TEXT,
            );
        }
        // Opened on request, as tall with one problem as with none left (fixing the
        // last one does not pull the form up under the pointer).
        if state.show_problems {
            let height = 4.0 * (ui.text_style_height(&egui::TextStyle::Body) + 4.0);
            egui::ScrollArea::vertical()
                .id_salt("editor-problems")
                .max_height(height)
                .min_scrolled_height(height)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if state.problem_list.is_empty() {
                        ui.label(RichText::new(&state.summary).color(style::OK_GREEN));
                    }
                    for line in &state.problem_list {
                        ui.label(RichText::new(line).color(style::ERROR_TEXT));
                    }
                });
        }
        ui.add_space(4.0);
    });
    egui::Panel::left("editor-sections")
        .resizable(false)
        .default_size(230.0)
        .show(ui, |ui| {
            ui.add_space(6.0);
            for ((section, label, _), count) in SECTIONS.iter().zip(state.section_problems) {
                let (section, label) = (*section, *label);
                let text = if count > 0 {
                    RichText::new(ED::SectionProblems.fill(lang, &[&label.get(lang), &count]))
                        .color(style::ERROR_TEXT)
                } else {
                    RichText::new(label.get(lang))
                };
                if ui
                    .selectable_label(state.section == section, text)
                    .clicked()
                {
                    state.section = section;
                    state.editing = None;
                }
            }
            ui.add_space(12.0);
            ui.label(RichText::new(ED::ReorderHint.get(lang)).small());
        });
    egui::CentralPanel::default().show(ui, |ui| {
        let mut form = Form {
            draft: &mut state.draft,
            editing: &mut state.editing,
            focus_to: &mut state.focus_to,
            problems: &state.problems,
            lang,
            changed: false,
            row_focused: false,
            new_ids: state.is_new,
            removal: &mut state.removal,
        };
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.heading(
                    SECTIONS
                        .iter()
                        .find(|(s, _, _)| *s == state.section)
                        .map_or("", |(_, l, _)| l.get(lang)),
                );
                match state.section {
                    Section::Cluster => sections::cluster(ui, &mut form),
                    Section::Members => sections::members(ui, &mut form, &mut state.pasted_members),
                    Section::Criteria => sections::criteria(ui, &mut form, &mut state.table),
                    Section::Adjustments => sections::adjustments(ui, &mut form),
                    Section::Scoring => sections::scoring(ui, &mut form),
                    Section::Classes => sections::classes(ui, &mut form),
                    Section::Commendations => sections::commendations(ui, &mut form),
                    Section::TieBreak => sections::tie_break(ui, &mut form),
                }
            });
        if form.changed {
            state.message = None;
            state.draft.upgrade_if_needed();
            state.recheck(lang);
            ui.ctx().request_repaint();
        }
    });
    if let Some(removal) = state.removal.clone() {
        let question = Question {
            title: &removal.title,
            body: &removal.body,
            yes: &removal.yes,
            no: ED::KeepEntry.get(lang),
        };
        match confirm::ask(
            ui.ctx(),
            egui::Id::unique("confirm-remove"),
            removal.origin,
            &question,
        ) {
            Answer::Open => {}
            Answer::No => state.removal = None,
            Answer::Yes => {
                if state.draft.remove_at(&removal.list, removal.index) {
                    state.editing = None;
                    state.message = None;
                    state.recheck(lang);
                }
                state.removal = None;
                ui.ctx().request_repaint();
            }
        }
    }
    action
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_years_file_name() {
        assert_eq!(
            next_year_path("/a/cum-1-2024.json", 2025),
            "/a/cum-1-2025.json"
        );
        assert_eq!(next_year_path("/a/cum.json", 2025), "/a/cum-2025.json");
        assert_eq!(next_year_path("", 2025), "");
    }
}
