//! The projector screen: every member and every proposal on one screen at 1280×720
//! and 1920×1080 for 2 to 30 members, and bars whose lengths follow the totals.
//!
//! The projector is drawn here by the same `projector::show` the app's projector
//! window calls, in a harness exactly the window's size with the window's frame;
//! one test also opens it the chair's way, from the tally tab.

mod ui_common;

use eframe::egui::{self, Key, Rect, accesskit::Role, vec2};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use egui_kittest::{Harness, Node};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use thidua::model::event::Actor;
use thidua::model::exact::Rounded;
use thidua::model::tally::ProposalStatus;
use thidua::store::MeetingFile;
use thidua::synthetic;
use thidua::ui::i18n::Lang;
use thidua::ui::meeting::OpenMeeting;
use thidua::ui::projector::{self, BarScale, ProjectorState};
use thidua::ui::style;

const AT: &str = "2025-12-20T09:00:00+07:00";
const SMALL: (f32, f32) = (1280.0, 720.0);
const LARGE: (f32, f32) = (1920.0, 1080.0);
/// The projector window's frame margin (`show_projector` in src/ui/mod.rs).
const MARGIN: f32 = 24.0;

/// Real ward names of Hanoi, long ones among them, for clusters of up to 30.
const WARDS: [&str; 30] = [
    "Hoàn Kiếm",
    "Cửa Nam",
    "Ba Đình",
    "Ngọc Hà",
    "Giảng Võ",
    "Hai Bà Trưng",
    "Vĩnh Tuy",
    "Bạch Mai",
    "Đống Đa",
    "Kim Liên",
    "Văn Miếu - Quốc Tử Giám",
    "Láng",
    "Ô Chợ Dừa",
    "Hồng Hà",
    "Lĩnh Nam",
    "Hoàng Mai",
    "Vĩnh Hưng",
    "Tương Mai",
    "Định Công",
    "Hoàng Liệt",
    "Yên Sở",
    "Thanh Xuân",
    "Khương Đình",
    "Phương Liệt",
    "Cầu Giấy",
    "Nghĩa Đô",
    "Yên Hòa",
    "Tây Hồ",
    "Phú Thượng",
    "Tây Tựu",
];

/// A generated meeting of `members` wards, every sheet submitted, with up to six
/// certificates proposed (20% of 30) so the proposals take several lines.
fn ward_meeting(dir: &Path, members: usize) -> PathBuf {
    ward_meeting_with(dir, members, members)
}

/// [`ward_meeting`] with only the first `submitted` sheets in.
fn ward_meeting_with(dir: &Path, members: usize, submitted: usize) -> PathBuf {
    let scale = synthetic::Scale {
        name: "large",
        members,
        items: 5,
    };
    let mut config: serde_json::Value =
        serde_json::from_slice(&synthetic::config_bytes(scale)).unwrap();
    for (i, m) in config["members"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        m["short"] = WARDS[i].into();
        m["name"] = format!("Ủy ban MTTQ Việt Nam phường {}", WARDS[i]).into();
    }
    config["cluster"]["name"] = "Cụm thi đua số 3 khối phường".into();
    config["commendations"][0]["name"] = "Cờ thi đua của Ủy ban MTTQ Việt Nam thành phố".into();
    config["commendations"][1]["name"] = "Bằng khen của Ủy ban MTTQ Việt Nam thành phố".into();
    config["commendations"][1]["max_count"] = 6.into();
    let path = dir.join(format!("cum-{members}-{submitted}.thidua"));
    let mut file = MeetingFile::create(&path, &serde_json::to_vec(&config).unwrap(), AT).unwrap();
    let parsed = file.config().clone();
    for s in 0..submitted {
        file.append_all(Actor::Chair, synthetic::sheet_events(&parsed, s), AT)
            .unwrap();
    }
    path
}

