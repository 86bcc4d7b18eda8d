//! Which way a diagram's pipeline flows on the canvas, chosen per diagram and saved with it.

use serde::{Deserialize, Serialize};

/// The direction stages follow each other in. Inside a stage, later run orders follow the same
/// direction and parallel actions stand across it, so a diagram always reads along one axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum LayoutDirection {
    /// Stages are columns from left to right; parallel actions are stacked.
    #[default]
    LeftToRight,
    /// Stages are rows from top to bottom, as in the AWS console; parallel actions stand side
    /// by side.
    TopToBottom,
}

impl LayoutDirection {
    /// Both directions, in menu order.
    pub const ALL: [Self; 2] = [Self::LeftToRight, Self::TopToBottom];

    /// Whether this is the default (left to right), which files leave out.
    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference.
    #[must_use]
    pub fn is_left_to_right(&self) -> bool {
        *self == Self::LeftToRight
    }

    /// A short label for menus.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::LeftToRight => "Left to right",
            Self::TopToBottom => "Top to bottom",
        }
    }

    /// The other direction.
    #[must_use]
    pub fn flipped(self) -> Self {
        match self {
            Self::LeftToRight => Self::TopToBottom,
            Self::TopToBottom => Self::LeftToRight,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::pipeline::{Diagram, LayoutDirection};

    #[test]
    fn files_without_a_direction_load_left_to_right_and_left_to_right_is_not_written() {
        let old = "Diagram(version: 1, name: \"old\", stages: [Stage(name: \"Source\")])";
        let diagram: Diagram = ron::from_str(old).unwrap();
        assert_eq!(diagram.layout, LayoutDirection::LeftToRight);
        assert!(!ron::to_string(&diagram).unwrap().contains("layout"));
        let tall: Diagram = ron::from_str(&old.replace("stages:", "layout: TopToBottom, stages:")).unwrap();
        assert_eq!(tall.layout, LayoutDirection::TopToBottom);
        let again: Diagram = ron::from_str(&ron::to_string(&tall).unwrap()).unwrap();
        assert_eq!(again.layout, LayoutDirection::TopToBottom);
    }
}
