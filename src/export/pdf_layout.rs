//! Page layout shared by the printed documents (the minutes, the pledge, the paper
//! score sheets): a writer that flows lines and bordered tables down A4 pages, the
//! administrative header (issuing body on the left, national motto on the right),
//! and the footer with page numbers and a check code.

use super::pdf_fonts::{Face, PT_TO_MM, gray};
use crate::model::Config;
use crate::text::Lang;
use crate::text::documents::D;
use crate::text::export::X;
use printpdf::{
    Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfPage, PdfSaveOptions, Point, Pt, Rect,
};

/// A page size and its margins, in mm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paper {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

/// A4 upright, with the margins of an administrative document.
pub const A4: Paper = Paper {
    width: 210.0,
    height: 297.0,
    left: 25.0,
    right: 20.0,
    top: 20.0,
    bottom: 24.0,
};

impl Paper {
    /// Where the text may run: from the left margin to the right one.
    pub fn text_width(&self) -> f32 {
        self.width - self.left - self.right
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// The height of a line of `size` points, in mm.
pub fn line_height(size: f32) -> f32 {
    size * PT_TO_MM * 1.45
}

/// One row of a [`Table`].
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<String>,
    pub bold: bool,
    /// The row's empty cells are shaded: nothing to write there.
    pub shaded: bool,
}

impl Row {
    pub fn plain(cells: Vec<String>) -> Row {
        Row {
            cells,
            bold: false,
            shaded: false,
        }
    }

    pub fn bold(cells: Vec<String>) -> Row {
        Row {
            cells,
            bold: true,
            shaded: false,
        }
    }
}

/// A bordered table's columns: headings (and their type size), widths in mm,
/// alignment, type size, line spacing (a multiple of the size), and the least
/// height of a row (room to write in by hand).
pub struct Table<'a> {
    pub headers: Vec<String>,
    pub header_size: f32,
    pub widths: &'a [f32],
    pub aligns: &'a [Align],
    pub size: f32,
    pub leading: f32,
    pub min_height: f32,
}

impl Table<'_> {
    /// The type size of the header row (`true`) or of the others.
    fn size_of(&self, header: bool) -> f32 {
        if header { self.header_size } else { self.size }
    }

    fn line_height(&self, header: bool) -> f32 {
        self.size_of(header) * PT_TO_MM * self.leading
    }
}

/// White space inside a table cell, in mm.
const PAD: f32 = 1.5;

/// A no-break space: the words it joins are kept on one line (see [`Writer::wrap`]).
pub const KEEP: char = '\u{a0}';

/// `name` with its last words, `short` (a member's short name at the end of its
/// full name: "… phường Hoàn Kiếm"), joined so a line never breaks inside them.
pub fn keep_together(name: &str, short: &str) -> String {
    let glued = short
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(&KEEP.to_string());
    match name.strip_suffix(short) {
        Some(head) if !short.trim().is_empty() => format!("{head}{glued}"),
        _ if name == short => glued,
        _ => name.to_string(),
    }
}

/// The body text's size, in points.
pub const BODY: f32 = 12.0;

/// Section numbers, as administrative documents write them.
pub const ROMAN: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/// The room an official document leaves to sign (and seal) in, in mm.
pub const SIGN_SPACE: f32 = 25.0;

/// One signature block: bold title lines (who signs, in what capacity), a hint in
/// brackets, `room` mm to sign in, then the signer's name (or dots to write it on).
pub struct Signature {
    pub titles: Vec<String>,
    pub hint: String,
    pub room: f32,
    pub name: String,
}

pub struct Writer {
    pub paper: Paper,
    regular: Face,
    bold: Face,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// Baseline position of the next line, in mm from the bottom.
    pub y: f32,
}

impl Writer {
    /// A writer on a first empty page; `None` when the fonts cannot be read.
    pub fn new(doc: &mut PdfDocument, paper: Paper) -> Option<Writer> {
        let (regular, bold) = super::pdf_fonts::embed(doc)?;
        let mut w = Writer {
            paper,
            regular,
            bold,
            pages: Vec::new(),
            ops: Vec::new(),
            y: paper.height - paper.top,
        };
        w.start_page();
        Some(w)
    }

    fn start_page(&mut self) {
        self.ops = vec![
            Op::SetFillColor { col: gray(0.0) },
            Op::SetOutlineColor { col: gray(0.0) },
            Op::SetOutlineThickness { pt: Pt(0.6) },
        ];
        self.y = self.paper.height - self.paper.top;
    }

