//! Join-code slips: an A4 PDF the chair prints and cuts up, one slip per present
//! delegate, [`PER_PAGE`] to a page with dashed cut lines between them. Each slip
//! carries the cluster and year, the member's short and full name, a QR code of the
//! personal link, the 6-digit PIN in large type, the address to type and one line
//! of instructions, in Noto Serif like the minutes.
//!
//! Pure: the bytes come back, the caller writes them (see
//! [`super::write_atomically`]).

use super::pdf_fonts::{Face, PT_TO_MM, gray};
use crate::model::Config;
use crate::model::grant::JoinCodes;
use crate::text::Lang;
use crate::text::slips::S;
use printpdf::{
    Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfPage, PdfSaveOptions,
    Point, Polygon, PolygonRing, Pt, WindingOrder,
};

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
/// Slips across and down an A4 page.
pub const COLUMNS: usize = 2;
pub const ROWS: usize = 4;
pub const PER_PAGE: usize = COLUMNS * ROWS;
const SLIP_W: f32 = PAGE_W / COLUMNS as f32;
const SLIP_H: f32 = PAGE_H / ROWS as f32;
/// White space inside each slip's cut lines; more than a printer's unprintable edge.
const PAD: f32 = 6.5;
/// The QR code's side, its quiet zone included, unless a long heading leaves less.
const QR_SIDE: f32 = 41.0;
/// Modules of white around the code, as the QR standard asks.
const QUIET: usize = 4;

/// One delegate's slip: the member the code opens, its PIN and its link.
#[derive(Clone, PartialEq, Eq)]
pub struct Slip {
    /// The member's id in the config.
    pub member: String,
    pub pin: String,
    /// `http://<host address>:<port>/j#<token>`.
    pub link: String,
}

/// Secrets stay out of logs and panic messages, as with [`crate::model::grant::JoinCode`].
impl std::fmt::Debug for Slip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Slip")
            .field("member", &self.member)
            .field("pin", &"<hidden>")
            .field("link", &"<hidden>")
            .finish()
    }
}

impl Slip {
    /// A slip for every active code, in the config's member order (the order the
    /// chair reads the list in). The host keeps one active code per present member,
    /// so this is one slip per present delegate. `base` is `http://<address>:<port>`.
    pub fn for_codes(config: &Config, codes: &JoinCodes, base: &str) -> Vec<Slip> {
        let base = base.trim().trim_end_matches('/');
        config
            .members
            .iter()
            .filter_map(|m| codes.active_for(&m.id))
            .map(|code| Slip {
                member: code.scorer.clone(),
                pin: crate::model::grant::pin_for_people(&code.pin),
                link: crate::net::client::join_link(base, &code.token),
            })
            .collect()
    }
}

/// The slips of every active code as PDF bytes: what `thidua host --slips` and the
/// window's print button save. `base` is the host's `http://<address>:<port>`, as
/// in the links; the slips show it without `http://` as the address to type.
pub fn slips_for_codes(
    config: &Config,
    codes: &JoinCodes,
    base: &str,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    slips(config, &Slip::for_codes(config, codes, base), base, lang)
}

