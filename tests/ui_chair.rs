//! The chair's tools in the real app: projector with hide and reveal, the ballot,
//! refused counts, a tie decided with a reason, undo and redo, finalizing, and every
//! decision in the results document and the audit trail.

use eframe::egui::{Key, Modifiers, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use thidua::model::event::Actor;
use thidua::model::points::Points;
use thidua::model::tally::{Basis, ProposalStatus};
use thidua::ui::{Tab, ThiduaApp};

mod ui_common;
use eframe::egui;
use ui_common::{click_at, import, in_one_frame, meeting, sample_dir, screen_text, type_into};

fn app(documents: &Path, open: Option<PathBuf>) -> Harness<'static, ThiduaApp> {
    // Tall, so the whole chair screen is laid out.
    ui_common::app_sized(documents, open, 1400.0)
}

/// Sets up the sample meeting through the UI and imports the given sheets through
/// the app's own event path.
fn sample_meeting(dir: &Path, sheets: &[&str]) -> Harness<'static, ThiduaApp> {
    let mut h = app(dir, None);
    h.get_by_label("Dùng cụm mẫu").click();
    h.run();
    type_into(&mut h, "Địa điểm", "Hội trường quận Long Biên");
    h.get_by_label("Tạo hội nghị").click();
    h.run();
    import(&mut h, &sample_dir("ha-noi-cum-1-2024"), sheets);
    h
}

const ALL: [&str; 6] = [
    "ba-dinh",
    "hoang-mai",
    "hoan-kiem",
    "dong-da",
    "hai-ba-trung",
    "long-bien",
];

fn flag_status(h: &Harness<'static, ThiduaApp>) -> Vec<(String, ProposalStatus)> {
    let m = meeting(h);
    m.tally.commendations[0]
        .proposals
        .iter()
        .map(|p| (m.config().members[p.member].id.clone(), p.status))
        .collect()
}

#[test]
fn the_projector_hides_figures_until_revealed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_meeting(dir.path(), &ALL[..4]);
    h.key_press(Key::F3);
    h.run();
    h.get_by_label("Màn hình chiếu").click();
    h.run();
    assert!(h.state().projector.open);
    assert!(
        h.query_by_label_contains("Đã nộp 4/6 phiếu chấm").is_some(),
        "progress on the projector"
    );
    let leader_total = {
        let m = meeting(&h);
        m.tally.members[m.tally.order[0]]
            .total
            .unwrap()
            .display(',')
    };
    // A new meeting hides the figures while delegates still score: the leader's
    // total is on the chair's tally only, not on the projector.
    assert!(h.state().projector.hide_until_all);
    assert!(!h.state().projector.figures_visible(&meeting(&h).tally));
    assert!(
        h.query_by_label("Kết quả sẽ được công bố khi đủ phiếu chấm.")
            .is_some()
    );
    assert_eq!(h.query_all_by_label(&leader_total).count(), 1);
    // The chair may reveal them anyway, told how many sheets are missing; the
    // projector then says in large type that the figures are provisional. (The
    // projector window may cover the chair's controls in the test's single surface,
    // so these are pressed through the accessibility tree.)
    assert!(
        h.query_by_label("Màn hình chiếu đang ẩn điểm: còn thiếu 2 phiếu.")
            .is_some()
    );
    h.get_by_label("Công bố kết quả tạm tính (còn thiếu 2 phiếu)")
        .click_accesskit();
    h.run();
    assert!(h.state().projector.figures_visible(&meeting(&h).tally));
    assert_eq!(h.query_all_by_label(&leader_total).count(), 2);
    assert!(
        h.query_by_label("TẠM TÍNH — còn 2 phiếu chưa nộp")
            .is_some()
    );
    // And hide them again.
    h.get_by_label("Ẩn lại điểm trên màn hình chiếu")
        .click_accesskit();
    h.run();
    assert_eq!(h.query_all_by_label(&leader_total).count(), 1);
    assert!(
        h.query_by_label("TẠM TÍNH — còn 2 phiếu chưa nộp")
            .is_none()
    );
    // Once every sheet is in, the figures show by themselves, no longer provisional.
    import(&mut h, &sample_dir("ha-noi-cum-1-2024"), &ALL[4..]);
    assert!(h.state().projector.figures_visible(&meeting(&h).tally));
    assert!(
        h.query_by_label("Kết quả sẽ được công bố khi đủ phiếu chấm.")
            .is_none()
    );
    assert!(h.query_by_label_contains("TẠM TÍNH").is_none());
    assert!(
        h.query_all_by_label("97,60").count() >= 2,
        "the total on the tally and on the projector"
    );
    // The chair can also turn hiding off for the meeting.
    h.get_by_label("Ẩn điểm cho đến khi đủ phiếu")
        .click_accesskit();
    h.run();
    assert!(!h.state().projector.hide_until_all);
}

