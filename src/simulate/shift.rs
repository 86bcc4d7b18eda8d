//! Traffic shifting with CodeDeploy: the shift patterns (all at once, canary in two
//! increments, linear in equal increments at equal intervals), the shifting itself, and the
//! AWS Lambda deployment, which moves an alias's weights between two function versions. The
//! Amazon ECS deployment, with its task sets and test listener, is `ecs.rs`.
//! <https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html>
//!
//! Shifting starts at the `AllowTraffic` event, after the hooks before it. Increment `k` (from 1)
//! comes `(k - 1) × interval` minutes later, and alarms are watched until the next one, with a
//! health check at the end of each interval; the last increment is judged by the
//! `AfterAllowTraffic` hook. Lambda runs no instances: its steps count only the traffic share.

use super::lifecycle::{LifecycleEvent, run_hook};
use super::recorder::{Check, Sim};
use super::timeline::Outcome;
use super::{Shift, ecs};

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

    /// The shifts as (minutes after shifting began, share of traffic on the new version).
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

/// Runs a traffic-shifting deployment.
pub(super) fn run(sim: &mut Sim, platform: Platform, pattern: Pattern) -> Outcome {
    match platform {
        Platform::Lambda => lambda(sim, pattern),
        Platform::Ecs => ecs::run(sim, pattern),
    }
}

/// Shifts production traffic to `target` increment by increment from the current minute;
/// `route` puts the fleet in place for a share. Returns the check (or alarm) that failed, if
/// one did.
pub(super) fn shift_traffic(
    sim: &mut Sim,
    pattern: Pattern,
    target: &str,
    route: impl Fn(&mut Sim, u32),
) -> Result<(), Check> {
    sim.event = Some(LifecycleEvent::AllowTraffic);
    let start = sim.minute;
    let increments = pattern.increments();
    let count = increments.len();
    for (index, &(offset, percent)) in increments.iter().enumerate() {
        sim.minute = start + offset;
        route(sim, percent);
        sim.record(format!(
            "AllowTraffic: {percent}% of production traffic to {target} (increment {}/{count})",
            index + 1
        ));
        let Some(&(next, _)) = increments.get(index + 1) else {
            break;
        };
        let bake = next - offset;
        let check = sim.watch_then_check(bake);
        if !check.passed() {
            return Err(check);
        }
        sim.record(format!(
            "{}: {percent}% was healthy for {bake} minute(s)",
            check.name()
        ));
    }
    Ok(())
}

/// AWS Lambda: the alias moves its weights from the original version to the new one, between
/// the `BeforeAllowTraffic` and `AfterAllowTraffic` hooks. A rollback points the alias back.
fn lambda(sim: &mut Sim, pattern: Pattern) -> Outcome {
    sim.event = Some(LifecycleEvent::Start);
    sim.record("start: the alias sends every invocation to the original version");
    let check = run_hook(
        sim,
        LifecycleEvent::BeforeAllowTraffic,
        "the validation function tests the new version before the alias sends it any traffic",
    );
    if !check.passed() {
        return lambda_back(
            sim,
            check,
            "the BeforeAllowTraffic hook failed; the alias never moved",
        );
    }
    if let Err(check) = shift_traffic(sim, pattern, "the new version", |sim, percent| {
        sim.traffic = f64::from(percent);
    }) {
        let percent = sim.traffic;
        return lambda_back(
            sim,
            check,
            &format!("{percent}% of invocations were on the new version"),
        );
    }
    let check = run_hook(
        sim,
        LifecycleEvent::AfterAllowTraffic,
        "every invocation reaches the new version; the validation function checks it",
    );
    if !check.passed() {
        return lambda_back(sim, check, "the AfterAllowTraffic hook failed");
    }
    sim.event = Some(LifecycleEvent::End);
    sim.record("deployment succeeded: the alias points at the new version only");
    Outcome::Succeeded
}

fn lambda_back(sim: &mut Sim, check: Check, what: &str) -> Outcome {
    sim.record(format!("{}: {what}", check.failure()));
    sim.event = None;
    sim.traffic = 0.0;
    sim.record("automatic rollback: CodeDeploy points the alias back at the original version");
    Outcome::RolledBack
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
}