/// The 12-ward sample cluster with every sheet imported.
fn twelve_wards(dir: &Path) -> PathBuf {
    let sample = ui_common::sample_dir("cum-phuong-2025");
    let path = dir.join("cum-phuong.thidua");
    let config = std::fs::read(sample.join("cluster.json")).unwrap();
    drop(MeetingFile::create(&path, &config, AT).unwrap());
    let mut meeting = OpenMeeting::new(MeetingFile::open(&path).unwrap());
    let mut sheets: Vec<PathBuf> = std::fs::read_dir(sample.join("sheets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    sheets.sort();
    for sheet in sheets {
        meeting.import_sheet_file(&sheet, Lang::Vi).unwrap();
    }
    path
}

struct Screen {
    meeting: OpenMeeting,
    state: ProjectorState,
}

/// The projector as its window draws it, in a harness of the window's size.
fn projector_at(path: &Path, size: (f32, f32), state: ProjectorState) -> Harness<'static, Screen> {
    let screen = Screen {
        meeting: OpenMeeting::new(MeetingFile::open(path).unwrap()),
        state,
    };
    let mut h = Harness::builder()
        .with_size(vec2(size.0, size.1))
        .with_max_steps(8)
        .with_context_setup(|ctx| {
            style::install_fonts(ctx);
            style::apply_theme(ctx);
        })
        .build_ui_state(
            |ui, s: &mut Screen| {
                // The frame of the projector window (`show_projector`).
                egui::CentralPanel::default()
                    .frame(
                        egui::Frame::new()
                            .fill(egui::Color32::WHITE)
                            .inner_margin(MARGIN),
                    )
                    .show(ui, |ui| projector::show(ui, &s.meeting, &s.state, Lang::Vi));
            },
            screen,
        );
    h.run();
    h
}

fn proposal_labels(meeting: &OpenMeeting) -> Vec<String> {
    let config = meeting.config();
    meeting
        .tally
        .commendations
        .iter()
        .flat_map(|c| &c.proposals)
        .filter(|p| p.status != ProposalStatus::BallotFailed)
        .map(|p| {
            format!(
                "{} ({})",
                config.members[p.member].short,
                p.status.text(Lang::Vi)
            )
        })
        .collect()
}

/// One member's bar: its filled rect and where its total lies on the scale.
struct Bar {
    total: Rounded,
    rect: Rect,
    fraction: f64,
}

fn bars(h: &Harness<'static, Screen>) -> Vec<Bar> {
    let meeting = &h.state().meeting;
    let config = meeting.config();
    meeting
        .tally
        .order
        .iter()
        .filter_map(|&m| {
            let total = meeting.tally.members[m].total?;
            let label = format!("{}: {}", config.members[m].short, total.display(','));
            let node = h.get_by_role_and_label(Role::ProgressIndicator, &label);
            Some(Bar {
                total,
                rect: node.rect(),
                fraction: node.accesskit_node().numeric_value().unwrap(),
            })
        })
        .collect()
}

fn label<'a>(h: &'a Harness<'static, Screen>, text: &'a str) -> Node<'a> {
    h.get_by_role_and_label(Role::Label, text)
}

/// What one screen showed: its size, its members, the bars' track and type size.
#[derive(Debug, Clone, Copy)]
struct Observed {
    size: (f32, f32),
    members: usize,
    track: f32,
    name_height: f32,
}

/// Checks that every name, total, bar and proposal lies inside the window's frame
/// and that rows and proposals do not overlap; returns what the screen showed.
fn check_fits(h: &Harness<'static, Screen>, size: (f32, f32)) -> Observed {
    let inner = Rect::from_min_size(egui::Pos2::ZERO, vec2(size.0, size.1)).shrink(MARGIN - 0.5);
    let meeting = &h.state().meeting;
    let config = meeting.config();
    let members = config.members.len();
    let where_ = |what: &str| format!("{what} at {}×{} with {members} members", size.0, size.1);
    let mut rows = Vec::new();
    for m in &config.members {
        let rect = label(h, &m.short).rect();
        assert!(inner.contains_rect(rect), "{} {rect:?}", where_(&m.short));
        rows.push(rect);
    }
    for r in &meeting.tally.members {
        // In full: a shortened total would not match.
        let text = r.total.unwrap().display(',');
        let mut shown = 0;
        for node in h.query_all_by_label(&text) {
            assert!(inner.contains_rect(node.rect()), "{}", where_(&text));
            shown += 1;
        }
        assert!(shown >= 1, "{}", where_(&text));
    }
    let bars = bars(h);
    assert_eq!(bars.len(), members, "{}", where_("one bar per member"));
    for bar in &bars {
        assert!(inner.contains_rect(bar.rect), "{}", where_("a bar"));
    }
    let proposals = proposal_labels(meeting);
    for text in &proposals {
        let rect = label(h, text).rect();
        assert!(inner.contains_rect(rect), "{} {rect:?}", where_(text));
        for row in rows.iter().chain(bars.iter().map(|b| &b.rect)) {
            assert!(
                !row.intersects(rect.shrink(0.5)),
                "{}",
                where_(&format!("{text} over a row"))
            );
        }
    }
    for (i, a) in rows.iter().enumerate() {
        for b in &rows[i + 1..] {
            assert!(!a.shrink(0.5).intersects(*b), "{}", where_("names overlap"));
        }
    }
    let longest = bars
        .iter()
        .max_by(|a, b| a.fraction.total_cmp(&b.fraction))
        .unwrap();
    Observed {
        size,
        members,
        track: longest.rect.width() / longest.fraction as f32,
        name_height: rows.iter().map(|r| r.height()).fold(f32::MAX, f32::min),
    }
}