#[test]
fn a_ballot_that_passes_and_one_that_fails() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_meeting(dir.path(), &ALL);
    h.key_press(Key::F4);
    h.run();
    assert_eq!(h.state().tab, Tab::Chair);
    assert_eq!(
        flag_status(&h),
        [("hoang-mai".into(), ProposalStatus::AwaitingBallot)]
    );
    // More than 50% of the 6 present is needed: 3 votes is exactly 50% and fails.
    type_into(&mut h, "Số phiếu phát ra", "6");
    type_into(&mut h, "Số phiếu hợp lệ", "6");
    type_into(&mut h, "Số phiếu cho Hoàng Mai", "3");
    assert!(
        h.query_by_label_contains("3/6 = 50,00% — không đạt")
            .is_some()
    );
    h.get_by_label("Ghi kết quả bỏ phiếu vòng 1").click();
    h.run();
    assert_eq!(
        flag_status(&h),
        [("hoang-mai".into(), ProposalStatus::BallotFailed)]
    );
    // A second round passes.
    type_into(&mut h, "Số phiếu phát ra", "6");
    type_into(&mut h, "Số phiếu hợp lệ", "6");
    type_into(&mut h, "Số phiếu cho Hoàng Mai", "5");
    assert!(h.query_by_label_contains("5/6 = 83,33% — đạt").is_some());
    h.get_by_label("Ghi kết quả bỏ phiếu vòng 2").click();
    h.run();
    assert_eq!(
        flag_status(&h),
        [("hoang-mai".into(), ProposalStatus::Proposed)]
    );
    let ballots = &meeting(&h).session().ballots;
    assert_eq!(ballots.len(), 2);
    // How firm the result is, in plain words.
    assert!(
        h.query_by_label_contains("Không tính phiếu của Ba Đình")
            .is_some()
    );
    assert!(h.query_by_label_contains("Tính theo trung vị").is_some());
}

#[test]
fn an_impossible_count_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_meeting(dir.path(), &ALL);
    h.key_press(Key::F4);
    h.run();
    type_into(&mut h, "Số phiếu phát ra", "6");
    type_into(&mut h, "Số phiếu hợp lệ", "7");
    type_into(&mut h, "Số phiếu cho Hoàng Mai", "5");
    h.get_by_label("Ghi kết quả bỏ phiếu vòng 1").click();
    h.run();
    assert!(
        h.query_by_label_contains("số phiếu hợp lệ (7) lớn hơn số phiếu phát ra (6)")
            .is_some()
    );
    assert!(meeting(&h).session().ballots.is_empty());
    // Votes above the valid ballots.
    h.state_mut().chair.ballots.clear();
    h.run();
    type_into(&mut h, "Số phiếu phát ra", "8");
    type_into(&mut h, "Số phiếu hợp lệ", "5");
    h.get_by_label("Ghi kết quả bỏ phiếu vòng 1").click();
    h.run();
    assert!(
        h.query_by_label_contains("lớn hơn số đại biểu có mặt (6)")
            .is_some()
    );
    assert!(meeting(&h).session().ballots.is_empty());
}