    pub fn new_page(&mut self) {
        let done = std::mem::take(&mut self.ops);
        self.pages.push(done);
        self.start_page();
    }

    /// Whether `space` mm are left above the bottom margin.
    pub fn fits(&self, space: f32) -> bool {
        self.y - space >= self.paper.bottom
    }

    /// Starts a new page unless `space` mm are left above the bottom margin.
    pub fn ensure(&mut self, space: f32) {
        if !self.fits(space) {
            self.new_page();
        }
    }

    pub fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }

    fn text_at(&mut self, x: f32, y: f32, text: &str, size: f32, bold: bool) {
        let ops = self.face(bold).text_ops(x, y, text, size);
        self.ops.extend(ops);
    }

    /// Writes `text` aligned in [x0, x1] at the current line.
    pub fn place(&mut self, text: &str, size: f32, bold: bool, x0: f32, x1: f32, align: Align) {
        let w = self.face(bold).width(text, size);
        let x = match align {
            Align::Left => x0,
            Align::Center => (x0 + x1 - w) / 2.0,
            Align::Right => x1 - w,
        };
        let y = self.y;
        self.text_at(x, y, text, size, bold);
    }

    pub fn hline(&mut self, x0: f32, x1: f32, y: f32) {
        self.ops.push(Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint {
                        p: Point::new(Mm(x0), Mm(y)),
                        bezier: false,
                    },
                    LinePoint {
                        p: Point::new(Mm(x1), Mm(y)),
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        });
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, shaded: bool) {
        let rectangle = Rect {
            x: Mm(x).into(),
            y: Mm(y).into(),
            width: Mm(w).into(),
            height: Mm(h).into(),
            mode: Some(if shaded {
                PaintMode::FillStroke
            } else {
                PaintMode::Stroke
            }),
            winding_order: None,
        };
        if shaded {
            self.ops.push(Op::SetFillColor { col: gray(0.86) });
        }
        self.ops.push(Op::DrawRectangle { rectangle });
        if shaded {
            self.ops.push(Op::SetFillColor { col: gray(0.0) });
        }
    }

    /// Splits text into lines no wider than `width` mm, at spaces. Words joined by
    /// a no-break space ([`KEEP`], see [`keep_together`]) stay on one line when
    /// the width holds them at all; a word longer than the width keeps a line of its
    /// own.
    pub fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let face = self.face(bold);
        let shown = |t: &str| t.replace(KEEP, " ");
        let fits = |t: &str| face.width(&shown(t), size) <= width;
        let mut words: Vec<&str> = Vec::new();
        for word in text.split(|c: char| c.is_whitespace() && c != KEEP) {
            if word.is_empty() {
                continue;
            }
            if word.contains(KEEP) && !fits(word) {
                // Too long to keep together here: its parts wrap like other words.
                words.extend(word.split(KEEP).filter(|w| !w.is_empty()));
            } else {
                words.push(word);
            }
        }
        let mut lines = Vec::new();
        let mut current = String::new();
        for word in words {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
            if current.is_empty() || fits(&candidate) {
                current = candidate;
            } else {
                lines.push(shown(&std::mem::replace(&mut current, word.to_string())));
            }
        }
        if !current.is_empty() {
            lines.push(shown(&current));
        }
        lines
    }

    /// The height of [`Writer::paragraph`] of `text`, in mm.
    pub fn paragraph_height(&self, text: &str, size: f32, bold: bool, indent: f32) -> f32 {
        let width = self.paper.text_width() - indent;
        self.wrap(text, size, bold, width).len() as f32 * line_height(size)
    }

    /// Widths for a table's columns across `total` mm. When every cell fits on one
    /// line, each column is as wide as its widest cell and what is left goes to the
    /// columns in `first`. Otherwise the columns that can wrap (more than one word)
    /// share the room so the table takes the fewest lines, the columns in `first`
    /// (a member's name) taking the room where that costs no line: a name is broken
    /// only where no other column could give it the room.
    pub fn fit_widths(&self, table: &Table, rows: &[Row], total: f32, first: &[usize]) -> Vec<f32> {
        let columns = table.headers.len();
        let one_line = |text: &str, size: f32, bold: bool| {
            self.face(bold).width(&text.replace(KEEP, " "), size) + 2.0 * PAD + 0.5
        };
        let longest_word = |text: &str, size: f32, bold: bool| {
            text.split(|c: char| c.is_whitespace() && c != KEEP)
                .map(|w| one_line(w, size, bold))
                .fold(0.0, f32::max)
        };
        let mut natural = vec![0.0f32; columns];
        let mut least = vec![0.0f32; columns];
        for (c, header) in table.headers.iter().enumerate() {
            // A heading may wrap between its words.
            let word = longest_word(header, table.header_size, true);
            natural[c] = word;
            least[c] = word;
        }
        for row in rows {
            for (c, cell) in row.cells.iter().enumerate().take(columns) {
                natural[c] = natural[c].max(one_line(cell, table.size, row.bold));
                least[c] = least[c].max(longest_word(cell, table.size, row.bold));
            }
        }
        let sum = |list: &[f32]| -> f32 { list.iter().sum() };
        if sum(&natural) <= total {
            let grow = (total - sum(&natural)) / first.len().max(1) as f32;
            return (0..columns)
                .map(|c| {
                    natural[c]
                        + if first.is_empty() || first.contains(&c) {
                            grow
                        } else {
                            0.0
                        }
                })
                .collect();
        }
        // The table's lines at these widths: each row as tall as its tallest cell.
        let lines = |widths: &[f32]| -> usize {
            rows.iter()
                .map(|row| {
                    row.cells
                        .iter()
                        .zip(widths)
                        .map(|(cell, w)| self.wrap(cell, table.size, row.bold, w - 2.0 * PAD).len())
                        .max()
                        .unwrap_or(1)
                })
                .sum()
        };
        let flexible: Vec<usize> = (0..columns).filter(|&c| natural[c] > least[c]).collect();
        let fixed: f32 = (0..columns)
            .filter(|c| !flexible.contains(c))
            .map(|c| natural[c])
            .sum();
        let room = total - fixed;
        if let [a, b] = flexible[..] {
            // Every split of the room between the two, half a millimetre apart.
            let mut best: Option<(usize, f32, Vec<f32>)> = None;
            let mut width_a = least[a];
            while width_a <= natural[a].min(room - least[b]) + 0.01 {
                let mut widths = natural.clone();
                widths[a] = width_a;
                widths[b] = room - width_a;
                let count = lines(&widths);
                // Fewer lines first; then the more room for the `first` column.
                let lean = if first.contains(&a) {
                    width_a
                } else {
                    -width_a
                };
                if best
                    .as_ref()
                    .is_none_or(|(n, l, _)| count < *n || (count == *n && lean > *l))
                {
                    best = Some((count, lean, widths));
                }
                width_a += 0.5;
            }
            if let Some((_, _, widths)) = best {
                return widths;
            }
        }
        // Otherwise every flexible column the same share of the way from its
        // longest word to its one line.
        let (lo, hi): (f32, f32) = flexible
            .iter()
            .fold((0.0, 0.0), |(lo, hi), &c| (lo + least[c], hi + natural[c]));
        let k = if hi > lo {
            ((room - lo) / (hi - lo)).clamp(0.0, 1.0)
        } else {
            1.0
        };
        (0..columns)
            .map(|c| {
                if flexible.contains(&c) {
                    least[c] + (natural[c] - least[c]) * k
                } else {
                    natural[c]
                }
            })
            .collect()
    }

    /// A wrapped paragraph across the text width, first line indented.
    pub fn paragraph(&mut self, text: &str, size: f32, bold: bool, indent: f32) {
        let (left, right) = (self.paper.left, self.paper.width - self.paper.right);
        let width = right - left - indent;
        for (i, line) in self.wrap(text, size, bold, width).iter().enumerate() {
            self.ensure(line_height(size));
            let x0 = if i == 0 { left + indent } else { left };
            self.place(line, size, bold, x0, right, Align::Left);
            self.y -= line_height(size);
        }
    }

    /// Lines centred in [x0, x1], wrapped to its width, from the current line down.
    pub fn centered_in(&mut self, text: &str, size: f32, bold: bool, (x0, x1): (f32, f32)) {
        for line in self.wrap(text, size, bold, x1 - x0) {
            self.ensure(line_height(size));
            self.place(&line, size, bold, x0, x1, Align::Center);
            self.y -= line_height(size);
        }
    }

    /// Lines centred across the text width.
    pub fn centered(&mut self, text: &str, size: f32, bold: bool) {
        let span = (self.paper.left, self.paper.width - self.paper.right);
        self.centered_in(text, size, bold, span);
    }

    pub fn gap(&mut self, mm: f32) {
        self.y -= mm;
    }

    /// A numbered section heading in bold, kept with a few lines of what follows.
    pub fn heading(&mut self, number: usize, title: &str) {
        self.gap(1.5);
        self.ensure(3.0 * line_height(BODY));
        let roman = ROMAN.get(number).copied().unwrap_or("");
        self.paragraph(&format!("{roman}. {title}"), BODY, true, 0.0);
    }

    /// The left or right half of the text width, where a signature block stands.
    pub fn signature_span(&self, right: bool) -> (f32, f32) {
        let half = self.paper.text_width() / 2.0 - 4.0;
        let (left, end) = (self.paper.left, self.paper.width - self.paper.right);
        if right {
            (end - half, end)
        } else {
            (left, left + half)
        }
    }

    /// The blocks present, each with its span and its title lines.
    fn signature_blocks<'a>(
        &self,
        left: Option<&'a Signature>,
        right: Option<&'a Signature>,
    ) -> Vec<(&'a Signature, (f32, f32), Vec<String>)> {
        [(left, false), (right, true)]
            .into_iter()
            .filter_map(|(block, side)| {
                let block = block?;
                let span = self.signature_span(side);
                let titles = block
                    .titles
                    .iter()
                    .flat_map(|t| self.face(true).balanced(t, BODY, span.1 - span.0))
                    .collect();
                Some((block, span, titles))
            })
            .collect()
    }

    /// The height of a [`Writer::signature_row`] of these blocks, in mm.
    pub fn signature_height(&self, left: Option<&Signature>, right: Option<&Signature>) -> f32 {
        let blocks = self.signature_blocks(left, right);
        let lines = blocks.iter().map(|(_, _, t)| t.len()).max().unwrap_or(0);
        let room = blocks.iter().map(|(b, _, _)| b.room).fold(0.0, f32::max);
        (lines + 1) as f32 * line_height(BODY) + room
    }

    /// Up to two signature blocks side by side, kept on one page.
    pub fn signature_row(&mut self, left: Option<&Signature>, right: Option<&Signature>) {
        let height = self.signature_height(left, right);
        self.ensure(height);
        let top = self.y;
        // The names stand on one line across the row, however the titles wrap.
        let names = top - height + line_height(BODY);
        for (block, (x0, x1), titles) in self.signature_blocks(left, right) {
            self.y = top;
            for line in &titles {
                self.place(line, BODY, true, x0, x1, Align::Center);
                self.y -= line_height(BODY);
            }
            self.place(&block.hint, 11.0, false, x0, x1, Align::Center);
            self.y = names;
            self.place(&block.name, BODY, true, x0, x1, Align::Center);
        }
        self.y = top - height;
    }

    /// The cells' lines and the row's height.
    fn measure(
        &self,
        table: &Table,
        cells: &[String],
        bold: bool,
        header: bool,
    ) -> (Vec<Vec<String>>, f32) {
        let size = table.size_of(header);
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(table.widths)
            .map(|(c, width)| self.wrap(c, size, bold || header, width - 2.0 * PAD))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = (lines as f32 * table.line_height(header) + 2.0 * PAD).max(table.min_height);
        (wrapped, height)
    }

    /// One row from the current line down; each cell's lines centred in its height.
    fn draw_row(&mut self, table: &Table, row: &Row, header: bool) {
        let bold = row.bold || header;
        let size = table.size_of(header);
        let (wrapped, height) = self.measure(table, &row.cells, bold, header);
        let top = self.y;
        let mut x = self.paper.left;
        let lh = table.line_height(header);
        for ((lines, width), align) in wrapped.iter().zip(table.widths).zip(table.aligns) {
            self.rect(
                x,
                top - height,
                *width,
                height,
                row.shaded && lines.is_empty(),
            );
            let first = top - (height - lines.len() as f32 * lh) / 2.0;
            for (i, line) in lines.iter().enumerate() {
                // The baseline: the line's height less the descent below it.
                self.y = first - (i as f32 + 1.0) * lh + size * PT_TO_MM * 0.3;
                let align = if header { Align::Center } else { *align };
                self.place(line, size, bold, x + PAD, x + width - PAD, align);
            }
            x += width;
        }
        self.y = top - height;
    }

    /// A bordered table; cells wrap; the header row is repeated on a new page, and a
    /// bold row does not end a page.
    pub fn table(&mut self, table: &Table, rows: &[Row]) {
        self.table_with(table, rows, &mut |_| {});
    }

    /// [`Writer::table`], calling `continued` at the top of every new page before the
    /// header row is repeated (e.g. to say whose table it is).
    pub fn table_with(
        &mut self,
        table: &Table,
        rows: &[Row],
        continued: &mut dyn FnMut(&mut Writer),
    ) {
        let header = Row::bold(table.headers.clone());
        let (_, header_height) = self.measure(table, &header.cells, true, true);
        let first = rows
            .first()
            .map_or(0.0, |r| self.measure(table, &r.cells, r.bold, false).1);
        self.ensure(header_height + first);
        self.draw_row(table, &header, true);
        for (i, row) in rows.iter().enumerate() {
            let (_, mut height) = self.measure(table, &row.cells, row.bold, false);
            // A bold row heads what follows it: keep it with the next row.
            if row.bold
                && let Some(next) = rows.get(i + 1)
            {
                height += self.measure(table, &next.cells, next.bold, false).1;
            }
            if !self.fits(height) {
                self.new_page();
                continued(self);
                self.draw_row(table, &header, true);
            }
            self.draw_row(table, row, false);
        }
        // What follows starts a line's height below the last row.
        self.gap(3.0 + BODY * PT_TO_MM);
    }

    /// Page numbers and `check` (the check code's line) on every page, then the
    /// document bytes.
    pub fn finish(mut self, doc: PdfDocument, check: &str, lang: Lang) -> Vec<u8> {
        let mut doc = doc;
        let last = std::mem::take(&mut self.ops);
        self.pages.push(last);
        let total = self.pages.len();
        let pages: Vec<Vec<Op>> = std::mem::take(&mut self.pages);
        let (left, right) = (self.paper.left, self.paper.width - self.paper.right);
        let mut out = Vec::new();
        for (i, ops) in pages.into_iter().enumerate() {
            self.ops = ops;
            self.y = 12.0;
            let number = X::PageNumber.fill(lang, &[&(i + 1), &total]);
            self.place(&number, 10.0, false, left, right, Align::Center);
            self.place(check, 9.0, false, left, right, Align::Right);
            out.push(PdfPage::new(
                Mm(self.paper.width),
                Mm(self.paper.height),
                std::mem::take(&mut self.ops),
            ));
        }
        let mut warnings = Vec::new();
        doc.with_pages(out)
            .save(&PdfSaveOptions::default(), &mut warnings)
    }
}

