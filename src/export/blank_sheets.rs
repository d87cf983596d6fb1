//! Paper score sheets (phiếu chấm điểm) for clusters that score on paper, or as a
//! fallback: one set of pages per scoring delegate, all in one PDF. Each set has the
//! cluster, year and scorer at the top, a grid to fill by hand (a row per item with
//! its id, wrapped name and maximum; a column of empty boxes per member scored,
//! headed by its short name; bonus, deduction and total rows), and a place to sign.
//! A delegate scores itself only where the config's self rule says so. When the
//! members scored do not fit across one upright page, the sheets turn landscape and
//! the columns are split evenly over several pages, each repeating the item column.
//! The footer carries page numbers and the config's code.
//!
//! Pure: the bytes come back, the caller writes them.

use super::pdf_layout::{
    Align, Paper, PrintError, Row, Signature, Table, Writer, blank_date, config_code,
};
use super::pledge::{adjustment_rows, step_rule};
use crate::model::Config;
use crate::model::config::SelfRule;
use crate::text::Lang;
use crate::text::documents::D;
use crate::text::export::X;
use printpdf::PdfDocument;

/// A4 upright with a form's narrow margins.
pub const PORTRAIT: Paper = Paper {
    width: 210.0,
    height: 297.0,
    left: 15.0,
    right: 15.0,
    top: 12.0,
    bottom: 17.0,
};

/// A4 on its side, for more columns than an upright page holds.
pub const LANDSCAPE: Paper = Paper {
    width: 297.0,
    height: 210.0,
    left: 14.0,
    right: 14.0,
    top: 12.0,
    bottom: 17.0,
};

/// Column widths in mm: the item's id and maximum, the least for its name, and the
/// least and most for a box to write a score in by hand (the name column takes the
/// rest).
const ID_WIDTH: f32 = 10.0;
const MAX_WIDTH: f32 = 13.0;
const NAME_MIN: f32 = 80.0;
const BOX_MIN: f32 = 13.0;
const BOX_MAX: f32 = 16.0;
/// The grid's type size in points, its line spacing, and the least height of a row
/// to write in.
const SIZE: f32 = 9.0;
const HEADER_SIZE: f32 = 8.0;
const LEADING: f32 = 1.25;
const ROW_MIN: f32 = 8.0;
/// Room for the scorer's signature, in mm: a form needs less than a document.
const SIGN_ROOM: f32 = 16.0;

/// The members `scorer` fills boxes for, in the config's order.
pub fn targets(config: &Config, scorer: usize) -> Vec<usize> {
    (0..config.members.len())
        .filter(|&t| config.scores_target(scorer, t))
        .collect()
}

/// How many boxes fit across one page of `paper` beside the item column.
fn boxes_across(paper: &Paper) -> usize {
    ((paper.text_width() - ID_WIDTH - MAX_WIDTH - NAME_MIN) / BOX_MIN).floor() as usize
}

/// The paper for `columns` boxes and how many go on one page: upright when they all
/// fit, else landscape with the columns split evenly over the fewest pages.
pub fn layout(columns: usize) -> (Paper, usize) {
    if columns <= boxes_across(&PORTRAIT) {
        return (PORTRAIT, columns.max(1));
    }
    let most = boxes_across(&LANDSCAPE).max(1);
    let parts = columns.div_ceil(most);
    (LANDSCAPE, columns.div_ceil(parts))
}

/// The sheets of every scoring member, or of `scorer` (a member id) only.
pub fn blank_sheets(
    config: &Config,
    scorer: Option<&str>,
    lang: Lang,
) -> Result<Vec<u8>, PrintError> {
    let scorers: Vec<usize> = match scorer {
        Some(id) => vec![
            config
                .member(id)
                .ok_or_else(|| PrintError::UnknownScorer(id.to_string()))?,
        ],
        None => (0..config.members.len()).collect(),
    };
    let columns = scorers
        .iter()
        .map(|&s| targets(config, s).len())
        .max()
        .unwrap_or(1);
    let (paper, per_page) = layout(columns);
    let mut doc = PdfDocument::new(D::SheetsDocumentTitle.get(lang));
    let mut w = Writer::new(&mut doc, paper).ok_or(PrintError::FontUnreadable)?;
    let mut first = true;
    for &s in &scorers {
        let targets = targets(config, s);
        let parts: Vec<&[usize]> = targets.chunks(per_page).collect();
        for (p, part) in parts.iter().enumerate() {
            if !first {
                w.new_page();
            }
            first = false;
            let sheet = Part {
                config,
                scorer: s,
                part: (p + 1, parts.len()),
                lang,
            };
            sheet.draw(&mut w, part, per_page);
        }
    }
    Ok(w.finish(doc, &config_code(config, lang), lang))
}

