//! A whole meeting through the command line: new, import, tally, verify.

mod common;
use common::*;
use serde_json::Value;

fn tally_json(meeting: &std::path::Path) -> Value {
    let o = run(&["tally", meeting.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

/// The tally matches the figures computed independently with exact fractions.
#[test]
fn sample_meetings_give_the_independently_computed_tally() {
    for name in ["ha-noi-cum-1-2024", "cum-phuong-2025", "cum-347-2025"] {
        let dir = tempfile::tempdir().unwrap();
        let meeting = meeting_with_sheets(dir.path(), &sample(name));
        let doc = tally_json(&meeting);
        let expected: Value = serde_json::from_slice(
            &std::fs::read(sample(name).join("expected-tally.json")).unwrap(),
        )
        .unwrap();
        let got = doc["members"].as_array().unwrap();
        let want = expected["members"].as_array().unwrap();
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            for key in [
                "id",
                "total",
                "rank",
                "class",
                "sheets_counted",
                "groups",
                "bonus",
                "deductions",
                "self_total",
                "own_max",
                "percent",
            ] {
                assert_eq!(g[key], w[key], "{name}: {} {key}", w["id"]);
            }
        }
        assert_eq!(doc["format"], "thidua.results/1");
        assert_eq!(doc["status"], "provisional");
        assert_eq!(doc["sheets"]["submitted"], doc["sheets"]["expected"]);
        let config = std::fs::read(sample(name).join("cluster.json")).unwrap();
        assert_eq!(
            doc["config_sha256"],
            thidua::model::config::sha256_hex(&config)
        );
        assert_eq!(doc["session_head"].as_str().unwrap().len(), 64);
    }
}

#[test]
fn sample_proposals_follow_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let doc = tally_json(&meeting_with_sheets(dir.path(), &sample("cum-phuong-2025")));
    let flag = &doc["commendations"][0]["proposals"];
    assert_eq!(flag[0]["member"], "giang-vo");
    assert_eq!(flag[0]["status"], "awaiting_ballot");
    // Ngọc Hà and Ô Chợ Dừa tie at rank 4 for the last certificate; bonus decides.
    let merit: Vec<(&str, &str)> = doc["commendations"][1]["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["member"].as_str().unwrap(),
                p["basis"]["by"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        merit,
        [
            ("hoan-kiem", "rank"),
            ("dong-da", "rank"),
            ("ngoc-ha", "tie_break")
        ]
    );
    assert_eq!(
        doc["commendations"][1]["proposals"][2]["basis"]["key"],
        "bonus"
    );
}

#[test]
fn text_tally_reads_as_a_ranking() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = meeting_with_sheets(dir.path(), &sample("ha-noi-cum-1-2024"));
    let o = run(&["tally", meeting.to_str().unwrap()]);
    let out = stdout(&o);
    let rows: Vec<&str> = out.lines().filter(|l| l.contains("Hoàn thành")).collect();
    assert!(
        rows[0].contains("Hoàng Mai") && rows[0].contains("97,60"),
        "{out}"
    );
    assert!(
        rows[5].contains("Hai Bà Trưng") && rows[5].contains("89,70"),
        "{out}"
    );
    assert!(out.contains("Mã kiểm tra phiên họp"));
    let o = run(&["tally", meeting.to_str().unwrap(), "--format", "csv"]);
    let csv = stdout(&o);
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with("1,Ủy ban MTTQ Việt Nam quận Hoàng Mai,"),
        "{csv}"
    );
    assert!(csv.contains("97.60"));
}

