//! The scoring grid as one widget: criteria down, the members scored across, the
//! criterion column and the member names fixed while the cells scroll under them.
//!
//! The grid keeps the keyboard focus itself and reads the frame's keys in the order
//! they were pressed, handing each to [`SheetTyping`]: so every key of a fast typist
//! or a slow laptop lands in the cell it was typed for, a refused value stays in its
//! cell while the typing moves on, and the cell being typed in is scrolled into
//! view before the frame is drawn. Only the rows and columns in view are laid out.

mod geometry;
mod paint;

pub use geometry::Geometry;
pub use paint::cell_name;

use super::i18n::{Lang, T};
use crate::model::config::Config;
use crate::model::points::Points;
use crate::model::typing::{
    CellKey, CellText, Effect, Row, SheetLayout, SheetTyping, Step, TypingKey,
};
use eframe::egui::{self, Key, Vec2};
use geometry::Measure;
use std::collections::BTreeMap;

/// A value on its way to the host, or refused by it (a delegate's own laptop).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sending {
    /// Sent, not yet committed: the cell does not look saved.
    Pending(String),
    Refused {
        text: String,
        reason: String,
    },
}

/// What the grid draws.
pub struct GridInput<'a> {
    pub config: &'a Config,
    pub layout: &'a SheetLayout,
    pub scorer: usize,
    pub values: &'a dyn Fn(CellKey) -> Option<Points>,
    /// What the chair entered for a member, for the rows of facts.
    pub facts: &'a dyn Fn(CellKey) -> Option<Points>,
    /// The points a figure the chair entered gives (they may depend on the other
    /// members' figures, so they come computed).
    pub fact_points: &'a dyn Fn(CellKey) -> Option<Points>,
    /// Values not yet committed by the host, per cell (a delegate's laptop).
    pub sending: Option<&'a BTreeMap<CellKey, Sending>>,
    /// Nothing can be typed (submitted, absent, read-only).
    pub locked: bool,
    /// Each column's sheet total, as the delegate sees it while typing.
    pub totals: &'a dyn Fn(usize) -> Points,
    pub lang: Lang,
}

/// What the grid asks of the screen around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GridOutput {
    Typed(Effect),
    Submit,
}

/// The grid's own state across frames: where it is scrolled, what it measured.
#[derive(Default)]
pub struct GridView {
    offset: Vec2,
    measured: Option<(Measure, Geometry, MeasureKey)>,
    /// The cursor moved: scroll it into view before drawing.
    reveal: bool,
    /// Frames left for the keyboard the grid asked for to arrive (it may never:
    /// a dialog opened, the sheet was locked).
    want_focus: u32,
    /// The visible part of the grid in the last frame (screen coordinates).
    pub body: Option<egui::Rect>,
    /// The grid held the keyboard in the last frame.
    had_focus: bool,
}

/// What the text measurements depend on, besides the width.
#[derive(Clone, Debug, PartialEq)]
struct MeasureKey {
    scorer: usize,
    rows: usize,
    columns: usize,
    lang: Lang,
    text_size: f32,
    config: String,
}

impl GridView {
    /// Asks for the keyboard (the sheet opened, a dialog closed).
    pub fn take_focus(&mut self, ctx: &egui::Context, scorer: usize) {
        ctx.memory_mut(|m| m.request_focus(focus_id(scorer)));
        self.want_focus = FOCUS_WAIT_FRAMES;
        self.reveal = true;
    }

    /// Keys must wait: the grid asked for the keyboard and does not hold it yet.
    pub fn focus_pending(&self) -> bool {
        self.want_focus > 0
    }

    /// Whether the grid holds the keyboard.
    pub fn has_focus(&self, ctx: &egui::Context, scorer: usize) -> bool {
        ctx.memory(|m| m.has_focus(focus_id(scorer)))
    }

    /// Scroll to the cursor before the next frame is drawn.
    pub fn reveal_cursor(&mut self) {
        self.reveal = true;
    }

    pub fn reset(&mut self) {
        *self = GridView {
            measured: self.measured.take(),
            ..GridView::default()
        };
    }
}

/// Frames the grid waits for the keyboard it asked for.
const FOCUS_WAIT_FRAMES: u32 = 6;

