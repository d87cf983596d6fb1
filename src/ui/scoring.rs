//! The scoring screen for one delegate's sheet: who scores, how far the sheet is,
//! why a value was refused, the grid, and the selected criterion's guide.
//! A value is committed (as an event) when the delegate leaves its cell; a value the
//! item does not allow is never committed and its cell says why.

use super::grid::{self, GridInput, GridOutput, GridView};
use super::i18n::{Lang, T};
use super::style;
use crate::model::Session;
use crate::model::config::Config;
use crate::model::event::{Actor, Event};
use crate::model::points::Points;
use crate::model::sheet_points::{FactCache, FactPoints};
use crate::model::typing::{CellText, Effect, SheetLayout, SheetTyping};
use eframe::egui::{self, RichText};
use std::collections::BTreeMap;

pub use crate::model::typing::CellKey;
pub use grid::Sending;

/// The sheet the grid shows: from the chair's meeting (any delegate, reopening), or
/// from a delegate's laptop joined to the host (only its own sheet).
pub struct SheetSource<'a> {
    pub session: &'a Session,
    pub delegate: usize,
    /// The delegates the chair may switch between; `None` on a delegate's laptop.
    pub delegates: Option<Vec<usize>>,
    pub writable: bool,
    /// Values not yet committed by the host, per cell (a delegate's laptop).
    pub sending: Option<&'a BTreeMap<CellKey, Sending>>,
}

impl SheetSource<'_> {
    fn config(&self) -> &Config {
        self.session.config()
    }

    fn is_chair(&self) -> bool {
        self.delegates.is_some()
    }

    fn locked(&self) -> bool {
        let scorer = self.delegate;
        self.session.is_submitted(scorer) || !self.writable || !self.session.is_present(scorer)
    }
}

/// Lines of the guide under the grid: the criterion's full name, its limits and its
/// scoring guide.
const GUIDE_LINES: f32 = 2.0;

#[derive(Default)]
pub struct GridState {
    pub view: GridView,
    /// Per delegate's sheet: the cursor, what is being typed, the refused cells.
    /// Kept while the app runs, so switching delegates and back keeps them.
    sheets: BTreeMap<usize, SheetTyping>,
    layout: Option<(usize, String, SheetLayout)>,
    /// The sheet shown in the last frame, and whether it was locked.
    shown: Option<(usize, bool)>,
    pub confirm_submit: bool,
    pub reopen_reason: Option<String>,
    /// A dialog just opened: its main control takes focus once.
    pub dialog_focus: bool,
    /// Why the sheet could not be submitted, after a try.
    pub submit_check: Option<String>,
    /// The cell refused last, named on the message line while it stays refused.
    last_refused: Option<CellKey>,
    /// What the screen's message line should say after this frame (the window
    /// draws the line, above the sheet).
    pub line: Option<(String, style::Tone)>,
    /// A value was refused in this frame: newer than any older message.
    pub fresh_refusal: bool,
    /// Submitting was asked for: judged in the next frame, once what was typed
    /// before it has been committed.
    submit_asked: bool,
    /// The chair's figures' points, recomputed when the meeting changes.
    fact_cache: FactCache,
}

impl GridState {
    /// Keys must wait: the grid asked for the keyboard and does not hold it yet.
    pub fn focus_pending(&self) -> bool {
        self.view.focus_pending()
    }

    /// Whether the grid holds the keyboard: it then reads every key of a frame in
    /// order itself.
    pub fn has_keyboard(&self, ctx: &egui::Context) -> bool {
        self.shown.is_some_and(|(s, _)| self.view.has_focus(ctx, s))
    }

    /// Shows the sheet afresh (another delegate, or the same one reopened): its
    /// first empty cell takes the cursor. Refused cells are kept.
    pub fn reset(&mut self) {
        self.shown = None;
        self.last_refused = None;
        self.confirm_submit = false;
        self.reopen_reason = None;
        self.submit_check = None;
    }

