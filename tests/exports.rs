//! What leaves the meeting: exports, their verification, and sheets carried from
//! delegates' own laptops.

mod common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use thidua::model::event::{Actor, Event};
use thidua::model::points::Points;
use thidua::store::MeetingFile;

#[test]
fn csv_starts_with_a_byte_order_mark_and_json_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = meeting_with_sheets(dir.path(), &sample("ha-noi-cum-1-2024"));
    let (json, csv) = (
        dir.path().join("ket-qua.json"),
        dir.path().join("tong-hop.csv"),
    );
    let o = run(&[
        "export",
        meeting.to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&csv).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.lines()
            .nth(1)
            .unwrap()
            .contains("Ủy ban MTTQ Việt Nam quận Hoàng Mai,97.60"),
        "{text}"
    );
    assert!(run(&["verify", json.to_str().unwrap()]).status.success());
    let o = run(&[
        "verify",
        json.to_str().unwrap(),
        "--session",
        meeting.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("khớp với tệp hội nghị"));
}

#[test]
fn a_results_file_edited_by_hand_fails_and_says_what() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = meeting_with_sheets(dir.path(), &sample("ha-noi-cum-1-2024"));
    let json = dir.path().join("ket-qua.json");
    run(&[
        "export",
        meeting.to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
    ]);
    let original = std::fs::read_to_string(&json).unwrap();

    // A changed total, digest left alone: the document itself says it was edited.
    let edited = original.replacen("\"total\": \"97.60\"", "\"total\": \"98.60\"", 1);
    std::fs::write(&json, &edited).unwrap();
    let o = run(&["--lang", "en", "verify", json.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("edited after export"), "{}", stderr(&o));

    // Someone recomputes the digest too: the meeting file still names the field.
    let mut doc: Value = serde_json::from_str(&edited).unwrap();
    let digest = thidua::export::results::digest_of(&doc);
    doc["digest"] = digest.into();
    std::fs::write(&json, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    assert!(
        run(&["verify", json.to_str().unwrap()]).status.success(),
        "the digest alone cannot tell"
    );
    let o = run(&[
        "--lang",
        "en",
        "verify",
        json.to_str().unwrap(),
        "--session",
        meeting.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .contains("members[0].total: the file says \"98.60\", the meeting gives \"97.60\""),
        "{}",
        stderr(&o)
    );
    // Results of another meeting.
    std::fs::write(&json, &original).unwrap();
    let other = dir.path().join("khac.thidua");
    run(&[
        "new",
        sample("cum-phuong-2025")
            .join("cluster.json")
            .to_str()
            .unwrap(),
        "-o",
        other.to_str().unwrap(),
    ]);
    let o = run(&[
        "--lang",
        "en",
        "verify",
        json.to_str().unwrap(),
        "--session",
        other.to_str().unwrap(),
    ]);
    assert!(stderr(&o).contains("another meeting"), "{}", stderr(&o));
}

#[test]
fn results_made_mid_meeting_still_verify_later() {
    let dir = tempfile::tempdir().unwrap();
    let s = sample("ha-noi-cum-1-2024");
    let meeting = dir.path().join("m.thidua");
    run(&[
        "new",
        s.join("cluster.json").to_str().unwrap(),
        "-o",
        meeting.to_str().unwrap(),
    ]);
    let sheets = sheets_of(&s);
    run(&[
        "import",
        meeting.to_str().unwrap(),
        sheets[0].to_str().unwrap(),
    ]);
    let early = dir.path().join("tam-tinh.json");
    run(&[
        "export",
        meeting.to_str().unwrap(),
        "-o",
        early.to_str().unwrap(),
    ]);
    for sheet in &sheets[1..] {
        run(&["import", meeting.to_str().unwrap(), sheet.to_str().unwrap()]);
    }
    let o = run(&[
        "verify",
        early.to_str().unwrap(),
        "--session",
        meeting.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value = serde_json::from_slice(&std::fs::read(&early).unwrap()).unwrap();
    assert_eq!(doc["status"], "provisional");
}

/// Scores one delegate's whole sheet on "their laptop" (a meeting file of their
/// own), cell by cell as the app would, submits, and saves the sheet file.
fn score_on_own_laptop(dir: &Path, config: &Path, scorer: &str, values_from: &Path) -> PathBuf {
    let laptop = dir.join(format!("may-{scorer}.thidua"));
    let bytes = std::fs::read(config).unwrap();
    let mut file = MeetingFile::create(&laptop, &bytes, "2024-12-20T08:00:00+07:00").unwrap();
    let values: Value = serde_json::from_slice(&std::fs::read(values_from).unwrap()).unwrap();
    for (target, row) in values["scores"].as_object().unwrap() {
        for (item, v) in row.as_object().unwrap() {
            let value = Points::from_json_number(&v.to_string()).unwrap();
            let event = Event::Score {
                scorer: scorer.into(),
                target: target.clone(),
                item: item.clone(),
                value: Some(value),
            };
            file.append(
                Actor::Member(scorer.into()),
                event,
                "2024-12-20T09:00:00+07:00",
            )
            .unwrap();
        }
    }
    file.append(
        Actor::Member(scorer.into()),
        Event::Submit {
            scorer: scorer.into(),
        },
        "2024-12-20T09:30:00+07:00",
    )
    .unwrap();
    drop(file);
    let out = dir.join(format!("phieu-{scorer}.json"));
    let o = run(&[
        "sheet",
        laptop.to_str().unwrap(),
        scorer,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

#[test]
fn two_delegates_on_their_own_laptops_give_the_same_tally_as_one_laptop() {
    let dir = tempfile::tempdir().unwrap();
    let s = sample("cum-phuong-2025");
    let config = s.join("cluster.json");
    let from_a = score_on_own_laptop(
        dir.path(),
        &config,
        "giang-vo",
        &s.join("sheets/giang-vo.json"),
    );
    let from_b = score_on_own_laptop(
        dir.path(),
        &config,
        "ngoc-ha",
        &s.join("sheets/ngoc-ha.json"),
    );

    let chair = dir.path().join("chu-tri.thidua");
    run(&[
        "new",
        config.to_str().unwrap(),
        "-o",
        chair.to_str().unwrap(),
    ]);
    let mut args = vec!["import".to_string(), chair.display().to_string()];
    args.push(from_a.display().to_string());
    args.push(from_b.display().to_string());
    for sheet in sheets_of(&s) {
        let name = sheet.file_stem().unwrap().to_string_lossy().into_owned();
        if name != "giang-vo" && name != "ngoc-ha" {
            args.push(sheet.display().to_string());
        }
    }
    let o = thidua().args(&args).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));

    std::fs::create_dir(dir.path().join("one")).unwrap();
    let one_laptop = meeting_with_sheets(&dir.path().join("one"), &s);
    let members = |m: &Path| -> Value {
        let v: Value = serde_json::from_str(&stdout(&run(&[
            "tally",
            m.to_str().unwrap(),
            "--format",
            "json",
        ])))
        .unwrap();
        serde_json::json!([v["members"], v["commendations"]])
    };
    assert_eq!(members(&chair), members(&one_laptop));
    // Importing the laptop sheets again changes nothing.
    let o = run(&[
        "import",
        chair.to_str().unwrap(),
        from_a.to_str().unwrap(),
        from_b.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert_eq!(stdout(&o).matches("không thay đổi").count(), 2);
}

#[test]
fn an_unsubmitted_sheet_cannot_be_saved() {
    let dir = tempfile::tempdir().unwrap();
    let laptop = dir.path().join("may.thidua");
    run(&[
        "new",
        sample("ha-noi-cum-1-2024")
            .join("cluster.json")
            .to_str()
            .unwrap(),
        "-o",
        laptop.to_str().unwrap(),
    ]);
    let o = run(&[
        "sheet",
        laptop.to_str().unwrap(),
        "ba-dinh",
        "-o",
        dir.path().join("p.json").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("chưa nộp"), "{}", stderr(&o));
    assert!(!dir.path().join("p.json").exists());
}

fn export_all(dir: &Path) -> (PathBuf, [PathBuf; 4]) {
    let s = sample("ha-noi-cum-1-2024");
    let meeting = dir.join("m.thidua");
    let o = run(&[
        "new",
        s.join("cluster.json").to_str().unwrap(),
        "-o",
        meeting.to_str().unwrap(),
        "--date",
        "2024-12-20",
        "--place",
        "Hội trường UBND quận Long Biên",
        "--chair",
        "Nguyễn Văn An",
        "--secretary",
        "Trần Thị Bình",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut args = vec!["import".to_string(), meeting.display().to_string()];
    args.extend(sheets_of(&s).iter().map(|p| p.display().to_string()));
    assert!(thidua().args(&args).output().unwrap().status.success());
    let outs = [
        "ket-qua.json",
        "tong-hop.csv",
        "tong-hop.xlsx",
        "bien-ban.pdf",
    ]
    .map(|n| dir.join(n));
    let mut args = vec!["export".to_string(), meeting.display().to_string()];
    for o in &outs {
        args.push("-o".into());
        args.push(o.display().to_string());
    }
    let o = thidua().args(&args).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    (meeting, outs)
}

#[test]
fn the_workbook_reads_back_with_numbers_as_numbers() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let (_, [_, _, xlsx, _]) = export_all(dir.path());
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let names = book.sheet_names();
    assert_eq!(names[0], "Tổng hợp");
    assert!(names.contains(&"Nhóm 1".to_string()));
    assert!(names.contains(&"Bỏ phiếu và quyết định".to_string()));
    let summary = book.worksheet_range("Tổng hợp").unwrap();
    // Header on row 5 (index 4); Hoàng Mai first with 97.60 as a number.
    assert_eq!(
        summary.get_value((4, 2)),
        Some(&Data::String("Tổng điểm".into()))
    );
    assert_eq!(
        summary.get_value((5, 1)),
        Some(&Data::String("Ủy ban MTTQ Việt Nam quận Hoàng Mai".into()))
    );
    assert_eq!(summary.get_value((5, 2)), Some(&Data::Float(97.6)));
    assert_eq!(summary.get_value((5, 0)), Some(&Data::Float(1.0)));
    assert_eq!(summary.get_value((10, 2)), Some(&Data::Float(89.7)));
    assert_eq!(
        summary.get_value((5, 3)),
        Some(&Data::String("Hoàn thành xuất sắc nhiệm vụ".into()))
    );
    // A group sheet: each scorer's points for a member, and the mean.
    let group = book.worksheet_range("Nhóm 1").unwrap();
    assert_eq!(
        group.get_value((3, 0)),
        Some(&Data::String("Đơn vị được chấm".into()))
    );
    assert!(
        matches!(group.get_value((4, 7)), Some(Data::Float(_))),
        "the mean column"
    );
}

fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is needed by this test; .ci/run installs it");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_minutes_carry_every_member_total_and_the_check_code() {
    let dir = tempfile::tempdir().unwrap();
    let (_, [json, _, _, pdf]) = export_all(dir.path());
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let text = pdf_text(&pdf);
    for wanted in [
        "BIÊN BẢN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN MTTQ VIỆT NAM",
        "Cụm thi đua số 1",
        "ngày 20 tháng 12 năm 2024",
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "THƯ KÝ",
        "CHỦ TRÌ",
        "Trang 1/2",
    ] {
        assert!(
            text.contains(wanted),
            "`{wanted}` not in the PDF text:\n{text}"
        );
    }
    let doc: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for m in doc["members"].as_array().unwrap() {
        let total = m["total"].as_str().unwrap().replace('.', ",");
        assert!(flat.contains(&total), "total {total} missing");
        let short = m["short"].as_str().unwrap();
        assert!(flat.contains(short), "member {short} missing");
    }
    let code = thidua::export::text::verification_code(doc["session_head"].as_str().unwrap());
    assert!(
        text.contains(&format!("Mã kiểm tra: {code}")),
        "check code {code}"
    );
}

/// The Cụm 347 sample (version 2): the summary has each member's own maximum and
/// percentage beside its total; each group's sheet has its subtotals as the tally
/// takes them (counts turned into points, caps, the chair's figures) and, below, its
/// criteria as an indented tree with each member's mean per item and heading.
#[test]
fn a_version_two_workbook_has_percentages_and_each_groups_tree() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let folder = root().join("sample-data/cum-347-2025");
    let meeting = meeting_with_sheets(dir.path(), &folder);
    let xlsx = dir.path().join("tong-hop.xlsx");
    let o = run(&[
        "export",
        meeting.to_str().unwrap(),
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let expected: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("expected-tally.json")).unwrap())
            .unwrap();
    let first = &expected["members"][0];
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let summary = book.worksheet_range("Tổng hợp").unwrap();
    assert_eq!(
        summary.get_value((4, 3)),
        Some(&Data::String("Tối đa".into()))
    );
    assert_eq!(
        summary.get_value((4, 4)),
        Some(&Data::String("Tỷ lệ %".into()))
    );
    let percent: f64 = first["percent"].as_str().unwrap().parse().unwrap();
    assert_eq!(summary.get_value((5, 4)), Some(&Data::Float(percent)));
    let group = book.worksheet_range("Nhóm I").unwrap();
    let cells: Vec<String> = group
        .rows()
        .flatten()
        .filter_map(|c| match c {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(
        cells
            .iter()
            .any(|c| c == "Điểm bình quân theo từng tiêu chí")
    );
    assert!(
        cells.iter().any(|c| c.starts_with("    I.2.a ")),
        "a heading two levels in is indented: {:?}",
        &cells[..cells.len().min(40)]
    );
    // The group's mean in the first table is the tally's.
    let mean_col = (0..20)
        .find(|&c| group.get_value((3, c)) == Some(&Data::String("Điểm nhóm (trung bình)".into())))
        .expect("the mean column");
    let wanted: f64 = first["groups"]["I"].as_str().unwrap().parse().unwrap();
    assert_eq!(group.get_value((4, mean_col)), Some(&Data::Float(wanted)));
}
