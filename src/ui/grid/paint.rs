//! Drawing the grid: only the rows and columns in view, each part clipped to its
//! place so the fixed names are never painted over by the scrolled cells.

use super::geometry::{Geometry, MAX_POINTS_COLUMN};
use super::{GridInput, Sending};
use crate::model::config::{AdjustmentKind, CellKind, Config, Input};
use crate::model::points::Points;
use crate::model::sheet_points::item_points;
use crate::model::typing::{CellText, Row, SheetTyping};
use crate::ui::i18n::T;
use crate::ui::style;
use eframe::egui::{self, Color32, FontId, Rect, Stroke, StrokeKind, Vec2, pos2, vec2};
use std::sync::Arc;

const HEADER_BG: Color32 = Color32::from_rgb(0xf2, 0xf5, 0xf9);
const STRIPE: Color32 = Color32::from_rgb(0xf7, 0xf8, 0xfa);
const CURSOR_FILL: Color32 = Color32::from_rgb(0xdd, 0xea, 0xf7);
const LINE: Color32 = Color32::from_gray(0xd0);

pub fn name_font(ui: &egui::Ui) -> FontId {
    let body = egui::TextStyle::Body.resolve(ui.style());
    FontId::new(body.size - 2.0, body.family)
}

fn bold_font(size: f32) -> FontId {
    FontId::new(size, style::bold())
}

fn value_font(ui: &egui::Ui) -> FontId {
    let body = egui::TextStyle::Body.resolve(ui.style());
    FontId::new(body.size + 2.0, body.family)
}

/// The item's id and name (or the adjustment's name), and its scoring guide. The two
/// cells of a plus/minus item say which count they take.
pub fn cell_name(
    config: &Config,
    cell: usize,
    lang: crate::ui::i18n::Lang,
) -> (String, Option<String>) {
    let the_cell = &config.cells[cell];
    let id = &the_cell.id;
    match the_cell.kind {
        CellKind::Item { .. } => the_cell.item.and_then(|i| config.item_at(i)).map_or_else(
            || (id.clone(), None),
            |i| {
                let part = match the_cell.input {
                    Input::Plus => format!(" — {}", T::PlusCount.get(lang)),
                    Input::Minus => format!(" — {}", T::MinusCount.get(lang)),
                    _ => String::new(),
                };
                (format!("{} {}{part}", i.id, i.name), i.guide.clone())
            },
        ),
        CellKind::Bonus | CellKind::Deduction => (
            config
                .adjustments
                .iter()
                .find(|a| &a.id == id)
                .map_or_else(|| id.clone(), |a| a.name.clone()),
            None,
        ),
    }
}

/// A member's name over its column, wrapped to at most four lines.
pub fn header_galley(
    ui: &egui::Ui,
    input: &GridInput<'_>,
    target: usize,
    width: f32,
) -> Arc<egui::Galley> {
    let mut name = input.config.members[target].short.clone();
    if target == input.scorer {
        name = format!("{name}\n{}", T::SelfScore.get(input.lang));
    }
    let font = bold_font(name_font(ui).size);
    wrapped(
        ui,
        name,
        font,
        Color32::BLACK,
        width - 8.0,
        4,
        egui::Align::Center,
    )
}

fn wrapped(
    ui: &egui::Ui,
    text: String,
    font: FontId,
    color: Color32,
    width: f32,
    rows: usize,
    align: egui::Align,
) -> Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple(text, font, color, width);
    job.wrap.max_rows = rows;
    job.halign = align;
    ui.fonts_mut(|f| f.layout_job(job))
}

pub fn header_rect(g: &Geometry, outer: Rect, offset: Vec2, column: usize) -> Rect {
    let (left, right) = g.column_span(column);
    let x0 = outer.left() + g.left_width() - offset.x;
    Rect::from_min_max(
        pos2(x0 + left, outer.top()),
        pos2(x0 + right, outer.top() + g.header_height),
    )
}

pub fn name_rect(g: &Geometry, outer: Rect, offset: Vec2, row: usize) -> Rect {
    let (top, bottom) = g.row_span(row);
    let y0 = outer.top() + g.header_height - offset.y;
    Rect::from_min_max(
        pos2(outer.left(), y0 + top),
        pos2(outer.left() + g.name_width, y0 + bottom),
    )
}

pub fn cell_rect(g: &Geometry, outer: Rect, offset: Vec2, column: usize, row: usize) -> Rect {
    let header = header_rect(g, outer, offset, column);
    let name = name_rect(g, outer, offset, row);
    Rect::from_x_y_ranges(header.x_range(), name.y_range())
}

