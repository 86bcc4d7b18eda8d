//! The settings window: appearance, spaced-repetition retention, new cards per day, the study
//! plan (exam date, minutes a day), exam timing.

use std::path::Path;

use crate::progress::{
    DAILY_MINUTES_RANGE, MAX_NEW_CARDS_PER_DAY, RETENTION_RANGE, Settings, TEXT_SCALE_RANGE, ThemeChoice,
};

use crate::ui::shell::action::{Requests, SettingsRequest};

/// Draws the settings window while `open`.
pub fn settings_ui(
    ctx: &egui::Context,
    open: &mut bool,
    settings: &Settings,
    (data_dir, device): (&Path, Option<&str>),
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
            new_cards_ui(ui, settings, actions);
            ui.separator();
            study_plan_ui(ui, settings, actions);
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
            if let Some(device) = device {
                ui.label(egui::RichText::new(format!("This device: {device}")).weak())
                    .on_hover_text("Your journal in the data folder is named after it; see the README on studying on two machines.");
            }
        });
}

/// New recall cards per day. A drag stays within `0..=MAX_NEW_CARDS_PER_DAY` and is saved once,
/// when it ends: meanwhile the dragged value is view state, kept in egui's memory. A typed
/// value is not clamped here, so the app can clamp it and say so.
fn new_cards_ui(ui: &mut egui::Ui, settings: &Settings, actions: &mut Requests) {
    ui.horizontal(|ui| {
        let label = ui.label("New recall cards per day");
        // The drag value takes the next automatic id (checked below).
        let id = ui.next_auto_id();
        let dragging = ui.ctx().is_being_dragged(id);
        let draft_id = id.with("dragged value");
        let draft = if dragging || ui.ctx().drag_stopped_id() == Some(id) {
            ui.data(|d| d.get_temp::<u32>(draft_id))
        } else {
            None
        };
        let mut new_cards = draft.unwrap_or(settings.new_cards_per_day);
        let range = if dragging {
            0..=MAX_NEW_CARDS_PER_DAY
        } else {
            0..=u32::MAX
        };
        let response = ui
            .add(egui::DragValue::new(&mut new_cards).range(range))
            .on_hover_text(format!("0 to {MAX_NEW_CARDS_PER_DAY}"))
            .labelled_by(label.id);
        debug_assert_eq!(response.id, id, "the drag value's id moved");
        if response.dragged() {
            ui.data_mut(|d| d.insert_temp(draft_id, new_cards));
            return;
        }
        ui.data_mut(|d| d.remove::<u32>(draft_id));
        let finished_drag = response.drag_stopped() && new_cards != settings.new_cards_per_day;
        if finished_drag || (response.changed() && !response.drag_stopped()) {
            actions.push(SettingsRequest::SetNewCardsPerDay(new_cards));
        }
    });
}

/// The exam date and the daily minutes the Today plan fits in. The date is typed and saved
/// when the field loses focus or Enter is pressed; an empty field clears it.
fn study_plan_ui(ui: &mut egui::Ui, settings: &Settings, actions: &mut Requests) {
    ui.strong("Study plan");
    ui.horizontal(|ui| {
        let label = ui.label("Exam date");
        let draft_id = label.id.with("exam date draft");
        let mut text = ui
            .data(|d| d.get_temp::<String>(draft_id))
            .unwrap_or_else(|| settings.exam_date.clone().unwrap_or_default());
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(110.0),
            )
            .labelled_by(label.id);
        if response.lost_focus() {
            ui.data_mut(|d| d.remove::<String>(draft_id));
            if text.trim() != settings.exam_date.as_deref().unwrap_or("") {
                actions.push(SettingsRequest::SetExamDate(Some(text)));
            }
        } else if response.has_focus() {
            ui.data_mut(|d| d.insert_temp(draft_id, text));
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Minutes a day");
        let mut minutes = settings.daily_minutes;
        let response = ui
            .add(
                egui::DragValue::new(&mut minutes)
                    .range(DAILY_MINUTES_RANGE)
                    .suffix(" min"),
            )
            .labelled_by(label.id);
        if (response.drag_stopped() || (response.changed() && !response.dragged()))
            && minutes != settings.daily_minutes
        {
            actions.push(SettingsRequest::SetDailyMinutes(minutes));
        }
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