/// A cluster where two members tie exactly for the one certificate.
fn tied_cluster(dir: &Path) -> PathBuf {
    let members: Vec<Value> = ["an-binh", "binh-minh", "cam-giang", "dai-dong"]
        .iter()
        .zip(["An Bình", "Bình Minh", "Cẩm Giàng", "Đại Đồng"])
        .map(|(id, name)| json!({"id": id, "name": format!("Xã {name}"), "short": name}))
        .collect();
    let config = json!({
        "format": "thidua.cluster/1",
        "cluster": {"id": "thu", "name": "Cụm thử", "organizer": "MTTQ", "year": 2025, "member_label": "xã"},
        "members": members,
        "criteria": [{"id": "1", "name": "Công tác tuyên truyền", "items": [
            {"id": "1.1", "name": "Tuyên truyền", "max": 10, "step": 0.5}]}],
        "commendations": [{"id": "bk", "name": "Bằng khen", "max_count": 1}],
        "tie_break": ["bonus"]
    });
    let bytes = serde_json::to_vec_pretty(&config).unwrap();
    std::fs::write(dir.join("cluster.json"), &bytes).unwrap();
    let hash = thidua::model::config::sha256_hex(&bytes);
    std::fs::create_dir_all(dir.join("sheets")).unwrap();
    let ids = ["an-binh", "binh-minh", "cam-giang", "dai-dong"];
    let points = [9.0, 9.0, 7.0, 6.0];
    for scorer in ids {
        let scores: serde_json::Map<String, Value> = ids
            .iter()
            .zip(points)
            .filter(|(t, _)| **t != scorer)
            .map(|(t, p)| (t.to_string(), json!({"1.1": p})))
            .collect();
        let sheet = json!({"format": "thidua.sheet/1", "config_sha256": hash, "scorer": scorer,
            "scores": scores, "submitted_at": "2025-12-20T09:00:00+07:00"});
        std::fs::write(
            dir.join("sheets").join(format!("{scorer}.json")),
            serde_json::to_vec(&sheet).unwrap(),
        )
        .unwrap();
    }
    dir.join("cluster.json")
}

#[test]
fn a_tie_is_decided_with_a_written_reason() {
    let dir = tempfile::tempdir().unwrap();
    let config = tied_cluster(dir.path());
    let mut h = app(dir.path(), Some(config));
    h.get_by_label("Tạo hội nghị").click();
    h.run();
    import(
        &mut h,
        dir.path(),
        &["an-binh", "binh-minh", "cam-giang", "dai-dong"],
    );
    h.key_press(Key::F4);
    h.run();
    assert!(
        h.query_by_label_contains("An Bình, Bình Minh cùng 9,00 điểm, tranh 1 suất")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("các tiêu chí phụ (điểm thưởng) đều bằng nhau")
            .is_some()
    );
    h.get_by_role_and_label(Role::CheckBox, "Bình Minh").click();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Lý do")
        .focus();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Lý do")
        .type_text("Có mô hình dân vận khéo được tỉnh biểu dương");
    h.run();
    h.get_by_label("Ghi quyết định").click();
    h.run();
    let m = meeting(&h);
    let p = &m.tally.commendations[0].proposals;
    assert_eq!(p.len(), 1);
    assert_eq!(m.config().members[p[0].member].id, "binh-minh");
    assert_eq!(
        p[0].basis,
        Basis::ChairDecision("Có mô hình dân vận khéo được tỉnh biểu dương".into())
    );
    assert!(
        h.query_by_label_contains("Đã quyết định (Bằng khen): Bình Minh")
            .is_some()
    );

    // The decision is in the results document and in the audit trail.
    let doc = {
        let m = meeting(&h);
        thidua::export::results::results_document(m.session(), &m.tally, m.file.head())
    };
    assert_eq!(doc["decisions"][0]["chosen"][0], "binh-minh");
    assert_eq!(
        doc["decisions"][0]["reason"],
        "Có mô hình dân vận khéo được tỉnh biểu dương"
    );
    assert_eq!(
        doc["commendations"][0]["proposals"][0]["basis"]["by"],
        "decision"
    );
    h.key_press(Key::F5);
    h.run();
    assert!(
        h.query_by_label_contains("Quyết định Bằng khen: Bình Minh — Có mô hình dân vận khéo")
            .is_some()
    );
}

