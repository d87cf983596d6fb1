//! No internal key or code reaches a person. A meeting with a seat decided by a
//! tie-break key and a tie still standing is shown every way a person sees it (the
//! tally, chair, audit and projector screens, the text tally, the minutes, the Excel
//! and CSV summaries) in both languages; each output must explain both ties in words
//! and must not contain any tie-break key, status, aggregate, self, base or role
//! code, nor a member, class or commendation id. The results document is for
//! machines and may carry codes.

mod common;
mod ui_common;

use common::{run, stderr, stdout, thidua};
use eframe::egui::Key;
use egui_kittest::kittest::NodeT as _;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use thidua::model::config::TieBreak;
use thidua::model::event::{Actor, Event};
use thidua::model::points::Points;
use thidua::model::tally::{ProposalStatus, Tally, TieStanding};
use thidua::store::MeetingFile;

const AT: &str = "2025-12-20T09:00:00+07:00";

/// Members: id, short name, role, and the sheet every other member gives it:
/// items 1.1 and 2.1, bonus b1, in hundredths.
const MEMBERS: [(&str, &str, &str, [i64; 3]); 6] = [
    ("long-bien", "Long Biên", "head", [5000, 4700, 0]),
    ("ba-dinh", "Ba Đình", "member", [4600, 4600, 300]),
    ("hoan-kiem", "Hoàn Kiếm", "member", [4600, 4650, 250]),
    ("dong-da", "Đống Đa", "member", [4500, 4400, 100]),
    ("hai-ba-trung", "Hai Bà Trưng", "member", [4500, 4400, 100]),
    ("hoang-mai", "Hoàng Mai", "deputy", [4000, 4500, 0]),
];

/// Totals 97 (Long Biên), 95 and 95 (Ba Đình ahead of Hoàn Kiếm on bonus points
/// for the one certificate), 90 and 90 (Đống Đa and Hai Bà Trưng level on every key
/// for the last "giấy khen"), 85.
fn config() -> Value {
    let members: Vec<Value> = MEMBERS
        .iter()
        .map(|(id, short, role, _)| {
            json!({"id": id, "name": format!("Ủy ban MTTQ Việt Nam quận {short}"),
                   "short": short, "role": role})
        })
        .collect();
    json!({
        "format": "thidua.cluster/1",
        "cluster": {"id": "cum-1", "name": "Cụm thi đua số 1", "organizer": "Ủy ban MTTQ Việt Nam thành phố Hà Nội",
                    "year": 2025, "member_label": "quận",
                    "document_header": ["ỦY BAN MTTQ VIỆT NAM", "THÀNH PHỐ HÀ NỘI", "CỤM THI ĐUA SỐ 1"]},
        "members": members,
        "criteria": [
            {"id": "1", "name": "Công tác tuyên truyền, vận động", "items": [
                {"id": "1.1", "name": "Tuyên truyền", "max": 50, "step": 0.5}]},
            {"id": "2", "name": "Công tác giám sát, phản biện xã hội", "items": [
                {"id": "2.1", "name": "Giám sát", "max": 50, "step": 0.5}]}
        ],
        "adjustments": [
            {"id": "b1", "kind": "bonus", "name": "Mô hình mới, cách làm hay", "max": 5, "step": 0.5},
            {"id": "d1", "kind": "deduction", "name": "Chậm gửi báo cáo", "max": 2, "step": 0.5}
        ],
        "scoring": {"self": "exclude", "aggregate": "mean", "trim": 0, "decimals": 2},
        "classes": [
            {"id": "xuat-sac", "name": "Hoàn thành xuất sắc nhiệm vụ", "min": 95},
            {"id": "tot", "name": "Hoàn thành tốt nhiệm vụ", "min": 80},
            {"id": "hoan-thanh", "name": "Hoàn thành nhiệm vụ", "min": 50},
            {"id": "khong", "name": "Không hoàn thành nhiệm vụ", "min": 0}
        ],
        "commendations": [
            {"id": "co", "name": "Cờ thi đua của Ủy ban MTTQ Việt Nam thành phố Hà Nội", "max_count": 1,
             "min_class": "xuat-sac", "ballot": {"threshold_percent": 50, "strict": true, "base": "present"}},
            {"id": "bang-khen", "name": "Bằng khen của Ủy ban MTTQ Việt Nam thành phố Hà Nội", "max_count": 1,
             "min_class": "xuat-sac"},
            {"id": "giay-khen", "name": "Giấy khen của Cụm thi đua", "max_count": 2, "min_class": "tot"}
        ],
        "tie_break": ["group:1", "bonus", "deductions", "ballot"]
    })
}

