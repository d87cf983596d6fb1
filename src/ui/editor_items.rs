//! The criteria of a group in the cluster editor: items, and (version 2) headings
//! with their own items to any depth, each item with its kind and what the kind
//! needs: a rate, plus and minus rates, each member's registered target, who enters
//! it, and the members it does not apply to.

use super::editor_form::Form;
use crate::model::draft::{FieldKind, FieldPath};
use crate::text::editor::ED;
use eframe::egui::{self, RichText};
use serde_json::{Value, json};

const TEXT: FieldKind = FieldKind::Text;
const OPTIONAL: FieldKind = FieldKind::OptionalText;
const NUMBER: FieldKind = FieldKind::Number { optional: false };
const OPTIONAL_NUMBER: FieldKind = FieldKind::Number { optional: true };

use super::editor_sections::ROW_BUTTONS;
const KIND_WIDTH: f32 = 220.0;
/// How far each level of headings is drawn in.
const INDENT: f32 = 24.0;

/// Where the group's rows end, measured where the group starts.
fn row_width_id() -> egui::Id {
    egui::Id::unique("editor-item-row-width")
}

fn kinds_id() -> egui::Id {
    egui::Id::unique("editor-item-kinds")
}

/// Whether every item shows its kind, who enters it and where it does not apply:
/// asked for with a tick, and always for a version 2 config.
fn showing_kinds(ui: &egui::Ui, form: &Form) -> bool {
    let ticked = ui.data(|d| d.get_temp::<bool>(kinds_id())).unwrap_or(false);
    ticked
        || form.draft.text(&FieldPath::root().key("format"), '.')
            == crate::model::config::CLUSTER_FORMAT_V2
}

/// The tick that shows every item's kind (a version 1 config keeps its rows as
/// they were until it is ticked).
pub fn kinds_switch(ui: &mut egui::Ui, form: &Form) {
    if form.draft.text(&FieldPath::root().key("format"), '.')
        == crate::model::config::CLUSTER_FORMAT_V2
    {
        return;
    }
    let mut on = ui.data(|d| d.get_temp::<bool>(kinds_id())).unwrap_or(false);
    if ui.checkbox(&mut on, ED::ShowKinds.get(form.lang)).changed() {
        ui.data_mut(|d| d.insert_temp(kinds_id(), on));
    }
}

/// The entries of `list` (a group's or a heading's `items`); `place` numbers them
/// for their labels (`2` for group 2, `2.1` for its first heading).
pub fn entries(
    ui: &mut egui::Ui,
    form: &mut Form,
    list: &FieldPath,
    (place, parent_id): (&str, &str),
    depth: usize,
) {
    // The group's widths, measured where the group starts: a heading's rows are
    // indented, and end where the group's rows end.
    let id = egui::Id::unique(("editor-item-widths", depth == 0));
    let [name_w, guide_w] = if depth == 0 {
        let measured = super::editor_sections::widths(
            ui,
            24.0 + 56.0 + 2.0 * 84.0 + ROW_BUTTONS,
            7,
            [0.58, 0.42],
        );
        let row = ui.available_width();
        ui.data_mut(|d| {
            d.insert_temp(id, measured);
            d.insert_temp(row_width_id(), row);
        });
        measured
    } else {
        let [name, guide] = ui
            .data(|d| d.get_temp::<[f32; 2]>(egui::Id::unique(("editor-item-widths", true))))
            .unwrap_or([300.0, 200.0]);
        [(name - INDENT * depth as f32).max(160.0), guide]
    };
    let lang = form.lang;
    form.problems_at(ui, list);
    let has_items =
        (0..form.draft.len(list)).any(|i| form.draft.get(&list.at(i).key("items")).is_none());
    if has_items {
        super::editor_sections::headings(
            ui,
            form,
            list,
            &[
                (ED::ItemId, 56.0),
                (ED::ItemName, name_w),
                (ED::ItemMax, 84.0),
                (ED::ItemStep, 84.0),
                (ED::ItemGuide, guide_w),
            ],
        );
    }
    let mut i = 0;
    while i < form.draft.len(list) {
        let entry = list.at(i);
        let position = format!("{place}.{}", i + 1);
        let moved = if form.draft.get(&entry.key("items")).is_some() {
            heading(ui, form, list, i, &position, depth)
        } else {
            item(
                ui,
                form,
                list,
                i,
                (place, &position, depth),
                (name_w, guide_w),
            )
        };
        if moved {
            // The rows below moved: they are drawn next frame, each once.
            ui.ctx().request_repaint();
            return;
        }
        i += 1;
    }
    ui.horizontal(|ui| {
        // A heading is named by its id, as the secretary wrote it ("I.2.a").
        let named = if parent_id.is_empty() {
            place
        } else {
            parent_id
        };
        let add_item = if depth == 0 {
            ED::AddItem.fill(lang, &[&place])
        } else {
            ED::AddItemUnder.fill(lang, &[&named])
        };
        if ui.button(add_item).clicked() {
            let id = format!("{parent_id}.{}", form.draft.len(list) + 1);
            form.draft
                .push(list, json!({"id": id, "name": "", "max": 1, "step": 0.5}));
            form.changed = true;
        }
        let add_heading = if depth == 0 {
            ED::AddHeading.fill(lang, &[&place])
        } else {
            ED::AddHeadingUnder.fill(lang, &[&named])
        };
        if depth + 2 < crate::model::config_tree::MAX_LEVELS && ui.button(add_heading).clicked() {
            let id = format!("{parent_id}.{}", form.draft.len(list) + 1);
            form.draft
                .push(list, json!({"id": id, "name": "", "items": []}));
            form.changed = true;
        }
    });
}

