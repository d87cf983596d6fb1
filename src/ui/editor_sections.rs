//! The cluster editor's sections: the cluster, members, criteria, bonus and
//! deductions, scoring rules, classes, commendations, ties.

use super::editor_form::{Form, choice_width};
use super::style;
use crate::model::criteria_table::{RowIssue, RowProblem, read_rows, split_rows};
use crate::model::draft::{FieldKind, FieldPath, slug};
use crate::text::editor::ED;
use eframe::egui::{self, RichText};
use serde_json::{Value, json};
use std::path::Path;

const TEXT: FieldKind = FieldKind::Text;
const OPTIONAL: FieldKind = FieldKind::OptionalText;
const NUMBER: FieldKind = FieldKind::Number { optional: false };
const OPTIONAL_NUMBER: FieldKind = FieldKind::Number { optional: true };

fn root(key: &str) -> FieldPath {
    FieldPath::root().key(key)
}

/// A label in a fixed-width column before its field, read from the left.
fn field_label(ui: &mut egui::Ui, text: &str) {
    ui.allocate_ui_with_layout(
        egui::vec2(260.0, 24.0),
        egui::Layout::left_to_right(egui::Align::Min),
        |ui| {
            ui.set_width(260.0);
            ui.add(egui::Label::new(text).wrap());
        },
    );
}

/// A labelled field on its own line.
fn labelled(form: &mut Form, ui: &mut egui::Ui, path: &FieldPath, kind: FieldKind, label: ED) {
    let name = label.get(form.lang);
    let width = if matches!(kind, FieldKind::Number { .. }) {
        90.0
    } else {
        420.0
    };
    ui.horizontal(|ui| {
        field_label(ui, name);
        form.text(ui, path, kind, name, width);
    });
    under_field(ui, form, path);
}

/// A field's problems under it, lined up with the field rather than its label.
fn under_field(ui: &mut egui::Ui, form: &Form, path: &FieldPath) {
    if form.messages_under(path).is_empty() {
        return;
    }
    ui.horizontal(|ui| {
        ui.add_space(264.0);
        ui.vertical(|ui| form.problems_under(ui, path));
    });
}

/// Column headings over a list's rows, at the rows' widths (none over no rows).
pub(super) fn headings(ui: &mut egui::Ui, form: &Form, list: &FieldPath, columns: &[(ED, f32)]) {
    if form.draft.len(list) == 0 {
        return;
    }
    ui.horizontal(|ui| {
        ui.add_space(30.0);
        for (heading, width) in columns {
            ui.add_sized(
                [*width, 20.0],
                egui::Label::new(RichText::new(heading.get(form.lang)).strong()),
            );
        }
    });
}

/// The width of the Up, Down and Remove buttons after a row.
pub(super) const ROW_BUTTONS: f32 = 210.0;

/// The least width of a choice in a row (a member's role, an adjustment's kind).
const KIND_WIDTH: f32 = 120.0;
/// A heading over a column of choices is this much wider than the choices, as the
/// row number before them is wider than the space before the headings.
const CHOICE_HEADING_EXTRA: f32 = 10.0;

/// Widths for a row's flexible columns: what `fixed` (and `gaps` spaces between
/// fields) leaves of the panel, shared in the given proportions.
pub(super) fn widths<const N: usize>(
    ui: &egui::Ui,
    fixed: f32,
    gaps: usize,
    shares: [f32; N],
) -> [f32; N] {
    let spacing = ui.spacing().item_spacing.x * gaps as f32;
    let left = (ui.available_width() - fixed - spacing - 20.0).max(160.0 * N as f32);
    shares.map(|share| (left * share).floor())
}

