//! The deployment simulator: pick a strategy (or take the deploy action selected in the
//! editor), set the fleet and batch, inject a failed health check or a CloudWatch alarm at a
//! minute, then play, pause and step through the timeline: instances as coloured boxes (Lambda:
//! the alias weights), the CodeDeploy lifecycle events, capacity and traffic plotted over
//! time, the strategy's exam facts, and a table comparing every strategy for the same fleet.

use crate::pipeline::Action as PipelineAction;

use crate::simulate::{self, Batch, Counts, MinHealthy, Params, Shift, Takes, Timeline};
use crate::ui::pipeline::simulator_charts::{comparison_ui, fleet_ui, lifecycle_ui, plots_ui};

/// How long a step stays on screen while playing.
const STEP_MILLIS: u64 = 700;
/// The largest fleet the simulator takes (blue/green briefly runs twice as many).
pub(super) const MAX_FLEET: u32 = 60;

/// The failure the learner injects into a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureChoice {
    Nothing,
    /// Health check [`SimulatorState::fail_at_step`] fails.
    HealthCheck,
    /// A CloudWatch alarm goes off at [`SimulatorState::fail_at_minute`].
    Alarm,
}

/// The simulator's own state (nothing here is saved).
#[derive(Debug, Clone)]
pub struct SimulatorState {
    pub strategy: &'static str,
    pub instances: u32,
    pub batch_percent: bool,
    pub batch: u32,
    pub min_healthy_percent: bool,
    pub min_healthy: u32,
    pub shift: Shift,
    pub failure: FailureChoice,
    pub fail_at_step: usize,
    pub fail_at_minute: u32,
    /// The step shown.
    pub step: usize,
    pub playing: bool,
    /// When the shown step appeared (milliseconds), while playing.
    pub step_shown_at_ms: u64,
}

impl Default for SimulatorState {
    fn default() -> Self {
        Self {
            strategy: "CodeDeployDefault.OneAtATime",
            instances: 6,
            batch_percent: true,
            batch: 25,
            min_healthy_percent: true,
            min_healthy: 75,
            shift: Shift {
                percent: 20,
                interval_minutes: 5,
            },
            failure: FailureChoice::Nothing,
            fail_at_step: 2,
            fail_at_minute: 7,
            step: 0,
            playing: false,
            step_shown_at_ms: 0,
        }
    }
}

impl SimulatorState {
    /// The run's parameters from the form, without the failure.
    #[must_use]
    pub fn params_without_failure(&self) -> Params {
        let mut params = Params::new(self.instances);
        let Some(spec) = simulate::find(self.strategy) else {
            return params;
        };
        match spec.takes() {
            Takes::Batch => {
                params.batch = Some(if self.batch_percent {
                    Batch::Percent(self.batch)
                } else {
                    Batch::Count(self.batch)
                });
            }
            Takes::MinHealthyHosts => {
                params.min_healthy = Some(if self.min_healthy_percent {
                    MinHealthy::FleetPercent(self.min_healthy)
                } else {
                    MinHealthy::HostCount(self.min_healthy)
                });
            }
            Takes::TrafficShift => params.shift = Some(self.shift),
            Takes::Nothing => {}
        }
        params
    }

    /// The run's parameters from the form.
    #[must_use]
    pub fn params(&self) -> Params {
        let mut params = self.params_without_failure();
        match self.failure {
            FailureChoice::Nothing => {}
            FailureChoice::HealthCheck => params.fail_at_step = Some(self.fail_at_step),
            FailureChoice::Alarm => params.fail_at_minute = Some(self.fail_at_minute),
        }
        params
    }
}

/// The strategy that plays a deploy action of a pipeline: a CodeDeploy configuration named in
/// its configuration (e.g. a SAM deployment preference), else the provider's usual one.
#[must_use]
pub fn strategy_for_action(action: &PipelineAction) -> Option<&'static str> {
    let named = simulate::strategies().iter().find(|spec| {
        let short = spec.name.trim_start_matches("CodeDeployDefault.");
        spec.name.starts_with("CodeDeployDefault.")
            && action.configuration.values().any(|v| v.contains(short))
    });
    if let Some(spec) = named {
        return Some(spec.name);
    }
    match action.provider.as_str() {
        // CodeDeploy's default deployment configuration.
        "CodeDeploy" => Some("CodeDeployDefault.OneAtATime"),
        "CodeDeployToECS" => Some("CodeDeployDefault.ECSAllAtOnce"),
        // Elastic Beanstalk's default deployment policy.
        "ElasticBeanstalk" => Some("eb-all-at-once"),
        "ECS" => Some("rolling"),
        _ => None,
    }
}

