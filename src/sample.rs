//! The bundled sample cluster, embedded in the binary so it works from any folder.

use crate::model::event::{Actor, Record};
use crate::model::problem::Lang;
use crate::model::sheet::{ImportPlan, Sheet, plan_import};
use crate::model::{Config, Session};
use crate::store::row_hash;
use std::sync::Arc;

pub const SAMPLE_CONFIG: &[u8] = include_bytes!("../sample-data/ha-noi-cum-1-2024/cluster.json");
/// The 12-ward sample's config, a second template for a new cluster.
pub const WARDS_CONFIG: &[u8] = include_bytes!("../sample-data/cum-phuong-2025/cluster.json");

pub const SAMPLE_SHEETS: &[(&str, &[u8])] = &[
    (
        "ba-dinh.json",
        include_bytes!("../sample-data/ha-noi-cum-1-2024/sheets/ba-dinh.json"),
    ),
    (
        "hoang-mai.json",
        include_bytes!("../sample-data/ha-noi-cum-1-2024/sheets/hoang-mai.json"),
    ),
    (
        "hoan-kiem.json",
        include_bytes!("../sample-data/ha-noi-cum-1-2024/sheets/hoan-kiem.json"),
    ),
    (
        "dong-da.json",
        include_bytes!("../sample-data/ha-noi-cum-1-2024/sheets/dong-da.json"),
    ),
    (
        "hai-ba-trung.json",
        include_bytes!("../sample-data/ha-noi-cum-1-2024/sheets/hai-ba-trung.json"),
    ),
    (
        "long-bien.json",
        include_bytes!("../sample-data/ha-noi-cum-1-2024/sheets/long-bien.json"),
    ),
];

/// The sample meeting with every sheet imported, in memory, and its chain head.
pub fn sample_meeting() -> Result<(Session, String), String> {
    let config = Config::from_bytes(SAMPLE_CONFIG).map_err(|p| p.text(Lang::En))?;
    let mut head = config.sha256.clone();
    let mut session = Session::new(Arc::new(config));
    let at = "2024-12-20T09:00:00+07:00";
    for (name, bytes) in SAMPLE_SHEETS {
        let sheet = Sheet::from_bytes(bytes, session.config()).map_err(|p| p.text(Lang::En))?;
        let ImportPlan::Events(events) =
            plan_import(&session, &sheet, name).map_err(|e| e.text(Lang::En))?
        else {
            continue;
        };
        for event in events {
            let record = Record {
                seq: session.event_count() + 1,
                at: at.to_string(),
                by: Actor::Chair,
                origin: None,
                event,
            };
            session.apply(&record).map_err(|e| e.text(Lang::En))?;
            head = row_hash(&head, record.seq, at, "chair", &record.event.to_json());
        }
    }
    Ok((session, head))
}
