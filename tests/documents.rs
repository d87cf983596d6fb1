//! `thidua pledge` and `thidua blank-sheets` on both bundled samples, read back with
//! poppler's `pdftotext` and `pdfinfo`: every member and criterion, the points, the
//! config's code on every page, the page count; and a bad config refused as `thidua
//! check` refuses it.

mod common;
use common::*;
use std::path::Path;
use thidua::model::config::{AdjustmentKind, Config};

const SAMPLES: [&str; 2] = ["ha-noi-cum-1-2024", "cum-phuong-2025"];

fn config_of(name: &str) -> Config {
    let bytes = std::fs::read(sample(name).join("cluster.json")).unwrap();
    Config::from_bytes(&bytes).unwrap()
}

/// Runs `thidua ARGS… CONFIG -o OUT` and returns the PDF's path.
fn print(dir: &Path, command: &str, name: &str, extra: &[&str]) -> std::path::PathBuf {
    let out = dir.join(format!("{name}-{command}.pdf"));
    let config = sample(name).join("cluster.json");
    let mut args = extra.to_vec();
    args.extend([
        command,
        config.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let o = run(&args);
    never_panicked(&o);
    assert!(o.status.success(), "{command} {name}: {}", stderr(&o));
    assert!(stdout(&o).contains(out.to_str().unwrap()), "{}", stdout(&o));
    out
}

/// `pdftotext MODE` of the whole file, one string per page, white space collapsed.
fn pages(pdf: &Path, mode: &str) -> Vec<String> {
    let o = std::process::Command::new("pdftotext")
        .args([mode, pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is needed by this test");
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(words).collect();
    if pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    pages
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `pdfinfo`'s page count and whether the pages are wider than high.
fn info(pdf: &Path) -> (usize, bool) {
    let o = std::process::Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils) is needed by this test");
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_else(|| panic!("no {name} in:\n{text}"))
            .to_string()
    };
    let count = field("Pages:").parse().unwrap();
    // "Page size:       841.89 x 595.276 pts (A4)"
    let size: Vec<f32> = field("Page size:")
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(field("Page size:").contains("(A4)"), "A4 paper");
    (count, size[0] > size[1])
}

/// A cell's number or an item id (`6`, `0,5`, `1.2`, `b1`): what `-layout` may put
/// between the lines of a wrapped name, from the columns beside it.
fn beside(token: &str) -> bool {
    let rest = token
        .strip_prefix(|c: char| c.is_ascii_lowercase())
        .unwrap_or(token);
    rest.starts_with(|c: char| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// Whether `name` stands in `text` word for word, its lines perhaps parted by the
/// numbers of the cells beside it.
fn has_name(text: &str, name: &str) -> bool {
    let tokens: Vec<&str> = text.split(' ').collect();
    let wanted: Vec<&str> = name.split_whitespace().collect();
    (0..tokens.len()).any(|start| {
        let mut i = 0;
        for token in &tokens[start..] {
            if i == wanted.len() {
                break;
            }
            if *token == wanted[i] {
                i += 1;
            } else if i == 0 || !beside(token) {
                return false;
            }
        }
        i == wanted.len()
    })
}

/// Every criterion, bonus and deduction with its id and maximum, as the rows are
/// drawn (`-raw`: id, name, maximum); and its name as laid out on the page.
fn assert_rows(config: &Config, layout: &str, raw: &str, what: &str) {
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for g in &config.groups {
        rows.push((g.id.clone(), g.name.clone(), g.max().display(',')));
        for i in &g.items {
            rows.push((i.id.clone(), i.name.clone(), i.max.display(',')));
        }
    }
    for a in &config.adjustments {
        rows.push((a.id.clone(), a.name.clone(), a.max.display(',')));
    }
    assert_eq!(rows.len(), config.groups.len() + config.cells.len());
    for (id, name, max) in rows {
        assert!(has_name(layout, &name), "{what}: `{name}` not laid out");
        let row = format!("{id} {} {max}", words(&name));
        assert!(raw.contains(&row), "{what}: row `{row}` not in:\n{raw}");
    }
}

#[test]
fn the_pledge_of_each_sample_holds_its_members_criteria_and_points() {
    let dir = tempfile::tempdir().unwrap();
    for (name, expected_pages) in SAMPLES.into_iter().zip([4, 5]) {
        let config = config_of(name);
        let pdf = print(dir.path(), "pledge", name, &[]);
        let (count, landscape) = info(&pdf);
        assert_eq!(count, expected_pages, "{name}: pages");
        assert!(!landscape, "{name}: the pledge stands upright");
        let layout = pages(&pdf, "-layout");
        assert_eq!(layout.len(), count);
        let raw = pages(&pdf, "-raw").join(" ");
        let all = layout.join(" ");
        let year = config.cluster.year;
        for wanted in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_string(),
            "Độc lập - Tự do - Hạnh phúc".to_string(),
            format!("BẢN GIAO ƯỚC THI ĐUA NĂM {year}"),
            format!("ngày …… tháng …… năm {year}"),
            config.cluster.name.clone(),
            config.cluster.document_header.last().unwrap().clone(),
        ] {
            assert!(all.contains(&wanted), "{name}: `{wanted}` not in:\n{all}");
        }
        for (i, m) in config.members.iter().enumerate() {
            assert!(
                all.contains(&format!("{}. {}", i + 1, m.name)),
                "{name}: {}",
                m.name
            );
        }
        // One block to sign for every member, its name in capitals.
        assert_eq!(all.matches("CHỦ TỊCH").count(), config.members.len());
        assert_eq!(raw.matches("TM. ").count(), config.members.len());
        for m in &config.members {
            let upper = m.name.to_uppercase();
            assert!(has_name(&raw, &format!("TM. {upper}")), "{name}: {upper}");
        }
        assert_rows(&config, &all, &raw, name);
        let total = config.max_total().display(',');
        assert!(
            raw.contains(&format!(
                "TỔNG ĐIỂM TỐI ĐA CÁC TIÊU CHÍ (chưa kể điểm thưởng, điểm trừ) {total}"
            )),
            "{name}: the maximum total {total}"
        );
        for (kind, heading) in [
            (AdjustmentKind::Bonus, "Điểm thưởng (cộng vào tổng điểm)"),
            (AdjustmentKind::Deduction, "Điểm trừ (trừ vào tổng điểm)"),
        ] {
            let sum: i64 = config
                .adjustments
                .iter()
                .filter(|a| a.kind == kind)
                .map(|a| a.max.0)
                .sum();
            let row = format!("{heading} {}", sum / 100);
            assert!(raw.contains(&row), "{name}: `{row}`");
        }
        // The rules: each class with its minimum, each commendation.
        for class in &config.classes[..config.classes.len() - 1] {
            let band = format!("{}: từ {} điểm", class.name, class.min.display(','));
            assert!(all.contains(&band), "{name}: `{band}`");
        }
        for c in &config.commendations {
            assert!(
                all.contains(&format!("{}: tối đa", c.name)),
                "{name}: {}",
                c.name
            );
        }
        assert_footers(&layout, &config, name);
    }
}

/// "Trang i/N" and the config's code on every page.
fn assert_footers(pages: &[String], config: &Config, what: &str) {
    let code = format!("Mã cấu hình: {}", &config.sha256[..16]);
    for (i, page) in pages.iter().enumerate() {
        let number = format!("Trang {}/{}", i + 1, pages.len());
        assert!(page.contains(&number), "{what} page {}: {number}", i + 1);
        assert!(page.contains(&code), "{what} page {}: {code}", i + 1);
    }
}

#[test]
fn the_score_sheets_give_every_delegate_a_grid_of_the_members_it_scores() {
    let dir = tempfile::tempdir().unwrap();
    // Hà Nội: 6 districts, no self-scoring, 5 columns: upright, 2 pages a delegate.
    // The wards: 12, self-score recorded apart, 12 columns: landscape, 3 pages each.
    for (name, per_delegate, landscape) in [
        ("ha-noi-cum-1-2024", 2, false),
        ("cum-phuong-2025", 3, true),
    ] {
        let config = config_of(name);
        let pdf = print(dir.path(), "blank-sheets", name, &[]);
        let (count, wide) = info(&pdf);
        assert_eq!(count, per_delegate * config.members.len(), "{name}: pages");
        assert_eq!(wide, landscape, "{name}: orientation");
        let layout = pages(&pdf, "-layout");
        let raw = pages(&pdf, "-raw");
        assert_footers(&layout, &config, name);
        let year = config.cluster.year;
        for (s, scorer) in config.members.iter().enumerate() {
            let set = &layout[s * per_delegate..(s + 1) * per_delegate];
            let raw_set = raw[s * per_delegate..(s + 1) * per_delegate].join(" ");
            let heading = format!("Đơn vị chấm: {}", scorer.name);
            for (p, page) in set.iter().enumerate() {
                assert!(
                    page.contains(&heading),
                    "{name}: page {p} of {}",
                    scorer.short
                );
                assert!(page.contains("PHIẾU CHẤM ĐIỂM THI ĐUA"));
                assert!(page.contains(&format!("{} — năm {year}", config.cluster.name)));
                assert_eq!(page.contains("(tiếp theo)"), p > 0, "{name} {p}");
            }
            let all = set.join(" ");
            assert_rows(&config, &all, &raw_set, &scorer.short);
            assert_eq!(all.matches("NGƯỜI CHẤM").count(), 1);
            assert!(all.contains("(Ký, ghi rõ họ tên)"));
            // The most a total can be: every criterion's maximum and every bonus.
            let criteria = config.max_total();
            let bonus: i64 = config
                .adjustments
                .iter()
                .filter(|a| a.kind == AdjustmentKind::Bonus)
                .map(|a| a.max.0)
                .sum();
            let most = thidua::model::points::Points(criteria.0 + bonus);
            let row = format!("TỔNG ĐIỂM (tiêu chí + thưởng - trừ) {}", most.display(','));
            assert!(raw_set.contains(&row), "{name}: total row `{row}`");
            // The column heads: the others by their short names; its own only
            // where the rules let a member score itself.
            let scores_itself = config.scores_target(s, s);
            assert_eq!(raw_set.contains("Tự chấm"), scores_itself, "{name}");
            let first = raw[s * per_delegate].as_str();
            let heads = first
                .split("Điểm tối đa ")
                .nth(1)
                .unwrap_or_else(|| panic!("{name}: no column heads in {first}"));
            let mut expected: Vec<String> = Vec::new();
            for (t, target) in config.members.iter().enumerate() {
                if t == s {
                    if scores_itself {
                        expected.push("Tự chấm".into());
                    }
                } else {
                    expected.push(target.short.clone());
                }
            }
            let expected = expected.join(" ");
            assert!(
                heads.starts_with(&expected),
                "{name}: heads of {}: `{expected}` vs `{heads}`",
                scorer.short
            );
        }
    }
}

/// `thidua blank-sheets` of sample `name` for the scorer `id` only.
fn one_scorer(dir: &Path, name: &str, id: &str) -> (std::process::Output, std::path::PathBuf) {
    let out = dir.join(format!("{id}.pdf"));
    let config = sample(name).join("cluster.json");
    let (config, path) = (config.to_str().unwrap(), out.to_str().unwrap());
    let o = run(&["blank-sheets", config, "-o", path, "--scorer", id]);
    never_panicked(&o);
    (o, out)
}

#[test]
fn one_delegate_and_english_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let config = config_of("cum-phuong-2025");
    let pdf = print(
        dir.path(),
        "blank-sheets",
        "cum-phuong-2025",
        &["--lang", "en"],
    );
    let all = pages(&pdf, "-layout").join(" ");
    assert!(all.contains("EMULATION SCORE SHEET") && all.contains("Scored by: "));
    assert!(all.contains(&format!("Config code: {}", &config.sha256[..16])));

    let (o, out) = one_scorer(dir.path(), "cum-phuong-2025", "lang");
    assert!(o.status.success(), "{}", stderr(&o));
    let (count, _) = info(&out);
    assert_eq!(count, 3);
    let text = pages(&out, "-layout").join(" ");
    assert!(text.contains("Đơn vị chấm: Ủy ban MTTQ Việt Nam phường Láng"));
    assert!(!text.contains("Đơn vị chấm: Ủy ban MTTQ Việt Nam phường Hoàn Kiếm"));

    let pdf = print(dir.path(), "pledge", "ha-noi-cum-1-2024", &["--lang", "en"]);
    let all = pages(&pdf, "-layout").join(" ");
    for wanted in [
        "SOCIALIST REPUBLIC OF VIETNAM",
        "EMULATION PLEDGE FOR 2024",
        "CHAIRPERSON",
        "Hoàn thành xuất sắc nhiệm vụ: 95 points or more;",
    ] {
        assert!(all.contains(wanted), "`{wanted}` not in:\n{all}");
    }
}

#[test]
fn a_bad_config_or_scorer_is_refused_with_exit_code_1_and_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = root().join("tests/bad-configs/93-many-problems.json");
    let bad = bad.to_str().unwrap();
    for lang in ["vi", "en"] {
        let check = run(&["--lang", lang, "check", bad]);
        assert_eq!(check.status.code(), Some(1));
        assert!(!stderr(&check).is_empty());
        for command in ["pledge", "blank-sheets"] {
            let out = dir.path().join(format!("{command}.pdf"));
            let o = run(&["--lang", lang, command, bad, "-o", out.to_str().unwrap()]);
            never_panicked(&o);
            assert_eq!(o.status.code(), Some(1), "{command}");
            // The loader's problems, word for word as `thidua check` prints them.
            assert_eq!(stderr(&o), stderr(&check), "{command} ({lang})");
            assert!(!out.exists(), "{command}: no file for a bad config");
        }
    }
    let (o, out) = one_scorer(dir.path(), "ha-noi-cum-1-2024", "nobody");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("không có đơn vị nào có mã \"nobody\""),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}

/// The Cụm 347 sample (version 2): the pledge lists every member's registered
/// targets, to sign; the paper sheets say what each box takes (a count, đạt or
/// không đạt, the two counts of a plus/minus item), shade what the chair enters and
/// put a dash where an item does not apply.
#[test]
fn a_version_two_pledge_lists_the_targets_and_its_sheets_ask_for_counts_and_marks() {
    let dir = tempfile::tempdir().unwrap();
    let name = "cum-347-2025";
    let config = config_of(name);
    let pledge = pages(&print(dir.path(), "pledge", name, &[]), "-raw").join(" ");
    assert!(
        pledge.contains("CHỈ TIÊU ĐĂNG KÝ CỦA TỪNG ĐƠN VỊ"),
        "{pledge}"
    );
    let targets: Vec<(String, &[i64])> = (0..config.item_count())
        .filter_map(|i| config.item_at(i))
        .filter_map(|item| match &item.kind {
            thidua::model::config::ItemKind::Target { targets, .. } => {
                Some((item.id.clone(), targets.as_slice()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(targets.len(), 9);
    // Every member in the targets' table, with the figure it registered for item 9.
    let after = &pledge[pledge.find("CHỈ TIÊU ĐĂNG KÝ CỦA TỪNG ĐƠN VỊ").unwrap()..];
    let (_, nine) = targets.iter().find(|(id, _)| id == "9").unwrap();
    for (m, member) in config.members.iter().enumerate() {
        assert!(after.contains(&member.name), "{}", member.name);
        let figure = thidua::model::points::Points(nine[m]).display(',');
        assert!(after.contains(&figure), "{}: {figure}", member.name);
    }
    assert!(
        after.contains("không giao"),
        "a member without a target says so"
    );

    let sheets = pages(&print(dir.path(), "blank-sheets", name, &[]), "-raw").join(" ");
    for wanted in [
        "ghi Đ nếu đạt, K nếu không đạt",
        "ghi số lần; mỗi lần 5 điểm, tối đa 20",
        "số lần cộng, mỗi lần 1",
        "số lần trừ, mỗi lần 1",
        "chủ trì nhập theo báo cáo, không chấm",
        "I.2.a",
    ] {
        assert!(
            sheets.contains(wanted),
            "`{wanted}` not on the paper sheets"
        );
    }
    // The typed-in paper takes the marks the paper asks for.
    let pass = config.cell("2").unwrap();
    assert_eq!(
        thidua::model::typing::read_value(&config, pass, "Đ"),
        Ok(Some(thidua::model::points::Points(100)))
    );
    assert_eq!(
        thidua::model::typing::read_value(&config, pass, "k"),
        Ok(Some(thidua::model::points::Points(0)))
    );
}
