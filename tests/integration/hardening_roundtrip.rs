//! Every type Stagecraft saves survives `progress::to_ron` and parsing back unchanged, floats
//! bit for bit: progress, settings, reports, history, schedule, an exam in progress (and a bare
//! session) and diagrams. Values are generated with arbitrary text, maps, options and extreme
//! finite floats (subnormals, the largest and smallest, negative zero).
//!
//! Non-finite floats: RON writes `inf`, `-inf` and `NaN`, and they read back (infinities bit
//! for bit, NaN as a NaN of the same sign, not necessarily with the same payload). The app never
//! produces them, so the generated values keep to finite floats and
//! `non_finite_floats_read_back` records what happens to the others.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::collections::BTreeMap;
use std::fmt::Debug;

use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use stagecraft::pipeline::{Action, ActionId, Category, DIAGRAM_VERSION, Diagram, Owner, Stage, Text};
use stagecraft::progress::{
    self, DataFile, LoadError, Progress, Report, Reports, Settings, Store, ThemeChoice,
};
use stagecraft::quiz::schedule::{ItemState, ReviewRecord};
use stagecraft::quiz::session::Response;
use stagecraft::quiz::{
    AnswerRecord, ChallengeRecord, ExamFile, Grade, GradeCounts, History, ItemKey, ItemRecord, Schedule,
    Session, SessionKind, SessionRecord,
};

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/// Text a learner or a pack could put anywhere: arbitrary Unicode (control characters, quotes,
/// backslashes, RON comment and raw-string openers included).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "(?s).{0,24}",
        1 => prop::sample::select(vec![
            String::new(),
            "\"".to_owned(),
            "\\".to_owned(),
            "\\\"".to_owned(),
            "\n\r\t".to_owned(),
            "\0".to_owned(),
            "r#\"raw\"#".to_owned(),
            "/* not a comment */".to_owned(),
            "// nor this".to_owned(),
            "Some(\"x\")".to_owned(),
            "\u{feff}\u{200b}\u{10ffff}".to_owned(),
            "é日本語🦀".to_owned(),
            "x".repeat(300),
        ]),
    ]
}

/// Finite `f32`s, with the edges weighted in: zero of both signs, the smallest subnormal, the
/// smallest normal, epsilon, the largest and the most negative, and whole numbers.
fn finite_f32() -> impl Strategy<Value = f32> {
    use prop::num::f32 as f;
    prop_oneof![
        4 => f::POSITIVE | f::NEGATIVE | f::NORMAL | f::SUBNORMAL | f::ZERO,
        1 => prop::sample::select(vec![
            0.0,
            -0.0,
            f32::from_bits(1),
            -f32::from_bits(1),
            f32::from_bits(0x007f_ffff),
            f32::MIN_POSITIVE,
            f32::EPSILON,
            f32::MAX,
            f32::MIN,
            1.0e-38,
            3.0e38,
            16_777_217.0,
            0.1,
            0.9,
            180.0,
        ]),
        1 => (-1_000_000i32..1_000_000).prop_map(|n| n as f32),
    ]
}

fn unix_secs() -> impl Strategy<Value = u64> {
    prop_oneof![3 => 1_700_000_000u64..1_900_000_000, 1 => any::<u64>()]
}

/// A pipeline field: mostly literal text (some that looks like `!Ref X`), sometimes an
/// intrinsic function.
fn field() -> impl Strategy<Value = Text> {
    prop_oneof![
        4 => text().prop_map(Text::from),
        1 => text().prop_map(|t| Text::from(format!("!Ref {t}"))),
        1 => text().prop_map(|t| Text::intrinsic(&serde_json::json!({"Ref": t})).expect("a Ref")),
        1 => text().prop_map(|t| {
            Text::intrinsic(&serde_json::json!({"Fn::Sub": [t, {"Env": {"Ref": "Stage"}}]})).expect("a Sub")
        }),
    ]
}

fn small_vec<T: Debug>(element: impl Strategy<Value = T>) -> impl Strategy<Value = Vec<T>> {
    prop::collection::vec(element, 0..5)
}

