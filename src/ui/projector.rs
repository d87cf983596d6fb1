//! The projector screen: large, high-contrast, readable from the back of the room.
//! The chair can hide the figures until every sheet is in, then reveal them.

use super::i18n::{Lang, T};
use super::meeting::OpenMeeting;
use crate::model::tally::ProposalStatus;
use eframe::egui::{self, Color32, RichText, Stroke};

#[derive(Default)]
pub struct ProjectorState {
    pub open: bool,
    /// "Hide figures until all sheets are in": only progress shows.
    pub hide_until_all: bool,
    /// The chair revealed the figures.
    pub revealed: bool,
}

impl ProjectorState {
    pub fn figures_visible(&self) -> bool {
        !self.hide_until_all || self.revealed
    }
}

const INK: Color32 = Color32::from_rgb(0x10, 0x10, 0x10);
const BAR: Color32 = Color32::from_rgb(0x1f, 0x4e, 0x8c);
const DIM: Color32 = Color32::from_rgb(0x55, 0x55, 0x55);

pub fn show(ui: &mut egui::Ui, meeting: &OpenMeeting, state: &ProjectorState, lang: Lang) {
    let config = meeting.config();
    let tally = &meeting.tally;
    let sep = lang.decimal_separator();
    let size = ui.available_size();
    // One unit of type scales with the screen: about 48 units across, 27 down.
    let unit = (size.x / 48.0).min(size.y / 27.0).clamp(16.0, 60.0);
    ui.visuals_mut().override_text_color = Some(INK);
    ui.spacing_mut().item_spacing.y = unit * 0.3;

    ui.label(
        RichText::new(T::ClusterLine.fill(lang, &[&config.cluster.name, &config.cluster.year]))
            .size(unit * 1.6)
            .strong(),
    );
    ui.label(
        RichText::new(&config.cluster.organizer)
            .size(unit * 0.9)
            .color(DIM),
    );
    let progress =
        T::ProjectorProgress.fill(lang, &[&tally.sheets_submitted, &tally.sheets_expected]);
    let status = if meeting.session().finalized {
        T::FinalResults.get(lang).to_string()
    } else if tally.is_provisional() {
        T::ProvisionalShort.get(lang).to_string()
    } else {
        String::new()
    };
    ui.label(
        RichText::new(format!("{progress}   {status}"))
            .size(unit * 1.1)
            .strong(),
    );
    ui.add_space(unit * 0.5);

    if !state.figures_visible() {
        ui.add_space(unit * 2.0);
        ui.label(RichText::new(T::FiguresHidden.get(lang)).size(unit * 1.3));
        ui.add_space(unit);
        for s in meeting.delegates() {
            let done = meeting.session().is_submitted(s);
            let mark = if done {
                T::SubmittedShort.get(lang)
            } else {
                T::NotYet.get(lang)
            };
            let color = if done { BAR } else { DIM };
            ui.label(
                RichText::new(format!("{} — {mark}", config.members[s].short))
                    .size(unit)
                    .color(color),
            );
        }
        return;
    }

    let max_total = config.max_total().0.max(1) as f32 / 100.0;
    let ranked: Vec<usize> = tally
        .order
        .iter()
        .copied()
        .filter(|&m| tally.members[m].total.is_some())
        .collect();
    let rows = ranked.len().max(1) as f32;
    let row_height = ((size.y * 0.55) / rows).clamp(unit * 1.2, unit * 2.4);
    let name_width = unit * 11.0;
    let bar_width = (size.x - name_width - unit * 22.0).max(unit * 6.0);
    for &m in &ranked {
        let r = &tally.members[m];
        let total = r
            .total
            .map_or(0.0, |t| t.units as f32 / 10f32.powi(t.decimals as i32));
        ui.horizontal(|ui| {
            ui.set_height(row_height);
            ui.add_sized(
                [unit * 2.5, row_height],
                egui::Label::new(
                    RichText::new(r.rank.map_or(String::new(), |k| k.to_string()))
                        .size(unit * 1.2)
                        .strong(),
                ),
            );
            ui.allocate_ui_with_layout(
                egui::vec2(name_width, row_height),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_width(name_width);
                    let name = RichText::new(&config.members[m].short).size(unit * 1.1);
                    ui.add(egui::Label::new(name).truncate());
                },
            );
            let (rect, _) = ui.allocate_exact_size(
                egui::vec2(bar_width, row_height * 0.6),
                egui::Sense::hover(),
            );
            let filled = rect.width() * (total / max_total).clamp(0.0, 1.0);
            let painter = ui.painter();
            painter.rect_filled(rect, 2.0, Color32::from_gray(0xe8));
            painter.rect_filled(
                egui::Rect::from_min_size(rect.min, egui::vec2(filled, rect.height())),
                2.0,
                BAR,
            );
            painter.rect_stroke(rect, 2.0, Stroke::new(1.0, DIM), egui::StrokeKind::Inside);
            ui.label(
                RichText::new(r.total.map_or(String::new(), |t| t.display(sep)))
                    .size(unit * 1.3)
                    .strong(),
            );
            if let Some(c) = r.class {
                ui.label(
                    RichText::new(&config.classes[c].name)
                        .size(unit * 0.8)
                        .color(DIM),
                );
            }
        });
    }
    ui.add_space(unit * 0.6);
    for (rule, result) in config.commendations.iter().zip(&tally.commendations) {
        let names: Vec<String> = result
            .proposals
            .iter()
            .filter(|p| p.status != ProposalStatus::BallotFailed)
            .map(|p| {
                format!(
                    "{} ({})",
                    config.members[p.member].short,
                    p.status.text(lang)
                )
            })
            .collect();
        let list = if names.is_empty() {
            "—".to_string()
        } else {
            names.join(", ")
        };
        ui.label(RichText::new(format!("{}: {list}", rule.name)).size(unit * 0.95));
    }
}
