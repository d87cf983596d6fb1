//! The chair's "Chấm qua mạng" tab, driven by its labels: serve the meeting, see each
//! delegate's code, a delegate's score arriving over the network, revoke a code.

use eframe::egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use thidua::model::event::Event;
use thidua::model::points::Points;
use thidua::net::client::Client;
use thidua::net::protocol::{EventResult, SentEvent};

mod ui_common;
use ui_common::{App, app, meeting, set_up_sample};

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
    assert!(h.query_by_label(&ba_dinh.pin).is_some(), "the PIN is shown");
    // Clicking a member shows its QR code and link.
    h.get_by_label("Ba Đình").click();
    h.run();
    assert!(
        h.query_by_label_contains(&format!("/j/{}", ba_dinh.token))
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
        Ok(text) => assert!(text.contains(&ba_dinh.pin), "{text}"),
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
        h.query_by_label("1 máy").is_some(),
        "the device that used the code"
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
        h.query_by_label_contains("Đã cấp mã mới cho Ba Đình")
            .is_some()
    );
    assert!(
        client.sheet().is_err(),
        "the old code no longer opens the sheet"
    );
}