    /// The sheet comes back on screen (from another page): the grid takes the
    /// keyboard again where its cursor was.
    pub fn come_back(&mut self, ctx: &egui::Context) {
        if let Some((scorer, false)) = self.shown {
            self.view.take_focus(ctx, scorer);
        }
    }

    /// Whether text is being typed in a cell of `scorer`'s sheet.
    pub fn is_typing(&self, scorer: usize) -> bool {
        self.sheets.get(&scorer).is_some_and(SheetTyping::is_typing)
    }

    /// Gives up what is being typed (undo while typing).
    pub fn abandon_typing(&mut self, scorer: usize) {
        if let Some(sheet) = self.sheets.get_mut(&scorer) {
            sheet.abandon();
        }
    }

    /// The refused value kept in a cell, with why.
    pub fn refusal(&self, scorer: usize, key: CellKey) -> Option<&crate::model::typing::Refusal> {
        self.sheets.get(&scorer)?.refusal(key)
    }

    /// The refused cells of a sheet.
    pub fn refused_cells(&self, scorer: usize) -> Vec<CellKey> {
        self.sheets
            .get(&scorer)
            .map(|s| s.refused().map(|(k, _)| *k).collect())
            .unwrap_or_default()
    }

    /// The cell the cursor is in.
    pub fn cursor(&self, scorer: usize) -> Option<CellKey> {
        let layout = self.layout.as_ref().filter(|(s, _, _)| *s == scorer)?;
        self.sheets.get(&scorer)?.cursor(&layout.2)
    }

    /// Saves or refuses what is being typed, as if the delegate left the cell (the
    /// screen changes, another delegate is chosen).
    pub fn finish_typing(&mut self, source: &SheetSource<'_>) -> Vec<GridAction> {
        let scorer = source.delegate;
        let Some(typing) = self.sheets.get_mut(&scorer) else {
            return Vec::new();
        };
        let layout = SheetLayout::new(source.config(), scorer);
        let values = |(t, c): CellKey| source.session.score(scorer, t, c);
        let effects = typing.leave(source.config(), &layout, &values);
        effects
            .into_iter()
            .filter_map(|e| save_action(source, e))
            .collect()
    }
}

/// What the scoring screen asks the app to do.
pub enum GridAction {
    Record(Actor, Event),
    SelectDelegate(usize),
    /// Save this submitted sheet to a file for the chair's laptop.
    SaveSheet(usize),
    /// Type in this delegate's paper sheet.
    PaperSheet(usize),
}

/// The event that saves a value the grid accepted.
fn save_action(source: &SheetSource<'_>, effect: Effect) -> Option<GridAction> {
    let Effect::Save((target, cell), value) = effect else {
        return None;
    };
    let config = source.config();
    let scorer = &config.members[source.delegate].id;
    Some(GridAction::Record(
        Actor::Member(scorer.clone()),
        Event::Score {
            scorer: scorer.clone(),
            target: config.members[target].id.clone(),
            item: config.cells[cell].id.clone(),
            value,
        },
    ))
}

/// Items + bonus − deductions of one column, as the delegate sees it while typing.
pub fn sheet_total(session: &Session, scorer: usize, target: usize, facts: &FactPoints) -> Points {
    let value = |c: usize| session.score(scorer, target, c);
    crate::model::sheet_points::sheet_total(session.config(), target, &value, facts)
}