fn text_map<V: Debug>(value: impl Strategy<Value = V>) -> impl Strategy<Value = BTreeMap<String, V>> {
    prop::collection::btree_map(text(), value, 0..5)
}

fn progress_value() -> impl Strategy<Value = Progress> {
    (
        text(),
        prop::option::of(text()),
        text_map(any::<u64>()),
        text_map(text()),
        prop::option::of(text()),
    )
        .prop_map(
            |(blueprint, selected_topic, read, annotations, open_diagram)| Progress {
                version: Progress::VERSION,
                blueprint,
                selected_topic,
                read,
                annotations,
                open_diagram,
            },
        )
}

fn settings_value() -> impl Strategy<Value = Settings> {
    (
        (
            finite_f32(),
            any::<u32>(),
            any::<bool>(),
            prop::sample::select(ThemeChoice::ALL.to_vec()),
            finite_f32(),
            any::<bool>(),
        ),
        (prop::option::of(text()), any::<u32>(), any::<bool>()),
    )
        .prop_map(
            |(
                (desired_retention, new_cards_per_day, exam_timed, theme, text_scale, exam_open_book),
                (exam_date, daily_minutes, welcome_done),
            )| Settings {
                version: Settings::VERSION,
                desired_retention,
                new_cards_per_day,
                exam_timed,
                theme,
                text_scale,
                exam_open_book,
                exam_date,
                daily_minutes,
                welcome_done,
            },
        )
}

fn reports_value() -> impl Strategy<Value = Reports> {
    small_vec(
        (unix_secs(), text(), text()).prop_map(|(at_unix_secs, question, remark)| Report {
            at_unix_secs,
            question,
            remark,
        }),
    )
    .prop_map(|reports| Reports {
        version: Reports::VERSION,
        reports,
    })
}

fn session_kind() -> impl Strategy<Value = SessionKind> {
    prop::sample::select(vec![
        SessionKind::Practice,
        SessionKind::Exam,
        SessionKind::Review,
    ])
}

fn grade() -> impl Strategy<Value = Grade> {
    prop::sample::select(Grade::ALL.to_vec())
}

fn item_key() -> impl Strategy<Value = ItemKey> {
    prop_oneof![text().prop_map(ItemKey::Question), text().prop_map(ItemKey::Card)]
}

fn answer_record() -> impl Strategy<Value = AnswerRecord> {
    (
        unix_secs(),
        any::<u64>(),
        session_kind(),
        text(),
        small_vec(any::<usize>()),
        any::<bool>(),
        any::<bool>(),
        finite_f32(),
    )
        .prop_map(
            |(at_unix_secs, session, kind, question, chosen, correct, flagged, elapsed_secs)| AnswerRecord {
                at_unix_secs,
                session,
                kind,
                question,
                chosen,
                correct,
                flagged,
                elapsed_secs,
            },
        )
}

fn session_record() -> impl Strategy<Value = SessionRecord> {
    (
        (any::<u64>(), session_kind(), text(), text()),
        (
            unix_secs(),
            unix_secs(),
            any::<usize>(),
            any::<usize>(),
            any::<usize>(),
        ),
        prop::option::of(any::<u32>()),
        text_map((any::<usize>(), any::<usize>())),
        (
            prop::option::of(any::<usize>()),
            (any::<usize>(), any::<usize>(), any::<usize>(), any::<usize>()),
            any::<bool>(),
            prop::collection::vec(item_record(), 0..4),
        ),
    )
        .prop_map(
            |(
                (id, kind, blueprint, scope_label),
                (started_at_unix_secs, finished_at_unix_secs, questions, correct, cards),
                scaled_score,
                per_domain,
                (answered, (again, hard, good, easy), open_book, items),
            )| SessionRecord {
                id,
                kind,
                blueprint,
                scope_label,
                started_at_unix_secs,
                finished_at_unix_secs,
                questions,
                correct,
                cards,
                scaled_score,
                per_domain,
                answered,
                grades: GradeCounts {
                    again,
                    hard,
                    good,
                    easy,
                },
                open_book,
                items,
            },
        )
}