/// The rows of the list at `list`, each a number, its fields (drawn by `fields`),
/// then Up, Down and Remove named `row_name(i)`, with the row's problems under it.
/// After a row moves or goes the rest are drawn next frame, so each is drawn once.
fn rows(
    ui: &mut egui::Ui,
    form: &mut Form,
    list: &FieldPath,
    row_name: impl Fn(usize) -> String,
    mut fields: impl FnMut(&mut egui::Ui, &mut Form, usize, &FieldPath),
) {
    for i in 0..form.draft.len(list) {
        let row = list.at(i);
        form.start_row();
        let changed = ui
            .horizontal(|ui| {
                number_label(ui, i + 1);
                fields(ui, form, i, &row);
                form.row_buttons(ui, list, i, &row_name(i))
            })
            .inner;
        if changed {
            ui.ctx().request_repaint();
            return;
        }
        form.problems_under(ui, &row);
    }
}

fn number_label(ui: &mut egui::Ui, n: usize) {
    ui.add_sized([24.0, 24.0], egui::Label::new(format!("{n}.")));
}

pub fn cluster(ui: &mut egui::Ui, form: &mut Form) {
    let c = root("cluster");
    labelled(form, ui, &c.key("name"), TEXT, ED::ClusterName);
    labelled(form, ui, &c.key("id"), TEXT, ED::ClusterId);
    labelled(form, ui, &c.key("organizer"), TEXT, ED::Organizer);
    labelled(form, ui, &c.key("year"), NUMBER, ED::Year);
    labelled(form, ui, &c.key("member_label"), TEXT, ED::MemberLabel);
    let name = ED::Header.get(form.lang);
    ui.horizontal(|ui| {
        field_label(ui, name);
        form.multiline(
            ui,
            &c.key("document_header"),
            FieldKind::Lines,
            name,
            420.0,
            3,
        );
    });
    under_field(ui, form, &c.key("document_header"));
    let name = ED::Note.get(form.lang);
    ui.horizontal(|ui| {
        field_label(ui, name);
        form.multiline(ui, &c.key("note"), OPTIONAL, name, 420.0, 2);
    });
    under_field(ui, form, &c.key("note"));
    // Anything else wrong at the top of the file (its format, unknown fields).
    form.problems_at(ui, &FieldPath::root());
    form.problems_at(ui, &root("format"));
    form.problems_at(ui, &c);
}

pub fn members(ui: &mut egui::Ui, form: &mut Form, pasted: &mut String) {
    let list = root("members");
    let lang = form.lang;
    form.problems_at(ui, &list);
    let roles = [
        ("head".to_string(), ED::RoleHead.get(lang).to_string()),
        ("deputy".to_string(), ED::RoleDeputy.get(lang).to_string()),
    ];
    let role_w = choice_width(ui, &roles, Some(ED::RoleMember.get(lang)), KIND_WIDTH);
    let [name_w, short_w] = widths(ui, 24.0 + 130.0 + role_w + ROW_BUTTONS, 6, [0.65, 0.35]);
    headings(
        ui,
        form,
        &list,
        &[
            (ED::MemberId, 130.0),
            (ED::MemberName, name_w),
            (ED::MemberShort, short_w),
            (ED::MemberRole, role_w + CHOICE_HEADING_EXTRA),
        ],
    );
    let field = |i: usize, what: ED| ED::MemberField.fill(lang, &[&(i + 1), &what.get(lang)]);
    let new_ids = form.new_ids;
    rows(
        ui,
        form,
        &list,
        |i| field(i, ED::MemberName),
        |ui, form, i, m| {
            let name_before = form.draft.member_label(m);
            form.text(ui, &m.key("id"), TEXT, &field(i, ED::MemberId), 130.0);
            form.text(ui, &m.key("name"), TEXT, &field(i, ED::MemberName), name_w);
            form.text(
                ui,
                &m.key("short"),
                OPTIONAL,
                &field(i, ED::MemberShort),
                short_w,
            );
            form.choice(
                ui,
                &m.key("role"),
                &roles,
                Some(ED::RoleMember.get(lang)),
                &field(i, ED::MemberRole),
                role_w,
            );
            form.draft.keep_id_with_name(m, &name_before, new_ids);
        },
    );
    if ui.button(ED::AddMember.get(lang)).clicked() {
        form.draft
            .push(&list, json!({"id": "", "name": "", "short": ""}));
        form.changed = true;
    }
    ui.add_space(8.0);
    let label = ED::PasteMembers.get(lang);
    ui.label(label);
    ui.add(
        egui::TextEdit::multiline(pasted)
            .desired_rows(4)
            .desired_width(720.0),
    )
    .accessible_name(label);
    if ui.button(ED::AddPasted.get(lang)).clicked() {
        for line in pasted.lines().filter(|l| !l.trim().is_empty()) {
            let (name, short) = line.split_once('\t').unwrap_or((line, line));
            let (name, short) = (name.trim(), short.trim());
            form.draft.push(
                &list,
                json!({"id": slug(short), "name": name, "short": short}),
            );
        }
        pasted.clear();
        form.changed = true;
    }
}

