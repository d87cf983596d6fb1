//! What each key does to a score sheet being typed, as a spreadsheet does it and
//! the phone page does too: a value lands in the cell it was typed for, or nowhere.
//!
//! A refused value (above the maximum, off the step, not a number) stays in its
//! cell with its reason and is not saved; the keys that follow move on exactly as
//! they would from any other cell, so a refusal never shifts what is typed after it.
//! Pure: the caller says where the values are and what to do with a saved one.

use super::config::{AdjustmentKind, CellKind, Config, Input};
use super::points::{Points, PointsError};
use std::collections::BTreeMap;

/// (target member, cell index).
pub type CellKey = (usize, usize);

/// The longest text a cell takes; a number of points never needs more.
const MAX_TYPED: usize = 12;

/// A row of the sheet as it is shown: group titles and headings between the cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Group(usize),
    /// A heading inside a group (version 2): `(group, index in its headings)`.
    Subheading(usize, usize),
    Heading(AdjustmentKind),
    Cell(usize),
    /// A cell the chair enters once per member: shown, never typed on a sheet.
    Fact(usize),
}

/// The sheet's rows (criteria down) and columns (members scored across).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetLayout {
    pub rows: Vec<Row>,
    /// The members this scorer scores, in config order.
    pub targets: Vec<usize>,
    /// For each row, its place among the cell rows (`None` for titles and headings).
    cell_row_of: Vec<Option<usize>>,
    /// The rows that hold cells, in order.
    cell_rows: Vec<usize>,
    /// Cells of items that do not apply to a member: no place to type there.
    not_assigned: std::collections::BTreeSet<CellKey>,
}

impl SheetLayout {
    /// The chair's facts as a sheet: the items the chair enters (with their groups
    /// and headings), one column per member.
    pub fn facts(config: &Config) -> SheetLayout {
        let mut rows = Vec::new();
        let mut flat = 0;
        for (g, group) in config.groups.iter().enumerate() {
            let mut group_rows = Vec::new();
            for i in 0..group.items.len() {
                let cells: Vec<usize> = config
                    .cells_of_item(flat)
                    .filter(|&c| config.cells[c].by_chair)
                    .collect();
                flat += 1;
                if cells.is_empty() {
                    continue;
                }
                // Only the headings above a fact: the chair's list stays short.
                let mut above = Vec::new();
                let mut parent = group.items[i].parent;
                while let Some(h) = parent {
                    above.push(Row::Subheading(g, h));
                    parent = group.headings[h].parent;
                }
                above.reverse();
                for row in above {
                    if !group_rows.contains(&row) {
                        group_rows.push(row);
                    }
                }
                group_rows.extend(cells.into_iter().map(Row::Cell));
            }
            if !group_rows.is_empty() {
                rows.push(Row::Group(g));
                rows.extend(group_rows);
            }
        }
        let targets: Vec<usize> = (0..config.members.len()).collect();
        SheetLayout::from_rows(config, rows, targets)
    }

    /// Items group by group, then the bonus items, then the deductions.
    pub fn new(config: &Config, scorer: usize) -> SheetLayout {
        let mut rows = Vec::with_capacity(config.cells.len() + config.groups.len() + 2);
        let mut flat = 0;
        for (g, group) in config.groups.iter().enumerate() {
            rows.push(Row::Group(g));
            for i in 0..group.items.len() {
                rows.extend(
                    (0..group.headings.len())
                        .filter(|&h| group.headings[h].first_item == i)
                        .map(|h| Row::Subheading(g, h)),
                );
                for c in config.cells_of_item(flat) {
                    rows.push(if config.cells[c].by_chair {
                        Row::Fact(c)
                    } else {
                        Row::Cell(c)
                    });
                }
                flat += 1;
            }
        }
        for (kind, wanted) in [
            (AdjustmentKind::Bonus, CellKind::Bonus),
            (AdjustmentKind::Deduction, CellKind::Deduction),
        ] {
            let cells: Vec<usize> = (0..config.cells.len())
                .filter(|&c| config.cells[c].kind == wanted)
                .collect();
            if !cells.is_empty() {
                rows.push(Row::Heading(kind));
                rows.extend(cells.into_iter().map(Row::Cell));
            }
        }
        let targets: Vec<usize> = (0..config.members.len())
            .filter(|&t| config.scores_target(scorer, t))
            .collect();
        SheetLayout::from_rows(config, rows, targets)
    }

