//! The scoring grid for one delegate: criteria down, the members scored across.
//! A cell's value is committed (as an event) when the delegate leaves the cell; a
//! value the item does not allow is never committed and the cell says why.

use super::i18n::{Lang, T};
use super::style;
use crate::model::Session;
use crate::model::config::{AdjustmentKind, CellKind, Config};
use crate::model::event::{Actor, Event};
use crate::model::points::Points;
use eframe::egui::{self, Key, RichText};
use egui_extras::{Column, TableBuilder};

/// (target member, cell index).
pub type CellKey = (usize, usize);

/// A value on its way to the host, or refused by it (a delegate's own laptop).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sending {
    /// Sent, not yet committed: the cell does not say "đã lưu".
    Pending(String),
    Refused {
        text: String,
        reason: String,
    },
}

/// The sheet the grid shows: from the chair's meeting (any delegate, reopening), or
/// from a delegate's laptop joined to the host (only its own sheet).
pub struct SheetSource<'a> {
    pub session: &'a Session,
    pub delegate: usize,
    /// The delegates the chair may switch between; `None` on a delegate's laptop.
    pub delegates: Option<Vec<usize>>,
    pub writable: bool,
    /// Values not yet committed by the host, per cell (a delegate's laptop).
    pub sending: Option<&'a std::collections::BTreeMap<CellKey, Sending>>,
}

impl SheetSource<'_> {
    fn config(&self) -> &Config {
        self.session.config()
    }

    fn is_chair(&self) -> bool {
        self.delegates.is_some()
    }
}

#[derive(Default)]
pub struct GridState {
    /// The cell being typed into, and its text.
    pub editing: Option<CellKey>,
    pub buffer: String,
    /// A value that was refused: the cell keeps it and focus until corrected.
    pub error: Option<(CellKey, String)>,
    /// A cell to focus on the next frame, and the row to scroll to.
    pub focus: Option<CellKey>,
    pub scroll_to: Option<usize>,
    /// The first and last rows laid out in the last frame (only those exist).
    pub visible_rows: (usize, usize),
    /// The item whose text and guide the side panel shows.
    pub selected: Option<usize>,
    /// A refused cell whose text is selected, so typing replaces it.
    pub select_pending: Option<CellKey>,
    pub confirm_submit: bool,
    pub reopen_reason: Option<String>,
    /// A dialog just opened: its main control takes focus once.
    pub dialog_focus: bool,
    /// The sheet has been shown once (its first empty cell was given focus).
    pub opened: bool,
    /// Frames a focus change has waited for its cell to be laid out.
    focus_wait: u32,
    /// Row heights for the criterion column's width (names wrap, rows grow).
    heights: RowHeights,
}

#[derive(Default)]
struct RowHeights {
    width: f32,
    lang: Option<Lang>,
    rows: usize,
    heights: Vec<f32>,
}

/// A focus change that cannot happen within this many frames is dropped.
const MAX_FOCUS_WAIT: u32 = 6;

impl GridState {
    /// Whether the grid still has a focus change to make before keys may reach a cell.
    pub fn focus_pending(&self) -> bool {
        self.focus.is_some()
    }
}

/// The id of a cell's text field (stable, so focus can be given before it is drawn).
pub fn cell_id(scorer: usize, (target, cell): CellKey) -> egui::Id {
    egui::Id::unique(("cell", scorer, target, cell))
}

