//! The one place that reads the clock; the model gets time from here, on events.

pub fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
