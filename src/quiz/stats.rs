//! Figures for the tree and the progress view: accuracy and due items per node, accuracy over
//! time per domain, reviews per day, and readiness per domain.

use std::collections::{BTreeMap, BTreeSet};

use crate::course::Course;
use crate::progress::clock::Zone;

use super::history::History;
use super::schedule::{ItemKey, Schedule};

/// Quiz figures for one node of the tree.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NodeStats {
    /// Distinct questions answered.
    pub answered: usize,
    /// Of those, answered correctly the last time.
    pub correct: usize,
    /// Scheduled items (questions and cards) due now.
    pub due: usize,
}

impl NodeStats {
    /// Accuracy of the latest answers, 0–100, when anything was answered.
    #[must_use]
    pub fn accuracy_percent(&self) -> Option<f64> {
        (self.answered > 0).then(|| crate::course::check::percent_of(self.correct, self.answered))
    }
}

/// Per-topic, per-objective and per-domain figures for one blueprint.
#[derive(Debug, Clone, Default)]
pub struct TreeStats {
    pub topics: BTreeMap<String, NodeStats>,
    /// (domain, objective) → stats.
    pub objectives: BTreeMap<(usize, usize), NodeStats>,
    pub domains: BTreeMap<usize, NodeStats>,
    /// Due items across the course.
    pub due_total: usize,
}

/// Computes the tree's figures. A question counts for the objectives it is mapped to in this
/// blueprint and for its topics; a recall card counts for its topics.
#[must_use]
pub fn tree_stats(
    course: &Course,
    blueprint: usize,
    history: &History,
    schedule: &Schedule,
    now: u64,
) -> TreeStats {
    let latest = history.latest_results();
    let due: BTreeSet<&ItemKey> = schedule.due(now).into_iter().collect();
    let mut stats = TreeStats {
        due_total: due.len(),
        ..TreeStats::default()
    };
    let Some(bp) = course.blueprints.get(blueprint) else {
        return stats;
    };
    // Topic → the (domain, objective) pairs it sits under in this blueprint.
    let mut topic_places: BTreeMap<&str, BTreeSet<(usize, usize)>> = BTreeMap::new();
    for (d, domain) in bp.domains.iter().enumerate() {
        for (o, objective) in domain.objectives.iter().enumerate() {
            for topic in &objective.topics {
                topic_places.entry(topic.as_str()).or_default().insert((d, o));
            }
        }
    }

    for question in &course.questions {
        let result = latest.get(question.id.as_str()).copied();
        let is_due = due.contains(&ItemKey::Question(question.id.clone()));
        let add = |s: &mut NodeStats| {
            if let Some(right) = result {
                s.answered += 1;
                s.correct += usize::from(right);
            }
            s.due += usize::from(is_due);
        };
        if result.is_none() && !is_due {
            continue;
        }
        let objectives = course.question_objectives(question, blueprint);
        let mut domains = BTreeSet::new();
        for r in &objectives {
            add(stats.objectives.entry((r.domain, r.objective)).or_default());
            domains.insert(r.domain);
        }
        for d in domains {
            add(stats.domains.entry(d).or_default());
        }
        for topic in &question.topics {
            add(stats.topics.entry(topic.clone()).or_default());
        }
    }

    for card in &course.cards {
        if !due.contains(&ItemKey::Card(card.id.clone())) {
            continue;
        }
        let mut places = BTreeSet::new();
        for topic in &card.topics {
            stats.topics.entry(topic.clone()).or_default().due += 1;
            if let Some(p) = topic_places.get(topic.as_str()) {
                places.extend(p.iter().copied());
            }
        }
        let domains: BTreeSet<usize> = places.iter().map(|(d, _)| *d).collect();
        for place in places {
            stats.objectives.entry(place).or_default().due += 1;
        }
        for d in domains {
            stats.domains.entry(d).or_default().due += 1;
        }
    }
    stats
}

