//! Asking before what one click must not do alone: revoking a delegate's code,
//! finalizing the meeting, removing an entry from the cluster's config.
//!
//! The question is a modal dialog that says what will happen. It never stands where
//! the button that raised it was: a second press at the same place (a double click,
//! an impatient hand) lands on the dimmed backdrop and cancels, it does not confirm.

use eframe::egui::{self, Align2, RichText};

/// What to ask: a title, what will happen, and the two answers.
pub struct Question<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub yes: &'a str,
    pub no: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Still asking.
    Open,
    Yes,
    No,
}

/// Room between the pressed button and the dialog, in points.
const GAP: f32 = 24.0;

/// Where the dialog stands: above the button that raised it (`origin`) when that
/// button is in the lower half of the window, else below it; never over it.
pub fn placement(screen: egui::Rect, origin: egui::Rect) -> (Align2, egui::Pos2) {
    if origin.center().y > screen.center().y {
        (
            Align2::CENTER_BOTTOM,
            egui::pos2(screen.center().x, origin.min.y - GAP),
        )
    } else {
        (
            Align2::CENTER_TOP,
            egui::pos2(screen.center().x, origin.max.y + GAP),
        )
    }
}

/// Shows the question (every frame while it is open) and returns the answer. A
/// click outside the dialog or Escape answers no.
pub fn ask(ctx: &egui::Context, id: egui::Id, origin: egui::Rect, question: &Question) -> Answer {
    let (pivot, at) = placement(ctx.content_rect(), origin);
    // A modal's own area (see `egui::Modal::default_area`), placed instead of centred.
    let area = egui::Area::new(id)
        .kind(egui::UiKind::Modal)
        .sense(egui::Sense::hover())
        .order(egui::Order::Foreground)
        .interactable(true)
        .pivot(pivot)
        .fixed_pos(at);
    let mut answer = Answer::Open;
    let modal = egui::Modal::new(id).area(area).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(question.title);
        ui.add_space(4.0);
        ui.label(question.body);
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui.button(RichText::new(question.yes).strong()).clicked() {
                answer = Answer::Yes;
            }
            if ui.button(question.no).clicked() {
                answer = Answer::No;
            }
        });
    });
    if answer == Answer::Open && modal.should_close() {
        answer = Answer::No;
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dialog_stands_on_the_other_side_of_the_button() {
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 720.0));
        let low = egui::Rect::from_min_size(egui::pos2(600.0, 500.0), egui::vec2(120.0, 30.0));
        let (pivot, at) = placement(screen, low);
        assert_eq!(pivot, Align2::CENTER_BOTTOM);
        assert!(at.y < low.min.y, "above a button in the lower half");
        let high = egui::Rect::from_min_size(egui::pos2(600.0, 200.0), egui::vec2(120.0, 30.0));
        let (pivot, at) = placement(screen, high);
        assert_eq!(pivot, Align2::CENTER_TOP);
        assert!(at.y > high.max.y, "below a button in the upper half");
    }
}