/// How a cell is drawn.
struct Look {
    fill: Color32,
    stroke: Stroke,
    text: Color32,
}

fn look(text: &CellText, sending: Option<&Sending>, cursor: bool, locked: bool) -> Look {
    let outline = Stroke::new(1.0, style::INPUT_OUTLINE);
    let mut look = match (text, sending) {
        _ if locked => Look {
            fill: Color32::TRANSPARENT,
            stroke: Stroke::NONE,
            text: Color32::BLACK,
        },
        (CellText::Refused(_), _) | (_, Some(Sending::Refused { .. })) => Look {
            fill: style::ERROR_BG,
            stroke: Stroke::new(1.5, style::ERROR_TEXT),
            text: style::ERROR_TEXT,
        },
        (CellText::Saved(_), Some(Sending::Pending(_))) => Look {
            fill: style::WARN_BG,
            stroke: outline,
            text: style::WARN_TEXT,
        },
        _ => Look {
            fill: Color32::WHITE,
            stroke: outline,
            text: Color32::BLACK,
        },
    };
    if cursor {
        look.stroke = Stroke::new(3.0, style::ACCENT);
        if look.fill == Color32::WHITE {
            look.fill = CURSOR_FILL;
        }
    }
    look
}

pub fn grid(
    ui: &egui::Ui,
    outer: Rect,
    g: &Geometry,
    input: &GridInput<'_>,
    offset: Vec2,
    typing: &SheetTyping,
    focused: bool,
) {
    let body = g.body(outer);
    let columns = g.visible_columns(offset.x, body.width());
    let rows = g.visible_rows(offset.y, body.height());
    let cursor = typing.cursor(input.layout).filter(|_| focused);
    // The panel's own background shows between the cells: painting the whole grid
    // once more would double the pixels of every frame (drawn in software on
    // laptops without a graphics driver).

    // Rows: the stripe and the group colour across the whole width, then the cells.
    let cells = ui.painter_at(body);
    let left = ui.painter_at(Rect::from_x_y_ranges(
        outer.left()..=body.left(),
        body.y_range(),
    ));
    let sep = input.lang.decimal_separator();
    for row in rows.clone() {
        let name = name_rect(g, outer, offset, row);
        let band = Rect::from_x_y_ranges(outer.left()..=body.right(), name.y_range());
        match input.layout.rows[row] {
            Row::Group(group) => {
                left.rect_filled(band, 0.0, style::GROUP_BG);
                cells.rect_filled(band, 0.0, style::GROUP_BG);
                let config = input.config;
                let title = T::GroupMax.fill(
                    input.lang,
                    &[
                        &format!("{}. {}", config.groups[group].id, config.groups[group].name),
                        &config.groups[group].max().display(sep),
                    ],
                );
                let galley = wrapped(
                    ui,
                    title,
                    bold_font(name_font(ui).size),
                    style::ACCENT,
                    g.left_width() + body.width() - 12.0,
                    1,
                    egui::Align::LEFT,
                );
                left.galley(
                    pos2(band.left() + 6.0, band.center().y - galley.size().y / 2.0),
                    galley.clone(),
                    style::ACCENT,
                );
                cells.galley(
                    pos2(band.left() + 6.0, band.center().y - galley.size().y / 2.0),
                    galley,
                    style::ACCENT,
                );
            }
            Row::Subheading(group, h) => {
                let heading = &input.config.groups[group].headings[h];
                let indent = 6.0 + 14.0 * (heading.level.saturating_sub(1)) as f32;
                let title = match heading.cap {
                    Some(cap) => T::GroupMax.fill(
                        input.lang,
                        &[
                            &format!("{} {}", heading.id, heading.name),
                            &cap.display(sep),
                        ],
                    ),
                    None => format!("{} {}", heading.id, heading.name),
                };
                // Across the whole row, as a group's title: a heading is not cut
                // at the criteria column.
                let galley = wrapped(
                    ui,
                    title,
                    bold_font(name_font(ui).size),
                    Color32::BLACK,
                    g.left_width() + body.width() - indent - 6.0,
                    1,
                    egui::Align::LEFT,
                );
                let at = pos2(
                    band.left() + indent,
                    band.center().y - galley.size().y / 2.0,
                );
                left.galley(at, galley.clone(), Color32::BLACK);
                cells.galley(at, galley, Color32::BLACK);
            }
            Row::Fact(c) => {
                left.rect_filled(band, 0.0, STRIPE);
                cells.rect_filled(band, 0.0, STRIPE);
                let label = format!(
                    "{} ({})",
                    cell_name(input.config, c, input.lang).0,
                    T::EnteredByChairShort.get(input.lang)
                );
                let galley = wrapped(
                    ui,
                    label,
                    name_font(ui),
                    style::HINT_TEXT,
                    g.name_width - 12.0,
                    2,
                    egui::Align::LEFT,
                );
                left.galley(
                    pos2(name.left() + 6.0, name.center().y - galley.size().y / 2.0),
                    galley,
                    style::HINT_TEXT,
                );
                for column in columns.clone() {
                    let target = input.layout.targets[column];
                    let rect = cell_rect(g, outer, offset, column, row);
                    let shown = shown_value(input, (target, c), (input.facts)((target, c)));
                    cells.text(
                        rect.center(),
                        egui::Align2::CENTER_CENTER,
                        shown.text(input.lang),
                        name_font(ui),
                        style::HINT_TEXT,
                    );
                }
            }
            Row::Heading(kind) => {
                left.rect_filled(band, 0.0, style::GROUP_BG);
                cells.rect_filled(band, 0.0, style::GROUP_BG);
                let text = match kind {
                    AdjustmentKind::Bonus => T::Bonus,
                    AdjustmentKind::Deduction => T::Deduction,
                };
                left.text(
                    pos2(band.left() + 6.0, band.center().y),
                    egui::Align2::LEFT_CENTER,
                    text.get(input.lang),
                    bold_font(name_font(ui).size),
                    style::ACCENT,
                );
            }
            Row::Cell(c) => {
                if row % 2 == 0 {
                    left.rect_filled(band, 0.0, STRIPE);
                    cells.rect_filled(band, 0.0, STRIPE);
                }
                let in_cursor_row = cursor.is_some_and(|(_, cc)| cc == c);
                if in_cursor_row {
                    left.rect_filled(name, 0.0, CURSOR_FILL);
                }
                let galley = wrapped(
                    ui,
                    cell_name(input.config, c, input.lang).0,
                    name_font(ui),
                    Color32::BLACK,
                    g.name_width - 12.0,
                    2,
                    egui::Align::LEFT,
                );
                left.galley(
                    pos2(name.left() + 6.0, name.center().y - galley.size().y / 2.0),
                    galley,
                    Color32::BLACK,
                );
                left.text(
                    pos2(name.right() + MAX_POINTS_COLUMN / 2.0, name.center().y),
                    egui::Align2::CENTER_CENTER,
                    max_shown(input.config, c, sep),
                    name_font(ui),
                    Color32::BLACK,
                );
                for column in columns.clone() {
                    let key = (input.layout.targets[column], c);
                    let rect = cell_rect(g, outer, offset, column, row);
                    if input.layout.is_assigned(key) {
                        cell(ui, &cells, rect, input, typing, key, cursor == Some(key));
                    } else {
                        // Nothing to type: the item does not apply to this member.
                        cells.text(
                            rect.center(),
                            egui::Align2::CENTER_CENTER,
                            T::NotAssignedShort.get(input.lang),
                            name_font(ui),
                            style::HINT_TEXT,
                        );
                    }
                }
            }
        }
        left.hline(
            outer.left()..=body.left(),
            band.bottom(),
            Stroke::new(1.0, LINE),
        );
    }
    headers(ui, outer, g, input, offset, cursor.map(|k| k.0));
    footer(ui, outer, g, input, offset);
}