/// The id that holds the keyboard while the grid has it: one for the whole sheet,
/// so moving between cells never moves egui's focus.
pub fn focus_id(scorer: usize) -> egui::Id {
    egui::Id::unique(("score-grid", scorer))
}

/// The accessibility node of a cell (not the cursor's: that one is the grid's).
fn cell_node_id(scorer: usize, (target, cell): CellKey) -> egui::Id {
    egui::Id::unique(("score-cell", scorer, target, cell))
}

/// The spoken name of a cell: its item and member.
pub fn cell_label(config: &Config, (target, cell): CellKey, lang: Lang) -> String {
    T::CellLabel.fill(
        lang,
        &[
            &cell_word(config, cell, lang),
            &config.members[target].short,
        ],
    )
}

/// What the cursor's cell takes and how it turns into points, in a few words.
pub fn how_to_fill(config: &Config, cell: usize, target: usize, lang: Lang) -> String {
    use crate::model::config::{Input, ItemKind};
    let sep = lang.decimal_separator();
    let limits = &config.cells[cell];
    let item = limits.item.and_then(|i| config.item_at(i));
    let show = |p: Points| p.display(sep);
    match (limits.input, item.map(|i| &i.kind)) {
        (Input::PassFail, Some(_)) => {
            T::HowPassFail.fill(lang, &[&show(item.map_or(limits.max, |i| i.max))])
        }
        (Input::Count, Some(ItemKind::PerOccurrence { rate })) => T::HowCount.fill(
            lang,
            &[&show(*rate), &show(item.map_or(limits.max, |i| i.max))],
        ),
        (Input::Plus | Input::Minus, Some(ItemKind::PlusMinus(rule))) => T::HowPlusMinus.fill(
            lang,
            &[
                &show(rule.bonus_rate),
                &show(rule.penalty_rate),
                &show(rule.min),
                &show(rule.max),
            ],
        ),
        (Input::Actual, Some(ItemKind::Target { targets, .. })) => T::HowActual.fill(
            lang,
            &[
                &show(Points(targets.get(target).copied().unwrap_or(0))),
                &show(item.map_or(limits.max, |i| i.max)),
            ],
        ),
        _ => format!(
            "{}, {}",
            T::MaxShort.fill(lang, &[&limits.max.display(sep)]),
            T::Step.fill(lang, &[&limits.step.display(sep)])
        ),
    }
}

/// A row as a person names it: a criterion by its number, a bonus or a deduction by
/// its name in quotes (an adjustment's id is the config's, not the reader's).
pub fn cell_word(config: &Config, cell: usize, lang: Lang) -> String {
    let c = &config.cells[cell];
    if c.is_item() {
        return c.id.clone();
    }
    let name = config
        .adjustments
        .iter()
        .find(|a| a.id == c.id)
        .map_or(c.id.as_str(), |a| a.name.as_str());
    T::AuditAdjustment.fill(lang, &[&name])
}

/// A key of the grid's, from one input event.
enum GridKey {
    Typing(TypingKey),
    Submit,
}

fn grid_keys(event: &egui::Event) -> Option<Vec<GridKey>> {
    use GridKey::Typing as K;
    use TypingKey::Move as M;
    match event {
        egui::Event::Text(text) => Some(text.chars().map(|c| K(TypingKey::Char(c))).collect()),
        // A row copied from a spreadsheet: its first value only, never two run
        // together.
        egui::Event::Paste(text) => Some(
            text.split(['\t', '\n', '\r'])
                .next()
                .unwrap_or("")
                .trim()
                .chars()
                .map(|c| K(TypingKey::Char(c)))
                .collect(),
        ),
        egui::Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } => {
            let plain = modifiers.is_none();
            let shift = modifiers.shift_only();
            let command = modifiers.command_only();
            let k = match key {
                Key::Tab if plain => K(M(Step::Next)),
                Key::Tab if shift => K(M(Step::Previous)),
                Key::Enter if plain => K(M(Step::Down)),
                Key::Enter if shift => K(M(Step::Up)),
                Key::Enter if command => GridKey::Submit,
                Key::ArrowDown if plain => K(M(Step::Down)),
                Key::ArrowUp if plain => K(M(Step::Up)),
                Key::ArrowLeft if plain => K(M(Step::Left)),
                Key::ArrowRight if plain => K(M(Step::Right)),
                Key::Backspace if plain => K(TypingKey::Backspace),
                Key::Delete if plain => K(TypingKey::Delete),
                Key::Escape if plain => K(TypingKey::Escape),
                _ => return None,
            };
            Some(vec![k])
        }
        _ => None,
    }
}

