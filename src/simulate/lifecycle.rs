//! CodeDeploy's lifecycle events for AWS Lambda and Amazon ECS deployments, in the order they
//! run, and how a hook (the Lambda validation function the `AppSpec` file names for an event)
//! plays in a timeline.
//!
//! Run order, from the `AppSpec` "hooks" reference
//! <https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html>:
//! - AWS Lambda: Start, **`BeforeAllowTraffic`**, `AllowTraffic`, **`AfterAllowTraffic`**, End.
//! - Amazon ECS: Start, **`BeforeInstall`**, Install, **`AfterInstall`**, `AllowTestTraffic`,
//!   **`AfterAllowTestTraffic`**, **`BeforeAllowTraffic`**, `AllowTraffic`, **`AfterAllowTraffic`**, End.
//!
//! Only the events in bold take a hook. The simulator assumes the `AppSpec` names a validation
//! function for every one of them; each reports Succeeded or Failed
//! (`PutLifecycleEventHookExecutionStatus`) after [`HOOK_MINUTES`], and that report is one of
//! the run's numbered health checks. A failed hook stops the deployment and CodeDeploy rolls it
//! back — except `BeforeInstall`, which runs before anything changed, so there is nothing to roll
//! back.

use serde::Serialize;

use super::recorder::{Check, Sim};

/// Minutes a hook's validation function takes before it reports (Stagecraft's choice).
pub const HOOK_MINUTES: f64 = 1.0;

/// A CodeDeploy lifecycle event of an AWS Lambda or Amazon ECS deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum LifecycleEvent {
    Start,
    /// ECS hook: before the replacement task set is created; no rollback is possible yet.
    BeforeInstall,
    /// ECS: the replacement task set is created behind the second target group.
    Install,
    /// ECS hook: the replacement task set exists; the test listener still serves the original.
    AfterInstall,
    /// ECS: the test listener starts sending test traffic to the replacement task set.
    AllowTestTraffic,
    /// ECS hook: validation tests against the replacement, through the test listener.
    AfterAllowTestTraffic,
    /// Lambda and ECS hook: before any production traffic reaches the new version.
    BeforeAllowTraffic,
    /// Production traffic shifts, following the deployment configuration.
    AllowTraffic,
    /// Lambda and ECS hook: all production traffic reaches the new version.
    AfterAllowTraffic,
    End,
}

impl LifecycleEvent {
    /// AWS Lambda's events in run order.
    pub const LAMBDA: [Self; 5] = [
        Self::Start,
        Self::BeforeAllowTraffic,
        Self::AllowTraffic,
        Self::AfterAllowTraffic,
        Self::End,
    ];

    /// Amazon ECS's events in run order.
    pub const ECS: [Self; 10] = [
        Self::Start,
        Self::BeforeInstall,
        Self::Install,
        Self::AfterInstall,
        Self::AllowTestTraffic,
        Self::AfterAllowTestTraffic,
        Self::BeforeAllowTraffic,
        Self::AllowTraffic,
        Self::AfterAllowTraffic,
        Self::End,
    ];

    /// The event's name as the `AppSpec` file and the console spell it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Start => "Start",
            Self::BeforeInstall => "BeforeInstall",
            Self::Install => "Install",
            Self::AfterInstall => "AfterInstall",
            Self::AllowTestTraffic => "AllowTestTraffic",
            Self::AfterAllowTestTraffic => "AfterAllowTestTraffic",
            Self::BeforeAllowTraffic => "BeforeAllowTraffic",
            Self::AllowTraffic => "AllowTraffic",
            Self::AfterAllowTraffic => "AfterAllowTraffic",
            Self::End => "End",
        }
    }

    /// Whether the `AppSpec` file can attach a hook (a validation function) to the event.
    #[must_use]
    pub fn takes_hook(self) -> bool {
        matches!(
            self,
            Self::BeforeInstall
                | Self::AfterInstall
                | Self::AfterAllowTestTraffic
                | Self::BeforeAllowTraffic
                | Self::AfterAllowTraffic
        )
    }
}

impl std::fmt::Display for LifecycleEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Runs `hook`'s validation function (`what` says what it checks) while alarms are watched; the
/// returned check is its report. A passed hook is recorded here; the caller records a failure,
/// since what it means depends on the platform and the event.
pub(super) fn run_hook(sim: &mut Sim, hook: LifecycleEvent, what: &str) -> Check {
    debug_assert!(hook.takes_hook(), "{hook} takes no hook");
    sim.event = Some(hook);
    sim.record(format!("{hook} hook: {what}"));
    let check = sim.watch_then_check(HOOK_MINUTES);
    if check.passed() {
        sim.record(format!(
            "{}: the {hook} hook's validation function reported Succeeded",
            check.name()
        ));
    }
    check
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hooks_are_the_documented_five_and_both_platforms_share_the_traffic_ones() {
        let hooks: Vec<&str> = LifecycleEvent::ECS
            .iter()
            .filter(|e| e.takes_hook())
            .map(|e| e.name())
            .collect();
        assert_eq!(
            hooks,
            [
                "BeforeInstall",
                "AfterInstall",
                "AfterAllowTestTraffic",
                "BeforeAllowTraffic",
                "AfterAllowTraffic"
            ]
        );
        let lambda_hooks: Vec<LifecycleEvent> = LifecycleEvent::LAMBDA
            .into_iter()
            .filter(|e| e.takes_hook())
            .collect();
        assert_eq!(
            lambda_hooks,
            [
                LifecycleEvent::BeforeAllowTraffic,
                LifecycleEvent::AfterAllowTraffic
            ]
        );
    }

    #[test]
    fn events_serialize_as_the_appspec_spells_them() {
        let json = serde_json::to_string(&LifecycleEvent::AfterAllowTestTraffic).unwrap_or_default();
        assert_eq!(json, "\"AfterAllowTestTraffic\"");
    }
}