/// Every code a person must never read, and the ids of this meeting.
fn codes() -> Vec<String> {
    let mut codes: Vec<String> = [
        // Tie-break keys.
        "group:",
        "bonus",
        "deductions",
        "ballot",
        // Proposal statuses.
        "proposed",
        "awaiting_ballot",
        "ballot_failed",
        "tie_unresolved",
        // Aggregates, self rules, ballot bases, roles, bases of a proposal.
        "mean",
        "trimmed_mean",
        "median",
        "exclude",
        "include",
        "separate",
        "present",
        "members",
        "valid",
        "head",
        "deputy",
        "member",
        "tie_break",
        "tied",
        "decision",
        "rank",
    ]
    .iter()
    .map(|c| c.to_string())
    .collect();
    codes.extend(MEMBERS.iter().map(|m| m.0.to_string()));
    codes.extend(
        [
            "xuat-sac",
            "tot",
            "hoan-thanh",
            "khong",
            "co",
            "bang-khen",
            "giay-khen",
            // Bonus and deduction ids.
            "b1",
            "d1",
        ]
        .map(String::from),
    );
    codes
}

/// Codes that are also ordinary English words, so an English sentence may use them
/// ("bonus points", "delegates present", "the mean", "ballot votes", "rank 1").
const ENGLISH_WORDS: [&str; 19] = [
    "bonus",
    "deductions",
    "ballot",
    "proposed",
    "mean",
    "median",
    "exclude",
    "include",
    "separate",
    "present",
    "members",
    "valid",
    "head",
    "deputy",
    "member",
    "tied",
    "decision",
    "rank",
    "tot",
];

#[derive(Clone, Copy, PartialEq, Debug)]
enum Lang {
    Vi,
    En,
}

/// The codes found in `text`: as whole words (letters, digits, `_` and `-` make a
/// word), or anywhere for a code ending in `:`; in English, ordinary words skipped.
fn leaks(text: &str, lang: Lang) -> Vec<String> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .collect();
    codes()
        .into_iter()
        .filter(|code| lang == Lang::Vi || !ENGLISH_WORDS.contains(&code.as_str()))
        .filter(|code| {
            if code.ends_with(':') {
                text.contains(code.as_str())
            } else {
                words.contains(&code.as_str())
            }
        })
        .collect()
}

/// The meeting file: every delegate present and every sheet submitted.
fn meeting(dir: &Path) -> PathBuf {
    let path = dir.join("hoi-nghi.thidua");
    let bytes = serde_json::to_vec_pretty(&config()).unwrap();
    let mut file = MeetingFile::create(&path, &bytes, AT).unwrap();
    file.append_all(
        Actor::Chair,
        vec![Event::Meeting {
            date: "2025-12-20".into(),
            place: "Hội trường quận Long Biên".into(),
            chair: "Nguyễn Văn An".into(),
            secretary: "Trần Thị Bình".into(),
        }],
        AT,
    )
    .unwrap();
    for (scorer, ..) in MEMBERS {
        let mut events = Vec::new();
        for (target, _, _, [a, b, bonus]) in MEMBERS {
            if target == scorer {
                continue;
            }
            for (item, value) in [("1.1", a), ("2.1", b), ("b1", bonus)] {
                if value > 0 {
                    events.push(Event::Score {
                        scorer: scorer.into(),
                        target: target.into(),
                        item: item.into(),
                        value: Some(Points(value)),
                    });
                }
            }
        }
        events.push(Event::Submit {
            scorer: scorer.into(),
        });
        file.append_all(Actor::Member(scorer.into()), events, AT)
            .unwrap();
    }
    path
}