/// A heading's row (id, name, optional cap), then its entries, indented.
fn heading(
    ui: &mut egui::Ui,
    form: &mut Form,
    list: &FieldPath,
    i: usize,
    position: &str,
    depth: usize,
) -> bool {
    let lang = form.lang;
    let entry = list.at(i);
    let field = |what: ED| ED::HeadingField.fill(lang, &[&position, &what.get(lang)]);
    form.start_row();
    // Measured from where the group's rows end, not from the indented space.
    let row = ui
        .data(|d| d.get_temp::<f32>(row_width_id()))
        .unwrap_or(900.0);
    let name_w = (row - INDENT * depth as f32 - ROW_BUTTONS - 470.0).max(200.0);
    let moved = ui
        .horizontal(|ui| {
            ui.label(RichText::new(ED::HeadingWord.get(lang)).strong());
            form.text(ui, &entry.key("id"), TEXT, &field(ED::GroupId), 70.0);
            form.text(
                ui,
                &entry.key("name"),
                TEXT,
                &field(ED::HeadingName),
                name_w,
            );
            ui.label(ED::HeadingCap.get(lang));
            form.text(
                ui,
                &entry.key("cap"),
                OPTIONAL_NUMBER,
                &field(ED::HeadingCap),
                70.0,
            );
            form.row_buttons(ui, list, i, &field(ED::HeadingName))
        })
        .inner;
    if moved {
        return true;
    }
    form.problems_under(ui, &entry);
    let id = form.draft.text(&entry.key("id"), '.');
    ui.indent(("heading", position.to_string()), |ui| {
        entries(ui, form, &entry.key("items"), (position, &id), depth + 1);
    });
    false
}

/// The most a list of entries gives: items' maxima, each heading's capped.
pub fn list_max(form: &Form, list: &FieldPath) -> i64 {
    (0..form.draft.len(list))
        .map(|i| {
            let entry = list.at(i);
            let points = |key: &str| {
                crate::model::points::Points::parse(&form.draft.text(&entry.key(key), '.'))
                    .ok()
                    .map(|p| p.0)
            };
            if form.draft.get(&entry.key("items")).is_some() {
                let sum = list_max(form, &entry.key("items"));
                points("cap").map_or(sum, |cap| sum.min(cap))
            } else {
                points("max").unwrap_or(0)
            }
        })
        .sum()
}