    fn from_rows(config: &Config, rows: Vec<Row>, targets: Vec<usize>) -> SheetLayout {
        let not_assigned = targets
            .iter()
            .flat_map(|&t| {
                (0..config.cells.len())
                    .filter(move |&c| !config.cells[c].assigned_to(config, t))
                    .map(move |c| (t, c))
            })
            .collect();
        let mut cell_row_of = vec![None; rows.len()];
        let mut cell_rows = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            if matches!(row, Row::Cell(_)) {
                cell_row_of[r] = Some(cell_rows.len());
                cell_rows.push(r);
            }
        }
        SheetLayout {
            rows,
            targets,
            cell_row_of,
            cell_rows,
            not_assigned,
        }
    }

    /// Whether the item of this cell applies to the member: if not, there is
    /// nothing to type there and the cursor passes over it.
    pub fn is_assigned(&self, key: CellKey) -> bool {
        !self.not_assigned.contains(&key)
    }

    /// The cell at a place in typing order: (column, n-th cell row).
    pub fn key_at(&self, (column, at): (usize, usize)) -> Option<CellKey> {
        let target = *self.targets.get(column)?;
        match self.rows.get(*self.cell_rows.get(at)?)? {
            Row::Cell(c) if self.is_assigned((target, *c)) => Some((target, *c)),
            _ => None,
        }
    }

    /// Where a cell is in typing order, if the sheet has it.
    pub fn place_of(&self, (target, cell): CellKey) -> Option<(usize, usize)> {
        let column = self.targets.iter().position(|&t| t == target)?;
        let row = self.row_of_cell(cell)?;
        Some((column, self.cell_row_of[row]?))
    }

    /// The shown row of a cell.
    pub fn row_of_cell(&self, cell: usize) -> Option<usize> {
        self.rows.iter().position(|r| *r == Row::Cell(cell))
    }

    /// The shown row of the n-th cell row.
    pub fn row_of_place(&self, at: usize) -> Option<usize> {
        self.cell_rows.get(at).copied()
    }

    pub fn cell_row_count(&self) -> usize {
        self.cell_rows.len()
    }

    /// Every cell, row by row and left to right: the order Tab walks.
    pub fn keys(&self) -> impl Iterator<Item = CellKey> + '_ {
        (0..self.cell_rows.len())
            .flat_map(move |at| (0..self.targets.len()).filter_map(move |c| self.key_at((c, at))))
    }
}

/// Where a key sends the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Tab: right, then the first member of the next row.
    Next,
    /// Shift+Tab: left, then the last member of the row above.
    Previous,
    /// Enter, ↓.
    Down,
    /// ↑, Shift+Enter.
    Up,
    Left,
    Right,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypingKey {
    Char(char),
    Backspace,
    /// Empties the cell (saved as "no value" when it leaves).
    Delete,
    /// Gives up what was typed: the cell shows its saved value again.
    Escape,
    Move(Step),
}

/// A value the sheet refused, kept in its cell until it is corrected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub text: String,
    pub error: PointsError,
    /// What the cell held when the value was refused: once something else saves
    /// another value there (an undo, the delegate's laptop), the refusal is old news.
    pub over: Option<Points>,
}

/// What a key asks of the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Save this value in this cell (`None`: empty the cell).
    Save(CellKey, Option<Points>),
    /// The text typed for this cell was refused; nothing is saved there.
    Refused(CellKey),
    /// Esc took back the refused text of this cell: it holds its saved value again.
    Dropped(CellKey),
    /// Tab or Enter went past the last cell: the cursor stays, typing stops here.
    PastEnd,
}

/// How a cell looks: what it shows and in which state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellText {
    /// Being typed in the cursor's cell.
    Typing(String),
    /// A refused value, with why.
    Refused(Refusal),
    /// The saved value (empty when there is none).
    Saved(Option<Points>),
}

/// One sheet being typed: the cursor, the text typed in its cell, and the refused
/// cells (kept while the app runs, whatever cell the cursor is in).
#[derive(Clone, Debug, Default)]
pub struct SheetTyping {
    /// (column, n-th cell row).
    cursor: (usize, usize),
    /// What was typed in the cursor's cell since the cursor arrived; `None` while
    /// nothing was typed, so the cell shows what it holds.
    typed: Option<String>,
    refused: BTreeMap<CellKey, Refusal>,
    /// Values saved by keys of this frame, which the values given in may not
    /// show yet (they are committed after the frame).
    unconfirmed: BTreeMap<CellKey, Option<Points>>,
    /// The cursor went past the last cell: typed text is ignored until it moves.
    past_end: bool,
    /// How a saved value reads when Backspace starts editing it (`9,5` or `9.5`).
    separator: Option<char>,
}