/// The ties this test is about are really there.
fn check_premise(path: &Path) {
    let file = MeetingFile::open(path).unwrap();
    let tally = Tally::compute(file.session());
    let config = file.config();
    let at = |id: &str| config.member(id).unwrap();
    assert!(matches!(
        tally.tie_standing(1, at("ba-dinh")),
        Some(TieStanding::Ahead {
            key: TieBreak::Bonus,
            ..
        })
    ));
    assert!(matches!(
        tally.tie_standing(2, at("dong-da")),
        Some(TieStanding::Unresolved { .. })
    ));
    let statuses: Vec<ProposalStatus> = tally.commendations[2]
        .proposals
        .iter()
        .map(|p| p.status)
        .collect();
    assert_eq!(
        statuses,
        [
            ProposalStatus::Proposed,
            ProposalStatus::TieUnresolved,
            ProposalStatus::TieUnresolved
        ]
    );
}

/// What each language must say about the two ties.
fn explanations(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Vi => [
            "hơn Hoàn Kiếm về điểm thưởng: 3,00 so với 2,50",
            "chờ chủ trì quyết định",
        ],
        Lang::En => [
            "ahead of Hoàn Kiếm on bonus points: 3.00 against 2.50",
            "awaiting the chair's decision",
        ],
    }
}

fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    }
}

/// One output: what it is, its language, its text.
struct Output {
    what: String,
    lang: Lang,
    text: String,
    /// What it must say about the ties (a screen that shows no result need not).
    must_say: Vec<String>,
}

/// Both ties explained, as [`explanations`] words them.
fn both(lang: Lang) -> Vec<String> {
    explanations(lang).map(String::from).to_vec()
}

