//! The enumerated values of a pipeline's own settings and of its triggers, as the CodePipeline
//! API reference lists them (`PipelineType`, `ExecutionMode`, `PipelineTriggerDeclaration`,
//! `GitPullRequestFilter`), for the inspector's drop-downs.

/// `pipelineType`.
pub const PIPELINE_TYPES: &[&str] = &["V1", "V2"];

/// `executionMode` (QUEUED and PARALLEL need a V2 pipeline).
pub const EXECUTION_MODES: &[&str] = &["QUEUED", "SUPERSEDED", "PARALLEL"];

/// A trigger's `providerType`: only connection sources take triggers.
pub const TRIGGER_PROVIDER: &str = "CodeStarSourceConnection";

/// The pull request events a pull request filter reacts to.
pub const PULL_REQUEST_EVENTS: &[&str] = &["OPEN", "UPDATED", "CLOSED"];

/// Filters of each kind in one trigger (`push` and `pullRequest`: 1 to 3).
pub const MAX_FILTERS: usize = 3;

/// Patterns in one `includes` or `excludes` list (1 to 8).
pub const MAX_PATTERNS: usize = 8;

/// The type of an artifact store's `encryptionKey`.
pub const ENCRYPTION_KEY_TYPE: &str = "KMS";
