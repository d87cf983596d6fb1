//! A delegate's laptop in the window: "Tham gia hội nghị", the address and PIN, then
//! their own sheet only; a typed value reaches the chair's meeting file, and the cell
//! looks saved only once the host has committed it; a refusal is shown, not dropped.

use eframe::egui::Key;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use std::path::Path;
use std::time::Duration;
use thidua::model::event::{Actor, Event};
use thidua::model::points::Points;
use thidua::net::host;
use thidua::store::{MeetingFile, Submission};
use thidua::ui::scoring::Sending;

mod ui_common;
use ui_common::{App, app, in_one_frame, key, type_into, typed};

fn hosted(dir: &Path) -> host::RunningHost {
    let config = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/ha-noi-cum-1-2024/cluster.json"),
    )
    .unwrap();
    let file = MeetingFile::create(
        &dir.join("chair.thidua"),
        &config,
        "2024-12-20T08:00:00+07:00",
    )
    .unwrap();
    host::start(file, "127.0.0.1".parse().unwrap(), 0, |_| {}).unwrap()
}

fn host_score(running: &host::RunningHost, cell: &str) -> Option<Points> {
    let cell = cell.to_string();
    running
        .host
        .writer()
        .read_blocking(move |f| {
            let c = f.config();
            f.session().score(0, 1, c.cell(&cell).unwrap())
        })
        .unwrap()
}

/// A delegate's laptop (its own folders) joined to `running` as `scorer`.
fn joined(dir: &Path, running: &host::RunningHost, scorer: &str) -> App {
    let pin = running
        .host
        .codes()
        .codes()
        .iter()
        .find(|c| c.scorer == scorer)
        .unwrap()
        .pin
        .clone();
    let laptop = dir.join("laptop");
    std::fs::create_dir_all(&laptop).unwrap();
    let mut h = app(&laptop, None);
    h.get_by_label("Tham gia hội nghị").click();
    h.run();
    type_into(
        &mut h,
        "Địa chỉ máy chủ trì",
        &format!("127.0.0.1:{}", running.addr.port()),
    );
    type_into(&mut h, "Mã PIN", &pin);
    h.get_by_label("Tham gia").click();
    h.run();
    h
}

/// Runs frames until `done` holds (the worker answers from its own thread, asking
/// for a frame with each answer, so the app may not settle between answers).
fn until(h: &mut App, done: impl Fn(&App) -> bool) {
    for _ in 0..100 {
        let _ = h.try_run();
        if done(h) {
            return;
        }
        std::thread::sleep(Duration::from_millis(30));
    }
    let c = h
        .state()
        .client()
        .map(|c| (c.sending.len(), c.session.progress(0)));
    panic!("timed out: {c:?}");
}

#[test]
fn a_delegate_joins_with_the_pin_and_scores_their_own_sheet_through_the_host() {
    let dir = tempfile::tempdir().unwrap();
    let running = hosted(dir.path());
    let mut h = joined(dir.path(), &running, "ba-dinh");
    // Only Ba Đình's own sheet: no delegate picker, no other sheet.
    assert!(
        h.query_by_label_contains("Phiếu chấm của Ba Đình — gửi tới máy chủ trì")
            .is_some()
    );
    assert!(
        h.query_by_label("Đại biểu chấm").is_none(),
        "no choice of delegate"
    );
    assert!(
        h.query_by_label_contains("Ctrl+PageDown").is_none(),
        "no switching sheets"
    );

    // The first empty cell has focus: type 4,5 and Tab.
    in_one_frame(&mut h, [typed("4,5"), vec![key(Key::Tab)]].concat());
    until(&mut h, |h| match &h.state().client() {
        Some(c) => c.sending.is_empty() && c.session.score(0, 1, 0).is_some(),
        None => false,
    });
    assert_eq!(
        host_score(&running, "1.1"),
        Some(Points(450)),
        "in the chair's file"
    );
    assert!(
        h.query_by_label_contains("Đã lưu trên máy chủ trì: 1/")
            .is_some()
    );

    // The chair marks Ba Đình absent meanwhile: the next value is refused, and the
    // cell says so instead of dropping it.
    running
        .host
        .writer()
        .submit_blocking(vec![Submission {
            by: Actor::Chair,
            origin: None,
            event: Event::Attendance {
                member: "ba-dinh".into(),
                present: false,
            },
        }])
        .unwrap();
    in_one_frame(&mut h, [typed("3"), vec![key(Key::Tab)]].concat());
    until(&mut h, |h| {
        h.state().client().is_some_and(|c| {
            c.sending
                .values()
                .any(|s| matches!(s, Sending::Refused { .. }))
        })
    });
    let refused = h
        .state()
        .client()
        .unwrap()
        .sending
        .values()
        .find_map(|s| match s {
            Sending::Refused { reason, .. } => Some(reason.clone()),
            _ => None,
        })
        .unwrap();
    assert!(refused.contains("vắng mặt"), "{refused}");
    assert_eq!(host_score(&running, "1.1"), Some(Points(450)));
}

