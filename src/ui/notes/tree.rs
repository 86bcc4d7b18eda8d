//! The domain tree: blueprint → domain (weight) → objective → topic, with progress on every
//! node, a filter over titles and note text (Esc clears it), and keyboard navigation (arrows,
//! Enter). Rows are painted by hand, sized by the text-size setting like every other panel.

use std::collections::{HashMap, HashSet};

use egui::{Id, Rect, Role, Sense, Vec2, WidgetInfo};

use crate::course::Course;
use crate::progress::Progress;
use crate::quiz::stats::{NodeStats, TreeStats};

use crate::ui::shell::action::{Navigation, NotesRequest, Requests};

/// A node of the tree, by position in the selected blueprint.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NodeKey {
    Domain {
        blueprint: usize,
        domain: usize,
    },
    Objective {
        blueprint: usize,
        domain: usize,
        objective: usize,
    },
    Topic {
        blueprint: usize,
        domain: usize,
        objective: usize,
        topic: String,
    },
}

impl NodeKey {
    fn parent(&self) -> Option<Self> {
        match self {
            Self::Domain { .. } => None,
            Self::Objective {
                blueprint, domain, ..
            } => Some(Self::Domain {
                blueprint: *blueprint,
                domain: *domain,
            }),
            Self::Topic {
                blueprint,
                domain,
                objective,
                ..
            } => Some(Self::Objective {
                blueprint: *blueprint,
                domain: *domain,
                objective: *objective,
            }),
        }
    }

    fn id(&self) -> Id {
        Id::unique(("tree_node", self))
    }
}

/// What the tree remembers between frames (view state only, never saved with progress).
#[derive(Debug, Default)]
pub struct TreeState {
    expanded: HashSet<NodeKey>,
    filter: String,
    /// Lower-cased title and note of each topic, searched by the filter.
    haystacks: HashMap<String, String>,
    /// A node to scroll to and focus on the next frame.
    reveal: Option<NodeKey>,
    focus_next: Option<NodeKey>,
}

impl TreeState {
    /// Prepares the filter's search text for a course.
    #[must_use]
    pub fn new(course: &Course) -> Self {
        let haystacks = course
            .topics
            .iter()
            .map(|t| (t.id.clone(), format!("{}\n{}", t.title, t.note).to_lowercase()))
            .collect();
        Self {
            haystacks,
            ..Self::default()
        }
    }

    /// Expands the path to the first place a topic appears and scrolls it into view.
    pub fn reveal(&mut self, course: &Course, blueprint: usize, topic: &str) {
        let Some(bp) = course.blueprints.get(blueprint) else {
            return;
        };
        for (d, domain) in bp.domains.iter().enumerate() {
            for (o, objective) in domain.objectives.iter().enumerate() {
                if objective.topics.iter().any(|t| t == topic) {
                    self.expanded.insert(NodeKey::Domain { blueprint, domain: d });
                    self.expanded.insert(NodeKey::Objective {
                        blueprint,
                        domain: d,
                        objective: o,
                    });
                    self.reveal = Some(NodeKey::Topic {
                        blueprint,
                        domain: d,
                        objective: o,
                        topic: topic.to_owned(),
                    });
                    return;
                }
            }
        }
    }

    fn topic_matches(&self, topic: &str, needle: &str) -> bool {
        self.haystacks.get(topic).is_some_and(|h| h.contains(needle))
    }
}

/// One visible row.
struct Row {
    key: NodeKey,
    depth: usize,
    label: String,
    detail: String,
    expandable: bool,
    expanded: bool,
    selected: bool,
    done: bool,
}

/// What the tree shows.
pub struct TreeView<'a> {
    pub course: &'a Course,
    pub blueprint: usize,
    pub progress: &'a Progress,
    pub stats: &'a TreeStats,
    pub open_topic: Option<&'a str>,
}

/// Draws the tree with its blueprint selector and filter box.
pub fn tree_ui(ui: &mut egui::Ui, state: &mut TreeState, view: &TreeView<'_>, actions: &mut Requests) {
    let (course, blueprint) = (view.course, view.blueprint);
    ui.add_space(4.0);
    blueprint_selector_ui(ui, course, blueprint, actions);
    let filter_left = ui
        .horizontal(|ui| {
            let label = ui.label("Filter");
            let edit = ui.add(
                egui::TextEdit::singleline(&mut state.filter)
                    .hint_text("titles and note text")
                    .desired_width(f32::INFINITY),
            );
            edit.labelled_by(label.id).lost_focus()
        })
        .inner;
    ui.separator();

    let rows = visible_rows(state, view);
    let mut tree_left = false;
    if rows.is_empty() {
        ui.label(egui::RichText::new("No topic matches the filter.").weak());
    } else {
        let scale = crate::ui::shell::theme::text_scale(ui.style());
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for row in &rows {
                    tree_left |= row_ui(ui, state, row, actions, scale);
                }
            });
    }
    // Esc takes the keyboard focus away (egui does that for every widget); when the focus was
    // in the filter box or on a row, it clears the filter too.
    if (filter_left || tree_left) && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        state.filter.clear();
    }
}