/// Draws the grid in `outer` and handles this frame's keys and clicks, in order.
pub fn show(
    ui: &mut egui::Ui,
    outer: egui::Rect,
    input: &GridInput<'_>,
    view: &mut GridView,
    typing: &mut SheetTyping,
) -> Vec<GridOutput> {
    typing.new_frame(input.values);
    typing.set_separator(input.lang.decimal_separator());
    let geometry = measure(ui, outer.width(), input, view);
    let body = geometry.body(outer);
    view.body = Some(body);
    let id = focus_id(input.scorer);
    if view.want_focus > 0 {
        // Asked again every frame until it holds: a dialog closing in the frame the
        // grid asked still blocks the grid for that frame, and egui drops the focus.
        ui.memory_mut(|m| {
            if !m.has_focus(id) {
                m.request_focus(id);
            }
        });
    }
    let response = ui.interact(body, id, egui::Sense::click());
    view.want_focus = view.want_focus.saturating_sub(1);
    let mut out = Vec::new();
    // The grid's own hold on the keyboard, not the window's: keys that arrive in the
    // frame that tells egui the window got the focus are the grid's too.
    let has_focus = ui.memory(|m| m.has_focus(id));
    let had_focus = std::mem::replace(&mut view.had_focus, has_focus);
    if has_focus && input.locked {
        // Nothing to type: Tab and the arrows go on to the rest of the screen.
        view.want_focus = 0;
    } else if has_focus {
        if had_focus {
            view.want_focus = 0;
        }
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                id,
                egui::EventFilter {
                    tab: true,
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    escape: true,
                },
            );
        });
        read_events(ui, outer, input, &geometry, view, typing, true, &mut out);
    } else {
        if typing.is_typing() {
            // The keyboard went elsewhere: what was typed is saved or refused as if
            // the delegate had left the cell.
            let effects = typing.leave(input.config, input.layout, input.values);
            out.extend(effects.into_iter().map(GridOutput::Typed));
        }
        if !input.locked {
            read_events(ui, outer, input, &geometry, view, typing, false, &mut out);
        }
    }
    scroll(ui, &response, &geometry, outer, view);
    if std::mem::take(&mut view.reveal)
        && let Some(row) = typing
            .cursor(input.layout)
            .and_then(|(_, c)| input.layout.row_of_cell(c))
    {
        let column = typing.cursor_place().0;
        view.offset = geometry.reveal(view.offset, body.size(), column, row);
    }
    view.offset = geometry.clamp(view.offset, body.size());
    let focused = has_focus && !input.locked;
    paint::grid(ui, outer, &geometry, input, view.offset, typing, focused);
    nodes(ui, &geometry, outer, input, view.offset, typing, focused);
    out
}

/// Measures the rows, the names on top and the columns once per width and text size.
fn measure(ui: &egui::Ui, width: f32, input: &GridInput<'_>, view: &mut GridView) -> Geometry {
    let text_size = egui::TextStyle::Body.resolve(ui.style()).size;
    let key = MeasureKey {
        scorer: input.scorer,
        rows: input.layout.rows.len(),
        columns: input.layout.targets.len(),
        lang: input.lang,
        text_size,
        config: input.config.sha256.clone(),
    };
    if let Some((m, g, k)) = &view.measured
        && m.width == width
        && *k == key
    {
        return g.clone();
    }
    let probe = Geometry::new(&Measure {
        width,
        columns: input.layout.targets.len(),
        row_heights: vec![],
        header_height: 0.0,
        footer_height: 0.0,
    });
    let line = ui.fonts_mut(|f| f.row_height(&paint::name_font(ui)));
    let header_height = input
        .layout
        .targets
        .iter()
        .map(|&t| {
            paint::header_galley(ui, input, t, probe.column_width)
                .size()
                .y
        })
        .fold(line, f32::max)
        + 12.0;
    let row_heights = input
        .layout
        .rows
        .iter()
        .map(|row| match row {
            Row::Cell(_) | Row::Fact(_) => (2.0 * line + 6.0).max(42.0),
            Row::Group(_) | Row::Heading(_) | Row::Subheading(..) => line + 12.0,
        })
        .collect();
    let m = Measure {
        width,
        columns: input.layout.targets.len(),
        row_heights,
        header_height,
        footer_height: line + 16.0,
    };
    let g = Geometry::new(&m);
    view.measured = Some((m, g.clone(), key));
    g
}