#[test]
fn a_delegate_submits_over_the_network_and_sees_the_chairs_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let running = hosted(dir.path());
    let mut h = joined(dir.path(), &running, "ba-dinh");

    // The whole sheet, 100 cells, typed in one go.
    let mut events = Vec::new();
    for _ in 0..100 {
        events.extend(typed("1"));
        events.push(key(Key::Tab));
    }
    in_one_frame(&mut h, events);
    until(&mut h, |h| {
        h.state()
            .client()
            .is_some_and(|c| c.sending.is_empty() && c.session.progress(0).0 == 100)
    });
    h.key_press_modifiers(eframe::egui::Modifiers::COMMAND, Key::Enter);
    h.run();
    assert!(h.state().grid.confirm_submit, "the confirmation asks first");
    h.key_press(Key::Enter);
    h.run();
    until(&mut h, |h| {
        h.state()
            .client()
            .is_some_and(|c| c.session.is_submitted(0))
    });
    let submitted = running
        .host
        .writer()
        .read_blocking(|f| f.session().is_submitted(0))
        .unwrap();
    assert!(submitted, "the chair's file holds the submission");

    // The chair reopens it with a reason: the delegate's laptop says so.
    running
        .host
        .writer()
        .submit_blocking(vec![Submission {
            by: Actor::Chair,
            origin: None,
            event: Event::Reopen {
                scorer: "ba-dinh".into(),
                reason: "Sửa tiêu chí 2.1".into(),
            },
        }])
        .unwrap();
    for _ in 0..300 {
        h.run();
        if h.query_by_label_contains("Chủ trì đã mở lại phiếu: Sửa tiêu chí 2.1")
            .is_some()
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(30));
    }
    assert!(
        h.query_by_label_contains("Chủ trì đã mở lại phiếu: Sửa tiêu chí 2.1")
            .is_some()
    );
    assert!(!h.state().client().unwrap().session.is_submitted(0));
}

/// Enter after the PIN joins, as the button does; a refusal says why in words,
/// without the host's status number.
#[test]
fn enter_after_the_pin_joins_and_a_wrong_pin_is_said_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let running = hosted(dir.path());
    let pin = running
        .host
        .codes()
        .codes()
        .iter()
        .find(|c| c.scorer == "ba-dinh")
        .unwrap()
        .pin
        .clone();
    let laptop = dir.path().join("laptop");
    std::fs::create_dir_all(&laptop).unwrap();
    let mut h = app(&laptop, None);
    h.get_by_label("Tham gia hội nghị").click();
    h.run();
    type_into(
        &mut h,
        "Địa chỉ máy chủ trì",
        &format!("127.0.0.1:{}", running.addr.port()),
    );
    // A wrong PIN first.
    let wrong = if pin == "00000000" {
        "00000001"
    } else {
        "00000000"
    };
    type_into(&mut h, "Mã PIN", wrong);
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().client().is_none(), "not joined");
    let said = h
        .get_by_label_contains("máy chủ trì từ chối")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    assert!(!said.contains("(40"), "no status number: {said}");
    h.get_by_role_and_label(eframe::egui::accesskit::Role::TextInput, "Mã PIN")
        .focus();
    h.run();
    for _ in 0..wrong.len() {
        h.key_press(Key::Backspace);
    }
    h.run();
    type_into(&mut h, "Mã PIN", &pin);
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().client().is_some(), "Enter joined");
}
