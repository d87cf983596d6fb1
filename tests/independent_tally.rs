//! The samples' `expected-tally.json` files are what `scripts/independent_tally.py`
//! computes from the config and the sheets with exact fractions, without thidua.
//! (tests/cli_meeting.rs then checks thidua's own tally against the same files.)

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn python() -> Option<&'static str> {
    ["python3", "python"].into_iter().find(|name| {
        Command::new(name)
            .arg("-c")
            .arg("import sys, fractions; sys.exit(0 if sys.version_info[0] == 3 else 1)")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

#[test]
#[ignore = "needs python3: cargo test -- --include-ignored"]
fn the_committed_expected_tallies_match_the_independent_script() {
    let Some(python) = python() else {
        println!("SKIPPED: python3 is not on PATH; the independent tally was not run");
        return;
    };
    let script = root().join("scripts").join("independent_tally.py");
    for name in ["ha-noi-cum-1-2024", "cum-phuong-2025", "cum-347-2025"] {
        let folder = root().join("sample-data").join(name);
        let output = Command::new(python)
            .arg(&script)
            .arg(&folder)
            .output()
            .expect("python runs");
        assert!(
            output.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let computed: Value =
            serde_json::from_slice(&output.stdout).expect("the script prints JSON");
        let committed: Value =
            serde_json::from_slice(&std::fs::read(folder.join("expected-tally.json")).unwrap())
                .unwrap();
        let (got, want) = (
            computed["members"].as_array().expect("members"),
            committed["members"].as_array().expect("members"),
        );
        assert_eq!(got.len(), want.len(), "{name}: member count");
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g, w, "{name}: member {}", w["id"]);
        }
        assert_eq!(computed, committed, "{name}: the whole document");
    }
}