/// What the secretary pasted or named to read a criteria table from, and what came
/// of it.
#[derive(Default)]
pub struct TableInput {
    pub pasted: String,
    pub xlsx_path: String,
    /// Lines to show: the count read, or the rows to fix (in red).
    pub report: Vec<(String, bool)>,
}

fn row_problem(p: &RowProblem, lang: crate::text::Lang) -> String {
    match &p.issue {
        RowIssue::UnknownNumbering { found } => {
            ED::RowUnknownNumbering.fill(lang, &[&p.row, found])
        }
        RowIssue::BadMax { found } => ED::RowBadMax.fill(lang, &[&p.row, found]),
        RowIssue::NoName => ED::RowNoName.fill(lang, &[&p.row]),
        RowIssue::ItemBeforeGroup => ED::RowItemBeforeGroup.fill(lang, &[&p.row]),
        RowIssue::TooDeep { found } => ED::RowTooDeep.fill(lang, &[&p.row, found]),
        RowIssue::GroupTotal { stated, sum } => {
            ED::RowGroupTotal.fill(lang, &[&p.row, stated, sum])
        }
        RowIssue::EmptyGroup => ED::RowEmptyGroup.fill(lang, &[&p.row]),
    }
}

/// Uses a table's rows for the criteria when every row reads; otherwise says which
/// rows to fix and changes nothing.
fn use_table(form: &mut Form, input: &mut TableInput, rows: &[Vec<String>]) {
    let lang = form.lang;
    let table = read_rows(rows);
    input.report.clear();
    if !table.problems.is_empty() {
        input
            .report
            .push((ED::TableNotUsed.get(lang).to_string(), false));
        for p in &table.problems {
            input.report.push((row_problem(p, lang), false));
        }
        return;
    }
    if table.groups.is_empty() {
        input
            .report
            .push((ED::TableEmpty.get(lang).to_string(), false));
        return;
    }
    form.draft.put_criteria(&table);
    *form.editing = None;
    form.changed = true;
    let items: usize = table.groups.iter().map(|g| g.items.len()).sum();
    input.report.push((
        ED::TableRead.fill(lang, &[&table.groups.len(), &items]),
        true,
    ));
    for row in &table.header_rows {
        input
            .report
            .push((ED::TableHeader.fill(lang, &[row]), true));
    }
}

fn table_input(ui: &mut egui::Ui, form: &mut Form, input: &mut TableInput) {
    let lang = form.lang;
    let label = ED::PasteCriteria.get(lang);
    ui.label(label);
    ui.add(
        egui::TextEdit::multiline(&mut input.pasted)
            .desired_rows(4)
            .desired_width(f32::INFINITY),
    )
    .accessible_name(label);
    if ui.button(ED::UseTable.get(lang)).clicked() {
        let rows = split_rows(&input.pasted);
        use_table(form, input, &rows);
    }
    ui.horizontal(|ui| {
        let label = ui.label(ED::XlsxPath.get(lang));
        ui.add(egui::TextEdit::singleline(&mut input.xlsx_path).desired_width(360.0))
            .labelled_by(label.id);
        if ui.button(ED::UseXlsx.get(lang)).clicked() {
            match crate::store::spreadsheet::first_sheet_rows(Path::new(input.xlsx_path.trim())) {
                Ok(rows) => use_table(form, input, &rows),
                Err(e) => input.report = vec![(e.text(lang), false)],
            }
        }
    });
    for (line, ok) in &input.report {
        let color = if *ok {
            style::OK_GREEN
        } else {
            style::ERROR_TEXT
        };
        ui.label(RichText::new(line).color(color));
    }
}

