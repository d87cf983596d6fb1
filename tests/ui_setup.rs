//! Setting up a meeting on the small screens a chair meets: a 1280×720 projector
//! resolution and a 1366×768 laptop, with the 12-ward cluster.

use eframe::egui::{self, accesskit::Role};
use egui_kittest::kittest::Queryable as _;

mod ui_common;
use ui_common::{App, app_at, click_at, in_one_frame, meeting, sample_dir, type_into};

const SIZES: [(f32, f32); 2] = [(1280.0, 720.0), (1366.0, 768.0)];

fn on_screen(h: &App, rect: egui::Rect) -> bool {
    h.ctx.content_rect().contains_rect(rect)
}

#[test]
fn the_window_opens_no_taller_than_a_720_screen() {
    let [width, height] = thidua::ui::WINDOW_SIZE;
    assert!(width <= 1280.0 && height <= 720.0, "{width}×{height}");
}

#[test]
fn create_the_meeting_is_in_sight_without_scrolling_and_stays_put() {
    for (width, height) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        // The meeting is made beside its config: a copy here, not in the repository.
        let config = dir.path().join("cluster.json");
        std::fs::copy(sample_dir("cum-phuong-2025").join("cluster.json"), &config).unwrap();
        let mut h = app_at(dir.path(), Some(config), width, height);
        assert!(h.state().is_in_setup());
        let create = h.get_by_label("Tạo hội nghị").rect();
        assert!(on_screen(&h, create), "{width}×{height}: {create:?}");
        // Twelve wards in columns: every one of them can be ticked without scrolling,
        // above the bar that holds the button.
        let bar = h
            .get_by_label_contains("rồi bấm “Tạo hội nghị”")
            .rect()
            .top();
        let boxes: Vec<egui::Rect> = h
            .query_all_by_role(Role::CheckBox)
            .map(|n| n.rect())
            .collect();
        assert_eq!(boxes.len(), 12);
        for b in &boxes {
            assert!(
                b.bottom() < bar,
                "{width}×{height}: a ward at {b:?}, the bar at {bar}"
            );
        }
        // A wrong date is refused in the line above the buttons: they stay put.
        let date = h.get_by_role_and_label(Role::TextInput, "Ngày họp").rect();
        in_one_frame(&mut h, click_at(date.center()));
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.run();
        type_into(&mut h, "Ngày họp", "31/02/2025");
        in_one_frame(&mut h, click_at(create.center()));
        assert!(h.state().is_in_setup(), "a meeting on 31 February");
        assert!(h.query_by_label_contains("Ngày chưa đúng").is_some());
        assert_eq!(
            h.get_by_label("Tạo hội nghị").rect(),
            create,
            "the refusal moved it"
        );
        // Put right, one press at the same place creates the meeting.
        h.get_by_role_and_label(Role::TextInput, "Ngày họp").focus();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.run();
        type_into(&mut h, "Ngày họp", "20/12/2025");
        in_one_frame(&mut h, click_at(create.center()));
        assert!(!h.state().is_in_setup());
        assert_eq!(meeting(&h).config().members.len(), 12);
    }
}
