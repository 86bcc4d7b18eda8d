//! Values a rule needs as literals, when they may come from a CloudFormation intrinsic
//! function: a literal is checked as it is; `!Ref Parameter` with a default is checked with the
//! default, and the finding says so (a warning at most, since the stack may be deployed with
//! another value); any other intrinsic is known only at deployment and gives at most an info
//! finding ("not checked: … comes from parameter Role").

use std::borrow::Cow;

use super::Severity;
use crate::pipeline::model::Diagram;
use crate::pipeline::text::Text;

/// Where a value a rule checks comes from.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Origin<'a> {
    /// Written in the pipeline.
    Literal,
    /// The default of this template parameter.
    Default(&'a str),
    /// Known only at deployment: "parameter Role" or the intrinsic's text.
    Unknown(String),
}

/// A value as far as it can be known before deployment.
#[derive(Debug, Clone)]
pub(super) struct Resolved<'a> {
    /// The literal, the parameter's default, or (unknown) the text as it stands.
    pub value: Cow<'a, str>,
    pub origin: Origin<'a>,
}

/// What `text`, one of the diagram's fields, stands for.
pub(super) fn resolve<'a>(diagram: &'a Diagram, text: &'a Text) -> Resolved<'a> {
    if !text.is_intrinsic() {
        return Resolved {
            value: Cow::Borrowed(text.as_str()),
            origin: Origin::Literal,
        };
    }
    let origin = match diagram.parameter_of(text) {
        Some(parameter) => match diagram.parameter_default(parameter) {
            Some(default) => {
                return Resolved {
                    value: Cow::Owned(default),
                    origin: Origin::Default(parameter),
                };
            }
            None => Origin::Unknown(format!("parameter {parameter}")),
        },
        None => Origin::Unknown(text.to_string()),
    };
    Resolved {
        value: Cow::Borrowed(text.as_str()),
        origin,
    }
}

/// The finding for `text` (described as `what`, e.g. "the service role") under a check that
/// returns the problem with a literal: the problem itself for a literal, the problem with the
/// parameter's default (a warning at most, saying so), or an info line for a value known only
/// at deployment.
pub(super) fn verdict(
    diagram: &Diagram,
    what: &str,
    text: &Text,
    severity: Severity,
    problem: impl FnOnce(&str) -> Option<String>,
) -> Option<(Severity, String)> {
    let resolved = resolve(diagram, text);
    match resolved.origin {
        Origin::Literal => problem(text).map(|message| (severity, message)),
        Origin::Default(parameter) => problem(&resolved.value).map(|message| {
            (
                severity.max(Severity::Warning),
                default_message(parameter, &resolved.value, &message),
            )
        }),
        Origin::Unknown(source) => Some((Severity::Info, not_checked(what, &source))),
    }
}

/// "checked with the default of parameter X ("value"): problem".
pub(super) fn default_message(parameter: &str, value: &str, problem: &str) -> String {
    format!("checked with the default of parameter {parameter} (\"{value}\"): {problem}")
}

/// "not checked: the service role comes from parameter Role".
pub(super) fn not_checked(what: &str, source: &str) -> String {
    format!("not checked: {what} comes from {source}")
}

/// The finding for a name that repeats an earlier one, both resolved (see `literal`): an error
/// for literals, or the same intrinsic twice; a warning, saying so, when a parameter's default
/// makes them equal.
pub(super) fn repeated(earlier: &Resolved<'_>, this: &Resolved<'_>, message: String) -> (Severity, String) {
    match (&earlier.origin, &this.origin) {
        (Origin::Default(p), _) | (_, Origin::Default(p)) => {
            (Severity::Warning, default_message(p, &this.value, &message))
        }
        _ => (Severity::Error, message),
    }
}