fn item_record() -> impl Strategy<Value = ItemRecord> {
    (
        item_key(),
        prop::collection::vec(0usize..6, 0..3),
        any::<bool>(),
        prop::option::of(any::<bool>()),
        prop::option::of(grade()),
    )
        .prop_map(|(item, chosen, flagged, correct, grade)| ItemRecord {
            item,
            chosen,
            flagged,
            correct,
            grade,
        })
}

fn challenge_record() -> impl Strategy<Value = ChallengeRecord> {
    (unix_secs(), text(), any::<usize>(), any::<usize>(), text()).prop_map(
        |(at_unix_secs, challenge, passed, total, diagram_file)| ChallengeRecord {
            at_unix_secs,
            challenge,
            passed,
            total,
            diagram_file,
        },
    )
}

fn history_value() -> impl Strategy<Value = History> {
    (
        small_vec(answer_record()),
        small_vec(session_record()),
        small_vec(challenge_record()),
    )
        .prop_map(|(answers, sessions, challenges)| History {
            version: History::VERSION,
            answers,
            sessions,
            challenges,
        })
}

fn item_state() -> impl Strategy<Value = ItemState> {
    (
        finite_f32(),
        finite_f32(),
        unix_secs(),
        unix_secs(),
        any::<u32>(),
        any::<u32>(),
    )
        .prop_map(
            |(stability, difficulty, due_unix_secs, last_review_unix_secs, reps, lapses)| ItemState {
                stability,
                difficulty,
                due_unix_secs,
                last_review_unix_secs,
                reps,
                lapses,
            },
        )
}

fn schedule_value() -> impl Strategy<Value = Schedule> {
    (
        prop::collection::btree_map(item_key(), item_state(), 0..6),
        small_vec(
            (unix_secs(), item_key(), grade()).prop_map(|(at_unix_secs, item, grade)| ReviewRecord {
                at_unix_secs,
                item,
                grade,
            }),
        ),
    )
        .prop_map(|(items, reviews)| Schedule {
            version: Schedule::VERSION,
            items,
            reviews,
        })
}

fn response() -> impl Strategy<Value = Response> {
    (
        small_vec(any::<usize>()),
        any::<bool>(),
        any::<bool>(),
        finite_f32(),
        any::<bool>(),
        prop::option::of(grade()),
    )
        .prop_map(
            |(chosen, submitted, flagged, elapsed_secs, revealed, grade)| Response {
                chosen,
                submitted,
                flagged,
                elapsed_secs,
                revealed,
                grade,
            },
        )
}

fn session_value() -> impl Strategy<Value = Session> {
    (
        (any::<u64>(), session_kind(), text(), text()),
        (small_vec(item_key()), small_vec(response()), any::<usize>()),
        (
            unix_secs(),
            prop::option::of(any::<u64>()),
            any::<u64>(),
            prop::option::of(unix_secs()),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (id, kind, blueprint, scope_label),
                (items, responses, position),
                (started_at_unix_secs, time_limit_secs, elapsed_secs, finished_at_unix_secs, open_book),
            )| Session {
                version: Session::VERSION,
                id,
                kind,
                blueprint,
                scope_label,
                items,
                responses,
                position,
                started_at_unix_secs,
                time_limit_secs,
                elapsed_secs,
                finished_at_unix_secs,
                open_book,
            },
        )
}

fn exam_value() -> impl Strategy<Value = ExamFile> {
    prop::option::weighted(0.8, session_value()).prop_map(|exam| ExamFile {
        version: ExamFile::VERSION,
        exam,
    })
}

fn category() -> impl Strategy<Value = Category> {
    prop::sample::select(Category::ALL.to_vec())
}

fn owner() -> impl Strategy<Value = Owner> {
    prop::sample::select(vec![Owner::AWS, Owner::ThirdParty, Owner::Custom])
}

fn action() -> impl Strategy<Value = Action> {
    (
        (
            any::<u32>(),
            field(),
            category(),
            owner(),
            field(),
            field(),
            any::<u32>(),
        ),
        (text_map(field()), small_vec(field()), small_vec(field())),
        (
            prop::option::of(field()),
            prop::option::of(field()),
            prop::option::of(field()),
            finite_f32(),
        ),
    )
        .prop_map(
            |(
                (id, name, category, owner, provider, version, run_order),
                (configuration, inputs, outputs),
                (region, role_arn, namespace, x),
            )| Action {
                id: ActionId(id),
                name,
                category,
                owner,
                provider,
                version,
                run_order,
                configuration,
                inputs,
                outputs,
                region,
                role_arn,
                namespace,
                x,
                ..Default::default()
            },
        )
}