pub fn criteria(ui: &mut egui::Ui, form: &mut Form, table: &mut TableInput) {
    let groups = root("criteria");
    let lang = form.lang;
    egui::CollapsingHeader::new(ED::TableTitle.get(lang))
        .id_salt("criteria-table")
        .default_open(form.draft.len(&groups) == 0)
        .show(ui, |ui| table_input(ui, form, table));
    form.problems_at(ui, &groups);
    let mut g = 0;
    while g < form.draft.len(&groups) {
        let group = groups.at(g);
        let field = |what: ED| ED::GroupField.fill(lang, &[&(g + 1), &what.get(lang)]);
        let mut changed_list = false;
        egui::Frame::new()
            .fill(style::GROUP_BG)
            .inner_margin(egui::Margin::same(6))
            .show(ui, |ui| {
                form.start_row();
                ui.horizontal(|ui| {
                    ui.label(RichText::new(ED::GroupId.get(lang)).strong());
                    form.text(ui, &group.key("id"), TEXT, &field(ED::GroupId), 50.0);
                    ui.label(RichText::new(ED::GroupName.get(lang)).strong());
                    let name_w = (ui.available_width() - ROW_BUTTONS - 150.0).max(200.0);
                    form.text(ui, &group.key("name"), TEXT, &field(ED::GroupName), name_w);
                    ui.label(ED::GroupMax.fill(lang, &[&group_max(form, &group)]));
                    changed_list = form.row_buttons(ui, &groups, g, &field(ED::GroupName));
                });
            });
        if changed_list {
            // The rows below moved: they are drawn next frame, each once.
            ui.ctx().request_repaint();
            break;
        }
        form.problems_at(ui, &group);
        form.problems_at(ui, &group.key("id"));
        form.problems_at(ui, &group.key("name"));
        let group_id = form.draft.text(&group.key("id"), '.');
        super::editor_items::entries(
            ui,
            form,
            &group.key("items"),
            (&(g + 1).to_string(), &group_id),
            0,
        );
        ui.add_space(10.0);
        g += 1;
    }
    ui.horizontal(|ui| {
        if ui.button(ED::AddGroup.get(lang)).clicked() {
            let id = (form.draft.len(&groups) + 1).to_string();
            form.draft
                .push(&groups, json!({"id": id, "name": "", "items": []}));
            form.changed = true;
        }
        super::editor_items::kinds_switch(ui, form);
    });
}

fn group_max(form: &Form, group: &FieldPath) -> String {
    let sum = super::editor_items::list_max(form, &group.key("items"));
    let capped = crate::model::points::Points::parse(&form.draft.text(&group.key("cap"), '.'))
        .map_or(sum, |cap| sum.min(cap.0));
    crate::model::points::Points(capped).display(form.lang.decimal_separator())
}

