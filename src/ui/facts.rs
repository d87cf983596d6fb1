//! The chair's figures (version 2): the items the chair enters once per member, typed
//! into the same grid the delegates score in, one column per member. Every value is
//! a `fact` event by the chair; each delegate's sheet shows it.

use super::grid::{self, GridInput, GridOutput, GridView};
use super::i18n::{Lang, T};
use super::meeting::OpenMeeting;
use super::style;
use crate::model::event::{Actor, Event};
use crate::model::points::Points;
use crate::model::sheet_points::FactCache;
use crate::model::typing::{CellKey, Effect, SheetLayout, SheetTyping};
use eframe::egui::{self, RichText};

/// Which grid the facts screen's focus belongs to (delegates' grids use member
/// indices).
const FACTS_GRID: usize = usize::MAX;

#[derive(Default)]
pub struct FactsState {
    pub view: GridView,
    typing: SheetTyping,
    /// The layout for the config it was made from (its hash).
    layout: Option<(String, SheetLayout)>,
    started: bool,
    /// What the message line says after this frame.
    pub line: Option<(String, style::Tone)>,
    /// The figures' points, recomputed when the meeting changes.
    fact_cache: FactCache,
    /// Who entered the cursor's figure, for (cursor, events applied, language).
    entered: Option<((CellKey, u64, Lang), Option<String>)>,
}

impl FactsState {
    /// Saves or refuses what is being typed, as when the chair leaves the cell.
    pub fn finish_typing(&mut self, meeting: &OpenMeeting) -> Vec<(Actor, Event)> {
        let Some((_, layout)) = &self.layout else {
            return Vec::new();
        };
        let session = meeting.session();
        let values = |(t, c): CellKey| session.fact(t, c);
        let effects = self.typing.leave(session.config(), layout, &values);
        effects
            .into_iter()
            .filter_map(|e| fact_event(meeting, e))
            .collect()
    }

    pub fn come_back(&mut self, ctx: &egui::Context) {
        self.view.take_focus(ctx, FACTS_GRID);
    }
}

/// Who entered the figure in the cursor's cell and when, from the meeting's history
/// (`None` while it has not been entered). Looked up again only when the cursor
/// moves or the meeting changes.
fn who_entered(meeting: &mut OpenMeeting, state: &mut FactsState, lang: Lang) -> Option<String> {
    let (_, layout) = state.layout.as_ref()?;
    let key = state.typing.cursor(layout)?;
    let last = meeting.session().event_count();
    if let Some((cached, text)) = &state.entered
        && *cached == (key, last, lang)
    {
        return text.clone();
    }
    let config = meeting.config().clone();
    let (member_id, cell_id) = (&config.members[key.0].id, &config.cells[key.1].id);
    let found = meeting
        .audit()
        .rows
        .iter()
        .rev()
        .find_map(|row| match &row.record.event {
            Event::Fact {
                member,
                item,
                value,
            } if member == member_id && item == cell_id => {
                Some((row.record.seq, row.record.at.clone(), value.is_some()))
            }
            _ => None,
        });
    let text = found
        .filter(|(_, _, entered)| *entered)
        .map(|(seq, at, _)| T::FactEnteredAt.fill(lang, &[&super::audit::when(&at), &seq]));
    state.entered = Some(((key, last, lang), text.clone()));
    text
}

fn fact_event(meeting: &OpenMeeting, effect: Effect) -> Option<(Actor, Event)> {
    let Effect::Save((member, cell), value) = effect else {
        return None;
    };
    let config = meeting.config();
    Some((
        Actor::Chair,
        Event::Fact {
            member: config.members[member].id.clone(),
            item: config.cells[cell].id.clone(),
            value,
        },
    ))
}

/// Draws the facts grid; returns the events to commit.
pub fn show(
    ui: &mut egui::Ui,
    meeting: &mut OpenMeeting,
    state: &mut FactsState,
    lang: Lang,
) -> Vec<(Actor, Event)> {
    let entered = who_entered(meeting, state, lang);
    let meeting = &*meeting;
    let session = meeting.session();
    let config = session.config();
    if state
        .layout
        .as_ref()
        .is_none_or(|(sha, _)| *sha != config.sha256)
    {
        state.layout = Some((config.sha256.clone(), SheetLayout::facts(config)));
        state.started = false;
    }
    let Some((sha, layout)) = state.layout.take() else {
        return Vec::new();
    };
    ui.label(RichText::new(T::FactsHeading.get(lang)).strong().size(18.0));
    ui.label(T::FactsExplain.get(lang));
    let missing = session.facts_missing().len();
    let status = if missing == 0 {
        T::FactsAllIn.get(lang).to_string()
    } else {
        T::FactsMissing.fill(lang, &[&missing])
    };
    ui.label(status);
    let values = |(t, c): CellKey| session.fact(t, c);
    let mut actions = Vec::new();
    if !state.started {
        state.started = true;
        if let Some(first) = SheetTyping::first_empty(&layout, &values).or(layout.keys().next()) {
            let effects = state.typing.go_to(config, &layout, first, &values);
            actions.extend(effects.into_iter().filter_map(|e| fact_event(meeting, e)));
        }
        state.view.take_focus(ui.ctx(), FACTS_GRID);
    }
    let mut fact_cache = std::mem::take(&mut state.fact_cache);
    let facts = fact_cache.get(session);
    // The footer adds up what the figures give each member.
    let totals = |t: usize| Points(facts.member_total(t));
    let input = GridInput {
        config,
        layout: &layout,
        scorer: FACTS_GRID,
        values: &values,
        facts: &values,
        fact_points: &|(t, c): CellKey| facts.of_cell(session, t, c),
        sending: None,
        locked: session.finalized || !meeting.writable(),
        totals: &totals,
        lang,
    };
    let guide_height = 2.0 * ui.text_style_height(&egui::TextStyle::Body) + 12.0;
    let available = ui.available_rect_before_wrap();
    let rect = egui::Rect::from_min_max(
        available.min,
        egui::pos2(available.right(), available.bottom() - guide_height),
    );
    let outputs = grid::show(ui, rect, &input, &mut state.view, &mut state.typing);
    state.fact_cache = fact_cache;
    ui.allocate_rect(rect, egui::Sense::hover());
    if let Some((member, cell)) = state.typing.cursor(&layout) {
        let (name, _) = grid::cell_name(config, cell, lang);
        ui.add(
            egui::Label::new(
                RichText::new(format!(
                    "{name}  ({})",
                    grid::how_to_fill(config, cell, member, lang)
                ))
                .strong(),
            )
            .truncate(),
        );
        ui.label(entered.unwrap_or_else(|| T::FactNotEntered.get(lang).to_string()));
    }
    let mut refused = None;
    for output in outputs {
        match output {
            GridOutput::Typed(Effect::Refused(key)) => refused = Some(key),
            GridOutput::Typed(effect) => actions.extend(fact_event(meeting, effect)),
            GridOutput::Submit => {}
        }
    }
    // A refused figure stays named while it stays refused, as on the sheets.
    let shown = refused.or(state
        .typing
        .cursor(&layout)
        .filter(|&k| state.typing.refusal(k).is_some()));
    state.line = shown.and_then(|key| {
        let refusal = state.typing.refusal(key)?;
        Some((
            super::scoring::refusal_line(config, key, refusal, values(key), lang),
            style::Tone::Error,
        ))
    });
    state.layout = Some((sha, layout));
    if state.view.focus_pending() {
        ui.ctx().request_repaint();
    }
    actions
}
