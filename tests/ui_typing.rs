//! Every key lands in the cell that had focus when it was pressed, even when a whole
//! run of keys arrives in one frame (a fast typist, a slow laptop): Tab, Shift+Tab,
//! Enter, Backspace, `,` and `.`, and a click racing the keys.

use eframe::egui::{Key, Modifiers, accesskit::Role};
use egui_kittest::kittest::Queryable as _;
use thidua::model::points::Points;

mod ui_common;
use ui_common::{App, app, click_at, in_one_frame, key, key_with, meeting, set_up_sample, typed};

const TARGETS: [&str; 5] = [
    "hoang-mai",
    "hoan-kiem",
    "dong-da",
    "hai-ba-trung",
    "long-bien",
];
const SHORT: [&str; 5] = [
    "Hoàng Mai",
    "Hoàn Kiếm",
    "Đống Đa",
    "Hai Bà Trưng",
    "Long Biên",
];

fn score(h: &App, target: &str, item: &str) -> Option<Points> {
    let m = meeting(h);
    let c = m.config();
    m.session().score(
        c.member("ba-dinh").unwrap(),
        c.member(target).unwrap(),
        c.cell(item).unwrap(),
    )
}

fn cell_label(item: &str, member: &str) -> String {
    format!("Điểm {item} cho {member}")
}

fn focused(h: &App, item: &str, member: &str) -> bool {
    h.get_by_role_and_label(Role::TextInput, &cell_label(item, member))
        .is_focused()
}

#[test]
fn the_sheet_opens_with_its_first_empty_cell_focused() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    set_up_sample(&mut h);
    assert!(
        focused(&h, "1.1", "Hoàng Mai"),
        "typing goes to 1.1 at once"
    );

    // Typing without touching the mouse lands there.
    in_one_frame(&mut h, [typed("4"), vec![key(Key::Tab)]].concat());
    assert_eq!(score(&h, "hoang-mai", "1.1"), Some(Points(400)));

    // Another delegate's sheet: its first empty cell takes focus too.
    in_one_frame(&mut h, vec![key_with(Key::PageDown, Modifiers::COMMAND)]);
    let m = meeting(&h);
    assert_eq!(m.config().members[m.delegate].id, "hoang-mai");
    assert!(focused(&h, "1.1", "Ba Đình"));

    // Back to Ba Đình: the first EMPTY cell, not the one already scored.
    in_one_frame(&mut h, vec![key_with(Key::PageUp, Modifiers::COMMAND)]);
    assert!(focused(&h, "1.1", "Hoàn Kiếm"));
}

#[test]
fn keys_of_a_whole_run_of_cells_in_one_frame_land_where_they_were_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    set_up_sample(&mut h);
    assert!(focused(&h, "1.1", "Hoàng Mai"));

    let tab = || key(Key::Tab);
    let back_tab = || key_with(Key::Tab, Modifiers::SHIFT);
    let enter = || key(Key::Enter);
    let backspace = || key(Key::Backspace);
    // One frame holds all of this: nine values, every way of leaving a cell.
    let events = [
        typed("2,5"),
        vec![tab()],
        typed("3"),
        vec![tab()],
        typed("1.5"),
        vec![tab()],
        typed("4"),
        vec![backspace()],
        typed("2"),
        vec![tab()],
        typed("1"),
        vec![back_tab()],
        // Back on Hai Bà Trưng: its "2" is selected, so "0,5" replaces it.
        typed("0,5"),
        vec![enter()],
        // Enter went down to 1.2 for Hai Bà Trưng.
        typed("5"),
        vec![back_tab()],
        typed("4.5"),
        vec![back_tab()],
        typed("3,0"),
        vec![tab(), tab(), tab()],
        // 1.2 Long Biên, then Tab wraps to 1.3 Hoàng Mai.
        typed("2"),
        vec![tab()],
        typed("0"),
        vec![tab()],
    ]
    .concat();
    in_one_frame(&mut h, events);

    let expected = [
        ("1.1", 0, Some(250)),
        ("1.1", 1, Some(300)),
        ("1.1", 2, Some(150)),
        ("1.1", 3, Some(50)),
        ("1.1", 4, Some(100)),
        ("1.2", 0, None),
        ("1.2", 1, Some(300)),
        ("1.2", 2, Some(450)),
        ("1.2", 3, Some(500)),
        ("1.2", 4, Some(200)),
        ("1.3", 0, Some(0)),
    ];
    for (item, t, value) in expected {
        assert_eq!(
            score(&h, TARGETS[t], item),
            value.map(Points),
            "{item} for {}",
            SHORT[t]
        );
    }
    assert!(focused(&h, "1.3", "Hoàn Kiếm"), "focus followed the keys");
    assert!(h.state().grid.refused_cells(0).is_empty());
    // Exactly one committed event per stored value: nothing typed twice.
    let stored = expected.iter().filter(|e| e.2.is_some()).count();
    let scores = meeting(&h)
        .file
        .records()
        .unwrap()
        .iter()
        .filter(|r| r.event.kind() == "score")
        .count();
    assert_eq!(
        scores,
        stored + 1,
        "one event per value, one more for the corrected 2"
    );
}

