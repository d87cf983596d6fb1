//! The projector screen: large, high-contrast, readable from the back of the room.
//! The chair can hide the figures until every sheet is in, then reveal them.
//!
//! Everything fits one screen, with no scrolling, for up to about 30 members: the
//! heading at the top, the proposed commendations at the bottom, and between them
//! the ranking in one, two or three columns, whichever gives the largest type
//! (see [`plan_rows`]). Every bar uses one scale, labelled above the bars, from a
//! round value below the lowest total to a round value at or above the highest
//! (see [`BarScale`]), so different totals draw different bars.

use super::i18n::{Lang, T};
use super::meeting::OpenMeeting;
use super::style;
use crate::export::wording::{basis_sentence, unresolved_tie_reason};
use crate::model::exact::Rounded;
use crate::model::tally::{Basis, ProposalStatus, Tally};
use eframe::egui::{
    self, Align, Color32, FontFamily, FontId, Galley, Layout, Rect, RichText, Stroke, UiBuilder,
    pos2, text::LayoutJob, vec2,
};
use std::sync::Arc;

pub struct ProjectorState {
    pub open: bool,
    /// "Hide figures until all sheets are in": while a sheet is missing only the
    /// progress shows. On in a new meeting, so a partial ranking is never projected
    /// by accident while delegates still score.
    pub hide_until_all: bool,
    /// The chair revealed the figures before every sheet was in.
    pub revealed: bool,
}

impl Default for ProjectorState {
    fn default() -> ProjectorState {
        ProjectorState {
            open: false,
            hide_until_all: true,
            revealed: false,
        }
    }
}

impl ProjectorState {
    /// The figures show once every sheet is in, or earlier when the chair turned
    /// hiding off or revealed them.
    pub fn figures_visible(&self, tally: &Tally) -> bool {
        !self.hide_until_all || self.revealed || !tally.is_provisional()
    }

    /// The chair may reveal the figures now (they are hidden for a missing sheet).
    pub fn can_reveal(&self, tally: &Tally) -> bool {
        !self.figures_visible(tally)
    }

    /// The chair may hide again figures revealed while a sheet is still missing.
    pub fn can_hide_again(&self, tally: &Tally) -> bool {
        self.hide_until_all && self.revealed && tally.is_provisional()
    }
}

const INK: Color32 = Color32::from_rgb(0x10, 0x10, 0x10);
const BAR: Color32 = Color32::from_rgb(0x1f, 0x4e, 0x8c);
const DIM: Color32 = Color32::from_rgb(0x50, 0x50, 0x50);
const TRACK: Color32 = Color32::from_gray(0xe4);
const ZEBRA: Color32 = Color32::from_gray(0xf2);
const GRID: Color32 = Color32::from_gray(0xa0);
/// The provisional banner: black on signal yellow, readable from the back of a room.
/// A tie's explanation under the proposals: dark amber, apart from names and status.
const TIE_INK: Color32 = Color32::from_rgb(0x7a, 0x3e, 0x00);
const PROVISIONAL_BG: Color32 = Color32::from_rgb(0xff, 0xd4, 0x00);

// ----------------------------------------------------------------------------
// The bar scale

/// At most this many steps between the scale's ends.
const MAX_INTERVALS: i128 = 10;
/// The scale spans at least this many points.
const MIN_SPAN_POINTS: i128 = 5;

/// The stretch of points every bar shows, in units of `10^-decimals` points.
///
/// `low` is a multiple of `step` below the lowest total (at least an eighth of the
/// scale below it, and never below 0 when no total is negative); `high` is the
/// multiple of `step` at or above the highest total; `step` is 1, 2 or 5 times a
/// power of ten points, the smallest giving at most `max_intervals` steps (2 to
/// 10: as many as there is room to label). A bar's length is
/// linear in the total, so a higher total always draws a longer bar, equal totals
/// draw equal bars, and equal differences draw equal differences. The ends and the
/// steps are labelled on the screen, so the room can see where the bars start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BarScale {
    pub low: i128,
    pub high: i128,
    pub step: i128,
    pub decimals: u8,
}

impl BarScale {
    /// The scale for these totals with at most `max_intervals` steps; `None`
    /// without any total.
    pub fn new(totals: &[Rounded], max_intervals: usize) -> Option<BarScale> {
        let max_intervals = (max_intervals as i128).clamp(2, MAX_INTERVALS);
        let decimals = totals.iter().map(|t| t.decimals).max()?.min(9);
        let point = 10i128.pow(u32::from(decimals));
        let units = totals.iter().map(|&t| units_at(t, decimals));
        let min = units.clone().min()?;
        let max = units.max()?;
        let mut scale = None;
        for power in 0..24 {
            for base in [1, 2, 5] {
                let step = base * 10i128.pow(power) * point;
                let high = ceil_to(max, step);
                // The lowest bar keeps at least an eighth of the scale.
                let mut low = floor_to(
                    (8 * min - high)
                        .div_euclid(7)
                        .min(high - MIN_SPAN_POINTS * point),
                    step,
                );
                if min >= 0 {
                    low = low.max(0);
                }
                let high = high.max(low + ceil_to(MIN_SPAN_POINTS * point, step));
                let candidate = BarScale {
                    low,
                    high,
                    step,
                    decimals,
                };
                if (high - low) / step <= max_intervals {
                    return Some(candidate);
                }
                scale = Some(candidate);
            }
        }
        scale
    }

