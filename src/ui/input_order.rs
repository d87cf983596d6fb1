//! Every key reaches the field that had focus when it was pressed.
//!
//! egui hands all the keys of one frame to whichever text field has focus when that
//! field is laid out. Forms move focus on Tab and Enter, and a click moves it too;
//! when such a key and the next value's keys arrive in the same frame (a fast typist,
//! or a slow laptop where one frame takes long), the later keys would be handed to
//! the field they were not typed for. So a frame carries input only up to its first
//! focus-moving event; what follows waits for the next frame, in order. While the
//! app still has a focus change to make, keys wait as well.
//!
//! The scoring grid reads a frame's keys in order itself, so while it holds the
//! keyboard Tab, Enter and the arrows do not cut a frame: a whole run of cells typed
//! faster than frames are drawn lands in one frame. A click or a shortcut (Ctrl, Alt,
//! F-keys, Page Up/Down) still starts a frame of its own, so what was typed before
//! it is in its cell before the shortcut acts.

use eframe::egui::{self, Event, Key, RawInput};

/// Frames that keys may wait for a pending focus change before they are let through
/// anyway (the change may have become impossible, e.g. the sheet was locked).
const MAX_WAIT_FRAMES: u32 = 8;

#[derive(Default)]
pub struct InputOrder {
    held: Vec<Event>,
    waited: u32,
}

impl InputOrder {
    /// Cuts this frame's input after its first focus-moving event and keeps the rest
    /// for the next frame. `focus_pending` holds back every key until the app has
    /// made its focus change. Returns whether input is waiting (the caller asks for
    /// another frame).
    pub fn split(&mut self, raw: &mut RawInput, focus_pending: bool, grid_typing: bool) -> bool {
        if raw.viewport_id != egui::ViewportId::ROOT {
            return false;
        }
        let mut events = std::mem::take(&mut self.held);
        events.append(&mut raw.events);
        let wait = focus_pending && self.waited < MAX_WAIT_FRAMES;
        self.waited = if wait { self.waited + 1 } else { 0 };
        let cut = if wait {
            events.iter().position(is_keyboard).unwrap_or(events.len())
        } else {
            deliver_now(&events, grid_typing)
        };
        self.held = events.split_off(cut);
        raw.events = events;
        !self.held.is_empty()
    }

    /// Input still waiting for a frame.
    pub fn is_holding(&self) -> bool {
        !self.held.is_empty()
    }
}

/// How many of `events` belong to this frame: up to and including the first key that
/// may move focus, or up to a click that follows typed keys (the click then starts
/// the next frame, and what follows it the one after). With the grid typing, only
/// clicks and shortcuts cut, and a shortcut that follows typed keys starts the next
/// frame as a click does.
fn deliver_now(events: &[Event], grid_typing: bool) -> usize {
    let mut typed = false;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } if is_shortcut(*key, *modifiers) => {
                return if typed && grid_typing { i } else { i + 1 };
            }
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } if !grid_typing && moves_focus(*key, *modifiers) => return i + 1,
            Event::PointerButton { pressed: true, .. } => {
                return if typed { i } else { i + 1 };
            }
            e if is_keyboard(e) => typed = true,
            _ => {}
        }
    }
    events.len()
}

/// Keys that act on the app rather than on the text being typed.
fn is_shortcut(key: Key, modifiers: egui::Modifiers) -> bool {
    use Key::*;
    modifiers.command
        || modifiers.ctrl
        || modifiers.alt
        || matches!(
            key,
            PageUp | PageDown | F1 | F2 | F3 | F4 | F5 | F6 | F7 | F8 | F9 | F10 | F11 | F12
        )
}

/// Keys that may take focus elsewhere or act on the meeting, as opposed to keys that
/// edit the text in place.
fn moves_focus(key: Key, modifiers: egui::Modifiers) -> bool {
    use Key::*;
    is_shortcut(key, modifiers)
        || matches!(
            key,
            Tab | Enter | Escape | ArrowUp | ArrowDown | ArrowLeft | ArrowRight
        )
}