/// One page width of one delegate's sheet: the part `part.0` of `part.1`.
struct Part<'a> {
    config: &'a Config,
    scorer: usize,
    part: (usize, usize),
    lang: Lang,
}

impl Part<'_> {
    /// The heading, the grid of `members` (boxes as wide as for `per_page`), then
    /// the date and the scorer's signature.
    fn draw(&self, w: &mut Writer, members: &[usize], per_page: usize) {
        let (config, lang) = (self.config, self.lang);
        self.heading(w, false);
        let text_width = w.paper.text_width();
        let room = text_width - ID_WIDTH - MAX_WIDTH - NAME_MIN;
        let box_width = (room / per_page.max(1) as f32).min(BOX_MAX);
        let name_width = text_width - ID_WIDTH - MAX_WIDTH - box_width * members.len() as f32;
        let mut widths = vec![ID_WIDTH, name_width, MAX_WIDTH];
        widths.extend(std::iter::repeat_n(box_width, members.len()));
        let mut aligns = vec![Align::Center, Align::Left, Align::Center];
        aligns.extend(std::iter::repeat_n(Align::Center, members.len()));
        let mut headers = vec![
            D::ColNumber.get(lang).to_string(),
            D::ColCriterion.get(lang).to_string(),
            D::ColMax.get(lang).to_string(),
        ];
        headers.extend(members.iter().map(|&t| {
            if t == self.scorer {
                D::SelfColumn.get(lang).to_string()
            } else {
                config.members[t].short.clone()
            }
        }));
        let table = Table {
            headers,
            header_size: HEADER_SIZE,
            widths: &widths,
            aligns: &aligns,
            size: SIZE,
            leading: LEADING,
            min_height: ROW_MIN,
        };
        let rows = self.rows(members);
        w.table_with(&table, &rows, &mut |w| self.heading(w, true));

        // The date beside the scorer's signature, with the heading again if they
        // start a page.
        let sign = Signature {
            titles: vec![D::SignScorer.get(lang).to_string()],
            hint: X::SignHint.get(lang).to_string(),
            room: SIGN_ROOM,
            name: "………………………………".to_string(),
        };
        if !w.fits(w.signature_height(None, Some(&sign))) {
            w.new_page();
            self.heading(w, true);
        }
        let (x0, x1) = w.signature_span(false);
        w.place(
            &blank_date(config, lang),
            11.0,
            false,
            x0,
            x1,
            Align::Center,
        );
        w.signature_row(None, Some(&sign));
    }

    /// Cluster and year, the title, who scores (and which part); then how to fill
    /// it in. On the pages a part goes on to, all of it on one line.
    fn heading(&self, w: &mut Writer, continued: bool) {
        let (config, lang) = (self.config, self.lang);
        let cluster = &config.cluster;
        let title_line = X::TitleLine.fill(lang, &[&cluster.name, &cluster.year]);
        let mut who = D::Scorer.fill(lang, &[&config.members[self.scorer].name]);
        if self.part.1 > 1 {
            who = format!(
                "{who} {}",
                D::SheetPart.fill(lang, &[&self.part.0, &self.part.1])
            );
        }
        if continued {
            let line = format!(
                "{title_line} — {} — {who} {}",
                D::SheetTitle.get(lang),
                D::Continued.get(lang)
            );
            w.centered(&line, 10.0, true);
            w.gap(2.0);
            return;
        }
        w.centered(&title_line, 11.0, false);
        w.gap(1.0);
        w.centered(D::SheetTitle.get(lang), 14.0, true);
        w.centered(&who, 12.0, true);
        w.gap(1.0);
        let mut how = vec![
            D::SheetInstructions.get(lang).to_string(),
            step_rule(config, lang),
        ];
        match config.scoring.self_rule {
            SelfRule::Separate => how.push(D::SelfSeparateNote.get(lang).to_string()),
            SelfRule::Include => how.push(D::SelfIncludeNote.get(lang).to_string()),
            SelfRule::Exclude => {}
        }
        w.paragraph(&how.join(" "), SIZE, false, 0.0);
        w.gap(2.0);
    }

    /// The grid's rows with a box for each of `members`: groups and headings
    /// (shaded, nothing to write), items (a row per count of a plus/minus item; a
    /// dash where an item does not apply; shaded where the chair enters it), bonus
    /// and deductions, and the total.
    fn rows(&self, members: &[usize]) -> Vec<Row> {
        let (config, lang) = (self.config, self.lang);
        let sep = lang.decimal_separator();
        let boxes = members.len();
        let with_boxes = |mut row: Row| {
            row.cells.extend(std::iter::repeat_n(String::new(), boxes));
            row
        };
        let mut rows = Vec::new();
        let mut flat = 0;
        for group in &config.groups {
            let mut row = Row::bold(vec![
                group.id.clone(),
                group.name.clone(),
                group.max().display(sep),
            ]);
            row.shaded = true;
            rows.push(with_boxes(row));
            for (i, item) in group.items.iter().enumerate() {
                for heading in group.headings.iter().filter(|h| h.first_item == i) {
                    let mut row = Row::bold(vec![
                        heading.id.clone(),
                        heading.name.clone(),
                        heading.cap.map_or(String::new(), |c| c.display(sep)),
                    ]);
                    row.shaded = true;
                    rows.push(with_boxes(row));
                }
                rows.extend(self.item_rows(item, config.cells_of_item(flat), members));
                flat += 1;
            }
        }
        for mut row in adjustment_rows(config, lang) {
            // A bonus or deduction heading holds no score.
            row.shaded = row.bold;
            rows.push(with_boxes(row));
        }
        let (label, most) = total_row(config, lang);
        rows.push(with_boxes(Row::bold(vec![String::new(), label, most])));
        rows
    }
}

