use super::*;

fn read(text: &str) -> CriteriaTable {
    read_rows(&split_rows(text))
}

#[test]
fn roman_groups_and_numbered_items_with_a_heading_row() {
    let table = read(
        "STT\tNội dung\tĐiểm tối đa\tHướng dẫn\n\
         I.\tCông tác tuyên truyền\t11\n\
         1.\tTuyên truyền chủ trương\t6\tCó kế hoạch\n\
         2.\tNắm tình hình nhân dân\t5\n\
         II\tCuộc vận động\t4,5\n\
         1\tNgày hội đại đoàn kết\t4,5\tTổ chức ở 100% khu dân cư\n",
    );
    assert_eq!(table.problems, []);
    assert_eq!(table.header_rows, [1]);
    assert_eq!(table.groups.len(), 2);
    assert_eq!(table.groups[0].name, "Công tác tuyên truyền");
    assert_eq!(table.groups[0].items[0].max, Points(600));
    assert_eq!(
        table.groups[0].items[0].guide.as_deref(),
        Some("Có kế hoạch")
    );
    assert_eq!(table.groups[1].items[0].max, Points(450));
}

#[test]
fn dotted_and_lettered_numbering() {
    let dotted =
        read("1\tNhóm một\t\n1.1\tMục một\t3\n1.2.\tMục hai\t2\n2\tNhóm hai\n2.1\tMục ba\t5\n");
    assert_eq!(dotted.problems, []);
    assert_eq!(
        dotted
            .groups
            .iter()
            .map(|g| g.items.len())
            .collect::<Vec<_>>(),
        [2, 1]
    );
    let lettered = read("1.\tNhóm\t\na)\tMục a\t2\nb)\tMục b\t2\n");
    assert_eq!(lettered.problems, []);
    assert_eq!(lettered.groups[0].items.len(), 2);
}

#[test]
fn one_kind_of_numbering_makes_one_group_of_items() {
    let table = read("1\tMục một\t3\n2\tMục hai\t2\n");
    assert_eq!(table.groups.len(), 1);
    assert_eq!(table.groups[0].name, "");
    assert_eq!(table.groups[0].items.len(), 2);
}

#[test]
fn each_problem_names_its_row() {
    let table = read(
        "I\tNhóm\t10\n1\tMục\tmười\n2\tMục hai\t4\n*\tGhi chú\t\n2.1\tMục con\t1\nII\tNhóm trống\t\n",
    );
    let rows: Vec<(usize, &RowIssue)> = table.problems.iter().map(|p| (p.row, &p.issue)).collect();
    assert!(
        rows.contains(&(
            2,
            &RowIssue::BadMax {
                found: "mười".into()
            }
        )),
        "{rows:?}"
    );
    assert!(
        rows.contains(&(4, &RowIssue::UnknownNumbering { found: "*".into() })),
        "{rows:?}"
    );
    // "2." has a row of a deeper numbering under it: a heading, capped at its 4.
    let group = &table.groups[0];
    assert_eq!(group.headings.len(), 1, "{group:?}");
    assert_eq!(group.headings[0].max, Some(Points(400)));
    assert_eq!(group.items[0].name, "Mục con");
    assert_eq!(group.items[0].heading, Some(0));
    assert!(
        rows.contains(&(
            1,
            &RowIssue::GroupTotal {
                stated: "10".into(),
                sum: "1".into()
            }
        )),
        "{rows:?}"
    );
    assert!(rows.contains(&(6, &RowIssue::EmptyGroup)), "{rows:?}");
}

#[test]
fn cells_copied_from_excel_may_hold_line_breaks_and_quotes() {
    let rows = split_rows("1\t\"Tên có\nhai dòng\"\t3\t\"Nói \"\"rõ\"\"\"\r\n2\tB\t1\n");
    assert_eq!(rows[0], ["1", "Tên có\nhai dòng", "3", "Nói \"rõ\""]);
    assert_eq!(rows[1], ["2", "B", "1"]);
}

#[test]
fn steps_follow_the_maximum() {
    assert_eq!(default_step(Points(600)), Points(50));
    assert_eq!(default_step(Points(225)), Points(25));
    assert_eq!(default_step(Points(233)), Points(1));
}