impl GridState {
    /// Forget per-sheet state when another delegate's sheet is shown.
    pub fn reset(&mut self) {
        *self = GridState {
            selected: self.selected,
            heights: std::mem::take(&mut self.heights),
            ..GridState::default()
        };
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Row {
    Group(usize),
    Heading(AdjustmentKind),
    Cell(usize),
    Total,
}

fn rows(config: &Config) -> Vec<Row> {
    let mut rows = Vec::with_capacity(config.cells.len() + config.groups.len() + 3);
    let mut cell = 0;
    for (g, group) in config.groups.iter().enumerate() {
        rows.push(Row::Group(g));
        for _ in &group.items {
            rows.push(Row::Cell(cell));
            cell += 1;
        }
    }
    for kind in [AdjustmentKind::Bonus, AdjustmentKind::Deduction] {
        let wanted = match kind {
            AdjustmentKind::Bonus => CellKind::Bonus,
            AdjustmentKind::Deduction => CellKind::Deduction,
        };
        let cells: Vec<usize> = (0..config.cells.len())
            .filter(|&c| config.cells[c].kind == wanted)
            .collect();
        if !cells.is_empty() {
            rows.push(Row::Heading(kind));
            rows.extend(cells.into_iter().map(Row::Cell));
        }
    }
    rows.push(Row::Total);
    rows
}

const MAX_WIDTH: f32 = 70.0;
const MEMBER_WIDTH: f32 = 100.0;
const NAME_MIN_WIDTH: f32 = 280.0;
const NAME_MAX_WIDTH: f32 = 560.0;
const ROW_MIN_HEIGHT: f32 = 34.0;

fn group_title(config: &Config, g: usize, lang: Lang) -> String {
    let group = &config.groups[g];
    T::GroupMax.fill(
        lang,
        &[
            &format!("{}. {}", group.id, group.name),
            &group.max().display(lang.decimal_separator()),
        ],
    )
}

/// Each row's height with its name wrapped to `width`; measured again only when the
/// width, the language or the rows change, never per frame.
fn row_heights(
    ui: &egui::Ui,
    config: &Config,
    rows: &[Row],
    cache: &mut RowHeights,
    width: f32,
    lang: Lang,
) -> Vec<f32> {
    if cache.width != width || cache.lang != Some(lang) || cache.rows != rows.len() {
        let body = egui::TextStyle::Body.resolve(ui.style());
        let bold = egui::FontId::new(body.size, style::bold());
        // A hair narrower than the cell, so a name never needs a line more than its
        // row was given.
        let wrap = width - 2.0;
        cache.heights = rows
            .iter()
            .map(|row| {
                let (text, font) = match *row {
                    Row::Group(g) => (group_title(config, g, lang), bold.clone()),
                    Row::Cell(c) => (cell_name(config, c).0, body.clone()),
                    Row::Heading(_) | Row::Total => return ROW_MIN_HEIGHT,
                };
                let height =
                    ui.fonts_mut(|f| f.layout(text, font, egui::Color32::BLACK, wrap).size().y);
                (height + 10.0).max(ROW_MIN_HEIGHT)
            })
            .collect();
        cache.width = width;
        cache.lang = Some(lang);
        cache.rows = rows.len();
    }
    cache.heights.clone()
}

/// Gives focus to the first cell without a value, row by row, left to right.
fn focus_first_empty(
    session: &Session,
    grid: &mut GridState,
    scorer: usize,
    rows: &[Row],
    targets: &[usize],
) {
    let first = rows.iter().enumerate().find_map(|(r, row)| match *row {
        Row::Cell(c) => targets
            .iter()
            .find(|&&t| session.score(scorer, t, c).is_none())
            .map(|&t| ((t, c), r)),
        _ => None,
    });
    if let Some((key, row)) = first {
        grid.focus = Some(key);
        grid.focus_wait = 0;
        grid.scroll_to = Some(row);
    }
}

/// A focus change is made at the start of a frame, before any cell reads its keys, so
/// the keys of this frame go to the cell that now has focus and to no other.
fn apply_pending_focus(ctx: &egui::Context, grid: &mut GridState, scorer: usize, locked: bool) {
    let Some(key) = grid.focus else { return };
    if locked || grid.focus_wait >= MAX_FOCUS_WAIT {
        grid.focus = None;
        grid.focus_wait = 0;
        return;
    }
    grid.focus_wait += 1;
    let id = cell_id(scorer, key);
    ctx.memory_mut(|m| {
        if m.focused() != Some(id) {
            m.request_focus(id);
        }
    });
}

fn shown(value: Option<Points>, lang: Lang) -> String {
    value.map_or_else(String::new, |v| v.display(lang.decimal_separator()))
}

/// The event that saves `text` into a cell, `None` if nothing changes, or why not.
pub fn commit_text(
    session: &Session,
    scorer: usize,
    (target, cell): CellKey,
    text: &str,
    lang: Lang,
) -> Result<Option<Event>, String> {
    let config = session.config();
    let limits = &config.cells[cell];
    let value = if text.trim().is_empty() {
        None
    } else {
        let parsed = Points::parse(text)
            .and_then(|p| p.check_within(limits.max, limits.step))
            .map_err(|e| T::NotSaved.fill(lang, &[&text.trim(), &e.text(lang)]))?;
        Some(parsed)
    };
    if session.score(scorer, target, cell) == value {
        return Ok(None);
    }
    Ok(Some(Event::Score {
        scorer: config.members[scorer].id.clone(),
        target: config.members[target].id.clone(),
        item: limits.id.clone(),
        value,
    }))
}

fn cell_name(config: &Config, cell: usize) -> (String, Option<String>) {
    match config.cells[cell].kind {
        CellKind::Item { group } => {
            let item = config.groups[group]
                .items
                .iter()
                .find(|i| i.id == config.cells[cell].id);
            item.map_or_else(
                || (config.cells[cell].id.clone(), None),
                |i| (format!("{} {}", i.id, i.name), i.guide.clone()),
            )
        }
        CellKind::Bonus | CellKind::Deduction => {
            let a = config
                .adjustments
                .iter()
                .find(|a| a.id == config.cells[cell].id);
            (
                a.map_or_else(|| config.cells[cell].id.clone(), |a| a.name.clone()),
                None,
            )
        }
    }
}

/// What the scoring screen asks the app to do.
pub enum GridAction {
    Record(Actor, Event),
    SelectDelegate(usize),
    /// Save this submitted sheet to a file for the chair's laptop.
    SaveSheet(usize),
}

/// Where keyboard navigation goes from a cell.
#[derive(Clone, Copy)]
enum Move {
    Left,
    Right,
    Up,
    Down,
}

fn neighbour(
    rows: &[Row],
    targets: &[usize],
    key: CellKey,
    step: Move,
) -> Option<(CellKey, usize)> {
    let col = targets.iter().position(|&t| t == key.0)?;
    let row = rows.iter().position(|r| *r == Row::Cell(key.1))?;
    let cell_rows: Vec<usize> = (0..rows.len())
        .filter(|&r| matches!(rows[r], Row::Cell(_)))
        .collect();
    let at = cell_rows.iter().position(|&r| r == row)?;
    let cell_of = |r: usize| match rows[r] {
        Row::Cell(c) => c,
        _ => 0,
    };
    let (new_col, new_at) = match step {
        Move::Right if col + 1 < targets.len() => (col + 1, at),
        Move::Right if at + 1 < cell_rows.len() => (0, at + 1),
        Move::Left if col > 0 => (col - 1, at),
        Move::Left if at > 0 => (targets.len() - 1, at - 1),
        Move::Down if at + 1 < cell_rows.len() => (col, at + 1),
        Move::Up if at > 0 => (col, at - 1),
        _ => return None,
    };
    let r = cell_rows[new_at];
    Some(((targets[new_col], cell_of(r)), r))
}

pub fn show(
    ui: &mut egui::Ui,
    meeting: &SheetSource<'_>,
    grid: &mut GridState,
    lang: Lang,
) -> Vec<GridAction> {
    let mut actions = Vec::new();
    let session = meeting.session;
    let config = session.config();
    let scorer = meeting.delegate;
    let locked = session.is_submitted(scorer) || !meeting.writable || !session.is_present(scorer);
    let targets: Vec<usize> = (0..config.members.len())
        .filter(|&t| config.scores_target(scorer, t))
        .collect();

    let rows = rows(config);
    if !std::mem::replace(&mut grid.opened, true) && !locked {
        focus_first_empty(session, grid, scorer, &rows, &targets);
    }
    apply_pending_focus(ui.ctx(), grid, scorer, locked);

    header(ui, meeting, grid, lang, locked, &mut actions);

    egui::Panel::right("criterion-guide")
        .resizable(true)
        .default_size(260.0)
        .show(ui, |ui| guide_panel(ui, config, grid, lang));

    egui::CentralPanel::default().show(ui, |ui| {
        // The criterion column takes what the members' columns leave, within reason;
        // its names wrap and their rows grow, so every word can be read.
        let across =
            MAX_WIDTH + MEMBER_WIDTH * targets.len() as f32 + 12.0 * (targets.len() as f32 + 2.0);
        let name_width = (ui.available_width() - across).clamp(NAME_MIN_WIDTH, NAME_MAX_WIDTH);
        let heights = row_heights(ui, config, &rows, &mut grid.heights, name_width, lang);
        // Many members do not fit across: the grid scrolls sideways too.
        egui::ScrollArea::horizontal()
            .id_salt("grid-across")
            .show(ui, |ui| {
                let mut table = TableBuilder::new(ui)
                    .id_salt(("grid", scorer))
                    .striped(true)
                    .auto_shrink([false, false])
                    .column(Column::exact(name_width))
                    .column(Column::exact(MAX_WIDTH));
                for _ in &targets {
                    table = table.column(Column::exact(MEMBER_WIDTH));
                }
                if let Some(row) = grid.scroll_to.take() {
                    table = table.scroll_to_row(row, Some(egui::Align::Center));
                }
                let mut seen = (usize::MAX, 0);
                table
                    .header(52.0, |mut header| {
                        header.col(|ui| {
                            ui.strong(T::Criterion.get(lang));
                        });
                        header.col(|ui| {
                            ui.strong(T::MaxColumn.get(lang));
                        });
                        for &t in &targets {
                            header.col(|ui| {
                                let mut name = config.members[t].short.clone();
                                if t == scorer {
                                    name = format!("{name}\n{}", T::SelfScore.get(lang));
                                }
                                ui.add(egui::Label::new(RichText::new(name).strong()).wrap());
                            });
                        }
                    })
                    .body(|body| {
                        body.heterogeneous_rows(heights.into_iter(), |mut row| {
                            seen = (seen.0.min(row.index()), seen.1.max(row.index()));
                            let kind = rows[row.index()];
                            match kind {
                                Row::Group(g) => {
                                    row.col(|ui| {
                                        ui.add(
                                            egui::Label::new(
                                                RichText::new(group_title(config, g, lang))
                                                    .strong()
                                                    .color(style::ACCENT),
                                            )
                                            .wrap(),
                                        );
                                    });
                                    for _ in &targets {
                                        row.col(|_| {});
                                    }
                                }
                                Row::Heading(kind) => {
                                    row.col(|ui| {
                                        let text = match kind {
                                            AdjustmentKind::Bonus => T::Bonus,
                                            AdjustmentKind::Deduction => T::Deduction,
                                        };
                                        ui.label(
                                            RichText::new(text.get(lang))
                                                .strong()
                                                .color(style::ACCENT),
                                        );
                                    });
                                    for _ in &targets {
                                        row.col(|_| {});
                                    }
                                }
                                Row::Cell(c) => {
                                    row.col(|ui| criterion_label(ui, config, c, grid, lang));
                                    row.col(|ui| {
                                        ui.label(
                                            config.cells[c].max.display(lang.decimal_separator()),
                                        );
                                    });
                                    for &t in &targets {
                                        row.col(|ui| {
                                            let sending =
                                                meeting.sending.and_then(|m| m.get(&(t, c)));
                                            if let Some(action) = cell(
                                                ui,
                                                session,
                                                grid,
                                                scorer,
                                                (t, c),
                                                locked,
                                                &rows,
                                                &targets,
                                                sending,
                                                lang,
                                            ) {
                                                actions.push(action);
                                            }
                                        });
                                    }
                                }
                                Row::Total => {
                                    row.col(|ui| {
                                        ui.label(RichText::new(T::SheetTotal.get(lang)).strong());
                                    });
                                    row.col(|ui| {
                                        ui.label(
                                            config.max_total().display(lang.decimal_separator()),
                                        );
                                    });
                                    for &t in &targets {
                                        row.col(|ui| {
                                            let total = sheet_total(session, scorer, t);
                                            ui.label(
                                                RichText::new(
                                                    total.display(lang.decimal_separator()),
                                                )
                                                .strong(),
                                            );
                                        });
                                    }
                                }
                            }
                        });
                    });
                grid.visible_rows = seen;
            });
    });
    if grid.focus.is_some() {
        // The focus change is made at the start of the next frame.
        ui.ctx().request_repaint();
    }
    actions
}

/// Items + bonus − deductions of one column, as the delegate sees it while typing.
fn sheet_total(session: &Session, scorer: usize, target: usize) -> Points {
    let config = session.config();
    let mut total = 0;
    for (cell, value) in config.cells.iter().zip(session.row(scorer, target)) {
        let v = value.map_or(0, |p| p.0);
        total += match cell.kind {
            CellKind::Deduction => -v,
            _ => v,
        };
    }
    Points(total)
}

fn header(
    ui: &mut egui::Ui,
    meeting: &SheetSource<'_>,
    grid: &mut GridState,
    lang: Lang,
    locked: bool,
    actions: &mut Vec<GridAction>,
) {
    let session = meeting.session;
    let config = session.config();
    let scorer = meeting.delegate;
    let delegates = meeting.delegates.clone().unwrap_or_default();
    ui.horizontal(|ui| {
        let label = ui.label(T::Delegate.get(lang));
        if !meeting.is_chair() {
            ui.strong(&config.members[scorer].short);
            return;
        }
        egui::ComboBox::from_id_salt("delegate")
            .selected_text(config.members[scorer].short.clone())
            .width(240.0)
            .show_ui(ui, |ui| {
                for &m in &delegates {
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
            .labelled_by(label.id);
        ui.label(RichText::new(T::DelegateHint.get(lang)).small());
    });
    let (filled, total) = session.progress(scorer);
    ui.horizontal(|ui| {
        ui.heading(T::SheetOf.fill(lang, &[&config.members[scorer].short]));
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
    });
    ui.horizontal(|ui| {
        let fraction = if total == 0 {
            1.0
        } else {
            filled as f32 / total as f32
        };
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(320.0)
                .text(T::Progress.fill(lang, &[&filled, &total])),
        );
        let complete = filled == total;
        if !locked {
            let submit = ui
                .add_enabled(
                    complete,
                    egui::Button::new(RichText::new(T::SubmitSheet.get(lang)).strong()),
                )
                .on_disabled_hover_text(T::SubmitNeedsAll.get(lang));
            let shortcut = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, Key::Enter));
            if (submit.clicked() || shortcut) && complete && grid.error.is_none() {
                grid.confirm_submit = true;
                grid.dialog_focus = true;
            }
        } else if session.is_submitted(scorer) && meeting.is_chair() {
            if ui.button(T::SaveSheet.get(lang)).clicked() {
                actions.push(GridAction::SaveSheet(scorer));
            }
            if meeting.writable && ui.button(T::ReopenSheet.get(lang)).clicked() {
                grid.reopen_reason = Some(String::new());
                grid.dialog_focus = true;
            }
        }
    });
    // One line that holds either the help or why a value was refused, so the grid
    // below never moves while a delegate types.
    match &grid.error {
        Some((_, message)) => {
            ui.add(
                egui::Label::new(RichText::new(message).color(style::ERROR_TEXT).strong())
                    .truncate(),
            )
            .on_hover_text(message);
        }
        None => {
            ui.add(egui::Label::new(RichText::new(T::CellHelp.get(lang)).weak()).truncate());
        }
    }
    confirm_dialogs(ui, meeting, grid, lang, actions);
}

fn confirm_dialogs(
    ui: &mut egui::Ui,
    meeting: &SheetSource<'_>,
    grid: &mut GridState,
    lang: Lang,
    actions: &mut Vec<GridAction>,
) {
    let config = meeting.config();
    let scorer = meeting.delegate;
    let who = config.members[scorer].short.clone();
    let id = config.members[scorer].id.clone();
    if grid.confirm_submit {
        let modal = egui::Modal::new(egui::Id::unique("confirm-submit")).show(ui.ctx(), |ui| {
            ui.set_max_width(480.0);
            ui.heading(T::ConfirmSubmitTitle.get(lang));
            ui.label(T::ConfirmSubmit.fill(lang, &[&who]));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let yes = ui.button(RichText::new(T::SubmitSheet.get(lang)).strong());
                if std::mem::take(&mut grid.dialog_focus) {
                    yes.request_focus();
                }
                if yes.clicked() {
                    actions.push(GridAction::Record(
                        Actor::Member(id.clone()),
                        Event::Submit { scorer: id.clone() },
                    ));
                    grid.confirm_submit = false;
                }
                if ui.button(T::Cancel.get(lang)).clicked() {
                    grid.confirm_submit = false;
                }
            });
        });
        if modal.should_close() {
            grid.confirm_submit = false;
        }
    }
    let focus_reason = grid.reopen_reason.is_some() && std::mem::take(&mut grid.dialog_focus);
    if let Some(reason) = grid.reopen_reason.as_mut() {
        let mut close = false;
        let modal = egui::Modal::new(egui::Id::unique("reopen")).show(ui.ctx(), |ui| {
            ui.set_max_width(520.0);
            ui.heading(T::ReopenTitle.fill(lang, &[&who]));
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
            grid.reopen_reason = None;
        }
    }
}

fn criterion_label(
    ui: &mut egui::Ui,
    config: &Config,
    cell: usize,
    grid: &mut GridState,
    lang: Lang,
) {
    let (name, guide) = cell_name(config, cell);
    let limits = &config.cells[cell];
    let max = T::MaxShort.fill(lang, &[&limits.max.display(lang.decimal_separator())]);
    let text = name.clone();
    let mut hover = format!("{name}  ({max})");
    if let Some(g) = &guide {
        hover.push_str(&format!("\n\n{}: {g}", T::Guide.get(lang)));
    }
    let response = ui
        .add(egui::Label::new(text).wrap().sense(egui::Sense::click()))
        .on_hover_text(hover);
    if response.clicked() {
        grid.selected = Some(cell);
    }
}

fn guide_panel(ui: &mut egui::Ui, config: &Config, grid: &GridState, lang: Lang) {
    let cell = grid.selected.or(grid.editing.map(|(_, c)| c));
    let Some(cell) = cell else {
        ui.label(RichText::new(T::CellHelp.get(lang)).small());
        return;
    };
    let (name, guide) = cell_name(config, cell);
    let limits = &config.cells[cell];
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.label(RichText::new(name).strong());
        let sep = lang.decimal_separator();
        ui.label(format!(
            "{}, {}",
            T::MaxShort.fill(lang, &[&limits.max.display(sep)]),
            T::Step.fill(lang, &[&limits.step.display(sep)])
        ));
        if let Some(g) = guide {
            ui.add_space(6.0);
            ui.label(RichText::new(T::Guide.get(lang)).strong());
            ui.label(g);
        }
    });
}