    /// How far along the scale this total lies, 0 at `low` and 1 at `high`.
    pub fn fraction(&self, total: Rounded) -> f64 {
        let span = (self.high - self.low) as f64;
        let along = if total.decimals <= self.decimals {
            (units_at(total, self.decimals) - self.low) as f64
        } else {
            total.units as f64 / 10f64.powi(i32::from(total.decimals))
                * 10f64.powi(i32::from(self.decimals))
                - self.low as f64
        };
        (along / span).clamp(0.0, 1.0)
    }

    /// The bar's length for this total in a track `width` long.
    pub fn length(&self, total: Rounded, width: f32) -> f32 {
        (self.fraction(total) * f64::from(width)) as f32
    }

    /// The labelled values, in whole points: `low`, `low + step`, … `high`.
    pub fn ticks(&self) -> Vec<(f64, String)> {
        let point = 10i128.pow(u32::from(self.decimals));
        let span = (self.high - self.low) as f64;
        let mut ticks = Vec::new();
        let mut v = self.low;
        while v <= self.high {
            ticks.push(((v - self.low) as f64 / span, (v / point).to_string()));
            v += self.step;
        }
        ticks
    }
}

fn units_at(t: Rounded, decimals: u8) -> i128 {
    let shift = decimals.saturating_sub(t.decimals);
    i128::from(t.units) * 10i128.pow(u32::from(shift))
}

fn floor_to(v: i128, step: i128) -> i128 {
    v.div_euclid(step) * step
}

fn ceil_to(v: i128, step: i128) -> i128 {
    -floor_to(-v, step)
}

// ----------------------------------------------------------------------------
// The layout

/// Row pitch as a multiple of the row's type size.
const LINE: f32 = 1.42;
/// The scale's labels above the bars, as a multiple of the row's type size.
const AXIS: f32 = 1.2;
/// Space between a row's parts, in ems.
const GAP: f32 = 0.6;
/// Space between columns, in ems.
const GUTTER: f32 = 1.6;
/// The shortest bar track, in ems.
pub const MIN_BAR: f32 = 8.0;
const MAX_COLUMNS: usize = 3;
/// Sizes relative to a row's type.
const TOTAL_SIZE: f32 = 1.05;
/// Class names are as large as the totals: the room reads both.
const CLASS_SIZE: f32 = TOTAL_SIZE;
const AXIS_SIZE: f32 = 0.72;
/// A name wider than this many ems is drawn smaller rather than widen every row.
const MAX_NAME: f32 = 13.0;

/// The widths of a row's parts in ems of the row's type (text measured by the
/// caller at that size); a part of width 0 is left out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowEms {
    pub rank: f32,
    pub name: f32,
    /// The shortest bar ([`MIN_BAR`]), or 0 without bars.
    pub bar: f32,
    pub total: f32,
    pub class: f32,
}

impl RowEms {
    fn width(&self) -> f32 {
        let parts = [self.rank, self.name, self.bar, self.total, self.class];
        let present = parts.iter().filter(|&&w| w > 0.0).count();
        parts.iter().sum::<f32>() + GAP * present.saturating_sub(1) as f32
    }
}

/// Where a ranking's rows go, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plan {
    pub columns: usize,
    /// Rows in each column (the last may have fewer).
    pub rows: usize,
    /// The row's type size.
    pub font: f32,
    pub row_height: f32,
    /// The scale's labels above the first row (0 without bars).
    pub axis_height: f32,
    pub column_width: f32,
    pub gutter: f32,
    pub gap: f32,
    pub rank: f32,
    pub name: f32,
    /// The bar track; every column's bars have this length at the top of the scale.
    pub bar: f32,
    pub total: f32,
    pub class: f32,
}

