//! Timelines: the steps a deployment goes through (fleet, capacity, traffic), how a run ended,
//! and the figures that sum it up. The recorder the strategies write them with is
//! `recorder.rs`.

use serde::Serialize;

use super::lifecycle::LifecycleEvent;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The new revision serves all traffic.
    Succeeded,
    /// A health check, hook or alarm failed and the fleet went back to the old revision.
    RolledBack,
    /// The deployment stopped before it changed anything, so there was nothing to roll back
    /// (an Amazon ECS `BeforeInstall` hook that failed).
    Failed,
}

impl Outcome {
    /// A label for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Succeeded => "succeeded",
            Self::RolledBack => "rolled back",
            Self::Failed => "failed before changing anything",
        }
    }
}

/// What a timeline's numbers count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Counts {
    /// Instances (EC2, on-premises, or the notes' targets).
    Instances,
    /// Amazon ECS tasks: the original task set is "old", the replacement task set "new".
    Tasks,
    /// Only the traffic share: AWS Lambda shifts invocations between function versions and has
    /// no instances to count, so every step's counts are zero.
    TrafficOnly,
}

impl Counts {
    /// The counted thing, for sentences ("instance(s)", "task(s)").
    #[must_use]
    pub fn noun(self) -> &'static str {
        match self {
            Self::Instances | Self::TrafficOnly => "instance(s)",
            Self::Tasks => "task(s)",
        }
    }
}

/// One moment of a deployment: the fleet and the traffic just after an event.
///
/// Every instance is in exactly one of `old`, `new` and `failed`; `in_service` is
/// `old_in_service + new_in_service`, and a failed instance is never in service.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// Minutes since the deployment began.
    pub minute: f64,
    /// Instances running (or being given back) the old revision, in service or not.
    pub old: u32,
    /// Instances running (or being given) the new revision, in service or not; failed ones
    /// are counted in `failed` instead.
    pub new: u32,
    /// Instances whose new revision failed its health check, or that an alarm stopped: out of
    /// service until they are rolled back or removed.
    pub failed: u32,
    /// Old-revision instances registered, healthy and taking production traffic.
    pub old_in_service: u32,
    /// New-revision instances registered, healthy and taking production traffic.
    pub new_in_service: u32,
    /// All instances taking production traffic.
    pub in_service: u32,
    /// Share of production requests that reach the new revision, 0–100.
    pub traffic_to_new_percent: f64,
    /// Amazon ECS: whether the test listener sends test traffic to the replacement task set.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub test_traffic_to_new: bool,
    /// The CodeDeploy lifecycle event under way (AWS Lambda and Amazon ECS only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle_event: Option<LifecycleEvent>,
    /// What happened, in a sentence.
    pub note: String,
}

impl Step {
    /// Every instance that exists at this step, whatever its revision or state.
    #[must_use]
    pub fn instances(&self) -> u32 {
        self.old + self.new + self.failed
    }
}

/// The figures that sum a run up (`simulate --json` prints them as `"summary"`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// From the start to the last step.
    pub minutes: f64,
    /// The most instances that existed at once; `None` when the run counts only traffic.
    pub peak_instances: Option<u32>,
    /// The fewest instances in service at any step; `None` when the run counts only traffic.
    pub fewest_in_service: Option<u32>,
    /// Instance-minutes run beyond the starting fleet (what the extra capacity cost); `None`
    /// when the run counts only traffic.
    pub extra_instance_minutes: Option<f64>,
    /// The minute the failure stopped the deployment and the rollback began; `None` without a
    /// rollback.
    pub rolled_back_at_minute: Option<f64>,
}

impl Summary {
    /// The figures of `steps` (in time order; the first is the fleet before the deployment).
    #[must_use]
    pub fn of(steps: &[Step], counts: Counts, rolled_back_at_minute: Option<f64>) -> Self {
        let minutes = steps.last().map_or(0.0, |s| s.minute);
        let counted = counts != Counts::TrafficOnly;
        let fleet = steps.first().map_or(0, Step::instances);
        let extra: f64 = steps
            .windows(2)
            .map(|pair| {
                (pair[1].minute - pair[0].minute) * f64::from(pair[0].instances().saturating_sub(fleet))
            })
            .sum();
        Self {
            minutes,
            peak_instances: counted.then(|| steps.iter().map(Step::instances).max().unwrap_or(0)),
            fewest_in_service: counted.then(|| steps.iter().map(|s| s.in_service).min().unwrap_or(0)),
            extra_instance_minutes: counted.then_some(extra),
            rolled_back_at_minute,
        }
    }
}

/// A whole run: the steps in time order, the outcome and its summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// The strategy's name, as in [`super::strategies`].
    pub strategy: String,
    /// What the steps' numbers count.
    pub counts: Counts,
    /// Never empty: the first step is the fleet before the deployment.
    pub steps: Vec<Step>,
    pub outcome: Outcome,
    pub summary: Summary,
    /// How many health checks (hooks included) the run made: the range of
    /// [`super::Params::fail_at_step`] when the run has no failure.
    #[serde(skip)]
    pub health_checks: usize,
    /// The last minute an alarm can stop this run (the range of
    /// [`super::Params::fail_at_minute`] when the run has no failure).
    #[serde(skip)]
    pub latest_alarm_minute: u32,
}

