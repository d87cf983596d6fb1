//! The minutes (biên bản) as an A4 PDF in the look of a Vietnamese administrative
//! document: national motto and issuing body at the top, the record, the ranked
//! table, ballots, proposals, signature blocks, page numbers and a check code that
//! ties the paper to the meeting file.

use super::text::verification_code;
use super::wording;
use crate::model::Session;
use crate::model::tally::{ProposalStatus, Tally};
use crate::text::Lang;
use crate::text::export::X;
use printpdf::{
    Color, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use super::pdf_fonts::{Face, PT_TO_MM};
pub use super::pdf_fonts::{NOTO_SERIF, NOTO_SERIF_BOLD};

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const LEFT: f32 = 25.0;
const RIGHT: f32 = 20.0;
const TOP: f32 = 20.0;
const BOTTOM: f32 = 24.0;
const BODY: f32 = 12.0;

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Center,
    Right,
}

struct Writer {
    regular: Face,
    bold: Face,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// Baseline position of the next line, in mm from the bottom.
    y: f32,
}

fn black() -> Color {
    Color::Rgb(Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    })
}

fn line_height(size: f32) -> f32 {
    size * PT_TO_MM * 1.45
}

impl Writer {
    fn new(doc: &mut PdfDocument, lang: Lang) -> Result<Writer, String> {
        let (regular, bold) =
            super::pdf_fonts::embed(doc).ok_or_else(|| X::FontUnreadable.get(lang).to_string())?;
        let mut w = Writer {
            regular,
            bold,
            pages: Vec::new(),
            ops: Vec::new(),
            y: PAGE_H - TOP,
        };
        w.start_page();
        Ok(w)
    }

    fn start_page(&mut self) {
        self.ops = vec![
            Op::SetFillColor { col: black() },
            Op::SetOutlineColor { col: black() },
            Op::SetOutlineThickness { pt: Pt(0.6) },
        ];
        self.y = PAGE_H - TOP;
    }

    fn new_page(&mut self) {
        let done = std::mem::take(&mut self.ops);
        self.pages.push(done);
        self.start_page();
    }

    /// Starts a new page unless `space` mm are left above the bottom margin.
    fn ensure(&mut self, space: f32) {
        if self.y - space < BOTTOM {
            self.new_page();
        }
    }

    fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }

    fn text_at(&mut self, x: f32, y: f32, text: &str, size: f32, bold: bool) {
        let id = self.face(bold).id.clone();
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFont {
            font: PdfFontHandle::External(id),
            size: Pt(size),
        });
        self.ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Mm(x).into(), Mm(y).into()),
        });
        self.ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        });
        self.ops.push(Op::EndTextSection);
    }

    /// Writes `text` aligned in [x0, x1] at the current line.
    fn place(&mut self, text: &str, size: f32, bold: bool, x0: f32, x1: f32, align: Align) {
        let w = self.face(bold).width(text, size);
        let x = match align {
            Align::Left => x0,
            Align::Center => (x0 + x1 - w) / 2.0,
            Align::Right => x1 - w,
        };
        let y = self.y;
        self.text_at(x, y, text, size, bold);
    }

    fn hline(&mut self, x0: f32, x1: f32, y: f32) {
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

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Mm(x).into(),
                y: Mm(y).into(),
                width: Mm(w).into(),
                height: Mm(h).into(),
                mode: Some(PaintMode::Stroke),
                winding_order: None,
            },
        });
    }

    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        self.face(bold).wrap(text, size, width)
    }

    /// A wrapped paragraph across the text width, first line indented.
    fn paragraph(&mut self, text: &str, size: f32, bold: bool, indent: f32) {
        let width = PAGE_W - LEFT - RIGHT - indent;
        for (i, line) in self.wrap(text, size, bold, width).iter().enumerate() {
            self.ensure(line_height(size));
            let x0 = if i == 0 { LEFT + indent } else { LEFT };
            self.place(line, size, bold, x0, PAGE_W - RIGHT, Align::Left);
            self.y -= line_height(size);
        }
    }

    fn centered(&mut self, text: &str, size: f32, bold: bool) {
        for line in self.wrap(text, size, bold, PAGE_W - LEFT - RIGHT) {
            self.ensure(line_height(size));
            self.place(&line, size, bold, LEFT, PAGE_W - RIGHT, Align::Center);
            self.y -= line_height(size);
        }
    }

    fn gap(&mut self, mm: f32) {
        self.y -= mm;
    }

    /// A bordered table; cells wrap; the header row is repeated on a new page.
    fn table(&mut self, headers: &[&str], rows: &[Vec<String>], widths: &[f32], aligns: &[Align]) {
        let size = 10.5;
        let pad = 1.5;
        let draw_row = |w: &mut Writer, cells: &[String], bold: bool| {
            let wrapped: Vec<Vec<String>> = cells
                .iter()
                .zip(widths)
                .map(|(c, width)| w.wrap(c, size, bold, width - 2.0 * pad))
                .collect();
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
            let height = lines as f32 * line_height(size) + 2.0 * pad;
            let top = w.y;
            let mut x = LEFT;
            for ((cell_lines, width), align) in wrapped.iter().zip(widths).zip(aligns) {
                w.rect(x, top - height, *width, height);
                for (i, line) in cell_lines.iter().enumerate() {
                    w.y = top - pad - (i as f32 + 0.78) * line_height(size);
                    let align = if bold { Align::Center } else { *align };
                    w.place(line, size, bold, x + pad, x + width - pad, align);
                }
                x += width;
            }
            w.y = top - height;
            height
        };
        let header_cells: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        self.ensure(3.0 * line_height(size) + 6.0);
        draw_row(self, &header_cells, true);
        for row in rows {
            let needed = 2.0 * line_height(size) + 2.0 * pad;
            if self.y - needed < BOTTOM {
                self.new_page();
                draw_row(self, &header_cells, true);
            }
            draw_row(self, row, false);
        }
        self.gap(3.0);
    }

    /// Page numbers and the check code on every page, then the document bytes.
    fn finish(mut self, mut doc: PdfDocument, code: &str, lang: Lang) -> Vec<u8> {
        let last = std::mem::take(&mut self.ops);
        self.pages.push(last);
        let total = self.pages.len();
        let pages: Vec<Vec<Op>> = std::mem::take(&mut self.pages);
        let mut out = Vec::new();
        for (i, mut ops) in pages.into_iter().enumerate() {
            self.ops = std::mem::take(&mut ops);
            self.y = 12.0;
            let number = X::PageNumber.fill(lang, &[&(i + 1), &total]);
            self.place(&number, 10.0, false, LEFT, PAGE_W - RIGHT, Align::Center);
            let check = X::CheckCode.fill(lang, &[&code]);
            self.place(&check, 9.0, false, LEFT, PAGE_W - RIGHT, Align::Right);
            out.push(PdfPage::new(
                Mm(PAGE_W),
                Mm(PAGE_H),
                std::mem::take(&mut self.ops),
            ));
        }
        let mut warnings = Vec::new();
        doc.with_pages(out)
            .save(&PdfSaveOptions::default(), &mut warnings)
    }
}

fn date_words(date: &str, lang: Lang) -> String {
    match chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(d) => d.format(X::DateFormat.get(lang)).to_string(),
        Err(_) => date.to_string(),
    }
}

/// The header block: issuing body on the left, the national motto on the right.
fn header(w: &mut Writer, session: &Session, lang: Lang) {
    let config = session.config();
    let top = w.y;
    let left = (LEFT, LEFT + 75.0);
    let right = (LEFT + 70.0, PAGE_W - RIGHT);
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
    if let Some(m) = &session.meeting {
        let words = date_words(&m.date, lang);
        w.place(&words, 12.0, false, right.0, right.1, Align::Center);
        w.y -= line_height(12.0);
    }
    w.y = w.y.min(after_left) - 6.0;
}