impl Part<'_> {
    /// The rows of one item: what is written in its boxes, said beside its name.
    fn item_rows(
        &self,
        item: &crate::model::config::Item,
        cells: std::ops::Range<usize>,
        members: &[usize],
    ) -> Vec<Row> {
        use crate::model::config::{Input, ItemKind};
        let (config, lang) = (self.config, self.lang);
        let sep = lang.decimal_separator();
        let show = |p: crate::model::points::Points| p.display(sep);
        cells
            .map(|c| {
                let cell = &config.cells[c];
                let what = match (&item.kind, cell.input) {
                    _ if item.by_chair() => D::ByChairBox.get(lang).to_string(),
                    (ItemKind::PassFail, _) => D::PassFailBox.get(lang).to_string(),
                    (ItemKind::PerOccurrence { rate }, _) => {
                        D::CountBox.fill(lang, &[&show(*rate), &show(item.max)])
                    }
                    (ItemKind::PlusMinus(rule), Input::Plus) => {
                        D::PlusBox.fill(lang, &[&show(rule.bonus_rate)])
                    }
                    (ItemKind::PlusMinus(rule), _) => {
                        D::MinusBox.fill(lang, &[&show(rule.penalty_rate)])
                    }
                    (ItemKind::Target { .. }, _) => D::ActualBox.get(lang).to_string(),
                    (ItemKind::Points, _) => String::new(),
                };
                let name = if what.is_empty() {
                    item.name.clone()
                } else {
                    format!("{} ({what})", item.name)
                };
                let max = match cell.input {
                    Input::Minus => String::new(),
                    _ => show(item.max),
                };
                let mut row = Row::plain(vec![item.id.clone(), name, max]);
                // Where a member has nothing to write: a dash, or shaded for the chair's.
                row.cells.extend(members.iter().map(|&t| {
                    if item.is_assigned(t) {
                        String::new()
                    } else {
                        "—".to_string()
                    }
                }));
                row.shaded = item.by_chair();
                row
            })
            .collect()
    }
}