/// An item's row (id, name, maximum, step for points, guide), then a line with its
/// kind and what the kind needs.
fn item(
    ui: &mut egui::Ui,
    form: &mut Form,
    list: &FieldPath,
    i: usize,
    (place, position, depth): (&str, &str, usize),
    (name_w, guide_w): (f32, f32),
) -> bool {
    let lang = form.lang;
    let entry = list.at(i);
    let field = |what: ED| ED::ItemField.fill(lang, &[&place, &(i + 1), &what.get(lang)]);
    let kind = form.draft.text(&entry.key("kind"), '.');
    form.start_row();
    let moved = ui
        .horizontal(|ui| {
            ui.add_sized([24.0, 24.0], egui::Label::new(format!("{}.", i + 1)));
            form.text(ui, &entry.key("id"), TEXT, &field(ED::ItemId), 56.0);
            form.multiline(
                ui,
                &entry.key("name"),
                TEXT,
                &field(ED::ItemName),
                name_w,
                2,
            );
            form.text(ui, &entry.key("max"), NUMBER, &field(ED::ItemMax), 84.0);
            if kind.is_empty() || kind == "points" {
                form.text(ui, &entry.key("step"), NUMBER, &field(ED::ItemStep), 84.0);
            } else {
                ui.add_space(84.0 + ui.spacing().item_spacing.x);
            }
            form.multiline(
                ui,
                &entry.key("guide"),
                OPTIONAL,
                &field(ED::ItemGuide),
                guide_w,
                2,
            );
            form.row_buttons(ui, list, i, &field(ED::ItemName))
        })
        .inner;
    if moved {
        return true;
    }
    form.problems_under(ui, &entry);
    // What the kind needs, who enters it and where it does not apply: on a line of
    // its own only where there is something to say, so plain items stay one row.
    let kind = form.draft.text(&entry.key("kind"), '.');
    let asked = showing_kinds(ui, form);
    let set = |key: &str| form.draft.get(&entry.key(key)).is_some();
    if asked || !(kind.is_empty() || kind == "points") || set("entered_by") || set("not_assigned") {
        let row = ui.data(|d| d.get_temp::<f32>(row_width_id()));
        ui.indent(("item-kind", position.to_string()), |ui| {
            // Wrapped lines (the targets of 30 members) wrap where the rows end.
            if let Some(row) = row {
                ui.set_max_width((row - INDENT * (depth + 1) as f32).max(300.0));
            }
            ui.horizontal(|ui| {
                ui.label(ED::ItemKind.get(lang));
                kind_choice(ui, form, &entry, &field);
            });
            kind_line(ui, form, &entry, &field);
            if kind == "target" {
                targets(ui, form, &entry, &field);
            }
            not_assigned(ui, form, &entry, &field);
        });
    }
    false
}

/// The kind's choice in the item's row; changing it keeps the fields the kind uses.
fn kind_choice(
    ui: &mut egui::Ui,
    form: &mut Form,
    entry: &FieldPath,
    field: &dyn Fn(ED) -> String,
) {
    let lang = form.lang;
    let before = form.draft.text(&entry.key("kind"), '.');
    form.choice(
        ui,
        &entry.key("kind"),
        &options(
            &[
                ("pass_fail", ED::KindPassFail),
                ("per_occurrence", ED::KindPerOccurrence),
                ("plus_minus", ED::KindPlusMinus),
                ("target", ED::KindTarget),
            ],
            lang,
        ),
        Some(ED::KindPoints.get(lang)),
        &field(ED::ItemKind),
        KIND_WIDTH - 24.0,
    );
    let after = form.draft.text(&entry.key("kind"), '.');
    if after != before {
        // The fields of the kind it was go (the loader would refuse them); a step
        // belongs to typed points; a target needs a formula.
        use crate::model::config_tree::kind_fields;
        let was = if before.is_empty() { "points" } else { &before };
        let now = if after.is_empty() {
            "points"
        } else {
            after.as_str()
        };
        for key in kind_fields(was) {
            if !kind_fields(now).contains(key) {
                form.draft.set(&entry.key(key), None);
            }
        }
        if now == "points" && form.draft.get(&entry.key("step")).is_none() {
            form.draft.set(&entry.key("step"), Some(json!(0.5)));
        }
        if after == "target" && form.draft.get(&entry.key("formula")).is_none() {
            form.draft
                .set(&entry.key("formula"), Some(Value::from("ratio")));
        }
        form.changed = true;
    }
}

fn options(list: &[(&str, ED)], lang: crate::text::Lang) -> Vec<(String, String)> {
    list.iter()
        .map(|(v, l)| (v.to_string(), l.get(lang).to_string()))
        .collect()
}

