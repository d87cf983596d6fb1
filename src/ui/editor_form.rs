//! The cluster editor's fields: each edits one place of the config document, shows
//! the loader's problems at that place, and has a name that says which entry it is
//! ("Tiêu chí 2.3: Điểm tối đa"), for screen readers and the UI tests.

use super::i18n::Lang;
use super::style;
use crate::model::draft::{ConfigDraft, FieldKind, FieldPath, Seg, is_under};
use eframe::egui::{self, RichText, Stroke};
use std::collections::HashMap;

/// Problems by the path they name (`criteria[0].items[1].step`), each message once.
pub type ProblemsAt = HashMap<String, Vec<String>>;

pub struct Form<'a> {
    pub draft: &'a mut ConfigDraft,
    /// The focused field and its text exactly as typed (`9,` while typing `9,5`).
    pub editing: &'a mut Option<(FieldPath, String)>,
    /// A field to focus this frame (after its row moved).
    pub focus_to: &'a mut Option<FieldPath>,
    pub problems: &'a ProblemsAt,
    pub lang: Lang,
    pub changed: bool,
    /// Whether a field drawn since [`Form::start_row`] has focus.
    pub row_focused: bool,
    /// A cluster not saved yet: member ids may follow their names.
    pub new_ids: bool,
    /// An entry whose "Xóa" was pressed, waiting for the secretary to confirm.
    pub removal: &'a mut Option<Removal>,
}

/// An entry to remove once confirmed: where it is, where the button pressed was
/// (the question never stands there), and what to ask.
#[derive(Debug, Clone)]
pub struct Removal {
    pub list: FieldPath,
    pub index: usize,
    pub origin: egui::Rect,
    pub title: String,
    pub body: String,
    pub yes: String,
}

impl Removal {
    /// The question for entry `index` of `list` as the draft holds it now: which
    /// entry, by its number and name, and (for a group) how many criteria go with it.
    pub fn new(
        draft: &ConfigDraft,
        list: &FieldPath,
        index: usize,
        origin: egui::Rect,
        lang: Lang,
    ) -> Removal {
        use crate::text::editor::ED;
        let mut number: Vec<String> = list
            .0
            .iter()
            .filter_map(|seg| match seg {
                Seg::Index(i) => Some((i + 1).to_string()),
                Seg::Key(_) => None,
            })
            .collect();
        number.push((index + 1).to_string());
        let number = number.join(".");
        let kind = match list.0.last() {
            Some(Seg::Key(key)) => match key.as_str() {
                "members" => ED::EntryMember,
                "criteria" => ED::EntryGroup,
                "items" => ED::EntryItem,
                "adjustments" => ED::EntryAdjustment,
                "classes" => ED::EntryClass,
                "commendations" => ED::EntryCommendation,
                _ => ED::EntryTieBreak,
            },
            _ => ED::EntryTieBreak,
        };
        let short = kind.fill(lang, &[&number]);
        let row = list.at(index);
        let name = draft.text(&row.key("name"), lang.decimal_separator());
        let named = match name.trim() {
            "" => short.clone(),
            name => ED::EntryNamed.fill(lang, &[&short, &name]),
        };
        let mut first = named.chars();
        let named = first
            .next()
            .map_or_else(String::new, |c| c.to_uppercase().chain(first).collect());
        let body = if kind == ED::EntryGroup {
            let items = draft.len(&row.key("items"));
            ED::RemoveGroupBody.fill(lang, &[&named, &items])
        } else {
            ED::RemoveBody.fill(lang, &[&named])
        };
        Removal {
            list: list.clone(),
            index,
            origin,
            title: ED::ConfirmRemoveTitle.fill(lang, &[&short]),
            body,
            yes: ED::ConfirmRemove.fill(lang, &[&short]),
        }
    }
}