/// Accuracy per day for one domain: (day number of the learner's local date, as
/// [`Zone::day_of`] counts, percent correct that day).
#[must_use]
pub fn domain_accuracy_by_day(
    course: &Course,
    blueprint: usize,
    history: &History,
    domain: usize,
    zone: &Zone,
) -> Vec<(u64, f64)> {
    let mut days: BTreeMap<u64, (usize, usize)> = BTreeMap::new();
    for answer in history.given_answers() {
        let Some(question) = course.question(&answer.question) else {
            continue;
        };
        if course.question_domain(question, blueprint) != Some(domain) {
            continue;
        }
        let entry = days.entry(zone.day_of(answer.at_unix_secs)).or_default();
        entry.0 += usize::from(answer.correct);
        entry.1 += 1;
    }
    days.into_iter()
        .map(|(day, (right, total))| (day, crate::course::check::percent_of(right, total)))
        .collect()
}

/// Reviews (answers to scheduled items and card grades) on each of the last `days` days of the
/// learner's calendar in `zone`, oldest first; the last entry is today.
#[must_use]
pub fn reviews_per_day(schedule: &Schedule, now: u64, days: u64, zone: &Zone) -> Vec<usize> {
    let today = zone.day_of(now);
    let first = today.saturating_sub(days.saturating_sub(1));
    let mut counts = vec![0; usize::try_from(days).unwrap_or(0)];
    for review in &schedule.reviews {
        let day = zone.day_of(review.at_unix_secs);
        if day >= first
            && day <= today
            && let Some(slot) = usize::try_from(day - first).ok().and_then(|i| counts.get_mut(i))
        {
            *slot += 1;
        }
    }
    counts
}

/// How many answers a domain needs before its readiness counts fully.
pub const READINESS_ANSWERS: usize = 20;