#[test]
fn a_refused_value_stays_in_its_cell_and_the_keys_that_follow_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    set_up_sample(&mut h);
    // 9 is over the maximum of 6: refused and kept in its cell; Tab moves on as from
    // any cell, so "5,5" lands in the next cell, where it was typed.
    let events = [
        typed("9"),
        vec![key(Key::Tab)],
        typed("5,5"),
        vec![key(Key::Tab)],
    ]
    .concat();
    in_one_frame(&mut h, events);
    assert_eq!(score(&h, "hoang-mai", "1.1"), None, "9 refused");
    assert_eq!(score(&h, "hoan-kiem", "1.1"), Some(Points(550)));
    assert!(focused(&h, "1.1", "Đống Đa"));
    let cell = {
        let c = meeting(&h).config();
        (c.member("hoang-mai").unwrap(), c.cell("1.1").unwrap())
    };
    assert_eq!(
        h.state().grid.refusal(0, cell).map(|r| r.text.as_str()),
        Some("9")
    );
}

#[test]
fn a_click_racing_the_keys_splits_them_between_the_two_cells() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    set_up_sample(&mut h);
    let other = h
        .get_by_role_and_label(Role::TextInput, &cell_label("1.2", "Đống Đa"))
        .rect()
        .center();
    // "3" was typed in 1.1 Hoàng Mai, then the click, then "4": all in one frame.
    let events = [
        typed("3"),
        click_at(other),
        typed("4"),
        vec![key(Key::Enter)],
    ]
    .concat();
    in_one_frame(&mut h, events);
    assert_eq!(score(&h, "hoang-mai", "1.1"), Some(Points(300)));
    assert_eq!(score(&h, "dong-da", "1.2"), Some(Points(400)));
}

/// A frame's values go to the file together (one wait for the disk), each still its
/// own step to take back: a cell typed twice in one frame undoes to its first value,
/// then to nothing.
#[test]
fn values_saved_together_are_taken_back_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    set_up_sample(&mut h);
    let before = meeting(&h).file.last_seq();
    let events = [
        typed("4"),
        vec![key(Key::Tab), key_with(Key::Tab, Modifiers::SHIFT)],
        typed("5"),
        vec![key(Key::Tab)],
        typed("2"),
        vec![key(Key::Tab)],
    ]
    .concat();
    in_one_frame(&mut h, events);
    assert_eq!(score(&h, "hoang-mai", "1.1"), Some(Points(500)));
    assert_eq!(score(&h, "hoan-kiem", "1.1"), Some(Points(200)));
    assert_eq!(meeting(&h).file.last_seq(), before + 3, "three events");
    for (hoang_mai, hoan_kiem) in [(Some(500), None), (Some(400), None), (None, None)] {
        in_one_frame(&mut h, vec![key_with(Key::Z, Modifiers::COMMAND)]);
        assert_eq!(score(&h, "hoang-mai", "1.1"), hoang_mai.map(Points));
        assert_eq!(score(&h, "hoan-kiem", "1.1"), hoan_kiem);
    }
}

/// A value typed and not yet left is saved in its own cell when the chair goes to
/// another page with a click, not left waiting for the sheet to come back.
#[test]
fn a_value_being_typed_is_saved_when_another_page_is_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), None);
    set_up_sample(&mut h);
    in_one_frame(&mut h, typed("4,5"));
    assert_eq!(score(&h, "hoang-mai", "1.1"), None, "still being typed");
    h.get_by_label("Tổng hợp").click();
    h.run();
    assert_eq!(score(&h, "hoang-mai", "1.1"), Some(Points(450)));
}