/// Draws the simulator. `selected` is the action selected in the editor, if exactly one.
pub fn simulator_ui(
    ui: &mut egui::Ui,
    state: &mut SimulatorState,
    selected: Option<&PipelineAction>,
    now_ms: u64,
) {
    let Some(spec) = simulate::find(state.strategy) else {
        return;
    };
    // The run without a failure sets the range of checks and minutes a failure can take.
    let clean = spec.run(&state.params_without_failure()).ok();
    if let Some(clean) = &clean {
        state.fail_at_step = state.fail_at_step.clamp(1, clean.health_checks.max(1));
        state.fail_at_minute = state.fail_at_minute.min(clean.latest_alarm_minute);
    }
    let run = spec.run(&state.params());
    egui::Panel::left("simulator_controls")
        .resizable(false)
        .exact_size(300.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("simulator_controls")
                .show(ui, |ui| {
                    controls_ui(ui, state, selected, clean.as_ref());
                });
        });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("simulator_main")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.heading(spec.name);
                ui.label(spec.label);
                ui.hyperlink_to("How AWS describes it", spec.source_url);
                ui.add_space(6.0);
                match &run {
                    Ok(timeline) => timeline_ui(ui, state, timeline, now_ms),
                    Err(err) => {
                        ui.colored_label(ui.visuals().error_fg_color, err.to_string());
                    }
                }
                ui.add_space(10.0);
                facts_ui(ui, spec);
                ui.add_space(10.0);
                ui.strong(format!("Every strategy with {} instances", state.instances));
                comparison_ui(ui, state.instances);
            });
    });
}

fn controls_ui(
    ui: &mut egui::Ui,
    state: &mut SimulatorState,
    selected: Option<&PipelineAction>,
    clean: Option<&Timeline>,
) {
    let before = (state.strategy, state.params());
    ui.strong("Strategy");
    let label = ui.label("Deployment strategy");
    egui::ComboBox::from_id_salt("strategy")
        .selected_text(state.strategy)
        .width(260.0)
        .show_ui(ui, |ui| {
            for family in simulate::Family::ALL {
                ui.label(egui::RichText::new(family.label()).strong());
                for spec in simulate::strategies().iter().filter(|s| s.family == family) {
                    ui.selectable_value(&mut state.strategy, spec.name, spec.name)
                        .on_hover_text(spec.label);
                }
            }
        })
        .response
        .labelled_by(label.id);
    if let Some(action) = selected {
        match strategy_for_action(action) {
            Some(name) => {
                if ui
                    .button(format!("Use the selected action ({})", action.name))
                    .on_hover_text(name)
                    .clicked()
                {
                    state.strategy = name;
                }
            }
            None => {
                ui.label(
                    egui::RichText::new(format!(
                        "{} is not a deployment the simulator plays.",
                        action.name
                    ))
                    .weak(),
                );
            }
        }
    }
    ui.separator();
    let Some(spec) = simulate::find(state.strategy) else {
        return;
    };
    if spec.counts() == Counts::TrafficOnly {
        ui.label(egui::RichText::new("Lambda shifts invocations between versions: no fleet to size.").weak());
    } else {
        ui.horizontal(|ui| {
            let label = ui.label(if spec.counts() == Counts::Tasks {
                "Tasks per task set"
            } else {
                "Fleet size"
            });
            ui.add(egui::DragValue::new(&mut state.instances).range(1..=MAX_FLEET))
                .labelled_by(label.id);
        });
    }
    match spec.takes() {
        Takes::Batch => {
            ui.horizontal(|ui| {
                ui.radio_value(&mut state.batch_percent, true, "Batch %");
                ui.radio_value(&mut state.batch_percent, false, "Batch count");
            });
            let range = if state.batch_percent {
                1..=100
            } else {
                1..=state.instances.max(1)
            };
            ui.add(egui::Slider::new(&mut state.batch, range).text("batch"));
        }
        Takes::MinHealthyHosts => {
            ui.horizontal(|ui| {
                ui.radio_value(&mut state.min_healthy_percent, true, "Minimum healthy %");
                ui.radio_value(&mut state.min_healthy_percent, false, "Host count");
            });
            let range = if state.min_healthy_percent {
                0..=99
            } else {
                0..=state.instances.saturating_sub(1)
            };
            ui.add(egui::Slider::new(&mut state.min_healthy, range).text("minimum healthy"));
        }
        Takes::TrafficShift => {
            ui.add(egui::Slider::new(&mut state.shift.percent, 1..=99).text("% per shift"));
            ui.add(egui::Slider::new(&mut state.shift.interval_minutes, 1..=60).text("minutes between"));
        }
        Takes::Nothing => {}
    }
    ui.separator();
    failure_ui(ui, state, clean);
    if (state.strategy, state.params()) != before {
        state.step = 0;
        state.playing = false;
    }
}

