//! Typing in a paper score sheet twice, at the chair's laptop: the start (whose
//! sheet, who types, the check code read from the paper), each entry in the same
//! grid as any sheet, then the comparison of the two entries, the third readings,
//! the chair's decisions on what the paper got wrong, and the sheet going in.
//! Everything typed is kept beside the meeting after every change.

use super::grid::{self, GridInput, GridOutput, GridView};
use super::i18n::{Lang, T};
use super::meeting::OpenMeeting;
use super::style;
use crate::model::event::Actor;
use crate::model::paper::{
    Comparison, Decision, Entry, Fault, PaperDraft, PaperError, Reading, check_code_matches,
    may_start,
};
use crate::model::points::Points;
use crate::model::sheet_points::FactCache;
use crate::model::typing::{CellKey, Effect, Refusal, SheetLayout, SheetTyping};
use crate::text::paper::PT;
use eframe::egui::{self, RichText};
use std::collections::BTreeMap;

/// The start form: whose sheet, who types, the check code from the paper.
#[derive(Default)]
pub struct StartForm {
    pub scorer: Option<usize>,
    pub typist: String,
    pub code: String,
    pub error: Option<String>,
    focus: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Confirm {
    DiscardEntry,
    DiscardSheet,
    Commit,
}

#[derive(Default)]
pub struct PaperState {
    /// The chair's figures' points, recomputed when the meeting changes.
    fact_cache: FactCache,
    pub start: Option<StartForm>,
    /// The scorer whose paper sheet is on screen.
    pub open: Option<usize>,
    typing: SheetTyping,
    view: GridView,
    /// The entry the typing state was made for: (scorer, entry).
    typing_for: Option<(usize, usize)>,
    layout: Option<(usize, SheetLayout)>,
    /// The comparison's fields: third readings, and the chair's points and reasons.
    thirds: BTreeMap<CellKey, String>,
    meant: BTreeMap<CellKey, (String, String)>,
    confirm: Option<Confirm>,
    /// What the last action came to (kept until the next one).
    pub message: Option<(String, bool)>,
    /// What the screen's message line should say after this frame (the window
    /// draws the line).
    pub line: Option<(String, style::Tone)>,
    /// A value was refused in this frame: newer than any older message.
    pub fresh_refusal: bool,
    /// The sheet the comparison's fields were typed for.
    fields_for: Option<usize>,
    /// The comparison of the sheet on screen, for the draft as last saved.
    compared: Option<(usize, u64, std::rc::Rc<Comparison>)>,
    /// Counts the drafts' saves, so the comparison is made again only after one.
    revision: u64,
}

impl PaperState {
    /// Keys must wait: the entry's grid asked for the keyboard and lacks it yet.
    pub fn focus_pending(&self) -> bool {
        self.open.is_some() && self.view.focus_pending()
    }

    /// Whether the entry's grid holds the keyboard.
    pub fn has_keyboard(&self, ctx: &egui::Context) -> bool {
        self.open.is_some_and(|s| self.view.has_focus(ctx, s))
    }

    /// The paper sheet comes back on screen: its grid takes the keyboard again.
    pub fn come_back(&mut self, ctx: &egui::Context) {
        if let Some(scorer) = self.open {
            self.view.take_focus(ctx, scorer);
        }
    }

    /// Gives up what is being typed in the entry (undo while typing).
    pub fn abandon_typing(&mut self) {
        self.typing.abandon();
    }

