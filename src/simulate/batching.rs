//! Batch sizes for the in-place strategies: how many instances a batch takes (a count or a
//! share of the fleet), CodeDeploy's minimum healthy hosts, and each strategy's
//! [`Plan`] — its batch, its success rule and one sentence that states them.
//! <https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html#deployment-configuration-server>

use super::catalog::Batching;
use super::in_place::{Plan, Redeploy};
use super::{Batch, DEFAULT_BATCH, DEFAULT_MIN_HEALTHY, MinHealthy, Params, SimulateError, bad};

/// `percent` of `fleet`, rounded up.
fn percent_of_fleet_ceil(fleet: u32, percent: u32) -> u32 {
    let share = (u64::from(fleet) * u64::from(percent)).div_ceil(100);
    u32::try_from(share).unwrap_or(u32::MAX)
}

/// The batch size in instances.
pub(super) fn batch_size(fleet: u32, batch: Batch) -> Result<u32, SimulateError> {
    match batch {
        Batch::Count(0) => Err(bad("a batch needs at least one instance")),
        Batch::Count(count) if count > fleet => Err(bad(format!(
            "a batch of {count} is larger than the fleet of {fleet} instance(s)"
        ))),
        Batch::Count(count) => Ok(count),
        Batch::Percent(percent) if !(1..=100).contains(&percent) => {
            Err(bad(format!("the batch percent must be 1–100, not {percent}")))
        }
        Batch::Percent(percent) => Ok(percent_of_fleet_ceil(fleet, percent).clamp(1, fleet)),
    }
}

/// Minimum healthy hosts in instances (`FLEET_PERCENT` rounds up, as CodeDeploy does).
fn min_healthy_hosts(name: &str, fleet: u32, min: MinHealthy) -> Result<u32, SimulateError> {
    let hosts = match min {
        MinHealthy::HostCount(count) => count,
        MinHealthy::FleetPercent(percent) if percent > 100 => {
            return Err(bad(format!(
                "the minimum healthy percent must be 0–100, not {percent}"
            )));
        }
        MinHealthy::FleetPercent(percent) => percent_of_fleet_ceil(fleet, percent),
    };
    if hosts >= fleet {
        return Err(bad(format!(
            "`{name}`: a minimum of {hosts} healthy host(s) leaves no instance of the {fleet} free to \
             deploy to (CodeDeploy rejects such a deployment)"
        )));
    }
    Ok(hosts)
}

/// Sizes the batches of an in-place strategy and states its rule.
pub(super) fn plan(
    name: &str,
    batching: Batching,
    rollback: Redeploy,
    params: &Params,
) -> Result<Plan, SimulateError> {
    let fleet = params.instances;
    let make = |batch: u32, success_threshold: Option<u32>, summary: String| Plan {
        batch,
        success_threshold,
        rollback,
        summary,
    };
    Ok(match batching {
        Batching::CodeDeployAllAtOnce => make(
            fleet,
            Some(1),
            "every instance at once (minimum healthy hosts 0); succeeds if one instance gets the revision"
                .to_owned(),
        ),
        Batching::HalfAtATime => {
            if fleet < 2 {
                return Err(bad(format!(
                    "`{name}` needs at least 2 instances: with 1, half rounded down is none"
                )));
            }
            let healthy = fleet.div_ceil(2);
            make(
                fleet / 2,
                Some(healthy),
                format!(
                    "up to {} at a time (half, rounded down); succeeds with {healthy}",
                    fleet / 2
                ),
            )
        }
        Batching::OneAtATime => {
            let threshold = fleet.saturating_sub(1).max(1);
            let summary = if fleet > 1 {
                format!(
                    "one at a time, {} stay healthy; succeeds even if the last instance fails",
                    fleet - 1
                )
            } else {
                "one at a time; a single instance must succeed".to_owned()
            };
            make(1, Some(threshold), summary)
        }
        Batching::CodeDeployMinHealthy => {
            let hosts = min_healthy_hosts(name, fleet, params.min_healthy.unwrap_or(DEFAULT_MIN_HEALTHY))?;
            make(
                fleet - hosts,
                Some(hosts.max(1)),
                format!(
                    "minimum healthy hosts {hosts}: up to {} at a time; succeeds with {}",
                    fleet - hosts,
                    hosts.max(1)
                ),
            )
        }
        Batching::MinInService => {
            let hosts = min_healthy_hosts(name, fleet, params.min_healthy.unwrap_or(DEFAULT_MIN_HEALTHY))?;
            make(
                fleet - hosts,
                None,
                format!("{hosts} stay in service: up to {} at a time", fleet - hosts),
            )
        }
        Batching::Batch => {
            let batch = batch_size(fleet, params.batch.unwrap_or(DEFAULT_BATCH))?;
            make(batch, None, format!("batches of {batch}"))
        }
        Batching::Whole => make(fleet, None, "every instance at once".to_owned()),
        Batching::Single => {
            if fleet != 1 {
                return Err(bad(format!(
                    "`{name}` deploys to one target, not {fleet} (try `all-at-once` for a fleet)"
                )));
            }
            make(1, None, "the single target".to_owned())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fleet_percent_rounds_up() {
        assert_eq!(min_healthy_hosts("x", 9, MinHealthy::FleetPercent(40)), Ok(4));
        assert_eq!(min_healthy_hosts("x", 9, MinHealthy::HostCount(6)), Ok(6));
        assert!(min_healthy_hosts("x", 9, MinHealthy::HostCount(9)).is_err());
    }

    #[test]
    fn batch_percent_rounds_up_to_at_least_one() {
        assert_eq!(batch_size(10, Batch::Percent(25)), Ok(3));
        assert_eq!(batch_size(3, Batch::Percent(1)), Ok(1));
        assert!(batch_size(3, Batch::Count(4)).is_err());
        assert!(batch_size(3, Batch::Percent(0)).is_err());
    }
}