impl SheetTyping {
    /// The cell the cursor is in (`None` for a sheet without cells).
    pub fn cursor(&self, layout: &SheetLayout) -> Option<CellKey> {
        layout.key_at(self.cursor)
    }

    pub fn cursor_place(&self) -> (usize, usize) {
        self.cursor
    }

    /// Saved values are edited as the person reads them: `9,5` in Vietnamese.
    pub fn set_separator(&mut self, separator: char) {
        self.separator = Some(separator);
    }

    pub fn is_typing(&self) -> bool {
        self.typed.is_some()
    }

    pub fn is_past_end(&self) -> bool {
        self.past_end
    }

    pub fn refusal(&self, key: CellKey) -> Option<&Refusal> {
        self.refused.get(&key)
    }

    /// The refused cells, in (target, cell) order.
    pub fn refused(&self) -> impl Iterator<Item = (&CellKey, &Refusal)> {
        self.refused.iter()
    }

    /// Forgets values saved in an earlier frame (the values given in now hold them),
    /// and refusals over a cell that has since been saved otherwise.
    pub fn new_frame(&mut self, saved: &dyn Fn(CellKey) -> Option<Points>) {
        self.unconfirmed.clear();
        self.refused.retain(|&key, r| saved(key) == r.over);
    }

    /// A cell's value as saved, counting saves of this frame.
    fn value(&self, key: CellKey, saved: &dyn Fn(CellKey) -> Option<Points>) -> Option<Points> {
        self.unconfirmed
            .get(&key)
            .copied()
            .unwrap_or_else(|| saved(key))
    }

    /// What a cell shows.
    pub fn text_of(
        &self,
        layout: &SheetLayout,
        key: CellKey,
        saved: &dyn Fn(CellKey) -> Option<Points>,
    ) -> CellText {
        if let Some(typed) = self
            .typed
            .as_ref()
            .filter(|_| self.cursor(layout) == Some(key))
        {
            return CellText::Typing(typed.clone());
        }
        match self.refused.get(&key) {
            Some(refusal) => CellText::Refused(refusal.clone()),
            None => CellText::Saved(self.value(key, saved)),
        }
    }

    /// Puts the cursor in a cell (a click, the sheet opening). What was typed in the
    /// cell it leaves is saved or refused first.
    pub fn go_to(
        &mut self,
        config: &Config,
        layout: &SheetLayout,
        key: CellKey,
        saved: &dyn Fn(CellKey) -> Option<Points>,
    ) -> Vec<Effect> {
        let effects = self.leave(config, layout, saved);
        if let Some(place) = layout.place_of(key) {
            self.cursor = place;
            self.past_end = false;
        }
        effects
    }

    /// The first cell without a saved value (a refused cell has none), row by row.
    pub fn first_empty(
        layout: &SheetLayout,
        saved: &dyn Fn(CellKey) -> Option<Points>,
    ) -> Option<CellKey> {
        layout.keys().find(|&k| saved(k).is_none())
    }

    /// What one key does.
    pub fn press(
        &mut self,
        config: &Config,
        layout: &SheetLayout,
        key: TypingKey,
        saved: &dyn Fn(CellKey) -> Option<Points>,
    ) -> Vec<Effect> {
        let Some(here) = self.cursor(layout) else {
            return Vec::new();
        };
        match key {
            TypingKey::Char(c) if !c.is_control() => {
                if self.past_end {
                    return Vec::new();
                }
                let typed = self.typed.get_or_insert_with(String::new);
                if typed.chars().count() < MAX_TYPED {
                    typed.push(c);
                }
                Vec::new()
            }
            TypingKey::Char(_) => Vec::new(),
            TypingKey::Backspace => {
                if self.past_end {
                    return Vec::new();
                }
                let mut text = match self.text_of(layout, here, saved) {
                    CellText::Typing(t) => t,
                    CellText::Refused(r) => r.text,
                    CellText::Saved(v) => v
                        .map(|p| p.display(self.separator.unwrap_or(',')))
                        .unwrap_or_default(),
                };
                text.pop();
                self.typed = Some(text);
                Vec::new()
            }
            TypingKey::Delete => {
                if !self.past_end {
                    self.typed = Some(String::new());
                }
                Vec::new()
            }
            TypingKey::Escape => {
                self.typed = None;
                match self.refused.remove(&here) {
                    Some(_) => vec![Effect::Dropped(here)],
                    None => Vec::new(),
                }
            }
            TypingKey::Move(step) => {
                let mut effects = self.leave(config, layout, saved);
                match typeable_neighbour(layout, self.cursor, step) {
                    Some(next) => {
                        self.cursor = next;
                        self.past_end = false;
                    }
                    None if matches!(step, Step::Next | Step::Down) => {
                        self.past_end = true;
                        effects.push(Effect::PastEnd);
                    }
                    None => {}
                }
                effects
            }
        }
    }

