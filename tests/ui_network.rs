//! The chair's "Chấm qua mạng" tab, driven by its labels: serve the meeting, see each
//! delegate's code, a delegate's score arriving over the network, revoke a code.

use eframe::egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use thidua::model::event::Event;
use thidua::model::points::Points;
use thidua::net::client::Client;
use thidua::net::protocol::{EventResult, SentEvent};

mod ui_common;
use eframe::egui;
use ui_common::{App, app, app_at, click_at, in_one_frame, meeting, set_up_sample};

fn start_hosting(h: &mut App) -> u16 {
    h.get_by_label("Qua mạng").click();
    h.run();
    // Any free port for the test: the field's 7878 erased, 0 typed.
    h.get_by_role_and_label(Role::TextInput, "Cổng").focus();
    h.run();
    for _ in 0..6 {
        h.key_press(eframe::egui::Key::Backspace);
        h.key_press(eframe::egui::Key::Delete);
    }
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Cổng")
        .type_text("0");
    h.run();
    assert_eq!(h.state().network.port, "0");
    h.get_by_label("Mở chấm qua mạng").click();
    h.run();
    let link = meeting(h).host.as_ref().expect("serving");
    link.running.addr.port()
}

#[test]
fn the_chair_serves_the_meeting_and_sees_a_delegates_score_arrive() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    set_up_sample(&mut h);
    let port = start_hosting(&mut h);
    assert!(
        h.query_by_label_contains("Đang mở chấm qua mạng tại")
            .is_some()
    );

    // Every present delegate has a PIN on screen.
    let codes = meeting(&h).host.as_ref().unwrap().running.host.codes();
    let ba_dinh = codes
        .codes()
        .iter()
        .find(|c| c.scorer == "ba-dinh" && !c.revoked)
        .unwrap()
        .clone();
    let shown = thidua::model::grant::pin_for_people(&ba_dinh.pin);
    assert!(
        h.query_by_label(&shown).is_some(),
        "the PIN is shown as on the slip"
    );
    // Clicking a member shows its QR code and link.
    h.get_by_label("Ba Đình").click();
    h.run();
    assert!(
        h.query_by_label_contains(&format!("/j#{}", ba_dinh.token))
            .is_some()
    );

    // The slips to hand out: a PDF beside the meeting file with every PIN.
    h.get_by_label("In phiếu mã tham gia (PDF)").click();
    h.run();
    let path = meeting(&h).file.path().to_path_buf();
    let slips = path.with_file_name(format!(
        "{}-ma-tham-gia.pdf",
        path.file_stem().unwrap().to_string_lossy()
    ));
    let text = std::process::Command::new("pdftotext")
        .arg(&slips)
        .arg("-")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).to_string());
    match text {
        Ok(text) => assert!(text.contains(&shown), "{text}"),
        Err(_) => assert!(slips.exists(), "the slips were written"),
    }

    // Ba Đình's delegate joins from another laptop and scores one cell.
    let (client, scorer) =
        Client::join(&format!("127.0.0.1:{port}"), &ba_dinh.pin, "laptop-ba-dinh").unwrap();
    assert_eq!(scorer, "ba-dinh");
    let results = client
        .send(vec![SentEvent {
            seq: 1,
            event: Event::Score {
                scorer: "ba-dinh".into(),
                target: "hoang-mai".into(),
                item: "1.1".into(),
                value: Some(Points(550)),
            },
        }])
        .unwrap();
    assert!(matches!(results[0], EventResult::Committed { .. }));
    // The chair's window shows it without anyone touching it.
    for _ in 0..50 {
        h.run();
        if meeting(&h).session().score(0, 1, 0).is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(meeting(&h).session().score(0, 1, 0), Some(Points(550)));
    assert!(
        h.query_by_label("1 máy · PIN").is_some(),
        "the device that used the code, and that it joined by PIN"
    );
    // The audit trail names the device that sent it.
    h.get_by_label("Nhật ký").click();
    h.run();
    assert!(
        h.query_by_label_contains("Ba Đình (máy ").is_some(),
        "the audit trail records the device"
    );

    // The chair's own change goes through the same writer and lands after it.
    h.get_by_label("Chấm điểm").click();
    h.run();
    let before = meeting(&h).file.last_seq();
    h.state_mut().record(
        thidua::model::event::Actor::Chair,
        Event::Attendance {
            member: "long-bien".into(),
            present: false,
        },
    );
    h.run();
    assert_eq!(meeting(&h).file.last_seq(), before + 1);
    assert!(!meeting(&h).session().is_present(5));

    // A lost laptop: a new code; the old one stops at once.
    h.get_by_label("Qua mạng").click();
    h.run();
    let reissue = h.get_all_by_label("Cấp mã mới").next().unwrap();
    reissue.click();
    h.run();
    assert!(
        client.sheet().is_ok(),
        "nothing is revoked before it is confirmed"
    );
    h.get_by_label(CONFIRM).click();
    h.run();
    assert!(
        h.query_by_label_contains("Đã cấp mã mới cho Ba Đình")
            .is_some()
    );
    assert!(
        client.sheet().is_err(),
        "the old code no longer opens the sheet"
    );
}

