//! The scoring page the host serves to phones and office laptops (the link on the QR
//! code): one file under 100 KB, served with a policy that lets the browser load
//! nothing from anywhere but this host, and naming nothing elsewhere.

use std::path::Path;
use std::time::Duration;
use thidua::net::host;
use thidua::store::MeetingFile;

#[test]
fn the_page_is_one_small_file_that_loads_nothing_from_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let config = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/ha-noi-cum-1-2024/cluster.json"),
    )
    .unwrap();
    let file = MeetingFile::create(
        &dir.path().join("m.thidua"),
        &config,
        "2024-12-20T08:00:00+07:00",
    )
    .unwrap();
    let running = host::start(file, "127.0.0.1".parse().unwrap(), 0, |_| {}).unwrap();
    let token = running.host.codes().codes()[0].token.clone();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    for path in ["/".to_string(), "/j".to_string(), format!("/j/{token}")] {
        let mut response = agent
            .get(format!("http://{}{path}", running.addr))
            .call()
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let headers = response.headers().clone();
        let policy = headers
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        assert!(policy.contains("default-src 'none'"), "{policy}");
        assert!(policy.contains("connect-src 'self'"), "{policy}");
        assert!(
            headers
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("text/html"))
        );
        let body = response.body_mut().read_to_string().unwrap();
        assert!(body.len() < 100 * 1024, "{} bytes", body.len());
        assert!(!body.contains("://"), "the page names no other site");
        assert!(body.contains("Nộp phiếu") && body.contains("Submit the sheet"));
    }
}