/// The failure to inject: none, a health check (hooks included), or an alarm at a minute.
fn failure_ui(ui: &mut egui::Ui, state: &mut SimulatorState, clean: Option<&Timeline>) {
    let checks = clean.map_or(1, |t| t.health_checks.max(1));
    let latest_minute = clean.map_or(0, |t| t.latest_alarm_minute);
    ui.strong("Failure");
    ui.radio_value(&mut state.failure, FailureChoice::Nothing, "No failure");
    ui.radio_value(
        &mut state.failure,
        FailureChoice::HealthCheck,
        "Fail a health check",
    );
    ui.add_enabled(
        state.failure == FailureChoice::HealthCheck,
        egui::Slider::new(&mut state.fail_at_step, 1..=checks).text("check"),
    );
    ui.radio_value(
        &mut state.failure,
        FailureChoice::Alarm,
        "CloudWatch alarm at a minute",
    );
    ui.add_enabled_ui(state.failure == FailureChoice::Alarm, |ui| {
        ui.horizontal(|ui| {
            let label = ui.label("Alarm minute");
            ui.add(egui::DragValue::new(&mut state.fail_at_minute).range(0..=latest_minute))
                .labelled_by(label.id);
        });
    });
    let hooks = if clean.is_some_and(|t| t.counts != Counts::Instances) {
        " (lifecycle hooks included)"
    } else {
        ""
    };
    ui.label(
        egui::RichText::new(format!(
            "Checks 1–{checks}{hooks}; an alarm can stop this run from minute 0 to {latest_minute}."
        ))
        .weak()
        .small(),
    );
}

fn timeline_ui(ui: &mut egui::Ui, state: &mut SimulatorState, timeline: &Timeline, now_ms: u64) {
    let last = timeline.steps.len().saturating_sub(1);
    state.step = state.step.min(last);
    if state.playing {
        if now_ms.saturating_sub(state.step_shown_at_ms) >= STEP_MILLIS {
            state.step = (state.step + 1).min(last);
            state.step_shown_at_ms = now_ms;
            if state.step == last {
                state.playing = false;
            }
        }
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(STEP_MILLIS));
    }
    ui.horizontal(|ui| {
        if ui.button("⏮ Restart").clicked() {
            state.step = 0;
            state.playing = false;
        }
        let play = if state.playing { "⏸ Pause" } else { "▶ Play" };
        if ui.button(play).clicked() {
            if state.step == last {
                state.step = 0;
            }
            state.playing = !state.playing;
            state.step_shown_at_ms = now_ms;
        }
        if ui
            .add_enabled(state.step < last, egui::Button::new("Step ⏭"))
            .clicked()
        {
            state.step += 1;
            state.playing = false;
        }
        ui.add(egui::Slider::new(&mut state.step, 0..=last).text("step"));
    });
    let step = &timeline.steps[state.step];
    ui.label(egui::RichText::new(format!("Minute {:.1}: {}", step.minute, step.note)).strong());
    ui.label(step_text(timeline.counts, step));
    lifecycle_ui(ui, timeline, step);
    fleet_ui(ui, timeline.counts, step);
    let outcome = if state.step == last {
        format!("Outcome: {}.", timeline.outcome_sentence())
    } else {
        format!("{} steps in all.", timeline.steps.len())
    };
    ui.label(outcome);
    ui.add_space(6.0);
    plots_ui(ui, timeline, step.minute);
}

/// The shown step in a sentence: what runs where, and where the traffic goes.
fn step_text(counts: Counts, step: &simulate::Step) -> String {
    let traffic = step.traffic_to_new_percent;
    match counts {
        Counts::TrafficOnly => format!(
            "Alias weights: {:.0}% of invocations to the original version, {traffic:.0}% to the new version",
            100.0 - traffic
        ),
        Counts::Instances | Counts::Tasks => {
            let noun = counts.noun();
            let mut text = format!(
                "{} {noun} on the old version ({} in service), {} on the new ({} in service), {} failed; \
                 {traffic:.0}% of production traffic to the new version",
                step.old, step.old_in_service, step.new, step.new_in_service, step.failed
            );
            if counts == Counts::Tasks {
                text.push_str(if step.test_traffic_to_new {
                    ". Test listener: the replacement task set"
                } else {
                    ". Test listener: the original task set"
                });
            }
            text
        }
    }
}

fn facts_ui(ui: &mut egui::Ui, spec: &simulate::StrategySpec) {
    ui.strong("Exam facts");
    egui::Grid::new("facts")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            ui.label("Downtime");
            ui.label(spec.facts.downtime.label());
            ui.end_row();
            ui.label("Extra cost");
            ui.label(spec.facts.extra_cost);
            ui.end_row();
            ui.label("Rollback");
            ui.label(format!(
                "{}: {}",
                spec.facts.rollback.label(),
                spec.facts.rollback_how
            ));
            ui.end_row();
            ui.label("Where it switches");
            ui.label(spec.facts.switch_at);
            ui.end_row();
        });
}