/// The keys and clicks of this frame, in the order they came. Without the keyboard
/// (`has_keyboard` false) only a press on a cell, or an accessibility request to
/// focus it, counts: it puts the cursor there and takes the keyboard.
#[allow(clippy::too_many_arguments)]
fn read_events(
    ui: &mut egui::Ui,
    outer: egui::Rect,
    input: &GridInput<'_>,
    geometry: &Geometry,
    view: &mut GridView,
    typing: &mut SheetTyping,
    has_keyboard: bool,
    out: &mut Vec<GridOutput>,
) {
    let events = ui.input(|i| i.events.clone());
    let body = view.body.unwrap_or(egui::Rect::NOTHING);
    let layer = ui.layer_id();
    let mut used = vec![false; events.len()];
    for (n, event) in events.iter().enumerate() {
        if !has_keyboard && pressed_in(ui, event, outer, layer) {
            // A press on the names, the totals or a scroll bar: the keyboard comes
            // back to the cell it was in.
            view.take_focus(ui.ctx(), input.scorer);
        }
        if let Some(key) = clicked_cell(ui, event, input, geometry, body, view.offset, layer) {
            let effects = typing.go_to(input.config, input.layout, key, input.values);
            out.extend(effects.into_iter().map(GridOutput::Typed));
            view.reveal = true;
            used[n] = true;
            if !has_keyboard {
                view.take_focus(ui.ctx(), input.scorer);
            }
            continue;
        }
        let Some(keys) = grid_keys(event).filter(|_| has_keyboard) else {
            continue;
        };
        used[n] = true;
        for key in keys {
            match key {
                GridKey::Typing(key) => {
                    let moves = matches!(key, TypingKey::Move(_));
                    let effects = typing.press(input.config, input.layout, key, input.values);
                    out.extend(effects.into_iter().map(GridOutput::Typed));
                    view.reveal |= moves;
                }
                GridKey::Submit => {
                    let effects = typing.leave(input.config, input.layout, input.values);
                    out.extend(effects.into_iter().map(GridOutput::Typed));
                    out.push(GridOutput::Submit);
                }
            }
        }
    }
    // What the grid took, nobody else sees (egui's own Tab navigation included).
    ui.input_mut(|i| {
        let mut n = 0;
        i.events.retain(|_| {
            n += 1;
            !used[n - 1]
        });
    });
}

/// Whether `event` is a press of the main button inside `rect`, on this layer.
fn pressed_in(ui: &egui::Ui, event: &egui::Event, rect: egui::Rect, layer: egui::LayerId) -> bool {
    matches!(
        event,
        egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed: true,
            ..
        } if rect.contains(*pos) && ui.ctx().layer_id_at(*pos) == Some(layer)
    )
}

/// The cell a pointer press or an accessibility focus request is for.
fn clicked_cell(
    ui: &egui::Ui,
    event: &egui::Event,
    input: &GridInput<'_>,
    geometry: &Geometry,
    body: egui::Rect,
    offset: Vec2,
    layer: egui::LayerId,
) -> Option<CellKey> {
    match event {
        egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed: true,
            ..
        } => {
            if !body.contains(*pos) || ui.ctx().layer_id_at(*pos) != Some(layer) {
                return None;
            }
            let (column, row) = geometry.at(*pos - body.min + offset)?;
            match input.layout.rows[row] {
                Row::Cell(c) => Some((input.layout.targets[column], c)),
                _ => None,
            }
        }
        egui::Event::AccessKitActionRequest(request)
            if request.action == egui::accesskit::Action::Focus =>
        {
            input
                .layout
                .keys()
                .find(|&k| cell_node_id(input.scorer, k).accesskit_id() == request.target_node)
        }
        _ => None,
    }
}

