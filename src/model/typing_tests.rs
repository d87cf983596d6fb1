use super::points::{Points, PointsError};
use super::testkit::{config, config_json};
use super::typing::{CellKey, CellText, Effect, SheetLayout, SheetTyping, Step, TypingKey};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// A sheet typed into a store the way the app does it: every saved value is
/// committed before the next key reads the cells.
struct Desk {
    config: super::Config,
    layout: SheetLayout,
    typing: SheetTyping,
    store: BTreeMap<CellKey, Points>,
    saves: usize,
}

impl Desk {
    fn new(members: usize) -> Desk {
        let config = config(&config_json(members));
        let layout = SheetLayout::new(&config, 0);
        let mut desk = Desk {
            config,
            layout,
            typing: SheetTyping::default(),
            store: BTreeMap::new(),
            saves: 0,
        };
        let first = desk.layout.key_at((0, 0)).unwrap();
        desk.go_to(first);
        desk
    }

    fn apply(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        for effect in &effects {
            if let Effect::Save(key, value) = effect {
                self.saves += 1;
                match value {
                    Some(v) => self.store.insert(*key, *v),
                    None => self.store.remove(key),
                };
            }
        }
        let store = self.store.clone();
        self.typing.new_frame(&move |k| store.get(&k).copied());
        effects
    }

    fn go_to(&mut self, key: CellKey) -> Vec<Effect> {
        let store = self.store.clone();
        let effects = self
            .typing
            .go_to(&self.config, &self.layout, key, &|k| store.get(&k).copied());
        self.apply(effects)
    }

    fn press(&mut self, key: TypingKey) -> Vec<Effect> {
        let store = self.store.clone();
        let effects = self
            .typing
            .press(&self.config, &self.layout, key, &|k| store.get(&k).copied());
        self.apply(effects)
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(TypingKey::Char(c));
        }
    }

    fn cursor(&self) -> CellKey {
        self.typing.cursor(&self.layout).unwrap()
    }

    fn shown(&self, key: CellKey) -> CellText {
        let store = self.store.clone();
        self.typing
            .text_of(&self.layout, key, &move |k| store.get(&k).copied())
    }
}

fn key(desk: &Desk, item: &str, target: usize) -> CellKey {
    (target, desk.config.cell(item).unwrap())
}

#[test]
fn a_refused_value_stays_in_its_cell_and_the_next_value_lands_in_the_next_cell() {
    let mut desk = Desk::new(4);
    desk.type_text("12");
    desk.press(TypingKey::Move(Step::Next));
    desk.type_text("7,5");
    desk.press(TypingKey::Move(Step::Next));
    let refused = key(&desk, "1.1", 1);
    assert_eq!(desk.store.get(&refused), None, "12 is above 10: not saved");
    assert_eq!(
        desk.shown(refused),
        CellText::Refused(super::typing::Refusal {
            text: "12".into(),
            error: PointsError::AboveMax { max: Points(1000) },
            over: None,
        })
    );
    assert_eq!(desk.store.get(&key(&desk, "1.1", 2)), Some(&Points(750)));
    assert_eq!(desk.cursor(), key(&desk, "1.1", 3));
}

#[test]
fn a_refused_value_over_a_saved_one_leaves_the_saved_one() {
    let mut desk = Desk::new(3);
    desk.type_text("4");
    desk.press(TypingKey::Move(Step::Left));
    let cell = key(&desk, "1.1", 1);
    assert_eq!(desk.store.get(&cell), Some(&Points(400)));
    desk.type_text("4,25");
    let effects = desk.press(TypingKey::Move(Step::Down));
    assert_eq!(effects, vec![Effect::Refused(cell)]);
    assert_eq!(desk.store.get(&cell), Some(&Points(400)), "still saved");
    assert!(matches!(desk.shown(cell), CellText::Refused(_)));
    // Esc in the refused cell shows the saved value again.
    desk.go_to(cell);
    desk.press(TypingKey::Escape);
    assert_eq!(desk.shown(cell), CellText::Saved(Some(Points(400))));
    assert_eq!(desk.cursor(), cell, "Esc keeps the cursor where it is");
}