#[allow(clippy::too_many_arguments)]
fn cell(
    ui: &mut egui::Ui,
    session: &Session,
    grid: &mut GridState,
    scorer: usize,
    key: CellKey,
    locked: bool,
    rows: &[Row],
    targets: &[usize],
    sending: Option<&Sending>,
    lang: Lang,
) -> Option<GridAction> {
    let config = session.config();
    let value = session.score(scorer, key.0, key.1);
    let name = T::CellLabel.fill(
        lang,
        &[&config.cells[key.1].id, &config.members[key.0].short],
    );
    if locked {
        let text = shown(value, lang);
        ui.add(egui::Label::new(RichText::new(if text.is_empty() {
            "—".into()
        } else {
            text
        })))
        .accessible_name(name);
        return None;
    }
    let id = cell_id(scorer, key);
    let editing = grid.editing == Some(key);
    let mut text = match sending {
        _ if editing => grid.buffer.clone(),
        Some(Sending::Pending(text) | Sending::Refused { text, .. }) => text.clone(),
        None => shown(value, lang),
    };
    let refused = grid.error.as_ref().is_some_and(|(k, _)| *k == key)
        || matches!(sending, Some(Sending::Refused { .. }));
    let pending = matches!(sending, Some(Sending::Pending(_)));
    let cursor_before = egui::TextEdit::load_state(ui.ctx(), id)
        .and_then(|s| s.cursor.char_range())
        .map(|r| r.primary.index.0);
    let mut edit = egui::TextEdit::singleline(&mut text)
        .id(id)
        .desired_width(ui.available_width() - 8.0)
        .align(egui::Align2::CENTER_CENTER)
        .return_key(None)
        .event_filter(egui::EventFilter {
            tab: true,
            horizontal_arrows: true,
            vertical_arrows: true,
            escape: true,
        });
    if refused {
        edit = edit
            .background_color(style::ERROR_BG)
            .text_color(style::ERROR_TEXT);
    } else if pending {
        // Sent, not yet committed by the host: it does not look saved.
        edit = edit
            .background_color(style::WARN_BG)
            .text_color(style::WARN_TEXT);
    }
    let mut response = ui.add(edit).accessible_name(name);
    match sending {
        Some(Sending::Pending(_)) => {
            response = response.on_hover_text(T::CellSending.get(lang));
        }
        Some(Sending::Refused { reason, .. }) => {
            response = response.on_hover_text(reason.as_str());
        }
        None => {}
    }
    // The change is made once the cell has held focus for a whole frame: only then
    // does egui know that Tab and the arrows belong to the cell, not to its own
    // focus navigation.
    if grid.focus == Some(key) && response.has_focus() && !response.gained_focus() {
        grid.focus = None;
        grid.focus_wait = 0;
    }
    if grid.select_pending == Some(key) {
        select_all(ui.ctx(), id, text.chars().count());
        grid.select_pending = None;
    }
    if response.has_focus()
        && let Some(previous) = grid.editing.filter(|&k| k != key)
    {
        // A click took focus from a cell still being typed in: its text is saved (or
        // refused, and focus goes back to it) before this cell starts.
        let saved = leave(session, grid, scorer, previous, lang, None, rows, targets);
        if grid.error.is_some() {
            return saved;
        }
        grid.editing = Some(key);
        grid.buffer = text.clone();
        grid.selected = Some(key.1);
        select_all(ui.ctx(), id, text.chars().count());
        return saved;
    }
    if response.gained_focus() && !editing {
        grid.editing = Some(key);
        grid.buffer = text.clone();
        grid.selected = Some(key.1);
        select_all(ui.ctx(), id, text.chars().count());
    }
    if response.has_focus() && grid.editing != Some(key) {
        // Focus is the truth: e.g. after an undo the focused cell starts afresh.
        grid.editing = Some(key);
        grid.buffer = text.clone();
    }
    if !response.has_focus() {
        if response.lost_focus() && grid.editing == Some(key) {
            return leave(session, grid, scorer, key, lang, None, rows, targets);
        }
        return None;
    }
    grid.buffer = text.clone();
    // Consume the key here: the next cell takes focus in this same frame and must
    // not see the key that sent it there.
    let len = text.chars().count();
    let step = ui.input_mut(|i| {
        use egui::Modifiers as M;
        // Shift+Tab first: a pattern without Shift also matches a key pressed with it.
        if i.consume_key(M::NONE, Key::Escape) {
            None
        } else if i.consume_key(M::SHIFT, Key::Tab) {
            Some(Some(Move::Left))
        } else if i.consume_key(M::NONE, Key::Tab) {
            Some(Some(Move::Right))
        } else if i.consume_key(M::NONE, Key::Enter) || i.consume_key(M::NONE, Key::ArrowDown) {
            Some(Some(Move::Down))
        } else if i.consume_key(M::NONE, Key::ArrowUp) {
            Some(Some(Move::Up))
        } else if cursor_before == Some(0) && i.consume_key(M::NONE, Key::ArrowLeft) {
            Some(Some(Move::Left))
        } else if cursor_before == Some(len) && i.consume_key(M::NONE, Key::ArrowRight) {
            Some(Some(Move::Right))
        } else {
            Some(None)
        }
    });
    let Some(step) = step else {
        grid.buffer = shown(value, lang);
        grid.error = None;
        grid.editing = None;
        response.surrender_focus();
        return None;
    };
    match step {
        Some(step) => leave(session, grid, scorer, key, lang, Some(step), rows, targets),
        None => None,
    }
}

