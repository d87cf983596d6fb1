//! The budgets of the performance issue, measured: `cargo bench`.
//! Figures and the machine are recorded in BENCHMARKS.md.

use divan::Bencher;
use std::path::{Path, PathBuf};
use thidua::model::Tally;
use thidua::model::event::{Actor, Event, Origin, Record};
use thidua::model::points::Points;
use thidua::store::{MeetingFile, Outcome, Submission};
use thidua::synthetic::{self, LARGE, MEETING, SCALES, Scale};

fn main() {
    divan::main();
}

/// The tally of the meeting `tally_after_one_change` edits, computed from nothing:
/// the same sheets counted, so the two figures differ only by the event applied.
#[divan::bench(args = SCALES, sample_count = 20)]
fn tally_from_scratch(bencher: Bencher, scale: Scale) {
    let (session, _, _) = synthetic::with_open_sheet(scale);
    assert_eq!(
        Tally::compute(&session).sheets_submitted,
        scale.members - 1,
        "one sheet open, the rest counted"
    );
    bencher.bench(|| Tally::compute(divan::black_box(&session)));
}

/// One score committed in memory and the tally recomputed: what a keystroke that
/// commits a value costs (the file write is measured separately).
#[divan::bench(args = SCALES, sample_count = 20)]
fn tally_after_one_change(bencher: Bencher, scale: Scale) {
    let (mut session, a, b) = synthetic::with_open_sheet(scale);
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let event = if flip { a.clone() } else { b.clone() };
        let record = Record {
            seq: session.event_count() + 1,
            at: String::new(),
            by: Actor::Chair,
            origin: None,
            event,
        };
        session.apply(&record).unwrap();
        Tally::compute(&session)
    });
}

/// A meeting file holding every sheet of the scale, written once per run.
fn meeting_file(scale: Scale, dir: &Path) -> PathBuf {
    let path = dir.join(format!("{}.thidua", scale.name));
    let mut file = MeetingFile::create(
        &path,
        &synthetic::config_bytes(scale),
        "2025-12-20T08:00:00+07:00",
    )
    .unwrap();
    let config = file.config().clone();
    for s in 0..scale.members {
        file.append_all(
            Actor::Chair,
            synthetic::sheet_events(&config, s),
            "2025-12-20T09:00:00+07:00",
        )
        .unwrap();
    }
    path
}

/// The same meeting with the first delegate's sheet still being typed: every other
/// sheet submitted, the first one scored in its first three groups of criteria (rows
/// 1.1–3.10 for every member) and not submitted. Opening it shows that sheet, open
/// for typing, its cursor in the first empty cell (4.1, half way down).
fn meeting_file_first_sheet_open(scale: Scale, dir: &Path) -> PathBuf {
    let path = dir.join(format!("{}-open.thidua", scale.name));
    let mut file = MeetingFile::create(
        &path,
        &synthetic::config_bytes(scale),
        "2025-12-20T08:00:00+07:00",
    )
    .unwrap();
    let config = file.config().clone();
    for s in 1..scale.members {
        file.append_all(
            Actor::Chair,
            synthetic::sheet_events(&config, s),
            "2025-12-20T09:00:00+07:00",
        )
        .unwrap();
    }
    let first_groups: Vec<Event> = synthetic::sheet_events(&config, 0)
        .into_iter()
        .filter(|e| {
            matches!(e, Event::Score { item, .. }
                if config.cell(item).is_some_and(|c| c < 30 && config.cells[c].is_item()))
        })
        .collect();
    file.append_all(Actor::Chair, first_groups, "2025-12-20T09:00:00+07:00")
        .unwrap();
    path
}

#[divan::bench(args = SCALES, sample_count = 5, sample_size = 1)]
fn open_and_replay(bencher: Bencher, scale: Scale) {
    let dir = tempfile::tempdir().unwrap();
    let path = meeting_file(scale, dir.path());
    bencher.bench_local(|| MeetingFile::open(&path).unwrap());
}

/// One score event committed to disk (WAL, synchronous=FULL: includes the fsync).
#[divan::bench(sample_count = 100, sample_size = 1)]
fn commit_one_score_event(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.thidua");
    let mut file = MeetingFile::create(
        &path,
        &synthetic::config_bytes(MEETING),
        "2025-12-20T08:00:00+07:00",
    )
    .unwrap();
    let (scorer, target) = ("dv-000".to_string(), "dv-001".to_string());
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let event = Event::Score {
            scorer: scorer.clone(),
            target: target.clone(),
            item: "1.1".into(),
            value: Some(Points(if flip { 100 } else { 150 })),
        };
        file.append(
            Actor::Member(scorer.clone()),
            event,
            "2025-12-20T09:00:00+07:00",
        )
        .unwrap()
    });
}