/// The PDF of these slips, in the order given, [`PER_PAGE`] to an A4 page.
/// `address` is what a delegate types in thidua's join screen (`http://` is left off
/// when shown). An error, in `lang`, when there is no slip, a slip names no member
/// of the config, or a link is too long for a QR code.
pub fn slips(
    config: &Config,
    slips: &[Slip],
    address: &str,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    if slips.is_empty() {
        return Err(S::NoCodes.get(lang).to_string());
    }
    let address = shown_address(address);
    let mut doc = PdfDocument::new(S::DocumentTitle.get(lang));
    let fonts = Fonts::new(&mut doc, lang)?;
    let mut pages = Vec::new();
    for chunk in slips.chunks(PER_PAGE) {
        let mut page = Page {
            fonts: &fonts,
            ops: vec![Op::SetFillColor { col: gray(0.0) }],
        };
        for (i, slip) in chunk.iter().enumerate() {
            let member = config
                .members
                .iter()
                .find(|m| m.id == slip.member)
                .ok_or_else(|| S::UnknownMember.fill(lang, &[&slip.member]))?;
            let qr = qrcode::QrCode::new(slip.link.as_bytes())
                .map_err(|e| S::QrFailed.fill(lang, &[&member.short, &e]))?;
            let (column, row) = (i % COLUMNS, i / COLUMNS);
            let left = column as f32 * SLIP_W;
            let top = PAGE_H - row as f32 * SLIP_H;
            let card = Card {
                heading: S::Heading.fill(lang, &[&config.cluster.name, &config.cluster.year]),
                short: &member.short,
                name: &member.name,
                pin: &slip.pin,
                link: &slip.link,
                address: &address,
            };
            page.slip(left, top, &card, &qr, lang);
        }
        page.cut_lines(chunk.len());
        pages.push(PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), page.ops));
    }
    let mut warnings = Vec::new();
    Ok(doc
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut warnings))
}

/// The address as a person types it: no scheme, no trailing slash.
fn shown_address(address: &str) -> String {
    let address = address.trim().trim_end_matches('/');
    address
        .strip_prefix("http://")
        .unwrap_or(address)
        .to_string()
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point::new(Mm(x), Mm(y)),
        bezier: false,
    }
}

struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    fn new(doc: &mut PdfDocument, lang: Lang) -> Result<Fonts, String> {
        let (regular, bold) =
            super::pdf_fonts::embed(doc).ok_or_else(|| S::FontUnreadable.get(lang).to_string())?;
        Ok(Fonts { regular, bold })
    }

    fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }

    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        self.face(bold).wrap(text, size, width)
    }

    /// `text` in as few lines as possible (at most `lines`) of `width` mm, each
    /// count tried from `max` down to `min` points in half points: the size and the
    /// lines. When nothing fits, the lines at `min`.
    fn fit(
        &self,
        text: &str,
        bold: bool,
        (max, min): (f32, f32),
        width: f32,
        lines: usize,
    ) -> (f32, Vec<String>) {
        let face = self.face(bold);
        for count in 1..=lines {
            let mut size = max;
            while size >= min {
                let wrapped = self.wrap(text, size, bold, width);
                if wrapped.len() <= count && wrapped.iter().all(|l| face.width(l, size) <= width) {
                    return (size, wrapped);
                }
                size -= 0.5;
            }
        }
        (min, self.wrap(text, min, bold, width))
    }

    fn balanced(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        self.face(bold).balanced(text, size, width)
    }
}

/// What one slip says.
struct Card<'a> {
    heading: String,
    short: &'a str,
    name: &'a str,
    pin: &'a str,
    link: &'a str,
    address: &'a str,
}

struct Page<'a> {
    fonts: &'a Fonts,
    ops: Vec<Op>,
}

/// Line spacing, as a multiple of the type size; the PIN's digits need less.
const LEADING: f32 = 1.3;
const PIN_LEADING: f32 = 1.05;

/// The height of a line of `size` points, in mm.
fn leading(size: f32) -> f32 {
    size * PT_TO_MM * LEADING
}

