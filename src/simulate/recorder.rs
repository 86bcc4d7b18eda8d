//! The recorder the strategies play on: the fleet's state and the clock, the numbered health
//! checks, the alarm the learner sets, and [`Sim::finish`], which turns the recording into a
//! [`Timeline`].
//!
//! Time passes in two ways. [`Sim::watch`] is deployment time, while CloudWatch alarms are
//! watched: an alarm set for minute M stops it at M exactly, wherever M falls. [`Sim::wait`] is
//! time no alarm can stop — a rollback under way, or removing what a successful deployment
//! left behind.

use super::SimulateError;
use super::lifecycle::LifecycleEvent;
use super::timeline::{Counts, Outcome, Step, Summary, Timeline};

/// The result of one health check (a hook's report counts as one), or the alarm that came
/// before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Check {
    /// Check number K (from 1, in the order the run makes them) passed.
    Passed(usize),
    /// Check number K failed.
    Failed(usize),
    /// The learner's alarm went off at this minute, before the check was due.
    Alarm(u32),
}

impl Check {
    pub fn passed(self) -> bool {
        matches!(self, Self::Passed(_))
    }

    /// How a note names it: "health check 3", or "the alarm at minute 7".
    pub fn name(self) -> String {
        match self {
            Self::Passed(number) | Self::Failed(number) => format!("health check {number}"),
            Self::Alarm(minute) => format!("the alarm at minute {minute}"),
        }
    }

    /// What happened, for the note that records a failure: "health check 3 failed", or "a
    /// CloudWatch alarm went off at minute 7".
    pub fn failure(self) -> String {
        match self {
            Self::Passed(number) => format!("health check {number} passed"),
            Self::Failed(number) => format!("health check {number} failed"),
            Self::Alarm(minute) => format!("a CloudWatch alarm went off at minute {minute}"),
        }
    }

    /// Whether an alarm (rather than a health check) stopped the deployment.
    pub fn is_alarm(self) -> bool {
        matches!(self, Self::Alarm(_))
    }
}

/// Records a run: the strategies change the public fields, then call [`Sim::record`].
#[derive(Debug)]
pub(super) struct Sim {
    pub minute: f64,
    pub old: u32,
    pub new: u32,
    pub failed: u32,
    pub old_in_service: u32,
    pub new_in_service: u32,
    /// Share of production traffic on the new revision, 0–100.
    pub traffic: f64,
    pub test_traffic_to_new: bool,
    /// The lifecycle event under way, stamped on every step recorded meanwhile.
    pub event: Option<LifecycleEvent>,
    counts: Counts,
    steps: Vec<Step>,
    checks: usize,
    fail_at_step: Option<usize>,
    fail_at_minute: Option<u32>,
    /// The end of the last stretch of watched time.
    watched_until: f64,
    /// When the failure (check or alarm) stopped the deployment.
    stopped_at: Option<f64>,
}

impl Sim {
    /// A fleet of `instances` on the old revision, all in service, at minute 0 (no instances
    /// when the run counts only traffic). Check `fail_at_step` fails; an alarm goes off at
    /// `fail_at_minute`.
    pub fn new(
        instances: u32,
        counts: Counts,
        fail_at_step: Option<usize>,
        fail_at_minute: Option<u32>,
    ) -> Self {
        let instances = if counts == Counts::TrafficOnly {
            0
        } else {
            instances
        };
        Self {
            minute: 0.0,
            old: instances,
            new: 0,
            failed: 0,
            old_in_service: instances,
            new_in_service: 0,
            traffic: 0.0,
            test_traffic_to_new: false,
            event: None,
            counts,
            steps: Vec::new(),
            checks: 0,
            fail_at_step,
            fail_at_minute,
            watched_until: 0.0,
            stopped_at: None,
        }
    }

    /// Appends the current state as a step.
    pub fn record(&mut self, note: impl Into<String>) {
        debug_assert!(
            self.old_in_service <= self.old && self.new_in_service <= self.new,
            "more in service than exist at minute {}",
            self.minute
        );
        self.steps.push(Step {
            minute: self.minute,
            old: self.old,
            new: self.new,
            failed: self.failed,
            old_in_service: self.old_in_service,
            new_in_service: self.new_in_service,
            in_service: self.old_in_service + self.new_in_service,
            // Two decimals are plenty for a chart and keep the JSON readable.
            traffic_to_new_percent: (self.traffic * 100.0).round() / 100.0,
            test_traffic_to_new: self.test_traffic_to_new,
            lifecycle_event: self.event,
            note: note.into(),
        });
    }

    /// Lets time pass that no alarm can stop (a rollback, or cleaning up after success).
    pub fn wait(&mut self, minutes: f64) {
        self.minute += minutes;
    }

    /// Lets deployment time pass while alarms are watched. When the learner's alarm goes off
    /// in it, the clock stops at the alarm's minute and the alarm is returned.
    pub fn watch(&mut self, minutes: f64) -> Option<Check> {
        let start = self.minute;
        let end = start + minutes;
        self.watched_until = self.watched_until.max(end);
        if let Some(alarm) = self.fail_at_minute
            && self.stopped_at.is_none()
            && (start..end).contains(&f64::from(alarm))
        {
            self.minute = f64::from(alarm);
            self.stopped_at = Some(self.minute);
            return Some(Check::Alarm(alarm));
        }
        self.minute = end;
        None
    }

    /// Makes the next health check now; it fails when it is the one the learner chose.
    pub fn check(&mut self) -> Check {
        self.checks += 1;
        if self.fail_at_step == Some(self.checks) {
            self.stopped_at = Some(self.minute);
            Check::Failed(self.checks)
        } else {
            Check::Passed(self.checks)
        }
    }

