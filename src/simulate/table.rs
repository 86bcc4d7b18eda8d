//! The strategy table: every strategy the simulator plays, with the AWS documentation page its
//! behaviour comes from and its exam facts. The types are in [`super::catalog`].

use super::Shift;
use super::catalog::{Batching, Downtime, ExamFacts, Family, Kind, RollbackSpeed, StrategySpec};
use super::in_place::Redeploy;
use super::shift::{Pattern, Platform};

const CODEDEPLOY_EC2: &str = "https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html#deployment-configuration-server";
const CODEDEPLOY_MIN_HEALTHY: &str =
    "https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_MinimumHealthyHosts.html";
const CODEDEPLOY_BLUE_GREEN: &str = "https://docs.aws.amazon.com/codedeploy/latest/userguide/welcome.html#welcome-deployment-overview-blue-green";
const CODEDEPLOY_KEEP_ALIVE: &str =
    "https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_BlueInstanceTerminationOption.html";
const CODEDEPLOY_LAMBDA: &str = "https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html#deployment-configuration-lambda";
const CODEDEPLOY_ECS: &str = "https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html#deployment-configuration-ecs";
const EB_POLICIES: &str =
    "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html";
const EB_ROLLING: &str = "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html#environments-cfg-rollingdeployments-method";
const EB_IMMUTABLE: &str =
    "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environmentmgmt-updates-immutable.html";
const EB_TRAFFIC_SPLITTING: &str = "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html#environments-cfg-trafficsplitting-method";
const EB_SINGLE_INSTANCE: &str =
    "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.deploy-existing-version.html";
const DEVOPS_WHITEPAPER: &str =
    "https://docs.aws.amazon.com/whitepapers/latest/introduction-devops-aws/aeb-deployment-strategies.html";
const CNAME_SWAP: &str =
    "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.CNAMESwap.html";
const ROUTE53_WEIGHTED: &str =
    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-weighted.html";

const CODEDEPLOY_IN_PLACE: ExamFacts = ExamFacts {
    downtime: Downtime::No,
    extra_cost: "none",
    rollback: RollbackSpeed::Slow,
    rollback_how: "CodeDeploy redeploys the last good revision as a new deployment",
    switch_at: "on each instance, deregistered from the load balancer while it updates",
};

const LAMBDA: ExamFacts = ExamFacts {
    downtime: Downtime::No,
    extra_cost: "none (both versions share the invocations)",
    rollback: RollbackSpeed::Fast,
    rollback_how: "CodeDeploy points the alias back at the original version",
    switch_at: "Lambda alias weights",
};

const ECS: ExamFacts = ExamFacts {
    downtime: Downtime::No,
    extra_cost: "a replacement task set beside the original until it is deleted",
    rollback: RollbackSpeed::Fast,
    rollback_how: "traffic goes back to the original task set's target group",
    switch_at: "load balancer listener between two target groups",
};

const fn lambda(name: &'static str, label: &'static str, pattern: Pattern, custom: bool) -> StrategySpec {
    StrategySpec {
        name,
        family: Family::CodeDeployLambda,
        label,
        source_url: CODEDEPLOY_LAMBDA,
        facts: LAMBDA,
        kind: Kind::Shift {
            platform: Platform::Lambda,
            pattern,
            custom,
        },
    }
}

const fn ecs(name: &'static str, label: &'static str, pattern: Pattern, custom: bool) -> StrategySpec {
    StrategySpec {
        name,
        family: Family::CodeDeployEcs,
        label,
        source_url: CODEDEPLOY_ECS,
        facts: ECS,
        kind: Kind::Shift {
            platform: Platform::Ecs,
            pattern,
            custom,
        },
    }
}

const fn canary(percent: u32, interval_minutes: u32) -> Pattern {
    Pattern::Canary(Shift {
        percent,
        interval_minutes,
    })
}

const fn linear(percent: u32, interval_minutes: u32) -> Pattern {
    Pattern::Linear(Shift {
        percent,
        interval_minutes,
    })
}

/// Elastic Beanstalk's traffic-splitting defaults (`aws:elasticbeanstalk:trafficsplitting`):
/// 10 percent for a 5-minute evaluation.
const EB_SPLIT: Shift = Shift {
    percent: 10,
    interval_minutes: 5,
};

