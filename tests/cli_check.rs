//! `thidua check` on a corpus of broken configs: exit 1, every place named, no panic.

mod common;
use common::*;

#[test]
fn every_broken_config_is_refused_with_its_places() {
    let dir = root().join("tests/bad-configs");
    let mut cases = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        cases += 1;
        let expect = std::fs::read_to_string(path.with_extension("expect")).unwrap();
        for lang in ["vi", "en"] {
            let o = run(&["--lang", lang, "check", path.to_str().unwrap()]);
            never_panicked(&o);
            if o.status.code() != Some(1) {
                failures.push(format!("{}: exit {:?}", path.display(), o.status.code()));
            }
            let err = stderr(&o);
            // A line `vi: …` or `en: …` is a message to find in that language only.
            let wanted =
                expect
                    .lines()
                    .map(str::trim)
                    .filter_map(|line| match line.split_once(": ") {
                        Some((l, message)) if l == "vi" || l == "en" => {
                            (l == lang).then_some(message)
                        }
                        _ => (!line.is_empty()).then_some(line),
                    });
            for place in wanted {
                if !err.contains(place) {
                    failures.push(format!(
                        "{} ({lang}): `{place}` not in:\n{err}",
                        path.display()
                    ));
                }
            }
        }
    }
    assert!(cases >= 25, "only {cases} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_samples_check_clean_and_print_their_hash() {
    for name in ["ha-noi-cum-1-2024", "cum-phuong-2025", "cum-347-2025"] {
        let config = sample(name).join("cluster.json");
        let o = run(&["check", config.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("Cấu hình hợp lệ"), "{out}");
        let bytes = std::fs::read(&config).unwrap();
        assert!(out.contains(&thidua::model::config::sha256_hex(&bytes)));
    }
}

#[test]
fn a_version_two_config_is_summarised_in_both_languages() {
    let config = sample("cum-347-2025").join("cluster.json");
    let vi = stdout(&run(&["check", config.to_str().unwrap()]));
    for line in [
        "8 đơn vị (cụm trưởng: Lệ Thủy, cụm phó: Vĩnh Linh)",
        "3 nhóm tiêu chí, 78 tiêu chí, tổng điểm tối đa 1000",
        "Định dạng 2: cây tiêu chí sâu 5 cấp, 34 mục con",
        "Loại tiêu chí: 42 chấm điểm, 17 đạt/không đạt, 7 tính theo số lần, 3 cộng/trừ theo số lần, 9 theo chỉ tiêu đăng ký",
        "Chủ trì nhập 10 tiêu chí một lần cho mỗi đơn vị; 3 tiêu chí không áp dụng cho một số đơn vị",
        "Xếp hạng theo tỷ lệ % trên điểm tối đa của từng đơn vị (điểm tối đa từ 990 đến 1000)",
        "Cuộc họp cần ít nhất 2/3 số thành viên có mặt: 6 trên 8",
        "Cấu hình hợp lệ.",
    ] {
        assert!(vi.contains(line), "`{line}` not in:\n{vi}");
    }
    let en = stdout(&run(&["--lang", "en", "check", config.to_str().unwrap()]));
    for line in [
        "Format 2: a criteria tree 5 levels deep, 34 headings",
        "Item kinds: 42 points, 17 pass/fail, 7 per occurrence, 3 plus/minus counts, 9 against a registered target",
        "The chair enters 10 items once per member; 3 items do not apply to some members",
        "Ranked by percent of each member's own maximum (own maxima from 990 to 1000)",
        "A meeting needs at least 2/3 of its members present: 6 of 8",
        "The config is valid.",
    ] {
        assert!(en.contains(line), "`{line}` not in:\n{en}");
    }
}

#[test]
fn files_that_are_not_configs_get_a_plain_message() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("lon.json");
    std::fs::write(&big, vec![b' '; 6 * 1024 * 1024]).unwrap();
    let o = run(&["--lang", "en", "check", big.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("too large"), "{}", stderr(&o));

    let missing = dir.path().join("khong-co.json");
    let o = run(&["check", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("không tìm thấy tệp"), "{}", stderr(&o));

    let o = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    never_panicked(&o);

    // A meeting file given where a config is expected.
    let o = run(&["check", root().join("Cargo.lock").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    never_panicked(&o);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["tally"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate", "x", "y"]).status.code(), Some(2));
    assert_eq!(
        run(&["tally", "x.thidua", "--format", "pdf"]).status.code(),
        Some(2)
    );
}