pub fn show(
    ui: &mut egui::Ui,
    source: &SheetSource<'_>,
    state: &mut GridState,
    lang: Lang,
) -> Vec<GridAction> {
    let mut actions = Vec::new();
    let scorer = source.delegate;
    let config = source.config();
    let fresh = state
        .layout
        .as_ref()
        .is_none_or(|(s, sha, _)| *s != scorer || *sha != config.sha256);
    if fresh {
        state.layout = Some((
            scorer,
            config.sha256.clone(),
            SheetLayout::new(config, scorer),
        ));
    }
    let Some((_, _, layout)) = state.layout.take() else {
        return actions;
    };
    let values = |(t, c): CellKey| source.session.score(scorer, t, c);
    let locked = source.locked();
    if std::mem::take(&mut state.submit_asked) {
        try_submit(source, state, &layout, lang);
    }
    let typing = state.sheets.entry(scorer).or_default();
    if state.shown != Some((scorer, locked)) {
        // Another sheet, or this one submitted or reopened: start at its first
        // empty cell.
        state.shown = Some((scorer, locked));
        state.view.reset();
        if let Some(first) = SheetTyping::first_empty(&layout, &values).or(layout.keys().next()) {
            let effects = typing.go_to(config, &layout, first, &values);
            actions.extend(effects.into_iter().filter_map(|e| save_action(source, e)));
        }
        if !locked {
            state.view.take_focus(ui.ctx(), scorer);
        }
    }

    header(ui, source, state, &layout, lang, locked, &mut actions);

    let guide_height = GUIDE_LINES * ui.text_style_height(&egui::TextStyle::Body) + 12.0;
    let available = ui.available_rect_before_wrap();
    let grid_rect = egui::Rect::from_min_max(
        available.min,
        egui::pos2(available.right(), available.bottom() - guide_height),
    );
    // Taken out while the grid borrows it, put back once it is drawn.
    let mut fact_cache = std::mem::take(&mut state.fact_cache);
    let facts = fact_cache.get(source.session);
    let totals = |t: usize| sheet_total(source.session, scorer, t, facts);
    let fact_of = |(t, c): CellKey| source.session.fact(t, c);
    let input = GridInput {
        config,
        layout: &layout,
        scorer,
        values: &values,
        facts: &fact_of,
        fact_points: &|(t, c): CellKey| facts.of_cell(source.session, t, c),
        sending: source.sending,
        locked,
        totals: &totals,
        lang,
    };
    let typing = state.sheets.entry(scorer).or_default();
    let before = (typing.cursor_place(), typing.is_typing());
    let outputs = grid::show(ui, grid_rect, &input, &mut state.view, typing);
    state.fact_cache = fact_cache;
    if (typing.cursor_place(), typing.is_typing()) != before {
        // The delegate went on typing: why the sheet could not be submitted is old.
        state.submit_check = None;
    }
    ui.allocate_rect(grid_rect, egui::Sense::hover());
    for output in outputs {
        match output {
            GridOutput::Typed(Effect::Refused(key)) => {
                state.last_refused = Some(key);
                state.fresh_refusal = true;
            }
            GridOutput::Typed(effect) => actions.extend(save_action(source, effect)),
            GridOutput::Submit => state.submit_asked = true,
        }
    }
    if !state.view.has_focus(ui.ctx(), scorer)
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter))
    {
        actions.extend(state.finish_typing(source));
        state.submit_asked = true;
    }
    if state.submit_asked {
        // Judged in the next frame, once what was typed before it is committed.
        ui.ctx().request_repaint();
    }
    guide(ui, config, state, &layout, scorer, lang);
    let dialog_was_open = state.confirm_submit || state.reopen_reason.is_some();
    confirm_dialogs(ui, source, state, lang, &mut actions);
    let dialog_open = state.confirm_submit || state.reopen_reason.is_some();
    if dialog_was_open && !dialog_open && !source.locked() && actions.is_empty() {
        state.view.take_focus(ui.ctx(), scorer);
    }
    state.line = Some(message(source, state, &layout, lang));
    state.layout = Some((scorer, config.sha256.clone(), layout));
    if state.view.focus_pending() {
        // The grid takes the keyboard at the start of the next frame.
        ui.ctx().request_repaint();
    }
    actions
}