impl Form<'_> {
    fn id(path: &FieldPath) -> egui::Id {
        egui::Id::unique(("config-field", path.to_string()))
    }

    pub fn has_problem(&self, path: &FieldPath) -> bool {
        self.problems.contains_key(&path.to_string())
    }

    pub fn start_row(&mut self) {
        self.row_focused = false;
    }

    /// A one-line field.
    pub fn text(
        &mut self,
        ui: &mut egui::Ui,
        path: &FieldPath,
        kind: FieldKind,
        name: &str,
        width: f32,
    ) -> egui::Response {
        self.text_edit(ui, path, kind, name, width, 1)
    }

    /// A field of several lines (a scoring guide, a note).
    pub fn multiline(
        &mut self,
        ui: &mut egui::Ui,
        path: &FieldPath,
        kind: FieldKind,
        name: &str,
        width: f32,
        rows: usize,
    ) -> egui::Response {
        self.text_edit(ui, path, kind, name, width, rows)
    }

    fn text_edit(
        &mut self,
        ui: &mut egui::Ui,
        path: &FieldPath,
        kind: FieldKind,
        name: &str,
        width: f32,
        rows: usize,
    ) -> egui::Response {
        let separator = self.lang.decimal_separator();
        let mut buffer = match &*self.editing {
            Some((p, text)) if p == path => text.clone(),
            _ => self.draft.text(path, separator),
        };
        let before = buffer.clone();
        let edit = if rows > 1 {
            egui::TextEdit::multiline(&mut buffer).desired_rows(rows)
        } else {
            egui::TextEdit::singleline(&mut buffer)
        };
        let edit = edit.id(Self::id(path)).desired_width(width);
        let wrong = self.has_problem(path);
        let response = ui
            .scope(|ui| {
                if wrong {
                    outline_in_red(ui);
                }
                ui.add(edit)
            })
            .inner
            .accessible_name(name);
        if self.focus_to.as_ref() == Some(path) {
            response.request_focus();
            *self.focus_to = None;
        }
        if response.has_focus() {
            self.row_focused = true;
            *self.editing = Some((path.clone(), buffer.clone()));
        } else if matches!(&*self.editing, Some((p, _)) if p == path) {
            *self.editing = None;
        }
        if buffer != before {
            self.draft.set_text(path, &buffer, kind);
            self.changed = true;
        }
        response
    }

    /// A choice among fixed values; `none` offers leaving the field out. It is as
    /// wide as its longest option needs (at least `width`), whichever it shows, so a
    /// column of choices keeps the fields after it in line.
    pub fn choice(
        &mut self,
        ui: &mut egui::Ui,
        path: &FieldPath,
        options: &[(String, String)],
        none: Option<&str>,
        name: &str,
        width: f32,
    ) {
        let current = self
            .draft
            .get(path)
            .and_then(|v| v.as_str())
            .map(str::to_string);
        let shown = match &current {
            None => none.unwrap_or_default().to_string(),
            Some(value) => options
                .iter()
                .find(|(v, _)| v == value)
                .map_or_else(|| value.clone(), |(_, label)| label.clone()),
        };
        let width = choice_width(ui, options, none, width);
        let mut picked: Option<Option<String>> = None;
        let wrong = self.has_problem(path);
        ui.scope(|ui| {
            if wrong {
                outline_in_red(ui);
            }
            egui::ComboBox::from_id_salt(Self::id(path))
                .selected_text(shown)
                .width(width)
                .show_ui(ui, |ui| {
                    if let Some(none) = none
                        && ui.selectable_label(current.is_none(), none).clicked()
                    {
                        picked = Some(None);
                    }
                    for (value, label) in options {
                        if ui
                            .selectable_label(current.as_deref() == Some(value), label)
                            .clicked()
                        {
                            picked = Some(Some(value.clone()));
                        }
                    }
                })
                .response
                .accessible_name(name);
        });
        if let Some(value) = picked
            && value != current
        {
            self.draft.set(path, value.map(serde_json::Value::from));
            self.changed = true;
        }
    }

    /// A yes/no field.
    pub fn check(&mut self, ui: &mut egui::Ui, path: &FieldPath, label: &str) {
        let mut on = self
            .draft
            .get(path)
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if ui.checkbox(&mut on, label).changed() {
            self.draft.set(path, Some(serde_json::Value::Bool(on)));
            self.changed = true;
        }
    }

    /// The problems at `path` and below it, in red, each once.
    pub fn problems_under(&self, ui: &mut egui::Ui, path: &FieldPath) {
        for message in self.messages_under(path) {
            ui.label(RichText::new(message).color(style::ERROR_TEXT));
        }
    }

    /// The messages at `path` and below it, by path.
    pub fn messages_under(&self, path: &FieldPath) -> Vec<&String> {
        let prefix = path.to_string();
        let mut shown: Vec<(&String, &Vec<String>)> = self
            .problems
            .iter()
            .filter(|(at, _)| is_under(at, &prefix))
            .collect();
        shown.sort();
        shown.into_iter().flat_map(|(_, m)| m).collect()
    }

    /// The problems at exactly `path` (a list as a whole: "no members", "empty").
    pub fn problems_at(&self, ui: &mut egui::Ui, path: &FieldPath) {
        for message in self.problems.get(&path.to_string()).into_iter().flatten() {
            ui.label(RichText::new(message).color(style::ERROR_TEXT));
        }
    }

    /// Up, down and remove for entry `index` of the list at `list`, plus Alt+↑/↓
    /// while one of the row's fields has focus. Returns whether the list changed (a
    /// removal only asks here, and changes the list once confirmed).
    pub fn row_buttons(
        &mut self,
        ui: &mut egui::Ui,
        list: &FieldPath,
        index: usize,
        row_name: &str,
    ) -> bool {
        use crate::text::editor::ED;
        let len = self.draft.len(list);
        let lang = self.lang;
        let named = |what: ED| ED::RowActions.fill(lang, &[&row_name, &what.get(lang)]);
        let mut to = None;
        if ui
            .add_enabled(index > 0, egui::Button::new(ED::MoveUp.get(lang)).small())
            .accessible_name(named(ED::MoveUp))
            .clicked()
        {
            to = Some(index - 1);
        }
        if ui
            .add_enabled(
                index + 1 < len,
                egui::Button::new(ED::MoveDown.get(lang)).small(),
            )
            .accessible_name(named(ED::MoveDown))
            .clicked()
        {
            to = Some(index + 1);
        }
        if self.row_focused {
            let (up, down) = ui.input_mut(|i| {
                (
                    i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowUp),
                    i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowDown),
                )
            });
            if up && index > 0 {
                to = Some(index - 1);
            } else if down && index + 1 < len {
                to = Some(index + 1);
            }
        }
        if let Some(to) = to {
            // The field being edited keeps focus in its row's new place.
            if let Some((path, _)) = self.editing.take() {
                *self.focus_to = Some(moved(&path, list, to));
            }
            self.draft.move_entry(list, index, to);
            self.changed = true;
            return true;
        }
        // Removing asks first (see `editor::show`): "Xóa" stands next to "Xuống".
        let remove = ui
            .add(egui::Button::new(ED::Remove.get(lang)).small())
            .accessible_name(named(ED::Remove));
        if remove.clicked() {
            *self.removal = Some(Removal::new(self.draft, list, index, remove.rect, lang));
        }
        false
    }
}