/// Readiness for a domain, 0–100: the accuracy of the latest answers to its questions, scaled
/// down while fewer than [`READINESS_ANSWERS`] distinct questions have been answered.
#[must_use]
pub fn readiness_percent(stats: &NodeStats) -> f64 {
    let Some(accuracy) = stats.accuracy_percent() else {
        return 0.0;
    };
    let coverage =
        crate::course::check::percent_of(stats.answered.min(READINESS_ANSWERS), READINESS_ANSWERS) / 100.0;
    accuracy * coverage
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::course::{PackFile, PackSource};
    use crate::progress::clock::DAY_SECS;
    use crate::quiz::history::AnswerRecord;
    use crate::quiz::schedule::{Grade, ItemState, ReviewRecord};
    use crate::quiz::session::SessionKind;

    /// Blueprint b1: domain 1 (1.1 pipes and builds, 1.2 builds), domain 2 (2.1 watch).
    /// Blueprint b2: one domain, one objective with every topic.
    const COURSE: &str = r#"Course(version: 1, title: "Stats", blueprints: [
        Blueprint(id: "b1", title: "One", domains: [
            Domain(id: "1", title: "Delivery", weight_percent: 60, objectives: [
                Objective(id: "1.1", title: "Pipelines", topics: ["pipes", "builds"]),
                Objective(id: "1.2", title: "Builds", topics: ["builds"]),
            ]),
            Domain(id: "2", title: "Operations", weight_percent: 40, objectives: [
                Objective(id: "2.1", title: "Watching", topics: ["watch"]),
            ]),
        ]),
        Blueprint(id: "b2", title: "Two", domains: [
            Domain(id: "1", title: "Everything", weight_percent: 100, objectives: [
                Objective(id: "1.1", title: "All", topics: ["pipes", "builds", "watch"]),
            ]),
        ]),
    ], topics: [
        Topic(id: "pipes", title: "Pipelines"),
        Topic(id: "builds", title: "Builds"),
        Topic(id: "watch", title: "Watching"),
    ])"#;

    fn question(id: &str, objectives: &[&str], topics: &[&str]) -> String {
        let list = |items: &[&str]| {
            items
                .iter()
                .map(|i| format!("{i:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            r#"Question(id: {id:?}, objectives: [{}], topics: [{}], kind: Single, difficulty: 2,
                revised: "2026-11-26", stem: "Stem of {id}?", options: [
                    Choice(text: "Right", correct: true, explanation: "Yes."),
                    Choice(text: "Wrong", correct: false, explanation: "No."),
                    Choice(text: "Also wrong", correct: false, explanation: "No."),
                    Choice(text: "Still wrong", correct: false, explanation: "No."),
                ], references: ["https://docs.aws.amazon.com/"]),"#,
            list(objectives),
            list(topics)
        )
    }

    /// q1 sits under two objectives of b1's domain 1 (and under b2), q2 under domain 2, q3 under
    /// both domains of b1 and nothing of b2, q4 under domain 2. Card c1 is about builds (under
    /// 1.1 and 1.2), c2 about watching.
    fn course() -> Course {
        let questions = [
            question("q1", &["b1/1.1", "b1/1.2", "b2/1.1"], &["pipes", "builds"]),
            question("q2", &["b1/2.1"], &["watch"]),
            question("q3", &["b1/1.1", "b1/2.1"], &["pipes"]),
            question("q4", &["b1/2.1"], &["watch"]),
        ]
        .join("\n");
        let file = |path: &str, text: &str| PackFile {
            path: path.to_owned(),
            text: text.to_owned(),
        };
        let pack = PackSource {
            label: "stats".to_owned(),
            files: vec![
                file("course.ron", COURSE),
                file("notes/pipes.md", "# Pipelines\n"),
                file("notes/builds.md", "# Builds\n"),
                file("notes/watch.md", "# Watching\n"),
                file("questions/main.ron", &format!("[\n{questions}\n]\n")),
                file(
                    "cards/main.ron",
                    r#"[
                        Card(id: "c1", topics: ["builds"], front: "F1", back: "B1", reference: "https://docs.aws.amazon.com/"),
                        Card(id: "c2", topics: ["watch"], front: "F2", back: "B2", reference: "https://docs.aws.amazon.com/"),
                    ]"#,
                ),
            ],
        };
        let report = crate::course::load(&pack);
        assert!(report.problems.is_empty(), "{:#?}", report.problems);
        report.course.unwrap()
    }

    /// Day 20,000 since the epoch (2024-10-04); answers and reviews fall around noon UTC, so
    /// they stay on their day in any time zone within eleven hours of UTC.
    const DAY: u64 = 20_000;

    fn at(day: u64, hour: u64, minute: u64) -> u64 {
        (DAY + day) * DAY_SECS + hour * 3600 + minute * 60
    }

    fn answer(at_unix_secs: u64, question: &str, chosen: &[usize], correct: bool) -> AnswerRecord {
        AnswerRecord {
            at_unix_secs,
            session: 1,
            kind: SessionKind::Exam,
            question: question.to_owned(),
            chosen: chosen.to_vec(),
            correct,
            flagged: false,
            elapsed_secs: 30.0,
        }
    }

    /// Latest results: q1 right, q2 right, q3 wrong; q4 only ever left blank.
    fn history() -> History {
        History {
            answers: vec![
                answer(at(0, 12, 0), "q1", &[1], false),
                answer(at(0, 12, 30), "q3", &[0], true),
                answer(at(0, 13, 0), "q2", &[0], true),
                answer(at(1, 12, 0), "q3", &[2], false),
                answer(at(2, 12, 0), "q1", &[0], true),
                // Blank exam answers, as files written before blanks stopped being recorded
                // hold them: not answers.
                answer(at(2, 12, 10), "q4", &[], false),
                answer(at(2, 12, 20), "q2", &[], false),
                // A question the course no longer has.
                answer(at(2, 12, 30), "gone", &[0], true),
            ],
            ..History::default()
        }
    }

    /// The moment the figures are taken: day 3, 10:00 UTC.
    const NOW_DAY: u64 = 3;

    fn now() -> u64 {
        at(NOW_DAY, 10, 0)
    }

    fn state(due_unix_secs: u64) -> ItemState {
        ItemState {
            stability: 3.0,
            difficulty: 5.0,
            due_unix_secs,
            last_review_unix_secs: at(0, 12, 0),
            reps: 1,
            lapses: 0,
        }
    }

    /// Due now: q3 and card c1 (c1 exactly now). Not yet: q1, q2 and card c2.
    fn schedule() -> Schedule {
        let q = |id: &str| ItemKey::Question(id.to_owned());
        let c = |id: &str| ItemKey::Card(id.to_owned());
        Schedule {
            items: BTreeMap::from([
                (q("q1"), state(now() + DAY_SECS)),
                (q("q2"), state(now() + 1)),
                (q("q3"), state(at(1, 12, 0))),
                (c("c1"), state(now())),
                (c("c2"), state(now() + 5 * DAY_SECS)),
            ]),
            ..Schedule::default()
        }
    }

    fn node(answered: usize, correct: usize, due: usize) -> NodeStats {
        NodeStats {
            answered,
            correct,
            due,
        }
    }

    #[test]
    fn tree_stats_count_each_node_a_question_and_a_due_card_sit_under() {
        let stats = tree_stats(&course(), 0, &history(), &schedule(), now());
        assert_eq!(stats.due_total, 2);
        assert_eq!(
            stats.topics,
            BTreeMap::from([
                // q1 right, q3 wrong and due.
                ("pipes".to_owned(), node(2, 1, 1)),
                // q1 right; card c1 due.
                ("builds".to_owned(), node(1, 1, 1)),
                // q2 right (its later blank is not an answer); q4 only blank.
                ("watch".to_owned(), node(1, 1, 0)),
            ])
        );
        assert_eq!(
            stats.objectives,
            BTreeMap::from([
                // 1.1: q1, q3, and c1 through builds.
                ((0, 0), node(2, 1, 2)),
                // 1.2: q1, and c1 through builds.
                ((0, 1), node(1, 1, 1)),
                // 2.1: q2, q3.
                ((1, 0), node(2, 1, 1)),
            ])
        );
        assert_eq!(
            stats.domains,
            BTreeMap::from([
                // q1 and c1 once each, though each sits under two of its objectives; q3.
                (0, node(2, 1, 2)),
                // q2, q3.
                (1, node(2, 1, 1)),
            ])
        );
    }

    #[test]
    fn tree_stats_follow_the_blueprint_asked_for() {
        let stats = tree_stats(&course(), 1, &history(), &schedule(), now());
        assert_eq!(stats.due_total, 2);
        // Topics do not depend on the blueprint.
        assert_eq!(stats.topics["pipes"], node(2, 1, 1));
        // Only q1 is mapped to b2; c1's topic is under its one objective.
        assert_eq!(stats.objectives, BTreeMap::from([((0, 0), node(1, 1, 1))]));
        assert_eq!(stats.domains, BTreeMap::from([(0, node(1, 1, 1))]));

        let unknown = tree_stats(&course(), 7, &history(), &schedule(), now());
        assert_eq!(unknown.due_total, 2);
        assert!(unknown.topics.is_empty() && unknown.objectives.is_empty() && unknown.domains.is_empty());
    }

    #[test]
    fn a_blank_answer_is_not_an_answer_in_the_tree() {
        let mut history = History::default();
        history.answers.push(answer(at(0, 12, 0), "q4", &[], false));
        let stats = tree_stats(&course(), 0, &history, &Schedule::default(), now());
        assert_eq!(stats.due_total, 0);
        assert!(stats.topics.is_empty(), "{:?}", stats.topics);
        assert!(stats.domains.is_empty(), "{:?}", stats.domains);
        // Given after the blank, an answer counts.
        history.answers.push(answer(at(0, 12, 5), "q4", &[1], false));
        let stats = tree_stats(&course(), 0, &history, &Schedule::default(), now());
        assert_eq!(stats.domains, BTreeMap::from([(1, node(1, 0, 0))]));
        assert_eq!(stats.domains[&1].accuracy_percent(), Some(0.0));
    }

    #[test]
    fn nothing_due_before_its_time() {
        let stats = tree_stats(&course(), 0, &history(), &schedule(), at(1, 11, 59));
        // q3 falls due at day 1 12:00, c1 at day 3 10:00.
        assert_eq!(stats.due_total, 0);
        assert_eq!(stats.domains[&0], node(2, 1, 0));
        let stats = tree_stats(&course(), 0, &history(), &schedule(), at(1, 12, 0));
        assert_eq!(stats.due_total, 1);
        assert_eq!(stats.domains[&0], node(2, 1, 1));
        assert_eq!(stats.topics.get("builds"), Some(&node(1, 1, 0)));
    }

    #[test]
    fn domain_accuracy_is_per_day_and_skips_blanks_and_unknown_questions() {
        let course = course();
        // Domain 1 of b1 takes q1 and q3 (their first objective is 1.1).
        assert_eq!(
            domain_accuracy_by_day(&course, 0, &history(), 0, &Zone::UTC),
            [(DAY, 50.0), (DAY + 1, 0.0), (DAY + 2, 100.0)]
        );
        // Domain 2 takes q2 (and q4); the blanks of day 2 make no day of their own.
        assert_eq!(
            domain_accuracy_by_day(&course, 0, &history(), 1, &Zone::UTC),
            [(DAY, 100.0)]
        );
        // In b2 only q1 is mapped.
        assert_eq!(
            domain_accuracy_by_day(&course, 1, &history(), 0, &Zone::UTC),
            [(DAY, 0.0), (DAY + 2, 100.0)]
        );
        assert!(domain_accuracy_by_day(&course, 0, &History::default(), 0, &Zone::UTC).is_empty());
    }

    #[test]
    fn reviews_are_counted_on_their_day_oldest_first() {
        let review = |at_unix_secs: u64| ReviewRecord {
            at_unix_secs,
            item: ItemKey::Card("c1".to_owned()),
            grade: Grade::Good,
        };
        let schedule = Schedule {
            reviews: vec![
                review(at(0, 12, 0)),
                review(at(1, 11, 0)),
                review(at(1, 13, 0)),
                review(at(NOW_DAY, 9, 0)),
            ],
            ..Schedule::default()
        };
        // Days 1, 2 and 3 (today); day 0 is before the window.
        assert_eq!(reviews_per_day(&schedule, now(), 3, &Zone::UTC), [2, 0, 1]);
        assert_eq!(reviews_per_day(&schedule, now(), 4, &Zone::UTC), [1, 2, 0, 1]);
        assert_eq!(reviews_per_day(&schedule, now(), 1, &Zone::UTC), [1]);
        assert!(reviews_per_day(&schedule, now(), 0, &Zone::UTC).is_empty());
        // A window reaching back before the epoch.
        assert_eq!(
            reviews_per_day(&Schedule::default(), 3600, 3, &Zone::UTC),
            [0, 0, 0]
        );
    }

    #[test]
    fn readiness_is_accuracy_scaled_by_coverage() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(close(readiness_percent(&node(0, 0, 4)), 0.0));
        // 5 of the 20 answers that count fully: a quarter of 80%.
        assert!(close(readiness_percent(&node(5, 4, 0)), 20.0));
        assert!(close(readiness_percent(&node(10, 10, 0)), 50.0));
        assert!(close(readiness_percent(&node(20, 15, 0)), 75.0));
        // More answers than that do not raise it past the accuracy.
        assert!(close(readiness_percent(&node(40, 30, 0)), 75.0));
        assert!(close(readiness_percent(&node(20, 0, 0)), 0.0));
        assert_eq!(READINESS_ANSWERS, 20);
    }
}
