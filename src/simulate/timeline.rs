//! Timelines: the steps a deployment goes through (fleet, capacity, traffic), how a run ended,
//! and the recorder the strategies use to write them.

use serde::Serialize;

use super::SimulateError;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The new revision serves all traffic.
    Succeeded,
    /// A health check failed and the fleet went back to the old revision.
    RolledBack,
}

impl Outcome {
    /// A label for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Succeeded => "succeeded",
            Self::RolledBack => "rolled back",
        }
    }
}

/// One moment of a deployment: the fleet and the traffic just after an event.
///
/// For Lambda and Amazon ECS traffic shifting the "instances" are capacity units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// Minutes since the deployment began.
    pub minute: f64,
    /// Instances running (or being given) the old revision, in service or not.
    pub old: u32,
    /// Instances running (or being given) the new revision, in service or not.
    pub new: u32,
    /// Instances registered, healthy and taking production traffic (or ready to take it).
    pub in_service: u32,
    /// Share of requests that reach the new revision, 0–100.
    pub traffic_to_new_percent: f64,
    /// What happened, in a sentence.
    pub note: String,
}

impl Step {
    /// Every instance that exists at this step, whatever its revision.
    #[must_use]
    pub fn instances(&self) -> u32 {
        self.old + self.new
    }
}

/// A whole run: the steps in time order and the outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// The strategy's name, as in [`super::strategies`].
    pub strategy: String,
    /// Never empty: the first step is the fleet before the deployment.
    pub steps: Vec<Step>,
    pub outcome: Outcome,
    /// How many health checks the run made (the range of [`super::Params::fail_at_step`]).
    #[serde(skip)]
    pub health_checks: usize,
}

impl Timeline {
    /// The most instances that existed at once.
    #[must_use]
    pub fn peak_instances(&self) -> u32 {
        self.steps.iter().map(Step::instances).max().unwrap_or(0)
    }

    /// The fewest instances in service at any step.
    #[must_use]
    pub fn min_in_service(&self) -> u32 {
        self.steps.iter().map(|s| s.in_service).min().unwrap_or(0)
    }

    /// The state the run ended in.
    #[must_use]
    pub fn last(&self) -> Option<&Step> {
        self.steps.last()
    }

    /// Minutes from the start to the last step.
    #[must_use]
    pub fn duration_minutes(&self) -> f64 {
        self.last().map_or(0.0, |s| s.minute)
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
}

/// The result of one health check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Check {
    /// 1-based, in the order the run makes them.
    pub number: usize,
    pub passed: bool,
}

/// Records a run: the strategies change the public fields, then call [`Sim::record`].
#[derive(Debug)]
pub(super) struct Sim {
    pub minute: f64,
    pub old: u32,
    pub new: u32,
    pub in_service: u32,
    pub traffic: f64,
    steps: Vec<Step>,
    checks: usize,
    fail_at: Option<usize>,
}

impl Sim {
    /// A fleet of `instances` on the old revision, all in service, at minute 0.
    pub fn new(instances: u32, fail_at: Option<usize>) -> Self {
        Self {
            minute: 0.0,
            old: instances,
            new: 0,
            in_service: instances,
            traffic: 0.0,
            steps: Vec::new(),
            checks: 0,
            fail_at,
        }
    }

    /// Appends the current state as a step.
    pub fn record(&mut self, note: impl Into<String>) {
        self.steps.push(Step {
            minute: self.minute,
            old: self.old,
            new: self.new,
            in_service: self.in_service,
            // Two decimals are plenty for a chart and keep the JSON readable.
            traffic_to_new_percent: (self.traffic * 100.0).round() / 100.0,
            note: note.into(),
        });
    }

    /// Lets time pass.
    pub fn wait(&mut self, minutes: f64) {
        self.minute += minutes;
    }

    /// Makes the next health check; it fails when it is the one the learner chose.
    pub fn check(&mut self) -> Check {
        self.checks += 1;
        Check {
            number: self.checks,
            passed: self.fail_at != Some(self.checks),
        }
    }

    /// Sets the traffic share from the number of in-service instances on the new revision, as a
    /// load balancer spreading requests evenly would.
    pub fn spread_traffic(&mut self, serving_new: u32) {
        self.traffic = if self.in_service == 0 {
            0.0
        } else {
            100.0 * f64::from(serving_new) / f64::from(self.in_service)
        };
    }

    /// The finished timeline.
    ///
    /// # Errors
    /// When the failure was asked for at a health check the run never made.
    pub fn finish(self, strategy: &str, outcome: Outcome) -> Result<Timeline, SimulateError> {
        if let Some(k) = self.fail_at
            && k > self.checks
        {
            return Err(SimulateError::BadParams(format!(
                "`{strategy}` makes {} health check(s) with these parameters, so --fail-at-step must be \
                 between 1 and {}, not {k}",
                self.checks, self.checks
            )));
        }
        Ok(Timeline {
            strategy: strategy.to_owned(),
            steps: self.steps,
            outcome,
            health_checks: self.checks,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traffic_at_takes_the_last_step_at_or_before_the_minute() {
        let mut sim = Sim::new(2, None);
        sim.record("start");
        sim.traffic = 10.0;
        sim.record("shift");
        sim.wait(5.0);
        sim.traffic = 100.0;
        sim.record("shift");
        let timeline = sim.finish("x", Outcome::Succeeded).unwrap();
        assert!((timeline.traffic_at(0.0) - 10.0).abs() < 1e-9);
        assert!((timeline.traffic_at(4.9) - 10.0).abs() < 1e-9);
        assert!((timeline.traffic_at(5.0) - 100.0).abs() < 1e-9);
        assert!((timeline.traffic_at(-1.0)).abs() < 1e-9);
    }

    #[test]
    fn a_failure_beyond_the_last_check_is_an_error() {
        let mut sim = Sim::new(1, Some(3));
        assert!(sim.check().passed);
        assert!(sim.check().passed);
        assert!(matches!(
            sim.finish("x", Outcome::Succeeded),
            Err(SimulateError::BadParams(_))
        ));
    }

    #[test]
    fn the_chosen_check_fails() {
        let mut sim = Sim::new(1, Some(2));
        assert!(sim.check().passed);
        assert_eq!(
            sim.check(),
            Check {
                number: 2,
                passed: false
            }
        );
    }
}