pub fn adjustments(ui: &mut egui::Ui, form: &mut Form) {
    let lang = form.lang;
    let list = root("adjustments");
    form.problems_at(ui, &list);
    let kinds = [
        ("bonus".to_string(), ED::KindBonus.get(lang).to_string()),
        (
            "deduction".to_string(),
            ED::KindDeduction.get(lang).to_string(),
        ),
    ];
    let kind_w = choice_width(ui, &kinds, None, KIND_WIDTH);
    let [name_w] = widths(
        ui,
        24.0 + 56.0 + kind_w + 2.0 * 84.0 + ROW_BUTTONS,
        7,
        [1.0],
    );
    headings(
        ui,
        form,
        &list,
        &[
            (ED::ItemId, 56.0),
            (ED::AdjKind, kind_w + CHOICE_HEADING_EXTRA),
            (ED::AdjName, name_w),
            (ED::ItemMax, 84.0),
            (ED::ItemStep, 84.0),
        ],
    );
    let field = |i: usize, what: ED| ED::AdjField.fill(lang, &[&(i + 1), &what.get(lang)]);
    rows(
        ui,
        form,
        &list,
        |i| field(i, ED::AdjName),
        |ui, form, i, a| {
            form.text(ui, &a.key("id"), TEXT, &field(i, ED::ItemId), 56.0);
            form.choice(
                ui,
                &a.key("kind"),
                &kinds,
                None,
                &field(i, ED::AdjKind),
                kind_w,
            );
            form.multiline(ui, &a.key("name"), TEXT, &field(i, ED::AdjName), name_w, 2);
            form.text(ui, &a.key("max"), NUMBER, &field(i, ED::ItemMax), 84.0);
            form.text(ui, &a.key("step"), NUMBER, &field(i, ED::ItemStep), 84.0);
        },
    );
    if ui.button(ED::AddAdjustment.get(lang)).clicked() {
        let id = format!("b{}", form.draft.len(&list) + 1);
        form.draft.push(
            &list,
            json!({"id": id, "kind": "bonus", "name": "", "max": 1, "step": 0.5}),
        );
        form.changed = true;
    }
}

pub fn scoring(ui: &mut egui::Ui, form: &mut Form) {
    let lang = form.lang;
    let s = root("scoring");
    let options = |list: &[(&str, ED)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(v, l)| (v.to_string(), l.get(lang).to_string()))
            .collect()
    };
    let rule = |form: &mut Form, ui: &mut egui::Ui, key: &str, label: ED, list: &[(&str, ED)]| {
        ui.horizontal(|ui| {
            field_label(ui, label.get(lang));
            form.choice(
                ui,
                &s.key(key),
                &options(list),
                None,
                label.get(lang),
                380.0,
            );
        });
    };
    rule(
        form,
        ui,
        "self",
        ED::SelfRule,
        &[
            ("exclude", ED::SelfExclude),
            ("include", ED::SelfInclude),
            ("separate", ED::SelfSeparate),
        ],
    );
    let says = match form.draft.text(&s.key("self"), '.').as_str() {
        "include" => ED::SaysSelfInclude,
        "separate" => ED::SaysSelfSeparate,
        _ => ED::SaysSelfExclude,
    };
    sentence(ui, says.get(lang));
    rule(
        form,
        ui,
        "aggregate",
        ED::Aggregate,
        &[
            ("mean", ED::AggMean),
            ("trimmed_mean", ED::AggTrimmed),
            ("median", ED::AggMedian),
        ],
    );
    let aggregate = form.draft.text(&s.key("aggregate"), '.');
    if aggregate == "trimmed_mean" {
        labelled(form, ui, &s.key("trim"), NUMBER, ED::Trim);
    }
    let trim = form.draft.text(&s.key("trim"), '.');
    let says = match aggregate.as_str() {
        "trimmed_mean" => ED::SaysTrimmed.fill(lang, &[&trim]),
        "median" => ED::SaysMedian.get(lang).to_string(),
        _ => ED::SaysMean.get(lang).to_string(),
    };
    sentence(ui, &says);
    labelled(form, ui, &s.key("decimals"), NUMBER, ED::Decimals);
    let decimals = form.draft.text(&s.key("decimals"), '.');
    sentence(ui, &ED::SaysDecimals.fill(lang, &[&decimals]));
    form.problems_under(ui, &s);
}

fn sentence(ui: &mut egui::Ui, text: &str) {
    ui.horizontal(|ui| {
        ui.add_space(264.0);
        ui.label(RichText::new(text).italics().color(style::ACCENT));
    });
    ui.add_space(6.0);
}