impl Timeline {
    /// The most instances that existed at once (0 when the run counts only traffic).
    #[must_use]
    pub fn peak_instances(&self) -> u32 {
        self.summary.peak_instances.unwrap_or(0)
    }

    /// The fewest instances in service at any step (0 when the run counts only traffic).
    #[must_use]
    pub fn min_in_service(&self) -> u32 {
        self.summary.fewest_in_service.unwrap_or(0)
    }

    /// The state the run ended in.
    #[must_use]
    pub fn last(&self) -> Option<&Step> {
        self.steps.last()
    }

    /// Minutes from the start to the last step.
    #[must_use]
    pub fn duration_minutes(&self) -> f64 {
        self.summary.minutes
    }

    /// The step in force at `minute`: the last one recorded at or before it.
    #[must_use]
    pub fn at(&self, minute: f64) -> Option<&Step> {
        self.steps.iter().rev().find(|s| s.minute <= minute)
    }

    /// The share of traffic on the new revision at `minute` (0 before the first step).
    #[must_use]
    pub fn traffic_at(&self, minute: f64) -> f64 {
        self.at(minute).map_or(0.0, |s| s.traffic_to_new_percent)
    }

    /// The lifecycle events the run went through, in order, each once.
    #[must_use]
    pub fn lifecycle_events(&self) -> Vec<LifecycleEvent> {
        let mut events: Vec<LifecycleEvent> = Vec::new();
        for event in self.steps.iter().filter_map(|s| s.lifecycle_event) {
            if events.last() != Some(&event) {
                events.push(event);
            }
        }
        events
    }

    /// The outcome and the summary in one sentence, as the CLI and the window say it.
    #[must_use]
    pub fn outcome_sentence(&self) -> String {
        let summary = &self.summary;
        let mut text = format!(
            "{} after {} minutes",
            self.outcome.label(),
            minutes_text(summary.minutes)
        );
        if let Some(minute) = summary.rolled_back_at_minute {
            text.push_str(&format!(
                " (the rollback began at minute {})",
                minutes_text(minute)
            ));
        }
        let noun = self.counts.noun();
        match (
            summary.peak_instances,
            summary.fewest_in_service,
            summary.extra_instance_minutes,
        ) {
            (Some(peak), Some(fewest), Some(extra)) => text.push_str(&format!(
                "; peak {peak} {noun}; fewest in service {fewest}; {} extra {}-minutes",
                minutes_text(extra),
                noun.trim_end_matches("(s)")
            )),
            _ => text.push_str("; traffic only (Lambda runs no instances to count)"),
        }
        text.push_str(&format!("; {} health check(s)", self.health_checks));
        text
    }
}

/// Minutes without a needless ".0".
fn minutes_text(minutes: f64) -> String {
    if minutes.fract() == 0.0 {
        format!("{minutes:.0}")
    } else {
        format!("{minutes:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(minute: f64, old: u32, new: u32, failed: u32, in_service: u32) -> Step {
        Step {
            minute,
            old,
            new,
            failed,
            old_in_service: in_service,
            new_in_service: 0,
            in_service,
            traffic_to_new_percent: 0.0,
            test_traffic_to_new: false,
            lifecycle_event: None,
            note: "n".to_owned(),
        }
    }

    #[test]
    fn the_summary_counts_failed_instances_and_extra_instance_minutes() {
        let steps = [
            step(0.0, 4, 0, 0, 4),
            step(0.0, 4, 4, 0, 4),
            step(10.0, 4, 0, 4, 4),
            step(11.0, 4, 0, 0, 4),
        ];
        let summary = Summary::of(&steps, Counts::Instances, Some(10.0));
        assert_eq!(summary.peak_instances, Some(8));
        assert_eq!(summary.fewest_in_service, Some(4));
        // Four extra instances for ten minutes, then four failed ones for one more.
        assert_eq!(summary.extra_instance_minutes, Some(44.0));
        assert_eq!(summary.rolled_back_at_minute, Some(10.0));
        assert!((summary.minutes - 11.0).abs() < 1e-9);
    }

    #[test]
    fn a_traffic_only_summary_counts_no_instances() {
        let steps = [step(0.0, 0, 0, 0, 0), step(5.0, 0, 0, 0, 0)];
        let summary = Summary::of(&steps, Counts::TrafficOnly, None);
        assert_eq!(summary.peak_instances, None);
        assert_eq!(summary.fewest_in_service, None);
        assert_eq!(summary.extra_instance_minutes, None);
    }

    #[test]
    fn minutes_drop_a_needless_decimal() {
        assert_eq!(minutes_text(12.0), "12");
        assert_eq!(minutes_text(4.5), "4.5");
    }
}