pub fn minutes(
    session: &Session,
    tally: &Tally,
    head: &str,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    let config = session.config();
    let sep = lang.decimal_separator();
    let mut doc = PdfDocument::new(X::MinutesDocumentTitle.get(lang));
    let mut w = Writer::new(&mut doc, lang)?;
    header(&mut w, session, lang);

    w.centered(X::MinutesTitle.get(lang), 14.0, true);
    w.centered(
        &X::MinutesSubtitle.fill(lang, &[&config.cluster.year]),
        13.0,
        true,
    );
    w.centered(&config.cluster.name, 13.0, true);
    if tally.is_provisional() || !session.finalized {
        w.gap(1.0);
        w.centered(&wording::status_line(session, tally, lang), 11.0, false);
    }
    w.gap(4.0);

    // Sections are numbered as they come: the ballots' only when there were any.
    let roman = ["I", "II", "III", "IV", "V", "VI", "VII"];
    let mut section = 0;
    let mut heading = |w: &mut Writer, title: X| {
        w.gap(1.5);
        w.ensure(3.0 * line_height(BODY));
        let text = format!("{}. {}", roman[section], title.get(lang));
        w.paragraph(&text, BODY, true, 0.0);
        section += 1;
    };

    heading(&mut w, X::SectionAttendance);
    match &session.meeting {
        Some(m) => {
            let date = date_words(&m.date, lang);
            let place = if m.place.is_empty() {
                "—".to_string()
            } else {
                m.place.clone()
            };
            w.paragraph(&X::DatePlace.fill(lang, &[&date, &place]), BODY, false, 8.0);
            let chair = if m.chair.is_empty() {
                "—".to_string()
            } else {
                m.chair.clone()
            };
            let secretary = if m.secretary.is_empty() {
                "—".to_string()
            } else {
                m.secretary.clone()
            };
            w.paragraph(
                &X::ChairSecretary.fill(lang, &[&chair, &secretary]),
                BODY,
                false,
                8.0,
            );
        }
        None => w.paragraph(X::NoMeetingDetails.get(lang), BODY, false, 8.0),
    }
    let present: Vec<String> = (0..config.members.len())
        .filter(|&m| session.is_present(m))
        .map(|m| config.members[m].short.clone())
        .collect();
    let absent: Vec<String> = (0..config.members.len())
        .filter(|&m| !session.is_present(m))
        .map(|m| config.members[m].short.clone())
        .collect();
    let mut attendance = X::Attendance.fill(
        lang,
        &[&present.len(), &config.members.len(), &present.join(", ")],
    );
    if !absent.is_empty() {
        attendance.push(' ');
        attendance.push_str(&X::Absent.fill(lang, &[&absent.join(", ")]));
    }
    w.paragraph(&attendance, BODY, false, 8.0);

    heading(&mut w, X::SectionMethod);
    w.paragraph(&wording::scoring_method(config, lang), BODY, false, 8.0);

    heading(&mut w, X::SectionScores);
    let rows: Vec<Vec<String>> = tally
        .order
        .iter()
        .map(|&m| {
            let r = &tally.members[m];
            vec![
                r.rank.map_or("—".into(), |k| k.to_string()),
                config.members[m].name.clone(),
                r.total.map_or("—".into(), |t| t.display(sep)),
                r.class
                    .map_or(String::new(), |c| config.classes[c].name.clone()),
            ]
        })
        .collect();
    w.table(
        &[X::Rank, X::Member, X::Total, X::Class].map(|t| t.get(lang)),
        &rows,
        &[13.0, 70.0, 22.0, 60.0],
        &[Align::Center, Align::Left, Align::Right, Align::Left],
    );

    let ballots = wording::ballot_sentences(session, lang);
    if !ballots.is_empty() {
        heading(&mut w, X::SectionBallots);
        for b in &ballots {
            w.paragraph(b, BODY, false, 8.0);
        }
    }

    heading(&mut w, X::SectionCommendations);
    if config.commendations.is_empty() {
        w.paragraph(X::NoCommendationRules.get(lang), BODY, false, 8.0);
    }
    for (c, (rule, result)) in config
        .commendations
        .iter()
        .zip(&tally.commendations)
        .enumerate()
    {
        let title = X::CommendationSeats.fill(lang, &[&rule.name, &result.quota]);
        w.paragraph(&format!("{title}:"), BODY, true, 8.0);
        let listed: Vec<_> = result
            .proposals
            .iter()
            .filter(|p| p.status != ProposalStatus::BallotFailed)
            .collect();
        let vacancy = wording::vacant_seats_line(config, tally, c, lang);
        if listed.is_empty() && vacancy.is_none() {
            let none = format!("— {}", X::NoEligibleMember.get(lang));
            w.paragraph(&none, BODY, false, 12.0);
        }
        for p in listed {
            w.paragraph(
                &format!(
                    "— {} ({}): {}.",
                    config.members[p.member].name,
                    p.status.text(lang),
                    wording::proposal_reason(session, tally, p, lang)
                ),
                BODY,
                false,
                12.0,
            );
        }
        // Fewer names than seats: how many stay empty and why.
        if let Some(vacancy) = vacancy {
            w.paragraph(&format!("— {vacancy}"), BODY, false, 12.0);
        }
    }
    for line in wording::decision_lines(session, lang) {
        w.paragraph(&line, BODY, false, 8.0);
    }

    heading(&mut w, X::SectionNextYear);
    let next = wording::next_year_line(session, lang)
        .unwrap_or_else(|| X::NotYetAgreed.get(lang).to_string());
    w.paragraph(&next, BODY, false, 8.0);

    w.gap(2.0);
    let code = verification_code(head);
    w.paragraph(&X::MinutesClosing.fill(lang, &[&code]), 11.0, false, 8.0);

    // Signature blocks, kept together on one page.
    w.ensure(45.0);
    w.gap(6.0);
    let (left, right) = ((LEFT, LEFT + 70.0), (PAGE_W - RIGHT - 75.0, PAGE_W - RIGHT));
    let (secretary, chair) = (X::SignSecretary.get(lang), X::SignChair.get(lang));
    w.place(secretary, BODY, true, left.0, left.1, Align::Center);
    w.place(chair, BODY, true, right.0, right.1, Align::Center);
    w.y -= line_height(BODY);
    let sign = X::SignHint.get(lang);
    w.place(sign, 11.0, false, left.0, left.1, Align::Center);
    w.place(sign, 11.0, false, right.0, right.1, Align::Center);
    w.y -= 25.0;
    if let Some(m) = &session.meeting {
        let (secretary, chair) = (m.secretary.clone(), m.chair.clone());
        w.place(&secretary, BODY, true, left.0, left.1, Align::Center);
        w.place(&chair, BODY, true, right.0, right.1, Align::Center);
    }
    Ok(w.finish(doc, &code, lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::wording::tests::{one_of_three_seats, partly_scored, seat_session};
    use crate::export::wording::vacant_seats_line;

    /// The minutes' words as `pdftotext` reads them, every run of white space one space.
    fn minutes_words(session: &Session, lang: Lang) -> String {
        let tally = Tally::compute(session);
        let bytes = match minutes(session, &tally, &"ab".repeat(32), lang) {
            Ok(bytes) => bytes,
            Err(e) => panic!("{e}"),
        };
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("bien-ban.pdf");
        std::fs::write(&path, bytes).expect("the PDF is written");
        let out = std::process::Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is needed by this test; .ci/run installs it");
        let text = String::from_utf8_lossy(&out.stdout);
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_minutes_say_under_a_commendation_how_many_seats_stay_open() {
        let session = one_of_three_seats();
        let tally = Tally::compute(&session);
        for (lang, seats) in [
            (Lang::Vi, "Bằng khen (3 suất):"),
            (Lang::En, "Bằng khen (3 seats):"),
        ] {
            let words = minutes_words(&session, lang);
            let open = vacant_seats_line(session.config(), &tally, 0, lang).expect("2 open seats");
            let (at_seats, at_open) = (words.find(seats), words.find(&open));
            assert!(at_seats.is_some(), "`{seats}` not in the minutes:\n{words}");
            assert!(at_open.is_some(), "`{open}` not in the minutes:\n{words}");
            assert!(
                at_seats < at_open,
                "the open seats come under their commendation"
            );
        }
    }

    #[test]
    fn english_counts_in_the_minutes_agree_with_their_number() {
        // One seat, one sheet of four missing.
        let words = minutes_words(&partly_scored(1, &[9500, 8000, 7000, 6000], 3), Lang::En);
        assert!(words.contains("Bằng khen (1 seat):"), "{words}");
        assert!(
            words.contains("PROVISIONAL — 1 of 4 sheets missing"),
            "{words}"
        );
        assert!(words.contains("delegates of 4 of 4 members"), "{words}");
        let words = minutes_words(&seat_session(2, &[9500, 9400, 7000]), Lang::En);
        assert!(words.contains("Bằng khen (2 seats):"), "{words}");
        assert!(
            !words.contains("seats stay open"),
            "every seat taken:\n{words}"
        );
    }
}