#[test]
fn the_text_tally_says_how_a_tie_for_the_last_certificate_was_broken() {
    // In the 12 wards, Ngọc Hà and Ô Chợ Dừa both have 90,89 for the last of three
    // certificates; the rules' first key, bonus points, gives it to Ngọc Hà.
    let dir = tempfile::tempdir().unwrap();
    let meeting = meeting_with_sheets(dir.path(), &sample("cum-phuong-2025"));
    let o = run(&["tally", meeting.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for line in [
        "    - Ngọc Hà: đề nghị [hơn Ô Chợ Dừa về điểm thưởng: 4,17 so với 2,72]\n",
        "    - Ô Chợ Dừa: không có suất [bằng điểm với Ngọc Hà nhưng xếp sau về điểm thưởng: 2,72 so với 4,17]\n",
    ] {
        assert!(out.contains(line), "`{line}` not in:\n{out}");
    }
    assert!(!out.contains("bonus"), "{out}");
    let o = run(&["--lang", "en", "tally", meeting.to_str().unwrap()]);
    let out = stdout(&o);
    assert!(
        out.contains(
            "    - Ngọc Hà: proposed [ahead of Ô Chợ Dừa on bonus points: 4.17 against 2.72]\n"
        ),
        "{out}"
    );
    assert!(out.contains(
        "    - Ô Chợ Dừa: no seat [tied with Ngọc Hà but behind on bonus points: 2.72 against 4.17]\n"
    ));
}

#[test]
fn a_provisional_tally_says_how_many_sheets_are_missing() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("m.thidua");
    let s = sample("ha-noi-cum-1-2024");
    run(&[
        "new",
        s.join("cluster.json").to_str().unwrap(),
        "-o",
        meeting.to_str().unwrap(),
    ]);
    let sheets = sheets_of(&s);
    let o = run(&[
        "import",
        meeting.to_str().unwrap(),
        sheets[0].to_str().unwrap(),
        sheets[1].to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&run(&["tally", meeting.to_str().unwrap()]));
    assert!(
        out.contains("KẾT QUẢ TẠM TÍNH — còn thiếu 4 trong 6 phiếu chấm"),
        "{out}"
    );
}

#[test]
fn importing_again_changes_nothing_and_bad_sheets_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = sample("ha-noi-cum-1-2024");
    let meeting = meeting_with_sheets(dir.path(), &s);
    let before = tally_json(&meeting);
    let sheet = sheets_of(&s)[0].clone();
    let o = run(&["import", meeting.to_str().unwrap(), sheet.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("không thay đổi"), "{}", stdout(&o));
    let after = tally_json(&meeting);
    assert_eq!(before["session_head"], after["session_head"]);
    assert_eq!(before["events"], after["events"]);

    let original: Value = serde_json::from_slice(&std::fs::read(&sheet).unwrap()).unwrap();
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Change, &str)> = vec![
        (
            "khac-cum.json",
            Box::new(|v: &mut Value| v["config_sha256"] = "ab".repeat(32).into()),
            "config_sha256",
        ),
        (
            "la.json",
            Box::new(|v: &mut Value| v["scorer"] = "ha-dong".into()),
            "ha-dong",
        ),
        (
            "qua-diem.json",
            Box::new(|v: &mut Value| v["scores"]["hoang-mai"]["1.1"] = 99.into()),
            "vượt điểm tối đa",
        ),
        (
            "sua-diem.json",
            Box::new(|v: &mut Value| v["scores"]["hoang-mai"]["1.1"] = 0.into()),
            "đã nộp với điểm khác",
        ),
    ];
    for (file, change, says) in cases {
        let mut v = original.clone();
        change(&mut v);
        let path = dir.path().join(file);
        std::fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
        let o = run(&["import", meeting.to_str().unwrap(), path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{file}");
        assert!(stderr(&o).contains(says), "{file}: {}", stderr(&o));
        assert_eq!(
            tally_json(&meeting)["session_head"],
            before["session_head"],
            "{file} changed the meeting"
        );
    }
    let damaged = dir.path().join("hong.json");
    std::fs::write(&damaged, &std::fs::read(&sheet).unwrap()[..200]).unwrap();
    let o = run(&[
        "import",
        meeting.to_str().unwrap(),
        damaged.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cú pháp JSON"), "{}", stderr(&o));
}

#[test]
fn new_never_overwrites_and_checks_present_ids() {
    let dir = tempfile::tempdir().unwrap();
    let config = sample("ha-noi-cum-1-2024").join("cluster.json");
    let meeting = dir.path().join("m.thidua");
    let o = run(&[
        "new",
        config.to_str().unwrap(),
        "-o",
        meeting.to_str().unwrap(),
        "--present",
        "ba-dinh,khong-co",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!meeting.exists(), "no file is created on a bad argument");
    let o = run(&[
        "new",
        config.to_str().unwrap(),
        "-o",
        meeting.to_str().unwrap(),
        "--present",
        "ba-dinh,hoang-mai,hoan-kiem,dong-da,long-bien",
        "--date",
        "2024-12-20",
        "--place",
        "Hội trường quận Long Biên",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("5 có mặt"), "{}", stdout(&o));
    let doc = tally_json(&meeting);
    assert_eq!(doc["sheets"]["expected"], 5);
    assert_eq!(doc["meeting"]["place"], "Hội trường quận Long Biên");
    let o = run(&[
        "new",
        config.to_str().unwrap(),
        "-o",
        meeting.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("đã tồn tại"));
}

#[test]
fn verify_detects_one_changed_byte() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = meeting_with_sheets(dir.path(), &sample("ha-noi-cum-1-2024"));
    let o = run(&["verify", meeting.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("OK"));

    // Change one byte of one stored event: 9.5 becomes 9.0, or similar.
    {
        let conn = rusqlite::Connection::open(&meeting).unwrap();
        let text: String = conn
            .query_row("SELECT event FROM events WHERE seq = 40", [], |r| r.get(0))
            .unwrap();
        let at = text.rfind(|c: char| c.is_ascii_digit()).unwrap();
        let mut bytes = text.into_bytes();
        bytes[at] = if bytes[at] == b'5' { b'0' } else { b'5' };
        conn.execute(
            "UPDATE events SET event = ?1 WHERE seq = 40",
            [String::from_utf8(bytes).unwrap()],
        )
        .unwrap();
    }
    let o = run(&["verify", meeting.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("sự kiện số 40 đã bị sửa"),
        "{}",
        stderr(&o)
    );

    // The tampered file still opens to be looked at, with a warning, but takes no writes.
    let o = run(&["tally", meeting.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("CẢNH BÁO"), "{}", stderr(&o));
    let sheet = sheets_of(&sample("ha-noi-cum-1-2024"))[0].clone();
    let o = run(&["import", meeting.to_str().unwrap(), sheet.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn verify_detects_a_deleted_event_and_an_edited_config() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = meeting_with_sheets(dir.path(), &sample("ha-noi-cum-1-2024"));
    let copy = dir.path().join("copy.thidua");
    std::fs::copy(&meeting, &copy).unwrap();
    {
        let conn = rusqlite::Connection::open(&meeting).unwrap();
        conn.execute("DELETE FROM events WHERE seq = 7", [])
            .unwrap();
    }
    let o = run(&["--lang", "en", "verify", meeting.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("expected #7"), "{}", stderr(&o));
    {
        let conn = rusqlite::Connection::open(&copy).unwrap();
        let bytes: Vec<u8> = conn
            .query_row("SELECT bytes FROM config", [], |r| r.get(0))
            .unwrap();
        let text = String::from_utf8(bytes)
            .unwrap()
            .replacen("\"max\": 5", "\"max\": 6", 1);
        conn.execute("UPDATE config SET bytes = ?1", [text.into_bytes()])
            .unwrap();
    }
    let o = run(&["--lang", "en", "verify", copy.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("stored config was edited"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn files_that_are_not_meetings_are_refused_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("rac.thidua");
    std::fs::write(&junk, b"not a database at all").unwrap();
    for command in ["tally", "verify", "import"] {
        let mut args = vec![command, junk.to_str().unwrap()];
        if command == "import" {
            args.push("x.json");
        }
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{command}");
        never_panicked(&o);
        assert!(
            stderr(&o).contains("không phải tệp hội nghị"),
            "{command}: {}",
            stderr(&o)
        );
    }
    // A truncated meeting file.
    let meeting = meeting_with_sheets(dir.path(), &sample("ha-noi-cum-1-2024"));
    let bytes = std::fs::read(&meeting).unwrap();
    let cut = dir.path().join("cut.thidua");
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    let o = run(&["verify", cut.to_str().unwrap()]);
    never_panicked(&o);
    assert_ne!(o.status.code(), Some(0));
}

#[test]
fn the_sample_command_shows_the_bundled_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let o = thidua()
        .arg("sample")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("Cụm thi đua số 1"));
    assert!(out.contains("Hoàng Mai") && out.contains("97,60"), "{out}");
    let o = thidua().args(["--lang", "en", "sample"]).output().unwrap();
    assert!(stdout(&o).contains("Sample meeting"));
}