/// The ranking's layout in a `width` × `height` area for `count` rows: the number of
/// columns (1 to 3) giving the largest type, at most `max_font`, such that every row
/// fits. The bars take whatever width the other parts leave.
pub fn plan_rows(width: f32, height: f32, count: usize, ems: RowEms, max_font: f32) -> Plan {
    let count = count.max(1);
    let row_ems = ems.width();
    let axis = if ems.bar > 0.0 { AXIS } else { 0.0 };
    let mut best: Option<(usize, usize, f32)> = None;
    for columns in 1..=MAX_COLUMNS.min(count) {
        let rows = count.div_ceil(columns);
        let by_height = height / (rows as f32 * LINE + axis);
        let by_width = width / (columns as f32 * row_ems + (columns - 1) as f32 * GUTTER);
        // Whole pixels: crisper, and the same few sizes from frame to frame.
        let font = by_height.min(by_width).min(max_font).floor().max(1.0);
        // More columns only for clearly larger type.
        if best.is_none_or(|(_, _, f)| font > f * 1.05) {
            best = Some((columns, rows, font));
        }
    }
    let (columns, rows, font) = best.unwrap_or((1, count, max_font));
    let gutter = GUTTER * font;
    let column_width = (width - (columns - 1) as f32 * gutter) / columns as f32;
    let axis_height = axis * font;
    let row_height = ((height - axis_height) / rows as f32).min(font * LINE * 1.5);
    let fixed = (row_ems - ems.bar) * font;
    let bar = if ems.bar > 0.0 {
        (column_width - fixed).max(0.0)
    } else {
        0.0
    };
    Plan {
        columns,
        rows,
        font,
        row_height,
        axis_height,
        column_width,
        gutter,
        gap: GAP * font,
        rank: ems.rank * font,
        name: ems.name * font,
        bar,
        total: ems.total * font,
        class: ems.class * font,
    }
}

impl Plan {
    /// The rect of the `i`th row (column after column) in an area starting at `origin`.
    fn row(&self, origin: egui::Pos2, i: usize) -> Rect {
        let column = i / self.rows;
        let x = origin.x + column as f32 * (self.column_width + self.gutter);
        let y = origin.y + self.axis_height + (i % self.rows) as f32 * self.row_height;
        Rect::from_min_size(pos2(x, y), vec2(self.column_width, self.row_height))
    }

    /// The parts of a row: rank, name, bar, total, class.
    fn parts(&self, row: Rect) -> [Rect; 5] {
        let mut x = row.left();
        let mut next = |w: f32| {
            let r = Rect::from_min_max(pos2(x, row.top()), pos2(x + w, row.bottom()));
            if w > 0.0 {
                x += w + self.gap;
            }
            r
        };
        [
            next(self.rank),
            next(self.name),
            next(self.bar),
            next(self.total),
            next(self.class),
        ]
    }
}

// ----------------------------------------------------------------------------
// Drawing

/// Text placed in `rect`, vertically centred, left or right aligned; shortened
/// with "…" only if it does not fit after all.
fn place(
    ui: &mut egui::Ui,
    rect: Rect,
    salt: impl std::hash::Hash + std::fmt::Debug,
    text: impl Into<egui::WidgetText>,
    align: Align,
) -> egui::Response {
    let layout = if align == Align::Max {
        Layout::right_to_left(Align::Center)
    } else {
        Layout::left_to_right(Align::Center)
    };
    let mut child = ui.new_child(
        UiBuilder::new()
            .id_salt(("projector", salt))
            .max_rect(rect)
            .layout(layout),
    );
    child.add(egui::Label::new(text).selectable(false).truncate())
}

/// Widest of these texts, in ems of `family`, from the glyphs' advance widths
/// (no glyph is drawn to measure; kerning only makes the text narrower).
fn ems_of<'a>(
    painter: &egui::Painter,
    family: &FontFamily,
    texts: impl IntoIterator<Item = &'a str>,
) -> f32 {
    let font = FontId::new(100.0, family.clone());
    painter.fonts_mut(|f| {
        texts
            .into_iter()
            .map(|t| t.chars().map(|c| f.glyph_width(&font, c)).sum::<f32>() / 100.0)
            .fold(0.0, f32::max)
    })
    // A little room to spare for rounding to pixels.
    * 1.03
}

/// "HTXSNV" for "Hoàn thành xuất sắc nhiệm vụ", as written in the Front's papers;
/// `None` for names of fewer than three words.
fn abbreviation(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    (words.len() >= 3).then(|| {
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    })
}

/// The classes' abbreviations, if every class has one and no two are alike.
fn class_abbreviations(names: &[&str]) -> Option<Vec<String>> {
    let list: Option<Vec<String>> = names.iter().map(|n| abbreviation(n)).collect();
    let list = list?;
    let mut sorted = list.clone();
    sorted.sort();
    sorted.dedup();
    (sorted.len() == list.len()).then_some(list)
}

/// One piece of the footer: text in one or two colours, and whether it starts a
/// new paragraph.
struct Piece {
    text: Vec<(String, Color32)>,
    family: FontFamily,
    /// Type size relative to the footer's.
    scale: f32,
    starts_paragraph: bool,
}

impl Piece {
    fn font(&self, size: f32) -> FontId {
        FontId::new((size * self.scale).round(), self.family.clone())
    }

    /// Its size, estimated without drawing a glyph (never smaller than drawn).
    fn estimate(&self, painter: &egui::Painter, size: f32, width: f32) -> egui::Vec2 {
        let font = self.font(size);
        let (w, h) = painter.fonts_mut(|f| {
            let w: f32 = self
                .text
                .iter()
                .flat_map(|(t, _)| t.chars())
                .map(|c| f.glyph_width(&font, c))
                .sum();
            (w * 1.03, f.row_height(&font))
        });
        if w <= width {
            vec2(w, h)
        } else {
            // Wrapped at word breaks: allow a line more than the width needs.
            vec2(width, h * ((w / width).ceil() + 1.0))
        }
    }

