//! Where every part of the scoring grid lies: the criterion and maximum columns on
//! the left and the member names on top stay in place, the cells scroll under them.
//! Measured once per sheet, width and text size, never per frame.

use eframe::egui::{Rect, Vec2, pos2, vec2};
use std::ops::Range;

/// The smallest member column: a 5-character value in large type with room around.
pub const MIN_COLUMN: f32 = 96.0;
pub const MAX_COLUMN: f32 = 132.0;
pub const MAX_POINTS_COLUMN: f32 = 58.0;
pub const SCROLLBAR: f32 = 12.0;
/// Room kept around the cell being typed in when the grid scrolls to it.
const REVEAL_MARGIN: f32 = 6.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Geometry {
    pub name_width: f32,
    pub column_width: f32,
    pub header_height: f32,
    pub footer_height: f32,
    pub columns: usize,
    /// The top of each row in the scrolled content, and the content's height last.
    pub row_top: Vec<f32>,
}

/// What the layout depends on; the geometry is measured again only when it changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    pub width: f32,
    pub columns: usize,
    pub row_heights: Vec<f32>,
    pub header_height: f32,
    pub footer_height: f32,
}

impl Geometry {
    /// The criterion column takes about a quarter of the width (within reason), the
    /// members share the rest down to [`MIN_COLUMN`]; beyond that the cells scroll.
    pub fn new(m: &Measure) -> Geometry {
        let mut name_width = (m.width * 0.26).clamp(220.0, 420.0);
        let across = (m.width - name_width - MAX_POINTS_COLUMN - SCROLLBAR).max(MIN_COLUMN);
        let column_width = if m.columns == 0 {
            MIN_COLUMN
        } else {
            (across / m.columns as f32).clamp(MIN_COLUMN, MAX_COLUMN)
        };
        // Few members leave room: the criteria take it, up to half the width, so
        // their names need fewer lines.
        let spare = across - column_width * m.columns as f32;
        if spare > 0.0 {
            name_width = (name_width + spare).min((m.width * 0.5).max(name_width));
        }
        let mut row_top = Vec::with_capacity(m.row_heights.len() + 1);
        let mut y = 0.0;
        for h in &m.row_heights {
            row_top.push(y);
            y += h;
        }
        row_top.push(y);
        Geometry {
            name_width,
            column_width: column_width.floor(),
            header_height: m.header_height,
            footer_height: m.footer_height,
            columns: m.columns,
            row_top,
        }
    }

    pub fn rows(&self) -> usize {
        self.row_top.len() - 1
    }

    /// The width of the columns that stay on the left.
    pub fn left_width(&self) -> f32 {
        self.name_width + MAX_POINTS_COLUMN
    }

    pub fn content_size(&self) -> Vec2 {
        vec2(
            self.column_width * self.columns as f32,
            self.row_top.last().copied().unwrap_or(0.0),
        )
    }

    /// The part of `outer` where cells scroll (scroll bars right and below it).
    pub fn body(&self, outer: Rect) -> Rect {
        Rect::from_min_max(
            pos2(
                outer.left() + self.left_width(),
                outer.top() + self.header_height,
            ),
            pos2(
                outer.right() - SCROLLBAR,
                outer.bottom() - self.footer_height - SCROLLBAR,
            ),
        )
    }

    /// The furthest the content can scroll within a view of `view` size.
    pub fn max_offset(&self, view: Vec2) -> Vec2 {
        (self.content_size() - view).max(Vec2::ZERO)
    }

    pub fn clamp(&self, offset: Vec2, view: Vec2) -> Vec2 {
        offset.clamp(Vec2::ZERO, self.max_offset(view))
    }

    /// Columns at least partly inside the view.
    pub fn visible_columns(&self, offset: f32, view: f32) -> Range<usize> {
        if self.columns == 0 || self.column_width <= 0.0 {
            return 0..0;
        }
        let first = (offset / self.column_width).floor().max(0.0) as usize;
        let last = ((offset + view) / self.column_width).ceil().max(0.0) as usize;
        first.min(self.columns)..last.min(self.columns)
    }

    /// Rows at least partly inside the view.
    pub fn visible_rows(&self, offset: f32, view: f32) -> Range<usize> {
        let rows = self.rows();
        let first = self.row_top[..rows].partition_point(|&top| top <= offset);
        let first = first.saturating_sub(1);
        let last = self.row_top[..rows].partition_point(|&top| top < offset + view);
        first..last.max(first)
    }

