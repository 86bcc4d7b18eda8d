//! The pass estimate: calibrated against synthetic learners, and reported by
//! `stagecraft progress report`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use stagecraft::course::{Course, PackSource};
use stagecraft::plan::Params;
use stagecraft::plan::calibration::calibrate;

fn course() -> Course {
    stagecraft::course::load(&PackSource::embedded()).course.unwrap()
}

/// The benchmark's check on a fixed seed and fewer learners (`cargo bench --bench
/// readiness_calibration` runs 2,000): the actual exam result falls inside the 80% interval
/// between 70% and 90% of the time, and the expected percentage is off by less than 7 points
/// on average.
#[test]
fn the_80_percent_interval_holds_the_exam_result_about_80_percent_of_the_time() {
    let course = course();
    let blueprint = course.blueprint_index("dop-c02").unwrap();
    let report = calibrate(&course, blueprint, 300, 2026, &Params::default());
    assert!(report.estimated >= 250, "{report}");
    assert!(
        (0.70..=0.90).contains(&report.coverage),
        "coverage out of 70–90%: {report}"
    );
    assert!(report.mean_absolute_error < 7.0, "{report}");
}

fn progress_report(args: &[&str], data_dir: &std::path::Path) -> std::process::Output {
    crate::common::stagecraft()
        .args(["progress", "report"])
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("STAGECRAFT_DATA_DIR")
        .output()
        .unwrap()
}

fn now() -> u64 {
    stagecraft::progress::Clock::System.now_unix_secs()
}

#[test]
fn progress_report_json_has_readiness_null_until_there_are_enough_answers() {
    let dir = tempfile::tempdir().unwrap();
    let needed = stagecraft::plan::MIN_ANSWERS;
    std::fs::write(
        dir.path().join("history.ron"),
        crate::common::history_ron(needed - 1, now()),
    )
    .unwrap();
    let out = progress_report(&["--json"], dir.path());
    let value = crate::common::json_output(&out);
    assert!(value["readiness"].is_null(), "{value}");
    let text = progress_report(&[], dir.path());
    assert!(
        String::from_utf8_lossy(&text.stdout)
            .contains("Pass estimate: Not enough answers yet: answer 1 more to get an estimate"),
        "{}",
        String::from_utf8_lossy(&text.stdout)
    );
}

#[test]
fn progress_report_json_gives_the_core_estimate() {
    let course = course();
    let dir = tempfile::tempdir().unwrap();
    let before = now();
    let history_text = crate::common::history_ron(60, before);
    std::fs::write(dir.path().join("history.ron"), &history_text).unwrap();
    let out = progress_report(&["--json"], dir.path());
    let after = now();
    let value = crate::common::json_output(&out);
    let readiness = value["readiness"].as_object().expect("an estimate");
    assert_eq!(readiness.len(), 4, "{value}");
    let field = |name: &str| readiness[name].as_f64().unwrap();
    let (expected, low, high, pass) = (
        field("expected_percent"),
        field("low"),
        field("high"),
        field("pass_probability"),
    );
    assert!(
        0.0 <= low && low < expected && expected < high && high <= 100.0,
        "{value}"
    );
    assert!((0.0..=1.0).contains(&pass), "{value}");
    // The same function the window reads, at a moment between the two clock readings (the
    // estimate barely moves within seconds).
    let history: stagecraft::quiz::History = ron::from_str(&history_text).unwrap();
    let blueprint = course.blueprint_index("dop-c02").unwrap();
    for at in [before, after] {
        let core = stagecraft::plan::readiness(
            &course,
            blueprint,
            &history,
            &stagecraft::quiz::Schedule::default(),
            at,
        );
        let core = core.estimate().unwrap();
        assert!(
            (core.expected_percent - expected).abs() < 1e-3,
            "{core:?} {value}"
        );
        assert!((core.pass_probability - pass).abs() < 1e-3, "{core:?} {value}");
    }
}
