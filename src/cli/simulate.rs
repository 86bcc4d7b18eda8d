//! `stagecraft simulate`: lists the strategies, or plays one and prints its timeline as a table
//! or as one JSON object (`strategy`, `counts`, `steps`, `outcome`, `summary`).

use std::fmt::Write as _;
use std::process::ExitCode;

use crate::simulate::{
    Batch, Counts, MinHealthy, Params, Shift, SimulateError, StrategySpec, Takes, Timeline,
};

/// The arguments of `stagecraft simulate`.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct SimulateArgs {
    /// The strategy to play (`--list` names them; case is ignored, and so is a leading
    /// `CodeDeployDefault.`).
    #[arg(value_name = "STRATEGY", required_unless_present = "list")]
    pub strategy: Option<String>,
    /// Name every strategy, one per line, with a short label.
    #[arg(long, conflicts_with = "strategy")]
    pub list: bool,
    /// Instances in the fleet (tasks per task set for ECS); default 10, or 1 for single-target.
    /// Lambda takes none: it shifts traffic between versions and counts no instances.
    #[arg(long, value_name = "N")]
    pub instances: Option<u32>,
    /// Instances per batch, for strategies that take a batch.
    #[arg(long, value_name = "N", conflicts_with = "batch_percent")]
    pub batch_size: Option<u32>,
    /// Share of the fleet per batch (rounded up), for strategies that take a batch.
    #[arg(long, value_name = "P")]
    pub batch_percent: Option<u32>,
    /// Minimum healthy hosts as a count (CodeDeploy `HOST_COUNT`).
    #[arg(long, value_name = "N", conflicts_with = "min_healthy_percent")]
    pub min_healthy_hosts: Option<u32>,
    /// Minimum healthy hosts as a share of the fleet (CodeDeploy `FLEET_PERCENT`, rounded up).
    #[arg(long, value_name = "P")]
    pub min_healthy_percent: Option<u32>,
    /// Traffic share per increment, for custom canary/linear and traffic splitting.
    #[arg(long, value_name = "P")]
    pub shift_percent: Option<u32>,
    /// Minutes between traffic increments (or the evaluation time).
    #[arg(long, value_name = "MINUTES")]
    pub shift_minutes: Option<u32>,
    /// Make health check K fail (1-based; the table's notes number the checks, hooks included).
    #[arg(long, value_name = "K", conflicts_with = "fail_at_minute")]
    pub fail_at_step: Option<usize>,
    /// Set off a CloudWatch alarm at minute M: it stops the deployment wherever it is, and the
    /// rollback starts at that minute.
    #[arg(long, value_name = "M")]
    pub fail_at_minute: Option<u32>,
    /// Print the timeline as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Runs `stagecraft simulate`: 0 when a timeline (or the list) was printed, whether the
/// deployment succeeded or rolled back; 2 for an unknown strategy or bad parameters.
#[must_use]
pub fn run_cli(args: &SimulateArgs) -> ExitCode {
    match render(args) {
        Ok(text) => {
            super::output::print_out(&text);
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("stagecraft simulate: {err}");
            if matches!(err, SimulateError::UnknownStrategy { .. }) {
                eprintln!("`stagecraft simulate --list` names every strategy");
            }
            ExitCode::from(2)
        }
    }
}

/// What `stagecraft simulate` prints for `args` (the list, the table or the JSON).
///
/// # Errors
/// An unknown strategy, bad parameters, or a missing strategy name.
pub fn render(args: &SimulateArgs) -> Result<String, SimulateError> {
    if args.list {
        return Ok(list_text());
    }
    let Some(name) = args.strategy.as_deref() else {
        return Err(SimulateError::BadParams(
            "name a strategy, or use --list to see them".to_owned(),
        ));
    };
    let spec = crate::simulate::find(name).ok_or_else(|| SimulateError::UnknownStrategy {
        name: name.to_owned(),
        suggestions: crate::simulate::suggest(name),
    })?;
    let params = params_from_args(spec, args)?;
    let timeline = spec.run(&params)?;
    if args.json {
        let mut text = serde_json::to_string(&timeline)
            .map_err(|err| SimulateError::BadParams(format!("cannot write JSON: {err}")))?;
        text.push('\n');
        Ok(text)
    } else {
        Ok(table_text(spec, &timeline))
    }
}