/// What the message line says of a refused value: what was typed, where, why, and
/// what the cell holds instead.
pub fn refusal_line(
    config: &Config,
    (t, c): CellKey,
    refusal: &crate::model::typing::Refusal,
    saved: Option<Points>,
    lang: Lang,
) -> String {
    let saved = saved.map_or_else(
        || T::NothingSaved.get(lang).to_string(),
        |v| T::SavedValue.fill(lang, &[&v.display(lang.decimal_separator())]),
    );
    T::CellRefused.fill(
        lang,
        &[
            &refusal.text,
            &grid::cell_word(config, c, lang),
            &config.members[t].short,
            &refusal.error.text(lang),
            &saved,
        ],
    )
}

/// The cells a sheet still lacks before it can be submitted: refused ones, then
/// empty criterion cells.
fn submit_blockers(
    source: &SheetSource<'_>,
    state: &GridState,
    layout: &SheetLayout,
) -> (Vec<CellKey>, Vec<CellKey>) {
    let scorer = source.delegate;
    let config = source.config();
    let refused = state.refused_cells(scorer);
    let empty = layout
        .keys()
        .filter(|&(t, c)| config.cells[c].is_item() && source.session.score(scorer, t, c).is_none())
        .filter(|k| !refused.contains(k))
        .collect();
    (refused, empty)
}

/// Names up to five cells, then how many more.
fn name_cells(config: &Config, cells: &[CellKey], lang: Lang) -> String {
    let mut names: Vec<String> = cells
        .iter()
        .take(5)
        .map(|&(t, c)| {
            T::CellAt.fill(
                lang,
                &[&grid::cell_word(config, c, lang), &config.members[t].short],
            )
        })
        .collect();
    if cells.len() > 5 {
        names.push(T::AndMore.fill(lang, &[&(cells.len() - 5)]));
    }
    names.join(", ")
}

/// Why the sheet cannot be submitted yet, naming the cells; `None` when it can.
fn submit_problem(
    source: &SheetSource<'_>,
    state: &GridState,
    layout: &SheetLayout,
    lang: Lang,
) -> Option<String> {
    let (refused, empty) = submit_blockers(source, state, layout);
    let config = source.config();
    let mut parts = Vec::new();
    if !refused.is_empty() {
        parts.push(
            T::RefusedCells.fill(lang, &[&refused.len(), &name_cells(config, &refused, lang)]),
        );
    }
    if !empty.is_empty() {
        parts.push(T::EmptyCells.fill(lang, &[&empty.len(), &name_cells(config, &empty, lang)]));
    }
    (!parts.is_empty()).then(|| T::SubmitBlocked.fill(lang, &[&parts.join("; ")]))
}

fn try_submit(source: &SheetSource<'_>, state: &mut GridState, layout: &SheetLayout, lang: Lang) {
    if source.locked() {
        return;
    }
    match submit_problem(source, state, layout, lang) {
        Some(problem) => state.submit_check = Some(problem),
        None => {
            state.submit_check = None;
            state.confirm_submit = true;
            state.dialog_focus = true;
        }
    }
}