/// How many join codes the host has revoked.
fn revoked(h: &App) -> Vec<String> {
    let codes = meeting(h)
        .host
        .as_ref()
        .expect("serving")
        .running
        .host
        .codes();
    codes
        .codes()
        .iter()
        .filter(|c| c.revoked)
        .map(|c| c.scorer.clone())
        .collect()
}

/// The rects of the "Cấp mã mới" buttons, one per delegate's row, top to bottom.
fn reissue_buttons(h: &App) -> Vec<egui::Rect> {
    h.get_all_by_label("Cấp mã mới").map(|n| n.rect()).collect()
}

const CONFIRM: &str = "Thu hồi và cấp mã mới";

#[test]
fn two_presses_on_a_new_code_revoke_nothing_and_a_confirmed_one_revokes_one_code() {
    for (width, height) in [(1280.0, 720.0), (1366.0, 768.0)] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = app_at(dir.path(), None, width, height);
        set_up_sample(&mut h);
        start_hosting(&mut h);
        let before = reissue_buttons(&h);
        assert_eq!(before.len(), 6, "a row per delegate");
        let first = before[0];
        let at = first.center();
        assert!(
            h.ctx.content_rect().contains(first.max),
            "{width}×{height}: the button is on screen"
        );

        // A double click: both presses in one frame's input, then in two frames.
        in_one_frame(&mut h, [click_at(at), click_at(at)].concat());
        assert!(revoked(&h).is_empty(), "{width}×{height}: a double click");
        if let Some(yes) = h.query_by_label(CONFIRM) {
            assert!(
                !yes.rect().intersects(first),
                "the question covers the button"
            );
        }
        // Whatever the first answer, two more presses one after the other.
        for _ in 0..2 {
            in_one_frame(&mut h, click_at(at));
            assert!(revoked(&h).is_empty(), "{width}×{height}: two presses");
        }
        h.state_mut().network.confirm_reissue = None;
        h.run();

        // One press asks, naming whose code and what happens to it.
        in_one_frame(&mut h, click_at(at));
        assert!(revoked(&h).is_empty(), "one press only asks");
        assert!(
            h.query_by_label("Thu hồi mã tham gia của Ba Đình?")
                .is_some()
        );
        assert!(
            h.query_by_label_contains("máy đang dùng mã này không gửi điểm được nữa")
                .is_some()
        );
        let yes = h.get_by_label(CONFIRM).rect();
        assert!(
            !yes.contains(at) && !yes.intersects(first),
            "{width}×{height}: the confirmation {yes:?} stands where the button {first:?} was"
        );
        assert!(
            h.ctx.content_rect().contains_rect(yes),
            "the question is on screen"
        );
        // "Giữ mã cũ" keeps the code.
        let keep = h.get_by_label("Giữ mã cũ").rect().center();
        in_one_frame(&mut h, click_at(keep));
        assert!(revoked(&h).is_empty());
        assert!(h.query_by_label(CONFIRM).is_none(), "the question is gone");

        // Confirmed: exactly Ba Đình's code, and the rows below stay where they were
        // while the confirmation line appears.
        in_one_frame(&mut h, click_at(at));
        let yes = h.get_by_label(CONFIRM).rect().center();
        in_one_frame(&mut h, click_at(yes));
        assert_eq!(revoked(&h), ["ba-dinh"], "{width}×{height}");
        assert!(
            h.query_by_label_contains("Đã cấp mã mới cho Ba Đình")
                .is_some()
        );
        assert_eq!(
            reissue_buttons(&h),
            before,
            "{width}×{height}: the message moved the rows"
        );
    }
}