#[test]
fn the_audit_trail_filters_by_delegate_and_member() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_meeting(dir.path(), &["ba-dinh", "hoang-mai"]);
    h.key_press(Key::F5);
    h.run();
    let total = meeting(&h).file.last_seq();
    assert!(
        h.query_by_label(&format!("{total} trên {total} sự kiện"))
            .is_some()
    );
    h.state_mut().audit.delegate = Some(0);
    h.run();
    // Ba Đình's import: provenance, 102 scores, the submit.
    assert!(
        h.query_by_label(&format!("104 trên {total} sự kiện"))
            .is_some()
    );
    h.state_mut().audit.target = Some(1);
    h.run();
    assert!(
        h.query_by_label(&format!("21 trên {total} sự kiện"))
            .is_some(),
        "20 items and a bonus"
    );
}

#[test]
fn undo_and_redo_of_a_score() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_meeting(dir.path(), &[]);
    let cell = "Điểm 1.1 cho Hoàng Mai";
    h.get_by_role_and_label(Role::TextInput, cell).focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, cell)
        .type_text("5,5");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    let score = |h: &Harness<'static, ThiduaApp>| meeting(h).session().score(0, 1, 0);
    let events = |h: &Harness<'static, ThiduaApp>| meeting(h).file.last_seq();
    assert_eq!(score(&h), Some(Points(550)));
    let before = events(&h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(score(&h), None, "undone");
    assert_eq!(
        events(&h),
        before + 1,
        "undo is a new event, history is kept"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(score(&h), Some(Points(550)), "redone");
    assert_eq!(events(&h), before + 2);
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, cell)
            .value()
            .as_deref(),
        Some("5,5")
    );
}

#[test]
fn undo_stops_at_a_submitted_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_meeting(dir.path(), &[]);
    // The delegate's own last change, then the sheet is submitted (by import).
    h.state_mut().record(
        Actor::Member("ba-dinh".into()),
        thidua::model::Event::Score {
            scorer: "ba-dinh".into(),
            target: "hoang-mai".into(),
            item: "1.1".into(),
            value: Some(Points(400)),
        },
    );
    import(&mut h, &sample_dir("ha-noi-cum-1-2024"), &["ba-dinh"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(meeting(&h).session().is_submitted(0));
    assert!(h.query_by_label_contains("Không hoàn tác được").is_some());
}

#[test]
fn finalize_lists_what_is_missing_then_succeeds_and_everything_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_meeting(dir.path(), &ALL[..5]);
    h.key_press(Key::F4);
    h.run();
    h.get_by_label("Chốt kết quả hội nghị").click();
    h.run();
    assert!(
        h.query_by_label_contains("phiếu chấm của Long Biên chưa nộp")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("chưa ghi kết quả bỏ phiếu")
            .is_some()
    );
    assert!(!meeting(&h).session().finalized);

    import(&mut h, &sample_dir("ha-noi-cum-1-2024"), &ALL[5..]);
    type_into(&mut h, "Số phiếu phát ra", "6");
    type_into(&mut h, "Số phiếu hợp lệ", "6");
    type_into(&mut h, "Số phiếu cho Hoàng Mai", "6");
    h.get_by_label("Ghi kết quả bỏ phiếu vòng 1").click();
    h.run();
    // Next year's head and deputy.
    h.get_by_role_and_label(Role::ComboBox, "Cụm trưởng")
        .click();
    h.run();

    h.get_by_role_and_label(Role::Button, "Hoàng Mai").click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Cụm phó").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Đống Đa").click();
    h.run();
    h.get_by_label("Ghi").click();
    h.run();
    assert_eq!(meeting(&h).session().next_year, Some((1, 3)));
    h.get_by_label("Chốt kết quả hội nghị").click();
    h.run();
    h.get_all_by_label("Chốt kết quả hội nghị")
        .last()
        .unwrap()
        .click();
    h.run();
    assert!(meeting(&h).session().finalized);

    // The audit trail shows the decisions.
    h.key_press(Key::F5);
    h.run();
    assert!(h.query_by_label_contains("Chốt kết quả hội nghị").is_some());
    assert!(
        h.query_by_label_contains("Năm sau: cụm trưởng Hoàng Mai, cụm phó Đống Đa")
            .is_some()
    );
    assert!(
        h.query_by_label_contains(
            "Bỏ phiếu Cờ thi đua của Ủy ban MTTQ Việt Nam thành phố Hà Nội vòng 1"
        )
        .is_some()
    );

    // And the results document says the same.
    let path = h
        .state()
        .meeting
        .as_ref()
        .unwrap()
        .file
        .path()
        .to_path_buf();
    drop(h);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["tally", path.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["status"], "final");
    assert_eq!(doc["ballots"][0]["votes"]["hoang-mai"], 6);
    assert_eq!(doc["next_year"]["head"], "hoang-mai");
    assert_eq!(doc["next_year"]["deputy"], "dong-da");
    assert_eq!(
        doc["commendations"][0]["proposals"][0]["status"],
        "proposed"
    );
    assert_eq!(
        doc["commendations"][0]["proposals"][0]["ballot"]["passed"],
        true
    );
}