fn header(
    ui: &mut egui::Ui,
    source: &SheetSource<'_>,
    state: &mut GridState,
    layout: &SheetLayout,
    lang: Lang,
    locked: bool,
    actions: &mut Vec<GridAction>,
) {
    let session = source.session;
    let scorer = source.delegate;
    ui.horizontal(|ui| {
        // At the chair's laptop, whose sheet it is stands in the choice of delegate;
        // on a delegate's laptop, in the line above that says where it is sent.
        if source.is_chair() {
            delegate_choice(ui, source, lang, actions);
            ui.add_space(8.0);
        }
        if session.is_submitted(scorer) {
            ui.label(
                RichText::new(T::Submitted.get(lang))
                    .color(style::OK_GREEN)
                    .strong(),
            );
        } else if !session.is_present(scorer) {
            ui.label(
                RichText::new(T::Absent.get(lang))
                    .color(style::WARN_TEXT)
                    .strong(),
            );
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if !locked {
                // What still keeps the sheet back is worked out only while hovered.
                let submit = ui
                    .add(egui::Button::new(
                        RichText::new(T::SubmitSheet.get(lang)).strong(),
                    ))
                    .on_hover_ui(|ui| {
                        let problem = submit_problem(source, state, layout, lang);
                        ui.label(problem.as_deref().unwrap_or(T::SubmitHint.get(lang)));
                    });
                if submit.clicked() {
                    actions.extend(state.finish_typing(source));
                    state.submit_asked = true;
                }
            } else if session.is_submitted(scorer) && source.is_chair() {
                if source.writable && ui.button(T::ReopenSheet.get(lang)).clicked() {
                    state.reopen_reason = Some(String::new());
                    state.dialog_focus = true;
                }
                if ui.button(T::SaveSheet.get(lang)).clicked() {
                    actions.push(GridAction::SaveSheet(scorer));
                }
            }
            if source.is_chair()
                && source.writable
                && ui
                    .button(crate::text::paper::PT::OpenPaper.get(lang))
                    .on_hover_text(crate::text::paper::PT::OpenPaperHint.get(lang))
                    .clicked()
            {
                actions.push(GridAction::PaperSheet(scorer));
            }
            let (filled, total) = session.progress(scorer);
            let fraction = if total == 0 {
                1.0
            } else {
                filled as f32 / total as f32
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(220.0)
                    .text(T::Progress.fill(lang, &[&filled, &total])),
            );
        });
    });
}

