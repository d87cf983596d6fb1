//! The printed documents' fonts (Noto Serif, regular and bold, embedded whole) and
//! their measurements, shared by the minutes and the join-code slips.

use printpdf::{
    Color, FontId, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, Pt, Rgb, TextItem, TextMatrix,
};

pub const NOTO_SERIF: &[u8] = include_bytes!("../../assets/fonts/NotoSerif-Regular.ttf");
pub const NOTO_SERIF_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSerif-Bold.ttf");

pub const PT_TO_MM: f32 = 25.4 / 72.0;

/// One embedded font and what it needs to measure text.
pub struct Face {
    pub parsed: ParsedFont,
    pub id: FontId,
}

impl Face {
    /// The drawing operations that write `text` in this face from (`x`, `y`) mm.
    pub fn text_ops(&self, x: f32, y: f32, text: &str, size: f32) -> [Op; 5] {
        [
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(self.id.clone()),
                size: Pt(size),
            },
            Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Mm(x).into(), Mm(y).into()),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_string())],
            },
            Op::EndTextSection,
        ]
    }

    /// Width in mm: printpdf draws one glyph per character, without kerning.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                let glyph = self.parsed.lookup_glyph_index(c as u32).unwrap_or(0);
                self.parsed.get_glyph_width(glyph).unwrap_or(0) as u32
            })
            .sum();
        units as f32 / self.parsed.units_per_em as f32 * size * PT_TO_MM
    }

    /// Splits text into lines no wider than `width` mm; a word longer than the width
    /// keeps a line of its own.
    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
            if current.is_empty() || self.width(&candidate, size) <= width {
                current = candidate;
            } else {
                lines.push(std::mem::replace(&mut current, word.to_string()));
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
        lines
    }

    /// `text` on one line if it fits, else on two of near equal width, broken after
    /// a comma when that costs little and never before a lone dash ("Văn Miếu -" /
    /// "Quốc Tử Giám"); more lines only when two cannot hold it.
    pub fn balanced(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        if self.width(text, size) <= width {
            return vec![words.join(" ")];
        }
        let best = (1..words.len())
            .filter(|&k| !matches!(words[k], "-" | "–" | "—"))
            .filter_map(|k| {
                let (a, b) = (words[..k].join(" "), words[k..].join(" "));
                let widest = self.width(&a, size).max(self.width(&b, size));
                let comma = if a.ends_with(',') { width * 0.15 } else { 0.0 };
                (widest <= width).then_some((widest - comma, a, b))
            })
            .min_by(|x, y| x.0.total_cmp(&y.0));
        match best {
            Some((_, a, b)) => vec![a, b],
            None => self.wrap(text, size, width),
        }
    }
}

/// The regular and bold faces, embedded in `doc`; `None` if a font cannot be read.
pub fn embed(doc: &mut PdfDocument) -> Option<(Face, Face)> {
    let mut warnings = Vec::new();
    let mut face = |bytes: &[u8]| {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)?;
        let id = doc.add_font(&parsed);
        Some(Face { parsed, id })
    };
    Some((face(NOTO_SERIF)?, face(NOTO_SERIF_BOLD)?))
}

/// A gray from black (0) to white (1), for text, lines and fills.
pub fn gray(level: f32) -> Color {
    Color::Rgb(Rgb {
        r: level,
        g: level,
        b: level,
        icc_profile: None,
    })
}
