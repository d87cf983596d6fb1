//! After a crash right after a meeting was created or opened, the next start offers
//! "Tiếp tục hội nghị gần nhất" and every committed score is there. The window's own
//! preferences are saved only every 30 seconds, so the last meeting is recorded on
//! its own, at once.

use eframe::egui::Key;
use egui_kittest::kittest::Queryable as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use thidua::model::points::Points;
use thidua::store::MeetingFile;
use thidua::ui::{AppOptions, ThiduaApp};

mod ui_common;
use ui_common::{app, in_one_frame, key, meeting, set_up_sample, typed};

fn score(file: &MeetingFile, target: &str) -> Option<Points> {
    let c = file.config();
    file.session().score(
        c.member("ba-dinh").unwrap(),
        c.member(target).unwrap(),
        c.cell("1.1").unwrap(),
    )
}

/// The start screen offers the last meeting; opening it shows the two scores.
fn next_start_resumes(documents: &Path, state_dir: PathBuf) {
    let options = AppOptions {
        documents: documents.to_path_buf(),
        file_dialogs: false,
        edit: false,
        open: None,
        state_dir: Some(state_dir),
    };
    let mut h = egui_kittest::Harness::builder()
        .with_size(eframe::egui::vec2(1366.0, 900.0))
        .with_theme(eframe::egui::Theme::Light)
        .with_max_steps(12)
        .build_eframe(move |cc| ThiduaApp::new(cc, options));
    h.run();
    h.get_by_label_contains("Tiếp tục hội nghị gần nhất")
        .click();
    h.run();
    let file = &meeting(&h).file;
    assert_eq!(score(file, "hoang-mai"), Some(Points(400)));
    assert_eq!(score(file, "hoan-kiem"), Some(Points(350)));
}

#[test]
fn a_meeting_created_just_before_a_crash_is_offered_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    set_up_sample(&mut h);
    in_one_frame(
        &mut h,
        [
            typed("4"),
            vec![key(Key::Tab)],
            typed("3,5"),
            vec![key(Key::Tab)],
        ]
        .concat(),
    );
    // The process dies here: nothing else of it runs, not even the preferences' save.
    std::mem::forget(h);
    next_start_resumes(dir.path(), dir.path().join(".thidua-state"));
}

fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Kills its process when dropped, so a failing test leaves nothing running.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        // SIGTERM first, so a display server removes its socket and lock.
        let _ = Command::new("kill").arg(self.0.id().to_string()).status();
        for _ in 0..20 {
            if matches!(self.0.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The real program in a virtual display: open a meeting, type two scores, kill -9
/// five seconds after the start. Needs Xvfb and xdotool (`.ci/run` installs them).
#[test]
#[ignore = "needs Xvfb and xdotool: cargo test -- --include-ignored"]
fn kill_9_five_seconds_after_opening_a_meeting_loses_neither_it_nor_its_scores() {
    if !have("Xvfb") || !have("xdotool") {
        eprintln!("SKIPPED: Xvfb and xdotool are needed (apt-get install xvfb xdotool)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_thidua");
    let meeting_path = dir.path().join("hội nghị.thidua");
    let config =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/ha-noi-cum-1-2024/cluster.json");
    let made = Command::new(bin)
        .arg("new")
        .arg(&config)
        .arg("-o")
        .arg(&meeting_path)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");

    // Xvfb picks a free display itself and names it once it accepts connections.
    let xvfb_log = dir.path().join("xvfb.log");
    let mut xvfb = Running(
        Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1366x768x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&xvfb_log).unwrap())
            .spawn()
            .unwrap(),
    );
    let named = xvfb.0.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(named).read_line(&mut line);
        let _ = tx.send(line);
    });
    let number = rx.recv_timeout(Duration::from_secs(60)).unwrap_or_default();
    if number.trim().is_empty() {
        panic!(
            "Xvfb did not start ({:?}): {}",
            xvfb.0.try_wait(),
            std::fs::read_to_string(&xvfb_log).unwrap_or_default()
        );
    }
    let display = format!(":{}", number.trim());
    let data = dir.path().join("data");
    let log_path = dir.path().join("app.log");
    let app_said = || std::fs::read_to_string(&log_path).unwrap_or_default();
    let xdotool = |args: &[&str]| {
        Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &display)
            .output()
            .unwrap()
    };
    let launch = || {
        Running(
            Command::new(bin)
                .arg(&meeting_path)
                .env("DISPLAY", &display)
                .env_remove("WAYLAND_DISPLAY")
                .env("XDG_DATA_HOME", &data)
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(&log_path).unwrap())
                .spawn()
                .unwrap(),
        )
    };
    let mut started = Instant::now();
    let mut app = launch();
    let mut launches = 1;
    // Generous: other tests may be keeping both cores busy.
    let deadline = Instant::now() + Duration::from_secs(90);
    let window = loop {
        let pid = app.0.id().to_string();
        let found = xdotool(&["search", "--onlyvisible", "--pid", &pid]);
        let text = String::from_utf8_lossy(&found.stdout).trim().to_string();
        if let Some(first) = text.lines().next() {
            break first.to_string();
        }
        if let Ok(Some(status)) = app.0.try_wait() {
            // A fresh virtual display now and then refuses its very first clients;
            // that is the display, not the program: start it again, twice at most.
            let display_refused = app_said().contains("X server");
            assert!(
                display_refused && launches < 3,
                "the program ended ({status}) before its window appeared:\n{}",
                app_said()
            );
            std::thread::sleep(Duration::from_millis(500));
            started = Instant::now();
            app = launch();
            launches += 1;
        }
        assert!(
            Instant::now() < deadline,
            "the window did not appear within 90 s:\n{}",
            app_said()
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    std::thread::sleep(Duration::from_millis(1500));
    // Without a window manager nothing has keyboard focus: give it to the window.
    xdotool(&["windowfocus", &window]);
    // The sheet opens on its first empty cell: typing needs no click.
    for value in ["4", "3,5"] {
        xdotool(&["type", "--delay", "60", value]);
        xdotool(&["key", "Tab"]);
    }
    // Wait for both scores to be committed, then kill -9 at five seconds.
    let deadline = Instant::now() + Duration::from_secs(60);
    while MeetingFile::open(&meeting_path).map_or(0, |f| f.last_seq()) < 2 {
        assert!(
            Instant::now() < deadline,
            "the scores were not committed:\n{}",
            app_said()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let five = Duration::from_secs(5);
    if let Some(rest) = five.checked_sub(started.elapsed()) {
        std::thread::sleep(rest);
    }
    app.0.kill().unwrap(); // SIGKILL
    app.0.wait().unwrap();

    let state_dir = data.join("thidua");
    let recent = thidua::store::recent::load(&state_dir);
    let canonical = std::fs::canonicalize(&meeting_path).unwrap();
    assert_eq!(recent.first(), Some(&canonical), "recorded at once");
    let file = MeetingFile::open(&meeting_path).unwrap();
    assert_eq!(score(&file, "hoang-mai"), Some(Points(400)));
    assert_eq!(score(&file, "hoan-kiem"), Some(Points(350)));
    next_start_resumes(dir.path(), state_dir);
}