    fn galley(&self, painter: &egui::Painter, size: f32, width: f32) -> Arc<Galley> {
        let font = self.font(size);
        let mut job = LayoutJob::default();
        job.wrap.max_width = width;
        for (text, color) in &self.text {
            job.append(text, 0.0, egui::TextFormat::simple(font.clone(), *color));
        }
        painter.layout_job(job)
    }
}

/// Pieces of these sizes placed in `width`, top at 0; returns where, and the height.
fn flow(pieces: &[Piece], sizes: &[egui::Vec2], width: f32, font: f32) -> (Vec<Rect>, f32) {
    let gap = font * 0.9;
    let indent = font * 1.5;
    let mut rects = Vec::with_capacity(pieces.len());
    let (mut x, mut y, mut line) = (0.0f32, 0.0f32, 0.0f32);
    for (i, (piece, &size)) in pieces.iter().zip(sizes).enumerate() {
        if piece.starts_paragraph && i > 0 {
            y += line + font * 0.25;
            x = 0.0;
            line = 0.0;
        } else if x > 0.0 && x + size.x > width {
            y += line;
            x = indent;
            line = 0.0;
        }
        rects.push(Rect::from_min_size(pos2(x, y), size));
        x += size.x + gap;
        line = line.max(size.y);
    }
    (rects, y + line)
}

pub fn show(ui: &mut egui::Ui, meeting: &OpenMeeting, state: &ProjectorState, lang: Lang) {
    let config = meeting.config();
    let tally = &meeting.tally;
    let full = ui.available_rect_before_wrap();
    // One unit of type scales with the screen: about 48 units across, 27 down.
    let unit = (full.width() / 48.0)
        .min(full.height() / 27.0)
        .clamp(10.0, 60.0)
        .round();
    ui.visuals_mut().override_text_color = Some(INK);
    ui.spacing_mut().item_spacing = vec2(unit * 0.8, unit * 0.15);

    ui.label(
        RichText::new(T::ClusterLine.fill(lang, &[&config.cluster.name, &config.cluster.year]))
            .size((unit * 1.35).round())
            .family(style::bold()),
    );
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(
                T::ProjectorProgress.fill(lang, &[&tally.sheets_submitted, &tally.sheets_expected]),
            )
            .size((unit * 0.95).round())
            .family(style::bold()),
        );
        if meeting.session().finalized {
            ui.label(
                RichText::new(T::FinalResults.get(lang))
                    .size((unit * 0.95).round())
                    .family(style::bold())
                    .color(style::OK_GREEN),
            );
        }
        ui.label(
            RichText::new(&config.cluster.organizer)
                .size((unit * 0.8).round())
                .color(DIM),
        );
    });
    let visible = state.figures_visible(tally);
    if visible && tally.is_provisional() && !meeting.session().finalized {
        provisional_banner(ui, full, tally, lang, unit);
    }
    let top = ui.cursor().top() + unit * 0.3;
    let body = Rect::from_min_max(pos2(full.left(), top), full.max);
    ui.painter().hline(
        body.x_range(),
        top - unit * 0.15,
        Stroke::new(1.0, Color32::from_gray(0xc0)),
    );
    if visible {
        ranking(ui, body, meeting, lang, unit);
    } else {
        progress(ui, body, meeting, lang, unit);
    }
    ui.advance_cursor_after_rect(body);
}

/// Across the whole width, in large black type on yellow: these figures are not
/// the result yet, and how many sheets are still missing.
fn provisional_banner(ui: &mut egui::Ui, full: Rect, tally: &Tally, lang: Lang, unit: f32) {
    let text = T::ProvisionalBanner.fill(lang, &[&tally.sheets_missing()]);
    let size = (unit * 1.5).round();
    let height = (size * 1.6).round();
    let top = ui.cursor().top() + unit * 0.2;
    let rect = Rect::from_min_size(pos2(full.left(), top), vec2(full.width(), height));
    ui.painter().rect_filled(rect, 4.0, PROVISIONAL_BG);
    ui.painter()
        .rect_stroke(rect, 4.0, Stroke::new(3.0, INK), egui::StrokeKind::Inside);
    let mut child = ui.new_child(
        UiBuilder::new()
            .id_salt(("projector", "provisional"))
            .max_rect(rect)
            .layout(Layout::centered_and_justified(egui::Direction::LeftToRight)),
    );
    child.add(
        egui::Label::new(
            RichText::new(text)
                .size(size)
                .family(style::bold())
                .color(INK),
        )
        .selectable(false)
        .truncate(),
    );
    ui.advance_cursor_after_rect(rect);
}