    /// Opens the start form, for `scorer` if given.
    pub fn ask(&mut self, scorer: Option<usize>) {
        self.start = Some(StartForm {
            scorer,
            focus: true,
            ..StartForm::default()
        });
    }
}

fn layout(state: &mut PaperState, meeting: &OpenMeeting, scorer: usize) -> SheetLayout {
    match &state.layout {
        Some((s, l)) if *s == scorer => l.clone(),
        _ => {
            let l = SheetLayout::new(meeting.config(), scorer);
            state.layout = Some((scorer, l.clone()));
            l
        }
    }
}

fn save(meeting: &mut OpenMeeting, state: &mut PaperState, lang: Lang) {
    state.revision += 1;
    if let Err(e) = meeting.save_paper() {
        state.message = Some((PT::NotSavedDraft.fill(lang, &[&e.text(lang)]), true));
    }
}

/// The start form, as a dialog over the scoring screen.
pub fn show_start(
    ui: &mut egui::Ui,
    meeting: &mut OpenMeeting,
    state: &mut PaperState,
    lang: Lang,
) {
    let Some(form) = state.start.as_mut() else {
        return;
    };
    let config = meeting.config().clone();
    let mut close = false;
    let mut begin = false;
    let modal = egui::Modal::new(egui::Id::unique("paper-start")).show(ui.ctx(), |ui| {
        ui.set_max_width(620.0);
        ui.heading(PT::StartTitle.get(lang));
        ui.label(PT::OpenPaperHint.get(lang));
        ui.add_space(6.0);
        let draft = form
            .scorer
            .and_then(|s| meeting.paper.get(&config.members[s].id));
        egui::Grid::new("paper-start-form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let l = ui.label(PT::WhoseSheet.get(lang));
                let chosen = form
                    .scorer
                    .map_or_else(String::new, |s| config.members[s].short.clone());
                egui::ComboBox::from_id_salt("paper-scorer")
                    .selected_text(chosen)
                    .width(260.0)
                    .show_ui(ui, |ui| {
                        for m in meeting.delegates() {
                            ui.selectable_value(
                                &mut form.scorer,
                                Some(m),
                                config.members[m].short.clone(),
                            );
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.end_row();
                if needs_code(draft) {
                    let l = ui.label(PT::Typist.get(lang));
                    let typist = ui
                        .add(
                            egui::TextEdit::singleline(&mut form.typist)
                                .desired_width(320.0)
                                .hint_text(PT::TypistHint.get(lang)),
                        )
                        .labelled_by(l.id);
                    if std::mem::take(&mut form.focus) {
                        typist.request_focus();
                    }
                    ui.end_row();
                    let l = ui.label(PT::CheckCode.get(lang));
                    ui.add(
                        egui::TextEdit::singleline(&mut form.code)
                            .desired_width(320.0)
                            .hint_text(PT::CheckCodeHint.get(lang)),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                }
            });
        ui.label(RichText::new(draft_state(draft, lang)).strong());
        if let Some(error) = &form.error {
            ui.label(RichText::new(error).color(style::ERROR_TEXT).strong());
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label = if needs_code(draft) {
                PT::Begin
            } else {
                PT::Continue
            };
            if ui
                .add_enabled(
                    form.scorer.is_some(),
                    egui::Button::new(RichText::new(label.get(lang)).strong()),
                )
                .clicked()
            {
                begin = true;
            }
            if ui.button(T::Cancel.get(lang)).clicked() {
                close = true;
            }
        });
    });
    if modal.should_close() {
        close = true;
    }
    if begin && let Some(scorer) = state.start.as_ref().and_then(|f| f.scorer) {
        match begin_entry(meeting, state, scorer) {
            Ok(()) => {
                state.start = None;
                state.open = Some(scorer);
                state.typing_for = None;
                state.message = None;
                save(meeting, state, lang);
            }
            Err(e) => {
                if let Some(form) = state.start.as_mut() {
                    form.error = Some(e.text(lang));
                }
            }
        }
    } else if close {
        state.start = None;
    }
}

/// The check code is asked for each new entry, read from the paper by its typist.
fn needs_code(draft: Option<&PaperDraft>) -> bool {
    draft.is_none_or(|d| d.typing().is_none() && d.entries.len() < 2)
}

fn draft_state(draft: Option<&PaperDraft>, lang: Lang) -> String {
    let Some(d) = draft else {
        return PT::StateNew.get(lang).into();
    };
    let typist = |n: usize| d.entries.get(n).map_or("", |e| e.typist.as_str());
    match (d.entries.len(), d.typing()) {
        (1, Some(_)) => PT::StateFirstOpen.fill(lang, &[&typist(0)]),
        (1, None) => PT::StateSecondNext.fill(lang, &[&typist(0)]),
        (_, Some(_)) => PT::StateSecondOpen.fill(lang, &[&typist(1)]),
        _ => PT::StateCompare.get(lang).into(),
    }
}

/// Starts (or continues) an entry of `scorer`'s paper sheet, after the checks.
fn begin_entry(
    meeting: &mut OpenMeeting,
    state: &PaperState,
    scorer: usize,
) -> Result<(), PaperError> {
    let Some(form) = state.start.as_ref() else {
        return Ok(());
    };
    let config = meeting.config().clone();
    let id = config.members[scorer].id.clone();
    let draft = meeting.paper.get(&id);
    if draft.is_some() && !needs_code(draft) {
        // Going on with what is there (it can always be looked at or discarded);
        // whether it may go in is asked again when it is put in.
        return Ok(());
    }
    may_start(meeting.session(), scorer)?;
    if !check_code_matches(&config, &form.code) {
        return Err(PaperError::WrongCheckCode);
    }
    let typist = crate::model::reader::nfc(form.typist.trim());
    if typist.is_empty() {
        return Err(PaperError::TypistRequired);
    }
    let draft = meeting
        .paper
        .entry(id.clone())
        .or_insert_with(|| PaperDraft::new(&id));
    draft.entries.push(Entry {
        typist,
        ..Entry::default()
    });
    Ok(())
}

/// The paper sheet on screen: an entry being typed, or the comparison.
pub fn show(ui: &mut egui::Ui, meeting: &mut OpenMeeting, state: &mut PaperState, lang: Lang) {
    let Some(scorer) = state.open else {
        return;
    };
    let id = meeting.config().members[scorer].id.clone();
    let Some(draft) = meeting.paper.get(&id).cloned() else {
        state.open = None;
        return;
    };
    let layout = layout(state, meeting, scorer);
    if state.fields_for != Some(scorer) {
        // Another sheet: what was typed in the comparison's fields was for the other.
        state.fields_for = Some(scorer);
        state.thirds.clear();
        state.meant.clear();
    }
    match draft.typing() {
        Some(entry) => entry_screen(ui, meeting, state, &layout, scorer, entry, lang),
        None if draft.entries.len() >= 2 => {
            compare_screen(ui, meeting, state, &layout, scorer, lang)
        }
        None => state.open = None,
    }
    confirm(ui, meeting, state, &layout, scorer, lang);
}

/// The paper sheet's title: whose, which entry, who types. In the colour of
/// something not yet in the meeting.
fn heading(ui: &mut egui::Ui, text: String) {
    ui.add(
        egui::Label::new(
            RichText::new(&text)
                .strong()
                .size(20.0)
                .color(style::WARN_TEXT),
        )
        .truncate(),
    )
    .on_hover_text(text);
}

/// The line above the screen: what the last action came to, else `otherwise`.
fn line_of(message: &Option<(String, bool)>, otherwise: String) -> (String, style::Tone) {
    match message {
        Some((text, true)) => (text.clone(), style::Tone::Error),
        Some((text, false)) => (text.clone(), style::Tone::Done),
        None => (otherwise, style::Tone::Notice),
    }
}

#[allow(clippy::too_many_arguments)]
fn entry_screen(
    ui: &mut egui::Ui,
    meeting: &mut OpenMeeting,
    state: &mut PaperState,
    layout: &SheetLayout,
    scorer: usize,
    entry: usize,
    lang: Lang,
) {
    let config = meeting.config().clone();
    let id = config.members[scorer].id.clone();
    let Some(draft) = meeting.paper.get(&id).cloned() else {
        return;
    };
    if state.typing_for != Some((scorer, entry)) {
        // A new entry, or one reopened after a pause or a crash: its refused cells
        // as they were, the cursor at its start.
        state.typing_for = Some((scorer, entry));
        state.typing = SheetTyping::default();
        for key in layout.keys() {
            if let Reading::Refused { error, .. } = draft.reading(&config, entry, key) {
                let text = draft.entries[entry]
                    .cells
                    .get(&crate::model::paper::cell_id(&config, key))
                    .cloned()
                    .unwrap_or_default();
                state.typing.restore_refusal(
                    key,
                    Refusal {
                        text,
                        error,
                        over: None,
                    },
                );
            }
        }
        if let Some(first) = layout.keys().next() {
            state.typing.go_to(&config, layout, first, &|_| None);
        }
        state.view.reset();
        state.view.take_focus(ui.ctx(), scorer);
    }
    let typist = draft.entries[entry].typist.clone();
    heading(
        ui,
        PT::EntryHeading.fill(
            lang,
            &[&config.members[scorer].short, &(entry + 1), &typist],
        ),
    );
    ui.horizontal(|ui| {
        if ui
            .button(RichText::new(PT::FinishEntry.fill(lang, &[&(entry + 1)])).strong())
            .clicked()
        {
            finish_entry(meeting, state, layout, scorer, entry, lang);
        }
        if ui.button(PT::Pause.get(lang)).clicked() {
            state.open = None;
        }
        // What throws work away stands apart.
        ui.add_space(48.0);
        if ui.button(PT::DiscardEntry.get(lang)).clicked() {
            state.confirm = Some(Confirm::DiscardEntry);
        }
    });
    let values = |key: CellKey| match draft.reading(&config, entry, key) {
        Reading::Value(v) => Some(v),
        _ => None,
    };
    // Taken out while the grid borrows it, put back once it is drawn.
    let mut fact_cache = std::mem::take(&mut state.fact_cache);
    let facts = fact_cache.get(meeting.session());
    let totals = |t: usize| {
        let value = |c: usize| values((t, c));
        crate::model::sheet_points::sheet_total(&config, t, &value, facts)
    };
    let fact_of = |(t, c): CellKey| meeting.session().fact(t, c);
    let input = GridInput {
        config: &config,
        layout,
        scorer,
        values: &values,
        facts: &fact_of,
        fact_points: &|(t, c): CellKey| facts.of_cell(meeting.session(), t, c),
        sending: None,
        locked: false,
        totals: &totals,
        lang,
    };
    let rect = ui.available_rect_before_wrap();
    let outputs = grid::show(ui, rect, &input, &mut state.view, &mut state.typing);
    state.fact_cache = fact_cache;
    ui.allocate_rect(rect, egui::Sense::hover());
    let effects = outputs.into_iter().filter_map(|o| match o {
        GridOutput::Typed(effect) => Some(effect),
        GridOutput::Submit => None,
    });
    let effects: Vec<Effect> = effects.collect();
    state.fresh_refusal |= effects.iter().any(|e| matches!(e, Effect::Refused(_)));
    keep(meeting, state, scorer, entry, effects, lang);
    state.line = Some(entry_line(&config, state, layout, &values, lang));
}

/// What one entry's grid saved, refused or took back goes into its draft, kept at
/// once.
fn keep(
    meeting: &mut OpenMeeting,
    state: &mut PaperState,
    scorer: usize,
    entry: usize,
    effects: Vec<Effect>,
    lang: Lang,
) {
    let config = meeting.config().clone();
    let id = &config.members[scorer].id;
    let Some(draft) = meeting.paper.get_mut(id) else {
        return;
    };
    let mut changed = false;
    for effect in effects {
        let (key, text) = match effect {
            Effect::Save(key, value) => (key, value.map(|v| v.display('.')).unwrap_or_default()),
            Effect::Refused(key) => match state.typing.refusal(key) {
                Some(r) => (key, r.text.clone()),
                None => continue,
            },
            Effect::Dropped(key) => (key, String::new()),
            Effect::PastEnd => continue,
        };
        draft.set(&config, entry, key, &text);
        changed = true;
    }
    if changed {
        save(meeting, state, lang);
    }
}

/// The entry's line: why the cursor's cell was refused, else what the last action
/// came to, else how to type.
fn entry_line(
    config: &crate::model::Config,
    state: &PaperState,
    layout: &SheetLayout,
    values: &dyn Fn(CellKey) -> Option<Points>,
    lang: Lang,
) -> (String, style::Tone) {
    let refused = state.typing.cursor(layout).and_then(|key| {
        match state.typing.text_of(layout, key, values) {
            crate::model::typing::CellText::Refused(r) => Some((key, r)),
            _ => None,
        }
    });
    match refused {
        Some(((t, c), r)) => (
            T::CellRefused.fill(
                lang,
                &[
                    &r.text,
                    &grid::cell_word(config, c, lang),
                    &config.members[t].short,
                    &r.error.text(lang),
                    &T::NothingSaved.get(lang),
                ],
            ),
            style::Tone::Error,
        ),
        None => line_of(&state.message, PT::EntryHint.get(lang).to_string()),
    }
}

fn finish_entry(
    meeting: &mut OpenMeeting,
    state: &mut PaperState,
    layout: &SheetLayout,
    scorer: usize,
    entry: usize,
    lang: Lang,
) {
    let config = meeting.config().clone();
    let id = config.members[scorer].id.clone();
    // What is being typed in the cursor's cell goes in first.
    let effects = match meeting.paper.get(&id) {
        Some(draft) => {
            let values = |key: CellKey| match draft.reading(&config, entry, key) {
                Reading::Value(v) => Some(v),
                _ => None,
            };
            state.typing.leave(&config, layout, &values)
        }
        None => Vec::new(),
    };
    keep(meeting, state, scorer, entry, effects, lang);
    if let Some(e) = meeting
        .paper
        .get_mut(&id)
        .and_then(|d| d.entries.get_mut(entry))
    {
        e.done = true;
    }
    state.typing_for = None;
    if entry == 0 {
        state.open = None;
        state.message = Some((
            PT::FirstDone.fill(lang, &[&config.members[scorer].short]),
            false,
        ));
    } else {
        state.message = None;
    }
    save(meeting, state, lang);
}

fn reading_text(reading: &Reading, lang: Lang) -> String {
    match reading {
        Reading::Blank => PT::Blank.get(lang).into(),
        r => r.display(lang.decimal_separator()),
    }
}

fn compare_screen(
    ui: &mut egui::Ui,
    meeting: &mut OpenMeeting,
    state: &mut PaperState,
    layout: &SheetLayout,
    scorer: usize,
    lang: Lang,
) {
    let config = meeting.config().clone();
    let id = config.members[scorer].id.clone();
    let Some(draft) = meeting.paper.get(&id).cloned() else {
        return;
    };
    let comparison = compared(state, &draft, &config, layout, scorer);
    let typist = |n: usize| {
        draft
            .entries
            .get(n)
            .map_or(String::new(), |e| e.typist.clone())
    };
    heading(
        ui,
        PT::CompareHeading.fill(
            lang,
            &[&config.members[scorer].short, &typist(0), &typist(1)],
        ),
    );
    ui.horizontal(|ui| {
        let ready = comparison.is_ready();
        if ui
            .add_enabled(
                ready,
                egui::Button::new(RichText::new(PT::Commit.get(lang)).strong()),
            )
            .on_disabled_hover_text(PT::CommitNeeds.get(lang))
            .clicked()
        {
            state.confirm = Some(Confirm::Commit);
        }
        if ui.button(PT::Back.get(lang)).clicked() {
            state.open = None;
        }
        ui.add_space(48.0);
        if ui.button(PT::DiscardSheet.get(lang)).clicked() {
            state.confirm = Some(Confirm::DiscardSheet);
        }
    });
    let summary = if comparison.differences.is_empty() && comparison.faults.is_empty() {
        PT::AllAgree.get(lang).to_string()
    } else {
        PT::CompareSummary.fill(
            lang,
            &[
                &comparison.differences.len(),
                &comparison.open_differences(),
                &comparison.faults.len(),
                &comparison.open_faults(),
            ],
        )
    };
    state.line = Some(line_of(&state.message, summary));
    let mut changed = false;
    egui::ScrollArea::vertical()
        .id_salt("paper-compare")
        .show(ui, |ui| {
            if !comparison.differences.is_empty() {
                ui.add_space(6.0);
                ui.heading(PT::DifferencesHeading.get(lang));
                changed |= differences(ui, meeting, state, &comparison, lang);
            }
            if !comparison.faults.is_empty() {
                ui.add_space(10.0);
                ui.heading(PT::FaultsHeading.get(lang));
                changed |= faults(ui, meeting, state, &comparison, lang);
            }
        });
    if changed {
        save(meeting, state, lang);
    }
}

fn cell_name(meeting: &OpenMeeting, (t, c): CellKey, lang: Lang) -> String {
    let config = meeting.config();
    T::CellAt.fill(
        lang,
        &[&grid::cell_word(config, c, lang), &config.members[t].short],
    )
}

/// The two entries compared, made again only after the draft was saved.
fn compared(
    state: &mut PaperState,
    draft: &PaperDraft,
    config: &crate::model::Config,
    layout: &SheetLayout,
    scorer: usize,
) -> std::rc::Rc<Comparison> {
    match &state.compared {
        Some((s, revision, c)) if *s == scorer && *revision == state.revision => c.clone(),
        _ => {
            let c = std::rc::Rc::new(draft.compare(config, layout));
            state.compared = Some((scorer, state.revision, c.clone()));
            c
        }
    }
}

/// A striped table under its five headings.
fn table(
    ui: &mut egui::Ui,
    id: &str,
    headings: [PT; 5],
    lang: Lang,
    rows: impl FnOnce(&mut egui::Ui),
) {
    egui::Grid::new(id)
        .striped(true)
        .num_columns(5)
        .spacing([18.0, 8.0])
        .show(ui, |ui| {
            for h in headings {
                ui.strong(h.get(lang));
            }
            ui.end_row();
            rows(ui);
        });
}

fn differences(
    ui: &mut egui::Ui,
    meeting: &mut OpenMeeting,
    state: &mut PaperState,
    comparison: &Comparison,
    lang: Lang,
) -> bool {
    let config = meeting.config().clone();
    let id = config.members[state.open.unwrap_or_default()].id.clone();
    let mut changed = false;
    let headings = [
        PT::ColumnCell,
        PT::ColumnFirst,
        PT::ColumnSecond,
        PT::ColumnThird,
        PT::ColumnState,
    ];
    table(ui, "paper-differences", headings, lang, |ui| {
        for d in &comparison.differences {
            let name = cell_name(meeting, d.key, lang);
            ui.label(&name);
            ui.label(RichText::new(reading_text(&d.first, lang)).size(19.0));
            ui.label(RichText::new(reading_text(&d.second, lang)).size(19.0));
            ui.horizontal(|ui| {
                // The field starts from the reading as it was typed, never rewritten.
                let stored = draft_third(meeting, &id, d.key);
                let text = state
                    .thirds
                    .entry(d.key)
                    .or_insert_with(|| stored.clone().unwrap_or_default());
                let field = ui.add(egui::TextEdit::singleline(text).desired_width(90.0));
                named(ui, &field, PT::ThirdField.fill(lang, &[&name]));
                if ui.small_button(PT::BlankButton.get(lang)).clicked() {
                    text.clear();
                    if let Some(draft) = meeting.paper.get_mut(&id) {
                        draft.set_third(&config, d.key, Some(""));
                        changed = true;
                    }
                }
            });
            let typed = state.thirds.get(&d.key).cloned().unwrap_or_default();
            let stored = draft_third(meeting, &id, d.key);
            // A reading typed is kept; a field emptied takes its reading back ("blank
            // on paper" is said with its own button).
            let wanted = match (typed.trim(), stored.as_deref()) {
                ("", Some("")) | ("", None) => stored.clone(),
                ("", Some(_)) => None,
                (t, _) => Some(t.to_string()),
            };
            if wanted != stored
                && let Some(draft) = meeting.paper.get_mut(&id)
            {
                draft.set_third(&config, d.key, wanted.as_deref());
                changed = true;
            }
            let (text, color) = match (&d.third, d.settled()) {
                (None, _) => (PT::NotTyped.get(lang), ui.visuals().weak_text_color()),
                (Some(t), Some(_)) if t.agrees(&d.first) => {
                    (PT::MatchesFirst.get(lang), style::OK_GREEN)
                }
                (Some(_), Some(_)) => (PT::MatchesSecond.get(lang), style::OK_GREEN),
                (Some(_), None) => (PT::MatchesNeither.get(lang), style::ERROR_TEXT),
            };
            ui.label(RichText::new(text).color(color).strong());
            ui.end_row();
        }
    });
    changed
}

/// A field in a table row is named by its row and column for a screen reader (and
/// the tests), and shows that name on hover.
fn named(ui: &egui::Ui, field: &egui::Response, name: String) {
    ui.ctx()
        .accesskit_node_builder(field.id, |n| n.set_label(name.clone()));
    field.clone().on_hover_text(name);
}

fn draft_third(meeting: &OpenMeeting, id: &str, key: CellKey) -> Option<String> {
    let draft = meeting.paper.get(id)?;
    draft
        .third
        .get(&crate::model::paper::cell_id(meeting.config(), key))
        .cloned()
}

fn faults(
    ui: &mut egui::Ui,
    meeting: &mut OpenMeeting,
    state: &mut PaperState,
    comparison: &Comparison,
    lang: Lang,
) -> bool {
    let config = meeting.config().clone();
    let id = config.members[state.open.unwrap_or_default()].id.clone();
    let mut changed = false;
    let headings = [
        PT::ColumnCell,
        PT::ColumnWritten,
        PT::ColumnWhy,
        PT::ColumnMeant,
        PT::ColumnReason,
    ];
    table(ui, "paper-faults", headings, lang, |ui| {
        for f in &comparison.faults {
            let name = cell_name(meeting, f.key, lang);
            ui.label(&name);
            let written = if f.written.is_empty() {
                PT::Blank.get(lang).to_string()
            } else {
                f.written
                    .replace('.', &lang.decimal_separator().to_string())
            };
            ui.label(RichText::new(written).size(19.0).color(style::ERROR_TEXT));
            ui.label(match &f.fault {
                Fault::Refused(e) => e.text(lang),
                Fault::Blank => PT::BlankFault.get(lang).into(),
            });
            let (value, reason) = state
                .meant
                .entry(f.key)
                .or_insert_with(|| match &f.decision {
                    Some(d) => (
                        d.value
                            .map(|v| v.display(lang.decimal_separator()))
                            .unwrap_or_default(),
                        d.reason.clone(),
                    ),
                    None => (String::new(), String::new()),
                });
            let field = ui.add(egui::TextEdit::singleline(value).desired_width(90.0));
            named(ui, &field, PT::MeantField.fill(lang, &[&name]));
            let field = ui.add(
                egui::TextEdit::singleline(reason)
                    .desired_width(360.0)
                    .hint_text(PT::ReasonHint.get(lang)),
            );
            named(ui, &field, PT::ReasonField.fill(lang, &[&name]));
            let decision = decision_of(&config, f.key, value, reason);
            if decision != f.decision
                && let Some(draft) = meeting.paper.get_mut(&id)
            {
                draft.decide(&config, f.key, decision);
                changed = true;
            }
            ui.end_row();
        }
    });
    changed
}

/// The chair's decision as typed: a value the cell takes (blank only where the
/// cell may be blank) and a reason; `None` until both are there.
fn decision_of(
    config: &crate::model::Config,
    key: CellKey,
    value: &str,
    reason: &str,
) -> Option<Decision> {
    let reason = reason.trim();
    if reason.is_empty() {
        return None;
    }
    let value = crate::model::typing::read_value(config, key.1, value).ok()?;
    if value.is_none() && config.cells[key.1].is_item() {
        return None;
    }
    Some(Decision {
        value,
        reason: crate::model::reader::nfc(reason),
    })
}

fn confirm(
    ui: &mut egui::Ui,
    meeting: &mut OpenMeeting,
    state: &mut PaperState,
    layout: &SheetLayout,
    scorer: usize,
    lang: Lang,
) {
    let Some(kind) = state.confirm else {
        return;
    };
    let config = meeting.config().clone();
    let id = config.members[scorer].id.clone();
    let who = config.members[scorer].short.clone();
    let Some(draft) = meeting.paper.get(&id).cloned() else {
        state.confirm = None;
        return;
    };
    let (title, text, yes) = match kind {
        Confirm::DiscardEntry => {
            let n = draft.typing().unwrap_or(0) + 1;
            (
                PT::DiscardEntry.get(lang).trim_end_matches('…').to_string(),
                PT::ConfirmDiscardEntry.fill(lang, &[&n, &who]),
                PT::Discard.get(lang),
            )
        }
        Confirm::DiscardSheet => (
            PT::DiscardSheet.get(lang).trim_end_matches('…').to_string(),
            PT::ConfirmDiscardSheet.fill(lang, &[&who]),
            PT::Discard.get(lang),
        ),
        Confirm::Commit => {
            let comparison = compared(state, &draft, &config, layout, scorer);
            let cells = comparison.agreed.values().filter(|v| v.is_some()).count();
            let typist = |n: usize| {
                draft
                    .entries
                    .get(n)
                    .map_or(String::new(), |e| e.typist.clone())
            };
            (
                PT::ConfirmCommitTitle.get(lang).to_string(),
                PT::ConfirmCommit.fill(lang, &[&who, &cells, &typist(0), &typist(1)]),
                PT::Commit.get(lang).trim_end_matches('…'),
            )
        }
    };
    let mut chosen = None;
    let modal = egui::Modal::new(egui::Id::unique("paper-confirm")).show(ui.ctx(), |ui| {
        ui.set_max_width(520.0);
        ui.heading(title);
        ui.label(text);
        ui.add_space(8.0);
        // The question's buttons stand at its foot, never where the button that
        // asked it was.
        ui.horizontal(|ui| {
            if ui.button(T::Cancel.get(lang)).clicked() {
                chosen = Some(false);
            }
            ui.add_space(24.0);
            if ui.button(RichText::new(yes).strong()).clicked() {
                chosen = Some(true);
            }
        });
    });
    if modal.should_close() {
        chosen = chosen.or(Some(false));
    }
    let Some(yes) = chosen else {
        return;
    };
    state.confirm = None;
    if !yes {
        state.view.take_focus(ui.ctx(), scorer);
        return;
    }
    match kind {
        Confirm::DiscardEntry => {
            if let Some(d) = meeting.paper.get_mut(&id) {
                if let Some(n) = d.typing() {
                    d.entries.remove(n);
                }
                if d.entries.is_empty() {
                    meeting.paper.remove(&id);
                }
            }
            state.open = None;
            state.typing_for = None;
            save(meeting, state, lang);
        }
        Confirm::DiscardSheet => {
            meeting.paper.remove(&id);
            state.open = None;
            state.thirds.clear();
            state.meant.clear();
            save(meeting, state, lang);
        }
        Confirm::Commit => match draft.events(meeting.session(), layout) {
            Err(e) => state.message = Some((e.text(lang), true)),
            Ok(events) => match meeting.record_all(Actor::Chair, events) {
                Err(e) => state.message = Some((e.text(lang), true)),
                Ok(()) => {
                    meeting.paper.remove(&id);
                    state.open = None;
                    state.thirds.clear();
                    state.meant.clear();
                    save(meeting, state, lang);
                    state.message = Some((PT::Committed.fill(lang, &[&who]), false));
                }
            },
        },
    }
}
