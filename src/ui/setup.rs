//! Meeting setup: date, place, chair, secretary, who is present, and where the
//! meeting file goes.

use super::i18n::{Lang, T};
use super::style;
use crate::model::Config;
use crate::model::config::Role;
use crate::model::event::Event;
use crate::model::reader::nfc;
use eframe::egui::{self, RichText};
use std::path::{Path, PathBuf};

pub struct SetupState {
    pub config: Config,
    pub config_bytes: Vec<u8>,
    pub date: String,
    pub place: String,
    pub chair: String,
    pub secretary: String,
    pub present: Vec<bool>,
    pub output: String,
    pub error: Option<String>,
}

pub enum SetupAction {
    Create,
    ChooseLocation,
    Back,
}

impl SetupState {
    pub fn new(
        config: Config,
        config_bytes: Vec<u8>,
        folder: &Path,
        today: chrono::NaiveDate,
    ) -> SetupState {
        let output = free_name(
            folder,
            &format!("{}-{}", config.cluster.id, config.cluster.year),
        );
        SetupState {
            present: vec![true; config.members.len()],
            config,
            config_bytes,
            date: today.format("%d/%m/%Y").to_string(),
            place: String::new(),
            chair: String::new(),
            secretary: String::new(),
            output: output.display().to_string(),
            error: None,
        }
    }

    /// The events that record this setup, or what is wrong with it.
    pub fn events(&self, lang: Lang) -> Result<Vec<Event>, String> {
        let date = parse_date(&self.date).ok_or_else(|| T::BadDate.get(lang).to_string())?;
        if self.present.iter().filter(|p| **p).count() < 2 {
            return Err(T::NeedTwoPresent.get(lang).to_string());
        }
        let mut events = vec![Event::Meeting {
            date: date.format("%Y-%m-%d").to_string(),
            place: nfc(self.place.trim()),
            chair: nfc(self.chair.trim()),
            secretary: nfc(self.secretary.trim()),
        }];
        for (member, present) in self.config.members.iter().zip(&self.present) {
            if !present {
                events.push(Event::Attendance {
                    member: member.id.clone(),
                    present: false,
                });
            }
        }
        Ok(events)
    }
}

/// `20/12/2024`, `20-12-2024`, `20.12.2024` or `2024-12-20`.
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    let text = text.trim();
    ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(text, f).ok())
}

/// `folder/stem.thidua`, or `stem-2.thidua`… so an existing meeting is never touched.
pub fn free_name(folder: &Path, stem: &str) -> PathBuf {
    let mut candidate = folder.join(format!("{stem}.thidua"));
    let mut n = 2;
    while candidate.exists() {
        candidate = folder.join(format!("{stem}-{n}.thidua"));
        n += 1;
    }
    candidate
}

fn field(ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str, width: f32) {
    let l = ui.label(label);
    // Sized outright: a grid's inner column would otherwise keep its first width.
    let height = ui.spacing().interact_size.y;
    ui.add_sized(
        [width, height],
        egui::TextEdit::singleline(value).hint_text(hint),
    )
    .labelled_by(l.id);
}

/// The widest a column of the attendance list needs: a member's full name with its
/// checkbox, and the role after it.
const ATTENDANCE_COLUMN: f32 = 440.0;

/// The setup screen, in panels of its own: where the file goes and "Tạo hội nghị"
/// stand in a bar at the bottom, always in sight whatever the window's height and
/// however many members the cluster has; the details and attendance scroll above.
pub fn show(ui: &mut egui::Ui, state: &mut SetupState, lang: Lang) -> Option<SetupAction> {
    let mut action = None;
    egui::Panel::bottom("setup-actions").show(ui, |ui| {
        ui.add_space(6.0);
        // The refusal's line is there before any refusal, so the buttons below it
        // never move when one appears.
        match &state.error {
            Some(error) => style::message_line(ui, error, style::ERROR_BG, style::ERROR_TEXT, true),
            None => style::hint_line(ui, T::SetupHint.get(lang)),
        }
        ui.horizontal(|ui| {
            let l = ui.label(T::SaveAs.get(lang));
            ui.add(egui::TextEdit::singleline(&mut state.output).desired_width(560.0))
                .labelled_by(l.id);
            if ui.button(T::ChooseLocation.get(lang)).clicked() {
                action = Some(SetupAction::ChooseLocation);
            }
        });
        ui.horizontal(|ui| {
            let create = egui::Button::new(RichText::new(T::CreateMeeting.get(lang)).strong());
            if ui.add(create).clicked() {
                action = Some(SetupAction::Create);
            }
            if ui.button(T::Back.get(lang)).clicked() {
                action = Some(SetupAction::Back);
            }
        });
        ui.add_space(6.0);
    });
    egui::CentralPanel::default().show(ui, |ui| details(ui, state, lang));
    action
}