/// `path` with its index in `list` replaced by `to`.
fn moved(path: &FieldPath, list: &FieldPath, to: usize) -> FieldPath {
    let mut segs = path.0.clone();
    if let Some(seg) = segs.get_mut(list.0.len())
        && path.0.starts_with(&list.0)
    {
        *seg = Seg::Index(to);
    }
    FieldPath(segs)
}

fn outline_in_red(ui: &mut egui::Ui) {
    let visuals = ui.visuals_mut();
    let red = Stroke::new(2.0, style::ERROR_TEXT);
    visuals.widgets.inactive.bg_stroke = red;
    visuals.widgets.hovered.bg_stroke = red;
    visuals.selection.stroke = red;
}

/// The width of a choice among `options` (and `none`) that fits the longest of them
/// at the current text size, at least `at_least`.
pub fn choice_width(
    ui: &egui::Ui,
    options: &[(String, String)],
    none: Option<&str>,
    at_least: f32,
) -> f32 {
    let spacing = ui.spacing();
    // The button's padding on both sides, the gap before its arrow, the arrow.
    let around = 2.0 * spacing.button_padding.x + spacing.item_spacing.x + spacing.icon_width;
    let widest = options
        .iter()
        .map(|(_, label)| label.as_str())
        .chain(none)
        .map(|label| {
            egui::WidgetText::from(label)
                .into_galley(
                    ui,
                    Some(egui::TextWrapMode::Extend),
                    f32::INFINITY,
                    egui::TextStyle::Button,
                )
                .size()
                .x
        })
        .fold(0.0, f32::max);
    (widest + around).ceil().max(at_least)
}