fn cell(
    ui: &egui::Ui,
    painter: &egui::Painter,
    rect: Rect,
    input: &GridInput<'_>,
    typing: &SheetTyping,
    key: (usize, usize),
    cursor: bool,
) {
    let text = typing.text_of(input.layout, key, input.values);
    let sending = input.sending.and_then(|s| s.get(&key));
    let look = look(&text, sending, cursor, input.locked);
    let inner = rect.shrink2(vec2(6.0, 5.0));
    // Square corners: a rounded outline takes several times the triangles, and a
    // 30-member grid shows some 200 cells.
    painter.rect(inner, 0.0, look.fill, look.stroke, StrokeKind::Inside);
    let plain = |text: String| Shown {
        value: text,
        points: None,
    };
    let (shown, typing_here) = match (&text, sending) {
        (CellText::Typing(t), _) => (plain(t.clone()), true),
        (CellText::Refused(r), _) => (plain(r.text.clone()), false),
        (CellText::Saved(_), Some(Sending::Pending(t) | Sending::Refused { text: t, .. })) => {
            (plain(t.clone()), false)
        }
        (CellText::Saved(v), None) => (
            match v {
                Some(_) => shown_value(input, key, *v),
                None if input.locked => plain("—".into()),
                None => plain(String::new()),
            },
            false,
        ),
    };
    let clip = painter.with_clip_rect(inner.intersect(painter.clip_rect()));
    let galley = ui.fonts_mut(|f| f.layout_no_wrap(shown.value, value_font(ui), look.text));
    // What a count or an actual gives, small at the right of its cell: with its unit
    // where it fits, the number alone where not, left out in a very narrow cell.
    let room = inner.width() - galley.size().x - 14.0;
    let points = shown.points.filter(|_| !typing_here).and_then(|p| {
        let small = |text: String| {
            ui.fonts_mut(|f| f.layout_no_wrap(text, name_font(ui), style::HINT_TEXT))
        };
        [T::PointsShort.fill(input.lang, &[&p]), p]
            .into_iter()
            .map(small)
            .find(|g| g.size().x <= room)
    });
    let has_points = points.is_some();
    if let Some(points) = points {
        clip.galley(
            pos2(
                inner.right() - 4.0 - points.size().x,
                inner.center().y - points.size().y / 2.0,
            ),
            points,
            style::HINT_TEXT,
        );
    }
    let at = if typing_here || !has_points {
        inner.center() - galley.size() / 2.0
    } else {
        pos2(inner.left() + 6.0, inner.center().y - galley.size().y / 2.0)
    };
    if typing_here {
        let caret_x = at.x + galley.size().x + 1.0;
        painter.vline(
            caret_x,
            (inner.center().y - 10.0)..=(inner.center().y + 10.0),
            Stroke::new(2.0, style::ACCENT),
        );
    }
    // A long refused text stays inside its own cell.
    clip.galley(at, galley, look.text);
}