/// Every member count from 2 to 30 on both screens (built once, shared).
fn observed() -> &'static [Observed] {
    static OBSERVED: OnceLock<Vec<Observed>> = OnceLock::new();
    OBSERVED.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut seen = Vec::new();
        for members in 2..=30 {
            let path = ward_meeting(dir.path(), members);
            let mut h = projector_at(&path, SMALL, ProjectorState::default());
            seen.push(check_fits(&h, SMALL));
            h.set_size(vec2(LARGE.0, LARGE.1));
            h.run();
            seen.push(check_fits(&h, LARGE));
        }
        seen
    })
}

#[test]
fn thirty_wards_and_the_proposals_fit_one_screen_at_1280x720() {
    let dir = tempfile::tempdir().unwrap();
    let path = ward_meeting(dir.path(), 30);
    let h = projector_at(&path, SMALL, ProjectorState::default());
    let seen = check_fits(&h, SMALL);
    // Every name, in full (a shortened name would not match), and readable.
    for ward in WARDS {
        assert!(label(&h, ward).rect().height() >= 24.0, "{ward}");
    }
    assert!(seen.name_height >= 24.0, "{seen:?}");
    assert!(
        proposal_labels(&h.state().meeting).len() >= 5,
        "flag and certificates"
    );
}

#[test]
fn every_member_count_up_to_30_fits_both_screens() {
    let seen = observed();
    assert_eq!(seen.len(), 2 * 29);
    for s in seen {
        // Type no smaller than at 30 members, and bars long enough to compare.
        assert!(s.name_height >= 24.0, "{s:?}");
        assert!(s.track >= 150.0, "{s:?}");
        if s.size == LARGE {
            assert!(s.name_height >= 34.0, "{s:?}");
        }
    }
}

#[test]
fn the_figures_hidden_still_list_thirty_wards_on_one_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = ward_meeting_with(dir.path(), 30, 29);
    let state = ProjectorState {
        open: true,
        hide_until_all: true,
        revealed: false,
    };
    let h = projector_at(&path, SMALL, state);
    assert!(
        h.query_by_label("Kết quả sẽ được công bố khi đủ phiếu chấm.")
            .is_some()
    );
    let inner = Rect::from_min_size(egui::Pos2::ZERO, vec2(SMALL.0, SMALL.1)).shrink(MARGIN - 0.5);
    for ward in WARDS {
        let rect = label(&h, ward).rect();
        assert!(inner.contains_rect(rect), "{ward} {rect:?}");
        assert!(rect.height() >= 24.0, "{ward}");
    }
    assert!(
        h.query_all_by_role(Role::ProgressIndicator)
            .next()
            .is_none()
    );
}

