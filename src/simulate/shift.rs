//! Traffic shifting with CodeDeploy on AWS Lambda (alias weights) and Amazon ECS (a replacement
//! task set behind a second target group): all at once, canary (two increments) or linear
//! (equal increments at equal intervals).
//! <https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html>
//!
//! Time follows the configuration: increment `k` (from 1) happens at minute `(k - 1) ×
//! interval`, and its health check at the end of its interval — the last one right after the
//! final shift. Lambda's "instances" are capacity units split between the two versions in
//! proportion to the weights; Amazon ECS runs a full replacement task set beside the original
//! until the original is deleted [`ORIGINAL_WAIT_MINUTES`] after success.

use super::timeline::{Outcome, Sim};
use super::{ORIGINAL_WAIT_MINUTES, Shift};

/// Where the traffic is shifted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Platform {
    Lambda,
    Ecs,
}

/// How the traffic moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pattern {
    AllAtOnce,
    /// `percent` first, the rest `interval_minutes` later.
    Canary(Shift),
    /// `percent` more every `interval_minutes` until all of it.
    Linear(Shift),
}

impl Pattern {
    /// The same pattern with the learner's own percentage and interval.
    pub fn with(self, shift: Shift) -> Self {
        match self {
            Self::AllAtOnce => Self::AllAtOnce,
            Self::Canary(_) => Self::Canary(shift),
            Self::Linear(_) => Self::Linear(shift),
        }
    }

    /// The shifts as (minute, share of traffic on the new version).
    pub fn increments(self) -> Vec<(f64, u32)> {
        match self {
            Self::AllAtOnce => vec![(0.0, 100)],
            Self::Canary(shift) => {
                vec![
                    (0.0, shift.percent.min(100)),
                    (f64::from(shift.interval_minutes), 100),
                ]
            }
            Self::Linear(shift) => {
                let step = shift.percent.clamp(1, 100);
                let count = 100_u32.div_ceil(step);
                (1..=count)
                    .map(|k| (f64::from((k - 1) * shift.interval_minutes), (k * step).min(100)))
                    .collect()
            }
        }
    }
}

/// Lambda capacity units on the new version for a traffic share: in proportion, but at least
/// one on each version while both take traffic.
fn lambda_units(units: u32, percent: u32) -> u32 {
    let percent = percent.min(100);
    let proportional = (u64::from(units) * u64::from(percent) + 50) / 100;
    let proportional = u32::try_from(proportional).unwrap_or(units).min(units);
    if percent == 0 || percent == 100 || units < 2 {
        proportional
    } else {
        proportional.clamp(1, units - 1)
    }
}

/// Sets the fleet and traffic for `percent` on the new version.
fn apply(sim: &mut Sim, platform: Platform, fleet: u32, percent: u32) {
    sim.traffic = f64::from(percent);
    match platform {
        Platform::Lambda => {
            sim.new = lambda_units(fleet, percent);
            sim.old = fleet - sim.new;
            sim.in_service = fleet;
        }
        Platform::Ecs => {
            sim.in_service = if percent == 0 || percent >= 100 {
                fleet
            } else {
                2 * fleet
            };
        }
    }
}

/// Runs a traffic-shifting deployment.
pub(super) fn run(sim: &mut Sim, platform: Platform, pattern: Pattern) -> Outcome {
    let fleet = sim.old;
    match platform {
        Platform::Lambda => sim.record(format!(
            "start: the alias points at the current version ({fleet} capacity unit(s))"
        )),
        Platform::Ecs => {
            sim.record(format!(
                "start: the original task set ({fleet} task(s)) behind the production listener"
            ));
            sim.new = fleet;
            sim.record(format!(
                "the replacement task set ({fleet} task(s)) is running behind the second target group, \
                 no production traffic yet"
            ));
        }
    }
    let increments = pattern.increments();
    let count = increments.len();
    for (index, &(minute, percent)) in increments.iter().enumerate() {
        sim.minute = minute;
        apply(sim, platform, fleet, percent);
        sim.record(match platform {
            Platform::Lambda => format!("alias weights: {percent}% of invocations to the new version"),
            Platform::Ecs => format!("listener: {percent}% of requests to the replacement task set"),
        });
        let bake = increments.get(index + 1).map(|&(next, _)| next - minute);
        if let Some(minutes) = bake {
            sim.wait(minutes);
        }
        let check = sim.check();
        if !check.passed {
            sim.record(format!(
                "health check {}: alarms fired at {percent}%",
                check.number
            ));
            apply(sim, platform, fleet, 0);
            if platform == Platform::Ecs {
                sim.new = 0;
            }
            sim.record(match platform {
                Platform::Lambda => {
                    "automatic rollback: CodeDeploy points the alias back at the original version"
                }
                Platform::Ecs => {
                    "automatic rollback: CodeDeploy sends all traffic back to the original task set and \
                     deletes the replacement"
                }
            });
            return Outcome::RolledBack;
        }
        sim.record(match bake {
            Some(minutes) => format!(
                "health check {}: {percent}% was healthy for {minutes} minute(s) (increment {}/{count})",
                check.number,
                index + 1
            ),
            None => format!(
                "health check {}: healthy with all traffic on the new version",
                check.number
            ),
        });
    }
    if platform == Platform::Ecs {
        sim.wait(ORIGINAL_WAIT_MINUTES);
        sim.old = 0;
        sim.record(format!(
            "deployment succeeded: the original task set is deleted after {ORIGINAL_WAIT_MINUTES} minutes"
        ));
    } else {
        sim.record("deployment succeeded: the alias points at the new version only");
    }
    Outcome::Succeeded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_increments_reach_all_traffic_at_the_last_interval() {
        let linear = Pattern::Linear(Shift {
            percent: 10,
            interval_minutes: 3,
        });
        let increments = linear.increments();
        assert_eq!(increments.len(), 10);
        assert_eq!(increments.first(), Some(&(0.0, 10)));
        assert_eq!(increments.last(), Some(&(27.0, 100)));
        let uneven = Pattern::Linear(Shift {
            percent: 30,
            interval_minutes: 1,
        });
        let shares: Vec<u32> = uneven.increments().into_iter().map(|(_, p)| p).collect();
        assert_eq!(shares, vec![30, 60, 90, 100]);
    }

    #[test]
    fn lambda_units_keep_one_on_each_side_while_both_take_traffic() {
        assert_eq!(lambda_units(10, 10), 1);
        assert_eq!(lambda_units(4, 10), 1);
        assert_eq!(lambda_units(4, 95), 3);
        assert_eq!(lambda_units(4, 100), 4);
        assert_eq!(lambda_units(4, 0), 0);
        assert_eq!(lambda_units(1, 10), 0);
    }
}