/// The total row's words and its maximum: the criteria's maximum plus every bonus
/// (deductions only take off), as the row's words say the total adds them up; the
/// bonus rows above it show their own maximum, so the sum can be followed.
fn total_row(config: &Config, lang: Lang) -> (String, String) {
    use crate::model::config::AdjustmentKind;
    use crate::model::points::Points;
    let bonus: i64 = config
        .adjustments
        .iter()
        .filter(|a| a.kind == AdjustmentKind::Bonus)
        .map(|a| a.max.0)
        .sum();
    let most = Points(config.max_total().0 + bonus);
    (
        D::TotalRow.get(lang).to_string(),
        most.display(lang.decimal_separator()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf_layout::{load_config as load, pdf_pages};

    fn pages(config: &Config, scorer: Option<&str>, lang: Lang) -> Vec<String> {
        match blank_sheets(config, scorer, lang) {
            Ok(bytes) => pdf_pages(&bytes),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn the_total_rows_maximum_is_what_the_row_says_it_adds_up() {
        // The wards: 90 for the criteria, bonuses of 5 + 3 + 2.
        let config = load(include_bytes!(
            "../../sample-data/cum-phuong-2025/cluster.json"
        ));
        assert_eq!(total_row(&config, Lang::Vi).1, "100");
        let Ok(bytes) = blank_sheets(&config, Some("ba-dinh"), Lang::Vi) else {
            panic!("the sheets print");
        };
        let text = pdf_pages(&bytes).join(" ");
        assert!(
            text.contains("TỔNG ĐIỂM (tiêu chí + thưởng - trừ) 100"),
            "{text}"
        );
        assert!(
            !text.contains("trừ) 90"),
            "the criteria's maximum alone: {text}"
        );
        // Without a bonus, the criteria's maximum is the most a total can be.
        let mut plain = config.clone();
        plain
            .adjustments
            .retain(|a| a.kind != crate::model::config::AdjustmentKind::Bonus);
        assert_eq!(total_row(&plain, Lang::Vi).1, "90");
    }

    #[test]
    fn the_paper_turns_and_columns_split_only_when_they_must() {
        assert_eq!(layout(5), (PORTRAIT, 5));
        assert_eq!(layout(6), (LANDSCAPE, 6));
        assert_eq!(layout(12), (LANDSCAPE, 12));
        // 13 do not fit on one landscape page: two pages of 7 and 6, not 12 and 1.
        assert_eq!(layout(13), (LANDSCAPE, 7));
        assert_eq!(layout(29), (LANDSCAPE, 10));
    }

    #[test]
    fn a_delegate_scores_itself_only_where_the_rules_say_so() {
        let mut config = load(include_bytes!(
            "../../sample-data/ha-noi-cum-1-2024/cluster.json"
        ));
        assert_eq!(config.scoring.self_rule, SelfRule::Exclude);
        assert_eq!(targets(&config, 2), [0, 1, 3, 4, 5]);
        let text = pages(&config, Some("hoan-kiem"), Lang::Vi).join(" ");
        assert!(!text.contains(D::SelfColumn.get(Lang::Vi)), "{text}");
        assert!(text.contains("Đơn vị chấm: Ủy ban MTTQ Việt Nam quận Hoàn Kiếm"));
        for separate in [SelfRule::Separate, SelfRule::Include] {
            config.scoring.self_rule = separate;
            assert_eq!(targets(&config, 2), [0, 1, 2, 3, 4, 5]);
        }
        let text = pages(&config, Some("hoan-kiem"), Lang::En).join(" ");
        assert!(text.contains("Scored by: Ủy ban MTTQ Việt Nam quận Hoàn Kiếm"));
        assert!(text.contains("Ba Đình Hoàng Mai Self Đống Đa"), "{text}");
        assert!(text.contains(D::SelfIncludeNote.get(Lang::En)), "{text}");
    }

    #[test]
    fn thirty_members_split_over_three_landscape_pages_each_with_the_items() {
        let config = crate::synthetic::config(crate::synthetic::LARGE);
        assert_eq!(config.members.len(), 30);
        let pages = pages(&config, Some("dv-000"), Lang::Vi);
        // 29 members scored, 10 a page: three parts, each of several pages.
        let first_of_part = |p: usize| {
            pages
                .iter()
                .position(|page| page.contains(&format!("(tờ {p}/3)")))
                .unwrap_or_else(|| panic!("no part {p}"))
        };
        let starts = [first_of_part(1), first_of_part(2), first_of_part(3)];
        assert_eq!(starts[0], 0);
        for (p, &start) in starts.iter().enumerate() {
            let end = starts.get(p + 1).copied().unwrap_or(pages.len());
            let part = pages[start..end].join(" ");
            for wanted in ["Tiêu chí 1.1", "Tiêu chí 6.10", "Chậm báo cáo", "TỔNG ĐIỂM"]
            {
                assert!(part.contains(wanted), "part {}: `{wanted}`", p + 1);
            }
            assert_eq!(part.matches("NGƯỜI CHẤM").count(), 1, "part {}", p + 1);
            // Its own ten (or nine) members, and none of the others' (the scorer,
            // member 0, "Phường 1", is on none).
            for t in 0..30 {
                let short = format!("Phường {} ", t + 1);
                let here = (p * 10 + 1..=p * 10 + 10).contains(&t);
                assert_eq!(part.contains(&short), here, "part {}: {short}", p + 1);
            }
        }
    }

    #[test]
    fn an_unknown_scorer_is_refused_in_the_language_asked() {
        let config = load(include_bytes!(
            "../../sample-data/cum-phuong-2025/cluster.json"
        ));
        let Err(e) = blank_sheets(&config, Some("khong-co"), Lang::Vi) else {
            panic!("a sheet for no member");
        };
        assert_eq!(e, PrintError::UnknownScorer("khong-co".into()));
        assert_eq!(e.text(Lang::Vi), "không có đơn vị nào có mã \"khong-co\"");
        assert_eq!(e.to_string(), "no member has the id \"khong-co\"");
    }
}