#[test]
fn a_new_meeting_hides_the_figures_until_every_sheet_is_in() {
    let dir = tempfile::tempdir().unwrap();
    let hidden = "Kết quả sẽ được công bố khi đủ phiếu chấm.";
    // Nine of twelve sheets: the projector of a new meeting shows only who has
    // submitted, no total and no bar.
    let path = ward_meeting_with(dir.path(), 12, 9);
    let h = projector_at(&path, SMALL, ProjectorState::default());
    assert!(h.query_by_label(hidden).is_some());
    assert!(
        h.query_all_by_role(Role::ProgressIndicator)
            .next()
            .is_none()
    );
    let meeting = &h.state().meeting;
    for r in &meeting.tally.members {
        let total = r.total.unwrap().display(',');
        assert!(h.query_by_label(&total).is_none(), "{total} shown");
    }
    assert!(h.query_by_label("Đã nộp 9/12 phiếu chấm").is_some());
    // Every sheet in: the same default shows the figures.
    let path = ward_meeting(dir.path(), 12);
    let h = projector_at(&path, SMALL, ProjectorState::default());
    assert!(h.query_by_label(hidden).is_none());
    assert_eq!(h.query_all_by_role(Role::ProgressIndicator).count(), 12);
}

#[test]
fn figures_revealed_early_carry_a_provisional_banner_across_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = ward_meeting_with(dir.path(), 30, 27);
    let revealed = ProjectorState {
        open: true,
        hide_until_all: true,
        revealed: true,
    };
    for size in [SMALL, LARGE] {
        let h = projector_at(&path, size, ProjectorState { ..revealed });
        // Every row and proposal still fits, below the banner.
        check_fits(&h, size);
        let banner = label(&h, "TẠM TÍNH — còn 3 phiếu chưa nộp").rect();
        let name = label(&h, WARDS[0]).rect();
        // Larger than the names and nearly as wide as the screen, above the rows.
        assert!(banner.height() > name.height() * 1.2, "{banner:?} {name:?}");
        assert!(
            banner.width() >= (size.0 - 2.0 * MARGIN) * 0.9,
            "{banner:?}"
        );
        assert!(banner.bottom() <= name.top(), "{banner:?} {name:?}");
    }
    // Hiding turned off shows the same banner; a complete tally has none.
    let off = ProjectorState {
        open: true,
        hide_until_all: false,
        revealed: false,
    };
    let h = projector_at(&path, SMALL, off);
    assert!(
        h.query_by_label("TẠM TÍNH — còn 3 phiếu chưa nộp")
            .is_some()
    );
    let complete = ward_meeting(dir.path(), 30);
    let h = projector_at(&complete, SMALL, ProjectorState::default());
    assert!(h.query_by_label_contains("TẠM TÍNH").is_none());
}

#[test]
fn a_seat_decided_by_bonus_points_is_explained_on_the_projector() {
    let dir = tempfile::tempdir().unwrap();
    let path = twelve_wards(dir.path());
    for size in [SMALL, LARGE] {
        let h = projector_at(&path, size, ProjectorState::default());
        check_fits(&h, size);
        // Ngọc Hà and Ô Chợ Dừa both have 90,89 and rank 4; the last certificate
        // goes to Ngọc Hà, and the screen says why, with both values.
        let why = label(&h, "— hơn Ô Chợ Dừa về điểm thưởng: 4,17 so với 2,72").rect();
        let inner =
            Rect::from_min_size(egui::Pos2::ZERO, vec2(size.0, size.1)).shrink(MARGIN - 0.5);
        assert!(inner.contains_rect(why), "{why:?}");
        for bar in bars(&h) {
            assert!(!bar.rect.intersects(why), "{why:?} over a bar");
        }
        assert!(h.query_by_label("Ngọc Hà (đề nghị)").is_some());
    }
}

#[test]
fn the_twelve_wards_draw_twelve_honest_bars() {
    let dir = tempfile::tempdir().unwrap();
    let path = twelve_wards(dir.path());
    for size in [SMALL, LARGE] {
        let h = projector_at(&path, size, ProjectorState::default());
        check_fits(&h, size);
        let bars = bars(&h);
        assert_eq!(bars.len(), 12);
        for a in &bars {
            for b in &bars {
                let (la, lb) = (a.rect.width(), b.rect.width());
                if a.total.units > b.total.units {
                    // At least one physical pixel apart (1 point is 1 pixel here).
                    assert!(la >= lb + 1.0, "{:?} {la} vs {:?} {lb}", a.total, b.total);
                } else if a.total == b.total {
                    assert_eq!(la, lb);
                }
                assert_eq!(a.rect.left(), b.rect.left(), "one baseline");
            }
        }
        // The six over 89 points used to draw the same full bar.
        let top: Vec<f32> = bars[..6].iter().map(|b| b.rect.width()).collect();
        assert!(top.windows(2).all(|w| w[0] >= w[1]) && top[0] > top[5]);
    }
}

