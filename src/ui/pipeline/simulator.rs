//! The deployment simulator: pick a strategy (or take the deploy action selected in the
//! editor), set the fleet and batch, inject a failed health check, then play, pause and step
//! through the timeline: instances as coloured boxes, capacity and traffic plotted over time,
//! the strategy's exam facts, and a table comparing every strategy for the same fleet.

use egui_extras::{Column, TableBuilder};

use crate::pipeline::Action as PipelineAction;

use crate::simulate::{self, Batch, MinHealthy, Params, Shift, Takes, Timeline};
use crate::ui::pipeline::simulator_charts::{fleet_ui, plots_ui};

/// How long a step stays on screen while playing.
const STEP_MILLIS: u64 = 700;
/// The largest fleet the simulator takes (blue/green briefly runs twice as many).
pub(super) const MAX_FLEET: u32 = 60;

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
    pub fail: bool,
    pub fail_at_step: usize,
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
            fail: false,
            fail_at_step: 2,
            step: 0,
            playing: false,
            step_shown_at_ms: 0,
        }
    }
}

impl SimulatorState {
    /// The run's parameters from the form.
    #[must_use]
    pub fn params(&self) -> Params {
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
        params.fail_at_step = self.fail.then_some(self.fail_at_step);
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
    let run = simulate::run(state.strategy, &state.params());
    egui::Panel::left("simulator_controls")
        .resizable(false)
        .exact_size(300.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("simulator_controls")
                .show(ui, |ui| {
                    controls_ui(ui, state, selected, run.as_ref().ok());
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
    timeline: Option<&Timeline>,
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
    ui.horizontal(|ui| {
        let label = ui.label("Fleet size");
        ui.add(egui::DragValue::new(&mut state.instances).range(1..=MAX_FLEET))
            .labelled_by(label.id);
    });
    let Some(spec) = simulate::find(state.strategy) else {
        return;
    };
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
    let checks = timeline.map_or(1, |t| t.health_checks.max(1));
    ui.checkbox(&mut state.fail, "Fail a health check");
    ui.add_enabled(
        state.fail,
        egui::Slider::new(&mut state.fail_at_step, 1..=checks).text("check"),
    );
    if (state.strategy, state.params()) != before {
        state.step = 0;
        state.playing = false;
    }
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
    ui.label(format!(
        "{} on the old version, {} on the new, {} in service, {:.0}% of traffic to the new version",
        step.old, step.new, step.in_service, step.traffic_to_new_percent
    ));
    fleet_ui(ui, step);
    let outcome = if state.step == last {
        format!(
            "Outcome: {} after {:.0} minutes.",
            timeline.outcome.label(),
            timeline.duration_minutes()
        )
    } else {
        format!("{} steps in all.", timeline.steps.len())
    };
    ui.label(outcome);
    ui.add_space(6.0);
    plots_ui(ui, timeline, step.minute);
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

/// Every strategy run with its defaults for the chosen fleet.
fn comparison_ui(ui: &mut egui::Ui, instances: u32) {
    let rows: Vec<(&simulate::StrategySpec, Option<Timeline>)> = simulate::strategies()
        .iter()
        .map(|spec| {
            let mut params = spec.default_params();
            params.instances = instances;
            (spec, spec.run(&params).ok())
        })
        .collect();
    TableBuilder::new(ui)
        .striped(true)
        .vscroll(false)
        .column(Column::auto().at_least(230.0))
        .columns(Column::auto().at_least(70.0), 4)
        .column(Column::remainder().at_least(160.0))
        .header(20.0, |mut header| {
            for title in [
                "Strategy",
                "Minutes",
                "Peak",
                "Fewest in service",
                "Downtime",
                "Extra cost",
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|mut body| {
            for (spec, timeline) in &rows {
                body.row(20.0, |mut row| {
                    row.col(|ui| {
                        ui.label(spec.name).on_hover_text(spec.label);
                    });
                    match timeline {
                        Some(t) => {
                            row.col(|ui| {
                                ui.label(format!("{:.0}", t.duration_minutes()));
                            });
                            row.col(|ui| {
                                ui.label(t.peak_instances().to_string());
                            });
                            row.col(|ui| {
                                ui.label(t.min_in_service().to_string());
                            });
                        }
                        None => {
                            for _ in 0..3 {
                                row.col(|ui| {
                                    ui.label("–").on_hover_text("not for this fleet size");
                                });
                            }
                        }
                    }
                    row.col(|ui| {
                        ui.label(spec.facts.downtime.label());
                    });
                    row.col(|ui| {
                        ui.label(spec.facts.extra_cost);
                    });
                });
            }
        });
}
