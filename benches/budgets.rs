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
    use eframe::egui;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;
    use thidua::ui::{AppOptions, ThiduaApp};

    /// The app in a 1366 × 768 window, after its first frames, opening `open`.
    fn app(dir: &Path, open: Option<PathBuf>) -> Harness<'static, ThiduaApp> {
        let options = AppOptions {
            documents: dir.to_path_buf(),
            file_dialogs: false,
            edit: false,
            open,
            state_dir: None,
        };
        let mut h = Harness::builder()
            .with_size(egui::vec2(1366.0, 768.0))
            .with_theme(egui::Theme::Light)
            .with_max_steps(20)
            .build_eframe(move |cc| ThiduaApp::new(cc, options));
        h.run();
        h
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

    /// One frame of the scoring grid at the large scale (layout, no rendering).
    #[divan::bench(sample_count = 50)]
    fn scoring_grid_large(bencher: Bencher) {
        let dir = tempfile::tempdir().unwrap();
        let path = meeting_file(LARGE, dir.path());
        let mut h = harness(dir.path(), path, false);
        bencher.bench_local(|| h.step());
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