#[test]
fn the_chair_opens_the_projector_from_the_tally_tab() {
    let dir = tempfile::tempdir().unwrap();
    let path = twelve_wards(dir.path());
    let mut h = ui_common::app(dir.path(), Some(path));
    h.key_press(Key::F3);
    h.run();
    h.get_by_label("Màn hình chiếu").click();
    h.run();
    assert!(h.state().projector.open);
    let meeting = ui_common::meeting(&h);
    let config = meeting.config();
    let window = h.get_by_label("thidua — màn hình chiếu").rect();
    let mut expected = Vec::new();
    for &m in &meeting.tally.order {
        let total = meeting.tally.members[m].total.unwrap().display(',');
        expected.push(format!("{}: {total}", config.members[m].short));
    }
    let proposals: Vec<String> = meeting
        .tally
        .commendations
        .iter()
        .flat_map(|c| &c.proposals)
        .map(|p| {
            format!(
                "{} ({})",
                config.members[p.member].short,
                p.status.text(Lang::Vi)
            )
        })
        .collect();
    for text in &expected {
        let bar = h.get_by_role_and_label(Role::ProgressIndicator, text);
        assert!(bar.rect().left() >= window.left(), "{text}");
    }
    assert_eq!(proposals.len(), 4);
    for text in &proposals {
        let rect = h.get_by_label(text).rect();
        assert!(
            rect.left() >= window.left() && rect.top() > window.top(),
            "{text}"
        );
    }
}

// ----------------------------------------------------------------------------
// Bar lengths

/// Totals for one meeting: spread over a wide range, or crowded within a point.
fn totals() -> impl Strategy<Value = (u8, Vec<i64>)> {
    (
        0u8..=2,
        prop_oneof![
            prop::collection::vec(-5_000i64..=30_000, 30),
            prop::collection::vec(9_500i64..=9_600, 30),
            prop::collection::vec(prop::sample::select(vec![8_250i64, 8_251, 9_561]), 30),
        ],
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 600,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// For every member count up to 30 and the bar tracks measured on screen at
    /// 1280×720 and 1920×1080: a higher total draws a strictly longer bar, equal
    /// totals equal bars, and the length is linear in the total (the scale tells
    /// no more than the numbers).
    #[test]
    fn a_higher_total_always_draws_a_longer_bar(
        which in 0usize..58,
        alone in prop::bool::weighted(0.05),
        max_intervals in 2usize..=10,
        (decimals, units) in totals(),
    ) {
        let seen = observed();
        let s = seen[which % seen.len()];
        // One member is no cluster (the app needs two), but its bar is checked too,
        // on another screen's track.
        let members = if alone { 1 } else { s.members };
        let track = s.track;
        let totals: Vec<Rounded> = units[..members]
            .iter()
            .map(|&u| Rounded { units: u, decimals })
            .collect();
        let scale = BarScale::new(&totals, max_intervals).unwrap();
        prop_assert!(scale.low < scale.high);
        prop_assert!((scale.high - scale.low) / scale.step <= 10);
        let span = (scale.high - scale.low) as f64;
        for &a in &totals {
            let la = scale.length(a, track);
            prop_assert!((0.0..=track).contains(&la));
            for &b in &totals {
                let lb = scale.length(b, track);
                if a.units < b.units {
                    prop_assert!(la < lb, "{a:?} {la} !< {b:?} {lb} on {scale:?}, track {track}");
                } else if a.units == b.units {
                    prop_assert_eq!(la, lb);
                }
                let expected = (b.units - a.units) as f64
                    * 10f64.powi(i32::from(scale.decimals - decimals)) / span
                    * f64::from(track);
                prop_assert!(((lb - la) as f64 - expected).abs() < 1e-3);
            }
        }
    }
}