/// The run's parameters from the command line: what the learner gave, defaults for the rest.
///
/// # Errors
/// A shift given as a percentage or interval alone to a strategy that takes none.
pub fn params_from_args(spec: &StrategySpec, args: &SimulateArgs) -> Result<Params, SimulateError> {
    let defaults = spec.default_params();
    let batch = match (args.batch_size, args.batch_percent) {
        (Some(count), _) => Some(Batch::Count(count)),
        (None, Some(percent)) => Some(Batch::Percent(percent)),
        (None, None) => None,
    };
    let min_healthy = match (args.min_healthy_hosts, args.min_healthy_percent) {
        (Some(count), _) => Some(MinHealthy::HostCount(count)),
        (None, Some(percent)) => Some(MinHealthy::FleetPercent(percent)),
        (None, None) => None,
    };
    let shift = match (args.shift_percent, args.shift_minutes) {
        (None, None) => None,
        (percent, minutes) => {
            if spec.takes() != Takes::TrafficShift {
                return Err(SimulateError::BadParams(format!(
                    "`{}` takes no traffic shift (--shift-percent, --shift-minutes)",
                    spec.name
                )));
            }
            // Strategies that take a shift always have a default one.
            let default = defaults.shift.unwrap_or(Shift {
                percent: 10,
                interval_minutes: 5,
            });
            Some(Shift {
                percent: percent.unwrap_or(default.percent),
                interval_minutes: minutes.unwrap_or(default.interval_minutes),
            })
        }
    };
    if args.instances.is_some() && spec.counts() == Counts::TrafficOnly {
        return Err(SimulateError::BadParams(format!(
            "`{}` shifts invocations between Lambda function versions and counts no instances, so it \
             takes no --instances",
            spec.name
        )));
    }
    Ok(Params {
        instances: args.instances.unwrap_or(defaults.instances),
        batch,
        min_healthy,
        shift,
        fail_at_step: args.fail_at_step,
        fail_at_minute: args.fail_at_minute,
    })
}

/// Every strategy, one per line: name, then label.
#[must_use]
pub fn list_text() -> String {
    let width = crate::simulate::strategies()
        .iter()
        .map(|s| s.name.len())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for spec in crate::simulate::strategies() {
        let _ = writeln!(text, "{:width$}  {}", spec.name, spec.label);
    }
    text
}

/// A readable table of the timeline, with a header and a summary.
#[must_use]
pub fn table_text(spec: &StrategySpec, timeline: &Timeline) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "{} ({})", spec.name, spec.family.label());
    let _ = writeln!(text, "{}", spec.label);
    let _ = writeln!(text, "source: {}", spec.source_url);
    let _ = writeln!(text);
    if timeline.counts == Counts::TrafficOnly {
        let _ = writeln!(text, "{:>7}  {:>7}  {:>7}  note", "minute", "to old", "to new");
        for step in &timeline.steps {
            let _ = writeln!(
                text,
                "{:>7.1}  {:>6.1}%  {:>6.1}%  {}",
                step.minute,
                100.0 - step.traffic_to_new_percent,
                step.traffic_to_new_percent,
                step.note
            );
        }
    } else {
        // Amazon ECS adds where the test listener points.
        let tasks = timeline.counts == Counts::Tasks;
        let test_header = if tasks {
            format!("  {:>11}", "test to")
        } else {
            String::new()
        };
        let _ = writeln!(
            text,
            "{:>7}  {:>4}  {:>4}  {:>6}  {:>10}  {:>7}{test_header}  note",
            "minute", "old", "new", "failed", "in service", "to new"
        );
        for step in &timeline.steps {
            let test = match (tasks, step.test_traffic_to_new) {
                (false, _) => String::new(),
                (true, true) => format!("  {:>11}", "replacement"),
                (true, false) => format!("  {:>11}", "original"),
            };
            let _ = writeln!(
                text,
                "{:>7.1}  {:>4}  {:>4}  {:>6}  {:>10}  {:>6.1}%{test}  {}",
                step.minute,
                step.old,
                step.new,
                step.failed,
                step.in_service,
                step.traffic_to_new_percent,
                step.note
            );
        }
    }
    let _ = writeln!(text);
    let _ = writeln!(text, "outcome: {}", timeline.outcome_sentence());
    let facts = &spec.facts;
    let _ = writeln!(
        text,
        "exam facts: downtime {}; extra cost {}; rollback {} ({}); switch at {}",
        facts.downtime.label(),
        facts.extra_cost,
        facts.rollback.label(),
        facts.rollback_how,
        facts.switch_at
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::*;

    fn args(strategy: &str) -> SimulateArgs {
        SimulateArgs {
            strategy: Some(strategy.to_owned()),
            ..SimulateArgs::default()
        }
    }

    #[test]
    fn the_list_names_every_strategy() {
        let text = list_text();
        assert_eq!(text.lines().count(), crate::simulate::strategies().len());
        assert!(text.contains("CodeDeployDefault.OneAtATime"));
    }

    #[test]
    fn a_shift_fills_the_missing_half_from_the_default() {
        let spec = crate::simulate::find("lambda-custom-linear").unwrap();
        let mut given = args("lambda-custom-linear");
        given.shift_percent = Some(25);
        let params = params_from_args(spec, &given).unwrap();
        assert_eq!(
            params.shift,
            Some(Shift {
                percent: 25,
                interval_minutes: 5
            })
        );
    }

    #[test]
    fn the_table_numbers_the_health_checks() {
        let text = render(&args("CodeDeployDefault.HalfAtATime")).unwrap();
        assert!(text.contains("health check 2"));
        assert!(text.contains("outcome: succeeded"));
    }
}