/// The texts on screen that give a ballot verdict ("đạt", "không đạt", "passes").
fn verdicts(h: &Harness<'static, ThiduaApp>) -> Vec<String> {
    screen_text(h)
        .into_iter()
        .filter(|t| {
            let t = t.to_lowercase();
            t.contains("đạt") || t.contains("passes") || t.contains("fails")
        })
        .collect()
}

/// Types the counts of a ballot round into the chair's form (blank: left as is).
fn counts(h: &mut Harness<'static, ThiduaApp>, issued: &str, valid: &str, votes: &str) {
    h.state_mut().chair.ballots.clear();
    h.run();
    for (label, text) in [
        ("Số phiếu phát ra", issued),
        ("Số phiếu hợp lệ", valid),
        ("Số phiếu cho Hoàng Mai", votes),
    ] {
        if !text.is_empty() {
            type_into(h, label, text);
        }
    }
}

#[test]
fn the_ballot_preview_never_says_passed_for_counts_the_rules_refuse() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_meeting(dir.path(), &ALL);
    h.key_press(Key::F4);
    h.run();
    // 6 delegates present. Each count here is impossible in its own way; the share
    // would be "đạt" (more than 50%) if it were shown.
    for (issued, valid, votes, why) in [
        (
            "6",
            "5",
            "6",
            "Hoàng Mai có 6 phiếu, nhiều hơn số phiếu hợp lệ (5)",
        ),
        (
            "6",
            "7",
            "5",
            "số phiếu hợp lệ (7) lớn hơn số phiếu phát ra (6)",
        ),
        (
            "11",
            "11",
            "13",
            "số phiếu phát ra (11) lớn hơn số đại biểu có mặt (6)",
        ),
    ] {
        counts(&mut h, issued, valid, votes);
        let verdicts = verdicts(&h);
        assert!(
            verdicts.is_empty(),
            "{issued}/{valid}/{votes}: a verdict beside refused counts: {verdicts:?}"
        );
        assert!(
            h.query_all_by_label_contains(why).next().is_some(),
            "{issued}/{valid}/{votes}: the reason `{why}` is on screen"
        );
        assert!(
            h.query_all_by_label_contains("Số liệu không hợp lý, chưa ghi")
                .next()
                .is_some(),
            "the refusal line"
        );
        // The button records nothing.
        h.get_by_label("Ghi kết quả bỏ phiếu vòng 1").click();
        h.run();
        assert!(meeting(&h).session().ballots.is_empty());
    }
    // Possible counts do show their share and verdict: the check above can fail.
    counts(&mut h, "6", "6", "5");
    assert!(h.query_by_label_contains("5/6 = 83,33% — đạt").is_some());
    assert!(!verdicts(&h).is_empty());
    // The same in English.
    h.state_mut().prefs.set_lang(thidua::text::Lang::En);
    h.state_mut().chair.ballots.clear();
    h.run();
    type_into(&mut h, "Ballots issued", "6");
    type_into(&mut h, "Valid ballots", "5");
    type_into(&mut h, "Votes for Hoàng Mai", "6");
    assert!(verdicts(&h).is_empty(), "{:?}", verdicts(&h));
    assert!(
        h.query_all_by_label_contains("Hoàng Mai has 6 votes, more than the valid ballots (5)")
            .next()
            .is_some()
    );
}