    /// Saves or refuses what was typed in the cursor's cell, and stops typing there
    /// (the cursor stays).
    pub fn leave(
        &mut self,
        config: &Config,
        layout: &SheetLayout,
        saved: &dyn Fn(CellKey) -> Option<Points>,
    ) -> Vec<Effect> {
        let (Some(key), Some(text)) = (self.cursor(layout), self.typed.take()) else {
            return Vec::new();
        };
        match read_value(config, key.1, &text) {
            Err(error) => {
                let over = self.value(key, saved);
                self.refused.insert(
                    key,
                    Refusal {
                        text: text.trim().to_string(),
                        error,
                        over,
                    },
                );
                vec![Effect::Refused(key)]
            }
            Ok(value) => {
                let was_refused = self.refused.remove(&key).is_some();
                if self.value(key, saved) == value {
                    // Nothing to save, but a refused text there is gone.
                    return if was_refused {
                        vec![Effect::Dropped(key)]
                    } else {
                        Vec::new()
                    };
                }
                self.unconfirmed.insert(key, value);
                vec![Effect::Save(key, value)]
            }
        }
    }

    /// Puts back a refused value kept from an earlier run (a paper entry reopened).
    pub fn restore_refusal(&mut self, key: CellKey, refusal: Refusal) {
        self.refused.insert(key, refusal);
    }

    /// Gives up what is being typed, without saving (undo while typing).
    pub fn abandon(&mut self) {
        self.typed = None;
    }
}

/// What a cell's text means: a value within the item's limits, empty (no value),
/// or why not. A pass/fail cell takes `1`, `đ`/`d` (đạt), `x` or `p` for passed and
/// `0`, `k` (không) or `n` for not, as paper sheets mark them; a count must be whole.
pub fn read_value(config: &Config, cell: usize, text: &str) -> Result<Option<Points>, PointsError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let limits = &config.cells[cell];
    match limits.input {
        Input::PassFail => match text.to_lowercase().as_str() {
            "1" | "đ" | "d" | "x" | "đạt" | "dat" | "p" => Ok(Some(Points(100))),
            "0" | "k" | "không" | "khong" | "n" => Ok(Some(Points::ZERO)),
            _ => Err(PointsError::NotPassFail),
        },
        Input::Count | Input::Plus | Input::Minus | Input::Actual => {
            Points::parse_up_to(text, limits.max)
                .and_then(|p| limits.check(p))
                .map(Some)
        }
        Input::Points => Points::parse(text).and_then(|p| limits.check(p)).map(Some),
    }
}

/// The next place in `step`'s direction that has something to type, passing over
/// the cells of items that do not apply to that member.
fn typeable_neighbour(
    layout: &SheetLayout,
    from: (usize, usize),
    step: Step,
) -> Option<(usize, usize)> {
    let mut at = from;
    // Every place is visited at most once before the edge is reached.
    for _ in 0..=layout.targets.len() * layout.cell_row_count() {
        at = neighbour(layout, at, step)?;
        if layout.key_at(at).is_some() {
            return Some(at);
        }
    }
    None
}

fn neighbour(
    layout: &SheetLayout,
    (column, at): (usize, usize),
    step: Step,
) -> Option<(usize, usize)> {
    let columns = layout.targets.len();
    let rows = layout.cell_row_count();
    if columns == 0 || rows == 0 {
        return None;
    }
    match step {
        Step::Next | Step::Right if column + 1 < columns => Some((column + 1, at)),
        Step::Next if at + 1 < rows => Some((0, at + 1)),
        Step::Previous | Step::Left if column > 0 => Some((column - 1, at)),
        Step::Previous if at > 0 => Some((columns - 1, at - 1)),
        Step::Down if at + 1 < rows => Some((column, at + 1)),
        Step::Up if at > 0 => Some((column, at - 1)),
        _ => None,
    }
}