fn blueprint_selector_ui(ui: &mut egui::Ui, course: &Course, blueprint: usize, actions: &mut Requests) {
    let Some(current) = course.blueprints.get(blueprint) else {
        return;
    };
    ui.horizontal(|ui| {
        let label = ui.label("Blueprint");
        let combo = egui::ComboBox::from_id_salt("blueprint_selector")
            .selected_text(&current.title)
            .show_ui(ui, |ui| {
                for (i, bp) in course.blueprints.iter().enumerate() {
                    if ui
                        .selectable_label(i == blueprint, &bp.title)
                        .on_hover_text(&bp.summary)
                        .clicked()
                        && i != blueprint
                    {
                        actions.push(NotesRequest::SetBlueprint(bp.id.clone()));
                    }
                }
            });
        combo.response.labelled_by(label.id);
    });
}

/// The rows to show: expanded nodes, or, while filtering, every path to a match.
fn visible_rows(state: &TreeState, view: &TreeView<'_>) -> Vec<Row> {
    let TreeView {
        course,
        blueprint,
        progress,
        stats,
        open_topic,
    } = *view;
    let Some(bp) = course.blueprints.get(blueprint) else {
        return Vec::new();
    };
    let needle = state.filter.trim().to_lowercase();
    let filtering = !needle.is_empty();
    let mut rows = Vec::new();
    for (d, domain) in bp.domains.iter().enumerate() {
        let domain_key = NodeKey::Domain { blueprint, domain: d };
        let domain_matches = filtering && domain.title.to_lowercase().contains(&needle);
        let mut child_rows = Vec::new();
        for (o, objective) in domain.objectives.iter().enumerate() {
            let objective_key = NodeKey::Objective {
                blueprint,
                domain: d,
                objective: o,
            };
            let objective_matches = domain_matches
                || (filtering
                    && format!("{} {}", objective.id, objective.title)
                        .to_lowercase()
                        .contains(&needle));
            let topics: Vec<&String> = objective
                .topics
                .iter()
                .filter(|t| !filtering || objective_matches || state.topic_matches(t, &needle))
                .collect();
            if filtering && topics.is_empty() && !objective_matches {
                continue;
            }
            let read = objective.topics.iter().filter(|t| progress.is_read(t)).count();
            let expanded = filtering || state.expanded.contains(&objective_key);
            child_rows.push(Row {
                label: format!("{} {}", objective.id, objective.title),
                detail: format!(
                    "{read}/{}{}",
                    objective.topics.len(),
                    quiz_detail(stats.objectives.get(&(d, o)))
                ),
                expandable: true,
                expanded,
                selected: false,
                done: read == objective.topics.len() && read > 0,
                key: objective_key,
                depth: 1,
            });
            if expanded {
                for topic in topics {
                    let title = course.topic(topic).map_or(topic.as_str(), |t| t.title.as_str());
                    let is_read = progress.is_read(topic);
                    child_rows.push(Row {
                        key: NodeKey::Topic {
                            blueprint,
                            domain: d,
                            objective: o,
                            topic: topic.clone(),
                        },
                        depth: 2,
                        label: title.to_owned(),
                        detail: format!(
                            "{}{}",
                            if is_read { "read" } else { "" },
                            quiz_detail(stats.topics.get(topic.as_str()))
                        )
                        .trim_start_matches(" · ")
                        .to_owned(),
                        expandable: false,
                        expanded: false,
                        selected: open_topic == Some(topic.as_str()),
                        done: is_read,
                    });
                }
            }
        }
        if filtering && child_rows.is_empty() && !domain_matches {
            continue;
        }
        let topics = course.domain_topics(blueprint, d);
        let read = topics.iter().filter(|t| progress.is_read(t)).count();
        let expanded = filtering || state.expanded.contains(&domain_key);
        rows.push(Row {
            label: format!(
                "Domain {}: {} ({}%) — {read} of {} notes read{}",
                domain.id,
                domain.title,
                domain.weight_percent,
                topics.len(),
                quiz_detail(stats.domains.get(&d))
            ),
            detail: format!("{read}/{}{}", topics.len(), quiz_detail(stats.domains.get(&d))),
            expandable: true,
            expanded,
            selected: false,
            done: read == topics.len() && read > 0,
            key: domain_key,
            depth: 0,
        });
        if expanded {
            rows.extend(child_rows);
        }
    }
    rows
}

/// " · 80% · 3 due" from a node's quiz figures (empty when there are none).
fn quiz_detail(stats: Option<&NodeStats>) -> String {
    let Some(stats) = stats else {
        return String::new();
    };
    let mut detail = String::new();
    if let Some(accuracy) = stats.accuracy_percent() {
        detail.push_str(&format!(" · {accuracy:.0}%"));
    }
    if stats.due > 0 {
        detail.push_str(&format!(" · {} due", stats.due));
    }
    detail
}