    pub fn column_span(&self, column: usize) -> (f32, f32) {
        let left = column as f32 * self.column_width;
        (left, left + self.column_width)
    }

    pub fn row_span(&self, row: usize) -> (f32, f32) {
        (self.row_top[row], self.row_top[row + 1])
    }

    /// The offset that shows the cell at (column, row) whole, moving as little as
    /// possible from `offset`.
    pub fn reveal(&self, offset: Vec2, view: Vec2, column: usize, row: usize) -> Vec2 {
        let (left, right) = self.column_span(column);
        let (top, bottom) = self.row_span(row);
        let axis = |offset: f32, view: f32, low: f32, high: f32| {
            if high - low + 2.0 * REVEAL_MARGIN >= view || low - REVEAL_MARGIN < offset {
                low - REVEAL_MARGIN
            } else if high + REVEAL_MARGIN > offset + view {
                high + REVEAL_MARGIN - view
            } else {
                offset
            }
        };
        self.clamp(
            vec2(
                axis(offset.x, view.x, left, right),
                axis(offset.y, view.y, top, bottom),
            ),
            view,
        )
    }

    /// The (column, row) under a point of the scrolled content.
    pub fn at(&self, content: Vec2) -> Option<(usize, usize)> {
        if content.x < 0.0 || content.y < 0.0 || self.column_width <= 0.0 {
            return None;
        }
        let column = (content.x / self.column_width) as usize;
        let rows = self.rows();
        let row = self.row_top[..rows].partition_point(|&top| top <= content.y);
        (column < self.columns && row > 0 && content.y < self.row_top[rows])
            .then_some((column, row - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geometry(width: f32, columns: usize, rows: usize) -> Geometry {
        Geometry::new(&Measure {
            width,
            columns,
            row_heights: (0..rows)
                .map(|r| if r % 5 == 0 { 30.0 } else { 50.0 })
                .collect(),
            header_height: 48.0,
            footer_height: 36.0,
        })
    }

    #[test]
    fn few_members_share_the_width_many_scroll() {
        let six = geometry(1260.0, 6, 20);
        assert!(six.column_width > MIN_COLUMN);
        assert!(six.left_width() + 6.0 * six.column_width <= 1260.0);
        let thirty = geometry(1260.0, 30, 20);
        assert_eq!(thirty.column_width, MIN_COLUMN);
        assert!(thirty.content_size().x > 1260.0);
    }

    #[test]
    fn revealing_a_cell_brings_all_of_it_into_view_and_no_more_than_needed() {
        let g = geometry(1260.0, 30, 70);
        let view = vec2(700.0, 400.0);
        for (column, row) in [(29, 69), (0, 0), (15, 33), (29, 0), (0, 69)] {
            for start in [Vec2::ZERO, g.max_offset(view), vec2(333.0, 777.0)] {
                let start = g.clamp(start, view);
                let o = g.reveal(start, view, column, row);
                let (l, r) = g.column_span(column);
                let (t, b) = g.row_span(row);
                assert!(l >= o.x && r <= o.x + view.x, "{column} in view");
                assert!(t >= o.y && b <= o.y + view.y, "{row} in view");
                assert!(g.visible_columns(o.x, view.x).contains(&column));
                assert!(g.visible_rows(o.y, view.y).contains(&row));
            }
        }
        // A cell already in view does not move the grid.
        let o = vec2(0.0, 0.0);
        assert_eq!(g.reveal(o, view, 1, 1), o);
    }

    #[test]
    fn the_point_under_the_pointer_names_its_cell() {
        let g = geometry(1260.0, 12, 10);
        let (l, _) = g.column_span(4);
        let (t, _) = g.row_span(3);
        assert_eq!(g.at(vec2(l + 1.0, t + 1.0)), Some((4, 3)));
        assert_eq!(g.at(vec2(-1.0, 5.0)), None);
        assert_eq!(g.at(vec2(5.0, 1e6)), None);
        assert_eq!(g.at(vec2(1e6, 5.0)), None);
    }

    #[test]
    fn visible_ranges_cover_exactly_what_the_view_touches() {
        let g = geometry(1260.0, 30, 70);
        let rows = g.visible_rows(0.0, 100.0);
        assert_eq!(rows.start, 0);
        assert!(g.row_top[rows.end - 1] < 100.0);
        assert!(rows.end == g.rows() || g.row_top[rows.end] >= 100.0);
        let columns = g.visible_columns(g.column_width * 2.5, g.column_width * 3.0);
        assert_eq!(columns, 2..6);
    }
}
