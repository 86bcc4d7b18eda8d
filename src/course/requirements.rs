//! The bank's size and balance targets from `course.ron`'s `requirements`: question and card
//! counts, questions per objective, each domain's share against its weight, and the share of
//! multiple-response questions.

use super::COURSE_FILE;
use super::Course;
use super::check::{Locator, percent_of};
use super::model::QuestionKind;
use super::problem::{Problem, find_from};

pub(super) fn check_requirements(course: &Course, at: &mut Locator<'_>, problems: &mut Vec<Problem>) {
    let Some(req) = &course.requirements else {
        return;
    };
    let req_at = find_from(at.text(COURSE_FILE), 0, "requirements:");
    let mut report = |message: String| problems.push(at.problem(COURSE_FILE, req_at, message));
    let total = course.questions.len();
    if total < req.min_questions {
        report(format!(
            "the pack has {total} questions, the requirement is at least {}",
            req.min_questions
        ));
    }
    if course.cards.len() < req.min_cards {
        report(format!(
            "the pack has {} recall cards, the requirement is at least {}",
            course.cards.len(),
            req.min_cards
        ));
    }
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
    for (b, blueprint) in course.blueprints.iter().enumerate() {
        let counts = super::summary::objective_counts(course, b);
        for domain in &blueprint.domains {
            for objective in &domain.objectives {
                let n = counts.get(objective.id.as_str()).copied().unwrap_or(0);
                if n < req.min_questions_per_objective {
                    report(format!(
                        "objective {}/{} has {n} questions, the requirement is at least {}",
                        blueprint.id, objective.id, req.min_questions_per_objective
                    ));
                }
            }
        }
    }
    if let Some(b) = course.blueprint_index(&req.balanced_blueprint) {
        let counts = super::summary::domain_counts(course, b);
        let counted: usize = counts.iter().sum();
        for (domain, n) in course.blueprints[b].domains.iter().zip(&counts) {
            if counted == 0 {
                break;
            }
            let share = percent_of(*n, counted);
            let weight = f64::from(domain.weight_percent);
            if (share - weight).abs() > req.max_domain_share_deviation_points {
                report(format!(
                    "domain {}/{} holds {share:.1}% of the questions, more than {} points from its weight of {weight}%",
                    req.balanced_blueprint, domain.id, req.max_domain_share_deviation_points
                ));
            }
        }
    } else {
        report(format!(
            "requirements name unknown blueprint {:?}",
            req.balanced_blueprint
        ));
    }
}