/// Every strategy, grouped by family.
pub(super) static STRATEGIES: &[StrategySpec] = &[
    // CodeDeploy on EC2/on-premises, in place. Minimum healthy hosts and success rules:
    // deployment-configurations.html and API_MinimumHealthyHosts.html.
    StrategySpec {
        name: "CodeDeployDefault.AllAtOnce",
        family: Family::CodeDeployEc2,
        label: "In place, every instance at once",
        source_url: CODEDEPLOY_EC2,
        facts: ExamFacts {
            downtime: Downtime::Brief,
            ..CODEDEPLOY_IN_PLACE
        },
        kind: Kind::InPlace {
            batching: Batching::CodeDeployAllAtOnce,
            rollback: Redeploy::CodeDeploy,
        },
    },
    StrategySpec {
        name: "CodeDeployDefault.HalfAtATime",
        family: Family::CodeDeployEc2,
        label: "In place, up to half the instances at a time",
        source_url: CODEDEPLOY_EC2,
        facts: CODEDEPLOY_IN_PLACE,
        kind: Kind::InPlace {
            batching: Batching::HalfAtATime,
            rollback: Redeploy::CodeDeploy,
        },
    },
    StrategySpec {
        name: "CodeDeployDefault.OneAtATime",
        family: Family::CodeDeployEc2,
        label: "In place, one instance at a time (CodeDeploy's default)",
        source_url: CODEDEPLOY_EC2,
        facts: CODEDEPLOY_IN_PLACE,
        kind: Kind::InPlace {
            batching: Batching::OneAtATime,
            rollback: Redeploy::CodeDeploy,
        },
    },
    StrategySpec {
        name: "codedeploy-custom-minimum-healthy-hosts",
        family: Family::CodeDeployEc2,
        label: "In place, custom minimum healthy hosts (HOST_COUNT or FLEET_PERCENT)",
        source_url: CODEDEPLOY_MIN_HEALTHY,
        facts: CODEDEPLOY_IN_PLACE,
        kind: Kind::InPlace {
            batching: Batching::CodeDeployMinHealthy,
            rollback: Redeploy::CodeDeploy,
        },
    },
    StrategySpec {
        name: "codedeploy-ec2-blue-green",
        family: Family::CodeDeployEc2,
        label: "Blue/green: replacement fleet, load balancer reroute, originals terminated after a wait",
        source_url: CODEDEPLOY_BLUE_GREEN,
        facts: ExamFacts {
            downtime: Downtime::No,
            extra_cost: "a second fleet until the originals are terminated",
            rollback: RollbackSpeed::Fast,
            rollback_how: "reroute traffic to the original instances while they still run",
            switch_at: "load balancer (register replacements, deregister originals)",
        },
        kind: Kind::Ec2BlueGreen { keep_original: false },
    },
    StrategySpec {
        name: "codedeploy-ec2-blue-green-keep-alive",
        family: Family::CodeDeployEc2,
        label: "Blue/green keeping the original instances running (KEEP_ALIVE)",
        source_url: CODEDEPLOY_KEEP_ALIVE,
        facts: ExamFacts {
            downtime: Downtime::No,
            extra_cost: "double fleet until you remove the originals",
            rollback: RollbackSpeed::Fast,
            rollback_how: "reroute traffic to the original instances",
            switch_at: "load balancer (register replacements, deregister originals)",
        },
        kind: Kind::Ec2BlueGreen { keep_original: true },
    },
    // CodeDeploy on AWS Lambda: deployment-configurations.html#deployment-configuration-lambda.
    lambda(
        "CodeDeployDefault.LambdaAllAtOnce",
        "Lambda: all traffic to the new version at once",
        Pattern::AllAtOnce,
        false,
    ),
    lambda(
        "CodeDeployDefault.LambdaCanary10Percent5Minutes",
        "Lambda canary: 10%, the rest 5 minutes later",
        canary(10, 5),
        false,
    ),
    lambda(
        "CodeDeployDefault.LambdaCanary10Percent10Minutes",
        "Lambda canary: 10%, the rest 10 minutes later",
        canary(10, 10),
        false,
    ),
    lambda(
        "CodeDeployDefault.LambdaCanary10Percent15Minutes",
        "Lambda canary: 10%, the rest 15 minutes later",
        canary(10, 15),
        false,
    ),
    lambda(
        "CodeDeployDefault.LambdaCanary10Percent30Minutes",
        "Lambda canary: 10%, the rest 30 minutes later",
        canary(10, 30),
        false,
    ),
    lambda(
        "CodeDeployDefault.LambdaLinear10PercentEvery1Minute",
        "Lambda linear: 10% more every minute",
        linear(10, 1),
        false,
    ),
    lambda(
        "CodeDeployDefault.LambdaLinear10PercentEvery2Minutes",
        "Lambda linear: 10% more every 2 minutes",
        linear(10, 2),
        false,
    ),
    lambda(
        "CodeDeployDefault.LambdaLinear10PercentEvery3Minutes",
        "Lambda linear: 10% more every 3 minutes",
        linear(10, 3),
        false,
    ),
    lambda(
        "CodeDeployDefault.LambdaLinear10PercentEvery10Minutes",
        "Lambda linear: 10% more every 10 minutes",
        linear(10, 10),
        false,
    ),
    lambda(
        "lambda-custom-canary",
        "Lambda custom canary: your percentage, the rest after your interval",
        canary(20, 10),
        true,
    ),
    lambda(
        "lambda-custom-linear",
        "Lambda custom linear: your percentage every interval",
        linear(20, 5),
        true,
    ),
    // CodeDeploy on Amazon ECS: deployment-configurations.html#deployment-configuration-ecs.
    ecs(
        "CodeDeployDefault.ECSAllAtOnce",
        "ECS: all traffic to the replacement task set at once",
        Pattern::AllAtOnce,
        false,
    ),
    ecs(
        "CodeDeployDefault.ECSCanary10Percent5Minutes",
        "ECS canary: 10%, the rest 5 minutes later",
        canary(10, 5),
        false,
    ),
    ecs(
        "CodeDeployDefault.ECSCanary10Percent15Minutes",
        "ECS canary: 10%, the rest 15 minutes later",
        canary(10, 15),
        false,
    ),
    ecs(
        "CodeDeployDefault.ECSLinear10PercentEvery1Minutes",
        "ECS linear: 10% more every minute",
        linear(10, 1),
        false,
    ),
    ecs(
        "CodeDeployDefault.ECSLinear10PercentEvery3Minutes",
        "ECS linear: 10% more every 3 minutes",
        linear(10, 3),
        false,
    ),
    ecs(
        "ecs-custom-canary",
        "ECS custom canary: your percentage, the rest after your interval",
        canary(20, 10),
        true,
    ),
    ecs(
        "ecs-custom-linear",
        "ECS custom linear: your percentage every interval",
        linear(20, 5),
        true,
    ),
    // Elastic Beanstalk: using-features.rolling-version-deploy.html.
    StrategySpec {
        name: "eb-all-at-once",
        family: Family::ElasticBeanstalk,
        label: "Elastic Beanstalk all at once: every instance, a short outage",
        source_url: EB_POLICIES,
        facts: ExamFacts {
            downtime: Downtime::Brief,
            extra_cost: "none",
            rollback: RollbackSpeed::Slow,
            rollback_how: "manual: redeploy the previous version (another outage)",
            switch_at: "in place on every instance",
        },
        kind: Kind::InPlace {
            batching: Batching::Whole,
            rollback: Redeploy::ElasticBeanstalk,
        },
    },
    StrategySpec {
        name: "eb-rolling",
        family: Family::ElasticBeanstalk,
        label: "Elastic Beanstalk rolling: batch by batch, capacity reduced by a batch",
        source_url: EB_ROLLING,
        facts: ExamFacts {
            downtime: Downtime::No,
            extra_cost: "none",
            rollback: RollbackSpeed::Slow,
            rollback_how: "manual: redeploy the previous version (rolling again)",
            switch_at: "in place, each batch detached from the load balancer",
        },
        kind: Kind::InPlace {
            batching: Batching::Batch,
            rollback: Redeploy::ElasticBeanstalk,
        },
    },
    StrategySpec {
        name: "eb-rolling-additional-batch",
        family: Family::ElasticBeanstalk,
        label: "Elastic Beanstalk rolling with additional batch: full capacity throughout",
        source_url: EB_POLICIES,
        facts: ExamFacts {
            downtime: Downtime::No,
            extra_cost: "one additional batch during the deployment",
            rollback: RollbackSpeed::Slow,
            rollback_how: "manual: redeploy the previous version",
            switch_at: "in place, each batch detached from the load balancer",
        },
        kind: Kind::AdditionalBatch,
    },
    StrategySpec {
        name: "eb-immutable",
        family: Family::ElasticBeanstalk,
        label: "Elastic Beanstalk immutable: a full new fleet in a temporary Auto Scaling group",
        source_url: EB_IMMUTABLE,
        facts: ExamFacts {
            downtime: Downtime::No,
            extra_cost: "double fleet for a short time",
            rollback: RollbackSpeed::Fast,
            rollback_how: "terminate the temporary Auto Scaling group",
            switch_at: "the environment's load balancer (new instances join beside the old)",
        },
        kind: Kind::Immutable,
    },
    StrategySpec {
        name: "eb-traffic-splitting",
        family: Family::ElasticBeanstalk,
        label: "Elastic Beanstalk traffic splitting: canary share for an evaluation time",
        source_url: EB_TRAFFIC_SPLITTING,
        facts: ExamFacts {
            downtime: Downtime::No,
            extra_cost: "double fleet during the evaluation",
            rollback: RollbackSpeed::Fast,
            rollback_how: "traffic back to the old instances, new ones terminated",
            switch_at: "Application Load Balancer weights between two Auto Scaling groups",
        },
        kind: Kind::TrafficSplitting(EB_SPLIT),
    },
    // The study notes' general strategies.
    StrategySpec {
        name: "single-target",
        family: Family::General,
        label: "Single target: the one instance is updated, with an outage",
        source_url: EB_SINGLE_INSTANCE,
        facts: ExamFacts {
            downtime: Downtime::Yes,
            extra_cost: "none",
            rollback: RollbackSpeed::Slow,
            rollback_how: "redeploy the previous version (another outage)",
            switch_at: "the target itself",
        },
        kind: Kind::InPlace {
            batching: Batching::Single,
            rollback: Redeploy::Pipeline,
        },
    },
    StrategySpec {
        name: "all-at-once",
        family: Family::General,
        label: "All at once: every target in one step",
        source_url: DEVOPS_WHITEPAPER,
        facts: ExamFacts {
            downtime: Downtime::Brief,
            extra_cost: "none",
            rollback: RollbackSpeed::Slow,
            rollback_how: "redeploy the previous version (another outage)",
            switch_at: "in place on every target",
        },
        kind: Kind::InPlace {
            batching: Batching::Whole,
            rollback: Redeploy::Pipeline,
        },
    },
    StrategySpec {
        name: "minimum-in-service",
        family: Family::General,
        label: "Minimum in service: as many at once as the minimum allows",
        source_url: CODEDEPLOY_MIN_HEALTHY,
        facts: ExamFacts {
            downtime: Downtime::No,
            extra_cost: "none",
            rollback: RollbackSpeed::Slow,
            rollback_how: "redeploy the previous version the same way",
            switch_at: "in place, batch by batch",
        },
        kind: Kind::InPlace {
            batching: Batching::MinInService,
            rollback: Redeploy::Pipeline,
        },
    },
    StrategySpec {
        name: "rolling",
        family: Family::General,
        label: "Rolling: a batch of your size at a time",
        source_url: DEVOPS_WHITEPAPER,
        facts: ExamFacts {
            downtime: Downtime::No,
            extra_cost: "none",
            rollback: RollbackSpeed::Slow,
            rollback_how: "redeploy the previous version the same way",
            switch_at: "in place, batch by batch",
        },
        kind: Kind::InPlace {
            batching: Batching::Batch,
            rollback: Redeploy::Pipeline,
        },
    },
    StrategySpec {
        name: "blue-green",
        family: Family::General,
        label: "Blue/green (red/black): a whole second environment, one DNS switch",
        source_url: CNAME_SWAP,
        facts: ExamFacts {
            downtime: Downtime::No,
            extra_cost: "double environment until blue is removed",
            rollback: RollbackSpeed::Fast,
            rollback_how: "point DNS back at blue",
            switch_at: "DNS (Route 53 record or Elastic Beanstalk CNAME swap)",
        },
        kind: Kind::DnsBlueGreen,
    },
    StrategySpec {
        name: "canary",
        family: Family::General,
        label: "Canary: Route 53 weighted records send green a share first",
        source_url: ROUTE53_WEIGHTED,
        facts: ExamFacts {
            downtime: Downtime::No,
            extra_cost: "double environment until blue is removed",
            rollback: RollbackSpeed::Fast,
            rollback_how: "set green's weight to 0",
            switch_at: "DNS (Route 53 weighted records)",
        },
        kind: Kind::DnsCanary(Shift {
            percent: 10,
            interval_minutes: 10,
        }),
    },
];