/// What a cell shows: its value, and the points a count or an actual gives.
pub struct Shown {
    pub value: String,
    pub points: Option<String>,
}

impl Shown {
    /// For a screen reader: `3 (1,5 điểm)`.
    pub fn text(&self, lang: crate::ui::i18n::Lang) -> String {
        match &self.points {
            Some(p) => format!("{} ({})", self.value, T::PointsShort.fill(lang, &[p])),
            None => self.value.clone(),
        }
    }
}

/// The maximum beside an item's first cell: its points; nothing beside the second
/// count of a plus/minus item.
fn max_shown(config: &Config, cell: usize, sep: char) -> String {
    match config.cells[cell].input {
        Input::Minus => String::new(),
        _ => config.cells[cell]
            .item
            .and_then(|i| config.item_at(i))
            .map_or(config.cells[cell].max, |i| i.max)
            .display(sep),
    }
}

/// A saved value as a delegate reads it: points as they are, đạt/không đạt, and a
/// count or an actual with the points it gives.
pub fn shown_value(
    input: &GridInput<'_>,
    (target, c): (usize, usize),
    value: Option<Points>,
) -> Shown {
    let sep = input.lang.decimal_separator();
    let cell = &input.config.cells[c];
    let plain = |text: String| Shown {
        value: text,
        points: None,
    };
    let Some(value) = value else {
        return plain("—".into());
    };
    match cell.input {
        Input::Points => plain(value.display(sep)),
        Input::PassFail if value.0 >= 100 => plain(T::Passed.get(input.lang).into()),
        Input::PassFail => plain(T::NotPassed.get(input.lang).into()),
        // The plus count alone is not the item's points; the minus count shows them.
        Input::Plus => plain(value.display(sep)),
        Input::Count | Input::Minus | Input::Actual => {
            let Some(flat) = cell.item else {
                return plain(value.display(sep));
            };
            let from_grid = |k: usize| {
                if k == c {
                    Some(value)
                } else {
                    (input.values)((target, k))
                }
            };
            let points = if cell.by_chair {
                (input.fact_points)((target, c))
            } else {
                item_points(input.config, flat, target, &from_grid)
            };
            Shown {
                value: value.display(sep),
                points: points.map(|p| p.display(sep)),
            }
        }
    }
}