pub fn classes(ui: &mut egui::Ui, form: &mut Form) {
    let lang = form.lang;
    let list = root("classes");
    ui.label(ED::ClassesHint.get(lang));
    form.problems_at(ui, &list);
    headings(
        ui,
        form,
        &list,
        &[
            (ED::ClassId, 140.0),
            (ED::ClassName, 420.0),
            (ED::ClassMin, 84.0),
        ],
    );
    let field = |i: usize, what: ED| ED::ClassField.fill(lang, &[&(i + 1), &what.get(lang)]);
    rows(
        ui,
        form,
        &list,
        |i| field(i, ED::ClassName),
        |ui, form, i, c| {
            form.text(ui, &c.key("id"), TEXT, &field(i, ED::ClassId), 140.0);
            form.text(ui, &c.key("name"), TEXT, &field(i, ED::ClassName), 420.0);
            form.text(ui, &c.key("min"), NUMBER, &field(i, ED::ClassMin), 84.0);
        },
    );
    if ui.button(ED::AddClass.get(lang)).clicked() {
        form.draft
            .push(&list, json!({"id": "", "name": "", "min": 0}));
        form.changed = true;
    }
}

pub fn commendations(ui: &mut egui::Ui, form: &mut Form) {
    let lang = form.lang;
    let list = root("commendations");
    form.problems_at(ui, &list);
    let classes = root("classes");
    let class_options: Vec<(String, String)> = (0..form.draft.len(&classes))
        .map(|i| {
            let id = form.draft.text(&classes.at(i).key("id"), '.');
            let name = form.draft.text(&classes.at(i).key("name"), '.');
            (id, name)
        })
        .collect();
    let bases = [
        ("present".to_string(), ED::BasePresent.get(lang).to_string()),
        ("members".to_string(), ED::BaseMembers.get(lang).to_string()),
        ("valid".to_string(), ED::BaseValid.get(lang).to_string()),
    ];
    let mut i = 0;
    while i < form.draft.len(&list) {
        let c = list.at(i);
        let field = |what: ED| ED::ComField.fill(lang, &[&(i + 1), &what.get(lang)]);
        let mut changed_list = false;
        egui::Frame::new()
            .stroke(egui::Stroke::new(1.0, style::INPUT_OUTLINE))
            .inner_margin(egui::Margin::same(8))
            .show(ui, |ui| {
                form.start_row();
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("{}.", i + 1)).strong());
                    ui.label(ED::ComName.get(lang));
                    form.text(ui, &c.key("name"), TEXT, &field(ED::ComName), 460.0);
                    ui.label(ED::ComId.get(lang));
                    form.text(ui, &c.key("id"), TEXT, &field(ED::ComId), 80.0);
                    changed_list = form.row_buttons(ui, &list, i, &field(ED::ComName));
                });
                if changed_list {
                    return;
                }
                ui.horizontal(|ui| {
                    ui.label(ED::MaxCount.get(lang));
                    form.text(
                        ui,
                        &c.key("max_count"),
                        OPTIONAL_NUMBER,
                        &field(ED::MaxCount),
                        60.0,
                    );
                    ui.label(ED::MaxPercent.get(lang));
                    form.text(
                        ui,
                        &c.key("max_percent"),
                        OPTIONAL_NUMBER,
                        &field(ED::MaxPercent),
                        60.0,
                    );
                    ui.label(ED::MinClass.get(lang));
                    form.choice(
                        ui,
                        &c.key("min_class"),
                        &class_options,
                        Some(ED::NoMinClass.get(lang)),
                        &field(ED::MinClass),
                        260.0,
                    );
                });
                let ballot = c.key("ballot");
                let mut voted = form.draft.get(&ballot).is_some();
                if ui
                    .checkbox(&mut voted, ED::HasBallot.get(lang))
                    .accessible_name(field(ED::HasBallot))
                    .changed()
                {
                    let value = voted.then(
                        || json!({"threshold_percent": 50, "strict": true, "base": "present"}),
                    );
                    form.draft.set(&ballot, value);
                    form.changed = true;
                }
                if voted {
                    ui.horizontal(|ui| {
                        ui.label(ED::Threshold.get(lang));
                        form.text(
                            ui,
                            &ballot.key("threshold_percent"),
                            NUMBER,
                            &field(ED::Threshold),
                            60.0,
                        );
                        ui.label(ED::Base.get(lang));
                        form.choice(
                            ui,
                            &ballot.key("base"),
                            &bases,
                            None,
                            &field(ED::Base),
                            220.0,
                        );
                    });
                    form.check(ui, &ballot.key("strict"), ED::Strict.get(lang));
                    let percent = form.draft.text(&ballot.key("threshold_percent"), ',');
                    let base = form.draft.text(&ballot.key("base"), '.');
                    let base = bases
                        .iter()
                        .find(|(v, _)| *v == base)
                        .map_or(base.clone(), |(_, l)| l.clone());
                    let strict = form
                        .draft
                        .get(&ballot.key("strict"))
                        .and_then(Value::as_bool)
                        .unwrap_or(false);
                    let says = if strict {
                        ED::SaysBallotStrict
                    } else {
                        ED::SaysBallotAtLeast
                    };
                    ui.label(
                        RichText::new(says.fill(lang, &[&percent, &base]))
                            .italics()
                            .color(style::ACCENT),
                    );
                }
                form.problems_under(ui, &c);
            });
        if changed_list {
            // The rows below moved: they are drawn next frame, each once.
            ui.ctx().request_repaint();
            break;
        }
        ui.add_space(6.0);
        i += 1;
    }
    if ui.button(ED::AddCommendation.get(lang)).clicked() {
        form.draft.push(&list, json!({"id": "", "name": ""}));
        form.changed = true;
    }
}