#[test]
fn correcting_a_refused_cell_saves_it_and_clears_the_refusal() {
    let mut desk = Desk::new(3);
    let cell = desk.cursor();
    desk.type_text("abc");
    desk.press(TypingKey::Move(Step::Next));
    desk.go_to(cell);
    // Backspace edits the refused text as it stands.
    desk.press(TypingKey::Backspace);
    assert_eq!(desk.shown(cell), CellText::Typing("ab".into()));
    desk.press(TypingKey::Delete);
    desk.type_text("9");
    desk.press(TypingKey::Move(Step::Next));
    assert_eq!(desk.store.get(&cell), Some(&Points(900)));
    assert_eq!(desk.typing.refused().count(), 0);
}

#[test]
fn past_the_last_cell_typing_goes_nowhere() {
    let mut desk = Desk::new(2);
    let last = desk.layout.keys().last().unwrap();
    desk.go_to(last);
    desk.type_text("1");
    let effects = desk.press(TypingKey::Move(Step::Next));
    assert_eq!(
        effects,
        vec![Effect::Save(last, Some(Points(100))), Effect::PastEnd]
    );
    desk.type_text("3");
    desk.press(TypingKey::Move(Step::Next));
    assert_eq!(
        desk.store.get(&last),
        Some(&Points(100)),
        "the 3 went nowhere"
    );
    assert_eq!(desk.saves, 1);
}

#[test]
fn emptying_a_cell_saves_no_value_and_an_unchanged_value_saves_nothing() {
    let mut desk = Desk::new(2);
    let cell = desk.cursor();
    desk.type_text("5");
    desk.press(TypingKey::Move(Step::Right));
    desk.go_to(cell);
    desk.type_text("5,0");
    assert!(desk.press(TypingKey::Move(Step::Down)).is_empty());
    desk.go_to(cell);
    desk.press(TypingKey::Delete);
    assert_eq!(
        desk.press(TypingKey::Move(Step::Down)),
        vec![Effect::Save(cell, None)]
    );
}

/// What one cell of a paper sheet says.
#[derive(Clone, Debug)]
enum Written {
    /// Within the limits (hundredths, on the step).
    Valid(i64),
    /// Refused: the text and why.
    Invalid(String),
    Blank,
}

fn written(max: i64) -> impl Strategy<Value = Written> {
    prop_oneof![
        4 => (0..=max / 50).prop_map(|h| Written::Valid(h * 50)),
        2 => prop_oneof![
            (max / 100 + 1..max / 100 + 40).prop_map(|p| p.to_string()),
            (0..max / 100).prop_map(|p| format!("{p},25")),
            Just("x".to_string()),
            Just("1,2,3".to_string()),
            Just("-1".to_string()),
        ]
        .prop_map(Written::Invalid),
        1 => Just(Written::Blank),
    ]
}