fn cli_outputs(path: &Path, dir: &Path, lang: Lang, out: &mut Vec<Output>) {
    let o = run(&["--lang", code(lang), "tally", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    out.push(Output {
        what: "thidua tally".into(),
        lang,
        text: stdout(&o),
        must_say: both(lang),
    });
    let files = dir.join(code(lang));
    std::fs::create_dir_all(&files).unwrap();
    let (pdf, xlsx, csv) = (
        files.join("bien-ban.pdf"),
        files.join("tong-hop.xlsx"),
        files.join("tong-hop.csv"),
    );
    let o = thidua()
        .args(["--lang", code(lang), "export", path.to_str().unwrap()])
        .args(["-o", pdf.to_str().unwrap()])
        .args(["-o", xlsx.to_str().unwrap()])
        .args(["-o", csv.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    out.push(Output {
        what: "CSV".into(),
        lang,
        text: std::fs::read_to_string(&csv).unwrap(),
        must_say: both(lang),
    });
    out.push(Output {
        what: "XLSX".into(),
        lang,
        text: workbook_strings(&xlsx),
        must_say: both(lang),
    });
    match pdf_text(&pdf) {
        Some(text) => out.push(Output {
            what: "PDF minutes".into(),
            lang,
            text,
            must_say: both(lang),
        }),
        None => eprintln!("SKIPPED: pdftotext is not installed; the minutes' text is not checked"),
    }
}

/// Every sheet name and text cell of a workbook.
fn workbook_strings(path: &Path) -> String {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let mut text = String::new();
    for name in book.sheet_names() {
        text.push_str(&name);
        text.push('\n');
        let range = book.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for cell in row {
                if let Data::String(s) = cell {
                    text.push_str(s);
                    text.push('\n');
                }
            }
        }
    }
    text
}

/// The minutes' words, lines joined (a sentence may wrap); `None` without pdftotext.
fn pdf_text(path: &Path) -> Option<String> {
    let o = std::process::Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .ok()?;
    assert!(o.status.success(), "pdftotext failed");
    let text = String::from_utf8_lossy(&o.stdout);
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Every label and value in the window's accessibility tree.
fn tree_text(h: &ui_common::App) -> String {
    let mut text = String::new();
    for node in h.root().children_recursive() {
        let node = node.accesskit_node();
        for part in [node.label(), node.value()].into_iter().flatten() {
            text.push_str(&part);
            text.push('\n');
        }
    }
    text
}

fn window_outputs(path: &Path, dir: &Path, lang: Lang, out: &mut Vec<Output>) {
    let mut h = ui_common::app_sized(dir, Some(path.to_path_buf()), 2400.0);
    h.state_mut().prefs.language = code(lang).into();
    h.run();
    for (key, what, explains) in [
        (Key::F2, "scoring screen", false),
        (Key::F3, "tally screen", true),
        (Key::F4, "chair screen", false),
        (Key::F5, "audit screen", false),
    ] {
        h.key_press(key);
        h.run();
        out.push(Output {
            what: what.into(),
            lang,
            text: tree_text(&h),
            must_say: if explains { both(lang) } else { Vec::new() },
        });
    }
    // The projector, opened from the tally tab: every sheet is in, so it shows the
    // figures even in a new meeting.
    h.key_press(Key::F3);
    h.run();
    h.state_mut().projector.open = true;
    h.run();
    let text = tree_text(&h);
    assert!(text.contains("thidua — "), "the projector window is open");
    // Its own lines under the proposals, apart from the tally's.
    let [decided, _] = explanations(lang);
    let open = match lang {
        Lang::Vi => "— chưa tách được: điểm nhóm 1",
        Lang::En => "— not yet separated: the subtotal of group 1",
    };
    out.push(Output {
        what: "projector (with the tally)".into(),
        lang,
        text,
        must_say: vec![format!("— {decided}"), open.into()],
    });
}

#[test]
fn no_output_a_person_reads_carries_an_internal_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = meeting(dir.path());
    check_premise(&path);
    let mut outputs = Vec::new();
    for lang in [Lang::Vi, Lang::En] {
        cli_outputs(&path, dir.path(), lang, &mut outputs);
        window_outputs(&path, dir.path(), lang, &mut outputs);
    }
    let mut problems = Vec::new();
    for o in &outputs {
        let found = leaks(&o.text, o.lang);
        if !found.is_empty() {
            problems.push(format!(
                "{} ({:?}) shows {}:\n{}",
                o.what,
                o.lang,
                found.join(", "),
                o.text
            ));
        }
        // Each output really shows this meeting.
        if !o.text.contains("Đống Đa") {
            problems.push(format!(
                "{} ({:?}) shows no member:\n{}",
                o.what, o.lang, o.text
            ));
        }
        for sentence in &o.must_say {
            if !o.text.contains(sentence.as_str()) {
                problems.push(format!(
                    "{} ({:?}) does not say \"{sentence}\":\n{}",
                    o.what, o.lang, o.text
                ));
            }
        }
    }
    if std::env::var_os("THIDUA_SHOW_OUTPUTS").is_some() {
        for o in &outputs {
            eprintln!("===== {} ({:?})\n{}", o.what, o.lang, o.text);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    // The results document is for machines: its codes are expected there.
    let o = run(&["tally", path.to_str().unwrap(), "--format", "json"]);
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        doc["commendations"][1]["proposals"][0]["basis"],
        json!({"by": "tie_break", "key": "bonus"})
    );
}

#[test]
fn the_check_finds_what_it_looks_for() {
    // The raw key the minutes and the text tally used to print.
    assert_eq!(
        leaks("- Ngọc Hà: đề nghị [tách bằng điểm theo bonus]", Lang::Vi),
        ["bonus"]
    );
    assert_eq!(leaks("tie broken by group:1", Lang::En), ["group:"]);
    assert_eq!(
        leaks("status: tie_unresolved", Lang::En),
        ["tie_unresolved"]
    );
    assert_eq!(leaks("Xếp loại: xuat-sac", Lang::Vi), ["xuat-sac"]);
    assert_eq!(leaks("1,ba-dinh,95.00", Lang::Vi), ["ba-dinh"]);
    // Whole words only, and English words stay English words.
    assert!(leaks("Ba Đình có 3,00 điểm thưởng; Cờ thi đua", Lang::Vi).is_empty());
    assert!(leaks("ahead on bonus points, delegates present", Lang::En).is_empty());
    assert!(leaks("long-biên, long-bien2, cobalt", Lang::Vi).is_empty());
}