fn headers(
    ui: &egui::Ui,
    outer: Rect,
    g: &Geometry,
    input: &GridInput<'_>,
    offset: Vec2,
    cursor_target: Option<usize>,
) {
    let body = g.body(outer);
    let strip = Rect::from_x_y_ranges(outer.x_range(), outer.top()..=body.top());
    let painter = ui.painter_at(strip);
    painter.rect_filled(strip, 0.0, HEADER_BG);
    let font = bold_font(name_font(ui).size);
    left_labels(
        &painter,
        outer,
        g,
        strip,
        T::Criterion.get(input.lang),
        T::MaxColumn.get(input.lang),
        &font,
    );
    let names = ui.painter_at(Rect::from_x_y_ranges(body.x_range(), strip.y_range()));
    for column in g.visible_columns(offset.x, body.width()) {
        let t = input.layout.targets[column];
        let rect = header_rect(g, outer, offset, column);
        let current = cursor_target == Some(t);
        if current {
            names.rect_filled(rect.shrink2(vec2(1.0, 0.0)), 0.0, CURSOR_FILL);
            names.hline(
                rect.x_range(),
                rect.bottom() - 2.0,
                Stroke::new(3.0, style::ACCENT),
            );
        }
        // Centred rows lie around x = 0 in their galley.
        let galley = header_galley(ui, input, t, g.column_width);
        names.galley(
            pos2(rect.center().x, rect.center().y - galley.size().y / 2.0),
            galley,
            Color32::BLACK,
        );
        names.vline(rect.right(), rect.y_range(), Stroke::new(1.0, LINE));
    }
    painter.hline(
        strip.x_range(),
        strip.bottom(),
        Stroke::new(1.5, style::INPUT_OUTLINE),
    );
    let left_edge = outer.left() + g.left_width();
    ui.painter_at(outer).vline(
        left_edge,
        outer.y_range(),
        Stroke::new(1.5, style::INPUT_OUTLINE),
    );
}

/// A fixed strip's words in the criterion column and the maximum column.
fn left_labels(
    painter: &egui::Painter,
    outer: Rect,
    g: &Geometry,
    strip: Rect,
    name: &str,
    max: &str,
    font: &FontId,
) {
    let y = strip.center().y;
    painter.text(
        pos2(outer.left() + 6.0, y),
        egui::Align2::LEFT_CENTER,
        name,
        font.clone(),
        Color32::BLACK,
    );
    painter.text(
        pos2(outer.left() + g.name_width + MAX_POINTS_COLUMN / 2.0, y),
        egui::Align2::CENTER_CENTER,
        max,
        font.clone(),
        Color32::BLACK,
    );
}

fn footer(ui: &egui::Ui, outer: Rect, g: &Geometry, input: &GridInput<'_>, offset: Vec2) {
    let body = g.body(outer);
    let top = body.bottom() + super::geometry::SCROLLBAR;
    let strip = Rect::from_x_y_ranges(outer.x_range(), top..=outer.bottom());
    let painter = ui.painter_at(strip);
    painter.rect_filled(strip, 0.0, HEADER_BG);
    painter.hline(
        strip.x_range(),
        strip.top(),
        Stroke::new(1.5, style::INPUT_OUTLINE),
    );
    let font = bold_font(name_font(ui).size);
    let sep = input.lang.decimal_separator();
    left_labels(
        &painter,
        outer,
        g,
        strip,
        T::SheetTotal.get(input.lang),
        &input.config.max_total().display(sep),
        &font,
    );
    let totals = ui.painter_at(Rect::from_x_y_ranges(body.x_range(), strip.y_range()));
    for column in g.visible_columns(offset.x, body.width()) {
        let rect = header_rect(g, outer, offset, column);
        totals.text(
            pos2(rect.center().x, strip.center().y),
            egui::Align2::CENTER_CENTER,
            (input.totals)(input.layout.targets[column]).display(sep),
            font.clone(),
            Color32::BLACK,
        );
    }
}

pub fn scrollbar(ui: &egui::Ui, track: Rect, vertical: bool, offset: f32, view: f32, content: f32) {
    let painter = ui.painter_at(track);
    painter.rect_filled(track, 3.0, HEADER_BG);
    let (start, length) = if vertical {
        (track.top(), track.height())
    } else {
        (track.left(), track.width())
    };
    let thumb_len = (length * view / content).max(24.0).min(length);
    let thumb_start = start + (length - thumb_len) * (offset / (content - view)).clamp(0.0, 1.0);
    let thumb = if vertical {
        Rect::from_x_y_ranges(track.x_range(), thumb_start..=thumb_start + thumb_len)
    } else {
        Rect::from_x_y_ranges(thumb_start..=thumb_start + thumb_len, track.y_range())
    };
    painter.rect_filled(thumb.shrink(2.0), 4.0, style::INPUT_OUTLINE);
}