#[test]
fn after_a_round_its_result_is_restated_before_another_is_offered() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_meeting(dir.path(), &ALL);
    h.key_press(Key::F4);
    h.run();
    // What is needed, in words and in votes, before any round.
    assert!(
        h.query_by_label("Cần số phiếu trên 50% số đại biểu có mặt (6), tức ít nhất 4 phiếu.")
            .is_some()
    );
    counts(&mut h, "6", "6", "3");
    h.get_by_label("Ghi kết quả bỏ phiếu vòng 1").click();
    h.run();
    assert_eq!(meeting(&h).session().ballots.len(), 1);
    // Round 1 restated: the counts, the share against its base, who passed.
    let restated = h.get_by_label("Đã ghi vòng 1: phát ra 6, hợp lệ 6.").rect();
    assert!(
        h.query_by_label("Hoàng Mai: 3 phiếu, bằng 50,00% số đại biểu có mặt (6) — không đạt")
            .is_some()
    );
    assert!(
        h.query_by_label("Không đơn vị nào đủ số phiếu cần thiết.")
            .is_some()
    );
    assert!(
        h.query_by_label_contains(
            "Hoàng Mai chưa đủ số phiếu: hội nghị có thể bỏ phiếu lại ở vòng 2"
        )
        .is_some()
    );
    // Then, below it, round 2, because the one proposed did not pass.
    let next = h.get_by_label("Ghi kết quả vòng 2").rect();
    assert!(restated.max.y < next.min.y, "the result comes first");
    counts(&mut h, "6", "6", "5");
    h.get_by_label("Ghi kết quả bỏ phiếu vòng 2").click();
    h.run();
    assert!(
        h.query_by_label("Hoàng Mai: 5 phiếu, bằng 83,33% số đại biểu có mặt (6) — đạt")
            .is_some()
    );
    assert!(
        h.query_by_label(
            "Được đề nghị Cờ thi đua của Ủy ban MTTQ Việt Nam thành phố Hà Nội: Hoàng Mai."
        )
        .is_some()
    );
    assert!(
        h.query_by_label_contains("không cần bỏ phiếu thêm")
            .is_some()
    );
    // Settled: no round 3 is offered.
    assert!(h.query_by_label_contains("vòng 3").is_none());
    assert!(h.query_by_label("Số phiếu phát ra").is_none());
}

#[test]
fn a_double_press_on_record_records_one_round() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_meeting(dir.path(), &ALL);
    h.key_press(Key::F4);
    h.run();
    counts(&mut h, "6", "6", "3");
    let at = h
        .get_by_label("Ghi kết quả bỏ phiếu vòng 1")
        .rect()
        .center();
    in_one_frame(&mut h, [click_at(at), click_at(at)].concat());
    in_one_frame(&mut h, click_at(at));
    assert_eq!(
        meeting(&h).session().ballots.len(),
        1,
        "an empty round 2 was recorded by the second press"
    );
}

/// Every sheet in, the ballot and next year's head and deputy recorded: ready to
/// finalize.
fn ready_to_finalize(dir: &Path) -> Harness<'static, ThiduaApp> {
    let mut h = sample_meeting(dir, &ALL);
    h.key_press(Key::F4);
    h.run();
    counts(&mut h, "6", "6", "6");
    h.get_by_label("Ghi kết quả bỏ phiếu vòng 1").click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Cụm trưởng")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Hoàng Mai").click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Cụm phó").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Đống Đa").click();
    h.run();
    h.get_by_label("Ghi").click();
    h.run();
    assert!(meeting(&h).tally.missing(meeting(&h).session()).is_empty());
    h
}

