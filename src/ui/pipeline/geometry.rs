//! What the canvas draws from, computed once per change of the diagram rather than every
//! frame: the layout, the routed wires, the marks of the rule check, who produces and who reads
//! each artifact, the transitions, and the actions grouped by lane and run order so that a
//! frame visits only what is in view.

use std::collections::{BTreeMap, BTreeSet};

use crate::pipeline::layout::{self, Layout, Rect4};
use crate::pipeline::routing::{self, Wire};
use crate::pipeline::rules::Severity;
use crate::pipeline::transitions::{self, Transition};
use crate::pipeline::{ActionId, Diagram};

use crate::ui::pipeline::state::OpenDiagram;

/// The worst finding on each action, and the stages with a finding of their own.
#[derive(Debug, Default)]
pub(crate) struct Marks {
    pub(crate) actions: BTreeMap<ActionId, Severity>,
    pub(crate) stages: BTreeMap<usize, Severity>,
}

fn worse(slot: &mut Severity, found: Severity) {
    if found == Severity::Error {
        *slot = Severity::Error;
    }
}

fn marks(open: &OpenDiagram) -> Marks {
    let mut marks = Marks::default();
    for finding in open.findings.iter().filter(|f| f.severity != Severity::Info) {
        match (finding.action, finding.stage) {
            (Some(action), _) => worse(
                marks.actions.entry(action).or_insert(finding.severity),
                finding.severity,
            ),
            (None, Some(stage)) => worse(
                marks.stages.entry(stage).or_insert(finding.severity),
                finding.severity,
            ),
            (None, None) => {}
        }
    }
    marks
}

/// A placed action: its id, where it is in the diagram (stage, index) and its rectangle.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlacedAction {
    pub(crate) id: ActionId,
    pub(crate) stage: usize,
    pub(crate) index: usize,
    pub(crate) rect: Rect4,
}

/// Everything the canvas draws from, for one revision of the diagram.
#[derive(Debug)]
pub(crate) struct CanvasGeometry {
    pub(crate) revision: u64,
    pub(crate) placed: Layout,
    pub(crate) wires: Vec<Wire>,
    pub(crate) marks: Marks,
    pub(crate) transitions: Vec<Transition>,
    /// Per lane, per run order, the actions in slot order.
    pub(crate) columns: Vec<Vec<Vec<PlacedAction>>>,
    /// Who produces each artifact, and who reads it.
    pub(crate) producers: BTreeMap<String, BTreeSet<ActionId>>,
    pub(crate) consumers: BTreeMap<String, BTreeSet<ActionId>>,
}

impl CanvasGeometry {
    /// Lays out, routes and indexes the open diagram.
    pub(crate) fn of(open: &OpenDiagram) -> Self {
        let diagram = &open.diagram;
        let placed = layout::layout(diagram);
        let wires = routing::route_all(diagram, &placed);
        let mut columns: Vec<Vec<Vec<PlacedAction>>> =
            placed.columns.iter().map(|c| vec![Vec::new(); c.len()]).collect();
        for (stage, actions) in diagram.stages.iter().enumerate() {
            for (index, action) in actions.actions.iter().enumerate() {
                let (Some(cell), Some(rect)) = (placed.cells.get(&action.id), placed.nodes.get(&action.id))
                else {
                    continue;
                };
                if let Some(column) = columns.get_mut(cell.stage).and_then(|c| c.get_mut(cell.column)) {
                    column.push(PlacedAction {
                        id: action.id,
                        stage,
                        index,
                        rect: *rect,
                    });
                }
            }
        }
        for column in columns.iter_mut().flatten() {
            column.sort_by_key(|p| placed.cells.get(&p.id).map_or(0, |c| c.slot));
        }
        let (producers, consumers) = artifact_ends(diagram);
        Self {
            revision: open.revision,
            wires,
            marks: marks(open),
            transitions: transitions::transitions(diagram),
            columns,
            producers,
            consumers,
            placed,
        }
    }

    /// The actions whose rectangles meet `visible` (canvas units), lane by lane.
    pub(crate) fn visible(&self, visible: Rect4) -> impl Iterator<Item = &PlacedAction> {
        let (main, cross) = self.placed.spans(visible);
        let meets = move |span: [f32; 2], range: [f32; 2]| span[0] <= range[1] && span[1] >= range[0];
        self.columns
            .iter()
            .enumerate()
            .filter(move |(stage, _)| self.placed.lane_span(*stage).is_some_and(|s| meets(s, main)))
            .flat_map(move |(stage, columns)| {
                columns
                    .iter()
                    .zip(&self.placed.columns[stage])
                    .filter(move |(_, column)| meets([column.start, column.end], main))
                    .flat_map(move |(actions, _)| {
                        actions
                            .iter()
                            .filter(move |p| meets(self.placed.spans(p.rect).1, cross))
                    })
            })
    }

    /// The producers and every consumer of these artifacts.
    pub(crate) fn ends_of<'a>(&self, artifacts: impl IntoIterator<Item = &'a str>) -> BTreeSet<ActionId> {
        let mut ends = BTreeSet::new();
        for artifact in artifacts {
            for map in [&self.producers, &self.consumers] {
                ends.extend(map.get(artifact).into_iter().flatten().copied());
            }
        }
        ends
    }
}

fn artifact_ends(
    diagram: &Diagram,
) -> (
    BTreeMap<String, BTreeSet<ActionId>>,
    BTreeMap<String, BTreeSet<ActionId>>,
) {
    let mut producers: BTreeMap<String, BTreeSet<ActionId>> = BTreeMap::new();
    let mut consumers: BTreeMap<String, BTreeSet<ActionId>> = BTreeMap::new();
    for (_, action) in diagram.actions() {
        for output in &action.outputs {
            producers.entry(output.to_string()).or_default().insert(action.id);
        }
        for input in &action.inputs {
            consumers.entry(input.to_string()).or_default().insert(action.id);
        }
    }
    (producers, consumers)
}

/// What the pointer is over this frame, and what that lights up: the artifacts it stands for
/// and the actions that produce or read them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hover {
    pub artifacts: BTreeSet<String>,
    pub actions: BTreeSet<ActionId>,
}

impl Hover {
    /// Whether anything is lit.
    #[must_use]
    pub fn is_active(&self) -> bool {
        !self.artifacts.is_empty()
    }
}