/// A `YYYY-MM-DD` date in words ("ngày 20 tháng 12 năm 2024"); other text as given.
pub fn date_words(date: &str, lang: Lang) -> String {
    match chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(d) => d.format(X::DateFormat.get(lang)).to_string(),
        Err(_) => date.to_string(),
    }
}

/// The header block: issuing body on the left (the config's `document_header`, or
/// organizer and cluster), the national motto on the right with `date` under it.
pub fn document_header(w: &mut Writer, config: &Config, date: Option<&str>, lang: Lang) {
    let paper = w.paper;
    let top = w.y;
    let left = (paper.left, paper.left + 75.0);
    let right = (paper.left + 70.0, paper.width - paper.right);
    let lines: Vec<String> = if config.cluster.document_header.is_empty() {
        vec![
            config.cluster.organizer.to_uppercase(),
            config.cluster.name.to_uppercase(),
        ]
    } else {
        config.cluster.document_header.clone()
    };
    let count = lines.len();
    for (i, line) in lines.iter().enumerate() {
        let bold = i + 1 == count;
        w.place(line, 12.0, bold, left.0, left.1, Align::Center);
        if bold {
            let width = w.face(true).width(line, 12.0).min(40.0);
            let cx = (left.0 + left.1) / 2.0;
            let y = w.y - 1.8;
            w.hline(cx - width / 4.0, cx + width / 4.0, y);
        }
        w.y -= line_height(12.0);
    }
    let after_left = w.y;
    w.y = top;
    let (motto1, motto2) = (X::Motto.get(lang), X::MottoSubtitle.get(lang));
    w.place(motto1, 12.0, true, right.0, right.1, Align::Center);
    w.y -= line_height(12.0);
    w.place(motto2, 13.0, true, right.0, right.1, Align::Center);
    let width = w.face(true).width(motto2, 13.0);
    let cx = (right.0 + right.1) / 2.0;
    let y = w.y - 1.8;
    w.hline(cx - width / 2.0, cx + width / 2.0, y);
    w.y -= line_height(13.0) + 2.0;
    if let Some(date) = date {
        // On two lines of near equal width when it must wrap, broken after the
        // place's comma: "Hội trường …," / "ngày 20 tháng 12 năm 2025".
        for line in w.face(false).balanced(date, 12.0, right.1 - right.0) {
            w.place(&line, 12.0, false, right.0, right.1, Align::Center);
            w.y -= line_height(12.0);
        }
    }
    w.y = w.y.min(after_left) - 6.0;
}