    /// Watched work of `minutes` with a health check at its end, unless an alarm comes first.
    pub fn watch_then_check(&mut self, minutes: f64) -> Check {
        self.watch(minutes).unwrap_or_else(|| self.check())
    }

    /// Sets the traffic share from the in-service instances on each revision, as a load
    /// balancer spreading requests evenly would.
    pub fn spread_traffic(&mut self) {
        let serving = self.old_in_service + self.new_in_service;
        self.traffic = if serving == 0 {
            0.0
        } else {
            100.0 * f64::from(self.new_in_service) / f64::from(serving)
        };
    }

    /// `count` instances of the new revision fail: they leave service and count as failed.
    pub fn fail_new(&mut self, count: u32) {
        let count = count.min(self.new);
        self.new -= count;
        self.new_in_service = self.new_in_service.min(self.new);
        self.failed += count;
    }

    /// The finished timeline.
    ///
    /// # Errors
    /// When the failure was asked for at a health check the run never made, or at a minute
    /// after the deployment could still be stopped.
    pub fn finish(self, strategy: &str, outcome: Outcome) -> Result<Timeline, SimulateError> {
        let latest_alarm_minute = latest_whole_minute_before(self.watched_until);
        if let Some(k) = self.fail_at_step
            && k > self.checks
        {
            return Err(SimulateError::BadParams(format!(
                "`{strategy}` makes {} health check(s) with these parameters, so --fail-at-step must be \
                 between 1 and {}, not {k}",
                self.checks, self.checks
            )));
        }
        if let Some(minute) = self.fail_at_minute
            && self.stopped_at.is_none()
        {
            return Err(SimulateError::BadParams(format!(
                "an alarm can stop `{strategy}` only while it runs, from minute 0 to minute \
                 {latest_alarm_minute} with these parameters, so --fail-at-minute must be at most \
                 {latest_alarm_minute}, not {minute}"
            )));
        }
        let rolled_back_at = (outcome == Outcome::RolledBack)
            .then_some(self.stopped_at)
            .flatten();
        let summary = Summary::of(&self.steps, self.counts, rolled_back_at);
        Ok(Timeline {
            strategy: strategy.to_owned(),
            counts: self.counts,
            steps: self.steps,
            outcome,
            summary,
            health_checks: self.checks,
            latest_alarm_minute,
        })
    }
}

/// The last whole minute that falls before `minutes` (0 when nothing does).
fn latest_whole_minute_before(minutes: f64) -> u32 {
    // Clamped into u32's range first, so the cast keeps the value.
    (minutes.ceil() - 1.0).clamp(0.0, f64::from(u32::MAX)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(fail_at_step: Option<usize>, fail_at_minute: Option<u32>) -> Sim {
        Sim::new(2, Counts::Instances, fail_at_step, fail_at_minute)
    }

    #[test]
    fn traffic_at_takes_the_last_step_at_or_before_the_minute() {
        let mut sim = sim(None, None);
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
        let mut sim = sim(Some(3), None);
        assert!(sim.check().passed());
        assert!(sim.check().passed());
        assert!(matches!(
            sim.finish("x", Outcome::Succeeded),
            Err(SimulateError::BadParams(_))
        ));
    }

    #[test]
    fn the_chosen_check_fails() {
        let mut sim = sim(Some(2), None);
        assert!(sim.check().passed());
        assert_eq!(sim.check(), Check::Failed(2));
    }

    #[test]
    fn an_alarm_stops_watched_time_at_its_minute_and_only_once() {
        let mut sim = sim(None, Some(7));
        assert_eq!(sim.watch_then_check(5.0), Check::Passed(1));
        assert_eq!(sim.watch_then_check(5.0), Check::Alarm(7));
        assert!((sim.minute - 7.0).abs() < 1e-9);
        // The rollback that follows is not stopped again.
        assert_eq!(sim.watch(5.0), None);
        sim.record("rolled back");
        let timeline = sim.finish("x", Outcome::RolledBack).unwrap();
        assert_eq!(timeline.summary.rolled_back_at_minute, Some(7.0));
    }

    #[test]
    fn an_alarm_at_the_end_of_watched_time_belongs_to_what_comes_next() {
        let mut sim = sim(None, Some(5));
        assert_eq!(sim.watch(5.0), None);
        assert_eq!(sim.watch(1.0), Some(Check::Alarm(5)));
        // Time that no alarm can stop lets an alarm after it pass unnoticed.
        let mut sim = super::Sim::new(1, Counts::Instances, None, Some(6));
        assert_eq!(sim.watch(5.0), None);
        sim.wait(60.0);
        assert!(matches!(
            sim.finish("x", Outcome::Succeeded),
            Err(SimulateError::BadParams(message)) if message.contains("at most 4")
        ));
    }

    #[test]
    fn the_latest_alarm_minute_comes_before_the_end_of_watched_time() {
        assert_eq!(latest_whole_minute_before(5.0), 4);
        assert_eq!(latest_whole_minute_before(5.5), 5);
        assert_eq!(latest_whole_minute_before(1.0), 0);
        assert_eq!(latest_whole_minute_before(0.0), 0);
    }

    #[test]
    fn failed_instances_leave_service_and_the_new_count() {
        let mut sim = sim(None, None);
        sim.old -= 1;
        sim.old_in_service -= 1;
        sim.new += 1;
        sim.new_in_service += 1;
        sim.fail_new(1);
        assert_eq!((sim.old, sim.new, sim.failed, sim.new_in_service), (1, 0, 1, 0));
    }
}