fn delegate_choice(
    ui: &mut egui::Ui,
    source: &SheetSource<'_>,
    lang: Lang,
    actions: &mut Vec<GridAction>,
) {
    let session = source.session;
    let config = session.config();
    let scorer = source.delegate;
    let label = ui.label(T::Delegate.get(lang));
    egui::ComboBox::from_id_salt("delegate")
        .selected_text(config.members[scorer].short.clone())
        .width(220.0)
        .show_ui(ui, |ui| {
            for &m in source.delegates.as_deref().unwrap_or_default() {
                let (filled, total) = session.progress(m);
                let text = if session.is_submitted(m) {
                    format!(
                        "{} — {}",
                        config.members[m].short,
                        T::SubmittedShort.get(lang)
                    )
                } else {
                    format!("{} ({filled}/{total})", config.members[m].short)
                };
                if ui.selectable_label(m == scorer, text).clicked() {
                    actions.push(GridAction::SelectDelegate(m));
                }
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text(T::DelegateHint.get(lang));
}

/// What the message line says of the sheet: why a value was refused, why the sheet
/// cannot be submitted, or the help.
fn message(
    source: &SheetSource<'_>,
    state: &GridState,
    layout: &SheetLayout,
    lang: Lang,
) -> (String, style::Tone) {
    let scorer = source.delegate;
    let config = source.config();
    let typing = state.sheets.get(&scorer);
    let values = |(t, c): CellKey| source.session.score(scorer, t, c);
    let refused = |key: Option<CellKey>| {
        let (s, key) = (typing?, key?);
        match s.text_of(layout, key, &values) {
            CellText::Refused(r) => Some((key, r)),
            _ => None,
        }
    };
    let past_end = typing.is_some_and(SheetTyping::is_past_end);
    // The cursor's cell if it is refused; past the end, that; else the cell
    // refused last, while it stays refused.
    let refused_here = refused(typing.and_then(|s| s.cursor(layout)))
        .or_else(|| refused(state.last_refused).filter(|_| !past_end));
    // A value the chair's laptop refused (a delegate's own laptop).
    let host_refused = typing.and_then(|s| s.cursor(layout)).and_then(|key| {
        match source.sending.and_then(|m| m.get(&key)) {
            Some(Sending::Refused { reason, .. }) => Some(reason.clone()),
            _ => None,
        }
    });
    if let Some(check) = &state.submit_check {
        (check.clone(), style::Tone::Error)
    } else if let Some(reason) = host_refused {
        (reason, style::Tone::Error)
    } else if let Some((key, refusal)) = refused_here {
        (
            refusal_line(config, key, &refusal, values(key), lang),
            style::Tone::Error,
        )
    } else if past_end {
        (T::PastEnd.get(lang).to_string(), style::Tone::Notice)
    } else {
        (T::CellHelp.get(lang).to_string(), style::Tone::Hint)
    }
}

/// The criterion the cursor is in: its full name with maximum and step, then its
/// scoring guide, a line each (the whole text on hover).
fn guide(
    ui: &mut egui::Ui,
    config: &Config,
    state: &GridState,
    layout: &SheetLayout,
    scorer: usize,
    lang: Lang,
) {
    let Some((target, cell)) = state.sheets.get(&scorer).and_then(|s| s.cursor(layout)) else {
        return;
    };
    let (name, guide) = grid::cell_name(config, cell, lang);
    let first = format!(
        "{name}  ({})",
        grid::how_to_fill(config, cell, target, lang)
    );
    let second = guide.map(|g| format!("{}: {g}", T::Guide.get(lang)));
    let full = format!("{first}\n{}", second.clone().unwrap_or_default());
    ui.add(egui::Label::new(RichText::new(first).strong()).truncate())
        .on_hover_text(&full);
    if let Some(second) = second {
        ui.add(egui::Label::new(RichText::new(second).weak()).truncate())
            .on_hover_text(full);
    }
}

fn confirm_dialogs(
    ui: &mut egui::Ui,
    source: &SheetSource<'_>,
    state: &mut GridState,
    lang: Lang,
    actions: &mut Vec<GridAction>,
) {
    let config = source.config();
    let scorer = source.delegate;
    let who = config.members[scorer].short.clone();
    let id = config.members[scorer].id.clone();
    if state.confirm_submit {
        let modal = egui::Modal::new(egui::Id::unique("confirm-submit")).show(ui.ctx(), |ui| {
            ui.set_max_width(480.0);
            ui.heading(T::ConfirmSubmitTitle.get(lang));
            ui.label(T::ConfirmSubmit.fill(lang, &[&who]));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let yes = ui.button(RichText::new(T::SubmitSheet.get(lang)).strong());
                if std::mem::take(&mut state.dialog_focus) {
                    yes.request_focus();
                }
                if yes.clicked() {
                    actions.push(GridAction::Record(
                        Actor::Member(id.clone()),
                        Event::Submit { scorer: id.clone() },
                    ));
                    state.confirm_submit = false;
                }
                if ui.button(T::Cancel.get(lang)).clicked() {
                    state.confirm_submit = false;
                }
            });
        });
        if modal.should_close() {
            state.confirm_submit = false;
        }
    }
    let focus_reason = state.reopen_reason.is_some() && std::mem::take(&mut state.dialog_focus);
    if let Some(reason) = state.reopen_reason.as_mut() {
        let mut close = false;
        let modal = egui::Modal::new(egui::Id::unique("reopen")).show(ui.ctx(), |ui| {
            ui.set_max_width(520.0);
            ui.heading(T::ReopenTitle.fill(lang, &[&who]));
            ui.label(T::ReopenExplain.get(lang));
            let label = ui.label(T::Reason.get(lang));
            let field = ui
                .add(
                    egui::TextEdit::singleline(reason)
                        .desired_width(480.0)
                        .hint_text(T::ReasonHint.get(lang)),
                )
                .labelled_by(label.id);
            if focus_reason {
                field.request_focus();
            }
            ui.horizontal(|ui| {
                let ok = ui.add_enabled(
                    !reason.trim().is_empty(),
                    egui::Button::new(T::Reopen.get(lang)),
                );
                if ok.clicked() {
                    actions.push(GridAction::Record(
                        Actor::Chair,
                        Event::Reopen {
                            scorer: id.clone(),
                            reason: crate::model::reader::nfc(reason.trim()),
                        },
                    ));
                    close = true;
                }
                if ui.button(T::Cancel.get(lang)).clicked() {
                    close = true;
                }
            });
        });
        if close || modal.should_close() {
            state.reopen_reason = None;
        }
    }
}