/// The place-and-date line under the motto: "Hội trường …, ngày 20 tháng 12 năm
/// 2025", with dots to fill in by hand where no place was given.
pub fn place_date(place: &str, date: &str, lang: Lang) -> String {
    let place = match place.trim() {
        "" => X::PlaceUnknown.get(lang),
        place => place,
    };
    X::PlaceDate.fill(lang, &[&place, &date])
}

/// Why a document could not be printed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub enum PrintError {
    FontUnreadable,
    /// `--scorer` named no member of the config.
    UnknownScorer(String),
}

impl PrintError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            PrintError::FontUnreadable => D::FontUnreadable.get(lang).to_string(),
            PrintError::UnknownScorer(id) => D::UnknownScorer.fill(lang, &[id]),
        }
    }
}

/// The footer's check line: the start of the config's SHA-256, enough to tell
/// configs apart and to find in `thidua check`'s output.
pub fn config_code(config: &Config, lang: Lang) -> String {
    let short: String = config.sha256.chars().take(16).collect();
    D::ConfigCode.fill(lang, &[&short])
}

/// The place and date left blank for the hand, in the document's year.
pub fn blank_date(config: &Config, lang: Lang) -> String {
    D::BlankDate.fill(lang, &[&config.cluster.year])
}

/// For tests: what `pdftotext` reads in a PDF, page by page, every run of white
/// space one space.
#[cfg(test)]
pub(crate) fn pdf_pages(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, bytes).expect("the PDF is written");
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed by this test; .ci/run installs it");
    assert!(out.status.success(), "pdftotext failed");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut pages: Vec<String> = text
        .split('\u{c}')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    // The text ends with a form feed: nothing after the last page.
    if pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    pages
}