/// While the figures are hidden: who has submitted.
fn progress(ui: &mut egui::Ui, body: Rect, meeting: &OpenMeeting, lang: Lang, unit: f32) {
    let config = meeting.config();
    let note = place(
        ui,
        Rect::from_min_size(body.min, vec2(body.width(), unit * 1.8)),
        "hidden",
        RichText::new(T::FiguresHidden.get(lang)).size((unit * 1.15).round()),
        Align::Min,
    );
    let area = Rect::from_min_max(pos2(body.left(), note.rect.bottom() + unit * 0.4), body.max);
    let delegates = meeting.delegates();
    let painter = ui.painter().clone();
    let marks = [T::SubmittedShort.get(lang), T::NotYet.get(lang)];
    let ems = RowEms {
        rank: 0.0,
        name: ems_of(
            &painter,
            &FontFamily::Proportional,
            delegates.iter().map(|&s| config.members[s].short.as_str()),
        )
        .min(MAX_NAME),
        bar: 0.0,
        total: ems_of(&painter, &FontFamily::Proportional, marks),
        class: 0.0,
    };
    let plan = plan_rows(
        area.width(),
        area.height(),
        delegates.len(),
        ems,
        unit * 1.1,
    );
    for (i, &s) in delegates.iter().enumerate() {
        let row = plan.row(area.min, i);
        let [_, name, _, mark, _] = plan.parts(row);
        let done = meeting.session().is_submitted(s);
        let color = if done { BAR } else { DIM };
        name_label(
            ui,
            name,
            ("who", i),
            &config.members[s].short,
            plan.font,
            color,
        );
        place(
            ui,
            mark,
            ("mark", i),
            RichText::new(marks[usize::from(!done)])
                .size(plan.font)
                .color(color),
            Align::Min,
        );
    }
}

/// A name in its column: at the row's size, or smaller if it is very long.
fn name_label(
    ui: &mut egui::Ui,
    rect: Rect,
    salt: impl std::hash::Hash + std::fmt::Debug,
    name: &str,
    font: f32,
    color: Color32,
) {
    let painter = ui.painter();
    let ems = ems_of(painter, &FontFamily::Proportional, [name]);
    let size = (rect.width() / ems).floor().min(font).max(font * 0.7);
    place(
        ui,
        rect,
        salt,
        RichText::new(name).size(size).color(color),
        Align::Min,
    );
}