mod generated {
    use super::*;
    use proptest::prelude::*;

    fn name() -> impl Strategy<Value = String> {
        "[A-Za-zĐđàáạ ]{1,30}".prop_map(|s| format!("Tiêu chí {}", s.trim()))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Any table written as Excel copies it reads back to the same groups and items.
        #[test]
        fn a_written_table_reads_back(
            groups in prop::collection::vec(
                (name(), prop::collection::vec((name(), 1i64..2000, prop::option::of(name())), 1..6)),
                1..6,
            )
        ) {
            let mut text = String::new();
            for (g, (group, items)) in groups.iter().enumerate() {
                text.push_str(&format!("{}.\t{group}\t\n", g + 1));
                for (i, (item, max, guide)) in items.iter().enumerate() {
                    let max = Points(*max).display(',');
                    let guide = guide.clone().unwrap_or_default();
                    text.push_str(&format!("{}.{}\t\"{item}\"\t{max}\t{guide}\n", g + 1, i + 1));
                }
            }
            let table = read(&text);
            prop_assert_eq!(&table.problems, &Vec::<RowProblem>::new());
            prop_assert_eq!(table.groups.len(), groups.len());
            for (got, (group, items)) in table.groups.iter().zip(&groups) {
                prop_assert_eq!(&got.name, group.trim());
                prop_assert_eq!(got.items.len(), items.len());
                for (item, (name, max, guide)) in got.items.iter().zip(items) {
                    prop_assert_eq!(&item.name, name.trim());
                    prop_assert_eq!(item.max, Points(*max));
                    prop_assert_eq!(item.guide.as_deref(), guide.as_deref().map(str::trim).filter(|g| !g.is_empty()));
                }
            }
        }
    }
}

#[test]
fn a_table_with_sub_levels_becomes_headings_with_their_subtotals_as_caps() {
    // As the police table writes it: parts, areas with subtotals, sub-areas, then
    // the numbered criteria; one area with criteria straight under it.
    let text = "I.\tCông tác nghiệp vụ\t100\n\
                1.\tBảo vệ an ninh quốc gia\t40\n\
                a)\tNắm tình hình\t25\n\
                1.1\tPhát hiện sớm\t15\n\
                1.2\tNgăn chặn từ xa\t10\n\
                b)\tBảo vệ bí mật\t15\n\
                1.3\tBảo vệ bí mật nhà nước\t15\n\
                2.\tPhòng chống tội phạm\t60\n\
                2.1\tĐiều tra khám phá\t30\n\
                2.2\tBắt giữ truy nã\t30\n\
                II.\tXây dựng lực lượng\t20\n\
                3.\tHọc tập chính trị\t20\n";
    let table = read(text);
    assert!(table.problems.is_empty(), "{:?}", table.problems);
    let group = &table.groups[0];
    let names: Vec<(&str, Option<usize>, usize)> = group
        .headings
        .iter()
        .map(|h| (h.name.as_str(), h.parent, h.rank))
        .collect();
    assert_eq!(
        names,
        [
            ("Bảo vệ an ninh quốc gia", None, 0),
            ("Nắm tình hình", Some(0), 1),
            ("Bảo vệ bí mật", Some(0), 1),
            ("Phòng chống tội phạm", None, 0)
        ]
    );
    assert_eq!(group.items.len(), 5);
    assert_eq!(group.items[2].heading, Some(2));
    assert_eq!(group.items[3].heading, Some(3));
    assert_eq!(group.total(), 10_000);
    // Group II's "3." has nothing under it: an item.
    assert!(table.groups[1].headings.is_empty());
    assert_eq!(table.groups[1].items[0].max, Points(2000));

    let mut draft = super::super::draft::ConfigDraft::new(2025);
    draft.put_criteria(&table);
    let bytes = draft.to_bytes();
    let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(doc["format"], "thidua.cluster/2");
    let area = &doc["criteria"][0]["items"][0];
    assert_eq!(area["id"], "1.1");
    assert_eq!(area["cap"], 40);
    assert_eq!(area["items"][0]["items"][1]["id"], "1.1.1.2");
    assert_eq!(area["items"][0]["items"][1]["max"], 10);
}