/// For tests: a config that must load.
#[cfg(test)]
pub(crate) fn load_config(bytes: &[u8]) -> Config {
    match Config::from_bytes(bytes) {
        Ok(c) => c,
        Err(p) => panic!("{}", p.text(Lang::En)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Config {
        load_config(crate::sample::SAMPLE_CONFIG)
    }

    #[test]
    fn the_footer_code_is_the_start_of_the_configs_hash() {
        let config = sample();
        let code = config_code(&config, Lang::Vi);
        assert_eq!(code, format!("Mã cấu hình: {}", &config.sha256[..16]));
        assert_eq!(
            config_code(&config, Lang::En),
            format!("Config code: {}", &config.sha256[..16])
        );
    }

    #[test]
    fn a_bold_row_is_kept_with_the_row_after_it() {
        let mut doc = PdfDocument::new("t");
        let Some(mut w) = Writer::new(&mut doc, A4) else {
            panic!("the fonts load");
        };
        let table = Table {
            headers: vec!["a".into(), "b".into()],
            header_size: 10.0,
            widths: &[20.0, 100.0],
            aligns: &[Align::Left, Align::Left],
            size: 10.0,
            leading: 1.3,
            min_height: 10.0,
        };
        // Room for the header and exactly one more row: the bold row must move on.
        w.y = A4.bottom + 2.0 * 10.0 + 1.0;
        let rows = [
            Row::bold(vec!["1".into(), "NHÓM".into()]),
            Row::plain(vec!["1.1".into(), "tiêu chí".into()]),
        ];
        w.table(&table, &rows);
        let bytes = w.finish(doc, "x", Lang::Vi);
        let pages = pdf_pages(&bytes);
        assert_eq!(pages.len(), 2, "{pages:?}");
        assert!(
            !pages[0].contains("NHÓM") && pages[1].contains("NHÓM"),
            "{pages:?}"
        );
        assert!(pages[1].contains("tiêu chí"), "{pages:?}");
    }
}