/// The figures: ranked rows with bars on one scale, then the proposals.
fn ranking(ui: &mut egui::Ui, body: Rect, meeting: &OpenMeeting, lang: Lang, unit: f32) {
    let config = meeting.config();
    let tally = &meeting.tally;
    let sep = lang.decimal_separator();
    let painter = ui.painter().clone();
    let bold = style::bold();
    // What ranks is what the room sees: the total, or with `percent_of_own_max`
    // the share of each member's own maximum, marked with %.
    let by_percent = config.scoring.compare == crate::model::config::Compare::PercentOfOwnMax;
    let ranked: Vec<(usize, Rounded)> = tally
        .order
        .iter()
        .filter_map(|&m| tally.members[m].standing.map(|t| (m, t)))
        .collect();
    let totals: Vec<Rounded> = ranked.iter().map(|&(_, t)| t).collect();
    let ranks: Vec<String> = ranked
        .iter()
        .map(|&(m, _)| {
            tally.members[m]
                .rank
                .map_or(String::new(), |k| k.to_string())
        })
        .collect();
    let shown: Vec<String> = totals
        .iter()
        .map(|t| {
            if by_percent {
                format!("{}%", t.display(sep))
            } else {
                t.display(sep)
            }
        })
        .collect();

    // Classes by name when they fit, else by their usual abbreviations and a legend.
    let class_names: Vec<&str> = config.classes.iter().map(|c| c.name.as_str()).collect();
    let abbreviations = class_abbreviations(&class_names);
    let mut used: Vec<usize> = ranked
        .iter()
        .filter_map(|&(m, _)| tally.members[m].class)
        .collect();
    used.sort_unstable();
    used.dedup();
    let class_ems = |names: &[&str]| {
        ems_of(
            &painter,
            &FontFamily::Proportional,
            used.iter().map(|&c| names[c]),
        ) * CLASS_SIZE
    };
    let base = RowEms {
        rank: ems_of(&painter, &bold, ranks.iter().map(String::as_str)),
        name: ems_of(
            &painter,
            &FontFamily::Proportional,
            ranked
                .iter()
                .map(|&(m, _)| config.members[m].short.as_str()),
        )
        .min(MAX_NAME),
        bar: MIN_BAR,
        total: ems_of(&painter, &bold, shown.iter().map(String::as_str)) * TOTAL_SIZE,
        class: class_ems(&class_names),
    };

    // The proposals, placed at the bottom of the screen.
    let pieces = |legend: bool| -> Vec<Piece> {
        let mut pieces = Vec::new();
        for (rule, result) in config.commendations.iter().zip(&tally.commendations) {
            pieces.push(Piece {
                text: vec![(format!("{}:", rule.name), INK)],
                family: bold.clone(),
                scale: 1.0,
                starts_paragraph: true,
            });
            let proposals: Vec<_> = result
                .proposals
                .iter()
                .filter(|p| p.status != ProposalStatus::BallotFailed)
                .collect();
            if proposals.is_empty() {
                pieces.push(Piece {
                    text: vec![("—".into(), INK)],
                    family: FontFamily::Proportional,
                    scale: 1.0,
                    starts_paragraph: false,
                });
            }
            for p in &proposals {
                pieces.push(Piece {
                    text: vec![
                        (config.members[p.member].short.clone(), INK),
                        (format!(" ({})", p.status.text(lang)), DIM),
                    ],
                    family: FontFamily::Proportional,
                    scale: 1.0,
                    starts_paragraph: false,
                });
                // A seat a tie-break decided: on whom it was decided, how, both values.
                if p.basis != Basis::Tied
                    && let Some(why) = basis_sentence(config, tally, p, lang)
                {
                    pieces.push(Piece {
                        text: vec![(format!("— {why}"), TIE_INK)],
                        family: FontFamily::Proportional,
                        scale: 1.0,
                        starts_paragraph: false,
                    });
                }
            }
            // A tie still standing: what was equal, and that the chair decides.
            if let Some(why) = result
                .tie
                .as_ref()
                .and_then(|tie| unresolved_tie_reason(config, tie, lang))
            {
                pieces.push(Piece {
                    text: vec![(format!("— {why}"), TIE_INK)],
                    family: FontFamily::Proportional,
                    scale: 1.0,
                    starts_paragraph: false,
                });
            }
        }
        if legend && let Some(abbr) = &abbreviations {
            for (i, &c) in used.iter().enumerate() {
                pieces.push(Piece {
                    text: vec![(format!("{}: {}", abbr[c], class_names[c]), DIM)],
                    family: FontFamily::Proportional,
                    scale: 0.85,
                    starts_paragraph: i == 0,
                });
            }
        }
        pieces
    };
    let footer_height = |pieces: &[Piece], font: f32| {
        let sizes: Vec<_> = pieces
            .iter()
            .map(|p| p.estimate(&painter, font, body.width()))
            .collect();
        flow(pieces, &sizes, body.width(), font).1
    };

    // Try the classes by name and abbreviated; the footer's type follows the rows'.
    let mut choice = None;
    let variants = [false, true];
    for abbreviate in variants {
        if abbreviate && (abbreviations.is_none() || used.is_empty()) {
            continue;
        }
        let ems = RowEms {
            class: if abbreviate {
                abbreviations.as_ref().map_or(0.0, |a| {
                    let names: Vec<&str> = a.iter().map(String::as_str).collect();
                    class_ems(&names)
                })
            } else {
                base.class
            },
            ..base
        };
        let pieces = pieces(abbreviate);
        let mut foot_font = (unit * 0.95).round();
        let mut result = None;
        for _ in 0..3 {
            let foot_height = footer_height(&pieces, foot_font);
            let rows_height = body.height() - foot_height - unit * 0.8;
            let plan = plan_rows(body.width(), rows_height, ranked.len(), ems, unit * 1.1);
            result = Some((plan, foot_font, foot_height));
            if plan.font >= foot_font * 0.98 {
                break;
            }
            foot_font = plan.font.max((unit * 0.6).round());
        }
        if let Some((plan, foot_font, foot_height)) = result
            && choice
                .as_ref()
                .is_none_or(|(p, ..): &(Plan, f32, f32, bool)| plan.font > p.font * 1.03)
        {
            choice = Some((plan, foot_font, foot_height, abbreviate));
        }
    }
    let Some((plan, foot_font, foot_height, abbreviate)) = choice else {
        return;
    };
    // The rows end above the footer's estimated height, the footer is drawn to its
    // real height (never more) at the bottom.
    let pieces = pieces(abbreviate);
    let galleys: Vec<_> = pieces
        .iter()
        .map(|p| p.galley(&painter, foot_font, body.width()))
        .collect();
    let sizes: Vec<_> = galleys.iter().map(|g| g.size()).collect();
    let (rects, drawn_height) = flow(&pieces, &sizes, body.width(), foot_font);
    let foot_top = body.bottom() - drawn_height;
    let rows_area = Rect::from_min_max(
        body.min,
        pos2(body.right(), body.bottom() - foot_height - unit * 0.8),
    );

    let painter = ui.painter().clone();
    let scale = fitted_scale(&painter, &totals, plan);
    let ticks = scale.map(|s| s.ticks()).unwrap_or_default();
    // Stripes, then the scale's lines and labels, then the rows.
    for i in 0..ranked.len() {
        if i % 2 == 1 {
            painter.rect_filled(plan.row(rows_area.min, i), 0.0, ZEBRA);
        }
    }
    if scale.is_some() {
        for column in 0..plan.columns {
            let first = column * plan.rows;
            if first >= ranked.len() {
                break;
            }
            let last = (first + plan.rows).min(ranked.len()) - 1;
            let bar = plan.parts(plan.row(rows_area.min, first))[2];
            let bottom = plan.row(rows_area.min, last).bottom();
            axis(&painter, &ticks, bar, bottom, plan);
        }
    }
    for (i, &(m, total)) in ranked.iter().enumerate() {
        let r = &tally.members[m];
        let row = plan.row(rows_area.min, i);
        let [rank, name, bar, shown_total, class] = plan.parts(row);
        place(
            ui,
            rank,
            ("rank", i),
            RichText::new(&ranks[i])
                .size(plan.font)
                .family(bold.clone()),
            Align::Max,
        );
        name_label(
            ui,
            name,
            ("name", i),
            &config.members[m].short,
            plan.font,
            INK,
        );
        if let Some(scale) = scale {
            let track =
                Rect::from_center_size(bar.center(), vec2(bar.width(), row.height() * 0.56));
            let filled = Rect::from_min_size(
                track.min,
                vec2(scale.length(total, track.width()), track.height()),
            );
            painter.rect_filled(track, 0.0, TRACK);
            painter.rect_filled(filled, 0.0, BAR);
            for (at, _) in &ticks {
                let x = track.left() + *at as f32 * track.width();
                let color = if x < filled.right() {
                    Color32::from_white_alpha(0x70)
                } else {
                    GRID
                };
                painter.vline(x, track.y_range(), Stroke::new(1.0, color));
            }
            // The bar, for screen readers and tests: its rect is the filled part.
            let label = format!("{}: {}", config.members[m].short, shown[i]);
            ui.interact(
                filled,
                ui.scope_id().with(("projector-bar", i)),
                egui::Sense::hover(),
            )
            .widget_info(|| {
                let mut info =
                    egui::WidgetInfo::labeled(egui::Role::ProgressIndicator, true, &label);
                info.value = Some(scale.fraction(total));
                info
            });
        }
        place(
            ui,
            shown_total,
            ("total", i),
            RichText::new(&shown[i])
                .size((plan.font * TOTAL_SIZE).round())
                .family(bold.clone()),
            Align::Max,
        );
        if let Some(c) = r.class {
            let text = match (&abbreviations, abbreviate) {
                (Some(a), true) => a[c].as_str(),
                _ => class_names[c],
            };
            place(
                ui,
                class,
                ("class", i),
                RichText::new(text)
                    .size((plan.font * CLASS_SIZE).round())
                    .color(INK),
                Align::Min,
            );
        }
    }

    painter.hline(
        body.x_range(),
        foot_top - unit * 0.4,
        Stroke::new(1.0, Color32::from_gray(0xc0)),
    );
    for (i, (galley, rect)) in galleys.into_iter().zip(rects).enumerate() {
        let rect = rect.translate(vec2(body.left(), foot_top));
        place(ui, rect, ("proposal", i), galley, Align::Min);
    }
}

