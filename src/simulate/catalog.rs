//! The strategy catalog: every deployment strategy the simulator plays, the AWS documentation
//! page its behaviour comes from, what it takes as parameters, and the facts the exam asks
//! about (downtime, extra cost, rollback, where the switch happens). The table itself is in
//! `table.rs`.

use super::in_place::Redeploy;
use super::shift::{Pattern, Platform};
use super::timeline::Counts;
use super::{Params, Shift};

/// Which service (or which part of the study notes) a strategy belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// CodeDeploy on EC2/on-premises instances.
    CodeDeployEc2,
    /// CodeDeploy shifting traffic between AWS Lambda versions.
    CodeDeployLambda,
    /// CodeDeploy shifting traffic between Amazon ECS task sets.
    CodeDeployEcs,
    ElasticBeanstalk,
    /// The general strategies of the study notes, built by hand in a pipeline.
    General,
}

impl Family {
    /// Every family, in catalog order.
    pub const ALL: [Self; 5] = [
        Self::CodeDeployEc2,
        Self::CodeDeployLambda,
        Self::CodeDeployEcs,
        Self::ElasticBeanstalk,
        Self::General,
    ];

    /// A label for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::CodeDeployEc2 => "CodeDeploy: EC2/on-premises",
            Self::CodeDeployLambda => "CodeDeploy: AWS Lambda",
            Self::CodeDeployEcs => "CodeDeploy: Amazon ECS",
            Self::ElasticBeanstalk => "Elastic Beanstalk",
            Self::General => "General strategies",
        }
    }
}

/// The parameter a strategy takes besides the fleet size and the failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    Nothing,
    /// [`Params::batch`].
    Batch,
    /// [`Params::min_healthy`].
    MinHealthyHosts,
    /// [`Params::shift`].
    TrafficShift,
}

/// Whether users lose the service during a deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Downtime {
    No,
    /// Every instance is out of service for the time of one update.
    Brief,
    /// The only target is down while it updates, and again on rollback.
    Yes,
}

impl Downtime {
    /// A label for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::No => "no",
            Self::Brief => "brief",
            Self::Yes => "yes",
        }
    }
}

/// How quickly a failed deployment is undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RollbackSpeed {
    /// Traffic is switched back to instances that still run the old revision.
    Fast,
    /// The old revision has to be installed again.
    Slow,
}

impl RollbackSpeed {
    /// A label for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Fast => "fast",
            Self::Slow => "slow",
        }
    }
}

/// What the exam asks about a strategy, for the comparison table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExamFacts {
    pub downtime: Downtime,
    /// What runs beyond the usual fleet while deploying ("none", "additional batch", …).
    pub extra_cost: &'static str,
    pub rollback: RollbackSpeed,
    /// How the rollback happens.
    pub rollback_how: &'static str,
    /// Where the new revision is switched in: DNS, load balancer, Lambda alias weights, …
    pub switch_at: &'static str,
}

/// How an in-place strategy sizes its batches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Batching {
    /// `CodeDeployDefault.AllAtOnce`: minimum healthy hosts 0; succeeds if one instance succeeds.
    CodeDeployAllAtOnce,
    /// `CodeDeployDefault.HalfAtATime`: ⌊N/2⌋ at a time; succeeds with ⌈N/2⌉.
    HalfAtATime,
    /// `CodeDeployDefault.OneAtATime`: one at a time; succeeds with N − 1 (the last may fail).
    OneAtATime,
    /// A custom CodeDeploy configuration: minimum healthy hosts from [`Params::min_healthy`].
    CodeDeployMinHealthy,
    /// The notes' minimum in-service: as many as possible while keeping the minimum.
    MinInService,
    /// A batch size from [`Params::batch`].
    Batch,
    /// Every instance at once.
    Whole,
    /// A single target (the fleet must be one instance).
    Single,
}

/// What a strategy does when run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    InPlace {
        batching: Batching,
        rollback: Redeploy,
    },
    AdditionalBatch,
    Immutable,
    /// With the default share and evaluation time.
    TrafficSplitting(Shift),
    Ec2BlueGreen {
        keep_original: bool,
    },
    DnsBlueGreen,
    DnsCanary(Shift),
    /// `custom`: the learner may give the percentage and interval.
    Shift {
        platform: Platform,
        pattern: Pattern,
        custom: bool,
    },
}

/// One strategy of the catalog.
#[derive(Debug)]
pub struct StrategySpec {
    /// CodeDeploy's configuration name where one exists, else kebab-case.
    pub name: &'static str,
    pub family: Family,
    /// A short description, one line.
    pub label: &'static str,
    /// The AWS documentation page the behaviour comes from.
    pub source_url: &'static str,
    pub facts: ExamFacts,
    pub(super) kind: Kind,
}

impl StrategySpec {
    /// The parameter the strategy takes besides the fleet size.
    #[must_use]
    pub fn takes(&self) -> Takes {
        match self.kind {
            Kind::InPlace {
                batching: Batching::CodeDeployMinHealthy | Batching::MinInService,
                ..
            } => Takes::MinHealthyHosts,
            Kind::InPlace {
                batching: Batching::Batch,
                ..
            }
            | Kind::AdditionalBatch => Takes::Batch,
            Kind::TrafficSplitting(_) | Kind::DnsCanary(_) | Kind::Shift { custom: true, .. } => {
                Takes::TrafficShift
            }
            Kind::InPlace { .. }
            | Kind::Immutable
            | Kind::Ec2BlueGreen { .. }
            | Kind::DnsBlueGreen
            | Kind::Shift { custom: false, .. } => Takes::Nothing,
        }
    }

    /// What the strategy's timelines count: tasks for Amazon ECS, only traffic for AWS Lambda,
    /// instances for the rest.
    #[must_use]
    pub fn counts(&self) -> Counts {
        match self.kind {
            Kind::Shift {
                platform: Platform::Lambda,
                ..
            } => Counts::TrafficOnly,
            Kind::Shift {
                platform: Platform::Ecs,
                ..
            } => Counts::Tasks,
            _ => Counts::Instances,
        }
    }

    /// Whether the strategy takes a batch size.
    #[must_use]
    pub fn takes_batch(&self) -> bool {
        self.takes() == Takes::Batch
    }

    /// The parameters a run uses when the learner gives none: ten instances (one for a single
    /// target) and the defaults of [`super::DEFAULT_BATCH`], [`super::DEFAULT_MIN_HEALTHY`] or
    /// the strategy's own traffic shift.
    #[must_use]
    pub fn default_params(&self) -> Params {
        let instances = if matches!(
            self.kind,
            Kind::InPlace {
                batching: Batching::Single,
                ..
            }
        ) {
            1
        } else {
            super::DEFAULT_INSTANCES
        };
        let mut params = Params::new(instances);
        match self.takes() {
            Takes::Nothing => {}
            Takes::Batch => params.batch = Some(super::DEFAULT_BATCH),
            Takes::MinHealthyHosts => params.min_healthy = Some(super::DEFAULT_MIN_HEALTHY),
            Takes::TrafficShift => params.shift = self.default_shift(),
        }
        params
    }

    /// The traffic shift used when the learner gives none (strategies that take one).
    pub(super) fn default_shift(&self) -> Option<Shift> {
        match self.kind {
            Kind::TrafficSplitting(shift)
            | Kind::DnsCanary(shift)
            | Kind::Shift {
                pattern: Pattern::Canary(shift) | Pattern::Linear(shift),
                custom: true,
                ..
            } => Some(shift),
            _ => None,
        }
    }
}