pub fn tie_break(ui: &mut egui::Ui, form: &mut Form) {
    let lang = form.lang;
    let list = root("tie_break");
    ui.label(ED::TieHint.get(lang));
    form.problems_at(ui, &list);
    let groups = root("criteria");
    let mut options: Vec<(String, String)> = (0..form.draft.len(&groups))
        .map(|g| {
            let id = form.draft.text(&groups.at(g).key("id"), '.');
            let name = form.draft.text(&groups.at(g).key("name"), '.');
            (
                format!("group:{id}"),
                ED::TieGroup.fill(lang, &[&format!("{id}. {name}")]),
            )
        })
        .collect();
    for (value, label) in [
        ("bonus", ED::TieBonus),
        ("deductions", ED::TieDeductions),
        ("ballot", ED::TieBallot),
    ] {
        options.push((value.to_string(), label.get(lang).to_string()));
    }
    let name = |i: usize| ED::TieField.fill(lang, &[&(i + 1)]);
    rows(ui, form, &list, name, |ui, form, i, _| {
        tie_choice(form, ui, &list, i, &options, &name(i));
    });
    if ui.button(ED::AddTie.get(lang)).clicked() {
        let value = options.first().map_or("bonus".to_string(), |o| o.0.clone());
        form.draft.push(&list, Value::from(value));
        form.changed = true;
    }
}

/// A tie-break entry is a bare string in a list, not an object's field.
fn tie_choice(
    form: &mut Form,
    ui: &mut egui::Ui,
    list: &FieldPath,
    index: usize,
    options: &[(String, String)],
    name: &str,
) {
    let current = form
        .draft
        .list(list)
        .and_then(|l| l.get(index))
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
        .unwrap_or_default();
    let shown = options
        .iter()
        .find(|(v, _)| *v == current)
        .map_or(current.clone(), |(_, l)| l.clone());
    let mut picked = None;
    egui::ComboBox::from_id_salt(("tie-break", index))
        .selected_text(shown)
        .width(420.0)
        .show_ui(ui, |ui| {
            for (value, label) in options {
                if ui.selectable_label(*value == current, label).clicked() {
                    picked = Some(value.clone());
                }
            }
        })
        .response
        .accessible_name(name);
    if let Some(value) = picked
        && value != current
    {
        form.draft.replace_at(list, index, Value::from(value));
        form.changed = true;
    }
}
