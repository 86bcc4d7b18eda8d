//! The flow from stage to stage: CodePipeline has a transition into every stage after the
//! first, and a CloudFormation template can create the pipeline with some of them disabled
//! (`DisableInboundStageTransitions`, kept in the diagram's template properties). Where the
//! arrow for each is drawn, shared by the canvas and the SVG export.

use serde_json::Value;

use super::direction::LayoutDirection;
use super::layout::{Layout, TRANSITION_INSET};
use super::model::Diagram;
use super::routing::Point;
use super::text::Text;

/// The transition into stage `into` (never the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub into: usize,
    /// Why it is disabled, when the template disables it (the `Reason`, possibly empty).
    pub disabled: Option<String>,
}

/// Every transition of the diagram, in stage order.
#[must_use]
pub fn transitions(diagram: &Diagram) -> Vec<Transition> {
    let disabled = disabled_inbound(diagram);
    diagram
        .stages
        .iter()
        .enumerate()
        .skip(1)
        .map(|(into, stage)| Transition {
            into,
            disabled: disabled
                .iter()
                .find(|(name, _)| *name == stage.name)
                .map(|(_, reason)| reason.clone()),
        })
        .collect()
}

/// The stages whose inbound transition the template disables, with the reason given.
fn disabled_inbound(diagram: &Diagram) -> Vec<(Text, String)> {
    let Some(Value::Array(entries)) = diagram.template.properties.get("DisableInboundStageTransitions")
    else {
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|entry| {
            let name = Text::from_value(entry.get("StageName")?)?;
            let reason = match entry.get("Reason") {
                Some(Value::String(reason)) => reason.clone(),
                Some(other) => Text::from_value(other).map_or_else(String::new, |t| t.to_string()),
                None => String::new(),
            };
            Some((name, reason))
        })
        .collect()
}

/// Where the arrow of the transition into stage `into` runs: across the gap before its lane,
/// level with the title bars when left to right, and near the lanes' right edge when top to
/// bottom; wires keep clear of both.
#[must_use]
pub fn arrow(placed: &Layout, into: usize) -> Option<(Point, Point)> {
    let from = placed.lane_span(into.checked_sub(1)?)?[1];
    let to = placed.lane_span(into)?[0];
    let m = placed.metrics();
    let cross = match placed.direction {
        LayoutDirection::LeftToRight => m.header_cross / 2.0,
        LayoutDirection::TopToBottom => placed.cross_size - TRANSITION_INSET,
    };
    Some((placed.from_axes([from, cross]), placed.from_axes([to, cross])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::layout::layout;

    #[test]
    fn a_template_disables_the_transition_into_a_named_stage() {
        let mut diagram = Diagram::new("t");
        diagram.stages.push(crate::pipeline::Stage {
            name: "Production".into(),
            ..Default::default()
        });
        diagram.template.properties.insert(
            "DisableInboundStageTransitions".to_owned(),
            serde_json::json!([{"StageName": "Production", "Reason": "Frozen"}]),
        );
        let found = transitions(&diagram);
        assert_eq!(
            found,
            [
                Transition {
                    into: 1,
                    disabled: None
                },
                Transition {
                    into: 2,
                    disabled: Some("Frozen".to_owned())
                },
            ]
        );
    }

    #[test]
    fn arrows_cross_the_gap_before_each_lane() {
        for direction in LayoutDirection::ALL {
            let mut diagram = Diagram::new("t");
            diagram.layout = direction;
            let placed = layout(&diagram);
            let (from, to) = arrow(&placed, 1).unwrap();
            let [start, end] = [placed.to_axes(from)[0], placed.to_axes(to)[0]];
            assert_eq!(start, placed.lane_span(0).unwrap()[1], "{direction:?}");
            assert_eq!(end, placed.lane_span(1).unwrap()[0], "{direction:?}");
            assert!(arrow(&placed, 0).is_none());
        }
    }
}