fn select_all(ctx: &egui::Context, id: egui::Id, len: usize) {
    if let Some(mut state) = egui::TextEdit::load_state(ctx, id) {
        use egui::text::{CCursor, CCursorRange};
        state
            .cursor
            .set_char_range(Some(CCursorRange::two(CCursor::new(0), CCursor::new(len))));
        state.store(ctx, id);
    }
}

/// Leaving a cell: commit its value (or refuse and stay), then move on.
#[allow(clippy::too_many_arguments)]
fn leave(
    session: &Session,
    grid: &mut GridState,
    scorer: usize,
    key: CellKey,
    lang: Lang,
    step: Option<Move>,
    rows: &[Row],
    targets: &[usize],
) -> Option<GridAction> {
    match commit_text(session, scorer, key, &grid.buffer, lang) {
        Err(message) => {
            grid.error = Some((key, message));
            grid.focus = Some(key);
            grid.select_pending = Some(key);
            None
        }
        Ok(event) => {
            grid.error = None;
            grid.editing = None;
            if let Some(step) = step
                && let Some((next, row)) = neighbour(rows, targets, key, step)
            {
                grid.focus = Some(next);
                // Rows off screen are not laid out, so they cannot take focus: scroll.
                let (first, last) = grid.visible_rows;
                if row <= first || row >= last {
                    grid.scroll_to = Some(row);
                }
            }
            let scorer_id = session.config().members[scorer].id.clone();
            event.map(|e| GridAction::Record(Actor::Member(scorer_id), e))
        }
    }
}