/// A burst of score events from a delegate's device committed in one transaction
/// (group commit), each its own chained row, with its origin: the time per batch;
/// divan's items/s gives the time per event.
#[divan::bench(args = [1, 10, 100], sample_count = 60, sample_size = 1)]
fn commit_score_batch(bencher: Bencher, events: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.thidua");
    let mut file = MeetingFile::create(
        &path,
        &synthetic::config_bytes(MEETING),
        "2025-12-20T08:00:00+07:00",
    )
    .unwrap();
    let scorer = "dv-000".to_string();
    let config = file.config().clone();
    let cells: Vec<(String, String)> = config.members[1..]
        .iter()
        .flat_map(|target| {
            config
                .cells
                .iter()
                .filter(|c| c.is_item())
                .map(|cell| (target.id.clone(), cell.id.clone()))
        })
        .take(events)
        .collect();
    assert_eq!(cells.len(), events);
    let (mut seq, mut flip) = (0u64, false);
    bencher
        .counter(divan::counter::ItemsCount::new(events))
        .with_inputs(|| {
            // Every cell changes from the batch before, so none is refused.
            flip = !flip;
            cells
                .iter()
                .map(|(target, item)| {
                    seq += 1;
                    Submission {
                        by: Actor::Member(scorer.clone()),
                        origin: Some(Origin {
                            device: "may-1".into(),
                            seq,
                        }),
                        event: Event::Score {
                            scorer: scorer.clone(),
                            target: target.clone(),
                            item: item.clone(),
                            value: Some(Points(if flip { 100 } else { 150 })),
                        },
                    }
                })
                .collect::<Vec<_>>()
        })
        .bench_local_values(|batch| {
            let outcomes = file
                .append_batch(batch, "2025-12-20T09:00:00+07:00")
                .unwrap();
            assert!(
                outcomes
                    .iter()
                    .all(|o| matches!(o, Outcome::Committed { .. }))
            );
        });
}

mod ui_frame {
    use super::*;
    use eframe::App as _;
    use eframe::egui;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;
    use thidua::ui::{AppOptions, ThiduaApp};