fn diagram_value() -> impl Strategy<Value = Diagram> {
    (
        (field(), text(), field(), field()),
        (
            prop::collection::btree_map(field(), field(), 0..4),
            prop::option::of(text()),
        ),
        prop::collection::vec(
            (field(), prop::collection::vec(action(), 0..4)).prop_map(|(name, actions)| Stage {
                name,
                actions,
                ..Stage::default()
            }),
            0..4,
        ),
    )
        .prop_map(
            |((name, description, role_arn, artifact_bucket), (artifact_stores, challenge), stages)| {
                Diagram {
                    version: DIAGRAM_VERSION,
                    name,
                    description,
                    role_arn,
                    artifact_bucket,
                    artifact_stores,
                    stages,
                    challenge,
                    ..Diagram::new("")
                }
            },
        )
}

// ---------------------------------------------------------------------------------------------
// Float fields, as bits (`PartialEq` on floats would let -0.0 pass for 0.0)
// ---------------------------------------------------------------------------------------------

fn settings_bits(s: &Settings) -> Vec<u32> {
    vec![s.desired_retention.to_bits(), s.text_scale.to_bits()]
}

fn history_bits(h: &History) -> Vec<u32> {
    h.answers.iter().map(|a| a.elapsed_secs.to_bits()).collect()
}

fn schedule_bits(s: &Schedule) -> Vec<u32> {
    s.items
        .values()
        .flat_map(|i| [i.stability.to_bits(), i.difficulty.to_bits()])
        .collect()
}

fn session_bits(s: &Session) -> Vec<u32> {
    s.responses.iter().map(|r| r.elapsed_secs.to_bits()).collect()
}

fn exam_bits(e: &ExamFile) -> Vec<u32> {
    e.exam.as_ref().map(session_bits).unwrap_or_default()
}

fn diagram_bits(d: &Diagram) -> Vec<u32> {
    d.actions().map(|(_, a)| a.x.to_bits()).collect()
}

fn no_floats<T>(_: &T) -> Vec<u32> {
    Vec::new()
}

// ---------------------------------------------------------------------------------------------
// The round trip
// ---------------------------------------------------------------------------------------------

/// `to_ron`, then parsing back with `ron`: the same value, the same float bits, and saving again
/// gives the same text (files do not drift from one save to the next).
fn round_trip<T>(value: &T, bits: fn(&T) -> Vec<u32>) -> Result<T, TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let text = progress::to_ron(value).map_err(TestCaseError::fail)?;
    let back: T = ron::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    prop_assert_eq!(&back, value, "text:\n{}", text);
    prop_assert_eq!(bits(&back), bits(value), "float bits differ; text:\n{}", text);
    let again = progress::to_ron(&back).map_err(TestCaseError::fail)?;
    prop_assert_eq!(again, text);
    Ok(back)
}