fn text_of(w: &Written, comma: bool) -> String {
    match w {
        Written::Valid(h) => Points(*h).display(if comma { ',' } else { '.' }),
        Written::Invalid(t) => t.clone(),
        Written::Blank => String::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A paper sheet copied cell by cell with Tab (or Enter at a row's end): every
    /// valid value lands in its own cell, every refused one leaves its cell empty and
    /// refused, whatever comes before or after it.
    #[test]
    fn a_paper_sheet_typed_with_tab_lands_cell_for_cell(
        members in 2usize..9,
        cells in proptest::collection::vec((written(1000), any::<bool>()), 5 * 8),
    ) {
        let mut desk = Desk::new(members);
        let keys: Vec<CellKey> = desk.layout.keys().collect();
        let mut expected = BTreeMap::new();
        let mut refused = Vec::new();
        for (key, (paper, comma)) in keys.iter().zip(&cells) {
            prop_assert_eq!(desk.cursor(), *key, "the cursor walks in Tab order");
            let max = desk.config.cells[key.1].max.0;
            let paper = match paper {
                Written::Valid(h) if *h > max => Written::Invalid(Points(*h).display(',')),
                other => other.clone(),
            };
            desk.type_text(&text_of(&paper, *comma));
            match paper {
                Written::Valid(h) => { expected.insert(*key, Points(h)); }
                Written::Invalid(_) => refused.push(*key),
                Written::Blank => {}
            }
            desk.press(TypingKey::Move(Step::Next));
        }
        prop_assert_eq!(&desk.store, &expected);
        let got: Vec<CellKey> = desk.typing.refused().map(|(k, _)| *k).collect();
        refused.sort();
        prop_assert_eq!(got, refused);
        prop_assert_eq!(desk.saves, expected.len(), "one save per value, none twice");
    }

    /// Any mix of typing and moving: each save names the cell the cursor was in while
    /// the text was typed, with exactly the value of that text.
    #[test]
    fn every_save_is_for_the_cell_the_text_was_typed_in(
        actions in proptest::collection::vec(
            prop_oneof![
                3 => "[0-9]{1,2}([,.][05])?".prop_map(Some),
                1 => "[0-9x,.]{1,4}".prop_map(Some),
                3 => (0usize..6).prop_map(|_| None),
            ],
            1..80,
        ),
        steps in proptest::collection::vec(0usize..6, 80),
    ) {
        let mut desk = Desk::new(5);
        let all = [Step::Next, Step::Previous, Step::Down, Step::Up, Step::Left, Step::Right];
        let mut typed_here: Option<(CellKey, String)> = None;
        for (i, action) in actions.iter().enumerate() {
            match action {
                Some(text) => {
                    if !desk.typing.is_past_end() {
                        let here = desk.cursor();
                        let so_far = typed_here.take().filter(|(k, _)| *k == here);
                        let mut t = so_far.map(|(_, t)| t).unwrap_or_default();
                        t.push_str(text);
                        typed_here = Some((here, t));
                    }
                    desk.type_text(text);
                }
                None => {
                    let before = desk.store.clone();
                    let was_refused = typed_here
                        .as_ref()
                        .is_some_and(|(key, _)| desk.typing.refusal(*key).is_some());
                    let effects = desk.press(TypingKey::Move(all[steps[i % steps.len()]]));
                    let expected = typed_here.take().map(|(key, text)| {
                        let text: String = text.chars().take(12).collect();
                        match super::typing::read_value(&desk.config, key.1, &text) {
                            Err(_) => Some(Effect::Refused(key)),
                            // Nothing to save; a refused text there is taken away.
                            Ok(v) if before.get(&key).copied() == v => {
                                was_refused.then_some(Effect::Dropped(key))
                            }
                            Ok(v) => Some(Effect::Save(key, v)),
                        }
                    });
                    let first = effects.into_iter().find(|e| !matches!(e, Effect::PastEnd));
                    prop_assert_eq!(first, expected.flatten());
                }
            }
        }
    }
}

#[test]
fn emptying_a_refused_cell_takes_its_text_away_and_a_later_save_elsewhere_ends_it() {
    let mut desk = Desk::new(3);
    let cell = desk.cursor();
    desk.type_text("12");
    desk.press(TypingKey::Move(Step::Next));
    desk.go_to(cell);
    desk.press(TypingKey::Delete);
    // Nothing to save (the cell held nothing), but the refused text goes.
    assert_eq!(
        desk.press(TypingKey::Move(Step::Next)),
        vec![Effect::Dropped(cell)]
    );
    assert_eq!(desk.typing.refused().count(), 0);
    // Refused over a saved 4; then the 4 is changed elsewhere (an undo, a laptop).
    desk.go_to(cell);
    desk.type_text("4");
    desk.press(TypingKey::Move(Step::Next));
    desk.go_to(cell);
    desk.type_text("11");
    desk.press(TypingKey::Move(Step::Next));
    assert_eq!(desk.typing.refused().count(), 1);
    desk.store.insert(cell, Points(300));
    desk.apply(Vec::new());
    assert_eq!(
        desk.typing.refused().count(),
        0,
        "the refusal was about a 4"
    );
}
