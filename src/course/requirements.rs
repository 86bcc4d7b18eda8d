//! The bank's size and balance targets from `course.ron`'s `requirements`: question and card
//! counts, questions per objective (every blueprint) and per task statement (the balanced
//! blueprint), each domain's share against its weight, and the share of multiple-response
//! questions.
//!
//! A question or card file that failed to parse contributes nothing to the counts; the parse
//! error is the problem to fix, so the targets that depend on that folder are not judged.

use super::COURSE_FILE;
use super::Course;
use super::check::{Locator, percent_of};
use super::model::{BankRequirements, QuestionKind};
use super::problem::{Problem, find_from};

pub(super) fn check_requirements(course: &Course, at: &mut Locator<'_>, problems: &mut Vec<Problem>) {
    let Some(req) = &course.requirements else {
        return;
    };
    let req_at = find_from(at.text(COURSE_FILE), 0, "requirements:");
    let mut report = |message: String| problems.push(at.problem(COURSE_FILE, req_at, message));
    if course.blueprint_index(&req.balanced_blueprint).is_none() {
        report(format!(
            "requirements name unknown blueprint {:?}",
            req.balanced_blueprint
        ));
    }
    if !course.has_broken_file_in("cards") {
        at_least(
            &mut report,
            "the pack has",
            course.cards.len(),
            "recall cards",
            req.min_cards,
        );
    }
    if !course.has_broken_file_in("questions") {
        question_requirements(course, req, &mut report);
    }
}

/// Reports `have` below `need` as "`subject` N `unit`, the requirement is at least M".
fn at_least(report: &mut impl FnMut(String), subject: &str, have: usize, unit: &str, need: usize) {
    if have < need {
        report(format!(
            "{subject} {have} {unit}, the requirement is at least {need}"
        ));
    }
}

fn question_requirements(course: &Course, req: &BankRequirements, report: &mut impl FnMut(String)) {
    let total = course.questions.len();
    at_least(report, "the pack has", total, "questions", req.min_questions);
    let multiple = course
        .questions
        .iter()
        .filter(|q| matches!(q.kind, QuestionKind::Multiple { .. }))
        .count();
    if total > 0 {
        let percent = percent_of(multiple, total);
        if percent < req.min_multiple_response_percent {
            report(format!(
                "{percent:.1}% of questions are multiple response, the requirement is at least {}%",
                req.min_multiple_response_percent
            ));
        }
    }
    let balanced = course.blueprint_index(&req.balanced_blueprint);
    for (b, blueprint) in course.blueprints.iter().enumerate() {
        // The balanced blueprint's objectives (its task statements) may have a higher floor;
        // each objective is reported once, against the higher of the two.
        let (need, noun) = if Some(b) == balanced && req.min_questions_per_task_statement > 0 {
            (
                req.min_questions_per_objective
                    .max(req.min_questions_per_task_statement),
                "task statement",
            )
        } else {
            (req.min_questions_per_objective, "objective")
        };
        let counts = super::summary::objective_counts(course, b);
        for objective in blueprint.domains.iter().flat_map(|d| d.objectives.iter()) {
            let n = counts.get(objective.id.as_str()).copied().unwrap_or(0);
            at_least(
                report,
                &format!("{noun} {}/{} has", blueprint.id, objective.id),
                n,
                "questions",
                need,
            );
        }
    }
    if let Some(b) = balanced {
        let counts = super::summary::domain_counts(course, b);
        let counted: usize = counts.iter().sum();
        if counted == 0 {
            return;
        }
        for (domain, n) in course.blueprints[b].domains.iter().zip(&counts) {
            let share = percent_of(*n, counted);
            let weight = f64::from(domain.weight_percent);
            if (share - weight).abs() > req.max_domain_share_deviation_points {
                report(format!(
                    "domain {}/{} holds {share:.1}% of the questions, more than {} points from its weight of {weight}%",
                    req.balanced_blueprint, domain.id, req.max_domain_share_deviation_points
                ));
            }
        }
    }
}
