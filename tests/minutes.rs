//! The printed minutes of the 12-ward sample, read back with poppler's `pdftotext`
//! as the city Front's staff read the paper: the place in the date line, every
//! member's name whole on its line, the signatures with the words before them.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// A meeting of the 12 wards with every sheet in, `place` as its place.
fn ward_meeting(dir: &Path, place: &str) -> PathBuf {
    let s = sample("cum-phuong-2025");
    let meeting = dir.join("phuong.thidua");
    let o = run(&[
        "new",
        s.join("cluster.json").to_str().unwrap(),
        "-o",
        meeting.to_str().unwrap(),
        "--date",
        "2025-12-20",
        "--place",
        place,
        "--chair",
        "Nguyễn Văn An",
        "--secretary",
        "Trần Thị Bình",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut args = vec!["import".to_string(), meeting.display().to_string()];
    args.extend(sheets_of(&s).iter().map(|p| p.display().to_string()));
    assert!(thidua().args(&args).output().unwrap().status.success());
    meeting
}

/// The minutes of `meeting` as `pdftotext -raw` reads them: one string per page,
/// one entry per line of text.
fn minutes(dir: &Path, meeting: &Path) -> Vec<Vec<String>> {
    let pdf = dir.join("bien-ban.pdf");
    let o = run(&[
        "export",
        meeting.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is needed by this test");
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<Vec<String>> = text
        .split('\u{c}')
        .map(|page| {
            page.lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|l| !l.is_empty())
                .collect()
        })
        .collect();
    if pages.last().is_some_and(Vec::is_empty) {
        pages.pop();
    }
    pages
}

fn flat(pages: &[Vec<String>]) -> String {
    pages
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_date_line_names_the_place_and_dots_stand_for_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = ward_meeting(dir.path(), "Hội trường UBND phường Hoàn Kiếm");
    let text = flat(&minutes(dir.path(), &meeting));
    assert!(
        text.contains("Hội trường UBND phường Hoàn Kiếm, ngày 20 tháng 12 năm 2025"),
        "{text}"
    );
    let dir = tempfile::tempdir().unwrap();
    let meeting = ward_meeting(dir.path(), "");
    let text = flat(&minutes(dir.path(), &meeting));
    assert!(text.contains("……………, ngày 20 tháng 12 năm 2025"), "{text}");
}

#[test]
fn no_member_name_is_broken_where_the_table_has_room() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = ward_meeting(dir.path(), "Hội trường Ủy ban MTTQ Việt Nam thành phố");
    let pages = minutes(dir.path(), &meeting);
    let lines: Vec<&String> = pages.iter().flatten().collect();
    let config: serde_json::Value = serde_json::from_slice(
        &std::fs::read(sample("cum-phuong-2025").join("cluster.json")).unwrap(),
    )
    .unwrap();
    for member in config["members"].as_array().unwrap() {
        let (name, short) = (
            member["name"].as_str().unwrap(),
            member["short"].as_str().unwrap(),
        );
        // The short name is never parted ("Hoàn / Kiếm"), in the table or the text.
        let whole = lines.iter().filter(|l| l.contains(short)).count();
        assert!(whole >= 2, "`{short}` whole on {whole} lines:\n{lines:#?}");
        let words: Vec<&str> = short.split_whitespace().collect();
        for pair in lines.windows(2) {
            for k in 1..words.len() {
                let (head, tail) = (words[..k].join(" "), words[k..].join(" "));
                let broken = pair[0].ends_with(&head) && pair[1].starts_with(&tail);
                assert!(!broken, "`{short}` broken: `{}` / `{}`", pair[0], pair[1]);
            }
        }
        // And the full name stands on one line wherever it can: every ward but the
        // one with the longest name.
        if short != "Văn Miếu - Quốc Tử Giám" {
            assert!(
                lines.iter().any(|l| l.contains(name)),
                "`{name}` not on one line:\n{lines:#?}"
            );
        }
    }
}

#[test]
fn the_signatures_stand_on_the_page_of_the_words_before_them() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = ward_meeting(dir.path(), "Hội trường UBND phường Hoàn Kiếm");
    let pages = minutes(dir.path(), &meeting);
    let signed = pages
        .iter()
        .find(|p| p.iter().any(|l| l.contains("THƯ KÝ")))
        .expect("a page with the signatures");
    let text = signed.join(" ");
    assert!(text.contains("CỤM TRƯỞNG, CỤM PHÓ NĂM SAU"), "{text}");
    assert!(text.contains("Biên bản được lập từ tệp hội nghị"), "{text}");
}