impl Page<'_> {
    fn text_at(&mut self, x: f32, y: f32, text: &str, size: f32, bold: bool) {
        let ops = self.fonts.face(bold).text_ops(x, y, text, size);
        self.ops.extend(ops);
    }

    /// Writes `lines` from the top `y` down, each centred in [x0, x1] or from x0;
    /// returns the top of what follows.
    fn lines(
        &mut self,
        lines: &[String],
        size: f32,
        bold: bool,
        span: (f32, f32),
        centre: bool,
        y: f32,
    ) -> f32 {
        self.spaced(lines, size, bold, span, centre, y, LEADING)
    }

    /// [`Page::lines`] with `factor` times the size from line to line.
    #[allow(clippy::too_many_arguments)]
    fn spaced(
        &mut self,
        lines: &[String],
        size: f32,
        bold: bool,
        (x0, x1): (f32, f32),
        centre: bool,
        y: f32,
        factor: f32,
    ) -> f32 {
        let mut y = y;
        for line in lines {
            let baseline = y - size * PT_TO_MM * 0.95 * factor / LEADING;
            let x = if centre {
                (x0 + x1 - self.fonts.face(bold).width(line, size)) / 2.0
            } else {
                x0
            };
            self.text_at(x, baseline, line, size, bold);
            y -= size * PT_TO_MM * factor;
        }
        y
    }

    /// One slip with its top left corner at (`left`, `top`).
    fn slip(&mut self, left: f32, top: f32, card: &Card, qr: &qrcode::QrCode, lang: Lang) {
        let fonts = self.fonts;
        let span = (left + PAD, left + SLIP_W - PAD);
        let width = span.1 - span.0;
        let mut y = top - PAD + 1.0;

        let (size, heading) = fonts.fit(&card.heading, false, (8.5, 7.0), width, 2);
        y = self.lines(&heading, size, false, span, true, y);
        let title = [S::Title.get(lang).to_string()];
        y = self.lines(&title, 11.0, true, span, true, y) - 0.5;

        // What goes under the code, measured first: the code takes the room left.
        let (link_size, link) = fonts.fit(card.link, false, (7.0, 5.0), width, 1);
        let how = fonts.balanced(S::Instructions.get(lang), 8.0, true, width);
        let keep = S::KeepPrivate.get(lang);
        let (keep_size, keep) = fonts.fit(keep, false, (7.0, 6.0), width, 1);
        let under = link.len() as f32 * leading(link_size)
            + 1.0
            + how.len() as f32 * leading(8.0)
            + keep.len() as f32 * leading(keep_size);
        let qr_top = y;
        let side = QR_SIDE.min(qr_top - (top - SLIP_H + PAD) - under);
        self.qr(span.0, qr_top, side, qr);
        let quiet = side / (qr.width() + 2 * QUIET) as f32 * QUIET as f32;

        // Who, the PIN and the address on the right, from the code's top edge down
        // to the bottom of its box; the PIN takes what room the names leave.
        let column = (span.0 + side + 1.0, span.1);
        let column_width = column.1 - column.0;
        let (short_size, short) = fonts.fit(card.short, true, (14.0, 9.0), column_width, 1);
        let (name_size, name) = fonts.fit(card.name, false, (7.5, 7.0), column_width, 3);
        let (label_size, address_size, gap) = (7.5, 10.0, 1.5);
        let room = side - quiet - 1.0;
        let rest = short.len() as f32 * leading(short_size)
            + name.len() as f32 * leading(name_size)
            + 2.0 * gap
            + leading(label_size)
            + leading(address_size);
        let pin_size = ((room - rest) / (PT_TO_MM * PIN_LEADING)).clamp(12.0, 24.0);
        let mut y = qr_top - quiet + 0.5;
        y = self.lines(&short, short_size, true, column, false, y);
        y = self.lines(&name, name_size, false, column, false, y) - gap;
        let label = [S::Pin.get(lang).to_string()];
        y = self.lines(&label, label_size, false, column, false, y);
        let pin = [card.pin.to_string()];
        y = self.spaced(&pin, pin_size, true, column, false, y, PIN_LEADING) - gap;
        // "Địa chỉ" and the address on one line.
        let label = format!("{}: ", S::Address.get(lang));
        let label_width = fonts.regular.width(&label, label_size);
        let after = (column.0 + label_width, column.1);
        let (size, address) = fonts.fit(
            card.address,
            true,
            (address_size, 6.5),
            after.1 - after.0,
            1,
        );
        let baseline = y - address_size * PT_TO_MM * 0.95;
        self.text_at(column.0, baseline, &label, label_size, false);
        self.text_at(after.0, baseline, &address.concat(), size, true);

        // Under the code's box: the link itself, then what to do, across the slip.
        let mut y = qr_top - side + 0.5;
        y = self.lines(&link, link_size, false, span, true, y) - 0.5;
        y = self.lines(&how, 8.0, true, span, true, y);
        self.lines(&keep, keep_size, false, span, true, y);
    }

    /// The code in a square of `side` mm, quiet zone included, from (`x`, `top`):
    /// the dark modules as filled squares, one run of a row per rectangle, all in one
    /// path so no hairline shows between neighbours.
    fn qr(&mut self, x: f32, top: f32, side: f32, qr: &qrcode::QrCode) {
        let width = qr.width();
        let module = side / (width + 2 * QUIET) as f32;
        let colors = qr.to_colors();
        let mut rings = Vec::new();
        for (r, row) in colors.chunks(width).enumerate() {
            let y1 = top - (r + QUIET) as f32 * module;
            let y0 = y1 - module;
            let mut c = 0;
            while c < width {
                if row[c] != qrcode::Color::Dark {
                    c += 1;
                    continue;
                }
                let start = c;
                while c < width && row[c] == qrcode::Color::Dark {
                    c += 1;
                }
                let x0 = x + (start + QUIET) as f32 * module;
                let x1 = x + (c + QUIET) as f32 * module;
                rings.push(PolygonRing {
                    points: vec![point(x0, y0), point(x1, y0), point(x1, y1), point(x0, y1)],
                });
            }
        }
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings,
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    /// Dashed lines between the slips of a page holding `count`.
    fn cut_lines(&mut self, count: usize) {
        let rows = count.div_ceil(COLUMNS);
        self.ops.extend([
            Op::SaveGraphicsState,
            Op::SetOutlineColor { col: gray(0.45) },
            Op::SetOutlineThickness { pt: Pt(0.5) },
            Op::SetLineDashPattern {
                dash: LineDashPattern::new(0.0, &[4.0, 3.0]),
            },
        ]);
        let mut line = |a: LinePoint, b: LinePoint| {
            self.ops.push(Op::DrawLine {
                line: Line {
                    points: vec![a, b],
                    is_closed: false,
                },
            });
        };
        let bottom = PAGE_H - rows as f32 * SLIP_H;
        for c in 1..COLUMNS {
            let x = c as f32 * SLIP_W;
            line(point(x, PAGE_H), point(x, bottom.max(0.0)));
        }
        for r in 1..=rows.min(ROWS - 1) {
            let y = PAGE_H - r as f32 * SLIP_H;
            line(point(0.0, y), point(PAGE_W, y));
        }
        self.ops.push(Op::RestoreGraphicsState);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Event, Record, Session};
    use std::sync::Arc;

    fn sample_config() -> Config {
        let bytes = include_bytes!("../../sample-data/cum-phuong-2025/cluster.json");
        match Config::from_bytes(bytes) {
            Ok(c) => c,
            Err(p) => panic!("{}", p.text(crate::model::problem::Lang::En)),
        }
    }

    /// Codes as the host issues them, from a fixed sequence of "random" bytes.
    fn codes_for(session: &Session) -> JoinCodes {
        let mut n = 0u8;
        JoinCodes::issue(session, &mut || {
            n = n.wrapping_add(1);
            std::array::from_fn(|i| n.wrapping_mul(37).wrapping_add(i as u8 * 11))
        })
    }

    const BASE: &str = "http://192.168.1.23:7878";

    fn pdf(config: &Config, slips: &[Slip], lang: Lang) -> Vec<u8> {
        match super::slips(config, slips, BASE, lang) {
            Ok(bytes) => bytes,
            Err(e) => panic!("{e}"),
        }
    }

    /// The text of the PDF (pages `pages`, all when `None`) as `pdftotext` reads it;
    /// pages end with a form feed.
    fn read_back(bytes: &[u8], pages: Option<(usize, usize)>) -> String {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("slips.pdf");
        std::fs::write(&path, bytes).expect("the PDF is written");
        // `-raw`: in the order drawn, slip by slip, not column by column.
        let mut command = std::process::Command::new("pdftotext");
        command.arg("-raw");
        if let Some((first, last)) = pages {
            command.args(["-f", &first.to_string(), "-l", &last.to_string()]);
        }
        let out = command
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is needed by this test; .ci/run installs it");
        assert!(out.status.success(), "pdftotext failed");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn words(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn every_present_member_has_a_slip_with_name_pin_and_link() {
        let config = sample_config();
        let mut session = Session::new(Arc::new(config.clone()));
        for m in [3, 7] {
            let id = config.members[m].id.clone();
            let record = Record {
                seq: session.event_count() + 1,
                at: "2025-12-18T08:00:00+07:00".into(),
                by: Actor::Chair,
                origin: None,
                event: Event::Attendance {
                    member: id,
                    present: false,
                },
            };
            session.apply(&record).expect("marked absent");
        }
        let codes = codes_for(&session);
        let bytes = match slips_for_codes(&config, &codes, BASE, Lang::Vi) {
            Ok(bytes) => bytes,
            Err(e) => panic!("{e}"),
        };
        let text = words(&read_back(&bytes, None));
        for (m, member) in config.members.iter().enumerate() {
            let code = codes.active_for(&member.id);
            if m == 3 || m == 7 {
                assert!(code.is_none(), "{} is absent", member.short);
                assert!(!text.contains(&member.name), "no slip for {}", member.short);
                continue;
            }
            let code = code.expect("a present member has a code");
            let link = crate::net::client::join_link(BASE, &code.token);
            let pin = crate::model::grant::pin_for_people(&code.pin);
            for wanted in [&member.name, &member.short, &pin, &link] {
                assert!(text.contains(wanted.as_str()), "`{wanted}` not in:\n{text}");
            }
        }
        for wanted in [
            "Cụm thi đua số 1 khối phường — năm 2025",
            S::Title.get(Lang::Vi),
            "192.168.1.23:7878",
            S::Instructions.get(Lang::Vi),
        ] {
            assert!(text.contains(wanted), "`{wanted}` not in:\n{text}");
        }
    }

    fn numbered(n: usize) -> Vec<Slip> {
        (0..n)
            .map(|i| Slip {
                member: format!("dv-{i:03}"),
                pin: crate::model::grant::pin_for_people(&format!(
                    "{:08}",
                    10_000_000 + i * 7_919_113
                )),
                link: format!("{BASE}/j#{:032x}", i as u128 * 0x9e37_79b9_7f4a_7c15),
            })
            .collect()
    }

    #[test]
    fn a_page_holds_eight_slips_and_thirty_members_take_four_pages() {
        let config = crate::synthetic::config(crate::synthetic::LARGE);
        assert_eq!(config.members.len(), 30);
        let slips = numbered(30);
        let bytes = pdf(&config, &slips, Lang::En);
        let all = read_back(&bytes, None);
        assert_eq!(all.matches('\u{c}').count(), 4, "4 pages for 30 slips");
        for (page, range) in [(1, 0..8), (2, 8..16), (3, 16..24), (4, 24..30)] {
            let text = words(&read_back(&bytes, Some((page, page))));
            let on_page = slips.iter().filter(|s| text.contains(&s.pin)).count();
            assert_eq!(on_page, range.len(), "slips on page {page}:\n{text}");
            for slip in &slips[range] {
                assert!(text.contains(&slip.pin), "page {page}: {}", slip.pin);
                assert!(text.contains(&slip.link), "page {page}: {}", slip.link);
            }
        }
        assert_eq!(PER_PAGE, 8);
        let one_page = read_back(&pdf(&config, &slips[..8], Lang::En), None);
        assert_eq!(one_page.matches('\u{c}').count(), 1);
        let two_pages = read_back(&pdf(&config, &slips[..9], Lang::En), None);
        assert_eq!(two_pages.matches('\u{c}').count(), 2);
    }

    #[test]
    fn no_slip_or_an_unknown_member_is_an_error_in_the_language_asked() {
        let config = sample_config();
        assert_eq!(
            super::slips(&config, &[], BASE, Lang::En),
            Err(S::NoCodes.get(Lang::En).to_string())
        );
        let stranger = Slip {
            member: "nobody".into(),
            pin: "135790".into(),
            link: format!("{BASE}/j/00"),
        };
        let Err(e) = super::slips(&config, &[stranger], BASE, Lang::Vi) else {
            panic!("a slip for no member");
        };
        assert!(e.contains("\"nobody\""), "{e}");
    }

    #[test]
    fn every_letter_on_a_slip_is_in_the_font() {
        let mut warnings = Vec::new();
        for bytes in [
            super::super::pdf_fonts::NOTO_SERIF,
            super::super::pdf_fonts::NOTO_SERIF_BOLD,
        ] {
            let font = printpdf::ParsedFont::from_bytes(bytes, 0, &mut warnings).expect("the font");
            let config = sample_config();
            let mut texts: Vec<String> = config
                .members
                .iter()
                .flat_map(|m| [m.name.clone(), m.short.clone()])
                .collect();
            for lang in [Lang::Vi, Lang::En] {
                texts.extend(S::ALL.iter().map(|s| s.get(lang).to_string()));
            }
            for c in texts
                .iter()
                .flat_map(|t| t.chars())
                .filter(|c| !c.is_whitespace())
            {
                let glyph = font.lookup_glyph_index(c as u32).unwrap_or(0);
                assert_ne!(glyph, 0, "no glyph for {c:?}");
            }
        }
    }

    #[test]
    fn the_address_is_shown_as_typed() {
        assert_eq!(
            shown_address("http://192.168.1.5:7878/"),
            "192.168.1.5:7878"
        );
        assert_eq!(shown_address(" 10.0.0.2:80 "), "10.0.0.2:80");
    }

    #[test]
    fn slips_keep_their_secrets_out_of_debug_output() {
        let slip = &numbered(1)[0];
        let shown = format!("{slip:?}");
        assert!(!shown.contains(&slip.pin) && !shown.contains(&slip.link));
    }

    /// Renders the 12-ward sample's slips for a person to look at:
    /// `SLIPS_PNG=/tmp/slips-page1 cargo test --lib slips -- --ignored`.
    #[test]
    #[ignore = "writes a picture for a person to look at"]
    fn render_the_sample_for_a_look() {
        let mut config = sample_config();
        // SLIPS_LONG=1: the longest names a slip should still hold.
        if std::env::var("SLIPS_LONG").is_ok() {
            config.cluster.name =
                "Cụm thi đua số 12 các phường, xã khu vực phía Tây thành phố Hà Nội".into();
            config.members[0].short = "Văn Miếu - Quốc Tử Giám - Khâm Thiên".into();
            config.members[0].name =
                "Ủy ban Mặt trận Tổ quốc Việt Nam phường Văn Miếu - Quốc Tử Giám - Khâm Thiên"
                    .into();
        }
        let session = Session::new(Arc::new(config.clone()));
        let lang = match std::env::var("SLIPS_LANG").as_deref() {
            Ok("en") => Lang::En,
            _ => Lang::Vi,
        };
        let bytes = match slips_for_codes(&config, &codes_for(&session), BASE, lang) {
            Ok(bytes) => bytes,
            Err(e) => panic!("{e}"),
        };
        let out = std::env::var("SLIPS_PNG").unwrap_or_else(|_| "/tmp/slips-page1".into());
        std::fs::write(format!("{out}.pdf"), &bytes).expect("the PDF is written");
        let status = std::process::Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
            .arg(format!("{out}.pdf"))
            .arg(&out)
            .status()
            .expect("pdftoppm");
        assert!(status.success());
    }
}