#[test]
fn two_presses_on_finalize_finalize_nothing_and_the_question_says_what_follows() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = ready_to_finalize(dir.path());
    let button = h.get_by_label("Chốt kết quả hội nghị").rect();
    let at = button.center();
    in_one_frame(&mut h, [click_at(at), click_at(at)].concat());
    in_one_frame(&mut h, click_at(at));
    in_one_frame(&mut h, click_at(at));
    assert!(
        !meeting(&h).session().finalized,
        "finalized by a double press"
    );
    h.state_mut().chair.confirm_finalize = None;
    h.run();
    in_one_frame(&mut h, click_at(at));
    assert!(!meeting(&h).session().finalized, "one press only asks");
    assert!(
        h.query_by_label_contains("Sau khi chốt không thể sửa điểm, phiếu bầu hay quyết định")
            .is_some()
    );
    let yes = h
        .get_all_by_label("Chốt kết quả hội nghị")
        .map(|n| n.rect())
        .find(|r| *r != button)
        .expect("the dialog's button");
    assert!(
        !yes.intersects(button),
        "the confirmation stands where the button was"
    );
    // "Chưa chốt" leaves the meeting open.
    let keep = h.get_by_label("Chưa chốt").rect().center();
    in_one_frame(&mut h, click_at(keep));
    assert!(!meeting(&h).session().finalized);
    in_one_frame(&mut h, click_at(at));
    in_one_frame(&mut h, click_at(yes.center()));
    assert!(meeting(&h).session().finalized);
}

#[test]
fn reopening_a_sheet_takes_a_reason_so_two_presses_reopen_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_meeting(dir.path(), &ALL);
    assert!(meeting(&h).session().is_submitted(0));
    let at = h.get_by_label("Mở lại phiếu…").rect().center();
    in_one_frame(&mut h, [click_at(at), click_at(at)].concat());
    in_one_frame(&mut h, click_at(at));
    in_one_frame(&mut h, click_at(at));
    assert!(
        meeting(&h).session().is_submitted(0),
        "reopened without a reason"
    );
}

#[test]
fn a_message_never_moves_the_controls_below_it() {
    for (width, height) in [(1280.0, 720.0), (1366.0, 768.0)] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = ui_common::app_at(dir.path(), None, width, height);
        h.get_by_label("Dùng cụm mẫu").click();
        h.run();
        h.get_by_label("Tạo hội nghị").click();
        h.run();
        for key in [Key::F2, Key::F4, Key::F5, Key::F6] {
            h.key_press(key);
            h.run();
            let rects = |h: &Harness<'static, ThiduaApp>| -> Vec<egui::Rect> {
                h.query_all_by_role(Role::Button)
                    .chain(h.query_all_by_role(Role::TextInput))
                    .map(|n| n.rect())
                    .collect()
            };
            let before = rects(&h);
            assert!(!before.is_empty());
            h.state_mut().message =
                Some("Không ghi được: tệp hội nghị đang được dùng ở nơi khác. ".repeat(4));
            h.run();
            assert_eq!(
                rects(&h),
                before,
                "{width}×{height} {key:?}: a refusal moved them"
            );
            h.state_mut().message = None;
            h.state_mut().notice = Some("Đã xuất: /tmp/a-ket-qua.json".into());
            h.run();
            assert_eq!(
                rects(&h),
                before,
                "{width}×{height} {key:?}: a notice moved them"
            );
            h.state_mut().notice = None;
            h.run();
        }
    }
}

#[test]
fn the_restated_result_is_in_sight_on_a_small_screen() {
    for (width, height) in [(1280.0, 720.0), (1366.0, 768.0)] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = ui_common::app_at(dir.path(), None, width, height);
        h.get_by_label("Dùng cụm mẫu").click();
        h.run();
        h.get_by_label("Tạo hội nghị").click();
        h.run();
        import(&mut h, &sample_dir("ha-noi-cum-1-2024"), &ALL);
        h.key_press(Key::F4);
        h.run();
        counts(&mut h, "6", "6", "5");
        let record = h.get_by_label("Ghi kết quả bỏ phiếu vòng 1").rect();
        let status = h.get_by_label_contains("Tệp hội nghị:").rect().top();
        assert!(
            record.bottom() < status,
            "{width}×{height}: the button at {record:?}"
        );
        in_one_frame(&mut h, click_at(record.center()));
        assert_eq!(meeting(&h).session().ballots.len(), 1);
        for line in [
            "Đã ghi vòng 1: phát ra 6, hợp lệ 6.",
            "Hoàng Mai: 5 phiếu, bằng 83,33% số đại biểu có mặt (6) — đạt",
        ] {
            let at = h.get_by_label(line).rect();
            assert!(at.bottom() < status, "{width}×{height}: `{line}` at {at:?}");
        }
    }
}