/// The wheel and the scroll bars move the cells (never the fixed names).
fn scroll(
    ui: &mut egui::Ui,
    response: &egui::Response,
    geometry: &Geometry,
    outer: egui::Rect,
    view: &mut GridView,
) {
    let body = geometry.body(outer);
    if response.hovered() || ui.rect_contains_pointer(outer) {
        let delta = ui.input(|i| i.smooth_scroll_delta);
        if delta != Vec2::ZERO {
            view.offset -= delta;
            ui.input_mut(|i| i.smooth_scroll_delta = Vec2::ZERO);
        }
    }
    let content = geometry.content_size();
    for vertical in [false, true] {
        let (track, length, view_length) = if vertical {
            (
                egui::Rect::from_min_max(
                    egui::pos2(body.right(), body.top()),
                    egui::pos2(body.right() + geometry::SCROLLBAR, body.bottom()),
                ),
                content.y,
                body.height(),
            )
        } else {
            (
                egui::Rect::from_min_max(
                    egui::pos2(body.left(), body.bottom()),
                    egui::pos2(body.right(), body.bottom() + geometry::SCROLLBAR),
                ),
                content.x,
                body.width(),
            )
        };
        if length <= view_length || view_length <= 0.0 {
            continue;
        }
        let id = egui::Id::unique(("score-grid-bar", vertical));
        let bar = ui.interact(track, id, egui::Sense::click_and_drag());
        let scale = length
            / if vertical {
                track.height()
            } else {
                track.width()
            };
        if bar.dragged() {
            let d = bar.drag_delta() * scale;
            if vertical {
                view.offset.y += d.y;
            } else {
                view.offset.x += d.x;
            }
        } else if bar.clicked()
            && let Some(pos) = bar.interact_pointer_pos()
        {
            let at = if vertical {
                (pos.y - track.top()) * scale - view_length / 2.0
            } else {
                (pos.x - track.left()) * scale - view_length / 2.0
            };
            if vertical {
                view.offset.y = at;
            } else {
                view.offset.x = at;
            }
        }
        let offset = if vertical {
            view.offset.y
        } else {
            view.offset.x
        };
        paint::scrollbar(ui, track, vertical, offset, view_length, length);
    }
}

/// Accessibility nodes of what is in view: the member names, the criteria, the
/// cells; the cursor's cell is the grid's own node, which holds the keyboard.
fn nodes(
    ui: &egui::Ui,
    geometry: &Geometry,
    outer: egui::Rect,
    input: &GridInput<'_>,
    offset: Vec2,
    typing: &SheetTyping,
    focused: bool,
) {
    let body = geometry.body(outer);
    let columns = geometry.visible_columns(offset.x, body.width());
    let rows = geometry.visible_rows(offset.y, body.height());
    let ctx = ui.ctx();
    ctx.accesskit_node_builder(egui::Id::unique(("score-grid-area", input.scorer)), |n| {
        n.set_role(egui::accesskit::Role::Grid);
        n.set_label(T::GridArea.get(input.lang));
        n.set_bounds(bounds(body));
    });
    // Bounds are the whole cells and names, not clipped: what lies partly under
    // the fixed columns reads as partly out of view.
    for column in columns.clone() {
        let t = input.layout.targets[column];
        let rect = paint::header_rect(geometry, outer, offset, column);
        ctx.accesskit_node_builder(
            egui::Id::unique(("score-grid-head", input.scorer, t)),
            |n| {
                n.set_role(egui::accesskit::Role::ColumnHeader);
                n.set_label(input.config.members[t].short.clone());
                n.set_bounds(bounds(rect));
            },
        );
    }
    let cursor = typing.cursor(input.layout);
    let mut cursor_shown = false;
    for row in rows {
        if let Row::Fact(c) = input.layout.rows[row] {
            fact_nodes(
                ctx,
                input,
                (geometry, outer, offset),
                row,
                c,
                columns.clone(),
            );
            continue;
        }
        let Row::Cell(c) = input.layout.rows[row] else {
            continue;
        };
        let rect = paint::name_rect(geometry, outer, offset, row);
        ctx.accesskit_node_builder(egui::Id::unique(("score-grid-row", input.scorer, c)), |n| {
            n.set_role(egui::accesskit::Role::RowHeader);
            n.set_label(paint::cell_name(input.config, c, input.lang).0);
            n.set_bounds(bounds(rect));
        });
        for column in columns.clone() {
            let key = (input.layout.targets[column], c);
            if !input.layout.is_assigned(key) {
                continue;
            }
            let rect = paint::cell_rect(geometry, outer, offset, column, row);
            let is_cursor = focused && cursor == Some(key);
            cursor_shown |= is_cursor;
            cell_node(ctx, input, typing, key, rect, is_cursor);
        }
    }
    if focused
        && !cursor_shown
        && let Some(key) = cursor
        && let Some(row) = input.layout.row_of_cell(key.1)
    {
        // Scrolled away by hand: the keyboard's node still names its cell.
        let column = typing.cursor_place().0;
        let rect = paint::cell_rect(geometry, outer, offset, column, row);
        cell_node(ctx, input, typing, key, rect, true);
    }
}

