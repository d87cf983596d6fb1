//! Fonts and the calm light theme: Noto Sans first in every family so every
//! Vietnamese letter renders, and text large enough to read across a table.

use eframe::egui::{self, Color32, FontData, FontDefinitions, FontFamily, FontId, TextStyle};
use std::sync::Arc;

pub const NOTO_SANS: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
pub const NOTO_SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");

/// The family used for headings and totals.
pub fn bold() -> FontFamily {
    FontFamily::Name("bold".into())
}

pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts
        .font_data
        .insert("noto".into(), Arc::new(FontData::from_static(NOTO_SANS)));
    fonts.font_data.insert(
        "noto-bold".into(),
        Arc::new(FontData::from_static(NOTO_SANS_BOLD)),
    );
    for family in fonts.families.values_mut() {
        family.insert(0, "noto".into());
    }
    let mut bold_family = vec!["noto-bold".to_string(), "noto".to_string()];
    if let Some(rest) = fonts.families.get(&FontFamily::Proportional) {
        bold_family.extend(rest.iter().skip(1).cloned());
    }
    fonts.families.insert(bold(), bold_family);
    ctx.set_fonts(fonts);
}

pub const ACCENT: Color32 = Color32::from_rgb(0x1f, 0x5f, 0x9f);
pub const OK_GREEN: Color32 = Color32::from_rgb(0x1e, 0x7b, 0x3a);
pub const WARN_BG: Color32 = Color32::from_rgb(0xff, 0xf3, 0xcd);
pub const WARN_TEXT: Color32 = Color32::from_rgb(0x7a, 0x4b, 0x00);
pub const ERROR_TEXT: Color32 = Color32::from_rgb(0xb0, 0x1c, 0x1c);
pub const ERROR_BG: Color32 = Color32::from_rgb(0xfd, 0xe8, 0xe8);
pub const LOCKED_BG: Color32 = Color32::from_rgb(0xee, 0xf1, 0xf4);
pub const GROUP_BG: Color32 = Color32::from_rgb(0xe6, 0xee, 0xf7);
pub const INPUT_OUTLINE: Color32 = Color32::from_gray(0x76);
pub const HINT_TEXT: Color32 = Color32::from_gray(0x5f);
pub const OK_BG: Color32 = Color32::from_rgb(0xe3, 0xf4, 0xe8);

/// WCAG contrast ratio between two opaque colours (1 to 21).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    fn luminance(c: Color32) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

pub fn apply_theme(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    ctx.style_mut_of(egui::Theme::Light, |style| {
        style.text_styles = [
            (TextStyle::Heading, FontId::new(24.0, bold())),
            (TextStyle::Body, FontId::new(17.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(17.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(16.0, FontFamily::Monospace),
            ),
            (
                TextStyle::Small,
                FontId::new(14.0, FontFamily::Proportional),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(10.0, 8.0);
        style.spacing.button_padding = egui::vec2(12.0, 6.0);
        style.spacing.interact_size.y = 30.0;
        style.visuals.selection.bg_fill = Color32::from_rgb(0xc8, 0xdc, 0xf0);
        // The focused field is outlined in the accent colour, twice as thick.
        style.visuals.selection.stroke = egui::Stroke::new(2.0, ACCENT);
        // Every input is outlined, so a delegate sees where to type on a projector or
        // in a bright room: this grey is 4.5:1 against a white cell and 4.3:1 against
        // the grid's darker stripe (WCAG asks 3:1 for the edges of controls).
        style.visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, INPUT_OUTLINE);
        style.visuals.hyperlink_color = ACCENT;
    });
}

/// A full-width coloured strip with a message: provisional, read-only, errors.
pub fn banner(ui: &mut egui::Ui, text: &str, bg: Color32, fg: Color32) {
    egui::Frame::new()
        .fill(bg)
        .inner_margin(egui::Margin::symmetric(12, 8))
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(egui::RichText::new(text).color(fg).strong());
        });
}

/// The height of a [`message_line`], in points.
pub fn message_line_height(ui: &egui::Ui) -> f32 {
    ui.text_style_height(&TextStyle::Body) + 14.0
}

/// One line that holds a refusal, a confirmation or, when there is neither, a quiet
/// hint: always there and always as tall, so nothing below it moves when a message
/// comes or goes. A message too long for the line ends in "…" and shows whole under
/// the pointer.
pub fn message_line(ui: &mut egui::Ui, text: &str, bg: Color32, fg: Color32, strong: bool) {
    let rect = reserve_message_line(ui);
    message_line_in(ui, rect, text, bg, fg, strong);
}

/// The place of a message line, to be filled once the frame knows what it says.
pub fn reserve_message_line(ui: &mut egui::Ui) -> egui::Rect {
    let size = egui::vec2(ui.available_width(), message_line_height(ui));
    ui.allocate_exact_size(size, egui::Sense::hover()).0
}

/// [`message_line`] in a place reserved for it.
pub fn message_line_in(
    ui: &mut egui::Ui,
    rect: egui::Rect,
    text: &str,
    bg: Color32,
    fg: Color32,
    strong: bool,
) {
    ui.painter().rect_filled(rect, 4.0, bg);
    let mut line = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect.shrink2(egui::vec2(12.0, 0.0)))
            .layout(egui::Layout::left_to_right(egui::Align::Center)),
    );
    let mut rich = egui::RichText::new(text).color(fg);
    if strong {
        rich = rich.strong();
    }
    line.add(egui::Label::new(rich).truncate())
        .on_hover_text(text);
}

/// What a screen's line says, and how it looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Refused, not saved, cannot be done.
    Error,
    /// Done, saved.
    Done,
    /// Worth seeing, neither good nor bad.
    Notice,
    /// How to go on.
    Hint,
}

/// A screen's line in its place: the colours its tone calls for.
pub fn tone_line_in(ui: &mut egui::Ui, rect: egui::Rect, text: &str, tone: Tone) {
    match tone {
        Tone::Error => message_line_in(ui, rect, text, ERROR_BG, ERROR_TEXT, true),
        Tone::Done => message_line_in(ui, rect, text, OK_BG, OK_GREEN, true),
        Tone::Notice => message_line_in(ui, rect, text, GROUP_BG, ACCENT, true),
        Tone::Hint => message_line_in(ui, rect, text, Color32::TRANSPARENT, HINT_TEXT, false),
    }
}

/// [`message_line`] with a hint in a quiet grey (still 6:1 on white) on no background.
pub fn hint_line(ui: &mut egui::Ui, hint: &str) {
    message_line(ui, hint, Color32::TRANSPARENT, HINT_TEXT, false);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_outline_stands_out_from_what_surrounds_it() {
        let ctx = egui::Context::default();
        apply_theme(&ctx);
        let style = ctx.style_of(egui::Theme::Light);
        let visuals = &style.visuals;
        let outline = visuals.widgets.inactive.bg_stroke;
        assert!(outline.width >= 1.0);
        // Surroundings: the input itself, the window, and both stripes of the grid.
        let stripe = visuals.faint_bg_color;
        for around in [
            visuals.text_edit_bg_color(),
            visuals.panel_fill,
            visuals.window_fill,
            stripe,
            visuals.extreme_bg_color,
        ] {
            let ratio = contrast(outline.color, around);
            assert!(ratio >= 3.0, "{ratio:.2}:1 against {around:?}");
        }
        assert!(contrast(visuals.selection.stroke.color, visuals.text_edit_bg_color()) >= 3.0);
    }

    #[test]
    fn contrast_matches_the_known_values() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::from_gray(0x76), Color32::WHITE) - 4.54).abs() < 0.01);
    }
}