/// The scale for these totals with as many steps as there is room to label.
fn fitted_scale(painter: &egui::Painter, totals: &[Rounded], plan: Plan) -> Option<BarScale> {
    let font = FontId::proportional((plan.font * AXIS_SIZE).round());
    let mut max_intervals = MAX_INTERVALS as usize;
    let mut scale = BarScale::new(totals, max_intervals)?;
    for _ in 0..3 {
        let widest = scale
            .ticks()
            .into_iter()
            .map(|(_, text)| painter.layout_no_wrap(text, font.clone(), INK).size().x)
            .fold(0.0, f32::max);
        // Labels centred on their ticks, each with a little space around it.
        let room = ((plan.bar / (widest + plan.font * 0.6)).floor() as usize).max(2);
        if scale.ticks().len() - 1 <= room || max_intervals == room {
            break;
        }
        max_intervals = room;
        scale = BarScale::new(totals, max_intervals)?;
    }
    Some(scale)
}

/// The scale above a column's bars: a line at every step through the rows, and
/// the values, the ends always labelled.
fn axis(painter: &egui::Painter, ticks: &[(f64, String)], bar: Rect, bottom: f32, plan: Plan) {
    let font = FontId::proportional((plan.font * AXIS_SIZE).round());
    let label_y = bar.top() - plan.axis_height * 0.5;
    let n = ticks.len();
    let galleys: Vec<_> = ticks
        .iter()
        .enumerate()
        .map(|(i, (_, text))| {
            let color = if i == 0 { INK } else { DIM };
            painter.layout_no_wrap(text.clone(), font.clone(), color)
        })
        .collect();
    let rect_of = |i: usize| {
        let x = bar.left() + ticks[i].0 as f32 * bar.width();
        Rect::from_center_size(pos2(x, label_y), galleys[i].size())
    };
    let pad = plan.font * 0.5;
    let last = rect_of(n - 1);
    let mut right_of_previous = f32::NEG_INFINITY;
    for (i, (at, _)) in ticks.iter().enumerate() {
        let x = bar.left() + *at as f32 * bar.width();
        let stroke = if i == 0 {
            Stroke::new(2.0, INK)
        } else {
            Stroke::new(1.0, GRID)
        };
        painter.vline(x, (bar.top() - plan.axis_height * 0.1)..=bottom, stroke);
        let rect = rect_of(i);
        let is_end = i == 0 || i == n - 1;
        if is_end || (rect.left() >= right_of_previous + pad && rect.right() + pad <= last.left()) {
            painter.galley(rect.min, galleys[i].clone(), INK);
            right_of_previous = rect.right();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn totals(units: &[i64]) -> Vec<Rounded> {
        units
            .iter()
            .map(|&units| Rounded { units, decimals: 2 })
            .collect()
    }

    fn labels(scale: BarScale) -> Vec<String> {
        scale.ticks().into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn the_twelve_wards_sample_gets_80_to_96() {
        let t = totals(&[
            9561, 9239, 9172, 9089, 9089, 8961, 8850, 8728, 8611, 8500, 8378, 8250,
        ]);
        let scale = BarScale::new(&t, 10).unwrap();
        assert_eq!((scale.low, scale.high, scale.step), (8000, 9600, 200));
        assert_eq!(labels(scale).first().unwrap(), "80");
        assert_eq!(labels(scale).last().unwrap(), "96");
        // The top six no longer share one bar.
        let lengths: Vec<f32> = t.iter().map(|&x| scale.length(x, 500.0)).collect();
        assert!(lengths.windows(2).all(|w| w[0] >= w[1]));
        assert!(lengths[0] - lengths[5] > 100.0);
        // The lowest bar keeps at least an eighth of the track.
        assert!(lengths[11] >= 500.0 / 8.0);
        // With room for four labels only, the steps get longer.
        let narrow = BarScale::new(&t, 4).unwrap();
        assert!((narrow.high - narrow.low) / narrow.step <= 4);
        assert!(narrow.low < 8250 && narrow.high >= 9561);
    }

    #[test]
    fn odd_meetings_still_get_a_scale() {
        // One total, or all alike: a five-point scale ending at it.
        let one = BarScale::new(&totals(&[9500]), 10).unwrap();
        assert_eq!((one.low, one.high), (9000, 9500));
        assert_eq!(
            one.length(
                Rounded {
                    units: 9500,
                    decimals: 2
                },
                300.0
            ),
            300.0
        );
        // All zero: bars of length 0 on a 0–5 scale.
        let zero = BarScale::new(&totals(&[0, 0]), 10).unwrap();
        assert_eq!((zero.low, zero.high), (0, 500));
        // Negative totals: the scale goes below zero.
        let negative = BarScale::new(&totals(&[-250, 4000]), 10).unwrap();
        assert!(negative.low < -250 && negative.high >= 4000);
        // Positive totals never get a scale below zero.
        let wide = BarScale::new(&totals(&[500, 10000]), 10).unwrap();
        assert_eq!(wide.low, 0);
        assert!(BarScale::new(&[], 10).is_none());
        // Whole-point totals.
        let whole = BarScale::new(
            &[Rounded {
                units: 87,
                decimals: 0,
            }],
            10,
        )
        .unwrap();
        assert_eq!(labels(whole), ["82", "83", "84", "85", "86", "87"]);
    }

    #[test]
    fn class_names_shorten_as_the_front_writes_them() {
        assert_eq!(
            abbreviation("Hoàn thành xuất sắc nhiệm vụ").as_deref(),
            Some("HTXSNV")
        );
        assert_eq!(
            abbreviation("Không hoàn thành nhiệm vụ").as_deref(),
            Some("KHTNV")
        );
        assert_eq!(abbreviation("Xuất sắc"), None);
        assert!(class_abbreviations(&["Tốt nhất nhì", "Tốt nhì nhất"]).is_none());
        assert!(class_abbreviations(&["Xuất sắc", "Hoàn thành tốt nhiệm vụ"]).is_none());
    }

    #[test]
    fn thirty_rows_take_two_columns_at_1280x720() {
        let ems = RowEms {
            rank: 1.3,
            name: 11.5,
            bar: MIN_BAR,
            total: 3.9,
            class: 3.4,
        };
        let plan = plan_rows(1232.0, 460.0, 30, ems, 28.0);
        assert_eq!((plan.columns, plan.rows), (2, 15));
        assert!(plan.font >= 18.0, "{plan:?}");
        assert!(plan.axis_height + 15.0 * plan.row_height <= 460.0);
        assert!(2.0 * plan.column_width + plan.gutter <= 1232.0 + 0.01);
        assert!(plan.bar >= MIN_BAR * plan.font - 0.01);
        // Twelve keep one column, at the largest type allowed.
        let twelve = plan_rows(1232.0, 460.0, 12, ems, 28.0);
        assert_eq!(twelve.columns, 1);
        assert!(twelve.bar > 400.0);
    }
}