fn details(ui: &mut egui::Ui, state: &mut SetupState, lang: Lang) {
    let config = &state.config;
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.set_max_width(1000.0);
        ui.heading(T::SetupHeading.get(lang));
        ui.label(
            RichText::new(T::ClusterLine.fill(lang, &[&config.cluster.name, &config.cluster.year]))
                .strong(),
        );
        ui.label(&config.cluster.organizer);
        if let Some(note) = &config.cluster.note {
            ui.label(RichText::new(note).italics().small());
        }
        ui.label(T::MembersLine.fill(
            lang,
            &[
                &config.members.len(),
                &config.cluster.member_label,
                &config.item_count(),
                &config.max_total().display(lang.decimal_separator()),
            ],
        ));
        ui.add_space(8.0);
        // Two fields a row, so twelve wards still fit below them on a 720 screen.
        egui::Grid::new("meeting-details")
            .num_columns(4)
            .spacing([16.0, 8.0])
            .show(ui, |ui| {
                field(
                    ui,
                    T::Date.get(lang),
                    &mut state.date,
                    T::DateHint.get(lang),
                    200.0,
                );
                field(ui, T::Place.get(lang), &mut state.place, "", 460.0);
                ui.end_row();
                field(ui, T::Chair.get(lang), &mut state.chair, "", 200.0);
                field(ui, T::Secretary.get(lang), &mut state.secretary, "", 460.0);
                ui.end_row();
            });

        ui.add_space(8.0);
        let present = state.present.iter().filter(|p| **p).count();
        ui.label(
            RichText::new(format!(
                "{} — {}",
                T::Attendance.get(lang),
                T::PresentOf.fill(lang, &[&format!("{present}/{}", config.members.len())])
            ))
            .strong(),
        );
        // Said while attendance is ticked, before the meeting exists.
        super::chair::quorum_line(ui, present, config, lang);
        // As many columns as the window holds, filled down each column in the
        // config's order, so twelve wards take six rows, not twelve.
        let columns = ((ui.available_width() / ATTENDANCE_COLUMN).floor() as usize).clamp(1, 3);
        let rows = config.members.len().div_ceil(columns);
        egui::Grid::new("attendance")
            .num_columns(2 * columns)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                for row in 0..rows {
                    for column in 0..columns {
                        let m = column * rows + row;
                        let (Some(member), Some(here)) =
                            (config.members.get(m), state.present.get_mut(m))
                        else {
                            continue;
                        };
                        ui.checkbox(here, &member.name);
                        match member.role {
                            Role::Head => ui.label(
                                RichText::new(T::RoleHead.get(lang))
                                    .color(style::ACCENT)
                                    .strong(),
                            ),
                            Role::Deputy => ui
                                .label(RichText::new(T::RoleDeputy.get(lang)).color(style::ACCENT)),
                            Role::Member => ui.label(""),
                        };
                    }
                    ui.end_row();
                }
            });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_the_vietnamese_way_and_the_iso_way() {
        let d = chrono::NaiveDate::from_ymd_opt(2024, 12, 20).unwrap();
        assert_eq!(parse_date("20/12/2024"), Some(d));
        assert_eq!(parse_date(" 20.12.2024 "), Some(d));
        assert_eq!(parse_date("2024-12-20"), Some(d));
        assert_eq!(parse_date("31/02/2024"), None);
        assert_eq!(parse_date("mai"), None);
    }

    #[test]
    fn a_free_name_never_points_at_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let first = free_name(dir.path(), "cum-1-2024");
        assert!(first.ends_with("cum-1-2024.thidua"));
        std::fs::write(&first, b"x").unwrap();
        assert!(free_name(dir.path(), "cum-1-2024").ends_with("cum-1-2024-2.thidua"));
    }
}
