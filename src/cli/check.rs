//! `thidua check CONFIG.json`: validate a cluster config and print its summary.

use super::{Out, Outcome, load_config};
use crate::model::config::{Compare, Config, Role};
use crate::text::Lang;
use crate::text::cli::C;
use std::path::Path;

pub(super) fn check(out: &Out, path: &Path) -> Outcome {
    let (_, config) = load_config(out, path)?;
    out.say(&config_summary(&config, out.lang));
    Ok(())
}

/// What a valid config holds, in a few lines, ending with its hash and the verdict.
pub fn config_summary(config: &Config, lang: Lang) -> String {
    let sep = lang.decimal_separator();
    let mut lines = vec![
        format!("{} — {}", config.cluster.name, config.cluster.year),
        config.cluster.organizer.clone(),
    ];
    if let Some(note) = &config.cluster.note {
        lines.push(format!("({note})"));
    }
    let head = |role| {
        config
            .members
            .iter()
            .find(|m| m.role == role)
            .map_or("—".to_string(), |m| m.short.clone())
    };
    lines.push(C::SummaryMembers.fill(
        lang,
        &[
            &config.members.len(),
            &config.cluster.member_label,
            &head(Role::Head),
            &head(Role::Deputy),
        ],
    ));
    lines.push(C::SummaryCriteria.fill(
        lang,
        &[
            &config.groups.len(),
            &config.item_count(),
            &config.max_total().display(sep),
        ],
    ));
    lines.push(C::SummaryLists.fill(
        lang,
        &[
            &config.adjustments.len(),
            &config.classes.len(),
            &config.commendations.len(),
        ],
    ));
    if config.version >= 2 {
        lines.extend(version_two_lines(config, lang));
    }
    lines.push(format!("config_sha256: {}", config.sha256));
    lines.push(C::ConfigValid.get(lang).into());
    lines.join("\n")
}

/// What only a version 2 config has: its tree, kinds, facts, comparison and quorum.
fn version_two_lines(config: &Config, lang: Lang) -> Vec<String> {
    let sep = lang.decimal_separator();
    let items: Vec<_> = (0..config.item_count())
        .filter_map(|i| config.item_at(i))
        .collect();
    let depth = items.iter().map(|i| i.level).max().unwrap_or(2);
    let headings: usize = config.groups.iter().map(|g| g.headings.len()).sum();
    let count = |code: &str| items.iter().filter(|i| i.kind.code() == code).count();
    let mut lines = vec![
        C::SummaryTree.fill(lang, &[&depth, &headings]),
        C::SummaryKinds.fill(
            lang,
            &[
                &count("points"),
                &count("pass_fail"),
                &count("per_occurrence"),
                &count("plus_minus"),
                &count("target"),
            ],
        ),
        C::SummaryFacts.fill(
            lang,
            &[
                &items.iter().filter(|i| i.by_chair()).count(),
                &items.iter().filter(|i| i.assigned.contains(&false)).count(),
            ],
        ),
    ];
    if config.scoring.compare == Compare::PercentOfOwnMax {
        let maxima: Vec<_> = (0..config.members.len())
            .map(|m| config.own_max(m))
            .collect();
        let low = maxima.iter().min().copied().unwrap_or_default();
        let high = maxima.iter().max().copied().unwrap_or_default();
        lines.push(C::SummaryPercent.fill(lang, &[&low.display(sep), &high.display(sep)]));
    }
    if let Some(quorum) = config.rules.quorum {
        let n = config.members.len();
        lines.push(C::SummaryQuorum.fill(lang, &[&quorum.text(), &quorum.at_least_of(n), &n]));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_summary_counts_in_good_english() {
        let bytes = crate::sample::SAMPLE_CONFIG;
        let Ok(config) = Config::from_bytes(bytes) else {
            panic!("the sample config loads");
        };
        let text = config_summary(&config, Lang::En);
        assert!(text.contains("6 members (quận; head: Long Biên"), "{text}");
        assert!(
            text.contains("4 bonus/deduction items, 4 classes, 2 commendations"),
            "{text}"
        );
        // Vietnamese names the members as the config calls them.
        let text = config_summary(&config, Lang::Vi);
        assert!(text.contains("6 quận (cụm trưởng: Long Biên"), "{text}");
        // A cluster with one of each reads in the singular.
        let mut doc: serde_json::Value = serde_json::from_slice(bytes).unwrap_or_default();
        doc["criteria"] = serde_json::json!([doc["criteria"][0].clone()]);
        doc["criteria"][0]["items"] = serde_json::json!([doc["criteria"][0]["items"][0].clone()]);
        doc["adjustments"] = serde_json::json!([doc["adjustments"][0].clone()]);
        doc["commendations"] = serde_json::json!([doc["commendations"][1].clone()]);
        doc["tie_break"] = serde_json::json!(["bonus"]);
        let bytes = serde_json::to_vec(&doc).unwrap_or_default();
        let config = match Config::from_bytes(&bytes) {
            Ok(c) => c,
            Err(p) => panic!("{}", p.text(Lang::En)),
        };
        let text = config_summary(&config, Lang::En);
        assert!(
            text.contains("1 criteria group, 1 item, maximum total 6"),
            "{text}"
        );
        assert!(
            text.contains("1 bonus/deduction item, 4 classes, 1 commendation"),
            "{text}"
        );
    }
}