/// The fields the kind needs, and who enters it.
fn kind_line(ui: &mut egui::Ui, form: &mut Form, entry: &FieldPath, field: &dyn Fn(ED) -> String) {
    let lang = form.lang;
    ui.horizontal_wrapped(|ui| {
        let kind = form.draft.text(&entry.key("kind"), '.');
        let number = |form: &mut Form, ui: &mut egui::Ui, key: &str, label: ED, kind: FieldKind| {
            ui.label(label.get(lang));
            form.text(ui, &entry.key(key), kind, &field(label), 70.0);
        };
        match kind.as_str() {
            "per_occurrence" => number(form, ui, "rate", ED::Rate, NUMBER),
            "plus_minus" => {
                number(form, ui, "bonus_rate", ED::BonusRate, NUMBER);
                number(form, ui, "penalty_rate", ED::PenaltyRate, NUMBER);
                number(form, ui, "min", ED::MinPoints, OPTIONAL_NUMBER);
                number(form, ui, "max_bonus", ED::MaxBonus, OPTIONAL_NUMBER);
            }
            "target" => {
                ui.label(ED::Formula.get(lang));
                form.choice(
                    ui,
                    &entry.key("formula"),
                    &options(
                        &[
                            ("ratio", ED::FormulaRatio),
                            ("relative_to_best", ED::FormulaRelative),
                        ],
                        lang,
                    ),
                    None,
                    &field(ED::Formula),
                    200.0,
                );
                number(form, ui, "decimals", ED::ItemDecimals, OPTIONAL_NUMBER);
            }
            _ => {}
        }
        ui.label(ED::EnteredBy.get(lang));
        form.choice(
            ui,
            &entry.key("entered_by"),
            &options(&[("scorers", ED::ByScorers), ("chair", ED::ByChair)], lang),
            Some(ED::EnteredByDefault.get(lang)),
            &field(ED::EnteredBy),
            180.0,
        );
    });
}

/// Each member's registered target, in a row of small fields.
fn targets(ui: &mut egui::Ui, form: &mut Form, entry: &FieldPath, field: &dyn Fn(ED) -> String) {
    let lang = form.lang;
    let members = member_names(form);
    ui.label(RichText::new(ED::TargetsTitle.get(lang)).strong());
    // A name and its field stay together, as many pairs to a line as fit.
    let per_line = ((ui.max_rect().width() / 250.0) as usize).max(1);
    egui::Grid::new(("targets", entry.to_string()))
        .num_columns(2 * per_line)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for (n, (id, short)) in members.iter().enumerate() {
                ui.label(short);
                let name = format!("{}: {short}", field(ED::TargetOf));
                form.text(ui, &entry.key("targets").key(id), NUMBER, &name, 90.0);
                if (n + 1) % per_line == 0 {
                    ui.end_row();
                }
            }
        });
    form.problems_under(ui, &entry.key("targets"));
}

/// The members the item does not apply to, ticked.
fn not_assigned(
    ui: &mut egui::Ui,
    form: &mut Form,
    entry: &FieldPath,
    field: &dyn Fn(ED) -> String,
) {
    let lang = form.lang;
    let members = member_names(form);
    let path = entry.key("not_assigned");
    let mut list: Vec<String> = form
        .draft
        .get(&path)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let before = list.clone();
    egui::CollapsingHeader::new(ED::NotAssignedTitle.fill(lang, &[&list.len()]))
        .id_salt(("not-assigned", path.to_string()))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for (id, short) in &members {
                    let mut off = list.contains(id);
                    let name = format!("{}: {short}", field(ED::NotAssignedTo));
                    if ui
                        .checkbox(&mut off, short.as_str())
                        .on_hover_text(&name)
                        .changed()
                    {
                        if off {
                            list.push(id.clone());
                        } else {
                            list.retain(|x| x != id);
                        }
                    }
                }
            });
        });
    if list != before {
        let value = (!list.is_empty()).then(|| json!(list));
        form.draft.set(&path, value);
        form.changed = true;
    }
    form.problems_under(ui, &path);
}

/// (id, short name) of every member, as the draft has them now.
fn member_names(form: &Form) -> Vec<(String, String)> {
    let members = FieldPath::root().key("members");
    (0..form.draft.len(&members))
        .map(|m| {
            let member = members.at(m);
            let id = form.draft.text(&member.key("id"), '.');
            let short = form.draft.text(&member.key("short"), '.');
            let short = if short.is_empty() {
                form.draft.text(&member.key("name"), '.')
            } else {
                short
            };
            (id, short)
        })
        .filter(|(id, _)| !id.is_empty())
        .collect()
}