    /// The app in a window of `size`, after its first frames, opening `open`.
    fn app_sized(
        dir: &Path,
        open: Option<PathBuf>,
        size: egui::Vec2,
    ) -> Harness<'static, ThiduaApp> {
        let options = AppOptions {
            documents: dir.to_path_buf(),
            file_dialogs: false,
            edit: false,
            open,
            state_dir: None,
        };
        let mut h = Harness::builder()
            .with_size(size)
            .with_theme(egui::Theme::Light)
            .with_max_steps(20)
            .build_eframe(move |cc| ThiduaApp::new(cc, options));
        h.run();
        h
    }

    /// The app in a 1366 × 768 window.
    fn app(dir: &Path, open: Option<PathBuf>) -> Harness<'static, ThiduaApp> {
        app_sized(dir, open, egui::vec2(1366.0, 768.0))
    }

    fn harness(dir: &Path, path: PathBuf, tally: bool) -> Harness<'static, ThiduaApp> {
        let mut h = app(dir, Some(path));
        if tally {
            h.key_press(egui::Key::F3);
            h.run();
        }
        assert!(
            h.query_by_label_contains("Cụm thử nghiệm").is_some() || h.state().meeting.is_some()
        );
        h
    }

    /// One frame whose input is `events`, passed through the app's raw-input hook
    /// first, as eframe does on screen.
    fn frame(h: &mut Harness<'static, ThiduaApp>, events: &[egui::Event]) {
        let ctx = h.ctx.clone();
        let mut input = std::mem::take(h.input_mut());
        input.events.extend_from_slice(events);
        h.state_mut().raw_input_hook(&ctx, &mut input);
        *h.input_mut() = input;
        h.step();
    }

    fn key(key: egui::Key, modifiers: egui::Modifiers) -> egui::Event {
        egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        }
    }

    /// The large meeting (30 × 60) in a 1280 × 720 window, the first delegate's
    /// sheet on screen and open, the grid holding the keyboard, a `1` typed into the
    /// cursor's cell (4.1 for Phường 2, scrolled into view) and not yet committed.
    fn typing_harness(dir: &Path) -> Harness<'static, ThiduaApp> {
        let path = meeting_file_first_sheet_open(LARGE, dir);
        let mut h = app_sized(dir, Some(path), egui::vec2(1280.0, 720.0));
        let meeting = h.state().meeting.as_ref().expect("the meeting is open");
        assert_eq!(meeting.delegate, 0, "the first delegate's sheet is shown");
        assert!(
            !meeting.session().is_submitted(0),
            "and it is not submitted"
        );
        assert!(meeting.writable(), "the file can take scores");
        assert!(
            h.state().grid.has_keyboard(&h.ctx),
            "the grid has the keyboard"
        );
        frame(&mut h, &[egui::Event::Text("1".into())]);
        h.run();
        let state = h.state();
        assert!(state.grid.has_keyboard(&h.ctx));
        assert!(state.grid.is_typing(0), "a cell is being typed into");
        let config = state.meeting.as_ref().unwrap().config();
        let (target, cell) = state.grid.cursor(0).expect("a cursor");
        assert_eq!(
            (
                config.members[target].id.as_str(),
                config.cells[cell].id.as_str()
            ),
            ("dv-001", "4.1"),
            "the first empty cell"
        );
        h
    }

    /// One frame of the scoring grid at the large scale, as typed into: the grid
    /// holds the keyboard and a cell is being typed into (layout, no rendering).
    /// `idle`: a frame with no input (a repaint); `key`: a frame carrying one key
    /// (a digit, then Backspace in the next frame, so nothing is committed);
    /// `commit`: a frame carrying a value, Tab and Shift+Tab, so that each frame
    /// commits one score (a new event in the file with its fsync, and the tally
    /// computed again) and comes back to the same cell.
    #[divan::bench(args = ["idle", "key", "commit"], sample_count = 50)]
    fn scoring_grid_large(bencher: Bencher, input: &str) {
        let dir = tempfile::tempdir().unwrap();
        let mut h = typing_harness(dir.path());
        let none = egui::Modifiers::NONE;
        let digit = [egui::Event::Text("2".into())];
        let backspace = [key(egui::Key::Backspace, none)];
        let values = [
            [
                egui::Event::Text("1".into()),
                key(egui::Key::Tab, none),
                key(egui::Key::Tab, egui::Modifiers::SHIFT),
            ],
            [
                egui::Event::Text("2".into()),
                key(egui::Key::Tab, none),
                key(egui::Key::Tab, egui::Modifiers::SHIFT),
            ],
        ];
        if input == "commit" {
            // Start from a cell not being typed into, so the first value is "2", not
            // "12".
            frame(&mut h, &[key(egui::Key::Escape, none)]);
        }
        let events_before = h.state().meeting.as_ref().unwrap().session().event_count();
        let mut n = 0usize;
        bencher.bench_local(|| {
            n += 1;
            match input {
                "idle" => frame(&mut h, &[]),
                "key" => frame(&mut h, if n % 2 == 1 { &digit } else { &backspace }),
                _ => frame(&mut h, &values[n % 2]),
            }
        });
        let state = h.state();
        assert!(
            state.grid.has_keyboard(&h.ctx),
            "the grid kept the keyboard"
        );
        let events = state.meeting.as_ref().unwrap().session().event_count() - events_before;
        if input == "commit" {
            assert_eq!(events as usize, n, "one score committed per frame");
        } else {
            assert!(state.grid.is_typing(0), "still typing");
            assert_eq!(events, 0, "nothing committed");
        }
    }

    /// Tessellating the shapes of one such frame into triangles, which eframe does
    /// on screen after the frame and before painting (not part of `h.step()`).
    #[divan::bench(sample_count = 50)]
    fn scoring_grid_large_tessellate(bencher: Bencher) {
        let dir = tempfile::tempdir().unwrap();
        let mut h = typing_harness(dir.path());
        frame(&mut h, &[]);
        let ctx = h.ctx.clone();
        let ppp = h.output().pixels_per_point;
        bencher
            .with_inputs(|| h.output().shapes.clone())
            .bench_local_values(|shapes| ctx.tessellate(shapes, ppp));
    }

    /// The chair opens the large meeting from the start screen (its recent list):
    /// reading and checking the file, then the first frame that shows it.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn open_large_to_first_frame(bencher: Bencher) {
        let dir = tempfile::tempdir().unwrap();
        let path = meeting_file(LARGE, dir.path());
        bencher
            .with_inputs(|| app(dir.path(), None))
            .bench_local_values(|mut h| {
                h.state_mut().open(&path);
                h.step();
                assert!(h.state().meeting.is_some());
                h
            });
    }

    #[divan::bench(sample_count = 50)]
    fn tally_screen_large(bencher: Bencher) {
        let dir = tempfile::tempdir().unwrap();
        let path = meeting_file(LARGE, dir.path());
        let mut h = harness(dir.path(), path, true);
        bencher.bench_local(|| h.step());
    }
}

mod export {
    use super::*;

    #[divan::bench(args = ["xlsx", "pdf"], sample_count = 10, sample_size = 1)]
    fn large(bencher: Bencher, format: &str) {
        let dir = tempfile::tempdir().unwrap();
        let path = meeting_file(LARGE, dir.path());
        let file = MeetingFile::open(&path).unwrap();
        bencher.bench_local(|| {
            thidua::export::render(&file, format, thidua::model::Lang::Vi).unwrap()
        });
    }
}
