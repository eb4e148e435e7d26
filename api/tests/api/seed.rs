//! `isu seed synthetic`: the bulk path writes exactly the generated records, on both backends.

use crate::helpers::{Backend, TestApp};
use isu_core::stats::synthetic::{self, Plan};
use isu_store::cases;

async fn seeded_records_read_back_exactly(backend: Backend) {
    let app = TestApp::start(backend).await;
    let today = chrono::NaiveDate::from_ymd_opt(2025, 11, 25).unwrap();
    let plan = Plan { cases: 1_200, first_year: 2020, last_year: 2025, seed: 3, today };
    let seeded = plan.clone();
    let (report, stored) = app
        .with_db(move |conn| {
            let report = synthetic::seed(conn, &seeded, Some("fou-nordvast")).unwrap();
            let units = cases::units_in_region(conn, "fou-nordvast").unwrap();
            let stored = cases::list(conn, &units, &cases::CaseFilter::default(), None, 10_000).unwrap();
            (report, stored)
        })
        .await;
    assert_eq!(report.cases, 1_200);
    assert_eq!(report.units_created, 8, "one unit per member municipality");
    assert_eq!(stored.len(), 1_200);
    let mut expected: Vec<_> = (0..plan.cases).map(|n| synthetic::record(&plan, n)).collect();
    expected.sort_by(|a, b| a.case_ref.cmp(&b.case_ref));
    let mut actual: Vec<_> = stored.into_iter().map(|c| c.record).collect();
    actual.sort_by(|a, b| a.case_ref.cmp(&b.case_ref));
    assert_eq!(actual, expected);

    // The region analyst sees them through the API.
    let analyst = app.region_analyst_token("fou-nordvast").await;
    let page: serde_json::Value = app.get_as(&analyst, "/v1/cases?limit=500").await.json().await.unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 500);
    assert!(page["next_cursor"].is_string());

    // The same seed again is refused, not doubled.
    let again = app.with_db(move |conn| synthetic::seed(conn, &plan, Some("fou-nordvast")).is_err()).await;
    assert!(again);
}

both_backends!(seeded_records_read_back_exactly);