/// The same through the store: `save_at`, then `load_at` (which reads the version first from
/// any RON shape, then the typed value).
fn store_round_trip<T>(value: &T, name: &str, bits: fn(&T) -> Vec<u32>) -> Result<(), TestCaseError>
where
    T: DataFile + PartialEq + Debug,
{
    let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut store = Store::open(dir.path()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    if let Err(invalid) = value.validate() {
        // A value outside the rules (a range, a time) is neither written nor, written by hand,
        // read back: it is refused with its place.
        prop_assert!(store.save_at(name, value).is_err(), "saved although {}", invalid);
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, progress::to_ron(value).map_err(TestCaseError::fail)?).unwrap();
        let refused = store.load_at::<T>(name);
        prop_assert!(
            matches!(&refused, Err(LoadError::Damaged { message, .. }) if *message == invalid.message),
            "{:?} instead of {}",
            refused.map(|_| ()),
            invalid
        );
        return Ok(());
    }
    store
        .save_at(name, value)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T = store
        .load_at(name)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&back, value);
    prop_assert_eq!(bits(&back), bits(value));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn progress_round_trips(value in progress_value()) {
        round_trip(&value, no_floats)?;
        store_round_trip(&value, Progress::NAME, no_floats)?;
    }

    #[test]
    fn settings_round_trip(value in settings_value()) {
        round_trip(&value, settings_bits)?;
        store_round_trip(&value, Settings::NAME, settings_bits)?;
    }

    #[test]
    fn reports_round_trip(value in reports_value()) {
        round_trip(&value, no_floats)?;
        store_round_trip(&value, Reports::NAME, no_floats)?;
    }

    #[test]
    fn history_round_trips(value in history_value()) {
        round_trip(&value, history_bits)?;
        store_round_trip(&value, History::NAME, history_bits)?;
    }

    #[test]
    fn schedule_round_trips(value in schedule_value()) {
        round_trip(&value, schedule_bits)?;
        store_round_trip(&value, Schedule::NAME, schedule_bits)?;
    }

    #[test]
    fn exam_round_trips(value in exam_value()) {
        round_trip(&value, exam_bits)?;
        store_round_trip(&value, ExamFile::NAME, exam_bits)?;
    }

    #[test]
    fn session_round_trips(value in session_value()) {
        round_trip(&value, session_bits)?;
        store_round_trip(&value, Session::NAME, session_bits)?;
    }

    #[test]
    fn diagram_round_trips(value in diagram_value()) {
        round_trip(&value, diagram_bits)?;
        store_round_trip(&value, "diagrams/generated.ron", diagram_bits)?;
    }
}

/// The edges of `f32`, one by one, in every float field, so a failure names the value.
#[test]
fn every_edge_float_round_trips_bit_exact() {
    let edges = [
        0.0,
        -0.0,
        f32::from_bits(1),
        -f32::from_bits(1),
        f32::from_bits(0x007f_ffff),
        f32::MIN_POSITIVE,
        f32::EPSILON,
        f32::MAX,
        f32::MIN,
        1.0e-7,
        123_456_790.0,
        0.1,
        1.0 / 3.0,
    ];
    for x in edges {
        let settings = Settings {
            desired_retention: x,
            ..Settings::default()
        };
        let back: Settings = ron::from_str(&progress::to_ron(&settings).unwrap()).unwrap();
        assert_eq!(back.desired_retention.to_bits(), x.to_bits(), "{x:e}");
        let mut schedule = Schedule::default();
        schedule.items.insert(
            ItemKey::Question("q".to_owned()),
            ItemState {
                stability: x,
                difficulty: -x,
                due_unix_secs: u64::MAX,
                last_review_unix_secs: 0,
                reps: u32::MAX,
                lapses: 0,
            },
        );
        let back: Schedule = ron::from_str(&progress::to_ron(&schedule).unwrap()).unwrap();
        assert_eq!(schedule_bits(&back), schedule_bits(&schedule), "{x:e}");
    }
}

/// What RON does with the floats the app never writes: infinities come back bit for bit and a
/// NaN comes back as a NaN of the same sign. Kept out of the generated values because
/// `PartialEq` cannot compare NaN; recorded here so a change in `ron` shows.
#[test]
fn non_finite_floats_read_back() {
    for x in [f32::INFINITY, f32::NEG_INFINITY] {
        let settings = Settings {
            desired_retention: x,
            ..Settings::default()
        };
        let text = progress::to_ron(&settings).unwrap();
        let back: Settings = ron::from_str(&text).unwrap();
        assert_eq!(back.desired_retention.to_bits(), x.to_bits(), "{text}");
    }
    for x in [f32::NAN, -f32::NAN] {
        let settings = Settings {
            desired_retention: x,
            ..Settings::default()
        };
        let text = progress::to_ron(&settings).unwrap();
        let back: Settings = ron::from_str(&text).unwrap();
        assert!(back.desired_retention.is_nan(), "{text}");
        assert_eq!(
            back.desired_retention.is_sign_negative(),
            x.is_sign_negative(),
            "{text}"
        );
    }
}
