//! Errors the learner must see: each stays in the corner of the window until dismissed, so a
//! later message never hides it (rerun's notification panel is the model). Messages that only
//! inform go to the status line.

use crate::ui::shell::action::{AppRequest, Requests};

/// One error on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub id: u64,
    pub text: String,
    /// How many times the same error happened while it was shown.
    pub count: usize,
}

/// The errors not yet dismissed, oldest first.
#[derive(Debug, Default)]
pub struct Notifications {
    items: Vec<Notification>,
    next_id: u64,
}

/// Shown at most at once; older ones wait behind "and N more".
const SHOWN: usize = 4;

impl Notifications {
    /// Adds an error; the same text already shown is counted instead of repeated.
    pub fn push(&mut self, text: String) {
        if let Some(same) = self.items.iter_mut().find(|n| n.text == text) {
            same.count += 1;
            return;
        }
        self.next_id += 1;
        self.items.push(Notification {
            id: self.next_id,
            text,
            count: 1,
        });
    }

    /// Removes one error.
    pub fn dismiss(&mut self, id: u64) {
        self.items.retain(|n| n.id != id);
    }

    /// Removes every error.
    pub fn dismiss_all(&mut self) {
        self.items.clear();
    }

    /// The errors shown.
    #[must_use]
    pub fn items(&self) -> &[Notification] {
        &self.items
    }
}

/// Draws the errors in the bottom-right corner, above the status line.
pub fn notifications_ui(ctx: &egui::Context, notifications: &Notifications, actions: &mut Requests) {
    let items = notifications.items();
    if items.is_empty() {
        return;
    }
    egui::Area::new(egui::Id::unique("notifications"))
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -36.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            ui.set_max_width(420.0);
            let hidden = items.len().saturating_sub(SHOWN);
            if hidden > 0 {
                ui.label(egui::RichText::new(format!("and {hidden} more")).weak());
            }
            for item in &items[hidden..] {
                egui::Frame::popup(ui.style())
                    .stroke(egui::Stroke::new(1.0, ui.visuals().error_fg_color))
                    .show(ui, |ui| {
                        ui.horizontal_top(|ui| {
                            ui.colored_label(ui.visuals().error_fg_color, "⚠");
                            let times = if item.count > 1 {
                                format!(" (×{})", item.count)
                            } else {
                                String::new()
                            };
                            ui.add(egui::Label::new(format!("{}{times}", item.text)).wrap());
                            if ui.small_button("Dismiss").clicked() {
                                actions.push(AppRequest::DismissNotification(item.id));
                            }
                        });
                    });
            }
            if items.len() > 1 && ui.small_button("Dismiss all").clicked() {
                actions.push(AppRequest::DismissAllNotifications);
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_error_is_counted_not_repeated_and_stays_until_dismissed() {
        let mut n = Notifications::default();
        n.push("a".to_owned());
        n.push("b".to_owned());
        n.push("a".to_owned());
        assert_eq!(n.items().len(), 2);
        assert_eq!(n.items()[0].count, 2);
        let first = n.items()[0].id;
        n.dismiss(first);
        assert_eq!(n.items().len(), 1);
        assert_eq!(n.items()[0].text, "b");
        n.dismiss_all();
        assert!(n.items().is_empty());
    }
}
