//! The start screen: open a config or a meeting file, the sample, recent files.

use super::i18n::{Lang, T};
use super::style;
use crate::text::editor::ED;
use eframe::egui::{self, RichText};
use std::path::PathBuf;

#[derive(Default)]
pub struct StartState {
    pub path_text: String,
    /// A file that could not be opened: its name and every problem, one per line.
    pub problems: Option<(String, Vec<String>)>,
    pub dialog_unavailable: bool,
}

pub enum StartAction {
    PickFile,
    Open(PathBuf),
    UseSample,
    /// A delegate's laptop joins the chair's host.
    Join,
    /// The cluster editor with a new cluster.
    NewCluster,
    /// The cluster editor with a config file: the one in the path field, or one to
    /// choose when the field is empty.
    EditConfig(Option<PathBuf>),
}

pub fn show(
    ui: &mut egui::Ui,
    state: &mut StartState,
    recent: &[PathBuf],
    last_meeting: Option<&std::path::Path>,
    lang: Lang,
) -> Option<StartAction> {
    let mut action = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.set_max_width(900.0);
        ui.heading(T::StartHeading.get(lang));
        ui.label(T::StartIntro.get(lang));
        ui.add_space(8.0);
        if let Some(last) = last_meeting {
            let name = last
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let button =
                egui::Button::new(RichText::new(T::ResumeLast.fill(lang, &[&name])).strong());
            if ui.add(button).clicked() {
                action = Some(StartAction::Open(last.to_path_buf()));
            }
            ui.add_space(4.0);
        }
        ui.horizontal(|ui| {
            if ui.button(T::OpenFile.get(lang)).clicked() {
                action = Some(StartAction::PickFile);
            }
            if ui
                .button(T::UseSample.get(lang))
                .on_hover_text(T::SampleHint.get(lang))
                .clicked()
            {
                action = Some(StartAction::UseSample);
            }
            if ui
                .button(RichText::new(T::JoinDelegate.get(lang)).strong())
                .on_hover_text(T::JoinExplain.get(lang))
                .clicked()
            {
                action = Some(StartAction::Join);
            }
        });
        ui.horizontal(|ui| {
            if ui.button(ED::NewCluster.get(lang)).clicked() {
                action = Some(StartAction::NewCluster);
            }
            if ui
                .button(ED::EditConfig.get(lang))
                .on_hover_text(ED::EditHint.get(lang))
                .clicked()
            {
                let typed = state.path_text.trim();
                action = Some(StartAction::EditConfig(
                    (!typed.is_empty()).then(|| PathBuf::from(typed)),
                ));
            }
        });
        if state.dialog_unavailable {
            style::banner(
                ui,
                T::FileDialogUnavailable.get(lang),
                style::WARN_BG,
                style::WARN_TEXT,
            );
        }
        ui.horizontal(|ui| {
            let label = ui.label(T::PathLabel.get(lang));
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut state.path_text)
                        .desired_width(560.0)
                        .hint_text("…/cluster.json"),
                )
                .labelled_by(label.id);
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button(T::OpenPath.get(lang)).clicked() || entered)
                && !state.path_text.trim().is_empty()
            {
                action = Some(StartAction::Open(PathBuf::from(state.path_text.trim())));
            }
        });
        ui.label(RichText::new(T::DropHint.get(lang)).small());

        if let Some((file, lines)) = &state.problems {
            ui.add_space(8.0);
            egui::Frame::new()
                .fill(style::ERROR_BG)
                .inner_margin(egui::Margin::same(12))
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new(file).strong().color(style::ERROR_TEXT));
                    for line in lines {
                        ui.label(RichText::new(line).color(style::ERROR_TEXT));
                    }
                });
        }

        ui.add_space(12.0);
        ui.label(RichText::new(T::Recent.get(lang)).strong());
        if recent.is_empty() {
            ui.label(T::NoRecent.get(lang));
        }
        for path in recent {
            if ui.link(path.display().to_string()).clicked() {
                action = Some(StartAction::Open(path.clone()));
            }
        }
    });
    action
}