fn is_keyboard(event: &Event) -> bool {
    matches!(
        event,
        Event::Key { .. }
            | Event::Text(_)
            | Event::Paste(_)
            | Event::Copy
            | Event::Cut
            | Event::Ime(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: Key) -> Event {
        Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        }
    }

    fn text(s: &str) -> Event {
        Event::Text(s.into())
    }

    fn click() -> Event {
        Event::PointerButton {
            pos: egui::pos2(10.0, 10.0),
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: egui::Modifiers::NONE,
        }
    }

    fn frames(order: &mut InputOrder, first: Vec<Event>) -> Vec<Vec<Event>> {
        let mut raw = RawInput {
            events: first,
            ..RawInput::default()
        };
        let mut out = Vec::new();
        for _ in 0..20 {
            let more = order.split(&mut raw, false, false);
            out.push(std::mem::take(&mut raw.events));
            if !more {
                break;
            }
        }
        out
    }

    #[test]
    fn keys_after_tab_wait_for_the_next_frame_in_order() {
        let mut order = InputOrder::default();
        let got = frames(
            &mut order,
            vec![
                text("3"),
                key(Key::Tab),
                text("2"),
                text(","),
                text("5"),
                key(Key::Tab),
                text("1"),
            ],
        );
        assert_eq!(
            got,
            vec![
                vec![text("3"), key(Key::Tab)],
                vec![text("2"), text(","), text("5"), key(Key::Tab)],
                vec![text("1")],
            ]
        );
    }

    #[test]
    fn a_click_after_typing_starts_its_own_frame() {
        let mut order = InputOrder::default();
        let got = frames(&mut order, vec![text("4"), click(), text("7")]);
        assert_eq!(got, vec![vec![text("4")], vec![click()], vec![text("7")]]);
    }

    #[test]
    fn a_pending_focus_change_holds_keys_but_not_forever() {
        let mut order = InputOrder::default();
        let mut raw = RawInput {
            events: vec![text("9")],
            ..RawInput::default()
        };
        assert!(order.split(&mut raw, true, false));
        assert!(raw.events.is_empty());
        for _ in 0..MAX_WAIT_FRAMES {
            order.split(&mut raw, true, false);
        }
        assert_eq!(raw.events, vec![text("9")], "let through after the limit");
    }

    #[test]
    fn other_windows_are_left_alone() {
        let mut order = InputOrder::default();
        let mut raw = RawInput {
            viewport_id: egui::ViewportId::from_hash_of("projector"),
            events: vec![key(Key::Tab), text("1")],
            ..RawInput::default()
        };
        assert!(!order.split(&mut raw, true, false));
        assert_eq!(raw.events.len(), 2);
    }

    fn shortcut(key: Key) -> Event {
        Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::COMMAND,
        }
    }

    #[test]
    fn with_the_grid_typing_a_whole_run_of_cells_is_one_frame_until_a_shortcut() {
        let mut order = InputOrder::default();
        let mut raw = RawInput {
            events: vec![
                text("3"),
                key(Key::Tab),
                text("2"),
                key(Key::Enter),
                key(Key::ArrowLeft),
                text("1"),
                shortcut(Key::PageDown),
                text("5"),
            ],
            ..RawInput::default()
        };
        let mut frames = Vec::new();
        for _ in 0..5 {
            let more = order.split(&mut raw, false, true);
            frames.push(std::mem::take(&mut raw.events));
            if !more {
                break;
            }
        }
        assert_eq!(
            frames,
            vec![
                vec![
                    text("3"),
                    key(Key::Tab),
                    text("2"),
                    key(Key::Enter),
                    key(Key::ArrowLeft),
                    text("1")
                ],
                vec![shortcut(Key::PageDown)],
                vec![text("5")],
            ]
        );
    }
}
