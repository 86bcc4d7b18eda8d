//! Problems learners report about questions (`reports.ron`), kept so they can be sent to the
//! course authors.

use serde::{Deserialize, Serialize};

use super::store::DataFile;
use super::validate::{self, Invalid};

/// One report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub at_unix_secs: u64,
    /// The question's id.
    pub question: String,
    /// What the learner says is wrong.
    pub remark: String,
}

/// `reports.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reports {
    pub version: u32,
    #[serde(default)]
    pub reports: Vec<Report>,
}

impl Default for Reports {
    fn default() -> Self {
        Self {
            version: Self::VERSION,
            reports: Vec::new(),
        }
    }
}

impl DataFile for Reports {
    const NAME: &'static str = "reports.ron";
    const VERSION: u32 = 1;

    fn validate(&self) -> Result<(), Invalid> {
        validate::each("reports", &self.reports, |r| {
            validate::unix_time("at_unix_secs", r.at_unix_secs)
        })
    }
}