fn bounds(r: egui::Rect) -> egui::accesskit::Rect {
    egui::accesskit::Rect {
        x0: r.min.x.into(),
        y0: r.min.y.into(),
        x1: r.max.x.into(),
        y1: r.max.y.into(),
    }
}

/// A row of figures the chair entered, as a delegate's sheet shows them: read only.
fn fact_nodes(
    ctx: &egui::Context,
    input: &GridInput<'_>,
    (geometry, outer, offset): (&Geometry, egui::Rect, egui::Vec2),
    row: usize,
    c: usize,
    columns: std::ops::Range<usize>,
) {
    for column in columns {
        let key = (input.layout.targets[column], c);
        let rect = paint::cell_rect(geometry, outer, offset, column, row);
        let value = paint::shown_value(input, key, (input.facts)(key)).text(input.lang);
        ctx.accesskit_node_builder(
            egui::Id::unique(("score-grid-fact", input.scorer, key)),
            |n| {
                n.set_role(egui::accesskit::Role::Cell);
                n.set_label(cell_label(input.config, key, input.lang));
                n.set_value(value);
                n.set_read_only();
                n.set_bounds(bounds(rect));
            },
        );
    }
}

/// One cell's node: its name, what it shows, and why it was refused.
fn cell_node(
    ctx: &egui::Context,
    input: &GridInput<'_>,
    typing: &SheetTyping,
    key: CellKey,
    rect: egui::Rect,
    is_cursor: bool,
) {
    let id = if is_cursor {
        focus_id(input.scorer)
    } else {
        cell_node_id(input.scorer, key)
    };
    let sending = input.sending.and_then(|s| s.get(&key));
    let (text, reason) = match (typing.text_of(input.layout, key, input.values), sending) {
        (CellText::Typing(t), _) => (t, None),
        (CellText::Refused(r), _) => (r.text.clone(), Some(r.error.text(input.lang))),
        (CellText::Saved(_), Some(Sending::Refused { text, reason })) => {
            (text.clone(), Some(reason.clone()))
        }
        (CellText::Saved(_), Some(Sending::Pending(text))) => (
            text.clone(),
            Some(T::CellSending.get(input.lang).to_string()),
        ),
        (CellText::Saved(v), None) => (
            v.map(|_| paint::shown_value(input, key, v).text(input.lang))
                .unwrap_or_default(),
            None,
        ),
    };
    ctx.accesskit_node_builder(id, |n| {
        n.set_role(egui::accesskit::Role::TextInput);
        n.set_label(cell_label(input.config, key, input.lang));
        n.set_value(text);
        n.set_bounds(egui::accesskit::Rect {
            x0: rect.min.x.into(),
            y0: rect.min.y.into(),
            x1: rect.max.x.into(),
            y1: rect.max.y.into(),
        });
        if let Some(reason) = reason {
            n.set_description(reason);
        }
        if input.locked {
            n.set_read_only();
        } else {
            n.add_action(egui::accesskit::Action::Focus);
        }
    });
}
