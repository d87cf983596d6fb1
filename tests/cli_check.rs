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
            for place in expect.lines().map(str::trim).filter(|l| !l.is_empty()) {
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
    for name in ["ha-noi-cum-1-2024", "cum-phuong-2025"] {
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
