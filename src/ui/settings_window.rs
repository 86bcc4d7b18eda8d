//! The settings window: spaced-repetition retention, new cards per day, exam timing.

use std::path::Path;

use crate::progress::{MAX_NEW_CARDS_PER_DAY, RETENTION_RANGE, Settings, TEXT_SCALE_RANGE, ThemeChoice};

use crate::ui::shell::action::{Requests, SettingsRequest};

/// Draws the settings window while `open`.
pub fn settings_ui(
    ctx: &egui::Context,
    open: &mut bool,
    settings: &Settings,
    data_dir: &Path,
    actions: &mut Requests,
) {
    if !*open {
        return;
    }
    if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
        *open = false;
        return;
    }
    egui::Window::new("Settings")
        .open(open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            appearance_ui(ui, settings, actions);
            ui.separator();
            ui.strong("Spaced repetition (FSRS)");
            // Shown and typed as a percentage: typing 85 means 85%. The slider does not clamp
            // typed values itself, so the app can clamp them and say so.
            let mut percent = settings.desired_retention * 100.0;
            let slider = egui::Slider::new(&mut percent, percent_range(&RETENTION_RANGE))
                .clamping(egui::SliderClamping::Never)
                .text("desired retention")
                .suffix("%")
                .fixed_decimals(0);
            let response = ui.add(slider).on_hover_text(
                "The chance of recalling an item when it falls due. Higher means more reviews.",
            );
            // A drag is saved once, when it ends; a click or typed change at once.
            if response.drag_stopped() || (response.changed() && !response.dragged()) {
                actions.push(SettingsRequest::SetRetention(percent / 100.0));
            }
            let mut new_cards = settings.new_cards_per_day;
            let drag = ui.horizontal(|ui| {
                let label = ui.label("New recall cards per day");
                // Not clamped here: the app clamps a typed value and says so.
                ui.add(egui::DragValue::new(&mut new_cards).range(0..=u32::MAX))
                    .on_hover_text(format!("0 to {MAX_NEW_CARDS_PER_DAY}"))
                    .labelled_by(label.id)
            });
            if drag.inner.changed() {
                actions.push(SettingsRequest::SetNewCardsPerDay(new_cards));
            }
            ui.separator();
            ui.strong("Exam simulation");
            let mut timed = settings.exam_timed;
            if ui.checkbox(&mut timed, "Timed (180 minutes)").changed() {
                actions.push(SettingsRequest::SetExamTimed(timed));
            }
            let mut open_book = settings.exam_open_book;
            if ui
                .checkbox(
                    &mut open_book,
                    "Open book (notes, search and the other modes stay open)",
                )
                .on_hover_text("The real exam is closed book; each result records which it was.")
                .changed()
            {
                actions.push(SettingsRequest::SetExamOpenBook(open_book));
            }
            ui.separator();
            ui.label(egui::RichText::new(format!("Your progress is kept in {}", data_dir.display())).weak());
        });
}

/// A fraction range as percentages (0.7..=0.97 → 70..=97).
fn percent_range(range: &std::ops::RangeInclusive<f32>) -> std::ops::RangeInclusive<f32> {
    (range.start() * 100.0)..=(range.end() * 100.0)
}

fn appearance_ui(ui: &mut egui::Ui, settings: &Settings, actions: &mut Requests) {
    ui.strong("Appearance");
    ui.horizontal(|ui| {
        let label = ui.label("Theme");
        egui::ComboBox::from_id_salt("theme")
            .selected_text(settings.theme.label())
            .show_ui(ui, |ui| {
                for theme in ThemeChoice::ALL {
                    if ui
                        .selectable_label(settings.theme == theme, theme.label())
                        .clicked()
                        && settings.theme != theme
                    {
                        actions.push(SettingsRequest::SetTheme(theme));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    let mut scale = settings.text_scale;
    let response = ui.add(
        egui::Slider::new(&mut scale, TEXT_SCALE_RANGE)
            .text("text size")
            .custom_formatter(|v, _| format!("{:.0}%", v * 100.0)),
    );
    // A drag is saved once, when it ends; a click or key change at once.
    if response.drag_stopped() || (response.changed() && !response.dragged()) {
        actions.push(SettingsRequest::SetTextScale(scale));
    }
}
