//! Load stage, model, leave-behinds: which States get a one-page leave-behind.

use schemars::JsonSchema;
use serde::Deserialize;

use super::Brief;

/// Which States get a leave-behind (`leave-behind = { states = ["AM", "QA"] }`).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct LeaveBehind {
    /// The States, each as a previous recommendation's `by` names it (an ISO 3166 code
    /// such as `AM`, or a name as written). Optional; by default every State that made a
    /// previous recommendation, in the order they first appear.
    #[serde(default)]
    pub states: Option<Vec<String>>,
}

impl Brief {
    /// Every State that made a previous recommendation, as written, in the order they
    /// first appear.
    pub(crate) fn recommending_states(&self) -> Vec<&str> {
        let mut states: Vec<&str> = Vec::new();
        let all = self.issues.values().flat_map(|i| i.findings.values()).flat_map(|f| f.previous.values());
        for state in all.flat_map(|p| &p.by) {
            if !states.contains(&state.as_str()) {
                states.push(state);
            }
        }
        states
    }

    /// The States that get a leave-behind: those `leave-behind.states` names, else every
    /// recommending State.
    pub(crate) fn leave_behind_states(&self) -> Vec<&str> {
        match &self.leave_behind.states {
            Some(states) => states.iter().map(String::as_str).collect(),
            None => self.recommending_states(),
        }
    }
}