/// Draws one row; returns whether the row lost the keyboard focus this frame.
fn row_ui(ui: &mut egui::Ui, state: &mut TreeState, row: &Row, actions: &mut Requests, scale: f32) -> bool {
    let height = (ui.spacing().interact_size.y + 2.0) * scale;
    let (rect, _) = ui.allocate_exact_size(Vec2::new(ui.available_width(), height), Sense::hover());
    let id = row.key.id();
    let response = ui.interact(rect, id, Sense::click());
    let role = Role::TreeItem;
    response.widget_info(|| WidgetInfo::selected(role, true, row.selected, &row.label));

    if state.reveal.as_ref() == Some(&row.key) {
        response.scroll_to_me(Some(egui::Align::Center));
        state.reveal = None;
    }
    if state.focus_next.as_ref() == Some(&row.key) {
        response.request_focus();
        response.scroll_to_me(None);
        state.focus_next = None;
    }
    if response.has_focus() {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                id,
                egui::EventFilter {
                    horizontal_arrows: true,
                    ..Default::default()
                },
            );
        });
        let (left, right) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowLeft),
                i.key_pressed(egui::Key::ArrowRight),
            )
        });
        if right && row.expandable && !row.expanded {
            state.expanded.insert(row.key.clone());
        }
        if left {
            if row.expandable && row.expanded {
                state.expanded.remove(&row.key);
            } else if let Some(parent) = row.key.parent() {
                state.focus_next = Some(parent);
            }
        }
    }
    if response.clicked() {
        // Keyboard navigation carries on from the row last clicked.
        response.request_focus();
        match &row.key {
            NodeKey::Topic { topic, .. } => actions.push(NotesRequest::OpenTopic {
                id: topic.clone(),
                navigation: Navigation::Visit,
                highlight: None,
            }),
            key => {
                if !state.expanded.remove(key) {
                    state.expanded.insert(key.clone());
                }
            }
        }
    }
    paint_row(ui, rect, &response, row, scale);
    response.lost_focus()
}

/// Paints a row; sizes are those of the default text size times `scale`.
fn paint_row(ui: &egui::Ui, rect: Rect, response: &egui::Response, row: &Row, scale: f32) {
    let visuals = ui.visuals();
    let painter = ui.painter_at(rect);
    if row.selected {
        painter.rect_filled(rect, 2.0, visuals.selection.bg_fill);
    } else if response.hovered() {
        painter.rect_filled(rect, 2.0, visuals.widgets.hovered.weak_bg_fill);
    }
    if response.has_focus() {
        painter.rect_stroke(
            rect.shrink(1.0),
            2.0,
            visuals.selection.stroke,
            egui::StrokeKind::Inside,
        );
    }
    let indent = 14.0 * scale * row.depth as f32;
    let mut x = rect.left() + 4.0 + indent;
    let center_y = rect.center().y;
    let text_color = if row.selected {
        visuals.selection.stroke.color
    } else {
        visuals.text_color()
    };
    if row.expandable {
        let size = 4.5 * scale;
        let points = if row.expanded {
            vec![
                egui::pos2(x, center_y - size * 0.6),
                egui::pos2(x + 2.0 * size, center_y - size * 0.6),
                egui::pos2(x + size, center_y + size * 0.8),
            ]
        } else {
            vec![
                egui::pos2(x + size * 0.3, center_y - size),
                egui::pos2(x + size * 0.3, center_y + size),
                egui::pos2(x + size * 1.9, center_y),
            ]
        };
        painter.add(egui::Shape::convex_polygon(
            points,
            visuals.text_color(),
            egui::Stroke::NONE,
        ));
    } else if row.done {
        painter.text(
            egui::pos2(x + 4.0 * scale, center_y),
            egui::Align2::CENTER_CENTER,
            "✔",
            egui::FontId::proportional(12.0 * scale),
            visuals.widgets.active.text_color(),
        );
    } else {
        painter.circle_stroke(
            egui::pos2(x + 4.0 * scale, center_y),
            3.0 * scale,
            egui::Stroke::new(1.0, visuals.weak_text_color()),
        );
    }
    x += 14.0 * scale;

    let detail_font = egui::FontId::proportional(12.0 * scale);
    let detail_color = if row.done {
        visuals.widgets.active.text_color()
    } else {
        visuals.weak_text_color()
    };
    let detail = row.detail.as_str();
    let detail_galley = painter.layout_no_wrap(detail.to_owned(), detail_font, detail_color);
    let detail_width = detail_galley.size().x;
    painter.galley(
        egui::pos2(
            rect.right() - detail_width - 6.0,
            center_y - detail_galley.size().y / 2.0,
        ),
        detail_galley,
        detail_color,
    );

    let shown = match &row.key {
        NodeKey::Domain { .. } => row.label.split(" — ").next().unwrap_or(&row.label).to_owned(),
        _ => row.label.clone(),
    };
    let font = if row.depth == 0 {
        egui::FontId::proportional(14.0 * scale)
    } else {
        egui::FontId::proportional(13.5 * scale)
    };
    let max_width = (rect.right() - detail_width - 12.0 - x).max(10.0);
    let mut job = egui::text::LayoutJob::single_section(shown, egui::TextFormat::simple(font, text_color));
    job.wrap = egui::text::TextWrapping::truncate_at_width(max_width);
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    painter.galley(
        egui::pos2(x, center_y - galley.size().y / 2.0),
        galley,
        text_color,
    );
}
