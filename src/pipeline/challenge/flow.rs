//! The checks on how artifacts flow through a diagram: an action reads what another produced
//! ([`Check::ConsumesOutputOf`](super::Check::ConsumesOutputOf)), several actions read the very
//! same artifact ([`Check::SameArtifact`](super::Check::SameArtifact)), and a configuration
//! value names an artifact from the right producer
//! ([`Check::ConfigNamesOutputOf`](super::Check::ConfigNamesOutputOf)).

use std::collections::BTreeSet;

use super::Matcher;
use super::eval::{Outcome, runs_before};
use super::matcher::place;
use crate::pipeline::model::{Action, Diagram};
use crate::pipeline::text::Text;

/// Whether some `producer` action that runs before the action in stage `cs` outputs `artifact`.
fn produced_before(producers: &[(usize, &Action)], cs: usize, consumer: &Action, artifact: &str) -> bool {
    producers
        .iter()
        .any(|&(ps, p)| runs_before(ps, p, cs, consumer) && p.outputs.iter().any(|o| o.as_str() == artifact))
}

pub(super) fn consumes(diagram: &Diagram, consumer: &Matcher, producer: &Matcher) -> Outcome {
    let producers: Vec<(usize, &Action)> = producer.select(diagram).collect();
    let mut any = false;
    for (cs, c) in consumer.select(diagram) {
        any = true;
        let fed = c
            .inputs
            .iter()
            .any(|i| produced_before(&producers, cs, c, i.as_str()));
        if !fed {
            let why = if producers.is_empty() {
                producer.absence(diagram)
            } else {
                format!("it reads no artifact from {}", producer.describe())
            };
            return Outcome::new(false, format!("{}: {why}", place(diagram, cs, c)));
        }
    }
    if any {
        Outcome::new(
            true,
            format!("every {} reads from {}", consumer.describe(), producer.describe()),
        )
    } else {
        Outcome::new(false, consumer.absence(diagram))
    }
}

pub(super) fn same_artifact(diagram: &Diagram, matchers: &[Matcher]) -> Outcome {
    if matchers.is_empty() {
        return Outcome::new(false, "no actions to compare");
    }
    let mut readers: Vec<(usize, &Action)> = Vec::new();
    for matcher in matchers {
        let picked: Vec<(usize, &Action)> = matcher.select(diagram).collect();
        if picked.is_empty() {
            return Outcome::new(false, matcher.absence(diagram));
        }
        for found in picked {
            if !readers.iter().any(|(_, a)| a.id == found.1.id) {
                readers.push(found);
            }
        }
    }
    let mut shared: Option<BTreeSet<&str>> = None;
    for (_, action) in &readers {
        let inputs: BTreeSet<&str> = action.inputs.iter().map(Text::as_str).collect();
        shared = Some(match shared {
            None => inputs,
            Some(so_far) => so_far.intersection(&inputs).copied().collect(),
        });
    }
    let shared = shared.unwrap_or_default();
    let names = |set: &BTreeSet<&str>| set.iter().copied().collect::<Vec<_>>().join(", ");
    if shared.is_empty() {
        let each: Vec<String> = readers
            .iter()
            .map(|&(s, a)| {
                let inputs: BTreeSet<&str> = a.inputs.iter().map(Text::as_str).collect();
                let read = if inputs.is_empty() {
                    "nothing".to_owned()
                } else {
                    names(&inputs)
                };
                format!("{} reads {read}", place(diagram, s, a))
            })
            .collect();
        Outcome::new(
            false,
            format!("no artifact is read by all of them: {}", each.join("; ")),
        )
    } else {
        Outcome::new(
            true,
            format!("{} actions all read {}", readers.len(), names(&shared)),
        )
    }
}

pub(super) fn config_names_output(
    diagram: &Diagram,
    action: &Matcher,
    key: &str,
    producer: &Matcher,
) -> Outcome {
    let producers: Vec<(usize, &Action)> = producer.select(diagram).collect();
    let mut any = false;
    for (s, a) in action.select(diagram) {
        any = true;
        let value = a.configuration.get(key).map_or("", |v| v.as_str());
        let artifact = value.split("::").next().unwrap_or("").trim();
        let at = place(diagram, s, a);
        if artifact.is_empty() {
            return Outcome::new(false, format!("{at} has no {key}"));
        }
        if !a.inputs.iter().any(|i| i.as_str() == artifact) {
            return Outcome::new(
                false,
                format!("{at}: {key} names {artifact}, which is not one of its input artifacts"),
            );
        }
        if !produced_before(&producers, s, a, artifact) {
            let why = if producers.is_empty() {
                producer.absence(diagram)
            } else {
                format!("no earlier {} produces it", producer.describe())
            };
            return Outcome::new(false, format!("{at}: {key} names {artifact}, but {why}"));
        }
    }
    if any {
        Outcome::new(
            true,
            format!(
                "{key} of every {} names an output of {}",
                action.describe(),
                producer.describe()
            ),
        )
    } else {
        Outcome::new(false, action.absence(diagram))
    }
}