#[test]
fn a_refusal_on_the_network_tab_moves_nothing_below_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_at(dir.path(), None, 1280.0, 720.0);
    set_up_sample(&mut h);
    h.get_by_label("Qua mạng").click();
    h.run();
    let start = |h: &App| h.get_by_label("Mở chấm qua mạng").rect();
    let before = start(&h);
    // A port that is no port: the refusal shows in the message line.
    h.get_by_role_and_label(Role::TextInput, "Cổng").focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Cổng")
        .type_text("x");
    h.run();
    in_one_frame(&mut h, click_at(before.center()));
    assert!(h.state().network.error.is_some());
    let error = h.state().network.error.clone().unwrap();
    assert!(h.query_by_label(&error).is_some(), "`{error}` on screen");
    assert_eq!(start(&h), before, "the refusal moved the button");
}

/// A code whose devices send more than a sheet may take: the host refuses the rest,
/// and the chair's screen says so beside that delegate's code.
#[test]
fn the_chair_sees_a_code_that_sent_too_much() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    set_up_sample(&mut h);
    let port = start_hosting(&mut h);
    let codes = meeting(&h).host.as_ref().unwrap().running.host.codes();
    let pin = codes
        .codes()
        .iter()
        .find(|c| c.scorer == "ba-dinh" && !c.revoked)
        .unwrap()
        .pin
        .clone();
    let (client, _) = Client::join(&format!("127.0.0.1:{port}"), &pin, "flooding-laptop").unwrap();
    // 20 × (5 members × 24 cells + the submission) = 2,420 may go in; 100 more.
    let events: Vec<SentEvent> = (1..=2_520u64)
        .map(|seq| SentEvent {
            seq,
            event: Event::Score {
                scorer: "ba-dinh".into(),
                target: "hoang-mai".into(),
                item: "1.1".into(),
                value: Some(Points(100 + 100 * (seq % 2) as i64)),
            },
        })
        .collect();
    let results = client.send(events).unwrap();
    let refused = results
        .iter()
        .filter(|r| matches!(r, EventResult::Refused { .. }))
        .count();
    assert_eq!(refused, 100);
    h.run();
    assert!(
        h.query_by_label_contains("quá giới hạn").is_some(),
        "the chair is told, by the code"
    );
}

#[test]
fn the_chair_sees_how_each_device_joined_and_a_refused_ninth() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    set_up_sample(&mut h);
    let port = start_hosting(&mut h);
    let host = meeting(&h).host.as_ref().unwrap().running.host.clone();
    let told = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = told.clone();
    host.tell_refusals(move || {
        seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    });
    let code = host
        .codes()
        .codes()
        .iter()
        .find(|c| c.scorer == "ba-dinh" && !c.revoked)
        .unwrap()
        .clone();
    let address = format!("127.0.0.1:{port}");
    Client::join(&address, &code.pin, "laptop-by-pin").unwrap();
    h.run();
    assert!(
        h.query_by_label("1 máy · PIN").is_some(),
        "the chair sees the device joined by PIN"
    );
    for n in 2..=8 {
        let phone = Client::with_token(&address, &code.token, &format!("phone-{n}"));
        phone.sheet().unwrap();
    }
    assert_eq!(told.load(std::sync::atomic::Ordering::SeqCst), 0);
    let ninth = Client::with_token(&address, &code.token, "phone-9");
    assert!(ninth.sheet().is_err(), "a ninth device is refused");
    assert_eq!(
        told.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "the chair's screen is woken though nothing was committed"
    );
    h.run();
    assert!(
        h.query_by_label("đã từ chối máy thứ 9").is_some(),
        "the chair sees the refusal by the code to reissue"
    );
}
